/**
 * Keys SQL-over-HTTP results by the indexer's position as well as by the query.
 *
 * Why: Ponder 0.16's `client()` middleware caches each `/sql/db` result under the request's `sql`
 * parameter until a table the query reads changes, as the live-query triggers report after each
 * indexed block. A reorg reverts rows with those triggers dropped, so a cached result could keep
 * rows of an abandoned fork until its table changed again, indefinitely for a table the new fork
 * never writes. test/indexer/multichain.test.ts saw it: a `fee_flow` row of chain B's abandoned
 * fork was still served by `/sql/db` after the database no longer held it.
 *
 * The fix: every change of `_ponder_checkpoint` (each indexed block on any chain; the first block
 * after a reorg too) starts a new epoch, and the epoch is written into the cache key, so no result
 * outlives the indexer state it was read from by more than one block (plus REFRESH_MS). Within an
 * epoch Ponder's own per-table invalidation still applies. The epoch goes into the superjson
 * envelope as an extra top-level field, which `superjson.parse` ignores: the query and its
 * parameters are passed on unchanged.
 *
 * Debug: a result older than the latest block means this module is not mounted before Ponder's
 * `client()` (indexer/src/api/index.ts). `/sql/live` streams are not re-keyed (one key per
 * connection): after a reorg, a live query refreshes when a table it reads changes again.
 */
import { latestCheckpoints } from "./checkpoints.ts";

/** How long an epoch reading is reused before `_ponder_checkpoint` is read again. */
const REFRESH_MS = 200;

let epoch = 0;
let state: string | undefined;
let readAt = 0;
let reading: Promise<number> | undefined;

async function readEpoch(): Promise<number> {
  const now = (await latestCheckpoints()).map((r) => `${r.chainId}:${r.latestCheckpoint}`).join(",");
  // A counter, not the checkpoints themselves: a fork's block can repeat an abandoned block's
  // checkpoint (same number and timestamp), and a key must never come back.
  if (now !== state) {
    state = now;
    epoch += 1;
  }
  readAt = Date.now();
  return epoch;
}

/** The current epoch: read at most every REFRESH_MS, one read shared by concurrent requests. */
export function indexerEpoch(): Promise<number> {
  if (state !== undefined && Date.now() - readAt < REFRESH_MS) return Promise.resolve(epoch);
  reading ??= readEpoch().finally(() => (reading = undefined));
  return reading;
}

/**
 * The `sql` parameter with the epoch added to its superjson envelope (`{"json":…,"meta":…}`,
 * checked to be a non-empty JSON object by the caller). Textual, so that the query's own JSON
 * (large numbers included) is passed on byte for byte.
 */
export function keyedSqlParameter(sqlParameter: string, epochValue: number): string {
  return sqlParameter.replace(/\}\s*$/, `,"worxIndexerEpoch":${epochValue}}`);
}
