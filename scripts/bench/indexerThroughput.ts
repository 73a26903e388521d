/**
 * Indexer backfill throughput on the real event mix (./indexerMix.ts: escrow jobs with disputes,
 * rulings, claims and ratings, work rewards, badge claims, multisig operations, DAO delegations,
 * stakes, proposals and votes, fee splits, DEX reports, launches, liquidity, swaps and revenue),
 * over two histories on fresh local chains:
 *  - dense: 100 transactions per block (automine off, one `evm_mine` per block);
 *  - sparse: 4 transactions per block with 50 empty blocks (`hardhat_mine`) before each;
 * both followed by 40 empty blocks mined one by one, so that every busy block is backfilled (Ponder
 * follows its newest 30 blocks one at a time);
 * each backfilled by a fresh Ponder on PGlite and on PostgreSQL (a fresh durable server: fsync on;
 * skipped with a note when the server binaries are absent). The events counted are the logs the
 * indexer actually processes, read from the chain (every log of the indexed contracts whose event
 * has a handler, from the deployment's start block: the deploy's own events included), and the
 * blocks are every block from that start block to the head.
 *
 * Measured from /health answering (start-up, process start to /health, is a row of its own) to the
 * moment every row is queryable: Ponder's /status has reached the head, and GraphQL counts, in
 * each table that holds one row per event (timeline, badges, operations, rewards, proposals, votes,
 * reports, swaps, liquidity, revenue), exactly the number of logs of those events on the chain.
 * Timings only ever go to the bench table, never into test assertions.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { findPostgresBin, startPostgres, type PostgresServer } from "../dev/postgres.ts";
import { stopAll, waitFor } from "../dev/processes.ts";
import { deployLocal, startHardhatNode, startIndexer, type Indexer } from "../dev/stack.ts";
import { buildEventMix, expectedRows, indexedLogs, ROW_PER_EVENT, type MixOptions } from "./indexerMix.ts";
import type { BenchRow } from "./index.ts";

const CHAIN = "eip155:31337";
/** Bench ports (tests use others: scripts/dev/stack.ts callers, test/indexer/*). */
const PORTS = { dense: 8568, sparse: 8569, pglite: 42100, postgres: 42101, pg: 5561 } as const;

type Database = "PGlite" | "PostgreSQL";

interface History extends Omit<MixOptions, "jobs" | "operations" | "proposals"> {
  name: "dense" | "sparse";
  nodePort: number;
}

export interface ThroughputOptions {
  jobs?: number;
  operations?: number;
  proposals?: number;
}

async function gql<T>(url: string, query: string): Promise<T> {
  const res = await fetch(`${url}/graphql`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ query }) });
  const body = (await res.json()) as { data?: T; errors?: unknown };
  if (!body.data) throw new Error(`GraphQL error: ${JSON.stringify(body.errors)}`);
  return body.data;
}

/** One backfill of the node's history by a fresh Ponder on `database`: start-up and backfill seconds. */
async function backfill(database: Database, rpcUrl: string, head: number, expected: Record<string, number>): Promise<{ startupMs: number; seconds: number }> {
  const pgliteDir = mkdtempSync(join(tmpdir(), "worx-bench-backfill-"));
  let postgres: PostgresServer | undefined;
  let indexer: Indexer | undefined;
  try {
    postgres = database === "PostgreSQL" ? await startPostgres({ port: PORTS.pg }) : undefined;
    const launched = performance.now();
    indexer = await startIndexer({
      rpcUrl,
      port: database === "PGlite" ? PORTS.pglite : PORTS.postgres,
      pgliteDir,
      databaseUrl: postgres?.url ?? "", // "": PGlite even when DATABASE_URL is set
      // One chain only, whatever else generated/deployments.ts lists; the bench is one client.
      env: { WORX_INDEX_CHAINS: CHAIN, WORX_API_RATE_LIMIT: "0" },
    });
    const started = performance.now();
    // Cheap first (one small table), so that polling does not slow the backfill it measures.
    await waitFor(
      "the indexer's checkpoint to reach the head",
      async () => {
        const status = (await (await fetch(`${indexer!.url}/status`)).json()) as Record<string, { id: number; block: { number: number } }>;
        const chain = Object.values(status).find((s) => s.id === 31337);
        return chain && chain.block.number >= head ? true : undefined;
      },
      900_000,
      100,
    );
    const tables = Object.entries(ROW_PER_EVENT);
    const query = `{ ${tables.map(([, t]) => `${t.graphql} { totalCount }`).join(" ")} }`;
    await waitFor(
      "every expected row to be queryable",
      async () => {
        const data = await gql<Record<string, { totalCount: number }>>(indexer!.url, query);
        for (const [table, t] of tables) {
          const have = data[t.graphql]!.totalCount;
          if (have > expected[table]!) throw new Error(`${table}: ${have} rows, more than the ${expected[table]} events on the chain`);
          if (have < expected[table]!) return undefined;
        }
        return true;
      },
      300_000,
      100,
    );
    const seconds = (performance.now() - started) / 1000;
    return { startupMs: started - launched, seconds };
  } finally {
    await indexer?.process.stop();
    await postgres?.stop();
    rmSync(pgliteDir, { recursive: true, force: true });
  }
}

