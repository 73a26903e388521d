/**
 * WorxMultisig event handlers: operations and their approvals, owners, policy, classes and
 * pausable targets, mirroring the contract's own bookkeeping; and every event in the audit log.
 *
 * Approvals: the contract keeps approval bitmasks per operation that count only while the owners
 * epoch they were recorded in is current; every owner removal advances the epoch. Here that is:
 * on OwnerRemoved, pending operations of that multisig drop to 0 approvals and 0 cancel
 * approvals, queued ones to 0 cancel approvals, and the rows of those approvals get `voided`. An
 * operation's `approvals` then counts exactly the Approved events since (the contract emits one
 * per owner newly counted), and `Queued` fixes it to the number it was queued with.
 */
import { and, eq, inArray } from "ponder";
import { ponder } from "ponder:registry";
import { multisigApproval, multisigClass, multisigConfig, multisigOperation, multisigOwner, multisigPausableTarget } from "ponder:schema";
import type { ApprovalKind, OperationClass } from "ponder:schema";
import { zeroAddress, type Address, type Hex } from "viem";
import { caip2, recordAudit, type AnyContext, type AuditedEvent } from "./audit.ts";
import { shared } from "./common.ts";

/** IWorxMultisig.OperationClass by its Solidity value (Critical = 0). */
const CLASSES: readonly OperationClass[] = ["critical", "routine"];
const classOf = (value: number): OperationClass => {
  const opClass = CLASSES[value];
  if (!opClass) throw new Error(`Unknown multisig operation class ${value}`);
  return opClass;
};

/** EVM addresses lowercase; Stacks principals (c32 text, ./stacks/) as they are. */
const lower = (a: string) => (a.startsWith("0x") ? a.toLowerCase() : a) as Hex;
const operationKey = (chainId: string, operationId: Hex) => `${chainId}:${lower(operationId)}`;
const multisigKey = (chainId: string, multisig: Address) => `${chainId}:${lower(multisig)}`;
const approvalKey = (chainId: string, operationId: Hex, kind: ApprovalKind, owner: Address) =>
  `${operationKey(chainId, operationId)}:${kind}:${lower(owner)}`;

type Config = typeof multisigConfig.$inferSelect;

/** Creates the multisig's config row on its first event (the constructor's), then applies `change`. */
async function updateConfig(context: AnyContext, multisig: Address, change: (row: Config) => Partial<Config>) {
  const chainId = caip2(context);
  const initial: Config = {
    id: multisigKey(chainId, multisig),
    chainId,
    multisig: lower(multisig),
    ownerCount: 0,
    routineThreshold: 0,
    criticalThreshold: 0,
    routineDelay: 0n,
    criticalDelay: 0n,
    guardian: null,
    ownersEpoch: 0,
  };
  await context.db
    .insert(multisigConfig)
    .values({ ...initial, ...change(initial) })
    .onConflictDoUpdate((row) => change(row));
}

/** Records an owner's approval (or cancel approval) and counts it on the operation. */
async function recordApproval(
  context: AnyContext,
  event: AuditedEvent & { args: { operationId: Hex; owner: Address } },
  kind: ApprovalKind,
) {
  const chainId = caip2(context);
  const { operationId, owner } = event.args;
  const row = { voided: false, timestamp: event.block.timestamp, tx: event.transaction.hash };
  // The same owner approving again is only ever reported after a removal voided the first one.
  await context.db
    .insert(multisigApproval)
    .values({ id: approvalKey(chainId, operationId, kind, owner), chainId, multisig: event.log.address, operationId, owner, kind, ...row })
    .onConflictDoUpdate(row);
  await context.db
    .update(multisigOperation, { id: operationKey(chainId, operationId) })
    .set((op) =>
      kind === "approve"
        ? { approvals: op.approvals + 1, updatedAt: event.block.timestamp }
        : { cancelApprovals: op.cancelApprovals + 1, updatedAt: event.block.timestamp },
    );
  await recordAudit(context, event, kind === "approve" ? "Approved" : "CancelApproved", owner);
}

// ───────────────────────────── operations ─────────────────────────────

