// Helpers for the escrow simnet tests. `simnet` is the global provided by
// vitest-environment-clarinet (a fresh session before each test).
//
// Time: the escrow runs on `stacks-block-time` (seconds). In simnet a
// transaction's block is TX_STEP (10 s) after the current tip,
// mineEmptyStacksBlock adds 10 s and mineEmptyBurnBlock starts a new tenure
// (burn blocks are 600 s apart); `advanceTo` makes the next transaction run at
// an exact second (the same model as test/clarity/multisig.test.ts).
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { tx } from "@stacks/clarinet-sdk";
import { HDKey } from "@scure/bip32";
import { mnemonicToSeedSync } from "@scure/bip39";
import { expect } from "vitest";
import {
  Cl,
  ClarityType,
  type ClarityValue,
  cvToValue,
  getAddressFromPrivateKey,
  signStructuredData,
  type TupleCV,
} from "@stacks/transactions";

type TxResult = ReturnType<typeof simnet.callPublicFn>;

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

const accounts = simnet.getAccounts();
export const deployer = accounts.get("deployer")!;
export const client = accounts.get("wallet_1")!;
export const freelancer = accounts.get("wallet_2")!;
export const stranger = accounts.get("wallet_3")!;
export const arbiter = accounts.get("wallet_5")!;

export const ESCROW = `${deployer}.escrow`;
export const DEMO_USD = `${deployer}.mock-sip010`;
export const HOSTILE = `${deployer}.hostile-sip010`;
export const PROXY = `${deployer}.escrow-proxy`;
export const DISCOUNT = `${deployer}.mock-fee-discount`;

/** A token is `null` for STX or a SIP-010 contract id. */
export type Token = string | null;

export const EscrowStatus = { None: 0n, Created: 1n, Funded: 2n, Completed: 3n, Cancelled: 4n, Closed: 5n } as const;
export const MilestoneStatus = { Pending: 0n, Submitted: 1n, Released: 2n, Disputed: 3n, Refunded: 4n, Resolved: 5n } as const;
export const HostileMode = { Normal: 0n, Fail: 1n, Fee: 2n, Drain: 3n } as const;
export const DiscountMode = { Normal: 0n, Fail: 1n, Drain: 2n } as const;

export const HOUR = 3_600n;
export const DAY = 86_400n;
export const MIN_PERIOD = HOUR;
export const MAX_REVIEW_PERIOD = 30n * DAY;
export const MAX_GRACE_PERIOD = 90n * DAY;
/** Default terms of the helpers' jobs. */
export const REVIEW = 3n * DAY;
export const GRACE = 7n * DAY;
export const DUE_IN = 7n * DAY;

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

/** Fields of the `i`-th escrow event of a result (as Clarity values). */
export const eventAt = (result: TxResult, i = 0) => (prints(result)[i] as TupleCV).value as Record<string, ClarityValue>;

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
export const ZERO32 = new Uint8Array(32);

/** A milestone as agreed: an amount, or an amount and its due date. */
export type Terms = number | bigint | { amount: number | bigint; due: bigint };
export const amountOf = (t: Terms) => BigInt(typeof t === "object" ? t.amount : t);
/** The `(list 50 {amount, due-date})` argument; plain amounts are due DUE_IN from now. */
export function termsCV(terms: Terms[], due = nextTxTime() + DUE_IN): ClarityValue {
  return Cl.list(
    terms.map((t) =>
      Cl.tuple({
        amount: Cl.uint(amountOf(t)),
        "due-date": Cl.uint(typeof t === "object" ? t.due : due),
      }),
    ),
  );
}
export const sum = (xs: Array<number | bigint>) => xs.reduce<bigint>((s, a) => s + BigInt(a), 0n);

