// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IGovernor} from "@openzeppelin/contracts/governance/IGovernor.sol";
import {GovernorPreventLateQuorum} from "@openzeppelin/contracts/governance/extensions/GovernorPreventLateQuorum.sol";
import {WorxGovernor} from "../../../contracts/dao/WorxGovernor.sol";
import {IWorxGovernor} from "../../../contracts/interfaces/IWorxGovernor.sol";
import {WorxGovernorFixture} from "./WorxGovernorFixture.sol";


/// @notice Unit tests of {WorxGovernor}: settings, quorum and threshold edges, late-quorum
/// protection and the size limit. Flash loans and the snapshot: WorxGovernor.flashLoan.t.sol; the
/// guardian: WorxGovernor.guardian.t.sol; the timelock: WorxGovernor.timelock.t.sol (split so each
/// compilation job stays within solc-js's wasm memory).
contract WorxGovernorTest is WorxGovernorFixture {
    // ───────────────────────────── constructor ─────────────────────────────

    function test_constructor_setsSettings() public view {
        assertEq(governor.name(), "Worx DAO");
        assertEq(governor.votingDelay(), VOTING_DELAY);
        assertEq(governor.votingPeriod(), VOTING_PERIOD);
        assertEq(governor.proposalThreshold(), THRESHOLD);
        assertEq(governor.quorumNumerator(), QUORUM_PERCENT);
        assertEq(governor.lateQuorumVoteExtension(), VOTE_EXTENSION);
        assertEq(governor.timelock(), address(timelock));
        assertEq(address(governor.token()), address(token));
        assertEq(governor.guardian(), guardian);
        assertEq(governor.clock(), uint48(block.timestamp));
        assertEq(governor.CLOCK_MODE(), "mode=timestamp");
        assertEq(governor.quorum(block.timestamp - 1), QUORUM);
        assertEq(governor.COUNTING_MODE(), "support=bravo&quorum=for,abstain");
    }

    function test_constructor_emitsGuardianUpdated() public {
        vm.expectEmit();
        emit IWorxGovernor.GuardianUpdated(address(0), guardian);
        new WorxGovernor(token, timelock, 1, 1, 0, 4, 1, guardian);
    }

    function test_bytecode_belowEip170Limit() public view {
        uint256 size = address(governor).code.length;
        assertLt(size, 24_576, "WorxGovernor runtime bytecode exceeds EIP-170");
    }

    // ───────────────────────────── proposal threshold ─────────────────────────────

    function test_propose_exactThresholdSucceeds() public {
        assertEq(token.getVotes(proposer), THRESHOLD);
        uint256 id = _propose(_sample("threshold"));
        assertEq(uint8(governor.state(id)), uint8(IGovernor.ProposalState.Pending));
        assertEq(governor.proposalProposer(id), proposer);
        assertEq(governor.proposalSnapshot(id), block.timestamp + VOTING_DELAY);
        assertEq(governor.proposalDeadline(id), block.timestamp + VOTING_DELAY + VOTING_PERIOD);
    }

    function test_propose_belowThresholdReverts() public {
        vm.prank(proposer);
        token.transfer(stranger, 1); // proposer keeps threshold - 1
        vm.warp(block.timestamp + 1);
        SampleArrays memory s = _sampleArrays();
        vm.prank(proposer);
        vm.expectRevert(
            abi.encodeWithSelector(
                IGovernor.GovernorInsufficientProposerVotes.selector, proposer, THRESHOLD - 1, THRESHOLD
            )
        );
        governor.propose(s.targets, s.values, s.calldatas, "# Below threshold");
    }

    function test_propose_sameSecondDelegationDoesNotCount() public {
        token.mint(stranger, THRESHOLD * 10);
        vm.prank(stranger);
        token.delegate(stranger);
        SampleArrays memory s = _sampleArrays();
        vm.prank(stranger);
        vm.expectRevert(
            abi.encodeWithSelector(IGovernor.GovernorInsufficientProposerVotes.selector, stranger, 0, THRESHOLD)
        );
        governor.propose(s.targets, s.values, s.calldatas, "# Same second");
        vm.warp(block.timestamp + 1);
        vm.prank(stranger);
        governor.propose(s.targets, s.values, s.calldatas, "# Next second");
    }

    struct SampleArrays {
        address[] targets;
        uint256[] values;
        bytes[] calldatas;
    }

    function _sampleArrays() internal view returns (SampleArrays memory s) {
        Proposal memory p = _sample("arrays");
        s.targets = p.targets;
        s.values = p.values;
        s.calldatas = p.calldatas;
    }

    // ───────────────────────────── quorum ─────────────────────────────

    function test_state_quorumMinusOneIsDefeated() public {
        uint256 id = _propose(_sample("quorum - 1"));
        _toActive(id);
        _vote(alice, id, FOR); // QUORUM - 1 wei
        assertFalse(governor.quorum(governor.proposalSnapshot(id)) <= QUORUM - 1);
        _toEnd(id);
        assertEq(uint8(governor.state(id)), uint8(IGovernor.ProposalState.Defeated));
    }

    function test_state_exactQuorumSucceeds() public {
        uint256 id = _propose(_sample("quorum"));
        _toActive(id);
        _vote(alice, id, FOR);
        _vote(bob, id, FOR); // + 1 wei = QUORUM
        _toEnd(id);
        assertEq(uint8(governor.state(id)), uint8(IGovernor.ProposalState.Succeeded));
    }

    function test_state_abstainCountsTowardQuorum() public {
        uint256 id = _propose(_sample("abstain"));
        _toActive(id);
        _vote(alice, id, FOR);
        _vote(bob, id, ABSTAIN); // the last wei of quorum is an abstention
        _toEnd(id);
        assertEq(uint8(governor.state(id)), uint8(IGovernor.ProposalState.Succeeded));
    }

    function test_state_againstCountsNotTowardQuorum() public {
        uint256 id = _propose(_sample("against"));
        _toActive(id);
        _vote(alice, id, FOR);
        _vote(bob, id, AGAINST);
        _toEnd(id);
        assertEq(uint8(governor.state(id)), uint8(IGovernor.ProposalState.Defeated));
    }

    function test_state_forMustExceedAgainst() public {
        address erin = makeAddr("erin");
        vm.prank(whale);
        token.transfer(erin, 20_000e18);
        vm.prank(erin);
        token.delegate(erin);
        uint256 tie = _propose(_sample("tie"));
        uint256 byOne = _propose(_sample("by one wei"));
        _toActive(tie);
        // 20_000 for, 20_000 against: quorum (40_000) is not met by for+abstain, and it is a tie.
        _vote(dave, tie, FOR);
        _vote(erin, tie, AGAINST);
        _vote(alice, tie, ABSTAIN); // quorum now reached through abstain; still a tie
        _vote(dave, byOne, FOR);
        _vote(erin, byOne, AGAINST);
        _vote(alice, byOne, ABSTAIN);
        _vote(bob, byOne, FOR); // for exceeds against by one wei
        _toEnd(tie);
        assertEq(uint8(governor.state(tie)), uint8(IGovernor.ProposalState.Defeated), "a tie is defeated");
        assertEq(uint8(governor.state(byOne)), uint8(IGovernor.ProposalState.Succeeded));
    }

    // ───────────────────────────── late-quorum protection ─────────────────────────────

    function test_castVote_lateQuorumExtendsDeadline() public {
        uint256 id = _propose(_sample("late"));
        uint256 originalDeadline = governor.proposalDeadline(id);
        vm.warp(originalDeadline - 1 hours);
        _vote(alice, id, FOR); // no quorum yet: no extension
        assertEq(governor.proposalDeadline(id), originalDeadline);
        vm.expectEmit(address(governor));
        emit GovernorPreventLateQuorum.ProposalExtended(id, uint64(block.timestamp + VOTE_EXTENSION));
        _vote(bob, id, FOR); // quorum reached one hour before the end
        assertEq(governor.proposalDeadline(id), block.timestamp + VOTE_EXTENSION);

        vm.warp(originalDeadline + 1);
        assertEq(uint8(governor.state(id)), uint8(IGovernor.ProposalState.Active), "still open");
        _vote(dave, id, AGAINST); // the other side had time to react
        vm.warp(block.timestamp + VOTE_EXTENSION);
        assertEq(uint8(governor.state(id)), uint8(IGovernor.ProposalState.Succeeded));
    }

    function test_castVote_earlyQuorumDoesNotExtend() public {
        uint256 id = _propose(_sample("early"));
        uint256 originalDeadline = governor.proposalDeadline(id);
        _toActive(id);
        _vote(alice, id, FOR);
        _vote(bob, id, FOR);
        assertEq(governor.proposalDeadline(id), originalDeadline);
    }

    function test_castVote_lateQuorumExtendsOnlyOnce() public {
        uint256 id = _propose(_sample("once"));
        vm.warp(governor.proposalDeadline(id) - 1);
        _vote(alice, id, FOR);
        _vote(bob, id, FOR);
        uint256 extended = governor.proposalDeadline(id);
        vm.warp(extended - 1);
        _vote(dave, id, FOR);
        assertEq(governor.proposalDeadline(id), extended);
    }

}
