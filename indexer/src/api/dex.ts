/**
 * The DEX's REST routes (README "Indexer API" → DEX), `:chain` a CAIP-2 id:
 *  - GET /dex/:chain/creators?launched=true|false&limit=&offset=: creators, most followers first,
 *    each with its coin's symbol and name (null before launch);
 *  - GET /dex/:chain/creators/:creatorId?limit=&offset=: one creator, its latest reports (oldest
 *    first), its milestones and the oracle's thresholds (each with `reached`);
 *  - GET /dex/:chain/coins?limit=&offset=: coins, newest launch first, each with its pool's summary
 *    (price, reserves, 24 h volume and price change, halted);
 *  - GET /dex/:chain/coins/:coin: one coin with its pool, creator, releases, revenue totals and
 *    latest protection events;
 *  - GET /dex/:chain/coins/:coin/candles?interval=1m|1h|1d&from=&to=&limit=: OHLC candles, oldest
 *    first (the latest `limit` of the range);
 *  - GET /dex/:chain/coins/:coin/swaps?account=&side=buy|sell&limit=&offset=: swaps, newest first;
 *  - GET /dex/:chain/coins/:coin/holders?limit=&offset=: accounts holding the coin, largest first;
 *  - GET /dex/:chain/portfolio/:address: an account's coins with value, cost basis, realized and
 *    unrealized P/L and revenue claimed.
 *
 * Amounts are integers in decimal strings; prices are base-token smallest units per whole coin
 * (`reserveBase * 10^18 / reserveCoin`). "Now" for the 24 h figures is the chain's latest indexed
 * block time (Ponder's checkpoint, returned as `chainTime`), so answers depend on the indexed
 * data only: `volume24h` sums the base side of swaps after `chainTime - 86400`; `change24hBps` is
 * `(price - reference) * 10000 / reference` rounded toward zero, the reference being the price
 * after the last swap at or before `chainTime - 86400`, or else the price before the first swap
 * since (0 without swaps). Bad input answers 400 `{ error }`, an unknown chain, creator or coin 404.
 */
import { db } from "ponder:api";
import schema from "ponder:schema";
import type { CandleInterval, SwapSide } from "ponder:schema";
import type { Context, Hono } from "hono";
import { HTTPException } from "hono/http-exception";
import { and, asc, count, desc, eq, gt, gte, inArray, lte, or, sql } from "ponder";
import type { ApiLimits } from "./limits.ts";
import { addressParam, badRequest, CAIP2, fail, pageParams, toJson } from "./params.ts";
import { latestCheckpoints } from "./checkpoints.ts";
import { ponderChainOfCaip2 } from "../../stacks/chains.ts";
import { oneCoinOn } from "../dex/units.ts";

const DAY = 86_400n;
const INTERVALS: readonly CandleInterval[] = ["1m", "1h", "1d"];
const SIDES: readonly SwapSide[] = ["buy", "sell"];
const BYTES32 = /^0x[0-9a-fA-F]{64}$/;
/** Unix seconds accepted by `from` and `to` (up to the year 33658). */
const SECONDS = /^\d{1,12}$/;
/** Protection events shown with a coin. */
const BREAKER_EVENTS_SHOWN = 50;

type PoolRow = typeof schema.pool.$inferSelect;

/** The `:chain` parameter: 400 unless CAIP-2, 404 when no DEX is indexed there. */
async function dexChain(c: Context): Promise<string> {
  const chainId = c.req.param("chain")!;
  if (!CAIP2.test(chainId)) throw badRequest(`Invalid chain "${chainId}": expected a CAIP-2 id like eip155:31337`);
  const o = schema.metricsOracle;
  const [oracle] = await db.select({ id: o.id }).from(o).where(eq(o.chainId, chainId)).limit(1);
  if (!oracle) throw new HTTPException(404, { message: `No DEX indexed on ${chainId}` });
  return chainId;
}

