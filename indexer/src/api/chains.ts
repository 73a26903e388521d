/**
 * The chains an indexer answers for (GET /chains): Ponder's checkpoint table has one row per
 * indexed chain, by Ponder chain id. Stacks chains have reserved ids there (indexer/stacks/chains.ts),
 * turned back into their CAIP-2 ids; names come from the registry (scripts/registry/chains.ts).
 * No Ponder import: unit-tested on its own.
 */
import { chains } from "../../../scripts/registry/chains.ts";
import { caip2OfPonderChain } from "../../stacks/chains.ts";

export interface IndexedChain {
  /** CAIP-2 id, as the rows' `chainId` columns say. */
  chainId: string;
  family: "evm" | "stacks";
  /** The registry's name; the CAIP-2 id when the registry does not know the chain. */
  name: string;
  /** The latest indexed block's time (Unix seconds, decimal string); null before the first block. */
  latestBlockTime: string | null;
}

/**
 * One indexed chain from its Ponder chain id and latest checkpoint (Ponder's 75-digit checkpoint
 * string starts with the block's 10-digit timestamp).
 */
export function indexedChain(ponderChainId: number, latestCheckpoint: string | null | undefined): IndexedChain {
  const chainId = caip2OfPonderChain(ponderChainId);
  const info = chains.find((c) => c.caip2 === chainId);
  const time = latestCheckpoint && /^\d{10}/.test(latestCheckpoint) ? BigInt(latestCheckpoint.slice(0, 10)) : 0n;
  return {
    chainId,
    family: chainId.startsWith("stacks:") ? "stacks" : "evm",
    name: info?.name ?? chainId,
    latestBlockTime: time > 0n ? time.toString() : null,
  };
}
