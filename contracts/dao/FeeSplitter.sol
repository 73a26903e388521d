// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {IFeeSplitter} from "../interfaces/IFeeSplitter.sol";
import {IMilestoneEscrow} from "../interfaces/IMilestoneEscrow.sol";

/**
 * @title FeeSplitter
 * @notice Splits protocol fees per token between the DAO treasury and operations, pull-based and
 * exact to the last unit. See {IFeeSplitter}.
 * @dev DEFAULT_ADMIN_ROLE belongs to the timelock (the DAO). Every entry point that moves value is
 * `nonReentrant` and follows checks-effects-interactions; the only external calls are the fee
 * source's `withdraw` in {collect} and the payout in {release}.
 */
contract FeeSplitter is IFeeSplitter, AccessControl, ReentrancyGuardTransient {
    using SafeERC20 for IERC20;

    /// @dev Native coin is represented as token address zero.
    address private constant NATIVE = address(0);
    /// @dev 100% in basis points.
    uint16 private constant MAX_BPS = 10_000;

    address private _treasury;
    uint16 private _daoShareBps;
    address private _operations;

    mapping(address payee => mapping(address token => uint256)) private _owed;
    mapping(address token => uint256) private _totalOwed;

    /// @notice Deploy with the payees, the treasury's share and the admin (the timelock).
    /// @param initialTreasury credited with the DAO's share (the timelock).
    /// @param initialOperations credited with the rest.
    /// @param initialDaoShareBps the treasury's share, in basis points (seed 7_000).
    /// @param admin receives DEFAULT_ADMIN_ROLE.
    constructor(address initialTreasury, address initialOperations, uint16 initialDaoShareBps, address admin) {
        if (admin == address(0)) revert ZeroAddress();
        _grantRole(DEFAULT_ADMIN_ROLE, admin);
        _setPayees(initialTreasury, initialOperations);
        _setDaoShare(initialDaoShareBps);
    }

    /// @notice Accept native-coin fees (the escrow's `withdraw` pays with a plain value call). They
    /// are split by the next {distribute} or {collect}.
    receive() external payable {}

    // ───────────────────────────── actions ─────────────────────────────

    /// @inheritdoc IFeeSplitter
    function collect(address source, address token) external nonReentrant returns (uint256 income) {
        // Whatever `withdraw` returns is ignored on purpose: only the balance that arrived counts.
        IMilestoneEscrow(source).withdraw(token);
        income = _distribute(token);
    }

    /// @inheritdoc IFeeSplitter
    function distribute(address token) external nonReentrant returns (uint256 income) {
        income = _distribute(token);
    }

    /// @inheritdoc IFeeSplitter
    function release(address token, address payee) external nonReentrant returns (uint256 amount) {
        amount = _owed[payee][token];
        if (amount == 0) revert NothingOwed(token, payee);

        _owed[payee][token] = 0;
        _totalOwed[token] -= amount;
        emit FeesReleased(token, payee, amount);

        if (token == NATIVE) {
            // A plain value call: the payee (the timelock, a multisig) needs more than 2300 gas.
            // solhint-disable-next-line avoid-low-level-calls
            (bool ok,) = payable(payee).call{value: amount}("");
            if (!ok) revert NativeTransferFailed(payee, amount);
        } else {
            IERC20(token).safeTransfer(payee, amount);
        }
    }

    // ───────────────────────────── governance ─────────────────────────────

    /// @inheritdoc IFeeSplitter
    function setDaoShare(uint16 bps) external onlyRole(DEFAULT_ADMIN_ROLE) {
        _setDaoShare(bps);
    }

    /// @inheritdoc IFeeSplitter
    function setPayees(address newTreasury, address newOperations) external onlyRole(DEFAULT_ADMIN_ROLE) {
        _setPayees(newTreasury, newOperations);
    }

    // ───────────────────────────── views ─────────────────────────────

    /// @inheritdoc IFeeSplitter
    function treasury() external view returns (address) {
        return _treasury;
    }

    /// @inheritdoc IFeeSplitter
    function operations() external view returns (address) {
        return _operations;
    }

    /// @inheritdoc IFeeSplitter
    function daoShareBps() external view returns (uint16) {
        return _daoShareBps;
    }

    /// @inheritdoc IFeeSplitter
    function owed(address payee, address token) external view returns (uint256) {
        return _owed[payee][token];
    }

    /// @inheritdoc IFeeSplitter
    function totalOwed(address token) external view returns (uint256) {
        return _totalOwed[token];
    }

    // ───────────────────────────── internals ─────────────────────────────

    /// @dev Balance-based: the income is what the splitter holds beyond what it owes. A balance at or
    /// below the total owed (only possible with a negative rebase) splits nothing rather than reverting.
    function _distribute(address token) private returns (uint256 income) {
        uint256 balance = token == NATIVE ? address(this).balance : IERC20(token).balanceOf(address(this));
        uint256 alreadyOwed = _totalOwed[token];
        if (balance <= alreadyOwed) return 0;

        income = balance - alreadyOwed;
        uint16 share = _daoShareBps;
        // mulDiv: exact floor even for balances near 2^256 (no overflow in the product).
        uint256 toTreasury = Math.mulDiv(income, share, MAX_BPS);
        uint256 toOperations = income - toTreasury;

        _owed[_treasury][token] += toTreasury;
        _owed[_operations][token] += toOperations;
        _totalOwed[token] = balance;
        emit FeesSplit(token, income, toTreasury, toOperations, share);
    }

    function _setDaoShare(uint16 bps) private {
        if (bps > MAX_BPS) revert InvalidShare(bps);
        uint16 previous = _daoShareBps;
        _daoShareBps = bps;
        emit DaoShareUpdated(previous, bps);
    }

    function _setPayees(address newTreasury, address newOperations) private {
        if (newTreasury == address(0) || newOperations == address(0)) revert ZeroAddress();
        _treasury = newTreasury;
        _operations = newOperations;
        emit PayeesUpdated(newTreasury, newOperations);
    }
}
