/**
 * The indexer's HTTP API, read by the SPA, explorers and third parties (README: "Indexer API"):
 *  - POST /graphql (and /): GraphQL over every table, with relations (escrow → milestones);
 *  - GET  /sql/db?sql=…: SQL over HTTP for `@ponder/client` (read-only, validated by Ponder);
 *  - GET  /escrows/:chainId/:escrowId: one escrow with its milestones, disputes and timeline;
 *  - GET  /disputes?chainId=&status=&party=&limit=&offset=: disputes, oldest first (the arbiter's queue);
 *  - GET  /freelancers/:chainId/:address: a freelancer's work history (stats, earnings, ratings);
 *    chainId "all" sums the stats over every chain.
 *  - GET  /leaderboard?chainId=<caip2|all>&group=account|chain&sort=&order=asc|desc&minJobs=&tier=&limit=&offset=:
 *    freelancers ranked by a leaderboard column; "all" (the default) spans every chain, EVM and
 *    Stacks; `group=account` (the default) sums an account's chains into one line, `group=chain`
 *    keeps one line per account and chain, each labelled with its CAIP-2 `chainId`;
 *  - GET  /profiles/:chainId/:address: a profile: leaderboard stats, badges held, attestations and
 *    the tiers' criteria (chainId "all": every chain, each row labelled with its chain). An EVM
 *    address and a Stacks principal are different identities: a profile is one account's rows;
 *  - GET  /chains: the chains this indexer indexes (CAIP-2 id, family, name, latest indexed block
 *    time), for a chain filter;
 *  - GET  /dao/:chainId/proposals, /dao/:chainId/proposals/:proposalId, /dao/:chainId/treasury,
 *    /dao/:chainId/members/:address: the DAO (./dao.ts).
 *  - GET  /dex/:chain/creators[/:creatorId], /dex/:chain/coins[/:coin[/candles|/swaps|/holders]],
 *    /dex/:chain/portfolio/:address: creator coins and the DEX (./dex.ts).
 * Bad input answers 4xx with `{ "error": message }`, never a stack trace. CORS is open (GET/POST):
 * every row here is public chain data. Every route is rate-limited per client IP and every query
 * bounded (page size, offset, depth, aliases, tokens, body and SQL length): see ./limits.ts.
 * Ponder's own /health, /ready, /status and /metrics are served before this app, unlimited.
 */
import { db } from "ponder:api";
import schema from "ponder:schema";
import { Hono, type Context } from "hono";
import { bodyLimit } from "hono/body-limit";
import { cors } from "hono/cors";
import { HTTPException } from "hono/http-exception";
import { and, asc, client, count, desc, eq, graphql, or, sql } from "ponder";
import { satisfactionBps, STATS_COUNTERS } from "../stats.ts";
import { registerDaoRoutes } from "./dao.ts";
import { registerDexRoutes } from "./dex.ts";
import { checkPagination } from "./graphqlGuard.ts";
import { readLimits } from "./limits.ts";
import { accountFamily, addressParam, badRequest, CAIP2, chainParam, fail, leaderboardGroupParam, pageParams as pageParamsOf, toJson, UINT, type ErrorStatus } from "./params.ts";
import { pgliteSqlDatabase, ponderSchema } from "./pgliteSql.ts";
import { rateLimit } from "./rateLimit.ts";
import { indexerEpoch, keyedSqlParameter } from "./sqlCacheKey.ts";
import { latestCheckpoints } from "./checkpoints.ts";
import { indexedChain } from "./chains.ts";

const limits = readLimits();
const app = new Hono();

app.use("*", cors({ origin: "*", allowMethods: ["GET", "POST", "OPTIONS"], allowHeaders: ["content-type"], maxAge: 86400 }));
// After CORS, so that a browser can read a 429's message.
app.use("*", rateLimit(limits));


// ───────────────────────────── GraphQL ─────────────────────────────

const graphqlMiddleware = graphql(
  { db, schema },
  { maxOperationDepth: limits.maxDepth, maxOperationAliases: limits.maxAliases, maxOperationTokens: limits.maxTokens },
);

