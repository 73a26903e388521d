// Simnet tests of clarity/contracts/multisig.clar, the Stacks twin of
// contracts/multisig/WorxMultisig.sol, with its semantics: M-of-N owners,
// critical / routine classes with their own thresholds and timelock delays,
// caller-chosen nonces, approvals counted up to queue only, the owners epoch
// (an owner removal voids every vote recorded before it), typed actions
// executed through traits, guardian pause, the escrow administered by the
// multisig (which holds the escrow's roles), contract-caller rules, every
// error constant, a seeded model-based random test of the EVM semantics and
// the invariants, and the cost baselines the bench reads.
//
// Time: the timelock runs on `stacks-block-time` (seconds). In simnet a
// transaction's block is TX_STEP (10 s) after the current tip,
// mineEmptyStacksBlock adds 10 s and mineEmptyBurnBlock starts a new tenure
// (burn blocks are 600 s apart). `advanceTo` uses them to make the next
// transaction run at an exact second; the "simnet time" test pins that model.
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { Cl, ClarityType, type ClarityValue, cvToValue, deserializeCV, serializeCVBytes } from "@stacks/transactions";
import {
  DEMO_USD,
  ESCROW,
  HOSTILE,
  HostileMode,
  createArgs,
  deployer,
  ftBalance,
  plain,
  prints,
  prng,
  repoRoot,
  setHostileMode,
  stxBalance,
} from "./helpers";

type TxResult = ReturnType<typeof simnet.callPublicFn>;

const accounts = simnet.getAccounts();
const OWNERS = [1, 2, 3, 4, 5].map((i) => accounts.get(`wallet_${i}`)!);
const [o1, o2, o3, o4, o5] = OWNERS;
/** In the default setup the deployer is the guardian and no owner. */
const guardian = deployer;

const MULTISIG = `${deployer}.multisig`;
const TARGET = `${deployer}.multisig-target`;
const DISCOUNT = `${deployer}.mock-fee-discount`;
const MPROXY = `${deployer}.multisig-proxy`;

/** OperationClass, as on EVM: never configured = critical = 0. */
const CRITICAL = 0n;
const ROUTINE = 1n;
const HOUR = 3600n;
const DAY = 86_400n;
const GRACE = 14n * DAY;
/** OperationState, as on EVM (Expired is derived, never stored). */
const State = { Unknown: 0n, Pending: 1n, Queued: 2n, Executed: 3n, Cancelled: 4n, Expired: 5n } as const;
/** Seconds between the tip and the block of the next transaction (simnet). */
const TX_STEP = 10n;

// ─────────────────────────── error constants ───────────────────────────

/** `(define-constant ERR-X (err uN))` declarations of multisig.clar, by name. */
function declaredErrors(): Record<string, bigint> {
  const src = fs.readFileSync(path.join(repoRoot, "clarity/contracts/multisig.clar"), "utf8");
  const out: Record<string, bigint> = {};
  for (const m of src.matchAll(/\(define-constant (ERR-[A-Z0-9-]+) \(err u(\d+)\)\)/g)) out[m[1]] = BigInt(m[2]);
  return out;
}
const ERR = declaredErrors();

function expectErr(r: TxResult, name: string) {
  expect(ERR[name], `unknown error constant ${name}`).toBeDefined();
  expect(r.result).toBeErr(Cl.uint(ERR[name]));
}

// ───────────────────────────── events (the spec) ─────────────────────────────
// The events of IWorxMultisig.sol, kebab-cased ({topic: "operation-proposed",
// "operation-id": ...}); a test below compares this list with the Solidity
// interface. One documented difference: Received (a Clarity contract cannot
// observe incoming STX transfers).

const kebab = (s: string) => s.replace(/([a-z0-9])([A-Z])/g, "$1-$2").toLowerCase();
const EVENTS: Record<string, string[]> = {
  "operation-proposed": ["operation-id", "proposer", "target", "value", "data", "nonce", "op-class"],
  approved: ["operation-id", "owner"],
  queued: ["operation-id", "op-class", "approvals", "eta"],
  executed: ["operation-id", "target", "value"],
  "cancel-approved": ["operation-id", "owner"],
  cancelled: ["operation-id"],
  "owner-added": ["owner"],
  "owner-removed": ["owner", "owners-epoch"],
  "threshold-changed": ["op-class", "previous", "threshold"],
  "delay-changed": ["op-class", "previous", "delay"],
  "class-configured": ["target", "selector", "op-class"],
  "pausable-target-configured": ["target", "pausable"],
  "guardian-changed": ["previous", "guardian"],
  "guardian-paused": ["guardian", "target"],
};
const EVM_ONLY: Record<string, string[] | null> = { received: null };

type Expected = { topic: string } & Record<string, ClarityValue | string>;

/** Assert that `r` printed exactly `expected` from `contract` (default: the multisig), in order, each with its spec fields. */
function expectEvents(r: TxResult, expected: Expected[], contract = MULTISIG) {
  const actual = prints(r, contract);
  expect(actual.length, `number of events of ${contract}`).toBe(expected.length);
  expected.forEach((exp, i) => {
    const { topic, ...fields } = exp;
    if (contract === MULTISIG) {
      expect(Object.keys(EVENTS), `event ${topic} is in the spec`).toContain(topic);
      expect(Object.keys(fields).sort(), `fields of ${topic}`).toEqual([...EVENTS[topic]].sort());
    }
    expect(actual[i]).toEqual(Cl.tuple({ topic: Cl.stringAscii(topic), ...(fields as Record<string, ClarityValue>) }));
  });
}

// ───────────────────────────── typed actions ─────────────────────────────

type Action = { fn: string; args: ClarityValue[] };
const optPrincipal = (p: string | null) => (p ? Cl.some(Cl.principal(p)) : Cl.none());
const A = {
  setFee: (bps: number | bigint, target = ESCROW): Action => ({
    fn: "propose-set-platform-fee",
    args: [Cl.principal(target), Cl.uint(bps)],
  }),
  setFeeRecipient: (recipient: string, target = ESCROW): Action => ({
    fn: "propose-set-fee-recipient",
    args: [Cl.principal(target), Cl.principal(recipient)],
  }),
  grantRole: (role: string, account: string, target = ESCROW): Action => ({
    fn: "propose-grant-role",
    args: [Cl.principal(target), Cl.stringAscii(role), Cl.principal(account)],
  }),
  revokeRole: (role: string, account: string, target = ESCROW): Action => ({
    fn: "propose-revoke-role",
    args: [Cl.principal(target), Cl.stringAscii(role), Cl.principal(account)],
  }),
  setFeeDiscountSource: (source: string | null, target = ESCROW): Action => ({
    fn: "propose-set-fee-discount-source",
    args: [Cl.principal(target), optPrincipal(source)],
  }),
  setTokenAllowed: (token: string | null, allowed: boolean, target = ESCROW): Action => ({
    fn: "propose-set-token-allowed",
    args: [Cl.principal(target), optPrincipal(token), Cl.bool(allowed)],
  }),
  unpause: (target = ESCROW): Action => ({ fn: "propose-unpause", args: [Cl.principal(target)] }),
  transferStx: (recipient: string, amount: number | bigint): Action => ({
    fn: "propose-transfer-stx",
    args: [Cl.principal(recipient), Cl.uint(amount)],
  }),
  transferFt: (token: string, recipient: string, amount: number | bigint): Action => ({
    fn: "propose-transfer-ft",
    args: [Cl.principal(token), Cl.principal(recipient), Cl.uint(amount)],
  }),
  call: (target: string, payload: Uint8Array): Action => ({ fn: "propose-call", args: [Cl.principal(target), Cl.buffer(payload)] }),
  addOwner: (owner: string): Action => ({ fn: "propose-add-owner", args: [Cl.principal(owner)] }),
  removeOwner: (owner: string): Action => ({ fn: "propose-remove-owner", args: [Cl.principal(owner)] }),
  setThreshold: (cls: bigint, threshold: number | bigint): Action => ({
    fn: "propose-set-threshold",
    args: [Cl.uint(cls), Cl.uint(threshold)],
  }),
  setDelay: (cls: bigint, delay: number | bigint): Action => ({ fn: "propose-set-delay", args: [Cl.uint(cls), Cl.uint(delay)] }),
  configureClass: (target: string, selector: string, cls: bigint): Action => ({
    fn: "propose-configure-class",
    args: [Cl.principal(target), Cl.stringAscii(selector), Cl.uint(cls)],
  }),
  setPausableTarget: (target: string, pausable: boolean): Action => ({
    fn: "propose-set-pausable-target",
    args: [Cl.principal(target), Cl.bool(pausable)],
  }),
  setGuardian: (g: string | null): Action => ({ fn: "propose-set-guardian", args: [optPrincipal(g)] }),
};

// ───────────────────────────── calls ─────────────────────────────

const ms = (fn: string, args: ClarityValue[], sender: string) => simnet.callPublicFn("multisig", fn, args, sender);
/** Nonces are the proposer's choice (as on EVM); by default each proposal takes a fresh one, the
 * way an SPA keeps a counter off-chain. */
let lastNonce = 0n;
const freshNonce = () => ++lastNonce;
const propose = (by: string, a: Action, nonce: bigint = freshNonce()) => ms(a.fn, [...a.args, Cl.uint(nonce)], by);
const approve = (by: string, id: ClarityValue) => ms("approve", [id], by);
const queue = (by: string, id: ClarityValue) => ms("queue", [id], by);
const approveCancel = (by: string, id: ClarityValue) => ms("approve-cancel", [id], by);
const execute = (by: string, id: ClarityValue) => ms("execute", [id], by);
const executeAdmin = (by: string, id: ClarityValue, target = ESCROW) => ms("execute-admin", [id, Cl.principal(target)], by);
const executeUnpause = (by: string, id: ClarityValue, target = ESCROW) => ms("execute-unpause", [id, Cl.principal(target)], by);
const executeFt = (by: string, id: ClarityValue, token: string) => ms("execute-transfer-ft", [id, Cl.principal(token)], by);
const executeCall = (by: string, id: ClarityValue, target = TARGET) => ms("execute-call", [id, Cl.principal(target)], by);
const guardianPause = (by: string, target = ESCROW) => ms("guardian-pause", [Cl.principal(target)], by);
const viaProxy = (fn: string, args: ClarityValue[], sender: string) => simnet.callPublicFn("multisig-proxy", fn, args, sender);

const ro = (fn: string, args: ClarityValue[] = []) => simnet.callReadOnlyFn("multisig", fn, args, deployer).result;
const escrowRo = (fn: string, args: ClarityValue[] = []) => simnet.callReadOnlyFn("escrow", fn, args, deployer).result;
const targetRo = (fn: string) => simnet.callReadOnlyFn("multisig-target", fn, [], deployer).result;

/** The operation id in the (ok id) of a propose-*. */
function idOf(r: TxResult): ClarityValue {
  expect(r.result).toHaveClarityType(ClarityType.ResponseOk);
  return (r.result as any).value as ClarityValue;
}
const hexOf = (id: ClarityValue) => (id as any).value as string;
const NO_SUCH_ID = Cl.buffer(new Uint8Array(32));

/** get-operation as plain values, or null. */
const operation = (id: ClarityValue): Record<string, any> | null => plain(ro("get-operation", [id]));
/** get-operation-state (Expired derived). */
const stateOf = (id: ClarityValue) => plain(ro("get-operation-state", [id])) as bigint;

/** Raw state read (no contract call, so the per-step checks of the random test add nothing to the costs report). */
function raw(kind: "var" | "map", name: string, key?: ClarityValue): any {
  try {
    return plain(kind === "var" ? simnet.getDataVar("multisig", name) : simnet.getMapEntry("multisig", name, key!));
  } catch {
    return null; // the SDK throws for a missing map key
  }
}

const escrowFee = () => BigInt(cvToValue(escrowRo("get-platform-fee")));
const escrowPaused = () => cvToValue(escrowRo("is-paused")) as boolean;
const hasRole = (role: string, who: string) => cvToValue(escrowRo("has-role", [Cl.stringAscii(role), Cl.principal(who)])) as boolean;

// ───────────────────────────── time ─────────────────────────────

const nextTxTime = () => simnet.getBlockTime() + TX_STEP;

/** Mine empty blocks until the next transaction runs at the first block time >= t. */
function advanceTo(t: bigint) {
  const burns = (t - nextTxTime()) / 600n - 1n;
  if (burns > 0n) simnet.mineEmptyBurnBlocks(Number(burns));
  while (simnet.getBlockTime() + 600n + TX_STEP <= t) simnet.mineEmptyBurnBlock();
  while (nextTxTime() < t) simnet.mineEmptyStacksBlock();
}

// ───────────────────────────── setup ─────────────────────────────

interface SetupOptions {
  owners?: string[];
  routine?: number;
  critical?: number;
  routineDelay?: bigint;
  criticalDelay?: bigint;
  guardian?: string | null;
  /** (target, selector) pairs configured routine (default: fee changes on the escrow). */
  routineActions?: Array<[string, string]>;
  /** Contracts the guardian may pause (default: the escrow). */
  pausable?: string[];
  /** Hand the escrow's admin / fee-manager / pauser roles from the deployer to the multisig (default true). */
  escrowRoles?: boolean;
}

function initialize(o: SetupOptions = {}, by = deployer): TxResult {
  return ms(
    "initialize",
    [
      Cl.list((o.owners ?? OWNERS).map((p) => Cl.principal(p))),
      Cl.uint(o.routine ?? 2),
      Cl.uint(o.critical ?? 3),
      Cl.uint(o.routineDelay ?? DAY),
      Cl.uint(o.criticalDelay ?? 2n * DAY),
      optPrincipal(o.guardian === undefined ? guardian : o.guardian),
      Cl.list(
        (o.routineActions ?? [[ESCROW, "set-platform-fee"]]).map(([t, a]) =>
          Cl.tuple({ target: Cl.principal(t), selector: Cl.stringAscii(a) }),
        ),
      ),
      Cl.list((o.pausable ?? [ESCROW]).map((p) => Cl.principal(p))),
    ],
    by,
  );
}

