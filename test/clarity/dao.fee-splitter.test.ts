// Simnet tests of clarity/contracts/dao/fee-splitter.clar against the spec (IFeeSplitter.sol):
// the exact 70/30 split per token, pull releases, the conservation law (a seeded random property
// test over incomes, shares, payees and releases in STX and a SIP-010), the real escrow's fee
// credits collected by the splitter as itself, hostile tokens, and the DAO-only governance (refused
// to users, to relays, and to contracts a proposal calls in turn).
import { beforeEach, describe, expect, it } from "vitest";
import { Cl } from "@stacks/transactions";
import {
  DEMO_USD,
  HOSTILE,
  HostileMode,
  client,
  createFunded,
  deployer,
  expectedFee,
  prints,
  prng,
  release,
  setFeeRecipient,
  setHostileMode,
  standardSetup,
  stranger,
} from "./helpers";
import {
  MULTISIG,
  PROPOSAL,
  RELAY_PROPOSAL,
  SPLITTER,
  SPLITTER_ERR,
  TREASURY,
  assetOf,
  bootDao,
  executeProposal,
  expectErrOf,
  expectSplitterEvents,
  expectSplitterSolvent,
  fwd,
  okUint,
  owedOf,
  stxOf,
  tokenKey,
  totalOwedOf,
} from "./dao.ext-helpers";

type TxResult = ReturnType<typeof simnet.callPublicFn>;
const operator = simnet.getAccounts().get("wallet_4")!;

const split = (fn: string, args: Parameters<typeof simnet.callPublicFn>[2] = [], sender = stranger): TxResult => {
  const r = simnet.callPublicFn("fee-splitter", fn, args, sender);
  expectSplitterSolvent(null);
  expectSplitterSolvent(DEMO_USD);
  return r;
};
const distribute = (token: string | null, sender = stranger) =>
  token ? split("distribute-ft", [Cl.principal(token)], sender) : split("distribute-stx", [], sender);
const releaseTo = (token: string | null, payee: string, sender = stranger) =>
  token ? split("release-ft", [Cl.principal(token), Cl.principal(payee)], sender) : split("release-stx", [Cl.principal(payee)], sender);
const collect = (token: string | null, sender = stranger) =>
  token ? split("collect-ft", [Cl.principal(token)], sender) : split("collect-stx", [], sender);
const splitterRo = (fn: string, args: Parameters<typeof simnet.callReadOnlyFn>[2] = []) => simnet.callReadOnlyFn("fee-splitter", fn, args, stranger).result;

/** Send `amount` of `token` (null = STX) straight to the splitter: income for the next distribute. */
function pay(token: string | null, amount: bigint, from = stranger) {
  if (amount === 0n) return;
  if (token === null) {
    expect(simnet.transferSTX(amount, SPLITTER, from).result).toBeOk(Cl.bool(true));
  } else {
    expect(simnet.callPublicFn(token.split(".")[1], "mint", [Cl.uint(amount), Cl.principal(SPLITTER)], from).result).toBeOk(Cl.bool(true));
  }
}

const floorShare = (income: bigint, bps: bigint) => (income * bps) / 10_000n;

beforeEach(() => standardSetup());

describe("deployment", () => {
  it("deployment: 70% to the dao-treasury, 30% to the multisig (operations), nothing owed", () => {
    expect(splitterRo("get-dao-share-bps")).toBeUint(7000);
    expect(splitterRo("get-treasury")).toBePrincipal(TREASURY);
    expect(splitterRo("get-operations")).toBePrincipal(MULTISIG);
    expect(splitterRo("get-total-owed", [Cl.none()])).toBeUint(0);
    expect(splitterRo("get-owed", [Cl.principal(TREASURY), Cl.none()])).toBeUint(0);
  });
});