const graphqlBodyLimit = bodyLimit({
  maxSize: limits.maxBodyBytes,
  onError: (c) => fail(c, 413, `Request body too large: at most ${limits.maxBodyBytes} bytes`),
});

/**
 * Checks page sizes and offsets of a POSTed operation before it runs (see ./graphqlGuard.ts), then
 * hands the same body on to the GraphQL server. Undefined when the request may proceed.
 */
async function guardGraphqlRequest(c: Context): Promise<Response | undefined> {
  if (c.req.method !== "POST") return undefined;
  const type = c.req.header("content-type") ?? "";
  const text = await c.req.raw.text();
  c.req.raw = new Request(c.req.raw.url, { method: "POST", headers: c.req.raw.headers, body: text });
  let operations: { query?: unknown; variables?: unknown }[];
  if (type.includes("application/graphql")) {
    operations = [{ query: text }];
  } else {
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      return fail(c, 400, 'The request body must be JSON: { "query": "…", "variables": { … } }');
    }
    operations = (Array.isArray(body) ? body : [body]) as typeof operations;
  }
  for (const op of operations) {
    if (!op || typeof op.query !== "string") continue; // the GraphQL server explains what is missing
    const variables = op.variables && typeof op.variables === "object" ? (op.variables as Record<string, unknown>) : undefined;
    const problem = checkPagination(op.query, variables, limits);
    if (problem) return fail(c, 400, problem);
  }
  return undefined;
}

interface GraphQLError {
  message: string;
  locations?: unknown;
  path?: unknown;
  extensions?: Record<string, unknown>;
}

/**
 * Ponder rewrites every GraphQL response to 200. Request errors (unparsable body, syntax or
 * validation errors: no `data` at all, per the GraphQL-over-HTTP spec) become 400 here; field
 * errors keep 200 with partial data, as GraphQL clients expect. Stacks and original errors, which
 * the server adds outside production, are stripped either way.
 */
const graphqlHandler = async (c: Context) => {
  if (c.req.method !== "GET" && c.req.method !== "POST") return fail(c, 405, `Method ${c.req.method} not allowed on ${c.req.path}`);
  const rejected = await guardGraphqlRequest(c);
  if (rejected) return rejected;
  const response = (await graphqlMiddleware(c, async () => {})) as Response | undefined;
  if (!response) return fail(c, 500, "GraphQL handler returned no response");
  const type = response.headers.get("content-type") ?? "";
  if (!type.includes("json")) return response; // GraphiQL page on GET
  const text = await response.text();
  let body: { data?: unknown; errors?: GraphQLError[] };
  try {
    body = JSON.parse(text);
  } catch {
    return fail(c, 500, "GraphQL handler returned invalid JSON");
  }
  if (!Array.isArray(body.errors) || body.errors.length === 0) {
    return new Response(text, { status: 200, headers: { "content-type": type } });
  }
  const errors = body.errors.map(({ message, locations, path, extensions }) => {
    const { originalError: _o, stack: _s, http: _h, ...rest } = extensions ?? {};
    return { message, locations, path, ...(Object.keys(rest).length ? { extensions: rest } : {}) };
  });
  if (body.data === undefined || body.data === null) {
    return c.json({ error: errors.map((e) => e.message).join("; "), errors }, 400);
  }
  return c.json({ data: body.data, errors }, 200);
};

app.all("/graphql", graphqlBodyLimit, graphqlHandler);
app.all("/", graphqlBodyLimit, graphqlHandler);

// ───────────────────────────── SQL over HTTP ─────────────────────────────

// On PGlite, each query runs in its own read-only transaction that sees the indexer's tables
// rather than the indexer's leftover temporary tables (see ./pgliteSql.ts).
const sqlMiddleware = client({ db: process.env.DATABASE_URL ? db : pgliteSqlDatabase(db, ponderSchema()), schema });

/**
 * `@ponder/client` answers rejected queries (not read-only, unknown table, SQL errors) with 500
 * and plain text. They are the caller's input, so they become 400 JSON here; 503 (live queries
 * before the backfill ends) keeps its status. The statement's length is checked first, with a
 * message (Ponder's own check at 5000 characters only says "Invalid query").
 */
