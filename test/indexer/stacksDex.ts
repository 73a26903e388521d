/**
 * The DEX round of the Stacks ingestion test (stacks.test.ts): a real simnet run of the Clarity DEX
 * (clarity/contracts/dex/), from a creator crossing the launch milestone to a governed parameter
 * change through the multisig, recorded as `/new_block` payloads; what the simnet's read-only
 * functions then say, and the figures a holder's average cost gives by hand, against the DEX tables;
 * then badges moving (SIP-009 transfers and a burn) against the badge rows.
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { keccak_256 } from "@noble/hashes/sha3.js";
import { Cl, ClarityType, deserializeCV, serializeCV, type ClarityValue } from "@stacks/transactions";
import { keccak256, toHex } from "viem";
import { repoRoot } from "../../scripts/dev/stack.ts";
import type { Dump } from "./harness.ts";
import { plainValue } from "../../indexer/src/stacks/plainValue.ts";
import { SimnetChain, type NewBlockPayload } from "./stacksSimnet.ts";

const CHAIN = "stacks:2147483648";
/** One whole token (6 decimals: the coin and the demo stablecoin). */
const ONE = 1_000_000n;
const FAR = 99_999_999_999n;
/** Prices are base units per whole coin: the Stacks coin template has 6 decimals. */
const ONE_COIN_PRICE = 10n ** 6n;
const priceOf = (reserveCoin: bigint, reserveBase: bigint) => (reserveBase * ONE_COIN_PRICE) / reserveCoin;
const uq112 = (base: bigint, coin: bigint) => (base << 112n) / coin;

/** A swap as the simnet ran it: the trader, side, amounts, and the pool's reserves around it. */
export interface SimnetSwap {
  trader: string;
  side: "buy" | "sell";
  amountIn: bigint;
  amountOut: bigint;
  before: { coin: bigint; base: bigint };
  after: { coin: bigint; base: bigint };
  time: bigint;
}

export interface DexRound {
  blocks: NewBlockPayload[];
  chain: SimnetChain;
  deployer: string;
  /** dave the creator, alice / bob / carol traders, the reporter, the multisig. */
  dave: string;
  alice: string;
  bob: string;
  carol: string;
  reporter: string;
  multisig: string;
  coin: string;
  creatorPool: string;
  /** The pool's row identity: `<creator-pool>/<coin>`. */
  poolId: string;
  creatorId: string;
  swaps: SimnetSwap[];
  /** The coins alice sent bob with a plain transfer. */
  transferred: bigint;
  /** The circuit breaker's trip as printed. */
  trip: Record<string, unknown>;
  /** The eligible supply when carol deposited revenue, and the deposit. */
  depositEligible: bigint;
  deposit: bigint;
  releases: bigint[];
  /** Bronze badges: carol's (sent to bob, who burnt it) and alice's (sent to dave). */
  badges: { burnt: bigint; moved: bigint };
}

/** creatorId convention: keccak256(utf8("worx:creator:" + handle)). */
const creatorIdOf = (handle: string) => keccak_256(new TextEncoder().encode(`worx:creator:${handle}`));

/** The tuples `contract` printed in a recorded block, with their topics. */
function printsOf(block: NewBlockPayload, contract: string): Record<string, unknown>[] {
  return block.events.flatMap((e) =>
    e.type === "contract_event" && e.contract_event.contract_identifier === contract ? [plainValue(deserializeCV(e.contract_event.raw_value.replace(/^0x/, ""))) as Record<string, unknown>] : [],
  );
}

const params = (o: Partial<Record<string, bigint>> = {}) =>
  Cl.tuple({
    "swap-fee-bps": Cl.uint(o.fee ?? 30n),
    "protocol-share-bps": Cl.uint(1667n),
    "daily-volume-limit": Cl.uint(o.daily ?? 10_000n * ONE),
    cooldown: Cl.uint(o.cooldown ?? 30n),
    "max-price-move-bps": Cl.uint(2500n),
    "breaker-window": Cl.uint(3600n),
    "cool-off": Cl.uint(3600n),
    "max-price-impact-bps": Cl.uint(1000n),
  });

