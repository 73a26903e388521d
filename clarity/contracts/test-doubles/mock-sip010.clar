;; TEST DOUBLE: "Demo USD", a mintable SIP-010 token for simnet tests and local
;; demos (6 decimals, like USDC). Anyone can mint: never deploy it anywhere
;; value is at stake.

(impl-trait .sip-010-trait.sip-010-trait)

(define-fungible-token demo-usd)

;; `transfer` called by someone who is neither `sender` nor the contract
;; acting as `sender`. Debug: the signer (or calling contract) must own the tokens.
(define-constant ERR-NOT-TOKEN-OWNER (err u4))

;; Same authorization as the sBTC token: the owner signs (tx-sender) or is the
;; calling contract (contract-caller).
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
    (try! (ft-transfer? demo-usd amount sender recipient))
    (match memo
      m (begin
        (print m)
        true
      )
      true
    )
    (ok true)
  )
)

;; Faucet: mint `amount` to `recipient`. Open to anyone (test double).
(define-public (mint
    (amount uint)
    (recipient principal)
  )
  (ft-mint? demo-usd amount recipient)
)

(define-read-only (get-name)
  (ok "Demo USD")
)

(define-read-only (get-symbol)
  (ok "DUSD")
)

(define-read-only (get-decimals)
  (ok u6)
)

(define-read-only (get-balance (who principal))
  (ok (ft-get-balance demo-usd who))
)

(define-read-only (get-total-supply)
  (ok (ft-get-supply demo-usd))
)

(define-read-only (get-token-uri)
  (ok none)
)
