/**
 * The local Worx stack as functions, shared by `npm start`, the indexer tests and the e2e tests:
 * Hardhat nodes (one per local chain of the registry: 31337, 31338), the Ignition deploy (CREATE2:
 * the same addresses on every chain) + codegen, Ponder on PGlite (or DATABASE_URL) indexing every
 * chain given, the SPA.
 */
import { existsSync, rmSync } from "node:fs";
import { createConnection } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { stacksCaip2, type StacksNetwork } from "../../indexer/stacks/chains.ts";
import { deployCreateX } from "../deploy/createx.ts";
import { chains, evmCaip2, type ChainInfo } from "../registry/chains.ts";
import { run, startProcess, waitFor, type Supervised } from "./processes.ts";

export const repoRoot = join(fileURLToPath(import.meta.url), "..", "..", "..");
const bin = (name: string) => join(repoRoot, "node_modules", ".bin", name);

export interface LocalChain {
  rpcUrl: string;
  /** The node's chain id (31337 unless started with another). */
  chainId: number;
  process: Supervised;
}

async function rpc(url: string, method: string, params: unknown[] = []): Promise<unknown> {
  const res = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ jsonrpc: "2.0", id: 1, method, params }),
  });
  const body = (await res.json()) as { result?: unknown; error?: { message: string } };
  if (body.error) throw new Error(body.error.message);
  return body.result;
}

/** The registry's local EVM chain with this id (its Hardhat network, RPC env var and CAIP-2 id). */
export function localChainInfo(chainId: number): ChainInfo {
  const chain = chains.find((c) => c.family === "evm" && c.local && c.chainId === chainId);
  if (!chain) {
    const ids = chains.filter((c) => c.family === "evm" && c.local).map((c) => c.chainId);
    throw new Error(`Chain ${chainId} is not a local chain of scripts/registry/chains.ts (local chains: ${ids.join(", ")})`);
  }
  return chain;
}

/**
 * Starts `hardhat node` (the standard funded accounts) with chain id `chainId` — 31337, or another
 * local chain of the registry such as 31338 — and waits for its RPC.
 */
export async function startHardhatNode(port = 8545, logFile?: string, chainId = 31337): Promise<LocalChain> {
  const rpcUrl = `http://127.0.0.1:${port}`;
  localChainInfo(chainId);
  // Another node on the port would answer the readiness check, and everything after (deploys,
  // transactions) would land on someone else's chain.
  if (await portInUse(port)) throw new Error(`Cannot start the Hardhat node on port ${port}: something already listens there`);
  const process = startProcess(chainId === 31337 ? "chain" : `chain-${chainId}`, bin("hardhat"), ["node", "--hostname", "127.0.0.1", "--port", String(port), "--chain-id", String(chainId)], {
    cwd: repoRoot,
    logFile,
  });
  const answered = await waitFor("the Hardhat node", async () => ((await rpc(rpcUrl, "eth_chainId")) as string | undefined), 60_000);
  if (Number(answered) !== chainId) throw new Error(`The Hardhat node on port ${port} answers chain id ${Number(answered)}, not ${chainId}`);
  return { rpcUrl, chainId, process };
}

/**
 * Deploys the local demo module through Ignition's `create2` strategy (CreateX, the salt of
 * hardhat.config.ts: the same addresses on every local chain) on the node at `rpcUrl`, whichever
 * local chain of the registry it runs, and regenerates the ABI/address registry. A fresh journal
 * each time (a new in-memory node starts from block 0). Ignition compiles the contracts itself
 * (production profile, no Solidity tests) before deploying: no separate build step.
 */
export async function deployLocal(rpcUrl: string): Promise<void> {
  const chain = localChainInfo(Number(await rpc(rpcUrl, "eth_chainId")));
  // Ignition deploys CreateX by itself on 31337 only; sending it here on every chain also gives
  // every local chain the same history (CreateX in block 1, the protocol from block 2).
  await deployCreateX((method, params) => rpc(rpcUrl, method, params));
  const env = {
    [chain.rpcEnv]: rpcUrl,
    // Ignition asks before deploying to (or resetting) a chain other than 31337: these are local.
    HARDHAT_IGNITION_CONFIRM_DEPLOYMENT: "true",
    HARDHAT_IGNITION_CONFIRM_RESET: "true",
  };
  // One deployment id per node port: concurrent local stacks (tests) never share a journal, and
  // codegen reads the chain of each from its journal.
  const deploymentId = `localhost-${new URL(rpcUrl).port}`;
  const deploy = [
    bin("hardhat"), "ignition", "deploy", "scripts/deploy/ignition/modules/LocalDemo.ts",
    "--network", chain.key, "--deployment-id", deploymentId, "--strategy", "create2", "--reset",
  ];
  // Concurrent local stacks (parallel test suites) would otherwise compile into the same
  // artifacts/ folder at once; flock (util-linux) serialises the compile + deploy step.
  const [command, ...args] = existsSync("/usr/bin/flock") ? ["/usr/bin/flock", join(tmpdir(), "worx-hardhat.lock"), ...deploy] : deploy;
  await run(command!, args, { cwd: repoRoot, env });
  await run(bin("tsx"), ["scripts/codegen/index.ts"], { cwd: repoRoot });
}