app.use("/sql/*", async (c, next) => {
  if (c.req.path === "/sql/db" || c.req.path === "/sql/live") {
    const sql = c.req.query("sql");
    if (sql === undefined) return fail(c, 400, 'Missing "sql" query parameter');
    let parsed: { json?: { sql?: unknown } };
    try {
      parsed = JSON.parse(sql);
    } catch {
      return fail(c, 400, 'The "sql" query parameter must be a superjson-encoded query, as @ponder/client sends it');
    }
    const statement = parsed?.json?.sql;
    if (typeof statement !== "string") return fail(c, 400, 'The "sql" query parameter must encode { json: { sql, params } }');
    if (statement.length > limits.maxSqlLength) {
      return fail(c, 400, `SQL statement too long: ${statement.length} characters, at most ${limits.maxSqlLength}`);
    }
    // Ponder caches results by this parameter: key them by the indexer's epoch too, so that no
    // result survives a reorg (./sqlCacheKey.ts).
    if (c.req.path === "/sql/db") {
      const url = new URL(c.req.url);
      url.searchParams.set("sql", keyedSqlParameter(sql, await indexerEpoch()));
      c.req.raw = new Request(url, c.req.raw);
    }
  }
  let response: Response | void;
  try {
    response = await sqlMiddleware(c, next);
  } catch (error) {
    return fail(c, 400, `Invalid SQL query: ${(error as Error).message}`);
  }
  if (!response) return c.res;
  if (response.ok || (response.headers.get("content-type") ?? "").includes("text/event-stream")) return response;
  let message = await response.text();
  // Parser errors of the SQL validator are not Error objects and arrive as "[object Object]".
  if (!message || message === "[object Object]") message = "Invalid SQL: the query could not be parsed";
  // Ponder's validator names the refused node ("DeleteStmt not supported"): say why it is refused.
  if (/ not supported$/.test(message)) message = `Only read-only queries (SELECT) over the indexer's tables are allowed: ${message}`;
  return fail(c, response.status === 503 ? 503 : 400, message);
});

// ───────────────────────────── REST ─────────────────────────────

const DISPUTE_STATUSES = ["open", "ruled", "settled"] as const;
const pageParams = (c: Context) => pageParamsOf(c, limits);

app.get("/escrows/:chainId/:escrowId", async (c) => {
  const { chainId, escrowId } = c.req.param();
  if (!CAIP2.test(chainId)) return fail(c, 400, `Invalid chain id "${chainId}": expected a CAIP-2 id like eip155:31337`);
  if (!UINT.test(escrowId)) return fail(c, 400, `Invalid escrow id "${escrowId}": expected a non-negative integer`);
  const id = BigInt(escrowId);
  const [row] = await db.select().from(schema.escrow).where(and(eq(schema.escrow.chainId, chainId), eq(schema.escrow.escrowId, id)));
  if (!row) return fail(c, 404, `No escrow ${escrowId} on ${chainId}`);
  const milestones = await db
    .select()
    .from(schema.milestone)
    .where(and(eq(schema.milestone.chainId, chainId), eq(schema.milestone.escrowId, id)))
    .orderBy(asc(schema.milestone.index));
  const disputes = await db
    .select()
    .from(schema.dispute)
    .where(and(eq(schema.dispute.chainId, chainId), eq(schema.dispute.escrowId, id)))
    .orderBy(asc(schema.dispute.index));
  // A job has a bounded number of events (a few per milestone, at most MAX_MILESTONES of them).
  const timeline = await db
    .select()
    .from(schema.escrowEvent)
    .where(and(eq(schema.escrowEvent.chainId, chainId), eq(schema.escrowEvent.escrowId, id)))
    .orderBy(asc(schema.escrowEvent.blockNumber), asc(schema.escrowEvent.logIndex));
  return c.json(toJson({ ...row, milestones, disputes, timeline }));
});

