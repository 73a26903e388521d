/**
 * MilestoneEscrow lifecycle handlers: jobs created, funded, cancelled; milestones submitted,
 * released (approved or claimed) and reclaimed; escrows completed or closed; withdrawals. Disputes
 * and settlements are in disputes.ts, ratings and the work-history counters in workHistory.ts,
 * administration in escrowAdmin.ts. Rows carry the chain's CAIP-2 id (`eip155:<context.chain.id>`);
 * ids are built from it so rows of different chains never collide.
 */
import { ponder } from "ponder:registry";
import { escrow, escrowContract, feeFlow, milestone, milestoneClaim, milestoneRefund, withdrawal } from "ponder:schema";
import type { MilestoneStatus, SettledBy } from "ponder:schema";
import { zeroHash } from "viem";
import { caip2, type AnyContext, type AuditedEvent } from "./audit.ts";
import { contractKey, escrowKey, logKey, milestoneKey, recordTimeline, shared } from "./common.ts";
import { updateLeaderboard } from "./leaderboard.ts";
import { addEarning, bumpStats } from "./workHistory.ts";

type EscrowRow = typeof escrow.$inferSelect;

export interface Settlement {
  escrowId: bigint;
  index: bigint;
  status: Extract<MilestoneStatus, "released" | "refunded" | "resolved">;
  by: SettledBy;
  fee: bigint;
  payout: bigint;
  refund: bigint;
}

/**
 * A milestone reached a final status (release, claim, reclaim, ruling or settlement): the one
 * place that writes its split, status, time and transaction; adds the split to the escrow's
 * totals (`released` = fee + payout, `refunded` = refund; an open dispute on it is closed); credits
 * the fee flow (non-zero fees) and the freelancer's earnings (non-zero payouts). Returns the
 * escrow row after the update. The escrow's own final status comes with its own event
 * (EscrowCompleted / EscrowClosed), right after in the same transaction.
 */
export async function settleMilestone(context: AnyContext, event: AuditedEvent, s: Settlement): Promise<EscrowRow> {
  const chainId = caip2(context);
  const at = event.block.timestamp;
  const key = milestoneKey(chainId, s.escrowId, s.index);
  const before = await context.db.find(milestone, { id: key });
  if (!before) throw new Error(`Milestone ${key} settled but never created: was its escrow's creation indexed?`);
  // Read before the update: the row found may be the store's cached object, which the update changes.
  const wasDisputed = before.status === "disputed";
  await context.db.update(milestone, { id: key }).set({
    status: s.status,
    claimed: s.by === "claim",
    fee: s.fee,
    payout: s.payout,
    refund: s.refund,
    settledAt: at,
    settledBlock: event.block.number,
    settledTx: event.transaction.hash,
    settledBy: s.by,
  });
  const row = await context.db.update(escrow, { id: escrowKey(chainId, s.escrowId) }).set((e) => ({
    released: e.released + s.fee + s.payout,
    refunded: e.refunded + s.refund,
    settledCount: e.settledCount + 1,
    openDisputes: e.openDisputes - (wasDisputed ? 1 : 0),
    reclaimed: e.reclaimed || s.by === "reclaim",
    updatedAt: at,
  }));
  await addEarning(context, row.freelancer, row.token, s.payout, at);
  if (s.fee !== 0n) {
    const settings = await context.db.find(escrowContract, { id: contractKey(chainId, event.log.address) });
    if (!settings?.feeRecipient) {
      throw new Error(`No fee recipient known for ${event.log.address} on ${chainId}: was its deployment block indexed?`);
    }
    await context.db.insert(feeFlow).values({
      id: key,
      chainId,
      escrowId: s.escrowId,
      milestoneIndex: Number(s.index),
      token: row.token,
      amount: s.fee,
      recipient: settings.feeRecipient,
      timestamp: at,
      blockNumber: event.block.number,
      txHash: event.transaction.hash,
    });
  }
  return row;
}

