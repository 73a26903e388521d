// Simnet tests of clarity/contracts/escrow.clar against the spec
// contracts/interfaces/IMilestoneEscrow.sol: deployment, both lifecycles,
// creation, funding, submission, approval, cancellation, withdrawal, pause,
// admin, contract-caller rules, every error constant, a seeded model-based
// random test and the cost baselines the bench reads. Deadlines (claim,
// reclaim), disputes and settlements, and the work history / fee discounts
// have their own files (escrow.deadlines / escrow.disputes / escrow.history).
// Every escrow action made through the helpers re-checks the conservation law
// (per token: balance of the escrow contract == get-held-balance) right after
// it runs.
import { beforeEach, describe, expect, it } from "vitest";
import { Cl, ClarityType } from "@stacks/transactions";
import {
  DAY,
  DEMO_USD,
  DISCOUNT,
  DUE_IN,
  ERR,
  ESCROW,
  EscrowStatus,
  GRACE,
  HOSTILE,
  HostileMode,
  MAX_GRACE_PERIOD,
  MAX_REVIEW_PERIOD,
  MilestoneStatus,
  PROXY,
  REVIEW,
  ZERO32,
  advanceTo,
  approve,
  arbiter,
  balanceOf,
  cancel,
  claim,
  client,
  create,
  createArgs,
  createFunded,
  creditOf,
  deployer,
  dispute,
  domainCV,
  earnedOf,
  escrowOf,
  escrowStatus,
  escrowTuple,
  eventAt,
  expectConservation,
  expectErr,
  expectEvents,
  expectedFee,
  expectedSplit,
  freelancer,
  fund,
  grantRole,
  heldOf,
  milestoneOf,
  milestoneStatus,
  mint,
  nextTxTime,
  nonceOf,
  pause,
  prints,
  prng,
  rate,
  reclaim,
  release,
  resolve,
  revoke,
  revokeRole,
  ro,
  setFee,
  setFeeRecipient,
  setHostileMode,
  setSource,
  setTokenAllowed,
  settle,
  settleCall,
  signOffer,
  standardSetup,
  statsOf,
  stranger,
  stxBalance,
  submit,
  sum,
  termsCV,
  tokenCV,
  unpause,
  withdraw,
  zeroStats,
  type Stats,
  type Token,
} from "./helpers";

const deliverable = (n: number) => Uint8Array.from({ length: 32 }, (_, i) => (i * 7 + n) & 0xff);

/** Call the test-only proxy, which forwards to .escrow without as-contract?. */
function viaProxy(fn: string, args: Parameters<typeof simnet.callPublicFn>[2], sender: string) {
  const r = simnet.callPublicFn("escrow-proxy", fn, args, sender);
  expectConservation();
  return r;
}

// Every test but the deployment checks starts from the standard setup: the
// test tokens allowlisted and wallet_5 an arbiter.
beforeEach(({ task }) => {
  if (!task.name.startsWith("deployment")) standardSetup();
});

// ───────────────────────────── deployment ─────────────────────────────

describe("deployment", () => {
  it("deployment: a 10% fee credited to the deployer, admin/fee-manager/pauser on the deployer, no arbiter, only STX allowed, no discount source", () => {
    expect(ro("get-platform-fee")).toBeUint(1000);
    expect(ro("get-fee-recipient")).toBePrincipal(deployer);
    expect(ro("get-escrow-count")).toBeUint(0);
    expect(ro("is-paused")).toBeBool(false);
    expect(ro("get-fee-discount-source")).toBeNone();
    for (const role of ["admin", "fee-manager", "pauser"]) {
      expect(ro("has-role", [Cl.stringAscii(role), Cl.principal(deployer)])).toBeBool(true);
      expect(ro("has-role", [Cl.stringAscii(role), Cl.principal(client)])).toBeBool(false);
    }
    expect(ro("has-role", [Cl.stringAscii("arbiter"), Cl.principal(deployer)])).toBeBool(false);
    expect(ro("is-token-allowed", [Cl.none()])).toBeBool(true);
    expect(ro("is-token-allowed", [tokenCV(DEMO_USD)])).toBeBool(false);
    expect(ro("get-escrow", [Cl.uint(1)])).toBeNone();
    expect(ro("get-milestone", [Cl.uint(1), Cl.uint(0)])).toBeNone();
    expect(ro("get-milestones", [Cl.uint(1)])).toBeNone();
    expect(ro("get-limits")).toEqual(
      Cl.tuple({
        "max-milestones": Cl.uint(50),
        "min-period": Cl.uint(3600),
        "max-review-period": Cl.uint(MAX_REVIEW_PERIOD),
        "max-grace-period": Cl.uint(MAX_GRACE_PERIOD),
        "max-fee-bps": Cl.uint(2000),
      }),
    );
    expect(ro("get-settlement-domain")).toEqual(domainCV());
    for (const token of [null, DEMO_USD]) expect(ro("get-held-balance", [tokenCV(token)])).toBeUint(0);
    // a SIP-010 job needs the token allowlisted first
    expectErr(create(client, freelancer, DEMO_USD, [1]), "ERR-TOKEN-NOT-ALLOWED");
    expect(create(client, freelancer, null, [1]).result).toBeOk(Cl.uint(1));
    expectConservation();
  });
});

// ───────────────────────────── lifecycles ─────────────────────────────

describe.each([
  ["STX", null as Token],
  ["the SIP-010 token demo-usd", DEMO_USD as Token],
])("lifecycle in %s", (_label, token) => {
  it("create -> fund -> submit/approve every milestone -> completed -> both withdraw; stats and earnings recorded", () => {
    const amounts = [1_000_000n, 2_500_001n, 3n];
    const total = sum(amounts);
    if (token) mint(token, client, total);
    const due = nextTxTime() + DUE_IN;
    const terms = amounts.map((amount, i) => ({ amount, due: due + BigInt(i) * DAY }));

    // create
    const c = create(client, freelancer, token, terms);
    expect(c.result).toBeOk(Cl.uint(1));
    expectEvents(c, [
      {
        topic: "escrow-created",
        "escrow-id": Cl.uint(1),
        client: Cl.principal(client),
        freelancer: Cl.principal(freelancer),
        token: tokenCV(token),
        milestones: termsCV(terms),
        total: Cl.uint(total),
        "fee-bps": Cl.uint(1000),
        "review-period": Cl.uint(REVIEW),
        "grace-period": Cl.uint(GRACE),
      },
    ]);
    const record = (over: Record<string, any>) =>
      Cl.tuple({
        client: Cl.principal(client),
        freelancer: Cl.principal(freelancer),
        token: tokenCV(token),
        "fee-bps": Cl.uint(1000),
        status: Cl.uint(EscrowStatus.Created),
        "milestone-count": Cl.uint(3),
        "settled-count": Cl.uint(0),
        "review-period": Cl.uint(REVIEW),
        "grace-period": Cl.uint(GRACE),
        reclaimed: Cl.bool(false),
        rated: Cl.bool(false),
        total: Cl.uint(total),
        released: Cl.uint(0),
        refunded: Cl.uint(0),
        ...over,
      });
    expect(ro("get-escrow", [Cl.uint(1)])).toBeSome(record({}));
    expect(ro("get-escrow-count")).toBeUint(1);
    expect(ro("get-milestones", [Cl.uint(1)])).toBeSome(
      Cl.list(
        terms.map((t) =>
          Cl.tuple({ amount: Cl.uint(t.amount), "due-date": Cl.uint(t.due), "submitted-at": Cl.uint(0), status: Cl.uint(MilestoneStatus.Pending) }),
        ),
      ),
    );

    // fund
    const clientBefore = balanceOf(token, client);
    const f = fund(client, 1, token);
    expect(f.result).toBeOk(Cl.bool(true));
    expectEvents(f, [{ topic: "escrow-funded", "escrow-id": Cl.uint(1), client: Cl.principal(client), amount: Cl.uint(total) }]);
    expect(balanceOf(token, client)).toBe(clientBefore - total);
    expect(balanceOf(token, ESCROW)).toBe(total);
    expect(ro("get-held-balance", [tokenCV(token)])).toBeUint(total);
    expect(escrowStatus(1)).toBe(EscrowStatus.Funded);

    // submit + approve each milestone
    let fees = 0n;
    let payouts = 0n;
    amounts.forEach((amount, i) => {
      const at = nextTxTime();
      const s = submit(freelancer, 1, i, deliverable(i));
      expect(s.result).toBeOk(Cl.bool(true));
      expectEvents(s, [
        {
          topic: "milestone-submitted",
          "escrow-id": Cl.uint(1),
          index: Cl.uint(i),
          deliverable: Cl.buffer(deliverable(i)),
          "on-time": Cl.bool(true),
        },
      ]);
      expect(milestoneOf(1, i)).toEqual({ amount, "due-date": terms[i].due, "submitted-at": at, status: MilestoneStatus.Submitted });

      const a = approve(client, 1, i);
      expect(a.result).toBeOk(Cl.bool(true));
      const fee = expectedFee(amount, 1000n);
      const payout = amount - fee;
      fees += fee;
      payouts += payout;
      const last = i === amounts.length - 1;
      expectEvents(a, [
        {
          topic: "milestone-released",
          "escrow-id": Cl.uint(1),
          index: Cl.uint(i),
          freelancer: Cl.principal(freelancer),
          amount: Cl.uint(amount),
          fee: Cl.uint(fee),
          payout: Cl.uint(payout),
          claimed: Cl.bool(false),
        },
        ...(last ? [{ topic: "escrow-completed", "escrow-id": Cl.uint(1) }] : []),
      ]);
      expect(milestoneStatus(1, i)).toBe(MilestoneStatus.Released);
      expect(escrowStatus(1)).toBe(last ? EscrowStatus.Completed : EscrowStatus.Funded);
      expect(ro("get-credit", [tokenCV(token), Cl.principal(freelancer)])).toBeUint(payouts);
      expect(ro("get-credit", [tokenCV(token), Cl.principal(deployer)])).toBeUint(fees);
    });
    expect(fees + payouts).toBe(total);
    expect(ro("get-escrow", [Cl.uint(1)])).toBeSome(
      record({ status: Cl.uint(EscrowStatus.Completed), "settled-count": Cl.uint(3), released: Cl.uint(total) }),
    );
    expect(ro("get-held-balance", [tokenCV(token)])).toBeUint(total); // now all credits
    expect(ro("get-earned", [Cl.principal(freelancer), tokenCV(token)])).toBeUint(payouts);
    expect(ro("get-freelancer-stats", [Cl.principal(freelancer)])).toEqual(
      Cl.tuple({
        "completed-jobs": Cl.uint(1),
        "milestones-delivered": Cl.uint(3),
        "milestones-on-time": Cl.uint(3),
        "milestones-reclaimed": Cl.uint(0),
        "rating-count": Cl.uint(0),
        "rating-sum": Cl.uint(0),
        "disputes-opened": Cl.uint(0),
        "disputes-lost": Cl.uint(0),
      }),
    );

    // withdraw (pull payments): freelancer, then fee recipient
    for (const [who, amount] of [
      [freelancer, payouts],
      [deployer, fees],
    ] as const) {
      const before = balanceOf(token, who);
      const w = withdraw(who, token);
      expect(w.result).toBeOk(Cl.uint(amount));
      expectEvents(w, [{ topic: "withdrawn", account: Cl.principal(who), token: tokenCV(token), amount: Cl.uint(amount) }]);
      expect(balanceOf(token, who)).toBe(before + amount);
      expect(ro("get-credit", [tokenCV(token), Cl.principal(who)])).toBeUint(0);
    }
    expect(balanceOf(token, ESCROW)).toBe(0n);
    expect(heldOf(token)).toBe(0n);

    // the client rates the finished job
    const r = rate(client, 1, 4);
    expect(r.result).toBeOk(Cl.bool(true));
    expectEvents(r, [{ topic: "job-rated", "escrow-id": Cl.uint(1), freelancer: Cl.principal(freelancer), rating: Cl.uint(4) }]);
    expect(statsOf(freelancer)).toMatchObject({ "rating-count": 1n, "rating-sum": 4n });
  });
});

