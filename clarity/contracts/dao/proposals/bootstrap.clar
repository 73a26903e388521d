;; Worx DAO bootstrap proposal: run once by dao-core `construct` (the
;; deployer, at deployment). Solidity twin: the Ignition wiring that grants
;; the timelock its roles and sets the Governor's settings.
;;
;; - enables the DAO's extensions: proposal-voting (votes, timelock,
;;   execution), dao-treasury (holds and pays the DAO's STX and SIP-010) and
;;   work-rewards (mints WORX for completed work);
;; - sets the governance parameters (blocks; local demo values, see
;;   proposal-voting's header: delay 10, period 50, threshold 100 WORX, quorum
;;   4%, late-quorum extension 10, timelock 20);
;; - makes `sender` (the deployer, account #0 "deployer/guardian" of the demo)
;;   the guardian, who may cancel pending proposals.
;; - sets the STX work-reward rate: 1 WORX per STX paid (both 6 decimals;
;;   rates are scaled by 10^18), so that WORX can be earned from the first job;
;;   stablecoin rates are DAO proposals (their principals differ per network).
;; It mints nothing: there is no pre-mine (WORX is earned through
;; work-rewards). The guardian is the deployer here, not the multisig as on
;; EVM: multisig.clar's actions cannot call proposal-voting's `cancel`.

(impl-trait .proposal-trait.proposal-trait)

(define-public (execute (sender principal))
  (begin
    (try! (contract-call? .dao-core set-extensions (list
      {
        extension: .proposal-voting,
        enabled: true,
      }
      {
        extension: .dao-treasury,
        enabled: true,
      }
      {
        extension: .work-rewards,
        enabled: true,
      }
    )))
    (try! (contract-call? .proposal-voting set-parameters u10 u50 u100000000 u400 u10
      u20
    ))
    (try! (contract-call? .proposal-voting set-guardian (some sender)))
    (try! (contract-call? .work-rewards set-reward-rate none u1000000000000000000))
    (ok true)
  )
)
