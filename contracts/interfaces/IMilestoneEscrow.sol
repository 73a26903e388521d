// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/**
 * @title IMilestoneEscrow
 * @notice A client and a freelancer agree an escrow of N milestones in one token (any ERC-20, or the
 * native coin as `address(0)`). The client funds the whole escrow, the freelancer submits each
 * milestone, the client approves it and the milestone is released: the platform fee (basis points,
 * fixed at creation) is credited to the fee recipient and the rest to the freelancer. Payouts are
 * pull-based: released amounts accrue as credits that their owners `withdraw`.
 *
 * Conservation law, per token: the escrow holds exactly the sum of funded, unreleased milestone
 * amounts plus the sum of credits not yet withdrawn
 * (`balance == lockedBalance(token) + creditedBalance(token)`; only coin forced in without a call,
 * e.g. by `selfdestruct`, can make the balance larger, never smaller).
 *
 * Supported tokens: standard ERC-20s, including ones whose `transfer`/`transferFrom` return no value
 * (USDT-style). Fee-on-transfer tokens are rejected at funding; rebasing tokens are not supported.
 *
 * The Stacks contract `clarity/contracts/escrow.clar` mirrors this interface; its `print` events
 * carry the same fields under kebab-case topics (`escrow-created`, ...).
 */
interface IMilestoneEscrow {
    /// @notice Lifecycle of an escrow.
    enum EscrowStatus {
        None, //      never created
        Created, //   agreed, waiting for the client's funds; cancellable
        Funded, //    funds held; milestones in progress
        Completed, // every milestone released
        Cancelled //  cancelled before funding; nothing was held
    }

    /// @notice Lifecycle of one milestone inside a funded escrow.
    enum MilestoneStatus {
        Pending, //   not yet delivered
        Submitted, // the freelancer says it is delivered; waiting for the client
        Released //   paid out (fee to the fee recipient, rest to the freelancer)
    }

    // Escrow already packs into 5 slots (three addresses cannot share one); the rule misfires here.
    // solhint-disable gas-struct-packing
    /// @notice One escrow as stored on-chain.
    struct Escrow {
        address client;
        address freelancer;
        address token; // address(0) = native coin
        uint16 feeBps; // platform fee agreed at creation; later fee changes do not apply
        EscrowStatus status;
        uint32 milestoneCount;
        uint32 releasedCount;
        uint256 total; // sum of milestone amounts
        uint256 released; // sum of released milestone amounts
    }
    // solhint-enable gas-struct-packing

    /// @notice One milestone as stored on-chain.
    struct Milestone {
        uint128 amount; // 128 bits keep a milestone in one storage slot
        MilestoneStatus status;
    }

    // ───────────────────────────── events ─────────────────────────────

    /// @notice An escrow was agreed.
    /// @param escrowId the new escrow's id.
    /// @param client who created it and will fund it.
    /// @param freelancer who delivers the milestones and is paid.
    /// @param token the ERC-20 it is paid in, or `address(0)` for the native coin.
    /// @param amounts `amounts[i]` is milestone `i`, in the token's smallest unit.
    /// @param total the sum of `amounts`: what funding deposits.
    /// @param feeBps the platform fee fixed into this escrow, in basis points.
    event EscrowCreated(
        uint256 indexed escrowId,
        address indexed client,
        address indexed freelancer,
        address token,
        uint256[] amounts,
        uint256 total,
        uint16 feeBps
    );

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
    event MilestoneSubmitted(uint256 indexed escrowId, uint256 indexed index, bytes32 deliverable);

    /// @notice A milestone was released; `fee + payout == amount` always.
    /// @param escrowId the escrow.
    /// @param index the milestone's position, from 0.
    /// @param freelancer credited with `payout`.
    /// @param amount the milestone's amount.
    /// @param fee credited to the fee recipient (rounded up).
    /// @param payout credited to the freelancer.
    event MilestoneReleased(
        uint256 indexed escrowId,
        uint256 indexed index,
        address indexed freelancer,
        uint256 amount,
        uint256 fee,
        uint256 payout
    );

    /// @notice Every milestone of the escrow has been released.
    /// @param escrowId the escrow.
    event EscrowCompleted(uint256 indexed escrowId);

    /// @notice An unfunded escrow was cancelled.
    /// @param escrowId the escrow.
    /// @param by who cancelled it (its client or its freelancer).
    event EscrowCancelled(uint256 indexed escrowId, address indexed by);

    /// @notice An account withdrew what it had been credited.
    /// @param account who withdrew (and received the funds).
    /// @param token the ERC-20, or `address(0)` for the native coin.
    /// @param amount what was sent.
    event Withdrawn(address indexed account, address indexed token, uint256 amount);

    /// @notice The platform fee for escrows created from now on changed.
    /// @param previousBps the fee before, in basis points.
    /// @param newBps the fee now, in basis points.
    event PlatformFeeUpdated(uint16 previousBps, uint16 newBps);

    /// @notice The account credited with platform fees changed.
    /// @param previousRecipient the account before (zero at deployment).
    /// @param newRecipient the account now.
    event FeeRecipientUpdated(address indexed previousRecipient, address indexed newRecipient);

