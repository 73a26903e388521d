/**
 * Badge reads from the indexer: the tables `badge` and `attestation` (GraphQL) and the
 * cross-chain leaderboard (REST `GET /leaderboard`, computed by the API over the `leaderboard`
 * table). Addresses are lowercase; bigints arrive as decimal strings.
 */
import { keepPreviousData, useQuery, useQueryClient } from "@tanstack/react-query";
import { useCallback } from "react";
import type { Address, Hex } from "viem";
import type { BadgeTier } from "../../../indexer/vocabulary.ts";
import { gql, rest } from "./client.ts";

// The indexer's own names (type-only: nothing of the indexer reaches the bundle).
export type { BadgeTier };

export interface BadgeRow {
  id: string;
  chainId: string;
  tokenId: bigint;
  owner: Address;
  claimedBy: Address;
  tier: BadgeTier;
  tierId: number;
  locked: boolean;
  completedJobs: number;
  satisfactionBps: number;
  claimedAt: bigint;
  claimTx: Hex;
  burned: boolean;
}

export interface AttestationRow {
  id: string;
  chainId: string;
  subject: Address;
  kind: number;
  kindName: "x-verified" | "vetted";
  attester: Address;
  expiresAt: bigint;
  submittedAt: bigint;
  revoked: boolean;
  revokedAt: bigint | null;
}

const BADGE_FIELDS = "id chainId tokenId owner claimedBy tier tierId locked completedJobs satisfactionBps claimedAt claimTx burned";
type RawBadge = Omit<BadgeRow, "tokenId" | "claimedAt"> & { tokenId: string; claimedAt: string };
const toBadge = (b: RawBadge): BadgeRow => ({ ...b, tokenId: BigInt(b.tokenId), claimedAt: BigInt(b.claimedAt) });

const PROFILE = `
  query Profile($owner: String!) {
    badges(where: { owner: $owner, burned: false }, orderBy: "claimedAt", orderDirection: "desc", limit: 50) { items { ${BADGE_FIELDS} } }
    attestations(where: { subject: $owner }, orderBy: "submittedAt", orderDirection: "desc", limit: 20) {
      items { id chainId subject kind kindName attester expiresAt submittedAt revoked revokedAt }
    }
  }`;

export interface ProfileBadges {
  badges: BadgeRow[];
  attestations: AttestationRow[];
}

/**
 * The account column's spelling of `account`: EVM addresses are stored lowercase, Stacks
 * principals as printed (c32 is case-sensitive).
 */
export const accountKey = (account: string) => (account.startsWith("0x") ? account.toLowerCase() : account);

/** The badges `account` (an EVM address or a Stacks principal) holds and its attestations, on every indexed chain. */
export function useProfileBadges(account: string | undefined) {
  return useQuery({
    queryKey: ["indexer", "badges", "profile", account && accountKey(account)],
    enabled: !!account,
    refetchInterval: 4_000,
    queryFn: async ({ signal }): Promise<ProfileBadges> => {
      const data = await gql<{
        badges: { items: RawBadge[] };
        attestations: { items: (Omit<AttestationRow, "expiresAt" | "submittedAt" | "revokedAt"> & { expiresAt: string; submittedAt: string; revokedAt: string | null })[] };
      }>(PROFILE, { owner: accountKey(account!) }, signal);
      return {
        badges: data.badges.items.map(toBadge),
        attestations: data.attestations.items.map((a) => ({
          ...a,
          expiresAt: BigInt(a.expiresAt),
          submittedAt: BigInt(a.submittedAt),
          revokedAt: a.revokedAt === null ? null : BigInt(a.revokedAt),
        })),
      };
    },
  });
}

const GALLERY = `
  query Gallery($chainId: String!, $limit: Int!, $after: String) {
    badges(where: { burned: false, chainId: $chainId }, orderBy: "claimedAt", orderDirection: "desc", limit: $limit, after: $after) {
      totalCount
      pageInfo { hasNextPage endCursor }
      items { ${BADGE_FIELDS} }
    }
  }`;

export interface BadgePage {
  total: number;
  items: BadgeRow[];
  hasNext: boolean;
  endCursor: string | null;
}