/** Seeds: 5 owners, routine 2 / critical 3, delays 24 h / 48 h, guardian = deployer, fee changes on
 * the escrow routine, the escrow pausable; the multisig holds every escrow role, the deployer none. */
function setup(o: SetupOptions = {}): TxResult {
  const r = initialize(o);
  expect(r.result).toBeOk(Cl.bool(true));
  if (o.escrowRoles ?? true) {
    for (const role of ["admin", "fee-manager", "pauser"]) {
      const g = simnet.callPublicFn("escrow", "grant-role", [Cl.stringAscii(role), Cl.principal(MULTISIG)], deployer);
      expect(g.result).toBeOk(Cl.bool(true));
    }
    for (const role of ["fee-manager", "pauser", "admin"]) {
      const v = simnet.callPublicFn("escrow", "revoke-role", [Cl.stringAscii(role), Cl.principal(deployer)], deployer);
      expect(v.result).toBeOk(Cl.bool(true));
    }
  }
  return r;
}

function fundStx(amount: bigint) {
  const r = simnet.transferSTX(amount, MULTISIG, deployer);
  expect(r.result).toBeOk(Cl.bool(true));
}

function mintTo(token: string, who: string, amount: bigint) {
  const r = simnet.callPublicFn(token.split(".")[1], "mint", [Cl.uint(amount), Cl.principal(who)], deployer);
  expect(r.result).toBeOk(Cl.bool(true));
}

function setTargetMode(mode: number) {
  expect(simnet.callPublicFn("multisig-target", "set-mode", [Cl.uint(mode)], deployer).result).toBeOk(Cl.bool(true));
}
const TargetMode = { Normal: 0, Fail: 1, Drain: 2 } as const;

/** Propose by approvers[0], approve by the others, queue (by approvers[0]); returns id and eta. */
function proposeApproveQueue(a: Action, approvers: string[], nonce: bigint = freshNonce()): { id: ClarityValue; eta: bigint } {
  const id = idOf(propose(approvers[0], a, nonce));
  for (const o of approvers.slice(1)) expect(approve(o, id).result).toBeOk(Cl.bool(true));
  const q = queue(approvers[0], id);
  expect(q.result).toHaveClarityType(ClarityType.ResponseOk);
  return { id, eta: BigInt(cvToValue((q.result as any).value)) };
}

/** Run `a` through the whole lifecycle and execute it at its eta with `exec`. */
function pass(a: Action, approvers: string[], exec: (id: ClarityValue) => TxResult): { id: ClarityValue; result: TxResult } {
  const { id, eta } = proposeApproveQueue(a, approvers);
  advanceTo(eta);
  const result = exec(id);
  expect(result.result).toBeOk(Cl.bool(true));
  return { id, result };
}
const passSelf = (a: Action, approvers = [o1, o2, o3]) => pass(a, approvers, (id) => execute(approvers[0], id));
const executedEvent = (id: ClarityValue, target = MULTISIG, value = 0n): Expected => ({
  topic: "executed",
  "operation-id": id,
  target: Cl.principal(target),
  value: Cl.uint(value),
});

// ───────────────────────────── ids and data ─────────────────────────────

const sha256 = (b: Uint8Array) => createHash("sha256").update(b).digest("hex");
const hexToBytes = (h: string) => Uint8Array.from(Buffer.from(h.replace(/^0x/, ""), "hex"));
const chainId = () => BigInt(cvToValue(simnet.execute("chain-id").result));

/** operation-id = sha256(to-consensus-buff? {chain-id, multisig, nonce, target, value, data}). */
function expectedId(nonce: bigint, target: string, value: bigint, dataHex: string): string {
  const tuple = Cl.tuple({
    "chain-id": Cl.uint(chainId()),
    multisig: Cl.principal(MULTISIG),
    nonce: Cl.uint(nonce),
    target: Cl.principal(target),
    value: Cl.uint(value),
    data: Cl.buffer(hexToBytes(dataHex)),
  });
  return sha256(serializeCVBytes(tuple));
}

/** The operation-proposed event of a propose-* result. */
function proposedEvent(r: TxResult): Record<string, ClarityValue> {
  const ev = prints(r, MULTISIG).find((v: ClarityValue) => cvToValue((v as any).value.topic) === "operation-proposed");
  expect(ev, "operation-proposed printed").toBeDefined();
  return (ev as any).value;
}

// ───────────────────────────── tests ─────────────────────────────

describe("simnet time", () => {
  it("simnet time: a transaction runs TX_STEP after the tip; advanceTo hits an exact second", () => {
    setup();
    const before = simnet.getBlockTime();
    const { eta } = proposeApproveQueue(A.setFee(500), [o1, o2]);
    expect(eta - DAY).toBe(simnet.getBlockTime()); // queue ran in the newest block
    expect(simnet.getBlockTime()).toBe(before + 3n * TX_STEP); // propose, approve, queue: one block each
    advanceTo(eta - 1234n * TX_STEP);
    expect(nextTxTime()).toBe(eta - 1234n * TX_STEP);
    advanceTo(eta);
    expect(nextTxTime()).toBe(eta);
  });
});

describe("events", () => {
  const sol = path.join(repoRoot, "contracts/interfaces/IWorxMultisig.sol");
  it.runIf(fs.existsSync(sol))("events: the same topics and fields as IWorxMultisig.sol (documented differences aside)", () => {
    const evm: Record<string, string[]> = {};
    for (const m of fs.readFileSync(sol, "utf8").matchAll(/event\s+(\w+)\s*\(([^)]*)\)/g)) {
      evm[kebab(m[1])] = m[2]
        .split(",")
        .map((p) => p.trim().split(/\s+/).pop()!)
        .filter(Boolean)
        .map(kebab);
    }
    for (const [topic, only] of Object.entries(EVM_ONLY)) {
      expect(evm[topic], `EVM event ${topic}`).toBeDefined();
      if (only === null) delete evm[topic];
      else evm[topic] = evm[topic].filter((f) => !only.includes(f));
    }
    expect(Object.keys(EVENTS).sort()).toEqual(Object.keys(evm).sort());
    for (const topic of Object.keys(EVENTS)) expect(EVENTS[topic], `fields of ${topic}`).toEqual(evm[topic]);
  });
});

describe("initialize", () => {
  it("initialize: seeds 5 owners, 2 routine / 3 critical, 24 h / 48 h, guardian, routine actions and pausable targets, with events", () => {
    expect(ro("is-initialized")).toBeBool(false);
    const r = setup();
    expectEvents(r, [
      ...OWNERS.map((o) => ({ topic: "owner-added", owner: Cl.principal(o) })),
      { topic: "threshold-changed", "op-class": Cl.uint(ROUTINE), previous: Cl.uint(0), threshold: Cl.uint(2) },
      { topic: "threshold-changed", "op-class": Cl.uint(CRITICAL), previous: Cl.uint(0), threshold: Cl.uint(3) },
      { topic: "delay-changed", "op-class": Cl.uint(ROUTINE), previous: Cl.uint(0), delay: Cl.uint(DAY) },
      { topic: "delay-changed", "op-class": Cl.uint(CRITICAL), previous: Cl.uint(0), delay: Cl.uint(2n * DAY) },
      { topic: "guardian-changed", previous: Cl.none(), guardian: Cl.some(Cl.principal(guardian)) },
      {
        topic: "class-configured",
        target: Cl.principal(ESCROW),
        selector: Cl.stringAscii("set-platform-fee"),
        "op-class": Cl.uint(ROUTINE),
      },
      { topic: "pausable-target-configured", target: Cl.principal(ESCROW), pausable: Cl.bool(true) },
    ]);
    expect(ro("is-initialized")).toBeBool(true);
    expect(ro("get-owners")).toEqual(Cl.list(OWNERS.map((o) => Cl.principal(o))));
    expect(ro("get-owner-count")).toBeUint(5);
    for (const o of OWNERS) expect(ro("is-owner", [Cl.principal(o)])).toBeBool(true);
    expect(ro("is-owner", [Cl.principal(deployer)])).toBeBool(false);
    expect(ro("get-threshold", [Cl.uint(ROUTINE)])).toBeUint(2);
    expect(ro("get-threshold", [Cl.uint(CRITICAL)])).toBeUint(3);
    expect(ro("get-threshold", [Cl.uint(2)])).toBeUint(0);
    expect(ro("get-delay", [Cl.uint(ROUTINE)])).toBeUint(DAY);
    expect(ro("get-delay", [Cl.uint(CRITICAL)])).toBeUint(2n * DAY);
    expect(ro("get-guardian")).toBeSome(Cl.principal(guardian));
    expect(ro("is-pausable-target", [Cl.principal(ESCROW)])).toBeBool(true);
    expect(ro("is-pausable-target", [Cl.principal(TARGET)])).toBeBool(false);
    expect(ro("get-config")).toEqual(
      Cl.tuple({
        "owner-count": Cl.uint(5),
        "routine-threshold": Cl.uint(2),
        "critical-threshold": Cl.uint(3),
        "routine-delay": Cl.uint(DAY),
        "critical-delay": Cl.uint(2n * DAY),
        "grace-period": Cl.uint(GRACE),
        "min-delay": Cl.uint(HOUR),
        "max-delay": Cl.uint(30n * DAY),
        guardian: Cl.some(Cl.principal(guardian)),
        "owners-epoch": Cl.uint(0),
      }),
    );
    // classes: configured routine, unconfigured critical, self-administration always critical
    expect(ro("get-class", [Cl.principal(ESCROW), Cl.stringAscii("set-platform-fee")])).toBeUint(ROUTINE);
    expect(ro("get-class", [Cl.principal(ESCROW), Cl.stringAscii("set-fee-recipient")])).toBeUint(CRITICAL);
    expect(ro("get-class", [Cl.principal(o5), Cl.stringAscii("transfer-stx")])).toBeUint(CRITICAL);
    expect(ro("get-class", [Cl.principal(MULTISIG), Cl.stringAscii("add-owner")])).toBeUint(CRITICAL);
    // the multisig holds the escrow's roles, the deployer none
    for (const role of ["admin", "fee-manager", "pauser"]) {
      expect(hasRole(role, MULTISIG)).toBe(true);
      expect(hasRole(role, deployer)).toBe(false);
    }
  });

  it("initialize: without a guardian it still reports guardian-changed (none -> none), as the EVM constructor does", () => {
    const r = initialize({ guardian: null, routineActions: [], pausable: [] });
    expect(r.result).toBeOk(Cl.bool(true));
    expect(prints(r, MULTISIG).at(-1)).toEqual(
      Cl.tuple({ topic: Cl.stringAscii("guardian-changed"), previous: Cl.none(), guardian: Cl.none() }),
    );
    expect(ro("get-guardian")).toBeNone();
  });

  it("initialize: only the deployer, only once; before it nobody is an owner or guardian", () => {
    expectErr(propose(o1, A.setFee(500)), "ERR-NOT-OWNER");
    expectErr(guardianPause(deployer), "ERR-NOT-GUARDIAN");
    expectErr(initialize({}, o1), "ERR-NOT-DEPLOYER");
    expect(initialize().result).toBeOk(Cl.bool(true));
    expectErr(initialize(), "ERR-ALREADY-INITIALIZED");
  });

  it("initialize: an invalid configuration is rejected as a whole (nothing is written)", () => {
    const bad: Array<[SetupOptions, string]> = [
      [{ owners: [o1, o2, o1] }, "ERR-DUPLICATE-OWNER"],
      [{ owners: [o1, MULTISIG, o2] }, "ERR-INVALID-OWNER"],
      [{ owners: [] }, "ERR-INVALID-THRESHOLD"],
      [{ critical: 6 }, "ERR-INVALID-THRESHOLD"],
      [{ routine: 0 }, "ERR-INVALID-THRESHOLD"],
      [{ routineDelay: HOUR - 1n }, "ERR-INVALID-DELAY"],
      [{ criticalDelay: 30n * DAY + 1n }, "ERR-INVALID-DELAY"],
      [{ routineActions: [[MULTISIG, "set-platform-fee"]] }, "ERR-CANNOT-CONFIGURE-SELF"],
      [{ routineActions: [[ESCROW, "add-owner"]] }, "ERR-INVALID-ACTION"],
      [{ routineActions: [[ESCROW, "mint"]] }, "ERR-INVALID-ACTION"],
      [{ pausable: [o1] }, "ERR-INVALID-TARGET"],
      [{ pausable: [MULTISIG] }, "ERR-INVALID-TARGET"],
    ];
    for (const [opts, err] of bad) {
      expectErr(initialize(opts), err);
      expect(ro("is-initialized")).toBeBool(false);
      expect(ro("get-owner-count")).toBeUint(0);
    }
    // the boundaries are accepted: 1-of-1, delays at MIN and MAX; as on EVM the classes are independent
    // (a routine threshold or delay above the critical one is allowed)
    expect(initialize({ owners: [o1, o2], routine: 2, critical: 1, routineDelay: 30n * DAY, criticalDelay: HOUR }).result).toBeOk(
      Cl.bool(true),
    );
  });

  it("initialize: 20 owners is the maximum (contract principals can be owners too)", () => {
    const many = [...OWNERS, ...Array.from({ length: 15 }, (_, i) => `${deployer}.smart-wallet-${i}`)];
    setup({ owners: many });
    expect(ro("get-owner-count")).toBeUint(20);
    expectErr(propose(o1, A.addOwner(deployer)), "ERR-TOO-MANY-OWNERS");
  });
});

