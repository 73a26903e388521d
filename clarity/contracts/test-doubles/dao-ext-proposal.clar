;; TEST DOUBLE: a DAO proposal whose actions the tests configure before it
;; runs (open `configure`): as the DAO it pays `amount` micro-STX and
;; `ft-amount` demo-usd (each when non-zero) from dao-treasury to `recipient`, and sets the
;; fee-splitter's DAO share to `share`. It calls those contracts directly, so
;; they see contract-caller = this proposal while dao-core executes it.

(impl-trait .proposal-trait.proposal-trait)

(define-data-var amount uint u0)
(define-data-var ft-amount uint u0)
(define-data-var recipient principal tx-sender)
(define-data-var share uint u7000)

(define-public (configure
    (new-amount uint)
    (new-ft-amount uint)
    (new-recipient principal)
    (new-share uint)
  )
  (begin
    (var-set amount new-amount)
    (var-set ft-amount new-ft-amount)
    (var-set recipient new-recipient)
    (ok (var-set share new-share))
  )
)

(define-public (execute (sender principal))
  (begin
    (and (> (var-get amount) u0)
      (try! (contract-call? .dao-treasury transfer-stx (var-get amount) (var-get recipient)))
    )
    (and (> (var-get ft-amount) u0)
      (try! (contract-call? .dao-treasury transfer-ft .mock-sip010 (var-get ft-amount)
        (var-get recipient)
      ))
    )
    (contract-call? .fee-splitter set-dao-share (var-get share))
  )
)
