/**
 * The creator-coin DEX's demo state (issue 7), sent as real transactions after the DAO's seed:
 *  1. the metrics reporter (account 6) reports creator "dave" (account 4) at 600 followers, then
 *     at 1,200: the launch milestone (1,000 followers) is crossed;
 *  2. dave launches "Dave Coin" (DAVE): 1,000,000 to him now, 250,000 more at each of milestones 1
 *     (5,000 followers) and 2 (10,000), 10% of revenue deposits to holders;
 *  3. dave adds the first liquidity: 500,000 DAVE + 5,000 dUSD (0.01 dUSD per DAVE);
 *  4. alice buys DAVE for 200 dUSD, then bob for 100 dUSD, the clock moved past the pool's
 *     cooldown before each trade (one `evm_increaseTime` + one `evm_mine`, as ./seed.ts does);
 *  5. dave deposits 1,000 dUSD of revenue: 100 to holders pro rata (dave, alice and bob; the pool
 *     is excluded), 900 to dave;
 *  6. a second creator, "carol" (account 3), is reported at 800 followers: not launchable yet.
 * Creator ids: keccak256("worx:creator:" + handle) (./reportMetrics.ts). Import it only after a
 * deploy: it reads the generated registry at load time.
 */
import { formatUnits, parseEventLogs, parseUnits, type Address, type Hex } from "viem";
import { creatorCoinAbi, creatorCoinFactoryAbi, creatorPoolAbi, demoStablecoinAbi, metricsOracleAbi } from "../../generated/abis.ts";
import { evmContract } from "../../generated/deployments.ts";
import { demoRoles, localAccount } from "./accounts.ts";
import { localClients } from "./localClients.ts";
import { creatorIdOf, reportMetrics } from "./reportMetrics.ts";

/** The demo coin's launch terms (spec). */
export const DEMO_COIN = {
  handle: "dave",
  name: "Dave Coin",
  symbol: "DAVE",
  initialSupply: parseUnits("1000000", 18),
  releaseAmounts: [parseUnits("250000", 18), parseUnits("250000", 18)],
  holderShareBps: 1_000,
  liquidityCoin: parseUnits("500000", 18),
  liquidityBase: parseUnits("5000", 6),
  aliceBuyBase: parseUnits("200", 6),
  bobBuyBase: parseUnits("100", 6),
  revenueBase: parseUnits("1000", 6),
} as const;

export interface DexSeedSummary {
  dave: { creatorId: Hex; coin: Address; pool: Address };
  carol: { creatorId: Hex };
  /** DAVE (wei) alice and bob bought. */
  aliceCoin: bigint;
  bobCoin: bigint;
  /** One line per fact, for `npm start`'s summary. */
  lines: string[];
}

