// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {Test} from "forge-std/Test.sol";
import {CreatorPool} from "../../../contracts/dex/CreatorPool.sol";
import {ICreatorPool} from "../../../contracts/interfaces/ICreatorPool.sol";
import {PoolMath} from "../../../contracts/libraries/PoolMath.sol";
import {DemoStablecoin} from "../../../contracts/test-doubles/DemoStablecoin.sol";
import {MockCreatorCoin} from "./CreatorPool.t.sol";

/**
 * @notice Drives {CreatorPool} with random exact-in and exact-out swaps both ways, deposits,
 * withdrawals, donations, fee collections, fee changes and time jumps, from three traders, and
 * checks after every action what must hold across it: k never decreases across a swap, the value of
 * one LP token (each reserve per LP unit) never decreases across a deposit or withdrawal, and the
 * protocol fees match a model of every swap's cut.
 * With the circuit breaker on (the second campaign), it also models the breaker and the halt:
 * every swap trips iff the model's move exceeds the bound, `haltedUntil` always equals the model's,
 * every swap while halted reverts `PoolHalted` leaving the reserves unchanged, and liquidity can be
 * added and removed while halted.
 * @dev Each action only makes calls the model says must succeed (it skips dust the pool would
 * refuse, and expects `PoolHalted` when halted), so the campaign runs with `failOnRevert`. The
 * per-address protections are off: they only refuse trades.
 */
