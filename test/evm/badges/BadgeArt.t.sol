// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {Test} from "forge-std/Test.sol";
import {IWorxBadges} from "../../../contracts/interfaces/IWorxBadges.sol";
import {BadgeArt} from "../../../contracts/libraries/BadgeArt.sol";

/// @notice Unit and fuzz tests of {BadgeArt}'s formatting (the full metadata is decoded and checked
/// in WorxBadges.test.ts).
contract BadgeArtTest is Test {
    function test_percent_showsTwoDecimals() public pure {
        assertEq(BadgeArt.percent(0), "0.00%");
        assertEq(BadgeArt.percent(5), "0.05%");
        assertEq(BadgeArt.percent(10), "0.10%");
        assertEq(BadgeArt.percent(1_005), "10.05%");
        assertEq(BadgeArt.percent(9_499), "94.99%");
        assertEq(BadgeArt.percent(9_500), "95.00%");
        assertEq(BadgeArt.percent(9_846), "98.46%");
        assertEq(BadgeArt.percent(10_000), "100.00%");
    }

    function testFuzz_percent_roundTripsTheBasisPoints(uint16 bps) public pure {
        bytes memory text = bytes(BadgeArt.percent(bps));
        // Digits, a dot, exactly two decimals, a percent sign.
        assertEq(uint8(text[text.length - 1]), uint8(bytes1("%")));
        assertEq(uint8(text[text.length - 4]), uint8(bytes1(".")));
        uint256 value;
        for (uint256 i; i < text.length - 1; ++i) {
            if (i == text.length - 4) continue;
            value = value * 10 + (uint8(text[i]) - 48);
        }
        assertEq(value, bps);
    }

    function test_tierName_namesEveryTier() public pure {
        assertEq(BadgeArt.tierName(IWorxBadges.Tier.Bronze), "Bronze");
        assertEq(BadgeArt.tierName(IWorxBadges.Tier.Silver), "Silver");
        assertEq(BadgeArt.tierName(IWorxBadges.Tier.Gold), "Gold");
        assertEq(BadgeArt.tierName(IWorxBadges.Tier.Platinum), "Platinum");
        assertEq(BadgeArt.tierName(IWorxBadges.Tier.Verified), "Verified");
        assertEq(BadgeArt.tierName(IWorxBadges.Tier.None), "None");
        assertEq(BadgeArt.tierLabel(IWorxBadges.Tier.Platinum), "PLATINUM");
        assertEq(BadgeArt.tierColour(IWorxBadges.Tier.Gold), "#ffd700");
    }

    function test_svg_isOneSvgElement() public pure {
        IWorxBadges.Badge memory badge = IWorxBadges.Badge({
            tier: IWorxBadges.Tier.Gold,
            soulbound: true,
            claimedAt: 1_700_000_000,
            completedJobs: 50,
            satisfactionBps: 9_800
        });
        bytes memory svg = BadgeArt.svg(7, badge);
        bytes memory open = "<svg ";
        bytes memory close = "</svg>";
        for (uint256 i; i < open.length; ++i) {
            assertEq(uint8(svg[i]), uint8(open[i]));
        }
        for (uint256 i; i < close.length; ++i) {
            assertEq(uint8(svg[svg.length - close.length + i]), uint8(close[i]));
        }
    }
}