/** Sets an escrow's fields (and `updatedAt`) and returns the row. */
const updateEscrow = (context: AnyContext, chainId: string, escrowId: bigint, at: bigint, fields: Partial<EscrowRow>) =>
  context.db.update(escrow, { id: escrowKey(chainId, escrowId) }).set({ ...fields, updatedAt: at });

ponder.on("MilestoneEscrow:EscrowCreated", shared("MilestoneEscrow:EscrowCreated", async ({ event, context }) => {
  const chainId = caip2(context);
  const { escrowId, client, freelancer, token, milestones, total, feeBps, reviewPeriod, gracePeriod } = event.args;
  const at = event.block.timestamp;
  await context.db.insert(escrow).values({
    id: escrowKey(chainId, escrowId),
    chainId,
    escrowId,
    contract: event.log.address,
    client,
    freelancer,
    token,
    amounts: milestones.map((m) => m.amount),
    dueDates: milestones.map((m) => BigInt(m.dueDate)),
    total,
    released: 0n,
    refunded: 0n,
    feeBps,
    // FeeDiscountApplied follows in the same transaction when there was a discount.
    baseFeeBps: feeBps,
    feeDiscountBps: 0,
    reviewPeriod,
    gracePeriod,
    status: "created",
    milestoneCount: milestones.length,
    settledCount: 0,
    openDisputes: 0,
    reclaimed: false,
    createdAt: at,
    createdBlock: event.block.number,
    createdTx: event.transaction.hash,
    updatedAt: at,
  });
  await context.db.insert(milestone).values(
    milestones.map((m, index) => ({
      id: milestoneKey(chainId, escrowId, index),
      chainId,
      escrowId,
      index,
      amount: m.amount,
      dueDate: BigInt(m.dueDate),
      status: "pending" as const,
      claimed: false,
    })),
  );
  await bumpStats(context, freelancer, at, {});
  await recordTimeline(context, event, "EscrowCreated", { escrowId, actor: client, amount: total });
}));

ponder.on("MilestoneEscrow:FeeDiscountApplied", shared("MilestoneEscrow:FeeDiscountApplied", async ({ event, context }) => {
  const { escrowId, baseFeeBps, discountBps } = event.args;
  await updateEscrow(context, caip2(context), escrowId, event.block.timestamp, { baseFeeBps, feeDiscountBps: discountBps });
  await recordTimeline(context, event, "FeeDiscountApplied", { escrowId });
}));

ponder.on("MilestoneEscrow:EscrowFunded", shared("MilestoneEscrow:EscrowFunded", async ({ event, context }) => {
  const { escrowId, client, amount } = event.args;
  await updateEscrow(context, caip2(context), escrowId, event.block.timestamp, {
    status: "funded",
    fundedAt: event.block.timestamp,
    fundedBlock: event.block.number,
    fundedTx: event.transaction.hash,
  });
  await recordTimeline(context, event, "EscrowFunded", { escrowId, actor: client, amount });
}));

ponder.on("MilestoneEscrow:MilestoneSubmitted", shared("MilestoneEscrow:MilestoneSubmitted", async ({ event, context }) => {
  const chainId = caip2(context);
  const { escrowId, index, deliverable, onTime } = event.args;
  const at = event.block.timestamp;
  const submitted = await context.db.update(milestone, { id: milestoneKey(chainId, escrowId, index) }).set({
    status: "submitted",
    deliverable: deliverable === zeroHash ? null : deliverable,
    submittedAt: at,
    submittedTx: event.transaction.hash,
    onTime,
  });
  const row = await updateEscrow(context, chainId, escrowId, at, {});
  await bumpStats(context, row.freelancer, at, onTime ? { milestonesDelivered: 1, milestonesOnTime: 1 } : { milestonesDelivered: 1 });
  await updateLeaderboard(context, row.freelancer, at, { deliveryDelta: at - submitted.dueDate });
  await recordTimeline(context, event, "MilestoneSubmitted", { escrowId, index, actor: row.freelancer });
}));