describe("operation ids and data", () => {
  it("propose-*: id = sha256 of {chain-id, multisig, nonce, target, value, data}; data = to-consensus-buff? {action, args}", () => {
    setup();
    const payload = Uint8Array.from([1, 2, 3, 255]);
    const cases: Array<[Action, string, bigint, string, ClarityValue | null, bigint]> = [
      [A.setFee(750), ESCROW, 0n, "set-platform-fee", Cl.uint(750), ROUTINE],
      [A.setFeeRecipient(o5), ESCROW, 0n, "set-fee-recipient", Cl.principal(o5), CRITICAL],
      [
        A.grantRole("pauser", o4),
        ESCROW,
        0n,
        "grant-role",
        Cl.tuple({ role: Cl.stringAscii("pauser"), account: Cl.principal(o4) }),
        CRITICAL,
      ],
      [
        A.revokeRole("admin", o4),
        ESCROW,
        0n,
        "revoke-role",
        Cl.tuple({ role: Cl.stringAscii("admin"), account: Cl.principal(o4) }),
        CRITICAL,
      ],
      [A.setFeeDiscountSource(DISCOUNT), ESCROW, 0n, "set-fee-discount-source", Cl.some(Cl.principal(DISCOUNT)), CRITICAL],
      [A.setFeeDiscountSource(null), ESCROW, 0n, "set-fee-discount-source", Cl.none(), CRITICAL],
      [
        A.setTokenAllowed(DEMO_USD, true),
        ESCROW,
        0n,
        "set-token-allowed",
        Cl.tuple({ token: Cl.some(Cl.principal(DEMO_USD)), allowed: Cl.bool(true) }),
        CRITICAL,
      ],
      [A.setTokenAllowed(null, false), ESCROW, 0n, "set-token-allowed", Cl.tuple({ token: Cl.none(), allowed: Cl.bool(false) }), CRITICAL],
      [A.unpause(), ESCROW, 0n, "unpause", null, CRITICAL],
      [A.transferStx(o5, 1_234_567), o5, 1_234_567n, "transfer-stx", null, CRITICAL],
      [
        A.transferFt(DEMO_USD, o5, 42),
        DEMO_USD,
        0n,
        "transfer-ft",
        Cl.tuple({ recipient: Cl.principal(o5), amount: Cl.uint(42) }),
        CRITICAL,
      ],
      [A.call(TARGET, payload), TARGET, 0n, "call", Cl.buffer(payload), CRITICAL],
      [A.addOwner(deployer), MULTISIG, 0n, "add-owner", Cl.principal(deployer), CRITICAL],
      [A.removeOwner(o5), MULTISIG, 0n, "remove-owner", Cl.principal(o5), CRITICAL],
      [
        A.setThreshold(ROUTINE, 3),
        MULTISIG,
        0n,
        "set-threshold",
        Cl.tuple({ "op-class": Cl.uint(ROUTINE), threshold: Cl.uint(3) }),
        CRITICAL,
      ],
      [
        A.setDelay(CRITICAL, 3n * DAY),
        MULTISIG,
        0n,
        "set-delay",
        Cl.tuple({ "op-class": Cl.uint(CRITICAL), delay: Cl.uint(3n * DAY) }),
        CRITICAL,
      ],
      [
        A.configureClass(ESCROW, "unpause", ROUTINE),
        MULTISIG,
        0n,
        "configure-class",
        Cl.tuple({ target: Cl.principal(ESCROW), selector: Cl.stringAscii("unpause"), "op-class": Cl.uint(ROUTINE) }),
        CRITICAL,
      ],
      [
        A.setPausableTarget(TARGET, true),
        MULTISIG,
        0n,
        "set-pausable-target",
        Cl.tuple({ target: Cl.principal(TARGET), pausable: Cl.bool(true) }),
        CRITICAL,
      ],
      [A.setGuardian(o4), MULTISIG, 0n, "set-guardian", Cl.some(Cl.principal(o4)), CRITICAL],
      [A.setGuardian(null), MULTISIG, 0n, "set-guardian", Cl.none(), CRITICAL],
    ];
    // any uint the proposer chooses: 0, the largest Clarity uint, anything between
    const nonceOf = (i: number) => (i === 0 ? 0n : i === 1 ? 2n ** 128n - 1n : BigInt(i) * 1_000_003n);
    cases.forEach(([action, target, value, name, args, cls], i) => {
      const nonce = nonceOf(i);
      const r = propose(o2, action, nonce);
      const id = idOf(r);
      const dataHex = (proposedEvent(r).data as any).value as string;
      expect(hexOf(id), `id of ${name}`).toBe(expectedId(nonce, target, value, dataHex));
      expect(deserializeCV(dataHex), `data of ${name}`).toEqual(
        args ? Cl.tuple({ action: Cl.stringAscii(name), args }) : Cl.tuple({ action: Cl.stringAscii(name) }),
      );
      expectEvents(r, [
        {
          topic: "operation-proposed",
          "operation-id": id,
          proposer: Cl.principal(o2),
          target: Cl.principal(target),
          value: Cl.uint(value),
          data: Cl.buffer(hexToBytes(dataHex)),
          nonce: Cl.uint(nonce),
          "op-class": Cl.uint(cls),
        },
        { topic: "approved", "operation-id": id, owner: Cl.principal(o2) },
      ]);
      expect(operation(id)).toEqual({
        proposer: o2,
        nonce,
        action: name,
        target,
        value,
        data: `0x${dataHex}`,
        "op-class": cls,
        state: State.Pending,
        eta: 0n,
        "owners-epoch": 0n,
        approvals: 1n,
        "cancel-approvals": 0n,
        threshold: cls === ROUTINE ? 2n : 3n,
      });
      expect(stateOf(id)).toBe(State.Pending);
      expect(ro("has-approved", [id, Cl.principal(o2)])).toBeBool(true);
      expect(ro("has-approved", [id, Cl.principal(o1)])).toBeBool(false);
    });
    expect(ro("get-operation", [NO_SUCH_ID])).toBeNone();
    expect(stateOf(NO_SUCH_ID)).toBe(State.Unknown);
    expect(ro("has-approved", [NO_SUCH_ID, Cl.principal(o1)])).toBeBool(false);
    expect(ro("has-approved-cancel", [NO_SUCH_ID, Cl.principal(o1)])).toBeBool(false);
  });

  it("propose-*: the nonce is the proposer's; an id is proposed once (ERR-OPERATION-ALREADY-PROPOSED in any state), as on EVM", () => {
    setup();
    // the id is known before proposing (an SPA can compute it off-chain)
    const fee = A.setFee(500);
    const data = serializeCVBytes(Cl.tuple({ action: Cl.stringAscii("set-platform-fee"), args: Cl.uint(500) }));
    const first = propose(o1, fee, 42n);
    expect(hexOf(idOf(first))).toBe(expectedId(42n, ESCROW, 0n, Buffer.from(data).toString("hex")));
    // the same action, target, value and nonce again: refused, whoever proposes, whatever its state
    expectErr(propose(o2, fee, 42n), "ERR-OPERATION-ALREADY-PROPOSED");
    expectErr(propose(deployer, fee, 42n), "ERR-NOT-OWNER"); // who is asking is checked first
    // another nonce, or another action under the same nonce, is a new operation
    const again = idOf(propose(o2, fee, 43n));
    expect(hexOf(again)).not.toBe(hexOf(idOf(first)));
    expect(propose(o2, A.setFee(501), 42n).result).toHaveClarityType(ClarityType.ResponseOk);
    // executed: still refused, and before the arguments are checked (as on EVM, where
    // OperationAlreadyProposed comes before the target checks)
    const add = A.addOwner(deployer);
    const { id } = proposeApproveQueue(add, [o1, o2, o3], 7n);
    advanceTo(operation(id)!.eta);
    expect(execute(o1, id).result).toBeOk(Cl.bool(true));
    expectErr(propose(o1, add, 7n), "ERR-OPERATION-ALREADY-PROPOSED");
    expectErr(propose(o1, add, 8n), "ERR-DUPLICATE-OWNER");
    // cancelled: still refused
    const c = idOf(propose(o1, A.setFee(1), 9n));
    approveCancel(o1, c);
    expect(approveCancel(o2, c).result).toBeOk(Cl.bool(true));
    expectErr(propose(o3, A.setFee(1), 9n), "ERR-OPERATION-ALREADY-PROPOSED");
  });

  it("propose-*: a call payload of 2048 bytes (the maximum) fits", () => {
    setup();
    const payload = Uint8Array.from({ length: 2048 }, (_, i) => i & 0xff);
    const { id } = pass(A.call(TARGET, payload), [o1, o2, o3], (id) => executeCall(o1, id));
    expect(stateOf(id)).toBe(State.Executed);
    expect((plain(targetRo("get-last-call")) as any).payload).toBe(`0x${Buffer.from(payload).toString("hex")}`);
  });

  it('get-executor: names the execute* function of each action, "" for unknown ones', () => {
    const expected: Record<string, string> = {
      "set-platform-fee": "execute-admin",
      "set-fee-recipient": "execute-admin",
      "grant-role": "execute-admin",
      "revoke-role": "execute-admin",
      "set-fee-discount-source": "execute-admin",
      "set-token-allowed": "execute-admin",
      unpause: "execute-unpause",
      "transfer-stx": "execute",
      "transfer-ft": "execute-transfer-ft",
      call: "execute-call",
      "add-owner": "execute",
      "remove-owner": "execute",
      "set-threshold": "execute",
      "set-delay": "execute",
      "configure-class": "execute",
      "set-pausable-target": "execute",
      "set-guardian": "execute",
      pause: "",
      mint: "",
    };
    for (const [action, fn] of Object.entries(expected)) expect(ro("get-executor", [Cl.stringAscii(action)])).toBeAscii(fn);
  });
});

describe("escrow administration: fee-discount source, token allowlist, arbiters", () => {
  it("execute-admin: set-fee-discount-source and set-token-allowed reach the escrow as the multisig (critical, 3 of 5, 48 h)", () => {
    setup();
    const source = pass(A.setFeeDiscountSource(DISCOUNT), [o1, o2, o3], (id) => executeAdmin(o4, id));
    expectEvents(source.result, [executedEvent(source.id, ESCROW)]);
    expectEvents(
      source.result,
      [{ topic: "fee-discount-source-updated", "previous-source": Cl.none(), "new-source": Cl.some(Cl.principal(DISCOUNT)) }],
      ESCROW,
    );
    expect(escrowRo("get-fee-discount-source")).toBeSome(Cl.principal(DISCOUNT));
    const usd = pass(A.setTokenAllowed(DEMO_USD, true), [o1, o2, o3], (id) => executeAdmin(o4, id));
    expectEvents(usd.result, [{ topic: "token-allowlist-updated", token: Cl.some(Cl.principal(DEMO_USD)), allowed: Cl.bool(true) }], ESCROW);
    expect(escrowRo("is-token-allowed", [Cl.some(Cl.principal(DEMO_USD))])).toBeBool(true);
    const stx = pass(A.setTokenAllowed(null, false), [o1, o2, o3], (id) => executeAdmin(o4, id));
    expectEvents(stx.result, [{ topic: "token-allowlist-updated", token: Cl.none(), allowed: Cl.bool(false) }], ESCROW);
    expect(escrowRo("is-token-allowed", [Cl.none()])).toBeBool(false);
    const off = pass(A.setFeeDiscountSource(null), [o1, o2, o3], (id) => executeAdmin(o4, id));
    expect(off.result.result).toBeOk(Cl.bool(true));
    expect(escrowRo("get-fee-discount-source")).toBeNone();
    // the deployer handed its roles over: it can no longer do either itself
    expect(simnet.callPublicFn("escrow", "set-token-allowed", [Cl.none(), Cl.bool(true)], deployer).result).toBeErr(Cl.uint(1000));
    expect(simnet.callPublicFn("escrow", "set-fee-discount-source", [Cl.none()], deployer).result).toBeErr(Cl.uint(1000));
  });

  it("execute-admin: the escrow's own errors pass through (an invalid source or token), the operation stays queued", () => {
    setup();
    const { id, eta } = proposeApproveQueue(A.setFeeDiscountSource(o5), [o1, o2, o3]);
    advanceTo(eta);
    expect(executeAdmin(o1, id).result).toBeErr(Cl.uint(1006)); // escrow ERR-INVALID-FEE-DISCOUNT-SOURCE
    expect(stateOf(id)).toBe(State.Queued);
    const t = proposeApproveQueue(A.setTokenAllowed(o5, true), [o1, o2, o3]);
    advanceTo(t.eta);
    expect(executeAdmin(o1, t.id).result).toBeErr(Cl.uint(1018)); // escrow ERR-INVALID-TOKEN
  });

  it("execute-admin: the new actions run on any protocol-admin target with their arguments (multisig-target records them)", () => {
    setup();
    pass(A.setTokenAllowed(DEMO_USD, false, TARGET), [o1, o2, o3], (id) => executeAdmin(o1, id, TARGET));
    expect(plain(targetRo("get-last-call"))).toMatchObject({
      function: "set-token-allowed",
      caller: MULTISIG,
      sender: MULTISIG,
      payload: `0x${Buffer.from(serializeCVBytes(Cl.tuple({ token: Cl.some(Cl.principal(DEMO_USD)), allowed: Cl.bool(false) }))).toString("hex")}`,
    });
    pass(A.setFeeDiscountSource(null, TARGET), [o1, o2, o3], (id) => executeAdmin(o1, id, TARGET));
    expect(plain(targetRo("get-last-call"))).toMatchObject({
      function: "set-fee-discount-source",
      payload: `0x${Buffer.from(serializeCVBytes(Cl.none())).toString("hex")}`,
    });
  });

  it("configure-class: set-token-allowed and set-fee-discount-source can be made routine; grant-role hands out the arbiter role", () => {
    setup();
    passSelf(A.configureClass(ESCROW, "set-token-allowed", ROUTINE));
    const op = idOf(propose(o1, A.setTokenAllowed(DEMO_USD, true)));
    expect(operation(op)).toMatchObject({ "op-class": ROUTINE, threshold: 2n });
    expect(propose(o1, A.configureClass(ESCROW, "set-fee-discount-source", ROUTINE)).result).toHaveClarityType(ClarityType.ResponseOk);
    const g = pass(A.grantRole("arbiter", o5), [o1, o2, o3], (id) => executeAdmin(o1, id));
    expectEvents(g.result, [{ topic: "role-granted", role: Cl.stringAscii("arbiter"), account: Cl.principal(o5), sender: Cl.principal(MULTISIG) }], ESCROW);
    expect(hasRole("arbiter", o5)).toBe(true);
  });
});

