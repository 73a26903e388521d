/**
 * The public API's limits (indexer/src/api/limits.ts): oversized or abusive GraphQL, SQL that
 * writes or is too long, oversized bodies and request floods answer 4xx JSON `{ error }` with a
 * message, and leave the data untouched. Also the error shape of ordinary bad input.
 */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { createClient, sql } from "@ponder/client";
import * as schema from "../../indexer/ponder.schema.ts";
import { CHAIN, expectJsonError, gql, rowCounts, type TestIndexer } from "./harness.ts";

const post = (url: string, path: string, body: string, type = "application/json") =>
  fetch(`${url}${path}`, { method: "POST", headers: { "content-type": type }, body });
const gqlPost = (url: string, query: string, variables?: Record<string, unknown>) => post(url, "/graphql", JSON.stringify({ query, variables }));
const sqlParam = (statement: string) => encodeURIComponent(JSON.stringify({ json: { sql: statement, params: [], typings: [] } }));

export interface ApiContext {
  /** Indexers with the default limits, both databases where available. */
  indexers: () => TestIndexer[];
}

export function registerApiTests(ctx: ApiContext): void {
  describe("API: bad input and limits answer 4xx JSON with a message", () => {
    test("malformed GraphQL and REST input", async () => {
      for (const { url } of ctx.indexers()) {
        await expectJsonError(await gqlPost(url, "{ escrows { items { id }"), 400, /Syntax Error/);
        await expectJsonError(await gqlPost(url, "{ escrows { items { nope } } }"), 400, /Cannot query field "nope"/);
        await expectJsonError(await post(url, "/", "this is not json"), 400, /must be JSON/);
        await expectJsonError(await fetch(`${url}/sql/db?sql=not-json`), 400, /superjson/);
        await expectJsonError(await fetch(`${url}/sql/db`), 400, /Missing "sql"/);
        await expectJsonError(await fetch(`${url}/no/such/route`), 404, /No route GET \/no\/such\/route/);
        await expectJsonError(await fetch(`${url}/graphql`, { method: "DELETE" }), 405, /not allowed/);
      }
    });

    test("GraphQL page size: at most 1000 per list, nested lists and variables included", async () => {
      const [{ url }] = ctx.indexers() as [TestIndexer];
      // At the cap: fine.
      const ok = await gql(url, "{ escrows(limit: 1000) { items { id } } }");
      assert.ok(ok.escrows.items.length > 0);
      await expectJsonError(await gqlPost(url, "{ escrows(limit: 1001) { items { id } } }"), 400, /Invalid limit 1001: at most 1000 items per page.*after/);
      // Nested: Ponder alone answered 200 with partial data here; now nothing runs.
      await expectJsonError(await gqlPost(url, "{ escrows(limit: 5) { items { id milestones(limit: 5000) { items { id } } } } }"), 400, /Invalid limit 5000/);
      await expectJsonError(await gqlPost(url, "query($n: Int) { escrows(limit: $n) { items { id } } }", { n: 2000 }), 400, /Invalid limit \$n = 2000/);
      await expectJsonError(await gqlPost(url, "query($n: Int = 4000) { escrows(limit: $n) { items { id } } }"), 400, /Invalid limit \$n = 4000/);
      await expectJsonError(await gqlPost(url, "{ escrows(limit: -1) { items { id } } }"), 400, /must not be negative/);
      // A string or comment mentioning a limit is not an argument.
      const quoted = await gql(url, `{ escrows(where: { status: "limit: 99999" }) { items { id } } } # limit: 99999`);
      assert.deepEqual(quoted.escrows.items, []);
    });

    test("GraphQL offset: bounded; cursors page further", async () => {
      const [{ url }] = ctx.indexers() as [TestIndexer];
      const page = await gql(url, `{ escrows(orderBy: "id", limit: 1, offset: 1) { items { id } } }`);
      assert.equal(page.escrows.items.length, 1);
      await expectJsonError(await gqlPost(url, "{ escrows(offset: 10001) { items { id } } }"), 400, /Invalid offset 10001: at most 10000.*after/);
      // Cursor pagination walks every row, one page after another.
      const seen: string[] = [];
      let after: string | null = null;
      for (let i = 0; i < 10; i++) {
        const d: any = await gql(url, `query($after: String) { escrows(orderBy: "id", limit: 2, after: $after) { items { id } pageInfo { hasNextPage endCursor } } }`, { after });
        seen.push(...d.escrows.items.map((e: any) => e.id));
        if (!d.escrows.pageInfo.hasNextPage) break;
        after = d.escrows.pageInfo.endCursor;
      }
      const all = await gql(url, `{ escrows(orderBy: "id") { totalCount items { id } } }`);
      assert.deepEqual(seen, all.escrows.items.map((e: any) => e.id));
      assert.equal(seen.length, all.escrows.totalCount);
    });

    test("GraphQL depth, aliases, document size and body size", async () => {
      const [{ url }] = ctx.indexers() as [TestIndexer];
      // escrow → milestones → escrow → … : fine at depth 9, refused beyond the depth limit (10).
      const nest = (levels: number): string =>
        levels === 0 ? "id" : `id milestones(limit: 1) { items { escrow { ${nest(levels - 1)} } } }`;
      const shallow = await gql(url, `{ escrow(id: "${CHAIN}:1") { ${nest(2)} } }`);
      assert.equal(shallow.escrow.id, `${CHAIN}:1`);
      await expectJsonError(await gqlPost(url, `{ escrow(id: "${CHAIN}:1") { ${nest(4)} } }`), 400, /depth/i);
      const aliases = Array.from({ length: 21 }, (_, i) => `a${i}: escrows(limit: 1) { totalCount }`).join(" ");
      await expectJsonError(await gqlPost(url, `{ ${aliases} }`), 400, /aliases/i);
      const fields = Array.from({ length: 1100 }, () => "id").join(" ");
      await expectJsonError(await gqlPost(url, `{ escrows(limit: 1) { items { ${fields} } } }`), 400, /token/i);
      const huge = JSON.stringify({ query: "{ escrows { totalCount } }", variables: { pad: "x".repeat(70_000) } });
      await expectJsonError(await post(url, "/graphql", huge), 413, /too large: at most 65536 bytes/);
    });

    test("SQL over HTTP is read-only, single-statement, bounded, on both databases", async () => {
      for (const ix of ctx.indexers()) {
        const { url } = ix;
        const before = await rowCounts(url);
        for (const statement of [
          "DELETE FROM escrow",
          "UPDATE escrow SET status = 'completed'",
          "INSERT INTO withdrawal (id) VALUES ('x')",
          "DROP TABLE escrow",
          "TRUNCATE escrow",
          "WITH gone AS (DELETE FROM escrow RETURNING id) SELECT * FROM gone",
          "CREATE TABLE evil (id int)",
        ]) {
          await expectJsonError(await fetch(`${url}/sql/db?sql=${sqlParam(statement)}`), 400, /read-only|not supported|Invalid/);
        }
        await expectJsonError(await fetch(`${url}/sql/db?sql=${sqlParam("SELECT 1; DELETE FROM escrow")}`), 400, /Multiple statements/);
        await expectJsonError(await fetch(`${url}/sql/db?sql=${sqlParam("SELECT pg_sleep(30)")}`), 400, /Function call not supported/);
        await expectJsonError(await fetch(`${url}/sql/db?sql=${sqlParam("SELECT * FROM ponder_sync.logs")}`), 400, /Schema name not supported/);
        await expectJsonError(await fetch(`${url}/sql/db?sql=${sqlParam("SELECT * FROM pg_class")}`), 400, /System tables not supported/);
        await expectJsonError(await fetch(`${url}/sql/db?sql=${sqlParam("SELECT * FROM no_such_table")}`), 400, /no_such_table/);
        await expectJsonError(await fetch(`${url}/sql/db?sql=${sqlParam("SELEC nonsense")}`), 400, /./);
        const long = `SELECT id FROM escrow WHERE id IN (${Array.from({ length: 900 }, (_, i) => `'${i}'`).join(",")})`;
        assert.ok(long.length > 5000);
        await expectJsonError(await fetch(`${url}/sql/db?sql=${sqlParam(long)}`), 400, new RegExp(`SQL statement too long: ${long.length} characters, at most 5000`));
        // The client library surfaces the message; nothing was written.
        const client = createClient(`${url}/sql`, { schema });
        await assert.rejects(client.db.execute(sql`SELECT * FROM no_such_table`), /no_such_table/);
        assert.deepEqual(await rowCounts(url), before, `${ix.name}: rows changed`);
      }
    });

    test("CORS is open to the SPA for GET and POST", async () => {
      const [{ url }] = ctx.indexers() as [TestIndexer];
      const preflight = await fetch(`${url}/graphql`, {
        method: "OPTIONS",
        headers: { origin: "http://localhost:5173", "access-control-request-method": "POST", "access-control-request-headers": "content-type" },
      });
      assert.ok(preflight.status === 204 || preflight.status === 200, `preflight ${preflight.status}`);
      assert.equal(preflight.headers.get("access-control-allow-origin"), "*");
      assert.match(preflight.headers.get("access-control-allow-methods") ?? "", /POST/);
      const get = await fetch(`${url}/escrows/${CHAIN}/1`, { headers: { origin: "http://localhost:5173" } });
      assert.equal(get.headers.get("access-control-allow-origin"), "*");
    });
  });
}

