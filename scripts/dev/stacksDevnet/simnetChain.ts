/**
 * A local Stacks chain from the Clarinet SDK's simnet: our Clarity contracts (the repository's
 * Clarinet.toml) deployed, and every block it mines recorded as a stacks-node `/new_block`
 * payload (the event observer's shape, stacks-blockchain-api core-node-message.ts): the print
 * events' `raw_value` bytes are the simnet's own; each transaction is a real signed transaction
 * (the simnet accounts' keys from clarity/settings/Devnet.toml) whose bytes are the payload's
 * `raw_tx` and whose id is the `txid`, so the bridge finds the sender the way it does with a real
 * node. Block hashes are derived from the parent hash, the height and the block's content: the
 * same calls on the same parent give the same block, so two runs that share a prefix of calls
 * share those blocks and diverge into a fork after it.
 *
 * Transactions arrive signed (`broadcast`, what POST /v2/transactions receives from a wallet),
 * or are signed here for a simnet account (`call` for scripts and tests, `submit` for a wallet
 * request): either way they are checked as a node's mempool does (version, signature, nonce, the
 * contract and function exist), run (one block each), checked against their post-conditions, and
 * recorded with the node's status (`success`, `abort_by_response`, `abort_by_post_condition`).
 *
 * Limits of the simnet: no fees are charged; a transaction aborted by its post-conditions keeps
 * its effects in the simnet's state (the SDK cannot roll one back) while its block, like a node's,
 * reports it aborted and none of its events; `initSimnet` keeps one session per process, so one
 * live SimnetChain per process (starting another resets the first's simnet).
 */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { HDKey } from "@scure/bip32";
import { mnemonicToSeedSync } from "@scure/bip39";
import { initSimnet } from "@stacks/clarinet-sdk";
import {
  Cl,
  ClarityType,
  ClarityVersion,
  PayloadType,
  PostConditionMode,
  addressToString,
  cvToString,
  deserializeTransaction,
  getAddressFromPrivateKey,
  makeContractCall,
  makeContractDeploy,
  signStructuredData,
  serializeCV,
  wireToPostCondition,
  type ClarityValue,
  type StacksTransactionWire,
} from "@stacks/transactions";
import { txSender } from "../../../indexer/stacks/payload.ts";
import { ensureClarinetSettings } from "../../codegen/clarinetSettings.ts";
import { repoRoot } from "../stack.ts";
import { violatesPostConditions, type AssetEvent } from "./postConditions.ts";

type Simnet = Awaited<ReturnType<typeof initSimnet>>;

/** What a node reports for a transaction in a block. */
export type TxStatus = "success" | "abort_by_response" | "abort_by_post_condition";

export interface NewBlockPayload {
  block_hash: string;
  index_block_hash: string;
  parent_index_block_hash: string;
  parent_block_hash: string;
  block_height: number;
  block_time: number;
  burn_block_time: number;
  burn_block_height: number;
  transactions: { txid: string; tx_index: number; raw_tx: string; status: TxStatus; raw_result: string }[];
  events: ({ txid: string; event_index: number; committed: boolean } & (
    | { type: "contract_event"; contract_event: { contract_identifier: string; topic: "print"; value: unknown; raw_value: string } }
    | { type: AssetEventType; [data: string]: unknown }
  ))[];
}

/** A mined transaction, as the Stacks API's /extended/v1/tx answers it (./api.ts). */
export interface TxRecord {
  txid: `0x${string}`;
  sender: string;
  nonce: number;
  kind: "contract_call" | "smart_contract" | "token_transfer";
  /** The contract called or deployed (contract calls and deploys). */
  contract?: string;
  functionName?: string;
  status: TxStatus;
  result: ClarityValue;
  /** Why the simnet refused to run it (a runtime or analysis error: a node reports `(err none)`). */
  vmError?: string;
  /** Why the post-conditions aborted it. */
  postConditionViolation?: string;
  blockHeight: number;
  blockHash: string;
  blockTime: number;
}