describe("routine operation: escrow fee change, 2 of 5", () => {
  it("routine: propose + 1 approval -> queue -> execute at eta (24 h) changes the escrow fee", () => {
    setup();
    const id = idOf(propose(o1, A.setFee(500)));
    expectErr(queue(o1, id), "ERR-INSUFFICIENT-APPROVALS"); // 1 of 2
    const a = approve(o2, id);
    expect(a.result).toBeOk(Cl.bool(true));
    expectEvents(a, [{ topic: "approved", "operation-id": id, owner: Cl.principal(o2) }]);
    expect(operation(id)!.approvals).toBe(2n);

    const queuedAt = nextTxTime();
    const q = queue(o3, id);
    expect(q.result).toBeOk(Cl.uint(queuedAt + DAY));
    expectEvents(q, [
      { topic: "queued", "operation-id": id, "op-class": Cl.uint(ROUTINE), approvals: Cl.uint(2), eta: Cl.uint(queuedAt + DAY) },
    ]);
    expect(operation(id)).toMatchObject({ state: State.Queued, eta: queuedAt + DAY });

    expectErr(executeAdmin(o4, id), "ERR-TIMELOCK-NOT-ELAPSED"); // right after queueing
    advanceTo(queuedAt + DAY - TX_STEP);
    expectErr(executeAdmin(o4, id), "ERR-TIMELOCK-NOT-ELAPSED"); // 10 s before eta
    expect(escrowFee()).toBe(1000n);
    expect(nextTxTime()).toBe(queuedAt + DAY);
    const x = executeAdmin(o4, id); // at eta exactly
    expect(x.result).toBeOk(Cl.bool(true));
    expectEvents(x, [executedEvent(id, ESCROW)]);
    expectEvents(x, [{ topic: "platform-fee-updated", "previous-bps": Cl.uint(1000), "new-bps": Cl.uint(500) }], ESCROW);
    expect(escrowFee()).toBe(500n);
    expect(stateOf(id)).toBe(State.Executed);
  });

  it("routine: a 2-of-3 multisig (DESIGN seed) changes the fee with 2 approvals", () => {
    setup({ owners: [o1, o2, o3], routine: 2, critical: 3 });
    pass(A.setFee(1500), [o3, o1], (id) => executeAdmin(o2, id));
    expect(escrowFee()).toBe(1500n);
  });

  it("routine: anyone may queue and execute (as on EVM); only owners propose and approve", () => {
    setup();
    const id = idOf(propose(o1, A.setFee(500)));
    expectErr(approve(deployer, id), "ERR-NOT-OWNER");
    expect(approve(o2, id).result).toBeOk(Cl.bool(true));
    const q = queue(deployer, id);
    expect(q.result).toHaveClarityType(ClarityType.ResponseOk);
    advanceTo(BigInt(cvToValue((q.result as any).value)));
    expect(executeAdmin(deployer, id).result).toBeOk(Cl.bool(true));
    expect(escrowFee()).toBe(500n);
  });

  it("routine: approving again is a no-op (ok false, no event), as on EVM", () => {
    setup();
    const id = idOf(propose(o1, A.setFee(500)));
    const again = approve(o1, id);
    expect(again.result).toBeOk(Cl.bool(false));
    expectEvents(again, []);
    expect(operation(id)!.approvals).toBe(1n);
  });

  it("routine: the escrow's own errors pass through unchanged and the operation stays queued", () => {
    setup();
    const { id, eta } = proposeApproveQueue(A.setFee(2001), [o1, o2]);
    advanceTo(eta);
    expect(executeAdmin(o1, id).result).toBeErr(Cl.uint(1004)); // escrow ERR-FEE-ABOVE-CAP
    expect(stateOf(id)).toBe(State.Queued);
  });
});

describe("critical operations, 3 of 5", () => {
  it("critical: add-owner needs 3 approvals and 48 h", () => {
    setup();
    const id = idOf(propose(o1, A.addOwner(deployer)));
    expect(approve(o2, id).result).toBeOk(Cl.bool(true));
    expectErr(queue(o1, id), "ERR-INSUFFICIENT-APPROVALS"); // 2 of 3
    expect(approve(o3, id).result).toBeOk(Cl.bool(true));
    const queuedAt = nextTxTime();
    const q = queue(o1, id);
    expect(q.result).toBeOk(Cl.uint(queuedAt + 2n * DAY));
    expectEvents(q, [
      { topic: "queued", "operation-id": id, "op-class": Cl.uint(CRITICAL), approvals: Cl.uint(3), eta: Cl.uint(queuedAt + 2n * DAY) },
    ]);
    advanceTo(queuedAt + DAY); // the routine delay is not enough
    expectErr(execute(o1, id), "ERR-TIMELOCK-NOT-ELAPSED");
    advanceTo(queuedAt + 2n * DAY);
    const x = execute(o2, id);
    expect(x.result).toBeOk(Cl.bool(true));
    expectEvents(x, [executedEvent(id), { topic: "owner-added", owner: Cl.principal(deployer) }]);
    expect(ro("get-owners")).toEqual(Cl.list([...OWNERS, deployer].map((o) => Cl.principal(o))));
    // the new owner acts at once
    expect(propose(deployer, A.setFee(1)).result).toHaveClarityType(ClarityType.ResponseOk);
  });

  it("critical: an unconfigured (target, selector) is critical; configure-class makes it routine for later proposals", () => {
    setup();
    const before = idOf(propose(o1, A.setFeeRecipient(o5)));
    expect(operation(before)!["op-class"]).toBe(CRITICAL);
    const { id, result: x } = passSelf(A.configureClass(ESCROW, "set-fee-recipient", ROUTINE));
    expectEvents(x, [
      executedEvent(id),
      {
        topic: "class-configured",
        target: Cl.principal(ESCROW),
        selector: Cl.stringAscii("set-fee-recipient"),
        "op-class": Cl.uint(ROUTINE),
      },
    ]);
    expect(ro("get-class", [Cl.principal(ESCROW), Cl.stringAscii("set-fee-recipient")])).toBeUint(ROUTINE);
    expect(operation(before)!["op-class"]).toBe(CRITICAL); // proposed before: keeps its class
    pass(A.setFeeRecipient(o5), [o1, o2], (id) => executeAdmin(o1, id)); // 2 approvals now
    expect(escrowRo("get-fee-recipient")).toBePrincipal(o5);
  });

  it("critical: a class can only get stricter: a routine operation reconfigured critical is queued as critical", () => {
    setup();
    const routineOp = idOf(propose(o4, A.setFee(100)));
    expect(approve(o5, routineOp).result).toBeOk(Cl.bool(true));
    expect(operation(routineOp)!["op-class"]).toBe(ROUTINE);
    passSelf(A.configureClass(ESCROW, "set-platform-fee", CRITICAL));
    expectErr(queue(o4, routineOp), "ERR-INSUFFICIENT-APPROVALS"); // 2 < 3 now
    expect(approve(o1, routineOp).result).toBeOk(Cl.bool(true));
    const queuedAt = nextTxTime();
    const q = queue(o4, routineOp);
    expect(q.result).toBeOk(Cl.uint(queuedAt + 2n * DAY)); // the critical delay
    expectEvents(q, [
      {
        topic: "queued",
        "operation-id": routineOp,
        "op-class": Cl.uint(CRITICAL),
        approvals: Cl.uint(3),
        eta: Cl.uint(queuedAt + 2n * DAY),
      },
    ]);
    expect(operation(routineOp)).toMatchObject({ "op-class": CRITICAL, threshold: 3n });
  });

  it("critical: self-administration can never be configured", () => {
    setup();
    expectErr(propose(o1, A.configureClass(MULTISIG, "add-owner", ROUTINE)), "ERR-CANNOT-CONFIGURE-SELF");
    expectErr(propose(o1, A.configureClass(MULTISIG, "transfer-stx", ROUTINE)), "ERR-CANNOT-CONFIGURE-SELF");
    for (const a of ["add-owner", "remove-owner", "set-threshold", "set-delay", "configure-class", "set-pausable-target", "set-guardian"])
      expectErr(propose(o1, A.configureClass(ESCROW, a, ROUTINE)), "ERR-INVALID-ACTION");
    expectErr(propose(o1, A.configureClass(ESCROW, "set-platform-fee", 2n)), "ERR-INVALID-CLASS");
  });

  it("critical: set-threshold and set-delay, with events; the new values apply at once", () => {
    setup();
    const t = passSelf(A.setThreshold(CRITICAL, 4));
    expectEvents(t.result, [
      executedEvent(t.id),
      { topic: "threshold-changed", "op-class": Cl.uint(CRITICAL), previous: Cl.uint(3), threshold: Cl.uint(4) },
    ]);
    expect(ro("get-threshold", [Cl.uint(CRITICAL)])).toBeUint(4);
    const d = passSelf(A.setDelay(ROUTINE, 2n * HOUR), [o1, o2, o3, o4]);
    expectEvents(d.result, [
      executedEvent(d.id),
      { topic: "delay-changed", "op-class": Cl.uint(ROUTINE), previous: Cl.uint(DAY), delay: Cl.uint(2n * HOUR) },
    ]);
    expect(ro("get-delay", [Cl.uint(ROUTINE)])).toBeUint(2n * HOUR);
    const { eta } = proposeApproveQueue(A.setFee(100), [o1, o2]);
    expect(eta).toBe(simnet.getBlockTime() + 2n * HOUR);
    // invalid values are refused at propose
    expectErr(propose(o1, A.setThreshold(ROUTINE, 6)), "ERR-INVALID-THRESHOLD");
    expectErr(propose(o1, A.setThreshold(ROUTINE, 0)), "ERR-INVALID-THRESHOLD");
    expectErr(propose(o1, A.setThreshold(2n, 2)), "ERR-INVALID-CLASS");
    expectErr(propose(o1, A.setDelay(CRITICAL, HOUR - 1n)), "ERR-INVALID-DELAY");
    expectErr(propose(o1, A.setDelay(2n, DAY)), "ERR-INVALID-CLASS");
  });

  it("critical: remove-owner, with events; never below a class threshold", () => {
    setup();
    const { id, result: x } = passSelf(A.removeOwner(o5));
    expectEvents(x, [executedEvent(id), { topic: "owner-removed", owner: Cl.principal(o5), "owners-epoch": Cl.uint(1) }]);
    expect(ro("get-owners")).toEqual(Cl.list([o1, o2, o3, o4].map((o) => Cl.principal(o))));
    expectErr(propose(o5, A.setFee(1)), "ERR-NOT-OWNER");
    expectErr(propose(o1, A.removeOwner(o5)), "ERR-OWNER-NOT-FOUND");
    passSelf(A.removeOwner(o4));
    expectErr(propose(o1, A.removeOwner(o3)), "ERR-REMOVAL-BELOW-THRESHOLD"); // 2 owners left < 3
    // lower the critical threshold first, then it works
    passSelf(A.setThreshold(CRITICAL, 2));
    passSelf(A.removeOwner(o3), [o1, o2]);
    expect(ro("get-owners")).toEqual(Cl.list([o1, o2].map((o) => Cl.principal(o))));
    // the routine threshold (2) blocks the next removal too
    passSelf(A.setThreshold(CRITICAL, 1), [o1, o2]);
    expectErr(propose(o1, A.removeOwner(o2)), "ERR-REMOVAL-BELOW-THRESHOLD");
  });

  it("critical: arguments are checked again at execution (a second add of the same owner fails and stays queued)", () => {
    setup();
    const first = proposeApproveQueue(A.addOwner(deployer), [o1, o2, o3]);
    const second = proposeApproveQueue(A.addOwner(deployer), [o4, o5, o1]);
    advanceTo(second.eta);
    expect(execute(o1, first.id).result).toBeOk(Cl.bool(true));
    expectErr(execute(o1, second.id), "ERR-DUPLICATE-OWNER");
    expect(stateOf(second.id)).toBe(State.Queued);
  });

  it("critical: approvals count up to queue only: a raised threshold does not stop a queued operation, as on EVM", () => {
    setup();
    const removal = proposeApproveQueue(A.removeOwner(o5), [o1, o2, o3]);
    const raise = proposeApproveQueue(A.setThreshold(CRITICAL, 5), [o1, o2, o3]);
    expectErr(approve(o4, removal.id), "ERR-ALREADY-QUEUED"); // a queued operation takes no more approvals
    advanceTo(raise.eta);
    expect(execute(o1, raise.id).result).toBeOk(Cl.bool(true));
    expect(operation(removal.id)).toMatchObject({ approvals: 3n, threshold: 5n });
    // 3 approvals < 5 now, but they were counted at queue: it runs (5 owners -> 4 would be below the
    // new threshold, so the removal's own check refuses it)
    expectErr(execute(o1, removal.id), "ERR-REMOVAL-BELOW-THRESHOLD");
    const fee = proposeApproveQueue(A.setFee(100), [o1, o2]); // routine, 2 of 2
    passSelf(A.setThreshold(ROUTINE, 5), [o1, o2, o3, o4, o5]);
    advanceTo(fee.eta);
    expect(executeAdmin(o3, fee.id).result).toBeOk(Cl.bool(true)); // 2 approvals < 5: still runs
    expect(escrowFee()).toBe(100n);
  });

  it("critical: set-guardian replaces or removes the guardian", () => {
    setup();
    const { id, result: x } = passSelf(A.setGuardian(o5));
    expectEvents(x, [
      executedEvent(id),
      { topic: "guardian-changed", previous: Cl.some(Cl.principal(guardian)), guardian: Cl.some(Cl.principal(o5)) },
    ]);
    expectErr(guardianPause(guardian), "ERR-NOT-GUARDIAN");
    passSelf(A.setGuardian(null));
    expect(ro("get-guardian")).toBeNone();
    expectErr(guardianPause(o5), "ERR-NOT-GUARDIAN");
  });

  it("critical: set-pausable-target adds and removes targets the guardian may pause", () => {
    setup();
    expectErr(guardianPause(guardian, TARGET), "ERR-TARGET-NOT-PAUSABLE");
    const { id, result: x } = passSelf(A.setPausableTarget(TARGET, true));
    expectEvents(x, [executedEvent(id), { topic: "pausable-target-configured", target: Cl.principal(TARGET), pausable: Cl.bool(true) }]);
    expect(guardianPause(guardian, TARGET).result).toBeOk(Cl.bool(true));
    passSelf(A.setPausableTarget(ESCROW, false));
    expectErr(guardianPause(guardian, ESCROW), "ERR-TARGET-NOT-PAUSABLE");
    expectErr(propose(o1, A.setPausableTarget(o2, true)), "ERR-INVALID-TARGET");
  });
});

