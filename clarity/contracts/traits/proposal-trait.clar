;; DAO proposal trait (ExecutorDAO style; Solidity: the targets/values/calldatas
;; of a Governor proposal).
;;
;; A proposal is a contract deployed for one decision: its `execute` holds the
;; actions (set a parameter, enable an extension, spend from the treasury) and
;; runs once, called by dao-core (`execute`, or `construct` for the bootstrap)
;; from inside dao-core's `as-contract?`. While it runs, dao-core treats the
;; proposal contract as the DAO: extensions check
;; (contract-call? .dao-core is-dao-or-extension contract-caller), which holds
;; for the proposal being executed, never for a contract it calls in turn.
;;
;; Trait arguments are checked structurally: a contract with this exact
;; signature can be passed without declaring `impl-trait`.

(define-trait proposal-trait
  (
    ;; Run the proposal's actions. `sender` is who triggered the execution (the
    ;; account executing through proposal-voting, or the deployer constructing
    ;; the DAO); informative only: authority comes from dao-core.
    (execute (principal) (response bool uint))
  )
)
