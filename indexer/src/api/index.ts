/**
 * The indexer's HTTP API, read by the SPA, explorers and third parties (README: "Indexer API"):
 *  - POST /graphql (and /): GraphQL over every table, with relations (escrow → milestones);
 *  - GET  /sql/db?sql=…: SQL over HTTP for `@ponder/client` (read-only, validated by Ponder);
 *  - GET  /escrows/:chainId/:escrowId: one escrow with its milestones, disputes and timeline;
 *  - GET  /disputes?chainId=&status=&party=&limit=&offset=: disputes, oldest first (the arbiter's queue);
 *  - GET  /freelancers/:chainId/:address: a freelancer's work history (stats, earnings, ratings);
 *    chainId "all" sums the stats over every chain.
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
import { and, asc, client, count, desc, eq, graphql, or } from "ponder";
import { checkPagination } from "./graphqlGuard.ts";
import { readLimits } from "./limits.ts";
import { pgliteSqlDatabase, ponderSchema } from "./pgliteSql.ts";
import { rateLimit } from "./rateLimit.ts";

const limits = readLimits();
const app = new Hono();

app.use("*", cors({ origin: "*", allowMethods: ["GET", "POST", "OPTIONS"], allowHeaders: ["content-type"], maxAge: 86400 }));
// After CORS, so that a browser can read a 429's message.
app.use("*", rateLimit(limits));

type ErrorStatus = 400 | 404 | 405 | 413 | 500 | 503;
const fail = (c: Context, status: ErrorStatus, message: string) => c.json({ error: message }, status);

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

const CAIP2 = /^(eip155:\d{1,20}|stacks:\d{1,20})$/;
const UINT = /^\d{1,78}$/;
const ADDRESS = /^0x[0-9a-fA-F]{40}$/;
const DISPUTE_STATUSES = ["open", "ruled", "settled"] as const;
/** Page size of the REST lists when the request names none. */
const DEFAULT_PAGE = 50;

/** Thrown by the parameter checks below; answered as 400 `{ error }` by onError. */
const badRequest = (message: string) => new HTTPException(400, { message });

function chainParam(value: string | undefined, name = "chain id", allowAll = false): string | undefined {
  if (value === undefined || value === "") return undefined;
  if (allowAll && value === "all") return undefined;
  if (!CAIP2.test(value)) {
    throw badRequest(`Invalid ${name} "${value}": expected a CAIP-2 id like eip155:31337${allowAll ? ', or "all"' : ""}`);
  }
  return value;
}

function addressParam(value: string, name: string): `0x${string}` {
  if (!ADDRESS.test(value)) throw badRequest(`Invalid ${name} "${value}": expected a 0x-prefixed 20-byte hex address`);
  return value.toLowerCase() as `0x${string}`;
}

/** `limit` and `offset` of a REST list, within the API's GraphQL limits (./limits.ts). */
function pageParams(c: Context): { limit: number; offset: number } {
  const int = (name: string, fallback: number, max: number, hint: string) => {
    const raw = c.req.query(name);
    if (raw === undefined || raw === "") return fallback;
    if (!/^\d{1,10}$/.test(raw)) throw badRequest(`Invalid ${name} "${raw}": expected a non-negative integer`);
    const value = Number(raw);
    if (value > max) throw badRequest(`Invalid ${name} ${value}: at most ${max}${hint}`);
    return value;
  };
  const limit = int("limit", Math.min(DEFAULT_PAGE, limits.maxLimit), limits.maxLimit, " items per page");
  if (limit === 0) throw badRequest("Invalid limit 0: at least 1 item per page");
  return { limit, offset: int("offset", 0, limits.maxOffset, " (narrow the query with chainId or status instead)") };
}

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

const STAT_COUNTERS = [
  "completedJobs",
  "closedJobs",
  "milestonesDelivered",
  "milestonesOnTime",
  "milestonesReclaimed",
  "ratingCount",
  "ratingSum",
  "disputesOpened",
  "disputesLost",
] as const;

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
  const stats = Object.fromEntries(STAT_COUNTERS.map((k) => [k, rows.reduce((sum, r) => sum + r[k], 0)])) as Record<(typeof STAT_COUNTERS)[number], number>;
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
        satisfactionBps: stats.ratingCount ? Math.floor((stats.ratingSum * 10_000) / (5 * stats.ratingCount)) : null,
        updatedAt: rows.reduce<bigint | null>((max, row) => (max === null || row.updatedAt > max ? row.updatedAt : max), null),
      },
      chains: rows.map(({ id: _id, freelancer: _f, ...perChain }) => perChain),
      earnings,
      ratings: { totalCount: stats.ratingCount, limit, offset, items: ratings },
    }),
  );
});

/** Bigints as decimal strings, as GraphQL returns them. */
function toJson(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value, (_k, v) => (typeof v === "bigint" ? v.toString() : v)));
}

// ───────────────────────────── errors ─────────────────────────────

// Routes not matched above. (Ponder's own /health, /ready, /status, /metrics are matched first.)
app.all("*", (c) => fail(c, 404, `No route ${c.req.method} ${c.req.path}`));

app.onError((error, c) => {
  if (error instanceof HTTPException) return fail(c, error.status as ErrorStatus, error.message);
  console.error(`[api] ${c.req.method} ${c.req.path}:`, error);
  return fail(c, 500, "Internal error");
});

export default app;
