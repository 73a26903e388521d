// Simnet tests of clarity/contracts/dao/staking-fee-discount.clar against the spec
// (IStakingFeeDiscount.sol): the staking tier of dao-token's staking power (boosted by the lock
// term, gone when the lock ends), the max with the badges' discount, the discount applied by the
// real escrow (its fee-discount source mechanism), and the DAO-only tier configuration.
import { beforeEach, describe, expect, it } from "vitest";
import { Cl, ClarityType, type ClarityValue } from "@stacks/transactions";
import {
  DAY,
  Tier,
  advanceTo,
  badgesCall,
  claimBadge,
  client,
  completeJobs,
  create,
  createFunded,
  creditOf,
  deployer,
  discountedFee,
  escrowOf,
  expectedFee,
  freelancer,
  nextTxTime,
  prints,
  ratingsOf,
  release,
  setSource,
  standardSetup,
  stranger,
  expectEventsOf,
} from "./helpers";
import { DISCOUNT_ERR, DISCOUNT_EVENTS, STAKING_DISCOUNT, WORX_UNIT, bootDao, expectErrOf, fwd } from "./dao.ext-helpers";

type Tier = { min: bigint; bps: bigint };
const tiersCV = (tiers: Tier[]) =>
  Cl.list(tiers.map((t) => Cl.tuple({ "min-staking-power": Cl.uint(t.min), "discount-bps": Cl.uint(t.bps) })));
const DEFAULT_TIERS: Tier[] = [
  { min: 1_000n * WORX_UNIT, bps: 1_000n },
  { min: 10_000n * WORX_UNIT, bps: 2_500n },
  { min: 50_000n * WORX_UNIT, bps: 5_000n },
];
const Term = { Days30: 0n, Days90: 1n, Days180: 2n } as const;

const discountRo = (fn: string, args: ClarityValue[] = []) => simnet.callReadOnlyFn("staking-fee-discount", fn, args, stranger).result;
const discountOf = (who: string) => discountRo("get-fee-discount-bps", [Cl.principal(who)]);
const stakingDiscountOf = (who: string) => discountRo("get-staking-discount-bps", [Cl.principal(who)]);

/** Mint `worx` units to `who` (through the DAO) and stake `amount` of them for `term`. */
function stake(who: string, amount: bigint, term: bigint, worx = amount) {
  if (worx > 0n) expect(fwd("mint", [Cl.uint(worx), Cl.principal(who)]).result).toBeOk(Cl.bool(true));
  const at = nextTxTime();
  const r = simnet.callPublicFn("dao-token", "stake", [Cl.uint(amount), Cl.uint(term)], who);
  expect(r.result).toBeOk(Cl.uint(at + [30n, 90n, 180n][Number(term)] * DAY));
}

/** Gold (25% of the fee, soul-bound) after a single completed job: badges' admin is the deployer. */
function goldAfterOneJob(who: string) {
  const config = Cl.tuple({
    "min-completed-jobs": Cl.uint(1),
    "min-satisfaction-bps": Cl.uint(0),
    "requires-x-verified": Cl.bool(false),
    "requires-vetted": Cl.bool(false),
    soulbound: Cl.bool(true),
    "fee-discount-bps": Cl.uint(2_500),
  });
  expect(badgesCall("set-tier-config", [Cl.uint(Tier.Gold), config], deployer).result).toBeOk(Cl.bool(true));
  completeJobs(who, ratingsOf(1));
  expect(claimBadge(who, Tier.Gold).result).toBeOk(Cl.uint(1));
}

beforeEach(() => {
  standardSetup();
  bootDao();
});

