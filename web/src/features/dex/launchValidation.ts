/**
 * The launch form's checks, done before the wallet is asked; the same limits as CreatorCoin's
 * constructor (supply cap 2^112 - 1 = the pool's reserve bound, at most 64 releases, holder share at
 * most 100%). Every problem is explained next to its field. Pure functions.
 */
import { parseAmount } from "../escrow/validation.ts";
import { parsePercent } from "../escrow/money.ts";
import { COIN_DECIMALS, formatUnitsShort } from "./format.ts";

/** CreatorCoin.MAX_SUPPLY: initial plus every release, the pool's uint112 reserve bound. */
export const MAX_SUPPLY = (1n << 112n) - 1n;
/** CreatorCoin.MAX_RELEASES. */
export const MAX_RELEASES = 64;
/** ICreatorCoinFactory's usual holder share (DEFAULT_HOLDER_SHARE_BPS). */
export const DEFAULT_HOLDER_SHARE = "10";

export interface LaunchInput {
  name: string;
  symbol: string;
  initialSupply: string;
  /** One per later milestone, in order; blank = nothing released there. */
  releases: string[];
  holderShare: string;
}

export interface LaunchErrors {
  name?: string;
  symbol?: string;
  initialSupply?: string;
  releases: (string | undefined)[];
  holderShare?: string;
  total?: string;
}

export interface LaunchArgs {
  name: string;
  symbol: string;
  initialSupply: bigint;
  releaseAmounts: bigint[];
  holderShareBps: number;
  maxSupply: bigint;
}

export type LaunchResult = { args: LaunchArgs; errors?: undefined } | { args?: undefined; errors: LaunchErrors };

export function validateLaunch(input: LaunchInput): LaunchResult {
  const errors: LaunchErrors = { releases: input.releases.map(() => undefined) };
  const name = input.name.trim();
  if (!name) errors.name = "Give the coin a name, like “Dave Coin”.";
  else if (name.length > 64) errors.name = "Keep the name to 64 characters at most.";
  const symbol = input.symbol.trim();
  if (!symbol) errors.symbol = "Give the coin a ticker symbol, like DAVE.";
  else if (!/^[A-Za-z0-9]{1,11}$/.test(symbol)) errors.symbol = "A symbol is 1 to 11 letters or digits, without spaces.";
  const initial = parseAmount(input.initialSupply, COIN_DECIMALS, "The coin");
  if (initial.error !== undefined) errors.initialSupply = initial.error;
  if (input.releases.length > MAX_RELEASES) errors.total = `A coin can schedule at most ${MAX_RELEASES} releases.`;
  const releaseAmounts = input.releases.map((text, i) => {
    if (text.trim() === "" || /^0*\.?0*$/.test(text.trim())) return 0n;
    const r = parseAmount(text, COIN_DECIMALS, "The coin");
    if (r.error !== undefined) {
      errors.releases[i] = r.error;
      return 0n;
    }
    return r.value;
  });
  const share = parsePercent(input.holderShare);
  if (share.error !== undefined) errors.holderShare = share.error.replace("the freelancer's share", "the holders' share");
  const maxSupply = (initial.value ?? 0n) + releaseAmounts.reduce((a, b) => a + b, 0n);
  if (maxSupply > MAX_SUPPLY)
    errors.total = `The initial supply plus every release is ${formatUnitsShort(maxSupply, COIN_DECIMALS, 0)} coins, above the maximum of ${formatUnitsShort(MAX_SUPPLY, COIN_DECIMALS, 0)} (the pool's reserve bound).`;
  const failed = errors.name || errors.symbol || errors.initialSupply || errors.holderShare || errors.total || errors.releases.some(Boolean);
  if (failed || initial.value === undefined || share.bps === undefined) return { errors };
  // Trailing zero releases schedule nothing: leave them out.
  let last = releaseAmounts.length;
  while (last > 0 && releaseAmounts[last - 1] === 0n) last--;
  return {
    args: { name, symbol, initialSupply: initial.value, releaseAmounts: releaseAmounts.slice(0, last), holderShareBps: share.bps, maxSupply },
  };
}
