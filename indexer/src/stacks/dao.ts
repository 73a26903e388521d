/**
 * The DAO's Clarity contracts (clarity/contracts/dao/) -> the DAO tables, through the EVM DAO
 * handlers (../dao/*.ts, registered with shared()): the same rows and keys as on EVM, with the
 * mapping below where Clarity's DAO differs from the EVM one (indexer/stacks/README.md lists it).
 *
 *  - dao-token = WorxToken: its prints are WorxToken's events (delegate-changed,
 *    delegate-votes-changed, staked, unstaked); its SIP-010 mints and transfers are asset events,
 *    which the bridge passes as the token's `transfer` print (ERC-20 Transfer).
 *  - proposal-voting = WorxGovernor, dao-treasury = the TimelockController's role as the treasury
 *    (the `timelock` of `dao_governor`, the `treasury` of `treasury_flow`), dao-core = the DAO
 *    itself (the actor of governed changes).
 *  - A proposal is a contract: `proposalId` is its principal, its one call is that contract's
 *    `execute` (target = the proposal, value 0, signature "execute", no calldata). Governance times
 *    (voteStart, voteEnd, eta, the voting delay, period and extension) are block heights, not
 *    unix seconds; the quorum is printed at creation (proposal-voting fixes it then) and the
 *    quorum numerator is in bps (quorum-bps), not percent. There is no timelock operation id.
 *  - STX (printed as `none`) is the zero address, as the native coin is on EVM.
 *  - Governed changes (setters that only the DAO or an extension may call) name dao-core as
 *    their actor when dao-core ran them (its proposal-executed print follows in the same
 *    transaction), as EVM names the timelock; the payments dao-treasury made in that
 *    transaction are the proposal's (`proposalId`).
 */
import { and, eq, inArray } from "ponder";
import { adminAction, proposal, treasuryFlow } from "ponder:schema";
import { ClarityType, deserializeCV } from "@stacks/transactions";
import { feeSplitterAbi, stakingFeeDiscountAbi, workRewardsAbi, worxTokenAbi } from "../../../generated/abis.ts";
import { stacksDeployments } from "../../../generated/stacks.ts";
import { caip2, recordAudit, type AnyContext } from "../audit.ts";
import { sharedHandlers } from "../common.ts";
import type { DaoContext, DaoEvent } from "../dao/common.ts";
import { proposalKey, updateGovernor } from "../dao/governor.ts";
import { recordFlow, recordTreasuryInflow } from "../dao/treasury.ts";
import { ClarityDecodeError, runTwinHandler } from "./clarity.ts";
import { plainValue } from "./plainValue.ts";
import type { StacksPrint } from "./print.ts";

/** The DAO's contracts by their generated/stacks.ts names. */
export const STACKS_DAO_CONTRACTS = ["dao-core", "dao-token", "proposal-voting", "dao-treasury", "fee-splitter", "work-rewards", "staking-fee-discount"] as const;

type Principal = `0x${string}`;

/** The DAO contracts' ids on the chain of `context`. */
function daoIds(context: AnyContext): Record<(typeof STACKS_DAO_CONTRACTS)[number], Principal> {
  const chainId = caip2(context);
  const contracts = (stacksDeployments as Record<string, { contracts: Readonly<Record<string, string>> } | undefined>)[chainId]?.contracts ?? {};
  return Object.fromEntries(STACKS_DAO_CONTRACTS.map((name) => [name, contracts[name] ?? ""])) as Record<(typeof STACKS_DAO_CONTRACTS)[number], Principal>;
}

/**
 * What the EVM DAO handlers read of their context: the database and chain, and the addresses they
 * compare with (the timelock as the treasury, the governor). Stacks has no contract reads: no
 * handler reached from here reads the chain (the quorum is printed).
 */
