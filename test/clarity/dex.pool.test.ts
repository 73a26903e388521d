// creator-pool.clar: liquidity (first-depositor protection), swap math
// against the PoolMath.sol reference model, invariants, protections at their
// exact boundaries, the circuit breaker, sandwich refusal, protocol fees,
// governance and contract-caller checks.
import { beforeEach, describe, expect, it } from "vitest";
import { Cl, serializeCV } from "@stacks/transactions";
import { HostileMode, advanceTo, mint, prng, setHostileMode } from "./helpers.ts";
import {
  BASE,
  BPS,
  DAY,
  FAR,
  FEE_SPLITTER,
  NO_PROTECTIONS,
  ONE,
  POOLS,
  PoolMath,
  addLiquidity,
  alice,
  baseBalance,
  bob,
  carol,
  coinBalance,
  coinTransfer,
  dave,
  deployCoin,
  deployer,
  dexEvents,
  dexSetup,
  expectDexErr,
  factoryCall,
  paramsCV,
  isqrt,
  launchCall,
  launchedCoin,
  mintBase,
  now,
  poolCall,
  poolState,
  removeLiquidity,
  report,
  roValue,
  setParams,
  swapIn,
  swapOut,
  type Params,
} from "./dex.helpers.ts";

const MINIMUM_LIQUIDITY = 1000n;
const lpOf = (coin: string, who: string) => roValue("creator-pool", "get-lp-balance", [Cl.principal(coin), Cl.principal(who)]) as bigint;
const reserves = (coin: string) => {
  const s = poolState(coin);
  return { coin: s["reserve-coin"] as bigint, base: s["reserve-base"] as bigint, feesCoin: s["fees-coin"] as bigint, feesBase: s["fees-base"] as bigint, lp: s["lp-supply"] as bigint };
};

/** A launched coin with NO_PROTECTIONS (or `params`), dave's liquidity `coinLiq`/`baseLiq`, and funded traders. */
function pool(params: Params = NO_PROTECTIONS, coinLiq = 500_000n * ONE, baseLiq = 5_000n * ONE): string {
  const coin = launchedCoin({ initialSupply: 2_000_000n * ONE, releases: [] });
  expect(setParams(coin, params).result).toBeOk(Cl.bool(true));
  mintBase(dave, 1_000_000n * ONE);
  for (const who of [alice, bob, carol]) {
    mintBase(who, 1_000_000n * ONE);
    expect(coinTransfer(coin, 200_000n * ONE, dave, who).result).toBeOk(Cl.bool(true));
  }
  if (coinLiq > 0n) expect(addLiquidity(coin, coinLiq, baseLiq, dave).result).toBeOk(expect.anything());
  return coin;
}

