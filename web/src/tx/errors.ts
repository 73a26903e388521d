/**
 * Why a write failed, in words. Revert data is decoded against the generated ABIs (the escrow, the
 * ERC-20 errors it can bubble up, the multisig that administers it, and the badges with their
 * ERC-721 errors; the DAO: WORX token, governor, timelock, fee splitter, work rewards, staking fee
 * discount, with OpenZeppelin's Governor / Timelock / ERC-20 / ERC-5805 errors; the creator-coin DEX:
 * metrics oracle, coin factory, creator coins and their pools); every custom error has a
 * sentence, and the `switch` is exhaustive, so a new error in a contract breaks the type check
 * until it gets one.
 */
import {
  BaseError,
  ChainMismatchError,
  ContractFunctionRevertedError,
  decodeErrorResult,
  formatEther,
  InsufficientFundsError,
  keccak256,
  toHex,
  UserRejectedRequestError,
  zeroHash,
  type DecodeErrorResultReturnType,
  type Hex,
} from "viem";
import {
  creatorCoinAbi,
  creatorCoinFactoryAbi,
  creatorPoolAbi,
  demoStablecoinAbi,
  feeSplitterAbi,
  metricsOracleAbi,
  milestoneEscrowAbi,
  stakingFeeDiscountAbi,
  timelockControllerAbi,
  workRewardsAbi,
  worxBadgesAbi,
  worxGovernorAbi,
  worxMultisigAbi,
  worxTokenAbi,
} from "../../../generated/abis.ts";

// generated/abis.ts is one module, bundled whole with the first page (measured: the DEX pages'
// ABIs land in the first chunk whether or not they are listed here): listing the DAO's and the
// DEX's ABIs costs no extra chunk, and keeps every error decodable wherever a write happens.
const errorAbi = [
  ...milestoneEscrowAbi,
  ...demoStablecoinAbi,
  ...worxMultisigAbi,
  ...worxBadgesAbi,
  ...worxTokenAbi,
  ...worxGovernorAbi,
  ...timelockControllerAbi,
  ...feeSplitterAbi,
  ...workRewardsAbi,
  ...stakingFeeDiscountAbi,
  ...metricsOracleAbi,
  ...creatorCoinFactoryAbi,
  ...creatorCoinAbi,
  ...creatorPoolAbi,
].filter((item) => item.type === "error");
type KnownError = DecodeErrorResultReturnType<typeof errorAbi>;

export const USER_REJECTED = "You rejected the request in your wallet";

/** Who may take an action and what it is, for "only the client of escrow #N can …" sentences. */
export interface PartyAction {
  /** The party the contract expects: "client", "freelancer", or "client or freelancer". */
  role: "client" | "freelancer" | "client or freelancer";
  /** The action as the end of "can …", e.g. "approve its milestones". */
  what: string;
}

/** What the sentences may use: amount formatting in the action's token, and the action itself. */
export interface ExplainContext {
  formatAmount?: (amount: bigint) => string;
  nativeSymbol?: string;
  action?: PartyAction;
  /**
   * The unmet criteria of a badge tier in words with the numbers ("7 of 10 completed jobs"), for
   * CriteriaNotMet; without it the sentence names the criteria only.
   */
  missingCriteria?: (tier: number, mask: number) => string[];
  /** The DAO treasury (the timelock): an ERC-20 balance error of this account is the treasury's, not the user's. */
  treasury?: string;
  /** Formats WORX amounts (stakes, votes, thresholds); default: the raw wei. */
  formatWorx?: (amount: bigint) => string;
  /** A swap's output token (`formatAmount` is its input token); default: raw units. */
  formatOutput?: (amount: bigint) => string;
  /** The DEX's base token (daily volume limits are valued in it); default: `formatAmount`. */
  formatBase?: (amount: bigint) => string;
}

/** IGovernor.ProposalState, as the end of "The proposal is …". */
export const PROPOSAL_STATE_WORDS = [
  "pending (its vote has not started yet)",
  "active (being voted on)",
  "canceled",
  "defeated",
  "succeeded (waiting to be queued)",
  "queued in the timelock",
  "expired",
  "executed",
] as const;
/** IWorxToken.LockTerm. */
export const LOCK_TERM_WORDS = ["30-day", "90-day", "180-day"] as const;
/** The proposal states set in an OpenZeppelin `expectedStates` bitmap (bit i = ProposalState i). */
function expectedStates(bitmap: Hex, words: readonly string[]): string {
  const bits = BigInt(bitmap);
  const names = words.filter((_, i) => (bits >> BigInt(i)) & 1n).map((w) => w.split(" (")[0]);
  return names.length ? names.join(" or ") : "in another state";
}
/** TimelockController.OperationState: Unset, Waiting, Ready, Done. */
const TIMELOCK_STATE_WORDS = ["not scheduled", "waiting for its delay", "ready to execute", "already executed"];

