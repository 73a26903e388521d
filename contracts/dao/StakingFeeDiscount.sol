// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";
import {IFeeDiscountSource} from "../interfaces/IFeeDiscountSource.sol";
import {IStakingFeeDiscount} from "../interfaces/IStakingFeeDiscount.sol";
import {IWorxToken} from "../interfaces/IWorxToken.sol";
import {FeeDiscountRead} from "../libraries/FeeDiscountRead.sol";

/**
 * @title StakingFeeDiscount
 * @notice The escrow's fee-discount source once the DAO is deployed: the larger of a freelancer's
 * staking-tier discount and its badge discount. See {IStakingFeeDiscount}.
 * @dev Roles: DEFAULT_ADMIN_ROLE belongs to the DAO's TimelockController.
 *
 * Gas: the escrow reads this contract with a 50_000-gas budget and treats running out as "no
 * discount", so the read is built to fit even with {MAX_TIERS} tiers and a badge source that burns
 * everything it is given: the badge source and the tier count share one slot, a freelancer without
 * staking power reads no tier, the tier lookup is a binary search (at most 4 slots for 8 tiers), and
 * the badge source is called last with at most the gas left minus {GAS_RESERVE} (what this contract
 * needs to finish), never more than {BADGE_READ_GAS}.
 */
contract StakingFeeDiscount is AccessControl, IStakingFeeDiscount {
    /// @inheritdoc IStakingFeeDiscount
    uint256 public constant MAX_TIERS = 8;
    /// @inheritdoc IStakingFeeDiscount
    uint256 public constant BADGE_READ_GAS = 30_000;
    /// @notice Gas kept back from the badge source's read, to return its answer.
    uint256 public constant GAS_RESERVE = 2_000;

    uint16 private constant BPS = 10_000;

    IWorxToken private immutable TOKEN;

    /// @dev Read together in one slot by every {feeDiscountBps}.
    address private _badgeSource;
    uint8 private _tierCount;

    /// @dev Tiers 0 .. _tierCount - 1 are live; slots above are zero.
    DiscountTier[MAX_TIERS] private _tiers;

    /// @notice Deploy reading `token`'s staking power and `badgeSource`'s discounts.
    /// @param token_ the WORX token.
    /// @param badgeSource_ an {IFeeDiscountSource} (WorxBadges), or zero for no badge discounts.
    /// @param tiers the initial tiers (see {setDiscountTiers}).
    /// @param admin receives DEFAULT_ADMIN_ROLE (the timelock).
    constructor(address token_, address badgeSource_, DiscountTier[] memory tiers, address admin) {
        TOKEN = IWorxToken(token_);
        _grantRole(DEFAULT_ADMIN_ROLE, admin);
        _setBadgeSource(badgeSource_);
        _setDiscountTiers(tiers);
    }

    // ───────────────────────────── admin ─────────────────────────────

    /// @inheritdoc IStakingFeeDiscount
    function setDiscountTiers(DiscountTier[] calldata tiers) external onlyRole(DEFAULT_ADMIN_ROLE) {
        _setDiscountTiers(tiers);
    }

    /// @inheritdoc IStakingFeeDiscount
    function setBadgeSource(address source) external onlyRole(DEFAULT_ADMIN_ROLE) {
        _setBadgeSource(source);
    }

    // ───────────────────────────── views ─────────────────────────────

    /// @inheritdoc IFeeDiscountSource
    function feeDiscountBps(address freelancer) external view returns (uint16 bps) {
        address source = _badgeSource;
        bps = _stakingDiscount(freelancer, _tierCount);
        if (source != address(0) && bps < BPS) {
            uint16 badgeBps = _readBadgeBps(source, freelancer);
            if (badgeBps > bps) bps = badgeBps;
        }
    }

    /// @inheritdoc IStakingFeeDiscount
    function stakingDiscountBps(address account) external view returns (uint16 bps) {
        return _stakingDiscount(account, _tierCount);
    }

    /// @inheritdoc IStakingFeeDiscount
    function token() external view returns (address) {
        return address(TOKEN);
    }

    /// @inheritdoc IStakingFeeDiscount
    function badgeSource() external view returns (address) {
        return _badgeSource;
    }

    /// @inheritdoc IStakingFeeDiscount
    function discountTiers() external view returns (DiscountTier[] memory tiers) {
        uint256 count = _tierCount;
        tiers = new DiscountTier[](count);
        for (uint256 i; i < count; ++i) {
            tiers[i] = _tiers[i];
        }
    }

    // ───────────────────────────── internals ─────────────────────────────

    function _setDiscountTiers(DiscountTier[] memory tiers) private {
        uint256 count = tiers.length;
        if (count > MAX_TIERS) revert InvalidDiscountTiers(MAX_TIERS);
        uint128 previousMin;
        uint16 previousDiscount;
        for (uint256 i; i < count; ++i) {
            DiscountTier memory tier = tiers[i];
            if (
                tier.minStakingPower <= previousMin || tier.discountBps < previousDiscount
                    || tier.discountBps > BPS
            ) revert InvalidDiscountTiers(i);
            previousMin = tier.minStakingPower;
            previousDiscount = tier.discountBps;
            _tiers[i] = tier;
        }
        // Clear what the old list left above the new one: a stale tier must never be read.
        for (uint256 i = count; i < _tierCount; ++i) {
            delete _tiers[i];
        }
        // Fits: count <= MAX_TIERS.
        _tierCount = uint8(count);
        emit DiscountTiersUpdated(tiers);
    }

    function _setBadgeSource(address source) private {
        address previous = _badgeSource;
        _badgeSource = source;
        emit BadgeSourceUpdated(previous, source);
    }

    /// @dev The discount of the highest of the first `count` tiers whose minimum `account`'s staking
    /// power reaches, by binary search (the minimums strictly increase). No staking power, no read:
    /// every tier's minimum is above zero.
    function _stakingDiscount(address account, uint256 count) private view returns (uint16) {
        if (count == 0) return 0;
        uint256 power = TOKEN.stakingPower(account);
        if (power == 0) return 0;
        // Invariant: tiers below `low` are reached, tiers at or above `high` are not.
        uint256 low;
        uint256 high = count;
        while (low < high) {
            // low + high <= 2 * MAX_TIERS: no overflow.
            uint256 mid = (low + high) >> 1;
            if (_tiers[mid].minStakingPower <= power) low = mid + 1;
            else high = mid;
        }
        return low == 0 ? 0 : _tiers[low - 1].discountBps;
    }

    /// @dev The badge source's discount, capped at 100%; zero when it fails in any way (see
    /// {FeeDiscountRead-readBps}). The call gets at most {BADGE_READ_GAS}, and never more than what
    /// is left minus {GAS_RESERVE}, so a badge source burning its budget still leaves this contract
    /// enough to answer within the escrow's own budget.
    function _readBadgeBps(address source, address freelancer) private view returns (uint16) {
        uint256 available = gasleft();
        if (available <= GAS_RESERVE) return 0;
        uint256 budget = available - GAS_RESERVE;
        if (budget > BADGE_READ_GAS) budget = BADGE_READ_GAS;
        return FeeDiscountRead.readBps(source, freelancer, budget);
    }
}
