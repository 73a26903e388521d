// Simnet tests of the work history (per-freelancer stats, ratings, earnings
// per token) and of the fee discount read from the fee-discount source at
// creation (mock-fee-discount: any discount, an err response, or an attempt
// to move assets).
import { beforeEach, describe, expect, it } from "vitest";
import { Cl } from "@stacks/transactions";
import {
  DAY,
  DEMO_USD,
  DISCOUNT,
  DiscountMode,
  ESCROW,
  GRACE,
  PROXY,
  REVIEW,
  advanceTo,
  arbiter,
  claim,
  client,
  create,
  createFunded,
  creditOf,
  deployer,
  discountedFee,
  dispute,
  earnedOf,
  escrowOf,
  eventAt,
  expectErr,
  expectEvents,
  expectedFee,
  freelancer,
  fund,
  milestoneOf,
  nextTxTime,
  rate,
  reclaim,
  release,
  resolve,
  ro,
  setDiscount,
  setFee,
  setSource,
  settle,
  standardSetup,
  statsOf,
  stranger,
  stxBalance,
  submit,
  termsCV,
  tokenCV,
  zeroStats,
} from "./helpers";

beforeEach(() => standardSetup());

describe("freelancer stats", () => {
  it("stats: every rule of the work history, over jobs that end completed, closed, ruled and settled", () => {
    expect(ro("get-freelancer-stats", [Cl.principal(freelancer)])).toEqual(
      Cl.tuple(Object.fromEntries(Object.entries(zeroStats()).map(([k, v]) => [k, Cl.uint(v)]))),
    );
    // job 1: two milestones delivered on time and approved -> completed
    const a = createFunded([100, 200]);
    release(a, 0);
    release(a, 1);
    // job 2: one late delivery (claimed), one reclaimed -> closed
    const due = nextTxTime() + DAY;
    const b = createFunded([{ amount: 100, due }, { amount: 200, due }]);
    advanceTo(due + 10n);
    const at = nextTxTime();
    submit(freelancer, b, 0);
    advanceTo(at + REVIEW);
    expect(claim(freelancer, b, 0).result).toBeOk(Cl.bool(true));
    advanceTo(due + GRACE);
    expect(reclaim(client, b, 1).result).toBeOk(Cl.bool(true));
    // job 3: disputes ruled 40% (lost) and 60% (not lost), one settled at 0% (never counts as lost) -> completed
    const c = createFunded([100, 100, 100]);
    dispute(client, c, 0);
    dispute(freelancer, c, 1);
    resolve(arbiter, c, 0, 4_000);
    resolve(arbiter, c, 1, 6_000);
    dispute(client, c, 2);
    expect(settle(freelancer, client, { id: c, index: 2, bps: 0, deadline: nextTxTime() + DAY }).result).toBeOk(Cl.bool(true));
    expect(statsOf(freelancer)).toEqual({
      "completed-jobs": 2n,
      "milestones-delivered": 3n,
      "milestones-on-time": 2n,
      "milestones-reclaimed": 1n,
      "rating-count": 0n,
      "rating-sum": 0n,
      "disputes-opened": 3n,
      "disputes-lost": 1n,
    });
    // stats belong to the freelancer only
    expect(statsOf(client)).toEqual(zeroStats());
  });

  it("stats: are per freelancer (a client who also freelances has its own record)", () => {
    release(createFunded([100]), 0);
    release(createFunded([100], null, freelancer, client), 0, freelancer, client);
    expect(statsOf(freelancer)).toMatchObject({ "completed-jobs": 1n, "milestones-delivered": 1n });
    expect(statsOf(client)).toMatchObject({ "completed-jobs": 1n, "milestones-delivered": 1n });
  });
});

