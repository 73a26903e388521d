// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {Test, Vm} from "forge-std/Test.sol";
import {IAccessControl} from "@openzeppelin/contracts/access/IAccessControl.sol";
import {WorxBadges} from "../../../contracts/badges/WorxBadges.sol";
import {StakingFeeDiscount} from "../../../contracts/dao/StakingFeeDiscount.sol";
import {WorxToken} from "../../../contracts/dao/WorxToken.sol";
import {MilestoneEscrow} from "../../../contracts/escrow/MilestoneEscrow.sol";
import {IMilestoneEscrow} from "../../../contracts/interfaces/IMilestoneEscrow.sol";
import {IStakingFeeDiscount} from "../../../contracts/interfaces/IStakingFeeDiscount.sol";
import {IWorxBadges} from "../../../contracts/interfaces/IWorxBadges.sol";
import {IWorxToken} from "../../../contracts/interfaces/IWorxToken.sol";
import {FeeDiscountSourceMock} from "../../../contracts/test-doubles/FeeDiscountSourceMock.sol";
import {FreelancerStatsMock} from "../../../contracts/test-doubles/FreelancerStatsMock.sol";

/// @dev Shared setup: a real {MilestoneEscrow} reading a {StakingFeeDiscount} over a real
/// {WorxToken}, with a configurable badge-source mock. Discounts are checked where they matter: in
/// the escrow's `FeeDiscountApplied` event and the fee fixed into the job.
abstract contract StakingFeeDiscountBase is Test {
    address internal constant NATIVE = address(0);
    uint16 internal constant FEE_BPS = 1_000;
    uint32 internal constant REVIEW = 3 days;
    uint32 internal constant GRACE = 7 days;
    uint256 internal constant T0 = 1_700_000_000;

    IWorxToken.LockTerm internal constant D30 = IWorxToken.LockTerm.Days30;
    IWorxToken.LockTerm internal constant D90 = IWorxToken.LockTerm.Days90;
    IWorxToken.LockTerm internal constant D180 = IWorxToken.LockTerm.Days180;

    MilestoneEscrow internal escrow;
    WorxToken internal token;
    StakingFeeDiscount internal discount;
    FeeDiscountSourceMock internal badgeMock;

    address internal admin; // the escrow's multisig
    address internal timelock; // the DAO
    address internal minter;
    address internal client;
    address internal freelancer;

    function _deploy(IStakingFeeDiscount.DiscountTier[] memory tiers, address badgeSource) internal {
        vm.warp(T0);
        admin = makeAddr("admin");
        timelock = makeAddr("timelock");
        minter = makeAddr("minter");
        client = makeAddr("client");
        freelancer = makeAddr("freelancer");
        address[] memory allowed = new address[](1);
        allowed[0] = NATIVE;
        escrow = new MilestoneEscrow(admin, makeAddr("treasury"), FEE_BPS, allowed);
        token = new WorxToken(timelock, address(0), 0);
        bytes32 minterRole = token.MINTER_ROLE();
        vm.prank(timelock);
        token.grantRole(minterRole, minter);
        discount = new StakingFeeDiscount(address(token), badgeSource, tiers, timelock);
        vm.prank(admin);
        escrow.setFeeDiscountSource(address(discount));
    }

    function _defaultTiers() internal pure returns (IStakingFeeDiscount.DiscountTier[] memory tiers) {
        tiers = new IStakingFeeDiscount.DiscountTier[](3);
        tiers[0] = IStakingFeeDiscount.DiscountTier(1_000e18, 1_000);
        tiers[1] = IStakingFeeDiscount.DiscountTier(10_000e18, 2_500);
        tiers[2] = IStakingFeeDiscount.DiscountTier(50_000e18, 5_000);
    }

    /// @dev Eight tiers: 1_000e18 * 2^i needs, 500 * (i + 1) bps.
    function _eightTiers() internal pure returns (IStakingFeeDiscount.DiscountTier[] memory tiers) {
        tiers = new IStakingFeeDiscount.DiscountTier[](8);
        for (uint256 i; i < 8; ++i) {
            tiers[i] = IStakingFeeDiscount.DiscountTier(uint128(1_000e18 << i), uint16(500 * (i + 1)));
        }
    }

    function _stake(address account, uint256 amount, IWorxToken.LockTerm term) internal {
        vm.prank(minter);
        token.mint(account, amount);
        vm.prank(account);
        token.stake(amount, term);
    }

    function _terms() internal view returns (IMilestoneEscrow.MilestoneTerms[] memory terms) {
        terms = new IMilestoneEscrow.MilestoneTerms[](1);
        terms[0] = IMilestoneEscrow.MilestoneTerms({amount: 1e18, dueDate: uint48(block.timestamp + 10 days)});
    }

    /// @dev Create a job for `freelancer` and check the escrow applied `expected` (its event when
    /// non-zero, none otherwise, and the discounted fee fixed into the job).
    function _createAndExpect(uint16 expected) internal returns (uint256 id) {
        IMilestoneEscrow.MilestoneTerms[] memory terms = _terms();
        vm.recordLogs();
        vm.prank(client);
        id = escrow.createEscrow(freelancer, NATIVE, terms, REVIEW, GRACE);
        Vm.Log[] memory logs = vm.getRecordedLogs();
        bool seen;
        for (uint256 i; i < logs.length; ++i) {
            if (logs[i].topics[0] != IMilestoneEscrow.FeeDiscountApplied.selector) continue;
            seen = true;
            assertEq(uint256(logs[i].topics[1]), id, "escrow id");
            assertEq(address(uint160(uint256(logs[i].topics[2]))), freelancer, "freelancer");
            (uint16 baseFeeBps, uint16 discountBps) = abi.decode(logs[i].data, (uint16, uint16));
            assertEq(baseFeeBps, FEE_BPS, "base fee");
            assertEq(discountBps, expected, "discount applied");
        }
        assertEq(seen, expected != 0, "FeeDiscountApplied emitted iff a discount applies");
        // ceil(base * (10_000 - discount) / 10_000), as the escrow's FeeMath rounds.
        uint256 fee = (uint256(FEE_BPS) * (10_000 - expected) + 9_999) / 10_000;
        assertEq(escrow.getEscrow(id).feeBps, fee, "fee fixed into the job");
    }
}

