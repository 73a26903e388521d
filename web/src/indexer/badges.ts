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

/** The badges `account` holds and its attestations, on every indexed chain. */
export function useProfileBadges(account: Address | undefined) {
  return useQuery({
    queryKey: ["indexer", "badges", "profile", account?.toLowerCase()],
    enabled: !!account,
    refetchInterval: 4_000,
    queryFn: async ({ signal }): Promise<ProfileBadges> => {
      const data = await gql<{
        badges: { items: RawBadge[] };
        attestations: { items: (Omit<AttestationRow, "expiresAt" | "submittedAt" | "revokedAt"> & { expiresAt: string; submittedAt: string; revokedAt: string | null })[] };
      }>(PROFILE, { owner: account!.toLowerCase() }, signal);
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
  query Gallery($limit: Int!, $after: String) {
    badges(where: { burned: false }, orderBy: "claimedAt", orderDirection: "desc", limit: $limit, after: $after) {
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

/** One page of every badge held now, newest first; `after` is the previous page's end cursor. */
export function useBadgeGallery(after: string | null, limit: number) {
  return useQuery({
    queryKey: ["indexer", "badges", "gallery", after, limit],
    placeholderData: keepPreviousData,
    refetchInterval: 10_000,
    queryFn: async ({ signal }): Promise<BadgePage> => {
      const { badges } = await gql<{ badges: { totalCount: number; pageInfo: { hasNextPage: boolean; endCursor: string | null }; items: RawBadge[] } }>(
        GALLERY,
        { limit, after },
        signal,
      );
      return { total: badges.totalCount, items: badges.items.map(toBadge), hasNext: badges.pageInfo.hasNextPage, endCursor: badges.pageInfo.endCursor };
    },
  });
}

/** One freelancer's row (per chain, or combined over chains when `chainId` is "all"). */
export interface LeaderboardRow {
  /** The query's chain: a CAIP-2 id or "all". */
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
      rest<LeaderboardPage>("/leaderboard", { chainId: q.chainId, sort: q.sort, order: q.order, minJobs: q.minJobs, tier: q.tier, limit: q.limit, offset: q.offset }, signal),
  });
}

/** Refetches every badge read of the indexer (after a claim). */
export function useRefreshBadges() {
  const client = useQueryClient();
  return useCallback(() => client.invalidateQueries({ queryKey: ["indexer"] }), [client]);
}
