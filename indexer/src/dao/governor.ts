/**
 * WorxGovernor: proposals (`proposal`) from creation through votes, late-quorum extension, queue,
 * execution or cancellation; one `vote` row per voter; the governor's settings (`dao_governor`);
 * and its governed settings changes (voting delay and period, proposal threshold, quorum, vote
 * extension, guardian, timelock) in the audit log.
 *
 * Tallies follow GovernorCountingSimple: for, against and abstain sums of the votes' weights.
 * `quorum` is the governor's `quorum(voteStart)`, read at the first vote (from then on the snapshot
 * is in the past, so the value is final). The timelock operation id of a queued proposal is
 * computed as GovernorTimelockControl does (`hashOperationBatch` with the salt
 * `bytes20(governor) ^ descriptionHash`), so the timelock's CallExecuted events find their proposal.
 */
import { ponder } from "ponder:registry";
import { daoGovernor, proposal, vote } from "ponder:schema";
import type { VoteSupport } from "ponder:schema";
import { encodeAbiParameters, keccak256, toHex, zeroAddress, zeroHash, type Address, type Hex } from "viem";
import { caip2, recordAudit } from "../audit.ts";
import { lower, shared } from "../common.ts";
import { governedActor, type DaoContext, type DaoEvent } from "./common.ts";

const SUPPORT: readonly VoteSupport[] = ["against", "for", "abstain"];

export const proposalKey = (chainId: string, proposalId: bigint) => `${chainId}:${proposalId}`;