// ───────────────────────────── create-escrow ─────────────────────────────

describe("create-escrow", () => {
  it("create-escrow: ids are sequential from u1 and the escrow-count follows", () => {
    for (let i = 1; i <= 3; i++) expect(create(client, freelancer, null, [i]).result).toBeOk(Cl.uint(i));
    expect(ro("get-escrow-count")).toBeUint(3);
  });

  it("create-escrow: accepts 50 milestones (the maximum) and stores each in order", () => {
    const due = nextTxTime() + DAY;
    const terms = Array.from({ length: 50 }, (_, i) => ({ amount: i + 1, due: due + BigInt(i) }));
    expect(create(client, freelancer, null, terms).result).toBeOk(Cl.uint(1));
    expect(escrowOf(1)).toMatchObject({ "milestone-count": 50n, total: sum(terms.map((t) => t.amount)) });
    expect(ro("get-milestone", [Cl.uint(1), Cl.uint(49)])).toBeSome(
      Cl.tuple({ amount: Cl.uint(50), "due-date": Cl.uint(due + 49n), "submitted-at": Cl.uint(0), status: Cl.uint(MilestoneStatus.Pending) }),
    );
    expect(ro("get-milestone", [Cl.uint(1), Cl.uint(50)])).toBeNone();
    const all = ro("get-milestones", [Cl.uint(1)]) as any;
    expect(all.value.value).toHaveLength(50);
  });

  it("create-escrow: more than 50 milestones cannot even be sent (argument type (list 50 ...))", () => {
    expect(() => create(client, freelancer, null, Array.from({ length: 51 }, () => 1))).toThrow();
  });

  it("create-escrow: rejects an empty milestone list", () => {
    expectErr(create(client, freelancer, null, []), "ERR-INVALID-MILESTONE-COUNT");
  });

  it("create-escrow: rejects any zero milestone amount", () => {
    expectErr(create(client, freelancer, null, [0]), "ERR-INVALID-MILESTONE-AMOUNT");
    expectErr(create(client, freelancer, null, [5, 7, 0]), "ERR-INVALID-MILESTONE-AMOUNT");
    expect(ro("get-escrow-count")).toBeUint(0);
  });

  it("create-escrow: rejects amounts whose total would overflow a uint, accepts a total of exactly 2^128 - 1", () => {
    const max = 2n ** 128n - 1n;
    expectErr(create(client, freelancer, DEMO_USD, [max, 1n]), "ERR-INVALID-MILESTONE-AMOUNT");
    expectErr(create(client, freelancer, DEMO_USD, [1n, 2n ** 127n, 2n ** 127n]), "ERR-INVALID-MILESTONE-AMOUNT");
    expect(create(client, freelancer, DEMO_USD, [max - 1n, 1n]).result).toBeOk(Cl.uint(1));
    expect(escrowOf(1)!.total).toBe(max);
  });

  it("create-escrow: checks in the Solidity order (paused, count, freelancer, token, review, grace, amounts, due dates), then the source", () => {
    const past = { amount: 1, due: 1n };
    expectErr(create(client, freelancer, null, [0, past], { source: DISCOUNT }), "ERR-INVALID-MILESTONE-AMOUNT");
    expectErr(create(client, freelancer, null, [past], { source: DISCOUNT }), "ERR-INVALID-DUE-DATE");
    expectErr(create(client, freelancer, null, [0], { grace: 1n }), "ERR-INVALID-GRACE-PERIOD");
    expectErr(create(client, freelancer, null, [0], { review: 1n, grace: 1n }), "ERR-INVALID-REVIEW-PERIOD");
    expectErr(create(client, freelancer, stranger, [0], { review: 1n }), "ERR-TOKEN-NOT-ALLOWED");
    expectErr(create(client, client, stranger, [0]), "ERR-INVALID-FREELANCER");
    expectErr(create(client, client, null, []), "ERR-INVALID-MILESTONE-COUNT");
    expectErr(create(client, freelancer, null, [1], { source: DISCOUNT }), "ERR-FEE-DISCOUNT-SOURCE-MISMATCH");
    pause(deployer);
    expectErr(create(client, client, null, []), "ERR-PAUSED");
  });

  it("create-escrow: rejects a freelancer that is the client, the escrow contract or another network's principal", () => {
    expectErr(create(client, client, null, [1]), "ERR-INVALID-FREELANCER");
    expectErr(create(client, ESCROW, null, [1]), "ERR-INVALID-FREELANCER");
    expectErr(create(client, "SP2J6ZY48GV1EZ5V2V5RB9MP66SW86PYKKNRV9EJ7", null, [1]), "ERR-INVALID-FREELANCER");
    // a contract may be the freelancer (e.g. a DAO or multisig)
    expect(create(client, PROXY, null, [1]).result).toBeOk(Cl.uint(1));
  });

  it("create-escrow: only allowlisted tokens (a standard principal, another network's token or a disallowed token are refused)", () => {
    expectErr(create(client, freelancer, stranger, [1]), "ERR-TOKEN-NOT-ALLOWED");
    expectErr(create(client, freelancer, "SP2J6ZY48GV1EZ5V2V5RB9MP66SW86PYKKNRV9EJ7.usdc", [1]), "ERR-TOKEN-NOT-ALLOWED");
    expectErr(create(client, freelancer, `${deployer}.multisig`, [1]), "ERR-TOKEN-NOT-ALLOWED");
    expect(create(client, freelancer, DEMO_USD, [1]).result).toBeOk(Cl.uint(1));
    expect(setTokenAllowed(deployer, null, false).result).toBeOk(Cl.bool(true));
    expectErr(create(client, freelancer, null, [1]), "ERR-TOKEN-NOT-ALLOWED");
  });

  it("create-escrow: fixes the current platform fee into the escrow; later fee changes do not apply to it", () => {
    const first = createFunded([10_000n]);
    expect(setFee(deployer, 2000).result).toBeOk(Cl.bool(true));
    const second = createFunded([10_000n]);
    expect(escrowOf(first)!["fee-bps"]).toBe(1000n);
    expect(escrowOf(second)!["fee-bps"]).toBe(2000n);
    expect(eventAt(release(first, 0)).fee).toBeUint(1000);
    expect(eventAt(release(second, 0)).fee).toBeUint(2000);
  });
});

// ───────────────────────────── fund-escrow ─────────────────────────────

describe("fund-escrow", () => {
  it("fund-escrow: only the client can fund", () => {
    create(client, freelancer, null, [100]);
    expectErr(fund(freelancer, 1, null), "ERR-NOT-ESCROW-PARTY");
    expectErr(fund(stranger, 1, null), "ERR-NOT-ESCROW-PARTY");
    expect(escrowStatus(1)).toBe(EscrowStatus.Created);
  });

  it("fund-escrow: fails for an unknown escrow id", () => {
    expectErr(fund(client, 1, null), "ERR-ESCROW-NOT-FOUND");
  });

  it("fund-escrow: cannot fund twice, nor fund a cancelled escrow", () => {
    createFunded([100]);
    expectErr(fund(client, 1, null), "ERR-INVALID-ESCROW-STATUS");
    create(client, freelancer, null, [100]);
    expect(cancel(client, 2).result).toBeOk(Cl.bool(true));
    expectErr(fund(client, 2, null), "ERR-INVALID-ESCROW-STATUS");
  });

  it("fund-escrow: the asset passed must be the escrow's (STX escrow, token escrow, other token)", () => {
    mint(DEMO_USD, client, 1000);
    mint(HOSTILE, client, 1000);
    create(client, freelancer, null, [100]); // 1: STX
    create(client, freelancer, DEMO_USD, [100]); // 2: demo-usd
    expectErr(fund(client, 1, DEMO_USD), "ERR-TOKEN-MISMATCH");
    expectErr(fund(client, 2, null), "ERR-TOKEN-MISMATCH");
    expectErr(fund(client, 2, HOSTILE), "ERR-TOKEN-MISMATCH");
    expect(balanceOf(DEMO_USD, client)).toBe(1000n);
    expect(fund(client, 2, DEMO_USD).result).toBeOk(Cl.bool(true));
  });

  it("fund-escrow: a job agreed in a token still funds after the token left the allowlist", () => {
    mint(DEMO_USD, client, 100);
    create(client, freelancer, DEMO_USD, [100]);
    expect(setTokenAllowed(deployer, DEMO_USD, false).result).toBeOk(Cl.bool(true));
    expect(fund(client, 1, DEMO_USD).result).toBeOk(Cl.bool(true));
    release(1n, 0);
    expect(withdraw(freelancer, DEMO_USD).result).toBeOk(Cl.uint(90));
  });

  it("fund-escrow: fails cleanly when the client's balance is short (nothing moves)", () => {
    create(client, freelancer, DEMO_USD, [100]);
    mint(DEMO_USD, client, 99);
    expectErr(fund(client, 1, DEMO_USD), "ERR-TOKEN-TRANSFER-FAILED");
    expect(balanceOf(DEMO_USD, client)).toBe(99n);
    create(client, freelancer, null, [stxBalance(client) + 1n]);
    expectErr(fund(client, 2, null), "ERR-TOKEN-TRANSFER-FAILED");
  });

  it("fund-escrow: a token refusing the transfer fails the funding", () => {
    mint(HOSTILE, client, 100);
    create(client, freelancer, HOSTILE, [100]);
    setHostileMode(HostileMode.Fail);
    expectErr(fund(client, 1, HOSTILE), "ERR-TOKEN-TRANSFER-FAILED");
    expect(escrowStatus(1)).toBe(EscrowStatus.Created);
  });

  it("fund-escrow: rejects a fee-on-transfer token (the escrow must receive exactly the total)", () => {
    mint(HOSTILE, client, 100);
    create(client, freelancer, HOSTILE, [100]);
    setHostileMode(HostileMode.Fee);
    expectErr(fund(client, 1, HOSTILE), "ERR-INSUFFICIENT-TOKENS-RECEIVED");
    expect(balanceOf(HOSTILE, client)).toBe(100n);
    expect(escrowStatus(1)).toBe(EscrowStatus.Created);
  });
});

