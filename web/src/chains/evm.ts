/**
 * EVM chains the SPA talks to: the registry's EVM chains (scripts/registry/chains.ts) that have a
 * Worx deployment in generated/deployments.ts. RPC URLs come from `VITE_<rpcEnv>` (e.g.
 * VITE_RPC_URL_31337), falling back to the registry default (local chains only).
 * `VITE_WORX_CHAINS` (comma-separated CAIP-2 ids, default all), like the indexer's
 * WORX_INDEX_CHAINS, restricts them: e.g. a test stack on one node while the generated book also
 * lists another local chain.
 */
import { defineChain, type Address, type Chain } from "viem";
import { deployments } from "../../../generated/deployments.ts";
import { evmChains, evmCaip2, type ChainInfo, type EvmChainId } from "../../../scripts/registry/chains.ts";

/** Contracts the SPA uses, by their Ignition future name (the keys of a deployment's `contracts`). */
export type WorxContract =
  | "MilestoneEscrow"
  | "DemoStablecoin"
  | "WorxMultisig"
  | "WorxBadges"
  // The DAO (issue 6), on chains where it is deployed.
  | "WorxToken"
  | "WorxGovernor"
  | "TimelockController"
  | "FeeSplitter"
  | "WorkRewards"
  | "StakingFeeDiscount"
  // Creator coins and the DEX (issue 7): coins and pools have no fixed address (the factory makes them).
  | "MetricsOracle"
  | "CreatorCoinFactory";

interface Deployment {
  readonly chainId: number;
  readonly startBlock: number;
  readonly contracts: Readonly<Partial<Record<string, Address>>>;
}

const books: Readonly<Partial<Record<string, Deployment>>> = deployments;

const env = import.meta.env as unknown as Record<string, string | undefined>;

export function rpcUrlOf(info: ChainInfo): string | undefined {
  return env[`VITE_${info.rpcEnv}`] || info.defaultRpc;
}

export interface SupportedChain {
  readonly caip2: EvmChainId;
  readonly info: ChainInfo;
  readonly chain: Chain;
  readonly deployment: Deployment;
}

export function toViemChain(info: ChainInfo, rpc: string): Chain {
  return defineChain({
    id: info.chainId!,
    name: info.name,
    nativeCurrency: { name: info.nativeSymbol, symbol: info.nativeSymbol, decimals: 18 },
    rpcUrls: { default: { http: [rpc] } },
    blockExplorers: info.explorer ? { default: { name: "Explorer", url: info.explorer } } : undefined,
    testnet: info.local,
  });
}

const only = (env.VITE_WORX_CHAINS ?? "")
  .split(",")
  .map((id) => id.trim())
  .filter(Boolean);

/** Registry chains that have a deployment and an RPC URL (and are not left out by VITE_WORX_CHAINS), in registry order. */
export const supportedChains: readonly SupportedChain[] = evmChains.flatMap((info): SupportedChain[] => {
  if (only.length > 0 && !only.includes(info.caip2)) return [];
  const deployment = books[info.caip2];
  const rpc = rpcUrlOf(info);
  if (!deployment?.contracts.MilestoneEscrow || !rpc) return [];
  return [{ caip2: info.caip2, info, chain: toViemChain(info, rpc), deployment }];
});

export function supportedChain(chainId: number | undefined): SupportedChain | undefined {
  return chainId === undefined ? undefined : supportedChains.find((c) => c.chain.id === chainId);
}

export function supportedChainByCaip2(caip2: string): SupportedChain | undefined {
  return supportedChains.find((c) => c.caip2 === caip2);
}

/** Address of a Worx contract on a chain, from the generated address book. */
export function contractAddress(chainId: number, name: WorxContract): Address | undefined {
  return books[evmCaip2(chainId)]?.contracts[name];
}

/** The escrow contract of a supported chain (always deployed there, by construction). */
export function escrowAddress(chainId: number): Address {
  const address = contractAddress(chainId, "MilestoneEscrow");
  if (!address) throw new Error(`No MilestoneEscrow deployment on eip155:${chainId}`);
  return address;
}

/** The badges contract of a chain, when deployed there (not every deployment has badges). */
export function badgesAddress(chainId: number): Address | undefined {
  return contractAddress(chainId, "WorxBadges");
}

export const NATIVE_TOKEN: Address = "0x0000000000000000000000000000000000000000";

export interface TokenOption {
  readonly address: Address;
  /** Known label; ERC-20 symbol/decimals are read from chain when not given. */
  readonly symbol?: string;
  readonly decimals?: number;
  readonly native: boolean;
}

/** Tokens offered when creating an escrow: registry stablecoins, the local demo token, native coin. */
export function tokenOptions(chainId: number): TokenOption[] {
  const chain = supportedChain(chainId);
  if (!chain) return [];
  const options: TokenOption[] = chain.info.stablecoins.map((s) => ({
    address: s.address as Address,
    symbol: s.symbol,
    decimals: s.decimals,
    native: false,
  }));
  const demo = contractAddress(chainId, "DemoStablecoin");
  if (demo) options.push({ address: demo, native: false });
  options.push({ address: NATIVE_TOKEN, symbol: chain.info.nativeSymbol, decimals: 18, native: true });
  return options;
}
