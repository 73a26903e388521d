// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IGovernor} from "@openzeppelin/contracts/governance/IGovernor.sol";
import {IWorxGovernor} from "../../../contracts/interfaces/IWorxGovernor.sol";
import {WorxGovernorFixture} from "./WorxGovernorFixture.sol";


/// @notice The guardian (the protocol multisig) cancels only while a proposal is Pending; everyone
/// else follows Governor's rules; only governance replaces the guardian.
contract WorxGovernorGuardianTest is WorxGovernorFixture {
    // ───────────────────────────── guardian cancel ─────────────────────────────

    function _cancel(address caller, Proposal memory p) internal {
        vm.prank(caller);
        governor.cancel(p.targets, p.values, p.calldatas, _hash(p));
    }

    function test_cancel_guardianWhilePending() public {
        Proposal memory p = _sample("guardian");
        uint256 id = _propose(p);
        vm.expectEmit(address(governor));
        emit IGovernor.ProposalCanceled(id);
        _cancel(guardian, p);
        assertEq(uint8(governor.state(id)), uint8(IGovernor.ProposalState.Canceled));
        _toActive(id);
        vm.prank(alice);
        vm.expectRevert(
            _unexpectedState(id, IGovernor.ProposalState.Canceled, _stateBitmap(IGovernor.ProposalState.Active))
        );
        governor.castVote(id, FOR);
    }

    function test_cancel_guardianAtSnapshotSecondStillPending() public {
        Proposal memory p = _sample("last pending second");
        uint256 id = _propose(p);
        vm.warp(governor.proposalSnapshot(id));
        assertEq(uint8(governor.state(id)), uint8(IGovernor.ProposalState.Pending));
        _cancel(guardian, p);
        assertEq(uint8(governor.state(id)), uint8(IGovernor.ProposalState.Canceled));
    }

    function test_cancel_guardianRevertsOnceActive() public {
        Proposal memory p = _sample("active");
        uint256 id = _propose(p);
        _toActive(id);
        vm.prank(guardian);
        vm.expectRevert(
            abi.encodeWithSelector(IWorxGovernor.GuardianCancelNotPending.selector, id, IGovernor.ProposalState.Active)
        );
        governor.cancel(p.targets, p.values, p.calldatas, _hash(p));
    }

    function test_cancel_guardianRevertsWhenSucceededOrQueued() public {
        Proposal memory p = _sample("queued");
        uint256 id = _propose(p);
        _toActive(id);
        _vote(alice, id, FOR);
        _vote(bob, id, FOR);
        _toEnd(id);
        vm.prank(guardian);
        vm.expectRevert(
            abi.encodeWithSelector(
                IWorxGovernor.GuardianCancelNotPending.selector, id, IGovernor.ProposalState.Succeeded
            )
        );
        governor.cancel(p.targets, p.values, p.calldatas, _hash(p));
        _queue(p);
        vm.prank(guardian);
        vm.expectRevert(
            abi.encodeWithSelector(IWorxGovernor.GuardianCancelNotPending.selector, id, IGovernor.ProposalState.Queued)
        );
        governor.cancel(p.targets, p.values, p.calldatas, _hash(p));
    }

    function test_cancel_nonGuardianReverts() public {
        Proposal memory p = _sample("stranger");
        uint256 id = _propose(p);
        vm.prank(stranger);
        vm.expectRevert(abi.encodeWithSelector(IGovernor.GovernorUnableToCancel.selector, id, stranger));
        governor.cancel(p.targets, p.values, p.calldatas, _hash(p));
    }

    function test_cancel_proposerOnlyWhilePending() public {
        Proposal memory pending = _sample("proposer pending");
        Proposal memory active = _sample("proposer active");
        uint256 pendingId = _propose(pending);
        uint256 activeId = _propose(active);
        _cancel(proposer, pending);
        assertEq(uint8(governor.state(pendingId)), uint8(IGovernor.ProposalState.Canceled));
        _toActive(activeId);
        vm.prank(proposer);
        vm.expectRevert(abi.encodeWithSelector(IGovernor.GovernorUnableToCancel.selector, activeId, proposer));
        governor.cancel(active.targets, active.values, active.calldatas, _hash(active));
    }

    function test_setGuardian_onlyGovernance() public {
        vm.prank(guardian);
        vm.expectRevert(abi.encodeWithSelector(IGovernor.GovernorOnlyExecutor.selector, guardian));
        governor.setGuardian(stranger);
    }

    function test_setGuardian_throughGovernance() public {
        address next = makeAddr("nextGuardian");
        Proposal memory p =
            _single(address(governor), 0, abi.encodeCall(IWorxGovernor.setGuardian, (next)), "# New guardian");
        _passAndQueue(p);
        vm.expectEmit(address(governor));
        emit IWorxGovernor.GuardianUpdated(guardian, next);
        _execute(p);
        assertEq(governor.guardian(), next);

        Proposal memory q = _sample("after handover");
        uint256 id = _propose(q);
        vm.prank(guardian);
        vm.expectRevert(abi.encodeWithSelector(IGovernor.GovernorUnableToCancel.selector, id, guardian));
        governor.cancel(q.targets, q.values, q.calldatas, _hash(q));
        _cancel(next, q);
        assertEq(uint8(governor.state(id)), uint8(IGovernor.ProposalState.Canceled));
    }

    function test_setGuardian_zeroDisablesGuardian() public {
        Proposal memory p =
            _single(address(governor), 0, abi.encodeCall(IWorxGovernor.setGuardian, (address(0))), "# No guardian");
        _passAndQueue(p);
        _execute(p);
        assertEq(governor.guardian(), address(0));
        Proposal memory q = _sample("no guardian");
        uint256 id = _propose(q);
        vm.prank(guardian);
        vm.expectRevert(abi.encodeWithSelector(IGovernor.GovernorUnableToCancel.selector, id, guardian));
        governor.cancel(q.targets, q.values, q.calldatas, _hash(q));
    }
}
