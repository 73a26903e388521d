// Helpers for the escrow simnet tests. `simnet` is the global provided by
// vitest-environment-clarinet (a fresh session before each test).
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { expect } from "vitest";
import { Cl, ClarityType, type ClarityValue, cvToValue } from "@stacks/transactions";

type TxResult = ReturnType<typeof simnet.callPublicFn>;

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

const accounts = simnet.getAccounts();
export const deployer = accounts.get("deployer")!;
export const client = accounts.get("wallet_1")!;
export const freelancer = accounts.get("wallet_2")!;
export const stranger = accounts.get("wallet_3")!;

export const ESCROW = `${deployer}.escrow`;
export const DEMO_USD = `${deployer}.mock-sip010`;
export const HOSTILE = `${deployer}.hostile-sip010`;
export const PROXY = `${deployer}.escrow-proxy`;

/** A token is `null` for STX or a SIP-010 contract id. */
export type Token = string | null;

export const EscrowStatus = { None: 0n, Created: 1n, Funded: 2n, Completed: 3n, Cancelled: 4n } as const;
export const MilestoneStatus = { Pending: 0n, Submitted: 1n, Released: 2n } as const;
export const HostileMode = { Normal: 0n, Fail: 1n, Fee: 2n, Drain: 3n } as const;

// ─────────────────────────── error constants ───────────────────────────

/** `(define-constant ERR-X (err uN))` declarations of escrow.clar, by name. */
export function declaredErrors(): Record<string, bigint> {
  const src = fs.readFileSync(path.join(repoRoot, "clarity/contracts/escrow.clar"), "utf8");
  const out: Record<string, bigint> = {};
  for (const m of src.matchAll(/\(define-constant (ERR-[A-Z0-9-]+) \(err u(\d+)\)\)/g)) out[m[1]] = BigInt(m[2]);
  return out;
}
export const ERR = declaredErrors();

export function expectErr(result: TxResult, name: keyof typeof ERR | string) {
  expect(ERR[name], `unknown error constant ${name}`).toBeDefined();
  expect(result.result).toBeErr(Cl.uint(ERR[name]));
}

// ───────────────────── Solidity events (the spec) ─────────────────────

const kebab = (s: string) => s.replace(/([a-z0-9])([A-Z])/g, "$1-$2").toLowerCase();

/** topic -> kebab-cased parameter names, parsed from IMilestoneEscrow.sol, plus
 * the OpenZeppelin events the Solidity escrow inherits (Pausable, AccessControl). */
export function solidityEvents(): Record<string, string[]> {
  const src = fs.readFileSync(path.join(repoRoot, "contracts/interfaces/IMilestoneEscrow.sol"), "utf8");
  const out: Record<string, string[]> = {
    paused: ["account"],
    unpaused: ["account"],
    "role-granted": ["role", "account", "sender"],
    "role-revoked": ["role", "account", "sender"],
  };
  for (const m of src.matchAll(/event\s+(\w+)\s*\(([^)]*)\)/g)) {
    const params = m[2]
      .split(",")
      .map((p) => p.trim().split(/\s+/).pop()!)
      .filter(Boolean);
    out[kebab(m[1])] = params.map(kebab);
  }
  return out;
}
const SOLIDITY_EVENTS = solidityEvents();

/** Values of the `print` events of `contract` (default: the escrow) in a result. */
export function prints(result: TxResult, contract = ESCROW): ClarityValue[] {
  return result.events
    .filter((e: any) => e.event === "print_event" && e.data.contract_identifier === contract)
    .map((e: any) => e.data.value as ClarityValue);
}

/** Assert that `result` printed exactly the events `expected` (topic + fields),
 * in order, and that each carries exactly the Solidity event's fields. */
