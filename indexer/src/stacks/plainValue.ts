/**
 * A Clarity value as plain JS, the one converter shared by the Stacks handlers (printed tuples)
 * and the tests (read-only results of the simnet): uint/int as bigint, bool, none as null, some
 * and ok as their value, principal and string as text, buffer as 0x hex, tuples and lists
 * recursively. An `err` is refused (ClarityDecodeError): a caller reading one expected success.
 * Pure (no Ponder imports), so that test/clarity and test/indexer can use it too.
 */
import { ClarityType, type ClarityValue } from "@stacks/transactions";

export class ClarityDecodeError extends Error {}

export function plainValue(cv: ClarityValue): unknown {
  switch (cv.type) {
    case ClarityType.UInt:
    case ClarityType.Int:
      return BigInt(cv.value);
    case ClarityType.BoolTrue:
      return true;
    case ClarityType.BoolFalse:
      return false;
    case ClarityType.OptionalNone:
      return null;
    case ClarityType.OptionalSome:
    case ClarityType.ResponseOk:
      return plainValue(cv.value);
    case ClarityType.PrincipalStandard:
    case ClarityType.PrincipalContract:
    case ClarityType.StringASCII:
    case ClarityType.StringUTF8:
      return cv.value;
    case ClarityType.Buffer:
      return `0x${cv.value}`;
    case ClarityType.Tuple:
      return Object.fromEntries(Object.entries(cv.value).map(([k, v]) => [k, plainValue(v)]));
    case ClarityType.List:
      return cv.value.map(plainValue);
    default:
      throw new ClarityDecodeError(`a Clarity ${cv.type} has no plain value here`);
  }
}

/** A tuple's field as plain JS; refuses a value that is not a tuple or lacks the field. */
export function plainField(tuple: ClarityValue, name: string): unknown {
  const plain = plainValue(tuple);
  if (plain === null || typeof plain !== "object" || Array.isArray(plain)) throw new ClarityDecodeError(`expected a tuple, got a Clarity ${tuple.type}`);
  if (!(name in plain)) throw new ClarityDecodeError(`the tuple has no field ${name}`);
  return (plain as Record<string, unknown>)[name];
}
