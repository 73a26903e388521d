/**
 * The DEX history the DEX indexer test puts on a real chain (LocalDemo with the Dex module: the
 * MetricsOracle's reporter is account #6, pools start with the factory's local defaults: 30 bps
 * fee, 30 s cooldown, 10 000 dUSD daily limit, 25 % breaker bound over 1 h with a 1 h cool-off,
 * 10 % price-impact cap). Everything the chain did is taken from receipts and views, never from
 * the indexer; the average-cost ledger here is the test's own model of the positions.
 */
import assert from "node:assert/strict";
import { decodeEventLog, keccak256, parseEther, toHex, type Abi, type Address, type Hash, type Hex } from "viem";
import { advanceTime, CHAIN, chainTime, type TestChain } from "./harness.ts";
import { lower, sendAndWait, type Call } from "./scenarios.ts";

export const DUSD = 1_000_000n; // 1 dUSD (6 decimals)
export const COIN = 10n ** 18n; // 1 whole creator coin
const MAX = 2n ** 256n - 1n;
export const HOUR = 3_600;
export const DAY = 86_400;

/** The creator id convention of every layer: keccak256(utf8("worx:creator:" + handle)). */
export const creatorIdOf = (handle: string) => keccak256(toHex(`worx:creator:${handle}`));

/** One decoded log of the DEX contracts. */
export interface DexLog {
  address: Address;
  eventName: string;
  args: Record<string, any>;
  tx: Hash;
  logIndex: number;
  blockNumber: bigint;
  time: bigint;
}

/** A swap as the test saw it: the Swapped log, and the pool's reserves at its block (read, not derived). */
export interface SwapFact {
  pool: Address;
  side: "buy" | "sell";
  trader: Address;
  to: Address;
  amountIn: bigint;
  amountOut: bigint;
  protocolFee: bigint;
  amountBase: bigint;
  amountCoin: bigint;
  /** reserveBase * 10^18 / reserveCoin from getReserves() at the swap's block, and before it. */
  priceAfter: bigint;
  priceBefore: bigint;
  reserveCoinAfter: bigint;
  reserveBaseAfter: bigint;
  time: bigint;
  blockNumber: bigint;
  tx: Hash;
}

/** The test's own average-cost ledger (see the `holder` table's rules). */
export class Ledger {
  readonly rows = new Map<string, { balance: bigint; cost: bigint; realized: bigint }>();
  private row(account: Address) {
    const key = lower(account);
    if (!this.rows.has(key)) this.rows.set(key, { balance: 0n, cost: 0n, realized: 0n });
    return this.rows.get(key)!;
  }
  /** Coins arriving at zero cost (initial supply, release, transfer, liquidity withdrawal). */
  receive(account: Address, amount: bigint) {
    this.row(account).balance += amount;
  }
  /** Coins leaving: the cost leaves in proportion (rounded down); returns it. */
  send(account: Address, amount: bigint): bigint {
    const r = this.row(account);
    const removed = r.balance === 0n ? 0n : (r.cost * amount) / r.balance;
    r.balance -= amount;
    r.cost -= removed;
    return removed;
  }
  buy(to: Address, paid: bigint, got: bigint) {
    const r = this.row(to);
    r.balance += got;
    r.cost += paid;
  }
  sell(trader: Address, sold: bigint, got: bigint) {
    const removed = this.send(trader, sold);
    this.row(trader).realized += got - removed;
  }
  transfer(from: Address, to: Address, amount: bigint) {
    this.send(from, amount);
    this.receive(to, amount);
  }
  get(account: Address) {
    return this.row(account);
  }
}