/** ceil(amount * bps / 10000): the reference the contract must match. */
export const expectedFee = (amount: bigint, bps: bigint) => (amount * bps + 9999n) / 10000n;
/** The split of `amount` at `freelancerBps` with `feeBps` (common.md). */
export function expectedSplit(amount: bigint, freelancerBps: bigint, feeBps: bigint) {
  const gross = (amount * freelancerBps) / 10000n;
  const fee = expectedFee(gross, feeBps);
  return { gross, fee, payout: gross - fee, refund: amount - gross };
}
/** ceil(base * (10000 - min(discount, 10000)) / 10000). */
export const discountedFee = (base: bigint, discount: bigint) => {
  const d = discount > 10000n ? 10000n : discount;
  return (base * (10000n - d) + 9999n) / 10000n;
};

// ─────────────────────────── time ───────────────────────────

/** Seconds between the tip and the block of the next transaction (simnet). */
export const TX_STEP = 10n;
/** stacks-block-time of the block the next transaction runs in. */
export const nextTxTime = () => simnet.getBlockTime() + TX_STEP;

/** Mine empty blocks until the next transaction runs at the first block time >= t. */
export function advanceTo(t: bigint) {
  const burns = (t - nextTxTime()) / 600n - 1n;
  if (burns > 0n) simnet.mineEmptyBurnBlocks(Number(burns));
  while (simnet.getBlockTime() + 600n + TX_STEP <= t) simnet.mineEmptyBurnBlock();
  while (nextTxTime() < t) simnet.mineEmptyStacksBlock();
}

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
    if (v.type === ClarityType.OptionalNone) return null;
    return v.type === ClarityType.OptionalSome ? v.value : v;
  } catch {
    return null; // the SDK throws "value not found" for a missing key
  }
}

/** get-held-balance read straight from the map (no contract call, so the
 * conservation checks add nothing to the costs report). */
export function heldOf(token: Token): bigint {
  const v = mapEntry("held-balances", tokenCV(token));
  return v ? BigInt(cvToValue(v) as any) : 0n;
}

export function creditOf(token: Token, account: string): bigint {
  const v = mapEntry("credits", Cl.tuple({ token: tokenCV(token), account: Cl.principal(account) }));
  return v ? BigInt(cvToValue(v) as any) : 0n;
}

export function earnedOf(token: Token, who: string): bigint {
  const v = mapEntry("earnings", Cl.tuple({ freelancer: Cl.principal(who), token: tokenCV(token) }));
  return v ? BigInt(cvToValue(v) as any) : 0n;
}

/** The stored fee-discount source (read without a contract call). */
export function storedSource(): string | null {
  const v = simnet.getDataVar("escrow", "fee-discount-source");
  return v.type === ClarityType.OptionalSome ? (cvToValue(v.value) as string) : null;
}

/** Conservation law: per token, balance of the escrow == get-held-balance. */
export function expectConservation(tokens: Token[] = [null, DEMO_USD, HOSTILE]) {
  for (const token of tokens) {
    expect(balanceOf(token, ESCROW), `conservation for ${token ?? "STX"}: balance == held balance`).toBe(heldOf(token));
  }
}

// ───────────────────────────── actions ─────────────────────────────
// Every escrow action checks the conservation law right after it runs.

export function call(fn: string, args: ClarityValue[], sender: string): TxResult {
  const r = simnet.callPublicFn("escrow", fn, args, sender);
  expectConservation();
  return r;
}

/** Run escrow calls in ONE block (same stacks-block-time, the next transaction's
 * time), in order; to pin a time boundary to the second, one call just on
 * each side of it. */
export function inOneBlock(calls: Array<[fn: string, args: ClarityValue[], sender: string]>): TxResult[] {
  const results = simnet.mineBlock(calls.map(([fn, args, sender]) => tx.callPublicFn("escrow", fn, args, sender)));
  expectConservation();
  return results;
}

export interface CreateOptions {
  review?: bigint;
  grace?: bigint;
  /** The discount source passed (default: the stored one, as a client's app does). */
  source?: string | null;
  /** Due date of the milestones given as plain amounts (default: DUE_IN from now). */
  due?: bigint;
}
export const createArgs = (to: string, token: Token, terms: Terms[], o: CreateOptions = {}) => {
  const source = o.source === undefined ? storedSource() : o.source;
  return [
    Cl.principal(to),
    tokenCV(token),
    termsCV(terms, o.due),
    Cl.uint(o.review ?? REVIEW),
    Cl.uint(o.grace ?? GRACE),
    source ? Cl.some(Cl.principal(source)) : Cl.none(),
  ];
};
export const create = (by: string, to: string, token: Token, terms: Terms[], o: CreateOptions = {}) =>
  call("create-escrow", createArgs(to, token, terms, o), by);
