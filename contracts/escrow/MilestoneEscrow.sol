// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {Nonces} from "@openzeppelin/contracts/utils/Nonces.sol";
import {Pausable} from "@openzeppelin/contracts/utils/Pausable.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {EIP712} from "@openzeppelin/contracts/utils/cryptography/EIP712.sol";
import {SignatureChecker} from "@openzeppelin/contracts/utils/cryptography/SignatureChecker.sol";
import {IMilestoneEscrow} from "../interfaces/IMilestoneEscrow.sol";
import {FeeDiscountRead} from "../libraries/FeeDiscountRead.sol";
import {FeeMath} from "../libraries/FeeMath.sol";

// Due dates, review and grace periods are unix seconds by design (see the contract's notes on time).
// solhint-disable not-rely-on-time

/**
 * @title MilestoneEscrow
 * @notice Milestone escrow between a client and a freelancer, in an allowlisted ERC-20 or the native
 * coin: due dates, a review window after which the freelancer may claim, reclaim of undelivered
 * milestones, disputes ruled by an arbiter or settled by a signed offer, a capped and discountable
 * platform fee, pull-based payouts and an on-chain work history. See {IMilestoneEscrow}.
 * @dev Roles: DEFAULT_ADMIN_ROLE and FEE_MANAGER_ROLE belong to the protocol's multisig/timelock;
 * PAUSER_ROLE to the guardian, who can only stop new escrows, never move funds; ARBITER_ROLE to the
 * arbiters the multisig appoints, who can only split a disputed milestone between its parties.
 *
 * Every state-changing entry point is `nonReentrant` and follows checks-effects-interactions; the
 * only external calls are the token / native transfers of {fundEscrow} and {withdraw}, the
 * bounded fee-discount read in {createEscrow} and the ERC-1271 check in {settleMilestone}.
 *
 * Time: due dates, review and grace periods are compared with `block.timestamp`. Validators can
 * skew it by seconds, which is irrelevant against periods of at least {MIN_PERIOD} (one hour).
 */
