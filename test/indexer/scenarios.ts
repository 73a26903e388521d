/**
 * Histories the indexer tests put on chain, and the assertions on what the indexer must serve for
 * them. Every transaction is real (Hardhat node, unlocked accounts); what the chain did is taken
 * from receipts, never from the indexer.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { and, asc, createClient, eq } from "@ponder/client";
import {
  decodeEventLog,
  encodeFunctionData,
  keccak256,
  parseEther,
  toHex,
  zeroAddress,
  zeroHash,
  type Abi,
  type Address,
  type Hash,
  type Hex,
} from "viem";
import * as schema from "../../indexer/ponder.schema.ts";
import { CHAIN, expectJsonError, gql, mineBlocks, poll, type TestChain } from "./harness.ts";

const lower = (a: string) => a.toLowerCase();
const ceilFee = (amount: bigint, bps: bigint) => (amount * bps + 9_999n) / 10_000n;

export interface Call {
  to: Address;
  abi: Abi;
  functionName: string;
  args?: readonly unknown[];
  value?: bigint;
}

/** Sends one transaction from an unlocked account (automine on) and waits for its receipt. */
export async function sendAndWait(chain: TestChain, from: Address, call: Call) {
  const hash = (await chain.publicClient.request({
    method: "eth_sendTransaction" as never,
    params: [
      {
        from,
        to: call.to,
        data: encodeFunctionData({ abi: call.abi, functionName: call.functionName, args: call.args ?? [] } as never),
        ...(call.value ? { value: toHex(call.value) } : {}),
      },
    ] as never,
  })) as Hash;
  const receipt = await chain.publicClient.waitForTransactionReceipt({ hash, pollingInterval: 50 });
  assert.equal(receipt.status, "success", `${call.functionName} reverted`);
  return { hash, receipt };
}

// ───────────────────────────── the standard history ─────────────────────────────

/** What the chain did in the standard history, from the receipts. */
export interface StandardFacts {
  createTx: Record<string, Hash>;
  fundTx: Record<string, Hash>;
  submittedTx: Record<string, Hash>;
  releases: { escrowId: bigint; index: bigint; amount: bigint; fee: bigint; payout: bigint; tx: Hash }[];
  withdrawals: { account: Address; token: Address; amount: bigint; tx: Hash }[];
  completedTx?: Hash;
  cancelledTx?: Hash;
  blockTimestamps: Map<Hash, bigint>;
  blockNumbers: Map<Hash, bigint>;
  deliverableHash: Hex;
  /** The scenario's last transaction: once it is served, everything before it is. */
  lastTx: Hash;
}

/**
 * Three escrows between the standard accounts (#1 alice, #2 bob, #3 carol; #0 is admin and fee
 * recipient): an ERC-20 escrow completed and withdrawn, a native-coin escrow left funded with a
 * milestone submitted, an ERC-20 escrow cancelled by the freelancer before funding.
 */
