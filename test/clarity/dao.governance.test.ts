// Simnet tests of the Stacks DAO governance (clarity/contracts/dao/): dao-core (ExecutorDAO-style
// executor), dao-token (SIP-010 WORX, delegation, block-height checkpoints read with verified
// hints, staking locks) and proposal-voting (propose / vote with reason / quorum / late-quorum
// extension / queue with a block-height timelock / execute through dao-core / guardian cancel).
// Covers: flash-loan voting impossible (snapshot at vote-start), quorum and threshold edges,
// for > against, double votes, wrong hints, timelock bypass attempts (early, unqueued, repeated,
// direct dao-core calls, relays), contract-caller rules (the tx-sender trick, a contract reached
// while a proposal runs), guardian cancel while pending only, staking locks, the bootstrap, an
// end-to-end parameter change, every error constant, and the cost baselines the bench reads.
//
// Heights: a transaction runs in block simnet.stacksBlockHeight + 1 (nextHeight()); mineTo(h)
// makes the next transaction run in block h. Tests start from `construct` with the test-double
// bootstrap (same parameters as proposals/bootstrap.clar, plus dao-test-minter to hand out WORX).
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { Cl, ClarityType, type ClarityValue } from "@stacks/transactions";
import { DAY, TX_STEP, advanceTo, nextTxTime, plain, prints, repoRoot } from "./helpers";

type TxResult = ReturnType<typeof simnet.callPublicFn>;

const accounts = simnet.getAccounts();
const deployer = accounts.get("deployer")!; // constructs the DAO; the guardian
const alice = accounts.get("wallet_1")!;
const bob = accounts.get("wallet_2")!;
const carol = accounts.get("wallet_3")!;
const dave = accounts.get("wallet_4")!;
const stranger = accounts.get("wallet_5")!;

const C = (name: string) => `${deployer}.${name}`;
const CORE = C("dao-core");
const TOKEN = C("dao-token");
const VOTING = C("proposal-voting");
const PROXY = C("dao-proxy");

const u = (n: number | bigint) => Cl.uint(n);
const p = (s: string) => Cl.principal(s);
const OK = Cl.bool(true);

/** 1 WORX in micro-units (6 decimals). */
const WORX = 1_000_000n;
/** The bootstrap's parameters (blocks, micro-WORX, bps). */
const PARAMS = { delay: 10n, period: 50n, threshold: 100n * WORX, quorumBps: 400n, extension: 10n, timelock: 20n };
const Support = { Against: 0n, For: 1n, Abstain: 2n } as const;
const State = { Pending: 0n, Active: 1n, Canceled: 2n, Defeated: 3n, Succeeded: 4n, Queued: 5n, Executed: 7n } as const;
const Term = { Days30: 0n, Days90: 1n, Days180: 2n } as const;

// ─────────────────────────── error constants ───────────────────────────

/** `(define-constant ERR-X (err uN))` declarations of a contract file, by name. */
function errorsOf(file: string): Record<string, bigint> {
  const src = fs.readFileSync(path.join(repoRoot, file), "utf8");
  return Object.fromEntries([...src.matchAll(/\(define-constant (ERR-[A-Z0-9-]+) \(err u(\d+)\)\)/g)].map((m) => [m[1], BigInt(m[2])]));
}
const CORE_ERR = errorsOf("clarity/contracts/dao/dao-core.clar");
const TOKEN_ERR = errorsOf("clarity/contracts/dao/dao-token.clar");
const VOTING_ERR = errorsOf("clarity/contracts/dao/proposal-voting.clar");
/** Every error code a test produced, to check all are covered. */
const seenErrors = new Set<string>();
function expectErr(r: TxResult | { result: ClarityValue }, table: Record<string, bigint>, name: string) {
  expect(table[name], `unknown error constant ${name}`).toBeDefined();
  expect(r.result).toBeErr(u(table[name]));
  seenErrors.add(`${table === CORE_ERR ? "core" : table === TOKEN_ERR ? "token" : "voting"}:${name}`);
}

// ─────────────────────────── chain helpers ───────────────────────────

const call = (contract: string, fn: string, args: ClarityValue[], sender: string): TxResult => simnet.callPublicFn(contract, fn, args, sender);
const ro = (contract: string, fn: string, args: ClarityValue[] = []) => simnet.callReadOnlyFn(contract, fn, args, stranger).result;

/** Block height of the next transaction. */
const nextHeight = () => BigInt(simnet.stacksBlockHeight + 1);
/** Mine empty blocks so that the next transaction runs in block `h`. */
function mineTo(h: bigint) {
  const n = Number(h - nextHeight());
  expect(n, `cannot go back to block ${h}`).toBeGreaterThanOrEqual(0);
  if (n > 0) simnet.mineEmptyBlocks(n);
}

function mapEntry(contract: string, map: string, key: ClarityValue): ClarityValue | null {
  try {
    const v = simnet.getMapEntry(contract, map, key);
    if (v.type === ClarityType.OptionalNone) return null;
    return v.type === ClarityType.OptionalSome ? v.value : v;
  } catch {
    return null; // the SDK throws for a missing key
  }
}

/** An account's vote checkpoints, read from the map (no contract call). */
function checkpointsOf(account: string): Array<{ "from-height": bigint; votes: bigint }> {
  const out = [];
  for (let i = 0; ; i++) {
    const cp = mapEntry("dao-token", "checkpoints", Cl.tuple({ account: p(account), index: u(i) }));
    if (!cp) return out;
    out.push(plain(cp));
  }
}

/** The hint an off-chain client computes: the last checkpoint with from-height <= height (binary
 * search), u0 when there is none. */
function hintAt(account: string, height: bigint): bigint {
  const cps = checkpointsOf(account);
  let lo = 0;
  let hi = cps.length; // first index with from-height > height
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (cps[mid]["from-height"] <= height) lo = mid + 1;
    else hi = mid;
  }
  return BigInt(Math.max(lo - 1, 0));
}

// ─────────────────────────── actions ───────────────────────────

const construct = (proposal = "proposal-test-bootstrap", by = deployer) => call("dao-core", "construct", [p(C(proposal))], by);
function setup() {
  expect(construct().result).toBeOk(OK);
}
const mint = (who: string, amount: bigint) => call("dao-test-minter", "mint", [u(amount), p(who)], deployer);
const delegate = (who: string, to = who) => call("dao-token", "delegate", [p(to)], who);
const transfer = (from: string, to: string, amount: bigint) => call("dao-token", "transfer", [u(amount), p(from), p(to), Cl.none()], from);
const votesOf = (who: string) => plain(ro("dao-token", "get-votes", [p(who)])) as bigint;
const balanceOf = (who: string) => plain(ro("dao-token", "get-balance", [p(who)])) as bigint;

const DESCRIPTION = "Raise the quorum to 5% and the timelock to 30 blocks";
const propose = (who: string, proposal = "proposal-noop-a", hint?: bigint) =>
  call("proposal-voting", "propose", [p(C(proposal)), Cl.stringUtf8(DESCRIPTION), u(hint ?? hintAt(who, nextHeight() - 1n))], who);

function proposalOf(proposal: string): Record<string, any> {
  const v = mapEntry("proposal-voting", "proposals", p(C(proposal)));
  expect(v, `proposal ${proposal} exists`).not.toBeNull();
  return plain(v!);
}
/** The state as of the tip (read-only calls run at the last mined block, one below nextHeight()). */
const stateOf = (proposal: string) => plain(ro("proposal-voting", "get-proposal-state", [p(C(proposal))])) as bigint;

