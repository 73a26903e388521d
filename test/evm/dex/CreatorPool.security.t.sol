// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {Test} from "forge-std/Test.sol";
import {CreatorPool} from "../../../contracts/dex/CreatorPool.sol";
import {ICreatorPool} from "../../../contracts/interfaces/ICreatorPool.sol";
import {PoolMath} from "../../../contracts/libraries/PoolMath.sol";
import {DemoStablecoin} from "../../../contracts/test-doubles/DemoStablecoin.sol";
import {HookedToken, ITokenHooks} from "../../../contracts/test-doubles/HookedToken.sol";
import {MockCreatorCoin} from "./CreatorPool.t.sol";

/// @notice A shared contract trading for its users (a router, an aggregator, a smart-wallet relayer).
contract SharedRouter {
    /// @notice The router could not pull the user's input.
    error PullFailed();

    /// @notice Buy coin with `baseIn` pulled from the caller, output to the caller.
    /// @param pool the pool.
    /// @param base the base token.
    /// @param baseIn input.
    /// @return out coin paid.
    function buy(CreatorPool pool, DemoStablecoin base, uint256 baseIn) external returns (uint256 out) {
        if (!base.transferFrom(msg.sender, address(this), baseIn) || !base.approve(address(pool), baseIn)) {
            revert PullFailed();
        }
        out = pool.swapExactIn(address(base), baseIn, 0, msg.sender, block.timestamp);
    }
}

/// @notice A trader whose ERC-777 `tokensToSend` hook reads the pool's views mid-swap (read-only
/// re-entrancy): a third-party protocol pricing off the pool at that moment sees these values.
contract ViewReadingTrader is ITokenHooks {
    CreatorPool internal immutable _pool;
    /// @notice The coin reserve the callback saw.
    uint256 public seenCoin;
    /// @notice The base reserve the callback saw.
    uint256 public seenBase;
    /// @notice The LP supply the callback saw.
    uint256 public seenSupply;
    /// @notice The accrued base-token protocol fees the callback saw.
    uint256 public seenFees;

    constructor(CreatorPool pool_) {
        _pool = pool_;
    }

    /// @notice Register with the hooked base token and buy coin with it.
    /// @param hooked the hooked base token.
    /// @param amount input.
    function buy(HookedToken hooked, uint256 amount) external {
        hooked.registerHooks(true);
        hooked.approve(address(_pool), type(uint256).max);
        _pool.swapExactIn(address(hooked), amount, 0, address(this), block.timestamp);
    }

    /// @inheritdoc ITokenHooks
    function tokensToSend(address, address, address, uint256) external override {
        (uint112 rCoin, uint112 rBase,) = _pool.getReserves();
        (, uint128 feeBase) = _pool.protocolFeesAccrued();
        (seenCoin, seenBase, seenSupply, seenFees) = (rCoin, rBase, _pool.totalSupply(), feeBase);
    }

    /// @notice Receipts seen (the hook itself does nothing else).
    uint256 public received;

    /// @inheritdoc ITokenHooks
    function tokensReceived(address, address, address, uint256) external override {
        ++received;
    }
}

