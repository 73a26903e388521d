// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IWorxMultisig} from "../interfaces/IWorxMultisig.sol";

/**
 * @title MultisigTypedData
 * @notice EIP-712 struct hashes of what {WorxMultisig} owners sign, and the selector a call is
 * classified by. The domain (name "WorxMultisig", version "1", chainId, verifyingContract) is
 * applied by the multisig through OpenZeppelin's EIP712.
 */
library MultisigTypedData {
    /// @notice EIP-712 type hash of an operation.
    // The type string is hashed at compile time; its length costs nothing at run time.
    // solhint-disable gas-small-strings
    bytes32 internal constant OPERATION_TYPEHASH =
        keccak256("Operation(address target,uint256 value,bytes data,uint256 nonce)");
    // solhint-enable gas-small-strings

    /// @notice EIP-712 type hash of a cancellation.
    bytes32 internal constant CANCEL_TYPEHASH = keccak256("Cancel(bytes32 operationId)");

    /// @notice The EIP-712 struct hash of `op` (`bytes` is encoded as its keccak256, per EIP-712).
    /// @param op the operation.
    /// @return the struct hash, to be wrapped in the multisig's domain.
    function hashOperation(IWorxMultisig.Operation calldata op) internal pure returns (bytes32) {
        return keccak256(abi.encode(OPERATION_TYPEHASH, op.target, op.value, keccak256(op.data), op.nonce));
    }

    /// @notice The EIP-712 struct hash of cancelling `operationId`.
    /// @param operationId the operation's id.
    /// @return the struct hash, to be wrapped in the multisig's domain.
    function hashCancel(bytes32 operationId) internal pure returns (bytes32) {
        return keccak256(abi.encode(CANCEL_TYPEHASH, operationId));
    }

    /// @notice The selector a call is classified by: its first 4 bytes, or 0x00000000 when it has
    /// fewer (a plain native-coin transfer, or a call to a fallback).
    /// @param data the calldata.
    /// @return the selector.
    function selectorOf(bytes calldata data) internal pure returns (bytes4) {
        return data.length < 4 ? bytes4(0) : bytes4(data[:4]);
    }
}
