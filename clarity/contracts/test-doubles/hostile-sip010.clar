;; TEST DOUBLE: a SIP-010 token whose `transfer` misbehaves on demand, to test
;; how the escrow survives hostile tokens. Anyone can mint and switch modes.
;;   MODE-NORMAL        behaves like a plain token
;;   MODE-FAIL          every transfer returns (err u500)
;;   MODE-FEE           transfers `amount - 1` and burns 1 (fee-on-transfer)
;;   MODE-DRAIN         also tries to take 1 micro-STX from tx-sender (the
;;                      escrow itself when it pays out from inside as-contract?)

(impl-trait .sip-010-trait.sip-010-trait)

(define-fungible-token hostile)

(define-constant MODE-NORMAL u0)
(define-constant MODE-FAIL u1)
(define-constant MODE-FEE u2)
(define-constant MODE-DRAIN u3)

;; Returned by every transfer in MODE-FAIL.
(define-constant ERR-TRANSFER-REFUSED (err u500))
;; `transfer` called by someone who is neither `sender` nor the contract acting as `sender`.
(define-constant ERR-NOT-TOKEN-OWNER (err u4))

(define-data-var mode uint MODE-NORMAL)

(define-public (set-mode (new-mode uint))
  (ok (var-set mode new-mode))
)

(define-read-only (get-mode)
  (var-get mode)
)

(define-public (transfer
    (amount uint)
    (sender principal)
    (recipient principal)
    (memo (optional (buff 34)))
  )
  (begin
    (asserts! (or (is-eq tx-sender sender) (is-eq contract-caller sender))
      ERR-NOT-TOKEN-OWNER
    )
    (asserts! (not (is-eq (var-get mode) MODE-FAIL)) ERR-TRANSFER-REFUSED)
    (if (is-eq (var-get mode) MODE-FEE)
      (begin
        (try! (ft-burn? hostile u1 sender))
        (try! (ft-transfer? hostile (- amount u1) sender recipient))
      )
      (begin
        (and
          (is-eq (var-get mode) MODE-DRAIN)
          (> (stx-get-balance tx-sender) u0)
          (try! (stx-transfer? u1 tx-sender current-contract))
        )
        (try! (ft-transfer? hostile amount sender recipient))
      )
    )
    (ok true)
  )
)

(define-public (mint
    (amount uint)
    (recipient principal)
  )
  (ft-mint? hostile amount recipient)
)

(define-read-only (get-name)
  (ok "Hostile Token")
)

(define-read-only (get-symbol)
  (ok "HOST")
)

(define-read-only (get-decimals)
  (ok u6)
)

(define-read-only (get-balance (who principal))
  (ok (ft-get-balance hostile who))
)

(define-read-only (get-total-supply)
  (ok (ft-get-supply hostile))
)

(define-read-only (get-token-uri)
  (ok none)
)
