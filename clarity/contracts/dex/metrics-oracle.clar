;; Worx creator metrics oracle (Stacks, Clarity 4): the twin of
;; contracts/dex/MetricsOracle.sol (interface IMetricsOracle.sol).
;;
;; Authorized reporters (set by the admin, the multisig) post creator metrics:
;; plays, followers, engagement (bps), with the time they were observed and a
;; nonce. A creator is a `creator-id` (buff 32, by convention
;; keccak256(utf8("worx:creator:" + handle)), computed off-chain) bound to a
;; wallet by its first report; later reports must name the same wallet.
;; Per creator every report carries a strictly larger nonce and a strictly
;; later observed-at than the last one, and observed-at must lie within
;; [now - max-age, now] (now = `stacks-block-time`, Unix seconds of the
;; report's block): replayed, reordered, stale and future reports are refused.
;;
;; MILESTONES are ascending follower thresholds (default 1000, 5000, 10000,
;; 20000, 50000, 100000; at most 64). Governance may only APPEND thresholds
;; above the last one: creator coins key their supply releases by milestone
;; index, so an index never changes meaning. A milestone is reached the first
;; time a report's followers meet its threshold (`milestone-reached` printed
;; once per creator and index) and stays reached when followers fall: the
;; reached milestones are always the indices 0 .. milestones-reached - 1. The
;; launch milestone (governed, default index 0) gates launching a coin.
;;
;; WHO IS ACTING is decided on `contract-caller` (as in the escrow): a
;; contract relaying a reporter's or the admin's call acts as itself and is
;; refused. The admin is the deployer at deployment; the deploy script sets
;; the reporters, then hands the admin over to the multisig (`set-admin`),
;; which administers this contract through its generic `call` operation
;; (`execute`, multisig-action trait).
;;
;; Events (`print`, topic = kebab-case Solidity event, fields = its
;; parameters in kebab-case): metrics-reported, milestone-reached,
;; milestone-added (also for each default at deployment),
;; launch-milestone-index-updated, max-age-updated; Clarity-only:
;; reporter-updated {reporter, enabled} (EVM RoleGranted/RoleRevoked of
;; REPORTER_ROLE), admin-updated {previous, admin}.

;; ------------------------------- constants -------------------------------

;; Most milestones (Solidity MAX_MILESTONES); bounds the thresholds list.
(define-constant MAX-MILESTONES u64)
;; Report age default: 1 day.
(define-constant DEFAULT-MAX-AGE u86400)
;; Largest uint32 (the Solidity type of maxAge).
(define-constant MAX-UINT32 u4294967295)

;; Actions `execute` runs for the multisig.
(define-constant ACTION-SET-REPORTER "set-reporter")
(define-constant ACTION-ADD-MILESTONES "add-milestones")
(define-constant ACTION-SET-LAUNCH-MILESTONE-INDEX "set-launch-milestone-index")
(define-constant ACTION-SET-MAX-AGE "set-max-age")
(define-constant ACTION-SET-ADMIN "set-admin")

;; -------------------------------- errors --------------------------------
;; Range u5000-u5099 belongs to this contract: u5000-u5009 who may call,
;; u5010-u5019 reports, u5020-u5029 governance arguments. Errors carry no
;; parameters: the Solidity error's parameters are the call's arguments or
;; readable with the read-only functions named in each "Debug" note.