/** The description's first line, without a leading Markdown "# " (the SPA's and Tally's convention). */
export function proposalTitle(description: string): string {
  const first = description.split(/\r?\n/, 1)[0] ?? "";
  return first.replace(/^#\s+/, "").trim();
}

/** GovernorTimelockControl's operation id for a proposal's calls (`hashOperationBatch`, predecessor 0). */
export function timelockOperationId(governor: Address, targets: readonly Address[], values: readonly bigint[], calldatas: readonly Hex[], description: string): Hex {
  const descriptionHash = BigInt(keccak256(toHex(description)));
  // bytes20(address) as bytes32: the address in the high 20 bytes.
  const salt = toHex((BigInt(governor) << 96n) ^ descriptionHash, { size: 32 });
  return keccak256(
    encodeAbiParameters(
      [{ type: "address[]" }, { type: "uint256[]" }, { type: "bytes[]" }, { type: "bytes32" }, { type: "bytes32" }],
      [targets, values, calldatas, zeroHash, salt],
    ),
  );
}

type Governor = typeof daoGovernor.$inferSelect;

/** Creates the governor's row on its first (constructor) event, then applies `change`. */
export async function updateGovernor(context: DaoContext, event: DaoEvent, change: Partial<Governor>): Promise<void> {
  const chainId = caip2(context);
  const governor = lower(event.log.address);
  await context.db
    .insert(daoGovernor)
    .values({
      id: `${chainId}:${governor}`,
      chainId,
      governor,
      timelock: null,
      guardian: null,
      votingDelay: 0n,
      votingPeriod: 0n,
      proposalThreshold: 0n,
      quorumNumerator: 0n,
      voteExtension: 0n,
      updatedAt: event.block.timestamp,
      ...change,
    })
    .onConflictDoUpdate({ ...change, updatedAt: event.block.timestamp });
}

// ───────────────────────────── proposals ─────────────────────────────

ponder.on("WorxGovernor:ProposalCreated", shared("WorxGovernor:ProposalCreated", async ({ event, context }) => {
  const chainId = caip2(context);
  const { proposalId, proposer, targets, values, signatures, calldatas, voteStart, voteEnd, description } = event.args;
  await context.db.insert(proposal).values({
    id: proposalKey(chainId, proposalId),
    chainId,
    governor: lower(event.log.address),
    proposalId: proposalId.toString(),
    proposer: lower(proposer),
    title: proposalTitle(description),
    description,
    targets: targets.map((t) => lower(t)),
    values: values.map((v) => v.toString()),
    calldatas: [...calldatas],
    signatures: [...signatures],
    voteStart,
    voteEnd,
    quorum: null,
    forVotes: 0n,
    againstVotes: 0n,
    abstainVotes: 0n,
    voterCount: 0,
    status: "created",
    extended: false,
    createdAt: event.block.timestamp,
    createdBlock: event.block.number,
    createdTx: event.transaction.hash,
    updatedAt: event.block.timestamp,
  });
}));

async function recordVote(
  context: DaoContext,
  event: DaoEvent & { args: { voter: Address; proposalId: bigint; support: number; weight: bigint; reason: string; params?: Hex } },
): Promise<void> {
  const chainId = caip2(context);
  const { voter, proposalId, support, weight, reason, params } = event.args;
  const supportName = SUPPORT[support];
  if (!supportName) throw new Error(`WorxGovernor reported vote support ${support}, which GovernorCountingSimple does not count (0..2)`);
  await context.db.insert(vote).values({
    id: `${proposalKey(chainId, proposalId)}:${lower(voter)}`,
    chainId,
    proposalId: proposalId.toString(),
    voter: lower(voter),
    support,
    supportName,
    weight,
    reason,
    params: params ?? null,
    castAt: event.block.timestamp,
    blockNumber: event.block.number,
    txHash: event.transaction.hash,
  });
  const id = proposalKey(chainId, proposalId);
  const row = await context.db.find(proposal, { id });
  if (!row) throw new Error(`Vote on unknown proposal ${proposalId} on ${chainId}: was the governor's deployment block indexed?`);
  // Read before the update (a found row is the cached object itself: read what is needed first).
  let quorum = row.quorum;
  if (quorum === null) {
    quorum = await context.client.readContract({
      abi: context.contracts.WorxGovernor.abi,
      address: event.log.address,
      functionName: "quorum",
      args: [row.voteStart],
      blockNumber: event.block.number,
    });
  }
  await context.db.update(proposal, { id }).set((p) => ({
    quorum,
    forVotes: p.forVotes + (supportName === "for" ? weight : 0n),
    againstVotes: p.againstVotes + (supportName === "against" ? weight : 0n),
    abstainVotes: p.abstainVotes + (supportName === "abstain" ? weight : 0n),
    voterCount: p.voterCount + 1,
    updatedAt: event.block.timestamp,
  }));
}

ponder.on("WorxGovernor:VoteCast", shared("WorxGovernor:VoteCast", async ({ event, context }) => {
  await recordVote(context, event);
}));

ponder.on("WorxGovernor:VoteCastWithParams", shared("WorxGovernor:VoteCastWithParams", async ({ event, context }) => {
  await recordVote(context, event);
}));

ponder.on("WorxGovernor:ProposalExtended", shared("WorxGovernor:ProposalExtended", async ({ event, context }) => {
  const { proposalId, extendedDeadline } = event.args;
  await context.db
    .update(proposal, { id: proposalKey(caip2(context), proposalId) })
    .set({ voteEnd: BigInt(extendedDeadline), extended: true, updatedAt: event.block.timestamp });
}));

ponder.on("WorxGovernor:ProposalQueued", shared("WorxGovernor:ProposalQueued", async ({ event, context }) => {
  const { proposalId, etaSeconds } = event.args;
  const id = proposalKey(caip2(context), proposalId);
  const row = await context.db.find(proposal, { id });
  if (!row) throw new Error(`ProposalQueued for unknown proposal ${proposalId}`);
  const timelockId = timelockOperationId(
    event.log.address,
    row.targets as Address[],
    row.values.map((v) => BigInt(v)),
    row.calldatas as Hex[],
    row.description,
  );
  await context.db.update(proposal, { id }).set({
    status: "queued",
    eta: etaSeconds,
    timelockId,
    queuedAt: event.block.timestamp,
    queuedTx: event.transaction.hash,
    updatedAt: event.block.timestamp,
  });
}));

ponder.on("WorxGovernor:ProposalExecuted", shared("WorxGovernor:ProposalExecuted", async ({ event, context }) => {
  await context.db.update(proposal, { id: proposalKey(caip2(context), event.args.proposalId) }).set({
    status: "executed",
    executedAt: event.block.timestamp,
    executedTx: event.transaction.hash,
    updatedAt: event.block.timestamp,
  });
}));

ponder.on("WorxGovernor:ProposalCanceled", shared("WorxGovernor:ProposalCanceled", async ({ event, context }) => {
  const chainId = caip2(context);
  const id = proposalKey(chainId, event.args.proposalId);
  const row = await context.db.find(proposal, { id });
  if (!row) throw new Error(`ProposalCanceled for unknown proposal ${event.args.proposalId}`);
  const proposer = row.proposer;
  // Only the proposer and the guardian may cancel (WorxGovernor._validateCancel): a cancel the
  // proposer sent to the governor itself is the proposer's, any other the guardian's.
  const direct = event.transaction.to !== null && lower(event.transaction.to) === lower(event.log.address);
  let canceledBy: Hex = lower(event.transaction.from);
  if (!(direct && canceledBy === proposer)) {
    const governor = await context.db.find(daoGovernor, { id: `${chainId}:${lower(event.log.address)}` });
    if (governor?.guardian) canceledBy = governor.guardian;
  }
  await context.db.update(proposal, { id }).set({
    status: "canceled",
    canceledAt: event.block.timestamp,
    canceledTx: event.transaction.hash,
    canceledBy,
    updatedAt: event.block.timestamp,
  });
}));

// ───────────────────────────── settings ─────────────────────────────

ponder.on("WorxGovernor:VotingDelaySet", shared("WorxGovernor:VotingDelaySet", async ({ event, context }) => {
  await updateGovernor(context, event, { votingDelay: event.args.newVotingDelay });
  await recordAudit(context, event, "VotingDelaySet", governedActor(event, context));
}));

ponder.on("WorxGovernor:VotingPeriodSet", shared("WorxGovernor:VotingPeriodSet", async ({ event, context }) => {
  await updateGovernor(context, event, { votingPeriod: event.args.newVotingPeriod });
  await recordAudit(context, event, "VotingPeriodSet", governedActor(event, context));
}));

ponder.on("WorxGovernor:ProposalThresholdSet", shared("WorxGovernor:ProposalThresholdSet", async ({ event, context }) => {
  await updateGovernor(context, event, { proposalThreshold: event.args.newProposalThreshold });
  await recordAudit(context, event, "ProposalThresholdSet", governedActor(event, context));
}));

ponder.on("WorxGovernor:QuorumNumeratorUpdated", shared("WorxGovernor:QuorumNumeratorUpdated", async ({ event, context }) => {
  await updateGovernor(context, event, { quorumNumerator: event.args.newQuorumNumerator });
  await recordAudit(context, event, "QuorumNumeratorUpdated", governedActor(event, context));
}));

ponder.on("WorxGovernor:LateQuorumVoteExtensionSet", shared("WorxGovernor:LateQuorumVoteExtensionSet", async ({ event, context }) => {
  await updateGovernor(context, event, { voteExtension: BigInt(event.args.newVoteExtension) });
  await recordAudit(context, event, "LateQuorumVoteExtensionSet", governedActor(event, context));
}));

ponder.on("WorxGovernor:GuardianUpdated", shared("WorxGovernor:GuardianUpdated", async ({ event, context }) => {
  const next = event.args.next;
  await updateGovernor(context, event, { guardian: next === zeroAddress ? null : lower(next) });
  await recordAudit(context, event, "GuardianUpdated", governedActor(event, context));
}));

ponder.on("WorxGovernor:TimelockChange", shared("WorxGovernor:TimelockChange", async ({ event, context }) => {
  await updateGovernor(context, event, { timelock: lower(event.args.newTimelock) });
  await recordAudit(context, event, "TimelockChange", governedActor(event, context));
}));
