// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {Test} from "forge-std/Test.sol";
import {WorxBadges} from "../../../contracts/badges/WorxBadges.sol";
import {IWorxBadges} from "../../../contracts/interfaces/IWorxBadges.sol";
import {FreelancerStatsMock} from "../../../contracts/test-doubles/FreelancerStatsMock.sol";

/**
 * @notice Drives {WorxBadges} with random claims, transfers, burns and tier reconfigurations by a few
 * accounts that meet every criterion (a stats mock plus long-lived attestations), and keeps the list
 * of every token minted so the invariants can recount holdings from `ownerOf`.
 * @dev Every action either performs a call that must succeed or asserts the exact revert expected
 * (a second claim, moving a locked badge), so the suite runs with `failOnRevert`.
 */
contract BadgesHandler is Test {
    WorxBadges public immutable badges;
    address public immutable admin;
    address[] internal _actors;
    uint256[] internal _minted;
    mapping(uint256 tokenId => address) public claimerOf;

    constructor(WorxBadges badges_, address admin_, uint256 attesterKey) {
        badges = badges_;
        admin = admin_;
        FreelancerStatsMock stats = FreelancerStatsMock(badges_.escrow());
        uint64 expiresAt = uint64(block.timestamp + 3_650 days);
        for (uint256 i; i < 4; ++i) {
            address actor = makeAddr(string.concat("actor", vm.toString(i)));
            _actors.push(actor);
            stats.setStats(actor, 1_000, 1_000, 5_000);
            for (uint8 kind = 1; kind <= 2; ++kind) {
                bytes32 digest = badges_.attestationDigest(actor, kind, expiresAt, i);
                (uint8 v, bytes32 r, bytes32 s) = vm.sign(attesterKey, digest);
                badges_.submitAttestation(actor, kind, expiresAt, i, abi.encodePacked(r, s, v));
            }
        }
    }

    function actors() external view returns (address[] memory) {
        return _actors;
    }

    function minted() external view returns (uint256[] memory) {
        return _minted;
    }

    function claim(uint256 actorSeed, uint256 tierSeed) external {
        address actor = _actors[actorSeed % _actors.length];
        IWorxBadges.Tier tier = IWorxBadges.Tier(1 + tierSeed % 5);
        bool claimed = badges.hasClaimed(actor, tier);
        // The prank applies to the next call: every view the action needs is read before it.
        vm.prank(actor);
        if (claimed) {
            vm.expectRevert(abi.encodeWithSelector(IWorxBadges.AlreadyClaimed.selector, actor, tier));
            badges.claim(tier);
        } else {
            uint256 id = badges.claim(tier);
            _minted.push(id);
            claimerOf[id] = actor;
        }
    }

    function transfer(uint256 tokenSeed, uint256 toSeed) external {
        if (_minted.length == 0) return;
        uint256 id = _minted[tokenSeed % _minted.length];
        address owner = _ownerOrZero(id);
        if (owner == address(0)) return;
        address to = _actors[toSeed % _actors.length];
        bool isLocked = badges.locked(id);
        vm.prank(owner);
        if (isLocked) {
            vm.expectRevert(abi.encodeWithSelector(IWorxBadges.Soulbound.selector, id));
            badges.transferFrom(owner, to, id);
        } else {
            badges.transferFrom(owner, to, id);
        }
    }

    function burn(uint256 tokenSeed) external {
        if (_minted.length == 0) return;
        uint256 id = _minted[tokenSeed % _minted.length];
        address owner = _ownerOrZero(id);
        if (owner == address(0)) return;
        vm.prank(owner);
        badges.burn(id);
    }

    /// @dev Governance flips a tier between soul-bound (with some discount) and transferable (none).
    function reconfigure(uint256 tierSeed, bool soulbound, uint16 discount) external {
        IWorxBadges.Tier tier = IWorxBadges.Tier(1 + tierSeed % 5);
        IWorxBadges.TierConfig memory config = badges.tierConfig(tier);
        config.soulbound = soulbound;
        config.feeDiscountBps = soulbound ? uint16(bound(discount, 0, 10_000)) : 0;
        vm.prank(admin);
        badges.setTierConfig(tier, config);
    }

    function _ownerOrZero(uint256 id) internal view returns (address) {
        try badges.ownerOf(id) returns (address owner) {
            return owner;
        } catch {
            return address(0);
        }
    }
}

