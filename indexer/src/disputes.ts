/**
 * Disputes and settlements: a party disputes a milestone (one `dispute` row per milestone: the
 * contract allows one dispute per milestone, since a disputed milestone only leaves Disputed for a
 * final status); the arbiter rules a split, or the parties settle on one by a signed offer. A
 * settlement of an undisputed milestone creates no dispute row: it shows in `milestone`
 * (settledBy "settlement") and in the timeline.
 */
import { ponder } from "ponder:registry";
import { dispute, escrow, milestone } from "ponder:schema";
import { caip2 } from "./audit.ts";
import { escrowKey, milestoneKey, recordTimeline, shared } from "./common.ts";
import { settleMilestone } from "./escrow.ts";
import { bumpStats } from "./workHistory.ts";

/** A ruling that gives the freelancer less than half counts as a lost dispute (IMilestoneEscrow.FreelancerStats). */
const HALF_BPS = 5_000;

ponder.on("MilestoneEscrow:DisputeOpened", shared("MilestoneEscrow:DisputeOpened", async ({ event, context }) => {
  const chainId = caip2(context);
  const { escrowId, index, openedBy, reason } = event.args;
  const at = event.block.timestamp;
  const key = milestoneKey(chainId, escrowId, index);
  const m = await context.db.update(milestone, { id: key }).set({ status: "disputed" });
  const row = await context.db
    .update(escrow, { id: escrowKey(chainId, escrowId) })
    .set((e) => ({ openDisputes: e.openDisputes + 1, updatedAt: at }));
  await context.db.insert(dispute).values({
    id: key,
    chainId,
    escrowId,
    index: Number(index),
    client: row.client,
    freelancer: row.freelancer,
    token: row.token,
    amount: m.amount,
    openedBy,
    reason,
    openedAt: at,
    openedTx: event.transaction.hash,
    status: "open",
  });
  await bumpStats(context, row.freelancer, at, { disputesOpened: 1 });
  await recordTimeline(context, event, "DisputeOpened", { escrowId, index, actor: openedBy, amount: m.amount });
}));

ponder.on("MilestoneEscrow:DisputeRuled", shared("MilestoneEscrow:DisputeRuled", async ({ event, context }) => {
  const chainId = caip2(context);
  const { escrowId, index, arbiter, freelancerBps, fee, payout, refund } = event.args;
  const at = event.block.timestamp;
  const row = await settleMilestone(context, event, { escrowId, index, status: "resolved", by: "ruling", fee, payout, refund });
  await context.db.update(dispute, { id: milestoneKey(chainId, escrowId, index) }).set({
    status: "ruled",
    arbiter,
    freelancerBps,
    fee,
    payout,
    refund,
    resolvedAt: at,
    resolvedTx: event.transaction.hash,
  });
  if (freelancerBps < HALF_BPS) await bumpStats(context, row.freelancer, at, { disputesLost: 1 });
  await recordTimeline(context, event, "DisputeRuled", { escrowId, index, actor: arbiter, amount: fee + payout + refund });
}));

ponder.on("MilestoneEscrow:MilestoneSettled", shared("MilestoneEscrow:MilestoneSettled", async ({ event, context }) => {
  const chainId = caip2(context);
  const { escrowId, index, freelancerBps, fee, payout, refund } = event.args;
  const at = event.block.timestamp;
  const key = milestoneKey(chainId, escrowId, index);
  const open = await context.db.find(dispute, { id: key });
  await settleMilestone(context, event, { escrowId, index, status: "resolved", by: "settlement", fee, payout, refund });
  if (open) {
    await context.db.update(dispute, { id: key }).set({
      status: "settled",
      freelancerBps,
      fee,
      payout,
      refund,
      resolvedAt: at,
      resolvedTx: event.transaction.hash,
    });
  }
  // The caller accepted the other party's signed offer: the caller is the one who acted.
  await recordTimeline(context, event, "MilestoneSettled", { escrowId, index, amount: fee + payout + refund });
}));
