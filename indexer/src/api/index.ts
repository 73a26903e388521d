/**
 * The indexer's HTTP API, read by the SPA, explorers and third parties:
 *  - POST /graphql (and /): GraphQL over every table, with relations (escrow → milestones);
 *  - GET  /sql/db?sql=…: SQL over HTTP for `@ponder/client` (read-only, validated by Ponder);
 *  - GET  /escrows/:chainId/:escrowId: one escrow with its milestones, as JSON.
 * Bad input answers 4xx with `{ "error": message }`, never a stack trace. CORS is open (GET/POST):
 * every row here is public chain data.
 */
import { db } from "ponder:api";
import schema from "ponder:schema";
import { Hono, type Context } from "hono";
import { cors } from "hono/cors";
import { HTTPException } from "hono/http-exception";
import { and, asc, client, eq, graphql } from "ponder";

const app = new Hono();

app.use("*", cors({ origin: "*", allowMethods: ["GET", "POST", "OPTIONS"], allowHeaders: ["content-type"], maxAge: 86400 }));

const fail = (c: Context, status: 400 | 404 | 405 | 500 | 503, message: string) => c.json({ error: message }, status);

// ───────────────────────────── GraphQL ─────────────────────────────

const graphqlMiddleware = graphql({ db, schema });

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

app.all("/graphql", graphqlHandler);
app.all("/", graphqlHandler);

// ───────────────────────────── SQL over HTTP ─────────────────────────────

const sqlMiddleware = client({ db, schema });

/**
 * `@ponder/client` answers rejected queries (not read-only, unknown table, SQL errors) with 500
 * and plain text. They are the caller's input, so they become 400 JSON here; 503 (live queries
 * before the backfill ends) keeps its status.
 */
app.use("/sql/*", async (c, next) => {
  if (c.req.path === "/sql/db" || c.req.path === "/sql/live") {
    const sql = c.req.query("sql");
    if (sql === undefined) return fail(c, 400, 'Missing "sql" query parameter');
    try {
      JSON.parse(sql);
    } catch {
      return fail(c, 400, 'The "sql" query parameter must be a superjson-encoded query, as @ponder/client sends it');
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
  if (error instanceof HTTPException) return fail(c, error.status as 400, error.message);
  console.error(`[api] ${c.req.method} ${c.req.path}:`, error);
  return fail(c, 500, "Internal error");
});

export default app;
