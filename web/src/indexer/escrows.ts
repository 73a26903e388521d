/**
 * Escrow reads from the indexer (tables `escrow`, `milestone`, `dispute`, `escrow_event` of
 * indexer/ponder.schema.ts) as TanStack Query hooks. Addresses are stored lowercase; bigints arrive
 * as decimal strings and are turned back into bigints here.
 */
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useCallback } from "react";
import type { Address, Hex } from "viem";
import type { DisputeStatus, EscrowEventKind, EscrowStatus, MilestoneStatus, SettledBy } from "../../../indexer/vocabulary.ts";
import { gql } from "./client.ts";

// The indexer's own names (type-only: nothing of the indexer reaches the bundle).
export type { DisputeStatus, EscrowEventKind, EscrowStatus, MilestoneStatus, SettledBy };

export interface MilestoneRow {
  index: number;
  amount: bigint;
  dueDate: bigint;
  status: MilestoneStatus;
  deliverable: Hex | null;
  submittedAt: bigint | null;
  onTime: boolean | null;
  claimed: boolean;
  fee: bigint | null;
  payout: bigint | null;
  refund: bigint | null;
  settledAt: bigint | null;
  settledBy: SettledBy | null;
}

export interface DisputeRow {
  id: string;
  chainId: string;
  escrowId: bigint;
  index: number;
  client: Address;
  freelancer: Address;
  token: Address;
  amount: bigint;
  openedBy: Address;
  reason: Hex;
  openedAt: bigint;
  status: DisputeStatus;
  arbiter: Address | null;
  freelancerBps: number | null;
  fee: bigint | null;
  payout: bigint | null;
  refund: bigint | null;
  resolvedAt: bigint | null;
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
  refunded: bigint;
  feeBps: number;
  baseFeeBps: number;
  feeDiscountBps: number;
  reviewPeriod: number;
  gracePeriod: number;
  status: EscrowStatus;
  milestoneCount: number;
  settledCount: number;
  openDisputes: number;
  reclaimed: boolean;
  rating: number | null;
  createdAt: bigint;
  updatedAt: bigint;
  milestones: MilestoneRow[];
  disputes: DisputeRow[];
}


/** One row of a job's timeline (table `escrow_event`). */
export interface EscrowEventRow {
  id: string;
  kind: EscrowEventKind;
  milestoneIndex: number | null;
  actor: Address | null;
  amount: bigint | null;
  /** The event's other arguments, bigints as decimal strings. */
  detail: Record<string, unknown>;
  blockNumber: bigint;
  logIndex: number;
  timestamp: bigint;
  txHash: Hex;
}

const DISPUTE_FIELDS = `id chainId escrowId index client freelancer token amount openedBy reason openedAt status arbiter freelancerBps fee payout refund resolvedAt`;

const ESCROW_FIELDS = `
  id chainId escrowId client freelancer token amounts total released refunded feeBps baseFeeBps feeDiscountBps
  reviewPeriod gracePeriod status milestoneCount settledCount openDisputes reclaimed rating createdAt updatedAt
  milestones(orderBy: "index", orderDirection: "asc", limit: 50) {
    items { index amount dueDate status deliverable submittedAt onTime claimed fee payout refund settledAt settledBy }
  }
  disputes(limit: 50) { items { ${DISPUTE_FIELDS} } }`;

const MY_ESCROWS = `
  query MyEscrows($account: String!, $chainId: String!) {
    asClient: escrows(where: { client: $account, chainId: $chainId }, orderBy: "createdAt", orderDirection: "desc", limit: 50) {
      items { ${ESCROW_FIELDS} }
    }
    asFreelancer: escrows(where: { freelancer: $account, chainId: $chainId }, orderBy: "createdAt", orderDirection: "desc", limit: 50) {
      items { ${ESCROW_FIELDS} }
    }
  }`;

const ONE_ESCROW = `
  query Escrow($id: String!) {
    escrow(id: $id) {
      ${ESCROW_FIELDS}
      events(orderBy: "blockNumber", orderDirection: "asc", limit: 500) {
        items { id kind milestoneIndex actor amount detail blockNumber logIndex timestamp txHash }
      }
    }
  }`;

const OPEN_DISPUTES = `
  query Disputes($chainId: String!, $status: String!) {
    disputes(where: { chainId: $chainId, status: $status }, orderBy: "openedAt", orderDirection: "asc", limit: 100) {
      items { ${DISPUTE_FIELDS} escrow { feeBps status } }
    }
  }`;

type Raw<T> = {
  [K in keyof T]: T[K] extends bigint ? string : T[K] extends bigint | null ? string | null : T[K] extends bigint[] ? string[] : T[K];
};
type RawEscrow = Omit<Raw<EscrowRow>, "milestones" | "disputes"> & {
  milestones: { items: Raw<MilestoneRow>[] };
  disputes: { items: Raw<DisputeRow>[] };
};

const big = (v: string | null) => (v === null ? null : BigInt(v));

