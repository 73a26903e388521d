/**
 * What the proposal builder turns input into: the calls of a proposal (target, value, calldata),
 * each checked before the wallet is asked — amounts against the treasury's live balance, percents
 * and durations against their types, addresses for shape and checksum, typed arguments of an
 * arbitrary call against its ABI. Pure functions.
 */
import { encodeFunctionData, erc20Abi, getAddress, isAddress, parseUnits, type Abi, type AbiFunction, type AbiParameter, type Address, type Hex } from "viem";
import { formatAmount } from "../escrow/tokens.ts";
import type { ProposalCall } from "./decode.ts";
import type { TreasuryBalance } from "./treasury.ts";

export type Checked<T> = { value: T; error?: undefined } | { value?: undefined; error: string };

/** An address typed by a person: shape, checksum (when mixed case), non-zero. */
export function parseAddress(text: string, what = "The recipient"): Checked<Address> {
  const s = text.trim();
  if (s === "") return { error: `${what}: enter an address.` };
  if (!isAddress(s, { strict: false })) return { error: `${what}: this is not an address (0x followed by 40 hexadecimal characters).` };
  if (s !== s.toLowerCase() && s.slice(2) !== s.slice(2).toUpperCase() && !isAddress(s, { strict: true }))
    return { error: `${what}: the address checksum does not match; check it for typos.` };
  const address = getAddress(s);
  if (/^0x0{40}$/.test(address)) return { error: `${what} can't be the zero address.` };
  return { value: address };
}

/** A decimal amount in a token's units ("250", "0.5"), above zero. */
export function parseAmount(text: string, decimals: number, symbol: string): Checked<bigint> {
  const s = text.trim();
  if (s === "") return { error: "Enter an amount." };
  if (!/^(\d+(\.\d*)?|\.\d+)$/.test(s)) return { error: `Enter a number of ${symbol}, like 250 or 0.5.` };
  const fraction = s.split(".")[1] ?? "";
  if (fraction.length > decimals) return { error: `${symbol} has ${decimals} decimals: use at most ${decimals} digits after the point.` };
  const value = parseUnits(s, decimals);
  if (value === 0n) return { error: "The amount must be more than zero." };
  return { value };
}

/** A percentage ("60", "33.33") as basis points, 0..10_000. */
export function parseBps(text: string): Checked<number> {
  const s = text.trim().replace(/%$/, "").trim();
  if (s === "") return { error: "Enter a percentage, from 0 to 100." };
  if (!/^(\d+(\.\d*)?|\.\d+)$/.test(s)) return { error: "Enter a number from 0 to 100, like 70 or 7.5." };
  const [whole = "", fraction = ""] = s.split(".");
  if (fraction.length > 2) return { error: "Use at most 2 digits after the point (basis points, 0.01%)." };
  const bps = Number(whole || "0") * 100 + Number(fraction.padEnd(2, "0"));
  if (bps > 10_000) return { error: "A share can't be more than 100%." };
  return { value: bps };
}

/** A duration typed in hours ("1", "0.5", "120") as whole seconds, above zero. */
export function parseHours(text: string, maxSeconds: bigint): Checked<bigint> {
  const s = text.trim();
  if (!/^(\d+(\.\d*)?|\.\d+)$/.test(s)) return { error: "Enter a number of hours, like 24 or 0.5." };
  const seconds = BigInt(Math.round(Number(s) * 3600));
  if (seconds <= 0n) return { error: "The duration must be at least one second." };
  if (seconds > maxSeconds) return { error: `That is too long for the contract (at most ${maxSeconds} seconds).` };
  return { value: seconds };
}

/** A treasury transfer: the native coin (a plain send) or an ERC-20 `transfer`, within the live balance. */
export function treasuryTransfer(token: TreasuryBalance | undefined, recipientText: string, amountText: string): Checked<ProposalCall> {
  if (!token) return { error: "Choose what to send." };
  const to = parseAddress(recipientText);
  if (to.error !== undefined) return to;
  const amount = parseAmount(amountText, token.decimals, token.symbol);
  if (amount.error !== undefined) return amount;
  if (token.balance === undefined) return { error: "The treasury's balance is still being read from chain: try again in a moment." };
  if (amount.value > token.balance)
    return {
      error: `The treasury holds ${formatAmount(token.balance, token)}: it can't send ${formatAmount(amount.value, token)}. The proposal would fail when executed.`,
    };
  if (token.native) return { value: { target: to.value, value: amount.value, data: "0x" } };
  return { value: { target: token.token, value: 0n, data: encodeFunctionData({ abi: erc20Abi, functionName: "transfer", args: [to.value, amount.value] }) } };
}