describe("staking discount", () => {
  it("deployment tiers (6-decimal WORX): 1,000 -> 10%, 10,000 -> 25%, 50,000 -> 50%", () => {
    expect(discountRo("get-discount-tiers")).toEqual(tiersCV(DEFAULT_TIERS));
    expect(discountOf(freelancer)).toBeOk(Cl.uint(0));
  });

  it("tier edges: one unit below a tier's minimum earns the tier below, the minimum exactly earns the tier", () => {
    stake(freelancer, 1_000n * WORX_UNIT - 1n, Term.Days30);
    expect(stakingDiscountOf(freelancer)).toBeUint(0);
    stake(freelancer, 1n, Term.Days30);
    expect(stakingDiscountOf(freelancer)).toBeUint(1_000);
    expect(discountOf(freelancer)).toBeOk(Cl.uint(1_000));
    stake(freelancer, 9_000n * WORX_UNIT - 1n, Term.Days30);
    expect(stakingDiscountOf(freelancer)).toBeUint(1_000);
    stake(freelancer, 1n, Term.Days30);
    expect(stakingDiscountOf(freelancer)).toBeUint(2_500);
  });

  it("the lock term boosts the staking power (90 days 1.5x, 180 days 2x); unstaked balance counts for nothing", () => {
    // 25,000 WORX for 180 days = 50,000 of staking power
    stake(freelancer, 25_000n * WORX_UNIT, Term.Days180);
    expect(stakingDiscountOf(freelancer)).toBeUint(5_000);
    // 6,667 WORX for 90 days = 10,000.5 of power; 6,666 would be 9,999
    stake(client, 6_666n * WORX_UNIT, Term.Days90, 7_000n * WORX_UNIT);
    expect(stakingDiscountOf(client)).toBeUint(1_000);
    expect(simnet.callPublicFn("dao-token", "stake", [Cl.uint(WORX_UNIT), Cl.uint(Term.Days90)], client).result).toHaveClarityType(ClarityType.ResponseOk);
    expect(stakingDiscountOf(client)).toBeUint(2_500);
  });

  it("the discount ends with the lock: staking power counts positions still locked only", () => {
    stake(freelancer, 10_000n * WORX_UNIT, Term.Days30);
    expect(stakingDiscountOf(freelancer)).toBeUint(2_500);
    advanceTo(nextTxTime() + 30n * DAY);
    expect(stakingDiscountOf(freelancer)).toBeUint(0);
  });
});

describe("max with the badges' discount", () => {
  it("the better of the staking tier and the badge discount counts, never their sum", () => {
    goldAfterOneJob(freelancer);
    expect(discountOf(freelancer)).toBeOk(Cl.uint(2_500));
    stake(freelancer, 1_000n * WORX_UNIT, Term.Days30);
    expect(stakingDiscountOf(freelancer)).toBeUint(1_000);
    expect(discountOf(freelancer)).toBeOk(Cl.uint(2_500));
    stake(freelancer, 49_000n * WORX_UNIT, Term.Days30);
    expect(discountOf(freelancer)).toBeOk(Cl.uint(5_000));
  });
});

describe("through the real escrow", () => {
  it("the escrow's fee-discount source: a staker's job is created at the discounted fee and pays that fee", () => {
    expect(setSource(deployer, STAKING_DISCOUNT).result).toBeOk(Cl.bool(true));
    stake(freelancer, 10_000n * WORX_UNIT, Term.Days90); // 15,000 of power -> 25%
    const c = create(client, freelancer, null, [10_000n]);
    expect(c.result).toBeOk(Cl.uint(1));
    const fee = discountedFee(1_000n, 2_500n);
    expect(fee).toBe(750n);
    expect(prints(c)).toContainEqual(
      Cl.tuple({
        topic: Cl.stringAscii("fee-discount-applied"),
        "escrow-id": Cl.uint(1),
        freelancer: Cl.principal(freelancer),
        "base-fee-bps": Cl.uint(1_000),
        "discount-bps": Cl.uint(2_500),
      }),
    );
    expect(escrowOf(1)!["fee-bps"]).toBe(fee);
    // a freelancer without stake (nor badge) pays the full fee
    const other = createFunded([10_000n], null, client, stranger);
    expect(escrowOf(other)!["fee-bps"]).toBe(1_000n);
    // the discounted fee is what the fee recipient is credited
    expect(simnet.callPublicFn("escrow", "fund-escrow", [Cl.uint(1), Cl.none()], client).result).toBeOk(Cl.bool(true));
    release(1n, 0);
    expect(creditOf(null, deployer)).toBe(expectedFee(10_000n, fee));
  });

  it("a badge discount also reaches the escrow through this source (max of both)", () => {
    expect(setSource(deployer, STAKING_DISCOUNT).result).toBeOk(Cl.bool(true));
    goldAfterOneJob(freelancer);
    const id = createFunded([1_000n]);
    expect(escrowOf(id)!["fee-bps"]).toBe(discountedFee(1_000n, 2_500n));
  });
});

