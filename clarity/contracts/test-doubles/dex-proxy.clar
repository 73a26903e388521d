;; TEST DOUBLE: relays calls to the dex contracts WITHOUT as-contract?, the way
;; a malicious (or careless) contract a user is tricked into calling would.
;; Inside the target, tx-sender is still the signing user but contract-caller
;; is this proxy: admin, reporter, creator and trader checks must refuse it.

(use-trait sip-010-trait .sip-010-trait.sip-010-trait)
(use-trait creator-coin-trait .creator-coin-trait.creator-coin-trait)

(define-public (oracle-set-reporter
    (reporter principal)
    (enabled bool)
  )
  (contract-call? .metrics-oracle set-reporter reporter enabled)
)

(define-public (oracle-report
    (creator-id (buff 32))
    (creator principal)
    (followers uint)
    (observed-at uint)
    (nonce uint)
  )
  (contract-call? .metrics-oracle report creator-id creator u0 followers u0
    observed-at nonce
  )
)

(define-public (factory-set-fee-recipient (recipient principal))
  (contract-call? .creator-factory set-fee-recipient recipient)
)

(define-public (factory-launch
    (coin <creator-coin-trait>)
    (creator-id (buff 32))
  )
  (contract-call? .creator-factory launch coin creator-id "Proxy Coin" "PRX"
    u1000000 (list) u1000
  )
)

(define-public (pool-halt (coin principal))
  (contract-call? .creator-pool halt coin)
)

(define-public (pool-set-admin (admin principal))
  (contract-call? .creator-pool set-admin admin)
)

;; A swap relayed without as-contract?: the pool pulls from the proxy
;; (contract-caller), which holds nothing; the user's tokens cannot move.
(define-public (pool-swap
    (coin <sip-010-trait>)
    (base <sip-010-trait>)
    (amount-in uint)
  )
  (contract-call? .creator-pool swap-exact-in coin base (contract-of base)
    amount-in u0 tx-sender u99999999999
  )
)
