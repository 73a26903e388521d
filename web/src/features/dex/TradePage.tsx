/**
 * `#/trade/<caip2>/<coin>` (lazy-loaded): one creator coin's market. The price chart (candles from
 * the indexer, 1m / 1h / 1d; the chart library is its own lazy chunk), the swap form (quotes from
 * the live reserves), the trader's limits (cooldown countdown, daily volume left), a halted banner
 * with the time trading resumes, liquidity, premium access, and the latest trades.
 */
import { lazy, Suspense, useState } from "react";
import { isAddress, type Address } from "viem";
import { useReadContract } from "wagmi";
import { useLocation } from "../../app/routes.ts";
import { useChainNow } from "../../chains/clock.ts";
import { dateTime, shortHex } from "../admin/format.ts";
import { AddLiquidity } from "./AddLiquidity.tsx";
import { creatorCoinFactoryAbi, creatorHref, creatorLabel } from "./contracts.ts";
import { DexShell, Stat, type DexEnv } from "./DexShell.tsx";
import { big, bpsText, COIN_DECIMALS, formatPrice, formatToken, priceFromReserves } from "./format.ts";
import { INTERVALS, useCandles, useCoin, useSwaps, type Interval } from "./indexer.ts";
import { PremiumAccess } from "./PremiumAccess.tsx";
import { haltedUntil, haltText } from "./protections.ts";
import { ProtectionsPanel } from "./ProtectionsPanel.tsx";
import { SwapForm } from "./SwapForm.tsx";
import { usePool, type PoolState } from "./usePool.ts";

// lightweight-charts (~50 kB gzip) loads only with the chart.
const PriceChart = lazy(() => import("./PriceChart.tsx"));

const ZERO = /^0x0{40}$/;

export default function TradePage() {
  const { params } = useLocation();
  const [caip2, coin] = params;
  return (
    <DexShell caip2={caip2}>
      {(env) =>
        coin && isAddress(coin, { strict: false }) ? (
          <Trade key={`${env.caip2}:${coin}`} env={env} coin={coin.toLowerCase() as Address} />
        ) : (
          <p className="notice" role="alert">
            "{coin ?? ""}" is not a coin address.
          </p>
        )
      }
    </DexShell>
  );
}

function Trade({ env, coin }: { env: DexEnv; coin: Address }) {
  const now = useChainNow(env.chainId);
  const { data: poolAddress, error: poolError } = useReadContract({
    chainId: env.chainId as never,
    address: env.dex.factory,
    abi: creatorCoinFactoryAbi,
    functionName: "poolOf",
    args: [coin],
    query: { staleTime: Infinity },
  });
  const known = !!poolAddress && !ZERO.test(poolAddress);
  const pool = usePool(env.chainId, known ? poolAddress : undefined, coin, env.me);
  const detail = useCoin(env.caip2, coin);
  if (poolError) return <p className="notice">The factory can't be read on {env.chainName}: {poolError.message.split("\n")[0]}</p>;
  if (poolAddress && !known)
    return (
      <p className="notice" role="alert" data-testid="unknown-coin">
        {coin} is not a coin launched by the Worx factory on {env.chainName}.
      </p>
    );
  const s = pool.data;
  if (!s) return <p className="muted">Reading the pool from {env.chainName}…</p>;
  const info = detail.data?.coin;
  const change = detail.data?.pool?.change24hBps;
  const price = priceFromReserves(s.reserves.coin, s.reserves.base);
  const halt = haltedUntil(s, now);
  return (
    <div className="stack" data-testid="trade-page">
      <section className="card admin-section" aria-labelledby="trade-title">
        <h2 id="trade-title" data-testid="trade-title">
          {info ? `${info.name} (${s.coin.symbol})` : s.coin.symbol}
        </h2>
        <p className="muted">
          {info ? (
            <>
              by <a href={creatorHref(env.caip2, info.creatorId)}>{creatorLabel(info.creatorId)}</a> ·{" "}
            </>
          ) : null}
          coin <code title={coin}>{shortHex(coin)}</code> · pool <code title={s.pool}>{shortHex(s.pool)}</code>
        </p>
        <div className="stats">
          <Stat label="Price" value={s.reserves.coin === 0n ? "No liquidity yet" : formatPrice(price, s.base.decimals, s.base.symbol)} testId="trade-price" title={price.toString()} />
          <Stat label="Liquidity" value={`${formatToken(s.reserves.base, s.base.decimals, s.base.symbol, 2)} · ${formatToken(s.reserves.coin, COIN_DECIMALS, s.coin.symbol, 0)}`} testId="trade-liquidity" />
          {change !== undefined ? <Stat label="24 h" value={`${change > 0 ? "+" : ""}${bpsText(change)}`} testId="trade-change" /> : null}
          {s.me ? <Stat label={`My ${s.coin.symbol}`} value={formatToken(s.me.coin, COIN_DECIMALS, s.coin.symbol, 2)} testId="trade-my-coin" /> : null}
        </div>
        {halt !== undefined ? (
          <p className="halted" role="alert" data-testid="halted-banner" data-until={halt}>
            Trading is halted {haltText(halt, now)}: the price moved beyond the circuit breaker's bound, or the protocol's multisig halted it. Swaps resume on their own then;
            liquidity can still be added or removed.
          </p>
        ) : null}
      </section>
      <div className="columns trade-columns">
        <div className="stack">
          <Chart env={env} coin={coin} state={s} />
          <RecentSwaps env={env} coin={coin} state={s} />
        </div>
        <div className="stack">
          <SwapForm env={env} state={s} now={now} reload={pool.reload} />
          <ProtectionsPanel state={s} now={now} connected={!!env.me} />
          {env.me ? <AddLiquidity env={env} state={s} now={now} reload={pool.reload} /> : null}
          <PremiumAccess env={env} coin={coin} symbol={s.coin.symbol} />
        </div>
      </div>
    </div>
  );
}

