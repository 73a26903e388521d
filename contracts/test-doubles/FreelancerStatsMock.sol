// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IMilestoneEscrow} from "../interfaces/IMilestoneEscrow.sol";

/**
 * @title FreelancerStatsMock
 * @notice Answers `freelancerStats` with whatever was configured, including stats no real escrow can
 * reach (a rating sum above five per rating): lets badge tests fuzz the criteria without building
 * thousands of real jobs.
 * @dev Anyone can configure it: tests only.
 */
contract FreelancerStatsMock {
    mapping(address freelancer => IMilestoneEscrow.FreelancerStats) private _stats;

    /// @notice Set what `freelancerStats(freelancer)` answers.
    /// @param freelancer the account.
    /// @param completedJobs its completed jobs.
    /// @param ratingCount its rated jobs.
    /// @param ratingSum the sum of its ratings.
    function setStats(address freelancer, uint32 completedJobs, uint32 ratingCount, uint32 ratingSum) external {
        IMilestoneEscrow.FreelancerStats storage stats = _stats[freelancer];
        stats.completedJobs = completedJobs;
        stats.ratingCount = ratingCount;
        stats.ratingSum = ratingSum;
    }

    /// @notice The configured stats (all zero by default), as {IMilestoneEscrow-freelancerStats}.
    /// @param freelancer the account.
    /// @return the stats.
    function freelancerStats(address freelancer) external view returns (IMilestoneEscrow.FreelancerStats memory) {
        return _stats[freelancer];
    }
}
