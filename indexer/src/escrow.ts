/**
 * MilestoneEscrow event handlers: every event of the contract lands in the escrow tables.
 * Rows carry the chain's CAIP-2 id (`eip155:<context.chain.id>`); ids are built from it so rows
 * of different chains never collide.
 */
import { ponder } from "ponder:registry";
import { escrow, escrowContract, feeFlow, milestone, withdrawal } from "ponder:schema";
import { zeroHash, type Address } from "viem";
import { caip2, recordAudit, type AnyContext, type AuditedEvent } from "./audit.ts";

const escrowKey = (chainId: string, escrowId: bigint) => `${chainId}:${escrowId}`;
const milestoneKey = (chainId: string, escrowId: bigint, index: bigint | number) => `${chainId}:${escrowId}:${index}`;
const contractKey = (chainId: string, address: Address) => `${chainId}:${address.toLowerCase()}`;

ponder.on("MilestoneEscrow:EscrowCreated", async ({ event, context }) => {
  const chainId = caip2(context);
  const { escrowId, client, freelancer, token, amounts, total, feeBps } = event.args;
  const at = event.block.timestamp;
  await context.db.insert(escrow).values({
    id: escrowKey(chainId, escrowId),
    chainId,
    escrowId,
    contract: event.log.address,
    client,
    freelancer,
    token,
    amounts: [...amounts],
    total,
    released: 0n,
    feeBps,
    status: "created",
    milestoneCount: amounts.length,
    releasedCount: 0,
    createdAt: at,
    createdBlock: event.block.number,
    createdTx: event.transaction.hash,
    updatedAt: at,
  });
  await context.db.insert(milestone).values(
    amounts.map((amount, index) => ({
      id: milestoneKey(chainId, escrowId, index),
      chainId,
      escrowId,
      index,
      amount,
      status: "pending" as const,
    })),
  );
});

ponder.on("MilestoneEscrow:EscrowFunded", async ({ event, context }) => {
  const chainId = caip2(context);
  await context.db.update(escrow, { id: escrowKey(chainId, event.args.escrowId) }).set({
    status: "funded",
    fundedAt: event.block.timestamp,
    fundedBlock: event.block.number,
    fundedTx: event.transaction.hash,
    updatedAt: event.block.timestamp,
  });
});

ponder.on("MilestoneEscrow:MilestoneSubmitted", async ({ event, context }) => {
  const chainId = caip2(context);
  const { escrowId, index, deliverable } = event.args;
  await context.db.update(milestone, { id: milestoneKey(chainId, escrowId, index) }).set({
    status: "submitted",
    deliverable: deliverable === zeroHash ? null : deliverable,
    submittedAt: event.block.timestamp,
    submittedTx: event.transaction.hash,
  });
  await context.db.update(escrow, { id: escrowKey(chainId, escrowId) }).set({ updatedAt: event.block.timestamp });
});

ponder.on("MilestoneEscrow:MilestoneReleased", async ({ event, context }) => {
  const chainId = caip2(context);
  const { escrowId, index, amount, fee, payout } = event.args;
  await context.db.update(milestone, { id: milestoneKey(chainId, escrowId, index) }).set({
    status: "released",
    fee,
    payout,
    releasedAt: event.block.timestamp,
    releasedBlock: event.block.number,
    releasedTx: event.transaction.hash,
  });
  const row = await context.db.update(escrow, { id: escrowKey(chainId, escrowId) }).set((e) => ({
    released: e.released + amount,
    releasedCount: e.releasedCount + 1,
    updatedAt: event.block.timestamp,
  }));
  if (fee === 0n) return; // nothing was credited to the fee recipient
  const settings = await context.db.find(escrowContract, { id: contractKey(chainId, event.log.address) });
  if (!settings?.feeRecipient) {
    throw new Error(`No fee recipient known for ${event.log.address} on ${chainId}: was its deployment block indexed?`);
  }
  await context.db.insert(feeFlow).values({
    id: milestoneKey(chainId, escrowId, index),
    chainId,
    escrowId,
    milestoneIndex: Number(index),
    token: row.token,
    amount: fee,
    recipient: settings.feeRecipient,
    timestamp: event.block.timestamp,
    blockNumber: event.block.number,
    txHash: event.transaction.hash,
  });
});

ponder.on("MilestoneEscrow:EscrowCompleted", async ({ event, context }) => {
  const chainId = caip2(context);
  await context.db.update(escrow, { id: escrowKey(chainId, event.args.escrowId) }).set({
    status: "completed",
    completedAt: event.block.timestamp,
    completedBlock: event.block.number,
    completedTx: event.transaction.hash,
    updatedAt: event.block.timestamp,
  });
});

ponder.on("MilestoneEscrow:EscrowCancelled", async ({ event, context }) => {
  const chainId = caip2(context);
  await context.db.update(escrow, { id: escrowKey(chainId, event.args.escrowId) }).set({
    status: "cancelled",
    cancelledAt: event.block.timestamp,
    cancelledBlock: event.block.number,
    cancelledTx: event.transaction.hash,
    cancelledBy: event.args.by,
    updatedAt: event.block.timestamp,
  });
});

ponder.on("MilestoneEscrow:Withdrawn", async ({ event, context }) => {
  const chainId = caip2(context);
  await context.db.insert(withdrawal).values({
    id: `${chainId}:${event.transaction.hash}:${event.log.logIndex}`,
    chainId,
    account: event.args.account,
    token: event.args.token,
    amount: event.args.amount,
    timestamp: event.block.timestamp,
    blockNumber: event.block.number,
    txHash: event.transaction.hash,
  });
});

// ───────────────────────────── administration ─────────────────────────────

/** Appends to the audit log and applies `settings` to the contract's row. */
async function recordAdmin(
  action: string,
  event: AuditedEvent,
  context: AnyContext,
  actor: Address,
  settings: { feeRecipient?: Address; platformFeeBps?: number; paused?: boolean } = {},
): Promise<void> {
  const chainId = caip2(context);
  await recordAudit(context, event, action, actor);
  await context.db
    .insert(escrowContract)
    .values({
      id: contractKey(chainId, event.log.address),
      chainId,
      address: event.log.address,
      paused: false,
      updatedBlock: event.block.number,
      ...settings,
    })
    .onConflictDoUpdate({ ...settings, updatedBlock: event.block.number });
}

ponder.on("MilestoneEscrow:PlatformFeeUpdated", async ({ event, context }) => {
  await recordAdmin("PlatformFeeUpdated", event, context, event.transaction.from, { platformFeeBps: event.args.newBps });
});

ponder.on("MilestoneEscrow:FeeRecipientUpdated", async ({ event, context }) => {
  await recordAdmin("FeeRecipientUpdated", event, context, event.transaction.from, { feeRecipient: event.args.newRecipient });
});

ponder.on("MilestoneEscrow:Paused", async ({ event, context }) => {
  await recordAdmin("Paused", event, context, event.args.account, { paused: true });
});

ponder.on("MilestoneEscrow:Unpaused", async ({ event, context }) => {
  await recordAdmin("Unpaused", event, context, event.args.account, { paused: false });
});

ponder.on("MilestoneEscrow:RoleGranted", async ({ event, context }) => {
  await recordAdmin("RoleGranted", event, context, event.args.sender);
});

ponder.on("MilestoneEscrow:RoleRevoked", async ({ event, context }) => {
  await recordAdmin("RoleRevoked", event, context, event.args.sender);
});

ponder.on("MilestoneEscrow:RoleAdminChanged", async ({ event, context }) => {
  await recordAdmin("RoleAdminChanged", event, context, event.transaction.from);
});