function portInUse(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host: "127.0.0.1", port });
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}

export interface Indexer {
  url: string;
  process: Supervised;
}

export interface IndexerOptions {
  /** RPC URL of chain 31337 (the single-chain callers'); the same as `rpcUrls: { 31337: rpcUrl }`. */
  rpcUrl?: string;
  /**
   * RPC URL per EVM chain id, e.g. `{ 31337: a.rpcUrl, 31338: b.rpcUrl }`: Ponder indexes each of
   * these chains (the registry's `RPC_URL_<id>` env vars), one source per chain, rows labelled with
   * their chain.
   */
  rpcUrls?: Record<number, string>;
  port?: number;
  /** Postgres schema Ponder writes into; unique per run so stale rows never look valid. */
  schema?: string;
  /** PGlite data directory (ignored with a PostgreSQL database). Wiped before start unless `resume`. */
  pgliteDir?: string;
  /**
   * PostgreSQL connection string. Default: DATABASE_URL from the environment; without either,
   * embedded PGlite. An empty string forces PGlite even when DATABASE_URL is set.
   */
  databaseUrl?: string;
  /**
   * Restart on the data a previous run left (same database and `schema`, e.g. after a crash):
   * the PGlite directory is not wiped, and Ponder resumes from its last checkpoint (after a crash
   * it first waits out the dead instance's schema lock, up to 25 s). Crash-safe on PostgreSQL
   * only: Ponder 0.16 writes PGlite without transactions, so after a crash on PGlite start fresh.
   */
  resume?: boolean;
  /**
   * Extra environment for Ponder (e.g. the API's WORX_API_* limits, WORX_STACKS_*). Unless it (or
   * the environment) sets WORX_INDEX_CHAINS, Ponder indexes exactly the EVM chains given above (and
   * the Stacks chain when WORX_STACKS_RPC_URL is set), never another deployment that
   * generated/deployments.ts may list from an earlier run (whose default RPC may be anyone's node).
   */
  env?: Record<string, string | undefined>;
  /**
   * The Stacks chain, through its bridge's EVM facade (indexer/stacks/): sets WORX_STACKS_RPC_URL,
   * WORX_STACKS_START_BLOCK (the bridge's first block) and WORX_STACKS_NETWORK (default devnet).
   */
  stacks?: { rpcUrl: string; startBlock: number; network?: StacksNetwork };
  logFile?: string;
  echo?: boolean;
  /** Restarts left when Ponder finds its port taken while starting (default 2). */
  portRetries?: number;
}

/** Ponder's RPC environment for `options`: each chain's registry env var, and which chains to index. */
function indexedChainsEnv(options: IndexerOptions): Record<string, string> {
  const urls: Record<number, string> = { ...options.rpcUrls };
  if (options.rpcUrl) urls[31337] ??= options.rpcUrl;
  const env: Record<string, string> = {};
  for (const [id, url] of Object.entries(urls)) {
    const chain = chains.find((c) => c.family === "evm" && c.chainId === Number(id));
    if (!chain) throw new Error(`Chain ${id} is not in scripts/registry/chains.ts`);
    env[chain.rpcEnv] = url;
  }
  const given = options.env && "WORX_INDEX_CHAINS" in options.env ? options.env.WORX_INDEX_CHAINS : process.env.WORX_INDEX_CHAINS;
  if (given === undefined) {
    const stacksRpc = options.env?.WORX_STACKS_RPC_URL ?? process.env.WORX_STACKS_RPC_URL;
    const stacksNetwork = (options.env?.WORX_STACKS_NETWORK ?? process.env.WORX_STACKS_NETWORK ?? "devnet") as StacksNetwork;
    const caip2s = [...Object.keys(urls).map((id) => evmCaip2(Number(id))), ...(stacksRpc ? [stacksCaip2(stacksNetwork)] : [])];
    env.WORX_INDEX_CHAINS = caip2s.join(",");
  }
  return env;
}

