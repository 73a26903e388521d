/**
 * Indexer latency, on PGlite and (when the server binaries are installed) PostgreSQL (a durable
 * server, fsync on), over one local chain holding the bench's event mix (./indexerMix.ts, dense:
 * 200 jobs and every other feature's events) so that queries read tables of a realistic size:
 *  - freshness: from a transaction's receipt (automine: the block is mined) to its escrow row being
 *    answered by GraphQL, p50/p95 over sequential transactions. Bounded below by the local chain's
 *    polling interval (200 ms in indexer/ponder.config.ts) — that interval is what this measures;
 *  - query latency: GraphQL, SQL over HTTP and the combined leaderboard route at a fixed
 *    concurrency, p50/p95, with the per-IP rate limit switched off (the bench is one client; a
 *    public deployment keeps it).
 * Each database gets a fresh Ponder that first backfills the chain (until /ready), then is measured.
 * Timings only ever go to the bench table, never into test assertions.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createTestClient, createWalletClient, http, parseEventLogs, parseUnits, publicActions } from "viem";
import { hardhat } from "viem/chains";
import { localAccount } from "../dev/accounts.ts";
import { findPostgresBin, startPostgres, type PostgresServer } from "../dev/postgres.ts";
import { stopAll, waitFor } from "../dev/processes.ts";
import { deployLocal, startHardhatNode, startIndexer, type Indexer, type LocalChain } from "../dev/stack.ts";
import { buildEventMix } from "./indexerMix.ts";
import type { BenchRow } from "./index.ts";

const CHAIN = "eip155:31337";
const PORTS = { node: 8561, pglite: 42081, postgres: 42082, pg: 5560 } as const;
const FRESHNESS_SAMPLES = 40;
const QUERY_REQUESTS = 400;
const QUERY_CONCURRENCY = 8;

/** Nearest-rank percentile of an unsorted sample. */
export function percentile(samples: number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1]!;
}

