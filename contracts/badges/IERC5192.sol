// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/**
 * @title IERC5192
 * @notice ERC-5192 "Minimal Soulbound NFTs": an ERC-721 token may be locked to its owner. Interface
 * id `0xb45a3c0e` (the selector of `locked(uint256)`). OpenZeppelin 5.7 ships no copy of it.
 */
interface IERC5192 {
    /// @notice The token became locked (for Worx badges: at mint, for soul-bound tiers).
    /// @param tokenId the token.
    event Locked(uint256 tokenId);

    /// @notice The token became unlocked (never emitted by Worx badges: a lock is permanent).
    /// @param tokenId the token.
    event Unlocked(uint256 tokenId);

    /// @notice Whether `tokenId` is locked to its owner (cannot be transferred). Reverts for a token
    /// that does not exist.
    /// @param tokenId the token.
    /// @return whether it is locked.
    function locked(uint256 tokenId) external view returns (bool);
}
