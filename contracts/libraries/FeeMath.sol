// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";

/**
 * @title FeeMath
 * @notice Splits an amount into a platform fee (basis points) and the payout.
 * @dev The fee rounds up so rounding never favours the party being paid, and `fee + payout == amount`
 * holds exactly because the payout is derived by subtraction. `mulDiv` keeps full 512-bit precision,
 * so the split is exact for every `uint256` amount.
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
}
