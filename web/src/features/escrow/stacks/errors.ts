/**
 * Clarity error codes of clarity/contracts/escrow.clar (u1000–u1045), multisig.clar (u2000–u2043), badges.clar (u3000–u3033) and
 * the DAO's contracts in clarity/contracts/dao/ (u4000–u4601), documented there, and wallet
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
  1006: "The fee-discount source must be a contract of this network other than the escrow.",
  1007: "The escrow's fee-discount source changed: reload the page so the new one is passed with the call.",
  1010: "This escrow does not exist on this network.",
  1011: "Your account is not the party of this escrow who can do this (fund, approve, reclaim and rate: the client; submit and claim: the freelancer).",
  1012: "The escrow is not in a state that allows this (not funded yet, already funded, or already completed, closed or cancelled).",
  1013: "The milestone is not in a state that allows this (not submitted yet, already submitted, disputed, or already released, reclaimed or resolved).",
  1014: "This escrow has no milestone with that number.",
  1015: "An escrow needs between 1 and 50 milestones.",
  1016: "Every milestone amount must be more than zero.",
  1017: "The freelancer must be a valid address of this network, different from yours.",
  1018: "The token is not a contract of this network.",
  1019: "New escrows can't be paid in this token: it is not on the escrow's allowlist.",
  1020: "This escrow is paid in another asset.",
  1021: "The token delivered a different amount than the escrow's total: such tokens are not supported.",
  1022: "The transfer failed: check your balance.",
  1023: "The token tried to move other assets out of the escrow, so the payment was reverted.",
  1024: "There is nothing credited to you in this token to withdraw.",
  1030: "A due date is not in the future: every due date must come after the block that creates the escrow.",
  1031: "The review period must be between 1 hour and 30 days.",
  1032: "The grace period must be between 1 hour and 90 days.",
  1033: "The client's review period for this submission is not over yet: the freelancer can claim it later.",
  1034: "This milestone can be reclaimed only once its due date plus the grace period has passed, if it is still undelivered then.",
  1040: "A split gives the freelancer 0 to 100%.",
  1041: "You are a party of this escrow, so you may not rule on it: another arbiter must.",
  1042: "This settlement offer has expired: ask the other party for a new one.",
  1043: "The offer is not validly signed by the other party: it was revoked, another of their offers was used since, or it was signed for another split or escrow.",
  1044: "A rating is 1 to 5 stars.",
  1045: "This job is already rated: a client rates a job once.",
  // multisig.clar
  2000: "Only an owner of the multisig can propose, approve or approve cancelling (and only from their own account, not through another contract).",
  2001: "Only the multisig's guardian can pause this way (or no guardian is set).",
  2002: "The owners never allowed the guardian to pause this contract.",
  2003: "Only the deployer of the multisig can initialize it.",
  2004: "The multisig is already initialized: change its configuration through operations.",
  2010: "The new owner must be an address of this network other than the multisig itself.",
  2011: "This address is already an owner.",
  2012: "This address is not an owner (another removal may have executed first).",
  2013: "The multisig has at most 20 owners.",
  2014: "A threshold must be between 1 and the number of owners.",
  2015: "Removing this owner would leave fewer owners than a class threshold: lower that threshold first.",
  2016: "A timelock delay is between 1 hour and 30 days (in seconds).",
  2017: "A class is 0 (critical) or 1 (routine).",
  2018: "The multisig's own administration is always critical: it can't be configured.",
  2019: "This is not an action whose class can be configured.",
  2020: "The target must be a contract of this network other than the multisig.",
  2021: "A transfer goes to a standard address of this network, not to the multisig itself.",
  2022: "A transfer amount must be more than zero.",
  2030: "The multisig has no operation with this id on this network.",
  2031: "Not enough approvals to queue this operation yet (approvals given before an owner removal no longer count).",
  2032: "This operation is already queued: it takes no more approvals; to stop it, approve cancelling it.",
  2033: "This operation is not queued yet: queue it once it has enough approvals.",
  2034: "This operation has already been executed: it runs once.",
  2035: "This operation was cancelled: propose it again under a new nonce.",
  2036: "The operation's timelock has not elapsed yet: it can be executed from its eta.",
  2037: "This operation expired (not executed within 14 days after its eta): propose it again.",
  2038: "This operation was already proposed (same action, target, amount and nonce): choose another nonce, or approve the existing one.",
  2040: "This is not the execute function for this operation's action.",
  2041: "The contract passed is not this operation's target.",
  2042: "The multisig holds less STX than this transfer: fund it, then execute again before the operation expires.",
  2043: "The target tried to move the multisig's funds beyond what the operation allows, so the call was reverted: don't use this contract.",
  // badges.clar
  3000: "Your account does not have the role this action needs (admin: the multisig; attester).",
  3001: "Unknown role name: roles are \"admin\" and \"attester\".",
  3002: "The tier's new criteria are invalid: percentages are at most 100%, and only a soul-bound tier may carry a fee discount.",
  3003: "The multisig's payload is not a badges action.",
  3010: "This is not a badge tier: tiers are 1 Bronze, 2 Silver, 3 Gold, 4 Platinum, 5 Verified.",
  3011: "You don't meet this tier's criteria yet on this network: completed jobs, client satisfaction, and for some tiers an attester's X verification or vetting.",
  3012: "Your account already claimed a badge of this tier: each tier can be claimed once per account, even if that badge was burnt or given away.",
  3020: "This badge does not exist (never minted, or burnt).",
  3021: "Only the holder of this badge can move or burn it.",
  3022: "This badge is soul-bound: it stays with the account that earned it (its holder may only burn it).",
  3023: "A badge can't be sent to its own holder.",
  3030: "This attestation is not signed by one of the platform's attesters for this account, kind and network: ask for a new one.",
  3031: "This attestation has expired: ask the attester for a fresh one.",
  3032: "This attestation was already submitted once, and counts only once: ask the attester for a new one.",
  3033: "Unknown attestation kind: 1 is X account verification, 2 is vetting.",
  // DAO (clarity/contracts/dao/): dao-core
  4000: "Only the DAO itself (a proposal being executed) or one of its enabled extensions can do this.",
  4001: "This proposal has already been executed: a proposal runs once, ever.",
  4002: "The DAO was already bootstrapped, once, by its deployer.",
  4003: "dao-core can't be its own extension, and an extension may only request its own callback.",
  4004: "The proposal tried to move assets held by dao-core, so it was reverted: DAO funds are paid from the treasury only.",
  // dao-token
  4100: "Only the DAO or one of its extensions can mint WORX, and a transfer must come from the tokens' owner.",
  4101: "The amount must be more than zero.",
  4102: "Not enough unlocked WORX: staked tokens can't be transferred or staked again until they are unstaked.",
  4103: "This stake is still locked: it can be unstaked only once its unlock time has passed (there is no early exit).",
  4104: "You have no stake for this lock term.",
  4105: "A lock term is 30, 90 or 180 days.",
  4106: "The checkpoint hint does not match your vote checkpoints at the snapshot height: read it again (it changes when your votes change) and retry.",
  4107: "Votes can only be read for a past block: wait for the next block and retry.",
  4108: "You can't send tokens to yourself.",
  // proposal-voting
  4200: "Your account can't do this: only the guardian or the proposer may cancel a proposal, and only the DAO may change the voting rules.",
  4201: "This proposal contract was already proposed: each proposal contract can be proposed once — deploy a new one.",
  4202: "You don't have enough votes to propose: you need the proposal threshold in WORX votes at the previous block (delegate to yourself first).",
  4203: "This contract was never proposed to the DAO.",
  4204: "Voting is not open on this proposal: it opens the block after its start and closes at its end (or it was canceled).",
  4205: "You have already voted on this proposal: one vote per account.",
  4206: "A vote is For, Against or Abstain.",
  4207: "You had no votes at this proposal's snapshot: tokens received or delegated after its start don't count for it.",
  4208: "Only a proposal that succeeded (quorum reached, more For than Against, voting over) can be queued, once.",
  4209: "Only a queued proposal can be executed (it may be defeated, not queued yet, or already executed).",
  4210: "The proposal's timelock has not expired yet: it can be executed from its eta block.",
  4211: "A proposal can be canceled only while it is pending, before voting opens.",
  4212: "Invalid voting parameters: the voting period must be at least one block and the quorum at most 100%.",
  4213: "This proposal contract has already been executed by the DAO (like the bootstrap): it can't be proposed.",
  // dao-treasury
  4300: "Only the DAO (a passed proposal) or one of its extensions can spend from the treasury.",
  4301: "The amount must be more than zero.",
  4302: "The token tried to move more than the payment out of the treasury, so the payment was reverted: don't use this token.",
  // fee-splitter
  4400: "Only the DAO can change the fee split or its payees.",
  4401: "The DAO's share of fees is at most 100%.",
  4402: "A payee must be an address of this network other than the fee splitter itself.",
  4403: "The fee splitter owes this payee nothing in this asset: collect (or distribute) fees first.",
  4404: "The payment failed, so nothing changed and the amount is still owed: check the token.",
  4405: "The token tried to move other assets out of the fee splitter, so the call was reverted: don't use this token.",
  // work-rewards
  4500: "Only the DAO can change the reward rules.",
  4501: "This escrow is not finished (completed or closed) on this network, so it earns no reward yet.",
  4502: "This escrow's work reward was already claimed: once per escrow.",
  4503: "This badge's reward was already claimed: once per badge.",
  4504: "There is nothing to reward: the reward rate for this asset is zero, nothing was released, or this badge tier has no reward.",
  4505: "The client's share is at most 100% of the freelancer's reward.",
  4506: "This badge does not exist (never minted, or burnt).",
  // staking-fee-discount
  4600: "Only the DAO can change the staking discount tiers.",
  4601: "Invalid discount tiers: minimums must increase, discounts must not decrease, and a discount is at most 100%.",
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
