/**
 * Escrow reads from the indexer (tables `escrow` and `milestone` of indexer/ponder.schema.ts) as
 * TanStack Query hooks. Addresses are stored lowercase; bigints arrive as decimal strings and are
 * turned back into bigints here.
 */
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useCallback } from "react";
import type { Address } from "viem";
import { gql } from "./client.ts";

export type EscrowStatus = "created" | "funded" | "completed" | "cancelled";
export type MilestoneStatus = "pending" | "submitted" | "released";

export interface MilestoneRow {
  index: number;
  amount: bigint;
  status: MilestoneStatus;
  deliverable: string | null;
  fee: bigint | null;
  payout: bigint | null;
}

export interface EscrowRow {
  id: string;
  chainId: string;
  escrowId: bigint;
  client: Address;
  freelancer: Address;
  token: Address;
  amounts: bigint[];
  total: bigint;
  released: bigint;
  feeBps: number;
  status: EscrowStatus;
  milestoneCount: number;
  releasedCount: number;
  createdAt: bigint;
  updatedAt: bigint;
  milestones: MilestoneRow[];
}

const ESCROW_FIELDS = `
  id chainId escrowId client freelancer token amounts total released feeBps status
  milestoneCount releasedCount createdAt updatedAt
  milestones(orderBy: "index", orderDirection: "asc", limit: 50) {
    items { index amount status deliverable fee payout }
  }`;

const MY_ESCROWS = `
  query MyEscrows($account: String!) {
    asClient: escrows(where: { client: $account }, orderBy: "createdAt", orderDirection: "desc", limit: 50) {
      items { ${ESCROW_FIELDS} }
    }
    asFreelancer: escrows(where: { freelancer: $account }, orderBy: "createdAt", orderDirection: "desc", limit: 50) {
      items { ${ESCROW_FIELDS} }
    }
  }`;

type Raw<T> = { [K in keyof T]: T[K] extends bigint ? string : T[K] extends bigint | null ? string | null : T[K] extends bigint[] ? string[] : T[K] };
type RawEscrow = Omit<Raw<EscrowRow>, "milestones"> & { milestones: { items: Raw<MilestoneRow>[] } };

const big = (v: string | null) => (v === null ? null : BigInt(v));

function parseEscrow(raw: RawEscrow): EscrowRow {
  return {
    ...raw,
    escrowId: BigInt(raw.escrowId),
    amounts: raw.amounts.map((a) => BigInt(a)),
    total: BigInt(raw.total),
    released: BigInt(raw.released),
    createdAt: BigInt(raw.createdAt),
    updatedAt: BigInt(raw.updatedAt),
    milestones: raw.milestones.items.map((m) => ({ ...m, amount: BigInt(m.amount), fee: big(m.fee), payout: big(m.payout) })),
  };
}

export const escrowKeys = {
  all: ["indexer", "escrows"] as const,
  mine: (account: string) => ["indexer", "escrows", "mine", account.toLowerCase()] as const,
};

/** Escrows where `account` is the client or the freelancer, newest first. */
export function useMyEscrows(account: Address | undefined) {
  return useQuery({
    queryKey: escrowKeys.mine(account ?? "none"),
    enabled: !!account,
    refetchInterval: 2_000,
    queryFn: async ({ signal }) => {
      const data = await gql<{ asClient: { items: RawEscrow[] }; asFreelancer: { items: RawEscrow[] } }>(
        MY_ESCROWS,
        { account: account!.toLowerCase() },
        signal,
      );
      const byId = new Map<string, EscrowRow>();
      for (const raw of [...data.asClient.items, ...data.asFreelancer.items]) byId.set(raw.id, parseEscrow(raw));
      return [...byId.values()].sort((a, b) => (a.createdAt === b.createdAt ? Number(b.escrowId - a.escrowId) : Number(b.createdAt - a.createdAt)));
    },
  });
}

/** Refetch the indexer's escrow lists now (after a confirmed write). */
export function useRefreshEscrows() {
  const queryClient = useQueryClient();
  return useCallback(() => queryClient.invalidateQueries({ queryKey: escrowKeys.all }), [queryClient]);
}