async function graphql<T>(url: string, query: string): Promise<T> {
  const res = await fetch(`${url}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ query }),
  });
  if (!res.ok) throw new Error(`GraphQL answered ${res.status}: ${await res.text()}`);
  const body = (await res.json()) as { data?: T; errors?: unknown };
  if (!body.data) throw new Error(`GraphQL error: ${JSON.stringify(body.errors)}`);
  return body.data;
}

/** Runs `total` requests with at most `concurrency` in flight; returns each one's latency in ms. */
async function underLoad(total: number, concurrency: number, request: (i: number) => Promise<void>): Promise<number[]> {
  const latencies: number[] = [];
  let next = 0;
  const worker = async () => {
    while (next < total) {
      const i = next++;
      const t0 = performance.now();
      await request(i);
      latencies.push(performance.now() - t0);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return latencies;
}

async function measureOn(database: "PGlite" | "PostgreSQL", chain: LocalChain, indexerPort: number): Promise<BenchRow[]> {
  const pgliteDir = mkdtempSync(join(tmpdir(), "worx-bench-latency-"));
  let postgres: PostgresServer | undefined;
  let indexer: Indexer | undefined;
  try {
    postgres = database === "PostgreSQL" ? await startPostgres({ port: PORTS.pg }) : undefined;
    const { milestoneEscrowAbi } = await import("../../generated/abis.ts");
    const { evmContract } = await import("../../generated/deployments.ts");
    const escrow = evmContract(CHAIN, "MilestoneEscrow");
    const token = evmContract(CHAIN, "DemoStablecoin");
    const transport = http(chain.rpcUrl);
    const client = createTestClient({ chain: hardhat, mode: "hardhat", transport }).extend(publicActions);
    const wallet = createWalletClient({ chain: hardhat, transport, account: localAccount(1) });
    const freelancer = localAccount(2).address;

    indexer = await startIndexer({
      rpcUrl: chain.rpcUrl,
      port: indexerPort,
      pgliteDir,
      databaseUrl: postgres?.url ?? "", // "": PGlite even when DATABASE_URL is set
      env: { WORX_INDEX_CHAINS: CHAIN, WORX_API_RATE_LIMIT: "0" },
    });
    const url = indexer.url;
    await waitFor("the indexer to be ready", async () => ((await fetch(`${url}/ready`)).ok ? true : undefined), 600_000);

    const freshness: number[] = [];
    for (let i = 0; i < FRESHNESS_SAMPLES; i++) {
      const now = Number((await client.getBlock()).timestamp);
      const hash = await wallet.writeContract({
        address: escrow,
        abi: milestoneEscrowAbi,
        functionName: "createEscrow",
        args: [freelancer, token, [{ amount: parseUnits("1", 6), dueDate: now + 86_400 }], 86_400, 86_400],
      });
      const receipt = await client.waitForTransactionReceipt({ hash, pollingInterval: 5 });
      const mined = performance.now();
      const escrowId = parseEventLogs({ abi: milestoneEscrowAbi, eventName: "EscrowCreated", logs: receipt.logs })[0]!.args.escrowId;
      await waitFor(
        `escrow ${escrowId} to be queryable`,
        async () => {
          const data = await graphql<{ escrow: { id: string } | null }>(url, `{ escrow(id: "${CHAIN}:${escrowId}") { id } }`);
          return data.escrow ? true : undefined;
        },
        30_000,
        5,
      );
      freshness.push(performance.now() - mined);
    }

    const listQuery = `{ escrows(orderBy: "createdAt", orderDirection: "desc", limit: 20) { items { id status total milestones { items { index status } } } } }`;
    const gqlLatency = await underLoad(QUERY_REQUESTS, QUERY_CONCURRENCY, async () => {
      await graphql(url, listQuery);
    });
    // A distinct SQL text per request: Ponder keeps a ready indexer's SQL results per query string
    // (until garbage-collected or a table changes), and this measures queries, not that cache (the
    // always-true predicate changes the text, not the work).
    const sqlLatency = await underLoad(QUERY_REQUESTS, QUERY_CONCURRENCY, async (i) => {
      const sql = JSON.stringify({ json: { sql: `SELECT id, status, total FROM escrow WHERE id <> 'bench-${i}' ORDER BY created_at DESC LIMIT 20`, params: [], typings: [] } });
      const res = await fetch(`${url}/sql/db?sql=${encodeURIComponent(sql)}`);
      if (!res.ok) throw new Error(`SQL over HTTP answered ${res.status}: ${await res.text()}`);
      await res.arrayBuffer();
    });
    const restLatency = await underLoad(QUERY_REQUESTS, QUERY_CONCURRENCY, async () => {
      const res = await fetch(`${url}/leaderboard?chainId=all&limit=20`);
      if (!res.ok) throw new Error(`/leaderboard answered ${res.status}: ${await res.text()}`);
      await res.arrayBuffer();
    });

    const row = (operation: string, worx: number): BenchRow => ({
      area: "indexer", operation: `${operation} (${database})`, chain: CHAIN, unit: "ms", worx: Math.round(worx * 10) / 10, anchor: null, anchor_value: null,
    });
    const load = `${QUERY_REQUESTS} requests, ${QUERY_CONCURRENCY} concurrent, event-mix database`;
    return [
      row(`tx mined -> row queryable p50 (${FRESHNESS_SAMPLES} txs, 200 ms polling)`, percentile(freshness, 50)),
      row(`tx mined -> row queryable p95 (${FRESHNESS_SAMPLES} txs, 200 ms polling)`, percentile(freshness, 95)),
      row(`GraphQL page of 20 escrows + milestones p50 (${load})`, percentile(gqlLatency, 50)),
      row(`GraphQL page of 20 escrows + milestones p95 (${load})`, percentile(gqlLatency, 95)),
      row(`SQL over HTTP 20 escrows, uncached p50 (${load})`, percentile(sqlLatency, 50)),
      row(`SQL over HTTP 20 escrows, uncached p95 (${load})`, percentile(sqlLatency, 95)),
      row(`REST leaderboard of every chain, 20 rows p50 (${load})`, percentile(restLatency, 50)),
      row(`REST leaderboard of every chain, 20 rows p95 (${load})`, percentile(restLatency, 95)),
    ];
  } finally {
    await indexer?.process.stop();
    await postgres?.stop();
    rmSync(pgliteDir, { recursive: true, force: true });
  }
}

export async function measureIndexerLatency(): Promise<BenchRow[]> {
  let postgres = true;
  try {
    findPostgresBin();
  } catch (error) {
    postgres = false;
    console.error(`[bench] latency measured on PGlite only: ${(error as Error).message}`);
  }
  try {
    const chain = await startHardhatNode(PORTS.node);
    await deployLocal(chain.rpcUrl);
    await buildEventMix(chain.rpcUrl, { jobs: 200, operations: 10, proposals: 10, perBlock: 100, gap: 0 });
    const rows = await measureOn("PGlite", chain, PORTS.pglite);
    if (postgres) rows.push(...(await measureOn("PostgreSQL", chain, PORTS.postgres)));
    return rows;
  } finally {
    await stopAll();
  }
}
