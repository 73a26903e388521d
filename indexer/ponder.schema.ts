/**
 * The escrow's tables. Every row names its chain by CAIP-2 id (`eip155:31337`), so one table holds
 * every chain (and, through their own ingestion path, Stacks rows later). Amounts are integers in
 * the token's smallest unit; timestamps are block timestamps in seconds.
 */
import { index, onchainTable, relations } from "ponder";

export type EscrowStatus = "created" | "funded" | "completed" | "cancelled";
export type MilestoneStatus = "pending" | "submitted" | "released";

/** One MilestoneEscrow deployment per chain: its current settings, as its events set them. */
export const escrowContract = onchainTable("escrow_contract", (t) => ({
  /** `${chainId}:${address}` (address lowercase). */
  id: t.text().primaryKey(),
  chainId: t.text().notNull(),
  address: t.hex().notNull(),
  /** Account credited with platform fees of releases from now on. */
  feeRecipient: t.hex(),
  /** Platform fee for escrows created from now on. */
  platformFeeBps: t.integer(),
  paused: t.boolean().notNull(),
  updatedBlock: t.bigint().notNull(),
}));

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
    contract: t.hex().notNull(),
    client: t.hex().notNull(),
    freelancer: t.hex().notNull(),
    /** ERC-20 address, or the zero address for the native coin. */
    token: t.hex().notNull(),
    /** Milestone amounts in order; `total` is their sum. */
    amounts: t.bigint().array().notNull(),
    total: t.bigint().notNull(),
    /** Sum of released milestone amounts (fees included). */
    released: t.bigint().notNull(),
    /** Platform fee fixed at creation. */
    feeBps: t.integer().notNull(),
    status: t.text().$type<EscrowStatus>().notNull(),
    milestoneCount: t.integer().notNull(),
    releasedCount: t.integer().notNull(),
    createdAt: t.bigint().notNull(),
    createdBlock: t.bigint().notNull(),
    createdTx: t.hex().notNull(),
    fundedAt: t.bigint(),
    fundedBlock: t.bigint(),
    fundedTx: t.hex(),
    completedAt: t.bigint(),
    completedBlock: t.bigint(),
    completedTx: t.hex(),
    cancelledAt: t.bigint(),
    cancelledBlock: t.bigint(),
    cancelledTx: t.hex(),
    /** Who cancelled: the client or the freelancer. */
    cancelledBy: t.hex(),
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
    status: t.text().$type<MilestoneStatus>().notNull(),
    /** Opaque reference (e.g. a content hash) given on submission; null when none was given. */
    deliverable: t.hex(),
    /** Set on release: `fee + payout == amount`. */
    fee: t.bigint(),
    payout: t.bigint(),
    submittedAt: t.bigint(),
    submittedTx: t.hex(),
    releasedAt: t.bigint(),
    releasedBlock: t.bigint(),
    releasedTx: t.hex(),
  }),
  (table) => ({
    escrowIdx: index().on(table.chainId, table.escrowId),
  }),
);

/** Every platform fee credited on a release (none for a zero fee). */
export const feeFlow = onchainTable(
  "fee_flow",
  (t) => ({
    /** `${chainId}:${escrowId}:${milestoneIndex}`: at most one fee per released milestone. */
    id: t.text().primaryKey(),
    chainId: t.text().notNull(),
    escrowId: t.bigint().notNull(),
    milestoneIndex: t.integer().notNull(),
    token: t.hex().notNull(),
    amount: t.bigint().notNull(),
    /** The contract's fee recipient when the fee was credited. */
    recipient: t.hex().notNull(),
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
    account: t.hex().notNull(),
    token: t.hex().notNull(),
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
 * The audit log of every privileged call across the protocol's contracts: the escrow's fee and
 * fee-recipient changes, pauses, role grants and revocations, and every event of the multisig
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
    contract: t.hex().notNull(),
    /**
     * The event name. MilestoneEscrow: PlatformFeeUpdated, FeeRecipientUpdated, Paused, Unpaused,
     * RoleGranted, RoleRevoked, RoleAdminChanged. WorxMultisig: OperationProposed, Approved,
     * Queued, Executed, CancelApproved, Cancelled, OwnerAdded, OwnerRemoved, ThresholdChanged,
     * DelayChanged, ClassConfigured, PausableTargetConfigured, GuardianChanged, GuardianPaused,
     * Received.
     */
    action: t.text().notNull(),
    /**
     * The account that acted: the event's `sender`/`account`/`proposer`/`owner`/`guardian`/`from`
     * when it names one; for the multisig's configuration events (owners, thresholds, delays,
     * classes, pausable targets, guardian: executed Critical operations or its constructor) the
     * multisig itself; else the transaction's sender.
     */
    actor: t.hex().notNull(),
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

// ───────────────────────────── multisig ─────────────────────────────

export type OperationClass = "critical" | "routine";
/**
 * Stored states only. `Expired` is never stored on chain either: a queued operation whose
 * `eta + GRACE_PERIOD` (14 days) has passed can no longer execute; readers derive it from `eta`.
 */
export type OperationState = "pending" | "queued" | "executed" | "cancelled";
export type ApprovalKind = "approve" | "cancel";

/** One operation of a WorxMultisig (`target.call{value}(data)` under a nonce), from proposal on. */
export const multisigOperation = onchainTable(
  "multisig_operation",
  (t) => ({
    /** `${chainId}:${operationId}`: the id is an EIP-712 digest naming chain and multisig. */
    id: t.text().primaryKey(),
    chainId: t.text().notNull(),
    multisig: t.hex().notNull(),
    /**
     * The EIP-712 digest owners sign. SQL column `op_id`: Ponder reserves `operation_id` (the
     * GraphQL field and the @ponder/client key stay `operationId`).
     */
    operationId: t.hex("op_id").notNull(),
    target: t.hex().notNull(),
    value: t.bigint().notNull(),
    data: t.hex().notNull(),
    nonce: t.bigint().notNull(),
    /** Fixed at proposal; raised to "critical" at queue time when the call was reconfigured. */
    opClass: t.text().$type<OperationClass>().notNull(),
    /** Who submitted the proposal: an owner, or a relayer of owners' signatures. */
    proposer: t.hex().notNull(),
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
    multisig: t.hex().notNull(),
    /** SQL column `op_id` (Ponder reserves `operation_id`). */
    operationId: t.hex("op_id").notNull(),
    owner: t.hex().notNull(),
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
    multisig: t.hex().notNull(),
    owner: t.hex().notNull(),
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
  multisig: t.hex().notNull(),
  /** Current owners (the active rows of multisig_owner). */
  ownerCount: t.integer().notNull(),
  routineThreshold: t.integer().notNull(),
  criticalThreshold: t.integer().notNull(),
  /** Timelock delays in seconds. */
  routineDelay: t.bigint().notNull(),
  criticalDelay: t.bigint().notNull(),
  /** Who may pause pausable targets; null when none. */
  guardian: t.hex(),
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
    multisig: t.hex().notNull(),
    target: t.hex().notNull(),
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
    multisig: t.hex().notNull(),
    target: t.hex().notNull(),
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
}));

export const milestoneRelations = relations(milestone, ({ one }) => ({
  escrow: one(escrow, { fields: [milestone.chainId, milestone.escrowId], references: [escrow.chainId, escrow.escrowId] }),
}));

export const feeFlowRelations = relations(feeFlow, ({ one }) => ({
  escrow: one(escrow, { fields: [feeFlow.chainId, feeFlow.escrowId], references: [escrow.chainId, escrow.escrowId] }),
}));
