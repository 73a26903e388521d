;; What the creator factory calls on a creator coin (a copy of
;; clarity/contracts/dex/creator-coin.clar deployed by its creator). Trait
;; arguments are checked structurally: the coin template does not declare
;; `impl-trait` (it may name no contract of this deployment, see its header).

(define-trait creator-coin-trait
  (
    ;; One-time setup by the factory's launch; returns (ok max-supply).
    (initialize ((buff 32) principal (string-ascii 32) (string-ascii 32) principal principal uint uint uint (list 64 uint)) (response uint uint))
    ;; Exclude an account from revenue sharing, or include it again (factory only).
    (set-revenue-excluded (principal bool) (response bool uint))
    ;; SIP-010 balance (premium access).
    (get-balance (principal) (response uint uint))
  )
)