/// @notice Adversarial review of {CreatorPool}: k with the whole fee leaving the reserves, the
/// breaker's window across governance, first-deposit ratio griefing refused (creator only), protections
/// keyed on `msg.sender`, views during a hooked token's callback.
contract CreatorPoolSecurityTest is Test {
    uint256 internal constant BPS = 10_000;
    uint256 internal constant SEED_COIN = 1_000_000e18;
    uint256 internal constant SEED_BASE = 100_000e6;

    address internal admin = makeAddr("multisig");
    address internal lp = makeAddr("lp");
    address internal trader = makeAddr("trader");
    address internal attacker = makeAddr("attacker");

    MockCreatorCoin internal coin;
    DemoStablecoin internal base;
    CreatorPool internal pool;

    function setUp() public {
        vm.warp(1_800_000_000);
        coin = new MockCreatorCoin(lp); // lp is the creator: it seeds the pool
        base = new DemoStablecoin("Demo USD", "dUSD");
        pool = new CreatorPool(address(coin), address(base), admin, makeAddr("feeSplitter"), _fees(30, 1_667));
        _fund(lp);
        _fund(trader);
        _fund(attacker);
        vm.prank(lp);
        pool.addLiquidity(SEED_COIN, SEED_BASE, 0, 0, lp, block.timestamp);
    }

    function _fees(uint16 feeBps, uint16 shareBps) internal pure returns (ICreatorPool.PoolParams memory p) {
        p.swapFeeBps = feeBps;
        p.protocolShareBps = shareBps;
    }

    function _fund(address who) internal {
        coin.mint(who, 100_000_000e18);
        base.mint(who, 100_000_000e6);
        vm.startPrank(who);
        coin.approve(address(pool), type(uint256).max);
        base.approve(address(pool), type(uint256).max);
        vm.stopPrank();
    }

    function _setParams(ICreatorPool.PoolParams memory p) internal {
        vm.prank(admin);
        pool.setParams(p);
    }

    function _buy(address who, uint256 baseIn) internal {
        vm.prank(who);
        pool.swapExactIn(address(base), baseIn, 0, who, block.timestamp);
    }

    function _k() internal view returns (uint256) {
        (uint112 rCoin, uint112 rBase,) = pool.getReserves();
        return uint256(rCoin) * rBase;
    }

    // ───────────────────────────── k and solvency ─────────────────────────────

    /// @notice With the highest fee and all of it to the protocol (nothing stays for LPs), neither
    /// swap can decrease k, and the balances still cover reserves + accrued fees: the protocol's cut
    /// is floored, the output is priced on the input net of the whole fee, exact-out rounds the input up.
    function testFuzz_swap_kNeverDecreasesWithWholeFeeToProtocol(
        uint256 amount,
        uint16 feeBps,
        bool exactOut,
        bool coinIn
    ) public {
        _setParams(_fees(uint16(bound(feeBps, 0, 1_000)), 10_000));
        (uint112 rCoin, uint112 rBase,) = pool.getReserves();
        uint256 kBefore = _k();
        address tokenIn = coinIn ? address(coin) : address(base);
        uint256 reserveOut = coinIn ? rBase : rCoin;
        vm.prank(trader);
        if (exactOut) {
            pool.swapExactOut(tokenIn, bound(amount, 1, (reserveOut * 99) / 100), type(uint256).max, trader, block.timestamp);
        } else {
            uint256 reserveIn = coinIn ? rCoin : rBase;
            amount = bound(amount, reserveIn / 1e9 + 1, reserveIn * 50);
            pool.swapExactIn(tokenIn, amount, 1, trader, block.timestamp);
        }
        assertGe(_k(), kBefore, "k never decreases");
        (uint112 cAfter, uint112 bAfter,) = pool.getReserves();
        (uint128 feeCoin, uint128 feeBase) = pool.protocolFeesAccrued();
        assertGe(coin.balanceOf(address(pool)), uint256(cAfter) + feeCoin, "coin covered");
        assertGe(base.balanceOf(address(pool)), uint256(bAfter) + feeBase, "base covered");
    }

    // ───────────────────────────── circuit breaker across governance ─────────────────────────────

    /// @notice Finding: a window opened before the multisig switched the breaker off kept its old
    /// reference when switched back on, so the first ordinary swap afterwards (a 0.01% trade) tripped
    /// on moves made while the breaker was off (e.g. the arbitrage the multisig allowed on purpose)
    /// and halted the pool for the cool-off. Switching the breaker on now closes any old window.
    function test_setParams_breakerSwitchedOnOpensFreshWindow() public {
        ICreatorPool.PoolParams memory on = _fees(30, 1_667);
        on.maxPriceMoveBps = 2_500;
        on.breakerWindow = 1 hours;
        on.coolOff = 1 hours;
        _setParams(on);
        _buy(trader, 1_000e6); // opens the window at the seed price
        (uint32 windowStart,) = pool.breakerState();
        assertEq(windowStart, block.timestamp);

        _setParams(_fees(30, 1_667)); // breaker off: the multisig lets the price move
        _buy(attacker, 50_000e6); // about +120%: beyond the bound, no breaker
        vm.warp(block.timestamp + 10 minutes);
        _setParams(on); // back on, 10 minutes into the old hour

        (windowStart,) = pool.breakerState();
        assertEq(windowStart, 0, "no window open after switching on");
        _buy(trader, 10e6);
        assertEq(pool.haltedUntil(), 0, "a 0.01% trade does not trip");
        (uint112 rCoin, uint112 rBase,) = pool.getReserves();
        (uint32 start, uint224 ref) = pool.breakerState();
        assertEq(start, block.timestamp, "new window");
        assertGt(ref, PoolMath.spotPrice(SEED_BASE, SEED_COIN) * 2, "reference: the price when it opened");
        assertLt(ref, PoolMath.spotPrice(rBase, rCoin), "... before the opening trade");
    }

    /// @notice Changing other parameters while the breaker stays on keeps the window and reference:
    /// a fee change cannot be used to reset the move tracking.
    function test_setParams_breakerStayingOnKeepsWindow() public {
        ICreatorPool.PoolParams memory on = _fees(30, 1_667);
        on.maxPriceMoveBps = 2_500;
        on.breakerWindow = 1 hours;
        on.coolOff = 1 hours;
        _setParams(on);
        _buy(trader, 1_000e6);
        (uint32 startBefore, uint224 refBefore) = pool.breakerState();
        on.swapFeeBps = 50;
        _setParams(on);
        (uint32 start, uint224 ref) = pool.breakerState();
        assertEq(start, startBefore);
        assertEq(ref, refBefore);
    }

    // ───────────────────────────── first deposit ─────────────────────────────

    /// @notice Fixed finding: a holder of a few coins could once seed a fresh pool at an absurd ratio
    /// (1 coin unit : 1.002 base) before the creator; the creator's deposit then failed its minimums
    /// and the price-impact cap refused every repairing swap, so only the multisig could recover.
    /// Now only the creator may make the first deposit: the griefer is refused, the creator seeds at
    /// the price they choose, and anyone may then add at the pool's ratio.
    function test_addLiquidity_firstDepositByNonCreatorReverts() public {
        CreatorPool fresh = new CreatorPool(address(coin), address(base), admin, makeAddr("fs"), _capped());
        vm.startPrank(attacker);
        coin.approve(address(fresh), type(uint256).max);
        base.approve(address(fresh), type(uint256).max);
        vm.expectRevert(abi.encodeWithSelector(ICreatorPool.FirstDepositNotCreator.selector, attacker, lp));
        fresh.addLiquidity(1, 1_002_001, 0, 0, attacker, block.timestamp);
        vm.stopPrank();
        // Receiving the LP tokens is not enough either: the caller must be the creator.
        vm.prank(attacker);
        vm.expectRevert(abi.encodeWithSelector(ICreatorPool.FirstDepositNotCreator.selector, attacker, lp));
        fresh.addLiquidity(500_000e18, 5_000e6, 0, 0, lp, block.timestamp);
        assertEq(fresh.totalSupply(), 0, "nothing deposited");

        // The creator's intended deposit (100 coins per base token) passes its minimums.
        vm.startPrank(lp);
        coin.approve(address(fresh), type(uint256).max);
        base.approve(address(fresh), type(uint256).max);
        (uint256 c, uint256 b, uint256 minted) =
            fresh.addLiquidity(500_000e18, 5_000e6, 400_000e18, 4_000e6, lp, block.timestamp);
        vm.stopPrank();
        assertEq(c, 500_000e18);
        assertEq(b, 5_000e6);
        assertEq(minted + fresh.MINIMUM_LIQUIDITY(), fresh.totalSupply());
        // From then on anyone deposits at the pool's ratio, and trades pass the caps.
        vm.prank(attacker);
        (c, b,) = fresh.addLiquidity(1_000e18, 1_000e6, 0, 0, attacker, block.timestamp);
        assertEq(c, 1_000e18);
        assertEq(b, 10e6, "the creator's price holds");
        vm.prank(attacker);
        assertGt(fresh.swapExactIn(address(base), 10e6, 1, attacker, block.timestamp), 0);
    }

    function _capped() internal pure returns (ICreatorPool.PoolParams memory p) {
        p = _fees(30, 1_667);
        p.maxPriceImpactBps = 1_000;
        p.maxPriceMoveBps = 2_500;
        p.breakerWindow = 1 hours;
        p.coolOff = 1 hours;
    }

    // ───────────────────────────── protections keyed on msg.sender ─────────────────────────────

    /// @notice Cooldown and daily volume follow `msg.sender`, never `to`: naming another receiver
    /// does not escape them, and a contract trading for many users (a router) shares one budget, so
    /// one user's trade puts every other user of that router in cooldown (documented in ICreatorPool).
    function test_protections_followMsgSenderNotTo() public {
        ICreatorPool.PoolParams memory p = _fees(30, 1_667);
        p.cooldown = 60;
        p.dailyVolumeLimit = 5_000e6;
        _setParams(p);
        address other = makeAddr("other");
        vm.prank(trader);
        pool.swapExactIn(address(base), 1_000e6, 0, other, block.timestamp);
        vm.prank(trader);
        vm.expectRevert(
            abi.encodeWithSelector(ICreatorPool.CooldownActive.selector, trader, block.timestamp + 60)
        );
        pool.swapExactIn(address(base), 1_000e6, 0, makeAddr("third"), block.timestamp);
        (uint40 last,, uint128 volume) = pool.protectionOf(other);
        assertEq(last, 0, "the receiver's state is untouched");
        assertEq(volume, 0);

        SharedRouter router = new SharedRouter();
        address user1 = makeAddr("user1");
        address user2 = makeAddr("user2");
        base.mint(user1, 1_000e6);
        base.mint(user2, 1_000e6);
        vm.prank(user1);
        base.approve(address(router), type(uint256).max);
        vm.prank(user2);
        base.approve(address(router), type(uint256).max);
        vm.prank(user1);
        router.buy(pool, base, 100e6);
        vm.prank(user2);
        vm.expectRevert(
            abi.encodeWithSelector(ICreatorPool.CooldownActive.selector, address(router), block.timestamp + 60)
        );
        router.buy(pool, base, 100e6);
    }

    // ───────────────────────────── read-only re-entrancy ─────────────────────────────

    /// @notice During an ERC-777-style base token's `tokensToSend` callback (before the input moves),
    /// the pool's views already show the swap's final reserves, fees and LP supply: state is written
    /// before any transfer (CEI), so a protocol reading the pool mid-swap sees no half-updated state.
    function test_hookedBaseToken_viewsAreFinalDuringCallback() public {
        HookedToken hooked = new HookedToken();
        CreatorPool hp = new CreatorPool(address(coin), address(hooked), admin, makeAddr("fs"), _fees(30, 1_667));
        coin.mint(lp, SEED_COIN);
        hooked.mint(lp, SEED_BASE);
        vm.startPrank(lp);
        coin.approve(address(hp), type(uint256).max);
        hooked.approve(address(hp), type(uint256).max);
        hp.addLiquidity(SEED_COIN, SEED_BASE, 0, 0, lp, block.timestamp);
        vm.stopPrank();
        ViewReadingTrader reader = new ViewReadingTrader(hp);
        hooked.mint(address(reader), 1_000e6);
        reader.buy(hooked, 1_000e6);
        (uint112 rCoin, uint112 rBase,) = hp.getReserves();
        (, uint128 feeBase) = hp.protocolFeesAccrued();
        assertEq(reader.seenCoin(), rCoin, "coin reserve already final");
        assertEq(reader.seenBase(), rBase, "base reserve already final");
        assertEq(reader.seenFees(), feeBase, "fees already final");
        assertEq(reader.seenSupply(), hp.totalSupply());
        assertLt(rCoin, SEED_COIN, "the swap did happen");
    }
}
