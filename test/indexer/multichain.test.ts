/**
 * Two local EVM chains, one Ponder: Hardhat nodes with chain ids 31337 (A) and 31338 (B), LocalDemo
 * deployed on both through Ignition's create2 strategy (CreateX; the salt of hardhat.config.ts),
 * different real activity on each (two completed jobs for bob on A; on B the smaller demo seed,
 * scripts/dev/seedChainB.ts: carol's completed job, a native-coin job in review, an unfunded
 * escrow — escrow #3 exists on B only), then one `ponder start` indexing both chains, on PGlite and
 * on PostgreSQL side by side:
 *  - the deployment sits at the same addresses on both chains, every contract created by CreateX;
 *  - rows carry their chain (CAIP-2) and equal each chain's own views (escrows, milestones,
 *    freelancer stats), nothing of one chain under the other's id;
 *  - PGlite and PostgreSQL hold identical tables;
 *  - a reorganisation on chain B only (evm_snapshot / evm_revert, a longer fork), while chain A
 *    keeps producing rows, ends with B's rows on the canonical fork and A's rows untouched.
 *
 * Ports: chains 8564 / 8565, Ponder 42095 (PGlite) and 42105 (PostgreSQL), PostgreSQL 5549.
 * Run: npx tsx --test --test-reporter=spec test/indexer/multichain.test.ts
 * Keep logs and data: WORX_KEEP_TEST_DATA=1 (the path is printed).
 */
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { parseEther, parseEventLogs, parseUnits, zeroAddress, type Abi, type Address, type Hash } from "viem";
import { startPostgres, type PostgresServer } from "../../scripts/dev/postgres.ts";
import { run, stopAll } from "../../scripts/dev/processes.ts";
import { demoRoles, localAccount } from "../../scripts/dev/accounts.ts";
import { localClients } from "../../scripts/dev/localClients.ts";
import { deployLocal, repoRoot, startHardhatNode, startIndexer, type LocalChain } from "../../scripts/dev/stack.ts";
import { CREATEX_ADDRESS } from "../../scripts/deploy/createx.ts";
import { assertSameDump, DATABASE_LABEL as LABEL, dumpTables, gql, poll, type DatabaseKind, type Dump } from "./harness.ts";

const NODE_PORTS = { A: 8564, B: 8565 } as const;
const INDEXER_PORTS: Record<DatabaseKind, number> = { pglite: 42095, postgres: 42105 };
const POSTGRES_PORT = 5549;

type SideName = keyof typeof NODE_PORTS;
const CHAIN_ID: Record<SideName, number> = { A: 31337, B: 31338 };
const CAIP2: Record<SideName, `eip155:${number}`> = { A: "eip155:31337", B: "eip155:31338" };
/** Ponder's chain names (the registry keys), as /status reports them. */
const PONDER_NAME: Record<SideName, string> = { A: "localhost", B: "localhost2" };

const ESCROW_STATUS = ["none", "created", "funded", "completed", "cancelled", "closed"] as const;
const MILESTONE_STATUS = ["pending", "submitted", "released", "disputed", "refunded", "resolved"] as const;
const STAT_FIELDS = ["completedJobs", "milestonesDelivered", "milestonesOnTime", "milestonesReclaimed", "ratingCount", "ratingSum", "disputesOpened", "disputesLost"] as const;

/** CreateX's event for a CREATE2 deployment. */
const CONTRACT_CREATION = [
  { type: "event", name: "ContractCreation", inputs: [{ name: "newContract", type: "address", indexed: true }, { name: "salt", type: "bytes32", indexed: true }] },
] as const;

interface Side {
  name: SideName;
  caip2: `eip155:${number}`;
  node: LocalChain;
  clients: ReturnType<typeof localClients>;
}

interface RunningIndexer {
  name: string;
  kind: DatabaseKind;
  url: string;
  logFile: string;
}

type Abis = typeof import("../../generated/abis.ts");