contract WorxBadgesInvariantTest is Test {
    WorxBadges internal badges;
    BadgesHandler internal handler;

    function setUp() public {
        vm.warp(1_700_000_000);
        address admin = makeAddr("admin");
        (address attester, uint256 attesterKey) = makeAddrAndKey("attester");
        FreelancerStatsMock stats = new FreelancerStatsMock();
        badges = new WorxBadges(address(stats), admin);
        bytes32 attesterRole = badges.ATTESTER_ROLE();
        vm.prank(admin);
        badges.grantRole(attesterRole, attester);
        handler = new BadgesHandler(badges, admin, attesterKey);

        bytes4[] memory selectors = new bytes4[](4);
        selectors[0] = BadgesHandler.claim.selector;
        selectors[1] = BadgesHandler.transfer.selector;
        selectors[2] = BadgesHandler.burn.selector;
        selectors[3] = BadgesHandler.reconfigure.selector;
        targetSelector(FuzzSelector({addr: address(handler), selectors: selectors}));
        targetContract(address(handler));
    }

    /**
     * @notice Each account's held-tier bitmap, best tier, balance and fee discount are exactly what
     * recounting the tokens it owns gives: the bitmap the tiers of its badges, the discount the
     * highest current discount among its locked badges' tiers.
     * hardhat-config: invariant.runs = 48
     * hardhat-config: invariant.depth = 60
     * hardhat-config: invariant.failOnRevert = true
     */
    function invariant_holdingsMatchTheTokensOwned() public view {
        address[] memory actors = handler.actors();
        uint256[] memory minted = handler.minted();
        for (uint256 a; a < actors.length; ++a) {
            uint256 held;
            uint256 count;
            uint16 discount;
            for (uint256 i; i < minted.length; ++i) {
                (bool exists, address owner) = _owner(minted[i]);
                if (!exists || owner != actors[a]) continue;
                IWorxBadges.Badge memory b = badges.badge(minted[i]);
                held |= 1 << uint8(b.tier);
                ++count;
                if (b.soulbound) {
                    uint16 d = badges.tierConfig(b.tier).feeDiscountBps;
                    if (d > discount) discount = d;
                }
            }
            assertEq(badges.heldTiers(actors[a]), held, "held-tier bitmap");
            assertEq(badges.balanceOf(actors[a]), count, "balance");
            assertEq(badges.feeDiscountBps(actors[a]), discount, "fee discount");
            uint8 best;
            for (uint8 t = 5; t > 0; --t) {
                if (held & (1 << t) != 0) {
                    best = t;
                    break;
                }
            }
            assertEq(uint8(badges.bestTier(actors[a])), best, "best tier");
        }
    }

    /**
     * @notice A locked badge never leaves the account that claimed it (it can only be burnt).
     * hardhat-config: invariant.runs = 48
     * hardhat-config: invariant.depth = 60
     * hardhat-config: invariant.failOnRevert = true
     */
    function invariant_lockedBadgesStayWithTheirClaimer() public view {
        uint256[] memory minted = handler.minted();
        for (uint256 i; i < minted.length; ++i) {
            (bool exists, address owner) = _owner(minted[i]);
            if (!exists || !badges.locked(minted[i])) continue;
            assertEq(owner, handler.claimerOf(minted[i]), "locked badge moved");
        }
    }

    function _owner(uint256 id) internal view returns (bool, address) {
        try badges.ownerOf(id) returns (address owner) {
            return (true, owner);
        } catch {
            return (false, address(0));
        }
    }
}