    // ───────────────────────────── errors ─────────────────────────────

    /// @notice No escrow has this id. Debug: ids start at 1 and count up; check the chain you query.
    error EscrowNotFound(uint256 escrowId);

    /// @notice The caller is not the party this action belongs to (client or freelancer).
    /// Debug: compare the signer with `escrows(id).client` / `.freelancer`.
    error NotEscrowParty(uint256 escrowId, address caller);

    /// @notice The escrow is not in the status the action needs (e.g. funding twice, submitting
    /// before funding, cancelling after funding). `actual` is the current status.
    error InvalidEscrowStatus(uint256 escrowId, EscrowStatus actual);

    /// @notice The milestone is not in the status the action needs (e.g. approving before the
    /// freelancer submitted, releasing twice). `actual` is its current status.
    error InvalidMilestoneStatus(uint256 escrowId, uint256 index, MilestoneStatus actual);

    /// @notice `index` is not below the escrow's milestone count.
    error MilestoneIndexOutOfRange(uint256 escrowId, uint256 index);

    /// @notice An escrow needs between 1 and `max` milestones.
    error InvalidMilestoneCount(uint256 count, uint256 max);

    /// @notice Milestone `index` has an amount of zero or above 2^128-1 (`amount`). Debug: amounts
    /// are in the token's smallest unit; a zero usually means a decimals/parsing slip off-chain.
    error InvalidMilestoneAmount(uint256 index, uint256 amount);

    /// @notice The freelancer must be a non-zero address other than the client and the escrow itself.
    error InvalidFreelancer(address freelancer);

    /// @notice Native-coin escrows must be funded with exactly `expected` wei; ERC-20 escrows with
    /// no wei at all (`expected` is then 0).
    error IncorrectNativeAmount(uint256 expected, uint256 sent);

    /// @notice The token delivered a different amount than the escrow's total (fee-on-transfer or
    /// rebasing tokens are not supported). Debug: the token takes a cut on `transferFrom`.
    error InsufficientTokensReceived(uint256 expected, uint256 received);

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

    /// @notice Agree an escrow with `freelancer` paying `amounts` (one per milestone) in `token`.
    /// @dev Reverts while paused. The current platform fee is fixed into the escrow.
    /// @param freelancer who delivers and is paid: non-zero, not the caller, not the escrow.
    /// @param token the ERC-20 to pay in, or `address(0)` for the native coin.
    /// @param amounts one amount per milestone (1 to MAX_MILESTONES), each in 1..2^128-1.
    /// @return escrowId the new escrow's id (sequential from 1).
    function createEscrow(address freelancer, address token, uint256[] calldata amounts)
        external
        returns (uint256 escrowId);

    /// @notice Deposit the escrow's total. Only the client. Native coin: send exactly the total.
    /// ERC-20: approve the total first, and send no native coin.
    /// @dev Reverts while paused.
    /// @param escrowId the escrow to fund (status Created).
    function fundEscrow(uint256 escrowId) external payable;

    /// @notice Mark milestone `index` delivered. Only the freelancer, only on a funded escrow.
    /// @param escrowId the escrow (status Funded).
    /// @param index the milestone (status Pending).
    /// @param deliverable an opaque reference for the client, e.g. a content hash; may be zero.
    function submitMilestone(uint256 escrowId, uint256 index, bytes32 deliverable) external;

    /// @notice Approve a submitted milestone and release it. Only the client.
    /// @param escrowId the escrow (status Funded).
    /// @param index the milestone (status Submitted).
    function approveMilestone(uint256 escrowId, uint256 index) external;

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

    /// @notice Set the account credited with platform fees on every later release (including
    /// releases of existing escrows). Only FEE_MANAGER_ROLE. Fees already credited stay with the
    /// previous recipient.
    /// @param recipient the new fee recipient, non-zero and not the escrow.
    function setFeeRecipient(address recipient) external;

    /// @notice Stop new escrows from being created or funded. Only PAUSER_ROLE (the guardian).
    /// Pausing never blocks submit, approve, cancel or withdraw: no funds can be frozen by it.
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

    /// @notice What an account may withdraw.
    /// @param token the ERC-20, or `address(0)` for the native coin.
    /// @param account the account.
    /// @return its credit in `token`.
    function credits(address token, address account) external view returns (uint256);

    /// @notice Sum of funded, unreleased milestone amounts held for escrows in a token.
    /// @param token the ERC-20, or `address(0)` for the native coin.
    /// @return the locked amount.
    function lockedBalance(address token) external view returns (uint256);

    /// @notice Sum of credits not yet withdrawn in a token.
    /// @param token the ERC-20, or `address(0)` for the native coin.
    /// @return the credited amount.
    function creditedBalance(address token) external view returns (uint256);

    /// @notice Platform fee for new escrows, in basis points.
    /// @return the fee.
    function platformFeeBps() external view returns (uint16);

    /// @notice Account credited with platform fees.
    /// @return the fee recipient.
    function feeRecipient() external view returns (address);

    /// @notice Number of escrows ever created; the latest id.
    /// @return the count.
    function escrowCount() external view returns (uint256);
}
