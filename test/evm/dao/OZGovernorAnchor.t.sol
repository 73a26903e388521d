// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {Test} from "forge-std/Test.sol";
import {IGovernor} from "@openzeppelin/contracts/governance/IGovernor.sol";
import {TimelockController} from "@openzeppelin/contracts/governance/TimelockController.sol";
import {OZGovernorAnchor} from "../../../contracts/anchors/OZGovernorAnchor.sol";
import {OZVotesTokenAnchor} from "../../../contracts/anchors/OZVotesTokenAnchor.sol";
import {DemoStablecoin} from "../../../contracts/test-doubles/DemoStablecoin.sol";

/// @notice The bench anchors work as the unmodified OpenZeppelin stack they stand for: same
/// settings as WorxGovernor, one full treasury-spend cycle (so `--gas-stats` shows the anchors'
/// propose / castVote / queue / execute / delegate beside WorxGovernor's).
contract OZGovernorAnchorTest is Test {
    OZVotesTokenAnchor internal token;
    TimelockController internal timelock;
    OZGovernorAnchor internal governor;

    function setUp() public {
        vm.warp(1_700_000_000);
        token = new OZVotesTokenAnchor();
        address[] memory none = new address[](0);
        address[] memory anyone = new address[](1);
        timelock = new TimelockController(2 days, none, anyone, address(this));
        governor = new OZGovernorAnchor(token, timelock, 1 days, 5 days, 1_000e18, 4);
        timelock.grantRole(timelock.PROPOSER_ROLE(), address(governor));
        timelock.grantRole(timelock.CANCELLER_ROLE(), address(governor));
        timelock.renounceRole(timelock.DEFAULT_ADMIN_ROLE(), address(this));
    }

    function test_anchor_timestampClockAndSettings() public view {
        assertEq(token.CLOCK_MODE(), "mode=timestamp");
        assertEq(token.clock(), uint48(block.timestamp));
        assertEq(governor.CLOCK_MODE(), "mode=timestamp");
        assertEq(governor.votingDelay(), 1 days);
        assertEq(governor.votingPeriod(), 5 days);
        assertEq(governor.proposalThreshold(), 1_000e18);
        assertEq(governor.quorumNumerator(), 4);
        assertEq(governor.timelock(), address(timelock));
    }

    function test_anchor_fullTreasurySpendCycle() public {
        address voter = makeAddr("voter");
        address grantee = makeAddr("grantee");
        DemoStablecoin usd = new DemoStablecoin("Demo USD", "dUSD");
        usd.mint(address(timelock), 1_000e18);
        token.mint(voter, 100_000e18);
        vm.prank(voter);
        token.delegate(voter);
        vm.warp(block.timestamp + 1);

        address[] memory targets = new address[](1);
        targets[0] = address(usd);
        uint256[] memory values = new uint256[](1);
        bytes[] memory calldatas = new bytes[](1);
        calldatas[0] = abi.encodeCall(usd.transfer, (grantee, 400e18));
        string memory description = "# Anchor grant";
        vm.prank(voter);
        uint256 id = governor.propose(targets, values, calldatas, description);
        vm.warp(governor.proposalSnapshot(id) + 1);
        vm.prank(voter);
        governor.castVote(id, 1);
        vm.warp(governor.proposalDeadline(id) + 1);
        governor.queue(targets, values, calldatas, keccak256(bytes(description)));
        vm.warp(block.timestamp + 2 days);
        governor.execute(targets, values, calldatas, keccak256(bytes(description)));
        assertEq(uint8(governor.state(id)), uint8(IGovernor.ProposalState.Executed));
        assertEq(usd.balanceOf(grantee), 400e18);
    }
}
