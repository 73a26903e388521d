/**
 * Why a write failed, in words. Revert data is decoded against the generated ABIs (the escrow and
 * the ERC-20 errors it can bubble up); every custom error has a sentence, and the `switch` is
 * exhaustive, so a new error in the contract breaks the type check until it gets one.
 */
import {
  BaseError,
  ChainMismatchError,
  ContractFunctionRevertedError,
  decodeErrorResult,
  InsufficientFundsError,
  UserRejectedRequestError,
  type DecodeErrorResultReturnType,
  type Hex,
} from "viem";
import { demoStablecoinAbi, milestoneEscrowAbi } from "../../../generated/abis.ts";

const errorAbi = [...milestoneEscrowAbi, ...demoStablecoinAbi].filter((item) => item.type === "error");
type KnownError = DecodeErrorResultReturnType<typeof errorAbi>;

export const USER_REJECTED = "You rejected the request in your wallet";

/** Optional formatting of amounts in the token the action is about. */
export interface ExplainContext {
  formatAmount?: (amount: bigint) => string;
  nativeSymbol?: string;
}

const escrowStatusWords = ["does not exist", "not funded yet", "already funded", "already completed", "cancelled"];
const milestoneStatusWords = ["not submitted yet", "already submitted and waiting for approval", "already released"];

function sentence(error: KnownError, ctx: ExplainContext): string {
  const amount = (value: bigint) => (ctx.formatAmount ? ctx.formatAmount(value) : value.toString());
  switch (error.errorName) {
    case "EscrowNotFound":
      return `Escrow #${error.args[0]} does not exist on this chain.`;
    case "NotEscrowParty":
      return `Your account ${error.args[1]} is not the party of escrow #${error.args[0]} who can do this.`;
    case "InvalidEscrowStatus":
      return `Escrow #${error.args[0]} is ${escrowStatusWords[error.args[1]] ?? "in another state"}, so this action is not possible any more. Refresh to see its current state.`;
    case "InvalidMilestoneStatus":
      return `Milestone ${error.args[1] + 1n} of escrow #${error.args[0]} is ${milestoneStatusWords[error.args[2]] ?? "in another state"}.`;
    case "MilestoneIndexOutOfRange":
      return `Escrow #${error.args[0]} has no milestone ${error.args[1] + 1n}.`;
    case "InvalidMilestoneCount":
      return `An escrow needs between 1 and ${error.args[1]} milestones (this one has ${error.args[0]}).`;
    case "InvalidMilestoneAmount":
      return `Milestone ${error.args[0] + 1n} has an invalid amount: it must be more than zero.`;
    case "InvalidFreelancer":
      return "The freelancer must be a valid address different from the client's.";
    case "IncorrectNativeAmount":
      return `This escrow must be funded with exactly ${amount(error.args[0])}${error.args[0] === 0n ? " native coin" : ""}.`;
    case "InsufficientTokensReceived":
      return "The token delivered less than the escrow's total: tokens that take a fee on transfer are not supported.";
    case "NothingToWithdraw":
      return "There is nothing credited to you in this token to withdraw.";
    case "NativeTransferFailed":
      return `Sending ${ctx.nativeSymbol ?? "the coins"} to ${error.args[0]} failed; your credit is kept. Withdraw from an account that can receive coins.`;
    case "FeeAboveCap":
      return `A fee of ${error.args[0]} basis points is above the hard cap of ${error.args[1]}.`;
    case "InvalidFeeRecipient":
      return "The fee recipient must be a non-zero address.";
    case "EnforcedPause":
      return "The protocol is paused by its guardian: new escrows can't be created or funded right now. Submitting, approving, cancelling and withdrawing still work.";
    case "ExpectedPause":
      return "The protocol is not paused.";
    case "AccessControlUnauthorizedAccount":
      return `Your account ${error.args[0]} does not have the role this action needs.`;
    case "AccessControlBadConfirmation":
      return "A role can only be renounced by its holder.";
    case "ReentrancyGuardReentrantCall":
      return "The contract refused a re-entrant call.";
    case "SafeERC20FailedOperation":
      return `The token ${error.args[0]} refused the transfer.`;
    case "ERC20InsufficientAllowance":
      return `The escrow may only move ${amount(error.args[1])} of your tokens but needs ${amount(error.args[2])}: approve the full amount first.`;
    case "ERC20InsufficientBalance":
      return `Your token balance (${amount(error.args[1])}) is below the ${amount(error.args[2])} needed.`;
    case "ERC20InvalidApprover":
    case "ERC20InvalidReceiver":
    case "ERC20InvalidSender":
    case "ERC20InvalidSpender":
      return "The token refused an operation with the zero address.";
    default: {
      const unhandled: never = error;
      return `The contract rejected the call (${(unhandled as KnownError).errorName}).`;
    }
  }
}

/** Revert data carried anywhere in a viem error chain. */
function revertData(error: BaseError): Hex | undefined {
  const reverted = error.walk((e) => e instanceof ContractFunctionRevertedError) as ContractFunctionRevertedError | null;
  if (reverted?.raw) return reverted.raw;
  let found: Hex | undefined;
  error.walk((e) => {
    const data = (e as { data?: unknown }).data;
    if (typeof data === "string" && /^0x[0-9a-fA-F]{8,}$/.test(data)) found = data as Hex;
    else if (data && typeof data === "object" && typeof (data as { data?: unknown }).data === "string") {
      const nested = (data as { data: string }).data;
      if (/^0x[0-9a-fA-F]{8,}$/.test(nested)) found = nested as Hex;
    }
    return found !== undefined;
  });
  return found;
}

function isUserRejection(error: unknown): boolean {
  if (error instanceof BaseError && error.walk((e) => e instanceof UserRejectedRequestError)) return true;
  let e: unknown = error;
  for (let depth = 0; e && depth < 8; depth++) {
    if ((e as { code?: unknown }).code === 4001 || (e as { code?: unknown }).code === UserRejectedRequestError.code) return true;
    e = (e as { cause?: unknown }).cause;
  }
  return false;
}

/** One sentence explaining why a write failed. */
export function explainError(error: unknown, ctx: ExplainContext = {}): string {
  if (isUserRejection(error)) return USER_REJECTED;
  if (error instanceof BaseError) {
    const data = revertData(error);
    if (data) {
      try {
        return sentence(decodeErrorResult({ abi: errorAbi, data }), ctx);
      } catch {
        // not one of ours: fall through to the generic reason
      }
    }
    const reverted = error.walk((e) => e instanceof ContractFunctionRevertedError) as ContractFunctionRevertedError | null;
    if (reverted?.reason) return `The contract rejected the call: ${reverted.reason}.`;
    if (error.walk((e) => e instanceof InsufficientFundsError))
      return `Your account does not have enough ${ctx.nativeSymbol ?? "native coin"} to pay for this transaction.`;
    if (error.walk((e) => e instanceof ChainMismatchError)) return "Your wallet is on another network: switch to the escrow's network and try again.";
    if (reverted) return "The contract rejected the call without a reason.";
    return error.shortMessage;
  }
  if (error instanceof Error) {
    if (error.name === "ConnectorNotConnectedError") return "Connect your wallet first.";
    return error.message;
  }
  return String(error);
}
