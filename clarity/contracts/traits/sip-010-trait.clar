;; SIP-010 fungible token trait, defined locally.
;;
;; Same signatures as the canonical mainnet trait
;; SP3FBR2AGK5H9QBDH3EEN6DF8EK8JY7RX8QJ5SVTE.sip-010-trait-ft-standard.sip-010-trait
;; (remote requirements cannot be fetched in this build environment). Trait
;; arguments are checked structurally, so any token implementing the canonical
;; trait (sBTC, USDCx, ...) can be passed where this trait is expected.

(define-trait sip-010-trait
  (
    ;; Transfer `amount` from `sender` to `recipient`, with an optional memo.
    (transfer (uint principal principal (optional (buff 34))) (response bool uint))

    ;; Human-readable name of the token.
    (get-name () (response (string-ascii 32) uint))

    ;; Ticker symbol.
    (get-symbol () (response (string-ascii 32) uint))

    ;; Number of decimals used in the token's smallest-unit representation.
    (get-decimals () (response uint uint))

    ;; Balance of the passed principal, in the smallest unit.
    (get-balance (principal) (response uint uint))

    ;; Current total supply, in the smallest unit.
    (get-total-supply () (response uint uint))

    ;; Optional URI of the token's metadata.
    (get-token-uri () (response (optional (string-utf8 256)) uint))
  )
)
