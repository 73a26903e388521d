/**
 * The metrics oracle's governed settings, read live: the follower thresholds of the milestones and
 * which one gates a launch; and one creator's on-chain facts (wallet, metrics, milestones reached,
 * coin). The indexer has the history; what a launch or a release depends on comes from here.
 */
import type { Address, Hex } from "viem";
import { useReadContracts } from "wagmi";
import { creatorCoinFactoryAbi, metricsOracleAbi, type DexAddresses } from "./contracts.ts";

export interface OracleInfo {
  thresholds: bigint[];
  launchIndex: number;
}

export function useOracleInfo(chainId: number, dex: DexAddresses) {
  const o = { chainId: chainId as never, address: dex.oracle, abi: metricsOracleAbi } as const;
  const reads = useReadContracts({
    allowFailure: false,
    contracts: [
      { ...o, functionName: "milestoneThresholds" },
      { ...o, functionName: "launchMilestoneIndex" },
    ],
    query: { refetchInterval: 30_000 },
  });
  const d = reads.data;
  const info: OracleInfo | undefined = d ? { thresholds: [...d[0]], launchIndex: Number(d[1]) } : undefined;
  return { info, error: reads.error };
}

export interface CreatorOnChain {
  wallet: Address;
  plays: bigint;
  followers: bigint;
  engagementBps: bigint;
  observedAt: number;
  milestonesReached: number;
  /** Zero address when not launched. */
  coin: Address;
}

export function useCreatorOnChain(chainId: number, dex: DexAddresses, creatorId: Hex) {
  const o = { chainId: chainId as never, address: dex.oracle, abi: metricsOracleAbi } as const;
  const reads = useReadContracts({
    allowFailure: false,
    contracts: [
      { ...o, functionName: "creatorOf", args: [creatorId] },
      { ...o, functionName: "metrics", args: [creatorId] },
      { ...o, functionName: "milestonesReached", args: [creatorId] },
      { chainId: chainId as never, address: dex.factory, abi: creatorCoinFactoryAbi, functionName: "coinOf", args: [creatorId] },
    ],
    query: { refetchInterval: 3_000 },
  });
  const d = reads.data;
  const data: CreatorOnChain | undefined = d
    ? {
        wallet: d[0],
        plays: d[1].plays,
        followers: d[1].followers,
        engagementBps: d[1].engagementBps,
        observedAt: Number(d[1].observedAt),
        milestonesReached: Number(d[2]),
        coin: d[3],
      }
    : undefined;
  return { data, error: reads.error, refetch: reads.refetch };
}

/** The next milestone a creator has not reached, and its followers as a share of that threshold (undefined: all reached). */
export function nextMilestone(info: OracleInfo, reached: number, followers: bigint): { index: number; threshold: bigint; percent: number } | undefined {
  if (reached >= info.thresholds.length) return undefined;
  const threshold = info.thresholds[reached]!;
  const percent = threshold === 0n ? 100 : Math.min(100, Number((followers * 10_000n) / threshold) / 100);
  return { index: reached, threshold, percent };
}
