// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {Test, Vm} from "forge-std/Test.sol";
import {IAccessControl} from "@openzeppelin/contracts/access/IAccessControl.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {FeeSplitter} from "../../../contracts/dao/FeeSplitter.sol";
import {MilestoneEscrow} from "../../../contracts/escrow/MilestoneEscrow.sol";
import {IFeeSplitter} from "../../../contracts/interfaces/IFeeSplitter.sol";
import {IMilestoneEscrow} from "../../../contracts/interfaces/IMilestoneEscrow.sol";
import {BlockingToken} from "../../../contracts/test-doubles/BlockingToken.sol";
import {DemoStablecoin} from "../../../contracts/test-doubles/DemoStablecoin.sol";
import {FeeOnTransferToken} from "../../../contracts/test-doubles/FeeOnTransferToken.sol";
import {HookedToken} from "../../../contracts/test-doubles/HookedToken.sol";
import {NoReturnToken} from "../../../contracts/test-doubles/NoReturnToken.sol";
import {ReentrantHookAccount} from "../../../contracts/test-doubles/ReentrantHookAccount.sol";
import {ReentrantNativeRecipient} from "../../../contracts/test-doubles/ReentrantNativeRecipient.sol";
import {RevertingReceiver} from "../../../contracts/test-doubles/RevertingReceiver.sol";

