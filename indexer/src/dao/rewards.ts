/**
 * WorkRewards' mints (`work_reward`, `badge_reward`) and its governed rates; StakingFeeDiscount's
 * governed tiers and badge source. Settings changes and role changes go to the audit log.
 */
import { ponder } from "ponder:registry";
import { badgeReward, workReward } from "ponder:schema";
import { caip2, recordAudit } from "../audit.ts";
import { lower, shared } from "../common.ts";
import { governedActor, recordRoleEvent } from "./common.ts";

ponder.on("WorkRewards:WorkRewarded", shared("WorkRewards:WorkRewarded", async ({ event, context }) => {
  const chainId = caip2(context);
  const { escrowId, freelancer, client, token, value, freelancerReward, clientReward } = event.args;
  await context.db.insert(workReward).values({
    id: `${chainId}:${escrowId}`,
    chainId,
    escrowId,
    freelancer: lower(freelancer),
    client: lower(client),
    token: lower(token),
    value,
    freelancerReward,
    clientReward,
    claimedBy: lower(event.transaction.from),
    at: event.block.timestamp,
    txHash: event.transaction.hash,
  });
}));

ponder.on("WorkRewards:BadgeRewarded", shared("WorkRewards:BadgeRewarded", async ({ event, context }) => {
  const chainId = caip2(context);
  const { badgeId, account, tier, amount } = event.args;
  await context.db.insert(badgeReward).values({
    id: `${chainId}:${badgeId}`,
    chainId,
    badgeId,
    account: lower(account),
    tierId: tier,
    amount,
    at: event.block.timestamp,
    txHash: event.transaction.hash,
  });
}));

ponder.on("WorkRewards:RewardRateUpdated", shared("WorkRewards:RewardRateUpdated", async ({ event, context }) => {
  await recordAudit(context, event, "RewardRateUpdated", governedActor(event, context));
}));

ponder.on("WorkRewards:ClientShareUpdated", shared("WorkRewards:ClientShareUpdated", async ({ event, context }) => {
  await recordAudit(context, event, "ClientShareUpdated", governedActor(event, context));
}));

ponder.on("WorkRewards:BadgeRewardUpdated", shared("WorkRewards:BadgeRewardUpdated", async ({ event, context }) => {
  await recordAudit(context, event, "BadgeRewardUpdated", governedActor(event, context));
}));

ponder.on("WorkRewards:RoleGranted", shared("WorkRewards:RoleGranted", async ({ event, context }) => {
  await recordRoleEvent(context, event, "RoleGranted");
}));

ponder.on("WorkRewards:RoleRevoked", shared("WorkRewards:RoleRevoked", async ({ event, context }) => {
  await recordRoleEvent(context, event, "RoleRevoked");
}));

ponder.on("WorkRewards:RoleAdminChanged", shared("WorkRewards:RoleAdminChanged", async ({ event, context }) => {
  await recordRoleEvent(context, event, "RoleAdminChanged");
}));

ponder.on("StakingFeeDiscount:DiscountTiersUpdated", shared("StakingFeeDiscount:DiscountTiersUpdated", async ({ event, context }) => {
  await recordAudit(context, event, "DiscountTiersUpdated", governedActor(event, context));
}));

ponder.on("StakingFeeDiscount:BadgeSourceUpdated", shared("StakingFeeDiscount:BadgeSourceUpdated", async ({ event, context }) => {
  await recordAudit(context, event, "BadgeSourceUpdated", governedActor(event, context));
}));

ponder.on("StakingFeeDiscount:RoleGranted", shared("StakingFeeDiscount:RoleGranted", async ({ event, context }) => {
  await recordRoleEvent(context, event, "RoleGranted");
}));

ponder.on("StakingFeeDiscount:RoleRevoked", shared("StakingFeeDiscount:RoleRevoked", async ({ event, context }) => {
  await recordRoleEvent(context, event, "RoleRevoked");
}));

ponder.on("StakingFeeDiscount:RoleAdminChanged", shared("StakingFeeDiscount:RoleAdminChanged", async ({ event, context }) => {
  await recordRoleEvent(context, event, "RoleAdminChanged");
}));