function Chart({ env, coin, state }: { env: DexEnv; coin: Address; state: PoolState }) {
  const [interval, setChartInterval] = useState<Interval>("1m");
  const candles = useCandles(env.caip2, coin, interval);
  const items = candles.data?.items ?? [];
  return (
    <section className="card admin-section" aria-labelledby="chart-title" data-testid="chart-card">
      <div className="escrow-head">
        <h2 id="chart-title">Price ({state.base.symbol} per {state.coin.symbol})</h2>
        <div className="chips" role="group" aria-label="Candle interval">
          {INTERVALS.map((i) => (
            <button key={i} type="button" className="chip" aria-pressed={interval === i} onClick={() => setChartInterval(i)} data-testid={`interval-${i}`}>
              {i}
            </button>
          ))}
        </div>
      </div>
      {candles.error ? (
        <p className="notice" role="alert">
          {candles.error.message}
        </p>
      ) : null}
      {items.length === 0 && !candles.isPending ? (
        <p className="muted" data-testid="no-candles">
          No trade yet: the chart starts with the first swap.
        </p>
      ) : null}
      <Suspense fallback={<div className="chart-box muted">Loading the chart…</div>}>
        <PriceChart candles={items} baseDecimals={state.base.decimals} baseSymbol={state.base.symbol} />
      </Suspense>
    </section>
  );
}

function RecentSwaps({ env, coin, state }: { env: DexEnv; coin: Address; state: PoolState }) {
  const { data } = useSwaps(env.caip2, coin, 10);
  const items = data?.items ?? [];
  if (items.length === 0) return null;
  return (
    <section className="card admin-section" aria-labelledby="swaps-title" data-testid="recent-swaps">
      <h2 id="swaps-title">Latest trades</h2>
      <div className="table-wrap">
        <table className="table">
          <thead>
            <tr>
              <th>Time</th>
              <th>Side</th>
              <th className="num">{state.coin.symbol}</th>
              <th className="num">{state.base.symbol}</th>
              <th className="num">Price after</th>
              <th>Trader</th>
            </tr>
          </thead>
          <tbody>
            {items.map((w) => (
              <tr key={`${w.tx}:${w.logIndex}`} data-testid="swap-row" data-side={w.side}>
                <td>{dateTime(big(w.time))}</td>
                <td className={w.side === "buy" ? "pnl-up" : "pnl-down"}>{w.side === "buy" ? "Buy" : "Sell"}</td>
                <td className="num">{formatToken(big(w.amountCoin), COIN_DECIMALS, "", 2).trim()}</td>
                <td className="num">{formatToken(big(w.amountBase), state.base.decimals, "", 2).trim()}</td>
                <td className="num">{formatPrice(big(w.priceAfter), state.base.decimals, "").trim()}</td>
                <td>
                  <code title={w.sender}>{shortHex(w.sender)}</code>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