export async function sendStandardHistory(chain: TestChain): Promise<StandardFacts> {
  const [feeRecipient, alice, bob, carol] = chain.accounts as [Address, Address, Address, Address];
  const escrow = { to: chain.escrow, abi: chain.abis.milestoneEscrowAbi as Abi };
  const token = { to: chain.token, abi: chain.abis.demoStablecoinAbi as Abi };
  const facts: StandardFacts = {
    createTx: {},
    fundTx: {},
    submittedTx: {},
    releases: [],
    withdrawals: [],
    blockTimestamps: new Map(),
    blockNumbers: new Map(),
    deliverableHash: keccak256(toHex("worx: milestone 0 deliverable")),
    lastTx: zeroHash,
  };
  const send = async (from: Address, call: Call): Promise<Hash> => {
    const { hash, receipt } = await sendAndWait(chain, from, call);
    const block = await chain.publicClient.getBlock({ blockNumber: receipt.blockNumber });
    facts.blockTimestamps.set(hash, block.timestamp);
    facts.blockNumbers.set(hash, receipt.blockNumber);
    for (const log of receipt.logs) {
      if (lower(log.address) !== lower(chain.escrow)) continue;
      const ev = decodeEventLog({ abi: chain.abis.milestoneEscrowAbi, data: log.data, topics: log.topics });
      if (ev.eventName === "MilestoneReleased") facts.releases.push({ ...ev.args, tx: hash });
      if (ev.eventName === "Withdrawn") facts.withdrawals.push({ ...ev.args, tx: hash });
    }
    facts.lastTx = hash;
    return hash;
  };

  // Escrow 1: ERC-20, alice pays bob, both milestones released, everyone withdraws.
  await send(alice, { ...token, functionName: "mint", args: [alice, 1_000_000_000n] });
  await send(alice, { ...token, functionName: "approve", args: [chain.escrow, 350_000_005n] });
  facts.createTx["1"] = await send(alice, { ...escrow, functionName: "createEscrow", args: [bob, chain.token, [100_000_000n, 250_000_005n]] });
  facts.fundTx["1"] = await send(alice, { ...escrow, functionName: "fundEscrow", args: [1n] });
  facts.submittedTx["1:0"] = await send(bob, { ...escrow, functionName: "submitMilestone", args: [1n, 0n, facts.deliverableHash] });
  await send(alice, { ...escrow, functionName: "approveMilestone", args: [1n, 0n] });
  facts.submittedTx["1:1"] = await send(bob, { ...escrow, functionName: "submitMilestone", args: [1n, 1n, zeroHash] });
  facts.completedTx = await send(alice, { ...escrow, functionName: "approveMilestone", args: [1n, 1n] });

  // Escrow 2: native coin, carol pays alice, left funded with milestone 0 submitted.
  facts.createTx["2"] = await send(carol, { ...escrow, functionName: "createEscrow", args: [alice, zeroAddress, [parseEther("1"), parseEther("2.5")]] });
  facts.fundTx["2"] = await send(carol, { ...escrow, functionName: "fundEscrow", args: [2n], value: parseEther("3.5") });
  facts.submittedTx["2:0"] = await send(alice, { ...escrow, functionName: "submitMilestone", args: [2n, 0n, zeroHash] });

  // Escrow 3: ERC-20, alice with carol, cancelled by the freelancer before funding.
  facts.createTx["3"] = await send(alice, { ...escrow, functionName: "createEscrow", args: [carol, chain.token, [5_000_000n]] });
  facts.cancelledTx = await send(carol, { ...escrow, functionName: "cancelEscrow", args: [3n] });

  // Withdrawals: the freelancer, then the fee recipient (last transaction of the history).
  await send(bob, { ...escrow, functionName: "withdraw", args: [chain.token] });
  await send(feeRecipient, { ...escrow, functionName: "withdraw", args: [chain.token] });
  return facts;
}

/** Waits until the indexer at `url` serves `tx` as a withdrawal (events are indexed in order). */
export async function waitForWithdrawal(url: string, tx: Hash, timeoutMs = 60_000): Promise<void> {
  await poll(
    `withdrawal ${tx} at ${url}`,
    async () => {
      const d = await gql<{ withdrawals: { items: unknown[] } }>(url, `query($tx: String!) { withdrawals(where: { txHash: $tx }) { items { txHash } } }`, { tx });
      return d.withdrawals.items.length === 1 ? true : undefined;
    },
    timeoutMs,
  );
}

/** The SPA's dashboard query: a party's escrows, newest first, with milestones in order. */
export const ESCROWS_BY_PARTY = /* GraphQL */ `
  query EscrowsByParty($where: escrowFilter) {
    escrows(where: $where, orderBy: "createdAt", orderDirection: "desc", limit: 50) {
      totalCount
      items {
        id chainId escrowId contract client freelancer token amounts total released feeBps status
        milestoneCount releasedCount createdAt createdBlock createdTx fundedAt fundedTx
        completedAt completedTx cancelledAt cancelledTx cancelledBy updatedAt
        milestones(orderBy: "index", orderDirection: "asc") {
          items { id chainId escrowId index amount status deliverable fee payout submittedAt submittedTx releasedAt releasedTx }
        }
      }
    }
  }
`;

export interface StandardContext {
  url: string;
  chain: TestChain;
  facts: StandardFacts;
}