export const fund = (by: string, id: number | bigint, token: Token) => call("fund-escrow", [Cl.uint(id), traitCV(token)], by);
export const submit = (by: string, id: number | bigint, index: number | bigint, deliverable = ZERO32) =>
  call("submit-milestone", [Cl.uint(id), Cl.uint(index), Cl.buffer(deliverable)], by);
export const approve = (by: string, id: number | bigint, index: number | bigint) =>
  call("approve-milestone", [Cl.uint(id), Cl.uint(index)], by);
export const claim = (by: string, id: number | bigint, index: number | bigint) =>
  call("claim-milestone", [Cl.uint(id), Cl.uint(index)], by);
export const reclaim = (by: string, id: number | bigint, index: number | bigint) =>
  call("reclaim-milestone", [Cl.uint(id), Cl.uint(index)], by);
export const dispute = (by: string, id: number | bigint, index: number | bigint, reason = ZERO32) =>
  call("open-dispute", [Cl.uint(id), Cl.uint(index), Cl.buffer(reason)], by);
export const resolve = (by: string, id: number | bigint, index: number | bigint, bps: number | bigint) =>
  call("resolve-dispute", [Cl.uint(id), Cl.uint(index), Cl.uint(bps)], by);
export const settleCall = (
  by: string,
  id: number | bigint,
  index: number | bigint,
  bps: number | bigint,
  deadline: bigint,
  signature: string,
) => call("settle-milestone", [Cl.uint(id), Cl.uint(index), Cl.uint(bps), Cl.uint(deadline), Cl.bufferFromHex(signature)], by);
export const revoke = (by: string) => call("revoke-settlement-offers", [], by);
export const rate = (by: string, id: number | bigint, rating: number | bigint) => call("rate-job", [Cl.uint(id), Cl.uint(rating)], by);
export const cancel = (by: string, id: number | bigint) => call("cancel-escrow", [Cl.uint(id)], by);
export const withdraw = (by: string, token: Token) => call("withdraw", [traitCV(token)], by);
export const setFee = (by: string, bps: number | bigint) => call("set-platform-fee", [Cl.uint(bps)], by);
export const setFeeRecipient = (by: string, who: string) => call("set-fee-recipient", [Cl.principal(who)], by);
export const setSource = (by: string, source: string | null) =>
  call("set-fee-discount-source", [source ? Cl.some(Cl.principal(source)) : Cl.none()], by);
export const setTokenAllowed = (by: string, token: Token, allowed: boolean) =>
  call("set-token-allowed", [tokenCV(token), Cl.bool(allowed)], by);
export const pause = (by: string) => call("pause", [], by);
export const unpause = (by: string) => call("unpause", [], by);
export const grantRole = (by: string, role: string, who: string) => call("grant-role", [Cl.stringAscii(role), Cl.principal(who)], by);
export const revokeRole = (by: string, role: string, who: string) => call("revoke-role", [Cl.stringAscii(role), Cl.principal(who)], by);

/** The setup every escrow test starts from (after the deployment state): the
 * test tokens allowlisted and wallet_5 an arbiter, as the deploy script does
 * with the registry's stablecoins and the configured arbiters. */
export function standardSetup() {
  expect(setTokenAllowed(deployer, DEMO_USD, true).result).toBeOk(Cl.bool(true));
  expect(setTokenAllowed(deployer, HOSTILE, true).result).toBeOk(Cl.bool(true));
  expect(grantRole(deployer, "arbiter", arbiter).result).toBeOk(Cl.bool(true));
}

/** Mint demo-usd (or the hostile token) to `who`. */
export function mint(token: string, who: string, amount: number | bigint) {
  const r = simnet.callPublicFn(token.split(".")[1], "mint", [Cl.uint(amount), Cl.principal(who)], who);
  expect(r.result).toBeOk(Cl.bool(true));
}