const vote = (who: string, proposal: string, support: bigint, hint?: bigint, reason = "because") =>
  call(
    "proposal-voting",
    "vote",
    [p(C(proposal)), u(support), Cl.stringUtf8(reason), u(hint ?? hintAt(who, proposalOf(proposal)["vote-start"]))],
    who,
  );
const queue = (proposal: string, by = stranger) => call("proposal-voting", "queue", [p(C(proposal))], by);
const execute = (proposal: string, by = stranger) => call("proposal-voting", "execute", [p(C(proposal))], by);
const cancel = (proposal: string, by: string) => call("proposal-voting", "cancel", [p(C(proposal))], by);

/** The standard holders: 10_000 WORX in all (quorum 4% = 400 WORX). Alice 1_000, Bob 500 and Carol
 * 300 vote for themselves; Dave's 8_200 are not delegated (they count in the supply, not in votes). */
function holders() {
  for (const [who, amount] of [
    [alice, 1_000n],
    [bob, 500n],
    [carol, 300n],
    [dave, 8_200n],
  ] as const)
    expect(mint(who, amount * WORX).result).toBeOk(OK);
  for (const who of [alice, bob, carol]) expect(delegate(who).result).toBeOk(OK);
  simnet.mineEmptyBlock(); // votes count from the block after the delegation
}

/** Propose and mine until voting is open (the block after vote-start). */
function proposeAndOpen(proposal = "proposal-noop-a", by = alice) {
  expect(propose(by, proposal).result).toHaveClarityType(ClarityType.ResponseOk);
  mineTo(proposalOf(proposal)["vote-start"] + 1n);
}
/** Mine past the proposal's (current) vote-end, so that the tip (what read-only calls see) and
 * the next transaction are both after it. */
const closeVoting = (proposal: string) => mineTo(proposalOf(proposal)["vote-end"] + 2n);

/** propose -> alice votes for -> queue -> mine to eta: ready to execute. */
function passAndQueue(proposal: string) {
  proposeAndOpen(proposal);
  expect(vote(alice, proposal, Support.For).result).toBeOk(u(1_000n * WORX));
  closeVoting(proposal);
  expect(stateOf(proposal)).toBe(State.Succeeded);
  const eta = nextHeight() + PARAMS.timelock;
  expect(queue(proposal).result).toBeOk(u(eta));
  mineTo(proposalOf(proposal).eta);
}

const eventsOf = (r: TxResult, contract: string) => prints(r, contract).map((v) => plain(v));

// ───────────────────────────── dao-core ─────────────────────────────

describe("dao-core: construct, extensions, execution rights", () => {
  it("construct runs the bootstrap once, by the deployer only", () => {
    expectErr(construct("proposal-test-bootstrap", alice), CORE_ERR, "ERR-NOT-CONSTRUCTOR");
    expect(ro("dao-core", "is-constructed")).toBeBool(false);
    const r = construct();
    expect(r.result).toBeOk(OK);
    expect(ro("dao-core", "is-constructed")).toBeBool(true);
    expect(ro("dao-core", "is-extension", [p(VOTING)])).toBeBool(true);
    expect(ro("dao-core", "is-extension", [p(C("dao-test-minter"))])).toBeBool(true);
    expect(ro("dao-core", "executed-at", [p(C("proposal-test-bootstrap"))])).toBeSome(u(simnet.stacksBlockHeight));
    expect(eventsOf(r, CORE)).toEqual([
      { topic: "extension-updated", extension: VOTING, enabled: true },
      { topic: "extension-updated", extension: C("dao-test-minter"), enabled: true },
      { topic: "proposal-executed", proposal: C("proposal-test-bootstrap"), sender: deployer },
    ]);
    expect(ro("proposal-voting", "get-guardian")).toBeSome(p(deployer));
    // once only, even with another proposal
    expectErr(construct("proposal-noop-a"), CORE_ERR, "ERR-NOT-CONSTRUCTOR");
    // nothing runs outside an execution
    expect(ro("dao-core", "get-executing-proposal")).toBeNone();
  });

  it("the real bootstrap enables proposal-voting, dao-treasury and work-rewards and sets the same parameters as the tests' bootstrap", () => {
    expect(construct("dao-bootstrap").result).toBeOk(OK);
    for (const ext of ["proposal-voting", "dao-treasury", "work-rewards"]) expect(ro("dao-core", "is-extension", [p(C(ext))])).toBeBool(true);
    // no test minter, no pre-mine
    expect(ro("dao-core", "is-extension", [p(C("dao-test-minter"))])).toBeBool(false);
    expect(ro("dao-token", "get-total-supply")).toBeOk(u(0));
    expect(plain(ro("proposal-voting", "get-parameters"))).toEqual({
      "voting-delay": PARAMS.delay,
      "voting-period": PARAMS.period,
      "proposal-threshold": PARAMS.threshold,
      "quorum-bps": PARAMS.quorumBps,
      "vote-extension": PARAMS.extension,
      "timelock-blocks": PARAMS.timelock,
    });
    expect(ro("proposal-voting", "get-guardian")).toBeSome(p(deployer));
    // the bootstrap was executed: it can never be proposed (run) again
    expectErr(propose(alice, "dao-bootstrap"), VOTING_ERR, "ERR-ALREADY-EXECUTED");
  });

  it("is-dao-or-extension: true for dao-core and enabled extensions, false for users, relays and disabled extensions", () => {
    setup();
    expect(ro("dao-core", "is-dao-or-extension", [p(CORE)])).toBeOk(OK);
    expect(ro("dao-core", "is-dao-or-extension", [p(VOTING)])).toBeOk(OK);
    for (const who of [deployer, alice, PROXY, C("proposal-noop-a")]) {
      expectErr({ result: ro("dao-core", "is-dao-or-extension", [p(who)]) }, CORE_ERR, "ERR-UNAUTHORIZED");
    }
  });

  it("extension-only functions refuse a user, and a relay contract although tx-sender is the user (tx-sender trick)", () => {
    setup();
    // set-extension / set-extensions / execute directly by users (even the deployer)
    for (const who of [deployer, alice]) {
      expectErr(call("dao-core", "set-extension", [p(alice), Cl.bool(true)], who), CORE_ERR, "ERR-UNAUTHORIZED");
      expectErr(
        call("dao-core", "set-extensions", [Cl.list([Cl.tuple({ extension: p(alice), enabled: Cl.bool(true) })])], who),
        CORE_ERR,
        "ERR-UNAUTHORIZED",
      );
      // the timelock bypass: calling dao-core execute directly
      expectErr(call("dao-core", "execute", [p(C("proposal-set-parameters")), p(who)], who), CORE_ERR, "ERR-UNAUTHORIZED");
      expectErr(call("dao-token", "mint", [u(WORX), p(who)], who), TOKEN_ERR, "ERR-NOT-AUTHORIZED");
      expectErr(call("proposal-voting", "set-parameters", [u(0), u(1), u(0), u(0), u(0), u(0)], who), VOTING_ERR, "ERR-NOT-AUTHORIZED");
      expectErr(call("proposal-voting", "set-guardian", [Cl.some(p(who))], who), VOTING_ERR, "ERR-NOT-AUTHORIZED");
    }
    // through a relay: tx-sender is the user, contract-caller the relay, which is no extension
    expectErr(call("dao-proxy", "set-extension", [p(alice), Cl.bool(true)], deployer), CORE_ERR, "ERR-UNAUTHORIZED");
    expectErr(call("dao-proxy", "execute", [p(C("proposal-set-parameters")), p(deployer)], deployer), CORE_ERR, "ERR-UNAUTHORIZED");
    expectErr(call("dao-proxy", "mint", [u(WORX), p(deployer)], deployer), TOKEN_ERR, "ERR-NOT-AUTHORIZED");
    expectErr(call("dao-proxy", "set-parameters", [], deployer), VOTING_ERR, "ERR-NOT-AUTHORIZED");
    expect(ro("dao-core", "is-extension", [p(alice)])).toBeBool(false);
    expect(ro("dao-core", "executed-at", [p(C("proposal-set-parameters"))])).toBeNone();
    expect(ro("dao-token", "get-total-supply")).toBeOk(u(0));
  });

  it("a contract a proposal calls is not the DAO, although tx-sender is dao-core while the proposal runs", () => {
    setup();
    holders();
    passAndQueue("proposal-via-relay");
    const supply = plain(ro("dao-token", "get-total-supply"));
    // the relay's mint is refused, so the whole execution reverts and the proposal stays queued
    expectErr(execute("proposal-via-relay"), TOKEN_ERR, "ERR-NOT-AUTHORIZED");
    expect(stateOf("proposal-via-relay")).toBe(State.Queued);
    expect(ro("dao-token", "get-total-supply")).toBeOk(u(supply));
    expect(ro("dao-core", "executed-at", [p(C("proposal-via-relay"))])).toBeNone();
  });

  it("the proposal being executed acts as the DAO (mints directly); a failing proposal reverts everything and stays queued", () => {
    setup();
    holders();
    passAndQueue("proposal-mint");
    const before = balanceOf(carol);
    const r = execute("proposal-mint", carol);
    expect(r.result).toBeOk(OK);
    expect(balanceOf(carol)).toBe(before + WORX); // minted to the executor (the proposal's `sender`)
    expect(ro("dao-core", "get-executing-proposal")).toBeNone();

    passAndQueue("proposal-failing");
    expect(execute("proposal-failing").result).toBeErr(u(999));
    expect(stateOf("proposal-failing")).toBe(State.Queued);
    expect(balanceOf(stranger)).toBe(0n); // its mint was reverted
    expect(ro("dao-core", "executed-at", [p(C("proposal-failing"))])).toBeNone();
  });
});

