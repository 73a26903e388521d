// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {Test, Vm} from "forge-std/Test.sol";
import {IAccessControl} from "@openzeppelin/contracts/access/IAccessControl.sol";
import {IERC5267} from "@openzeppelin/contracts/interfaces/IERC5267.sol";
import {IERC165} from "@openzeppelin/contracts/utils/introspection/IERC165.sol";
import {Pausable} from "@openzeppelin/contracts/utils/Pausable.sol";
import {MilestoneEscrow} from "../../../contracts/escrow/MilestoneEscrow.sol";
import {IMilestoneEscrow} from "../../../contracts/interfaces/IMilestoneEscrow.sol";
import {DemoStablecoin} from "../../../contracts/test-doubles/DemoStablecoin.sol";
import {ERC1271Wallet} from "../../../contracts/test-doubles/ERC1271Wallet.sol";
import {FeeDiscountSourceMock} from "../../../contracts/test-doubles/FeeDiscountSourceMock.sol";

/// @notice Unit and fuzz tests of {MilestoneEscrow}, one group per function, named
/// `test_<function>_<condition>` / `testFuzz_<function>_<property>`. Every custom error of
/// {IMilestoneEscrow} is triggered at least once, time limits at their exact boundary.
contract MilestoneEscrowTest is Test {
    address internal constant NATIVE = address(0);
    uint16 internal constant FEE_BPS = 1_000; // 10%, the seed fee
    uint16 internal constant MAX_FEE_BPS = 2_000;
    uint32 internal constant REVIEW = 3 days;
    uint32 internal constant GRACE = 7 days;
    uint256 internal constant T0 = 1_700_000_000; // a realistic "now"
    bytes32 internal constant DELIVERABLE = keccak256("ipfs://deliverable");
    bytes32 internal constant REASON = keccak256("ipfs://statement");
    bytes32 internal constant SETTLEMENT_TYPEHASH =
        keccak256("Settlement(uint256 escrowId,uint256 index,uint16 freelancerBps,uint256 nonce,uint256 deadline)");
    // secp256k1 group order: s and n - s both verify, only the low one is canonical.
    uint256 internal constant SECP256K1_N = 0xFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141;

    MilestoneEscrow internal escrow;
    DemoStablecoin internal usd;
    FeeDiscountSourceMock internal source;

    address internal admin;
    address internal treasury;
    address internal client;
    uint256 internal clientKey;
    address internal freelancer;
    uint256 internal freelancerKey;
    address internal arbiter;
    address internal stranger;
    uint256 internal strangerKey;

    function setUp() public {
        vm.warp(T0);
        admin = makeAddr("admin");
        treasury = makeAddr("treasury");
        arbiter = makeAddr("arbiter");
        (client, clientKey) = makeAddrAndKey("client");
        (freelancer, freelancerKey) = makeAddrAndKey("freelancer");
        (stranger, strangerKey) = makeAddrAndKey("stranger");
        usd = new DemoStablecoin("Demo USD", "dUSD");
        escrow = new MilestoneEscrow(admin, treasury, FEE_BPS, _pair(NATIVE, address(usd)));
        source = new FeeDiscountSourceMock();
        bytes32 arbiterRole = escrow.ARBITER_ROLE();
        vm.prank(admin);
        escrow.grantRole(arbiterRole, arbiter);
    }

    // ───────────────────────────── helpers ─────────────────────────────

    function _pair(address a, address b) internal pure returns (address[] memory list) {
        list = new address[](2);
        list[0] = a;
        list[1] = b;
    }

    /// @dev One milestone per amount, due 10, 20, 30... days from now.
    function _terms(uint256[] memory amounts) internal view returns (IMilestoneEscrow.MilestoneTerms[] memory terms) {
        terms = new IMilestoneEscrow.MilestoneTerms[](amounts.length);
        for (uint256 i; i < amounts.length; ++i) {
            terms[i] = IMilestoneEscrow.MilestoneTerms({amount: amounts[i], dueDate: uint48(block.timestamp + (i + 1) * 10 days)});
        }
    }

    function _terms(uint256 a) internal view returns (IMilestoneEscrow.MilestoneTerms[] memory) {
        uint256[] memory amounts = new uint256[](1);
        amounts[0] = a;
        return _terms(amounts);
    }

    function _terms(uint256 a, uint256 b) internal view returns (IMilestoneEscrow.MilestoneTerms[] memory) {
        uint256[] memory amounts = new uint256[](2);
        amounts[0] = a;
        amounts[1] = b;
        return _terms(amounts);
    }

    function _terms(uint256 a, uint256 b, uint256 c) internal view returns (IMilestoneEscrow.MilestoneTerms[] memory) {
        uint256[] memory amounts = new uint256[](3);
        amounts[0] = a;
        amounts[1] = b;
        amounts[2] = c;
        return _terms(amounts);
    }

    function _create(address token, IMilestoneEscrow.MilestoneTerms[] memory terms) internal returns (uint256 id) {
        vm.prank(client);
        id = escrow.createEscrow(freelancer, token, terms, REVIEW, GRACE);
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

    function _createFunded(address token, IMilestoneEscrow.MilestoneTerms[] memory terms) internal returns (uint256 id) {
        id = _create(token, terms);
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

    function _dispute(uint256 id, uint256 index) internal {
        vm.prank(client);
        escrow.openDispute(id, index, REASON);
    }

    function _rule(uint256 id, uint256 index, uint16 bps) internal {
        vm.prank(arbiter);
        escrow.resolveDispute(id, index, bps);
    }

    function _ceilFee(uint256 amount, uint256 bps) internal pure returns (uint256) {
        return (amount * bps + 9_999) / 10_000;
    }

    function _sign(uint256 key, bytes32 digest) internal pure returns (bytes memory) {
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(key, digest);
        return abi.encodePacked(r, s, v);
    }

    /// @dev `key`'s settlement offer with its current nonce.
    function _offer(uint256 key, uint256 id, uint256 index, uint16 bps, uint256 deadline)
        internal
        view
        returns (bytes memory)
    {
        uint256 nonce = escrow.nonces(vm.addr(key));
        return _sign(key, escrow.settlementDigest(id, index, bps, nonce, deadline));
    }

    function _domainSeparator(uint256 chainId, address verifyingContract) internal pure returns (bytes32) {
        return keccak256(
            abi.encode(
                keccak256("EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)"),
                keccak256("Worx MilestoneEscrow"),
                keccak256("1"),
                chainId,
                verifyingContract
            )
        );
    }

    function _settlementDigestFor(
        uint256 chainId,
        address verifyingContract,
        uint256 id,
        uint256 index,
        uint16 bps,
        uint256 nonce,
        uint256 deadline
    ) internal pure returns (bytes32) {
        bytes32 structHash = keccak256(abi.encode(SETTLEMENT_TYPEHASH, id, index, bps, nonce, deadline));
        return keccak256(abi.encodePacked(hex"1901", _domainSeparator(chainId, verifyingContract), structHash));
    }

    function _escrowStatus(uint256 id) internal view returns (uint8) {
        return uint8(escrow.getEscrow(id).status);
    }

    function _milestoneStatus(uint256 id, uint256 index) internal view returns (uint8) {
        return uint8(escrow.getMilestone(id, index).status);
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

    function _notParty(uint256 id, address who) internal pure returns (bytes memory) {
        return abi.encodeWithSelector(IMilestoneEscrow.NotEscrowParty.selector, id, who);
    }

    function _unauthorized(address account, bytes32 role) internal pure returns (bytes memory) {
        return abi.encodeWithSelector(IAccessControl.AccessControlUnauthorizedAccount.selector, account, role);
    }

    function _badSignature(uint256 id, uint256 index, address signer) internal pure returns (bytes memory) {
        return abi.encodeWithSelector(IMilestoneEscrow.InvalidSettlementSignature.selector, id, index, signer);
    }

    function _useSource() internal {
        vm.prank(admin);
        escrow.setFeeDiscountSource(address(source));
    }

    function _pause() internal {
        vm.prank(admin);
        escrow.pause();
    }

    // ───────────────────────────── constructor ─────────────────────────────

    function test_constructor_grantsAdminRolesButNotArbiter() public {
        MilestoneEscrow fresh = new MilestoneEscrow(admin, treasury, FEE_BPS, new address[](0));
        assertTrue(fresh.hasRole(fresh.DEFAULT_ADMIN_ROLE(), admin));
        assertTrue(fresh.hasRole(fresh.FEE_MANAGER_ROLE(), admin));
        assertTrue(fresh.hasRole(fresh.PAUSER_ROLE(), admin));
        assertFalse(fresh.hasRole(fresh.ARBITER_ROLE(), admin));
        assertFalse(fresh.hasRole(fresh.DEFAULT_ADMIN_ROLE(), address(this)));
        assertEq(fresh.getRoleAdmin(fresh.ARBITER_ROLE()), fresh.DEFAULT_ADMIN_ROLE());
    }

    function test_constructor_setsConstants() public view {
        assertEq(escrow.ARBITER_ROLE(), keccak256("ARBITER_ROLE"));
        assertEq(escrow.FEE_MANAGER_ROLE(), keccak256("FEE_MANAGER_ROLE"));
        assertEq(escrow.PAUSER_ROLE(), keccak256("PAUSER_ROLE"));
        assertEq(escrow.MIN_PERIOD(), 1 hours);
        assertEq(escrow.MAX_REVIEW_PERIOD(), 30 days);
        assertEq(escrow.MAX_GRACE_PERIOD(), 90 days);
        assertEq(escrow.MAX_FEE_BPS(), MAX_FEE_BPS);
        assertEq(escrow.MAX_MILESTONES(), 50);
        assertEq(escrow.SETTLEMENT_TYPEHASH(), SETTLEMENT_TYPEHASH);
    }

    function test_constructor_setsFeeRecipientAndAllowlist() public view {
        assertEq(escrow.platformFeeBps(), FEE_BPS);
        assertEq(escrow.feeRecipient(), treasury);
        assertEq(escrow.feeDiscountSource(), address(0));
        assertEq(escrow.escrowCount(), 0);
        assertTrue(escrow.isTokenAllowed(NATIVE));
        assertTrue(escrow.isTokenAllowed(address(usd)));
        assertFalse(escrow.isTokenAllowed(address(this)));
        assertFalse(escrow.paused());
    }

    function test_constructor_emitsConfigurationEvents() public {
        vm.expectEmit();
        emit IMilestoneEscrow.FeeRecipientUpdated(address(0), treasury);
        vm.expectEmit();
        emit IMilestoneEscrow.PlatformFeeUpdated(0, 500);
        vm.expectEmit();
        emit IMilestoneEscrow.TokenAllowlistUpdated(NATIVE, true);
        vm.expectEmit();
        emit IMilestoneEscrow.TokenAllowlistUpdated(address(usd), true);
        new MilestoneEscrow(admin, treasury, 500, _pair(NATIVE, address(usd)));
    }

    function test_constructor_revertsWhenFeeAboveCap() public {
        vm.expectRevert(abi.encodeWithSelector(IMilestoneEscrow.FeeAboveCap.selector, MAX_FEE_BPS + 1, MAX_FEE_BPS));
        new MilestoneEscrow(admin, treasury, MAX_FEE_BPS + 1, new address[](0));
    }

    function test_constructor_revertsWhenFeeRecipientIsZero() public {
        vm.expectRevert(abi.encodeWithSelector(IMilestoneEscrow.InvalidFeeRecipient.selector, address(0)));
        new MilestoneEscrow(admin, address(0), FEE_BPS, new address[](0));
    }

    function test_eip712Domain_reportsNameVersionChainAndContract() public view {
        (bytes1 fields, string memory name, string memory version, uint256 chainId, address verifyingContract,,) =
            IERC5267(address(escrow)).eip712Domain();
        assertEq(fields, hex"0f");
        assertEq(name, "Worx MilestoneEscrow");
        assertEq(version, "1");
        assertEq(chainId, block.chainid);
        assertEq(verifyingContract, address(escrow));
    }

    function test_supportsInterface_reportsEscrowAccessControlAndErc165() public view {
        assertTrue(escrow.supportsInterface(type(IMilestoneEscrow).interfaceId));
        assertTrue(escrow.supportsInterface(type(IAccessControl).interfaceId));
        assertTrue(escrow.supportsInterface(type(IERC165).interfaceId));
        assertFalse(escrow.supportsInterface(0xffffffff));
    }

    // ───────────────────────────── createEscrow ─────────────────────────────

    function test_createEscrow_storesEscrowAndMilestones() public {
        IMilestoneEscrow.MilestoneTerms[] memory terms = _terms(100e6, 250e6, 1);
        uint256 id = _create(address(usd), terms);

        assertEq(id, 1);
        assertEq(escrow.escrowCount(), 1);
        IMilestoneEscrow.Escrow memory e = escrow.getEscrow(id);
        assertEq(e.client, client);
        assertEq(e.freelancer, freelancer);
        assertEq(e.token, address(usd));
        assertEq(e.feeBps, FEE_BPS);
        assertEq(uint8(e.status), uint8(IMilestoneEscrow.EscrowStatus.Created));
        assertEq(e.milestoneCount, 3);
        assertEq(e.settledCount, 0);
        assertEq(e.reviewPeriod, REVIEW);
        assertEq(e.gracePeriod, GRACE);
        assertFalse(e.reclaimed);
        assertFalse(e.rated);
        assertEq(e.total, 350e6 + 1);
        assertEq(e.released, 0);
        assertEq(e.refunded, 0);

        IMilestoneEscrow.Milestone[] memory ms = escrow.getMilestones(id);
        assertEq(ms.length, 3);
        for (uint256 i; i < 3; ++i) {
            assertEq(ms[i].amount, terms[i].amount);
            assertEq(ms[i].dueDate, terms[i].dueDate);
            assertEq(ms[i].submittedAt, 0);
            assertEq(uint8(ms[i].status), uint8(IMilestoneEscrow.MilestoneStatus.Pending));
        }
        assertEq(escrow.heldBalance(address(usd)), 0, "creation holds nothing");
    }

    function test_createEscrow_emitsEscrowCreated() public {
        IMilestoneEscrow.MilestoneTerms[] memory terms = _terms(5 ether, 7 ether);
        vm.expectEmit(address(escrow));
        emit IMilestoneEscrow.EscrowCreated(1, client, freelancer, NATIVE, terms, 12 ether, FEE_BPS, REVIEW, GRACE);
        _create(NATIVE, terms);
    }

    function test_createEscrow_assignsSequentialIds() public {
        assertEq(_create(NATIVE, _terms(1)), 1);
        assertEq(_create(address(usd), _terms(1)), 2);
        assertEq(_create(NATIVE, _terms(1)), 3);
        assertEq(escrow.escrowCount(), 3);
    }

    function test_createEscrow_acceptsMaxMilestonesAndMaxAmount() public {
        uint256[] memory amounts = new uint256[](50);
        for (uint256 i; i < 50; ++i) {
            amounts[i] = type(uint128).max;
        }
        uint256 id = _create(address(usd), _terms(amounts));
        assertEq(escrow.getEscrow(id).total, uint256(type(uint128).max) * 50);
        assertEq(escrow.getMilestones(id).length, 50);
    }

    function test_createEscrow_acceptsPeriodBounds() public {
        vm.startPrank(client);
        escrow.createEscrow(freelancer, NATIVE, _terms(1), 1 hours, 1 hours);
        uint256 id = escrow.createEscrow(freelancer, NATIVE, _terms(1), 30 days, 90 days);
        vm.stopPrank();
        assertEq(escrow.getEscrow(id).reviewPeriod, 30 days);
        assertEq(escrow.getEscrow(id).gracePeriod, 90 days);
    }

    function test_createEscrow_acceptsDueDateOneSecondAhead() public {
        IMilestoneEscrow.MilestoneTerms[] memory terms = _terms(1);
        terms[0].dueDate = uint48(block.timestamp + 1);
        uint256 id = _create(NATIVE, terms);
        assertEq(escrow.getMilestone(id, 0).dueDate, block.timestamp + 1);
    }

    function test_createEscrow_revertsWhenNoMilestones() public {
        vm.expectRevert(abi.encodeWithSelector(IMilestoneEscrow.InvalidMilestoneCount.selector, 0, 50));
        _create(NATIVE, new IMilestoneEscrow.MilestoneTerms[](0));
    }

    function test_createEscrow_revertsWhenTooManyMilestones() public {
        IMilestoneEscrow.MilestoneTerms[] memory terms = _terms(new uint256[](51));
        vm.expectRevert(abi.encodeWithSelector(IMilestoneEscrow.InvalidMilestoneCount.selector, 51, 50));
        _create(NATIVE, terms);
    }

    function test_createEscrow_revertsWhenFreelancerIsZeroSelfOrEscrow() public {
        address[3] memory bad = [address(0), client, address(escrow)];
        for (uint256 i; i < bad.length; ++i) {
            vm.expectRevert(abi.encodeWithSelector(IMilestoneEscrow.InvalidFreelancer.selector, bad[i]));
            vm.prank(client);
            escrow.createEscrow(bad[i], NATIVE, _terms(1), REVIEW, GRACE);
        }
    }

    function test_createEscrow_revertsWhenTokenNotAllowed() public {
        vm.expectRevert(abi.encodeWithSelector(IMilestoneEscrow.TokenNotAllowed.selector, address(this)));
        _create(address(this), _terms(1));

        vm.prank(admin);
        escrow.setTokenAllowed(NATIVE, false);
        vm.expectRevert(abi.encodeWithSelector(IMilestoneEscrow.TokenNotAllowed.selector, NATIVE));
        _create(NATIVE, _terms(1));
    }

    function test_createEscrow_revertsWhenReviewPeriodOutOfRange() public {
        uint32[2] memory bad = [uint32(1 hours - 1), uint32(30 days + 1)];
        for (uint256 i; i < bad.length; ++i) {
            vm.expectRevert(
                abi.encodeWithSelector(IMilestoneEscrow.InvalidReviewPeriod.selector, bad[i], 1 hours, 30 days)
            );
            vm.prank(client);
            escrow.createEscrow(freelancer, NATIVE, _terms(1), bad[i], GRACE);
        }
    }

    function test_createEscrow_revertsWhenGracePeriodOutOfRange() public {
        uint32[2] memory bad = [uint32(1 hours - 1), uint32(90 days + 1)];
        for (uint256 i; i < bad.length; ++i) {
            vm.expectRevert(
                abi.encodeWithSelector(IMilestoneEscrow.InvalidGracePeriod.selector, bad[i], 1 hours, 90 days)
            );
            vm.prank(client);
            escrow.createEscrow(freelancer, NATIVE, _terms(1), REVIEW, bad[i]);
        }
    }

    function test_createEscrow_revertsWhenAmountIsZero() public {
        vm.expectRevert(abi.encodeWithSelector(IMilestoneEscrow.InvalidMilestoneAmount.selector, 1, 0));
        _create(NATIVE, _terms(5, 0));
    }

    function test_createEscrow_revertsWhenAmountExceeds128Bits() public {
        uint256 tooMuch = uint256(type(uint128).max) + 1;
        vm.expectRevert(abi.encodeWithSelector(IMilestoneEscrow.InvalidMilestoneAmount.selector, 2, tooMuch));
        _create(NATIVE, _terms(1, 2, tooMuch));
    }

    function test_createEscrow_revertsWhenDueDateNotInTheFuture() public {
        IMilestoneEscrow.MilestoneTerms[] memory terms = _terms(1, 2);
        terms[1].dueDate = uint48(block.timestamp);
        vm.expectRevert(abi.encodeWithSelector(IMilestoneEscrow.InvalidDueDate.selector, 1, block.timestamp));
        _create(NATIVE, terms);

        terms[1].dueDate = uint48(block.timestamp - 1);
        vm.expectRevert(abi.encodeWithSelector(IMilestoneEscrow.InvalidDueDate.selector, 1, block.timestamp - 1));
        _create(NATIVE, terms);
    }

    function test_createEscrow_revertsWhilePaused() public {
        _pause();
        vm.expectRevert(Pausable.EnforcedPause.selector);
        _create(NATIVE, _terms(1));
    }

    function test_createEscrow_fixesTheCurrentFee() public {
        uint256 first = _create(NATIVE, _terms(1_000));
        vm.prank(admin);
        escrow.setPlatformFee(2_000);
        uint256 second = _create(NATIVE, _terms(1_000));
        assertEq(escrow.getEscrow(first).feeBps, FEE_BPS);
        assertEq(escrow.getEscrow(second).feeBps, 2_000);
    }

    // ── fee discount ──

    function test_createEscrow_appliesDiscountAndEmitsFeeDiscountApplied() public {
        _useSource();
        source.setDiscount(freelancer, 2_500); // 25% off 10% -> 7.5%
        vm.expectEmit(address(escrow));
        emit IMilestoneEscrow.FeeDiscountApplied(1, freelancer, FEE_BPS, 2_500);
        uint256 id = _create(NATIVE, _terms(1));
        assertEq(escrow.getEscrow(id).feeBps, 750);
    }

    function test_createEscrow_roundsTheDiscountedFeeUp() public {
        _useSource();
        source.setDiscount(freelancer, 3_333); // 1000 * 6667 / 10000 = 666.7 -> 667
        uint256 id = _create(NATIVE, _terms(1));
        assertEq(escrow.getEscrow(id).feeBps, 667);
    }

    function test_createEscrow_emitsNoDiscountEventWhenDiscountIsZero() public {
        _useSource();
        vm.recordLogs();
        uint256 id = _create(NATIVE, _terms(1));
        Vm.Log[] memory logs = vm.getRecordedLogs();
        assertEq(logs.length, 1, "EscrowCreated only");
        assertEq(logs[0].topics[0], IMilestoneEscrow.EscrowCreated.selector);
        assertEq(escrow.getEscrow(id).feeBps, FEE_BPS);
    }

    function test_createEscrow_capsDiscountAtFullFee() public {
        _useSource();
        source.setDiscount(freelancer, type(uint16).max);
        vm.expectEmit(address(escrow));
        emit IMilestoneEscrow.FeeDiscountApplied(1, freelancer, FEE_BPS, 10_000);
        uint256 id = _create(NATIVE, _terms(1));
        assertEq(escrow.getEscrow(id).feeBps, 0);
    }

    function test_createEscrow_readsTheDiscountOfThisFreelancerOnly() public {
        _useSource();
        source.setDiscount(stranger, 5_000);
        uint256 id = _create(NATIVE, _terms(1));
        assertEq(escrow.getEscrow(id).feeBps, FEE_BPS);
    }

    function test_createEscrow_ignoresAFailingSource() public {
        _useSource();
        source.setDiscount(freelancer, 5_000);
        FeeDiscountSourceMock.Mode[4] memory broken = [
            FeeDiscountSourceMock.Mode.Reverts,
            FeeDiscountSourceMock.Mode.ShortReturn,
            FeeDiscountSourceMock.Mode.OversizedWord,
            FeeDiscountSourceMock.Mode.BurnsGas
        ];
        for (uint256 i; i < broken.length; ++i) {
            source.setMode(broken[i]);
            uint256 id = _create(NATIVE, _terms(1));
            assertEq(escrow.getEscrow(id).feeBps, FEE_BPS, "no discount");
        }
    }

    function test_createEscrow_boundsTheGasOfABurningSource() public {
        _useSource();
        source.setMode(FeeDiscountSourceMock.Mode.BurnsGas);
        IMilestoneEscrow.MilestoneTerms[] memory terms = _terms(1);
        vm.prank(client);
        uint256 before = gasleft();
        escrow.createEscrow(freelancer, NATIVE, terms, REVIEW, GRACE);
        uint256 used = before - gasleft();
        assertLt(used, escrow.DISCOUNT_READ_GAS() + 200_000, "the source burns at most its budget");
    }

    function test_createEscrow_readsOnlyTheFirstWordOfALongAnswer() public {
        _useSource();
        source.setDiscount(freelancer, 1_000);
        source.setMode(FeeDiscountSourceMock.Mode.ReturnBomb);
        uint256 id = _create(NATIVE, _terms(1));
        assertEq(escrow.getEscrow(id).feeBps, 900);
    }

    function test_createEscrow_ignoresASourceWithoutCode() public {
        vm.prank(admin);
        escrow.setFeeDiscountSource(stranger);
        uint256 id = _create(NATIVE, _terms(1));
        assertEq(escrow.getEscrow(id).feeBps, FEE_BPS);
    }

    function test_createEscrow_fixesTheDiscountAtCreation() public {
        _useSource();
        source.setDiscount(freelancer, 5_000);
        uint256 id = _createFunded(NATIVE, _terms(1_000));
        source.setMode(FeeDiscountSourceMock.Mode.Reverts);
        _release(id, 0);
        assertEq(escrow.credits(NATIVE, treasury), 50, "5%, the fee fixed at creation");
        assertEq(escrow.credits(NATIVE, freelancer), 950);
    }

    // ───────────────────────────── fundEscrow ─────────────────────────────

    function test_fundEscrow_pullsTokensAndMarksFunded() public {
        uint256 id = _create(address(usd), _terms(100e6, 200e6));
        usd.mint(client, 300e6);
        vm.prank(client);
        usd.approve(address(escrow), 300e6);

        vm.expectEmit(address(escrow));
        emit IMilestoneEscrow.EscrowFunded(id, client, 300e6);
        vm.prank(client);
        escrow.fundEscrow(id);

        assertEq(_escrowStatus(id), uint8(IMilestoneEscrow.EscrowStatus.Funded));
        assertEq(usd.balanceOf(address(escrow)), 300e6);
        assertEq(usd.balanceOf(client), 0);
        assertEq(escrow.heldBalance(address(usd)), 300e6);
    }

    function test_fundEscrow_acceptsExactNativeAmount() public {
        uint256 id = _create(NATIVE, _terms(1 ether, 2 ether));
        vm.deal(client, 3 ether);
        vm.prank(client);
        escrow.fundEscrow{value: 3 ether}(id);
        assertEq(address(escrow).balance, 3 ether);
        assertEq(escrow.heldBalance(NATIVE), 3 ether);
    }

    function test_fundEscrow_worksAfterTheTokenIsDisallowed() public {
        uint256 id = _create(address(usd), _terms(100));
        vm.prank(admin);
        escrow.setTokenAllowed(address(usd), false);
        _fund(id);
        assertEq(_escrowStatus(id), uint8(IMilestoneEscrow.EscrowStatus.Funded));
    }

    function test_fundEscrow_revertsWhenNotClient() public {
        uint256 id = _create(NATIVE, _terms(1));
        vm.deal(freelancer, 1);
        vm.expectRevert(_notParty(id, freelancer));
        vm.prank(freelancer);
        escrow.fundEscrow{value: 1}(id);
    }

    function test_fundEscrow_revertsWhenAlreadyFundedOrCancelled() public {
        uint256 id = _createFunded(NATIVE, _terms(1));
        vm.deal(client, 1);
        vm.expectRevert(_statusErr(id, IMilestoneEscrow.EscrowStatus.Funded));
        vm.prank(client);
        escrow.fundEscrow{value: 1}(id);

        uint256 cancelled = _create(NATIVE, _terms(1));
        vm.prank(client);
        escrow.cancelEscrow(cancelled);
        vm.expectRevert(_statusErr(cancelled, IMilestoneEscrow.EscrowStatus.Cancelled));
        vm.prank(client);
        escrow.fundEscrow{value: 1}(cancelled);
    }

    function test_fundEscrow_revertsWhenNativeAmountIsWrong() public {
        uint256 id = _create(NATIVE, _terms(100));
        vm.deal(client, 1_000);
        vm.expectRevert(abi.encodeWithSelector(IMilestoneEscrow.IncorrectNativeAmount.selector, 100, 99));
        vm.prank(client);
        escrow.fundEscrow{value: 99}(id);
        vm.expectRevert(abi.encodeWithSelector(IMilestoneEscrow.IncorrectNativeAmount.selector, 100, 101));
        vm.prank(client);
        escrow.fundEscrow{value: 101}(id);
    }

    function test_fundEscrow_revertsWhenTokenEscrowGetsNativeCoin() public {
        uint256 id = _create(address(usd), _terms(100));
        usd.mint(client, 100);
        vm.deal(client, 1);
        vm.startPrank(client);
        usd.approve(address(escrow), 100);
        vm.expectRevert(abi.encodeWithSelector(IMilestoneEscrow.IncorrectNativeAmount.selector, 0, 1));
        escrow.fundEscrow{value: 1}(id);
        vm.stopPrank();
    }

    function test_fundEscrow_revertsWhenEscrowDoesNotExist() public {
        vm.expectRevert(abi.encodeWithSelector(IMilestoneEscrow.EscrowNotFound.selector, 7));
        vm.prank(client);
        escrow.fundEscrow(7);
    }

    function test_fundEscrow_revertsWhilePaused() public {
        uint256 id = _create(NATIVE, _terms(1));
        _pause();
        vm.deal(client, 1);
        vm.expectRevert(Pausable.EnforcedPause.selector);
        vm.prank(client);
        escrow.fundEscrow{value: 1}(id);
    }

    function test_escrow_rejectsPlainNativeTransfers() public {
        vm.deal(client, 1 ether);
        vm.prank(client);
        (bool ok,) = address(escrow).call{value: 1 ether}("");
        assertFalse(ok, "no receive: coin only enters through fundEscrow");
    }

    // ───────────────────────────── submitMilestone ─────────────────────────────

    function test_submitMilestone_recordsSubmissionOnTime() public {
        uint256 id = _createFunded(NATIVE, _terms(1, 2));
        skip(1 days);
        vm.expectEmit(address(escrow));
        emit IMilestoneEscrow.MilestoneSubmitted(id, 1, DELIVERABLE, true);
        _submit(id, 1);

        IMilestoneEscrow.Milestone memory m = escrow.getMilestone(id, 1);
        assertEq(uint8(m.status), uint8(IMilestoneEscrow.MilestoneStatus.Submitted));
        assertEq(m.submittedAt, block.timestamp);
        assertEq(_milestoneStatus(id, 0), uint8(IMilestoneEscrow.MilestoneStatus.Pending));
        IMilestoneEscrow.FreelancerStats memory s = escrow.freelancerStats(freelancer);
        assertEq(s.milestonesDelivered, 1);
        assertEq(s.milestonesOnTime, 1);
    }

    function test_submitMilestone_countsTheDueDateItselfAsOnTime() public {
        uint256 id = _createFunded(NATIVE, _terms(1));
        vm.warp(escrow.getMilestone(id, 0).dueDate);
        vm.expectEmit(address(escrow));
        emit IMilestoneEscrow.MilestoneSubmitted(id, 0, DELIVERABLE, true);
        _submit(id, 0);
    }

    function test_submitMilestone_acceptsLateSubmissionAsNotOnTime() public {
        uint256 id = _createFunded(NATIVE, _terms(1));
        vm.warp(uint256(escrow.getMilestone(id, 0).dueDate) + 1);
        vm.expectEmit(address(escrow));
        emit IMilestoneEscrow.MilestoneSubmitted(id, 0, bytes32(0), false);
        vm.prank(freelancer);
        escrow.submitMilestone(id, 0, bytes32(0));
        IMilestoneEscrow.FreelancerStats memory s = escrow.freelancerStats(freelancer);
        assertEq(s.milestonesDelivered, 1);
        assertEq(s.milestonesOnTime, 0);
    }

    function test_submitMilestone_revertsWhenNotFreelancer() public {
        uint256 id = _createFunded(NATIVE, _terms(1));
        vm.expectRevert(_notParty(id, client));
        vm.prank(client);
        escrow.submitMilestone(id, 0, DELIVERABLE);
    }

    function test_submitMilestone_revertsBeforeFunding() public {
        uint256 id = _create(NATIVE, _terms(1));
        vm.expectRevert(_statusErr(id, IMilestoneEscrow.EscrowStatus.Created));
        _submit(id, 0);
    }

    function test_submitMilestone_revertsWhenIndexOutOfRange() public {
        uint256 id = _createFunded(NATIVE, _terms(1, 2));
        vm.expectRevert(abi.encodeWithSelector(IMilestoneEscrow.MilestoneIndexOutOfRange.selector, id, 2));
        _submit(id, 2);
    }

    function test_submitMilestone_revertsWhenAlreadySubmitted() public {
        uint256 id = _createFunded(NATIVE, _terms(1));
        _submit(id, 0);
        vm.expectRevert(_milestoneErr(id, 0, IMilestoneEscrow.MilestoneStatus.Submitted));
        _submit(id, 0);
    }

    function test_submitMilestone_revertsWhenEscrowDoesNotExist() public {
        vm.expectRevert(abi.encodeWithSelector(IMilestoneEscrow.EscrowNotFound.selector, 1));
        _submit(1, 0);
    }

    // ───────────────────────────── approveMilestone ─────────────────────────────

    function test_approveMilestone_creditsPayoutAndFee() public {
        uint256 id = _createFunded(address(usd), _terms(100e6, 200e6));
        _submit(id, 0);
        vm.expectEmit(address(escrow));
        emit IMilestoneEscrow.MilestoneReleased(id, 0, freelancer, 100e6, 10e6, 90e6, false);
        vm.prank(client);
        escrow.approveMilestone(id, 0);

        assertEq(_milestoneStatus(id, 0), uint8(IMilestoneEscrow.MilestoneStatus.Released));
        assertEq(escrow.credits(address(usd), freelancer), 90e6);
        assertEq(escrow.credits(address(usd), treasury), 10e6);
        assertEq(escrow.earned(freelancer, address(usd)), 90e6);
        IMilestoneEscrow.Escrow memory e = escrow.getEscrow(id);
        assertEq(e.released, 100e6);
        assertEq(e.settledCount, 1);
        assertEq(uint8(e.status), uint8(IMilestoneEscrow.EscrowStatus.Funded));
        assertEq(escrow.heldBalance(address(usd)), 300e6, "settling moves funds to credits, not out");
    }

    function test_approveMilestone_completesTheEscrowWithTheLastMilestone() public {
        uint256 id = _createFunded(NATIVE, _terms(1, 2));
        _release(id, 1);
        _submit(id, 0);
        vm.expectEmit(address(escrow));
        emit IMilestoneEscrow.MilestoneReleased(id, 0, freelancer, 1, 1, 0, false);
        vm.expectEmit(address(escrow));
        emit IMilestoneEscrow.EscrowCompleted(id);
        vm.prank(client);
        escrow.approveMilestone(id, 0);

        assertEq(_escrowStatus(id), uint8(IMilestoneEscrow.EscrowStatus.Completed));
        assertEq(escrow.freelancerStats(freelancer).completedJobs, 1);
        assertEq(escrow.earned(freelancer, NATIVE), 1, "the 1-unit milestone paid only its fee");
    }

    function test_approveMilestone_revertsWhenNotClient() public {
        uint256 id = _createFunded(NATIVE, _terms(1));
        _submit(id, 0);
        vm.expectRevert(_notParty(id, freelancer));
        vm.prank(freelancer);
        escrow.approveMilestone(id, 0);
    }

    function test_approveMilestone_revertsWhenNotSubmitted() public {
        uint256 id = _createFunded(NATIVE, _terms(1, 2));
        vm.expectRevert(_milestoneErr(id, 0, IMilestoneEscrow.MilestoneStatus.Pending));
        vm.prank(client);
        escrow.approveMilestone(id, 0);

        _release(id, 0);
        vm.expectRevert(_milestoneErr(id, 0, IMilestoneEscrow.MilestoneStatus.Released));
        vm.prank(client);
        escrow.approveMilestone(id, 0);
    }

    function test_approveMilestone_revertsAfterCompletion() public {
        uint256 id = _createFunded(NATIVE, _terms(1));
        _release(id, 0);
        vm.expectRevert(_statusErr(id, IMilestoneEscrow.EscrowStatus.Completed));
        vm.prank(client);
        escrow.approveMilestone(id, 0);
    }

    // ───────────────────────────── claimMilestone ─────────────────────────────

    function test_claimMilestone_releasesExactlyWhenTheReviewPeriodEnds() public {
        uint256 id = _createFunded(address(usd), _terms(100e6));
        _submit(id, 0);
        uint256 claimableAt = block.timestamp + REVIEW;

        vm.warp(claimableAt - 1);
        vm.expectRevert(abi.encodeWithSelector(IMilestoneEscrow.ReviewPeriodNotOver.selector, id, 0, claimableAt));
        vm.prank(freelancer);
        escrow.claimMilestone(id, 0);

        vm.warp(claimableAt);
        vm.expectEmit(address(escrow));
        emit IMilestoneEscrow.MilestoneReleased(id, 0, freelancer, 100e6, 10e6, 90e6, true);
        vm.expectEmit(address(escrow));
        emit IMilestoneEscrow.EscrowCompleted(id);
        vm.prank(freelancer);
        escrow.claimMilestone(id, 0);
        assertEq(escrow.credits(address(usd), freelancer), 90e6);
        assertEq(escrow.earned(freelancer, address(usd)), 90e6);
    }

    function test_claimMilestone_revertsWhenNotFreelancer() public {
        uint256 id = _createFunded(NATIVE, _terms(1));
        _submit(id, 0);
        skip(REVIEW);
        vm.expectRevert(_notParty(id, client));
        vm.prank(client);
        escrow.claimMilestone(id, 0);
    }

    function test_claimMilestone_revertsWhenNotSubmitted() public {
        uint256 id = _createFunded(NATIVE, _terms(1));
        vm.expectRevert(_milestoneErr(id, 0, IMilestoneEscrow.MilestoneStatus.Pending));
        vm.prank(freelancer);
        escrow.claimMilestone(id, 0);
    }

    function test_claimMilestone_revertsWhenDisputed() public {
        uint256 id = _createFunded(NATIVE, _terms(1));
        _submit(id, 0);
        _dispute(id, 0);
        skip(REVIEW);
        vm.expectRevert(_milestoneErr(id, 0, IMilestoneEscrow.MilestoneStatus.Disputed));
        vm.prank(freelancer);
        escrow.claimMilestone(id, 0);
    }

    // ───────────────────────────── reclaimMilestone ─────────────────────────────

    function test_reclaimMilestone_refundsExactlyWhenTheGracePeriodEnds() public {
        uint256 id = _createFunded(address(usd), _terms(100e6, 200e6));
        uint256 reclaimableAt = uint256(escrow.getMilestone(id, 1).dueDate) + GRACE;

        vm.warp(reclaimableAt - 1);
        vm.expectRevert(abi.encodeWithSelector(IMilestoneEscrow.GracePeriodNotOver.selector, id, 1, reclaimableAt));
        vm.prank(client);
        escrow.reclaimMilestone(id, 1);

        vm.warp(reclaimableAt);
        vm.expectEmit(address(escrow));
        emit IMilestoneEscrow.MilestoneRefunded(id, 1, client, 200e6);
        vm.prank(client);
        escrow.reclaimMilestone(id, 1);

        IMilestoneEscrow.Escrow memory e = escrow.getEscrow(id);
        assertEq(uint8(escrow.getMilestone(id, 1).status), uint8(IMilestoneEscrow.MilestoneStatus.Refunded));
        assertEq(e.refunded, 200e6);
        assertTrue(e.reclaimed);
        assertEq(e.settledCount, 1);
        assertEq(escrow.credits(address(usd), client), 200e6, "the whole amount");
        assertEq(escrow.credits(address(usd), treasury), 0, "no fee on a refund");
        assertEq(escrow.freelancerStats(freelancer).milestonesReclaimed, 1);
    }

    function test_reclaimMilestone_closesTheEscrowWithTheLastMilestone() public {
        uint256 id = _createFunded(NATIVE, _terms(100, 200));
        _release(id, 0);
        vm.warp(uint256(escrow.getMilestone(id, 1).dueDate) + GRACE);
        vm.expectEmit(address(escrow));
        emit IMilestoneEscrow.EscrowClosed(id);
        vm.prank(client);
        escrow.reclaimMilestone(id, 1);
        assertEq(_escrowStatus(id), uint8(IMilestoneEscrow.EscrowStatus.Closed));
        assertEq(escrow.freelancerStats(freelancer).completedJobs, 0, "a closed job is not completed");
    }

    function test_reclaimMilestone_revertsWhenNotClient() public {
        uint256 id = _createFunded(NATIVE, _terms(1));
        vm.warp(uint256(escrow.getMilestone(id, 0).dueDate) + GRACE);
        vm.expectRevert(_notParty(id, freelancer));
        vm.prank(freelancer);
        escrow.reclaimMilestone(id, 0);
    }

    function test_reclaimMilestone_revertsOnceTheFreelancerDeliveredLate() public {
        uint256 id = _createFunded(NATIVE, _terms(1));
        vm.warp(uint256(escrow.getMilestone(id, 0).dueDate) + GRACE);
        _submit(id, 0);
        vm.expectRevert(_milestoneErr(id, 0, IMilestoneEscrow.MilestoneStatus.Submitted));
        vm.prank(client);
        escrow.reclaimMilestone(id, 0);
    }

    function test_reclaimMilestone_revertsWhenDisputed() public {
        uint256 id = _createFunded(NATIVE, _terms(1));
        _dispute(id, 0);
        vm.warp(uint256(escrow.getMilestone(id, 0).dueDate) + GRACE);
        vm.expectRevert(_milestoneErr(id, 0, IMilestoneEscrow.MilestoneStatus.Disputed));
        vm.prank(client);
        escrow.reclaimMilestone(id, 0);
    }

    // ───────────────────────────── openDispute ─────────────────────────────

    function test_openDispute_byClientOnAPendingMilestone() public {
        uint256 id = _createFunded(NATIVE, _terms(1));
        vm.expectEmit(address(escrow));
        emit IMilestoneEscrow.DisputeOpened(id, 0, client, REASON);
        _dispute(id, 0);
        assertEq(_milestoneStatus(id, 0), uint8(IMilestoneEscrow.MilestoneStatus.Disputed));
        assertEq(escrow.freelancerStats(freelancer).disputesOpened, 1);
    }

    function test_openDispute_byFreelancerOnASubmittedMilestone() public {
        uint256 id = _createFunded(NATIVE, _terms(1));
        _submit(id, 0);
        vm.expectEmit(address(escrow));
        emit IMilestoneEscrow.DisputeOpened(id, 0, freelancer, bytes32(0));
        vm.prank(freelancer);
        escrow.openDispute(id, 0, bytes32(0));
        assertEq(_milestoneStatus(id, 0), uint8(IMilestoneEscrow.MilestoneStatus.Disputed));
        assertEq(escrow.getMilestone(id, 0).submittedAt, block.timestamp, "the submission stays on record");
    }

    function test_openDispute_blocksApproval() public {
        uint256 id = _createFunded(NATIVE, _terms(1));
        _submit(id, 0);
        _dispute(id, 0);
        vm.expectRevert(_milestoneErr(id, 0, IMilestoneEscrow.MilestoneStatus.Disputed));
        vm.prank(client);
        escrow.approveMilestone(id, 0);
    }

    function test_openDispute_revertsWhenNotParty() public {
        uint256 id = _createFunded(NATIVE, _terms(1));
        vm.expectRevert(_notParty(id, arbiter));
        vm.prank(arbiter);
        escrow.openDispute(id, 0, REASON);
    }

    function test_openDispute_revertsWhenAlreadyDisputedOrFinal() public {
        uint256 id = _createFunded(NATIVE, _terms(1, 2));
        _dispute(id, 0);
        vm.expectRevert(_milestoneErr(id, 0, IMilestoneEscrow.MilestoneStatus.Disputed));
        _dispute(id, 0);
        _release(id, 1);
        vm.expectRevert(_milestoneErr(id, 1, IMilestoneEscrow.MilestoneStatus.Released));
        _dispute(id, 1);
    }

    function test_openDispute_revertsBeforeFunding() public {
        uint256 id = _create(NATIVE, _terms(1));
        vm.expectRevert(_statusErr(id, IMilestoneEscrow.EscrowStatus.Created));
        _dispute(id, 0);
    }

    // ───────────────────────────── resolveDispute ─────────────────────────────

    function test_resolveDispute_splitsTheAmountAndRoundsAgainstThePayee() public {
        uint256 id = _createFunded(address(usd), _terms(1_001, 5));
        _dispute(id, 0);
        // gross = floor(1001 * 0.3333) = 333; fee = ceil(33.3) = 34; payout 299; refund 668.
        vm.expectEmit(address(escrow));
        emit IMilestoneEscrow.DisputeRuled(id, 0, arbiter, 3_333, 34, 299, 668);
        _rule(id, 0, 3_333);

        assertEq(_milestoneStatus(id, 0), uint8(IMilestoneEscrow.MilestoneStatus.Resolved));
        assertEq(escrow.credits(address(usd), freelancer), 299);
        assertEq(escrow.credits(address(usd), treasury), 34);
        assertEq(escrow.credits(address(usd), client), 668);
        assertEq(escrow.earned(freelancer, address(usd)), 299);
        IMilestoneEscrow.Escrow memory e = escrow.getEscrow(id);
        assertEq(e.released, 333);
        assertEq(e.refunded, 668);
        assertEq(e.settledCount, 1);
        assertEq(escrow.freelancerStats(freelancer).disputesLost, 1, "below half is a lost dispute");
    }

    function test_resolveDispute_halfIsNotALostDispute() public {
        uint256 id = _createFunded(NATIVE, _terms(100, 5));
        _dispute(id, 0);
        _rule(id, 0, 5_000);
        assertEq(escrow.freelancerStats(freelancer).disputesLost, 0);
        assertEq(escrow.credits(NATIVE, freelancer), 45);
        assertEq(escrow.credits(NATIVE, client), 50);
    }

    function test_resolveDispute_allToTheClientPaysNoFeeAndEarnsNothing() public {
        uint256 id = _createFunded(NATIVE, _terms(100));
        _submit(id, 0);
        _dispute(id, 0);
        vm.expectEmit(address(escrow));
        emit IMilestoneEscrow.DisputeRuled(id, 0, arbiter, 0, 0, 0, 100);
        vm.expectEmit(address(escrow));
        emit IMilestoneEscrow.EscrowCompleted(id);
        _rule(id, 0, 0);
        assertEq(escrow.credits(NATIVE, client), 100);
        assertEq(escrow.credits(NATIVE, treasury), 0);
        assertEq(escrow.earned(freelancer, NATIVE), 0);
        assertEq(escrow.freelancerStats(freelancer).completedJobs, 1, "no reclaim: the job completes");
    }

    function test_resolveDispute_allToTheFreelancerEqualsARelease() public {
        uint256 id = _createFunded(NATIVE, _terms(100));
        _dispute(id, 0);
        vm.expectEmit(address(escrow));
        emit IMilestoneEscrow.DisputeRuled(id, 0, arbiter, 10_000, 10, 90, 0);
        _rule(id, 0, 10_000);
        assertEq(escrow.getEscrow(id).refunded, 0);
    }

    function test_resolveDispute_revertsWithoutArbiterRole() public {
        uint256 id = _createFunded(NATIVE, _terms(100));
        _dispute(id, 0);
        bytes32 role = escrow.ARBITER_ROLE();
        vm.expectRevert(_unauthorized(admin, role));
        vm.prank(admin);
        escrow.resolveDispute(id, 0, 5_000);
    }

    function test_resolveDispute_revertsWhenArbiterIsAParty() public {
        bytes32 role = escrow.ARBITER_ROLE();
        vm.startPrank(admin);
        escrow.grantRole(role, client);
        escrow.grantRole(role, freelancer);
        vm.stopPrank();
        uint256 id = _createFunded(NATIVE, _terms(100));
        _dispute(id, 0);

        vm.expectRevert(abi.encodeWithSelector(IMilestoneEscrow.ArbiterIsParty.selector, id, client));
        vm.prank(client);
        escrow.resolveDispute(id, 0, 0);
        vm.expectRevert(abi.encodeWithSelector(IMilestoneEscrow.ArbiterIsParty.selector, id, freelancer));
        vm.prank(freelancer);
        escrow.resolveDispute(id, 0, 10_000);
    }

    function test_resolveDispute_revertsWhenNotDisputed() public {
        uint256 id = _createFunded(NATIVE, _terms(100));
        _submit(id, 0);
        vm.expectRevert(_milestoneErr(id, 0, IMilestoneEscrow.MilestoneStatus.Submitted));
        _rule(id, 0, 5_000);
    }

    function test_resolveDispute_revertsWhenRuledTwice() public {
        uint256 id = _createFunded(NATIVE, _terms(100, 100));
        _dispute(id, 0);
        _rule(id, 0, 5_000);
        vm.expectRevert(_milestoneErr(id, 0, IMilestoneEscrow.MilestoneStatus.Resolved));
        _rule(id, 0, 5_000);
    }

    function test_resolveDispute_revertsWhenSplitAboveFull() public {
        uint256 id = _createFunded(NATIVE, _terms(100));
        _dispute(id, 0);
        vm.expectRevert(abi.encodeWithSelector(IMilestoneEscrow.InvalidSplit.selector, 10_001));
        _rule(id, 0, 10_001);
    }

    function test_resolveDispute_revertsWhenEscrowDoesNotExist() public {
        vm.expectRevert(abi.encodeWithSelector(IMilestoneEscrow.EscrowNotFound.selector, 3));
        _rule(3, 0, 0);
    }

    // ───────────────────────────── settleMilestone ─────────────────────────────

    function test_settleMilestone_clientSubmitsTheFreelancersOffer() public {
        uint256 id = _createFunded(address(usd), _terms(1_000, 1));
        uint256 deadline = block.timestamp + 1 days;
        bytes memory offer = _offer(freelancerKey, id, 0, 6_000, deadline);

        // gross 600, fee 60, payout 540, refund 400.
        vm.expectEmit(address(escrow));
        emit IMilestoneEscrow.MilestoneSettled(id, 0, 6_000, 60, 540, 400);
        vm.prank(client);
        escrow.settleMilestone(id, 0, 6_000, deadline, offer);

        assertEq(_milestoneStatus(id, 0), uint8(IMilestoneEscrow.MilestoneStatus.Resolved));
        assertEq(escrow.nonces(freelancer), 1, "the signer's nonce is used up");
        assertEq(escrow.nonces(client), 0);
        assertEq(escrow.credits(address(usd), freelancer), 540);
        assertEq(escrow.credits(address(usd), treasury), 60);
        assertEq(escrow.credits(address(usd), client), 400);
        assertEq(escrow.earned(freelancer, address(usd)), 540);
    }

    function test_settleMilestone_freelancerSubmitsTheClientsOfferOnADispute() public {
        uint256 id = _createFunded(NATIVE, _terms(1_000));
        _submit(id, 0);
        _dispute(id, 0);
        bytes memory offer = _offer(clientKey, id, 0, 2_000, block.timestamp);
        vm.expectEmit(address(escrow));
        emit IMilestoneEscrow.MilestoneSettled(id, 0, 2_000, 20, 180, 800);
        vm.expectEmit(address(escrow));
        emit IMilestoneEscrow.EscrowCompleted(id);
        vm.prank(freelancer);
        escrow.settleMilestone(id, 0, 2_000, block.timestamp, offer);
        assertEq(escrow.nonces(client), 1);
        assertEq(escrow.freelancerStats(freelancer).disputesLost, 0, "a settlement never counts as lost");
    }

    function test_settleMilestone_acceptsAnErc1271WalletSigner() public {
        ERC1271Wallet wallet = new ERC1271Wallet(stranger);
        vm.prank(address(wallet));
        uint256 id = escrow.createEscrow(freelancer, NATIVE, _terms(1_000), REVIEW, GRACE);
        vm.deal(address(wallet), 1_000);
        wallet.execute{value: 1_000}(address(escrow), abi.encodeCall(escrow.fundEscrow, (id)));

        bytes memory offer = _sign(strangerKey, escrow.settlementDigest(id, 0, 5_000, 0, block.timestamp));
        vm.prank(freelancer);
        escrow.settleMilestone(id, 0, 5_000, block.timestamp, offer);
        assertEq(escrow.credits(NATIVE, address(wallet)), 500);
        assertEq(escrow.nonces(address(wallet)), 1);
    }

    function test_settleMilestone_revertsWhenTheErc1271WalletRejects() public {
        ERC1271Wallet wallet = new ERC1271Wallet(stranger);
        vm.prank(address(wallet));
        uint256 id = escrow.createEscrow(freelancer, NATIVE, _terms(1_000), REVIEW, GRACE);
        vm.deal(address(wallet), 1_000);
        wallet.execute{value: 1_000}(address(escrow), abi.encodeCall(escrow.fundEscrow, (id)));
        wallet.setRejectAll(true);

        bytes memory offer = _sign(strangerKey, escrow.settlementDigest(id, 0, 5_000, 0, block.timestamp));
        vm.expectRevert(_badSignature(id, 0, address(wallet)));
        vm.prank(freelancer);
        escrow.settleMilestone(id, 0, 5_000, block.timestamp, offer);
    }

    function test_settleMilestone_acceptsTheDeadlineItselfAndRevertsOneSecondLater() public {
        uint256 id = _createFunded(NATIVE, _terms(1_000));
        uint256 deadline = block.timestamp + 1 hours;
        bytes memory offer = _offer(freelancerKey, id, 0, 5_000, deadline);

        vm.warp(deadline + 1);
        vm.expectRevert(abi.encodeWithSelector(IMilestoneEscrow.SettlementExpired.selector, deadline));
        vm.prank(client);
        escrow.settleMilestone(id, 0, 5_000, deadline, offer);

        vm.warp(deadline);
        vm.prank(client);
        escrow.settleMilestone(id, 0, 5_000, deadline, offer);
        assertEq(_milestoneStatus(id, 0), uint8(IMilestoneEscrow.MilestoneStatus.Resolved));
    }

    function test_settleMilestone_usingAnOfferVoidsTheSignersOtherOffers() public {
        uint256 id = _createFunded(NATIVE, _terms(1_000, 1_000));
        // Two offers signed with the same nonce, one per milestone: only one can ever be used.
        bytes memory first = _offer(freelancerKey, id, 0, 5_000, block.timestamp);
        bytes memory second = _offer(freelancerKey, id, 1, 5_000, block.timestamp);
        vm.prank(client);
        escrow.settleMilestone(id, 0, 5_000, block.timestamp, first);

        vm.expectRevert(_badSignature(id, 1, freelancer));
        vm.prank(client);
        escrow.settleMilestone(id, 1, 5_000, block.timestamp, second);
        // And the used one cannot settle its milestone again.
        vm.expectRevert(_milestoneErr(id, 0, IMilestoneEscrow.MilestoneStatus.Resolved));
        vm.prank(client);
        escrow.settleMilestone(id, 0, 5_000, block.timestamp, first);
    }

    function test_settleMilestone_revertsWhenTheTermsDifferFromTheOffer() public {
        uint256 id = _createFunded(NATIVE, _terms(1_000, 1_000));
        bytes memory offer = _offer(freelancerKey, id, 0, 5_000, block.timestamp);
        vm.startPrank(client);
        vm.expectRevert(_badSignature(id, 0, freelancer));
        escrow.settleMilestone(id, 0, 4_000, block.timestamp, offer); // another split
        vm.expectRevert(_badSignature(id, 1, freelancer));
        escrow.settleMilestone(id, 1, 5_000, block.timestamp, offer); // another milestone
        vm.expectRevert(_badSignature(id, 0, freelancer));
        escrow.settleMilestone(id, 0, 5_000, block.timestamp + 1, offer); // another deadline
        vm.stopPrank();
    }

    function test_settleMilestone_revertsWithAWrongNonce() public {
        uint256 id = _createFunded(NATIVE, _terms(1_000));
        bytes memory offer = _sign(freelancerKey, escrow.settlementDigest(id, 0, 5_000, 1, block.timestamp));
        vm.expectRevert(_badSignature(id, 0, freelancer));
        vm.prank(client);
        escrow.settleMilestone(id, 0, 5_000, block.timestamp, offer);
    }

    function test_settleMilestone_revertsForAnotherChainOrContract() public {
        uint256 id = _createFunded(NATIVE, _terms(1_000));
        bytes32 here = _settlementDigestFor(block.chainid, address(escrow), id, 0, 5_000, 0, block.timestamp);
        assertEq(here, escrow.settlementDigest(id, 0, 5_000, 0, block.timestamp), "reference digest");

        bytes32 otherChain = _settlementDigestFor(1, address(escrow), id, 0, 5_000, 0, block.timestamp);
        vm.expectRevert(_badSignature(id, 0, freelancer));
        vm.prank(client);
        escrow.settleMilestone(id, 0, 5_000, block.timestamp, _sign(freelancerKey, otherChain));

        bytes32 otherContract = _settlementDigestFor(block.chainid, address(usd), id, 0, 5_000, 0, block.timestamp);
        vm.expectRevert(_badSignature(id, 0, freelancer));
        vm.prank(client);
        escrow.settleMilestone(id, 0, 5_000, block.timestamp, _sign(freelancerKey, otherContract));
    }

    function test_settleMilestone_revertsAfterTheSignerRevoked() public {
        uint256 id = _createFunded(NATIVE, _terms(1_000));
        bytes memory offer = _offer(freelancerKey, id, 0, 5_000, block.timestamp);
        vm.prank(freelancer);
        escrow.revokeSettlementOffers();
        vm.expectRevert(_badSignature(id, 0, freelancer));
        vm.prank(client);
        escrow.settleMilestone(id, 0, 5_000, block.timestamp, offer);
    }

    function test_settleMilestone_revertsWithAMalleableHighSSignature() public {
        uint256 id = _createFunded(NATIVE, _terms(1_000));
        (uint8 v, bytes32 r, bytes32 s) =
            vm.sign(freelancerKey, escrow.settlementDigest(id, 0, 5_000, 0, block.timestamp));
        bytes memory flipped = abi.encodePacked(r, bytes32(SECP256K1_N - uint256(s)), v == 27 ? uint8(28) : uint8(27));
        vm.expectRevert(_badSignature(id, 0, freelancer));
        vm.prank(client);
        escrow.settleMilestone(id, 0, 5_000, block.timestamp, flipped);

        vm.prank(client);
        escrow.settleMilestone(id, 0, 5_000, block.timestamp, abi.encodePacked(r, s, v));
    }

    function test_settleMilestone_revertsWhenTheCallerSignedItself() public {
        uint256 id = _createFunded(NATIVE, _terms(1_000));
        bytes memory own = _offer(clientKey, id, 0, 5_000, block.timestamp);
        vm.expectRevert(_badSignature(id, 0, freelancer));
        vm.prank(client);
        escrow.settleMilestone(id, 0, 5_000, block.timestamp, own);
    }

    function test_settleMilestone_revertsWithAGarbageSignature() public {
        uint256 id = _createFunded(NATIVE, _terms(1_000));
        vm.expectRevert(_badSignature(id, 0, freelancer));
        vm.prank(client);
        escrow.settleMilestone(id, 0, 5_000, block.timestamp, hex"1234");
    }

    function test_settleMilestone_revertsWhenNotParty() public {
        uint256 id = _createFunded(NATIVE, _terms(1_000));
        bytes memory offer = _offer(freelancerKey, id, 0, 5_000, block.timestamp);
        vm.expectRevert(_notParty(id, stranger));
        vm.prank(stranger);
        escrow.settleMilestone(id, 0, 5_000, block.timestamp, offer);
    }

    function test_settleMilestone_revertsWhenSplitAboveFull() public {
        uint256 id = _createFunded(NATIVE, _terms(1_000));
        bytes memory offer = _offer(freelancerKey, id, 0, 10_001, block.timestamp);
        vm.expectRevert(abi.encodeWithSelector(IMilestoneEscrow.InvalidSplit.selector, 10_001));
        vm.prank(client);
        escrow.settleMilestone(id, 0, 10_001, block.timestamp, offer);
    }

    function test_settleMilestone_revertsOnAFinalMilestone() public {
        uint256 id = _createFunded(NATIVE, _terms(1_000, 1));
        _release(id, 0);
        bytes memory offer = _offer(freelancerKey, id, 0, 5_000, block.timestamp);
        vm.expectRevert(_milestoneErr(id, 0, IMilestoneEscrow.MilestoneStatus.Released));
        vm.prank(client);
        escrow.settleMilestone(id, 0, 5_000, block.timestamp, offer);
    }

    function test_settleMilestone_revertsBeforeFunding() public {
        uint256 id = _create(NATIVE, _terms(1_000));
        bytes memory offer = _offer(freelancerKey, id, 0, 5_000, block.timestamp);
        vm.expectRevert(_statusErr(id, IMilestoneEscrow.EscrowStatus.Created));
        vm.prank(client);
        escrow.settleMilestone(id, 0, 5_000, block.timestamp, offer);
    }

    // ───────────────────────────── revokeSettlementOffers ─────────────────────────────

    function test_revokeSettlementOffers_bumpsTheNonceAndEmits() public {
        vm.expectEmit(address(escrow));
        emit IMilestoneEscrow.SettlementOffersRevoked(client, 1);
        vm.prank(client);
        escrow.revokeSettlementOffers();
        vm.expectEmit(address(escrow));
        emit IMilestoneEscrow.SettlementOffersRevoked(client, 2);
        vm.prank(client);
        escrow.revokeSettlementOffers();
        assertEq(escrow.nonces(client), 2);
        assertEq(escrow.nonces(freelancer), 0);
    }

    // ───────────────────────────── rateJob ─────────────────────────────

    function test_rateJob_recordsTheRatingOnceOnACompletedJob() public {
        uint256 id = _createFunded(NATIVE, _terms(1));
        _release(id, 0);
        vm.expectEmit(address(escrow));
        emit IMilestoneEscrow.JobRated(id, freelancer, 4);
        vm.prank(client);
        escrow.rateJob(id, 4);
        assertTrue(escrow.getEscrow(id).rated);
        IMilestoneEscrow.FreelancerStats memory s = escrow.freelancerStats(freelancer);
        assertEq(s.ratingCount, 1);
        assertEq(s.ratingSum, 4);

        vm.expectRevert(abi.encodeWithSelector(IMilestoneEscrow.AlreadyRated.selector, id));
        vm.prank(client);
        escrow.rateJob(id, 5);
    }

    function test_rateJob_acceptsAClosedJob() public {
        uint256 id = _createFunded(NATIVE, _terms(1));
        vm.warp(uint256(escrow.getMilestone(id, 0).dueDate) + GRACE);
        vm.prank(client);
        escrow.reclaimMilestone(id, 0);
        vm.prank(client);
        escrow.rateJob(id, 1);
        assertEq(escrow.freelancerStats(freelancer).ratingSum, 1);
    }

    function test_rateJob_revertsWhenRatingOutOfRange() public {
        uint256 id = _createFunded(NATIVE, _terms(1));
        _release(id, 0);
        uint8[2] memory bad = [0, 6];
        for (uint256 i; i < bad.length; ++i) {
            vm.expectRevert(abi.encodeWithSelector(IMilestoneEscrow.InvalidRating.selector, bad[i]));
            vm.prank(client);
            escrow.rateJob(id, bad[i]);
        }
    }

    function test_rateJob_revertsBeforeTheJobEnds() public {
        uint256 id = _createFunded(NATIVE, _terms(1, 1));
        _release(id, 0);
        vm.expectRevert(_statusErr(id, IMilestoneEscrow.EscrowStatus.Funded));
        vm.prank(client);
        escrow.rateJob(id, 5);
    }

    function test_rateJob_revertsWhenNotClient() public {
        uint256 id = _createFunded(NATIVE, _terms(1));
        _release(id, 0);
        vm.expectRevert(_notParty(id, freelancer));
        vm.prank(freelancer);
        escrow.rateJob(id, 5);
    }

    // ───────────────────────────── cancelEscrow ─────────────────────────────

    function test_cancelEscrow_byClientOrFreelancer() public {
        uint256 a = _create(NATIVE, _terms(1));
        uint256 b = _create(NATIVE, _terms(1));
        vm.expectEmit(address(escrow));
        emit IMilestoneEscrow.EscrowCancelled(a, client);
        vm.prank(client);
        escrow.cancelEscrow(a);
        vm.expectEmit(address(escrow));
        emit IMilestoneEscrow.EscrowCancelled(b, freelancer);
        vm.prank(freelancer);
        escrow.cancelEscrow(b);
        assertEq(_escrowStatus(a), uint8(IMilestoneEscrow.EscrowStatus.Cancelled));
        assertEq(_escrowStatus(b), uint8(IMilestoneEscrow.EscrowStatus.Cancelled));
    }

    function test_cancelEscrow_revertsWhenNotPartyOrFunded() public {
        uint256 id = _create(NATIVE, _terms(1));
        vm.expectRevert(_notParty(id, stranger));
        vm.prank(stranger);
        escrow.cancelEscrow(id);
        _fund(id);
        vm.expectRevert(_statusErr(id, IMilestoneEscrow.EscrowStatus.Funded));
        vm.prank(client);
        escrow.cancelEscrow(id);
    }

    // ───────────────────────────── withdraw ─────────────────────────────

    function test_withdraw_sendsTheWholeCreditOfEachAccount() public {
        uint256 id = _createFunded(address(usd), _terms(100e6));
        _release(id, 0);
        vm.expectEmit(address(escrow));
        emit IMilestoneEscrow.Withdrawn(freelancer, address(usd), 90e6);
        vm.prank(freelancer);
        assertEq(escrow.withdraw(address(usd)), 90e6);
        vm.prank(treasury);
        escrow.withdraw(address(usd));
        assertEq(usd.balanceOf(freelancer), 90e6);
        assertEq(usd.balanceOf(treasury), 10e6);
        assertEq(usd.balanceOf(address(escrow)), 0);
        assertEq(escrow.heldBalance(address(usd)), 0);
        assertEq(escrow.earned(freelancer, address(usd)), 90e6, "earnings outlive the withdrawal");
    }

    function test_withdraw_sendsNativeCoin() public {
        uint256 id = _createFunded(NATIVE, _terms(1 ether));
        _release(id, 0);
        vm.prank(freelancer);
        escrow.withdraw(NATIVE);
        assertEq(freelancer.balance, 0.9 ether);
        assertEq(address(escrow).balance, 0.1 ether);
        assertEq(escrow.heldBalance(NATIVE), 0.1 ether);
    }

    function test_withdraw_revertsWhenNothingCredited() public {
        vm.expectRevert(abi.encodeWithSelector(IMilestoneEscrow.NothingToWithdraw.selector, freelancer, address(usd)));
        vm.prank(freelancer);
        escrow.withdraw(address(usd));

        uint256 id = _createFunded(NATIVE, _terms(1 ether));
        _release(id, 0);
        vm.prank(freelancer);
        escrow.withdraw(NATIVE);
        vm.expectRevert(abi.encodeWithSelector(IMilestoneEscrow.NothingToWithdraw.selector, freelancer, NATIVE));
        vm.prank(freelancer);
        escrow.withdraw(NATIVE);
    }

    // ───────────────────────────── admin ─────────────────────────────

    function test_setPlatformFee_updatesAndEmits() public {
        vm.expectEmit(address(escrow));
        emit IMilestoneEscrow.PlatformFeeUpdated(FEE_BPS, MAX_FEE_BPS);
        vm.prank(admin);
        escrow.setPlatformFee(MAX_FEE_BPS);
        assertEq(escrow.platformFeeBps(), MAX_FEE_BPS);
    }

    function test_setPlatformFee_revertsAboveCapOrWithoutRole() public {
        vm.expectRevert(abi.encodeWithSelector(IMilestoneEscrow.FeeAboveCap.selector, MAX_FEE_BPS + 1, MAX_FEE_BPS));
        vm.prank(admin);
        escrow.setPlatformFee(MAX_FEE_BPS + 1);
        bytes32 role = escrow.FEE_MANAGER_ROLE();
        vm.expectRevert(_unauthorized(stranger, role));
        vm.prank(stranger);
        escrow.setPlatformFee(1);
    }

    function test_setFeeRecipient_redirectsLaterFeesOnly() public {
        uint256 id = _createFunded(NATIVE, _terms(1_000, 1_000));
        _release(id, 0);
        address operations = makeAddr("operations");
        vm.expectEmit(address(escrow));
        emit IMilestoneEscrow.FeeRecipientUpdated(treasury, operations);
        vm.prank(admin);
        escrow.setFeeRecipient(operations);
        _release(id, 1);
        assertEq(escrow.credits(NATIVE, treasury), 100);
        assertEq(escrow.credits(NATIVE, operations), 100);
    }

    function test_setFeeRecipient_revertsForZeroSelfOrWithoutRole() public {
        address[2] memory bad = [address(0), address(escrow)];
        for (uint256 i; i < bad.length; ++i) {
            vm.expectRevert(abi.encodeWithSelector(IMilestoneEscrow.InvalidFeeRecipient.selector, bad[i]));
            vm.prank(admin);
            escrow.setFeeRecipient(bad[i]);
        }
        bytes32 role = escrow.FEE_MANAGER_ROLE();
        vm.expectRevert(_unauthorized(stranger, role));
        vm.prank(stranger);
        escrow.setFeeRecipient(stranger);
    }

    function test_setFeeDiscountSource_updatesAndEmits() public {
        vm.expectEmit(address(escrow));
        emit IMilestoneEscrow.FeeDiscountSourceUpdated(address(0), address(source));
        _useSource();
        assertEq(escrow.feeDiscountSource(), address(source));
        vm.expectEmit(address(escrow));
        emit IMilestoneEscrow.FeeDiscountSourceUpdated(address(source), address(0));
        vm.prank(admin);
        escrow.setFeeDiscountSource(address(0));
    }

    function test_setFeeDiscountSource_revertsWithoutRole() public {
        bytes32 role = escrow.FEE_MANAGER_ROLE();
        vm.expectRevert(_unauthorized(stranger, role));
        vm.prank(stranger);
        escrow.setFeeDiscountSource(address(source));
    }

    function test_setTokenAllowed_updatesAndEmits() public {
        vm.expectEmit(address(escrow));
        emit IMilestoneEscrow.TokenAllowlistUpdated(address(source), true);
        vm.prank(admin);
        escrow.setTokenAllowed(address(source), true);
        assertTrue(escrow.isTokenAllowed(address(source)));
        vm.prank(admin);
        escrow.setTokenAllowed(address(source), false);
        assertFalse(escrow.isTokenAllowed(address(source)));
    }

    function test_setTokenAllowed_revertsWithoutAdminRole() public {
        bytes32 feeManager = escrow.FEE_MANAGER_ROLE();
        address manager = makeAddr("feeManager");
        vm.prank(admin);
        escrow.grantRole(feeManager, manager);
        vm.expectRevert(_unauthorized(manager, bytes32(0)));
        vm.prank(manager);
        escrow.setTokenAllowed(address(source), true);
    }

    function test_pauseAndUnpause_needTheirRoles() public {
        vm.expectRevert(_unauthorized(stranger, escrow.PAUSER_ROLE()));
        vm.prank(stranger);
        escrow.pause();
        _pause();
        assertTrue(escrow.paused());
        bytes32 pauser = escrow.PAUSER_ROLE();
        address guardian = makeAddr("guardian");
        vm.prank(admin);
        escrow.grantRole(pauser, guardian);
        vm.expectRevert(_unauthorized(guardian, bytes32(0)));
        vm.prank(guardian);
        escrow.unpause();
        vm.prank(admin);
        escrow.unpause();
        assertFalse(escrow.paused());
    }

    /// @dev Pausing stops creating and funding only: every action on existing money goes on.
    function test_pause_blocksOnlyCreateAndFund() public {
        uint256 a = _createFunded(NATIVE, _terms(1_000, 1_000, 1_000));
        uint256 b = _createFunded(NATIVE, _terms(1_000, 1_000));
        uint256 unfunded = _create(NATIVE, _terms(1));
        uint256 toCancel = _create(NATIVE, _terms(1));
        _pause();

        _release(a, 0); // submit + approve
        _submit(a, 1);
        skip(REVIEW);
        vm.prank(freelancer);
        escrow.claimMilestone(a, 1);
        vm.warp(uint256(escrow.getMilestone(a, 2).dueDate) + GRACE);
        vm.prank(client);
        escrow.reclaimMilestone(a, 2);
        vm.prank(client);
        escrow.rateJob(a, 3);
        _dispute(b, 0);
        _rule(b, 0, 5_000);
        bytes memory offer = _offer(freelancerKey, b, 1, 5_000, block.timestamp);
        vm.prank(client);
        escrow.settleMilestone(b, 1, 5_000, block.timestamp, offer);
        vm.prank(freelancer);
        escrow.revokeSettlementOffers();
        vm.prank(freelancer);
        escrow.cancelEscrow(toCancel);
        vm.prank(freelancer);
        escrow.withdraw(NATIVE);
        vm.prank(client);
        escrow.withdraw(NATIVE);

        vm.deal(client, 1);
        vm.expectRevert(Pausable.EnforcedPause.selector);
        vm.prank(client);
        escrow.fundEscrow{value: 1}(unfunded);
        vm.expectRevert(Pausable.EnforcedPause.selector);
        _create(NATIVE, _terms(1));
        assertEq(_escrowStatus(a), uint8(IMilestoneEscrow.EscrowStatus.Closed));
        assertEq(_escrowStatus(b), uint8(IMilestoneEscrow.EscrowStatus.Completed));
    }

    // ───────────────────────────── views ─────────────────────────────

    function test_getEscrow_returnsZeroForUnknownId() public view {
        IMilestoneEscrow.Escrow memory e = escrow.getEscrow(42);
        assertEq(uint8(e.status), uint8(IMilestoneEscrow.EscrowStatus.None));
        assertEq(e.client, address(0));
    }

    function test_getMilestone_revertsForUnknownEscrowOrIndex() public {
        vm.expectRevert(abi.encodeWithSelector(IMilestoneEscrow.EscrowNotFound.selector, 1));
        escrow.getMilestone(1, 0);
        vm.expectRevert(abi.encodeWithSelector(IMilestoneEscrow.EscrowNotFound.selector, 1));
        escrow.getMilestones(1);
        uint256 id = _create(NATIVE, _terms(1));
        vm.expectRevert(abi.encodeWithSelector(IMilestoneEscrow.MilestoneIndexOutOfRange.selector, id, 1));
        escrow.getMilestone(id, 1);
    }

    // ───────────────────────────── fuzz ─────────────────────────────

    /// @dev Any split of any milestone at any fee conserves the amount exactly, rounds against the
    /// freelancer, and moves nothing out of the escrow until withdrawn.
    /// hardhat-config: fuzz.runs = 512
    function testFuzz_resolveDispute_conservesTheAmount(uint128 amount, uint16 bps, uint16 feeBps) public {
        amount = uint128(bound(amount, 1, type(uint128).max));
        bps = uint16(bound(bps, 0, 10_000));
        feeBps = uint16(bound(feeBps, 0, MAX_FEE_BPS));
        vm.prank(admin);
        escrow.setPlatformFee(feeBps);
        uint256 id = _createFunded(address(usd), _terms(amount));
        _dispute(id, 0);
        _rule(id, 0, bps);

        uint256 payout = escrow.credits(address(usd), freelancer);
        uint256 fee = escrow.credits(address(usd), treasury);
        uint256 refund = escrow.credits(address(usd), client);
        assertEq(fee + payout + refund, amount, "fee + payout + refund == amount");
        assertLe((fee + payout) * 10_000, uint256(amount) * bps, "gross rounds down");
        assertGe(fee * 10_000, (fee + payout) * feeBps, "fee rounds up");
        assertEq(usd.balanceOf(address(escrow)), escrow.heldBalance(address(usd)));
        assertEq(escrow.heldBalance(address(usd)), amount);
    }

    /// @dev Claim is refused one second before `submittedAt + reviewPeriod` and allowed from it on,
    /// for any review period and submission time.
    /// hardhat-config: fuzz.runs = 256
    function testFuzz_claimMilestone_boundaryIsSubmittedAtPlusReview(uint32 review, uint32 delay) public {
        review = uint32(bound(review, 1 hours, 30 days));
        delay = uint32(bound(delay, 0, 100 days));
        vm.prank(client);
        uint256 id = escrow.createEscrow(freelancer, NATIVE, _terms(1_000), review, GRACE);
        _fund(id);
        skip(delay);
        _submit(id, 0);
        uint256 claimableAt = block.timestamp + review;
        vm.warp(claimableAt - 1);
        vm.expectRevert(abi.encodeWithSelector(IMilestoneEscrow.ReviewPeriodNotOver.selector, id, 0, claimableAt));
        vm.prank(freelancer);
        escrow.claimMilestone(id, 0);
        vm.warp(claimableAt);
        vm.prank(freelancer);
        escrow.claimMilestone(id, 0);
    }

    /// @dev The discounted fee never exceeds the base fee, and is what the escrow fixes.
    /// hardhat-config: fuzz.runs = 256
    function testFuzz_createEscrow_fixesTheDiscountedFee(uint16 base, uint16 discount) public {
        base = uint16(bound(base, 0, MAX_FEE_BPS));
        vm.prank(admin);
        escrow.setPlatformFee(base);
        _useSource();
        source.setDiscount(freelancer, discount);
        uint256 capped = discount > 10_000 ? 10_000 : discount;
        uint256 id = _create(NATIVE, _terms(1));
        uint16 feeBps = escrow.getEscrow(id).feeBps;
        assertEq(feeBps, (uint256(base) * (10_000 - capped) + 9_999) / 10_000);
        assertLe(feeBps, base);
    }
}