describe("creator pool: liquidity", () => {
  beforeEach(() => dexSetup());

  it("mints sqrt(coin * base) - MINIMUM_LIQUIDITY to the first depositor, locks 1000, then deposits at the pool ratio", () => {
    const coin = pool(NO_PROTECTIONS, 0n);
    const r = addLiquidity(coin, 400_000n * ONE, 4_000n * ONE, dave);
    const root = isqrt(400_000n * ONE * 4_000n * ONE);
    expect(r.result).toBeOk(Cl.tuple({ "amount-coin": Cl.uint(400_000n * ONE), "amount-base": Cl.uint(4_000n * ONE), liquidity: Cl.uint(root - MINIMUM_LIQUIDITY) }));
    expect(dexEvents(r, POOLS)).toEqual([
      { topic: "liquidity-added", coin, provider: dave, to: dave, "amount-coin": 400_000n * ONE, "amount-base": 4_000n * ONE, liquidity: root - MINIMUM_LIQUIDITY },
    ]);
    expect(lpOf(coin, dave)).toBe(root - MINIMUM_LIQUIDITY);
    expect(reserves(coin)).toMatchObject({ coin: 400_000n * ONE, base: 4_000n * ONE, lp: root });
    // a later deposit with too much base is taken at the ratio (V2 quote), LP pro rata
    const r2 = addLiquidity(coin, 1_000n * ONE, 50n * ONE, alice, { to: bob });
    const baseOptimal = PoolMath.quote(1_000n * ONE, 400_000n * ONE, 4_000n * ONE);
    const minted = (1_000n * ONE * root) / (400_000n * ONE);
    expect(r2.result).toBeOk(Cl.tuple({ "amount-coin": Cl.uint(1_000n * ONE), "amount-base": Cl.uint(baseOptimal), liquidity: Cl.uint(minted) }));
    expect(lpOf(coin, bob)).toBe(minted);
    expect(lpOf(coin, alice)).toBe(0n);
    // too much coin: the coin side is quoted from the base side
    const r3 = addLiquidity(coin, 10_000n * ONE, 10n * ONE, carol);
    const coinOptimal = PoolMath.quote(10n * ONE, 4_010n * ONE, 401_000n * ONE);
    expect(r3.result).toBeOk(expect.objectContaining({}));
    expect(reserves(coin).coin).toBe(401_000n * ONE + coinOptimal);
  });

  it("refuses a first deposit of sqrt <= 1000, zero amounts, unmet minimums, expired deadlines, unknown pools and wrong base tokens", () => {
    const coin = pool(NO_PROTECTIONS, 0n);
    expectDexErr(addLiquidity(coin, 1000n, 1000n, dave), "pool", "ERR-INSUFFICIENT-LIQUIDITY-MINTED");
    expect(addLiquidity(coin, 1001n, 1001n, dave).result).toBeOk(Cl.tuple({ "amount-coin": Cl.uint(1001), "amount-base": Cl.uint(1001), liquidity: Cl.uint(1) }));
    expectDexErr(addLiquidity(coin, 0n, 5n, dave), "pool", "ERR-ZERO-AMOUNT");
    expectDexErr(addLiquidity(coin, 100n, 200n, dave, { minBase: 101n }), "pool", "ERR-INSUFFICIENT-BASE-AMOUNT");
    expectDexErr(addLiquidity(coin, 200n, 100n, dave, { minCoin: 101n }), "pool", "ERR-INSUFFICIENT-COIN-AMOUNT");
    expectDexErr(addLiquidity(coin, 100n, 100n, dave, { deadline: now() - 1n }), "pool", "ERR-EXPIRED");
    expect(addLiquidity(coin, 100n, 100n, dave, { deadline: now() }).result).toBeOk(expect.anything()); // deadline inclusive
    expectDexErr(addLiquidity(coin, 10n ** 17n + 1n, 100n, dave), "pool", "ERR-RESERVE-OVERFLOW");
    const stray = deployCoin(alice);
    expectDexErr(addLiquidity(stray, 100n, 100n, alice), "pool", "ERR-UNKNOWN-POOL");
    expectDexErr(
      poolCall("add-liquidity", [Cl.principal(coin), Cl.principal(`${deployer}.hostile-sip010`), Cl.uint(100), Cl.uint(100), Cl.uint(0), Cl.uint(0), Cl.principal(dave), Cl.uint(FAR)], dave),
      "pool",
      "ERR-INVALID-TOKEN",
    );
  });

  it("lets only the coin's creator make the first deposit (a holder cannot seed an absurd ratio); then anyone deposits at the creator's ratio", () => {
    const coin = pool(NO_PROTECTIONS, 0n);
    expect(roValue("creator-pool", "get-pool-creator", [Cl.principal(coin)])).toBe(dave);
    // the griefing deposit (1 coin unit : 1.002 base) by a holder is refused, whoever receives the LP
    expectDexErr(addLiquidity(coin, 1n, 1_002_001n, alice), "pool", "ERR-FIRST-DEPOSIT-NOT-CREATOR");
    expectDexErr(addLiquidity(coin, 500_000n * ONE, 5_000n * ONE, alice, { to: dave }), "pool", "ERR-FIRST-DEPOSIT-NOT-CREATOR");
    expect(reserves(coin)).toMatchObject({ coin: 0n, base: 0n, lp: 0n });
    // the creator's intended deposit passes its minimums and sets the price
    const r = addLiquidity(coin, 400_000n * ONE, 4_000n * ONE, dave, { minCoin: 300_000n * ONE, minBase: 3_000n * ONE });
    expect(r.result).toBeOk(expect.anything());
    // from then on anyone deposits, at the creator's ratio (100 coins per base token)
    const supply = reserves(coin).lp;
    const r2 = addLiquidity(coin, 1_000n * ONE, 1_000n * ONE, alice);
    expect(r2.result).toBeOk(Cl.tuple({ "amount-coin": Cl.uint(1_000n * ONE), "amount-base": Cl.uint(10n * ONE), liquidity: Cl.uint((1_000n * ONE * supply) / (400_000n * ONE)) }));
  });

  it("ignores donations: the first-depositor inflation attack leaves later depositors their share", () => {
    const coin = pool(NO_PROTECTIONS, 0n);
    // only the creator can deposit first: as the would-be attacker it deposits the minimum, then
    // donates a fortune straight to the pool contract
    expect(addLiquidity(coin, 1001n, 1001n, dave).result).toBeOk(expect.anything());
    expect(simnet.callPublicFn("mock-sip010", "transfer", [Cl.uint(100_000n * ONE), Cl.principal(dave), Cl.principal(POOLS), Cl.none()], dave).result).toBeOk(Cl.bool(true));
    expect(coinTransfer(coin, 100_000n * ONE, dave, POOLS).result).toBeOk(Cl.bool(true));
    expect(reserves(coin)).toMatchObject({ coin: 1001n, base: 1001n });
    // the victim deposits at the (undistorted) ratio and gets its full share
    const r = addLiquidity(coin, 10_000n * ONE, 10_000n * ONE, bob);
    expect(r.result).toBeOk(expect.anything());
    const minted = lpOf(coin, bob);
    expect(minted).toBe((10_000n * ONE * 1001n) / 1001n);
    // and takes out what it put in, less rounding (the donation stays stranded)
    const r2 = reserves(coin);
    const out = removeLiquidity(coin, minted, bob);
    expect(out.result).toBeOk(Cl.tuple({ "amount-coin": Cl.uint((minted * r2.coin) / r2.lp), "amount-base": Cl.uint((minted * r2.base) / r2.lp) }));
    expect((minted * r2.base) / r2.lp >= 10_000n * ONE - 1n).toBe(true);
  });

  it("removes liquidity pro rata (rounded down) with minimums, deadline and balance checks; MINIMUM_LIQUIDITY stays", () => {
    const coin = pool();
    const lp = lpOf(coin, dave);
    const before = reserves(coin);
    const half = lp / 2n;
    const expCoin = (half * before.coin) / before.lp;
    const expBase = (half * before.base) / before.lp;
    expectDexErr(removeLiquidity(coin, half, dave, { minCoin: expCoin + 1n }), "pool", "ERR-INSUFFICIENT-COIN-AMOUNT");
    expectDexErr(removeLiquidity(coin, half, dave, { minBase: expBase + 1n }), "pool", "ERR-INSUFFICIENT-BASE-AMOUNT");
    expectDexErr(removeLiquidity(coin, half, dave, { deadline: now() - 1n }), "pool", "ERR-EXPIRED");
    expectDexErr(removeLiquidity(coin, 0n, dave), "pool", "ERR-ZERO-AMOUNT");
    expectDexErr(removeLiquidity(coin, 1n, alice), "pool", "ERR-INSUFFICIENT-LP-BALANCE");
    expectDexErr(removeLiquidity(coin, 1n, dave), "pool", "ERR-INSUFFICIENT-LIQUIDITY-BURNED"); // pays 0 base
    const coinBefore = coinBalance(coin, carol);
    const r = removeLiquidity(coin, half, dave, { minCoin: expCoin, minBase: expBase, to: carol });
    expect(r.result).toBeOk(Cl.tuple({ "amount-coin": Cl.uint(expCoin), "amount-base": Cl.uint(expBase) }));
    expect(dexEvents(r, POOLS)).toEqual([{ topic: "liquidity-removed", coin, provider: dave, to: carol, "amount-coin": expCoin, "amount-base": expBase, liquidity: half }]);
    expect(coinBalance(coin, carol)).toBe(coinBefore + expCoin);
    // everything removable: the locked minimum keeps both reserves above zero
    expect(removeLiquidity(coin, lpOf(coin, dave), dave).result).toBeOk(expect.anything());
    const after = reserves(coin);
    expect(after.lp).toBe(MINIMUM_LIQUIDITY);
    expect(after.coin > 0n && after.base > 0n).toBe(true);
  });
});