export function parseDispute(raw: Raw<DisputeRow>): DisputeRow {
  return {
    ...raw,
    escrowId: BigInt(raw.escrowId),
    amount: BigInt(raw.amount),
    openedAt: BigInt(raw.openedAt),
    fee: big(raw.fee),
    payout: big(raw.payout),
    refund: big(raw.refund),
    resolvedAt: big(raw.resolvedAt),
  };
}

function parseEscrow(raw: RawEscrow): EscrowRow {
  return {
    ...raw,
    escrowId: BigInt(raw.escrowId),
    amounts: raw.amounts.map((a) => BigInt(a)),
    total: BigInt(raw.total),
    released: BigInt(raw.released),
    refunded: BigInt(raw.refunded),
    createdAt: BigInt(raw.createdAt),
    updatedAt: BigInt(raw.updatedAt),
    milestones: raw.milestones.items.map((m) => ({
      ...m,
      amount: BigInt(m.amount),
      dueDate: BigInt(m.dueDate),
      submittedAt: big(m.submittedAt),
      fee: big(m.fee),
      payout: big(m.payout),
      refund: big(m.refund),
      settledAt: big(m.settledAt),
    })),
    disputes: raw.disputes.items.map(parseDispute).sort((a, b) => a.index - b.index),
  };
}

export const escrowKeys = {
  all: ["indexer", "escrows"] as const,
  mine: (chainId: string, account: string) => ["indexer", "escrows", "mine", chainId, account.toLowerCase()] as const,
  one: (id: string) => ["indexer", "escrows", "one", id] as const,
  disputes: (chainId: string, status: DisputeStatus) => ["indexer", "escrows", "disputes", chainId, status] as const,
};

/**
 * Escrows on chain `chainId` (CAIP-2) where `account` is the client or the freelancer, newest
 * first. Keyed by chain: after a chain switch the other chain's rows are never shown as this one's.
 */
export function useMyEscrows(chainId: string | undefined, account: Address | undefined) {
  return useQuery({
    queryKey: escrowKeys.mine(chainId ?? "none", account ?? "none"),
    enabled: !!account && !!chainId,
    refetchInterval: 2_000,
    queryFn: async ({ signal }) => {
      const data = await gql<{ asClient: { items: RawEscrow[] }; asFreelancer: { items: RawEscrow[] } }>(
        MY_ESCROWS,
        { account: account!.toLowerCase(), chainId: chainId! },
        signal,
      );
      const byId = new Map<string, EscrowRow>();
      for (const raw of [...data.asClient.items, ...data.asFreelancer.items]) byId.set(raw.id, parseEscrow(raw));
      return [...byId.values()].sort((a, b) => (a.createdAt === b.createdAt ? Number(b.escrowId - a.escrowId) : Number(b.createdAt - a.createdAt)));
    },
  });
}

export interface EscrowDetail {
  escrow: EscrowRow;
  /** The job's timeline, in chain order. */
  events: EscrowEventRow[];
}

/** One escrow with its timeline; `null` when the indexer has no such escrow (yet). */
export function useEscrow(chainId: string, escrowId: bigint | undefined) {
  const id = `${chainId}:${escrowId}`;
  return useQuery({
    queryKey: escrowKeys.one(id),
    enabled: escrowId !== undefined,
    refetchInterval: 2_000,
    queryFn: async ({ signal }): Promise<EscrowDetail | null> => {
      type RawEvent = Raw<Omit<EscrowEventRow, "detail">> & { detail: Record<string, unknown> };
      const data = await gql<{ escrow: (RawEscrow & { events: { items: RawEvent[] } }) | null }>(ONE_ESCROW, { id }, signal);
      if (!data.escrow) return null;
      const events = data.escrow.events.items
        .map((e) => ({ ...e, amount: big(e.amount), blockNumber: BigInt(e.blockNumber), timestamp: BigInt(e.timestamp) }))
        .sort((a, b) => (a.blockNumber === b.blockNumber ? a.logIndex - b.logIndex : a.blockNumber < b.blockNumber ? -1 : 1));
      return { escrow: parseEscrow(data.escrow), events };
    },
  });
}

export interface DisputeWithTerms extends DisputeRow {
  /** The escrow's fee, fixed at creation: what a ruling's payout is charged. */
  feeBps: number;
}

/** Disputes of one chain in a status, oldest first (the arbiter's queue). */
export function useDisputes(chainId: string, status: DisputeStatus = "open") {
  return useQuery({
    queryKey: escrowKeys.disputes(chainId, status),
    refetchInterval: 3_000,
    queryFn: async ({ signal }): Promise<DisputeWithTerms[]> => {
      const data = await gql<{ disputes: { items: (Raw<DisputeRow> & { escrow: { feeBps: number } | null })[] } }>(OPEN_DISPUTES, { chainId, status }, signal);
      return data.disputes.items.map(({ escrow, ...raw }) => ({ ...parseDispute(raw), feeBps: escrow?.feeBps ?? 0 }));
    },
  });
}

/** Refetch the indexer's escrow reads now (after a confirmed write). */
export function useRefreshEscrows() {
  const queryClient = useQueryClient();
  return useCallback(() => queryClient.invalidateQueries({ queryKey: escrowKeys.all }), [queryClient]);
}
