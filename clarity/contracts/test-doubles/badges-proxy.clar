;; TEST DOUBLE: forwards calls to .badges WITHOUT as-contract?, the way a
;; malicious (or merely careless) contract a user is tricked into calling would.
;; Inside .badges, tx-sender is still the signing user but contract-caller is
;; this proxy: the tests show the proxy cannot claim, transfer, burn or
;; administer as the user, and acts only as itself (it can hold a badge and
;; move it in its own name, as a marketplace would).

(define-public (claim (tier uint))
  (contract-call? .badges claim tier)
)

(define-public (transfer
    (token-id uint)
    (sender principal)
    (recipient principal)
  )
  (contract-call? .badges transfer token-id sender recipient)
)

(define-public (burn (token-id uint))
  (contract-call? .badges burn token-id)
)

(define-public (submit-attestation
    (subject principal)
    (kind uint)
    (expires-at uint)
    (nonce uint)
    (signature (buff 65))
  )
  (contract-call? .badges submit-attestation subject kind expires-at nonce
    signature
  )
)

(define-public (revoke-attestation
    (subject principal)
    (kind uint)
  )
  (contract-call? .badges revoke-attestation subject kind)
)

(define-public (set-tier-config
    (tier uint)
    (config {
      min-completed-jobs: uint,
      min-satisfaction-bps: uint,
      requires-x-verified: bool,
      requires-vetted: bool,
      soulbound: bool,
      fee-discount-bps: uint,
    })
  )
  (contract-call? .badges set-tier-config tier config)
)

(define-public (grant-role
    (role (string-ascii 16))
    (account principal)
  )
  (contract-call? .badges grant-role role account)
)

(define-public (revoke-role
    (role (string-ascii 16))
    (account principal)
  )
  (contract-call? .badges revoke-role role account)
)

(define-public (execute
    (operation-id (buff 32))
    (payload (buff 2048))
  )
  (contract-call? .badges execute operation-id payload)
)
