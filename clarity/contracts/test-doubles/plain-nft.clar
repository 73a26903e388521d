;; TEST DOUBLE: the plainest SIP-009 NFT (open mint, owner-signed transfer, no
;; metadata), the bench's anchor for badge transfers: what moving any NFT on
;; Stacks costs (as PlainERC721.sol is on EVM).

(impl-trait .sip-009-trait.nft-trait)

(define-non-fungible-token plain-nft uint)
(define-data-var last-id uint u0)

;; Mint the next id to `recipient`; anyone may.
(define-public (mint (recipient principal))
  (let ((id (+ (var-get last-id) u1)))
    (try! (nft-mint? plain-nft id recipient))
    (var-set last-id id)
    (ok id)
  )
)

(define-public (transfer
    (id uint)
    (sender principal)
    (recipient principal)
  )
  (begin
    (asserts! (is-eq contract-caller sender) (err u401))
    (nft-transfer? plain-nft id sender recipient)
  )
)

(define-read-only (get-last-token-id)
  (ok (var-get last-id))
)

(define-read-only (get-token-uri (id uint))
  (ok none)
)

(define-read-only (get-owner (id uint))
  (ok (nft-get-owner? plain-nft id))
)
