/**
 * The multisig indexer against a real Hardhat node and a real `ponder start` (PGlite): real
 * transactions through WorxMultisig — proposals, on-chain and EIP-712 signature approvals,
 * queueing, time travel past the timelock, a fee change executed, an operation cancelled, an
 * owner removed (Critical, 3 approvals) voiding open approvals, a guardian pause, coin received —
 * and every multisig table, the audit log and the escrow's settings must match what the chain
 * did, row for row. The contract's own views (approvalCount, cancelApprovalCount, hasApproved)
 * are the reference for what still counts after the owner removal.
 *
 * Run: npx tsx --test test/indexer/multisig.test.ts
 */
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { asc, createClient, eq } from "@ponder/client";
import {
  createWalletClient,
  decodeEventLog,
  encodeFunctionData,
  http,
  isAddress,
  parseEther,
  toFunctionSelector,
  type Address,
  type Hash,
  type Hex,
  type TransactionReceipt,
} from "viem";
import { hardhat } from "viem/chains";
import * as schema from "../../indexer/ponder.schema.ts";
import { localAccount } from "../../scripts/dev/accounts.ts";
import { connectMultisig, type MultisigOperation, type MultisigOps } from "../../scripts/dev/multisigOps.ts";
import { stopAll } from "../../scripts/dev/processes.ts";
import { CHAIN, gql, poll, startTestChain, startTestIndexer, type TestChain } from "./harness.ts";

const NODE_PORT = 8548;
const INDEXER_PORT = 42072;
const DAY = 24 * 60 * 60;

const lower = (a: string) => a.toLowerCase();
const [o0, o1, o2, o3, o4] = [0, 1, 2, 3, 4].map(localAccount); // the owners; #0 is also the guardian
const relayer = localAccount(6); // not an owner: relays signatures, queues, executes
const newRecipient = localAccount(7).address;

let workDir: string;
let chain: TestChain;
let ms: MultisigOps;
let multisig: Address;
let indexerUrl: string;

/** What the chain did, from receipts and block headers. */
const timestamps = new Map<Hash, bigint>();
const ops: Record<"fee" | "recipient" | "pending" | "queued" | "removal", MultisigOperation> = {} as never;
const tx: Record<string, Hash> = {};

async function mark(name: string, receipt: Promise<TransactionReceipt>): Promise<Hash> {
  const r = await receipt;
  const block = await chain.publicClient.getBlock({ blockNumber: r.blockNumber });
  timestamps.set(r.transactionHash, block.timestamp);
  tx[name] = r.transactionHash;
  return r.transactionHash;
}
const ts = (name: string) => String(timestamps.get(tx[name]!));
/** Rows by id, in JavaScript's order (the database's text collation may differ). */
const byId = <T extends { id: string }>(rows: T[]): T[] => [...rows].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));