// ───────────────────────────── dao-token ─────────────────────────────

describe("dao-token: SIP-010, delegation, checkpoints", () => {
  it("SIP-010 metadata; 6 decimals; no pre-mine; mint only by the DAO or an extension", () => {
    setup();
    expect(ro("dao-token", "get-name")).toBeOk(Cl.stringAscii("Worx"));
    expect(ro("dao-token", "get-symbol")).toBeOk(Cl.stringAscii("WORX"));
    expect(ro("dao-token", "get-decimals")).toBeOk(u(6));
    expect(ro("dao-token", "get-token-uri")).toBeOk(Cl.none());
    expect(ro("dao-token", "get-total-supply")).toBeOk(u(0));
    expectErr(mint(alice, 0n), TOKEN_ERR, "ERR-ZERO-AMOUNT");
    expect(mint(alice, 5n * WORX).result).toBeOk(OK);
    expect(balanceOf(alice)).toBe(5n * WORX);
    expect(ro("dao-token", "get-total-supply")).toBeOk(u(5n * WORX));
  });

  it("transfers: by the owner (tx-sender) or the owning contract only; zero and self transfers refused; votes follow", () => {
    setup();
    holders();
    expectErr(call("dao-token", "transfer", [u(WORX), p(alice), p(bob), Cl.none()], bob), TOKEN_ERR, "ERR-NOT-AUTHORIZED");
    expectErr(transfer(alice, bob, 0n), TOKEN_ERR, "ERR-ZERO-AMOUNT");
    expectErr(transfer(alice, alice, WORX), TOKEN_ERR, "ERR-SELF-TRANSFER");
    expectErr(transfer(alice, bob, 1_000n * WORX + 1n), TOKEN_ERR, "ERR-INSUFFICIENT-UNLOCKED-BALANCE");
    const r = transfer(alice, bob, 100n * WORX);
    expect(r.result).toBeOk(OK);
    expect(votesOf(alice)).toBe(900n * WORX);
    expect(votesOf(bob)).toBe(600n * WORX);
    expect(eventsOf(r, TOKEN)).toEqual([
      { topic: "delegate-votes-changed", delegate: alice, "previous-votes": 1_000n * WORX, "new-votes": 900n * WORX },
      { topic: "delegate-votes-changed", delegate: bob, "previous-votes": 500n * WORX, "new-votes": 600n * WORX },
    ]);
    // to an undelegated holder: its votes go to nobody
    expect(transfer(alice, dave, 100n * WORX).result).toBeOk(OK);
    expect(votesOf(alice)).toBe(800n * WORX);
    expect(votesOf(dave)).toBe(0n);
  });

  it("delegation: votes only after delegating (self included); re-delegation moves them; events", () => {
    setup();
    expect(mint(alice, 10n * WORX).result).toBeOk(OK);
    expect(votesOf(alice)).toBe(0n);
    let r = delegate(alice);
    expect(eventsOf(r, TOKEN)).toEqual([
      { topic: "delegate-changed", delegator: alice, "from-delegate": null, "to-delegate": alice },
      { topic: "delegate-votes-changed", delegate: alice, "previous-votes": 0n, "new-votes": 10n * WORX },
    ]);
    expect(votesOf(alice)).toBe(10n * WORX);
    r = delegate(alice, bob);
    expect(eventsOf(r, TOKEN)).toEqual([
      { topic: "delegate-changed", delegator: alice, "from-delegate": alice, "to-delegate": bob },
      { topic: "delegate-votes-changed", delegate: alice, "previous-votes": 10n * WORX, "new-votes": 0n },
      { topic: "delegate-votes-changed", delegate: bob, "previous-votes": 0n, "new-votes": 10n * WORX },
    ]);
    expect(votesOf(bob)).toBe(10n * WORX);
    expect(balanceOf(bob)).toBe(0n); // votes, not tokens
    expect(ro("dao-token", "get-delegate", [p(alice)])).toBeSome(p(bob));
    // minting to a delegating account credits its delegatee
    expect(mint(alice, 5n * WORX).result).toBeOk(OK);
    expect(votesOf(bob)).toBe(15n * WORX);
    // re-delegating to the same delegatee changes nothing
    r = delegate(alice, bob);
    expect(eventsOf(r, TOKEN).map((e) => e.topic)).toEqual(["delegate-changed"]);
  });

  it("checkpoints: one per block (same-block changes overwrite); get-votes-at with the right hint at every height, any other hint refused", () => {
    setup();
    expect(mint(alice, 100n).result).toBeOk(OK);
    const h0 = nextHeight();
    expect(delegate(alice).result).toBeOk(OK); // checkpoint 0 at h0: 100
    simnet.mineEmptyBlocks(2);
    const h1 = nextHeight();
    // two changes in one block: one checkpoint (the block's final value)
    const same = simnet.mineBlock([
      txCall("dao-test-minter", "mint", [u(50), p(alice)], deployer),
      txCall("dao-token", "transfer", [u(30), p(alice), p(bob), Cl.none()], alice),
    ]);
    for (const r of same) expect(r.result).toBeOk(OK);
    simnet.mineEmptyBlocks(3);
    const h2 = nextHeight();
    expect(transfer(alice, bob, 20n).result).toBeOk(OK); // checkpoint 2 at h2: 100
    simnet.mineEmptyBlock();
    expect(checkpointsOf(alice)).toEqual([
      { "from-height": h0, votes: 100n },
      { "from-height": h1, votes: 120n },
      { "from-height": h2, votes: 100n },
    ]);
    expect(ro("dao-token", "get-checkpoint-count", [p(alice)])).toBeUint(3);
    const expected = (h: bigint) => (h < h0 ? 0n : h < h1 ? 100n : h < h2 ? 120n : 100n);
    const tip = BigInt(simnet.stacksBlockHeight);
    for (let h = h0 - 2n; h < tip; h++) {
      const right = hintAt(alice, h);
      expect(ro("dao-token", "get-votes-at", [p(alice), u(h), u(right)]), `height ${h}`).toBeOk(u(expected(h)));
      for (let hint = 0n; hint <= 4n; hint++) {
        if (hint === right) continue;
        const r = ro("dao-token", "get-votes-at", [p(alice), u(h), u(hint)]);
        expect(r, `height ${h} hint ${hint}`).toBeErr(u(TOKEN_ERR["ERR-INVALID-HINT"]));
      }
    }
    seenErrors.add("token:ERR-INVALID-HINT");
    // the current block is not final yet
    expectErr({ result: ro("dao-token", "get-votes-at", [p(alice), u(tip), u(2)]) }, TOKEN_ERR, "ERR-FUTURE-LOOKUP");
    // an account without checkpoints: u0 with hint u0 only
    expect(ro("dao-token", "get-votes-at", [p(carol), u(tip - 1n), u(0)])).toBeOk(u(0));
    expect(ro("dao-token", "get-votes-at", [p(carol), u(tip - 1n), u(1)])).toBeErr(u(TOKEN_ERR["ERR-INVALID-HINT"]));
  });

  it("total-supply checkpoints: get-total-supply-at with hints", () => {
    setup();
    const h0 = nextHeight();
    expect(mint(alice, 7n).result).toBeOk(OK);
    simnet.mineEmptyBlocks(2);
    const h1 = nextHeight();
    expect(mint(bob, 3n).result).toBeOk(OK);
    simnet.mineEmptyBlock();
    expect(ro("dao-token", "get-supply-checkpoint-count")).toBeUint(2);
    expect(plain(ro("dao-token", "get-supply-checkpoint", [u(1)]))).toEqual({ "from-height": h1, supply: 10n });
    expect(ro("dao-token", "get-total-supply-at", [u(h0 - 1n), u(0)])).toBeOk(u(0));
    expect(ro("dao-token", "get-total-supply-at", [u(h0), u(0)])).toBeOk(u(7));
    expect(ro("dao-token", "get-total-supply-at", [u(h1 - 1n), u(0)])).toBeOk(u(7));
    expect(ro("dao-token", "get-total-supply-at", [u(h1), u(1)])).toBeOk(u(10));
    expect(ro("dao-token", "get-total-supply-at", [u(h1), u(0)])).toBeErr(u(TOKEN_ERR["ERR-INVALID-HINT"]));
    expect(ro("dao-token", "get-total-supply-at", [u(h1 - 1n), u(1)])).toBeErr(u(TOKEN_ERR["ERR-INVALID-HINT"]));
    expect(ro("dao-token", "get-total-supply-at", [u(h1 + 1n), u(0)])).toBeErr(u(TOKEN_ERR["ERR-FUTURE-LOOKUP"]));
  });
});

