// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {ICreatorPool} from "./ICreatorPool.sol";

/**
 * @title ICreatorCoinFactory
 * @notice Launches creator coins: once the {IMetricsOracle} reports a creator at the launch
 * milestone, the creator's wallet (the oracle's `creatorOf`) may launch its coin, once per creator
 * id. A launch deploys the {ICreatorCoin} (CREATE2, salt = creatorId) and its {ICreatorPool} against
 * the factory's base token (through the {ICreatorPoolDeployer}, for contract size), and excludes
 * the pool from the coin's revenue sharing. The pool is empty: the creator adds the first liquidity
 * itself.
 *
 * Supply schedule: `releaseAmounts[i]` is released at oracle milestone `launchMilestoneIndex + 1 + i`
 * (the oracle's launch index at launch time; later governance changes do not move it).
 *
 * Pool parameters are not chosen by the creator: every new pool starts with the factory's governed
 * `defaultPoolParams()` (fee and protections); the multisig tunes each pool afterwards through the
 * pool's `setParams`.
 *
 * Governed by DEFAULT_ADMIN_ROLE (the multisig): the default pool parameters and the fee recipient
 * of pools launched from now on (the FeeSplitter), and revenue exclusion of other pool contracts holding a coin (e.g. an external
 * AMM pair) so liquidity does not dilute holders. Each pool's admin is the same multisig: the
 * `admin` given to the factory's constructor, fixed (granting the factory's role to another account
 * later does not change the admin of pools launched afterwards).
 *
 * Premium access: `hasPremiumAccess` accepts either enough of a coin launched here or a held
 * WorxBadges badge of a given tier or higher.
 */
interface ICreatorCoinFactory {
    // ───────────────────────────── events ─────────────────────────────

    /// @notice A creator launched its coin and pool.
    /// @param creatorId the creator in the oracle.
    /// @param creator its wallet, which received `initialSupply`.
    /// @param coin the new coin.
    /// @param pool the new (empty) pool of `coin` against the base token.
    /// @param initialSupply minted to the creator.
    /// @param maxSupply initial plus every scheduled release.
    /// @param holderShareBps the holders' share of revenue deposits.
    event CoinLaunched(
        bytes32 indexed creatorId,
        address indexed creator,
        address indexed coin,
        address pool,
        uint256 initialSupply,
        uint256 maxSupply,
        uint16 holderShareBps
    );

    /// @notice The fee recipient of future pools changed (also emitted at deployment).
    /// @param previous the recipient before.
    /// @param recipient the recipient now.
    event FeeRecipientUpdated(address previous, address recipient);

    /// @notice The parameters given to pools launched from now on changed (also emitted at deployment).
    /// @param params the new default parameters.
    event DefaultPoolParamsUpdated(ICreatorPool.PoolParams params);

    // ───────────────────────────── errors ─────────────────────────────

    /// @notice The caller is not the creator's wallet. Debug: the oracle's `creatorOf(creatorId)`
    /// (zero when the creator was never reported).
    error NotCreator(bytes32 creatorId, address caller, address creator);

    /// @notice The creator has not reached the launch milestone. Debug: the oracle's
    /// `launchMilestoneIndex()` and `milestonesReached(creatorId)`.
    error LaunchMilestoneNotReached(bytes32 creatorId, uint256 launchMilestoneIndex);

    /// @notice The creator already launched its coin. Debug: `coinOf(creatorId)`.
    error AlreadyLaunched(bytes32 creatorId, address coin);

    /// @notice The coin was not launched by this factory. Debug: `poolOf(coin)` is zero.
    error UnknownCoin(address coin);

    /// @notice A zero address where a contract or recipient is required. Debug: check the deployment
    /// arguments or the admin call's recipient.
    error ZeroAddress();

    /// @notice Default pool parameters out of range, refused so no launch can fail on them later:
    /// the same rules as the pool's `InvalidParams` (fee above the pool's MAX_SWAP_FEE_BPS, protocol
    /// share or impact cap above 10_000 bps, a breaker bound with a zero window or cool-off).
    /// Debug: compare the parameters with those limits.
    error InvalidPoolParams();

