/**
 * Claim your revenue from a Stacks creator coin (creator-coin `claim-revenue`): your holder share
 * of every deposit since you held coins, plus the creator's share for the creator. The claimable
 * amount is read again just before the wallet; deny mode: the coin contract sends exactly that.
 */
import { useState, type FormEvent } from "react";
import { TxStatus } from "../../../tx/TxStatus.tsx";
import { useStacksTx } from "../../escrow/stacks/useStacksTx.ts";
import { formatExact } from "../format.ts";
import { claimRevenueCall } from "./calls.ts";
import { readClaimable, type MarketState } from "./reads.ts";
import type { DexContext } from "./StacksDexSection.tsx";

export function ClaimRevenueForm({ ctx, market }: { ctx: DexContext; market: MarketState }) {
  const [error, setError] = useState<string>();
  const tx = useStacksTx(ctx.d);
  const b = market.base;
  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    let claimable: bigint;
    try {
      claimable = await readClaimable(ctx.reader!, market.coin.token, ctx.me);
    } catch (err) {
      return setError(`Could not read what you may claim: ${err instanceof Error ? err.message : String(err)}`);
    }
    if (claimable === 0n) return setError("You have no revenue to claim from this coin (u5121): it accrues to holders at each deposit.");
    setError(undefined);
    await tx.run(claimRevenueCall(ctx.dex, { coin: market.coin, base: b }, claimable));
    await ctx.reload();
  }
  return (
    <form className="card form" onSubmit={onSubmit} noValidate aria-label="Claim Stacks revenue">
      <h3>Claim revenue</h3>
      <p data-testid="stacks-dex-claimable">Claimable: {formatExact(market.claimable, b.decimals, b.symbol)}</p>
      {error ? (
        <p className="field-error" role="alert">
          {error}
        </p>
      ) : null}
      <button type="submit" disabled={tx.busy}>
        Claim
      </button>
      <TxStatus state={tx.state} label="Claim revenue on Stacks" testId="stacks-dex-claim" />
    </form>
  );
}