/** A public-call transaction for simnet.mineBlock. */
function txCall(contract: string, fn: string, args: ClarityValue[], sender: string) {
  return { callPublicFn: { contract, method: fn, args, sender } } as any;
}

// ───────────────────────────── staking ─────────────────────────────

describe("dao-token: staking locks", () => {
  it("stake locks the holder's own tokens: transfer of locked refused, votes kept, power boosted", () => {
    setup();
    holders();
    const t = nextTxTime();
    const r = call("dao-token", "stake", [u(600n * WORX), u(Term.Days90)], alice);
    const unlockAt = t + 90n * DAY;
    expect(r.result).toBeOk(u(unlockAt));
    expect(eventsOf(r, TOKEN)).toEqual([
      { topic: "staked", account: alice, term: Term.Days90, amount: 600n * WORX, "position-amount": 600n * WORX, "unlock-at": unlockAt },
    ]);
    expect(balanceOf(alice)).toBe(1_000n * WORX); // the tokens never moved
    expect(ro("dao-token", "get-locked-balance", [p(alice)])).toBeUint(600n * WORX);
    expect(ro("dao-token", "get-unlocked-balance", [p(alice)])).toBeUint(400n * WORX);
    expect(votesOf(alice)).toBe(1_000n * WORX); // staked tokens keep their votes
    expect(ro("dao-token", "get-staking-power", [p(alice)])).toBeUint(900n * WORX); // 600 x 1.5
    // transferring or staking into the locked part is refused; the unlocked part moves
    expectErr(transfer(alice, bob, 400n * WORX + 1n), TOKEN_ERR, "ERR-INSUFFICIENT-UNLOCKED-BALANCE");
    expectErr(call("dao-token", "stake", [u(400n * WORX + 1n), u(Term.Days30)], alice), TOKEN_ERR, "ERR-INSUFFICIENT-UNLOCKED-BALANCE");
    expect(transfer(alice, bob, 400n * WORX).result).toBeOk(OK);
    expectErr(transfer(alice, bob, 1n), TOKEN_ERR, "ERR-INSUFFICIENT-UNLOCKED-BALANCE");
    // and the staked tokens still vote
    proposeAndOpen("proposal-noop-a", bob);
    expect(vote(alice, "proposal-noop-a", Support.For).result).toBeOk(u(600n * WORX));
  });

  it("boosts per term, adding never shortens a lock, unstake only at unlock-at (no early exit), power ends at unlock", () => {
    setup();
    holders();
    const t0 = nextTxTime();
    expect(call("dao-token", "stake", [u(100n * WORX), u(Term.Days30)], alice).result).toBeOk(u(t0 + 30n * DAY));
    expect(call("dao-token", "stake", [u(100n * WORX), u(Term.Days90)], alice).result).toHaveClarityType(ClarityType.ResponseOk);
    const t2 = nextTxTime();
    expect(call("dao-token", "stake", [u(100n * WORX), u(Term.Days180)], alice).result).toBeOk(u(t2 + 180n * DAY));
    expect(ro("dao-token", "get-staking-power", [p(alice)])).toBeUint(100n * WORX + 150n * WORX + 200n * WORX);
    expect(ro("dao-token", "get-boost-bps", [u(2)])).toBeSome(u(20_000));
    expect(ro("dao-token", "get-lock-duration", [u(0)])).toBeSome(u(30n * DAY));
    // adding to the 30-day position later extends it from now
    advanceTo(t0 + 10n * DAY);
    const t3 = nextTxTime();
    const r = call("dao-token", "stake", [u(50n * WORX), u(Term.Days30)], alice);
    expect(r.result).toBeOk(u(t3 + 30n * DAY));
    expect(eventsOf(r, TOKEN)[0]["position-amount"]).toBe(150n * WORX);
    const unlock30 = t3 + 30n * DAY;
    // no early exit: refused in the last block before unlock-at (blocks are 10 s apart here)
    advanceTo(unlock30 - TX_STEP);
    expect(nextTxTime()).toBeLessThan(unlock30);
    expectErr(call("dao-token", "unstake", [u(Term.Days30)], alice), TOKEN_ERR, "ERR-STAKE-LOCKED");
    expect(ro("dao-token", "get-staking-power", [p(alice)])).toBeUint(150n * WORX + 150n * WORX + 200n * WORX);
    advanceTo(unlock30);
    simnet.mineEmptyStacksBlock(); // the tip (read-only calls) is now at or after unlock-at
    // unlockable: no power any more, still locked until unstaked
    expect(ro("dao-token", "get-staking-power", [p(alice)])).toBeUint(150n * WORX + 200n * WORX);
    expect(ro("dao-token", "get-locked-balance", [p(alice)])).toBeUint(350n * WORX);
    const out = call("dao-token", "unstake", [u(Term.Days30)], alice);
    expect(out.result).toBeOk(u(150n * WORX));
    expect(eventsOf(out, TOKEN)).toEqual([{ topic: "unstaked", account: alice, term: Term.Days30, amount: 150n * WORX }]);
    expect(ro("dao-token", "get-locked-balance", [p(alice)])).toBeUint(200n * WORX);
    expect(ro("dao-token", "get-stake", [p(alice), u(Term.Days30)])).toBeNone();
    expectErr(call("dao-token", "unstake", [u(Term.Days30)], alice), TOKEN_ERR, "ERR-NO-STAKE");
    // a later shorter addition never shortens the 180-day lock
    const pos = plain(ro("dao-token", "get-stake", [p(alice), u(Term.Days180)]));
    expect(pos["unlock-at"]).toBe(t2 + 180n * DAY);
    expect(votesOf(alice)).toBe(1_000n * WORX);
  });

  it("stake / unstake: zero amount, unknown term, a relay acts only as itself", () => {
    setup();
    holders();
    expectErr(call("dao-token", "stake", [u(0), u(Term.Days30)], alice), TOKEN_ERR, "ERR-ZERO-AMOUNT");
    expectErr(call("dao-token", "stake", [u(WORX), u(3)], alice), TOKEN_ERR, "ERR-INVALID-TERM");
    expectErr(call("dao-token", "unstake", [u(3)], alice), TOKEN_ERR, "ERR-INVALID-TERM");
    // the proxy holds nothing: it cannot lock alice's tokens in her name
    expectErr(call("dao-proxy", "stake", [u(WORX), u(Term.Days30)], alice), TOKEN_ERR, "ERR-INSUFFICIENT-UNLOCKED-BALANCE");
    expect(ro("dao-token", "get-locked-balance", [p(alice)])).toBeUint(0);
  });
});

