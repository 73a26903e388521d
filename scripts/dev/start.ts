/**
 * `npm start`: the whole Worx stack on this machine — two local EVM chains (Hardhat nodes: 31337 on
 * :8545, 31338 on :8544) with the contracts deployed through Ignition at the same CREATE2 addresses
 * on both, demo data on each (a smaller, different history on chain B), one Ponder on embedded
 * PGlite indexing both, and the SPA — then waits. Ctrl-C stops every child.
 * Stacks: the local devnet (scripts/dev/stacksDevnet/: the Clarinet simnet of our Clarity contracts
 * behind a Stacks API on :3999, seeded with Stacks demo data) delivers its blocks to the Stacks
 * bridge (:3700), which the same Ponder indexes; the SPA's Stacks page reads and broadcasts there.
 * Logs go to .worx/logs/.
 */
import { appendFileSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { stopAll } from "./processes.ts";
import { deployLocal, repoRoot, startHardhatNode, startIndexer, startWeb } from "./stack.ts";
import { seedStacksDemo, startBridgeProcess, startStacksDevnet } from "./stacksDevnet/index.ts";

const logs = join(repoRoot, ".worx", "logs");
const ports = {
  chain: Number(process.env.WORX_CHAIN_PORT ?? 8545),
  chainB: Number(process.env.WORX_CHAIN_B_PORT ?? 8544),
  indexer: Number(process.env.WORX_INDEXER_PORT ?? 42069),
  web: Number(process.env.WORX_WEB_PORT ?? 5173),
  stacksApi: Number(process.env.WORX_STACKS_API_PORT ?? 3999),
  stacksBridge: Number(process.env.WORX_STACKS_BRIDGE_PORT ?? 3700),
};

let stopping = false;
async function shutdown(code: number) {
  if (stopping) return;
  stopping = true;
  console.log("\n[worx] stopping…");
  await stopAll();
  console.log("[worx] all processes stopped");
  process.exit(code);
}
process.on("SIGINT", () => void shutdown(0));
process.on("SIGTERM", () => void shutdown(0));

const step = async <T>(what: string, action: () => Promise<T>): Promise<T> => {
  const started = Date.now();
  process.stdout.write(`[worx] ${what}… `);
  const result = await action();
  console.log(`done (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  return result;
};

/**
 * The local Stacks chain, started alongside the EVM chains (it needs neither): the bridge on a
 * fresh store (a new devnet is a new chain), the devnet delivering to it, the Stacks demo data.
 */
async function startStacks() {
  mkdirSync(logs, { recursive: true });
  const bridge = await startBridgeProcess({ port: ports.stacksBridge, dbPath: join(repoRoot, ".worx", "stacks-bridge.sqlite"), fresh: true, logFile: join(logs, "stacks-bridge.log") });
  const devnet = await startStacksDevnet({ apiPort: ports.stacksApi, bridgeUrl: bridge.url, log: (line) => appendFileSync(join(logs, "stacks-devnet.log"), `${line}\n`) });
  const seeded = await seedStacksDemo(devnet.chain);
  await devnet.synced();
  return { bridge, devnet, seeded };
}

try {
  const stacksStarting = startStacks();
  stacksStarting.catch(() => undefined); // awaited below; a failure then stops everything
  const [chain, chainB] = await step(`starting Hardhat nodes on :${ports.chain} (31337) and :${ports.chainB} (31338)`, () =>
    Promise.all([startHardhatNode(ports.chain, join(logs, "chain.log")), startHardhatNode(ports.chainB, join(logs, "chain-b.log"), 31338)]),
  );
  await step("compiling and deploying through Ignition (CREATE2) on 31337", () => deployLocal(chain.rpcUrl));
  await step("deploying on 31338 (same addresses)", () => deployLocal(chainB.rpcUrl));
  // Loaded after the deploys: the seeds read the ABIs and addresses codegen has just written.
  const { seedDemo } = await import("./seed.ts");
  const { seedChainB } = await import("./seedChainB.ts");
  const seeded = await step("seeding demo escrows on 31337", () => seedDemo(chain.rpcUrl));
  const seededB = await step("seeding demo escrows on 31338", () => seedChainB(chainB.rpcUrl));
  const rpcUrls = { [chain.chainId]: chain.rpcUrl, [chainB.chainId]: chainB.rpcUrl };
  const stacks = await step(`Stacks devnet: bridge on :${ports.stacksBridge}, Stacks API on :${ports.stacksApi}, demo data`, () => stacksStarting);
  const indexer = await step(`starting Ponder on :${ports.indexer} (PGlite)`, () =>
    startIndexer({ rpcUrls, port: ports.indexer, logFile: join(logs, "indexer.log"), stacks: { rpcUrl: stacks.bridge.rpcUrl, startBlock: stacks.devnet.firstBlock } }),
  );
  const web = await step(`starting the SPA on :${ports.web}`, () =>
    startWeb({ port: ports.web, indexerUrl: indexer.url, rpcUrl: chain.rpcUrl, rpcUrls, logFile: join(logs, "web.log"), env: { VITE_STACKS_API_URL_TESTNET: stacks.devnet.url } }),
  );
  console.log(`
Worx is running.
  SPA            ${web.url}
  GraphQL        ${indexer.url}/graphql
  SQL over HTTP  ${indexer.url}/sql
  Chain (31337)  ${chain.rpcUrl}
  Chain (31338)  ${chainB.rpcUrl}  (Local Hardhat B: add it to your wallet to switch chains)
  Stacks API     ${stacks.devnet.url}  (local Stacks devnet: the Clarinet simnet; reads and broadcasts)
  Stacks bridge  ${stacks.bridge.url}  (its event observer; Ponder indexes it as stacks:2147483648 from block ${stacks.devnet.firstBlock})
  Logs           ${logs}

Demo data on 31337: ${seeded.escrows} escrows; one multisig operation pending: ${seeded.pendingOperation.description}.
${seeded.states.map((s) => `  escrow ${s}`).join("\n")}
Demo data on 31338: ${seededB.escrows} escrows (same contract addresses).
${seededB.states.map((s) => `  escrow ${s}`).join("\n")}
Accounts 0..4 own the multisig (2 of 5 for routine, 3 of 5 for critical operations); #0 is its guardian; #5 is the
arbiter (open ${web.url}/#/arbiter as it to rule the dispute); #6 is the badges' attester. Bob (#2) has ten completed jobs
rated 5/5: open ${web.url}/#/profile as bob to claim his Bronze badge, then see ${web.url}/#/leaderboard and ${web.url}/#/badges.
DAO (${web.url}/#/dao, ${web.url}/#/dao/treasury, ${web.url}/#/staking):
${seeded.dao.lines.map((l) => `  ${l}`).join("\n")}
Creator coins (${web.url}/#/creators, ${web.url}/#/portfolio; #6 also reports creator metrics):
${seeded.dex.lines.map((l) => `  ${l}`).join("\n")}
Stacks (${web.url}/#/stacks; wallets: the clarity/settings/Devnet.toml mnemonics, network ${stacks.devnet.url}):
${stacks.seeded.lines.map((l) => `  ${l}`).join("\n")}
${Object.entries(stacks.seeded.accounts).map(([name, address]) => `  ${name.padEnd(9)} ${address}`).join("\n")}
Accounts (Hardhat's public test keys; import one into your wallet):
${Object.entries(seeded.accounts).map(([name, address]) => `  ${name.padEnd(9)} ${address}`).join("\n")}

Press Ctrl-C to stop everything.`);
  for (const p of [chain.process, chainB.process, stacks.bridge.process, indexer.process, web.process]) {
    void p.exited.then((code) => {
      if (!stopping) {
        console.error(`[worx] ${p.name} exited unexpectedly (code ${code}); see ${logs}`);
        void shutdown(1);
      }
    });
  }
} catch (error) {
  console.error(`\n[worx] start failed: ${error instanceof Error ? error.message : String(error)}`);
  await shutdown(1);
}
