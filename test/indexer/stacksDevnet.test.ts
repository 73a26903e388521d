/**
 * The local Stacks chain of `npm start` end to end: the devnet (scripts/dev/stacksDevnet/: the
 * simnet behind a Stacks API) delivers every block it mines to the Stacks bridge process
 * (indexer/stacks/main.ts), which real Ponder on PGlite indexes.
 *
 *   npx tsx --test test/indexer/stacksDevnet.test.ts
 *
 * Checked: transactions signed as a wallet signs them (@stacks/transactions, nonce read from the
 * API, deny-mode post-conditions) and broadcast to the devnet's POST /v2/transactions are mined,
 * their status is served at /extended/v1/tx, and they become rows served over REST and GraphQL;
 * transactions a node refuses (stale nonce, bad signature, unknown function) are refused with the
 * node's reason and mine nothing; the bridge SIGKILLed while the devnet mines, then restarted on
 * its database, still holds its blocks (the devnet delivers only the blocks mined since, no
 * replay) and the rows catch up.
 * Ports: devnet API 42097, bridge 42098, Ponder 42099.
 */
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { Cl, Pc, broadcastTransaction, fetchNonce, makeContractCall, type ClarityValue } from "@stacks/transactions";
import { stopAll } from "../../scripts/dev/processes.ts";
import { startBridgeProcess, startStacksDevnet, type BridgeProcess, type StacksDevnet } from "../../scripts/dev/stacksDevnet/index.ts";
import { gql, poll, startTestIndexer, waitForBlock, type TestIndexer } from "./harness.ts";

const CHAIN = "stacks:2147483648";
const PORTS = { api: 42097, bridge: 42098, ponder: 42099 };
const DAY = 86_400n;
const STX = 1_000_000n;

