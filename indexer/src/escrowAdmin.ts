/**
 * MilestoneEscrow administration: every privileged event lands in the audit log (`admin_action`)
 * and updates the contract's settings row (`escrow_contract`) or the token allowlist
 * (`allowed_token`). Role events name the role (`roleName` in the details): arbiters are the
 * accounts granted ARBITER_ROLE.
 */
import { ponder } from "ponder:registry";
import { allowedToken, escrowContract } from "ponder:schema";
import { keccak256, toHex, zeroAddress, zeroHash, type Address, type Hex } from "viem";
import { caip2, recordAudit, type AnyContext, type AuditedEvent } from "./audit.ts";
import { contractKey, lower, shared } from "./common.ts";

/** The escrow's roles by their id (OpenZeppelin AccessControl: `keccak256(name)`, the admin role 0x00). */
const ROLE_NAMES = new Map<string, string>([
  [zeroHash, "DEFAULT_ADMIN_ROLE"],
  ...["FEE_MANAGER_ROLE", "PAUSER_ROLE", "ARBITER_ROLE"].map((name) => [keccak256(toHex(name)), name] as [string, string]),
]);
const roleName = (role: Hex) => ROLE_NAMES.get(lower(role)) ?? "unknown";

type Settings = Partial<Pick<typeof escrowContract.$inferInsert, "feeRecipient" | "platformFeeBps" | "feeDiscountSource" | "paused">>;

/** Appends to the audit log and applies `settings` to the contract's row. */
async function recordAdmin(
  action: string,
  event: AuditedEvent,
  context: AnyContext,
  actor: Address,
  settings: Settings = {},
  extra: Record<string, string | number | boolean> = {},
): Promise<void> {
  const chainId = caip2(context);
  await recordAudit(context, event, action, actor, extra);
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

ponder.on("MilestoneEscrow:PlatformFeeUpdated", shared("MilestoneEscrow:PlatformFeeUpdated", async ({ event, context }) => {
  await recordAdmin("PlatformFeeUpdated", event, context, event.transaction.from, { platformFeeBps: event.args.newBps });
}));

ponder.on("MilestoneEscrow:FeeRecipientUpdated", shared("MilestoneEscrow:FeeRecipientUpdated", async ({ event, context }) => {
  await recordAdmin("FeeRecipientUpdated", event, context, event.transaction.from, { feeRecipient: event.args.newRecipient });
}));

ponder.on("MilestoneEscrow:FeeDiscountSourceUpdated", shared("MilestoneEscrow:FeeDiscountSourceUpdated", async ({ event, context }) => {
  const source = event.args.newSource;
  await recordAdmin("FeeDiscountSourceUpdated", event, context, event.transaction.from, {
    feeDiscountSource: source === zeroAddress ? null : source,
  });
}));

ponder.on("MilestoneEscrow:TokenAllowlistUpdated", shared("MilestoneEscrow:TokenAllowlistUpdated", async ({ event, context }) => {
  const chainId = caip2(context);
  const { token, allowed } = event.args;
  await recordAdmin("TokenAllowlistUpdated", event, context, event.transaction.from);
  const row = { allowed, updatedAt: event.block.timestamp, updatedTx: event.transaction.hash };
  await context.db
    .insert(allowedToken)
    .values({ id: `${contractKey(chainId, event.log.address)}:${lower(token)}`, chainId, contract: event.log.address, token, ...row })
    .onConflictDoUpdate(row);
}));

ponder.on("MilestoneEscrow:Paused", shared("MilestoneEscrow:Paused", async ({ event, context }) => {
  await recordAdmin("Paused", event, context, event.args.account, { paused: true });
}));

ponder.on("MilestoneEscrow:Unpaused", shared("MilestoneEscrow:Unpaused", async ({ event, context }) => {
  await recordAdmin("Unpaused", event, context, event.args.account, { paused: false });
}));

ponder.on("MilestoneEscrow:RoleGranted", shared("MilestoneEscrow:RoleGranted", async ({ event, context }) => {
  await recordAdmin("RoleGranted", event, context, event.args.sender, {}, { roleName: roleName(event.args.role) });
}));

ponder.on("MilestoneEscrow:RoleRevoked", shared("MilestoneEscrow:RoleRevoked", async ({ event, context }) => {
  await recordAdmin("RoleRevoked", event, context, event.args.sender, {}, { roleName: roleName(event.args.role) });
}));

ponder.on("MilestoneEscrow:RoleAdminChanged", shared("MilestoneEscrow:RoleAdminChanged", async ({ event, context }) => {
  await recordAdmin("RoleAdminChanged", event, context, event.transaction.from, {}, { roleName: roleName(event.args.role) });
}));
