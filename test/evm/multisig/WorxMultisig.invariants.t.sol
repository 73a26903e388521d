// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {Test} from "forge-std/Test.sol";
import {IERC20Errors} from "@openzeppelin/contracts/interfaces/draft-IERC6093.sol";
import {IWorxMultisig} from "../../../contracts/interfaces/IWorxMultisig.sol";
import {WorxMultisig} from "../../../contracts/multisig/WorxMultisig.sol";
import {DemoStablecoin} from "../../../contracts/test-doubles/DemoStablecoin.sol";

/// @notice What operations call: records each tag's executions and when they happened.
contract Sink {
    mapping(uint256 tag => uint256) public hits;
    mapping(uint256 tag => uint256) public executedAt;
    bool public paused;

    function hit(uint256 tag) external {
        ++hits[tag];
        executedAt[tag] = block.timestamp;
    }

    function hitCritical(uint256 tag) external payable {
        ++hits[tag];
        executedAt[tag] = block.timestamp;
    }

    function pause() external {
        paused = true;
    }
}

/**
 * @notice Drives {WorxMultisig} with random proposals, on-chain and signed approvals, queues,
 * time warps, executions, cancellations, guardian pauses and owner/threshold changes (both as real
 * executed operations and as direct self-calls), and keeps an independent model (ghost state).
 * @dev The model counts approvals its own way: an owner's approval of an operation counts when it
 * was given after the latest owner removal and the owner is still an owner. Every action either
 * makes a call the model says must succeed, or asserts the exact revert the model predicts, so the
 * suite runs with `failOnRevert`.
 */
