;; SIP-009 non-fungible token trait, defined locally.
;;
;; Same signatures as the canonical mainnet trait
;; SP2PABAF9FTAJYNFZH93XENAJ8FVY99RRM50D2JG9.nft-trait.nft-trait (remote
;; requirements cannot be fetched in this build environment). Trait arguments
;; are checked structurally, so a contract implementing this trait can be
;; passed wherever the canonical trait is expected (wallets, marketplaces).

(define-trait nft-trait
  (
    ;; The id of the last token minted (u0 before the first).
    (get-last-token-id () (response uint uint))

    ;; URI of the token's metadata (SIP-016 JSON), none for an unknown token.
    (get-token-uri (uint) (response (optional (string-ascii 256)) uint))

    ;; Owner of the token, none for an unknown (or burned) token.
    (get-owner (uint) (response (optional principal) uint))

    ;; Transfer token `id` from `sender` to `recipient`.
    (transfer (uint principal principal) (response bool uint))
  )
)
