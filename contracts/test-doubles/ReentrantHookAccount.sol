// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {ITokenHooks} from "./HookedToken.sol";
import {ReentrancyProbe} from "./ReentrancyProbe.sol";

/**
 * @title ReentrantHookAccount
 * @notice Simulates a malicious ERC-777 holder: from the token's `tokensToSend` hook (while it funds
 * an escrow) or `tokensReceived` hook (while it withdraws) it re-enters the escrow mid-operation.
 * @dev Register with {HookedToken.registerHooks} through {ReentrancyProbe.execute}, then arm.
 */
contract ReentrantHookAccount is ReentrancyProbe, ITokenHooks {
    /// @inheritdoc ITokenHooks
    function tokensToSend(address, address, address, uint256) external {
        _reenter();
    }

    /// @inheritdoc ITokenHooks
    function tokensReceived(address, address, address, uint256) external {
        _reenter();
    }
}
