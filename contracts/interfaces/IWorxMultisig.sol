// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/**
 * @title IWorxMultisig
 * @notice M-of-N owner multisig with a timelock that administers the protocol.
 *
 * An operation is one call `(target, value, data)` plus a caller-chosen `nonce`. Its id is the
 * EIP-712 digest of `Operation(address target,uint256 value,bytes data,uint256 nonce)` under the
 * domain `{name: "WorxMultisig", version: "1", chainId, verifyingContract}`, so an approval signed
 * for one chain or one multisig is worthless on any other. Each id can be proposed once; it then
 * moves Pending -> Queued -> Executed, or to Cancelled from Pending or Queued.
 *
 * Every operation has a class, Routine or Critical, each with its own owner threshold and timelock
 * delay. The class is configured per (target, selector): at deployment (the constructor's initial
 * class list), then by the owners through Critical operations ({configureClass}); anything never
 * configured is Critical, and calls to the multisig itself (owners, thresholds, delays, classes,
 * guardian) are always Critical.
 *
 * Lifecycle:
 * 1. Owners approve: on-chain ({propose}, {approve}) or by signing the operation's EIP-712 typed
 *    data, submitted by anyone through {approveWithSignatures}.
 * 2. Once approvals from distinct current owners reach the class threshold, anyone may {queue}
 *    it: it becomes executable at `eta = now + delay(class)`.
 * 3. From `eta` until `eta + GRACE_PERIOD` anyone may {execute} it, once. After that it is
 *    Expired and can never run.
 * 4. Until it executes, the class threshold of owners may cancel it ({approveCancel} or signatures
 *    of `Cancel(bytes32 operationId)` via {approveCancelWithSignatures}): the timelock is the cancel
 *    window.
 *
 * Approvals are a bitmask over the current owner list. Removing an owner reorders that list, so
 * it voids every approval (and cancel approval) recorded so far: an operation not yet queued must
 * be approved again (off-chain signatures of owners still in office can simply be resubmitted).
 * Adding an owner keeps existing approvals. There is no "revoke": a signed approval can be
 * submitted by anyone while the operation is pending, so the way to stop an operation is to
 * cancel it.
 *
 * The guardian can only call `pause()` on targets marked pausable ({guardianPause}): at deployment
 * (the constructor's initial pausable targets) or later by the owners ({setPausableTarget}). It can
 * stop, never move funds. Unpausing is a normal, timelocked operation.
 *
 * Deployment configures the multisig for the contracts it administers in one transaction, with
 * the same checks and the same events as the Critical setters (OwnerAdded, ThresholdChanged,
 * DelayChanged, GuardianChanged, then ClassConfigured and PausableTargetConfigured per entry), so
 * an indexer or auditor reads the initial configuration exactly as it reads later changes.
 */
interface IWorxMultisig {
    /// @notice How strict an operation is. Critical is zero on purpose: a (target, selector) that
    /// was never configured reads as Critical.
    enum OperationClass {
        Critical, // the higher threshold and the longer delay (owner/config changes, treasury moves)
        Routine //   the lower threshold and the shorter delay (e.g. parameter tweaks)
    }

    /// @notice Where an operation is in its lifecycle. `Expired` is never stored: it is a Queued
    /// operation whose grace period has passed, as reported by {operationState}.
    enum OperationState {
        Unknown, //   never proposed
        Pending, //   proposed, collecting approvals
        Queued, //    approved by the threshold; executable from its eta
        Executed, //  ran once; can never run again
        Cancelled, // cancelled by the threshold of owners; can never run
        Expired //    queued, but not executed within GRACE_PERIOD after its eta
    }

    /// @notice One call the multisig makes. The same call may run again later under another nonce.
    struct Operation {
        address target; // the contract or account called
        uint256 value; //  native coin sent with the call, from the multisig's balance
        bytes data; //     calldata; fewer than 4 bytes (e.g. a plain transfer) has selector 0x00000000
        uint256 nonce; //  any number that makes the id unique (e.g. a counter kept off-chain)
    }

    /// @notice An owner's off-chain approval.
    struct SignedApproval {
        address signer; //  the owner; lists must be sorted by signer, strictly ascending
        bytes signature; // 65-byte ECDSA (r, s, v) over the EIP-712 digest, low-s only; or, for an
        //                  owner that is a contract, whatever its EIP-1271 `isValidSignature` accepts
    }

    /// @notice One entry of the constructor's initial class configuration: what {configureClass}
    /// would set, checked the same way.
    struct ClassConfig {
        address target; //           the called contract: non-zero, not the multisig itself
        bytes4 selector; //          the function selector (0x00000000 for calls with < 4 bytes of data)
        OperationClass opClass; //   the class its calls get
    }

    /// @notice One operation as stored.
    struct OperationRecord {
        OperationState state; // never Expired here; see {operationState}
        OperationClass opClass; // fixed at proposal; raised to Critical at queue time if reconfigured
        uint64 eta; // earliest execution time once queued, else 0
        uint32 ownersEpoch; // approvals below count only while this equals the current epoch
        uint32 approvals; // bit i set = the owner at index i approved
        uint32 cancelApprovals; // bit i set = the owner at index i approved cancelling
    }

    // ───────────────────────────── events ─────────────────────────────

    /// @notice An operation was proposed (its first approval follows in the same transaction).
    /// @param operationId the EIP-712 digest of the operation.
    /// @param proposer who submitted it: an owner, or a relayer of owners' signatures.
    /// @param target the account the operation calls.
    /// @param value native coin it sends.
    /// @param data its calldata.
    /// @param nonce its nonce.
    /// @param opClass its class at proposal time.
    event OperationProposed(
        bytes32 indexed operationId,
        address indexed proposer,
        address indexed target,
        uint256 value,
        bytes data,
        uint256 nonce,
        OperationClass opClass
    );

    /// @notice An owner's approval of an operation was recorded (on-chain or from a signature).
    /// @param operationId the operation.
    /// @param owner the approving owner.
    event Approved(bytes32 indexed operationId, address indexed owner);

    /// @notice An operation reached its threshold and was queued behind the timelock.
    /// @param operationId the operation.
    /// @param opClass the class whose threshold and delay applied.
    /// @param approvals how many distinct current owners had approved it.
    /// @param eta the earliest time it can execute; it expires after `eta + GRACE_PERIOD`.
    event Queued(bytes32 indexed operationId, OperationClass opClass, uint256 approvals, uint256 eta);

    /// @notice An operation ran (its call succeeded; a failing call reverts the whole execution).
    /// @param operationId the operation.
    /// @param target the account called.
    /// @param value native coin sent.
    event Executed(bytes32 indexed operationId, address indexed target, uint256 value);

    /// @notice An owner's approval to cancel an operation was recorded.
    /// @param operationId the operation.
    /// @param owner the owner.
    event CancelApproved(bytes32 indexed operationId, address indexed owner);

    /// @notice An operation was cancelled by its class threshold of owners; it can never run.
    /// @param operationId the operation.
    event Cancelled(bytes32 indexed operationId);

    /// @notice An owner was added (by an executed Critical operation, or at deployment).
    /// @param owner the new owner.
    event OwnerAdded(address indexed owner);

    /// @notice An owner was removed. Approvals recorded before this for operations not yet queued
    /// no longer count (see the contract notes): the owners epoch advanced to `ownersEpoch`.
    /// @param owner the removed owner.
    /// @param ownersEpoch the new owners epoch.
    event OwnerRemoved(address indexed owner, uint256 ownersEpoch);

    /// @notice A class's threshold changed.
    /// @param opClass the class.
    /// @param previous the threshold before (0 at deployment).
    /// @param threshold the threshold now.
    event ThresholdChanged(OperationClass indexed opClass, uint256 previous, uint256 threshold);

    /// @notice A class's timelock delay changed; operations queued from now on use it.
    /// @param opClass the class.
    /// @param previous the delay before, in seconds (0 at deployment).
    /// @param delay the delay now, in seconds.
    event DelayChanged(OperationClass indexed opClass, uint256 previous, uint256 delay);

    /// @notice Calls of `selector` on `target` now belong to `opClass` (at deployment, or by an
    /// executed Critical operation).
    /// @param target the called contract.
    /// @param selector the function selector (0x00000000 for calls with fewer than 4 bytes of data).
    /// @param opClass the class.
    event ClassConfigured(address indexed target, bytes4 indexed selector, OperationClass opClass);

    /// @notice The guardian may (or may no longer) pause `target` (set at deployment, or by an
    /// executed Critical operation).
    /// @param target the contract.
    /// @param pausable whether {guardianPause} may call its `pause()`.
    event PausableTargetConfigured(address indexed target, bool pausable);

    /// @notice The guardian changed.
    /// @param previous the guardian before (zero = none).
    /// @param guardian the guardian now (zero = none).
    event GuardianChanged(address indexed previous, address indexed guardian);

    /// @notice The guardian paused a target.
    /// @param guardian who paused it.
    /// @param target the paused contract.
    event GuardianPaused(address indexed guardian, address indexed target);

    /// @notice Native coin arrived.
    /// @param from the sender.
    /// @param amount the amount, in wei.
    event Received(address indexed from, uint256 amount);

    // ───────────────────────────── errors ─────────────────────────────

    /// @notice The caller (or a signer) is not a current owner. Fires from {propose}, {approve},
    /// {approveCancel} for the caller, and from the signature entry points for a signer. Debug:
    /// compare `account` with {getOwners} on the same chain and multisig; a removed owner's key, or
    /// a signature submitted with the wrong `signer` field, lands here.
    error NotOwner(address account);

    /// @notice An administrative function was called directly. They only run as the multisig's own
    /// call: propose an operation with `target` = the multisig, approve it with the Critical
    /// threshold, queue it, wait the Critical delay, and execute it.
    error OnlySelf(address caller);

    /// @notice {guardianPause} was called by someone other than the guardian. Debug: read
    /// {guardian}; it is zero when none is set.
    error NotGuardian(address caller);

    /// @notice The guardian tried to pause a contract the owners never marked pausable. Debug:
    /// {isPausableTarget}; marking one is a Critical operation ({setPausableTarget}).
    error TargetNotPausable(address target);

    /// @notice An owner must be a non-zero address other than the multisig itself.
    error InvalidOwner(address owner);

    /// @notice The address is already an owner (a duplicate in the constructor list, or {addOwner}
    /// of an existing owner).
    error DuplicateOwner(address owner);

    /// @notice The owner list would be longer than `max` (the approval bitmask's size bound).
    error TooManyOwners(uint256 count, uint256 max);

    /// @notice A threshold must be at least 1 and at most the number of owners (`ownerCount`).
    /// Debug: thresholds are set per class; lower the threshold before removing owners.
    error InvalidThreshold(OperationClass opClass, uint256 threshold, uint256 ownerCount);

    /// @notice Removing `owner` would leave fewer owners (`remaining`) than a class threshold
    /// (`threshold`). Debug: lower that threshold first (a separate Critical operation).
    error RemovalBelowThreshold(address owner, uint256 remaining, uint256 threshold);

    /// @notice A timelock delay must be within [`min`, `max`] seconds; no operation can lift these
    /// hard bounds. Debug: delays are in seconds, not hours or blocks.
    error InvalidDelay(OperationClass opClass, uint256 delay, uint256 min, uint256 max);

    /// @notice Calls to the multisig itself are always Critical; they cannot be configured (neither
    /// by {configureClass} nor in the constructor's initial class list).
    error CannotConfigureSelf();

    /// @notice The target is not acceptable: an operation (or a class configuration) must name a
    /// non-zero address (zero is almost always an encoding slip off-chain, and value sent there is
    /// burnt); a pausable target must be a contract other than the multisig. Debug: at deployment,
    /// deploy the pausable targets before the multisig (an address without code lands here).
    error InvalidTarget(address target);

    /// @notice This exact (target, value, data, nonce) was proposed before, on this chain and this
    /// multisig; `state` is where it is now. Debug: to run the same call again use a new nonce; to
    /// add approvals to it use {approve} or {approveWithSignatures}.
    error OperationAlreadyProposed(bytes32 operationId, OperationState state);

    /// @notice The operation is not in a state that allows this action (`actual` is its current
    /// state): approving needs Pending; queuing needs Pending; executing needs Queued; cancelling
    /// needs Pending or Queued (Expired included). Executed and Cancelled are final, so any replay lands here. Debug:
    /// Unknown means the id was never proposed here: check the chain id, the multisig address and
    /// that every field (including the nonce) hashes as in {hashOperation}.
    error InvalidOperationState(bytes32 operationId, OperationState actual);

    /// @notice Queuing needs `threshold` approvals from distinct current owners; only `approvals`
    /// count. Debug: {approvalCount}; an owner removal since the approvals were given voids them
    /// (resubmit the signatures or approve again).
    error InsufficientApprovals(bytes32 operationId, uint256 approvals, uint256 threshold);

    /// @notice The operation is queued but its timelock has not elapsed: it may run from `eta`.
    error TimelockNotElapsed(bytes32 operationId, uint256 eta);

    /// @notice The operation was not executed within the grace period and expired at `expiredAt`;
    /// it can never run. Debug: propose it again under a new nonce.
    error OperationExpired(bytes32 operationId, uint256 expiredAt);

    /// @notice A signature list was empty. Submit at least one owner signature.
    error NoSignatures();

    /// @notice Signature lists must be sorted by signer, strictly ascending, which also rules out
    /// duplicates. Debug: sort by the signer address as a number (`BigInt(address)`); the same
    /// signer twice shows `previous == signer`.
    error SignersNotAscending(address previous, address signer);

    /// @notice `signature` does not prove `signer` approved this digest: wrong key, wrong
    /// primary type (Operation vs Cancel), another chain id or multisig address in the domain, a
    /// malleable high-s or non-65-byte ECDSA signature, or a contract owner's EIP-1271 check said
    /// no. Debug: recompute the digest with {hashOperation} / {hashCancel} and recover it off-chain.
    error InvalidSignature(address signer);

    /// @notice The multisig holds `balance` wei but the operation sends `value`. Fund it first
    /// (it accepts plain transfers), then execute again before the grace period ends.
    error InsufficientBalance(uint256 balance, uint256 value);

    /// @notice The target's `pause()` reverted without a reason (a revert with a reason or custom
    /// error is re-thrown as is). Debug: the multisig needs the target's pauser role (e.g.
    /// MilestoneEscrow's PAUSER_ROLE granted to the multisig); an already paused target may revert.
    error PauseFailed(address target);

    /// @notice The operation's call reverted without a reason (a revert with a reason or custom
    /// error is re-thrown as is). Debug: simulate `target.call{value}(data)` from the multisig.
    error CallFailed(bytes32 operationId);

    // ───────────────────────────── operations ─────────────────────────────

    /// @notice Propose an operation and approve it as the caller. Only owners.
    /// @param op the call to make.
    /// @return operationId its id (the EIP-712 digest).
    function propose(Operation calldata op) external returns (bytes32 operationId);

    /// @notice Approve a pending operation as the caller. Only owners. Approving again is a no-op.
    /// @param operationId the operation (Pending).
    function approve(bytes32 operationId) external;

    /// @notice Record owners' EIP-712 approvals of `op`, proposing it first when new. Anyone may
    /// submit. Signers must be current owners, sorted strictly ascending, each with a valid
    /// signature, or the whole call reverts; owners already counted are skipped silently.
    /// @param op the operation the owners signed.
    /// @param signatures at least one owner signature over {hashOperation}(op).
    /// @return operationId its id.
    function approveWithSignatures(Operation calldata op, SignedApproval[] calldata signatures)
        external
        returns (bytes32 operationId);

    /// @notice Queue a pending operation whose approvals reach its class threshold. Anyone may call.
    /// @param op the operation.
    /// @return eta the earliest time it can execute.
    function queue(Operation calldata op) external returns (uint256 eta);

    /// @notice Run a queued operation, from its eta until its grace period ends. Anyone may call.
    /// Reverts with the call's own revert reason when the call fails.
    /// @param op the operation.
    function execute(Operation calldata op) external;

    /// @notice Approve cancelling a pending or queued operation as the caller; cancels it once the
    /// class threshold of owners agree. Only owners. Approving again is a no-op.
    /// @param operationId the operation.
    function approveCancel(bytes32 operationId) external;

    /// @notice Record owners' EIP-712 approvals of `Cancel(operationId)`; cancels the operation once
    /// the class threshold of owners agree. Anyone may submit. Same list rules as
    /// {approveWithSignatures}.
    /// @param operationId the operation (Pending or Queued).
    /// @param signatures at least one owner signature over {hashCancel}(operationId).
    function approveCancelWithSignatures(bytes32 operationId, SignedApproval[] calldata signatures) external;

    /// @notice Pause `target` now by calling its `pause()`. Only the guardian, only on targets
    /// marked pausable. Reverts with the target's own reason when its `pause()` fails.
    /// @param target the contract to pause.
    function guardianPause(address target) external;

    // ───────────────────────────── administration (only through Critical operations) ─────

    /// @notice Add an owner. Thresholds stay as they are.
    /// @param owner a non-zero address, not an owner yet, not the multisig.
    function addOwner(address owner) external;

    /// @notice Remove an owner; voids approvals of operations not yet queued.
    /// @param owner a current owner, whose removal leaves at least every class threshold of owners.
    function removeOwner(address owner) external;

    /// @notice Set a class's threshold.
    /// @param opClass the class.
    /// @param newThreshold from 1 to the number of owners.
    function setThreshold(OperationClass opClass, uint256 newThreshold) external;

    /// @notice Set a class's timelock delay for operations queued from now on.
    /// @param opClass the class.
    /// @param newDelay in seconds, within [MIN_DELAY, MAX_DELAY].
    function setDelay(OperationClass opClass, uint256 newDelay) external;

    /// @notice Classify calls of `selector` on `target`.
    /// @param target any contract except the multisig itself.
    /// @param selector the function selector (0x00000000 for calls with fewer than 4 bytes of data).
    /// @param opClass the class.
    function configureClass(address target, bytes4 selector, OperationClass opClass) external;

    /// @notice Allow (or stop allowing) the guardian to pause `target`.
    /// @param target a contract (not the multisig) with a `pause()` function the multisig may call.
    /// @param pausable whether the guardian may pause it.
    function setPausableTarget(address target, bool pausable) external;

    /// @notice Set the guardian.
    /// @param newGuardian the new guardian, or zero for none.
    function setGuardian(address newGuardian) external;

    // ───────────────────────────── views ─────────────────────────────

    /// @notice The operation's id: the EIP-712 digest owners sign.
    /// @param op the operation.
    /// @return the digest of `Operation(target, value, data, nonce)` in this multisig's domain.
    function hashOperation(Operation calldata op) external view returns (bytes32);

    /// @notice The EIP-712 digest owners sign to cancel an operation.
    /// @param operationId the operation.
    /// @return the digest of `Cancel(operationId)` in this multisig's domain.
    function hashCancel(bytes32 operationId) external view returns (bytes32);

    /// @notice The class a call to `target` with `data` gets now.
    /// @param target the called account.
    /// @param data the calldata.
    /// @return Critical for the multisig itself and anything unconfigured, else as configured.
    function classOf(address target, bytes calldata data) external view returns (OperationClass);

    /// @notice An operation as stored (its state is never Expired here).
    /// @param operationId the operation.
    /// @return the record (all zero when unknown).
    function getOperation(bytes32 operationId) external view returns (OperationRecord memory);

    /// @notice Where an operation is now, including Expired.
    /// @param operationId the operation.
    /// @return the state.
    function operationState(bytes32 operationId) external view returns (OperationState);

    /// @notice How many current owners' approvals count for the operation now.
    /// @param operationId the operation.
    /// @return the count (0 after an owner removal voided them).
    function approvalCount(bytes32 operationId) external view returns (uint256);

    /// @notice How many current owners' cancel approvals count for the operation now.
    /// @param operationId the operation.
    /// @return the count.
    function cancelApprovalCount(bytes32 operationId) external view returns (uint256);

    /// @notice Whether `owner` has an approval of the operation that counts now.
    /// @param operationId the operation.
    /// @param owner the owner.
    /// @return true when it counts.
    function hasApproved(bytes32 operationId, address owner) external view returns (bool);

    /// @notice Whether `owner` has a cancel approval of the operation that counts now.
    /// @param operationId the operation.
    /// @param owner the owner.
    /// @return true when it counts.
    function hasApprovedCancel(bytes32 operationId, address owner) external view returns (bool);

    /// @notice The current owners, in bitmask order.
    /// @return the owners.
    function getOwners() external view returns (address[] memory);

    /// @notice Whether `account` is a current owner.
    /// @param account the account.
    /// @return true for an owner.
    function isOwner(address account) external view returns (bool);

    /// @notice A class's threshold.
    /// @param opClass the class.
    /// @return the number of owners needed.
    function threshold(OperationClass opClass) external view returns (uint256);

    /// @notice A class's timelock delay.
    /// @param opClass the class.
    /// @return the delay in seconds.
    function delay(OperationClass opClass) external view returns (uint256);

    /// @notice Bumped by every owner removal; approvals from an older epoch do not count.
    /// @return the epoch.
    function ownersEpoch() external view returns (uint256);

    /// @notice Whether the guardian may pause `target`.
    /// @param target the contract.
    /// @return true when pausable.
    function isPausableTarget(address target) external view returns (bool);

    /// @notice The guardian (zero = none).
    /// @return the guardian.
    function guardian() external view returns (address);
}
