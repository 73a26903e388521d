// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {Test, Vm} from "forge-std/Test.sol";
import {IAccessControl} from "@openzeppelin/contracts/access/IAccessControl.sol";
import {MetricsOracle} from "../../../contracts/dex/MetricsOracle.sol";
import {IMetricsOracle} from "../../../contracts/interfaces/IMetricsOracle.sol";

contract MetricsOracleTest is Test {
    uint32 internal constant MAX_AGE = 1 hours;
    bytes32 internal constant ID = keccak256("creator:alice");

    MetricsOracle internal oracle;
    address internal admin = makeAddr("multisig");
    address internal reporter = makeAddr("reporter");
    address internal alice = makeAddr("alice");

    function setUp() public {
        vm.warp(1_700_000_000);
        oracle = new MetricsOracle(admin, MAX_AGE);
        bytes32 role = oracle.REPORTER_ROLE();
        vm.prank(admin);
        oracle.grantRole(role, reporter);
    }

    function _report(uint64 followers, uint64 observedAt, uint64 nonce) internal {
        vm.prank(reporter);
        oracle.report(ID, alice, 10 * followers, followers, 250, observedAt, nonce);
    }

    // ───────────────────────────── constructor ─────────────────────────────

    function test_constructor_setsDefaults() public view {
        uint64[] memory t = oracle.milestoneThresholds();
        assertEq(t.length, 6);
        assertEq(t[0], 1_000);
        assertEq(t[1], 5_000);
        assertEq(t[2], 10_000);
        assertEq(t[3], 20_000);
        assertEq(t[4], 50_000);
        assertEq(t[5], 100_000);
        assertEq(oracle.launchMilestoneIndex(), 0);
        assertEq(oracle.maxAge(), MAX_AGE);
        assertTrue(oracle.hasRole(oracle.DEFAULT_ADMIN_ROLE(), admin));
    }

    function test_constructor_zeroMaxAgeReverts() public {
        vm.expectRevert(IMetricsOracle.InvalidMaxAge.selector);
        new MetricsOracle(admin, 0);
    }

    // ───────────────────────────── report ─────────────────────────────

    function test_report_storesMetricsAndBindsCreator() public {
        vm.expectEmit(address(oracle));
        emit IMetricsOracle.MetricsReported(ID, alice, reporter, 5_000, 500, 250, uint64(block.timestamp), 1);
        _report(500, uint64(block.timestamp), 1);
        IMetricsOracle.Metrics memory m = oracle.metrics(ID);
        assertEq(m.plays, 5_000);
        assertEq(m.followers, 500);
        assertEq(m.engagementBps, 250);
        assertEq(m.observedAt, block.timestamp);
        assertEq(oracle.creatorOf(ID), alice);
        assertEq(oracle.lastNonce(ID), 1);
        assertEq(oracle.milestonesReached(ID), 0);
        assertFalse(oracle.hasReachedLaunch(ID));
    }

    function test_report_notReporterReverts() public {
        vm.expectRevert(
            abi.encodeWithSelector(IAccessControl.AccessControlUnauthorizedAccount.selector, alice, oracle.REPORTER_ROLE())
        );
        vm.prank(alice);
        oracle.report(ID, alice, 0, 0, 0, uint64(block.timestamp), 1);
    }

    function test_report_zeroCreatorReverts() public {
        vm.expectRevert(IMetricsOracle.ZeroCreator.selector);
        vm.prank(reporter);
        oracle.report(ID, address(0), 0, 0, 0, uint64(block.timestamp), 1);
    }

    function test_report_otherWalletReverts() public {
        _report(1, uint64(block.timestamp - 10), 1);
        address bob = makeAddr("bob");
        vm.expectRevert(abi.encodeWithSelector(IMetricsOracle.CreatorMismatch.selector, ID, alice, bob));
        vm.prank(reporter);
        oracle.report(ID, bob, 0, 0, 0, uint64(block.timestamp), 2);
    }

    function test_report_zeroNonceReverts() public {
        vm.expectRevert(abi.encodeWithSelector(IMetricsOracle.NonceNotIncreasing.selector, ID, 0, 0));
        _report(1, uint64(block.timestamp), 0);
    }

    function test_report_replayedNonceReverts() public {
        _report(1, uint64(block.timestamp - 10), 5);
        vm.expectRevert(abi.encodeWithSelector(IMetricsOracle.NonceNotIncreasing.selector, ID, 5, 5));
        _report(2, uint64(block.timestamp), 5);
        vm.expectRevert(abi.encodeWithSelector(IMetricsOracle.NonceNotIncreasing.selector, ID, 4, 5));
        _report(2, uint64(block.timestamp), 4);
        _report(2, uint64(block.timestamp), 6);
    }

    function test_report_sameOrEarlierObservationReverts() public {
        uint64 t = uint64(block.timestamp - 10);
        _report(1, t, 1);
        vm.expectRevert(abi.encodeWithSelector(IMetricsOracle.ObservationNotIncreasing.selector, ID, t, t));
        _report(2, t, 2);
        vm.expectRevert(abi.encodeWithSelector(IMetricsOracle.ObservationNotIncreasing.selector, ID, t - 1, t));
        _report(2, t - 1, 2);
        _report(2, t + 1, 2);
    }

    function test_report_futureObservationReverts() public {
        uint64 t = uint64(block.timestamp + 1);
        vm.expectRevert(abi.encodeWithSelector(IMetricsOracle.ObservationInFuture.selector, t, block.timestamp));
        _report(1, t, 1);
    }

    function test_report_staleAtExactBoundary() public {
        uint64 oldest = uint64(block.timestamp - MAX_AGE);
        vm.expectRevert(abi.encodeWithSelector(IMetricsOracle.StaleObservation.selector, oldest - 1, oldest));
        _report(1, oldest - 1, 1);
        _report(1, oldest, 1); // exactly maxAge old: accepted
        assertEq(oracle.metrics(ID).observedAt, oldest);
    }

    function test_report_earlyChainNeverUnderflows() public {
        vm.warp(100); // now < maxAge
        _report(1, 0 + 1, 1);
        assertEq(oracle.metrics(ID).observedAt, 1);
    }

    function test_report_emitsEachMilestoneOnce() public {
        vm.recordLogs();
        _report(10_000, uint64(block.timestamp - 3), 1); // reaches 1k, 5k, 10k at once
        Vm.Log[] memory logs = vm.getRecordedLogs();
        bytes32 topic = IMetricsOracle.MilestoneReached.selector;
        uint256 seen;
        for (uint256 i; i < logs.length; ++i) {
            if (logs[i].topics[0] != topic) continue;
            assertEq(uint256(logs[i].topics[2]), seen, "ascending indices");
            ++seen;
        }
        assertEq(seen, 3);
        assertEq(oracle.milestonesReached(ID), 3);
        assertTrue(oracle.isMilestoneReached(ID, 2));
        assertFalse(oracle.isMilestoneReached(ID, 3));
        assertTrue(oracle.hasReachedLaunch(ID));

        // Same followers again: nothing new.
        vm.recordLogs();
        _report(10_000, uint64(block.timestamp - 2), 2);
        logs = vm.getRecordedLogs();
        for (uint256 i; i < logs.length; ++i) {
            assertTrue(logs[i].topics[0] != topic, "no milestone twice");
        }
    }

    function test_report_milestoneAtExactThreshold() public {
        _report(999, uint64(block.timestamp - 2), 1);
        assertEq(oracle.milestonesReached(ID), 0);
        vm.expectEmit(address(oracle));
        emit IMetricsOracle.MilestoneReached(ID, 0, 1_000);
        _report(1_000, uint64(block.timestamp - 1), 2);
        assertEq(oracle.milestonesReached(ID), 1);
    }

    function test_report_fallingFollowersKeepMilestones() public {
        _report(20_000, uint64(block.timestamp - 3), 1);
        assertEq(oracle.milestonesReached(ID), 4);
        _report(10, uint64(block.timestamp - 2), 2);
        assertEq(oracle.milestonesReached(ID), 4);
        assertEq(oracle.metrics(ID).followers, 10);
        vm.expectEmit(address(oracle));
        emit IMetricsOracle.MilestoneReached(ID, 4, 50_000);
        _report(60_000, uint64(block.timestamp - 1), 3);
        assertEq(oracle.milestonesReached(ID), 5);
    }

    function test_report_beyondLastMilestone() public {
        vm.prank(reporter);
        oracle.report(ID, alice, type(uint64).max, type(uint64).max, type(uint64).max, uint64(block.timestamp), 1);
        assertEq(oracle.milestonesReached(ID), 6);
    }

    /// @notice Whatever the follower path, the reached count is the number of thresholds ever met
    /// by the running maximum.
    function testFuzz_report_reachedMatchesRunningMax(uint64[8] memory followers) public {
        uint64 best;
        uint64[] memory t = oracle.milestoneThresholds();
        for (uint256 i; i < followers.length; ++i) {
            uint64 f = uint64(bound(followers[i], 0, 200_000));
            if (f > best) best = f;
            _report(f, uint64(block.timestamp), uint64(i + 1));
            vm.warp(block.timestamp + 1);
            uint256 expected;
            while (expected < t.length && t[expected] <= best) ++expected;
            assertEq(oracle.milestonesReached(ID), expected);
        }
    }

    // ───────────────────────────── admin ─────────────────────────────

    function test_addMilestones_appendsAndLaterReportReachesThem() public {
        _report(300_000, uint64(block.timestamp - 1), 1);
        assertEq(oracle.milestonesReached(ID), 6);
        uint64[] memory more = new uint64[](2);
        (more[0], more[1]) = (200_000, 500_000);
        vm.expectEmit(address(oracle));
        emit IMetricsOracle.MilestoneAdded(6, 200_000);
        vm.prank(admin);
        oracle.addMilestones(more);
        assertEq(oracle.milestoneCount(), 8);
        assertEq(oracle.milestonesReached(ID), 6, "reached at the next report");
        vm.expectEmit(address(oracle));
        emit IMetricsOracle.MilestoneReached(ID, 6, 200_000);
        _report(300_000, uint64(block.timestamp), 2);
        assertEq(oracle.milestonesReached(ID), 7);
    }

    function test_addMilestones_invalidReverts() public {
        uint64[] memory none = new uint64[](0);
        vm.startPrank(admin);
        vm.expectRevert(abi.encodeWithSelector(IMetricsOracle.InvalidThreshold.selector, 6, 0));
        oracle.addMilestones(none);
        uint64[] memory notAbove = new uint64[](1);
        notAbove[0] = 100_000;
        vm.expectRevert(abi.encodeWithSelector(IMetricsOracle.InvalidThreshold.selector, 6, 100_000));
        oracle.addMilestones(notAbove);
        uint64[] memory notAscending = new uint64[](2);
        (notAscending[0], notAscending[1]) = (200_000, 200_000);
        vm.expectRevert(abi.encodeWithSelector(IMetricsOracle.InvalidThreshold.selector, 7, 200_000));
        oracle.addMilestones(notAscending);
        vm.stopPrank();
    }

    function test_addMilestones_boundedByMax() public {
        uint256 room = oracle.MAX_MILESTONES() - 6;
        uint64[] memory more = new uint64[](room + 1);
        for (uint256 i; i < more.length; ++i) {
            more[i] = uint64(200_000 + i);
        }
        vm.expectRevert(abi.encodeWithSelector(IMetricsOracle.InvalidThreshold.selector, 64, more[room]));
        vm.prank(admin);
        oracle.addMilestones(more);
    }

    function test_addMilestones_notAdminReverts() public {
        uint64[] memory more = new uint64[](1);
        more[0] = 200_000;
        vm.expectRevert(
            abi.encodeWithSelector(IAccessControl.AccessControlUnauthorizedAccount.selector, reporter, bytes32(0))
        );
        vm.prank(reporter);
        oracle.addMilestones(more);
    }

    function test_setLaunchMilestoneIndex_gatesLaunch() public {
        _report(1_000, uint64(block.timestamp), 1);
        assertTrue(oracle.hasReachedLaunch(ID));
        vm.expectEmit(address(oracle));
        emit IMetricsOracle.LaunchMilestoneIndexUpdated(0, 1);
        vm.prank(admin);
        oracle.setLaunchMilestoneIndex(1);
        assertFalse(oracle.hasReachedLaunch(ID));
    }

    function test_setLaunchMilestoneIndex_outOfRangeReverts() public {
        vm.expectRevert(abi.encodeWithSelector(IMetricsOracle.InvalidLaunchMilestone.selector, 6, 6));
        vm.prank(admin);
        oracle.setLaunchMilestoneIndex(6);
    }

    function test_setMaxAge_updatesAndRejectsZero() public {
        vm.startPrank(admin);
        vm.expectEmit(address(oracle));
        emit IMetricsOracle.MaxAgeUpdated(MAX_AGE, 60);
        oracle.setMaxAge(60);
        vm.expectRevert(IMetricsOracle.InvalidMaxAge.selector);
        oracle.setMaxAge(0);
        vm.stopPrank();
        uint64 oldest = uint64(block.timestamp - 60);
        vm.expectRevert(abi.encodeWithSelector(IMetricsOracle.StaleObservation.selector, oldest - 1, oldest));
        _report(1, oldest - 1, 1);
    }
}
