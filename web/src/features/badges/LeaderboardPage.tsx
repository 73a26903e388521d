/**
 * `#/leaderboard` (lazy-loaded): freelancers ranked by the indexer (`GET /leaderboard`), on one
 * chain or combined over all of them; sortable columns, filters by chain, best badge tier and a
 * minimum of completed jobs, and paging. Sorting, filtering and paging happen in the indexer.
 */
import { useState } from "react";
import { formatUnits } from "viem";
import { profileHref } from "../../app/routes.ts";
import { supportedChainByCaip2, supportedChains } from "../../chains/evm.ts";
import { useLeaderboard, type LeaderboardQuery, type LeaderboardRow, type LeaderboardSort } from "../../indexer/badges.ts";
import { humanDuration, percentOfBps } from "../admin/format.ts";
import { shortAddress } from "../escrow/tokens.ts";
import { tierName, tierIdOf, TIERS, tierSlug } from "./criteria.ts";

const PAGE_SIZES = [10, 25, 50] as const;

interface Column {
  sort: LeaderboardSort;
  label: string;
  /** Which order a first click asks for: the better values first. */
  better: "asc" | "desc";
  cell: (row: LeaderboardRow) => string;
}

const rate = (bps: number, denominator: number) => (denominator === 0 ? "—" : percentOfBps(bps));

/** "2 d early", "3 h late", "on time" (average of submittedAt - dueDate). */
export function deliveryText(row: Pick<LeaderboardRow, "avgDeliveryDelta" | "milestonesDelivered">): string {
  if (row.milestonesDelivered === 0) return "—";
  const delta = row.avgDeliveryDelta;
  if (Math.abs(delta) < 60) return "on the due date";
  return `${humanDuration(Math.abs(delta))} ${delta < 0 ? "early" : "late"}`;
}

/** USD with 6 decimals as "$1,234.56". */
export function usdText(micros: string): string {
  const [whole = "0", fraction = ""] = formatUnits(BigInt(micros), 6).split(".");
  return `$${whole.replace(/\B(?=(\d{3})+(?!\d))/g, ",")}.${fraction.padEnd(2, "0").slice(0, 2)}`;
}

/** Sorts by the best tier's rank (Verified highest); its cell is drawn apart, with the tier's colour. */
const TIER_COLUMN: Column = { sort: "bestTier", label: "Best badge", better: "desc", cell: () => "" };

const COLUMNS: readonly Column[] = [
  { sort: "completedJobs", label: "Jobs completed", better: "desc", cell: (r) => String(r.completedJobs) },
  { sort: "completionRateBps", label: "Completion", better: "desc", cell: (r) => rate(r.completionRateBps, r.completedJobs + r.closedJobs) },
  { sort: "onTimeRateBps", label: "On time", better: "desc", cell: (r) => rate(r.onTimeRateBps, r.milestonesDelivered) },
  { sort: "avgDeliveryDelta", label: "Avg. delivery", better: "asc", cell: deliveryText },
  { sort: "satisfactionBps", label: "Satisfaction", better: "desc", cell: (r) => (r.ratingCount === 0 ? "—" : `${percentOfBps(r.satisfactionBps)} (${r.ratingCount})`) },
  { sort: "disputeRateBps", label: "Disputes", better: "asc", cell: (r) => rate(r.disputeRateBps, r.milestonesDelivered) },
  { sort: "earnedUsd", label: "Earned (USD)", better: "desc", cell: (r) => usdText(r.earnedUsd) },
  { sort: "badgeCount", label: "Badges", better: "desc", cell: (r) => String(r.badgeCount) },
];

