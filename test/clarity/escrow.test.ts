// Simnet tests of clarity/contracts/escrow.clar against the spec
// contracts/interfaces/IMilestoneEscrow.sol. Every escrow action made through
// the helpers re-checks the conservation law (per token: balance of the escrow
// contract == locked + credited) right after it runs.
import { describe, expect, it } from "vitest";
import { Cl, ClarityType } from "@stacks/transactions";
import {
  DEMO_USD,
  ERR,
  ESCROW,
  EscrowStatus,
  HOSTILE,
  HostileMode,
  MilestoneStatus,
  PROXY,
  ZERO32,
  amountsCV,
  approve,
  balanceOf,
  cancel,
  client,
  create,
  createFunded,
  creditOf,
  deployer,
  escrowStatus,
  escrowTuple,
  expectConservation,
  expectErr,
  expectEvents,
  expectedFee,
  freelancer,
  fund,
  grantRole,
  milestoneStatus,
  mint,
  pause,
  prints,
  prng,
  release,
  revokeRole,
  ro,
  setFee,
  setFeeRecipient,
  setHostileMode,
  stranger,
  stxBalance,
  submit,
  tokenCV,
  tokenTerms,
  unpause,
  withdraw,
  type Token,
} from "./helpers";

const sum = (xs: Array<number | bigint>) => xs.reduce<bigint>((s, a) => s + BigInt(a), 0n);
const deliverable = (n: number) => Uint8Array.from({ length: 32 }, (_, i) => (i * 7 + n) & 0xff);

/** Call the test-only proxy, which forwards to .escrow without as-contract?. */
function viaProxy(fn: string, args: Parameters<typeof simnet.callPublicFn>[2], sender: string) {
  const r = simnet.callPublicFn("escrow-proxy", fn, args, sender);
  expectConservation();
  return r;
}

// ───────────────────────────── deployment ─────────────────────────────

describe("deployment", () => {
  it("starts with a 10% fee credited to the deployer, all roles on the deployer, unpaused, no escrows", () => {
    expect(ro("get-platform-fee")).toBeUint(1000);
    expect(ro("get-fee-recipient")).toBePrincipal(deployer);
    expect(ro("get-escrow-count")).toBeUint(0);
    expect(ro("is-paused")).toBeBool(false);
    for (const role of ["admin", "fee-manager", "pauser"]) {
      expect(ro("has-role", [Cl.stringAscii(role), Cl.principal(deployer)])).toBeBool(true);
      expect(ro("has-role", [Cl.stringAscii(role), Cl.principal(client)])).toBeBool(false);
    }
    expect(ro("get-escrow", [Cl.uint(1)])).toBeNone();
    expect(ro("get-milestone", [Cl.uint(1), Cl.uint(0)])).toBeNone();
    expect(ro("get-milestones", [Cl.uint(1)])).toBeNone();
    for (const token of [null, DEMO_USD]) {
      expect(ro("get-locked-balance", [tokenCV(token)])).toBeUint(0);
      expect(ro("get-credited-balance", [tokenCV(token)])).toBeUint(0);
    }
    expectConservation();
  });
});

// ───────────────────────────── lifecycles ─────────────────────────────

