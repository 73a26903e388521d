;; TEST DOUBLE: a proposal whose actions fail (it mints, then returns an
;; error): the whole execution must revert, mint included, and the proposal
;; stay queued. Never deploy it anywhere.

(impl-trait .proposal-trait.proposal-trait)

(define-public (execute (sender principal))
  (begin
    (try! (contract-call? .dao-token mint u1 sender))
    (err u999)
  )
)
