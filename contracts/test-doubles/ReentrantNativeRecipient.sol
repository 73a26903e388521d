// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {ReentrancyProbe} from "./ReentrancyProbe.sol";

/**
 * @title ReentrantNativeRecipient
 * @notice Simulates a malicious contract party that, on receiving native coin, re-enters the payer
 * (e.g. calls `withdraw(address(0))` again to be paid twice: the DAO-hack pattern).
 * @dev Arm the re-entry with {ReentrancyProbe.arm}; act as a party with {ReentrancyProbe.execute}.
 */
contract ReentrantNativeRecipient is ReentrancyProbe {
    /// @notice Accept the coin, then fire the armed re-entry.
    receive() external payable {
        _reenter();
    }
}
