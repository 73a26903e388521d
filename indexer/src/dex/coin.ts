/**
 * CreatorCoin: balances and positions (`holder`, equal to balanceOf and claimedRevenue), the
 * coin's supply, eligible supply and holder count (`coin`), supply releases (`coin_release`) and
 * revenue sharing (`revenue_deposit`, `revenue_claim`). Revenue exclusions also go to the audit log.
 *
 * Cost basis (average cost, see the `holder` table): every coin leaving an account removes its
 * share of the account's cost, `costBasis * amount / balance` rounded down, and remembers it with
 * the transaction (`lastOutCost`, `lastOutTx`); pool.ts then books a sale's realized P/L against
 * it (the pool pulls the sold coins from the trader just before it emits Swapped) and a purchase's
 * cost on the recipient.
 *
 * A claim pays the caller's holder revenue plus, for the creator, the whole creator share credited
 * so far (`creatorRevenue()`, which deposits raise and the creator's claim empties): the split is
 * derived from the deposits, so that `holder.revenueClaimed` equals the coin's `claimedRevenue`.
 */
import { ponder } from "ponder:registry";
import { coin, coinRelease, holder, revenueClaim, revenueDeposit } from "ponder:schema";
import { zeroAddress, type Address, type Hex } from "viem";
import { caip2, recordAudit } from "../audit.ts";
import { logKey, lower, shared } from "../common.ts";
import { governedActor, holderKey, rowKey, type DexContext } from "./common.ts";

type Holder = typeof holder.$inferSelect;

/** Creates the holder's row on its first appearance, then applies `change`. */
export async function updateHolder(context: DexContext, coinAddress: Address, account: Address, at: bigint, change: (row: Holder) => Partial<Holder>): Promise<void> {
  const chainId = caip2(context);
  const initial: Holder = {
    id: holderKey(chainId, coinAddress, account),
    chainId,
    coin: lower(coinAddress),
    account: lower(account),
    balance: 0n,
    costBasisBase: 0n,
    boughtCoin: 0n,
    soldCoin: 0n,
    boughtBase: 0n,
    soldBase: 0n,
    realizedPnlBase: 0n,
    revenueClaimed: 0n,
    excluded: false,
    lastOutCost: 0n,
    lastOutTx: null,
    updatedAt: at,
  };
  await context.db
    .insert(holder)
    .values({ ...initial, ...change(initial) })
    .onConflictDoUpdate((row) => ({ ...change(row), updatedAt: at }));
}

ponder.on("CreatorCoin:Transfer", shared("CreatorCoin:Transfer", async ({ event, context }) => {
  const chainId = caip2(context);
  const coinAddress = event.log.address;
  const { from, to, value } = event.args;
  const at = event.block.timestamp;
  const tx: Hex = event.transaction.hash;
  // A transfer to oneself changes no balance (nor any cost).
  if (lower(from) === lower(to)) return;
  // Copied out before the updates below: Ponder's cache may update the found rows in place.
  const fromRow = from === zeroAddress ? undefined : await context.db.find(holder, { id: holderKey(chainId, coinAddress, from) });
  const toRow = to === zeroAddress ? undefined : await context.db.find(holder, { id: holderKey(chainId, coinAddress, to) });
  const before = {
    from: { balance: fromRow?.balance ?? 0n, excluded: fromRow?.excluded ?? false },
    to: { balance: toRow?.balance ?? 0n, excluded: toRow?.excluded ?? false },
  };
  if (from !== zeroAddress) {
    await updateHolder(context, coinAddress, from, at, (r) => {
      // The cost of the coins leaving, in proportion to the balance before.
      const removed = r.balance === 0n ? 0n : (r.costBasisBase * value) / r.balance;
      return { balance: r.balance - value, costBasisBase: r.costBasisBase - removed, lastOutCost: removed, lastOutTx: tx };
    });
  }
  if (to !== zeroAddress) await updateHolder(context, coinAddress, to, at, (r) => ({ balance: r.balance + value }));

  // The coin's row exists from CoinLaunched on: the constructor's mint, before it, is counted there.
  const row = await context.db.find(coin, { id: rowKey(chainId, coinAddress) });
  if (!row) return;
  const pool = row.pool;
  let holders = row.holders;
  let eligible = row.eligibleSupply;
  if (from !== zeroAddress) {
    if (lower(from) !== pool && before.from.balance > 0n && before.from.balance === value) holders -= 1;
    if (!before.from.excluded) eligible -= value;
  }
  if (to !== zeroAddress) {
    if (lower(to) !== pool && before.to.balance === 0n && value > 0n) holders += 1;
    if (!before.to.excluded) eligible += value;
  }
  const supplyChange = (from === zeroAddress ? value : 0n) - (to === zeroAddress ? value : 0n);
  await context.db.update(coin, { id: row.id }).set({ holders, eligibleSupply: eligible, totalSupply: row.totalSupply + supplyChange });
}));