describe("timelock window and at-most-once", () => {
  it("window: executable from eta to eta + 14 days inclusive, expired after", () => {
    setup();
    const early = proposeApproveQueue(A.setFee(100), [o1, o2]);
    const late = proposeApproveQueue(A.setFee(200), [o1, o2]);
    advanceTo(late.eta + GRACE - TX_STEP);
    expect(nextTxTime()).toBeGreaterThan(early.eta + GRACE);
    expectErr(executeAdmin(o1, early.id), "ERR-OPERATION-EXPIRED");
    expect(stateOf(early.id)).toBe(State.Expired); // derived; stored state stays queued
    expect(operation(early.id)!.state).toBe(State.Queued);
    expect(nextTxTime()).toBe(late.eta + GRACE);
    expect(executeAdmin(o1, late.id).result).toBeOk(Cl.bool(true)); // its last second
    expect(escrowFee()).toBe(200n);
    advanceTo(late.eta + 10n * GRACE);
    expectErr(executeAdmin(o1, early.id), "ERR-OPERATION-EXPIRED");
  });

  it("at most once: a second execute fails, and an executed operation accepts no approve / queue / cancel", () => {
    setup();
    const { id } = pass(A.setFee(300), [o1, o2], (id) => executeAdmin(o1, id));
    expectErr(executeAdmin(o1, id), "ERR-ALREADY-EXECUTED");
    expectErr(executeAdmin(o2, id), "ERR-ALREADY-EXECUTED");
    expectErr(approve(o3, id), "ERR-ALREADY-EXECUTED");
    expectErr(queue(o3, id), "ERR-ALREADY-EXECUTED");
    expectErr(approveCancel(o3, id), "ERR-ALREADY-EXECUTED");
    // the same action proposed again is a new operation (new nonce, new id)
    const again = idOf(propose(o1, A.setFee(300)));
    expect(hexOf(again)).not.toBe(hexOf(id));
  });

  it("lifecycle: execute before queue fails; queue twice fails; a queued (or expired) operation takes no approvals", () => {
    setup();
    const id = idOf(propose(o1, A.setFee(100)));
    expectErr(executeAdmin(o1, id), "ERR-NOT-QUEUED");
    expect(approve(o2, id).result).toBeOk(Cl.bool(true));
    expect(queue(o1, id).result).toHaveClarityType(ClarityType.ResponseOk);
    expectErr(queue(o2, id), "ERR-ALREADY-QUEUED");
    expectErr(approve(o3, id), "ERR-ALREADY-QUEUED"); // EVM: InvalidOperationState(Queued)
    expectErr(approve(o1, id), "ERR-ALREADY-QUEUED"); // not even a no-op
    expect(operation(id)!.approvals).toBe(2n);
    expectErr(approve(deployer, id), "ERR-NOT-OWNER"); // who is asking is checked first
    advanceTo(operation(id)!.eta + GRACE + 2n * TX_STEP);
    expect(stateOf(id)).toBe(State.Expired);
    expectErr(approve(o3, id), "ERR-ALREADY-QUEUED"); // EVM: InvalidOperationState(Expired)
    expectErr(queue(o3, id), "ERR-ALREADY-QUEUED");
    expectErr(queue(o1, NO_SUCH_ID), "ERR-OPERATION-NOT-FOUND");
    expectErr(execute(o1, NO_SUCH_ID), "ERR-OPERATION-NOT-FOUND");
  });

  it("executors: each action runs only through its execute* function, with its own target", () => {
    setup();
    const fee = proposeApproveQueue(A.setFee(100), [o1, o2]);
    const owner = proposeApproveQueue(A.addOwner(deployer), [o1, o2, o3]);
    advanceTo(owner.eta);
    expectErr(execute(o1, fee.id), "ERR-WRONG-EXECUTOR");
    expectErr(executeUnpause(o1, fee.id), "ERR-WRONG-EXECUTOR");
    expectErr(executeCall(o1, fee.id), "ERR-WRONG-EXECUTOR");
    expectErr(executeFt(o1, fee.id, DEMO_USD), "ERR-WRONG-EXECUTOR");
    expectErr(executeAdmin(o1, owner.id), "ERR-WRONG-EXECUTOR");
    expectErr(executeAdmin(o1, fee.id, TARGET), "ERR-TARGET-MISMATCH"); // a look-alike contract
    expect(executeAdmin(o1, fee.id).result).toBeOk(Cl.bool(true));
    expect(execute(o1, owner.id).result).toBeOk(Cl.bool(true));
  });
});

describe("cancel", () => {
  it("approve-cancel: a routine operation is cancelled by 2 owners, queued or not", () => {
    setup();
    const { id } = proposeApproveQueue(A.setFee(100), [o1, o2]);
    const c1 = approveCancel(o3, id);
    expect(c1.result).toBeOk(Cl.bool(false)); // recorded, 1 of 2
    expectEvents(c1, [{ topic: "cancel-approved", "operation-id": id, owner: Cl.principal(o3) }]);
    const again = approveCancel(o3, id); // no-op, as on EVM
    expect(again.result).toBeOk(Cl.bool(false));
    expectEvents(again, []);
    expect(ro("has-approved-cancel", [id, Cl.principal(o3)])).toBeBool(true);
    expect(operation(id)).toMatchObject({ state: State.Queued, "cancel-approvals": 1n });
    const c2 = approveCancel(o1, id); // the proposer may cancel too
    expect(c2.result).toBeOk(Cl.bool(true));
    expectEvents(c2, [
      { topic: "cancel-approved", "operation-id": id, owner: Cl.principal(o1) },
      { topic: "cancelled", "operation-id": id },
    ]);
    expect(operation(id)).toMatchObject({ state: State.Cancelled, "cancel-approvals": 2n });
    advanceTo(operation(id)!.eta);
    expectErr(executeAdmin(o1, id), "ERR-OPERATION-CANCELLED");
    expectErr(approve(o4, id), "ERR-OPERATION-CANCELLED");
    expectErr(queue(o4, id), "ERR-OPERATION-CANCELLED");
    expectErr(approveCancel(o4, id), "ERR-OPERATION-CANCELLED");
    expect(escrowFee()).toBe(1000n);

    const pending = idOf(propose(o1, A.setFee(100)));
    expect(approveCancel(o4, pending).result).toBeOk(Cl.bool(false));
    expect(approveCancel(o5, pending).result).toBeOk(Cl.bool(true));
    expectErr(queue(o1, pending), "ERR-OPERATION-CANCELLED");
  });

  it("approve-cancel: a critical operation needs 3; an expired one can still be cancelled", () => {
    setup();
    const { id, eta } = proposeApproveQueue(A.addOwner(deployer), [o1, o2, o3]);
    advanceTo(eta + GRACE + 2n * TX_STEP); // read-only calls see the tip's time: one block past the grace period
    expect(stateOf(id)).toBe(State.Expired);
    expect(approveCancel(o4, id).result).toBeOk(Cl.bool(false));
    expect(approveCancel(o5, id).result).toBeOk(Cl.bool(false));
    expect(approveCancel(o1, id).result).toBeOk(Cl.bool(true));
    expect(stateOf(id)).toBe(State.Cancelled);
  });

  it("approve-cancel: once a lowered threshold is met, an owner already counted completes the cancel", () => {
    setup();
    const target = idOf(propose(o1, A.transferStx(o5, 1)));
    expect(approveCancel(o4, target).result).toBeOk(Cl.bool(false));
    expect(approveCancel(o5, target).result).toBeOk(Cl.bool(false)); // 2 of 3
    passSelf(A.setThreshold(CRITICAL, 2));
    expect(stateOf(target)).toBe(State.Pending);
    const r = approveCancel(o4, target);
    expect(r.result).toBeOk(Cl.bool(true));
    expectEvents(r, [{ topic: "cancelled", "operation-id": target }]);
    expect(stateOf(target)).toBe(State.Cancelled);
    expectErr(queue(o1, target), "ERR-OPERATION-CANCELLED");
  });

  it("approve-cancel: non-owners cannot; an owner removal voids every cancel approval, queued operations included", () => {
    setup();
    const pending = idOf(propose(o1, A.addOwner(deployer)));
    expectErr(approveCancel(deployer, pending), "ERR-NOT-OWNER");
    expectErr(approveCancel(o1, NO_SUCH_ID), "ERR-OPERATION-NOT-FOUND");
    expectErr(approveCancel(deployer, NO_SUCH_ID), "ERR-NOT-OWNER"); // who is asking is checked first
    expect(approveCancel(o4, pending).result).toBeOk(Cl.bool(false));
    expect(approveCancel(o3, pending).result).toBeOk(Cl.bool(false)); // 2 of 3
    const queued = proposeApproveQueue(A.setFee(100), [o1, o2]);
    expect(approveCancel(o3, queued.id).result).toBeOk(Cl.bool(false)); // 1 of 2
    passSelf(A.removeOwner(o5), [o2, o3, o4]);
    for (const id of [pending, queued.id]) {
      expect(operation(id)!["cancel-approvals"]).toBe(0n);
      expect(ro("has-approved-cancel", [id, Cl.principal(o3)])).toBeBool(false);
    }
    expect(stateOf(queued.id)).toBe(State.Queued); // stays queued
    // the first vote after the removal starts afresh: o3 counts again, o4's old one does not
    const again = approveCancel(o3, pending);
    expect(again.result).toBeOk(Cl.bool(false));
    expectEvents(again, [{ topic: "cancel-approved", "operation-id": pending, owner: Cl.principal(o3) }]);
    expect(operation(pending)!["cancel-approvals"]).toBe(1n);
    expect(ro("has-approved-cancel", [pending, Cl.principal(o4)])).toBeBool(false);
    expect(approveCancel(o2, pending).result).toBeOk(Cl.bool(false)); // 2 of 3
    expect(approveCancel(o1, pending).result).toBeOk(Cl.bool(true));
    expect(approveCancel(o3, queued.id).result).toBeOk(Cl.bool(false)); // 1 of 2 again
    expect(approveCancel(o4, queued.id).result).toBeOk(Cl.bool(true));
    expect(stateOf(queued.id)).toBe(State.Cancelled);
  });
});

