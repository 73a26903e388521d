// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/**
 * @title ICreatorCoin
 * @notice A creator's coin: ERC-20 + ERC-2612 permit, 18 decimals, deployed by the
 * {ICreatorCoinFactory} when the creator reaches the launch milestone of the {IMetricsOracle}.
 *
 * Supply: `initialSupply` minted to the creator at launch; then, per the schedule fixed at launch,
 * `releaseAt(i)` more minted to the creator once the oracle reports milestone `i` reached (anyone
 * may trigger `release(i)`, once per index). Nothing else ever mints, and nothing burns.
 *
 * Revenue sharing, in the coin's base token (the pool's stablecoin): anyone may `depositRevenue`.
 * `holderShareBps` of each deposit (fixed at launch, default 1000 = 10%) is credited to the holders
 * pro rata to their balances at the moment of the deposit; the rest (and the holders' share when no
 * eligible holder exists) to the creator. Claims are pulled (`claimRevenue`), O(1) per deposit and
 * per transfer: coins received after a deposit earn nothing from it, coins sent away keep what they
 * earned before.
 *
 * Excluded accounts: the coin's pool (excluded by the factory at launch) and any account the factory's
 * admin excludes (other AMM pools) earn nothing and do not dilute holders: their balances are left out
 * of the eligible supply. Revenue an account earned before its exclusion stays claimable. The zero
 * address never holds coins (it is not part of the supply).
 *
 * Accounting: a magnified revenue-per-coin accumulator (scaled by 2^96) and one signed correction
 * per account, adjusted on every balance change (the "dividend-paying token" pattern); division
 * remainders are carried to the next deposit, so holders lose at most 1 unit each to rounding. The
 * holders' share goes to the creator instead when no eligible coin exists, or when a tiny eligible
 * supply would push the accumulator past 2^135 (the bound that keeps every balance change from
 * overflowing; it cannot happen while the eligible supply is at least 2^-39 of the cumulative
 * holder revenue in units).
 *
 * Timing (inherent to "pro rata at the time of deposit"): a deposit visible in the mempool can be
 * sandwiched, buying coins just before it and selling them after the pool's cooldown, which pays
 * when the deposit's holder share times the bought fraction of the eligible supply exceeds the
 * round trip's swap fees (about 0.6%). Creators should deposit often in small amounts, or through a
 * private transaction relay, rather than in rare large deposits.
 *
 * Premium access: `hasAccess(account, minBalance)`.
 */
interface ICreatorCoin {
    /// @notice What the factory fixes at launch.
    struct CoinConfig {
        bytes32 creatorId; // the creator in the oracle
        address creator; // the creator's wallet (the oracle's creatorOf at launch)
        address oracle; // the metrics oracle releasing supply
        address baseToken; // the token revenue is paid in (the pool's base token)
        uint16 holderShareBps; // holders' share of each revenue deposit, at most 10_000
        uint256 initialSupply; // minted to the creator at launch
        uint256 firstReleaseIndex; // the milestone index of releaseAmounts[0] (launch milestone + 1)
        uint256[] releaseAmounts; // minted at milestones firstReleaseIndex, firstReleaseIndex + 1, ...
    }

    // ───────────────────────────── events ─────────────────────────────

    /// @notice Supply scheduled for a milestone was minted to the creator.
    /// @param milestoneIndex the oracle milestone.
    /// @param amount minted.
    event SupplyReleased(uint256 indexed milestoneIndex, uint256 amount);

    /// @notice Revenue was deposited.
    /// @param from who paid it.
    /// @param amount base-token units received.
    /// @param holderAmount credited to eligible holders pro rata.
    /// @param creatorAmount credited to the creator.
    event RevenueDeposited(address indexed from, uint256 amount, uint256 holderAmount, uint256 creatorAmount);

    /// @notice An account claimed its revenue.
    /// @param account who received it.
    /// @param amount base-token units paid.
    event RevenueClaimed(address indexed account, uint256 amount);

    /// @notice An account was excluded from revenue sharing, or included again.
    /// @param account the account.
    /// @param excluded true when excluded now.
    event RevenueExclusionUpdated(address indexed account, bool excluded);

    // ───────────────────────────── errors ─────────────────────────────

    /// @notice Only the factory that deployed the coin may do this. Debug: `factory()`.
    error NotFactory(address caller);

    /// @notice The schedule has nothing for this milestone index. Debug: `releaseAt(index)`; indices
    /// before or at the launch milestone never release.
    error NothingToRelease(uint256 milestoneIndex);

    /// @notice The milestone's supply was already minted. Debug: `isReleased(index)`.
    error AlreadyReleased(uint256 milestoneIndex);

