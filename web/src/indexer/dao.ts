/**
 * DAO reads from the indexer's REST routes (indexer/src/api, README "Indexer API"):
 * `GET /dao/:chainId/proposals`, `/dao/:chainId/proposals/:proposalId`, `/dao/:chainId/treasury`,
 * `/dao/:chainId/members/:address`. Addresses arrive lowercase, bigints as decimal strings (kept as
 * strings here and turned into bigints where they are used: `big`). Live facts a write depends on
 * (proposal state, tallies, balances, stakes) are read from chain by the pages; the indexer gives
 * lists, descriptions, calls and history.
 */
import { keepPreviousData, useQuery, useQueryClient } from "@tanstack/react-query";
import { useCallback } from "react";
import type { Address, Hex } from "viem";
import type { ProposalState, TreasuryFlowDirection, TreasuryFlowKind } from "../../../indexer/vocabulary.ts";
import { rest } from "./client.ts";

/**
 * OpenZeppelin's ProposalState names, lowercase: the indexer's (type-only import) plus `expired`,
 * which the governor itself can answer but the API never derives (a timelocked governor's queued
 * proposals do not expire).
 */
export type ProposalStateName = ProposalState | "expired";
/** In the order of IGovernor.ProposalState (the index `state(proposalId)` returns). */
export const PROPOSAL_STATES: readonly ProposalStateName[] = ["pending", "active", "canceled", "defeated", "succeeded", "queued", "expired", "executed"];
/** The states the API can filter on. */
export const FILTER_STATES: readonly ProposalState[] = ["pending", "active", "canceled", "defeated", "succeeded", "queued", "executed"];

type Num = string | number;

export interface ProposalRow {
  id: string;
  chainId: string;
  governor: Address;
  /** uint256, decimal. */
  proposalId: string;
  proposer: Address;
  title: string;
  description: string;
  targets: Address[];
  values: Num[];
  calldatas: Hex[];
  /** Seconds (ERC-6372 timestamp clock): the snapshot, when voting opens. */
  voteStart: Num;
  /** Seconds: when voting closes (moved later by a late-quorum extension). */
  voteEnd: Num;
  quorum?: Num | null;
  forVotes: Num;
  againstVotes: Num;
  abstainVotes: Num;
  voterCount: number;
  /** The stored status ("created" | "canceled" | "queued" | "executed"). */
  status: string;
  /** The OpenZeppelin state the API derived on the chain's latest block time. */
  state: ProposalStateName;
  eta?: Num | null;
  createdAt: Num;
  createdTx?: Hex;
  queuedAt?: Num | null;
  executedAt?: Num | null;
  canceledAt?: Num | null;
  extended?: boolean;
}

export interface VoteRow {
  voter: Address;
  /** 0 against, 1 for, 2 abstain. */
  support: number;
  weight: Num;
  reason: string;
  txHash?: Hex;
  castAt: Num;
}

export interface ProposalPage {
  totalCount: number;
  limit: number;
  offset: number;
  items: ProposalRow[];
}

export type ProposalDetail = ProposalRow & { votes: VoteRow[]; voteCount: number };

export interface TreasuryFlow {
  id: string;
  token: Address;
  direction: TreasuryFlowDirection;
  amount: Num;
  counterparty?: Address | null;
  kind: TreasuryFlowKind;
  proposalId?: string | null;
  txHash?: Hex;
  at: Num;
}

export interface TreasuryReport {
  treasury: Address | null;
  /** Per token, as the indexed flows add up. */
  balances: { token: Address; inflow: Num; outflow: Num; balance: Num; flowCount: number }[];
  flows: { totalCount: number; limit: number; offset: number; items: TreasuryFlow[] };
  /** Per token: the balance at the end of each day with a flow (`day`: the day's first second). */
  daily: { token: Address; series: { day: Num; inflow: Num; outflow: Num; balance: Num }[] }[];
}

export const big = (v: Num | null | undefined): bigint => (v === null || v === undefined || v === "" ? 0n : BigInt(v));

export const daoKeys = {
  all: ["indexer", "dao"] as const,
  proposals: (chainId: string, state: string, limit: number, offset: number) => ["indexer", "dao", "proposals", chainId, state, limit, offset] as const,
  proposal: (chainId: string, id: string) => ["indexer", "dao", "proposal", chainId, id] as const,
  treasury: (chainId: string, limit: number, offset: number) => ["indexer", "dao", "treasury", chainId, limit, offset] as const,
};

/** One page of proposals, newest first; `state` "all" or an OpenZeppelin state name. */
export function useProposals(chainId: string, state: ProposalStateName | "all", limit: number, offset: number) {
  return useQuery({
    queryKey: daoKeys.proposals(chainId, state, limit, offset),
    placeholderData: keepPreviousData,
    refetchInterval: 3_000,
    queryFn: ({ signal }) =>
      rest<ProposalPage>(`/dao/${encodeURIComponent(chainId)}/proposals`, { state: state === "all" ? undefined : state, limit, offset }, signal),
  });
}

/** One proposal with its calls and votes; `null` while the indexer has not seen it (404). */
export function useProposal(chainId: string, proposalId: string) {
  return useQuery({
    queryKey: daoKeys.proposal(chainId, proposalId),
    refetchInterval: 2_000,
    queryFn: async ({ signal }): Promise<ProposalDetail | null> => {
      try {
        const body = await rest<ProposalRow & { votes: { totalCount: number; items: VoteRow[] } }>(
          `/dao/${encodeURIComponent(chainId)}/proposals/${encodeURIComponent(proposalId)}`,
          { limit: 100 },
          signal,
        );
        return { ...body, votes: body.votes.items, voteCount: body.votes.totalCount };
      } catch (error) {
        if (/No proposal /.test((error as Error).message)) return null;
        throw error;
      }
    },
  });
}

export interface TreasuryHistory {
  flows: TreasuryFlow[];
  totalFlows: number;
  /** Per token (lowercase address): balance at the end of each day with flows, ascending. */
  series: Map<string, { day: number; balance: bigint }[]>;
}

/** A day's first second → UTC day number. */
const dayOf = (v: Num) => Math.floor(Number(v) / 86_400);

/** The treasury's inflows and outflows (newest first) and its balance per token per day. */
export function useTreasuryHistory(chainId: string, limit: number, offset: number) {
  return useQuery({
    queryKey: daoKeys.treasury(chainId, limit, offset),
    placeholderData: keepPreviousData,
    refetchInterval: 4_000,
    queryFn: async ({ signal }): Promise<TreasuryHistory> => {
      const body = await rest<TreasuryReport>(`/dao/${encodeURIComponent(chainId)}/treasury`, { limit, offset }, signal);
      const series = new Map<string, { day: number; balance: bigint }[]>();
      for (const t of body.daily) series.set(t.token.toLowerCase(), t.series.map((p) => ({ day: dayOf(p.day), balance: big(p.balance) })).sort((a, b) => a.day - b.day));
      return { flows: body.flows.items, totalFlows: body.flows.totalCount, series };
    },
  });
}

/** Refetches every DAO read of the indexer (after a confirmed write). */
export function useRefreshDao() {
  const client = useQueryClient();
  return useCallback(() => client.invalidateQueries({ queryKey: daoKeys.all }), [client]);
}
