/**
 * The chains the indexer indexes (REST `GET /chains`), merged with the SPA's own EVM chains: the
 * options of the combined views' chain filters (leaderboard, profile). A chain the indexer knows
 * but the SPA has no deployment for (the Stacks chain) is still a filter option: its rows are
 * indexed all the same.
 */
import { useQuery } from "@tanstack/react-query";
import { useMemo } from "react";
import { supportedChains } from "../chains/evm.ts";
import { chainFamily, chainLabel } from "../chains/labels.ts";
import { rest } from "./client.ts";

export interface IndexedChainRow {
  chainId: string;
  family: "evm" | "stacks";
  name: string;
  latestBlockTime: string | null;
}

export interface ChainOption {
  caip2: string;
  family: "evm" | "stacks";
  name: string;
}

export function useIndexedChains() {
  return useQuery({
    queryKey: ["indexer", "chains"],
    staleTime: 30_000,
    refetchInterval: 30_000,
    queryFn: ({ signal }) => rest<{ totalCount: number; items: IndexedChainRow[] }>("/chains", {}, signal),
  });
}

/** The SPA's EVM chains in registry order, then the indexer's other chains (Stacks), each once. */
export function useChainOptions(): ChainOption[] {
  const { data } = useIndexedChains();
  return useMemo(() => {
    const options: ChainOption[] = supportedChains.map((c) => ({ caip2: c.caip2, family: "evm", name: c.info.name }));
    for (const row of data?.items ?? []) {
      if (!options.some((o) => o.caip2 === row.chainId)) options.push({ caip2: row.chainId, family: chainFamily(row.chainId), name: chainLabel(row.chainId) });
    }
    return options;
  }, [data]);
}
