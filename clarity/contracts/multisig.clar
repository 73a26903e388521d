;; Worx multisig with timelock (Stacks, Clarity 4).
;;
;; The Stacks twin of contracts/multisig/WorxMultisig.sol (interface
;; contracts/interfaces/IWorxMultisig.sol): M-of-N owners administer the
;; protocol: the escrow's fee, fee recipient, fee-discount source, token
;; allowlist, pause and roles (arbiters included), the multisig's
;; own STX and SIP-010 funds, and the multisig's own configuration.
;;
;; LIFECYCLE of an operation (state: u1 pending, u2 queued, u3 executed,
;; u4 cancelled; u5 expired is derived, see get-operation-state)
;;   propose-*      an owner proposes a typed action under a nonce of their
;;                  choice; the proposer's approval is recorded at once.
;;                  Returns (ok operation-id).
;;   approve        further owners approve it while it is pending (again =
;;                  no-op).
;;   queue          ANYONE queues it once its approvals reach the class
;;                  threshold: eta = now + the class delay. Approvals count up
;;                  to queue only: a queued operation takes no more approvals
;;                  and execute does not count them again.
;;   execute*       ANYONE executes it when eta <= now <= eta + GRACE-PERIOD.
;;                  An operation executes at most once.
;;   approve-cancel until it executes, owners approve cancelling it; once the
;;                  cancel approvals reach the class threshold it is cancelled
;;                  for good.
;; OWNERS EPOCH (EVM ownersEpoch). Every owner removal advances the owners
;; epoch, and the approvals and cancel approvals an operation recorded under
;; an older epoch no longer count, whoever gave them: an operation not yet
;; queued must be approved again (a queued one stays queued, and cancelling it
;; needs fresh cancel approvals). The first vote after a removal starts the
;; operation's lists afresh in the current epoch. Adding an owner keeps every
;; vote. So every vote that counts was cast by a current owner.
;;
;; CLASSES. Each operation is critical (u0) or routine (u1), the values of the
;; EVM enum OperationClass, each class with its own threshold and timelock
;; delay (seeds: 3 and 2 of 5 owners, 48 h and 24 h). The class is configured
;; per (target, action); a pair never configured is critical (u0, the zero
;; value as on EVM), and self-administration (target = this contract: owners,
;; thresholds, delays, classes, pausable targets, guardian) is always critical.
;; The class is fixed at propose and can only get stricter: an operation whose
;; (target, action) is critical when it is queued is queued as critical.
;;
;; TYPED ACTIONS. There is no "call anything" operation: each action has its
;; own propose-* function and is executed by the execute* function that holds
;; the trait it needs (traits in multisig-traits.clar). Action names are the
;; kebab-case names of the EVM functions the operation would call:
;;
;;   action              target            value   args in data         executed by
;;   set-platform-fee    protocol contract 0       bps uint             execute-admin
;;   set-fee-recipient   protocol contract 0       principal            execute-admin
;;   grant-role          protocol contract 0       {role, account}      execute-admin
;;   revoke-role         protocol contract 0       {role, account}      execute-admin
;;   set-fee-discount-source protocol contract 0   (optional principal) execute-admin
;;   set-token-allowed   protocol contract 0       {token, allowed}     execute-admin
;;   unpause             pausable contract 0       -                    execute-unpause
;;   transfer-stx        recipient         amount  -                    execute
;;   transfer-ft         SIP-010 token     0       {recipient, amount}  execute-transfer-ft
;;   call                action contract   0       payload (buff 2048)  execute-call
;;   add-owner           this contract     0       owner principal      execute
;;   remove-owner        this contract     0       owner principal      execute
;;   set-threshold       this contract     0       {op-class, threshold} execute
;;   set-delay           this contract     0       {op-class, delay}    execute
;;   configure-class     this contract     0       {target, selector, op-class} execute
;;   set-pausable-target this contract     0       {target, pausable}   execute
;;   set-guardian        this contract     0       (optional principal) execute
;;
;; As on EVM an operation is (target, value, data, nonce): `value` is the
;; micro-STX the operation moves out of the multisig (non-zero only for
;; transfer-stx), and `data` is the SIP-005 serialization (`to-consensus-buff?`)
;; of the tuple {action: "<name>", args: <args>} ({action} alone without args):
;; the counterpart of EVM calldata (selector + ABI arguments); decode it with
;; @stacks/transactions `deserializeCV`. The nonce is the proposer's choice,
;; the last argument of every propose-*: any uint that makes the id unique
;; (e.g. a counter kept off-chain), as on EVM; the same action can run again
;; under another nonce. operation-id = sha256(to-consensus-buff? {chain-id,
;; multisig, nonce, target, value, data}): bound to this chain and this
;; contract (no replay across chains or deployments) like the EVM EIP-712
;; digest, computable before proposing, and proposed at most once.
;;
;; TIME. The timelock runs on Clarity 4 `stacks-block-time` (Unix time, in
;; seconds, of the block the transaction is in), so delays and the grace
;; period are seconds as on EVM and do not depend on the block rate (which
;; changed by ~100x with Nakamoto).
;;
;; GUARDIAN. One optional principal that can only STOP: `guardian-pause` calls
;; `pause` on a target the owners marked pausable, immediately, from inside
;; `as-contract?` with no asset allowance (nothing the multisig holds can
;; move). It cannot unpause, propose, approve or cancel unless it is also an
;; owner; unpausing is a timelocked "unpause" operation.
;;
;; WHO IS ACTING (owner, guardian, initializer) is decided on
;; `contract-caller`, as in the escrow: a contract relaying an owner's call
;; acts only as itself and can never propose, approve or cancel in that
;; owner's name. When the multisig acts on a target it calls from inside
;; `as-contract?`, so the target sees contract-caller = tx-sender = the
;; multisig (the escrow's roles are granted to this contract). Every
;; `as-contract?` carries exactly the allowance of what the action moves:
;; `with-stx amount` for transfer-stx, `with-ft token "*" amount` for
;; transfer-ft, and none at all for everything else, so an executed transfer
;; moves exactly the proposed amount (post-condition friendly) and no other
;; call can move funds.
;;
;; Events are `print`ed tuples whose `topic` is the kebab-case name of the EVM
;; event and whose other fields are its parameters in kebab-case
;; (OperationProposed{operationId, ...} -> {topic: "operation-proposed",
;; operation-id: ...}); they are printed in the same order as on EVM (e.g.
;; executed before the action's own events). Errors of a called target (the
;; escrow's u1000-u1099, a token's, an action contract's) are passed through
;; unchanged, and a failed execution reverts as a whole: the operation stays
;; queued.

(use-trait sip-010-trait .sip-010-trait.sip-010-trait)
(use-trait pausable-trait .multisig-traits.pausable)
(use-trait protocol-admin-trait .multisig-traits.protocol-admin)
(use-trait action-trait .multisig-traits.multisig-action)

;; ------------------------------- constants -------------------------------

;; Most owners at once (EVM MAX_OWNERS); bounds the vote lists (list 20 ...).
(define-constant MAX-OWNERS u20)

;; OperationClass (same values as the EVM enum: never configured = critical = 0).
(define-constant CLASS-CRITICAL u0) ;; higher threshold, longer delay
(define-constant CLASS-ROUTINE u1) ;; lower threshold, shorter delay

;; OperationState (same values as the EVM enum).
(define-constant STATE-UNKNOWN u0) ;; never proposed
(define-constant STATE-PENDING u1) ;; proposed, collecting approvals
(define-constant STATE-QUEUED u2) ;; threshold met, timelock running (eta set)
(define-constant STATE-EXECUTED u3) ;; ran once; never again
(define-constant STATE-CANCELLED u4) ;; cancelled by the class threshold; never runs
(define-constant STATE-EXPIRED u5) ;; never stored: queued and past eta + GRACE-PERIOD

;; Timelock bounds and grace period, in seconds (stacks-block-time).
(define-constant MIN-DELAY u3600) ;; 1 hour
(define-constant MAX-DELAY u2592000) ;; 30 days
(define-constant GRACE-PERIOD u1209600) ;; 14 days after eta, then expired

;; Action names (the `action` of `data`; the `selector` of class configs).
(define-constant ACTION-SET-PLATFORM-FEE "set-platform-fee")
(define-constant ACTION-SET-FEE-RECIPIENT "set-fee-recipient")
(define-constant ACTION-GRANT-ROLE "grant-role")
(define-constant ACTION-REVOKE-ROLE "revoke-role")
(define-constant ACTION-SET-FEE-DISCOUNT-SOURCE "set-fee-discount-source")
(define-constant ACTION-SET-TOKEN-ALLOWED "set-token-allowed")
(define-constant ACTION-UNPAUSE "unpause")
(define-constant ACTION-TRANSFER-STX "transfer-stx")
(define-constant ACTION-TRANSFER-FT "transfer-ft")
(define-constant ACTION-CALL "call")
(define-constant ACTION-ADD-OWNER "add-owner")
(define-constant ACTION-REMOVE-OWNER "remove-owner")
(define-constant ACTION-SET-THRESHOLD "set-threshold")
(define-constant ACTION-SET-DELAY "set-delay")
(define-constant ACTION-CONFIGURE-CLASS "configure-class")
(define-constant ACTION-SET-PAUSABLE-TARGET "set-pausable-target")
(define-constant ACTION-SET-GUARDIAN "set-guardian")

;; -------------------------------- errors --------------------------------
;; Range u2000-u2099 belongs to this contract:
;;   u2000-u2009 who may call, u2010-u2029 configuration and action arguments,
;;   u2030-u2039 operation lifecycle, u2040-u2049 execution.
;; Any other code returned by an execute* function comes from the called
;; target (escrow u1000-u1099, a token, an action contract), passed through
;; unchanged.

;; propose-*, approve or approve-cancel by a contract-caller that is not a
;; current owner. EVM: NotOwner. Debug: (is-owner who) / (get-owners); a call
;; relayed by another contract is made by THAT contract (see header).
(define-constant ERR-NOT-OWNER (err u2000))
;; guardian-pause by a contract-caller that is not the guardian (or while no
;; guardian is set). EVM: NotGuardian. Debug: (get-guardian).
(define-constant ERR-NOT-GUARDIAN (err u2001))
;; guardian-pause of a contract the owners never marked pausable. EVM:
;; TargetNotPausable. Debug: (is-pausable-target target); marking one is a
;; critical set-pausable-target operation (or initialize's pausable-targets).
(define-constant ERR-TARGET-NOT-PAUSABLE (err u2002))
;; initialize by anyone but the deployer of this contract (Clarity-only: the
;; EVM contract takes its configuration in the constructor). Debug: the
;; deployer is the address part of the contract id.
(define-constant ERR-NOT-DEPLOYER (err u2003))
;; initialize a second time (Clarity-only). Debug: (is-initialized); change
;; the configuration through self-administration operations instead.
(define-constant ERR-ALREADY-INITIALIZED (err u2004))

;; A new owner that is this contract or a principal of another network. EVM:
;; InvalidOwner (zero address / the multisig). Debug: ST.. on testnet, SP.. on
;; mainnet.
(define-constant ERR-INVALID-OWNER (err u2010))
;; Adding an owner twice (add-owner of an owner, or a duplicate in
;; initialize). EVM: DuplicateOwner. Debug: (is-owner who).
(define-constant ERR-DUPLICATE-OWNER (err u2011))
;; remove-owner of a principal that is not an owner. EVM: NotOwner(owner).
;; Debug: (get-owners); another remove-owner may have executed first.
(define-constant ERR-OWNER-NOT-FOUND (err u2012))
;; A 21st owner. EVM: TooManyOwners. Debug: (get-owner-count), max u20.
(define-constant ERR-TOO-MANY-OWNERS (err u2013))
;; A threshold of 0 or above the number of owners. EVM: InvalidThreshold.
;; Debug: (get-config); thresholds are per class (u0 critical, u1 routine).
(define-constant ERR-INVALID-THRESHOLD (err u2014))
;; remove-owner that would leave fewer owners than a class threshold. EVM:
;; RemovalBelowThreshold. Debug: lower that threshold first (a separate
;; critical operation).
(define-constant ERR-REMOVAL-BELOW-THRESHOLD (err u2015))
;; A delay outside MIN-DELAY..MAX-DELAY (u3600..u2592000). EVM: InvalidDelay.
;; Debug: delays are SECONDS (stacks-block-time), not blocks.
(define-constant ERR-INVALID-DELAY (err u2016))
;; A class other than u0 (critical) / u1 (routine) (Clarity-only: the EVM
;; enum cannot hold another value).
(define-constant ERR-INVALID-CLASS (err u2017))
;; configure-class (or initialize's routine actions) on this contract itself:
;; self-administration is always critical. EVM: CannotConfigureSelf.
(define-constant ERR-CANNOT-CONFIGURE-SELF (err u2018))
;; configure-class (or initialize's routine actions) with a selector that is
;; not a configurable action name (Clarity-only: EVM selectors are free).
;; Debug: configurable are set-platform-fee, set-fee-recipient, grant-role,
;; revoke-role, set-fee-discount-source, set-token-allowed, unpause,
;; transfer-stx, transfer-ft, call.
(define-constant ERR-INVALID-ACTION (err u2019))
;; The target of a protocol / pausable / token / call operation, or a pausable
;; target, is not a contract principal of this network, or is this contract.
;; EVM: InvalidTarget. Debug: pass the full contract id 'ST....name.
(define-constant ERR-INVALID-TARGET (err u2020))
;; The recipient of transfer-stx / transfer-ft is this contract or a principal
;; of another network (Clarity-only; EVM: the call's own checks).
(define-constant ERR-INVALID-RECIPIENT (err u2021))
;; propose-transfer-stx / propose-transfer-ft with amount u0 (Clarity-only:
;; stx-transfer? and SIP-010 tokens refuse zero amounts).
(define-constant ERR-INVALID-AMOUNT (err u2022))

;; No operation has this id. EVM: InvalidOperationState(Unknown). Debug: the
;; id is the (ok ...) of propose-* and the operation-id of its
;; operation-proposed event; check the network and the deployment.
(define-constant ERR-OPERATION-NOT-FOUND (err u2030))
;; queue while the approvals that count are below the class threshold: not
;; enough yet, an owner removal since voided them (owners epoch), or the class
;; threshold was raised / the class became critical. EVM:
;; InsufficientApprovals. Debug: (get-operation id) approvals vs threshold and
;; owners-epoch vs (get-owners-epoch); after a removal every owner approves
;; again.
(define-constant ERR-INSUFFICIENT-APPROVALS (err u2031))
;; approve or queue of an operation already queued (expired included):
;; approvals count up to queue only. EVM: InvalidOperationState(Queued or
;; Expired). Debug: (get-operation id) state u2 and eta; to stop it, use
;; approve-cancel.
(define-constant ERR-ALREADY-QUEUED (err u2032))
;; execute of an operation that was never queued. EVM:
;; InvalidOperationState(Pending). Debug: queue it first.
(define-constant ERR-NOT-QUEUED (err u2033))
;; approve / queue / execute / approve-cancel of an executed operation: it ran
;; already, and runs at most once. EVM: InvalidOperationState(Executed).
(define-constant ERR-ALREADY-EXECUTED (err u2034))
;; approve / queue / execute / approve-cancel of a cancelled operation. EVM:
;; InvalidOperationState(Cancelled). Propose it again (a new nonce, a new id).
(define-constant ERR-OPERATION-CANCELLED (err u2035))
;; execute before eta. EVM: TimelockNotElapsed. Debug: compare
;; (get-operation id) eta with the block's stacks-block-time (seconds).
(define-constant ERR-TIMELOCK-NOT-ELAPSED (err u2036))
;; execute after eta + GRACE-PERIOD (14 days). EVM: OperationExpired. Propose
;; it again (and cancel the stale one for a clean audit log).
(define-constant ERR-OPERATION-EXPIRED (err u2037))
;; propose-* of an operation whose id exists already: the same action, target,
;; value and nonce were proposed before on this multisig (in any state). EVM:
;; OperationAlreadyProposed. Debug: (get-operation-state id); to run the same
;; action again choose another nonce; to add approvals use approve.
(define-constant ERR-OPERATION-ALREADY-PROPOSED (err u2038))

;; The execute* function called does not run this operation's action (each
;; needs the trait of its target; Clarity-only, EVM has one execute). Debug:
;; (get-executor action) names the function to call.
(define-constant ERR-WRONG-EXECUTOR (err u2040))
;; The trait passed to execute-admin / execute-unpause / execute-transfer-ft /
;; execute-call is not the operation's target (Clarity-only). Debug: pass the
;; contract (get-operation id) target.
(define-constant ERR-TARGET-MISMATCH (err u2041))
;; execute of a transfer-stx while the multisig holds less than the amount.
;; EVM: InsufficientBalance. Fund it (plain STX transfer to the contract) and
;; execute again before the grace period ends.
(define-constant ERR-INSUFFICIENT-BALANCE (err u2042))
;; While the multisig acted as itself (`as-contract?`), an asset beyond the
;; allowance left it: a hostile token's `transfer`, a target's `pause` /
;; `unpause` / admin function or an action contract tried to move the
;; multisig's funds, so the call was reverted (Clarity-only). Debug: the
;; target is malicious or buggy; do not use it.
(define-constant ERR-ASSET-ALLOWANCE-EXCEEDED (err u2043))

;; --------------------------------- state ---------------------------------

(define-constant DEPLOYER tx-sender)

;; Set once by initialize.
(define-data-var initialized bool false)
;; The current owners.
(define-map owners
  principal
  bool
)
;; The current owners in EVM getOwners order: appended when added; a removal
;; moves the last owner into the removed owner's place.
(define-data-var owner-list (list 20 principal) (list))
;; Advanced by every owner removal (EVM ownersEpoch): votes recorded under an
;; older epoch do not count.
(define-data-var owners-epoch uint u0)
;; class -> threshold (approvals needed) and delay (seconds).
(define-map thresholds
  uint
  uint
)
(define-map delays
  uint
  uint
)
;; Configured classes; a missing (target, selector) is critical.
(define-map classes
  {
    target: principal,
    selector: (string-ascii 32),
  }
  uint
)
;; Contracts the guardian may pause.
(define-map pausable-targets
  principal
  bool
)
(define-data-var guardian (optional principal) none)

;; What an operation does: written once, at propose.
(define-map operations
  (buff 32)
  {
    proposer: principal,
    nonce: uint,
    action: (string-ascii 32),
    target: principal,
    value: uint,
    ;; to-consensus-buff? of {action, args}; 2112 >= the 2107 bytes of the
    ;; largest, a "call" with a 2048-byte payload.
    data: (buff 2112),
  }
)
;; Where an operation is: rewritten by approve / queue / execute* /
;; approve-cancel. The owners who approved (and approved cancelling) it count
;; only while `owners-epoch` is the current owners epoch.
(define-map operation-states
  (buff 32)
  {
    state: uint,
    op-class: uint,
    eta: uint,
    owners-epoch: uint,
    approvals: (list 20 principal),
    cancel-approvals: (list 20 principal),
  }
)

;; ----------------------------- initialization -----------------------------

;; Configure the multisig, once, by the deployer: the EVM constructor's
;; parameters (owners, thresholds, delays, guardian, initial classes and
;; pausable targets; the classes as the (target, selector) pairs made routine,
;; every other pair being critical anyway). Owners 1..20, distinct; thresholds
;; 1..owners; delays MIN-DELAY..MAX-DELAY; guardian none for none. Emits the
;; same events as the EVM constructor: owner-added, threshold-changed,
;; delay-changed, guardian-changed, then class-configured and
;; pausable-target-configured per entry. Until it runs there are no owners, so
;; nothing else can happen. scripts/deploy/stacks/deploy.ts sends it right
;; after the deploys.
(define-public (initialize
    (initial-owners (list 20 principal))
    (routine-threshold uint)
    (critical-threshold uint)
    (routine-delay uint)
    (critical-delay uint)
    (initial-guardian (optional principal))
    (routine-actions (list 20 {
      target: principal,
      selector: (string-ascii 32),
    }))
    (initial-pausable-targets (list 20 principal))
  )
  (begin
    (asserts! (is-eq contract-caller DEPLOYER) ERR-NOT-DEPLOYER)
    (asserts! (not (var-get initialized)) ERR-ALREADY-INITIALIZED)
    (var-set initialized true)
    (try! (fold add-owner-step initial-owners (ok true)))
    (try! (set-threshold-internal CLASS-ROUTINE routine-threshold))
    (try! (set-threshold-internal CLASS-CRITICAL critical-threshold))
    (try! (set-delay-internal CLASS-ROUTINE routine-delay))
    (try! (set-delay-internal CLASS-CRITICAL critical-delay))
    (set-guardian-internal initial-guardian)
    (try! (fold configure-routine-step routine-actions (ok true)))
    (try! (fold set-pausable-step initial-pausable-targets (ok true)))
    (ok true)
  )
)

;; ------------------------------- proposing -------------------------------
;; Every propose-* takes the operation's arguments and last the `nonce`, any
;; uint the proposer chooses to make the id new (EVM Operation.nonce). It
;; needs the caller to be an owner and the id to be new, checks the arguments
;; the multisig can check now (the target contract checks its own when the
;; operation executes), records the proposer's approval, and returns
;; (ok operation-id).

;; Set the platform fee (bps) of protocol contract `target` (the escrow).
(define-public (propose-set-platform-fee
    (target principal)
    (bps uint)
    (nonce uint)
  )
  (propose ACTION-SET-PLATFORM-FEE target u0
    (unwrap-panic (to-consensus-buff? {
      action: ACTION-SET-PLATFORM-FEE,
      args: bps,
    }))
    nonce
    (check-contract-target target)
  )
)

;; Set the fee recipient of protocol contract `target`.
(define-public (propose-set-fee-recipient
    (target principal)
    (recipient principal)
    (nonce uint)
  )
  (propose ACTION-SET-FEE-RECIPIENT target u0
    (unwrap-panic (to-consensus-buff? {
      action: ACTION-SET-FEE-RECIPIENT,
      args: recipient,
    }))
    nonce
    (check-contract-target target)
  )
)

;; Grant `role` to `account` on protocol contract `target`.
(define-public (propose-grant-role
    (target principal)
    (role (string-ascii 16))
    (account principal)
    (nonce uint)
  )
  (propose ACTION-GRANT-ROLE target u0
    (unwrap-panic (to-consensus-buff? {
      action: ACTION-GRANT-ROLE,
      args: {
        role: role,
        account: account,
      },
    }))
    nonce
    (check-contract-target target)
  )
)

;; Revoke `role` from `account` on protocol contract `target`.
(define-public (propose-revoke-role
    (target principal)
    (role (string-ascii 16))
    (account principal)
    (nonce uint)
  )
  (propose ACTION-REVOKE-ROLE target u0
    (unwrap-panic (to-consensus-buff? {
      action: ACTION-REVOKE-ROLE,
      args: {
        role: role,
        account: account,
      },
    }))
    nonce
    (check-contract-target target)
  )
)

;; Set the fee-discount source of protocol contract `target` (none: no
;; discounts).
(define-public (propose-set-fee-discount-source
    (target principal)
    (source (optional principal))
    (nonce uint)
  )
  (propose ACTION-SET-FEE-DISCOUNT-SOURCE target u0
    (unwrap-panic (to-consensus-buff? {
      action: ACTION-SET-FEE-DISCOUNT-SOURCE,
      args: source,
    }))
    nonce
    (check-contract-target target)
  )
)

;; Allow or disallow `token` (none = STX) for new jobs on protocol contract
;; `target`.
(define-public (propose-set-token-allowed
    (target principal)
    (token (optional principal))
    (allowed bool)
    (nonce uint)
  )
  (propose ACTION-SET-TOKEN-ALLOWED target u0
    (unwrap-panic (to-consensus-buff? {
      action: ACTION-SET-TOKEN-ALLOWED,
      args: {
        token: token,
        allowed: allowed,
      },
    }))
    nonce
    (check-contract-target target)
  )
)

;; Unpause pausable contract `target` (the guardian can only pause).
(define-public (propose-unpause
    (target principal)
    (nonce uint)
  )
  (propose ACTION-UNPAUSE target u0
    (unwrap-panic (to-consensus-buff? { action: ACTION-UNPAUSE }))
    nonce
    (check-contract-target target)
  )
)

;; Send `amount` micro-STX from the multisig to `recipient`.
(define-public (propose-transfer-stx
    (recipient principal)
    (amount uint)
    (nonce uint)
  )
  (propose ACTION-TRANSFER-STX recipient amount
    (unwrap-panic (to-consensus-buff? { action: ACTION-TRANSFER-STX }))
    nonce
    (check-transfer recipient amount)
  )
)

;; Send `amount` of SIP-010 `token` from the multisig to `recipient`.
(define-public (propose-transfer-ft
    (token principal)
    (recipient principal)
    (amount uint)
    (nonce uint)
  )
  (propose ACTION-TRANSFER-FT token u0
    (unwrap-panic (to-consensus-buff? {
      action: ACTION-TRANSFER-FT,
      args: {
        recipient: recipient,
        amount: amount,
      },
    }))
    nonce
    (match (check-contract-target token)
      ok-target (check-transfer recipient amount)
      bad-target (err bad-target)
    )
  )
)

;; Call `execute` of multisig-action contract `target` with `payload`.
(define-public (propose-call
    (target principal)
    (payload (buff 2048))
    (nonce uint)
  )
  (propose ACTION-CALL target u0
    (unwrap-panic (to-consensus-buff? {
      action: ACTION-CALL,
      args: payload,
    }))
    nonce
    (check-contract-target target)
  )
)

;; Add `owner` (critical). Every vote recorded so far keeps counting.
(define-public (propose-add-owner
    (owner principal)
    (nonce uint)
  )
  (propose ACTION-ADD-OWNER current-contract u0
    (unwrap-panic (to-consensus-buff? {
      action: ACTION-ADD-OWNER,
      args: owner,
    }))
    nonce
    (check-add-owner owner)
  )
)

;; Remove `owner` (critical). When it executes the owners epoch advances: the
;; approvals and cancel approvals recorded so far, by any owner, stop counting.
(define-public (propose-remove-owner
    (owner principal)
    (nonce uint)
  )
  (propose ACTION-REMOVE-OWNER current-contract u0
    (unwrap-panic (to-consensus-buff? {
      action: ACTION-REMOVE-OWNER,
      args: owner,
    }))
    nonce
    (check-remove-owner owner)
  )
)

;; Set the threshold of `op-class` (critical).
(define-public (propose-set-threshold
    (op-class uint)
    (threshold uint)
    (nonce uint)
  )
  (propose ACTION-SET-THRESHOLD current-contract u0
    (unwrap-panic (to-consensus-buff? {
      action: ACTION-SET-THRESHOLD,
      args: {
        op-class: op-class,
        threshold: threshold,
      },
    }))
    nonce
    (check-threshold op-class threshold)
  )
)

;; Set the timelock delay of `op-class`, in seconds, for operations queued
;; from then on (critical).
(define-public (propose-set-delay
    (op-class uint)
    (delay uint)
    (nonce uint)
  )
  (propose ACTION-SET-DELAY current-contract u0
    (unwrap-panic (to-consensus-buff? {
      action: ACTION-SET-DELAY,
      args: {
        op-class: op-class,
        delay: delay,
      },
    }))
    nonce
    (check-delay op-class delay)
  )
)

;; Classify the operations `selector` (an action name) on `target` as
;; `op-class` (critical). Applies to operations proposed from then on, and to
;; pending ones made critical when they are queued.
(define-public (propose-configure-class
    (target principal)
    (selector (string-ascii 32))
    (op-class uint)
    (nonce uint)
  )
  (propose ACTION-CONFIGURE-CLASS current-contract u0
    (unwrap-panic (to-consensus-buff? {
      action: ACTION-CONFIGURE-CLASS,
      args: {
        target: target,
        selector: selector,
        op-class: op-class,
      },
    }))
    nonce
    (check-class-config target selector op-class)
  )
)

;; Allow (or stop allowing) the guardian to pause `target` (critical).
(define-public (propose-set-pausable-target
    (target principal)
    (pausable bool)
    (nonce uint)
  )
  (propose ACTION-SET-PAUSABLE-TARGET current-contract u0
    (unwrap-panic (to-consensus-buff? {
      action: ACTION-SET-PAUSABLE-TARGET,
      args: {
        target: target,
        pausable: pausable,
      },
    }))
    nonce
    (check-contract-target target)
  )
)

;; Set (or, with none, remove) the guardian (critical).
(define-public (propose-set-guardian
    (new-guardian (optional principal))
    (nonce uint)
  )
  (propose ACTION-SET-GUARDIAN current-contract u0
    (unwrap-panic (to-consensus-buff? {
      action: ACTION-SET-GUARDIAN,
      args: new-guardian,
    }))
    nonce
    (ok true)
  )
)

;; -------------------------------- voting --------------------------------

;; Approve a pending operation as the caller. Only owners. Returns (ok true)
;; when the approval was recorded, (ok false) when the caller's approval
;; already counted (a no-op, no event). After an owner removal the votes
;; recorded before it are dropped and this one starts the lists afresh.
(define-public (approve (operation-id (buff 32)))
  (let (
      (owner contract-caller)
      (state (begin
        ;; as on EVM: who is asking first, then which operation
        (asserts! (is-owner owner) ERR-NOT-OWNER)
        (unwrap! (map-get? operation-states operation-id) ERR-OPERATION-NOT-FOUND)
      ))
      (live (is-current-epoch (get owners-epoch state)))
      (approvals (if live
        (get approvals state)
        (list)
      ))
    )
    (try! (check-pending (get state state)))
    (if (is-some (index-of? approvals owner))
      (ok false)
      (begin
        (map-set operation-states operation-id
          (if live
            ;; distinct owners of one epoch: at most MAX-OWNERS
            (merge state { approvals: (unwrap-panic (as-max-len? (append approvals owner) u20)) })
            ;; the first vote since an owner removal: both lists restart
            (merge state {
              owners-epoch: (var-get owners-epoch),
              approvals: (list owner),
              cancel-approvals: (list),
            })
          )
        )
        (print {
          topic: "approved",
          operation-id: operation-id,
          owner: owner,
        })
        (ok true)
      )
    )
  )
)

;; Approve cancelling an operation that has not executed (pending, queued or
;; expired) as the caller. Only owners. Once its cancel approvals reach the
;; threshold of its class (also when a lowered threshold is already met) it is
;; cancelled. Returns (ok true) when this call cancelled it, (ok false)
;; otherwise (approval recorded, or already counted: no-op). After an owner
;; removal the votes recorded before it are dropped and this one starts the
;; lists afresh.
(define-public (approve-cancel (operation-id (buff 32)))
  (let (
      (owner contract-caller)
      (state (begin
        ;; as on EVM: who is asking first, then which operation
        (asserts! (is-owner owner) ERR-NOT-OWNER)
        (unwrap! (map-get? operation-states operation-id) ERR-OPERATION-NOT-FOUND)
      ))
      (live (is-current-epoch (get owners-epoch state)))
      (votes (if live
        (get cancel-approvals state)
        (list)
      ))
      (added (is-none (index-of? votes owner)))
      (new-votes (if added
        (unwrap-panic (as-max-len? (append votes owner) u20))
        votes
      ))
      (cancelled (>= (len new-votes) (threshold-of (get op-class state))))
    )
    (try! (check-open (get state state)))
    (if (or added cancelled)
      (map-set operation-states operation-id
        (merge state {
          state: (if cancelled
            STATE-CANCELLED
            (get state state)
          ),
          owners-epoch: (var-get owners-epoch),
          approvals: (if live
            (get approvals state)
            (list)
          ),
          cancel-approvals: new-votes,
        })
      )
      false
    )
    (if added
      (begin
        (print {
          topic: "cancel-approved",
          operation-id: operation-id,
          owner: owner,
        })
        true
      )
      false
    )
    (if cancelled
      (begin
        (print {
          topic: "cancelled",
          operation-id: operation-id,
        })
        true
      )
      false
    )
    (ok cancelled)
  )
)

;; ------------------------------- queueing -------------------------------

;; Queue a pending operation whose approvals reach its class threshold: eta =
;; now + the class delay. Anyone may call. The class becomes critical if its
;; (target, selector) is critical now. This is the last time approvals are
;; counted. Returns (ok eta).
(define-public (queue (operation-id (buff 32)))
  (let (
      (op (unwrap! (map-get? operations operation-id) ERR-OPERATION-NOT-FOUND))
      (state (unwrap-panic (map-get? operation-states operation-id)))
      (op-class (if (is-eq (class-of (get target op) (get action op)) CLASS-CRITICAL)
        CLASS-CRITICAL
        (get op-class state)
      ))
      (approvals (if (is-current-epoch (get owners-epoch state))
        (len (get approvals state))
        u0
      ))
      (eta (+ stacks-block-time (delay-of op-class)))
    )
    (try! (check-pending (get state state)))
    (asserts! (>= approvals (threshold-of op-class)) ERR-INSUFFICIENT-APPROVALS)
    (map-set operation-states operation-id
      (merge state {
        state: STATE-QUEUED,
        op-class: op-class,
        eta: eta,
      })
    )
    (print {
      topic: "queued",
      operation-id: operation-id,
      op-class: op-class,
      approvals: approvals,
      eta: eta,
    })
    (ok eta)
  )
)

;; ------------------------------- executing -------------------------------
;; Anyone may execute a queued operation when eta <= now <= eta +
;; GRACE-PERIOD. Approvals are not counted again (they were, at queue): owner
;; removals and threshold changes since then do not stop it; cancelling does.
;; The operation is marked executed and `executed` printed before its action
;; runs; if the action fails the whole call reverts and it stays queued.

;; transfer-stx and the self-administration actions (no trait needed).
(define-public (execute (operation-id (buff 32)))
  (let (
      (op (try! (begin-execution operation-id "execute" none)))
      (action (get action op))
    )
    (try! (if (is-eq action ACTION-TRANSFER-STX)
      (send-stx (get value op) (get target op))
      (run-self-admin action (get data op))
    ))
    (ok true)
  )
)

;; set-platform-fee, set-fee-recipient, grant-role, revoke-role,
;; set-fee-discount-source, set-token-allowed on `target` (must be the
;; operation's target).
(define-public (execute-admin
    (operation-id (buff 32))
    (target <protocol-admin-trait>)
  )
  (let (
      (op (try! (begin-execution operation-id "execute-admin"
        (some (contract-of target))
      )))
      (action (get action op))
      (data (get data op))
    )
    (try! (no-assets-out (as-contract? ()
      (try! (if (is-eq action ACTION-SET-PLATFORM-FEE)
        (contract-call? target set-platform-fee
          (get args (unwrap-panic (from-consensus-buff? {
            action: (string-ascii 32),
            args: uint,
          }
            data
          )))
        )
        (if (is-eq action ACTION-SET-FEE-RECIPIENT)
          (contract-call? target set-fee-recipient
            (get args (unwrap-panic (from-consensus-buff? {
              action: (string-ascii 32),
              args: principal,
            }
              data
            )))
          )
          (if (is-eq action ACTION-SET-FEE-DISCOUNT-SOURCE)
            (contract-call? target set-fee-discount-source
              (get args (unwrap-panic (from-consensus-buff? {
                action: (string-ascii 32),
                args: (optional principal),
              }
                data
              )))
            )
            (if (is-eq action ACTION-SET-TOKEN-ALLOWED)
              (let ((args (get args (unwrap-panic (from-consensus-buff? {
                  action: (string-ascii 32),
                  args: {
                    token: (optional principal),
                    allowed: bool,
                  },
                }
                  data
                )))))
                (contract-call? target set-token-allowed (get token args)
                  (get allowed args)
                )
              )
              (let ((args (get args (unwrap-panic (from-consensus-buff? {
                  action: (string-ascii 32),
                  args: {
                    role: (string-ascii 16),
                    account: principal,
                  },
                }
                  data
                )))))
                (if (is-eq action ACTION-GRANT-ROLE)
                  (contract-call? target grant-role (get role args) (get account args))
                  (contract-call? target revoke-role (get role args) (get account args))
                )
              )
            )
          )
        )
      ))
    )))
    (ok true)
  )
)

;; unpause on `target` (must be the operation's target).
(define-public (execute-unpause
    (operation-id (buff 32))
    (target <pausable-trait>)
  )
  (begin
    (try! (begin-execution operation-id "execute-unpause" (some (contract-of target))))
    (try! (no-assets-out (as-contract? ()
      (try! (contract-call? target unpause))
    )))
    (ok true)
  )
)

;; transfer-ft of `token` (must be the operation's target): exactly the
;; proposed amount of that token leaves the multisig, nothing else.
(define-public (execute-transfer-ft
    (operation-id (buff 32))
    (token <sip-010-trait>)
  )
  (let (
      (op (try! (begin-execution operation-id "execute-transfer-ft"
        (some (contract-of token))
      )))
      (args (get args (unwrap-panic (from-consensus-buff? {
        action: (string-ascii 32),
        args: {
          recipient: principal,
          amount: uint,
        },
      }
        (get data op)
      ))))
      (amount (get amount args))
    )
    (try! (no-assets-out (as-contract? ((with-ft (contract-of token) "*" amount))
      (try! (contract-call? token transfer amount current-contract (get recipient args)
        none
      ))
    )))
    (ok true)
  )
)

;; call: `execute` of the action contract `target` (must be the operation's
;; target) with the operation id and payload; no asset may leave the multisig.
(define-public (execute-call
    (operation-id (buff 32))
    (target <action-trait>)
  )
  (let (
      (op (try! (begin-execution operation-id "execute-call" (some (contract-of target)))))
      (payload (get args (unwrap-panic (from-consensus-buff? {
        action: (string-ascii 32),
        args: (buff 2048),
      }
        (get data op)
      ))))
    )
    (try! (no-assets-out (as-contract? ()
      (try! (contract-call? target execute operation-id payload))
    )))
    (ok true)
  )
)

;; -------------------------------- guardian --------------------------------

;; Pause `target` now. Only the guardian, only targets marked pausable. The
;; multisig calls `pause` as itself (it must hold the target's pauser role)
;; with no asset allowance: the guardian can stop the protocol, never move
;; funds or unpause. The target's own error (e.g. already paused) passes
;; through.
(define-public (guardian-pause (target <pausable-trait>))
  (let ((caller contract-caller))
    (asserts! (is-eq (some caller) (var-get guardian)) ERR-NOT-GUARDIAN)
    (asserts! (is-pausable-target (contract-of target)) ERR-TARGET-NOT-PAUSABLE)
    (try! (no-assets-out (as-contract? ()
      (try! (contract-call? target pause))
    )))
    (print {
      topic: "guardian-paused",
      guardian: caller,
      target: (contract-of target),
    })
    (ok true)
  )
)

;; --------------------------------- views ---------------------------------

;; Operation `operation-id` as stored: what it does, its state (never u5
;; here, see get-operation-state), class, eta (seconds; u0 until queued), the
;; owners epoch of its votes, and how many approvals / cancel approvals count
;; now (EVM approvalCount / cancelApprovalCount: u0 once an owner removal
;; voided them, queued operations included) against its class's current
;; threshold. none when unknown.
(define-read-only (get-operation (operation-id (buff 32)))
  (match (map-get? operations operation-id)
    op (let ((state (unwrap-panic (map-get? operation-states operation-id))))
      (some (merge op {
        state: (get state state),
        op-class: (get op-class state),
        eta: (get eta state),
        owners-epoch: (get owners-epoch state),
        approvals: (if (is-current-epoch (get owners-epoch state))
          (len (get approvals state))
          u0
        ),
        cancel-approvals: (if (is-current-epoch (get owners-epoch state))
          (len (get cancel-approvals state))
          u0
        ),
        threshold: (threshold-of (get op-class state)),
      }))
    )
    none
  )
)

;; Where an operation is now: u0 unknown, u1 pending, u2 queued, u3 executed,
;; u4 cancelled, u5 expired (queued, not executed within GRACE-PERIOD after
;; its eta). EVM: operationState.
(define-read-only (get-operation-state (operation-id (buff 32)))
  (match (map-get? operation-states operation-id)
    state (if (and
        (is-eq (get state state) STATE-QUEUED)
        (> stacks-block-time (+ (get eta state) GRACE-PERIOD))
      )
      STATE-EXPIRED
      (get state state)
    )
    STATE-UNKNOWN
  )
)

;; Whether `owner`'s approval of `operation-id` counts now (false once an
;; owner removal voided it).
(define-read-only (has-approved
    (operation-id (buff 32))
    (owner principal)
  )
  (match (map-get? operation-states operation-id)
    state (and
      (is-current-epoch (get owners-epoch state))
      (is-some (index-of? (get approvals state) owner))
    )
    false
  )
)

;; Whether `owner`'s cancel approval of `operation-id` counts now (false once
;; an owner removal voided it).
(define-read-only (has-approved-cancel
    (operation-id (buff 32))
    (owner principal)
  )
  (match (map-get? operation-states operation-id)
    state (and
      (is-current-epoch (get owners-epoch state))
      (is-some (index-of? (get cancel-approvals state) owner))
    )
    false
  )
)

(define-read-only (is-owner (who principal))
  (is-some (map-get? owners who))
)

;; The current owners, in EVM getOwners order (in order of addition, except
;; that a removal moves the last owner into the removed owner's place).
(define-read-only (get-owners)
  (var-get owner-list)
)

(define-read-only (get-owner-count)
  (len (var-get owner-list))
)

;; Advanced by every owner removal; votes recorded under an older epoch do
;; not count. EVM: ownersEpoch.
(define-read-only (get-owners-epoch)
  (var-get owners-epoch)
)

;; Approvals needed for operations of `op-class` (u0 for an unknown class).
(define-read-only (get-threshold (op-class uint))
  (threshold-of op-class)
)

;; Timelock delay of `op-class`, in seconds.
(define-read-only (get-delay (op-class uint))
  (delay-of op-class)
)

;; Class an operation (`target`, `action`) proposed now gets. EVM: classOf.
(define-read-only (get-class
    (target principal)
    (action (string-ascii 32))
  )
  (class-of target action)
)

;; Name of the execute* function that runs `action` ("" when unknown).
(define-read-only (get-executor (action (string-ascii 32)))
  (executor-of action)
)

;; Whether the guardian may pause `target`.
(define-read-only (is-pausable-target (target principal))
  (default-to false (map-get? pausable-targets target))
)

(define-read-only (get-guardian)
  (var-get guardian)
)

;; Everything an SPA needs to show the multisig's configuration at once.
(define-read-only (get-config)
  {
    owner-count: (len (var-get owner-list)),
    routine-threshold: (threshold-of CLASS-ROUTINE),
    critical-threshold: (threshold-of CLASS-CRITICAL),
    routine-delay: (delay-of CLASS-ROUTINE),
    critical-delay: (delay-of CLASS-CRITICAL),
    grace-period: GRACE-PERIOD,
    min-delay: MIN-DELAY,
    max-delay: MAX-DELAY,
    guardian: (var-get guardian),
    owners-epoch: (var-get owners-epoch),
  }
)

(define-read-only (is-initialized)
  (var-get initialized)
)

;; -------------------------------- private --------------------------------

;; Record a new operation proposed by contract-caller under `nonce`, whose
;; arguments checked out as `valid`, with the proposer's approval. Checks in
;; the EVM order: the caller is an owner, the id is new, then the arguments.
(define-private (propose
    (action (string-ascii 32))
    (target principal)
    (value uint)
    (data (buff 2112))
    (nonce uint)
    (valid (response bool uint))
  )
  (let (
      (proposer contract-caller)
      (operation-id (sha256 (unwrap-panic (to-consensus-buff? {
        chain-id: chain-id,
        multisig: current-contract,
        nonce: nonce,
        target: target,
        value: value,
        data: data,
      }))))
      (op-class (class-of target action))
    )
    (asserts! (is-owner proposer) ERR-NOT-OWNER)
    (asserts! (is-none (map-get? operation-states operation-id))
      ERR-OPERATION-ALREADY-PROPOSED
    )
    (try! valid)
    (map-set operations operation-id {
      proposer: proposer,
      nonce: nonce,
      action: action,
      target: target,
      value: value,
      data: data,
    })
    (map-set operation-states operation-id {
      state: STATE-PENDING,
      op-class: op-class,
      eta: u0,
      owners-epoch: (var-get owners-epoch),
      approvals: (list proposer),
      cancel-approvals: (list),
    })
    (print {
      topic: "operation-proposed",
      operation-id: operation-id,
      proposer: proposer,
      target: target,
      value: value,
      data: data,
      nonce: nonce,
      op-class: op-class,
    })
    (print {
      topic: "approved",
      operation-id: operation-id,
      owner: proposer,
    })
    (ok operation-id)
  )
)

;; Checks shared by every execute*, in this order: operation, state, execute
;; function, target, time window (and, for transfer-stx, the balance). Marks the operation executed, prints `executed` and returns it.
;; `target` is the contract-of the trait the execute* function was given
;; (none for `execute`).
(define-private (begin-execution
    (operation-id (buff 32))
    (executor (string-ascii 19))
    (target (optional principal))
  )
  (let (
      (op (unwrap! (map-get? operations operation-id) ERR-OPERATION-NOT-FOUND))
      (state (unwrap-panic (map-get? operation-states operation-id)))
      (eta (get eta state))
    )
    (try! (check-open (get state state)))
    (asserts! (is-eq (get state state) STATE-QUEUED) ERR-NOT-QUEUED)
    (asserts! (is-eq (executor-of (get action op)) executor) ERR-WRONG-EXECUTOR)
    (asserts! (is-eq (default-to (get target op) target) (get target op))
      ERR-TARGET-MISMATCH
    )
    (asserts! (>= stacks-block-time eta) ERR-TIMELOCK-NOT-ELAPSED)
    (asserts! (<= stacks-block-time (+ eta GRACE-PERIOD)) ERR-OPERATION-EXPIRED)
    (asserts!
      (or
        (not (is-eq (get action op) ACTION-TRANSFER-STX))
        (>= (stx-get-balance current-contract) (get value op))
      )
      ERR-INSUFFICIENT-BALANCE
    )
    (map-set operation-states operation-id (merge state { state: STATE-EXECUTED }))
    (print {
      topic: "executed",
      operation-id: operation-id,
      target: (get target op),
      value: (get value op),
    })
    (ok op)
  )
)

;; Run a self-administration action decoded from `data`.
(define-private (run-self-admin
    (action (string-ascii 32))
    (data (buff 2112))
  )
  (if (is-eq action ACTION-ADD-OWNER)
    (add-owner-internal (get args
      (unwrap-panic (from-consensus-buff? {
        action: (string-ascii 32),
        args: principal,
      }
        data
      ))
    ))
    (if (is-eq action ACTION-REMOVE-OWNER)
      (remove-owner-internal (get args
        (unwrap-panic (from-consensus-buff? {
          action: (string-ascii 32),
          args: principal,
        }
          data
        ))
      ))
      (if (is-eq action ACTION-SET-THRESHOLD)
        (let ((args (get args
            (unwrap-panic (from-consensus-buff? {
              action: (string-ascii 32),
              args: {
                op-class: uint,
                threshold: uint,
              },
            }
              data
            ))
          )))
          (set-threshold-internal (get op-class args) (get threshold args))
        )
        (if (is-eq action ACTION-SET-DELAY)
          (let ((args (get args
              (unwrap-panic (from-consensus-buff? {
                action: (string-ascii 32),
                args: {
                  op-class: uint,
                  delay: uint,
                },
              }
                data
              ))
            )))
            (set-delay-internal (get op-class args) (get delay args))
          )
          (if (is-eq action ACTION-CONFIGURE-CLASS)
            (let ((args (get args
                (unwrap-panic (from-consensus-buff? {
                  action: (string-ascii 32),
                  args: {
                    target: principal,
                    selector: (string-ascii 32),
                    op-class: uint,
                  },
                }
                  data
                ))
              )))
              (configure-class-internal (get target args) (get selector args)
                (get op-class args)
              )
            )
            (if (is-eq action ACTION-SET-PAUSABLE-TARGET)
              (let ((args (get args
                  (unwrap-panic (from-consensus-buff? {
                    action: (string-ascii 32),
                    args: {
                      target: principal,
                      pausable: bool,
                    },
                  }
                    data
                  ))
                )))
                (set-pausable-target-internal (get target args) (get pausable args))
              )
              ;; the only other action begin-execution lets through here
              (ok (set-guardian-internal (get args
                (unwrap-panic (from-consensus-buff? {
                  action: (string-ascii 32),
                  args: (optional principal),
                }
                  data
                ))
              )))
            )
          )
        )
      )
    )
  )
)

;; Pay `amount` micro-STX from the multisig; exactly that may leave it.
(define-private (send-stx
    (amount uint)
    (recipient principal)
  )
  (no-assets-out (as-contract? ((with-stx amount))
    (try! (stx-transfer? amount current-contract recipient))
  ))
)

;; The result of an `as-contract?`: (ok true), or ERR-ASSET-ALLOWANCE-EXCEEDED
;; when the body moved more than its allowances (which reverts the body).
(define-private (no-assets-out (result (response bool uint)))
  (match result
    done (ok true)
    violated ERR-ASSET-ALLOWANCE-EXCEEDED
  )
)

;; ---- configuration changes (initialize and executed operations) ----

(define-private (add-owner-internal (owner principal))
  (begin
    (try! (check-add-owner owner))
    (map-set owners owner true)
    (var-set owner-list
      (unwrap-panic (as-max-len? (append (var-get owner-list) owner) u20))
    )
    (print {
      topic: "owner-added",
      owner: owner,
    })
    (ok true)
  )
)

;; As on EVM: the last owner takes the removed owner's place in the list, and
;; the owners epoch advances (every vote recorded so far stops counting).
(define-private (remove-owner-internal (owner principal))
  (begin
    (try! (check-remove-owner owner))
    (let (
        (current (var-get owner-list))
        ;; at least one owner stays (thresholds are >= 1): no underflow
        (last-index (- (len current) u1))
        (last-owner (unwrap-panic (element-at? current last-index)))
        (index (unwrap-panic (index-of? current owner)))
        (epoch (+ (var-get owners-epoch) u1))
      )
      (map-delete owners owner)
      (var-set owner-list
        (unwrap-panic (as-max-len?
          (unwrap-panic (slice? (unwrap-panic (replace-at? current index last-owner)) u0
            last-index
          ))
          u20
        ))
      )
      (var-set owners-epoch epoch)
      (print {
        topic: "owner-removed",
        owner: owner,
        owners-epoch: epoch,
      })
      (ok true)
    )
  )
)

(define-private (set-threshold-internal
    (op-class uint)
    (threshold uint)
  )
  (let ((previous (threshold-of op-class)))
    (try! (check-threshold op-class threshold))
    (map-set thresholds op-class threshold)
    (print {
      topic: "threshold-changed",
      op-class: op-class,
      previous: previous,
      threshold: threshold,
    })
    (ok true)
  )
)

(define-private (set-delay-internal
    (op-class uint)
    (delay uint)
  )
  (let ((previous (delay-of op-class)))
    (try! (check-delay op-class delay))
    (map-set delays op-class delay)
    (print {
      topic: "delay-changed",
      op-class: op-class,
      previous: previous,
      delay: delay,
    })
    (ok true)
  )
)

(define-private (configure-class-internal
    (target principal)
    (selector (string-ascii 32))
    (op-class uint)
  )
  (begin
    (try! (check-class-config target selector op-class))
    (map-set classes {
      target: target,
      selector: selector,
    }
      op-class
    )
    (print {
      topic: "class-configured",
      target: target,
      selector: selector,
      op-class: op-class,
    })
    (ok true)
  )
)

(define-private (set-pausable-target-internal
    (target principal)
    (pausable bool)
  )
  (begin
    (try! (check-contract-target target))
    (map-set pausable-targets target pausable)
    (print {
      topic: "pausable-target-configured",
      target: target,
      pausable: pausable,
    })
    (ok true)
  )
)

;; Cannot fail; returns true.
(define-private (set-guardian-internal (new-guardian (optional principal)))
  (let ((previous (var-get guardian)))
    (var-set guardian new-guardian)
    (print {
      topic: "guardian-changed",
      previous: previous,
      guardian: new-guardian,
    })
    true
  )
)

;; fold steps of initialize: stop at the first error.
(define-private (add-owner-step
    (owner principal)
    (result (response bool uint))
  )
  (match result
    done (add-owner-internal owner)
    failed result
  )
)

(define-private (configure-routine-step
    (config {
      target: principal,
      selector: (string-ascii 32),
    })
    (result (response bool uint))
  )
  (match result
    done (configure-class-internal (get target config) (get selector config)
      CLASS-ROUTINE
    )
    failed result
  )
)

(define-private (set-pausable-step
    (target principal)
    (result (response bool uint))
  )
  (match result
    done (set-pausable-target-internal target true)
    failed result
  )
)

;; ---- checks (at propose, and again when executing / initializing) ----

(define-private (check-add-owner (owner principal))
  (begin
    (asserts! (and (is-standard owner) (not (is-eq owner current-contract)))
      ERR-INVALID-OWNER
    )
    (asserts! (not (is-owner owner)) ERR-DUPLICATE-OWNER)
    (asserts! (< (len (var-get owner-list)) MAX-OWNERS) ERR-TOO-MANY-OWNERS)
    (ok true)
  )
)

;; The owner exists, and the owners left reach both class thresholds.
(define-private (check-remove-owner (owner principal))
  (let ((remaining (- (len (var-get owner-list)) u1)))
    (asserts! (is-owner owner) ERR-OWNER-NOT-FOUND)
    (asserts!
      (and
        (>= remaining (threshold-of CLASS-ROUTINE))
        (>= remaining (threshold-of CLASS-CRITICAL))
      )
      ERR-REMOVAL-BELOW-THRESHOLD
    )
    (ok true)
  )
)

;; 1 <= threshold <= owner count.
(define-private (check-threshold
    (op-class uint)
    (threshold uint)
  )
  (begin
    (asserts! (is-valid-class op-class) ERR-INVALID-CLASS)
    (asserts! (and (>= threshold u1) (<= threshold (len (var-get owner-list))))
      ERR-INVALID-THRESHOLD
    )
    (ok true)
  )
)

;; MIN-DELAY <= delay <= MAX-DELAY.
(define-private (check-delay
    (op-class uint)
    (delay uint)
  )
  (begin
    (asserts! (is-valid-class op-class) ERR-INVALID-CLASS)
    (asserts! (and (>= delay MIN-DELAY) (<= delay MAX-DELAY)) ERR-INVALID-DELAY)
    (ok true)
  )
)

(define-private (check-class-config
    (target principal)
    (selector (string-ascii 32))
    (op-class uint)
  )
  (begin
    (asserts! (is-valid-class op-class) ERR-INVALID-CLASS)
    (asserts! (not (is-eq target current-contract)) ERR-CANNOT-CONFIGURE-SELF)
    (asserts! (is-configurable selector) ERR-INVALID-ACTION)
    (ok true)
  )
)

;; A contract principal of this network, other than this contract.
(define-private (check-contract-target (target principal))
  (begin
    (asserts!
      (and
        (not (is-eq target current-contract))
        (match (principal-destruct? target)
          parts (is-some (get name parts))
          wrong-network false
        ))
      ERR-INVALID-TARGET
    )
    (ok true)
  )
)

(define-private (check-transfer
    (recipient principal)
    (amount uint)
  )
  (begin
    (asserts! (and (is-standard recipient) (not (is-eq recipient current-contract)))
      ERR-INVALID-RECIPIENT
    )
    (asserts! (> amount u0) ERR-INVALID-AMOUNT)
    (ok true)
  )
)

;; execute* and approve-cancel need an operation that has not executed and
;; was not cancelled.
(define-private (check-open (state uint))
  (begin
    (asserts! (not (is-eq state STATE-EXECUTED)) ERR-ALREADY-EXECUTED)
    (asserts! (not (is-eq state STATE-CANCELLED)) ERR-OPERATION-CANCELLED)
    (ok true)
  )
)

;; approve and queue need a pending operation.
(define-private (check-pending (state uint))
  (begin
    (try! (check-open state))
    (asserts! (is-eq state STATE-PENDING) ERR-ALREADY-QUEUED)
    (ok true)
  )
)

;; ---- helpers ----

(define-private (is-valid-class (op-class uint))
  (or (is-eq op-class CLASS-CRITICAL) (is-eq op-class CLASS-ROUTINE))
)

(define-private (threshold-of (op-class uint))
  (default-to u0 (map-get? thresholds op-class))
)

(define-private (delay-of (op-class uint))
  (default-to u0 (map-get? delays op-class))
)

;; Self-administration is always critical; otherwise the configured class,
;; critical when none.
(define-private (class-of
    (target principal)
    (action (string-ascii 32))
  )
  (if (is-eq target current-contract)
    CLASS-CRITICAL
    (default-to CLASS-CRITICAL
      (map-get? classes {
        target: target,
        selector: action,
      })
    )
  )
)

(define-private (is-self-admin (action (string-ascii 32)))
  (or
    (is-eq action ACTION-ADD-OWNER)
    (is-eq action ACTION-REMOVE-OWNER)
    (is-eq action ACTION-SET-THRESHOLD)
    (is-eq action ACTION-SET-DELAY)
    (is-eq action ACTION-CONFIGURE-CLASS)
    (is-eq action ACTION-SET-PAUSABLE-TARGET)
    (is-eq action ACTION-SET-GUARDIAN)
  )
)

;; Actions whose class can be configured: all but self-administration.
(define-private (is-configurable (action (string-ascii 32)))
  (and (not (is-self-admin action)) (not (is-eq (executor-of action) "")))
)

(define-private (executor-of (action (string-ascii 32)))
  (if (or
      (is-eq action ACTION-SET-PLATFORM-FEE)
      (is-eq action ACTION-SET-FEE-RECIPIENT)
      (is-eq action ACTION-GRANT-ROLE)
      (is-eq action ACTION-REVOKE-ROLE)
      (is-eq action ACTION-SET-FEE-DISCOUNT-SOURCE)
      (is-eq action ACTION-SET-TOKEN-ALLOWED)
    )
    "execute-admin"
    (if (is-eq action ACTION-UNPAUSE)
      "execute-unpause"
      (if (is-eq action ACTION-TRANSFER-FT)
        "execute-transfer-ft"
        (if (is-eq action ACTION-CALL)
          "execute-call"
          (if (or (is-eq action ACTION-TRANSFER-STX) (is-self-admin action))
            "execute"
            ""
          )
        )
      )
    )
  )
)

;; Whether votes recorded in owners epoch `epoch` count: no owner was removed
;; since. (Takes the epoch, not the whole operation state: passing the vote
;; lists to a function would cost more than the check itself.)
(define-private (is-current-epoch (epoch uint))
  (is-eq epoch (var-get owners-epoch))
)