export async function measureIndexerThroughput(options: ThroughputOptions = {}): Promise<BenchRow[]> {
  const jobs = options.jobs ?? 200;
  const operations = options.operations ?? 10;
  const proposals = options.proposals ?? 10;
  const databases: Database[] = ["PGlite"];
  try {
    findPostgresBin();
    databases.push("PostgreSQL");
  } catch (error) {
    console.error(`[bench] backfill measured on PGlite only: ${(error as Error).message}`);
  }
  const histories: History[] = [
    { name: "dense", nodePort: PORTS.dense, perBlock: 100, gap: 0 },
    { name: "sparse", nodePort: PORTS.sparse, perBlock: 4, gap: 50 },
  ];
  const rows: BenchRow[] = [];
  const row = (operation: string, unit: string, worx: number): BenchRow => ({ area: "indexer", operation, chain: CHAIN, unit, worx, anchor: null, anchor_value: null });
  try {
    for (const history of histories) {
      const chain = await startHardhatNode(history.nodePort);
      await deployLocal(chain.rpcUrl);
      const mix = await buildEventMix(chain.rpcUrl, { jobs, operations, proposals, perBlock: history.perBlock, gap: history.gap });
      const logs = await indexedLogs(chain.rpcUrl, mix.head);
      const expected = expectedRows(logs);
      const { deployments } = await import("../../generated/deployments.ts");
      const blocks = mix.head - deployments[CHAIN]!.startBlock + 1;
      console.error(`[bench] ${history.name} history: ${mix.transactions} transactions in ${mix.busyBlocks} blocks, ${blocks} blocks from the deploy; ${logs.total} indexed events; rows ${JSON.stringify(expected)}`);
      const shape =
        history.name === "dense"
          ? `dense history: ${logs.total} events in ${blocks} blocks, ${mix.busyBlocks} with ≤ ${history.perBlock} tx`
          : `sparse history: ${logs.total} events in ${blocks} blocks, ${mix.busyBlocks} with ≤ ${history.perBlock} tx after ${history.gap} empty ones each`;
      for (const database of databases) {
        const { startupMs, seconds } = await backfill(database, chain.rpcUrl, mix.head, expected);
        const measured = [
          row(`backfill ${shape}, event mix of escrow, badges, multisig, DAO, DEX (${database})`, "events/s", Math.round(logs.total / seconds)),
          row(`backfill ${shape} (${database})`, "blocks/s", Math.round(blocks / seconds)),
          row(`start-up to /health before the ${history.name} backfill (${database})`, "ms", Math.round(startupMs)),
        ];
        // As it comes: a later failure must not lose what was measured.
        for (const r of measured) console.error(`[bench] ${r.operation}: ${r.worx} ${r.unit}`);
        rows.push(...measured);
      }
      await chain.process.stop();
    }
    return rows;
  } finally {
    await stopAll();
  }
}
