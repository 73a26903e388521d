/**
 * The local Worx stack as functions, shared by `npm start`, the indexer test and the e2e test:
 * a Hardhat node, the Ignition deploy + codegen, Ponder on PGlite (or DATABASE_URL), the SPA.
 */
import { existsSync, rmSync } from "node:fs";
import { createConnection } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { run, startProcess, waitFor, type Supervised } from "./processes.ts";

export const repoRoot = join(fileURLToPath(import.meta.url), "..", "..", "..");
const bin = (name: string) => join(repoRoot, "node_modules", ".bin", name);

export interface LocalChain {
  rpcUrl: string;
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

/** Starts `hardhat node` (chain 31337, the standard funded accounts) and waits for its RPC. */
export async function startHardhatNode(port = 8545, logFile?: string): Promise<LocalChain> {
  const rpcUrl = `http://127.0.0.1:${port}`;
  // Another node on the port would answer the readiness check, and everything after (deploys,
  // transactions) would land on someone else's chain.
  if (await portInUse(port)) throw new Error(`Cannot start the Hardhat node on port ${port}: something already listens there`);
  const process = startProcess("chain", bin("hardhat"), ["node", "--hostname", "127.0.0.1", "--port", String(port)], {
    cwd: repoRoot,
    logFile,
  });
  await waitFor("the Hardhat node", async () => ((await rpc(rpcUrl, "eth_chainId")) ? true : undefined), 60_000);
  return { rpcUrl, process };
}

/**
 * Deploys the local demo module through Ignition (fresh journal: a new in-memory node starts from
 * block 0) and regenerates the ABI/address registry. Ignition compiles the contracts itself
 * (production profile, no Solidity tests) before deploying: no separate build step.
 */
export async function deployLocal(rpcUrl: string): Promise<void> {
  const env = { RPC_URL_31337: rpcUrl };
  // One deployment id per node port: concurrent local stacks (tests) never share a journal.
  const deploymentId = `localhost-${new URL(rpcUrl).port}`;
  const deploy = [bin("hardhat"), "ignition", "deploy", "scripts/deploy/ignition/modules/LocalDemo.ts", "--network", "localhost", "--deployment-id", deploymentId, "--reset"];
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
  rpcUrl: string;
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
  /** Extra environment for Ponder (e.g. the API's WORX_API_* limits). */
  env?: Record<string, string | undefined>;
  logFile?: string;
  echo?: boolean;
  /** Restarts left when Ponder finds its port taken while starting (default 2). */
  portRetries?: number;
}

/** Starts Ponder (`ponder start`) over the local chain and waits until its HTTP API answers. */
export async function startIndexer(options: IndexerOptions): Promise<Indexer> {
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
    ["start", "--port", String(port), "--schema", schema],
    {
      // Run inside indexer/: Ponder's GraphQL middleware writes generated/schema.graphql under
      // the working directory (not --root), and .env.local is read from there too.
      cwd: join(repoRoot, "indexer"),
      env: {
        ...options.env,
        RPC_URL_31337: options.rpcUrl,
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
      stream?.on("data", (d: Buffer) => {
        if (d.toString().includes("Port in use")) resolve("moved");
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

/** Serves the SPA with Vite's dev server, pointed at the given indexer and chain. */
export async function startWeb(options: { port?: number; indexerUrl: string; rpcUrl: string; logFile?: string }): Promise<WebServer> {
  const port = options.port ?? 5173;
  const child = startProcess("web", bin("vite"), ["--config", "web/vite.config.ts", "--port", String(port), "--strictPort", "--host", "127.0.0.1"], {
    cwd: repoRoot,
    env: { VITE_INDEXER_URL: options.indexerUrl, VITE_RPC_URL_31337: options.rpcUrl },
    logFile: options.logFile,
  });
  const url = `http://127.0.0.1:${port}`;
  await waitFor("the SPA dev server", async () => ((await fetch(url)).ok ? true : undefined), 60_000);
  return { url, process: child };
}
