/**
 * The pool's swap math, exactly as contracts/libraries/PoolMath.sol computes it (bigint, same
 * roundings: the fee is taken on the input, every rounding favours the pool), so the quote shown
 * before signing is to the unit what the pool will pay or take at the same reserves. Pure
 * functions; the e2e test checks them against the pool's own getAmountOut / getAmountIn.
 */

export const BPS = 10_000n;

export class PoolMathError extends Error {
  override name = "PoolMathError";
}

/** Output of an exact-in swap: `amountIn·(1-fee)·reserveOut / (reserveIn + amountIn·(1-fee))`, rounded down. */
export function getAmountOut(amountIn: bigint, reserveIn: bigint, reserveOut: bigint, feeBps: number): bigint {
  if (amountIn === 0n) throw new PoolMathError("zero amount");
  if (reserveIn === 0n || reserveOut === 0n) throw new PoolMathError("no liquidity");
  const amountInWithFee = amountIn * (BPS - BigInt(feeBps));
  return (amountInWithFee * reserveOut) / (reserveIn * BPS + amountInWithFee);
}

/** Input of an exact-out swap: `reserveIn·amountOut / ((reserveOut - amountOut)·(1-fee))`, rounded down, +1 (like V2). */
export function getAmountIn(amountOut: bigint, reserveIn: bigint, reserveOut: bigint, feeBps: number): bigint {
  if (amountOut === 0n) throw new PoolMathError("zero amount");
  if (reserveIn === 0n || amountOut >= reserveOut) throw new PoolMathError("no liquidity");
  return (reserveIn * amountOut * BPS) / ((reserveOut - amountOut) * (BPS - BigInt(feeBps))) + 1n;
}

/** Price impact of a swap paying `amountIn`, fee excluded: `amountInAfterFee / (reserveIn + amountInAfterFee)`, bps rounded up. */
export function priceImpactBps(amountIn: bigint, reserveIn: bigint, feeBps: number): bigint {
  const amountInWithFee = amountIn * (BPS - BigInt(feeBps));
  const denominator = reserveIn * BPS + amountInWithFee;
  return (amountInWithFee * BPS + denominator - 1n) / denominator;
}

/** Spot price of the coin in base token as UQ112x112 (`reserveBase·2^112 / reserveCoin`). */
export function spotPriceX112(reserveBase: bigint, reserveCoin: bigint): bigint {
  return (reserveBase << 112n) / reserveCoin;
}

/** `|price - refPrice| / refPrice` in basis points, rounded up (the breaker's move). */
export function priceMoveBps(refPrice: bigint, price: bigint): bigint {
  const delta = price > refPrice ? price - refPrice : refPrice - price;
  return (delta * BPS + refPrice - 1n) / refPrice;
}

/** Whether the move exceeds `maxBps`, compared exactly as the pool does. */
export function moveExceeds(refPrice: bigint, price: bigint, maxBps: number): boolean {
  const delta = price > refPrice ? price - refPrice : refPrice - price;
  return delta * BPS > BigInt(maxBps) * refPrice;
}

/** The protocol's cut of an input: `floor(floor(amountIn·fee/BPS)·share/BPS)`, leaving the reserves. */
export function protocolFee(amountIn: bigint, feeBps: number, protocolShareBps: number): bigint {
  return (((amountIn * BigInt(feeBps)) / BPS) * BigInt(protocolShareBps)) / BPS;
}

/** Least acceptable output for a slippage tolerance: `floor(out·(BPS - slippage)/BPS)`. */
export function minOutFor(amountOut: bigint, slippageBps: number): bigint {
  return (amountOut * (BPS - BigInt(slippageBps))) / BPS;
}

/** Most acceptable input for a slippage tolerance: `ceil(in·(BPS + slippage)/BPS)`. */
export function maxInFor(amountIn: bigint, slippageBps: number): bigint {
  return (amountIn * (BPS + BigInt(slippageBps)) + BPS - 1n) / BPS;
}

export interface Reserves {
  coin: bigint;
  base: bigint;
}

export type Side = "buy" | "sell";
export type Mode = "exactIn" | "exactOut";

export interface Quote {
  side: Side;
  mode: Mode;
  /** Input paid (fee included): exact for exact-in, quoted for exact-out. */
  amountIn: bigint;
  /** Output received: quoted for exact-in, exact for exact-out. */
  amountOut: bigint;
  /** The bound sent to the pool: minOut (exact-in) or maxIn (exact-out). */
  limit: bigint;
  impactBps: bigint;
  /** Base-token side of the swap: what counts against the daily volume limit. */
  baseVolume: bigint;
  protocolFee: bigint;
  reservesAfter: Reserves;
}

/**
 * The pool's view of a swap at `reserves`: buy = base in, coin out; sell = coin in, base out.
 * `amount` is the input (exact-in) or the output (exact-out). Throws PoolMathError when the pool
 * can't quote it (no liquidity, an output of the whole reserve or more).
 */
export function quoteSwap(
  reserves: Reserves,
  side: Side,
  mode: Mode,
  amount: bigint,
  params: { swapFeeBps: number; protocolShareBps: number },
  slippageBps: number,
): Quote {
  const [reserveIn, reserveOut] = side === "buy" ? [reserves.base, reserves.coin] : [reserves.coin, reserves.base];
  const amountIn = mode === "exactIn" ? amount : getAmountIn(amount, reserveIn, reserveOut, params.swapFeeBps);
  const amountOut = mode === "exactIn" ? getAmountOut(amount, reserveIn, reserveOut, params.swapFeeBps) : amount;
  if (amountOut === 0n) throw new PoolMathError("zero output");
  const fee = protocolFee(amountIn, params.swapFeeBps, params.protocolShareBps);
  const newIn = reserveIn + amountIn - fee;
  const newOut = reserveOut - amountOut;
  return {
    side,
    mode,
    amountIn,
    amountOut,
    limit: mode === "exactIn" ? minOutFor(amountOut, slippageBps) : maxInFor(amountIn, slippageBps),
    impactBps: priceImpactBps(amountIn, reserveIn, params.swapFeeBps),
    baseVolume: side === "buy" ? amountIn : amountOut,
    protocolFee: fee,
    reservesAfter: side === "buy" ? { coin: newOut, base: newIn } : { coin: newIn, base: newOut },
  };
}
