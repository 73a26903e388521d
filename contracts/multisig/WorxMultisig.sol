// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {LowLevelCall} from "@openzeppelin/contracts/utils/LowLevelCall.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {ECDSA} from "@openzeppelin/contracts/utils/cryptography/ECDSA.sol";
import {EIP712} from "@openzeppelin/contracts/utils/cryptography/EIP712.sol";
import {SignatureChecker} from "@openzeppelin/contracts/utils/cryptography/SignatureChecker.sol";
import {IWorxMultisig} from "../interfaces/IWorxMultisig.sol";
import {MultisigTypedData} from "../libraries/MultisigTypedData.sol";

/**
 * @title WorxMultisig
 * @notice M-of-N owner multisig with a per-class timelock that administers the protocol: it holds
 * the admin and fee-manager roles of the protocol's contracts, and its guardian can only pause
 * them. See {IWorxMultisig}.
 * @dev Each operation's whole record (state, class, eta, owners epoch, approval and cancel-approval
 * bitmasks over owner indexes) fits one storage slot. Bit `i` of a mask is the owner at
 * `_owners[i]`; removing an owner moves the last owner into its index, so removals advance
 * `_ownersEpoch` and masks from an older epoch count as empty. Adding an owner appends at a fresh
 * index whose bit is clear in every current-epoch mask, so it keeps existing approvals.
 */
