/**
 * The pool's protections as they apply to the connected trader now, on chain time: the cooldown
 * countdown since its last trade, what remains of its daily volume limit, the price-impact cap and
 * the circuit breaker's bound, read live from pool.params() and pool.protectionOf(trader).
 */
import { countdown, dateTime } from "../admin/format.ts";
import { bpsText, formatToken } from "./format.ts";
import { cooldownReadyAt, remainingDaily } from "./protections.ts";
import type { PoolState } from "./usePool.ts";

const duration = (s: number) => (s % 3600 === 0 ? `${s / 3600} h` : s % 60 === 0 ? `${s / 60} min` : `${s} s`);

export function ProtectionsPanel({ state, now, connected }: { state: PoolState; now: number; connected: boolean }) {
  const p = state.params;
  const base = (v: bigint) => formatToken(v, state.base.decimals, state.base.symbol);
  const daily = remainingDaily(state, now);
  const readyAt = cooldownReadyAt(state, now);
  return (
    <section className="card admin-section" aria-labelledby="protections-title" data-testid="protections">
      <h2 id="protections-title">Trading limits</h2>
      <dl className="quote">
        <dt>Cooldown</dt>
        <dd data-testid="cooldown" data-ready-at={readyAt ?? ""}>
          {p.cooldown === 0
            ? "None"
            : !connected
              ? `${duration(p.cooldown)} between an address's trades`
              : readyAt !== undefined
                ? `You may trade again in ${countdown(readyAt - now)} (${dateTime(readyAt)})`
                : `You may trade now (${duration(p.cooldown)} between trades)`}
        </dd>
        <dt>Daily limit</dt>
        <dd data-testid="daily-remaining" data-value={daily?.remaining.toString() ?? ""}>
          {!daily
            ? "None"
            : !connected
              ? `${base(p.dailyVolumeLimit)} per address per UTC day`
              : `${base(daily.remaining)} of ${base(p.dailyVolumeLimit)} left today (resets at 00:00 UTC, in ${countdown(daily.resetsAt - now)})`}
        </dd>
        <dt>Price impact cap</dt>
        <dd>{p.maxPriceImpactBps === 0 ? "None" : `${bpsText(p.maxPriceImpactBps)} per trade`}</dd>
        <dt>Circuit breaker</dt>
        <dd>
          {p.maxPriceMoveBps === 0
            ? "Off"
            : `A move beyond ${bpsText(p.maxPriceMoveBps)} within ${duration(p.breakerWindow)} halts trading for ${duration(p.coolOff)}`}
        </dd>
        <dt>Swap fee</dt>
        <dd>{bpsText(p.swapFeeBps)}</dd>
      </dl>
      <p className="hint">Limits are per address and checked by the pool itself; this page checks them first so a trade the pool would refuse never reaches your wallet.</p>
    </section>
  );
}