/// @notice Unit and fuzz tests of {StakingFeeDiscount}, named `test_<function>_<condition>` /
/// `testFuzz_<function>_<property>`, through the real escrow. Its custom error is triggered for every
/// rule; a reverting, gas-burning, malformed or over-generous badge source never blocks a job.
contract StakingFeeDiscountTest is StakingFeeDiscountBase {
    function setUp() public {
        badgeMock = new FeeDiscountSourceMock();
        _deploy(_defaultTiers(), address(badgeMock));
    }

    function _invalid(uint256 index) internal pure returns (bytes memory) {
        return abi.encodeWithSelector(IStakingFeeDiscount.InvalidDiscountTiers.selector, index);
    }

    function _setTiers(IStakingFeeDiscount.DiscountTier[] memory tiers) internal {
        vm.prank(timelock);
        discount.setDiscountTiers(tiers);
    }

    // ───────────────────────────── constructor & views ─────────────────────────────

    function test_constructor_setsEverything() public view {
        assertEq(discount.token(), address(token));
        assertEq(discount.badgeSource(), address(badgeMock));
        assertTrue(discount.hasRole(discount.DEFAULT_ADMIN_ROLE(), timelock));
        assertEq(discount.MAX_TIERS(), 8);
        assertEq(discount.BADGE_READ_GAS(), 30_000);
        IStakingFeeDiscount.DiscountTier[] memory tiers = discount.discountTiers();
        assertEq(tiers.length, 3);
        assertEq(tiers[0].minStakingPower, 1_000e18);
        assertEq(tiers[0].discountBps, 1_000);
        assertEq(tiers[2].minStakingPower, 50_000e18);
        assertEq(tiers[2].discountBps, 5_000);
    }

    function test_constructor_emitsInitialConfig() public {
        IStakingFeeDiscount.DiscountTier[] memory tiers = _defaultTiers();
        vm.expectEmit(true, true, false, true);
        emit IStakingFeeDiscount.BadgeSourceUpdated(address(0), address(badgeMock));
        vm.expectEmit(false, false, false, true);
        emit IStakingFeeDiscount.DiscountTiersUpdated(tiers);
        new StakingFeeDiscount(address(token), address(badgeMock), tiers, timelock);
    }

    function test_constructor_invalidTiersReverts() public {
        IStakingFeeDiscount.DiscountTier[] memory tiers = _defaultTiers();
        tiers[2].discountBps = 10_001;
        vm.expectRevert(_invalid(2));
        new StakingFeeDiscount(address(token), address(badgeMock), tiers, timelock);
    }

    // ───────────────────────────── stakingDiscountBps ─────────────────────────────

    function test_stakingDiscountBps_belowFirstTierIsZero() public {
        _stake(freelancer, 1_000e18 - 1, D30);
        assertEq(discount.stakingDiscountBps(freelancer), 0);
        _createAndExpect(0);
    }

    function test_stakingDiscountBps_exactlyAtATierEarnsIt() public {
        _stake(freelancer, 10_000e18, D30);
        assertEq(discount.stakingDiscountBps(freelancer), 2_500);
        _createAndExpect(2_500);
    }

    function test_stakingDiscountBps_boostCountsTowardTiers() public {
        // 34_000 over 180 days is 68_000 of staking power: the top tier.
        _stake(freelancer, 34_000e18, D180);
        assertEq(token.stakingPower(freelancer), 68_000e18);
        _createAndExpect(5_000);
    }

    function test_stakingDiscountBps_positionsAddUp() public {
        _stake(freelancer, 500e18, D30); // 500
        _stake(freelancer, 300e18, D90); // 450
        assertEq(discount.stakingDiscountBps(freelancer), 0, "950 of power");
        _stake(freelancer, 25e18, D180); // 50
        assertEq(discount.stakingDiscountBps(freelancer), 1_000, "1_000 of power");
    }

    function test_stakingDiscountBps_endsWithTheLock() public {
        _stake(freelancer, 60_000e18, D30);
        _createAndExpect(5_000);
        vm.warp(T0 + 30 days);
        _createAndExpect(0);
    }

    function test_stakingDiscountBps_unstakedBalanceEarnsNothing() public {
        vm.prank(minter);
        token.mint(freelancer, 1_000_000e18);
        _createAndExpect(0);
    }

    function test_stakingDiscountBps_noTiersIsZero() public {
        _stake(freelancer, 60_000e18, D30);
        _setTiers(new IStakingFeeDiscount.DiscountTier[](0));
        assertEq(discount.stakingDiscountBps(freelancer), 0);
        _createAndExpect(0);
    }

    // ───────────────────────────── feeDiscountBps: staking vs badges ─────────────────────────────

    function test_feeDiscountBps_badgeHigherWins() public {
        _stake(freelancer, 1_000e18, D30);
        badgeMock.setDiscount(freelancer, 2_000);
        _createAndExpect(2_000);
    }

    function test_feeDiscountBps_stakingHigherWins() public {
        _stake(freelancer, 10_000e18, D30);
        badgeMock.setDiscount(freelancer, 2_000);
        _createAndExpect(2_500);
    }

    function test_feeDiscountBps_badgeAloneApplies() public {
        badgeMock.setDiscount(freelancer, 700);
        _createAndExpect(700);
    }

    function test_feeDiscountBps_badgeAboveFullIsCapped() public {
        badgeMock.setDiscount(freelancer, 12_000);
        assertEq(discount.feeDiscountBps(freelancer), 10_000);
        _createAndExpect(10_000);
    }

    function test_feeDiscountBps_revertingBadgeSourceMeansNoBadgeDiscount() public {
        _stake(freelancer, 1_000e18, D30);
        badgeMock.setDiscount(freelancer, 5_000);
        badgeMock.setMode(FeeDiscountSourceMock.Mode.Reverts);
        _createAndExpect(1_000);
    }

    function test_feeDiscountBps_gasBurningBadgeSourceMeansNoBadgeDiscount() public {
        _stake(freelancer, 50_000e18, D30);
        badgeMock.setDiscount(freelancer, 9_000);
        badgeMock.setMode(FeeDiscountSourceMock.Mode.BurnsGas);
        _createAndExpect(5_000);
    }

    function test_feeDiscountBps_shortReturnMeansNoBadgeDiscount() public {
        badgeMock.setDiscount(freelancer, 5_000);
        badgeMock.setMode(FeeDiscountSourceMock.Mode.ShortReturn);
        assertEq(discount.feeDiscountBps(freelancer), 0);
        _createAndExpect(0);
    }

    function test_feeDiscountBps_wordAboveUint16MeansNoBadgeDiscount() public {
        _stake(freelancer, 1_000e18, D30);
        badgeMock.setMode(FeeDiscountSourceMock.Mode.OversizedWord);
        _createAndExpect(1_000);
    }

    function test_feeDiscountBps_returnBombReadsOnlyTheFirstWord() public {
        badgeMock.setDiscount(freelancer, 3_000);
        badgeMock.setMode(FeeDiscountSourceMock.Mode.ReturnBomb);
        _createAndExpect(3_000);
    }

    function test_feeDiscountBps_badgeSourceWithoutCodeMeansNoBadgeDiscount() public {
        vm.prank(timelock);
        discount.setBadgeSource(makeAddr("eoa"));
        _stake(freelancer, 1_000e18, D30);
        _createAndExpect(1_000);
    }

    function test_feeDiscountBps_fullStakingDiscountSkipsTheBadgeSource() public {
        IStakingFeeDiscount.DiscountTier[] memory tiers = new IStakingFeeDiscount.DiscountTier[](1);
        tiers[0] = IStakingFeeDiscount.DiscountTier(1e18, 10_000);
        _setTiers(tiers);
        _stake(freelancer, 1e18, D30);
        badgeMock.setMode(FeeDiscountSourceMock.Mode.Reverts);
        vm.expectCall(address(badgeMock), abi.encodeCall(FeeDiscountSourceMock.feeDiscountBps, (freelancer)), 0);
        _createAndExpect(10_000);
    }

    function test_feeDiscountBps_starvedCallDegradesToNoBadgeDiscount() public {
        _setTiers(new IStakingFeeDiscount.DiscountTier[](0)); // no token read: only the badge read
        badgeMock.setDiscount(freelancer, 3_000);
        bytes memory call = abi.encodeCall(discount.feeDiscountBps, (freelancer));
        bool sawSkipped;
        bool sawFull;
        for (uint256 gas = 2_000; gas <= 12_000; gas += 25) {
            (bool ok, bytes memory data) = address(discount).staticcall{gas: gas}(call);
            if (!ok) continue; // too little even for the entry: the escrow reads that as "no discount"
            uint16 bps = abi.decode(data, (uint16));
            assertTrue(bps == 0 || bps == 3_000, "only the badge answer or nothing");
            if (bps == 0) sawSkipped = true;
            else sawFull = true;
        }
        assertTrue(sawSkipped, "some budget skipped or starved the badge read and still answered");
        assertTrue(sawFull, "some budget was enough for the badge read");
    }

    // ───────────────────────────── setDiscountTiers ─────────────────────────────

    function test_setDiscountTiers_replacesAndEmits() public {
        IStakingFeeDiscount.DiscountTier[] memory tiers = new IStakingFeeDiscount.DiscountTier[](2);
        tiers[0] = IStakingFeeDiscount.DiscountTier(100e18, 500);
        tiers[1] = IStakingFeeDiscount.DiscountTier(200e18, 500); // equal discounts allowed
        vm.expectEmit(false, false, false, true);
        emit IStakingFeeDiscount.DiscountTiersUpdated(tiers);
        _setTiers(tiers);
        assertEq(discount.discountTiers().length, 2);
        _stake(freelancer, 60_000e18, D30);
        assertEq(discount.stakingDiscountBps(freelancer), 500, "the old top tier is gone");
    }

    function test_setDiscountTiers_eightTiersAllowed() public {
        _setTiers(_eightTiers());
        assertEq(discount.discountTiers().length, 8);
        _stake(freelancer, 128_000e18, D30);
        assertEq(discount.stakingDiscountBps(freelancer), 4_000);
    }

    function test_setDiscountTiers_nineTiersReverts() public {
        IStakingFeeDiscount.DiscountTier[] memory tiers = new IStakingFeeDiscount.DiscountTier[](9);
        for (uint256 i; i < 9; ++i) {
            tiers[i] = IStakingFeeDiscount.DiscountTier(uint128(1e18 * (i + 1)), uint16(100 * i));
        }
        vm.expectRevert(_invalid(8));
        _setTiers(tiers);
    }

    function test_setDiscountTiers_zeroMinimumReverts() public {
        IStakingFeeDiscount.DiscountTier[] memory tiers = _defaultTiers();
        tiers[0].minStakingPower = 0;
        vm.expectRevert(_invalid(0));
        _setTiers(tiers);
    }

    function test_setDiscountTiers_equalMinimumsRevert() public {
        IStakingFeeDiscount.DiscountTier[] memory tiers = _defaultTiers();
        tiers[2].minStakingPower = tiers[1].minStakingPower;
        vm.expectRevert(_invalid(2));
        _setTiers(tiers);
    }

    function test_setDiscountTiers_decreasingMinimumsRevert() public {
        IStakingFeeDiscount.DiscountTier[] memory tiers = _defaultTiers();
        tiers[1].minStakingPower = 999e18;
        vm.expectRevert(_invalid(1));
        _setTiers(tiers);
    }

    function test_setDiscountTiers_decreasingDiscountReverts() public {
        IStakingFeeDiscount.DiscountTier[] memory tiers = _defaultTiers();
        tiers[1].discountBps = 999;
        vm.expectRevert(_invalid(1));
        _setTiers(tiers);
    }

    function test_setDiscountTiers_discountAboveFullReverts() public {
        IStakingFeeDiscount.DiscountTier[] memory tiers = _defaultTiers();
        tiers[2].discountBps = 10_001;
        vm.expectRevert(_invalid(2));
        _setTiers(tiers);
    }

    function test_setDiscountTiers_notAdminReverts() public {
        IStakingFeeDiscount.DiscountTier[] memory tiers = _defaultTiers();
        bytes32 adminRole = discount.DEFAULT_ADMIN_ROLE();
        vm.expectRevert(abi.encodeWithSelector(IAccessControl.AccessControlUnauthorizedAccount.selector, admin, adminRole));
        vm.prank(admin);
        discount.setDiscountTiers(tiers);
    }

    // ───────────────────────────── setBadgeSource ─────────────────────────────

    function test_setBadgeSource_replacesAndEmits() public {
        FeeDiscountSourceMock other = new FeeDiscountSourceMock();
        other.setDiscount(freelancer, 4_000);
        vm.expectEmit(true, true, false, true);
        emit IStakingFeeDiscount.BadgeSourceUpdated(address(badgeMock), address(other));
        vm.prank(timelock);
        discount.setBadgeSource(address(other));
        assertEq(discount.badgeSource(), address(other));
        _createAndExpect(4_000);
    }

    function test_setBadgeSource_zeroDisablesBadgeDiscounts() public {
        badgeMock.setDiscount(freelancer, 4_000);
        vm.prank(timelock);
        discount.setBadgeSource(address(0));
        vm.expectCall(address(badgeMock), abi.encodeCall(FeeDiscountSourceMock.feeDiscountBps, (freelancer)), 0);
        _createAndExpect(0);
    }

    function test_setBadgeSource_notAdminReverts() public {
        bytes32 adminRole = discount.DEFAULT_ADMIN_ROLE();
        vm.expectRevert(abi.encodeWithSelector(IAccessControl.AccessControlUnauthorizedAccount.selector, client, adminRole));
        vm.prank(client);
        discount.setBadgeSource(address(0));
    }

    // ───────────────────────────── fuzz ─────────────────────────────

    /// @dev Binary search versus a linear scan over random valid tiers and random stakes.
    function testFuzz_stakingDiscountBps_matchesLinearScan(
        uint8 countSeed,
        uint64[8] memory gaps,
        uint16[8] memory steps,
        uint96 amount,
        uint8 termSeed,
        uint256 elapsed
    ) public {
        uint256 count = bound(countSeed, 0, 8);
        IStakingFeeDiscount.DiscountTier[] memory tiers = new IStakingFeeDiscount.DiscountTier[](count);
        uint256 min;
        uint256 bps;
        for (uint256 i; i < count; ++i) {
            min += bound(gaps[i], 1, 1e24);
            bps = bound(bps + (steps[i] % 2_000), bps, 10_000);
            tiers[i] = IStakingFeeDiscount.DiscountTier(uint128(min), uint16(bps));
        }
        _setTiers(tiers);
        IWorxToken.LockTerm term = IWorxToken.LockTerm(termSeed % 3);
        if (amount > 0) _stake(freelancer, amount, term);
        vm.warp(T0 + bound(elapsed, 0, 200 days));

        uint256 power = token.stakingPower(freelancer);
        uint16 expected;
        for (uint256 i; i < count; ++i) {
            if (tiers[i].minStakingPower <= power) expected = tiers[i].discountBps;
        }
        assertEq(discount.stakingDiscountBps(freelancer), expected);
        assertEq(discount.feeDiscountBps(freelancer), expected, "the mock answers 0");
    }

    function testFuzz_feeDiscountBps_isTheMaxOfBoth(uint96 amount, uint16 badgeBps) public {
        _stake(freelancer, bound(amount, 1, 100_000e18), D90);
        badgeMock.setDiscount(freelancer, badgeBps);
        uint256 staking = discount.stakingDiscountBps(freelancer);
        uint256 badge = badgeBps > 10_000 ? 10_000 : badgeBps;
        assertEq(discount.feeDiscountBps(freelancer), staking > badge ? staking : badge);
    }
}

