/** Token facts the escrow screens need, read from chain: symbol/decimals, balances, allowances. */
import { erc20Abi, formatUnits, type Address } from "viem";
import { useBalance, useReadContract, useReadContracts } from "wagmi";
import { NATIVE_TOKEN, supportedChain } from "../../chains/evm.ts";

export interface TokenInfo {
  symbol: string;
  decimals: number;
  native: boolean;
  /** False until symbol and decimals are known. */
  ready: boolean;
}

export const isNative = (token: Address) => token.toLowerCase() === NATIVE_TOKEN;

/** Symbol and decimals of an escrow token: native coin from the registry, ERC-20 from chain. */
export function useTokenInfo(chainId: number, token: Address | undefined): TokenInfo {
  const native = !!token && isNative(token);
  const { data } = useReadContracts({
    allowFailure: false,
    contracts: [
      { chainId: chainId as never, address: token, abi: erc20Abi, functionName: "symbol" },
      { chainId: chainId as never, address: token, abi: erc20Abi, functionName: "decimals" },
    ],
    query: { enabled: !!token && !native, staleTime: Infinity, gcTime: Infinity },
  });
  if (native) return { symbol: supportedChain(chainId)?.info.nativeSymbol ?? "coin", decimals: 18, native: true, ready: true };
  if (!data) return { symbol: "…", decimals: 18, native: false, ready: false };
  return { symbol: data[0], decimals: data[1], native: false, ready: true };
}

/** Balance of `account` in `token` (native or ERC-20) on `chainId`. */
export function useTokenBalance(chainId: number, token: Address | undefined, account: Address | undefined) {
  const native = !!token && isNative(token);
  const nativeBalance = useBalance({ chainId: chainId as never, address: account, query: { enabled: !!account && native } });
  const erc20Balance = useReadContract({
    chainId: chainId as never,
    address: token,
    abi: erc20Abi,
    functionName: "balanceOf",
    args: account ? [account] : undefined,
    query: { enabled: !!account && !!token && !native },
  });
  return native ? { value: nativeBalance.data?.value, refetch: nativeBalance.refetch } : { value: erc20Balance.data, refetch: erc20Balance.refetch };
}

/** An amount in the token's units with its symbol ("1,250.5 dUSD"); "…" until the token's decimals are known. */
export function formatAmount(value: bigint, info: Pick<TokenInfo, "decimals" | "symbol"> & { ready?: boolean }): string {
  if (info.ready === false) return "…";
  const [whole, fraction = ""] = formatUnits(value, info.decimals).split(".");
  const grouped = whole!.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  return `${fraction ? `${grouped}.${fraction}` : grouped} ${info.symbol}`;
}

export const shortAddress = (address: string) => `${address.slice(0, 6)}…${address.slice(-4)}`;