let workDir = "";
let postgres: PostgresServer | undefined;
let postgresError: Error | undefined;
const sides = {} as Record<SideName, Side>;
let abis: Abis;
let escrow: Address;
let dusd: Address;
const indexers: Partial<Record<DatabaseKind, RunningIndexer>> = {};

const indexer = (kind: DatabaseKind): RunningIndexer => {
  if (kind === "postgres" && postgresError) throw postgresError;
  const ix = indexers[kind];
  if (!ix) throw new Error(`No ${LABEL[kind]} indexer: its start failed (see above)`);
  return ix;
};
const running = () => (["pglite", "postgres"] as const).flatMap((k) => (indexers[k] ? [indexers[k]] : []));

/** Sends `functionName(args)` to the escrow on `side` from demo account `from`; the mined receipt's hash. */
async function escrowTx(side: Side, from: number, functionName: string, args: readonly unknown[], value?: bigint): Promise<Hash> {
  const hash = await side.clients.wallet(from).writeContract({ address: escrow, abi: abis.milestoneEscrowAbi as Abi, functionName, args, value } as never);
  const receipt = await side.clients.publicClient.waitForTransactionReceipt({ hash });
  assert.equal(receipt.status, "success", `${functionName} on ${side.caip2} reverted`);
  return hash;
}

async function createEscrow(side: Side, client: number, freelancer: number, token: Address, amounts: bigint[]): Promise<{ id: bigint; hash: Hash }> {
  const now = Number((await side.clients.publicClient.getBlock()).timestamp);
  const terms = amounts.map((amount, i) => ({ amount, dueDate: now + (i + 1) * 10 * 86_400 }));
  const hash = await escrowTx(side, client, "createEscrow", [localAccount(freelancer).address, token, terms, 3 * 86_400, 7 * 86_400]);
  const receipt = await side.clients.publicClient.getTransactionReceipt({ hash });
  const [created] = parseEventLogs({ abi: abis.milestoneEscrowAbi, eventName: "EscrowCreated", logs: receipt.logs });
  return { id: created!.args.escrowId, hash };
}

/** The last block of each chain Ponder has indexed (its /status, by chain name). */
async function indexedBlocks(url: string): Promise<Record<string, number>> {
  const res = await fetch(`${url}/status`);
  if (!res.ok) return {};
  const status = (await res.json()) as Record<string, { block?: { number: number } }>;
  return Object.fromEntries(Object.entries(status).map(([name, s]) => [name, s.block?.number ?? -1]));
}

/** Waits until `ix` has indexed both chains up to their current heads. */
async function waitForHeads(ix: RunningIndexer, timeoutMs = 120_000): Promise<void> {
  const heads = Object.fromEntries(
    await Promise.all((["A", "B"] as const).map(async (s) => [PONDER_NAME[s], Number(await sides[s].clients.publicClient.getBlockNumber({ cacheTime: 0 }))])),
  ) as Record<string, number>;
  await poll(
    `${ix.name} to index both chains up to ${JSON.stringify(heads)}`,
    async () => {
      const blocks = await indexedBlocks(ix.url);
      return Object.entries(heads).every(([name, head]) => (blocks[name] ?? -1) >= head) ? true : undefined;
    },
    timeoutMs,
    200,
  );
}

/** Rows of `dump` on one chain, every table. */
const rowsOf = (dump: Dump, caip2: string): Dump => Object.fromEntries(Object.entries(dump).map(([t, rows]) => [t, rows.filter((r) => r.chainId === caip2)]));

const lower = (a: string) => a.toLowerCase();

/**
 * Asserts that the indexed rows of `side` equal the chain's own views: every escrow (parties, token,
 * amounts, status, counters), every milestone and every freelancer's stats.
 */
