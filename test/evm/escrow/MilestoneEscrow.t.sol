// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {Test, Vm} from "forge-std/Test.sol";
import {IAccessControl} from "@openzeppelin/contracts/access/IAccessControl.sol";
import {IERC20Errors} from "@openzeppelin/contracts/interfaces/draft-IERC6093.sol";
import {IERC165} from "@openzeppelin/contracts/utils/introspection/IERC165.sol";
import {Pausable} from "@openzeppelin/contracts/utils/Pausable.sol";
import {MilestoneEscrow} from "../../../contracts/escrow/MilestoneEscrow.sol";
import {IMilestoneEscrow} from "../../../contracts/interfaces/IMilestoneEscrow.sol";
import {DemoStablecoin} from "../../../contracts/test-doubles/DemoStablecoin.sol";

/// @notice Unit and fuzz tests of {MilestoneEscrow}, one group per function, named
/// `test_<function>_<condition>` / `testFuzz_<function>_<property>`.
contract MilestoneEscrowTest is Test {
    address internal constant NATIVE = address(0);
    uint16 internal constant FEE_BPS = 1_000; // 10%, the seed fee
    uint16 internal constant MAX_FEE_BPS = 2_000;

    MilestoneEscrow internal escrow;
    DemoStablecoin internal usd;

    address internal admin;
    address internal treasury;
    address internal client;
    address internal freelancer;
    address internal stranger;

    bytes32 internal constant DELIVERABLE = keccak256("ipfs://deliverable");

    function setUp() public {
        admin = makeAddr("admin");
        treasury = makeAddr("treasury");
        client = makeAddr("client");
        freelancer = makeAddr("freelancer");
        stranger = makeAddr("stranger");
        escrow = new MilestoneEscrow(admin, treasury, FEE_BPS);
        usd = new DemoStablecoin("Demo USD", "dUSD");
    }

    // ───────────────────────────── helpers ─────────────────────────────

    function _amounts(uint256 a) internal pure returns (uint256[] memory amounts) {
        amounts = new uint256[](1);
        amounts[0] = a;
    }

    function _amounts(uint256 a, uint256 b) internal pure returns (uint256[] memory amounts) {
        amounts = new uint256[](2);
        amounts[0] = a;
        amounts[1] = b;
    }

    function _amounts(uint256 a, uint256 b, uint256 c) internal pure returns (uint256[] memory amounts) {
        amounts = new uint256[](3);
        amounts[0] = a;
        amounts[1] = b;
        amounts[2] = c;
    }

    function _sum(uint256[] memory amounts) internal pure returns (uint256 total) {
        for (uint256 i; i < amounts.length; ++i) {
            total += amounts[i];
        }
    }

    function _create(address token, uint256[] memory amounts) internal returns (uint256 id) {
        vm.prank(client);
        id = escrow.createEscrow(freelancer, token, amounts);
    }

    function _fund(uint256 id) internal {
        IMilestoneEscrow.Escrow memory e = escrow.getEscrow(id);
        if (e.token == NATIVE) {
            vm.deal(e.client, e.total);
            vm.prank(e.client);
            escrow.fundEscrow{value: e.total}(id);
        } else {
            DemoStablecoin(e.token).mint(e.client, e.total);
            vm.prank(e.client);
            DemoStablecoin(e.token).approve(address(escrow), e.total);
            vm.prank(e.client);
            escrow.fundEscrow(id);
        }
    }

    function _createFunded(address token, uint256[] memory amounts) internal returns (uint256 id) {
        id = _create(token, amounts);
        _fund(id);
    }

    function _submit(uint256 id, uint256 index) internal {
        vm.prank(freelancer);
        escrow.submitMilestone(id, index, DELIVERABLE);
    }

    function _release(uint256 id, uint256 index) internal {
        _submit(id, index);
        vm.prank(client);
        escrow.approveMilestone(id, index);
    }

    function _ceilFee(uint256 amount, uint256 bps) internal pure returns (uint256) {
        return (amount * bps + 9_999) / 10_000;
    }

    function _err(bytes4 selector, uint256 id, address who) internal pure returns (bytes memory) {
        return abi.encodeWithSelector(selector, id, who);
    }

    function _statusErr(uint256 id, IMilestoneEscrow.EscrowStatus status) internal pure returns (bytes memory) {
        return abi.encodeWithSelector(IMilestoneEscrow.InvalidEscrowStatus.selector, id, status);
    }

    function _milestoneErr(uint256 id, uint256 index, IMilestoneEscrow.MilestoneStatus status)
        internal
        pure
        returns (bytes memory)
    {
        return abi.encodeWithSelector(IMilestoneEscrow.InvalidMilestoneStatus.selector, id, index, status);
    }

    function _unauthorized(address account, bytes32 role) internal pure returns (bytes memory) {
        return abi.encodeWithSelector(IAccessControl.AccessControlUnauthorizedAccount.selector, account, role);
    }

    function _pause() internal {
        vm.prank(admin);
        escrow.pause();
    }

    // ───────────────────────────── constructor ─────────────────────────────

    function test_constructor_grantsEveryRoleToAdmin() public view {
        assertTrue(escrow.hasRole(escrow.DEFAULT_ADMIN_ROLE(), admin));
        assertTrue(escrow.hasRole(escrow.FEE_MANAGER_ROLE(), admin));
        assertTrue(escrow.hasRole(escrow.PAUSER_ROLE(), admin));
        assertFalse(escrow.hasRole(escrow.DEFAULT_ADMIN_ROLE(), address(this)));
    }

    function test_constructor_setsFeeAndRecipient() public view {
        assertEq(escrow.platformFeeBps(), FEE_BPS);
        assertEq(escrow.feeRecipient(), treasury);
        assertEq(escrow.escrowCount(), 0);
        assertFalse(escrow.paused());
    }

    function test_constructor_emitsFeeEvents() public {
        vm.expectEmit();
        emit IMilestoneEscrow.FeeRecipientUpdated(address(0), treasury);
        vm.expectEmit();
        emit IMilestoneEscrow.PlatformFeeUpdated(0, 500);
        new MilestoneEscrow(admin, treasury, 500);
    }

    function test_constructor_revertsWhenFeeAboveCap() public {
        vm.expectRevert(abi.encodeWithSelector(IMilestoneEscrow.FeeAboveCap.selector, MAX_FEE_BPS + 1, MAX_FEE_BPS));
        new MilestoneEscrow(admin, treasury, MAX_FEE_BPS + 1);
    }

    function test_constructor_revertsWhenFeeRecipientIsZero() public {
        vm.expectRevert(abi.encodeWithSelector(IMilestoneEscrow.InvalidFeeRecipient.selector, address(0)));
        new MilestoneEscrow(admin, address(0), FEE_BPS);
    }

    // ───────────────────────────── createEscrow ─────────────────────────────

    function test_createEscrow_storesEscrowAndMilestones() public {
        uint256 id = _create(address(usd), _amounts(100e6, 250e6, 1));

        assertEq(id, 1);
        assertEq(escrow.escrowCount(), 1);
        IMilestoneEscrow.Escrow memory e = escrow.getEscrow(id);
        assertEq(e.client, client);
        assertEq(e.freelancer, freelancer);
        assertEq(e.token, address(usd));
        assertEq(e.feeBps, FEE_BPS);
        assertEq(uint8(e.status), uint8(IMilestoneEscrow.EscrowStatus.Created));
        assertEq(e.milestoneCount, 3);
        assertEq(e.releasedCount, 0);
        assertEq(e.total, 350e6 + 1);
        assertEq(e.released, 0);

        IMilestoneEscrow.Milestone[] memory ms = escrow.getMilestones(id);
        assertEq(ms.length, 3);
        assertEq(ms[0].amount, 100e6);
        assertEq(ms[1].amount, 250e6);
        assertEq(ms[2].amount, 1);
        for (uint256 i; i < 3; ++i) {
            assertEq(uint8(ms[i].status), uint8(IMilestoneEscrow.MilestoneStatus.Pending));
        }
        assertEq(escrow.lockedBalance(address(usd)), 0, "creation holds nothing");
    }

    function test_createEscrow_emitsEscrowCreated() public {
        uint256[] memory amounts = _amounts(5 ether, 7 ether);
        vm.expectEmit(address(escrow));
        emit IMilestoneEscrow.EscrowCreated(1, client, freelancer, NATIVE, amounts, 12 ether, FEE_BPS);
        _create(NATIVE, amounts);
    }

    function test_createEscrow_assignsSequentialIds() public {
        assertEq(_create(address(usd), _amounts(1)), 1);
        assertEq(_create(NATIVE, _amounts(1)), 2);
        vm.prank(stranger);
        assertEq(escrow.createEscrow(client, address(usd), _amounts(1)), 3);
        assertEq(escrow.escrowCount(), 3);
    }

    function test_createEscrow_fixesCurrentFee() public {
        uint256 before = _create(address(usd), _amounts(1e6));
        vm.prank(admin);
        escrow.setPlatformFee(250);
        uint256 later = _create(address(usd), _amounts(1e6));

        assertEq(escrow.getEscrow(before).feeBps, FEE_BPS);
        assertEq(escrow.getEscrow(later).feeBps, 250);
    }

    function test_createEscrow_acceptsMaxMilestones() public {
        uint256[] memory amounts = new uint256[](escrow.MAX_MILESTONES());
        for (uint256 i; i < amounts.length; ++i) {
            amounts[i] = i + 1;
        }
        uint256 id = _create(address(usd), amounts);
        assertEq(escrow.getEscrow(id).milestoneCount, 50);
        assertEq(escrow.getEscrow(id).total, 50 * 51 / 2);
    }

    function test_createEscrow_acceptsMaxAmount() public {
        uint256 max = type(uint128).max;
        uint256 id = _create(address(usd), _amounts(max, max, max));
        assertEq(escrow.getEscrow(id).total, 3 * max);
        assertEq(escrow.getMilestone(id, 2).amount, max);
    }

    function test_createEscrow_revertsWhenNoMilestones() public {
        vm.expectRevert(abi.encodeWithSelector(IMilestoneEscrow.InvalidMilestoneCount.selector, 0, 50));
        _create(address(usd), new uint256[](0));
    }

    function test_createEscrow_revertsWhenTooManyMilestones() public {
        uint256[] memory amounts = new uint256[](51);
        for (uint256 i; i < amounts.length; ++i) {
            amounts[i] = 1;
        }
        vm.expectRevert(abi.encodeWithSelector(IMilestoneEscrow.InvalidMilestoneCount.selector, 51, 50));
        _create(address(usd), amounts);
    }

    function test_createEscrow_revertsWhenFreelancerIsZero() public {
        vm.expectRevert(abi.encodeWithSelector(IMilestoneEscrow.InvalidFreelancer.selector, address(0)));
        vm.prank(client);
        escrow.createEscrow(address(0), address(usd), _amounts(1));
    }

    function test_createEscrow_revertsWhenFreelancerIsClient() public {
        vm.expectRevert(abi.encodeWithSelector(IMilestoneEscrow.InvalidFreelancer.selector, client));
        vm.prank(client);
        escrow.createEscrow(client, address(usd), _amounts(1));
    }

    function test_createEscrow_revertsWhenFreelancerIsEscrow() public {
        vm.expectRevert(abi.encodeWithSelector(IMilestoneEscrow.InvalidFreelancer.selector, address(escrow)));
        vm.prank(client);
        escrow.createEscrow(address(escrow), address(usd), _amounts(1));
    }

    function test_createEscrow_revertsWhenAmountIsZero() public {
        vm.expectRevert(abi.encodeWithSelector(IMilestoneEscrow.InvalidMilestoneAmount.selector, 1, 0));
        _create(address(usd), _amounts(5, 0, 5));
    }

    function test_createEscrow_revertsWhenAmountAboveUint128() public {
        uint256 tooBig = uint256(type(uint128).max) + 1;
        vm.expectRevert(abi.encodeWithSelector(IMilestoneEscrow.InvalidMilestoneAmount.selector, 2, tooBig));
        _create(address(usd), _amounts(5, 5, tooBig));
    }

    function test_createEscrow_revertsWhenPaused() public {
        _pause();
        vm.expectRevert(Pausable.EnforcedPause.selector);
        _create(address(usd), _amounts(1));
    }

    // ───────────────────────────── fundEscrow ─────────────────────────────

    function test_fundEscrow_pullsTokensAndLocksThem() public {
        uint256 id = _create(address(usd), _amounts(100e6, 50e6));
        usd.mint(client, 200e6);
        vm.prank(client);
        usd.approve(address(escrow), 150e6);

        vm.prank(client);
        escrow.fundEscrow(id);

        assertEq(uint8(escrow.getEscrow(id).status), uint8(IMilestoneEscrow.EscrowStatus.Funded));
        assertEq(usd.balanceOf(client), 50e6);
        assertEq(usd.balanceOf(address(escrow)), 150e6);
        assertEq(escrow.lockedBalance(address(usd)), 150e6);
        assertEq(escrow.creditedBalance(address(usd)), 0);
        assertEq(usd.allowance(client, address(escrow)), 0);
    }

    function test_fundEscrow_emitsEscrowFunded() public {
        uint256 id = _create(address(usd), _amounts(100e6, 50e6));
        usd.mint(client, 150e6);
        vm.prank(client);
        usd.approve(address(escrow), 150e6);

        vm.expectEmit(address(escrow));
        emit IMilestoneEscrow.EscrowFunded(id, client, 150e6);
        vm.prank(client);
        escrow.fundEscrow(id);
    }

    function test_fundEscrow_acceptsExactNativeValue() public {
        uint256 id = _create(NATIVE, _amounts(1 ether, 2 ether));
        vm.deal(client, 5 ether);

        vm.expectEmit(address(escrow));
        emit IMilestoneEscrow.EscrowFunded(id, client, 3 ether);
        vm.prank(client);
        escrow.fundEscrow{value: 3 ether}(id);

        assertEq(address(escrow).balance, 3 ether);
        assertEq(client.balance, 2 ether);
        assertEq(escrow.lockedBalance(NATIVE), 3 ether);
    }

    function test_fundEscrow_revertsWhenEscrowNotFound() public {
        vm.expectRevert(abi.encodeWithSelector(IMilestoneEscrow.EscrowNotFound.selector, 7));
        vm.prank(client);
        escrow.fundEscrow(7);
    }

    function test_fundEscrow_revertsWhenNotClient() public {
        uint256 id = _create(NATIVE, _amounts(1 ether));
        vm.deal(freelancer, 1 ether);
        vm.expectRevert(_err(IMilestoneEscrow.NotEscrowParty.selector, id, freelancer));
        vm.prank(freelancer);
        escrow.fundEscrow{value: 1 ether}(id);
    }

    function test_fundEscrow_revertsWhenAlreadyFunded() public {
        uint256 id = _createFunded(NATIVE, _amounts(1 ether));
        vm.deal(client, 1 ether);
        vm.expectRevert(_statusErr(id, IMilestoneEscrow.EscrowStatus.Funded));
        vm.prank(client);
        escrow.fundEscrow{value: 1 ether}(id);
    }

    function test_fundEscrow_revertsWhenCancelled() public {
        uint256 id = _create(address(usd), _amounts(1e6));
        vm.prank(freelancer);
        escrow.cancelEscrow(id);
        vm.expectRevert(_statusErr(id, IMilestoneEscrow.EscrowStatus.Cancelled));
        vm.prank(client);
        escrow.fundEscrow(id);
    }

    function test_fundEscrow_revertsWhenNativeValueTooLow() public {
        uint256 id = _create(NATIVE, _amounts(1 ether));
        vm.deal(client, 1 ether);
        vm.expectRevert(abi.encodeWithSelector(IMilestoneEscrow.IncorrectNativeAmount.selector, 1 ether, 1 ether - 1));
        vm.prank(client);
        escrow.fundEscrow{value: 1 ether - 1}(id);
    }

    function test_fundEscrow_revertsWhenNativeValueTooHigh() public {
        uint256 id = _create(NATIVE, _amounts(1 ether));
        vm.deal(client, 2 ether);
        vm.expectRevert(abi.encodeWithSelector(IMilestoneEscrow.IncorrectNativeAmount.selector, 1 ether, 2 ether));
        vm.prank(client);
        escrow.fundEscrow{value: 2 ether}(id);
    }

    function test_fundEscrow_revertsWhenValueSentForToken() public {
        uint256 id = _create(address(usd), _amounts(1e6));
        usd.mint(client, 1e6);
        vm.prank(client);
        usd.approve(address(escrow), 1e6);
        vm.deal(client, 1);
        vm.expectRevert(abi.encodeWithSelector(IMilestoneEscrow.IncorrectNativeAmount.selector, 0, 1));
        vm.prank(client);
        escrow.fundEscrow{value: 1}(id);
    }

    function test_fundEscrow_revertsWhenAllowanceTooLow() public {
        uint256 id = _create(address(usd), _amounts(1e6));
        usd.mint(client, 1e6);
        vm.prank(client);
        usd.approve(address(escrow), 1e6 - 1);
        vm.expectRevert(
            abi.encodeWithSelector(IERC20Errors.ERC20InsufficientAllowance.selector, address(escrow), 1e6 - 1, 1e6)
        );
        vm.prank(client);
        escrow.fundEscrow(id);
    }

    function test_fundEscrow_revertsWhenPaused() public {
        uint256 id = _create(NATIVE, _amounts(1 ether));
        _pause();
        vm.deal(client, 1 ether);
        vm.expectRevert(Pausable.EnforcedPause.selector);
        vm.prank(client);
        escrow.fundEscrow{value: 1 ether}(id);
    }

    // ───────────────────────────── submitMilestone ─────────────────────────────

    function test_submitMilestone_marksSubmittedAndEmits() public {
        uint256 id = _createFunded(address(usd), _amounts(1e6, 2e6));
        vm.expectEmit(address(escrow));
        emit IMilestoneEscrow.MilestoneSubmitted(id, 1, DELIVERABLE);
        _submit(id, 1);

        assertEq(uint8(escrow.getMilestone(id, 1).status), uint8(IMilestoneEscrow.MilestoneStatus.Submitted));
        assertEq(uint8(escrow.getMilestone(id, 0).status), uint8(IMilestoneEscrow.MilestoneStatus.Pending));
    }

    function test_submitMilestone_acceptsZeroDeliverable() public {
        uint256 id = _createFunded(address(usd), _amounts(1e6));
        vm.expectEmit(address(escrow));
        emit IMilestoneEscrow.MilestoneSubmitted(id, 0, bytes32(0));
        vm.prank(freelancer);
        escrow.submitMilestone(id, 0, bytes32(0));
    }

    function test_submitMilestone_revertsWhenEscrowNotFound() public {
        vm.expectRevert(abi.encodeWithSelector(IMilestoneEscrow.EscrowNotFound.selector, 1));
        vm.prank(freelancer);
        escrow.submitMilestone(1, 0, DELIVERABLE);
    }

    function test_submitMilestone_revertsWhenNotFreelancer() public {
        uint256 id = _createFunded(address(usd), _amounts(1e6));
        vm.expectRevert(_err(IMilestoneEscrow.NotEscrowParty.selector, id, client));
        vm.prank(client);
        escrow.submitMilestone(id, 0, DELIVERABLE);
    }

    function test_submitMilestone_revertsWhenNotFunded() public {
        uint256 id = _create(address(usd), _amounts(1e6));
        vm.expectRevert(_statusErr(id, IMilestoneEscrow.EscrowStatus.Created));
        _submit(id, 0);
    }

    function test_submitMilestone_revertsWhenIndexOutOfRange() public {
        uint256 id = _createFunded(address(usd), _amounts(1e6, 1e6));
        vm.expectRevert(abi.encodeWithSelector(IMilestoneEscrow.MilestoneIndexOutOfRange.selector, id, 2));
        _submit(id, 2);
    }

    function test_submitMilestone_revertsWhenAlreadySubmitted() public {
        uint256 id = _createFunded(address(usd), _amounts(1e6));
        _submit(id, 0);
        vm.expectRevert(_milestoneErr(id, 0, IMilestoneEscrow.MilestoneStatus.Submitted));
        _submit(id, 0);
    }

    function test_submitMilestone_revertsWhenReleased() public {
        uint256 id = _createFunded(address(usd), _amounts(1e6, 1e6));
        _release(id, 0);
        vm.expectRevert(_milestoneErr(id, 0, IMilestoneEscrow.MilestoneStatus.Released));
        _submit(id, 0);
    }

    function test_submitMilestone_revertsWhenCompleted() public {
        uint256 id = _createFunded(address(usd), _amounts(1e6));
        _release(id, 0);
        vm.expectRevert(_statusErr(id, IMilestoneEscrow.EscrowStatus.Completed));
        _submit(id, 0);
    }

    function test_submitMilestone_worksWhilePaused() public {
        uint256 id = _createFunded(address(usd), _amounts(1e6));
        _pause();
        _submit(id, 0);
        assertEq(uint8(escrow.getMilestone(id, 0).status), uint8(IMilestoneEscrow.MilestoneStatus.Submitted));
    }

    // ───────────────────────────── approveMilestone ─────────────────────────────

    function test_approveMilestone_creditsFeeAndPayout() public {
        uint256 id = _createFunded(address(usd), _amounts(100e6, 300e6));
        _release(id, 1);

        assertEq(escrow.credits(address(usd), freelancer), 270e6);
        assertEq(escrow.credits(address(usd), treasury), 30e6);
        assertEq(escrow.lockedBalance(address(usd)), 100e6);
        assertEq(escrow.creditedBalance(address(usd)), 300e6);
        IMilestoneEscrow.Escrow memory e = escrow.getEscrow(id);
        assertEq(e.released, 300e6);
        assertEq(e.releasedCount, 1);
        assertEq(uint8(e.status), uint8(IMilestoneEscrow.EscrowStatus.Funded));
        assertEq(uint8(escrow.getMilestone(id, 1).status), uint8(IMilestoneEscrow.MilestoneStatus.Released));
        assertEq(usd.balanceOf(address(escrow)), 400e6, "release moves no tokens");
    }

    function test_approveMilestone_emitsMilestoneReleased() public {
        uint256 id = _createFunded(address(usd), _amounts(100e6, 300e6));
        _submit(id, 0);
        vm.recordLogs();
        vm.expectEmit(address(escrow));
        emit IMilestoneEscrow.MilestoneReleased(id, 0, freelancer, 100e6, 10e6, 90e6);
        vm.prank(client);
        escrow.approveMilestone(id, 0);
        Vm.Log[] memory logs = vm.getRecordedLogs();
        for (uint256 i; i < logs.length; ++i) {
            assertTrue(
                logs[i].topics[0] != IMilestoneEscrow.EscrowCompleted.selector, "no EscrowCompleted before the last one"
            );
        }
    }

    function test_approveMilestone_completesEscrowOnLastMilestone() public {
        uint256 id = _createFunded(NATIVE, _amounts(1 ether, 3 ether));
        _release(id, 1);
        _submit(id, 0);

        vm.expectEmit(address(escrow));
        emit IMilestoneEscrow.MilestoneReleased(id, 0, freelancer, 1 ether, 0.1 ether, 0.9 ether);
        vm.expectEmit(address(escrow));
        emit IMilestoneEscrow.EscrowCompleted(id);
        vm.prank(client);
        escrow.approveMilestone(id, 0);

        IMilestoneEscrow.Escrow memory e = escrow.getEscrow(id);
        assertEq(uint8(e.status), uint8(IMilestoneEscrow.EscrowStatus.Completed));
        assertEq(e.released, e.total);
        assertEq(e.releasedCount, 2);
        assertEq(escrow.lockedBalance(NATIVE), 0);
        assertEq(escrow.credits(NATIVE, freelancer), 3.6 ether);
        assertEq(escrow.credits(NATIVE, treasury), 0.4 ether);
    }

    function test_approveMilestone_roundsFeeUp() public {
        // 15 at 10% is 1.5: the fee rounds up to 2, never in the payee's favour.
        uint256 id = _createFunded(address(usd), _amounts(15, 1));
        _submit(id, 0);
        vm.expectEmit(address(escrow));
        emit IMilestoneEscrow.MilestoneReleased(id, 0, freelancer, 15, 2, 13);
        vm.prank(client);
        escrow.approveMilestone(id, 0);

        // 1 at 10% is 0.1: the whole unit is fee.
        _submit(id, 1);
        vm.expectEmit(address(escrow));
        emit IMilestoneEscrow.MilestoneReleased(id, 1, freelancer, 1, 1, 0);
        vm.prank(client);
        escrow.approveMilestone(id, 1);
        assertEq(escrow.credits(address(usd), freelancer), 13);
        assertEq(escrow.credits(address(usd), treasury), 3);
    }

    function test_approveMilestone_usesFeeFixedAtCreation() public {
        uint256 id = _createFunded(address(usd), _amounts(100e6));
        vm.prank(admin);
        escrow.setPlatformFee(MAX_FEE_BPS);
        _release(id, 0);
        assertEq(escrow.credits(address(usd), treasury), 10e6);
        assertEq(escrow.credits(address(usd), freelancer), 90e6);
    }

    function test_approveMilestone_creditsNoFeeAtZeroFee() public {
        vm.prank(admin);
        escrow.setPlatformFee(0);
        uint256 id = _createFunded(address(usd), _amounts(100e6));
        _submit(id, 0);
        vm.expectEmit(address(escrow));
        emit IMilestoneEscrow.MilestoneReleased(id, 0, freelancer, 100e6, 0, 100e6);
        vm.prank(client);
        escrow.approveMilestone(id, 0);
        assertEq(escrow.credits(address(usd), treasury), 0);
        assertEq(escrow.credits(address(usd), freelancer), 100e6);
    }

    function test_approveMilestone_creditsCurrentFeeRecipient() public {
        address newTreasury = makeAddr("newTreasury");
        uint256 id = _createFunded(address(usd), _amounts(100e6, 100e6));
        _release(id, 0);
        vm.prank(admin);
        escrow.setFeeRecipient(newTreasury);
        _release(id, 1);
        assertEq(escrow.credits(address(usd), treasury), 10e6, "earlier fees stay with the old recipient");
        assertEq(escrow.credits(address(usd), newTreasury), 10e6);
    }

    function test_approveMilestone_revertsWhenEscrowNotFound() public {
        vm.expectRevert(abi.encodeWithSelector(IMilestoneEscrow.EscrowNotFound.selector, 3));
        vm.prank(client);
        escrow.approveMilestone(3, 0);
    }

    function test_approveMilestone_revertsWhenNotClient() public {
        uint256 id = _createFunded(address(usd), _amounts(1e6));
        _submit(id, 0);
        vm.expectRevert(_err(IMilestoneEscrow.NotEscrowParty.selector, id, freelancer));
        vm.prank(freelancer);
        escrow.approveMilestone(id, 0);
    }

    function test_approveMilestone_revertsWhenNotSubmitted() public {
        uint256 id = _createFunded(address(usd), _amounts(1e6));
        vm.expectRevert(_milestoneErr(id, 0, IMilestoneEscrow.MilestoneStatus.Pending));
        vm.prank(client);
        escrow.approveMilestone(id, 0);
    }

    function test_approveMilestone_revertsWhenAlreadyReleased() public {
        uint256 id = _createFunded(address(usd), _amounts(1e6, 1e6));
        _release(id, 0);
        vm.expectRevert(_milestoneErr(id, 0, IMilestoneEscrow.MilestoneStatus.Released));
        vm.prank(client);
        escrow.approveMilestone(id, 0);
    }

    function test_approveMilestone_revertsWhenIndexOutOfRange() public {
        uint256 id = _createFunded(address(usd), _amounts(1e6));
        vm.expectRevert(abi.encodeWithSelector(IMilestoneEscrow.MilestoneIndexOutOfRange.selector, id, 1));
        vm.prank(client);
        escrow.approveMilestone(id, 1);
    }

    function test_approveMilestone_revertsWhenNotFunded() public {
        uint256 id = _create(address(usd), _amounts(1e6));
        vm.expectRevert(_statusErr(id, IMilestoneEscrow.EscrowStatus.Created));
        vm.prank(client);
        escrow.approveMilestone(id, 0);
    }

    function test_approveMilestone_revertsWhenCompleted() public {
        uint256 id = _createFunded(address(usd), _amounts(1e6));
        _release(id, 0);
        vm.expectRevert(_statusErr(id, IMilestoneEscrow.EscrowStatus.Completed));
        vm.prank(client);
        escrow.approveMilestone(id, 0);
    }

    function test_approveMilestone_worksWhilePaused() public {
        uint256 id = _createFunded(address(usd), _amounts(1e6));
        _submit(id, 0);
        _pause();
        vm.prank(client);
        escrow.approveMilestone(id, 0);
        assertEq(uint8(escrow.getEscrow(id).status), uint8(IMilestoneEscrow.EscrowStatus.Completed));
    }

    // ───────────────────────────── cancelEscrow ─────────────────────────────

    function test_cancelEscrow_byClient() public {
        uint256 id = _create(address(usd), _amounts(1e6));
        vm.expectEmit(address(escrow));
        emit IMilestoneEscrow.EscrowCancelled(id, client);
        vm.prank(client);
        escrow.cancelEscrow(id);
        assertEq(uint8(escrow.getEscrow(id).status), uint8(IMilestoneEscrow.EscrowStatus.Cancelled));
    }

    function test_cancelEscrow_byFreelancer() public {
        uint256 id = _create(NATIVE, _amounts(1 ether));
        vm.expectEmit(address(escrow));
        emit IMilestoneEscrow.EscrowCancelled(id, freelancer);
        vm.prank(freelancer);
        escrow.cancelEscrow(id);
        assertEq(uint8(escrow.getEscrow(id).status), uint8(IMilestoneEscrow.EscrowStatus.Cancelled));
    }

    function test_cancelEscrow_revertsWhenEscrowNotFound() public {
        vm.expectRevert(abi.encodeWithSelector(IMilestoneEscrow.EscrowNotFound.selector, 9));
        vm.prank(client);
        escrow.cancelEscrow(9);
    }

    function test_cancelEscrow_revertsWhenNotParty() public {
        uint256 id = _create(address(usd), _amounts(1e6));
        vm.expectRevert(_err(IMilestoneEscrow.NotEscrowParty.selector, id, stranger));
        vm.prank(stranger);
        escrow.cancelEscrow(id);
    }

    function test_cancelEscrow_revertsWhenFunded() public {
        uint256 id = _createFunded(address(usd), _amounts(1e6));
        vm.expectRevert(_statusErr(id, IMilestoneEscrow.EscrowStatus.Funded));
        vm.prank(client);
        escrow.cancelEscrow(id);
    }

    function test_cancelEscrow_revertsWhenAlreadyCancelled() public {
        uint256 id = _create(address(usd), _amounts(1e6));
        vm.prank(client);
        escrow.cancelEscrow(id);
        vm.expectRevert(_statusErr(id, IMilestoneEscrow.EscrowStatus.Cancelled));
        vm.prank(freelancer);
        escrow.cancelEscrow(id);
    }

    function test_cancelEscrow_worksWhilePaused() public {
        uint256 id = _create(address(usd), _amounts(1e6));
        _pause();
        vm.prank(client);
        escrow.cancelEscrow(id);
        assertEq(uint8(escrow.getEscrow(id).status), uint8(IMilestoneEscrow.EscrowStatus.Cancelled));
    }

    // ───────────────────────────── withdraw ─────────────────────────────

    function test_withdraw_sendsTokenCredit() public {
        uint256 id = _createFunded(address(usd), _amounts(100e6, 100e6));
        _release(id, 0);

        vm.expectEmit(address(escrow));
        emit IMilestoneEscrow.Withdrawn(freelancer, address(usd), 90e6);
        vm.prank(freelancer);
        uint256 amount = escrow.withdraw(address(usd));

        assertEq(amount, 90e6);
        assertEq(usd.balanceOf(freelancer), 90e6);
        assertEq(escrow.credits(address(usd), freelancer), 0);
        assertEq(escrow.creditedBalance(address(usd)), 10e6);
        assertEq(usd.balanceOf(address(escrow)), 110e6);
    }

    function test_withdraw_sendsNativeCredit() public {
        uint256 id = _createFunded(NATIVE, _amounts(2 ether));
        _release(id, 0);

        vm.expectEmit(address(escrow));
        emit IMilestoneEscrow.Withdrawn(freelancer, NATIVE, 1.8 ether);
        vm.prank(freelancer);
        escrow.withdraw(NATIVE);
        vm.expectEmit(address(escrow));
        emit IMilestoneEscrow.Withdrawn(treasury, NATIVE, 0.2 ether);
        vm.prank(treasury);
        escrow.withdraw(NATIVE);

        assertEq(freelancer.balance, 1.8 ether);
        assertEq(treasury.balance, 0.2 ether);
        assertEq(address(escrow).balance, 0);
        assertEq(escrow.creditedBalance(NATIVE), 0);
    }

    function test_withdraw_revertsWhenNothingCredited() public {
        vm.expectRevert(abi.encodeWithSelector(IMilestoneEscrow.NothingToWithdraw.selector, stranger, address(usd)));
        vm.prank(stranger);
        escrow.withdraw(address(usd));
    }

    function test_withdraw_revertsOnSecondWithdrawal() public {
        uint256 id = _createFunded(NATIVE, _amounts(1 ether));
        _release(id, 0);
        vm.startPrank(freelancer);
        escrow.withdraw(NATIVE);
        vm.expectRevert(abi.encodeWithSelector(IMilestoneEscrow.NothingToWithdraw.selector, freelancer, NATIVE));
        escrow.withdraw(NATIVE);
        vm.stopPrank();
    }

    function test_withdraw_keepsCreditsPerToken() public {
        uint256 a = _createFunded(address(usd), _amounts(10e6));
        uint256 b = _createFunded(NATIVE, _amounts(1 ether));
        _release(a, 0);
        _release(b, 0);
        vm.prank(freelancer);
        escrow.withdraw(NATIVE);
        assertEq(escrow.credits(address(usd), freelancer), 9e6, "the token credit is untouched");
        assertEq(escrow.credits(NATIVE, freelancer), 0);
    }

    function test_withdraw_worksWhilePaused() public {
        uint256 id = _createFunded(address(usd), _amounts(10e6));
        _release(id, 0);
        _pause();
        vm.prank(freelancer);
        escrow.withdraw(address(usd));
        assertEq(usd.balanceOf(freelancer), 9e6);
    }

    // ───────────────────────────── admin ─────────────────────────────

    function test_setPlatformFee_updatesAndEmits() public {
        vm.expectEmit(address(escrow));
        emit IMilestoneEscrow.PlatformFeeUpdated(FEE_BPS, 750);
        vm.prank(admin);
        escrow.setPlatformFee(750);
        assertEq(escrow.platformFeeBps(), 750);
    }

    function test_setPlatformFee_acceptsCap() public {
        vm.prank(admin);
        escrow.setPlatformFee(MAX_FEE_BPS);
        assertEq(escrow.platformFeeBps(), MAX_FEE_BPS);
        assertEq(escrow.MAX_FEE_BPS(), MAX_FEE_BPS);
    }

    function test_setPlatformFee_revertsWhenAboveCap() public {
        vm.expectRevert(abi.encodeWithSelector(IMilestoneEscrow.FeeAboveCap.selector, MAX_FEE_BPS + 1, MAX_FEE_BPS));
        vm.prank(admin);
        escrow.setPlatformFee(MAX_FEE_BPS + 1);
    }

    function test_setPlatformFee_revertsWhenNotFeeManager() public {
        vm.expectRevert(_unauthorized(stranger, escrow.FEE_MANAGER_ROLE()));
        vm.prank(stranger);
        escrow.setPlatformFee(1);
    }

    function test_setFeeRecipient_updatesAndEmits() public {
        address newTreasury = makeAddr("newTreasury");
        vm.expectEmit(address(escrow));
        emit IMilestoneEscrow.FeeRecipientUpdated(treasury, newTreasury);
        vm.prank(admin);
        escrow.setFeeRecipient(newTreasury);
        assertEq(escrow.feeRecipient(), newTreasury);
    }

    function test_setFeeRecipient_revertsWhenZero() public {
        vm.expectRevert(abi.encodeWithSelector(IMilestoneEscrow.InvalidFeeRecipient.selector, address(0)));
        vm.prank(admin);
        escrow.setFeeRecipient(address(0));
    }

    function test_setFeeRecipient_revertsWhenEscrow() public {
        vm.expectRevert(abi.encodeWithSelector(IMilestoneEscrow.InvalidFeeRecipient.selector, address(escrow)));
        vm.prank(admin);
        escrow.setFeeRecipient(address(escrow));
    }

    function test_setFeeRecipient_revertsWhenNotFeeManager() public {
        bytes32 role = escrow.FEE_MANAGER_ROLE();
        vm.expectRevert(_unauthorized(client, role));
        vm.prank(client);
        escrow.setFeeRecipient(client);
    }

    function test_pause_emitsPaused() public {
        vm.expectEmit(address(escrow));
        emit Pausable.Paused(admin);
        _pause();
        assertTrue(escrow.paused());
    }

    function test_pause_revertsWhenNotPauser() public {
        bytes32 role = escrow.PAUSER_ROLE();
        vm.expectRevert(_unauthorized(stranger, role));
        vm.prank(stranger);
        escrow.pause();
    }

    function test_pause_revertsWhenAlreadyPaused() public {
        _pause();
        vm.expectRevert(Pausable.EnforcedPause.selector);
        _pause();
    }

    function test_unpause_revertsWhenGuardianOnly() public {
        address guardian = makeAddr("guardian");
        bytes32 pauserRole = escrow.PAUSER_ROLE();
        vm.prank(admin);
        escrow.grantRole(pauserRole, guardian);

        vm.prank(guardian);
        escrow.pause();
        bytes32 adminRole = escrow.DEFAULT_ADMIN_ROLE();
        vm.expectRevert(_unauthorized(guardian, adminRole));
        vm.prank(guardian);
        escrow.unpause();
    }

    function test_unpause_resumesCreateAndFund() public {
        uint256 id = _create(NATIVE, _amounts(1 ether));
        _pause();
        vm.expectEmit(address(escrow));
        emit Pausable.Unpaused(admin);
        vm.prank(admin);
        escrow.unpause();

        _fund(id);
        assertEq(_create(NATIVE, _amounts(1 ether)), 2);
    }

    function test_unpause_revertsWhenNotPaused() public {
        vm.expectRevert(Pausable.ExpectedPause.selector);
        vm.prank(admin);
        escrow.unpause();
    }

    // ───────────────────────────── views ─────────────────────────────

    function test_getEscrow_returnsZeroForUnknownId() public view {
        IMilestoneEscrow.Escrow memory e = escrow.getEscrow(42);
        assertEq(uint8(e.status), uint8(IMilestoneEscrow.EscrowStatus.None));
        assertEq(e.client, address(0));
        assertEq(e.total, 0);
    }

    function test_getMilestone_revertsWhenEscrowNotFound() public {
        vm.expectRevert(abi.encodeWithSelector(IMilestoneEscrow.EscrowNotFound.selector, 1));
        escrow.getMilestone(1, 0);
    }

    function test_getMilestone_revertsWhenIndexOutOfRange() public {
        uint256 id = _create(address(usd), _amounts(1));
        vm.expectRevert(abi.encodeWithSelector(IMilestoneEscrow.MilestoneIndexOutOfRange.selector, id, 1));
        escrow.getMilestone(id, 1);
    }

    function test_getMilestones_revertsWhenEscrowNotFound() public {
        vm.expectRevert(abi.encodeWithSelector(IMilestoneEscrow.EscrowNotFound.selector, 1));
        escrow.getMilestones(1);
    }

    function test_supportsInterface_reportsEscrowAccessControlAndErc165() public view {
        assertTrue(escrow.supportsInterface(type(IMilestoneEscrow).interfaceId));
        assertTrue(escrow.supportsInterface(type(IAccessControl).interfaceId));
        assertTrue(escrow.supportsInterface(type(IERC165).interfaceId));
        assertFalse(escrow.supportsInterface(0xffffffff));
    }

    // ───────────────────────────── fuzz ─────────────────────────────

    /// @dev The stored total is the exact sum of the amounts; every milestone is stored as given.
    function testFuzz_createEscrow_totalIsSumOfAmounts(uint256 seed, uint256 count) public {
        count = bound(count, 1, 50);
        uint256[] memory amounts = new uint256[](count);
        for (uint256 i; i < count; ++i) {
            amounts[i] = bound(uint256(keccak256(abi.encode(seed, i))), 1, type(uint128).max);
        }
        uint256 id = _create(address(usd), amounts);
        assertEq(escrow.getEscrow(id).total, _sum(amounts));
        IMilestoneEscrow.Milestone[] memory ms = escrow.getMilestones(id);
        for (uint256 i; i < count; ++i) {
            assertEq(ms[i].amount, amounts[i]);
        }
    }

    /// @dev Funding a native escrow with anything but its exact total reverts and changes nothing.
    function testFuzz_fundEscrow_revertsOnWrongNativeValue(uint256 total, uint256 sent) public {
        total = bound(total, 1, type(uint128).max);
        sent = bound(sent, 0, uint256(type(uint128).max) * 2);
        vm.assume(sent != total);
        uint256 id = _create(NATIVE, _amounts(total));
        vm.deal(client, sent);
        vm.expectRevert(abi.encodeWithSelector(IMilestoneEscrow.IncorrectNativeAmount.selector, total, sent));
        vm.prank(client);
        escrow.fundEscrow{value: sent}(id);
        assertEq(escrow.lockedBalance(NATIVE), 0);
    }

    /// @dev Releasing every milestone, in a random order and at a random fee within the cap, credits
    /// exactly the total: each fee is the rounded-up share, fee + payout == amount, and the sums of
    /// fees and payouts add up to the total, which the two parties can then withdraw to the last unit.
    /// hardhat-config: fuzz.runs = 1000
    function testFuzz_approveMilestone_releasesSumToTotal(uint256 seed, uint256 count, uint16 bps, bool native)
        public
    {
        count = bound(count, 1, 12);
        bps = uint16(bound(bps, 0, MAX_FEE_BPS));
        address token = native ? NATIVE : address(usd);
        vm.prank(admin);
        escrow.setPlatformFee(bps);

        uint256[] memory amounts = new uint256[](count);
        for (uint256 i; i < count; ++i) {
            amounts[i] = bound(uint256(keccak256(abi.encode(seed, i))), 1, type(uint128).max);
        }
        uint256 total = _sum(amounts);
        uint256 id = _createFunded(token, amounts);

        // Release in a seed-driven order (a Fisher-Yates shuffle of the indices).
        uint256[] memory order = new uint256[](count);
        for (uint256 i; i < count; ++i) {
            order[i] = i;
        }
        for (uint256 i = count; i > 1; --i) {
            uint256 j = uint256(keccak256(abi.encode(seed, "shuffle", i))) % i;
            (order[i - 1], order[j]) = (order[j], order[i - 1]);
        }

        uint256 fees;
        uint256 payouts;
        for (uint256 k; k < count; ++k) {
            uint256 index = order[k];
            uint256 amount = amounts[index];
            uint256 fee = _ceilFee(amount, bps);
            _submit(id, index);
            vm.expectEmit(address(escrow));
            emit IMilestoneEscrow.MilestoneReleased(id, index, freelancer, amount, fee, amount - fee);
            vm.prank(client);
            escrow.approveMilestone(id, index);
            fees += fee;
            payouts += amount - fee;
            assertEq(escrow.lockedBalance(token) + escrow.creditedBalance(token), total);
        }

        assertEq(fees + payouts, total);
        assertEq(escrow.credits(token, treasury), fees);
        assertEq(escrow.credits(token, freelancer), payouts);
        assertEq(escrow.lockedBalance(token), 0);
        assertEq(escrow.creditedBalance(token), total);
        assertEq(uint8(escrow.getEscrow(id).status), uint8(IMilestoneEscrow.EscrowStatus.Completed));

        if (payouts != 0) {
            vm.prank(freelancer);
            escrow.withdraw(token);
        }
        if (fees != 0) {
            vm.prank(treasury);
            escrow.withdraw(token);
        }
        assertEq(escrow.creditedBalance(token), 0);
        assertEq(native ? address(escrow).balance : usd.balanceOf(address(escrow)), 0);
        assertEq(native ? freelancer.balance : usd.balanceOf(freelancer), payouts);
        assertEq(native ? treasury.balance : usd.balanceOf(treasury), fees);
    }

    /// @dev Only the client may fund, only the freelancer may submit, only the client may approve,
    /// only the two of them may cancel: any other caller gets NotEscrowParty.
    function testFuzz_actions_revertForStrangers(address caller) public {
        vm.assume(caller != client && caller != freelancer);
        uint256 created = _create(address(usd), _amounts(1e6));
        uint256 funded = _createFunded(address(usd), _amounts(1e6));
        _submit(funded, 0);

        vm.startPrank(caller);
        vm.expectRevert(_err(IMilestoneEscrow.NotEscrowParty.selector, created, caller));
        escrow.fundEscrow(created);
        vm.expectRevert(_err(IMilestoneEscrow.NotEscrowParty.selector, funded, caller));
        escrow.submitMilestone(funded, 0, DELIVERABLE);
        vm.expectRevert(_err(IMilestoneEscrow.NotEscrowParty.selector, funded, caller));
        escrow.approveMilestone(funded, 0);
        vm.expectRevert(_err(IMilestoneEscrow.NotEscrowParty.selector, created, caller));
        escrow.cancelEscrow(created);
        vm.stopPrank();
    }
}
