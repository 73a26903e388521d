/**
 * DEX reads from the indexer's REST routes (indexer/src/api/dex.ts): creators and their metric
 * history, coins with their pool summary, candles, swaps, holders and a portfolio. Addresses arrive
 * lowercase, integers as decimal strings (turned into bigints where used). What a write depends on
 * (reserves, protections, balances, claimable revenue) is read live from chain by the pages.
 */
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import type { Address, Hex } from "viem";
import { rest } from "../../indexer/client.ts";

type Num = string | number;

export interface CreatorRow {
  chainId: string;
  creatorId: Hex;
  creator: Address;
  plays: Num;
  followers: Num;
  engagementBps: Num;
  observedAt: Num;
  nonce: Num;
  milestonesReached: number;
  coin?: Address | null;
  pool?: Address | null;
  launchedAt?: Num | null;
  /** The coin's symbol, when launched. */
  symbol?: string | null;
}

export interface MetricRow {
  plays: Num;
  followers: Num;
  engagementBps: Num;
  observedAt: Num;
  nonce: Num;
  reporter?: Address;
  txHash?: Hex;
}

export interface MilestoneRow {
  index: number;
  threshold: Num;
  reachedAt: Num;
  txHash?: Hex;
}

export interface CreatorDetail {
  creator: CreatorRow;
  metrics: MetricRow[];
  milestones: MilestoneRow[];
  thresholds?: { index: number; threshold: Num; reached: boolean; reachedAt: Num | null }[];
}

export interface PoolRow {
  address: Address;
  coin: Address;
  baseToken: Address;
  reserveCoin: Num;
  reserveBase: Num;
  lpSupply: Num;
  price: Num;
  swapFeeBps: number;
  params?: unknown;
  haltedUntil?: Num | null;
  volumeBaseTotal: Num;
  swaps: number;
  halted?: boolean;
  volume24h?: Num;
  change24hBps?: number;
}

export interface CoinRow {
  chainId: string;
  address: Address;
  creatorId: Hex;
  creator: Address;
  pool: Address;
  name: string;
  symbol: string;
  decimals: number;
  initialSupply: Num;
  maxSupply: Num;
  totalSupply: Num;
  holderShareBps: number;
  launchedAt: Num;
  holders: number;
  // The list's pool summary.
  price?: Num;
  reserveCoin?: Num;
  reserveBase?: Num;
  volume24h?: Num;
  change24hBps?: Num | null;
}

export interface CoinDetail {
  coin: CoinRow;
  pool: PoolRow | null;
  releases: { milestoneIndex: number; amount: Num }[];
  revenue: { deposited: Num; holderShare: Num; creatorShare?: Num; claimed: Num };
  breakerEvents: { kind: string; at?: Num; until?: Num | null }[];
}

export interface Candle {
  time: Num;
  open: Num;
  high: Num;
  low: Num;
  close: Num;
  volumeBase: Num;
  volumeCoin: Num;
  trades: number;
}

export type Interval = "1m" | "1h" | "1d";
export const INTERVALS: readonly Interval[] = ["1m", "1h", "1d"];

export interface SwapRow {
  tx: Hex;
  logIndex: number;
  time: Num;
  sender: Address;
  to: Address;
  side: "buy" | "sell";
  amountIn: Num;
  amountOut: Num;
  priceAfter: Num;
  amountBase: Num;
  amountCoin: Num;
}

export interface HoldingRow {
  coin: Address;
  symbol: string;
  pool: Address;
  balance: Num;
  costBasisBase: Num;
  realizedPnlBase: Num;
  price: Num;
  valueBase: Num;
  unrealizedPnlBase: Num;
  revenueClaimed: Num;
}

const chainPath = (caip2: string) => `/dex/${encodeURIComponent(caip2)}`;

export function useCreators(caip2: string) {
  return useQuery({
    queryKey: ["indexer", "dex", "creators", caip2],
    placeholderData: keepPreviousData,
    refetchInterval: 3_000,
    queryFn: ({ signal }) => rest<{ items: CreatorRow[]; total: number }>(`${chainPath(caip2)}/creators`, { limit: 100 }, signal),
  });
}

/** One creator with its history; `null` while the indexer has not seen it (404). */
export function useCreator(caip2: string, creatorId: string) {
  return useQuery({
    queryKey: ["indexer", "dex", "creator", caip2, creatorId],
    refetchInterval: 2_000,
    queryFn: ({ signal }) => orNull(rest<CreatorDetail>(`${chainPath(caip2)}/creators/${creatorId}`, {}, signal)),
  });
}

export function useCoins(caip2: string) {
  return useQuery({
    queryKey: ["indexer", "dex", "coins", caip2],
    placeholderData: keepPreviousData,
    refetchInterval: 3_000,
    queryFn: ({ signal }) => rest<{ items: CoinRow[]; total?: number }>(`${chainPath(caip2)}/coins`, { limit: 100 }, signal),
  });
}

export function useCoin(caip2: string, coin: string) {
  return useQuery({
    queryKey: ["indexer", "dex", "coin", caip2, coin],
    refetchInterval: 2_000,
    queryFn: ({ signal }) => orNull(rest<CoinDetail>(`${chainPath(caip2)}/coins/${coin}`, {}, signal)),
  });
}

/** Candles of a coin's pool, oldest first; refetched every 2 s so a new swap shows. */
export function useCandles(caip2: string, coin: string, interval: Interval) {
  return useQuery({
    queryKey: ["indexer", "dex", "candles", caip2, coin, interval],
    placeholderData: keepPreviousData,
    refetchInterval: 2_000,
    queryFn: ({ signal }) => rest<{ items: Candle[] }>(`${chainPath(caip2)}/coins/${coin}/candles`, { interval, limit: 1000 }, signal),
  });
}

export function useSwaps(caip2: string, coin: string, limit = 10) {
  return useQuery({
    queryKey: ["indexer", "dex", "swaps", caip2, coin, limit],
    placeholderData: keepPreviousData,
    refetchInterval: 2_000,
    queryFn: ({ signal }) => rest<{ items: SwapRow[]; total: number }>(`${chainPath(caip2)}/coins/${coin}/swaps`, { limit }, signal),
  });
}

export function usePortfolio(caip2: string, account: string | undefined) {
  return useQuery({
    queryKey: ["indexer", "dex", "portfolio", caip2, account],
    enabled: !!account,
    refetchInterval: 3_000,
    queryFn: ({ signal }) => rest<{ items: HoldingRow[] }>(`${chainPath(caip2)}/portfolio/${account}`, {}, signal),
  });
}

async function orNull<T>(request: Promise<T>): Promise<T | null> {
  try {
    return await request;
  } catch (error) {
    // The routes answer 404 `{ error: "No creator … on …" }` / "No coin …" until the indexer sees it.
    if (error instanceof Error && /HTTP 404|answered: No (creator|coin) /.test(error.message)) return null;
    throw error;
  }
}
