/**
 * The indexer's status and kind names, as types only: ponder.schema.ts types its columns with them
 * and the SPA (web/src/indexer/) imports them type-only, so neither Ponder nor anything else ends up
 * in the SPA's bundle. Keep this file free of imports and runtime code.
 */

/** IMilestoneEscrow.EscrowStatus, lowercase, without `None` (no row exists then). */
export type EscrowStatus = "created" | "funded" | "completed" | "cancelled" | "closed";
/** IMilestoneEscrow.MilestoneStatus, lowercase. */
export type MilestoneStatus = "pending" | "submitted" | "released" | "disputed" | "refunded" | "resolved";
/** How a milestone reached its final status. */
export type SettledBy = "approval" | "claim" | "reclaim" | "ruling" | "settlement";
export type DisputeStatus = "open" | "ruled" | "settled";
/** The escrow events of a job's timeline (the Solidity event names). */
export type EscrowEventKind =
  | "EscrowCreated"
  | "FeeDiscountApplied"
  | "EscrowFunded"
  | "MilestoneSubmitted"
  | "MilestoneReleased"
  | "MilestoneRefunded"
  | "DisputeOpened"
  | "DisputeRuled"
  | "MilestoneSettled"
  | "EscrowCompleted"
  | "EscrowClosed"
  | "JobRated"
  | "EscrowCancelled";

/** IWorxBadges.Tier, lowercase, without `None`. */
export type BadgeTier = "bronze" | "silver" | "gold" | "platinum" | "verified";

/**
 * WorxMultisig operation states as stored. `Expired` is never stored on chain either: a queued
 * operation whose `eta + GRACE_PERIOD` (14 days) has passed can no longer execute; readers derive it
 * from `eta`.
 */
export type OperationState = "pending" | "queued" | "executed" | "cancelled";
