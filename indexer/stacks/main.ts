/**
 * The Stacks bridge as a process: `tsx indexer/stacks/main.ts`.
 *
 * Environment:
 *   WORX_STACKS_BRIDGE_PORT  port of the observer endpoint and the RPC facade (default 3700)
 *   WORX_STACKS_BRIDGE_HOST  interface to listen on (default 127.0.0.1; the node must reach it)
 *   WORX_STACKS_BRIDGE_DB    SQLite file of the block store (default indexer/.ponder/stacks-bridge.sqlite)
 *   WORX_STACKS_NETWORK      mainnet | testnet | devnet (default devnet): the chain id the facade answers
 */
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { ponderChainIdOfStacks, type StacksNetwork } from "./chains.ts";
import { startBridge } from "./server.ts";

const indexerDir = join(fileURLToPath(import.meta.url), "..", "..");
const network = (process.env.WORX_STACKS_NETWORK ?? "devnet") as StacksNetwork;
if (!["mainnet", "testnet", "devnet"].includes(network)) throw new Error(`WORX_STACKS_NETWORK must be mainnet, testnet or devnet, got ${network}`);
const port = Number(process.env.WORX_STACKS_BRIDGE_PORT ?? 3700);
const bridge = await startBridge({
  port,
  host: process.env.WORX_STACKS_BRIDGE_HOST,
  dbPath: process.env.WORX_STACKS_BRIDGE_DB ?? join(indexerDir, ".ponder", "stacks-bridge.sqlite"),
  chainId: ponderChainIdOfStacks(network),
});
const tip = bridge.store.tip();
console.log(`Stacks bridge (${network}) on ${bridge.url}: observer POST /new_block, RPC POST /rpc; tip ${tip ? `${tip.height} ${tip.indexBlockHash}` : "none"}`);
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => void bridge.close().then(() => process.exit(0)));
}
