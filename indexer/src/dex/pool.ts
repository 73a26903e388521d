/**
 * CreatorPool: reserves, price, LP supply, parameters, halts and totals (`pool`, equal to the
 * pool's getReserves, totalSupply, params, haltedUntil and protocolFeesAccrued), every swap
 * (`swap`) and liquidity change (`liquidity_event`), the candles (./candles.ts), buyers' cost and
 * sellers' realized P/L (`holder`, see ./coin.ts), and the protections' events (`breaker_event`;
 * parameter changes, halts, resumes and fee-recipient changes also in the audit log).
 *
 * Reserves are derived from the events exactly as the contract keeps them, never read: a swap adds
 * `amountIn - protocolFee` to the input side and takes `amountOut` from the other; LiquidityAdded
 * and LiquidityRemoved move both sides by their amounts. The pool's constructor events (fee
 * recipient, parameters) precede CoinLaunched, which then names the pool's coin.
 */
import { ponder } from "ponder:registry";
import { breakerEvent, liquidityEvent, pool, swap } from "ponder:schema";
import type { BreakerEventKind, PoolParamsJson } from "ponder:schema";
import { zeroAddress, type Address } from "viem";
import { caip2, recordAudit } from "../audit.ts";
import { logKey, lower, shared } from "../common.ts";
import { recordCandles } from "./candles.ts";
import { updateHolder } from "./coin.ts";
import { governedActor, oneCoinOn, paramsJson, priceOf, recordDexRoleEvent, rowKey, type DexContext, type DexEvent } from "./common.ts";

type Pool = typeof pool.$inferSelect;

const NO_PARAMS: PoolParamsJson = { swapFeeBps: 0, protocolShareBps: 0, dailyVolumeLimit: "0", cooldown: 0, maxPriceMoveBps: 0, breakerWindow: 0, coolOff: 0, maxPriceImpactBps: 0 };

/** Creates the pool's row (empty, no coin yet) on its first (constructor) event. */
export async function ensurePool(context: DexContext, address: Address, at: bigint): Promise<void> {
  const chainId = caip2(context);
  await context.db
    .insert(pool)
    .values({
      id: rowKey(chainId, address),
      chainId,
      address: lower(address),
      coin: null,
      baseToken: null,
      creatorId: null,
      reserveCoin: 0n,
      reserveBase: 0n,
      lpSupply: 0n,
      price: null,
      swapFeeBps: 0,
      protocolShareBps: 0,
      params: NO_PARAMS,
      feeRecipient: null,
      haltedUntil: 0n,
      breakerWindowStart: 0n,
      breakerReferencePrice: 0n,
      breakerTrips: 0,
      swaps: 0,
      volumeBaseTotal: 0n,
      volumeCoinTotal: 0n,
      protocolFeesBase: 0n,
      protocolFeesCoin: 0n,
      protocolFeesPendingBase: 0n,
      protocolFeesPendingCoin: 0n,
      lastSwapAt: null,
      createdAt: at,
      updatedAt: at,
    })
    .onConflictDoNothing();
}

/** The pool's row, created when missing. */
async function poolRow(context: DexContext, event: DexEvent): Promise<Pool> {
  await ensurePool(context, event.log.address, event.block.timestamp);
  return (await context.db.find(pool, { id: rowKey(caip2(context), event.log.address) }))!;
}

async function recordBreakerEvent(context: DexContext, event: DexEvent, kind: BreakerEventKind, actor: Address, detail: Partial<typeof breakerEvent.$inferInsert>): Promise<void> {
  const chainId = caip2(context);
  await context.db.insert(breakerEvent).values({
    id: logKey(chainId, event),
    chainId,
    pool: lower(event.log.address),
    kind,
    actor: lower(actor),
    referencePriceX112: null,
    priceX112: null,
    moveBps: null,
    haltedUntil: null,
    params: null,
    ...detail,
    time: event.block.timestamp,
    block: event.block.number,
    tx: event.transaction.hash,
  });
}

// ───────────────────────────── trading ─────────────────────────────