async function assertRowsEqualViews(dump: Dump, side: Side, label: string): Promise<void> {
  const read = <T>(functionName: string, args: readonly unknown[] = []) =>
    side.clients.publicClient.readContract({ address: escrow, abi: abis.milestoneEscrowAbi as Abi, functionName, args }) as Promise<T>;
  const rows = rowsOf(dump, side.caip2);
  const count = await read<bigint>("escrowCount");
  assert.equal(rows.escrow!.length, Number(count), `${label}: one escrow row per escrow of ${side.caip2}`);
  for (let id = 1n; id <= count; id++) {
    const row = rows.escrow!.find((e) => e.id === `${side.caip2}:${id}`);
    assert.ok(row, `${label}: no row for escrow ${side.caip2}:${id}`);
    const view = await read<Record<string, unknown>>("getEscrow", [id]);
    assert.deepEqual(
      {
        escrowId: row.escrowId, contract: row.contract, client: row.client, freelancer: row.freelancer, token: row.token, total: row.total,
        released: row.released, refunded: row.refunded, status: row.status, milestoneCount: row.milestoneCount, settledCount: row.settledCount,
        feeBps: row.feeBps, reviewPeriod: row.reviewPeriod, gracePeriod: row.gracePeriod, reclaimed: row.reclaimed, rated: row.rating !== null,
      },
      {
        escrowId: String(id), contract: lower(escrow), client: lower(view.client as string), freelancer: lower(view.freelancer as string),
        token: lower(view.token as string), total: String(view.total), released: String(view.released), refunded: String(view.refunded),
        status: ESCROW_STATUS[Number(view.status)], milestoneCount: Number(view.milestoneCount), settledCount: Number(view.settledCount),
        feeBps: Number(view.feeBps), reviewPeriod: Number(view.reviewPeriod), gracePeriod: Number(view.gracePeriod), reclaimed: view.reclaimed, rated: view.rated,
      },
      `${label}: escrow ${side.caip2}:${id} vs getEscrow`,
    );
    const milestones = await read<Record<string, unknown>[]>("getMilestones", [id]);
    const indexed = rows.milestone!.filter((m) => m.escrowId === String(id)).sort((a, b) => Number(a.index) - Number(b.index));
    assert.deepEqual(
      indexed.map((m) => ({ id: m.id, amount: m.amount, dueDate: m.dueDate, status: m.status, submittedAt: m.submittedAt ?? "0" })),
      milestones.map((m, i) => ({ id: `${side.caip2}:${id}:${i}`, amount: String(m.amount), dueDate: String(m.dueDate), status: MILESTONE_STATUS[Number(m.status)], submittedAt: String(m.submittedAt) })),
      `${label}: milestones of ${side.caip2}:${id} vs getMilestones`,
    );
  }
  assert.ok(rows.freelancer_stats!.length > 0, `${label}: ${side.caip2} has freelancer stats`);
  for (const stats of rows.freelancer_stats!) {
    const view = await read<Record<string, unknown>>("freelancerStats", [stats.freelancer]);
    assert.deepEqual(
      Object.fromEntries(STAT_FIELDS.map((f) => [f, Number(stats[f])])),
      Object.fromEntries(STAT_FIELDS.map((f) => [f, Number(view[f])])),
      `${label}: freelancer_stats of ${String(stats.freelancer)} on ${side.caip2} vs freelancerStats`,
    );
  }
}

