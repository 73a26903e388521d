// Simnet tests of the escrow's time rules (stacks-block-time, Unix seconds):
// due dates at creation, the review and grace period bounds, on-time and late
// submissions, claim after the review period and reclaim after the due date
// plus the grace period, each at the exact second it opens and one second
// before, and how a reclaimed milestone closes the job. `advanceTo(t)` makes
// the next transaction run at t (see helpers.ts); simnet block times step by
// 10 s, so a boundary is pinned to the second by two calls in one block
// (`inOneBlock`), one on each side of it.
import { beforeEach, describe, expect, it } from "vitest";
import { Cl } from "@stacks/transactions";
import {
  DAY,
  DEMO_USD,
  EscrowStatus,
  GRACE,
  MAX_GRACE_PERIOD,
  MAX_REVIEW_PERIOD,
  MIN_PERIOD,
  MilestoneStatus,
  REVIEW,
  TX_STEP,
  ZERO32,
  advanceTo,
  approve,
  arbiter,
  claim,
  client,
  create,
  createFunded,
  creditOf,
  deployer,
  dispute,
  escrowOf,
  expectErr,
  expectEvents,
  expectedFee,
  freelancer,
  inOneBlock,
  milestoneOf,
  nextTxTime,
  reclaim,
  release,
  resolve,
  standardSetup,
  statsOf,
  stranger,
  submit,
  withdraw,
} from "./helpers";

beforeEach(() => standardSetup());

describe("due dates and periods at creation", () => {
  it("create-escrow: every due date must be after the creation block's time (equal is refused, one second later accepted)", () => {
    const t = nextTxTime();
    expectErr(create(client, freelancer, null, [{ amount: 1, due: t }]), "ERR-INVALID-DUE-DATE");
    const t2 = nextTxTime();
    expectErr(create(client, freelancer, null, [{ amount: 1, due: t2 + DAY }, { amount: 1, due: t2 - 1n }]), "ERR-INVALID-DUE-DATE");
    const t3 = nextTxTime();
    expect(create(client, freelancer, null, [{ amount: 1, due: t3 + 1n }]).result).toBeOk(Cl.uint(1));
    // due dates need no order, and may be far away
    const t4 = nextTxTime();
    expect(create(client, freelancer, null, [{ amount: 1, due: t4 + 10n * 365n * DAY }, { amount: 1, due: t4 + 1n }]).result).toBeOk(Cl.uint(2));
  });

  it.each([
    ["review", MIN_PERIOD - 1n, "ERR-INVALID-REVIEW-PERIOD"],
    ["review", MAX_REVIEW_PERIOD + 1n, "ERR-INVALID-REVIEW-PERIOD"],
    ["review", 0n, "ERR-INVALID-REVIEW-PERIOD"],
    ["grace", MIN_PERIOD - 1n, "ERR-INVALID-GRACE-PERIOD"],
    ["grace", MAX_GRACE_PERIOD + 1n, "ERR-INVALID-GRACE-PERIOD"],
    ["grace", 0n, "ERR-INVALID-GRACE-PERIOD"],
  ] as const)("create-escrow: a %s period of %s s is out of bounds", (which, period, err) => {
    expectErr(create(client, freelancer, null, [1], { [which]: period }), err);
  });

  it.each([
    [MIN_PERIOD, MIN_PERIOD],
    [MAX_REVIEW_PERIOD, MAX_GRACE_PERIOD],
    [MIN_PERIOD, MAX_GRACE_PERIOD],
    [MAX_REVIEW_PERIOD, MIN_PERIOD],
  ])("create-escrow: review %s s and grace %s s (the bounds) are accepted and stored", (review, grace) => {
    expect(create(client, freelancer, null, [1], { review, grace }).result).toBeOk(Cl.uint(1));
    expect(escrowOf(1)).toMatchObject({ "review-period": review, "grace-period": grace });
  });
});

