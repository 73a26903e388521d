/**
 * The Stacks bridge locally (indexer/stacks/): the stacks-node event observer endpoint and the EVM
 * JSON-RPC facade Ponder indexes Stacks through.
 *
 *   npx tsx scripts/dev/stacksBridge.ts            # serve; a stacks-node (or a devnet) posts to it
 *   npx tsx scripts/dev/stacksBridge.ts --demo     # also run the local Stacks devnet feeding it,
 *                                                  # seeded with the demo data (a fresh chain: the
 *                                                  # bridge's store starts empty)
 *
 * `--demo` is the Stacks half of `npm start` alone: the devnet (scripts/dev/stacksDevnet/, the
 * simnet behind a Stacks API on WORX_STACKS_API_PORT, 3999) delivers every block it mines to this
 * bridge, as a stacks-node's event observer would; point the SPA at it with
 * VITE_STACKS_API_URL_TESTNET=http://127.0.0.1:3999 and broadcast transactions to it.
 *
 * Environment: WORX_STACKS_BRIDGE_PORT (3700), WORX_STACKS_BRIDGE_DB
 * (indexer/.ponder/stacks-bridge.sqlite), WORX_STACKS_NETWORK (devnet). Then run Ponder with
 * WORX_STACKS_RPC_URL=http://127.0.0.1:3700/rpc (and WORX_STACKS_START_BLOCK = the first block the
 * bridge stored, printed below) to index Stacks rows as `stacks:2147483648`.
 *
 * A stacks-node (e.g. `clarinet devnet`) reaches it with, in its Config.toml:
 *   [[events_observer]]
 *   endpoint = "host.docker.internal:3700"
 *   events_keys = ["*"]
 */
import { rmSync } from "node:fs";
import { join } from "node:path";
import { ponderChainIdOfStacks, type StacksNetwork } from "../../indexer/stacks/chains.ts";
import { startBridge } from "../../indexer/stacks/server.ts";
import { repoRoot } from "./stack.ts";

const network = (process.env.WORX_STACKS_NETWORK ?? "devnet") as StacksNetwork;
const port = Number(process.env.WORX_STACKS_BRIDGE_PORT ?? 3700);
const demo = process.argv.includes("--demo");
const dbPath = process.env.WORX_STACKS_BRIDGE_DB ?? join(repoRoot, "indexer", ".ponder", "stacks-bridge.sqlite");
// A devnet is a new chain each run: blocks of an older one would make the store refuse its blocks.
if (demo) for (const suffix of ["", "-wal", "-shm"]) rmSync(dbPath + suffix, { force: true });
const bridge = await startBridge({ port, dbPath, chainId: ponderChainIdOfStacks(network) });
console.log(`[stacks-bridge] ${network} on ${bridge.url} — observer POST /new_block, Ponder RPC ${bridge.url}/rpc`);

let closeDevnet = async () => {};
if (demo) {
  const { seedStacksDemo, startStacksDevnet } = await import("./stacksDevnet/index.ts");
  const devnet = await startStacksDevnet({ apiPort: Number(process.env.WORX_STACKS_API_PORT ?? 3999), bridgeUrl: bridge.url });
  closeDevnet = devnet.close;
  const seeded = await seedStacksDemo(devnet.chain);
  await devnet.synced();
  console.log(`[stacks-bridge] devnet Stacks API on ${devnet.url} (blocks from ${devnet.firstBlock}); demo data:\n${seeded.lines.map((l) => `  ${l}`).join("\n")}`);
}
const bounds = bridge.store.bounds();
console.log(`[stacks-bridge] stored blocks ${bounds ? `${bounds.base}..${bounds.tip} (WORX_STACKS_START_BLOCK=${bounds.base})` : "none yet"}`);
for (const signal of ["SIGINT", "SIGTERM"] as const) process.once(signal, () => void closeDevnet().then(() => bridge.close()).then(() => process.exit(0)));
