/**
 * Plumbing shared by the indexer tests: one local chain with the contracts deployed, Ponder
 * instances on PGlite or PostgreSQL, bounded polling, GraphQL / SQL-over-HTTP helpers and
 * normalised full-table dumps (to compare databases and runs row for row).
 */
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createClient } from "@ponder/client";
import { createPublicClient, createTestClient, createWalletClient, http, type Address, type PublicClient, type TestClient } from "viem";
import { hardhat } from "viem/chains";
import * as schema from "../../indexer/ponder.schema.ts";
import { startPostgres, type PostgresServer } from "../../scripts/dev/postgres.ts";
import { stopAll } from "../../scripts/dev/processes.ts";
import { deployLocal, startHardhatNode, startIndexer, type Indexer, type LocalChain } from "../../scripts/dev/stack.ts";

export const CHAIN = "eip155:31337" as const;

type Abis = typeof import("../../generated/abis.ts");

export interface TestChain {
  node: LocalChain;
  rpcUrl: string;
  abis: Abis;
  escrow: Address;
  token: Address;
  publicClient: PublicClient;
  testClient: TestClient;
  /** The node's unlocked accounts: #0 deploys; the multisig (owners #0..#4) administers; fees go to the DAO's FeeSplitter. */
  accounts: Address[];
  feeBps: bigint;
}

/** A Hardhat node with the local demo deployed (Ignition) and the registry regenerated. */
export async function startTestChain(port: number): Promise<TestChain> {
  const node = await startHardhatNode(port);
  const rpcUrl = node.rpcUrl;
  await deployLocal(rpcUrl);
  // Imported after the deploy: codegen has just (re)written both files.
  const abis: Abis = await import("../../generated/abis.ts");
  const { evmContract } = await import("../../generated/deployments.ts");
  const escrow = evmContract(CHAIN, "MilestoneEscrow");
  const token = evmContract(CHAIN, "DemoStablecoin");
  const publicClient = createPublicClient({ chain: hardhat, transport: http(rpcUrl) }) as PublicClient;
  const testClient = createTestClient({ chain: hardhat, mode: "hardhat", transport: http(rpcUrl) }) as TestClient;
  for (const address of [escrow, token]) {
    assert.ok(((await publicClient.getCode({ address })) ?? "0x").length > 2, `no contract at ${address} on the test node`);
  }
  const accounts = await createWalletClient({ chain: hardhat, transport: http(rpcUrl) }).getAddresses();
  const feeBps = BigInt(await publicClient.readContract({ address: escrow, abi: abis.milestoneEscrowAbi, functionName: "platformFeeBps" }));
  return { node, rpcUrl, abis, escrow, token, publicClient, testClient, accounts, feeBps };
}

/**
 * Moves the chain's clock `seconds` forward and mines one empty block at the new time (review
 * periods, due dates and grace periods are checked against block timestamps).
 */
export async function advanceTime(chain: TestChain, seconds: number): Promise<void> {
  await chain.testClient.request({ method: "evm_increaseTime", params: [seconds] } as never);
  await mineBlocks(chain, 1);
}

/** The latest block's timestamp (unix seconds). */
export async function chainTime(chain: TestChain): Promise<bigint> {
  return (await chain.publicClient.getBlock({ blockTag: "latest" })).timestamp;
}

/**
 * Mines `blocks` empty blocks, one `evm_mine` each. (Not `hardhat_mine` with a count: it reserves
 * blocks lazily, and Ponder saw their hashes not chain up — an "unrecoverable reorg".)
 */
export async function mineBlocks(chain: TestChain, blocks: number): Promise<void> {
  for (let i = 0; i < blocks; i++) await chain.testClient.request({ method: "evm_mine" } as never);
}

export type DatabaseKind = "pglite" | "postgres";

export interface TestIndexer {
  /** Label for messages: "PGlite", "PostgreSQL", … */
  name: string;
  kind: DatabaseKind;
  url: string;
  port: number;
  schema: string;
  pgliteDir?: string;
  databaseUrl?: string;
  logFile: string;
  indexer: Indexer;
}

