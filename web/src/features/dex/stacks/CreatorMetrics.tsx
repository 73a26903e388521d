/** A Stacks creator's metrics from metrics-oracle (get-metrics) and its milestone progress (get-milestones-reached, get-milestone-thresholds). */
import { dateTime } from "../../admin/format.ts";
import { bpsText, count } from "../format.ts";
import { MilestoneProgress } from "../MilestoneProgress.tsx";
import type { DexContext } from "./StacksDexSection.tsx";
import type { CreatorState } from "./reads.ts";

export function CreatorMetrics({ ctx, creator }: { ctx: DexContext; creator: CreatorState }) {
  return (
    <div className="card" data-testid="stacks-dex-metrics">
      <h4>
        {ctx.handle} {creator.creator ? <code>{creator.creator}</code> : null}
      </h4>
      {creator.creator === null ? (
        <p className="muted">The oracle has no report for this creator yet: its first report binds the handle to the creator's wallet.</p>
      ) : (
        <p data-testid="stacks-dex-metrics-values">
          {count(creator.followers)} followers · {count(creator.plays)} plays · engagement {bpsText(creator.engagementBps)} · observed{" "}
          {dateTime(Number(creator.observedAt))}
        </p>
      )}
      <MilestoneProgress info={{ thresholds: creator.thresholds, launchIndex: creator.launchIndex }} reached={creator.milestonesReached} followers={creator.followers} />
      <p className="muted" data-testid="stacks-dex-launch-status">
        {creator.coin
          ? `Coin launched: ${creator.coin}.`
          : creator.milestonesReached > creator.launchIndex
            ? "Launch milestone reached: the creator can launch a coin."
            : "Not launched: the launch milestone is not reached yet."}
      </p>
    </div>
  );
}
