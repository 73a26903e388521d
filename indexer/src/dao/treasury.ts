/**
 * The DAO's money: the FeeSplitter's splits and releases (`fee_split`, `fee_release`), and the
 * treasury's flows (`treasury_flow`; the treasury is the TimelockController):
 *  - in: the FeeSplitter releasing the treasury's share ("fee-release"); an ERC-20 of the chain's
 *    known tokens, or WORX, sent to the timelock by anyone else ("transfer");
 *  - out: a call the timelock executed for a proposal ("proposal-execution") that sent the native
 *    coin (`value`) or called `transfer(to, amount)` on a token.
 * The native coin sent to the timelock directly emits no event: it is not seen (its balance is
 * then above what the flows add up to). The timelock's MinDelayChange, Cancelled and role events,
 * and the FeeSplitter's DaoShareUpdated, PayeesUpdated and role events go to the audit log.
 */
import { and, eq } from "ponder";
import { ponder } from "ponder:registry";
import { feeRelease, feeSplit, proposal, treasuryFlow } from "ponder:schema";
import type { TreasuryFlowKind } from "ponder:schema";
import { decodeFunctionData, erc20Abi, zeroAddress, type Address, type Hex } from "viem";
import { caip2, recordAudit } from "../audit.ts";
import { logKey, lower, shared } from "../common.ts";
import { governedActor, recordRoleEvent, type DaoContext, type DaoEvent } from "./common.ts";

interface Flow {
  token: Address;
  amount: bigint;
  counterparty: Address;
  kind: TreasuryFlowKind;
  proposalId?: string | null;
}

/** One `treasury_flow` row for the event (`suffix` tells apart two flows of one log). */
export async function recordFlow(context: DaoContext, event: DaoEvent, direction: "in" | "out", flow: Flow, suffix = ""): Promise<void> {
  const chainId = caip2(context);
  await context.db.insert(treasuryFlow).values({
    id: `${logKey(chainId, event)}${suffix}`,
    chainId,
    treasury: lower(context.contracts.TimelockController.address as Address),
    token: lower(flow.token),
    direction,
    amount: flow.amount,
    counterparty: lower(flow.counterparty),
    kind: flow.kind,
    proposalId: flow.proposalId ?? null,
    at: event.block.timestamp,
    blockNumber: event.block.number,
    logIndex: event.log.logIndex,
    txHash: event.transaction.hash,
  });
}

export async function recordTreasuryInflow(context: DaoContext, event: DaoEvent, flow: Flow): Promise<void> {
  await recordFlow(context, event, "in", flow);
}

// ───────────────────────────── FeeSplitter ─────────────────────────────

ponder.on("FeeSplitter:FeesSplit", shared("FeeSplitter:FeesSplit", async ({ event, context }) => {
  const chainId = caip2(context);
  const { token, income, toTreasury, toOperations, daoShareBps } = event.args;
  await context.db.insert(feeSplit).values({
    id: logKey(chainId, event),
    chainId,
    splitter: lower(event.log.address),
    token: lower(token),
    income,
    toTreasury,
    toOperations,
    daoShareBps,
    at: event.block.timestamp,
    blockNumber: event.block.number,
    txHash: event.transaction.hash,
  });
}));

ponder.on("FeeSplitter:FeesReleased", shared("FeeSplitter:FeesReleased", async ({ event, context }) => {
  const chainId = caip2(context);
  const { token, payee, amount } = event.args;
  await context.db.insert(feeRelease).values({
    id: logKey(chainId, event),
    chainId,
    splitter: lower(event.log.address),
    token: lower(token),
    payee: lower(payee),
    amount,
    at: event.block.timestamp,
    blockNumber: event.block.number,
    txHash: event.transaction.hash,
  });
  if (lower(payee) === lower(context.contracts.TimelockController.address as Address)) {
    await recordTreasuryInflow(context, event, { token, amount, counterparty: event.log.address, kind: "fee-release" });
  }
}));

ponder.on("FeeSplitter:DaoShareUpdated", shared("FeeSplitter:DaoShareUpdated", async ({ event, context }) => {
  await recordAudit(context, event, "DaoShareUpdated", governedActor(event, context));
}));

ponder.on("FeeSplitter:PayeesUpdated", shared("FeeSplitter:PayeesUpdated", async ({ event, context }) => {
  await recordAudit(context, event, "PayeesUpdated", governedActor(event, context));
}));

ponder.on("FeeSplitter:RoleGranted", shared("FeeSplitter:RoleGranted", async ({ event, context }) => {
  await recordRoleEvent(context, event, "RoleGranted");
}));

