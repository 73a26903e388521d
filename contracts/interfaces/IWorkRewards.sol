// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/**
 * @title IWorkRewards
 * @notice WORX earned by completed work, pull-based: once an escrow job is finished (Completed or
 * Closed), anyone may claim its reward, once. It reads the escrow and changes nothing there.
 *
 * value = the escrow's `released` (the gross amount settled to the freelancer side, fees included,
 * in the job token's smallest unit); freelancerReward = floor(value * rewardRate(token) / 1e18);
 * clientReward = floor(freelancerReward * clientShareBps / 10_000). Both are minted (a zero one is
 * skipped). A rate is WORX wei per unit of the job token, scaled by 1e18: with an 18-decimal token,
 * 1e18 mints 1 WORX per token paid; with a 6-decimal stablecoin, 1e30 does.
 *
 * Badges (optional): `claimBadgeReward(badgeId)` mints `badgeReward(tier)` to the badge's current
 * holder, once per badge id.
 *
 * Governed by the DAO (DEFAULT_ADMIN_ROLE = the timelock): rates per token, the client's share and
 * the badge rewards. Changes apply to every claim made afterwards, including jobs finished before.
 *
 * The Stacks contract `clarity/contracts/dao/work-rewards.clar` mirrors this interface.
 */
interface IWorkRewards {
    // ───────────────────────────── events ─────────────────────────────

    /// @notice A finished job's reward was minted.
    /// @param escrowId the job.
    /// @param freelancer received `freelancerReward`.
    /// @param client received `clientReward`.
    /// @param token the job's token (`address(0)` for the native coin).
    /// @param value the job's released amount the reward is computed from.
    /// @param freelancerReward WORX minted to the freelancer.
    /// @param clientReward WORX minted to the client (0: none minted).
    event WorkRewarded(
        uint256 indexed escrowId,
        address indexed freelancer,
        address indexed client,
        address token,
        uint256 value,
        uint256 freelancerReward,
        uint256 clientReward
    );

    /// @notice A badge's reward was minted.
    /// @param badgeId the badge.
    /// @param account its holder, who received `amount`.
    /// @param tier the badge's tier.
    /// @param amount WORX minted.
    event BadgeRewarded(uint256 indexed badgeId, address indexed account, uint8 tier, uint256 amount);

    /// @notice A token's reward rate changed (also emitted for each initial rate at deployment).
    /// @param token the job token (`address(0)` for the native coin).
    /// @param previousRate the rate before, WORX wei per token unit scaled by 1e18.
    /// @param newRate the rate now (0: jobs in this token earn nothing).
    event RewardRateUpdated(address indexed token, uint256 previousRate, uint256 newRate);

    /// @notice The client's share changed (also emitted at deployment).
    /// @param previousBps the share before, in basis points of the freelancer's reward.
    /// @param newBps the share now.
    event ClientShareUpdated(uint16 previousBps, uint16 newBps);

    /// @notice A badge tier's reward changed.
    /// @param tier the badge tier (1 Bronze .. 5 Verified, as in IWorxBadges).
    /// @param previous the reward before, in wei of WORX.
    /// @param amount the reward now (0: none).
    event BadgeRewardUpdated(uint8 indexed tier, uint256 previous, uint256 amount);

    // ───────────────────────────── errors ─────────────────────────────

    /// @notice The job is not finished: its escrow status `status` is neither Completed (3) nor Closed
    /// (5). Debug: `getEscrow(escrowId).status` on the escrow; 0 means the escrow does not exist (ids
    /// start at 1), 4 (Cancelled) never earns a reward.
    error JobNotFinished(uint256 escrowId, uint8 status);

    /// @notice The job's reward was already minted; each escrow is rewarded once. Debug:
    /// `isWorkRewardClaimed(escrowId)`; the `WorkRewarded` event shows who received it.
    error WorkRewardAlreadyClaimed(uint256 escrowId);

    /// @notice The badge's reward was already minted; each badge id is rewarded once, whoever holds it.
    /// Debug: `isBadgeRewardClaimed(badgeId)`.
    error BadgeRewardAlreadyClaimed(uint256 badgeId);