describe("creator pool: swap math against PoolMath.sol", () => {
  beforeEach(() => dexSetup());

  // Random exact-in and exact-out trades, each checked against the reference
  // model from the model's own reserves: output/input, protocol fee, the new
  // reserves and accrued fees, the quotes; k never decreases; the pool's
  // token balances cover reserves + accrued fees exactly (donations aside).
  for (const seed of [11, 12, 13, 14, 15]) {
    it(`equals the reference model trade by trade, k never decreases (seed ${seed})`, () => {
      const rand = prng(seed);
      const fee = BigInt(rand.pick([0, 5, 30, 100, 1000]));
      const share = BigInt(rand.pick([0, 1667, 5000, 10_000]));
      const coin = pool({ ...NO_PROTECTIONS, swapFeeBps: fee, protocolShareBps: share }, rand.bigint(1_000n * ONE, 400_000n * ONE), rand.bigint(100n * ONE, 50_000n * ONE));
      let m = reserves(coin);
      for (let i = 0; i < 25; i++) {
        const trader = rand.pick([alice, bob, carol]);
        const buy = rand.next() < 0.5;
        const exactIn = rand.next() < 0.6;
        const rIn = buy ? m.base : m.coin;
        const rOut = buy ? m.coin : m.base;
        let amountIn: bigint;
        let amountOut: bigint;
        if (exactIn) {
          amountIn = rand.bigint(1n, rIn / BigInt(rand.pick([2, 10, 1000, 100000])) + 1n);
          amountOut = PoolMath.getAmountOut(amountIn, rIn, rOut, fee);
          expect(roValue("creator-pool", "get-amount-out", [Cl.principal(coin), Cl.principal(buy ? BASE : coin), Cl.uint(amountIn)])).toBe(amountOut);
          const r = swapIn(coin, buy, amountIn, trader, { minOut: amountOut });
          if (amountOut === 0n) {
            expectDexErr(r, "pool", "ERR-INSUFFICIENT-OUTPUT");
            continue;
          }
          expect(r.result).toBeOk(Cl.uint(amountOut));
        } else {
          amountOut = rand.bigint(1n, rOut / BigInt(rand.pick([2, 10, 1000])) + 1n);
          if (amountOut >= rOut) continue;
          amountIn = PoolMath.getAmountIn(amountOut, rIn, rOut, fee);
          expect(roValue("creator-pool", "get-amount-in", [Cl.principal(coin), Cl.principal(buy ? BASE : coin), Cl.uint(amountOut)])).toBe(amountIn);
          expectDexErr(swapOut(coin, buy, amountOut, trader, { maxIn: amountIn - 1n }), "pool", "ERR-EXCESSIVE-INPUT");
          const r = swapOut(coin, buy, amountOut, trader, { maxIn: amountIn });
          expect(r.result).toBeOk(Cl.uint(amountIn));
          // exact-out pays at least what exact-in with that input would
          expect(PoolMath.getAmountOut(amountIn, rIn, rOut, fee) >= amountOut).toBe(true);
        }
        const protocolFee = PoolMath.protocolFee(amountIn, fee, share);
        const next = {
          coin: buy ? m.coin - amountOut : m.coin + amountIn - protocolFee,
          base: buy ? m.base + amountIn - protocolFee : m.base - amountOut,
          feesCoin: m.feesCoin + (buy ? 0n : protocolFee),
          feesBase: m.feesBase + (buy ? protocolFee : 0n),
          lp: m.lp,
        };
        const actual = reserves(coin);
        expect(actual).toEqual(next);
        expect(actual.coin * actual.base >= m.coin * m.base, "k never decreases").toBe(true);
        expect(coinBalance(coin, POOLS)).toBe(actual.coin + actual.feesCoin);
        expect(baseBalance(POOLS)).toBe(actual.base + actual.feesBase);
        m = actual;
      }
    });
  }

  it("prints swapped with the reserves after, and refuses zero amounts, tokens not of the pool and expired deadlines", () => {
    const coin = pool();
    const m = reserves(coin);
    const out = PoolMath.getAmountOut(10n * ONE, m.base, m.coin, 30n);
    const fee = PoolMath.protocolFee(10n * ONE, 30n, 1667n);
    const r = swapIn(coin, true, 10n * ONE, alice, { to: bob });
    expect(r.result).toBeOk(Cl.uint(out));
    expect(dexEvents(r, POOLS)).toEqual([
      { topic: "swapped", coin, trader: alice, to: bob, "token-in": BASE, "amount-in": 10n * ONE, "amount-out": out, "protocol-fee": fee, "reserve-coin": m.coin - out, "reserve-base": m.base + 10n * ONE - fee },
    ]);
    expectDexErr(swapIn(coin, true, 0n, alice), "pool", "ERR-ZERO-AMOUNT");
    expectDexErr(swapOut(coin, true, 0n, alice), "pool", "ERR-ZERO-AMOUNT");
    expectDexErr(swapOut(coin, true, reserves(coin).coin, alice), "pool", "ERR-INSUFFICIENT-LIQUIDITY");
    expectDexErr(swapIn(coin, true, 10n, alice, { deadline: now() - 1n }), "pool", "ERR-EXPIRED");
    expectDexErr(
      poolCall("swap-exact-in", [Cl.principal(coin), Cl.principal(BASE), Cl.principal(`${deployer}.hostile-sip010`), Cl.uint(10), Cl.uint(0), Cl.principal(alice), Cl.uint(FAR)], alice),
      "pool",
      "ERR-INVALID-TOKEN",
    );
    expectDexErr(swapIn(coin, true, 10n ** 17n + 1n, alice), "pool", "ERR-RESERVE-OVERFLOW");
    // an empty pool
    const empty = launchedCoin({ handle: "carol", creator: carol, releases: [] });
    expectDexErr(swapIn(empty, true, 10n, alice), "pool", "ERR-INSUFFICIENT-LIQUIDITY");
  });

  it("refuses a sandwich: the victim's min-out (and max-in) fails after a front-run", () => {
    const coin = pool({ ...NO_PROTECTIONS });
    const m = reserves(coin);
    const quoted = PoolMath.getAmountOut(500n * ONE, m.base, m.coin, 30n);
    const minOut = (quoted * 9950n) / 10_000n; // 0.5% slippage tolerance
    const wantOut = 40_000n * ONE;
    const maxIn = (PoolMath.getAmountIn(wantOut, m.base, m.coin, 30n) * 10_050n) / 10_000n;
    // front-run: the attacker buys first
    expect(swapIn(coin, true, 2_000n * ONE, carol).result).toBeOk(expect.anything());
    const victimBase = baseBalance(alice);
    expectDexErr(swapIn(coin, true, 500n * ONE, alice, { minOut }), "pool", "ERR-INSUFFICIENT-OUTPUT");
    expectDexErr(swapOut(coin, true, wantOut, alice, { maxIn }), "pool", "ERR-EXCESSIVE-INPUT");
    expect(baseBalance(alice)).toBe(victimBase);
    // the attacker's back-run sells at a loss (fees), nothing gained from the victim
    const bought = coinBalance(coin, carol) - 200_000n * ONE;
    const carolBase = baseBalance(carol);
    expect(swapIn(coin, false, bought, carol).result).toBeOk(expect.anything());
    expect(baseBalance(carol) < carolBase + 2_000n * ONE).toBe(true);
  });

  it("refuses fee-on-transfer base tokens by balance delta", () => {
    // a fresh deployment whose base token takes a fee on transfer
    simnet.callPublicFn("creator-factory", "set-base-token", [Cl.principal(`${deployer}.hostile-sip010`)], deployer);
    const coin = launchedCoin({ releases: [] });
    const hostile = `${deployer}.hostile-sip010`;
    mint(hostile, dave, 1_000_000n * ONE);
    setHostileMode(HostileMode.Fee);
    expectDexErr(
      poolCall("add-liquidity", [Cl.principal(coin), Cl.principal(hostile), Cl.uint(1_000n * ONE), Cl.uint(1_000n * ONE), Cl.uint(0), Cl.uint(0), Cl.principal(dave), Cl.uint(FAR)], dave),
      "pool",
      "ERR-TRANSFER-AMOUNT-MISMATCH",
    );
    // revenue deposits too
    expectDexErr(simnet.callPublicFn(coin, "deposit-revenue", [Cl.principal(hostile), Cl.uint(1_000n * ONE)], dave), "coin", "ERR-INVALID-DEPOSIT");
  });
});

