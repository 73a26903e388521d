// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IGovernor} from "@openzeppelin/contracts/governance/IGovernor.sol";

/**
 * @title IWorxGovernor
 * @notice What the Worx DAO governor adds to OpenZeppelin's Governor (Settings, CountingSimple,
 * Votes on the WORX timestamp clock, QuorumFraction, TimelockControl, PreventLateQuorum): a guardian
 * (the protocol's guardian account, who can otherwise only pause; not the multisig, whose own
 * timelock is longer than the voting delay) that may cancel a proposal ONLY while it is Pending, i.e. before anyone
 * can vote on it, through the standard `cancel(targets, values, calldatas, descriptionHash)`. Once
 * voting starts only the token holders decide; queued operations can then only be cancelled by the
 * governor's own rules.
 * @dev The rest of the governor's ABI (propose, castVote, queue, execute, settings, events) is
 * OpenZeppelin's {IGovernor} and extensions, unchanged. A zero guardian disables guardian cancels.
 * The Stacks contract `clarity/contracts/dao/proposal-voting.clar` mirrors the guardian rule.
 */
interface IWorxGovernor {
    /// @notice The guardian changed (only through a governance proposal, or at deployment).
    /// @param previous the guardian before (zero at deployment).
    /// @param next the guardian now (zero: no guardian).
    event GuardianUpdated(address previous, address next);

    /// @notice The guardian tried to cancel a proposal that is no longer Pending: once voting has
    /// started only the voters (or the proposer's standard rules) decide. Debug: `state(proposalId)`
    /// and `proposalSnapshot(proposalId)`; the guardian must act before the snapshot timestamp.
    error GuardianCancelNotPending(uint256 proposalId, IGovernor.ProposalState state);

    /// @notice The account that may cancel Pending proposals (the protocol's guardian account).
    /// @return the guardian (zero: none).
    function guardian() external view returns (address);

    /// @notice Replace the guardian. Only through governance (a proposal executed by the timelock).
    /// @param newGuardian the new guardian (zero disables guardian cancels).
    function setGuardian(address newGuardian) external;
}