ponder.on("FeeSplitter:RoleRevoked", shared("FeeSplitter:RoleRevoked", async ({ event, context }) => {
  await recordRoleEvent(context, event, "RoleRevoked");
}));

ponder.on("FeeSplitter:RoleAdminChanged", shared("FeeSplitter:RoleAdminChanged", async ({ event, context }) => {
  await recordRoleEvent(context, event, "RoleAdminChanged");
}));

// ───────────────────────────── ERC-20 transfers to the treasury ─────────────────────────────

ponder.on("TreasuryToken:Transfer", shared("TreasuryToken:Transfer", async ({ event, context }) => {
  const { from, value } = event.args;
  // The FeeSplitter's releases are recorded by FeesReleased (later in the same transaction).
  if (lower(from) === lower(context.contracts.FeeSplitter.address as Address)) return;
  await recordTreasuryInflow(context, event, { token: event.log.address, amount: value, counterparty: from, kind: "transfer" });
}));

// ───────────────────────────── TimelockController ─────────────────────────────

/** The proposal the timelock operation `id` belongs to (set when it was queued), if any. */
async function proposalOf(context: DaoContext, id: Hex) {
  const [row] = await context.db.sql
    .select({ id: proposal.id, proposalId: proposal.proposalId, status: proposal.status, targets: proposal.targets })
    .from(proposal)
    .where(and(eq(proposal.chainId, caip2(context)), eq(proposal.timelockId, lower(id))));
  return row;
}

/** `transfer(to, amount)` calldata, decoded; undefined for any other call. */
function erc20Transfer(data: Hex): { to: Address; amount: bigint } | undefined {
  if (!data.toLowerCase().startsWith("0xa9059cbb")) return undefined;
  try {
    const { args } = decodeFunctionData({ abi: erc20Abi, data });
    const [to, amount] = args as readonly [Address, bigint];
    return { to, amount };
  } catch {
    return undefined; // same selector, malformed arguments: the call reverted or moved nothing we can name
  }
}

ponder.on("TimelockController:CallExecuted", shared("TimelockController:CallExecuted", async ({ event, context }) => {
  const { id, index, target, value, data } = event.args;
  const transfer = erc20Transfer(data);
  const owner = await proposalOf(context, id);
  // The timelock's executeBatch is open to anyone: a queued proposal executed there directly,
  // without the governor's ProposalExecuted, is Executed all the same (GovernorTimelockControl.state).
  if (owner && owner.status === "queued" && index === BigInt(owner.targets.length - 1)) {
    await context.db.update(proposal, { id: owner.id }).set({
      status: "executed",
      executedAt: event.block.timestamp,
      executedTx: event.transaction.hash,
      updatedAt: event.block.timestamp,
    });
  }
  if (value === 0n && !transfer) return;
  const proposalId = owner?.proposalId ?? null;
  if (transfer && transfer.amount > 0n) {
    await recordFlow(context, event, "out", { token: target, amount: transfer.amount, counterparty: transfer.to, kind: "proposal-execution", proposalId });
  }
  if (value > 0n) {
    await recordFlow(context, event, "out", { token: zeroAddress, amount: value, counterparty: target, kind: "proposal-execution", proposalId }, transfer ? ":native" : "");
  }
}));

ponder.on("TimelockController:Cancelled", shared("TimelockController:Cancelled", async ({ event, context }) => {
  // The governor (the only canceller) emits ProposalCanceled first; an operation canceled on the
  // timelock by another canceller the DAO appointed later still cancels its proposal, as the
  // governor's `state` reports.
  const owner = await proposalOf(context, event.args.id);
  if (owner && owner.status === "queued") {
    await context.db.update(proposal, { id: owner.id }).set({
      status: "canceled",
      canceledAt: event.block.timestamp,
      canceledTx: event.transaction.hash,
      canceledBy: lower(event.log.address),
      updatedAt: event.block.timestamp,
    });
  }
  await recordAudit(context, event, "Cancelled", event.transaction.from);
}));

ponder.on("TimelockController:MinDelayChange", shared("TimelockController:MinDelayChange", async ({ event, context }) => {
  await recordAudit(context, event, "MinDelayChange", governedActor(event, context));
}));

ponder.on("TimelockController:RoleGranted", shared("TimelockController:RoleGranted", async ({ event, context }) => {
  await recordRoleEvent(context, event, "RoleGranted");
}));

ponder.on("TimelockController:RoleRevoked", shared("TimelockController:RoleRevoked", async ({ event, context }) => {
  await recordRoleEvent(context, event, "RoleRevoked");
}));

ponder.on("TimelockController:RoleAdminChanged", shared("TimelockController:RoleAdminChanged", async ({ event, context }) => {
  await recordRoleEvent(context, event, "RoleAdminChanged");
}));
