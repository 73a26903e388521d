// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";
import {Votes} from "@openzeppelin/contracts/governance/utils/Votes.sol";
import {IERC6372} from "@openzeppelin/contracts/interfaces/IERC6372.sol";
import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {ERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/ERC20Permit.sol";
import {ERC20Votes} from "@openzeppelin/contracts/token/ERC20/extensions/ERC20Votes.sol";
import {Nonces} from "@openzeppelin/contracts/utils/Nonces.sol";
import {Time} from "@openzeppelin/contracts/utils/types/Time.sol";
import {IWorxToken} from "../interfaces/IWorxToken.sol";

// Lock terms are unix seconds by design, and so is the ERC-6372 clock (see the notes below).
// solhint-disable not-rely-on-time

/**
 * @title WorxToken
 * @notice WORX, the Worx DAO's governance token, with vote checkpoints on the timestamp clock and
 * staking locks on the holder's own balance. See {IWorxToken}.
 * @dev Roles: DEFAULT_ADMIN_ROLE ends with the DAO's TimelockController; MINTER_ROLE with WorkRewards.
 *
 * Staking never moves tokens: a position only raises `lockedBalance(account)`, which {_update} keeps
 * out of reach of transfers and burns. Votes therefore follow balances exactly as in OpenZeppelin's
 * ERC20Votes, and stake/unstake never write a checkpoint.
 *
 * The supply is capped at 2^128 - 1 (through {_maxSupply}) so that a position's amount, at most its
 * holder's balance, always fits the `uint128` of {IWorxToken.Stake}.
 *
 * Time: the ERC-6372 clock is `block.timestamp` (as uint48): proposals and vote snapshots are in unix
 * seconds on every chain, whatever its block time, and so are lock terms. A proposer or validator can
 * shift a timestamp by seconds, which is irrelevant next to days-long terms and voting periods.
 */
contract WorxToken is ERC20, ERC20Permit, ERC20Votes, AccessControl, IWorxToken {
    /// @inheritdoc IWorxToken
    bytes32 public constant MINTER_ROLE = keccak256("MINTER_ROLE");

    uint16 private constant BPS = 10_000;

    /// @dev Positions, by account and lock term.
    mapping(address account => mapping(LockTerm term => Stake)) private _stakes;

    /// @dev Sum of an account's positions' amounts, kept so that every transfer reads one slot only.
    mapping(address account => uint256) private _locked;

    /// @notice Deploy with `admin` holding DEFAULT_ADMIN_ROLE (it grants MINTER_ROLE to WorkRewards,
    /// then hands the admin role to the timelock), and optionally pre-mint `initialSupply` to
    /// `initialHolder` (the deploy config's choice; 0 by default: no pre-mine).
    /// @param admin receives DEFAULT_ADMIN_ROLE.
    /// @param initialHolder receives the pre-mint; ignored when `initialSupply` is 0.
    /// @param initialSupply tokens pre-minted, in wei of WORX; 0 for none.
    constructor(address admin, address initialHolder, uint256 initialSupply) ERC20("Worx", "WORX") ERC20Permit("Worx") {
        _grantRole(DEFAULT_ADMIN_ROLE, admin);
        if (initialSupply > 0) {
            _mint(initialHolder, initialSupply);
        }
    }

    // ───────────────────────────── actions ─────────────────────────────

    /// @inheritdoc IWorxToken
    function mint(address to, uint256 amount) external onlyRole(MINTER_ROLE) {
        _mint(to, amount);
    }

    /// @inheritdoc IWorxToken
    function stake(uint256 amount, LockTerm term) external {
        if (amount == 0) revert ZeroAmount();
        address account = _msgSender();
        uint256 locked = _locked[account];
        uint256 unlocked = _unlocked(account, locked);
        if (amount > unlocked) revert InsufficientUnlockedBalance(account, amount, unlocked);

        Stake storage position = _stakes[account][term];
        uint48 unlockAt = Time.timestamp() + lockDuration(term);
        if (position.unlockAt > unlockAt) unlockAt = position.unlockAt; // adding never shortens a lock
        // The position grows by at most the unlocked balance, so it stays within the balance, hence
        // within the supply cap of 2^128 - 1: the cast cannot truncate.
        uint128 positionAmount = position.amount + uint128(amount);
        position.amount = positionAmount;
        position.unlockAt = unlockAt;
        _locked[account] = locked + amount;
        emit Staked(account, term, amount, positionAmount, unlockAt);
    }

    /// @inheritdoc IWorxToken
    function unstake(LockTerm term) external returns (uint256 amount) {
        address account = _msgSender();
        Stake memory position = _stakes[account][term];
        if (position.amount == 0) revert NoStake(account, term);
        if (Time.timestamp() < position.unlockAt) revert StakeLocked(account, term, position.unlockAt);

        amount = position.amount;
        delete _stakes[account][term];
        // The position is part of the locked sum, so the subtraction cannot underflow.
        unchecked {
            _locked[account] -= amount;
        }
        emit Unstaked(account, term, amount);
    }

    // ───────────────────────────── views ─────────────────────────────

    /// @inheritdoc IWorxToken
    function stakeOf(address account, LockTerm term) external view returns (Stake memory) {
        return _stakes[account][term];
    }

    /// @inheritdoc IWorxToken
    function lockedBalance(address account) external view returns (uint256) {
        return _locked[account];
    }

    /// @inheritdoc IWorxToken
    function unlockedBalanceOf(address account) external view returns (uint256) {
        return _unlocked(account, _locked[account]);
    }

    /// @inheritdoc IWorxToken
    function stakingPower(address account) external view returns (uint256 power) {
        uint48 now_ = Time.timestamp();
        mapping(LockTerm => Stake) storage positions = _stakes[account];
        for (uint256 t = 0; t <= uint256(LockTerm.Days180); ++t) {
            LockTerm term = LockTerm(t);
            Stake memory position = positions[term];
            if (now_ < position.unlockAt) {
                // amount < 2^128 and boost <= 20_000: no overflow, and the sum of three such terms
                // stays far below 2^256.
                unchecked {
                    power += uint256(position.amount) * boostBps(term) / BPS;
                }
            }
        }
    }

    /// @inheritdoc IWorxToken
    function boostBps(LockTerm term) public pure returns (uint16) {
        if (term == LockTerm.Days30) return 10_000;
        if (term == LockTerm.Days90) return 15_000;
        return 20_000;
    }

    /// @inheritdoc IWorxToken
    function lockDuration(LockTerm term) public pure returns (uint48) {
        if (term == LockTerm.Days30) return 30 days;
        if (term == LockTerm.Days90) return 90 days;
        return 180 days;
    }

    /// @notice The ERC-6372 clock: the block's unix time.
    /// @return the current timepoint.
    function clock() public view override(IERC6372, Votes) returns (uint48) {
        return Time.timestamp();
    }

    // ERC-6372 spells the name in capitals.
    // solhint-disable func-name-mixedcase
    /// @notice The ERC-6372 clock mode: timepoints are unix seconds.
    /// @return "mode=timestamp".
    function CLOCK_MODE() public pure override(IERC6372, Votes) returns (string memory) {
        return "mode=timestamp";
    }
    // solhint-enable func-name-mixedcase

    /// @inheritdoc ERC20Permit
    function nonces(address owner) public view override(ERC20Permit, Nonces) returns (uint256) {
        return super.nonces(owner);
    }

    // ───────────────────────────── internals ─────────────────────────────

    /// @dev Refuse to move locked tokens, then move balances and votes as ERC20Votes does. Mints
    /// (`from` zero) are never limited by locks.
    function _update(address from, address to, uint256 value) internal override(ERC20, ERC20Votes) {
        if (from != address(0)) {
            uint256 locked = _locked[from];
            if (locked != 0) {
                uint256 unlocked = _unlocked(from, locked);
                if (value > unlocked) revert InsufficientUnlockedBalance(from, value, unlocked);
            }
        }
        super._update(from, to, value);
    }

    /// @dev Cap the supply at 2^128 - 1 (instead of ERC20Votes' 2^208 - 1) so positions fit a uint128.
    function _maxSupply() internal pure override returns (uint256) {
        return type(uint128).max;
    }

    /// @dev `account`'s balance minus `locked`, its locked sum.
    function _unlocked(address account, uint256 locked) private view returns (uint256) {
        // A position only ever locks unlocked tokens and {_update} never moves locked ones, so
        // locked <= balance always holds: no underflow.
        unchecked {
            return balanceOf(account) - locked;
        }
    }
}
