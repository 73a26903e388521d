/**
 * Badge tiers and their criteria in words (IWorxBadges): which criteria an account misses, with
 * the numbers ("7 of 10 completed jobs", "satisfaction 94.99% of 95%"). Pure functions, free of
 * React and wagmi, so the end-to-end tests check the page's wording against the same code.
 */
import { percentOfBps } from "../admin/format.ts";
import { TIER_NAMES } from "../../tx/errors.ts";

/** IWorxBadges.Tier without None, in order. */
export const TIERS = [1, 2, 3, 4, 5] as const;
export type TierId = (typeof TIERS)[number];
export type TierSlug = "bronze" | "silver" | "gold" | "platinum" | "verified";

export const tierName = (tier: number): string => TIER_NAMES[tier] ?? `Tier ${tier}`;
export const tierSlug = (tier: number): TierSlug => tierName(tier).toLowerCase() as TierSlug;
export const tierIdOf = (slug: string): TierId | undefined => TIERS.find((t) => tierSlug(t) === slug);

/** The missing-criteria bits of `missingCriteria(account, tier)`. */
export const MISSING = { jobs: 1, satisfaction: 2, xVerification: 4, vetting: 8 } as const;

/** IWorxBadges.TierConfig, as viem decodes it. */
export interface TierConfig {
  minCompletedJobs: number;
  minSatisfactionBps: number;
  requiresXVerified: boolean;
  requiresVetted: boolean;
  soulbound: boolean;
  feeDiscountBps: number;
}

/** What the criteria compare: the escrow's work history of the account, now. */
export interface CriteriaFacts {
  completedJobs: number;
  satisfactionBps: number;
  ratingCount: number;
}

/** The tier's criteria in one line: "10 completed jobs, satisfaction of at least 95%". */
export function criteriaText(config: TierConfig): string {
  const parts: string[] = [];
  if (config.minCompletedJobs > 0) parts.push(`${config.minCompletedJobs} completed job${config.minCompletedJobs === 1 ? "" : "s"}`);
  if (config.minSatisfactionBps > 0) parts.push(`satisfaction of at least ${percentOfBps(config.minSatisfactionBps)}`);
  if (config.requiresXVerified) parts.push("a verified X account");
  if (config.requiresVetted) parts.push("vetting by the platform");
  return parts.length ? parts.join(", ") : "no criteria";
}

/** What the tier's badge confers, in one line. */
export function perksText(config: TierConfig): string {
  if (!config.soulbound) return "transferable collectible, no fee discount";
  return config.feeDiscountBps > 0 ? `soul-bound, ${percentOfBps(config.feeDiscountBps)} off the platform fee` : "soul-bound";
}

/**
 * Each unmet criterion of `mask` as words with the numbers. Bits the config does not explain
 * (the contract's answer is newer than the config read) are still named.
 */
export function missingCriteriaWords(mask: number, config: TierConfig | undefined, facts: CriteriaFacts | undefined): string[] {
  const words: string[] = [];
  if (mask & MISSING.jobs)
    words.push(
      config && facts
        ? `${facts.completedJobs} of ${config.minCompletedJobs} completed jobs`
        : "not enough completed jobs",
    );
  if (mask & MISSING.satisfaction)
    words.push(
      config && facts
        ? facts.ratingCount === 0
          ? `satisfaction ${percentOfBps(0)} of ${percentOfBps(config.minSatisfactionBps)} (no rated job yet)`
          : `satisfaction ${percentOfBps(facts.satisfactionBps)} of ${percentOfBps(config.minSatisfactionBps)}`
        : "client satisfaction below the minimum",
    );
  if (mask & MISSING.xVerification) words.push("no verified X account (an attester's unexpired attestation)");
  if (mask & MISSING.vetting) words.push("not vetted by the platform (an attester's unexpired attestation)");
  return words;
}

/** Satisfaction as WorxBadges computes it: floor(ratingSum * 10_000 / (5 * ratingCount)), 0 without ratings. */
export function satisfactionBps(ratingSum: number, ratingCount: number): number {
  return ratingCount === 0 ? 0 : Math.floor((ratingSum * 10_000) / (5 * ratingCount));
}
