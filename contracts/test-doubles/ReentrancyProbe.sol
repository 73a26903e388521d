// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {Address} from "@openzeppelin/contracts/utils/Address.sol";

/**
 * @title ReentrancyProbe
 * @notice Base of the hostile accounts: a contract that acts as an escrow party through {execute}
 * and, when a callback reaches it (native coin, token hook), re-enters a target once with a
 * prepared call. It records the outcome, then either swallows a failed re-entry (so the outer call
 * can finish and the test can inspect what happened) or bubbles it up.
 * @dev Open to anyone: tests only.
 */
abstract contract ReentrancyProbe {
    /// @notice Contract the armed re-entry calls.
    address public reentryTarget;
    /// @notice Calldata of the armed re-entry (empty when disarmed).
    bytes public reentryCalldata;
    /// @notice Whether a failed re-entry reverts the callback (otherwise it is swallowed).
    bool public bubbleReentryFailure;
    /// @notice How many callbacks tried to re-enter.
    uint256 public reentryAttempts;
    /// @notice Whether the last re-entry succeeded.
    bool public lastReentrySucceeded;
    /// @notice Return or revert data of the last re-entry.
    bytes public lastReentryReturnData;

    /// @notice Call `target` with `data` and `msg.value` as this contract, bubbling any revert.
    /// @param target the contract to call (the escrow, a token).
    /// @param data the calldata.
    /// @return result what the call returned.
    function execute(address target, bytes calldata data) external payable returns (bytes memory result) {
        result = Address.functionCallWithValue(target, data, msg.value);
    }

    /// @notice Arm a one-shot re-entry for the next callback.
    /// @param target the contract to re-enter.
    /// @param data the calldata to re-enter with.
    /// @param bubble whether a failed re-entry reverts the callback.
    function arm(address target, bytes calldata data, bool bubble) external {
        reentryTarget = target;
        reentryCalldata = data;
        bubbleReentryFailure = bubble;
    }

    /// @dev Fire the armed re-entry, if any; disarm first so a successful re-entry cannot loop.
    function _reenter() internal {
        bytes memory data = reentryCalldata;
        if (data.length == 0) return;
        delete reentryCalldata;
        ++reentryAttempts;
        // Deliberate low-level call: the probe must observe a failed re-entry, not just revert.
        // solhint-disable-next-line avoid-low-level-calls
        (bool ok, bytes memory returnData) = reentryTarget.call(data);
        lastReentrySucceeded = ok;
        lastReentryReturnData = returnData;
        if (!ok && bubbleReentryFailure) Address.verifyCallResult(ok, returnData);
    }
}
