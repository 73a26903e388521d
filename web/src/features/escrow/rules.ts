/**
 * Who may do what to an escrow, and when: the contract's rules (IMilestoneEscrow) as pure functions
 * over the indexer's rows and the chain's clock, so the page offers an action only to its party and
 * only while it can succeed, and refuses anything else in words before the wallet is asked.
 */
import type { Address } from "viem";
import type { EscrowRow, MilestoneRow } from "../../indexer/escrows.ts";
import { ACTIONS, type ActionName } from "./actions.ts";

export { ACTIONS, type ActionName };

export type Party = "client" | "freelancer" | "observer";

export const sameAddress = (a?: string | null, b?: string | null) => !!a && !!b && a.toLowerCase() === b.toLowerCase();

export function partyOf(row: Pick<EscrowRow, "client" | "freelancer">, me: Address | undefined): Party {
  if (sameAddress(row.client, me)) return "client";
  if (sameAddress(row.freelancer, me)) return "freelancer";
  return "observer";
}

function allowed(action: ActionName, party: Party): boolean {
  const role = ACTIONS[action].role;
  return role === "client or freelancer" ? party !== "observer" : role === party;
}

/** Why `me` may not take `action` on this escrow (undefined when it is its party). */
export function partyRefusal(action: ActionName, row: Pick<EscrowRow, "client" | "freelancer" | "escrowId">, me: Address | undefined): string | undefined {
  if (!me) return "Connect your wallet first.";
  if (allowed(action, partyOf(row, me))) return undefined;
  const a = ACTIONS[action];
  return `Only the ${a.role} of escrow #${row.escrowId} can ${a.what}; you are signed in as ${me}.`;
}

/** A time-gated action: when it opens (unix seconds) and whether it is open at `now`. */
export interface Gate {
  at: number;
  open: boolean;
}

export interface MilestoneOptions {
  submit: boolean;
  /** Submitting now is after the due date: recorded as not on time. */
  late: boolean;
  approve: boolean;
  /** The freelancer's claim, from submittedAt + reviewPeriod. */
  claim?: Gate;
  /** The client's reclaim, from dueDate + gracePeriod. */
  reclaim?: Gate;
  dispute: boolean;
  offer: boolean;
}

/** What `party` may do to milestone `m` at chain time `now` (seconds). */
export function milestoneOptions(row: EscrowRow, m: MilestoneRow, party: Party, now: number): MilestoneOptions {
  const funded = row.status === "funded";
  const isClient = party === "client";
  const isFreelancer = party === "freelancer";
  const pending = m.status === "pending";
  const submitted = m.status === "submitted";
  const claimAt = m.submittedAt !== null ? Number(m.submittedAt) + row.reviewPeriod : undefined;
  const reclaimAt = Number(m.dueDate) + row.gracePeriod;
  return {
    submit: funded && isFreelancer && pending,
    late: now > Number(m.dueDate),
    approve: funded && isClient && submitted,
    claim: funded && isFreelancer && submitted && claimAt !== undefined ? { at: claimAt, open: now >= claimAt } : undefined,
    reclaim: funded && isClient && pending ? { at: reclaimAt, open: now >= reclaimAt } : undefined,
    dispute: funded && party !== "observer" && (pending || submitted),
    offer: funded && party !== "observer" && (pending || submitted || m.status === "disputed"),
  };
}

/** The client may rate a finished job once. */
export const canRate = (row: EscrowRow, party: Party) => party === "client" && (row.status === "completed" || row.status === "closed") && row.rating === null;
