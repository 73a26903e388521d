/**
 * Stacks test chains from real simnet runs: our Clarity contracts (the repository's Clarinet.toml)
 * run on the Clarinet SDK's simnet, and every block it mines becomes a stacks-node `/new_block`
 * payload (the event observer's shape, stacks-blockchain-api core-node-message.ts): the print
 * events' `raw_value` bytes are the simnet's own; each call is also built as a real signed
 * contract-call transaction (the simnet accounts' keys from clarity/settings/Devnet.toml) whose
 * bytes are the payload's `raw_tx` and whose id is the `txid`, so the bridge finds the sender the
 * way it does with a real node. Block hashes are derived from the parent hash, the height and the
 * block's content: the same calls on the same parent give the same block, so two runs that share a
 * prefix of calls share those blocks and diverge into a fork after it.
 */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { HDKey } from "@scure/bip32";
import { mnemonicToSeedSync } from "@scure/bip39";
import { initSimnet } from "@stacks/clarinet-sdk";
import { ClarityType, cvToValue, getAddressFromPrivateKey, makeContractCall, type ClarityValue } from "@stacks/transactions";
import { ensureClarinetSettings } from "../../scripts/codegen/clarinetSettings.ts";
import { repoRoot } from "../../scripts/dev/stack.ts";

type Simnet = Awaited<ReturnType<typeof initSimnet>>;

export interface NewBlockPayload {
  block_hash: string;
  index_block_hash: string;
  parent_index_block_hash: string;
  parent_block_hash: string;
  block_height: number;
  block_time: number;
  burn_block_time: number;
  burn_block_height: number;
  transactions: { txid: string; tx_index: number; raw_tx: string; status: string; raw_result: string }[];
  events: ({ txid: string; event_index: number; committed: boolean } & (
    | { type: "contract_event"; contract_event: { contract_identifier: string; topic: "print"; value: unknown; raw_value: string } }
    | { type: FtEventType; [data: string]: unknown }
  ))[];
}

/** The SIP-010 asset events a payload carries (the node's names; the simnet reports them alike). */
const FT_EVENT_TYPES = ["ft_mint_event", "ft_transfer_event", "ft_burn_event"] as const;
type FtEventType = (typeof FT_EVENT_TYPES)[number];

const sha256 = (s: string) => `0x${createHash("sha256").update(s).digest("hex")}`;

/** The simnet accounts' private keys (Devnet.toml mnemonics, m/44'/5757'/0'/0/0), by address. */
function accountKeys(accounts: Map<string, string>): Map<string, string> {
  const toml = readFileSync(join(repoRoot, "clarity/settings/Devnet.toml"), "utf8");
  const keys = new Map<string, string>();
  for (const m of toml.matchAll(/\[accounts\.(\w+)\]\s*\nmnemonic\s*=\s*"([^"]+)"/g)) {
    const node = HDKey.fromMasterSeed(mnemonicToSeedSync(m[2]!)).derive("m/44'/5757'/0'/0/0");
    const key = `${Buffer.from(node.privateKey!).toString("hex")}01`;
    const address = accounts.get(m[1]!);
    if (address && address === getAddressFromPrivateKey(key, "testnet")) keys.set(address, key);
  }
  return keys;
}

/** A simnet session recording its blocks as observer payloads. */
export class SimnetChain {
  readonly blocks: NewBlockPayload[] = [];
  private readonly nonces = new Map<string, number>();
  private constructor(
    readonly simnet: Simnet,
    readonly accounts: Map<string, string>,
    private readonly keys: Map<string, string>,
  ) {}

  /** A fresh simnet (the contracts deployed), its tip recorded as the first block (no events). */
  static async start(): Promise<SimnetChain> {
    ensureClarinetSettings(repoRoot);
    // initSimnet reuses one SDK per process and starts a fresh session each time.
    const simnet = await initSimnet(join(repoRoot, "Clarinet.toml"));
    const accounts = simnet.getAccounts();
    const chain = new SimnetChain(simnet, accounts, accountKeys(accounts));
    chain.record([]);
    return chain;
  }

  get deployer(): string {
    return this.simnet.deployer;
  }

  account(name: string): string {
    const a = this.accounts.get(name);
    if (!a) throw new Error(`no simnet account ${name}`);
    return a;
  }

  /** Height of the last block recorded. */
  get tipHeight(): number {
    return this.blocks.at(-1)!.block_height;
  }

  /** Appends the simnet's tip block (and any empty blocks mined before it) as payloads. */
  private record(txs: { raw: string; txid: string; result: ClarityValue; events: { event: string; data: any }[] }[]): void {
    const height = this.simnet.blockHeight;
    const time = Number(this.simnet.getBlockTime());
    let parent = this.blocks.at(-1);
    // Empty blocks the simnet mined in between (none in our scenarios, kept for completeness).
    for (let h = (parent?.block_height ?? height - 1) + 1; parent && h < height; h++) {
      parent = this.push(parent, h, parent.block_time, []);
    }
    this.push(parent, height, time, txs);
  }

