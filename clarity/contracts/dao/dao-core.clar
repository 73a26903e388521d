;; Worx DAO core (Stacks, Clarity 4): the ExecutorDAO-style executor.
;; Solidity twin: the TimelockController the Governor queues into (the DAO's
;; identity, owner of the treasury and of the protocol's parameters).
;;
;; THE DAO is not an account: it is whichever proposal contract dao-core is
;; executing right now. Proposals are contracts implementing proposal-trait;
;; dao-core runs a proposal's `execute` once ever, when an enabled extension
;; asks (`execute`: proposal-voting after a vote, a quorum and the timelock)
;; or, once, when the deployer bootstraps the DAO (`construct`).
;;
;; EXTENSIONS are contracts the DAO enabled (`set-extension`): proposal-voting,
;; dao-treasury, work-rewards... They may call `execute` and every "DAO or
;; extension" function of the DAO contracts.
;;
;; AUTHORIZATION is decided on `contract-caller`, never on tx-sender. A DAO
;; contract protects a function with
;;   (asserts! (is-ok (contract-call? .dao-core is-dao-or-extension contract-caller)) ERR-...)
;; passing ITS OWN contract-caller (calling dao-core replaces contract-caller,
;; so dao-core cannot see it otherwise). That holds for:
;;   - the proposal being executed (a proposal calling the contract directly),
;;   - an enabled extension calling the contract directly,
;;   - dao-core itself.
;; It fails for a user, a contract relaying a user's call (the classic
;; tx-sender trick: tx-sender is the user, contract-caller is the relay), and
;; any contract a proposal calls in turn, although tx-sender is dao-core
;; while a proposal runs: a hostile token or helper reached during an
;; execution can never act as the DAO.
;;
;; A proposal runs inside `as-contract?` with NO asset allowance: tx-sender is
;; dao-core (no signer's assets are reachable) and nothing dao-core holds can
;; leave (it is meant to hold nothing; funds sit in dao-treasury, which moves
;; them under its own exact allowances when the DAO asks).
;;
;; Events are `print`ed tuples whose `topic` is kebab-case: extension-updated
;; {extension, enabled}, proposal-executed {proposal, sender}.

(use-trait proposal-trait .proposal-trait.proposal-trait)
(use-trait extension-trait .extension-trait.extension-trait)

;; -------------------------------- errors --------------------------------
;; Range u4000-u4099 belongs to this contract.

;; The caller (contract-caller) is neither the proposal being executed nor an
;; enabled extension (nor dao-core): set-extension(s), execute,
;; request-extension-callback, and is-dao-or-extension's answer. Solidity:
;; TimelockUnauthorizedCaller / AccessControlUnauthorizedAccount. Debug:
;; (is-extension caller), (get-executing-proposal); a contract relaying a
;; user's call, or a contract a proposal calls in turn, is not the DAO.
(define-constant ERR-UNAUTHORIZED (err u4000))
;; execute / construct of a proposal that already ran (each proposal runs
;; once, ever). Solidity: TimelockUnexpectedOperationState. Debug:
;; (executed-at proposal) is the block height it ran at.
(define-constant ERR-ALREADY-EXECUTED (err u4001))
;; construct by anyone but the deployer, or a second time. Debug:
;; (is-constructed); the DAO is bootstrapped once, at deployment.
(define-constant ERR-NOT-CONSTRUCTOR (err u4002))
;; set-extension naming dao-core itself (it is always the DAO), or
;; request-extension-callback whose extension argument is not the caller.
(define-constant ERR-INVALID-EXTENSION (err u4003))
;; While a proposal ran as dao-core, an asset left dao-core (the proposal, or
;; a contract it called, moved something dao-core held), so `as-contract?`
;; reverted it (Clarity-only). Debug: send funds to dao-treasury, which pays
;; under exact allowances; dao-core holds nothing.
(define-constant ERR-ASSET-ALLOWANCE-EXCEEDED (err u4004))

;; --------------------------------- state ---------------------------------

(define-constant DEPLOYER tx-sender)

(define-data-var constructed bool false)

;; Enabled extensions (absent or false: not an extension).
(define-map extensions
  principal
  bool
)

;; Block height each proposal was executed at (once per proposal, ever).
(define-map executed-proposals
  principal
  uint
)

;; The proposal `execute` / `construct` is running (the DAO's identity while
;; it runs); none between executions.
(define-data-var executing-proposal (optional principal) none)

;; -------------------------------- checks --------------------------------

;; (ok true) when `caller` may act as the DAO: the proposal being executed,
;; an enabled extension, or dao-core itself; ERR-UNAUTHORIZED otherwise.
;; Callers pass their own `contract-caller` (see the header).
(define-read-only (is-dao-or-extension (caller principal))
  (ok (asserts!
    (or
      (is-eq caller current-contract)
      (is-eq (some caller) (var-get executing-proposal))
      (is-extension caller)
    )
    ERR-UNAUTHORIZED
  ))
)

;; Whether `extension` is enabled.
(define-read-only (is-extension (extension principal))
  (default-to false (map-get? extensions extension))
)

;; Block height `proposal` was executed at, none if it never ran.
(define-read-only (executed-at (proposal principal))
  (map-get? executed-proposals proposal)
)

;; The proposal running now (none outside an execution).
(define-read-only (get-executing-proposal)
  (var-get executing-proposal)
)

(define-read-only (is-constructed)
  (var-get constructed)
)

;; -------------------------------- actions --------------------------------

;; Enable or disable `extension`. DAO or extension only (an extension may
;; manage others: the DAO trusts it fully). Emits extension-updated.
(define-public (set-extension
    (extension principal)
    (enabled bool)
  )
  (begin
    (try! (is-dao-or-extension contract-caller))
    (apply-extension {
      extension: extension,
      enabled: enabled,
    })
  )
)

;; set-extension for several extensions in one call (bootstrap proposals).
(define-public (set-extensions (list-of-extensions (list 20 {
  extension: principal,
  enabled: bool,
})))
  (begin
    (try! (is-dao-or-extension contract-caller))
    (fold check-err (map apply-extension list-of-extensions) (ok true))
  )
)

;; Run `proposal` once as the DAO, on behalf of `sender` (the account that
;; triggered it). Enabled extensions only (proposal-voting, after a vote and
;; the timelock); a proposal running now may also execute another proposal
;; (the DAO trusts what it voted). Returns (ok true) or the proposal's error
;; (which reverts everything it did). Emits proposal-executed.
(define-public (execute
    (proposal <proposal-trait>)
    (sender principal)
  )
  (begin
    (try! (is-dao-or-extension contract-caller))
    (run-proposal proposal sender)
  )
)

;; Bootstrap the DAO: run `proposal` (proposals/bootstrap.clar: enables the
;; extensions, sets the governance parameters) once, by the deployer.
(define-public (construct (proposal <proposal-trait>))
  (begin
    (asserts!
      (and (is-eq contract-caller DEPLOYER) (not (var-get constructed)))
      ERR-NOT-CONSTRUCTOR
    )
    (var-set constructed true)
    (run-proposal proposal contract-caller)
  )
)

;; Call back `extension` (the caller itself, an enabled extension) from
;; dao-core's context with `memo`: the extension then sees contract-caller =
;; dao-core (ExecutorDAO's request-extension-callback).
(define-public (request-extension-callback
    (extension <extension-trait>)
    (memo (buff 34))
  )
  (let (
      (caller contract-caller)
      ;; read before as-contract?, inside which tx-sender is dao-core
      (sender tx-sender)
    )
    (asserts! (is-extension caller) ERR-UNAUTHORIZED)
    (asserts! (is-eq (contract-of extension) caller) ERR-INVALID-EXTENSION)
    (match (as-contract? ()
      (try! (contract-call? extension callback sender memo))
    )
      done (ok true)
      violated ERR-ASSET-ALLOWANCE-EXCEEDED
    )
  )
)

;; -------------------------------- private --------------------------------

(define-private (run-proposal
    (proposal <proposal-trait>)
    (sender principal)
  )
  (let (
      (id (contract-of proposal))
      (previous (var-get executing-proposal))
    )
    (asserts! (map-insert executed-proposals id stacks-block-height)
      ERR-ALREADY-EXECUTED
    )
    ;; the proposal is the DAO while it runs; a nested execution (a proposal
    ;; executing another) restores the outer one afterwards
    (var-set executing-proposal (some id))
    (try! (match (as-contract? ()
      (try! (contract-call? proposal execute sender))
    )
      done (ok true)
      violated ERR-ASSET-ALLOWANCE-EXCEEDED
    ))
    (var-set executing-proposal previous)
    (print {
      topic: "proposal-executed",
      proposal: id,
      sender: sender,
    })
    (ok true)
  )
)

(define-private (apply-extension (entry {
  extension: principal,
  enabled: bool,
}))
  (let ((extension (get extension entry)))
    (asserts! (not (is-eq extension current-contract)) ERR-INVALID-EXTENSION)
    (map-set extensions extension (get enabled entry))
    (print {
      topic: "extension-updated",
      extension: extension,
      enabled: (get enabled entry),
    })
    (ok true)
  )
)

(define-private (check-err
    (result (response bool uint))
    (prior (response bool uint))
  )
  (match prior
    ok-value result
    err-value (err err-value)
  )
)
