/**
 * The REST routes' parameter checks and answers (./index.ts, ./dao.ts): every bad input becomes a
 * 400 `{ error }` with a message saying what was expected, never a stack trace.
 */
import { validateStacksAddress } from "@stacks/transactions";
import type { Context } from "hono";
import { HTTPException } from "hono/http-exception";
import type { ApiLimits } from "./limits.ts";

export type ErrorStatus = 400 | 404 | 405 | 413 | 500 | 503;
export const fail = (c: Context, status: ErrorStatus, message: string) => c.json({ error: message }, status);

export const CAIP2 = /^(eip155:\d{1,20}|stacks:\d{1,20})$/;
export const UINT = /^\d{1,78}$/;
export const ADDRESS = /^0x[0-9a-fA-F]{40}$/;
/** Page size of the REST lists when the request names none. */
export const DEFAULT_PAGE = 50;

/** Thrown by the parameter checks; answered as 400 `{ error }` by the app's onError. */
export const badRequest = (message: string) => new HTTPException(400, { message });

export function chainParam(value: string | undefined, name = "chain id", allowAll = false): string | undefined {
  if (value === undefined || value === "") return undefined;
  if (allowAll && value === "all") return undefined;
  if (!CAIP2.test(value)) {
    throw badRequest(`Invalid ${name} "${value}": expected a CAIP-2 id like eip155:31337${allowAll ? ', or "all"' : ""}`);
  }
  return value;
}

/**
 * A Stacks standard principal as the chain prints it: `S`, the version letter (P mainnet single-sig,
 * M mainnet multi-sig, T testnet single-sig, N testnet multi-sig), then the c32 (Crockford base-32,
 * uppercase, without I, L, O, U) of the 20-byte hash and its 4-byte checksum.
 */
export const STACKS_ADDRESS = /^S[PMTN][0-9A-HJKMNP-TV-Z]{20,41}$/;
/** A Clarity contract name (stacks-core's CONTRACT_NAME_REGEX): a letter, then letters, digits, `-`, `_`; 40 at most. */
export const CONTRACT_NAME = /^[a-zA-Z][a-zA-Z0-9_-]{0,39}$/;

/**
 * Why `value` is not a Stacks principal (`SP…`/`ST…`, or a contract `ST….name`), or undefined when
 * it is one: the c32 checksum is verified (@stacks/transactions' validateStacksAddress).
 */
export function stacksPrincipalError(value: string): string | undefined {
  const dot = value.indexOf(".");
  const address = dot < 0 ? value : value.slice(0, dot);
  if (!STACKS_ADDRESS.test(address)) return "not a Stacks address (S, then P, M, T or N, then uppercase c32)";
  if (!validateStacksAddress(address)) return "its c32 checksum does not match (a mistyped character?)";
  if (dot >= 0 && !CONTRACT_NAME.test(value.slice(dot + 1))) return "not a contract name after the dot (a letter, then letters, digits, - or _, 40 at most)";
  return undefined;
}

/**
 * An account of any indexed chain: an EVM address (lowercased, as the account columns store it) or
 * a Stacks principal, standard or contract (kept as is: c32 is case-sensitive as printed).
 */
export function addressParam(value: string, name: string): `0x${string}` {
  if (value.startsWith("0x") || value.startsWith("0X")) {
    if (!ADDRESS.test(value)) throw badRequest(`Invalid ${name} "${value}": expected a 0x-prefixed 20-byte hex address (or a Stacks principal)`);
    return value.toLowerCase() as `0x${string}`;
  }
  if (value.startsWith("S")) {
    const why = stacksPrincipalError(value);
    if (why) throw badRequest(`Invalid ${name} "${value}": ${why}; expected a Stacks principal like ST1PQHQKV0RJXZFY1DGX8MNSNYVE3VGZJSRTPGZGM or ST1PQHQKV0RJXZFY1DGX8MNSNYVE3VGZJSRTPGZGM.escrow`);
    return value as `0x${string}`;
  }
  throw badRequest(`Invalid ${name} "${value}": expected an EVM address (0x and 40 hex digits) or a Stacks principal (SP…/ST…, or a contract SP….name)`);
}

/** The family of chains an account (as {@link addressParam} returns it) lives on: EVM 0x…, Stacks S…. */
export const accountFamily = (account: string): "evm" | "stacks" => (account.startsWith("0x") ? "evm" : "stacks");

/** `group` of GET /leaderboard: one line per account (its chains summed), or per account and chain. */
export const LEADERBOARD_GROUPS = ["account", "chain"] as const;
export type LeaderboardGroup = (typeof LEADERBOARD_GROUPS)[number];

export function leaderboardGroupParam(value: string | undefined): LeaderboardGroup {
  if (value === undefined || value === "") return "account";
  if (!(LEADERBOARD_GROUPS as readonly string[]).includes(value)) {
    throw badRequest(`Invalid group "${value}": expected account (one line per account, its chains summed) or chain (one line per account and chain)`);
  }
  return value as LeaderboardGroup;
}

/** `limit` and `offset` of a REST list, within the API's GraphQL limits (./limits.ts). */
export function pageParams(c: Context, limits: ApiLimits): { limit: number; offset: number } {
  const int = (name: string, fallback: number, max: number, hint: string) => {
    const raw = c.req.query(name);
    if (raw === undefined || raw === "") return fallback;
    if (!/^\d{1,10}$/.test(raw)) throw badRequest(`Invalid ${name} "${raw}": expected a non-negative integer`);
    const value = Number(raw);
    if (value > max) throw badRequest(`Invalid ${name} ${value}: at most ${max}${hint}`);
    return value;
  };
  const limit = int("limit", Math.min(DEFAULT_PAGE, limits.maxLimit), limits.maxLimit, " items per page");
  if (limit === 0) throw badRequest("Invalid limit 0: at least 1 item per page");
  return { limit, offset: int("offset", 0, limits.maxOffset, " (narrow the query with chainId or status instead)") };
}

/** Bigints as decimal strings, as GraphQL returns them. */
export function toJson(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value, (_k, v) => (typeof v === "bigint" ? v.toString() : v)));
}