export interface TestIndexerOptions {
  name: string;
  kind: DatabaseKind;
  port: number;
  rpcUrl: string;
  workDir: string;
  /** PostgreSQL connection string (kind "postgres"). */
  databaseUrl?: string;
  schema?: string;
  /** PGlite directory; default `<workDir>/<port>-pglite`. */
  pgliteDir?: string;
  resume?: boolean;
  env?: Record<string, string | undefined>;
}

export async function startTestIndexer(o: TestIndexerOptions): Promise<TestIndexer> {
  if (o.kind === "postgres" && !o.databaseUrl) throw new Error(`${o.name}: a PostgreSQL indexer needs databaseUrl`);
  const schema = o.schema ?? `worx_test_${o.port}_${Date.now()}`;
  const pgliteDir = o.kind === "pglite" ? (o.pgliteDir ?? join(o.workDir, `${o.port}-pglite`)) : undefined;
  const logFile = join(o.workDir, `ponder-${o.port}.log`);
  const indexer = await startIndexer({
    rpcUrl: o.rpcUrl,
    port: o.port,
    schema,
    pgliteDir: pgliteDir ?? join(o.workDir, "unused-pglite"),
    databaseUrl: o.kind === "postgres" ? o.databaseUrl : "",
    resume: o.resume,
    env: o.env,
    logFile,
  });
  return { name: o.name, kind: o.kind, url: indexer.url, port: o.port, schema, pgliteDir, databaseUrl: o.databaseUrl, logFile, indexer };
}

export const DATABASE_LABEL: Record<DatabaseKind, string> = { pglite: "PGlite", postgres: "PostgreSQL" };

/**
 * The set-up of the suites that hold PGlite and PostgreSQL to the same chain: a Hardhat node, a
 * throwaway PostgreSQL server (scripts/dev/postgres.ts) and one indexer per database, with logs and
 * data in a temporary folder (kept with WORX_KEEP_TEST_DATA=1). Without PostgreSQL's binaries only
 * PGlite starts and `indexer("postgres")` throws why, so those tests fail and never skip.
 */
export class DualDatabaseStack {
  workDir = "";
  chain!: TestChain;
  postgres?: PostgresServer;
  postgresError?: Error;
  private readonly indexers: Partial<Record<DatabaseKind, TestIndexer>> = {};

  constructor(private readonly o: { tmpPrefix: string; nodePort: number; postgresPort: number; indexerPorts: Record<DatabaseKind, number> }) {}

  /** Starts the node and PostgreSQL side by side; a PostgreSQL failure is kept for `indexer("postgres")`. */
  async startChain(): Promise<TestChain> {
    this.workDir = mkdtempSync(join(tmpdir(), this.o.tmpPrefix));
    console.log(`# logs and data: ${this.workDir}`);
    const [chain, pg] = await Promise.all([
      startTestChain(this.o.nodePort),
      startPostgres({ port: this.o.postgresPort, ephemeral: true, logFile: join(this.workDir, "postgres.log") }).catch((error: Error) => error),
    ]);
    this.chain = chain;
    if (pg instanceof Error) this.postgresError = pg;
    else this.postgres = pg;
    return chain;
  }

  /** Starts one indexer per available database, each then awaited by `ready` (e.g. until it indexed a block). */
  async startIndexers(ready?: (ix: TestIndexer) => Promise<void>): Promise<DatabaseKind[]> {
    const kinds: DatabaseKind[] = this.postgres ? ["pglite", "postgres"] : ["pglite"];
    await Promise.all(
      kinds.map(async (kind) => {
        this.indexers[kind] = await startTestIndexer({
          name: DATABASE_LABEL[kind],
          kind,
          port: this.o.indexerPorts[kind],
          rpcUrl: this.chain.rpcUrl,
          workDir: this.workDir,
          databaseUrl: this.postgres?.url,
        });
        await ready?.(this.indexers[kind]!);
      }),
    );
    return kinds;
  }