describe("distribute", () => {
  it("distribute-stx: splits the income exactly (floor to the treasury, the rest to operations) and prints fees-split", () => {
    pay(null, 1001n);
    const r = distribute(null);
    expect(r.result).toBeOk(Cl.uint(1001));
    expectSplitterEvents(r, [
      { topic: "fees-split", token: Cl.none(), income: Cl.uint(1001), "to-treasury": Cl.uint(700), "to-operations": Cl.uint(301), "dao-share-bps": Cl.uint(7000) },
    ]);
    expect(owedOf(TREASURY, null)).toBe(700n);
    expect(owedOf(MULTISIG, null)).toBe(301n);
    expect(totalOwedOf(null)).toBe(1001n);
    expect(stxOf(SPLITTER)).toBe(1001n);
    expect(splitterRo("get-owed", [Cl.principal(TREASURY), Cl.none()])).toBeUint(700);
    expect(splitterRo("get-total-owed", [Cl.none()])).toBeUint(1001);
  });

  it("distribute: no income -> (ok u0), no event, nothing changes; a second distribute finds nothing new", () => {
    const none = distribute(null);
    expect(none.result).toBeOk(Cl.uint(0));
    expect(prints(none, SPLITTER)).toHaveLength(0);
    pay(DEMO_USD, 10n);
    expect(distribute(DEMO_USD).result).toBeOk(Cl.uint(10));
    const again = distribute(DEMO_USD);
    expect(again.result).toBeOk(Cl.uint(0));
    expect(prints(again, SPLITTER)).toHaveLength(0);
    expect(owedOf(TREASURY, DEMO_USD) + owedOf(MULTISIG, DEMO_USD)).toBe(10n);
  });

  it("distribute: 1 unit of income goes to operations (the treasury's share rounds down), per token", () => {
    pay(null, 1n);
    pay(DEMO_USD, 3n);
    expect(distribute(null).result).toBeOk(Cl.uint(1));
    expect(distribute(DEMO_USD).result).toBeOk(Cl.uint(3));
    expect([owedOf(TREASURY, null), owedOf(MULTISIG, null)]).toEqual([0n, 1n]);
    expect([owedOf(TREASURY, DEMO_USD), owedOf(MULTISIG, DEMO_USD)]).toEqual([2n, 1n]);
  });

  it("distribute-ft: a fee-on-transfer token is split on what actually arrived (balance-based)", () => {
    expect(simnet.callPublicFn("hostile-sip010", "mint", [Cl.uint(100), Cl.principal(stranger)], stranger).result).toBeOk(Cl.bool(true));
    setHostileMode(HostileMode.Fee);
    expect(simnet.callPublicFn("hostile-sip010", "transfer", [Cl.uint(100), Cl.principal(stranger), Cl.principal(SPLITTER), Cl.none()], stranger).result).toBeOk(
      Cl.bool(true),
    );
    setHostileMode(HostileMode.Normal);
    expect(distribute(HOSTILE).result).toBeOk(Cl.uint(99));
    expect(owedOf(TREASURY, HOSTILE) + owedOf(MULTISIG, HOSTILE)).toBe(99n);
  });
});

