// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {Test} from "forge-std/Test.sol";
import {stdError} from "forge-std/StdError.sol";
import {FeeMath} from "../../../contracts/libraries/FeeMath.sol";

/// @notice Tests of {FeeMath.split}: exact conservation, rounding up, and behaviour at the edges.
contract FeeMathTest is Test {
    uint256 internal constant DENOMINATOR = 10_000;

    /// @dev External wrapper so `vm.expectRevert` sees the library's revert one call deeper.
    function split(uint256 amount, uint16 bps) external pure returns (uint256 fee, uint256 payout) {
        return FeeMath.split(amount, bps);
    }

    /// @dev Reference ceiling of `amount * bps / 10_000`, exact for every uint256 amount without
    /// overflow: amount = q * 10_000 + r, so amount * bps / 10_000 = q * bps + r * bps / 10_000.
    function _ceilShare(uint256 amount, uint256 bps) internal pure returns (uint256) {
        uint256 q = amount / DENOMINATOR;
        uint256 r = amount % DENOMINATOR;
        return q * bps + (r * bps + DENOMINATOR - 1) / DENOMINATOR;
    }

    function test_split_matchesWorkedExamples() public pure {
        uint256[5] memory amounts = [uint256(100e6), 15, 1, 9_999, 10_001];
        uint256[5] memory fees = [uint256(10e6), 2, 1, 1_000, 1_001];
        for (uint256 i; i < amounts.length; ++i) {
            (uint256 fee, uint256 payout) = FeeMath.split(amounts[i], 1_000);
            assertEq(fee, fees[i]);
            assertEq(payout, amounts[i] - fees[i]);
        }
    }

    function test_split_zeroBpsTakesNothing() public pure {
        (uint256 fee, uint256 payout) = FeeMath.split(123_456, 0);
        assertEq(fee, 0);
        assertEq(payout, 123_456);
    }

    function test_split_fullBpsTakesEverything() public pure {
        (uint256 fee, uint256 payout) = FeeMath.split(123_456, 10_000);
        assertEq(fee, 123_456);
        assertEq(payout, 0);
    }

    function test_split_zeroAmountSplitsToZero() public pure {
        (uint256 fee, uint256 payout) = FeeMath.split(0, 2_000);
        assertEq(fee, 0);
        assertEq(payout, 0);
    }

    function test_split_maxAmountDoesNotOverflow() public pure {
        uint256 amount = type(uint256).max;
        (uint256 fee, uint256 payout) = FeeMath.split(amount, 2_000);
        assertEq(fee, _ceilShare(amount, 2_000));
        assertEq(fee + payout, amount);
    }

    function test_split_revertsWhenBpsAboveDenominator() public {
        vm.expectRevert(stdError.arithmeticError);
        this.split(10_000, 10_001);
    }

    /// @dev Conservation: the fee and the payout always add up to the amount exactly.
    /// hardhat-config: fuzz.runs = 10000
    function testFuzz_split_feePlusPayoutEqualsAmount(uint256 amount, uint16 bps) public pure {
        bps = uint16(bound(bps, 0, DENOMINATOR));
        (uint256 fee, uint256 payout) = FeeMath.split(amount, bps);
        assertEq(fee + payout, amount);
        assertLe(fee, amount);
    }

    /// @dev The fee is exactly the ceiling of the proportional share, for every uint256 amount.
    /// hardhat-config: fuzz.runs = 10000
    function testFuzz_split_feeIsCeilingOfShare(uint256 amount, uint16 bps) public pure {
        bps = uint16(bound(bps, 0, DENOMINATOR));
        (uint256 fee,) = FeeMath.split(amount, bps);
        assertEq(fee, _ceilShare(amount, bps));
    }

    /// @dev Rounding never favours the payee: fee >= exact share > fee - 1 (checked in integers).
    /// hardhat-config: fuzz.runs = 10000
    function testFuzz_split_roundsUpByLessThanOneUnit(uint256 amount, uint16 bps) public pure {
        amount = bound(amount, 0, type(uint256).max / DENOMINATOR);
        bps = uint16(bound(bps, 0, DENOMINATOR));
        (uint256 fee,) = FeeMath.split(amount, bps);
        assertGe(fee * DENOMINATOR, amount * bps);
        if (fee != 0) assertLt((fee - 1) * DENOMINATOR, amount * bps);
    }

    /// @dev A higher fee rate never yields a lower fee.
    /// hardhat-config: fuzz.runs = 10000
    function testFuzz_split_monotonicInBps(uint256 amount, uint16 lowBps, uint16 highBps) public pure {
        lowBps = uint16(bound(lowBps, 0, DENOMINATOR));
        highBps = uint16(bound(highBps, lowBps, DENOMINATOR));
        (uint256 lowFee,) = FeeMath.split(amount, lowBps);
        (uint256 highFee,) = FeeMath.split(amount, highBps);
        assertLe(lowFee, highFee);
    }

    /// @dev Splitting an amount in two never lowers the total fee (fees round up per piece), so a
    /// client cannot shave the fee by cutting a job into more milestones.
    /// hardhat-config: fuzz.runs = 10000
    function testFuzz_split_splittingNeverLowersTotalFee(uint256 a, uint256 b, uint16 bps) public pure {
        a = bound(a, 0, type(uint128).max);
        b = bound(b, 0, type(uint128).max);
        bps = uint16(bound(bps, 0, DENOMINATOR));
        (uint256 feeA,) = FeeMath.split(a, bps);
        (uint256 feeB,) = FeeMath.split(b, bps);
        (uint256 feeWhole,) = FeeMath.split(a + b, bps);
        assertGe(feeA + feeB, feeWhole);
    }
}
