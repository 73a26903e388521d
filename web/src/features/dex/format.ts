/**
 * Numbers of the DEX pages for people: token amounts with their symbol, prices (base-token units
 * per one whole coin, as the indexer stores them), signed profits, percentages. Pure functions.
 */
import { formatUnits } from "viem";

/** Creator coins have 18 decimals (ICreatorCoin). */
export const COIN_DECIMALS = 18;

const group = (whole: string) => whole.replace(/\B(?=(\d{3})+(?!\d))/g, ",");

/** "1,250.5" with at most `digits` decimals (cut, not rounded: a displayed balance is never more than the real one). */
export function formatUnitsShort(value: bigint, decimals: number, digits = 4): string {
  const negative = value < 0n;
  const [whole, fraction = ""] = formatUnits(negative ? -value : value, decimals).split(".");
  const cut = fraction.slice(0, digits).replace(/0+$/, "");
  const text = cut ? `${group(whole!)}.${cut}` : group(whole!);
  return negative ? `−${text}` : text;
}

/** An amount with its symbol: "1,250.5 dUSD". */
export const formatToken = (value: bigint, decimals: number, symbol: string, digits = 4) => `${formatUnitsShort(value, decimals, digits)} ${symbol}`;

/** An amount with all its decimals (for the exact figures a quote shows): "0.123456 dUSD". */
export function formatExact(value: bigint, decimals: number, symbol: string): string {
  const [whole, fraction = ""] = formatUnits(value, decimals).split(".");
  return `${fraction ? `${group(whole!)}.${fraction}` : group(whole!)} ${symbol}`;
}

/**
 * A price in base-token units per one whole coin (the indexer's `price`), as "0.010203 dUSD":
 * enough significant digits to see a small trade move it.
 */
export function formatPrice(price: bigint, baseDecimals: number, baseSymbol: string): string {
  return `${priceNumberText(price, baseDecimals)} ${baseSymbol}`;
}

function priceNumberText(price: bigint, baseDecimals: number): string {
  const [whole, fraction = ""] = formatUnits(price, baseDecimals).split(".");
  if (whole !== "0") {
    const cut = fraction.slice(0, 4).replace(/0+$/, "");
    return cut ? `${group(whole!)}.${cut}` : group(whole!);
  }
  // Below 1: keep four significant digits.
  const lead = fraction.match(/^0*/)![0].length;
  const cut = fraction.slice(0, lead + 4).replace(/0+$/, "");
  return cut ? `0.${cut}` : "0";
}

/** The price as a float in base tokens (for the chart only). */
export const priceNumber = (price: bigint | string | number, baseDecimals: number) => Number(price) / 10 ** baseDecimals;

/** Spot price from reserves, in base-token units per one whole coin (the indexer's formula). */
export const priceFromReserves = (reserveCoin: bigint, reserveBase: bigint) => (reserveCoin === 0n ? 0n : (reserveBase * 10n ** BigInt(COIN_DECIMALS)) / reserveCoin);

/** A signed amount: "+12.5 dUSD", "−3 dUSD", "0 dUSD". */
export function formatSigned(value: bigint, decimals: number, symbol: string, digits = 4): string {
  if (value === 0n) return `0 ${symbol}`;
  return value > 0n ? `+${formatToken(value, decimals, symbol, digits)}` : formatToken(value, decimals, symbol, digits);
}

/** Basis points as a percent with two decimals at most: 1234 → "12.34%". */
export function bpsText(bps: bigint | number): string {
  const n = Number(bps) / 100;
  return `${Number.isInteger(n) ? n : n.toFixed(2).replace(/0$/, "")}%`;
}

/** A whole number with thousands separators: 1200 → "1,200". */
export const count = (n: bigint | number | string) => group(BigInt(n).toString());

/** Parses a decimal string to bigint units, or undefined (tolerant: indexer fields may be null). */
export function big(v: string | number | bigint | null | undefined): bigint {
  if (v === null || v === undefined || v === "") return 0n;
  return typeof v === "bigint" ? v : BigInt(v);
}
