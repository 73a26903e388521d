// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {Base64} from "@openzeppelin/contracts/utils/Base64.sol";
import {Strings} from "@openzeppelin/contracts/utils/Strings.sol";
import {IWorxBadges} from "../interfaces/IWorxBadges.sol";

// The JSON and SVG fragments below are spelled out in full on purpose (they are never stored), and
// in single quotes: both languages are full of double quotes, which would otherwise all be escaped.
// solhint-disable gas-small-strings, quotes

/**
 * @title BadgeArt
 * @notice On-chain metadata of a Worx badge: an ERC-721 `tokenURI` of the form
 * `data:application/json;base64,<JSON>` whose `image` is `data:image/svg+xml;base64,<SVG>`.
 * @dev Every value interpolated is a number or a constant of this library (no user-supplied text),
 * so nothing needs JSON or XML escaping.
 */
library BadgeArt {
    using Strings for uint256;

    /// @notice The ERC-721 metadata URI of a badge.
    /// @param tokenId the badge.
    /// @param badge the badge as minted.
    /// @param feeDiscountBps the fee discount the badge earns now (0 when it is not soul-bound).
    /// @return the `data:application/json;base64,...` URI.
    function tokenURI(uint256 tokenId, IWorxBadges.Badge memory badge, uint16 feeDiscountBps)
        internal
        pure
        returns (string memory)
    {
        string memory name = tierName(badge.tier);
        bytes memory head = abi.encodePacked(
            '{"name":"Worx ',
            name,
            " #",
            tokenId.toString(),
            '","description":"Worx achievement badge, claimed on-chain from the holder\'s work history on Worx '
            "(completed jobs and client satisfaction at claim time). ",
            badge.soulbound ? "Soul-bound: it cannot be transferred." : "Transferable."
        );
        bytes memory json = abi.encodePacked(
            head,
            '","image":"data:image/svg+xml;base64,',
            Base64.encode(svg(tokenId, badge)),
            '","attributes":',
            _attributes(badge, name, feeDiscountBps),
            "}"
        );
        return string.concat("data:application/json;base64,", Base64.encode(json));
    }

    /// @notice The badge's picture: a disc in the tier's colour with its name, over the stats at claim time.
    /// @param tokenId the badge.
    /// @param badge the badge as minted.
    /// @return the SVG document.
    function svg(uint256 tokenId, IWorxBadges.Badge memory badge) internal pure returns (bytes memory) {
        bytes memory disc = abi.encodePacked(
            '<svg xmlns="http://www.w3.org/2000/svg" width="400" height="400" viewBox="0 0 400 400">'
            '<rect width="400" height="400" rx="32" fill="#111827"/>'
            '<circle cx="200" cy="150" r="96" fill="',
            tierColour(badge.tier),
            '" stroke="#ffffff" stroke-opacity="0.35" stroke-width="8"/>'
            '<g font-family="Helvetica,Arial,sans-serif" text-anchor="middle">'
            '<text x="200" y="161" font-size="30" font-weight="700" fill="#111827">',
            tierLabel(badge.tier),
            '</text><text x="200" y="288" font-size="24" fill="#f9fafb">Worx badge #',
            tokenId.toString()
        );
        return abi.encodePacked(
            disc,
            '</text><text x="200" y="324" font-size="18" fill="#d1d5db">',
            uint256(badge.completedJobs).toString(),
            " jobs / ",
            percent(badge.satisfactionBps),
            ' satisfied</text><text x="200" y="356" font-size="15" fill="#9ca3af">',
            badge.soulbound ? "Soul-bound" : "Transferable",
            "</text></g></svg>"
        );
    }

    /// @notice A tier's display name.
    /// @param tier the tier.
    /// @return "Bronze" .. "Verified" ("None" for None).
    function tierName(IWorxBadges.Tier tier) internal pure returns (string memory) {
        if (tier == IWorxBadges.Tier.Bronze) return "Bronze";
        if (tier == IWorxBadges.Tier.Silver) return "Silver";
        if (tier == IWorxBadges.Tier.Gold) return "Gold";
        if (tier == IWorxBadges.Tier.Platinum) return "Platinum";
        if (tier == IWorxBadges.Tier.Verified) return "Verified";
        return "None";
    }

    /// @notice A tier's name as drawn on the badge.
    /// @param tier the tier.
    /// @return the upper-case name.
    function tierLabel(IWorxBadges.Tier tier) internal pure returns (string memory) {
        if (tier == IWorxBadges.Tier.Bronze) return "BRONZE";
        if (tier == IWorxBadges.Tier.Silver) return "SILVER";
        if (tier == IWorxBadges.Tier.Gold) return "GOLD";
        if (tier == IWorxBadges.Tier.Platinum) return "PLATINUM";
        if (tier == IWorxBadges.Tier.Verified) return "VERIFIED";
        return "NONE";
    }

    /// @notice A tier's colour (CSS hex).
    /// @param tier the tier.
    /// @return the colour.
    function tierColour(IWorxBadges.Tier tier) internal pure returns (string memory) {
        if (tier == IWorxBadges.Tier.Bronze) return "#cd7f32";
        if (tier == IWorxBadges.Tier.Silver) return "#c0c0c0";
        if (tier == IWorxBadges.Tier.Gold) return "#ffd700";
        if (tier == IWorxBadges.Tier.Platinum) return "#e5e4e2";
        if (tier == IWorxBadges.Tier.Verified) return "#1d9bf0";
        return "#6b7280";
    }

    /// @notice Basis points as a percentage with two decimals.
    /// @param bps the basis points.
    /// @return e.g. "97.00%" for 9_700, "0.05%" for 5.
    function percent(uint256 bps) internal pure returns (string memory) {
        uint256 cents = bps % 100;
        return string.concat((bps / 100).toString(), cents < 10 ? ".0" : ".", cents.toString(), "%");
    }

    /// @dev The OpenSea-style attributes array.
    function _attributes(IWorxBadges.Badge memory badge, string memory name, uint16 feeDiscountBps)
        private
        pure
        returns (bytes memory)
    {
        bytes memory first = abi.encodePacked(
            '[{"trait_type":"Tier","value":"',
            name,
            '"},{"trait_type":"Completed jobs","display_type":"number","value":',
            uint256(badge.completedJobs).toString(),
            '},{"trait_type":"Satisfaction","value":"',
            percent(badge.satisfactionBps)
        );
        return abi.encodePacked(
            first,
            '"},{"trait_type":"Claimed at","display_type":"date","value":',
            uint256(badge.claimedAt).toString(),
            '},{"trait_type":"Soulbound","value":"',
            badge.soulbound ? "Yes" : "No",
            '"},{"trait_type":"Fee discount","value":"',
            percent(feeDiscountBps),
            '"}]'
        );
    }
}