describe("owner removal (owners epoch, as EVM ownersEpoch)", () => {
  it("removal: advances the owners epoch (in owner-removed) and voids every approval of operations not yet queued", () => {
    setup();
    const pending = idOf(propose(o1, A.setFee(100)));
    expect(approve(o2, pending).result).toBeOk(Cl.bool(true)); // 2 of 2: queueable
    expect(ro("get-owners-epoch")).toBeUint(0);
    const { id, result: x } = passSelf(A.removeOwner(o5), [o3, o4, o5]);
    expectEvents(x, [executedEvent(id), { topic: "owner-removed", owner: Cl.principal(o5), "owners-epoch": Cl.uint(1) }]);
    expect(ro("get-owners-epoch")).toBeUint(1);
    expect(operation(pending)).toMatchObject({ approvals: 0n, "owners-epoch": 0n }); // EVM approvalCount: 0
    for (const o of [o1, o2]) expect(ro("has-approved", [pending, Cl.principal(o)])).toBeBool(false);
    expectErr(queue(o1, pending), "ERR-INSUFFICIENT-APPROVALS"); // the other owners' approvals too
    // approving again: the old approvals do not revive, the new ones start afresh in epoch 1
    const a = approve(o1, pending);
    expect(a.result).toBeOk(Cl.bool(true));
    expectEvents(a, [{ topic: "approved", "operation-id": pending, owner: Cl.principal(o1) }]);
    expect(operation(pending)).toMatchObject({ approvals: 1n, "owners-epoch": 1n });
    expect(ro("has-approved", [pending, Cl.principal(o2)])).toBeBool(false);
    expectErr(queue(o1, pending), "ERR-INSUFFICIENT-APPROVALS");
    expect(approve(o2, pending).result).toBeOk(Cl.bool(true));
    const q = queue(o1, pending);
    expect(q.result).toHaveClarityType(ClarityType.ResponseOk);
    expectEvents(q, [
      { topic: "queued", "operation-id": pending, "op-class": Cl.uint(ROUTINE), approvals: Cl.uint(2), eta: Cl.uint(cvToValue((q.result as any).value)) },
    ]);
    // the next removal advances it again
    const second = passSelf(A.removeOwner(o4), [o1, o2, o3]);
    expectEvents(second.result, [
      executedEvent(second.id),
      { topic: "owner-removed", owner: Cl.principal(o4), "owners-epoch": Cl.uint(2) },
    ]);
    expect(plain(ro("get-config"))["owners-epoch"]).toBe(2n);
  });

  it("removal: a queued operation stays queued and executes (its approvals were counted at queue)", () => {
    setup();
    const queued = proposeApproveQueue(A.setFee(200), [o1, o5]);
    passSelf(A.removeOwner(o5), [o2, o3, o4]);
    expect(stateOf(queued.id)).toBe(State.Queued);
    expect(operation(queued.id)!.approvals).toBe(0n); // as EVM approvalCount reads it
    expectErr(approve(o2, queued.id), "ERR-ALREADY-QUEUED");
    advanceTo(queued.eta);
    expect(executeAdmin(o1, queued.id).result).toBeOk(Cl.bool(true));
    expect(escrowFee()).toBe(200n);
  });

  it("removal: the approving owner's own stale votes are dropped too; a vote after the removal resets both lists", () => {
    setup();
    const id = idOf(propose(o1, A.addOwner(deployer)));
    expect(approve(o2, id).result).toBeOk(Cl.bool(true));
    expect(approveCancel(o3, id).result).toBeOk(Cl.bool(false));
    passSelf(A.removeOwner(o5), [o2, o3, o4]);
    // o1 approved before the removal: approving now records it again (with its event)
    const a = approve(o1, id);
    expect(a.result).toBeOk(Cl.bool(true));
    expectEvents(a, [{ topic: "approved", "operation-id": id, owner: Cl.principal(o1) }]);
    // the stored lists restarted in the current epoch: o2's approval and o3's cancel approval are gone
    const st = raw("map", "operation-states", id);
    expect(st).toMatchObject({ "owners-epoch": 1n, approvals: [o1], "cancel-approvals": [] });
    expect(approve(o1, id).result).toBeOk(Cl.bool(false)); // now it counts: a no-op
  });

  it("removal: get-owners keeps the EVM order (the last owner takes the removed one's place)", () => {
    setup();
    passSelf(A.removeOwner(o2));
    expect(ro("get-owners")).toEqual(Cl.list([o1, o5, o3, o4].map((o) => Cl.principal(o))));
    passSelf(A.addOwner(o2), [o1, o3, o4]);
    expect(ro("get-owners")).toEqual(Cl.list([o1, o5, o3, o4, o2].map((o) => Cl.principal(o))));
    passSelf(A.removeOwner(o1), [o3, o4, o5]);
    expect(ro("get-owners")).toEqual(Cl.list([o2, o5, o3, o4].map((o) => Cl.principal(o))));
  });

  it("addition: keeps every vote, and the epoch", () => {
    setup();
    const id = idOf(propose(o1, A.setFee(100)));
    expect(approveCancel(o4, id).result).toBeOk(Cl.bool(false));
    passSelf(A.addOwner(deployer), [o2, o3, o5]);
    expect(ro("get-owners-epoch")).toBeUint(0);
    expect(operation(id)).toMatchObject({ approvals: 1n, "cancel-approvals": 1n });
    expect(approve(deployer, id).result).toBeOk(Cl.bool(true)); // the new owner votes at once
    expect(queue(o1, id).result).toHaveClarityType(ClarityType.ResponseOk);
  });

  it("re-added owner: the old approval does not revive; they may approve again", () => {
    setup();
    const id = idOf(propose(o1, A.setFee(100)));
    expect(approve(o5, id).result).toBeOk(Cl.bool(true));
    passSelf(A.removeOwner(o5), [o2, o3, o4]);
    expectErr(approve(o5, id), "ERR-NOT-OWNER");
    passSelf(A.addOwner(o5), [o2, o3, o4]);
    expect(ro("is-owner", [Cl.principal(o5)])).toBeBool(true);
    expect(operation(id)!.approvals).toBe(0n);
    expect(ro("has-approved", [id, Cl.principal(o5)])).toBeBool(false);
    expect(approve(o5, id).result).toBeOk(Cl.bool(true));
    expect(approve(o1, id).result).toBeOk(Cl.bool(true));
    expect(operation(id)!.approvals).toBe(2n);
    expect(queue(o1, id).result).toHaveClarityType(ClarityType.ResponseOk);
  });
});

describe("guardian", () => {
  it("guardian: pauses the escrow immediately (no timelock), through the multisig's pauser role", () => {
    setup();
    expect(escrowPaused()).toBe(false);
    const r = guardianPause(guardian);
    expect(r.result).toBeOk(Cl.bool(true));
    expect(escrowPaused()).toBe(true);
    expectEvents(r, [{ topic: "paused", account: Cl.principal(MULTISIG) }], ESCROW);
    expectEvents(r, [{ topic: "guardian-paused", guardian: Cl.principal(guardian), target: Cl.principal(ESCROW) }]);
    // new escrows are blocked at once
    const c = simnet.callPublicFn("escrow", "create-escrow", createArgs(o2, null, [5]), o1);
    expect(c.result).toBeErr(Cl.uint(1001));
    // pausing twice: the escrow's ERR-PAUSED passes through
    expect(guardianPause(guardian).result).toBeErr(Cl.uint(1001));
  });

  it("guardian: cannot unpause, propose, approve, cancel or move funds", () => {
    setup({ pausable: [ESCROW, TARGET] });
    fundStx(5_000_000n);
    expect(guardianPause(guardian).result).toBeOk(Cl.bool(true));
    // unpause: the escrow itself refuses (the guardian holds no escrow role) ...
    expect(simnet.callPublicFn("escrow", "unpause", [], guardian).result).toBeErr(Cl.uint(1000));
    // ... and the multisig has no guardian path to it
    expectErr(propose(guardian, A.unpause()), "ERR-NOT-OWNER");
    const ready = proposeApproveQueue(A.transferStx(guardian, 1_000_000), [o1, o2, o3]);
    expectErr(approve(guardian, ready.id), "ERR-NOT-OWNER");
    expectErr(approveCancel(guardian, ready.id), "ERR-NOT-OWNER");
    // a pausable target whose pause tries to pull the multisig's STX: reverted by the empty allowance
    setTargetMode(TargetMode.Drain);
    const before = stxBalance(MULTISIG);
    expectErr(guardianPause(guardian, TARGET), "ERR-ASSET-ALLOWANCE-EXCEEDED");
    expect(stxBalance(MULTISIG)).toBe(before);
    expect(escrowPaused()).toBe(true);
    // non-guardians cannot pause at all; unlisted targets cannot be paused
    expectErr(guardianPause(o1), "ERR-NOT-GUARDIAN");
    expectErr(guardianPause(guardian, DEMO_USD), "ERR-TARGET-NOT-PAUSABLE");
  });

  it("guardian: the target sees the multisig as caller and sender", () => {
    setup({ pausable: [TARGET] });
    expect(guardianPause(guardian, TARGET).result).toBeOk(Cl.bool(true));
    expect(targetRo("get-last-call")).toBeSome(
      Cl.tuple({
        function: Cl.stringAscii("pause"),
        caller: Cl.principal(MULTISIG),
        sender: Cl.principal(MULTISIG),
        "operation-id": Cl.buffer(new Uint8Array(32)),
        payload: Cl.buffer(new Uint8Array(0)),
      }),
    );
  });

  it("unpause: only through the timelock (critical by default, 3 approvals, 48 h)", () => {
    setup();
    expect(guardianPause(guardian).result).toBeOk(Cl.bool(true));
    const { id, eta } = proposeApproveQueue(A.unpause(), [o1, o2, o3]);
    advanceTo(eta - TX_STEP);
    expectErr(executeUnpause(o1, id), "ERR-TIMELOCK-NOT-ELAPSED");
    expect(escrowPaused()).toBe(true);
    expectErr(executeUnpause(o1, id, TARGET), "ERR-TARGET-MISMATCH");
    const x = executeUnpause(o1, id);
    expect(x.result).toBeOk(Cl.bool(true));
    expectEvents(x, [{ topic: "unpaused", account: Cl.principal(MULTISIG) }], ESCROW);
    expectEvents(x, [executedEvent(id, ESCROW)]);
    expect(escrowPaused()).toBe(false);
  });

  it("unpause: can be configured routine for the escrow (2 approvals, 24 h)", () => {
    setup({
      routineActions: [
        [ESCROW, "set-platform-fee"],
        [ESCROW, "unpause"],
      ],
    });
    expect(guardianPause(guardian).result).toBeOk(Cl.bool(true));
    pass(A.unpause(), [o4, o5], (id) => executeUnpause(o4, id));
    expect(escrowPaused()).toBe(false);
  });
});

describe("transfers out of the multisig", () => {
  it("transfer-stx: execute moves exactly the proposed amount from the multisig to the recipient", () => {
    setup();
    fundStx(50_000_000n);
    const amount = 12_345_678n;
    const { id, eta } = proposeApproveQueue(A.transferStx(o5, amount), [o1, o2, o3]);
    advanceTo(eta);
    const [msBefore, toBefore, execBefore] = [stxBalance(MULTISIG), stxBalance(o5), stxBalance(o1)];
    const x = execute(o1, id);
    expect(x.result).toBeOk(Cl.bool(true));
    const transfers = x.events.filter((e: any) => e.event === "stx_transfer_event").map((e: any) => e.data);
    expect(transfers).toHaveLength(1);
    expect(transfers[0]).toMatchObject({ sender: MULTISIG, recipient: o5, amount: amount.toString() });
    expect(stxBalance(MULTISIG)).toBe(msBefore - amount);
    expect(stxBalance(o5)).toBe(toBefore + amount);
    expect(stxBalance(o1)).toBe(execBefore); // the executor pays nothing (simnet has no fees)
    expectEvents(x, [executedEvent(id, o5, amount)]);
  });

  it("transfer-stx: with too little STX execute fails (ERR-INSUFFICIENT-BALANCE) and the operation stays queued", () => {
    setup();
    fundStx(1_000n);
    const { id, eta } = proposeApproveQueue(A.transferStx(o5, 5_000), [o1, o2, o3]);
    advanceTo(eta);
    expectErr(execute(o1, id), "ERR-INSUFFICIENT-BALANCE");
    expect(stateOf(id)).toBe(State.Queued);
    fundStx(4_000n);
    expect(execute(o1, id).result).toBeOk(Cl.bool(true));
    expect(stxBalance(MULTISIG)).toBe(0n);
  });

  it("transfer-stx: zero amounts and the multisig itself as recipient are refused; routine per recipient when configured", () => {
    setup({ routineActions: [[o4, "transfer-stx"]] });
    expectErr(propose(o1, A.transferStx(o5, 0)), "ERR-INVALID-AMOUNT");
    expectErr(propose(o1, A.transferStx(MULTISIG, 1)), "ERR-INVALID-RECIPIENT");
    fundStx(10n);
    expect(operation(idOf(propose(o1, A.transferStx(o5, 1))))!["op-class"]).toBe(CRITICAL);
    pass(A.transferStx(o4, 10), [o1, o2], (id) => execute(o1, id)); // routine: 2 approvals
    expect(stxBalance(MULTISIG)).toBe(0n);
  });

  it("transfer-ft: execute moves exactly the proposed amount of the token, nothing else", () => {
    setup();
    mintTo(DEMO_USD, MULTISIG, 1_000_000n);
    const { id, eta } = proposeApproveQueue(A.transferFt(DEMO_USD, o5, 250_001), [o1, o2, o3]);
    advanceTo(eta);
    expectErr(executeFt(o1, id, HOSTILE), "ERR-TARGET-MISMATCH");
    const x = executeFt(o1, id, DEMO_USD);
    expect(x.result).toBeOk(Cl.bool(true));
    const moved = x.events.filter((e: any) => e.event === "ft_transfer_event").map((e: any) => e.data);
    expect(moved).toHaveLength(1);
    expect(moved[0]).toMatchObject({ sender: MULTISIG, recipient: o5, amount: "250001" });
    expect(x.events.filter((e: any) => e.event === "stx_transfer_event")).toHaveLength(0);
    expect(ftBalance(DEMO_USD, MULTISIG)).toBe(749_999n);
    expect(ftBalance(DEMO_USD, o5)).toBe(250_001n);
    expectErr(propose(o1, A.transferFt(o5, o4, 1)), "ERR-INVALID-TARGET"); // not a contract
    expectErr(propose(o1, A.transferFt(DEMO_USD, MULTISIG, 1)), "ERR-INVALID-RECIPIENT");
    expectErr(propose(o1, A.transferFt(DEMO_USD, o4, 0)), "ERR-INVALID-AMOUNT");
  });

  it("transfer-ft: a hostile token cannot take STX along (allowance), and a refusing token's error passes through", () => {
    setup();
    fundStx(1_000_000n);
    mintTo(HOSTILE, MULTISIG, 1_000n);
    const op = proposeApproveQueue(A.transferFt(HOSTILE, o5, 100), [o1, o2, o3]);
    advanceTo(op.eta);
    setHostileMode(HostileMode.Drain);
    expectErr(executeFt(o1, op.id, HOSTILE), "ERR-ASSET-ALLOWANCE-EXCEEDED");
    expect(stxBalance(MULTISIG)).toBe(1_000_000n);
    expect(ftBalance(HOSTILE, MULTISIG)).toBe(1_000n);
    setHostileMode(HostileMode.Fail);
    expect(executeFt(o1, op.id, HOSTILE).result).toBeErr(Cl.uint(500));
    setHostileMode(HostileMode.Normal);
    expect(executeFt(o1, op.id, HOSTILE).result).toBeOk(Cl.bool(true));
    expect(ftBalance(HOSTILE, o5)).toBe(100n);
  });
});

