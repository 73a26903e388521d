;; TEST DOUBLE: a DAO proposal that disables dao-ext-forwarder, then asks it to
;; set the fee-splitter's DAO share. While the proposal runs tx-sender is
;; dao-core, but the fee-splitter sees contract-caller = the forwarder, which
;; is no longer an extension: the DAO's authority must not leak to a contract
;; it calls in turn, so the whole proposal fails (u4400).

(impl-trait .proposal-trait.proposal-trait)

(define-public (execute (sender principal))
  (begin
    (try! (contract-call? .dao-core set-extension .dao-ext-forwarder false))
    (contract-call? .dao-ext-forwarder set-dao-share u1234)
  )
)
