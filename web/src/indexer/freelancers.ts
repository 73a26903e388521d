/**
 * A freelancer's work history from the indexer (tables `freelancer_stats`, `freelancer_earning`,
 * `job_rating`): the same numbers as the contract's `freelancerStats` and `earned`, per chain.
 */
import { useQuery } from "@tanstack/react-query";
import type { Address } from "viem";
import { gql } from "./client.ts";

export interface FreelancerStatsRow {
  completedJobs: number;
  closedJobs: number;
  milestonesDelivered: number;
  milestonesOnTime: number;
  milestonesReclaimed: number;
  ratingCount: number;
  ratingSum: number;
  disputesOpened: number;
  disputesLost: number;
}

export interface EarningRow {
  token: Address;
  earned: bigint;
}

export interface RatingRow {
  escrowId: bigint;
  client: Address;
  rating: number;
  ratedAt: bigint;
}

export interface FreelancerHistory {
  /** Null when the account never worked on this chain. */
  stats: FreelancerStatsRow | null;
  earnings: EarningRow[];
  ratings: RatingRow[];
}

const HISTORY = `
  query Freelancer($id: String!, $chainId: String!, $freelancer: String!) {
    freelancerStats(id: $id) {
      completedJobs closedJobs milestonesDelivered milestonesOnTime milestonesReclaimed ratingCount ratingSum disputesOpened disputesLost
    }
    freelancerEarnings(where: { chainId: $chainId, freelancer: $freelancer }, limit: 50) { items { token earned } }
    jobRatings(where: { chainId: $chainId, freelancer: $freelancer }, orderBy: "ratedAt", orderDirection: "desc", limit: 20) {
      items { escrowId client rating ratedAt }
    }
  }`;

export function useFreelancerHistory(chainId: string, freelancer: Address | undefined) {
  return useQuery({
    queryKey: ["indexer", "escrows", "freelancer", chainId, freelancer?.toLowerCase()],
    enabled: !!freelancer,
    refetchInterval: 4_000,
    queryFn: async ({ signal }): Promise<FreelancerHistory> => {
      const who = freelancer!.toLowerCase();
      const data = await gql<{
        freelancerStats: FreelancerStatsRow | null;
        freelancerEarnings: { items: { token: Address; earned: string }[] };
        jobRatings: { items: { escrowId: string; client: Address; rating: number; ratedAt: string }[] };
      }>(HISTORY, { id: `${chainId}:${who}`, chainId, freelancer: who }, signal);
      return {
        stats: data.freelancerStats,
        earnings: data.freelancerEarnings.items.map((e) => ({ token: e.token, earned: BigInt(e.earned) })).filter((e) => e.earned > 0n),
        ratings: data.jobRatings.items.map((r) => ({ ...r, escrowId: BigInt(r.escrowId), ratedAt: BigInt(r.ratedAt) })),
      };
    },
  });
}
