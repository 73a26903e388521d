// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {Test, Vm} from "forge-std/Test.sol";
import {IAccessControl} from "@openzeppelin/contracts/access/IAccessControl.sol";
import {IERC721Errors} from "@openzeppelin/contracts/interfaces/draft-IERC6093.sol";
import {ERC20Votes} from "@openzeppelin/contracts/token/ERC20/extensions/ERC20Votes.sol";
import {WorxBadges} from "../../../contracts/badges/WorxBadges.sol";
import {WorkRewards} from "../../../contracts/dao/WorkRewards.sol";
import {WorxToken} from "../../../contracts/dao/WorxToken.sol";
import {MilestoneEscrow} from "../../../contracts/escrow/MilestoneEscrow.sol";
import {IMilestoneEscrow} from "../../../contracts/interfaces/IMilestoneEscrow.sol";
import {IWorkRewards} from "../../../contracts/interfaces/IWorkRewards.sol";
import {IWorxBadges} from "../../../contracts/interfaces/IWorxBadges.sol";
import {DemoStablecoin} from "../../../contracts/test-doubles/DemoStablecoin.sol";

/// @notice Unit and fuzz tests of {WorkRewards}, named `test_<function>_<condition>` /
/// `testFuzz_<function>_<property>`. Jobs are built and finished through the REAL {MilestoneEscrow}
/// (approved, reclaimed, ruled); badges are earned through the REAL {WorxBadges} reading that escrow.
/// Every custom error of {IWorkRewards} is triggered.
contract WorkRewardsTest is Test {
    address internal constant NATIVE = address(0);
    uint16 internal constant FEE_BPS = 1_000;
    uint32 internal constant REVIEW = 3 days;
    uint32 internal constant GRACE = 7 days;
    uint256 internal constant T0 = 1_700_000_000;
    uint256 internal constant NATIVE_RATE = 2_000e18; // 2_000 WORX per ETH
    uint256 internal constant USD_RATE = 1e30; // 1 WORX per dUSD (6 decimals)
    uint16 internal constant CLIENT_SHARE = 5_000;

    MilestoneEscrow internal escrow;
    DemoStablecoin internal usd;
    WorxBadges internal badges;
    WorxToken internal token;
    WorkRewards internal rewards;

    address internal admin; // the escrow's and badges' multisig
    address internal timelock; // the DAO
    address internal arbiter;
    address internal client;
    address internal freelancer;
    address internal stranger;

    function setUp() public {
        vm.warp(T0);
        admin = makeAddr("admin");
        timelock = makeAddr("timelock");
        arbiter = makeAddr("arbiter");
        client = makeAddr("client");
        freelancer = makeAddr("freelancer");
        stranger = makeAddr("stranger");
        usd = new DemoStablecoin("Demo USD", "dUSD");
        address[] memory allowed = new address[](2);
        allowed[0] = NATIVE;
        allowed[1] = address(usd);
        escrow = new MilestoneEscrow(admin, makeAddr("treasury"), FEE_BPS, allowed);
        bytes32 arbiterRole = escrow.ARBITER_ROLE();
        vm.prank(admin);
        escrow.grantRole(arbiterRole, arbiter);
        badges = new WorxBadges(address(escrow), admin);
        token = new WorxToken(timelock, address(0), 0);
        rewards = new WorkRewards(
            address(escrow), address(badges), address(token), timelock, CLIENT_SHARE, _pair(NATIVE, address(usd)), _rates()
        );
        bytes32 minterRole = token.MINTER_ROLE();
        vm.prank(timelock);
        token.grantRole(minterRole, address(rewards));
    }

    // ───────────────────────────── helpers ─────────────────────────────

    function _pair(address a, address b) internal pure returns (address[] memory list) {
        list = new address[](2);
        list[0] = a;
        list[1] = b;
    }

    function _rates() internal pure returns (uint256[] memory rates) {
        rates = new uint256[](2);
        rates[0] = NATIVE_RATE;
        rates[1] = USD_RATE;
    }

    function _terms(uint256 a, uint256 b) internal view returns (IMilestoneEscrow.MilestoneTerms[] memory terms) {
        uint256 count = b == 0 ? 1 : 2;
        terms = new IMilestoneEscrow.MilestoneTerms[](count);
        terms[0] = IMilestoneEscrow.MilestoneTerms({amount: a, dueDate: uint48(block.timestamp + 10 days)});
        if (count == 2) terms[1] = IMilestoneEscrow.MilestoneTerms({amount: b, dueDate: uint48(block.timestamp + 20 days)});
    }

    /// @dev A funded job of one (`b` zero) or two milestones.
    function _funded(address payToken, uint256 a, uint256 b) internal returns (uint256 id) {
        IMilestoneEscrow.MilestoneTerms[] memory terms = _terms(a, b);
        vm.prank(client);
        id = escrow.createEscrow(freelancer, payToken, terms, REVIEW, GRACE);
        uint256 total = a + b;
        if (payToken == NATIVE) {
            vm.deal(client, total);
            vm.prank(client);
            escrow.fundEscrow{value: total}(id);
        } else {
            usd.mint(client, total);
            vm.startPrank(client);
            usd.approve(address(escrow), total);
            escrow.fundEscrow(id);
            vm.stopPrank();
        }
    }

    function _release(uint256 id, uint256 index) internal {
        vm.prank(freelancer);
        escrow.submitMilestone(id, index, bytes32(0));
        vm.prank(client);
        escrow.approveMilestone(id, index);
    }

    /// @dev A Completed job whose every milestone was approved: released == total.
    function _completed(address payToken, uint256 amount) internal returns (uint256 id) {
        id = _funded(payToken, amount, 0);
        _release(id, 0);
    }

    function _reclaim(uint256 id, uint256 index) internal {
        IMilestoneEscrow.Milestone memory m = escrow.getMilestone(id, index);
        vm.warp(uint256(m.dueDate) + GRACE);
        vm.prank(client);
        escrow.reclaimMilestone(id, index);
    }

    function _claim(uint256 id) internal returns (uint256 f, uint256 c) {
        vm.prank(stranger); // anyone may claim
        (f, c) = rewards.claimWorkReward(id);
    }

    function _notFinished(uint256 id, IMilestoneEscrow.EscrowStatus status) internal pure returns (bytes memory) {
        return abi.encodeWithSelector(IWorkRewards.JobNotFinished.selector, id, uint8(status));
    }

    function _unauthorized(address account) internal pure returns (bytes memory) {
        return abi.encodeWithSelector(IAccessControl.AccessControlUnauthorizedAccount.selector, account, bytes32(0));
    }

    /// @dev Ten approved, 5-star jobs: enough for a Bronze badge (transferable, no discount).
    function _earnBronze(address worker) internal returns (uint256 badgeId) {
        vm.deal(client, 10 ether);
        IMilestoneEscrow.MilestoneTerms[] memory terms = _terms(1 ether / 10, 0);
        for (uint256 i; i < 10; ++i) {
            vm.startPrank(client);
            uint256 id = escrow.createEscrow(worker, NATIVE, terms, REVIEW, GRACE);
            escrow.fundEscrow{value: 1 ether / 10}(id);
            vm.stopPrank();
            vm.prank(worker);
            escrow.submitMilestone(id, 0, bytes32(0));
            vm.startPrank(client);
            escrow.approveMilestone(id, 0);
            escrow.rateJob(id, 5);
            vm.stopPrank();
        }
        vm.prank(worker);
        badgeId = badges.claim(IWorxBadges.Tier.Bronze);
    }

    function _setBadgeReward(uint8 tier, uint256 amount) internal {
        vm.prank(timelock);
        rewards.setBadgeReward(tier, amount);
    }

    // ───────────────────────────── constructor & views ─────────────────────────────

    function test_constructor_setsEverything() public view {
        assertEq(rewards.escrow(), address(escrow));
        assertEq(rewards.badges(), address(badges));
        assertEq(rewards.token(), address(token));
        assertEq(rewards.clientShareBps(), CLIENT_SHARE);
        assertEq(rewards.rewardRate(NATIVE), NATIVE_RATE);
        assertEq(rewards.rewardRate(address(usd)), USD_RATE);
        assertEq(rewards.rewardRate(stranger), 0);
        assertTrue(rewards.hasRole(rewards.DEFAULT_ADMIN_ROLE(), timelock));
    }

    function test_constructor_emitsInitialConfig() public {
        vm.expectEmit(false, false, false, true);
        emit IWorkRewards.ClientShareUpdated(0, CLIENT_SHARE);
        vm.expectEmit(true, false, false, true);
        emit IWorkRewards.RewardRateUpdated(NATIVE, 0, NATIVE_RATE);
        vm.expectEmit(true, false, false, true);
        emit IWorkRewards.RewardRateUpdated(address(usd), 0, USD_RATE);
        new WorkRewards(address(escrow), address(badges), address(token), timelock, CLIENT_SHARE, _pair(NATIVE, address(usd)), _rates());
    }

    function test_constructor_lengthMismatchReverts() public {
        vm.expectRevert(IWorkRewards.LengthMismatch.selector);
        new WorkRewards(address(escrow), address(badges), address(token), timelock, CLIENT_SHARE, _pair(NATIVE, address(usd)), new uint256[](1));
    }

    function test_constructor_shareAboveFullReverts() public {
        vm.expectRevert(abi.encodeWithSelector(IWorkRewards.InvalidShare.selector, uint16(10_001)));
        new WorkRewards(address(escrow), address(badges), address(token), timelock, 10_001, new address[](0), new uint256[](0));
    }

    // ───────────────────────────── claimWorkReward ─────────────────────────────

    function test_claimWorkReward_completedNativeJob() public {
        uint256 id = _completed(NATIVE, 1.5 ether);
        uint256 f = 1.5 ether * NATIVE_RATE / 1e18; // 3_000 WORX
        uint256 c = f / 2;
        (uint256 pf, uint256 pc) = rewards.previewWorkReward(id);
        assertEq(pf, f);
        assertEq(pc, c);
        vm.expectEmit(true, true, true, true);
        emit IWorkRewards.WorkRewarded(id, freelancer, client, NATIVE, 1.5 ether, f, c);
        (uint256 gotF, uint256 gotC) = _claim(id);
        assertEq(gotF, 3_000e18);
        assertEq(gotC, 1_500e18);
        assertEq(token.balanceOf(freelancer), 3_000e18);
        assertEq(token.balanceOf(client), 1_500e18);
        assertEq(token.balanceOf(stranger), 0);
        assertEq(token.totalSupply(), 4_500e18);
        assertTrue(rewards.isWorkRewardClaimed(id));
        (pf, pc) = rewards.previewWorkReward(id);
        assertEq(pf + pc, 0, "nothing left to preview");
    }

    function test_claimWorkReward_completedStablecoinJob() public {
        uint256 id = _completed(address(usd), 250e6); // 250 dUSD
        _claim(id);
        assertEq(token.balanceOf(freelancer), 250e18);
        assertEq(token.balanceOf(client), 125e18);
    }

    function test_claimWorkReward_twiceReverts() public {
        uint256 id = _completed(NATIVE, 1 ether);
        _claim(id);
        vm.expectRevert(abi.encodeWithSelector(IWorkRewards.WorkRewardAlreadyClaimed.selector, id));
        _claim(id);
    }

    function test_claimWorkReward_createdJobReverts() public {
        IMilestoneEscrow.MilestoneTerms[] memory terms = _terms(1 ether, 0);
        vm.prank(client);
        uint256 id = escrow.createEscrow(freelancer, NATIVE, terms, REVIEW, GRACE);
        vm.expectRevert(_notFinished(id, IMilestoneEscrow.EscrowStatus.Created));
        _claim(id);
    }

    function test_claimWorkReward_fundedJobReverts() public {
        uint256 id = _funded(NATIVE, 1 ether, 1 ether);
        _release(id, 0); // half paid, not finished
        vm.expectRevert(_notFinished(id, IMilestoneEscrow.EscrowStatus.Funded));
        _claim(id);
        (uint256 pf, uint256 pc) = rewards.previewWorkReward(id);
        assertEq(pf + pc, 0);
    }

    function test_claimWorkReward_cancelledJobReverts() public {
        IMilestoneEscrow.MilestoneTerms[] memory terms = _terms(1 ether, 0);
        vm.prank(client);
        uint256 id = escrow.createEscrow(freelancer, NATIVE, terms, REVIEW, GRACE);
        vm.prank(client);
        escrow.cancelEscrow(id);
        vm.expectRevert(_notFinished(id, IMilestoneEscrow.EscrowStatus.Cancelled));
        _claim(id);
    }

    function test_claimWorkReward_unknownEscrowReverts() public {
        vm.expectRevert(_notFinished(42, IMilestoneEscrow.EscrowStatus.None));
        _claim(42);
    }

    function test_claimWorkReward_closedJobRewardsOnlyWhatWasReleased() public {
        uint256 id = _funded(NATIVE, 0.4 ether, 0.6 ether);
        _release(id, 0);
        _reclaim(id, 1);
        assertEq(uint8(escrow.getEscrow(id).status), uint8(IMilestoneEscrow.EscrowStatus.Closed));
        vm.expectEmit(true, true, true, true);
        emit IWorkRewards.WorkRewarded(id, freelancer, client, NATIVE, 0.4 ether, 800e18, 400e18);
        _claim(id);
    }

    function test_claimWorkReward_fullyReclaimedJobHasNothingToReward() public {
        uint256 id = _funded(NATIVE, 1 ether, 0);
        _reclaim(id, 0);
        vm.expectRevert(abi.encodeWithSelector(IWorkRewards.NothingToReward.selector, id));
        _claim(id);
        assertFalse(rewards.isWorkRewardClaimed(id));
    }

    function test_claimWorkReward_ruledDisputeRewardsTheFreelancersGrossShare() public {
        uint256 id = _funded(address(usd), 100e6, 0);
        vm.prank(client);
        escrow.openDispute(id, 0, bytes32(0));
        vm.prank(arbiter);
        escrow.resolveDispute(id, 0, 3_000); // 30% to the freelancer side
        assertEq(escrow.getEscrow(id).released, 30e6);
        _claim(id);
        assertEq(token.balanceOf(freelancer), 30e18);
        assertEq(token.balanceOf(client), 15e18);
    }

    function test_claimWorkReward_zeroRateHasNothingToRewardUntilARateIsSet() public {
        vm.prank(timelock);
        rewards.setRewardRate(NATIVE, 0);
        uint256 id = _completed(NATIVE, 1 ether);
        vm.expectRevert(abi.encodeWithSelector(IWorkRewards.NothingToReward.selector, id));
        _claim(id);
        assertFalse(rewards.isWorkRewardClaimed(id), "nothing marked");
        vm.prank(timelock);
        rewards.setRewardRate(NATIVE, 1e18);
        _claim(id);
        assertEq(token.balanceOf(freelancer), 1e18);
    }

    function test_claimWorkReward_valueRoundingToZeroHasNothingToReward() public {
        vm.prank(timelock);
        rewards.setRewardRate(address(usd), 1e11); // 1 dUSD unit earns 1e-7 WORX wei
        uint256 id = _completed(address(usd), 1e6);
        vm.expectRevert(abi.encodeWithSelector(IWorkRewards.NothingToReward.selector, id));
        _claim(id);
    }

    function test_claimWorkReward_zeroClientShareMintsOnlyToTheFreelancer() public {
        vm.prank(timelock);
        rewards.setClientShare(0);
        uint256 id = _completed(NATIVE, 1 ether);
        vm.recordLogs();
        (uint256 f, uint256 c) = _claim(id);
        assertEq(f, 2_000e18);
        assertEq(c, 0);
        assertEq(token.balanceOf(client), 0);
        Vm.Log[] memory logs = vm.getRecordedLogs();
        uint256 transfers;
        for (uint256 i; i < logs.length; ++i) {
            if (logs[i].topics[0] == keccak256("Transfer(address,address,uint256)")) ++transfers;
        }
        assertEq(transfers, 1, "the zero client mint is skipped");
    }

    function test_claimWorkReward_fullClientShareMatchesTheFreelancer() public {
        vm.prank(timelock);
        rewards.setClientShare(10_000);
        uint256 id = _completed(NATIVE, 1 ether);
        (uint256 f, uint256 c) = _claim(id);
        assertEq(f, c);
    }

    function test_claimWorkReward_withoutMinterRoleReverts() public {
        bytes32 minterRole = token.MINTER_ROLE();
        vm.prank(timelock);
        token.revokeRole(minterRole, address(rewards));
        uint256 id = _completed(NATIVE, 1 ether);
        vm.expectRevert(
            abi.encodeWithSelector(IAccessControl.AccessControlUnauthorizedAccount.selector, address(rewards), minterRole)
        );
        _claim(id);
        assertFalse(rewards.isWorkRewardClaimed(id), "the revert undoes the mark");
    }

    function test_claimWorkReward_rewardsVoteOnlyAfterDelegation() public {
        uint256 id = _completed(NATIVE, 1 ether);
        _claim(id);
        assertEq(token.getVotes(freelancer), 0);
        vm.prank(freelancer);
        token.delegate(freelancer);
        assertEq(token.getVotes(freelancer), 2_000e18);
    }

    // ───────────────────────────── claimBadgeReward ─────────────────────────────

    function test_claimBadgeReward_paysTheCurrentHolder() public {
        uint256 badgeId = _earnBronze(freelancer);
        _setBadgeReward(uint8(IWorxBadges.Tier.Bronze), 50e18);
        // Bronze is transferable: whoever holds it when the reward is claimed receives it.
        vm.prank(freelancer);
        badges.transferFrom(freelancer, stranger, badgeId);
        vm.expectEmit(true, true, false, true);
        emit IWorkRewards.BadgeRewarded(badgeId, stranger, uint8(IWorxBadges.Tier.Bronze), 50e18);
        vm.prank(client);
        uint256 amount = rewards.claimBadgeReward(badgeId);
        assertEq(amount, 50e18);
        assertEq(token.balanceOf(stranger), 50e18);
        assertEq(token.balanceOf(freelancer), 0);
        assertTrue(rewards.isBadgeRewardClaimed(badgeId));
    }

    function test_claimBadgeReward_twiceReverts() public {
        uint256 badgeId = _earnBronze(freelancer);
        _setBadgeReward(uint8(IWorxBadges.Tier.Bronze), 50e18);
        rewards.claimBadgeReward(badgeId);
        vm.expectRevert(abi.encodeWithSelector(IWorkRewards.BadgeRewardAlreadyClaimed.selector, badgeId));
        rewards.claimBadgeReward(badgeId);
    }

    function test_claimBadgeReward_zeroRewardHasNothingToReward() public {
        uint256 badgeId = _earnBronze(freelancer);
        vm.expectRevert(abi.encodeWithSelector(IWorkRewards.NothingToReward.selector, badgeId));
        rewards.claimBadgeReward(badgeId);
        assertFalse(rewards.isBadgeRewardClaimed(badgeId));
    }

    function test_claimBadgeReward_burntBadgeReverts() public {
        uint256 badgeId = _earnBronze(freelancer);
        _setBadgeReward(uint8(IWorxBadges.Tier.Bronze), 50e18);
        vm.prank(freelancer);
        badges.burn(badgeId);
        vm.expectRevert(abi.encodeWithSelector(IERC721Errors.ERC721NonexistentToken.selector, badgeId));
        rewards.claimBadgeReward(badgeId);
    }

    function test_claimBadgeReward_unknownBadgeReverts() public {
        vm.expectRevert(abi.encodeWithSelector(IERC721Errors.ERC721NonexistentToken.selector, 7));
        rewards.claimBadgeReward(7);
    }

    // ───────────────────────────── admin ─────────────────────────────

    function test_setRewardRate_updatesAndEmits() public {
        vm.expectEmit(true, false, false, true);
        emit IWorkRewards.RewardRateUpdated(NATIVE, NATIVE_RATE, 1e18);
        vm.prank(timelock);
        rewards.setRewardRate(NATIVE, 1e18);
        assertEq(rewards.rewardRate(NATIVE), 1e18);
    }

    function test_setRewardRate_notAdminReverts() public {
        vm.expectRevert(_unauthorized(admin));
        vm.prank(admin);
        rewards.setRewardRate(NATIVE, 1);
    }

    function test_setClientShare_updatesAndEmits() public {
        vm.expectEmit(false, false, false, true);
        emit IWorkRewards.ClientShareUpdated(CLIENT_SHARE, 2_000);
        vm.prank(timelock);
        rewards.setClientShare(2_000);
        assertEq(rewards.clientShareBps(), 2_000);
    }

    function test_setClientShare_aboveFullReverts() public {
        vm.expectRevert(abi.encodeWithSelector(IWorkRewards.InvalidShare.selector, uint16(10_001)));
        vm.prank(timelock);
        rewards.setClientShare(10_001);
    }

    function test_setClientShare_notAdminReverts() public {
        vm.expectRevert(_unauthorized(stranger));
        vm.prank(stranger);
        rewards.setClientShare(0);
    }

    function test_setBadgeReward_updatesAndEmits() public {
        vm.expectEmit(true, false, false, true);
        emit IWorkRewards.BadgeRewardUpdated(3, 0, 100e18);
        _setBadgeReward(3, 100e18);
        vm.expectEmit(true, false, false, true);
        emit IWorkRewards.BadgeRewardUpdated(3, 100e18, 0);
        _setBadgeReward(3, 0);
        assertEq(rewards.badgeReward(3), 0);
    }

    function test_setBadgeReward_notAdminReverts() public {
        vm.expectRevert(_unauthorized(freelancer));
        vm.prank(freelancer);
        rewards.setBadgeReward(1, 1);
    }

    // ───────────────────────────── fuzz ─────────────────────────────

    /// @dev Reward math against the reference formula, over released value, rate and share.
    function testFuzz_claimWorkReward_matchesReferenceFormula(uint256 amount, uint256 rate, uint16 share, uint16 ruling)
        public
    {
        amount = bound(amount, 1, 1e30);
        rate = bound(rate, 1, 1e24); // keeps every reward below the token's 2^128 cap
        share = uint16(bound(share, 0, 10_000));
        ruling = uint16(bound(ruling, 0, 10_000));
        vm.startPrank(timelock);
        rewards.setRewardRate(address(usd), rate);
        rewards.setClientShare(share);
        vm.stopPrank();
        uint256 id = _funded(address(usd), amount, 0);
        vm.prank(client);
        escrow.openDispute(id, 0, bytes32(0));
        vm.prank(arbiter);
        escrow.resolveDispute(id, 0, ruling);

        uint256 value = escrow.getEscrow(id).released;
        uint256 f = value * rate / 1e18;
        uint256 c = f * share / 10_000;
        if (f == 0) {
            vm.expectRevert(abi.encodeWithSelector(IWorkRewards.NothingToReward.selector, id));
            _claim(id);
            return;
        }
        (uint256 gotF, uint256 gotC) = _claim(id);
        assertEq(gotF, f, "freelancer reward");
        assertEq(gotC, c, "client reward");
        assertEq(token.balanceOf(freelancer), f);
        assertEq(token.balanceOf(client), c);
        assertEq(token.totalSupply(), f + c);
    }

    /// @dev A huge value times a huge rate does not overflow the math (512-bit mulDiv): the preview is
    /// exact, and the mint hits the token's 2^128 - 1 supply cap instead, leaving nothing marked.
    function testFuzz_claimWorkReward_hugeRateHitsTheSupplyCapNotAnOverflow(uint256 rate) public {
        rate = bound(rate, 1e40, 3e56); // value * rate overflows 256 bits, the reward itself does not
        vm.prank(timelock);
        rewards.setRewardRate(address(usd), rate);
        uint256 id = _completed(address(usd), type(uint128).max);
        (uint256 pf,) = rewards.previewWorkReward(id);
        assertEq(pf, _mulDiv(type(uint128).max, rate));
        vm.expectRevert(
            abi.encodeWithSelector(ERC20Votes.ERC20ExceededSafeSupply.selector, pf, uint256(type(uint128).max))
        );
        _claim(id);
        assertFalse(rewards.isWorkRewardClaimed(id));
    }

    function _mulDiv(uint256 a, uint256 rate) internal pure returns (uint256) {
        // a < 2^128, and a * (rate / 1e18) + a * (rate % 1e18) / 1e18 is exact when it fits.
        return a * (rate / 1e18) + a * (rate % 1e18) / 1e18;
    }
}