/// @notice Unit and fuzz tests of {FeeSplitter}, named `test_<function>_<condition>`: the exact
/// 70/30 split (remainders to operations), pull-based releases, governance of the share and the
/// payees, `collect` from a real {MilestoneEscrow}, and the hostile tokens (no-return, fee-on-transfer,
/// blocklisting, ERC-777 hooks re-entering) and native coin.
contract FeeSplitterTest is Test {
    address internal constant NATIVE = address(0);
    uint16 internal constant SHARE = 7_000;

    FeeSplitter internal splitter;
    DemoStablecoin internal usd;
    address internal admin;
    address internal treasury;
    address internal operations;
    address internal stranger;

    function setUp() public {
        admin = makeAddr("admin");
        treasury = makeAddr("treasury");
        operations = makeAddr("operations");
        stranger = makeAddr("stranger");
        usd = new DemoStablecoin("Demo USD", "dUSD");
        splitter = new FeeSplitter(treasury, operations, SHARE, admin);
    }

    // ───────────────────────────── helpers ─────────────────────────────

    function _balance(address token, address account) internal view returns (uint256) {
        return token == NATIVE ? account.balance : DemoStablecoin(token).balanceOf(account);
    }

    function _fund(uint256 amount) internal {
        usd.mint(address(splitter), amount);
    }

    function _assertConserved(address token) internal view {
        assertGe(_balance(token, address(splitter)), splitter.totalOwed(token), "balance >= totalOwed");
        assertEq(
            splitter.owed(treasury, token) + splitter.owed(operations, token), splitter.totalOwed(token), "sum owed"
        );
    }

    // ───────────────────────────── constructor ─────────────────────────────

    function test_constructor_setsPayeesShareAndAdmin() public view {
        assertEq(splitter.treasury(), treasury);
        assertEq(splitter.operations(), operations);
        assertEq(splitter.daoShareBps(), SHARE);
        assertTrue(splitter.hasRole(splitter.DEFAULT_ADMIN_ROLE(), admin));
        assertFalse(splitter.hasRole(splitter.DEFAULT_ADMIN_ROLE(), address(this)));
    }

    function test_constructor_revertsOnZeroAddresses() public {
        vm.expectRevert(IFeeSplitter.ZeroAddress.selector);
        new FeeSplitter(address(0), operations, SHARE, admin);
        vm.expectRevert(IFeeSplitter.ZeroAddress.selector);
        new FeeSplitter(treasury, address(0), SHARE, admin);
        vm.expectRevert(IFeeSplitter.ZeroAddress.selector);
        new FeeSplitter(treasury, operations, SHARE, address(0));
    }

    function test_constructor_revertsOnShareAbove100Percent() public {
        vm.expectRevert(abi.encodeWithSelector(IFeeSplitter.InvalidShare.selector, uint16(10_001)));
        new FeeSplitter(treasury, operations, 10_001, admin);
    }

    // ───────────────────────────── distribute ─────────────────────────────

    function test_distribute_splits70To30() public {
        _fund(1_000e18);
        vm.expectEmit(address(splitter));
        emit IFeeSplitter.FeesSplit(address(usd), 1_000e18, 700e18, 300e18, SHARE);
        assertEq(splitter.distribute(address(usd)), 1_000e18);
        assertEq(splitter.owed(treasury, address(usd)), 700e18);
        assertEq(splitter.owed(operations, address(usd)), 300e18);
        assertEq(splitter.totalOwed(address(usd)), 1_000e18);
        _assertConserved(address(usd));
    }

    function test_distribute_roundsTreasuryDownRemainderToOperations() public {
        _fund(1_001);
        splitter.distribute(address(usd));
        assertEq(splitter.owed(treasury, address(usd)), 700); // floor(700.7)
        assertEq(splitter.owed(operations, address(usd)), 301);

        _fund(1); // one unit: all to operations
        assertEq(splitter.distribute(address(usd)), 1);
        assertEq(splitter.owed(treasury, address(usd)), 700);
        assertEq(splitter.owed(operations, address(usd)), 302);
    }

    function test_distribute_zeroIncomeEmitsNothing() public {
        vm.recordLogs();
        assertEq(splitter.distribute(address(usd)), 0);
        assertEq(vm.getRecordedLogs().length, 0, "nothing to split");
        _fund(10);
        splitter.distribute(address(usd));
        vm.recordLogs();
        assertEq(splitter.distribute(address(usd)), 0, "already split");
        assertEq(vm.getRecordedLogs().length, 0);
        assertEq(splitter.totalOwed(address(usd)), 10);
    }

    function test_distribute_onlyNewIncomeAfterRelease() public {
        _fund(100);
        splitter.distribute(address(usd));
        splitter.release(address(usd), treasury);
        _fund(50);
        assertEq(splitter.distribute(address(usd)), 50);
        assertEq(splitter.owed(treasury, address(usd)), 35);
        assertEq(splitter.owed(operations, address(usd)), 30 + 15);
        _assertConserved(address(usd));
    }

    function test_distribute_nativeCoin() public {
        vm.deal(address(this), 3 ether);
        (bool ok,) = address(splitter).call{value: 3 ether}("");
        assertTrue(ok);
        vm.expectEmit(address(splitter));
        emit IFeeSplitter.FeesSplit(NATIVE, 3 ether, 2.1 ether, 0.9 ether, SHARE);
        assertEq(splitter.distribute(NATIVE), 3 ether);
        _assertConserved(NATIVE);
    }

    function test_distribute_extremeShares() public {
        vm.startPrank(admin);
        splitter.setDaoShare(10_000);
        _fund(99);
        splitter.distribute(address(usd));
        assertEq(splitter.owed(treasury, address(usd)), 99);
        splitter.setDaoShare(0);
        _fund(33);
        splitter.distribute(address(usd));
        vm.stopPrank();
        assertEq(splitter.owed(treasury, address(usd)), 99);
        assertEq(splitter.owed(operations, address(usd)), 33);
    }

    function testFuzz_distribute_conservesEveryUnit(uint256 income, uint16 bps, uint256 second) public {
        income = bound(income, 1, type(uint128).max);
        second = bound(second, 0, type(uint128).max);
        bps = uint16(bound(bps, 0, 10_000));
        vm.prank(admin);
        splitter.setDaoShare(bps);
        _fund(income);
        vm.recordLogs();
        splitter.distribute(address(usd));
        Vm.Log[] memory logs = vm.getRecordedLogs();
        (uint256 logged, uint256 toTreasury, uint256 toOperations,) =
            abi.decode(logs[0].data, (uint256, uint256, uint256, uint16));
        assertEq(logged, income);
        assertEq(toTreasury + toOperations, income, "toTreasury + toOperations == income");
        assertEq(toTreasury, income * bps / 10_000, "floor");
        assertEq(splitter.totalOwed(address(usd)), usd.balanceOf(address(splitter)), "== after distribute");

        _fund(second);
        splitter.distribute(address(usd));
        assertEq(splitter.totalOwed(address(usd)), income + second);
        _assertConserved(address(usd));
    }

    function test_distribute_hugeBalanceDoesNotOverflow() public {
        _fund(type(uint256).max);
        assertEq(splitter.distribute(address(usd)), type(uint256).max);
        assertEq(splitter.owed(treasury, address(usd)), type(uint256).max / 10_000 * 7_000 + (type(uint256).max % 10_000) * 7_000 / 10_000);
        _assertConserved(address(usd));
    }

    // ───────────────────────────── release ─────────────────────────────

    function test_release_paysPayeeTriggeredByAnyone() public {
        _fund(1_000);
        splitter.distribute(address(usd));
        vm.expectEmit(address(splitter));
        emit IFeeSplitter.FeesReleased(address(usd), treasury, 700);
        vm.prank(stranger);
        assertEq(splitter.release(address(usd), treasury), 700);
        assertEq(usd.balanceOf(treasury), 700);
        assertEq(usd.balanceOf(stranger), 0);
        assertEq(splitter.owed(treasury, address(usd)), 0);
        assertEq(splitter.totalOwed(address(usd)), 300);
        splitter.release(address(usd), operations);
        assertEq(usd.balanceOf(operations), 300);
        assertEq(usd.balanceOf(address(splitter)), 0);
        _assertConserved(address(usd));
    }

    function test_release_revertsWhenNothingOwed() public {
        vm.expectRevert(abi.encodeWithSelector(IFeeSplitter.NothingOwed.selector, address(usd), treasury));
        splitter.release(address(usd), treasury);
        _fund(100);
        // Undistributed income is owed to nobody yet.
        vm.expectRevert(abi.encodeWithSelector(IFeeSplitter.NothingOwed.selector, address(usd), treasury));
        splitter.release(address(usd), treasury);
        vm.expectRevert(abi.encodeWithSelector(IFeeSplitter.NothingOwed.selector, address(usd), stranger));
        splitter.release(address(usd), stranger);
    }

    function test_release_twiceReverts() public {
        _fund(100);
        splitter.distribute(address(usd));
        splitter.release(address(usd), treasury);
        vm.expectRevert(abi.encodeWithSelector(IFeeSplitter.NothingOwed.selector, address(usd), treasury));
        splitter.release(address(usd), treasury);
    }

    function test_release_nativeCoin() public {
        vm.deal(address(splitter), 1 ether);
        splitter.distribute(NATIVE);
        splitter.release(NATIVE, treasury);
        splitter.release(NATIVE, operations);
        assertEq(treasury.balance, 0.7 ether);
        assertEq(operations.balance, 0.3 ether);
        assertEq(address(splitter).balance, 0);
        assertEq(splitter.totalOwed(NATIVE), 0);
    }

    function test_release_nativeRefusedKeepsCredit() public {
        RevertingReceiver receiver = new RevertingReceiver();
        vm.prank(admin);
        splitter.setPayees(address(receiver), operations);
        vm.deal(address(splitter), 1 ether);
        splitter.distribute(NATIVE);
        vm.expectRevert(abi.encodeWithSelector(IFeeSplitter.NativeTransferFailed.selector, address(receiver), 0.7 ether));
        splitter.release(NATIVE, address(receiver));
        assertEq(splitter.owed(address(receiver), NATIVE), 0.7 ether, "credit kept");
        // The other payee is not blocked.
        splitter.release(NATIVE, operations);
        assertEq(operations.balance, 0.3 ether);
        receiver.setAccepting(true);
        splitter.release(NATIVE, address(receiver));
        assertEq(address(receiver).balance, 0.7 ether);
        _assertConserved(NATIVE);
    }

    function test_release_nativeReentryRefused() public {
        ReentrantNativeRecipient attacker = new ReentrantNativeRecipient();
        vm.prank(admin);
        splitter.setPayees(address(attacker), operations);
        vm.deal(address(splitter), 1 ether);
        splitter.distribute(NATIVE);
        attacker.arm(address(splitter), abi.encodeCall(IFeeSplitter.release, (NATIVE, address(attacker))), false);
        splitter.release(NATIVE, address(attacker));
        assertEq(attacker.reentryAttempts(), 1);
        assertFalse(attacker.lastReentrySucceeded());
        assertEq(
            attacker.lastReentryReturnData(),
            abi.encodeWithSelector(ReentrancyGuardTransient.ReentrancyGuardReentrantCall.selector)
        );
        assertEq(address(attacker).balance, 0.7 ether, "paid once");
        assertEq(address(splitter).balance, 0.3 ether);
        _assertConserved(NATIVE);
    }

    function test_release_nativeReentryIntoDistributeRefused() public {
        ReentrantNativeRecipient attacker = new ReentrantNativeRecipient();
        vm.prank(admin);
        splitter.setPayees(address(attacker), operations);
        vm.deal(address(splitter), 1 ether);
        splitter.distribute(NATIVE);
        // Mid-release the balance already dropped; a re-entered distribute must not see "income".
        attacker.arm(address(splitter), abi.encodeCall(IFeeSplitter.distribute, (NATIVE)), false);
        splitter.release(NATIVE, address(attacker));
        assertEq(
            attacker.lastReentryReturnData(),
            abi.encodeWithSelector(ReentrancyGuardTransient.ReentrancyGuardReentrantCall.selector)
        );
        assertEq(splitter.totalOwed(NATIVE), 0.3 ether, "nothing split mid-release");
        assertEq(address(splitter).balance, 0.3 ether);
    }

    // ───────────────────────────── governance ─────────────────────────────

    function test_setDaoShare_updatesFutureSplitsOnly() public {
        _fund(100);
        splitter.distribute(address(usd));
        vm.expectEmit(address(splitter));
        emit IFeeSplitter.DaoShareUpdated(SHARE, 5_000);
        vm.prank(admin);
        splitter.setDaoShare(5_000);
        assertEq(splitter.daoShareBps(), 5_000);
        assertEq(splitter.owed(treasury, address(usd)), 70, "past split unchanged");
        _fund(100);
        splitter.distribute(address(usd));
        assertEq(splitter.owed(treasury, address(usd)), 120);
        assertEq(splitter.owed(operations, address(usd)), 80);
    }

    function test_setDaoShare_revertsAbove100Percent() public {
        vm.prank(admin);
        vm.expectRevert(abi.encodeWithSelector(IFeeSplitter.InvalidShare.selector, uint16(10_001)));
        splitter.setDaoShare(10_001);
    }

    function test_setDaoShare_revertsForNonAdmin() public {
        bytes32 role = splitter.DEFAULT_ADMIN_ROLE();
        vm.prank(treasury);
        vm.expectRevert(abi.encodeWithSelector(IAccessControl.AccessControlUnauthorizedAccount.selector, treasury, role));
        splitter.setDaoShare(5_000);
    }

    function test_setPayees_oldCreditsStayWithOldPayees() public {
        address newTreasury = makeAddr("newTreasury");
        address newOperations = makeAddr("newOperations");
        _fund(100);
        splitter.distribute(address(usd));
        vm.expectEmit(address(splitter));
        emit IFeeSplitter.PayeesUpdated(newTreasury, newOperations);
        vm.prank(admin);
        splitter.setPayees(newTreasury, newOperations);
        assertEq(splitter.treasury(), newTreasury);
        assertEq(splitter.operations(), newOperations);
        _fund(10);
        splitter.distribute(address(usd));
        assertEq(splitter.owed(treasury, address(usd)), 70);
        assertEq(splitter.owed(operations, address(usd)), 30);
        assertEq(splitter.owed(newTreasury, address(usd)), 7);
        assertEq(splitter.owed(newOperations, address(usd)), 3);
        splitter.release(address(usd), treasury);
        splitter.release(address(usd), newOperations);
        assertEq(usd.balanceOf(treasury), 70);
        assertEq(usd.balanceOf(newOperations), 3);
        assertEq(splitter.totalOwed(address(usd)), 37);
        assertEq(usd.balanceOf(address(splitter)), 37);
    }

    function test_setPayees_revertsOnZeroAddress() public {
        vm.startPrank(admin);
        vm.expectRevert(IFeeSplitter.ZeroAddress.selector);
        splitter.setPayees(address(0), operations);
        vm.expectRevert(IFeeSplitter.ZeroAddress.selector);
        splitter.setPayees(treasury, address(0));
        vm.stopPrank();
    }

    function test_setPayees_revertsForNonAdmin() public {
        bytes32 role = splitter.DEFAULT_ADMIN_ROLE();
        vm.prank(stranger);
        vm.expectRevert(abi.encodeWithSelector(IAccessControl.AccessControlUnauthorizedAccount.selector, stranger, role));
        splitter.setPayees(stranger, stranger);
    }

    // ───────────────────────────── collect from the escrow ─────────────────────────────

    function _escrowWithSplitter(address token) internal returns (MilestoneEscrow escrow) {
        address[] memory allowed = new address[](1);
        allowed[0] = token;
        escrow = new MilestoneEscrow(admin, address(splitter), 1_000, allowed); // 10% fee
    }

    /// @dev Creates, funds and approves a one-milestone job of `amount`: the fee is credited to the splitter.
    function _completeJob(MilestoneEscrow escrow, address token, uint256 amount) internal {
        address client = makeAddr("client");
        address freelancer = makeAddr("freelancer");
        IMilestoneEscrow.MilestoneTerms[] memory terms = new IMilestoneEscrow.MilestoneTerms[](1);
        terms[0] = IMilestoneEscrow.MilestoneTerms({amount: amount, dueDate: uint48(block.timestamp + 10 days)});
        vm.prank(client);
        uint256 id = escrow.createEscrow(freelancer, token, terms, 3 days, 7 days);
        if (token == NATIVE) {
            vm.deal(client, amount);
            vm.prank(client);
            escrow.fundEscrow{value: amount}(id);
        } else {
            DemoStablecoin(token).mint(client, amount);
            vm.prank(client);
            SafeERC20.forceApprove(DemoStablecoin(token), address(escrow), amount);
            vm.prank(client);
            escrow.fundEscrow(id);
        }
        vm.prank(freelancer);
        escrow.submitMilestone(id, 0, bytes32(0));
        vm.prank(client);
        escrow.approveMilestone(id, 0);
    }

    function test_collect_withdrawsEscrowFeesAndSplits() public {
        MilestoneEscrow escrow = _escrowWithSplitter(address(usd));
        _completeJob(escrow, address(usd), 1_000e6);
        assertEq(escrow.credits(address(usd), address(splitter)), 100e6);
        vm.expectEmit(address(splitter));
        emit IFeeSplitter.FeesSplit(address(usd), 100e6, 70e6, 30e6, SHARE);
        vm.prank(stranger);
        assertEq(splitter.collect(address(escrow), address(usd)), 100e6);
        assertEq(escrow.credits(address(usd), address(splitter)), 0);
        assertEq(splitter.owed(treasury, address(usd)), 70e6);
        assertEq(splitter.owed(operations, address(usd)), 30e6);
        assertEq(usd.balanceOf(address(splitter)), splitter.totalOwed(address(usd)));
    }

    function test_collect_nativeCoin() public {
        MilestoneEscrow escrow = _escrowWithSplitter(NATIVE);
        _completeJob(escrow, NATIVE, 2 ether);
        assertEq(splitter.collect(address(escrow), NATIVE), 0.2 ether);
        assertEq(splitter.owed(treasury, NATIVE), 0.14 ether);
        assertEq(splitter.owed(operations, NATIVE), 0.06 ether);
        splitter.release(NATIVE, treasury);
        assertEq(treasury.balance, 0.14 ether);
        _assertConserved(NATIVE);
    }

    function test_collect_includesEarlierUnsplitIncome() public {
        MilestoneEscrow escrow = _escrowWithSplitter(address(usd));
        _completeJob(escrow, address(usd), 1_000);
        _fund(5); // a direct transfer (e.g. another fee source) not yet split
        assertEq(splitter.collect(address(escrow), address(usd)), 105);
        assertEq(splitter.totalOwed(address(usd)), 105);
    }

    function test_collect_revertsWhenSourceHasNothing() public {
        MilestoneEscrow escrow = _escrowWithSplitter(address(usd));
        vm.expectRevert(
            abi.encodeWithSelector(IMilestoneEscrow.NothingToWithdraw.selector, address(splitter), address(usd))
        );
        splitter.collect(address(escrow), address(usd));
    }

    function test_collect_noReturnTokenFromEscrow() public {
        NoReturnToken nr = new NoReturnToken();
        MilestoneEscrow escrow = _escrowWithSplitter(address(nr));
        address client = makeAddr("client");
        address freelancer = makeAddr("freelancer");
        IMilestoneEscrow.MilestoneTerms[] memory terms = new IMilestoneEscrow.MilestoneTerms[](1);
        terms[0] = IMilestoneEscrow.MilestoneTerms({amount: 1_000, dueDate: uint48(block.timestamp + 10 days)});
        vm.prank(client);
        uint256 id = escrow.createEscrow(freelancer, address(nr), terms, 3 days, 7 days);
        nr.mint(client, 1_000);
        vm.startPrank(client);
        nr.approve(address(escrow), 1_000);
        escrow.fundEscrow(id);
        vm.stopPrank();
        vm.prank(freelancer);
        escrow.submitMilestone(id, 0, bytes32(0));
        vm.prank(client);
        escrow.approveMilestone(id, 0);

        assertEq(splitter.collect(address(escrow), address(nr)), 100);
        splitter.release(address(nr), treasury);
        splitter.release(address(nr), operations);
        assertEq(nr.balanceOf(treasury), 70);
        assertEq(nr.balanceOf(operations), 30);
        assertEq(nr.balanceOf(address(splitter)), 0);
    }

    function test_collect_reentryFromHookedPayeeRefused() public {
        HookedToken hooked = new HookedToken();
        ReentrantHookAccount attacker = new ReentrantHookAccount();
        attacker.execute(address(hooked), abi.encodeCall(HookedToken.registerHooks, (true)));
        vm.prank(admin);
        splitter.setPayees(address(attacker), operations);
        hooked.mint(address(splitter), 1_000);
        splitter.distribute(address(hooked));

        MilestoneEscrow escrow = _escrowWithSplitter(address(usd));
        _completeJob(escrow, address(usd), 1_000);
        // While receiving its hooked tokens the payee tries to collect (and so split) on the side.
        attacker.arm(address(splitter), abi.encodeCall(IFeeSplitter.collect, (address(escrow), address(usd))), false);
        splitter.release(address(hooked), address(attacker));
        assertEq(attacker.reentryAttempts(), 1);
        assertFalse(attacker.lastReentrySucceeded());
        assertEq(hooked.balanceOf(address(attacker)), 700);
        assertEq(escrow.credits(address(usd), address(splitter)), 100, "collect did not run");
    }

    // ───────────────────────────── hostile tokens ─────────────────────────────

    function test_distribute_feeOnTransferSplitsWhatArrived() public {
        FeeOnTransferToken fot = new FeeOnTransferToken(100); // 1% burnt per transfer
        fot.mint(address(this), 10_000);
        fot.transfer(address(splitter), 10_000); // 9_900 arrive
        assertEq(splitter.distribute(address(fot)), 9_900);
        assertEq(splitter.owed(treasury, address(fot)), 6_930);
        assertEq(splitter.owed(operations, address(fot)), 2_970);
        // The splitter sends the credit in full; the token burns its cut on the way.
        assertEq(splitter.release(address(fot), treasury), 6_930);
        assertEq(fot.balanceOf(treasury), 6_930 - fot.feeOf(6_930));
        assertEq(fot.balanceOf(address(splitter)), 2_970);
        assertEq(splitter.totalOwed(address(fot)), 2_970);
        splitter.release(address(fot), operations);
        assertEq(fot.balanceOf(address(splitter)), 0);
        assertEq(splitter.totalOwed(address(fot)), 0);
    }

    function test_release_blockedPayeeBlocksOnlyItself() public {
        BlockingToken blk = new BlockingToken();
        blk.mint(address(splitter), 1_000);
        splitter.distribute(address(blk));
        blk.setBlocked(treasury, true);
        vm.expectRevert(abi.encodeWithSelector(BlockingToken.AccountBlocked.selector, treasury));
        splitter.release(address(blk), treasury);
        assertEq(splitter.owed(treasury, address(blk)), 700, "credit kept");
        splitter.release(address(blk), operations);
        assertEq(blk.balanceOf(operations), 300);
        blk.mint(address(splitter), 100);
        assertEq(splitter.distribute(address(blk)), 100, "splits keep working");
        blk.setBlocked(treasury, false);
        splitter.release(address(blk), treasury);
        assertEq(blk.balanceOf(treasury), 770);
        _assertConserved(address(blk));
    }

    function test_release_noReturnToken() public {
        NoReturnToken nr = new NoReturnToken();
        nr.mint(address(splitter), 10);
        splitter.distribute(address(nr));
        assertEq(splitter.release(address(nr), treasury), 7);
        assertEq(nr.balanceOf(treasury), 7);
    }

    function test_release_hookedPayeeReentryRefused() public {
        HookedToken hooked = new HookedToken();
        ReentrantHookAccount attacker = new ReentrantHookAccount();
        attacker.execute(address(hooked), abi.encodeCall(HookedToken.registerHooks, (true)));
        vm.prank(admin);
        splitter.setPayees(address(attacker), operations);
        hooked.mint(address(splitter), 1_000);
        splitter.distribute(address(hooked));
        attacker.arm(address(splitter), abi.encodeCall(IFeeSplitter.release, (address(hooked), address(attacker))), false);
        splitter.release(address(hooked), address(attacker));
        assertEq(attacker.reentryAttempts(), 1);
        assertFalse(attacker.lastReentrySucceeded());
        assertEq(
            attacker.lastReentryReturnData(),
            abi.encodeWithSelector(ReentrancyGuardTransient.ReentrancyGuardReentrantCall.selector)
        );
        assertEq(hooked.balanceOf(address(attacker)), 700, "paid once");
        _assertConservedHooked(hooked);
    }

    function _assertConservedHooked(HookedToken hooked) internal view {
        assertEq(hooked.balanceOf(address(splitter)), splitter.totalOwed(address(hooked)));
        assertEq(splitter.totalOwed(address(hooked)), 300);
    }

    // ───────────────────────────── receive ─────────────────────────────

    function test_receive_acceptsNativeWithoutSplitting() public {
        vm.deal(address(this), 1 ether);
        (bool ok,) = payable(address(splitter)).call{value: 1 ether}("");
        assertTrue(ok);
        assertEq(splitter.totalOwed(NATIVE), 0);
        assertEq(address(splitter).balance, 1 ether);
    }
}