    /// @notice The oracle does not report the milestone reached yet. Debug: the oracle's
    /// `isMilestoneReached(creatorId(), index)` and `milestonesReached`.
    error MilestoneNotReached(uint256 milestoneIndex);

    /// @notice The maximum supply (initial plus every release) exceeds 2^112 - 1, the pool's reserve
    /// bound. Debug: lower the initial supply or the release amounts.
    error SupplyTooLarge(uint256 maxSupply);

    /// @notice More scheduled releases than MAX_RELEASES (64, the oracle's milestone bound).
    error TooManyReleases(uint256 count);

    /// @notice A holder share above 10_000 basis points.
    error InvalidHolderShare(uint16 bps);

    /// @notice A zero deposit, or a deposit whose base-token balance grew by another amount than
    /// requested (fee-on-transfer or rebasing tokens are not supported). Debug: the token's transfer.
    error InvalidDeposit(uint256 requested, uint256 received);

    /// @notice The caller has no revenue to claim. Debug: `claimableRevenue(account)`.
    error NothingToClaim(address account);

    /// @notice The account's exclusion is already as requested. Debug: `isRevenueExcluded(account)`.
    error ExclusionUnchanged(address account, bool excluded);

    /// @notice A zero address where an account is required (creator, oracle, base token, excluded account).
    error ZeroAddress();

    // ───────────────────────────── actions ─────────────────────────────

    /// @notice Mint milestone `milestoneIndex`'s scheduled supply to the creator. Anyone, once per index.
    /// @param milestoneIndex an oracle milestone the creator has reached.
    /// @return amount minted.
    function release(uint256 milestoneIndex) external returns (uint256 amount);

    /// @notice Deposit revenue, pulled with `transferFrom` from the caller (approve the coin first).
    /// @param amount base-token units, above zero.
    function depositRevenue(uint256 amount) external;

    /// @notice Pay the caller every base-token unit it may claim (holder dividends, and the creator's
    /// share for the creator).
    /// @return amount paid.
    function claimRevenue() external returns (uint256 amount);

    /// @notice Exclude an account from revenue sharing, or include it again. Only the factory.
    /// @param account the account (a pool).
    /// @param excluded true to exclude.
    function setRevenueExcluded(address account, bool excluded) external;

    // ───────────────────────────── views ─────────────────────────────

    /// @notice The creator, receiving released supply and the non-holder share of revenue.
    /// @return the wallet.
    function creator() external view returns (address);

    /// @notice The creator's id in the oracle.
    /// @return the id.
    function creatorId() external view returns (bytes32);

    /// @notice The oracle whose milestones release supply.
    /// @return the oracle.
    function oracle() external view returns (address);

    /// @notice The factory that deployed the coin.
    /// @return the factory.
    function factory() external view returns (address);

    /// @notice The token revenue is deposited and claimed in.
    /// @return the base token.
    function baseToken() external view returns (address);

    /// @notice The holders' share of each deposit.
    /// @return basis points.
    function holderShareBps() external view returns (uint16);

    /// @notice The supply scheduled for a milestone (0 when none), whether or not released yet.
    /// @param milestoneIndex the oracle milestone.
    /// @return amount.
    function releaseAt(uint256 milestoneIndex) external view returns (uint256);

    /// @notice Whether a milestone's supply was minted.
    /// @param milestoneIndex the oracle milestone.
    /// @return true once released.
    function isReleased(uint256 milestoneIndex) external view returns (bool);

    /// @notice The initial supply plus every scheduled release: the most that can ever exist.
    /// @return amount.
    function maxSupply() external view returns (uint256);

    /// @notice Base-token units `account` may claim now.
    /// @param account the account.
    /// @return amount.
    function claimableRevenue(address account) external view returns (uint256);

    /// @notice The creator's share credited and not claimed yet (included in the creator's
    /// `claimableRevenue`).
    /// @return amount in base-token units.
    function creatorRevenue() external view returns (uint256);

    /// @notice Holder revenue `account` has claimed so far (the creator's own share not included).
    /// @param account the account.
    /// @return amount in base-token units.
    function claimedRevenue(address account) external view returns (uint256);

    /// @notice Whether `account` is excluded from revenue sharing.
    /// @param account the account.
    /// @return true when excluded.
    function isRevenueExcluded(address account) external view returns (bool);

    /// @notice The supply earning revenue: the total supply minus excluded balances.
    /// @return amount.
    function eligibleSupply() external view returns (uint256);

    /// @notice Whether `account` holds at least `minBalance` coins (premium access).
    /// @param account the account.
    /// @param minBalance coin units required.
    /// @return true when it does.
    function hasAccess(address account, uint256 minBalance) external view returns (bool);
}
