// Simnet tests of clarity/contracts/dao/work-rewards.clar against the spec (IWorkRewards.sol): WORX
// minted for jobs finished in the real escrow (Completed or Closed only, once per escrow, from the
// gross amount released, exact to the unit at any size), the client's share, zero rates marking
// nothing, badge rewards to a badge's current owner, and the DAO-only setters.
import { beforeEach, describe, expect, it } from "vitest";
import { Cl, cvToValue } from "@stacks/transactions";
import {
  DEMO_USD,
  DUE_IN,
  GRACE,
  Tier,
  advanceTo,
  approve,
  badgesCall,
  cancel,
  claimBadge,
  client,
  completeJobs,
  create,
  createFunded,
  deployer,
  dispute,
  escrowStatus,
  EscrowStatus,
  freelancer,
  arbiter,
  nextTxTime,
  prints,
  prng,
  ratingsOf,
  reclaim,
  release,
  resolve,
  standardSetup,
  stranger,
  submit,
} from "./helpers";
import {
  RATE_ONE,
  REWARDS,
  REWARDS_ERR,
  WORX_UNIT,
  bootDao,
  expectErrOf,
  expectRewardsEvents,
  fwd,
  tokenKey,
  worxOf,
} from "./dao.ext-helpers";

type TxResult = ReturnType<typeof simnet.callPublicFn>;

const claimWork = (id: bigint | number, sender = stranger): TxResult => simnet.callPublicFn("work-rewards", "claim-work-reward", [Cl.uint(id)], sender);
const claimBadgeReward = (id: bigint | number, sender = stranger): TxResult => simnet.callPublicFn("work-rewards", "claim-badge-reward", [Cl.uint(id)], sender);
const rewardsRo = (fn: string, args: Parameters<typeof simnet.callReadOnlyFn>[2] = []) => simnet.callReadOnlyFn("work-rewards", fn, args, stranger).result;
const setRate = (token: string | null, rate: bigint) => expect(fwd("set-reward-rate", [tokenKey(token), Cl.uint(rate)]).result).toBeOk(Cl.bool(true));
const rewardsCV = (f: bigint, c: bigint) => Cl.tuple({ "freelancer-reward": Cl.uint(f), "client-reward": Cl.uint(c) });
/** floor(a * b / d), the reference. */
const mulDiv = (a: bigint, b: bigint, d: bigint) => (a * b) / d;

/** A job paid in full (every milestone approved): Completed. */
function completedJob(amounts: bigint[], token: string | null = null): bigint {
  const id = createFunded(amounts, token);
  amounts.forEach((_, i) => release(id, i));
  expect(escrowStatus(id)).toBe(EscrowStatus.Completed);
  return id;
}

beforeEach(() => {
  standardSetup();
  bootDao();
});

