/** A minimal GraphQL client for the Worx indexer (Ponder's auto-generated schema). */

const base = (import.meta.env.VITE_INDEXER_URL || "http://127.0.0.1:42069").replace(/\/$/, "");
export const indexerUrl = base;

export class IndexerError extends Error {
  override name = "IndexerError";
}

export async function gql<T>(query: string, variables: Record<string, unknown> = {}, signal?: AbortSignal): Promise<T> {
  let res: Response;
  try {
    res = await fetch(`${base}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ query, variables }),
      signal,
    });
  } catch (error) {
    if ((error as Error).name === "AbortError") throw error;
    throw new IndexerError(`The indexer at ${base} can't be reached.`);
  }
  const body = (await res.json().catch(() => ({}))) as { data?: T; errors?: { message: string }[]; error?: string };
  if (!res.ok || !body.data) {
    const message = body.errors?.map((e) => e.message).join("; ") || body.error || `HTTP ${res.status}`;
    throw new IndexerError(`The indexer answered: ${message}`);
  }
  return body.data;
}

/**
 * A read-only SQL query over HTTP (Ponder's `/sql/db`, the endpoint `@ponder/client` uses: the
 * query travels superjson-encoded, `$1`… bound to `params`). For aggregates GraphQL can't express;
 * Ponder validates the SQL (one SELECT, allow-listed functions, only the indexer's tables). Cast
 * bigint results to text in the query: JSON has no 64-bit integers.
 */
export async function sql<Row>(query: string, params: (string | number)[] = [], signal?: AbortSignal): Promise<Row[]> {
  const url = `${base}/sql/db?sql=${encodeURIComponent(JSON.stringify({ json: { sql: query, params, typings: [] } }))}`;
  let res: Response;
  try {
    res = await fetch(url, { signal });
  } catch (error) {
    if ((error as Error).name === "AbortError") throw error;
    throw new IndexerError(`The indexer at ${base} can't be reached.`);
  }
  const body = (await res.json().catch(() => ({}))) as { rows?: Row[]; error?: string };
  if (!res.ok || !Array.isArray(body.rows)) throw new IndexerError(`The indexer answered: ${body.error || `HTTP ${res.status}`}`);
  return body.rows;
}

/**
 * A GET of one of the indexer's REST routes (indexer/src/api: `/leaderboard`, `/profiles/…`).
 * They answer 4xx with `{ error }` on a bad query, which is shown as is.
 */
export async function rest<T>(path: string, params: Record<string, string | number | undefined> = {}, signal?: AbortSignal): Promise<T> {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value !== undefined && value !== "") search.set(key, String(value));
  const query = search.toString();
  let res: Response;
  try {
    res = await fetch(`${base}${path}${query ? `?${query}` : ""}`, { signal });
  } catch (error) {
    if ((error as Error).name === "AbortError") throw error;
    throw new IndexerError(`The indexer at ${base} can't be reached.`);
  }
  const body = (await res.json().catch(() => undefined)) as (T & { error?: string }) | undefined;
  if (!res.ok || body === undefined) throw new IndexerError(`The indexer answered: ${body?.error || `HTTP ${res.status}`}`);
  return body;
}
