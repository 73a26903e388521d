/**
 * Buy or sell a creator coin against the base token, exact-in ("pay exactly") or exact-out
 * ("receive exactly"), with a slippage tolerance (%) and a deadline (minutes, on chain time).
 *
 * The quote is computed in the browser from the pool's live reserves with the pool's own formula
 * (./poolMath.ts): expected output and the minimum accepted (exact-in), or the input and the most
 * accepted (exact-out), price impact, the protocol's cut. The quote the trader saw is kept while
 * the price moves within the tolerance; when a move breaks it, the trade is refused until the
 * trader accepts the new quote (the sandwich defence, before the pool's own min-out / max-in check).
 * Before the wallet: reserves are read again, and the pool's protections (halt, cooldown, daily
 * limit, price-impact cap) and the balance are checked in words (./protections.ts). Then approve
 * (exactly what the swap may pull, when the allowance is short) and swap.
 */
import { useQueryClient } from "@tanstack/react-query";
import { useEffect, useId, useState, type FormEvent } from "react";
import type { Address } from "viem";
import { useConfig } from "wagmi";
import { TxStatus } from "../../tx/TxStatus.tsx";
import { useEvmTx } from "../../tx/useTx.ts";
import { Field } from "../../ui/Field.tsx";
import { dateTime } from "../admin/format.ts";
import { parseAmount } from "../escrow/validation.ts";
import { sendApprove, sendPool } from "./contracts.ts";
import type { DexEnv } from "./DexShell.tsx";
import { bpsText, formatExact, formatToken } from "./format.ts";
import { PoolMathError, quoteSwap, type Mode, type Quote, type Side } from "./poolMath.ts";
import { balanceRefusal, breakerEffect, refusal } from "./protections.ts";
import type { PoolState } from "./usePool.ts";

export const DEFAULT_SLIPPAGE = "0.5";
export const DEFAULT_DEADLINE_MINUTES = "20";

/** Slippage tolerance in percent, 0 to 50, at most 2 decimals → basis points. */
export function parseSlippage(text: string): { bps: number; error?: undefined } | { bps?: undefined; error: string } {
  const s = text.trim().replace(/%$/, "");
  if (!/^(\d+(\.\d{0,2})?|\.\d{1,2})$/.test(s)) return { error: "Enter a slippage tolerance in percent, like 0.5 (at most 2 decimals)." };
  const bps = Math.round(Number(s) * 100);
  if (bps > 5_000) return { error: "A slippage tolerance above 50% would accept almost any price: use at most 50%." };
  return { bps };
}

/** Deadline in whole minutes, 1 to 4,320 (3 days). */
export function parseDeadline(text: string): { minutes: number; error?: undefined } | { minutes?: undefined; error: string } {
  const s = text.trim();
  if (!/^\d+$/.test(s)) return { error: "Enter the deadline in whole minutes, like 20." };
  const minutes = Number(s);
  if (minutes < 1 || minutes > 4_320) return { error: "The deadline is 1 minute to 3 days (4,320 minutes)." };
  return { minutes };
}

/** Whether a fresh quote still honours the limit of the quote the trader accepted. */
export const honours = (fresh: Quote, accepted: Quote) => (accepted.mode === "exactIn" ? fresh.amountOut >= accepted.limit : fresh.amountIn <= accepted.limit);

