/**
 * Admin console reads from the indexer: the audit log (table `admin_action`, GraphQL with cursor
 * pagination) and platform metrics (tables `escrow`, `fee_flow`, `escrow_contract`), aggregated
 * by the indexer's SQL over HTTP so the page downloads sums, not rows.
 */
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import type { Address, Hex } from "viem";
import { gql, sql } from "./client.ts";

export interface AdminActionRow {
  id: string;
  contract: Address;
  /** The event name (PlatformFeeUpdated, Paused, RoleGranted, …). */
  action: string;
  actor: Address;
  details: Record<string, string | number | boolean>;
  timestamp: bigint;
  blockNumber: bigint;
  txHash: Hex;
}

export interface AuditPage {
  rows: AdminActionRow[];
  total: number;
  hasOlder: boolean;
  /** Cursor of the page after this one (older rows). */
  endCursor: string | null;
}

const AUDIT_LOG = `
  query AuditLog($chainId: String!, $limit: Int!, $after: String) {
    adminActions(where: { chainId: $chainId }, orderBy: "blockNumber", orderDirection: "desc", limit: $limit, after: $after) {
      totalCount
      pageInfo { hasNextPage endCursor }
      items { id contract action actor details timestamp blockNumber txHash }
    }
  }`;

type RawAction = Omit<AdminActionRow, "timestamp" | "blockNumber"> & { timestamp: string; blockNumber: string };

/** One page of the audit log, newest first; `after` is the previous page's `endCursor`. */
export function useAuditLog(chainId: string, after: string | null, limit = 10) {
  return useQuery({
    queryKey: ["indexer", "admin-actions", chainId, after, limit],
    refetchInterval: 4_000,
    placeholderData: keepPreviousData,
    queryFn: async ({ signal }): Promise<AuditPage> => {
      const { adminActions } = await gql<{
        adminActions: { totalCount: number; pageInfo: { hasNextPage: boolean; endCursor: string | null }; items: RawAction[] };
      }>(AUDIT_LOG, { chainId, limit, after }, signal);
      return {
        rows: adminActions.items.map((r) => ({ ...r, timestamp: BigInt(r.timestamp), blockNumber: BigInt(r.blockNumber) })),
        total: adminActions.totalCount,
        hasOlder: adminActions.pageInfo.hasNextPage,
        endCursor: adminActions.pageInfo.endCursor,
      };
    },
  });
}

export interface TokenMetrics {
  token: Address;
  /** Funded and not yet settled (released or refunded): what the escrow holds for open work. */
  locked: bigint;
  /** Sum of the totals of every escrow ever funded. */
  volume: bigint;
  /** Platform fees credited on releases. */
  fees: bigint;
  escrows: number;
}

export interface DailyPoint {
  /** UTC day number (days since 1970-01-01). */
  day: number;
  value: bigint;
}

export interface PlatformMetrics {
  tokens: TokenMetrics[];
  byStatus: Record<string, number>;
  /** Fees per token per day, from `since`. */
  feesPerDay: Record<Address, DailyPoint[]>;
  escrowsPerDay: DailyPoint[];
  /** The escrow contract's settings as the indexer last saw them. */
  contract?: { platformFeeBps: number | null; paused: boolean; feeRecipient: Address | null };
}

/** Platform metrics of one chain; the daily series start at `sinceDay` (a UTC day number). */
export function usePlatformMetrics(chainId: string, sinceDay: number) {
  return useQuery({
    queryKey: ["indexer", "metrics", chainId, sinceDay],
    refetchInterval: 5_000,
    placeholderData: keepPreviousData,
    queryFn: async ({ signal }): Promise<PlatformMetrics> => {
      const since = sinceDay * 86_400;
      const [perToken, fees, statuses, feeDays, escrowDays, contract] = await Promise.all([
        sql<{ token: Address; locked: string; volume: string; escrows: number }>(
          `SELECT token,
             sum(CASE WHEN status = 'funded' THEN total - released - refunded ELSE 0 END)::text AS locked,
             sum(CASE WHEN funded_at IS NOT NULL THEN total ELSE 0 END)::text AS volume,
             count(*)::int AS escrows
           FROM escrow WHERE chain_id = $1 GROUP BY token`,
          [chainId],
          signal,
        ),
        sql<{ token: Address; fees: string }>(`SELECT token, sum(amount)::text AS fees FROM fee_flow WHERE chain_id = $1 GROUP BY token`, [chainId], signal),
        sql<{ status: string; n: number }>(`SELECT status, count(*)::int AS n FROM escrow WHERE chain_id = $1 GROUP BY status`, [chainId], signal),
        sql<{ token: Address; day: number; fees: string }>(
          `SELECT token, floor("timestamp" / 86400)::int AS day, sum(amount)::text AS fees
           FROM fee_flow WHERE chain_id = $1 AND "timestamp" >= $2 GROUP BY token, day ORDER BY day`,
          [chainId, since],
          signal,
        ),
        sql<{ day: number; n: number }>(
          `SELECT floor(created_at / 86400)::int AS day, count(*)::int AS n
           FROM escrow WHERE chain_id = $1 AND created_at >= $2 GROUP BY day ORDER BY day`,
          [chainId, since],
          signal,
        ),
        sql<{ platform_fee_bps: number | null; paused: boolean; fee_recipient: Address | null }>(
          `SELECT platform_fee_bps, paused, fee_recipient FROM escrow_contract WHERE chain_id = $1 LIMIT 1`,
          [chainId],
          signal,
        ),
      ]);
      const byToken = new Map<string, TokenMetrics>();
      const entry = (token: Address) => {
        const key = token.toLowerCase();
        let m = byToken.get(key);
        if (!m) byToken.set(key, (m = { token, locked: 0n, volume: 0n, fees: 0n, escrows: 0 }));
        return m;
      };
      for (const r of perToken) Object.assign(entry(r.token), { locked: BigInt(r.locked), volume: BigInt(r.volume), escrows: r.escrows });
      for (const r of fees) entry(r.token).fees = BigInt(r.fees);
      const feesPerDay: PlatformMetrics["feesPerDay"] = {};
      for (const r of feeDays) (feesPerDay[r.token.toLowerCase() as Address] ??= []).push({ day: r.day, value: BigInt(r.fees) });
      const c = contract[0];
      return {
        tokens: [...byToken.values()].sort((a, b) => (b.volume > a.volume ? 1 : b.volume < a.volume ? -1 : 0)),
        byStatus: Object.fromEntries(statuses.map((s) => [s.status, s.n])),
        feesPerDay,
        escrowsPerDay: escrowDays.map((r) => ({ day: r.day, value: BigInt(r.n) })),
        contract: c ? { platformFeeBps: c.platform_fee_bps, paused: c.paused, feeRecipient: c.fee_recipient } : undefined,
      };
    },
  });
}