/** Starts Ponder (`ponder start`) over the given chains and waits until its HTTP API answers. */
export async function startIndexer(options: IndexerOptions): Promise<Indexer> {
  if (options.stacks) {
    const { rpcUrl, startBlock, network = "devnet" } = options.stacks;
    options = { ...options, stacks: undefined, env: { ...options.env, WORX_STACKS_RPC_URL: rpcUrl, WORX_STACKS_START_BLOCK: String(startBlock), WORX_STACKS_NETWORK: network } };
  }
  const port = options.port ?? 42069;
  const pgliteDir = options.pgliteDir ?? join(repoRoot, "indexer", ".ponder", "pglite");
  const databaseUrl = options.databaseUrl ?? process.env.DATABASE_URL ?? "";
  if (!databaseUrl && !options.resume) rmSync(pgliteDir, { recursive: true, force: true });
  const schema = options.schema ?? `worx_${Date.now()}`;
  // Ponder silently moves to the next free port when its port is taken: /health would then be
  // answered by whatever holds the port. Refuse instead.
  if (await portInUse(port)) throw new Error(`Cannot start the indexer on port ${port}: something already listens there`);
  const child = startProcess(
    "indexer",
    bin("ponder"),
    // WORX_PONDER_LOG_LEVEL (e.g. trace) to debug indexing; Ponder's default is info.
    [...(process.env.WORX_PONDER_LOG_LEVEL ? ["--log-level", process.env.WORX_PONDER_LOG_LEVEL] : []), "start", "--port", String(port), "--schema", schema],
    {
      // Run inside indexer/: Ponder's GraphQL middleware writes generated/schema.graphql under
      // the working directory (not --root), and .env.local is read from there too.
      cwd: join(repoRoot, "indexer"),
      env: {
        ...options.env,
        ...indexedChainsEnv(options),
        WORX_PGLITE_DIR: pgliteDir,
        DATABASE_URL: databaseUrl || undefined,
        PONDER_TELEMETRY_DISABLED: "true",
      },
      logFile: options.logFile,
      echo: options.echo,
    },
  );
  const url = `http://127.0.0.1:${port}`;
  let started = false;
  const ready = waitFor(
    "the indexer's HTTP API",
    async () => {
      if (child.child.exitCode !== null) return false; // stop polling: the process died
      const res = await fetch(`${url}/health`);
      return res.ok ? true : undefined;
    },
    // Ponder builds the schema (about 60 tables) and the API before serving; on two CPUs shared
    // with a Hardhat node and other test processes that once took over 120 s.
    240_000,
    200,
  ).finally(() => (started = true));
  // Fail fast when Ponder dies on start (bad config, port in use) instead of timing out.
  const died = child.exited.then((code) => {
    if (!started) throw new Error(`ponder exited with ${code} before serving /health`);
  });
  // The port can be taken between the check above and Ponder's bind (e.g. as the ephemeral source
  // port of a local connection): Ponder then serves on another port. Start it again instead.
  const moved = new Promise<"moved">((resolve) => {
    for (const stream of [child.child.stdout, child.child.stderr]) {
      // The message can arrive split over two chunks: match on the previous chunk's tail too.
      let tail = "";
      stream?.on("data", (d: Buffer) => {
        const text = tail + d.toString();
        if (text.includes("Port in use")) resolve("moved");
        tail = text.slice(-32);
      });
    }
  });
  const ok = await Promise.race([ready, died, moved]);
  if (ok === "moved") {
    started = true;
    ready.catch(() => undefined);
    await child.stop();
    const retriesLeft = options.portRetries ?? 2;
    if (retriesLeft <= 0) throw new Error(`Cannot start the indexer on port ${port}: it was taken while Ponder started`);
    return startIndexer({ ...options, portRetries: retriesLeft - 1 });
  }
  if (ok !== true) throw new Error(`ponder exited with ${child.child.exitCode} before serving /health`);
  return { url, process: child };
}

export interface WebServer {
  url: string;
  process: Supervised;
}

export interface WebOptions {
  port?: number;
  indexerUrl: string;
  /** RPC URL of chain 31337. */
  rpcUrl: string;
  /** RPC URLs of further EVM chains by chain id (e.g. `{ 31338: b.rpcUrl }`): `VITE_<rpcEnv>` each. */
  rpcUrls?: Record<number, string>;
  /** Extra environment for Vite (e.g. VITE_STACKS_API_URL_TESTNET); VITE_WORX_CHAINS overrides the chains given. */
  env?: Record<string, string | undefined>;
  logFile?: string;
}

/** Serves the SPA with Vite's dev server, pointed at the given indexer and chains. */
export async function startWeb(options: WebOptions): Promise<WebServer> {
  const port = options.port ?? 5173;
  const rpcEnv: Record<string, string> = {};
  const caip2s: string[] = [];
  for (const [id, url] of Object.entries({ ...options.rpcUrls, 31337: options.rpcUrl })) {
    const chain = chains.find((c) => c.family === "evm" && c.chainId === Number(id));
    if (!chain) throw new Error(`Chain ${id} is not in scripts/registry/chains.ts`);
    rpcEnv[`VITE_${chain.rpcEnv}`] = url;
    caip2s.push(chain.caip2);
  }
  // The EVM chains the SPA offers: these, not every deployment generated/deployments.ts may still
  // list from an earlier run (a local chain's default RPC may be nobody's, or another stack's).
  rpcEnv.VITE_WORX_CHAINS = caip2s.join(",");
  const child = startProcess("web", bin("vite"), ["--config", "web/vite.config.ts", "--port", String(port), "--strictPort", "--host", "127.0.0.1"], {
    cwd: repoRoot,
    env: { VITE_INDEXER_URL: options.indexerUrl, ...rpcEnv, ...options.env },
    logFile: options.logFile,
  });
  const url = `http://127.0.0.1:${port}`;
  await waitFor("the SPA dev server", async () => ((await fetch(url)).ok ? true : undefined), 60_000);
  return { url, process: child };
}