    // ───────────────────────────── actions ─────────────────────────────

    /// @notice Launch the caller's coin and its pool.
    /// @param creatorId the caller's creator id in the oracle (launch milestone reached).
    /// @param name the coin's ERC-20 name.
    /// @param symbol the coin's ERC-20 symbol.
    /// @param initialSupply minted to the creator now.
    /// @param releaseAmounts minted to the creator at each later milestone, in milestone order
    /// (at most 64; a zero entry releases nothing); initial plus releases at most 2^112 - 1.
    /// @param holderShareBps the holders' share of each revenue deposit (DEFAULT_HOLDER_SHARE_BPS = 1000 usually).
    /// @return coin the new coin.
    /// @return pool the new pool, with `defaultPoolParams()`.
    function launch(
        bytes32 creatorId,
        string calldata name,
        string calldata symbol,
        uint256 initialSupply,
        uint256[] calldata releaseAmounts,
        uint16 holderShareBps
    ) external returns (address coin, address pool);

    // ───────────────────────────── admin ─────────────────────────────

    /// @notice Set the parameters of pools launched from now on (existing pools keep theirs). Only
    /// DEFAULT_ADMIN_ROLE.
    /// @param params the parameters (validated like the pool's, else InvalidPoolParams).
    function setDefaultPoolParams(ICreatorPool.PoolParams calldata params) external;

    /// @notice Set the fee recipient of pools launched from now on. Only DEFAULT_ADMIN_ROLE.
    /// @param recipient the FeeSplitter (non-zero).
    function setFeeRecipient(address recipient) external;

    /// @notice Exclude an account (another pool holding the coin) from a coin's revenue sharing, or
    /// include it again. Only DEFAULT_ADMIN_ROLE.
    /// @param coin a coin launched here.
    /// @param account the account.
    /// @param excluded true to exclude.
    function setRevenueExcluded(address coin, address account, bool excluded) external;

    // ───────────────────────────── views ─────────────────────────────

    /// @notice Whether `account` may use a premium feature: it holds at least `minBalance` of `coin`
    /// (a coin launched here), or a WorxBadges badge of tier `badgeTier` or higher.
    /// @param coin the coin (any address when only the badge counts).
    /// @param account the account.
    /// @param minBalance coin units required (0: the coin path is not used).
    /// @param badgeTier the lowest badge tier accepted, 1 Bronze .. 5 Verified (0: badges not accepted).
    /// @return true when either holds.
    function hasPremiumAccess(address coin, address account, uint256 minBalance, uint8 badgeTier)
        external
        view
        returns (bool);

    /// @notice The oracle gating launches and releases.
    /// @return the oracle.
    function oracle() external view returns (address);

    /// @notice The base token of every pool and of revenue sharing.
    /// @return the token.
    function baseToken() external view returns (address);

    /// @notice The badges accepted for premium access (zero: none).
    /// @return the WorxBadges contract.
    function badges() external view returns (address);

    /// @notice The contract deploying the pools.
    /// @return the CreatorPoolDeployer.
    function poolDeployer() external view returns (address);

    /// @notice The parameters given to new pools.
    /// @return params the default parameters.
    function defaultPoolParams() external view returns (ICreatorPool.PoolParams memory params);

    /// @notice The fee recipient given to new pools.
    /// @return the recipient.
    function feeRecipient() external view returns (address);

    /// @notice A creator's coin.
    /// @param creatorId the creator.
    /// @return the coin, zero when not launched.
    function coinOf(bytes32 creatorId) external view returns (address);

    /// @notice A coin's pool.
    /// @param coin the coin.
    /// @return the pool, zero when the coin was not launched here.
    function poolOf(address coin) external view returns (address);

    /// @notice How many coins were launched.
    /// @return the count.
    function coinCount() external view returns (uint256);

    /// @notice The coin launched `index`-th (0-based).
    /// @param index below `coinCount()`.
    /// @return the coin.
    function coinAt(uint256 index) external view returns (address);
}