describe("escrow administration through the multisig", () => {
  it("admin: set-fee-recipient, grant-role and revoke-role on the escrow", () => {
    setup();
    pass(A.setFeeRecipient(o5), [o1, o2, o3], (id) => executeAdmin(o1, id));
    expect(escrowRo("get-fee-recipient")).toBePrincipal(o5);
    const g = pass(A.grantRole("pauser", o4), [o1, o2, o3], (id) => executeAdmin(o1, id)).result;
    expectEvents(
      g,
      [{ topic: "role-granted", role: Cl.stringAscii("pauser"), account: Cl.principal(o4), sender: Cl.principal(MULTISIG) }],
      ESCROW,
    );
    expect(hasRole("pauser", o4)).toBe(true);
    pass(A.revokeRole("pauser", o4), [o1, o2, o3], (id) => executeAdmin(o1, id));
    expect(hasRole("pauser", o4)).toBe(false);
    // protocol targets must be contracts
    expectErr(propose(o1, A.setFee(1, o2)), "ERR-INVALID-TARGET");
    expectErr(propose(o1, A.setFee(1, MULTISIG)), "ERR-INVALID-TARGET");
    expectErr(propose(o1, A.unpause(o2)), "ERR-INVALID-TARGET");
    expectErr(propose(o1, A.call(o2, new Uint8Array(1))), "ERR-INVALID-TARGET");
  });

  it("admin: without the escrow role, the escrow refuses (its error passes through)", () => {
    setup({ escrowRoles: false });
    const { id, eta } = proposeApproveQueue(A.setFee(100), [o1, o2]);
    advanceTo(eta);
    expect(executeAdmin(o1, id).result).toBeErr(Cl.uint(1000)); // escrow ERR-NOT-AUTHORIZED
  });
});

describe("generic action contracts (call)", () => {
  it("call: execute-call runs the action's execute with the operation id and payload, as the multisig", () => {
    setup();
    const payload = Uint8Array.from([9, 8, 7]);
    const { id } = pass(A.call(TARGET, payload), [o1, o2, o3], (id) => executeCall(o2, id));
    expect(targetRo("get-call-count")).toBeUint(1);
    expect(targetRo("get-last-call")).toBeSome(
      Cl.tuple({
        function: Cl.stringAscii("execute"),
        caller: Cl.principal(MULTISIG),
        sender: Cl.principal(MULTISIG),
        "operation-id": id,
        payload: Cl.buffer(payload),
      }),
    );
  });

  it("call: the action's error passes through (stays queued); it cannot move the multisig's funds", () => {
    setup();
    fundStx(1_000_000n);
    const { id, eta } = proposeApproveQueue(A.call(TARGET, new Uint8Array(0)), [o1, o2, o3]);
    advanceTo(eta);
    setTargetMode(TargetMode.Fail);
    expect(executeCall(o1, id).result).toBeErr(Cl.uint(700));
    setTargetMode(TargetMode.Drain);
    expectErr(executeCall(o1, id), "ERR-ASSET-ALLOWANCE-EXCEEDED");
    expect(stxBalance(MULTISIG)).toBe(1_000_000n);
    expect(stateOf(id)).toBe(State.Queued);
    setTargetMode(TargetMode.Normal);
    expect(executeCall(o1, id).result).toBeOk(Cl.bool(true));
  });

  it("call: a protocol-admin look-alike target cannot take funds either (execute-admin allowance is empty)", () => {
    setup();
    fundStx(1_000_000n);
    const { id, eta } = proposeApproveQueue(A.setFee(1, TARGET), [o1, o2, o3]); // critical: not configured for TARGET
    advanceTo(eta);
    setTargetMode(TargetMode.Drain);
    expectErr(executeAdmin(o1, id, TARGET), "ERR-ASSET-ALLOWANCE-EXCEEDED");
    expect(stxBalance(MULTISIG)).toBe(1_000_000n);
  });
});

describe("contract-caller checks through a relaying contract", () => {
  it("contract-caller: a contract relaying an owner's call cannot propose, approve or approve-cancel for them", () => {
    setup();
    expectErr(viaProxy("propose-set-platform-fee", [Cl.principal(ESCROW), Cl.uint(1), Cl.uint(1)], o1), "ERR-NOT-OWNER");
    expectErr(viaProxy("propose-transfer-stx", [Cl.principal(MPROXY), Cl.uint(1), Cl.uint(2)], o1), "ERR-NOT-OWNER");
    const id = idOf(propose(o1, A.setFee(1)));
    expectErr(viaProxy("approve", [id], o2), "ERR-NOT-OWNER");
    expect(operation(id)!.approvals).toBe(1n);
    expectErr(viaProxy("approve-cancel", [id], o1), "ERR-NOT-OWNER");
    expect(operation(id)!["cancel-approvals"]).toBe(0n);
    expect(approve(o2, id).result).toBeOk(Cl.bool(true));
    // queue and execute are open to anyone: relaying them is harmless (nothing is done in the signer's name)
    const q = viaProxy("queue", [id], o1);
    expect(q.result).toHaveClarityType(ClarityType.ResponseOk);
    advanceTo(BigInt(cvToValue((q.result as any).value)));
    expect(viaProxy("execute-admin", [id, Cl.principal(ESCROW)], deployer).result).toBeOk(Cl.bool(true));
    expect(escrowFee()).toBe(1n);
  });

  it("contract-caller: a contract relaying the guardian's call is not the guardian", () => {
    setup();
    expectErr(viaProxy("guardian-pause", [Cl.principal(ESCROW)], guardian), "ERR-NOT-GUARDIAN");
    expect(escrowPaused()).toBe(false);
  });

  it("contract-caller: a contract made an owner acts only as itself (one vote, whoever signs through it)", () => {
    setup();
    passSelf(A.addOwner(MPROXY));
    const id = idOf(propose(o1, A.addOwner(deployer)));
    expect(viaProxy("approve", [id], o4).result).toBeOk(Cl.bool(true));
    expect(ro("has-approved", [id, Cl.principal(MPROXY)])).toBeBool(true);
    expect(ro("has-approved", [id, Cl.principal(o4)])).toBeBool(false);
    expect(viaProxy("approve", [id], o5).result).toBeOk(Cl.bool(false)); // the proxy already counted
    expect(operation(id)!.approvals).toBe(2n);
  });
});

// ───────────────────────────── every error constant ─────────────────────────────

describe("error constants", () => {
  const proposed = (a: Action = A.setFee(500)) => (setup(), idOf(propose(o1, a)));
  const ready = (a: Action = A.setFee(500), approvers = [o1, o2]) => (setup(), proposeApproveQueue(a, approvers));
  // One minimal scenario per ERR-* constant declared in multisig.clar.
  const scenarios: Record<string, () => TxResult> = {
    "ERR-NOT-OWNER": () => (setup(), propose(deployer, A.setFee(500))),
    "ERR-NOT-GUARDIAN": () => (setup(), guardianPause(o1)),
    "ERR-TARGET-NOT-PAUSABLE": () => (setup(), guardianPause(guardian, TARGET)),
    "ERR-NOT-DEPLOYER": () => initialize({}, o1),
    "ERR-ALREADY-INITIALIZED": () => (setup(), initialize()),
    "ERR-INVALID-OWNER": () => (setup(), propose(o1, A.addOwner(MULTISIG))),
    "ERR-DUPLICATE-OWNER": () => (setup(), propose(o1, A.addOwner(o2))),
    "ERR-OWNER-NOT-FOUND": () => (setup(), propose(o1, A.removeOwner(deployer))),
    "ERR-TOO-MANY-OWNERS": () => (
      setup({ owners: [...OWNERS, ...Array.from({ length: 15 }, (_, i) => `${deployer}.w${i}`)] }),
      propose(o1, A.addOwner(deployer))
    ),
    "ERR-INVALID-THRESHOLD": () => (setup(), propose(o1, A.setThreshold(CRITICAL, 6))),
    "ERR-REMOVAL-BELOW-THRESHOLD": () => (setup({ owners: [o1, o2, o3] }), propose(o1, A.removeOwner(o3))),
    "ERR-INVALID-DELAY": () => (setup(), propose(o1, A.setDelay(ROUTINE, 60))),
    "ERR-INVALID-CLASS": () => (setup(), propose(o1, A.configureClass(ESCROW, "set-platform-fee", 2n))),
    "ERR-CANNOT-CONFIGURE-SELF": () => (setup(), propose(o1, A.configureClass(MULTISIG, "set-platform-fee", ROUTINE))),
    "ERR-INVALID-ACTION": () => (setup(), propose(o1, A.configureClass(ESCROW, "add-owner", ROUTINE))),
    "ERR-INVALID-TARGET": () => (setup(), propose(o1, A.setFee(500, o2))),
    "ERR-INVALID-RECIPIENT": () => (setup(), propose(o1, A.transferStx(MULTISIG, 1))),
    "ERR-INVALID-AMOUNT": () => (setup(), propose(o1, A.transferStx(o2, 0))),
    "ERR-OPERATION-NOT-FOUND": () => (setup(), approve(o1, NO_SUCH_ID)),
    "ERR-INSUFFICIENT-APPROVALS": () => queue(o1, proposed()),
    "ERR-ALREADY-QUEUED": () => queue(o1, ready().id),
    "ERR-NOT-QUEUED": () => executeAdmin(o1, proposed()),
    "ERR-ALREADY-EXECUTED": () => {
      const { id, eta } = ready();
      advanceTo(eta);
      executeAdmin(o1, id);
      return executeAdmin(o1, id);
    },
    "ERR-OPERATION-CANCELLED": () => {
      const id = proposed();
      approveCancel(o1, id);
      approveCancel(o2, id);
      return approve(o3, id);
    },
    "ERR-TIMELOCK-NOT-ELAPSED": () => executeAdmin(o1, ready().id),
    "ERR-OPERATION-ALREADY-PROPOSED": () => {
      setup();
      propose(o1, A.setFee(500), 7n);
      return propose(o2, A.setFee(500), 7n);
    },
    "ERR-OPERATION-EXPIRED": () => {
      const { id, eta } = ready();
      advanceTo(eta + GRACE + TX_STEP);
      return executeAdmin(o1, id);
    },
    "ERR-WRONG-EXECUTOR": () => execute(o1, ready().id),
    "ERR-TARGET-MISMATCH": () => executeAdmin(o1, ready().id, TARGET),
    "ERR-INSUFFICIENT-BALANCE": () => {
      const { id, eta } = ready(A.transferStx(o2, 1), [o1, o2, o3]);
      advanceTo(eta);
      return execute(o1, id);
    },
    "ERR-ASSET-ALLOWANCE-EXCEEDED": () => {
      setup({ pausable: [TARGET] });
      fundStx(1_000_000n);
      setTargetMode(TargetMode.Drain);
      return guardianPause(guardian, TARGET);
    },
  };

  it("error constants: every ERR-* declared in multisig.clar has a scenario, codes are unique and in u2000-u2099", () => {
    expect(Object.keys(scenarios).sort()).toEqual(Object.keys(ERR).sort());
    const codes = Object.values(ERR);
    expect(new Set(codes).size).toBe(codes.length);
    for (const c of codes) expect(c >= 2000n && c <= 2099n, `code u${c}`).toBe(true);
  });

  it.each(Object.keys(scenarios))("error constants: %s fires", (name) => {
    expectErr(scenarios[name](), name);
  });
});

// ───────────────────── randomized invariants (seeded) ─────────────────────
// A reference model of the EVM semantics (WorxMultisig.sol: owners epoch,
// approvals counted up to queue only, caller-chosen nonces) predicts every
// call's outcome and, after every step, the stored state: the owner list in
// order, the owners epoch, thresholds, the escrow fee, and for each operation
// its state and stored approval / cancel-approval lists and epoch.
// Independently of the model, invariants are checked from observations (events
// and the time of the block):
//   1. at each successful queue, distinct owners approved the operation since
//      the last owner removal (approved / owner-removed events), at least the
//      class threshold the chain held right before, and `queued` reports them;
//   2. each successful execute follows a queue of that operation, runs at
//      eta <= block time <= eta + GRACE, and never twice.

const SEEDS = process.env.FUZZ_SEEDS ? process.env.FUZZ_SEEDS.split(",").map(Number) : [1, 2, 3, 4, 5];
const STEPS = 250;