  /** The indexer on `kind`; for PostgreSQL, fails with why there is no server (e.g. the apt package). */
  indexer(kind: DatabaseKind): TestIndexer {
    if (kind === "postgres" && this.postgresError) throw this.postgresError;
    const ix = this.indexers[kind];
    if (!ix) throw new Error(`No ${DATABASE_LABEL[kind]} indexer: its start failed (see above)`);
    return ix;
  }

  /** The indexers that did start. */
  running(): TestIndexer[] {
    return (["pglite", "postgres"] as const).flatMap((k) => (this.indexers[k] ? [this.indexers[k]] : []));
  }

  /** The PostgreSQL server's URL, or why there is none. */
  postgresUrl(): string {
    if (this.postgresError) throw this.postgresError;
    return this.postgres!.url;
  }

  /** Stops every process started, then PostgreSQL, and removes the data unless asked to keep it. */
  async stop(): Promise<void> {
    await stopAll();
    await this.postgres?.stop();
    if (this.workDir && process.env.WORX_KEEP_TEST_DATA !== "1") rmSync(this.workDir, { recursive: true, force: true });
  }
}

/** Polls `check` until it returns a value; fails after `timeoutMs` with the last error seen. */
export async function poll<T>(what: string, check: () => Promise<T | undefined>, timeoutMs = 60_000, everyMs = 100): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await check();
      if (value !== undefined) return value;
    } catch (error) {
      last = error;
    }
    await new Promise((r) => setTimeout(r, everyMs));
  }
  throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}${last ? `: ${String(last)}` : ""}`);
}

/** The last block the indexer has fully indexed (Ponder's /status checkpoint). */
export async function indexedBlock(url: string): Promise<number | undefined> {
  const res = await fetch(`${url}/status`);
  if (!res.ok) return undefined;
  const status = (await res.json()) as Record<string, { block?: { number: number } }>;
  return Object.values(status)[0]?.block?.number;
}

/** Waits until the indexer has indexed every block up to `block` (all their events are served). */
export async function waitForBlock(ix: { name: string; url: string }, block: bigint | number, timeoutMs = 90_000): Promise<void> {
  await poll(`${ix.name} to index block ${block}`, async () => ((await indexedBlock(ix.url)) ?? -1) >= Number(block) ? true : undefined, timeoutMs);
}

export async function gql<T = any>(url: string, query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const res = await fetch(`${url}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ query, variables }),
  });
  const text = await res.text();
  assert.equal(res.status, 200, `GraphQL at ${url} answered ${res.status}: ${text}`);
  const body = JSON.parse(text) as { data?: T; errors?: unknown };
  assert.equal(body.errors, undefined, `GraphQL errors at ${url}: ${JSON.stringify(body.errors)}`);
  return body.data as T;
}

/** Every table of the indexer's schema (whatever components it grows), by export and SQL name. */
/** Any table of the schema (typed as one of them: the client only needs the table object). */
type PgTable = typeof schema.escrow;

export interface IndexedTable {
  /** Export name in ponder.schema.ts, which names its GraphQL fields (`escrow`, `escrows`). */
  key: string;
  /** SQL name (`fee_flow`). */
  name: string;
  table: PgTable;
}

export const TABLES: readonly IndexedTable[] = Object.entries(schema)
  .filter(([, v]) => {
    const o = v as unknown as Record<symbol, unknown> | null;
    return !!o && typeof o === "object" && o[Symbol.for("ponder:onchain")] === true && o[Symbol.for("drizzle:IsDrizzleTable")] === true;
  })
  .map(([key, table]) => ({ key, name: (table as unknown as Record<symbol, string>)[Symbol.for("drizzle:Name")]!, table: table as unknown as PgTable }))
  .sort((a, b) => a.name.localeCompare(b.name));

/** The escrow's tables: the task's minimum for every comparison, checked to be in TABLES. */
export const ESCROW_TABLES = [
  "escrow",
  "milestone",
  "fee_flow",
  "withdrawal",
  "escrow_contract",
  "admin_action",
  "allowed_token",
  "dispute",
  "milestone_claim",
  "milestone_refund",
  "job_rating",
  "freelancer_stats",
  "freelancer_earning",
  "escrow_event",
] as const;
for (const name of ESCROW_TABLES) {
  if (!TABLES.some((t) => t.name === name)) throw new Error(`ponder.schema.ts has no table ${name}`);
}

