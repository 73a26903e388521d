// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IFeeDiscountSource} from "./IFeeDiscountSource.sol";

/**
 * @title IStakingFeeDiscount
 * @notice The escrow's fee-discount source once the DAO is deployed: a freelancer's discount is the
 * larger of its staking tier's discount (by its WORX staking power, see {IWorxToken-stakingPower})
 * and the discount its soul-bound badges earn (the badge source, usually WorxBadges).
 *
 * Tiers are governed by the DAO (DEFAULT_ADMIN_ROLE = the timelock): at most {MAX_TIERS}, in
 * ascending order of `minStakingPower` (strictly, from above zero), with non-decreasing discounts of
 * at most 10_000 bps. A freelancer's staking discount is the discount of the highest tier whose
 * `minStakingPower` its staking power reaches.
 *
 * The badge source is read with a gas cap ({BADGE_READ_GAS}, lowered when less gas is left) and only
 * its first return word is copied: a source that reverts, burns its gas, has no code, returns fewer
 * than 32 bytes or a word above 65_535 means "no badge discount", never a revert; an answer from
 * 10_001 to 65_535 is capped at 10_000; a huge payload costs nothing (only one word is copied). This
 * is the escrow's own bounded read rather than a Solidity `try`/`catch`, which cannot catch
 * undecodable return data. The whole read stays within the escrow's 50_000-gas bound with
 * {MAX_TIERS} tiers (tests measure it through the real escrow).
 *
 * The Stacks contract `clarity/contracts/dao/staking-fee-discount.clar` mirrors this interface.
 */
interface IStakingFeeDiscount is IFeeDiscountSource {
    /// @notice A discount tier (one storage slot).
    struct DiscountTier {
        uint128 minStakingPower; // staking power needed, in wei of WORX (boost included)
        uint16 discountBps; // discount on the platform fee, in basis points of the fee
    }

    // ───────────────────────────── events ─────────────────────────────

    /// @notice The discount tiers changed (also emitted at deployment).
    /// @param tiers the tiers now, ascending.
    event DiscountTiersUpdated(DiscountTier[] tiers);

    /// @notice The badge source changed (also emitted at deployment).
    /// @param previous the source before (zero: none).
    /// @param next the source now (zero: no badge discounts).
    event BadgeSourceUpdated(address indexed previous, address indexed next);

    // ───────────────────────────── errors ─────────────────────────────

    /// @notice Tier `index` breaks the rules (or `index` is {MAX_TIERS}: too many tiers). Debug: at most
    /// 8 tiers; `minStakingPower` strictly increasing and the first above zero (a zero tier would
    /// discount every freelancer, stakers or not: lower the platform fee instead); `discountBps`
    /// non-decreasing and at most 10_000. Amounts are in wei of WORX (18 decimals).
    error InvalidDiscountTiers(uint256 index);

    // ───────────────────────────── admin ─────────────────────────────

    /// @notice Replace every discount tier. Only DEFAULT_ADMIN_ROLE (the timelock). Applies to jobs
    /// created from now on (existing jobs keep their fee).
    /// @param tiers at most {MAX_TIERS}, ascending (see {InvalidDiscountTiers}); empty for none.
    function setDiscountTiers(DiscountTier[] calldata tiers) external;

    /// @notice Set the contract read for badge discounts. Only DEFAULT_ADMIN_ROLE (the timelock).
    /// @param source an {IFeeDiscountSource} (WorxBadges), or zero for no badge discounts.
    function setBadgeSource(address source) external;

    // ───────────────────────────── views ─────────────────────────────

    /// @notice The most tiers there may be.
    /// @return 8.
    function MAX_TIERS() external view returns (uint256);

    /// @notice The most gas the badge source may use per read.
    /// @return 30_000.
    function BADGE_READ_GAS() external view returns (uint256);

    /// @notice The WORX token whose staking power the tiers read (fixed at deployment).
    /// @return the token.
    function token() external view returns (address);

    /// @notice The contract read for badge discounts (zero: none).
    /// @return the source.
    function badgeSource() external view returns (address);

    /// @notice The discount tiers, ascending.
    /// @return the tiers.
    function discountTiers() external view returns (DiscountTier[] memory);

    /// @notice `account`'s discount from staking alone: the discount of the highest tier its staking
    /// power reaches (0 below the first tier).
    /// @param account the freelancer.
    /// @return bps the discount, in basis points of the fee.
    function stakingDiscountBps(address account) external view returns (uint16 bps);
}
