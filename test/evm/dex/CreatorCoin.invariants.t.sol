// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {Test, Vm} from "forge-std/Test.sol";
import {CreatorCoin} from "../../../contracts/dex/CreatorCoin.sol";
import {MetricsOracle} from "../../../contracts/dex/MetricsOracle.sol";
import {ICreatorCoin} from "../../../contracts/interfaces/ICreatorCoin.sol";
import {DemoStablecoin} from "../../../contracts/test-doubles/DemoStablecoin.sol";

/**
 * @notice Drives a {CreatorCoin} (this handler is its factory) through transfers among five
 * accounts (one of them a pool, excluded from the start), revenue deposits of any size, claims,
 * exclusion switches and milestone releases, and keeps a reference model: at each deposit, every
 * eligible account's exact share `holderAmount * balance / eligibleSupply` (scaled by 1e18).
 * @dev Every action either performs a call that must succeed or asserts the exact revert expected,
 * so the suite runs with `failOnRevert`.
 */
contract CoinHandler is Test {
    bytes32 internal constant ID = keccak256("creator:alice");
    bytes32 internal constant DEPOSITED = keccak256("RevenueDeposited(address,uint256,uint256,uint256)");
    uint256 internal constant SCALE = 1e18;

    CreatorCoin public immutable coin;
    MetricsOracle public immutable oracle;
    DemoStablecoin public immutable usd;
    address public immutable creator;
    address public immutable reporter;
    address[] public actors;
    uint64 internal _nonce;

    uint256 public totalDeposited;
    uint256 public totalCreatorShare;
    uint256 public totalPaid;
    mapping(address account => uint256) public paid;
    /// @notice Reference model: exact holder revenue earned, scaled by 1e18.
    mapping(address account => uint256) public expectedScaled;
    mapping(bytes32 action => uint256) public calls;

    constructor(MetricsOracle oracle_, DemoStablecoin usd_, address reporter_) {
        oracle = oracle_;
        usd = usd_;
        reporter = reporter_;
        creator = makeAddr("alice");
        actors.push(creator);
        actors.push(makeAddr("bob"));
        actors.push(makeAddr("carol"));
        actors.push(makeAddr("dave"));
        actors.push(makeAddr("pool"));
        _report(1_000);
        uint256[] memory releases = new uint256[](3);
        (releases[0], releases[1], releases[2]) = (100_000e18, 0, 5_000_000e18);
        coin = new CreatorCoin(
            "Alice Coin",
            "ALICE",
            ICreatorCoin.CoinConfig({
                creatorId: ID,
                creator: creator,
                oracle: address(oracle_),
                baseToken: address(usd_),
                holderShareBps: 1_000,
                initialSupply: 1_000_000e18,
                firstReleaseIndex: 1,
                releaseAmounts: releases
            })
        );
        coin.setRevenueExcluded(actors[4], true);
    }

    function actorCount() external view returns (uint256) {
        return actors.length;
    }

    // ───────────────────────────── actions ─────────────────────────────

    function transfer(uint256 fromSeed, uint256 toSeed, uint256 amount) external {
        address from = actors[fromSeed % actors.length];
        address to = actors[toSeed % actors.length];
        uint256 balance = coin.balanceOf(from);
        // One time in eight: the whole balance (empties accounts, the pool included).
        amount = amount % 8 == 0 ? balance : _bound(amount, 0, balance);
        vm.prank(from);
        assertTrue(coin.transfer(to, amount));
        ++calls["transfer"];
    }

    function deposit(uint256 amount, bool huge) external {
        amount = huge ? _bound(amount, 1, 1e30) : _bound(amount, 1, 1e12);
        usd.mint(address(this), amount);
        usd.approve(address(coin), amount);
        // Eligible balances at deposit time, for the model.
        uint256 eligible = coin.eligibleSupply();
        vm.recordLogs();
        coin.depositRevenue(amount);
        Vm.Log[] memory logs = vm.getRecordedLogs();
        uint256 holderAmount;
        uint256 creatorAmount;
        for (uint256 i; i < logs.length; ++i) {
            if (logs[i].emitter == address(coin) && logs[i].topics[0] == DEPOSITED) {
                (, holderAmount, creatorAmount) = abi.decode(logs[i].data, (uint256, uint256, uint256));
            }
        }
        assertEq(holderAmount + creatorAmount, amount, "split adds up");
        totalDeposited += amount;
        totalCreatorShare += creatorAmount;
        if (holderAmount != 0) {
            for (uint256 i; i < actors.length; ++i) {
                address a = actors[i];
                if (coin.isRevenueExcluded(a)) continue;
                expectedScaled[a] += holderAmount * coin.balanceOf(a) * SCALE / eligible;
            }
        }
        ++calls[holderAmount == 0 ? bytes32("deposit (creator only)") : bytes32("deposit")];
    }

    function claim(uint256 seed) external {
        address a = actors[seed % actors.length];
        uint256 due = coin.claimableRevenue(a);
        if (due == 0) {
            vm.expectRevert(abi.encodeWithSelector(ICreatorCoin.NothingToClaim.selector, a));
            vm.prank(a);
            coin.claimRevenue();
            ++calls["claim (nothing)"];
            return;
        }
        uint256 before = usd.balanceOf(a);
        vm.prank(a);
        assertEq(coin.claimRevenue(), due, "pays what claimable said");
        assertEq(usd.balanceOf(a) - before, due);
        paid[a] += due;
        totalPaid += due;
        ++calls["claim"];
    }

    function toggleExclusion(uint256 seed) external {
        address a = actors[seed % actors.length];
        coin.setRevenueExcluded(a, !coin.isRevenueExcluded(a));
        ++calls["toggleExclusion"];
    }

    function grow(uint64 followers) external {
        _report(uint64(_bound(followers, 0, 30_000)));
        ++calls["grow"];
    }

    function release(uint256 seed) external {
        uint256 index = seed % 5; // 0 and 4: outside the schedule; 2: a zero entry
        if (coin.releaseAt(index) == 0) {
            vm.expectRevert(abi.encodeWithSelector(ICreatorCoin.NothingToRelease.selector, index));
            coin.release(index);
        } else if (coin.isReleased(index)) {
            vm.expectRevert(abi.encodeWithSelector(ICreatorCoin.AlreadyReleased.selector, index));
            coin.release(index);
        } else if (!oracle.isMilestoneReached(ID, index)) {
            vm.expectRevert(abi.encodeWithSelector(ICreatorCoin.MilestoneNotReached.selector, index));
            coin.release(index);
        } else {
            coin.release(index);
            ++calls["release"];
        }
    }

    function _report(uint64 followers) internal {
        vm.warp(block.timestamp + 1);
        vm.prank(reporter);
        oracle.report(ID, creator, 0, followers, 0, uint64(block.timestamp), ++_nonce);
    }
}

