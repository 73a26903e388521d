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

// ───────────────────────────── DAO (issue 6) ─────────────────────────────

/**
 * A governor proposal's stored status: what its own events said last. "created" covers Pending,
 * Active, Defeated and Succeeded, which depend on time, votes and quorum: readers derive them
 * (the API's `state`, {@link ProposalState}).
 */
export type ProposalStatus = "created" | "canceled" | "queued" | "executed";
/**
 * OpenZeppelin Governor's ProposalState, lowercase, as the API derives it. `expired` is never
 * derived: with a TimelockController (GovernorTimelockControl) a queued proposal does not expire.
 */
export type ProposalState = "pending" | "active" | "canceled" | "defeated" | "succeeded" | "queued" | "executed";
/** GovernorCountingSimple's support values by name: 0 against, 1 for, 2 abstain. */
export type VoteSupport = "against" | "for" | "abstain";
/** IWorxToken.LockTerm by name: Days30 = 0, Days90 = 1, Days180 = 2. */
export type LockTermName = "30d" | "90d" | "180d";
/** Money into ("in") or out of ("out") the DAO treasury (the TimelockController). */
export type TreasuryFlowDirection = "in" | "out";
/**
 * How money moved: the FeeSplitter released the treasury's share ("fee-release"), an executed
 * proposal paid it out ("proposal-execution"), or an ERC-20 was sent to the treasury directly ("transfer").
 */
export type TreasuryFlowKind = "fee-release" | "proposal-execution" | "transfer";
