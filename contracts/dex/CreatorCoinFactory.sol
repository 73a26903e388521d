// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {CreatorCoin} from "./CreatorCoin.sol";
import {ICreatorCoin} from "../interfaces/ICreatorCoin.sol";
import {ICreatorCoinFactory} from "../interfaces/ICreatorCoinFactory.sol";
import {ICreatorPool} from "../interfaces/ICreatorPool.sol";
import {ICreatorPoolDeployer} from "../interfaces/ICreatorPoolDeployer.sol";
import {IMetricsOracle} from "../interfaces/IMetricsOracle.sol";
import {IWorxBadges} from "../interfaces/IWorxBadges.sol";
import {PoolMath} from "../libraries/PoolMath.sol";

/**
 * @title CreatorCoinFactory
 * @notice Launches creator coins and their pools. See {ICreatorCoinFactory}.
 * @dev Roles: DEFAULT_ADMIN_ROLE = the multisig, also made admin of every pool. The factory is each
 * coin's `factory()`, the only account allowed to change the coin's revenue exclusions. Pools are
 * created through a {ICreatorPoolDeployer}: the coin's and the pool's creation code together exceed
 * the EIP-170 size limit.
 */
contract CreatorCoinFactory is AccessControl, ICreatorCoinFactory {
    /// @notice The holders' share UIs propose by default (10%).
    uint16 public constant DEFAULT_HOLDER_SHARE_BPS = 1_000;
    uint8 private constant MAX_TIER = uint8(type(IWorxBadges.Tier).max);

    IMetricsOracle private immutable ORACLE;
    address private immutable BASE_TOKEN;
    address private immutable BADGES;
    address private immutable ADMIN;
    ICreatorPoolDeployer private immutable POOL_DEPLOYER;

    address private _feeRecipient;
    ICreatorPool.PoolParams private _defaultPoolParams;
    mapping(bytes32 creatorId => address) private _coins;
    mapping(address coin => address) private _pools;
    address[] private _allCoins;

    /// @notice Deploy a factory.
    /// @param admin receives DEFAULT_ADMIN_ROLE and becomes every pool's admin (the multisig).
    /// @param oracle_ the metrics oracle.
    /// @param baseToken_ the pools' base token (a stablecoin).
    /// @param badges_ the WorxBadges accepted for premium access (zero: none).
    /// @param feeRecipient_ the pools' protocol fee recipient (the FeeSplitter).
    /// @param poolDeployer_ the CreatorPoolDeployer.
    /// @param defaultPoolParams_ the parameters of new pools (governed afterwards).
    constructor(
        address admin,
        address oracle_,
        address baseToken_,
        address badges_,
        address feeRecipient_,
        address poolDeployer_,
        ICreatorPool.PoolParams memory defaultPoolParams_
    ) {
        if (admin == address(0) || oracle_ == address(0) || baseToken_ == address(0) || poolDeployer_ == address(0)) {
            revert ZeroAddress();
        }
        POOL_DEPLOYER = ICreatorPoolDeployer(poolDeployer_);
        _grantRole(DEFAULT_ADMIN_ROLE, admin);
        ADMIN = admin;
        ORACLE = IMetricsOracle(oracle_);
        BASE_TOKEN = baseToken_;
        BADGES = badges_;
        _setFeeRecipient(feeRecipient_);
        _setDefaultPoolParams(defaultPoolParams_);
    }

    // ───────────────────────────── actions ─────────────────────────────

    /// @inheritdoc ICreatorCoinFactory
    function launch(
        bytes32 creatorId,
        string calldata name,
        string calldata symbol,
        uint256 initialSupply,
        uint256[] calldata releaseAmounts,
        uint16 holderShareBps
    ) external returns (address coin, address pool) {
        coin = _deployCoin(creatorId, name, symbol, initialSupply, releaseAmounts, holderShareBps);
        pool = POOL_DEPLOYER.deployPool(coin, BASE_TOKEN, ADMIN, _feeRecipient, _defaultPoolParams);
        // Liquidity must not dilute holders: the pool's coins earn no revenue.
        ICreatorCoin(coin).setRevenueExcluded(pool, true);
        _pools[coin] = pool;
        // The caller is the creator (checked by _deployCoin).
        emit CoinLaunched(
            creatorId, msg.sender, coin, pool, initialSupply, ICreatorCoin(coin).maxSupply(), holderShareBps
        );
    }

    // ───────────────────────────── admin ─────────────────────────────

    /// @inheritdoc ICreatorCoinFactory
    function setDefaultPoolParams(ICreatorPool.PoolParams calldata params) external onlyRole(DEFAULT_ADMIN_ROLE) {
        _setDefaultPoolParams(params);
    }

    /// @inheritdoc ICreatorCoinFactory
    function setFeeRecipient(address recipient) external onlyRole(DEFAULT_ADMIN_ROLE) {
        _setFeeRecipient(recipient);
    }

    /// @inheritdoc ICreatorCoinFactory
    function setRevenueExcluded(address coin, address account, bool excluded) external onlyRole(DEFAULT_ADMIN_ROLE) {
        if (_pools[coin] == address(0)) revert UnknownCoin(coin);
        ICreatorCoin(coin).setRevenueExcluded(account, excluded);
    }

    // ───────────────────────────── views ─────────────────────────────

    /// @inheritdoc ICreatorCoinFactory
    function hasPremiumAccess(address coin, address account, uint256 minBalance, uint8 badgeTier)
        external
        view
        returns (bool)
    {
        if (minBalance != 0 && _pools[coin] != address(0) && IERC20(coin).balanceOf(account) >= minBalance) {
            return true;
        }
        if (badgeTier == 0 || badgeTier > MAX_TIER || BADGES == address(0)) return false;
        // Bit t of heldTiers is tier t: any bit at or above badgeTier is a tier high enough.
        return IWorxBadges(BADGES).heldTiers(account) >> badgeTier != 0;
    }

    /// @inheritdoc ICreatorCoinFactory
    function oracle() external view returns (address) {
        return address(ORACLE);
    }

    /// @inheritdoc ICreatorCoinFactory
    function baseToken() external view returns (address) {
        return BASE_TOKEN;
    }

    /// @inheritdoc ICreatorCoinFactory
    function badges() external view returns (address) {
        return BADGES;
    }

    /// @inheritdoc ICreatorCoinFactory
    function poolDeployer() external view returns (address) {
        return address(POOL_DEPLOYER);
    }

    /// @inheritdoc ICreatorCoinFactory
    function defaultPoolParams() external view returns (ICreatorPool.PoolParams memory) {
        return _defaultPoolParams;
    }

    /// @inheritdoc ICreatorCoinFactory
    function feeRecipient() external view returns (address) {
        return _feeRecipient;
    }

    /// @inheritdoc ICreatorCoinFactory
    function coinOf(bytes32 creatorId) external view returns (address) {
        return _coins[creatorId];
    }

    /// @inheritdoc ICreatorCoinFactory
    function poolOf(address coin) external view returns (address) {
        return _pools[coin];
    }

    /// @inheritdoc ICreatorCoinFactory
    function coinCount() external view returns (uint256) {
        return _allCoins.length;
    }

    /// @inheritdoc ICreatorCoinFactory
    function coinAt(uint256 index) external view returns (address) {
        return _allCoins[index];
    }

    // ───────────────────────────── internals ─────────────────────────────

    /// @dev Deploys the coin at its CREATE2 address (salt = creatorId) and records it.
    function _deployCoin(
        bytes32 creatorId,
        string calldata name,
        string calldata symbol,
        uint256 initialSupply,
        uint256[] calldata releaseAmounts,
        uint16 holderShareBps
    ) private returns (address coin) {
        ICreatorCoin.CoinConfig memory config = _launchConfig(creatorId, initialSupply, releaseAmounts, holderShareBps);
        coin = address(new CreatorCoin{salt: creatorId}(name, symbol, config));
        _coins[creatorId] = coin;
        _allCoins.push(coin);
    }

    /// @dev Checks the caller may launch `creatorId`'s coin now, and fixes the coin's configuration.
    function _launchConfig(
        bytes32 creatorId,
        uint256 initialSupply,
        uint256[] calldata releaseAmounts,
        uint16 holderShareBps
    ) private view returns (ICreatorCoin.CoinConfig memory) {
        address creator = ORACLE.creatorOf(creatorId);
        if (msg.sender != creator || creator == address(0)) revert NotCreator(creatorId, msg.sender, creator);
        uint256 launchIndex = ORACLE.launchMilestoneIndex();
        if (!ORACLE.hasReachedLaunch(creatorId)) revert LaunchMilestoneNotReached(creatorId, launchIndex);
        address existing = _coins[creatorId];
        if (existing != address(0)) revert AlreadyLaunched(creatorId, existing);
        return ICreatorCoin.CoinConfig({
            creatorId: creatorId,
            creator: creator,
            oracle: address(ORACLE),
            baseToken: BASE_TOKEN,
            holderShareBps: holderShareBps,
            initialSupply: initialSupply,
            firstReleaseIndex: launchIndex + 1,
            releaseAmounts: releaseAmounts
        });
    }

    function _setFeeRecipient(address recipient) private {
        if (recipient == address(0)) revert ZeroAddress();
        address previous = _feeRecipient;
        _feeRecipient = recipient;
        emit FeeRecipientUpdated(previous, recipient);
    }

    function _setDefaultPoolParams(ICreatorPool.PoolParams memory params) private {
        if (!PoolMath.paramsValid(params)) revert InvalidPoolParams();
        _defaultPoolParams = params;
        emit DefaultPoolParamsUpdated(params);
    }
}
