// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/**
 * @title IFeeDiscountSource
 * @notice A pluggable read of a freelancer's fee discount (their badge tier, their stake), set on the
 * escrow by the protocol's multisig. The escrow asks it once, when a job is created, and fixes the
 * discounted fee into the job: a source that later changes or breaks can never block a payout.
 */
interface IFeeDiscountSource {
    /// @notice The discount `freelancer` earns on the platform fee, in basis points of the fee
    /// (10_000 = no fee at all). Values above 10_000 are treated as 10_000.
    /// @param freelancer the account that will be paid.
    /// @return bps the discount, in basis points of the fee.
    function feeDiscountBps(address freelancer) external view returns (uint16 bps);
}