// ───────────────────────────── submit-milestone ─────────────────────────────

describe("submit-milestone", () => {
  it("submit-milestone: only the freelancer, only on a funded escrow, only a pending milestone in range", () => {
    create(client, freelancer, null, [10, 20]);
    expectErr(submit(freelancer, 1, 0), "ERR-INVALID-ESCROW-STATUS"); // not funded yet
    expect(fund(client, 1, null).result).toBeOk(Cl.bool(true));
    expectErr(submit(client, 1, 0), "ERR-NOT-ESCROW-PARTY");
    expectErr(submit(stranger, 1, 0), "ERR-NOT-ESCROW-PARTY");
    expectErr(submit(freelancer, 1, 2), "ERR-MILESTONE-INDEX-OUT-OF-RANGE");
    expectErr(submit(freelancer, 2, 0), "ERR-ESCROW-NOT-FOUND");
    expect(submit(freelancer, 1, 1).result).toBeOk(Cl.bool(true));
    expectErr(submit(freelancer, 1, 1), "ERR-INVALID-MILESTONE-STATUS"); // twice
    expect(milestoneStatus(1, 0)).toBe(MilestoneStatus.Pending);
    expect(milestoneStatus(1, 1)).toBe(MilestoneStatus.Submitted);
  });

  it("submit-milestone: a released or disputed milestone cannot be submitted, nor anything on a completed escrow", () => {
    const id = createFunded([10, 20, 30]);
    release(id, 0);
    expectErr(submit(freelancer, id, 0), "ERR-INVALID-MILESTONE-STATUS");
    expect(dispute(client, id, 2).result).toBeOk(Cl.bool(true));
    expectErr(submit(freelancer, id, 2), "ERR-INVALID-MILESTONE-STATUS");
    expect(resolve(arbiter, id, 2, 10_000).result).toBeOk(Cl.bool(true));
    release(id, 1);
    expectErr(submit(freelancer, id, 0), "ERR-INVALID-ESCROW-STATUS");
  });

  it("submit-milestone: milestones may be delivered in any order", () => {
    const id = createFunded([1, 2, 3]);
    release(id, 2);
    release(id, 0);
    expect(escrowStatus(id)).toBe(EscrowStatus.Funded);
    const last = release(id, 1);
    expect(prints(last).length).toBe(2);
    expect(escrowStatus(id)).toBe(EscrowStatus.Completed);
  });
});

// ───────────────────────────── approve-milestone ─────────────────────────────

describe("approve-milestone", () => {
  it("approve-milestone: only the client, only a submitted milestone", () => {
    const id = createFunded([10, 20]);
    expectErr(approve(client, id, 0), "ERR-INVALID-MILESTONE-STATUS"); // pending
    expect(submit(freelancer, id, 0).result).toBeOk(Cl.bool(true));
    expectErr(approve(freelancer, id, 0), "ERR-NOT-ESCROW-PARTY");
    expectErr(approve(stranger, id, 0), "ERR-NOT-ESCROW-PARTY");
    expectErr(approve(client, id, 5), "ERR-MILESTONE-INDEX-OUT-OF-RANGE");
    expectErr(approve(client, 9, 0), "ERR-ESCROW-NOT-FOUND");
    expect(approve(client, id, 0).result).toBeOk(Cl.bool(true));
    expectErr(approve(client, id, 0), "ERR-INVALID-MILESTONE-STATUS"); // released twice
  });

  it("approve-milestone: cannot approve on an unfunded or completed escrow", () => {
    create(client, freelancer, null, [10]);
    expectErr(approve(client, 1, 0), "ERR-INVALID-ESCROW-STATUS");
    const id = createFunded([10]);
    release(id, 0);
    expectErr(approve(client, id, 0), "ERR-INVALID-ESCROW-STATUS");
  });

  it("approve-milestone: releases fee and payout exactly (amount 1 -> fee 1, payout 0; no earnings recorded)", () => {
    const id = createFunded([1]);
    expect(eventAt(release(id, 0))).toMatchObject({ fee: Cl.uint(1), payout: Cl.uint(0) });
    expect(creditOf(null, deployer)).toBe(1n);
    expect(creditOf(null, freelancer)).toBe(0n);
    expect(earnedOf(null, freelancer)).toBe(0n);
    expectErr(withdraw(freelancer, null), "ERR-NOTHING-TO-WITHDRAW");
  });

  // [amount, fee-bps] -> fee = ceil(amount * bps / 10000), payout = amount - fee
  const roundingCases: Array<[bigint, bigint]> = [
    [1n, 1000n],
    [3n, 1000n],
    [9n, 1000n],
    [10n, 1000n],
    [11n, 1000n],
    [999n, 1000n],
    [1001n, 1000n],
    [9999n, 1000n],
    [10_000n, 1000n],
    [10_001n, 1000n],
    [123_456_789n, 1000n],
    [1n, 1n],
    [9_999n, 1n],
    [10_001n, 1n],
    [3n, 2000n],
    [7n, 2000n],
    [12_345n, 2000n],
    [7n, 0n],
    [10_001n, 0n],
  ];
  it.each(roundingCases)("approve-milestone: fee rounding, amount %s at %s bps: fee rounds up, fee + payout == amount", (amount, bps) => {
    expect(setFee(deployer, bps).result).toBeOk(Cl.bool(true));
    const id = createFunded([amount]);
    const fee = expectedFee(amount, bps);
    expect(eventAt(release(id, 0))).toMatchObject({ amount: Cl.uint(amount), fee: Cl.uint(fee), payout: Cl.uint(amount - fee) });
    expect(creditOf(null, deployer)).toBe(fee);
    expect(creditOf(null, freelancer)).toBe(amount - fee);
  });

  it("approve-milestone: fee on a huge amount (2^127 - 1 tokens at the 20% cap) does not overflow", () => {
    expect(setFee(deployer, 2000).result).toBeOk(Cl.bool(true));
    const amount = 2n ** 127n - 1n;
    const id = createFunded([amount], DEMO_USD);
    const fee = expectedFee(amount, 2000n);
    expect(eventAt(release(id, 0))).toMatchObject({ fee: Cl.uint(fee), payout: Cl.uint(amount - fee) });
  });

  it("approve-milestone: fee matches ceil(amount * bps / 10000) for random amounts and fees (seeded)", () => {
    const rnd = prng(0xfee);
    for (let round = 0; round < 6; round++) {
      const bps = BigInt(rnd.int(0, 2000));
      expect(setFee(deployer, bps).result).toBeOk(Cl.bool(true));
      const amounts = Array.from({ length: 8 }, () => rnd.bigint(1n, 50_000_000n));
      const id = createFunded(amounts);
      amounts.forEach((amount, i) => {
        const fee = expectedFee(amount, bps);
        expect(eventAt(release(id, i)), `amount ${amount} bps ${bps}`).toMatchObject({ fee: Cl.uint(fee), payout: Cl.uint(amount - fee) });
      });
    }
  });

  it("approve-milestone: fees go to the fee recipient current at release time", () => {
    const id = createFunded([1000, 1000]);
    release(id, 0);
    expect(setFeeRecipient(deployer, stranger).result).toBeOk(Cl.bool(true));
    release(id, 1);
    expect(creditOf(null, deployer)).toBe(100n);
    expect(creditOf(null, stranger)).toBe(100n);
  });
});

// ───────────────────────────── cancel-escrow ─────────────────────────────

describe("cancel-escrow", () => {
  it("cancel-escrow: the client or the freelancer cancels an unfunded escrow", () => {
    create(client, freelancer, null, [10]);
    create(client, freelancer, null, [10]);
    const byClient = cancel(client, 1);
    expect(byClient.result).toBeOk(Cl.bool(true));
    expectEvents(byClient, [{ topic: "escrow-cancelled", "escrow-id": Cl.uint(1), by: Cl.principal(client) }]);
    const byFreelancer = cancel(freelancer, 2);
    expect(byFreelancer.result).toBeOk(Cl.bool(true));
    expectEvents(byFreelancer, [{ topic: "escrow-cancelled", "escrow-id": Cl.uint(2), by: Cl.principal(freelancer) }]);
    expect(escrowStatus(1)).toBe(EscrowStatus.Cancelled);
    expect(escrowStatus(2)).toBe(EscrowStatus.Cancelled);
  });

  it("cancel-escrow: nobody else may cancel, and only while unfunded; a cancelled job cannot be rated", () => {
    create(client, freelancer, null, [10]);
    expectErr(cancel(stranger, 1), "ERR-NOT-ESCROW-PARTY");
    expectErr(cancel(deployer, 1), "ERR-NOT-ESCROW-PARTY");
    expectErr(cancel(client, 2), "ERR-ESCROW-NOT-FOUND");
    expect(fund(client, 1, null).result).toBeOk(Cl.bool(true));
    expectErr(cancel(client, 1), "ERR-INVALID-ESCROW-STATUS");
    expectErr(cancel(freelancer, 1), "ERR-INVALID-ESCROW-STATUS");
    create(client, freelancer, null, [10]);
    expect(cancel(client, 2).result).toBeOk(Cl.bool(true));
    expectErr(cancel(client, 2), "ERR-INVALID-ESCROW-STATUS"); // twice
    expectErr(rate(client, 2, 5), "ERR-INVALID-ESCROW-STATUS");
  });
});

// ───────────────────────────── withdraw ─────────────────────────────