contract CreatorCoinInvariantTest is Test {
    CoinHandler internal handler;
    CreatorCoin internal coin;
    DemoStablecoin internal usd;

    function setUp() public {
        vm.warp(1_700_000_000);
        address admin = makeAddr("multisig");
        address reporter = makeAddr("reporter");
        MetricsOracle oracle = new MetricsOracle(admin, 1 hours);
        bytes32 role = oracle.REPORTER_ROLE();
        vm.prank(admin);
        oracle.grantRole(role, reporter);
        usd = new DemoStablecoin("Demo USD", "dUSD");
        handler = new CoinHandler(oracle, usd, reporter);
        coin = handler.coin();

        bytes4[] memory selectors = new bytes4[](7);
        selectors[0] = CoinHandler.transfer.selector;
        selectors[1] = CoinHandler.transfer.selector; // transfers twice as often
        selectors[2] = CoinHandler.deposit.selector;
        selectors[3] = CoinHandler.claim.selector;
        selectors[4] = CoinHandler.toggleExclusion.selector;
        selectors[5] = CoinHandler.grow.selector;
        selectors[6] = CoinHandler.release.selector;
        targetSelector(FuzzSelector({addr: address(handler), selectors: selectors}));
        targetContract(address(handler));
    }

    /**
     * @notice Claims never exceed deposits: the coin holds exactly what was deposited minus what was
     * paid, and that covers everything still claimable.
     * hardhat-config: invariant.runs = 32
     * hardhat-config: invariant.depth = 60
     * hardhat-config: invariant.failOnRevert = true
     */
    function invariant_claimsNeverExceedDeposits() public view {
        uint256 held = usd.balanceOf(address(coin));
        assertEq(held, handler.totalDeposited() - handler.totalPaid(), "held == deposited - paid");
        uint256 claimable;
        for (uint256 i; i < handler.actorCount(); ++i) {
            claimable += coin.claimableRevenue(handler.actors(i));
        }
        assertLe(claimable, held, "claimable covered");
    }

    /**
     * @notice Everything deposited is claimable or claimed, but for rounding dust of at most one
     * unit per account plus one (the carried division remainder; supply stays below 2^96).
     * hardhat-config: invariant.runs = 32
     * hardhat-config: invariant.depth = 60
     * hardhat-config: invariant.failOnRevert = true
     */
    function invariant_claimablePlusClaimedMatchesDeposits() public view {
        uint256 accounted;
        for (uint256 i; i < handler.actorCount(); ++i) {
            accounted += coin.claimableRevenue(handler.actors(i));
        }
        accounted += handler.totalPaid();
        uint256 deposited = handler.totalDeposited();
        assertLe(accounted, deposited, "never more than deposited");
        assertLe(deposited - accounted, handler.actorCount() + 1, "dust bounded by accounts");
    }

    /**
     * @notice Each account's revenue (claimable + claimed, the creator's own share aside) matches
     * the reference model of exact pro-rata shares at each deposit, across transfers and exclusion
     * switches, within 2 units.
     * hardhat-config: invariant.runs = 32
     * hardhat-config: invariant.depth = 60
     * hardhat-config: invariant.failOnRevert = true
     */
    function invariant_perAccountMatchesProRataModel() public view {
        for (uint256 i; i < handler.actorCount(); ++i) {
            address a = handler.actors(i);
            uint256 earned = coin.claimableRevenue(a) + handler.paid(a);
            if (a == handler.creator()) earned -= handler.totalCreatorShare();
            assertApproxEqAbs(earned, handler.expectedScaled(a) / 1e18, 2, "pro rata");
        }
    }

    /**
     * @notice The eligible supply is the balances of the accounts not excluded.
     * hardhat-config: invariant.runs = 32
     * hardhat-config: invariant.depth = 60
     * hardhat-config: invariant.failOnRevert = true
     */
    function invariant_eligibleSupplyMatchesBalances() public view {
        uint256 eligible;
        uint256 total;
        for (uint256 i; i < handler.actorCount(); ++i) {
            address a = handler.actors(i);
            total += coin.balanceOf(a);
            if (!coin.isRevenueExcluded(a)) eligible += coin.balanceOf(a);
        }
        assertEq(total, coin.totalSupply(), "all coins among the actors");
        assertEq(coin.eligibleSupply(), eligible);
    }
}