describe("submit-milestone: on time or late", () => {
  it("submit-milestone: at the due date exactly is on time, one second later is late (still accepted); stats count both", () => {
    const due = nextTxTime() + DAY;
    const id = createFunded([{ amount: 10, due }, { amount: 20, due: due - 1n }]);
    advanceTo(due);
    const [onTime, late] = inOneBlock([
      ["submit-milestone", [Cl.uint(id), Cl.uint(0), Cl.buffer(ZERO32)], freelancer],
      ["submit-milestone", [Cl.uint(id), Cl.uint(1), Cl.buffer(ZERO32)], freelancer],
    ]);
    expectEvents(onTime, [
      { topic: "milestone-submitted", "escrow-id": Cl.uint(id), index: Cl.uint(0), deliverable: Cl.buffer(ZERO32), "on-time": Cl.bool(true) },
    ]);
    expectEvents(late, [
      { topic: "milestone-submitted", "escrow-id": Cl.uint(id), index: Cl.uint(1), deliverable: Cl.buffer(ZERO32), "on-time": Cl.bool(false) },
    ]);
    expect(milestoneOf(id, 0)!["submitted-at"]).toBe(due);
    expect(milestoneOf(id, 1)!["submitted-at"]).toBe(due);
    expect(statsOf(freelancer)).toMatchObject({ "milestones-delivered": 2n, "milestones-on-time": 1n });
  });

  it("submit-milestone: a late submission is accepted even after the grace period, as long as the client has not reclaimed", () => {
    const id = createFunded([10]);
    advanceTo(milestoneOf(id, 0)!["due-date"] + GRACE + 5n * DAY);
    expect(submit(freelancer, id, 0).result).toBeOk(Cl.bool(true));
    expectErr(reclaim(client, id, 0), "ERR-INVALID-MILESTONE-STATUS"); // delivered: no longer reclaimable
    expect(approve(client, id, 0).result).toBeOk(Cl.bool(true));
  });
});

describe("claim-milestone", () => {
  it("claim-milestone: the freelancer claims from submitted-at + review-period on (one second before fails); fee as for approval", () => {
    const id = createFunded([1_000, 2_000]);
    const other = createFunded([5], null, client, freelancer, { review: REVIEW + 1n }); // opens one second later
    const at = nextTxTime();
    inOneBlock([
      ["submit-milestone", [Cl.uint(id), Cl.uint(0), Cl.buffer(ZERO32)], freelancer],
      ["submit-milestone", [Cl.uint(other), Cl.uint(0), Cl.buffer(ZERO32)], freelancer],
    ]).forEach((r) => expect(r.result).toBeOk(Cl.bool(true)));
    expectErr(claim(freelancer, id, 0), "ERR-REVIEW-PERIOD-NOT-OVER");
    advanceTo(at + REVIEW - TX_STEP);
    expectErr(claim(freelancer, id, 0), "ERR-REVIEW-PERIOD-NOT-OVER");
    advanceTo(at + REVIEW);
    const [early, r] = inOneBlock([
      ["claim-milestone", [Cl.uint(other), Cl.uint(0)], freelancer],
      ["claim-milestone", [Cl.uint(id), Cl.uint(0)], freelancer],
    ]);
    expectErr(early, "ERR-REVIEW-PERIOD-NOT-OVER");
    expect(r.result).toBeOk(Cl.bool(true));
    expectEvents(r, [
      {
        topic: "milestone-released",
        "escrow-id": Cl.uint(id),
        index: Cl.uint(0),
        freelancer: Cl.principal(freelancer),
        amount: Cl.uint(1_000),
        fee: Cl.uint(expectedFee(1_000n, 1000n)),
        payout: Cl.uint(900),
        claimed: Cl.bool(true),
      },
    ]);
    expect(milestoneOf(id, 0)!.status).toBe(MilestoneStatus.Released);
    expect(creditOf(null, freelancer)).toBe(900n);
    expect(creditOf(null, deployer)).toBe(100n);
  });

  it("claim-milestone: the last claim completes the job (escrow-completed, completed-jobs)", () => {
    const id = createFunded([1_000]);
    const at = nextTxTime();
    submit(freelancer, id, 0);
    advanceTo(at + REVIEW);
    const r = claim(freelancer, id, 0);
    expect((r.events.at(-1) as any).data.value).toEqual(Cl.tuple({ topic: Cl.stringAscii("escrow-completed"), "escrow-id": Cl.uint(id) }));
    expect(escrowOf(id)!.status).toBe(EscrowStatus.Completed);
    expect(statsOf(freelancer)["completed-jobs"]).toBe(1n);
  });

  it("claim-milestone: only the freelancer, only a submitted milestone of a funded escrow, index in range", () => {
    create(client, freelancer, null, [10]);
    expectErr(claim(freelancer, 1, 0), "ERR-INVALID-ESCROW-STATUS");
    expectErr(claim(freelancer, 9, 0), "ERR-ESCROW-NOT-FOUND");
    const id = createFunded([10, 20]);
    expectErr(claim(freelancer, id, 0), "ERR-INVALID-MILESTONE-STATUS"); // pending
    const at = nextTxTime();
    submit(freelancer, id, 0);
    advanceTo(at + REVIEW);
    expectErr(claim(client, id, 0), "ERR-NOT-ESCROW-PARTY");
    expectErr(claim(stranger, id, 0), "ERR-NOT-ESCROW-PARTY");
    expectErr(claim(freelancer, id, 2), "ERR-MILESTONE-INDEX-OUT-OF-RANGE");
    expect(claim(freelancer, id, 0).result).toBeOk(Cl.bool(true));
    expectErr(claim(freelancer, id, 0), "ERR-INVALID-MILESTONE-STATUS"); // twice
    expectErr(approve(client, id, 0), "ERR-INVALID-MILESTONE-STATUS"); // and no approval after a claim
  });

  it("claim-milestone: a dispute stops the claim; the client may still approve before the review period ends", () => {
    const id = createFunded([10, 20]);
    const at = nextTxTime();
    submit(freelancer, id, 0);
    submit(freelancer, id, 1);
    expect(dispute(client, id, 0).result).toBeOk(Cl.bool(true));
    advanceTo(at + REVIEW + DAY);
    expectErr(claim(freelancer, id, 0), "ERR-INVALID-MILESTONE-STATUS");
    expect(approve(client, id, 1).result).toBeOk(Cl.bool(true)); // approving late is fine
  });
});

