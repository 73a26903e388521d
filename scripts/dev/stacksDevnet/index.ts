/**
 * The local Stacks chain of `npm start` and the tests. There is no stacks-node here (no network):
 * the chain is the Clarinet SDK's simnet of our contracts (./simnetChain.ts) behind a small
 * Stacks-API-shaped HTTP server (./api.ts) where the SPA reads and wallets broadcast, and every
 * block it mines is delivered to the Stacks bridge's `/new_block` (./observer.ts) — what a
 * stacks-node's event observer does — so Ponder indexes it through the bridge like a real chain.
 *
 *   const devnet = await startStacksDevnet({ apiPort: 3999, bridgeUrl: "http://127.0.0.1:3700" });
 *   await seedStacksDemo(devnet.chain);   // ./seed.ts
 *   await devnet.synced();                // the bridge holds every block
 *
 * One devnet per process (the SDK keeps one simnet session per process).
 */
import { existsSync, rmSync } from "node:fs";
import { join } from "node:path";
import { startProcess, waitFor, type Supervised } from "../processes.ts";
import { repoRoot } from "../stack.ts";
import { startStacksApi } from "./api.ts";
import { ObserverFeed } from "./observer.ts";
import { SimnetChain } from "./simnetChain.ts";

export { seedStacksDemo, type StacksSeedSummary } from "./seed.ts";
export { ObserverFeed } from "./observer.ts";
export { SimnetChain, TxRejectedError, type NewBlockPayload, type TxRecord, type WalletRequest } from "./simnetChain.ts";

/**
 * Our contracts whose deployment prints rows (badges: tier configs; staking-fee-discount: discount
 * tiers; metrics-oracle: max age, milestones, launch milestone). initSimnet deploys before anything
 * is recorded, so the devnet records these prints as their deployment blocks (SimnetChain.deploymentPrints).
 */
export const DEPLOYMENT_PRINTERS = ["badges", "staking-fee-discount", "metrics-oracle"] as const;

export interface StacksDevnetOptions {
  /** Port of the Stacks API (npm start: 3999, the stacks-node RPC's usual port). */
  apiPort: number;
  host?: string;
  /** The bridge's base URL (its observer endpoint): every block is POSTed to `${bridgeUrl}/new_block`. */
  bridgeUrl?: string;
  /** Record the contracts' deployment prints as the first blocks (default: when a bridge is fed). */
  deploymentPrints?: boolean;
  /** Runs before the API answers a request (a test's wallet requests to execute first). */
  beforeRequest?: () => void | Promise<void>;
  log?: (line: string) => void;
}

export interface StacksDevnet {
  /** The Stacks API's base URL (VITE_STACKS_API_URL_TESTNET for the SPA). */
  url: string;
  chain: SimnetChain;
  /** The delivery to the bridge, when one is fed. */
  feed?: ObserverFeed;
  /** Height of the devnet's first block (WORX_STACKS_START_BLOCK for Ponder). */
  firstBlock: number;
  /** Resolves once the bridge holds every block mined so far. */
  synced(timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

export async function startStacksDevnet(o: StacksDevnetOptions): Promise<StacksDevnet> {
  const log = o.log ?? ((line: string) => console.log(line));
  const chain = await SimnetChain.start();
  const feed = o.bridgeUrl ? new ObserverFeed(o.bridgeUrl.replace(/\/$/, ""), () => chain.blocks, log) : undefined;
  if (feed) {
    chain.onBlock(() => feed.notify());
    feed.notify(); // the first block, recorded at start
  }
  if (o.deploymentPrints ?? !!feed) for (const contract of DEPLOYMENT_PRINTERS) await chain.deploymentPrints(contract);
  const api = await startStacksApi({ port: o.apiPort, host: o.host, chain, beforeRequest: o.beforeRequest });
  return {
    url: api.url,
    chain,
    feed,
    firstBlock: chain.blocks[0]!.block_height,
    synced: (timeoutMs) => feed?.synced(timeoutMs) ?? Promise.resolve(),
    close: async () => {
      await api.close();
      await feed?.close();
    },
  };
}

export interface BridgeProcess {
  url: string;
  /** The bridge's EVM JSON-RPC facade (WORX_STACKS_RPC_URL for Ponder). */
  rpcUrl: string;
  process: Supervised;
}

/**
 * Starts the Stacks bridge (indexer/stacks/main.ts) as a supervised process and waits for its
 * /health. `fresh` deletes the block store first (a new devnet is a new chain: a store of an
 * older run would refuse its blocks).
 */
export async function startBridgeProcess(o: { port: number; dbPath: string; fresh?: boolean; logFile?: string }): Promise<BridgeProcess> {
  if (o.fresh) for (const suffix of ["", "-wal", "-shm"]) if (existsSync(o.dbPath + suffix)) rmSync(o.dbPath + suffix);
  const url = `http://127.0.0.1:${o.port}`;
  if ((await fetch(`${url}/health`).catch(() => undefined)) !== undefined) throw new Error(`Cannot start the Stacks bridge on port ${o.port}: something already listens there`);
  const child = startProcess("stacks-bridge", join(repoRoot, "node_modules", ".bin", "tsx"), ["indexer/stacks/main.ts"], {
    cwd: repoRoot,
    env: { WORX_STACKS_BRIDGE_PORT: String(o.port), WORX_STACKS_BRIDGE_DB: o.dbPath, WORX_STACKS_NETWORK: "devnet" },
    logFile: o.logFile,
  });
  let up = false;
  await Promise.race([
    waitFor("the Stacks bridge", async () => ((await fetch(`${url}/health`)).ok ? true : undefined), 60_000, 200).finally(() => (up = true)),
    child.exited.then((code) => {
      if (!up) throw new Error(`the Stacks bridge exited with ${code} before serving /health${o.logFile ? ` (see ${o.logFile})` : ""}`);
    }),
  ]);
  return { url, rpcUrl: `${url}/rpc`, process: child };
}
