/**
 * The escrow's tables. Every row names its chain by CAIP-2 id (`eip155:31337`), so one table holds
 * every chain (and, through the Stacks bridge, indexer/stacks/, Stacks rows: `stacks:<n>`). EVM
 * addresses are lowercase hex; Stacks accounts (principals `ST…`, `ST….contract`) are kept as
 * they are, c32 text (see `account`); amounts are integers in the token's smallest unit; timestamps are block timestamps in
 * seconds. The shape is the contract in notes/indexer-schema.md (the SPA codes against it).
 */
import { index, onchainTable, relations } from "ponder";
import type {
  BadgeTier,
  DisputeStatus,
  EscrowEventKind,
  EscrowStatus,
  LockTermName,
  MilestoneStatus,
  OperationState,
  ProposalState,
  ProposalStatus,
  SettledBy,
  TreasuryFlowDirection,
  TreasuryFlowKind,
  VoteSupport,
} from "./vocabulary.ts";

/** The column builders an onchainTable's callback receives. */
type Columns = Parameters<Extract<Parameters<typeof onchainTable>[1], (...args: never[]) => unknown>>[0];

/**
 * An account column (party, token, contract, actor) of a table Stacks rows share: SQL `text` like
 * `t.hex()`, and like it an EVM address (`0x…`) is stored lowercase; a Stacks principal is stored
 * as it is, because it is c32 text, not hex (`t.hex()` would lowercase it, and mangle one of odd
 * length into `0x0…`). Typed as hex for the EVM handlers; Stacks handlers write principals.
 */
function account(t: Columns) {
  const builder = t.text().$type<`0x${string}`>();
  const build = (builder as unknown as { build: (table: unknown) => { mapToDriverValue: (v: string) => string } }).build.bind(builder);
  (builder as unknown as { build: unknown }).build = (table: unknown) => {
    const column = build(table);
    column.mapToDriverValue = (value: string) => (value.startsWith("0x") ? value.toLowerCase() : value);
    return column;
  };
  return builder;
}

// Defined in ./vocabulary.ts (types only) so that the SPA shares them without importing Ponder.
export type {
  BadgeTier,
  DisputeStatus,
  EscrowEventKind,
  EscrowStatus,
  LockTermName,
  MilestoneStatus,
  OperationState,
  ProposalState,
  ProposalStatus,
  SettledBy,
  TreasuryFlowDirection,
  TreasuryFlowKind,
  VoteSupport,
};

/** One MilestoneEscrow deployment per chain: its current settings, as its events set them. */
export const escrowContract = onchainTable("escrow_contract", (t) => ({
  /** `${chainId}:${address}` (address lowercase). */
  id: t.text().primaryKey(),
  chainId: t.text().notNull(),
  address: account(t).notNull(),
  /** Account credited with platform fees of payouts from now on. */
  feeRecipient: account(t),
  /** Platform fee for escrows created from now on (before any freelancer discount). */
  platformFeeBps: t.integer(),
  /** The contract read for freelancers' fee discounts at creation; null when none. */
  feeDiscountSource: account(t),
  paused: t.boolean().notNull(),
  updatedBlock: t.bigint().notNull(),
}));

/** The tokens new jobs may (or, once removed, may no longer) be paid in, per escrow contract. */
export const allowedToken = onchainTable(
  "allowed_token",
  (t) => ({
    /** `${chainId}:${contract}:${token}` (lowercase). */
    id: t.text().primaryKey(),
    chainId: t.text().notNull(),
    contract: account(t).notNull(),
    /** ERC-20 address, or the zero address for the native coin. */
    token: account(t).notNull(),
    allowed: t.boolean().notNull(),
    updatedAt: t.bigint().notNull(),
    updatedTx: t.hex().notNull(),
  }),
  (table) => ({
    contractIdx: index().on(table.chainId, table.contract),
  }),
);

export const escrow = onchainTable(
  "escrow",
  (t) => ({
    /** `${chainId}:${escrowId}`. */
    id: t.text().primaryKey(),
    /** CAIP-2 chain id, e.g. `eip155:31337`. */
    chainId: t.text().notNull(),
    /** On-chain id, sequential from 1 per contract. */
    escrowId: t.bigint().notNull(),
    /** The MilestoneEscrow contract holding it. */
    contract: account(t).notNull(),
    client: account(t).notNull(),
    freelancer: account(t).notNull(),
    /** ERC-20 address, or the zero address for the native coin. */
    token: account(t).notNull(),
    /** Milestone amounts in order; `total` is their sum. */
    amounts: t.bigint().array().notNull(),
    /** Milestone due dates in order (unix seconds). */
    dueDates: t.bigint().array().notNull(),
    total: t.bigint().notNull(),
    /** Sum of gross amounts settled to the freelancer side (payouts + fees). */
    released: t.bigint().notNull(),
    /** Sum of amounts settled back to the client (reclaims, refunds of splits). */
    refunded: t.bigint().notNull(),
    /** Platform fee fixed at creation, after the freelancer's discount. */
    feeBps: t.integer().notNull(),
    /** The platform fee before the discount. */
    baseFeeBps: t.integer().notNull(),
    /** The freelancer's discount applied at creation, in basis points of the fee (0: none). */
    feeDiscountBps: t.integer().notNull(),
    /** Seconds the client has to review a submission before the freelancer may claim it. */
    reviewPeriod: t.integer().notNull(),
    /** Seconds after a due date before the client may reclaim an undelivered milestone. */
    gracePeriod: t.integer().notNull(),
    status: t.text().$type<EscrowStatus>().notNull(),
    milestoneCount: t.integer().notNull(),
    /** Milestones in a final status (released, refunded, resolved). */
    settledCount: t.integer().notNull(),
    /** Disputes currently open (waiting for a ruling or a settlement). */
    openDisputes: t.integer().notNull(),
    /** Some milestone was reclaimed by the client. */
    reclaimed: t.boolean().notNull(),
    /** The client's rating 1..5; null until rated. */
    rating: t.integer(),
    createdAt: t.bigint().notNull(),
    createdBlock: t.bigint().notNull(),
    createdTx: t.hex().notNull(),
    fundedAt: t.bigint(),
    fundedBlock: t.bigint(),
    fundedTx: t.hex(),
    /** When it ended Completed. */
    completedAt: t.bigint(),
    completedBlock: t.bigint(),
    completedTx: t.hex(),
    /** When it ended Closed (some milestone reclaimed). */
    closedAt: t.bigint(),
    closedBlock: t.bigint(),
    closedTx: t.hex(),
    cancelledAt: t.bigint(),
    cancelledBlock: t.bigint(),
    cancelledTx: t.hex(),
    /** Who cancelled: the client or the freelancer. */
    cancelledBy: account(t),
    ratedAt: t.bigint(),
    /** Block timestamp of the latest change; lists sort on it ("recent activity"). */
    updatedAt: t.bigint().notNull(),
  }),
  (table) => ({
    clientIdx: index().on(table.client),
    freelancerIdx: index().on(table.freelancer),
    chainIdx: index().on(table.chainId),
    statusIdx: index().on(table.status),
  }),
);

export const milestone = onchainTable(
  "milestone",
  (t) => ({
    /** `${chainId}:${escrowId}:${index}`. */
    id: t.text().primaryKey(),
    chainId: t.text().notNull(),
    escrowId: t.bigint().notNull(),
    index: t.integer().notNull(),
    amount: t.bigint().notNull(),
    /** Unix seconds. */
    dueDate: t.bigint().notNull(),
    status: t.text().$type<MilestoneStatus>().notNull(),
    /** Opaque reference (e.g. a content hash) given on submission; null when none was given. */
    deliverable: t.hex(),
    submittedAt: t.bigint(),
    submittedTx: t.hex(),
    /** Submitted at or before its due date; null until submitted. */
    onTime: t.boolean(),
    /** Released by the freelancer's claim after the review period (false when approved or not released). */
    claimed: t.boolean().notNull(),
    /** Set when settled: `fee + payout + refund == amount` (refund 0 on a release, fee and payout 0 on a reclaim). */
    fee: t.bigint(),
    payout: t.bigint(),
    refund: t.bigint(),
    settledAt: t.bigint(),
    settledBlock: t.bigint(),
    settledTx: t.hex(),
    settledBy: t.text().$type<SettledBy>(),
  }),
  (table) => ({
    escrowIdx: index().on(table.chainId, table.escrowId),
    statusIdx: index().on(table.status),
  }),
);

