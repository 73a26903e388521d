/**
 * SQL over HTTP on embedded PGlite: the database handle given to Ponder's `client()` middleware,
 * so that each query runs in its own read-only transaction with the indexer's schema searched
 * before temporary tables.
 *
 * Why: PGlite is a single session shared by indexing and the API, and Ponder 0.16 runs no real
 * transactions on it (its `transaction()` there just runs the callback, statement by statement).
 * Its indexing cache flushes large update batches (> 20 rows of one table) through a session TEMP
 * table named like the table itself (`CREATE TEMP TABLE IF NOT EXISTS "escrow" AS … WITH NO
 * DATA`), truncated but never dropped. Unqualified names resolve to temporary tables first, so
 * after the first such batch `SELECT … FROM escrow` over HTTP silently answered zero rows. On
 * PostgreSQL the API reads through its own read-only connections and never sees the indexer's
 * temporary tables; PGlite also ran API queries outside any read-only transaction.
 *
 * PGlite's own `transaction()` holds its lock from BEGIN to COMMIT (every other `query()` waits),
 * and `SET LOCAL` lasts for that transaction only, so the indexer (whose flush relies on the temp
 * table shadowing) never sees the changed search path. Results are produced by the same Drizzle
 * session class as Ponder's (`db._.session`, the internal Ponder's middleware uses too), so they
 * keep the exact shape `@ponder/client` expects.
 */

interface PreparedQuery {
  execute(): Promise<unknown>;
}
interface Session {
  dialect: unknown;
  schema: unknown;
  options: unknown;
  prepareQuery(query: unknown, fields: unknown, name: unknown, isResponseInArrayMode: boolean, customResultMapper?: unknown): PreparedQuery;
}
type SessionClass = new (client: unknown, dialect: unknown, schema: unknown, options: unknown) => Session;
interface PgliteTransaction {
  query(sql: string): Promise<unknown>;
}
interface DrizzlePglite {
  _: { session: Session };
  $client: { transaction<T>(run: (tx: PgliteTransaction) => Promise<T>): Promise<T> };
}

const quoteIdent = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** The namespace (`ponder start --schema`) Ponder resolved for this process. */
export function ponderSchema(): string {
  const schema = (globalThis as { PONDER_NAMESPACE_BUILD?: { schema?: string } }).PONDER_NAMESPACE_BUILD?.schema;
  if (!schema) throw new Error("Ponder's schema name is not available to the API (PONDER_NAMESPACE_BUILD): Ponder internals changed");
  return schema;
}

export function pgliteSqlDatabase<T extends object>(db: T, schema: string): T {
  const drizzle = db as unknown as DrizzlePglite;
  const base = drizzle._.session;
  if (typeof drizzle.$client?.transaction !== "function") throw new Error("pgliteSqlDatabase: not a PGlite database");
  const Session = base.constructor as SessionClass;
  const session: Session = Object.create(base);
  session.prepareQuery = (query, fields, name, isResponseInArrayMode, customResultMapper) => ({
    execute: () =>
      drizzle.$client.transaction(async (tx) => {
        await tx.query("SET TRANSACTION READ ONLY");
        await tx.query(`SET LOCAL search_path TO ${quoteIdent(schema)}, pg_temp`);
        return new Session(tx, base.dialect, base.schema, base.options)
          .prepareQuery(query, fields, name, isResponseInArrayMode, customResultMapper)
          .execute();
      }),
  });
  const shim = Object.create(db) as T;
  Object.defineProperty(shim, "_", { value: { ...drizzle._, session }, enumerable: true });
  return shim;
}
