/**
 * The pool's per-trade protections, checked in the browser exactly as CreatorPool checks them, so
 * a swap the pool would refuse is explained before the wallet is asked: halt, cooldown between an
 * address's trades, daily volume per address (UTC day, base-token value), price-impact cap; and the
 * circuit breaker, which does not refuse: the swap that moves the price beyond the bound executes
 * and halts the pool (a warning). Pure functions over the live pool state and the chain's time.
 */
import { countdown, dateTime } from "../admin/format.ts";
import { bpsText, formatToken } from "./format.ts";
import { moveExceeds, priceMoveBps, spotPriceX112, type Quote } from "./poolMath.ts";
import type { PoolState } from "./usePool.ts";

const DAY = 86_400;

/** What remains of the trader's daily volume now (undefined: no limit). */
export function remainingDaily(state: PoolState, now: number): { used: bigint; remaining: bigint; resetsAt: number } | undefined {
  const limit = state.params.dailyVolumeLimit;
  if (limit === 0n) return undefined;
  const today = Math.floor(now / DAY);
  const used = state.protection && state.protection.day === today ? state.protection.volume : 0n;
  return { used, remaining: used >= limit ? 0n : limit - used, resetsAt: (today + 1) * DAY };
}

/** When the trader may trade again (undefined: now). */
export function cooldownReadyAt(state: PoolState, now: number): number | undefined {
  const { cooldown } = state.params;
  const last = state.protection?.lastTradeAt ?? 0;
  if (cooldown === 0 || last === 0) return undefined;
  const readyAt = last + cooldown;
  return now < readyAt ? readyAt : undefined;
}

/** Whether swaps are halted now, and until when. */
export const haltedUntil = (state: PoolState, now: number): number | undefined => (state.haltedUntil > now ? state.haltedUntil : undefined);

/** A halt's end in words ("until Nov 21, 2026, 14:05 (in 00:59:30)", or "until the multisig resumes it"). */
export function haltText(until: number, now: number): string {
  // type(uint40).max: halted until resume().
  if (until >= 2 ** 40 - 1) return "until the protocol's multisig resumes it";
  return `until ${dateTime(until)} (in ${countdown(until - now)})`;
}

/** Why the pool would refuse this swap now, in words (the pool's first refusal); undefined when it would not. */
export function refusal(state: PoolState, quote: Quote, now: number): string | undefined {
  const base = (v: bigint) => formatToken(v, state.base.decimals, state.base.symbol);
  const halt = haltedUntil(state, now);
  if (halt !== undefined)
    return `Trading in ${state.coin.symbol} is halted ${haltText(halt, now)}: the circuit breaker or the protocol's multisig stopped swaps after a sharp price move. Adding or removing liquidity still works.`;
  // In the pool's order: the impact cap is checked before the trader's cooldown and daily volume.
  const maxImpact = state.params.maxPriceImpactBps;
  if (maxImpact !== 0 && quote.impactBps > BigInt(maxImpact))
    return `This trade would move the price by ${bpsText(quote.impactBps)}, above the pool's cap of ${bpsText(maxImpact)} per trade: split it into smaller trades or trade less.`;
  const readyAt = cooldownReadyAt(state, now);
  if (readyAt !== undefined)
    return `This pool allows one trade per address every ${state.params.cooldown} s and your last trade was at ${dateTime(state.protection!.lastTradeAt)}: you may trade again in ${countdown(readyAt - now)} (from ${dateTime(readyAt)}, chain time).`;
  const daily = remainingDaily(state, now);
  if (daily && quote.baseVolume > daily.remaining)
    return `This trade is worth ${base(quote.baseVolume)} and this pool's daily limit is ${base(state.params.dailyVolumeLimit)} per address: you have traded ${base(daily.used)} today, so ${base(daily.remaining)} remains until 00:00 UTC. Trade less, or wait for the reset.`;
  return undefined;
}

/** The circuit breaker's move for this swap, and whether it would trip it (the swap executes, then the pool halts). */
export function breakerEffect(state: PoolState, quote: Quote, now: number): { moveBps: bigint; trips: boolean } | undefined {
  const { maxPriceMoveBps, breakerWindow } = state.params;
  if (maxPriceMoveBps === 0 || state.reserves.coin === 0n) return undefined;
  // The first swap after a window ends opens a new one at the price before it.
  const open = now >= state.breaker.windowStart + breakerWindow;
  const ref = open || state.breaker.referencePrice === 0n ? spotPriceX112(state.reserves.base, state.reserves.coin) : state.breaker.referencePrice;
  const after = spotPriceX112(quote.reservesAfter.base, quote.reservesAfter.coin);
  return { moveBps: priceMoveBps(ref, after), trips: moveExceeds(ref, after, maxPriceMoveBps) };
}

/** The trader's balance check: the input (or the most it may cost) must be held. */
export function balanceRefusal(state: PoolState, quote: Quote): string | undefined {
  if (!state.me) return undefined;
  const buying = quote.side === "buy";
  const token = buying ? state.base : state.coin;
  const held = buying ? state.me.base : state.me.coin;
  const needed = quote.mode === "exactIn" ? quote.amountIn : quote.limit;
  if (needed <= held) return undefined;
  return `This trade needs up to ${formatToken(needed, token.decimals, token.symbol)} and your balance is ${formatToken(held, token.decimals, token.symbol)}.`;
}