/** A transaction a node's mempool would refuse (stacks-node MemPoolRejection names). */
export class TxRejectedError extends Error {
  constructor(
    readonly reason: string,
    message: string,
    readonly reasonData?: Record<string, unknown>,
  ) {
    super(message);
  }
}

/**
 * A wallet request as @stacks/connect sends it (`stx_callContract`, `stx_deployContract`):
 * Clarity arguments and post-conditions as hex.
 */
export type WalletRequest =
  | {
      method: "stx_callContract";
      params: { contract: string; functionName: string; functionArgs?: string[]; postConditionMode?: string; postConditions?: string[] };
    }
  | {
      method: "stx_deployContract";
      params: { name: string; clarityCode: string; clarityVersion?: number | string; postConditionMode?: string; postConditions?: string[] };
    };

/** The SIP-010 and SIP-009 asset events a payload carries (the node's names; the simnet reports them alike). */
const ASSET_EVENT_TYPES = ["ft_mint_event", "ft_transfer_event", "ft_burn_event", "nft_mint_event", "nft_transfer_event", "nft_burn_event"] as const;
type AssetEventType = (typeof ASSET_EVENT_TYPES)[number];

/** `chain-id` of testnet and devnet (the simnet's), in transactions and Clarity. */
const TESTNET_CHAIN_ID = 0x8000_0000;
/** TransactionVersion.Testnet. */
const TESTNET_TX_VERSION = 0x80;

const sha256 = (s: string) => `0x${createHash("sha256").update(s).digest("hex")}`;

/** Runs `fn` without the simnet's console echo of every `print` event. */
export function quietly<T>(fn: () => T): T {
  const log = console.log;
  console.log = () => {};
  try {
    return fn();
  } finally {
    console.log = log;
  }
}

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

interface RecordedTx {
  raw: string;
  txid: string;
  result: ClarityValue;
  events: { event: string; data: any }[];
  status?: TxStatus;
}

/** A simnet session recording its blocks as observer payloads. */
export class SimnetChain {
  readonly blocks: NewBlockPayload[] = [];
  /** Every transaction run, by txid (0x…). */
  readonly txs = new Map<string, TxRecord>();
  private readonly nonces = new Map<string, number>();
  private readonly listeners = new Set<(block: NewBlockPayload) => void>();
  /** Signing is asynchronous and takes the next nonce first: one signer at a time. */
  private signing: Promise<unknown> = Promise.resolve();
  private constructor(
    readonly simnet: Simnet,
    readonly accounts: Map<string, string>,
    private readonly keys: Map<string, string>,
  ) {}