/**
 * The round: the oracle's deployment prints (thresholds 1000 … 100000, launch milestone 0), a
 * reporter allowed, the base token set; dave reported below, then across the launch milestone
 * (1200 followers); dave deploys his copy of the coin template and launches it (1,000,000 DAVE,
 * releases of 250,000 at milestones 1 and 2); his first deposit (100,000 DAVE + 10,000 USD); buys
 * by alice, bob and carol, carol's tripping the circuit breaker (executed, then halted), the admin
 * resuming; alice sells half her coins (exact in), bob sells for 100 USD (exact out), alice sends
 * bob 1,000 DAVE; carol deposits 1,000 USD of revenue, alice and dave claim; dave reported at
 * 5,500 followers (milestone 1) and its release minted; the protocol fees collected; dave removes
 * a tenth of his liquidity; creator-pool's admin handed to the multisig, which sets the pool's
 * parameters (no cooldown) through its `call` operation. Then two Bronze badges (made claimable
 * and transferable) claimed, one sent on and burnt, one sent on.
 */
export async function runDexRound(): Promise<DexRound> {
  const chain = await SimnetChain.start();
  const deployer = chain.deployer;
  const [alice, bob, carol, dave, reporter] = ["wallet_1", "wallet_2", "wallet_3", "wallet_4", "wallet_5"].map((w) => chain.account(w)) as [string, string, string, string, string];
  const id = (name: string) => `${deployer}.${name}`;
  const [oracle, creatorPool, base, multisig] = [id("metrics-oracle"), id("creator-pool"), id("mock-sip010"), id("multisig")];
  const handle = creatorIdOf("dave");
  const creatorId = `0x${Buffer.from(handle).toString("hex")}`;
  let nonce = 0;
  const report = (followers: bigint) =>
    chain.call("metrics-oracle", "report", [Cl.buffer(handle), Cl.principal(dave), Cl.uint(1_000n), Cl.uint(followers), Cl.uint(450n), Cl.uint(chain.simnet.getBlockTime()), Cl.uint(++nonce)], reporter);

  await chain.deploymentPrints("metrics-oracle");
  await chain.call("metrics-oracle", "set-reporter", [Cl.principal(reporter), Cl.bool(true)], deployer);
  await chain.call("creator-factory", "set-base-token", [Cl.principal(base)], deployer);
  await report(600n);
  await report(1_200n);

  const source = readFileSync(join(repoRoot, "clarity/contracts/dex/creator-coin.clar"), "utf8");
  const coin = chain.deploy("dave-coin", source, dave);
  const releases = [250_000n * ONE, 250_000n * ONE];
  await chain.call(
    "creator-factory",
    "launch",
    [Cl.principal(coin), Cl.buffer(handle), Cl.stringAscii("Dave Coin"), Cl.stringAscii("DAVE"), Cl.uint(1_000_000n * ONE), Cl.list(releases.map((r) => Cl.uint(r))), Cl.uint(1000n)],
    dave,
  );

  for (const [who, amount] of [[dave, 20_000n], [alice, 2_000n], [bob, 2_000n], [carol, 3_000n]] as const) {
    await chain.call("mock-sip010", "mint", [Cl.uint(amount * ONE), Cl.principal(who)], deployer);
  }
  const poolArgs = [Cl.principal(coin), Cl.principal(base)];
  await chain.call("creator-pool", "add-liquidity", [...poolArgs, Cl.uint(100_000n * ONE), Cl.uint(10_000n * ONE), Cl.uint(0), Cl.uint(0), Cl.principal(dave), Cl.uint(FAR)], dave);

  const reserves = () => {
    const r = plainValue(chain.read("creator-pool", "get-reserves", [Cl.principal(coin)])) as Record<string, bigint>;
    return { coin: r["reserve-coin"]!, base: r["reserve-base"]! };
  };
  const swaps: SimnetSwap[] = [];
  const swap = async (trader: string, side: "buy" | "sell", exact: "in" | "out", amount: bigint) => {
    const before = reserves();
    const tokenIn = side === "buy" ? base : coin;
    const fn = exact === "in" ? "swap-exact-in" : "swap-exact-out";
    const limit = exact === "in" ? 0n : 2n ** 127n;
    const result = await chain.call("creator-pool", fn, [...poolArgs, Cl.principal(tokenIn), Cl.uint(amount), Cl.uint(limit), Cl.principal(trader), Cl.uint(FAR)], trader);
    const other = BigInt(plainValue(result) as bigint);
    const [amountIn, amountOut] = exact === "in" ? [amount, other] : [other, amount];
    swaps.push({ trader, side, amountIn, amountOut, before, after: reserves(), time: BigInt(chain.blocks.at(-1)!.block_time) });
  };
  await swap(alice, "buy", "in", 500n * ONE);
  await swap(bob, "buy", "in", 300n * ONE);
  await swap(carol, "buy", "in", 500n * ONE);
  const trip = printsOf(chain.blocks.at(-1)!, creatorPool).find((p) => p.topic === "circuit-breaker-tripped");
  assert.ok(trip, "carol's buy moves the price beyond 25 % of the window's reference: the breaker trips");
  await chain.call("creator-pool", "resume", [Cl.principal(coin)], deployer);
  const aliceCoins = swaps[0]!.amountOut;
  await swap(alice, "sell", "in", aliceCoins / 2n);
  await swap(bob, "sell", "out", 100n * ONE);
  const transferred = 1_000n * ONE;
  await chain.call(coin, "transfer", [Cl.uint(transferred), Cl.principal(alice), Cl.principal(bob), Cl.none()], alice);

  const depositEligible = plainValue(chain.read(coin, "get-eligible-supply", [])) as bigint;
  const deposit = 1_000n * ONE;
  await chain.call(coin, "deposit-revenue", [Cl.principal(base), Cl.uint(deposit)], carol);
  await chain.call(coin, "claim-revenue", [Cl.principal(base)], alice);
  await chain.call(coin, "claim-revenue", [Cl.principal(base)], dave);

  await report(5_500n);
  await chain.call(coin, "release", [Cl.principal(oracle), Cl.uint(1)], carol);
  await chain.call("creator-pool", "collect-protocol-fees", poolArgs, carol);
  const lp = plainValue(chain.read("creator-pool", "get-lp-balance", [Cl.principal(coin), Cl.principal(dave)])) as bigint;
  await chain.call("creator-pool", "remove-liquidity", [...poolArgs, Cl.uint(lp / 10n), Cl.uint(0), Cl.uint(0), Cl.principal(dave), Cl.uint(FAR)], dave);

  // Governance through the multisig: creator-pool's admin handed over, then a `call` operation.
  await chain.call("multisig", "initialize", [Cl.list([alice, bob].map((o) => Cl.principal(o))), Cl.uint(1), Cl.uint(1), Cl.uint(3600), Cl.uint(3600), Cl.none(), Cl.list([]), Cl.list([])], deployer);
  await chain.call("creator-pool", "set-admin", [Cl.principal(multisig)], deployer);
  const payload = serializeCV(Cl.tuple({ action: Cl.stringAscii("set-params"), args: Cl.tuple({ coin: Cl.principal(coin), params: params({ cooldown: 0n }) }) }));
  const op = await chain.call("multisig", "propose-call", [Cl.principal(creatorPool), Cl.bufferFromHex(payload), Cl.uint(1)], alice);
  await chain.call("multisig", "queue", [op], bob);
  chain.simnet.mineEmptyBurnBlocks(7);
  await chain.call("multisig", "execute-call", [op, Cl.principal(creatorPool)], bob);

  // Badges moving (their SIP-009 asset events; premium access accepts badges too): the deployment's
  // tiers, Bronze made claimable by anyone and kept transferable; carol's goes to bob, who burns
  // it; alice's goes to dave.
  await chain.deploymentPrints("badges");
  const bronze = Cl.tuple({
    "min-completed-jobs": Cl.uint(0),
    "min-satisfaction-bps": Cl.uint(0),
    "requires-x-verified": Cl.bool(false),
    "requires-vetted": Cl.bool(false),
    soulbound: Cl.bool(false),
    "fee-discount-bps": Cl.uint(0),
  });
  await chain.call("badges", "set-tier-config", [Cl.uint(1), bronze], deployer);
  const badgeOf = async (who: string) => {
    await chain.call("badges", "claim", [Cl.uint(1)], who);
    return plainValue(chain.read("badges", "get-claimed-token", [Cl.principal(who), Cl.uint(1)])) as bigint;
  };
  const carolBadge = await badgeOf(carol);
  await chain.call("badges", "transfer", [Cl.uint(carolBadge), Cl.principal(carol), Cl.principal(bob)], carol);
  await chain.call("badges", "burn", [Cl.uint(carolBadge)], bob);
  const aliceBadge = await badgeOf(alice);
  await chain.call("badges", "transfer", [Cl.uint(aliceBadge), Cl.principal(alice), Cl.principal(dave)], alice);

  return {
    blocks: chain.blocks,
    chain,
    deployer,
    dave,
    alice,
    bob,
    carol,
    reporter,
    multisig,
    coin,
    creatorPool,
    poolId: `${creatorPool}/${coin}`,
    creatorId,
    swaps,
    transferred,
    trip: trip!,
    depositEligible,
    deposit,
    releases,
    badges: { burnt: carolBadge, moved: aliceBadge },
  };
}