contract CreatorPoolHandler is Test {
    uint256 internal constant BPS = 10_000;

    CreatorPool public immutable pool;
    MockCreatorCoin public immutable coin;
    DemoStablecoin public immutable base;
    address public immutable admin;
    address[3] internal _actors;

    uint256 public ghostProtocolFeesCoin; // sum of Swapped.protocolFee paid in coin
    uint256 public ghostProtocolFeesBase;
    uint256 public ghostCollectedCoin; // sum of ProtocolFeesCollected
    uint256 public ghostCollectedBase;
    uint40 public ghostHaltedUntil; // the model's haltedUntil

    /// @notice How often each action ran (for debugging a campaign).
    mapping(bytes32 action => uint256) public calls;

    constructor(CreatorPool pool_, MockCreatorCoin coin_, DemoStablecoin base_, address admin_) {
        pool = pool_;
        coin = coin_;
        base = base_;
        admin = admin_;
        _actors = [makeAddr("actorA"), makeAddr("actorB"), makeAddr("actorC")];
        for (uint256 i; i < 3; ++i) {
            vm.startPrank(_actors[i]);
            coin.approve(address(pool_), type(uint256).max);
            base.approve(address(pool_), type(uint256).max);
            vm.stopPrank();
        }
    }

    function actors() external view returns (address[3] memory) {
        return _actors;
    }

    function _k() internal view returns (uint256) {
        (uint112 rCoin, uint112 rBase,) = pool.getReserves();
        return uint256(rCoin) * rBase;
    }

    function _mintTo(address who, bool isCoin, uint256 amount) internal {
        if (isCoin) coin.mint(who, amount);
        else base.mint(who, amount);
    }

    // ───────────────────────────── actions ─────────────────────────────

    function swapExactIn(uint256 actorSeed, bool coinIn, uint256 amountIn) external {
        address actor = _actors[actorSeed % 3];
        (uint112 rCoin, uint112 rBase,) = pool.getReserves();
        uint256 reserveIn = coinIn ? rCoin : rBase;
        amountIn = _bound(amountIn, 1, reserveIn * 3);
        address tokenIn = coinIn ? address(coin) : address(base);
        uint256 quoted = pool.getAmountOut(tokenIn, amountIn);
        if (quoted == 0 || reserveIn + amountIn > type(uint112).max) {
            ++calls["skip"];
            return;
        }
        _mintTo(actor, coinIn, amountIn);
        bytes memory call = abi.encodeCall(pool.swapExactIn, (tokenIn, amountIn, quoted, actor, block.timestamp));
        if (_swap(actor, coinIn, amountIn, call, quoted)) ++calls["swapExactIn"];
    }

    function swapExactOut(uint256 actorSeed, bool coinIn, uint256 amountOut) external {
        address actor = _actors[actorSeed % 3];
        (uint112 rCoin, uint112 rBase,) = pool.getReserves();
        (uint256 reserveIn, uint256 reserveOut) = coinIn ? (uint256(rCoin), uint256(rBase)) : (rBase, rCoin);
        if (reserveOut < 2) {
            ++calls["skip"];
            return;
        }
        amountOut = _bound(amountOut, 1, reserveOut - 1);
        address tokenIn = coinIn ? address(coin) : address(base);
        uint256 quotedIn = pool.getAmountIn(tokenIn, amountOut);
        if (reserveIn + quotedIn > type(uint112).max) {
            ++calls["skip"];
            return;
        }
        _mintTo(actor, coinIn, quotedIn);
        bytes memory call = abi.encodeCall(pool.swapExactOut, (tokenIn, amountOut, quotedIn, actor, block.timestamp));
        if (_swap(actor, coinIn, quotedIn, call, quotedIn)) ++calls["swapExactOut"];
    }

    /// @dev The model of what the pool takes and mints for a deposit (supply is never zero here).
    function _depositModel(uint256 amountCoin, uint256 amountBase)
        internal
        view
        returns (uint256 c, uint256 b, uint256 liquidity)
    {
        (uint112 rCoin, uint112 rBase,) = pool.getReserves();
        uint256 supply = pool.totalSupply();
        uint256 baseOptimal = PoolMath.quote(amountCoin, rCoin, rBase);
        (c, b) = baseOptimal <= amountBase
            ? (amountCoin, baseOptimal)
            : (PoolMath.quote(amountBase, rBase, rCoin), amountBase);
        uint256 byCoin = (c * supply) / rCoin;
        uint256 byBase = (b * supply) / rBase;
        liquidity = byCoin < byBase ? byCoin : byBase;
        if (rCoin + c > type(uint112).max || rBase + b > type(uint112).max) liquidity = 0; // refused: skip
    }

    function addLiquidity(uint256 actorSeed, uint256 amountCoin, uint256 amountBase) external {
        address actor = _actors[actorSeed % 3];
        amountCoin = _bound(amountCoin, 1, 1e30);
        amountBase = _bound(amountBase, 1, 1e20);
        (uint256 c, uint256 b, uint256 liquidity) = _depositModel(amountCoin, amountBase);
        if (liquidity == 0) {
            ++calls["skip"];
            return;
        }
        (uint112 rCoin, uint112 rBase,) = pool.getReserves();
        uint256 supply = pool.totalSupply();
        coin.mint(actor, c);
        base.mint(actor, b);
        vm.prank(actor);
        (uint256 paidCoin, uint256 paidBase, uint256 minted) =
            pool.addLiquidity(amountCoin, amountBase, c, b, actor, block.timestamp);
        assertEq(paidCoin, c);
        assertEq(paidBase, b);
        assertEq(minted, liquidity);
        _checkShareValue(rCoin, rBase, supply);
        ++calls["addLiquidity"];
        if (_halted()) ++calls["liquidityWhileHalted"];
    }

    function removeLiquidity(uint256 actorSeed, uint256 liquidity) external {
        address actor = _actors[actorSeed % 3];
        uint256 held = pool.balanceOf(actor);
        if (held == 0) {
            ++calls["skip"];
            return;
        }
        liquidity = _bound(liquidity, 1, held);
        (uint112 rCoin, uint112 rBase,) = pool.getReserves();
        uint256 supply = pool.totalSupply();
        if (liquidity * rCoin / supply == 0 || liquidity * rBase / supply == 0) {
            ++calls["skip"];
            return;
        }
        vm.prank(actor);
        pool.removeLiquidity(liquidity, 0, 0, actor, block.timestamp);
        _checkShareValue(rCoin, rBase, supply);
        ++calls["removeLiquidity"];
        if (_halted()) ++calls["liquidityWhileHalted"];
    }

    /// @notice Tokens sent without a call: must never enter the reserves.
    function donate(bool isCoin, uint256 amount) external {
        amount = _bound(amount, 1, 1e30);
        (uint112 rCoin, uint112 rBase,) = pool.getReserves();
        _mintTo(address(pool), isCoin, amount);
        (uint112 rCoinAfter, uint112 rBaseAfter,) = pool.getReserves();
        assertEq(rCoinAfter, rCoin);
        assertEq(rBaseAfter, rBase);
        ++calls["donate"];
    }

    function collectProtocolFees() external {
        (uint256 c, uint256 b) = pool.collectProtocolFees();
        ghostCollectedCoin += c;
        ghostCollectedBase += b;
        ++calls["collectProtocolFees"];
    }

    /// @dev Changes the fees only (the breaker parameters of the campaign stay).
    function setFees(uint256 feeBps, uint256 shareBps) external {
        ICreatorPool.PoolParams memory p = pool.params();
        p.swapFeeBps = uint16(_bound(feeBps, 0, 1_000));
        p.protocolShareBps = uint16(_bound(shareBps, 0, BPS));
        vm.prank(admin);
        pool.setParams(p);
        ++calls["setFees"];
    }

    function halt() external {
        vm.prank(admin);
        pool.halt();
        uint32 coolOff = pool.params().coolOff;
        ghostHaltedUntil = coolOff == 0 ? type(uint40).max : uint40(block.timestamp + coolOff);
        ++calls["halt"];
    }

    function resume() external {
        vm.prank(admin);
        pool.resume();
        ghostHaltedUntil = 0;
        ++calls["resume"];
    }

    function warp(uint256 seconds_) external {
        vm.warp(block.timestamp + _bound(seconds_, 1, 3 days));
        ++calls["warp"];
    }

    /// @dev Runs the swap `call` (input `amountIn`) as `actor`: refused with PoolHalted when halted;
    /// otherwise it must return `expected` (the quote), never decrease k, trip the breaker iff the
    /// model says so, and its protocol fee is added to the ledger. Returns whether it executed.
    function _swap(address actor, bool coinIn, uint256 amountIn, bytes memory call, uint256 expected)
        internal
        returns (bool executed)
    {
        if (_refusedWhileHalted(actor, call)) return false;
        uint256 kBefore = _k();
        uint256 refPrice = _breakerReference();
        ICreatorPool.PoolParams memory p = pool.params();
        uint256 protocolFee = (((amountIn * p.swapFeeBps) / BPS) * p.protocolShareBps) / BPS;
        vm.prank(actor);
        // solhint-disable-next-line avoid-low-level-calls
        (bool ok, bytes memory ret) = address(pool).call(call);
        if (!ok) {
            // Bubble the pool's error up: the campaign fails on it (failOnRevert) with the reason.
            // solhint-disable-next-line no-inline-assembly
            assembly ("memory-safe") {
                revert(add(ret, 32), mload(ret))
            }
        }
        assertEq(abi.decode(ret, (uint256)), expected, "pays / costs the quote");
        assertGe(_k(), kBefore, "k never decreases across a swap");
        _checkBreaker(refPrice);
        if (coinIn) ghostProtocolFeesCoin += protocolFee;
        else ghostProtocolFeesBase += protocolFee;
        return true;
    }

    function _halted() internal view returns (bool) {
        return pool.haltedUntil() > block.timestamp;
    }

    /// @dev When halted, the swap `data` must revert PoolHalted(until) and change no reserve.
    function _refusedWhileHalted(address actor, bytes memory data) internal returns (bool refused) {
        uint40 until = pool.haltedUntil();
        if (until <= block.timestamp) return false;
        (uint112 rCoin, uint112 rBase,) = pool.getReserves();
        vm.prank(actor);
        // solhint-disable-next-line avoid-low-level-calls
        (bool ok, bytes memory reason) = address(pool).call(data);
        assertFalse(ok, "no swap while halted");
        assertEq(reason, abi.encodeWithSelector(ICreatorPool.PoolHalted.selector, until));
        (uint112 rCoinAfter, uint112 rBaseAfter,) = pool.getReserves();
        assertEq(rCoinAfter, rCoin);
        assertEq(rBaseAfter, rBase);
        ++calls["haltedRefused"];
        return true;
    }

    /// @dev The breaker's reference for a swap now (0 when the breaker is off): the window's, or the
    /// spot price when no window is open or it ended.
    function _breakerReference() internal view returns (uint256 refPrice) {
        ICreatorPool.PoolParams memory p = pool.params();
        if (p.maxPriceMoveBps == 0) return 0;
        (uint32 windowStart, uint224 ref) = pool.breakerState();
        if (windowStart == 0 || block.timestamp >= uint256(windowStart) + p.breakerWindow) {
            (uint112 rCoin, uint112 rBase,) = pool.getReserves();
            return PoolMath.spotPrice(rBase, rCoin);
        }
        return ref;
    }

    /// @dev After a swap: it tripped iff the move from `refPrice` exceeds the bound.
    function _checkBreaker(uint256 refPrice) internal {
        if (refPrice == 0) return;
        ICreatorPool.PoolParams memory p = pool.params();
        (uint112 rCoin, uint112 rBase,) = pool.getReserves();
        if (PoolMath.moveExceeds(refPrice, PoolMath.spotPrice(rBase, rCoin), p.maxPriceMoveBps)) {
            ghostHaltedUntil = uint40(block.timestamp + p.coolOff);
            ++calls["trip"];
        }
        assertEq(pool.haltedUntil(), ghostHaltedUntil, "trips iff the move exceeds the bound");
    }

    /// @dev One LP unit is worth at least as much of each reserve after a deposit or withdrawal as
    /// before: rounding always favours the pool. Cross-multiplied, exact (every factor < 2^112).
    function _checkShareValue(uint256 rCoin, uint256 rBase, uint256 supply) internal view {
        (uint112 rCoinAfter, uint112 rBaseAfter,) = pool.getReserves();
        uint256 supplyAfter = pool.totalSupply();
        assertGe(uint256(rCoinAfter) * supply, rCoin * supplyAfter, "coin per LP never decreases");
        assertGe(uint256(rBaseAfter) * supply, rBase * supplyAfter, "base per LP never decreases");
    }
}