export function setHostileMode(mode: bigint) {
  const r = simnet.callPublicFn("hostile-sip010", "set-mode", [Cl.uint(mode)], deployer);
  expect(r.result).toBeOk(Cl.bool(true));
}

export function setDiscount(who: string, bps: number | bigint, mode: bigint = DiscountMode.Normal) {
  expect(simnet.callPublicFn("mock-fee-discount", "set-discount", [Cl.principal(who), Cl.uint(bps)], deployer).result).toBeOk(
    Cl.bool(true),
  );
  expect(simnet.callPublicFn("mock-fee-discount", "set-mode", [Cl.uint(mode)], deployer).result).toBeOk(Cl.bool(true));
}

/** Create + fund an escrow; returns its id. */
export function createFunded(terms: Terms[], token: Token = null, by = client, to = freelancer, o: CreateOptions = {}): bigint {
  if (token) mint(token, by, sum(terms.map(amountOf)));
  const c = create(by, to, token, terms, o);
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

// ─────────────────────────── SIP-018 offers ───────────────────────────

/** Private keys of the simnet accounts, derived from the mnemonics of
 * clarity/settings/Devnet.toml (Clarinet's public test mnemonics) on the
 * Stacks path m/44'/5757'/0'/0/0, compressed; checked against the simnet's
 * own addresses. */
export const privateKeys: Record<string, string> = (() => {
  const toml = fs.readFileSync(path.join(repoRoot, "clarity/settings/Devnet.toml"), "utf8");
  const keys: Record<string, string> = {};
  for (const m of toml.matchAll(/\[accounts\.(\w+)\]\s*\nmnemonic\s*=\s*"([^"]+)"/g)) {
    const node = HDKey.fromMasterSeed(mnemonicToSeedSync(m[2])).derive("m/44'/5757'/0'/0/0");
    const key = `${Buffer.from(node.privateKey!).toString("hex")}01`;
    const address = accounts.get(m[1]);
    if (address !== getAddressFromPrivateKey(key, "testnet")) throw new Error(`key of ${m[1]} does not match ${address}`);
    keys[address] = key;
  }
  return keys;
})();

/** The simnet's chain id (testnet's) and the settlement domain the escrow uses. */
export const CHAIN_ID = 2147483648n;
export const domainCV = (chainId = CHAIN_ID, name = "Worx MilestoneEscrow", version = "1") =>
  Cl.tuple({ name: Cl.stringAscii(name), version: Cl.stringAscii(version), "chain-id": Cl.uint(chainId) });

export interface Offer {
  id: number | bigint;
  index: number | bigint;
  bps: number | bigint;
  deadline: bigint;
  nonce?: number | bigint;
}
export const offerCV = (o: Offer & { nonce: number | bigint }) =>
  Cl.tuple({
    escrow: Cl.principal(ESCROW),
    "escrow-id": Cl.uint(o.id),
    index: Cl.uint(o.index),
    "freelancer-bps": Cl.uint(o.bps),
    nonce: Cl.uint(o.nonce),
    deadline: Cl.uint(o.deadline),
  });

/** The signer's current settlement nonce (read without a contract call). */
export function nonceOf(who: string): bigint {
  const v = mapEntry("nonces", Cl.principal(who));
  return v ? BigInt(cvToValue(v) as any) : 0n;
}

/** `signer`'s SIP-018 signature (RSV hex) of a settlement offer; nonce defaults to its current one. */
export function signOffer(signer: string, o: Offer, domain = domainCV()): string {
  const privateKey = privateKeys[signer];
  if (!privateKey) throw new Error(`no private key for ${signer}`);
  return signStructuredData({ message: offerCV({ ...o, nonce: o.nonce ?? nonceOf(signer) }), domain, privateKey });
}

/** `by` submits `signer`'s offer (signed now, with its current nonce). */
export const settle = (by: string, signer: string, o: Offer) => settleCall(by, o.id, o.index, o.bps, o.deadline, signOffer(signer, o));

// ───────────────────────────── read-only ─────────────────────────────