describe("release", () => {
  it("release-stx / release-ft: anyone triggers, the payee gets everything owed to it, fees-released, owed cleared", () => {
    pay(null, 10_000n);
    pay(DEMO_USD, 5_000n);
    distribute(null);
    distribute(DEMO_USD);
    const treasuryBefore = stxOf(TREASURY);
    const r = releaseTo(null, TREASURY, client);
    expect(r.result).toBeOk(Cl.uint(7000));
    expectSplitterEvents(r, [{ topic: "fees-released", token: Cl.none(), payee: Cl.principal(TREASURY), amount: Cl.uint(7000) }]);
    expect(stxOf(TREASURY) - treasuryBefore).toBe(7000n);
    expect(owedOf(TREASURY, null)).toBe(0n);
    expect(totalOwedOf(null)).toBe(3000n);
    expect(stxOf(SPLITTER)).toBe(3000n);

    const ft = releaseTo(DEMO_USD, MULTISIG);
    expect(ft.result).toBeOk(Cl.uint(1500));
    expectSplitterEvents(ft, [{ topic: "fees-released", token: Cl.some(Cl.principal(DEMO_USD)), payee: Cl.principal(MULTISIG), amount: Cl.uint(1500) }]);
    expect(assetOf(DEMO_USD, MULTISIG)).toBe(1500n);
    expect(totalOwedOf(DEMO_USD)).toBe(3500n);
  });

  it("release: nothing owed -> ERR-NOTHING-OWED (also right after a full release, and for a stranger)", () => {
    expectErrOf(SPLITTER_ERR, releaseTo(null, TREASURY), "ERR-NOTHING-OWED");
    pay(null, 100n);
    distribute(null);
    expect(releaseTo(null, TREASURY).result).toBeOk(Cl.uint(70));
    expectErrOf(SPLITTER_ERR, releaseTo(null, TREASURY), "ERR-NOTHING-OWED");
    expectErrOf(SPLITTER_ERR, releaseTo(null, stranger), "ERR-NOTHING-OWED");
    expectErrOf(SPLITTER_ERR, releaseTo(DEMO_USD, TREASURY), "ERR-NOTHING-OWED");
  });

  it("release-ft: a token failing its transfer -> ERR-TRANSFER-FAILED, the debt is kept", () => {
    pay(HOSTILE, 1000n);
    distribute(HOSTILE);
    setHostileMode(HostileMode.Fail);
    expectErrOf(SPLITTER_ERR, releaseTo(HOSTILE, TREASURY), "ERR-TRANSFER-FAILED");
    expect(owedOf(TREASURY, HOSTILE)).toBe(700n);
    setHostileMode(HostileMode.Normal);
    expect(releaseTo(HOSTILE, TREASURY).result).toBeOk(Cl.uint(700));
  });

  it("release-ft: as-contract? allowances stop a hostile token from draining the splitter's STX", () => {
    pay(null, 500n);
    distribute(null);
    pay(HOSTILE, 1000n);
    distribute(HOSTILE);
    setHostileMode(HostileMode.Drain);
    expectErrOf(SPLITTER_ERR, releaseTo(HOSTILE, TREASURY), "ERR-ASSET-ALLOWANCE-EXCEEDED");
    expect(stxOf(SPLITTER)).toBe(500n);
    expect(owedOf(TREASURY, HOSTILE)).toBe(700n);
    // distribute reads the token's balance with no allowance either: a draining get-balance
    // would be reverted the same way (the hostile token drains in transfer only).
    setHostileMode(HostileMode.Normal);
    expect(releaseTo(HOSTILE, TREASURY).result).toBeOk(Cl.uint(700));
  });
});

describe("collect from the real escrow", () => {
  for (const token of [null, DEMO_USD]) {
    const name = token ? "SIP-010" : "STX";
    it(`collect-${token ? "ft" : "stx"}: the escrow's fee credits in ${name} are withdrawn by the splitter as itself and split 70/30`, () => {
      expect(setFeeRecipient(deployer, SPLITTER).result).toBeOk(Cl.bool(true));
      const id = createFunded([1_000n, 2_345n], token);
      release(id, 0);
      release(id, 1);
      const fees = expectedFee(1_000n, 1000n) + expectedFee(2_345n, 1000n);
      expect(fees).toBe(335n);
      const credit = simnet.callReadOnlyFn("escrow", "get-credit", [tokenKey(token), Cl.principal(SPLITTER)], stranger).result;
      expect(credit).toBeUint(fees);

      const r = collect(token);
      expect(r.result).toBeOk(Cl.uint(fees));
      // the escrow paid the splitter itself (credits are keyed on contract-caller)
      expect(prints(r)).toContainEqual(
        Cl.tuple({ topic: Cl.stringAscii("withdrawn"), account: Cl.principal(SPLITTER), token: tokenKey(token), amount: Cl.uint(fees) }),
      );
      const toTreasury = floorShare(fees, 7000n);
      expectSplitterEvents(r, [
        { topic: "fees-split", token: tokenKey(token), income: Cl.uint(fees), "to-treasury": Cl.uint(toTreasury), "to-operations": Cl.uint(fees - toTreasury), "dao-share-bps": Cl.uint(7000) },
      ]);
      expect(assetOf(token, SPLITTER)).toBe(fees);
      expect(totalOwedOf(token)).toBe(fees);

      const treasuryBefore = assetOf(token, TREASURY);
      expect(releaseTo(token, TREASURY).result).toBeOk(Cl.uint(toTreasury));
      expect(releaseTo(token, MULTISIG).result).toBeOk(Cl.uint(fees - toTreasury));
      expect(assetOf(token, TREASURY) - treasuryBefore).toBe(toTreasury);
      expect(assetOf(token, SPLITTER)).toBe(0n);
      expect(totalOwedOf(token)).toBe(0n);
      // nothing left at the escrow: collecting again fails with the escrow's own error
      expect(collect(token).result).toBeErr(Cl.uint(1024));
    });
  }

  it("collect-stx: income already sitting in the splitter is split together with the collected fees", () => {
    expect(setFeeRecipient(deployer, SPLITTER).result).toBeOk(Cl.bool(true));
    const id = createFunded([10_000n]);
    release(id, 0);
    pay(null, 7n);
    expect(collect(null).result).toBeOk(Cl.uint(1_007n));
  });

  it("collect-stx with no fee credited at the escrow -> the escrow's ERR-NOTHING-TO-WITHDRAW (u1024), nothing changes", () => {
    pay(null, 50n);
    expect(collect(null).result).toBeErr(Cl.uint(1024));
    expect(totalOwedOf(null)).toBe(0n);
  });
});

