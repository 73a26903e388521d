/**
 * A freelancer's standing as the leaderboard and the profile show it: the columns (label, sort key,
 * which order is better, cell text), the cells of a row, the best tier's chip and the chain label.
 */
import { formatUnits } from "viem";
import { chainLabel } from "../../chains/labels.ts";
import type { LeaderboardRow, LeaderboardSort } from "../../indexer/badges.ts";
import { humanDuration, percentOfBps } from "../admin/format.ts";
import { tierIdOf, tierName } from "./criteria.ts";

export interface Column {
  sort: LeaderboardSort;
  label: string;
  /** Which order a first click asks for: the better values first. */
  better: "asc" | "desc";
  cell: (row: StandingCells) => string;
}

/** The fields the cells read (a leaderboard line or a profile's per-chain row). */
export type StandingCells = Pick<
  LeaderboardRow,
  | "completedJobs"
  | "closedJobs"
  | "milestonesDelivered"
  | "onTimeRateBps"
  | "avgDeliveryDelta"
  | "satisfactionBps"
  | "ratingCount"
  | "disputeRateBps"
  | "completionRateBps"
  | "earnedUsd"
  | "badgeCount"
  | "bestTier"
>;

const rate = (bps: number, denominator: number) => (denominator === 0 ? "—" : percentOfBps(bps));

/** "2 d early", "3 h late", "on time" (average of submittedAt - dueDate). */
export function deliveryText(row: Pick<LeaderboardRow, "avgDeliveryDelta" | "milestonesDelivered">): string {
  if (row.milestonesDelivered === 0) return "—";
  const delta = Number(row.avgDeliveryDelta);
  if (Math.abs(delta) < 60) return "on the due date";
  return `${humanDuration(Math.abs(delta))} ${delta < 0 ? "early" : "late"}`;
}

/** USD with 6 decimals as "$1,234.56". */
export function usdText(micros: string): string {
  const [whole = "0", fraction = ""] = formatUnits(BigInt(micros), 6).split(".");
  return `$${whole.replace(/\B(?=(\d{3})+(?!\d))/g, ",")}.${fraction.padEnd(2, "0").slice(0, 2)}`;
}

/** Sorts by the best tier's rank (Verified highest); its cell is drawn apart, with the tier's colour. */
export const TIER_COLUMN: Column = { sort: "bestTier", label: "Best badge", better: "desc", cell: () => "" };

export const COLUMNS: readonly Column[] = [
  { sort: "completedJobs", label: "Jobs completed", better: "desc", cell: (r) => String(r.completedJobs) },
  { sort: "completionRateBps", label: "Completion", better: "desc", cell: (r) => rate(r.completionRateBps, r.completedJobs + r.closedJobs) },
  { sort: "onTimeRateBps", label: "On time", better: "desc", cell: (r) => rate(r.onTimeRateBps, r.milestonesDelivered) },
  { sort: "avgDeliveryDelta", label: "Avg. delivery", better: "asc", cell: deliveryText },
  { sort: "satisfactionBps", label: "Satisfaction", better: "desc", cell: (r) => (r.ratingCount === 0 ? "—" : `${percentOfBps(r.satisfactionBps)} (${r.ratingCount})`) },
  { sort: "disputeRateBps", label: "Disputes", better: "asc", cell: (r) => rate(r.disputeRateBps, r.milestonesDelivered) },
  { sort: "earnedUsd", label: "Earned (USD)", better: "desc", cell: (r) => usdText(r.earnedUsd) },
  { sort: "badgeCount", label: "Badges", better: "desc", cell: (r) => String(r.badgeCount) },
];

/** A standing's best-tier cell and column cells, test ids `<testIdPrefix>-tier` and `<testIdPrefix>-<sort>`. */
export function StandingColumns({ row, testIdPrefix }: { row: StandingCells; testIdPrefix: string }) {
  return (
    <>
      <td data-testid={`${testIdPrefix}-tier`}>
        <TierChip tier={row.bestTier} />
      </td>
      {COLUMNS.map((c) => (
        <td key={c.sort} data-testid={`${testIdPrefix}-${c.sort}`}>
          {c.cell(row)}
        </td>
      ))}
    </>
  );
}

export function TierChip({ tier }: { tier: LeaderboardRow["bestTier"] }) {
  const tierId = tier ? tierIdOf(tier) : undefined;
  if (!tierId) return <>—</>;
  return (
    <span className={`tier-chip tier-chip-${tier}`}>
      <span className={`tier-dot tier-dot-${tier}`} aria-hidden="true" />
      {tierName(tierId)}
    </span>
  );
}

/** A row's chain as a labelled chip (the CAIP-2 id in its title). */
export function ChainChip({ caip2 }: { caip2: string }) {
  return (
    <span className={`chain-chip chain-chip-${caip2.startsWith("stacks:") ? "stacks" : "evm"}`} title={caip2} data-chain={caip2}>
      {chainLabel(caip2)}
    </span>
  );
}
