/**
 * Ponder configuration, derived — never hand-written per chain:
 *  - chains: every EVM chain of the registry (scripts/registry/chains.ts) that has a deployment in
 *    generated/deployments.ts and an RPC URL (its env var, or the local default);
 *  - contracts: the generated ABIs with each chain's address and start block: MilestoneEscrow and
 *    the WorxMultisig that administers it (both deployed by the Protocol Ignition module), and
 *    WorxBadges on every chain where it is deployed (the Protocol module deploys it too; a chain
 *    deployed before the badges existed simply has no badge rows);
 *  - database: PostgreSQL when DATABASE_URL is set, else embedded PGlite at WORX_PGLITE_DIR
 *    (default indexer/.ponder/pglite).
 *
 * Finality: Ponder 0.16 has no per-chain setting (it derives a reorg window from the chain id;
 * 30 blocks for unknown chains such as 31337), so the registry's `confirmations` are not applied
 * here. Rows of unfinalized blocks are written anyway and rolled back on a reorg.
 */
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { createConfig } from "ponder";
import { milestoneEscrowAbi, worxBadgesAbi, worxMultisigAbi } from "../generated/abis.ts";
import { deployments } from "../generated/deployments.ts";
import { chainByCaip2, rpcUrl } from "../scripts/registry/chains.ts";

const indexerDir = dirname(fileURLToPath(import.meta.url));
const LOCAL_RPC_ALIASES = 5;

interface IndexedChain {
  key: string;
  chainId: number;
  rpc: string;
  local: boolean;
  escrow: `0x${string}`;
  multisig: `0x${string}`;
  badges?: `0x${string}`;
  startBlock: number;
}

const indexed: IndexedChain[] = [];
for (const [caip2, deployment] of Object.entries(deployments)) {
  if (!deployment) continue;
  const chain = chainByCaip2(caip2);
  if (chain.family !== "evm") continue;
  const rpc = rpcUrl(chain);
  const { MilestoneEscrow: escrow, WorxMultisig: multisig, WorxBadges: badges } = deployment.contracts;
  if (!rpc || !escrow) continue;
  if (!multisig) {
    throw new Error(
      `${caip2}: MilestoneEscrow is deployed without its WorxMultisig in generated/deployments.ts. ` +
        "Deploy the Protocol module (or LocalDemo locally), which deploys both.",
    );
  }
  indexed.push({ key: chain.key, chainId: deployment.chainId, rpc, local: chain.local, escrow, multisig, badges, startBlock: deployment.startBlock });
}

if (indexed.length === 0) {
  throw new Error(
    "No chain to index: generated/deployments.ts has no MilestoneEscrow on a chain with an RPC URL. " +
      "Deploy first (npm start does it locally) and set the chain's RPC_URL_<id>.",
  );
}

/** The contract's address and start block on every indexed chain where `address` names one. */
const onEveryChain = (address: (c: IndexedChain) => `0x${string}` | undefined) =>
  Object.fromEntries(
    indexed.flatMap((c) => {
      const at = address(c);
      return at ? [[c.key, { address: at, startBlock: c.startBlock }]] : [];
    }),
  );

export default createConfig({
  database: process.env.DATABASE_URL
    ? { kind: "postgres", connectionString: process.env.DATABASE_URL }
    : { kind: "pglite", directory: process.env.WORX_PGLITE_DIR ?? join(indexerDir, ".ponder", "pglite") },
  chains: Object.fromEntries(
    indexed.map((c) => [
      c.key,
      c.local
        ? // A local node restarts from block 0 with the same addresses: never trust an RPC cache.
          // The same URL several times: Ponder rate-limits each RPC URL adaptively from 20 req/s,
          // which caps a local node at ~8 blocks/s; a local node takes far more.
          { id: c.chainId, rpc: Array(LOCAL_RPC_ALIASES).fill(c.rpc), disableCache: true, pollingInterval: 200 }
        : { id: c.chainId, rpc: c.rpc },
    ]),
  ),
  contracts: {
    MilestoneEscrow: { abi: milestoneEscrowAbi, chain: onEveryChain((c) => c.escrow) },
    WorxMultisig: { abi: worxMultisigAbi, chain: onEveryChain((c) => c.multisig) },
    // An empty chain map (no chain has badges) registers no source: the handlers simply never run.
    WorxBadges: { abi: worxBadgesAbi, chain: onEveryChain((c) => c.badges) },
  },
});