export interface DexFacts {
  deployer: Address;
  alice: Address;
  bob: Address;
  carol: Address;
  dave: Address;
  reporter: Address;
  multisig: Address;
  feeSplitter: Address;
  dusd: Address;
  oracle: Address;
  factory: Address;
  daveId: Hex;
  carolId: Hex;
  coin: Address;
  pool: Address;
  /** Every log of the oracle, the factory, the coin and the pool, in chain order. */
  logs: DexLog[];
  swaps: SwapFact[];
  ledger: Ledger;
  /** Named transactions. */
  tx: Record<string, Hash>;
  /** The swap that tripped the breaker. */
  tripTx: Hash;
  /** The history's last block: once indexed, everything is. */
  lastBlock: bigint;
}

const abi = (chain: TestChain, name: "metricsOracleAbi" | "creatorCoinFactoryAbi" | "creatorCoinAbi" | "creatorPoolAbi" | "demoStablecoinAbi") =>
  (chain.abis as unknown as Record<string, Abi>)[name]!;

/**
 * The history, sent before the indexers start:
 *  1. reports: dave (#4) at 600 then 1 200 followers (launch milestone 0 reached), carol (#3) at 800;
 *  2. dave launches DAVE (1 000 000 initial, 250 000 at milestones 1 and 2, 10 % to holders) and
 *     adds 500 000 DAVE + 5 000 dUSD;
 *  3. day 1, around an hour boundary, 40-60 s apart (the cooldown is 30 s): alice buys 200 dUSD
 *     exact-in, bob 100 dUSD, alice 10 000 DAVE exact-out, (the hour turns) alice sells 5 000 DAVE,
 *     bob sells for exactly 20 dUSD (exact-out);
 *  4. a day later: carol buys at ~8.5 % price impact (about +19 %), bob at ~5 % (about +10 % more):
 *     the move passes the 25 % bound, the breaker trips (the swap executes); a swap while halted
 *     reverts PoolHalted; the multisig (impersonated) resumes;
 *  5. alice sells 8 000 DAVE and sends 4 000 to carol, who sells 6 000; bob adds liquidity with
 *     5 000 DAVE; dave removes a tenth of his LP tokens;
 *  6. revenue: dave deposits 1 000 dUSD; alice, carol and dave claim; alice sends 2 000 DAVE to bob;
 *     dave deposits 500 dUSD; bob and alice claim;
 *  7. dave reported at 6 000 followers (milestone 1), alice triggers release(1); carol has the
 *     pool's protocol fees collected.
 */
