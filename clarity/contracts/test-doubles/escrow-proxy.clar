;; TEST DOUBLE: forwards calls to .escrow WITHOUT as-contract?, the way a
;; malicious (or merely careless) contract a user is tricked into calling would.
;; Inside .escrow, tx-sender is still the signing user but contract-caller is
;; this proxy: the tests show the proxy cannot act as the user (party or role
;; holder), and can act only as itself.

(use-trait sip-010-trait .sip-010-trait.sip-010-trait)

(define-public (create-escrow
    (freelancer principal)
    (token (optional principal))
    (amounts (list 50 uint))
  )
  (contract-call? .escrow create-escrow freelancer token amounts)
)

(define-public (fund-escrow
    (escrow-id uint)
    (ft (optional <sip-010-trait>))
  )
  (contract-call? .escrow fund-escrow escrow-id ft)
)

(define-public (submit-milestone
    (escrow-id uint)
    (index uint)
    (deliverable (buff 32))
  )
  (contract-call? .escrow submit-milestone escrow-id index deliverable)
)

(define-public (approve-milestone
    (escrow-id uint)
    (index uint)
  )
  (contract-call? .escrow approve-milestone escrow-id index)
)

(define-public (cancel-escrow (escrow-id uint))
  (contract-call? .escrow cancel-escrow escrow-id)
)

(define-public (withdraw (ft (optional <sip-010-trait>)))
  (contract-call? .escrow withdraw ft)
)

(define-public (set-platform-fee (bps uint))
  (contract-call? .escrow set-platform-fee bps)
)

(define-public (set-fee-recipient (recipient principal))
  (contract-call? .escrow set-fee-recipient recipient)
)

(define-public (pause)
  (contract-call? .escrow pause)
)

(define-public (unpause)
  (contract-call? .escrow unpause)
)

(define-public (grant-role
    (role (string-ascii 16))
    (account principal)
  )
  (contract-call? .escrow grant-role role account)
)

(define-public (revoke-role
    (role (string-ascii 16))
    (account principal)
  )
  (contract-call? .escrow revoke-role role account)
)