export function expectEvents(result: TxResult, expected: Array<{ topic: string } & Record<string, ClarityValue | string>>) {
  const actual = prints(result);
  expect(actual.length, "number of escrow events").toBe(expected.length);
  expected.forEach((exp, i) => {
    const { topic, ...fields } = exp;
    expect(Object.keys(SOLIDITY_EVENTS), `event ${topic} has a Solidity twin`).toContain(topic);
    expect(Object.keys(fields).sort(), `fields of ${topic} == Solidity's`).toEqual([...SOLIDITY_EVENTS[topic]].sort());
    expect(actual[i]).toEqual(Cl.tuple({ topic: Cl.stringAscii(topic), ...(fields as Record<string, ClarityValue>) }));
  });
}

// ───────────────────────────── values ─────────────────────────────

export const tokenCV = (token: Token) => (token ? Cl.some(Cl.principal(token)) : Cl.none());
export const traitCV = (token: Token) => (token ? Cl.some(Cl.principal(token)) : Cl.none());
export const amountsCV = (amounts: Array<number | bigint>) => Cl.list(amounts.map((a) => Cl.uint(a)));
export const ZERO32 = new Uint8Array(32);

/** ceil(amount * bps / 10000): the reference the contract must match. */
export const expectedFee = (amount: bigint, bps: bigint) => (amount * bps + 9999n) / 10000n;

// ─────────────────────────── chain reads ───────────────────────────

export function stxBalance(who: string): bigint {
  return simnet.getAssetsMap().get("STX")?.get(who) ?? 0n;
}

export function ftBalance(token: string, who: string): bigint {
  const name = token === DEMO_USD ? "demo-usd" : token === HOSTILE ? "hostile" : "";
  const assetKey = `.${token.split(".")[1]}.${name}`;
  return simnet.getAssetsMap().get(assetKey)?.get(who) ?? 0n;
}

export const balanceOf = (token: Token, who: string) => (token ? ftBalance(token, who) : stxBalance(who));

function mapEntry(map: string, key: ClarityValue): ClarityValue | null {
  try {
    const v = simnet.getMapEntry("escrow", map, key);
    return v.type === ClarityType.OptionalNone ? null : v;
  } catch {
    return null; // the SDK throws "value not found" for a missing key
  }
}

/** locked/credited terms read straight from the map (no contract call, so the
 * conservation checks add nothing to the costs report). */
export function tokenTerms(token: Token): { locked: bigint; credited: bigint } {
  const v = mapEntry("token-balances", tokenCV(token));
  if (!v) return { locked: 0n, credited: 0n };
  const inner = v.type === ClarityType.OptionalSome ? v.value : v;
  const t = cvToValue(inner) as any;
  return { locked: BigInt(t.locked.value ?? t.locked), credited: BigInt(t.credited.value ?? t.credited) };
}

export function creditOf(token: Token, account: string): bigint {
  const v = mapEntry("credits", Cl.tuple({ token: tokenCV(token), account: Cl.principal(account) }));
  if (!v) return 0n;
  const inner = v.type === ClarityType.OptionalSome ? v.value : v;
  return BigInt(cvToValue(inner) as any);
}

/** Conservation law: per token, balance of the escrow == locked + credited. */
export function expectConservation(tokens: Token[] = [null, DEMO_USD, HOSTILE]) {
  for (const token of tokens) {
    const { locked, credited } = tokenTerms(token);
    expect(balanceOf(token, ESCROW), `conservation for ${token ?? "STX"}: balance == locked + credited`).toBe(
      locked + credited,
    );
  }
}

// ───────────────────────────── actions ─────────────────────────────
// Every escrow action checks the conservation law right after it runs.

export function call(fn: string, args: ClarityValue[], sender: string): TxResult {
  const r = simnet.callPublicFn("escrow", fn, args, sender);
  expectConservation();
  return r;
}

export const create = (by: string, to: string, token: Token, amounts: Array<number | bigint>) =>
  call("create-escrow", [Cl.principal(to), tokenCV(token), amountsCV(amounts)], by);
