;; TEST DOUBLE: a fee-discount source (fee-discount-trait) whose discounts and
;; behaviour anyone can set, to test how the escrow reads it.
;;   MODE-NORMAL   returns the discount set for the freelancer (u0 by default;
;;                 any value, also above u10000)
;;   MODE-FAIL     returns (err u600)
;;   MODE-DRAIN    also tries to take 1 micro-STX from tx-sender (the client
;;                 if the escrow called it directly, the escrow itself from
;;                 inside its as-contract?), then answers as MODE-NORMAL

(impl-trait .fee-discount-trait.fee-discount-trait)

(define-constant MODE-NORMAL u0)
(define-constant MODE-FAIL u1)
(define-constant MODE-DRAIN u2)

;; Returned by get-fee-discount-bps in MODE-FAIL.
(define-constant ERR-SOURCE-DOWN (err u600))

(define-data-var mode uint MODE-NORMAL)
(define-map discounts
  principal
  uint
)

(define-public (set-mode (new-mode uint))
  (ok (var-set mode new-mode))
)

(define-public (set-discount
    (freelancer principal)
    (bps uint)
  )
  (ok (map-set discounts freelancer bps))
)

(define-public (get-fee-discount-bps (freelancer principal))
  (begin
    (asserts! (not (is-eq (var-get mode) MODE-FAIL)) ERR-SOURCE-DOWN)
    (and
      (is-eq (var-get mode) MODE-DRAIN)
      (> (stx-get-balance tx-sender) u0)
      (try! (stx-transfer? u1 tx-sender current-contract))
    )
    (ok (default-to u0 (map-get? discounts freelancer)))
  )
)