export function SwapForm({ env, state, now, reload }: { env: DexEnv; state: PoolState; now: number; reload: () => Promise<PoolState | undefined> }) {
  const config = useConfig();
  const queryClient = useQueryClient();
  const id = useId();
  const [side, setSide] = useState<Side>("buy");
  const [mode, setMode] = useState<Mode>("exactIn");
  const [amount, setAmount] = useState("");
  const [slippage, setSlippage] = useState(DEFAULT_SLIPPAGE);
  const [deadline, setDeadline] = useState(DEFAULT_DEADLINE_MINUTES);
  const [error, setError] = useState<string>();
  const { coin, base } = state;
  const inToken = side === "buy" ? base : coin;
  const outToken = side === "buy" ? coin : base;
  const amountToken = mode === "exactIn" ? inToken : outToken;
  const parsed = amount.trim() === "" ? undefined : parseAmount(amount, amountToken.decimals, amountToken.symbol);
  const slip = parseSlippage(slippage);
  const dl = parseDeadline(deadline);
  const fmtIn = (v: bigint) => formatToken(v, inToken.decimals, inToken.symbol, 6);
  const fmtOut = (v: bigint) => formatToken(v, outToken.decimals, outToken.symbol, 6);

  const quoteAt = (s: PoolState): { quote?: Quote; error?: string } => {
    if (!parsed || parsed.value === undefined || slip.bps === undefined) return {};
    if (s.reserves.coin === 0n || s.reserves.base === 0n) return { error: `The pool has no liquidity yet: the creator adds the first ${coin.symbol} and ${base.symbol}.` };
    try {
      return { quote: quoteSwap(s.reserves, side, mode, parsed.value, s.params, slip.bps) };
    } catch (e) {
      if (!(e instanceof PoolMathError)) throw e;
      const reserveOut = side === "buy" ? s.reserves.coin : s.reserves.base;
      return { error: mode === "exactOut" ? `The pool holds ${fmtOut(reserveOut)}: ask for less than that.` : "This amount is too small to buy anything: it rounds to zero." };
    }
  };
  const fresh = quoteAt(state);
  const key = `${side}|${mode}|${amount}|${slip.bps ?? ""}`;
  const [accepted, setAccepted] = useState<{ key: string; quote: Quote }>();
  // Keep the quote the trader saw while the price moves within the tolerance; a move that breaks it needs a new acceptance.
  useEffect(() => {
    if (!fresh.quote) return;
    if (!accepted || accepted.key !== key || honours(fresh.quote, accepted.quote)) setAccepted({ key, quote: fresh.quote });
  }, [key, fresh.quote?.amountIn, fresh.quote?.amountOut]);
  const shown = accepted && accepted.key === key ? accepted.quote : fresh.quote;
  const moved = !!shown && !!fresh.quote && !honours(fresh.quote, shown);

  const fmt = (v: bigint) => formatToken(v, inToken.decimals, inToken.symbol, 6);
  const approveTx = useEvmTx(env.chainId, { formatAmount: fmt });
  const swapTx = useEvmTx(env.chainId, { formatAmount: fmt }, () => {
    setAmount("");
    void reload();
    void queryClient.invalidateQueries({ queryKey: ["indexer", "dex"] });
  });

  const change = <T,>(set: (v: T) => void) => (v: T) => {
    set(v);
    setError(undefined);
    approveTx.reset();
    swapTx.reset();
  };

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    approveTx.reset();
    swapTx.reset();
    if (!env.me) return swapTx.refuse("Connect your wallet first.");
    if (!parsed) return setError(`Enter the amount of ${amountToken.symbol} you ${mode === "exactIn" ? "pay" : "want to receive"}.`);
    if (parsed.error !== undefined) return setError(parsed.error);
    if (slip.error !== undefined || dl.error !== undefined) return;
    if (fresh.error) return setError(fresh.error);
    if (!shown) return;
    setError(undefined);
    // The latest reserves, protection slot and balances: the quote must hold on what the pool will see.
    const latest = (await reload()) ?? state;
    const now2 = Math.max(now, Math.floor(Date.now() / 1000));
    const again = quoteAt(latest);
    if (!again.quote) return swapTx.refuse(again.error ?? "The pool can't quote this trade now.");
    if (!honours(again.quote, shown))
      return swapTx.refuse(
        mode === "exactIn"
          ? `The price moved since your quote: this trade would now pay ${fmtOut(again.quote.amountOut)}, below your minimum of ${fmtOut(shown.limit)} (${slippage}% slippage tolerance). Review the new quote and accept it, or raise the tolerance.`
          : `The price moved since your quote: ${fmtOut(again.quote.amountOut)} would now cost ${fmtIn(again.quote.amountIn)}, above your maximum of ${fmtIn(shown.limit)} (${slippage}% slippage tolerance). Review the new quote and accept it, or raise the tolerance.`,
      );
    const refused = refusal(latest, again.quote, now2) ?? balanceRefusal(latest, shown);
    if (refused) return swapTx.refuse(refused);
    const me = env.me;
    const pull = mode === "exactIn" ? shown.amountIn : shown.limit;
    const allowance = side === "buy" ? latest.me!.baseAllowance : latest.me!.coinAllowance;
    if (allowance < pull) {
      const ok = await approveTx.run(() => sendApprove(config, env.chainId, me, inToken.address, state.pool, pull));
      if (!ok) return;
    }
    const until = BigInt(now2 + dl.minutes * 60);
    const tokenIn: Address = inToken.address;
    await swapTx.run(() =>
      mode === "exactIn"
        ? sendPool(config, env.chainId, me, state.pool, "swapExactIn", [tokenIn, shown.amountIn, shown.limit, me, until])
        : sendPool(config, env.chainId, me, state.pool, "swapExactOut", [tokenIn, shown.amountOut, shown.limit, me, until]),
    );
  }

  const breaker = shown ? breakerEffect(state, shown, now) : undefined;
  const preRefusal = shown ? refusal(state, shown, now) : undefined;
  const verb = side === "buy" ? "Buy" : "Sell";
  return (
    <form className="card form" onSubmit={(e) => void onSubmit(e)} noValidate aria-labelledby={`${id}-title`} data-testid="swap-form" data-side={side} data-mode={mode}>
      <h2 id={`${id}-title`}>Trade {coin.symbol}</h2>
      <div className="chips" role="group" aria-label="Side">
        {(["buy", "sell"] as const).map((s) => (
          <button key={s} type="button" className="chip" aria-pressed={side === s} onClick={() => change(setSide)(s)} data-testid={`side-${s}`}>
            {s === "buy" ? `Buy ${coin.symbol}` : `Sell ${coin.symbol}`}
          </button>
        ))}
      </div>
      <div className="chips" role="group" aria-label="Amount kind">
        {(["exactIn", "exactOut"] as const).map((m) => (
          <button key={m} type="button" className="chip" aria-pressed={mode === m} onClick={() => change(setMode)(m)} data-testid={`mode-${m}`}>
            {m === "exactIn" ? "Pay exactly" : "Receive exactly"}
          </button>
        ))}
      </div>
      <Field id={`${id}-amount`} label={mode === "exactIn" ? `You pay (${inToken.symbol})` : `You receive (${outToken.symbol})`} error={error}>
        <input
          id={`${id}-amount`}
          inputMode="decimal"
          autoComplete="off"
          placeholder="100"
          value={amount}
          onChange={(e) => change(setAmount)(e.target.value)}
          data-testid="swap-amount"
        />
      </Field>
      <div className="settings">
        <Field id={`${id}-slippage`} label="Slippage tolerance (%)" error={slip.error}>
          <input id={`${id}-slippage`} inputMode="decimal" autoComplete="off" value={slippage} onChange={(e) => change(setSlippage)(e.target.value)} data-testid="swap-slippage" />
        </Field>
        <Field id={`${id}-deadline`} label="Deadline (minutes)" error={dl.error}>
          <input id={`${id}-deadline`} inputMode="numeric" autoComplete="off" value={deadline} onChange={(e) => change(setDeadline)(e.target.value)} data-testid="swap-deadline" />
        </Field>
      </div>
      {fresh.error && parsed?.value !== undefined ? (
        <p className="field-error" role="alert" data-testid="quote-error">
          {fresh.error}
        </p>
      ) : null}
      {shown ? (
        <dl className="quote" data-testid="quote">
          {mode === "exactIn" ? (
            <>
              <dt>You receive (expected)</dt>
              <dd data-testid="quote-out" data-value={shown.amountOut.toString()}>
                {fmtOut(shown.amountOut)}
              </dd>
              <dt>Minimum received</dt>
              <dd data-testid="quote-limit" data-value={shown.limit.toString()}>
                {fmtOut(shown.limit)}
              </dd>
            </>
          ) : (
            <>
              <dt>You pay (expected)</dt>
              <dd data-testid="quote-in" data-value={shown.amountIn.toString()}>
                {fmtIn(shown.amountIn)}
              </dd>
              <dt>Maximum paid</dt>
              <dd data-testid="quote-limit" data-value={shown.limit.toString()}>
                {fmtIn(shown.limit)}
              </dd>
            </>
          )}
          <dt>Price impact</dt>
          <dd data-testid="quote-impact" data-value={shown.impactBps.toString()}>
            {bpsText(shown.impactBps)}
          </dd>
          <dt>Fee</dt>
          <dd>
            {bpsText(state.params.swapFeeBps)} of the input ({formatExact(shown.protocolFee, inToken.decimals, inToken.symbol)} of it to the protocol)
          </dd>
        </dl>
      ) : null}
      {moved && fresh.quote ? (
        <div className="warning" role="alert" data-testid="quote-moved">
          The price moved beyond your tolerance: {mode === "exactIn" ? `you would now receive ${fmtOut(fresh.quote.amountOut)}` : `it would now cost ${fmtIn(fresh.quote.amountIn)}`}.{" "}
          <button type="button" className="link" onClick={() => setAccepted({ key, quote: fresh.quote! })} data-testid="accept-quote">
            Accept the new quote
          </button>
        </div>
      ) : null}
      {preRefusal ? (
        <p className="warning" data-testid="swap-blocked">
          {preRefusal}
        </p>
      ) : null}
      {breaker?.trips ? (
        <p className="warning" data-testid="breaker-warning">
          This trade moves the price {bpsText(breaker.moveBps)} from the breaker window's reference price, beyond the pool's {bpsText(state.params.maxPriceMoveBps)} bound: it
          executes, then trading in {coin.symbol} halts for {Math.round(state.params.coolOff / 60)} minutes.
        </p>
      ) : null}
      <button type="submit" disabled={approveTx.busy || swapTx.busy} data-testid="swap">
        {verb} {coin.symbol}
      </button>
      <TxStatus state={approveTx.state} label={`Approve ${inToken.symbol}`} testId="swap-approve" />
      <TxStatus state={swapTx.state} label={verb} testId="swap" />
      {swapTx.state.status === "idle" && shown && dl.minutes !== undefined ? (
        <p className="hint">The trade reverts if it is not mined by {dateTime(now + dl.minutes * 60)} (chain time).</p>
      ) : null}
    </form>
  );
}