/** One page of every badge held now on chain `chainId` (CAIP-2), newest first; `after` is the previous page's end cursor. */
export function useBadgeGallery(chainId: string, after: string | null, limit: number) {
  return useQuery({
    queryKey: ["indexer", "badges", "gallery", chainId, after, limit],
    placeholderData: keepPreviousData,
    refetchInterval: 10_000,
    queryFn: async ({ signal }): Promise<BadgePage> => {
      const { badges } = await gql<{ badges: { totalCount: number; pageInfo: { hasNextPage: boolean; endCursor: string | null }; items: RawBadge[] } }>(
        GALLERY,
        { chainId, limit, after },
        signal,
      );
      return { total: badges.totalCount, items: badges.items.map(toBadge), hasNext: badges.pageInfo.hasNextPage, endCursor: badges.pageInfo.endCursor };
    },
  });
}

/** One freelancer's row (per chain, or combined over chains when `chainId` is "all"). */
export interface LeaderboardRow {
  /** The row's chain (a CAIP-2 id), or "all" for a line summing every chain of the account. */
  chainId: string;
  /** The chains the freelancer has a row on (CAIP-2 ids). */
  chains: string[];
  freelancer: Address;
  completedJobs: number;
  closedJobs: number;
  milestonesDelivered: number;
  milestonesOnTime: number;
  onTimeRateBps: number;
  /** Seconds, submittedAt - dueDate on average (negative = early). */
  avgDeliveryDelta: number;
  satisfactionBps: number;
  ratingCount: number;
  disputesOpened: number;
  disputesLost: number;
  disputeRateBps: number;
  completionRateBps: number;
  bestTier: BadgeTier | null;
  badgeCount: number;
  /** USD with 6 decimals, as a decimal string. */
  earnedUsd: string;
}

/** One line per account (its chains summed) or one per account and chain (labelled). */
export type LeaderboardGroup = "account" | "chain";

export type LeaderboardSort =
  | "completedJobs"
  | "completionRateBps"
  | "onTimeRateBps"
  | "avgDeliveryDelta"
  | "satisfactionBps"
  | "disputeRateBps"
  | "earnedUsd"
  | "badgeCount"
  | "bestTier";

export interface LeaderboardQuery {
  /** A CAIP-2 id or "all". */
  chainId: string;
  group: LeaderboardGroup;
  sort: LeaderboardSort;
  order: "asc" | "desc";
  minJobs?: number;
  /** The best tier held; "none": no badge. */
  tier?: BadgeTier | "none";
  limit: number;
  offset: number;
}

export interface LeaderboardPage {
  totalCount: number;
  limit: number;
  offset: number;
  items: LeaderboardRow[];
}

export function useLeaderboard(q: LeaderboardQuery) {
  return useQuery({
    queryKey: ["indexer", "badges", "leaderboard", q],
    placeholderData: keepPreviousData,
    refetchInterval: 10_000,
    queryFn: ({ signal }) =>
      rest<LeaderboardPage>("/leaderboard", { chainId: q.chainId, group: q.group, sort: q.sort, order: q.order, minJobs: q.minJobs, tier: q.tier, limit: q.limit, offset: q.offset }, signal),
  });
}

/** Per-chain standing of one account: a leaderboard row labelled with its chain (`GET /profiles/…` → `chains`). */
export interface StandingRow extends Omit<LeaderboardRow, "chains" | "bestTier"> {
  bestTier: BadgeTier | null;
}

export interface ProfileStanding {
  /** The query's chain: a CAIP-2 id or "all". */
  chainId: string;
  address: string;
  /** An EVM address's rows (every EVM chain) or a Stacks principal's: never both. */
  family: "evm" | "stacks";
  /** The account's line over the selected chains (all-zero when it has no row). */
  stats: LeaderboardRow;
  /** One row per chain the account has a leaderboard row on. */
  chains: StandingRow[];
}

/** An account's standing on `chainId` (a CAIP-2 id, or "all": every chain, each row labelled). */
export function useProfileStanding(chainId: string, account: string | undefined) {
  return useQuery({
    queryKey: ["indexer", "badges", "standing", chainId, account && accountKey(account)],
    enabled: !!account,
    placeholderData: keepPreviousData,
    refetchInterval: 5_000,
    queryFn: ({ signal }) => rest<ProfileStanding>(`/profiles/${chainId}/${account!}`, {}, signal),
  });
}

/** Refetches every badge read of the indexer (after a claim). */
export function useRefreshBadges() {
  const client = useQueryClient();
  return useCallback(() => client.invalidateQueries({ queryKey: ["indexer"] }), [client]);
}
