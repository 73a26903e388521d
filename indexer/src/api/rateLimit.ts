/**
 * Per-client rate limit for the public HTTP API: an in-memory token bucket per client IP
 * (IPv6 clients per /64, since one host usually owns the whole prefix). Each request takes one
 * token; buckets refill at `ratePerSecond` up to `burst`. An empty bucket answers
 * 429 `{ "error": … }` with `Retry-After` (seconds). Every answer carries `RateLimit-Limit` and
 * `RateLimit-Remaining`.
 *
 * In memory, per process: behind a load balancer each instance limits on its own. Idle full
 * buckets are swept, and the table is capped so a flood of addresses cannot exhaust memory.
 */
import type { IncomingMessage } from "node:http";
import type { Context, MiddlewareHandler } from "hono";

export interface RateLimitOptions {
  ratePerSecond: number;
  burst: number;
  /** Take the client from the last X-Forwarded-For hop (only behind a proxy that sets it). */
  trustProxy: boolean;
  /** Most buckets kept; the least recently used go first beyond it. */
  maxClients?: number;
  now?: () => number;
}

interface Bucket {
  tokens: number;
  at: number;
}

/** Expands an IPv6 address and keeps its /64 prefix; IPv4 (and IPv4-mapped IPv6) as is. */
export function clientKey(address: string): string {
  let a = address.trim().toLowerCase();
  if (a.startsWith("[") && a.includes("]")) a = a.slice(1, a.indexOf("]"));
  const zone = a.indexOf("%");
  if (zone !== -1) a = a.slice(0, zone);
  const mapped = a.match(/^(?:(?:0{1,4}:){5}|::)ffff:(\d{1,3}(?:\.\d{1,3}){3})$/);
  if (mapped) return mapped[1]!;
  if (!a.includes(":")) return a;
  const [head = "", tail = ""] = a.split("::");
  const left = head ? head.split(":") : [];
  const right = a.includes("::") ? (tail ? tail.split(":") : []) : [];
  const groups = a.includes("::") ? [...left, ...Array(Math.max(0, 8 - left.length - right.length)).fill("0"), ...right] : left;
  return `${groups
    .slice(0, 4)
    .map((g) => (g.replace(/^0+/, "") || "0"))
    .join(":")}::/64`;
}

function clientAddress(c: Context, trustProxy: boolean): string {
  if (trustProxy) {
    const hops = (c.req.header("x-forwarded-for") ?? "")
      .split(",")
      .map((h) => h.trim())
      .filter(Boolean);
    if (hops.length) return hops[hops.length - 1]!;
  }
  const incoming = (c.env as { incoming?: IncomingMessage } | undefined)?.incoming;
  return incoming?.socket?.remoteAddress ?? "unknown";
}

export function rateLimit(options: RateLimitOptions): MiddlewareHandler {
  const { ratePerSecond, burst, trustProxy } = options;
  const maxClients = options.maxClients ?? 100_000;
  const now = options.now ?? Date.now;
  const buckets = new Map<string, Bucket>();
  let lastSweep = now();

  const refill = (b: Bucket, t: number) => {
    b.tokens = Math.min(burst, b.tokens + ((t - b.at) / 1000) * ratePerSecond);
    b.at = t;
  };

  const sweep = (t: number) => {
    // A bucket that would be full again carries no information: forget it.
    for (const [key, b] of buckets) {
      if (b.tokens + ((t - b.at) / 1000) * ratePerSecond >= burst) buckets.delete(key);
    }
    // Still too many (a flood of addresses): drop the least recently used.
    for (const key of buckets.keys()) {
      if (buckets.size <= maxClients) break;
      buckets.delete(key);
    }
    lastSweep = t;
  };

  return async (c, next) => {
    if (ratePerSecond <= 0) return next();
    const t = now();
    if (t - lastSweep > 10_000 || buckets.size > maxClients) sweep(t);
    const key = clientKey(clientAddress(c, trustProxy));
    const bucket = buckets.get(key) ?? { tokens: burst, at: t };
    refill(bucket, t);
    buckets.delete(key); // re-inserted last: Map order is least recently used first
    buckets.set(key, bucket);
    if (bucket.tokens < 1) {
      const retryAfter = Math.max(1, Math.ceil((1 - bucket.tokens) / ratePerSecond));
      c.header("Retry-After", String(retryAfter));
      c.header("RateLimit-Limit", String(burst));
      c.header("RateLimit-Remaining", "0");
      return c.json(
        { error: `Too many requests: at most ${ratePerSecond} per second (bursts of ${burst}) per client. Retry after ${retryAfter} s.` },
        429,
      );
    }
    bucket.tokens -= 1;
    await next();
    try {
      c.res.headers.set("RateLimit-Limit", String(burst));
      c.res.headers.set("RateLimit-Remaining", String(Math.floor(bucket.tokens)));
    } catch {
      // immutable headers (a proxied Response): the limit still applies, only the hint is lost
    }
  };
}
