// Simnet tests of clarity/contracts/dao/dao-treasury.clar: deposits by anyone, spending in STX and
// SIP-010 only by the DAO (a proposal executed by dao-core, or an enabled extension), exact
// allowances against hostile tokens, and refusals for users, relays and contracts a proposal
// calls in turn.
import { beforeEach, describe, expect, it } from "vitest";
import { Cl } from "@stacks/transactions";
import { DEMO_USD, HOSTILE, HostileMode, client, deployer, mint, setHostileMode, standardSetup, stranger } from "./helpers";
import {
  FORWARDER,
  PROPOSAL,
  TREASURY,
  TREASURY_ERR,
  bootDao,
  demoUsdOf,
  executeProposal,
  expectErrOf,
  expectTreasuryEvents,
  fwd,
  hostileOf,
  stxOf,
} from "./dao.ext-helpers";

const recipient = simnet.getAccounts().get("wallet_4")!;
const treasuryCall = (fn: string, args: Parameters<typeof simnet.callPublicFn>[2], sender = stranger) => simnet.callPublicFn("dao-treasury", fn, args, sender);

/** Fund the treasury with STX (deposit) and demo-usd (a plain transfer). */
function fundTreasury(stx = 1_000_000n, ft = 500_000n) {
  expect(treasuryCall("deposit-stx", [Cl.uint(stx)], client).result).toBeOk(Cl.bool(true));
  if (ft === 0n) return;
  mint(DEMO_USD, client, ft);
  expect(simnet.callPublicFn("mock-sip010", "transfer", [Cl.uint(ft), Cl.principal(client), Cl.principal(TREASURY), Cl.none()], client).result).toBeOk(
    Cl.bool(true),
  );
}

beforeEach(() => standardSetup());

describe("deposits", () => {
  it("deposit-stx: anyone deposits; treasury-deposit {token none, sender, amount}; get-stx-balance follows", () => {
    const before = stxOf(client);
    const r = treasuryCall("deposit-stx", [Cl.uint(12_345)], client);
    expect(r.result).toBeOk(Cl.bool(true));
    expectTreasuryEvents(r, [{ topic: "treasury-deposit", token: Cl.none(), sender: Cl.principal(client), amount: Cl.uint(12_345) }]);
    expect(before - stxOf(client)).toBe(12_345n);
    expect(stxOf(TREASURY)).toBe(12_345n);
    expect(simnet.callReadOnlyFn("dao-treasury", "get-stx-balance", [], stranger).result).toBeUint(12_345);
  });

  it("deposit-stx of zero -> ERR-ZERO-AMOUNT; more than the caller holds -> stx-transfer?'s u1", () => {
    expectErrOf(TREASURY_ERR, treasuryCall("deposit-stx", [Cl.uint(0)], client), "ERR-ZERO-AMOUNT");
    expect(treasuryCall("deposit-stx", [Cl.uint(stxOf(client) + 1n)], client).result).toBeErr(Cl.uint(1));
  });
});

