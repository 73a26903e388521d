// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {Test} from "forge-std/Test.sol";
import {PoolMath} from "../../../contracts/libraries/PoolMath.sol";

/// @notice Tests of {PoolMath} against a reference model: the exact-in output is the largest amount
/// satisfying the fee-adjusted constant product (Uniswap V2's K check), the exact-in input is within
/// one unit of the least input that buys the output, and the impact and move figures are exact
/// ceilings of their rational definitions.
contract PoolMathTest is Test {
    uint256 internal constant BPS = 10_000;
    uint256 internal constant MAX112 = type(uint112).max;

    /// @dev External wrappers so `vm.expectRevert` sees the library's revert one call deeper.
    function getOut(uint256 amountIn, uint256 reserveIn, uint256 reserveOut, uint256 feeBps)
        external
        pure
        returns (uint256)
    {
        return PoolMath.getAmountOut(amountIn, reserveIn, reserveOut, feeBps);
    }

    /// @dev See {getOut}.
    function getIn(uint256 out, uint256 reserveIn, uint256 reserveOut, uint256 feeBps)
        external
        pure
        returns (uint256)
    {
        return PoolMath.getAmountIn(out, reserveIn, reserveOut, feeBps);
    }

    /// @dev Reference model: does paying `inAmount` for `out` keep the fee-adjusted product?
    function _keepsK(uint256 inAmount, uint256 out, uint256 reserveIn, uint256 reserveOut, uint256 feeBps)
        internal
        pure
        returns (bool)
    {
        if (out >= reserveOut) return false;
        return (reserveIn * BPS + inAmount * (BPS - feeBps)) * (reserveOut - out) >= reserveIn * BPS * reserveOut;
    }

    function test_getAmountOut_matchesUniswapV2Example() public pure {
        // V2's 0.3% fee: 1e18 in against 10e18/5e18 reserves (worked example).
        assertEq(PoolMath.getAmountOut(1e18, 10e18, 5e18, 30), 453_305_446_940_074_565);
        // Same numbers through V2's own formula: amountIn*997*rOut / (rIn*1000 + amountIn*997).
        uint256 v2 = (uint256(1e18) * 997 * 5e18) / (uint256(10e18) * 1000 + 1e18 * 997);
        assertEq(PoolMath.getAmountOut(1e18, 10e18, 5e18, 30), v2);
    }

    function test_getAmountOut_zeroInputReverts() public {
        vm.expectRevert(PoolMath.ZeroAmount.selector);
        this.getOut(0, 1, 1, 30);
    }

    function test_getAmountOut_emptyReserveReverts() public {
        vm.expectRevert(PoolMath.InsufficientLiquidity.selector);
        this.getOut(1, 0, 1, 30);
        vm.expectRevert(PoolMath.InsufficientLiquidity.selector);
        this.getOut(1, 1, 0, 30);
    }

    function test_getAmountIn_zeroOutputReverts() public {
        vm.expectRevert(PoolMath.ZeroAmount.selector);
        this.getIn(0, 1, 1, 30);
    }

    function test_getAmountIn_wholeReserveReverts() public {
        vm.expectRevert(PoolMath.InsufficientLiquidity.selector);
        this.getIn(100, 100, 100, 30);
        vm.expectRevert(PoolMath.InsufficientLiquidity.selector);
        this.getIn(1, 0, 100, 30);
    }

    function testFuzz_getAmountOut_isLargestOutputKeepingK(uint256 inAmount, uint256 rIn, uint256 rOut, uint256 fee)
        public
        pure
    {
        inAmount = bound(inAmount, 1, MAX112);
        rIn = bound(rIn, 1, MAX112);
        rOut = bound(rOut, 1, MAX112);
        fee = bound(fee, 0, 1_000);
        uint256 out = PoolMath.getAmountOut(inAmount, rIn, rOut, fee);
        assertLt(out, rOut, "never the whole reserve");
        assertTrue(_keepsK(inAmount, out, rIn, rOut, fee), "keeps k");
        assertFalse(_keepsK(inAmount, out + 1, rIn, rOut, fee), "one more breaks k");
    }

    function testFuzz_getAmountOut_keepsPlainKWithProtocolCut(
        uint256 inAmount,
        uint256 rIn,
        uint256 rOut,
        uint256 fee,
        uint256 share
    ) public pure {
        inAmount = bound(inAmount, 1, MAX112);
        rIn = bound(rIn, 1, MAX112);
        rOut = bound(rOut, 1, MAX112);
        fee = bound(fee, 0, 1_000);
        share = bound(share, 0, BPS);
        uint256 out = PoolMath.getAmountOut(inAmount, rIn, rOut, fee);
        // What the pool keeps: the input less the protocol's share of the fee.
        uint256 protocolFee = (((inAmount * fee) / BPS) * share) / BPS;
        assertGe((rIn + inAmount - protocolFee) * (rOut - out), rIn * rOut);
    }

    function testFuzz_getAmountIn_isLeastInputWithinOne(uint256 out, uint256 rIn, uint256 rOut, uint256 fee)
        public
        pure
    {
        rIn = bound(rIn, 1, MAX112);
        rOut = bound(rOut, 2, MAX112);
        out = bound(out, 1, rOut - 1);
        fee = bound(fee, 0, 1_000);
        uint256 inAmount = PoolMath.getAmountIn(out, rIn, rOut, fee);
        assertTrue(_keepsK(inAmount, out, rIn, rOut, fee), "pays enough");
        if (inAmount <= MAX112) assertGe(PoolMath.getAmountOut(inAmount, rIn, rOut, fee), out, "round trip");
        if (inAmount >= 2) assertFalse(_keepsK(inAmount - 2, out, rIn, rOut, fee), "at most one unit over");
    }

    function testFuzz_priceImpactBps_isCeilingOfDefinition(uint256 inAmount, uint256 rIn, uint256 fee) public pure {
        inAmount = bound(inAmount, 1, MAX112);
        rIn = bound(rIn, 1, MAX112);
        fee = bound(fee, 0, 1_000);
        uint256 impact = PoolMath.priceImpactBps(inAmount, rIn, fee);
        uint256 net = inAmount * (BPS - fee);
        uint256 denominator = rIn * BPS + net;
        assertLe(impact, BPS);
        assertGe(impact * denominator, net * BPS, "not below the exact value");
        if (impact > 0) assertLt((impact - 1) * denominator, net * BPS, "smallest such integer");
    }

    function testFuzz_priceImpactBps_matchesExecutionVsSpotPrice(uint256 inAmount, uint256 rIn, uint256 rOut)
        public
        pure
    {
        // Without fee and rounding, 1 - (out/in)/(rOut/rIn) = in/(rIn+in): check within 1 bps.
        rIn = bound(rIn, 1e18, 1e30);
        rOut = bound(rOut, 1e18, 1e30);
        inAmount = bound(inAmount, rIn / 1e6, rIn);
        uint256 out = PoolMath.getAmountOut(inAmount, rIn, rOut, 0);
        uint256 ratioBps = (out * rIn * BPS) / (inAmount * rOut); // execution / spot, bps, floor
        uint256 impact = PoolMath.priceImpactBps(inAmount, rIn, 0);
        assertApproxEqAbs(impact, BPS - ratioBps, 1);
    }

    function testFuzz_moveExceeds_agreesWithRoundedUpMove(uint256 refPrice, uint256 price, uint256 maxBps)
        public
        pure
    {
        refPrice = bound(refPrice, 1, type(uint224).max);
        price = bound(price, 0, type(uint224).max);
        maxBps = bound(maxBps, 0, type(uint16).max);
        // A rounded-up move exceeds an integer bound exactly when the exact move does.
        assertEq(PoolMath.moveExceeds(refPrice, price, maxBps), PoolMath.priceMoveBps(refPrice, price) > maxBps);
    }

    function test_moveExceeds_atBoundIsAllowed() public pure {
        assertFalse(PoolMath.moveExceeds(10_000, 10_500, 500));
        assertTrue(PoolMath.moveExceeds(10_000, 10_501, 500));
        assertFalse(PoolMath.moveExceeds(10_000, 9_500, 500));
        assertTrue(PoolMath.moveExceeds(10_000, 9_499, 500));
        assertEq(PoolMath.priceMoveBps(10_000, 10_501), 501);
        assertEq(PoolMath.priceMoveBps(3, 4), 3_334);
    }

    function testFuzz_spotPrice_isFloorOfRatio(uint256 rBase, uint256 rCoin) public pure {
        rBase = bound(rBase, 0, MAX112);
        rCoin = bound(rCoin, 1, MAX112);
        uint256 price = PoolMath.spotPrice(rBase, rCoin);
        assertLe(price * rCoin, rBase << 112);
        assertGt((price + 1) * rCoin, rBase << 112);
    }

    function testFuzz_quote_keepsRatio(uint256 amountA, uint256 rA, uint256 rB) public pure {
        amountA = bound(amountA, 0, MAX112);
        rA = bound(rA, 1, MAX112);
        rB = bound(rB, 0, MAX112);
        uint256 amountB = PoolMath.quote(amountA, rA, rB);
        assertLe(amountB * rA, amountA * rB);
        assertGt((amountB + 1) * rA, amountA * rB);
    }
}