describe("creator pool: protections at their exact boundaries", () => {
  beforeEach(() => dexSetup());

  it("daily volume limit: a swap reaching it exactly passes, one unit more is refused, the next UTC day resets", () => {
    const limit = 1_000n * ONE;
    const coin = pool({ ...NO_PROTECTIONS, dailyVolumeLimit: limit });
    // start right after a UTC midnight so the day cannot change mid-test
    advanceTo(((now() / DAY) + 1n) * DAY + 20n);
    expect(swapIn(coin, true, 600n * ONE, alice).result).toBeOk(expect.anything());
    expectDexErr(swapIn(coin, true, 400n * ONE + 1n, alice), "pool", "ERR-DAILY-LIMIT-EXCEEDED");
    expect(swapIn(coin, true, 400n * ONE, alice).result).toBeOk(expect.anything());
    expect(roValue("creator-pool", "get-protection-of", [Cl.principal(coin), Cl.principal(alice)])).toMatchObject({ day: now() / DAY, volume: limit });
    // a sell counts its base output
    expectDexErr(swapIn(coin, false, 1_000n, alice), "pool", "ERR-DAILY-LIMIT-EXCEEDED");
    // another address has its own limit
    expect(swapIn(coin, true, limit, bob).result).toBeOk(expect.anything());
    // next UTC day
    advanceTo(((now() / DAY) + 1n) * DAY);
    expect(swapIn(coin, true, limit, alice).result).toBeOk(expect.anything());
  });

  it("cooldown: refused until exactly last-trade-at + cooldown", () => {
    const coin = pool({ ...NO_PROTECTIONS, cooldown: 30n });
    const t = now();
    expect(swapIn(coin, true, 10n * ONE, alice).result).toBeOk(expect.anything());
    expect(roValue("creator-pool", "get-protection-of", [Cl.principal(coin), Cl.principal(alice)])).toMatchObject({ "last-trade-at": t });
    // each simnet transaction runs 10 s after the previous one
    expect(swapIn(coin, true, 10n * ONE, bob).result).toBeOk(expect.anything()); // per address (t + 10)
    expect(now()).toBe(t + 20n);
    expectDexErr(swapIn(coin, true, 10n * ONE, alice), "pool", "ERR-COOLDOWN-ACTIVE");
    expect(now()).toBe(t + 30n);
    expect(swapIn(coin, true, 10n * ONE, alice).result).toBeOk(expect.anything());
  });

  it("price impact cap: the largest trade at the cap passes, one unit more is refused", () => {
    const cap = 100n; // 1%
    const coin = pool({ ...NO_PROTECTIONS, maxPriceImpactBps: cap });
    const m = reserves(coin);
    // largest amount-in whose (rounded-up) impact is within the cap
    let lo = 1n;
    let hi = m.base;
    while (lo < hi) {
      const mid = (lo + hi + 1n) / 2n;
      if (PoolMath.priceImpactBps(mid, m.base, 30n) <= cap) lo = mid;
      else hi = mid - 1n;
    }
    expect(roValue("creator-pool", "get-price-impact-bps", [Cl.principal(coin), Cl.principal(BASE), Cl.uint(lo)])).toBe(cap);
    expectDexErr(swapIn(coin, true, lo + 1n, alice), "pool", "ERR-PRICE-IMPACT-TOO-HIGH");
    expect(swapIn(coin, true, lo, alice).result).toBeOk(expect.anything());
  });

  const BREAKER = { ...NO_PROTECTIONS, maxPriceMoveBps: 2500n, breakerWindow: 3600n, coolOff: 3600n };

  /** Largest buy (base in) keeping the price move from the reference within `bound` (exact ratios). */
  function largestBuyWithin(m: { coin: bigint; base: bigint }, ref: { coin: bigint; base: bigint }, bound: bigint, fee = 30n, share = 1667n): bigint {
    const within = (amountIn: bigint) => {
      const out = PoolMath.getAmountOut(amountIn, m.base, m.coin, fee);
      const nc = m.coin - out;
      const nb = m.base + amountIn - PoolMath.protocolFee(amountIn, fee, share);
      const delta = nb * ref.coin - ref.base * nc;
      return (delta < 0n ? -delta : delta) * BPS <= bound * ref.base * nc;
    };
    let lo = 1n;
    let hi = m.base;
    while (lo < hi) {
      const mid = (lo + hi + 1n) / 2n;
      if (within(mid)) lo = mid;
      else hi = mid - 1n;
    }
    return lo;
  }

  it("circuit breaker: a move within the bound passes; the crossing swap executes and trips a halt; swaps fail until it ends; a new window opens after", () => {
    const coin = pool(BREAKER);
    const m0 = reserves(coin);
    // the first swap opens the window at the price before it
    const first = swapIn(coin, true, 10n * ONE, alice);
    expect(first.result).toBeOk(expect.anything());
    const opened = dexEvents(first, POOLS).find((e) => e.topic === "breaker-window-opened")!;
    expect(opened).toMatchObject({ "ref-coin": m0.coin, "ref-base": m0.base });
    const windowStart = opened["window-start"] as bigint;
    // up to the bound: no trip (also agrees with the EVM's UQ112x112 comparison)
    const m1 = reserves(coin);
    const max = largestBuyWithin(m1, m0, 2500n);
    const r = swapIn(coin, true, max, bob);
    expect(r.result).toBeOk(expect.anything());
    expect(dexEvents(r, POOLS).map((e) => e.topic)).toEqual(["swapped"]);
    const m2 = reserves(coin);
    expect(PoolMath.moveExceeds(PoolMath.spotPrice(m0.base, m0.coin), PoolMath.spotPrice(m2.base, m2.coin), 2500n)).toBe(false);
    // one more small buy crosses it: executes, trips
    const out = PoolMath.getAmountOut(ONE, m2.base, m2.coin, 30n);
    const tripAt = now();
    const trip = swapIn(coin, true, ONE, carol);
    expect(trip.result).toBeOk(Cl.uint(out));
    const tripped = dexEvents(trip, POOLS).find((e) => e.topic === "circuit-breaker-tripped")!;
    const m3 = reserves(coin);
    expect(tripped).toMatchObject({ coin, "ref-coin": m0.coin, "ref-base": m0.base, "reserve-coin": m3.coin, "reserve-base": m3.base, "halted-until": tripAt + 3600n });
    // move-bps as the EVM computes it (rounded up), within rounding of the UQ112x112 version
    const evmMove = PoolMath.priceMoveBps(PoolMath.spotPrice(m0.base, m0.coin), PoolMath.spotPrice(m3.base, m3.coin));
    expect(tripped["move-bps"]).toBe(evmMove);
    expect(PoolMath.moveExceeds(PoolMath.spotPrice(m0.base, m0.coin), PoolMath.spotPrice(m3.base, m3.coin), 2500n)).toBe(true);
    expect(roValue("creator-pool", "get-halted-until", [Cl.principal(coin)])).toBe(tripAt + 3600n);
    expect(roValue("creator-pool", "get-breaker-state", [Cl.principal(coin)])).toMatchObject({ "window-start": 0n });
    expect(windowStart).toBeGreaterThan(0n);
    // halted: every swap fails, both ways; liquidity still moves
    expectDexErr(swapIn(coin, false, ONE, alice), "pool", "ERR-POOL-HALTED");
    expectDexErr(swapOut(coin, true, ONE, alice), "pool", "ERR-POOL-HALTED");
    expect(addLiquidity(coin, 1_000n * ONE, 1_000n * ONE, alice).result).toBeOk(expect.anything());
    expect(removeLiquidity(coin, lpOf(coin, alice), alice).result).toBeOk(expect.anything());
    advanceTo(tripAt + 3590n);
    expectDexErr(swapIn(coin, false, ONE, alice), "pool", "ERR-POOL-HALTED");
    // auto-resume exactly at halted-until; the swap opens a new window at the then price
    advanceTo(tripAt + 3600n);
    expect(now()).toBe(tripAt + 3600n);
    const m4 = reserves(coin);
    const resumed = swapIn(coin, false, ONE, alice);
    expect(resumed.result).toBeOk(expect.anything());
    expect(dexEvents(resumed, POOLS).find((e) => e.topic === "breaker-window-opened")).toMatchObject({ "window-start": tripAt + 3600n, "ref-coin": m4.coin, "ref-base": m4.base });
  });

  it("circuit breaker: the reference resets when the window ends; the admin resumes early or halts", () => {
    const coin = pool(BREAKER);
    const m0 = reserves(coin);
    const t = now();
    expect(swapIn(coin, true, 10n * ONE, alice).result).toBeOk(expect.anything());
    // move close to the bound within the window
    const max = largestBuyWithin(reserves(coin), m0, 2500n);
    expect(swapIn(coin, true, max, bob).result).toBeOk(expect.anything());
    // after the window, the same step again is measured from a new reference: no trip
    advanceTo(t + 3600n);
    const m1 = reserves(coin);
    const r = swapIn(coin, true, ONE, carol);
    expect(dexEvents(r, POOLS).map((e) => e.topic)).toEqual(["breaker-window-opened", "swapped"]);
    expect(roValue("creator-pool", "get-breaker-state", [Cl.principal(coin)])).toMatchObject({ "ref-coin": m1.coin, "ref-base": m1.base });
    // trip it, then the admin resumes early
    const max2 = largestBuyWithin(reserves(coin), m1, 2500n);
    expect(swapIn(coin, true, max2 + 10n * ONE, alice).result).toBeOk(expect.anything());
    expect(roValue("creator-pool", "get-halted-until", [Cl.principal(coin)]) as bigint).toBeGreaterThan(now());
    expectDexErr(swapIn(coin, false, ONE, bob), "pool", "ERR-POOL-HALTED");
    expectDexErr(poolCall("resume", [Cl.principal(coin)], alice), "pool", "ERR-NOT-AUTHORIZED");
    const res = poolCall("resume", [Cl.principal(coin)], deployer);
    expect(res.result).toBeOk(Cl.bool(true));
    expect(dexEvents(res, POOLS)).toEqual([{ topic: "resumed", coin, by: deployer }]);
    expect(swapIn(coin, false, ONE, bob).result).toBeOk(expect.anything());
    // admin halt: cool-off seconds; with cool-off 0 (breaker off) until resume
    const h = poolCall("halt", [Cl.principal(coin)], deployer);
    expect(h.result).toBeOk(Cl.uint(now() - 10n + 3600n));
    expectDexErr(swapIn(coin, false, ONE, carol), "pool", "ERR-POOL-HALTED");
    expect(setParams(coin, NO_PROTECTIONS).result).toBeOk(Cl.bool(true));
    const forever = poolCall("halt", [Cl.principal(coin)], deployer);
    expect(forever.result).toBeOk(Cl.uint(1_099_511_627_775n));
    expect(dexEvents(forever, POOLS)).toEqual([{ topic: "halted", coin, by: deployer, until: 1_099_511_627_775n }]);
    advanceTo(now() + 10n * DAY);
    expectDexErr(swapIn(coin, false, ONE, carol), "pool", "ERR-POOL-HALTED");
    expect(poolCall("resume", [Cl.principal(coin)], deployer).result).toBeOk(Cl.bool(true));
    expect(swapIn(coin, false, ONE, carol).result).toBeOk(expect.anything());
  });

  it("validates parameters like PoolMath.paramsValid", () => {
    const coin = pool();
    for (const bad of [
      { swapFeeBps: 1001n },
      { protocolShareBps: 10_001n },
      { maxPriceImpactBps: 10_001n },
      { maxPriceMoveBps: 100n, breakerWindow: 0n, coolOff: 60n },
      { maxPriceMoveBps: 100n, breakerWindow: 60n, coolOff: 0n },
      { maxPriceMoveBps: 65_536n, breakerWindow: 60n, coolOff: 60n },
      { cooldown: 2n ** 32n },
    ]) {
      expectDexErr(setParams(coin, { ...NO_PROTECTIONS, ...bad }), "pool", "ERR-INVALID-PARAMS");
    }
    const ok = setParams(coin, { ...NO_PROTECTIONS, swapFeeBps: 1000n, protocolShareBps: 10_000n, maxPriceImpactBps: 10_000n, maxPriceMoveBps: 65_535n, breakerWindow: 1n, coolOff: 1n });
    expect(ok.result).toBeOk(Cl.bool(true));
    expect(dexEvents(ok, POOLS)[0]).toMatchObject({ topic: "params-updated", coin });
    expectDexErr(setParams(coin, NO_PROTECTIONS, alice), "pool", "ERR-NOT-AUTHORIZED");
    expectDexErr(setParams(`${deployer}.creator-coin`, NO_PROTECTIONS), "pool", "ERR-UNKNOWN-POOL");
  });
});