export const ro = (fn: string, args: ClarityValue[] = []) => simnet.callReadOnlyFn("escrow", fn, args, stranger).result;

export function escrowTuple(id: number | bigint): Record<string, ClarityValue> | null {
  const r = ro("get-escrow", [Cl.uint(id)]);
  return r.type === ClarityType.OptionalSome ? (r.value as any).value : null;
}

/** A Clarity value as plain JS: uints as bigints, principals as strings, buffers as 0x-hex, none as null. */
export function plain(cv: ClarityValue): any {
  const v = cv as any;
  switch (cv.type) {
    case ClarityType.UInt:
    case ClarityType.Int:
      return BigInt(v.value);
    case ClarityType.Buffer:
      return `0x${v.value}`;
    case ClarityType.OptionalNone:
      return null;
    case ClarityType.OptionalSome:
    case ClarityType.ResponseOk:
      return plain(v.value);
    case ClarityType.Tuple:
      return Object.fromEntries(Object.entries(v.value).map(([k, x]) => [k, plain(x as ClarityValue)]));
    case ClarityType.List:
      return v.value.map((x: ClarityValue) => plain(x));
    default:
      return cvToValue(cv);
  }
}

/** The escrow record as plain values (read without a contract call). */
export function escrowOf(id: number | bigint): Record<string, any> | null {
  const v = mapEntry("escrows", Cl.uint(id));
  return v ? plain(v) : null;
}

export function escrowStatus(id: number | bigint): bigint {
  return escrowOf(id)?.status ?? EscrowStatus.None;
}

/** A milestone as plain values (read without a contract call). */
export function milestoneOf(id: number | bigint, index: number | bigint): { amount: bigint; "due-date": bigint; "submitted-at": bigint; status: bigint } | null {
  const v = mapEntry("milestones", Cl.tuple({ "escrow-id": Cl.uint(id), index: Cl.uint(index) }));
  return v ? plain(v) : null;
}

export function milestoneStatus(id: number | bigint, index: number | bigint): bigint {
  return milestoneOf(id, index)!.status;
}

export const STATS_FIELDS = [
  "completed-jobs",
  "milestones-delivered",
  "milestones-on-time",
  "milestones-reclaimed",
  "rating-count",
  "rating-sum",
  "disputes-opened",
  "disputes-lost",
] as const;
export type Stats = Record<(typeof STATS_FIELDS)[number], bigint>;
export const zeroStats = (): Stats => Object.fromEntries(STATS_FIELDS.map((f) => [f, 0n])) as Stats;

