/**
 * Multisig reads from the indexer (tables `multisig_operation` and `multisig_approval` of
 * indexer/ponder.schema.ts) as TanStack Query hooks: the operations queue, each operation with the
 * owners who approved it. Addresses arrive lowercase and bigints as decimal strings.
 */
import { keepPreviousData, useQuery, useQueryClient } from "@tanstack/react-query";
import { useCallback } from "react";
import type { Address, Hex } from "viem";
import type { OperationState } from "../../../indexer/vocabulary.ts";
import { gql } from "./client.ts";

/** The indexer's stored operation states (type-only: nothing of the indexer reaches the bundle). */
export type MultisigOpState = OperationState;
export const MULTISIG_OP_STATES: readonly MultisigOpState[] = ["pending", "queued", "executed", "cancelled"];

export interface MultisigApprovalRow {
  owner: Address;
  kind: "approve" | "cancel";
  timestamp: bigint;
  tx: Hex;
  /** An owner removal voided it: it no longer counts. */
  voided: boolean;
}

export interface MultisigOperationRow {
  id: string;
  chainId: string;
  multisig: Address;
  operationId: Hex;
  target: Address;
  value: bigint;
  data: Hex;
  nonce: bigint;
  opClass: "critical" | "routine";
  proposer: Address;
  state: MultisigOpState;
  /** Approvals that count now. */
  approvals: number;
  cancelApprovals: number;
  /** Earliest execution time; null until queued. */
  eta: bigint | null;
  proposedAt: bigint;
  queuedAt: bigint | null;
  executedAt: bigint | null;
  cancelledAt: bigint | null;
  proposedTx: Hex;
  queuedTx: Hex | null;
  executedTx: Hex | null;
  cancelledTx: Hex | null;
  approvalsList: MultisigApprovalRow[];
}

const OP_FIELDS = `
  id chainId multisig operationId target value data nonce opClass proposer state approvals cancelApprovals
  eta proposedAt queuedAt executedAt cancelledAt proposedTx queuedTx executedTx cancelledTx
  approvalsList(orderBy: "timestamp", orderDirection: "asc", limit: 100) { items { owner kind timestamp tx voided } }`;

export type OperationsFilter = MultisigOpState | "all";

const OPERATIONS = (filter: OperationsFilter) => `
  query MultisigOperations($chainId: String!, $multisig: String!, $limit: Int!) {
    list: multisigOperations(
      where: { chainId: $chainId, multisig: $multisig${filter === "all" ? "" : `, state: "${filter}"`} },
      orderBy: "proposedAt", orderDirection: "desc", limit: $limit
    ) { totalCount pageInfo { hasNextPage } items { ${OP_FIELDS} } }
    ${MULTISIG_OP_STATES.map((state) => `${state}: multisigOperations(where: { chainId: $chainId, multisig: $multisig, state: "${state}" }) { totalCount }`).join("\n")}
  }`;

type RawOp = Omit<MultisigOperationRow, "value" | "nonce" | "eta" | "proposedAt" | "queuedAt" | "executedAt" | "cancelledAt" | "approvalsList" | "approvals" | "cancelApprovals"> & {
  value: string;
  nonce: string;
  eta: string | null;
  proposedAt: string;
  queuedAt: string | null;
  executedAt: string | null;
  cancelledAt: string | null;
  approvals: number | string;
  cancelApprovals: number | string;
  approvalsList: { items: (Omit<MultisigApprovalRow, "timestamp"> & { timestamp: string })[] };
};

const big = (v: string | null) => (v === null ? null : BigInt(v));

function parseOp(raw: RawOp): MultisigOperationRow {
  return {
    ...raw,
    value: BigInt(raw.value),
    nonce: BigInt(raw.nonce),
    eta: big(raw.eta),
    proposedAt: BigInt(raw.proposedAt),
    queuedAt: big(raw.queuedAt),
    executedAt: big(raw.executedAt),
    cancelledAt: big(raw.cancelledAt),
    approvals: Number(raw.approvals),
    cancelApprovals: Number(raw.cancelApprovals),
    approvalsList: raw.approvalsList.items.map((a) => ({ ...a, timestamp: BigInt(a.timestamp) })),
  };
}

export interface OperationsPage {
  operations: MultisigOperationRow[];
  hasMore: boolean;
  totals: Record<MultisigOpState, number>;
}

export const multisigKeys = {
  operations: (chainId: string, multisig: string, filter: OperationsFilter, limit: number) =>
    ["indexer", "multisig", "operations", chainId, multisig.toLowerCase(), filter, limit] as const,
};

/** The multisig's operations (all, or those in one state), newest first, and how many are in each state. */
export function useMultisigOperations(chainId: string, multisig: Address | undefined, filter: OperationsFilter, limit = 20) {
  return useQuery({
    queryKey: multisigKeys.operations(chainId, multisig ?? "none", filter, limit),
    enabled: !!multisig,
    refetchInterval: 2_000,
    placeholderData: keepPreviousData,
    queryFn: async ({ signal }): Promise<OperationsPage> => {
      const data = await gql<{ list: { pageInfo: { hasNextPage: boolean }; items: RawOp[] } } & Record<MultisigOpState, { totalCount: number }>>(
        OPERATIONS(filter),
        { chainId, multisig: multisig!.toLowerCase(), limit },
        signal,
      );
      const totals = Object.fromEntries(MULTISIG_OP_STATES.map((s) => [s, data[s].totalCount])) as Record<MultisigOpState, number>;
      return { operations: data.list.items.map(parseOp), hasMore: data.list.pageInfo.hasNextPage, totals };
    },
  });
}

/** The highest nonce the multisig's indexed operations used, or -1 when none. */
export async function highestIndexedNonce(chainId: string, multisig: Address): Promise<bigint> {
  const data = await gql<{ multisigOperations: { items: { nonce: string }[] } }>(
    `query HighestNonce($chainId: String!, $multisig: String!) {
      multisigOperations(where: { chainId: $chainId, multisig: $multisig }, orderBy: "nonce", orderDirection: "desc", limit: 1) { items { nonce } }
    }`,
    { chainId, multisig: multisig.toLowerCase() },
  );
  const top = data.multisigOperations.items[0];
  return top ? BigInt(top.nonce) : -1n;
}

/** Refetch the indexer's multisig rows now (after a confirmed write). */
export function useRefreshMultisig() {
  const queryClient = useQueryClient();
  return useCallback(() => queryClient.invalidateQueries({ queryKey: ["indexer"] }), [queryClient]);
}