describe("rate-job", () => {
  it("rate-job: the client rates a completed or a closed job once, 1..5; rating-count and rating-sum follow", () => {
    const done = createFunded([100]);
    release(done, 0);
    const closed = createFunded([100]);
    advanceTo(milestoneOf(closed, 0)!["due-date"] + GRACE);
    reclaim(client, closed, 0);
    const r = rate(client, done, 5);
    expect(r.result).toBeOk(Cl.bool(true));
    expectEvents(r, [{ topic: "job-rated", "escrow-id": Cl.uint(done), freelancer: Cl.principal(freelancer), rating: Cl.uint(5) }]);
    expect(escrowOf(done)!.rated).toBe(true);
    expect(rate(client, closed, 1).result).toBeOk(Cl.bool(true));
    expect(statsOf(freelancer)).toMatchObject({ "rating-count": 2n, "rating-sum": 6n });
    expectErr(rate(client, done, 4), "ERR-ALREADY-RATED");
  });

  it("rate-job: only the client, only once the job ended, ratings 1..5 only; checks client, status, rated, rating", () => {
    const id = createFunded([100, 100]);
    expectErr(rate(client, 9, 3), "ERR-ESCROW-NOT-FOUND");
    expectErr(rate(client, id, 9), "ERR-INVALID-ESCROW-STATUS"); // funded: status before the rating
    release(id, 0);
    expectErr(rate(client, id, 3), "ERR-INVALID-ESCROW-STATUS");
    release(id, 1);
    expectErr(rate(freelancer, id, 5), "ERR-NOT-ESCROW-PARTY");
    expectErr(rate(stranger, id, 5), "ERR-NOT-ESCROW-PARTY");
    expectErr(rate(client, id, 0), "ERR-INVALID-RATING");
    expectErr(rate(client, id, 6), "ERR-INVALID-RATING");
    for (const rating of [1, 5]) expect(rate(client, createAndRelease(), rating).result).toBeOk(Cl.bool(true));
    expect(rate(client, id, 3).result).toBeOk(Cl.bool(true));
    expectErr(rate(client, id, 0), "ERR-ALREADY-RATED"); // already rated: before the rating's range
    expect(statsOf(freelancer)).toMatchObject({ "rating-count": 3n, "rating-sum": 9n });
  });
});

function createAndRelease(): bigint {
  const id = createFunded([10]);
  release(id, 0);
  return id;
}

describe("earnings", () => {
  it("get-earned: net payouts per freelancer and token, from approvals, claims, rulings and settlements (not fees, not refunds)", () => {
    const stx = createFunded([1_000, 1_000, 1_000, 1_000]);
    const usd = createFunded([500], DEMO_USD);
    release(stx, 0); // 900
    const at = nextTxTime();
    submit(freelancer, stx, 1);
    advanceTo(at + REVIEW);
    claim(freelancer, stx, 1); // 900
    dispute(client, stx, 2);
    resolve(arbiter, stx, 2, 5_000); // gross 500: fee 50, payout 450
    settle(client, freelancer, { id: stx, index: 3, bps: 2_000, deadline: nextTxTime() + DAY }); // gross 200: 180
    release(usd, 0); // 450
    expect(earnedOf(null, freelancer)).toBe(900n + 900n + 450n + 180n);
    expect(ro("get-earned", [Cl.principal(freelancer), Cl.none()])).toBeUint(2_430);
    expect(ro("get-earned", [Cl.principal(freelancer), tokenCV(DEMO_USD)])).toBeUint(450);
    expect(earnedOf(null, deployer)).toBe(0n);
    expect(earnedOf(null, client)).toBe(0n);
  });
});

