// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {Test, Vm} from "forge-std/Test.sol";
import {IERC1271} from "@openzeppelin/contracts/interfaces/IERC1271.sol";
import {Pausable} from "@openzeppelin/contracts/utils/Pausable.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {MilestoneEscrow} from "../../../contracts/escrow/MilestoneEscrow.sol";
import {IMilestoneEscrow} from "../../../contracts/interfaces/IMilestoneEscrow.sol";
import {IWorxMultisig} from "../../../contracts/interfaces/IWorxMultisig.sol";
import {WorxMultisig} from "../../../contracts/multisig/WorxMultisig.sol";
import {DemoStablecoin} from "../../../contracts/test-doubles/DemoStablecoin.sol";

/// @notice A contract the multisig calls: records calls, reverts on demand, can be paused.
contract MockTarget {
    error Boom(uint256 code);

    uint256 public value;
    uint256 public calls;
    uint256 public received;
    bool public paused;

    function setValue(uint256 newValue) external payable {
        value = newValue;
        received += msg.value;
        ++calls;
    }

    function boom() external pure {
        revert Boom(7);
    }

    function silent() external pure {
        revert(); // solhint-disable-line reason-string, gas-custom-errors
    }

    function pause() external {
        paused = true;
    }

    function unpause() external {
        paused = false;
    }
}

/// @notice A pausable target whose `pause()` reverts without a reason.
contract SilentPauser {
    function pause() external pure {
        revert(); // solhint-disable-line reason-string, gas-custom-errors
    }
}

/// @notice A target that reads the multisig's view of an operation while being called, and may
/// re-enter the multisig.
contract Probe {
    WorxMultisig public immutable multisig;
    bytes32 public watched;
    IWorxMultisig.OperationState public seen;
    IWorxMultisig.Operation internal _reentry;
    bool internal _reenter;

    constructor(WorxMultisig multisig_) {
        multisig = multisig_;
    }

    function watch(bytes32 operationId) external {
        watched = operationId;
    }

    function arm(IWorxMultisig.Operation calldata op) external {
        _reentry = op;
        _reenter = true;
    }

    function poke() external {
        seen = multisig.operationState(watched);
        if (_reenter) multisig.execute(_reentry);
    }
}

/// @notice An EIP-1271 contract owner: approves digests it was told to, and calls on-chain.
contract ContractOwner is IERC1271 {
    mapping(bytes32 digest => bool) public signed;

    function sign(bytes32 digest) external {
        signed[digest] = true;
    }

    function isValidSignature(bytes32 digest, bytes calldata) external view returns (bytes4) {
        return signed[digest] ? IERC1271.isValidSignature.selector : bytes4(0xffffffff);
    }

    function approveOn(WorxMultisig multisig, bytes32 operationId) external {
        multisig.approve(operationId);
    }
}

