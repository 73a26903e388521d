/**
 * Deposit revenue into a Stacks creator coin (creator-coin `deposit-revenue`), usually by the
 * creator: the holders' share of it (set at launch) is credited to holders pro rata at this
 * deposit, the rest to the creator. Deny mode: you send exactly the amount of the base token.
 */
import { useId, useState, type FormEvent } from "react";
import { TxStatus } from "../../../tx/TxStatus.tsx";
import { TextField } from "../../../ui/Field.tsx";
import { useStacksTx } from "../../escrow/stacks/useStacksTx.ts";
import { parseAmount } from "../../escrow/validation.ts";
import { formatExact } from "../format.ts";
import { depositRevenueCall } from "./calls.ts";
import type { MarketState } from "./reads.ts";
import type { DexContext } from "./StacksDexSection.tsx";

export function DepositRevenueForm({ ctx, market }: { ctx: DexContext; market: MarketState }) {
  const ids = useId();
  const [amount, setAmount] = useState("");
  const [error, setError] = useState<string>();
  const tx = useStacksTx(ctx.d);
  const b = market.base;
  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    const a = parseAmount(amount, b.decimals, b.symbol);
    const err = a.error ?? (a.value! > market.balances.base ? `You hold ${formatExact(market.balances.base, b.decimals, b.symbol)}: not enough for this deposit.` : undefined);
    setError(err);
    if (err) return;
    await tx.run(depositRevenueCall(ctx.dex, { coin: market.coin, base: b }, ctx.me, a.value!));
    await ctx.reload();
  }
  return (
    <form className="card form" onSubmit={onSubmit} noValidate aria-label="Deposit Stacks revenue">
      <h3>Deposit revenue</h3>
      <TextField id={`${ids}-a`} label={`Amount (${b.symbol})`} error={error} value={amount} onChange={setAmount} />
      <p className="hint">
        Anyone may deposit; {market.coin.symbol} holders at the time of the deposit share part of it pro rata (pool liquidity excluded), the creator gets the rest. You send
        exactly this amount (deny mode).
      </p>
      <button type="submit" disabled={tx.busy}>
        Deposit
      </button>
      <TxStatus state={tx.state} label="Deposit revenue on Stacks" testId="stacks-dex-deposit" />
    </form>
  );
}