describe("the Stacks devnet: wallet transactions -> devnet API -> bridge -> Ponder rows", () => {
  let workDir: string;
  let devnet: StacksDevnet;
  let bridge: BridgeProcess;
  let ponder: TestIndexer;
  let alice: string;
  let bob: string;
  const client = () => ({ baseUrl: devnet.url });
  const bridgeDb = () => join(workDir, "bridge.sqlite");

  /** A contract call of `sender`'s as a wallet makes it: nonce from the API, signed, broadcast to the devnet. */
  async function walletCall(sender: string, functionName: string, functionArgs: ClarityValue[], postConditions: ReturnType<typeof stxSent>[] = []) {
    const nonce = await fetchNonce({ address: sender, client: client() });
    const transaction = await makeContractCall({
      contractAddress: devnet.chain.deployer,
      contractName: "escrow",
      functionName,
      functionArgs,
      senderKey: devnet.chain.privateKey(sender),
      network: "testnet",
      fee: 180,
      nonce,
      postConditionMode: "deny",
      postConditions,
      client: client(),
    });
    const answer = await broadcastTransaction({ transaction, client: client() });
    assert.ok("txid" in answer && !("error" in answer), `broadcast refused: ${JSON.stringify(answer)}`);
    const txid = `0x${answer.txid}`;
    const status = (await (await fetch(`${devnet.url}/extended/v1/tx/${txid}`)).json()) as { tx_status: string; tx_result: { repr: string }; block_height: number; sender_address: string };
    assert.equal(status.tx_status, "success", status.tx_result.repr);
    assert.equal(status.sender_address, sender);
    return { txid, height: status.block_height };
  }
  const stxSent = (who: string, amount: bigint) => Pc.principal(who).willSendEq(amount).ustx();

  const escrowRow = async (id: number) => {
    const res = await fetch(`${ponder.url}/escrows/${CHAIN}/${id}`);
    return res.status === 200 ? ((await res.json()) as { status: string; client: string; freelancer: string; total: string; timeline: { kind: string; txHash: string }[] }) : undefined;
  };

  before(async () => {
    workDir = mkdtempSync(join(tmpdir(), "worx-stacks-devnet-"));
    console.log(`# logs and data: ${workDir}`);
    bridge = await startBridgeProcess({ port: PORTS.bridge, dbPath: bridgeDb(), fresh: true, logFile: join(workDir, "bridge.log") });
    devnet = await startStacksDevnet({ apiPort: PORTS.api, bridgeUrl: bridge.url, log: () => {} });
    [alice, bob] = [devnet.chain.account("wallet_1"), devnet.chain.account("wallet_2")];
    await devnet.synced();
    ponder = await startTestIndexer({
      name: "Ponder (Stacks devnet)",
      kind: "pglite",
      port: PORTS.ponder,
      rpcUrl: "http://127.0.0.1:1", // no EVM chain is indexed (WORX_INDEX_CHAINS)
      workDir,
      env: { WORX_INDEX_CHAINS: CHAIN, WORX_STACKS_RPC_URL: bridge.rpcUrl, WORX_STACKS_NETWORK: "devnet", WORX_STACKS_START_BLOCK: String(devnet.firstBlock) },
    });
  });

  after(async () => {
    await devnet?.close();
    await stopAll();
    if (process.env.WORX_KEEP_TEST_DATA !== "1") rmSync(workDir, { recursive: true, force: true });
  });

  test("a signed contract call broadcast to the devnet API becomes a row served over REST and GraphQL", async () => {
    const due = devnet.chain.simnet.getBlockTime() + 10n * DAY;
    const terms = Cl.list([Cl.tuple({ amount: Cl.uint(7n * STX), "due-date": Cl.uint(due) })]);
    const created = await walletCall(alice, "create-escrow", [Cl.principal(bob), Cl.none(), terms, Cl.uint(3n * DAY), Cl.uint(7n * DAY), Cl.none()]);
    await devnet.synced();
    await waitForBlock(ponder, created.height, 120_000);
    const row = await poll("the escrow row", () => escrowRow(1), 30_000);
    assert.deepEqual([row.status, row.client, row.freelancer, row.total], ["created", alice, bob, String(7n * STX)]);
    assert.deepEqual(row.timeline.map((e) => [e.kind, e.txHash]), [["EscrowCreated", created.txid]], "the event's transaction is the broadcast txid");
    const data = await gql<{ escrows: { items: { id: string; status: string; client: string }[] } }>(
      ponder.url,
      `query($chain: String!) { escrows(where: { chainId: $chain }) { items { id status client } } }`,
      { chain: CHAIN },
    );
    assert.deepEqual(data.escrows.items, [{ id: `${CHAIN}:1`, status: "created", client: alice }]);
  });

  test("transactions a node refuses are refused with its reason and mine nothing", async () => {
    const tip = devnet.chain.tipHeight;
    const sign = (nonce: number, functionName = "cancel-escrow") =>
      makeContractCall({ contractAddress: devnet.chain.deployer, contractName: "escrow", functionName, functionArgs: [Cl.uint(1)], senderKey: devnet.chain.privateKey(alice), network: "testnet", fee: 180, nonce, postConditionMode: "deny" });
    const refused = async (body: string, reason: string) => {
      const res = await fetch(`${devnet.url}/v2/transactions`, { method: "POST", headers: { "content-type": "application/json" }, body });
      assert.equal(res.status, 400);
      assert.equal(((await res.json()) as { reason: string }).reason, reason);
    };
    await refused(JSON.stringify({ tx: (await sign(0)).serialize() }), "BadNonce"); // alice's nonce 0 is spent
    const next = devnet.chain.nonce(alice);
    await refused(JSON.stringify({ tx: (await sign(next, "no-such-function")).serialize() }), "NoSuchPublicFunction");
    const signed = (await sign(next)).serialize();
    // The argument (the payload's last byte: u1) changed to u2 after signing: the signature no longer matches.
    assert.ok(signed.endsWith("01"));
    await refused(JSON.stringify({ tx: `${signed.slice(0, -2)}02` }), "SignatureValidation");
    assert.equal(devnet.chain.tipHeight, tip, "nothing mined");
    assert.equal(devnet.chain.nonce(alice), next, "no nonce spent");
  });

  test("the bridge SIGKILLed while the devnet mines, then restarted on its database, resumes: no replay, rows catch up", async () => {
    const before = (await (await fetch(`${bridge.url}/health`)).json()) as { tip: { height: number; hash: string } };
    const deliveredBefore = devnet.feed!.stats.delivered;
    const blocksBefore = devnet.chain.blocks.length;
    process.kill(-bridge.process.child.pid!, "SIGKILL");
    await bridge.process.exited;
    // Mined while the bridge is down: the devnet keeps the block and retries its delivery.
    const funded = await walletCall(alice, "fund-escrow", [Cl.uint(1), Cl.none()], [stxSent(alice, 7n * STX)]);
    await new Promise((r) => setTimeout(r, 600));
    assert.ok(devnet.feed!.stats.failures > 0, "the delivery failed while the bridge was down");

    bridge = await startBridgeProcess({ port: PORTS.bridge, dbPath: bridgeDb(), logFile: join(workDir, "bridge-2.log") });
    const rpc = (await (
      await fetch(bridge.rpcUrl, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "eth_getBlockByNumber", params: [`0x${before.tip.height.toString(16)}`, false] }) })
    ).json()) as { result: { hash: string } };
    assert.equal(rpc.result.hash, before.tip.hash, "the block stored before the SIGKILL is still there");
    await devnet.synced();
    assert.equal(devnet.feed!.stats.delivered - deliveredBefore, devnet.chain.blocks.length - blocksBefore, "only the blocks mined since were delivered (none replayed)");
    assert.equal(devnet.feed!.stats.conflicts, 0);

    await waitForBlock(ponder, funded.height, 120_000);
    const row = await poll("the funded escrow", async () => ((await escrowRow(1))?.status === "funded" ? escrowRow(1) : undefined), 30_000);
    assert.deepEqual(row!.timeline.map((e) => [e.kind, e.txHash]).at(-1), ["EscrowFunded", funded.txid]);
  });
});