/** One dispute per disputed milestone (a milestone can be disputed only once). */
export const dispute = onchainTable(
  "dispute",
  (t) => ({
    /** `${chainId}:${escrowId}:${index}`. */
    id: t.text().primaryKey(),
    chainId: t.text().notNull(),
    escrowId: t.bigint().notNull(),
    index: t.integer().notNull(),
    client: account(t).notNull(),
    freelancer: account(t).notNull(),
    token: account(t).notNull(),
    /** The milestone's amount. */
    amount: t.bigint().notNull(),
    /** The client or the freelancer. */
    openedBy: account(t).notNull(),
    /** Opaque reference to the party's statement (zero hash when none). */
    reason: t.hex().notNull(),
    openedAt: t.bigint().notNull(),
    openedTx: t.hex().notNull(),
    status: t.text().$type<DisputeStatus>().notNull(),
    /** Who ruled; null unless ruled. */
    arbiter: account(t),
    /** The split, once resolved (ruled or settled); null while open. */
    freelancerBps: t.integer(),
    fee: t.bigint(),
    payout: t.bigint(),
    refund: t.bigint(),
    resolvedAt: t.bigint(),
    resolvedTx: t.hex(),
  }),
  (table) => ({
    escrowIdx: index().on(table.chainId, table.escrowId),
    statusIdx: index().on(table.status, table.openedAt),
    clientIdx: index().on(table.client),
    freelancerIdx: index().on(table.freelancer),
  }),
);

/** Milestones released by the freelancer's claim after the client's review period lapsed. */
export const milestoneClaim = onchainTable(
  "milestone_claim",
  (t) => ({
    /** `${chainId}:${escrowId}:${index}`. */
    id: t.text().primaryKey(),
    chainId: t.text().notNull(),
    escrowId: t.bigint().notNull(),
    index: t.integer().notNull(),
    freelancer: account(t).notNull(),
    token: account(t).notNull(),
    amount: t.bigint().notNull(),
    fee: t.bigint().notNull(),
    payout: t.bigint().notNull(),
    claimedAt: t.bigint().notNull(),
    txHash: t.hex().notNull(),
  }),
  (table) => ({
    freelancerIdx: index().on(table.freelancer),
    escrowIdx: index().on(table.chainId, table.escrowId),
  }),
);

/** Undelivered milestones reclaimed by the client after due date + grace period. */
export const milestoneRefund = onchainTable(
  "milestone_refund",
  (t) => ({
    /** `${chainId}:${escrowId}:${index}`. */
    id: t.text().primaryKey(),
    chainId: t.text().notNull(),
    escrowId: t.bigint().notNull(),
    index: t.integer().notNull(),
    client: account(t).notNull(),
    token: account(t).notNull(),
    amount: t.bigint().notNull(),
    refundedAt: t.bigint().notNull(),
    txHash: t.hex().notNull(),
  }),
  (table) => ({
    clientIdx: index().on(table.client),
    escrowIdx: index().on(table.chainId, table.escrowId),
  }),
);

/** The client's rating of a finished job (once per job). */
export const jobRating = onchainTable(
  "job_rating",
  (t) => ({
    /** `${chainId}:${escrowId}`. */
    id: t.text().primaryKey(),
    chainId: t.text().notNull(),
    escrowId: t.bigint().notNull(),
    freelancer: account(t).notNull(),
    client: account(t).notNull(),
    /** 1 (worst) to 5 (best). */
    rating: t.integer().notNull(),
    ratedAt: t.bigint().notNull(),
    txHash: t.hex().notNull(),
  }),
  (table) => ({
    freelancerIdx: index().on(table.chainId, table.freelancer),
  }),
);

/**
 * A freelancer's work history, by the contract's rules (IMilestoneEscrow.FreelancerStats): equal to
 * `freelancerStats(freelancer)` read from the chain at the indexed block. `closedJobs` (escrows that
 * ended Closed) is the indexer's addition.
 */
export const freelancerStats = onchainTable(
  "freelancer_stats",
  (t) => ({
    /** `${chainId}:${freelancer}`. */
    id: t.text().primaryKey(),
    chainId: t.text().notNull(),
    freelancer: account(t).notNull(),
    completedJobs: t.integer().notNull(),
    closedJobs: t.integer().notNull(),
    milestonesDelivered: t.integer().notNull(),
    milestonesOnTime: t.integer().notNull(),
    milestonesReclaimed: t.integer().notNull(),
    ratingCount: t.integer().notNull(),
    ratingSum: t.integer().notNull(),
    disputesOpened: t.integer().notNull(),
    disputesLost: t.integer().notNull(),
    updatedAt: t.bigint().notNull(),
  }),
  (table) => ({
    freelancerIdx: index().on(table.freelancer),
    completedIdx: index().on(table.chainId, table.completedJobs),
  }),
);

/** What a freelancer was paid in a token over all jobs (net of fees): the contract's `earned`. */
export const freelancerEarning = onchainTable(
  "freelancer_earning",
  (t) => ({
    /** `${chainId}:${freelancer}:${token}`. */
    id: t.text().primaryKey(),
    chainId: t.text().notNull(),
    freelancer: account(t).notNull(),
    token: account(t).notNull(),
    earned: t.bigint().notNull(),
    updatedAt: t.bigint().notNull(),
  }),
  (table) => ({
    freelancerIdx: index().on(table.freelancer),
    tokenIdx: index().on(table.chainId, table.token, table.earned),
  }),
);

/** A job's timeline: one row per escrow-scoped event of the contract, in chain order. */
export const escrowEvent = onchainTable(
  "escrow_event",
  (t) => ({
    /** `${chainId}:${txHash}:${logIndex}`. */
    id: t.text().primaryKey(),
    chainId: t.text().notNull(),
    escrowId: t.bigint().notNull(),
    /** The Solidity event name. */
    kind: t.text().$type<EscrowEventKind>().notNull(),
    /** The milestone it concerns; null for escrow-wide events. */
    milestoneIndex: t.integer(),
    /**
     * Who acted, by the contract's rules: the client (created, funded, approved, reclaimed, rated),
     * the freelancer (submitted, claimed), `openedBy`, the arbiter, the canceller; the
     * transaction's sender for settlements (the party accepting the other's offer), fee discounts,
     * completions and closings (whoever settled the last milestone).
     */
    actor: account(t),
    /** The money it moved or concerns (total, amount, fee + payout + refund); null when none. */
    amount: t.bigint(),
    /** The event's other arguments (bigints as decimal strings). */
    detail: t.json().$type<Record<string, unknown>>().notNull(),
    blockNumber: t.bigint().notNull(),
    logIndex: t.integer().notNull(),
    timestamp: t.bigint().notNull(),
    txHash: t.hex().notNull(),
  }),
  (table) => ({
    timelineIdx: index().on(table.chainId, table.escrowId, table.blockNumber, table.logIndex),
    kindIdx: index().on(table.kind),
  }),
);

/** Every platform fee credited on a payout: release, claim, ruling or settlement (none for a zero fee). */
export const feeFlow = onchainTable(
  "fee_flow",
  (t) => ({
    /** `${chainId}:${escrowId}:${milestoneIndex}`: at most one fee per settled milestone. */
    id: t.text().primaryKey(),
    chainId: t.text().notNull(),
    escrowId: t.bigint().notNull(),
    milestoneIndex: t.integer().notNull(),
    token: account(t).notNull(),
    amount: t.bigint().notNull(),
    /** The contract's fee recipient when the fee was credited. */
    recipient: account(t).notNull(),
    timestamp: t.bigint().notNull(),
    blockNumber: t.bigint().notNull(),
    txHash: t.hex().notNull(),
  }),
  (table) => ({
    chainIdx: index().on(table.chainId),
    recipientIdx: index().on(table.recipient),
    escrowIdx: index().on(table.chainId, table.escrowId),
  }),
);

/** Credits pulled out of the escrow contract by their owners (freelancers, the fee recipient). */
export const withdrawal = onchainTable(
  "withdrawal",
  (t) => ({
    /** `${chainId}:${txHash}:${logIndex}`. */
    id: t.text().primaryKey(),
    chainId: t.text().notNull(),
    account: account(t).notNull(),
    token: account(t).notNull(),
    amount: t.bigint().notNull(),
    timestamp: t.bigint().notNull(),
    blockNumber: t.bigint().notNull(),
    txHash: t.hex().notNull(),
  }),
  (table) => ({
    accountIdx: index().on(table.account),
    chainIdx: index().on(table.chainId),
  }),
);