/** The chain's latest indexed block time, from Ponder's checkpoint (its first 10 digits). */
async function chainTime(chainId: string): Promise<bigint> {
  const id = ponderChainOfCaip2(chainId);
  const checkpoint = (await latestCheckpoints()).find((c) => c.chainId === id)?.latestCheckpoint;
  return checkpoint ? BigInt(checkpoint.slice(0, 10)) : 0n;
}

/** 24 h volume and price change of a pool at chain time `now` (see the file comment). */
async function pool24h(p: PoolRow, now: bigint): Promise<{ volume24h: bigint; change24hBps: number }> {
  const s = schema.swap;
  const cutoff = now - DAY;
  const ofPool = and(eq(s.chainId, p.chainId), eq(s.pool, p.address));
  const [volume] = await db
    .select({ v: sql<string>`coalesce(sum(${s.amountBase}), 0)::text` })
    .from(s)
    .where(and(ofPool, gt(s.time, cutoff)));
  const [before] = await db.select({ price: s.priceAfter }).from(s).where(and(ofPool, lte(s.time, cutoff))).orderBy(desc(s.block), desc(s.logIndex)).limit(1);
  let reference = before?.price ?? null;
  if (reference === null) {
    const [first] = await db.select({ price: s.priceBefore }).from(s).where(and(ofPool, gt(s.time, cutoff))).orderBy(asc(s.block), asc(s.logIndex)).limit(1);
    reference = first?.price ?? null;
  }
  const change = reference && p.price !== null ? ((p.price - reference) * 10_000n) / reference : 0n;
  return { volume24h: BigInt(volume?.v ?? "0"), change24hBps: Number(change) };
}

/** What a pool's row says plus whether it trades at `now`. */
const poolSummary = async (p: PoolRow, now: bigint) => ({ ...p, halted: p.haltedUntil > now, ...(await pool24h(p, now)) });

/** The `:coin` parameter's coin row; 400 for a bad address, 404 when not launched on the chain. */
async function coinParam(c: Context, chainId: string) {
  const address = addressParam(c.req.param("coin")!, "coin");
  const [row] = await db.select().from(schema.coin).where(eq(schema.coin.id, `${chainId}:${address}`));
  if (!row) throw new HTTPException(404, { message: `No coin ${address} on ${chainId}` });
  return row;
}

function secondsParam(c: Context, name: string): bigint | undefined {
  const raw = c.req.query(name);
  if (raw === undefined || raw === "") return undefined;
  if (!SECONDS.test(raw)) throw badRequest(`Invalid ${name} "${raw}": expected unix seconds (a non-negative integer)`);
  return BigInt(raw);
}