export const fund = (by: string, id: number | bigint, token: Token) =>
  call("fund-escrow", [Cl.uint(id), traitCV(token)], by);
export const submit = (by: string, id: number | bigint, index: number | bigint, deliverable = ZERO32) =>
  call("submit-milestone", [Cl.uint(id), Cl.uint(index), Cl.buffer(deliverable)], by);
export const approve = (by: string, id: number | bigint, index: number | bigint) =>
  call("approve-milestone", [Cl.uint(id), Cl.uint(index)], by);
export const cancel = (by: string, id: number | bigint) => call("cancel-escrow", [Cl.uint(id)], by);
export const withdraw = (by: string, token: Token) => call("withdraw", [traitCV(token)], by);
export const setFee = (by: string, bps: number | bigint) => call("set-platform-fee", [Cl.uint(bps)], by);
export const setFeeRecipient = (by: string, who: string) => call("set-fee-recipient", [Cl.principal(who)], by);
export const pause = (by: string) => call("pause", [], by);
export const unpause = (by: string) => call("unpause", [], by);
export const grantRole = (by: string, role: string, who: string) =>
  call("grant-role", [Cl.stringAscii(role), Cl.principal(who)], by);
export const revokeRole = (by: string, role: string, who: string) =>
  call("revoke-role", [Cl.stringAscii(role), Cl.principal(who)], by);

/** Mint demo-usd (or the hostile token) to `who`. */
export function mint(token: string, who: string, amount: number | bigint) {
  const r = simnet.callPublicFn(token.split(".")[1], "mint", [Cl.uint(amount), Cl.principal(who)], who);
  expect(r.result).toBeOk(Cl.bool(true));
}

export function setHostileMode(mode: bigint) {
  const r = simnet.callPublicFn("hostile-sip010", "set-mode", [Cl.uint(mode)], deployer);
  expect(r.result).toBeOk(Cl.bool(true));
}

/** Create + fund an escrow; returns its id. */
export function createFunded(amounts: Array<number | bigint>, token: Token = null, by = client, to = freelancer): bigint {
  if (token) mint(token, by, amounts.reduce<bigint>((s, a) => s + BigInt(a), 0n));
  const c = create(by, to, token, amounts);
  expect(c.result).toHaveClarityType(ClarityType.ResponseOk);
  const id = BigInt(cvToValue((c.result as any).value));
  expect(fund(by, id, token).result).toBeOk(Cl.bool(true));
  return id;
}

/** Submit and approve milestone `index`; returns the approve result. */
export function release(id: bigint, index: number | bigint, by = client, to = freelancer): TxResult {
  expect(submit(to, id, index).result).toBeOk(Cl.bool(true));
  const r = approve(by, id, index);
  expect(r.result).toBeOk(Cl.bool(true));
  return r;
}

// ───────────────────────────── read-only ─────────────────────────────

export const ro = (fn: string, args: ClarityValue[] = []) => simnet.callReadOnlyFn("escrow", fn, args, stranger).result;

export function escrowTuple(id: number | bigint): Record<string, ClarityValue> | null {
  const r = ro("get-escrow", [Cl.uint(id)]);
  return r.type === ClarityType.OptionalSome ? (r.value as any).value : null;
}

export function escrowStatus(id: number | bigint): bigint {
  const e = escrowTuple(id);
  return e ? BigInt(cvToValue(e.status)) : EscrowStatus.None;
}

export function milestoneStatus(id: number | bigint, index: number | bigint): bigint {
  const r = ro("get-milestone", [Cl.uint(id), Cl.uint(index)]);
  return BigInt(cvToValue((r as any).value.value.status));
}

/** A seeded PRNG (mulberry32), so random scenarios are reproducible. */
export function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
    pick: <T>(xs: readonly T[]) => xs[Math.floor(next() * xs.length)],
    bigint: (min: bigint, max: bigint) => min + BigInt(Math.floor(next() * Number(max - min + 1n))),
  };
}
