;; TEST DOUBLE: a proposal setting invalid governance parameters: a quorum
;; above 100% (must be refused), then a voting period of 0 blocks (refused
;; too, and returned). Never deploy it anywhere.

(impl-trait .proposal-trait.proposal-trait)

(define-public (execute (sender principal))
  (if (is-ok (contract-call? .proposal-voting set-parameters u10 u50 u0 u10001 u0 u0))
    (err u1)
    (contract-call? .proposal-voting set-parameters u10 u0 u0 u400 u0 u0)
  )
)
