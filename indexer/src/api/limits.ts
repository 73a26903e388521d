/**
 * The public API's limits, from the environment (read once, when Ponder loads the API). Every
 * limit has a generous default for a public deployment; an invalid value stops the indexer at
 * start with a message rather than running unprotected.
 *
 *   WORX_API_RATE_LIMIT        requests per second per client IP (token bucket refill)   60   (0: off)
 *   WORX_API_RATE_BURST        bucket size: requests a client may send at once          120
 *   WORX_API_TRUST_PROXY       1: the client is the last X-Forwarded-For hop              0
 *                              (only behind a reverse proxy that sets it; spoofable otherwise)
 *   WORX_API_MAX_BODY_BYTES    largest request body (GraphQL POST)                     65536
 *   WORX_API_MAX_LIMIT         largest GraphQL `limit` (page size; Ponder's own cap: 1000) 1000
 *   WORX_API_MAX_OFFSET        largest GraphQL `offset` (page deeper with `after` cursors) 10000
 *   WORX_API_MAX_DEPTH         deepest GraphQL selection                                  10
 *   WORX_API_MAX_ALIASES       most aliases in one GraphQL operation                      20
 *   WORX_API_MAX_TOKENS        most tokens in one GraphQL document                      1000
 *   WORX_API_MAX_SQL_LENGTH    longest SQL statement over HTTP (Ponder's own cap: 5000)  5000
 */

/** Hard ceilings of Ponder 0.16 itself: a larger setting could never take effect. */
export const PONDER_MAX_LIMIT = 1000;
export const PONDER_MAX_SQL_LENGTH = 5000;

export interface ApiLimits {
  ratePerSecond: number;
  burst: number;
  trustProxy: boolean;
  maxBodyBytes: number;
  maxLimit: number;
  maxOffset: number;
  maxDepth: number;
  maxAliases: number;
  maxTokens: number;
  maxSqlLength: number;
}

function intFromEnv(env: Record<string, string | undefined>, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw.trim() === "") return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new Error(`${name}=${JSON.stringify(raw)}: expected an integer from ${min} to ${max}`);
  }
  return value;
}

export function readLimits(env: Record<string, string | undefined> = process.env): ApiLimits {
  const ratePerSecond = intFromEnv(env, "WORX_API_RATE_LIMIT", 60, 0, 1_000_000);
  return {
    ratePerSecond,
    burst: intFromEnv(env, "WORX_API_RATE_BURST", Math.max(120, ratePerSecond), 1, 10_000_000),
    trustProxy: ["1", "true", "yes"].includes((env.WORX_API_TRUST_PROXY ?? "").toLowerCase()),
    maxBodyBytes: intFromEnv(env, "WORX_API_MAX_BODY_BYTES", 64 * 1024, 1024, 16 * 1024 * 1024),
    maxLimit: intFromEnv(env, "WORX_API_MAX_LIMIT", PONDER_MAX_LIMIT, 1, PONDER_MAX_LIMIT),
    maxOffset: intFromEnv(env, "WORX_API_MAX_OFFSET", 10_000, 0, 1_000_000_000),
    maxDepth: intFromEnv(env, "WORX_API_MAX_DEPTH", 10, 2, 1000),
    maxAliases: intFromEnv(env, "WORX_API_MAX_ALIASES", 20, 0, 1000),
    maxTokens: intFromEnv(env, "WORX_API_MAX_TOKENS", 1000, 50, 100_000),
    maxSqlLength: intFromEnv(env, "WORX_API_MAX_SQL_LENGTH", PONDER_MAX_SQL_LENGTH, 16, PONDER_MAX_SQL_LENGTH),
  };
}