/** A freelancer's stats (read without a contract call). */
export function statsOf(who: string): Stats {
  const v = mapEntry("freelancer-stats", Cl.principal(who));
  if (!v) return zeroStats();
  const out = zeroStats();
  for (const f of STATS_FIELDS) out[f] = BigInt(cvToValue((v as TupleCV).value[f] as ClarityValue) as any);
  return out;
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

// ───────────────────────────── badges ─────────────────────────────
// Helpers of the badges tests (test/clarity/badges*.test.ts): clarity/contracts/badges.clar
// reads the escrow's work history, so a freelancer's history is built through the real escrow.

export const BADGES = `${deployer}.badges`;
export const BADGES_PROXY = `${deployer}.badges-proxy`;
export const PLAIN_NFT = `${deployer}.plain-nft`;

/** Badge tiers (the Solidity enum IWorxBadges.Tier). */
export const Tier = { None: 0n, Bronze: 1n, Silver: 2n, Gold: 3n, Platinum: 4n, Verified: 5n } as const;
export const TIER_NAMES = ["None", "Bronze", "Silver", "Gold", "Platinum", "Verified"] as const;
/** Attestation kinds. */
export const Kind = { XVerified: 1n, Vetted: 2n } as const;
/** Missing-criteria bits. */
export const Missing = { CompletedJobs: 1n, Satisfaction: 2n, XVerification: 4n, Vetting: 8n } as const;

/** `(define-constant ERR-X (err uN))` declarations of a Clarity source (path from the repo root). */
export function declaredErrorsIn(file: string): Record<string, bigint> {
  const src = fs.readFileSync(path.join(repoRoot, file), "utf8");
  const out: Record<string, bigint> = {};
  for (const m of src.matchAll(/\(define-constant (ERR-[A-Z0-9-]+) \(err u(\d+)\)\)/g)) out[m[1]] = BigInt(m[2]);
  return out;
}
export const BADGES_ERR = declaredErrorsIn("clarity/contracts/badges.clar");

export function expectBadgesErr(result: TxResult, name: string) {
  expect(BADGES_ERR[name], `unknown badges error constant ${name}`).toBeDefined();
  expect(result.result).toBeErr(Cl.uint(BADGES_ERR[name]));
}

/** camelCase -> kebab-case, acronyms split too (requiresXVerified -> requires-x-verified,
 * _fromTokenId -> from-token-id). */
export const kebabCase = (s: string) =>
  s
    .replace(/^_+/, "")
    .replace(/([a-z0-9])([A-Z])/g, "$1-$2")
    .replace(/([A-Z])([A-Z][a-z])/g, "$1-$2")
    .toLowerCase();

/** topic -> kebab-cased parameter names of the events declared in a Solidity file, plus `extra`. */
export function solidityEventsIn(file: string, extra: Record<string, string[]> = {}): Record<string, string[]> {
  const src = fs.readFileSync(path.join(repoRoot, file), "utf8");
  const out: Record<string, string[]> = { ...extra };
  for (const m of src.matchAll(/event\s+(\w+)\s*\(([^)]*)\)/g)) {
    const params = m[2]
      .split(",")
      .map((p) => p.trim().split(/\s+/).pop()!)
      .filter(Boolean);
    out[kebabCase(m[1])] = params.map(kebabCase);
  }
  return out;
}

/** The badges' Solidity events (IWorxBadges.sol) plus the standard ones the EVM contract inherits:
 * ERC-5192 Locked, ERC-4906 BatchMetadataUpdate, AccessControl RoleGranted / RoleRevoked. */
export const badgesSolidityEvents = () =>
  solidityEventsIn("contracts/interfaces/IWorxBadges.sol", {
    locked: ["token-id"],
    "batch-metadata-update": ["from-token-id", "to-token-id"],
    "role-granted": ["role", "account", "sender"],
    "role-revoked": ["role", "account", "sender"],
  });

/** Assert that `result` printed exactly the `expected` events of `contract` (topic + fields), in
 * order, each carrying exactly the fields of its Solidity twin in `spec`. */
export function expectEventsOf(
  result: TxResult,
  contract: string,
  spec: Record<string, string[]>,
  expected: Array<{ topic: string } & Record<string, ClarityValue | string>>,
) {
  const actual = prints(result, contract);
  expect(actual.length, `number of ${contract} events`).toBe(expected.length);
  expected.forEach((exp, i) => {
    const { topic, ...fields } = exp;
    expect(Object.keys(spec), `event ${topic} has a Solidity twin`).toContain(topic);
    expect(Object.keys(fields).sort(), `fields of ${topic} == Solidity's`).toEqual([...spec[topic]].sort());
    expect(actual[i]).toEqual(Cl.tuple({ topic: Cl.stringAscii(topic), ...(fields as Record<string, ClarityValue>) }));
  });
}

export const badgesCall = (fn: string, args: ClarityValue[], sender: string): TxResult => simnet.callPublicFn("badges", fn, args, sender);
export const badgesRo = (fn: string, args: ClarityValue[] = []) => simnet.callReadOnlyFn("badges", fn, args, stranger).result;
export const claimBadge = (who: string, tier: number | bigint) => badgesCall("claim", [Cl.uint(tier)], who);

/**
 * Complete one 1-milestone STX job per entry of `ratings` for `who` (client `by`), rated by the
 * client with that rating (null: left unrated), through the real escrow: create, fund, submit,
 * approve, rate, each step for every job in the same blocks (chunks of 100 transactions), so long
 * histories stay fast. Returns the escrow ids.
 */