ponder.on("MilestoneEscrow:MilestoneReleased", shared("MilestoneEscrow:MilestoneReleased", async ({ event, context }) => {
  const chainId = caip2(context);
  const { escrowId, index, freelancer, amount, fee, payout, claimed } = event.args;
  const row = await settleMilestone(context, event, { escrowId, index, status: "released", by: claimed ? "claim" : "approval", fee, payout, refund: 0n });
  if (claimed) {
    await context.db.insert(milestoneClaim).values({
      id: milestoneKey(chainId, escrowId, index),
      chainId,
      escrowId,
      index: Number(index),
      freelancer,
      token: row.token,
      amount,
      fee,
      payout,
      claimedAt: event.block.timestamp,
      txHash: event.transaction.hash,
    });
  }
  await recordTimeline(context, event, "MilestoneReleased", { escrowId, index, actor: claimed ? freelancer : row.client, amount });
}));

ponder.on("MilestoneEscrow:MilestoneRefunded", shared("MilestoneEscrow:MilestoneRefunded", async ({ event, context }) => {
  const chainId = caip2(context);
  const { escrowId, index, client, amount } = event.args;
  const at = event.block.timestamp;
  const row = await settleMilestone(context, event, { escrowId, index, status: "refunded", by: "reclaim", fee: 0n, payout: 0n, refund: amount });
  await context.db.insert(milestoneRefund).values({
    id: milestoneKey(chainId, escrowId, index),
    chainId,
    escrowId,
    index: Number(index),
    client,
    token: row.token,
    amount,
    refundedAt: at,
    txHash: event.transaction.hash,
  });
  await bumpStats(context, row.freelancer, at, { milestonesReclaimed: 1 });
  await recordTimeline(context, event, "MilestoneRefunded", { escrowId, index, actor: client, amount });
}));

ponder.on("MilestoneEscrow:EscrowCompleted", shared("MilestoneEscrow:EscrowCompleted", async ({ event, context }) => {
  const { escrowId } = event.args;
  const at = event.block.timestamp;
  const row = await updateEscrow(context, caip2(context), escrowId, at, {
    status: "completed",
    completedAt: at,
    completedBlock: event.block.number,
    completedTx: event.transaction.hash,
  });
  await bumpStats(context, row.freelancer, at, { completedJobs: 1 });
  await recordTimeline(context, event, "EscrowCompleted", { escrowId });
}));

ponder.on("MilestoneEscrow:EscrowClosed", shared("MilestoneEscrow:EscrowClosed", async ({ event, context }) => {
  const { escrowId } = event.args;
  const at = event.block.timestamp;
  const row = await updateEscrow(context, caip2(context), escrowId, at, {
    status: "closed",
    closedAt: at,
    closedBlock: event.block.number,
    closedTx: event.transaction.hash,
  });
  await bumpStats(context, row.freelancer, at, { closedJobs: 1 });
  await recordTimeline(context, event, "EscrowClosed", { escrowId });
}));

ponder.on("MilestoneEscrow:EscrowCancelled", shared("MilestoneEscrow:EscrowCancelled", async ({ event, context }) => {
  const { escrowId, by } = event.args;
  await updateEscrow(context, caip2(context), escrowId, event.block.timestamp, {
    status: "cancelled",
    cancelledAt: event.block.timestamp,
    cancelledBlock: event.block.number,
    cancelledTx: event.transaction.hash,
    cancelledBy: by,
  });
  await recordTimeline(context, event, "EscrowCancelled", { escrowId, actor: by });
}));

ponder.on("MilestoneEscrow:Withdrawn", shared("MilestoneEscrow:Withdrawn", async ({ event, context }) => {
  const chainId = caip2(context);
  await context.db.insert(withdrawal).values({
    id: logKey(chainId, event),
    chainId,
    account: event.args.account,
    token: event.args.token,
    amount: event.args.amount,
    timestamp: event.block.timestamp,
    blockNumber: event.block.number,
    txHash: event.transaction.hash,
  });
}));
