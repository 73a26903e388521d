/**
 * Per-freelancer work history: `freelancer_stats` and `freelancer_earning` follow the contract's
 * own counters (IMilestoneEscrow.FreelancerStats, `earned`) event by event, so that each row equals
 * what `freelancerStats(freelancer)` / `earned(freelancer, token)` return at the indexed block;
 * `job_rating` holds the ratings themselves. The other handlers call {@link bumpStats} and
 * {@link addEarning} where the contract changes those counters; JobRated is handled here. Both keep
 * the freelancer's `leaderboard` row (./leaderboard.ts) in step.
 */
import { ponder } from "ponder:registry";
import { escrow, freelancerEarning, freelancerStats, jobRating } from "ponder:schema";
import type { Address } from "viem";
import { caip2, type AnyContext } from "./audit.ts";
import { earningKey, escrowKey, freelancerKey, lower, recordTimeline, shared } from "./common.ts";
import { ensureLeaderboard, toUsd, updateLeaderboard } from "./leaderboard.ts";
import { STATS_COUNTERS } from "./stats.ts";

type Stats = typeof freelancerStats.$inferSelect;
export type StatsCounter = Exclude<keyof Stats, "id" | "chainId" | "freelancer" | "updatedAt">;
// Typed against the schema: a counter missing from the table fails the typecheck.
const COUNTERS: readonly StatsCounter[] = STATS_COUNTERS;

/**
 * Adds `delta` to the freelancer's counters (creating the row, all zero, on first sight). An empty
 * delta only makes sure the row exists: every freelancer of a job has one, as every address has
 * (all-zero) stats on chain.
 */
export async function bumpStats(context: AnyContext, freelancer: Address, at: bigint, delta: Partial<Record<StatsCounter, number>>): Promise<void> {
  const chainId = caip2(context);
  const initial = Object.fromEntries(COUNTERS.map((c) => [c, delta[c] ?? 0])) as Record<StatsCounter, number>;
  const insert = context.db
    .insert(freelancerStats)
    .values({ id: freelancerKey(chainId, freelancer), chainId, freelancer: lower(freelancer), ...initial, updatedAt: at });
  if (Object.keys(delta).length === 0) {
    await insert.onConflictDoNothing();
    // Nothing changed: the leaderboard row only has to exist (its updatedAt stays).
    await ensureLeaderboard(context, freelancer, at);
    return;
  }
  await insert.onConflictDoUpdate((row) => {
    const next: Partial<Stats> = { updatedAt: at };
    for (const [counter, by] of Object.entries(delta) as [StatsCounter, number][]) next[counter] = row[counter] + by;
    return next;
  });
  const stats = await context.db.find(freelancerStats, { id: freelancerKey(chainId, freelancer) });
  if (stats) await updateLeaderboard(context, freelancer, at, { stats });
}

/** Adds a payout to what the freelancer earned in `token` (the contract skips zero payouts too). */
export async function addEarning(context: AnyContext, freelancer: Address, token: Address, payout: bigint, at: bigint): Promise<void> {
  if (payout === 0n) return;
  const chainId = caip2(context);
  await context.db
    .insert(freelancerEarning)
    .values({ id: earningKey(chainId, freelancer, token), chainId, freelancer: lower(freelancer), token: lower(token), earned: payout, updatedAt: at })
    .onConflictDoUpdate((row) => ({ earned: row.earned + payout, updatedAt: at }));
  const usd = toUsd(chainId, token, payout);
  if (usd !== 0n) await updateLeaderboard(context, freelancer, at, { earnedUsd: usd });
}

ponder.on("MilestoneEscrow:JobRated", shared("MilestoneEscrow:JobRated", async ({ event, context }) => {
  const chainId = caip2(context);
  const { escrowId, freelancer, rating } = event.args;
  const at = event.block.timestamp;
  const row = await context.db
    .update(escrow, { id: escrowKey(chainId, escrowId) })
    .set({ rating, ratedAt: at, updatedAt: at });
  await context.db.insert(jobRating).values({
    id: escrowKey(chainId, escrowId),
    chainId,
    escrowId,
    freelancer,
    client: row.client,
    rating,
    ratedAt: at,
    txHash: event.transaction.hash,
  });
  await bumpStats(context, freelancer, at, { ratingCount: 1, ratingSum: rating });
  await recordTimeline(context, event, "JobRated", { escrowId, actor: row.client });
}));
