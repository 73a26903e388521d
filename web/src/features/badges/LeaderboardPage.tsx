/**
 * `#/leaderboard` (lazy-loaded): freelancers ranked by the indexer (`GET /leaderboard`) over every
 * indexed chain — each EVM chain and Stacks — or one of them. "All chains" lists one line per
 * account and chain, each labelled with its chain; "All chains, summed" one line per account (an
 * EVM address's chains add up; a Stacks principal is another account). Sortable columns, filters by
 * chain, best badge tier and a minimum of completed jobs, and paging: all done by the indexer.
 */
import { useState } from "react";
import { profileHref } from "../../app/routes.ts";
import { useChainOptions } from "../../indexer/chains.ts";
import { ChainSelect } from "../../ui/ChainSelect.tsx";
import { useLeaderboard, type LeaderboardQuery } from "../../indexer/badges.ts";
import { shortAddress } from "../escrow/tokens.ts";
import { tierName, TIERS, tierSlug } from "./criteria.ts";
import { ChainChip, COLUMNS, StandingColumns, TIER_COLUMN, type Column } from "./standing.tsx";

export { deliveryText, usdText } from "./standing.tsx";

const PAGE_SIZES = [10, 25, 50] as const;

/** The chain filter's value: "all" (per chain, labelled), "summed" (per account over all chains), or a CAIP-2 id. */
type ChainChoice = "all" | "summed" | (string & {});
const choiceOf = (q: Pick<LeaderboardQuery, "chainId" | "group">): ChainChoice => (q.chainId !== "all" ? q.chainId : q.group === "account" ? "summed" : "all");
const LEADING = [["all", "All chains"], ["summed", "All chains, summed per account"]] as const;
const queryOf = (choice: ChainChoice): Pick<LeaderboardQuery, "chainId" | "group"> =>
  choice === "summed" ? { chainId: "all", group: "account" } : { chainId: choice, group: "chain" };

export default function LeaderboardPage() {
  const [q, setQ] = useState<LeaderboardQuery>({ chainId: "all", group: "chain", sort: "completedJobs", order: "desc", limit: 25, offset: 0 });
  const chainOptions = useChainOptions();
  const [minJobs, setMinJobs] = useState("");
  const { data, error, isPending, isPlaceholderData } = useLeaderboard(q);
  // Any filter change starts again from the first page.
  const update = (patch: Partial<LeaderboardQuery>) => setQ((prev) => ({ ...prev, offset: 0, ...patch }));
  const sortBy = (column: Column) =>
    update({ sort: column.sort, order: q.sort === column.sort ? (q.order === "desc" ? "asc" : "desc") : column.better });
  const minJobsError = minJobs !== "" && !/^\d{1,6}$/.test(minJobs) ? "A whole number of jobs." : undefined;
  const total = data?.totalCount ?? 0;
  // Every row of a multi-chain view says its chain (or, summed, which chains it adds up).
  const showChains = q.chainId === "all";
  const choice = choiceOf(q);

  return (
    <section className="admin-section leaderboard" aria-labelledby="leaderboard-title" data-testid="leaderboard">
      <h2 id="leaderboard-title">Leaderboard</h2>
      <form className="filters" onSubmit={(e) => e.preventDefault()} aria-label="Leaderboard filters">
        <ChainSelect id="lb-chain" value={choice} options={chainOptions} leading={LEADING} onChange={(v) => update(queryOf(v))} />
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
                {showChains ? <th scope="col">{q.group === "chain" ? "Chain" : "Chains"}</th> : null}
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
                // EVM addresses as stored (lowercase); Stacks principals as printed.
                const who = row.freelancer.startsWith("0x") ? row.freelancer.toLowerCase() : row.freelancer;
                return (
                  <tr key={`${row.chainId}:${row.freelancer}`} data-testid={`leader-${who}`} data-chain={row.chainId} data-tier={row.bestTier ?? "none"}>
                    <td>{q.offset + i + 1}</td>
                    <td>
                      <a href={profileHref(row.freelancer)} title={row.freelancer}>
                        <code>{shortAddress(row.freelancer)}</code>
                      </a>
                    </td>
                    {showChains ? (
                      <td data-testid="leader-chain">
                        {q.group === "chain" ? (
                          <ChainChip caip2={row.chainId} />
                        ) : (
                          (row.chains ?? []).map((c) => <ChainChip key={c} caip2={c} />)
                        )}
                      </td>
                    ) : null}
                    <StandingColumns row={row} testIdPrefix="leader" />
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
