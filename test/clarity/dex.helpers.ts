// Helpers of the DEX simnet tests (test/clarity/dex.*.test.ts): the metrics
// oracle, the creator coin template, the factory and the pools
// (clarity/contracts/dex/). `simnet` is the vitest-environment-clarinet global.
import fs from "node:fs";
import path from "node:path";
import { keccak_256 } from "@noble/hashes/sha3.js";
import { expect } from "vitest";
import { Cl, type ClarityValue } from "@stacks/transactions";
import { DEMO_USD, declaredErrorsIn, deployer, nextTxTime, repoRoot } from "./helpers.ts";
import { plainValue } from "../../indexer/src/stacks/plainValue.ts";

type TxResult = ReturnType<typeof simnet.callPublicFn>;

const accounts = simnet.getAccounts();
export { deployer };
export const alice = accounts.get("wallet_1")!;
export const bob = accounts.get("wallet_2")!;
export const carol = accounts.get("wallet_3")!;
export const dave = accounts.get("wallet_4")!; // the creator
export const reporter = accounts.get("wallet_5")!;

export const ORACLE = `${deployer}.metrics-oracle`;
export const FACTORY = `${deployer}.creator-factory`;
export const POOLS = `${deployer}.creator-pool`;
export const TEMPLATE = `${deployer}.creator-coin`;
export const DEX_PROXY = `${deployer}.dex-proxy`;
export const FEE_SPLITTER = `${deployer}.fee-splitter`;
export const BASE = DEMO_USD;

export const COIN_SOURCE = fs.readFileSync(path.join(repoRoot, "clarity/contracts/dex/creator-coin.clar"), "utf8");

export const ORACLE_ERR = declaredErrorsIn("clarity/contracts/dex/metrics-oracle.clar");
export const COIN_ERR = declaredErrorsIn("clarity/contracts/dex/creator-coin.clar");
export const FACTORY_ERR = declaredErrorsIn("clarity/contracts/dex/creator-factory.clar");
export const POOL_ERR = declaredErrorsIn("clarity/contracts/dex/creator-pool.clar");
const ALL_ERR: Record<string, Record<string, bigint>> = { oracle: ORACLE_ERR, coin: COIN_ERR, factory: FACTORY_ERR, pool: POOL_ERR };

/** Assert `result` failed with the named error constant of `contract`. */
export function expectDexErr(result: TxResult | { result: ClarityValue }, contract: "oracle" | "coin" | "factory" | "pool", name: string) {
  const code = ALL_ERR[contract][name];
  expect(code, `unknown ${contract} error ${name}`).toBeDefined();
  expect(result.result).toBeErr(Cl.uint(code));
}

/** creatorId convention: keccak256(utf8("worx:creator:" + handle)). */
export const creatorId = (handle: string) => keccak_256(new TextEncoder().encode(`worx:creator:${handle.toLowerCase()}`));

export const ONE = 1_000_000n; // one whole token (6 decimals)
export const DAY = 86_400n;

// ───────────────────────────── calls ─────────────────────────────

export const oracleCall = (fn: string, args: ClarityValue[], sender: string) => simnet.callPublicFn("metrics-oracle", fn, args, sender);
export const factoryCall = (fn: string, args: ClarityValue[], sender: string) => simnet.callPublicFn("creator-factory", fn, args, sender);
export const poolCall = (fn: string, args: ClarityValue[], sender: string) => simnet.callPublicFn("creator-pool", fn, args, sender);
export const ro = (contract: string, fn: string, args: ClarityValue[] = []) => simnet.callReadOnlyFn(contract, fn, args, deployer).result;
/** A read-only result as plain JS (bigints, strings, objects). */
export const roValue = (contract: string, fn: string, args: ClarityValue[] = []): any => plainValue(ro(contract, fn, args));

/** Print events of `contract` in a result, as plain objects. */
export function dexEvents(result: TxResult, contract: string): Array<Record<string, any>> {
  return result.events
    .filter((e: any) => e.event === "print_event" && e.data.contract_identifier === contract)
    .map((e: any) => plainValue(e.data.value as ClarityValue) as Record<string, any>);
}

/** The stacks-block-time the next transaction runs at. */
export const now = () => nextTxTime();

export function report(
  handle: string,
  creator: string,
  followers: bigint | number,
  nonce: bigint | number,
  o: { observedAt?: bigint; plays?: bigint; engagement?: bigint; by?: string } = {},
): TxResult {
  return oracleCall(
    "report",
    [
      Cl.buffer(creatorId(handle)),
      Cl.principal(creator),
      Cl.uint(o.plays ?? 0n),
      Cl.uint(followers),
      Cl.uint(o.engagement ?? 0n),
      Cl.uint(o.observedAt ?? now() - 1n),
      Cl.uint(nonce),
    ],
    o.by ?? reporter,
  );
}