/**
 * Registers, in the current `describe`, the tests every database must pass on the standard
 * history: GraphQL (lists, filters, relations, single rows), SQL over HTTP, REST, error shape.
 */
export function registerStandardRowTests(ctx: () => StandardContext): void {
  test("escrows by client and by freelancer, with nested milestones, match the chain exactly", async () => {
    const { url, chain, facts } = ctx();
    const [, alice, bob, carol] = chain.accounts as [Address, Address, Address, Address];
    const ts = (h: Hash | undefined) => String(facts.blockTimestamps.get(h!));

    const byClient = await gql(url, ESCROWS_BY_PARTY, { where: { client: alice, chainId: CHAIN } });
    assert.equal(byClient.escrows.totalCount, 2);
    // Newest first (escrow 3 was created after escrow 1).
    assert.deepEqual(byClient.escrows.items.map((e: any) => e.escrowId), ["3", "1"]);

    const [e3, e1] = byClient.escrows.items;
    const releases = facts.releases.filter((r) => r.escrowId === 1n).sort((a, b) => Number(a.index - b.index));
    assert.equal(releases.length, 2);
    const fees = [100_000_000n, 250_000_005n].map((a) => ceilFee(a, chain.feeBps));
    assert.deepEqual(fees, [10_000_000n, 25_000_001n], "the local deployment charges 10% (rounded up)");
    assert.deepEqual(
      releases.map((r) => [r.fee, r.payout]),
      fees.map((f, i) => [f, [100_000_000n, 250_000_005n][i]! - f]),
      "the chain's own split",
    );

    assert.deepEqual(
      { ...e1, milestones: undefined },
      {
        id: `${CHAIN}:1`,
        chainId: CHAIN,
        escrowId: "1",
        contract: lower(chain.escrow),
        client: lower(alice),
        freelancer: lower(bob),
        token: lower(chain.token),
        amounts: ["100000000", "250000005"],
        total: "350000005",
        released: "350000005",
        feeBps: Number(chain.feeBps),
        status: "completed",
        milestoneCount: 2,
        releasedCount: 2,
        createdAt: ts(facts.createTx["1"]),
        createdBlock: String(facts.blockNumbers.get(facts.createTx["1"]!)),
        createdTx: facts.createTx["1"],
        fundedAt: ts(facts.fundTx["1"]),
        fundedTx: facts.fundTx["1"],
        completedAt: ts(facts.completedTx),
        completedTx: facts.completedTx,
        cancelledAt: null,
        cancelledTx: null,
        cancelledBy: null,
        updatedAt: ts(facts.completedTx),
        milestones: undefined,
      },
    );
    assert.deepEqual(
      e1.milestones.items,
      releases.map((r, i) => ({
        id: `${CHAIN}:1:${i}`,
        chainId: CHAIN,
        escrowId: "1",
        index: i,
        amount: String(r.amount),
        status: "released",
        deliverable: i === 0 ? facts.deliverableHash : null,
        fee: String(r.fee),
        payout: String(r.payout),
        submittedAt: ts(facts.submittedTx[`1:${i}`]),
        submittedTx: facts.submittedTx[`1:${i}`],
        releasedAt: ts(r.tx),
        releasedTx: r.tx,
      })),
    );
    for (const m of e1.milestones.items) assert.equal(BigInt(m.fee) + BigInt(m.payout), BigInt(m.amount), "fee + payout == amount");
    assert.equal(e1.milestones.items.reduce((s: bigint, m: any) => s + BigInt(m.amount), 0n), BigInt(e1.released));

    assert.equal(e3.status, "cancelled");
    assert.equal(e3.cancelledBy, lower(carol));
    assert.equal(e3.cancelledTx, facts.cancelledTx);
    assert.equal(e3.cancelledAt, ts(facts.cancelledTx));
    assert.equal(e3.fundedTx, null);
    assert.equal(e3.released, "0");
    assert.deepEqual(e3.milestones.items.map((m: any) => [m.index, m.amount, m.status, m.fee]), [[0, "5000000", "pending", null]]);

    const byFreelancer = await gql(url, ESCROWS_BY_PARTY, { where: { freelancer: alice } });
    assert.equal(byFreelancer.escrows.totalCount, 1);
    const [e2] = byFreelancer.escrows.items;
    assert.equal(e2.id, `${CHAIN}:2`);
    assert.equal(e2.client, lower(carol));
    assert.equal(e2.token, zeroAddress);
    assert.equal(e2.status, "funded");
    assert.equal(e2.total, String(parseEther("3.5")));
    assert.equal(e2.released, "0");
    assert.equal(e2.releasedCount, 0);
    assert.equal(e2.fundedTx, facts.fundTx["2"]);
    assert.equal(e2.updatedAt, ts(facts.submittedTx["2:0"]));
    assert.deepEqual(
      e2.milestones.items.map((m: any) => [m.index, m.amount, m.status, m.deliverable, m.submittedTx, m.fee, m.payout]),
      [
        [0, String(parseEther("1")), "submitted", null, facts.submittedTx["2:0"], null, null],
        [1, String(parseEther("2.5")), "pending", null, null, null, null],
      ],
    );

    // "My escrows": either side of the deal, one query.
    const mine = await gql(url, ESCROWS_BY_PARTY, { where: { OR: [{ client: alice }, { freelancer: alice }] } });
    assert.deepEqual(
      mine.escrows.items.map((e: any) => [e.id, e.status, e.milestones.items.length]),
      [
        [`${CHAIN}:3`, "cancelled", 1],
        [`${CHAIN}:2`, "funded", 2],
        [`${CHAIN}:1`, "completed", 2],
      ],
    );

    // A milestone points back at its escrow; the single-row query works by primary key.
    const one = await gql(url, `query($id: String!) { milestone(id: $id) { status escrow { id status } } escrow(id: "${CHAIN}:9") { id } }`, {
      id: `${CHAIN}:1:1`,
    });
    assert.deepEqual(one, { milestone: { status: "released", escrow: { id: `${CHAIN}:1`, status: "completed" } }, escrow: null });
  });

  test("fee flows, withdrawals and contract settings over GraphQL", async () => {
    const { url, chain, facts } = ctx();
    const [feeRecipient, , bob] = chain.accounts as [Address, Address, Address];
    const data = await gql(url, `{
      feeFlows(orderBy: "milestoneIndex") { totalCount items { id chainId escrowId milestoneIndex token amount recipient txHash } }
      withdrawals(orderBy: "blockNumber") { items { chainId account token amount txHash } }
      escrowContracts { items { id chainId address feeRecipient platformFeeBps paused } }
      adminActions(orderBy: "id", limit: 1000) { items { contract action actor txHash } }
    }`);
    const releases = facts.releases.filter((r) => r.escrowId === 1n).sort((a, b) => Number(a.index - b.index));
    assert.deepEqual(
      data.feeFlows.items,
      releases.map((r) => ({
        id: `${CHAIN}:1:${r.index}`,
        chainId: CHAIN,
        escrowId: "1",
        milestoneIndex: Number(r.index),
        token: lower(chain.token),
        amount: String(r.fee),
        recipient: lower(feeRecipient),
        txHash: r.tx,
      })),
    );
    assert.equal(data.feeFlows.totalCount, 2);

    const bobPayouts = releases.reduce((s, r) => s + r.payout, 0n);
    const fees = releases.reduce((s, r) => s + r.fee, 0n);
    assert.equal(bobPayouts + fees, 350_000_005n);
    assert.deepEqual(facts.withdrawals.map((w) => w.amount), [bobPayouts, fees], "the chain paid out every credit");
    assert.deepEqual(data.withdrawals.items, [
      { chainId: CHAIN, account: lower(bob), token: lower(chain.token), amount: String(bobPayouts), txHash: facts.withdrawals[0]!.tx },
      { chainId: CHAIN, account: lower(feeRecipient), token: lower(chain.token), amount: String(fees), txHash: facts.withdrawals[1]!.tx },
    ]);

    // The escrow's settings row and audit log agree with the chain: current settings read from
    // the contract, and one audit entry per administrative event it ever emitted.
    const read = (functionName: string) => chain.publicClient.readContract({ address: chain.escrow, abi: chain.abis.milestoneEscrowAbi as Abi, functionName });
    const [chainRecipient, chainFeeBps, chainPaused] = await Promise.all([read("feeRecipient"), read("platformFeeBps"), read("paused")]);
    assert.equal(lower(chainRecipient as string), lower(feeRecipient), "the local deployment credits fees to account #0");
    assert.deepEqual(
      data.escrowContracts.items.filter((c: any) => c.address === lower(chain.escrow)),
      [
        {
          id: `${CHAIN}:${lower(chain.escrow)}`,
          chainId: CHAIN,
          address: lower(chain.escrow),
          feeRecipient: lower(chainRecipient as string),
          platformFeeBps: Number(chainFeeBps),
          paused: chainPaused,
        },
      ],
    );
    const ADMIN_EVENTS = new Set(["PlatformFeeUpdated", "FeeRecipientUpdated", "Paused", "Unpaused", "RoleGranted", "RoleRevoked", "RoleAdminChanged"]);
    const logs = await chain.publicClient.getLogs({ address: chain.escrow, fromBlock: 0n, toBlock: "latest" });
    const adminLogs = logs
      .map((log) => ({ log, ev: decodeEventLog({ abi: chain.abis.milestoneEscrowAbi, data: log.data, topics: log.topics }) }))
      .filter(({ ev }) => ADMIN_EVENTS.has(ev.eventName));
    assert.ok(adminLogs.some(({ ev }) => ev.eventName === "FeeRecipientUpdated"), "the constructor sets the fee recipient");
    assert.deepEqual(
      data.adminActions.items
        .filter((a: any) => a.contract === lower(chain.escrow))
        .map((a: any) => [a.txHash, a.action])
        .sort(),
      adminLogs.map(({ log, ev }) => [log.transactionHash, ev.eventName]).sort(),
    );
  });

  test("SQL over HTTP (@ponder/client) serves the same rows", async () => {
    const { url, chain } = ctx();
    const client = createClient(`${url}/sql`, { schema });
    const rows = await client.db
      .select({ id: schema.escrow.id, status: schema.escrow.status, released: schema.escrow.released, total: schema.escrow.total })
      .from(schema.escrow)
      .where(eq(schema.escrow.chainId, CHAIN))
      .orderBy(asc(schema.escrow.escrowId));
    assert.deepEqual(rows, [
      { id: `${CHAIN}:1`, status: "completed", released: 350_000_005n, total: 350_000_005n },
      { id: `${CHAIN}:2`, status: "funded", released: 0n, total: parseEther("3.5") },
      { id: `${CHAIN}:3`, status: "cancelled", released: 0n, total: 5_000_000n },
    ]);

    const milestones = await client.db
      .select()
      .from(schema.milestone)
      .where(and(eq(schema.milestone.chainId, CHAIN), eq(schema.milestone.escrowId, 1n)))
      .orderBy(asc(schema.milestone.index));
    assert.deepEqual(
      milestones.map((m) => [m.index, m.status, m.amount, m.fee, m.payout, m.fee! + m.payout!]),
      [
        [0, "released", 100_000_000n, 10_000_000n, 90_000_000n, 100_000_000n],
        [1, "released", 250_000_005n, 25_000_001n, 225_000_004n, 250_000_005n],
      ],
    );

    const fees = await client.db.select().from(schema.feeFlow).orderBy(asc(schema.feeFlow.milestoneIndex));
    assert.deepEqual(fees.map((f) => [f.chainId, f.escrowId, f.milestoneIndex, f.amount, f.recipient]), [
      [CHAIN, 1n, 0, 10_000_000n, lower(chain.accounts[0]!)],
      [CHAIN, 1n, 1, 25_000_001n, lower(chain.accounts[0]!)],
    ]);

    // Relational query (what a client gets from `db.query`): escrow → milestones.
    const nested = await client.db.query.escrow.findFirst({
      where: (e, { eq }) => eq(e.id, `${CHAIN}:2`),
      with: { milestones: { orderBy: (m, { asc }) => [asc(m.index)] } },
    });
    assert.deepEqual(nested?.milestones.map((m) => m.status), ["submitted", "pending"]);
  });

  test("REST: GET /escrows/:chainId/:escrowId", async () => {
    const { url } = ctx();
    const res = await fetch(`${url}/escrows/${CHAIN}/1`);
    assert.equal(res.status, 200);
    const body = (await res.json()) as any;
    assert.equal(body.id, `${CHAIN}:1`);
    assert.equal(body.status, "completed");
    assert.equal(body.released, "350000005");
    assert.deepEqual(body.milestones.map((m: any) => [m.index, m.fee, m.payout]), [
      [0, "10000000", "90000000"],
      [1, "25000001", "225000004"],
    ]);
    await expectJsonError(await fetch(`${url}/escrows/${CHAIN}/999`), 404, /No escrow 999/);
    await expectJsonError(await fetch(`${url}/escrows/${CHAIN}/one`), 400, /Invalid escrow id/);
    await expectJsonError(await fetch(`${url}/escrows/ethereum/1`), 400, /Invalid chain id/);
  });
}

