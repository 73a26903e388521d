// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";
import {IERC721} from "@openzeppelin/contracts/token/ERC721/IERC721.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {BitMaps} from "@openzeppelin/contracts/utils/structs/BitMaps.sol";
import {IMilestoneEscrow} from "../interfaces/IMilestoneEscrow.sol";
import {IWorkRewards} from "../interfaces/IWorkRewards.sol";
import {IWorxBadges} from "../interfaces/IWorxBadges.sol";
import {IWorxToken} from "../interfaces/IWorxToken.sol";

/**
 * @title WorkRewards
 * @notice Mints WORX for finished escrow jobs and, optionally, for badges. Pull-based: it reads the
 * escrow and the badges, changes nothing there, and rewards each job and each badge once. See
 * {IWorkRewards}.
 * @dev Roles: DEFAULT_ADMIN_ROLE belongs to the DAO's TimelockController; this contract holds the
 * token's MINTER_ROLE. The escrow, badges and token are the protocol's own contracts (fixed at
 * deployment, trusted); a claim is still marked before minting (checks-effects-interactions).
 * Claimed flags are bitmaps: 256 claims share a slot.
 */
contract WorkRewards is AccessControl, IWorkRewards {
    using BitMaps for BitMaps.BitMap;

    uint256 private constant RATE_SCALE = 1e18;
    uint16 private constant BPS = 10_000;

    IMilestoneEscrow private immutable ESCROW;
    address private immutable BADGES;
    IWorxToken private immutable TOKEN;

    mapping(address token => uint256) private _rates;
    mapping(uint8 tier => uint256) private _badgeRewards;
    uint16 private _clientShareBps;
    BitMaps.BitMap private _workClaimed;
    BitMaps.BitMap private _badgeClaimed;

    /// @notice Deploy rewarding jobs of `escrow_` and badges of `badges_` in `token_`.
    /// @param escrow_ the MilestoneEscrow.
    /// @param badges_ the WorxBadges (zero: badge rewards can never be claimed).
    /// @param token_ the WORX token; grant this contract its MINTER_ROLE.
    /// @param admin receives DEFAULT_ADMIN_ROLE (the timelock).
    /// @param clientShareBps_ the client's share of the freelancer's reward, at most 10_000 bps.
    /// @param rewardTokens job tokens with an initial rate (`address(0)` for the native coin).
    /// @param rewardRates their rates, in the same order (WORX wei per token unit, scaled by 1e18).
    constructor(
        address escrow_,
        address badges_,
        address token_,
        address admin,
        uint16 clientShareBps_,
        address[] memory rewardTokens,
        uint256[] memory rewardRates
    ) {
        if (rewardTokens.length != rewardRates.length) revert LengthMismatch();
        ESCROW = IMilestoneEscrow(escrow_);
        BADGES = badges_;
        TOKEN = IWorxToken(token_);
        _grantRole(DEFAULT_ADMIN_ROLE, admin);
        _setClientShare(clientShareBps_);
        for (uint256 i; i < rewardTokens.length; ++i) {
            _setRewardRate(rewardTokens[i], rewardRates[i]);
        }
    }

    // ───────────────────────────── actions ─────────────────────────────

    /// @inheritdoc IWorkRewards
    function claimWorkReward(uint256 escrowId) external returns (uint256 freelancerReward, uint256 clientReward) {
        if (_workClaimed.get(escrowId)) revert WorkRewardAlreadyClaimed(escrowId);
        IMilestoneEscrow.Escrow memory job = ESCROW.getEscrow(escrowId);
        if (!_finished(job.status)) revert JobNotFinished(escrowId, uint8(job.status));
        (freelancerReward, clientReward) = _rewards(job.released, _rates[job.token]);
        if (freelancerReward == 0) revert NothingToReward(escrowId);

        _workClaimed.set(escrowId);
        TOKEN.mint(job.freelancer, freelancerReward);
        if (clientReward != 0) TOKEN.mint(job.client, clientReward);
        emit WorkRewarded(escrowId, job.freelancer, job.client, job.token, job.released, freelancerReward, clientReward);
    }

    /// @inheritdoc IWorkRewards
    function claimBadgeReward(uint256 badgeId) external returns (uint256 amount) {
        if (_badgeClaimed.get(badgeId)) revert BadgeRewardAlreadyClaimed(badgeId);
        // Both reads revert for a badge that does not exist (never minted, or burnt).
        uint8 tier = uint8(IWorxBadges(BADGES).badge(badgeId).tier);
        address holder = IERC721(BADGES).ownerOf(badgeId);
        amount = _badgeRewards[tier];
        if (amount == 0) revert NothingToReward(badgeId);

        _badgeClaimed.set(badgeId);
        TOKEN.mint(holder, amount);
        emit BadgeRewarded(badgeId, holder, tier, amount);
    }

    // ───────────────────────────── admin ─────────────────────────────

    /// @inheritdoc IWorkRewards
    function setRewardRate(address token_, uint256 ratePerUnit) external onlyRole(DEFAULT_ADMIN_ROLE) {
        _setRewardRate(token_, ratePerUnit);
    }

    /// @inheritdoc IWorkRewards
    function setClientShare(uint16 bps) external onlyRole(DEFAULT_ADMIN_ROLE) {
        _setClientShare(bps);
    }

    /// @inheritdoc IWorkRewards
    function setBadgeReward(uint8 tier, uint256 amount) external onlyRole(DEFAULT_ADMIN_ROLE) {
        uint256 previous = _badgeRewards[tier];
        _badgeRewards[tier] = amount;
        emit BadgeRewardUpdated(tier, previous, amount);
    }

    // ───────────────────────────── views ─────────────────────────────

    /// @inheritdoc IWorkRewards
    function previewWorkReward(uint256 escrowId) external view returns (uint256 freelancerReward, uint256 clientReward) {
        if (_workClaimed.get(escrowId)) return (0, 0);
        IMilestoneEscrow.Escrow memory job = ESCROW.getEscrow(escrowId);
        if (!_finished(job.status)) return (0, 0);
        return _rewards(job.released, _rates[job.token]);
    }

    /// @inheritdoc IWorkRewards
    function escrow() external view returns (address) {
        return address(ESCROW);
    }

    /// @inheritdoc IWorkRewards
    function badges() external view returns (address) {
        return BADGES;
    }

    /// @inheritdoc IWorkRewards
    function token() external view returns (address) {
        return address(TOKEN);
    }

    /// @inheritdoc IWorkRewards
    function rewardRate(address token_) external view returns (uint256) {
        return _rates[token_];
    }

    /// @inheritdoc IWorkRewards
    function clientShareBps() external view returns (uint16) {
        return _clientShareBps;
    }

    /// @inheritdoc IWorkRewards
    function badgeReward(uint8 tier) external view returns (uint256) {
        return _badgeRewards[tier];
    }

    /// @inheritdoc IWorkRewards
    function isWorkRewardClaimed(uint256 escrowId) external view returns (bool) {
        return _workClaimed.get(escrowId);
    }

    /// @inheritdoc IWorkRewards
    function isBadgeRewardClaimed(uint256 badgeId) external view returns (bool) {
        return _badgeClaimed.get(badgeId);
    }

    // ───────────────────────────── internals ─────────────────────────────

    function _setRewardRate(address token_, uint256 ratePerUnit) private {
        uint256 previous = _rates[token_];
        _rates[token_] = ratePerUnit;
        emit RewardRateUpdated(token_, previous, ratePerUnit);
    }

    function _setClientShare(uint16 bps) private {
        if (bps > BPS) revert InvalidShare(bps);
        uint16 previous = _clientShareBps;
        _clientShareBps = bps;
        emit ClientShareUpdated(previous, bps);
    }

    /// @dev Floor(value * rate / 1e18) and floor(that * share / 10_000), in full 512-bit precision
    /// (a huge rate times a huge value must not overflow; the token's supply cap bounds what is minted).
    function _rewards(uint256 value, uint256 rate) private view returns (uint256 freelancerReward, uint256 clientReward) {
        freelancerReward = Math.mulDiv(value, rate, RATE_SCALE);
        clientReward = Math.mulDiv(freelancerReward, _clientShareBps, BPS);
    }

    function _finished(IMilestoneEscrow.EscrowStatus status) private pure returns (bool) {
        return status == IMilestoneEscrow.EscrowStatus.Completed || status == IMilestoneEscrow.EscrowStatus.Closed;
    }
}
