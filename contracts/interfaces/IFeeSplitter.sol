// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/**
 * @title IFeeSplitter
 * @notice Receives the protocol's fees (it is the escrow's `feeRecipient`; later the DEX's) and splits
 * every income per token between the DAO treasury (`daoShareBps`, seed 70%) and operations (the
 * rest), exactly to the last unit. Pull-based: a split only credits the two payees; anyone may then
 * `release` a payee's credit to it, so a payee that cannot receive (blocklisted, reverting) never
 * blocks the other one or the next split.
 *
 * Accounting is balance-based, per token (`address(0)` = the native coin): the income of a split is
 * `balance(token) - totalOwed(token)`, i.e. what actually arrived, so fee-on-transfer tokens are
 * split on the net amount received. Rebasing tokens are not supported: a negative rebase can leave
 * the balance below `totalOwed` (then nothing is split and the last release of that token fails).
 *
 * Conservation law, per token: `balance(token) >= totalOwed(token)`, with equality right after a
 * split; every split has `toTreasury + toOperations == income`; what is released never exceeds what
 * was split.
 *
 * The Stacks contract `clarity/contracts/dao/fee-splitter.clar` mirrors this interface; its `print`
 * events carry the same fields under kebab-case topics (`fees-split`, ...).
 */
interface IFeeSplitter {
    // ───────────────────────────── events ─────────────────────────────

    /// @notice New income in `token` was split and credited to the two payees.
    /// `toTreasury + toOperations == income`.
    /// @param token the ERC-20, or `address(0)` for the native coin.
    /// @param income what arrived since the last split (balance minus what is owed).
    /// @param toTreasury credited to the treasury: `income * daoShareBps / 10_000`, rounded down.
    /// @param toOperations credited to operations: the rest.
    /// @param daoShareBps the treasury's share used for this split, in basis points.
    event FeesSplit(address indexed token, uint256 income, uint256 toTreasury, uint256 toOperations, uint16 daoShareBps);

    /// @notice A payee's whole credit in `token` was sent to it.
    /// @param token the ERC-20, or `address(0)` for the native coin.
    /// @param payee who received it.
    /// @param amount what was sent.
    event FeesReleased(address indexed token, address indexed payee, uint256 amount);

    /// @notice The treasury's share of future splits changed.
    /// @param previousBps the share before, in basis points.
    /// @param newBps the share now, in basis points.
    event DaoShareUpdated(uint16 previousBps, uint16 newBps);

    /// @notice The payees of future splits changed (credits already split stay with the old payees).
    /// @param treasury the treasury now.
    /// @param operations the operations account now.
    event PayeesUpdated(address treasury, address operations);

    // ───────────────────────────── errors ─────────────────────────────

    /// @notice A share above 10_000 basis points (100%) was given. Debug: shares are basis points of
    /// the income, not percents (7_000 = 70%).
    error InvalidShare(uint16 bps);

    /// @notice A payee or the admin is the zero address. Debug: check the deploy parameters or the
    /// proposal's calldata; fees credited to address(0) could never be released.
    error ZeroAddress();

    /// @notice `payee` has no credit in `token`. Debug: `owed(payee, token)`; fees are credited only by
    /// `distribute`/`collect`, and a payee replaced by `setPayees` gets nothing from later splits.
    error NothingOwed(address token, address payee);

    /// @notice Sending `amount` of native coin to `payee` failed (its fallback reverted). The credit is
    /// kept. Debug: the payee must accept plain value calls; change it with `setPayees` for future splits.
    error NativeTransferFailed(address payee, uint256 amount);

    // ───────────────────────────── actions ─────────────────────────────

    /// @notice Withdraw this splitter's credit in `token` from a fee source (the escrow's `withdraw`),
    /// then split whatever arrived. Anyone may call.
    /// @dev Reverts when the source reverts (e.g. nothing to withdraw there).
    /// @param source a contract exposing `withdraw(address token)` that credits this splitter.
    /// @param token the ERC-20, or `address(0)` for the native coin.
    /// @return income what was split (may include income that arrived earlier and was not yet split).
    function collect(address source, address token) external returns (uint256 income);

    /// @notice Split the income in `token` that arrived since the last split. Anyone may call.
    /// Emits {FeesSplit} unless the income is zero.
    /// @param token the ERC-20, or `address(0)` for the native coin.
    /// @return income what was split (0 when nothing new arrived).
    function distribute(address token) external returns (uint256 income);

    /// @notice Send `payee` its whole credit in `token`. Anyone may trigger it; the funds only ever go
    /// to `payee`.
    /// @param token the ERC-20, or `address(0)` for the native coin.
    /// @param payee the account credited (a current or a former payee).
    /// @return amount what was sent.
    function release(address token, address payee) external returns (uint256 amount);

    // ───────────────────────────── governance ─────────────────────────────

    /// @notice Set the treasury's share of future splits. Only DEFAULT_ADMIN_ROLE (the timelock).
    /// @param bps the share, in basis points (at most 10_000).
    function setDaoShare(uint16 bps) external;

    /// @notice Set the payees of future splits. Only DEFAULT_ADMIN_ROLE (the timelock). Credits
    /// already split stay with the old payees, who can still be released to.
    /// @param treasury the new treasury (non-zero).
    /// @param operations the new operations account (non-zero).
    function setPayees(address treasury, address operations) external;

    // ───────────────────────────── views ─────────────────────────────

    /// @notice The account credited with the DAO's share (the timelock).
    /// @return the treasury.
    function treasury() external view returns (address);

    /// @notice The account credited with the rest (operations).
    /// @return the operations account.
    function operations() external view returns (address);

    /// @notice The treasury's share of each split, in basis points.
    /// @return the share.
    function daoShareBps() external view returns (uint16);

    /// @notice What `payee` may still be released in `token`.
    /// @param payee the account.
    /// @param token the ERC-20, or `address(0)` for the native coin.
    /// @return the credit.
    function owed(address payee, address token) external view returns (uint256);

    /// @notice The sum of every payee's credit in `token`.
    /// @param token the ERC-20, or `address(0)` for the native coin.
    /// @return the total credit.
    function totalOwed(address token) external view returns (uint256);
}