/** A holder's position by hand (average cost): what the `holder` row must say. */
interface Position {
  balance: bigint;
  costBasisBase: bigint;
  boughtCoin: bigint;
  soldCoin: bigint;
  boughtBase: bigint;
  soldBase: bigint;
  realizedPnlBase: bigint;
}

/** The traders' positions from the round's swaps and alice's transfer, in chain order. */
function positionsByHand(r: DexRound): Map<string, Position> {
  const p = new Map<string, Position>();
  const of = (who: string) => {
    if (!p.has(who)) p.set(who, { balance: 0n, costBasisBase: 0n, boughtCoin: 0n, soldCoin: 0n, boughtBase: 0n, soldBase: 0n, realizedPnlBase: 0n });
    return p.get(who)!;
  };
  /** Coins leaving take their share of the cost, rounded down. */
  const out = (x: Position, amount: bigint) => {
    const removed = (x.costBasisBase * amount) / x.balance;
    x.costBasisBase -= removed;
    x.balance -= amount;
    return removed;
  };
  const [s1, s2, s3, s4, s5] = r.swaps as [SimnetSwap, SimnetSwap, SimnetSwap, SimnetSwap, SimnetSwap];
  for (const s of [s1, s2, s3]) {
    const x = of(s.trader);
    x.balance += s.amountOut;
    x.costBasisBase += s.amountIn;
    x.boughtCoin += s.amountOut;
    x.boughtBase += s.amountIn;
  }
  for (const s of [s4, s5]) {
    const x = of(s.trader);
    const removed = out(x, s.amountIn);
    x.soldCoin += s.amountIn;
    x.soldBase += s.amountOut;
    x.realizedPnlBase += s.amountOut - removed;
  }
  out(of(r.alice), r.transferred); // a gift: the cost leaves alice, bob's cost is unchanged
  of(r.bob).balance += r.transferred;
  return p;
}

