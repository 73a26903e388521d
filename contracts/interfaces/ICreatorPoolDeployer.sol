// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {ICreatorPool} from "./ICreatorPool.sol";

/**
 * @title ICreatorPoolDeployer
 * @notice Deploys {ICreatorPool}s for the {ICreatorCoinFactory}. It exists only because the coin's
 * and the pool's creation code together exceed the 24 KiB contract size limit (EIP-170): the
 * factory holds the coin's, this contract the pool's. Anyone may call it, with the same effect as
 * deploying a CreatorPool directly; only the pools the factory records (`poolOf`) are official.
 */
interface ICreatorPoolDeployer {
    /// @notice Deploy `new CreatorPool(coin, baseToken, admin, feeRecipient, params)`.
    /// @param coin the creator coin.
    /// @param baseToken the base token (a stablecoin).
    /// @param admin the pool's DEFAULT_ADMIN_ROLE (the multisig).
    /// @param feeRecipient the pool's protocol fee recipient (the FeeSplitter).
    /// @param params the pool's fee and protections.
    /// @return pool the new pool.
    function deployPool(
        address coin,
        address baseToken,
        address admin,
        address feeRecipient,
        ICreatorPool.PoolParams calldata params
    ) external returns (address pool);
}