describe("withdraw", () => {
  it("withdraw: fails when nothing is credited, and a second withdraw finds nothing", () => {
    expectErr(withdraw(freelancer, null), "ERR-NOTHING-TO-WITHDRAW");
    const id = createFunded([100]);
    release(id, 0);
    expect(withdraw(freelancer, null).result).toBeOk(Cl.uint(90));
    expectErr(withdraw(freelancer, null), "ERR-NOTHING-TO-WITHDRAW");
  });

  it("withdraw: credits are per token; a wrong token trait pays nothing and leaves the credit intact", () => {
    const id = createFunded([100], DEMO_USD);
    release(id, 0);
    expectErr(withdraw(freelancer, HOSTILE), "ERR-NOTHING-TO-WITHDRAW");
    expectErr(withdraw(freelancer, null), "ERR-NOTHING-TO-WITHDRAW");
    expect(creditOf(DEMO_USD, freelancer)).toBe(90n);
    expect(withdraw(freelancer, DEMO_USD).result).toBeOk(Cl.uint(90));
  });

  it("withdraw: a token whose transfer fails keeps the credit (the whole call reverts); other tokens are unaffected", () => {
    const stx = createFunded([1000]);
    const id = createFunded([100], HOSTILE);
    release(id, 0);
    release(stx, 0);
    setHostileMode(HostileMode.Fail);
    expectErr(withdraw(freelancer, HOSTILE), "ERR-TOKEN-TRANSFER-FAILED");
    expect(creditOf(HOSTILE, freelancer)).toBe(90n);
    expect(heldOf(HOSTILE)).toBe(100n);
    expect(withdraw(freelancer, null).result).toBeOk(Cl.uint(900)); // STX withdrawals still work
    setHostileMode(HostileMode.Normal);
    expect(withdraw(freelancer, HOSTILE).result).toBeOk(Cl.uint(90));
  });

  it("withdraw: as-contract? allowances stop a hostile token from draining the escrow's STX", () => {
    createFunded([5_000]); // STX held by the escrow
    const id = createFunded([100], HOSTILE);
    release(id, 0);
    setHostileMode(HostileMode.Drain);
    const stxBefore = stxBalance(ESCROW);
    expectErr(withdraw(freelancer, HOSTILE), "ERR-ASSET-ALLOWANCE-EXCEEDED");
    expect(stxBalance(ESCROW)).toBe(stxBefore);
    expect(stxBalance(HOSTILE)).toBe(0n);
    expect(creditOf(HOSTILE, freelancer)).toBe(90n);
  });

  it("withdraw: the fee recipient, the freelancer and the client withdraw independently, in any order", () => {
    const id = createFunded([1_000, 3_000, 500]);
    release(id, 0);
    expect(withdraw(deployer, null).result).toBeOk(Cl.uint(100));
    release(id, 1);
    expect(dispute(freelancer, id, 2).result).toBeOk(Cl.bool(true));
    expect(resolve(arbiter, id, 2, 2_000).result).toBeOk(Cl.bool(true)); // 100 gross: fee 10, payout 90, refund 400
    expect(withdraw(client, null).result).toBeOk(Cl.uint(400));
    expect(withdraw(freelancer, null).result).toBeOk(Cl.uint(900 + 2700 + 90));
    expect(withdraw(deployer, null).result).toBeOk(Cl.uint(300 + 10));
    expect(stxBalance(ESCROW)).toBe(0n);
    expect(heldOf(null)).toBe(0n);
  });
});

// ───────────────────────────── pause ─────────────────────────────

describe("pause", () => {
  it("pause: blocks create-escrow and fund-escrow only; every other action still works", () => {
    const funded = createFunded([100, 200, 300, 400, 500, 600]);
    release(funded, 0);
    expect(submit(freelancer, funded, 1).result).toBeOk(Cl.bool(true));
    expect(submit(freelancer, funded, 2).result).toBeOk(Cl.bool(true));
    create(client, freelancer, null, [50]); // 2: unfunded
    create(client, freelancer, null, [50]); // 3: unfunded

    const p = pause(deployer);
    expect(p.result).toBeOk(Cl.bool(true));
    expectEvents(p, [{ topic: "paused", account: Cl.principal(deployer) }]);
    expect(ro("is-paused")).toBeBool(true);

    expectErr(create(client, freelancer, null, [1]), "ERR-PAUSED");
    expectErr(fund(client, 2, null), "ERR-PAUSED");
    expect(approve(client, funded, 1).result).toBeOk(Cl.bool(true));
    expect(submit(freelancer, funded, 3).result).toBeOk(Cl.bool(true));
    expect(dispute(client, funded, 3).result).toBeOk(Cl.bool(true));
    expect(resolve(arbiter, funded, 3, 5000).result).toBeOk(Cl.bool(true));
    expect(revoke(freelancer).result).toBeOk(Cl.uint(1));
    expect(settle(client, freelancer, { id: funded, index: 4, bps: 10_000, deadline: nextTxTime() + DAY }).result).toBeOk(Cl.bool(true));
    advanceTo(milestoneOf(funded, 2)!["submitted-at"] + REVIEW);
    expect(claim(freelancer, funded, 2).result).toBeOk(Cl.bool(true));
    advanceTo(milestoneOf(funded, 5)!["due-date"] + GRACE);
    expect(reclaim(client, funded, 5).result).toBeOk(Cl.bool(true));
    expect(escrowStatus(funded)).toBe(EscrowStatus.Closed);
    expect(rate(client, funded, 3).result).toBeOk(Cl.bool(true));
    expect(cancel(client, 3).result).toBeOk(Cl.bool(true));
    for (const who of [freelancer, deployer, client]) expect(withdraw(who, null).result).toHaveClarityType(ClarityType.ResponseOk);

    const u = unpause(deployer);
    expect(u.result).toBeOk(Cl.bool(true));
    expectEvents(u, [{ topic: "unpaused", account: Cl.principal(deployer) }]);
    expect(fund(client, 2, null).result).toBeOk(Cl.bool(true));
    expect(create(client, freelancer, null, [1]).result).toBeOk(Cl.uint(4));
  });

  it("pause: only a pauser pauses, only an admin unpauses; no double pause or unpause", () => {
    expectErr(pause(client), "ERR-NOT-AUTHORIZED");
    expectErr(unpause(deployer), "ERR-NOT-PAUSED");
    expect(grantRole(deployer, "pauser", stranger).result).toBeOk(Cl.bool(true));
    expect(pause(stranger).result).toBeOk(Cl.bool(true));
    expectErr(pause(stranger), "ERR-PAUSED");
    expectErr(unpause(stranger), "ERR-NOT-AUTHORIZED"); // a pauser is not an admin
    expect(unpause(deployer).result).toBeOk(Cl.bool(true));
  });
});

// ───────────────────────────── admin ─────────────────────────────

describe("admin", () => {
  it("set-platform-fee: only a fee manager, at most MAX-FEE-BPS (u2000), emits platform-fee-updated", () => {
    expectErr(setFee(client, 500), "ERR-NOT-AUTHORIZED");
    expectErr(setFee(deployer, 2001), "ERR-FEE-ABOVE-CAP");
    const r = setFee(deployer, 2000);
    expect(r.result).toBeOk(Cl.bool(true));
    expectEvents(r, [{ topic: "platform-fee-updated", "previous-bps": Cl.uint(1000), "new-bps": Cl.uint(2000) }]);
    expect(setFee(deployer, 0).result).toBeOk(Cl.bool(true));
    expect(ro("get-platform-fee")).toBeUint(0);
  });

  it("set-fee-recipient: only a fee manager, never the escrow itself or another network, emits fee-recipient-updated", () => {
    expectErr(setFeeRecipient(client, client), "ERR-NOT-AUTHORIZED");
    expectErr(setFeeRecipient(deployer, ESCROW), "ERR-INVALID-FEE-RECIPIENT");
    expectErr(setFeeRecipient(deployer, "SP2J6ZY48GV1EZ5V2V5RB9MP66SW86PYKKNRV9EJ7"), "ERR-INVALID-FEE-RECIPIENT");
    const r = setFeeRecipient(deployer, stranger);
    expect(r.result).toBeOk(Cl.bool(true));
    expectEvents(r, [{ topic: "fee-recipient-updated", "previous-recipient": Cl.principal(deployer), "new-recipient": Cl.principal(stranger) }]);
    expect(ro("get-fee-recipient")).toBePrincipal(stranger);
    // a contract (the DAO treasury) may receive fees
    expect(setFeeRecipient(deployer, PROXY).result).toBeOk(Cl.bool(true));
  });

  it("set-fee-discount-source: only a fee manager, a contract of this network other than the escrow, or none; emits fee-discount-source-updated", () => {
    expectErr(setSource(client, DISCOUNT), "ERR-NOT-AUTHORIZED");
    expectErr(setSource(deployer, stranger), "ERR-INVALID-FEE-DISCOUNT-SOURCE");
    expectErr(setSource(deployer, ESCROW), "ERR-INVALID-FEE-DISCOUNT-SOURCE");
    expectErr(setSource(deployer, "SP2J6ZY48GV1EZ5V2V5RB9MP66SW86PYKKNRV9EJ7.tiers"), "ERR-INVALID-FEE-DISCOUNT-SOURCE");
    const r = setSource(deployer, DISCOUNT);
    expect(r.result).toBeOk(Cl.bool(true));
    expectEvents(r, [{ topic: "fee-discount-source-updated", "previous-source": Cl.none(), "new-source": Cl.some(Cl.principal(DISCOUNT)) }]);
    expect(ro("get-fee-discount-source")).toBeSome(Cl.principal(DISCOUNT));
    const off = setSource(deployer, null);
    expectEvents(off, [{ topic: "fee-discount-source-updated", "previous-source": Cl.some(Cl.principal(DISCOUNT)), "new-source": Cl.none() }]);
    expect(ro("get-fee-discount-source")).toBeNone();
  });

  it("set-token-allowed: only an admin, none (STX) or a contract of this network; emits token-allowlist-updated; existing jobs unaffected", () => {
    expectErr(setTokenAllowed(client, DEMO_USD, false), "ERR-NOT-AUTHORIZED");
    expectErr(setTokenAllowed(deployer, stranger, true), "ERR-INVALID-TOKEN");
    expectErr(setTokenAllowed(deployer, "SP2J6ZY48GV1EZ5V2V5RB9MP66SW86PYKKNRV9EJ7.usdc", true), "ERR-INVALID-TOKEN");
    expect(grantRole(deployer, "fee-manager", stranger).result).toBeOk(Cl.bool(true));
    expectErr(setTokenAllowed(stranger, DEMO_USD, false), "ERR-NOT-AUTHORIZED"); // a fee manager is not an admin
    const id = createFunded([100], DEMO_USD);
    const r = setTokenAllowed(deployer, DEMO_USD, false);
    expect(r.result).toBeOk(Cl.bool(true));
    expectEvents(r, [{ topic: "token-allowlist-updated", token: tokenCV(DEMO_USD), allowed: Cl.bool(false) }]);
    expect(ro("is-token-allowed", [tokenCV(DEMO_USD)])).toBeBool(false);
    expectErr(create(client, freelancer, DEMO_USD, [1]), "ERR-TOKEN-NOT-ALLOWED");
    release(id, 0); // the funded job goes on
    expect(withdraw(freelancer, DEMO_USD).result).toBeOk(Cl.uint(90));
    const stx = setTokenAllowed(deployer, null, false);
    expectEvents(stx, [{ topic: "token-allowlist-updated", token: Cl.none(), allowed: Cl.bool(false) }]);
    expect(ro("is-token-allowed", [Cl.none()])).toBeBool(false);
  });

  it("grant-role / revoke-role: only an admin, known roles only (arbiter included), events only on change", () => {
    expectErr(grantRole(client, "fee-manager", client), "ERR-NOT-AUTHORIZED");
    expectErr(grantRole(deployer, "owner", client), "ERR-UNKNOWN-ROLE");
    expectErr(revokeRole(deployer, "owner", client), "ERR-UNKNOWN-ROLE");

    const g = grantRole(deployer, "fee-manager", client);
    expect(g.result).toBeOk(Cl.bool(true));
    expectEvents(g, [{ topic: "role-granted", role: Cl.stringAscii("fee-manager"), account: Cl.principal(client), sender: Cl.principal(deployer) }]);
    expect(ro("has-role", [Cl.stringAscii("fee-manager"), Cl.principal(client)])).toBeBool(true);
    const again = grantRole(deployer, "fee-manager", client);
    expect(again.result).toBeOk(Cl.bool(false));
    expectEvents(again, []);
    expect(setFee(client, 1500).result).toBeOk(Cl.bool(true));

    expectErr(revokeRole(client, "fee-manager", client), "ERR-NOT-AUTHORIZED");
    const rv = revokeRole(deployer, "fee-manager", client);
    expect(rv.result).toBeOk(Cl.bool(true));
    expectEvents(rv, [{ topic: "role-revoked", role: Cl.stringAscii("fee-manager"), account: Cl.principal(client), sender: Cl.principal(deployer) }]);
    expect(revokeRole(deployer, "fee-manager", client).result).toBeOk(Cl.bool(false));
    expectErr(setFee(client, 1500), "ERR-NOT-AUTHORIZED");

    // arbiter: granted in the standard setup, revocable like any role
    expect(ro("has-role", [Cl.stringAscii("arbiter"), Cl.principal(arbiter)])).toBeBool(true);
    const id = createFunded([100]);
    expect(dispute(client, id, 0).result).toBeOk(Cl.bool(true));
    expect(revokeRole(deployer, "arbiter", arbiter).result).toBeOk(Cl.bool(true));
    expectErr(resolve(arbiter, id, 0, 0), "ERR-NOT-AUTHORIZED");
  });

  it("grant-role: a new admin can administer; an admin that revokes itself loses admin rights", () => {
    expect(grantRole(deployer, "admin", stranger).result).toBeOk(Cl.bool(true));
    expect(revokeRole(stranger, "admin", deployer).result).toBeOk(Cl.bool(true));
    expectErr(grantRole(deployer, "pauser", client), "ERR-NOT-AUTHORIZED");
    expect(grantRole(stranger, "pauser", client).result).toBeOk(Cl.bool(true));
  });
});

