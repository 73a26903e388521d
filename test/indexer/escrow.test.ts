/**
 * The escrow indexer against a real Hardhat node and real `ponder start`s, on embedded PGlite and
 * on a real PostgreSQL server side by side: the same real transactions go in (jobs approved,
 * cancelled, disputed and ruled, settled on EIP-712 signed offers, claimed after the review
 * period, reclaimed after due date + grace, rated, a fee discount, withdrawals), and both must
 * serve what the chain did, value for value, match the contract's own views (work history,
 * earnings), and hold identical tables. Then, on the same node and the
 * same running indexers: the API's limits, a chain reorganisation, and a crash mid-backfill
 * (PostgreSQL) followed by a restart on the same schema.
 *
 * PostgreSQL comes from Debian's `postgresql` package (.ci/run installs it); this test starts a
 * throwaway server (scripts/dev/postgres.ts) and stops it after. Without the binaries the
 * PostgreSQL tests fail, naming the package; they never skip.
 *
 * Run: npx tsx --test --test-reporter=spec test/indexer/escrow.test.ts
 * Keep logs and data: WORX_KEEP_TEST_DATA=1 (the path is printed).
 */
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { registerApiTests, registerRateLimitTest } from "./apiLimits.ts";
import { registerCrashTests } from "./crash.ts";
import { assertSameDump, DATABASE_LABEL as LABEL, DualDatabaseStack, dumpTables, type DatabaseKind, type TestChain } from "./harness.ts";
import { registerReorgTest } from "./reorg.ts";
import { registerStandardRowTests, sendStandardHistory, waitForWithdrawal, type StandardFacts } from "./scenarios.ts";
import { registerWorkHistoryTests } from "./workHistory.ts";

// Ports of this suite (e2e: 8547/42071/5174, 8549/42073/5175; multisig indexer: 8548/42072; bench 8560/42080).
const NODE_PORT = 8546;
const INDEXER_PORTS: Record<DatabaseKind, number> = { pglite: 42070, postgres: 42074 };
const CRASH_PORT = 42075;
const POSTGRES_PORT = 5544;

const stack = new DualDatabaseStack({ tmpPrefix: "worx-indexer-test-", nodePort: NODE_PORT, postgresPort: POSTGRES_PORT, indexerPorts: INDEXER_PORTS });
let chain: TestChain;
let facts: StandardFacts;

const indexer = (kind: DatabaseKind) => stack.indexer(kind);
const running = () => stack.running();
const both = () => [indexer("pglite"), indexer("postgres")];

describe("escrow indexer on PGlite and PostgreSQL (Hardhat node + ponder start)", { timeout: 600_000 }, () => {
  const started = Date.now();

  before(async () => {
    chain = await stack.startChain();
    facts = await sendStandardHistory(chain);
    const t0 = Date.now();
    const kinds = await stack.startIndexers();
    const t1 = Date.now();
    await Promise.all(running().map((ix) => waitForWithdrawal(ix.url, facts.lastTx)));
    console.log(
      `# stack up in ${t0 - started} ms; ${kinds.map((k) => LABEL[k]).join(" + ")} serving /health after ${t1 - t0} ms, the standard history after ${Date.now() - t0} ms`,
    );
  });

  after(async () => {
    await stack.stop();
    console.log(`# indexer suite: ${((Date.now() - started) / 1000).toFixed(1)} s`);
  });

  for (const kind of ["pglite", "postgres"] as const) {
    describe(`standard history on ${LABEL[kind]}`, () => {
      before(() => void indexer(kind)); // fails every test below with the reason, e.g. a missing apt package
      registerStandardRowTests(() => ({ url: indexer(kind).url, chain, facts }));
      registerWorkHistoryTests(() => ({ url: indexer(kind).url, chain, facts }));
    });
  }

  test("PGlite and PostgreSQL hold identical tables (full dumps, every table)", async () => {
    const [pglite, pg] = both();
    const [a, b] = await Promise.all([dumpTables(pglite!.url), dumpTables(pg!.url)]);
    assert.ok(a.escrow!.length === 6 && a.milestone!.length === 11, "the standard history is indexed");
    for (const table of ["dispute", "milestone_claim", "milestone_refund", "job_rating", "freelancer_stats", "freelancer_earning", "escrow_event", "allowed_token"]) {
      assert.ok(a[table]!.length > 0, `the standard history fills ${table}`);
    }
    assertSameDump(a, b, "PGlite vs PostgreSQL");
  });

  registerApiTests({ indexers: running });

  describe("chain reorganisation", () => {
    registerReorgTest({ chain: () => chain, indexers: both });
  });

  registerCrashTests({
    chain: () => chain,
    workDir: () => stack.workDir,
    databaseUrl: () => stack.postgresUrl(),
    references: both,
    port: CRASH_PORT,
  });

  // Last: it empties this client's bucket on the PGlite indexer.
  registerRateLimitTest({ indexer: () => indexer("pglite") });
});