app.get("/disputes", async (c) => {
  const chainId = chainParam(c.req.query("chainId"));
  const status = c.req.query("status");
  if (status !== undefined && status !== "" && !(DISPUTE_STATUSES as readonly string[]).includes(status)) {
    return fail(c, 400, `Invalid status "${status}": expected one of ${DISPUTE_STATUSES.join(", ")}`);
  }
  const partyRaw = c.req.query("party");
  const party = partyRaw ? addressParam(partyRaw, "party") : undefined;
  const { limit, offset } = pageParams(c);
  const d = schema.dispute;
  const filters: ReturnType<typeof eq>[] = [];
  if (chainId) filters.push(eq(d.chainId, chainId));
  if (status) filters.push(eq(d.status, status as (typeof DISPUTE_STATUSES)[number]));
  if (party) filters.push(or(eq(d.client, party), eq(d.freelancer, party))!);
  const where = filters.length ? and(...filters) : undefined;
  const [total] = await db.select({ n: count() }).from(d).where(where);
  const items = await db.select().from(d).where(where).orderBy(asc(d.openedAt), asc(d.id)).limit(limit).offset(offset);
  return c.json(toJson({ totalCount: Number(total?.n ?? 0), limit, offset, items }));
});

app.get("/freelancers/:chainId/:address", async (c) => {
  const { chainId: chainRaw, address: addressRaw } = c.req.param();
  const chainId = chainParam(chainRaw, "chain id", true);
  const freelancer = addressParam(addressRaw, "address");
  const { limit, offset } = pageParams(c);
  const s = schema.freelancerStats;
  const rows = await db
    .select()
    .from(s)
    .where(chainId ? and(eq(s.chainId, chainId), eq(s.freelancer, freelancer)) : eq(s.freelancer, freelancer))
    .orderBy(asc(s.chainId));
  // An account that never worked has all-zero stats, as on chain.
  const stats = Object.fromEntries(STATS_COUNTERS.map((k) => [k, rows.reduce((sum, r) => sum + r[k], 0)])) as Record<(typeof STATS_COUNTERS)[number], number>;
  const e = schema.freelancerEarning;
  const earnings = await db
    .select({ chainId: e.chainId, token: e.token, earned: e.earned, updatedAt: e.updatedAt })
    .from(e)
    .where(chainId ? and(eq(e.chainId, chainId), eq(e.freelancer, freelancer)) : eq(e.freelancer, freelancer))
    .orderBy(asc(e.chainId), asc(e.token));
  const r = schema.jobRating;
  const ratingsWhere = chainId ? and(eq(r.chainId, chainId), eq(r.freelancer, freelancer)) : eq(r.freelancer, freelancer);
  const ratings = await db.select().from(r).where(ratingsWhere).orderBy(desc(r.ratedAt), asc(r.id)).limit(limit).offset(offset);
  return c.json(
    toJson({
      chainId: chainId ?? "all",
      freelancer,
      stats: {
        ...stats,
        // Satisfaction in basis points (ratingSum / (5 * ratingCount)); null before any rating.
        satisfactionBps: stats.ratingCount ? satisfactionBps(stats.ratingSum, stats.ratingCount) : null,
        updatedAt: rows.reduce<bigint | null>((max, row) => (max === null || row.updatedAt > max ? row.updatedAt : max), null),
      },
      chains: rows.map(({ id: _id, freelancer: _f, ...perChain }) => perChain),
      earnings,
      ratings: { totalCount: stats.ratingCount, limit, offset, items: ratings },
    }),
  );
});

// ───────────────────────────── badges and leaderboard ─────────────────────────────

type IntColumn = "completedJobs" | "closedJobs" | "milestonesDelivered" | "milestonesOnTime" | "ratingCount" | "ratingSum" | "disputesOpened" | "disputesLost" | "badgeCount";
/** Drizzle's SQL fragment types (drizzle-orm itself is Ponder's private dependency). */
type SQL = ReturnType<typeof sql>;
type Aliased = ReturnType<SQL["as"]>;

const TIER_NAMES = ["bronze", "silver", "gold", "platinum", "verified"] as const;

const tierId = (name: string) => TIER_NAMES.indexOf(name as (typeof TIER_NAMES)[number]) + 1;

