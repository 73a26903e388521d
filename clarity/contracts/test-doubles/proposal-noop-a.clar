;; TEST DOUBLE: a proposal that only records its execution (an event), for
;; governance tests that need several distinct proposals. Never deploy it.

(impl-trait .proposal-trait.proposal-trait)

(define-public (execute (sender principal))
  (begin
    (print {
      topic: "noop-executed",
      sender: sender,
      dao: tx-sender,
    })
    (ok true)
  )
)
