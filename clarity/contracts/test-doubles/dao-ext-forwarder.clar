;; TEST DOUBLE: relays calls to the DAO contracts WITHOUT as-contract?, so the
;; callee sees contract-caller = this contract. Enabled as a dao-core
;; extension by dao-ext-bootstrap, it stands for any extension (e.g.
;; proposal-voting) and drives the governed functions in tests; not enabled
;; (or disabled), it is the relay a user could be tricked into calling, which
;; every governed function must refuse.

(use-trait sip-010-trait .sip-010-trait.sip-010-trait)
(use-trait proposal-trait .proposal-trait.proposal-trait)

;; dao-core
(define-public (set-extension
    (extension principal)
    (enabled bool)
  )
  (contract-call? .dao-core set-extension extension enabled)
)

(define-public (execute (proposal <proposal-trait>))
  (contract-call? .dao-core execute proposal tx-sender)
)

;; dao-token
(define-public (mint
    (amount uint)
    (recipient principal)
  )
  (contract-call? .dao-token mint amount recipient)
)

;; dao-treasury
(define-public (transfer-stx
    (amount uint)
    (recipient principal)
  )
  (contract-call? .dao-treasury transfer-stx amount recipient)
)

(define-public (transfer-ft
    (token <sip-010-trait>)
    (amount uint)
    (recipient principal)
  )
  (contract-call? .dao-treasury transfer-ft token amount recipient)
)

;; fee-splitter
(define-public (set-dao-share (bps uint))
  (contract-call? .fee-splitter set-dao-share bps)
)

(define-public (set-payees
    (treasury principal)
    (operations principal)
  )
  (contract-call? .fee-splitter set-payees treasury operations)
)

;; work-rewards
(define-public (set-reward-rate
    (token (optional principal))
    (rate uint)
  )
  (contract-call? .work-rewards set-reward-rate token rate)
)

(define-public (set-client-share (bps uint))
  (contract-call? .work-rewards set-client-share bps)
)

(define-public (set-badge-reward
    (tier uint)
    (amount uint)
  )
  (contract-call? .work-rewards set-badge-reward tier amount)
)

;; staking-fee-discount
(define-public (set-discount-tiers (tiers (list 8 {
  min-staking-power: uint,
  discount-bps: uint,
})))
  (contract-call? .staking-fee-discount set-discount-tiers tiers)
)