export async function seedDex(rpcUrl: string): Promise<DexSeedSummary> {
  const chain = "eip155:31337" as const;
  const oracle = evmContract(chain, "MetricsOracle");
  const factory = evmContract(chain, "CreatorCoinFactory");
  const dusd = evmContract(chain, "DemoStablecoin");
  const { transport, publicClient, send, advance } = localClients(rpcUrl);
  const { alice, bob, carol, dave, attester } = demoRoles;
  const address = (index: number) => localAccount(index).address;
  const report = (handle: string, creator: number, followers: number, plays: number, engagementBps: number) =>
    reportMetrics({ transport, oracle, abi: metricsOracleAbi, reporter: localAccount(attester) }, { handle, creator: address(creator), followers, plays, engagementBps });
  const lines: string[] = [];
  const c = DEMO_COIN;

  // 1. Metrics: dave below, then past the launch milestone.
  await report(c.handle, dave, 600, 42_000, 310);
  await advance(60);
  const crossed = await report(c.handle, dave, 1_200, 95_000, 420);
  const milestones = parseEventLogs({ abi: metricsOracleAbi, eventName: "MilestoneReached", logs: crossed.receipt.logs });
  lines.push(`creator "dave" reported at 600 then 1,200 followers by the reporter (account ${attester}): milestone ${milestones.map((m) => m.args.threshold).join(", ")} reached`);

  // 2. Launch.
  const launched = await send(dave, factory, creatorCoinFactoryAbi, "launch", [crossed.creatorId, c.name, c.symbol, c.initialSupply, c.releaseAmounts, c.holderShareBps]);
  const { coin, pool } = parseEventLogs({ abi: creatorCoinFactoryAbi, eventName: "CoinLaunched", logs: launched.logs })[0]!.args;

  // 3. First liquidity.
  await send(dave, dusd, demoStablecoinAbi, "mint", [address(dave), c.liquidityBase + c.revenueBase]);
  await send(dave, coin, creatorCoinAbi, "approve", [pool, c.liquidityCoin]);
  await send(dave, dusd, demoStablecoinAbi, "approve", [pool, c.liquidityBase]);
  const now = async () => (await publicClient.getBlock()).timestamp;
  await send(dave, pool, creatorPoolAbi, "addLiquidity", [c.liquidityCoin, c.liquidityBase, c.liquidityCoin, c.liquidityBase, address(dave), (await now()) + 600n]);
  lines.push(`dave launched ${c.name} (${c.symbol}) ${coin}, pool ${pool}: 500,000 DAVE + 5,000 dUSD of liquidity`);

  // 4. Two buys, each after the pool's cooldown.
  const { cooldown } = await publicClient.readContract({ address: pool, abi: creatorPoolAbi, functionName: "params" });
  const buy = async (buyer: number, baseIn: bigint) => {
    await advance(cooldown + 1);
    await send(buyer, dusd, demoStablecoinAbi, "mint", [address(buyer), baseIn]);
    await send(buyer, dusd, demoStablecoinAbi, "approve", [pool, baseIn]);
    const quoted = await publicClient.readContract({ address: pool, abi: creatorPoolAbi, functionName: "getAmountOut", args: [dusd, baseIn] });
    // 1% slippage, as the SPA's default would allow.
    await send(buyer, pool, creatorPoolAbi, "swapExactIn", [dusd, baseIn, (quoted * 99n) / 100n, address(buyer), (await now()) + 600n]);
    return publicClient.readContract({ address: coin, abi: creatorCoinAbi, functionName: "balanceOf", args: [address(buyer)] });
  };
  const aliceCoin = await buy(alice, c.aliceBuyBase);
  const bobCoin = await buy(bob, c.bobBuyBase);
  const dave18 = (wei: bigint) => Number(formatUnits(wei, 18)).toLocaleString("en-US", { maximumFractionDigits: 2 });
  lines.push(`alice bought ${dave18(aliceCoin)} DAVE for 200 dUSD, bob ${dave18(bobCoin)} DAVE for 100 dUSD`);

  // 5. Revenue: 10% to holders (pool excluded), the rest to dave.
  await send(dave, dusd, demoStablecoinAbi, "approve", [coin, c.revenueBase]);
  await send(dave, coin, creatorCoinAbi, "depositRevenue", [c.revenueBase]);
  const claimable = (index: number) => publicClient.readContract({ address: coin, abi: creatorCoinAbi, functionName: "claimableRevenue", args: [address(index)] });
  lines.push(`dave deposited 1,000 dUSD of revenue: claimable alice ${formatUnits(await claimable(alice), 6)}, bob ${formatUnits(await claimable(bob), 6)}, dave ${formatUnits(await claimable(dave), 6)} dUSD`);

  // 6. A creator short of the launch milestone.
  await advance(60);
  const carolReport = await report("carol", carol, 800, 12_000, 380);
  lines.push(`creator "carol" reported at 800 followers: launch at 1,000`);

  return {
    dave: { creatorId: creatorIdOf(c.handle), coin, pool },
    carol: { creatorId: carolReport.creatorId },
    aliceCoin,
    bobCoin,
    lines,
  };
}
