/**
 * The one chain registry. hardhat.config.ts, deploy scripts, the indexer and the SPA all read it,
 * so a chain is described once: CAIP-2 id, display name, the env var holding its RPC URL,
 * explorer, known stablecoins and how many confirmations make an event final for us.
 */

export type EvmChainId = `eip155:${number}`;
export type StacksChainId = "stacks:1" | "stacks:2147483648";
export type Caip2 = EvmChainId | StacksChainId;

export interface Stablecoin {
  readonly symbol: string;
  readonly address: string;
  readonly decimals: number;
}

export interface ChainInfo {
  readonly caip2: Caip2;
  readonly family: "evm" | "stacks";
  /** Numeric chain id for EVM chains (`eip155:<id>`); undefined for Stacks. */
  readonly chainId?: number;
  /** Short name used for Hardhat network names and folders. */
  readonly key: string;
  readonly name: string;
  /** Environment variable that holds the RPC (or Stacks API) URL. */
  readonly rpcEnv: string;
  /** Used when the env var is unset; only local chains have one. */
  readonly defaultRpc?: string;
  readonly explorer?: string;
  readonly nativeSymbol: string;
  readonly stablecoins: readonly Stablecoin[];
  /** Blocks after which the indexer treats an event as final. */
  readonly confirmations: number;
  readonly local: boolean;
}

export const chains = [
  {
    caip2: "eip155:31337", family: "evm", chainId: 31337, key: "localhost", name: "Local Hardhat",
    rpcEnv: "RPC_URL_31337", defaultRpc: "http://127.0.0.1:8545", nativeSymbol: "ETH",
    stablecoins: [], confirmations: 0, local: true,
  },
  // A second local chain (another `hardhat node`, chain id 31338): the same contracts at the same
  // CREATE2 addresses, so the indexer and the SPA are exercised on several chains at once.
  {
    caip2: "eip155:31338", family: "evm", chainId: 31338, key: "localhost2", name: "Local Hardhat B",
    rpcEnv: "RPC_URL_31338", defaultRpc: "http://127.0.0.1:8544", nativeSymbol: "ETH",
    stablecoins: [], confirmations: 0, local: true,
  },
  {
    caip2: "eip155:1", family: "evm", chainId: 1, key: "mainnet", name: "Ethereum",
    rpcEnv: "RPC_URL_1", explorer: "https://etherscan.io", nativeSymbol: "ETH",
    stablecoins: [
      { symbol: "USDC", address: "0xA0b86991c6218b36c1d19D4a2e9Eb0cE3606eB48", decimals: 6 },
      { symbol: "USDT", address: "0xdAC17F958D2ee523a2206206994597C13D831ec7", decimals: 6 },
    ],
    confirmations: 12, local: false,
  },
  {
    caip2: "eip155:137", family: "evm", chainId: 137, key: "polygon", name: "Polygon PoS",
    rpcEnv: "RPC_URL_137", explorer: "https://polygonscan.com", nativeSymbol: "POL",
    stablecoins: [
      { symbol: "USDC", address: "0x3c499c542cEF5E3811e1192ce70d8cC03d5c3359", decimals: 6 },
      { symbol: "USDT", address: "0xc2132D05D31c914a87C6611C10748AEb04B58e8F", decimals: 6 },
    ],
    confirmations: 64, local: false,
  },
  {
    caip2: "eip155:8453", family: "evm", chainId: 8453, key: "base", name: "Base",
    rpcEnv: "RPC_URL_8453", explorer: "https://basescan.org", nativeSymbol: "ETH",
    stablecoins: [{ symbol: "USDC", address: "0x833589fCD6eDb6E08f4c7C32D4f71b54bdA02913", decimals: 6 }],
    confirmations: 10, local: false,
  },
  {
    caip2: "eip155:42161", family: "evm", chainId: 42161, key: "arbitrum", name: "Arbitrum One",
    rpcEnv: "RPC_URL_42161", explorer: "https://arbiscan.io", nativeSymbol: "ETH",
    stablecoins: [
      { symbol: "USDC", address: "0xaf88d065e77c8cC2239327C5EDb3A432268e5831", decimals: 6 },
      { symbol: "USDT", address: "0xFd086bC7CD5C481DCC9C85ebE478A1C0b69FCbb9", decimals: 6 },
    ],
    confirmations: 10, local: false,
  },
  {
    caip2: "eip155:56", family: "evm", chainId: 56, key: "bsc", name: "BNB Smart Chain",
    rpcEnv: "RPC_URL_56", explorer: "https://bscscan.com", nativeSymbol: "BNB",
    stablecoins: [
      { symbol: "USDC", address: "0x8AC76a51cc950d9822D68b83fE1Ad97B32Cd580d", decimals: 18 },
      { symbol: "USDT", address: "0x55d398326f99059fF775485246999027B3197955", decimals: 18 },
    ],
    confirmations: 15, local: false,
  },
  {
    caip2: "stacks:1", family: "stacks", key: "stacks-mainnet", name: "Stacks",
    rpcEnv: "STACKS_API_URL_MAINNET", explorer: "https://explorer.hiro.so", nativeSymbol: "STX",
    stablecoins: [], confirmations: 6, local: false,
  },
  {
    caip2: "stacks:2147483648", family: "stacks", key: "stacks-testnet", name: "Stacks Testnet",
    rpcEnv: "STACKS_API_URL_TESTNET", explorer: "https://explorer.hiro.so/?chain=testnet",
    nativeSymbol: "STX", stablecoins: [], confirmations: 6, local: false,
  },
] as const satisfies readonly ChainInfo[];

export type RegisteredChain = (typeof chains)[number];

export const evmChains = chains.filter((c): c is Extract<RegisteredChain, { family: "evm" }> => c.family === "evm");

export function chainByCaip2(caip2: string): ChainInfo {
  const chain = chains.find((c) => c.caip2 === caip2);
  if (!chain) throw new Error(`Unknown chain ${caip2}: add it to scripts/registry/chains.ts`);
  return chain;
}

export function evmCaip2(chainId: number): EvmChainId {
  return `eip155:${chainId}`;
}

/** RPC URL of a chain from its env var, falling back to the local default. */
export function rpcUrl(chain: ChainInfo, env: Record<string, string | undefined> = process.env): string | undefined {
  return env[chain.rpcEnv] ?? chain.defaultRpc;
}
