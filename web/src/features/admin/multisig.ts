/**
 * The WorxMultisig as the admin console sees it: operations and their EIP-712 typed data
 * (contracts/interfaces/IWorxMultisig.sol), and the live configuration read from chain (owners,
 * per-class thresholds and delays, guardian, grace period) plus the escrow settings it administers.
 */
import { useMemo } from "react";
import { hashTypedData, type Address, type Hex } from "viem";
import { useReadContracts } from "wagmi";
import { milestoneEscrowAbi, worxMultisigAbi } from "../../../../generated/abis.ts";
import { contractAddress } from "../../chains/evm.ts";

/** One call the multisig makes (IWorxMultisig.Operation). */
export interface Operation {
  target: Address;
  value: bigint;
  data: Hex;
  nonce: bigint;
}

export type OpClass = "critical" | "routine";
/** The contract's OperationClass enum: Critical = 0 (the default for anything unconfigured), Routine = 1. */
export const CLASS_INDEX: Record<OpClass, 0 | 1> = { critical: 0, routine: 1 };
export const classOfIndex = (index: number): OpClass => (index === 1 ? "routine" : "critical");


import { multisigDomain, OPERATION_TYPES } from "../../../../generated/typedData.ts";

export { multisigDomain, OPERATION_TYPES };

/** The operation's id: the EIP-712 digest owners sign (what `hashOperation` returns on chain). */
export function operationId(chainId: number, multisig: Address, op: Operation): Hex {
  return hashTypedData({ domain: multisigDomain(chainId, multisig), types: OPERATION_TYPES, primaryType: "Operation", message: op });
}

export const sameAddress = (a: string | undefined, b: string | undefined) => !!a && !!b && a.toLowerCase() === b.toLowerCase();

export interface MultisigInfo {
  chainId: number;
  multisig: Address;
  escrow: Address;
  owners: readonly Address[];
  thresholds: Record<OpClass, number>;
  /** Timelock per class, in seconds. */
  delays: Record<OpClass, number>;
  guardian: Address;
  /** Seconds after its eta during which a queued operation can still execute. */
  gracePeriod: number;
  /** Escrow settings, live from chain. */
  escrowPaused: boolean;
  platformFeeBps: number;
  maxFeeBps: number;
  feeRecipient: Address;
  /** Whether the guardian may pause the escrow through the multisig. */
  escrowPausable: boolean;
}

export interface MultisigInfoQuery {
  info?: MultisigInfo;
  error?: string;
  loading: boolean;
  refetch(): void;
}

/** The multisig of a chain and the escrow it administers, read from chain in one batch. */
export function useMultisigInfo(chainId: number): MultisigInfoQuery {
  const multisig = contractAddress(chainId, "WorxMultisig");
  const escrow = contractAddress(chainId, "MilestoneEscrow");
  const ms = { chainId: chainId as never, address: multisig, abi: worxMultisigAbi } as const;
  const es = { chainId: chainId as never, address: escrow, abi: milestoneEscrowAbi } as const;
  const { data, error, isPending, refetch } = useReadContracts({
    allowFailure: false,
    contracts: [
      { ...ms, functionName: "getOwners" },
      { ...ms, functionName: "threshold", args: [CLASS_INDEX.critical] },
      { ...ms, functionName: "threshold", args: [CLASS_INDEX.routine] },
      { ...ms, functionName: "delay", args: [CLASS_INDEX.critical] },
      { ...ms, functionName: "delay", args: [CLASS_INDEX.routine] },
      { ...ms, functionName: "guardian" },
      { ...ms, functionName: "GRACE_PERIOD" },
      { ...ms, functionName: "isPausableTarget", args: [escrow!] },
      { ...es, functionName: "paused" },
      { ...es, functionName: "platformFeeBps" },
      { ...es, functionName: "MAX_FEE_BPS" },
      { ...es, functionName: "feeRecipient" },
    ],
    query: { enabled: !!multisig && !!escrow, refetchInterval: 4_000 },
  });
  const info = useMemo((): MultisigInfo | undefined => {
    if (!data || !multisig || !escrow) return undefined;
    const [owners, critical, routine, criticalDelay, routineDelay, guardian, grace, pausable, paused, fee, maxFee, recipient] = data;
    return {
      chainId,
      multisig,
      escrow,
      owners,
      thresholds: { critical: Number(critical), routine: Number(routine) },
      delays: { critical: Number(criticalDelay), routine: Number(routineDelay) },
      guardian,
      gracePeriod: Number(grace),
      escrowPausable: pausable,
      escrowPaused: paused,
      platformFeeBps: fee,
      maxFeeBps: maxFee,
      feeRecipient: recipient,
    };
  }, [data, chainId, multisig, escrow]);
  return {
    info,
    error: error ? `The multisig's settings can't be read from chain: ${error.message.split("\n")[0]}` : undefined,
    loading: isPending && !!multisig,
    refetch: () => void refetch(),
  };
}

export const isOwnerOf = (info: MultisigInfo | undefined, account: string | undefined) => !!info?.owners.some((o) => sameAddress(o, account));
