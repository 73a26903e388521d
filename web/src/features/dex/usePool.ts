/**
 * A pool's live state, read from chain (what a swap depends on must not lag behind the indexer):
 * reserves, parameters, halt, the breaker's window, the trader's protection slot, and the trader's
 * balances and allowances of both tokens. Refetched every 2 s and after each write.
 */
import { erc20Abi, type Address } from "viem";
import { useReadContracts } from "wagmi";
import { creatorPoolAbi } from "./contracts.ts";

export interface PoolParams {
  swapFeeBps: number;
  protocolShareBps: number;
  dailyVolumeLimit: bigint;
  cooldown: number;
  maxPriceMoveBps: number;
  breakerWindow: number;
  coolOff: number;
  maxPriceImpactBps: number;
}

export interface Protection {
  lastTradeAt: number;
  day: number;
  volume: bigint;
}

export interface TokenFacts {
  address: Address;
  symbol: string;
  decimals: number;
}

export interface PoolState {
  pool: Address;
  coin: TokenFacts;
  base: TokenFacts;
  reserves: { coin: bigint; base: bigint };
  params: PoolParams;
  haltedUntil: number;
  breaker: { windowStart: number; referencePrice: bigint };
  protection?: Protection;
  /** The trader's balances and allowances to the pool (undefined without a trader). */
  me?: { coin: bigint; base: bigint; coinAllowance: bigint; baseAllowance: bigint };
}

const ZERO = "0x0000000000000000000000000000000000000000" as const;

export function usePool(chainId: number, pool: Address | undefined, coin: Address | undefined, trader: Address | undefined) {
  const p = { chainId: chainId as never, address: pool ?? ZERO, abi: creatorPoolAbi } as const;
  // The base token is a pool constant; read it first, then everything else in one batch.
  const constants = useReadContracts({
    allowFailure: false,
    contracts: [{ ...p, functionName: "baseToken" }],
    query: { enabled: !!pool, staleTime: Infinity },
  });
  const baseToken = constants.data?.[0];
  const who = trader ?? ZERO;
  const c = { chainId: chainId as never, address: coin ?? ZERO, abi: erc20Abi } as const;
  const b = { chainId: chainId as never, address: baseToken ?? ZERO, abi: erc20Abi } as const;
  const reads = useReadContracts({
    allowFailure: false,
    contracts: [
      { ...p, functionName: "getReserves" },
      { ...p, functionName: "params" },
      { ...p, functionName: "haltedUntil" },
      { ...p, functionName: "breakerState" },
      { ...p, functionName: "protectionOf", args: [who] },
      { ...c, functionName: "symbol" },
      { ...c, functionName: "decimals" },
      { ...b, functionName: "symbol" },
      { ...b, functionName: "decimals" },
      { ...c, functionName: "balanceOf", args: [who] },
      { ...b, functionName: "balanceOf", args: [who] },
      { ...c, functionName: "allowance", args: [who, pool ?? ZERO] },
      { ...b, functionName: "allowance", args: [who, pool ?? ZERO] },
    ],
    query: { enabled: !!pool && !!coin && !!baseToken, refetchInterval: 2_000 },
  });
  const build = (d: typeof reads.data): PoolState | undefined =>
    d && pool && coin && baseToken
      ? {
          pool,
          coin: { address: coin, symbol: d[5], decimals: d[6] },
          base: { address: baseToken, symbol: d[7], decimals: d[8] },
          reserves: { coin: d[0][0], base: d[0][1] },
          params: {
            swapFeeBps: d[1].swapFeeBps,
            protocolShareBps: d[1].protocolShareBps,
            dailyVolumeLimit: d[1].dailyVolumeLimit,
            cooldown: d[1].cooldown,
            maxPriceMoveBps: d[1].maxPriceMoveBps,
            breakerWindow: d[1].breakerWindow,
            coolOff: d[1].coolOff,
            maxPriceImpactBps: d[1].maxPriceImpactBps,
          },
          haltedUntil: Number(d[2]),
          breaker: { windowStart: Number(d[3][0]), referencePrice: d[3][1] },
          protection: trader ? { lastTradeAt: Number(d[4][0]), day: Number(d[4][1]), volume: d[4][2] } : undefined,
          me: trader ? { coin: d[9], base: d[10], coinAllowance: d[11], baseAllowance: d[12] } : undefined,
        }
      : undefined;
  const { refetch } = reads;
  return {
    data: build(reads.data),
    error: reads.error ?? constants.error,
    refetch,
    /** Reads everything again now (before a write: the quote must use the latest reserves). */
    reload: async () => build((await refetch()).data),
  };
}
