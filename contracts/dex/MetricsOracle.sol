// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";
import {IMetricsOracle} from "../interfaces/IMetricsOracle.sol";

/**
 * @title MetricsOracle
 * @notice Creator metrics posted by authorized reporters, and the follower milestones reached. See
 * {IMetricsOracle}.
 * @dev Roles: DEFAULT_ADMIN_ROLE = the multisig (grants REPORTER_ROLE, governs milestones and the
 * report age). Per creator, two slots: the metrics, and the wallet + last nonce + reached count.
 * Milestones reached form a prefix of the ascending thresholds, so a count replaces a bit map.
 */
contract MetricsOracle is AccessControl, IMetricsOracle {
    /// @notice The role allowed to post reports.
    bytes32 public constant REPORTER_ROLE = keccak256("REPORTER_ROLE");
    /// @notice Upper bound on milestones, so a report's milestone loop stays bounded.
    uint256 public constant MAX_MILESTONES = 64;

    /// @dev The wallet, last nonce and reached count of a creator (one slot).
    struct CreatorState {
        address creator;
        uint64 lastNonce;
        uint16 reached;
    }

    mapping(bytes32 creatorId => Metrics) private _metrics;
    mapping(bytes32 creatorId => CreatorState) private _creators;
    uint64[] private _thresholds;
    uint32 private _maxAge;
    uint16 private _launchIndex;

    /// @notice Deploy with the default milestones (1k, 5k, 10k, 20k, 50k, 100k followers), launching
    /// at the first.
    /// @param admin receives DEFAULT_ADMIN_ROLE (the multisig).
    /// @param maxAge_ the maximum age of a report's observation, in seconds (above zero).
    constructor(address admin, uint32 maxAge_) {
        _grantRole(DEFAULT_ADMIN_ROLE, admin);
        _setMaxAge(maxAge_);
        uint64[] memory defaults = new uint64[](6);
        (defaults[0], defaults[1], defaults[2]) = (1_000, 5_000, 10_000);
        (defaults[3], defaults[4], defaults[5]) = (20_000, 50_000, 100_000);
        _addMilestones(defaults);
        emit LaunchMilestoneIndexUpdated(0, 0);
    }

    // ───────────────────────────── actions ─────────────────────────────

    /// @inheritdoc IMetricsOracle
    function report(
        bytes32 creatorId,
        address creator,
        uint64 plays,
        uint64 followers,
        uint64 engagementBps,
        uint64 observedAt,
        uint64 nonce
    ) external onlyRole(REPORTER_ROLE) {
        if (creator == address(0)) revert ZeroCreator();
        CreatorState memory state = _creators[creatorId];
        if (state.creator == address(0)) {
            state.creator = creator;
        } else if (state.creator != creator) {
            revert CreatorMismatch(creatorId, state.creator, creator);
        }
        if (nonce <= state.lastNonce) revert NonceNotIncreasing(creatorId, nonce, state.lastNonce);
        uint64 lastObservedAt = _metrics[creatorId].observedAt;
        if (observedAt <= lastObservedAt) revert ObservationNotIncreasing(creatorId, observedAt, lastObservedAt);
        if (observedAt > block.timestamp) revert ObservationInFuture(observedAt, block.timestamp);
        // Saturating: early in a test chain's life `now - maxAge` may be negative.
        uint256 oldest = block.timestamp > _maxAge ? block.timestamp - _maxAge : 0;
        if (observedAt < oldest) revert StaleObservation(observedAt, oldest);

        _metrics[creatorId] =
            Metrics({plays: plays, followers: followers, engagementBps: engagementBps, observedAt: observedAt});
        state.lastNonce = nonce;
        emit MetricsReported(creatorId, creator, msg.sender, plays, followers, engagementBps, observedAt, nonce);

        uint256 count = _thresholds.length;
        uint256 reached = state.reached;
        while (reached < count) {
            uint64 threshold = _thresholds[reached];
            if (followers < threshold) break;
            emit MilestoneReached(creatorId, reached, threshold);
            ++reached;
        }
        // reached <= MAX_MILESTONES: the cast is lossless.
        state.reached = uint16(reached);
        _creators[creatorId] = state;
    }

    // ───────────────────────────── admin ─────────────────────────────

    /// @inheritdoc IMetricsOracle
    function addMilestones(uint64[] calldata thresholds) external onlyRole(DEFAULT_ADMIN_ROLE) {
        _addMilestones(thresholds);
    }

    /// @inheritdoc IMetricsOracle
    function setLaunchMilestoneIndex(uint256 index) external onlyRole(DEFAULT_ADMIN_ROLE) {
        uint256 count = _thresholds.length;
        if (index >= count) revert InvalidLaunchMilestone(index, count);
        uint256 previous = _launchIndex;
        // index < count <= MAX_MILESTONES: the cast is lossless.
        _launchIndex = uint16(index);
        emit LaunchMilestoneIndexUpdated(previous, index);
    }

    /// @inheritdoc IMetricsOracle
    function setMaxAge(uint32 maxAge_) external onlyRole(DEFAULT_ADMIN_ROLE) {
        _setMaxAge(maxAge_);
    }

    // ───────────────────────────── views ─────────────────────────────

    /// @inheritdoc IMetricsOracle
    function metrics(bytes32 creatorId) external view returns (Metrics memory) {
        return _metrics[creatorId];
    }

    /// @inheritdoc IMetricsOracle
    function creatorOf(bytes32 creatorId) external view returns (address) {
        return _creators[creatorId].creator;
    }

    /// @inheritdoc IMetricsOracle
    function lastNonce(bytes32 creatorId) external view returns (uint64) {
        return _creators[creatorId].lastNonce;
    }

    /// @inheritdoc IMetricsOracle
    function milestonesReached(bytes32 creatorId) external view returns (uint256) {
        return _creators[creatorId].reached;
    }

    /// @inheritdoc IMetricsOracle
    function isMilestoneReached(bytes32 creatorId, uint256 index) external view returns (bool) {
        return index < _creators[creatorId].reached;
    }

    /// @inheritdoc IMetricsOracle
    function hasReachedLaunch(bytes32 creatorId) external view returns (bool) {
        return _launchIndex < _creators[creatorId].reached;
    }

    /// @inheritdoc IMetricsOracle
    function milestoneThresholds() external view returns (uint64[] memory) {
        return _thresholds;
    }

    /// @inheritdoc IMetricsOracle
    function milestoneCount() external view returns (uint256) {
        return _thresholds.length;
    }

    /// @inheritdoc IMetricsOracle
    function launchMilestoneIndex() external view returns (uint256) {
        return _launchIndex;
    }

    /// @inheritdoc IMetricsOracle
    function maxAge() external view returns (uint32) {
        return _maxAge;
    }

    // ───────────────────────────── internals ─────────────────────────────

    function _addMilestones(uint64[] memory thresholds) private {
        uint256 index = _thresholds.length;
        if (thresholds.length == 0) revert InvalidThreshold(index, 0);
        uint64 last = index == 0 ? 0 : _thresholds[index - 1];
        for (uint256 i; i < thresholds.length; ++i) {
            uint64 threshold = thresholds[i];
            // Strictly ascending and above zero (a zero threshold would be reached without any report).
            if (threshold <= last || index >= MAX_MILESTONES) revert InvalidThreshold(index, threshold);
            _thresholds.push(threshold);
            emit MilestoneAdded(index, threshold);
            last = threshold;
            ++index;
        }
    }

    function _setMaxAge(uint32 maxAge_) private {
        if (maxAge_ == 0) revert InvalidMaxAge();
        uint32 previous = _maxAge;
        _maxAge = maxAge_;
        emit MaxAgeUpdated(previous, maxAge_);
    }
}
