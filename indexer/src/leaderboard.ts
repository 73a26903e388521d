/**
 * The `leaderboard` table: one row per freelancer and chain, kept in step by the escrow handlers
 * (work-history counters, delivery times, USD-priced earnings) and the badge handlers (badges held
 * per tier). Derived columns (rates, averages, best tier) are recomputed on every change, so every
 * column is sortable in SQL.
 */
import type { BadgeTier } from "ponder:schema";
import { freelancerStats, leaderboard } from "ponder:schema";
import type { Address } from "viem";
import { deployments, type EvmChainId } from "../../generated/deployments.ts";
import { chainByCaip2 } from "../../scripts/registry/chains.ts";
import { caip2, type AnyContext } from "./audit.ts";
import { freelancerKey, lower } from "./common.ts";
import { rateBps, satisfactionBps } from "./stats.ts";

type Row = typeof leaderboard.$inferSelect;
type Stats = typeof freelancerStats.$inferSelect;

/** IWorxBadges.Tier by id; index 0 is `None`. */
export const TIERS: readonly (BadgeTier | null)[] = [null, "bronze", "silver", "gold", "platinum", "verified"];
const USD_DECIMALS = 6;

/**
 * Tokens with a known USD price (all pegged at 1 USD) on `chainId`, address (lowercase) → decimals:
 * the registry's stablecoins, plus the local demo's dUSD (6 decimals) where it is deployed.
 */
const usdTokenCache = new Map<string, Map<string, number>>();
export function usdTokens(chainId: string): Map<string, number> {
  let tokens = usdTokenCache.get(chainId);
  if (tokens) return tokens;
  tokens = new Map();
  try {
    for (const s of chainByCaip2(chainId).stablecoins) tokens.set(s.address.toLowerCase(), s.decimals);
  } catch {
    // A chain outside the registry: no known prices.
  }
  const demo = deployments[chainId as EvmChainId]?.contracts.DemoStablecoin;
  if (demo) tokens.set(demo.toLowerCase(), USD_DECIMALS);
  usdTokenCache.set(chainId, tokens);
  return tokens;
}

/** `amount` of `token` in USD with 6 decimals (rounded down), or 0 when the token has no known price. */
export function toUsd(chainId: string, token: Address, amount: bigint): bigint {
  const decimals = usdTokens(chainId).get(token.toLowerCase());
  if (decimals === undefined) return 0n;
  return decimals >= USD_DECIMALS ? amount / 10n ** BigInt(decimals - USD_DECIMALS) : amount * 10n ** BigInt(USD_DECIMALS - decimals);
}

export interface LeaderboardChange {
  /** The freelancer's counters after the change (the freelancer_stats row). */
  stats?: Stats;
  /** A submission's `submittedAt - dueDate`, in seconds. */
  deliveryDelta?: bigint;
  /** USD (6 decimals) earned by a payout. */
  earnedUsd?: bigint;
  /** A badge of this tier id arrived (+1) or left (-1). */
  badge?: { tierId: number; by: 1 | -1 };
}

function emptyRow(chainId: string, freelancer: Address, at: bigint): Row {
  return {
    id: freelancerKey(chainId, freelancer),
    chainId,
    freelancer: lower(freelancer),
    completedJobs: 0,
    closedJobs: 0,
    milestonesDelivered: 0,
    milestonesOnTime: 0,
    onTimeRateBps: 0,
    avgDeliveryDelta: 0,
    deliveryDeltaSum: 0n,
    satisfactionBps: 0,
    ratingCount: 0,
    ratingSum: 0,
    disputesOpened: 0,
    disputesLost: 0,
    disputeRateBps: 0,
    completionRateBps: 0,
    bestTier: null,
    bestTierId: 0,
    badgeCount: 0,
    tierCounts: [0, 0, 0, 0, 0, 0],
    earnedUsd: 0n,
    updatedAt: at,
  };
}

/** Creates the freelancer's leaderboard row, all zero, unless it exists. */
export async function ensureLeaderboard(context: AnyContext, freelancer: Address, at: bigint): Promise<void> {
  await context.db.insert(leaderboard).values(emptyRow(caip2(context), freelancer, at)).onConflictDoNothing();
}

/** Applies `change` to the freelancer's leaderboard row (creating it on first sight) and recomputes its derived columns. */
export async function updateLeaderboard(context: AnyContext, freelancer: Address, at: bigint, change: LeaderboardChange): Promise<void> {
  const chainId = caip2(context);
  const id = freelancerKey(chainId, freelancer);
  const existing = await context.db.find(leaderboard, { id });
  // Copied: the row found may be the store's cached object.
  const row: Row = existing ? { ...existing, tierCounts: [...existing.tierCounts] } : emptyRow(chainId, freelancer, at);

  const { stats } = change;
  if (stats) {
    row.completedJobs = stats.completedJobs;
    row.closedJobs = stats.closedJobs;
    row.milestonesDelivered = stats.milestonesDelivered;
    row.milestonesOnTime = stats.milestonesOnTime;
    row.ratingCount = stats.ratingCount;
    row.ratingSum = stats.ratingSum;
    row.disputesOpened = stats.disputesOpened;
    row.disputesLost = stats.disputesLost;
  }
  if (change.deliveryDelta !== undefined) row.deliveryDeltaSum += change.deliveryDelta;
  if (change.earnedUsd !== undefined) row.earnedUsd += change.earnedUsd;
  if (change.badge) {
    const { tierId, by } = change.badge;
    row.tierCounts[tierId] = Math.max(0, (row.tierCounts[tierId] ?? 0) + by);
  }

  row.onTimeRateBps = rateBps(row.milestonesOnTime, row.milestonesDelivered);
  // Rounded toward zero; the exact sum stays in deliveryDeltaSum.
  row.avgDeliveryDelta = row.milestonesDelivered === 0 ? 0 : Number(row.deliveryDeltaSum / BigInt(row.milestonesDelivered));
  row.satisfactionBps = satisfactionBps(row.ratingSum, row.ratingCount);
  row.disputeRateBps = rateBps(row.disputesOpened, row.milestonesDelivered);
  row.completionRateBps = rateBps(row.completedJobs, row.completedJobs + row.closedJobs);
  // Verified (5) ranks highest, as WorxBadges.bestTier.
  row.bestTierId = 0;
  for (let t = TIERS.length - 1; t > 0; t--) {
    if ((row.tierCounts[t] ?? 0) > 0) {
      row.bestTierId = t;
      break;
    }
  }
  row.bestTier = TIERS[row.bestTierId] ?? null;
  row.badgeCount = row.tierCounts.reduce((sum, n) => sum + n, 0);
  row.updatedAt = at;

  if (existing) {
    const { id: _id, ...fields } = row;
    await context.db.update(leaderboard, { id }).set(fields);
  } else {
    await context.db.insert(leaderboard).values(row);
  }
}
