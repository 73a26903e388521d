/**
 * `npm start`: the whole Worx stack on this machine — a Hardhat node, the contracts deployed through
 * Ignition, demo data, Ponder on embedded PGlite and the SPA — then waits. Ctrl-C stops every child.
 * Logs go to .worx/logs/.
 */
import { join } from "node:path";
import { stopAll } from "./processes.ts";
import { deployLocal, repoRoot, startHardhatNode, startIndexer, startWeb } from "./stack.ts";

const logs = join(repoRoot, ".worx", "logs");
const ports = {
  chain: Number(process.env.WORX_CHAIN_PORT ?? 8545),
  indexer: Number(process.env.WORX_INDEXER_PORT ?? 42069),
  web: Number(process.env.WORX_WEB_PORT ?? 5173),
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

try {
  const chain = await step(`starting Hardhat node on :${ports.chain}`, () => startHardhatNode(ports.chain, join(logs, "chain.log")));
  await step("compiling and deploying through Ignition", () => deployLocal(chain.rpcUrl));
  // Loaded after the deploy: the seed reads the ABIs and addresses codegen has just written.
  const { seedDemo } = await import("./seed.ts");
  const seeded = await step("seeding demo escrows", () => seedDemo(chain.rpcUrl));
  const indexer = await step(`starting Ponder on :${ports.indexer} (PGlite)`, () =>
    startIndexer({ rpcUrl: chain.rpcUrl, port: ports.indexer, logFile: join(logs, "indexer.log") }),
  );
  const web = await step(`starting the SPA on :${ports.web}`, () =>
    startWeb({ port: ports.web, indexerUrl: indexer.url, rpcUrl: chain.rpcUrl, logFile: join(logs, "web.log") }),
  );
  console.log(`
Worx is running.
  SPA            ${web.url}
  GraphQL        ${indexer.url}/graphql
  SQL over HTTP  ${indexer.url}/sql
  Chain (31337)  ${chain.rpcUrl}
  Logs           ${logs}

Demo data: ${seeded.escrows} escrows; one multisig operation pending: ${seeded.pendingOperation.description}.
${seeded.states.map((s) => `  escrow ${s}`).join("\n")}
Accounts 0..4 own the multisig (2 of 5 for routine, 3 of 5 for critical operations); #0 is its guardian; #5 is the
arbiter (open ${web.url}/#/arbiter as it to rule the dispute); #6 is the badges' attester. Bob (#2) has ten completed jobs
rated 5/5: open ${web.url}/#/profile as bob to claim his Bronze badge, then see ${web.url}/#/leaderboard and ${web.url}/#/badges.
DAO (${web.url}/#/dao, ${web.url}/#/dao/treasury, ${web.url}/#/staking):
${seeded.dao.lines.map((l) => `  ${l}`).join("\n")}
Creator coins (${web.url}/#/creators, ${web.url}/#/portfolio; #6 also reports creator metrics):
${seeded.dex.lines.map((l) => `  ${l}`).join("\n")}
Accounts (Hardhat's public test keys; import one into your wallet):
${Object.entries(seeded.accounts).map(([name, address]) => `  ${name.padEnd(9)} ${address}`).join("\n")}

Press Ctrl-C to stop everything.`);
  for (const p of [chain.process, indexer.process, web.process]) {
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