/// @notice Invariants of {CreatorPool}: balances cover reserves plus accrued protocol fees, the LP
/// supply is exactly what its holders hold (MINIMUM_LIQUIDITY locked for good), accrued + collected
/// protocol fees equal every swap's cut, and (checked in the handler, across each action) k never
/// decreases across a swap and one LP unit never loses value across a deposit or withdrawal.
contract CreatorPoolInvariants is Test {
    CreatorPool internal pool;
    MockCreatorCoin internal coin;
    DemoStablecoin internal base;
    CreatorPoolHandler internal handler;
    address internal seeder = makeAddr("seeder");

    function setUp() public {
        address admin = makeAddr("multisig");
        coin = new MockCreatorCoin(seeder); // the creator makes the first deposit
        base = new DemoStablecoin("Demo USD", "dUSD");
        ICreatorPool.PoolParams memory p;
        p.swapFeeBps = 30;
        p.protocolShareBps = 1_667;
        pool = new CreatorPool(address(coin), address(base), admin, makeAddr("feeSplitter"), p);
        handler = new CreatorPoolHandler(pool, coin, base, admin);
        coin.mint(seeder, 1_000_000e18);
        base.mint(seeder, 100_000e6);
        vm.startPrank(seeder);
        coin.approve(address(pool), type(uint256).max);
        base.approve(address(pool), type(uint256).max);
        pool.addLiquidity(1_000_000e18, 100_000e6, 0, 0, seeder, block.timestamp);
        vm.stopPrank();

        bytes4[] memory selectors = new bytes4[](8);
        selectors[0] = CreatorPoolHandler.swapExactIn.selector;
        selectors[1] = CreatorPoolHandler.swapExactOut.selector;
        selectors[2] = CreatorPoolHandler.addLiquidity.selector;
        selectors[3] = CreatorPoolHandler.removeLiquidity.selector;
        selectors[4] = CreatorPoolHandler.donate.selector;
        selectors[5] = CreatorPoolHandler.collectProtocolFees.selector;
        selectors[6] = CreatorPoolHandler.setFees.selector;
        selectors[7] = CreatorPoolHandler.warp.selector;
        targetSelector(FuzzSelector({addr: address(handler), selectors: selectors}));
        targetContract(address(handler));
    }

    /**
     * @notice Balances cover reserves plus accrued protocol fees; the fee ledger matches the model.
     * hardhat-config: invariant.runs = 48
     * hardhat-config: invariant.depth = 60
     * hardhat-config: invariant.failOnRevert = true
     */
    function invariant_balancesCoverReservesAndFees() public view {
        (uint112 rCoin, uint112 rBase,) = pool.getReserves();
        (uint128 feeCoin, uint128 feeBase) = pool.protocolFeesAccrued();
        assertGe(coin.balanceOf(address(pool)), uint256(rCoin) + feeCoin, "coin balance covers reserve + fees");
        assertGe(base.balanceOf(address(pool)), uint256(rBase) + feeBase, "base balance covers reserve + fees");
        assertEq(handler.ghostProtocolFeesCoin(), handler.ghostCollectedCoin() + feeCoin, "coin fees accounted");
        assertEq(handler.ghostProtocolFeesBase(), handler.ghostCollectedBase() + feeBase, "base fees accounted");
    }

    /**
     * @notice The LP supply is the sum of its holders' balances, MINIMUM_LIQUIDITY stays locked and
     * both reserves stay non-zero.
     * hardhat-config: invariant.runs = 48
     * hardhat-config: invariant.depth = 60
     * hardhat-config: invariant.failOnRevert = true
     */
    function invariant_lpSupplyConsistent() public view {
        address[3] memory actors = handler.actors();
        uint256 sum = pool.balanceOf(pool.DEAD()) + pool.balanceOf(seeder);
        for (uint256 i; i < 3; ++i) sum += pool.balanceOf(actors[i]);
        assertEq(sum, pool.totalSupply(), "supply == sum of holders");
        assertEq(pool.balanceOf(pool.DEAD()), pool.MINIMUM_LIQUIDITY(), "minimum liquidity locked");
        (uint112 rCoin, uint112 rBase,) = pool.getReserves();
        assertGt(rCoin, 0);
        assertGt(rBase, 0);
    }

    /// @dev Guards the campaign against a vacuous handler: pseudo-random actions reach every kind.
    function test_handler_reachesEveryAction() public {
        for (uint256 i; i < 300; ++i) {
            uint256 r = uint256(keccak256(abi.encode(i)));
            uint256 pick = r % 12;
            if (pick < 3) handler.swapExactIn(r >> 8, (r >> 16) % 2 == 0, r >> 24);
            else if (pick < 6) handler.swapExactOut(r >> 8, (r >> 16) % 2 == 0, r >> 24);
            else if (pick == 6) handler.addLiquidity(r >> 8, r >> 16, r >> 24);
            else if (pick == 7) handler.removeLiquidity(r >> 8, r >> 16);
            else if (pick == 8) handler.donate((r >> 8) % 2 == 0, r >> 16);
            else if (pick == 9) handler.collectProtocolFees();
            else if (pick == 10) handler.setFees(r >> 8, r >> 16);
            else handler.warp(r >> 8);
        }
        string[8] memory reached = [
            "swapExactIn", "swapExactOut", "addLiquidity", "removeLiquidity", "donate", "collectProtocolFees",
            "setFees", "warp"
        ];
        for (uint256 k; k < reached.length; ++k) {
            assertGt(handler.calls(bytes32(bytes(reached[k]))), 0, reached[k]);
        }
        invariant_balancesCoverReservesAndFees();
        invariant_lpSupplyConsistent();
    }
}

