;; Worx work rewards (Stacks, Clarity 4): the twin of contracts/dao/WorkRewards.sol.
;; A dao-core extension (so that it may `mint` dao-token).
;;
;; WORX earned by finished work, pull-based, reading the escrow (no escrow
;; change): anyone may `claim-work-reward` once per escrow whose status
;; (.escrow get-escrow) is Completed (u3) or Closed (u5):
;;   value             = the escrow's `released` (gross amounts settled to the
;;                       freelancer side: payouts + fees, in the job's token)
;;   freelancer-reward = floor(value * reward-rate(token) / 10^18)
;;   client-reward     = floor(freelancer-reward * client-share-bps / 10000)
;; both minted (a zero mint is skipped) to the escrow's freelancer and client.
;; With a zero rate or value nothing is rewarded and nothing is marked, so a
;; later rate can still reward the job. Rates are per token principal as the
;; escrow names it (none = STX), in reward units (dao-token has 6 decimals)
;; per token unit, scaled by 10^18 like the EVM `ratePerUnit`: u10^18 = one
;; WORX unit per micro-STX, i.e. 1 WORX per STX. The products are computed
;; exactly without any intermediate overflow (see mul-div).
;;
;; BADGES (optional reward): anyone may `claim-badge-reward` once per badge
;; id: mints badge-reward(tier) to the badge's CURRENT owner (.badges
;; get-badge / get-owner). A zero reward (tier not rewarded) marks nothing.
;;
;; GOVERNANCE: set-reward-rate, set-client-share, set-badge-reward are
;; DAO-only (dao-core's `is-dao-or-extension`; a relaying contract is checked
;; as itself). Seed: client share 50%, no rates, no badge rewards (the DAO's
;; bootstrap proposal sets them).
;;
;; Events (`print`, same fields as the Solidity events, token none = STX):
;;   work-rewarded {escrow-id, freelancer, client, token, value,
;;                  freelancer-reward, client-reward}
;;   badge-rewarded {badge-id, account, tier, amount}
;;   reward-rate-updated {token, previous-rate, new-rate}
;;   client-share-updated {previous-bps, new-bps}
;;   badge-reward-updated {tier, previous, amount}

(impl-trait .extension-trait.extension-trait)

;; ------------------------------- constants -------------------------------

(define-constant BPS-DENOMINATOR u10000)
;; Rates are scaled by 10^18 (Solidity: value * rate / 1e18).
(define-constant RATE-PRECISION u1000000000000000000)
;; Escrow statuses that earn a reward.
(define-constant ESCROW-COMPLETED u3)
(define-constant ESCROW-CLOSED u5)

;; -------------------------------- errors --------------------------------
;; Range u4500-u4599 belongs to this contract. Errors of dao-token's `mint`
;; (u4100..) pass through unchanged (e.g. when this contract is not an
;; enabled extension of dao-core).

;; A governed setter called by a caller that is neither the DAO (a proposal
;; executed by dao-core) nor an enabled extension. Solidity:
;; AccessControlUnauthorizedAccount. Debug: (contract-call? .dao-core
;; is-extension caller).
(define-constant ERR-NOT-AUTHORIZED (err u4500))
;; claim-work-reward of an escrow that does not exist or is not Completed /
;; Closed. Solidity: JobNotFinished(escrowId, status). Debug: (contract-call?
;; .escrow get-escrow id) status: u1 created, u2 funded, u3 completed,
;; u4 cancelled, u5 closed.
(define-constant ERR-JOB-NOT-FINISHED (err u4501))
;; claim-work-reward of an escrow already rewarded. Solidity:
;; WorkRewardAlreadyClaimed(escrowId). Debug: (is-work-reward-claimed id).
(define-constant ERR-WORK-REWARD-ALREADY-CLAIMED (err u4502))
;; claim-badge-reward of a badge already rewarded. Solidity:
;; BadgeRewardAlreadyClaimed(badgeId). Debug: (is-badge-reward-claimed id).
(define-constant ERR-BADGE-REWARD-ALREADY-CLAIMED (err u4503))
;; Both rewards would be zero (rate 0 for the job's token, or nothing
;; released), or the badge's tier has no reward: nothing is minted and
;; nothing is marked claimed. Solidity: NothingToReward(escrowId). Debug:
;; (preview-work-reward id), (get-reward-rate token), (get-badge-reward tier).
(define-constant ERR-NOTHING-TO-REWARD (err u4504))
;; set-client-share above u10000. Solidity: InvalidShare(bps).
(define-constant ERR-INVALID-SHARE (err u4505))
;; claim-badge-reward of a badge that does not exist or was burned
;; (Clarity-only; EVM: ERC721NonexistentToken from the badges). Debug:
;; (contract-call? .badges get-owner id).
(define-constant ERR-BADGE-NOT-FOUND (err u4506))