/**
 * A flood from one client: the default bucket (60 requests/s, bursts of 120) lets the burst
 * through, then answers 429 JSON with Retry-After, and serves the client again once it waited.
 * The flood hits a route that answers without the database (an invalid chain id: 400), so the
 * requests reach the limiter as fast as they are sent; on PGlite a database route answers one
 * request at a time, and that alone paces a client to the refill rate. Run last on an indexer:
 * it empties this client's bucket.
 */
export function registerRateLimitTest(ctx: { indexer: () => TestIndexer }): void {
  test("API: per-client rate limit answers 429 with Retry-After, then recovers", async () => {
    const { url } = ctx.indexer();
    const flood = 250;
    const started = Date.now();
    const spa = { origin: "http://localhost:5173" };
    const responses = await Promise.all(Array.from({ length: flood }, () => fetch(`${url}/escrows/ethereum/1`, { headers: spa })));
    const elapsed = (Date.now() - started) / 1000;
    const served = responses.filter((r) => r.status === 400);
    const limited = responses.filter((r) => r.status === 429);
    assert.equal(served.length + limited.length, flood, `unexpected statuses: ${[...new Set(responses.map((r) => r.status))]}`);
    // The burst (120) plus what refilled while the flood lasted (60/s).
    assert.ok(served.length >= 120 && served.length <= 120 + Math.ceil(60 * elapsed) + 1, `${served.length} served of ${flood} in ${elapsed.toFixed(2)} s`);
    assert.ok(limited.length > 0, `the flood was not limited (${elapsed.toFixed(2)} s)`);
    assert.equal(served[0]!.headers.get("ratelimit-limit"), "120");
    assert.match(served[0]!.headers.get("ratelimit-remaining") ?? "", /^\d+$/);
    const retryAfter = Number(limited[0]!.headers.get("retry-after"));
    assert.ok(Number.isInteger(retryAfter) && retryAfter >= 1, `Retry-After: ${retryAfter}`);
    await expectJsonError(limited[0]!, 429, /Too many requests: at most 60 per second \(bursts of 120\) per client\. Retry after \d+ s/);
    // A browser can read the 429: it carries the CORS headers too.
    assert.equal(limited[0]!.headers.get("access-control-allow-origin"), "*");
    for (const r of [...served, ...limited.slice(1)]) await r.body?.cancel();
    // Buckets are per client address (read from the socket): over IPv6 loopback, where the server
    // listens there too, this machine is another client with a full bucket.
    const other = await fetch(`http://[::1]:${new URL(url).port}/escrows/ethereum/1`).catch(() => undefined);
    if (other) assert.equal(other.status, 400, "a flood from 127.0.0.1 limited ::1 too: buckets are not per client");
    else console.log("# no IPv6 loopback: per-client buckets checked by the unit test only");
    // Ponder's own health endpoints are not limited (load balancers poll them).
    assert.equal((await fetch(`${url}/health`)).status, 200);
    await new Promise((r) => setTimeout(r, retryAfter * 1000));
    assert.equal((await fetch(`${url}/escrows/${CHAIN}/1`)).status, 200, "served again after Retry-After");
  });
}