describe("multisig indexer (Hardhat node + ponder start)", { timeout: 300_000 }, () => {
  before(async () => {
    workDir = mkdtempSync(join(tmpdir(), "worx-multisig-indexer-"));
    chain = await startTestChain(NODE_PORT);
    const { evmContract } = await import("../../generated/deployments.ts");
    multisig = evmContract(CHAIN, "WorxMultisig");
    ms = connectMultisig({ transport: http(chain.rpcUrl), address: multisig, abi: chain.abis.worxMultisigAbi });
    const indexer = await startTestIndexer({ name: "PGlite", kind: "pglite", port: INDEXER_PORT, rpcUrl: chain.rpcUrl, workDir });
    indexerUrl = indexer.url;
    await runScenario();
  });

  after(async () => {
    await stopAll();
    if (process.env.WORX_KEEP_TEST_DATA !== "1") rmSync(workDir, { recursive: true, force: true });
  });

  const escrowCall = (functionName: string, args: unknown[], nonce: bigint): MultisigOperation => ({
    target: chain.escrow,
    value: 0n,
    data: encodeFunctionData({ abi: chain.abis.milestoneEscrowAbi, functionName, args } as never),
    nonce,
  });

  async function runScenario() {
    ops.fee = escrowCall("setPlatformFee", [750], 1n); // Routine
    ops.recipient = escrowCall("setFeeRecipient", [newRecipient], 2n); // Critical
    ops.pending = escrowCall("setPlatformFee", [600], 3n); // Routine, left pending
    ops.queued = escrowCall("setPlatformFee", [500], 4n); // Routine, left queued
    ops.removal = {
      target: multisig,
      value: 0n,
      data: encodeFunctionData({ abi: chain.abis.worxMultisigAbi, functionName: "removeOwner", args: [o4.address] }),
      nonce: 5n,
    }; // Critical (the multisig itself)

    // 1. A fee change: two owners sign, a non-owner relays and queues, 24 h pass, it executes.
    await mark("feeProposed", ms.approveWithSignatures(ops.fee, [o3, o1], relayer));
    await mark("feeQueued", ms.queue(ops.fee, relayer));
    await ms.waitOutTimelock(ops.fee);
    await mark("feeExecuted", ms.execute(ops.fee, relayer));

    // 2. A fee-recipient change proposed and approved on chain, then cancelled by three owners
    //    (Critical threshold): one on chain, two by signatures.
    await mark("recipientProposed", ms.propose(ops.recipient, o0));
    await mark("recipientApproved", ms.approve(ms.id(ops.recipient), o2));
    await mark("recipientCancel1", ms.approveCancel(ms.id(ops.recipient), o1));
    await mark("recipientCancelled", ms.approveCancelWithSignatures(ms.id(ops.recipient), [o4, o3], relayer));

    // 3. Open decisions the owner removal will void: a pending op with one approval and one cancel
    //    approval, a queued op with one cancel approval (o4's, the owner about to leave).
    await mark("pendingProposed", ms.approveWithSignatures(ops.pending, [o1], relayer));
    await mark("pendingCancel", ms.approveCancel(ms.id(ops.pending), o2));
    await mark("queuedProposed", ms.approveWithSignatures(ops.queued, [o0, o2], relayer));
    await mark("queuedQueued", ms.queue(ops.queued, relayer));
    await mark("queuedCancel", ms.approveCancel(ms.id(ops.queued), o4));

    // 4. Remove owner #4: Critical, three signatures, 48 h.
    await mark("removalProposed", ms.approveWithSignatures(ops.removal, [o0, o1, o2], relayer));
    await mark("removalQueued", ms.queue(ops.removal, relayer));
    await ms.waitOutTimelock(ops.removal);
    await mark("removalExecuted", ms.execute(ops.removal, relayer));

    // 5. After the removal: owner #1 resubmits its signature, owner #3 approves on chain.
    await mark("pendingReapproved", ms.approveWithSignatures(ops.pending, [o1], relayer));
    await mark("pendingApproved3", ms.approve(ms.id(ops.pending), o3));

    // 6. Coin sent to the multisig; the guardian pauses the escrow.
    const wallet = createWalletClient({ chain: hardhat, transport: http(chain.rpcUrl), account: relayer });
    await mark("received", ms.publicClient.waitForTransactionReceipt({ hash: await wallet.sendTransaction({ to: multisig, value: parseEther("1.5") }) }));
    await mark("paused", ms.guardianPause(chain.escrow, o0));

    // Events are indexed in order: once the pause is in the audit log, everything before it is.
    await poll(
      "the guardian pause in the audit log",
      async () => {
        const d = await gql(indexerUrl, `query($tx: String!) { adminActions(where: { txHash: $tx }) { totalCount } }`, { tx: tx.paused });
        return d.adminActions.totalCount === 2 ? true : undefined; // GuardianPaused + the escrow's Paused
      },
      90_000,
    );
  }

  const OP_FIELDS = `id chainId multisig operationId target value data nonce opClass proposer state approvals cancelApprovals
    eta proposedAt proposedTx queuedAt queuedTx executedAt executedTx cancelledAt cancelledTx updatedAt`;

  test("multisig_operation: every operation, its state and what still counts, exactly", async () => {
    const d = await gql(indexerUrl, `{ multisigOperations(orderBy: "nonce", limit: 100) { totalCount items { ${OP_FIELDS} } } }`);
    const eta = async (op: MultisigOperation) => String(await ms.eta(op));
    const row = (op: MultisigOperation, fields: Record<string, unknown>) => ({
      id: `${CHAIN}:${ms.id(op)}`,
      chainId: CHAIN,
      multisig: lower(multisig),
      operationId: ms.id(op),
      target: lower(op.target),
      value: String(op.value),
      data: op.data,
      nonce: String(op.nonce),
      eta: null,
      queuedAt: null,
      queuedTx: null,
      executedAt: null,
      executedTx: null,
      cancelledAt: null,
      cancelledTx: null,
      ...fields,
    });
    assert.equal(d.multisigOperations.totalCount, 5);
    assert.deepEqual(d.multisigOperations.items, [
      row(ops.fee, {
        opClass: "routine",
        proposer: lower(relayer.address),
        state: "executed",
        approvals: 2,
        cancelApprovals: 0,
        eta: await eta(ops.fee),
        proposedAt: ts("feeProposed"),
        proposedTx: tx.feeProposed,
        queuedAt: ts("feeQueued"),
        queuedTx: tx.feeQueued,
        executedAt: ts("feeExecuted"),
        executedTx: tx.feeExecuted,
        updatedAt: ts("feeExecuted"),
      }),
      row(ops.recipient, {
        opClass: "critical",
        proposer: lower(o0.address),
        state: "cancelled",
        approvals: 2,
        cancelApprovals: 3,
        proposedAt: ts("recipientProposed"),
        proposedTx: tx.recipientProposed,
        cancelledAt: ts("recipientCancelled"),
        cancelledTx: tx.recipientCancelled,
        updatedAt: ts("recipientCancelled"),
      }),
      row(ops.pending, {
        opClass: "routine",
        proposer: lower(relayer.address),
        state: "pending",
        approvals: 2, // voided by the removal, then owner #1 again and owner #3
        cancelApprovals: 0, // owner #2's cancel approval was voided
        proposedAt: ts("pendingProposed"),
        proposedTx: tx.pendingProposed,
        updatedAt: ts("pendingApproved3"),
      }),
      row(ops.queued, {
        opClass: "routine",
        proposer: lower(relayer.address),
        state: "queued",
        approvals: 2, // the number it was queued with
        cancelApprovals: 0, // owner #4's cancel approval was voided
        eta: await eta(ops.queued),
        proposedAt: ts("queuedProposed"),
        proposedTx: tx.queuedProposed,
        queuedAt: ts("queuedQueued"),
        queuedTx: tx.queuedQueued,
        updatedAt: ts("removalExecuted"),
      }),
      row(ops.removal, {
        opClass: "critical",
        proposer: lower(relayer.address),
        state: "executed",
        approvals: 3,
        cancelApprovals: 0,
        eta: await eta(ops.removal),
        proposedAt: ts("removalProposed"),
        proposedTx: tx.removalProposed,
        queuedAt: ts("removalQueued"),
        queuedTx: tx.removalQueued,
        executedAt: ts("removalExecuted"),
        executedTx: tx.removalExecuted,
        updatedAt: ts("removalExecuted"),
      }),
    ]);
    assert.equal(BigInt(d.multisigOperations.items[0].eta), BigInt(ts("feeQueued")) + BigInt(DAY), "Routine: 24 h");
    assert.equal(BigInt(d.multisigOperations.items[4].eta), BigInt(ts("removalQueued")) + BigInt(2 * DAY), "Critical: 48 h");

    // The contract's own count of what still counts agrees for every open operation.
    const read = (functionName: "approvalCount" | "cancelApprovalCount", op: MultisigOperation) =>
      ms.publicClient.readContract({ address: multisig, abi: chain.abis.worxMultisigAbi, functionName, args: [ms.id(op)] });
    assert.equal(await read("approvalCount", ops.pending), 2n);
    assert.equal(await read("cancelApprovalCount", ops.pending), 0n);
    assert.equal(await read("cancelApprovalCount", ops.queued), 0n);
    // Reality check of the scenario: the fee change ran, the recipient change did not.
    const escrowRead = (functionName: string) =>
      chain.publicClient.readContract({ address: chain.escrow, abi: chain.abis.milestoneEscrowAbi, functionName } as never);
    assert.equal(await escrowRead("platformFeeBps"), 750);
    // The cancelled change would have replaced the DAO's FeeSplitter, the deployment's recipient.
    const { evmContract } = await import("../../generated/deployments.ts");
    assert.equal(lower((await escrowRead("feeRecipient")) as string), lower(evmContract(CHAIN, "FeeSplitter")));
  });

  test("multisig_approval: every approval, voided where the owner removal voided it, revived when given again", async () => {
    const d = await gql(indexerUrl, `{ multisigApprovals(orderBy: "id", limit: 100) { totalCount items { id chainId multisig operationId owner kind voided timestamp tx } } }`);
    const row = (op: MultisigOperation, kind: "approve" | "cancel", owner: Address, at: string, voided = false) => ({
      id: `${CHAIN}:${ms.id(op)}:${kind}:${lower(owner)}`,
      chainId: CHAIN,
      multisig: lower(multisig),
      operationId: ms.id(op),
      owner: lower(owner),
      kind,
      voided,
      timestamp: ts(at),
      tx: tx[at],
    });
    const expected = [
      row(ops.fee, "approve", o1.address, "feeProposed"),
      row(ops.fee, "approve", o3.address, "feeProposed"),
      row(ops.recipient, "approve", o0.address, "recipientProposed"),
      row(ops.recipient, "approve", o2.address, "recipientApproved"),
      row(ops.recipient, "cancel", o1.address, "recipientCancel1"),
      row(ops.recipient, "cancel", o3.address, "recipientCancelled"),
      row(ops.recipient, "cancel", o4.address, "recipientCancelled"),
      row(ops.pending, "approve", o1.address, "pendingReapproved"), // voided, then given again
      row(ops.pending, "cancel", o2.address, "pendingCancel", true),
      row(ops.pending, "approve", o3.address, "pendingApproved3"),
      row(ops.queued, "approve", o0.address, "queuedProposed"),
      row(ops.queued, "approve", o2.address, "queuedProposed"),
      row(ops.queued, "cancel", o4.address, "queuedCancel", true),
      row(ops.removal, "approve", o0.address, "removalProposed"),
      row(ops.removal, "approve", o1.address, "removalProposed"),
      row(ops.removal, "approve", o2.address, "removalProposed"),
    ];
    assert.equal(d.multisigApprovals.totalCount, expected.length);
    assert.deepEqual(byId(d.multisigApprovals.items), byId(expected));

    // For open decisions, "not voided" is exactly what the contract still counts.
    for (const [op, kind] of [
      [ops.pending, "approve"],
      [ops.pending, "cancel"],
      [ops.queued, "cancel"],
    ] as const) {
      for (const owner of [o0, o1, o2, o3, o4]) {
        const counts = await ms.publicClient.readContract({
          address: multisig,
          abi: chain.abis.worxMultisigAbi,
          functionName: kind === "approve" ? "hasApproved" : "hasApprovedCancel",
          args: [ms.id(op), owner.address],
        });
        const live = expected.some((r) => r.operationId === ms.id(op) && r.kind === kind && r.owner === lower(owner.address) && !r.voided);
        assert.equal(live, counts, `${kind} of nonce ${op.nonce} by ${owner.address}`);
      }
    }
  });

  test("operation ↔ approvals relations over GraphQL, and the SPA's queue filters", async () => {
    const d = await gql(
      indexerUrl,
      `query($id: String!, $approval: String!, $multisig: String!) {
        multisigOperation(id: $id) { state approvalsList(orderBy: "timestamp") { items { owner kind voided } } }
        multisigApproval(id: $approval) { kind operation { nonce state } }
        pending: multisigOperations(where: { chainId: "${CHAIN}", multisig: $multisig, state: "pending" }) { totalCount items { nonce } }
        queued: multisigOperations(where: { chainId: "${CHAIN}", multisig: $multisig, state: "queued" }) { totalCount items { nonce } }
      }`,
      {
        id: `${CHAIN}:${ms.id(ops.pending)}`,
        approval: `${CHAIN}:${ms.id(ops.recipient)}:cancel:${lower(o4.address)}`,
        multisig: lower(multisig),
      },
    );
    assert.deepEqual(d.multisigOperation, {
      state: "pending",
      approvalsList: {
        items: [
          { owner: lower(o2.address), kind: "cancel", voided: true },
          { owner: lower(o1.address), kind: "approve", voided: false },
          { owner: lower(o3.address), kind: "approve", voided: false },
        ],
      },
    });
    assert.deepEqual(d.multisigApproval, { kind: "cancel", operation: { nonce: "2", state: "cancelled" } });
    assert.deepEqual([d.pending, d.queued], [
      { totalCount: 1, items: [{ nonce: "3" }] },
      { totalCount: 1, items: [{ nonce: "4" }] },
    ]);

    // The same rows through SQL over HTTP.
    const client = createClient(`${indexerUrl}/sql`, { schema });
    const open = await client.db
      .select({ nonce: schema.multisigOperation.nonce, state: schema.multisigOperation.state, approvals: schema.multisigOperation.approvals })
      .from(schema.multisigOperation)
      .where(eq(schema.multisigOperation.multisig, lower(multisig) as Hex))
      .orderBy(asc(schema.multisigOperation.nonce));
    assert.deepEqual(open.map((r) => [r.nonce, r.state, r.approvals]), [
      [1n, "executed", 2],
      [2n, "cancelled", 2],
      [3n, "pending", 2],
      [4n, "queued", 2],
      [5n, "executed", 3],
    ]);
  });

  test("owners, policy, classes and pausable targets, as the constructor and the removal set them", async () => {
    // Every owner was added by the constructor.
    const logs = await chain.publicClient.getContractEvents({ address: multisig, abi: chain.abis.worxMultisigAbi, eventName: "OwnerAdded", fromBlock: 0n });
    assert.equal(new Set(logs.map((l) => l.transactionHash)).size, 1);
    const addedAt = String((await chain.publicClient.getBlock({ blockNumber: logs[0]!.blockNumber })).timestamp);
    const d = await gql(indexerUrl, `{
      multisigOwners(orderBy: "id") { items { id chainId multisig owner active addedAt removedAt } }
      multisigConfigs { items { id chainId multisig ownerCount routineThreshold criticalThreshold routineDelay criticalDelay guardian ownersEpoch } }
      multisigClasss(orderBy: "id") { items { id chainId multisig target selector opClass } }
      multisigPausableTargets { items { id chainId multisig target pausable } }
    }`);
    assert.deepEqual(
      byId(d.multisigOwners.items),
      byId([o0, o1, o2, o3, o4]
        .map((o) => ({
          id: `${CHAIN}:${lower(multisig)}:${lower(o.address)}`,
          chainId: CHAIN,
          multisig: lower(multisig),
          owner: lower(o.address),
          active: o !== o4,
          addedAt,
          removedAt: o === o4 ? ts("removalExecuted") : null,
        }))),
    );
    assert.deepEqual(d.multisigConfigs.items, [
      {
        id: `${CHAIN}:${lower(multisig)}`,
        chainId: CHAIN,
        multisig: lower(multisig),
        ownerCount: 4,
        routineThreshold: 2,
        criticalThreshold: 3,
        routineDelay: String(DAY),
        criticalDelay: String(2 * DAY),
        guardian: lower(o0.address),
        ownersEpoch: 1,
      },
    ]);
    assert.deepEqual(
      byId(d.multisigClasss.items),
      byId(["setPlatformFee(uint16)", "unpause()"]
        .map((signature) => {
          const selector = toFunctionSelector(signature);
          return {
            id: `${CHAIN}:${lower(multisig)}:${lower(chain.escrow)}:${selector}`,
            chainId: CHAIN,
            multisig: lower(multisig),
            target: lower(chain.escrow),
            selector,
            opClass: "routine",
          };
        })),
    );
    assert.deepEqual(d.multisigPausableTargets.items, [
      { id: `${CHAIN}:${lower(multisig)}:${lower(chain.escrow)}`, chainId: CHAIN, multisig: lower(multisig), target: lower(chain.escrow), pausable: true },
    ]);
  });

  test("admin_action: every multisig event, with its actor and arguments, and the escrow's pause", async () => {
    const d = await gql(indexerUrl, `{ adminActions(orderBy: "id", limit: 1000) { items { id chainId contract action actor details timestamp blockNumber txHash } } }`);
    const logs = await chain.publicClient.getLogs({ address: multisig, fromBlock: 0n, toBlock: "latest" });
    const CONFIG = new Set(["OwnerAdded", "OwnerRemoved", "ThresholdChanged", "DelayChanged", "ClassConfigured", "PausableTargetConfigured", "GuardianChanged"]);
    const expected = [];
    for (const log of logs) {
      const ev = decodeEventLog({ abi: chain.abis.worxMultisigAbi, data: log.data, topics: log.topics });
      const args = ev.args as Record<string, unknown>;
      const from = (await chain.publicClient.getTransaction({ hash: log.transactionHash! })).from;
      const actor = CONFIG.has(ev.eventName)
        ? multisig
        : ((args.proposer ?? args.owner ?? args.guardian ?? args.from ?? from) as Address);
      const block = await chain.publicClient.getBlock({ blockNumber: log.blockNumber! });
      expected.push({
        id: `${CHAIN}:${log.transactionHash}:${log.logIndex}`,
        chainId: CHAIN,
        contract: lower(multisig),
        action: ev.eventName,
        actor: lower(actor),
        // Ponder decodes addresses lowercase; bigints are stored as decimal strings.
        details: Object.fromEntries(
          Object.entries(args).map(([k, v]) => [k, typeof v === "bigint" ? v.toString() : typeof v === "string" && isAddress(v) ? lower(v) : v]),
        ),
        timestamp: String(block.timestamp),
        blockNumber: String(log.blockNumber),
        txHash: log.transactionHash,
      });
    }
    const mine = d.adminActions.items.filter((a: any) => a.contract === lower(multisig));
    assert.deepEqual(byId(mine), byId(expected));
    // 13 from the constructor, then the scenario's.
    const counts = (list: { action: string }[]) => list.reduce<Record<string, number>>((c, a) => ({ ...c, [a.action]: (c[a.action] ?? 0) + 1 }), {});
    assert.deepEqual(counts(mine), {
      OwnerAdded: 5,
      ThresholdChanged: 2,
      DelayChanged: 2,
      GuardianChanged: 1,
      ClassConfigured: 2,
      PausableTargetConfigured: 1,
      OperationProposed: 5,
      Approved: 12,
      Queued: 3,
      Executed: 2,
      CancelApproved: 5,
      Cancelled: 1,
      OwnerRemoved: 1,
      Received: 1,
      GuardianPaused: 1,
    });
    const removed = mine.find((a: any) => a.action === "OwnerRemoved");
    assert.deepEqual(removed?.details, { owner: lower(o4.address), ownersEpoch: "1" });

    // The escrow's side of the guardian pause: Paused by the multisig, and the settings row.
    const escrowRows = d.adminActions.items.filter((a: any) => a.txHash === tx.paused && a.contract === lower(chain.escrow));
    assert.deepEqual(escrowRows.map((a: any) => [a.action, a.actor]), [["Paused", lower(multisig)]]);
    const settings = await gql(indexerUrl, `{ escrowContracts { items { address platformFeeBps paused } } }`);
    assert.deepEqual(settings.escrowContracts.items, [{ address: lower(chain.escrow), platformFeeBps: 750, paused: true }]);
  });
});