ponder.on("CreatorCoin:SupplyReleased", shared("CreatorCoin:SupplyReleased", async ({ event, context }) => {
  const chainId = caip2(context);
  const { milestoneIndex, amount } = event.args;
  const released = { released: true, releasedAt: event.block.timestamp, releasedTx: event.transaction.hash };
  await context.db
    .insert(coinRelease)
    .values({ id: `${rowKey(chainId, event.log.address)}:${milestoneIndex}`, chainId, coin: lower(event.log.address), milestoneIndex: Number(milestoneIndex), amount, ...released })
    .onConflictDoUpdate(released);
}));

ponder.on("CreatorCoin:RevenueDeposited", shared("CreatorCoin:RevenueDeposited", async ({ event, context }) => {
  const chainId = caip2(context);
  const { from, amount, holderAmount, creatorAmount } = event.args;
  const row = await context.db.find(coin, { id: rowKey(chainId, event.log.address) });
  if (!row) throw new Error(`RevenueDeposited on ${event.log.address}, a coin without a CoinLaunched row`);
  await context.db.insert(revenueDeposit).values({
    id: logKey(chainId, event),
    chainId,
    coin: lower(event.log.address),
    from: lower(from),
    amount,
    holderAmount,
    creatorAmount,
    eligibleSupply: row.eligibleSupply,
    time: event.block.timestamp,
    block: event.block.number,
    tx: event.transaction.hash,
  });
  await context.db.update(coin, { id: row.id }).set({
    revenueDeposited: row.revenueDeposited + amount,
    revenueHolderShare: row.revenueHolderShare + holderAmount,
    revenueCreatorShare: row.revenueCreatorShare + creatorAmount,
    creatorRevenuePending: row.creatorRevenuePending + creatorAmount,
    revenueDeposits: row.revenueDeposits + 1,
  });
}));

ponder.on("CreatorCoin:RevenueClaimed", shared("CreatorCoin:RevenueClaimed", async ({ event, context }) => {
  const chainId = caip2(context);
  const { account, amount } = event.args;
  const row = await context.db.find(coin, { id: rowKey(chainId, event.log.address) });
  if (!row) throw new Error(`RevenueClaimed on ${event.log.address}, a coin without a CoinLaunched row`);
  // The creator's claim also empties the creator share credited so far.
  const isCreator = lower(account) === row.creator;
  const creatorAmount = isCreator ? row.creatorRevenuePending : 0n;
  const holderAmount = amount - creatorAmount;
  await context.db.insert(revenueClaim).values({
    id: logKey(chainId, event),
    chainId,
    coin: lower(event.log.address),
    account: lower(account),
    amount,
    holderAmount,
    creatorAmount,
    time: event.block.timestamp,
    block: event.block.number,
    tx: event.transaction.hash,
  });
  await context.db.update(coin, { id: row.id }).set({
    revenueClaimed: row.revenueClaimed + amount,
    creatorRevenuePending: isCreator ? 0n : row.creatorRevenuePending,
  });
  await updateHolder(context, event.log.address, account, event.block.timestamp, (r) => ({ revenueClaimed: r.revenueClaimed + holderAmount }));
}));

ponder.on("CreatorCoin:RevenueExclusionUpdated", shared("CreatorCoin:RevenueExclusionUpdated", async ({ event, context }) => {
  const chainId = caip2(context);
  const { account, excluded } = event.args;
  const balance = (await context.db.find(holder, { id: holderKey(chainId, event.log.address, account) }))?.balance ?? 0n;
  await updateHolder(context, event.log.address, account, event.block.timestamp, () => ({ excluded }));
  // At launch (the pool's exclusion) the coin's row does not exist yet, and the pool holds nothing.
  const row = await context.db.find(coin, { id: rowKey(chainId, event.log.address) });
  if (row && balance > 0n) {
    await context.db.update(coin, { id: row.id }).set({ eligibleSupply: excluded ? row.eligibleSupply - balance : row.eligibleSupply + balance });
  }
  await recordAudit(context, event, "RevenueExclusionUpdated", governedActor(event, context));
}));