export function completeJobs(who: string, ratings: Array<number | null>, by = client, amount = 1_000n): bigint[] {
  const first = BigInt(cvToValue(simnet.getDataVar("escrow", "escrow-count")) as any) + 1n; // read without a contract call
  const ids = ratings.map((_, i) => first + BigInt(i));
  const source = storedSource();
  const due = nextTxTime() + DUE_IN;
  const steps: Array<(id: bigint, i: number) => ReturnType<typeof tx.callPublicFn> | null> = [
    () =>
      tx.callPublicFn(
        "escrow",
        "create-escrow",
        [Cl.principal(who), Cl.none(), termsCV([amount], due), Cl.uint(REVIEW), Cl.uint(GRACE), source ? Cl.some(Cl.principal(source)) : Cl.none()],
        by,
      ),
    (id) => tx.callPublicFn("escrow", "fund-escrow", [Cl.uint(id), Cl.none()], by),
    (id) => tx.callPublicFn("escrow", "submit-milestone", [Cl.uint(id), Cl.uint(0), Cl.buffer(ZERO32)], who),
    (id) => tx.callPublicFn("escrow", "approve-milestone", [Cl.uint(id), Cl.uint(0)], by),
    (id, i) => (ratings[i] === null ? null : tx.callPublicFn("escrow", "rate-job", [Cl.uint(id), Cl.uint(ratings[i]!)], by)),
  ];
  for (const step of steps) {
    const txs = ids.map((id, i) => step(id, i)).filter((t) => t !== null);
    for (let k = 0; k < txs.length; k += 100) {
      for (const r of simnet.mineBlock(txs.slice(k, k + 100))) expect(r.result).toHaveClarityType(ClarityType.ResponseOk);
    }
  }
  expectConservation([null]);
  return ids;
}

/** Ratings of `n` jobs, all `rating`. */
export const ratingsOf = (n: number, rating: number | null = 5) => Array.from({ length: n }, () => rating);

/** The SIP-018 domain of attestations. */
export const badgesDomainCV = (chainId = CHAIN_ID, name = "Worx Badges", version = "1") =>
  Cl.tuple({ name: Cl.stringAscii(name), version: Cl.stringAscii(version), "chain-id": Cl.uint(chainId) });

export interface AttestationTerms {
  subject: string;
  kind: number | bigint;
  expiresAt: bigint;
  nonce: number | bigint;
}
export const attestationCV = (a: AttestationTerms, badges = BADGES) =>
  Cl.tuple({
    badges: Cl.principal(badges),
    subject: Cl.principal(a.subject),
    kind: Cl.uint(a.kind),
    "expires-at": Cl.uint(a.expiresAt),
    nonce: Cl.uint(a.nonce),
  });

/** `signer`'s SIP-018 signature (RSV hex) of an attestation. */
export function signAttestation(signer: string, a: AttestationTerms, o: { domain?: ClarityValue; badges?: string } = {}): string {
  const privateKey = privateKeys[signer];
  if (!privateKey) throw new Error(`no private key for ${signer}`);
  return signStructuredData({ message: attestationCV(a, o.badges), domain: o.domain ?? badgesDomainCV(), privateKey });
}

export const submitAttestationArgs = (a: AttestationTerms, signature: string) => [
  Cl.principal(a.subject),
  Cl.uint(a.kind),
  Cl.uint(a.expiresAt),
  Cl.uint(a.nonce),
  Cl.bufferFromHex(signature),
];

let attestationNonce = 0n;
/** `by` (default: the subject) submits `signer`'s attestation of `kind` about `subject`, valid for
 * `ttl` seconds from the next transaction's time (fresh nonce unless given). */
export function attest(
  signer: string,
  subject: string,
  kind: number | bigint,
  o: { ttl?: bigint; expiresAt?: bigint; nonce?: number | bigint; by?: string } = {},
): TxResult {
  const a = { subject, kind, expiresAt: o.expiresAt ?? nextTxTime() + (o.ttl ?? 30n * DAY), nonce: o.nonce ?? ++attestationNonce };
  return badgesCall("submit-attestation", submitAttestationArgs(a, signAttestation(signer, a)), o.by ?? subject);
}
