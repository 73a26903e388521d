/**
 * MetricsOracle: creators (`creator`, equal to the oracle's metrics, creatorOf, lastNonce and
 * milestonesReached), their report history (`creator_metric`) and milestones (`creator_milestone`),
 * the follower thresholds (`milestone_threshold`) and the oracle's settings (`metrics_oracle`).
 * Governed changes (thresholds appended, launch milestone, maximum age, roles) also go to the
 * audit log; the constructor's defaults name the deployer.
 */
import { ponder } from "ponder:registry";
import { creator, creatorMetric, creatorMilestone, metricsOracle, milestoneThreshold } from "ponder:schema";
import { caip2, recordAudit } from "../audit.ts";
import { logKey, lower, shared } from "../common.ts";
import { governedActor, recordDexRoleEvent, rowKey, type DexContext, type DexEvent } from "./common.ts";

type Oracle = typeof metricsOracle.$inferSelect;

/** Creates the oracle's row on its first (constructor) event, then applies `change`. */
async function updateOracle(context: DexContext, event: DexEvent, change: (row: Oracle) => Partial<Oracle>): Promise<void> {
  const chainId = caip2(context);
  const initial: Oracle = {
    id: rowKey(chainId, event.log.address),
    chainId,
    address: lower(event.log.address),
    launchMilestoneIndex: 0,
    maxAge: 0n,
    milestoneCount: 0,
    updatedAt: event.block.timestamp,
  };
  await context.db
    .insert(metricsOracle)
    .values({ ...initial, ...change(initial) })
    .onConflictDoUpdate((row) => ({ ...change(row), updatedAt: event.block.timestamp }));
}

ponder.on("MetricsOracle:MetricsReported", shared("MetricsOracle:MetricsReported", async ({ event, context }) => {
  const chainId = caip2(context);
  const { creatorId, creator: wallet, reporter, plays, followers, engagementBps, observedAt, nonce } = event.args;
  const at = event.block.timestamp;
  const latest = { plays, followers, engagementBps, observedAt, nonce, updatedAt: at };
  await context.db
    .insert(creator)
    .values({
      id: `${chainId}:${creatorId}`,
      chainId,
      creatorId,
      creator: lower(wallet),
      ...latest,
      milestonesReached: 0,
      reports: 1,
      coin: null,
      pool: null,
      launchedAt: null,
      firstReportedAt: at,
    })
    .onConflictDoUpdate((row) => ({ ...latest, reports: row.reports + 1 }));
  await context.db.insert(creatorMetric).values({
    id: logKey(chainId, event),
    chainId,
    creatorId,
    creator: lower(wallet),
    reporter: lower(reporter),
    plays,
    followers,
    engagementBps,
    observedAt,
    nonce,
    timestamp: at,
    blockNumber: event.block.number,
    txHash: event.transaction.hash,
  });
}));

ponder.on("MetricsOracle:MilestoneReached", shared("MetricsOracle:MilestoneReached", async ({ event, context }) => {
  const chainId = caip2(context);
  const { creatorId, index, threshold } = event.args;
  await context.db.insert(creatorMilestone).values({
    id: `${chainId}:${creatorId}:${index}`,
    chainId,
    creatorId,
    index: Number(index),
    threshold,
    reachedAt: event.block.timestamp,
    blockNumber: event.block.number,
    tx: event.transaction.hash,
  });
  // Emitted after MetricsReported in the same report, in index order: the row exists.
  await context.db.update(creator, { id: `${chainId}:${creatorId}` }).set({ milestonesReached: Number(index) + 1 });
}));

ponder.on("MetricsOracle:MilestoneAdded", shared("MetricsOracle:MilestoneAdded", async ({ event, context }) => {
  const chainId = caip2(context);
  const { index, threshold } = event.args;
  await context.db.insert(milestoneThreshold).values({
    id: `${rowKey(chainId, event.log.address)}:${index}`,
    chainId,
    oracle: lower(event.log.address),
    index: Number(index),
    threshold,
    addedAt: event.block.timestamp,
    txHash: event.transaction.hash,
  });
  await updateOracle(context, event, () => ({ milestoneCount: Number(index) + 1 }));
  await recordAudit(context, event, "MilestoneAdded", governedActor(event, context));
}));

ponder.on("MetricsOracle:LaunchMilestoneIndexUpdated", shared("MetricsOracle:LaunchMilestoneIndexUpdated", async ({ event, context }) => {
  await updateOracle(context, event, () => ({ launchMilestoneIndex: Number(event.args.newIndex) }));
  await recordAudit(context, event, "LaunchMilestoneIndexUpdated", governedActor(event, context));
}));

ponder.on("MetricsOracle:MaxAgeUpdated", shared("MetricsOracle:MaxAgeUpdated", async ({ event, context }) => {
  await updateOracle(context, event, () => ({ maxAge: BigInt(event.args.newMaxAge) }));
  await recordAudit(context, event, "MaxAgeUpdated", governedActor(event, context));
}));

ponder.on("MetricsOracle:RoleGranted", shared("MetricsOracle:RoleGranted", async ({ event, context }) => {
  await recordDexRoleEvent(context, event, "RoleGranted");
}));

ponder.on("MetricsOracle:RoleRevoked", shared("MetricsOracle:RoleRevoked", async ({ event, context }) => {
  await recordDexRoleEvent(context, event, "RoleRevoked");
}));

ponder.on("MetricsOracle:RoleAdminChanged", shared("MetricsOracle:RoleAdminChanged", async ({ event, context }) => {
  await recordDexRoleEvent(context, event, "RoleAdminChanged");
}));