// ───────────────────── contract-caller (proxy) checks ─────────────────────

describe("contract-caller checks through a relaying contract", () => {
  it("contract-caller: a contract relaying the admin's signed call is not the admin", () => {
    expectErr(viaProxy("pause", [], deployer), "ERR-NOT-AUTHORIZED");
    expectErr(viaProxy("set-platform-fee", [Cl.uint(0)], deployer), "ERR-NOT-AUTHORIZED");
    expectErr(viaProxy("set-fee-recipient", [Cl.principal(stranger)], deployer), "ERR-NOT-AUTHORIZED");
    expectErr(viaProxy("set-fee-discount-source", [Cl.some(Cl.principal(DISCOUNT))], deployer), "ERR-NOT-AUTHORIZED");
    expectErr(viaProxy("set-token-allowed", [tokenCV(DEMO_USD), Cl.bool(false)], deployer), "ERR-NOT-AUTHORIZED");
    expectErr(viaProxy("grant-role", [Cl.stringAscii("admin"), Cl.principal(stranger)], deployer), "ERR-NOT-AUTHORIZED");
    expectErr(viaProxy("revoke-role", [Cl.stringAscii("admin"), Cl.principal(deployer)], deployer), "ERR-NOT-AUTHORIZED");
    pause(deployer);
    expectErr(viaProxy("unpause", [], deployer), "ERR-NOT-AUTHORIZED");
    expect(ro("get-platform-fee")).toBeUint(1000);
    expect(ro("has-role", [Cl.stringAscii("admin"), Cl.principal(stranger)])).toBeBool(false);
    expect(ro("is-token-allowed", [tokenCV(DEMO_USD)])).toBeBool(true);
  });

  it("contract-caller: a contract relaying the arbiter's call cannot rule", () => {
    const id = createFunded([100]);
    expect(dispute(client, id, 0).result).toBeOk(Cl.bool(true));
    expectErr(viaProxy("resolve-dispute", [Cl.uint(id), Cl.uint(0), Cl.uint(10_000)], arbiter), "ERR-NOT-AUTHORIZED");
    expect(milestoneStatus(id, 0)).toBe(MilestoneStatus.Disputed);
  });

  it("contract-caller: a contract relaying the client's or freelancer's call is not that party", () => {
    const funded = createFunded([100, 100, 100]);
    create(client, freelancer, null, [100]); // 2: unfunded
    const args = (i: number) => [Cl.uint(funded), Cl.uint(i)];
    expectErr(viaProxy("submit-milestone", [...args(0), Cl.buffer(ZERO32)], freelancer), "ERR-NOT-ESCROW-PARTY");
    expect(submit(freelancer, funded, 0).result).toBeOk(Cl.bool(true));
    expectErr(viaProxy("approve-milestone", args(0), client), "ERR-NOT-ESCROW-PARTY");
    advanceTo(milestoneOf(funded, 0)!["submitted-at"] + REVIEW);
    expectErr(viaProxy("claim-milestone", args(0), freelancer), "ERR-NOT-ESCROW-PARTY");
    advanceTo(milestoneOf(funded, 1)!["due-date"] + GRACE);
    expectErr(viaProxy("reclaim-milestone", args(1), client), "ERR-NOT-ESCROW-PARTY");
    expectErr(viaProxy("open-dispute", [...args(1), Cl.buffer(ZERO32)], client), "ERR-NOT-ESCROW-PARTY");
    expectErr(viaProxy("open-dispute", [...args(1), Cl.buffer(ZERO32)], freelancer), "ERR-NOT-ESCROW-PARTY");
    const deadline = nextTxTime() + DAY;
    const sig = signOffer(freelancer, { id: funded, index: 2, bps: 0, deadline });
    expectErr(viaProxy("settle-milestone", [...args(2), Cl.uint(0), Cl.uint(deadline), Cl.bufferFromHex(sig)], client), "ERR-NOT-ESCROW-PARTY");
    expectErr(viaProxy("fund-escrow", [Cl.uint(2), Cl.none()], client), "ERR-NOT-ESCROW-PARTY");
    expectErr(viaProxy("cancel-escrow", [Cl.uint(2)], client), "ERR-NOT-ESCROW-PARTY");
    expectErr(viaProxy("cancel-escrow", [Cl.uint(2)], freelancer), "ERR-NOT-ESCROW-PARTY");
    expect(milestoneStatus(funded, 0)).toBe(MilestoneStatus.Submitted);
    expect(milestoneStatus(funded, 1)).toBe(MilestoneStatus.Pending);
    expect(milestoneStatus(funded, 2)).toBe(MilestoneStatus.Pending);
    expect(escrowStatus(2)).toBe(EscrowStatus.Created);
    // the client's own offer nonce is untouched by a relayed revoke (the proxy revokes its own)
    expect(viaProxy("revoke-settlement-offers", [], client).result).toBeOk(Cl.uint(1));
    expect(nonceOf(client)).toBe(0n);
    expect(nonceOf(PROXY)).toBe(1n);
    // and the freelancer's offer still works for the real client
    expect(settleCall(client, funded, 2, 0, deadline, sig).result).toBeOk(Cl.bool(true));
  });

  it("contract-caller: a contract relaying the client's call cannot rate the client's job", () => {
    const id = createFunded([100]);
    release(id, 0);
    expectErr(viaProxy("rate-job", [Cl.uint(id), Cl.uint(1)], client), "ERR-NOT-ESCROW-PARTY");
    expect(escrowOf(id)!.rated).toBe(false);
  });

  it("contract-caller: a contract relaying the freelancer's call cannot withdraw the freelancer's credit", () => {
    const id = createFunded([100]);
    release(id, 0);
    const before = stxBalance(freelancer);
    expectErr(viaProxy("withdraw", [Cl.none()], freelancer), "ERR-NOTHING-TO-WITHDRAW");
    expect(creditOf(null, freelancer)).toBe(90n);
    expect(stxBalance(freelancer)).toBe(before);
    expect(withdraw(freelancer, null).result).toBeOk(Cl.uint(90));
  });

  it("contract-caller: a relaying contract acts only as itself and cannot spend the signer's funds", () => {
    // created through the proxy: the client is the proxy, not the signer
    const c = viaProxy("create-escrow", createArgs(freelancer, null, [100]), client);
    expect(c.result).toBeOk(Cl.uint(1));
    expect(escrowOf(1)!.client).toBe(PROXY);
    expect(eventAt(c).client).toBePrincipal(PROXY);
    // funding it through the proxy would need the proxy's own STX: the signer's are untouched
    const stxBefore = stxBalance(client);
    expectErr(viaProxy("fund-escrow", [Cl.uint(1), Cl.none()], client), "ERR-TOKEN-TRANSFER-FAILED");
    expect(stxBalance(client)).toBe(stxBefore);
    // same for a SIP-010 escrow
    mint(DEMO_USD, client, 100);
    expect(viaProxy("create-escrow", createArgs(freelancer, DEMO_USD, [100]), client).result).toBeOk(Cl.uint(2));
    expectErr(viaProxy("fund-escrow", [Cl.uint(2), tokenCV(DEMO_USD)], client), "ERR-TOKEN-TRANSFER-FAILED");
    expect(balanceOf(DEMO_USD, client)).toBe(100n);
    // and the signer is no party to the proxy's escrow
    expectErr(cancel(client, 1), "ERR-NOT-ESCROW-PARTY");
    expect(viaProxy("cancel-escrow", [Cl.uint(1)], stranger).result).toBeOk(Cl.bool(true));
  });

  it("contract-caller: a contract granted a role exercises it in its own name (multisig/DAO pattern)", () => {
    expect(grantRole(deployer, "pauser", PROXY).result).toBeOk(Cl.bool(true));
    const r = viaProxy("pause", [], stranger);
    expect(r.result).toBeOk(Cl.bool(true));
    expectEvents(r, [{ topic: "paused", account: Cl.principal(PROXY) }]);
    expectErr(pause(stranger), "ERR-NOT-AUTHORIZED"); // the signer itself holds nothing
    expect(unpause(deployer).result).toBeOk(Cl.bool(true));
    // a contract arbiter rules in its own name
    expect(grantRole(deployer, "arbiter", PROXY).result).toBeOk(Cl.bool(true));
    const id = createFunded([100]);
    expect(dispute(freelancer, id, 0).result).toBeOk(Cl.bool(true));
    const ruled = viaProxy("resolve-dispute", [Cl.uint(id), Cl.uint(0), Cl.uint(7_000)], stranger);
    expect(ruled.result).toBeOk(Cl.bool(true));
    expect(eventAt(ruled).arbiter).toBePrincipal(PROXY);
  });
});

// ───────────────────────────── every error constant ─────────────────────────────

