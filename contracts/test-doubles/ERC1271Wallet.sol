// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IERC1271} from "@openzeppelin/contracts/interfaces/IERC1271.sol";
import {Address} from "@openzeppelin/contracts/utils/Address.sol";
import {ECDSA} from "@openzeppelin/contracts/utils/cryptography/ECDSA.sol";

/**
 * @title ERC1271Wallet
 * @notice A minimal contract wallet (Safe-like for signatures): it acts as an escrow party through
 * {execute} and accepts, through ERC-1271, any hash its owner key signed.
 * @dev Anyone can make it call anything: tests only.
 */
contract ERC1271Wallet is IERC1271 {
    /// @notice The key whose ECDSA signatures the wallet accepts.
    address public immutable OWNER;
    /// @notice Whether the wallet currently rejects every signature (a revoked signer, a frozen wallet).
    bool public rejectAll;

    /// @notice Deploy a wallet controlled by `owner`'s key.
    /// @param owner the key whose signatures are valid for this wallet.
    constructor(address owner) {
        OWNER = owner;
    }

    /// @notice Call `target` with `data` and `msg.value` as this wallet, bubbling any revert.
    /// @param target the contract to call.
    /// @param data the calldata.
    /// @return result what the call returned.
    function execute(address target, bytes calldata data) external payable returns (bytes memory result) {
        result = Address.functionCallWithValue(target, data, msg.value);
    }

    /// @notice Make the wallet reject (or accept again) every signature.
    /// @param rejecting whether to reject.
    function setRejectAll(bool rejecting) external {
        rejectAll = rejecting;
    }

    /// @inheritdoc IERC1271
    function isValidSignature(bytes32 hash, bytes calldata signature) external view returns (bytes4) {
        (address recovered, ECDSA.RecoverError err,) = ECDSA.tryRecoverCalldata(hash, signature);
        bool valid = !rejectAll && err == ECDSA.RecoverError.NoError && recovered == OWNER;
        return valid ? IERC1271.isValidSignature.selector : bytes4(0xffffffff);
    }

    /// @notice Accept native coin (payouts withdrawn to the wallet).
    receive() external payable {}
}