describe("claim-work-reward", () => {
  it("a Completed STX job: freelancer reward = released * rate / 1e18, client = 50% of it, minted; work-rewarded", () => {
    setRate(null, 2n * RATE_ONE);
    const id = completedJob([1_000_000n, 500_001n]);
    expect(rewardsRo("preview-work-reward", [Cl.uint(id)])).toEqual(rewardsCV(3_000_002n, 1_500_001n));
    const r = claimWork(id);
    expect(r.result).toBeOk(rewardsCV(3_000_002n, 1_500_001n));
    expectRewardsEvents(r, [
      {
        topic: "work-rewarded",
        "escrow-id": Cl.uint(id),
        freelancer: Cl.principal(freelancer),
        client: Cl.principal(client),
        token: Cl.none(),
        value: Cl.uint(1_500_001n),
        "freelancer-reward": Cl.uint(3_000_002n),
        "client-reward": Cl.uint(1_500_001n),
      },
    ]);
    expect(worxOf(freelancer)).toBe(3_000_002n);
    expect(worxOf(client)).toBe(1_500_001n);
    expect(worxOf(stranger)).toBe(0n);
    expect(rewardsRo("is-work-reward-claimed", [Cl.uint(id)])).toBeBool(true);
  });

  it("once per escrow: a second claim -> ERR-WORK-REWARD-ALREADY-CLAIMED, nothing more minted", () => {
    setRate(null, RATE_ONE);
    const id = completedJob([10_000n]);
    expect(claimWork(id, freelancer).result).toBeOk(rewardsCV(10_000n, 5_000n));
    expectErrOf(REWARDS_ERR, claimWork(id, client), "ERR-WORK-REWARD-ALREADY-CLAIMED");
    // a higher rate later changes nothing for a claimed job
    setRate(null, 5n * RATE_ONE);
    expectErrOf(REWARDS_ERR, claimWork(id), "ERR-WORK-REWARD-ALREADY-CLAIMED");
    expect(worxOf(freelancer)).toBe(10_000n);
  });

  it("a Closed job (a milestone reclaimed) is rewarded on what was released only", () => {
    setRate(null, RATE_ONE);
    const due = nextTxTime() + DUE_IN;
    const id = createFunded([4_000n, 6_000n], null, client, freelancer, { due });
    release(id, 0);
    advanceTo(due + GRACE);
    expect(reclaim(client, id, 1).result).toBeOk(Cl.bool(true));
    expect(escrowStatus(id)).toBe(EscrowStatus.Closed);
    expect(claimWork(id).result).toBeOk(rewardsCV(4_000n, 2_000n));
  });

  it("a dispute ruled 33.33% to the freelancer rewards the gross share released (fees included)", () => {
    setRate(null, RATE_ONE);
    const id = createFunded([10_000n]);
    expect(submit(freelancer, id, 0).result).toBeOk(Cl.bool(true));
    expect(dispute(client, id, 0).result).toBeOk(Cl.bool(true));
    expect(resolve(arbiter, id, 0, 3333).result).toBeOk(Cl.bool(true));
    expect(escrowStatus(id)).toBe(EscrowStatus.Completed);
    expect(claimWork(id).result).toBeOk(rewardsCV(3_333n, 1_666n));
  });

  it("jobs not finished -> ERR-JOB-NOT-FINISHED: unknown id, Created, Funded, Funded with a milestone paid, Cancelled", () => {
    setRate(null, RATE_ONE);
    expectErrOf(REWARDS_ERR, claimWork(999), "ERR-JOB-NOT-FINISHED");
    const created = create(client, freelancer, null, [1_000n]);
    const createdId = BigInt(cvToValue((created.result as any).value));
    expectErrOf(REWARDS_ERR, claimWork(createdId), "ERR-JOB-NOT-FINISHED");
    const funded = createFunded([1_000n, 1_000n]);
    expectErrOf(REWARDS_ERR, claimWork(funded), "ERR-JOB-NOT-FINISHED");
    release(funded, 0);
    expectErrOf(REWARDS_ERR, claimWork(funded), "ERR-JOB-NOT-FINISHED");
    expect(cancel(client, createdId).result).toBeOk(Cl.bool(true));
    expectErrOf(REWARDS_ERR, claimWork(createdId), "ERR-JOB-NOT-FINISHED");
    // it is rewarded once finished
    expect(submit(freelancer, funded, 1).result).toBeOk(Cl.bool(true));
    expect(approve(client, funded, 1).result).toBeOk(Cl.bool(true));
    expect(claimWork(funded).result).toBeOk(rewardsCV(2_000n, 1_000n));
  });

  it("rate 0 for the job's token -> ERR-NOTHING-TO-REWARD and nothing marked: a later rate still rewards it", () => {
    const id = completedJob([7_000n], DEMO_USD);
    setRate(null, RATE_ONE); // STX only
    expectErrOf(REWARDS_ERR, claimWork(id), "ERR-NOTHING-TO-REWARD");
    expect(rewardsRo("is-work-reward-claimed", [Cl.uint(id)])).toBeBool(false);
    setRate(DEMO_USD, RATE_ONE / 2n);
    const r = claimWork(id);
    expect(r.result).toBeOk(rewardsCV(3_500n, 1_750n));
    expect((prints(r, REWARDS)[0] as any).value.token).toEqual(Cl.some(Cl.principal(DEMO_USD)));
  });

  it("rounding: both rewards round down; a zero client reward is not minted; a reward rounding to 0 marks nothing", () => {
    setRate(null, RATE_ONE / 2n);
    const tiny = completedJob([1n]);
    expectErrOf(REWARDS_ERR, claimWork(tiny), "ERR-NOTHING-TO-REWARD");
    const three = completedJob([3n]);
    const r = claimWork(three);
    expect(r.result).toBeOk(rewardsCV(1n, 0n));
    const mints = r.events.filter((e: any) => e.event === "ft_mint_event");
    expect(mints).toHaveLength(1);
    expect(worxOf(client)).toBe(0n);
  });

  it("client share 0% mints to the freelancer only; 100% mints the same to both", () => {
    setRate(null, RATE_ONE);
    expect(fwd("set-client-share", [Cl.uint(0)]).result).toBeOk(Cl.bool(true));
    expect(claimWork(completedJob([100n])).result).toBeOk(rewardsCV(100n, 0n));
    expect(fwd("set-client-share", [Cl.uint(10_000)]).result).toBeOk(Cl.bool(true));
    expect(claimWork(completedJob([100n])).result).toBeOk(rewardsCV(100n, 100n));
    expect([worxOf(freelancer), worxOf(client)]).toEqual([200n, 100n]);
  });

  it("exact at any size (seeded random values and rates up to 2^100 / 10^30): preview and claim == floor(v * r / 1e18)", () => {
    const rnd = prng(7);
    for (let i = 0; i < 12; i++) {
      const value = rnd.pick([1n, 999_999_999_999_999_999n, 10n ** 18n + 1n, rnd.bigint(1n, 2n ** 100n)]);
      const rate = rnd.pick([1n, RATE_ONE - 1n, RATE_ONE, 2_000n * RATE_ONE, rnd.bigint(1n, 10n ** 30n)]);
      const expected = mulDiv(value, rate, RATE_ONE);
      if (expected === 0n || expected >= 2n ** 120n) continue;
      setRate(DEMO_USD, rate);
      const id = completedJob([value], DEMO_USD);
      const clientReward = mulDiv(expected, 5_000n, 10_000n);
      expect(rewardsRo("preview-work-reward", [Cl.uint(id)])).toEqual(rewardsCV(expected, clientReward));
      expect(claimWork(id).result).toBeOk(rewardsCV(expected, clientReward));
    }
  });

  it("work-rewards no longer an extension: dao-token refuses the mint (u4100) and the whole claim reverts, nothing marked", () => {
    setRate(null, RATE_ONE);
    const id = completedJob([1_000n]);
    expect(fwd("set-extension", [Cl.principal(REWARDS), Cl.bool(false)]).result).toBeOk(Cl.bool(true));
    expect(claimWork(id).result).toBeErr(Cl.uint(4100));
    expect(rewardsRo("is-work-reward-claimed", [Cl.uint(id)])).toBeBool(false);
    expect(worxOf(freelancer)).toBe(0n);
  });
});

