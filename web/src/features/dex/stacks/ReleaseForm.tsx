/**
 * Release a Stacks creator coin's scheduled supply at a reached milestone (creator-coin
 * `release`, with the oracle fixed at launch): anyone may trigger it, once per milestone; it mints
 * to the creator, so it goes out in deny mode with no post-condition. Milestones not reached yet
 * or already released are shown, not offered.
 */
import { useState } from "react";
import { TxStatus } from "../../../tx/TxStatus.tsx";
import { useStacksTx } from "../../escrow/stacks/useStacksTx.ts";
import { count, formatExact } from "../format.ts";
import { releaseCall } from "./calls.ts";
import type { MarketState } from "./reads.ts";
import type { DexContext } from "./StacksDexSection.tsx";

export function ReleaseForm({ ctx, market }: { ctx: DexContext; market: MarketState }) {
  const [index, setIndex] = useState<number>();
  const tx = useStacksTx(ctx.d);
  const reached = ctx.creator?.milestonesReached ?? 0;
  const c = market.coin;
  async function release(i: number) {
    setIndex(i);
    await tx.run(releaseCall(ctx.dex, c.token, i));
    await ctx.reload();
  }
  return (
    <div className="card form" role="group" aria-label="Stacks supply releases">
      <h3>Supply releases</h3>
      {market.releases.length === 0 ? <p className="muted">This coin scheduled no release after launch.</p> : null}
      <ul className="plain" data-testid="stacks-dex-releases">
        {market.releases.map((r) => (
          <li key={r.index} data-index={r.index} data-released={r.released}>
            Milestone {r.index + 1} ({count(ctx.creator?.thresholds[r.index] ?? 0n)} followers): {formatExact(r.amount, c.decimals, c.symbol)} —{" "}
            {r.released ? (
              "released"
            ) : r.index < reached ? (
              <button type="button" onClick={() => void release(r.index)} disabled={tx.busy}>
                Release milestone {r.index + 1}
              </button>
            ) : (
              "not reached yet"
            )}
          </li>
        ))}
      </ul>
      <TxStatus state={tx.state} label={index === undefined ? "Release" : `Release milestone ${index + 1}`} testId="stacks-dex-release" />
    </div>
  );
}
