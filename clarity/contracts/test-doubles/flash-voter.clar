;; TEST DOUBLE: a flash-loan voting attack. In ONE transaction it borrows
;; `amount` WORX from the signer (the "lender"), delegates them to itself,
;; votes for `proposal` and repays. The vote must be refused: the snapshot
;; (the proposal's vote-start block) is complete before voting opens, so
;; tokens obtained during the vote weigh nothing. Never deploy it anywhere.

(define-public (flash-vote
    (proposal principal)
    (amount uint)
    (hint uint)
  )
  (let ((lender tx-sender))
    (try! (contract-call? .dao-token transfer amount lender current-contract none))
    (unwrap-panic (contract-call? .dao-token delegate current-contract))
    (let ((weight (try! (contract-call? .proposal-voting vote proposal u1 u"flash loan" hint))))
      (try! (as-contract? ((with-ft .dao-token "worx" amount))
        (try! (contract-call? .dao-token transfer amount current-contract lender none))
      ))
      (ok weight)
    )
  )
)