describe("randomized operations (seeded)", () => {
  type Kind = "fee" | "stx" | "add" | "remove" | "threshold";
  type Op = {
    id: ClarityValue;
    hex: string;
    action: Action;
    nonce: bigint;
    kind: Kind;
    arg: string | bigint;
    cls: bigint;
    threshold?: [bigint, bigint];
    state: bigint;
    eta: bigint;
    epoch: number; // owners epoch of the stored lists
    approvals: string[]; // stored, in order
    cancels: string[];
  };

  it.each(SEEDS)(
    `invariants: ${STEPS} random steps (seed %i): queued only with the threshold of approvals since the last removal, executed in the window, at most once`,
    (seed) => {
      const rnd = prng(seed);
      setup({ guardian: null });
      fundStx(1_000_000_000n);
      const pool = [...OWNERS, deployer];
      const delay: Record<string, bigint> = { [ROUTINE.toString()]: DAY, [CRITICAL.toString()]: 2n * DAY };
      // model
      const owners = [...OWNERS]; // EVM order
      let epoch = 0;
      const thresholds: Record<string, bigint> = { [ROUTINE.toString()]: 2n, [CRITICAL.toString()]: 3n };
      let fee = 1000n;
      let nonce = 0n;
      const ops: Op[] = [];
      const okCount: Record<string, number> = {};
      // observations for the invariants (events only)
      let seq = 0;
      let lastRemoval = -1; // seq of the last owner-removed event
      const approvalLog: Array<{ hex: string; owner: string; seq: number }> = [];
      const queuedEta = new Map<string, bigint>();
      const executed = new Set<string>();

      const isMember = (o: string) => owners.includes(o);
      const live = (op: Op) => op.epoch === epoch;
      const liveApprovals = (op: Op) => (live(op) ? op.approvals : []);
      const liveCancels = (op: Op) => (live(op) ? op.cancels : []);
      const thr = (cls: bigint) => thresholds[cls.toString()];
      const expectOutcome = (step: number, what: string, r: TxResult, err: string | bigint | null) => {
        if (process.env.FUZZ_DEBUG) console.error(`seed ${seed} #${step} ${what} -> ${err ?? "ok"}`);
        if (typeof err === "string") expectErr(r, err);
        else if (typeof err === "bigint") expect(r.result, what).toBeErr(Cl.uint(err));
        else {
          expect(r.result, `${what} should succeed`).toHaveClarityType(ClarityType.ResponseOk);
          const key = what.startsWith("execute") ? what : what.split(" ")[0];
          okCount[key] = (okCount[key] ?? 0) + 1;
        }
        if (typeof err === "string") okCount[err] = (okCount[err] ?? 0) + 1;
      };
      const observe = (r: TxResult) => {
        for (const v of prints(r, MULTISIG)) {
          const t = (v as any).value;
          const topic = cvToValue(t.topic);
          seq++;
          if (topic === "approved") approvalLog.push({ hex: (t["operation-id"] as any).value, owner: cvToValue(t.owner), seq });
          if (topic === "owner-removed") lastRemoval = seq;
        }
      };
      const weighted = <K extends string>(weights: Record<K, number>): K => {
        const entries = Object.entries(weights) as Array<[K, number]>;
        let x = rnd.next() * entries.reduce((t, [, w]) => t + w, 0);
        for (const [k, w] of entries) if ((x -= w) < 0) return k;
        return entries[entries.length - 1][0];
      };
      const voter = () => (rnd.next() < 0.85 ? rnd.pick(owners) : rnd.pick(pool));
      const pickOp = (fits: (op: Op) => boolean) => {
        const fit = ops.filter(fits);
        return fit.length && rnd.next() < 0.85 ? rnd.pick(fit) : ops.length ? rnd.pick(ops) : null;
      };
      const openErr = (op: Op) =>
        op.state === State.Executed ? "ERR-ALREADY-EXECUTED" : op.state === State.Cancelled ? "ERR-OPERATION-CANCELLED" : null;
      const pendingErr = (op: Op) => openErr(op) ?? (op.state === State.Queued ? "ERR-ALREADY-QUEUED" : null);
      const argErr = (kind: Kind, arg: string | bigint): string | null => {
        if (kind === "add") return isMember(arg as string) ? "ERR-DUPLICATE-OWNER" : null;
        if (kind === "remove") {
          if (!isMember(arg as string)) return "ERR-OWNER-NOT-FOUND";
          const remaining = BigInt(owners.length - 1);
          return remaining >= thr(ROUTINE) && remaining >= thr(CRITICAL) ? null : "ERR-REMOVAL-BELOW-THRESHOLD";
        }
        if (kind === "threshold") return (arg as bigint) >= 1n && (arg as bigint) <= BigInt(owners.length) ? null : "ERR-INVALID-THRESHOLD";
        return null;
      };

      for (let step = 0; step < STEPS; step++) {
        const action = weighted({ propose: 2, again: 0.2, approve: 4, queue: 2, execute: 3, cancel: 0.5, time: 2 });
        if (action === "propose") {
          const kind = weighted({ fee: 2, stx: 1, add: 2, remove: 2, threshold: 1 } as Record<Kind, number>);
          const by = voter();
          let a: Action;
          let arg: string | bigint;
          let cls: bigint = CRITICAL;
          let tcls: bigint | undefined;
          if (kind === "fee") {
            arg = BigInt(rnd.int(0, 2300));
            a = A.setFee(arg);
            cls = ROUTINE;
          } else if (kind === "stx") {
            arg = BigInt(rnd.int(1, 1000));
            a = A.transferStx(rnd.pick(pool), arg);
          } else if (kind === "add" || kind === "remove") {
            const who = rnd.pick(pool);
            arg = who;
            a = kind === "add" ? A.addOwner(who) : A.removeOwner(who);
          } else {
            const which = rnd.pick([ROUTINE, CRITICAL]); // the class whose threshold changes (the op itself is critical)
            tcls = which;
            arg = BigInt(rnd.int(1, owners.length + 1));
            a = A.setThreshold(which, arg);
          }
          const n = ++nonce;
          const err = !isMember(by) ? "ERR-NOT-OWNER" : argErr(kind, arg);
          const r = propose(by, a, n);
          expectOutcome(step, `propose ${kind}`, r, err);
          observe(r);
          if (!err) {
            const id = idOf(r);
            ops.push({
              id,
              hex: hexOf(id),
              action: a,
              nonce: n,
              kind,
              arg,
              cls,
              threshold: tcls !== undefined ? [tcls, arg as bigint] : undefined,
              state: State.Pending,
              eta: 0n,
              epoch,
              approvals: [by],
              cancels: [],
            });
          }
        } else if (action === "again") {
          // the same operation (action, target, value, nonce) proposed again: refused in any state
          const op = pickOp(() => true);
          if (!op) continue;
          const by = voter();
          const r = propose(by, op.action, op.nonce);
          expectOutcome(step, "propose again", r, isMember(by) ? "ERR-OPERATION-ALREADY-PROPOSED" : "ERR-NOT-OWNER");
        } else if (action === "approve") {
          const op = pickOp((o) => o.state === State.Pending);
          if (!op) continue;
          const by = voter();
          const err = !isMember(by) ? "ERR-NOT-OWNER" : pendingErr(op);
          const counted = liveApprovals(op).includes(by);
          const r = approve(by, op.id);
          expectOutcome(step, "approve", r, err);
          observe(r);
          if (!err) {
            expect(r.result).toBeOk(Cl.bool(!counted));
            if (!counted) {
              // as EVM _addApprovals: both lists restart when an owner removal voided them
              op.approvals = [...liveApprovals(op), by];
              op.cancels = [...liveCancels(op)];
              op.epoch = epoch;
            }
          }
        } else if (action === "cancel") {
          const op = pickOp((o) => o.state === State.Pending || o.state === State.Queued);
          if (!op) continue;
          const by = voter();
          const err = !isMember(by) ? "ERR-NOT-OWNER" : openErr(op);
          const r = approveCancel(by, op.id);
          expectOutcome(step, "cancel", r, err);
          observe(r);
          if (!err) {
            // as EVM _addCancelApprovals
            const added = !liveCancels(op).includes(by);
            const cancels = added ? [...liveCancels(op), by] : [...liveCancels(op)];
            const done = cancels.length >= Number(thr(op.cls));
            expect(r.result).toBeOk(Cl.bool(done));
            if (added || done) {
              op.approvals = [...liveApprovals(op)];
              op.cancels = cancels;
              op.epoch = epoch;
              if (done) op.state = State.Cancelled;
            }
          }
        } else if (action === "queue") {
          const op = pickOp((o) => o.state === State.Pending && liveApprovals(o).length >= Number(thr(o.cls)));
          if (!op) continue;
          const at = nextTxTime();
          const err = pendingErr(op) ?? (liveApprovals(op).length < Number(thr(op.cls)) ? "ERR-INSUFFICIENT-APPROVALS" : null);
          const chainThreshold = raw("map", "thresholds", Cl.uint(op.cls)) as bigint;
          const r = queue(rnd.pick(pool), op.id); // anyone may queue
          expectOutcome(step, "queue", r, err);
          if (r.result.type === ClarityType.ResponseOk) {
            // invariant 1, from observations
            const approvers = new Set(approvalLog.filter((l) => l.hex === op.hex && l.seq > lastRemoval).map((l) => l.owner));
            expect(BigInt(approvers.size), "approvals since the last owner removal").toBeGreaterThanOrEqual(chainThreshold);
            const q = (prints(r, MULTISIG)[0] as any).value;
            expect(plain(q.approvals), "queued event approvals").toBe(BigInt(approvers.size));
            queuedEta.set(op.hex, plain(q.eta));
          }
          observe(r);
          if (!err) {
            op.state = State.Queued;
            op.eta = at + delay[op.cls.toString()];
            expect(r.result).toBeOk(Cl.uint(op.eta));
          }
        } else if (action === "execute") {
          // in its window; approvals are not counted again (owners may have been removed, thresholds raised)
          const op = pickOp((o) => o.state === State.Queued && o.eta <= nextTxTime() && nextTxTime() <= o.eta + GRACE);
          if (!op) continue;
          const at = nextTxTime();
          let err: string | bigint | null =
            openErr(op) ??
            (op.state !== State.Queued
              ? "ERR-NOT-QUEUED"
              : at < op.eta
                ? "ERR-TIMELOCK-NOT-ELAPSED"
                : at > op.eta + GRACE
                  ? "ERR-OPERATION-EXPIRED"
                  : null);
          if (!err) {
            if (op.kind === "fee") err = (op.arg as bigint) > 2000n ? 1004n : null;
            else if (op.kind !== "stx") err = argErr(op.kind, op.threshold ? op.threshold[1] : op.arg);
          }
          const msBefore = stxBalance(MULTISIG);
          const by = rnd.pick(pool); // anyone may execute
          const r = op.kind === "fee" ? executeAdmin(by, op.id) : execute(by, op.id);
          expectOutcome(step, `execute ${op.kind}`, r, err);
          if (r.result.type === ClarityType.ResponseOk) {
            // invariant 2, from observations
            expect(executed.has(op.hex), "executes at most once").toBe(false);
            executed.add(op.hex);
            const eta = queuedEta.get(op.hex);
            expect(eta, "executed after a queue").toBeDefined();
            const txTime = simnet.getBlockTime();
            expect(txTime).toBeGreaterThanOrEqual(eta!);
            expect(txTime).toBeLessThanOrEqual(eta! + GRACE);
          }
          observe(r);
          if (!err) {
            op.state = State.Executed;
            if (op.kind === "fee") fee = op.arg as bigint;
            if (op.kind === "stx") expect(stxBalance(MULTISIG)).toBe(msBefore - (op.arg as bigint));
            if (op.kind === "add") owners.push(op.arg as string);
            if (op.kind === "remove") {
              const i = owners.indexOf(op.arg as string);
              owners[i] = owners[owners.length - 1];
              owners.pop();
              epoch++;
            }
            if (op.kind === "threshold") thresholds[op.threshold![0].toString()] = op.threshold![1];
          }
        } else {
          simnet.mineEmptyBurnBlocks(rnd.pick([1, 30, 144, 144, 288, 288, 288, 288, 2100]));
        }

        // model == chain (raw state reads, so these checks add nothing to the costs report)
        expect(raw("var", "owner-list"), "owners, in order").toEqual(owners);
        expect(raw("var", "owners-epoch"), "owners epoch").toBe(BigInt(epoch));
        expect(raw("map", "thresholds", Cl.uint(ROUTINE))).toBe(thr(ROUTINE));
        expect(raw("map", "thresholds", Cl.uint(CRITICAL))).toBe(thr(CRITICAL));
        expect(plain(simnet.getDataVar("escrow", "platform-fee-bps"))).toBe(fee);
        for (const op of ops) {
          const st = raw("map", "operation-states", op.id);
          const tag = `op ${op.hex.slice(0, 8)}`;
          expect(st.state, `state of ${tag}`).toBe(op.state);
          expect(st["owners-epoch"], `epoch of ${tag}`).toBe(BigInt(op.epoch));
          expect(st.approvals, `approvals of ${tag}`).toEqual(op.approvals);
          expect(st["cancel-approvals"], `cancel approvals of ${tag}`).toEqual(op.cancels);
        }
      }
      // finally, the contract's own views agree with the model for every operation
      for (const op of ops) {
        const view = operation(op.id)!;
        expect(view.approvals, `approvals view of op ${op.hex.slice(0, 8)}`).toBe(BigInt(liveApprovals(op).length));
        expect(view["cancel-approvals"]).toBe(BigInt(liveCancels(op).length));
        for (const o of pool) {
          expect(ro("has-approved", [op.id, Cl.principal(o)])).toBeBool(liveApprovals(op).includes(o));
          expect(ro("has-approved-cancel", [op.id, Cl.principal(o)])).toBeBool(liveCancels(op).includes(o));
        }
      }
      if (process.env.FUZZ_DEBUG) console.error(`seed ${seed} outcomes`, okCount, `ops ${ops.length}, epoch ${epoch}`);
      const executes = Object.entries(okCount)
        .filter(([k]) => k.startsWith("execute"))
        .reduce((t, [, n]) => t + n, 0);
      for (const a of ["propose", "approve", "queue", "cancel"]) expect(okCount[a] ?? 0, `successful ${a} calls`).toBeGreaterThan(0);
      expect(executes, "successful execute calls").toBeGreaterThan(0);
      expect(epoch, "owners were removed").toBeGreaterThan(0);
    },
  );
});

// ───────────────────────────── cost baseline ─────────────────────────────
// Canonical calls for the benchmark (scripts/bench/clarityCosts.ts): filter
// costs-reports.json on test names containing "cost baseline: multisig".

describe("cost baseline", () => {
  const recipient = o5;
  it.each([
    ["2-of-3", "fee change", 3],
    ["3-of-5", "fee change", 5],
    ["2-of-3", "STX transfer", 3],
    ["3-of-5", "STX transfer", 5],
  ] as const)("cost baseline: multisig %s %s, propose/approve/queue/execute", (_m, what, owners) => {
    const isFee = what === "fee change";
    // 2-of-3: the action is configured routine (threshold 2); 3-of-5: unconfigured, so critical (threshold 3)
    const routineActions: Array<[string, string]> =
      owners === 3 ? [isFee ? [ESCROW, "set-platform-fee"] : [recipient, "transfer-stx"]] : [];
    setup({ owners: OWNERS.slice(0, owners), routine: 2, critical: 3, routineActions });
    if (!isFee) fundStx(10_000_000n);
    const approvers = OWNERS.slice(0, owners === 3 ? 2 : 3);
    const action = isFee ? A.setFee(500) : A.transferStx(recipient, 1_000_000);
    pass(action, approvers, (id) => (isFee ? executeAdmin(o1, id) : execute(o1, id)));
    if (isFee) expect(escrowFee()).toBe(500n);
    else expect(stxBalance(MULTISIG)).toBe(9_000_000n);
  });
});
