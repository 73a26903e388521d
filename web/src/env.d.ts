/// <reference types="vite/client" />

interface ImportMetaEnv {
  /** Base URL of the Worx indexer (Ponder's HTTP API); GraphQL lives at `${url}/graphql`. */
  readonly VITE_INDEXER_URL?: string;
  /** RPC URL of the local Hardhat chain (eip155:31337). Other chains: VITE_<rpcEnv of the registry>. */
  readonly VITE_RPC_URL_31337?: string;
  /** RPC URL of the second local chain (eip155:31338). */
  readonly VITE_RPC_URL_31338?: string;
  /** Comma-separated CAIP-2 ids: the only EVM chains the SPA offers (default: every deployed chain). */
  readonly VITE_WORX_CHAINS?: string;
  /** Stacks API (Hiro-compatible) used only to track Stacks transaction confirmations. */
  readonly VITE_STACKS_API_URL_MAINNET?: string;
  readonly VITE_STACKS_API_URL_TESTNET?: string;
}

interface ImportMeta {
  readonly env: ImportMetaEnv;
}