contract MultisigHandler is Test {
    enum Kind {
        RoutineHit, //   Sink.hit: configured Routine
        CriticalHit, //  Sink.hitCritical with value: unconfigured, so Critical
        EthTransfer, //  native coin to a payee
        UsdTransfer, //  ERC-20 to a payee
        AddOwner, //     self-calls: always Critical
        RemoveOwner,
        SetThreshold
    }

    uint256 internal constant CANDIDATES = 8;
    uint256 internal constant GRACE = 14 days;

    WorxMultisig public immutable ms;
    Sink public immutable sink;
    DemoStablecoin public immutable usd;
    address public immutable guardian;

    /// @dev Everyone who is or may become an owner, sorted by address, with their keys.
    address[] internal _candidates;
    uint256[] internal _keys;
    address[] internal _payees;

    // ── ghost model: owners ──
    mapping(address account => bool) public ghostIsOwner;
    uint256 public ghostOwnerCount;
    mapping(IWorxMultisig.OperationClass opClass => uint256) public ghostThreshold;
    mapping(IWorxMultisig.OperationClass opClass => uint256) public ghostDelay;
    uint256 public ghostRemovals;

    // ── ghost model: operations ──
    IWorxMultisig.Operation[] internal _ops;
    bytes32[] internal _ids;
    mapping(bytes32 id => Kind) public ghostKind;
    mapping(bytes32 id => IWorxMultisig.OperationState) public ghostState; // as stored: never Expired
    mapping(bytes32 id => uint256) public ghostEta;
    mapping(bytes32 id => mapping(address owner => uint256)) internal _approvedAt; // removals + 1
    mapping(bytes32 id => mapping(address owner => uint256)) internal _cancelledAt; // removals + 1
    mapping(bytes32 id => uint256) public ghostApprovalsAtQueue;
    mapping(bytes32 id => uint256) public ghostThresholdAtQueue;
    mapping(bytes32 id => uint256) public ghostExecutedAt;
    mapping(bytes32 id => uint256) public ghostExecutions;

    // ── ghost model: funds ──
    uint256 public ghostEth;
    uint256 public ghostUsd;

    /// @notice How often each action ran (for debugging a campaign).
    mapping(bytes32 action => uint256) public calls;

    constructor(
        WorxMultisig ms_,
        Sink sink_,
        DemoStablecoin usd_,
        address guardian_,
        address[] memory candidates_,
        uint256[] memory keys_
    ) {
        ms = ms_;
        sink = sink_;
        usd = usd_;
        guardian = guardian_;
        _candidates = candidates_;
        _keys = keys_;
        address[] memory owners = ms_.getOwners();
        for (uint256 i; i < owners.length; ++i) {
            ghostIsOwner[owners[i]] = true;
        }
        ghostOwnerCount = owners.length;
        ghostThreshold[IWorxMultisig.OperationClass.Routine] = ms_.threshold(IWorxMultisig.OperationClass.Routine);
        ghostThreshold[IWorxMultisig.OperationClass.Critical] = ms_.threshold(IWorxMultisig.OperationClass.Critical);
        ghostDelay[IWorxMultisig.OperationClass.Routine] = ms_.delay(IWorxMultisig.OperationClass.Routine);
        ghostDelay[IWorxMultisig.OperationClass.Critical] = ms_.delay(IWorxMultisig.OperationClass.Critical);
        _payees.push(makeAddr("payee-a"));
        _payees.push(makeAddr("payee-b"));
    }

    // ───────────────────────────── views for the invariants ─────────────────────────────

    function ids() external view returns (bytes32[] memory) {
        return _ids;
    }

    function candidates() external view returns (address[] memory) {
        return _candidates;
    }

    function classOfKind(Kind kind) public pure returns (IWorxMultisig.OperationClass) {
        return kind == Kind.RoutineHit ? IWorxMultisig.OperationClass.Routine : IWorxMultisig.OperationClass.Critical;
    }

    /// @notice Approvals that count in the model: given since the latest removal, by a current owner.
    function modelApprovals(bytes32 id) public view returns (uint256 n) {
        for (uint256 i; i < CANDIDATES; ++i) {
            address c = _candidates[i];
            if (ghostIsOwner[c] && _approvedAt[id][c] == ghostRemovals + 1) ++n;
        }
    }

    function modelCancelApprovals(bytes32 id) public view returns (uint256 n) {
        for (uint256 i; i < CANDIDATES; ++i) {
            address c = _candidates[i];
            if (ghostIsOwner[c] && _cancelledAt[id][c] == ghostRemovals + 1) ++n;
        }
    }

    // ───────────────────────────── actions ─────────────────────────────

    /// @notice Propose a random operation, on-chain by an owner or through signatures.
    function propose(uint256 kindSeed, uint256 ownerSeed, uint256 param, bool viaSignatures) external {
        Kind kind = Kind(kindSeed % 7);
        IWorxMultisig.Operation memory op = _build(kind, param);
        bytes32 id = ms.hashOperation(op);
        address owner = _randomOwner(ownerSeed);

        if (viaSignatures) {
            IWorxMultisig.SignedApproval[] memory sigs = new IWorxMultisig.SignedApproval[](1);
            sigs[0] = IWorxMultisig.SignedApproval({signer: owner, signature: _sign(owner, id)});
            ms.approveWithSignatures(op, sigs);
        } else {
            vm.prank(owner);
            ms.propose(op);
        }
        _ops.push(op);
        _ids.push(id);
        ghostKind[id] = kind;
        ghostState[id] = IWorxMultisig.OperationState.Pending;
        _approvedAt[id][owner] = ghostRemovals + 1;
        ++calls[viaSignatures ? bytes32("propose (signatures)") : bytes32("propose")];
    }

    /// @notice One owner approves on-chain.
    function approve(uint256 opSeed, uint256 ownerSeed) external {
        (bytes32 id, bool found) = _find(opSeed, IWorxMultisig.OperationState.Pending);
        if (!found) return;
        address owner = _randomOwner(ownerSeed);
        IWorxMultisig.OperationState now_ = _stateNow(id);
        if (now_ != IWorxMultisig.OperationState.Pending) {
            vm.expectRevert(abi.encodeWithSelector(IWorxMultisig.InvalidOperationState.selector, id, now_));
            vm.prank(owner);
            ms.approve(id);
            ++calls["approve (not pending)"];
            return;
        }
        vm.prank(owner);
        ms.approve(id);
        _approvedAt[id][owner] = ghostRemovals + 1;
        ++calls["approve"];
    }

    /// @notice A relayer submits a random subset of owners' signatures; sometimes a non-owner's
    /// signature is slipped in, which must reject the whole list.
    function approveWithSignatures(uint256 opSeed, uint256 subset, bool withStranger) external {
        (bytes32 id, bool found) = _find(opSeed, IWorxMultisig.OperationState.Pending);
        if (!found) return;
        IWorxMultisig.Operation memory op = _ops[_indexOf(id)];
        // About three owners in four sign, so thresholds are often reached.
        (IWorxMultisig.SignedApproval[] memory sigs, address stranger) =
            _signers(id, subset | (subset >> 8), withStranger);
        if (sigs.length == 0) return;

        if (stranger != address(0)) {
            vm.expectRevert(abi.encodeWithSelector(IWorxMultisig.NotOwner.selector, stranger));
            ms.approveWithSignatures(op, sigs);
            ++calls["signatures (stranger)"];
            return;
        }
        IWorxMultisig.OperationState now_ = _stateNow(id);
        if (now_ != IWorxMultisig.OperationState.Pending) {
            vm.expectRevert(abi.encodeWithSelector(IWorxMultisig.InvalidOperationState.selector, id, now_));
            ms.approveWithSignatures(op, sigs);
            ++calls["signatures (not pending)"];
            return;
        }
        ms.approveWithSignatures(op, sigs);
        for (uint256 i; i < sigs.length; ++i) {
            _approvedAt[id][sigs[i].signer] = ghostRemovals + 1;
        }
        ++calls["signatures"];
    }

    /// @notice Anyone queues; it must succeed exactly when the model's count reaches the threshold.
    function queue(uint256 opSeed) external {
        (bytes32 id, bool found) = _findReady(opSeed);
        if (!found) (id, found) = _find(opSeed, IWorxMultisig.OperationState.Pending);
        if (!found) return;
        IWorxMultisig.Operation memory op = _ops[_indexOf(id)];
        IWorxMultisig.OperationState now_ = _stateNow(id);
        if (now_ != IWorxMultisig.OperationState.Pending) {
            vm.expectRevert(abi.encodeWithSelector(IWorxMultisig.InvalidOperationState.selector, id, now_));
            ms.queue(op);
            ++calls["queue (not pending)"];
            return;
        }
        IWorxMultisig.OperationClass opClass = classOfKind(ghostKind[id]);
        uint256 approvals = modelApprovals(id);
        uint256 needed = ghostThreshold[opClass];
        if (approvals < needed) {
            vm.expectRevert(
                abi.encodeWithSelector(IWorxMultisig.InsufficientApprovals.selector, id, approvals, needed)
            );
            ms.queue(op);
            ++calls["queue (too few)"];
            return;
        }
        uint256 eta = ms.queue(op);
        assertEq(eta, block.timestamp + ghostDelay[opClass], "eta = now + class delay");
        ghostState[id] = IWorxMultisig.OperationState.Queued;
        ghostEta[id] = eta;
        ghostApprovalsAtQueue[id] = approvals;
        ghostThresholdAtQueue[id] = needed;
        ++calls["queue"];
    }

    /// @notice Time passes: mostly less than the delays, sometimes past the grace period.
    function warp(uint256 seconds_) external {
        vm.warp(block.timestamp + bound(seconds_, 1 minutes, 4 days));
        ++calls["warp"];
    }

    /// @notice Anyone executes; the model predicts success or the exact revert.
    function execute(uint256 opSeed) external {
        (bytes32 id, bool found) = _findExecutable(opSeed);
        if (!found) (id, found) = _find(opSeed, IWorxMultisig.OperationState.Queued);
        if (!found) return;
        IWorxMultisig.Operation memory op = _ops[_indexOf(id)];
        bytes memory expected = _executeError(id, op);
        if (expected.length != 0) {
            vm.expectRevert(expected);
            ms.execute(op);
            ++calls["execute (reverts)"];
            return;
        }
        ms.execute(op);
        ghostState[id] = IWorxMultisig.OperationState.Executed;
        ghostExecutedAt[id] = block.timestamp;
        ++ghostExecutions[id];
        ghostEth -= op.value;
        _applyExecuted(id, op);
        ++calls["execute"];
    }

    /// @notice One owner approves cancelling (one call in three, so most operations live on).
    function approveCancel(uint256 opSeed, uint256 ownerSeed) external {
        if (opSeed % 3 != 0) return;
        if (_ids.length == 0) return;
        bytes32 id = _ids[(opSeed / 3) % _ids.length];
        address owner = _randomOwner(ownerSeed);
        IWorxMultisig.OperationState stored = ghostState[id];
        if (stored != IWorxMultisig.OperationState.Pending && stored != IWorxMultisig.OperationState.Queued) {
            vm.expectRevert(abi.encodeWithSelector(IWorxMultisig.InvalidOperationState.selector, id, stored));
            vm.prank(owner);
            ms.approveCancel(id);
            ++calls["approveCancel (final)"];
            return;
        }
        vm.prank(owner);
        ms.approveCancel(id);
        _cancelledAt[id][owner] = ghostRemovals + 1;
        if (modelCancelApprovals(id) >= ghostThreshold[classOfKind(ghostKind[id])]) {
            ghostState[id] = IWorxMultisig.OperationState.Cancelled;
            ++calls["approveCancel (cancelled)"];
        }
        ++calls["approveCancel"];
    }

    /// @notice Someone funds the multisig with native coin and tokens.
    function deposit(uint256 amount) external {
        amount = bound(amount, 1, 10 ether);
        vm.deal(address(this), amount);
        (bool ok,) = address(ms).call{value: amount}("");
        assertTrue(ok, "receive");
        usd.mint(address(ms), amount / 1e9);
        ghostEth += amount;
        ghostUsd += amount / 1e9;
        ++calls["deposit"];
    }

    /// @notice The guardian pauses the pausable sink, or tries something it may not do.
    function guardianPause(uint256 seed) external {
        uint256 choice = seed % 3;
        if (choice == 0) {
            vm.prank(guardian);
            ms.guardianPause(address(sink));
            assertTrue(sink.paused());
            ++calls["guardianPause"];
        } else if (choice == 1) {
            vm.expectRevert(abi.encodeWithSelector(IWorxMultisig.TargetNotPausable.selector, address(usd)));
            vm.prank(guardian);
            ms.guardianPause(address(usd));
            ++calls["guardianPause (not pausable)"];
        } else {
            address caller = _candidates[seed % CANDIDATES];
            vm.expectRevert(abi.encodeWithSelector(IWorxMultisig.NotGuardian.selector, caller));
            vm.prank(caller);
            ms.guardianPause(address(sink));
            ++calls["guardianPause (not guardian)"];
        }
    }

    /// @notice An owner change as if a Critical operation had just executed it (faster churn than
    /// the real operations above, which also run).
    function changeOwners(uint256 seed) external {
        // One call in four: every removal voids pending approvals, so frequent churn would starve
        // the queue.
        if (seed % 4 != 0) return;
        address candidate = _candidates[(seed / 4) % CANDIDATES];
        bool remove = ghostIsOwner[candidate];
        bytes memory data = remove
            ? abi.encodeCall(IWorxMultisig.removeOwner, (candidate))
            : abi.encodeCall(IWorxMultisig.addOwner, (candidate));
        bytes memory expected = _selfCallError(data);
        if (expected.length != 0) vm.expectRevert(expected);
        vm.prank(address(ms));
        if (remove) ms.removeOwner(candidate);
        else ms.addOwner(candidate);
        if (expected.length == 0) {
            _applySelfCall(data);
            ++calls["changeOwners"];
        } else {
            ++calls["changeOwners (rejected)"];
        }
    }

    // ───────────────────────────── model ─────────────────────────────

    function _build(Kind kind, uint256 param) internal view returns (IWorxMultisig.Operation memory op) {
        op.nonce = _ops.length;
        if (kind == Kind.RoutineHit) {
            op.target = address(sink);
            op.data = abi.encodeCall(Sink.hit, (op.nonce));
        } else if (kind == Kind.CriticalHit) {
            op.target = address(sink);
            op.value = bound(param, 0, 1 ether);
            op.data = abi.encodeCall(Sink.hitCritical, (op.nonce));
        } else if (kind == Kind.EthTransfer) {
            op.target = _payees[param % 2];
            op.value = bound(param, 1, 5 ether);
        } else if (kind == Kind.UsdTransfer) {
            op.target = address(usd);
            op.data = abi.encodeCall(usd.transfer, (_payees[param % 2], bound(param, 1, 5e9)));
        } else if (kind == Kind.AddOwner) {
            op.target = address(ms);
            op.data = abi.encodeCall(IWorxMultisig.addOwner, (_candidates[param % CANDIDATES]));
        } else if (kind == Kind.RemoveOwner) {
            op.target = address(ms);
            op.data = abi.encodeCall(IWorxMultisig.removeOwner, (_candidates[param % CANDIDATES]));
        } else {
            op.target = address(ms);
            IWorxMultisig.OperationClass opClass = IWorxMultisig.OperationClass(param % 2);
            op.data = abi.encodeCall(IWorxMultisig.setThreshold, (opClass, bound(param / 2, 1, 6)));
        }
    }

    /// @dev The exact revert data {WorxMultisig.execute} must produce now, or empty for success.
    function _executeError(bytes32 id, IWorxMultisig.Operation memory op) internal view returns (bytes memory) {
        IWorxMultisig.OperationState stored = ghostState[id];
        if (stored != IWorxMultisig.OperationState.Queued) {
            return abi.encodeWithSelector(IWorxMultisig.InvalidOperationState.selector, id, stored);
        }
        uint256 eta = ghostEta[id];
        if (block.timestamp < eta) return abi.encodeWithSelector(IWorxMultisig.TimelockNotElapsed.selector, id, eta);
        if (block.timestamp > eta + GRACE) {
            return abi.encodeWithSelector(IWorxMultisig.OperationExpired.selector, id, eta + GRACE);
        }
        if (ghostEth < op.value) {
            return abi.encodeWithSelector(IWorxMultisig.InsufficientBalance.selector, ghostEth, op.value);
        }
        Kind kind = ghostKind[id];
        if (kind == Kind.UsdTransfer) {
            (, uint256 amount) = _usdTransferArgs(op.data);
            if (ghostUsd < amount) {
                return abi.encodeWithSelector(
                    IERC20Errors.ERC20InsufficientBalance.selector, address(ms), ghostUsd, amount
                );
            }
        }
        if (kind >= Kind.AddOwner) return _selfCallError(op.data);
        return "";
    }

    /// @dev The exact revert of an administrative self-call in the current model, or empty.
    function _selfCallError(bytes memory data) internal view returns (bytes memory) {
        bytes4 selector = bytes4(data);
        bytes memory args = _args(data);
        if (selector == IWorxMultisig.addOwner.selector) {
            address candidate = abi.decode(args, (address));
            if (!ghostIsOwner[candidate]) return "";
            return abi.encodeWithSelector(IWorxMultisig.DuplicateOwner.selector, candidate);
        }
        if (selector == IWorxMultisig.removeOwner.selector) {
            address owner = abi.decode(args, (address));
            if (!ghostIsOwner[owner]) return abi.encodeWithSelector(IWorxMultisig.NotOwner.selector, owner);
            uint256 remaining = ghostOwnerCount - 1;
            uint256 routineT = ghostThreshold[IWorxMultisig.OperationClass.Routine];
            uint256 criticalT = ghostThreshold[IWorxMultisig.OperationClass.Critical];
            bytes4 below = IWorxMultisig.RemovalBelowThreshold.selector;
            if (remaining < routineT) return abi.encodeWithSelector(below, owner, remaining, routineT);
            if (remaining < criticalT) return abi.encodeWithSelector(below, owner, remaining, criticalT);
            return "";
        }
        (IWorxMultisig.OperationClass opClass, uint256 t) = abi.decode(args, (IWorxMultisig.OperationClass, uint256));
        if (t == 0 || t > ghostOwnerCount) {
            return abi.encodeWithSelector(IWorxMultisig.InvalidThreshold.selector, opClass, t, ghostOwnerCount);
        }
        return "";
    }

    function _applyExecuted(bytes32 id, IWorxMultisig.Operation memory op) internal {
        Kind kind = ghostKind[id];
        if (kind == Kind.UsdTransfer) {
            (, uint256 amount) = _usdTransferArgs(op.data);
            ghostUsd -= amount;
        } else if (kind >= Kind.AddOwner) {
            _applySelfCall(op.data);
        }
    }

    function _applySelfCall(bytes memory data) internal {
        bytes4 selector = bytes4(data);
        bytes memory args = _args(data);
        if (selector == IWorxMultisig.addOwner.selector) {
            ghostIsOwner[abi.decode(args, (address))] = true;
            ++ghostOwnerCount;
        } else if (selector == IWorxMultisig.removeOwner.selector) {
            ghostIsOwner[abi.decode(args, (address))] = false;
            --ghostOwnerCount;
            ++ghostRemovals;
        } else {
            (IWorxMultisig.OperationClass opClass, uint256 t) =
                abi.decode(args, (IWorxMultisig.OperationClass, uint256));
            ghostThreshold[opClass] = t;
        }
    }

    // ───────────────────────────── helpers ─────────────────────────────

    function _stateNow(bytes32 id) internal view returns (IWorxMultisig.OperationState) {
        IWorxMultisig.OperationState stored = ghostState[id];
        if (stored == IWorxMultisig.OperationState.Queued && block.timestamp > ghostEta[id] + GRACE) {
            return IWorxMultisig.OperationState.Expired;
        }
        return stored;
    }

    /// @dev An operation in `preferred` stored state, scanning from a random start; else any.
    function _find(uint256 seed, IWorxMultisig.OperationState preferred)
        internal
        view
        returns (bytes32 id, bool found)
    {
        uint256 n = _ids.length;
        if (n == 0) return (bytes32(0), false);
        for (uint256 k; k < n; ++k) {
            id = _ids[(seed % n + k) % n];
            if (ghostState[id] == preferred) return (id, true);
        }
        return (_ids[seed % n], true);
    }

    /// @dev Three times in four, a pending operation the model says has enough approvals.
    function _findReady(uint256 seed) internal view returns (bytes32 id, bool found) {
        uint256 n = _ids.length;
        if (n == 0 || seed % 4 == 0) return (bytes32(0), false);
        for (uint256 k; k < n; ++k) {
            id = _ids[(seed % n + k) % n];
            if (
                ghostState[id] == IWorxMultisig.OperationState.Pending
                    && modelApprovals(id) >= ghostThreshold[classOfKind(ghostKind[id])]
            ) return (id, true);
        }
        return (bytes32(0), false);
    }

    /// @dev Three times in four, a queued operation inside its execution window.
    function _findExecutable(uint256 seed) internal view returns (bytes32 id, bool found) {
        uint256 n = _ids.length;
        if (n == 0 || seed % 4 == 0) return (bytes32(0), false);
        for (uint256 k; k < n; ++k) {
            id = _ids[(seed % n + k) % n];
            if (_stateNow(id) == IWorxMultisig.OperationState.Queued && block.timestamp >= ghostEta[id]) {
                return (id, true);
            }
        }
        return (bytes32(0), false);
    }

    function _indexOf(bytes32 id) internal view returns (uint256) {
        for (uint256 i; i < _ids.length; ++i) {
            if (_ids[i] == id) return i;
        }
        revert("unknown id"); // solhint-disable-line gas-custom-errors
    }

    function _randomOwner(uint256 seed) internal view returns (address) {
        for (uint256 k; k < CANDIDATES; ++k) {
            address c = _candidates[(seed % CANDIDATES + k) % CANDIDATES];
            if (ghostIsOwner[c]) return c;
        }
        revert("no owner"); // solhint-disable-line gas-custom-errors
    }

    /// @dev Owners picked by `subset`'s bits, in ascending order (candidates are sorted), plus
    /// optionally the first non-owner candidate at its sorted place; returns that stranger.
    function _signers(bytes32 id, uint256 subset, bool withStranger)
        internal
        view
        returns (IWorxMultisig.SignedApproval[] memory sigs, address stranger)
    {
        bool[] memory pick = new bool[](CANDIDATES);
        uint256 count;
        for (uint256 i; i < CANDIDATES; ++i) {
            address c = _candidates[i];
            bool owner = ghostIsOwner[c];
            if ((owner && (subset >> i) & 1 == 1) || (!owner && withStranger && stranger == address(0))) {
                pick[i] = true;
                ++count;
                if (!owner) stranger = c;
            }
        }
        sigs = new IWorxMultisig.SignedApproval[](count);
        uint256 k;
        for (uint256 i; i < CANDIDATES; ++i) {
            if (!pick[i]) continue;
            sigs[k] = IWorxMultisig.SignedApproval({signer: _candidates[i], signature: _sign(_candidates[i], id)});
            ++k;
        }
        // Every owner before the stranger in the list is valid, so the stranger is the entry the
        // multisig rejects (NotOwner), whether or not any owner was picked.
    }

    function _sign(address signer, bytes32 digest) internal view returns (bytes memory) {
        for (uint256 i; i < CANDIDATES; ++i) {
            if (_candidates[i] == signer) {
                (uint8 v, bytes32 r, bytes32 s) = vm.sign(_keys[i], digest);
                return abi.encodePacked(r, s, v);
            }
        }
        revert("no key"); // solhint-disable-line gas-custom-errors
    }

    function _args(bytes memory data) internal pure returns (bytes memory args) {
        args = new bytes(data.length - 4);
        for (uint256 i; i < args.length; ++i) {
            args[i] = data[i + 4];
        }
    }

    function _usdTransferArgs(bytes memory data) internal pure returns (address to, uint256 amount) {
        (to, amount) = abi.decode(_args(data), (address, uint256));
    }
}

