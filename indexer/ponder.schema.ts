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
 * The audit log of the escrow contract's administration: fee and fee-recipient changes, pauses,
 * role grants and revocations.
 */
export const adminAction = onchainTable(
  "admin_action",
  (t) => ({
    /** `${chainId}:${txHash}:${logIndex}`. */
    id: t.text().primaryKey(),
    chainId: t.text().notNull(),
    contract: t.hex().notNull(),
    /** The event name: PlatformFeeUpdated, FeeRecipientUpdated, Paused, Unpaused, RoleGranted, RoleRevoked, RoleAdminChanged. */
    action: t.text().notNull(),
    /** The account that acted (the transaction's sender, or the event's `sender`/`account`). */
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
