// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {Test, Vm} from "forge-std/Test.sol";
import {WorxBadges} from "../../../contracts/badges/WorxBadges.sol";
import {WorkRewards} from "../../../contracts/dao/WorkRewards.sol";
import {WorxToken} from "../../../contracts/dao/WorxToken.sol";
import {MilestoneEscrow} from "../../../contracts/escrow/MilestoneEscrow.sol";
import {IMilestoneEscrow} from "../../../contracts/interfaces/IMilestoneEscrow.sol";
import {IWorkRewards} from "../../../contracts/interfaces/IWorkRewards.sol";
import {IWorxBadges} from "../../../contracts/interfaces/IWorxBadges.sol";
import {DemoStablecoin} from "../../../contracts/test-doubles/DemoStablecoin.sol";
import {FreelancerStatsMock} from "../../../contracts/test-doubles/FreelancerStatsMock.sol";

/**
 * @notice Drives {WorkRewards} over a real {MilestoneEscrow}: jobs driven to every outcome (approved,
 * partly or fully reclaimed, ruled, left funded or unfunded), work and badge reward claims on random
 * ids (unknown, unfinished, already rewarded ones included), and governance changing rates, the
 * client share and badge rewards (zero included). It sums the amounts of every `WorkRewarded` and
 * `BadgeRewarded` event and counts the rewards per escrow and per badge.
 * @dev Every action either performs a call that must succeed or asserts the exact revert expected,
 * so the suite runs with `failOnRevert`. Badges come from a real {WorxBadges} over a stats mock
 * (reaching a badge through real jobs is a unit test).
 */
