;; TEST DOUBLE: a proposal minting 1 WORX to the account that executes it (the
;; DAO calling dao-token directly is authorized). Never deploy it anywhere.

(impl-trait .proposal-trait.proposal-trait)

(define-public (execute (sender principal))
  (contract-call? .dao-token mint u1000000 sender)
)
