// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";

/**
 * @title FeeMath
 * @notice The escrow's money arithmetic in basis points: a platform fee on a payout, a split of a
 * milestone between freelancer and client, and a discounted fee rate.
 * @dev Rounding never favours the party being paid: fees round up, the freelancer's gross share of
 * a split rounds down. Every remainder is derived by subtraction, so the parts always add up to the
 * amount exactly. `mulDiv` keeps full 512-bit precision: exact for every `uint256` amount.
 */
library FeeMath {
    /// @notice 100% in basis points.
    uint16 internal constant BPS_DENOMINATOR = 10_000;

    /// @notice Fee and payout of `amount` at `bps` basis points.
    /// @dev Callers cap `bps` far below {BPS_DENOMINATOR}; a `bps` above it would make the fee exceed
    /// the amount, which the checked subtraction turns into a panic rather than a wrapped payout.
    /// @param amount the amount released, in the token's smallest unit.
    /// @param bps the fee rate in basis points (at most 10_000).
    /// @return fee `ceil(amount * bps / 10_000)`.
    /// @return payout `amount - fee`.
    function split(uint256 amount, uint16 bps) internal pure returns (uint256 fee, uint256 payout) {
        fee = Math.mulDiv(amount, bps, BPS_DENOMINATOR, Math.Rounding.Ceil);
        payout = amount - fee;
    }

    /// @notice Split `amount` between freelancer and client: the freelancer's gross share is
    /// `freelancerBps` of it, rounded down, and pays the fee; the client gets the rest back.
    /// @dev `fee + payout + refund == amount`. A `freelancerBps` or `feeBps` above 10_000 panics
    /// (checked subtraction) instead of paying out more than the amount; callers validate both.
    /// @param amount the milestone's amount.
    /// @param freelancerBps the freelancer's share in basis points (0..10_000).
    /// @param feeBps the fee rate on that share in basis points (0..10_000).
    /// @return fee `ceil(gross * feeBps / 10_000)` where `gross = floor(amount * freelancerBps / 10_000)`.
    /// @return payout `gross - fee`, to the freelancer.
    /// @return refund `amount - gross`, to the client.
    function splitShare(uint256 amount, uint16 freelancerBps, uint16 feeBps)
        internal
        pure
        returns (uint256 fee, uint256 payout, uint256 refund)
    {
        uint256 gross = Math.mulDiv(amount, freelancerBps, BPS_DENOMINATOR);
        refund = amount - gross;
        (fee, payout) = split(gross, feeBps);
    }

    /// @notice The fee rate after a discount: `ceil(baseBps * (10_000 - discountBps) / 10_000)`.
    /// @dev Rounds up (in the fee recipient's favour, never the paid freelancer's), so a discount
    /// below 100% never rounds a non-zero fee down to zero. Never exceeds `baseBps`. A
    /// `discountBps` above 10_000 panics; callers cap it.
    /// @param baseBps the fee before the discount.
    /// @param discountBps the discount in basis points of the fee (0..10_000).
    /// @return the discounted fee in basis points.
    function discountedFeeBps(uint16 baseBps, uint16 discountBps) internal pure returns (uint16) {
        // The result is at most baseBps, so the narrowing cast cannot truncate.
        return uint16(Math.mulDiv(baseBps, BPS_DENOMINATOR - discountBps, BPS_DENOMINATOR, Math.Rounding.Ceil));
    }
}