/** The reporter allowed, the base token set (the deploy script's setup, with the deployer as admin). */
export function dexSetup() {
  expect(oracleCall("set-reporter", [Cl.principal(reporter), Cl.bool(true)], deployer).result).toBeOk(Cl.bool(true));
  expect(factoryCall("set-base-token", [Cl.principal(BASE)], deployer).result).toBeOk(Cl.bool(true));
}

let copies = 0;
/** Deploy a fresh copy of the coin template (or `source`) as `creator`; returns its principal. */
export function deployCoin(creator: string, source = COIN_SOURCE, name = `coin-${++copies}`): string {
  const r = simnet.deployContract(name, source, { clarityVersion: 4 }, creator);
  expect(r.result).toEqual(Cl.bool(true));
  return `${creator}.${name}`;
}

export interface LaunchOptions {
  initialSupply?: bigint;
  releases?: bigint[];
  holderShareBps?: bigint;
  name?: string;
  symbol?: string;
  by?: string;
}

export const launchArgs = (coin: string, handle: string, o: LaunchOptions = {}) => [
  Cl.principal(coin),
  Cl.buffer(creatorId(handle)),
  Cl.stringAscii(o.name ?? "Dave Coin"),
  Cl.stringAscii(o.symbol ?? "DAVE"),
  Cl.uint(o.initialSupply ?? 1_000_000n * ONE),
  Cl.list((o.releases ?? [250_000n * ONE, 250_000n * ONE]).map((a) => Cl.uint(a))),
  Cl.uint(o.holderShareBps ?? 1000n),
];

export const launchCall = (coin: string, handle: string, o: LaunchOptions = {}) => factoryCall("launch", launchArgs(coin, handle, o), o.by ?? dave);

/** Report `handle` (dave by default) past the launch milestone and launch a fresh coin; returns it. */
export function launchedCoin(o: LaunchOptions & { handle?: string; creator?: string } = {}): string {
  const handle = o.handle ?? "dave";
  const creator = o.creator ?? dave;
  const nonce = roValue("metrics-oracle", "get-last-nonce", [Cl.buffer(creatorId(handle))]) as bigint;
  if (!roValue("metrics-oracle", "has-reached-launch", [Cl.buffer(creatorId(handle))])) {
    expect(report(handle, creator, 1_200n, nonce + 1n).result).toBeOk(Cl.uint(1n));
  }
  const coin = deployCoin(creator);
  expect(launchCall(coin, handle, { ...o, by: creator }).result).toBeOk(Cl.principal(coin));
  return coin;
}

/** Zero-protection pool parameters (only the fee). */
export const NO_PROTECTIONS = {
  swapFeeBps: 30n,
  protocolShareBps: 1667n,
  dailyVolumeLimit: 0n,
  cooldown: 0n,
  maxPriceMoveBps: 0n,
  breakerWindow: 0n,
  coolOff: 0n,
  maxPriceImpactBps: 0n,
};
export type Params = typeof NO_PROTECTIONS;
export const paramsCV = (p: Params) =>
  Cl.tuple({
    "swap-fee-bps": Cl.uint(p.swapFeeBps),
    "protocol-share-bps": Cl.uint(p.protocolShareBps),
    "daily-volume-limit": Cl.uint(p.dailyVolumeLimit),
    cooldown: Cl.uint(p.cooldown),
    "max-price-move-bps": Cl.uint(p.maxPriceMoveBps),
    "breaker-window": Cl.uint(p.breakerWindow),
    "cool-off": Cl.uint(p.coolOff),
    "max-price-impact-bps": Cl.uint(p.maxPriceImpactBps),
  });

export const setParams = (coin: string, p: Params, by = deployer) => poolCall("set-params", [Cl.principal(coin), paramsCV(p)], by);

// ───────────────────────────── tokens ─────────────────────────────

export function mintBase(who: string, amount: bigint) {
  expect(simnet.callPublicFn("mock-sip010", "mint", [Cl.uint(amount), Cl.principal(who)], deployer).result).toBeOk(Cl.bool(true));
}

export function baseBalance(who: string): bigint {
  return simnet.getAssetsMap().get(`.mock-sip010.demo-usd`)?.get(who) ?? 0n;
}

export function coinBalance(coin: string, who: string): bigint {
  return plainValue(simnet.callReadOnlyFn(coin, "get-balance", [Cl.principal(who)], deployer).result) as bigint;
}

export function coinTransfer(coin: string, amount: bigint, from: string, to: string): TxResult {
  return simnet.callPublicFn(coin, "transfer", [Cl.uint(amount), Cl.principal(from), Cl.principal(to), Cl.none()], from);
}

// ───────────────────────────── pools ─────────────────────────────

export const FAR = 99_999_999_999n; // a deadline far away

