/** The DEX's base token (the factory's stablecoin: dUSD locally): address, symbol and decimals from chain. */
import type { Address } from "viem";
import { useReadContract } from "wagmi";
import { useTokenInfo } from "../escrow/tokens.ts";
import { creatorCoinFactoryAbi, type DexAddresses } from "./contracts.ts";

export interface BaseToken {
  address?: Address;
  symbol: string;
  decimals: number;
  ready: boolean;
}

export function useBaseToken(chainId: number, dex: DexAddresses): BaseToken {
  const { data: address } = useReadContract({
    chainId: chainId as never,
    address: dex.factory,
    abi: creatorCoinFactoryAbi,
    functionName: "baseToken",
    query: { staleTime: Infinity },
  });
  const info = useTokenInfo(chainId, address);
  return { address, symbol: info.symbol, decimals: info.decimals, ready: !!address && info.ready };
}