describe.each([
  ["STX", null as Token],
  ["the SIP-010 token demo-usd", DEMO_USD as Token],
])("lifecycle in %s", (_label, token) => {
  it("create -> fund -> submit/approve every milestone -> completed -> both withdraw", () => {
    const amounts = [1_000_000n, 2_500_001n, 3n];
    const total = sum(amounts);
    if (token) mint(token, client, total);

    // create
    const c = create(client, freelancer, token, amounts);
    expect(c.result).toBeOk(Cl.uint(1));
    expectEvents(c, [
      {
        topic: "escrow-created",
        "escrow-id": Cl.uint(1),
        client: Cl.principal(client),
        freelancer: Cl.principal(freelancer),
        token: tokenCV(token),
        amounts: amountsCV(amounts),
        total: Cl.uint(total),
        "fee-bps": Cl.uint(1000),
      },
    ]);
    expect(ro("get-escrow", [Cl.uint(1)])).toBeSome(
      Cl.tuple({
        client: Cl.principal(client),
        freelancer: Cl.principal(freelancer),
        token: tokenCV(token),
        "fee-bps": Cl.uint(1000),
        status: Cl.uint(EscrowStatus.Created),
        "milestone-count": Cl.uint(3),
        "released-count": Cl.uint(0),
        total: Cl.uint(total),
        released: Cl.uint(0),
      }),
    );
    expect(ro("get-escrow-count")).toBeUint(1);
    expect(ro("get-milestones", [Cl.uint(1)])).toBeSome(
      Cl.list(amounts.map((a) => Cl.tuple({ amount: Cl.uint(a), status: Cl.uint(MilestoneStatus.Pending) }))),
    );

    // fund
    const clientBefore = balanceOf(token, client);
    const f = fund(client, 1, token);
    expect(f.result).toBeOk(Cl.bool(true));
    expectEvents(f, [{ topic: "escrow-funded", "escrow-id": Cl.uint(1), client: Cl.principal(client), amount: Cl.uint(total) }]);
    expect(balanceOf(token, client)).toBe(clientBefore - total);
    expect(balanceOf(token, ESCROW)).toBe(total);
    expect(ro("get-locked-balance", [tokenCV(token)])).toBeUint(total);
    expect(escrowStatus(1)).toBe(EscrowStatus.Funded);

    // submit + approve each milestone
    let fees = 0n;
    let payouts = 0n;
    amounts.forEach((amount, i) => {
      const s = submit(freelancer, 1, i, deliverable(i));
      expect(s.result).toBeOk(Cl.bool(true));
      expectEvents(s, [
        { topic: "milestone-submitted", "escrow-id": Cl.uint(1), index: Cl.uint(i), deliverable: Cl.buffer(deliverable(i)) },
      ]);
      expect(milestoneStatus(1, i)).toBe(MilestoneStatus.Submitted);

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
        },
        ...(last ? [{ topic: "escrow-completed", "escrow-id": Cl.uint(1) }] : []),
      ]);
      expect(milestoneStatus(1, i)).toBe(MilestoneStatus.Released);
      expect(escrowStatus(1)).toBe(last ? EscrowStatus.Completed : EscrowStatus.Funded);
      expect(ro("get-credit", [tokenCV(token), Cl.principal(freelancer)])).toBeUint(payouts);
      expect(ro("get-credit", [tokenCV(token), Cl.principal(deployer)])).toBeUint(fees);
    });
    expect(fees + payouts).toBe(total);
    expect(escrowTuple(1)!["released"]).toBeUint(total);
    expect(escrowTuple(1)!["released-count"]).toBeUint(3);
    expect(ro("get-locked-balance", [tokenCV(token)])).toBeUint(0);
    expect(ro("get-credited-balance", [tokenCV(token)])).toBeUint(total);

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
    expect(tokenTerms(token)).toEqual({ locked: 0n, credited: 0n });
  });
});

// ───────────────────────────── create-escrow ─────────────────────────────

