;; TEST DOUBLE: forwards calls to .escrow WITHOUT as-contract?, the way a
;; malicious (or merely careless) contract a user is tricked into calling would.
;; Inside .escrow, tx-sender is still the signing user but contract-caller is
;; this proxy: the tests show the proxy cannot act as the user (party, role
;; holder or arbiter), and can act only as itself.

(use-trait sip-010-trait .sip-010-trait.sip-010-trait)
(use-trait fee-discount-trait .fee-discount-trait.fee-discount-trait)

(define-public (create-escrow
    (freelancer principal)
    (token (optional principal))
    (milestone-terms (list 50 {
      amount: uint,
      due-date: uint,
    }))
    (review-period uint)
    (grace-period uint)
    (discount-source (optional <fee-discount-trait>))
  )
  (contract-call? .escrow create-escrow freelancer token milestone-terms
    review-period grace-period discount-source
  )
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

(define-public (claim-milestone
    (escrow-id uint)
    (index uint)
  )
  (contract-call? .escrow claim-milestone escrow-id index)
)

(define-public (reclaim-milestone
    (escrow-id uint)
    (index uint)
  )
  (contract-call? .escrow reclaim-milestone escrow-id index)
)

(define-public (open-dispute
    (escrow-id uint)
    (index uint)
    (reason (buff 32))
  )
  (contract-call? .escrow open-dispute escrow-id index reason)
)

(define-public (resolve-dispute
    (escrow-id uint)
    (index uint)
    (freelancer-bps uint)
  )
  (contract-call? .escrow resolve-dispute escrow-id index freelancer-bps)
)

(define-public (settle-milestone
    (escrow-id uint)
    (index uint)
    (freelancer-bps uint)
    (deadline uint)
    (signature (buff 65))
  )
  (contract-call? .escrow settle-milestone escrow-id index freelancer-bps deadline
    signature
  )
)

(define-public (revoke-settlement-offers)
  (contract-call? .escrow revoke-settlement-offers)
)

(define-public (rate-job
    (escrow-id uint)
    (rating uint)
  )
  (contract-call? .escrow rate-job escrow-id rating)
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

(define-public (set-fee-discount-source (source (optional principal)))
  (contract-call? .escrow set-fee-discount-source source)
)

(define-public (set-token-allowed
    (token (optional principal))
    (allowed bool)
  )
  (contract-call? .escrow set-token-allowed token allowed)
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
