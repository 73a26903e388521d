;; Fee-discount source trait (Solidity: contracts/interfaces/IFeeDiscountSource.sol).
;;
;; A pluggable read of a freelancer's fee discount (their badge tier, their
;; stake), set on the escrow by the protocol's multisig
;; (`set-fee-discount-source`). The escrow asks it once, in `create-escrow`,
;; and fixes the discounted fee into the job: a source that later changes or
;; breaks can never block a payout.
;;
;; Clarity calls a contract only statically or through a trait value passed
;; as an argument, so the client passes the source to `create-escrow` as
;; `(optional <fee-discount-trait>)` and the escrow checks it is the stored
;; one. Trait arguments are checked structurally: a contract with a function
;; of this exact signature can be passed without declaring `impl-trait`, and
;; it may be a `define-read-only`.

(define-trait fee-discount-trait
  (
    ;; The discount `freelancer` earns on the platform fee, in basis points of
    ;; the fee (u10000 = no fee at all). Values above u10000 are treated as
    ;; u10000; an (err ...) response means no discount.
    (get-fee-discount-bps (principal) (response uint uint))
  )
)