/** The functions of an ABI that a proposal can call (state-changing). */
export function writableFunctions(abi: Abi): AbiFunction[] {
  return abi.filter((item): item is AbiFunction => item.type === "function" && (item.stateMutability === "nonpayable" || item.stateMutability === "payable"));
}

export const signatureOf = (fn: AbiFunction) => `${fn.name}(${fn.inputs.map((i) => i.type).join(",")})`;

/** One typed argument of an arbitrary call, from text (arrays and tuples as JSON). */
export function parseArg(param: AbiParameter, text: string): Checked<unknown> {
  const label = param.name ? `${param.name} (${param.type})` : param.type;
  const fail = (why: string): Checked<unknown> => ({ error: `${label}: ${why}` });
  const convert = (type: string, value: unknown, components?: readonly AbiParameter[]): unknown => {
    const array = /^(.*)\[(\d*)\]$/.exec(type);
    if (array) {
      if (!Array.isArray(value)) throw new Error("expected a JSON array");
      if (array[2] && value.length !== Number(array[2])) throw new Error(`expected ${array[2]} elements`);
      return value.map((v) => convert(array[1]!, v, components));
    }
    if (type === "tuple") {
      if (!components) throw new Error("unknown tuple");
      if (Array.isArray(value)) return value.map((v, i) => convert(components[i]!.type, v, (components[i] as { components?: readonly AbiParameter[] }).components));
      if (value && typeof value === "object")
        return Object.fromEntries(components.map((c) => [c.name, convert(c.type, (value as Record<string, unknown>)[c.name ?? ""], (c as { components?: readonly AbiParameter[] }).components)]));
      throw new Error("expected a JSON object or array");
    }
    const s = typeof value === "string" ? value.trim() : value;
    if (type === "address") {
      if (typeof s !== "string" || !isAddress(s, { strict: false })) throw new Error("not an address");
      return getAddress(s);
    }
    if (/^u?int\d*$/.test(type)) {
      if ((typeof s !== "string" && typeof s !== "number") || !/^-?\d+$/.test(String(s))) throw new Error("a whole number, in the contract's units");
      const n = BigInt(s);
      const bits = Number(type.replace(/^u?int/, "") || "256");
      if (type.startsWith("u") ? n < 0n || n >= 2n ** BigInt(bits) : n < -(2n ** BigInt(bits - 1)) || n >= 2n ** BigInt(bits - 1)) throw new Error(`out of range for ${type}`);
      return type.startsWith("uint") && bits <= 48 ? Number(n) : n;
    }
    if (type === "bool") {
      if (s === true || s === "true") return true;
      if (s === false || s === "false") return false;
      throw new Error("true or false");
    }
    if (/^bytes\d*$/.test(type)) {
      if (typeof s !== "string" || !/^0x([0-9a-fA-F]{2})*$/.test(s)) throw new Error("hex bytes, like 0x1234");
      const size = Number(type.slice(5) || "0");
      if (size && s.length !== 2 + 2 * size) throw new Error(`exactly ${size} bytes`);
      return s as Hex;
    }
    if (type === "string") return String(value ?? "");
    throw new Error(`type ${type} is not supported here`);
  };
  try {
    const structured = param.type.endsWith("]") || param.type === "tuple";
    const value = structured ? JSON.parse(text) : text;
    return { value: convert(param.type, value, (param as { components?: readonly AbiParameter[] }).components) };
  } catch (error) {
    return fail(error instanceof SyntaxError ? "invalid JSON" : (error as Error).message);
  }
}

/** An arbitrary call: `fn` of `abi` on `target` with arguments typed as text. */
export function arbitraryCall(target: Address | undefined, abi: Abi | undefined, fn: AbiFunction | undefined, texts: readonly string[]): Checked<ProposalCall> {
  if (!target || !abi) return { error: "Choose a contract." };
  if (!fn) return { error: "Choose a function." };
  const args: unknown[] = [];
  for (const [i, param] of fn.inputs.entries()) {
    const arg = parseArg(param, texts[i] ?? "");
    if (arg.error !== undefined) return arg;
    args.push(arg.value);
  }
  try {
    return { value: { target, value: 0n, data: encodeFunctionData({ abi: [fn], functionName: fn.name, args } as never) } };
  } catch (error) {
    return { error: `The arguments can't be encoded: ${(error as Error).message.split("\n")[0]}` };
  }
}

/** A proposal's description: the title as a Markdown heading (the indexer's title is its first line), then the text. */
export function proposalDescription(title: string, body: string): Checked<string> {
  const t = title.trim();
  if (t === "") return { error: "Give the proposal a title." };
  if (t.includes("\n")) return { error: "The title is one line." };
  return { value: body.trim() ? `# ${t}\n\n${body.trim()}` : `# ${t}` };
}
