/**
 * Clarity `print` values as EVM event arguments. Our Clarity contracts print the Solidity events
 * of their EVM twins — `{ topic: "<kebab-case event name>", <kebab-case parameter>: value, … }`
 * (checked by test/clarity's expectEvents) — so a print decodes into the `event.args` that viem
 * would give the EVM handlers, typed by the twin's ABI:
 *  - uintN/intN: bigint, or number for N <= 48 (as viem decodes them);
 *  - address: the principal as text (`ST…`, `ST….name`); `none` (the native coin, "no source") is
 *    the zero address, as on EVM;
 *  - bytesN: the buffer as 0x hex; a Clarity role name (string-ascii) as the EVM role id
 *    (`keccak256("ARBITER_ROLE")`, 0x00 for the admin), so role rows read the same on both chains;
 *    another name (the multisig's action names where EVM has selectors) as the hex of its ASCII;
 *  - bool, string, tuple[] (the milestones) likewise.
 */
import { ClarityType, deserializeCV, type ClarityValue } from "@stacks/transactions";
import { keccak256, toHex, zeroAddress, zeroHash, type Abi, type AbiEvent, type AbiParameter, type Hex } from "viem";
import type { AnyContext } from "../audit.ts";
import { sharedHandlers } from "../common.ts";
import { ClarityDecodeError } from "./plainValue.ts";
import type { StacksPrint } from "./print.ts";

/** Our Clarity contracts' role names -> the EVM twins' role ids (escrow.clar, badges.clar). */
const ROLE_IDS: Record<string, Hex> = {
  admin: zeroHash,
  "fee-manager": keccak256(toHex("FEE_MANAGER_ROLE")),
  pauser: keccak256(toHex("PAUSER_ROLE")),
  arbiter: keccak256(toHex("ARBITER_ROLE")),
  attester: keccak256(toHex("ATTESTER_ROLE")),
};

export { ClarityDecodeError };

const camel = (kebab: string) => kebab.replace(/-([a-z0-9])/g, (_, c: string) => c.toUpperCase());
/** "escrow-created" -> "EscrowCreated". */
export const eventName = (topic: string) => camel(`-${topic}`);

function convert(cv: ClarityValue, param: AbiParameter, where: string): unknown {
  if (cv.type === ClarityType.OptionalSome) return convert(cv.value, param, where);
  const type = param.type;
  if (type === "address") {
    if (cv.type === ClarityType.OptionalNone) return zeroAddress;
    if (cv.type === ClarityType.PrincipalStandard || cv.type === ClarityType.PrincipalContract) return cv.value;
  } else if (/^u?int\d*$/.test(type)) {
    if (cv.type === ClarityType.UInt || cv.type === ClarityType.Int) {
      const v = BigInt(cv.value);
      return Number(type.replace(/^u?int/, "") || 256) <= 48 ? Number(v) : v;
    }
  } else if (type === "bool") {
    if (cv.type === ClarityType.BoolTrue) return true;
    if (cv.type === ClarityType.BoolFalse) return false;
  } else if (/^bytes\d*$/.test(type)) {
    if (cv.type === ClarityType.Buffer) return `0x${cv.value}`.toLowerCase();
    if (cv.type === ClarityType.StringASCII) {
      // A role name stands for the EVM role id; any other name (the multisig's action names, where
      // EVM has bytes4 selectors) is kept readable as the hex of its ASCII bytes.
      if (param.name === "role") return ROLE_IDS[cv.value] ?? keccak256(toHex(cv.value));
      return toHex(cv.value);
    }
    if (cv.type === ClarityType.OptionalNone) return zeroHash;
  } else if (type === "string") {
    if (cv.type === ClarityType.StringASCII || cv.type === ClarityType.StringUTF8) return cv.value;
  } else if (type === "tuple[]" && "components" in param) {
    if (cv.type === ClarityType.List) return cv.value.map((item, i) => tupleArgs(item, param.components, `${where}[${i}]`));
  } else if (type === "tuple" && "components" in param) {
    return tupleArgs(cv, param.components, where);
  }
  throw new ClarityDecodeError(`${where}: a Clarity ${cv.type} cannot stand for a Solidity ${type}`);
}

function tupleArgs(cv: ClarityValue, params: readonly AbiParameter[], where: string): Record<string, unknown> {
  if (cv.type !== ClarityType.Tuple) throw new ClarityDecodeError(`${where}: expected a tuple, got ${cv.type}`);
  const fields = new Map(Object.entries(cv.value).map(([k, v]) => [camel(k), v]));
  const out: Record<string, unknown> = {};
  for (const p of params) {
    const v = fields.get(p.name!);
    if (!v) throw new ClarityDecodeError(`${where}: no field ${p.name} in the print`);
    out[p.name!] = convert(v, p, `${where}.${p.name}`);
  }
  return out;
}

export interface DecodedPrint {
  /** The Solidity event name (`EscrowCreated`). */
  name: string;
  args: Record<string, unknown>;
}

/**
 * Decodes a printed value (hex of the serialized Clarity value) into the twin's event, or
 * undefined when its topic is not an event of `abi` (a print the EVM side has no twin of).
 */
export function decodePrint(rawValue: Hex, topic: string, abi: Abi): DecodedPrint | undefined {
  const name = eventName(topic);
  const event = abi.find((item): item is AbiEvent => item.type === "event" && item.name === name);
  if (!event) return undefined;
  const cv = deserializeCV(rawValue.slice(2));
  return { name, args: tupleArgs(cv, event.inputs, `${topic} print`) };
}

/**
 * Decodes the print as an event of `abi` and runs the EVM handler registered for
 * `<contract>:<event>` (../common.ts sharedHandlers) on it, after `before` (e.g. a settings row the
 * EVM side gets from its constructor's events). Prints without a twin event or without an EVM
 * handler (no rows on EVM either) are skipped.
 */
export async function runTwinHandler(context: AnyContext, print: StacksPrint, contract: string, abi: Abi, before?: () => Promise<void>): Promise<void> {
  const decoded = decodePrint(print.value, print.topic, abi);
  if (!decoded) return;
  const handler = sharedHandlers.get(`${contract}:${decoded.name}`);
  if (!handler) return;
  await before?.();
  await handler({ event: { ...print.event, name: decoded.name, args: decoded.args }, context });
}
