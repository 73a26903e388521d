// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {ICreatorPool} from "../interfaces/ICreatorPool.sol";

/**
 * @title PoolMath
 * @notice Constant-product swap math for {CreatorPool}, in the form of Uniswap V2's library: the fee
 * is taken on the input, every rounding favours the pool (k never decreases).
 * @dev Inputs are bounded by the caller (reserves below 2^112, amounts below 2^112 after the pool's
 * checks), so no product here can overflow 2^256: 2^112 · 2^112 · 10_000 < 2^238.
 */
library PoolMath {
    /// @notice Basis-point denominator.
    uint256 internal constant BPS = 10_000;

    /// @notice Highest swap fee governance may set, basis points (10%).
    uint16 internal constant MAX_SWAP_FEE_BPS = 1_000;

    /// @notice A reserve is zero, or the exact-out amount is the whole reserve or more.
    error InsufficientLiquidity();

    /// @notice An input or output amount is zero.
    error ZeroAmount();

    /// @notice Output of an exact-in swap: `amountIn · (1 - fee) · reserveOut / (reserveIn + amountIn · (1 - fee))`,
    /// rounded down.
    /// @param amountIn input, fee included.
    /// @param reserveIn reserve of the input token.
    /// @param reserveOut reserve of the output token.
    /// @param feeBps swap fee in basis points (below 10_000).
    /// @return amountOut the output.
    function getAmountOut(uint256 amountIn, uint256 reserveIn, uint256 reserveOut, uint256 feeBps)
        internal
        pure
        returns (uint256 amountOut)
    {
        if (amountIn == 0) revert ZeroAmount();
        if (reserveIn == 0 || reserveOut == 0) revert InsufficientLiquidity();
        uint256 amountInWithFee = amountIn * (BPS - feeBps);
        amountOut = (amountInWithFee * reserveOut) / (reserveIn * BPS + amountInWithFee);
    }

    /// @notice Input of an exact-out swap, the least input whose `getAmountOut` is at least
    /// `amountOut`: `reserveIn · amountOut / ((reserveOut - amountOut) · (1 - fee))`, rounded up (+1 like V2).
    /// @param amountOut output wanted (below `reserveOut`).
    /// @param reserveIn reserve of the input token.
    /// @param reserveOut reserve of the output token.
    /// @param feeBps swap fee in basis points (below 10_000).
    /// @return amountIn the input, fee included.
    function getAmountIn(uint256 amountOut, uint256 reserveIn, uint256 reserveOut, uint256 feeBps)
        internal
        pure
        returns (uint256 amountIn)
    {
        if (amountOut == 0) revert ZeroAmount();
        if (reserveIn == 0 || amountOut >= reserveOut) revert InsufficientLiquidity();
        amountIn = (reserveIn * amountOut * BPS) / ((reserveOut - amountOut) * (BPS - feeBps)) + 1;
    }

    /// @notice Price impact of an exact-in swap, fee excluded: `1 - execution price / spot price`
    /// = `amountInAfterFee / (reserveIn + amountInAfterFee)`, in basis points rounded up.
    /// @param amountIn input, fee included.
    /// @param reserveIn reserve of the input token (non-zero).
    /// @param feeBps swap fee in basis points.
    /// @return impactBps the impact.
    function priceImpactBps(uint256 amountIn, uint256 reserveIn, uint256 feeBps)
        internal
        pure
        returns (uint256 impactBps)
    {
        uint256 amountInWithFee = amountIn * (BPS - feeBps);
        uint256 denominator = reserveIn * BPS + amountInWithFee;
        impactBps = (amountInWithFee * BPS + denominator - 1) / denominator;
    }

    /// @notice Spot price of the coin in base token, as UQ112x112 (`reserveBase · 2^112 / reserveCoin`).
    /// @param reserveBase base-token reserve (below 2^112).
    /// @param reserveCoin coin reserve (non-zero, below 2^112).
    /// @return price the price; fits 224 bits because reserveBase < 2^112.
    function spotPrice(uint256 reserveBase, uint256 reserveCoin) internal pure returns (uint224 price) {
        price = uint224((reserveBase << 112) / reserveCoin);
    }

    /// @notice Relative move from `refPrice` to `price`, in basis points rounded up.
    /// @param refPrice the reference price (non-zero).
    /// @param price the new price.
    /// @return moveBps `|price - refPrice| / refPrice` in basis points, rounded up.
    function priceMoveBps(uint256 refPrice, uint256 price) internal pure returns (uint256 moveBps) {
        uint256 delta = price > refPrice ? price - refPrice : refPrice - price;
        moveBps = (delta * BPS + refPrice - 1) / refPrice;
    }

    /// @notice Whether the move from `refPrice` to `price` exceeds `maxBps`, compared exactly
    /// (a move of exactly `maxBps` does not exceed it).
    /// @param refPrice the reference price (non-zero, below 2^224).
    /// @param price the new price (below 2^224).
    /// @param maxBps the bound.
    /// @return exceeded true when `|price - refPrice| · 10_000 > maxBps · refPrice`.
    function moveExceeds(uint256 refPrice, uint256 price, uint256 maxBps) internal pure returns (bool exceeded) {
        uint256 delta = price > refPrice ? price - refPrice : refPrice - price;
        exceeded = delta * BPS > maxBps * refPrice;
    }

    /// @notice Amount of B worth `amountA` of A at the reserves' ratio, rounded down (V2's `quote`).
    /// @param amountA amount of A.
    /// @param reserveA reserve of A (non-zero).
    /// @param reserveB reserve of B.
    /// @return amountB the equivalent amount of B.
    function quote(uint256 amountA, uint256 reserveA, uint256 reserveB) internal pure returns (uint256 amountB) {
        amountB = (amountA * reserveB) / reserveA;
    }

    /// @notice Whether pool parameters are in range (shared by the pool and the factory's defaults):
    /// fee at most MAX_SWAP_FEE_BPS, protocol share and impact cap at most 10_000 bps, and, when the
    /// circuit breaker is on, a non-zero window and a non-zero cool-off (a trip must end on its own).
    /// @param p the parameters.
    /// @return valid true when every rule holds.
    function paramsValid(ICreatorPool.PoolParams memory p) internal pure returns (bool valid) {
        valid = p.swapFeeBps <= MAX_SWAP_FEE_BPS && p.protocolShareBps <= BPS && p.maxPriceImpactBps <= BPS
            && (p.maxPriceMoveBps == 0 || (p.breakerWindow != 0 && p.coolOff != 0));
    }
}
