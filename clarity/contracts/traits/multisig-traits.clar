;; Traits through which the Worx multisig (multisig.clar) administers other
;; contracts. The multisig cannot call a principal stored in its own state:
;; Clarity only calls contracts statically or through a trait value passed as
;; an argument. So an operation stores its target principal, and the owner who
;; executes it passes the target again as a trait; the multisig checks that
;; (contract-of target) is the stored principal before calling it.
;;
;; Trait arguments are checked structurally: a contract with functions of these
;; exact signatures can be passed without declaring `impl-trait` (the escrow
;; does not declare them).

;; Emergency stop. The guardian calls `pause` (immediately, through
;; multisig `guardian-pause`, on targets the owners marked pausable); `unpause`
;; only runs as a timelocked operation. The escrow implements it (pause needs
;; its "pauser" role, unpause its "admin" role, both held by the multisig).
(define-trait pausable
  (
    (pause () (response bool uint))
    (unpause () (response bool uint))
  )
)

;; Protocol parameters and roles of a fee-charging protocol contract (the
;; escrow: "fee-manager" role for the fee setters and the fee-discount source,
;; "admin" for the roles and the token allowlist).
(define-trait protocol-admin
  (
    ;; Platform fee for new escrows, in basis points (the contract enforces its cap).
    (set-platform-fee (uint) (response bool uint))
    ;; Account credited with platform fees (the treasury).
    (set-fee-recipient (principal) (response bool uint))
    ;; Grant / revoke a role ("admin", "fee-manager", "pauser", "arbiter") to an account.
    (grant-role ((string-ascii 16) principal) (response bool uint))
    (revoke-role ((string-ascii 16) principal) (response bool uint))
    ;; Contract read for fee discounts at job creation (none: no discounts).
    (set-fee-discount-source ((optional principal)) (response bool uint))
    ;; Allow or disallow a token (none = STX) for new jobs.
    (set-token-allowed ((optional principal) bool) (response bool uint))
  )
)

;; Extension point: any contract implementing `execute` can be the target of a
;; "call" operation. The multisig calls it with the operation id and the
;; proposed payload, from inside `as-contract?` with NO asset allowance: the
;; action sees contract-caller = tx-sender = the multisig (so it can authorize
;; the multisig by checking contract-caller), and cannot move any asset the
;; multisig holds (transfers go through the typed transfer operations).
(define-trait multisig-action
  (
    (execute ((buff 32) (buff 2048)) (response bool uint))
  )
)