describe("creator pool: protocol fees, governance, callers", () => {
  beforeEach(() => dexSetup());

  it("accrues the protocol share and pays it to the fee splitter, where it is income to split", () => {
    const coin = pool();
    let feesBase = 0n;
    let feesCoin = 0n;
    for (const [who, buy, amount] of [[alice, true, 100n * ONE], [bob, false, 5_000n * ONE], [carol, true, 33n * ONE]] as const) {
      feesBase += buy ? PoolMath.protocolFee(amount, 30n, 1667n) : 0n;
      feesCoin += buy ? 0n : PoolMath.protocolFee(amount, 30n, 1667n);
      expect(swapIn(coin, buy, amount, who).result).toBeOk(expect.anything());
    }
    expect(roValue("creator-pool", "get-protocol-fees-accrued", [Cl.principal(coin)])).toEqual({ "amount-coin": feesCoin, "amount-base": feesBase });
    const r = poolCall("collect-protocol-fees", [Cl.principal(coin), Cl.principal(BASE)], bob);
    expect(r.result).toBeOk(Cl.tuple({ "amount-coin": Cl.uint(feesCoin), "amount-base": Cl.uint(feesBase) }));
    expect(dexEvents(r, POOLS)).toEqual([{ topic: "protocol-fees-collected", coin, recipient: FEE_SPLITTER, "amount-coin": feesCoin, "amount-base": feesBase }]);
    expect(baseBalance(FEE_SPLITTER)).toBe(feesBase);
    expect(coinBalance(coin, FEE_SPLITTER)).toBe(feesCoin);
    expect(roValue("creator-pool", "get-protocol-fees-accrued", [Cl.principal(coin)])).toEqual({ "amount-coin": 0n, "amount-base": 0n });
    // the fee splitter splits what arrived as income
    expect(simnet.callPublicFn("fee-splitter", "distribute-ft", [Cl.principal(BASE)], bob).result).toBeOk(Cl.uint(feesBase));
    // nothing accrued: collects zeros
    expect(poolCall("collect-protocol-fees", [Cl.principal(coin), Cl.principal(BASE)], bob).result).toBeOk(Cl.tuple({ "amount-coin": Cl.uint(0), "amount-base": Cl.uint(0) }));
    // the admin moves the pool's fee recipient
    expectDexErr(poolCall("set-fee-recipient", [Cl.principal(coin), Cl.principal(carol)], carol), "pool", "ERR-NOT-AUTHORIZED");
    expectDexErr(poolCall("set-fee-recipient", [Cl.principal(coin), Cl.principal(POOLS)], deployer), "pool", "ERR-INVALID-PRINCIPAL");
    expect(poolCall("set-fee-recipient", [Cl.principal(coin), Cl.principal(carol)], deployer).result).toBeOk(Cl.bool(true));
    expect(swapIn(coin, true, 100n * ONE, alice).result).toBeOk(expect.anything());
    const before = baseBalance(carol);
    expect(poolCall("collect-protocol-fees", [Cl.principal(coin), Cl.principal(BASE)], bob).result).toBeOk(expect.anything());
    expect(baseBalance(carol)).toBe(before + PoolMath.protocolFee(100n * ONE, 30n, 1667n));
  });

  it("refuses relayed admin calls and pools registered by anyone but the factory; a relayed swap pulls from the relay, never the user", () => {
    const coin = pool();
    expectDexErr(simnet.callPublicFn("dex-proxy", "pool-halt", [Cl.principal(coin)], deployer), "pool", "ERR-NOT-AUTHORIZED");
    expectDexErr(simnet.callPublicFn("dex-proxy", "pool-set-admin", [Cl.principal(alice)], deployer), "pool", "ERR-NOT-AUTHORIZED");
    expectDexErr(
      poolCall("register-pool", [Cl.principal(`${deployer}.creator-coin`), Cl.principal(BASE), Cl.principal(deployer), Cl.principal(FEE_SPLITTER), Cl.tuple({
        "swap-fee-bps": Cl.uint(30), "protocol-share-bps": Cl.uint(0), "daily-volume-limit": Cl.uint(0), cooldown: Cl.uint(0),
        "max-price-move-bps": Cl.uint(0), "breaker-window": Cl.uint(0), "cool-off": Cl.uint(0), "max-price-impact-bps": Cl.uint(0),
      })], deployer),
      "pool",
      "ERR-NOT-FACTORY",
    );
    const aliceBase = baseBalance(alice);
    expectDexErr(simnet.callPublicFn("dex-proxy", "pool-swap", [Cl.principal(coin), Cl.principal(BASE), Cl.uint(10n * ONE)], alice), "pool", "ERR-TRANSFER-FAILED");
    expect(baseBalance(alice)).toBe(aliceBase);
  });

  it("administers through execute (the multisig's call payloads) and hands the admin over", () => {
    const coin = pool();
    const op = Cl.buffer(new Uint8Array(32));
    const payload = (v: any) => Cl.buffer(Buffer.from(serializeCV(v), "hex"));
    const halt = payload(Cl.tuple({ action: Cl.stringAscii("halt"), args: Cl.tuple({ coin: Cl.principal(coin) }) }));
    expectDexErr(poolCall("execute", [op, halt], alice), "pool", "ERR-NOT-AUTHORIZED");
    expect(poolCall("execute", [op, halt], deployer).result).toBeOk(Cl.bool(true));
    expectDexErr(swapIn(coin, true, ONE, alice), "pool", "ERR-POOL-HALTED");
    expect(poolCall("execute", [op, payload(Cl.tuple({ action: Cl.stringAscii("resume"), args: Cl.tuple({ coin: Cl.principal(coin) }) }))], deployer).result).toBeOk(Cl.bool(true));
    expect(poolCall("execute", [op, payload(Cl.tuple({ action: Cl.stringAscii("set-params"), args: Cl.tuple({ coin: Cl.principal(coin), params: paramsCV({ ...NO_PROTECTIONS, cooldown: 7n }) }) }))], deployer).result).toBeOk(Cl.bool(true));
    expect(roValue("creator-pool", "get-params", [Cl.principal(coin)])).toMatchObject({ cooldown: 7n });
    expect(poolCall("execute", [op, payload(Cl.tuple({ action: Cl.stringAscii("set-fee-recipient"), args: Cl.tuple({ coin: Cl.principal(coin), recipient: Cl.principal(carol) }) }))], deployer).result).toBeOk(Cl.bool(true));
    expectDexErr(poolCall("execute", [op, payload(Cl.tuple({ action: Cl.stringAscii("resume"), args: Cl.tuple({ admin: Cl.principal(carol) }) }))], deployer), "pool", "ERR-INVALID-ACTION");
    expect(poolCall("execute", [op, payload(Cl.tuple({ action: Cl.stringAscii("set-admin"), args: Cl.tuple({ admin: Cl.principal(`${deployer}.multisig`) }) }))], deployer).result).toBeOk(Cl.bool(true));
    expectDexErr(poolCall("halt", [Cl.principal(coin)], deployer), "pool", "ERR-NOT-AUTHORIZED");
  });
});