// ───────────────────────────── a dense history ─────────────────────────────

export interface DenseHistory {
  escrows: number;
  /** Events of the escrow contract, from the receipts. */
  events: number;
  transactions: number;
  firstBlock: bigint;
  lastBlock: bigint;
  /** The last transaction (a withdrawal): once it is served, the whole history is. */
  lastTx: Hash;
}

/**
 * Many escrows through their whole lifecycle, packed into blocks with automine off: each escrow is
 * created in one block, funded in the next, both milestones submitted in the third and approved
 * in the fourth (pipelined, so every block mixes all four steps across escrows). Every 4th escrow
 * is in the native coin, every 9th is cancelled instead of funded, every 7th stops after its first
 * submission; at the end every freelancer and the fee recipient (#0) withdraw. Every fee row
 * depends on contract state a handler reads back (the fee recipient, written at deployment).
 * Clients and freelancers are accounts #5–#14, never the standard history's.
 */
export async function sendDenseHistory(chain: TestChain, options: { escrows: number; perBlock: number }): Promise<DenseHistory> {
  const { publicClient, testClient } = chain;
  const abi = chain.abis.milestoneEscrowAbi as Abi;
  const tokenAbi = chain.abis.demoStablecoinAbi as Abi;
  const feeRecipient = chain.accounts[0]!;
  const clients = chain.accounts.slice(5, 10);
  const freelancers = chain.accounts.slice(10, 15);
  const nonces = new Map<Address, number>();
  for (const a of [feeRecipient, ...clients, ...freelancers]) nonces.set(a, await publicClient.getTransactionCount({ address: a, blockTag: "pending" }));

  let transactions = 0;
  let events = 0;
  let firstBlock: bigint | undefined;
  let lastBlock = 0n;
  let lastTx: Hash = zeroHash;

  /** Sends `calls` into the pending block, mines it, checks every receipt; returns the logs. */
  const mineBlock = async (calls: (Call & { from: Address })[]) => {
    const hashes: Hash[] = [];
    for (const call of calls) {
      const nonce = nonces.get(call.from)!;
      nonces.set(call.from, nonce + 1);
      hashes.push(
        (await publicClient.request({
          method: "eth_sendTransaction" as never,
          params: [
            {
              from: call.from,
              to: call.to,
              data: encodeFunctionData({ abi: call.abi, functionName: call.functionName, args: call.args ?? [] } as never),
              gas: toHex(600_000),
              nonce: toHex(nonce),
              ...(call.value ? { value: toHex(call.value) } : {}),
            },
          ] as never,
        })) as Hash,
      );
    }
    await mineBlocks(chain, 1);
    const receipts = await Promise.all(hashes.map((hash) => publicClient.getTransactionReceipt({ hash })));
    const decoded = [];
    for (const [i, receipt] of receipts.entries()) {
      assert.equal(receipt.status, "success", `dense history: ${calls[i]!.functionName} reverted in block ${receipt.blockNumber}`);
      firstBlock ??= receipt.blockNumber;
      lastBlock = receipt.blockNumber;
      lastTx = receipt.transactionHash;
      for (const log of receipt.logs) {
        if (lower(log.address) !== lower(chain.escrow)) continue;
        events++;
        decoded.push(decodeEventLog({ abi: chain.abis.milestoneEscrowAbi, data: log.data, topics: log.topics }));
      }
    }
    transactions += calls.length;
    return decoded;
  };

  await testClient.setAutomine(false);
  try {
    // Every client holds tokens and allows the escrow to pull them.
    await mineBlock(
      clients.flatMap((c) => [
        { from: c, to: chain.token, abi: tokenAbi, functionName: "mint", args: [c, 10n ** 15n] },
        { from: c, to: chain.token, abi: tokenAbi, functionName: "approve", args: [chain.escrow, 10n ** 15n] },
      ]),
    );

    interface Planned {
      n: number;
      client: Address;
      freelancer: Address;
      native: boolean;
      amounts: [bigint, bigint];
      id?: bigint;
    }
    const planned: Planned[] = Array.from({ length: options.escrows }, (_, n) => {
      const native = n % 4 === 3;
      const unit = native ? 10n ** 12n : 1n;
      return {
        n,
        client: clients[n % clients.length]!,
        freelancer: freelancers[(n * 3 + 1) % freelancers.length]!,
        native,
        amounts: [(1_000_000n + BigInt(n) * 7n) * unit, (2_500_003n + BigInt(n) * 11n) * unit],
      };
    });
    const batches: Planned[][] = [];
    for (let i = 0; i < planned.length; i += options.perBlock) batches.push(planned.slice(i, i + options.perBlock));

    const escrowCall = (from: Address, functionName: string, args: readonly unknown[], value?: bigint) => ({ from, to: chain.escrow, abi, functionName, args, value });
    for (let step = 0; step < batches.length + 3; step++) {
      const calls: (Call & { from: Address })[] = [];
      // Step k: create batch k, fund batch k-1, submit batch k-2, approve batch k-3.
      for (const e of batches[step] ?? []) {
        calls.push(escrowCall(e.client, "createEscrow", [e.freelancer, e.native ? zeroAddress : chain.token, e.amounts]));
      }
      for (const e of batches[step - 1] ?? []) {
        if (e.n % 9 === 8) calls.push(escrowCall(e.client, "cancelEscrow", [e.id!]));
        else calls.push(escrowCall(e.client, "fundEscrow", [e.id!], e.native ? e.amounts[0] + e.amounts[1] : undefined));
      }
      for (const e of batches[step - 2] ?? []) {
        if (e.n % 9 === 8) continue;
        calls.push(escrowCall(e.freelancer, "submitMilestone", [e.id!, 0n, keccak256(toHex(`dense ${e.n}`))]));
        if (e.n % 7 !== 6) calls.push(escrowCall(e.freelancer, "submitMilestone", [e.id!, 1n, zeroHash]));
      }
      for (const e of batches[step - 3] ?? []) {
        if (e.n % 9 === 8 || e.n % 7 === 6) continue;
        calls.push(escrowCall(e.client, "approveMilestone", [e.id!, 0n]));
        calls.push(escrowCall(e.client, "approveMilestone", [e.id!, 1n]));
      }
      const logs = await mineBlock(calls);
      for (const ev of logs) {
        if (ev.eventName !== "EscrowCreated") continue;
        const args = ev.args as { escrowId: bigint; client: Address; amounts: readonly bigint[] };
        const e = (batches[step] ?? []).find((p) => lower(p.client) === lower(args.client) && p.amounts[0] === args.amounts[0]);
        assert.ok(e, `unplanned escrow ${args.escrowId}`);
        e.id = args.escrowId;
      }
    }
    // Everyone with credits pulls them: freelancers in both currencies, the fee recipient.
    const withdrawals: (Call & { from: Address })[] = [];
    for (const account of [...freelancers, feeRecipient]) {
      for (const token of [chain.token, zeroAddress]) {
        const credit = (await publicClient.readContract({ address: chain.escrow, abi, functionName: "credits", args: [token, account] })) as bigint;
        if (credit > 0n) withdrawals.push(escrowCall(account, "withdraw", [token]));
      }
    }
    assert.ok(withdrawals.length >= freelancers.length, "every freelancer earned something");
    await mineBlock(withdrawals);
  } finally {
    await testClient.setAutomine(true);
  }
  return { escrows: options.escrows, events, transactions, firstBlock: firstBlock!, lastBlock, lastTx };
}
