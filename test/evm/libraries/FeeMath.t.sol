// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {Test} from "forge-std/Test.sol";
import {stdError} from "forge-std/StdError.sol";
import {FeeMath} from "../../../contracts/libraries/FeeMath.sol";

/// @notice Tests of {FeeMath}: exact conservation, rounding against the party paid, and behaviour at
/// the edges, for the fee split, the freelancer/client split and the discounted fee rate.
contract FeeMathTest is Test {
    uint256 internal constant DENOMINATOR = 10_000;

    /// @dev External wrapper so `vm.expectRevert` sees the library's revert one call deeper.
    function split(uint256 amount, uint16 bps) external pure returns (uint256 fee, uint256 payout) {
        return FeeMath.split(amount, bps);
    }

    /// @dev External wrapper of {FeeMath.splitShare}, for `vm.expectRevert`.
    function splitShare(uint256 amount, uint16 freelancerBps, uint16 feeBps)
        external
        pure
        returns (uint256 fee, uint256 payout, uint256 refund)
    {
        return FeeMath.splitShare(amount, freelancerBps, feeBps);
    }

    /// @dev External wrapper of {FeeMath.discountedFeeBps}, for `vm.expectRevert`.
    function discountedFeeBps(uint16 baseBps, uint16 discountBps) external pure returns (uint16) {
        return FeeMath.discountedFeeBps(baseBps, discountBps);
    }

    /// @dev Reference floor of `amount * bps / 10_000`, exact for every uint256 amount (see {_ceilShare}).
    function _floorShare(uint256 amount, uint256 bps) internal pure returns (uint256) {
        return (amount / DENOMINATOR) * bps + ((amount % DENOMINATOR) * bps) / DENOMINATOR;
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

    // ───────────────────────────── splitShare ─────────────────────────────

    function test_splitShare_matchesWorkedExamples() public pure {
        // gross = floor(1001 * 3333 / 10000) = 333; fee = ceil(333 * 1000 / 10000) = 34.
        (uint256 fee, uint256 payout, uint256 refund) = FeeMath.splitShare(1_001, 3_333, 1_000);
        assertEq(fee, 34);
        assertEq(payout, 299);
        assertEq(refund, 668);
        // gross = 600, fee 60, payout 540, refund 400.
        (fee, payout, refund) = FeeMath.splitShare(1_000, 6_000, 1_000);
        assertEq(fee, 60);
        assertEq(payout, 540);
        assertEq(refund, 400);
    }

    function test_splitShare_fullShareEqualsSplit() public pure {
        (uint256 fee, uint256 payout, uint256 refund) = FeeMath.splitShare(123_457, 10_000, 1_000);
        (uint256 splitFee, uint256 splitPayout) = FeeMath.split(123_457, 1_000);
        assertEq(fee, splitFee);
        assertEq(payout, splitPayout);
        assertEq(refund, 0);
    }

    function test_splitShare_zeroShareRefundsEverything() public pure {
        (uint256 fee, uint256 payout, uint256 refund) = FeeMath.splitShare(123_457, 0, 2_000);
        assertEq(fee, 0);
        assertEq(payout, 0);
        assertEq(refund, 123_457);
    }

    function test_splitShare_tinyAmountRoundsTheGrossDown() public pure {
        // 1 unit at 99.99%: the freelancer's gross floors to 0, the client keeps the unit.
        (uint256 fee, uint256 payout, uint256 refund) = FeeMath.splitShare(1, 9_999, 1_000);
        assertEq(fee + payout, 0);
        assertEq(refund, 1);
    }

    function test_splitShare_maxAmountDoesNotOverflow() public pure {
        uint256 amount = type(uint256).max;
        (uint256 fee, uint256 payout, uint256 refund) = FeeMath.splitShare(amount, 7_777, 2_000);
        assertEq(fee + payout, _floorShare(amount, 7_777));
        assertEq(fee + payout + refund, amount);
    }

    function test_splitShare_revertsWhenShareAboveDenominator() public {
        vm.expectRevert(stdError.arithmeticError);
        this.splitShare(10_000, 10_001, 0);
    }

    /// @dev Conservation: fee + payout + refund == amount for every amount, share and fee rate.
    /// hardhat-config: fuzz.runs = 5000
    function testFuzz_splitShare_partsAddUpToAmount(uint256 amount, uint16 freelancerBps, uint16 feeBps) public pure {
        freelancerBps = uint16(bound(freelancerBps, 0, DENOMINATOR));
        feeBps = uint16(bound(feeBps, 0, DENOMINATOR));
        (uint256 fee, uint256 payout, uint256 refund) = FeeMath.splitShare(amount, freelancerBps, feeBps);
        assertEq(fee + payout + refund, amount);
    }

    /// @dev Rounding never favours the freelancer: the gross share is the floor of the exact share
    /// and the fee the ceiling of the exact fee on it.
    /// hardhat-config: fuzz.runs = 5000
    function testFuzz_splitShare_roundsAgainstTheFreelancer(uint256 amount, uint16 freelancerBps, uint16 feeBps)
        public
        pure
    {
        amount = bound(amount, 0, type(uint256).max / DENOMINATOR);
        freelancerBps = uint16(bound(freelancerBps, 0, DENOMINATOR));
        feeBps = uint16(bound(feeBps, 0, DENOMINATOR));
        (uint256 fee, uint256 payout,) = FeeMath.splitShare(amount, freelancerBps, feeBps);
        uint256 gross = fee + payout;
        assertEq(gross, _floorShare(amount, freelancerBps));
        assertLe(gross * DENOMINATOR, amount * freelancerBps, "gross <= exact share");
        assertGt((gross + 1) * DENOMINATOR, amount * freelancerBps, "by less than one unit");
        assertEq(fee, _ceilShare(gross, feeBps));
    }

    /// @dev A larger share never pays the freelancer less.
    /// hardhat-config: fuzz.runs = 5000
    function testFuzz_splitShare_monotonicInShare(uint128 amount, uint16 low, uint16 high, uint16 feeBps) public pure {
        low = uint16(bound(low, 0, DENOMINATOR));
        high = uint16(bound(high, low, DENOMINATOR));
        feeBps = uint16(bound(feeBps, 0, 2_000));
        (, uint256 lowPayout, uint256 lowRefund) = FeeMath.splitShare(amount, low, feeBps);
        (, uint256 highPayout, uint256 highRefund) = FeeMath.splitShare(amount, high, feeBps);
        assertLe(lowPayout, highPayout);
        assertGe(lowRefund, highRefund);
    }

    // ───────────────────────────── discountedFeeBps ─────────────────────────────

    function test_discountedFeeBps_matchesWorkedExamples() public pure {
        assertEq(FeeMath.discountedFeeBps(1_000, 0), 1_000);
        assertEq(FeeMath.discountedFeeBps(1_000, 2_500), 750);
        assertEq(FeeMath.discountedFeeBps(1_000, 3_333), 667); // 666.7 rounds up
        assertEq(FeeMath.discountedFeeBps(1, 9_999), 1); // a non-zero fee never rounds to zero
        assertEq(FeeMath.discountedFeeBps(2_000, 10_000), 0);
        assertEq(FeeMath.discountedFeeBps(0, 5_000), 0);
        assertEq(FeeMath.discountedFeeBps(type(uint16).max, 1), 65_529); // 65535 * 9999 / 10000 = 65528.4
    }

    function test_discountedFeeBps_revertsWhenDiscountAboveDenominator() public {
        vm.expectRevert(stdError.arithmeticError);
        this.discountedFeeBps(1_000, 10_001);
    }

    /// @dev The discounted fee is the ceiling of the exact product, never above the base fee, and a
    /// larger discount never yields a larger fee.
    /// hardhat-config: fuzz.runs = 5000
    function testFuzz_discountedFeeBps_isCeilingAndMonotonic(uint16 base, uint16 low, uint16 high) public pure {
        low = uint16(bound(low, 0, DENOMINATOR));
        high = uint16(bound(high, low, DENOMINATOR));
        uint256 fee = FeeMath.discountedFeeBps(base, low);
        uint256 exactTimesDenominator = uint256(base) * (DENOMINATOR - low);
        assertGe(fee * DENOMINATOR, exactTimesDenominator);
        if (fee != 0) assertLt((fee - 1) * DENOMINATOR, exactTimesDenominator);
        assertLe(fee, base);
        assertLe(FeeMath.discountedFeeBps(base, high), fee);
    }
}
