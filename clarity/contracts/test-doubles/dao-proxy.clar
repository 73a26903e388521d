;; TEST DOUBLE: forwards calls to the DAO contracts WITHOUT as-contract?, the
;; way a malicious (or careless) contract a user is tricked into calling would.
;; Inside the DAO contracts tx-sender is still the signing user (or dao-core,
;; when a proposal calls it) but contract-caller is this proxy: the tests show
;; it is never the DAO nor an extension. Never deploy it anywhere.

(use-trait proposal-trait .proposal-trait.proposal-trait)

(define-public (mint
    (amount uint)
    (recipient principal)
  )
  (contract-call? .dao-token mint amount recipient)
)

(define-public (execute
    (proposal <proposal-trait>)
    (sender principal)
  )
  (contract-call? .dao-core execute proposal sender)
)

(define-public (set-extension
    (extension principal)
    (enabled bool)
  )
  (contract-call? .dao-core set-extension extension enabled)
)

(define-public (set-parameters)
  (contract-call? .proposal-voting set-parameters u0 u1 u0 u0 u0 u0)
)

(define-public (vote
    (proposal principal)
    (support uint)
    (hint uint)
  )
  (contract-call? .proposal-voting vote proposal support u"relayed" hint)
)

(define-public (stake
    (amount uint)
    (term uint)
  )
  (contract-call? .dao-token stake amount term)
)
