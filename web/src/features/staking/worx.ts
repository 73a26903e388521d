/**
 * An account's WORX, read live from chain: balance, votes, delegate, staked and unlocked balance,
 * staking power, its three positions (30/90/180 days), and the fee-discount tier its staking power
 * reaches (StakingFeeDiscount). Shared by the staking page and the profile.
 */
import type { Address } from "viem";
import { useReadContracts } from "wagmi";
import { stakingFeeDiscountAbi, worxTokenAbi } from "../../../../generated/abis.ts";
import type { DaoAddresses } from "../dao/contracts.ts";

export const TERMS = [
  { term: 0, days: 30, label: "30 days", boostBps: 10_000 },
  { term: 1, days: 90, label: "90 days", boostBps: 15_000 },
  { term: 2, days: 180, label: "180 days", boostBps: 20_000 },
] as const;
export type TermId = 0 | 1 | 2;

export interface Position {
  term: TermId;
  amount: bigint;
  unlockAt: number;
}

export interface DiscountTier {
  minStakingPower: bigint;
  discountBps: number;
}

export interface WorxAccount {
  balance: bigint;
  votes: bigint;
  delegate: Address;
  locked: bigint;
  unlocked: bigint;
  stakingPower: bigint;
  positions: Position[];
  tiers: DiscountTier[];
  /** The fee discount the staking power earns now (basis points). */
  discountBps: number;
}

const ZERO = "0x0000000000000000000000000000000000000000" as const;

export function useWorxAccount(chainId: number, dao: DaoAddresses, account: Address | undefined) {
  const token = { chainId: chainId as never, address: dao.token, abi: worxTokenAbi } as const;
  const who = account ?? ZERO;
  const discount = dao.discount ?? ZERO;
  const reads = useReadContracts({
    allowFailure: true,
    contracts: [
      { ...token, functionName: "balanceOf", args: [who] },
      { ...token, functionName: "getVotes", args: [who] },
      { ...token, functionName: "delegates", args: [who] },
      { ...token, functionName: "lockedBalance", args: [who] },
      { ...token, functionName: "unlockedBalanceOf", args: [who] },
      { ...token, functionName: "stakingPower", args: [who] },
      { ...token, functionName: "stakeOf", args: [who, 0] },
      { ...token, functionName: "stakeOf", args: [who, 1] },
      { ...token, functionName: "stakeOf", args: [who, 2] },
      { chainId: chainId as never, address: discount, abi: stakingFeeDiscountAbi, functionName: "discountTiers" },
      { chainId: chainId as never, address: discount, abi: stakingFeeDiscountAbi, functionName: "stakingDiscountBps", args: [who] },
    ],
    query: { enabled: !!account, refetchInterval: 3_000 },
  });
  const d = reads.data;
  const r = <T,>(i: number) => d?.[i]?.result as T | undefined;
  const ready = !!d && [0, 1, 2, 3, 4, 5, 6, 7, 8].every((i) => d[i]?.status === "success");
  const data: WorxAccount | undefined = ready
    ? {
        balance: r<bigint>(0)!,
        votes: r<bigint>(1)!,
        delegate: r<Address>(2)!,
        locked: r<bigint>(3)!,
        unlocked: r<bigint>(4)!,
        stakingPower: r<bigint>(5)!,
        positions: ([0, 1, 2] as const).map((term) => {
          const s = r<{ amount: bigint; unlockAt: number }>(6 + term)!;
          return { term, amount: s.amount, unlockAt: Number(s.unlockAt) };
        }),
        tiers: (r<readonly { minStakingPower: bigint; discountBps: number }[]>(9) ?? []).map((t) => ({ minStakingPower: t.minStakingPower, discountBps: t.discountBps })),
        discountBps: r<number>(10) ?? 0,
      }
    : undefined;
  const error = d?.slice(0, 9).find((x) => x.status === "failure")?.error ?? reads.error;
  return { data, error, refetch: reads.refetch };
}

/** The highest tier `power` reaches, or undefined. */
export function tierFor(tiers: readonly DiscountTier[], power: bigint): DiscountTier | undefined {
  let best: DiscountTier | undefined;
  for (const t of tiers) if (power >= t.minStakingPower) best = t;
  return best;
}

/** Staking power of a position, as WorxToken computes it (rounded down). */
export const powerOf = (amount: bigint, term: TermId) => (amount * BigInt(TERMS[term].boostBps)) / 10_000n;

/** The average boost of the running positions ("1.5×"), or undefined without one. */
export function boostOf(account: WorxAccount, now: number): string | undefined {
  const running = account.positions.filter((p) => p.amount > 0n && now < p.unlockAt).reduce((s, p) => s + p.amount, 0n);
  if (running === 0n) return undefined;
  return `${(Number((account.stakingPower * 100n) / running) / 100).toString()}×`;
}