/** IMilestoneEscrow.EscrowStatus, as the end of "Escrow #N is …". */
export const escrowStatusWords = [
  "not created",
  "waiting for the client's funds",
  "funded and in progress",
  "completed",
  "cancelled",
  "closed (a milestone was reclaimed)",
];
/** IMilestoneEscrow.MilestoneStatus, as the end of "Milestone n of escrow #N is …". */
export const milestoneStatusWords = [
  "not delivered yet",
  "submitted and waiting for the client's review",
  "already released",
  "disputed, waiting for the arbiter's ruling or a settlement",
  "already reclaimed by the client",
  "already resolved by a ruling or a settlement",
];
/** IWorxMultisig.OperationState, as the end of "The operation is …". */
const operationStateWords = [
  "not known to this multisig (never proposed here)",
  "pending approvals",
  "queued behind its timelock",
  "already executed",
  "cancelled",
  "expired",
];
const classWords = ["Critical", "Routine"];
const opRef = (id: string) => `${id.slice(0, 10)}…`;
const when = (seconds: bigint) => new Date(Number(seconds) * 1000).toLocaleString();
const ROLE_NAMES = ["FEE_MANAGER_ROLE", "PAUSER_ROLE", "ARBITER_ROLE", "ATTESTER_ROLE"];
/** IWorxBadges.Tier. */
export const TIER_NAMES = ["None", "Bronze", "Silver", "Gold", "Platinum", "Verified"] as const;
const tierName = (tier: number) => TIER_NAMES[tier] ?? `tier ${tier}`;
/** IWorxBadges missing-criteria bits, named (1 jobs, 2 satisfaction, 4 X verification, 8 vetting). */
export const CRITERIA_NAMES: readonly [bit: number, name: string][] = [
  [1, "completed jobs"],
  [2, "client satisfaction"],
  [4, "a verified X account"],
  [8, "vetting by the platform"],
];
const roleName = (role: Hex) => (role === zeroHash ? "DEFAULT_ADMIN_ROLE" : (ROLE_NAMES.find((n) => keccak256(toHex(n)) === role) ?? role));
/** A duration in seconds for people: "1 h", "3 d", "36 h". */
/** ICreatorPool: a halt until type(uint40).max lasts until the multisig resumes. */
const haltEnd = (until: number | bigint) => (BigInt(until) >= (1n << 40n) - 1n ? "until the protocol's multisig resumes it" : `until ${when(BigInt(until))}`);
const span = (seconds: bigint) => {
  const s = Number(seconds);
  if (s % 86_400 === 0) return `${s / 86_400} d`;
  if (s % 3_600 === 0) return `${s / 3_600} h`;
  return `${s} s`;
};

