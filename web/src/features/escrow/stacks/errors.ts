/**
 * Clarity error codes of clarity/contracts/escrow.clar (u1000–u1024, documented there) and wallet
 * errors of @stacks/connect, in words — the same sentences as the EVM side where they mirror it.
 */
import { USER_REJECTED } from "../../../tx/errors.ts";

const clarityErrors: Record<number, string> = {
  1000: "Your account does not have the role this action needs.",
  1001: "The protocol is paused by its guardian: new escrows can't be created or funded right now.",
  1002: "The protocol is not paused.",
  1003: "Unknown role name.",
  1004: "The fee is above the hard cap.",
  1005: "The fee recipient is not valid.",
  1010: "This escrow does not exist on this network.",
  1011: "Your account is not the party of this escrow who can do this.",
  1012: "The escrow is not in a state that allows this (already funded, not funded yet, completed or cancelled).",
  1013: "The milestone is not in a state that allows this (not submitted yet, or already submitted or released).",
  1014: "This escrow has no milestone with that number.",
  1015: "An escrow needs between 1 and 50 milestones.",
  1016: "Every milestone amount must be more than zero.",
  1017: "The freelancer must be a valid address of this network, different from yours.",
  1018: "The token is not a contract of this network.",
  1020: "This escrow is paid in another asset.",
  1021: "The token delivered a different amount than the escrow's total: such tokens are not supported.",
  1022: "The transfer failed: check your balance.",
  1023: "The token tried to move other assets out of the escrow, so the payment was reverted.",
  1024: "There is nothing credited to you in this token to withdraw.",
};

/** A sentence for a Clarity `(err uN)` result, e.g. from a tx's `tx_result.repr`. */
export function explainClarityResult(repr: string): string {
  const code = /\(err u(\d+)\)/.exec(repr)?.[1];
  const known = code ? clarityErrors[Number(code)] : undefined;
  return known ?? `The contract rejected the call: ${repr}.`;
}

/** A sentence for an error thrown by @stacks/connect's `request()`. */
export function explainStacksError(error: unknown): string {
  const code = (error as { code?: unknown })?.code;
  // JSON-RPC UserRejection (-32000) and UserCanceled (-31001), and EIP-1193's 4001.
  if (code === -32000 || code === -31001 || code === 4001) return USER_REJECTED;
  const message = error instanceof Error ? error.message : String(error);
  if (/reject|cancel|denied/i.test(message)) return USER_REJECTED;
  return message || "The wallet could not send the transaction.";
}
