;; TEST DOUBLE: a DAO extension open to anyone, enabled by
;; proposal-test-bootstrap: it mints WORX so that simnet tests can hand out
;; voting tokens, runs proposals through dao-core `execute` (to show dao-core
;; itself runs each proposal once, whoever asks), and exercises
;; request-extension-callback. As an enabled extension it passes the "DAO or
;; extension" checks (contract-caller = this contract). Never deploy it
;; anywhere: it would hand the DAO to everyone.

(use-trait proposal-trait .proposal-trait.proposal-trait)
(use-trait extension-trait .extension-trait.extension-trait)

(define-public (mint
    (amount uint)
    (recipient principal)
  )
  (contract-call? .dao-token mint amount recipient)
)

(define-public (run (proposal <proposal-trait>))
  (contract-call? .dao-core execute proposal tx-sender)
)

;; Ask dao-core to call `extension`'s callback (this contract, or another to
;; show it is refused).
(define-public (request-callback
    (extension <extension-trait>)
    (memo (buff 34))
  )
  (contract-call? .dao-core request-extension-callback extension memo)
)

(define-public (callback
    (sender principal)
    (memo (buff 34))
  )
  (begin
    (print {
      topic: "callback",
      sender: sender,
      memo: memo,
      caller: contract-caller,
    })
    (ok true)
  )
)