ponder.on("CreatorPool:Swapped", shared("CreatorPool:Swapped", async ({ event, context }) => {
  const chainId = caip2(context);
  const { trader, to, tokenIn, amountIn, amountOut, protocolFee } = event.args;
  const at = event.block.timestamp;
  const p = await poolRow(context, event);
  if (!p.coin) throw new Error(`Swapped on ${event.log.address} before its CoinLaunched`);
  const coinAddress = p.coin as Address;
  const sell = lower(tokenIn) === p.coin;
  const [reserveCoin, reserveBase] = sell
    ? [p.reserveCoin + amountIn - protocolFee, p.reserveBase - amountOut]
    : [p.reserveCoin - amountOut, p.reserveBase + amountIn - protocolFee];
  const priceAfter = priceOf(reserveCoin, reserveBase, oneCoinOn(chainId))!;
  // Copied now: rows from context.db.find change in place with the pool update below.
  const priceBefore = p.price!;
  const [amountBase, amountCoin] = sell ? [amountOut, amountIn] : [amountIn, amountOut];
  await context.db.insert(swap).values({
    id: logKey(chainId, event),
    chainId,
    pool: lower(event.log.address),
    coin: p.coin,
    sender: lower(trader),
    to: lower(to),
    side: sell ? "sell" : "buy",
    tokenIn: lower(tokenIn),
    amountIn,
    amountOut,
    protocolFee,
    amountBase,
    amountCoin,
    priceBefore,
    priceAfter,
    reserveCoinAfter: reserveCoin,
    reserveBaseAfter: reserveBase,
    time: at,
    block: event.block.number,
    logIndex: event.log.logIndex,
    tx: event.transaction.hash,
  });
  await context.db.update(pool, { id: p.id }).set({
    reserveCoin,
    reserveBase,
    price: priceAfter,
    swaps: p.swaps + 1,
    volumeBaseTotal: p.volumeBaseTotal + amountBase,
    volumeCoinTotal: p.volumeCoinTotal + amountCoin,
    protocolFeesBase: p.protocolFeesBase + (sell ? 0n : protocolFee),
    protocolFeesCoin: p.protocolFeesCoin + (sell ? protocolFee : 0n),
    protocolFeesPendingBase: p.protocolFeesPendingBase + (sell ? 0n : protocolFee),
    protocolFeesPendingCoin: p.protocolFeesPendingCoin + (sell ? protocolFee : 0n),
    lastSwapAt: at,
    updatedAt: at,
  });
  await recordCandles(context, { pool: event.log.address, time: at, priceBefore, price: priceAfter, amountBase, amountCoin });

  if (sell) {
    // The pool pulled the sold coins from the trader just before: that transfer removed their cost.
    const tx = event.transaction.hash;
    await updateHolder(context, coinAddress, trader, at, (h) => {
      const cost = h.lastOutTx === tx ? h.lastOutCost : 0n;
      return { soldCoin: h.soldCoin + amountIn, soldBase: h.soldBase + amountOut, realizedPnlBase: h.realizedPnlBase + amountOut - cost, lastOutTx: null, lastOutCost: 0n };
    });
  } else {
    // The coins bought were transferred to `to` at zero cost just before: their cost is what was paid.
    await updateHolder(context, coinAddress, to, at, (h) => ({
      costBasisBase: h.costBasisBase + amountIn,
      boughtCoin: h.boughtCoin + amountOut,
      boughtBase: h.boughtBase + amountIn,
    }));
  }
}));

async function recordLiquidity(context: DexContext, event: DexEvent & { args: { provider: Address; to: Address; amountCoin: bigint; amountBase: bigint; liquidity: bigint } }, kind: "add" | "remove"): Promise<void> {
  const chainId = caip2(context);
  const { provider, to, amountCoin, amountBase, liquidity } = event.args;
  const p = await poolRow(context, event);
  const sign = kind === "add" ? 1n : -1n;
  const reserveCoin = p.reserveCoin + sign * amountCoin;
  const reserveBase = p.reserveBase + sign * amountBase;
  const price = priceOf(reserveCoin, reserveBase, oneCoinOn(chainId));
  await context.db.insert(liquidityEvent).values({
    id: logKey(chainId, event),
    chainId,
    pool: lower(event.log.address),
    coin: p.coin,
    kind,
    provider: lower(provider),
    to: lower(to),
    amountCoin,
    amountBase,
    liquidity,
    reserveCoinAfter: reserveCoin,
    reserveBaseAfter: reserveBase,
    priceAfter: price,
    time: event.block.timestamp,
    block: event.block.number,
    logIndex: event.log.logIndex,
    tx: event.transaction.hash,
  });
  await context.db.update(pool, { id: p.id }).set({ reserveCoin, reserveBase, price, updatedAt: event.block.timestamp });
}

ponder.on("CreatorPool:LiquidityAdded", shared("CreatorPool:LiquidityAdded", async ({ event, context }) => {
  await recordLiquidity(context, event, "add");
}));

ponder.on("CreatorPool:LiquidityRemoved", shared("CreatorPool:LiquidityRemoved", async ({ event, context }) => {
  await recordLiquidity(context, event, "remove");
}));

