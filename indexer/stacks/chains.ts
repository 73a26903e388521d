/**
 * Stacks networks as Ponder sees them. Ponder only knows EVM chains with numeric ids, and Stacks'
 * own chain ids collide with EVM ones (Stacks mainnet is 1, like Ethereum). The bridge's facade
 * therefore answers `eth_chainId` with a reserved id: 0x5354_0000_0000 ("ST" in the top two bytes of
 * a 48-bit number) plus the Stacks chain id — far above any registered EVM chain id, within
 * Number.MAX_SAFE_INTEGER and within Ponder's 16-digit checkpoint encoding.
 *
 *   Stacks network        CAIP-2 (rows' chainId)   Ponder chain id
 *   mainnet  (0x00000001) stacks:1                 91620242358273
 *   testnet  (0x80000000) stacks:2147483648        91622389841920   (devnet and simnet too)
 *
 * The CAIP-2 ids are those of scripts/registry/chains.ts and generated/stacks.ts.
 */
export const STACKS_PONDER_CHAIN_BASE = 0x5354_0000_0000;

export type StacksNetwork = "mainnet" | "testnet" | "devnet";

/** Stacks chain id of a network (devnet, like simnet, runs with the testnet chain id). */
export const stacksChainId = (network: StacksNetwork) => (network === "mainnet" ? 0x0000_0001 : 0x8000_0000);

export const stacksCaip2 = (network: StacksNetwork) => `stacks:${stacksChainId(network)}` as const;

export const ponderChainIdOfStacks = (network: StacksNetwork) => STACKS_PONDER_CHAIN_BASE + stacksChainId(network);

/** True for an id of this reserved range (never a real EVM chain). */
export const isStacksPonderChain = (id: number) => id >= STACKS_PONDER_CHAIN_BASE && id <= STACKS_PONDER_CHAIN_BASE + 0xffff_ffff;

/** A Ponder chain id's CAIP-2 id: `stacks:<n>` in the reserved range, else `eip155:<id>`. */
export const caip2OfPonderChain = (id: number) => (isStacksPonderChain(id) ? `stacks:${id - STACKS_PONDER_CHAIN_BASE}` : `eip155:${id}`);

/** The Ponder chain id of a CAIP-2 id (the inverse of `caip2OfPonderChain`). */
export const ponderChainOfCaip2 = (caip2: string) => {
  const reference = Number(caip2.slice(caip2.indexOf(":") + 1));
  return caip2.startsWith("stacks:") ? STACKS_PONDER_CHAIN_BASE + reference : reference;
};
