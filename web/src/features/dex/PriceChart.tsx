/**
 * The pool's price as candlesticks (lightweight-charts 5.2.1) with the base-token volume beneath,
 * from the indexer's candles (close = the price after each bucket's last swap). Lazy-loaded by the
 * trade page so the chart library stays out of the first page load. The chart is created once; new
 * candles are set in place so the view follows the refetches. The container carries the number of
 * candles and the last one's time, close and trades as data attributes (what the e2e test watches).
 */
import { CandlestickSeries, createChart, HistogramSeries, type IChartApi, type ISeriesApi, type UTCTimestamp } from "lightweight-charts";
import { useEffect, useRef } from "react";
import { priceNumber } from "./format.ts";
import type { Candle } from "./indexer.ts";

export default function PriceChart({ candles, baseDecimals, baseSymbol }: { candles: Candle[]; baseDecimals: number; baseSymbol: string }) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<{ api: IChartApi; price: ISeriesApi<"Candlestick">; volume: ISeriesApi<"Histogram"> } | null>(null);

  useEffect(() => {
    const api = createChart(box.current!, {
      autoSize: true,
      layout: { background: { color: "transparent" }, textColor: "#5b6474", attributionLogo: false },
      grid: { vertLines: { color: "#eef1f6" }, horzLines: { color: "#eef1f6" } },
      timeScale: { timeVisible: true, secondsVisible: false },
      rightPriceScale: { scaleMargins: { top: 0.1, bottom: 0.3 } },
    });
    const price = api.addSeries(CandlestickSeries, {
      upColor: "#1a7f37",
      downColor: "#cf222e",
      borderVisible: false,
      wickUpColor: "#1a7f37",
      wickDownColor: "#cf222e",
      priceFormat: { type: "price", precision: 6, minMove: 0.000001 },
    });
    const volume = api.addSeries(HistogramSeries, { priceScaleId: "volume", priceFormat: { type: "volume" }, color: "#c9d7fb" });
    api.priceScale("volume").applyOptions({ scaleMargins: { top: 0.75, bottom: 0 } });
    chart.current = { api, price, volume };
    return () => {
      api.remove();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    const c = chart.current;
    if (!c) return;
    const sorted = [...candles].sort((a, b) => Number(a.time) - Number(b.time));
    c.price.setData(
      // The indexer opens each candle at the price before its first swap, so a one-trade bucket shows its move.
      sorted.map((k) => ({
        time: Number(k.time) as UTCTimestamp,
        open: priceNumber(k.open, baseDecimals),
        high: priceNumber(k.high, baseDecimals),
        low: priceNumber(k.low, baseDecimals),
        close: priceNumber(k.close, baseDecimals),
      })),
    );
    c.volume.setData(
      sorted.map((k, i) => ({
        time: Number(k.time) as UTCTimestamp,
        value: priceNumber(k.volumeBase, baseDecimals),
        color: i > 0 && BigInt(k.close) < BigInt(sorted[i - 1]!.close) ? "#f4b9b2" : "#b7dfc2",
      })),
    );
    c.api.timeScale().fitContent();
  }, [candles, baseDecimals]);

  const last = [...candles].sort((a, b) => Number(a.time) - Number(b.time)).at(-1);
  return (
    <div
      ref={box}
      className="chart-box"
      role="img"
      aria-label={`Price of the coin in ${baseSymbol}, candlesticks with volume`}
      data-testid="price-chart"
      data-candles={candles.length}
      data-last-time={last ? String(last.time) : ""}
      data-last-close={last ? String(last.close) : ""}
      data-last-trades={last ? String(last.trades) : ""}
    />
  );
}