export async function sendDexHistory(chain: TestChain): Promise<DexFacts> {
  const [deployer, alice, bob, carol, dave, , reporter] = chain.accounts as Address[] as [Address, Address, Address, Address, Address, Address, Address];
  const { evmContract } = await import("../../generated/deployments.ts");
  const f: DexFacts = {
    deployer,
    alice,
    bob,
    carol,
    dave,
    reporter,
    multisig: evmContract(CHAIN, "WorxMultisig"),
    feeSplitter: evmContract(CHAIN, "FeeSplitter"),
    dusd: chain.token,
    oracle: evmContract(CHAIN, "MetricsOracle"),
    factory: evmContract(CHAIN, "CreatorCoinFactory"),
    daveId: creatorIdOf("dave"),
    carolId: creatorIdOf("carol"),
    coin: "0x" as Address,
    pool: "0x" as Address,
    logs: [],
    swaps: [],
    ledger: new Ledger(),
    tx: {},
    tripTx: "0x" as Hash,
    lastBlock: 0n,
  };
  const abis: Record<string, Abi> = {};
  const contractAbi = (address: Address): Abi | undefined => abis[lower(address)];
  abis[lower(f.oracle)] = abi(chain, "metricsOracleAbi");
  abis[lower(f.factory)] = abi(chain, "creatorCoinFactoryAbi");

  const send = async (from: Address, call: Call, name?: string) => {
    const { hash, receipt } = await sendAndWait(chain, from, call);
    const time = (await chain.publicClient.getBlock({ blockNumber: receipt.blockNumber })).timestamp;
    for (const log of receipt.logs) {
      const a = contractAbi(log.address);
      if (!a) continue;
      const ev = decodeEventLog({ abi: a, data: log.data, topics: log.topics as [Hex, ...Hex[]] });
      f.logs.push({ address: lower(log.address) as Address, eventName: ev.eventName!, args: ev.args as Record<string, any>, tx: hash, logIndex: log.logIndex, blockNumber: receipt.blockNumber, time });
    }
    f.lastBlock = receipt.blockNumber;
    if (name) f.tx[name] = hash;
    return { hash, receipt, time };
  };
  const read = <T>(address: Address, a: Abi, functionName: string, args: readonly unknown[] = [], blockNumber?: bigint) =>
    chain.publicClient.readContract({ address, abi: a, functionName, args, blockNumber }) as Promise<T>;

  const dusd = { to: f.dusd, abi: abi(chain, "demoStablecoinAbi") };
  const oracle = { to: f.oracle, abi: abi(chain, "metricsOracleAbi") };
  const factory = { to: f.factory, abi: abi(chain, "creatorCoinFactoryAbi") };

  const nonce: Record<string, bigint> = {};
  const report = async (handle: string, wallet: Address, followers: bigint, name?: string) => {
    nonce[handle] = (nonce[handle] ?? 0n) + 1n;
    const observedAt = await chainTime(chain);
    return send(reporter, { ...oracle, functionName: "report", args: [creatorIdOf(handle), wallet, followers * 7n, followers, 420n, observedAt, nonce[handle]] }, name);
  };

  // 1. Reports.
  await report("dave", dave, 600n, "report:dave:1");
  await advanceTime(chain, 60);
  await report("dave", dave, 1_200n, "report:dave:2");
  await report("carol", carol, 800n, "report:carol:1");

  // 2. Launch and the first liquidity.
  const launch = await send(dave, { ...factory, functionName: "launch", args: [f.daveId, "Dave Coin", "DAVE", 1_000_000n * COIN, [250_000n * COIN, 250_000n * COIN], 1_000] }, "launch");
  const launched = f.logs.find((l) => l.tx === launch.hash && l.eventName === "CoinLaunched")!;
  f.coin = launched.args.coin;
  f.pool = launched.args.pool;
  abis[lower(f.coin)] = abi(chain, "creatorCoinAbi");
  abis[lower(f.pool)] = abi(chain, "creatorPoolAbi");
  // The launch's own coin and pool logs were not decoded yet (their addresses were unknown): decode them now.
  f.logs = f.logs.filter((l) => l.tx !== launch.hash);
  for (const log of launch.receipt.logs) {
    const a = contractAbi(log.address);
    if (!a) continue;
    const ev = decodeEventLog({ abi: a, data: log.data, topics: log.topics as [Hex, ...Hex[]] });
    f.logs.push({ address: lower(log.address) as Address, eventName: ev.eventName!, args: ev.args as Record<string, any>, tx: launch.hash, logIndex: log.logIndex, blockNumber: launch.receipt.blockNumber, time: launch.time });
  }
  f.ledger.receive(dave, 1_000_000n * COIN);
  const coin = { to: f.coin, abi: abi(chain, "creatorCoinAbi") };
  const pool = { to: f.pool, abi: abi(chain, "creatorPoolAbi") };

  for (const who of [alice, bob, carol, dave]) {
    await send(who, { ...dusd, functionName: "mint", args: [who, (who === dave ? 10_000n : 3_000n) * DUSD] });
    await send(who, { ...dusd, functionName: "approve", args: [f.pool, MAX] });
    await send(who, { ...coin, functionName: "approve", args: [f.pool, MAX] });
  }
  await send(dave, { ...dusd, functionName: "approve", args: [f.coin, MAX] });
  const deadline = () => 2n ** 40n;
  await send(dave, { ...pool, functionName: "addLiquidity", args: [500_000n * COIN, 5_000n * DUSD, 0n, 0n, dave, deadline()] }, "addLiquidity:dave");
  f.ledger.send(dave, 500_000n * COIN);

  /** A swap, recorded with the reserves the pool reports at its block, and booked in the ledger. */
  const swap = async (from: Address, functionName: "swapExactIn" | "swapExactOut", tokenIn: Address, amount: bigint, limit: bigint, name?: string) => {
    const sent = await send(from, { ...pool, functionName, args: [tokenIn, amount, limit, from, deadline()] }, name);
    const log = f.logs.find((l) => l.tx === sent.hash && l.eventName === "Swapped")!;
    const [reserveCoin, reserveBase] = await read<[bigint, bigint, number]>(f.pool, pool.abi, "getReserves", [], sent.receipt.blockNumber);
    const [coinBefore, baseBefore] = await read<[bigint, bigint, number]>(f.pool, pool.abi, "getReserves", [], sent.receipt.blockNumber - 1n);
    const side = lower(log.args.tokenIn) === lower(f.coin) ? "sell" : "buy";
    const { amountIn, amountOut, protocolFee } = log.args as { amountIn: bigint; amountOut: bigint; protocolFee: bigint };
    f.swaps.push({
      pool: f.pool,
      side,
      trader: lower(log.args.trader) as Address,
      to: lower(log.args.to) as Address,
      amountIn,
      amountOut,
      protocolFee,
      amountBase: side === "buy" ? amountIn : amountOut,
      amountCoin: side === "buy" ? amountOut : amountIn,
      priceAfter: (reserveBase * COIN) / reserveCoin,
      priceBefore: (baseBefore * COIN) / coinBefore,
      reserveCoinAfter: reserveCoin,
      reserveBaseAfter: reserveBase,
      time: sent.time,
      blockNumber: sent.receipt.blockNumber,
      tx: sent.hash,
    });
    if (side === "buy") f.ledger.buy(from, amountIn, amountOut);
    else f.ledger.sell(from, amountIn, amountOut);
    return sent;
  };
  const transfer = async (from: Address, to: Address, amount: bigint, name?: string) => {
    await send(from, { ...coin, functionName: "transfer", args: [to, amount] }, name);
    f.ledger.transfer(from, to, amount);
  };

  // 3. Day 1, across an hour boundary.
  const now = Number(await chainTime(chain));
  const toBoundary = HOUR - (now % HOUR) - 100;
  await advanceTime(chain, toBoundary > 0 ? toBoundary : toBoundary + HOUR);
  await swap(alice, "swapExactIn", f.dusd, 200n * DUSD, 0n, "buy:alice:1");
  await advanceTime(chain, 40);
  await swap(bob, "swapExactIn", f.dusd, 100n * DUSD, 0n, "buy:bob:1");
  await advanceTime(chain, 40);
  await swap(alice, "swapExactOut", f.dusd, 10_000n * COIN, 200n * DUSD, "buy:alice:2");
  await advanceTime(chain, 60);
  await swap(alice, "swapExactIn", f.coin, 5_000n * COIN, 0n, "sell:alice:1");
  await advanceTime(chain, 40);
  await swap(bob, "swapExactOut", f.coin, 20n * DUSD, 10_000n * COIN, "sell:bob:1");
  const day1 = f.swaps.map((s) => s.time);
  assert.ok(day1.some((t) => t % BigInt(HOUR) > 3_000n) && day1.some((t) => t % BigInt(HOUR) < 600n), `day 1 crosses an hour boundary: ${day1}`);

  // 4. A day later: two large buys move the price past the breaker's bound.
  await advanceTime(chain, DAY + 600);
  const buyAtImpact = async (who: Address, impactBps: bigint, name: string) => {
    const [, reserveBase] = await read<[bigint, bigint, number]>(f.pool, pool.abi, "getReserves");
    // impact = inAfterFee / (reserveBase + inAfterFee)  =>  inAfterFee = reserveBase * impact / (1 - impact)
    const afterFee = (reserveBase * impactBps) / (10_000n - impactBps);
    return swap(who, "swapExactIn", f.dusd, (afterFee * 10_000n) / 9_970n, 0n, name);
  };
  const first = await buyAtImpact(carol, 850n, "buy:carol:1");
  assert.ok(!f.logs.some((l) => l.tx === first.hash && l.eventName === "CircuitBreakerTripped"), "a ~19 % move stays within the 25 % bound");
  await advanceTime(chain, 40);
  const trip = await buyAtImpact(bob, 500n, "buy:bob:2");
  assert.ok(f.logs.some((l) => l.tx === trip.hash && l.eventName === "CircuitBreakerTripped"), "the second buy passes the bound: the breaker trips");
  f.tripTx = trip.hash;
  await advanceTime(chain, 40);
  await assert.rejects(
    chain.publicClient.simulateContract({ account: alice, address: f.pool, abi: pool.abi, functionName: "swapExactIn", args: [f.coin, 1_000n * COIN, 0n, alice, deadline()] }),
    /PoolHalted/,
    "swaps revert while halted",
  );
  // The multisig (the pool's admin) resumes swaps early.
  const request = (method: string, params: unknown[]) => chain.testClient.request({ method, params } as never);
  await request("hardhat_impersonateAccount", [f.multisig]);
  await request("hardhat_setBalance", [f.multisig, toHex(parseEther("1"))]);
  try {
    await send(f.multisig, { ...pool, functionName: "resume" }, "resume");
  } finally {
    await request("hardhat_stopImpersonatingAccount", [f.multisig]);
  }

  // 5. Sells, a transfer, liquidity from bob, a partial withdrawal by dave.
  await advanceTime(chain, 40);
  await swap(alice, "swapExactIn", f.coin, 8_000n * COIN, 0n, "sell:alice:2");
  await transfer(alice, carol, 4_000n * COIN, "transfer:alice:carol");
  await advanceTime(chain, 40);
  await swap(carol, "swapExactIn", f.coin, 6_000n * COIN, 0n, "sell:carol:1");
  const bobAdd = await send(bob, { ...pool, functionName: "addLiquidity", args: [5_000n * COIN, 1_000n * DUSD, 0n, 0n, bob, deadline()] }, "addLiquidity:bob");
  const added = f.logs.find((l) => l.tx === bobAdd.hash && l.eventName === "LiquidityAdded")!;
  f.ledger.send(bob, added.args.amountCoin);
  const daveLp = await read<bigint>(f.pool, pool.abi, "balanceOf", [dave]);
  const removal = await send(dave, { ...pool, functionName: "removeLiquidity", args: [daveLp / 10n, 0n, 0n, dave, deadline()] }, "removeLiquidity:dave");
  const removed = f.logs.find((l) => l.tx === removal.hash && l.eventName === "LiquidityRemoved")!;
  f.ledger.receive(dave, removed.args.amountCoin);

  // 6. Revenue, claims, a transfer between holders between two deposits.
  await send(dave, { ...coin, functionName: "depositRevenue", args: [1_000n * DUSD] }, "deposit:1");
  for (const who of [alice, carol, dave]) await send(who, { ...coin, functionName: "claimRevenue" }, `claim:1:${who}`);
  await transfer(alice, bob, 2_000n * COIN, "transfer:alice:bob");
  await send(dave, { ...coin, functionName: "depositRevenue", args: [500n * DUSD] }, "deposit:2");
  for (const who of [bob, alice]) await send(who, { ...coin, functionName: "claimRevenue" }, `claim:2:${who}`);

  // 7. Milestone 1 and its release; the protocol's fees collected.
  await advanceTime(chain, 60);
  await report("dave", dave, 6_000n, "report:dave:3");
  await send(alice, { ...coin, functionName: "release", args: [1n] }, "release:1");
  f.ledger.receive(dave, 250_000n * COIN);
  await send(carol, { ...pool, functionName: "collectProtocolFees" }, "collectFees");
  return f;
}
