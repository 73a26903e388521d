// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IFeeDiscountSource} from "../interfaces/IFeeDiscountSource.sol";

/**
 * @title FeeDiscountSourceMock
 * @notice A fee-discount source that answers a configured discount per freelancer, or misbehaves in
 * one of the ways a broken or hostile source could: revert, return too little data, return a word
 * that is not a uint16, burn all the gas it is given, or return far more data than asked for.
 * @dev Anyone can configure it: tests only.
 */
contract FeeDiscountSourceMock is IFeeDiscountSource {
    /// @notice How the source answers.
    enum Mode {
        Normal, //       the configured discount
        Reverts, //      reverts with {SourceBroken}
        ShortReturn, //  returns one byte
        OversizedWord, // returns a 32-byte word above type(uint16).max
        BurnsGas, //     loops until it runs out of gas
        ReturnBomb //    returns 4 KiB whose first word is the configured discount
    }

    /// @notice The current behaviour.
    Mode public mode;
    /// @notice The discount answered per freelancer in Normal and ReturnBomb modes.
    mapping(address freelancer => uint16) public discountOf;

    /// @notice The answer in Reverts mode.
    error SourceBroken();

    /// @notice Set the discount answered for `freelancer`.
    /// @param freelancer the account.
    /// @param bps the discount in basis points (not capped: values above 10_000 test the escrow's cap).
    function setDiscount(address freelancer, uint16 bps) external {
        discountOf[freelancer] = bps;
    }

    /// @notice Set the behaviour.
    /// @param newMode how to answer from now on.
    function setMode(Mode newMode) external {
        mode = newMode;
    }

    /// @inheritdoc IFeeDiscountSource
    function feeDiscountBps(address freelancer) external view returns (uint16 bps) {
        Mode current = mode;
        bps = discountOf[freelancer];
        if (current == Mode.Normal) return bps;
        if (current == Mode.Reverts) revert SourceBroken();
        // Malformed answers can only be produced in assembly; this is what the escrow must survive.
        // solhint-disable-next-line no-inline-assembly
        assembly ("memory-safe") {
            switch current
            case 2 { return(0x00, 1) }
            case 3 {
                mstore(0x00, 0x10000)
                return(0x00, 0x20)
            }
            case 4 {
                // Spin until the gas runs out.
                for {} 1 {} { pop(gas()) }
            }
            default {
                mstore(0x00, bps)
                return(0x00, 0x1000)
            }
        }
    }
}