contract RewardsHandler is Test {
    bytes32 internal constant WORK_REWARDED = keccak256("WorkRewarded(uint256,address,address,address,uint256,uint256,uint256)");
    bytes32 internal constant BADGE_REWARDED = keccak256("BadgeRewarded(uint256,address,uint8,uint256)");
    uint32 internal constant REVIEW = 3 days;
    uint32 internal constant GRACE = 7 days;

    MilestoneEscrow public immutable escrow;
    WorxBadges public immutable badges;
    WorkRewards public immutable rewards;
    DemoStablecoin public immutable usd;
    address public immutable timelock;
    address public immutable arbiter;
    address[] internal _clients;
    address[] internal _freelancers;

    /// @notice Sum of the amounts of every WorkRewarded and BadgeRewarded event seen.
    uint256 public rewardedTotal;
    mapping(uint256 escrowId => uint256) public workRewardCount;
    mapping(uint256 badgeId => uint256) public badgeRewardCount;
    mapping(bytes32 action => uint256) public calls;

    constructor(
        MilestoneEscrow escrow_,
        WorxBadges badges_,
        WorkRewards rewards_,
        DemoStablecoin usd_,
        address timelock_,
        address arbiter_
    ) {
        escrow = escrow_;
        badges = badges_;
        rewards = rewards_;
        usd = usd_;
        timelock = timelock_;
        arbiter = arbiter_;
        FreelancerStatsMock stats = FreelancerStatsMock(badges_.escrow());
        for (uint256 i; i < 2; ++i) {
            _clients.push(makeAddr(string.concat("client", vm.toString(i))));
        }
        for (uint256 i; i < 3; ++i) {
            address f = makeAddr(string.concat("freelancer", vm.toString(i)));
            _freelancers.push(f);
            stats.setStats(f, 1_000, 1_000, 5_000); // meets Bronze, Gold, Platinum
        }
    }

    // ───────────────────────────── jobs ─────────────────────────────

    /// @dev A new job driven to outcome `outcomeSeed % 6`: approved, one of two milestones reclaimed,
    /// all reclaimed, ruled, left funded, left unfunded.
    function job(uint256 clientSeed, uint256 freelancerSeed, bool native, uint256 amount, uint256 outcomeSeed, uint16 bps)
        external
    {
        address client = _clients[clientSeed % _clients.length];
        address freelancer = _freelancers[freelancerSeed % _freelancers.length];
        address payToken = native ? address(0) : address(usd);
        amount = _bound(amount, 1, 1e24);
        uint256 outcome = outcomeSeed % 6;
        IMilestoneEscrow.MilestoneTerms[] memory terms = new IMilestoneEscrow.MilestoneTerms[](2);
        terms[0] = IMilestoneEscrow.MilestoneTerms({amount: amount, dueDate: uint48(block.timestamp + 1 days)});
        terms[1] = IMilestoneEscrow.MilestoneTerms({amount: amount / 2 + 1, dueDate: uint48(block.timestamp + 2 days)});
        vm.prank(client);
        uint256 id = escrow.createEscrow(freelancer, payToken, terms, REVIEW, GRACE);
        ++calls["job"];
        if (outcome == 5) return; // left Created
        uint256 total = escrow.getEscrow(id).total;
        if (native) {
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
        if (outcome == 4) return; // left Funded
        if (outcome == 0) {
            _approve(id, 0, freelancer, client);
            _approve(id, 1, freelancer, client);
        } else if (outcome == 1) {
            _approve(id, 0, freelancer, client);
            _reclaimAll(id, client);
        } else if (outcome == 2) {
            _reclaimAll(id, client);
        } else {
            for (uint256 i; i < 2; ++i) {
                vm.prank(client);
                escrow.openDispute(id, i, bytes32(0));
                vm.prank(arbiter);
                escrow.resolveDispute(id, i, uint16(_bound(bps, 0, 10_000)));
            }
        }
    }

    function claimWork(uint256 idSeed) external {
        // Ids 1 .. count + 1: the last one does not exist yet.
        uint256 id = 1 + idSeed % (escrow.escrowCount() + 1);
        IMilestoneEscrow.Escrow memory e = escrow.getEscrow(id);
        bool finished =
            e.status == IMilestoneEscrow.EscrowStatus.Completed || e.status == IMilestoneEscrow.EscrowStatus.Closed;
        uint256 expected = e.released * rewards.rewardRate(e.token) / 1e18;
        if (rewards.isWorkRewardClaimed(id)) {
            vm.expectRevert(abi.encodeWithSelector(IWorkRewards.WorkRewardAlreadyClaimed.selector, id));
            rewards.claimWorkReward(id);
            ++calls["claimWork (again)"];
        } else if (!finished) {
            vm.expectRevert(abi.encodeWithSelector(IWorkRewards.JobNotFinished.selector, id, uint8(e.status)));
            rewards.claimWorkReward(id);
            ++calls["claimWork (unfinished)"];
        } else if (expected == 0) {
            vm.expectRevert(abi.encodeWithSelector(IWorkRewards.NothingToReward.selector, id));
            rewards.claimWorkReward(id);
            ++calls["claimWork (nothing)"];
        } else {
            vm.recordLogs();
            rewards.claimWorkReward(id);
            _countEvents();
            ++calls["claimWork"];
        }
    }

    // ───────────────────────────── badges ─────────────────────────────

    function claimBadge(uint256 freelancerSeed, uint256 tierSeed) external {
        address freelancer = _freelancers[freelancerSeed % _freelancers.length];
        // Bronze, Gold or Platinum: the tiers the stats meet without attestations.
        IWorxBadges.Tier tier = [IWorxBadges.Tier.Bronze, IWorxBadges.Tier.Gold, IWorxBadges.Tier.Platinum][tierSeed % 3];
        if (badges.hasClaimed(freelancer, tier)) return;
        vm.prank(freelancer);
        badges.claim(tier);
        ++calls["claimBadge"];
    }

    function claimBadgeReward(uint256 idSeed) external {
        uint256 last = badges.lastTokenId();
        if (last == 0) return;
        uint256 id = 1 + idSeed % last;
        uint256 amount = rewards.badgeReward(uint8(badges.badge(id).tier));
        if (rewards.isBadgeRewardClaimed(id)) {
            vm.expectRevert(abi.encodeWithSelector(IWorkRewards.BadgeRewardAlreadyClaimed.selector, id));
            rewards.claimBadgeReward(id);
            ++calls["claimBadgeReward (again)"];
        } else if (amount == 0) {
            vm.expectRevert(abi.encodeWithSelector(IWorkRewards.NothingToReward.selector, id));
            rewards.claimBadgeReward(id);
            ++calls["claimBadgeReward (nothing)"];
        } else {
            vm.recordLogs();
            rewards.claimBadgeReward(id);
            _countEvents();
            ++calls["claimBadgeReward"];
        }
    }

    // ───────────────────────────── governance ─────────────────────────────

    function setRate(bool native, uint256 rate) external {
        // One time in four: zero (rewards stop for that token).
        rate = rate % 4 == 0 ? 0 : _bound(rate, 1, native ? 5_000e18 : 5e30);
        vm.prank(timelock);
        rewards.setRewardRate(native ? address(0) : address(usd), rate);
        ++calls["setRate"];
    }

    function setShare(uint16 bps) external {
        vm.prank(timelock);
        rewards.setClientShare(uint16(_bound(bps, 0, 10_000)));
        ++calls["setShare"];
    }

    function setBadgeReward(uint256 tierSeed, uint256 amount) external {
        uint8 tier = uint8(1 + tierSeed % 5);
        amount = amount % 3 == 0 ? 0 : _bound(amount, 1, 1_000e18);
        vm.prank(timelock);
        rewards.setBadgeReward(tier, amount);
        ++calls["setBadgeReward"];
    }

    // ───────────────────────────── internals ─────────────────────────────

    function _approve(uint256 id, uint256 index, address freelancer, address client) internal {
        vm.prank(freelancer);
        escrow.submitMilestone(id, index, bytes32(0));
        vm.prank(client);
        escrow.approveMilestone(id, index);
    }

    /// @dev Reclaim every milestone still pending, once its due date plus grace has passed.
    function _reclaimAll(uint256 id, address client) internal {
        IMilestoneEscrow.Milestone[] memory milestones = escrow.getMilestones(id);
        vm.warp(uint256(milestones[1].dueDate) + GRACE);
        for (uint256 i; i < milestones.length; ++i) {
            if (milestones[i].status != IMilestoneEscrow.MilestoneStatus.Pending) continue;
            vm.prank(client);
            escrow.reclaimMilestone(id, i);
        }
    }

    function _countEvents() internal {
        Vm.Log[] memory logs = vm.getRecordedLogs();
        for (uint256 i; i < logs.length; ++i) {
            if (logs[i].emitter != address(rewards)) continue;
            if (logs[i].topics[0] == WORK_REWARDED) {
                (,, uint256 freelancerReward, uint256 clientReward) =
                    abi.decode(logs[i].data, (address, uint256, uint256, uint256));
                rewardedTotal += freelancerReward + clientReward;
                ++workRewardCount[uint256(logs[i].topics[1])];
            } else if (logs[i].topics[0] == BADGE_REWARDED) {
                (, uint256 amount) = abi.decode(logs[i].data, (uint8, uint256));
                rewardedTotal += amount;
                ++badgeRewardCount[uint256(logs[i].topics[1])];
            }
        }
    }
}

contract WorkRewardsInvariantTest is Test {
    MilestoneEscrow internal escrow;
    WorxBadges internal badges;
    WorxToken internal token;
    WorkRewards internal rewards;
    RewardsHandler internal handler;

    function setUp() public {
        vm.warp(1_700_000_000);
        address admin = makeAddr("admin");
        address timelock = makeAddr("timelock");
        address arbiter = makeAddr("arbiter");
        DemoStablecoin usd = new DemoStablecoin("Demo USD", "dUSD");
        address[] memory allowed = new address[](2);
        allowed[0] = address(0);
        allowed[1] = address(usd);
        escrow = new MilestoneEscrow(admin, makeAddr("treasury"), 1_000, allowed);
        bytes32 arbiterRole = escrow.ARBITER_ROLE();
        vm.prank(admin);
        escrow.grantRole(arbiterRole, arbiter);
        badges = new WorxBadges(address(new FreelancerStatsMock()), admin);
        token = new WorxToken(timelock, address(0), 0);
        uint256[] memory rates = new uint256[](2);
        rates[0] = 2_000e18;
        rates[1] = 1e30;
        rewards = new WorkRewards(address(escrow), address(badges), address(token), timelock, 5_000, allowed, rates);
        bytes32 minterRole = token.MINTER_ROLE();
        vm.prank(timelock);
        token.grantRole(minterRole, address(rewards));
        handler = new RewardsHandler(escrow, badges, rewards, usd, timelock, arbiter);

        bytes4[] memory selectors = new bytes4[](7);
        selectors[0] = RewardsHandler.job.selector;
        selectors[1] = RewardsHandler.claimWork.selector;
        selectors[2] = RewardsHandler.claimBadge.selector;
        selectors[3] = RewardsHandler.claimBadgeReward.selector;
        selectors[4] = RewardsHandler.setRate.selector;
        selectors[5] = RewardsHandler.setShare.selector;
        selectors[6] = RewardsHandler.setBadgeReward.selector;
        targetSelector(FuzzSelector({addr: address(handler), selectors: selectors}));
        targetContract(address(handler));
    }

    /**
     * @notice Every WORX in existence was announced by a WorkRewarded or BadgeRewarded event, to the
     * unit (no pre-mine here, no other minter).
     * hardhat-config: invariant.runs = 32
     * hardhat-config: invariant.depth = 50
     * hardhat-config: invariant.failOnRevert = true
     */
    function invariant_mintedEqualsRewardedEvents() public view {
        assertEq(token.totalSupply(), handler.rewardedTotal(), "minted == sum of reward events");
    }

    /**
     * @notice Each escrow and each badge is rewarded at most once, and exactly the rewarded ones are
     * marked claimed.
     * hardhat-config: invariant.runs = 32
     * hardhat-config: invariant.depth = 50
     * hardhat-config: invariant.failOnRevert = true
     */
    function invariant_rewardedAtMostOnce() public view {
        uint256 count = escrow.escrowCount();
        for (uint256 id = 1; id <= count + 1; ++id) {
            uint256 times = handler.workRewardCount(id);
            assertLe(times, 1, "escrow rewarded twice");
            assertEq(rewards.isWorkRewardClaimed(id), times == 1, "claimed flag");
        }
        uint256 last = badges.lastTokenId();
        for (uint256 id = 1; id <= last + 1; ++id) {
            uint256 times = handler.badgeRewardCount(id);
            assertLe(times, 1, "badge rewarded twice");
            assertEq(rewards.isBadgeRewardClaimed(id), times == 1, "badge claimed flag");
        }
    }

    /// @notice A fixed walk reaches every branch of the handler, then checks both invariants.
    function test_handler_reachesEveryAction() public {
        for (uint256 i; i < 300; ++i) {
            uint256 seed = uint256(keccak256(abi.encode(i)));
            uint256 action = seed % 7;
            if (action <= 1) handler.job(seed >> 8, seed >> 16, (seed >> 24) % 2 == 0, seed >> 32, seed >> 96, uint16(seed >> 160));
            else if (action == 2) handler.claimWork(seed >> 8);
            else if (action == 3) handler.claimBadge(seed >> 8, seed >> 16);
            else if (action == 4) handler.claimBadgeReward(seed >> 8);
            else if (action == 5) handler.setRate((seed >> 8) % 2 == 0, seed >> 16);
            else if ((seed >> 8) % 2 == 0) handler.setShare(uint16(seed >> 16));
            else handler.setBadgeReward(seed >> 16, seed >> 32);
        }
        string[9] memory reached = [
            "claimWork",
            "claimWork (again)",
            "claimWork (unfinished)",
            "claimWork (nothing)",
            "claimBadge",
            "claimBadgeReward",
            "claimBadgeReward (again)",
            "claimBadgeReward (nothing)",
            "setRate"
        ];
        for (uint256 k; k < reached.length; ++k) {
            assertGt(handler.calls(bytes32(bytes(reached[k]))), 0, reached[k]);
        }
        invariant_mintedEqualsRewardedEvents();
        invariant_rewardedAtMostOnce();
    }
}