describe("badge rewards", () => {
  /** wallet_2 earns Bronze (10 completed jobs rated 5): badge id 1, transferable. */
  function bronze(): bigint {
    completeJobs(freelancer, ratingsOf(10));
    const r = claimBadge(freelancer, Tier.Bronze);
    expect(r.result).toBeOk(Cl.uint(1));
    return 1n;
  }

  it("claim-badge-reward mints the tier's reward to the badge's current owner, once; badge-rewarded", () => {
    const id = bronze();
    const r0 = fwd("set-badge-reward", [Cl.uint(Tier.Bronze), Cl.uint(5n * WORX_UNIT)]);
    expect(r0.result).toBeOk(Cl.bool(true));
    expectRewardsEvents(r0, [{ topic: "badge-reward-updated", tier: Cl.uint(Tier.Bronze), previous: Cl.uint(0), amount: Cl.uint(5n * WORX_UNIT) }]);
    // the Bronze is transferable: the reward goes to whoever holds it when claimed
    expect(badgesCall("transfer", [Cl.uint(id), Cl.principal(freelancer), Cl.principal(stranger)], freelancer).result).toBeOk(Cl.bool(true));
    const r = claimBadgeReward(id, client);
    expect(r.result).toBeOk(Cl.uint(5n * WORX_UNIT));
    expectRewardsEvents(r, [{ topic: "badge-rewarded", "badge-id": Cl.uint(id), account: Cl.principal(stranger), tier: Cl.uint(Tier.Bronze), amount: Cl.uint(5n * WORX_UNIT) }]);
    expect(worxOf(stranger)).toBe(5n * WORX_UNIT);
    expect(worxOf(freelancer)).toBe(0n);
    expect(rewardsRo("is-badge-reward-claimed", [Cl.uint(id)])).toBeBool(true);
    expectErrOf(REWARDS_ERR, claimBadgeReward(id), "ERR-BADGE-REWARD-ALREADY-CLAIMED");
  });

  it("a tier without reward -> ERR-NOTHING-TO-REWARD (nothing marked); unknown or burned badge -> ERR-BADGE-NOT-FOUND", () => {
    const id = bronze();
    expectErrOf(REWARDS_ERR, claimBadgeReward(id), "ERR-NOTHING-TO-REWARD");
    expect(rewardsRo("is-badge-reward-claimed", [Cl.uint(id)])).toBeBool(false);
    expectErrOf(REWARDS_ERR, claimBadgeReward(99), "ERR-BADGE-NOT-FOUND");
    expect(fwd("set-badge-reward", [Cl.uint(Tier.Bronze), Cl.uint(1)]).result).toBeOk(Cl.bool(true));
    expect(badgesCall("burn", [Cl.uint(id)], freelancer).result).toBeOk(Cl.bool(true));
    expectErrOf(REWARDS_ERR, claimBadgeReward(id), "ERR-BADGE-NOT-FOUND");
  });
});