    /// @notice The reward would be zero: for a job, its token's rate is 0 or its released value rounds
    /// to no WORX; from `claimBadgeReward`, the badge's tier has no reward (the parameter then carries
    /// the badge id). Nothing is marked claimed, so the reward can still be claimed once the DAO sets a
    /// rate or a badge reward. Debug: `rewardRate(getEscrow(escrowId).token)`, `previewWorkReward`,
    /// `badgeReward(tier)`.
    error NothingToReward(uint256 escrowId);

    /// @notice A client share above 10_000 basis points (100% of the freelancer's reward).
    error InvalidShare(uint16 bps);

    /// @notice The constructor's `rewardTokens` and `rewardRates` differ in length. Debug: one rate per token.
    error LengthMismatch();

    // ───────────────────────────── actions ─────────────────────────────

    /// @notice Mint a finished job's reward to its freelancer and client. Anyone may call it, once per escrow.
    /// @param escrowId the job (status Completed or Closed).
    /// @return freelancerReward WORX minted to the freelancer.
    /// @return clientReward WORX minted to the client.
    function claimWorkReward(uint256 escrowId) external returns (uint256 freelancerReward, uint256 clientReward);

    /// @notice Mint a badge's reward to its current holder. Anyone may call it, once per badge id.
    /// @param badgeId the badge (it must exist: a burnt badge earns nothing).
    /// @return amount WORX minted.
    function claimBadgeReward(uint256 badgeId) external returns (uint256 amount);

    // ───────────────────────────── admin ─────────────────────────────

    /// @notice Set `token`'s reward rate. Only DEFAULT_ADMIN_ROLE (the timelock).
    /// @param token the job token (`address(0)` for the native coin).
    /// @param ratePerUnit WORX wei per token unit, scaled by 1e18; 0 stops rewards for that token.
    function setRewardRate(address token, uint256 ratePerUnit) external;

    /// @notice Set the client's share. Only DEFAULT_ADMIN_ROLE (the timelock).
    /// @param bps basis points of the freelancer's reward, at most 10_000.
    function setClientShare(uint16 bps) external;

    /// @notice Set a badge tier's reward. Only DEFAULT_ADMIN_ROLE (the timelock).
    /// @param tier the badge tier (1 Bronze .. 5 Verified, as in IWorxBadges).
    /// @param amount in wei of WORX; 0 for none.
    function setBadgeReward(uint8 tier, uint256 amount) external;

    // ───────────────────────────── views ─────────────────────────────

    /// @notice The escrow whose jobs are rewarded (fixed at deployment).
    /// @return the escrow.
    function escrow() external view returns (address);

    /// @notice The badges whose holders are rewarded (fixed at deployment).
    /// @return the badges contract.
    function badges() external view returns (address);

    /// @notice The WORX token minted (this contract holds its MINTER_ROLE).
    /// @return the token.
    function token() external view returns (address);

    /// @notice `token`'s reward rate.
    /// @param token the job token (`address(0)` for the native coin).
    /// @return WORX wei per token unit, scaled by 1e18.
    function rewardRate(address token) external view returns (uint256);

    /// @notice The client's share of the freelancer's reward.
    /// @return basis points, at most 10_000.
    function clientShareBps() external view returns (uint16);

    /// @notice A badge tier's reward.
    /// @param tier the badge tier.
    /// @return in wei of WORX.
    function badgeReward(uint8 tier) external view returns (uint256);

    /// @notice Whether a job's reward was minted.
    /// @param escrowId the job.
    /// @return true once claimed.
    function isWorkRewardClaimed(uint256 escrowId) external view returns (bool);

    /// @notice Whether a badge's reward was minted.
    /// @param badgeId the badge.
    /// @return true once claimed.
    function isBadgeRewardClaimed(uint256 badgeId) external view returns (bool);

    /// @notice What `claimWorkReward(escrowId)` would mint now: zeros when the job is not finished or
    /// was already rewarded.
    /// @param escrowId the job.
    /// @return freelancerReward WORX for the freelancer.
    /// @return clientReward WORX for the client.
    function previewWorkReward(uint256 escrowId) external view returns (uint256 freelancerReward, uint256 clientReward);
}