export const addLiquidity = (coin: string, amountCoin: bigint, amountBase: bigint, by: string, o: { minCoin?: bigint; minBase?: bigint; to?: string; deadline?: bigint } = {}) =>
  poolCall(
    "add-liquidity",
    [Cl.principal(coin), Cl.principal(BASE), Cl.uint(amountCoin), Cl.uint(amountBase), Cl.uint(o.minCoin ?? 0n), Cl.uint(o.minBase ?? 0n), Cl.principal(o.to ?? by), Cl.uint(o.deadline ?? FAR)],
    by,
  );

export const removeLiquidity = (coin: string, liquidity: bigint, by: string, o: { minCoin?: bigint; minBase?: bigint; to?: string; deadline?: bigint } = {}) =>
  poolCall(
    "remove-liquidity",
    [Cl.principal(coin), Cl.principal(BASE), Cl.uint(liquidity), Cl.uint(o.minCoin ?? 0n), Cl.uint(o.minBase ?? 0n), Cl.principal(o.to ?? by), Cl.uint(o.deadline ?? FAR)],
    by,
  );

/** Exact-in swap; `buy` = base in (coin out). */
export const swapIn = (coin: string, buy: boolean, amountIn: bigint, by: string, o: { minOut?: bigint; to?: string; deadline?: bigint } = {}) =>
  poolCall(
    "swap-exact-in",
    [Cl.principal(coin), Cl.principal(BASE), Cl.principal(buy ? BASE : coin), Cl.uint(amountIn), Cl.uint(o.minOut ?? 0n), Cl.principal(o.to ?? by), Cl.uint(o.deadline ?? FAR)],
    by,
  );

export const swapOut = (coin: string, buy: boolean, amountOut: bigint, by: string, o: { maxIn?: bigint; to?: string; deadline?: bigint } = {}) =>
  poolCall(
    "swap-exact-out",
    [Cl.principal(coin), Cl.principal(BASE), Cl.principal(buy ? BASE : coin), Cl.uint(amountOut), Cl.uint(o.maxIn ?? 2n ** 127n), Cl.principal(o.to ?? by), Cl.uint(o.deadline ?? FAR)],
    by,
  );

export function poolState(coin: string): Record<string, bigint | string> {
  return roValue("creator-pool", "get-pool", [Cl.principal(coin)]);
}

// ─────────────────────── PoolMath reference model ───────────────────────
// contracts/libraries/PoolMath.sol in TypeScript (bigints: no overflow), the
// model the Clarity pool must equal.

export const BPS = 10_000n;
export const PoolMath = {
  getAmountOut(amountIn: bigint, reserveIn: bigint, reserveOut: bigint, feeBps: bigint): bigint {
    if (amountIn === 0n) throw new Error("ZeroAmount");
    if (reserveIn === 0n || reserveOut === 0n) throw new Error("InsufficientLiquidity");
    const withFee = amountIn * (BPS - feeBps);
    return (withFee * reserveOut) / (reserveIn * BPS + withFee);
  },
  getAmountIn(amountOut: bigint, reserveIn: bigint, reserveOut: bigint, feeBps: bigint): bigint {
    if (amountOut === 0n) throw new Error("ZeroAmount");
    if (reserveIn === 0n || amountOut >= reserveOut) throw new Error("InsufficientLiquidity");
    return (reserveIn * amountOut * BPS) / ((reserveOut - amountOut) * (BPS - feeBps)) + 1n;
  },
  priceImpactBps(amountIn: bigint, reserveIn: bigint, feeBps: bigint): bigint {
    const withFee = amountIn * (BPS - feeBps);
    const d = reserveIn * BPS + withFee;
    return (withFee * BPS + d - 1n) / d;
  },
  protocolFee(amountIn: bigint, feeBps: bigint, shareBps: bigint): bigint {
    return (((amountIn * feeBps) / BPS) * shareBps) / BPS;
  },
  /** The EVM's UQ112x112 spot price (base per coin). */
  spotPrice(reserveBase: bigint, reserveCoin: bigint): bigint {
    return (reserveBase << 112n) / reserveCoin;
  },
  moveExceeds(refPrice: bigint, price: bigint, maxBps: bigint): boolean {
    const delta = price > refPrice ? price - refPrice : refPrice - price;
    return delta * BPS > maxBps * refPrice;
  },
  priceMoveBps(refPrice: bigint, price: bigint): bigint {
    const delta = price > refPrice ? price - refPrice : refPrice - price;
    return (delta * BPS + refPrice - 1n) / refPrice;
  },
  quote(amountA: bigint, reserveA: bigint, reserveB: bigint): bigint {
    return (amountA * reserveB) / reserveA;
  },
};

/** Integer square root (floor), like Clarity's sqrti and OpenZeppelin's Math.sqrt. */
export function isqrt(n: bigint): bigint {
  if (n < 2n) return n;
  let x = n;
  let y = (x + 1n) / 2n;
  while (y < x) {
    x = y;
    y = (x + n / x) / 2n;
  }
  return x;
}
