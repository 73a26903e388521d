/**
 * A freelancer's work history on one chain, from the indexer (the contract's FreelancerStats and
 * `earned`): jobs completed, deliveries on time, ratings, disputes, earnings per token.
 */
import type { Address } from "viem";
import { profileHref } from "../../app/routes.ts";
import { useFreelancerHistory, type EarningRow } from "../../indexer/freelancers.ts";
import { sameAddress } from "./rules.ts";
import { formatAmount, shortAddress, useTokenInfo } from "./tokens.ts";

const pct = (part: number, whole: number) => (whole === 0 ? "—" : `${Math.round((part * 100) / whole)}%`);

export function WorkHistory(props: {
  chainId: number;
  caip2: string;
  freelancer: Address;
  me?: Address;
  title?: string;
  hideWhenEmpty?: boolean;
  /** Links to the freelancer's profile (badges, leaderboard standing); off on the profile itself. */
  profileLink?: boolean;
}) {
  const { chainId, caip2, freelancer, me, title } = props;
  const { data, error, isPending } = useFreelancerHistory(caip2, freelancer);
  const you = sameAddress(freelancer, me);
  const heading = title ?? (you ? "Your work history" : `Work history of ${shortAddress(freelancer)}`);
  const s = data?.stats;
  const empty = !s || s.milestonesDelivered + s.completedJobs + s.closedJobs + s.disputesOpened + s.milestonesReclaimed === 0;
  if (props.hideWhenEmpty && (isPending || error || empty)) return null;
  return (
    <section className="card" aria-labelledby={`history-${freelancer}`} data-testid="work-history" data-freelancer={freelancer.toLowerCase()}>
      <h2 id={`history-${freelancer}`}>{heading}</h2>
      {error ? (
        <p className="notice" role="alert">
          {error.message}
        </p>
      ) : isPending ? (
        <p className="muted">Loading from the indexer…</p>
      ) : empty || !s ? (
        <p className="muted" data-testid="history-empty">
          {you ? "You have" : `${shortAddress(freelancer)} has`} no work on record here yet.
        </p>
      ) : (
        <>
          <dl className="facts" data-testid="history-stats">
            <dt>Jobs completed</dt>
            <dd data-testid="history-completed">
              {s.completedJobs}
              {s.closedJobs ? ` (and ${s.closedJobs} closed with an undelivered milestone)` : ""}
            </dd>
            <dt>Milestones delivered</dt>
            <dd data-testid="history-delivered">
              {s.milestonesDelivered}, {pct(s.milestonesOnTime, s.milestonesDelivered)} on time
            </dd>
            <dt>Reclaimed as undelivered</dt>
            <dd data-testid="history-reclaimed">{s.milestonesReclaimed}</dd>
            <dt>Client satisfaction</dt>
            <dd data-testid="history-rating">
              {s.ratingCount === 0
                ? "not rated yet"
                : `${(s.ratingSum / s.ratingCount).toFixed(1)}/5 over ${s.ratingCount} rated job${s.ratingCount === 1 ? "" : "s"} (${pct(s.ratingSum, 5 * s.ratingCount)})`}
            </dd>
            <dt>Disputes</dt>
            <dd data-testid="history-disputes">
              {s.disputesOpened} opened, {s.disputesLost} lost (ruled below half)
            </dd>
          </dl>
          {data.earnings.length ? (
            <p className="hint" data-testid="history-earned">
              Earned (net of fees):{" "}
              {data.earnings.map((e) => (
                <Earning key={e.token} chainId={chainId} row={e} />
              ))}
            </p>
          ) : null}
        </>
      )}
      {props.profileLink !== false ? (
        <p className="hint">
          <a href={profileHref(freelancer)} data-testid="history-profile-link">
            {you ? "Your profile and badges" : "Profile and badges"} →
          </a>
        </p>
      ) : null}
    </section>
  );
}

function Earning({ chainId, row }: { chainId: number; row: EarningRow }) {
  const info = useTokenInfo(chainId, row.token);
  return <span className="earning">{formatAmount(row.earned, info)}</span>;
}