// ───────────────────────────── proposal-voting ─────────────────────────────

describe("proposal-voting: propose and threshold", () => {
  it("propose records start/end/quorum and emits proposal-created; the same proposal cannot be proposed twice", () => {
    setup();
    holders();
    const h = nextHeight();
    const r = propose(alice);
    expect(r.result).toBeOk(u(h + PARAMS.delay));
    expect(proposalOf("proposal-noop-a")).toEqual({
      proposer: alice,
      "vote-start": h + PARAMS.delay,
      "vote-end": h + PARAMS.delay + PARAMS.period,
      quorum: 400n * WORX,
      "for-votes": 0n,
      "against-votes": 0n,
      "abstain-votes": 0n,
      eta: 0n,
      executed: false,
      canceled: false,
    });
    expect(eventsOf(r, VOTING)).toEqual([
      {
        topic: "proposal-created",
        proposal: C("proposal-noop-a"),
        proposer: alice,
        "vote-start": h + PARAMS.delay,
        "vote-end": h + PARAMS.delay + PARAMS.period,
        quorum: 400n * WORX,
        description: DESCRIPTION,
      },
    ]);
    expect(stateOf("proposal-noop-a")).toBe(State.Pending);
    expectErr(propose(bob), VOTING_ERR, "ERR-PROPOSAL-EXISTS");
    expectErr({ result: ro("proposal-voting", "get-proposal-state", [p(C("proposal-noop-b"))]) }, VOTING_ERR, "ERR-UNKNOWN-PROPOSAL");
  });

  it("threshold edges: threshold - 1 refused, exactly the threshold accepted; votes count from the block after delegating", () => {
    setup();
    expect(mint(alice, PARAMS.threshold - 1n).result).toBeOk(OK);
    expect(mint(bob, PARAMS.threshold).result).toBeOk(OK);
    expect(mint(carol, PARAMS.threshold).result).toBeOk(OK);
    expect(delegate(alice).result).toBeOk(OK);
    expect(delegate(bob).result).toBeOk(OK);
    // carol delegates and proposes in the same block: her votes at the previous block are 0
    const [d, pr] = simnet.mineBlock([
      txCall("dao-token", "delegate", [p(carol)], carol),
      txCall("proposal-voting", "propose", [p(C("proposal-noop-c")), Cl.stringUtf8("same block"), u(0)], carol),
    ]);
    expect(d.result).toBeOk(OK);
    expect(pr.result).toBeErr(u(VOTING_ERR["ERR-BELOW-THRESHOLD"]));
    expectErr(propose(alice, "proposal-noop-a"), VOTING_ERR, "ERR-BELOW-THRESHOLD");
    expect(propose(bob, "proposal-noop-b").result).toHaveClarityType(ClarityType.ResponseOk);
    // a wrong hint is refused, not read as another block
    expectErr(propose(carol, "proposal-noop-c", 1n), TOKEN_ERR, "ERR-INVALID-HINT");
    expect(propose(carol, "proposal-noop-c").result).toHaveClarityType(ClarityType.ResponseOk);
  });
});