  /** A fresh simnet (the contracts deployed), its tip recorded as the first block (no events). */
  static async start(): Promise<SimnetChain> {
    ensureClarinetSettings(repoRoot);
    // initSimnet reuses one SDK per process and starts a fresh session each time.
    // The deployments' prints are echoed as "<value> (contract:line)"; other output (this is
    // asynchronous: other code logs meanwhile) goes through.
    const log = console.log;
    console.log = (...args: unknown[]) => {
      if (!(args.length === 1 && typeof args[0] === "string" && /\([\w-]+:\d+\)$/.test(args[0]))) log(...args);
    };
    const simnet = await initSimnet(join(repoRoot, "Clarinet.toml")).finally(() => (console.log = log));
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

  /** The next nonce of `address` (the number of its transactions run). */
  nonce(address: string): number {
    return this.nonces.get(address) ?? 0;
  }

  /** Calls `listener` with every block recorded from now on; returns its removal. */
  onBlock(listener: (block: NewBlockPayload) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Appends the simnet's tip block (and any blocks mined before it but not recorded, as empty blocks) as payloads. */
  private record(txs: RecordedTx[]): NewBlockPayload {
    const height = this.simnet.blockHeight;
    const time = Number(this.simnet.getBlockTime());
    let parent = this.blocks.at(-1);
    // Blocks the simnet mined without a recording call in between (direct simnet use, a call the
    // simnet refused): empty, so the chain stays contiguous.
    for (let h = (parent?.block_height ?? height - 1) + 1; parent && h < height; h++) {
      parent = this.push(parent, h, parent.block_time, []);
    }
    return this.push(parent, height, time, txs);
  }

  private push(parent: NewBlockPayload | undefined, height: number, time: number, txs: RecordedTx[]): NewBlockPayload {
    const parentHash = parent?.index_block_hash ?? sha256("simnet genesis");
    const events: NewBlockPayload["events"] = [];
    for (const tx of txs) {
      // Events of an aborted transaction never happened: the node sends them uncommitted.
      const committed = (tx.status ?? "success") === "success";
      for (const e of tx.events) {
        if ((ASSET_EVENT_TYPES as readonly string[]).includes(e.event)) {
          // The node's shapes: { type: "ft_mint_event", ft_mint_event: { asset_identifier, recipient, amount } },
          // { type: "nft_mint_event", nft_mint_event: { asset_identifier, recipient, raw_value } } (the token id as hex).
          const { value: _decoded, ...data } = e.data as Record<string, unknown>;
          const fields = e.event.startsWith("ft_") ? { ...data, amount: String(data.amount) } : data;
          events.push({ txid: tx.txid, event_index: events.length, committed, type: e.event as AssetEventType, [e.event]: fields });
          continue;
        }
        if (e.event !== "print_event") continue;
        events.push({
          txid: tx.txid,
          event_index: events.length,
          committed,
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
      transactions: txs.map((t, i) => ({ txid: t.txid, tx_index: i, raw_tx: t.raw, status: t.status ?? "success", raw_result: `0x${serializeCV(t.result)}` })),
      events,
    };
    this.blocks.push(block);
    for (const listener of this.listeners) listener(block);
    return block;
  }

  /**
   * Runs a signed transaction (hex or bytes, as POST /v2/transactions receives it) in a block of
   * its own, after a node mempool's checks (TxRejectedError when refused), and records it.
   */
  broadcast(raw: string | Uint8Array): TxRecord {
    const hex = typeof raw === "string" ? raw.replace(/^0x/, "").toLowerCase() : Buffer.from(raw).toString("hex");
    let tx: StacksTransactionWire;
    try {
      tx = deserializeTransaction(hex);
    } catch (error) {
      throw new TxRejectedError("Deserialization", `not a Stacks transaction: ${(error as Error).message}`);
    }
    if (tx.transactionVersion !== TESTNET_TX_VERSION || tx.chainId !== TESTNET_CHAIN_ID) {
      throw new TxRejectedError("BadTransactionVersion", `this devnet takes testnet transactions (chain id ${TESTNET_CHAIN_ID}), got version ${tx.transactionVersion} chain id ${tx.chainId}`);
    }
    try {
      tx.verifyOrigin();
    } catch (error) {
      throw new TxRejectedError("SignatureValidation", `bad signature: ${(error as Error).message}`);
    }
    const sender = txSender(hex);
    const nonce = Number(tx.auth.spendingCondition.nonce);
    if (nonce !== this.nonce(sender)) {
      throw new TxRejectedError("BadNonce", `nonce ${nonce} of ${sender}, expected ${this.nonce(sender)}`, { expected: this.nonce(sender), actual: nonce, is_origin: true, principal: sender });
    }
    const txid = `0x${tx.txid()}` as const;
    if (this.txs.has(txid)) throw new TxRejectedError("ConflictingNonceInMempool", `transaction ${txid} already mined`);

    const p = tx.payload;
    let kind: TxRecord["kind"];
    let contract: string | undefined;
    let functionName: string | undefined;
    let run: () => { result: ClarityValue; events: AssetEvent[] };
    if (p.payloadType === PayloadType.ContractCall) {
      kind = "contract_call";
      contract = `${addressToString(p.contractAddress)}.${p.contractName.content}`;
      functionName = p.functionName.content;
      const iface = this.simnet.getContractsInterfaces().get(contract);
      if (!iface) throw new TxRejectedError("NoSuchContract", `no contract ${contract}`);
      const fn = iface.functions.find((f) => f.name === functionName);
      if (!fn || fn.access !== "public") throw new TxRejectedError("NoSuchPublicFunction", `no public function ${functionName} in ${contract}`);
      if (fn.args.length !== p.functionArgs.length) {
        throw new TxRejectedError("BadFunctionArgument", `${functionName} takes ${fn.args.length} arguments, got ${p.functionArgs.length}`);
      }
      const [c, f, a] = [contract, functionName, p.functionArgs];
      run = () => this.simnet.callPublicFn(c, f, a, sender) as never;
    } else if (p.payloadType === PayloadType.SmartContract || p.payloadType === PayloadType.VersionedSmartContract) {
      kind = "smart_contract";
      contract = `${sender}.${p.contractName.content}`;
      if (this.simnet.getContractsInterfaces().has(contract)) throw new TxRejectedError("ContractAlreadyExists", `${contract} exists`);
      const version = p.payloadType === PayloadType.VersionedSmartContract ? p.clarityVersion : undefined;
      const [name, code] = [p.contractName.content, p.codeBody.content];
      run = () => this.simnet.deployContract(name, code, version ? { clarityVersion: version as 4 } : null, sender) as never;
    } else if (p.payloadType === PayloadType.TokenTransfer) {
      kind = "token_transfer";
      const recipient = cvToString(p.recipient).replace(/^'/, "");
      if (p.amount <= 0n) throw new TxRejectedError("TransferAmountMustBePositive", "amount must be positive");
      if (recipient === sender) throw new TxRejectedError("TransferRecipientIsSender", "recipient is the sender");
      if (this.stxBalance(sender) < p.amount) throw new TxRejectedError("NotEnoughFunds", `${sender} holds less than ${p.amount} µSTX`);
      const amount = p.amount;
      run = () => this.simnet.transferSTX(amount, recipient, sender) as never;
    } else {
      throw new TxRejectedError("ServerFailureOther", `payload type ${p.payloadType} is not taken by this devnet`);
    }

    this.nonces.set(sender, nonce + 1);
    let result: ClarityValue;
    let events: AssetEvent[] = [];
    let vmError: string | undefined;
    try {
      ({ result, events } = quietly(run));
    } catch (error) {
      // A runtime or analysis error: the node mines the transaction as aborted, result (err none).
      result = Cl.error(Cl.none());
      vmError = (error as Error).message;
    }
    const succeeded = !vmError && (result.type === ClarityType.ResponseOk || result.type === ClarityType.BoolTrue);
    const postConditions = tx.postConditions.values.map((w) => wireToPostCondition(w as never));
    const violation = succeeded ? violatesPostConditions(events, postConditions, tx.postConditionMode, sender) : undefined;
    const status: TxStatus = !succeeded ? "abort_by_response" : violation ? "abort_by_post_condition" : "success";
    const block = this.record([{ raw: `0x${hex}`, txid, result, events: events as never, status }]);
    const record: TxRecord = {
      txid,
      sender,
      nonce,
      kind,
      contract,
      functionName,
      status,
      result,
      vmError,
      postConditionViolation: violation,
      blockHeight: block.block_height,
      blockHash: block.index_block_hash,
      blockTime: block.block_time,
    };
    this.txs.set(txid, record);
    return record;
  }

  /** Signs `request` (a wallet's call or deploy) as simnet account `sender` and broadcasts it. */
  submit(sender: string, request: WalletRequest): Promise<TxRecord> {
    return this.serially(() => this.signAndBroadcast(sender, request));
  }

  private serially<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.signing.then(fn, fn);
    this.signing = run.catch(() => undefined);
    return run;
  }

  private async signAndBroadcast(sender: string, request: WalletRequest): Promise<TxRecord> {
    const senderKey = this.privateKey(sender);
    const common = {
      senderKey,
      network: "testnet" as const,
      fee: 0,
      nonce: this.nonce(sender),
      postConditionMode: (request.params.postConditionMode ?? "deny") as "deny" | "allow",
      postConditions: request.params.postConditions ?? [],
    };
    if (request.method === "stx_deployContract") {
      const p = request.params;
      const tx = await makeContractDeploy({ ...common, contractName: p.name, codeBody: p.clarityCode, clarityVersion: Number(p.clarityVersion ?? ClarityVersion.Clarity4) as ClarityVersion });
      return this.broadcast(tx.serialize());
    }
    const p = request.params;
    const [contractAddress, contractName] = p.contract.split(".") as [string, string];
    const functionArgs = (p.functionArgs ?? []).map((a) => a.replace(/^0x/, ""));
    const tx = await makeContractCall({ ...common, contractAddress, contractName, functionName: p.functionName, functionArgs: functionArgs.map((a) => Cl.deserialize(a)) });
    return this.broadcast(tx.serialize());
  }

  /**
   * Calls a public function as `sender` (one block), expects `(ok …)`, records the block and
   * returns the ok value.
   */
  async call(contract: string, fn: string, args: ClarityValue[], sender: string): Promise<ClarityValue> {
    const key = this.keys.get(sender);
    if (!key) throw new Error(`no key for ${sender}`);
    const [contractAddress, contractName] = (contract.includes(".") ? contract : `${this.deployer}.${contract}`).split(".") as [string, string];
    const r = await this.serially(async () => {
      const tx = await makeContractCall({ contractAddress, contractName, functionName: fn, functionArgs: args, senderKey: key, network: "testnet", fee: 0, nonce: this.nonce(sender), postConditionMode: "allow" });
      return this.broadcast(tx.serialize());
    });
    if (r.status !== "success") throw new Error(`${contractName}.${fn} by ${sender} failed: ${r.vmError ?? cvToString(r.result)}`);
    return (r.result as { value: ClarityValue }).value;
  }

  /** The private key of a simnet account (for signatures). */
  privateKey(address: string): string {
    const key = this.keys.get(address);
    if (!key) throw new Error(`no key for ${address}`);
    return key;
  }

  /**
   * submit-attestation's arguments: `attester`'s SIP-018 signature of an attestation of `subject`
   * (badges.clar get-attestation-digest), valid for a year from the chain's time.
   */
  attestation(attester: string, subject: string, kind: number, nonce: number): ClarityValue[] {
    const expiresAt = this.simnet.getBlockTime() + 365n * 86_400n;
    const message = Cl.tuple({ badges: Cl.principal(`${this.deployer}.badges`), subject: Cl.principal(subject), kind: Cl.uint(kind), "expires-at": Cl.uint(expiresAt), nonce: Cl.uint(nonce) });
    const signature = signStructuredData({ message, domain: this.read("badges", "get-attestation-domain", []), privateKey: this.privateKey(attester) });
    return [Cl.principal(subject), Cl.uint(kind), Cl.uint(expiresAt), Cl.uint(nonce), Cl.bufferFromHex(signature)];
  }

  /** Available µSTX of `principal`. */
  stxBalance(principal: string): bigint {
    return this.simnet.getAssetsMap().get("STX")?.get(principal) ?? 0n;
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
    const r = quietly(() => this.simnet.deployContract(twin, source, { clarityVersion: 4 }, this.deployer));
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
    const r = quietly(() => this.simnet.deployContract(name, source, { clarityVersion: 4 }, deployer));
    const txid = `0x${createHash("sha256").update(`deploy ${deployer}.${name} ${this.simnet.blockHeight}`).digest("hex")}`;
    this.record([{ raw: "0x00", txid, result: r.result, events: r.events as never }]);
    return `${deployer}.${name}`;
  }

  /** Mines `count` empty blocks and records them. */
  mineEmpty(count = 1): void {
    for (let i = 0; i < count; i++) {
      this.simnet.mineEmptyStacksBlock();
      this.record([]);
    }
  }

  /** Records the blocks the simnet mined outside this class (direct simnet use) as empty blocks. */
  catchUp(): void {
    if (this.simnet.blockHeight > this.tipHeight) this.record([]);
  }

  /** A read-only function's value (unwrapped when it is an optional some or an ok). */
  read(contract: string, fn: string, args: ClarityValue[]): ClarityValue {
    const r = this.simnet.callReadOnlyFn(contract, fn, args, this.deployer).result;
    return r.type === ClarityType.OptionalSome || r.type === ClarityType.ResponseOk ? r.value : r;
  }
}
