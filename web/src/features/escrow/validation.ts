/**
 * Form checks done before the wallet is ever asked: every problem is explained next to its field.
 * Pure functions: the same rules back the EVM form, the Stacks form and their tests.
 */
import { getAddress, isAddress, type Address } from "viem";

/** Milestones per escrow (MilestoneEscrow.MAX_MILESTONES, the Clarity `(list 50 uint)`). */
export const MAX_MILESTONES = 50;
const MAX_AMOUNT = (1n << 128n) - 1n;

export type AmountResult = { value: bigint; error?: undefined } | { value?: undefined; error: string };

/** Parses a decimal amount typed by a person into the token's smallest unit. */
export function parseAmount(text: string, decimals: number, symbol: string): AmountResult {
  const s = text.trim().replace(/,/g, "");
  if (s === "") return { error: "Enter an amount." };
  if (!/^(\d+(\.\d*)?|\.\d+)$/.test(s)) return { error: "Enter a number, like 250 or 12.5." };
  const [whole = "", fraction = ""] = s.split(".");
  if (fraction.length > decimals)
    return {
      error:
        decimals === 0
          ? `${symbol} has no decimals: enter a whole number.`
          : `${symbol} has ${decimals} decimals: use at most ${decimals} digits after the point.`,
    };
  const value = BigInt((whole || "0") + fraction.padEnd(decimals, "0"));
  if (value === 0n) return { error: "The amount must be more than zero." };
  if (value > MAX_AMOUNT) return { error: "The amount is too large." };
  return { value };
}

export interface MilestoneErrors {
  count?: string;
  amounts: (string | undefined)[];
  total?: string;
}

export function validateMilestones(
  amounts: readonly string[],
  token: { decimals: number; symbol: string },
  balance: bigint | undefined,
  format: (v: bigint) => string,
): { errors: MilestoneErrors; values?: bigint[]; total?: bigint } {
  const errors: MilestoneErrors = { amounts: [] };
  if (amounts.length < 1 || amounts.length > MAX_MILESTONES) errors.count = `An escrow has between 1 and ${MAX_MILESTONES} milestones.`;
  const values: bigint[] = [];
  amounts.forEach((text, i) => {
    const r = parseAmount(text, token.decimals, token.symbol);
    errors.amounts[i] = r.error;
    if (r.value !== undefined) values.push(r.value);
  });
  if (errors.count || errors.amounts.some(Boolean)) return { errors };
  const total = values.reduce((a, b) => a + b, 0n);
  if (balance !== undefined && balance < total)
    errors.total = `Your balance (${format(balance)}) does not cover the total (${format(total)}) you will deposit when funding.`;
  if (errors.total) return { errors };
  return { errors, values, total };
}

/** Bounds of the review and grace periods (MilestoneEscrow MIN_PERIOD, MAX_REVIEW_PERIOD, MAX_GRACE_PERIOD; same in Clarity). */
export const MIN_PERIOD = 3_600;
export const MAX_REVIEW_PERIOD = 30 * 86_400;
export const MAX_GRACE_PERIOD = 90 * 86_400;
/** A due date must leave at least this much time after now: the creation's block must come before it. */
const DUE_MARGIN = 600;

export type PeriodUnit = "hours" | "days";
export const UNIT_SECONDS: Record<PeriodUnit, number> = { hours: 3_600, days: 86_400 };

export type PeriodResult = { seconds: number; error?: undefined } | { seconds?: undefined; error: string };

/** A review or grace period typed as a whole number of hours or days, within the contract's bounds. */
export function parsePeriod(text: string, unit: PeriodUnit, what: "review" | "grace"): PeriodResult {
  const s = text.trim();
  const max = what === "review" ? MAX_REVIEW_PERIOD : MAX_GRACE_PERIOD;
  const bounds = `between 1 hour and ${max / 86_400} days`;
  if (s === "") return { error: `Enter the ${what} period: ${bounds}.` };
  if (!/^\d+$/.test(s)) return { error: `Enter a whole number of ${unit}.` };
  const seconds = Number(s) * UNIT_SECONDS[unit];
  if (seconds < MIN_PERIOD || seconds > max)
    return { error: `The ${what} period must be ${bounds} (${s} ${unit} is ${seconds < MIN_PERIOD ? "too short" : "too long"}).` };
  return { seconds };
}

/** A review or grace period in words: "3 days", "1 hour", "36 hours". */
export function periodText(seconds: number): string {
  if (seconds % UNIT_SECONDS.days === 0) {
    const d = seconds / UNIT_SECONDS.days;
    return `${d} day${d === 1 ? "" : "s"}`;
  }
  const h = seconds / UNIT_SECONDS.hours;
  return Number.isInteger(h) ? `${h} hour${h === 1 ? "" : "s"}` : `${Math.round(seconds / 60)} minutes`;
}

export type DueDateResult = { value: bigint; error?: undefined } | { value?: undefined; error: string };

/**
 * A due date from a date input ("2026-03-31"): the end of that day (23:59:59) in the browser's
 * time zone, as unix seconds. It must lie after `now` (the chain's time, in seconds).
 */
export function parseDueDate(text: string, now: number): DueDateResult {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text.trim());
  if (!m) return { error: "Pick a due date." };
  const date = new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3]), 23, 59, 59);
  if (Number.isNaN(date.getTime()) || date.getDate() !== Number(m[3])) return { error: "This is not a valid date." };
  const seconds = Math.floor(date.getTime() / 1000);
  if (seconds <= now + DUE_MARGIN) return { error: "The due date must be in the future (today at the earliest, before its last 10 minutes)." };
  return { value: BigInt(seconds) };
}

/** A unix time as the value of a date input ("2026-03-31"), in the browser's time zone. */
export function dateInputValue(seconds: number): string {
  const d = new Date(seconds * 1000);
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** The freelancer of an EVM escrow: a valid, non-zero address that is not the client. */
export function validateEvmFreelancer(
  text: string,
  self: Address | undefined,
): { error: string; address?: undefined } | { address: Address; error?: undefined } {
  const s = text.trim();
  if (s === "") return { error: "Enter the freelancer's address." };
  if (!isAddress(s, { strict: false })) return { error: "This is not an address: expected 0x followed by 40 hexadecimal characters." };
  if (s !== s.toLowerCase() && s.slice(2) !== s.slice(2).toUpperCase() && !isAddress(s, { strict: true }))
    return { error: "The address checksum does not match: check it for typos." };
  const address = getAddress(s);
  if (/^0x0{40}$/.test(address)) return { error: "The zero address can't be a freelancer." };
  if (self && address.toLowerCase() === self.toLowerCase()) return { error: "You can't hire yourself: the freelancer must be another account." };
  return { address };
}
