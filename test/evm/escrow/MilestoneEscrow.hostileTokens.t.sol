// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {Test} from "forge-std/Test.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {MilestoneEscrow} from "../../../contracts/escrow/MilestoneEscrow.sol";
import {IMilestoneEscrow} from "../../../contracts/interfaces/IMilestoneEscrow.sol";
import {BlockingToken} from "../../../contracts/test-doubles/BlockingToken.sol";
import {FeeOnTransferToken} from "../../../contracts/test-doubles/FeeOnTransferToken.sol";
import {HookedToken} from "../../../contracts/test-doubles/HookedToken.sol";
import {NoReturnToken} from "../../../contracts/test-doubles/NoReturnToken.sol";
import {ReentrantHookAccount} from "../../../contracts/test-doubles/ReentrantHookAccount.sol";
import {ReentrantNativeRecipient} from "../../../contracts/test-doubles/ReentrantNativeRecipient.sol";
import {RevertingReceiver} from "../../../contracts/test-doubles/RevertingReceiver.sol";

/// @notice {MilestoneEscrow} against hostile tokens and hostile contract parties: no-return-value
/// tokens, fee-on-transfer tokens, tokens that revert (blocking only their own escrows),
/// ERC-777-style hooks re-entering from fund and withdraw into every state-changing function, and
/// contract recipients that reject or re-enter on native coin. Every test ends with the
/// conservation law `balance == heldBalance(token)`.
contract MilestoneEscrowHostileTokensTest is Test {
    address internal constant NATIVE = address(0);
    uint16 internal constant FEE_BPS = 1_000;
    uint32 internal constant REVIEW = 3 days;
    uint32 internal constant GRACE = 7 days;

    MilestoneEscrow internal escrow;
    address internal admin;
    address internal treasury;
    address internal client;
    address internal freelancer;

    function setUp() public {
        admin = makeAddr("admin");
        treasury = makeAddr("treasury");
        client = makeAddr("client");
        freelancer = makeAddr("freelancer");
        address[] memory allowed = new address[](1);
        allowed[0] = NATIVE;
        escrow = new MilestoneEscrow(admin, treasury, FEE_BPS, allowed);
    }

    // ───────────────────────────── helpers ─────────────────────────────

    function _one(uint256 amount) internal view returns (IMilestoneEscrow.MilestoneTerms[] memory terms) {
        terms = new IMilestoneEscrow.MilestoneTerms[](1);
        terms[0] = IMilestoneEscrow.MilestoneTerms({amount: amount, dueDate: uint48(block.timestamp + 10 days)});
    }

    /// @dev Allowlist a hostile token: the escrow must hold up even if governance allows a bad one.
    function _allow(address token) internal {
        vm.prank(admin);
        escrow.setTokenAllowed(token, true);
    }

    /// @dev `createEscrow` by the current prank/caller, with the test's periods.
    function _createCall(address payee, address token, uint256 amount) internal view returns (bytes memory) {
        return abi.encodeCall(escrow.createEscrow, (payee, token, _one(amount), REVIEW, GRACE));
    }

    function _reentryGuardError() internal pure returns (bytes memory) {
        return abi.encodeWithSelector(ReentrancyGuardTransient.ReentrancyGuardReentrantCall.selector);
    }

    /// @dev Conservation law for one token: the balance equals what the escrow owes.
    function _assertConserved(address token, uint256 balance) internal view {
        assertEq(balance, escrow.heldBalance(token), "balance == heldBalance");
    }

    // ───────────────────────────── USDT-style: no return value ─────────────────────────────

    function test_lifecycle_worksWithNoReturnToken() public {
        NoReturnToken token = new NoReturnToken();
        _allow(address(token));
        token.mint(client, 1_000e6);

        vm.startPrank(client);
        uint256 id = escrow.createEscrow(freelancer, address(token), _one(1_000e6), REVIEW, GRACE);
        token.approve(address(escrow), 1_000e6);
        escrow.fundEscrow(id);
        vm.stopPrank();
        assertEq(token.balanceOf(address(escrow)), 1_000e6);

        vm.prank(freelancer);
        escrow.submitMilestone(id, 0, bytes32(0));
        vm.prank(client);
        escrow.approveMilestone(id, 0);

        vm.prank(freelancer);
        assertEq(escrow.withdraw(address(token)), 900e6);
        vm.prank(treasury);
        assertEq(escrow.withdraw(address(token)), 100e6);
        assertEq(token.balanceOf(freelancer), 900e6);
        assertEq(token.balanceOf(treasury), 100e6);
        assertEq(token.balanceOf(address(escrow)), 0);
        _assertConserved(address(token), 0);
    }

    function test_fundEscrow_bubblesNoReturnTokenFailure() public {
        NoReturnToken token = new NoReturnToken();
        _allow(address(token));
        token.mint(client, 10e6);
        vm.prank(client);
        uint256 id = escrow.createEscrow(freelancer, address(token), _one(10e6), REVIEW, GRACE);

        vm.expectRevert(
            abi.encodeWithSelector(NoReturnToken.AllowanceTooLow.selector, client, address(escrow), 0, 10e6)
        );
        vm.prank(client);
        escrow.fundEscrow(id);
        assertEq(uint8(escrow.getEscrow(id).status), uint8(IMilestoneEscrow.EscrowStatus.Created));
    }

    // ───────────────────────────── fee-on-transfer ─────────────────────────────

    function test_fundEscrow_revertsWithFeeOnTransferToken() public {
        FeeOnTransferToken token = new FeeOnTransferToken(100); // 1% burnt per transfer
        _allow(address(token));
        token.mint(client, 1_000e6);
        vm.startPrank(client);
        uint256 id = escrow.createEscrow(freelancer, address(token), _one(1_000e6), REVIEW, GRACE);
        token.approve(address(escrow), 1_000e6);

        vm.expectRevert(
            abi.encodeWithSelector(IMilestoneEscrow.InsufficientTokensReceived.selector, 1_000e6, 990e6)
        );
        escrow.fundEscrow(id);
        vm.stopPrank();

        assertEq(uint8(escrow.getEscrow(id).status), uint8(IMilestoneEscrow.EscrowStatus.Created));
        assertEq(escrow.heldBalance(address(token)), 0);
        assertEq(token.balanceOf(client), 1_000e6, "the client keeps everything");
    }

    function testFuzz_fundEscrow_revertsForAnyTransferFee(uint256 total, uint256 feeBps) public {
        total = bound(total, 1, type(uint128).max);
        feeBps = bound(feeBps, 1, 10_000);
        FeeOnTransferToken token = new FeeOnTransferToken(feeBps);
        _allow(address(token));
        token.mint(client, total);
        vm.startPrank(client);
        uint256 id = escrow.createEscrow(freelancer, address(token), _one(total), REVIEW, GRACE);
        token.approve(address(escrow), total);

        vm.expectRevert(
            abi.encodeWithSelector(
                IMilestoneEscrow.InsufficientTokensReceived.selector, total, total - token.feeOf(total)
            )
        );
        escrow.fundEscrow(id);
        vm.stopPrank();
    }

    function test_fundEscrow_acceptsFeeOnTransferTokenWithZeroFee() public {
        FeeOnTransferToken token = new FeeOnTransferToken(0);
        _allow(address(token));
        token.mint(client, 5e6);
        vm.startPrank(client);
        uint256 id = escrow.createEscrow(freelancer, address(token), _one(5e6), REVIEW, GRACE);
        token.approve(address(escrow), 5e6);
        escrow.fundEscrow(id);
        vm.stopPrank();
        _assertConserved(address(token), token.balanceOf(address(escrow)));
    }

    // ───────────────────────────── reverting token ─────────────────────────────

    function test_fundEscrow_bubblesTokenRevert() public {
        BlockingToken token = new BlockingToken();
        _allow(address(token));
        token.mint(client, 5e6);
        token.setBlocked(client, true);
        vm.startPrank(client);
        uint256 id = escrow.createEscrow(freelancer, address(token), _one(5e6), REVIEW, GRACE);
        token.approve(address(escrow), 5e6);
        vm.expectRevert(abi.encodeWithSelector(BlockingToken.AccountBlocked.selector, client));
        escrow.fundEscrow(id);
        vm.stopPrank();
        assertEq(uint8(escrow.getEscrow(id).status), uint8(IMilestoneEscrow.EscrowStatus.Created));
    }

    function test_withdraw_keepsCreditWhenTokenReverts() public {
        BlockingToken token = new BlockingToken();
        _allow(address(token));
        token.mint(client, 100e6);
        vm.startPrank(client);
        uint256 id = escrow.createEscrow(freelancer, address(token), _one(100e6), REVIEW, GRACE);
        token.approve(address(escrow), 100e6);
        escrow.fundEscrow(id);
        vm.stopPrank();
        vm.prank(freelancer);
        escrow.submitMilestone(id, 0, bytes32(0));
        vm.prank(client);
        escrow.approveMilestone(id, 0);

        token.setBlocked(freelancer, true);
        vm.expectRevert(abi.encodeWithSelector(BlockingToken.AccountBlocked.selector, freelancer));
        vm.prank(freelancer);
        escrow.withdraw(address(token));
        assertEq(escrow.credits(address(token), freelancer), 90e6, "credit kept");
        _assertConserved(address(token), token.balanceOf(address(escrow)));

        // A blocked payee does not hold anyone else's money hostage.
        vm.prank(treasury);
        escrow.withdraw(address(token));
        assertEq(token.balanceOf(treasury), 10e6);

        token.setBlocked(freelancer, false);
        vm.prank(freelancer);
        escrow.withdraw(address(token));
        assertEq(token.balanceOf(freelancer), 90e6);
        _assertConserved(address(token), token.balanceOf(address(escrow)));
    }

    function test_fundEscrow_revertsWhenTokenHasNoCode() public {
        address notAToken = makeAddr("notAToken");
        _allow(notAToken);
        vm.prank(client);
        uint256 id = escrow.createEscrow(freelancer, notAToken, _one(1), REVIEW, GRACE);
        vm.expectRevert();
        vm.prank(client);
        escrow.fundEscrow(id);
        assertEq(uint8(escrow.getEscrow(id).status), uint8(IMilestoneEscrow.EscrowStatus.Created));
        assertEq(escrow.heldBalance(notAToken), 0);
    }

    // ───────────────────────────── ERC-777-style hooks ─────────────────────────────

    /// @dev A hooked client funds escrow 1 and, from `tokensToSend`, re-enters to fund escrow 2.
    function _hookedClientWithTwoEscrows(bool bubble)
        internal
        returns (HookedToken token, ReentrantHookAccount attacker, uint256 first, uint256 second)
    {
        token = new HookedToken();
        _allow(address(token));
        attacker = new ReentrantHookAccount();
        token.mint(address(attacker), 200e6);
        first = abi.decode(
            attacker.execute(
                address(escrow), _createCall(freelancer, address(token), 100e6)
            ),
            (uint256)
        );
        second = abi.decode(
            attacker.execute(
                address(escrow), _createCall(freelancer, address(token), 100e6)
            ),
            (uint256)
        );
        attacker.execute(address(token), abi.encodeCall(token.approve, (address(escrow), type(uint256).max)));
        attacker.execute(address(token), abi.encodeCall(token.registerHooks, (true)));
        attacker.arm(address(escrow), abi.encodeCall(escrow.fundEscrow, (second)), bubble);
    }

    function test_fundEscrow_blocksReentryFromSenderHook() public {
        (HookedToken token, ReentrantHookAccount attacker, uint256 first, uint256 second) =
            _hookedClientWithTwoEscrows(false);

        attacker.execute(address(escrow), abi.encodeCall(escrow.fundEscrow, (first)));

        assertEq(attacker.reentryAttempts(), 1);
        assertFalse(attacker.lastReentrySucceeded());
        assertEq(attacker.lastReentryReturnData(), _reentryGuardError());
        assertEq(uint8(escrow.getEscrow(first).status), uint8(IMilestoneEscrow.EscrowStatus.Funded));
        assertEq(uint8(escrow.getEscrow(second).status), uint8(IMilestoneEscrow.EscrowStatus.Created));
        assertEq(token.balanceOf(address(escrow)), 100e6);
        _assertConserved(address(token), token.balanceOf(address(escrow)));
    }

    function test_fundEscrow_revertsWhenHookReentryBubbles() public {
        (HookedToken token, ReentrantHookAccount attacker, uint256 first,) = _hookedClientWithTwoEscrows(true);

        vm.expectRevert(_reentryGuardError());
        attacker.execute(address(escrow), abi.encodeCall(escrow.fundEscrow, (first)));
        assertEq(uint8(escrow.getEscrow(first).status), uint8(IMilestoneEscrow.EscrowStatus.Created));
        assertEq(token.balanceOf(address(escrow)), 0);
    }

    function test_withdraw_blocksReentryFromRecipientHook() public {
        HookedToken token = new HookedToken();
        _allow(address(token));
        ReentrantHookAccount attacker = new ReentrantHookAccount();
        token.mint(client, 100e6);

        vm.startPrank(client);
        uint256 id = escrow.createEscrow(address(attacker), address(token), _one(100e6), REVIEW, GRACE);
        token.approve(address(escrow), 100e6);
        escrow.fundEscrow(id);
        vm.stopPrank();
        attacker.execute(address(escrow), abi.encodeCall(escrow.submitMilestone, (id, 0, bytes32(0))));
        vm.prank(client);
        escrow.approveMilestone(id, 0);

        attacker.execute(address(token), abi.encodeCall(token.registerHooks, (true)));
        attacker.arm(address(escrow), abi.encodeCall(escrow.withdraw, (address(token))), false);
        attacker.execute(address(escrow), abi.encodeCall(escrow.withdraw, (address(token))));

        assertEq(attacker.reentryAttempts(), 1);
        assertFalse(attacker.lastReentrySucceeded());
        assertEq(attacker.lastReentryReturnData(), _reentryGuardError());
        assertEq(token.balanceOf(address(attacker)), 90e6, "paid exactly once");
        assertEq(escrow.credits(address(token), address(attacker)), 0);
        assertEq(token.balanceOf(address(escrow)), 10e6, "the fee credit is intact");
        _assertConserved(address(token), token.balanceOf(address(escrow)));
    }

    // ───────────────────────────── hostile native recipients ─────────────────────────────

    function _nativeEscrowPaying(address payee, uint256 amount) internal returns (uint256 id) {
        vm.deal(client, amount);
        vm.startPrank(client);
        id = escrow.createEscrow(payee, NATIVE, _one(amount), REVIEW, GRACE);
        escrow.fundEscrow{value: amount}(id);
        vm.stopPrank();
        vm.prank(payee);
        escrow.submitMilestone(id, 0, bytes32(0));
        vm.prank(client);
        escrow.approveMilestone(id, 0);
    }

    function test_withdraw_keepsCreditWhenRecipientRejectsNative() public {
        RevertingReceiver receiver = new RevertingReceiver();
        _nativeEscrowPaying(address(receiver), 1 ether);

        vm.expectRevert(
            abi.encodeWithSelector(IMilestoneEscrow.NativeTransferFailed.selector, address(receiver), 0.9 ether)
        );
        receiver.execute(address(escrow), abi.encodeCall(escrow.withdraw, (NATIVE)));
        assertEq(escrow.credits(NATIVE, address(receiver)), 0.9 ether, "credit kept");
        assertEq(address(escrow).balance, 1 ether);
        _assertConserved(NATIVE, address(escrow).balance);

        receiver.setAccepting(true);
        receiver.execute(address(escrow), abi.encodeCall(escrow.withdraw, (NATIVE)));
        assertEq(address(receiver).balance, 0.9 ether);
        assertEq(escrow.credits(NATIVE, address(receiver)), 0);
        _assertConserved(NATIVE, address(escrow).balance);
    }

    function test_withdraw_blocksNativeReentry() public {
        ReentrantNativeRecipient attacker = new ReentrantNativeRecipient();
        _nativeEscrowPaying(address(attacker), 1 ether);

        attacker.arm(address(escrow), abi.encodeCall(escrow.withdraw, (NATIVE)), false);
        vm.expectEmit(address(escrow));
        emit IMilestoneEscrow.Withdrawn(address(attacker), NATIVE, 0.9 ether);
        attacker.execute(address(escrow), abi.encodeCall(escrow.withdraw, (NATIVE)));

        assertEq(attacker.reentryAttempts(), 1);
        assertFalse(attacker.lastReentrySucceeded());
        assertEq(attacker.lastReentryReturnData(), _reentryGuardError());
        assertEq(address(attacker).balance, 0.9 ether, "paid exactly once");
        assertEq(address(escrow).balance, 0.1 ether, "the fee credit is intact");
        _assertConserved(NATIVE, address(escrow).balance);
    }

    function test_withdraw_keepsCreditWhenNativeReentryBubbles() public {
        ReentrantNativeRecipient attacker = new ReentrantNativeRecipient();
        _nativeEscrowPaying(address(attacker), 1 ether);

        attacker.arm(address(escrow), abi.encodeCall(escrow.withdraw, (NATIVE)), true);
        vm.expectRevert(
            abi.encodeWithSelector(IMilestoneEscrow.NativeTransferFailed.selector, address(attacker), 0.9 ether)
        );
        attacker.execute(address(escrow), abi.encodeCall(escrow.withdraw, (NATIVE)));
        assertEq(escrow.credits(NATIVE, address(attacker)), 0.9 ether);
        assertEq(address(escrow).balance, 1 ether);
    }

    function test_withdraw_blocksNativeReentryIntoOtherFunctions() public {
        ReentrantNativeRecipient attacker = new ReentrantNativeRecipient();
        _nativeEscrowPaying(address(attacker), 1 ether);
        vm.prank(client);
        uint256 pending = escrow.createEscrow(address(attacker), NATIVE, _one(1 ether), REVIEW, GRACE);

        // Re-entering any state-changing function is refused, not just withdraw.
        attacker.arm(address(escrow), abi.encodeCall(escrow.cancelEscrow, (pending)), false);
        attacker.execute(address(escrow), abi.encodeCall(escrow.withdraw, (NATIVE)));
        assertEq(attacker.lastReentryReturnData(), _reentryGuardError());
        assertEq(uint8(escrow.getEscrow(pending).status), uint8(IMilestoneEscrow.EscrowStatus.Created));
    }

    /// @dev While a withdrawal pays a contract, it may not re-enter any state-changing function.
    function test_withdraw_blocksNativeReentryIntoEveryStateChangingFunction() public {
        ReentrantNativeRecipient attacker = new ReentrantNativeRecipient();
        bytes32 arbiterRole = escrow.ARBITER_ROLE(); // an arbiter too, so only the guard can refuse it
        vm.prank(admin);
        escrow.grantRole(arbiterRole, address(attacker));
        bytes[] memory calls = new bytes[](14);
        calls[0] = _createCall(client, NATIVE, 1);
        calls[1] = abi.encodeCall(escrow.fundEscrow, (1));
        calls[2] = abi.encodeCall(escrow.submitMilestone, (1, 0, bytes32(0)));
        calls[3] = abi.encodeCall(escrow.approveMilestone, (1, 0));
        calls[4] = abi.encodeCall(escrow.claimMilestone, (1, 0));
        calls[5] = abi.encodeCall(escrow.reclaimMilestone, (1, 0));
        calls[6] = abi.encodeCall(escrow.openDispute, (1, 0, bytes32(0)));
        calls[7] = abi.encodeCall(escrow.resolveDispute, (1, 0, 0));
        calls[8] = abi.encodeCall(escrow.settleMilestone, (1, 0, 0, 0, ""));
        calls[9] = abi.encodeCall(escrow.revokeSettlementOffers, ());
        calls[10] = abi.encodeCall(escrow.rateJob, (1, 5));
        calls[11] = abi.encodeCall(escrow.cancelEscrow, (1));
        calls[12] = abi.encodeCall(escrow.withdraw, (NATIVE));
        calls[13] = abi.encodeCall(escrow.withdraw, (address(0xdead)));
        for (uint256 i; i < calls.length; ++i) {
            _nativeEscrowPaying(address(attacker), 1 ether);
            attacker.arm(address(escrow), calls[i], false);
            attacker.execute(address(escrow), abi.encodeCall(escrow.withdraw, (NATIVE)));
            assertEq(attacker.reentryAttempts(), i + 1);
            assertFalse(attacker.lastReentrySucceeded());
            assertEq(attacker.lastReentryReturnData(), _reentryGuardError());
        }
        assertEq(address(attacker).balance, calls.length * 0.9 ether, "each credit paid exactly once");
        assertEq(escrow.nonces(address(attacker)), 0, "no revocation slipped through");
        _assertConserved(NATIVE, address(escrow).balance);
    }

    /// @dev A token that refuses to move the escrow's balance freezes only its own escrows.
    function test_blockingToken_blocksOnlyItsOwnEscrows() public {
        BlockingToken token = new BlockingToken();
        _allow(address(token));
        token.mint(client, 100e6);
        vm.startPrank(client);
        uint256 tokenEscrow = escrow.createEscrow(freelancer, address(token), _one(100e6), REVIEW, GRACE);
        token.approve(address(escrow), 100e6);
        escrow.fundEscrow(tokenEscrow);
        vm.stopPrank();
        vm.prank(freelancer);
        escrow.submitMilestone(tokenEscrow, 0, bytes32(0));
        vm.prank(client);
        escrow.approveMilestone(tokenEscrow, 0);

        token.setBlocked(address(escrow), true);
        vm.expectRevert(abi.encodeWithSelector(BlockingToken.AccountBlocked.selector, address(escrow)));
        vm.prank(freelancer);
        escrow.withdraw(address(token));

        // The native coin is untouched by the frozen token: fund, release, withdraw.
        uint256 id = _nativeEscrowPaying(freelancer, 1 ether);
        assertEq(uint8(escrow.getEscrow(id).status), uint8(IMilestoneEscrow.EscrowStatus.Completed));
        vm.prank(freelancer);
        escrow.withdraw(NATIVE);
        assertEq(freelancer.balance, 0.9 ether);
        assertEq(escrow.credits(address(token), freelancer), 90e6, "the frozen credit is kept");
        _assertConserved(address(token), token.balanceOf(address(escrow)));
        _assertConserved(NATIVE, address(escrow).balance);
    }

    /// @dev A hooked freelancer re-entering from its payout cannot settle, dispute or claim the
    /// escrow's other milestones mid-withdrawal; the milestones stay as they were.
    function test_withdraw_hookCannotTouchOtherMilestones() public {
        HookedToken token = new HookedToken();
        _allow(address(token));
        ReentrantHookAccount attacker = new ReentrantHookAccount();
        token.mint(client, 300e6);
        IMilestoneEscrow.MilestoneTerms[] memory terms = new IMilestoneEscrow.MilestoneTerms[](3);
        for (uint256 i; i < 3; ++i) {
            terms[i] = IMilestoneEscrow.MilestoneTerms({amount: 100e6, dueDate: uint48(block.timestamp + 10 days)});
        }
        vm.startPrank(client);
        uint256 id = escrow.createEscrow(address(attacker), address(token), terms, REVIEW, GRACE);
        token.approve(address(escrow), 300e6);
        escrow.fundEscrow(id);
        vm.stopPrank();
        attacker.execute(address(escrow), abi.encodeCall(escrow.submitMilestone, (id, 0, bytes32(0))));
        attacker.execute(address(escrow), abi.encodeCall(escrow.submitMilestone, (id, 1, bytes32(0))));
        vm.prank(client);
        escrow.approveMilestone(id, 0);
        skip(REVIEW);

        attacker.execute(address(token), abi.encodeCall(token.registerHooks, (true)));
        attacker.arm(address(escrow), abi.encodeCall(escrow.claimMilestone, (id, 1)), false);
        attacker.execute(address(escrow), abi.encodeCall(escrow.withdraw, (address(token))));
        assertEq(attacker.lastReentryReturnData(), _reentryGuardError());
        assertEq(
            uint8(escrow.getMilestone(id, 1).status), uint8(IMilestoneEscrow.MilestoneStatus.Submitted), "not claimed"
        );
        // Outside a withdrawal the same claim is legitimate.
        attacker.execute(address(escrow), abi.encodeCall(escrow.claimMilestone, (id, 1)));
        assertEq(escrow.credits(address(token), address(attacker)), 90e6);
        _assertConserved(address(token), token.balanceOf(address(escrow)));
    }
}