/**
 * One leaderboard line per freelancer over the rows `where` selects (one chain, or every chain):
 * counters summed, rates and averages recomputed from the sums (never averaged), best tier the
 * highest over the chains. With `perChain`, one line per freelancer and chain instead (the row's
 * chain in `chainKey`; null when combined). A subquery, so that every column can be filtered and
 * sorted on.
 */
function combinedLeaderboard(where: SQL | undefined, perChain = false) {
  const l = schema.leaderboard;
  const total = (column: (typeof l)[IntColumn], alias: string) => sql<number>`coalesce(sum(${column}), 0)::bigint`.as(alias);
  const sums = db
    .select({
      freelancer: l.freelancer,
      chainKey: (perChain ? sql<string | null>`${l.chainId}` : sql<string | null>`null::text`).as("chain_key"),
      chains: sql<string[]>`array_agg(${l.chainId} order by ${l.chainId})`.as("chains"),
      completedJobs: total(l.completedJobs, "completed_jobs"),
      closedJobs: total(l.closedJobs, "closed_jobs"),
      milestonesDelivered: total(l.milestonesDelivered, "milestones_delivered"),
      milestonesOnTime: total(l.milestonesOnTime, "milestones_on_time"),
      deliveryDeltaSum: sql<string>`coalesce(sum(${l.deliveryDeltaSum}), 0)`.as("delivery_delta_sum"),
      ratingCount: total(l.ratingCount, "rating_count"),
      ratingSum: total(l.ratingSum, "rating_sum"),
      disputesOpened: total(l.disputesOpened, "disputes_opened"),
      disputesLost: total(l.disputesLost, "disputes_lost"),
      bestTierId: sql<number>`max(${l.bestTierId})`.as("best_tier_id"),
      badgeCount: total(l.badgeCount, "badge_count"),
      earnedUsd: sql<string>`coalesce(sum(${l.earnedUsd}), 0)`.as("earned_usd"),
      updatedAt: sql<string>`max(${l.updatedAt})`.as("updated_at"),
    })
    .from(l)
    .where(where)
    .groupBy(...(perChain ? [l.freelancer, l.chainId] : [l.freelancer]))
    .as("sums");
  const rate = (part: Aliased | SQL, whole: Aliased | SQL) =>
    sql<number>`(case when ${whole} = 0 then 0 else (${part} * 10000) / ${whole} end)::int`;
  const columns = {
    freelancer: sums.freelancer,
    chainKey: sums.chainKey,
    chains: sums.chains,
    completedJobs: sql<number>`${sums.completedJobs}::int`,
    closedJobs: sql<number>`${sums.closedJobs}::int`,
    milestonesDelivered: sql<number>`${sums.milestonesDelivered}::int`,
    milestonesOnTime: sql<number>`${sums.milestonesOnTime}::int`,
    onTimeRateBps: rate(sums.milestonesOnTime, sums.milestonesDelivered),
    // Rounded toward zero, as the per-chain rows.
    avgDeliveryDelta: sql<number>`(case when ${sums.milestonesDelivered} = 0 then 0 else trunc(${sums.deliveryDeltaSum} / ${sums.milestonesDelivered}) end)::bigint`,
    satisfactionBps: rate(sums.ratingSum, sql`(5 * ${sums.ratingCount})`),
    ratingCount: sql<number>`${sums.ratingCount}::int`,
    disputesOpened: sql<number>`${sums.disputesOpened}::int`,
    disputesLost: sql<number>`${sums.disputesLost}::int`,
    disputeRateBps: rate(sums.disputesOpened, sums.milestonesDelivered),
    completionRateBps: rate(sums.completedJobs, sql`(${sums.completedJobs} + ${sums.closedJobs})`),
    bestTierId: sql<number>`${sums.bestTierId}::int`,
    badgeCount: sql<number>`${sums.badgeCount}::int`,
    earnedUsd: sql<string>`${sums.earnedUsd}::text`,
    updatedAt: sql<string>`${sums.updatedAt}::text`,
  };
  return { sums, columns };
}

