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
import { createPublicClient, createTestClient, defineChain, http, type Address, type PublicClient } from "viem";
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
  /** 31337, or the second chain's 31338. */
  chainId: number;
  /** CAIP-2 id, as the indexer's rows name the chain. */
  caip2: `eip155:${number}`;
  /** The generated registry, imported after the deploy rewrote it. */
  abis: typeof import("../../generated/abis.ts");
  escrowAddress: Address;
  dusdAddress: Address;
  multisig: MultisigOps;
  publicClient: PublicClient;
  testClient: ReturnType<typeof createTestClient>;
}

export interface E2eStack extends ChainHandles {
  /** The second local chain (31338), when `secondChain` was asked for: same contract addresses. */
  second?: ChainHandles;
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
  /**
   * A second local chain (chain id 31338, registry key `localhost2`) on `port`, deployed like the
   * first (CREATE2: the same addresses), prepared by its own `prepare`, indexed by the same Ponder
   * and given to the SPA (VITE_RPC_URL_31338). The wallets still sign on the first chain's node.
   */
  secondChain?: { port: number; prepare?: (chain: ChainHandles) => Promise<void> };
}

const shots = join(repoRoot, "test-results", "e2e");

/** Handles on a deployed local chain (imports the registry the deploy has just regenerated). */
async function chainHandles(rpcUrl: string, chainId: number): Promise<ChainHandles> {
  const abis = await import("../../generated/abis.ts");
  const { evmContract } = await import("../../generated/deployments.ts");
  const caip2 = `eip155:${chainId}` as const;
  const viemChain = defineChain({ ...hardhat, id: chainId });
  const transport = http(rpcUrl);
  return {
    rpcUrl,
    chainId,
    caip2,
    abis,
    escrowAddress: evmContract(caip2, "MilestoneEscrow"),
    dusdAddress: evmContract(caip2, "DemoStablecoin"),
    multisig: connectMultisig({ transport, address: evmContract(caip2, "WorxMultisig"), abi: abis.worxMultisigAbi, chain: viemChain }),
    publicClient: createPublicClient({ chain: viemChain, transport }) as PublicClient,
    testClient: createTestClient({ chain: viemChain, mode: "hardhat", transport }),
  };
}

export async function startStack({ name, ports, prepare, secondChain }: StackOptions): Promise<E2eStack> {
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
    const [node, nodeB] = await Promise.all([
      startHardhatNode(ports.chain, join(logs, "chain.log")),
      secondChain ? startHardhatNode(secondChain.port, join(logs, "chain-b.log"), 31338) : undefined,
    ]);
    // Both deploys before the registry is imported: an ES module is loaded once, and each deploy
    // regenerates it. One after the other: a deploy's codegen must not read the other's journal
    // half-written.
    await deployLocal(node.rpcUrl);
    if (nodeB) await deployLocal(nodeB.rpcUrl);
    const chain = await chainHandles(node.rpcUrl, 31337);
    const second = nodeB && (await chainHandles(nodeB.rpcUrl, 31338));
    await prepare?.(chain);
    if (second) await secondChain?.prepare?.(second);
    const rpcUrls: Record<number, string> = { 31337: node.rpcUrl };
    if (nodeB) rpcUrls[31338] = nodeB.rpcUrl;
    console.log(`[e2e ${name}] chain${nodeB ? "s" : ""} + deploy in ${seconds()} s`);

    // The SPA only needs the indexer's URL, and the browser neither: start all three at once.
    const [indexer, web, browser] = await Promise.allSettled([
      startIndexer({ rpcUrls, port: ports.indexer, pgliteDir: tmp(`worx-${name}-pglite-`), logFile: join(logs, "indexer.log") }),
      startWeb({ port: ports.web, indexerUrl: `http://127.0.0.1:${ports.indexer}`, rpcUrl: node.rpcUrl, rpcUrls, logFile: join(logs, "web.log") }),
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
      second,
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