contract WorxMultisig is IWorxMultisig, EIP712, ReentrancyGuardTransient {
    /// @notice Most owners (bounded by the 32-bit approval masks, and by the cost of a full quorum).
    uint256 public constant MAX_OWNERS = 20;
    /// @notice Shortest timelock delay any class may have.
    uint256 public constant MIN_DELAY = 1 hours;
    /// @notice Longest timelock delay any class may have.
    uint256 public constant MAX_DELAY = 30 days;
    /// @notice How long after its eta a queued operation stays executable; then it is Expired.
    uint256 public constant GRACE_PERIOD = 14 days;

    /// @dev The one call the guardian can make.
    bytes4 private constant PAUSE_SELECTOR = bytes4(keccak256("pause()"));

    /// @dev Threshold and delay of one class, in one slot.
    struct ClassPolicy {
        uint8 threshold;
        uint32 delay;
    }

    address[] private _owners;
    mapping(address owner => uint256) private _ownerIndexPlusOne;
    address private _guardian;
    uint32 private _ownersEpoch;
    mapping(OperationClass opClass => ClassPolicy) private _policies;
    mapping(address target => mapping(bytes4 selector => OperationClass)) private _classes;
    mapping(address target => bool) private _pausable;
    mapping(bytes32 operationId => OperationRecord) private _operations;

    /// @dev Administrative functions run only as the multisig's own call (an executed operation).
    modifier onlySelf() {
        if (msg.sender != address(this)) revert OnlySelf(msg.sender);
        _;
    }

    /// @notice Deploy with `owners`, both classes' thresholds and delays, and the configuration of
    /// the contracts it administers (otherwise only reachable through Critical operations on itself).
    /// @param owners distinct non-zero addresses, at most {MAX_OWNERS}.
    /// @param routineThreshold owners needed for Routine operations (1..owners).
    /// @param criticalThreshold owners needed for Critical operations (1..owners).
    /// @param routineDelay timelock of Routine operations, in seconds (MIN_DELAY..MAX_DELAY).
    /// @param criticalDelay timelock of Critical operations, in seconds (MIN_DELAY..MAX_DELAY).
    /// @param initialGuardian who may pause pausable targets; zero for none.
    /// @param initialClasses (target, selector, class) entries, applied in order as {configureClass}
    /// would (a later entry for the same pair wins); anything not listed stays Critical.
    /// @param initialPausableTargets contracts the guardian may pause, checked as {setPausableTarget}
    /// checks them (so they must be deployed first).
    constructor(
        address[] memory owners,
        uint256 routineThreshold,
        uint256 criticalThreshold,
        uint256 routineDelay,
        uint256 criticalDelay,
        address initialGuardian,
        ClassConfig[] memory initialClasses,
        address[] memory initialPausableTargets
    ) EIP712("WorxMultisig", "1") {
        for (uint256 i; i < owners.length; ++i) {
            _addOwner(owners[i]);
        }
        _setThreshold(OperationClass.Routine, routineThreshold);
        _setThreshold(OperationClass.Critical, criticalThreshold);
        _setDelay(OperationClass.Routine, routineDelay);
        _setDelay(OperationClass.Critical, criticalDelay);
        _setGuardian(initialGuardian);
        for (uint256 i; i < initialClasses.length; ++i) {
            ClassConfig memory entry = initialClasses[i];
            _configureClass(entry.target, entry.selector, entry.opClass);
        }
        for (uint256 i; i < initialPausableTargets.length; ++i) {
            _setPausableTarget(initialPausableTargets[i], true);
        }
    }

    /// @notice Accept native coin, so operations can send it.
    receive() external payable {
        emit Received(msg.sender, msg.value);
    }

    // ───────────────────────────── operations ─────────────────────────────

    /// @inheritdoc IWorxMultisig
    function propose(Operation calldata op) external returns (bytes32 operationId) {
        uint32 approval = _bitOf(msg.sender);
        operationId = _hashOperation(op);
        OperationRecord storage record = _operations[operationId];
        if (record.state != OperationState.Unknown) revert OperationAlreadyProposed(operationId, _stateOf(record));
        _create(operationId, op, approval);
        emit Approved(operationId, msg.sender);
    }

    /// @inheritdoc IWorxMultisig
    function approve(bytes32 operationId) external {
        if (_addApprovals(operationId, _bitOf(msg.sender)) != 0) emit Approved(operationId, msg.sender);
    }

    /// @inheritdoc IWorxMultisig
    function approveWithSignatures(Operation calldata op, SignedApproval[] calldata signatures)
        external
        returns (bytes32 operationId)
    {
        operationId = _hashOperation(op);
        uint32 signed = _signersMask(operationId, signatures);
        uint32 added;
        if (_operations[operationId].state == OperationState.Unknown) {
            _create(operationId, op, signed);
            added = signed;
        } else {
            added = _addApprovals(operationId, signed);
        }
        _emitEach(operationId, signatures, added, false);
    }

    /// @inheritdoc IWorxMultisig
    function queue(Operation calldata op) external returns (uint256 eta) {
        bytes32 operationId = _hashOperation(op);
        OperationRecord memory record = _operations[operationId];
        if (record.state != OperationState.Pending) revert InvalidOperationState(operationId, _stateOf(record));

        // The class fixed at proposal can only get stricter: a call reconfigured as Critical since
        // then needs the Critical threshold and delay.
        OperationClass opClass = record.opClass;
        if (_classOf(op.target, op.data) == OperationClass.Critical) opClass = OperationClass.Critical;
        ClassPolicy memory policy = _policies[opClass];
        uint256 approvals = record.ownersEpoch == _ownersEpoch ? _count(record.approvals) : 0;
        if (approvals < policy.threshold) revert InsufficientApprovals(operationId, approvals, policy.threshold);

        eta = block.timestamp + policy.delay;
        record.state = OperationState.Queued;
        record.opClass = opClass;
        // A timestamp plus at most 30 days fits 64 bits for the next 584 billion years.
        record.eta = uint64(eta);
        _operations[operationId] = record;
        emit Queued(operationId, opClass, approvals, eta);
    }

    /// @inheritdoc IWorxMultisig
    function execute(Operation calldata op) external nonReentrant {
        bytes32 operationId = _hashOperation(op);
        OperationRecord storage record = _operations[operationId];
        // Not Queued means not Expired either, so the stored state is the one to report.
        if (record.state != OperationState.Queued) revert InvalidOperationState(operationId, record.state);
        uint256 eta = record.eta;
        if (block.timestamp < eta) revert TimelockNotElapsed(operationId, eta);
        if (block.timestamp > eta + GRACE_PERIOD) revert OperationExpired(operationId, eta + GRACE_PERIOD);
        if (address(this).balance < op.value) revert InsufficientBalance(address(this).balance, op.value);

        // Effects before the interaction: a re-entering call finds the operation Executed (and the
        // guard closed), so it can never run twice.
        record.state = OperationState.Executed;
        emit Executed(operationId, op.target, op.value);

        if (!LowLevelCall.callNoReturn(op.target, op.value, op.data)) {
            if (LowLevelCall.returnDataSize() == 0) revert CallFailed(operationId);
            LowLevelCall.bubbleRevert();
        }
    }

    /// @inheritdoc IWorxMultisig
    function approveCancel(bytes32 operationId) external {
        (uint32 added, bool cancelled) = _addCancelApprovals(operationId, _bitOf(msg.sender));
        if (added != 0) emit CancelApproved(operationId, msg.sender);
        if (cancelled) emit Cancelled(operationId);
    }

    /// @inheritdoc IWorxMultisig
    function approveCancelWithSignatures(bytes32 operationId, SignedApproval[] calldata signatures) external {
        uint32 signed = _signersMask(_hashCancel(operationId), signatures);
        (uint32 added, bool cancelled) = _addCancelApprovals(operationId, signed);
        _emitEach(operationId, signatures, added, true);
        if (cancelled) emit Cancelled(operationId);
    }

    /// @inheritdoc IWorxMultisig
    function guardianPause(address target) external nonReentrant {
        if (msg.sender != _guardian) revert NotGuardian(msg.sender);
        if (!_pausable[target]) revert TargetNotPausable(target);
        // No value, one fixed selector: the guardian can stop a target, never move funds.
        if (!LowLevelCall.callNoReturn(target, abi.encodeWithSelector(PAUSE_SELECTOR))) {
            if (LowLevelCall.returnDataSize() == 0) revert PauseFailed(target);
            LowLevelCall.bubbleRevert();
        }
        emit GuardianPaused(msg.sender, target);
    }

    // ───────────────────────────── administration ─────────────────────────────

    /// @inheritdoc IWorxMultisig
    function addOwner(address owner) external onlySelf {
        _addOwner(owner);
    }

    /// @inheritdoc IWorxMultisig
    function removeOwner(address owner) external onlySelf {
        uint256 indexPlusOne = _ownerIndexPlusOne[owner];
        if (indexPlusOne == 0) revert NotOwner(owner);
        uint256 remaining = _owners.length - 1;
        _checkRemaining(owner, remaining, OperationClass.Routine);
        _checkRemaining(owner, remaining, OperationClass.Critical);

        // Owners are at least one more than a threshold of at least 1, so the index math is safe.
        uint256 index = indexPlusOne - 1;
        if (index != remaining) {
            address moved = _owners[remaining];
            _owners[index] = moved;
            _ownerIndexPlusOne[moved] = indexPlusOne;
        }
        _owners.pop();
        delete _ownerIndexPlusOne[owner];
        uint32 epoch = ++_ownersEpoch;
        emit OwnerRemoved(owner, epoch);
    }

    /// @inheritdoc IWorxMultisig
    function setThreshold(OperationClass opClass, uint256 newThreshold) external onlySelf {
        _setThreshold(opClass, newThreshold);
    }

    /// @inheritdoc IWorxMultisig
    function setDelay(OperationClass opClass, uint256 newDelay) external onlySelf {
        _setDelay(opClass, newDelay);
    }

    /// @inheritdoc IWorxMultisig
    function configureClass(address target, bytes4 selector, OperationClass opClass) external onlySelf {
        _configureClass(target, selector, opClass);
    }

    /// @inheritdoc IWorxMultisig
    function setPausableTarget(address target, bool pausable) external onlySelf {
        _setPausableTarget(target, pausable);
    }

    /// @inheritdoc IWorxMultisig
    function setGuardian(address newGuardian) external onlySelf {
        _setGuardian(newGuardian);
    }

    // ───────────────────────────── views ─────────────────────────────

    /// @inheritdoc IWorxMultisig
    function hashOperation(Operation calldata op) external view returns (bytes32) {
        return _hashOperation(op);
    }

    /// @inheritdoc IWorxMultisig
    function hashCancel(bytes32 operationId) external view returns (bytes32) {
        return _hashCancel(operationId);
    }

    /// @inheritdoc IWorxMultisig
    function classOf(address target, bytes calldata data) external view returns (OperationClass) {
        return _classOf(target, data);
    }

    /// @inheritdoc IWorxMultisig
    function getOperation(bytes32 operationId) external view returns (OperationRecord memory) {
        return _operations[operationId];
    }

    /// @inheritdoc IWorxMultisig
    function operationState(bytes32 operationId) external view returns (OperationState) {
        return _stateOf(_operations[operationId]);
    }

    /// @inheritdoc IWorxMultisig
    function approvalCount(bytes32 operationId) external view returns (uint256) {
        (uint32 approvals,) = _liveMasks(_operations[operationId]);
        return _count(approvals);
    }

    /// @inheritdoc IWorxMultisig
    function cancelApprovalCount(bytes32 operationId) external view returns (uint256) {
        (, uint32 cancels) = _liveMasks(_operations[operationId]);
        return _count(cancels);
    }

    /// @inheritdoc IWorxMultisig
    function hasApproved(bytes32 operationId, address owner) external view returns (bool) {
        (uint32 approvals,) = _liveMasks(_operations[operationId]);
        uint256 indexPlusOne = _ownerIndexPlusOne[owner];
        return indexPlusOne != 0 && (approvals >> (indexPlusOne - 1)) & 1 == 1;
    }

    /// @inheritdoc IWorxMultisig
    function hasApprovedCancel(bytes32 operationId, address owner) external view returns (bool) {
        (, uint32 cancels) = _liveMasks(_operations[operationId]);
        uint256 indexPlusOne = _ownerIndexPlusOne[owner];
        return indexPlusOne != 0 && (cancels >> (indexPlusOne - 1)) & 1 == 1;
    }

    /// @inheritdoc IWorxMultisig
    function getOwners() external view returns (address[] memory) {
        return _owners;
    }

    /// @inheritdoc IWorxMultisig
    function isOwner(address account) external view returns (bool) {
        return _ownerIndexPlusOne[account] != 0;
    }

    /// @inheritdoc IWorxMultisig
    function threshold(OperationClass opClass) external view returns (uint256) {
        return _policies[opClass].threshold;
    }

    /// @inheritdoc IWorxMultisig
    function delay(OperationClass opClass) external view returns (uint256) {
        return _policies[opClass].delay;
    }

    /// @inheritdoc IWorxMultisig
    function ownersEpoch() external view returns (uint256) {
        return _ownersEpoch;
    }

    /// @inheritdoc IWorxMultisig
    function isPausableTarget(address target) external view returns (bool) {
        return _pausable[target];
    }

    /// @inheritdoc IWorxMultisig
    function guardian() external view returns (address) {
        return _guardian;
    }

    // ───────────────────────────── internal ─────────────────────────────

    function _hashOperation(Operation calldata op) private view returns (bytes32) {
        return _hashTypedDataV4(MultisigTypedData.hashOperation(op));
    }

    function _hashCancel(bytes32 operationId) private view returns (bytes32) {
        return _hashTypedDataV4(MultisigTypedData.hashCancel(operationId));
    }

    function _classOf(address target, bytes calldata data) private view returns (OperationClass) {
        if (target == address(this)) return OperationClass.Critical;
        return _classes[target][MultisigTypedData.selectorOf(data)];
    }

    /// @dev The stored state, with a queued operation past its grace period reported as Expired.
    function _stateOf(OperationRecord memory record) private view returns (OperationState) {
        if (record.state == OperationState.Queued && block.timestamp > record.eta + GRACE_PERIOD) {
            return OperationState.Expired;
        }
        return record.state;
    }

    /// @dev The approval masks that count now: both are empty once an owner removal voided them.
    function _liveMasks(OperationRecord memory record) private view returns (uint32 approvals, uint32 cancels) {
        if (record.ownersEpoch == _ownersEpoch) return (record.approvals, record.cancelApprovals);
    }

    /// @dev The caller's (or signer's) bit in the approval masks; reverts for non-owners.
    function _bitOf(address account) private view returns (uint32) {
        uint256 indexPlusOne = _ownerIndexPlusOne[account];
        if (indexPlusOne == 0) revert NotOwner(account);
        return uint32(1 << (indexPlusOne - 1));
    }

    /// @dev Record a new Pending operation with its first approvals.
    function _create(bytes32 operationId, Operation calldata op, uint32 approvals) private {
        if (op.target == address(0)) revert InvalidTarget(op.target);
        OperationClass opClass = _classOf(op.target, op.data);
        _operations[operationId] = OperationRecord({
            state: OperationState.Pending,
            opClass: opClass,
            eta: 0,
            ownersEpoch: _ownersEpoch,
            approvals: approvals,
            cancelApprovals: 0
        });
        emit OperationProposed(operationId, msg.sender, op.target, op.value, op.data, op.nonce, opClass);
    }

    /// @dev Add `mask` to a pending operation's approvals; returns the bits that were new.
    function _addApprovals(bytes32 operationId, uint32 mask) private returns (uint32 added) {
        OperationRecord memory record = _operations[operationId];
        if (record.state != OperationState.Pending) revert InvalidOperationState(operationId, _stateOf(record));
        (uint32 approvals, uint32 cancels) = _liveMasks(record);
        added = mask & ~approvals;
        if (added == 0) return 0; // everyone already counted: nothing to write
        record.approvals = approvals | mask;
        record.cancelApprovals = cancels;
        record.ownersEpoch = _ownersEpoch;
        _operations[operationId] = record;
    }

    /// @dev Add `mask` to an operation's cancel approvals and cancel it once its class threshold
    /// agrees (also when a lowered threshold is already met); returns the bits that were new and
    /// whether it was cancelled now. Queued operations past their grace period may be cancelled too.
    function _addCancelApprovals(bytes32 operationId, uint32 mask) private returns (uint32 added, bool cancelled) {
        OperationRecord memory record = _operations[operationId];
        if (record.state != OperationState.Pending && record.state != OperationState.Queued) {
            revert InvalidOperationState(operationId, record.state);
        }
        (uint32 approvals, uint32 cancels) = _liveMasks(record);
        added = mask & ~cancels;
        cancels |= mask;
        cancelled = _count(cancels) >= _policies[record.opClass].threshold;
        if (added == 0 && !cancelled) return (0, false); // nothing new: nothing to write
        record.approvals = approvals;
        record.cancelApprovals = cancels;
        record.ownersEpoch = _ownersEpoch;
        if (cancelled) record.state = OperationState.Cancelled;
        _operations[operationId] = record;
    }

    /// @dev Verify an owner signature list over `digest`; returns the signers' bits. Reverts on an
    /// empty list, an unsorted or repeated signer, a non-owner, or an invalid signature.
    function _signersMask(bytes32 digest, SignedApproval[] calldata signatures) private view returns (uint32 mask) {
        uint256 count = signatures.length;
        if (count == 0) revert NoSignatures();
        address previous;
        for (uint256 i; i < count; ++i) {
            address signer = signatures[i].signer;
            if (i != 0 && signer <= previous) revert SignersNotAscending(previous, signer);
            mask |= _bitOf(signer);
            if (!_isValidSignature(signer, digest, signatures[i].signature)) revert InvalidSignature(signer);
            previous = signer;
        }
    }

    /// @dev ECDSA first (no account access; OpenZeppelin rejects high-s and non-65-byte
    /// signatures), then EIP-1271 for owners that are contracts.
    function _isValidSignature(address signer, bytes32 digest, bytes calldata signature) private view returns (bool) {
        (address recovered, ECDSA.RecoverError recoverError,) = ECDSA.tryRecoverCalldata(digest, signature);
        if (recoverError == ECDSA.RecoverError.NoError && recovered == signer) return true;
        return signer.code.length != 0
            && SignatureChecker.isValidERC1271SignatureNowCalldata(signer, digest, signature);
    }

    /// @dev One Approved (or CancelApproved) event per signer whose bit is in `added`.
    function _emitEach(bytes32 operationId, SignedApproval[] calldata signatures, uint32 added, bool cancel) private {
        for (uint256 i; i < signatures.length; ++i) {
            address signer = signatures[i].signer;
            if (added & _bitOf(signer) == 0) continue;
            if (cancel) emit CancelApproved(operationId, signer);
            else emit Approved(operationId, signer);
        }
    }

    /// @dev Number of set bits (Kernighan: each step clears the lowest one).
    function _count(uint32 mask) private pure returns (uint256 n) {
        while (mask != 0) {
            // mask != 0, so mask - 1 cannot underflow; n counts at most 32 bits.
            unchecked {
                mask &= mask - 1;
                ++n;
            }
        }
    }

    function _checkRemaining(address owner, uint256 remaining, OperationClass opClass) private view {
        uint256 current = _policies[opClass].threshold;
        if (remaining < current) revert RemovalBelowThreshold(owner, remaining, current);
    }

    function _addOwner(address owner) private {
        if (owner == address(0) || owner == address(this)) revert InvalidOwner(owner);
        if (_ownerIndexPlusOne[owner] != 0) revert DuplicateOwner(owner);
        uint256 count = _owners.length;
        if (count == MAX_OWNERS) revert TooManyOwners(count + 1, MAX_OWNERS);
        _owners.push(owner);
        _ownerIndexPlusOne[owner] = count + 1;
        emit OwnerAdded(owner);
    }

    function _setThreshold(OperationClass opClass, uint256 newThreshold) private {
        uint256 owners = _owners.length;
        if (newThreshold == 0 || newThreshold > owners) revert InvalidThreshold(opClass, newThreshold, owners);
        ClassPolicy storage policy = _policies[opClass];
        uint256 previous = policy.threshold;
        // newThreshold <= owners <= MAX_OWNERS (20) fits 8 bits.
        policy.threshold = uint8(newThreshold);
        emit ThresholdChanged(opClass, previous, newThreshold);
    }

    function _setDelay(OperationClass opClass, uint256 newDelay) private {
        if (newDelay < MIN_DELAY || newDelay > MAX_DELAY) revert InvalidDelay(opClass, newDelay, MIN_DELAY, MAX_DELAY);
        ClassPolicy storage policy = _policies[opClass];
        uint256 previous = policy.delay;
        // newDelay <= MAX_DELAY (30 days) fits 32 bits.
        policy.delay = uint32(newDelay);
        emit DelayChanged(opClass, previous, newDelay);
    }

    function _configureClass(address target, bytes4 selector, OperationClass opClass) private {
        if (target == address(this)) revert CannotConfigureSelf();
        if (target == address(0)) revert InvalidTarget(target);
        _classes[target][selector] = opClass;
        emit ClassConfigured(target, selector, opClass);
    }

    function _setPausableTarget(address target, bool pausable) private {
        if (target == address(this) || target.code.length == 0) revert InvalidTarget(target);
        _pausable[target] = pausable;
        emit PausableTargetConfigured(target, pausable);
    }

    function _setGuardian(address newGuardian) private {
        address previous = _guardian;
        _guardian = newGuardian;
        emit GuardianChanged(previous, newGuardian);
    }
}