/// @notice Unit and fuzz tests of {WorxMultisig}, one group per function, named
/// `test_<function>_<condition>` / `testFuzz_<function>_<property>`.
contract WorxMultisigTest is Test {
    uint256 internal constant OWNERS = 5;
    uint256 internal constant ROUTINE_THRESHOLD = 2;
    uint256 internal constant CRITICAL_THRESHOLD = 3;
    uint256 internal constant ROUTINE_DELAY = 24 hours;
    uint256 internal constant CRITICAL_DELAY = 48 hours;
    uint256 internal constant GRACE = 14 days;
    uint256 internal constant SECP256K1_N = 0xFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141;

    IWorxMultisig.OperationClass internal constant CRITICAL = IWorxMultisig.OperationClass.Critical;
    IWorxMultisig.OperationClass internal constant ROUTINE = IWorxMultisig.OperationClass.Routine;

    WorxMultisig internal ms;
    MockTarget internal target;
    DemoStablecoin internal usd;

    /// @dev Owners sorted by address ascending, with their keys.
    address[] internal owners;
    uint256[] internal keys;
    address internal guardian;
    address internal stranger;
    uint256 internal strangerKey;
    uint256 internal nextNonce;

    function setUp() public {
        vm.warp(1_700_000_000);
        address[] memory addrs = new address[](OWNERS);
        uint256[] memory ks = new uint256[](OWNERS);
        for (uint256 i; i < OWNERS; ++i) {
            (addrs[i], ks[i]) = makeAddrAndKey(string.concat("owner", vm.toString(i)));
        }
        _sortByAddress(addrs, ks);
        owners = addrs;
        keys = ks;
        guardian = makeAddr("guardian");
        (stranger, strangerKey) = makeAddrAndKey("stranger");

        ms = new WorxMultisig(
            owners, ROUTINE_THRESHOLD, CRITICAL_THRESHOLD, ROUTINE_DELAY, CRITICAL_DELAY, guardian, _noClasses(), _noTargets()
        );
        target = new MockTarget();
        usd = new DemoStablecoin("Demo USD", "dUSD");
        vm.prank(address(ms));
        ms.configureClass(address(target), MockTarget.setValue.selector, ROUTINE);
    }

    // ───────────────────────────── helpers ─────────────────────────────

    function _sortByAddress(address[] memory addrs, uint256[] memory ks) internal pure {
        for (uint256 i = 1; i < addrs.length; ++i) {
            for (uint256 j = i; j > 0 && addrs[j - 1] > addrs[j]; --j) {
                (addrs[j - 1], addrs[j]) = (addrs[j], addrs[j - 1]);
                (ks[j - 1], ks[j]) = (ks[j], ks[j - 1]);
            }
        }
    }

    function _op(address to, uint256 value, bytes memory data) internal returns (IWorxMultisig.Operation memory op) {
        op = IWorxMultisig.Operation({target: to, value: value, data: data, nonce: nextNonce});
        ++nextNonce;
    }

    /// @dev A Routine operation (MockTarget.setValue is configured Routine in setUp).
    function _routineOp(uint256 newValue) internal returns (IWorxMultisig.Operation memory) {
        return _op(address(target), 0, abi.encodeCall(MockTarget.setValue, (newValue)));
    }

    /// @dev A Critical operation on the multisig itself.
    function _selfOp(bytes memory data) internal returns (IWorxMultisig.Operation memory) {
        return _op(address(ms), 0, data);
    }

    function _sign(uint256 key, bytes32 digest) internal pure returns (bytes memory) {
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(key, digest);
        return abi.encodePacked(r, s, v);
    }

    /// @dev Signatures of the owners at the given (ascending) indexes.
    function _sigs(bytes32 digest, uint256[] memory indexes)
        internal
        view
        returns (IWorxMultisig.SignedApproval[] memory sigs)
    {
        sigs = new IWorxMultisig.SignedApproval[](indexes.length);
        for (uint256 i; i < indexes.length; ++i) {
            uint256 index = indexes[i];
            sigs[i] = IWorxMultisig.SignedApproval({signer: owners[index], signature: _sign(keys[index], digest)});
        }
    }

    /// @dev Signatures of the first `count` owners.
    function _firstSigs(bytes32 digest, uint256 count) internal view returns (IWorxMultisig.SignedApproval[] memory) {
        return _sigs(digest, _range(count));
    }

    function _range(uint256 count) internal pure returns (uint256[] memory indexes) {
        indexes = new uint256[](count);
        for (uint256 i; i < count; ++i) {
            indexes[i] = i;
        }
    }

    function _idx(uint256 a) internal pure returns (uint256[] memory indexes) {
        indexes = new uint256[](1);
        indexes[0] = a;
    }

    function _idx(uint256 a, uint256 b) internal pure returns (uint256[] memory indexes) {
        indexes = new uint256[](2);
        indexes[0] = a;
        indexes[1] = b;
    }

    function _one(address signer, bytes memory signature)
        internal
        pure
        returns (IWorxMultisig.SignedApproval[] memory sigs)
    {
        sigs = new IWorxMultisig.SignedApproval[](1);
        sigs[0] = IWorxMultisig.SignedApproval({signer: signer, signature: signature});
    }

    /// @dev Approve with the first `count` owners' signatures and queue; returns the id.
    function _queued(IWorxMultisig.Operation memory op, uint256 count) internal returns (bytes32 id) {
        id = ms.approveWithSignatures(op, _firstSigs(ms.hashOperation(op), count));
        ms.queue(op);
    }

    /// @dev Run a Critical self-administration call end to end: 3 signatures, queue, wait, execute.
    function _administer(bytes memory data) internal {
        ms.execute(_administerUpToExecute(data));
    }

    /// @dev Everything of {_administer} but the execution; returns the operation to execute.
    function _administerUpToExecute(bytes memory data) internal returns (IWorxMultisig.Operation memory op) {
        op = _selfOp(data);
        _queued(op, CRITICAL_THRESHOLD);
        vm.warp(block.timestamp + CRITICAL_DELAY);
    }

    function _state(bytes32 id) internal view returns (IWorxMultisig.OperationState) {
        return ms.operationState(id);
    }

    function _assertState(bytes32 id, IWorxMultisig.OperationState expected) internal view {
        assertEq(uint8(ms.operationState(id)), uint8(expected), "state");
    }

    function _stateErr(bytes32 id, IWorxMultisig.OperationState actual) internal pure returns (bytes memory) {
        return abi.encodeWithSelector(IWorxMultisig.InvalidOperationState.selector, id, actual);
    }

    function _alreadyProposed(bytes32 id, IWorxMultisig.OperationState state) internal pure returns (bytes memory) {
        return abi.encodeWithSelector(IWorxMultisig.OperationAlreadyProposed.selector, id, state);
    }

    function _notOwner(address account) internal pure returns (bytes memory) {
        return abi.encodeWithSelector(IWorxMultisig.NotOwner.selector, account);
    }

    function _onlySelf(address caller) internal pure returns (bytes memory) {
        return abi.encodeWithSelector(IWorxMultisig.OnlySelf.selector, caller);
    }

    function _countLogs(Vm.Log[] memory logs, bytes32 topic) internal pure returns (uint256 n) {
        for (uint256 i; i < logs.length; ++i) {
            if (logs[i].topics.length != 0 && logs[i].topics[0] == topic) ++n;
        }
    }

    function _noClasses() internal pure returns (IWorxMultisig.ClassConfig[] memory) {
        return new IWorxMultisig.ClassConfig[](0);
    }

    function _noTargets() internal pure returns (address[] memory) {
        return new address[](0);
    }

    function _classes(address to, bytes4 selector, IWorxMultisig.OperationClass opClass)
        internal
        pure
        returns (IWorxMultisig.ClassConfig[] memory list)
    {
        list = new IWorxMultisig.ClassConfig[](1);
        list[0] = IWorxMultisig.ClassConfig({target: to, selector: selector, opClass: opClass});
    }

    function _targets(address a) internal pure returns (address[] memory list) {
        list = new address[](1);
        list[0] = a;
    }

    /// @dev A multisig with the standard owners and policies and the given initial configuration.
    function _deployConfigured(IWorxMultisig.ClassConfig[] memory classes, address[] memory pausable)
        internal
        returns (WorxMultisig)
    {
        return new WorxMultisig(
            owners, ROUTINE_THRESHOLD, CRITICAL_THRESHOLD, ROUTINE_DELAY, CRITICAL_DELAY, guardian, classes, pausable
        );
    }

    function _deploy(address[] memory list, uint256 routineT, uint256 criticalT, uint256 routineD, uint256 criticalD)
        internal
        returns (WorxMultisig)
    {
        return new WorxMultisig(list, routineT, criticalT, routineD, criticalD, guardian, _noClasses(), _noTargets());
    }

    // ───────────────────────────── constructor ─────────────────────────────

    function test_constructor_setsOwnersThresholdsDelaysAndGuardian() public view {
        address[] memory list = ms.getOwners();
        assertEq(list.length, OWNERS);
        for (uint256 i; i < OWNERS; ++i) {
            assertEq(list[i], owners[i]);
            assertTrue(ms.isOwner(owners[i]));
        }
        assertFalse(ms.isOwner(stranger));
        assertEq(ms.threshold(ROUTINE), ROUTINE_THRESHOLD);
        assertEq(ms.threshold(CRITICAL), CRITICAL_THRESHOLD);
        assertEq(ms.delay(ROUTINE), ROUTINE_DELAY);
        assertEq(ms.delay(CRITICAL), CRITICAL_DELAY);
        assertEq(ms.guardian(), guardian);
        assertEq(ms.ownersEpoch(), 0);
        assertEq(ms.MAX_OWNERS(), 20);
        assertEq(ms.MIN_DELAY(), 1 hours);
        assertEq(ms.MAX_DELAY(), 30 days);
        assertEq(ms.GRACE_PERIOD(), GRACE);
    }

    function test_constructor_emitsOwnerThresholdDelayAndGuardianEvents() public {
        address[] memory list = new address[](2);
        list[0] = owners[0];
        list[1] = owners[1];
        vm.expectEmit();
        emit IWorxMultisig.OwnerAdded(owners[0]);
        vm.expectEmit();
        emit IWorxMultisig.OwnerAdded(owners[1]);
        vm.expectEmit();
        emit IWorxMultisig.ThresholdChanged(ROUTINE, 0, 1);
        vm.expectEmit();
        emit IWorxMultisig.ThresholdChanged(CRITICAL, 0, 2);
        vm.expectEmit();
        emit IWorxMultisig.DelayChanged(ROUTINE, 0, 1 hours);
        vm.expectEmit();
        emit IWorxMultisig.DelayChanged(CRITICAL, 0, 30 days);
        vm.expectEmit();
        emit IWorxMultisig.GuardianChanged(address(0), guardian);
        _deploy(list, 1, 2, 1 hours, 30 days);
    }

    function test_constructor_exposesEip712Domain() public view {
        (
            bytes1 fields,
            string memory name,
            string memory version,
            uint256 chainId,
            address verifyingContract,
            bytes32 salt,
            uint256[] memory extensions
        ) = ms.eip712Domain();
        assertEq(uint8(fields), 0x0f);
        assertEq(name, "WorxMultisig");
        assertEq(version, "1");
        assertEq(chainId, block.chainid);
        assertEq(verifyingContract, address(ms));
        assertEq(salt, bytes32(0));
        assertEq(extensions.length, 0);
    }

    function test_constructor_acceptsNoGuardian() public {
        WorxMultisig other = new WorxMultisig(owners, 1, 1, 1 hours, 1 hours, address(0), _noClasses(), _noTargets());
        assertEq(other.guardian(), address(0));
    }

    function test_constructor_revertsWhenOwnerIsZero() public {
        address[] memory list = new address[](2);
        list[0] = owners[0];
        vm.expectRevert(abi.encodeWithSelector(IWorxMultisig.InvalidOwner.selector, address(0)));
        _deploy(list, 1, 1, 1 hours, 1 hours);
    }

    function test_constructor_revertsWhenOwnerIsTheMultisig() public {
        address next = vm.computeCreateAddress(address(this), vm.getNonce(address(this)));
        address[] memory list = new address[](1);
        list[0] = next;
        vm.expectRevert(abi.encodeWithSelector(IWorxMultisig.InvalidOwner.selector, next));
        _deploy(list, 1, 1, 1 hours, 1 hours);
    }

    function test_constructor_revertsWhenOwnerDuplicated() public {
        address[] memory list = new address[](3);
        list[0] = owners[0];
        list[1] = owners[1];
        list[2] = owners[0];
        vm.expectRevert(abi.encodeWithSelector(IWorxMultisig.DuplicateOwner.selector, owners[0]));
        _deploy(list, 1, 1, 1 hours, 1 hours);
    }

    function test_constructor_revertsWhenTooManyOwners() public {
        address[] memory list = new address[](21);
        for (uint256 i; i < 21; ++i) {
            list[i] = address(uint160(0x1000 + i));
        }
        vm.expectRevert(abi.encodeWithSelector(IWorxMultisig.TooManyOwners.selector, 21, 20));
        _deploy(list, 1, 1, 1 hours, 1 hours);
    }

    function test_constructor_acceptsMaxOwners() public {
        address[] memory list = new address[](20);
        for (uint256 i; i < 20; ++i) {
            list[i] = address(uint160(0x1000 + i));
        }
        WorxMultisig other = _deploy(list, 20, 20, 1 hours, 1 hours);
        assertEq(other.getOwners().length, 20);
    }

    function test_constructor_revertsWhenNoOwners() public {
        vm.expectRevert(abi.encodeWithSelector(IWorxMultisig.InvalidThreshold.selector, ROUTINE, 1, 0));
        _deploy(new address[](0), 1, 1, 1 hours, 1 hours);
    }

    function test_constructor_revertsWhenThresholdIsZero() public {
        vm.expectRevert(abi.encodeWithSelector(IWorxMultisig.InvalidThreshold.selector, ROUTINE, 0, OWNERS));
        _deploy(owners, 0, 3, 1 hours, 1 hours);
        vm.expectRevert(abi.encodeWithSelector(IWorxMultisig.InvalidThreshold.selector, CRITICAL, 0, OWNERS));
        _deploy(owners, 2, 0, 1 hours, 1 hours);
    }

    function test_constructor_revertsWhenThresholdAboveOwnerCount() public {
        vm.expectRevert(abi.encodeWithSelector(IWorxMultisig.InvalidThreshold.selector, CRITICAL, 6, OWNERS));
        _deploy(owners, 2, 6, 1 hours, 1 hours);
    }

    function test_constructor_revertsWhenDelayOutOfBounds() public {
        vm.expectRevert(
            abi.encodeWithSelector(IWorxMultisig.InvalidDelay.selector, ROUTINE, 1 hours - 1, 1 hours, 30 days)
        );
        _deploy(owners, 2, 3, 1 hours - 1, 1 hours);
        vm.expectRevert(
            abi.encodeWithSelector(IWorxMultisig.InvalidDelay.selector, CRITICAL, 30 days + 1, 1 hours, 30 days)
        );
        _deploy(owners, 2, 3, 1 hours, 30 days + 1);
    }

    function test_constructor_appliesInitialClassesAndPausableTargetsWithTheSettersEvents() public {
        IWorxMultisig.ClassConfig[] memory classes = new IWorxMultisig.ClassConfig[](3);
        classes[0] = IWorxMultisig.ClassConfig(address(target), MockTarget.setValue.selector, ROUTINE);
        classes[1] = IWorxMultisig.ClassConfig(address(target), MockTarget.unpause.selector, ROUTINE);
        classes[2] = IWorxMultisig.ClassConfig(address(usd), bytes4(0), CRITICAL);
        address[] memory pausable = new address[](2);
        pausable[0] = address(target);
        pausable[1] = address(usd);

        vm.recordLogs();
        WorxMultisig other = _deployConfigured(classes, pausable);
        Vm.Log[] memory logs = vm.getRecordedLogs();
        // The owner/threshold/delay/guardian events come first, then the configuration, in order.
        uint256 first = logs.length - 5;
        assertEq(logs[first - 1].topics[0], IWorxMultisig.GuardianChanged.selector);
        for (uint256 i; i < 3; ++i) {
            Vm.Log memory log = logs[first + i];
            assertEq(log.emitter, address(other));
            assertEq(log.topics[0], IWorxMultisig.ClassConfigured.selector);
            assertEq(log.topics[1], bytes32(uint256(uint160(classes[i].target))));
            assertEq(log.topics[2], bytes32(classes[i].selector));
            assertEq(abi.decode(log.data, (uint8)), uint8(classes[i].opClass));
        }
        for (uint256 i; i < 2; ++i) {
            Vm.Log memory log = logs[first + 3 + i];
            assertEq(log.topics[0], IWorxMultisig.PausableTargetConfigured.selector);
            assertEq(log.topics[1], bytes32(uint256(uint160(pausable[i]))));
            assertTrue(abi.decode(log.data, (bool)));
        }

        assertEq(uint8(other.classOf(address(target), abi.encodeCall(MockTarget.setValue, (1)))), uint8(ROUTINE));
        assertEq(uint8(other.classOf(address(target), abi.encodeCall(MockTarget.unpause, ()))), uint8(ROUTINE));
        assertEq(uint8(other.classOf(address(target), abi.encodeCall(MockTarget.pause, ()))), uint8(CRITICAL));
        assertEq(uint8(other.classOf(address(usd), "")), uint8(CRITICAL));
        assertTrue(other.isPausableTarget(address(target)));
        assertTrue(other.isPausableTarget(address(usd)));
        assertFalse(other.isPausableTarget(address(ms)));
    }

    function test_constructor_initialConfigurationWorksEndToEnd() public {
        WorxMultisig other = _deployConfigured(
            _classes(address(target), MockTarget.setValue.selector, ROUTINE), _targets(address(target))
        );
        // Routine at once: two signatures queue a setValue, with the Routine delay.
        IWorxMultisig.Operation memory op = _routineOp(42);
        other.approveWithSignatures(op, _firstSigs(other.hashOperation(op), ROUTINE_THRESHOLD));
        assertEq(other.queue(op), block.timestamp + ROUTINE_DELAY);
        vm.warp(block.timestamp + ROUTINE_DELAY);
        other.execute(op);
        assertEq(target.value(), 42);
        // Pausable at once: the guardian needs no Critical operation first.
        vm.prank(guardian);
        other.guardianPause(address(target));
        assertTrue(target.paused());
    }

    function test_constructor_laterEntryForTheSamePairWins() public {
        IWorxMultisig.ClassConfig[] memory classes = new IWorxMultisig.ClassConfig[](2);
        classes[0] = IWorxMultisig.ClassConfig(address(target), MockTarget.setValue.selector, ROUTINE);
        classes[1] = IWorxMultisig.ClassConfig(address(target), MockTarget.setValue.selector, CRITICAL);
        WorxMultisig other = _deployConfigured(classes, _noTargets());
        assertEq(uint8(other.classOf(address(target), abi.encodeCall(MockTarget.setValue, (1)))), uint8(CRITICAL));
    }

    function test_constructor_revertsWhenAnInitialClassTargetsTheMultisigOrZero() public {
        address next = vm.computeCreateAddress(address(this), vm.getNonce(address(this)));
        vm.expectRevert(IWorxMultisig.CannotConfigureSelf.selector);
        _deployConfigured(_classes(next, IWorxMultisig.setGuardian.selector, ROUTINE), _noTargets());
        vm.expectRevert(abi.encodeWithSelector(IWorxMultisig.InvalidTarget.selector, address(0)));
        _deployConfigured(_classes(address(0), bytes4(0), ROUTINE), _noTargets());
    }

    function test_constructor_revertsWhenAnInitialPausableTargetHasNoCodeOrIsTheMultisig() public {
        vm.expectRevert(abi.encodeWithSelector(IWorxMultisig.InvalidTarget.selector, stranger));
        _deployConfigured(_noClasses(), _targets(stranger));
        address next = vm.computeCreateAddress(address(this), vm.getNonce(address(this)));
        vm.expectRevert(abi.encodeWithSelector(IWorxMultisig.InvalidTarget.selector, next));
        _deployConfigured(_noClasses(), _targets(next));
    }

    function test_constructor_withoutConfigurationEverythingIsCriticalAndNothingPausable() public {
        WorxMultisig other = _deployConfigured(_noClasses(), _noTargets());
        assertEq(uint8(other.classOf(address(target), abi.encodeCall(MockTarget.setValue, (1)))), uint8(CRITICAL));
        assertFalse(other.isPausableTarget(address(target)));
    }

    // ───────────────────────────── receive ─────────────────────────────

    function test_receive_acceptsNativeCoinAndEmitsReceived() public {
        vm.deal(stranger, 3 ether);
        vm.expectEmit(address(ms));
        emit IWorxMultisig.Received(stranger, 3 ether);
        vm.prank(stranger);
        (bool ok,) = address(ms).call{value: 3 ether}("");
        assertTrue(ok);
        assertEq(address(ms).balance, 3 ether);
    }

    /// @dev Contracts paying with `transfer`/`send` forward only 2,300 gas: `receive` (one event)
    /// must fit. (Under `--coverage` the instrumentation's own gas makes this one fail.)
    function test_receive_acceptsTransferWithItsGasStipend() public {
        vm.deal(address(this), 1 ether);
        payable(address(ms)).transfer(1 ether);
        assertEq(address(ms).balance, 1 ether);
    }

    // ───────────────────────────── propose ─────────────────────────────

    function test_propose_recordsPendingOperationWithProposerApproval() public {
        IWorxMultisig.Operation memory op = _routineOp(42);
        vm.prank(owners[2]);
        bytes32 id = ms.propose(op);

        assertEq(id, ms.hashOperation(op));
        IWorxMultisig.OperationRecord memory r = ms.getOperation(id);
        assertEq(uint8(r.state), uint8(IWorxMultisig.OperationState.Pending));
        assertEq(uint8(r.opClass), uint8(ROUTINE));
        assertEq(r.eta, 0);
        assertEq(r.approvals, 1 << 2);
        assertEq(ms.approvalCount(id), 1);
        assertTrue(ms.hasApproved(id, owners[2]));
        assertFalse(ms.hasApproved(id, owners[0]));
        assertFalse(ms.hasApproved(id, stranger));
    }

    function test_propose_emitsProposedThenApproved() public {
        IWorxMultisig.Operation memory op = _routineOp(42);
        bytes32 id = ms.hashOperation(op);
        vm.expectEmit(address(ms));
        emit IWorxMultisig.OperationProposed(id, owners[0], address(target), 0, op.data, op.nonce, ROUTINE);
        vm.expectEmit(address(ms));
        emit IWorxMultisig.Approved(id, owners[0]);
        vm.prank(owners[0]);
        ms.propose(op);
    }

    function test_propose_classifiesUnconfiguredCallsAsCritical() public {
        IWorxMultisig.Operation memory op = _op(address(target), 0, abi.encodeCall(MockTarget.pause, ()));
        vm.prank(owners[0]);
        bytes32 id = ms.propose(op);
        assertEq(uint8(ms.getOperation(id).opClass), uint8(CRITICAL));
    }

    function test_propose_classifiesSelfCallsAsCritical() public {
        vm.prank(owners[0]);
        bytes32 id = ms.propose(_selfOp(abi.encodeCall(IWorxMultisig.setGuardian, (stranger))));
        assertEq(uint8(ms.getOperation(id).opClass), uint8(CRITICAL));
    }

    function test_propose_revertsWhenNotOwner() public {
        vm.expectRevert(_notOwner(stranger));
        vm.prank(stranger);
        ms.propose(_routineOp(1));
    }

    function test_propose_revertsWhenTargetIsZero() public {
        vm.expectRevert(abi.encodeWithSelector(IWorxMultisig.InvalidTarget.selector, address(0)));
        vm.prank(owners[0]);
        ms.propose(_op(address(0), 1 ether, ""));
    }

    function test_propose_revertsWhenAlreadyProposed() public {
        IWorxMultisig.Operation memory op = _routineOp(1);
        vm.prank(owners[0]);
        bytes32 id = ms.propose(op);
        vm.expectRevert(_alreadyProposed(id, IWorxMultisig.OperationState.Pending));
        vm.prank(owners[1]);
        ms.propose(op);
    }

    function test_propose_revertsWhenReplayingAnExecutedOperation() public {
        IWorxMultisig.Operation memory op = _routineOp(1);
        bytes32 id = _queued(op, 2);
        vm.warp(block.timestamp + ROUTINE_DELAY);
        ms.execute(op);
        vm.expectRevert(_alreadyProposed(id, IWorxMultisig.OperationState.Executed));
        vm.prank(owners[0]);
        ms.propose(op);
    }

    function test_propose_sameCallUnderANewNonceIsANewOperation() public {
        IWorxMultisig.Operation memory op = _routineOp(1);
        vm.prank(owners[0]);
        bytes32 first = ms.propose(op);
        op.nonce = 99;
        vm.prank(owners[0]);
        bytes32 second = ms.propose(op);
        assertTrue(first != second);
    }

    // ───────────────────────────── approve ─────────────────────────────

    function test_approve_recordsApprovalAndEmits() public {
        vm.prank(owners[0]);
        bytes32 id = ms.propose(_routineOp(1));
        vm.expectEmit(address(ms));
        emit IWorxMultisig.Approved(id, owners[3]);
        vm.prank(owners[3]);
        ms.approve(id);
        assertEq(ms.approvalCount(id), 2);
        assertTrue(ms.hasApproved(id, owners[3]));
    }

    function test_approve_isNoOpWhenAlreadyApproved() public {
        vm.prank(owners[0]);
        bytes32 id = ms.propose(_routineOp(1));
        vm.recordLogs();
        vm.prank(owners[0]);
        ms.approve(id);
        assertEq(vm.getRecordedLogs().length, 0, "no event");
        assertEq(ms.approvalCount(id), 1);
    }

    function test_approve_revertsWhenNotOwner() public {
        vm.prank(owners[0]);
        bytes32 id = ms.propose(_routineOp(1));
        vm.expectRevert(_notOwner(stranger));
        vm.prank(stranger);
        ms.approve(id);
    }

    function test_approve_revertsWhenUnknown() public {
        bytes32 id = keccak256("nothing");
        vm.expectRevert(_stateErr(id, IWorxMultisig.OperationState.Unknown));
        vm.prank(owners[0]);
        ms.approve(id);
    }

    function test_approve_revertsWhenQueued() public {
        bytes32 id = _queued(_routineOp(1), 2);
        vm.expectRevert(_stateErr(id, IWorxMultisig.OperationState.Queued));
        vm.prank(owners[4]);
        ms.approve(id);
    }

    function test_approve_worksForContractOwners() public {
        ContractOwner wallet = new ContractOwner();
        _administer(abi.encodeCall(IWorxMultisig.addOwner, (address(wallet))));
        vm.prank(owners[0]);
        bytes32 id = ms.propose(_routineOp(1));
        wallet.approveOn(ms, id);
        assertTrue(ms.hasApproved(id, address(wallet)));
        assertEq(ms.approvalCount(id), 2);
    }

    // ───────────────────────────── approveWithSignatures ─────────────────────────────

    function test_approveWithSignatures_proposesAndRecordsEverySigner() public {
        IWorxMultisig.Operation memory op = _routineOp(5);
        bytes32 id = ms.hashOperation(op);
        vm.expectEmit(address(ms));
        emit IWorxMultisig.OperationProposed(id, stranger, address(target), 0, op.data, op.nonce, ROUTINE);
        vm.expectEmit(address(ms));
        emit IWorxMultisig.Approved(id, owners[1]);
        vm.expectEmit(address(ms));
        emit IWorxMultisig.Approved(id, owners[3]);
        vm.prank(stranger); // anyone may relay owners' signatures
        assertEq(ms.approveWithSignatures(op, _sigs(id, _idx(1, 3))), id);
        _assertState(id, IWorxMultisig.OperationState.Pending);
        assertEq(ms.approvalCount(id), 2);
        assertTrue(ms.hasApproved(id, owners[1]) && ms.hasApproved(id, owners[3]));
    }

    function test_approveWithSignatures_addsToOnChainApprovals() public {
        IWorxMultisig.Operation memory op = _selfOp(abi.encodeCall(IWorxMultisig.setGuardian, (stranger)));
        vm.prank(owners[4]);
        bytes32 id = ms.propose(op);
        ms.approveWithSignatures(op, _sigs(id, _idx(0, 2)));
        assertEq(ms.approvalCount(id), 3);
        ms.queue(op); // Critical: the union of on-chain and signed approvals reaches 3
    }

    function test_approveWithSignatures_skipsOwnersAlreadyCounted() public {
        IWorxMultisig.Operation memory op = _routineOp(5);
        vm.prank(owners[1]);
        bytes32 id = ms.propose(op);
        vm.recordLogs();
        ms.approveWithSignatures(op, _sigs(id, _idx(1, 2)));
        Vm.Log[] memory logs = vm.getRecordedLogs();
        assertEq(_countLogs(logs, IWorxMultisig.Approved.selector), 1, "only owner 2 is new");
        assertEq(logs[0].topics[2], bytes32(uint256(uint160(owners[2]))));
        assertEq(ms.approvalCount(id), 2);

        vm.recordLogs();
        ms.approveWithSignatures(op, _sigs(id, _idx(1, 2))); // the same list again changes nothing
        assertEq(vm.getRecordedLogs().length, 0);
        assertEq(ms.approvalCount(id), 2);
    }

    function test_approveWithSignatures_revertsWhenEmpty() public {
        vm.expectRevert(IWorxMultisig.NoSignatures.selector);
        ms.approveWithSignatures(_routineOp(1), new IWorxMultisig.SignedApproval[](0));
    }

    function test_approveWithSignatures_revertsWhenSignerRepeated() public {
        IWorxMultisig.Operation memory op = _routineOp(1);
        bytes32 id = ms.hashOperation(op);
        vm.expectRevert(abi.encodeWithSelector(IWorxMultisig.SignersNotAscending.selector, owners[2], owners[2]));
        ms.approveWithSignatures(op, _sigs(id, _idx(2, 2)));
    }

    function test_approveWithSignatures_revertsWhenSignersUnsorted() public {
        IWorxMultisig.Operation memory op = _routineOp(1);
        bytes32 id = ms.hashOperation(op);
        vm.expectRevert(abi.encodeWithSelector(IWorxMultisig.SignersNotAscending.selector, owners[3], owners[1]));
        ms.approveWithSignatures(op, _sigs(id, _idx(3, 1)));
    }

    function test_approveWithSignatures_revertsWhenSignerNotOwner() public {
        IWorxMultisig.Operation memory op = _routineOp(1);
        bytes32 id = ms.hashOperation(op);
        vm.expectRevert(_notOwner(stranger));
        ms.approveWithSignatures(op, _one(stranger, _sign(strangerKey, id)));
    }

    function test_approveWithSignatures_revertsWhenSignedByAnotherKey() public {
        IWorxMultisig.Operation memory op = _routineOp(1);
        bytes32 id = ms.hashOperation(op);
        // A stranger's valid signature presented as an owner's.
        vm.expectRevert(abi.encodeWithSelector(IWorxMultisig.InvalidSignature.selector, owners[0]));
        ms.approveWithSignatures(op, _one(owners[0], _sign(strangerKey, id)));
        assertEq(uint8(_state(id)), uint8(IWorxMultisig.OperationState.Unknown));
    }

    function test_approveWithSignatures_revertsWhenSignatureIsHighS() public {
        IWorxMultisig.Operation memory op = _routineOp(1);
        bytes32 id = ms.hashOperation(op);
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(keys[0], id);
        // The malleated twin (n - s, flipped v) recovers to the same owner with raw ecrecover...
        bytes32 highS = bytes32(SECP256K1_N - uint256(s));
        uint8 flippedV = v == 27 ? 28 : 27;
        assertEq(ecrecover(id, flippedV, r, highS), owners[0]);
        // ...but is rejected: only the canonical low-s form is accepted.
        vm.expectRevert(abi.encodeWithSelector(IWorxMultisig.InvalidSignature.selector, owners[0]));
        ms.approveWithSignatures(op, _one(owners[0], abi.encodePacked(r, highS, flippedV)));
        // The canonical form works.
        ms.approveWithSignatures(op, _one(owners[0], abi.encodePacked(r, s, v)));
        assertEq(ms.approvalCount(id), 1);
    }

    function test_approveWithSignatures_revertsWhenSignatureNot65Bytes() public {
        IWorxMultisig.Operation memory op = _routineOp(1);
        bytes32 id = ms.hashOperation(op);
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(keys[0], id);
        // ERC-2098 compact (64-byte) form of a valid signature is rejected.
        bytes32 vs = bytes32(uint256(s) | (uint256(v - 27) << 255));
        vm.expectRevert(abi.encodeWithSelector(IWorxMultisig.InvalidSignature.selector, owners[0]));
        ms.approveWithSignatures(op, _one(owners[0], abi.encodePacked(r, vs)));
    }

    function test_approveWithSignatures_revertsWhenSignedForAnotherChain() public {
        IWorxMultisig.Operation memory op = _routineOp(1);
        bytes32 idHere = ms.hashOperation(op);
        IWorxMultisig.SignedApproval[] memory sigs = _firstSigs(idHere, 2);

        vm.chainId(block.chainid + 1);
        bytes32 idThere = ms.hashOperation(op);
        assertTrue(idThere != idHere, "the chain id is part of the id");
        vm.expectRevert(abi.encodeWithSelector(IWorxMultisig.InvalidSignature.selector, owners[0]));
        ms.approveWithSignatures(op, sigs);
    }

    function test_approveWithSignatures_revertsWhenSignedForAnotherMultisig() public {
        WorxMultisig twin = _deploy(owners, 2, 3, ROUTINE_DELAY, CRITICAL_DELAY);
        IWorxMultisig.Operation memory op = _routineOp(1);
        IWorxMultisig.SignedApproval[] memory sigs = _firstSigs(twin.hashOperation(op), 2);
        vm.expectRevert(abi.encodeWithSelector(IWorxMultisig.InvalidSignature.selector, owners[0]));
        ms.approveWithSignatures(op, sigs);
    }

    function test_approveWithSignatures_revertsWhenGivenCancelSignatures() public {
        IWorxMultisig.Operation memory op = _routineOp(1);
        IWorxMultisig.SignedApproval[] memory sigs = _firstSigs(ms.hashCancel(ms.hashOperation(op)), 2);
        vm.expectRevert(abi.encodeWithSelector(IWorxMultisig.InvalidSignature.selector, owners[0]));
        ms.approveWithSignatures(op, sigs);
    }

    function test_approveWithSignatures_acceptsEip1271ContractOwner() public {
        ContractOwner wallet = new ContractOwner();
        _administer(abi.encodeCall(IWorxMultisig.addOwner, (address(wallet))));
        IWorxMultisig.Operation memory op = _routineOp(1);
        bytes32 id = ms.hashOperation(op);
        wallet.sign(id);
        ms.approveWithSignatures(op, _one(address(wallet), hex"c0ffee"));
        assertTrue(ms.hasApproved(id, address(wallet)));
    }

    function test_approveWithSignatures_revertsWhenEip1271OwnerRefuses() public {
        ContractOwner wallet = new ContractOwner();
        _administer(abi.encodeCall(IWorxMultisig.addOwner, (address(wallet))));
        IWorxMultisig.Operation memory op = _routineOp(1);
        vm.expectRevert(abi.encodeWithSelector(IWorxMultisig.InvalidSignature.selector, address(wallet)));
        ms.approveWithSignatures(op, _one(address(wallet), hex"c0ffee"));
    }

    function test_approveWithSignatures_revertsWhenQueued() public {
        IWorxMultisig.Operation memory op = _routineOp(1);
        bytes32 id = _queued(op, 2);
        vm.expectRevert(_stateErr(id, IWorxMultisig.OperationState.Queued));
        ms.approveWithSignatures(op, _sigs(id, _idx(4)));
    }

    function test_approveWithSignatures_revertsWhenTargetIsZero() public {
        IWorxMultisig.Operation memory op = _op(address(0), 0, "");
        IWorxMultisig.SignedApproval[] memory sigs = _firstSigs(ms.hashOperation(op), 1);
        vm.expectRevert(abi.encodeWithSelector(IWorxMultisig.InvalidTarget.selector, address(0)));
        ms.approveWithSignatures(op, sigs);
    }

    // ───────────────────────────── queue ─────────────────────────────

    function test_queue_setsEtaFromTheRoutineDelay() public {
        IWorxMultisig.Operation memory op = _routineOp(1);
        bytes32 id = ms.approveWithSignatures(op, _firstSigs(ms.hashOperation(op), 2));
        uint256 expected = block.timestamp + ROUTINE_DELAY;
        vm.expectEmit(address(ms));
        emit IWorxMultisig.Queued(id, ROUTINE, 2, expected);
        vm.prank(stranger); // anyone may queue
        assertEq(ms.queue(op), expected);
        IWorxMultisig.OperationRecord memory r = ms.getOperation(id);
        assertEq(uint8(r.state), uint8(IWorxMultisig.OperationState.Queued));
        assertEq(r.eta, expected);
    }

    function test_queue_setsEtaFromTheCriticalDelay() public {
        IWorxMultisig.Operation memory op = _selfOp(abi.encodeCall(IWorxMultisig.setGuardian, (stranger)));
        ms.approveWithSignatures(op, _firstSigs(ms.hashOperation(op), 3));
        assertEq(ms.queue(op), block.timestamp + CRITICAL_DELAY);
    }

    function test_queue_revertsWhenRoutineBelowItsThreshold() public {
        IWorxMultisig.Operation memory op = _routineOp(1);
        vm.prank(owners[0]);
        bytes32 id = ms.propose(op);
        vm.expectRevert(abi.encodeWithSelector(IWorxMultisig.InsufficientApprovals.selector, id, 1, 2));
        ms.queue(op);
    }

    function test_queue_revertsWhenCriticalHasOnlyTheRoutineThreshold() public {
        // The same target, an unconfigured selector: Critical, so two approvals are not enough.
        IWorxMultisig.Operation memory op = _op(address(target), 0, abi.encodeCall(MockTarget.pause, ()));
        bytes32 id = ms.approveWithSignatures(op, _firstSigs(ms.hashOperation(op), 2));
        vm.expectRevert(abi.encodeWithSelector(IWorxMultisig.InsufficientApprovals.selector, id, 2, 3));
        ms.queue(op);
        ms.approveWithSignatures(op, _sigs(id, _idx(4)));
        ms.queue(op);
    }

    function test_queue_revertsWhenUnknown() public {
        IWorxMultisig.Operation memory op = _routineOp(1);
        vm.expectRevert(_stateErr(ms.hashOperation(op), IWorxMultisig.OperationState.Unknown));
        ms.queue(op);
    }

    function test_queue_revertsWhenAlreadyQueued() public {
        IWorxMultisig.Operation memory op = _routineOp(1);
        bytes32 id = _queued(op, 2);
        vm.expectRevert(_stateErr(id, IWorxMultisig.OperationState.Queued));
        ms.queue(op);
    }

    function test_queue_revertsWithExpiredWhenQueuedLongAgo() public {
        IWorxMultisig.Operation memory op = _routineOp(1);
        bytes32 id = _queued(op, 2);
        vm.warp(block.timestamp + ROUTINE_DELAY + GRACE + 1);
        vm.expectRevert(_stateErr(id, IWorxMultisig.OperationState.Expired));
        ms.queue(op);
    }

    function test_queue_ignoresApprovalsVoidedByAnOwnerRemoval() public {
        IWorxMultisig.Operation memory op = _routineOp(1);
        bytes32 id = ms.approveWithSignatures(op, _sigs(ms.hashOperation(op), _idx(0, 4)));
        assertEq(ms.approvalCount(id), 2);

        _administer(abi.encodeCall(IWorxMultisig.removeOwner, (owners[4])));
        assertEq(ms.approvalCount(id), 0, "stale approvals never count");
        assertFalse(ms.hasApproved(id, owners[0]));
        vm.expectRevert(abi.encodeWithSelector(IWorxMultisig.InsufficientApprovals.selector, id, 0, 2));
        ms.queue(op);

        // The removed owner's signature is rejected; a current owner's old signature can be resubmitted.
        vm.expectRevert(_notOwner(owners[4]));
        ms.approveWithSignatures(op, _sigs(id, _idx(4)));
        ms.approveWithSignatures(op, _sigs(id, _idx(0)));
        assertEq(ms.approvalCount(id), 1);
        vm.prank(owners[1]);
        ms.approve(id);
        ms.queue(op);
    }

    function test_queue_usesCriticalWhenReconfiguredAfterProposal() public {
        IWorxMultisig.Operation memory op = _routineOp(1);
        bytes32 id = ms.approveWithSignatures(op, _firstSigs(ms.hashOperation(op), 2));
        assertEq(uint8(ms.getOperation(id).opClass), uint8(ROUTINE));

        _administer(
            abi.encodeCall(IWorxMultisig.configureClass, (address(target), MockTarget.setValue.selector, CRITICAL))
        );
        vm.expectRevert(abi.encodeWithSelector(IWorxMultisig.InsufficientApprovals.selector, id, 2, 3));
        ms.queue(op);
        ms.approveWithSignatures(op, _sigs(id, _idx(2)));
        assertEq(ms.queue(op), block.timestamp + CRITICAL_DELAY);
        assertEq(uint8(ms.getOperation(id).opClass), uint8(CRITICAL));
    }

    function test_queue_keepsCriticalWhenReconfiguredRoutineAfterProposal() public {
        IWorxMultisig.Operation memory op = _op(address(target), 0, abi.encodeCall(MockTarget.unpause, ()));
        bytes32 id = ms.approveWithSignatures(op, _firstSigs(ms.hashOperation(op), 2));
        _administer(
            abi.encodeCall(IWorxMultisig.configureClass, (address(target), MockTarget.unpause.selector, ROUTINE))
        );
        vm.expectRevert(abi.encodeWithSelector(IWorxMultisig.InsufficientApprovals.selector, id, 2, 3));
        ms.queue(op);
    }

    // ───────────────────────────── execute ─────────────────────────────

    function test_execute_callsTargetWithValueAndData() public {
        vm.deal(address(ms), 2 ether);
        IWorxMultisig.Operation memory op = _op(address(target), 1 ether, abi.encodeCall(MockTarget.setValue, (77)));
        bytes32 id = _queued(op, 2);
        vm.warp(block.timestamp + ROUTINE_DELAY);
        vm.expectEmit(address(ms));
        emit IWorxMultisig.Executed(id, address(target), 1 ether);
        vm.prank(stranger); // anyone may execute
        ms.execute(op);
        assertEq(target.value(), 77);
        assertEq(target.received(), 1 ether);
        assertEq(address(ms).balance, 1 ether);
        _assertState(id, IWorxMultisig.OperationState.Executed);
    }

    function test_execute_sendsNativeCoinToAnAccount() public {
        address payee = makeAddr("payee");
        vm.deal(address(ms), 5 ether);
        IWorxMultisig.Operation memory op = _op(payee, 5 ether, "");
        _queued(op, 3); // a plain transfer is unconfigured: Critical
        vm.warp(block.timestamp + CRITICAL_DELAY);
        ms.execute(op);
        assertEq(payee.balance, 5 ether);
        assertEq(address(ms).balance, 0);
    }

    function test_execute_transfersErc20() public {
        address payee = makeAddr("payee");
        usd.mint(address(ms), 1_000e6);
        IWorxMultisig.Operation memory op = _op(address(usd), 0, abi.encodeCall(usd.transfer, (payee, 400e6)));
        _queued(op, 3);
        vm.warp(block.timestamp + CRITICAL_DELAY);
        ms.execute(op);
        assertEq(usd.balanceOf(payee), 400e6);
        assertEq(usd.balanceOf(address(ms)), 600e6);
    }

    function test_execute_revertsBeforeEtaAndRunsExactlyAtEta() public {
        IWorxMultisig.Operation memory op = _routineOp(1);
        bytes32 id = _queued(op, 2);
        uint256 eta = block.timestamp + ROUTINE_DELAY;
        vm.expectRevert(abi.encodeWithSelector(IWorxMultisig.TimelockNotElapsed.selector, id, eta));
        ms.execute(op);
        vm.warp(eta - 1);
        vm.expectRevert(abi.encodeWithSelector(IWorxMultisig.TimelockNotElapsed.selector, id, eta));
        ms.execute(op);
        vm.warp(eta);
        ms.execute(op);
        assertEq(target.calls(), 1);
    }

    function test_execute_runsOnTheLastSecondOfTheGracePeriod() public {
        IWorxMultisig.Operation memory op = _routineOp(1);
        _queued(op, 2);
        vm.warp(block.timestamp + ROUTINE_DELAY + GRACE);
        ms.execute(op);
        assertEq(target.calls(), 1);
    }

    function test_execute_revertsAfterTheGracePeriod() public {
        IWorxMultisig.Operation memory op = _routineOp(1);
        bytes32 id = _queued(op, 2);
        uint256 expiredAt = block.timestamp + ROUTINE_DELAY + GRACE;
        vm.warp(expiredAt + 1);
        _assertState(id, IWorxMultisig.OperationState.Expired);
        vm.expectRevert(abi.encodeWithSelector(IWorxMultisig.OperationExpired.selector, id, expiredAt));
        ms.execute(op);
    }

    function test_execute_revertsWhenReplayed() public {
        IWorxMultisig.Operation memory op = _routineOp(1);
        bytes32 id = _queued(op, 2);
        vm.warp(block.timestamp + ROUTINE_DELAY);
        ms.execute(op);
        vm.expectRevert(_stateErr(id, IWorxMultisig.OperationState.Executed));
        ms.execute(op);
        assertEq(target.calls(), 1);
    }

    function test_execute_revertsWhenPending() public {
        IWorxMultisig.Operation memory op = _routineOp(1);
        vm.prank(owners[0]);
        bytes32 id = ms.propose(op);
        vm.expectRevert(_stateErr(id, IWorxMultisig.OperationState.Pending));
        ms.execute(op);
    }

    function test_execute_revertsWhenUnknown() public {
        IWorxMultisig.Operation memory op = _routineOp(1);
        vm.expectRevert(_stateErr(ms.hashOperation(op), IWorxMultisig.OperationState.Unknown));
        ms.execute(op);
    }

    function test_execute_revertsWhenAnyFieldDiffersFromTheQueuedOperation() public {
        IWorxMultisig.Operation memory op = _routineOp(1);
        _queued(op, 2);
        vm.warp(block.timestamp + ROUTINE_DELAY);
        op.data = abi.encodeCall(MockTarget.setValue, (2));
        vm.expectRevert(_stateErr(ms.hashOperation(op), IWorxMultisig.OperationState.Unknown));
        ms.execute(op);
    }

    function test_execute_bubblesTheTargetsRevertReason() public {
        IWorxMultisig.Operation memory op = _op(address(target), 0, abi.encodeCall(MockTarget.boom, ()));
        bytes32 id = _queued(op, 3);
        vm.warp(block.timestamp + CRITICAL_DELAY);
        vm.expectRevert(abi.encodeWithSelector(MockTarget.Boom.selector, 7));
        ms.execute(op);
        _assertState(id, IWorxMultisig.OperationState.Queued); // the revert undid the state change too
    }

    function test_execute_revertsWithCallFailedOnAReasonlessRevert() public {
        IWorxMultisig.Operation memory op = _op(address(target), 0, abi.encodeCall(MockTarget.silent, ()));
        bytes32 id = _queued(op, 3);
        vm.warp(block.timestamp + CRITICAL_DELAY);
        vm.expectRevert(abi.encodeWithSelector(IWorxMultisig.CallFailed.selector, id));
        ms.execute(op);
    }

    function test_execute_revertsWhenBalanceTooLow() public {
        vm.deal(address(ms), 1 ether);
        IWorxMultisig.Operation memory op = _op(makeAddr("payee"), 2 ether, "");
        _queued(op, 3);
        vm.warp(block.timestamp + CRITICAL_DELAY);
        vm.expectRevert(abi.encodeWithSelector(IWorxMultisig.InsufficientBalance.selector, 1 ether, 2 ether));
        ms.execute(op);
    }

    function test_execute_marksExecutedBeforeTheCall() public {
        Probe probe = new Probe(ms);
        IWorxMultisig.Operation memory op = _op(address(probe), 0, abi.encodeCall(Probe.poke, ()));
        probe.watch(_queued(op, 3));
        vm.warp(block.timestamp + CRITICAL_DELAY);
        ms.execute(op);
        assertEq(uint8(probe.seen()), uint8(IWorxMultisig.OperationState.Executed));
    }

    function test_execute_cannotBeReenteredByTheTarget() public {
        Probe probe = new Probe(ms);
        IWorxMultisig.Operation memory inner = _routineOp(9);
        _queued(inner, 2);
        probe.arm(inner);
        IWorxMultisig.Operation memory outer = _op(address(probe), 0, abi.encodeCall(Probe.poke, ()));
        _queued(outer, 3);
        vm.warp(block.timestamp + CRITICAL_DELAY);
        vm.expectRevert(ReentrancyGuardTransient.ReentrancyGuardReentrantCall.selector);
        ms.execute(outer);
        ms.execute(inner); // still runs on its own
        assertEq(target.value(), 9);
    }

    // ───────────────────────────── approveCancel ─────────────────────────────

    function test_approveCancel_cancelsAPendingOperationAtItsThreshold() public {
        IWorxMultisig.Operation memory op = _routineOp(1);
        vm.prank(owners[0]);
        bytes32 id = ms.propose(op);

        vm.expectEmit(address(ms));
        emit IWorxMultisig.CancelApproved(id, owners[1]);
        vm.prank(owners[1]);
        ms.approveCancel(id);
        _assertState(id, IWorxMultisig.OperationState.Pending);
        assertEq(ms.cancelApprovalCount(id), 1);
        assertTrue(ms.hasApprovedCancel(id, owners[1]));

        vm.expectEmit(address(ms));
        emit IWorxMultisig.CancelApproved(id, owners[2]);
        vm.expectEmit(address(ms));
        emit IWorxMultisig.Cancelled(id);
        vm.prank(owners[2]);
        ms.approveCancel(id); // Routine: two owners cancel
        _assertState(id, IWorxMultisig.OperationState.Cancelled);

        vm.expectRevert(_stateErr(id, IWorxMultisig.OperationState.Cancelled));
        ms.queue(op);
    }

    function test_approveCancel_cancelsAQueuedOperationDuringTheTimelock() public {
        IWorxMultisig.Operation memory op = _op(address(target), 0, abi.encodeCall(MockTarget.pause, ()));
        bytes32 id = _queued(op, 3);
        vm.warp(block.timestamp + CRITICAL_DELAY - 1);
        for (uint256 i; i < 2; ++i) {
            vm.prank(owners[i]);
            ms.approveCancel(id);
        }
        _assertState(id, IWorxMultisig.OperationState.Queued); // Critical needs three
        vm.prank(owners[2]);
        ms.approveCancel(id);
        _assertState(id, IWorxMultisig.OperationState.Cancelled);

        vm.warp(block.timestamp + 1);
        vm.expectRevert(_stateErr(id, IWorxMultisig.OperationState.Cancelled));
        ms.execute(op);
        assertFalse(target.paused());
    }

    function test_approveCancel_cancelsAnExpiredOperation() public {
        bytes32 id = _queued(_routineOp(1), 2);
        vm.warp(block.timestamp + ROUTINE_DELAY + GRACE + 1);
        for (uint256 i; i < 2; ++i) {
            vm.prank(owners[i]);
            ms.approveCancel(id);
        }
        _assertState(id, IWorxMultisig.OperationState.Cancelled);
    }

    function test_approveCancel_isNoOpWhenRepeated() public {
        vm.prank(owners[0]);
        bytes32 id = ms.propose(_routineOp(1));
        vm.prank(owners[0]);
        ms.approveCancel(id);
        vm.recordLogs();
        vm.prank(owners[0]);
        ms.approveCancel(id);
        assertEq(vm.getRecordedLogs().length, 0);
        assertEq(ms.cancelApprovalCount(id), 1);
    }

    function test_approveCancel_cancelsWhenALoweredThresholdIsAlreadyMet() public {
        IWorxMultisig.Operation memory op = _op(address(target), 0, abi.encodeCall(MockTarget.pause, ()));
        vm.prank(owners[0]);
        bytes32 id = ms.propose(op);
        for (uint256 i; i < 2; ++i) {
            vm.prank(owners[i]);
            ms.approveCancel(id);
        }
        _administer(abi.encodeCall(IWorxMultisig.setThreshold, (CRITICAL, 2)));
        vm.expectEmit(address(ms));
        emit IWorxMultisig.Cancelled(id);
        vm.prank(owners[0]);
        ms.approveCancel(id);
        _assertState(id, IWorxMultisig.OperationState.Cancelled);
    }

    function test_approveCancel_revertsWhenNotOwner() public {
        vm.prank(owners[0]);
        bytes32 id = ms.propose(_routineOp(1));
        vm.expectRevert(_notOwner(stranger));
        vm.prank(stranger);
        ms.approveCancel(id);
    }

    function test_approveCancel_revertsWhenUnknown() public {
        bytes32 id = keccak256("nothing");
        vm.expectRevert(_stateErr(id, IWorxMultisig.OperationState.Unknown));
        vm.prank(owners[0]);
        ms.approveCancel(id);
    }

    function test_approveCancel_revertsWhenExecuted() public {
        IWorxMultisig.Operation memory op = _routineOp(1);
        bytes32 id = _queued(op, 2);
        vm.warp(block.timestamp + ROUTINE_DELAY);
        ms.execute(op);
        vm.expectRevert(_stateErr(id, IWorxMultisig.OperationState.Executed));
        vm.prank(owners[0]);
        ms.approveCancel(id);
    }

    // ───────────────────────────── approveCancelWithSignatures ─────────────────────────────

    function test_approveCancelWithSignatures_cancelsAtTheThreshold() public {
        IWorxMultisig.Operation memory op = _routineOp(1);
        bytes32 id = _queued(op, 2);
        bytes32 digest = ms.hashCancel(id);
        vm.expectEmit(address(ms));
        emit IWorxMultisig.CancelApproved(id, owners[1]);
        vm.expectEmit(address(ms));
        emit IWorxMultisig.CancelApproved(id, owners[4]);
        vm.expectEmit(address(ms));
        emit IWorxMultisig.Cancelled(id);
        vm.prank(stranger);
        ms.approveCancelWithSignatures(id, _sigs(digest, _idx(1, 4)));
        _assertState(id, IWorxMultisig.OperationState.Cancelled);
    }

    function test_approveCancelWithSignatures_combinesWithOnChainCancelApprovals() public {
        IWorxMultisig.Operation memory op = _selfOp(abi.encodeCall(IWorxMultisig.setGuardian, (stranger)));
        bytes32 id = _queued(op, 3);
        vm.prank(owners[3]);
        ms.approveCancel(id);
        ms.approveCancelWithSignatures(id, _sigs(ms.hashCancel(id), _idx(0, 3)));
        _assertState(id, IWorxMultisig.OperationState.Queued);
        assertEq(ms.cancelApprovalCount(id), 2);
        ms.approveCancelWithSignatures(id, _sigs(ms.hashCancel(id), _idx(2)));
        _assertState(id, IWorxMultisig.OperationState.Cancelled);
    }

    function test_approveCancelWithSignatures_revertsWhenGivenOperationSignatures() public {
        IWorxMultisig.Operation memory op = _routineOp(1);
        bytes32 id = _queued(op, 2);
        vm.expectRevert(abi.encodeWithSelector(IWorxMultisig.InvalidSignature.selector, owners[0]));
        ms.approveCancelWithSignatures(id, _firstSigs(id, 2));
    }

    function test_approveCancelWithSignatures_revertsWhenSignerRepeatedOrNotOwner() public {
        bytes32 id = _queued(_routineOp(1), 2);
        bytes32 digest = ms.hashCancel(id);
        vm.expectRevert(abi.encodeWithSelector(IWorxMultisig.SignersNotAscending.selector, owners[1], owners[1]));
        ms.approveCancelWithSignatures(id, _sigs(digest, _idx(1, 1)));
        vm.expectRevert(_notOwner(stranger));
        ms.approveCancelWithSignatures(id, _one(stranger, _sign(strangerKey, digest)));
        vm.expectRevert(IWorxMultisig.NoSignatures.selector);
        ms.approveCancelWithSignatures(id, new IWorxMultisig.SignedApproval[](0));
    }

    // ───────────────────────────── guardianPause ─────────────────────────────

    function _pausableEscrow() internal returns (MilestoneEscrow escrow) {
        escrow = new MilestoneEscrow(address(ms), makeAddr("treasury"), 1_000, new address[](0));
        vm.prank(address(ms));
        ms.setPausableTarget(address(escrow), true);
    }

    function test_guardianPause_pausesAPausableTargetAndEmits() public {
        MilestoneEscrow escrow = _pausableEscrow();
        vm.expectEmit(address(ms));
        emit IWorxMultisig.GuardianPaused(guardian, address(escrow));
        vm.prank(guardian);
        ms.guardianPause(address(escrow));
        assertTrue(escrow.paused());
    }

    function test_guardianPause_revertsWhenNotGuardian() public {
        MilestoneEscrow escrow = _pausableEscrow();
        vm.expectRevert(abi.encodeWithSelector(IWorxMultisig.NotGuardian.selector, owners[0]));
        vm.prank(owners[0]); // not even an owner may skip the timelock
        ms.guardianPause(address(escrow));
    }

    function test_guardianPause_revertsWhenTargetNotPausable() public {
        vm.expectRevert(abi.encodeWithSelector(IWorxMultisig.TargetNotPausable.selector, address(target)));
        vm.prank(guardian);
        ms.guardianPause(address(target));
    }

    function test_guardianPause_bubblesTheTargetsRevert() public {
        MilestoneEscrow escrow = _pausableEscrow();
        vm.prank(guardian);
        ms.guardianPause(address(escrow));
        vm.expectRevert(Pausable.EnforcedPause.selector);
        vm.prank(guardian);
        ms.guardianPause(address(escrow));
    }

    function test_guardianPause_revertsWithPauseFailedOnAReasonlessRevert() public {
        SilentPauser pauser = new SilentPauser();
        vm.prank(address(ms));
        ms.setPausableTarget(address(pauser), true);
        vm.expectRevert(abi.encodeWithSelector(IWorxMultisig.PauseFailed.selector, address(pauser)));
        vm.prank(guardian);
        ms.guardianPause(address(pauser));
    }

    function test_guardianPause_neverMovesFunds() public {
        MilestoneEscrow escrow = _pausableEscrow();
        vm.deal(address(ms), 7 ether);
        usd.mint(address(ms), 100e6);
        vm.prank(guardian);
        ms.guardianPause(address(escrow));
        assertEq(address(ms).balance, 7 ether);
        assertEq(usd.balanceOf(address(ms)), 100e6);
        assertEq(address(escrow).balance, 0);
    }

    function test_guardianPause_unpauseOnlyThroughATimelockedOperation() public {
        MilestoneEscrow escrow = _pausableEscrow();
        vm.prank(guardian);
        ms.guardianPause(address(escrow));

        // The guardian has no way to unpause (nor the multisig's roles outside an operation).
        vm.expectRevert();
        vm.prank(guardian);
        escrow.unpause();

        IWorxMultisig.Operation memory op = _op(address(escrow), 0, abi.encodeCall(IMilestoneEscrow.unpause, ()));
        bytes32 id = _queued(op, 3);
        uint256 eta = block.timestamp + CRITICAL_DELAY;
        vm.expectRevert(abi.encodeWithSelector(IWorxMultisig.TimelockNotElapsed.selector, id, eta));
        ms.execute(op);
        vm.warp(block.timestamp + CRITICAL_DELAY);
        ms.execute(op);
        assertFalse(escrow.paused());
    }

    // ───────────────────────────── administration ─────────────────────────────

    function test_administration_revertsWhenCalledDirectly() public {
        vm.startPrank(owners[0]);
        vm.expectRevert(_onlySelf(owners[0]));
        ms.addOwner(stranger);
        vm.expectRevert(_onlySelf(owners[0]));
        ms.removeOwner(owners[1]);
        vm.expectRevert(_onlySelf(owners[0]));
        ms.setThreshold(ROUTINE, 1);
        vm.expectRevert(_onlySelf(owners[0]));
        ms.setDelay(ROUTINE, 1 hours);
        vm.expectRevert(_onlySelf(owners[0]));
        ms.configureClass(address(target), MockTarget.pause.selector, ROUTINE);
        vm.expectRevert(_onlySelf(owners[0]));
        ms.setPausableTarget(address(target), true);
        vm.expectRevert(_onlySelf(owners[0]));
        ms.setGuardian(owners[0]);
        vm.stopPrank();
    }

    function test_administration_selfCallsNeedTheCriticalThreshold() public {
        IWorxMultisig.Operation memory op = _selfOp(abi.encodeCall(IWorxMultisig.setThreshold, (CRITICAL, 1)));
        bytes32 id = ms.approveWithSignatures(op, _firstSigs(ms.hashOperation(op), ROUTINE_THRESHOLD));
        assertEq(uint8(ms.classOf(address(ms), op.data)), uint8(CRITICAL));
        vm.expectRevert(abi.encodeWithSelector(IWorxMultisig.InsufficientApprovals.selector, id, 2, 3));
        ms.queue(op);
    }

    function test_administration_selfCallsWaitTheCriticalDelay() public {
        IWorxMultisig.Operation memory op = _selfOp(abi.encodeCall(IWorxMultisig.setGuardian, (stranger)));
        bytes32 id = _queued(op, 3);
        uint256 eta = block.timestamp + CRITICAL_DELAY;
        vm.warp(block.timestamp + ROUTINE_DELAY);
        vm.expectRevert(abi.encodeWithSelector(IWorxMultisig.TimelockNotElapsed.selector, id, eta));
        ms.execute(op);
    }

    // ── addOwner ──

    function test_addOwner_addsThroughACriticalOperation() public {
        IWorxMultisig.Operation memory op =
            _administerUpToExecute(abi.encodeCall(IWorxMultisig.addOwner, (stranger)));
        vm.expectEmit(address(ms));
        emit IWorxMultisig.OwnerAdded(stranger);
        ms.execute(op);
        assertTrue(ms.isOwner(stranger));
        assertEq(ms.getOwners().length, OWNERS + 1);
        assertEq(ms.getOwners()[OWNERS], stranger);
        assertEq(ms.ownersEpoch(), 0, "adding keeps approvals");
    }

    function test_addOwner_keepsPendingApprovals() public {
        vm.prank(owners[0]);
        bytes32 id = ms.propose(_routineOp(1));
        vm.prank(address(ms));
        ms.addOwner(stranger);
        assertEq(ms.approvalCount(id), 1);
        vm.prank(stranger);
        ms.approve(id);
        assertEq(ms.approvalCount(id), 2);
    }

    function test_addOwner_revertsWhenInvalid() public {
        vm.startPrank(address(ms));
        vm.expectRevert(abi.encodeWithSelector(IWorxMultisig.InvalidOwner.selector, address(0)));
        ms.addOwner(address(0));
        vm.expectRevert(abi.encodeWithSelector(IWorxMultisig.InvalidOwner.selector, address(ms)));
        ms.addOwner(address(ms));
        vm.expectRevert(abi.encodeWithSelector(IWorxMultisig.DuplicateOwner.selector, owners[3]));
        ms.addOwner(owners[3]);
        vm.stopPrank();
    }

    function test_addOwner_revertsWhenFull() public {
        vm.startPrank(address(ms));
        for (uint256 i = OWNERS; i < 20; ++i) {
            ms.addOwner(address(uint160(0x1000 + i)));
        }
        vm.expectRevert(abi.encodeWithSelector(IWorxMultisig.TooManyOwners.selector, 21, 20));
        ms.addOwner(stranger);
        vm.stopPrank();
    }

    // ── removeOwner ──

    function test_removeOwner_movesTheLastOwnerIntoItsPlace() public {
        vm.expectEmit(address(ms));
        emit IWorxMultisig.OwnerRemoved(owners[1], 1);
        vm.prank(address(ms));
        ms.removeOwner(owners[1]);
        address[] memory list = ms.getOwners();
        assertEq(list.length, OWNERS - 1);
        assertEq(list[0], owners[0]);
        assertEq(list[1], owners[4]);
        assertEq(list[2], owners[2]);
        assertEq(list[3], owners[3]);
        assertFalse(ms.isOwner(owners[1]));
        assertEq(ms.ownersEpoch(), 1);
    }

    function test_removeOwner_removesTheLastOwner() public {
        vm.prank(address(ms));
        ms.removeOwner(owners[4]);
        assertEq(ms.getOwners().length, OWNERS - 1);
        assertFalse(ms.isOwner(owners[4]));
        // Its index is free again for a newcomer, with no approvals attached.
        vm.prank(address(ms));
        ms.addOwner(stranger);
        assertEq(ms.getOwners()[4], stranger);
    }

    function test_removeOwner_voidsApprovalsAndCancelApprovalsOfPendingOperations() public {
        vm.prank(owners[0]);
        bytes32 id = ms.propose(_routineOp(1));
        vm.prank(owners[4]);
        ms.approveCancel(id);
        vm.prank(address(ms));
        ms.removeOwner(owners[2]);
        assertEq(ms.approvalCount(id), 0);
        assertEq(ms.cancelApprovalCount(id), 0);
        assertFalse(ms.hasApprovedCancel(id, owners[4]));
        // owners[4] now sits at index 2: it must approve afresh, and only its own bit counts.
        vm.prank(owners[4]);
        ms.approve(id);
        assertEq(ms.approvalCount(id), 1);
        assertTrue(ms.hasApproved(id, owners[4]));
        assertFalse(ms.hasApproved(id, owners[0]));
    }

    function test_removeOwner_keepsQueuedOperationsQueued() public {
        IWorxMultisig.Operation memory op = _routineOp(3);
        bytes32 id = _queued(op, 2);
        vm.prank(address(ms));
        ms.removeOwner(owners[0]);
        vm.warp(block.timestamp + ROUTINE_DELAY);
        ms.execute(op);
        _assertState(id, IWorxMultisig.OperationState.Executed);
    }

    function test_removeOwner_revertsWhenItWouldGoBelowAThreshold() public {
        vm.startPrank(address(ms));
        ms.removeOwner(owners[0]);
        ms.removeOwner(owners[1]); // three left: the Critical threshold
        vm.expectRevert(abi.encodeWithSelector(IWorxMultisig.RemovalBelowThreshold.selector, owners[2], 2, 3));
        ms.removeOwner(owners[2]);
        ms.setThreshold(CRITICAL, 2);
        ms.removeOwner(owners[2]);
        assertEq(ms.getOwners().length, 2);
        vm.stopPrank();
    }

    function test_removeOwner_revertsWhenNotOwner() public {
        vm.expectRevert(_notOwner(stranger));
        vm.prank(address(ms));
        ms.removeOwner(stranger);
    }

    // ── setThreshold ──

    function test_setThreshold_setsAndEmits() public {
        vm.expectEmit(address(ms));
        emit IWorxMultisig.ThresholdChanged(ROUTINE, 2, 4);
        vm.prank(address(ms));
        ms.setThreshold(ROUTINE, 4);
        assertEq(ms.threshold(ROUTINE), 4);
        assertEq(ms.threshold(CRITICAL), 3);
    }

    function test_setThreshold_revertsWhenZeroOrAboveOwnerCount() public {
        vm.startPrank(address(ms));
        vm.expectRevert(abi.encodeWithSelector(IWorxMultisig.InvalidThreshold.selector, CRITICAL, 0, OWNERS));
        ms.setThreshold(CRITICAL, 0);
        vm.expectRevert(abi.encodeWithSelector(IWorxMultisig.InvalidThreshold.selector, CRITICAL, 6, OWNERS));
        ms.setThreshold(CRITICAL, 6);
        vm.stopPrank();
    }

    // ── setDelay ──

    function test_setDelay_setsAndEmitsAndAppliesToLaterQueues() public {
        vm.expectEmit(address(ms));
        emit IWorxMultisig.DelayChanged(ROUTINE, ROUTINE_DELAY, 2 hours);
        vm.prank(address(ms));
        ms.setDelay(ROUTINE, 2 hours);
        assertEq(ms.delay(ROUTINE), 2 hours);
        IWorxMultisig.Operation memory op = _routineOp(1);
        ms.approveWithSignatures(op, _firstSigs(ms.hashOperation(op), 2));
        assertEq(ms.queue(op), block.timestamp + 2 hours);
    }

    function test_setDelay_acceptsTheBounds() public {
        vm.startPrank(address(ms));
        ms.setDelay(ROUTINE, 1 hours);
        ms.setDelay(CRITICAL, 30 days);
        vm.stopPrank();
        assertEq(ms.delay(ROUTINE), 1 hours);
        assertEq(ms.delay(CRITICAL), 30 days);
    }

    function test_setDelay_revertsOutOfBounds() public {
        vm.startPrank(address(ms));
        vm.expectRevert(abi.encodeWithSelector(IWorxMultisig.InvalidDelay.selector, ROUTINE, 0, 1 hours, 30 days));
        ms.setDelay(ROUTINE, 0);
        vm.expectRevert(
            abi.encodeWithSelector(IWorxMultisig.InvalidDelay.selector, CRITICAL, 31 days, 1 hours, 30 days)
        );
        ms.setDelay(CRITICAL, 31 days);
        vm.stopPrank();
    }

    // ── configureClass ──

    function test_configureClass_setsAndEmits() public {
        vm.expectEmit(address(ms));
        emit IWorxMultisig.ClassConfigured(address(usd), usd.transfer.selector, ROUTINE);
        vm.prank(address(ms));
        ms.configureClass(address(usd), usd.transfer.selector, ROUTINE);
        assertEq(uint8(ms.classOf(address(usd), abi.encodeCall(usd.transfer, (stranger, 1)))), uint8(ROUTINE));
        // Only that selector on that target: other selectors and other tokens stay Critical.
        assertEq(uint8(ms.classOf(address(usd), abi.encodeCall(usd.approve, (stranger, 1)))), uint8(CRITICAL));
        assertEq(uint8(ms.classOf(address(target), abi.encodeCall(usd.transfer, (stranger, 1)))), uint8(CRITICAL));
        vm.prank(address(ms));
        ms.configureClass(address(usd), usd.transfer.selector, CRITICAL);
        assertEq(uint8(ms.classOf(address(usd), abi.encodeCall(usd.transfer, (stranger, 1)))), uint8(CRITICAL));
    }

    function test_configureClass_revertsForTheMultisigItselfOrZero() public {
        vm.startPrank(address(ms));
        vm.expectRevert(IWorxMultisig.CannotConfigureSelf.selector);
        ms.configureClass(address(ms), IWorxMultisig.setGuardian.selector, ROUTINE);
        vm.expectRevert(abi.encodeWithSelector(IWorxMultisig.InvalidTarget.selector, address(0)));
        ms.configureClass(address(0), bytes4(0), ROUTINE);
        vm.stopPrank();
    }

    // ── setPausableTarget ──

    function test_setPausableTarget_setsAndEmits() public {
        vm.expectEmit(address(ms));
        emit IWorxMultisig.PausableTargetConfigured(address(target), true);
        vm.prank(address(ms));
        ms.setPausableTarget(address(target), true);
        assertTrue(ms.isPausableTarget(address(target)));
        vm.prank(address(ms));
        ms.setPausableTarget(address(target), false);
        assertFalse(ms.isPausableTarget(address(target)));
        vm.expectRevert(abi.encodeWithSelector(IWorxMultisig.TargetNotPausable.selector, address(target)));
        vm.prank(guardian);
        ms.guardianPause(address(target));
    }

    function test_setPausableTarget_revertsForAccountsWithoutCodeAndTheMultisig() public {
        vm.startPrank(address(ms));
        vm.expectRevert(abi.encodeWithSelector(IWorxMultisig.InvalidTarget.selector, stranger));
        ms.setPausableTarget(stranger, true);
        vm.expectRevert(abi.encodeWithSelector(IWorxMultisig.InvalidTarget.selector, address(ms)));
        ms.setPausableTarget(address(ms), true);
        vm.stopPrank();
    }

    // ── setGuardian ──

    function test_setGuardian_setsThroughACriticalOperation() public {
        IWorxMultisig.Operation memory op =
            _administerUpToExecute(abi.encodeCall(IWorxMultisig.setGuardian, (stranger)));
        vm.expectEmit(address(ms));
        emit IWorxMultisig.GuardianChanged(guardian, stranger);
        ms.execute(op);
        assertEq(ms.guardian(), stranger);
    }

    function test_setGuardian_acceptsZeroToDisableTheGuardian() public {
        vm.prank(address(ms));
        ms.setGuardian(address(0));
        assertEq(ms.guardian(), address(0));
        vm.expectRevert(abi.encodeWithSelector(IWorxMultisig.NotGuardian.selector, guardian));
        vm.prank(guardian);
        ms.guardianPause(address(target));
    }

    // ───────────────────────────── views ─────────────────────────────

    function test_hashOperation_isTheEip712Digest() public view {
        IWorxMultisig.Operation memory op =
            IWorxMultisig.Operation({target: address(target), value: 3, data: hex"deadbeef01", nonce: 11});
        bytes32 domain = keccak256(
            abi.encode(
                keccak256("EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)"),
                keccak256("WorxMultisig"),
                keccak256("1"),
                block.chainid,
                address(ms)
            )
        );
        bytes32 structHash = keccak256(
            abi.encode(
                keccak256("Operation(address target,uint256 value,bytes data,uint256 nonce)"),
                op.target,
                op.value,
                keccak256(op.data),
                op.nonce
            )
        );
        assertEq(ms.hashOperation(op), keccak256(abi.encodePacked("\x19\x01", domain, structHash)));
        bytes32 cancelHash = keccak256(abi.encode(keccak256("Cancel(bytes32 operationId)"), bytes32(uint256(5))));
        assertEq(ms.hashCancel(bytes32(uint256(5))), keccak256(abi.encodePacked("\x19\x01", domain, cancelHash)));
    }

    function test_classOf_usesTheZeroSelectorForShortData() public {
        assertEq(uint8(ms.classOf(address(target), "")), uint8(CRITICAL));
        vm.prank(address(ms));
        ms.configureClass(address(target), bytes4(0), ROUTINE);
        assertEq(uint8(ms.classOf(address(target), "")), uint8(ROUTINE));
        assertEq(uint8(ms.classOf(address(target), hex"aabbcc")), uint8(ROUTINE));
        assertEq(uint8(ms.classOf(address(target), hex"00000000ff")), uint8(ROUTINE));
        assertEq(uint8(ms.classOf(address(target), hex"00000001")), uint8(CRITICAL));
    }

    function test_classOf_isAlwaysCriticalForTheMultisig() public view {
        bytes memory data = abi.encodeCall(IWorxMultisig.setGuardian, (stranger));
        assertEq(uint8(ms.classOf(address(ms), data)), uint8(CRITICAL));
        assertEq(uint8(ms.classOf(address(ms), "")), uint8(CRITICAL));
    }

    function test_getOperation_isZeroForAnUnknownId() public view {
        IWorxMultisig.OperationRecord memory r = ms.getOperation(keccak256("nothing"));
        assertEq(uint8(r.state), uint8(IWorxMultisig.OperationState.Unknown));
        assertEq(r.eta, 0);
        assertEq(r.approvals, 0);
        assertEq(ms.approvalCount(keccak256("nothing")), 0);
    }

    // ───────────────────────────── fuzz ─────────────────────────────

    /// @dev For any owner count and thresholds, and any subset of owners signing: queuing succeeds
    /// if and only if the subset reaches the class threshold; non-owner signers never help.
    /// hardhat-config: fuzz.runs = 200
    function testFuzz_queue_succeedsIffDistinctOwnersReachTheThreshold(
        uint256 ownerCount,
        uint256 routineT,
        uint256 criticalT,
        uint256 subset,
        bool routine
    ) public {
        ownerCount = bound(ownerCount, 1, 12);
        routineT = bound(routineT, 1, ownerCount);
        criticalT = bound(criticalT, 1, ownerCount);
        subset = bound(subset, 1, (1 << ownerCount) - 1);

        (address[] memory list, uint256[] memory ks) = _owners(ownerCount);
        WorxMultisig multisig =
            new WorxMultisig(list, routineT, criticalT, 1 hours, 2 hours, guardian, _noClasses(), _noTargets());
        if (routine) {
            vm.prank(address(multisig));
            multisig.configureClass(address(target), MockTarget.setValue.selector, ROUTINE);
        }
        IWorxMultisig.Operation memory op = _routineOp(subset);
        bytes32 id = multisig.hashOperation(op);

        uint256 signers;
        for (uint256 i; i < ownerCount; ++i) {
            signers += (subset >> i) & 1;
        }
        IWorxMultisig.SignedApproval[] memory sigs = new IWorxMultisig.SignedApproval[](signers);
        uint256 k;
        for (uint256 i; i < ownerCount; ++i) {
            if ((subset >> i) & 1 == 0) continue;
            sigs[k] = IWorxMultisig.SignedApproval({signer: list[i], signature: _sign(ks[i], id)});
            ++k;
        }
        multisig.approveWithSignatures(op, sigs);
        // A stranger's signature is rejected outright, so it can never make up a shortfall.
        vm.expectRevert(_notOwner(stranger));
        multisig.approveWithSignatures(op, _one(stranger, _sign(strangerKey, id)));

        uint256 needed = routine ? routineT : criticalT;
        assertEq(multisig.approvalCount(id), signers);
        if (signers >= needed) {
            multisig.queue(op);
            vm.warp(block.timestamp + (routine ? 1 hours : 2 hours));
            multisig.execute(op);
            assertEq(target.value(), subset);
        } else {
            vm.expectRevert(abi.encodeWithSelector(IWorxMultisig.InsufficientApprovals.selector, id, signers, needed));
            multisig.queue(op);
        }
    }

    function _owners(uint256 count) internal returns (address[] memory list, uint256[] memory ks) {
        list = new address[](count);
        ks = new uint256[](count);
        for (uint256 i; i < count; ++i) {
            (list[i], ks[i]) = makeAddrAndKey(string.concat("fuzz-owner", vm.toString(i)));
        }
        _sortByAddress(list, ks);
    }

    /// @dev Any list naming one signer twice is rejected, wherever the repeat sits.
    function testFuzz_approveWithSignatures_rejectsAnyRepeatedSigner(uint256 first, uint256 repeatAt) public {
        first = bound(first, 0, OWNERS - 1);
        IWorxMultisig.Operation memory op = _routineOp(1);
        bytes32 id = ms.hashOperation(op);
        uint256 count = OWNERS - first + 1; // owners[first..] plus one repeat
        repeatAt = bound(repeatAt, first, OWNERS - 1);
        uint256[] memory indexes = new uint256[](count);
        uint256 k;
        for (uint256 i = first; i < OWNERS; ++i) {
            indexes[k] = i;
            ++k;
            if (i == repeatAt) {
                indexes[k] = i;
                ++k;
            }
        }
        address repeated = owners[repeatAt];
        vm.expectRevert(abi.encodeWithSelector(IWorxMultisig.SignersNotAscending.selector, repeated, repeated));
        ms.approveWithSignatures(op, _sigs(id, indexes));
    }

    /// @dev A signature by any key that is not an owner's never counts.
    function testFuzz_approveWithSignatures_rejectsNonOwnerKeys(uint256 key) public {
        key = bound(key, 1, SECP256K1_N - 1);
        address signer = vm.addr(key);
        vm.assume(!ms.isOwner(signer));
        IWorxMultisig.Operation memory op = _routineOp(1);
        bytes32 id = ms.hashOperation(op);
        vm.expectRevert(_notOwner(signer));
        ms.approveWithSignatures(op, _one(signer, _sign(key, id)));
        // Nor when presented as an owner's signature.
        vm.expectRevert(abi.encodeWithSelector(IWorxMultisig.InvalidSignature.selector, owners[0]));
        ms.approveWithSignatures(op, _one(owners[0], _sign(key, id)));
    }

    /// @dev Execution is possible exactly in [eta, eta + GRACE_PERIOD].
    function testFuzz_execute_onlyWithinItsWindow(uint256 elapsed) public {
        elapsed = bound(elapsed, 0, ROUTINE_DELAY + GRACE * 2);
        IWorxMultisig.Operation memory op = _routineOp(1);
        bytes32 id = _queued(op, 2);
        uint256 eta = block.timestamp + ROUTINE_DELAY;
        vm.warp(block.timestamp + elapsed);
        if (block.timestamp < eta) {
            vm.expectRevert(abi.encodeWithSelector(IWorxMultisig.TimelockNotElapsed.selector, id, eta));
        } else if (block.timestamp > eta + GRACE) {
            vm.expectRevert(abi.encodeWithSelector(IWorxMultisig.OperationExpired.selector, id, eta + GRACE));
        }
        ms.execute(op);
        assertEq(target.calls(), block.timestamp >= eta && block.timestamp <= eta + GRACE ? 1 : 0);
    }

    /// @dev Removing any owner is accepted exactly when every threshold still fits the owners
    /// left, so a threshold never exceeds the owner count.
    function testFuzz_removeOwner_neverLeavesAThresholdAboveTheOwnerCount(
        uint256 which,
        uint256 routineT,
        uint256 criticalT
    ) public {
        which = bound(which, 0, OWNERS - 1);
        routineT = bound(routineT, 1, OWNERS);
        criticalT = bound(criticalT, 1, OWNERS);
        vm.startPrank(address(ms));
        ms.setThreshold(ROUTINE, routineT);
        ms.setThreshold(CRITICAL, criticalT);
        uint256 highest = routineT > criticalT ? routineT : criticalT;
        if (OWNERS - 1 < highest) {
            vm.expectRevert(
                abi.encodeWithSelector(
                    IWorxMultisig.RemovalBelowThreshold.selector,
                    owners[which],
                    OWNERS - 1,
                    routineT > OWNERS - 1 ? routineT : criticalT
                )
            );
        }
        ms.removeOwner(owners[which]);
        vm.stopPrank();
        assertLe(ms.threshold(ROUTINE), ms.getOwners().length);
        assertLe(ms.threshold(CRITICAL), ms.getOwners().length);
    }
}
