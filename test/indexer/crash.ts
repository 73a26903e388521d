/**
 * Crash safety: a dense history (~1,000 events over ~100 blocks), a fresh Ponder backfilling it,
 * SIGKILL to its whole process group mid-backfill, `ponder start` again on the same database and
 * schema. Ponder must resume from its last checkpoint (not start over) and end with exactly the
 * rows of the indexers that were never interrupted.
 *
 * What resuming takes in Ponder 0.16: the same `--schema` and the same build id (a hash of the
 * config's contracts, the schema file and the indexing functions: same deployment, same code). A
 * killed instance leaves its schema locked (`_ponder_meta.is_locked`) until its heartbeat expires
 * (25 s after the last one, written every 10 s): the new instance waits out the lock, logs
 * "Detected crash recovery", reverts what is past the checkpoint and continues. Only then does it
 * serve /health, so a restart takes 15–25 s longer than a clean start.
 *
 * PostgreSQL only: Ponder 0.16 runs no transactions on PGlite (a batch's rows and its checkpoint
 * are separate autocommitted statements), so a kill between them leaves rows past the checkpoint
 * and the restart replays them — a primary-key conflict for inserts, double counting for updates.
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { before, describe, test } from "node:test";
import {
  assertSameDump,
  dumpSize,
  dumpTables,
  mineBlocks,
  rowCounts,
  startTestIndexer,
  totalRows,
  waitForBlock,
  type Dump,
  type TestChain,
  type TestIndexer,
} from "./harness.ts";
import { sendDenseHistory, type DenseHistory } from "./scenarios.ts";

export interface CrashContext {
  chain: () => TestChain;
  workDir: () => string;
  /** The PostgreSQL server's URL; throws (naming the apt package) when there is none. */
  databaseUrl: () => string;
  /** Indexers running since the start, never interrupted: the reference. */
  references: () => TestIndexer[];
  port: number;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const KILL_WINDOW = [0.1, 0.9] as const;

export function registerCrashTests(ctx: CrashContext): void {
  describe("crash safety: SIGKILL mid-backfill, restart on the same database and schema", () => {
    let dense: DenseHistory;
    let head: bigint;
    let expected: Dump;
    let total: number;

    before(async () => {
      const chain = ctx.chain();
      const references = ctx.references(); // fails first when a database is missing
      ctx.databaseUrl();
      dense = await sendDenseHistory(chain, { escrows: 180, perBlock: 2 });
      // Finalize all of it (31337: 30 blocks), so that a new indexer backfills the whole history.
      await mineBlocks(chain, 31);
      head = await chain.publicClient.getBlockNumber({ cacheTime: 0 });
      await Promise.all(references.map((ix) => waitForBlock(ix, head, 120_000)));
      expected = await dumpTables(references[0]!.url);
      total = Object.values(dumpSize(expected)).reduce((a, b) => a + b, 0);
      console.log(
        `# dense history: ${dense.events} events of ${dense.escrows} escrows in ${dense.transactions} transactions, blocks ${dense.firstBlock}–${dense.lastBlock}; head ${head}`,
      );
    });

    test("the uninterrupted indexers agree on the dense history, on every database", async () => {
      const [first, ...others] = ctx.references();
      assert.ok(dense.events >= 1000, `only ${dense.events} events`);
      assert.ok(expected.escrow!.length >= 180 && expected.milestone!.length >= 360, JSON.stringify(dumpSize(expected)));
      for (const ix of others) assertSameDump(await dumpTables(ix.url), expected, `${ix.name} vs ${first!.name} on the dense history`);
    });

    test("PostgreSQL: killed mid-backfill, restarted, resumes from its checkpoint to the same rows", async () => {
      const chain = ctx.chain();
      const databaseUrl = ctx.databaseUrl();
      let killedAt: number | undefined;
      let crashed: TestIndexer | undefined;
      let logBefore = "";
      // The backfill takes about a second here: if one attempt's polls miss the window, try again
      // on a fresh schema rather than kill at a point the test did not intend.
      for (let attempt = 1; attempt <= 3 && killedAt === undefined; attempt++) {
        const ix = await startTestIndexer({
          name: `PostgreSQL (crash, attempt ${attempt})`,
          kind: "postgres",
          databaseUrl,
          port: ctx.port,
          rpcUrl: chain.rpcUrl,
          workDir: ctx.workDir(),
          schema: `worx_crash_${attempt}_${Date.now()}`,
          env: { WORX_API_RATE_LIMIT: "0" }, // polled every 20 ms
        });
        const deadline = Date.now() + 60_000;
        while (Date.now() < deadline) {
          let n: number;
          try {
            n = totalRows(await rowCounts(ix.url));
          } catch {
            await sleep(20);
            continue; // tables not created yet
          }
          if (n >= KILL_WINDOW[0] * total && n <= KILL_WINDOW[1] * total) {
            process.kill(-ix.indexer.process.child.pid!, "SIGKILL"); // the whole process group
            await ix.indexer.process.exited;
            killedAt = n;
            break;
          }
          if (n > KILL_WINDOW[1] * total) break;
          await sleep(20);
        }
        if (killedAt === undefined) {
          console.log(`# attempt ${attempt}: the backfill went past ${KILL_WINDOW[1] * 100}% between two polls; again on a fresh schema`);
          await ix.indexer.process.stop();
          continue;
        }
        crashed = ix;
        logBefore = readFileSync(ix.logFile, "utf8");
      }
      assert.ok(crashed && killedAt !== undefined, "could not kill the indexer mid-backfill in 3 attempts");
      assert.equal(crashed.indexer.process.child.signalCode, "SIGKILL");
      assert.doesNotMatch(logBefore, /Completed backfill indexing/, "killed after the backfill, not during it");
      console.log(`# killed with ${killedAt} of ${total} rows written (${((killedAt / total) * 100).toFixed(0)}%)`);

      const restartedAt = Date.now();
      const restarted = await startTestIndexer({
        name: "PostgreSQL (restarted)",
        kind: "postgres",
        databaseUrl,
        port: ctx.port,
        rpcUrl: chain.rpcUrl,
        workDir: ctx.workDir(),
        schema: crashed.schema,
        resume: true,
        env: { WORX_API_RATE_LIMIT: "0" },
      });
      await waitForBlock(restarted, head, 120_000);
      console.log(`# restarted and caught up in ${Date.now() - restartedAt} ms (waiting out the dead instance's schema lock included)`);

      const log = readFileSync(restarted.logFile, "utf8").slice(logBefore.length);
      assert.match(log, /Detected crash recovery/, "the restart did not go through crash recovery");
      const resumedFrom = Number(/Started backfill indexing[^\n]*block_range=\[(\d+),/.exec(log)?.[1]);
      const { evmDeployment } = await import("../../generated/deployments.ts");
      const startBlock = evmDeployment("eip155:31337").startBlock;
      assert.ok(resumedFrom > startBlock, `resumed from block ${resumedFrom}, the start block (${startBlock}): started over instead of resuming`);
      assert.equal(totalRows(await rowCounts(restarted.url)), total);
      assertSameDump(await dumpTables(restarted.url), expected, "restarted after SIGKILL vs uninterrupted");
      await restarted.indexer.process.stop();
    });

    test.todo("PGlite: resume after SIGKILL mid-backfill (Ponder 0.16 writes PGlite without transactions; restart wipes and re-indexes instead)");
  });
}