describe("spending", () => {
  it("a DAO proposal pays STX and SIP-010 from the treasury: exact amounts, treasury-transfer events naming the proposal", () => {
    bootDao();
    fundTreasury();
    expect(
      simnet.callPublicFn("dao-ext-proposal", "configure", [Cl.uint(250_000), Cl.uint(100_000), Cl.principal(recipient), Cl.uint(7000)], stranger).result,
    ).toBeOk(Cl.bool(true));
    const stxBefore = stxOf(recipient);
    const r = executeProposal(PROPOSAL);
    expect(r.result).toBeOk(Cl.bool(true));
    expectTreasuryEvents(r, [
      { topic: "treasury-transfer", token: Cl.none(), recipient: Cl.principal(recipient), amount: Cl.uint(250_000), sender: Cl.principal(PROPOSAL) },
      { topic: "treasury-transfer", token: Cl.some(Cl.principal(DEMO_USD)), recipient: Cl.principal(recipient), amount: Cl.uint(100_000), sender: Cl.principal(PROPOSAL) },
    ]);
    expect(stxOf(recipient) - stxBefore).toBe(250_000n);
    expect(stxOf(TREASURY)).toBe(750_000n);
    expect(demoUsdOf(recipient)).toBe(100_000n);
    expect(demoUsdOf(TREASURY)).toBe(400_000n);
    // a proposal runs once, ever
    expect(executeProposal(PROPOSAL).result).toBeErr(Cl.uint(4001));
  });

  it("an enabled extension spends directly (transfer-stx / transfer-ft)", () => {
    bootDao();
    fundTreasury();
    const r = fwd("transfer-stx", [Cl.uint(1), Cl.principal(recipient)]);
    expect(r.result).toBeOk(Cl.bool(true));
    expectTreasuryEvents(r, [{ topic: "treasury-transfer", token: Cl.none(), recipient: Cl.principal(recipient), amount: Cl.uint(1), sender: Cl.principal(FORWARDER) }]);
    expect(fwd("transfer-ft", [Cl.principal(DEMO_USD), Cl.uint(500_000), Cl.principal(recipient)]).result).toBeOk(Cl.bool(true));
    expect(demoUsdOf(TREASURY)).toBe(0n);
  });

  it("spending more than held fails with the asset's own error and moves nothing; zero -> ERR-ZERO-AMOUNT", () => {
    bootDao();
    fundTreasury(100n, 100n);
    expect(fwd("transfer-stx", [Cl.uint(101), Cl.principal(recipient)]).result).toBeErr(Cl.uint(1));
    expect(fwd("transfer-ft", [Cl.principal(DEMO_USD), Cl.uint(101), Cl.principal(recipient)]).result).toBeErr(Cl.uint(1));
    expectErrOf(TREASURY_ERR, fwd("transfer-stx", [Cl.uint(0), Cl.principal(recipient)]), "ERR-ZERO-AMOUNT");
    expectErrOf(TREASURY_ERR, fwd("transfer-ft", [Cl.principal(DEMO_USD), Cl.uint(0), Cl.principal(recipient)]), "ERR-ZERO-AMOUNT");
    expect([stxOf(TREASURY), demoUsdOf(TREASURY)]).toEqual([100n, 100n]);
  });

  it("transfer-ft: as-contract? allowances stop a hostile token from draining the treasury's STX", () => {
    bootDao();
    fundTreasury(1_000n, 0n);
    expect(simnet.callPublicFn("hostile-sip010", "mint", [Cl.uint(50), Cl.principal(TREASURY)], stranger).result).toBeOk(Cl.bool(true));
    setHostileMode(HostileMode.Drain);
    expectErrOf(TREASURY_ERR, fwd("transfer-ft", [Cl.principal(HOSTILE), Cl.uint(50), Cl.principal(recipient)]), "ERR-ASSET-ALLOWANCE-EXCEEDED");
    expect(stxOf(TREASURY)).toBe(1_000n);
    expect(hostileOf(TREASURY)).toBe(50n);
  });
});

describe("authorization", () => {
  it("transfer-stx / transfer-ft refuse users (the deployer included), relays, and disabled extensions: ERR-NOT-AUTHORIZED", () => {
    fundTreasury();
    for (const who of [deployer, client, stranger]) {
      expectErrOf(TREASURY_ERR, treasuryCall("transfer-stx", [Cl.uint(1), Cl.principal(who)], who), "ERR-NOT-AUTHORIZED");
      expectErrOf(TREASURY_ERR, treasuryCall("transfer-ft", [Cl.principal(DEMO_USD), Cl.uint(1), Cl.principal(who)], who), "ERR-NOT-AUTHORIZED");
    }
    // a relay (not an extension): contract-caller is the relay, tx-sender the user
    expectErrOf(TREASURY_ERR, fwd("transfer-stx", [Cl.uint(1), Cl.principal(deployer)], deployer), "ERR-NOT-AUTHORIZED");
    bootDao();
    expect(fwd("set-extension", [Cl.principal(FORWARDER), Cl.bool(false)]).result).toBeOk(Cl.bool(true));
    expectErrOf(TREASURY_ERR, fwd("transfer-ft", [Cl.principal(DEMO_USD), Cl.uint(1), Cl.principal(deployer)], deployer), "ERR-NOT-AUTHORIZED");
    expect([stxOf(TREASURY), demoUsdOf(TREASURY)]).toEqual([1_000_000n, 500_000n]);
  });

  it("callback (extension-trait) answers (ok true) and moves nothing", () => {
    expect(treasuryCall("callback", [Cl.principal(stranger), Cl.bufferFromHex("00")]).result).toBeOk(Cl.bool(true));
  });
});