/** Aliases per GraphQL request: within the API's default WORX_API_MAX_ALIASES (20). */
const ALIASES_PER_REQUEST = 16;

/** Row count of every table, through GraphQL (`<key>s { totalCount }`, a few tables per request). */
export async function rowCounts(url: string): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (let i = 0; i < TABLES.length; i += ALIASES_PER_REQUEST) {
    const batch = TABLES.slice(i, i + ALIASES_PER_REQUEST);
    const data = await gql<Record<string, { totalCount: number }>>(url, `{ ${batch.map((t) => `${t.name}: ${t.key}s { totalCount }`).join(" ")} }`);
    for (const t of batch) counts[t.name] = data[t.name]!.totalCount;
  }
  return counts;
}

export const totalRows = (counts: Record<string, number>) => Object.values(counts).reduce((a, b) => a + b, 0);

/** Table name → rows, each row normalised (bigints as strings, keys sorted), rows sorted. */
export type Dump = Record<string, Record<string, unknown>[]>;

/** JSON-comparable value: bigints as decimal strings, key order fixed. */
function normalise(value: unknown): unknown {
  if (typeof value === "bigint") return value.toString();
  if (Array.isArray(value)) return value.map(normalise);
  if (value && typeof value === "object") {
    return Object.fromEntries(Object.keys(value).sort().map((k) => [k, normalise((value as Record<string, unknown>)[k])]));
  }
  return value;
}

const rowKey = (row: Record<string, unknown>) => (typeof row.id === "string" ? row.id : JSON.stringify(row));

/**
 * Every row of every table through SQL over HTTP (`@ponder/client`: the same path for both
 * databases), typed by the schema, normalised and ordered (by id, or by the whole row).
 */
export async function dumpTables(url: string): Promise<Dump> {
  const client = createClient(`${url}/sql`, { schema });
  const dump: Dump = {};
  for (const { name, table } of TABLES) {
    const rows = (await client.db.select().from(table)) as Record<string, unknown>[];
    dump[name] = rows.map((r) => normalise(r) as Record<string, unknown>).sort((a, b) => (rowKey(a) < rowKey(b) ? -1 : rowKey(a) > rowKey(b) ? 1 : 0));
  }
  return dump;
}

export const dumpSize = (dump: Dump) => Object.fromEntries(Object.entries(dump).map(([k, rows]) => [k, rows.length]));

/** Asserts two dumps hold the same rows; on failure names the first differing table and row. */
export function assertSameDump(actual: Dump, expected: Dump, message: string): void {
  assert.deepEqual(Object.keys(actual).sort(), Object.keys(expected).sort(), `${message}: tables`);
  for (const name of Object.keys(expected)) {
    const byKey = (rows: Record<string, unknown>[]) => new Map(rows.map((r) => [rowKey(r), r]));
    const [a, e] = [byKey(actual[name]!), byKey(expected[name]!)];
    for (const key of new Set([...a.keys(), ...e.keys()])) {
      assert.deepEqual(a.get(key), e.get(key), `${message}: table ${name}, row ${key} differs`);
    }
    assert.equal(actual[name]!.length, expected[name]!.length, `${message}: table ${name} row count`);
  }
}

/** Asserts a 4xx/5xx JSON error with a message and no stack trace. */
export async function expectJsonError(res: Response, status: number, message: RegExp): Promise<Record<string, unknown>> {
  const text = await res.text();
  assert.equal(res.status, status, `expected ${status}, got ${res.status}: ${text}`);
  assert.match(res.headers.get("content-type") ?? "", /application\/json/);
  const body = JSON.parse(text) as Record<string, unknown>;
  assert.equal(typeof body.error, "string", `no error message in ${text}`);
  assert.match(body.error as string, message);
  assert.doesNotMatch(text, /\n\s+at |\bat [\w.<>]+ \(|node_modules|\.ts:\d+|\.js:\d+/, `stack trace leaked: ${text}`);
  return body;
}
