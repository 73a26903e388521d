// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {ERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/ERC20Permit.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";
import {ICreatorCoin} from "../interfaces/ICreatorCoin.sol";
import {IMetricsOracle} from "../interfaces/IMetricsOracle.sol";

/**
 * @title CreatorCoin
 * @notice A creator's ERC-20 with a milestone release schedule and built-in revenue sharing. See
 * {ICreatorCoin}.
 * @dev Deployed by the factory (msg.sender at construction). Revenue accounting: for each account,
 * earned = (perShare * eligibleBalance + correction) / 2^96, where eligibleBalance is 0 for excluded
 * accounts; every balance change moves `perShare * value` into the correction so earnings never
 * jump on a transfer. The correction and the exclusion flag share one slot per account.
 */
contract CreatorCoin is ERC20, ERC20Permit, ReentrancyGuardTransient, ICreatorCoin {
    using SafeERC20 for IERC20;

    /// @notice Scale of the revenue-per-coin accumulator.
    uint256 public constant MAGNITUDE = 2 ** 96;
    /// @notice Bound of the accumulator: perShare * balance (< 2^112) always fits an int248.
    uint256 public constant MAX_PER_SHARE = 2 ** 135;
    /// @notice Bound of the supply: the pool's uint112 reserves must hold it.
    uint256 public constant MAX_SUPPLY = type(uint112).max;
    /// @notice Bound of the release schedule (the oracle's milestone bound).
    uint256 public constant MAX_RELEASES = 64;
    uint16 private constant BPS = 10_000;

    /// @dev An account's revenue state (one slot).
    struct Account {
        int248 correction;
        bool excluded;
    }

    bytes32 private immutable CREATOR_ID;
    address private immutable CREATOR;
    IMetricsOracle private immutable ORACLE;
    address private immutable FACTORY;
    IERC20 private immutable BASE_TOKEN;
    uint16 private immutable HOLDER_SHARE_BPS;
    uint256 private immutable FIRST_RELEASE_INDEX;
    uint256 private immutable MAX_TOTAL_SUPPLY;

    uint256[] private _releaseAmounts;
    uint256 private _releasedMask;

    uint256 private _magnifiedPerShare;
    uint256 private _magnifiedRemainder;
    uint256 private _eligibleSupply;
    uint256 private _creatorRevenue;
    mapping(address account => Account) private _accounts;
    mapping(address account => uint256) private _claimed;

    /// @notice Deploy a creator's coin; the caller becomes its factory.
    /// @param name_ ERC-20 name (also the permit domain's name).
    /// @param symbol_ ERC-20 symbol.
    /// @param config the creator, oracle, base token, holder share and supply schedule.
    constructor(string memory name_, string memory symbol_, CoinConfig memory config)
        ERC20(name_, symbol_)
        ERC20Permit(name_)
    {
        if (config.creator == address(0) || config.oracle == address(0) || config.baseToken == address(0)) {
            revert ZeroAddress();
        }
        if (config.holderShareBps > BPS) revert InvalidHolderShare(config.holderShareBps);
        uint256 count = config.releaseAmounts.length;
        if (count > MAX_RELEASES) revert TooManyReleases(count);
        uint256 total = config.initialSupply;
        for (uint256 i; i < count; ++i) {
            total += config.releaseAmounts[i];
        }
        if (total > MAX_SUPPLY) revert SupplyTooLarge(total);

        CREATOR_ID = config.creatorId;
        CREATOR = config.creator;
        ORACLE = IMetricsOracle(config.oracle);
        FACTORY = msg.sender;
        BASE_TOKEN = IERC20(config.baseToken);
        HOLDER_SHARE_BPS = config.holderShareBps;
        FIRST_RELEASE_INDEX = config.firstReleaseIndex;
        MAX_TOTAL_SUPPLY = total;
        _releaseAmounts = config.releaseAmounts;
        if (config.initialSupply != 0) _mint(config.creator, config.initialSupply);
    }

    // ───────────────────────────── actions ─────────────────────────────

    /// @inheritdoc ICreatorCoin
    function release(uint256 milestoneIndex) external returns (uint256 amount) {
        amount = releaseAt(milestoneIndex);
        if (amount == 0) revert NothingToRelease(milestoneIndex);
        // releaseAt is non-zero only for indices in [FIRST_RELEASE_INDEX, + MAX_RELEASES).
        uint256 bit = 1 << (milestoneIndex - FIRST_RELEASE_INDEX);
        if (_releasedMask & bit != 0) revert AlreadyReleased(milestoneIndex);
        if (!ORACLE.isMilestoneReached(CREATOR_ID, milestoneIndex)) revert MilestoneNotReached(milestoneIndex);
        _releasedMask |= bit;
        _mint(CREATOR, amount);
        emit SupplyReleased(milestoneIndex, amount);
    }

    /// @inheritdoc ICreatorCoin
    function depositRevenue(uint256 amount) external nonReentrant {
        uint256 before = BASE_TOKEN.balanceOf(address(this));
        BASE_TOKEN.safeTransferFrom(msg.sender, address(this), amount);
        uint256 received = BASE_TOKEN.balanceOf(address(this)) - before;
        if (amount == 0 || received != amount) revert InvalidDeposit(amount, received);

        uint256 holderAmount = amount * HOLDER_SHARE_BPS / BPS;
        uint256 eligible = _eligibleSupply;
        if (holderAmount != 0) {
            if (eligible == 0) {
                holderAmount = 0;
            } else {
                // The remainder of earlier divisions is distributed with this deposit.
                uint256 magnified = holderAmount * MAGNITUDE + _magnifiedRemainder;
                uint256 perShare = _magnifiedPerShare + magnified / eligible;
                if (perShare > MAX_PER_SHARE) {
                    holderAmount = 0;
                } else {
                    _magnifiedPerShare = perShare;
                    _magnifiedRemainder = magnified % eligible;
                }
            }
        }
        uint256 creatorAmount = amount - holderAmount;
        _creatorRevenue += creatorAmount;
        emit RevenueDeposited(msg.sender, amount, holderAmount, creatorAmount);
    }

    /// @inheritdoc ICreatorCoin
    function claimRevenue() external nonReentrant returns (uint256 amount) {
        uint256 earned = _earned(msg.sender);
        amount = earned - _claimed[msg.sender];
        _claimed[msg.sender] = earned;
        if (msg.sender == CREATOR) {
            amount += _creatorRevenue;
            _creatorRevenue = 0;
        }
        if (amount == 0) revert NothingToClaim(msg.sender);
        BASE_TOKEN.safeTransfer(msg.sender, amount);
        emit RevenueClaimed(msg.sender, amount);
    }

    /// @inheritdoc ICreatorCoin
    function setRevenueExcluded(address account, bool excluded) external {
        if (msg.sender != FACTORY) revert NotFactory(msg.sender);
        if (account == address(0)) revert ZeroAddress();
        Account storage acc = _accounts[account];
        if (acc.excluded == excluded) revert ExclusionUnchanged(account, excluded);
        uint256 balance = balanceOf(account);
        // Freeze (or resume) what the balance earned so far: earned() stays the same across the switch.
        int248 magnified = _magnify(balance);
        if (excluded) {
            acc.correction += magnified;
            _eligibleSupply -= balance;
        } else {
            acc.correction -= magnified;
            _eligibleSupply += balance;
        }
        acc.excluded = excluded;
        emit RevenueExclusionUpdated(account, excluded);
    }

    // ───────────────────────────── views ─────────────────────────────

    /// @inheritdoc ICreatorCoin
    function releaseAt(uint256 milestoneIndex) public view returns (uint256) {
        if (milestoneIndex < FIRST_RELEASE_INDEX) return 0;
        uint256 offset = milestoneIndex - FIRST_RELEASE_INDEX;
        return offset < _releaseAmounts.length ? _releaseAmounts[offset] : 0;
    }

    /// @inheritdoc ICreatorCoin
    function isReleased(uint256 milestoneIndex) external view returns (bool) {
        if (releaseAt(milestoneIndex) == 0) return false;
        return _releasedMask & (1 << (milestoneIndex - FIRST_RELEASE_INDEX)) != 0;
    }

    /// @inheritdoc ICreatorCoin
    function maxSupply() external view returns (uint256) {
        return MAX_TOTAL_SUPPLY;
    }

    /// @inheritdoc ICreatorCoin
    function claimableRevenue(address account) external view returns (uint256 amount) {
        amount = _earned(account) - _claimed[account];
        if (account == CREATOR) amount += _creatorRevenue;
    }

    /// @inheritdoc ICreatorCoin
    function creatorRevenue() external view returns (uint256) {
        return _creatorRevenue;
    }

    /// @inheritdoc ICreatorCoin
    function claimedRevenue(address account) external view returns (uint256) {
        return _claimed[account];
    }

    /// @inheritdoc ICreatorCoin
    function isRevenueExcluded(address account) external view returns (bool) {
        return _accounts[account].excluded;
    }

    /// @inheritdoc ICreatorCoin
    function eligibleSupply() external view returns (uint256) {
        return _eligibleSupply;
    }

    /// @inheritdoc ICreatorCoin
    function hasAccess(address account, uint256 minBalance) external view returns (bool) {
        return balanceOf(account) >= minBalance;
    }

    /// @inheritdoc ICreatorCoin
    function creator() external view returns (address) {
        return CREATOR;
    }

    /// @inheritdoc ICreatorCoin
    function creatorId() external view returns (bytes32) {
        return CREATOR_ID;
    }

    /// @inheritdoc ICreatorCoin
    function oracle() external view returns (address) {
        return address(ORACLE);
    }

    /// @inheritdoc ICreatorCoin
    function factory() external view returns (address) {
        return FACTORY;
    }

    /// @inheritdoc ICreatorCoin
    function baseToken() external view returns (address) {
        return address(BASE_TOKEN);
    }

    /// @inheritdoc ICreatorCoin
    function holderShareBps() external view returns (uint16) {
        return HOLDER_SHARE_BPS;
    }

    // ───────────────────────────── internals ─────────────────────────────

    /// @dev Keeps every eligible account's earnings unchanged by the balance change.
    function _update(address from, address to, uint256 value) internal override {
        super._update(from, to, value);
        int248 magnified = _magnify(value);
        uint256 eligible = _eligibleSupply;
        if (from != address(0)) {
            Account storage acc = _accounts[from];
            if (!acc.excluded) {
                if (magnified != 0) acc.correction += magnified;
                eligible -= value;
            }
        }
        if (to != address(0)) {
            Account storage acc = _accounts[to];
            if (!acc.excluded) {
                if (magnified != 0) acc.correction -= magnified;
                eligible += value;
            }
        }
        if (eligible != _eligibleSupply) _eligibleSupply = eligible;
    }

    /// @dev perShare * amount as an int248: perShare <= 2^135 and amount <= 2^112 (every balance
    /// and value is bounded by the supply), so the product is below 2^247.
    function _magnify(uint256 amount) private view returns (int248) {
        return SafeCast.toInt248(SafeCast.toInt256(_magnifiedPerShare * amount));
    }

    /// @dev Holder revenue `account` has earned since launch, claimed or not.
    function _earned(address account) private view returns (uint256) {
        Account memory acc = _accounts[account];
        uint256 balance = acc.excluded ? 0 : balanceOf(account);
        int256 magnified = SafeCast.toInt256(_magnifiedPerShare * balance) + acc.correction;
        return SafeCast.toUint256(magnified) / MAGNITUDE;
    }
}
