/**
 * Stacks ingestion throughput: `jobs` STX escrow jobs of two milestones (created, funded, both
 * delivered and approved, rated: eight timeline events each) run on the Clarinet simnet
 * (scripts/dev/stacksDevnet/simnetChain.ts), one transaction per block as the simnet mines them,
 * recorded as the stacks-node event observer's `/new_block` payloads; then
 *  - the bridge (indexer/stacks/, in this process, a fresh SQLite store) takes them over HTTP, one
 *    POST after the other as a node delivers them: payloads/s;
 *  - a fresh Ponder (PGlite, the Stacks chain only) backfills them through the bridge's EVM facade:
 *    from /health to every timeline row queryable (GraphQL count = 8 × jobs, and /status at the
 *    tip): print events/s and timeline rows/s.
 * Timings only ever go to the bench table, never into test assertions.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Cl } from "@stacks/transactions";
import { ponderChainIdOfStacks, stacksCaip2 } from "../../indexer/stacks/chains.ts";
import { startBridge, type Bridge } from "../../indexer/stacks/server.ts";
import { waitFor } from "../dev/processes.ts";
import { startIndexer, type Indexer } from "../dev/stack.ts";
import { SimnetChain } from "../dev/stacksDevnet/simnetChain.ts";
import type { BenchRow } from "./index.ts";

const PORTS = { bridge: 42103, ponder: 42102 } as const;
/** escrow.clar's prints of one job: created, funded, 2 × (submitted, released), completed, rated. */
const TIMELINE_PER_JOB = 8;
const DAY = 86_400n;

export async function measureStacksIngestion(jobs = 80): Promise<BenchRow[]> {
  const chain = await SimnetChain.start();
  const [client, freelancer] = [chain.account("wallet_1"), chain.account("wallet_2")];
  const firstBlock = chain.tipHeight;
  for (let n = 1; n <= jobs; n++) {
    const due = chain.simnet.getBlockTime() + 30n * DAY;
    const terms = Cl.list([1_000_000n, 2_000_000n].map((amount) => Cl.tuple({ amount: Cl.uint(amount), "due-date": Cl.uint(due) })));
    const id = await chain.call("escrow", "create-escrow", [Cl.principal(freelancer), Cl.none(), terms, Cl.uint(3n * DAY), Cl.uint(7n * DAY), Cl.none()], client);
    await chain.call("escrow", "fund-escrow", [id, Cl.none()], client);
    for (const index of [0, 1]) {
      await chain.call("escrow", "submit-milestone", [id, Cl.uint(index), Cl.buffer(new Uint8Array(32).fill(index + 1))], freelancer);
      await chain.call("escrow", "approve-milestone", [id, Cl.uint(index)], client);
    }
    await chain.call("escrow", "rate-job", [id, Cl.uint(1 + (n % 5))], client);
  }
  const blocks = chain.blocks;
  const prints = blocks.reduce((n, b) => n + b.events.filter((e) => e.type === "contract_event").length, 0);
  const expected = jobs * TIMELINE_PER_JOB;

  const workDir = mkdtempSync(join(tmpdir(), "worx-bench-stacks-"));
  let bridge: Bridge | undefined;
  let indexer: Indexer | undefined;
  try {
    bridge = await startBridge({ port: PORTS.bridge, dbPath: join(workDir, "bridge.sqlite"), chainId: ponderChainIdOfStacks("devnet"), log: () => {} });
    const posting = performance.now();
    for (const block of blocks) {
      const res = await fetch(`${bridge.url}/new_block`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(block) });
      if (res.status !== 200) throw new Error(`the bridge refused block ${block.block_height}: ${res.status} ${await res.text()}`);
    }
    const postSeconds = (performance.now() - posting) / 1000;

    const caip2 = stacksCaip2("devnet");
    const launched = performance.now();
    indexer = await startIndexer({
      port: PORTS.ponder,
      pgliteDir: join(workDir, "pglite"),
      databaseUrl: "",
      stacks: { rpcUrl: `${bridge.url}/rpc`, startBlock: firstBlock, network: "devnet" },
      env: { WORX_INDEX_CHAINS: caip2, WORX_API_RATE_LIMIT: "0" },
    });
    const started = performance.now();
    const tip = chain.tipHeight;
    const url = indexer.url;
    await waitFor(
      "the indexer's checkpoint to reach the Stacks tip",
      async () => {
        const status = (await (await fetch(`${url}/status`)).json()) as Record<string, { id: number; block: { number: number } }>;
        const s = Object.values(status).find((c) => c.id === ponderChainIdOfStacks("devnet"));
        return s && s.block.number >= tip ? true : undefined;
      },
      600_000,
      100,
    );
    await waitFor(
      "every Stacks timeline row to be queryable",
      async () => {
        const res = await fetch(`${url}/graphql`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ query: `{ escrowEvents(where: { chainId: "${caip2}" }) { totalCount } }` }),
        });
        const body = (await res.json()) as { data?: { escrowEvents: { totalCount: number } } };
        const have = body.data?.escrowEvents.totalCount;
        if (have !== undefined && have > expected) throw new Error(`${have} Stacks timeline rows, more than the ${expected} printed`);
        return have === expected ? true : undefined;
      },
      300_000,
      100,
    );
    const seconds = (performance.now() - started) / 1000;
    const row = (operation: string, unit: string, worx: number): BenchRow => ({ area: "indexer", operation, chain: caip2, unit, worx, anchor: null, anchor_value: null });
    const history = `${blocks.length} simnet blocks of ${jobs} STX escrow jobs, ${prints} prints`;
    return [
      row(`Stacks bridge: /new_block payloads stored, sequential POSTs (${history})`, "payloads/s", Math.round(blocks.length / postSeconds)),
      row(`Stacks backfill through the bridge's EVM facade: prints indexed (${history}, PGlite)`, "events/s", Math.round(prints / seconds)),
      row(`Stacks backfill through the bridge's EVM facade: timeline rows queryable (${expected} rows, PGlite)`, "rows/s", Math.round(expected / seconds)),
      row("start-up to /health before the Stacks backfill (PGlite)", "ms", Math.round(started - launched)),
    ];
  } finally {
    await indexer?.process.stop();
    await bridge?.close();
    rmSync(workDir, { recursive: true, force: true });
  }
}