  private push(parent: NewBlockPayload | undefined, height: number, time: number, txs: Parameters<SimnetChain["record"]>[0]): NewBlockPayload {
    const parentHash = parent?.index_block_hash ?? sha256("simnet genesis");
    const events: NewBlockPayload["events"] = [];
    for (const tx of txs) {
      for (const e of tx.events) {
        if ((FT_EVENT_TYPES as readonly string[]).includes(e.event)) {
          // The node's shape: { type: "ft_mint_event", ft_mint_event: { asset_identifier, recipient, amount } }.
          events.push({ txid: tx.txid, event_index: events.length, committed: true, type: e.event as FtEventType, [e.event]: { ...e.data, amount: String(e.data.amount) } });
          continue;
        }
        if (e.event !== "print_event") continue;
        events.push({
          txid: tx.txid,
          event_index: events.length,
          committed: true,
          type: "contract_event",
          contract_event: { contract_identifier: e.data.contract_identifier, topic: "print", value: null, raw_value: e.data.raw_value },
        });
      }
    }
    const content = JSON.stringify([txs.map((t) => t.txid), events.map((e) => (e.type === "contract_event" ? e.contract_event.raw_value : JSON.stringify(e))), time]);
    const block: NewBlockPayload = {
      block_hash: sha256(`block ${height} ${content}`),
      index_block_hash: sha256(`index ${parentHash} ${height} ${content}`),
      parent_index_block_hash: parentHash,
      parent_block_hash: parent?.block_hash ?? sha256("simnet genesis block"),
      block_height: height,
      block_time: time,
      burn_block_time: time,
      burn_block_height: Number(this.simnet.burnBlockHeight),
      transactions: txs.map((t, i) => ({ txid: t.txid, tx_index: i, raw_tx: t.raw, status: "success", raw_result: "0x" })),
      events,
    };
    this.blocks.push(block);
    return block;
  }

  /**
   * Calls a public function as `sender` (one block), expects `(ok …)`, records the block and
   * returns the ok value.
   */
  async call(contract: string, fn: string, args: ClarityValue[], sender: string): Promise<ClarityValue> {
    const key = this.keys.get(sender);
    if (!key) throw new Error(`no key for ${sender}`);
    const nonce = this.nonces.get(sender) ?? 0;
    this.nonces.set(sender, nonce + 1);
    const [contractAddress, contractName] = (contract.includes(".") ? contract : `${this.deployer}.${contract}`).split(".") as [string, string];
    const tx = await makeContractCall({ contractAddress, contractName, functionName: fn, functionArgs: args, senderKey: key, network: "testnet", fee: 0, nonce, postConditionMode: "allow" });
    const r = this.simnet.callPublicFn(`${contractAddress}.${contractName}`, fn, args, sender);
    if (r.result.type !== ClarityType.ResponseOk) throw new Error(`${contractName}.${fn} by ${sender} failed: ${JSON.stringify(cvToValue(r.result))}`);
    this.record([{ raw: `0x${tx.serialize()}`, txid: `0x${tx.txid()}`, result: r.result, events: r.events as never }]);
    return r.result.value;
  }

  /** The private key of a simnet account (for SIP-018 signatures). */
  privateKey(address: string): string {
    const key = this.keys.get(address);
    if (!key) throw new Error(`no key for ${address}`);
    return key;
  }

  /**
   * The prints `contract`'s deployment made, recorded as a block of that contract: the simnet
   * deployed our contracts before any recording (initSimnet), so the same source is deployed
   * again under another name by the same deployer and its top-level prints (e.g. badges.clar's
   * tier configs, printed for every tier at deployment) are relabelled to `contract`. The values
   * are the simnet's bytes; a real node reports them in the deployment's block.
   */
  async deploymentPrints(contract: string): Promise<void> {
    const source = this.simnet.getContractSource(`${this.deployer}.${contract}`);
    if (!source) throw new Error(`no source for ${contract}`);
    const twin = `${contract}-deployment-twin`;
    const r = this.simnet.deployContract(twin, source, { clarityVersion: 4 }, this.deployer);
    const events = (r.events as { event: string; data: any }[]).map((e) =>
      e.event === "print_event" && e.data.contract_identifier === `${this.deployer}.${twin}` ? { ...e, data: { ...e.data, contract_identifier: `${this.deployer}.${contract}` } } : e,
    );
    this.record([{ raw: "0x00", txid: `0x${createHash("sha256").update(`deploy ${contract} ${this.simnet.blockHeight}`).digest("hex")}`, result: r.result, events }]);
  }

  /**
   * Deploys `source` as `name` by `deployer` (one block) and records the block with the prints the
   * deployment made (e.g. a proposal contract for the DAO to vote on).
   */
  deploy(name: string, source: string, deployer = this.deployer): string {
    const r = this.simnet.deployContract(name, source, { clarityVersion: 4 }, deployer);
    const txid = `0x${createHash("sha256").update(`deploy ${deployer}.${name} ${this.simnet.blockHeight}`).digest("hex")}`;
    this.record([{ raw: "0x00", txid, result: r.result, events: r.events as never }]);
    return `${deployer}.${name}`;
  }

  /** Mines one empty block and records it. */
  mineEmpty(): void {
    this.simnet.mineEmptyStacksBlock();
    this.record([]);
  }

  /** A read-only function's value (unwrapped when it is an optional some or an ok). */
  read(contract: string, fn: string, args: ClarityValue[]): ClarityValue {
    const r = this.simnet.callReadOnlyFn(contract, fn, args, this.deployer).result;
    return r.type === ClarityType.OptionalSome || r.type === ClarityType.ResponseOk ? r.value : r;
  }
}
