;; TEST DOUBLE: forwards calls to .multisig WITHOUT as-contract?, the way a
;; malicious (or merely careless) contract an owner is tricked into calling
;; would. Inside .multisig, tx-sender is still the signing owner but
;; contract-caller is this proxy: the tests show the proxy cannot propose,
;; approve, approve-cancel or guardian-pause in the signer's name, and acts
;; only as itself (e.g. once it is made an owner). queue and execute are open
;; to anyone, so relaying them is harmless.

(use-trait protocol-admin-trait .multisig-traits.protocol-admin)
(use-trait pausable-trait .multisig-traits.pausable)

(define-public (propose-set-platform-fee
    (target principal)
    (bps uint)
    (nonce uint)
  )
  (contract-call? .multisig propose-set-platform-fee target bps nonce)
)

(define-public (propose-transfer-stx
    (recipient principal)
    (amount uint)
    (nonce uint)
  )
  (contract-call? .multisig propose-transfer-stx recipient amount nonce)
)

(define-public (approve (operation-id (buff 32)))
  (contract-call? .multisig approve operation-id)
)

(define-public (queue (operation-id (buff 32)))
  (contract-call? .multisig queue operation-id)
)

(define-public (execute (operation-id (buff 32)))
  (contract-call? .multisig execute operation-id)
)

(define-public (execute-admin
    (operation-id (buff 32))
    (target <protocol-admin-trait>)
  )
  (contract-call? .multisig execute-admin operation-id target)
)

(define-public (approve-cancel (operation-id (buff 32)))
  (contract-call? .multisig approve-cancel operation-id)
)

(define-public (guardian-pause (target <pausable-trait>))
  (contract-call? .multisig guardian-pause target)
)
