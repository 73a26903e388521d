// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {TimelockController as OZTimelockController} from "@openzeppelin/contracts/governance/TimelockController.sol";

/**
 * @title TimelockController
 * @notice The DAO's timelock and treasury: OpenZeppelin's TimelockController, unmodified (no
 * function added or overridden; the constructor only forwards its arguments).
 * @dev Why this file: Hardhat 3 writes artifacts only for the project's own sources, not for the
 * npm files they import, and Ignition, the tests, the bench and scripts/codegen (the
 * `timelockControllerAbi` export) need a `TimelockController` artifact. Declaring it here under
 * OpenZeppelin's name keeps one artifact named TimelockController. (The alternative, listing
 * OpenZeppelin's governance/TimelockController.sol in hardhat.config.ts's
 * `solidity.npmFilesToBuild`, would replace this file.)
 */
contract TimelockController is OZTimelockController {
    /// @notice Deploy the timelock exactly as OpenZeppelin's constructor does.
    /// @param minDelay initial minimum delay in seconds for operations.
    /// @param proposers accounts granted the proposer and canceller roles.
    /// @param executors accounts granted the executor role (address(0): anyone may execute).
    /// @param admin optional extra admin for the initial setup, to renounce afterwards (address(0): none).
    constructor(uint256 minDelay, address[] memory proposers, address[] memory executors, address admin)
        OZTimelockController(minDelay, proposers, executors, admin)
    {}
}
