/**
 * A chain reorganisation on the local node, seen by running indexers: `evm_snapshot`, a fork of
 * real transactions (indexed as unfinalized rows: 31337's finality is 30 blocks), `evm_revert`,
 * a longer fork of different transactions. Ponder notices the block hashes no longer chain
 * (realtime sync) and rolls its rows back: the tables must hold exactly the canonical history.
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import { parseEther, zeroAddress, type Abi, type Address } from "viem";
import { assertSameDump, CHAIN, chainTime, dumpTables, gql, mineBlocks, poll, waitForBlock, type Dump, type TestChain, type TestIndexer } from "./harness.ts";
import { sendAndWait, terms } from "./scenarios.ts";

export interface ReorgContext {
  chain: () => TestChain;
  /** Indexers following the chain live; all must end up identical. */
  indexers: () => TestIndexer[];
}

const escrowRow = (url: string, id: bigint) =>
  gql(url, `{ escrow(id: "${CHAIN}:${id}") { createdTx client total milestoneCount } milestone(id: "${CHAIN}:2:0") { status fee } feeFlows(where: { escrowId: "2" }) { totalCount } }`);

export function registerReorgTest(ctx: ReorgContext): void {
  test("reorg: rows of blocks reverted on chain disappear, the new fork's rows appear, on every database", async () => {
    const chain = ctx.chain();
    const indexers = ctx.indexers();
    const [, alice, bob, carol] = chain.accounts as [Address, Address, Address, Address];
    const escrow = { to: chain.escrow, abi: chain.abis.milestoneEscrowAbi as Abi };
    const head = await chain.publicClient.getBlockNumber({ cacheTime: 0 });
    await Promise.all(indexers.map((ix) => waitForBlock(ix, head)));
    // The standard history left escrow 2 funded with milestone 0 submitted.
    const before = await Promise.all(indexers.map((ix) => dumpTables(ix.url)));
    const count = (await chain.publicClient.readContract({ address: chain.escrow, abi: escrow.abi, functionName: "escrowCount" })) as bigint;
    assert.equal(BigInt(before[0]!.escrow!.length), count);
    const next = count + 1n;
    const due = (await chainTime(chain)) + 30n * 86_400n;

    // Fork A: the client releases milestone 0 of escrow 2 (updates rows, adds a fee, an earning and
    // timeline rows), alice creates the next escrow. Both get indexed as unfinalized rows.
    const snapshot = await chain.testClient.snapshot();
    const a1 = await sendAndWait(chain, carol, { ...escrow, functionName: "approveMilestone", args: [2n, 0n] });
    const a2 = await sendAndWait(chain, alice, { ...escrow, functionName: "createEscrow", args: [bob, chain.token, terms([7_000_000n, due]), 3_600, 3_600] });
    assert.equal(a2.receipt.blockNumber, head + 2n);
    for (const ix of indexers) {
      await poll(`${ix.name} to index fork A`, async () => {
        const d = await escrowRow(ix.url, next);
        return d.escrow?.createdTx === a2.hash && d.milestone.status === "released" && d.feeFlows.totalCount === 1 ? true : undefined;
      });
    }

    // Back to the fork point; fork B: bob creates that escrow instead (other parties, native coin,
    // two milestones), and two more blocks make B the longer chain.
    await chain.testClient.revert({ id: snapshot });
    assert.equal(await chain.publicClient.getBlockNumber({ cacheTime: 0 }), head);
    const b1 = await sendAndWait(chain, bob, {
      ...escrow,
      functionName: "createEscrow",
      args: [carol, zeroAddress, terms([parseEther("2"), due], [parseEther("3"), due]), 3_600, 3_600],
    });
    await mineBlocks(chain, 2);
    const newHead = await chain.publicClient.getBlockNumber({ cacheTime: 0 });
    assert.equal(newHead, head + 3n);
    assert.notEqual((await chain.publicClient.getBlock({ blockNumber: head + 1n })).hash, a1.receipt.blockHash, "block hashes changed");

    const after: Dump[] = [];
    for (const ix of indexers) {
      await poll(`${ix.name} to follow the reorg`, async () => {
        const d = await escrowRow(ix.url, next);
        return d.escrow?.createdTx === b1.hash && d.milestone.status === "submitted" && d.feeFlows.totalCount === 0 ? true : undefined;
      });
      await waitForBlock(ix, newHead);
      after.push(await dumpTables(ix.url));
      assert.match(readFileSync(ix.logFile, "utf8"), /reorg/i, `${ix.name} logged no reorg`);
    }

    // Exactly the canonical history: everything as before the fork, plus fork B's escrow, its two
    // milestones and its creation in the timeline (carol's stats row exists already, unchanged);
    // nothing of fork A anywhere.
    for (const [i, ix] of indexers.entries()) {
      const dump = after[i]!;
      const text = JSON.stringify(dump);
      assert.ok(!text.includes(a1.hash) && !text.includes(a2.hash), `${ix.name}: a row still names a transaction of the abandoned fork`);
      const expected: Dump = structuredClone(before[i]!);
      const created = dump.escrow!.find((e) => e.id === `${CHAIN}:${next}`)!;
      assert.equal(created.createdTx, b1.hash);
      assert.equal(created.client, bob.toLowerCase());
      assert.equal(created.total, String(parseEther("5")));
      expected.escrow!.push(created);
      expected.milestone!.push(...dump.milestone!.filter((m) => m.escrowId === String(next)));
      assert.equal(dump.milestone!.filter((m) => m.escrowId === String(next)).length, 2);
      const timeline = dump.escrow_event!.filter((e) => e.escrowId === String(next));
      assert.deepEqual(timeline.map((e) => [e.kind, e.txHash]), [["EscrowCreated", b1.hash]]);
      expected.escrow_event!.push(...timeline);
      assertSameDump(dump, expected, `${ix.name} after the reorg`);
    }
    for (let i = 1; i < after.length; i++) assertSameDump(after[i]!, after[0]!, `${indexers[i]!.name} vs ${indexers[0]!.name} after the reorg`);
  });
}
