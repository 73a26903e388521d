// Helpers of the DAO extension tests (dao.treasury, dao.fee-splitter, dao.work-rewards,
// dao.staking-fee-discount): the DAO is bootstrapped with the test double dao-ext-bootstrap
// (enables dao-treasury, work-rewards and dao-ext-forwarder), and the governed functions are driven
// through dao-ext-forwarder, the tests' stand-in for any enabled extension (proposal-voting).
import { expect } from "vitest";
import { Cl, ClarityType, type ClarityValue, cvToValue } from "@stacks/transactions";
import { DEMO_USD, HOSTILE, declaredErrorsIn, deployer, expectEventsOf, solidityEventsIn, stranger } from "./helpers";

type TxResult = ReturnType<typeof simnet.callPublicFn>;

export const DAO_CORE = `${deployer}.dao-core`;
export const WORX = `${deployer}.dao-token`;
export const TREASURY = `${deployer}.dao-treasury`;
export const SPLITTER = `${deployer}.fee-splitter`;
export const REWARDS = `${deployer}.work-rewards`;
export const STAKING_DISCOUNT = `${deployer}.staking-fee-discount`;
export const FORWARDER = `${deployer}.dao-ext-forwarder`;
export const BOOTSTRAP = `${deployer}.dao-ext-bootstrap`;
export const PROPOSAL = `${deployer}.dao-ext-proposal`;
export const RELAY_PROPOSAL = `${deployer}.dao-ext-relay-proposal`;
export const MULTISIG = `${deployer}.multisig`;

/** 1 WORX in dao-token units (6 decimals). */
export const WORX_UNIT = 1_000_000n;
/** Reward rates are scaled by 10^18. */
export const RATE_ONE = 10n ** 18n;

// ─────────────────────────── errors and events ───────────────────────────

export const TREASURY_ERR = declaredErrorsIn("clarity/contracts/dao/dao-treasury.clar");
export const SPLITTER_ERR = declaredErrorsIn("clarity/contracts/dao/fee-splitter.clar");
export const REWARDS_ERR = declaredErrorsIn("clarity/contracts/dao/work-rewards.clar");
export const DISCOUNT_ERR = declaredErrorsIn("clarity/contracts/dao/staking-fee-discount.clar");

/** Assert `result` is (err <name>) of `table` (the declared constants of one contract). */
export function expectErrOf(table: Record<string, bigint>, result: TxResult, name: string) {
  expect(table[name], `unknown error constant ${name}`).toBeDefined();
  expect(result.result).toBeErr(Cl.uint(table[name]));
}

export const SPLITTER_EVENTS = solidityEventsIn("contracts/interfaces/IFeeSplitter.sol");
export const REWARDS_EVENTS = solidityEventsIn("contracts/interfaces/IWorkRewards.sol");
export const DISCOUNT_EVENTS = solidityEventsIn("contracts/interfaces/IStakingFeeDiscount.sol");
/** The treasury's events are Stacks-only (on EVM the timelock holds the funds): the spec's fields. */
export const TREASURY_EVENTS = {
  "treasury-deposit": ["token", "sender", "amount"],
  "treasury-transfer": ["token", "recipient", "amount", "sender"],
};

export const expectSplitterEvents = (r: TxResult, expected: Parameters<typeof expectEventsOf>[3]) =>
  expectEventsOf(r, SPLITTER, SPLITTER_EVENTS, expected);
export const expectRewardsEvents = (r: TxResult, expected: Parameters<typeof expectEventsOf>[3]) =>
  expectEventsOf(r, REWARDS, REWARDS_EVENTS, expected);
export const expectTreasuryEvents = (r: TxResult, expected: Parameters<typeof expectEventsOf>[3]) =>
  expectEventsOf(r, TREASURY, TREASURY_EVENTS, expected);

// ─────────────────────────── the DAO ───────────────────────────

/** Bootstrap the DAO once (dao-core construct, by the deployer) with the test bootstrap. */
export function bootDao() {
  const r = simnet.callPublicFn("dao-core", "construct", [Cl.principal(BOOTSTRAP)], deployer);
  expect(r.result).toBeOk(Cl.bool(true));
}

/** Call dao-ext-forwarder (an enabled extension after bootDao; a mere relay before). */
export const fwd = (fn: string, args: ClarityValue[], sender = stranger): TxResult => simnet.callPublicFn("dao-ext-forwarder", fn, args, sender);

/** Run a proposal as the DAO: the forwarder (an extension) asks dao-core to execute it. */
export const executeProposal = (proposal: string, sender = stranger) => fwd("execute", [Cl.principal(proposal)], sender);

// ─────────────────────────── chain reads ───────────────────────────

/** Balance of an asset from the simnet's assets map (no contract call, so no cost in the report). */
function asset(key: string, who: string): bigint {
  return simnet.getAssetsMap().get(key)?.get(who) ?? 0n;
}
export const stxOf = (who: string) => asset("STX", who);
export const worxOf = (who: string) => asset(".dao-token.worx", who);
export const demoUsdOf = (who: string) => asset(".mock-sip010.demo-usd", who);
export const hostileOf = (who: string) => asset(".hostile-sip010.hostile", who);
/** Balance in `token` (null = STX, DEMO_USD, HOSTILE). */
export const assetOf = (token: string | null, who: string) =>
  token === null ? stxOf(who) : token === DEMO_USD ? demoUsdOf(who) : token === HOSTILE ? hostileOf(who) : (() => { throw new Error(`unknown token ${token}`); })();

/** A uint read-only call of `contract` as plain bigint. */
export function roUint(contract: string, fn: string, args: ClarityValue[] = []): bigint {
  const r = simnet.callReadOnlyFn(contract, fn, args, stranger).result;
  return BigInt(cvToValue(r.type === ClarityType.ResponseOk ? (r as any).value : r) as any);
}

export const tokenKey = (token: string | null) => (token ? Cl.some(Cl.principal(token)) : Cl.none());

/** fee-splitter state read without contract calls (so invariant checks add no cost rows). */
export function owedOf(payee: string, token: string | null): bigint {
  try {
    const v = simnet.getMapEntry("fee-splitter", "owed", Cl.tuple({ payee: Cl.principal(payee), token: tokenKey(token) }));
    return v.type === ClarityType.OptionalSome ? BigInt(cvToValue(v.value) as any) : 0n;
  } catch {
    return 0n;
  }
}
export function totalOwedOf(token: string | null): bigint {
  try {
    const v = simnet.getMapEntry("fee-splitter", "total-owed", tokenKey(token));
    return v.type === ClarityType.OptionalSome ? BigInt(cvToValue(v.value) as any) : 0n;
  } catch {
    return 0n;
  }
}

/** The fee-splitter's conservation law for `token`: balance >= total owed. */
export function expectSplitterSolvent(token: string | null) {
  expect(assetOf(token, SPLITTER), `splitter balance >= total owed (${token ?? "STX"})`).toBeGreaterThanOrEqual(totalOwedOf(token));
}

/** The uint of an (ok uint) result. */
export const okUint = (r: TxResult): bigint => {
  expect(r.result).toHaveClarityType(ClarityType.ResponseOk);
  return BigInt(cvToValue((r.result as any).value) as any);
};