/// @notice The same campaign with the circuit breaker on (10% per hour, one-hour cool-off) and admin
/// halt/resume: on top of the handler's per-action checks (trip iff the move exceeds the bound, no
/// swap while halted, liquidity open while halted), `haltedUntil` always equals the model's and the
/// accounting invariants still hold.
contract CreatorPoolBreakerInvariants is Test {
    CreatorPool internal pool;
    MockCreatorCoin internal coin;
    DemoStablecoin internal base;
    CreatorPoolHandler internal handler;

    function setUp() public {
        vm.warp(1_800_000_000);
        address admin = makeAddr("multisig");
        address seeder = makeAddr("seeder");
        coin = new MockCreatorCoin(seeder); // the creator makes the first deposit
        base = new DemoStablecoin("Demo USD", "dUSD");
        ICreatorPool.PoolParams memory p;
        p.swapFeeBps = 30;
        p.protocolShareBps = 1_667;
        p.maxPriceMoveBps = 1_000;
        p.breakerWindow = 1 hours;
        p.coolOff = 1 hours;
        pool = new CreatorPool(address(coin), address(base), admin, makeAddr("feeSplitter"), p);
        handler = new CreatorPoolHandler(pool, coin, base, admin);
        coin.mint(seeder, 1_000_000e18);
        base.mint(seeder, 100_000e6);
        vm.startPrank(seeder);
        coin.approve(address(pool), type(uint256).max);
        base.approve(address(pool), type(uint256).max);
        pool.addLiquidity(1_000_000e18, 100_000e6, 0, 0, seeder, block.timestamp);
        vm.stopPrank();

        bytes4[] memory selectors = new bytes4[](8);
        selectors[0] = CreatorPoolHandler.swapExactIn.selector;
        selectors[1] = CreatorPoolHandler.swapExactOut.selector;
        selectors[2] = CreatorPoolHandler.addLiquidity.selector;
        selectors[3] = CreatorPoolHandler.removeLiquidity.selector;
        selectors[4] = CreatorPoolHandler.halt.selector;
        selectors[5] = CreatorPoolHandler.resume.selector;
        selectors[6] = CreatorPoolHandler.setFees.selector;
        selectors[7] = CreatorPoolHandler.warp.selector;
        targetSelector(FuzzSelector({addr: address(handler), selectors: selectors}));
        targetContract(address(handler));
    }

    /**
     * @notice The pool's halt state is the model's; while halted, balances still cover reserves + fees.
     * hardhat-config: invariant.runs = 48
     * hardhat-config: invariant.depth = 60
     * hardhat-config: invariant.failOnRevert = true
     */
    function invariant_haltStateMatchesModel() public view {
        assertEq(pool.haltedUntil(), handler.ghostHaltedUntil(), "haltedUntil == model");
        (uint112 rCoin, uint112 rBase,) = pool.getReserves();
        (uint128 feeCoin, uint128 feeBase) = pool.protocolFeesAccrued();
        assertGe(coin.balanceOf(address(pool)), uint256(rCoin) + feeCoin);
        assertGe(base.balanceOf(address(pool)), uint256(rBase) + feeBase);
        assertEq(handler.ghostProtocolFeesCoin(), handler.ghostCollectedCoin() + feeCoin);
        assertEq(handler.ghostProtocolFeesBase(), handler.ghostCollectedBase() + feeBase);
    }

    /// @dev Guards the campaign against a vacuous handler: trips, refusals while halted, liquidity
    /// while halted, halt and resume are all reached.
    function test_handler_reachesEveryBreakerPath() public {
        for (uint256 i; i < 300; ++i) {
            uint256 r = uint256(keccak256(abi.encode("breaker", i)));
            uint256 pick = r % 12;
            if (pick < 3) handler.swapExactIn(r >> 8, (r >> 16) % 2 == 0, r >> 24);
            else if (pick < 6) handler.swapExactOut(r >> 8, (r >> 16) % 2 == 0, r >> 24);
            else if (pick == 6) handler.addLiquidity(r >> 8, r >> 16, r >> 24);
            else if (pick == 7) handler.removeLiquidity(r >> 8, r >> 16);
            else if (pick == 8) handler.halt();
            else if (pick == 9) handler.resume();
            else if (pick == 10) handler.setFees(r >> 8, r >> 16);
            else handler.warp(r >> 8);
        }
        string[5] memory reached = ["trip", "haltedRefused", "liquidityWhileHalted", "halt", "resume"];
        for (uint256 k; k < reached.length; ++k) {
            assertGt(handler.calls(bytes32(bytes(reached[k]))), 0, reached[k]);
        }
        invariant_haltStateMatchesModel();
    }
}