describe("governance", () => {
  it("setters by the DAO print their events; client share above 100% -> ERR-INVALID-SHARE", () => {
    const r = fwd("set-reward-rate", [Cl.some(Cl.principal(DEMO_USD)), Cl.uint(RATE_ONE)]);
    expect(r.result).toBeOk(Cl.bool(true));
    expectRewardsEvents(r, [{ topic: "reward-rate-updated", token: Cl.some(Cl.principal(DEMO_USD)), "previous-rate": Cl.uint(0), "new-rate": Cl.uint(RATE_ONE) }]);
    expect(rewardsRo("get-reward-rate", [Cl.some(Cl.principal(DEMO_USD))])).toBeUint(RATE_ONE);
    expect(rewardsRo("get-reward-rate", [Cl.none()])).toBeUint(0);
    const s = fwd("set-client-share", [Cl.uint(2_500)]);
    expectRewardsEvents(s, [{ topic: "client-share-updated", "previous-bps": Cl.uint(5_000), "new-bps": Cl.uint(2_500) }]);
    expect(rewardsRo("get-client-share-bps")).toBeUint(2_500);
    expectErrOf(REWARDS_ERR, fwd("set-client-share", [Cl.uint(10_001)]), "ERR-INVALID-SHARE");
    expect(rewardsRo("get-badge-reward", [Cl.uint(Tier.Gold)])).toBeUint(0);
  });

  it("setters refuse users (the deployer included) and relays: ERR-NOT-AUTHORIZED", () => {
    const calls: Array<[string, Parameters<typeof simnet.callPublicFn>[2]]> = [
      ["set-reward-rate", [Cl.none(), Cl.uint(RATE_ONE)]],
      ["set-client-share", [Cl.uint(1)]],
      ["set-badge-reward", [Cl.uint(1), Cl.uint(1)]],
    ];
    for (const [fn, args] of calls) {
      for (const who of [deployer, freelancer]) expectErrOf(REWARDS_ERR, simnet.callPublicFn("work-rewards", fn, args, who), "ERR-NOT-AUTHORIZED");
    }
    expect(fwd("set-extension", [Cl.principal(`${deployer}.dao-ext-forwarder`), Cl.bool(false)]).result).toBeOk(Cl.bool(true));
    for (const [fn, args] of calls) expectErrOf(REWARDS_ERR, fwd(fn, args, deployer), "ERR-NOT-AUTHORIZED");
    expect(rewardsRo("get-client-share-bps")).toBeUint(5_000);
  });
});

describe("costs", () => {
  it("costs: work-rewards claim-work-reward (STX job, two mints) and claim-badge-reward", () => {
    setRate(null, RATE_ONE);
    expect(claimWork(completedJob([1_000_000n])).result).toBeOk(rewardsCV(1_000_000n, 500_000n));
    completeJobs(freelancer, ratingsOf(10));
    expect(claimBadge(freelancer, Tier.Bronze).result).toBeOk(Cl.uint(1));
    expect(fwd("set-badge-reward", [Cl.uint(Tier.Bronze), Cl.uint(WORX_UNIT)]).result).toBeOk(Cl.bool(true));
    expect(claimBadgeReward(1).result).toBeOk(Cl.uint(WORX_UNIT));
  });
});
