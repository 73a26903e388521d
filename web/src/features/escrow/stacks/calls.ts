/**
 * `stx_callContract` requests for the Clarity escrow (clarity/contracts/escrow.clar). Every call is
 * sent with `postConditionMode: "deny"` and explicit post-conditions, so the wallet's transaction
 * can move exactly the assets listed here and nothing else:
 *  - create-escrow, submit-milestone, approve-milestone: no transfer at all (empty list);
 *  - fund-escrow (STX): the client sends exactly the escrow's total;
 *  - withdraw (STX): the escrow contract sends exactly the caller's credit.
 */
import type { MethodParams } from "@stacks/connect";
import { Cl, Pc, type PostCondition } from "@stacks/transactions";
import type { StacksDeployment } from "../../../chains/stacks.ts";

export type CallContractParams = MethodParams<"stx_callContract">;

function call(d: StacksDeployment, functionName: string, functionArgs: CallContractParams["functionArgs"], postConditions: PostCondition[]): CallContractParams {
  return { contract: d.escrow, functionName, functionArgs, network: d.network, postConditionMode: "deny", postConditions };
}

/** Agree an STX escrow with `freelancer` (token none = STX). */
export function createEscrowCall(d: StacksDeployment, freelancer: string, amounts: readonly bigint[]): CallContractParams {
  return call(d, "create-escrow", [Cl.principal(freelancer), Cl.none(), Cl.list(amounts.map((a) => Cl.uint(a)))], []);
}

/** Deposit an STX escrow's total: the client sends exactly `total` micro-STX, nothing else moves. */
export function fundEscrowCall(d: StacksDeployment, client: string, escrowId: bigint, total: bigint): CallContractParams {
  return call(d, "fund-escrow", [Cl.uint(escrowId), Cl.none()], [Pc.principal(client).willSendEq(total).ustx()]);
}

export function submitMilestoneCall(d: StacksDeployment, escrowId: bigint, index: bigint, deliverable: Uint8Array): CallContractParams {
  return call(d, "submit-milestone", [Cl.uint(escrowId), Cl.uint(index), Cl.buffer(deliverable)], []);
}

export function approveMilestoneCall(d: StacksDeployment, escrowId: bigint, index: bigint): CallContractParams {
  return call(d, "approve-milestone", [Cl.uint(escrowId), Cl.uint(index)], []);
}

/** Withdraw STX credits: the escrow contract sends exactly `amount` micro-STX (to the caller). */
export function withdrawStxCall(d: StacksDeployment, amount: bigint): CallContractParams {
  return call(d, "withdraw", [Cl.none()], [Pc.principal(d.escrow).willSendEq(amount).ustx()]);
}