/** The DEX rows against the simnet's read-only functions and the hand-computed positions and candles. */
export function assertDexRows(dump: Dump, r: DexRound): void {
  const rows = (table: string) => dump[table]!.filter((x) => x.chainId === CHAIN);
  const read = (contract: string, fn: string, args: ClarityValue[] = []) => plainValue(r.chain.read(contract, fn, args));
  const { coin, poolId, creatorPool } = r;

  // The oracle and the creator.
  const oracle = rows("metrics_oracle");
  assert.deepEqual(oracle.map((o) => [o.address, o.launchMilestoneIndex, o.maxAge, o.milestoneCount]), [[`${r.deployer}.metrics-oracle`, 0, "86400", 6]]);
  assert.deepEqual(
    rows("milestone_threshold").sort((a, b) => Number(a.index) - Number(b.index)).map((t) => BigInt(t.threshold as string)),
    read("metrics-oracle", "get-milestone-thresholds"),
  );
  const creator = rows("creator");
  assert.equal(creator.length, 1);
  assert.deepEqual(
    [creator[0]!.creatorId, creator[0]!.creator, creator[0]!.reports, creator[0]!.milestonesReached, creator[0]!.followers, creator[0]!.coin, creator[0]!.pool],
    [r.creatorId, r.dave, 3, Number(read("metrics-oracle", "get-milestones-reached", [Cl.bufferFromHex(r.creatorId.slice(2))])), "5500", coin, poolId],
  );
  assert.deepEqual(rows("creator_milestone").map((m) => [m.index, m.threshold]).sort(), [[0, "1000"], [1, "5000"]]);
  assert.equal(rows("creator_metric").length, 3);

  // The factory: its constants (no deployment prints), the launch.
  const factory = rows("coin_factory");
  assert.equal(factory.length, 1);
  assert.equal(factory[0]!.feeRecipient, read("creator-factory", "get-fee-recipient"));
  const defaults = read("creator-factory", "get-default-pool-params") as Record<string, bigint>;
  assert.deepEqual(factory[0]!.defaultPoolParams, paramsJson(defaults));
  assert.equal(factory[0]!.coinCount, Number(read("creator-factory", "get-coin-count")));

  // The coin: read-only views.
  const c = rows("coin");
  assert.equal(c.length, 1);
  const row = c[0]!;
  assert.deepEqual(
    [row.address, row.creator, row.pool, row.baseToken, row.name, row.symbol, row.decimals, row.firstReleaseIndex, row.holderShareBps],
    [coin, r.dave, poolId, `${r.deployer}.mock-sip010`, read(coin, "get-name"), read(coin, "get-symbol"), Number(read(coin, "get-decimals")), 1, Number(read(coin, "get-holder-share-bps"))],
  );
  assert.equal(row.totalSupply, String(read(coin, "get-total-supply")));
  assert.equal(row.maxSupply, String(read(coin, "get-max-supply")));
  assert.equal(row.eligibleSupply, String(read(coin, "get-eligible-supply")));
  assert.equal(row.creatorRevenuePending, String(read(coin, "get-creator-revenue")));
  assert.deepEqual(
    rows("coin_release").sort((a, b) => Number(a.milestoneIndex) - Number(b.milestoneIndex)).map((x) => [x.milestoneIndex, x.amount, x.released]),
    r.releases.map((amount, i) => [1 + i, String(amount), read(coin, "is-released", [Cl.uint(1 + i)])]),
  );

  // Balances: every account that ever held the coin, creator-pool's as the pool's row.
  const holders = rows("holder");
  const accounts = [r.dave, r.alice, r.bob, r.carol, `${r.deployer}.fee-splitter`];
  for (const a of accounts) {
    const h = holders.find((x) => x.account === a);
    assert.equal(h?.balance ?? "0", String(read(coin, "get-balance", [Cl.principal(a)])), `balance of ${a}`);
    assert.equal(h?.revenueClaimed ?? "0", String(read(coin, "get-claimed-revenue", [Cl.principal(a)])), `holder revenue claimed by ${a}`);
  }
  const poolHolder = holders.find((x) => x.account === poolId);
  assert.equal(poolHolder?.balance, String(read(coin, "get-balance", [Cl.principal(creatorPool)])), "creator-pool's balance of the coin is its pool's");
  assert.equal(poolHolder?.excluded, true);
  assert.equal(holders.filter((x) => x.account === creatorPool).length, 0, "no row for creator-pool itself");
  assert.equal(row.holders, holders.filter((x) => x.account !== poolId && BigInt(x.balance as string) > 0n).length);
  assert.equal(
    BigInt(row.totalSupply as string),
    holders.reduce((sum, x) => sum + BigInt(x.balance as string), 0n),
    "the balances add up to the supply",
  );

  // Positions by hand (average cost).
  for (const [who, want] of positionsByHand(r)) {
    const h = holders.find((x) => x.account === who)!;
    const got = Object.fromEntries(Object.keys(want).map((k) => [k, BigInt(h[k] as string)]));
    assert.deepEqual(got, want, `position of ${who}`);
  }

  // Revenue: the deposit (split on the eligible supply then) and the claims.
  const deposits = rows("revenue_deposit");
  assert.equal(deposits.length, 1);
  const holderAmount = (r.deposit * 1000n) / 10_000n;
  assert.deepEqual([deposits[0]!.from, deposits[0]!.amount, deposits[0]!.holderAmount, deposits[0]!.creatorAmount, deposits[0]!.eligibleSupply], [
    r.carol,
    String(r.deposit),
    String(holderAmount),
    String(r.deposit - holderAmount),
    String(r.depositEligible),
  ]);
  const claims = rows("revenue_claim");
  assert.deepEqual(claims.map((x) => x.account).sort(), [r.alice, r.dave].sort());
  assert.equal(row.revenueClaimed, String(claims.reduce((sum, x) => sum + BigInt(x.amount as string), 0n)));
  const daveClaim = claims.find((x) => x.account === r.dave)!;
  assert.equal(daveClaim.creatorAmount, String(r.deposit - holderAmount), "the creator's claim empties the creator share");

  // The pool: read-only views.
  const pools = rows("pool");
  assert.equal(pools.length, 1);
  const p = pools[0]!;
  const reserves = read("creator-pool", "get-reserves", [Cl.principal(coin)]) as Record<string, bigint>;
  const fees = read("creator-pool", "get-protocol-fees-accrued", [Cl.principal(coin)]) as Record<string, bigint>;
  const state = read("creator-pool", "get-pool", [Cl.principal(coin)]) as Record<string, unknown>;
  assert.deepEqual(
    [p.address, p.coin, p.baseToken, p.creatorId, p.reserveCoin, p.reserveBase, p.lpSupply, p.price, p.feeRecipient, p.haltedUntil, p.breakerWindowStart, p.breakerTrips, p.swaps],
    [
      poolId,
      coin,
      `${r.deployer}.mock-sip010`,
      r.creatorId,
      String(reserves["reserve-coin"]),
      String(reserves["reserve-base"]),
      String(read("creator-pool", "get-lp-supply", [Cl.principal(coin)])),
      String(priceOf(reserves["reserve-coin"]!, reserves["reserve-base"]!)),
      state["fee-recipient"],
      String(read("creator-pool", "get-halted-until", [Cl.principal(coin)])),
      String((read("creator-pool", "get-breaker-state", [Cl.principal(coin)]) as Record<string, bigint>)["window-start"]),
      1,
      r.swaps.length,
    ],
  );
  assert.deepEqual([p.protocolFeesPendingCoin, p.protocolFeesPendingBase], [String(fees["amount-coin"]), String(fees["amount-base"])]);
  assert.deepEqual(p.params, paramsJson(read("creator-pool", "get-params", [Cl.principal(coin)]) as Record<string, bigint>));

  // Swaps: amounts and reserves as the simnet ran them.
  const swaps = rows("swap").sort((a, b) => Number(a.block) - Number(b.block));
  assert.deepEqual(
    swaps.map((s) => [s.sender, s.side, s.amountIn, s.amountOut, s.reserveCoinAfter, s.reserveBaseAfter, s.priceBefore, s.priceAfter, s.time]),
    r.swaps.map((s) => [s.trader, s.side, String(s.amountIn), String(s.amountOut), String(s.after.coin), String(s.after.base), String(priceOf(s.before.coin, s.before.base)), String(priceOf(s.after.coin, s.after.base)), String(s.time)]),
  );

  // Candles: OHLC of the swaps' prices per bucket, by hand.
  for (const [interval, seconds] of [["1m", 60n], ["1h", 3_600n], ["1d", 86_400n]] as const) {
    const want = new Map<string, { open: bigint; high: bigint; low: bigint; close: bigint; volumeBase: bigint; volumeCoin: bigint; trades: number }>();
    for (const s of r.swaps) {
      const bucket = String(s.time - (s.time % seconds));
      const [before, after] = [priceOf(s.before.coin, s.before.base), priceOf(s.after.coin, s.after.base)];
      const [volumeBase, volumeCoin] = s.side === "buy" ? [s.amountIn, s.amountOut] : [s.amountOut, s.amountIn];
      const cur = want.get(bucket);
      if (!cur) {
        want.set(bucket, { open: before, high: before > after ? before : after, low: before < after ? before : after, close: after, volumeBase, volumeCoin, trades: 1 });
      } else {
        cur.high = after > cur.high ? after : cur.high;
        cur.low = after < cur.low ? after : cur.low;
        cur.close = after;
        cur.volumeBase += volumeBase;
        cur.volumeCoin += volumeCoin;
        cur.trades += 1;
      }
    }
    const got = rows("candle").filter((k) => k.interval === interval && k.pool === poolId);
    assert.deepEqual(
      Object.fromEntries(got.map((k) => [k.bucket, { open: BigInt(k.open as string), high: BigInt(k.high as string), low: BigInt(k.low as string), close: BigInt(k.close as string), volumeBase: BigInt(k.volumeBase as string), volumeCoin: BigInt(k.volumeCoin as string), trades: k.trades }])),
      Object.fromEntries(want),
      `${interval} candles`,
    );
  }

  // Liquidity: the creator's first deposit and a removal.
  assert.deepEqual(rows("liquidity_event").sort((a, b) => Number(a.block) - Number(b.block)).map((l) => [l.kind, l.provider, l.pool]), [["add", r.dave, poolId], ["remove", r.dave, poolId]]);

  // Protections: the registration's and the multisig's parameters, the trip, the admin's resume.
  const breaker = rows("breaker_event").sort((a, b) => Number(a.block) - Number(b.block));
  assert.deepEqual(breaker.map((b) => [b.kind, b.actor]), [["params", r.dave], ["tripped", r.carol], ["resumed", r.deployer], ["params", r.multisig]]);
  const tripped = breaker[1]!;
  const t = r.trip as Record<string, bigint>;
  assert.deepEqual(
    [tripped.referencePriceX112, tripped.priceX112, tripped.moveBps, tripped.haltedUntil],
    [String(uq112(t["ref-base"]!, t["ref-coin"]!)), String(uq112(t["reserve-base"]!, t["reserve-coin"]!)), String(t["move-bps"]), String(t["halted-until"])],
  );

  // The audit log: governed changes name the admin (the multisig once handed over).
  const audit = rows("admin_action");
  const actions = (name: string) => audit.filter((a) => a.action === name).map((a) => [a.contract, a.actor]);
  assert.deepEqual(actions("AdminUpdated"), [[creatorPool, r.deployer]]);
  assert.deepEqual(actions("ParamsUpdated").sort(), [[poolId, r.dave], [poolId, r.multisig]].sort());
  assert.deepEqual(actions("RevenueExclusionUpdated"), [[coin, r.dave]]);
  assert.deepEqual(actions("BaseTokenUpdated"), [[`${r.deployer}.creator-factory`, r.deployer]]);
  const reporterGrant = audit.find((a) => a.action === "RoleGranted" && a.contract === `${r.deployer}.metrics-oracle`);
  assert.deepEqual([(reporterGrant?.details as Record<string, unknown>).roleName, (reporterGrant?.details as Record<string, unknown>).account, reporterGrant?.actor], ["REPORTER_ROLE", r.reporter, r.deployer]);
  assert.equal(keccak256(toHex("REPORTER_ROLE")), (reporterGrant?.details as Record<string, unknown>).role);

  // Badges follow their SIP-009 transfers and burns (the ERC-721 Transfer handler).
  const badges = rows("badge").sort((a, b) => Number(a.tokenId) - Number(b.tokenId));
  const owner = (tokenId: bigint) => read("badges", "get-owner", [Cl.uint(tokenId)]);
  assert.deepEqual(
    badges.map((b) => [b.tokenId, b.tier, b.locked, b.claimedBy, b.owner, b.burned]),
    [
      [String(r.badges.burnt), "bronze", false, r.carol, r.bob, true],
      [String(r.badges.moved), "bronze", false, r.alice, owner(r.badges.moved), false],
    ],
  );
  assert.equal(owner(r.badges.burnt), null, "burnt on chain");
  assert.equal(owner(r.badges.moved), r.dave);
}

/** Pool parameters as the tables store them (ponder.schema.ts PoolParamsJson), from a printed / read tuple. */
function paramsJson(p: Record<string, bigint>) {
  return {
    swapFeeBps: Number(p["swap-fee-bps"]),
    protocolShareBps: Number(p["protocol-share-bps"]),
    dailyVolumeLimit: String(p["daily-volume-limit"]),
    cooldown: Number(p.cooldown),
    maxPriceMoveBps: Number(p["max-price-move-bps"]),
    breakerWindow: Number(p["breaker-window"]),
    coolOff: Number(p["cool-off"]),
    maxPriceImpactBps: Number(p["max-price-impact-bps"]),
  };
}
