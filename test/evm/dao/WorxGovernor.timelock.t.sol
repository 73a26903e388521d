// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IAccessControl} from "@openzeppelin/contracts/access/IAccessControl.sol";
import {IGovernor} from "@openzeppelin/contracts/governance/IGovernor.sol";
import {TimelockController} from "@openzeppelin/contracts/governance/TimelockController.sol";
import {GovernorSettings} from "@openzeppelin/contracts/governance/extensions/GovernorSettings.sol";
import {GovernorTimelockControl} from "@openzeppelin/contracts/governance/extensions/GovernorTimelockControl.sol";
import {GovernorVotesQuorumFraction} from "@openzeppelin/contracts/governance/extensions/GovernorVotesQuorumFraction.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {FeeSplitter} from "../../../contracts/dao/FeeSplitter.sol";
import {IFeeSplitter} from "../../../contracts/interfaces/IFeeSplitter.sol";
import {IWorxGovernor} from "../../../contracts/interfaces/IWorxGovernor.sol";
import {WorxGovernorFixture} from "./WorxGovernorFixture.sol";

/// @notice The timelock half of the DAO: full treasury-spend and parameter-change proposals, and
/// every way around the vote + delay that an attacker (or an impatient guardian) might try.
contract WorxGovernorTimelockTest is WorxGovernorFixture {
    bytes32 internal constant READY = bytes32(uint256(1) << uint8(TimelockController.OperationState.Ready));

    // ───────────────────────────── full proposals ─────────────────────────────

    function test_execute_treasurySpendMovesErc20AndEth() public {
        address recipient = makeAddr("grantee");
        usd.mint(address(timelock), 10_000e18);
        vm.deal(address(timelock), 5 ether);

        address[] memory targets = new address[](2);
        targets[0] = address(usd);
        targets[1] = recipient;
        uint256[] memory values = new uint256[](2);
        values[1] = 1.5 ether;
        bytes[] memory calldatas = new bytes[](2);
        calldatas[0] = abi.encodeCall(IERC20.transfer, (recipient, 2_500e18));
        calldatas[1] = "";
        Proposal memory p = Proposal(targets, values, calldatas, "# Grant\nPay the grantee 2,500 dUSD and 1.5 ETH.");

        uint256 id = _propose(p);
        assertEq(uint8(governor.state(id)), uint8(IGovernor.ProposalState.Pending));
        _toActive(id);
        _vote(alice, id, FOR);
        _vote(bob, id, FOR);
        _vote(dave, id, AGAINST);
        _toEnd(id);
        assertEq(uint8(governor.state(id)), uint8(IGovernor.ProposalState.Succeeded));

        vm.expectEmit(address(governor));
        emit IGovernor.ProposalQueued(id, block.timestamp + MIN_DELAY);
        _queue(p);
        assertEq(uint8(governor.state(id)), uint8(IGovernor.ProposalState.Queued));
        assertTrue(timelock.isOperationPending(_operationId(p)));

        vm.warp(block.timestamp + MIN_DELAY);
        vm.prank(stranger); // anyone may execute a passed, ripe proposal
        governor.execute(targets, values, calldatas, _hash(p));
        assertEq(uint8(governor.state(id)), uint8(IGovernor.ProposalState.Executed));
        assertEq(usd.balanceOf(recipient), 2_500e18);
        assertEq(usd.balanceOf(address(timelock)), 7_500e18);
        assertEq(recipient.balance, 1.5 ether);
        assertEq(address(timelock).balance, 3.5 ether);
        assertEq(address(governor).balance, 0);
    }

    function test_execute_parameterChangeSetDaoShare() public {
        Proposal memory p = _single(
            address(splitter), 0, abi.encodeCall(IFeeSplitter.setDaoShare, (6_000)), "# Fee split 60/40"
        );
        _passAndQueue(p);
        vm.expectEmit(address(splitter));
        emit IFeeSplitter.DaoShareUpdated(7_000, 6_000);
        _execute(p);
        assertEq(splitter.daoShareBps(), 6_000);

        usd.mint(address(splitter), 1_000);
        splitter.distribute(address(usd));
        assertEq(splitter.owed(address(timelock), address(usd)), 600);
        assertEq(splitter.owed(operations, address(usd)), 400);
        // The treasury's share is released to the timelock, which then holds it for the DAO.
        splitter.release(address(usd), address(timelock));
        assertEq(usd.balanceOf(address(timelock)), 600);
    }

    function test_execute_batchOfGovernedParameters() public {
        address rewards = makeAddr("workRewards");
        address[] memory targets = new address[](4);
        uint256[] memory values = new uint256[](4);
        bytes[] memory calldatas = new bytes[](4);
        targets[0] = address(governor);
        calldatas[0] = abi.encodeCall(GovernorSettings.setProposalThreshold, (5_000e18));
        targets[1] = address(governor);
        calldatas[1] = abi.encodeCall(GovernorVotesQuorumFraction.updateQuorumNumerator, (10));
        targets[2] = address(token);
        calldatas[2] = abi.encodeCall(IAccessControl.grantRole, (token.MINTER_ROLE(), rewards));
        targets[3] = address(timelock);
        calldatas[3] = abi.encodeCall(TimelockController.updateDelay, (3 days));
        Proposal memory p = Proposal(targets, values, calldatas, "# Retune the DAO");
        _passAndQueue(p);
        _execute(p);
        assertEq(governor.proposalThreshold(), 5_000e18);
        assertEq(governor.quorumNumerator(), 10);
        assertTrue(token.hasRole(token.MINTER_ROLE(), rewards));
        assertEq(timelock.getMinDelay(), 3 days);
    }

    // ───────────────────────────── bypass attempts ─────────────────────────────

    function test_timelock_directExecuteOfUnscheduledOperationReverts() public {
        usd.mint(address(timelock), 1_000e18);
        bytes memory data = abi.encodeCall(IERC20.transfer, (stranger, 1_000e18));
        bytes32 opId = timelock.hashOperation(address(usd), 0, data, 0, 0);
        vm.prank(stranger);
        vm.expectRevert(abi.encodeWithSelector(TimelockController.TimelockUnexpectedOperationState.selector, opId, READY));
        timelock.execute(address(usd), 0, data, 0, 0);
        assertEq(usd.balanceOf(address(timelock)), 1_000e18);
    }

    function test_timelock_directScheduleAndCancelRevert() public {
        bytes memory data = abi.encodeCall(IFeeSplitter.setDaoShare, (0));
        bytes32 proposerRole = timelock.PROPOSER_ROLE();
        vm.prank(guardian);
        vm.expectRevert(
            abi.encodeWithSelector(IAccessControl.AccessControlUnauthorizedAccount.selector, guardian, proposerRole)
        );
        timelock.schedule(address(splitter), 0, data, 0, 0, MIN_DELAY);

        Proposal memory p = _sample("queued op");
        _passAndQueue(p);
        bytes32 cancellerRole = timelock.CANCELLER_ROLE();
        bytes32 opId = _operationId(p);
        vm.prank(guardian);
        vm.expectRevert(
            abi.encodeWithSelector(IAccessControl.AccessControlUnauthorizedAccount.selector, guardian, cancellerRole)
        );
        timelock.cancel(opId);
    }

    function test_timelock_directExecuteBeforeDelayReverts() public {
        Proposal memory p = _sample("early direct");
        uint256 id = _propose(p);
        _toActive(id);
        _vote(alice, id, FOR);
        _vote(bob, id, FOR);
        _toEnd(id);
        _queue(p);
        vm.warp(block.timestamp + MIN_DELAY - 1);
        bytes32 salt = bytes20(address(governor)) ^ _hash(p);
        vm.prank(stranger);
        vm.expectRevert(
            abi.encodeWithSelector(TimelockController.TimelockUnexpectedOperationState.selector, _operationId(p), READY)
        );
        timelock.executeBatch(p.targets, p.values, p.calldatas, 0, salt);
    }

    function test_execute_beforeDelayReverts() public {
        Proposal memory p = _sample("early");
        uint256 id = _propose(p);
        _toActive(id);
        _vote(alice, id, FOR);
        _vote(bob, id, FOR);
        _toEnd(id);
        _queue(p);
        vm.warp(block.timestamp + MIN_DELAY - 1);
        vm.expectRevert(
            abi.encodeWithSelector(TimelockController.TimelockUnexpectedOperationState.selector, _operationId(p), READY)
        );
        _execute(p);
        vm.warp(block.timestamp + 1); // exactly the eta
        _execute(p);
        assertEq(splitter.daoShareBps(), 6_000);
    }

    function test_execute_withoutQueueReverts() public {
        Proposal memory p = _sample("unqueued");
        uint256 id = _propose(p);
        _toActive(id);
        _vote(alice, id, FOR);
        _vote(bob, id, FOR);
        _toEnd(id);
        // With a timelock OpenZeppelin 5.7 executes Queued proposals only.
        vm.expectRevert(
            _unexpectedState(id, IGovernor.ProposalState.Succeeded, _stateBitmap(IGovernor.ProposalState.Queued))
        );
        _execute(p);
        assertEq(splitter.daoShareBps(), 7_000);
    }

    function test_execute_twiceReverts() public {
        Proposal memory p = _sample("twice");
        uint256 id = _passAndQueue(p);
        _execute(p);
        vm.expectRevert(
            _unexpectedState(id, IGovernor.ProposalState.Executed, _stateBitmap(IGovernor.ProposalState.Queued))
        );
        _execute(p);
    }

    function test_execute_directlyOnTimelockOnceRipeCountsAsExecuted() public {
        // The executor role is open (address(0)): anyone may run an approved, ripe operation on the
        // timelock itself. That is no bypass (the vote and the delay happened) and it runs only once.
        Proposal memory p = _sample("direct ripe");
        uint256 id = _passAndQueue(p);
        bytes32 salt = bytes20(address(governor)) ^ _hash(p);
        vm.prank(stranger);
        timelock.executeBatch(p.targets, p.values, p.calldatas, 0, salt);
        assertEq(splitter.daoShareBps(), 6_000);
        assertEq(uint8(governor.state(id)), uint8(IGovernor.ProposalState.Executed));
        vm.expectRevert(
            _unexpectedState(id, IGovernor.ProposalState.Executed, _stateBitmap(IGovernor.ProposalState.Queued))
        );
        _execute(p);
    }

    function test_queue_defeatedOrActiveReverts() public {
        Proposal memory p = _sample("defeated");
        uint256 id = _propose(p);
        _toActive(id);
        _vote(alice, id, FOR); // one wei short of quorum
        vm.expectRevert(
            _unexpectedState(id, IGovernor.ProposalState.Active, _stateBitmap(IGovernor.ProposalState.Succeeded))
        );
        _queue(p);
        _toEnd(id);
        vm.expectRevert(
            _unexpectedState(id, IGovernor.ProposalState.Defeated, _stateBitmap(IGovernor.ProposalState.Succeeded))
        );
        _queue(p);
    }

    function test_governed_directCallsFromEoaRevert() public {
        bytes32 adminRole = splitter.DEFAULT_ADMIN_ROLE();
        address[2] memory callers = [guardian, stranger];
        for (uint256 i; i < callers.length; ++i) {
            address caller = callers[i];
            vm.startPrank(caller);
            vm.expectRevert(
                abi.encodeWithSelector(IAccessControl.AccessControlUnauthorizedAccount.selector, caller, adminRole)
            );
            splitter.setDaoShare(0);
            vm.expectRevert(
                abi.encodeWithSelector(IAccessControl.AccessControlUnauthorizedAccount.selector, caller, adminRole)
            );
            splitter.setPayees(caller, caller);
            bytes32 minterRole = token.MINTER_ROLE();
            vm.expectRevert(
                abi.encodeWithSelector(IAccessControl.AccessControlUnauthorizedAccount.selector, caller, adminRole)
            );
            token.grantRole(minterRole, caller);
            vm.expectRevert(abi.encodeWithSelector(IGovernor.GovernorOnlyExecutor.selector, caller));
            governor.setGuardian(caller);
            vm.expectRevert(abi.encodeWithSelector(IGovernor.GovernorOnlyExecutor.selector, caller));
            governor.updateQuorumNumerator(1);
            vm.expectRevert(abi.encodeWithSelector(IGovernor.GovernorOnlyExecutor.selector, caller));
            governor.setVotingPeriod(1);
            vm.expectRevert(abi.encodeWithSelector(IGovernor.GovernorOnlyExecutor.selector, caller));
            governor.updateTimelock(TimelockController(payable(caller)));
            vm.expectRevert(abi.encodeWithSelector(TimelockController.TimelockUnauthorizedCaller.selector, caller));
            timelock.updateDelay(0);
            vm.stopPrank();
        }
        // The deployer renounced the timelock's admin role: it cannot grant itself anything.
        bytes32 timelockAdmin = timelock.DEFAULT_ADMIN_ROLE();
        bytes32 proposerRole = timelock.PROPOSER_ROLE();
        vm.expectRevert(
            abi.encodeWithSelector(IAccessControl.AccessControlUnauthorizedAccount.selector, address(this), timelockAdmin)
        );
        timelock.grantRole(proposerRole, address(this));
        assertFalse(timelock.hasRole(timelockAdmin, address(this)));
        assertTrue(timelock.hasRole(timelockAdmin, address(timelock)));
    }

    function test_relay_onlyThroughGovernance() public {
        bytes memory data = abi.encodeCall(IFeeSplitter.setDaoShare, (0));
        vm.prank(stranger);
        vm.expectRevert(abi.encodeWithSelector(IGovernor.GovernorOnlyExecutor.selector, stranger));
        governor.relay(address(splitter), 0, data);
    }

    function test_receive_governorRefusesDeposits() public {
        vm.deal(stranger, 1 ether);
        vm.prank(stranger);
        (bool ok, bytes memory ret) = address(governor).call{value: 1 ether}("");
        assertFalse(ok, "funds belong to the timelock, not the governor");
        assertEq(ret, abi.encodeWithSelector(IGovernor.GovernorDisabledDeposit.selector));
    }

    function test_cancel_queuedOperationOnlyByGovernorRules() public {
        // Once queued nobody (not even the guardian) can stop it through the governor, and the
        // timelock's canceller is the governor alone.
        Proposal memory p = _sample("unstoppable");
        uint256 id = _passAndQueue(p);
        vm.prank(proposer);
        vm.expectRevert(abi.encodeWithSelector(IGovernor.GovernorUnableToCancel.selector, id, proposer));
        governor.cancel(p.targets, p.values, p.calldatas, _hash(p));
        assertTrue(timelock.hasRole(timelock.CANCELLER_ROLE(), address(governor)));
        assertEq(GovernorTimelockControl(payable(address(governor))).timelock(), address(timelock));
        assertEq(governor.proposalEta(id), block.timestamp);
    }

    function test_splitter_treasuryIsTheTimelock() public view {
        assertEq(splitter.treasury(), address(timelock));
        assertTrue(splitter.hasRole(splitter.DEFAULT_ADMIN_ROLE(), address(timelock)));
        assertEq(FeeSplitter(payable(address(splitter))).operations(), operations);
        assertEq(IWorxGovernor(address(governor)).guardian(), guardian);
    }
}