/// @dev The escrow reads its discount source with 50_000 gas and treats running out as "no
/// discount". The worst case is built in `setUp` (a separate transaction, so every slot and account
/// is cold again when the job is created): 8 tiers, a freelancer with all three positions live
/// (110_000 of staking power: tier 6, 3_500 bps, four binary-search probes).
abstract contract WorstCaseBase is StakingFeeDiscountBase {
    function _worstCase(address badgeSource) internal {
        _deploy(_eightTiers(), badgeSource);
        // 40_000 + 1.5 * 20_000 + 2 * 20_000 = 110_000 of staking power.
        _stake(freelancer, 40_000e18, D30);
        _stake(freelancer, 20_000e18, D90);
        _stake(freelancer, 20_000e18, D180);
    }
}

/// @notice Worst case with a badge source that burns every unit of gas it is given.
contract StakingFeeDiscountGasBurnerTest is WorstCaseBase {
    function setUp() public {
        badgeMock = new FeeDiscountSourceMock();
        badgeMock.setDiscount(makeAddr("freelancer"), 9_000);
        badgeMock.setMode(FeeDiscountSourceMock.Mode.BurnsGas);
        _worstCase(address(badgeMock));
    }

    function test_feeDiscountBps_eightTiersAndGasBurnerFitTheEscrowBudget() public {
        _createAndExpect(3_500);
    }

    /// @dev Logs what the staking half of the read costs cold (what the badge source cannot use out of
    /// the escrow's 50_000); asserts only the answer.
    function test_stakingDiscountBps_coldReadGas() public {
        uint256 before = gasleft();
        uint16 bps = discount.stakingDiscountBps(freelancer);
        uint256 used = before - gasleft();
        emit log_named_uint("cold stakingDiscountBps gas, 8 tiers, 3 live positions", used);
        assertEq(bps, 3_500);
    }
}

