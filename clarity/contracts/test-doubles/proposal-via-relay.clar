;; TEST DOUBLE: a proposal that reaches dao-token through another contract
;; (dao-proxy). While it runs tx-sender is dao-core, but the relay is not the
;; DAO: its mint must be refused (contract-caller, not tx-sender, decides).
;; Never deploy it anywhere.

(impl-trait .proposal-trait.proposal-trait)

(define-public (execute (sender principal))
  (contract-call? .dao-proxy mint u1000000 sender)
)
