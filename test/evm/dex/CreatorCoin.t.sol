// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {Test} from "forge-std/Test.sol";
import {MetricsOracle} from "../../../contracts/dex/MetricsOracle.sol";
import {CreatorCoin} from "../../../contracts/dex/CreatorCoin.sol";
import {ICreatorCoin} from "../../../contracts/interfaces/ICreatorCoin.sol";
import {DemoStablecoin} from "../../../contracts/test-doubles/DemoStablecoin.sol";
import {FeeOnTransferToken} from "../../../contracts/test-doubles/FeeOnTransferToken.sol";

/// @notice Unit and fuzz tests of {CreatorCoin}; this test contract plays the factory.
contract CreatorCoinTest is Test {
    bytes32 internal constant ID = keccak256("creator:alice");
    uint256 internal constant INITIAL = 1_000_000e18;

    MetricsOracle internal oracle;
    DemoStablecoin internal usd;
    CreatorCoin internal coin;
    address internal admin = makeAddr("multisig");
    address internal reporter = makeAddr("reporter");
    address internal alice = makeAddr("alice"); // the creator
    address internal bob = makeAddr("bob");
    address internal carol = makeAddr("carol");
    address internal pool = makeAddr("pool");
    uint64 internal nonce;

    function setUp() public {
        vm.warp(1_700_000_000);
        oracle = new MetricsOracle(admin, 1 hours);
        bytes32 role = oracle.REPORTER_ROLE();
        vm.prank(admin);
        oracle.grantRole(role, reporter);
        _report(1_000);
        usd = new DemoStablecoin("Demo USD", "dUSD");
        coin = _deploy(address(usd), 1_000, INITIAL, _schedule(100_000e18, 200_000e18));
    }

    // ───────────────────────────── helpers ─────────────────────────────

    function _report(uint64 followers) internal {
        vm.prank(reporter);
        oracle.report(ID, alice, 0, followers, 0, uint64(block.timestamp), ++nonce);
        vm.warp(block.timestamp + 1);
    }

    function _schedule(uint256 a, uint256 b) internal pure returns (uint256[] memory amounts) {
        amounts = new uint256[](2);
        (amounts[0], amounts[1]) = (a, b);
    }

    function _config(address base, uint16 shareBps, uint256 initial, uint256[] memory releases)
        internal
        view
        returns (ICreatorCoin.CoinConfig memory)
    {
        return ICreatorCoin.CoinConfig({
            creatorId: ID,
            creator: alice,
            oracle: address(oracle),
            baseToken: base,
            holderShareBps: shareBps,
            initialSupply: initial,
            firstReleaseIndex: 1,
            releaseAmounts: releases
        });
    }

    function _deploy(address base, uint16 shareBps, uint256 initial, uint256[] memory releases)
        internal
        returns (CreatorCoin)
    {
        return new CreatorCoin("Alice Coin", "ALICE", _config(base, shareBps, initial, releases));
    }

    function _deposit(address from, uint256 amount) internal {
        usd.mint(from, amount);
        vm.startPrank(from);
        usd.approve(address(coin), amount);
        coin.depositRevenue(amount);
        vm.stopPrank();
    }

    /// @dev Holder revenue is floored once per account (and the accumulator per deposit, its
    /// remainder carried), so an account may see one unit less than its exact share.
    function _assertClaimable(address account, uint256 expected) internal view {
        assertApproxEqAbs(coin.claimableRevenue(account), expected, 1, "claimable within 1 unit");
    }

    function _fund(address from, uint256 amount) internal {
        usd.mint(from, amount);
        vm.prank(from);
        usd.approve(address(coin), amount);
    }

    function _send(address from, address to, uint256 amount) internal {
        vm.prank(from);
        assertTrue(coin.transfer(to, amount));
    }

    // ───────────────────────────── constructor ─────────────────────────────

    function test_constructor_mintsInitialSupplyToCreator() public view {
        assertEq(coin.balanceOf(alice), INITIAL);
        assertEq(coin.totalSupply(), INITIAL);
        assertEq(coin.eligibleSupply(), INITIAL);
        assertEq(coin.maxSupply(), INITIAL + 300_000e18);
        assertEq(coin.decimals(), 18);
        assertEq(coin.name(), "Alice Coin");
        assertEq(coin.creator(), alice);
        assertEq(coin.creatorId(), ID);
        assertEq(coin.factory(), address(this));
        assertEq(coin.oracle(), address(oracle));
        assertEq(coin.baseToken(), address(usd));
        assertEq(coin.holderShareBps(), 1_000);
        assertEq(coin.releaseAt(0), 0);
        assertEq(coin.releaseAt(1), 100_000e18);
        assertEq(coin.releaseAt(2), 200_000e18);
        assertEq(coin.releaseAt(3), 0);
    }

    function test_constructor_invalidHolderShareReverts() public {
        vm.expectRevert(abi.encodeWithSelector(ICreatorCoin.InvalidHolderShare.selector, 10_001));
        _deploy(address(usd), 10_001, INITIAL, new uint256[](0));
    }

    function test_constructor_supplyAboveUint112Reverts() public {
        uint256 max = type(uint112).max;
        _deploy(address(usd), 1_000, max - 1, _schedule(1, 0)); // exactly at the bound
        vm.expectRevert(abi.encodeWithSelector(ICreatorCoin.SupplyTooLarge.selector, max + 1));
        _deploy(address(usd), 1_000, max, _schedule(1, 0));
    }

    function test_constructor_tooManyReleasesReverts() public {
        vm.expectRevert(abi.encodeWithSelector(ICreatorCoin.TooManyReleases.selector, 65));
        _deploy(address(usd), 1_000, INITIAL, new uint256[](65));
    }

    function test_constructor_zeroAddressesRevert() public {
        ICreatorCoin.CoinConfig memory c = _config(address(usd), 1_000, INITIAL, new uint256[](0));
        c.creator = address(0);
        vm.expectRevert(ICreatorCoin.ZeroAddress.selector);
        new CreatorCoin("A", "A", c);
        c = _config(address(0), 1_000, INITIAL, new uint256[](0));
        vm.expectRevert(ICreatorCoin.ZeroAddress.selector);
        new CreatorCoin("A", "A", c);
        c = _config(address(usd), 1_000, INITIAL, new uint256[](0));
        c.oracle = address(0);
        vm.expectRevert(ICreatorCoin.ZeroAddress.selector);
        new CreatorCoin("A", "A", c);
    }

    // ───────────────────────────── release ─────────────────────────────

    function test_release_mintsOnceWhenMilestoneReached() public {
        vm.expectRevert(abi.encodeWithSelector(ICreatorCoin.MilestoneNotReached.selector, 1));
        coin.release(1);
        _report(5_000);
        vm.expectEmit(address(coin));
        emit ICreatorCoin.SupplyReleased(1, 100_000e18);
        vm.prank(carol); // anyone may trigger it
        assertEq(coin.release(1), 100_000e18);
        assertEq(coin.balanceOf(alice), INITIAL + 100_000e18);
        assertTrue(coin.isReleased(1));
        assertFalse(coin.isReleased(2));
        vm.expectRevert(abi.encodeWithSelector(ICreatorCoin.AlreadyReleased.selector, 1));
        coin.release(1);
    }

    function test_release_outsideScheduleReverts() public {
        _report(100_000);
        vm.expectRevert(abi.encodeWithSelector(ICreatorCoin.NothingToRelease.selector, 0));
        coin.release(0); // the launch milestone itself
        vm.expectRevert(abi.encodeWithSelector(ICreatorCoin.NothingToRelease.selector, 3));
        coin.release(3);
        coin.release(2); // out of order is fine
        coin.release(1);
        assertEq(coin.totalSupply(), coin.maxSupply());
    }

    function test_release_zeroEntryReverts() public {
        CreatorCoin c = _deploy(address(usd), 1_000, INITIAL, _schedule(0, 5));
        _report(5_000);
        vm.expectRevert(abi.encodeWithSelector(ICreatorCoin.NothingToRelease.selector, 1));
        c.release(1);
    }

    // ───────────────────────────── revenue ─────────────────────────────

    function test_depositRevenue_splitsHolderAndCreatorShares() public {
        _send(alice, bob, 250_000e18); // bob holds 25%
        _fund(carol, 1_000e6);
        vm.expectEmit(address(coin));
        emit ICreatorCoin.RevenueDeposited(carol, 1_000e6, 100e6, 900e6);
        vm.prank(carol);
        coin.depositRevenue(1_000e6);
        _assertClaimable(bob, 25e6);
        _assertClaimable(alice, 900e6 + 75e6);
        assertEq(coin.creatorRevenue(), 900e6);
        assertEq(usd.balanceOf(address(coin)), 1_000e6);
    }

    function test_depositRevenue_zeroReverts() public {
        vm.expectRevert(abi.encodeWithSelector(ICreatorCoin.InvalidDeposit.selector, 0, 0));
        coin.depositRevenue(0);
    }

    function test_depositRevenue_feeOnTransferReverts() public {
        FeeOnTransferToken fot = new FeeOnTransferToken(100);
        CreatorCoin c = _deploy(address(fot), 1_000, INITIAL, new uint256[](0));
        fot.mint(carol, 1_000e18);
        vm.startPrank(carol);
        fot.approve(address(c), 1_000e18);
        uint256 received = 1_000e18 - fot.feeOf(1_000e18);
        vm.expectRevert(abi.encodeWithSelector(ICreatorCoin.InvalidDeposit.selector, 1_000e18, received));
        c.depositRevenue(1_000e18);
        vm.stopPrank();
    }

    function test_depositRevenue_noEligibleSupplyGoesToCreator() public {
        coin.setRevenueExcluded(alice, true); // the whole supply is excluded
        _fund(carol, 1_000e6);
        vm.expectEmit(address(coin));
        emit ICreatorCoin.RevenueDeposited(carol, 1_000e6, 0, 1_000e6);
        vm.prank(carol);
        coin.depositRevenue(1_000e6);
        _assertClaimable(alice, 1_000e6);
    }

    function test_depositRevenue_accumulatorBoundGoesToCreator() public {
        // One wei eligible against a huge deposit would push perShare past its bound.
        _send(alice, bob, 1);
        coin.setRevenueExcluded(alice, true);
        uint256 huge = 2 ** 40 * 10;
        _fund(carol, huge);
        vm.expectEmit(address(coin));
        emit ICreatorCoin.RevenueDeposited(carol, huge, 0, huge);
        vm.prank(carol);
        coin.depositRevenue(huge);
        _assertClaimable(bob, 0);
        // A deposit that stays within the bound is shared.
        _deposit(carol, 10);
        _assertClaimable(bob, 1);
        // Transfers still work at the bound.
        coin.setRevenueExcluded(alice, false);
        _send(alice, bob, INITIAL - 1);
    }

    function test_claimRevenue_paysAndResets() public {
        _send(alice, bob, 500_000e18);
        _deposit(carol, 1_000e6);
        uint256 due = coin.claimableRevenue(bob);
        assertApproxEqAbs(due, 50e6, 1);
        vm.expectEmit(address(coin));
        emit ICreatorCoin.RevenueClaimed(bob, due);
        vm.prank(bob);
        assertEq(coin.claimRevenue(), due);
        assertEq(usd.balanceOf(bob), due);
        assertEq(coin.claimedRevenue(bob), due);
        _assertClaimable(bob, 0);
        vm.expectRevert(abi.encodeWithSelector(ICreatorCoin.NothingToClaim.selector, bob));
        vm.prank(bob);
        coin.claimRevenue();

        vm.prank(alice);
        assertApproxEqAbs(coin.claimRevenue(), 950e6, 1);
        assertEq(coin.creatorRevenue(), 0);
        assertLe(usd.balanceOf(address(coin)), 2, "at most the rounding dust stays");
    }

    function test_claimRevenue_nothingReverts() public {
        vm.expectRevert(abi.encodeWithSelector(ICreatorCoin.NothingToClaim.selector, carol));
        vm.prank(carol);
        coin.claimRevenue();
    }

    function test_revenue_correctAcrossTransfers() public {
        _send(alice, bob, 500_000e18);
        _deposit(carol, 1_000e6); // bob earns 50
        _send(bob, carol, 500_000e18); // bob keeps the 50, carol earns nothing from the past
        _assertClaimable(bob, 50e6);
        _assertClaimable(carol, 0);
        _deposit(carol, 2_000e6); // carol earns 100
        _assertClaimable(bob, 50e6);
        _assertClaimable(carol, 100e6);
        vm.prank(bob);
        coin.claimRevenue();
        _send(carol, bob, 250_000e18);
        _deposit(carol, 1_000e6); // 25 each
        _assertClaimable(bob, 25e6);
        _assertClaimable(carol, 125e6);
    }

    function test_revenue_transferFromAndPermitKeepAccounting() public {
        uint256 pk = 0xA11CE;
        address owner = vm.addr(pk);
        _send(alice, owner, 100_000e18);
        uint256 deadline = block.timestamp + 1 hours;
        bytes32 digest = keccak256(
            abi.encodePacked(
                "\x19\x01",
                coin.DOMAIN_SEPARATOR(),
                keccak256(
                    abi.encode(
                        keccak256("Permit(address owner,address spender,uint256 value,uint256 nonce,uint256 deadline)"),
                        owner,
                        bob,
                        100_000e18,
                        0,
                        deadline
                    )
                )
            )
        );
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(pk, digest);
        coin.permit(owner, bob, 100_000e18, deadline, v, r, s);
        _deposit(carol, 1_000e6);
        vm.prank(bob);
        assertTrue(coin.transferFrom(owner, bob, 100_000e18));
        _assertClaimable(owner, 10e6);
        _assertClaimable(bob, 0);
    }

    // ───────────────────────────── exclusion ─────────────────────────────

    function test_setRevenueExcluded_poolDoesNotDilute() public {
        coin.setRevenueExcluded(pool, true);
        _send(alice, pool, 500_000e18);
        _send(alice, bob, 250_000e18);
        assertEq(coin.eligibleSupply(), 500_000e18);
        _deposit(carol, 1_000e6); // 100 to the 500k eligible coins
        _assertClaimable(pool, 0);
        _assertClaimable(bob, 50e6);
        // Coins leaving the pool start earning.
        _send(pool, carol, 500_000e18);
        _deposit(carol, 1_000e6);
        _assertClaimable(carol, 50e6);
        _assertClaimable(bob, 75e6);
    }

    function test_setRevenueExcluded_keepsEarnedAndResumes() public {
        _send(alice, bob, 500_000e18);
        _deposit(carol, 1_000e6);
        vm.expectEmit(address(coin));
        emit ICreatorCoin.RevenueExclusionUpdated(bob, true);
        coin.setRevenueExcluded(bob, true);
        _assertClaimable(bob, 50e6);
        assertEq(coin.eligibleSupply(), 500_000e18);
        _deposit(carol, 1_000e6);
        _assertClaimable(bob, 50e6);
        coin.setRevenueExcluded(bob, false);
        _assertClaimable(bob, 50e6);
        _deposit(carol, 1_000e6);
        _assertClaimable(bob, 100e6);
    }

    function test_setRevenueExcluded_guards() public {
        vm.expectRevert(abi.encodeWithSelector(ICreatorCoin.NotFactory.selector, alice));
        vm.prank(alice);
        coin.setRevenueExcluded(pool, true);
        vm.expectRevert(ICreatorCoin.ZeroAddress.selector);
        coin.setRevenueExcluded(address(0), true);
        vm.expectRevert(abi.encodeWithSelector(ICreatorCoin.ExclusionUnchanged.selector, pool, false));
        coin.setRevenueExcluded(pool, false);
        coin.setRevenueExcluded(pool, true);
        assertTrue(coin.isRevenueExcluded(pool));
    }

    // ───────────────────────────── access ─────────────────────────────

    function test_hasAccess_atExactBalance() public {
        _send(alice, bob, 100e18);
        assertTrue(coin.hasAccess(bob, 100e18));
        assertFalse(coin.hasAccess(bob, 100e18 + 1));
        assertTrue(coin.hasAccess(carol, 0));
    }

    // ───────────────────────────── fuzz ─────────────────────────────

    /// @notice Three holders with random balances and two random deposits separated by a random
    /// transfer: each holder's claimable equals its exact pro-rata share within 1 unit per deposit.
    function testFuzz_revenue_proRataWithinOneUnit(
        uint256 bobBal,
        uint256 carolBal,
        uint256 moved,
        uint256 first,
        uint256 second
    ) public {
        bobBal = bound(bobBal, 1, INITIAL / 2);
        carolBal = bound(carolBal, 0, INITIAL / 2);
        first = bound(first, 1, 1e30);
        second = bound(second, 1, 1e30);
        _send(alice, bob, bobBal);
        if (carolBal != 0) _send(alice, carol, carolBal);
        uint256[3] memory before = [INITIAL - bobBal - carolBal, bobBal, carolBal];
        _deposit(makeAddr("payer"), first);
        moved = bound(moved, 0, bobBal);
        if (moved != 0) _send(bob, carol, moved);
        uint256[3] memory afterMove = [before[0], bobBal - moved, carolBal + moved];
        _deposit(makeAddr("payer"), second);

        uint256 h1 = first / 10;
        uint256 h2 = second / 10;
        address[3] memory who = [alice, bob, carol];
        uint256 sum;
        for (uint256 i; i < 3; ++i) {
            uint256 expected = h1 * before[i] / INITIAL + h2 * afterMove[i] / INITIAL;
            uint256 got = coin.claimableRevenue(who[i]);
            if (i == 0) got -= coin.creatorRevenue();
            assertApproxEqAbs(got, expected, 2, "pro rata");
            sum += got;
        }
        assertLe(sum, h1 + h2, "never more than the holders' share");
        assertGe(sum + 3, h1 + h2, "dust bounded by accounts");
        assertEq(coin.creatorRevenue(), first - h1 + second - h2);
    }
}