/** Columns `sort` accepts (and their SQL). */
const SORTABLE = [
  "completedJobs",
  "closedJobs",
  "milestonesDelivered",
  "milestonesOnTime",
  "onTimeRateBps",
  "avgDeliveryDelta",
  "satisfactionBps",
  "ratingCount",
  "disputesOpened",
  "disputesLost",
  "disputeRateBps",
  "completionRateBps",
  "bestTier",
  "badgeCount",
  "earnedUsd",
  "updatedAt",
  "freelancer",
] as const;
type Sortable = (typeof SORTABLE)[number];

/**
 * A combined line as JSON: numbers as numbers, USD and times as decimal strings, the tier by name.
 * `chainId` is the line's own chain (per-chain lines), else the query's (a chain, or "all").
 */
function leaderboardItem(row: Record<string, unknown>, chainId: string) {
  const { chainKey, ...rest } = row;
  const r = Object.fromEntries(Object.entries(rest).map(([k, v]) => [k, typeof v === "bigint" ? v.toString() : v]));
  const best = Number(r.bestTierId ?? 0);
  return {
    chainId: typeof chainKey === "string" ? chainKey : chainId,
    ...r,
    // Drivers return these as strings (bigint columns): the rest are plain numbers.
    avgDeliveryDelta: Number(r.avgDeliveryDelta),
    bestTierId: best,
    bestTier: best > 0 ? TIER_NAMES[best - 1] : null,
    // PGlite returns arrays; node-postgres may return the literal.
    chains: Array.isArray(r.chains) ? r.chains : String(r.chains ?? "").replace(/[{}]/g, "").split(",").filter(Boolean),
  };
}

function intParam(c: Context, name: string, max: number): number | undefined {
  const raw = c.req.query(name);
  if (raw === undefined || raw === "") return undefined;
  if (!/^\d{1,10}$/.test(raw)) throw badRequest(`Invalid ${name} "${raw}": expected a non-negative integer`);
  const value = Number(raw);
  if (value > max) throw badRequest(`Invalid ${name} ${value}: at most ${max}`);
  return value;
}

app.get("/leaderboard", async (c) => {
  const chainId = chainParam(c.req.query("chainId"), "chainId", true);
  const sortRaw = c.req.query("sort") || "completedJobs";
  if (!(SORTABLE as readonly string[]).includes(sortRaw)) {
    return fail(c, 400, `Invalid sort "${sortRaw}": expected one of ${SORTABLE.join(", ")}`);
  }
  const sort = sortRaw as Sortable;
  const orderRaw = c.req.query("order") || (sort === "freelancer" ? "asc" : "desc");
  if (orderRaw !== "asc" && orderRaw !== "desc") return fail(c, 400, `Invalid order "${orderRaw}": expected asc or desc`);
  const minJobs = intParam(c, "minJobs", 1_000_000_000);
  const tierRaw = c.req.query("tier");
  // The best tier held, by name; "none" for freelancers without a badge.
  let tier: number | undefined;
  if (tierRaw !== undefined && tierRaw !== "") {
    tier = tierRaw === "none" ? 0 : tierId(tierRaw);
    if (tier === 0 && tierRaw !== "none") {
      return fail(c, 400, `Invalid tier "${tierRaw}": expected one of ${TIER_NAMES.join(", ")}, or none`);
    }
  }
  const group = leaderboardGroupParam(c.req.query("group"));
  const { limit, offset } = pageParams(c);

  const { sums, columns } = combinedLeaderboard(chainId ? eq(schema.leaderboard.chainId, chainId) : undefined, group === "chain");
  const filters: SQL[] = [];
  if (minJobs !== undefined) filters.push(sql`${sums.completedJobs} >= ${minJobs}`);
  if (tier !== undefined) filters.push(sql`${sums.bestTierId} = ${tier}`);
  const where = filters.length ? and(...filters) : undefined;
  const sortColumn = sort === "bestTier" ? columns.bestTierId : sort === "freelancer" ? sums.freelancer : columns[sort];
  const direction = orderRaw === "asc" ? asc : desc;
  const [total] = await db.select({ n: count() }).from(sums).where(where);
  const rows = await db
    .select(columns)
    .from(sums)
    .where(where)
    .orderBy(direction(sortColumn), asc(sums.freelancer), asc(sums.chainKey))
    .limit(limit)
    .offset(offset);
  return c.json({
    totalCount: Number(total?.n ?? 0),
    limit,
    offset,
    group,
    items: rows.map((row) => leaderboardItem(row as Record<string, unknown>, chainId ?? "all")),
  });
});

