// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {ICreatorPool} from "../interfaces/ICreatorPool.sol";
import {ICreatorCoin} from "../interfaces/ICreatorCoin.sol";
import {PoolMath} from "../libraries/PoolMath.sol";

/**
 * @title CreatorPool
 * @notice Constant-product pool between a creator coin and the base token, with governed trading
 * protections. Semantics (fees, protections, circuit breaker) are documented in {ICreatorPool}.
 * @dev Storage is packed so a steady-state swap touches few slots: reserves (one slot, like V2), the
 * hot configuration (one slot), the daily limit and cool-off (one slot), accrued protocol fees (one
 * slot), the trader's protection state (one slot, only when a per-address protection is on) and the
 * breaker's refPrice price (only when the breaker is on). The reentrancy lock is transient (EIP-1153).
 */
contract CreatorPool is ICreatorPool, ERC20, AccessControl, ReentrancyGuardTransient {
    using SafeERC20 for IERC20;

    /// @notice LP tokens burnt (sent to DEAD) at the first deposit so the share price cannot be
    /// pushed to where later deposits round to zero.
    uint256 public constant MINIMUM_LIQUIDITY = 1_000;

    /// @notice Highest swap fee governance may set, basis points (10%).
    uint16 public constant MAX_SWAP_FEE_BPS = PoolMath.MAX_SWAP_FEE_BPS;

    /// @notice Holder of the burnt MINIMUM_LIQUIDITY (OpenZeppelin's ERC20 refuses minting to zero).
    address public constant DEAD = 0x000000000000000000000000000000000000dEaD;

    uint256 private constant BPS = 10_000;

    /// @dev The creator coin, read by `coin()`.
    address private immutable COIN;

    /// @dev The base token, read by `baseToken()`.
    address private immutable BASE_TOKEN;

    /// @inheritdoc ICreatorPool
    address public override feeRecipient;

    /// @dev Reserves and the time of their last update, one slot like V2.
    struct Reserves {
        uint112 coin;
        uint112 base;
        uint32 timestamp;
    }

    /// @dev What every swap reads, one slot (200 bits).
    struct HotConfig {
        uint16 swapFeeBps;
        uint16 protocolShareBps;
        uint16 maxPriceMoveBps;
        uint16 maxPriceImpactBps;
        uint32 cooldown;
        uint32 breakerWindow;
        uint32 windowStart; // start of the breaker's current window; 0: none open
        uint40 haltedUntil; // 0 or past: not halted
    }

    /// @dev The rest of the parameters, one slot.
    struct ColdConfig {
        uint128 dailyVolumeLimit;
        uint32 coolOff;
    }

    /// @dev Protocol fees accrued, one slot.
    struct Fees {
        uint128 coin;
        uint128 base;
    }

    /// @dev A trader's protection state, one slot.
    struct Trader {
        uint40 lastTradeAt;
        uint32 day;
        uint128 volume;
    }

    Reserves private _reserves;
    HotConfig private _hot;
    ColdConfig private _cold;
    Fees private _fees;
    uint224 private _referencePrice;
    mapping(address account => Trader) private _traders;

    /// @notice Deploy a pool (normally by the factory).
    /// @param coin_ the creator coin.
    /// @param baseToken_ the base token.
    /// @param admin DEFAULT_ADMIN_ROLE holder (the multisig).
    /// @param feeRecipient_ receiver of protocol fees (the FeeSplitter).
    /// @param params_ initial parameters.
    constructor(address coin_, address baseToken_, address admin, address feeRecipient_, PoolParams memory params_)
        ERC20("Worx Creator Pool LP", "WCP-LP")
    {
        if (coin_ == address(0) || baseToken_ == address(0) || admin == address(0) || feeRecipient_ == address(0)) {
            revert ZeroAddress();
        }
        if (coin_ == baseToken_) revert IdenticalTokens();
        COIN = coin_;
        BASE_TOKEN = baseToken_;
        _grantRole(DEFAULT_ADMIN_ROLE, admin);
        feeRecipient = feeRecipient_;
        emit FeeRecipientUpdated(address(0), feeRecipient_);
        _setParams(params_);
    }

    // ───────────────────────────── liquidity ─────────────────────────────

    /// @inheritdoc ICreatorPool
    function addLiquidity(
        uint256 amountCoinDesired,
        uint256 amountBaseDesired,
        uint256 minCoin,
        uint256 minBase,
        address to,
        uint256 deadline
    ) external override nonReentrant returns (uint256 amountCoin, uint256 amountBase, uint256 liquidity) {
        _checkDeadline(deadline);
        if (amountCoinDesired == 0 || amountBaseDesired == 0) revert ZeroAmount();
        Reserves memory r = _reserves;
        uint256 supply = totalSupply();
        if (supply == 0) {
            // The first deposit sets the price: only the creator may make it (read here only, so
            // the steady path pays nothing), else a holder could seed an absurd ratio.
            address creator = ICreatorCoin(COIN).creator();
            if (msg.sender != creator) revert FirstDepositNotCreator(msg.sender, creator);
            (amountCoin, amountBase) = (amountCoinDesired, amountBaseDesired);
        } else {
            uint256 baseOptimal = PoolMath.quote(amountCoinDesired, r.coin, r.base);
            if (baseOptimal <= amountBaseDesired) {
                (amountCoin, amountBase) = (amountCoinDesired, baseOptimal);
            } else {
                (amountCoin, amountBase) = (PoolMath.quote(amountBaseDesired, r.base, r.coin), amountBaseDesired);
            }
        }
        if (amountCoin < minCoin) revert InsufficientCoinAmount(amountCoin, minCoin);
        if (amountBase < minBase) revert InsufficientBaseAmount(amountBase, minBase);
        uint256 newCoin = r.coin + amountCoin;
        uint256 newBase = r.base + amountBase;
        if (newCoin > type(uint112).max || newBase > type(uint112).max) revert ReserveOverflow();

        if (supply == 0) {
            uint256 root = Math.sqrt(amountCoin * amountBase);
            if (root <= MINIMUM_LIQUIDITY) revert InsufficientLiquidityMinted();
            liquidity = root - MINIMUM_LIQUIDITY;
            _mint(DEAD, MINIMUM_LIQUIDITY);
        } else {
            liquidity = Math.min((amountCoin * supply) / r.coin, (amountBase * supply) / r.base);
            if (liquidity == 0) revert InsufficientLiquidityMinted();
        }
        // newCoin/newBase checked against type(uint112).max just above.
        _reserves = Reserves(uint112(newCoin), uint112(newBase), uint32(block.timestamp));
        _mint(to, liquidity);
        Fees memory f = _fees;
        _pull(COIN, amountCoin, newCoin + f.coin);
        _pull(BASE_TOKEN, amountBase, newBase + f.base);
        emit LiquidityAdded(msg.sender, to, amountCoin, amountBase, liquidity);
    }

    /// @inheritdoc ICreatorPool
    function removeLiquidity(uint256 liquidity, uint256 minCoin, uint256 minBase, address to, uint256 deadline)
        external
        override
        nonReentrant
        returns (uint256 amountCoin, uint256 amountBase)
    {
        _checkDeadline(deadline);
        if (liquidity == 0) revert ZeroAmount();
        Reserves memory r = _reserves;
        uint256 supply = totalSupply();
        if (supply == 0) revert InsufficientLiquidity();
        // Rounds down, and DEAD's MINIMUM_LIQUIDITY is never burnt: both reserves stay non-zero.
        amountCoin = (liquidity * r.coin) / supply;
        amountBase = (liquidity * r.base) / supply;
        if (amountCoin == 0 || amountBase == 0) revert InsufficientLiquidityBurned();
        if (amountCoin < minCoin) revert InsufficientCoinAmount(amountCoin, minCoin);
        if (amountBase < minBase) revert InsufficientBaseAmount(amountBase, minBase);
        _burn(msg.sender, liquidity);
        // Both are below the old uint112 reserves.
        _reserves = Reserves(uint112(r.coin - amountCoin), uint112(r.base - amountBase), uint32(block.timestamp));
        IERC20(COIN).safeTransfer(to, amountCoin);
        IERC20(BASE_TOKEN).safeTransfer(to, amountBase);
        emit LiquidityRemoved(msg.sender, to, amountCoin, amountBase, liquidity);
    }

    // ───────────────────────────── swaps ─────────────────────────────

    /// @inheritdoc ICreatorPool
    function swapExactIn(address tokenIn, uint256 amountIn, uint256 minOut, address to, uint256 deadline)
        external
        override
        nonReentrant
        returns (uint256 amountOut)
    {
        _checkDeadline(deadline);
        bool coinIn = _isCoin(tokenIn);
        Reserves memory r = _reserves;
        HotConfig memory c = _hot;
        (uint256 reserveIn, uint256 reserveOut) = coinIn ? (r.coin, r.base) : (r.base, r.coin);
        amountOut = PoolMath.getAmountOut(amountIn, reserveIn, reserveOut, c.swapFeeBps);
        if (amountOut == 0 || amountOut < minOut) revert InsufficientOutput(amountOut, minOut);
        _swap(coinIn, amountIn, amountOut, to, r, c);
    }

    /// @inheritdoc ICreatorPool
    function swapExactOut(address tokenIn, uint256 amountOut, uint256 maxIn, address to, uint256 deadline)
        external
        override
        nonReentrant
        returns (uint256 amountIn)
    {
        _checkDeadline(deadline);
        bool coinIn = _isCoin(tokenIn);
        Reserves memory r = _reserves;
        HotConfig memory c = _hot;
        (uint256 reserveIn, uint256 reserveOut) = coinIn ? (r.coin, r.base) : (r.base, r.coin);
        amountIn = PoolMath.getAmountIn(amountOut, reserveIn, reserveOut, c.swapFeeBps);
        if (amountIn > maxIn) revert ExcessiveInput(amountIn, maxIn);
        _swap(coinIn, amountIn, amountOut, to, r, c);
    }

    /// @inheritdoc ICreatorPool
    function collectProtocolFees() external override nonReentrant returns (uint256 amountCoin, uint256 amountBase) {
        Fees memory f = _fees;
        (amountCoin, amountBase) = (f.coin, f.base);
        delete _fees;
        address recipient = feeRecipient;
        if (amountCoin != 0) IERC20(COIN).safeTransfer(recipient, amountCoin);
        if (amountBase != 0) IERC20(BASE_TOKEN).safeTransfer(recipient, amountBase);
        emit ProtocolFeesCollected(recipient, amountCoin, amountBase);
    }

    // ───────────────────────────── governance ─────────────────────────────

    /// @inheritdoc ICreatorPool
    function setParams(PoolParams calldata params_) external override onlyRole(DEFAULT_ADMIN_ROLE) {
        _setParams(params_);
    }

    /// @inheritdoc ICreatorPool
    function setFeeRecipient(address recipient) external override onlyRole(DEFAULT_ADMIN_ROLE) {
        if (recipient == address(0)) revert ZeroAddress();
        address previous = feeRecipient;
        feeRecipient = recipient;
        emit FeeRecipientUpdated(previous, recipient);
    }

    /// @inheritdoc ICreatorPool
    function halt() external override onlyRole(DEFAULT_ADMIN_ROLE) {
        uint32 coolOff = _cold.coolOff;
        uint40 until = coolOff == 0 ? type(uint40).max : uint40(block.timestamp + coolOff);
        _hot.haltedUntil = until;
        emit Halted(msg.sender, until);
    }

    /// @inheritdoc ICreatorPool
    function resume() external override onlyRole(DEFAULT_ADMIN_ROLE) {
        _hot.haltedUntil = 0;
        emit Resumed(msg.sender);
    }

    // ───────────────────────────── views ─────────────────────────────

    /// @inheritdoc ICreatorPool
    function coin() external view override returns (address) {
        return COIN;
    }

    /// @inheritdoc ICreatorPool
    function baseToken() external view override returns (address) {
        return BASE_TOKEN;
    }

    /// @inheritdoc ICreatorPool
    function params() external view override returns (PoolParams memory p) {
        HotConfig memory c = _hot;
        ColdConfig memory cold = _cold;
        p = PoolParams({
            swapFeeBps: c.swapFeeBps,
            protocolShareBps: c.protocolShareBps,
            dailyVolumeLimit: cold.dailyVolumeLimit,
            cooldown: c.cooldown,
            maxPriceMoveBps: c.maxPriceMoveBps,
            breakerWindow: c.breakerWindow,
            coolOff: cold.coolOff,
            maxPriceImpactBps: c.maxPriceImpactBps
        });
    }

    /// @inheritdoc ICreatorPool
    function getReserves()
        external
        view
        override
        returns (uint112 reserveCoin, uint112 reserveBase, uint32 blockTimestampLast)
    {
        Reserves memory r = _reserves;
        (reserveCoin, reserveBase, blockTimestampLast) = (r.coin, r.base, r.timestamp);
    }

    /// @inheritdoc ICreatorPool
    function protocolFeesAccrued() external view override returns (uint128 amountCoin, uint128 amountBase) {
        (amountCoin, amountBase) = (_fees.coin, _fees.base);
    }

    /// @inheritdoc ICreatorPool
    function protectionOf(address account)
        external
        view
        override
        returns (uint40 lastTradeAt, uint32 day, uint128 volume)
    {
        Trader memory t = _traders[account];
        (lastTradeAt, day, volume) = (t.lastTradeAt, t.day, t.volume);
    }

    /// @inheritdoc ICreatorPool
    function breakerState() external view override returns (uint32 windowStart, uint224 referencePrice) {
        (windowStart, referencePrice) = (_hot.windowStart, _referencePrice);
    }

    /// @inheritdoc ICreatorPool
    function haltedUntil() external view override returns (uint40 until) {
        until = _hot.haltedUntil;
    }

    /// @inheritdoc ICreatorPool
    function getAmountOut(address tokenIn, uint256 amountIn) external view override returns (uint256 amountOut) {
        Reserves memory r = _reserves;
        amountOut = _isCoin(tokenIn)
            ? PoolMath.getAmountOut(amountIn, r.coin, r.base, _hot.swapFeeBps)
            : PoolMath.getAmountOut(amountIn, r.base, r.coin, _hot.swapFeeBps);
    }

    /// @inheritdoc ICreatorPool
    function getAmountIn(address tokenIn, uint256 amountOut) external view override returns (uint256 amountIn) {
        Reserves memory r = _reserves;
        amountIn = _isCoin(tokenIn)
            ? PoolMath.getAmountIn(amountOut, r.coin, r.base, _hot.swapFeeBps)
            : PoolMath.getAmountIn(amountOut, r.base, r.coin, _hot.swapFeeBps);
    }

    // ───────────────────────────── internals ─────────────────────────────

    /// @dev Shared tail of both swaps: protections and state, then the transfers (input pulled first).
    function _swap(
        bool coinIn,
        uint256 amountIn,
        uint256 amountOut,
        address to,
        Reserves memory r,
        HotConfig memory c
    ) private {
        if (c.haltedUntil > block.timestamp) revert PoolHalted(c.haltedUntil);
        (uint256 newIn, uint256 protocolFee) = _updateReserves(coinIn, amountIn, amountOut, r, c);
        _checkTrader(coinIn ? amountOut : amountIn, c.cooldown);
        address tokenIn = coinIn ? COIN : BASE_TOKEN;
        _pull(tokenIn, amountIn, newIn + _accrueProtocolFee(coinIn, protocolFee));
        IERC20(coinIn ? BASE_TOKEN : COIN).safeTransfer(to, amountOut);
        emit Swapped(msg.sender, to, tokenIn, amountIn, amountOut, protocolFee);
    }

    /// @dev Price-impact cap and circuit breaker, then the new reserves. Returns the input token's
    /// new reserve and the protocol's cut of the input.
    function _updateReserves(
        bool coinIn,
        uint256 amountIn,
        uint256 amountOut,
        Reserves memory r,
        HotConfig memory c
    ) private returns (uint256 newIn, uint256 protocolFee) {
        (uint256 reserveIn, uint256 reserveOut) = coinIn ? (r.coin, r.base) : (r.base, r.coin);
        if (c.maxPriceImpactBps != 0) {
            uint256 impact = PoolMath.priceImpactBps(amountIn, reserveIn, c.swapFeeBps);
            if (impact > c.maxPriceImpactBps) revert PriceImpactTooHigh(impact, c.maxPriceImpactBps);
        }
        // The protocol's cut leaves the reserves; the LPs' part of the fee stays in them. Since the
        // output was priced on the input net of the whole fee, k cannot decrease.
        protocolFee = (((amountIn * c.swapFeeBps) / BPS) * c.protocolShareBps) / BPS;
        newIn = reserveIn + amountIn - protocolFee;
        if (newIn > type(uint112).max) revert ReserveOverflow();
        uint256 newOut = reserveOut - amountOut;
        (uint256 newCoin, uint256 newBase) = coinIn ? (newIn, newOut) : (newOut, newIn);
        if (c.maxPriceMoveBps != 0) _checkBreaker(c, r, newCoin, newBase);
        // Both fit: newIn checked above, newOut below the old reserve.
        _reserves = Reserves(uint112(newCoin), uint112(newBase), uint32(block.timestamp));
    }

    /// @dev Add the protocol's cut to the input token's accrued fees; returns them after this swap.
    function _accrueProtocolFee(bool coinIn, uint256 protocolFee) private returns (uint256 feesIn) {
        Fees memory f = _fees;
        // Cannot exceed uint128: accrued fees were received (_pull checks the balance covers them), so
        // they are bounded by the token's total supply, below 2^128 for any supported base token (a
        // stablecoin) and below 2^112 for the coin (MAX_SUPPLY); collectProtocolFees() resets them.
        if (coinIn) {
            feesIn = f.coin + protocolFee;
            if (protocolFee != 0) _fees.coin = uint128(feesIn);
        } else {
            feesIn = f.base + protocolFee;
            if (protocolFee != 0) _fees.base = uint128(feesIn);
        }
    }

    /// @dev Circuit breaker: open a new window when none is open or the last one ended (reference =
    /// the price before this swap). A resulting price beyond the bound does not refuse the swap: it
    /// trips the breaker (halt until now + coolOff) and closes the window, so the first swap after the
    /// halt opens a new one at the then price.
    function _checkBreaker(HotConfig memory c, Reserves memory r, uint256 newCoin, uint256 newBase) private {
        uint256 refPrice;
        if (c.windowStart == 0 || block.timestamp >= uint256(c.windowStart) + c.breakerWindow) {
            uint224 price = PoolMath.spotPrice(r.base, r.coin);
            refPrice = price;
            _hot.windowStart = uint32(block.timestamp);
            _referencePrice = price;
            emit BreakerWindowOpened(uint32(block.timestamp), price);
        } else {
            refPrice = _referencePrice;
        }
        uint256 newPrice = PoolMath.spotPrice(newBase, newCoin);
        if (PoolMath.moveExceeds(refPrice, newPrice, c.maxPriceMoveBps)) {
            // coolOff > 0 whenever the breaker is on (_setParams).
            uint40 until = uint40(block.timestamp + _cold.coolOff);
            _hot.haltedUntil = until;
            _hot.windowStart = 0;
            emit CircuitBreakerTripped(
                uint224(refPrice), uint224(newPrice), PoolMath.priceMoveBps(refPrice, newPrice), until
            );
        }
    }

    /// @dev Per-address cooldown and daily volume; skipped entirely (no state) when both are off.
    function _checkTrader(uint256 baseVolume, uint32 cooldown) private {
        uint128 limit = _cold.dailyVolumeLimit;
        if (cooldown == 0 && limit == 0) return;
        Trader memory t = _traders[msg.sender];
        if (cooldown != 0 && t.lastTradeAt != 0) {
            uint256 readyAt = uint256(t.lastTradeAt) + cooldown;
            if (block.timestamp < readyAt) revert CooldownActive(msg.sender, readyAt);
        }
        uint32 today = uint32(block.timestamp / 1 days);
        uint256 used = t.day == today ? t.volume : 0;
        uint256 total = used + baseVolume;
        if (limit != 0 && total > limit) revert DailyLimitExceeded(msg.sender, used, limit);
        // Saturates: with no limit the volume is informational only.
        _traders[msg.sender] = Trader(uint40(block.timestamp), today, uint128(Math.min(total, type(uint128).max)));
    }

    /// @dev Pull `amount` of `token` from the caller, then refuse a short receipt: the pool's balance
    /// must cover `accounted` (reserve + accrued fees after this operation). Donations can only help,
    /// and never enter the reserves.
    function _pull(address token, uint256 amount, uint256 accounted) private {
        IERC20(token).safeTransferFrom(msg.sender, address(this), amount);
        uint256 balance = IERC20(token).balanceOf(address(this));
        if (balance < accounted) {
            uint256 before = accounted - amount;
            revert TransferAmountMismatch(token, amount, balance > before ? balance - before : 0);
        }
    }

    function _setParams(PoolParams memory p) private {
        if (!PoolMath.paramsValid(p)) revert InvalidParams();
        HotConfig storage c = _hot;
        // Switching the breaker on closes any window left open from before it was switched off: its
        // reference predates moves the breaker did not watch (the next swap opens a fresh window).
        if (c.maxPriceMoveBps == 0 && p.maxPriceMoveBps != 0) c.windowStart = 0;
        c.swapFeeBps = p.swapFeeBps;
        c.protocolShareBps = p.protocolShareBps;
        c.maxPriceMoveBps = p.maxPriceMoveBps;
        c.maxPriceImpactBps = p.maxPriceImpactBps;
        c.cooldown = p.cooldown;
        c.breakerWindow = p.breakerWindow;
        _cold = ColdConfig(p.dailyVolumeLimit, p.coolOff);
        emit ParamsUpdated(p);
    }

    function _isCoin(address token) private view returns (bool) {
        if (token == COIN) return true;
        if (token == BASE_TOKEN) return false;
        revert InvalidToken(token);
    }

    function _checkDeadline(uint256 deadline) private view {
        if (block.timestamp > deadline) revert Expired(deadline);
    }
}