describe("fee discount", () => {
  beforeEach(() => {
    expect(setSource(deployer, DISCOUNT).result).toBeOk(Cl.bool(true));
  });

  const cases: Array<[bigint, bigint]> = [
    [1000n, 2_500n],
    [1000n, 1n],
    [1000n, 9_999n],
    [1000n, 10_000n],
    [1000n, 65_535n], // above 100%: capped
    [1n, 5_000n],
    [2000n, 3_333n],
    [7n, 7_777n],
  ];
  it.each(cases)("create-escrow: base fee %s bps with a %s bps discount fixes ceil(base * (10000 - discount) / 10000) and prints fee-discount-applied", (base, discount) => {
    setFee(deployer, base);
    setDiscount(freelancer, discount);
    const terms = [1_000_000n];
    const c = create(client, freelancer, null, terms);
    const feeBps = discountedFee(base, discount);
    const capped = discount > 10_000n ? 10_000n : discount;
    expectEvents(c, [
      {
        topic: "escrow-created",
        "escrow-id": Cl.uint(1),
        client: Cl.principal(client),
        freelancer: Cl.principal(freelancer),
        token: Cl.none(),
        milestones: termsCV(terms, milestoneDue(1)),
        total: Cl.uint(1_000_000),
        "fee-bps": Cl.uint(feeBps),
        "review-period": Cl.uint(REVIEW),
        "grace-period": Cl.uint(GRACE),
      },
      { topic: "fee-discount-applied", "escrow-id": Cl.uint(1), freelancer: Cl.principal(freelancer), "base-fee-bps": Cl.uint(base), "discount-bps": Cl.uint(capped) },
    ]);
    expect(escrowOf(1)!["fee-bps"]).toBe(feeBps);
    expect(fundAndRelease(1n).fee).toBeUint(expectedFee(1_000_000n, feeBps));
  });

  it("create-escrow: no discount (0, an err response from the source, or a source trying to move assets) prints no fee-discount-applied", () => {
    setDiscount(freelancer, 0);
    expect(eventsOf(create(client, freelancer, null, [100]))).toEqual(["escrow-created"]);
    setDiscount(freelancer, 5_000, DiscountMode.Fail);
    expect(eventsOf(create(client, freelancer, null, [100]))).toEqual(["escrow-created"]);
    expect(escrowOf(2)!["fee-bps"]).toBe(1000n);
    // the source runs inside as-contract? with no allowance: it cannot take the escrow's STX,
    // nor the client's (tx-sender is the escrow there); its attempt only voids the discount
    createFunded([5_000]);
    setDiscount(freelancer, 5_000, DiscountMode.Drain);
    const escrowStx = stxBalance(ESCROW);
    const clientStx = stxBalance(client);
    const c = create(client, freelancer, null, [100]);
    expect(c.result).toBeOk(Cl.uint(4));
    expect(eventsOf(c)).toEqual(["escrow-created"]);
    expect(escrowOf(4)!["fee-bps"]).toBe(1000n);
    expect(stxBalance(ESCROW)).toBe(escrowStx);
    expect(stxBalance(client)).toBe(clientStx);
    expect(stxBalance(DISCOUNT)).toBe(0n);
  });

  it("create-escrow: the discount is read once; later changes of the source or the discount never touch the job", () => {
    setDiscount(freelancer, 5_000);
    const id = createFunded([10_000]);
    expect(escrowOf(id)!["fee-bps"]).toBe(500n);
    setDiscount(freelancer, 0, DiscountMode.Fail);
    expect(setSource(deployer, null).result).toBeOk(Cl.bool(true));
    expect(eventAt(release(id, 0)).fee).toBeUint(500);
  });

  it("create-escrow: the source passed must be the stored one (none when none is set)", () => {
    expectErr(create(client, freelancer, null, [1], { source: null }), "ERR-FEE-DISCOUNT-SOURCE-MISMATCH");
    expectErr(create(client, freelancer, null, [1], { source: `${deployer}.mock-sip010` }), "ERR-FEE-DISCOUNT-SOURCE-MISMATCH");
    expect(setSource(deployer, null).result).toBeOk(Cl.bool(true));
    expectErr(create(client, freelancer, null, [1], { source: DISCOUNT }), "ERR-FEE-DISCOUNT-SOURCE-MISMATCH");
    expect(create(client, freelancer, null, [1], { source: null }).result).toBeOk(Cl.uint(1));
  });

  it("create-escrow: the discount is the freelancer's, whoever the client is (a contract client included)", () => {
    setDiscount(stranger, 10_000);
    const r = simnet.callPublicFn(
      "escrow-proxy",
      "create-escrow",
      [Cl.principal(stranger), Cl.none(), termsCV([100]), Cl.uint(REVIEW), Cl.uint(GRACE), Cl.some(Cl.principal(DISCOUNT))],
      client,
    );
    expect(r.result).toBeOk(Cl.uint(1));
    expect(escrowOf(1)).toMatchObject({ client: PROXY, "fee-bps": 0n });
    expect(creditOf(null, deployer)).toBe(0n);
  });
});

/** The due date the helpers gave escrow `id`'s first milestone. */
function milestoneDue(id: number): bigint {
  return milestoneOf(id, 0)!["due-date"];
}

/** Event topics of a result, in order. */
function eventsOf(r: ReturnType<typeof simnet.callPublicFn>): string[] {
  return r.events.filter((e: any) => e.event === "print_event" && e.data.contract_identifier === ESCROW).map((e: any) => e.data.value.value.topic.value);
}

/** Fund escrow `id` (STX) as the client and release its first milestone; returns the release event. */
function fundAndRelease(id: bigint) {
  expect(fund(client, id, null).result).toBeOk(Cl.bool(true));
  return eventAt(release(id, 0));
}