app.get("/profiles/:chainId/:address", async (c) => {
  const { chainId: chainRaw, address: addressRaw } = c.req.param();
  const chainId = chainParam(chainRaw, "chain id", true);
  const account = addressParam(addressRaw, "address");
  const l = schema.leaderboard;
  const { sums, columns } = combinedLeaderboard(chainId ? and(eq(l.chainId, chainId), eq(l.freelancer, account)) : eq(l.freelancer, account));
  const [line] = await db.select(columns).from(sums);
  const perChain = await db
    .select()
    .from(l)
    .where(chainId ? and(eq(l.chainId, chainId), eq(l.freelancer, account)) : eq(l.freelancer, account))
    .orderBy(asc(l.chainId));
  const b = schema.badge;
  // One account holds at most a handful of badges per tier (transferable ones can pile up: bounded by the page size).
  const badges = await db
    .select()
    .from(b)
    .where(and(eq(b.owner, account), eq(b.burned, false), ...(chainId ? [eq(b.chainId, chainId)] : [])))
    .orderBy(asc(b.chainId), desc(b.tierId), asc(b.tokenId))
    .limit(limits.maxLimit);
  const a = schema.attestation;
  const attestations = await db
    .select()
    .from(a)
    .where(chainId ? and(eq(a.chainId, chainId), eq(a.subject, account)) : eq(a.subject, account))
    .orderBy(asc(a.chainId), asc(a.kind));
  const t = schema.badgeTier;
  const tiers = await db
    .select()
    .from(t)
    .where(chainId ? eq(t.chainId, chainId) : undefined)
    .orderBy(asc(t.chainId), asc(t.tierId));
  const empty = { freelancer: account, chainKey: null, chains: [], completedJobs: 0, closedJobs: 0, milestonesDelivered: 0, milestonesOnTime: 0, onTimeRateBps: 0, avgDeliveryDelta: 0, satisfactionBps: 0, ratingCount: 0, disputesOpened: 0, disputesLost: 0, disputeRateBps: 0, completionRateBps: 0, bestTierId: 0, badgeCount: 0, earnedUsd: "0", updatedAt: null };
  return c.json(
    toJson({
      chainId: chainId ?? "all",
      address: account,
      // Which identity this is: an EVM address's rows on every EVM chain, or a Stacks principal's.
      family: accountFamily(account),
      // An account that never worked nor held a badge has all-zero stats, as on chain.
      stats: leaderboardItem((line as Record<string, unknown> | undefined) ?? empty, chainId ?? "all"),
      chains: perChain.map(({ id: _id, freelancer: _f, tierCounts: _t, ...row }) => row),
      badges,
      attestations,
      tiers,
    }),
  );
});

// ───────────────────────────── chains ─────────────────────────────

app.get("/chains", async (c) => {
  const items = (await latestCheckpoints()).map((row) => indexedChain(row.chainId, row.latestCheckpoint));
  return c.json({ totalCount: items.length, items });
});

// ───────────────────────────── DAO ─────────────────────────────

registerDaoRoutes(app, limits);

// ───────────────────────────── DEX ─────────────────────────────

registerDexRoutes(app, limits);

// ───────────────────────────── errors ─────────────────────────────

// Routes not matched above. (Ponder's own /health, /ready, /status, /metrics are matched first.)
app.all("*", (c) => fail(c, 404, `No route ${c.req.method} ${c.req.path}`));

app.onError((error, c) => {
  if (error instanceof HTTPException) return fail(c, error.status as ErrorStatus, error.message);
  console.error(`[api] ${c.req.method} ${c.req.path}:`, error);
  return fail(c, 500, "Internal error");
});

export default app;