;; --------------------------------- state ---------------------------------

;; Reward units per token unit, scaled by 10^18, per token (none = STX).
(define-map reward-rates
  (optional principal)
  uint
)
;; Client reward as a share of the freelancer reward, in bps. Seed: 50%.
(define-data-var client-share-bps uint u5000)
;; WORX units per badge tier.
(define-map badge-rewards
  uint
  uint
)
(define-map work-claimed
  uint
  bool
)
(define-map badge-claimed
  uint
  bool
)

;; -------------------------------- actions --------------------------------

;; Reward finished escrow `escrow-id` (Completed or Closed), once. Anyone.
;; Checks in the EVM order: not yet claimed, finished, something to reward.
;; Returns (ok {freelancer-reward, client-reward}).
(define-public (claim-work-reward (escrow-id uint))
  (let ((job (begin
      (asserts! (not (is-work-reward-claimed escrow-id))
        ERR-WORK-REWARD-ALREADY-CLAIMED
      )
      (unwrap! (contract-call? .escrow get-escrow escrow-id) ERR-JOB-NOT-FINISHED)
    )))
    (asserts!
      (or (is-eq (get status job) ESCROW-COMPLETED) (is-eq (get status job) ESCROW-CLOSED))
      ERR-JOB-NOT-FINISHED
    )
    (let (
        (rewards (rewards-for (get token job) (get released job)))
        (freelancer-reward (get freelancer-reward rewards))
        (client-reward (get client-reward rewards))
      )
      (asserts! (> freelancer-reward u0) ERR-NOTHING-TO-REWARD)
      (map-set work-claimed escrow-id true)
      (try! (contract-call? .dao-token mint freelancer-reward (get freelancer job)))
      (and (> client-reward u0)
        (try! (contract-call? .dao-token mint client-reward (get client job)))
      )
      (print {
        topic: "work-rewarded",
        escrow-id: escrow-id,
        freelancer: (get freelancer job),
        client: (get client job),
        token: (get token job),
        value: (get released job),
        freelancer-reward: freelancer-reward,
        client-reward: client-reward,
      })
      (ok rewards)
    )
  )
)

;; Reward badge `badge-id` once: its tier's reward to its current owner.
;; Anyone. Returns (ok amount).
(define-public (claim-badge-reward (badge-id uint))
  (let (
      (badge (begin
        (asserts! (not (is-badge-reward-claimed badge-id))
          ERR-BADGE-REWARD-ALREADY-CLAIMED
        )
        (unwrap! (contract-call? .badges get-badge badge-id) ERR-BADGE-NOT-FOUND)
      ))
      (account (unwrap! (unwrap-panic (contract-call? .badges get-owner badge-id))
        ERR-BADGE-NOT-FOUND
      ))
      (tier (get tier badge))
      (amount (get-badge-reward tier))
    )
    (asserts! (> amount u0) ERR-NOTHING-TO-REWARD)
    (map-set badge-claimed badge-id true)
    (try! (contract-call? .dao-token mint amount account))
    (print {
      topic: "badge-rewarded",
      badge-id: badge-id,
      account: account,
      tier: tier,
      amount: amount,
    })
    (ok amount)
  )
)

