// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/**
 * @title IMetricsOracle
 * @notice Creator metrics (plays, followers, engagement) posted on-chain by authorized reporters
 * (REPORTER_ROLE, granted by DEFAULT_ADMIN_ROLE = the protocol's multisig), and the follower
 * milestones each creator has reached.
 *
 * A creator is a `creatorId` (an off-chain identity hash) bound to a wallet by its first report;
 * later reports must name the same wallet. Per creator, every report carries a strictly larger
 * `nonce` and a strictly later `observedAt` than the previous one, and `observedAt` must lie within
 * [now - maxAge, now]: replayed, reordered, stale and future reports are refused.
 * Reporters are trusted: the wallet named by a creator's first report is bound for good, and a
 * nonce of type(uint64).max ends that creator's reports (there is no governance override of
 * either), so reporters should use consecutive nonces and check the wallet before a first report.
 *
 * Milestones are ascending follower thresholds (default 1k, 5k, 10k, 20k, 50k, 100k). Governance may
 * only append thresholds above the last one: coins key their supply releases by milestone index, so
 * an index never changes meaning. A milestone is reached the first time a report's followers meet
 * its threshold (`MilestoneReached` is emitted once per index) and stays reached when followers fall.
 * Because thresholds ascend, the reached milestones are always the indices `0 .. milestonesReached - 1`.
 * The launch milestone (governed `launchMilestoneIndex`, default 0) gates launching a creator coin.
 */
interface IMetricsOracle {
    /// @notice A creator's latest metrics (one storage slot).
    struct Metrics {
        uint64 plays; // total plays
        uint64 followers; // followers now
        uint64 engagementBps; // engagement rate in basis points, as reported
        uint64 observedAt; // unix seconds the reporter observed them; 0 when never reported
    }

    // ───────────────────────────── events ─────────────────────────────

    /// @notice A report was accepted.
    /// @param creatorId the creator.
    /// @param creator its wallet.
    /// @param reporter the REPORTER_ROLE holder that posted it.
    /// @param plays total plays.
    /// @param followers followers.
    /// @param engagementBps engagement rate in basis points.
    /// @param observedAt unix seconds of the observation.
    /// @param nonce the report's nonce, now the creator's last.
    event MetricsReported(
        bytes32 indexed creatorId,
        address indexed creator,
        address indexed reporter,
        uint64 plays,
        uint64 followers,
        uint64 engagementBps,
        uint64 observedAt,
        uint64 nonce
    );

    /// @notice A creator reached a milestone for the first time (once per creator and index).
    /// @param creatorId the creator.
    /// @param index the milestone's index.
    /// @param threshold its follower threshold.
    event MilestoneReached(bytes32 indexed creatorId, uint256 indexed index, uint64 threshold);

    /// @notice A milestone threshold was appended (also emitted for each default at deployment).
    /// @param index its index.
    /// @param threshold its follower threshold.
    event MilestoneAdded(uint256 indexed index, uint64 threshold);

    /// @notice The launch milestone changed (also emitted at deployment).
    /// @param previousIndex the index before.
    /// @param newIndex the index now.
    event LaunchMilestoneIndexUpdated(uint256 previousIndex, uint256 newIndex);

    /// @notice The maximum age of a report changed (also emitted at deployment).
    /// @param previousMaxAge seconds before.
    /// @param newMaxAge seconds now.
    event MaxAgeUpdated(uint32 previousMaxAge, uint32 newMaxAge);

    // ───────────────────────────── errors ─────────────────────────────

    /// @notice The report names no wallet. Debug: the reporter's creator lookup returned nothing.
    error ZeroCreator();

    /// @notice The creator id is bound to another wallet (fixed by its first report). Debug:
    /// `creatorOf(creatorId)`; a creator changing wallets needs a new creator id.
    error CreatorMismatch(bytes32 creatorId, address expected, address given);

    /// @notice The nonce is not above the creator's last one: a replayed or reordered report.
    /// Debug: `lastNonce(creatorId)`; reporters must use a strictly increasing counter per creator.
    error NonceNotIncreasing(bytes32 creatorId, uint64 nonce, uint64 lastNonce);

    /// @notice The observation is not later than the creator's last one: an out-of-order report.
    /// Debug: `metrics(creatorId).observedAt`.
    error ObservationNotIncreasing(bytes32 creatorId, uint64 observedAt, uint64 lastObservedAt);

