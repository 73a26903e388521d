/**
 * Work-history arithmetic shared by the handlers (workHistory.ts, leaderboard.ts) and the API
 * (api/index.ts). Pure: no Ponder imports, so the API can use it without loading any handler.
 */

/** The `freelancer_stats` counters: IMilestoneEscrow.FreelancerStats plus `closedJobs`. */
export const STATS_COUNTERS = [
  "completedJobs",
  "closedJobs",
  "milestonesDelivered",
  "milestonesOnTime",
  "milestonesReclaimed",
  "ratingCount",
  "ratingSum",
  "disputesOpened",
  "disputesLost",
] as const;

const BPS = 10_000;

/** Rate in basis points, rounded down; 0 when there is nothing to divide by. */
export const rateBps = (part: number, whole: number) => (whole === 0 ? 0 : Math.floor((part * BPS) / whole));

/** Satisfaction as WorxBadges.satisfactionBps: floor(ratingSum * 10_000 / (5 * ratingCount)), 0 without ratings. */
export const satisfactionBps = (ratingSum: number, ratingCount: number) => rateBps(ratingSum, 5 * ratingCount);