;; extension-trait: dao-core calls it when a proposal asks it to; nothing to do.
(define-public (callback
    (sender principal)
    (memo (buff 34))
  )
  (ok true)
)

;; ------------------------------- governance -------------------------------

;; Set the reward rate of `token` (none = STX), scaled by 10^18. DAO only.
(define-public (set-reward-rate
    (token (optional principal))
    (rate uint)
  )
  (let ((previous-rate (get-reward-rate token)))
    (try! (is-dao-or-extension))
    (map-set reward-rates token rate)
    (print {
      topic: "reward-rate-updated",
      token: token,
      previous-rate: previous-rate,
      new-rate: rate,
    })
    (ok true)
  )
)

;; Set the client's share of the freelancer reward (bps, at most u10000). DAO only.
(define-public (set-client-share (bps uint))
  (let ((previous-bps (var-get client-share-bps)))
    (try! (is-dao-or-extension))
    (asserts! (<= bps BPS-DENOMINATOR) ERR-INVALID-SHARE)
    (var-set client-share-bps bps)
    (print {
      topic: "client-share-updated",
      previous-bps: previous-bps,
      new-bps: bps,
    })
    (ok true)
  )
)

;; Set the reward (WORX units) of badge `tier`. DAO only.
(define-public (set-badge-reward
    (tier uint)
    (amount uint)
  )
  (let ((previous (get-badge-reward tier)))
    (try! (is-dao-or-extension))
    (map-set badge-rewards tier amount)
    (print {
      topic: "badge-reward-updated",
      tier: tier,
      previous: previous,
      amount: amount,
    })
    (ok true)
  )
)

;; --------------------------------- views ---------------------------------

(define-read-only (get-reward-rate (token (optional principal)))
  (default-to u0 (map-get? reward-rates token))
)

(define-read-only (get-client-share-bps)
  (var-get client-share-bps)
)

(define-read-only (get-badge-reward (tier uint))
  (default-to u0 (map-get? badge-rewards tier))
)

(define-read-only (is-work-reward-claimed (escrow-id uint))
  (default-to false (map-get? work-claimed escrow-id))
)

(define-read-only (is-badge-reward-claimed (badge-id uint))
  (default-to false (map-get? badge-claimed badge-id))
)

;; What claiming escrow `escrow-id` would mint at the current rate (from what
;; it has released so far, whatever its status; zeros for an unknown id).
(define-read-only (preview-work-reward (escrow-id uint))
  (match (contract-call? .escrow get-escrow escrow-id)
    job (rewards-for (get token job) (get released job))
    {
      freelancer-reward: u0,
      client-reward: u0,
    }
  )
)

;; -------------------------------- private --------------------------------

(define-private (rewards-for
    (token (optional principal))
    (value uint)
  )
  (let ((freelancer-reward (mul-div value (get-reward-rate token) RATE-PRECISION)))
    {
      freelancer-reward: freelancer-reward,
      client-reward: (mul-div freelancer-reward (var-get client-share-bps) BPS-DENOMINATOR),
    }
  )
)

;; floor(a * b / d), exact, without the product a * b (which can overflow
;; u128 for large values and rates): with a = qa*d + ra and b = qb*d + rb,
;; a*b/d = qa*qb*d + qa*rb + ra*qb + floor(ra*rb/d), where ra*rb < d^2 fits
;; for d <= 10^18. Overflows (aborts) only when the result itself does not fit.
(define-private (mul-div
    (a uint)
    (b uint)
    (d uint)
  )
  (let (
      (qa (/ a d))
      (ra (mod a d))
      (qb (/ b d))
      (rb (mod b d))
    )
    (+ (* qa qb d) (* qa rb) (* ra qb) (/ (* ra rb) d))
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