/**
 * The audit log of every privileged call across the protocol's contracts: the escrow's fee,
 * fee-recipient, fee-discount-source and token-allowlist changes, pauses, role grants and
 * revocations (arbiters included), and every event of the multisig
 * that administers it (operations proposed, approved, queued, executed, cancelled; owners,
 * thresholds, delays, classes, pausable targets and guardian changed; guardian pauses; coin
 * received).
 */
export const adminAction = onchainTable(
  "admin_action",
  (t) => ({
    /** `${chainId}:${txHash}:${logIndex}`. */
    id: t.text().primaryKey(),
    chainId: t.text().notNull(),
    contract: account(t).notNull(),
    /**
     * The event name. MilestoneEscrow: PlatformFeeUpdated, FeeRecipientUpdated,
     * FeeDiscountSourceUpdated, TokenAllowlistUpdated, Paused, Unpaused, RoleGranted, RoleRevoked,
     * RoleAdminChanged (role events carry `roleName`: DEFAULT_ADMIN_ROLE, ARBITER_ROLE, …). WorxBadges:
     * TierConfigUpdated, RoleGranted, RoleRevoked (ATTESTER_ROLE, DEFAULT_ADMIN_ROLE). WorxMultisig: OperationProposed, Approved,
     * Queued, Executed, CancelApproved, Cancelled, OwnerAdded, OwnerRemoved, ThresholdChanged,
     * DelayChanged, ClassConfigured, PausableTargetConfigured, GuardianChanged, GuardianPaused,
     * Received. The DAO (src/dao/): FeeSplitter DaoShareUpdated, PayeesUpdated; WorkRewards
     * RewardRateUpdated, ClientShareUpdated, BadgeRewardUpdated; StakingFeeDiscount
     * DiscountTiersUpdated, BadgeSourceUpdated; WorxGovernor VotingDelaySet, VotingPeriodSet,
     * ProposalThresholdSet, QuorumNumeratorUpdated, LateQuorumVoteExtensionSet, GuardianUpdated,
     * TimelockChange; TimelockController MinDelayChange, Cancelled; and the role events of WorxToken,
     * TimelockController, FeeSplitter, WorkRewards and StakingFeeDiscount (MINTER_ROLE,
     * PROPOSER_ROLE, CANCELLER_ROLE, EXECUTOR_ROLE, DEFAULT_ADMIN_ROLE).
     */
    action: t.text().notNull(),
    /**
     * The account that acted: the event's `sender`/`account`/`proposer`/`owner`/`guardian`/`from`
     * when it names one; for the multisig's configuration events (owners, thresholds, delays,
     * classes, pausable targets, guardian: executed Critical operations or its constructor) the
     * multisig itself; for the DAO's governed changes sent through the governor or the timelock,
     * the TimelockController (the only account allowed to make them after the deployment); else the
     * transaction's sender.
     */
    actor: account(t).notNull(),
    /** The event's arguments (bigints as decimal strings). */
    details: t.json().$type<Record<string, string | number | boolean>>().notNull(),
    timestamp: t.bigint().notNull(),
    blockNumber: t.bigint().notNull(),
    txHash: t.hex().notNull(),
  }),
  (table) => ({
    chainIdx: index().on(table.chainId),
  }),
);

// ───────────────────────────── badges ─────────────────────────────

/** IWorxBadges attestation kinds: 1 = X account verified, 2 = vetted by the platform. */
export type AttestationKindName = "x-verified" | "vetted";

/**
 * Every WorxBadges badge ever minted (burnt ones stay, with `burned` set). Claim-time facts are
 * fixed; `owner` follows ERC-721 transfers (transferable tiers only).
 */
export const badge = onchainTable(
  "badge",
  (t) => ({
    /** `${chainId}:${tokenId}`. */
    id: t.text().primaryKey(),
    chainId: t.text().notNull(),
    tokenId: t.bigint().notNull(),
    /** Current holder (the last holder once burnt). */
    owner: account(t).notNull(),
    /** The account that claimed (minted) it. */
    claimedBy: account(t).notNull(),
    tier: t.text().$type<BadgeTier>().notNull(),
    /** IWorxBadges.Tier: 1 Bronze .. 5 Verified. */
    tierId: t.integer().notNull(),
    /** Soul-bound (ERC-5192 `locked`): never changes hands. */
    locked: t.boolean().notNull(),
    /** The claimer's completed jobs and satisfaction (bps) when it claimed. */
    completedJobs: t.integer().notNull(),
    satisfactionBps: t.integer().notNull(),
    claimedAt: t.bigint().notNull(),
    claimTx: t.hex().notNull(),
    burned: t.boolean().notNull(),
    /** Block timestamp of the latest transfer or burn; null when it never moved. */
    transferredAt: t.bigint(),
  }),
  (table) => ({
    ownerIdx: index().on(table.owner),
    chainTierIdx: index().on(table.chainId, table.tierId),
  }),
);

/** The current attestation of each kind per subject (a new one replaces the row; a revocation marks it). */
export const attestation = onchainTable(
  "attestation",
  (t) => ({
    /** `${chainId}:${subject}:${kind}`. */
    id: t.text().primaryKey(),
    chainId: t.text().notNull(),
    subject: account(t).notNull(),
    /** 1 = X account verified, 2 = vetted. */
    kind: t.integer().notNull(),
    kindName: t.text().$type<AttestationKindName>().notNull(),
    /** The ATTESTER_ROLE holder that signed it. */
    attester: account(t).notNull(),
    /** Unix seconds from which it no longer counts. */
    expiresAt: t.bigint().notNull(),
    /** Its EIP-712 digest (used up on chain). */
    digest: t.hex().notNull(),
    submittedAt: t.bigint().notNull(),
    revoked: t.boolean().notNull(),
    revokedBy: account(t),
    revokedAt: t.bigint(),
  }),
  (table) => ({
    subjectIdx: index().on(table.subject),
  }),
);

/** Each tier's current criteria and perks per WorxBadges contract (TierConfigUpdated, also emitted at deployment). */
export const badgeTier = onchainTable(
  "badge_tier",
  (t) => ({
    /** `${chainId}:${contract}:${tierId}`. */
    id: t.text().primaryKey(),
    chainId: t.text().notNull(),
    contract: account(t).notNull(),
    tier: t.text().$type<BadgeTier>().notNull(),
    tierId: t.integer().notNull(),
    minCompletedJobs: t.integer().notNull(),
    minSatisfactionBps: t.integer().notNull(),
    requiresXVerified: t.boolean().notNull(),
    requiresVetted: t.boolean().notNull(),
    /** Badges claimed from now on are locked. */
    soulbound: t.boolean().notNull(),
    /** Discount on the platform fee for holders of a locked badge of this tier (bps of the fee). */
    feeDiscountBps: t.integer().notNull(),
    updatedAt: t.bigint().notNull(),
  }),
  (table) => ({
    chainIdx: index().on(table.chainId),
  }),
);

/**
 * One row per freelancer and chain, maintained by the escrow and badge handlers: the work history
 * (as freelancer_stats) plus derived rates, the best badge held and USD-priced earnings. Rates are
 * basis points, 0 when their denominator is 0. The cross-chain view is computed by the API.
 */