describe("one Ponder over two local EVM chains (31337 + 31338, CREATE2 deployments), PGlite and PostgreSQL", { timeout: 900_000 }, () => {
  const started = Date.now();

  before(async () => {
    workDir = mkdtempSync(join(tmpdir(), "worx-multichain-"));
    console.log(`# logs and data: ${workDir}`);
    const [nodeA, nodeB, pg] = await Promise.all([
      startHardhatNode(NODE_PORTS.A, join(workDir, "chain-a.log")),
      startHardhatNode(NODE_PORTS.B, join(workDir, "chain-b.log"), CHAIN_ID.B),
      startPostgres({ port: POSTGRES_PORT, ephemeral: true, logFile: join(workDir, "postgres.log") }).catch((error: Error) => error),
    ]);
    if (pg instanceof Error) postgresError = pg;
    else postgres = pg;
    // One after the other: each deploy regenerates the registry from every journal.
    await deployLocal(nodeA.rpcUrl);
    await deployLocal(nodeB.rpcUrl);
    // Imported after both deploys: codegen has just written both chains.
    abis = await import("../../generated/abis.ts");
    const { evmContract } = await import("../../generated/deployments.ts");
    escrow = evmContract(CAIP2.A, "MilestoneEscrow");
    dusd = evmContract(CAIP2.A, "DemoStablecoin");
    sides.A = { name: "A", caip2: CAIP2.A, node: nodeA, clients: localClients(nodeA.rpcUrl, CHAIN_ID.A) };
    sides.B = { name: "B", caip2: CAIP2.B, node: nodeB, clients: localClients(nodeB.rpcUrl, CHAIN_ID.B) };

    // Different histories: on A two completed jobs of bob's; on B the second chain's demo seed.
    const { seedCompletedJobs } = await import("../../scripts/dev/seed.ts");
    const { seedChainB } = await import("../../scripts/dev/seedChainB.ts");
    await seedCompletedJobs(nodeA.rpcUrl, { client: demoRoles.alice, freelancer: demoRoles.bob, count: 2, rating: 5, amount: 400, chainId: CHAIN_ID.A });
    const seededB = await seedChainB(nodeB.rpcUrl, CHAIN_ID.B);
    assert.equal(seededB.escrows, 3);

    const t0 = Date.now();
    const kinds: DatabaseKind[] = postgres ? ["pglite", "postgres"] : ["pglite"];
    await Promise.all(
      kinds.map(async (kind) => {
        const port = INDEXER_PORTS[kind];
        const logFile = join(workDir, `ponder-${port}.log`);
        const ix = await startIndexer({
          rpcUrls: { [CHAIN_ID.A]: nodeA.rpcUrl, [CHAIN_ID.B]: nodeB.rpcUrl },
          port,
          schema: `worx_multichain_${port}_${Date.now()}`,
          pgliteDir: join(workDir, `${port}-pglite`),
          databaseUrl: kind === "postgres" ? postgres!.url : "",
          logFile,
        });
        indexers[kind] = { name: LABEL[kind], kind, url: ix.url, logFile };
        await waitForHeads(indexers[kind]!, 240_000);
      }),
    );
    console.log(`# stack up in ${t0 - started} ms; ${kinds.map((k) => LABEL[k]).join(" + ")} caught up with both chains after ${Date.now() - t0} ms`);
  });

  after(async () => {
    await stopAll();
    await postgres?.stop();
    if (workDir && process.env.WORX_KEEP_TEST_DATA !== "1") rmSync(workDir, { recursive: true, force: true });
    // Chain B's journal would keep eip155:31338 in the generated registry, for the SPAs of later
    // single-chain suites too: drop it and regenerate.
    rmSync(join(repoRoot, "scripts", "deploy", "ignition", "deployments", `localhost-${NODE_PORTS.B}`), { recursive: true, force: true });
    await run(join(repoRoot, "node_modules", ".bin", "tsx"), ["scripts/codegen/index.ts"], { cwd: repoRoot }).catch((e: Error) => console.log(`# codegen after the suite failed: ${e.message}`));
    console.log(`# multichain suite: ${((Date.now() - started) / 1000).toFixed(1)} s`);
  });

  test("both chains hold the deployment at the same addresses, every contract created through CreateX", async () => {
    const { deployments } = await import("../../generated/deployments.ts");
    const [a, b] = [deployments[CAIP2.A], deployments[CAIP2.B]];
    assert.ok(a && b, "generated/deployments.ts lists both local chains");
    assert.equal(a.chainId, 31337);
    assert.equal(b.chainId, 31338);
    assert.deepEqual(b.contracts, a.contracts, "same contract names at the same addresses");
    assert.equal(b.startBlock, a.startBlock, "same history: CreateX in block 1, the protocol from block 2");
    assert.ok(Object.keys(a.contracts).length >= 13, `the whole LocalDemo (${Object.keys(a.contracts).join(", ")})`);
    for (const side of [sides.A, sides.B]) {
      const client = side.clients.publicClient;
      assert.equal(await client.getChainId(), CHAIN_ID[side.name]);
      const logs = await client.getLogs({ address: CREATEX_ADDRESS, fromBlock: 0n, toBlock: BigInt(a.startBlock + 200) });
      const created = new Set(parseEventLogs({ abi: CONTRACT_CREATION, logs }).map((l) => lower(l.args.newContract)));
      for (const [name, address] of Object.entries(a.contracts)) {
        assert.ok(created.has(lower(address)), `${name} (${address}) was created by CreateX on ${side.caip2}`);
        assert.ok(((await client.getCode({ address })) ?? "0x").length > 2, `${name} has code on ${side.caip2}`);
      }
    }
  });

  for (const kind of ["pglite", "postgres"] as const) {
    test(`${LABEL[kind]}: rows carry their chain and equal each chain's own views`, async () => {
      const ix = indexer(kind);
      const dump = await dumpTables(ix.url);
      for (const [table, rows] of Object.entries(dump)) {
        for (const row of rows) assert.ok(row.chainId === CAIP2.A || row.chainId === CAIP2.B, `${table} row ${String(row.id)} names chain ${String(row.chainId)}`);
      }
      await assertRowsEqualViews(dump, sides.A, LABEL[kind]);
      await assertRowsEqualViews(dump, sides.B, LABEL[kind]);
      // Same escrow id, different jobs: #1 is bob's on A and carol's on B; #3 exists on B only.
      const escrowRow = (caip2: string, id: number) => dump.escrow!.find((e) => e.id === `${caip2}:${id}`);
      assert.equal(escrowRow(CAIP2.A, 1)?.freelancer, lower(localAccount(demoRoles.bob).address));
      assert.equal(escrowRow(CAIP2.B, 1)?.freelancer, lower(localAccount(demoRoles.carol).address));
      assert.equal(escrowRow(CAIP2.A, 3), undefined);
      assert.equal(escrowRow(CAIP2.B, 3)?.status, "created");
      // GraphQL filters by chain: the counts per chain are the chains' own.
      const counts = await gql(ix.url, `{ a: escrows(where: { chainId: "${CAIP2.A}" }) { totalCount } b: escrows(where: { chainId: "${CAIP2.B}" }) { totalCount } }`);
      assert.deepEqual([counts.a.totalCount, counts.b.totalCount], [2, 3]);
      // Carol's stats exist on B only; bob's completed jobs are A's two.
      const stats = (caip2: string, who: number) => dump.freelancer_stats!.find((s) => s.id === `${caip2}:${lower(localAccount(who).address)}`);
      assert.equal(stats(CAIP2.A, demoRoles.carol), undefined);
      assert.equal(stats(CAIP2.B, demoRoles.carol)?.completedJobs, 1);
      assert.equal(stats(CAIP2.A, demoRoles.bob)?.completedJobs, 2);
    });
  }

  test("PGlite and PostgreSQL hold identical tables (both chains, every table)", async () => {
    const [a, b] = await Promise.all([dumpTables(indexer("pglite").url), dumpTables(indexer("postgres").url)]);
    assertSameDump(b, a, "PostgreSQL vs PGlite");
  });

  test("a reorg on chain B only: B's rows follow the canonical fork, A's rows (written meanwhile) are untouched", async () => {
    const ixs = running();
    const A = sides.A;
    const B = sides.B;
    await Promise.all(ixs.map((ix) => waitForHeads(ix)));
    const headB = await B.clients.publicClient.getBlockNumber({ cacheTime: 0 });

    // Fork 1 on B: dave approves milestone 0 of B's escrow #2 (released, a fee), alice creates #4.
    const snapshot = await B.clients.testClient.snapshot();
    const f1 = await escrowTx(B, demoRoles.dave, "approveMilestone", [2n, 0n]);
    const f2 = await createEscrow(B, demoRoles.alice, demoRoles.bob, dusd, [parseUnits("70", 6)]);
    assert.equal(f2.id, 4n);
    // Meanwhile on A (indexed after B's fork rows): carol hires dave in ETH, escrow #3 of A.
    const a3 = await createEscrow(A, demoRoles.carol, demoRoles.dave, zeroAddress, [parseEther("0.5")]);
    for (const ix of ixs) {
      await poll(`${ix.name} to index fork 1 on B and A's escrow #3`, async () => {
        const d = await gql(ix.url, `{ b: escrow(id: "${CAIP2.B}:4") { createdTx } m: milestone(id: "${CAIP2.B}:2:0") { status } a: escrow(id: "${CAIP2.A}:3") { createdTx } }`);
        return d.b?.createdTx === f2.hash && d.m?.status === "released" && d.a?.createdTx === a3.hash ? true : undefined;
      });
      await waitForHeads(ix);
    }
    const aRows = await Promise.all(ixs.map(async (ix) => rowsOf(await dumpTables(ix.url), CAIP2.A)));

    // Back to the fork point on B; fork 2: bob creates #4 instead (other parties, ETH), and two
    // more blocks make it the longer chain.
    await B.clients.testClient.revert({ id: snapshot });
    assert.equal(await B.clients.publicClient.getBlockNumber({ cacheTime: 0 }), headB);
    const b1 = await createEscrow(B, demoRoles.bob, demoRoles.carol, zeroAddress, [parseEther("1"), parseEther("2")]);
    assert.equal(b1.id, 4n);
    // One evm_mine each (hardhat_mine with a count reserves blocks lazily: see harness.ts mineBlocks).
    for (let i = 0; i < 2; i++) await B.clients.testClient.request({ method: "evm_mine" } as never);

    for (const [i, ix] of ixs.entries()) {
      await poll(`${ix.name} to follow B's reorg`, async () => {
        const d = await gql(ix.url, `{ b: escrow(id: "${CAIP2.B}:4") { createdTx } m: milestone(id: "${CAIP2.B}:2:0") { status } }`);
        return d.b?.createdTx === b1.hash && d.m?.status === "submitted" ? true : undefined;
      });
      await waitForHeads(ix);
      // Ponder's multichain ordering may revert A's rows indexed after B's fork point and run
      // their events again: the end state must be A's rows exactly as before.
      const sameA = async () => assertSameDump(rowsOf(await dumpTables(ix.url), CAIP2.A), aRows[i]!, `${ix.name}: chain A's rows after B's reorg`);
      await poll(`${ix.name}: chain A's rows as before B's reorg`, async () => ((await sameA().then(() => true, () => undefined)) ? true : undefined), 60_000, 500).catch(sameA);
      // Rows of B naming a transaction of the abandoned fork, by table (the message names them).
      const stale = (d: Dump) =>
        Object.entries(rowsOf(d, CAIP2.B)).flatMap(([table, rows]) =>
          rows.filter((r) => { const t = JSON.stringify(r); return t.includes(f1) || t.includes(f2.hash); }).map((r) => `${table}: ${JSON.stringify(r)}`),
        );
      // A dump is dozens of requests: every 2 s keeps well inside the API's per-IP rate limit.
      const clean = async () => stale(await dumpTables(ix.url)).length === 0;
      await poll(`${ix.name}: no row of B's abandoned fork`, async () => ((await clean().catch(() => false)) ? true : undefined), 30_000, 2_000).catch(() => undefined);
      await new Promise((r) => setTimeout(r, 2_000));
      const dump = await dumpTables(ix.url);
      assert.deepEqual(stale(dump), [], `${ix.name}: rows of B still name a transaction of the abandoned fork`);
      await assertRowsEqualViews(dump, B, `${ix.name} after B's reorg`);
      await assertRowsEqualViews(dump, A, `${ix.name} after B's reorg`);
      assert.match(readFileSync(ix.logFile, "utf8"), /reorg/i, `${ix.name} logged no reorg`);
    }
    if (ixs.length > 1) assertSameDump(await dumpTables(ixs[1]!.url), await dumpTables(ixs[0]!.url), "PostgreSQL vs PGlite after B's reorg");
  });
});
