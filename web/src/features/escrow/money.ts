/**
 * The escrow's money arithmetic, exactly as contracts/libraries/FeeMath.sol does it, so previews
 * (arbiter rulings, settlement offers, releases) show to the unit what the contract will credit.
 * Rounding never favours the party being paid: the fee rounds up, the freelancer's gross share of a
 * split rounds down, the client's refund takes the remainder. `fee + payout + refund == amount`.
 */

export const BPS = 10_000n;

export interface Split {
  /** The freelancer's share before the fee: floor(amount * freelancerBps / 10_000). */
  gross: bigint;
  /** Platform fee on the gross share: ceil(gross * feeBps / 10_000). */
  fee: bigint;
  /** Credited to the freelancer: gross - fee. */
  payout: bigint;
  /** Credited back to the client: amount - gross. */
  refund: bigint;
}

const ceilDiv = (a: bigint, b: bigint) => (a === 0n ? 0n : (a - 1n) / b + 1n);

/** Fee and payout of a release in full (approval or claim): a split at 100%. */
export function releaseSplit(amount: bigint, feeBps: number): Split {
  return splitShare(amount, 10_000, feeBps);
}

/** A split of `amount` giving the freelancer `freelancerBps` (a ruling or a settlement). */
export function splitShare(amount: bigint, freelancerBps: number, feeBps: number): Split {
  if (!Number.isInteger(freelancerBps) || freelancerBps < 0 || freelancerBps > 10_000)
    throw new RangeError(`freelancerBps ${freelancerBps} is outside 0..10000`);
  const gross = (amount * BigInt(freelancerBps)) / BPS;
  const fee = ceilDiv(gross * BigInt(feeBps), BPS);
  return { gross, fee, payout: gross - fee, refund: amount - gross };
}

export type PercentResult = { bps: number; error?: undefined } | { bps?: undefined; error: string };

/** A percentage typed by a person ("60", "33.33") as basis points, 0..10_000, at most 2 decimals. */
export function parsePercent(text: string): PercentResult {
  const s = text.trim().replace(/%$/, "").trim();
  if (s === "") return { error: "Enter the freelancer's share in percent, from 0 to 100." };
  if (!/^(\d+(\.\d*)?|\.\d+)$/.test(s)) return { error: "Enter a number from 0 to 100, like 60 or 33.33." };
  const [whole = "", fraction = ""] = s.split(".");
  if (fraction.length > 2) return { error: "Use at most 2 digits after the point (shares are in basis points, 0.01%)." };
  const bps = Number(whole || "0") * 100 + Number(fraction.padEnd(2, "0"));
  if (bps > 10_000) return { error: "The share can't be more than 100%." };
  return { bps };
}
