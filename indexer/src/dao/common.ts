/**
 * Shared by the DAO handlers (token.ts, governor.ts, treasury.ts, rewards.ts): the DAO contracts'
 * role names, who to name as the actor of a governed change, and the lock terms.
 */
import type { Context } from "ponder:registry";
import type { LockTermName } from "ponder:schema";
import { keccak256, toHex, zeroHash, type Address, type Hex } from "viem";
import { recordAudit, type AuditedEvent } from "../audit.ts";
import { lower } from "../common.ts";

/** A DAO handler's context: the database, the chain, the chain's contract addresses and its RPC client. */
export type DaoContext = Pick<Context<"WorxGovernor:ProposalCreated">, "db" | "chain" | "contracts" | "client">;

/** A DAO event: what the audit log needs, plus the transaction's recipient. */
export type DaoEvent = AuditedEvent & { transaction: { to: Address | null } };

/** Every role of the DAO's AccessControl contracts (WorxToken, TimelockController, FeeSplitter, WorkRewards, StakingFeeDiscount). */
const ROLE_NAMES = new Map<string, string>([
  [zeroHash, "DEFAULT_ADMIN_ROLE"],
  ...["MINTER_ROLE", "PROPOSER_ROLE", "CANCELLER_ROLE", "EXECUTOR_ROLE"].map((name) => [keccak256(toHex(name)), name] as [string, string]),
]);
export const roleName = (role: Hex) => ROLE_NAMES.get(lower(role)) ?? "unknown";

/** IWorxToken.LockTerm by its Solidity value. */
export const LOCK_TERMS: readonly LockTermName[] = ["30d", "90d", "180d"];
export function lockTerm(value: number): LockTermName {
  const term = LOCK_TERMS[value];
  if (!term) throw new Error(`WorxToken reported lock term ${value}, which is no term (0..2)`);
  return term;
}

/**
 * Who made a governed change. Setters of the DAO contracts are restricted to their admin, and the
 * governor's settings to governance: after the deployment both are the timelock, reached through
 * the governor's `execute` (or the timelock's own `executeBatch`), so a transaction sent to either
 * of them names the timelock. A transaction sent to the contract itself, or deploying it, names its
 * sender (the deployer during the deployment).
 */
export function governedActor(event: DaoEvent, context: DaoContext): Address {
  const to = event.transaction.to ? lower(event.transaction.to) : null;
  const timelock = lower(context.contracts.TimelockController.address as Address);
  const governor = lower(context.contracts.WorxGovernor.address as Address);
  if (to === timelock || to === governor) return timelock;
  return event.transaction.from;
}

/** Role events of a DAO contract, in the audit log with the role's name. */
export async function recordRoleEvent(
  context: DaoContext,
  event: DaoEvent & { args: { role: Hex; sender?: Address } },
  action: "RoleGranted" | "RoleRevoked" | "RoleAdminChanged",
): Promise<void> {
  await recordAudit(context, event, action, event.args.sender ?? event.transaction.from, { roleName: roleName(event.args.role) });
}