describe("governance", () => {
  it("set-discount-tiers by the DAO replaces the tiers and prints discount-tiers-updated; an empty list leaves the badges only", () => {
    const tiers = [
      { min: 0n, bps: 100n },
      { min: 1n, bps: 100n },
      { min: 2n * WORX_UNIT, bps: 10_000n },
    ];
    const r = fwd("set-discount-tiers", [tiersCV(tiers)]);
    expect(r.result).toBeOk(Cl.bool(true));
    expectEventsOf(r, STAKING_DISCOUNT, DISCOUNT_EVENTS, [{ topic: "discount-tiers-updated", tiers: tiersCV(tiers) }]);
    expect(discountRo("get-discount-tiers")).toEqual(tiersCV(tiers));
    // min 0: everyone earns the first tier
    expect(stakingDiscountOf(stranger)).toBeUint(100);
    stake(freelancer, 2n * WORX_UNIT, Term.Days30);
    expect(discountOf(freelancer)).toBeOk(Cl.uint(10_000));
    expect(fwd("set-discount-tiers", [tiersCV([])]).result).toBeOk(Cl.bool(true));
    expect(discountOf(freelancer)).toBeOk(Cl.uint(0));
  });

  it("invalid tiers -> ERR-INVALID-DISCOUNT-TIERS: equal or decreasing minimums, decreasing discounts, a discount above 100%", () => {
    const bad: Tier[][] = [
      [{ min: 5n, bps: 10n }, { min: 5n, bps: 20n }],
      [{ min: 5n, bps: 10n }, { min: 4n, bps: 20n }],
      [{ min: 5n, bps: 20n }, { min: 6n, bps: 10n }],
      [{ min: 5n, bps: 10_001n }],
      [{ min: 1n, bps: 1n }, { min: 2n, bps: 2n }, { min: 3n, bps: 10_001n }],
    ];
    for (const tiers of bad) expectErrOf(DISCOUNT_ERR, fwd("set-discount-tiers", [tiersCV(tiers)]), "ERR-INVALID-DISCOUNT-TIERS");
    expect(discountRo("get-discount-tiers")).toEqual(tiersCV(DEFAULT_TIERS));
  });

  it("set-discount-tiers refuses users (the deployer included) and relays: ERR-NOT-AUTHORIZED", () => {
    for (const who of [deployer, freelancer]) {
      expectErrOf(DISCOUNT_ERR, simnet.callPublicFn("staking-fee-discount", "set-discount-tiers", [tiersCV([])], who), "ERR-NOT-AUTHORIZED");
    }
    expect(fwd("set-extension", [Cl.principal(`${deployer}.dao-ext-forwarder`), Cl.bool(false)]).result).toBeOk(Cl.bool(true));
    expectErrOf(DISCOUNT_ERR, fwd("set-discount-tiers", [tiersCV([])], deployer), "ERR-NOT-AUTHORIZED");
    expect(discountRo("get-discount-tiers")).toEqual(tiersCV(DEFAULT_TIERS));
  });
});

describe("costs", () => {
  it("costs: staking-fee-discount get-fee-discount-bps (staker + badge holder) and an escrow creation reading it", () => {
    goldAfterOneJob(freelancer);
    stake(freelancer, 25_000n * WORX_UNIT, Term.Days180); // 50,000 of power -> 50%
    expect(simnet.callReadOnlyFn("staking-fee-discount", "get-fee-discount-bps", [Cl.principal(freelancer)], stranger).result).toBeOk(Cl.uint(5_000));
    expect(setSource(deployer, STAKING_DISCOUNT).result).toBeOk(Cl.bool(true));
    expect(escrowOf(createFunded([1_000n]))!["fee-bps"]).toBe(discountedFee(1_000n, 5_000n));
  });
});
