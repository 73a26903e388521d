/**
 * The browser tests' shared fixture: a Hardhat node with the LocalDemo deployment, optional chain
 * setup before indexing, then Ponder (PGlite), the SPA's dev server and headless Chromium with the
 * test wallets injected (./wallets.ts) — started in parallel where they don't depend on each other —
 * plus the helpers every suite uses (connect a page as an account, screenshots, requests seen).
 * Each suite passes its own ports so suites can run side by side.
 */
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium, type BrowserContext, type Page } from "playwright-core";
import { createPublicClient, createTestClient, http, type Address, type PublicClient } from "viem";
import { hardhat } from "viem/chains";
import { connectMultisig, type MultisigOps } from "../../scripts/dev/multisigOps.ts";
import { stopAll } from "../../scripts/dev/processes.ts";
import { deployLocal, repoRoot, startHardhatNode, startIndexer, startWeb } from "../../scripts/dev/stack.ts";
import { TestWallets } from "./wallets.ts";

export interface StackPorts {
  chain: number;
  indexer: number;
  web: number;
}

export interface ChainHandles {
  rpcUrl: string;
  /** The generated registry, imported after the deploy rewrote it. */
  abis: typeof import("../../generated/abis.ts");
  escrowAddress: Address;
  dusdAddress: Address;
  multisig: MultisigOps;
  publicClient: PublicClient;
  testClient: ReturnType<typeof createTestClient>;
}

export interface E2eStack extends ChainHandles {
  indexerUrl: string;
  webUrl: string;
  context: BrowserContext;
  wallets: TestWallets;
  /** Every URL the browser requested (checked: nothing leaves 127.0.0.1). */
  requested: string[];
  /** The first page of the context. */
  firstPage: Page;
  /** Seconds since the fixture started (for progress logs). */
  seconds(): string;
  /** Full-page screenshot to test-results/e2e/<prefix><name>.png. */
  shot(page: Page, name: string): Promise<void>;
  /** Opens `hash` (e.g. "#/admin") in `page` as `account` and connects through RainbowKit. */
  connect(page: Page, account: Address, hash?: string): Promise<void>;
  /** Stops the browser, the servers and the chain; removes temporary folders. */
  close(): Promise<void>;
}

export interface StackOptions {
  /** Folder of logs under test-results/e2e/ and prefix of screenshots. */
  name: string;
  ports: StackPorts;
  /** Runs after the deploy and before the indexer starts (seed transactions, mints). */
  prepare?: (chain: ChainHandles) => Promise<void>;
}

const shots = join(repoRoot, "test-results", "e2e");

export async function startStack({ name, ports, prepare }: StackOptions): Promise<E2eStack> {
  const started = Date.now();
  const seconds = () => ((Date.now() - started) / 1000).toFixed(1);
  const logs = join(shots, name === "escrow" ? "logs" : `logs-${name}`);
  mkdirSync(shots, { recursive: true });
  rmSync(logs, { recursive: true, force: true });
  const tmpDirs: string[] = [];
  const tmp = (prefix: string) => {
    const dir = mkdtempSync(join(tmpdir(), prefix));
    tmpDirs.push(dir);
    return dir;
  };
  let context: BrowserContext | undefined;
  const close = async () => {
    await context?.close().catch(() => {});
    await stopAll();
    for (const dir of tmpDirs) rmSync(dir, { recursive: true, force: true });
  };

  try {
    const node = await startHardhatNode(ports.chain, join(logs, "chain.log"));
    await deployLocal(node.rpcUrl);
    const abis = await import("../../generated/abis.ts");
    const { evmContract } = await import("../../generated/deployments.ts");
    const transport = http(node.rpcUrl);
    const chain: ChainHandles = {
      rpcUrl: node.rpcUrl,
      abis,
      escrowAddress: evmContract("eip155:31337", "MilestoneEscrow"),
      dusdAddress: evmContract("eip155:31337", "DemoStablecoin"),
      multisig: connectMultisig({ transport, address: evmContract("eip155:31337", "WorxMultisig"), abi: abis.worxMultisigAbi }),
      publicClient: createPublicClient({ chain: hardhat, transport }) as PublicClient,
      testClient: createTestClient({ chain: hardhat, mode: "hardhat", transport }),
    };
    await prepare?.(chain);
    console.log(`[e2e ${name}] chain + deploy in ${seconds()} s`);

    // The SPA only needs the indexer's URL, and the browser neither: start all three at once.
    const [indexer, web, browser] = await Promise.allSettled([
      startIndexer({ rpcUrl: node.rpcUrl, port: ports.indexer, pgliteDir: tmp(`worx-${name}-pglite-`), logFile: join(logs, "indexer.log") }),
      startWeb({ port: ports.web, indexerUrl: `http://127.0.0.1:${ports.indexer}`, rpcUrl: node.rpcUrl, logFile: join(logs, "web.log") }),
      chromium.launchPersistentContext(tmp(`worx-${name}-chromium-`), {
        executablePath: "/usr/bin/chromium",
        headless: true,
        viewport: { width: 1280, height: 900 },
        args: [
          "--no-sandbox",
          "--disable-gpu",
          "--disable-quic",
          "--no-first-run",
          "--disable-background-networking",
          "--disable-component-update",
          "--disable-sync",
        ],
      }),
    ]);
    if (browser.status === "fulfilled") context = browser.value; // closed by close() even if the rest failed
    for (const r of [indexer, web, browser]) if (r.status === "rejected") throw r.reason;
    const ctx = context!;
    const indexerUrl = (indexer as PromiseFulfilledResult<{ url: string }>).value.url;
    const webUrl = (web as PromiseFulfilledResult<{ url: string }>).value.url;
    ctx.setDefaultTimeout(20_000);
    const requested: string[] = [];
    ctx.on("request", (r) => requested.push(r.url()));
    const wallets = new TestWallets(node.rpcUrl, 31337);
    await wallets.install(ctx);
    const firstPage = ctx.pages()[0] ?? (await ctx.newPage());
    console.log(`[e2e ${name}] stack ready in ${seconds()} s`);

    return {
      ...chain,
      indexerUrl,
      webUrl,
      context: ctx,
      wallets,
      requested,
      firstPage,
      seconds,
      shot: async (page, shotName) => {
        await page.screenshot({ path: join(shots, `${name === "escrow" ? "" : `${name}-`}${shotName}.png`), fullPage: true });
      },
      connect: async (page, account, hash = "") => {
        wallets.use(page, account);
        await page.goto(`${webUrl}/${hash}`);
        await page.getByTestId("rk-connect-button").click();
        await page.locator('[data-testid^="rk-wallet-option-"]').first().click();
        await page.getByTestId("rk-account-button").waitFor({ timeout: 15_000 });
      },
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}

/** Hosts other than 127.0.0.1/localhost the browser contacted (data:, blob:, about: excepted). */
export function foreignRequests(requested: string[]): string[] {
  return requested.filter((url) => {
    const { protocol, hostname } = new URL(url);
    if (protocol === "data:" || protocol === "blob:" || protocol === "about:") return false;
    return hostname !== "127.0.0.1" && hostname !== "localhost";
  });
}