contract MilestoneEscrow is IMilestoneEscrow, AccessControl, Pausable, ReentrancyGuardTransient, EIP712, Nonces {
    using SafeERC20 for IERC20;

    /// @notice Hard cap on the platform fee (20%); no role can set a higher fee.
    uint16 public constant MAX_FEE_BPS = 2_000;
    /// @notice Most milestones one escrow may have (bounds the loop in {createEscrow}).
    uint256 public constant MAX_MILESTONES = 50;
    /// @notice Shortest review or grace period, in seconds.
    uint32 public constant MIN_PERIOD = 1 hours;
    /// @notice Longest review period, in seconds.
    uint32 public constant MAX_REVIEW_PERIOD = 30 days;
    /// @notice Longest grace period, in seconds.
    uint32 public constant MAX_GRACE_PERIOD = 90 days;
    /// @notice May change the platform fee, the fee recipient and the fee-discount source.
    bytes32 public constant FEE_MANAGER_ROLE = keccak256("FEE_MANAGER_ROLE");
    /// @notice May pause new escrows (the guardian).
    bytes32 public constant PAUSER_ROLE = keccak256("PAUSER_ROLE");
    /// @notice May rule disputed milestones of escrows it is not a party of.
    bytes32 public constant ARBITER_ROLE = keccak256("ARBITER_ROLE");
    // The type string must be spelled out exactly; it is hashed at compile time, never stored.
    // solhint-disable gas-small-strings
    /// @notice EIP-712 type hash of a settlement offer.
    bytes32 public constant SETTLEMENT_TYPEHASH =
        keccak256("Settlement(uint256 escrowId,uint256 index,uint16 freelancerBps,uint256 nonce,uint256 deadline)");
    // solhint-enable gas-small-strings
    /// @notice Gas the fee-discount source may use per read. Enough for a few cold storage reads
    /// (a badge tier, a stake); a source needing more is treated as failing (no discount).
    uint256 public constant DISCOUNT_READ_GAS = 50_000;

    /// @dev Native coin is represented as token address zero.
    address private constant NATIVE = address(0);
    /// @dev A ruling below half (in basis points) counts as a dispute lost by the freelancer.
    uint16 private constant HALF_BPS = 5_000;

    uint256 private _escrowCount;
    uint16 private _platformFeeBps;
    address private _feeRecipient;
    address private _feeDiscountSource;

    mapping(uint256 escrowId => Escrow) private _escrows;
    mapping(uint256 escrowId => mapping(uint256 index => Milestone)) private _milestones;
    mapping(address token => mapping(address account => uint256)) private _credits;
    mapping(address token => uint256) private _held;
    mapping(address token => bool) private _allowedTokens;
    mapping(address freelancer => FreelancerStats) private _stats;
    mapping(address freelancer => mapping(address token => uint256)) private _earned;

    /// @notice Deploy with `admin` holding DEFAULT_ADMIN_ROLE, FEE_MANAGER_ROLE and PAUSER_ROLE
    /// (not ARBITER_ROLE: arbiters are granted by the admin, and should not be the admin itself).
    /// @param admin receives DEFAULT_ADMIN_ROLE, FEE_MANAGER_ROLE and PAUSER_ROLE.
    /// @param initialFeeRecipient account credited with platform fees.
    /// @param initialFeeBps platform fee for new escrows, at most {MAX_FEE_BPS}.
    /// @param initialAllowedTokens tokens new jobs may use from the start (`address(0)`: native coin).
    constructor(address admin, address initialFeeRecipient, uint16 initialFeeBps, address[] memory initialAllowedTokens)
        EIP712("Worx MilestoneEscrow", "1")
    {
        _grantRole(DEFAULT_ADMIN_ROLE, admin);
        _grantRole(FEE_MANAGER_ROLE, admin);
        _grantRole(PAUSER_ROLE, admin);
        _setFeeRecipient(initialFeeRecipient);
        _setPlatformFee(initialFeeBps);
        uint256 count = initialAllowedTokens.length;
        for (uint256 i; i < count; ++i) {
            _setTokenAllowed(initialAllowedTokens[i], true);
        }
    }

    // ───────────────────────────── actions ─────────────────────────────

    /// @inheritdoc IMilestoneEscrow
    function createEscrow(
        address freelancer,
        address token,
        MilestoneTerms[] calldata milestones,
        uint32 reviewPeriod,
        uint32 gracePeriod
    ) external whenNotPaused nonReentrant returns (uint256 escrowId) {
        _checkJob(freelancer, token, milestones.length, reviewPeriod, gracePeriod);
        // Read the discount before any storage write: a caller that starves the bounded call of
        // gas (to deny the discount) keeps at most 1/64 of it, far too little for what follows.
        uint16 discountBps = _readDiscountBps(freelancer);
        uint16 feeBps = FeeMath.discountedFeeBps(_platformFeeBps, discountBps);

        escrowId = ++_escrowCount;
        uint256 total = _storeMilestones(escrowId, milestones);
        // Field by field rather than a struct literal: the zero fields (settled count, flags,
        // released, refunded) are then never written, which saves two cold no-op stores.
        Escrow storage escrow = _escrows[escrowId];
        escrow.client = msg.sender;
        escrow.feeBps = feeBps;
        escrow.status = EscrowStatus.Created;
        // At most MAX_MILESTONES: fits.
        escrow.milestoneCount = uint32(milestones.length);
        escrow.freelancer = freelancer;
        escrow.reviewPeriod = reviewPeriod;
        escrow.gracePeriod = gracePeriod;
        if (token != NATIVE) escrow.token = token;
        escrow.total = total;
        emit EscrowCreated(escrowId, msg.sender, freelancer, token, milestones, total, feeBps, reviewPeriod, gracePeriod);
        if (discountBps != 0) emit FeeDiscountApplied(escrowId, freelancer, _platformFeeBps, discountBps);
    }

    /// @inheritdoc IMilestoneEscrow
    function fundEscrow(uint256 escrowId) external payable whenNotPaused nonReentrant {
        Escrow storage escrow = _existing(escrowId);
        if (msg.sender != escrow.client) revert NotEscrowParty(escrowId, msg.sender);
        if (escrow.status != EscrowStatus.Created) revert InvalidEscrowStatus(escrowId, escrow.status);

        address token = escrow.token;
        uint256 total = escrow.total;
        if (token == NATIVE) {
            if (msg.value != total) revert IncorrectNativeAmount(total, msg.value);
        } else if (msg.value != 0) {
            revert IncorrectNativeAmount(0, msg.value);
        }

        escrow.status = EscrowStatus.Funded;
        _held[token] += total;
        emit EscrowFunded(escrowId, msg.sender, total);

        if (token != NATIVE) {
            // Measure what actually arrived: fee-on-transfer and rebasing tokens would otherwise
            // leave the escrow holding less than it owes. The guard blocks any re-entry from a
            // token hook while the books are ahead of the balance.
            uint256 before = IERC20(token).balanceOf(address(this));
            IERC20(token).safeTransferFrom(msg.sender, address(this), total);
            uint256 received = IERC20(token).balanceOf(address(this)) - before;
            if (received != total) revert InsufficientTokensReceived(total, received);
        }
    }

    /// @inheritdoc IMilestoneEscrow
    function submitMilestone(uint256 escrowId, uint256 index, bytes32 deliverable) external nonReentrant {
        Escrow storage escrow = _existing(escrowId);
        address freelancer = escrow.freelancer;
        if (msg.sender != freelancer) revert NotEscrowParty(escrowId, msg.sender);
        Milestone storage milestone = _fundedMilestone(escrowId, escrow, index);
        _requireStatus(escrowId, index, milestone, MilestoneStatus.Pending);

        bool onTime = block.timestamp <= milestone.dueDate;
        milestone.status = MilestoneStatus.Submitted;
        // Fits: uint48 seconds last until the year 8 million.
        milestone.submittedAt = uint48(block.timestamp);
        FreelancerStats storage stats = _stats[freelancer];
        ++stats.milestonesDelivered;
        if (onTime) ++stats.milestonesOnTime;
        emit MilestoneSubmitted(escrowId, index, deliverable, onTime);
    }

    /// @inheritdoc IMilestoneEscrow
    function approveMilestone(uint256 escrowId, uint256 index) external nonReentrant {
        Escrow storage escrow = _existing(escrowId);
        if (msg.sender != escrow.client) revert NotEscrowParty(escrowId, msg.sender);
        Milestone storage milestone = _fundedMilestone(escrowId, escrow, index);
        _requireStatus(escrowId, index, milestone, MilestoneStatus.Submitted);

        _release(escrowId, index, escrow, milestone, false);
    }

    /// @inheritdoc IMilestoneEscrow
    function claimMilestone(uint256 escrowId, uint256 index) external nonReentrant {
        Escrow storage escrow = _existing(escrowId);
        if (msg.sender != escrow.freelancer) revert NotEscrowParty(escrowId, msg.sender);
        Milestone storage milestone = _fundedMilestone(escrowId, escrow, index);
        _requireStatus(escrowId, index, milestone, MilestoneStatus.Submitted);
        uint256 claimableAt = uint256(milestone.submittedAt) + escrow.reviewPeriod;
        if (block.timestamp < claimableAt) revert ReviewPeriodNotOver(escrowId, index, claimableAt);

        _release(escrowId, index, escrow, milestone, true);
    }

    /// @inheritdoc IMilestoneEscrow
    function reclaimMilestone(uint256 escrowId, uint256 index) external nonReentrant {
        Escrow storage escrow = _existing(escrowId);
        address client = escrow.client;
        if (msg.sender != client) revert NotEscrowParty(escrowId, msg.sender);
        Milestone storage milestone = _fundedMilestone(escrowId, escrow, index);
        _requireStatus(escrowId, index, milestone, MilestoneStatus.Pending);
        uint256 reclaimableAt = uint256(milestone.dueDate) + escrow.gracePeriod;
        if (block.timestamp < reclaimableAt) revert GracePeriodNotOver(escrowId, index, reclaimableAt);

        uint256 amount = milestone.amount;
        milestone.status = MilestoneStatus.Refunded;
        escrow.refunded += amount;
        escrow.reclaimed = true;
        ++_stats[escrow.freelancer].milestonesReclaimed;
        // The amount moves from "funded, unsettled" to "credited": the held balance is unchanged.
        _credits[escrow.token][client] += amount;
        emit MilestoneRefunded(escrowId, index, client, amount);

        _settled(escrowId, escrow);
    }

    /// @inheritdoc IMilestoneEscrow
    function openDispute(uint256 escrowId, uint256 index, bytes32 reason) external nonReentrant {
        Escrow storage escrow = _existing(escrowId);
        address freelancer = escrow.freelancer;
        if (msg.sender != escrow.client && msg.sender != freelancer) revert NotEscrowParty(escrowId, msg.sender);
        Milestone storage milestone = _fundedMilestone(escrowId, escrow, index);
        MilestoneStatus status = milestone.status;
        if (status != MilestoneStatus.Pending && status != MilestoneStatus.Submitted) {
            revert InvalidMilestoneStatus(escrowId, index, status);
        }

        milestone.status = MilestoneStatus.Disputed;
        ++_stats[freelancer].disputesOpened;
        emit DisputeOpened(escrowId, index, msg.sender, reason);
    }

    /// @inheritdoc IMilestoneEscrow
    function resolveDispute(uint256 escrowId, uint256 index, uint16 freelancerBps)
        external
        nonReentrant
        onlyRole(ARBITER_ROLE)
    {
        Escrow storage escrow = _existing(escrowId);
        address freelancer = escrow.freelancer;
        if (msg.sender == escrow.client || msg.sender == freelancer) revert ArbiterIsParty(escrowId, msg.sender);
        Milestone storage milestone = _fundedMilestone(escrowId, escrow, index);
        _requireStatus(escrowId, index, milestone, MilestoneStatus.Disputed);
        if (freelancerBps > FeeMath.BPS_DENOMINATOR) revert InvalidSplit(freelancerBps);

        (uint256 fee, uint256 payout, uint256 refund) = _split(escrow, milestone, freelancerBps);
        if (freelancerBps < HALF_BPS) ++_stats[freelancer].disputesLost;
        emit DisputeRuled(escrowId, index, msg.sender, freelancerBps, fee, payout, refund);

        _settled(escrowId, escrow);
    }

    /// @inheritdoc IMilestoneEscrow
    function settleMilestone(
        uint256 escrowId,
        uint256 index,
        uint16 freelancerBps,
        uint256 deadline,
        bytes calldata signature
    ) external nonReentrant {
        Escrow storage escrow = _existing(escrowId);
        Milestone storage milestone;
        {
            address signer = _counterparty(escrowId, escrow);
            milestone = _fundedMilestone(escrowId, escrow, index);
            MilestoneStatus status = milestone.status;
            if (
                status != MilestoneStatus.Pending && status != MilestoneStatus.Submitted
                    && status != MilestoneStatus.Disputed
            ) {
                revert InvalidMilestoneStatus(escrowId, index, status);
            }
            if (freelancerBps > FeeMath.BPS_DENOMINATOR) revert InvalidSplit(freelancerBps);
            _useSettlementOffer(escrowId, index, freelancerBps, deadline, signature, signer);
        }

        (uint256 fee, uint256 payout, uint256 refund) = _split(escrow, milestone, freelancerBps);
        emit MilestoneSettled(escrowId, index, freelancerBps, fee, payout, refund);

        _settled(escrowId, escrow);
    }

    /// @inheritdoc IMilestoneEscrow
    function revokeSettlementOffers() external nonReentrant {
        uint256 nonce = _useNonce(msg.sender) + 1;
        emit SettlementOffersRevoked(msg.sender, nonce);
    }

    /// @inheritdoc IMilestoneEscrow
    function rateJob(uint256 escrowId, uint8 rating) external nonReentrant {
        Escrow storage escrow = _existing(escrowId);
        if (msg.sender != escrow.client) revert NotEscrowParty(escrowId, msg.sender);
        EscrowStatus status = escrow.status;
        if (status != EscrowStatus.Completed && status != EscrowStatus.Closed) {
            revert InvalidEscrowStatus(escrowId, status);
        }
        if (escrow.rated) revert AlreadyRated(escrowId);
        if (rating == 0 || rating > 5) revert InvalidRating(rating);

        address freelancer = escrow.freelancer;
        escrow.rated = true;
        FreelancerStats storage stats = _stats[freelancer];
        ++stats.ratingCount;
        stats.ratingSum += rating;
        emit JobRated(escrowId, freelancer, rating);
    }

    /// @inheritdoc IMilestoneEscrow
    function cancelEscrow(uint256 escrowId) external nonReentrant {
        Escrow storage escrow = _existing(escrowId);
        if (msg.sender != escrow.client && msg.sender != escrow.freelancer) {
            revert NotEscrowParty(escrowId, msg.sender);
        }
        if (escrow.status != EscrowStatus.Created) revert InvalidEscrowStatus(escrowId, escrow.status);

        escrow.status = EscrowStatus.Cancelled;
        emit EscrowCancelled(escrowId, msg.sender);
    }

    /// @inheritdoc IMilestoneEscrow
    function withdraw(address token) external nonReentrant returns (uint256 amount) {
        amount = _credits[token][msg.sender];
        if (amount == 0) revert NothingToWithdraw(msg.sender, token);

        _credits[token][msg.sender] = 0;
        _held[token] -= amount;
        emit Withdrawn(msg.sender, token, amount);

        if (token == NATIVE) {
            // A plain value call: the recipient may be a contract wallet needing more than 2300 gas.
            // solhint-disable-next-line avoid-low-level-calls
            (bool ok,) = payable(msg.sender).call{value: amount}("");
            if (!ok) revert NativeTransferFailed(msg.sender, amount);
        } else {
            IERC20(token).safeTransfer(msg.sender, amount);
        }
    }

    // ───────────────────────────── admin ─────────────────────────────

    /// @inheritdoc IMilestoneEscrow
    function setPlatformFee(uint16 bps) external onlyRole(FEE_MANAGER_ROLE) {
        _setPlatformFee(bps);
    }

    /// @inheritdoc IMilestoneEscrow
    function setFeeRecipient(address recipient) external onlyRole(FEE_MANAGER_ROLE) {
        _setFeeRecipient(recipient);
    }

    /// @inheritdoc IMilestoneEscrow
    function setFeeDiscountSource(address source) external onlyRole(FEE_MANAGER_ROLE) {
        address previous = _feeDiscountSource;
        _feeDiscountSource = source;
        emit FeeDiscountSourceUpdated(previous, source);
    }

    /// @inheritdoc IMilestoneEscrow
    function setTokenAllowed(address token, bool allowed) external onlyRole(DEFAULT_ADMIN_ROLE) {
        _setTokenAllowed(token, allowed);
    }

    /// @inheritdoc IMilestoneEscrow
    function pause() external onlyRole(PAUSER_ROLE) {
        _pause();
    }

    /// @inheritdoc IMilestoneEscrow
    function unpause() external onlyRole(DEFAULT_ADMIN_ROLE) {
        _unpause();
    }

    // ───────────────────────────── views ─────────────────────────────

    /// @inheritdoc IMilestoneEscrow
    function getEscrow(uint256 escrowId) external view returns (Escrow memory) {
        return _escrows[escrowId];
    }

    /// @inheritdoc IMilestoneEscrow
    function getMilestone(uint256 escrowId, uint256 index) external view returns (Milestone memory) {
        return _milestoneOf(escrowId, _existing(escrowId), index);
    }

    /// @inheritdoc IMilestoneEscrow
    function getMilestones(uint256 escrowId) external view returns (Milestone[] memory milestones) {
        uint256 count = _existing(escrowId).milestoneCount;
        milestones = new Milestone[](count);
        for (uint256 i; i < count; ++i) {
            milestones[i] = _milestones[escrowId][i];
        }
    }

    /// @inheritdoc IMilestoneEscrow
    function freelancerStats(address freelancer) external view returns (FreelancerStats memory) {
        return _stats[freelancer];
    }

    /// @inheritdoc IMilestoneEscrow
    function earned(address freelancer, address token) external view returns (uint256) {
        return _earned[freelancer][token];
    }

    /// @inheritdoc IMilestoneEscrow
    function credits(address token, address account) external view returns (uint256) {
        return _credits[token][account];
    }

    /// @inheritdoc IMilestoneEscrow
    function heldBalance(address token) external view returns (uint256) {
        return _held[token];
    }

    /// @inheritdoc IMilestoneEscrow
    function settlementDigest(uint256 escrowId, uint256 index, uint16 freelancerBps, uint256 nonce, uint256 deadline)
        external
        view
        returns (bytes32)
    {
        return _settlementDigest(escrowId, index, freelancerBps, nonce, deadline);
    }

    /// @inheritdoc IMilestoneEscrow
    function isTokenAllowed(address token) external view returns (bool) {
        return _allowedTokens[token];
    }

    /// @inheritdoc IMilestoneEscrow
    function feeDiscountSource() external view returns (address) {
        return _feeDiscountSource;
    }

    /// @inheritdoc IMilestoneEscrow
    function platformFeeBps() external view returns (uint16) {
        return _platformFeeBps;
    }

    /// @inheritdoc IMilestoneEscrow
    function feeRecipient() external view returns (address) {
        return _feeRecipient;
    }

    /// @inheritdoc IMilestoneEscrow
    function escrowCount() external view returns (uint256) {
        return _escrowCount;
    }

    /// @notice ERC-165: also reports {IMilestoneEscrow}, so explorers and indexers can detect it.
    /// @param interfaceId the ERC-165 interface id.
    /// @return whether this contract implements it.
    function supportsInterface(bytes4 interfaceId) public view override returns (bool) {
        return interfaceId == type(IMilestoneEscrow).interfaceId || super.supportsInterface(interfaceId);
    }

    // ───────────────────────────── internal ─────────────────────────────

    /// @dev Validate a new job's parties, token, milestone count and periods.
    function _checkJob(address freelancer, address token, uint256 count, uint32 reviewPeriod, uint32 gracePeriod)
        private
        view
    {
        if (count == 0 || count > MAX_MILESTONES) revert InvalidMilestoneCount(count, MAX_MILESTONES);
        // The escrow itself can never withdraw, so a credit to it would be lost for good.
        if (freelancer == address(0) || freelancer == msg.sender || freelancer == address(this)) {
            revert InvalidFreelancer(freelancer);
        }
        if (!_allowedTokens[token]) revert TokenNotAllowed(token);
        if (reviewPeriod < MIN_PERIOD || reviewPeriod > MAX_REVIEW_PERIOD) {
            revert InvalidReviewPeriod(reviewPeriod, MIN_PERIOD, MAX_REVIEW_PERIOD);
        }
        if (gracePeriod < MIN_PERIOD || gracePeriod > MAX_GRACE_PERIOD) {
            revert InvalidGracePeriod(gracePeriod, MIN_PERIOD, MAX_GRACE_PERIOD);
        }
    }

    /// @dev Validate and store a new job's milestones; returns their total.
    function _storeMilestones(uint256 escrowId, MilestoneTerms[] calldata milestones) private returns (uint256 total) {
        uint256 count = milestones.length;
        for (uint256 i; i < count; ++i) {
            uint256 amount = milestones[i].amount;
            uint48 dueDate = milestones[i].dueDate;
            if (amount == 0 || amount > type(uint128).max) revert InvalidMilestoneAmount(i, amount);
            if (dueDate <= block.timestamp) revert InvalidDueDate(i, dueDate);
            _milestones[escrowId][i] =
                Milestone({amount: uint128(amount), dueDate: dueDate, submittedAt: 0, status: MilestoneStatus.Pending});
            // At most 50 amounts below 2^128 each: the sum cannot overflow 256 bits.
            unchecked {
                total += amount;
            }
        }
    }

    /// @dev Pay a submitted milestone in full to the freelancer side (fee to the fee recipient).
    function _release(uint256 escrowId, uint256 index, Escrow storage escrow, Milestone storage milestone, bool claimed)
        private
    {
        uint256 amount = milestone.amount;
        (uint256 fee, uint256 payout) = FeeMath.split(amount, escrow.feeBps);
        address freelancer = escrow.freelancer;

        milestone.status = MilestoneStatus.Released;
        escrow.released += amount;
        _creditFreelancerSide(escrow.token, freelancer, fee, payout);
        emit MilestoneReleased(escrowId, index, freelancer, amount, fee, payout, claimed);

        _settled(escrowId, escrow);
    }

    /// @dev Split a milestone between the parties and mark it Resolved (ruling or settlement).
    function _split(Escrow storage escrow, Milestone storage milestone, uint16 freelancerBps)
        private
        returns (uint256 fee, uint256 payout, uint256 refund)
    {
        (fee, payout, refund) = FeeMath.splitShare(milestone.amount, freelancerBps, escrow.feeBps);
        address token = escrow.token;

        milestone.status = MilestoneStatus.Resolved;
        escrow.released += fee + payout;
        _creditFreelancerSide(token, escrow.freelancer, fee, payout);
        if (refund != 0) {
            escrow.refunded += refund;
            _credits[token][escrow.client] += refund;
        }
    }

    /// @dev Credit a payout and its fee. The amounts move from "funded, unsettled" to "credited",
    /// so the held balance is unchanged.
    function _creditFreelancerSide(address token, address freelancer, uint256 fee, uint256 payout) private {
        if (payout != 0) {
            _credits[token][freelancer] += payout;
            _earned[freelancer][token] += payout;
        }
        if (fee != 0) _credits[token][_feeRecipient] += fee;
    }

    /// @dev Count one more settled milestone; close the escrow when it was the last one.
    function _settled(uint256 escrowId, Escrow storage escrow) private {
        uint32 settledCount = ++escrow.settledCount;
        if (settledCount != escrow.milestoneCount) return;
        if (escrow.reclaimed) {
            escrow.status = EscrowStatus.Closed;
            emit EscrowClosed(escrowId);
        } else {
            escrow.status = EscrowStatus.Completed;
            ++_stats[escrow.freelancer].completedJobs;
            emit EscrowCompleted(escrowId);
        }
    }

    /// @dev The party whose signed offer the caller (the other party) submits.
    function _counterparty(uint256 escrowId, Escrow storage escrow) private view returns (address) {
        address client = escrow.client;
        address freelancer = escrow.freelancer;
        if (msg.sender == client) return freelancer;
        if (msg.sender == freelancer) return client;
        revert NotEscrowParty(escrowId, msg.sender);
    }

    /// @dev Check `signer`'s settlement offer and use up its nonce, voiding the offer (and every
    /// other offer it signed with the same nonce).
    function _useSettlementOffer(
        uint256 escrowId,
        uint256 index,
        uint16 freelancerBps,
        uint256 deadline,
        bytes calldata signature,
        address signer
    ) private {
        if (block.timestamp > deadline) revert SettlementExpired(deadline);
        bytes32 digest = _settlementDigest(escrowId, index, freelancerBps, nonces(signer), deadline);
        // ECDSA for accounts without code (malleable high-s signatures are rejected), ERC-1271 for
        // contract wallets. The staticcall to a wallet cannot change state, and the guard is held.
        if (!SignatureChecker.isValidSignatureNowCalldata(signer, digest, signature)) {
            revert InvalidSettlementSignature(escrowId, index, signer);
        }
        _useNonce(signer);
    }

    /// @dev The freelancer's discount from the fee-discount source, capped at 100%; zero when there
    /// is no source or it fails in any way (see {FeeDiscountRead-readBps}: a broken source must never
    /// block a job). The read is bounded by {DISCOUNT_READ_GAS} and copies at most one word back,
    /// so the source cannot grief creation.
    function _readDiscountBps(address freelancer) private view returns (uint16) {
        address source = _feeDiscountSource;
        if (source == address(0)) return 0;
        return FeeDiscountRead.readBps(source, freelancer, DISCOUNT_READ_GAS);
    }

    function _settlementDigest(uint256 escrowId, uint256 index, uint16 freelancerBps, uint256 nonce, uint256 deadline)
        private
        view
        returns (bytes32)
    {
        return _hashTypedDataV4(keccak256(abi.encode(SETTLEMENT_TYPEHASH, escrowId, index, freelancerBps, nonce, deadline)));
    }

    function _existing(uint256 escrowId) private view returns (Escrow storage escrow) {
        escrow = _escrows[escrowId];
        if (escrow.status == EscrowStatus.None) revert EscrowNotFound(escrowId);
    }

    /// @dev Milestone `index` of an escrow that must be Funded (the status every milestone action needs).
    function _fundedMilestone(uint256 escrowId, Escrow storage escrow, uint256 index)
        private
        view
        returns (Milestone storage)
    {
        if (escrow.status != EscrowStatus.Funded) revert InvalidEscrowStatus(escrowId, escrow.status);
        return _milestoneOf(escrowId, escrow, index);
    }

    function _milestoneOf(uint256 escrowId, Escrow storage escrow, uint256 index)
        private
        view
        returns (Milestone storage)
    {
        if (index >= escrow.milestoneCount) revert MilestoneIndexOutOfRange(escrowId, index);
        return _milestones[escrowId][index];
    }

    function _requireStatus(uint256 escrowId, uint256 index, Milestone storage milestone, MilestoneStatus expected)
        private
        view
    {
        MilestoneStatus actual = milestone.status;
        if (actual != expected) revert InvalidMilestoneStatus(escrowId, index, actual);
    }

    function _setPlatformFee(uint16 bps) private {
        if (bps > MAX_FEE_BPS) revert FeeAboveCap(bps, MAX_FEE_BPS);
        uint16 previous = _platformFeeBps;
        _platformFeeBps = bps;
        emit PlatformFeeUpdated(previous, bps);
    }

    function _setFeeRecipient(address recipient) private {
        if (recipient == address(0) || recipient == address(this)) revert InvalidFeeRecipient(recipient);
        address previous = _feeRecipient;
        _feeRecipient = recipient;
        emit FeeRecipientUpdated(previous, recipient);
    }

    function _setTokenAllowed(address token, bool allowed) private {
        _allowedTokens[token] = allowed;
        emit TokenAllowlistUpdated(token, allowed);
    }
}
