// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {ERC721} from "@openzeppelin/contracts/token/ERC721/ERC721.sol";

/**
 * @title PlainERC721
 * @notice OpenZeppelin's ERC-721 with nothing added: the gas anchor the badges' claim, transfer and
 * burn are measured beside (scripts/bench/badgesGas.ts).
 * @dev Anyone can mint any id: tests and benchmarks only.
 */
contract PlainERC721 is ERC721 {
    /// @notice Deploy an empty collection.
    constructor() ERC721("Plain", "PLAIN") {}

    /// @notice Mint `tokenId` to `to` through OpenZeppelin's `_safeMint`.
    /// @param to the recipient.
    /// @param tokenId the new token's id.
    function safeMint(address to, uint256 tokenId) external {
        _safeMint(to, tokenId);
    }

    /// @notice Burn `tokenId`; only its owner.
    /// @param tokenId the token.
    function burn(uint256 tokenId) external {
        _update(address(0), tokenId, msg.sender);
    }
}