;; An admin function (set-reporter, add-milestones, set-launch-milestone-index,
;; set-max-age, set-admin, execute) called by a contract-caller that is not the
;; admin. Solidity: AccessControlUnauthorizedAccount. Debug: (get-admin); a
;; call relayed by another contract is made by THAT contract.
(define-constant ERR-NOT-AUTHORIZED (err u5000))
;; report by a contract-caller that is not a reporter. Solidity:
;; AccessControlUnauthorizedAccount (REPORTER_ROLE). Debug: (is-reporter
;; caller); the multisig adds reporters (set-reporter).
(define-constant ERR-NOT-REPORTER (err u5001))
;; execute with a payload that is not one of the actions below in consensus
;; serialization (Clarity-only: the multisig's generic call). Debug: build it
;; with @stacks/transactions serializeCV of {action, args}.
(define-constant ERR-INVALID-ACTION (err u5002))
;; set-admin / set-reporter with this contract itself or a principal of
;; another network (Clarity-only; EVM: the zero address). Debug: ST.. on
;; testnet, SP.. on mainnet.
(define-constant ERR-INVALID-PRINCIPAL (err u5003))

;; report naming a creator wallet of another network or this contract.
;; Solidity: ZeroCreator. Debug: the reporter's creator lookup returned a bad
;; principal.
(define-constant ERR-ZERO-CREATOR (err u5010))
;; report naming another wallet than the creator id's (fixed by its first
;; report). Solidity: CreatorMismatch. Debug: (get-creator creator-id); a
;; creator changing wallets needs a new creator id.
(define-constant ERR-CREATOR-MISMATCH (err u5011))
;; report whose nonce is not above the creator's last: replayed or reordered.
;; Solidity: NonceNotIncreasing. Debug: (get-last-nonce creator-id); reporters
;; keep a strictly increasing counter per creator.
(define-constant ERR-NONCE-NOT-INCREASING (err u5012))
;; report whose observed-at is not after the creator's last observation: out
;; of order. Solidity: ObservationNotIncreasing. Debug: (get-metrics
;; creator-id) observed-at.
(define-constant ERR-OBSERVATION-NOT-INCREASING (err u5013))
;; report observed after the report's block time. Solidity:
;; ObservationInFuture. Debug: the reporter's clock runs ahead of the chain:
;; compare with stacks-block-time (Unix SECONDS) of a recent block.
(define-constant ERR-OBSERVATION-IN-FUTURE (err u5014))
;; report observed more than max-age seconds before its block. Solidity:
;; StaleObservation. Debug: (get-max-age); the report waited too long in the
;; reporter's queue (or the mempool): observe again and resend.
(define-constant ERR-STALE-OBSERVATION (err u5015))

;; add-milestones with an empty list, a zero threshold, thresholds not strictly
;; ascending or not above the last one, or more than 64 in all. Solidity:
;; InvalidThreshold. Debug: (get-milestone-thresholds).
(define-constant ERR-INVALID-THRESHOLD (err u5020))
;; set-launch-milestone-index naming no milestone. Solidity:
;; InvalidLaunchMilestone. Debug: (get-milestone-count).
(define-constant ERR-INVALID-LAUNCH-MILESTONE (err u5021))
;; set-max-age of zero (every report would be stale) or above 2^32 - 1.
;; Solidity: InvalidMaxAge.
(define-constant ERR-INVALID-MAX-AGE (err u5022))

;; --------------------------------- state ---------------------------------

(define-data-var admin principal tx-sender)
(define-map reporters
  principal
  bool
)

;; Ascending follower thresholds, by index.
(define-data-var thresholds (list 64 uint) (list))
(define-data-var launch-index uint u0)
(define-data-var max-age uint DEFAULT-MAX-AGE)

;; A creator's latest metrics (Solidity struct Metrics).
(define-map metrics
  (buff 32)
  {
    plays: uint,
    followers: uint,
    engagement-bps: uint,
    observed-at: uint, ;; Unix seconds
  }
)
;; A creator's wallet, last nonce and number of milestones reached.
(define-map creators
  (buff 32)
  {
    creator: principal,
    last-nonce: uint,
    reached: uint,
  }
)

;; -------------------------------- actions --------------------------------

