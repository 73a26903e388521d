// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {CreatorPool} from "./CreatorPool.sol";
import {ICreatorPool} from "../interfaces/ICreatorPool.sol";
import {ICreatorPoolDeployer} from "../interfaces/ICreatorPoolDeployer.sol";

/**
 * @title CreatorPoolDeployer
 * @notice Holds the CreatorPool creation code for the factory. See {ICreatorPoolDeployer}.
 */
contract CreatorPoolDeployer is ICreatorPoolDeployer {
    /// @inheritdoc ICreatorPoolDeployer
    function deployPool(
        address coin,
        address baseToken,
        address admin,
        address feeRecipient,
        ICreatorPool.PoolParams calldata params
    ) external returns (address pool) {
        pool = address(new CreatorPool(coin, baseToken, admin, feeRecipient, params));
    }
}