export default function LeaderboardPage() {
  const [q, setQ] = useState<LeaderboardQuery>({ chainId: "all", sort: "completedJobs", order: "desc", limit: 25, offset: 0 });
  const [minJobs, setMinJobs] = useState("");
  const { data, error, isPending, isPlaceholderData } = useLeaderboard(q);
  // Any filter change starts again from the first page.
  const update = (patch: Partial<LeaderboardQuery>) => setQ((prev) => ({ ...prev, offset: 0, ...patch }));
  const sortBy = (column: Column) =>
    update({ sort: column.sort, order: q.sort === column.sort ? (q.order === "desc" ? "asc" : "desc") : column.better });
  const minJobsError = minJobs !== "" && !/^\d{1,6}$/.test(minJobs) ? "A whole number of jobs." : undefined;
  const total = data?.totalCount ?? 0;
  // Which chains a combined row spans, worth a column only when the SPA knows several chains.
  const showChains = q.chainId === "all" && supportedChains.length > 1;

  return (
    <section className="admin-section leaderboard" aria-labelledby="leaderboard-title" data-testid="leaderboard">
      <h2 id="leaderboard-title">Leaderboard</h2>
      <form className="filters" onSubmit={(e) => e.preventDefault()} aria-label="Leaderboard filters">
        <div className="field">
          <label htmlFor="lb-chain">Chain</label>
          <select id="lb-chain" value={q.chainId} onChange={(e) => update({ chainId: e.target.value })}>
            <option value="all">All chains combined</option>
            {supportedChains.map((c) => (
              <option key={c.caip2} value={c.caip2}>
                {c.info.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="lb-tier">Best badge</label>
          <select id="lb-tier" value={q.tier ?? ""} onChange={(e) => update({ tier: (e.target.value || undefined) as LeaderboardQuery["tier"] })}>
            <option value="">Any</option>
            <option value="none">No badge</option>
            {TIERS.map((t) => (
              <option key={t} value={tierSlug(t)}>
                {tierName(t)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="lb-min-jobs">Min. completed jobs</label>
          <input
            id="lb-min-jobs"
            inputMode="numeric"
            placeholder="0"
            value={minJobs}
            aria-invalid={!!minJobsError}
            aria-describedby={minJobsError ? "lb-min-jobs-error" : undefined}
            onChange={(e) => {
              const v = e.target.value.trim();
              setMinJobs(v);
              if (v === "" || /^\d{1,6}$/.test(v)) update({ minJobs: v === "" ? undefined : Number(v) });
            }}
          />
          {minJobsError ? (
            <p className="field-error" id="lb-min-jobs-error">
              {minJobsError}
            </p>
          ) : null}
        </div>
        <div className="field">
          <label htmlFor="lb-size">Per page</label>
          <select id="lb-size" value={q.limit} onChange={(e) => update({ limit: Number(e.target.value) })}>
            {PAGE_SIZES.map((n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
          </select>
        </div>
      </form>
      {error ? (
        <p className="notice" role="alert">
          {error.message}
        </p>
      ) : isPending ? (
        <p className="muted">Loading from the indexer…</p>
      ) : data.items.length === 0 ? (
        <p className="muted" data-testid="leaderboard-empty">
          No freelancer matches these filters yet.
        </p>
      ) : (
        <div className="table-wrap card">
          <table className="table" data-testid="leaderboard-table" aria-busy={isPlaceholderData}>
            <thead>
              <tr>
                <th scope="col">#</th>
                <th scope="col">Freelancer</th>
                {showChains ? <th scope="col">Chains</th> : null}
                {[TIER_COLUMN, ...COLUMNS].map((c) => (
                  <th key={c.sort} scope="col" aria-sort={q.sort === c.sort ? (q.order === "asc" ? "ascending" : "descending") : "none"}>
                    <button type="button" className="link sort" data-testid={`sort-${c.sort}`} onClick={() => sortBy(c)}>
                      {c.label}
                      {q.sort === c.sort ? (q.order === "asc" ? " ▲" : " ▼") : ""}
                    </button>
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {data.items.map((row, i) => {
                const tierId = row.bestTier ? tierIdOf(row.bestTier) : undefined;
                return (
                  <tr key={`${row.chainId}:${row.freelancer}`} data-testid={`leader-${row.freelancer.toLowerCase()}`} data-tier={row.bestTier ?? "none"}>
                    <td>{q.offset + i + 1}</td>
                    <td>
                      <a href={profileHref(row.freelancer)} title={row.freelancer}>
                        <code>{shortAddress(row.freelancer)}</code>
                      </a>
                    </td>
                    {showChains ? <td>{(row.chains ?? []).map((c) => supportedChainByCaip2(c)?.info.name ?? c).join(", ") || "—"}</td> : null}
                    <td data-testid="leader-tier">
                      {tierId ? (
                        <span className={`tier-chip tier-chip-${row.bestTier}`}>
                          <span className={`tier-dot tier-dot-${row.bestTier}`} aria-hidden="true" />
                          {tierName(tierId)}
                        </span>
                      ) : (
                        "—"
                      )}
                    </td>
                    {COLUMNS.map((c) => (
                      <td key={c.sort} data-testid={`leader-${c.sort}`}>
                        {c.cell(row)}
                      </td>
                    ))}
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      {data && total > 0 ? (
        <nav className="pager" aria-label="Leaderboard pages">
          <button type="button" className="secondary" disabled={q.offset === 0} onClick={() => setQ((p) => ({ ...p, offset: Math.max(0, p.offset - p.limit) }))}>
            Previous
          </button>
          <span className="muted" data-testid="leaderboard-range">
            {Math.min(q.offset + 1, total)}–{Math.min(q.offset + q.limit, total)} of {total}
          </span>
          <button
            type="button"
            className="secondary"
            disabled={q.offset + q.limit >= total || isPlaceholderData}
            onClick={() => setQ((p) => ({ ...p, offset: p.offset + p.limit }))}
          >
            Next
          </button>
        </nav>
      ) : null}
    </section>
  );
}
