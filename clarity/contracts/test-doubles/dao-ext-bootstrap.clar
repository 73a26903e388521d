;; TEST DOUBLE: a bootstrap proposal for the DAO extension tests (dao.treasury,
;; dao.fee-splitter, dao.work-rewards, dao.staking-fee-discount): run once by
;; dao-core `construct`, it enables dao-treasury, work-rewards and
;; dao-ext-forwarder (the tests' stand-in for any enabled extension, e.g.
;; proposal-voting) and nothing else. The real bootstrap is
;; clarity/contracts/dao/proposals/bootstrap.clar.

(impl-trait .proposal-trait.proposal-trait)

(define-public (execute (sender principal))
  (contract-call? .dao-core set-extensions (list
    {
      extension: .dao-treasury,
      enabled: true,
    }
    {
      extension: .work-rewards,
      enabled: true,
    }
    {
      extension: .dao-ext-forwarder,
      enabled: true,
    }
  ))
)
