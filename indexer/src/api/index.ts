/**
 * The indexer's HTTP API, read by the SPA, explorers and third parties (README: "Indexer API"):
 *  - POST /graphql (and /): GraphQL over every table, with relations (escrow → milestones);
 *  - GET  /sql/db?sql=…: SQL over HTTP for `@ponder/client` (read-only, validated by Ponder);
 *  - GET  /escrows/:chainId/:escrowId: one escrow with its milestones, as JSON.
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
import { and, asc, client, eq, graphql } from "ponder";
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
  return c.json(toJson({ ...row, milestones }));
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
