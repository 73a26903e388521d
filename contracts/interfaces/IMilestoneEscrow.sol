// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/**
 * @title IMilestoneEscrow
 * @notice A client and a freelancer agree a job of N milestones in one token (an allowlisted ERC-20,
 * or the native coin as `address(0)`), each with a due date. The client funds the whole job; the
 * freelancer submits each milestone; the client approves it, or stays silent past the job's review
 * period and the freelancer claims it; a milestone never delivered can be reclaimed by the client
 * once its due date plus the job's grace period has passed. Either party may dispute a milestone:
 * an arbiter (ARBITER_ROLE, granted by the protocol's multisig) rules any split in basis points, or
 * the parties settle on a split themselves (one signs an EIP-712 offer, the other submits it).
 *
 * Money: on every payout to the freelancer the platform fee (basis points, fixed into the job at
 * creation, discounted by the freelancer's tier from the fee-discount source) is credited to the
 * fee recipient (the treasury) and the rest to the freelancer; `fee + payout + refund == amount`
 * exactly for every settled milestone. Payouts are pull-based: settled amounts accrue as credits
 * that their owners `withdraw`.
 *
 * Rounding never favours the party being paid: the fee rounds up, and in a split the freelancer's
 * gross share rounds down (the client's refund takes the remainder).
 *
 * Conservation law, per token: the escrow holds exactly the sum of funded, unsettled milestone
 * amounts plus the sum of credits not yet withdrawn (`balance == heldBalance(token)`; only coin
 * forced in without a call, e.g. by `selfdestruct`, can make the balance larger, never smaller).
 * A settled milestone (released, refunded or resolved) can never pay again.
 *
 * Work history: every job records per-freelancer stats on-chain (completed jobs, deliveries on
 * time, ratings 1-5 given once per job by the client, disputes opened and lost, earnings per
 * token) that badges and the leaderboard read.
 *
 * Tokens: standard ERC-20s, including ones whose `transfer`/`transferFrom` return no value
 * (USDT-style). Fee-on-transfer tokens are refused at funding (balance-delta check); rebasing
 * tokens are not supported and must not be allowlisted. A token that reverts blocks only its own
 * escrows' funding and withdrawals, never another token's.
 *
 * Pause (the guardian): stops creating and funding jobs only; submissions, approvals, claims,
 * reclaims, disputes, rulings, settlements, ratings and withdrawals keep working.
 *
 * The Stacks contract `clarity/contracts/escrow.clar` mirrors this interface; its `print` events
 * carry the same fields under kebab-case topics (`escrow-created`, ...).
 */
interface IMilestoneEscrow {
    /// @notice Lifecycle of an escrow (a job).
    enum EscrowStatus {
        None, //      never created
        Created, //   agreed, waiting for the client's funds; cancellable
        Funded, //    funds held; milestones in progress
        Completed, // every milestone settled and none reclaimed by the client: counts as a completed job
        Cancelled, // cancelled before funding; nothing was held
        Closed //     every milestone settled, at least one reclaimed by the client (undelivered)
    }

    /// @notice Lifecycle of one milestone inside a funded escrow. Released, Refunded and Resolved
    /// are final: a milestone in one of them can never pay again.
    enum MilestoneStatus {
        Pending, //   not yet delivered
        Submitted, // the freelancer says it is delivered; waiting for the client (or the review period)
        Released, //  paid in full to the freelancer side (approved, or claimed after the review period)
        Disputed, //  a party disputed it; waiting for a ruling or a settlement
        Refunded, //  never delivered; reclaimed by the client after due date + grace period
        Resolved //   split between the parties by the arbiter's ruling or by a settlement
    }

    // The struct is ordered to pack into 6 slots; the linter's reordering advice would not do better.
    // solhint-disable gas-struct-packing
    /// @notice One escrow as stored on-chain.
    struct Escrow {
        address client;
        uint16 feeBps; // platform fee fixed into this job at creation (after the freelancer's discount)
        EscrowStatus status;
        uint32 milestoneCount;
        uint32 settledCount; // milestones in a final status
        address freelancer;
        uint32 reviewPeriod; // seconds the client has to review a submission before the freelancer may claim
        uint32 gracePeriod; // seconds after a due date before the client may reclaim an undelivered milestone
        bool reclaimed; // some milestone was reclaimed by the client
        bool rated; // the client has rated the job
        address token; // address(0) = native coin
        uint256 total; // sum of milestone amounts
        uint256 released; // sum of gross amounts settled to the freelancer side (payouts + fees)
        uint256 refunded; // sum of amounts settled back to the client
    }
    // solhint-enable gas-struct-packing

    /// @notice One milestone as stored on-chain (one storage slot).
    struct Milestone {
        uint128 amount;
        uint48 dueDate; // unix seconds
        uint48 submittedAt; // unix seconds of the submission; 0 until submitted
        MilestoneStatus status;
    }

    /// @notice A milestone as agreed at creation.
    struct MilestoneTerms {
        uint256 amount; // in the token's smallest unit, 1..2^128-1
        uint48 dueDate; // unix seconds, after the creation block
    }

    /// @notice A freelancer's work history (one storage slot). Satisfaction = ratingSum / (5 * ratingCount).
    struct FreelancerStats {
        uint32 completedJobs; // escrows that ended Completed
        uint32 milestonesDelivered; // submissions
        uint32 milestonesOnTime; // submissions at or before the milestone's due date
        uint32 milestonesReclaimed; // milestones the client reclaimed as undelivered
        uint32 ratingCount; // jobs rated by their client
        uint32 ratingSum; // sum of those ratings (each 1..5)
        uint32 disputesOpened; // disputes on this freelancer's milestones, opened by either party
        uint32 disputesLost; // rulings that gave this freelancer less than half (settlements never count)
    }

    // ───────────────────────────── events ─────────────────────────────

    /// @notice A job was agreed.
    /// @param escrowId the new escrow's id.
    /// @param client who created it and will fund it.
    /// @param freelancer who delivers the milestones and is paid.
    /// @param token the ERC-20 it is paid in, or `address(0)` for the native coin.
    /// @param milestones amount and due date of each milestone, in order.
    /// @param total the sum of the amounts: what funding deposits.
    /// @param feeBps the platform fee fixed into this job (after any discount), in basis points.
    /// @param reviewPeriod seconds the client has to review each submission.
    /// @param gracePeriod seconds after each due date before an undelivered milestone can be reclaimed.
    event EscrowCreated(
        uint256 indexed escrowId,
        address indexed client,
        address indexed freelancer,
        address token,
        MilestoneTerms[] milestones,
        uint256 total,
        uint16 feeBps,
        uint32 reviewPeriod,
        uint32 gracePeriod
    );

    /// @notice The freelancer's fee discount was applied to a new job (emitted only when non-zero).
    /// @param escrowId the job.
    /// @param freelancer whose discount it is.
    /// @param baseFeeBps the platform fee before the discount.
    /// @param discountBps the discount, in basis points of the fee.
    event FeeDiscountApplied(uint256 indexed escrowId, address indexed freelancer, uint16 baseFeeBps, uint16 discountBps);

    /// @notice The client deposited the escrow's total; milestones may now be submitted.
    /// @param escrowId the escrow funded.
    /// @param client who deposited.
    /// @param amount what was deposited (the escrow's total).
    event EscrowFunded(uint256 indexed escrowId, address indexed client, uint256 amount);

    /// @notice The freelancer marked a milestone delivered.
    /// @param escrowId the escrow.
    /// @param index the milestone's position, from 0.
    /// @param deliverable an opaque reference (e.g. a content hash) the client reviews off-chain;
    /// zero when none was given.
    /// @param onTime whether it was submitted at or before its due date.
    event MilestoneSubmitted(uint256 indexed escrowId, uint256 indexed index, bytes32 deliverable, bool onTime);

    /// @notice A milestone was paid in full to the freelancer side; `fee + payout == amount`.
    /// @param escrowId the escrow.
    /// @param index the milestone's position, from 0.
    /// @param freelancer credited with `payout`.
    /// @param amount the milestone's amount.
    /// @param fee credited to the fee recipient (rounded up).
    /// @param payout credited to the freelancer.
    /// @param claimed true when the freelancer claimed it after the review period, false when the
    /// client approved it.
    event MilestoneReleased(
        uint256 indexed escrowId,
        uint256 indexed index,
        address indexed freelancer,
        uint256 amount,
        uint256 fee,
        uint256 payout,
        bool claimed
    );

    /// @notice An undelivered milestone was reclaimed by the client after its due date plus the
    /// grace period; the whole amount is credited back to the client, no fee.
    /// @param escrowId the escrow.
    /// @param index the milestone's position, from 0.
    /// @param client credited with `amount`.
    /// @param amount the milestone's amount.
    event MilestoneRefunded(uint256 indexed escrowId, uint256 indexed index, address indexed client, uint256 amount);

    /// @notice A party disputed a milestone; it now waits for a ruling or a settlement.
    /// @param escrowId the escrow.
    /// @param index the milestone's position, from 0.
    /// @param openedBy the client or the freelancer.
    /// @param reason an opaque reference to the party's statement (e.g. a content hash); may be zero.
    event DisputeOpened(uint256 indexed escrowId, uint256 indexed index, address indexed openedBy, bytes32 reason);

    /// @notice The arbiter ruled a disputed milestone; the ruling is final.
    /// `fee + payout + refund == amount`.
    /// @param escrowId the escrow.
    /// @param index the milestone's position, from 0.
    /// @param arbiter who ruled.
    /// @param freelancerBps the freelancer's share of the amount, in basis points (the client gets the rest).
    /// @param fee credited to the fee recipient, taken from the freelancer's share (rounded up).
    /// @param payout credited to the freelancer.
    /// @param refund credited to the client.
    event DisputeRuled(
        uint256 indexed escrowId,
        uint256 indexed index,
        address indexed arbiter,
        uint16 freelancerBps,
        uint256 fee,
        uint256 payout,
        uint256 refund
    );

    /// @notice The parties settled a milestone on a split without the arbiter (disputed or not).
    /// `fee + payout + refund == amount`.
    /// @param escrowId the escrow.
    /// @param index the milestone's position, from 0.
    /// @param freelancerBps the freelancer's share of the amount, in basis points.
    /// @param fee credited to the fee recipient, taken from the freelancer's share (rounded up).
    /// @param payout credited to the freelancer.
    /// @param refund credited to the client.
    event MilestoneSettled(
        uint256 indexed escrowId, uint256 indexed index, uint16 freelancerBps, uint256 fee, uint256 payout, uint256 refund
    );

    /// @notice Every milestone is settled and none was reclaimed: a completed job in the freelancer's history.
    /// @param escrowId the escrow.
    event EscrowCompleted(uint256 indexed escrowId);

    /// @notice Every milestone is settled and at least one was reclaimed by the client as undelivered.
    /// @param escrowId the escrow.
    event EscrowClosed(uint256 indexed escrowId);

    /// @notice The client rated a finished job (once per job).
    /// @param escrowId the job.
    /// @param freelancer who was rated.
    /// @param rating 1 (worst) to 5 (best).
    event JobRated(uint256 indexed escrowId, address indexed freelancer, uint8 rating);

    /// @notice An unfunded escrow was cancelled.
    /// @param escrowId the escrow.
    /// @param by who cancelled it (its client or its freelancer).
    event EscrowCancelled(uint256 indexed escrowId, address indexed by);

    /// @notice An account withdrew what it had been credited.
    /// @param account who withdrew (and received the funds).
    /// @param token the ERC-20, or `address(0)` for the native coin.
    /// @param amount what was sent.
    event Withdrawn(address indexed account, address indexed token, uint256 amount);

    /// @notice An account revoked every settlement offer it had signed (its nonce moved on).
    /// @param account who revoked.
    /// @param nonce the account's new nonce: only offers signed with it are valid from now on.
    event SettlementOffersRevoked(address indexed account, uint256 nonce);

    /// @notice The platform fee for escrows created from now on changed.
    /// @param previousBps the fee before, in basis points.
    /// @param newBps the fee now, in basis points.
    event PlatformFeeUpdated(uint16 previousBps, uint16 newBps);

    /// @notice The account credited with platform fees (the treasury) changed.
    /// @param previousRecipient the account before (zero at deployment).
    /// @param newRecipient the account now.
    event FeeRecipientUpdated(address indexed previousRecipient, address indexed newRecipient);

    /// @notice The contract read for freelancers' fee discounts changed.
    /// @param previousSource the source before (zero: none).
    /// @param newSource the source now (zero: no discounts).
    event FeeDiscountSourceUpdated(address indexed previousSource, address indexed newSource);

    /// @notice A token was added to or removed from the allowlist of new jobs.
    /// @param token the ERC-20, or `address(0)` for the native coin.
    /// @param allowed whether new jobs may use it (existing jobs are never affected).
    event TokenAllowlistUpdated(address indexed token, bool allowed);

    // ───────────────────────────── errors ─────────────────────────────

    /// @notice No escrow has this id. Debug: ids start at 1 and count up; check the chain you query.
    error EscrowNotFound(uint256 escrowId);

    /// @notice The caller is not the party this action belongs to (client or freelancer).
    /// Debug: compare the signer with `getEscrow(id).client` / `.freelancer`.
    error NotEscrowParty(uint256 escrowId, address caller);

    /// @notice The escrow is not in the status the action needs (e.g. funding twice, submitting
    /// before funding, cancelling after funding, rating before the job ended). `actual` is the current status.
    error InvalidEscrowStatus(uint256 escrowId, EscrowStatus actual);

    /// @notice The milestone is not in the status the action needs (e.g. approving before the
    /// freelancer submitted, releasing twice, ruling an undisputed milestone). `actual` is its current status.
    error InvalidMilestoneStatus(uint256 escrowId, uint256 index, MilestoneStatus actual);

    /// @notice `index` is not below the escrow's milestone count.
    error MilestoneIndexOutOfRange(uint256 escrowId, uint256 index);

    /// @notice A job needs between 1 and `max` milestones.
    error InvalidMilestoneCount(uint256 count, uint256 max);

    /// @notice Milestone `index` has an amount of zero or above 2^128-1 (`amount`). Debug: amounts
    /// are in the token's smallest unit; a zero usually means a decimals/parsing slip off-chain.
    error InvalidMilestoneAmount(uint256 index, uint256 amount);

    /// @notice Milestone `index` is due at or before the creation block's timestamp. Debug: due
    /// dates are unix seconds, not milliseconds, and must lie in the future.
    error InvalidDueDate(uint256 index, uint256 dueDate);

    /// @notice The review period is outside [`min`, `max`] seconds.
    error InvalidReviewPeriod(uint256 period, uint256 min, uint256 max);

    /// @notice The grace period is outside [`min`, `max`] seconds.
    error InvalidGracePeriod(uint256 period, uint256 min, uint256 max);

    /// @notice The freelancer must be a non-zero address other than the client and the escrow itself.
    error InvalidFreelancer(address freelancer);

    /// @notice New jobs cannot be paid in this token. Debug: `isTokenAllowed(token)`; the allowlist
    /// per chain comes from the chain registry's stablecoins and is changed by the multisig.
    error TokenNotAllowed(address token);

    /// @notice Native-coin escrows must be funded with exactly `expected` wei; ERC-20 escrows with
    /// no wei at all (`expected` is then 0).
    error IncorrectNativeAmount(uint256 expected, uint256 sent);

    /// @notice The token delivered a different amount than the escrow's total (fee-on-transfer or
    /// rebasing tokens are not supported). Debug: the token takes a cut on `transferFrom`.
    error InsufficientTokensReceived(uint256 expected, uint256 received);

    /// @notice The client's review period for this submission has not ended; the freelancer may
    /// claim from `claimableAt` (unix seconds) on.
    error ReviewPeriodNotOver(uint256 escrowId, uint256 index, uint256 claimableAt);

    /// @notice The milestone's due date plus the grace period has not passed; the client may
    /// reclaim it from `reclaimableAt` (unix seconds) on, if it is still undelivered then.
    error GracePeriodNotOver(uint256 escrowId, uint256 index, uint256 reclaimableAt);

    /// @notice A split gives the freelancer more than 10_000 basis points (100%).
    error InvalidSplit(uint16 freelancerBps);

    /// @notice The arbiter is a party to this escrow and may not rule on it. Debug: another
    /// ARBITER_ROLE holder must rule.
    error ArbiterIsParty(uint256 escrowId, address arbiter);

    /// @notice The settlement offer's deadline (unix seconds) has passed.
    error SettlementExpired(uint256 deadline);

    /// @notice The counterparty's signature does not sign this settlement with its current nonce.
    /// Debug: the offer must be EIP-712 `Settlement(escrowId,index,freelancerBps,nonce,deadline)` on
    /// this chain and contract, signed by the other party with `nonces(other)`; an offer is void
    /// once the signer revokes its offers or another of its offers was used.
    error InvalidSettlementSignature(uint256 escrowId, uint256 index, address signer);

    /// @notice A rating must be 1 to 5.
    error InvalidRating(uint8 rating);

    /// @notice The client already rated this job.
    error AlreadyRated(uint256 escrowId);

    /// @notice Nothing is credited to the caller in this token.
    error NothingToWithdraw(address account, address token);

    /// @notice Sending native coin to the caller failed (its fallback reverted). The credit is kept.
    error NativeTransferFailed(address to, uint256 amount);

    /// @notice The fee is above the hard cap `maxBps`, which no governance action can lift.
    error FeeAboveCap(uint16 bps, uint16 maxBps);

    /// @notice The fee recipient must be a non-zero address other than the escrow itself (which
    /// could never withdraw the fees).
    error InvalidFeeRecipient(address recipient);

    // ───────────────────────────── actions ─────────────────────────────

    /// @notice Agree a job with `freelancer`, paid in `token`, one amount and due date per milestone.
    /// @dev Reverts while paused. The current platform fee, minus the freelancer's discount read from
    /// the fee-discount source (a failing source means no discount), is fixed into the job.
    /// @param freelancer who delivers and is paid: non-zero, not the caller, not the escrow.
    /// @param token an allowlisted ERC-20, or `address(0)` for the native coin (when allowlisted).
    /// @param milestones 1 to MAX_MILESTONES terms: amount in 1..2^128-1, due date in the future.
    /// @param reviewPeriod seconds the client has to review each submission, in [MIN_PERIOD, MAX_REVIEW_PERIOD].
    /// @param gracePeriod seconds after a due date before the client may reclaim an undelivered
    /// milestone, in [MIN_PERIOD, MAX_GRACE_PERIOD].
    /// @return escrowId the new escrow's id (sequential from 1).
    function createEscrow(
        address freelancer,
        address token,
        MilestoneTerms[] calldata milestones,
        uint32 reviewPeriod,
        uint32 gracePeriod
    ) external returns (uint256 escrowId);

    /// @notice Deposit the escrow's total. Only the client. Native coin: send exactly the total.
    /// ERC-20: approve the total first, and send no native coin.
    /// @dev Reverts while paused.
    /// @param escrowId the escrow to fund (status Created).
    function fundEscrow(uint256 escrowId) external payable;

    /// @notice Mark milestone `index` delivered. Only the freelancer, only on a funded escrow. Late
    /// submissions are accepted (and recorded as not on time) until the client reclaims the milestone.
    /// @param escrowId the escrow (status Funded).
    /// @param index the milestone (status Pending).
    /// @param deliverable an opaque reference for the client, e.g. a content hash; may be zero.
    function submitMilestone(uint256 escrowId, uint256 index, bytes32 deliverable) external;

    /// @notice Approve a submitted milestone and release it to the freelancer. Only the client.
    /// @param escrowId the escrow (status Funded).
    /// @param index the milestone (status Submitted).
    function approveMilestone(uint256 escrowId, uint256 index) external;

    /// @notice Release a submitted milestone the client left unanswered for the whole review
    /// period. Only the freelancer, from `submittedAt + reviewPeriod` on.
    /// @param escrowId the escrow (status Funded).
    /// @param index the milestone (status Submitted).
    function claimMilestone(uint256 escrowId, uint256 index) external;

    /// @notice Take back an undelivered milestone. Only the client, from `dueDate + gracePeriod` on;
    /// the whole amount is credited to the client, no fee.
    /// @param escrowId the escrow (status Funded).
    /// @param index the milestone (status Pending).
    function reclaimMilestone(uint256 escrowId, uint256 index) external;

    /// @notice Dispute a milestone. Client or freelancer. Stops approval, claim and reclaim until
    /// the arbiter rules or the parties settle.
    /// @param escrowId the escrow (status Funded).
    /// @param index the milestone (status Pending or Submitted).
    /// @param reason an opaque reference to the party's statement, e.g. a content hash; may be zero.
    function openDispute(uint256 escrowId, uint256 index, bytes32 reason) external;

    /// @notice Rule a disputed milestone: `freelancerBps` of the amount to the freelancer (minus the
    /// fee), the rest back to the client. Only ARBITER_ROLE, never a party of the escrow. Final.
    /// @param escrowId the escrow (status Funded).
    /// @param index the milestone (status Disputed).
    /// @param freelancerBps the freelancer's share in basis points, 0..10_000.
    function resolveDispute(uint256 escrowId, uint256 index, uint16 freelancerBps) external;

    /// @notice Settle a milestone on a split both parties agreed: the caller (client or freelancer)
    /// submits the other party's EIP-712 signed offer and, by calling, agrees to it. Final.
    /// @dev Typed data `Settlement(uint256 escrowId,uint256 index,uint16 freelancerBps,uint256 nonce,uint256 deadline)`
    /// in this contract's EIP-712 domain (chain id and address included); `nonce` is the signer's
    /// current `nonces(signer)` and is used up. ERC-1271 signatures from contract wallets are accepted.
    /// @param escrowId the escrow (status Funded).
    /// @param index the milestone (status Pending, Submitted or Disputed).
    /// @param freelancerBps the freelancer's share in basis points, 0..10_000.
    /// @param deadline unix seconds after which the offer is void.
    /// @param signature the counterparty's signature of the offer.
    function settleMilestone(
        uint256 escrowId,
        uint256 index,
        uint16 freelancerBps,
        uint256 deadline,
        bytes calldata signature
    ) external;

    /// @notice Void every settlement offer the caller has signed and not yet seen used.
    function revokeSettlementOffers() external;

    /// @notice Rate a finished job, 1 (worst) to 5 (best). Only the client, once, after the escrow
    /// is Completed or Closed.
    /// @param escrowId the escrow.
    /// @param rating 1..5.
    function rateJob(uint256 escrowId, uint8 rating) external;

    /// @notice Cancel an escrow that was never funded. Client or freelancer.
    /// @param escrowId the escrow (status Created).
    function cancelEscrow(uint256 escrowId) external;

    /// @notice Withdraw everything credited to the caller in `token`, to the caller.
    /// @param token the ERC-20, or `address(0)` for the native coin.
    /// @return amount what was sent.
    function withdraw(address token) external returns (uint256 amount);

    // ───────────────────────────── admin ─────────────────────────────

    /// @notice Set the platform fee for escrows created from now on. Only FEE_MANAGER_ROLE
    /// (held by the protocol's multisig/timelock).
    /// @param bps the new fee in basis points, at most the hard cap.
    function setPlatformFee(uint16 bps) external;

    /// @notice Set the account credited with platform fees (the treasury) on every later payout
    /// (including payouts of existing escrows). Only FEE_MANAGER_ROLE. Fees already credited stay
    /// with the previous recipient.
    /// @param recipient the new fee recipient, non-zero and not the escrow.
    function setFeeRecipient(address recipient) external;

    /// @notice Set the contract read for freelancers' fee discounts at job creation; zero for none.
    /// Only FEE_MANAGER_ROLE.
    /// @param source an {IFeeDiscountSource}, or `address(0)`.
    function setFeeDiscountSource(address source) external;

    /// @notice Allow or disallow a token for new jobs. Only DEFAULT_ADMIN_ROLE. Existing jobs in
    /// the token are never affected.
    /// @param token the ERC-20, or `address(0)` for the native coin.
    /// @param allowed whether new jobs may use it.
    function setTokenAllowed(address token, bool allowed) external;

    /// @notice Stop new escrows from being created or funded. Only PAUSER_ROLE (the guardian).
    /// Pausing never blocks any other action: no funds can be frozen by it.
    function pause() external;

    /// @notice Resume creating and funding escrows. Only DEFAULT_ADMIN_ROLE.
    function unpause() external;

    // ───────────────────────────── views ─────────────────────────────

    /// @notice An escrow as stored.
    /// @param escrowId the escrow.
    /// @return the escrow (all-zero with status None when it does not exist).
    function getEscrow(uint256 escrowId) external view returns (Escrow memory);

    /// @notice One milestone of an escrow. Reverts when the escrow or the index does not exist.
    /// @param escrowId the escrow.
    /// @param index the milestone's position, from 0.
    /// @return the milestone.
    function getMilestone(uint256 escrowId, uint256 index) external view returns (Milestone memory);

    /// @notice All milestones of an escrow, in order. Reverts when the escrow does not exist.
    /// @param escrowId the escrow.
    /// @return the milestones.
    function getMilestones(uint256 escrowId) external view returns (Milestone[] memory);

    /// @notice A freelancer's work history.
    /// @param freelancer the account.
    /// @return its stats (all zero for an account that never worked).
    function freelancerStats(address freelancer) external view returns (FreelancerStats memory);

    /// @notice What a freelancer has been paid in a token over all jobs (net of fees).
    /// @param freelancer the account.
    /// @param token the ERC-20, or `address(0)` for the native coin.
    /// @return the total payouts.
    function earned(address freelancer, address token) external view returns (uint256);

    /// @notice What an account may withdraw.
    /// @param token the ERC-20, or `address(0)` for the native coin.
    /// @param account the account.
    /// @return its credit in `token`.
    function credits(address token, address account) external view returns (uint256);

    /// @notice What the escrow owes in a token: funded, unsettled milestone amounts plus credits
    /// not yet withdrawn. Its balance of the token always equals this.
    /// @param token the ERC-20, or `address(0)` for the native coin.
    /// @return the amount owed.
    function heldBalance(address token) external view returns (uint256);

    /// @notice The EIP-712 digest a party signs to offer a settlement.
    /// @param escrowId the escrow.
    /// @param index the milestone.
    /// @param freelancerBps the freelancer's share in basis points.
    /// @param nonce the signer's nonce (`nonces(signer)`).
    /// @param deadline unix seconds after which the offer is void.
    /// @return the digest.
    function settlementDigest(uint256 escrowId, uint256 index, uint16 freelancerBps, uint256 nonce, uint256 deadline)
        external
        view
        returns (bytes32);

    /// @notice Whether new jobs may be paid in a token.
    /// @param token the ERC-20, or `address(0)` for the native coin.
    /// @return true when allowlisted.
    function isTokenAllowed(address token) external view returns (bool);

    /// @notice The contract read for fee discounts at job creation (zero: none).
    /// @return the source.
    function feeDiscountSource() external view returns (address);

    /// @notice Platform fee for new escrows, in basis points (before any discount).
    /// @return the fee.
    function platformFeeBps() external view returns (uint16);

    /// @notice Account credited with platform fees (the treasury).
    /// @return the fee recipient.
    function feeRecipient() external view returns (address);

    /// @notice Number of escrows ever created; the latest id.
    /// @return the count.
    function escrowCount() external view returns (uint256);
}
