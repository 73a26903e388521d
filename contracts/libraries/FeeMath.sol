// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";

/**
 * @title FeeMath
 * @notice Splits an amount into a platform fee (basis points) and the payout.
 * @dev The fee rounds up so rounding never favours the party being paid, and `fee + payout == amount`
 * holds exactly because the payout is derived by subtraction.
 */
library FeeMath {
    /// @notice 100% in basis points.
    uint16 internal constant BPS_DENOMINATOR = 10_000;

    /// @notice Fee and payout of `amount` at `bps` basis points (bps <= 10_000).
    function split(uint256 amount, uint16 bps) internal pure returns (uint256 fee, uint256 payout) {
        fee = Math.mulDiv(amount, bps, BPS_DENOMINATOR, Math.Rounding.Ceil);
        // bps <= BPS_DENOMINATOR (callers enforce a cap far below it), so fee <= amount.
        unchecked {
            payout = amount - fee;
        }
    }
}
