/**
 * CreatorCoinFactory: launches (`coin`, its scheduled `coin_release` rows, the creator's and the
 * pool's coin), and the factory's governed settings (`coin_factory`: fee recipient and default pool
 * parameters, also in the audit log with the role events).
 *
 * A launch's coin and pool emit their constructor events (the creator's initial mint, the pool's
 * fee recipient and parameters, the pool's revenue exclusion) before CoinLaunched, in the same
 * transaction: coin.ts and pool.ts handle those without the coin's row, and the launch completes
 * the rows. The coin's name, symbol and decimals, the pool's base token and the release schedule
 * (`releaseAt`) are immutable and not in the event: they are read from the chain at the launch's
 * block (reserves, balances and prices are never read: they come from events only).
 */
import { ponder } from "ponder:registry";
import { coin, coinFactory, coinRelease, creator, metricsOracle, pool } from "ponder:schema";
import type { Address } from "viem";
import { caip2, recordAudit } from "../audit.ts";
import { lower, shared } from "../common.ts";
import { governedActor, paramsJson, recordDexRoleEvent, rowKey, type DexContext, type DexEvent } from "./common.ts";
import { ensurePool } from "./pool.ts";

/** ICreatorCoin's MAX_RELEASES: the schedule has at most this many entries. */
const MAX_RELEASES = 64;

type Factory = typeof coinFactory.$inferSelect;

async function updateFactory(context: DexContext, event: DexEvent, change: (row: Factory) => Partial<Factory>): Promise<void> {
  const chainId = caip2(context);
  const initial: Factory = {
    id: rowKey(chainId, event.log.address),
    chainId,
    address: lower(event.log.address),
    feeRecipient: null,
    defaultPoolParams: null,
    coinCount: 0,
    updatedAt: event.block.timestamp,
  };
  await context.db
    .insert(coinFactory)
    .values({ ...initial, ...change(initial) })
    .onConflictDoUpdate((row) => ({ ...change(row), updatedAt: event.block.timestamp }));
}

ponder.on("CreatorCoinFactory:CoinLaunched", shared("CreatorCoinFactory:CoinLaunched", async ({ event, context }) => {
  const chainId = caip2(context);
  const { creatorId, creator: wallet, coin: coinAddress, pool: poolAddress, initialSupply, maxSupply, holderShareBps } = event.args;
  const at = event.block.timestamp;
  const coinAbi = context.contracts.CreatorCoin.abi;
  const read = <T>(functionName: "name" | "symbol" | "decimals" | "releaseAt", args: readonly bigint[] = []) =>
    context.client.readContract({ address: coinAddress, abi: coinAbi, functionName, args } as never) as Promise<T>;
  const [name, symbol, decimals, baseToken] = await Promise.all([
    read<string>("name"),
    read<string>("symbol"),
    read<number>("decimals"),
    context.client.readContract({ address: poolAddress, abi: context.contracts.CreatorPool.abi, functionName: "baseToken" }) as Promise<Address>,
  ]);

  // The schedule starts at the oracle's launch milestone + 1 as it is now (fixed in the coin).
  const oracle = await context.db.find(metricsOracle, { id: rowKey(chainId, context.contracts.MetricsOracle.address as Address) });
  const firstReleaseIndex = (oracle?.launchMilestoneIndex ?? 0) + 1;
  // Entries until the scheduled total is found (zero entries release nothing and get no row).
  let remaining = maxSupply - initialSupply;
  for (let i = 0; i < MAX_RELEASES && remaining > 0n; i++) {
    const milestoneIndex = firstReleaseIndex + i;
    const amount = await read<bigint>("releaseAt", [BigInt(milestoneIndex)]);
    remaining -= amount;
    if (amount === 0n) continue;
    await context.db.insert(coinRelease).values({
      id: `${rowKey(chainId, coinAddress)}:${milestoneIndex}`,
      chainId,
      coin: lower(coinAddress),
      milestoneIndex,
      amount,
      released: false,
      releasedAt: null,
      releasedTx: null,
    });
  }

  await context.db.insert(coin).values({
    id: rowKey(chainId, coinAddress),
    chainId,
    address: lower(coinAddress),
    creatorId,
    creator: lower(wallet),
    pool: lower(poolAddress),
    baseToken: lower(baseToken),
    name,
    symbol,
    decimals: Number(decimals),
    initialSupply,
    maxSupply,
    // The constructor minted the initial supply to the creator (the only holder yet, and eligible:
    // the pool, excluded at launch, holds nothing).
    totalSupply: initialSupply,
    eligibleSupply: initialSupply,
    holderShareBps,
    firstReleaseIndex,
    holders: initialSupply > 0n ? 1 : 0,
    revenueDeposited: 0n,
    revenueHolderShare: 0n,
    revenueCreatorShare: 0n,
    revenueClaimed: 0n,
    creatorRevenuePending: 0n,
    revenueDeposits: 0,
    launchedAt: at,
    launchBlock: event.block.number,
    launchTx: event.transaction.hash,
  });
  await context.db
    .update(creator, { id: `${chainId}:${creatorId}` })
    .set({ coin: lower(coinAddress), pool: lower(poolAddress), launchedAt: at });
  await ensurePool(context, poolAddress, at);
  await context.db
    .update(pool, { id: rowKey(chainId, poolAddress) })
    .set({ coin: lower(coinAddress), baseToken: lower(baseToken), creatorId });
  await updateFactory(context, event, (row) => ({ coinCount: row.coinCount + 1 }));
}));

ponder.on("CreatorCoinFactory:FeeRecipientUpdated", shared("CreatorCoinFactory:FeeRecipientUpdated", async ({ event, context }) => {
  await updateFactory(context, event, () => ({ feeRecipient: lower(event.args.recipient) }));
  await recordAudit(context, event, "FeeRecipientUpdated", governedActor(event, context));
}));

ponder.on("CreatorCoinFactory:DefaultPoolParamsUpdated", shared("CreatorCoinFactory:DefaultPoolParamsUpdated", async ({ event, context }) => {
  await updateFactory(context, event, () => ({ defaultPoolParams: paramsJson(event.args.params) }));
  await recordAudit(context, event, "DefaultPoolParamsUpdated", governedActor(event, context));
}));

ponder.on("CreatorCoinFactory:RoleGranted", shared("CreatorCoinFactory:RoleGranted", async ({ event, context }) => {
  await recordDexRoleEvent(context, event, "RoleGranted");
}));

ponder.on("CreatorCoinFactory:RoleRevoked", shared("CreatorCoinFactory:RoleRevoked", async ({ event, context }) => {
  await recordDexRoleEvent(context, event, "RoleRevoked");
}));

ponder.on("CreatorCoinFactory:RoleAdminChanged", shared("CreatorCoinFactory:RoleAdminChanged", async ({ event, context }) => {
  await recordDexRoleEvent(context, event, "RoleAdminChanged");
}));
