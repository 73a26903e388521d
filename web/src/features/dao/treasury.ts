/**
 * The treasury's live balances, read from chain: the timelock's native coin and its balance of
 * every token the escrow offers (registry stablecoins, the local demo token), with symbol and
 * decimals. What a treasury transfer is validated against.
 */
import { erc20Abi, type Address } from "viem";
import { useBalance, useReadContracts } from "wagmi";
import { tokenOptions } from "../../chains/evm.ts";

export interface TreasuryBalance {
  token: Address;
  symbol: string;
  decimals: number;
  native: boolean;
  /** Undefined until read. */
  balance?: bigint;
}

export function useTreasuryBalances(chainId: number, treasury: Address) {
  const options = tokenOptions(chainId);
  const erc20s = options.filter((o) => !o.native);
  const native = useBalance({ chainId: chainId as never, address: treasury, query: { refetchInterval: 3_000 } });
  const reads = useReadContracts({
    allowFailure: true,
    contracts: erc20s.flatMap((o) => [
      { chainId: chainId as never, address: o.address, abi: erc20Abi, functionName: "balanceOf", args: [treasury] } as const,
      { chainId: chainId as never, address: o.address, abi: erc20Abi, functionName: "symbol" } as const,
      { chainId: chainId as never, address: o.address, abi: erc20Abi, functionName: "decimals" } as const,
    ]),
    query: { refetchInterval: 3_000 },
  });
  const balances: TreasuryBalance[] = options.map((o) => {
    if (o.native) return { token: o.address, symbol: o.symbol ?? "ETH", decimals: 18, native: true, balance: native.data?.value };
    const i = erc20s.indexOf(o);
    const balance = reads.data?.[3 * i]?.result as bigint | undefined;
    const symbol = (reads.data?.[3 * i + 1]?.result as string | undefined) ?? o.symbol ?? "…";
    const decimals = (reads.data?.[3 * i + 2]?.result as number | undefined) ?? o.decimals ?? 18;
    return { token: o.address, symbol, decimals, native: false, balance };
  });
  const refetch = () => {
    void native.refetch();
    void reads.refetch();
  };
  return { balances, refetch, loading: native.isPending || reads.isPending };
}