describe("create-escrow", () => {
  it("create-escrow: ids are sequential from u1 and the escrow-count follows", () => {
    for (let i = 1; i <= 3; i++) expect(create(client, freelancer, null, [i]).result).toBeOk(Cl.uint(i));
    expect(ro("get-escrow-count")).toBeUint(3);
  });

  it("create-escrow: accepts 50 milestones (the maximum) and stores each amount in order", () => {
    const amounts = Array.from({ length: 50 }, (_, i) => i + 1);
    expect(create(client, freelancer, null, amounts).result).toBeOk(Cl.uint(1));
    expect(escrowTuple(1)!["milestone-count"]).toBeUint(50);
    expect(escrowTuple(1)!["total"]).toBeUint(sum(amounts));
    expect(ro("get-milestone", [Cl.uint(1), Cl.uint(49)])).toBeSome(
      Cl.tuple({ amount: Cl.uint(50), status: Cl.uint(MilestoneStatus.Pending) }),
    );
    expect(ro("get-milestone", [Cl.uint(1), Cl.uint(50)])).toBeNone();
  });

  it("create-escrow: more than 50 milestones cannot even be sent (argument type (list 50 uint))", () => {
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
    expect(escrowTuple(1)!["total"]).toBeUint(max);
  });

  it("create-escrow: checks in the Solidity order (paused, count, freelancer, amounts, token)", () => {
    expectErr(create(client, client, stranger, [0]), "ERR-INVALID-FREELANCER");
    expectErr(create(client, freelancer, stranger, [0]), "ERR-INVALID-MILESTONE-AMOUNT");
    expectErr(create(client, client, null, []), "ERR-INVALID-MILESTONE-COUNT");
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

  it("create-escrow: rejects a token that is not a contract principal of this network", () => {
    expectErr(create(client, freelancer, stranger, [1]), "ERR-INVALID-TOKEN");
    expectErr(create(client, freelancer, "SP2J6ZY48GV1EZ5V2V5RB9MP66SW86PYKKNRV9EJ7.usdc", [1]), "ERR-INVALID-TOKEN");
    expect(create(client, freelancer, DEMO_USD, [1]).result).toBeOk(Cl.uint(1));
  });

  it("create-escrow: fixes the current platform fee into the escrow; later fee changes do not apply to it", () => {
    const first = createFunded([10_000n]);
    expect(setFee(deployer, 2000).result).toBeOk(Cl.bool(true));
    const second = createFunded([10_000n]);
    expect(escrowTuple(first)!["fee-bps"]).toBeUint(1000);
    expect(escrowTuple(second)!["fee-bps"]).toBeUint(2000);
    const r1 = release(first, 0);
    expect((prints(r1)[0] as any).value.fee).toBeUint(1000);
    const r2 = release(second, 0);
    expect((prints(r2)[0] as any).value.fee).toBeUint(2000);
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

  it("submit-milestone: a released milestone cannot be submitted again, nor anything on a completed escrow", () => {
    const id = createFunded([10, 20]);
    release(id, 0);
    expectErr(submit(freelancer, id, 0), "ERR-INVALID-MILESTONE-STATUS");
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

  it("approve-milestone: releases fee and payout exactly (amount 1 -> fee 1, payout 0)", () => {
    const id = createFunded([1]);
    const r = release(id, 0);
    expect((prints(r)[0] as any).value).toMatchObject({ fee: Cl.uint(1), payout: Cl.uint(0) });
    expect(creditOf(null, deployer)).toBe(1n);
    expect(creditOf(null, freelancer)).toBe(0n);
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
    const r = release(id, 0);
    const fee = expectedFee(amount, bps);
    expect((prints(r)[0] as any).value).toMatchObject({ amount: Cl.uint(amount), fee: Cl.uint(fee), payout: Cl.uint(amount - fee) });
    expect(creditOf(null, deployer)).toBe(fee);
    expect(creditOf(null, freelancer)).toBe(amount - fee);
  });

  it("approve-milestone: fee on a huge amount (2^127 - 1 tokens at the 20% cap) does not overflow", () => {
    expect(setFee(deployer, 2000).result).toBeOk(Cl.bool(true));
    const amount = 2n ** 127n - 1n;
    const id = createFunded([amount], DEMO_USD);
    const r = release(id, 0);
    const fee = expectedFee(amount, 2000n);
    expect((prints(r)[0] as any).value).toMatchObject({ fee: Cl.uint(fee), payout: Cl.uint(amount - fee) });
  });

  it("approve-milestone: fee matches ceil(amount * bps / 10000) for random amounts and fees (seeded)", () => {
    const rnd = prng(0xfee);
    for (let round = 0; round < 6; round++) {
      const bps = BigInt(rnd.int(0, 2000));
      expect(setFee(deployer, bps).result).toBeOk(Cl.bool(true));
      const amounts = Array.from({ length: 8 }, () => rnd.bigint(1n, 50_000_000n));
      const id = createFunded(amounts);
      amounts.forEach((amount, i) => {
        const r = release(id, i);
        const fee = expectedFee(amount, bps);
        expect((prints(r)[0] as any).value, `amount ${amount} bps ${bps}`).toMatchObject({
          fee: Cl.uint(fee),
          payout: Cl.uint(amount - fee),
        });
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

  it("cancel-escrow: nobody else may cancel, and only while unfunded", () => {
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

  it("withdraw: a token whose transfer fails keeps the credit (the whole call reverts)", () => {
    const id = createFunded([100], HOSTILE);
    release(id, 0);
    setHostileMode(HostileMode.Fail);
    expectErr(withdraw(freelancer, HOSTILE), "ERR-TOKEN-TRANSFER-FAILED");
    expect(creditOf(HOSTILE, freelancer)).toBe(90n);
    expect(tokenTerms(HOSTILE).credited).toBe(100n);
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

  it("withdraw: the fee recipient and the freelancer withdraw independently, in any order", () => {
    const id = createFunded([1_000, 3_000]);
    release(id, 0);
    expect(withdraw(deployer, null).result).toBeOk(Cl.uint(100));
    release(id, 1);
    expect(withdraw(freelancer, null).result).toBeOk(Cl.uint(900 + 2700));
    expect(withdraw(deployer, null).result).toBeOk(Cl.uint(300));
    expect(stxBalance(ESCROW)).toBe(0n);
  });
});

// ───────────────────────────── pause ─────────────────────────────

describe("pause", () => {
  it("pause: blocks create-escrow and fund-escrow only; submit, approve, cancel and withdraw still work", () => {
    const funded = createFunded([100, 200]);
    release(funded, 0);
    expect(submit(freelancer, funded, 1).result).toBeOk(Cl.bool(true));
    create(client, freelancer, null, [50]); // 2: unfunded
    create(client, freelancer, null, [50]); // 3: unfunded

    const p = pause(deployer);
    expect(p.result).toBeOk(Cl.bool(true));
    expectEvents(p, [{ topic: "paused", account: Cl.principal(deployer) }]);
    expect(ro("is-paused")).toBeBool(true);

    expectErr(create(client, freelancer, null, [1]), "ERR-PAUSED");
    expectErr(fund(client, 2, null), "ERR-PAUSED");
    expect(approve(client, funded, 1).result).toBeOk(Cl.bool(true));
    expect(cancel(client, 3).result).toBeOk(Cl.bool(true));
    expect(withdraw(freelancer, null).result).toBeOk(Cl.uint(270));
    expect(withdraw(deployer, null).result).toBeOk(Cl.uint(30));

    const u = unpause(deployer);
    expect(u.result).toBeOk(Cl.bool(true));
    expectEvents(u, [{ topic: "unpaused", account: Cl.principal(deployer) }]);
    expect(fund(client, 2, null).result).toBeOk(Cl.bool(true));
    expect(create(client, freelancer, null, [1]).result).toBeOk(Cl.uint(4));
  });

  it("pause: submit works while paused", () => {
    const id = createFunded([100]);
    pause(deployer);
    expect(submit(freelancer, id, 0).result).toBeOk(Cl.bool(true));
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
    expectEvents(r, [
      { topic: "fee-recipient-updated", "previous-recipient": Cl.principal(deployer), "new-recipient": Cl.principal(stranger) },
    ]);
    expect(ro("get-fee-recipient")).toBePrincipal(stranger);
    // a contract (the DAO treasury) may receive fees
    expect(setFeeRecipient(deployer, PROXY).result).toBeOk(Cl.bool(true));
  });

  it("grant-role / revoke-role: only an admin, known roles only, events only on change", () => {
    expectErr(grantRole(client, "fee-manager", client), "ERR-NOT-AUTHORIZED");
    expectErr(grantRole(deployer, "owner", client), "ERR-UNKNOWN-ROLE");
    expectErr(revokeRole(deployer, "owner", client), "ERR-UNKNOWN-ROLE");

    const g = grantRole(deployer, "fee-manager", client);
    expect(g.result).toBeOk(Cl.bool(true));
    expectEvents(g, [
      { topic: "role-granted", role: Cl.stringAscii("fee-manager"), account: Cl.principal(client), sender: Cl.principal(deployer) },
    ]);
    expect(ro("has-role", [Cl.stringAscii("fee-manager"), Cl.principal(client)])).toBeBool(true);
    const again = grantRole(deployer, "fee-manager", client);
    expect(again.result).toBeOk(Cl.bool(false));
    expectEvents(again, []);
    expect(setFee(client, 1500).result).toBeOk(Cl.bool(true));

    expectErr(revokeRole(client, "fee-manager", client), "ERR-NOT-AUTHORIZED");
    const rv = revokeRole(deployer, "fee-manager", client);
    expect(rv.result).toBeOk(Cl.bool(true));
    expectEvents(rv, [
      { topic: "role-revoked", role: Cl.stringAscii("fee-manager"), account: Cl.principal(client), sender: Cl.principal(deployer) },
    ]);
    expect(revokeRole(deployer, "fee-manager", client).result).toBeOk(Cl.bool(false));
    expectErr(setFee(client, 1500), "ERR-NOT-AUTHORIZED");
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
    expectErr(viaProxy("grant-role", [Cl.stringAscii("admin"), Cl.principal(stranger)], deployer), "ERR-NOT-AUTHORIZED");
    expectErr(viaProxy("revoke-role", [Cl.stringAscii("admin"), Cl.principal(deployer)], deployer), "ERR-NOT-AUTHORIZED");
    pause(deployer);
    expectErr(viaProxy("unpause", [], deployer), "ERR-NOT-AUTHORIZED");
    expect(ro("get-platform-fee")).toBeUint(1000);
    expect(ro("has-role", [Cl.stringAscii("admin"), Cl.principal(stranger)])).toBeBool(false);
  });

  it("contract-caller: a contract relaying the client's or freelancer's call is not that party", () => {
    const funded = createFunded([100, 100]);
    create(client, freelancer, null, [100]); // 2: unfunded
    expectErr(viaProxy("submit-milestone", [Cl.uint(funded), Cl.uint(0), Cl.buffer(ZERO32)], freelancer), "ERR-NOT-ESCROW-PARTY");
    expect(submit(freelancer, funded, 0).result).toBeOk(Cl.bool(true));
    expectErr(viaProxy("approve-milestone", [Cl.uint(funded), Cl.uint(0)], client), "ERR-NOT-ESCROW-PARTY");
    expectErr(viaProxy("fund-escrow", [Cl.uint(2), Cl.none()], client), "ERR-NOT-ESCROW-PARTY");
    expectErr(viaProxy("cancel-escrow", [Cl.uint(2)], client), "ERR-NOT-ESCROW-PARTY");
    expectErr(viaProxy("cancel-escrow", [Cl.uint(2)], freelancer), "ERR-NOT-ESCROW-PARTY");
    expect(milestoneStatus(funded, 0)).toBe(MilestoneStatus.Submitted);
    expect(escrowStatus(2)).toBe(EscrowStatus.Created);
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
    const c = viaProxy("create-escrow", [Cl.principal(freelancer), Cl.none(), amountsCV([100])], client);
    expect(c.result).toBeOk(Cl.uint(1));
    expect(escrowTuple(1)!["client"]).toBePrincipal(PROXY);
    expect((prints(c)[0] as any).value.client).toBePrincipal(PROXY);
    // funding it through the proxy would need the proxy's own STX: the signer's are untouched
    const stxBefore = stxBalance(client);
    expectErr(viaProxy("fund-escrow", [Cl.uint(1), Cl.none()], client), "ERR-TOKEN-TRANSFER-FAILED");
    expect(stxBalance(client)).toBe(stxBefore);
    // same for a SIP-010 escrow
    mint(DEMO_USD, client, 100);
    expect(viaProxy("create-escrow", [Cl.principal(freelancer), tokenCV(DEMO_USD), amountsCV([100])], client).result).toBeOk(
      Cl.uint(2),
    );
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
    "ERR-ESCROW-NOT-FOUND": () => fund(client, 99, null),
    "ERR-NOT-ESCROW-PARTY": () => (create(client, freelancer, null, [1]), fund(stranger, 1, null)),
    "ERR-INVALID-ESCROW-STATUS": () => (create(client, freelancer, null, [1]), submit(freelancer, 1, 0)),
    "ERR-INVALID-MILESTONE-STATUS": () => (createFunded([5]), approve(client, 1, 0)),
    "ERR-MILESTONE-INDEX-OUT-OF-RANGE": () => (createFunded([5]), submit(freelancer, 1, 1)),
    "ERR-INVALID-MILESTONE-COUNT": () => create(client, freelancer, null, []),
    "ERR-INVALID-MILESTONE-AMOUNT": () => create(client, freelancer, null, [1, 0, 2]),
    "ERR-INVALID-FREELANCER": () => create(client, client, null, [1]),
    "ERR-INVALID-TOKEN": () => create(client, freelancer, stranger, [1]),
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

// ───────────────────── randomized conservation property ─────────────────────

const SEEDS = process.env.FUZZ_SEEDS ? process.env.FUZZ_SEEDS.split(",").map(Number) : [1, 2, 3, 4, 5];

describe("randomized action sequences (seeded)", () => {
  type ModelEscrow = {
    client: string;
    freelancer: string;
    token: Token;
    feeBps: bigint;
    status: bigint;
    amounts: bigint[];
    milestones: bigint[];
  };
  const people = [client, freelancer, stranger, deployer];
  const tokens: Token[] = [null, DEMO_USD];

  it.each(SEEDS)(
    "conservation: 100 random actions (seed %i) keep balance == locked + credited and match a reference model",
    (seed) => {
      const rnd = prng(seed);
      const escrows: ModelEscrow[] = [];
      const credits = new Map<string, bigint>();
      const creditKey = (token: Token, who: string) => `${token ?? "STX"}|${who}`;
      const addCredit = (token: Token, who: string, amount: bigint) =>
        credits.set(creditKey(token, who), (credits.get(creditKey(token, who)) ?? 0n) + amount);
      let feeBps = 1000n;
      let paused = false;
      const okCount: Record<string, number> = {};

      const expectOutcome = (action: string, r: ReturnType<typeof simnet.callPublicFn>, err: string | null) => {
        if (process.env.FUZZ_DEBUG) console.error(`seed ${seed} ${action} -> ${err ?? "ok"}`);
        if (err) expectErr(r, err);
        else {
          expect(r.result, `${action} should succeed`).toHaveClarityType(ClarityType.ResponseOk);
          okCount[action] = (okCount[action] ?? 0) + 1;
        }
      };
      // Guided choice: 3 times in 4 pick an escrow where the action can succeed
      // (when there is one), otherwise any id, including one past the last.
      const pickId = (fits: (e: ModelEscrow) => boolean, guided = 0.75) => {
        const ids = escrows.map((e, i) => (fits(e) ? i + 1 : 0)).filter(Boolean);
        return ids.length && rnd.next() < guided ? rnd.pick(ids) : rnd.int(1, escrows.length + 1);
      };
      const weighted = <K extends string>(weights: Record<K, number>): K => {
        const entries = Object.entries(weights) as Array<[K, number]>;
        let x = rnd.next() * entries.reduce((t, [, w]) => t + w, 0);
        for (const [k, w] of entries) if ((x -= w) < 0) return k;
        return entries[entries.length - 1][0];
      };
      const pickIndex = (e: ModelEscrow, want: bigint) => {
        const idx = e.milestones.map((m, i) => (m === want ? i : -1)).filter((i) => i >= 0);
        return idx.length && rnd.next() < 0.8 ? rnd.pick(idx) : rnd.int(0, e.amounts.length);
      };
      const pickCaller = (e: ModelEscrow | undefined, party: "client" | "freelancer") =>
        e && rnd.next() < 0.8 ? e[party] : rnd.pick(people);

      for (let step = 0; step < 100; step++) {
        const action = weighted({ create: 4, fund: 5, submit: 5, approve: 5, cancel: 1, withdraw: 3, fee: 1, pause: paused ? 4 : 0.7 });
        if (action === "create") {
          const by = rnd.pick(people);
          const to = rnd.next() < 0.93 ? rnd.pick(people.filter((p) => p !== by)) : by;
          const token = rnd.pick(tokens);
          const n = rnd.next() < 0.05 ? 0 : rnd.int(1, 4);
          const amounts = Array.from({ length: n }, () =>
            rnd.next() < 0.02 ? 0n : rnd.pick([1n, 3n, 999n, 10_001n, rnd.bigint(1n, 5_000_000n)]),
          );
          const err = paused
            ? "ERR-PAUSED"
            : n === 0
              ? "ERR-INVALID-MILESTONE-COUNT"
              : to === by
                ? "ERR-INVALID-FREELANCER"
                : amounts.includes(0n)
                  ? "ERR-INVALID-MILESTONE-AMOUNT"
                  : null;
          const r = create(by, to, token, amounts);
          expectOutcome(action, r, err);
          if (!err) {
            escrows.push({ client: by, freelancer: to, token, feeBps, status: EscrowStatus.Created, amounts, milestones: amounts.map(() => 0n) });
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
          if (!err) e!.status = EscrowStatus.Funded;
        } else if (action === "submit" || action === "approve") {
          const need = action === "submit" ? MilestoneStatus.Pending : MilestoneStatus.Submitted;
          const id = pickId((e) => e.status === EscrowStatus.Funded && e.milestones.includes(need));
          const e = escrows[id - 1];
          const party = action === "submit" ? "freelancer" : "client";
          const by = pickCaller(e, party);
          const index = e ? pickIndex(e, need) : 0;
          const err = !e
            ? "ERR-ESCROW-NOT-FOUND"
            : by !== e[party]
              ? "ERR-NOT-ESCROW-PARTY"
              : e.status !== EscrowStatus.Funded
                ? "ERR-INVALID-ESCROW-STATUS"
                : index >= e.amounts.length
                  ? "ERR-MILESTONE-INDEX-OUT-OF-RANGE"
                  : e.milestones[index] !== need
                    ? "ERR-INVALID-MILESTONE-STATUS"
                    : null;
          const r = action === "submit" ? submit(by, id, index) : approve(by, id, index);
          expectOutcome(action, r, err);
          if (!err && action === "submit") e!.milestones[index] = MilestoneStatus.Submitted;
          if (!err && action === "approve") {
            e!.milestones[index] = MilestoneStatus.Released;
            const amount = e!.amounts[index];
            const fee = expectedFee(amount, e!.feeBps);
            addCredit(e!.token, deployer, fee);
            addCredit(e!.token, e!.freelancer, amount - fee);
            if (e!.milestones.every((m) => m === MilestoneStatus.Released)) e!.status = EscrowStatus.Completed;
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
          const owed = credits.get(creditKey(token, by)) ?? 0n;
          const before = balanceOf(token, by);
          const r = withdraw(by, token);
          if (owed === 0n) expectErr(r, "ERR-NOTHING-TO-WITHDRAW");
          else {
            expect(r.result).toBeOk(Cl.uint(owed));
            expect(balanceOf(token, by)).toBe(before + owed);
            credits.delete(creditKey(token, by));
            okCount.withdraw = (okCount.withdraw ?? 0) + 1;
          }
        } else if (action === "fee") {
          const bps = BigInt(rnd.int(0, 2200));
          expectOutcome(action, setFee(deployer, bps), bps > 2000n ? "ERR-FEE-ABOVE-CAP" : null);
          if (bps <= 2000n) feeBps = bps;
        } else {
          expectOutcome(action, paused ? unpause(deployer) : pause(deployer), null);
          paused = !paused;
        }

        // model == chain: statuses and credits (conservation is checked by every helper call)
        escrows.forEach((e, i) => expect(escrowStatus(i + 1), `status of escrow ${i + 1}`).toBe(e.status));
        for (const token of tokens)
          for (const who of people) expect(creditOf(token, who)).toBe(credits.get(creditKey(token, who)) ?? 0n);
        for (const token of tokens) {
          const locked = escrows
            .filter((e) => e.token === token && e.status === EscrowStatus.Funded)
            .reduce((s, e) => s + e.amounts.filter((_, j) => e.milestones[j] !== MilestoneStatus.Released).reduce((a, b) => a + b, 0n), 0n);
          expect(tokenTerms(token).locked, `locked ${token ?? "STX"}`).toBe(locked);
        }
      }
      // the sequence must have exercised the happy paths, not only errors
      for (const a of ["create", "fund", "submit", "approve", "withdraw"])
        expect(okCount[a] ?? 0, `successful ${a} calls`).toBeGreaterThan(0);
    },
  );
});

// ───────────────────────────── cost baseline ─────────────────────────────
// Canonical calls for the benchmark: filter costs-reports.json on test_name
// containing "cost baseline". One escrow of 3 milestones per asset.

describe("cost baseline", () => {
  it.each([
    ["STX", null as Token],
    ["SIP-010", DEMO_USD as Token],
  ])("cost baseline: 3-milestone escrow in %s, create/fund/submit/approve/withdraw", (_label, token) => {
    const amounts = [1_000_000n, 2_000_000n, 3_000_000n];
    if (token) mint(token, client, sum(amounts));
    expect(create(client, freelancer, token, amounts).result).toBeOk(Cl.uint(1));
    expect(fund(client, 1, token).result).toBeOk(Cl.bool(true));
    for (let i = 0; i < amounts.length; i++) {
      expect(submit(freelancer, 1, i, deliverable(i)).result).toBeOk(Cl.bool(true));
      expect(approve(client, 1, i).result).toBeOk(Cl.bool(true));
    }
    expect(withdraw(freelancer, token).result).toBeOk(Cl.uint(5_400_000n));
    expect(withdraw(deployer, token).result).toBeOk(Cl.uint(600_000n));
  });
});