export const leaderboard = onchainTable(
  "leaderboard",
  (t) => ({
    /** `${chainId}:${freelancer}`. */
    id: t.text().primaryKey(),
    chainId: t.text().notNull(),
    freelancer: account(t).notNull(),
    completedJobs: t.integer().notNull(),
    closedJobs: t.integer().notNull(),
    milestonesDelivered: t.integer().notNull(),
    milestonesOnTime: t.integer().notNull(),
    /** milestonesOnTime / milestonesDelivered. */
    onTimeRateBps: t.integer().notNull(),
    /** Seconds, submittedAt - dueDate averaged over submissions (negative = early); 0 without any. */
    avgDeliveryDelta: t.integer().notNull(),
    /** Sum of submittedAt - dueDate over submissions (to keep the average exact). */
    deliveryDeltaSum: t.bigint().notNull(),
    /** floor(ratingSum * 10_000 / (5 * ratingCount)), as WorxBadges computes it. */
    satisfactionBps: t.integer().notNull(),
    ratingCount: t.integer().notNull(),
    ratingSum: t.integer().notNull(),
    disputesOpened: t.integer().notNull(),
    disputesLost: t.integer().notNull(),
    /** disputesOpened / milestonesDelivered. */
    disputeRateBps: t.integer().notNull(),
    /** completedJobs / (completedJobs + closedJobs). */
    completionRateBps: t.integer().notNull(),
    /** Highest tier among the badges held now (null: none). */
    bestTier: t.text().$type<BadgeTier>(),
    /** 0 when none. */
    bestTierId: t.integer().notNull(),
    /** Badges held now. */
    badgeCount: t.integer().notNull(),
    /** Badges held now per tier id: index 0 unused, 1 Bronze .. 5 Verified. */
    tierCounts: t.integer().array().notNull(),
    /** Earnings in tokens with a known USD price, in USD with 6 decimals. */
    earnedUsd: t.bigint().notNull(),
    updatedAt: t.bigint().notNull(),
  }),
  (table) => ({
    freelancerIdx: index().on(table.freelancer),
    chainJobsIdx: index().on(table.chainId, table.completedJobs),
  }),
);

// ───────────────────────────── multisig ─────────────────────────────

export type OperationClass = "critical" | "routine";
export type ApprovalKind = "approve" | "cancel";

/** One operation of a WorxMultisig (`target.call{value}(data)` under a nonce), from proposal on. */
export const multisigOperation = onchainTable(
  "multisig_operation",
  (t) => ({
    /** `${chainId}:${operationId}`: the id is an EIP-712 digest naming chain and multisig. */
    id: t.text().primaryKey(),
    chainId: t.text().notNull(),
    multisig: account(t).notNull(),
    /**
     * The EIP-712 digest owners sign. SQL column `op_id`: Ponder reserves `operation_id` (the
     * GraphQL field and the @ponder/client key stay `operationId`).
     */
    operationId: t.hex("op_id").notNull(),
    target: account(t).notNull(),
    value: t.bigint().notNull(),
    data: t.hex().notNull(),
    nonce: t.bigint().notNull(),
    /** Fixed at proposal; raised to "critical" at queue time when the call was reconfigured. */
    opClass: t.text().$type<OperationClass>().notNull(),
    /** Who submitted the proposal: an owner, or a relayer of owners' signatures. */
    proposer: account(t).notNull(),
    state: t.text().$type<OperationState>().notNull(),
    /**
     * Approvals that count now (the contract's `approvalCount` while pending): an owner removal
     * resets it to 0 for pending operations. Once queued, the number it was queued with.
     */
    approvals: t.integer().notNull(),
    /** Cancel approvals that count now (reset to 0 by an owner removal while pending or queued). */
    cancelApprovals: t.integer().notNull(),
    /** Earliest execution time (seconds); null until queued. Expires after eta + 14 days. */
    eta: t.bigint(),
    proposedAt: t.bigint().notNull(),
    proposedTx: t.hex().notNull(),
    queuedAt: t.bigint(),
    queuedTx: t.hex(),
    executedAt: t.bigint(),
    executedTx: t.hex(),
    cancelledAt: t.bigint(),
    cancelledTx: t.hex(),
    /** Block timestamp of the latest change; the queue sorts on it. */
    updatedAt: t.bigint().notNull(),
  }),
  (table) => ({
    multisigIdx: index().on(table.chainId, table.multisig),
    stateIdx: index().on(table.state),
    operationIdx: index().on(table.chainId, table.operationId),
  }),
);

/**
 * One owner's approval (or cancel approval) of an operation. An owner removal voids approvals of
 * pending operations and cancel approvals of pending or queued ones, as the contract does (its
 * owners epoch advances): the rows stay, with `voided` set. Approving again after that revives
 * the same row (new timestamp and transaction).
 */
export const multisigApproval = onchainTable(
  "multisig_approval",
  (t) => ({
    /** `${chainId}:${operationId}:${kind}:${owner}` (owner lowercase). */
    id: t.text().primaryKey(),
    chainId: t.text().notNull(),
    multisig: account(t).notNull(),
    /** SQL column `op_id` (Ponder reserves `operation_id`). */
    operationId: t.hex("op_id").notNull(),
    owner: account(t).notNull(),
    kind: t.text().$type<ApprovalKind>().notNull(),
    /** True once an owner removal made it stop counting. */
    voided: t.boolean().notNull(),
    timestamp: t.bigint().notNull(),
    tx: t.hex().notNull(),
  }),
  (table) => ({
    operationIdx: index().on(table.chainId, table.operationId),
    ownerIdx: index().on(table.owner),
  }),
);

/** Every address that was ever an owner of a multisig; `active` while it still is. */
export const multisigOwner = onchainTable(
  "multisig_owner",
  (t) => ({
    /** `${chainId}:${multisig}:${owner}` (addresses lowercase). */
    id: t.text().primaryKey(),
    chainId: t.text().notNull(),
    multisig: account(t).notNull(),
    owner: account(t).notNull(),
    active: t.boolean().notNull(),
    /** When it was (last) added. */
    addedAt: t.bigint().notNull(),
    /** When it was removed; null while active. */
    removedAt: t.bigint(),
  }),
  (table) => ({
    multisigIdx: index().on(table.chainId, table.multisig),
  }),
);

/** One multisig's current policy, as its events set it. */
export const multisigConfig = onchainTable("multisig_config", (t) => ({
  /** `${chainId}:${multisig}` (address lowercase). */
  id: t.text().primaryKey(),
  chainId: t.text().notNull(),
  multisig: account(t).notNull(),
  /** Current owners (the active rows of multisig_owner). */
  ownerCount: t.integer().notNull(),
  routineThreshold: t.integer().notNull(),
  criticalThreshold: t.integer().notNull(),
  /** Timelock delays in seconds. */
  routineDelay: t.bigint().notNull(),
  criticalDelay: t.bigint().notNull(),
  /** Who may pause pausable targets; null when none. */
  guardian: account(t),
  /** Advanced by every owner removal. */
  ownersEpoch: t.integer().notNull(),
}));

/** A (target, selector) a multisig classified; anything without a row is Critical. */
export const multisigClass = onchainTable(
  "multisig_class",
  (t) => ({
    /** `${chainId}:${multisig}:${target}:${selector}` (lowercase). */
    id: t.text().primaryKey(),
    chainId: t.text().notNull(),
    multisig: account(t).notNull(),
    target: account(t).notNull(),
    /** The function selector (0x00000000 for calls with fewer than 4 bytes of data). */
    selector: t.hex().notNull(),
    opClass: t.text().$type<OperationClass>().notNull(),
  }),
  (table) => ({
    multisigIdx: index().on(table.chainId, table.multisig),
  }),
);

/** A contract a multisig's guardian may (or, once unmarked, may no longer) pause. */
export const multisigPausableTarget = onchainTable(
  "multisig_pausable_target",
  (t) => ({
    /** `${chainId}:${multisig}:${target}` (lowercase). */
    id: t.text().primaryKey(),
    chainId: t.text().notNull(),
    multisig: account(t).notNull(),
    target: account(t).notNull(),
    pausable: t.boolean().notNull(),
  }),
  (table) => ({
    multisigIdx: index().on(table.chainId, table.multisig),
  }),
);

export const multisigOperationRelations = relations(multisigOperation, ({ many }) => ({
  approvalsList: many(multisigApproval),
}));

export const multisigApprovalRelations = relations(multisigApproval, ({ one }) => ({
  operation: one(multisigOperation, {
    fields: [multisigApproval.chainId, multisigApproval.operationId],
    references: [multisigOperation.chainId, multisigOperation.operationId],
  }),
}));

export const escrowRelations = relations(escrow, ({ many }) => ({
  milestones: many(milestone),
  feeFlows: many(feeFlow),
  disputes: many(dispute),
  events: many(escrowEvent),
}));

export const milestoneRelations = relations(milestone, ({ one }) => ({
  escrow: one(escrow, { fields: [milestone.chainId, milestone.escrowId], references: [escrow.chainId, escrow.escrowId] }),
}));

export const feeFlowRelations = relations(feeFlow, ({ one }) => ({
  escrow: one(escrow, { fields: [feeFlow.chainId, feeFlow.escrowId], references: [escrow.chainId, escrow.escrowId] }),
}));

export const disputeRelations = relations(dispute, ({ one }) => ({
  escrow: one(escrow, { fields: [dispute.chainId, dispute.escrowId], references: [escrow.chainId, escrow.escrowId] }),
}));