describe("dex governance by the real multisig", () => {
  beforeEach(() => dexSetup());

  it("once handed the admins, the multisig halts and resumes a pool and adds a reporter through its `call` operation", () => {
    const coin = pool();
    const MULTISIG = `${deployer}.multisig`;
    const u = (n: number | bigint) => Cl.uint(n);
    expect(
      simnet.callPublicFn("multisig", "initialize", [Cl.list([deployer, alice, bob].map((x) => Cl.principal(x))), u(2), u(2), u(3600), u(3600), Cl.none(), Cl.list([]), Cl.list([])], deployer).result,
    ).toBeOk(Cl.bool(true));
    for (const contract of ["metrics-oracle", "creator-factory", "creator-pool"])
      expect(simnet.callPublicFn(contract, "set-admin", [Cl.principal(MULTISIG)], deployer).result).toBeOk(Cl.bool(true));
    let nonce = 0;
    const run = (target: string, payload: any) => {
      const proposed = simnet.callPublicFn("multisig", "propose-call", [Cl.principal(target), Cl.bufferFromHex(serializeCV(payload)), u(++nonce)], deployer);
      const id = (proposed.result as any).value;
      expect(simnet.callPublicFn("multisig", "approve", [id], alice).result).toBeOk(Cl.bool(true));
      const queued = simnet.callPublicFn("multisig", "queue", [id], bob);
      advanceTo(BigInt((queued.result as any).value.value));
      return simnet.callPublicFn("multisig", "execute-call", [id, Cl.principal(target)], bob);
    };
    const h = run(POOLS, Cl.tuple({ action: Cl.stringAscii("halt"), args: Cl.tuple({ coin: Cl.principal(coin) }) }));
    expect(h.result).toBeOk(Cl.bool(true));
    expect(dexEvents(h, POOLS)).toEqual([{ topic: "halted", coin, by: MULTISIG, until: expect.any(BigInt) }]);
    expectDexErr(swapIn(coin, true, ONE, alice), "pool", "ERR-POOL-HALTED");
    expect(run(POOLS, Cl.tuple({ action: Cl.stringAscii("resume"), args: Cl.tuple({ coin: Cl.principal(coin) }) })).result).toBeOk(Cl.bool(true));
    expect(swapIn(coin, true, ONE, alice).result).toBeOk(expect.anything());
    expect(run(`${deployer}.metrics-oracle`, Cl.tuple({ action: Cl.stringAscii("set-reporter"), args: Cl.tuple({ reporter: Cl.principal(carol), enabled: Cl.bool(true) }) })).result).toBeOk(Cl.bool(true));
    expect(roValue("metrics-oracle", "is-reporter", [Cl.principal(carol)])).toBe(true);
    // the deployer administers nothing any more
    expectDexErr(poolCall("halt", [Cl.principal(coin)], deployer), "pool", "ERR-NOT-AUTHORIZED");
    expectDexErr(factoryCall("set-fee-recipient", [Cl.principal(carol)], deployer), "factory", "ERR-NOT-AUTHORIZED");
  });
});

describe("dex costs", () => {
  beforeEach(() => dexSetup());

  // One call of each main dex function with the default (spec) protections on,
  // read by test/clarity/global-setup.ts for the cost table.
  it("cost baseline: dex report, launch, add-liquidity, swap-exact-in, deposit-revenue, claim-revenue", () => {
    expect(report("dave", dave, 1_200n, 1n).result).toBeOk(Cl.uint(1n));
    const coin = deployCoin(dave);
    expect(launchCall(coin, "dave").result).toBeOk(Cl.principal(coin));
    mintBase(dave, 100_000n * ONE);
    mintBase(alice, 100_000n * ONE);
    expect(addLiquidity(coin, 500_000n * ONE, 5_000n * ONE, dave).result).toBeOk(expect.anything());
    expect(swapIn(coin, true, 200n * ONE, alice).result).toBeOk(expect.anything());
    expect(simnet.callPublicFn(coin, "deposit-revenue", [Cl.principal(BASE), Cl.uint(1_000n * ONE)], dave).result).toBeOk(expect.anything());
    expect(simnet.callPublicFn(coin, "claim-revenue", [Cl.principal(BASE)], alice).result).toBeOk(expect.anything());
  });
});