describe("proposal-voting: votes and snapshot", () => {
  it("vote: window is (vote-start, vote-end]; support and reason in the event; one vote per voter", () => {
    setup();
    holders();
    expect(propose(alice).result).toHaveClarityType(ClarityType.ResponseOk);
    const { "vote-start": start, "vote-end": end } = proposalOf("proposal-noop-a");
    mineTo(start); // the snapshot block itself: still pending
    expectErr(vote(bob, "proposal-noop-a", Support.For, 0n), VOTING_ERR, "ERR-NOT-ACTIVE");
    expect(stateOf("proposal-noop-a")).toBe(State.Pending); // as of block `start`
    const r = vote(bob, "proposal-noop-a", Support.Against, undefined, "too early");
    expect(r.result).toBeOk(u(500n * WORX));
    expect(eventsOf(r, VOTING)).toEqual([
      { topic: "vote-cast", voter: bob, proposal: C("proposal-noop-a"), support: Support.Against, weight: 500n * WORX, reason: "too early" },
    ]);
    expect(plain(ro("proposal-voting", "get-receipt", [p(C("proposal-noop-a")), p(bob)]))).toEqual({ support: 0n, weight: 500n * WORX });
    expect(ro("proposal-voting", "has-voted", [p(C("proposal-noop-a")), p(bob)])).toBeBool(true);
    expectErr(vote(bob, "proposal-noop-a", Support.For), VOTING_ERR, "ERR-ALREADY-VOTED");
    expectErr(vote(alice, "proposal-noop-a", 3n), VOTING_ERR, "ERR-INVALID-SUPPORT");
    expectErr(vote(alice, "proposal-noop-a", Support.For, 1n), TOKEN_ERR, "ERR-INVALID-HINT");
    expectErr(
      call("proposal-voting", "vote", [p(C("proposal-noop-b")), u(1), Cl.stringUtf8(""), u(0)], alice),
      VOTING_ERR,
      "ERR-UNKNOWN-PROPOSAL",
    );
    expect(vote(alice, "proposal-noop-a", Support.For).result).toBeOk(u(1_000n * WORX)); // quorum, early: no extension
    mineTo(end);
    expect(vote(carol, "proposal-noop-a", Support.Abstain).result).toBeOk(u(300n * WORX)); // the last block
    expectErr(vote(dave, "proposal-noop-a", Support.Against, 0n), VOTING_ERR, "ERR-NOT-ACTIVE");
    expect(proposalOf("proposal-noop-a")).toMatchObject({ "vote-end": end, "for-votes": 1_000n * WORX, "against-votes": 500n * WORX, "abstain-votes": 300n * WORX });
    expect(stateOf("proposal-noop-a")).toBe(State.Succeeded);
  });

  it("snapshot: tokens received and delegated after vote-start weigh nothing; moved votes cannot vote twice", () => {
    setup();
    holders();
    proposeAndOpen();
    // dave's whale tokens, undelegated at the snapshot: delegating now gives no weight
    expect(delegate(dave).result).toBeOk(OK);
    expect(votesOf(dave)).toBe(8_200n * WORX);
    expectErr(vote(dave, "proposal-noop-a", Support.Against), VOTING_ERR, "ERR-NO-VOTING-POWER");
    // alice votes, then hands her tokens to carol: carol still weighs her snapshot 300 only
    expect(vote(alice, "proposal-noop-a", Support.For).result).toBeOk(u(1_000n * WORX));
    expect(transfer(alice, carol, 1_000n * WORX).result).toBeOk(OK);
    expect(vote(carol, "proposal-noop-a", Support.For).result).toBeOk(u(300n * WORX));
    // stranger had nothing at the snapshot
    expect(transfer(bob, stranger, 500n * WORX).result).toBeOk(OK);
    expect(delegate(stranger).result).toBeOk(OK);
    expectErr(vote(stranger, "proposal-noop-a", Support.For), VOTING_ERR, "ERR-NO-VOTING-POWER");
    expect(proposalOf("proposal-noop-a")["for-votes"]).toBe(1_300n * WORX);
  });

  it("snapshot edge: a delegation in block vote-start counts, one in vote-start + 1 does not", () => {
    setup();
    holders();
    expect(mint(stranger, 50n * WORX).result).toBeOk(OK);
    expect(propose(alice).result).toHaveClarityType(ClarityType.ResponseOk);
    const start = proposalOf("proposal-noop-a")["vote-start"];
    mineTo(start);
    expect(delegate(dave).result).toBeOk(OK); // in block `start`: part of the snapshot
    expect(delegate(stranger).result).toBeOk(OK); // block start + 1: too late
    expect(vote(dave, "proposal-noop-a", Support.Against).result).toBeOk(u(8_200n * WORX));
    expectErr(vote(stranger, "proposal-noop-a", Support.For), VOTING_ERR, "ERR-NO-VOTING-POWER");
  });

  it("flash-loan voting is impossible: borrow, delegate, vote and repay in one transaction is refused", () => {
    setup();
    holders();
    proposeAndOpen();
    const loan = 8_200n * WORX;
    const hint = hintAt(C("flash-voter"), proposalOf("proposal-noop-a")["vote-start"]);
    const r = call("flash-voter", "flash-vote", [p(C("proposal-noop-a")), u(loan), u(hint)], dave);
    expectErr(r, VOTING_ERR, "ERR-NO-VOTING-POWER");
    expect(balanceOf(dave)).toBe(loan); // everything reverted
    expect(proposalOf("proposal-noop-a")["for-votes"]).toBe(0n);
    // a relay votes as itself (no power), never with its caller's votes
    expectErr(call("dao-proxy", "vote", [p(C("proposal-noop-a")), u(1), u(0)], alice), VOTING_ERR, "ERR-NO-VOTING-POWER");
    expect(vote(alice, "proposal-noop-a", Support.For).result).toBeOk(u(1_000n * WORX));
  });
});

describe("proposal-voting: quorum, counting, late quorum", () => {
  /** Supply 10_000 WORX (quorum 400 WORX): bob holds `bobAmount`, carol `carolAmount`, alice
   * the threshold (proposes, does not vote) and dave the rest, undelegated. */
  function quorumSetup(bobAmount: bigint, carolAmount = 0n) {
    setup();
    const supply = 10_000n * WORX;
    expect(mint(alice, PARAMS.threshold).result).toBeOk(OK);
    expect(mint(bob, bobAmount).result).toBeOk(OK);
    if (carolAmount > 0n) expect(mint(carol, carolAmount).result).toBeOk(OK);
    expect(mint(dave, supply - PARAMS.threshold - bobAmount - carolAmount).result).toBeOk(OK);
    for (const who of [alice, bob, carol]) expect(delegate(who).result).toBeOk(OK);
    simnet.mineEmptyBlock();
    proposeAndOpen();
    expect(proposalOf("proposal-noop-a").quorum).toBe(400n * WORX);
  }

  it("quorum - 1 of for-votes: defeated", () => {
    quorumSetup(400n * WORX - 1n);
    expect(vote(bob, "proposal-noop-a", Support.For).result).toBeOk(u(400n * WORX - 1n));
    closeVoting("proposal-noop-a");
    expect(stateOf("proposal-noop-a")).toBe(State.Defeated);
    expectErr(queue("proposal-noop-a"), VOTING_ERR, "ERR-NOT-SUCCEEDED");
  });

  it("exactly the quorum: succeeded", () => {
    quorumSetup(400n * WORX);
    expect(vote(bob, "proposal-noop-a", Support.For).result).toBeOk(u(400n * WORX));
    closeVoting("proposal-noop-a");
    expect(stateOf("proposal-noop-a")).toBe(State.Succeeded);
  });

  it("abstain counts toward the quorum (not toward success)", () => {
    quorumSetup(400n * WORX - 1n, 1n);
    expect(vote(bob, "proposal-noop-a", Support.Abstain).result).toBeOk(u(400n * WORX - 1n));
    expect(vote(carol, "proposal-noop-a", Support.For).result).toBeOk(u(1));
    closeVoting("proposal-noop-a");
    expect(stateOf("proposal-noop-a")).toBe(State.Succeeded); // 1 for, 0 against, quorum by abstain
  });

  it("against votes do not count toward the quorum", () => {
    quorumSetup(400n * WORX, 1n);
    expect(vote(bob, "proposal-noop-a", Support.Against).result).toBeOk(u(400n * WORX));
    expect(vote(carol, "proposal-noop-a", Support.For).result).toBeOk(u(1));
    closeVoting("proposal-noop-a");
    expect(stateOf("proposal-noop-a")).toBe(State.Defeated);
  });

  it("for must exceed against: a tie is defeated, one more for succeeds", () => {
    quorumSetup(500n * WORX, 500n * WORX);
    expect(vote(bob, "proposal-noop-a", Support.For).result).toBeOk(u(500n * WORX));
    expect(vote(carol, "proposal-noop-a", Support.Against).result).toBeOk(u(500n * WORX));
    closeVoting("proposal-noop-a");
    expect(stateOf("proposal-noop-a")).toBe(State.Defeated);
  });

  it("for = against + 1 succeeds", () => {
    quorumSetup(500n * WORX + 1n, 500n * WORX);
    expect(vote(bob, "proposal-noop-a", Support.For).result).toBeOk(u(500n * WORX + 1n));
    expect(vote(carol, "proposal-noop-a", Support.Against).result).toBeOk(u(500n * WORX));
    closeVoting("proposal-noop-a");
    expect(stateOf("proposal-noop-a")).toBe(State.Succeeded);
  });

  it("late quorum: the vote first reaching the quorum within vote-extension blocks of the end extends the vote", () => {
    quorumSetup(300n * WORX, 200n * WORX);
    const end = proposalOf("proposal-noop-a")["vote-end"];
    // below the quorum: no extension, even late
    mineTo(end - PARAMS.extension + 2n);
    let r = vote(bob, "proposal-noop-a", Support.For);
    expect(eventsOf(r, VOTING).map((e) => e.topic)).toEqual(["vote-cast"]);
    // carol reaches the quorum at end - 3: the end moves to now + extension
    mineTo(end - 3n);
    const h = nextHeight();
    r = vote(carol, "proposal-noop-a", Support.For);
    expect(eventsOf(r, VOTING)).toEqual([
      { topic: "vote-cast", voter: carol, proposal: C("proposal-noop-a"), support: Support.For, weight: 200n * WORX, reason: "because" },
      { topic: "proposal-extended", proposal: C("proposal-noop-a"), "extended-deadline": h + PARAMS.extension },
    ]);
    expect(proposalOf("proposal-noop-a")["vote-end"]).toBe(h + PARAMS.extension);
    // past the original end, opponents can still vote
    mineTo(end + 2n);
    expect(stateOf("proposal-noop-a")).toBe(State.Active);
    expect(vote(alice, "proposal-noop-a", Support.Against).result).toBeOk(u(PARAMS.threshold));
    closeVoting("proposal-noop-a");
    expect(stateOf("proposal-noop-a")).toBe(State.Succeeded);
  });

  it("quorum reached early: no extension", () => {
    quorumSetup(400n * WORX);
    const end = proposalOf("proposal-noop-a")["vote-end"];
    const r = vote(bob, "proposal-noop-a", Support.For);
    expect(eventsOf(r, VOTING).map((e) => e.topic)).toEqual(["vote-cast"]);
    expect(proposalOf("proposal-noop-a")["vote-end"]).toBe(end);
  });
});

