// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IERC5805} from "@openzeppelin/contracts/interfaces/IERC5805.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

/**
 * @title IWorxToken
 * @notice WORX, the Worx DAO's governance token: an ERC-20 ("Worx", "WORX", 18 decimals) with
 * ERC-2612 permits and OpenZeppelin vote checkpoints (ERC-5805) on the TIMESTAMP clock
 * (`clock()` is the block's unix time, `CLOCK_MODE()` is "mode=timestamp"). Votes count only once an
 * account delegates (to itself or to another account), as in OpenZeppelin's ERC20Votes.
 *
 * WORX is minted as a reward for completed escrow work (MINTER_ROLE, held by WorkRewards); there is
 * no pre-mine unless the deploy config asks for one.
 *
 * Staking is a lock on the holder's OWN balance: staked tokens never leave the account, so they keep
 * their voting power, but they cannot be transferred or burnt until the lock is over and the holder
 * unstakes them. One position per account and lock term (30, 90 or 180 days); adding to a position
 * never shortens its lock. While a position's lock runs it earns staking power (its amount times the
 * term's boost), which the fee-discount tiers read; an expired position stays locked, without power,
 * until its holder unstakes it. There is no early exit.
 *
 * The Stacks contract `clarity/contracts/dao/dao-token.clar` mirrors the staking part of this interface
 * (with 6 decimals); its `print` events carry the same fields under kebab-case topics.
 */
interface IWorxToken is IERC20, IERC5805 {
    /// @notice Lock terms: 30, 90 or 180 days.
    enum LockTerm {
        Days30,
        Days90,
        Days180
    }

    /// @notice An account's position for one lock term (one storage slot).
    struct Stake {
        uint128 amount; // tokens locked, in wei of WORX; zero when there is no position
        uint48 unlockAt; // unix seconds from which the position may be unstaked
    }

    // ───────────────────────────── events ─────────────────────────────

    /// @notice `account` locked `amount` more of its own tokens under `term`.
    /// @param account the holder (its balance and votes are unchanged).
    /// @param term the lock term.
    /// @param amount the tokens just added.
    /// @param positionAmount the position's amount now.
    /// @param unlockAt unix seconds from which the whole position may be unstaked.
    event Staked(
        address indexed account, LockTerm indexed term, uint256 amount, uint256 positionAmount, uint48 unlockAt
    );

    /// @notice `account` unlocked its whole position of `term`; the tokens are transferable again.
    /// @param account the holder.
    /// @param term the lock term.
    /// @param amount the tokens unlocked.
    event Unstaked(address indexed account, LockTerm indexed term, uint256 amount);

    // ───────────────────────────── errors ─────────────────────────────

    /// @notice A stake of zero tokens. Debug: amounts are in wei of WORX (18 decimals); a zero usually
    /// means a parsing or decimals slip off-chain.
    error ZeroAmount();

    /// @notice `account` tried to stake, transfer or burn `requested` tokens but only `unlocked` of its
    /// balance is not staked. Debug: `unlockedBalanceOf(account)` is what it may move; staked tokens
    /// stay locked until `unstake(term)` after the position's `unlockAt` (see `stakeOf`), even when the
    /// lock has already expired.
    error InsufficientUnlockedBalance(address account, uint256 requested, uint256 unlocked);

    /// @notice The position of `term` is still locked until `unlockAt` (unix seconds). There is no early
    /// exit. Debug: compare `unlockAt` with the block's timestamp (not the wall clock); adding to a
    /// position may have pushed its `unlockAt` later.
    error StakeLocked(address account, LockTerm term, uint48 unlockAt);

    /// @notice `account` has no position of `term` (never staked, or already unstaked). Debug:
    /// `stakeOf(account, term)`; each term is a separate position.
    error NoStake(address account, LockTerm term);

    // ───────────────────────────── actions ─────────────────────────────

    /// @notice Mint `amount` new tokens to `to`. Only MINTER_ROLE (WorkRewards).
    /// @param to the receiver (non-zero).
    /// @param amount in wei of WORX; the total supply stays at most 2^128 - 1.
    function mint(address to, uint256 amount) external;

    /// @notice Lock `amount` of the caller's unlocked balance under `term`. Adds to the caller's position
    /// of that term; its unlock time becomes the later of its current one and now + the term's duration.
    /// The tokens stay in the caller's balance and keep their votes.
    /// @param amount in (0, unlockedBalanceOf(caller)].
    /// @param term the lock term.
    function stake(uint256 amount, LockTerm term) external;

    /// @notice Unlock the caller's whole position of `term`, once its unlock time has come.
    /// @param term the lock term.
    /// @return amount the tokens unlocked.
    function unstake(LockTerm term) external returns (uint256 amount);

    // ───────────────────────────── views ─────────────────────────────

    /// @notice The role allowed to mint (held by WorkRewards).
    /// @return the role id, `keccak256("MINTER_ROLE")`.
    function MINTER_ROLE() external view returns (bytes32);

    /// @notice `account`'s position of `term` (zero when none).
    /// @param account the holder.
    /// @param term the lock term.
    /// @return the position.
    function stakeOf(address account, LockTerm term) external view returns (Stake memory);

    /// @notice Tokens of `account` locked in positions not yet unstaked (expired locks included).
    /// @param account the holder.
    /// @return the sum of its positions' amounts, at most its balance.
    function lockedBalance(address account) external view returns (uint256);

    /// @notice The part of `account`'s balance it may transfer, burn or stake.
    /// @param account the holder.
    /// @return `balanceOf(account) - lockedBalance(account)`.
    function unlockedBalanceOf(address account) external view returns (uint256);

    /// @notice `account`'s staking power now: over its positions whose lock still runs
    /// (now < unlockAt), the sum of `amount * boostBps(term) / 10_000` (rounded down per position).
    /// @param account the holder.
    /// @return the staking power, in wei of WORX.
    function stakingPower(address account) external view returns (uint256);

    /// @notice A term's boost on staking power, in basis points: 30 days 10_000, 90 days 15_000,
    /// 180 days 20_000.
    /// @param term the lock term.
    /// @return the boost.
    function boostBps(LockTerm term) external pure returns (uint16);

    /// @notice A term's lock duration, in seconds: 30, 90 or 180 days.
    /// @param term the lock term.
    /// @return the duration.
    function lockDuration(LockTerm term) external pure returns (uint48);
}