/**
 * @notice Invariants of {WorxMultisig} under random action sequences, checked after every call.
 */
contract WorxMultisigInvariantTest is Test {
    uint256 internal constant GRACE = 14 days;

    WorxMultisig internal ms;
    Sink internal sink;
    DemoStablecoin internal usd;
    MultisigHandler internal handler;

    function setUp() public {
        vm.warp(1_700_000_000);
        address[] memory candidates = new address[](8);
        uint256[] memory keys = new uint256[](8);
        for (uint256 i; i < 8; ++i) {
            (candidates[i], keys[i]) = makeAddrAndKey(string.concat("candidate", vm.toString(i)));
        }
        for (uint256 i = 1; i < 8; ++i) {
            for (uint256 j = i; j > 0 && candidates[j - 1] > candidates[j]; --j) {
                (candidates[j - 1], candidates[j]) = (candidates[j], candidates[j - 1]);
                (keys[j - 1], keys[j]) = (keys[j], keys[j - 1]);
            }
        }
        address[] memory owners = new address[](5);
        for (uint256 i; i < 5; ++i) {
            owners[i] = candidates[(i * 3) % 8]; // a spread-out subset of the sorted candidates
        }
        address guardian = makeAddr("guardian");
        ms = new WorxMultisig(
            owners, 2, 3, 24 hours, 48 hours, guardian, new IWorxMultisig.ClassConfig[](0), new address[](0)
        );
        sink = new Sink();
        usd = new DemoStablecoin("Demo USD", "dUSD");
        vm.startPrank(address(ms));
        ms.configureClass(address(sink), Sink.hit.selector, IWorxMultisig.OperationClass.Routine);
        ms.setPausableTarget(address(sink), true);
        vm.stopPrank();
        handler = new MultisigHandler(ms, sink, usd, guardian, candidates, keys);

        bytes4[] memory selectors = new bytes4[](11);
        selectors[0] = MultisigHandler.propose.selector;
        selectors[1] = MultisigHandler.approve.selector;
        selectors[2] = MultisigHandler.approveWithSignatures.selector;
        selectors[3] = MultisigHandler.approveWithSignatures.selector; // signatures twice as often
        selectors[4] = MultisigHandler.queue.selector;
        selectors[5] = MultisigHandler.warp.selector;
        selectors[6] = MultisigHandler.execute.selector;
        selectors[7] = MultisigHandler.approveCancel.selector;
        selectors[8] = MultisigHandler.deposit.selector;
        selectors[9] = MultisigHandler.guardianPause.selector;
        selectors[10] = MultisigHandler.changeOwners.selector;
        targetSelector(FuzzSelector({addr: address(handler), selectors: selectors}));
        targetContract(address(handler));
    }

    /**
     * @notice Every executed operation had, when it was queued, approvals from at least its class
     * threshold of distinct owners that were current then (per the independent model).
     * hardhat-config: invariant.runs = 64
     * hardhat-config: invariant.depth = 100
     * hardhat-config: invariant.failOnRevert = true
     */
    function invariant_executedOnlyWithTheClassThresholdAtQueueTime() public view {
        bytes32[] memory ids = handler.ids();
        for (uint256 i; i < ids.length; ++i) {
            bytes32 id = ids[i];
            if (handler.ghostExecutions(id) == 0) continue;
            assertGe(handler.ghostApprovalsAtQueue(id), handler.ghostThresholdAtQueue(id), "approvals at queue");
            assertGe(handler.ghostThresholdAtQueue(id), 1, "a threshold is at least one");
        }
    }

    /**
     * @notice No operation ran before its eta or after its grace period, and each ran at most once
     * (the called contract's own records agree with the model and with the multisig).
     * hardhat-config: invariant.runs = 64
     * hardhat-config: invariant.depth = 100
     * hardhat-config: invariant.failOnRevert = true
     */
    function invariant_executedOnceWithinItsWindow() public view {
        bytes32[] memory ids = handler.ids();
        for (uint256 i; i < ids.length; ++i) {
            bytes32 id = ids[i];
            uint256 executions = handler.ghostExecutions(id);
            IWorxMultisig.OperationRecord memory r = ms.getOperation(id);
            assertLe(executions, 1, "at most once");
            assertEq(uint8(r.state), uint8(handler.ghostState(id)), "state");
            assertEq(r.state == IWorxMultisig.OperationState.Executed, executions == 1, "executed iff ran");
            MultisigHandler.Kind kind = handler.ghostKind(id);
            if (kind == MultisigHandler.Kind.RoutineHit || kind == MultisigHandler.Kind.CriticalHit) {
                assertEq(sink.hits(i), executions, "the sink saw it as often as the model");
            }
            if (executions == 1) {
                assertGe(handler.ghostExecutedAt(id), r.eta, "not before eta");
                assertLe(handler.ghostExecutedAt(id), r.eta + GRACE, "not after the grace period");
                assertGt(r.eta, 0, "was queued");
            }
        }
    }

    /**
     * @notice Thresholds never exceed the owner count, and the owners are those of the model.
     * hardhat-config: invariant.runs = 64
     * hardhat-config: invariant.depth = 100
     * hardhat-config: invariant.failOnRevert = true
     */
    function invariant_thresholdsFitTheOwnersAndOwnersMatchTheModel() public view {
        address[] memory owners = ms.getOwners();
        assertGe(ms.threshold(IWorxMultisig.OperationClass.Routine), 1);
        assertGe(ms.threshold(IWorxMultisig.OperationClass.Critical), 1);
        assertLe(ms.threshold(IWorxMultisig.OperationClass.Routine), owners.length, "routine <= owners");
        assertLe(ms.threshold(IWorxMultisig.OperationClass.Critical), owners.length, "critical <= owners");
        assertEq(owners.length, handler.ghostOwnerCount(), "owner count");
        for (uint256 i; i < owners.length; ++i) {
            assertTrue(handler.ghostIsOwner(owners[i]), "owner in model");
        }
        assertEq(ms.ownersEpoch(), handler.ghostRemovals(), "epoch counts removals");
    }

    /**
     * @notice Funds leave the multisig only through executed operations: the guardian (and anyone
     * else) never moved native coin or tokens.
     * hardhat-config: invariant.runs = 64
     * hardhat-config: invariant.depth = 100
     * hardhat-config: invariant.failOnRevert = true
     */
    function invariant_fundsOnlyLeaveThroughExecutedOperations() public view {
        assertEq(address(ms).balance, handler.ghostEth(), "native coin");
        assertEq(usd.balanceOf(address(ms)), handler.ghostUsd(), "tokens");
    }

    /**
     * @notice The multisig's approval counts agree with the model's independent count for every
     * operation that can still be approved.
     * hardhat-config: invariant.runs = 64
     * hardhat-config: invariant.depth = 100
     * hardhat-config: invariant.failOnRevert = true
     */
    function invariant_approvalCountsMatchTheModel() public view {
        bytes32[] memory ids = handler.ids();
        for (uint256 i; i < ids.length; ++i) {
            bytes32 id = ids[i];
            if (handler.ghostState(id) != IWorxMultisig.OperationState.Pending) continue;
            assertEq(ms.approvalCount(id), handler.modelApprovals(id), "approvals");
            assertEq(ms.cancelApprovalCount(id), handler.modelCancelApprovals(id), "cancel approvals");
        }
    }
}
