;; TEST DOUBLE: a proposal changing the governance parameters (quorum 5%,
;; timelock 30 blocks; the rest unchanged from the bootstrap), used by the
;; end-to-end governance test. Never deploy it anywhere.

(impl-trait .proposal-trait.proposal-trait)

(define-public (execute (sender principal))
  (contract-call? .proposal-voting set-parameters u10 u50 u100000000 u500 u10 u30)
)