function daoContext(context: AnyContext): DaoContext {
  const ids = daoIds(context);
  return {
    db: context.db,
    chain: context.chain,
    client: undefined as never,
    contracts: { TimelockController: { address: ids["dao-treasury"] }, WorxGovernor: { address: ids["proposal-voting"] } } as never,
  } as DaoContext;
}

/**
 * The print's event as a DAO handler's, with `args`. `transaction.to` is null: the bridge knows
 * the sender only, so governedActor() names the sender (dao-core replaces it, see onCorePrint).
 */
const event = (print: StacksPrint, args: object): DaoEvent => ({ ...print.event, transaction: { ...print.event.transaction, to: null }, args });

/** A printed tuple as plain values (./plainValue.ts). */
export function printFields(rawValue: `0x${string}`): Record<string, unknown> {
  const cv = deserializeCV(rawValue.slice(2));
  if (cv.type !== ClarityType.Tuple) throw new ClarityDecodeError(`expected a printed tuple, got ${cv.type}`);
  return plainValue(cv) as Record<string, unknown>;
}

/** Runs the EVM handler `name` (`WorxGovernor:VoteCast`) on `args`. */
async function runShared(context: AnyContext, print: StacksPrint, name: string, args: object): Promise<void> {
  const handler = sharedHandlers.get(name);
  if (!handler) throw new Error(`no shared EVM handler ${name}: is ../dao/ imported?`);
  await handler({ event: { ...event(print, args), name: name.split(":")[1] }, context: daoContext(context) });
}

/** Prints whose EVM twin decodes field by field (same names and types), by contract. */
const TWINS: Record<string, { contract: string; abi: Parameters<typeof runTwinHandler>[3] }> = {
  "dao-token": { contract: "WorxToken", abi: worxTokenAbi },
  "fee-splitter": { contract: "FeeSplitter", abi: feeSplitterAbi },
  "work-rewards": { contract: "WorkRewards", abi: workRewardsAbi },
  "staking-fee-discount": { contract: "StakingFeeDiscount", abi: stakingFeeDiscountAbi },
};

// ───────────────────────────── proposal-voting (WorxGovernor) ─────────────────────────────

async function onProposalVotingPrint(context: AnyContext, print: StacksPrint): Promise<void> {
  const f = printFields(print.value);
  const id = f.proposal as string;
  switch (print.topic) {
    case "proposal-created": {
      await runShared(context, print, "WorxGovernor:ProposalCreated", {
        proposalId: id,
        proposer: f.proposer,
        targets: [id],
        values: [0n],
        signatures: ["execute"],
        calldatas: ["0x"],
        voteStart: f["vote-start"],
        voteEnd: f["vote-end"],
        description: f.description,
      });
      // proposal-voting fixes the quorum at creation (of the supply then): the EVM handler reads
      // `quorum(voteStart)` at the first vote instead, only when it is still unknown.
      await context.db.update(proposal, { id: proposalKey(caip2(context), id as unknown as bigint) }).set({ quorum: f.quorum as bigint });
      return;
    }
    case "vote-cast":
      return runShared(context, print, "WorxGovernor:VoteCast", { voter: f.voter, proposalId: id, support: Number(f.support), weight: f.weight, reason: f.reason });
    case "proposal-extended":
      return runShared(context, print, "WorxGovernor:ProposalExtended", { proposalId: id, extendedDeadline: f["extended-deadline"] });
    case "proposal-queued": {
      // The EVM handler also derives the timelock operation id, which a Clarity proposal has none of.
      const at = print.event.block.timestamp;
      await context.db
        .update(proposal, { id: proposalKey(caip2(context), id as unknown as bigint) })
        .set({ status: "queued", eta: f.eta as bigint, timelockId: null, queuedAt: at, queuedTx: print.event.transaction.hash, updatedAt: at });
      return;
    }
    case "proposal-executed":
      return runShared(context, print, "WorxGovernor:ProposalExecuted", { proposalId: id });
    case "proposal-canceled":
      // A cancel is a direct call (the proposer or the guardian): the EVM handler's "sent to the governor" case.
      await sharedHandlers.get("WorxGovernor:ProposalCanceled")!({
        event: { ...event(print, { proposalId: id }), transaction: { ...print.event.transaction, to: print.event.log.address }, name: "ProposalCanceled" },
        context: daoContext(context),
      });
      return;
    case "parameters-updated": {
      // One Clarity event for the EVM's five settings events (and the timelock's delay): one row
      // update and one audit entry. The treasury is the governor's `timelock` (what the API shows).
      const ctx = daoContext(context);
      const ev = event(print, f);
      await updateGovernor(ctx, ev, {
        timelock: daoIds(context)["dao-treasury"],
        votingDelay: f["voting-delay"] as bigint,
        votingPeriod: f["voting-period"] as bigint,
        proposalThreshold: f["proposal-threshold"] as bigint,
        quorumNumerator: f["quorum-bps"] as bigint,
        voteExtension: f["vote-extension"] as bigint,
      });
      await recordAudit(ctx, ev, "ParametersUpdated", print.event.transaction.from);
      return;
    }
    case "guardian-updated":
      return runShared(context, print, "WorxGovernor:GuardianUpdated", { previous: f.previous ?? ZERO, next: f.next ?? ZERO });
  }
}

