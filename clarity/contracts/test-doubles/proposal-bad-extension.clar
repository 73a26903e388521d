;; TEST DOUBLE: a proposal trying to list dao-core as its own extension
;; (refused: dao-core is always the DAO). Never deploy it anywhere.

(impl-trait .proposal-trait.proposal-trait)

(define-public (execute (sender principal))
  (contract-call? .dao-core set-extension .dao-core true)
)