    /// @notice The observation is dated after the current block. Debug: the reporter's clock runs
    /// ahead of the chain; compare with the block timestamp.
    error ObservationInFuture(uint64 observedAt, uint256 blockTimestamp);

    /// @notice The observation is older than `maxAge` seconds. Debug: `maxAge()`; the report sat too
    /// long in the reporter's queue: observe again and resend.
    error StaleObservation(uint64 observedAt, uint256 oldestAccepted);

    /// @notice Thresholds to append are empty, zero, not strictly ascending, not above the last one,
    /// or would exceed MAX_MILESTONES. Debug: `milestoneThresholds()`.
    error InvalidThreshold(uint256 index, uint64 threshold);

    /// @notice The launch milestone index names no milestone. Debug: `milestoneCount()`.
    error InvalidLaunchMilestone(uint256 index, uint256 count);

    /// @notice A maximum report age of zero (every report would be stale).
    error InvalidMaxAge();

    // ───────────────────────────── actions ─────────────────────────────

    /// @notice Post a creator's metrics. Only REPORTER_ROLE. Emits `MilestoneReached` for every
    /// milestone the followers reach for the first time.
    /// @param creatorId the creator.
    /// @param creator its wallet (bound at the first report, checked afterwards).
    /// @param plays total plays.
    /// @param followers followers.
    /// @param engagementBps engagement rate in basis points.
    /// @param observedAt unix seconds of the observation, in [now - maxAge, now], after the last one.
    /// @param nonce above the creator's last nonce.
    function report(
        bytes32 creatorId,
        address creator,
        uint64 plays,
        uint64 followers,
        uint64 engagementBps,
        uint64 observedAt,
        uint64 nonce
    ) external;

    // ───────────────────────────── admin ─────────────────────────────

    /// @notice Append milestone thresholds. Only DEFAULT_ADMIN_ROLE (the multisig). Creators whose
    /// followers already meet a new threshold reach it at their next report.
    /// @param thresholds strictly ascending, above the last existing threshold.
    function addMilestones(uint64[] calldata thresholds) external;

    /// @notice Set the launch milestone. Only DEFAULT_ADMIN_ROLE (the multisig).
    /// @param index an existing milestone index.
    function setLaunchMilestoneIndex(uint256 index) external;

    /// @notice Set the maximum age of a report. Only DEFAULT_ADMIN_ROLE (the multisig).
    /// @param maxAge_ seconds, above zero.
    function setMaxAge(uint32 maxAge_) external;

    // ───────────────────────────── views ─────────────────────────────

    /// @notice A creator's latest metrics (zeros when never reported).
    /// @param creatorId the creator.
    /// @return the metrics.
    function metrics(bytes32 creatorId) external view returns (Metrics memory);

    /// @notice A creator's wallet, fixed at its first report.
    /// @param creatorId the creator.
    /// @return the wallet, zero when never reported.
    function creatorOf(bytes32 creatorId) external view returns (address);

    /// @notice A creator's last accepted nonce.
    /// @param creatorId the creator.
    /// @return the nonce, 0 when never reported.
    function lastNonce(bytes32 creatorId) external view returns (uint64);

    /// @notice How many milestones a creator has reached: the indices `0 .. n - 1`.
    /// @param creatorId the creator.
    /// @return n.
    function milestonesReached(bytes32 creatorId) external view returns (uint256);

    /// @notice Whether a creator has reached milestone `index`.
    /// @param creatorId the creator.
    /// @param index the milestone's index.
    /// @return true once reached (forever).
    function isMilestoneReached(bytes32 creatorId, uint256 index) external view returns (bool);

    /// @notice Whether a creator has reached the launch milestone.
    /// @param creatorId the creator.
    /// @return true when it may launch its coin.
    function hasReachedLaunch(bytes32 creatorId) external view returns (bool);

    /// @notice Every milestone threshold, by index.
    /// @return followers required, ascending.
    function milestoneThresholds() external view returns (uint64[] memory);

    /// @notice The number of milestones.
    /// @return the count.
    function milestoneCount() external view returns (uint256);

    /// @notice The milestone gating a coin launch.
    /// @return its index.
    function launchMilestoneIndex() external view returns (uint256);

    /// @notice The maximum age of a report's observation.
    /// @return seconds.
    function maxAge() external view returns (uint32);
}