describe("proposal-voting: timelock and execution", () => {
  it("end to end: a proposal changing the governance parameters is proposed, voted, queued, and executes after the timelock", () => {
    setup();
    holders();
    proposeAndOpen("proposal-set-parameters");
    expect(vote(alice, "proposal-set-parameters", Support.For).result).toBeOk(u(1_000n * WORX));
    expect(vote(bob, "proposal-set-parameters", Support.Against).result).toBeOk(u(500n * WORX));
    // queue before the end: refused
    expectErr(queue("proposal-set-parameters"), VOTING_ERR, "ERR-NOT-SUCCEEDED");
    // execute without queue: refused
    expectErr(execute("proposal-set-parameters"), VOTING_ERR, "ERR-NOT-QUEUED");
    closeVoting("proposal-set-parameters");
    expectErr(execute("proposal-set-parameters"), VOTING_ERR, "ERR-NOT-QUEUED");
    const eta = nextHeight() + PARAMS.timelock;
    const q = queue("proposal-set-parameters");
    expect(q.result).toBeOk(u(eta));
    expect(eventsOf(q, VOTING)).toEqual([{ topic: "proposal-queued", proposal: C("proposal-set-parameters"), eta }]);
    expect(stateOf("proposal-set-parameters")).toBe(State.Queued);
    expectErr(queue("proposal-set-parameters"), VOTING_ERR, "ERR-NOT-SUCCEEDED");
    // direct dao-core execution stays refused while queued
    expectErr(call("dao-core", "execute", [p(C("proposal-set-parameters")), p(alice)], alice), CORE_ERR, "ERR-UNAUTHORIZED");
    // one block before eta: refused
    mineTo(eta - 1n);
    expectErr(execute("proposal-set-parameters"), VOTING_ERR, "ERR-TIMELOCK-NOT-EXPIRED");
    expect(nextHeight()).toBe(eta);
    const r = execute("proposal-set-parameters", carol);
    expect(r.result).toBeOk(OK);
    expect(eventsOf(r, VOTING)).toEqual([
      {
        topic: "parameters-updated",
        "voting-delay": 10n,
        "voting-period": 50n,
        "proposal-threshold": PARAMS.threshold,
        "quorum-bps": 500n,
        "vote-extension": 10n,
        "timelock-blocks": 30n,
      },
      { topic: "proposal-executed", proposal: C("proposal-set-parameters") },
    ]);
    expect(eventsOf(r, CORE)).toEqual([{ topic: "proposal-executed", proposal: C("proposal-set-parameters"), sender: carol }]);
    expect(plain(ro("proposal-voting", "get-parameters"))["quorum-bps"]).toBe(500n);
    expect(stateOf("proposal-set-parameters")).toBe(State.Executed);
    expect(ro("dao-core", "executed-at", [p(C("proposal-set-parameters"))])).toBeSome(u(eta));
    // re-execution: refused by proposal-voting, and by dao-core itself
    expectErr(execute("proposal-set-parameters"), VOTING_ERR, "ERR-NOT-QUEUED");
    // the new parameters apply to the next proposal
    simnet.mineEmptyBlock();
    expect(propose(alice, "proposal-noop-a").result).toHaveClarityType(ClarityType.ResponseOk);
    expect(proposalOf("proposal-noop-a").quorum).toBe(500n * WORX);
  });

  it("dao-core runs each proposal once, whoever asks: an extension re-running an executed proposal is refused", () => {
    setup();
    holders();
    // dao-test-minter is an extension (a test double open to anyone): dao-core accepts its request
    expect(call("dao-test-minter", "run", [p(C("proposal-noop-a"))], alice).result).toBeOk(OK);
    expectErr(call("dao-test-minter", "run", [p(C("proposal-noop-a"))], alice), CORE_ERR, "ERR-ALREADY-EXECUTED");
    // and proposal-voting will not take it either
    expectErr(propose(bob, "proposal-noop-a"), VOTING_ERR, "ERR-ALREADY-EXECUTED");
    expectErr(propose(bob, "proposal-test-bootstrap"), VOTING_ERR, "ERR-ALREADY-EXECUTED");
  });

  it("set-parameters validates (quorum above 100%, voting-period u0); dao-core cannot be listed as an extension", () => {
    setup();
    holders();
    passAndQueue("proposal-bad-parameters");
    expectErr(execute("proposal-bad-parameters"), VOTING_ERR, "ERR-INVALID-PARAMETERS");
    expect(plain(ro("proposal-voting", "get-parameters"))["voting-period"]).toBe(PARAMS.period);
    passAndQueue("proposal-bad-extension");
    expectErr(execute("proposal-bad-extension"), CORE_ERR, "ERR-INVALID-EXTENSION");
    expect(ro("dao-core", "is-extension", [p(CORE)])).toBeBool(false);
  });
});

