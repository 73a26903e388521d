/** A creator's follower milestones: reached ones marked, and a progress bar towards the next threshold. */
import { count } from "./format.ts";
import { nextMilestone, type OracleInfo } from "./useOracle.ts";

export function MilestoneProgress({ info, reached, followers }: { info: OracleInfo; reached: number; followers: bigint }) {
  const next = nextMilestone(info, reached, followers);
  return (
    <div className="progress" data-testid="milestone-progress" data-reached={reached} data-next={next?.index ?? ""}>
      {next ? (
        <>
          <div
            className="progress-track"
            role="progressbar"
            aria-label={`Followers towards milestone ${next.index + 1}`}
            aria-valuemin={0}
            aria-valuemax={Number(next.threshold)}
            aria-valuenow={Number(followers > next.threshold ? next.threshold : followers)}
          >
            <div className="progress-fill" style={{ width: `${next.percent}%` }} />
          </div>
          <p className="muted" data-testid="milestone-next">
            {count(followers)} of {count(next.threshold)} followers ({next.percent}%) towards milestone {next.index + 1}
            {next.index === info.launchIndex ? ", the launch milestone: reaching it lets the creator launch a coin." : next.index > info.launchIndex ? ", which releases more of the coin's supply when scheduled." : "."}
          </p>
        </>
      ) : (
        <>
          <div className="progress-track" role="progressbar" aria-label="Every milestone reached" aria-valuemin={0} aria-valuemax={100} aria-valuenow={100}>
            <div className="progress-fill" data-done="true" style={{ width: "100%" }} />
          </div>
          <p className="muted" data-testid="milestone-next">
            Every milestone is reached ({count(followers)} followers).
          </p>
        </>
      )}
      <ol className="milestones" aria-label="Milestones">
        {info.thresholds.map((t, i) => (
          <li key={i} data-reached={i < reached} data-launch={i === info.launchIndex} title={i === info.launchIndex ? "Launch milestone" : undefined}>
            {i < reached ? "✓ " : ""}
            {count(t)}
            {i === info.launchIndex ? " · launch" : ""}
          </li>
        ))}
      </ol>
    </div>
  );
}
