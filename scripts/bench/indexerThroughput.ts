/**
 * Indexer throughput: a fresh local chain gets `events` escrow events packed into blocks — whole
 * jobs of two milestones, created, funded, delivered, settled and rated, a third of them settled by
 * an arbiter's ruling on a dispute, a third by the freelancer's claim after the review period, a
 * third by approval (8 events per job: every kind of the job timeline but reclaims) — then a fresh
 * Ponder (PGlite) backfills them; measured from start of the indexer process to the moment the
 * GraphQL API counts every event in the timeline (`escrow_event`). Start-up (process start to
 * /health answering) is reported apart from the backfill rate (from /health to every row queryable).
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createTestClient, createWalletClient, http, parseUnits, publicActions, zeroHash, type Address } from "viem";
import { hardhat } from "viem/chains";
import { demoRoles, localAccount } from "../dev/accounts.ts";
import { stopAll, waitFor } from "../dev/processes.ts";
import { deployLocal, startHardhatNode, startIndexer } from "../dev/stack.ts";
import type { BenchRow } from "./index.ts";

/** Events one job emits: created, funded, 2 × (submitted | disputed), 2 × settled, completed, rated. */
const EVENTS_PER_JOB = 8;
const REVIEW_PERIOD = 3_600;

export async function measureIndexerThroughput(events = 2_000, perBlock = 100): Promise<BenchRow[]> {
  const pgliteDir = mkdtempSync(join(tmpdir(), "worx-bench-pglite-"));
  try {
    const chain = await startHardhatNode(8560);
    await deployLocal(chain.rpcUrl);
    // Loaded after the deploy: codegen has just written them.
    const { milestoneEscrowAbi, demoStablecoinAbi } = await import("../../generated/abis.ts");
    const { evmContract } = await import("../../generated/deployments.ts");
    const escrow = evmContract("eip155:31337", "MilestoneEscrow");
    const token = evmContract("eip155:31337", "DemoStablecoin");
    const transport = http(chain.rpcUrl);
    const testClient = createTestClient({ chain: hardhat, mode: "hardhat", transport }).extend(publicActions);
    const wallet = (index: number) => createWalletClient({ chain: hardhat, transport, account: localAccount(index) });
    const [client, freelancer, arbiter] = [wallet(demoRoles.alice), wallet(demoRoles.bob), wallet(demoRoles.arbiter)];
    const nonces = new Map<Address, number>();
    for (const w of [client, freelancer, arbiter]) nonces.set(w.account.address, await testClient.getTransactionCount({ address: w.account.address }));

    type Write = { from: typeof client; functionName: string; args: readonly unknown[]; abi?: unknown; to?: Address };
    /** Mines until no transaction is pending (a block holds what fits its gas limit; the rest waits). */
    const drain = async () => {
      while ((await testClient.getBlock({ blockTag: "pending" })).transactions.length > 0) await testClient.request({ method: "evm_mine" } as never);
    };
    /**
     * Sends `writes` in blocks of `perBlock` transactions, mining each block with one `evm_mine`,
     * and every leftover before returning: the next phase depends on this one (other senders).
     */
    const sendBlocks = async (writes: Write[]) => {
      for (let i = 0; i < writes.length; i += perBlock) {
        await Promise.all(
          writes.slice(i, i + perBlock).map((w) => {
            const nonce = nonces.get(w.from.account.address)!;
            nonces.set(w.from.account.address, nonce + 1);
            return w.from.writeContract({
              address: w.to ?? escrow,
              abi: (w.abi ?? milestoneEscrowAbi) as typeof milestoneEscrowAbi,
              functionName: w.functionName as "createEscrow",
              args: w.args as never,
              nonce,
              gas: 400_000n,
            });
          }),
        );
        await testClient.request({ method: "evm_mine" } as never);
      }
      await drain();
    };

    await testClient.setAutomine(false);
    const firstBlock = (await testClient.getBlockNumber()) + 1n;
    const jobs = Math.max(1, Math.round(events / EVENTS_PER_JOB));
    const amount = parseUnits("1", 6);
    const due = Number((await testClient.getBlock()).timestamp) + 30 * 86_400;
    const before = await testClient.readContract({ address: escrow, abi: milestoneEscrowAbi, functionName: "escrowCount" });
    const ids = Array.from({ length: jobs }, (_, n) => before + BigInt(n + 1)); // ids are sequential
    const kind = (n: number) => (["approved", "disputed", "claimed"] as const)[n % 3]!;
    const milestones = [{ amount, dueDate: due }, { amount: amount + 1n, dueDate: due }];
    const funds = (amount * 2n + 1n) * BigInt(jobs);
    await sendBlocks([
      { from: client, to: token, abi: demoStablecoinAbi, functionName: "mint", args: [client.account.address, funds] },
      { from: client, to: token, abi: demoStablecoinAbi, functionName: "approve", args: [escrow, funds] },
    ]);
    await sendBlocks(ids.map(() => ({ from: client, functionName: "createEscrow", args: [freelancer.account.address, token, milestones, REVIEW_PERIOD, REVIEW_PERIOD] })));
    await sendBlocks(ids.map((id) => ({ from: client, functionName: "fundEscrow", args: [id] })));
    await sendBlocks(
      ids.flatMap((id, n): Write[] => [
        { from: freelancer, functionName: "submitMilestone", args: [id, 0n, zeroHash] },
        kind(n) === "disputed"
          ? { from: client, functionName: "openDispute", args: [id, 1n, zeroHash] }
          : { from: freelancer, functionName: "submitMilestone", args: [id, 1n, zeroHash] },
      ]),
    );
    // The review period passes: submissions the client left unanswered may be claimed.
    await testClient.request({ method: "evm_increaseTime", params: [REVIEW_PERIOD + 1] } as never);
    await sendBlocks(
      ids.flatMap((id, n): Write[] => [
        { from: client, functionName: "approveMilestone", args: [id, 0n] },
        kind(n) === "disputed"
          ? { from: arbiter, functionName: "resolveDispute", args: [id, 1n, (n * 1_237) % 10_001] }
          : kind(n) === "claimed"
            ? { from: freelancer, functionName: "claimMilestone", args: [id, 1n] }
            : { from: client, functionName: "approveMilestone", args: [id, 1n] },
      ]),
    );
    await sendBlocks(ids.map((id, n) => ({ from: client, functionName: "rateJob", args: [id, 1 + (n % 5)] })));
    await testClient.setAutomine(true);
    // Every write must have landed: a revert would leave events missing.
    const logs = await testClient.getContractEvents({ address: escrow, abi: milestoneEscrowAbi, fromBlock: firstBlock, toBlock: "latest" });
    const expected = jobs * EVENTS_PER_JOB;
    if (logs.length !== expected) {
      const counts = logs.reduce<Record<string, number>>((c, l) => ({ ...c, [l.eventName]: (c[l.eventName] ?? 0) + 1 }), {});
      throw new Error(`the bench history emitted ${logs.length} escrow events (${JSON.stringify(counts)}), expected ${expected}: a transaction reverted`);
    }

    const launched = performance.now();
    const indexer = await startIndexer({ rpcUrl: chain.rpcUrl, port: 42080, pgliteDir });
    const started = performance.now();
    await waitFor(
      "the indexer to count every escrow event",
      async () => {
        const res = await fetch(`${indexer.url}/graphql`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ query: "{ escrowEvents { totalCount } }" }),
        });
        const body = (await res.json()) as { data?: { escrowEvents: { totalCount: number } } };
        return body.data?.escrowEvents.totalCount === expected ? true : undefined;
      },
      300_000,
      100,
    );
    const seconds = (performance.now() - started) / 1000;
    const row = (operation: string, unit: string, worx: number): BenchRow => ({
      area: "indexer", operation, chain: "eip155:31337", unit, worx, anchor: null, anchor_value: null,
    });
    return [
      row(`backfill ${expected} escrow events of ${jobs} jobs: disputes, rulings, claims, ratings (${perBlock} tx/block)`, "events/s", Math.round(expected / seconds)),
      row("start-up to /health (PGlite)", "ms", Math.round(started - launched)),
    ];
  } finally {
    await stopAll();
    rmSync(pgliteDir, { recursive: true, force: true });
  }
}