const ZERO = "0x0000000000000000000000000000000000000000";

// ───────────────────────────── dao-treasury, dao-core ─────────────────────────────

async function onTreasuryPrint(context: AnyContext, print: StacksPrint): Promise<void> {
  const f = printFields(print.value);
  const ctx = daoContext(context);
  const token = (f.token ?? ZERO) as Principal;
  if (print.topic === "treasury-deposit") {
    await recordTreasuryInflow(ctx, event(print, f), { token, amount: f.amount as bigint, counterparty: f.sender as Principal, kind: "transfer" });
  } else if (print.topic === "treasury-transfer") {
    // Only the DAO or an extension pays: the proposal is named once dao-core's print says which.
    await recordFlow(ctx, event(print, f), "out", { token, amount: f.amount as bigint, counterparty: f.recipient as Principal, kind: "proposal-execution", proposalId: null });
  }
}

async function onCorePrint(context: AnyContext, print: StacksPrint): Promise<void> {
  const f = printFields(print.value);
  const chainId = caip2(context);
  const ids = daoIds(context);
  if (print.topic === "extension-updated") {
    // The EVM's nearest is the timelock's role grants: who may act as the DAO.
    await recordAudit(context, event(print, f), "ExtensionUpdated", print.event.transaction.from);
  } else if (print.topic === "proposal-executed") {
    const tx = print.event.transaction.hash;
    // What the proposal just did in this transaction was done by the DAO (dao-core), as on EVM
    // the timelock; the treasury's payments in it were the proposal's.
    await context.db.sql
      .update(adminAction)
      .set({ actor: ids["dao-core"] })
      .where(and(eq(adminAction.chainId, chainId), eq(adminAction.txHash, tx), inArray(adminAction.contract, Object.values(ids))));
    await context.db.sql
      .update(treasuryFlow)
      .set({ proposalId: f.proposal as string })
      .where(and(eq(treasuryFlow.chainId, chainId), eq(treasuryFlow.txHash, tx), eq(treasuryFlow.kind, "proposal-execution")));
  }
}

/** The DAO's prints, by contract name. */
export const daoComponents: Record<string, (context: AnyContext, print: StacksPrint) => Promise<void>> = {
  "dao-core": onCorePrint,
  "proposal-voting": onProposalVotingPrint,
  "dao-treasury": onTreasuryPrint,
  ...Object.fromEntries(
    Object.entries(TWINS).map(([name, twin]) => [
      name,
      (context: AnyContext, print: StacksPrint) => runTwinHandler(daoContext(context), { ...print, event: event(print, {}) as unknown as StacksPrint["event"] }, twin.contract, twin.abi),
    ]),
  ),
};
