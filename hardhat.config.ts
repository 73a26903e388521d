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
    localhost: { type: "http", chainType: "l1", chainId: 31337, url: process.env.RPC_URL_31337 ?? "http://127.0.0.1:8545" },
    ...remoteNetworks,
  },
});