describe("governance", () => {
  it("set-dao-share by the DAO (an enabled extension): prints dao-share-updated; 0% and 100% split at the edges", () => {
    bootDao();
    const r = fwd("set-dao-share", [Cl.uint(10_000)]);
    expect(r.result).toBeOk(Cl.bool(true));
    expectSplitterEvents(r, [{ topic: "dao-share-updated", "previous-bps": Cl.uint(7000), "new-bps": Cl.uint(10_000) }]);
    pay(null, 999n);
    distribute(null);
    expect([owedOf(TREASURY, null), owedOf(MULTISIG, null)]).toEqual([999n, 0n]);
    expect(fwd("set-dao-share", [Cl.uint(0)]).result).toBeOk(Cl.bool(true));
    pay(null, 1n);
    const d = distribute(null);
    expectSplitterEvents(d, [
      { topic: "fees-split", token: Cl.none(), income: Cl.uint(1), "to-treasury": Cl.uint(0), "to-operations": Cl.uint(1), "dao-share-bps": Cl.uint(0) },
    ]);
    expect([owedOf(TREASURY, null), owedOf(MULTISIG, null)]).toEqual([999n, 1n]);
  });

  it("set-dao-share above 100% -> ERR-INVALID-SHARE", () => {
    bootDao();
    expectErrOf(SPLITTER_ERR, fwd("set-dao-share", [Cl.uint(10_001)]), "ERR-INVALID-SHARE");
    expect(splitterRo("get-dao-share-bps")).toBeUint(7000);
  });

  it("set-payees: later income goes to the new payees, what is owed stays with the old ones; the splitter itself -> ERR-INVALID-PAYEE", () => {
    bootDao();
    pay(null, 100n);
    distribute(null);
    const r = fwd("set-payees", [Cl.principal(client), Cl.principal(operator)]);
    expect(r.result).toBeOk(Cl.bool(true));
    expectSplitterEvents(r, [{ topic: "payees-updated", treasury: Cl.principal(client), operations: Cl.principal(operator) }]);
    pay(null, 1000n);
    distribute(null);
    expect([owedOf(TREASURY, null), owedOf(MULTISIG, null), owedOf(client, null), owedOf(operator, null)]).toEqual([70n, 30n, 700n, 300n]);
    expect(releaseTo(null, TREASURY).result).toBeOk(Cl.uint(70));
    const before = stxOf(operator);
    expect(releaseTo(null, operator).result).toBeOk(Cl.uint(300));
    expect(stxOf(operator) - before).toBe(300n);
    expectErrOf(SPLITTER_ERR, fwd("set-payees", [Cl.principal(SPLITTER), Cl.principal(operator)]), "ERR-INVALID-PAYEE");
    expectErrOf(SPLITTER_ERR, fwd("set-payees", [Cl.principal(TREASURY), Cl.principal(SPLITTER)]), "ERR-INVALID-PAYEE");
    expect(splitterRo("get-treasury")).toBePrincipal(client);
  });

  it("a DAO proposal (run by dao-core) sets the share directly: the proposal being executed is the DAO", () => {
    bootDao();
    expect(simnet.callPublicFn("dao-ext-proposal", "configure", [Cl.uint(0), Cl.uint(0), Cl.principal(stranger), Cl.uint(6000)], stranger).result).toBeOk(
      Cl.bool(true),
    );
    const r = executeProposal(PROPOSAL);
    expect(r.result).toBeOk(Cl.bool(true));
    expectSplitterEvents(r, [{ topic: "dao-share-updated", "previous-bps": Cl.uint(7000), "new-bps": Cl.uint(6000) }]);
    expect(splitterRo("get-dao-share-bps")).toBeUint(6000);
  });

  it("governed functions refuse users (even the deployer) and relays: ERR-NOT-AUTHORIZED", () => {
    for (const who of [deployer, stranger]) {
      expectErrOf(SPLITTER_ERR, split("set-dao-share", [Cl.uint(1)], who), "ERR-NOT-AUTHORIZED");
      expectErrOf(SPLITTER_ERR, split("set-payees", [Cl.principal(who), Cl.principal(who)], who), "ERR-NOT-AUTHORIZED");
    }
    // the forwarder before the DAO enables it: a contract relaying a user's call
    expectErrOf(SPLITTER_ERR, fwd("set-dao-share", [Cl.uint(1)], deployer), "ERR-NOT-AUTHORIZED");
    expectErrOf(SPLITTER_ERR, fwd("set-payees", [Cl.principal(deployer), Cl.principal(deployer)], deployer), "ERR-NOT-AUTHORIZED");
    bootDao();
    // the same relay once disabled again
    expect(fwd("set-extension", [Cl.principal(`${deployer}.dao-ext-forwarder`), Cl.bool(false)]).result).toBeOk(Cl.bool(true));
    expectErrOf(SPLITTER_ERR, fwd("set-dao-share", [Cl.uint(1)], deployer), "ERR-NOT-AUTHORIZED");
    expect(splitterRo("get-dao-share-bps")).toBeUint(7000);
  });

  it("a contract a DAO proposal calls in turn is not the DAO (tx-sender = dao-core does not leak): the proposal fails as a whole", () => {
    bootDao();
    const r = executeProposal(RELAY_PROPOSAL);
    expectErrOf(SPLITTER_ERR, r, "ERR-NOT-AUTHORIZED");
    expect(splitterRo("get-dao-share-bps")).toBeUint(7000);
    // the proposal's other action (disabling the forwarder) was reverted with it, and it never ran
    expect(simnet.callReadOnlyFn("dao-core", "is-extension", [Cl.principal(`${deployer}.dao-ext-forwarder`)], stranger).result).toBeBool(true);
    expect(simnet.callReadOnlyFn("dao-core", "executed-at", [Cl.principal(RELAY_PROPOSAL)], stranger).result).toBeNone();
  });
});

