// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {Test, Vm} from "forge-std/Test.sol";
import {IAccessControl} from "@openzeppelin/contracts/access/IAccessControl.sol";
import {WorxBadges} from "../../../contracts/badges/WorxBadges.sol";
import {CreatorCoin} from "../../../contracts/dex/CreatorCoin.sol";
import {CreatorCoinFactory} from "../../../contracts/dex/CreatorCoinFactory.sol";
import {CreatorPool} from "../../../contracts/dex/CreatorPool.sol";
import {CreatorPoolDeployer} from "../../../contracts/dex/CreatorPoolDeployer.sol";
import {MetricsOracle} from "../../../contracts/dex/MetricsOracle.sol";
import {ICreatorCoin} from "../../../contracts/interfaces/ICreatorCoin.sol";
import {ICreatorCoinFactory} from "../../../contracts/interfaces/ICreatorCoinFactory.sol";
import {ICreatorPool} from "../../../contracts/interfaces/ICreatorPool.sol";
import {IWorxBadges} from "../../../contracts/interfaces/IWorxBadges.sol";
import {DemoStablecoin} from "../../../contracts/test-doubles/DemoStablecoin.sol";
import {FreelancerStatsMock} from "../../../contracts/test-doubles/FreelancerStatsMock.sol";

contract CreatorCoinFactoryTest is Test {
    bytes32 internal constant ID = keccak256("creator:alice");
    uint256 internal constant INITIAL = 1_000_000e18;

    MetricsOracle internal oracle;
    DemoStablecoin internal usd;
    WorxBadges internal badges;
    FreelancerStatsMock internal stats;
    CreatorCoinFactory internal factory;
    CreatorPoolDeployer internal deployer;
    address internal admin = makeAddr("multisig");
    address internal reporter = makeAddr("reporter");
    address internal splitter = makeAddr("feeSplitter");
    address internal alice = makeAddr("alice");
    address internal bob = makeAddr("bob");
    uint64 internal nonce;

    function setUp() public {
        vm.warp(1_700_000_000);
        oracle = new MetricsOracle(admin, 1 hours);
        bytes32 role = oracle.REPORTER_ROLE();
        vm.prank(admin);
        oracle.grantRole(role, reporter);
        usd = new DemoStablecoin("Demo USD", "dUSD");
        stats = new FreelancerStatsMock();
        badges = new WorxBadges(address(stats), admin);
        deployer = new CreatorPoolDeployer();
        factory = new CreatorCoinFactory(
            admin, address(oracle), address(usd), address(badges), splitter, address(deployer), _params()
        );
    }

    // ───────────────────────────── helpers ─────────────────────────────

    function _report(bytes32 id, address creator, uint64 followers) internal {
        vm.prank(reporter);
        oracle.report(id, creator, 0, followers, 0, uint64(block.timestamp), ++nonce);
        vm.warp(block.timestamp + 1);
    }

    /// @dev The local deployment's defaults (scripts/deploy/ignition/modules/Dex.ts).
    function _params() internal pure returns (ICreatorPool.PoolParams memory) {
        return ICreatorPool.PoolParams({
            swapFeeBps: 30,
            protocolShareBps: 1_667,
            dailyVolumeLimit: 10_000e6,
            cooldown: 30,
            maxPriceMoveBps: 2_500,
            breakerWindow: 3_600,
            coolOff: 3_600,
            maxPriceImpactBps: 1_000
        });
    }

    function _releases() internal pure returns (uint256[] memory amounts) {
        amounts = new uint256[](2);
        (amounts[0], amounts[1]) = (100_000e18, 200_000e18);
    }

    function _launch() internal returns (CreatorCoin coin, CreatorPool pool) {
        vm.prank(alice);
        (address c, address p) = factory.launch(ID, "Alice Coin", "ALICE", INITIAL, _releases(), 1_000);
        return (CreatorCoin(c), CreatorPool(p));
    }

    // ───────────────────────────── constructor ─────────────────────────────

    function test_constructor_setsState() public view {
        assertEq(factory.oracle(), address(oracle));
        assertEq(factory.baseToken(), address(usd));
        assertEq(factory.badges(), address(badges));
        assertEq(factory.feeRecipient(), splitter);
        assertTrue(factory.hasRole(factory.DEFAULT_ADMIN_ROLE(), admin));
        assertEq(factory.poolDeployer(), address(deployer));
        assertLe(address(factory).code.length, 24_576, "EIP-170 size limit");
        assertLe(address(deployer).code.length, 24_576, "EIP-170 size limit");
    }

    function test_constructor_zeroAddressReverts() public {
        vm.expectRevert(ICreatorCoinFactory.ZeroAddress.selector);
        new CreatorCoinFactory(admin, address(0), address(usd), address(0), splitter, address(deployer), _params());
        vm.expectRevert(ICreatorCoinFactory.ZeroAddress.selector);
        new CreatorCoinFactory(admin, address(oracle), address(usd), address(0), address(0), address(deployer), _params());
        vm.expectRevert(ICreatorCoinFactory.ZeroAddress.selector);
        new CreatorCoinFactory(admin, address(oracle), address(usd), address(0), splitter, address(0), _params());
    }

    function test_constructor_invalidDefaultPoolParamsReverts() public {
        ICreatorPool.PoolParams memory p = _params();
        p.coolOff = 0; // breaker on without a cool-off
        vm.expectRevert(ICreatorCoinFactory.InvalidPoolParams.selector);
        new CreatorCoinFactory(admin, address(oracle), address(usd), address(0), splitter, address(deployer), p);
    }

    function test_constructor_emitsDefaultPoolParams() public {
        vm.expectEmit();
        emit ICreatorCoinFactory.DefaultPoolParamsUpdated(_params());
        CreatorCoinFactory f = new CreatorCoinFactory(
            admin, address(oracle), address(usd), address(0), splitter, address(deployer), _params()
        );
        assertEq(abi.encode(f.defaultPoolParams()), abi.encode(_params()));
    }

    // ───────────────────────────── launch ─────────────────────────────

    function test_launch_deploysCoinAndPool() public {
        _report(ID, alice, 1_000);
        ICreatorCoin.CoinConfig memory config = ICreatorCoin.CoinConfig({
            creatorId: ID,
            creator: alice,
            oracle: address(oracle),
            baseToken: address(usd),
            holderShareBps: 1_000,
            initialSupply: INITIAL,
            firstReleaseIndex: 1,
            releaseAmounts: _releases()
        });
        bytes32 initHash =
            keccak256(abi.encodePacked(type(CreatorCoin).creationCode, abi.encode("Alice Coin", "ALICE", config)));
        address predicted = vm.computeCreate2Address(ID, initHash, address(factory));

        vm.recordLogs();
        (CreatorCoin coin, CreatorPool pool) = _launch();
        assertEq(address(coin), predicted, "CREATE2 keyed by creatorId");
        Vm.Log[] memory logs = vm.getRecordedLogs();
        bool seen;
        for (uint256 i; i < logs.length; ++i) {
            if (logs[i].emitter != address(factory) || logs[i].topics[0] != ICreatorCoinFactory.CoinLaunched.selector) {
                continue;
            }
            seen = true;
            assertEq(logs[i].topics[1], ID);
            assertEq(address(uint160(uint256(logs[i].topics[2]))), alice);
            assertEq(address(uint160(uint256(logs[i].topics[3]))), address(coin));
            (address p, uint256 initial, uint256 max, uint16 share) =
                abi.decode(logs[i].data, (address, uint256, uint256, uint16));
            assertEq(p, address(pool));
            assertEq(initial, INITIAL);
            assertEq(max, INITIAL + 300_000e18);
            assertEq(share, 1_000);
        }
        assertTrue(seen, "CoinLaunched");

        assertEq(coin.balanceOf(alice), INITIAL);
        assertEq(coin.factory(), address(factory));
        assertEq(coin.releaseAt(1), 100_000e18);
        assertTrue(coin.isRevenueExcluded(address(pool)));
        assertEq(pool.coin(), address(coin));
        assertEq(pool.baseToken(), address(usd));
        assertTrue(pool.hasRole(pool.DEFAULT_ADMIN_ROLE(), admin));
        assertEq(factory.coinOf(ID), address(coin));
        assertEq(factory.poolOf(address(coin)), address(pool));
        assertEq(factory.coinCount(), 1);
        assertEq(factory.coinAt(0), address(coin));
    }

    function test_launch_notCreatorReverts() public {
        _report(ID, alice, 1_000);
        vm.expectRevert(abi.encodeWithSelector(ICreatorCoinFactory.NotCreator.selector, ID, bob, alice));
        vm.prank(bob);
        factory.launch(ID, "X", "X", INITIAL, new uint256[](0), 1_000);
    }

    function test_launch_unknownCreatorReverts() public {
        vm.expectRevert(abi.encodeWithSelector(ICreatorCoinFactory.NotCreator.selector, ID, address(0), address(0)));
        vm.prank(address(0));
        factory.launch(ID, "X", "X", INITIAL, new uint256[](0), 1_000);
    }

    function test_launch_beforeMilestoneReverts() public {
        _report(ID, alice, 999);
        vm.expectRevert(abi.encodeWithSelector(ICreatorCoinFactory.LaunchMilestoneNotReached.selector, ID, 0));
        _launch();
    }

    function test_launch_followsGovernedLaunchIndex() public {
        vm.prank(admin);
        oracle.setLaunchMilestoneIndex(1);
        _report(ID, alice, 1_000);
        vm.expectRevert(abi.encodeWithSelector(ICreatorCoinFactory.LaunchMilestoneNotReached.selector, ID, 1));
        _launch();
        _report(ID, alice, 5_000);
        (CreatorCoin coin,) = _launch();
        // The schedule starts after the launch milestone of the time.
        assertEq(coin.releaseAt(1), 0);
        assertEq(coin.releaseAt(2), 100_000e18);
    }

    function test_launch_twiceReverts() public {
        _report(ID, alice, 1_000);
        (CreatorCoin coin,) = _launch();
        vm.expectRevert(abi.encodeWithSelector(ICreatorCoinFactory.AlreadyLaunched.selector, ID, address(coin)));
        _launch();
    }

    function test_launch_invalidScheduleBubblesUp() public {
        _report(ID, alice, 1_000);
        vm.expectRevert(abi.encodeWithSelector(ICreatorCoin.InvalidHolderShare.selector, 10_001));
        vm.prank(alice);
        factory.launch(ID, "X", "X", INITIAL, new uint256[](0), 10_001);
    }

    function test_launch_poolGetsDefaultParams() public {
        _report(ID, alice, 1_000);
        (, CreatorPool pool) = _launch();
        assertEq(abi.encode(pool.params()), abi.encode(_params()));
    }

    function test_setDefaultPoolParams_appliesToNewPoolsOnly() public {
        _report(ID, alice, 1_000);
        (, CreatorPool first) = _launch();
        ICreatorPool.PoolParams memory p = _params();
        (p.swapFeeBps, p.cooldown, p.maxPriceMoveBps) = (100, 60, 0);
        vm.expectEmit(address(factory));
        emit ICreatorCoinFactory.DefaultPoolParamsUpdated(p);
        vm.prank(admin);
        factory.setDefaultPoolParams(p);
        assertEq(abi.encode(factory.defaultPoolParams()), abi.encode(p));
        assertEq(abi.encode(first.params()), abi.encode(_params()), "existing pool keeps its parameters");
        bytes32 bobId = keccak256("creator:bob");
        _report(bobId, bob, 1_000);
        vm.prank(bob);
        (, address second) = factory.launch(bobId, "Bob Coin", "BOB", INITIAL, new uint256[](0), 1_000);
        assertEq(abi.encode(CreatorPool(second).params()), abi.encode(p));
    }

    function test_setDefaultPoolParams_guards() public {
        ICreatorPool.PoolParams memory p = _params();
        vm.expectRevert(
            abi.encodeWithSelector(IAccessControl.AccessControlUnauthorizedAccount.selector, alice, bytes32(0))
        );
        vm.prank(alice);
        factory.setDefaultPoolParams(p);
        // Validated like the pool's: every rule refused with InvalidPoolParams.
        ICreatorPool.PoolParams[5] memory bad;
        for (uint256 i; i < 5; ++i) bad[i] = _params();
        bad[0].swapFeeBps = 1_001;
        bad[1].protocolShareBps = 10_001;
        bad[2].maxPriceImpactBps = 10_001;
        bad[3].breakerWindow = 0;
        bad[4].coolOff = 0;
        for (uint256 i; i < 5; ++i) {
            vm.expectRevert(ICreatorCoinFactory.InvalidPoolParams.selector);
            vm.prank(admin);
            factory.setDefaultPoolParams(bad[i]);
        }
        // At the limits: accepted.
        (p.swapFeeBps, p.protocolShareBps, p.maxPriceImpactBps, p.breakerWindow, p.coolOff) = (1_000, 10_000, 10_000, 1, 1);
        vm.prank(admin);
        factory.setDefaultPoolParams(p);
    }

    /// @notice End to end: liquidity and swaps move coins through the excluded pool; revenue goes
    /// to holders only, pro rata to what they hold outside the pool.
    function test_launch_poolLiquidityDoesNotDiluteHolders() public {
        _report(ID, alice, 1_000);
        (CreatorCoin coin, CreatorPool pool) = _launch();
        usd.mint(alice, 100_000e6);
        vm.startPrank(alice);
        coin.approve(address(pool), 500_000e18);
        usd.approve(address(pool), 100_000e6);
        pool.addLiquidity(500_000e18, 100_000e6, 0, 0, alice, block.timestamp);
        vm.stopPrank();
        usd.mint(bob, 1_000e6);
        vm.startPrank(bob);
        usd.approve(address(pool), 1_000e6);
        uint256 bought = pool.swapExactIn(address(usd), 1_000e6, 0, bob, block.timestamp);
        vm.stopPrank();
        assertEq(coin.eligibleSupply(), 500_000e18 + bought);

        usd.mint(alice, 10_000e6);
        vm.startPrank(alice);
        usd.approve(address(coin), 10_000e6);
        coin.depositRevenue(10_000e6);
        vm.stopPrank();
        assertEq(coin.claimableRevenue(address(pool)), 0);
        uint256 bobShare = 1_000e6 * bought / (500_000e18 + bought);
        assertApproxEqAbs(coin.claimableRevenue(bob), bobShare, 1);
    }

    // ───────────────────────────── admin ─────────────────────────────

    function test_setFeeRecipient_appliesToNewPools() public {
        address newSplitter = makeAddr("newSplitter");
        vm.expectEmit(address(factory));
        emit ICreatorCoinFactory.FeeRecipientUpdated(splitter, newSplitter);
        vm.prank(admin);
        factory.setFeeRecipient(newSplitter);
        assertEq(factory.feeRecipient(), newSplitter);
        _report(ID, alice, 1_000);
        (, CreatorPool pool) = _launch();
        assertEq(pool.feeRecipient(), newSplitter);
    }

    function test_setFeeRecipient_guards() public {
        vm.expectRevert(
            abi.encodeWithSelector(IAccessControl.AccessControlUnauthorizedAccount.selector, bob, bytes32(0))
        );
        vm.prank(bob);
        factory.setFeeRecipient(bob);
        vm.expectRevert(ICreatorCoinFactory.ZeroAddress.selector);
        vm.prank(admin);
        factory.setFeeRecipient(address(0));
    }

    function test_setRevenueExcluded_forwardsToCoin() public {
        _report(ID, alice, 1_000);
        (CreatorCoin coin,) = _launch();
        address pair = makeAddr("externalPair");
        vm.prank(admin);
        factory.setRevenueExcluded(address(coin), pair, true);
        assertTrue(coin.isRevenueExcluded(pair));
        vm.expectRevert(abi.encodeWithSelector(ICreatorCoinFactory.UnknownCoin.selector, address(usd)));
        vm.prank(admin);
        factory.setRevenueExcluded(address(usd), pair, true);
        vm.expectRevert(
            abi.encodeWithSelector(IAccessControl.AccessControlUnauthorizedAccount.selector, alice, bytes32(0))
        );
        vm.prank(alice);
        factory.setRevenueExcluded(address(coin), pair, false);
    }

    // ───────────────────────────── premium access ─────────────────────────────

    function test_hasPremiumAccess_byCoinBalance() public {
        _report(ID, alice, 1_000);
        (CreatorCoin coin,) = _launch();
        vm.prank(alice);
        assertTrue(coin.transfer(bob, 100e18));
        assertTrue(factory.hasPremiumAccess(address(coin), bob, 100e18, 0));
        assertFalse(factory.hasPremiumAccess(address(coin), bob, 100e18 + 1, 0));
        assertFalse(factory.hasPremiumAccess(address(coin), bob, 0, 0), "minBalance 0: the coin path is off");
        // A token not launched here never counts.
        usd.mint(bob, 1e30);
        assertFalse(factory.hasPremiumAccess(address(usd), bob, 1, 0));
    }

    function test_hasPremiumAccess_byBadgeTierOrHigher() public {
        stats.setStats(bob, 1_000, 1_000, 5_000); // meets Bronze, Gold, Platinum
        assertFalse(factory.hasPremiumAccess(address(0), bob, 0, 1));
        vm.prank(bob);
        badges.claim(IWorxBadges.Tier.Gold);
        assertTrue(factory.hasPremiumAccess(address(0), bob, 0, uint8(IWorxBadges.Tier.Bronze)));
        assertTrue(factory.hasPremiumAccess(address(0), bob, 0, uint8(IWorxBadges.Tier.Gold)));
        assertFalse(factory.hasPremiumAccess(address(0), bob, 0, uint8(IWorxBadges.Tier.Platinum)));
        assertFalse(factory.hasPremiumAccess(address(0), bob, 0, 0), "tier 0: badges not accepted");
        assertFalse(factory.hasPremiumAccess(address(0), bob, 0, 6), "no such tier");
    }

    function test_hasPremiumAccess_withoutBadgesContract() public {
        CreatorCoinFactory f = new CreatorCoinFactory(
            admin, address(oracle), address(usd), address(0), splitter, address(deployer), _params()
        );
        assertFalse(f.hasPremiumAccess(address(0), bob, 0, 1));
    }

    // ───────────────────────────── front-running ─────────────────────────────

    /// @notice Nobody can squat a creator's coin address or pre-empt the launch: CREATE2 addresses
    /// include the deployer, so the same salt used from another address lands elsewhere, and pools
    /// made through the (permissionless) pool deployer for the future coin are never linked to it.
    function test_launch_notBlockedByForeignDeployments() public {
        _report(ID, alice, 1_000);
        ICreatorCoin.CoinConfig memory config = ICreatorCoin.CoinConfig({
            creatorId: ID,
            creator: alice,
            oracle: address(oracle),
            baseToken: address(usd),
            holderShareBps: 1_000,
            initialSupply: INITIAL,
            firstReleaseIndex: 1,
            releaseAmounts: _releases()
        });
        bytes32 initHash =
            keccak256(abi.encodePacked(type(CreatorCoin).creationCode, abi.encode("Alice Coin", "ALICE", config)));
        address predicted = vm.computeCreate2Address(ID, initHash, address(factory));
        // The attacker deploys the same code with the same salt, and a pool for the future coin.
        vm.startPrank(bob);
        CreatorCoin squat = new CreatorCoin{salt: ID}("Alice Coin", "ALICE", config);
        address foreignPool = deployer.deployPool(predicted, address(usd), bob, bob, _params());
        vm.stopPrank();
        assertTrue(address(squat) != predicted, "another deployer, another address");

        (CreatorCoin coin, CreatorPool pool) = _launch();
        assertEq(address(coin), predicted);
        assertTrue(address(pool) != foreignPool);
        assertEq(factory.poolOf(address(coin)), address(pool), "only the factory's pool is linked");
        assertTrue(coin.isRevenueExcluded(address(pool)));
        assertFalse(coin.isRevenueExcluded(foreignPool));
        assertTrue(pool.hasRole(pool.DEFAULT_ADMIN_ROLE(), admin));
        assertFalse(pool.hasRole(pool.DEFAULT_ADMIN_ROLE(), bob));
        // The squatted coin is unknown to the factory: no premium access, no admin forwarding.
        assertFalse(factory.hasPremiumAccess(address(squat), alice, 1, 0));
        vm.prank(admin);
        vm.expectRevert(abi.encodeWithSelector(ICreatorCoinFactory.UnknownCoin.selector, address(squat)));
        factory.setRevenueExcluded(address(squat), alice, true);
    }
}