;; Post a creator's metrics. Only a reporter. Prints `milestone-reached` for
;; every milestone the followers reach for the first time. Checks, in the
;; Solidity order: reporter, creator, wallet, nonce, order, future, stale.
;; Returns (ok milestones-reached).
(define-public (report
    (creator-id (buff 32))
    (creator principal)
    (plays uint)
    (followers uint)
    (engagement-bps uint)
    (observed-at uint)
    (nonce uint)
  )
  (let (
      (reporter contract-caller)
      (state (default-to {
        creator: creator,
        last-nonce: u0,
        reached: u0,
      }
        (map-get? creators creator-id)
      ))
      (last-observed (get observed-at (get-metrics creator-id)))
      (max-age-now (var-get max-age))
    )
    (asserts! (is-reporter reporter) ERR-NOT-REPORTER)
    (asserts! (is-valid-principal creator) ERR-ZERO-CREATOR)
    (asserts! (is-eq (get creator state) creator) ERR-CREATOR-MISMATCH)
    (asserts! (> nonce (get last-nonce state)) ERR-NONCE-NOT-INCREASING)
    (asserts! (> observed-at last-observed) ERR-OBSERVATION-NOT-INCREASING)
    (asserts! (<= observed-at stacks-block-time) ERR-OBSERVATION-IN-FUTURE)
    ;; saturating: early in a test chain's life now - max-age may be negative
    (asserts!
      (>= observed-at
        (if (> stacks-block-time max-age-now)
          (- stacks-block-time max-age-now)
          u0
        ))
      ERR-STALE-OBSERVATION
    )
    (map-set metrics creator-id {
      plays: plays,
      followers: followers,
      engagement-bps: engagement-bps,
      observed-at: observed-at,
    })
    (print {
      topic: "metrics-reported",
      creator-id: creator-id,
      creator: creator,
      reporter: reporter,
      plays: plays,
      followers: followers,
      engagement-bps: engagement-bps,
      observed-at: observed-at,
      nonce: nonce,
    })
    (let (
        (all (var-get thresholds))
        (from (get reached state))
        ;; only the milestones not reached yet, in order
        (pending (default-to (list) (slice? all from (len all))))
        (reached (get reached
          (fold reach-milestone pending {
            creator-id: creator-id,
            followers: followers,
            reached: from,
            done: false,
          })
        ))
      )
      (map-set creators creator-id {
        creator: creator,
        last-nonce: nonce,
        reached: reached,
      })
      (ok reached)
    )
  )
)

;; --------------------------------- admin ---------------------------------

;; Allow (enabled true) or stop (false) `reporter` posting reports. Admin.
;; Returns (ok true).
(define-public (set-reporter
    (reporter principal)
    (enabled bool)
  )
  (begin
    (try! (check-admin))
    (apply-set-reporter reporter enabled)
  )
)

;; Append milestone thresholds (strictly ascending, above the last one).
;; Admin. Creators whose followers already meet a new threshold reach it at
;; their next report.
(define-public (add-milestones (new-thresholds (list 64 uint)))
  (begin
    (try! (check-admin))
    (apply-add-milestones new-thresholds)
  )
)

;; Set the launch milestone (an existing index). Admin.
(define-public (set-launch-milestone-index (index uint))
  (begin
    (try! (check-admin))
    (apply-set-launch-index index)
  )
)

;; Set the maximum age of a report, seconds in 1..2^32-1. Admin.
(define-public (set-max-age (new-max-age uint))
  (begin
    (try! (check-admin))
    (apply-set-max-age new-max-age)
  )
)

;; Hand the admin over (to the multisig at deployment). Admin.
(define-public (set-admin (new-admin principal))
  (begin
    (try! (check-admin))
    (apply-set-admin new-admin)
  )
)

