;; TEST DOUBLE: a contract the multisig can administer through every trait of
;; multisig-traits.clar (pausable, protocol-admin, multisig-action), that
;; records each call and misbehaves on demand. Anyone can switch modes.
;;   MODE-NORMAL   records the call and returns (ok true)
;;   MODE-FAIL     returns (err u700)
;;   MODE-DRAIN    also tries to take 1000 micro-STX from tx-sender (the
;;                 multisig itself when it calls from inside as-contract?)

(define-constant MODE-NORMAL u0)
(define-constant MODE-FAIL u1)
(define-constant MODE-DRAIN u2)

;; Returned by every call in MODE-FAIL.
(define-constant ERR-REFUSED (err u700))

(define-data-var mode uint MODE-NORMAL)
(define-data-var call-count uint u0)
(define-data-var last-call
  (optional {
    function: (string-ascii 32),
    caller: principal,
    sender: principal,
    operation-id: (buff 32),
    payload: (buff 2048),
  })
  none
)

(define-public (set-mode (new-mode uint))
  (ok (var-set mode new-mode))
)

(define-read-only (get-call-count)
  (var-get call-count)
)

(define-read-only (get-last-call)
  (var-get last-call)
)

(define-private (record
    (function (string-ascii 32))
    (operation-id (buff 32))
    (payload (buff 2048))
  )
  (begin
    (asserts! (not (is-eq (var-get mode) MODE-FAIL)) ERR-REFUSED)
    (and
      (is-eq (var-get mode) MODE-DRAIN)
      (try! (stx-transfer? u1000 tx-sender current-contract))
    )
    (var-set call-count (+ (var-get call-count) u1))
    (var-set last-call
      (some {
        function: function,
        caller: contract-caller,
        sender: tx-sender,
        operation-id: operation-id,
        payload: payload,
      })
    )
    (ok true)
  )
)

(define-constant NO-ID 0x0000000000000000000000000000000000000000000000000000000000000000)

;; pausable
(define-public (pause)
  (record "pause" NO-ID 0x)
)

(define-public (unpause)
  (record "unpause" NO-ID 0x)
)

;; protocol-admin
(define-public (set-platform-fee (bps uint))
  (record "set-platform-fee" NO-ID (unwrap-panic (to-consensus-buff? bps)))
)

(define-public (set-fee-recipient (recipient principal))
  (record "set-fee-recipient" NO-ID (unwrap-panic (to-consensus-buff? recipient)))
)

(define-public (grant-role
    (role (string-ascii 16))
    (account principal)
  )
  (record "grant-role" NO-ID (unwrap-panic (to-consensus-buff? account)))
)

(define-public (revoke-role
    (role (string-ascii 16))
    (account principal)
  )
  (record "revoke-role" NO-ID (unwrap-panic (to-consensus-buff? account)))
)

;; protocol-admin (fee-discount source, token allowlist)
(define-public (set-fee-discount-source (source (optional principal)))
  (record "set-fee-discount-source" NO-ID (unwrap-panic (to-consensus-buff? source)))
)

(define-public (set-token-allowed
    (token (optional principal))
    (allowed bool)
  )
  (record "set-token-allowed" NO-ID
    (unwrap-panic (to-consensus-buff? {
      token: token,
      allowed: allowed,
    }))
  )
)

;; multisig-action
(define-public (execute
    (operation-id (buff 32))
    (payload (buff 2048))
  )
  (record "execute" operation-id payload)
)
