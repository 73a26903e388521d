/**
 * `stx_callContract` requests for the Clarity escrow (clarity/contracts/escrow.clar; signatures in
 * generated/stacks.ts `clarityContracts`). Every call is sent with `postConditionMode: "deny"` and
 * explicit post-conditions, so the wallet's transaction can move exactly the assets listed here
 * and nothing else:
 *  - fund-escrow (STX): the client sends exactly the escrow's total;
 *  - withdraw (STX): the escrow contract sends exactly the caller's credit;
 *  - every other action (create, submit, approve, claim, reclaim, dispute, rule, settle, revoke,
 *    rate): no transfer at all (empty list) — settled amounts only become credits;
 *  - claim-badge (clarity/contracts/badges.clar `claim`): no transfer either — the badge is minted
 *    to the caller, and a mint moves nothing out of any account, so deny mode needs no condition
 *    for it while still refusing anything else.
 * Also the SIP-018 settlement offer a party signs (`stx_signStructuredMessage`) and read-only calls
 * through a Stacks API, when one is configured.
 */
import type { MethodParams } from "@stacks/connect";
import { Cl, cvToValue, Pc, type ClarityValue, type PostCondition } from "@stacks/transactions";
import { stacksApiUrl, type StacksDeployment } from "../../../chains/stacks.ts";
import { readOnly } from "../../../chains/stacksApi.ts";

export type CallContractParams = MethodParams<"stx_callContract">;

function call(d: StacksDeployment, functionName: string, functionArgs: ClarityValue[], postConditions: PostCondition[] = []): CallContractParams {
  return { contract: d.escrow, functionName, functionArgs, network: d.network, postConditionMode: "deny", postConditions };
}

export interface StacksTerms {
  amount: bigint;
  /** Unix seconds (compared with `stacks-block-time`). */
  dueDate: bigint;
}

/**
 * Agree an STX escrow with `freelancer` (token none = STX). `discountSource` must be the escrow's
 * stored fee-discount source (none when it has none): Clarity reads it only through a trait passed in.
 */
export function createEscrowCall(
  d: StacksDeployment,
  freelancer: string,
  terms: readonly StacksTerms[],
  reviewPeriod: number,
  gracePeriod: number,
  discountSource: string | null,
): CallContractParams {
  const [address, name] = (discountSource ?? "").split(".");
  return call(d, "create-escrow", [
    Cl.principal(freelancer),
    Cl.none(),
    Cl.list(terms.map((t) => Cl.tuple({ amount: Cl.uint(t.amount), "due-date": Cl.uint(t.dueDate) }))),
    Cl.uint(reviewPeriod),
    Cl.uint(gracePeriod),
    discountSource ? Cl.some(Cl.contractPrincipal(address!, name!)) : Cl.none(),
  ]);
}

/** Deposit an STX escrow's total: the client sends exactly `total` micro-STX, nothing else moves. */
export function fundEscrowCall(d: StacksDeployment, client: string, escrowId: bigint, total: bigint): CallContractParams {
  return call(d, "fund-escrow", [Cl.uint(escrowId), Cl.none()], [Pc.principal(client).willSendEq(total).ustx()]);
}

export const submitMilestoneCall = (d: StacksDeployment, escrowId: bigint, index: bigint, deliverable: Uint8Array) =>
  call(d, "submit-milestone", [Cl.uint(escrowId), Cl.uint(index), Cl.buffer(deliverable)]);

export const approveMilestoneCall = (d: StacksDeployment, escrowId: bigint, index: bigint) => call(d, "approve-milestone", [Cl.uint(escrowId), Cl.uint(index)]);

export const claimMilestoneCall = (d: StacksDeployment, escrowId: bigint, index: bigint) => call(d, "claim-milestone", [Cl.uint(escrowId), Cl.uint(index)]);

export const reclaimMilestoneCall = (d: StacksDeployment, escrowId: bigint, index: bigint) => call(d, "reclaim-milestone", [Cl.uint(escrowId), Cl.uint(index)]);

export const openDisputeCall = (d: StacksDeployment, escrowId: bigint, index: bigint, reason: Uint8Array) =>
  call(d, "open-dispute", [Cl.uint(escrowId), Cl.uint(index), Cl.buffer(reason)]);

/** The arbiter's ruling: `freelancerBps` of the milestone to the freelancer (minus the fee). */
export const resolveDisputeCall = (d: StacksDeployment, escrowId: bigint, index: bigint, freelancerBps: number) =>
  call(d, "resolve-dispute", [Cl.uint(escrowId), Cl.uint(index), Cl.uint(freelancerBps)]);

/** Accept the other party's signed offer (./offers.ts). */
export const settleMilestoneCall = (
  d: StacksDeployment,
  o: { escrowId: bigint; index: bigint; freelancerBps: number; deadline: bigint; signature: Uint8Array },
) => call(d, "settle-milestone", [Cl.uint(o.escrowId), Cl.uint(o.index), Cl.uint(o.freelancerBps), Cl.uint(o.deadline), Cl.buffer(o.signature)]);

export const revokeSettlementOffersCall = (d: StacksDeployment) => call(d, "revoke-settlement-offers", []);

export const rateJobCall = (d: StacksDeployment, escrowId: bigint, rating: number) => call(d, "rate-job", [Cl.uint(escrowId), Cl.uint(rating)]);

export const cancelEscrowCall = (d: StacksDeployment, escrowId: bigint) => call(d, "cancel-escrow", [Cl.uint(escrowId)]);

/** Claim badge `tier` (1 Bronze .. 5 Verified) on the chain's badges contract. */
export function claimBadgeCall(d: StacksDeployment, tier: number): CallContractParams {
  if (!d.badges) throw new Error(`Worx has no badges contract on ${d.name}.`);
  return { contract: d.badges, functionName: "claim", functionArgs: [Cl.uint(tier)], network: d.network, postConditionMode: "deny", postConditions: [] };
}

/** Withdraw STX credits: the escrow contract sends exactly `amount` micro-STX (to the caller). */
export function withdrawStxCall(d: StacksDeployment, amount: bigint): CallContractParams {
  return call(d, "withdraw", [Cl.none()], [Pc.principal(d.escrow).willSendEq(amount).ustx()]);
}

/**
 * A read-only function of the escrow, through the chain's Stacks API (`/v2/contracts/call-read`);
 * undefined when no API is configured for the chain. Values come back as `cvToValue` gives them.
 */
export async function readEscrow(d: StacksDeployment, functionName: string, args: ClarityValue[], sender: string): Promise<unknown> {
  const api = stacksApiUrl(d.caip2);
  if (!api) return undefined;
  return cvToValue(await readOnly(api, d.escrow, functionName, args, sender), true);
}