describe("error constants", () => {
  // One minimal scenario per ERR-* constant declared in escrow.clar.
  const scenarios: Record<string, () => ReturnType<typeof simnet.callPublicFn>> = {
    "ERR-NOT-AUTHORIZED": () => setFee(stranger, 500),
    "ERR-PAUSED": () => (pause(deployer), create(client, freelancer, null, [1])),
    "ERR-NOT-PAUSED": () => unpause(deployer),
    "ERR-UNKNOWN-ROLE": () => grantRole(deployer, "owner", stranger),
    "ERR-FEE-ABOVE-CAP": () => setFee(deployer, 2001),
    "ERR-INVALID-FEE-RECIPIENT": () => setFeeRecipient(deployer, ESCROW),
    "ERR-INVALID-FEE-DISCOUNT-SOURCE": () => setSource(deployer, stranger),
    "ERR-FEE-DISCOUNT-SOURCE-MISMATCH": () => (setSource(deployer, DISCOUNT), create(client, freelancer, null, [1], { source: null })),
    "ERR-ESCROW-NOT-FOUND": () => fund(client, 99, null),
    "ERR-NOT-ESCROW-PARTY": () => (create(client, freelancer, null, [1]), fund(stranger, 1, null)),
    "ERR-INVALID-ESCROW-STATUS": () => (create(client, freelancer, null, [1]), submit(freelancer, 1, 0)),
    "ERR-INVALID-MILESTONE-STATUS": () => (createFunded([5]), approve(client, 1, 0)),
    "ERR-MILESTONE-INDEX-OUT-OF-RANGE": () => (createFunded([5]), submit(freelancer, 1, 1)),
    "ERR-INVALID-MILESTONE-COUNT": () => create(client, freelancer, null, []),
    "ERR-INVALID-MILESTONE-AMOUNT": () => create(client, freelancer, null, [1, 0, 2]),
    "ERR-INVALID-FREELANCER": () => create(client, client, null, [1]),
    "ERR-INVALID-TOKEN": () => setTokenAllowed(deployer, stranger, true),
    "ERR-TOKEN-NOT-ALLOWED": () => create(client, freelancer, `${deployer}.multisig`, [1]),
    "ERR-TOKEN-MISMATCH": () => (create(client, freelancer, null, [1]), fund(client, 1, DEMO_USD)),
    "ERR-INSUFFICIENT-TOKENS-RECEIVED": () => {
      mint(HOSTILE, client, 10);
      create(client, freelancer, HOSTILE, [10]);
      setHostileMode(HostileMode.Fee);
      return fund(client, 1, HOSTILE);
    },
    "ERR-TOKEN-TRANSFER-FAILED": () => (create(client, freelancer, DEMO_USD, [10]), fund(client, 1, DEMO_USD)),
    "ERR-ASSET-ALLOWANCE-EXCEEDED": () => {
      createFunded([1000]);
      release(createFunded([100], HOSTILE), 0);
      setHostileMode(HostileMode.Drain);
      return withdraw(freelancer, HOSTILE);
    },
    "ERR-NOTHING-TO-WITHDRAW": () => withdraw(stranger, null),
    "ERR-INVALID-DUE-DATE": () => create(client, freelancer, null, [{ amount: 1, due: nextTxTime() }]),
    "ERR-INVALID-REVIEW-PERIOD": () => create(client, freelancer, null, [1], { review: 3599n }),
    "ERR-INVALID-GRACE-PERIOD": () => create(client, freelancer, null, [1], { grace: MAX_GRACE_PERIOD + 1n }),
    "ERR-REVIEW-PERIOD-NOT-OVER": () => (createFunded([5]), submit(freelancer, 1, 0), claim(freelancer, 1, 0)),
    "ERR-GRACE-PERIOD-NOT-OVER": () => (createFunded([5]), reclaim(client, 1, 0)),
    "ERR-INVALID-SPLIT": () => (createFunded([5]), dispute(client, 1, 0), resolve(arbiter, 1, 0, 10_001)),
    "ERR-ARBITER-IS-PARTY": () => (createFunded([5], null, client, arbiter), dispute(client, 1, 0), resolve(arbiter, 1, 0, 0)),
    "ERR-SETTLEMENT-EXPIRED": () => (createFunded([5]), settle(client, freelancer, { id: 1, index: 0, bps: 0, deadline: nextTxTime() - 1n })),
    "ERR-INVALID-SETTLEMENT-SIGNATURE": () => (createFunded([5]), settle(client, client, { id: 1, index: 0, bps: 0, deadline: nextTxTime() + DAY })),
    "ERR-INVALID-RATING": () => (release(createFunded([5]), 0), rate(client, 1, 6)),
    "ERR-ALREADY-RATED": () => (release(createFunded([5]), 0), rate(client, 1, 5), rate(client, 1, 5)),
  };

  it("error constants: every ERR-* declared in escrow.clar has a scenario, codes are unique and in u1000-u1099", () => {
    expect(Object.keys(scenarios).sort()).toEqual(Object.keys(ERR).sort());
    const codes = Object.values(ERR);
    expect(new Set(codes).size).toBe(codes.length);
    for (const c of codes) expect(c >= 1000n && c <= 1099n).toBe(true);
  });

  it.each(Object.keys(scenarios))("error constants: %s fires", (name) => {
    expectErr(scenarios[name](), name);
  });
});

// ───────────────────── randomized model-based sequences ─────────────────────

const SEEDS = process.env.FUZZ_SEEDS ? process.env.FUZZ_SEEDS.split(",").map(Number) : [1, 2, 3, 4, 5];
const STEPS = Number(process.env.FUZZ_STEPS ?? 200);
/** Successful calls per action, over every seed run (checked by the last test of the block). */
const fuzzOk: Record<string, number> = {};

