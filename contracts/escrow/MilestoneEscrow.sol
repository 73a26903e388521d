// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {Pausable} from "@openzeppelin/contracts/utils/Pausable.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {IMilestoneEscrow} from "../interfaces/IMilestoneEscrow.sol";
import {FeeMath} from "../libraries/FeeMath.sol";

/**
 * @title MilestoneEscrow
 * @notice Milestone escrow between a client and a freelancer, in any ERC-20 or the native coin,
 * with a capped platform fee and pull-based payouts. See {IMilestoneEscrow}.
 * @dev Roles: DEFAULT_ADMIN_ROLE and FEE_MANAGER_ROLE belong to the protocol's multisig/timelock;
 * PAUSER_ROLE to the guardian, who can only stop new escrows, never move funds.
 */
contract MilestoneEscrow is IMilestoneEscrow, AccessControl, Pausable, ReentrancyGuardTransient {
    using SafeERC20 for IERC20;

    /// @notice Hard cap on the platform fee (20%); no role can set a higher fee.
    uint16 public constant MAX_FEE_BPS = 2_000;
    /// @notice Most milestones one escrow may have (bounds the loop in {createEscrow}).
    uint256 public constant MAX_MILESTONES = 50;
    /// @notice May change the platform fee and the fee recipient.
    bytes32 public constant FEE_MANAGER_ROLE = keccak256("FEE_MANAGER_ROLE");
    /// @notice May pause new escrows (the guardian).
    bytes32 public constant PAUSER_ROLE = keccak256("PAUSER_ROLE");

    /// @dev Native coin is represented as token address zero.
    address private constant NATIVE = address(0);

    uint256 private _escrowCount;
    uint16 private _platformFeeBps;
    address private _feeRecipient;

    mapping(uint256 escrowId => Escrow) private _escrows;
    mapping(uint256 escrowId => mapping(uint256 index => Milestone)) private _milestones;
    mapping(address token => mapping(address account => uint256)) private _credits;
    mapping(address token => uint256) private _locked;
    mapping(address token => uint256) private _credited;

    /// @notice Deploy with `admin` holding every role.
    /// @param admin receives DEFAULT_ADMIN_ROLE, FEE_MANAGER_ROLE and PAUSER_ROLE.
    /// @param initialFeeRecipient account credited with platform fees.
    /// @param initialFeeBps platform fee for new escrows, at most {MAX_FEE_BPS}.
    constructor(address admin, address initialFeeRecipient, uint16 initialFeeBps) {
        _grantRole(DEFAULT_ADMIN_ROLE, admin);
        _grantRole(FEE_MANAGER_ROLE, admin);
        _grantRole(PAUSER_ROLE, admin);
        _setFeeRecipient(initialFeeRecipient);
        _setPlatformFee(initialFeeBps);
    }

    // ───────────────────────────── actions ─────────────────────────────

    /// @inheritdoc IMilestoneEscrow
    function createEscrow(address freelancer, address token, uint256[] calldata amounts)
        external
        whenNotPaused
        nonReentrant
        returns (uint256 escrowId)
    {
        uint256 count = amounts.length;
        if (count == 0 || count > MAX_MILESTONES) revert InvalidMilestoneCount(count, MAX_MILESTONES);
        // The escrow itself can never withdraw, so a credit to it would be lost for good.
        if (freelancer == address(0) || freelancer == msg.sender || freelancer == address(this)) {
            revert InvalidFreelancer(freelancer);
        }

        escrowId = ++_escrowCount;
        uint256 total;
        for (uint256 i; i < count; ++i) {
            uint256 amount = amounts[i];
            if (amount == 0 || amount > type(uint128).max) revert InvalidMilestoneAmount(i, amount);
            _milestones[escrowId][i] = Milestone({amount: uint128(amount), status: MilestoneStatus.Pending});
            // At most 50 amounts below 2^128 each: the sum cannot overflow 256 bits.
            unchecked {
                total += amount;
            }
        }
        uint16 feeBps = _platformFeeBps;
        _escrows[escrowId] = Escrow({
            client: msg.sender,
            freelancer: freelancer,
            token: token,
            feeBps: feeBps,
            status: EscrowStatus.Created,
            milestoneCount: uint32(count),
            releasedCount: 0,
            total: total,
            released: 0
        });
        emit EscrowCreated(escrowId, msg.sender, freelancer, token, amounts, total, feeBps);
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
        _locked[token] += total;
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
        if (msg.sender != escrow.freelancer) revert NotEscrowParty(escrowId, msg.sender);
        if (escrow.status != EscrowStatus.Funded) revert InvalidEscrowStatus(escrowId, escrow.status);
        Milestone storage milestone = _milestoneOf(escrowId, escrow, index);
        if (milestone.status != MilestoneStatus.Pending) {
            revert InvalidMilestoneStatus(escrowId, index, milestone.status);
        }

        milestone.status = MilestoneStatus.Submitted;
        emit MilestoneSubmitted(escrowId, index, deliverable);
    }

    /// @inheritdoc IMilestoneEscrow
    function approveMilestone(uint256 escrowId, uint256 index) external nonReentrant {
        Escrow storage escrow = _existing(escrowId);
        if (msg.sender != escrow.client) revert NotEscrowParty(escrowId, msg.sender);
        if (escrow.status != EscrowStatus.Funded) revert InvalidEscrowStatus(escrowId, escrow.status);
        Milestone storage milestone = _milestoneOf(escrowId, escrow, index);
        if (milestone.status != MilestoneStatus.Submitted) {
            revert InvalidMilestoneStatus(escrowId, index, milestone.status);
        }

        uint256 amount = milestone.amount;
        (uint256 fee, uint256 payout) = FeeMath.split(amount, escrow.feeBps);
        address token = escrow.token;
        address freelancer = escrow.freelancer;

        milestone.status = MilestoneStatus.Released;
        escrow.released += amount;
        uint32 releasedCount = ++escrow.releasedCount;
        _locked[token] -= amount;
        _credited[token] += amount;
        _credits[token][freelancer] += payout;
        if (fee != 0) _credits[token][_feeRecipient] += fee;
        emit MilestoneReleased(escrowId, index, freelancer, amount, fee, payout);

        if (releasedCount == escrow.milestoneCount) {
            escrow.status = EscrowStatus.Completed;
            emit EscrowCompleted(escrowId);
        }
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
        _credited[token] -= amount;
        emit Withdrawn(msg.sender, token, amount);

        if (token == NATIVE) {
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
    function credits(address token, address account) external view returns (uint256) {
        return _credits[token][account];
    }

    /// @inheritdoc IMilestoneEscrow
    function lockedBalance(address token) external view returns (uint256) {
        return _locked[token];
    }

    /// @inheritdoc IMilestoneEscrow
    function creditedBalance(address token) external view returns (uint256) {
        return _credited[token];
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

    function _existing(uint256 escrowId) private view returns (Escrow storage escrow) {
        escrow = _escrows[escrowId];
        if (escrow.status == EscrowStatus.None) revert EscrowNotFound(escrowId);
    }

    function _milestoneOf(uint256 escrowId, Escrow storage escrow, uint256 index)
        private
        view
        returns (Milestone storage)
    {
        if (index >= escrow.milestoneCount) revert MilestoneIndexOutOfRange(escrowId, index);
        return _milestones[escrowId][index];
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
}