export const escrowEventRelations = relations(escrowEvent, ({ one }) => ({
  escrow: one(escrow, { fields: [escrowEvent.chainId, escrowEvent.escrowId], references: [escrow.chainId, escrow.escrowId] }),
}));

export const jobRatingRelations = relations(jobRating, ({ one }) => ({
  escrow: one(escrow, { fields: [jobRating.chainId, jobRating.escrowId], references: [escrow.chainId, escrow.escrowId] }),
}));


// ───────────────────────────── DAO (issue 6) ─────────────────────────────
// WorxGovernor proposals and votes, WORX balances, delegation and staking, the FeeSplitter's
// splits and releases, WorkRewards' mints, and the treasury's (the TimelockController's) flows.

/** One WorxGovernor per chain: its settings, as its events set them (constructor included). */
export const daoGovernor = onchainTable("dao_governor", (t) => ({
  /** `${chainId}:${governor}` (address lowercase). */
  id: t.text().primaryKey(),
  chainId: t.text().notNull(),
  governor: account(t).notNull(),
  /** The TimelockController that executes passed proposals and holds the treasury. */
  timelock: account(t),
  /** May cancel Pending proposals (the protocol multisig); null when none. */
  guardian: account(t),
  /** Seconds between a proposal and its vote's start (ERC-6372 timestamp clock; blocks on Stacks). */
  votingDelay: t.bigint().notNull(),
  /** Seconds a vote lasts before any late-quorum extension (blocks on Stacks). */
  votingPeriod: t.bigint().notNull(),
  /** WORX wei of votes a proposer needs. */
  proposalThreshold: t.bigint().notNull(),
  /** Quorum in percent of the total supply at the vote's start (bps of the supply at proposing on Stacks). */
  quorumNumerator: t.bigint().notNull(),
  /** Seconds a vote lasts at least after quorum is first reached (blocks on Stacks). */
  voteExtension: t.bigint().notNull(),
  updatedAt: t.bigint().notNull(),
}));

/**
 * A governor proposal. The stored `status` is what its events said last; the API derives the
 * Governor's state (pending, active, defeated, succeeded, …) from it, the times, the tallies, the
 * quorum and the chain's latest block time.
 */
export const proposal = onchainTable(
  "proposal",
  (t) => ({
    /** `${chainId}:${proposalId}`. */
    id: t.text().primaryKey(),
    chainId: t.text().notNull(),
    governor: account(t).notNull(),
    /** The Governor's proposal id (a uint256 hash), in decimal; on Stacks the proposal contract's principal. */
    proposalId: t.text().notNull(),
    proposer: account(t).notNull(),
    /** The description's first line, without a leading "# ". */
    title: t.text().notNull(),
    description: t.text().notNull(),
    /** The calls, one entry per call: targets (lowercase), values (wei, decimal), calldatas, signatures (usually ""). */
    targets: t.json().$type<string[]>().notNull(),
    /** SQL column `call_values` (VALUES is an SQL keyword). */
    values: t.json("call_values").$type<string[]>().notNull(),
    calldatas: t.json().$type<string[]>().notNull(),
    signatures: t.json().$type<string[]>().notNull(),
    /** The vote's snapshot and start, unix seconds (ERC-6372 timestamp clock; a block height on Stacks): voting opens after it. */
    voteStart: t.bigint().notNull(),
    /** The vote's end (inclusive), unix seconds (a block height on Stacks); moved by a late-quorum extension. */
    voteEnd: t.bigint().notNull(),
    /** The Governor's `quorum(voteStart)`, read at the first vote; null before any vote (on Stacks: printed at creation). */
    quorum: t.bigint(),
    forVotes: t.bigint().notNull(),
    againstVotes: t.bigint().notNull(),
    abstainVotes: t.bigint().notNull(),
    voterCount: t.integer().notNull(),
    status: t.text().$type<ProposalStatus>().notNull(),
    /** Earliest execution time (unix seconds; a block height on Stacks) once queued in the timelock. */
    eta: t.bigint(),
    /** The TimelockController's operation id (hashOperationBatch with the governor's salt) once queued. */
    timelockId: t.hex(),
    /** Set when a late-quorum extension moved `voteEnd`. */
    extended: t.boolean().notNull(),
    createdAt: t.bigint().notNull(),
    createdBlock: t.bigint().notNull(),
    createdTx: t.hex().notNull(),
    queuedAt: t.bigint(),
    queuedTx: t.hex(),
    executedAt: t.bigint(),
    executedTx: t.hex(),
    canceledAt: t.bigint(),
    canceledTx: t.hex(),
    /**
     * Who canceled: the proposer when it sent the cancel to the governor itself, else the guardian
     * (the only other account the governor lets cancel); the timelock for an operation canceled on the timelock.
     */
    canceledBy: account(t),
    /** Block timestamp of the latest change. */
    updatedAt: t.bigint().notNull(),
  }),
  (table) => ({
    chainCreatedIdx: index().on(table.chainId, table.createdAt),
    statusIdx: index().on(table.status),
    proposerIdx: index().on(table.proposer),
    timelockIdx: index().on(table.chainId, table.timelockId),
  }),
);

/** One vote per voter and proposal (the Governor refuses a second one). */
export const vote = onchainTable(
  "vote",
  (t) => ({
    /** `${chainId}:${proposalId}:${voter}` (voter lowercase). */
    id: t.text().primaryKey(),
    chainId: t.text().notNull(),
    proposalId: t.text().notNull(),
    voter: account(t).notNull(),
    /** 0 against, 1 for, 2 abstain. */
    support: t.integer().notNull(),
    supportName: t.text().$type<VoteSupport>().notNull(),
    /** The voter's votes at the proposal's snapshot (voteStart). */
    weight: t.bigint().notNull(),
    reason: t.text().notNull(),
    /** The extra parameters of castVoteWithReasonAndParams; null for a plain vote. */
    params: t.hex(),
    castAt: t.bigint().notNull(),
    blockNumber: t.bigint().notNull(),
    txHash: t.hex().notNull(),
  }),
  (table) => ({
    proposalIdx: index().on(table.chainId, table.proposalId),
    voterIdx: index().on(table.voter),
  }),
);

/** Whom each WORX holder delegates its votes to (OpenZeppelin Votes: nobody until `delegate`). */
export const delegation = onchainTable(
  "delegation",
  (t) => ({
    /** `${chainId}:${delegator}` (lowercase). */
    id: t.text().primaryKey(),
    chainId: t.text().notNull(),
    delegator: account(t).notNull(),
    /** The current delegate (the delegator itself when self-delegated; zero address: none). */
    delegate: account(t).notNull(),
    previousDelegate: account(t).notNull(),
    updatedAt: t.bigint().notNull(),
    txHash: t.hex().notNull(),
  }),
  (table) => ({
    delegateIdx: index().on(table.chainId, table.delegate),
  }),
);

/** Every account that ever held, staked or was delegated WORX: equal to the token's views. */
export const votingPower = onchainTable(
  "voting_power",
  (t) => ({
    /** `${chainId}:${account}` (lowercase). */
    id: t.text().primaryKey(),
    chainId: t.text().notNull(),
    account: account(t).notNull(),
    /** `getVotes(account)`: votes delegated to it (DelegateVotesChanged). */
    votes: t.bigint().notNull(),
    /** `balanceOf(account)` (Transfer). */
    balance: t.bigint().notNull(),
    /** `delegates(account)`; null until it delegates. */
    delegate: account(t),
    /** `lockedBalance(account)`: the sum of its stake positions until unstaked. */
    staked: t.bigint().notNull(),
    updatedAt: t.bigint().notNull(),
  }),
  (table) => ({
    accountIdx: index().on(table.account),
    chainVotesIdx: index().on(table.chainId, table.votes),
  }),
);

