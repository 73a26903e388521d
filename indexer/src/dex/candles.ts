/**
 * OHLC candles (`candle`) of a pool's swaps, one row per pool, interval and bucket with swaps.
 * Prices are the pool's (base units per whole coin): a bucket opens at the price before its first
 * swap (the previous close, as AMM charts draw it, so a one-trade bucket shows its move), every swap
 * moves high, low and close to its `priceAfter` and adds its volumes. Called by pool.ts for each
 * swap, in chain order.
 */
import { candle } from "ponder:schema";
import type { CandleInterval } from "ponder:schema";
import type { Address } from "viem";
import { caip2 } from "../audit.ts";
import { lower } from "../common.ts";
import type { DexContext } from "./common.ts";

/** Each interval's length in seconds. */
export const CANDLE_SECONDS: Readonly<Record<CandleInterval, bigint>> = { "1m": 60n, "1h": 3_600n, "1d": 86_400n };
export const CANDLE_INTERVALS = Object.keys(CANDLE_SECONDS) as CandleInterval[];

/** The start of the bucket of `interval` holding `time` (unix seconds). */
export const bucketOf = (time: bigint, interval: CandleInterval) => time - (time % CANDLE_SECONDS[interval]);

export interface CandleTrade {
  pool: Address;
  time: bigint;
  priceBefore: bigint;
  price: bigint;
  amountBase: bigint;
  amountCoin: bigint;
}

export async function recordCandles(context: DexContext, trade: CandleTrade): Promise<void> {
  const chainId = caip2(context);
  const { price, priceBefore } = trade;
  const [high, low] = price > priceBefore ? [price, priceBefore] : [priceBefore, price];
  for (const interval of CANDLE_INTERVALS) {
    const bucket = bucketOf(trade.time, interval);
    await context.db
      .insert(candle)
      .values({
        id: `${chainId}:${lower(trade.pool)}:${interval}:${bucket}`,
        chainId,
        pool: lower(trade.pool),
        interval,
        bucket,
        open: priceBefore,
        high,
        low,
        close: price,
        volumeBase: trade.amountBase,
        volumeCoin: trade.amountCoin,
        trades: 1,
      })
      .onConflictDoUpdate((row) => ({
        high: price > row.high ? price : row.high,
        low: price < row.low ? price : row.low,
        close: price,
        volumeBase: row.volumeBase + trade.amountBase,
        volumeCoin: row.volumeCoin + trade.amountCoin,
        trades: row.trades + 1,
      }));
  }
}
