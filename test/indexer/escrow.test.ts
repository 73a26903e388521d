/**
 * The escrow indexer against a real Hardhat node and a real `ponder start`: real transactions go
 * in, and the GraphQL and SQL-over-HTTP answers must match what the chain did, value for value.
 *
 * Run: npx tsx --test test/indexer/escrow.test.ts
 */
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { and, asc, createClient, eq, sql } from "@ponder/client";
import {
  createPublicClient,
  createWalletClient,
  decodeEventLog,
  http,
  keccak256,
  parseEther,
  toHex,
  zeroAddress,
  zeroHash,
  type Abi,
  type Address,
  type Hash,
  type PublicClient,
} from "viem";
import { hardhat } from "viem/chains";
import * as schema from "../../indexer/ponder.schema.ts";
import { stopAll } from "../../scripts/dev/processes.ts";
import { deployLocal, startHardhatNode, startIndexer } from "../../scripts/dev/stack.ts";

const NODE_PORT = 8546;
const INDEXER_PORT = 42070;
const CHAIN = "eip155:31337" as const;
const INDEX_TIMEOUT_MS = 60_000;

type Abis = typeof import("../../generated/abis.ts");

let rpcUrl: string;
let indexerUrl: string;
let workDir: string;
let abis: Abis;
let escrowAddress: Address;
let tokenAddress: Address;
let publicClient: PublicClient;
let accounts: Address[];
let feeBps: bigint;
/** Seconds from the last transaction's receipt to its row being served. */
let indexLatencyMs = 0;

// What the chain did, taken from the receipts (not from the indexer).
const chainFacts = {
  createTx: {} as Record<string, Hash>,
  fundTx: {} as Record<string, Hash>,
  releases: [] as { escrowId: bigint; index: bigint; amount: bigint; fee: bigint; payout: bigint; tx: Hash }[],
  withdrawals: [] as { account: Address; token: Address; amount: bigint; tx: Hash }[],
  completedTx: undefined as Hash | undefined,
  cancelledTx: undefined as Hash | undefined,
  submittedTx: {} as Record<string, Hash>,
  blockTimestamps: new Map<Hash, bigint>(),
};

const lower = (a: string) => a.toLowerCase();
const ceilFee = (amount: bigint, bps: bigint) => (amount * bps + 9_999n) / 10_000n;

async function send(from: Address, tx: { address: Address; abi: Abi; functionName: string; args?: readonly unknown[]; value?: bigint }): Promise<Hash> {
  const wallet = createWalletClient({ account: from, chain: hardhat, transport: http(rpcUrl) });
  const hash = await wallet.writeContract({ ...tx, chain: hardhat, account: from } as never);
  const receipt = await publicClient.waitForTransactionReceipt({ hash });
  assert.equal(receipt.status, "success", `${tx.functionName} reverted`);
  const block = await publicClient.getBlock({ blockNumber: receipt.blockNumber });
  chainFacts.blockTimestamps.set(hash, block.timestamp);
  for (const log of receipt.logs) {
    if (lower(log.address) !== lower(escrowAddress)) continue;
    const ev = decodeEventLog({ abi: abis.milestoneEscrowAbi, data: log.data, topics: log.topics });
    if (ev.eventName === "MilestoneReleased") chainFacts.releases.push({ ...ev.args, tx: hash });
    if (ev.eventName === "Withdrawn") chainFacts.withdrawals.push({ ...ev.args, tx: hash });
  }
  return hash;
}