/** One WORX staking position per account and lock term, as `stakeOf(account, term)`. */
export const stake = onchainTable(
  "stake",
  (t) => ({
    /** `${chainId}:${account}:${term}` (account lowercase, term "30d" | "90d" | "180d"). */
    id: t.text().primaryKey(),
    chainId: t.text().notNull(),
    account: account(t).notNull(),
    term: t.text().$type<LockTermName>().notNull(),
    /** IWorxToken.LockTerm: 0 (30 days), 1 (90 days), 2 (180 days). */
    termId: t.integer().notNull(),
    /** The position's amount (0 once unstaked, as on chain). */
    amount: t.bigint().notNull(),
    /** Unix seconds from which it may be unstaked (0 once unstaked, as on chain). */
    unlockAt: t.bigint().notNull(),
    /** Holds tokens (staked and not yet unstaked). */
    active: t.boolean().notNull(),
    /** The latest stake into the position. */
    stakedAt: t.bigint().notNull(),
    unstakedAt: t.bigint(),
    /** What the latest unstake released; null before any. */
    unstakedAmount: t.bigint(),
    updatedTx: t.hex().notNull(),
  }),
  (table) => ({
    accountIdx: index().on(table.chainId, table.account),
  }),
);

/** Money into and out of the DAO treasury (the TimelockController), one row per movement. */
export const treasuryFlow = onchainTable(
  "treasury_flow",
  (t) => ({
    /** `${chainId}:${txHash}:${logIndex}`, plus `:native` for the coin sent by a call that also transferred a token. */
    id: t.text().primaryKey(),
    chainId: t.text().notNull(),
    /** The timelock. */
    treasury: account(t).notNull(),
    /** ERC-20 address, or the zero address for the native coin. */
    token: account(t).notNull(),
    direction: t.text().$type<TreasuryFlowDirection>().notNull(),
    amount: t.bigint().notNull(),
    /** The payer (the FeeSplitter, a sender) or the recipient. */
    counterparty: account(t).notNull(),
    kind: t.text().$type<TreasuryFlowKind>().notNull(),
    /** The proposal whose execution paid it (kind "proposal-execution"). */
    proposalId: t.text(),
    at: t.bigint().notNull(),
    blockNumber: t.bigint().notNull(),
    logIndex: t.integer().notNull(),
    txHash: t.hex().notNull(),
  }),
  (table) => ({
    chainTokenIdx: index().on(table.chainId, table.token, table.at),
    chainAtIdx: index().on(table.chainId, table.blockNumber, table.logIndex),
  }),
);

/** Every FeeSplitter `distribute`: the income split between the treasury and operations. */
export const feeSplit = onchainTable(
  "fee_split",
  (t) => ({
    /** `${chainId}:${txHash}:${logIndex}`. */
    id: t.text().primaryKey(),
    chainId: t.text().notNull(),
    splitter: account(t).notNull(),
    token: account(t).notNull(),
    income: t.bigint().notNull(),
    toTreasury: t.bigint().notNull(),
    toOperations: t.bigint().notNull(),
    daoShareBps: t.integer().notNull(),
    at: t.bigint().notNull(),
    blockNumber: t.bigint().notNull(),
    txHash: t.hex().notNull(),
  }),
  (table) => ({
    chainTokenIdx: index().on(table.chainId, table.token),
  }),
);

/** Every FeeSplitter `release`: owed fees paid to a payee. */
export const feeRelease = onchainTable(
  "fee_release",
  (t) => ({
    /** `${chainId}:${txHash}:${logIndex}`. */
    id: t.text().primaryKey(),
    chainId: t.text().notNull(),
    splitter: account(t).notNull(),
    token: account(t).notNull(),
    payee: account(t).notNull(),
    amount: t.bigint().notNull(),
    at: t.bigint().notNull(),
    blockNumber: t.bigint().notNull(),
    txHash: t.hex().notNull(),
  }),
  (table) => ({
    payeeIdx: index().on(table.chainId, table.payee),
  }),
);

/** A finished job's WORX reward (WorkRewards, once per escrow). */
export const workReward = onchainTable(
  "work_reward",
  (t) => ({
    /** `${chainId}:${escrowId}`. */
    id: t.text().primaryKey(),
    chainId: t.text().notNull(),
    escrowId: t.bigint().notNull(),
    freelancer: account(t).notNull(),
    client: account(t).notNull(),
    /** The job's token (zero address: the native coin). */
    token: account(t).notNull(),
    /** The job's released amount the reward is computed from. */
    value: t.bigint().notNull(),
    freelancerReward: t.bigint().notNull(),
    clientReward: t.bigint().notNull(),
    /** Who sent the claim (anyone may). */
    claimedBy: account(t).notNull(),
    at: t.bigint().notNull(),
    txHash: t.hex().notNull(),
  }),
  (table) => ({
    freelancerIdx: index().on(table.freelancer),
    clientIdx: index().on(table.client),
  }),
);

/** A badge's WORX reward (WorkRewards, once per badge). */
export const badgeReward = onchainTable(
  "badge_reward",
  (t) => ({
    /** `${chainId}:${badgeId}`. */
    id: t.text().primaryKey(),
    chainId: t.text().notNull(),
    badgeId: t.bigint().notNull(),
    /** The badge's holder, who received it. */
    account: account(t).notNull(),
    tierId: t.integer().notNull(),
    amount: t.bigint().notNull(),
    at: t.bigint().notNull(),
    txHash: t.hex().notNull(),
  }),
  (table) => ({
    accountIdx: index().on(table.account),
  }),
);

export const proposalRelations = relations(proposal, ({ many }) => ({
  votes: many(vote),
}));

export const voteRelations = relations(vote, ({ one }) => ({
  proposal: one(proposal, { fields: [vote.chainId, vote.proposalId], references: [proposal.chainId, proposal.proposalId] }),
}));

// ───────────────────────────── creator coins and the DEX (issue 7) ─────────────────────────────
// The MetricsOracle's reports and milestones, the CreatorCoinFactory's launches, every CreatorCoin
// (supply releases, balances with average-cost P/L, revenue sharing) and every CreatorPool
// (reserves, swaps, liquidity, candles, protections and circuit breaker). Coins and pools are
// found through Ponder's factory() on CoinLaunched. Prices are integers: base-token smallest units
// per one whole coin (10^18 coin units), `reserveBase * 10^18 / reserveCoin` rounded down.

/** A swap's direction: "buy" pays the base token for coins, "sell" the reverse. */
export type SwapSide = "buy" | "sell";
/** Liquidity added to or removed from a pool. */
export type LiquidityKind = "add" | "remove";
/** Candle sizes: one minute, one hour, one UTC day. */
export type CandleInterval = "1m" | "1h" | "1d";
/** A pool's protection events: the breaker tripped, the admin halted or resumed swaps, the parameters changed. */
export type BreakerEventKind = "tripped" | "halted" | "resumed" | "params";

/** ICreatorPool.PoolParams as stored (JSON): the amount as a decimal string. */
export interface PoolParamsJson {
  swapFeeBps: number;
  protocolShareBps: number;
  dailyVolumeLimit: string;
  cooldown: number;
  maxPriceMoveBps: number;
  breakerWindow: number;
  coolOff: number;
  maxPriceImpactBps: number;
}

/** One MetricsOracle per chain: its governed settings, as its events set them (constructor included). */
export const metricsOracle = onchainTable("metrics_oracle", (t) => ({
  /** `${chainId}:${address}`. */
  id: t.text().primaryKey(),
  chainId: t.text().notNull(),
  address: account(t).notNull(),
  /** The milestone gating a coin launch. */
  launchMilestoneIndex: t.integer().notNull(),
  /** Seconds a report's observation may be old. */
  maxAge: t.bigint().notNull(),
  /** Thresholds defined (rows of milestone_threshold). */
  milestoneCount: t.integer().notNull(),
  updatedAt: t.bigint().notNull(),
}));

/** A follower threshold of the oracle, by index (append-only: an index never changes meaning). */
export const milestoneThreshold = onchainTable(
  "milestone_threshold",
  (t) => ({
    /** `${chainId}:${oracle}:${index}`. */
    id: t.text().primaryKey(),
    chainId: t.text().notNull(),
    oracle: account(t).notNull(),
    index: t.integer().notNull(),
    /** Followers required. */
    threshold: t.bigint().notNull(),
    addedAt: t.bigint().notNull(),
    txHash: t.hex().notNull(),
  }),
  (table) => ({
    chainIdx: index().on(table.chainId, table.index),
  }),
);