/** LP tokens: mints and burns move the supply (MINIMUM_LIQUIDITY minted to the dead address included). */
ponder.on("CreatorPool:Transfer", shared("CreatorPool:Transfer", async ({ event, context }) => {
  const { from, to, value } = event.args;
  if (from !== zeroAddress && to !== zeroAddress) return;
  const p = await poolRow(context, event);
  await context.db.update(pool, { id: p.id }).set({ lpSupply: p.lpSupply + (from === zeroAddress ? value : -value) });
}));

ponder.on("CreatorPool:ProtocolFeesCollected", shared("CreatorPool:ProtocolFeesCollected", async ({ event, context }) => {
  const { amountCoin, amountBase } = event.args;
  const p = await poolRow(context, event);
  await context.db.update(pool, { id: p.id }).set({
    protocolFeesPendingCoin: p.protocolFeesPendingCoin - amountCoin,
    protocolFeesPendingBase: p.protocolFeesPendingBase - amountBase,
  });
}));

// ───────────────────────────── protections and governance ─────────────────────────────

ponder.on("CreatorPool:BreakerWindowOpened", shared("CreatorPool:BreakerWindowOpened", async ({ event, context }) => {
  const p = await poolRow(context, event);
  await context.db.update(pool, { id: p.id }).set({ breakerWindowStart: BigInt(event.args.windowStart), breakerReferencePrice: event.args.referencePrice });
}));

ponder.on("CreatorPool:CircuitBreakerTripped", shared("CreatorPool:CircuitBreakerTripped", async ({ event, context }) => {
  const { referencePrice, price, moveBps, haltedUntil } = event.args;
  const p = await poolRow(context, event);
  // The window closes: the next swap after the halt opens a new one at the then price.
  await context.db.update(pool, { id: p.id }).set({ haltedUntil: BigInt(haltedUntil), breakerWindowStart: 0n, breakerTrips: p.breakerTrips + 1 });
  await recordBreakerEvent(context, event, "tripped", event.transaction.from, {
    referencePriceX112: referencePrice,
    priceX112: price,
    moveBps,
    haltedUntil: BigInt(haltedUntil),
  });
}));

ponder.on("CreatorPool:Halted", shared("CreatorPool:Halted", async ({ event, context }) => {
  const until = BigInt(event.args.until);
  const p = await poolRow(context, event);
  await context.db.update(pool, { id: p.id }).set({ haltedUntil: until });
  await recordBreakerEvent(context, event, "halted", event.args.by, { haltedUntil: until });
  await recordAudit(context, event, "Halted", lower(event.args.by));
}));

ponder.on("CreatorPool:Resumed", shared("CreatorPool:Resumed", async ({ event, context }) => {
  const p = await poolRow(context, event);
  await context.db.update(pool, { id: p.id }).set({ haltedUntil: 0n });
  await recordBreakerEvent(context, event, "resumed", event.args.by, { haltedUntil: 0n });
  await recordAudit(context, event, "Resumed", lower(event.args.by));
}));

ponder.on("CreatorPool:ParamsUpdated", shared("CreatorPool:ParamsUpdated", async ({ event, context }) => {
  const params = paramsJson(event.args.params);
  const p = await poolRow(context, event);
  await context.db.update(pool, { id: p.id }).set({ params, swapFeeBps: params.swapFeeBps, protocolShareBps: params.protocolShareBps, updatedAt: event.block.timestamp });
  const actor = governedActor(event, context);
  await recordBreakerEvent(context, event, "params", actor, { params });
  await recordAudit(context, event, "ParamsUpdated", actor);
}));

ponder.on("CreatorPool:FeeRecipientUpdated", shared("CreatorPool:FeeRecipientUpdated", async ({ event, context }) => {
  const p = await poolRow(context, event);
  await context.db.update(pool, { id: p.id }).set({ feeRecipient: lower(event.args.newRecipient) });
  await recordAudit(context, event, "FeeRecipientUpdated", governedActor(event, context));
}));

ponder.on("CreatorPool:RoleGranted", shared("CreatorPool:RoleGranted", async ({ event, context }) => {
  await recordDexRoleEvent(context, event, "RoleGranted");
}));

ponder.on("CreatorPool:RoleRevoked", shared("CreatorPool:RoleRevoked", async ({ event, context }) => {
  await recordDexRoleEvent(context, event, "RoleRevoked");
}));

ponder.on("CreatorPool:RoleAdminChanged", shared("CreatorPool:RoleAdminChanged", async ({ event, context }) => {
  await recordDexRoleEvent(context, event, "RoleAdminChanged");
}));