async function gql<T = any>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const res = await fetch(`${indexerUrl}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await res.json()) as { data?: T; errors?: unknown };
  assert.equal(res.status, 200, `GraphQL answered ${res.status}: ${JSON.stringify(body)}`);
  assert.equal(body.errors, undefined, `GraphQL errors: ${JSON.stringify(body.errors)}`);
  return body.data as T;
}

async function poll<T>(what: string, check: () => Promise<T | undefined>): Promise<T> {
  const deadline = Date.now() + INDEX_TIMEOUT_MS;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await check();
      if (value !== undefined) return value;
    } catch (error) {
      last = error;
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`Timed out after ${INDEX_TIMEOUT_MS} ms waiting for ${what}${last ? `: ${String(last)}` : ""}`);
}

/** The SPA's dashboard query: a party's escrows, newest first, with milestones in order. */
const ESCROWS_BY_PARTY = /* GraphQL */ `
  query EscrowsByParty($where: escrowFilter) {
    escrows(where: $where, orderBy: "createdAt", orderDirection: "desc", limit: 50) {
      totalCount
      items {
        id chainId escrowId contract client freelancer token amounts total released feeBps status
        milestoneCount releasedCount createdAt createdBlock createdTx fundedAt fundedTx
        completedAt completedTx cancelledAt cancelledTx cancelledBy updatedAt
        milestones(orderBy: "index", orderDirection: "asc") {
          items { id chainId escrowId index amount status deliverable fee payout submittedAt submittedTx releasedAt releasedTx }
        }
      }
    }
  }
`;

describe("escrow indexer (Hardhat node + ponder start)", () => {
  const started = Date.now();

  before(async () => {
    workDir = mkdtempSync(join(tmpdir(), "worx-indexer-test-"));
    const logFile = join(workDir, "ponder.log");
    const chain = await startHardhatNode(NODE_PORT);
    rpcUrl = chain.rpcUrl;
    await deployLocal(rpcUrl);
    // Imported after the deploy: codegen has just (re)written both files.
    abis = await import("../../generated/abis.ts");
    const { evmContract } = await import("../../generated/deployments.ts");
    escrowAddress = evmContract(CHAIN, "MilestoneEscrow");
    tokenAddress = evmContract(CHAIN, "DemoStablecoin");

    publicClient = createPublicClient({ chain: hardhat, transport: http(rpcUrl) }) as PublicClient;
    for (const address of [escrowAddress, tokenAddress]) {
      assert.ok(((await publicClient.getCode({ address })) ?? "0x").length > 2, `no contract at ${address} on the test node`);
    }
    accounts = await createWalletClient({ chain: hardhat, transport: http(rpcUrl) }).getAddresses(); // unlocked
    feeBps = BigInt(await publicClient.readContract({ address: escrowAddress, abi: abis.milestoneEscrowAbi, functionName: "platformFeeBps" }));

    const t0 = Date.now();
    ({ url: indexerUrl } = await startIndexer({ rpcUrl, port: INDEXER_PORT, pgliteDir: join(workDir, "pglite"), logFile }));
    console.log(`# stack up in ${Date.now() - started} ms (ponder /health after ${Date.now() - t0} ms); ponder log: ${logFile}`);

    await runScenario();
  });

  after(async () => {
    await stopAll();
    if (process.env.WORX_KEEP_TEST_DATA !== "1") rmSync(workDir, { recursive: true, force: true });
  });

  const escrowAbi = () => abis.milestoneEscrowAbi as Abi;
  const tokenAbi = () => abis.demoStablecoinAbi as Abi;
  const deliverableHash = keccak256(toHex("worx: milestone 0 deliverable"));

  async function runScenario(): Promise<void> {
    const [feeRecipient, alice, bob, carol] = accounts;
    const escrow = { address: escrowAddress, abi: escrowAbi() };
    const token = { address: tokenAddress, abi: tokenAbi() };

    // Escrow 1: ERC-20, alice pays bob, both milestones released, everyone withdraws.
    await send(alice, { ...token, functionName: "mint", args: [alice, 1_000_000_000n] });
    await send(alice, { ...token, functionName: "approve", args: [escrowAddress, 350_000_005n] });
    chainFacts.createTx["1"] = await send(alice, { ...escrow, functionName: "createEscrow", args: [bob, tokenAddress, [100_000_000n, 250_000_005n]] });
    chainFacts.fundTx["1"] = await send(alice, { ...escrow, functionName: "fundEscrow", args: [1n] });
    chainFacts.submittedTx["1:0"] = await send(bob, { ...escrow, functionName: "submitMilestone", args: [1n, 0n, deliverableHash] });
    await send(alice, { ...escrow, functionName: "approveMilestone", args: [1n, 0n] });
    chainFacts.submittedTx["1:1"] = await send(bob, { ...escrow, functionName: "submitMilestone", args: [1n, 1n, zeroHash] });
    chainFacts.completedTx = await send(alice, { ...escrow, functionName: "approveMilestone", args: [1n, 1n] });

    // Escrow 2: native coin, carol pays alice, left funded with milestone 0 submitted.
    chainFacts.createTx["2"] = await send(carol, { ...escrow, functionName: "createEscrow", args: [alice, zeroAddress, [parseEther("1"), parseEther("2.5")]] });
    chainFacts.fundTx["2"] = await send(carol, { ...escrow, functionName: "fundEscrow", args: [2n], value: parseEther("3.5") });
    chainFacts.submittedTx["2:0"] = await send(alice, { ...escrow, functionName: "submitMilestone", args: [2n, 0n, zeroHash] });

    // Escrow 3: ERC-20, alice with carol, cancelled by the freelancer before funding.
    chainFacts.createTx["3"] = await send(alice, { ...escrow, functionName: "createEscrow", args: [carol, tokenAddress, [5_000_000n]] });
    chainFacts.cancelledTx = await send(carol, { ...escrow, functionName: "cancelEscrow", args: [3n] });

    // Withdrawals: the freelancer, then the fee recipient (last transaction of the scenario).
    await send(bob, { ...escrow, functionName: "withdraw", args: [tokenAddress] });
    const lastTx = await send(feeRecipient, { ...escrow, functionName: "withdraw", args: [tokenAddress] });
    const sentAt = Date.now();

    // Events are indexed in order: once the last withdrawal is served, everything before it is.
    await poll("the last withdrawal to be indexed", async () => {
      const data = await gql<{ withdrawals: { items: { txHash: string }[] } }>(
        `query($tx: String!) { withdrawals(where: { txHash: $tx }) { items { txHash } } }`,
        { tx: lastTx },
      );
      return data.withdrawals.items.length === 1 ? true : undefined;
    });
    indexLatencyMs = Date.now() - sentAt;
    console.log(`# last transaction served by GraphQL ${indexLatencyMs} ms after its receipt`);
  }

  test("escrows by client and by freelancer, with nested milestones, match the chain exactly", async () => {
    const [, alice, bob, carol] = accounts;
    const ts = (h: Hash | undefined) => String(chainFacts.blockTimestamps.get(h!));

    const byClient = await gql(ESCROWS_BY_PARTY, { where: { client: alice, chainId: CHAIN } });
    assert.equal(byClient.escrows.totalCount, 2);
    // Newest first (escrow 3 was created after escrow 1).
    assert.deepEqual(byClient.escrows.items.map((e: any) => e.escrowId), ["3", "1"]);

    const [e3, e1] = byClient.escrows.items;
    const releases = chainFacts.releases.filter((r) => r.escrowId === 1n).sort((a, b) => Number(a.index - b.index));
    assert.equal(releases.length, 2);
    const fees = [100_000_000n, 250_000_005n].map((a) => ceilFee(a, feeBps));
    assert.deepEqual(fees, [10_000_000n, 25_000_001n], "the local deployment charges 10% (rounded up)");
    assert.deepEqual(
      releases.map((r) => [r.fee, r.payout]),
      fees.map((f, i) => [f, [100_000_000n, 250_000_005n][i] - f]),
      "the chain's own split",
    );

    assert.deepEqual(
      { ...e1, milestones: undefined },
      {
        id: `${CHAIN}:1`,
        chainId: CHAIN,
        escrowId: "1",
        contract: lower(escrowAddress),
        client: lower(alice),
        freelancer: lower(bob),
        token: lower(tokenAddress),
        amounts: ["100000000", "250000005"],
        total: "350000005",
        released: "350000005",
        feeBps: Number(feeBps),
        status: "completed",
        milestoneCount: 2,
        releasedCount: 2,
        createdAt: ts(chainFacts.createTx["1"]),
        createdBlock: String((await publicClient.getTransactionReceipt({ hash: chainFacts.createTx["1"] })).blockNumber),
        createdTx: chainFacts.createTx["1"],
        fundedAt: ts(chainFacts.fundTx["1"]),
        fundedTx: chainFacts.fundTx["1"],
        completedAt: ts(chainFacts.completedTx),
        completedTx: chainFacts.completedTx,
        cancelledAt: null,
        cancelledTx: null,
        cancelledBy: null,
        updatedAt: ts(chainFacts.completedTx),
        milestones: undefined,
      },
    );
    assert.deepEqual(
      e1.milestones.items,
      releases.map((r, i) => ({
        id: `${CHAIN}:1:${i}`,
        chainId: CHAIN,
        escrowId: "1",
        index: i,
        amount: String(r.amount),
        status: "released",
        deliverable: i === 0 ? deliverableHash : null,
        fee: String(r.fee),
        payout: String(r.payout),
        submittedAt: ts(chainFacts.submittedTx[`1:${i}`]),
        submittedTx: chainFacts.submittedTx[`1:${i}`],
        releasedAt: ts(r.tx),
        releasedTx: r.tx,
      })),
    );
    for (const m of e1.milestones.items) assert.equal(BigInt(m.fee) + BigInt(m.payout), BigInt(m.amount), "fee + payout == amount");
    assert.equal(e1.milestones.items.reduce((s: bigint, m: any) => s + BigInt(m.amount), 0n), BigInt(e1.released));

    assert.equal(e3.status, "cancelled");
    assert.equal(e3.cancelledBy, lower(carol));
    assert.equal(e3.cancelledTx, chainFacts.cancelledTx);
    assert.equal(e3.cancelledAt, ts(chainFacts.cancelledTx));
    assert.equal(e3.fundedTx, null);
    assert.equal(e3.released, "0");
    assert.deepEqual(e3.milestones.items.map((m: any) => [m.index, m.amount, m.status, m.fee]), [[0, "5000000", "pending", null]]);

    const byFreelancer = await gql(ESCROWS_BY_PARTY, { where: { freelancer: alice } });
    assert.equal(byFreelancer.escrows.totalCount, 1);
    const [e2] = byFreelancer.escrows.items;
    assert.equal(e2.id, `${CHAIN}:2`);
    assert.equal(e2.client, lower(carol));
    assert.equal(e2.token, zeroAddress);
    assert.equal(e2.status, "funded");
    assert.equal(e2.total, String(parseEther("3.5")));
    assert.equal(e2.released, "0");
    assert.equal(e2.releasedCount, 0);
    assert.equal(e2.fundedTx, chainFacts.fundTx["2"]);
    assert.equal(e2.updatedAt, ts(chainFacts.submittedTx["2:0"]));
    assert.deepEqual(
      e2.milestones.items.map((m: any) => [m.index, m.amount, m.status, m.deliverable, m.submittedTx, m.fee, m.payout]),
      [
        [0, String(parseEther("1")), "submitted", null, chainFacts.submittedTx["2:0"], null, null],
        [1, String(parseEther("2.5")), "pending", null, null, null, null],
      ],
    );

    // "My escrows": either side of the deal, one query.
    const mine = await gql(ESCROWS_BY_PARTY, { where: { OR: [{ client: alice }, { freelancer: alice }] } });
    assert.deepEqual(
      mine.escrows.items.map((e: any) => [e.id, e.status, e.milestones.items.length]),
      [
        [`${CHAIN}:3`, "cancelled", 1],
        [`${CHAIN}:2`, "funded", 2],
        [`${CHAIN}:1`, "completed", 2],
      ],
    );

    // A milestone points back at its escrow; the single-row query works by primary key.
    const one = await gql(`query($id: String!) { milestone(id: $id) { status escrow { id status } } escrow(id: "${CHAIN}:9") { id } }`, {
      id: `${CHAIN}:1:1`,
    });
    assert.deepEqual(one, { milestone: { status: "released", escrow: { id: `${CHAIN}:1`, status: "completed" } }, escrow: null });
  });

  test("fee flows, withdrawals and contract settings over GraphQL", async () => {
    const [feeRecipient, , bob] = accounts;
    const data = await gql(`{
      feeFlows(orderBy: "milestoneIndex") { totalCount items { id chainId escrowId milestoneIndex token amount recipient txHash } }
      withdrawals(orderBy: "blockNumber") { items { chainId account token amount txHash } }
      escrowContracts { items { id chainId address feeRecipient platformFeeBps paused } }
      adminActions(orderBy: "id") { items { action actor } }
    }`);
    const releases = chainFacts.releases.filter((r) => r.escrowId === 1n).sort((a, b) => Number(a.index - b.index));
    assert.deepEqual(
      data.feeFlows.items,
      releases.map((r) => ({
        id: `${CHAIN}:1:${r.index}`,
        chainId: CHAIN,
        escrowId: "1",
        milestoneIndex: Number(r.index),
        token: lower(tokenAddress),
        amount: String(r.fee),
        recipient: lower(feeRecipient),
        txHash: r.tx,
      })),
    );
    assert.equal(data.feeFlows.totalCount, 2);

    const bobPayouts = releases.reduce((s, r) => s + r.payout, 0n);
    const fees = releases.reduce((s, r) => s + r.fee, 0n);
    assert.equal(bobPayouts + fees, 350_000_005n);
    assert.deepEqual(chainFacts.withdrawals.map((w) => w.amount), [bobPayouts, fees], "the chain paid out every credit");
    assert.deepEqual(data.withdrawals.items, [
      { chainId: CHAIN, account: lower(bob), token: lower(tokenAddress), amount: String(bobPayouts), txHash: chainFacts.withdrawals[0].tx },
      { chainId: CHAIN, account: lower(feeRecipient), token: lower(tokenAddress), amount: String(fees), txHash: chainFacts.withdrawals[1].tx },
    ]);

    assert.deepEqual(data.escrowContracts.items, [
      {
        id: `${CHAIN}:${lower(escrowAddress)}`,
        chainId: CHAIN,
        address: lower(escrowAddress),
        feeRecipient: lower(feeRecipient),
        platformFeeBps: Number(feeBps),
        paused: false,
      },
    ]);
    // The constructor's grants and settings are the first entries of the audit log.
    assert.deepEqual(
      data.adminActions.items.map((a: any) => a.action).sort(),
      ["FeeRecipientUpdated", "PlatformFeeUpdated", "RoleGranted", "RoleGranted", "RoleGranted"],
    );
  });

  test("SQL over HTTP (@ponder/client) serves the same rows", async () => {
    const client = createClient(`${indexerUrl}/sql`, { schema });
    const rows = await client.db
      .select({ id: schema.escrow.id, status: schema.escrow.status, released: schema.escrow.released, total: schema.escrow.total })
      .from(schema.escrow)
      .where(eq(schema.escrow.chainId, CHAIN))
      .orderBy(asc(schema.escrow.escrowId));
    assert.deepEqual(rows, [
      { id: `${CHAIN}:1`, status: "completed", released: 350_000_005n, total: 350_000_005n },
      { id: `${CHAIN}:2`, status: "funded", released: 0n, total: parseEther("3.5") },
      { id: `${CHAIN}:3`, status: "cancelled", released: 0n, total: 5_000_000n },
    ]);

    const milestones = await client.db
      .select()
      .from(schema.milestone)
      .where(and(eq(schema.milestone.chainId, CHAIN), eq(schema.milestone.escrowId, 1n)))
      .orderBy(asc(schema.milestone.index));
    assert.deepEqual(
      milestones.map((m) => [m.index, m.status, m.amount, m.fee, m.payout, m.fee! + m.payout!]),
      [
        [0, "released", 100_000_000n, 10_000_000n, 90_000_000n, 100_000_000n],
        [1, "released", 250_000_005n, 25_000_001n, 225_000_004n, 250_000_005n],
      ],
    );

    const fees = await client.db.select().from(schema.feeFlow).orderBy(asc(schema.feeFlow.milestoneIndex));
    assert.deepEqual(fees.map((f) => [f.chainId, f.escrowId, f.milestoneIndex, f.amount, f.recipient]), [
      [CHAIN, 1n, 0, 10_000_000n, lower(accounts[0])],
      [CHAIN, 1n, 1, 25_000_001n, lower(accounts[0])],
    ]);

    // Relational query (what a client gets from `db.query`): escrow → milestones.
    const nested = await client.db.query.escrow.findFirst({
      where: (e, { eq }) => eq(e.id, `${CHAIN}:2`),
      with: { milestones: { orderBy: (m, { asc }) => [asc(m.index)] } },
    });
    assert.deepEqual(nested?.milestones.map((m) => m.status), ["submitted", "pending"]);
  });

  test("REST: GET /escrows/:chainId/:escrowId", async () => {
    const res = await fetch(`${indexerUrl}/escrows/${CHAIN}/1`);
    assert.equal(res.status, 200);
    const body = (await res.json()) as any;
    assert.equal(body.id, `${CHAIN}:1`);
    assert.equal(body.status, "completed");
    assert.equal(body.released, "350000005");
    assert.deepEqual(body.milestones.map((m: any) => [m.index, m.fee, m.payout]), [
      [0, "10000000", "90000000"],
      [1, "25000001", "225000004"],
    ]);
    await expectJsonError(await fetch(`${indexerUrl}/escrows/${CHAIN}/999`), 404, /No escrow 999/);
    await expectJsonError(await fetch(`${indexerUrl}/escrows/${CHAIN}/one`), 400, /Invalid escrow id/);
    await expectJsonError(await fetch(`${indexerUrl}/escrows/ethereum/1`), 400, /Invalid chain id/);
  });

  test("bad input answers 4xx with a JSON message and no stack trace", async () => {
    const post = (path: string, body: string) =>
      fetch(`${indexerUrl}${path}`, { method: "POST", headers: { "content-type": "application/json" }, body });

    await expectJsonError(await post("/graphql", JSON.stringify({ query: "{ escrows { items { id }" })), 400, /Syntax Error/);
    await expectJsonError(await post("/graphql", JSON.stringify({ query: "{ escrows { items { nope } } }" })), 400, /Cannot query field "nope"/);
    await expectJsonError(await post("/", "this is not json"), 400, /./);
    await expectJsonError(await post("/graphql", JSON.stringify({ query: "{ escrows(limit: 5000) { items { id } } }" })), 400, /Invalid limit/);

    await expectJsonError(await fetch(`${indexerUrl}/sql/db?sql=not-json`), 400, /superjson/);
    await expectJsonError(await fetch(`${indexerUrl}/sql/db`), 400, /Missing "sql"/);
    const encode = (sql: string) => encodeURIComponent(JSON.stringify({ json: { sql, params: [], typings: [] } }));
    await expectJsonError(await fetch(`${indexerUrl}/sql/db?sql=${encode("DELETE FROM escrow")}`), 400, /./);
    await expectJsonError(await fetch(`${indexerUrl}/sql/db?sql=${encode("SELECT * FROM no_such_table")}`), 400, /no_such_table/);
    await expectJsonError(await fetch(`${indexerUrl}/sql/db?sql=${encode("SELEC nonsense")}`), 400, /./);
    // The client library surfaces the message.
    const client = createClient(`${indexerUrl}/sql`, { schema });
    await assert.rejects(client.db.execute(sql`SELECT * FROM no_such_table`), /no_such_table/);

    await expectJsonError(await fetch(`${indexerUrl}/no/such/route`), 404, /No route GET \/no\/such\/route/);
    await expectJsonError(await fetch(`${indexerUrl}/graphql`, { method: "DELETE" }), 405, /not allowed/);
  });

  test("CORS is open to the SPA for GET and POST", async () => {
    const preflight = await fetch(`${indexerUrl}/graphql`, {
      method: "OPTIONS",
      headers: { origin: "http://localhost:5173", "access-control-request-method": "POST", "access-control-request-headers": "content-type" },
    });
    assert.ok(preflight.status === 204 || preflight.status === 200, `preflight ${preflight.status}`);
    assert.equal(preflight.headers.get("access-control-allow-origin"), "*");
    assert.match(preflight.headers.get("access-control-allow-methods") ?? "", /POST/);
    const get = await fetch(`${indexerUrl}/escrows/${CHAIN}/1`, { headers: { origin: "http://localhost:5173" } });
    assert.equal(get.headers.get("access-control-allow-origin"), "*");
  });
});

async function expectJsonError(res: Response, status: number, message: RegExp): Promise<void> {
  const text = await res.text();
  assert.equal(res.status, status, `expected ${status}, got ${res.status}: ${text}`);
  assert.match(res.headers.get("content-type") ?? "", /application\/json/);
  const body = JSON.parse(text) as { error?: unknown };
  assert.equal(typeof body.error, "string", `no error message in ${text}`);
  assert.match(body.error as string, message);
  assert.doesNotMatch(text, /\n\s+at |\bat [\w.<>]+ \(|node_modules|\.ts:\d+|\.js:\d+/, `stack trace leaked: ${text}`);
}
