/**
 * Indexer throughput: a fresh local chain gets N escrow creations packed into blocks, then a fresh
 * Ponder (PGlite) backfills them; measured from start of the indexer process to the moment the
 * GraphQL API counts all N escrows. Start-up (process start to /health answering) is reported
 * apart from the backfill rate (from /health to every row queryable).
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createTestClient, createWalletClient, http, parseUnits, publicActions } from "viem";
import { hardhat } from "viem/chains";
import { localAccount } from "../dev/accounts.ts";
import { stopAll, waitFor } from "../dev/processes.ts";
import { deployLocal, startHardhatNode, startIndexer } from "../dev/stack.ts";
import type { BenchRow } from "./index.ts";

export async function measureIndexerThroughput(events = 2_000, perBlock = 100): Promise<BenchRow[]> {
  const pgliteDir = mkdtempSync(join(tmpdir(), "worx-bench-pglite-"));
  try {
    const chain = await startHardhatNode(8560);
    await deployLocal(chain.rpcUrl);
    // Loaded after the deploy: codegen has just written them.
    const { milestoneEscrowAbi } = await import("../../generated/abis.ts");
    const { evmContract } = await import("../../generated/deployments.ts");
    const escrow = evmContract("eip155:31337", "MilestoneEscrow");
    const token = evmContract("eip155:31337", "DemoStablecoin");
    const transport = http(chain.rpcUrl);
    const testClient = createTestClient({ chain: hardhat, mode: "hardhat", transport }).extend(publicActions);
    const wallet = createWalletClient({ chain: hardhat, transport, account: localAccount(1) });
    const freelancer = localAccount(2).address;

    await testClient.setAutomine(false);
    let nonce = await testClient.getTransactionCount({ address: wallet.account.address });
    for (let sent = 0; sent < events; sent += perBlock) {
      const batch = [];
      for (let i = 0; i < Math.min(perBlock, events - sent); i++) {
        batch.push(wallet.writeContract({
          address: escrow, abi: milestoneEscrowAbi, functionName: "createEscrow",
          args: [freelancer, token, [parseUnits("1", 6)]], nonce: nonce++, gas: 300_000n,
        }));
      }
      await Promise.all(batch);
      await testClient.mine({ blocks: 1 });
    }
    await testClient.setAutomine(true);

    const launched = performance.now();
    const indexer = await startIndexer({ rpcUrl: chain.rpcUrl, port: 42080, pgliteDir });
    const started = performance.now();
    await waitFor(
      "the indexer to count every escrow",
      async () => {
        const res = await fetch(`${indexer.url}/graphql`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ query: "{ escrows { totalCount } }" }),
        });
        const body = (await res.json()) as { data?: { escrows: { totalCount: number } } };
        return body.data?.escrows.totalCount === events ? true : undefined;
      },
      300_000,
      100,
    );
    const seconds = (performance.now() - started) / 1000;
    const row = (operation: string, unit: string, worx: number): BenchRow => ({
      area: "indexer", operation, chain: "eip155:31337", unit, worx, anchor: null, anchor_value: null,
    });
    return [
      row(`backfill ${events} EscrowCreated events (${perBlock}/block)`, "events/s", Math.round(events / seconds)),
      row("start-up to /health (PGlite)", "ms", Math.round(started - launched)),
    ];
  } finally {
    await stopAll();
    rmSync(pgliteDir, { recursive: true, force: true });
  }
}