describe("reclaim-milestone", () => {
  it("reclaim-milestone: the client reclaims an undelivered milestone from due-date + grace-period on (one second before fails), no fee", () => {
    const due = nextTxTime() + DAY;
    const id = createFunded([{ amount: 1_000, due }, { amount: 2_000, due: due + DAY }]);
    const other = createFunded([{ amount: 5, due: due + 1n }]); // opens one second later
    expectErr(reclaim(client, id, 0), "ERR-GRACE-PERIOD-NOT-OVER");
    advanceTo(due + GRACE - TX_STEP);
    expectErr(reclaim(client, id, 0), "ERR-GRACE-PERIOD-NOT-OVER");
    advanceTo(due + GRACE);
    const [early, r] = inOneBlock([
      ["reclaim-milestone", [Cl.uint(other), Cl.uint(0)], client],
      ["reclaim-milestone", [Cl.uint(id), Cl.uint(0)], client],
    ]);
    expectErr(early, "ERR-GRACE-PERIOD-NOT-OVER");
    expect(r.result).toBeOk(Cl.bool(true));
    expectEvents(r, [{ topic: "milestone-refunded", "escrow-id": Cl.uint(id), index: Cl.uint(0), client: Cl.principal(client), amount: Cl.uint(1_000) }]);
    expect(milestoneOf(id, 0)!.status).toBe(MilestoneStatus.Refunded);
    expect(creditOf(null, client)).toBe(1_000n);
    expect(creditOf(null, deployer)).toBe(0n);
    expect(escrowOf(id)).toMatchObject({ reclaimed: true, refunded: 1_000n, "settled-count": 1n, status: EscrowStatus.Funded });
    expect(statsOf(freelancer)["milestones-reclaimed"]).toBe(1n);
    // the other milestone is not reclaimable yet: its own due date counts
    expectErr(reclaim(client, id, 1), "ERR-GRACE-PERIOD-NOT-OVER");
    expect(withdraw(client, null).result).toBeOk(Cl.uint(1_000));
  });

  it("reclaim-milestone: a job with a reclaimed milestone ends closed (escrow-closed), never completed, and can be rated", () => {
    const id = createFunded([1_000, 2_000]);
    release(id, 1);
    advanceTo(milestoneOf(id, 0)!["due-date"] + GRACE);
    const r = reclaim(client, id, 0);
    expect(r.result).toBeOk(Cl.bool(true));
    expectEvents(r, [
      { topic: "milestone-refunded", "escrow-id": Cl.uint(id), index: Cl.uint(0), client: Cl.principal(client), amount: Cl.uint(1_000) },
      { topic: "escrow-closed", "escrow-id": Cl.uint(id) },
    ]);
    expect(escrowOf(id)).toMatchObject({ status: EscrowStatus.Closed, reclaimed: true, released: 2_000n, refunded: 1_000n, "settled-count": 2n });
    expect(statsOf(freelancer)).toMatchObject({ "completed-jobs": 0n, "milestones-reclaimed": 1n });
  });

  it("reclaim-milestone: the job also ends closed when the reclaim came first and a release settles the last milestone", () => {
    const id = createFunded([1_000, 2_000]);
    advanceTo(milestoneOf(id, 0)!["due-date"] + GRACE);
    expect(reclaim(client, id, 0).result).toBeOk(Cl.bool(true));
    const last = release(id, 1);
    expect((last.events.at(-1) as any).data.value).toEqual(Cl.tuple({ topic: Cl.stringAscii("escrow-closed"), "escrow-id": Cl.uint(id) }));
    expect(escrowOf(id)!.status).toBe(EscrowStatus.Closed);
    expect(statsOf(freelancer)["completed-jobs"]).toBe(0n);
  });

  it("reclaim-milestone: only the client, only a pending milestone of a funded escrow (submitted, disputed or settled ones are not)", () => {
    const id = createFunded([10, 20, 30, 40]);
    submit(freelancer, id, 1);
    dispute(freelancer, id, 2);
    release(id, 3);
    advanceTo(milestoneOf(id, 0)!["due-date"] + GRACE);
    expectErr(reclaim(freelancer, id, 0), "ERR-NOT-ESCROW-PARTY");
    expectErr(reclaim(stranger, id, 0), "ERR-NOT-ESCROW-PARTY");
    expectErr(reclaim(client, id, 4), "ERR-MILESTONE-INDEX-OUT-OF-RANGE");
    expectErr(reclaim(client, 9, 0), "ERR-ESCROW-NOT-FOUND");
    expectErr(reclaim(client, id, 1), "ERR-INVALID-MILESTONE-STATUS");
    expectErr(reclaim(client, id, 2), "ERR-INVALID-MILESTONE-STATUS");
    expectErr(reclaim(client, id, 3), "ERR-INVALID-MILESTONE-STATUS");
    expect(reclaim(client, id, 0).result).toBeOk(Cl.bool(true));
    expectErr(reclaim(client, id, 0), "ERR-INVALID-MILESTONE-STATUS"); // twice
    expect(resolve(arbiter, id, 2, 10_000).result).toBeOk(Cl.bool(true));
    expect(approve(client, id, 1).result).toBeOk(Cl.bool(true));
    expectErr(reclaim(client, id, 0), "ERR-INVALID-ESCROW-STATUS"); // closed
    // unfunded escrows have nothing to reclaim
    const t = nextTxTime();
    create(client, freelancer, DEMO_USD, [{ amount: 5, due: t + 1n }]);
    advanceTo(t + 1n + GRACE);
    expectErr(reclaim(client, 2, 0), "ERR-INVALID-ESCROW-STATUS");
  });

  it("reclaim-milestone: uses the job's own grace period (here the 1 h minimum)", () => {
    const due = nextTxTime() + DAY;
    const id = createFunded([{ amount: 10, due }], null, client, freelancer, { grace: MIN_PERIOD });
    const other = createFunded([{ amount: 10, due }], null, client, freelancer, { grace: MIN_PERIOD + 1n });
    advanceTo(due + MIN_PERIOD);
    const [early, r] = inOneBlock([
      ["reclaim-milestone", [Cl.uint(other), Cl.uint(0)], client],
      ["reclaim-milestone", [Cl.uint(id), Cl.uint(0)], client],
    ]);
    expectErr(early, "ERR-GRACE-PERIOD-NOT-OVER");
    expect(r.result).toBeOk(Cl.bool(true));
  });
});