ponder.on("WorxMultisig:OperationProposed", shared("WorxMultisig:OperationProposed", async ({ event, context }) => {
  const chainId = caip2(context);
  const { operationId, proposer, target, value, data, nonce, opClass } = event.args;
  await context.db.insert(multisigOperation).values({
    id: operationKey(chainId, operationId),
    chainId,
    multisig: event.log.address,
    operationId,
    target,
    value,
    data,
    nonce,
    opClass: classOf(opClass),
    proposer,
    state: "pending",
    // The proposal's approvals follow as Approved events of the same transaction.
    approvals: 0,
    cancelApprovals: 0,
    proposedAt: event.block.timestamp,
    proposedTx: event.transaction.hash,
    updatedAt: event.block.timestamp,
  });
  await recordAudit(context, event, "OperationProposed", proposer);
}));

ponder.on("WorxMultisig:Approved", shared("WorxMultisig:Approved", async ({ event, context }) => {
  await recordApproval(context, event, "approve");
}));

ponder.on("WorxMultisig:CancelApproved", shared("WorxMultisig:CancelApproved", async ({ event, context }) => {
  await recordApproval(context, event, "cancel");
}));

ponder.on("WorxMultisig:Queued", shared("WorxMultisig:Queued", async ({ event, context }) => {
  const { operationId, opClass, approvals, eta } = event.args;
  await context.db.update(multisigOperation, { id: operationKey(caip2(context), operationId) }).set({
    state: "queued",
    opClass: classOf(opClass),
    approvals: Number(approvals),
    eta,
    queuedAt: event.block.timestamp,
    queuedTx: event.transaction.hash,
    updatedAt: event.block.timestamp,
  });
  await recordAudit(context, event, "Queued", event.transaction.from);
}));

ponder.on("WorxMultisig:Executed", shared("WorxMultisig:Executed", async ({ event, context }) => {
  await context.db.update(multisigOperation, { id: operationKey(caip2(context), event.args.operationId) }).set({
    state: "executed",
    executedAt: event.block.timestamp,
    executedTx: event.transaction.hash,
    updatedAt: event.block.timestamp,
  });
  await recordAudit(context, event, "Executed", event.transaction.from);
}));

ponder.on("WorxMultisig:Cancelled", shared("WorxMultisig:Cancelled", async ({ event, context }) => {
  await context.db.update(multisigOperation, { id: operationKey(caip2(context), event.args.operationId) }).set({
    state: "cancelled",
    cancelledAt: event.block.timestamp,
    cancelledTx: event.transaction.hash,
    updatedAt: event.block.timestamp,
  });
  await recordAudit(context, event, "Cancelled", event.transaction.from);
}));

ponder.on("WorxMultisig:GuardianPaused", shared("WorxMultisig:GuardianPaused", async ({ event, context }) => {
  // The paused contract's own Paused event updates its row (e.g. escrow_contract.paused).
  await recordAudit(context, event, "GuardianPaused", event.args.guardian);
}));

ponder.on("WorxMultisig:Received", shared("WorxMultisig:Received", async ({ event, context }) => {
  await recordAudit(context, event, "Received", event.args.from);
}));

// ───────────────────────────── owners and policy ─────────────────────────────
// These only happen in the constructor or in an executed Critical operation on the multisig itself:
// the multisig is the actor.

ponder.on("WorxMultisig:OwnerAdded", shared("WorxMultisig:OwnerAdded", async ({ event, context }) => {
  const chainId = caip2(context);
  const multisig = event.log.address;
  const { owner } = event.args;
  const row = { active: true, addedAt: event.block.timestamp, removedAt: null };
  await context.db
    .insert(multisigOwner)
    .values({ id: `${multisigKey(chainId, multisig)}:${lower(owner)}`, chainId, multisig, owner, ...row })
    .onConflictDoUpdate(row);
  await updateConfig(context, multisig, (c) => ({ ownerCount: c.ownerCount + 1 }));
  await recordAudit(context, event, "OwnerAdded", multisig);
}));