/// @notice Worst case with the real WorxBadges as badge source: the freelancer holds soul-bound Gold
/// and Platinum badges, Gold raised to 6_000 bps so the badge read decides the discount.
contract StakingFeeDiscountRealBadgesGasTest is WorstCaseBase {
    WorxBadges internal badges;

    function setUp() public {
        address badgesAdmin = makeAddr("badgesAdmin");
        address worker = makeAddr("freelancer");
        FreelancerStatsMock stats = new FreelancerStatsMock();
        badges = new WorxBadges(address(stats), badgesAdmin);
        stats.setStats(worker, 100, 100, 500);
        IWorxBadges.TierConfig memory gold = badges.tierConfig(IWorxBadges.Tier.Gold);
        gold.feeDiscountBps = 6_000;
        vm.prank(badgesAdmin);
        badges.setTierConfig(IWorxBadges.Tier.Gold, gold);
        vm.startPrank(worker);
        badges.claim(IWorxBadges.Tier.Gold);
        badges.claim(IWorxBadges.Tier.Platinum);
        vm.stopPrank();
        _worstCase(address(badges));
    }

    function test_feeDiscountBps_eightTiersAndRealBadgesFitTheEscrowBudget() public {
        assertEq(badges.feeDiscountBps(freelancer), 6_000);
        _createAndExpect(6_000);
    }
}