describe("randomized action sequences (seeded)", () => {
  type ModelEscrow = {
    client: string;
    freelancer: string;
    token: Token;
    feeBps: bigint;
    status: bigint;
    amounts: bigint[];
    dues: bigint[];
    submittedAt: bigint[];
    milestones: bigint[];
    review: bigint;
    grace: bigint;
    reclaimed: boolean;
    rated: boolean;
  };
  const people = [client, freelancer, stranger, deployer, arbiter];
  const tokens: Token[] = [null, DEMO_USD];
  const NOT_ALLOWED = `${deployer}.multisig`;
  const FINAL = [MilestoneStatus.Released, MilestoneStatus.Refunded, MilestoneStatus.Resolved];

  it.each(SEEDS)(
    `conservation: ${STEPS} random actions (seed %i) keep balance == held balance, match a reference model, and never pay a settled milestone twice`,
    (seed) => {
      const rnd = prng(seed);
      const escrows: ModelEscrow[] = [];
      const credits = new Map<string, bigint>();
      const held = new Map<Token, bigint>();
      const stats = new Map<string, Stats>();
      const earned = new Map<string, bigint>();
      const nonces = new Map<string, bigint>();
      const key = (token: Token, who: string) => `${token ?? "STX"}|${who}`;
      const add = (m: Map<string, bigint>, k: string, amount: bigint) => amount > 0n && m.set(k, (m.get(k) ?? 0n) + amount);
      const statOf = (who: string) => stats.get(who) ?? (stats.set(who, zeroStats()), stats.get(who)!);
      let feeBps = 1000n;
      let paused = false;
      const okCount: Record<string, number> = {};

      const expectOutcome = (action: string, r: ReturnType<typeof simnet.callPublicFn>, err: string | null) => {
        if (process.env.FUZZ_DEBUG) console.error(`seed ${seed} ${action} -> ${err ?? "ok"} (${JSON.stringify(r.result)})`);
        if (err) expectErr(r, err);
        else {
          expect(r.result, `${action} should succeed`).toHaveClarityType(ClarityType.ResponseOk);
          okCount[action] = (okCount[action] ?? 0) + 1;
        }
      };
      // Guided choice: mostly pick an escrow where the action can succeed
      // (when there is one), otherwise any id, including one past the last.
      const pickId = (fits: (e: ModelEscrow) => boolean, guided = 0.8) => {
        const ids = escrows.map((e, i) => (fits(e) ? i + 1 : 0)).filter(Boolean);
        return ids.length && rnd.next() < guided ? rnd.pick(ids) : rnd.int(1, escrows.length + 1);
      };
      const weighted = <K extends string>(weights: Record<K, number>): K => {
        const entries = Object.entries(weights) as Array<[K, number]>;
        let x = rnd.next() * entries.reduce((t, [, w]) => t + w, 0);
        for (const [k, w] of entries) if ((x -= w) < 0) return k;
        return entries[entries.length - 1][0];
      };
      const pickIndex = (e: ModelEscrow, want: readonly bigint[]) => {
        const idx = e.milestones.map((m, i) => (want.includes(m) ? i : -1)).filter((i) => i >= 0);
        return idx.length && rnd.next() < 0.85 ? rnd.pick(idx) : rnd.int(0, e.amounts.length);
      };
      const pickCaller = (e: ModelEscrow | undefined, party: "client" | "freelancer") => (e && rnd.next() < 0.85 ? e[party] : rnd.pick(people));
      /** Common milestone checks: escrow, party, funded, index, status. */
      const milestoneErr = (e: ModelEscrow | undefined, partyOk: boolean, index: number, want: readonly bigint[]) =>
        !e
          ? "ERR-ESCROW-NOT-FOUND"
          : !partyOk
            ? "ERR-NOT-ESCROW-PARTY"
            : e.status !== EscrowStatus.Funded
              ? "ERR-INVALID-ESCROW-STATUS"
              : index >= e.amounts.length
                ? "ERR-MILESTONE-INDEX-OUT-OF-RANGE"
                : !want.includes(e.milestones[index])
                  ? "ERR-INVALID-MILESTONE-STATUS"
                  : null;
      /** Model of `settle` in escrow.clar: credits, earnings, completion. */
      const settleModel = (e: ModelEscrow, index: number, bps: bigint, final: bigint) => {
        const { fee, payout, refund } = expectedSplit(e.amounts[index], bps, e.feeBps);
        add(credits, key(e.token, deployer), fee);
        add(credits, key(e.token, e.freelancer), payout);
        add(credits, key(e.token, e.client), refund);
        add(earned, key(e.token, e.freelancer), payout);
        e.milestones[index] = final;
        if (final === MilestoneStatus.Refunded) e.reclaimed = true;
        if (e.milestones.every((m) => FINAL.includes(m))) {
          e.status = e.reclaimed ? EscrowStatus.Closed : EscrowStatus.Completed;
          if (!e.reclaimed) statOf(e.freelancer)["completed-jobs"]++;
        }
      };

      for (let step = 0; step < STEPS; step++) {
        // weights follow what can succeed now, so every path is exercised
        const now = nextTxTime();
        const has = (status: bigint) => escrows.some((e) => e.status === EscrowStatus.Funded && e.milestones.includes(status));
        /** Whether milestone j of e can be claimed / reclaimed now. */
        const opens = {
          claim: (e: ModelEscrow, j: number) => e.milestones[j] === MilestoneStatus.Submitted && now >= e.submittedAt[j] + e.review,
          reclaim: (e: ModelEscrow, j: number) => e.milestones[j] === MilestoneStatus.Pending && now >= e.dues[j] + e.grace,
        };
        const open = (kind: "claim" | "reclaim") => (e: ModelEscrow) =>
          e.status === EscrowStatus.Funded && e.milestones.some((_, j) => opens[kind](e, j));
        const action = weighted({
          create: 4,
          fund: escrows.some((e) => e.status === EscrowStatus.Created) ? 6 : 0.5,
          submit: 5,
          approve: has(MilestoneStatus.Submitted) ? 4 : 0.5,
          claim: escrows.some(open("claim")) ? 4 : 0.5,
          reclaim: escrows.some(open("reclaim")) ? 4 : 0.5,
          dispute: 3,
          resolve: has(MilestoneStatus.Disputed) ? 6 : 0.3,
          settle: 3,
          revoke: 0.5,
          rate: escrows.some((e) => (e.status === EscrowStatus.Completed || e.status === EscrowStatus.Closed) && !e.rated) ? 3 : 0.3,
          cancel: 0.7,
          withdraw: 3,
          fee: 0.5,
          pause: paused ? 3 : 0.4,
          time: 3,
        });
        if (action === "create") {
          const by = rnd.pick(people);
          const to = rnd.next() < 0.93 ? rnd.pick(people.filter((p) => p !== by)) : by;
          const token = rnd.next() < 0.03 ? NOT_ALLOWED : rnd.pick(tokens);
          const n = rnd.next() < 0.04 ? 0 : rnd.int(1, 4);
          const amounts = Array.from({ length: n }, () => (rnd.next() < 0.03 ? 0n : rnd.pick([1n, 3n, 999n, 10_001n, rnd.bigint(1n, 5_000_000n)])));
          const dues = amounts.map(() => (rnd.next() < 0.03 ? now : now + rnd.bigint(1n, 20n * DAY)));
          const review = rnd.next() < 0.03 ? HOURS(0.5) : rnd.pick([HOURS(1), DAY, 3n * DAY]);
          const grace = rnd.next() < 0.03 ? MAX_GRACE_PERIOD + 1n : rnd.pick([HOURS(1), 2n * DAY, 7n * DAY]);
          const err = paused
            ? "ERR-PAUSED"
            : n === 0
              ? "ERR-INVALID-MILESTONE-COUNT"
              : to === by
                ? "ERR-INVALID-FREELANCER"
                : token === NOT_ALLOWED
                  ? "ERR-TOKEN-NOT-ALLOWED"
                  : review < HOURS(1)
                    ? "ERR-INVALID-REVIEW-PERIOD"
                    : grace > MAX_GRACE_PERIOD
                      ? "ERR-INVALID-GRACE-PERIOD"
                      : amounts.includes(0n)
                        ? "ERR-INVALID-MILESTONE-AMOUNT"
                        : dues.some((d) => d <= now)
                          ? "ERR-INVALID-DUE-DATE"
                          : null;
          const terms = amounts.map((amount, i) => ({ amount, due: dues[i] }));
          const r = create(by, to, token, terms, { review, grace });
          expectOutcome(action, r, err);
          if (!err) {
            escrows.push({
              client: by,
              freelancer: to,
              token,
              feeBps,
              status: EscrowStatus.Created,
              amounts,
              dues,
              submittedAt: amounts.map(() => 0n),
              milestones: amounts.map(() => MilestoneStatus.Pending),
              review,
              grace,
              reclaimed: false,
              rated: false,
            });
            expect(r.result).toBeOk(Cl.uint(escrows.length));
          }
        } else if (action === "fund") {
          const id = pickId((e) => e.status === EscrowStatus.Created, 0.9);
          const e = escrows[id - 1];
          const by = pickCaller(e, "client");
          const token = e && rnd.next() < 0.85 ? e.token : rnd.pick(tokens);
          const total = e ? sum(e.amounts) : 0n;
          if (token && total > 0n && rnd.next() < 0.8) mint(token, by, total);
          const err = paused
            ? "ERR-PAUSED"
            : !e
              ? "ERR-ESCROW-NOT-FOUND"
              : by !== e.client
                ? "ERR-NOT-ESCROW-PARTY"
                : e.status !== EscrowStatus.Created
                  ? "ERR-INVALID-ESCROW-STATUS"
                  : token !== e.token
                    ? "ERR-TOKEN-MISMATCH"
                    : balanceOf(token, by) < total
                      ? "ERR-TOKEN-TRANSFER-FAILED"
                      : null;
          expectOutcome(action, fund(by, id, token), err);
          if (!err) {
            e!.status = EscrowStatus.Funded;
            held.set(e!.token, (held.get(e!.token) ?? 0n) + total);
          }
        } else if (action === "submit" || action === "approve" || action === "claim" || action === "reclaim") {
          const want = action === "submit" || action === "reclaim" ? [MilestoneStatus.Pending] : [MilestoneStatus.Submitted];
          const timed = action === "claim" || action === "reclaim" ? action : null;
          const id = pickId(timed ? open(timed) : (e) => e.status === EscrowStatus.Funded && e.milestones.some((m) => want.includes(m)));
          const e = escrows[id - 1];
          const party = action === "submit" || action === "claim" ? "freelancer" : "client";
          const by = pickCaller(e, party);
          const openIdx = e && timed ? e.milestones.map((_, j) => (opens[timed](e, j) ? j : -1)).filter((j) => j >= 0) : [];
          const index = openIdx.length && rnd.next() < 0.8 ? rnd.pick(openIdx) : e ? pickIndex(e, want) : 0;
          let err = milestoneErr(e, !!e && by === e[party], index, want);
          if (!err && action === "claim" && now < e!.submittedAt[index] + e!.review) err = "ERR-REVIEW-PERIOD-NOT-OVER";
          if (!err && action === "reclaim" && now < e!.dues[index] + e!.grace) err = "ERR-GRACE-PERIOD-NOT-OVER";
          const fn = { submit, approve, claim, reclaim }[action];
          expectOutcome(action, fn(by, id, index), err);
          if (!err && action === "submit") {
            e!.milestones[index] = MilestoneStatus.Submitted;
            e!.submittedAt[index] = now;
            statOf(e!.freelancer)["milestones-delivered"]++;
            if (now <= e!.dues[index]) statOf(e!.freelancer)["milestones-on-time"]++;
          }
          if (!err && (action === "approve" || action === "claim")) settleModel(e!, index, 10_000n, MilestoneStatus.Released);
          if (!err && action === "reclaim") {
            statOf(e!.freelancer)["milestones-reclaimed"]++;
            settleModel(e!, index, 0n, MilestoneStatus.Refunded);
          }
        } else if (action === "dispute") {
          const want = [MilestoneStatus.Pending, MilestoneStatus.Submitted];
          const id = pickId((e) => e.status === EscrowStatus.Funded && e.milestones.some((m) => want.includes(m)));
          const e = escrows[id - 1];
          const by = pickCaller(e, rnd.pick(["client", "freelancer"] as const));
          const index = e ? pickIndex(e, want) : 0;
          const err = milestoneErr(e, !!e && (by === e.client || by === e.freelancer), index, want);
          expectOutcome(action, dispute(by, id, index), err);
          if (!err) {
            e!.milestones[index] = MilestoneStatus.Disputed;
            statOf(e!.freelancer)["disputes-opened"]++;
          }
        } else if (action === "resolve") {
          const want = [MilestoneStatus.Disputed];
          const id = pickId((e) => e.status === EscrowStatus.Funded && e.milestones.includes(MilestoneStatus.Disputed));
          const e = escrows[id - 1];
          const by = rnd.next() < 0.85 ? arbiter : rnd.pick(people);
          const index = e ? pickIndex(e, want) : 0;
          const bps = rnd.next() < 0.05 ? 10_001n : rnd.pick([0n, 4_999n, 5_000n, 10_000n, rnd.bigint(0n, 10_000n)]);
          const err =
            by !== arbiter
              ? "ERR-NOT-AUTHORIZED"
              : !e
                ? "ERR-ESCROW-NOT-FOUND"
                : by === e.client || by === e.freelancer
                  ? "ERR-ARBITER-IS-PARTY"
                  : (milestoneErr(e, true, index, want) ?? (bps > 10_000n ? "ERR-INVALID-SPLIT" : null));
          expectOutcome(action, resolve(by, id, index, bps), err);
          if (!err) {
            if (bps < 5_000n) statOf(e!.freelancer)["disputes-lost"]++;
            settleModel(e!, index, bps, MilestoneStatus.Resolved);
          }
        } else if (action === "settle") {
          const want = [MilestoneStatus.Pending, MilestoneStatus.Submitted, MilestoneStatus.Disputed];
          const id = pickId((e) => e.status === EscrowStatus.Funded);
          const e = escrows[id - 1];
          const by = pickCaller(e, rnd.pick(["client", "freelancer"] as const));
          const index = e ? pickIndex(e, want) : 0;
          const counterparty = e ? (by === e.client ? e.freelancer : e.client) : client;
          // mostly the counterparty's valid offer; sometimes a wrong signer, a stale nonce or an expired deadline
          const flaw = weighted({ none: 8, signer: 1, nonce: 1, expired: 1 });
          const signer = flaw === "signer" ? rnd.pick(people.filter((p) => p !== counterparty)) : counterparty;
          const current = nonces.get(signer) ?? 0n;
          const nonce = flaw === "nonce" ? current + 1n : current;
          const deadline = flaw === "expired" ? now - 1n : now + rnd.bigint(0n, 2n * DAY);
          const bps = rnd.next() < 0.05 ? 10_001n : rnd.bigint(0n, 10_000n);
          const sig = signOffer(signer, { id, index, bps, deadline, nonce });
          const err =
            milestoneErr(e, !!e && (by === e.client || by === e.freelancer), index, want) ??
            (bps > 10_000n
              ? "ERR-INVALID-SPLIT"
              : flaw === "expired"
                ? "ERR-SETTLEMENT-EXPIRED"
                : flaw !== "none"
                  ? "ERR-INVALID-SETTLEMENT-SIGNATURE"
                  : null);
          expectOutcome(action, settleCall(by, id, index, bps, deadline, sig), err);
          if (!err) {
            nonces.set(signer, current + 1n);
            settleModel(e!, index, bps, MilestoneStatus.Resolved);
          }
        } else if (action === "revoke") {
          const by = rnd.pick(people);
          const next = (nonces.get(by) ?? 0n) + 1n;
          const r = revoke(by);
          expect(r.result).toBeOk(Cl.uint(next));
          nonces.set(by, next);
        } else if (action === "rate") {
          const id = pickId((e) => (e.status === EscrowStatus.Completed || e.status === EscrowStatus.Closed) && !e.rated);
          const e = escrows[id - 1];
          const by = pickCaller(e, "client");
          const rating = BigInt(rnd.int(0, 6));
          const err = !e
            ? "ERR-ESCROW-NOT-FOUND"
            : by !== e.client
              ? "ERR-NOT-ESCROW-PARTY"
              : e.status !== EscrowStatus.Completed && e.status !== EscrowStatus.Closed
                ? "ERR-INVALID-ESCROW-STATUS"
                : e.rated
                  ? "ERR-ALREADY-RATED"
                  : rating < 1n || rating > 5n
                    ? "ERR-INVALID-RATING"
                    : null;
          expectOutcome(action, rate(by, id, rating), err);
          if (!err) {
            e!.rated = true;
            statOf(e!.freelancer)["rating-count"]++;
            statOf(e!.freelancer)["rating-sum"] += rating;
          }
        } else if (action === "cancel") {
          const id = pickId((e) => e.status === EscrowStatus.Created, 0.3);
          const e = escrows[id - 1];
          const by = pickCaller(e, rnd.pick(["client", "freelancer"] as const));
          const err = !e
            ? "ERR-ESCROW-NOT-FOUND"
            : by !== e.client && by !== e.freelancer
              ? "ERR-NOT-ESCROW-PARTY"
              : e.status !== EscrowStatus.Created
                ? "ERR-INVALID-ESCROW-STATUS"
                : null;
          expectOutcome(action, cancel(by, id), err);
          if (!err) e!.status = EscrowStatus.Cancelled;
        } else if (action === "withdraw") {
          const owing = [...credits.keys()];
          const [tokenName, owner] = owing.length && rnd.next() < 0.7 ? rnd.pick(owing).split("|") : [null, null];
          const by = owner ?? rnd.pick(people);
          const token = tokenName ? (tokenName === "STX" ? null : tokenName) : rnd.pick(tokens);
          const owed = credits.get(key(token, by)) ?? 0n;
          const before = balanceOf(token, by);
          const r = withdraw(by, token);
          if (owed === 0n) expectErr(r, "ERR-NOTHING-TO-WITHDRAW");
          else {
            expect(r.result).toBeOk(Cl.uint(owed));
            expect(balanceOf(token, by)).toBe(before + owed);
            credits.delete(key(token, by));
            held.set(token, held.get(token)! - owed);
            okCount.withdraw = (okCount.withdraw ?? 0) + 1;
          }
        } else if (action === "fee") {
          const bps = BigInt(rnd.int(0, 2200));
          expectOutcome(action, setFee(deployer, bps), bps > 2000n ? "ERR-FEE-ABOVE-CAP" : null);
          if (bps <= 2000n) feeBps = bps;
        } else if (action === "pause") {
          expectOutcome(action, paused ? unpause(deployer) : pause(deployer), null);
          paused = !paused;
        } else {
          // half the time, exactly to the second a claim or a reclaim opens (or one second before)
          const openings = escrows
            .filter((e) => e.status === EscrowStatus.Funded)
            .flatMap((e) =>
              e.milestones.map((m, j) =>
                m === MilestoneStatus.Submitted ? e.submittedAt[j] + e.review : m === MilestoneStatus.Pending ? e.dues[j] + e.grace : 0n,
              ),
            )
            .filter((t) => t > now);
          const target = openings.length && rnd.next() < 0.5 ? rnd.pick(openings) - rnd.pick([0n, 0n, 1n]) : now + rnd.pick([60n, HOURS(1), DAY, 3n * DAY]);
          advanceTo(target);
        }

        // model == chain: statuses, milestones, credits, held balances, stats, earnings, nonces
        escrows.forEach((e, i) => {
          expect(escrowStatus(i + 1), `status of escrow ${i + 1}`).toBe(e.status);
          e.milestones.forEach((m, j) => expect(milestoneStatus(i + 1, j), `milestone ${i + 1}/${j}`).toBe(m));
        });
        for (const token of tokens) {
          expect(heldOf(token), `held ${token ?? "STX"}`).toBe(held.get(token) ?? 0n);
          for (const who of people) {
            expect(creditOf(token, who), `credit ${token ?? "STX"} ${who}`).toBe(credits.get(key(token, who)) ?? 0n);
            expect(earnedOf(token, who)).toBe(earned.get(key(token, who)) ?? 0n);
          }
          // held == funded unsettled amounts + credits (the law's two terms)
          const unsettled = escrows
            .filter((e) => e.token === token && e.status === EscrowStatus.Funded)
            .reduce((s, e) => s + e.amounts.filter((_, j) => !FINAL.includes(e.milestones[j])).reduce((a, b) => a + b, 0n), 0n);
          const credited = [...credits.entries()].filter(([k]) => k.startsWith(`${token ?? "STX"}|`)).reduce((s, [, v]) => s + v, 0n);
          expect(heldOf(token)).toBe(unsettled + credited);
        }
        for (const who of people) {
          expect(statsOf(who), `stats of ${who}`).toEqual(stats.get(who) ?? zeroStats());
          expect(nonceOf(who)).toBe(nonces.get(who) ?? 0n);
        }
      }
      // the sequence must have exercised the main happy paths, not only errors
      for (const a of ["create", "fund", "submit", "approve", "dispute", "settle", "withdraw"])
        expect(okCount[a] ?? 0, `successful ${a} calls`).toBeGreaterThan(0);
      for (const [a, n] of Object.entries(okCount)) fuzzOk[a] = (fuzzOk[a] ?? 0) + n;
    },
  );

  it.runIf(SEEDS.length >= 3)("randomized: across the seeds, every action succeeded at least once", () => {
    for (const a of ["create", "fund", "submit", "approve", "claim", "reclaim", "dispute", "resolve", "settle", "rate", "cancel", "withdraw"])
      expect(fuzzOk[a] ?? 0, `successful ${a} calls over seeds ${SEEDS.join(",")}`).toBeGreaterThan(0);
  });
});