function sentence(error: KnownError, ctx: ExplainContext): string {
  const amount = (value: bigint) => (ctx.formatAmount ? ctx.formatAmount(value) : value.toString());
  const worx = (value: bigint) => (ctx.formatWorx ? ctx.formatWorx(value) : `${formatEther(value)} WORX`);
  const percent = (bps: number | bigint) => `${Number(bps) / 100}%`;
  const output = (value: bigint) => (ctx.formatOutput ? ctx.formatOutput(value) : value.toString());
  const baseAmount = (value: bigint) => (ctx.formatBase ? ctx.formatBase(value) : amount(value));
  switch (error.errorName) {
    case "EscrowNotFound":
      return `Escrow #${error.args[0]} does not exist on this chain.`;
    case "NotEscrowParty":
      return ctx.action
        ? `Only the ${ctx.action.role} of escrow #${error.args[0]} can ${ctx.action.what}; you are signed in as ${error.args[1]}.`
        : `Your account ${error.args[1]} is not the party of escrow #${error.args[0]} who can do this.`;
    case "InvalidEscrowStatus":
      return `Escrow #${error.args[0]} is ${escrowStatusWords[error.args[1]] ?? "in another state"}, so ${ctx.action ? `you can't ${ctx.action.what}` : "this action is not possible"} now. Refresh to see its current state.`;
    case "InvalidMilestoneStatus":
      return `Milestone ${error.args[1] + 1n} of escrow #${error.args[0]} is ${milestoneStatusWords[error.args[2]] ?? "in another state"}, so ${ctx.action ? `you can't ${ctx.action.what}` : "this action is not possible"} now.`;
    case "MilestoneIndexOutOfRange":
      return `Escrow #${error.args[0]} has no milestone ${error.args[1] + 1n}.`;
    case "InvalidMilestoneCount":
      return `An escrow needs between 1 and ${error.args[1]} milestones (this one has ${error.args[0]}).`;
    case "InvalidMilestoneAmount":
      return `Milestone ${error.args[0] + 1n} has an invalid amount (${amount(error.args[1])}): it must be more than zero and below 2^128.`;
    case "InvalidDueDate":
      return `The due date of milestone ${error.args[0] + 1n} (${when(error.args[1])}) is not in the future: every due date must come after the block that creates the escrow.`;
    case "InvalidReviewPeriod":
      return `A review period of ${span(error.args[0])} is outside the allowed ${span(error.args[1])} to ${span(error.args[2])}.`;
    case "InvalidGracePeriod":
      return `A grace period of ${span(error.args[0])} is outside the allowed ${span(error.args[1])} to ${span(error.args[2])}.`;
    case "InvalidFreelancer":
      return `${error.args[0]} can't be the freelancer: it must be a valid address different from the client's (and not the escrow contract).`;
    case "TokenNotAllowed":
      return `New escrows can't be paid in ${error.args[0]}: it is not on the escrow's token allowlist (the protocol's multisig decides it).`;
    case "ReviewPeriodNotOver":
      return `The client's review period for milestone ${error.args[1] + 1n} of escrow #${error.args[0]} is not over yet: the freelancer can claim it from ${when(error.args[2])}.`;
    case "GracePeriodNotOver":
      return `Milestone ${error.args[1] + 1n} of escrow #${error.args[0]} can be reclaimed from ${when(error.args[2])} on (its due date plus the grace period), if it is still undelivered then.`;
    case "InvalidSplit":
      return `A split can't give the freelancer ${error.args[0] / 100}%: the share is 0 to 100%.`;
    case "ArbiterIsParty":
      return `Your account ${error.args[1]} is a party of escrow #${error.args[0]}, so it may not rule on it: another arbiter must.`;
    case "SettlementExpired":
      return `This settlement offer expired at ${when(error.args[0])}: ask the other party for a new one.`;
    case "InvalidSettlementSignature":
      return `The offer is not validly signed by ${error.args[2]} for milestone ${error.args[1] + 1n} of escrow #${error.args[0]}: it was revoked, another offer of that account was used since, or it was signed for another split, escrow or chain. Ask for a new offer.`;
    case "InvalidAccountNonce":
      return `The offer of ${error.args[0]} was signed with an offer number that is no longer current (now ${error.args[1]}): it was revoked or another of its offers was used. Ask for a new offer.`;
    case "InvalidRating":
      return `A rating is 1 to 5 stars (not ${error.args[0]}).`;
    case "AlreadyRated":
      return `Escrow #${error.args[0]} is already rated: a client rates a job once.`;
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
      return "The protocol is paused by its guardian: new escrows can't be created or funded right now. Everything else (submitting, approving, claiming, disputes, settlements, withdrawals) still works.";
    case "ExpectedPause":
      return "The protocol is not paused.";
    case "AccessControlUnauthorizedAccount":
      return roleName(error.args[1]) === "ARBITER_ROLE"
        ? `Your account ${error.args[0]} does not hold ARBITER_ROLE: only the protocol's arbiters (appointed by its multisig) can rule disputes.`
        : `Your account ${error.args[0]} does not have the role this action needs (${roleName(error.args[1])}).`;
    case "AccessControlBadConfirmation":
      return "A role can only be renounced by its holder.";
    case "ReentrancyGuardReentrantCall":
      return "The contract refused a re-entrant call.";
    case "SafeERC20FailedOperation":
      return `The token ${error.args[0]} refused the transfer.`;
    case "ERC20InsufficientAllowance":
      return `The escrow may only move ${amount(error.args[1])} of your tokens but needs ${amount(error.args[2])}: approve the full amount first.`;
    case "ERC20InsufficientBalance":
      return ctx.treasury && error.args[0].toLowerCase() === ctx.treasury.toLowerCase()
        ? `The DAO treasury holds only ${amount(error.args[1])} of this token, below the ${amount(error.args[2])} the proposal sends: it can't execute until the treasury has enough.`
        : `Your token balance (${amount(error.args[1])}) is below the ${amount(error.args[2])} needed.`;
    // WorxMultisig (contracts/interfaces/IWorxMultisig.sol)
    case "NotOwner":
      return `The account ${error.args[0]} is not an owner of the multisig: only owners can propose, approve, sign or cancel operations.`;
    case "OnlySelf":
      return "This setting can only be changed by the multisig itself: propose it as an operation, approve it with the Critical threshold, queue it and execute it after the timelock.";
    case "NotGuardian":
      return `Only the guardian can pause through the multisig; ${error.args[0]} is not the guardian.`;
    case "TargetNotPausable":
      return `The guardian may not pause ${error.args[0]}: the owners have not marked it pausable.`;
    case "InvalidOwner":
      return `${error.args[0]} can't be an owner: it must be a non-zero address other than the multisig.`;
    case "DuplicateOwner":
      return `${error.args[0]} is already an owner.`;
    case "TooManyOwners":
      return `The multisig can have at most ${error.args[1]} owners (this would make ${error.args[0]}).`;
    case "InvalidThreshold":
      // Two contracts name an error so: the metrics oracle's milestone (index, followers) and the multisig's approvals.
      if (error.args.length === 2)
        return `A milestone threshold of ${error.args[1]} followers (milestone ${error.args[0] + 1n}) is invalid: new thresholds must be above zero, strictly ascending, above the last existing one, and at most 64 in all.`;
      return `A ${classWords[error.args[0]] ?? ""} threshold of ${error.args[1]} is invalid: it must be between 1 and the ${error.args[2]} owners.`;
    case "RemovalBelowThreshold":
      return `Removing ${error.args[0]} would leave ${error.args[1]} owners, fewer than a threshold of ${error.args[2]}: lower that threshold first.`;
    case "InvalidDelay":
      return `A ${classWords[error.args[0]] ?? ""} timelock of ${error.args[1]} seconds is outside the allowed ${error.args[2]}–${error.args[3]} seconds.`;
    case "CannotConfigureSelf":
      return "Calls to the multisig itself are always Critical; their class can't be changed.";
    case "InvalidTarget":
      return `${error.args[0]} is not a valid target here (the zero address, the multisig itself, or not a contract).`;
    case "OperationAlreadyProposed":
      return `This exact operation (${opRef(error.args[0])}) was proposed before and is ${operationStateWords[error.args[1]] ?? "in another state"}: approve that one, or propose again with a new nonce.`;
    case "InvalidOperationState":
      return `Operation ${opRef(error.args[0])} is ${operationStateWords[error.args[1]] ?? "in another state"}, so this action is not possible. Refresh to see its current state.`;
    case "InsufficientApprovals":
      return `Operation ${opRef(error.args[0])} has ${error.args[1]} of the ${error.args[2]} owner approvals it needs before it can be queued.`;
    case "TimelockNotElapsed":
      return `Operation ${opRef(error.args[0])} is still in its timelock: it can execute from ${when(error.args[1])}.`;
    case "OperationExpired":
      return `Operation ${opRef(error.args[0])} expired at ${when(error.args[1])} without being executed; it can never run. Propose it again.`;
    case "NoSignatures":
      return "No owner signature was submitted.";
    case "SignersNotAscending":
      return `Signatures must be sorted by signer address, each signer once (${error.args[1]} came after ${error.args[0]}).`;
    case "InvalidSignature":
      return `The signature of ${error.args[0]} does not match this operation on this chain and multisig (wrong account, chain or data).`;
    case "InsufficientBalance":
      return `The multisig holds ${formatEther(error.args[0])} ${ctx.nativeSymbol ?? "native coin"} but the operation sends ${formatEther(error.args[1])}: fund the multisig first.`;
    case "PauseFailed":
      return `Pausing ${error.args[0]} failed: the multisig may lack its pauser role, or it is already paused.`;
    case "CallFailed":
      return `The call of operation ${opRef(error.args[0])} reverted without a reason; nothing changed.`;
    case "InvalidShortString":
    case "StringTooLong":
      return "The multisig's EIP-712 name is invalid.";
    // WorxBadges (contracts/interfaces/IWorxBadges.sol) and its ERC-721 errors
    case "InvalidTier":
      return `${tierName(error.args[0])} is not a badge tier: tiers are Bronze, Silver, Gold, Platinum and Verified.`;
    case "CriteriaNotMet": {
      const words = ctx.missingCriteria?.(error.args[0], error.args[1]) ?? CRITERIA_NAMES.filter(([bit]) => error.args[1] & bit).map(([, name]) => name);
      return `You don't meet the ${tierName(error.args[0])} badge's criteria yet: ${words.join("; ") || "see the tier's criteria"}.`;
    }
    case "AlreadyClaimed":
      return `${error.args[0]} already claimed a ${tierName(error.args[1])} badge: each tier can be claimed once per account, even if that badge was burnt or given away.`;
    case "Soulbound":
      return `Badge #${error.args[0]} is soul-bound: it stays with the account that earned it (its holder may only burn it).`;
    case "InvalidAttestationSignature":
      return `This attestation is not signed by one of the platform's attesters (it resolves to ${error.args[0]}): it may be for another account, kind, chain or contract, or its attester lost the role. Ask for a new one.`;
    case "AttestationExpired":
      return `This attestation expired at ${when(error.args[0])}: ask the attester for a fresh one.`;
    case "AttestationAlreadyUsed":
      return `This attestation (${opRef(error.args[0])}) was already submitted once, and a signed attestation counts only once: ask the attester for a new one.`;
    case "UnknownAttestationKind":
      return `Attestation kind ${error.args[0]} does not exist: 1 is X account verification, 2 is vetting.`;
    case "NotTokenOwner":
      return `Only the holder of badge #${error.args[0]} can burn it; your account ${error.args[1]} does not hold it.`;
    case "InvalidTierConfig":
      return `The new ${tierName(error.args[0])} criteria are invalid: percentages are at most 100%, and only a soul-bound tier may carry a fee discount.`;
    case "InvalidEscrow":
      return `${error.args[0]} is not a deployed escrow contract.`;
    case "InvalidAdmin":
      return "The badges' admin must be a non-zero address.";
    case "ERC721NonexistentToken":
      return `Badge #${error.args[0]} does not exist (never minted, or burnt).`;
    case "ERC721IncorrectOwner":
      return `${error.args[0]} does not hold badge #${error.args[1]} (its holder is ${error.args[2]}).`;
    case "ERC721InsufficientApproval":
      return `${error.args[0]} may not move badge #${error.args[1]}: its holder has not approved it.`;
    case "ERC721InvalidOwner":
      return `${error.args[0]} can't own badges (the zero address).`;
    case "ERC721InvalidApprover":
    case "ERC721InvalidOperator":
    case "ERC721InvalidReceiver":
    case "ERC721InvalidSender":
      return "The badge contract refused an operation with the zero address or an account that can't receive badges.";
    // WorxToken (contracts/interfaces/IWorxToken.sol) and OpenZeppelin's ERC20Votes / ERC20Permit
    case "ZeroAmount":
      return "Enter an amount above zero.";
    case "InsufficientUnlockedBalance":
      return `Only ${worx(error.args[2])} of your WORX are not staked, less than the ${worx(error.args[1])} this needs: staked WORX can't be moved or staked again until their lock ends and you unstake them.`;
    case "StakeLocked":
      return `Your ${LOCK_TERM_WORDS[error.args[1]] ?? ""} stake is locked until ${when(BigInt(error.args[2]))}: there is no early exit, unstake it from then on.`;
    case "NoStake":
      return `You have no ${LOCK_TERM_WORDS[error.args[1]] ?? ""} stake (never staked, or already unstaked).`;
    case "ERC20ExceededSafeSupply":
      return "Minting this much WORX would exceed the token's maximum supply for vote checkpoints.";
    case "ERC2612ExpiredSignature":
      return `This permit signature expired at ${when(error.args[0])}: sign a new one.`;
    case "ERC2612InvalidSigner":
      return `The permit is signed by ${error.args[0]}, not by the owner ${error.args[1]}.`;
    case "ERC5805FutureLookup":
      return `Votes can't be read at ${when(error.args[0])}: that moment is not in the past yet (chain time is ${when(BigInt(error.args[1]))}).`;
    case "VotesExpiredSignature":
      return `This delegation signature expired at ${when(error.args[0])}: sign a new one.`;
    case "ECDSAInvalidSignature":
    case "ECDSAInvalidSignatureLength":
    case "ECDSAInvalidSignatureS":
      return "The signature is malformed: sign again.";
    case "CheckpointUnorderedInsertion":
      return "The vote checkpoints refused an out-of-order update.";
    case "SafeCastOverflowedUintDowncast":
    case "SafeCastOverflowedIntDowncast":
      return `A number is too large for the contract (it must fit in ${error.args[0]} bits).`;
    case "SafeCastOverflowedIntToUint":
      return "A negative number reached the contract where only positive ones are allowed.";
    case "SafeCastOverflowedUintToInt":
      return "A number is too large for the contract's signed arithmetic.";
    // WorxGovernor (contracts/interfaces/IWorxGovernor.sol) and OpenZeppelin's Governor
    case "GovernorInsufficientProposerVotes":
      return `Proposing needs at least ${worx(error.args[2])} of votes (the proposal threshold); ${error.args[0]} has ${worx(error.args[1])}. Votes count only once delegated (to yourself or someone else) before the proposal.`;
    case "GovernorAlreadyCastVote":
      return `${error.args[0]} has already voted on this proposal: a vote can't be changed.`;
    case "GovernorUnexpectedProposalState":
      return `The proposal is ${PROPOSAL_STATE_WORDS[error.args[1]] ?? "in another state"}; this needs it ${expectedStates(error.args[2], PROPOSAL_STATE_WORDS)}. Refresh to see where it is.`;
    case "GovernorNonexistentProposal":
      return `Proposal ${opRef(String(error.args[0]))} does not exist on this governor.`;
    case "GovernorOnlyExecutor":
      return `Only the DAO itself (its timelock, through an executed proposal) can do this; ${error.args[0]} can't.`;
    case "GovernorAlreadyQueuedProposal":
      return "This proposal is already queued in the timelock.";
    case "GovernorDisabledDeposit":
      return "The governor does not accept coins: send them to the treasury (the timelock) instead.";
    case "GovernorInvalidProposalLength":
      return `A proposal needs as many targets (${error.args[0]}) as calls (${error.args[1]}) and values (${error.args[2]}), and at least one call.`;
    case "GovernorInvalidQuorumFraction":
      return `A quorum of ${error.args[0]}/${error.args[1]} is invalid: it must be at most 100%.`;
    case "GovernorInvalidSignature":
      return `The vote signature of ${error.args[0]} is invalid.`;
    case "GovernorInvalidVoteParams":
    case "GovernorInvalidVoteType":
      return "A vote is For, Against or Abstain.";
    case "GovernorInvalidVotingPeriod":
      return `A voting period of ${span(error.args[0])} is invalid: it must be longer than zero.`;
    case "GovernorPreventLateQuorumVoteExtensionTooLarge":
      return `A late-quorum extension of ${span(error.args[0])} is too long (at most ${span(error.args[1])}).`;
    case "GovernorProposalQueueingFailed":
    case "GovernorProposalQueueingNotRequired":
      return "This proposal can't be queued in the timelock.";
    case "GovernorRestrictedProposer":
      return `${error.args[0]} may not submit this proposal: its description restricts the proposer.`;
    case "GovernorUnableToCancel":
      return `${error.args[1]} can't cancel this proposal: only its proposer or the guardian can, and only while it is pending (before voting starts).`;
    case "GuardianCancelNotPending":
      return `The guardian may cancel a proposal only while it is pending, before voting starts; this one is ${PROPOSAL_STATE_WORDS[error.args[1]] ?? "in another state"}, so only the voters decide now.`;
    case "ERC6372InconsistentClock":
      return "The governor's clock and the token's clock disagree.";
    case "FailedCall":
      return "A call of the proposal reverted without a reason; nothing changed.";
    // OpenZeppelin TimelockController (the DAO treasury)
    case "TimelockUnexpectedOperationState":
      return `The timelock operation ${opRef(error.args[0])} is not ${expectedStates(error.args[1], TIMELOCK_STATE_WORDS)}: the timelock delay may not be over yet. Refresh to see the countdown.`;
    case "TimelockInsufficientDelay":
      return `A timelock delay of ${span(error.args[0])} is below the minimum of ${span(error.args[1])}.`;
    case "TimelockInvalidOperationLength":
      return "The timelock operation's targets, values and calls differ in number.";
    case "TimelockUnauthorizedCaller":
      return `Only the timelock itself can change its settings; ${error.args[0]} can't.`;
    case "TimelockUnexecutedPredecessor":
      return `This operation waits for an earlier one (${opRef(error.args[0])}) to execute first.`;
    // FeeSplitter (contracts/interfaces/IFeeSplitter.sol)
    case "InvalidShare":
      return `A share of ${percent(error.args[0])} is invalid: it is 0 to 100%.`;
    case "ZeroAddress":
      // FeeSplitter, the coin factory, creator coins and pools share this error.
      return "An address that must be set is the zero address (a treasury or payee, a creator, a token, an oracle or a fee recipient).";
    case "NothingOwed":
      return `Nothing is owed to ${error.args[1]} in this token yet: fees are owed after they are collected and split.`;
    // WorkRewards (contracts/interfaces/IWorkRewards.sol)
    case "JobNotFinished":
      return `Escrow #${error.args[0]} is ${escrowStatusWords[error.args[1]] ?? "in another state"}: WORX rewards are minted once a job is completed or closed.`;
    case "WorkRewardAlreadyClaimed":
      return `The WORX reward of escrow #${error.args[0]} was already claimed (it is minted once per job, to both parties).`;
    case "BadgeRewardAlreadyClaimed":
      return `The WORX reward of badge #${error.args[0]} was already claimed.`;
    case "NothingToReward":
      return `Escrow #${error.args[0]} earns no WORX now (its token has no reward rate, or nothing was paid); it stays claimable if the DAO sets a rate.`;
    case "LengthMismatch":
      return "One reward rate is needed per token.";
    // StakingFeeDiscount (contracts/interfaces/IStakingFeeDiscount.sol)
    case "InvalidDiscountTiers":
      return `Discount tier ${error.args[0] + 1n} is invalid: at most 8 tiers, staking power strictly increasing, discounts non-decreasing and at most 100%.`;
    // MetricsOracle (contracts/interfaces/IMetricsOracle.sol)
    case "ZeroCreator":
      return "The report names no creator wallet (the zero address).";
    case "CreatorMismatch":
      return `This creator is bound to the wallet ${error.args[1]} by its first report; a report naming ${error.args[2]} is refused. A creator who changes wallets needs a new creator id.`;
    case "NonceNotIncreasing":
      return `This report's nonce (${error.args[1]}) is not above the creator's last one (${error.args[2]}): a replayed or reordered report is refused. Reporters number each creator's reports in strictly increasing order.`;
    case "ObservationNotIncreasing":
      return `This report was observed at ${when(error.args[1])}, not after the creator's last report (${when(error.args[2])}): out-of-order reports are refused.`;
    case "ObservationInFuture":
      return `This report is dated ${when(error.args[0])}, after the chain's current time (${when(error.args[1])}): the reporter's clock runs ahead of the chain.`;
    case "StaleObservation":
      return `This report was observed at ${when(error.args[0])}, too long ago: the oracle accepts observations from ${when(error.args[1])} on. Observe again and resend.`;
    case "InvalidLaunchMilestone":
      return `There is no milestone ${error.args[0] + 1n} to gate launches: the oracle has ${error.args[1]}.`;
    case "InvalidMaxAge":
      return "A maximum report age of zero would make every report stale.";
    // CreatorCoinFactory (contracts/interfaces/ICreatorCoinFactory.sol)
    case "NotCreator":
      return /^0x0{40}$/.test(error.args[2])
        ? "No metrics were reported for this creator yet, so no wallet may launch its coin: the platform's reporters bind a creator to its wallet with its first report."
        : `Only the creator's wallet ${error.args[2]} can launch this coin; you are signed in as ${error.args[1]}.`;
    case "LaunchMilestoneNotReached":
      return `This creator has not reached the launch milestone (milestone ${error.args[1] + 1n}) yet: its coin can be launched once the oracle reports it.`;
    case "AlreadyLaunched":
      return `This creator already launched its coin (${error.args[1]}): a creator launches once.`;
    case "UnknownCoin":
      return `${error.args[0]} is not a coin launched by the Worx coin factory.`;
    case "InvalidPoolParams":
      return "These default pool parameters are out of range: a swap fee above the maximum, a protocol share or impact cap above 100%, or a circuit breaker without a window or a cool-off.";
    // CreatorCoin (contracts/interfaces/ICreatorCoin.sol)
    case "NotFactory":
      return `Only the coin's factory can do this; ${error.args[0]} can't.`;
    case "NothingToRelease":
      return `This coin's schedule releases nothing at milestone ${error.args[0] + 1n}.`;
    case "AlreadyReleased":
      return `The supply scheduled for milestone ${error.args[0] + 1n} was already released to the creator (each release happens once).`;
    case "MilestoneNotReached":
      return `The creator has not reached milestone ${error.args[0] + 1n} yet: its supply is released once the oracle reports it.`;
    case "SupplyTooLarge":
      return `The initial supply plus every release (${formatEther(error.args[0])} coins) is above the maximum of 2^112 − 1 units, the pool's reserve bound: lower them.`;
    case "TooManyReleases":
      return `A coin can schedule at most 64 releases; this schedule has ${error.args[0]}.`;
    case "InvalidHolderShare":
      return `A holders' share of ${percent(error.args[0])} is invalid: it is 0 to 100%.`;
    case "InvalidDeposit":
      return error.args[0] === 0n
        ? "Enter a revenue amount above zero."
        : `The coin received ${amount(error.args[1])} instead of ${amount(error.args[0])}: tokens that take a fee on transfer are not supported.`;
    case "NothingToClaim":
      return `${error.args[0]} has no revenue to claim from this coin: holders earn when the creator deposits revenue, pro rata to their balances at that moment.`;
    case "ExclusionUnchanged":
      return `${error.args[0]} is already ${error.args[1] ? "excluded from" : "included in"} this coin's revenue sharing.`;
    // CreatorPool (contracts/interfaces/ICreatorPool.sol)
    case "IdenticalTokens":
      return "A pool's coin and base token must be different tokens.";
    case "InvalidParams":
      return "These pool parameters are out of range: a swap fee above the maximum, a protocol share or impact cap above 100%, or a circuit breaker without a window or a cool-off.";
    case "Expired":
      return `The trade's deadline (${when(error.args[0])}) passed before it was mined: nothing was traded. Send it again with a later deadline.`;
    case "InvalidToken":
      return `${error.args[0]} is neither this pool's coin nor its base token.`;
    case "InsufficientOutput":
      return `The price moved: this trade would now pay ${output(error.args[0])}, below your minimum of ${output(error.args[1])} (your slippage tolerance). Nothing was traded; review the new quote.`;
    case "ExcessiveInput":
      return `The price moved: this trade would now cost ${amount(error.args[0])}, above your maximum of ${amount(error.args[1])} (your slippage tolerance). Nothing was traded; review the new quote.`;
    case "InsufficientLiquidity":
      return "The pool can't serve this trade: it has no liquidity yet, or you asked for its whole reserve or more.";
    case "InsufficientLiquidityMinted":
      return "This deposit is too small to mint liquidity tokens (a first deposit must exceed the 1,000 units the pool locks forever).";
    case "InsufficientLiquidityBurned":
      return "Removing this little liquidity would pay out nothing of one of the tokens: remove more.";
    case "InsufficientCoinAmount":
      return `The pool's ratio moved: this would move only ${formatEther(error.args[0])} coins, below your minimum of ${formatEther(error.args[1])}. Nothing changed; try again at the new ratio.`;
    case "InsufficientBaseAmount":
      return `The pool's ratio moved: this would move only ${baseAmount(error.args[0])}, below your minimum of ${baseAmount(error.args[1])}. Nothing changed; try again at the new ratio.`;
    case "TransferAmountMismatch":
      return `The pool received ${error.args[2]} units of ${error.args[0]} instead of ${error.args[1]}: tokens that take a fee on transfer are not supported.`;
    case "FirstDepositNotCreator":
      return `Only the coin's creator (${error.args[1]}) can make the pool's first deposit: it sets the opening price. Add liquidity at the pool's ratio once the creator has seeded it.`;
    case "ReserveOverflow":
      return "The pool's reserves would exceed their maximum (2^112 − 1 units): the amount is far too large.";
    case "PoolHalted":
      return `Trading in this pool is halted ${haltEnd(error.args[0])}: the price moved beyond the circuit breaker's bound, or the protocol's multisig halted it. Swaps resume on their own then; liquidity can still be added or removed.`;
    case "DailyLimitExceeded":
      return `This trade would pass your daily limit in this pool: you have traded ${baseAmount(error.args[1])} today (UTC) of the ${baseAmount(error.args[2])} allowed per address. The limit resets at 00:00 UTC.`;
    case "CooldownActive":
      return `You traded in this pool too recently: it allows your next trade from ${when(error.args[1])} (a cooldown between an address's trades).`;
    case "PriceImpactTooHigh":
      return `This trade would move the price by ${percent(error.args[0])}, above the pool's cap of ${percent(error.args[1])} per trade: split it into smaller trades or trade less.`;
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