ponder.on("WorxMultisig:OwnerRemoved", shared("WorxMultisig:OwnerRemoved", async ({ event, context }) => {
  const chainId = caip2(context);
  const multisig = lower(event.log.address);
  const { owner, ownersEpoch } = event.args;
  await context.db
    .update(multisigOwner, { id: `${multisigKey(chainId, multisig)}:${lower(owner)}` })
    .set({ active: false, removedAt: event.block.timestamp });
  await updateConfig(context, multisig, (c) => ({ ownerCount: c.ownerCount - 1, ownersEpoch: Number(ownersEpoch) }));

  // The new owners epoch voids every approval still open to decision: approvals and cancel
  // approvals of pending operations, cancel approvals of queued ones.
  const open = await context.db.sql
    .select({ id: multisigOperation.id, operationId: multisigOperation.operationId, state: multisigOperation.state })
    .from(multisigOperation)
    .where(
      and(
        eq(multisigOperation.chainId, chainId),
        eq(multisigOperation.multisig, multisig),
        inArray(multisigOperation.state, ["pending", "queued"]),
      ),
    );
  for (const op of open) {
    await context.db
      .update(multisigOperation, { id: op.id })
      .set(op.state === "pending" ? { approvals: 0, cancelApprovals: 0, updatedAt: event.block.timestamp } : { cancelApprovals: 0, updatedAt: event.block.timestamp });
  }
  const pending = open.filter((op) => op.state === "pending").map((op) => op.operationId);
  const queued = open.filter((op) => op.state === "queued").map((op) => op.operationId);
  const voidWhere = (operationIds: Hex[], kind?: ApprovalKind) =>
    and(
      eq(multisigApproval.chainId, chainId),
      inArray(multisigApproval.operationId, operationIds),
      eq(multisigApproval.voided, false),
      kind ? eq(multisigApproval.kind, kind) : undefined,
    );
  if (pending.length) await context.db.sql.update(multisigApproval).set({ voided: true }).where(voidWhere(pending));
  if (queued.length) await context.db.sql.update(multisigApproval).set({ voided: true }).where(voidWhere(queued, "cancel"));

  await recordAudit(context, event, "OwnerRemoved", multisig);
}));

ponder.on("WorxMultisig:ThresholdChanged", shared("WorxMultisig:ThresholdChanged", async ({ event, context }) => {
  const { opClass, threshold } = event.args;
  const value = Number(threshold);
  await updateConfig(context, event.log.address, () =>
    classOf(opClass) === "routine" ? { routineThreshold: value } : { criticalThreshold: value },
  );
  await recordAudit(context, event, "ThresholdChanged", event.log.address);
}));

ponder.on("WorxMultisig:DelayChanged", shared("WorxMultisig:DelayChanged", async ({ event, context }) => {
  const { opClass, delay } = event.args;
  await updateConfig(context, event.log.address, () =>
    classOf(opClass) === "routine" ? { routineDelay: delay } : { criticalDelay: delay },
  );
  await recordAudit(context, event, "DelayChanged", event.log.address);
}));

ponder.on("WorxMultisig:GuardianChanged", shared("WorxMultisig:GuardianChanged", async ({ event, context }) => {
  const { guardian } = event.args;
  await updateConfig(context, event.log.address, () => ({ guardian: guardian === zeroAddress ? null : guardian }));
  await recordAudit(context, event, "GuardianChanged", event.log.address);
}));

ponder.on("WorxMultisig:ClassConfigured", shared("WorxMultisig:ClassConfigured", async ({ event, context }) => {
  const chainId = caip2(context);
  const multisig = event.log.address;
  const { target, selector, opClass } = event.args;
  await context.db
    .insert(multisigClass)
    .values({
      id: `${multisigKey(chainId, multisig)}:${lower(target)}:${lower(selector)}`,
      chainId,
      multisig,
      target,
      selector,
      opClass: classOf(opClass),
    })
    .onConflictDoUpdate({ opClass: classOf(opClass) });
  await recordAudit(context, event, "ClassConfigured", multisig);
}));

ponder.on("WorxMultisig:PausableTargetConfigured", shared("WorxMultisig:PausableTargetConfigured", async ({ event, context }) => {
  const chainId = caip2(context);
  const multisig = event.log.address;
  const { target, pausable } = event.args;
  await context.db
    .insert(multisigPausableTarget)
    .values({ id: `${multisigKey(chainId, multisig)}:${lower(target)}`, chainId, multisig, target, pausable })
    .onConflictDoUpdate({ pausable });
  await recordAudit(context, event, "PausableTargetConfigured", multisig);
}));