;; multisig-action: the multisig's generic `call` operation lands here, with
;; contract-caller = the multisig (the admin). `payload` is the consensus
;; serialization of {action: "set-reporter", args: {reporter, enabled}},
;; {action: "add-milestones", args: {thresholds: (list 64 uint)}},
;; {action: "set-launch-milestone-index" | "set-max-age", args: {value: uint}}
;; or {action: "set-admin", args: {admin: principal}}. `operation-id` (the
;; multisig's) is not used.
(define-public (execute
    (operation-id (buff 32))
    (payload (buff 2048))
  )
  (begin
    (try! (check-admin))
    (match (from-consensus-buff? {
      action: (string-ascii 32),
      args: {
        reporter: principal,
        enabled: bool,
      },
    }
      payload
    )
      call (begin
        (asserts! (is-eq (get action call) ACTION-SET-REPORTER) ERR-INVALID-ACTION)
        (apply-set-reporter (get reporter (get args call)) (get enabled (get args call)))
      )
      (match (from-consensus-buff? {
        action: (string-ascii 32),
        args: { thresholds: (list 64 uint) },
      }
        payload
      )
        call (begin
          (asserts! (is-eq (get action call) ACTION-ADD-MILESTONES)
            ERR-INVALID-ACTION
          )
          (apply-add-milestones (get thresholds (get args call)))
        )
        (match (from-consensus-buff? {
          action: (string-ascii 32),
          args: { value: uint },
        }
          payload
        )
          call (let ((action (get action call)))
            (if (is-eq action ACTION-SET-MAX-AGE)
              (apply-set-max-age (get value (get args call)))
              (begin
                (asserts! (is-eq action ACTION-SET-LAUNCH-MILESTONE-INDEX)
                  ERR-INVALID-ACTION
                )
                (apply-set-launch-index (get value (get args call)))
              )
            )
          )
          (let ((call (unwrap!
              (from-consensus-buff? {
                action: (string-ascii 32),
                args: { admin: principal },
              }
                payload
              )
              ERR-INVALID-ACTION
            )))
            (asserts! (is-eq (get action call) ACTION-SET-ADMIN) ERR-INVALID-ACTION)
            (apply-set-admin (get admin (get args call)))
          )
        )
      )
    )
  )
)

;; --------------------------------- views ---------------------------------

;; A creator's latest metrics (zeros when never reported).
(define-read-only (get-metrics (creator-id (buff 32)))
  (default-to {
    plays: u0,
    followers: u0,
    engagement-bps: u0,
    observed-at: u0,
  }
    (map-get? metrics creator-id)
  )
)

;; A creator's wallet, fixed at its first report (none: never reported).
(define-read-only (get-creator (creator-id (buff 32)))
  (get creator (map-get? creators creator-id))
)

;; A creator's last accepted nonce (u0: never reported).
(define-read-only (get-last-nonce (creator-id (buff 32)))
  (default-to u0 (get last-nonce (map-get? creators creator-id)))
)

;; How many milestones a creator has reached: the indices 0 .. n - 1.
(define-read-only (get-milestones-reached (creator-id (buff 32)))
  (default-to u0 (get reached (map-get? creators creator-id)))
)

;; Whether a creator has reached milestone `index`, as a response so a
;; creator coin (which cannot name this contract statically: creators deploy
;; it) can call it through a trait.
(define-read-only (is-milestone-reached
    (creator-id (buff 32))
    (index uint)
  )
  (ok (< index (get-milestones-reached creator-id)))
)

;; Whether a creator has reached the launch milestone.
(define-read-only (has-reached-launch (creator-id (buff 32)))
  (< (var-get launch-index) (get-milestones-reached creator-id))
)

;; Every milestone threshold, by index (ascending).
(define-read-only (get-milestone-thresholds)
  (var-get thresholds)
)

(define-read-only (get-milestone-count)
  (len (var-get thresholds))
)

(define-read-only (get-launch-milestone-index)
  (var-get launch-index)
)

;; Seconds a report's observation may be old.
(define-read-only (get-max-age)
  (var-get max-age)
)

(define-read-only (get-admin)
  (var-get admin)
)

(define-read-only (is-reporter (who principal))
  (default-to false (map-get? reporters who))
)

;; -------------------------------- private --------------------------------

;; fold step of report over the thresholds not reached yet (ascending):
;; reach the next one while the followers meet it, then stop (reached
;; milestones stay a prefix).
(define-private (reach-milestone
    (threshold uint)
    (acc {
      creator-id: (buff 32),
      followers: uint,
      reached: uint,
      done: bool,
    })
  )
  (if (or (get done acc) (< (get followers acc) threshold))
    (merge acc { done: true })
    (begin
      (print {
        topic: "milestone-reached",
        creator-id: (get creator-id acc),
        index: (get reached acc),
        threshold: threshold,
      })
      (merge acc { reached: (+ (get reached acc) u1) })
    )
  )
)

(define-private (apply-set-reporter
    (reporter principal)
    (enabled bool)
  )
  (begin
    (asserts! (is-valid-principal reporter) ERR-INVALID-PRINCIPAL)
    (if enabled
      (map-set reporters reporter true)
      (map-delete reporters reporter)
    )
    (print {
      topic: "reporter-updated",
      reporter: reporter,
      enabled: enabled,
    })
    (ok true)
  )
)

(define-private (apply-add-milestones (new-thresholds (list 64 uint)))
  (let (
      (current (var-get thresholds))
      (count (len current))
      (checked (fold check-threshold new-thresholds {
        last: (default-to u0 (element-at? current (if (> count u0) (- count u1) u0))),
        ok: true,
      }))
      (all (as-max-len? (concat current new-thresholds) u64))
    )
    (asserts!
      (and (> (len new-thresholds) u0) (get ok checked) (is-some all))
      ERR-INVALID-THRESHOLD
    )
    (var-set thresholds (unwrap-panic all))
    (fold print-milestone-added new-thresholds count)
    (ok true)
  )
)

;; fold step of add-milestones: each threshold above the previous (and zero).
(define-private (check-threshold
    (threshold uint)
    (acc {
      last: uint,
      ok: bool,
    })
  )
  {
    last: threshold,
    ok: (and (get ok acc) (> threshold (get last acc))),
  }
)

(define-private (print-milestone-added
    (threshold uint)
    (index uint)
  )
  (begin
    (print {
      topic: "milestone-added",
      index: index,
      threshold: threshold,
    })
    (+ index u1)
  )
)

(define-private (apply-set-launch-index (index uint))
  (let ((previous (var-get launch-index)))
    (asserts! (< index (get-milestone-count)) ERR-INVALID-LAUNCH-MILESTONE)
    (var-set launch-index index)
    (print {
      topic: "launch-milestone-index-updated",
      previous-index: previous,
      new-index: index,
    })
    (ok true)
  )
)

(define-private (apply-set-max-age (new-max-age uint))
  (let ((previous (var-get max-age)))
    (asserts! (and (> new-max-age u0) (<= new-max-age MAX-UINT32))
      ERR-INVALID-MAX-AGE
    )
    (var-set max-age new-max-age)
    (print {
      topic: "max-age-updated",
      previous-max-age: previous,
      new-max-age: new-max-age,
    })
    (ok true)
  )
)

(define-private (apply-set-admin (new-admin principal))
  (let ((previous (var-get admin)))
    (asserts! (is-valid-principal new-admin) ERR-INVALID-PRINCIPAL)
    (var-set admin new-admin)
    (print {
      topic: "admin-updated",
      previous: previous,
      admin: new-admin,
    })
    (ok true)
  )
)

(define-private (check-admin)
  (ok (asserts! (is-eq contract-caller (var-get admin)) ERR-NOT-AUTHORIZED))
)

;; A principal of this network that is not this contract.
(define-private (is-valid-principal (p principal))
  (and (is-standard p) (not (is-eq p current-contract)))
)

;; ------------------------------ deployment ------------------------------

(print {
  topic: "max-age-updated",
  previous-max-age: u0,
  new-max-age: DEFAULT-MAX-AGE,
})
(unwrap-panic (apply-add-milestones (list u1000 u5000 u10000 u20000 u50000 u100000)))
(print {
  topic: "launch-milestone-index-updated",
  previous-index: u0,
  new-index: u0,
})
