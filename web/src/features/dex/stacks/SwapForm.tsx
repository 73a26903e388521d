/**
 * Buy or sell a Stacks creator coin against its pool's base token, exact-in ("pay exactly") or
 * exact-out ("receive exactly"). "Quote" reads the pool's reserves and the chain's time through
 * the Stacks API and computes, with creator-pool's own formula (../poolMath.ts: the Clarity pool
 * rounds as PoolMath.sol), the expected output and min-out (or the input and max-in), the price
 * impact and the deadline. "Swap" reads both again and refuses before the wallet when the deadline
 * has passed or the fresh quote no longer honours the accepted limit (the price moved: a sandwich
 * or another trade), and when a protection would refuse it (halt, cooldown, daily limit, impact
 * cap) or the balance is short — all from the market read again at that moment. The wallet request states in deny mode what moves (./calls.ts).
 */
import { useId, useState, type FormEvent } from "react";
import { TxStatus } from "../../../tx/TxStatus.tsx";
import { Field } from "../../../ui/Field.tsx";
import { dateTime } from "../../admin/format.ts";
import { useStacksTx } from "../../escrow/stacks/useStacksTx.ts";
import { parseAmount } from "../../escrow/validation.ts";
import { bpsText, formatExact } from "../format.ts";
import { PoolMathError, quoteSwap, type Mode, type Quote, type Side } from "../poolMath.ts";
import { DEFAULT_SLIPPAGE, honours, parseDeadline, parseSlippage } from "../SwapForm.tsx";
import { MAX_RESERVE, swapCall } from "./calls.ts";
import { readChainTime, readReserves, type MarketState, type TokenInfo } from "./reads.ts";
import type { DexContext } from "./StacksDexSection.tsx";

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** Stacks blocks are slower than a local chain's: a longer default than the EVM form's. */
const DEFAULT_DEADLINE_MINUTES = "30";

interface Accepted {
  quote: Quote;
  /** Unix seconds, fixed when the quote was taken. */
  deadline: bigint;
}

/** Why the pool (or the token) would refuse this swap now, in words; undefined when it would pass. */
export function swapRefusal(market: MarketState, quote: Quote, now: bigint, tokenIn: TokenInfo): string | undefined {
  const p = market.params;
  if (market.haltedUntil > now) return `Swaps on this pool are halted until ${dateTime(market.haltedUntil)} (circuit breaker or the multisig): the pool would refuse it (u5330).`;
  if (p.maxPriceImpactBps > 0 && quote.impactBps > BigInt(p.maxPriceImpactBps))
    return `This trade's price impact is ${bpsText(quote.impactBps)}, above the pool's cap of ${bpsText(p.maxPriceImpactBps)} (u5333): split it into smaller trades.`;
  const t = market.protection;
  if (p.cooldown > 0n && t.lastTradeAt > 0n && now < t.lastTradeAt + p.cooldown)
    return `Your last trade on this pool was less than ${p.cooldown} s ago: you can trade again at ${dateTime(t.lastTradeAt + p.cooldown)} (u5332).`;
  if (p.dailyVolumeLimit > 0n) {
    const used = t.day === now / 86_400n ? t.volume : 0n;
    if (used + quote.baseVolume > p.dailyVolumeLimit)
      return `This trade would bring your volume today to ${formatExact(used + quote.baseVolume, market.base.decimals, market.base.symbol)}, above the daily limit of ${formatExact(p.dailyVolumeLimit, market.base.decimals, market.base.symbol)} (u5331).`;
  }
  const balance = quote.side === "buy" ? market.balances.base : market.balances.coin;
  const spend = quote.mode === "exactIn" ? quote.amountIn : quote.limit;
  if (balance < spend) return `You hold ${formatExact(balance, tokenIn.decimals, tokenIn.symbol)}: this trade may take up to ${formatExact(spend, tokenIn.decimals, tokenIn.symbol)}.`;
  return undefined;
}

