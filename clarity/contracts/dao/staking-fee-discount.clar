;; Worx staking fee discount (Stacks, Clarity 4): the twin of
;; contracts/dao/StakingFeeDiscount.sol.
;;
;; The escrow's fee-discount source once the DAO is live (escrow
;; `set-fee-discount-source`): get-fee-discount-bps(freelancer) =
;;   max(the discount of the highest tier whose min-staking-power the
;;       freelancer's dao-token get-staking-power reaches,
;;       the badges' get-fee-discount-bps (soul-bound badges), capped at u10000)
;; so a staked WORX position and a reputation badge never add up: the better
;; one counts. Both reads are read-only calls to contracts of this project
;; (Clarity has no dynamic call without a trait argument, and the trait
;; function takes only the freelancer): the badge source is .badges, fixed.
;; The escrow reads this contract from inside its `as-contract?` with no
;; allowance, once per `create-escrow`.
;;
;; TIERS: at most 8 {min-staking-power, discount-bps}, strictly increasing
;; min-staking-power, non-decreasing discount-bps <= u10000. Seed (dao-token
;; has 6 decimals): 1,000 WORX -> 10%, 10,000 WORX -> 25%, 50,000 WORX -> 50%
;; of the fee. Set by the DAO only (`set-discount-tiers`, dao-core's
;; `is-dao-or-extension`; a relaying contract is checked as itself).
;;
;; Events (`print`): discount-tiers-updated {tiers} (also at deployment, like
;; the EVM constructor).

(impl-trait .fee-discount-trait.fee-discount-trait)

;; ------------------------------- constants -------------------------------

(define-constant BPS-DENOMINATOR u10000)

;; -------------------------------- errors --------------------------------
;; Range u4600-u4699 belongs to this contract.

;; set-discount-tiers by a caller that is neither the DAO (a proposal executed
;; by dao-core) nor an enabled extension. Solidity:
;; AccessControlUnauthorizedAccount. Debug: (contract-call? .dao-core
;; is-extension caller).
(define-constant ERR-NOT-AUTHORIZED (err u4600))
;; set-discount-tiers with a min-staking-power not above the previous tier's,
;; a discount-bps below the previous tier's, or a discount-bps above u10000
;; (more than 8 tiers cannot be sent: the list type rejects them). Solidity:
;; InvalidDiscountTiers(index). Debug: tiers ascend; staking power is in
;; dao-token units (6 decimals) after the lock boost.
(define-constant ERR-INVALID-DISCOUNT-TIERS (err u4601))

;; --------------------------------- state ---------------------------------

(define-data-var discount-tiers
  (list 8 {
    min-staking-power: uint,
    discount-bps: uint,
  })
  (list)
)

;; ------------------------------ discount read ------------------------------

;; fee-discount-trait: the freelancer's discount on the platform fee, in bps
;; of the fee: the better of its staking tier and its badges' discount.
(define-read-only (get-fee-discount-bps (freelancer principal))
  (let (
      (staking (get-staking-discount-bps freelancer))
      ;; the badges' read never errs (its err type is not even defined)
      (badge (unwrap-panic (contract-call? .badges get-fee-discount-bps freelancer)))
    )
    ;; badge discounts are <= u10000 by the badges' own configuration check
    (ok (if (> badge staking)
      badge
      staking
    ))
  )
)

;; ------------------------------- governance -------------------------------

;; Replace the discount tiers. DAO only.
(define-public (set-discount-tiers (tiers (list 8 {
  min-staking-power: uint,
  discount-bps: uint,
})))
  (begin
    (try! (is-dao-or-extension))
    (apply-tiers tiers)
  )
)

;; --------------------------------- views ---------------------------------

(define-read-only (get-discount-tiers)
  (var-get discount-tiers)
)

;; The discount of the highest tier `account`'s staking power reaches (u0
;; below the first tier).
(define-read-only (get-staking-discount-bps (account principal))
  (let ((power (contract-call? .dao-token get-staking-power account)))
    (get bps
      (fold tier-discount (var-get discount-tiers) {
        power: power,
        bps: u0,
      })
    )
  )
)

;; -------------------------------- private --------------------------------

;; fold step of get-staking-discount-bps: tiers ascend, so the last one
;; reached wins.
(define-private (tier-discount
    (tier {
      min-staking-power: uint,
      discount-bps: uint,
    })
    (acc {
      power: uint,
      bps: uint,
    })
  )
  (if (>= (get power acc) (get min-staking-power tier))
    (merge acc { bps: (get discount-bps tier) })
    acc
  )
)

(define-private (apply-tiers (tiers (list 8 {
  min-staking-power: uint,
  discount-bps: uint,
})))
  (begin
    (asserts!
      (get ok
        (fold check-tier tiers {
          ok: true,
          first: true,
          min: u0,
          bps: u0,
        })
      )
      ERR-INVALID-DISCOUNT-TIERS
    )
    (var-set discount-tiers tiers)
    (print {
      topic: "discount-tiers-updated",
      tiers: tiers,
    })
    (ok true)
  )
)

;; fold step of apply-tiers: each tier above the previous one.
(define-private (check-tier
    (tier {
      min-staking-power: uint,
      discount-bps: uint,
    })
    (acc {
      ok: bool,
      first: bool,
      min: uint,
      bps: uint,
    })
  )
  (let (
      (min (get min-staking-power tier))
      (bps (get discount-bps tier))
    )
    {
      ok: (and
        (get ok acc)
        (<= bps BPS-DENOMINATOR)
        (or (get first acc) (and (> min (get min acc)) (>= bps (get bps acc))))
      ),
      first: false,
      min: min,
      bps: bps,
    }
  )
)

;; (ok true) when contract-caller (the proposal being executed, an enabled
;; extension or dao-core) may act as the DAO; dao-core cannot see our
;; contract-caller itself, so we pass it.
(define-private (is-dao-or-extension)
  (ok (asserts! (is-ok (contract-call? .dao-core is-dao-or-extension contract-caller))
    ERR-NOT-AUTHORIZED
  ))
)

;; ------------------------------ deployment ------------------------------

;; The seed tiers (6-decimal WORX), printed like the EVM constructor's event.
(unwrap-panic (apply-tiers (list
  {
    min-staking-power: u1000000000,
    discount-bps: u1000,
  }
  {
    min-staking-power: u10000000000,
    discount-bps: u2500,
  }
  {
    min-staking-power: u50000000000,
    discount-bps: u5000,
  }
)))