describe("dao-core: extension callbacks", () => {
  it("request-extension-callback: an enabled extension is called back by dao-core; others and mismatches refused", () => {
    setup();
    const memo = Cl.bufferFromHex("0102");
    const r = call("dao-test-minter", "request-callback", [p(C("dao-test-minter")), memo], alice);
    expect(r.result).toBeOk(OK);
    expect(eventsOf(r, C("dao-test-minter"))).toEqual([{ topic: "callback", sender: alice, memo: "0x0102", caller: CORE }]);
    // the extension argument must be the caller itself
    expectErr(call("dao-test-minter", "request-callback", [p(VOTING), memo], alice), CORE_ERR, "ERR-INVALID-EXTENSION");
    // a user or a non-extension cannot request one
    expectErr(call("dao-core", "request-extension-callback", [p(VOTING), memo], alice), CORE_ERR, "ERR-UNAUTHORIZED");
  });
});

describe("proposal-voting: cancel", () => {
  it("the guardian or the proposer cancel while pending; nobody else; never once voting started", () => {
    setup();
    holders();
    expect(propose(alice, "proposal-noop-a").result).toHaveClarityType(ClarityType.ResponseOk);
    expect(propose(bob, "proposal-noop-b").result).toHaveClarityType(ClarityType.ResponseOk);
    expect(propose(carol, "proposal-noop-c").result).toHaveClarityType(ClarityType.ResponseOk);
    expectErr(cancel("proposal-noop-a", stranger), VOTING_ERR, "ERR-NOT-AUTHORIZED");
    expectErr(cancel("proposal-noop-a", bob), VOTING_ERR, "ERR-NOT-AUTHORIZED"); // another proposer
    const r = cancel("proposal-noop-a", deployer); // the guardian
    expect(r.result).toBeOk(OK);
    expect(eventsOf(r, VOTING)).toEqual([{ topic: "proposal-canceled", proposal: C("proposal-noop-a") }]);
    expect(stateOf("proposal-noop-a")).toBe(State.Canceled);
    expect(cancel("proposal-noop-b", bob).result).toBeOk(OK); // its proposer
    expectErr(cancel("proposal-noop-b", deployer), VOTING_ERR, "ERR-NOT-PENDING");
    // a canceled proposal can be neither voted, queued nor executed
    mineTo(proposalOf("proposal-noop-c")["vote-start"] + 1n);
    expectErr(vote(alice, "proposal-noop-a", Support.For), VOTING_ERR, "ERR-NOT-ACTIVE");
    // once active: the guardian can no longer cancel
    expectErr(cancel("proposal-noop-c", deployer), VOTING_ERR, "ERR-NOT-PENDING");
    expectErr(cancel("proposal-noop-c", carol), VOTING_ERR, "ERR-NOT-PENDING");
    expect(vote(carol, "proposal-noop-c", Support.For).result).toBeOk(u(300n * WORX));
    closeVoting("proposal-noop-a");
    expectErr(queue("proposal-noop-a"), VOTING_ERR, "ERR-NOT-SUCCEEDED");
    expectErr(execute("proposal-noop-a"), VOTING_ERR, "ERR-NOT-QUEUED");
    expectErr(cancel("proposal-noop-c", deployer), VOTING_ERR, "ERR-NOT-PENDING");
    expectErr(cancel("proposal-noop-d-unknown", deployer), VOTING_ERR, "ERR-UNKNOWN-PROPOSAL");
  });
});

// ───────────────────────────── error constants ─────────────────────────────

describe("error constants", () => {
  it("are unique, in each contract's range, and documented in clarity/README.md", () => {
    const readme = fs.readFileSync(path.join(repoRoot, "clarity/README.md"), "utf8");
    for (const [table, lo] of [
      [CORE_ERR, 4000n],
      [TOKEN_ERR, 4100n],
      [VOTING_ERR, 4200n],
    ] as const) {
      const codes = Object.values(table);
      expect(new Set(codes).size).toBe(codes.length);
      for (const [name, code] of Object.entries(table)) {
        expect(code >= lo && code < lo + 100n, `${name} u${code} in range`).toBe(true);
        expect(readme, `${name} in the README`).toMatch(new RegExp(`${name}\\b[^\\n]*\\bu?${code}\\b|\\bu?${code}\\b[^\\n]*${name}\\b`));
      }
    }
  });
});

// ───────────────────────────── cost baseline ─────────────────────────────
// Canonical calls for the benchmark (scripts/bench/clarityCosts.ts): the first call of each
// governance function in "cost baseline: dao governance …" (contracts proposal-voting, dao-token,
// dao-core), the token calls beside a bare mock-sip010 transfer measured in the same test.

describe("cost baseline", () => {
  it("cost baseline: dao governance delegate, propose, vote (for, against, abstain), queue, execute (parameter change), transfer, stake, unstake", () => {
    setup();
    for (const [who, amount] of [
      [alice, 1_000n],
      [bob, 500n],
      [carol, 300n],
    ] as const)
      expect(mint(who, amount * WORX).result).toBeOk(OK);
    for (const who of [alice, bob, carol]) expect(delegate(who).result).toBeOk(OK);
    simnet.mineEmptyBlock();
    proposeAndOpen("proposal-set-parameters");
    expect(vote(alice, "proposal-set-parameters", Support.For).result).toBeOk(u(1_000n * WORX));
    expect(vote(bob, "proposal-set-parameters", Support.Against).result).toBeOk(u(500n * WORX));
    expect(vote(carol, "proposal-set-parameters", Support.Abstain).result).toBeOk(u(300n * WORX));
    closeVoting("proposal-set-parameters");
    expect(queue("proposal-set-parameters").result).toHaveClarityType(ClarityType.ResponseOk);
    mineTo(proposalOf("proposal-set-parameters").eta);
    expect(execute("proposal-set-parameters").result).toBeOk(OK);
    expect(transfer(alice, stranger, WORX).result).toBeOk(OK);
    const t = nextTxTime();
    expect(call("dao-token", "stake", [u(100n * WORX), u(Term.Days30)], alice).result).toBeOk(u(t + 30n * DAY));
    advanceTo(t + 30n * DAY);
    expect(call("dao-token", "unstake", [u(Term.Days30)], alice).result).toBeOk(u(100n * WORX));
    // the anchor: a bare SIP-010 transfer to an account with no balance yet
    expect(simnet.callPublicFn("mock-sip010", "mint", [u(WORX), p(alice)], alice).result).toBeOk(OK);
    expect(simnet.callPublicFn("mock-sip010", "transfer", [u(WORX), p(alice), p(stranger), Cl.none()], alice).result).toBeOk(OK);
  });
});

describe("coverage of the error constants", () => {
  it("every governance error constant is produced by some test above (this file's run)", () => {
    // vitest runs the tests of a file in order, in one worker: the set is filled by now
    const all = [
      ...Object.keys(CORE_ERR).map((n) => `core:${n}`),
      ...Object.keys(TOKEN_ERR).map((n) => `token:${n}`),
      ...Object.keys(VOTING_ERR).map((n) => `voting:${n}`),
    ];
    // only reachable through a hostile asset movement inside as-contract? (dao-core holds nothing)
    const unreachable = new Set(["core:ERR-ASSET-ALLOWANCE-EXCEEDED"]);
    expect(all.filter((n) => !seenErrors.has(n) && !unreachable.has(n))).toEqual([]);
  });
});