/** A creator the oracle knows (first report onwards): its latest metrics, milestones and coin. */
export const creator = onchainTable(
  "creator",
  (t) => ({
    /** `${chainId}:${creatorId}`. */
    id: t.text().primaryKey(),
    chainId: t.text().notNull(),
    /** keccak256("worx:creator:" + handle), the oracle's key. */
    creatorId: t.hex().notNull(),
    /** Its wallet, fixed at the first report (`creatorOf`). */
    creator: account(t).notNull(),
    /** The latest report (`metrics(creatorId)`). */
    plays: t.bigint().notNull(),
    followers: t.bigint().notNull(),
    engagementBps: t.bigint().notNull(),
    observedAt: t.bigint().notNull(),
    /** The last accepted nonce (`lastNonce`). */
    nonce: t.bigint().notNull(),
    /** Milestones reached: the indices 0 .. n-1 (`milestonesReached`). */
    milestonesReached: t.integer().notNull(),
    reports: t.integer().notNull(),
    /** Its coin and pool once launched; null before. */
    coin: account(t),
    pool: account(t),
    launchedAt: t.bigint(),
    firstReportedAt: t.bigint().notNull(),
    updatedAt: t.bigint().notNull(),
  }),
  (table) => ({
    chainFollowersIdx: index().on(table.chainId, table.followers),
    creatorIdx: index().on(table.creator),
  }),
);

/** Every accepted report (a creator's metrics history). */
export const creatorMetric = onchainTable(
  "creator_metric",
  (t) => ({
    /** `${chainId}:${txHash}:${logIndex}`. */
    id: t.text().primaryKey(),
    chainId: t.text().notNull(),
    creatorId: t.hex().notNull(),
    creator: account(t).notNull(),
    /** The REPORTER_ROLE holder that posted it. */
    reporter: account(t).notNull(),
    plays: t.bigint().notNull(),
    followers: t.bigint().notNull(),
    engagementBps: t.bigint().notNull(),
    observedAt: t.bigint().notNull(),
    nonce: t.bigint().notNull(),
    /** Block time of the report. */
    timestamp: t.bigint().notNull(),
    blockNumber: t.bigint().notNull(),
    txHash: t.hex().notNull(),
  }),
  (table) => ({
    creatorIdx: index().on(table.chainId, table.creatorId, table.observedAt),
  }),
);

/** A milestone a creator reached (once per index, forever). */
export const creatorMilestone = onchainTable(
  "creator_milestone",
  (t) => ({
    /** `${chainId}:${creatorId}:${index}`. */
    id: t.text().primaryKey(),
    chainId: t.text().notNull(),
    creatorId: t.hex().notNull(),
    index: t.integer().notNull(),
    threshold: t.bigint().notNull(),
    reachedAt: t.bigint().notNull(),
    blockNumber: t.bigint().notNull(),
    tx: t.hex().notNull(),
  }),
  (table) => ({
    creatorIdx: index().on(table.chainId, table.creatorId),
  }),
);

/** One CreatorCoinFactory per chain: its governed settings. */
export const coinFactory = onchainTable("coin_factory", (t) => ({
  /** `${chainId}:${address}`. */
  id: t.text().primaryKey(),
  chainId: t.text().notNull(),
  address: account(t).notNull(),
  /** The fee recipient given to pools launched from now on (the FeeSplitter). */
  feeRecipient: account(t),
  /** The pool parameters given to pools launched from now on; null when the factory emitted none. */
  defaultPoolParams: t.json().$type<PoolParamsJson>(),
  coinCount: t.integer().notNull(),
  updatedAt: t.bigint().notNull(),
}));

/** A launched creator coin (ERC-20, 18 decimals). */
export const coin = onchainTable(
  "coin",
  (t) => ({
    /** `${chainId}:${address}`. */
    id: t.text().primaryKey(),
    chainId: t.text().notNull(),
    address: account(t).notNull(),
    creatorId: t.hex().notNull(),
    creator: account(t).notNull(),
    pool: account(t).notNull(),
    /** The pool's base token (revenue is paid in it too). */
    baseToken: account(t).notNull(),
    name: t.text().notNull(),
    symbol: t.text().notNull(),
    decimals: t.integer().notNull(),
    initialSupply: t.bigint().notNull(),
    /** Initial plus every scheduled release (`maxSupply()`). */
    maxSupply: t.bigint().notNull(),
    /** `totalSupply()`: initial plus the releases minted so far. */
    totalSupply: t.bigint().notNull(),
    /** `eligibleSupply()`: the supply earning revenue (total minus revenue-excluded balances). */
    eligibleSupply: t.bigint().notNull(),
    holderShareBps: t.integer().notNull(),
    /** The oracle milestone of the first scheduled release (launch milestone + 1 at launch). */
    firstReleaseIndex: t.integer().notNull(),
    /** Accounts with a positive balance, the coin's own pool not counted. */
    holders: t.integer().notNull(),
    /** Revenue deposited in total, and its split. */
    revenueDeposited: t.bigint().notNull(),
    revenueHolderShare: t.bigint().notNull(),
    revenueCreatorShare: t.bigint().notNull(),
    /** Revenue paid out by claims (holders' and the creator's shares). */
    revenueClaimed: t.bigint().notNull(),
    /** The creator's share credited and not claimed yet (`creatorRevenue()`). */
    creatorRevenuePending: t.bigint().notNull(),
    revenueDeposits: t.integer().notNull(),
    launchedAt: t.bigint().notNull(),
    launchBlock: t.bigint().notNull(),
    launchTx: t.hex().notNull(),
  }),
  (table) => ({
    chainIdx: index().on(table.chainId, table.launchedAt),
    creatorIdx: index().on(table.chainId, table.creatorId),
  }),
);

/** A coin's supply release scheduled at launch for a milestone, and whether it was minted. */
export const coinRelease = onchainTable(
  "coin_release",
  (t) => ({
    /** `${chainId}:${coin}:${milestoneIndex}`. */
    id: t.text().primaryKey(),
    chainId: t.text().notNull(),
    coin: account(t).notNull(),
    milestoneIndex: t.integer().notNull(),
    /** `releaseAt(milestoneIndex)`. */
    amount: t.bigint().notNull(),
    /** `isReleased(milestoneIndex)`. */
    released: t.boolean().notNull(),
    releasedAt: t.bigint(),
    releasedTx: t.hex(),
  }),
  (table) => ({
    coinIdx: index().on(table.chainId, table.coin),
  }),
);

/**
 * A creator coin's pool against the base token. Reserves are derived from its events exactly as
 * the contract keeps them: a swap adds `amountIn - protocolFee` to the input side and takes
 * `amountOut` from the other; liquidity adds and removes move both.
 */
export const pool = onchainTable(
  "pool",
  (t) => ({
    /** `${chainId}:${address}`. */
    id: t.text().primaryKey(),
    chainId: t.text().notNull(),
    address: account(t).notNull(),
    /** Set by CoinLaunched (the pool's constructor events come first): null only within the launch. */
    coin: account(t),
    baseToken: account(t),
    creatorId: t.hex(),
    /** `getReserves()`. */
    reserveCoin: t.bigint().notNull(),
    reserveBase: t.bigint().notNull(),
    /** LP tokens in existence (`totalSupply()`, MINIMUM_LIQUIDITY locked at the dead address included). */
    lpSupply: t.bigint().notNull(),
    /** Spot price: base units per whole coin; null without liquidity. */
    price: t.bigint(),
    swapFeeBps: t.integer().notNull(),
    protocolShareBps: t.integer().notNull(),
    /** `params()`. */
    params: t.json().$type<PoolParamsJson>().notNull(),
    feeRecipient: account(t),
    /** Swaps are refused until then (0 or past: trading). */
    haltedUntil: t.bigint().notNull(),
    /** The breaker's current window (0: none open; closed when it trips) and its reference price (UQ112x112). */
    breakerWindowStart: t.bigint().notNull(),
    breakerReferencePrice: t.bigint().notNull(),
    breakerTrips: t.integer().notNull(),
    swaps: t.integer().notNull(),
    /** Base-token value of every swap (the base side: paid for buys, received for sells). */
    volumeBaseTotal: t.bigint().notNull(),
    volumeCoinTotal: t.bigint().notNull(),
    /** Protocol fees accrued in total (collected or not). */
    protocolFeesBase: t.bigint().notNull(),
    protocolFeesCoin: t.bigint().notNull(),
    /** Accrued and not collected yet (`protocolFeesAccrued()`). */
    protocolFeesPendingBase: t.bigint().notNull(),
    protocolFeesPendingCoin: t.bigint().notNull(),
    lastSwapAt: t.bigint(),
    createdAt: t.bigint().notNull(),
    updatedAt: t.bigint().notNull(),
  }),
  (table) => ({
    coinIdx: index().on(table.chainId, table.coin),
  }),
);

