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
    return { error: decimals === 0 ? `${symbol} has no decimals: enter a whole number.` : `${symbol} has ${decimals} decimals: use at most ${decimals} digits after the point.` };
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

/** The freelancer of an EVM escrow: a valid, non-zero address that is not the client. */
export function validateEvmFreelancer(text: string, self: Address | undefined): { error: string; address?: undefined } | { address: Address; error?: undefined } {
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
