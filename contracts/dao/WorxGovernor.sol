// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {Governor} from "@openzeppelin/contracts/governance/Governor.sol";
import {TimelockController} from "@openzeppelin/contracts/governance/TimelockController.sol";
import {GovernorCountingSimple} from "@openzeppelin/contracts/governance/extensions/GovernorCountingSimple.sol";
import {GovernorPreventLateQuorum} from "@openzeppelin/contracts/governance/extensions/GovernorPreventLateQuorum.sol";
import {GovernorSettings} from "@openzeppelin/contracts/governance/extensions/GovernorSettings.sol";
import {GovernorTimelockControl} from "@openzeppelin/contracts/governance/extensions/GovernorTimelockControl.sol";
import {GovernorVotes} from "@openzeppelin/contracts/governance/extensions/GovernorVotes.sol";
import {GovernorVotesQuorumFraction} from "@openzeppelin/contracts/governance/extensions/GovernorVotesQuorumFraction.sol";
import {IVotes} from "@openzeppelin/contracts/governance/utils/IVotes.sol";
import {IWorxGovernor} from "../interfaces/IWorxGovernor.sol";

/**
 * @title WorxGovernor
 * @notice The Worx DAO: WORX holders propose (above a threshold), vote on a snapshot taken at the
 * vote's start (so tokens bought, borrowed or delegated later carry no weight), and passed proposals
 * run through an OpenZeppelin TimelockController, which owns the treasury and the protocol's
 * parameters. Late-quorum protection extends a vote that reaches quorum near its end; a guardian
 * may cancel a proposal while it is Pending. See {IWorxGovernor}.
 * @dev OpenZeppelin 5.7 Governor + Settings + CountingSimple (for > against; for + abstain count
 * toward quorum) + Votes (ERC-6372 timestamp clock of WorxToken) + QuorumFraction +
 * TimelockControl + PreventLateQuorum. The only addition is {guardian} in {_validateCancel}.
 */
contract WorxGovernor is
    IWorxGovernor,
    Governor,
    GovernorSettings,
    GovernorCountingSimple,
    GovernorVotes,
    GovernorVotesQuorumFraction,
    GovernorTimelockControl,
    GovernorPreventLateQuorum
{
    address private _guardian;

    /// @notice Deploy the governor; the timelock must then grant it PROPOSER_ROLE and CANCELLER_ROLE.
    /// @param token the WORX votes token (ERC-5805, timestamp clock).
    /// @param timelock the TimelockController that executes passed proposals (the treasury).
    /// @param initialVotingDelay seconds between a proposal and the vote's start (the snapshot).
    /// @param initialVotingPeriod seconds the vote lasts (before any late-quorum extension).
    /// @param initialProposalThreshold votes (at the previous second) a proposer needs.
    /// @param quorumNumeratorValue quorum, in percent of the total supply at the snapshot.
    /// @param initialVoteExtension seconds a vote lasts at least after quorum is first reached.
    /// @param initialGuardian may cancel Pending proposals (the protocol's guardian account, who can
    /// otherwise only pause; zero: none).
    constructor(
        IVotes token,
        TimelockController timelock,
        uint48 initialVotingDelay,
        uint32 initialVotingPeriod,
        uint256 initialProposalThreshold,
        uint256 quorumNumeratorValue,
        uint48 initialVoteExtension,
        address initialGuardian
    )
        Governor("Worx DAO")
        GovernorSettings(initialVotingDelay, initialVotingPeriod, initialProposalThreshold)
        GovernorVotes(token)
        GovernorVotesQuorumFraction(quorumNumeratorValue)
        GovernorTimelockControl(timelock)
        GovernorPreventLateQuorum(initialVoteExtension)
    {
        _setGuardian(initialGuardian);
    }

    // ───────────────────────────── guardian ─────────────────────────────

    /// @inheritdoc IWorxGovernor
    function guardian() external view returns (address) {
        return _guardian;
    }

    /// @inheritdoc IWorxGovernor
    function setGuardian(address newGuardian) external onlyGovernance {
        _setGuardian(newGuardian);
    }

    // ───────────────────────────── overrides ─────────────────────────────

    /// @inheritdoc Governor
    function state(uint256 proposalId) public view override(Governor, GovernorTimelockControl) returns (ProposalState) {
        return super.state(proposalId);
    }

    /// @inheritdoc Governor
    function proposalNeedsQueuing(uint256 proposalId)
        public
        view
        override(Governor, GovernorTimelockControl)
        returns (bool)
    {
        return super.proposalNeedsQueuing(proposalId);
    }

    /// @inheritdoc Governor
    function proposalThreshold() public view override(Governor, GovernorSettings) returns (uint256) {
        return super.proposalThreshold();
    }

    /// @inheritdoc Governor
    function proposalDeadline(uint256 proposalId)
        public
        view
        override(Governor, GovernorPreventLateQuorum)
        returns (uint256)
    {
        return super.proposalDeadline(proposalId);
    }

    /// @dev The guardian may cancel any proposal, but only while it is Pending (it reverts with
    /// {GuardianCancelNotPending} afterwards rather than falling back to the proposer rule, so the
    /// reason is explicit). Everyone else follows Governor's rule (the proposer, while Pending).
    function _validateCancel(uint256 proposalId, address caller) internal view override returns (bool) {
        address currentGuardian = _guardian;
        if (currentGuardian != address(0) && caller == currentGuardian) {
            ProposalState current = state(proposalId);
            if (current != ProposalState.Pending) revert GuardianCancelNotPending(proposalId, current);
            return true;
        }
        return super._validateCancel(proposalId, caller);
    }

    function _tallyUpdated(uint256 proposalId) internal override(Governor, GovernorPreventLateQuorum) {
        super._tallyUpdated(proposalId);
    }

    function _queueOperations(
        uint256 proposalId,
        address[] memory targets,
        uint256[] memory values,
        bytes[] memory calldatas,
        bytes32 descriptionHash
    ) internal override(Governor, GovernorTimelockControl) returns (uint48) {
        return super._queueOperations(proposalId, targets, values, calldatas, descriptionHash);
    }

    function _executeOperations(
        uint256 proposalId,
        address[] memory targets,
        uint256[] memory values,
        bytes[] memory calldatas,
        bytes32 descriptionHash
    ) internal override(Governor, GovernorTimelockControl) {
        super._executeOperations(proposalId, targets, values, calldatas, descriptionHash);
    }

    function _cancel(
        address[] memory targets,
        uint256[] memory values,
        bytes[] memory calldatas,
        bytes32 descriptionHash
    ) internal override(Governor, GovernorTimelockControl) returns (uint256) {
        return super._cancel(targets, values, calldatas, descriptionHash);
    }

    function _executor() internal view override(Governor, GovernorTimelockControl) returns (address) {
        return super._executor();
    }

    function _setGuardian(address newGuardian) private {
        address previous = _guardian;
        _guardian = newGuardian;
        emit GuardianUpdated(previous, newGuardian);
    }
}