/** Every swap. */
export const swap = onchainTable(
  "swap",
  (t) => ({
    /** `${chainId}:${txHash}:${logIndex}`. */
    id: t.text().primaryKey(),
    chainId: t.text().notNull(),
    pool: account(t).notNull(),
    coin: account(t).notNull(),
    /** Who paid the input (`msg.sender`) and who received the output. */
    sender: account(t).notNull(),
    to: account(t).notNull(),
    side: t.text().$type<SwapSide>().notNull(),
    tokenIn: account(t).notNull(),
    /** Input paid, fee included, and output received. */
    amountIn: t.bigint().notNull(),
    amountOut: t.bigint().notNull(),
    protocolFee: t.bigint().notNull(),
    /** The swap's base-token and coin amounts (the input or the output, by side). */
    amountBase: t.bigint().notNull(),
    amountCoin: t.bigint().notNull(),
    /** Spot price before and after (null without liquidity before). */
    priceBefore: t.bigint(),
    priceAfter: t.bigint().notNull(),
    reserveCoinAfter: t.bigint().notNull(),
    reserveBaseAfter: t.bigint().notNull(),
    time: t.bigint().notNull(),
    block: t.bigint().notNull(),
    logIndex: t.integer().notNull(),
    tx: t.hex().notNull(),
  }),
  (table) => ({
    poolTimeIdx: index().on(table.chainId, table.pool, table.time),
    senderIdx: index().on(table.sender),
  }),
);

/** Liquidity added to or removed from a pool. */
export const liquidityEvent = onchainTable(
  "liquidity_event",
  (t) => ({
    /** `${chainId}:${txHash}:${logIndex}`. */
    id: t.text().primaryKey(),
    chainId: t.text().notNull(),
    pool: account(t).notNull(),
    coin: account(t),
    kind: t.text().$type<LiquidityKind>().notNull(),
    /** Who paid the tokens (add) or whose LP tokens were burnt (remove). */
    provider: account(t).notNull(),
    /** Who received the LP tokens (add) or the tokens (remove). */
    to: account(t).notNull(),
    amountCoin: t.bigint().notNull(),
    amountBase: t.bigint().notNull(),
    liquidity: t.bigint().notNull(),
    reserveCoinAfter: t.bigint().notNull(),
    reserveBaseAfter: t.bigint().notNull(),
    priceAfter: t.bigint(),
    time: t.bigint().notNull(),
    block: t.bigint().notNull(),
    logIndex: t.integer().notNull(),
    tx: t.hex().notNull(),
  }),
  (table) => ({
    poolIdx: index().on(table.chainId, table.pool),
  }),
);

/**
 * OHLC candles of a pool's swaps, per interval. Each swap's price is its `priceAfter`: `open` is
 * the first swap's of the bucket, `close` the last one's. Buckets without swaps have no row.
 */
export const candle = onchainTable(
  "candle",
  (t) => ({
    /** `${chainId}:${pool}:${interval}:${bucket}`. */
    id: t.text().primaryKey(),
    chainId: t.text().notNull(),
    pool: account(t).notNull(),
    interval: t.text().$type<CandleInterval>().notNull(),
    /** Unix seconds of the bucket's start (a multiple of 60, 3600 or 86400). */
    bucket: t.bigint().notNull(),
    open: t.bigint().notNull(),
    high: t.bigint().notNull(),
    low: t.bigint().notNull(),
    close: t.bigint().notNull(),
    volumeBase: t.bigint().notNull(),
    volumeCoin: t.bigint().notNull(),
    trades: t.integer().notNull(),
  }),
  (table) => ({
    poolIntervalIdx: index().on(table.chainId, table.pool, table.interval, table.bucket),
  }),
);

/**
 * A coin's holder (any account that ever held it): `balanceOf`, and its position by the
 * average-cost method, in base-token units: a buy (a swap paying the base token, credited to the
 * swap's recipient) adds what was paid to `costBasisBase`; any coin leaving the account (a sale,
 * a transfer, a liquidity deposit) removes the cost of the coins leaving, proportionally
 * (`costBasis * amount / balance`, rounded down); coins received otherwise (transfers, releases,
 * liquidity withdrawals) come at zero cost. A sale's realized P/L is the base received minus the
 * cost removed.
 */
export const holder = onchainTable(
  "holder",
  (t) => ({
    /** `${chainId}:${coin}:${account}`. */
    id: t.text().primaryKey(),
    chainId: t.text().notNull(),
    coin: account(t).notNull(),
    account: account(t).notNull(),
    balance: t.bigint().notNull(),
    costBasisBase: t.bigint().notNull(),
    /** Coins bought and sold through the pool, and the base paid and received for them. */
    boughtCoin: t.bigint().notNull(),
    soldCoin: t.bigint().notNull(),
    boughtBase: t.bigint().notNull(),
    soldBase: t.bigint().notNull(),
    /** Signed: proceeds of sales minus the cost they removed. */
    realizedPnlBase: t.bigint().notNull(),
    /** Holder revenue claimed (`claimedRevenue(account)`: the creator's own share not included). */
    revenueClaimed: t.bigint().notNull(),
    /** Excluded from revenue sharing (the coin's pool, other AMM pools). */
    excluded: t.boolean().notNull(),
    /** The cost removed by the account's latest outgoing transfer, and its transaction: a sale's realized P/L uses it. */
    lastOutCost: t.bigint().notNull(),
    lastOutTx: t.hex(),
    updatedAt: t.bigint().notNull(),
  }),
  (table) => ({
    coinBalanceIdx: index().on(table.chainId, table.coin, table.balance),
    accountIdx: index().on(table.account),
  }),
);

/** A revenue deposit into a coin. */
export const revenueDeposit = onchainTable(
  "revenue_deposit",
  (t) => ({
    /** `${chainId}:${txHash}:${logIndex}`. */
    id: t.text().primaryKey(),
    chainId: t.text().notNull(),
    coin: account(t).notNull(),
    from: account(t).notNull(),
    amount: t.bigint().notNull(),
    holderAmount: t.bigint().notNull(),
    creatorAmount: t.bigint().notNull(),
    /** The supply that shared `holderAmount` (`eligibleSupply()` at the deposit). */
    eligibleSupply: t.bigint().notNull(),
    time: t.bigint().notNull(),
    block: t.bigint().notNull(),
    tx: t.hex().notNull(),
  }),
  (table) => ({
    coinIdx: index().on(table.chainId, table.coin),
  }),
);

/** A revenue claim: `amount` paid, split into the holder revenue and the creator's share. */
export const revenueClaim = onchainTable(
  "revenue_claim",
  (t) => ({
    /** `${chainId}:${txHash}:${logIndex}`. */
    id: t.text().primaryKey(),
    chainId: t.text().notNull(),
    coin: account(t).notNull(),
    account: account(t).notNull(),
    amount: t.bigint().notNull(),
    holderAmount: t.bigint().notNull(),
    creatorAmount: t.bigint().notNull(),
    time: t.bigint().notNull(),
    block: t.bigint().notNull(),
    tx: t.hex().notNull(),
  }),
  (table) => ({
    coinIdx: index().on(table.chainId, table.coin),
    accountIdx: index().on(table.account),
  }),
);

/**
 * A pool's protection events: "tripped" (CircuitBreakerTripped: reference and new price as
 * UQ112x112, the move in bps, halted until), "halted" and "resumed" by the admin, "params"
 * (ParamsUpdated, the constructor's included).
 */
export const breakerEvent = onchainTable(
  "breaker_event",
  (t) => ({
    /** `${chainId}:${txHash}:${logIndex}`. */
    id: t.text().primaryKey(),
    chainId: t.text().notNull(),
    pool: account(t).notNull(),
    kind: t.text().$type<BreakerEventKind>().notNull(),
    /** Who acted: the admin (halted, resumed, params), the trader whose swap tripped the breaker. */
    actor: account(t).notNull(),
    referencePriceX112: t.bigint(),
    priceX112: t.bigint(),
    moveBps: t.bigint(),
    haltedUntil: t.bigint(),
    params: t.json().$type<PoolParamsJson>(),
    time: t.bigint().notNull(),
    block: t.bigint().notNull(),
    tx: t.hex().notNull(),
  }),
  (table) => ({
    poolIdx: index().on(table.chainId, table.pool, table.time),
  }),
);