// ───────────────────────── conservation (property) ─────────────────────────

describe("conservation law (seeded random property test)", () => {
  for (const seed of [1, 2, 3]) {
    it(`random incomes, shares, payees and releases (seed ${seed}): to-treasury + to-operations == income, balance >= total owed (== after distribute), releases <= incomes`, () => {
      bootDao();
      const rnd = prng(seed);
      const payees = [TREASURY, MULTISIG, client, operator];
      let share = 7000n;
      let treasury = TREASURY;
      let operations = MULTISIG;
      const model = new Map<string, bigint>(); // `${payee}|${token}` -> owed
      const key = (p: string, t: string | null) => `${p}|${t ?? "STX"}`;
      const incomes = { STX: 0n, FT: 0n };
      const released = { STX: 0n, FT: 0n };
      const pending = { STX: 0n, FT: 0n }; // paid in, not yet distributed
      const bucket = (t: string | null) => (t ? "FT" : "STX") as "STX" | "FT";

      for (let step = 0; step < 60; step++) {
        const token = rnd.pick([null, DEMO_USD]);
        const b = bucket(token);
        const action = rnd.int(0, 9);
        if (action <= 3) {
          // income: tiny amounts exercise the rounding, large ones the u128 path
          const amount = rnd.pick([1n, 2n, 3n, 9_999n, 10_001n, rnd.bigint(1n, 10n ** 12n)]);
          pay(token, amount);
          pending[b] += amount;
        } else if (action <= 6) {
          const r = distribute(token);
          const income = okUint(r);
          expect(income).toBe(pending[b]);
          if (income > 0n) {
            const ev = (prints(r, SPLITTER)[0] as any).value;
            const toTreasury = BigInt(ev["to-treasury"].value);
            const toOperations = BigInt(ev["to-operations"].value);
            expect(toTreasury + toOperations).toBe(income);
            expect(toTreasury).toBe(floorShare(income, share));
            model.set(key(treasury, token), (model.get(key(treasury, token)) ?? 0n) + toTreasury);
            model.set(key(operations, token), (model.get(key(operations, token)) ?? 0n) + toOperations);
          } else {
            expect(prints(r, SPLITTER)).toHaveLength(0);
          }
          incomes[b] += income;
          pending[b] = 0n;
          expect(assetOf(token, SPLITTER)).toBe(totalOwedOf(token));
        } else if (action === 7) {
          share = rnd.pick([0n, 1n, 5000n, 7000n, 9999n, 10_000n, rnd.bigint(0n, 10_000n)]);
          expect(fwd("set-dao-share", [Cl.uint(share)]).result).toBeOk(Cl.bool(true));
        } else if (action === 8) {
          treasury = rnd.pick(payees);
          operations = rnd.pick(payees);
          expect(fwd("set-payees", [Cl.principal(treasury), Cl.principal(operations)]).result).toBeOk(Cl.bool(true));
        } else {
          const payee = rnd.pick(payees);
          const owed = model.get(key(payee, token)) ?? 0n;
          const before = assetOf(token, payee);
          const r = releaseTo(token, payee);
          if (owed === 0n) {
            expectErrOf(SPLITTER_ERR, r, "ERR-NOTHING-OWED");
          } else {
            expect(r.result).toBeOk(Cl.uint(owed));
            expect(assetOf(token, payee) - before).toBe(owed);
            model.set(key(payee, token), 0n);
            released[b] += owed;
          }
        }
        // invariants after every step, both tokens
        for (const t of [null, DEMO_USD]) {
          const bt = bucket(t);
          const sumModel = [...model.entries()].filter(([k]) => k.endsWith(`|${t ?? "STX"}`)).reduce((s, [, v]) => s + v, 0n);
          expect(totalOwedOf(t)).toBe(sumModel);
          for (const p of payees) expect(owedOf(p, t)).toBe(model.get(key(p, t)) ?? 0n);
          expect(assetOf(t, SPLITTER)).toBeGreaterThanOrEqual(totalOwedOf(t));
          expect(assetOf(t, SPLITTER)).toBe(totalOwedOf(t) + pending[bt]);
          expect(released[bt]).toBeLessThanOrEqual(incomes[bt]);
          expect(incomes[bt] - released[bt]).toBe(totalOwedOf(t));
        }
      }
    });
  }
});

// ───────────────────────────── costs ─────────────────────────────

describe("costs", () => {
  it("costs: fee-splitter collect-stx, collect-ft, distribute-stx, release-stx, release-ft (the real escrow's fees)", () => {
    expect(setFeeRecipient(deployer, SPLITTER).result).toBeOk(Cl.bool(true));
    release(createFunded([1_000_000n]), 0);
    release(createFunded([1_000_000n], DEMO_USD), 0);
    expect(collect(null).result).toBeOk(Cl.uint(100_000));
    expect(collect(DEMO_USD).result).toBeOk(Cl.uint(100_000));
    pay(null, 10n);
    expect(distribute(null).result).toBeOk(Cl.uint(10));
    expect(releaseTo(null, TREASURY).result).toBeOk(Cl.uint(70_007));
    expect(releaseTo(DEMO_USD, TREASURY).result).toBeOk(Cl.uint(70_000));
  });
});