function HOURS(h: number): bigint {
  return BigInt(Math.round(h * 3600));
}

// ───────────────────────────── cost baseline ─────────────────────────────
// Canonical calls for the benchmark (scripts/bench/clarityCosts.ts): filter
// costs-reports.json on test names containing "cost baseline". Each test starts
// from the standard setup (its set-token-allowed / grant-role calls are part of
// the test too; the bench takes the first call of each method).

describe("cost baseline", () => {
  it.each([
    ["STX", null as Token],
    ["SIP-010", DEMO_USD as Token],
  ])("cost baseline: 3-milestone escrow in %s, create/fund/submit/approve/claim/dispute/resolve/rate/withdraw", (_label, token) => {
    const amounts = [1_000_000n, 2_000_000n, 3_000_000n];
    if (token) mint(token, client, sum(amounts));
    expect(create(client, freelancer, token, amounts).result).toBeOk(Cl.uint(1));
    expect(fund(client, 1, token).result).toBeOk(Cl.bool(true));
    expect(submit(freelancer, 1, 0, deliverable(0)).result).toBeOk(Cl.bool(true));
    expect(approve(client, 1, 0).result).toBeOk(Cl.bool(true));
    expect(submit(freelancer, 1, 1, deliverable(1)).result).toBeOk(Cl.bool(true));
    advanceTo(nextTxTime() + REVIEW);
    expect(claim(freelancer, 1, 1).result).toBeOk(Cl.bool(true));
    expect(dispute(client, 1, 2, deliverable(2)).result).toBeOk(Cl.bool(true));
    expect(resolve(arbiter, 1, 2, 5_000).result).toBeOk(Cl.bool(true));
    expect(rate(client, 1, 5).result).toBeOk(Cl.bool(true));
    expect(withdraw(freelancer, token).result).toBeOk(Cl.uint(900_000n + 1_800_000n + 1_350_000n));
    expect(withdraw(deployer, token).result).toBeOk(Cl.uint(100_000n + 200_000n + 150_000n));
    expect(withdraw(client, token).result).toBeOk(Cl.uint(1_500_000n));
  });

  it("cost baseline: settlement, reclaim, cancel and admin in SIP-010, revoke/settle/reclaim/cancel/set-fee-discount-source/create with a source", () => {
    mint(DEMO_USD, client, 3_000_000n);
    expect(create(client, freelancer, DEMO_USD, [1_000_000n, 2_000_000n]).result).toBeOk(Cl.uint(1));
    expect(fund(client, 1, DEMO_USD).result).toBeOk(Cl.bool(true));
    expect(revoke(freelancer).result).toBeOk(Cl.uint(1));
    expect(settle(client, freelancer, { id: 1, index: 0, bps: 7_500, deadline: nextTxTime() + DAY }).result).toBeOk(Cl.bool(true));
    advanceTo(milestoneOf(1, 1)!["due-date"] + GRACE);
    expect(reclaim(client, 1, 1).result).toBeOk(Cl.bool(true));
    expect(create(client, freelancer, DEMO_USD, [1_000_000n]).result).toBeOk(Cl.uint(2));
    expect(cancel(freelancer, 2).result).toBeOk(Cl.bool(true));
    expect(setSource(deployer, DISCOUNT).result).toBeOk(Cl.bool(true));
    simnet.callPublicFn("mock-fee-discount", "set-discount", [Cl.principal(freelancer), Cl.uint(2_500)], deployer);
    expect(create(client, freelancer, DEMO_USD, [1_000_000n]).result).toBeOk(Cl.uint(3));
    expect(escrowOf(3)!["fee-bps"]).toBe(750n);
  });

  it.each([1, 5])("cost baseline: lifecycle %i-milestone SIP-010 job, create+fund+submit+approve+withdraws", (n) => {
    const amounts = Array.from({ length: n }, () => 1_000_000n);
    mint(DEMO_USD, client, sum(amounts));
    expect(create(client, freelancer, DEMO_USD, amounts).result).toBeOk(Cl.uint(1));
    expect(fund(client, 1, DEMO_USD).result).toBeOk(Cl.bool(true));
    for (let i = 0; i < n; i++) {
      expect(submit(freelancer, 1, i, deliverable(i)).result).toBeOk(Cl.bool(true));
      expect(approve(client, 1, i).result).toBeOk(Cl.bool(true));
    }
    expect(withdraw(freelancer, DEMO_USD).result).toBeOk(Cl.uint(900_000n * BigInt(n)));
    expect(withdraw(deployer, DEMO_USD).result).toBeOk(Cl.uint(100_000n * BigInt(n)));
  });

  it("cost baseline: bare SIP-010 transfers of a job, fund + freelancer withdraw + fee withdraw", () => {
    // The three token transfers the lifecycle makes, without the escrow: client ->
    // holder (funding), holder -> freelancer (payout), holder -> fee recipient (fee).
    mint(DEMO_USD, client, 1_000_000n);
    const transfer = (amount: bigint, from: string, to: string) =>
      simnet.callPublicFn("mock-sip010", "transfer", [Cl.uint(amount), Cl.principal(from), Cl.principal(to), Cl.none()], from);
    expect(transfer(1_000_000n, client, stranger).result).toBeOk(Cl.bool(true));
    expect(transfer(900_000n, stranger, freelancer).result).toBeOk(Cl.bool(true));
    expect(transfer(100_000n, stranger, deployer).result).toBeOk(Cl.bool(true));
  });
});