export function SwapForm({ ctx, market }: { ctx: DexContext; market: MarketState }) {
  const id = useId();
  const [side, setSide] = useState<Side>("buy");
  const [mode, setMode] = useState<Mode>("exactIn");
  const [amount, setAmount] = useState("");
  const [slippage, setSlippage] = useState(DEFAULT_SLIPPAGE);
  const [deadline, setDeadline] = useState(DEFAULT_DEADLINE_MINUTES);
  const [errors, setErrors] = useState<{ amount?: string; slippage?: string; deadline?: string; refusal?: string }>({});
  const [accepted, setAccepted] = useState<Accepted>();
  const tx = useStacksTx(ctx.d);
  const [tokenIn, tokenOut] = side === "buy" ? [market.base, market.coin] : [market.coin, market.base];
  const typedToken = mode === "exactIn" ? tokenIn : tokenOut;
  const change = (set: (v: string) => void) => (v: string) => {
    set(v);
    setAccepted(undefined);
  };

  /** Quotes the typed trade at the pool's reserves now; `fresh` reads the whole market again (balances, protections). */
  async function quoteNow(fresh = false): Promise<{ quote: Quote; now: bigint; market: MarketState } | undefined> {
    const a = parseAmount(amount, typedToken.decimals, typedToken.symbol);
    const slip = parseSlippage(slippage);
    const dl = parseDeadline(deadline);
    const amountError = a.error ?? (a.value! > MAX_RESERVE ? "The amount is above the pool's bound of 10^17 units." : undefined);
    setErrors({ amount: amountError, slippage: slip.error, deadline: dl.error });
    if (amountError || slip.error || dl.error) return undefined;
    try {
      const [latest, now] = await Promise.all([
        fresh ? ctx.reload() : readReserves(ctx.reader!, market.coin.token).then((reserves) => ({ ...market, reserves })),
        readChainTime(ctx.reader!.api),
      ]);
      if (!latest) throw new Error("the coin's market could not be read again.");
      return { quote: quoteSwap(latest.reserves, side, mode, a.value!, latest.params, slip.bps!), now, market: latest };
    } catch (error) {
      setErrors({
        refusal:
          error instanceof PoolMathError
            ? `The pool can't quote this trade (${error.message}): it has no liquidity, or the amount asks for its whole reserve.`
            : `Could not read the pool: ${message(error)}`,
      });
      return undefined;
    }
  }

  async function onQuote() {
    setAccepted(undefined);
    const q = await quoteNow();
    if (!q) return;
    setAccepted({ quote: q.quote, deadline: q.now + BigInt(parseDeadline(deadline).minutes! * 60) });
  }

  async function onSwap(e: FormEvent) {
    e.preventDefault();
    if (!accepted) return setErrors({ refusal: "Get a quote first: the swap is sent with the limits it shows." });
    const fresh = await quoteNow(true);
    if (!fresh) return;
    if (fresh.now >= accepted.deadline)
      return setErrors({
        refusal: `The deadline of this quote (${dateTime(accepted.deadline)}) is in the past on the chain's clock: the pool would refuse the swap (u5310). Get a new quote.`,
      });
    if (!honours(fresh.quote, accepted.quote))
      return setErrors({
        refusal:
          accepted.quote.mode === "exactIn"
            ? `The price moved since your quote: this trade would now pay ${formatExact(fresh.quote.amountOut, tokenOut.decimals, tokenOut.symbol)}, below your minimum of ${formatExact(accepted.quote.limit, tokenOut.decimals, tokenOut.symbol)}: min-out not met (u5313). Get a new quote.`
            : `The price moved since your quote: it would now cost ${formatExact(fresh.quote.amountIn, tokenIn.decimals, tokenIn.symbol)}, above your maximum of ${formatExact(accepted.quote.limit, tokenIn.decimals, tokenIn.symbol)} (u5314). Get a new quote.`,
      });
    const refusal = swapRefusal(fresh.market, accepted.quote, fresh.now, tokenIn);
    if (refusal) return setErrors({ refusal });
    await tx.run(swapCall(ctx.dex, { coin: market.coin, base: market.base }, ctx.me, accepted.quote, accepted.deadline));
    setAccepted(undefined);
    await ctx.reload();
  }

  const q = accepted?.quote;
  return (
    <form className="card form" onSubmit={onSwap} noValidate aria-label="Swap on Stacks">
      <h3>Trade {market.coin.symbol}</h3>
      <fieldset className="field">
        <legend>Side</legend>
        <div className="row">
          <label>
            <input type="radio" name={`${id}-side`} checked={side === "buy"} onChange={() => change(() => setSide("buy"))("")} /> Buy {market.coin.symbol}
          </label>
          <label>
            <input type="radio" name={`${id}-side`} checked={side === "sell"} onChange={() => change(() => setSide("sell"))("")} /> Sell {market.coin.symbol}
          </label>
        </div>
      </fieldset>
      <fieldset className="field">
        <legend>Amount fixed</legend>
        <div className="row">
          <label>
            <input type="radio" name={`${id}-mode`} checked={mode === "exactIn"} onChange={() => change(() => setMode("exactIn"))("")} /> Pay exactly
          </label>
          <label>
            <input type="radio" name={`${id}-mode`} checked={mode === "exactOut"} onChange={() => change(() => setMode("exactOut"))("")} /> Receive exactly
          </label>
        </div>
      </fieldset>
      <Field id={`${id}-a`} label={`Amount (${typedToken.symbol})`} error={errors.amount}>
        <input id={`${id}-a`} inputMode="decimal" autoComplete="off" value={amount} onChange={(e) => change(setAmount)(e.target.value)} aria-invalid={!!errors.amount} />
      </Field>
      <Field id={`${id}-sl`} label="Slippage tolerance (%)" error={errors.slippage}>
        <input id={`${id}-sl`} inputMode="decimal" autoComplete="off" value={slippage} onChange={(e) => change(setSlippage)(e.target.value)} />
      </Field>
      <Field id={`${id}-dl`} label="Deadline (minutes)" error={errors.deadline}>
        <input id={`${id}-dl`} inputMode="numeric" autoComplete="off" value={deadline} onChange={(e) => change(setDeadline)(e.target.value)} />
      </Field>
      <p className="hint">
        Pool: {formatExact(market.reserves.coin, market.coin.decimals, market.coin.symbol)} / {formatExact(market.reserves.base, market.base.decimals, market.base.symbol)} · fee{" "}
        {bpsText(market.params.swapFeeBps)} · you hold {formatExact(market.balances.coin, market.coin.decimals, market.coin.symbol)} and{" "}
        {formatExact(market.balances.base, market.base.decimals, market.base.symbol)}.
      </p>
      {q ? (
        <dl className="quote" data-testid="stacks-dex-quote">
          {q.mode === "exactIn" ? (
            <>
              <dt>You pay</dt>
              <dd>{formatExact(q.amountIn, tokenIn.decimals, tokenIn.symbol)}</dd>
              <dt>Expected</dt>
              <dd data-testid="stacks-dex-quote-out">{formatExact(q.amountOut, tokenOut.decimals, tokenOut.symbol)}</dd>
              <dt>Minimum received</dt>
              <dd data-testid="stacks-dex-quote-limit">{formatExact(q.limit, tokenOut.decimals, tokenOut.symbol)}</dd>
            </>
          ) : (
            <>
              <dt>You receive</dt>
              <dd>{formatExact(q.amountOut, tokenOut.decimals, tokenOut.symbol)}</dd>
              <dt>Expected cost</dt>
              <dd data-testid="stacks-dex-quote-in">{formatExact(q.amountIn, tokenIn.decimals, tokenIn.symbol)}</dd>
              <dt>Maximum paid</dt>
              <dd data-testid="stacks-dex-quote-limit">{formatExact(q.limit, tokenIn.decimals, tokenIn.symbol)}</dd>
            </>
          )}
          <dt>Price impact</dt>
          <dd data-testid="stacks-dex-quote-impact">{bpsText(q.impactBps)}</dd>
          <dt>Deadline</dt>
          <dd data-testid="stacks-dex-quote-deadline" data-deadline={String(accepted!.deadline)}>
            {dateTime(accepted!.deadline)}
          </dd>
        </dl>
      ) : null}
      {errors.refusal ? (
        <p className="field-error" role="alert">
          {errors.refusal}
        </p>
      ) : null}
      <div className="row">
        <button type="button" className="secondary" onClick={() => void onQuote()}>
          Quote
        </button>
        <button type="submit" disabled={tx.busy || !accepted}>
          Swap
        </button>
      </div>
      <TxStatus state={tx.state} label="Swap on Stacks" testId="stacks-dex-swap" />
    </form>
  );
}
