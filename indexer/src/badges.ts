/**
 * WorxBadges: badges claimed, transferred (transferable tiers only) and burnt; attestations
 * submitted and revoked; tier configs; and the administration (tier configs, attester and admin
 * role changes) in the audit log. Every change of a badge's holder moves it between the holders'
 * `leaderboard` rows (badges held per tier, best tier).
 *
 * Event order of a claim (one transaction): ERC-721 `Transfer` (mint), `Locked` (soul-bound tiers),
 * then `BadgeClaimed`, which creates the row; the mint's `Transfer` is therefore left to it. Whether
 * the badge is locked is its tier's `soulbound` setting at claim time (the `badge_tier` row).
 */
import { ponder } from "ponder:registry";
import { attestation, badge, badgeTier } from "ponder:schema";
import type { AttestationKindName } from "ponder:schema";
import { keccak256, toHex, zeroAddress, zeroHash, type Hex } from "viem";
import { caip2, recordAudit } from "./audit.ts";
import { lower, shared } from "./common.ts";
import { TIERS, updateLeaderboard } from "./leaderboard.ts";

const badgeKey = (chainId: string, tokenId: bigint) => `${chainId}:${tokenId}`;
const attestationKey = (chainId: string, subject: string, kind: number) => `${chainId}:${lower(subject)}:${kind}`;
const tierKey = (chainId: string, contract: string, tierId: number) => `${chainId}:${lower(contract)}:${tierId}`;

const KIND_NAMES: Record<number, AttestationKindName> = { 1: "x-verified", 2: "vetted" };

/** WorxBadges' roles by their id (OpenZeppelin AccessControl: `keccak256(name)`, the admin role 0x00). */
const ROLE_NAMES = new Map<string, string>([
  [zeroHash, "DEFAULT_ADMIN_ROLE"],
  [keccak256(toHex("ATTESTER_ROLE")), "ATTESTER_ROLE"],
]);
const roleName = (role: Hex) => ROLE_NAMES.get(lower(role)) ?? "unknown";

function tierName(tierId: number) {
  const tier = TIERS[tierId];
  if (!tier) throw new Error(`WorxBadges reported tier ${tierId}, which is no badge tier (1..5)`);
  return tier;
}

ponder.on("WorxBadges:TierConfigUpdated", shared("WorxBadges:TierConfigUpdated", async ({ event, context }) => {
  const chainId = caip2(context);
  const { tier: tierId, minCompletedJobs, minSatisfactionBps, requiresXVerified, requiresVetted, soulbound, feeDiscountBps } = event.args;
  const config = { minCompletedJobs, minSatisfactionBps, requiresXVerified, requiresVetted, soulbound, feeDiscountBps, updatedAt: event.block.timestamp };
  await context.db
    .insert(badgeTier)
    .values({ id: tierKey(chainId, event.log.address, tierId), chainId, contract: event.log.address, tier: tierName(tierId), tierId, ...config })
    .onConflictDoUpdate(config);
  await recordAudit(context, event, "TierConfigUpdated", event.transaction.from, { tierName: tierName(tierId) });
}));

ponder.on("WorxBadges:BadgeClaimed", shared("WorxBadges:BadgeClaimed", async ({ event, context }) => {
  const chainId = caip2(context);
  const { tokenId, account, tier: tierId, completedJobs, satisfactionBps } = event.args;
  const at = event.block.timestamp;
  const config = await context.db.find(badgeTier, { id: tierKey(chainId, event.log.address, tierId) });
  if (!config) throw new Error(`No tier ${tierId} config known for ${event.log.address} on ${chainId}: was its deployment block indexed?`);
  await context.db.insert(badge).values({
    id: badgeKey(chainId, tokenId),
    chainId,
    tokenId,
    owner: account,
    claimedBy: account,
    tier: tierName(tierId),
    tierId,
    locked: config.soulbound,
    completedJobs,
    satisfactionBps,
    claimedAt: at,
    claimTx: event.transaction.hash,
    burned: false,
  });
  await updateLeaderboard(context, account, at, { badge: { tierId, by: 1 } });
}));

ponder.on("WorxBadges:Transfer", shared("WorxBadges:Transfer", async ({ event, context }) => {
  const { from, to, tokenId } = event.args;
  // A mint: BadgeClaimed, later in the same transaction, records it.
  if (from === zeroAddress) return;
  const chainId = caip2(context);
  const at = event.block.timestamp;
  const row = await context.db
    .update(badge, { id: badgeKey(chainId, tokenId) })
    .set(to === zeroAddress ? { burned: true, transferredAt: at } : { owner: to, transferredAt: at });
  await updateLeaderboard(context, from, at, { badge: { tierId: row.tierId, by: -1 } });
  if (to !== zeroAddress) await updateLeaderboard(context, to, at, { badge: { tierId: row.tierId, by: 1 } });
}));

ponder.on("WorxBadges:AttestationSubmitted", shared("WorxBadges:AttestationSubmitted", async ({ event, context }) => {
  const chainId = caip2(context);
  const { subject, kind, attester, expiresAt, digest } = event.args;
  const kindName = KIND_NAMES[kind];
  if (!kindName) throw new Error(`WorxBadges reported attestation kind ${kind}, which is no kind (1, 2)`);
  const fields = {
    attester,
    expiresAt,
    digest,
    submittedAt: event.block.timestamp,
    revoked: false,
    revokedBy: null,
    revokedAt: null,
  };
  await context.db
    .insert(attestation)
    .values({ id: attestationKey(chainId, subject, kind), chainId, subject, kind, kindName, ...fields })
    .onConflictDoUpdate(fields);
}));

ponder.on("WorxBadges:AttestationRevoked", shared("WorxBadges:AttestationRevoked", async ({ event, context }) => {
  const chainId = caip2(context);
  const { subject, kind, by } = event.args;
  const id = attestationKey(chainId, subject, kind);
  // Revoking when none is stored is allowed on chain (a no-op besides the event).
  if (!(await context.db.find(attestation, { id }))) return;
  await context.db.update(attestation, { id }).set({ revoked: true, revokedBy: by, revokedAt: event.block.timestamp });
}));

ponder.on("WorxBadges:RoleGranted", shared("WorxBadges:RoleGranted", async ({ event, context }) => {
  await recordAudit(context, event, "RoleGranted", event.args.sender, { roleName: roleName(event.args.role) });
}));

ponder.on("WorxBadges:RoleRevoked", shared("WorxBadges:RoleRevoked", async ({ event, context }) => {
  await recordAudit(context, event, "RoleRevoked", event.args.sender, { roleName: roleName(event.args.role) });
}));

ponder.on("WorxBadges:RoleAdminChanged", shared("WorxBadges:RoleAdminChanged", async ({ event, context }) => {
  await recordAudit(context, event, "RoleAdminChanged", event.transaction.from, { roleName: roleName(event.args.role) });
}));