export function registerDexRoutes(app: Hono, limits: ApiLimits): void {
  app.get("/dex/:chain/creators", async (c: Context) => {
    const chainId = await dexChain(c);
    const launchedRaw = c.req.query("launched");
    if (launchedRaw !== undefined && launchedRaw !== "" && launchedRaw !== "true" && launchedRaw !== "false") {
      return fail(c, 400, `Invalid launched "${launchedRaw}": expected true or false`);
    }
    const { limit, offset } = pageParams(c, limits);
    const r = schema.creator;
    const where = and(
      eq(r.chainId, chainId),
      launchedRaw === "true" ? sql`${r.coin} is not null` : launchedRaw === "false" ? sql`${r.coin} is null` : undefined,
    );
    const [total] = await db.select({ n: count() }).from(r).where(where);
    const rows = await db.select().from(r).where(where).orderBy(desc(r.followers), asc(r.creatorId)).limit(limit).offset(offset);
    const coins = await coinsOf(chainId, rows.flatMap((row) => (row.coin ? [row.coin] : [])));
    return c.json(
      toJson({
        chainId,
        total: Number(total?.n ?? 0),
        limit,
        offset,
        items: rows.map((row) => ({ ...row, symbol: row.coin ? (coins.get(row.coin)?.symbol ?? null) : null, name: row.coin ? (coins.get(row.coin)?.name ?? null) : null })),
      }),
    );
  });

  app.get("/dex/:chain/creators/:creatorId", async (c: Context) => {
    const chainId = await dexChain(c);
    const creatorId = c.req.param("creatorId")!;
    if (!BYTES32.test(creatorId)) {
      return fail(c, 400, `Invalid creator id "${creatorId}": expected a 0x-prefixed 32-byte hex id (keccak256("worx:creator:" + handle))`);
    }
    const id = creatorId.toLowerCase() as `0x${string}`;
    const { limit, offset } = pageParams(c, limits);
    const [row] = await db.select().from(schema.creator).where(eq(schema.creator.id, `${chainId}:${id}`));
    if (!row) return fail(c, 404, `No creator ${id} on ${chainId}`);
    const m = schema.creatorMetric;
    const metricsWhere = and(eq(m.chainId, chainId), eq(m.creatorId, id));
    const [metricsTotal] = await db.select({ n: count() }).from(m).where(metricsWhere);
    const metrics = await db.select().from(m).where(metricsWhere).orderBy(desc(m.observedAt)).limit(limit).offset(offset);
    const ms = schema.creatorMilestone;
    const milestones = await db.select().from(ms).where(and(eq(ms.chainId, chainId), eq(ms.creatorId, id))).orderBy(asc(ms.index));
    const [oracle] = await db.select().from(schema.metricsOracle).where(eq(schema.metricsOracle.chainId, chainId)).limit(1);
    const t = schema.milestoneThreshold;
    const thresholds = oracle ? await db.select().from(t).where(and(eq(t.chainId, chainId), eq(t.oracle, oracle.address))).orderBy(asc(t.index)) : [];
    const reachedAt = new Map(milestones.map((x) => [x.index, x.reachedAt]));
    const [coin] = row.coin ? await db.select().from(schema.coin).where(eq(schema.coin.id, `${chainId}:${row.coin}`)) : [];
    return c.json(
      toJson({
        chainId,
        creator: row,
        coin: coin ?? null,
        launchMilestoneIndex: oracle?.launchMilestoneIndex ?? 0,
        // The latest reports, oldest first (for a chart).
        metrics: metrics.reverse(),
        metricsTotal: Number(metricsTotal?.n ?? 0),
        limit,
        offset,
        milestones,
        thresholds: thresholds.map((x) => ({ index: x.index, threshold: x.threshold, reached: x.index < row.milestonesReached, reachedAt: reachedAt.get(x.index) ?? null })),
      }),
    );
  });

  app.get("/dex/:chain/coins", async (c: Context) => {
    const chainId = await dexChain(c);
    const { limit, offset } = pageParams(c, limits);
    const k = schema.coin;
    const [total] = await db.select({ n: count() }).from(k).where(eq(k.chainId, chainId));
    const rows = await db.select().from(k).where(eq(k.chainId, chainId)).orderBy(desc(k.launchedAt), desc(k.launchBlock), asc(k.address)).limit(limit).offset(offset);
    const now = await chainTime(chainId);
    const pools = await poolsOf(chainId, rows.map((r) => r.pool));
    const items = [];
    for (const row of rows) {
      const p = pools.get(row.pool);
      const summary = p ? await pool24h(p, now) : { volume24h: 0n, change24hBps: 0 };
      items.push({
        ...row,
        price: p?.price ?? null,
        reserveCoin: p?.reserveCoin ?? 0n,
        reserveBase: p?.reserveBase ?? 0n,
        lpSupply: p?.lpSupply ?? 0n,
        swapFeeBps: p?.swapFeeBps ?? 0,
        haltedUntil: p?.haltedUntil ?? 0n,
        halted: p ? p.haltedUntil > now : false,
        swaps: p?.swaps ?? 0,
        volumeBaseTotal: p?.volumeBaseTotal ?? 0n,
        ...summary,
      });
    }
    return c.json(toJson({ chainId, chainTime: now, total: Number(total?.n ?? 0), limit, offset, items }));
  });

  app.get("/dex/:chain/coins/:coin", async (c: Context) => {
    const chainId = await dexChain(c);
    const coin = await coinParam(c, chainId);
    const now = await chainTime(chainId);
    const [p] = await db.select().from(schema.pool).where(eq(schema.pool.id, `${chainId}:${coin.pool}`));
    const [creator] = await db.select().from(schema.creator).where(eq(schema.creator.id, `${chainId}:${coin.creatorId}`));
    const r = schema.coinRelease;
    const releases = await db.select().from(r).where(and(eq(r.chainId, chainId), eq(r.coin, coin.address))).orderBy(asc(r.milestoneIndex));
    const b = schema.breakerEvent;
    const breakerEvents = await db
      .select()
      .from(b)
      .where(and(eq(b.chainId, chainId), eq(b.pool, coin.pool)))
      .orderBy(desc(b.block), desc(b.id))
      .limit(BREAKER_EVENTS_SHOWN);
    return c.json(
      toJson({
        chainId,
        chainTime: now,
        coin,
        pool: p ? await poolSummary(p, now) : null,
        creator: creator ?? null,
        releases,
        revenue: {
          deposited: coin.revenueDeposited,
          holderShare: coin.revenueHolderShare,
          creatorShare: coin.revenueCreatorShare,
          claimed: coin.revenueClaimed,
          creatorPending: coin.creatorRevenuePending,
          deposits: coin.revenueDeposits,
        },
        breakerEvents,
      }),
    );
  });

  app.get("/dex/:chain/coins/:coin/candles", async (c: Context) => {
    const chainId = await dexChain(c);
    const intervalRaw = c.req.query("interval") || "1h";
    if (!(INTERVALS as readonly string[]).includes(intervalRaw)) {
      return fail(c, 400, `Invalid interval "${intervalRaw}": expected one of ${INTERVALS.join(", ")}`);
    }
    const interval = intervalRaw as CandleInterval;
    const from = secondsParam(c, "from");
    const to = secondsParam(c, "to");
    if (from !== undefined && to !== undefined && from > to) return fail(c, 400, `Invalid range: from ${from} is after to ${to}`);
    // A chart wants many candles: the page size defaults to the largest allowed.
    const limit = c.req.query("limit") ? pageParams(c, limits).limit : limits.maxLimit;
    const coin = await coinParam(c, chainId);
    const k = schema.candle;
    const rows = await db
      .select()
      .from(k)
      .where(
        and(
          eq(k.chainId, chainId),
          eq(k.pool, coin.pool),
          eq(k.interval, interval),
          from !== undefined ? gte(k.bucket, from - (from % bucketSeconds(interval))) : undefined,
          to !== undefined ? lte(k.bucket, to) : undefined,
        ),
      )
      .orderBy(desc(k.bucket))
      .limit(limit);
    return c.json(
      toJson({
        chainId,
        coin: coin.address,
        pool: coin.pool,
        interval,
        items: rows.reverse().map((row) => ({
          time: row.bucket,
          open: row.open,
          high: row.high,
          low: row.low,
          close: row.close,
          volumeBase: row.volumeBase,
          volumeCoin: row.volumeCoin,
          trades: row.trades,
        })),
      }),
    );
  });

  app.get("/dex/:chain/coins/:coin/swaps", async (c: Context) => {
    const chainId = await dexChain(c);
    const accountRaw = c.req.query("account");
    const account = accountRaw ? addressParam(accountRaw, "account") : undefined;
    const sideRaw = c.req.query("side");
    if (sideRaw !== undefined && sideRaw !== "" && !(SIDES as readonly string[]).includes(sideRaw)) {
      return fail(c, 400, `Invalid side "${sideRaw}": expected buy or sell`);
    }
    const { limit, offset } = pageParams(c, limits);
    const coin = await coinParam(c, chainId);
    const s = schema.swap;
    const where = and(
      eq(s.chainId, chainId),
      eq(s.pool, coin.pool),
      account ? or(eq(s.sender, account), eq(s.to, account)) : undefined,
      sideRaw ? eq(s.side, sideRaw as SwapSide) : undefined,
    );
    const [total] = await db.select({ n: count() }).from(s).where(where);
    const items = await db.select().from(s).where(where).orderBy(desc(s.block), desc(s.logIndex)).limit(limit).offset(offset);
    return c.json(toJson({ chainId, coin: coin.address, total: Number(total?.n ?? 0), limit, offset, items }));
  });

  app.get("/dex/:chain/coins/:coin/holders", async (c: Context) => {
    const chainId = await dexChain(c);
    const { limit, offset } = pageParams(c, limits);
    const coin = await coinParam(c, chainId);
    const h = schema.holder;
    const where = and(eq(h.chainId, chainId), eq(h.coin, coin.address), gt(h.balance, 0n));
    const [total] = await db.select({ n: count() }).from(h).where(where);
    const rows = await db.select().from(h).where(where).orderBy(desc(h.balance), asc(h.account)).limit(limit).offset(offset);
    return c.json(
      toJson({
        chainId,
        coin: coin.address,
        totalSupply: coin.totalSupply,
        total: Number(total?.n ?? 0),
        limit,
        offset,
        items: rows.map((row) => ({
          ...row,
          isPool: row.account === coin.pool,
          // Share of the supply in basis points, rounded down.
          shareBps: coin.totalSupply === 0n ? 0 : Number((row.balance * 10_000n) / coin.totalSupply),
        })),
      }),
    );
  });

  app.get("/dex/:chain/portfolio/:address", async (c: Context) => {
    const chainId = await dexChain(c);
    const account = addressParam(c.req.param("address")!, "address");
    const now = await chainTime(chainId);
    const h = schema.holder;
    // One row per coin the account ever held: bounded by the page size.
    const rows = await db.select().from(h).where(and(eq(h.chainId, chainId), eq(h.account, account))).orderBy(asc(h.coin)).limit(limits.maxLimit);
    const coins = await coinsOf(chainId, rows.map((r) => r.coin));
    const pools = await poolsOf(chainId, [...coins.values()].map((k) => k.pool));
    const totals = { valueBase: 0n, costBasisBase: 0n, realizedPnlBase: 0n, unrealizedPnlBase: 0n, revenueClaimed: 0n };
    const items = rows.flatMap((row) => {
      const coin = coins.get(row.coin);
      if (!coin) return [];
      const price = pools.get(coin.pool)?.price ?? null;
      const valueBase = price === null ? 0n : (row.balance * price) / oneCoinOn(chainId);
      const unrealizedPnlBase = valueBase - row.costBasisBase;
      totals.valueBase += valueBase;
      totals.costBasisBase += row.costBasisBase;
      totals.realizedPnlBase += row.realizedPnlBase;
      totals.unrealizedPnlBase += unrealizedPnlBase;
      totals.revenueClaimed += row.revenueClaimed;
      return [
        {
          coin: coin.address,
          symbol: coin.symbol,
          name: coin.name,
          creatorId: coin.creatorId,
          pool: coin.pool,
          baseToken: coin.baseToken,
          balance: row.balance,
          costBasisBase: row.costBasisBase,
          boughtCoin: row.boughtCoin,
          soldCoin: row.soldCoin,
          boughtBase: row.boughtBase,
          soldBase: row.soldBase,
          realizedPnlBase: row.realizedPnlBase,
          price,
          valueBase,
          unrealizedPnlBase,
          revenueClaimed: row.revenueClaimed,
        },
      ];
    });
    return c.json(toJson({ chainId, address: account, chainTime: now, items, totals }));
  });
}

const bucketSeconds = (interval: CandleInterval) => ({ "1m": 60n, "1h": 3_600n, "1d": 86_400n })[interval];

async function coinsOf(chainId: string, addresses: string[]) {
  if (addresses.length === 0) return new Map<string, typeof schema.coin.$inferSelect>();
  const rows = await db.select().from(schema.coin).where(inArray(schema.coin.id, [...new Set(addresses)].map((a) => `${chainId}:${a}`)));
  return new Map(rows.map((r) => [r.address as string, r]));
}

async function poolsOf(chainId: string, addresses: string[]) {
  if (addresses.length === 0) return new Map<string, PoolRow>();
  const rows = await db.select().from(schema.pool).where(inArray(schema.pool.id, [...new Set(addresses)].map((a) => `${chainId}:${a}`)));
  return new Map(rows.map((r) => [r.address as string, r]));
}
