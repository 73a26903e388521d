;; TEST DOUBLE: the simnet tests' bootstrap. Does what proposals/bootstrap.clar
;; does (the tests check both leave the same parameters) and also enables
;; dao-test-minter so tests can mint WORX. Never deploy it anywhere.

(impl-trait .proposal-trait.proposal-trait)

(define-public (execute (sender principal))
  (begin
    (try! (contract-call? .dao-core set-extensions (list
      {
        extension: .proposal-voting,
        enabled: true,
      }
      {
        extension: .dao-test-minter,
        enabled: true,
      }
    )))
    (try! (contract-call? .proposal-voting set-parameters u10 u50 u100000000 u400 u10
      u20
    ))
    (try! (contract-call? .proposal-voting set-guardian (some sender)))
    (ok true)
  )
)
