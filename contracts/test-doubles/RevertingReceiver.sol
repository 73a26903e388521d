// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {Address} from "@openzeppelin/contracts/utils/Address.sol";

/**
 * @title RevertingReceiver
 * @notice Simulates a contract party that cannot take native coin (a wallet or DAO without a
 * payable fallback, or one that rejects it on purpose): its `receive()` reverts until it is told to
 * accept. Used to show a failed native withdrawal keeps the credit.
 * @dev Acts as a party through {execute}. Open to anyone: tests only.
 */
contract RevertingReceiver {
    /// @notice Whether `receive()` accepts native coin.
    bool public accepting;

    /// @notice `receive()` refused `amount` wei.
    error NativeCoinRejected(uint256 amount);

    /// @notice Refuse native coin unless {accepting}.
    receive() external payable {
        if (!accepting) revert NativeCoinRejected(msg.value);
    }

    /// @notice Start or stop accepting native coin.
    /// @param isAccepting whether `receive()` accepts.
    function setAccepting(bool isAccepting) external {
        accepting = isAccepting;
    }

    /// @notice Call `target` with `data` and `msg.value` as this contract, bubbling any revert.
    /// @param target the contract to call.
    /// @param data the calldata.
    /// @return result what the call returned.
    function execute(address target, bytes calldata data) external payable returns (bytes memory result) {
        result = Address.functionCallWithValue(target, data, msg.value);
    }
}
