import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import hardhatToolboxViem from "@nomicfoundation/hardhat-toolbox-viem";
import { configVariable, defineConfig } from "hardhat/config";
import type { NetworkUserConfig } from "hardhat/types/config";
import { chains } from "./scripts/registry/chains.ts";

// Compile offline with solc-js from npm: Hardhat skips its compiler download when `path` is set.
// The path must be absolute, and Hardhat trusts `version`, so it is read from the package itself.
const require = createRequire(import.meta.url);
const solcVersion: string = require("solc/package.json").version;
const solcPath = fileURLToPath(import.meta.resolve("solc/soljson.js"));

// Every remote chain of the registry is a Hardhat network named by its key; its RPC URL and
// deployer key come from config variables (env or the Hardhat keystore), never from this file.
const remoteNetworks: Record<string, NetworkUserConfig> = Object.fromEntries(
  chains
    .filter((c) => c.family === "evm" && !c.local)
    .map((c) => [
      c.key,
      {
        type: "http",
        chainType: "l1",
        chainId: c.chainId,
        url: configVariable(c.rpcEnv),
        accounts: [configVariable("DEPLOYER_PRIVATE_KEY")],
      } satisfies NetworkUserConfig,
    ]),
);

// Every local chain of the registry (31337 on :8545, 31338 on :8544 ...) is an http network named
// by its key, its URL from the env var (scripts/dev/stack.ts sets it) or the registry default.
// Start a node with another chain id with `hardhat node --chain-id 31338 --port 8544`.
const localNetworks: Record<string, NetworkUserConfig> = Object.fromEntries(
  chains
    .filter((c) => c.family === "evm" && c.local)
    .map((c) => [
      c.key,
      { type: "http", chainType: "l1", chainId: c.chainId, url: process.env[c.rpcEnv] ?? c.defaultRpc! } satisfies NetworkUserConfig,
    ]),
);

/**
 * CREATE2 salt of every `--strategy create2` deploy (every local deploy, and public chains through
 * scripts/deploy/evm/deploy.ts). CreateX (0xba5Ed099633D3B313e4D5F7bdc1305d3c28ba5Ed) derives an
 * address from the salt and the creation code with its constructor arguments only: one deployer
 * gets the same addresses on every chain. First 20 bytes zero, 21st 0x00, then "worx-v1": CreateX
 * binds the salt neither to the sender nor to the chain id (keccak256(abi.encode(salt))).
 * Changing it moves every address.
 */
export const CREATE2_SALT = "0x000000000000000000000000000000000000000000776f72782d763100000000";

export default defineConfig({
  plugins: [hardhatToolboxViem],
  solidity: {
    profiles: {
      default: {
        version: solcVersion,
        path: solcPath,
        // One compilation job per file: solc-js (wasm) runs out of memory ("memory access out of
        // bounds", HHE908) on a single job holding every contract and Solidity test.
        isolated: true,
        settings: { optimizer: { enabled: true, runs: 10_000 }, evmVersion: "cancun" },
      },
      production: {
        version: solcVersion,
        path: solcPath,
        settings: { optimizer: { enabled: true, runs: 10_000 }, evmVersion: "cancun" },
      },
    },
  },
  paths: {
    sources: "./contracts",
    tests: { solidity: "./test/evm", nodejs: "./test/evm" },
    ignition: "./scripts/deploy/ignition",
  },
  test: {
    solidity: {
      fuzz: { runs: 256 },
    },
  },
  networks: {
    hardhat: { type: "edr-simulated", chainType: "l1", chainId: 31337 },
    ...localNetworks,
    ...remoteNetworks,
  },
  ignition: {
    strategyConfig: { create2: { salt: CREATE2_SALT } },
  },
});
