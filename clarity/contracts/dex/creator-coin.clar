;; Worx creator coin TEMPLATE (Stacks, Clarity 4): the twin of
;; contracts/dex/CreatorCoin.sol (interface ICreatorCoin.sol). A SIP-010
;; fungible token, 6 decimals.
;;
;; DEPLOYMENT. Clarity contracts cannot deploy contracts, so each creator
;; deploys a byte-identical copy of this source under its own address (any
;; contract name), then calls the factory's `launch` with it. The factory
;; checks the copy's `contract-hash?` against the template hash governance
;; registered, and calls `initialize` once: the copy only works after that
;; (no balance exists before), and only the factory that initialized it may
;; change its revenue exclusions. `initialize` needs tx-sender = the copy's
;; deployer, so nobody else can initialize a creator's copy with a fake
;; factory; a copy initialized by anything but the real factory (e.g. a
;; contract the creator was tricked into calling) is never listed by the
;; factory (its `launch` fails on it): the creator deploys a new copy.
;; This source names no other contract (no `.name` reference: it would
;; resolve to the creator's address): the traits it calls through are
;; defined below, and the oracle and base token are checked against the
;; principals fixed at initialization.
;;
;; SUPPLY. initial-supply minted to the creator at initialization; then
;; release-amounts[i] more to the creator once the oracle reports milestone
;; first-release-index + i reached (`release`, anyone, once per index).
;; Nothing else mints; nothing burns. Max supply (initial + every release)
;; at most MAX-SUPPLY = 10^17 units (the pool's reserve bound).
;;
;; REVENUE SHARING, in the base token (the pools' stablecoin): anyone may
;; `deposit-revenue`; holder-share-bps of each deposit (default 1000 = 10%)
;; is credited to holders pro rata to their balances at the deposit, the rest
;; (and the holders' share when no eligible holder exists) to the creator.
;; Claims are pulled (`claim-revenue`). O(1) per deposit and per transfer:
;; a magnified revenue-per-unit accumulator (scaled by MAGNITUDE = 2^56) and
;; one signed correction per account, adjusted on every balance change (the
;; "dividend-paying token" pattern, as on EVM where the scale is 2^96):
;;   earned(account) = (per-share * eligible-balance + correction) / 2^56
;; Coins received after a deposit earn nothing from it; coins sent away keep
;; what they earned. Division remainders are carried to the next deposit, so
;; the holders together never earn more than their share, and one holder
;; loses at most 1 + 2 * balance / 2^56 units (at most 3 at the supply bound)
;; to rounding. Clarity ints are 128 bits (EVM: 256), hence the smaller scale
;; and bounds: the holders' share goes to the creator instead when the
;; accumulator would pass MAX-PER-SHARE = 2^70 (so per-share * balance always
;; fits: 2^70 * 10^17 < 2^127; it takes over 2^14 base units of holder
;; revenue per coin unit, i.e. 16384 whole base tokens per whole coin at 6
;; decimals each) or when the holders' share of one deposit is above 2^70
;; units.
;; EXCLUDED accounts (the creator pool, excluded by the factory at launch,
;; and accounts the factory's admin excludes, e.g. another AMM) earn nothing
;; and do not dilute holders: their balances are left out of the eligible
;; supply. What an account earned before its exclusion stays claimable.
;;
;; WHO IS ACTING: `transfer` accepts sender = tx-sender or contract-caller
;; (like sBTC); deposits are paid by, and claims paid to, contract-caller.
;; Outgoing payments run inside `as-contract?` with an allowance of exactly
;; the amount paid in the base token.
;;
;; Events (`print`, Solidity names in kebab-case): supply-released,
;; revenue-deposited, revenue-claimed, revenue-exclusion-updated. Mints and
;; transfers are the native ft events.

(define-fungible-token creator-coin)

;; The calls this contract makes, as local traits (see header): a SIP-010
;; base token, and the metrics oracle.
(define-trait base-token-trait
  (
    (transfer (uint principal principal (optional (buff 34))) (response bool uint))
    (get-balance (principal) (response uint uint))
  )
)
(define-trait milestone-oracle-trait
  (
    (is-milestone-reached ((buff 32) uint) (response bool uint))
  )
)

;; ------------------------------- constants -------------------------------

(define-constant DEPLOYER tx-sender)
(define-constant BPS-DENOMINATOR u10000)
;; Bound of the supply (the pool's reserve bound).
(define-constant MAX-SUPPLY u100000000000000000)
;; Scale of the revenue-per-unit accumulator (2^56).
(define-constant MAGNITUDE u72057594037927936)
;; Bound of the accumulator (2^70).
(define-constant MAX-PER-SHARE u1180591620717411303424)
;; Largest holders' share of one deposit distributed (2^70).
(define-constant MAX-HOLDER-AMOUNT u1180591620717411303424)

;; -------------------------------- errors --------------------------------
;; Range u5100-u5199 belongs to this contract: u5100-u5109 initialization and
;; callers, u5110-u5119 supply, u5120-u5129 revenue. Codes u1-u3 come from
;; ft-transfer? in `transfer` (u1 balance too low, u2 sender = recipient,
;; u3 zero amount), and a base token's own codes pass through.

;; set-revenue-excluded by anyone but the factory that initialized this coin.
;; Solidity: NotFactory. Debug: (get-factory).
(define-constant ERR-NOT-FACTORY (err u5100))
;; initialize with tx-sender other than this copy's deployer (Clarity-only:
;; only the creator may launch its own copy). Debug: the deployer is the
;; address part of the contract id.
(define-constant ERR-NOT-DEPLOYER (err u5101))
;; initialize a second time (Clarity-only). Debug: (get-factory) is some;
;; a copy initialized outside the real factory is never listed: deploy a new
;; copy and launch that one.
(define-constant ERR-ALREADY-INITIALIZED (err u5102))
;; release, deposit-revenue or claim-revenue before the factory initialized
;; the coin (Clarity-only). Debug: (get-factory) is none; launch it.
(define-constant ERR-NOT-INITIALIZED (err u5103))
;; transfer whose sender is neither tx-sender nor contract-caller. Solidity:
;; ERC20InsufficientAllowance (there are no allowances on Stacks). Debug: the
;; signer (or calling contract) must own the coins.
(define-constant ERR-NOT-TOKEN-OWNER (err u5104))

;; release of an index the schedule has nothing for (before or at the launch
;; milestone, past the schedule, or a zero entry). Solidity:
;; NothingToRelease. Debug: (get-release-at index).
(define-constant ERR-NOTHING-TO-RELEASE (err u5110))
;; release of a milestone already released. Solidity: AlreadyReleased.
;; Debug: (is-released index).
(define-constant ERR-ALREADY-RELEASED (err u5111))
;; release before the oracle reports the milestone reached. Solidity:
;; MilestoneNotReached. Debug: the oracle's (get-milestones-reached
;; creator-id) must exceed index.
(define-constant ERR-MILESTONE-NOT-REACHED (err u5112))
;; initialize whose initial supply plus releases exceed MAX-SUPPLY (10^17).
;; Solidity: SupplyTooLarge. Debug: lower the amounts (6 decimals).
(define-constant ERR-SUPPLY-TOO-LARGE (err u5113))
;; initialize with a holder share above 10000 bps. Solidity:
;; InvalidHolderShare.
(define-constant ERR-INVALID-HOLDER-SHARE (err u5114))
;; release with an oracle other than the one fixed at launch (Clarity-only:
;; the oracle is passed as a trait). Debug: (get-oracle).
(define-constant ERR-WRONG-ORACLE (err u5115))

;; deposit-revenue of zero, or whose base-token balance grew by another amount
;; than requested (fee-on-transfer or rebasing tokens are not supported).
;; Solidity: InvalidDeposit. Debug: the token's transfer.
(define-constant ERR-INVALID-DEPOSIT (err u5120))
;; claim-revenue with nothing to claim. Solidity: NothingToClaim. Debug:
;; (get-claimable-revenue account); claims belong to contract-caller.
(define-constant ERR-NOTHING-TO-CLAIM (err u5121))
;; set-revenue-excluded to the state the account already has. Solidity:
;; ExclusionUnchanged. Debug: (is-revenue-excluded account).
(define-constant ERR-EXCLUSION-UNCHANGED (err u5122))
;; deposit-revenue / claim-revenue with a token other than the base token
;; (Clarity-only: the token is passed as a trait). Debug: (get-base-token).
(define-constant ERR-WRONG-BASE-TOKEN (err u5123))
;; A base-token transfer or balance read failed (insufficient balance, the
;; token refused). Solidity: SafeERC20 errors. Debug: call the token directly.
(define-constant ERR-TRANSFER-FAILED (err u5124))
;; While paying a claim, an asset beyond the allowance left this contract
;; (Clarity-only, as-contract?). Debug: the base token is malicious.
(define-constant ERR-ASSET-ALLOWANCE-EXCEEDED (err u5125))

;; --------------------------------- state ---------------------------------

;; Set once by initialize (none before).
(define-data-var config
  (optional {
    factory: principal,
    creator-id: (buff 32),
    creator: principal,
    oracle: principal,
    base-token: principal,
    holder-share-bps: uint,
    first-release-index: uint,
    release-amounts: (list 64 uint),
    max-supply: uint,
  })
  none
)
(define-data-var token-name (string-ascii 32) "")
(define-data-var token-symbol (string-ascii 32) "")
;; Bit i set: release-amounts[i] was minted.
(define-data-var released-mask uint u0)

(define-data-var per-share uint u0) ;; magnified revenue per eligible unit
(define-data-var remainder uint u0) ;; magnified remainder carried to the next deposit
(define-data-var eligible-supply uint u0)
(define-data-var creator-revenue uint u0)
;; Revenue correction (magnified) and exclusion flag per account.
(define-map accounts
  principal
  {
    correction: int,
    excluded: bool,
  }
)
;; Holder revenue claimed per account.
(define-map claimed
  principal
  uint
)

;; -------------------------------- actions --------------------------------

;; Called once by the factory's `launch` (contract-caller becomes the
;; factory), in a transaction the deployer of this copy signed. Mints
;; initial-supply to the creator. Returns (ok max-supply).
(define-public (initialize
    (creator-id (buff 32))
    (creator principal)
    (name (string-ascii 32))
    (symbol (string-ascii 32))
    (base-token principal)
    (oracle principal)
    (holder-share-bps uint)
    (initial-supply uint)
    (first-release-index uint)
    (release-amounts (list 64 uint))
  )
  (let ((total (fold add-capped release-amounts initial-supply)))
    (asserts! (is-eq tx-sender DEPLOYER) ERR-NOT-DEPLOYER)
    (asserts! (is-none (var-get config)) ERR-ALREADY-INITIALIZED)
    (asserts! (<= holder-share-bps BPS-DENOMINATOR) ERR-INVALID-HOLDER-SHARE)
    (asserts! (<= total MAX-SUPPLY) ERR-SUPPLY-TOO-LARGE)
    (var-set config
      (some {
        factory: contract-caller,
        creator-id: creator-id,
        creator: creator,
        oracle: oracle,
        base-token: base-token,
        holder-share-bps: holder-share-bps,
        first-release-index: first-release-index,
        release-amounts: release-amounts,
        max-supply: total,
      })
    )
    (var-set token-name name)
    (var-set token-symbol symbol)
    (and (> initial-supply u0) (mint creator initial-supply))
    (ok total)
  )
)

;; SIP-010 transfer. `sender` must be tx-sender or contract-caller. Keeps
;; every eligible account's earned revenue unchanged.
(define-public (transfer
    (amount uint)
    (sender principal)
    (recipient principal)
    (memo (optional (buff 34)))
  )
  (begin
    (asserts! (or (is-eq tx-sender sender) (is-eq contract-caller sender))
      ERR-NOT-TOKEN-OWNER
    )
    (try! (ft-transfer? creator-coin amount sender recipient))
    (move-revenue (some sender) (some recipient) amount)
    (match memo
      m (begin
        (print m)
        true
      )
      true
    )
    (ok true)
  )
)

;; Mint milestone `milestone-index`'s scheduled supply to the creator. Anyone,
;; once per index, once `oracle` (the one fixed at launch) reports it
;; reached. Returns (ok amount). Checks, in the Solidity order: schedule,
;; released, oracle.
(define-public (release
    (oracle <milestone-oracle-trait>)
    (milestone-index uint)
  )
  (let (
      (c (unwrap! (var-get config) ERR-NOT-INITIALIZED))
      (amount (get-release-at milestone-index))
    )
    (asserts! (> amount u0) ERR-NOTHING-TO-RELEASE)
    (let ((bit (pow u2 (- milestone-index (get first-release-index c)))))
      (asserts! (is-eq (bit-and (var-get released-mask) bit) u0)
        ERR-ALREADY-RELEASED
      )
      (asserts! (is-eq (contract-of oracle) (get oracle c)) ERR-WRONG-ORACLE)
      (asserts!
        (try! (contract-call? oracle is-milestone-reached (get creator-id c)
          milestone-index
        ))
        ERR-MILESTONE-NOT-REACHED
      )
      (var-set released-mask (bit-or (var-get released-mask) bit))
      (mint (get creator c) amount)
      (print {
        topic: "supply-released",
        milestone-index: milestone-index,
        amount: amount,
      })
      (ok amount)
    )
  )
)

;; Deposit `amount` of the base token (`base`), paid by contract-caller.
;; holder-share-bps of it is credited to eligible holders pro rata, the rest
;; to the creator. Returns (ok holder-amount).
(define-public (deposit-revenue
    (base <base-token-trait>)
    (amount uint)
  )
  (let (
      (c (unwrap! (var-get config) ERR-NOT-INITIALIZED))
      (payer contract-caller)
    )
    (asserts! (is-eq (contract-of base) (get base-token c)) ERR-WRONG-BASE-TOKEN)
    (asserts! (> amount u0) ERR-INVALID-DEPOSIT)
    (let ((before (try! (balance-of base))))
      (unwrap! (contract-call? base transfer amount payer current-contract none)
        ERR-TRANSFER-FAILED
      )
      (asserts! (is-eq (try! (balance-of base)) (+ before amount))
        ERR-INVALID-DEPOSIT
      )
    )
    (let (
        (share (get holder-share-bps c))
        ;; floor(amount * share / 10000) without the (overflowable) product
        (wanted (+ (* (/ amount BPS-DENOMINATOR) share)
          (/ (* (mod amount BPS-DENOMINATOR) share) BPS-DENOMINATOR)
        ))
        (eligible (var-get eligible-supply))
        (holder-amount (if (or (is-eq wanted u0) (is-eq eligible u0) (> wanted MAX-HOLDER-AMOUNT))
          u0
          ;; the remainder of earlier divisions is distributed with this deposit
          (let (
              (magnified (+ (* wanted MAGNITUDE) (var-get remainder)))
              (next (+ (var-get per-share) (/ magnified eligible)))
            )
            (if (> next MAX-PER-SHARE)
              u0
              (begin
                (var-set per-share next)
                (var-set remainder (mod magnified eligible))
                wanted
              )
            )
          )
        ))
        (creator-amount (- amount holder-amount))
      )
      (var-set creator-revenue (+ (var-get creator-revenue) creator-amount))
      (print {
        topic: "revenue-deposited",
        from: payer,
        amount: amount,
        holder-amount: holder-amount,
        creator-amount: creator-amount,
      })
      (ok holder-amount)
    )
  )
)

;; Pay contract-caller everything it may claim in the base token (`base`):
;; its holder revenue, plus the creator's share for the creator. Returns
;; (ok amount).
(define-public (claim-revenue (base <base-token-trait>))
  (let (
      (c (unwrap! (var-get config) ERR-NOT-INITIALIZED))
      (account contract-caller)
      (earned (earned-of account))
      (holder-part (- earned (get-claimed-revenue account)))
      (creator-part (if (is-eq account (get creator c))
        (var-get creator-revenue)
        u0
      ))
      (amount (+ holder-part creator-part))
    )
    (asserts! (is-eq (contract-of base) (get base-token c)) ERR-WRONG-BASE-TOKEN)
    (asserts! (> amount u0) ERR-NOTHING-TO-CLAIM)
    (map-set claimed account earned)
    (and (> creator-part u0) (var-set creator-revenue u0))
    (asserts!
      (is-ok (as-contract? ((with-ft (contract-of base) "*" amount))
        (unwrap! (contract-call? base transfer amount current-contract account none)
          ERR-TRANSFER-FAILED
        )))
      ERR-ASSET-ALLOWANCE-EXCEEDED
    )
    (print {
      topic: "revenue-claimed",
      account: account,
      amount: amount,
    })
    (ok amount)
  )
)

;; Exclude `account` from revenue sharing (true), or include it again. Only
;; the factory. What it earned so far stays claimable.
(define-public (set-revenue-excluded
    (account principal)
    (excluded bool)
  )
  (let (
      (c (unwrap! (var-get config) ERR-NOT-INITIALIZED))
      (acc (account-of account))
      (balance (ft-get-balance creator-coin account))
      (magnified (to-int (* (var-get per-share) balance)))
    )
    (asserts! (is-eq contract-caller (get factory c)) ERR-NOT-FACTORY)
    (asserts! (not (is-eq (get excluded acc) excluded)) ERR-EXCLUSION-UNCHANGED)
    ;; freeze (or resume) what the balance earned: earned-of stays the same
    (map-set accounts account {
      correction: (if excluded
        (+ (get correction acc) magnified)
        (- (get correction acc) magnified)
      ),
      excluded: excluded,
    })
    (var-set eligible-supply
      (if excluded
        (- (var-get eligible-supply) balance)
        (+ (var-get eligible-supply) balance)
      ))
    (print {
      topic: "revenue-exclusion-updated",
      account: account,
      excluded: excluded,
    })
    (ok true)
  )
)

;; --------------------------------- views ---------------------------------

(define-read-only (get-name)
  (ok (var-get token-name))
)

(define-read-only (get-symbol)
  (ok (var-get token-symbol))
)

(define-read-only (get-decimals)
  (ok u6)
)

(define-read-only (get-balance (who principal))
  (ok (ft-get-balance creator-coin who))
)

(define-read-only (get-total-supply)
  (ok (ft-get-supply creator-coin))
)

(define-read-only (get-token-uri)
  (ok none)
)

;; Everything fixed at launch (none before initialize).
(define-read-only (get-config)
  (var-get config)
)

;; The factory that initialized this coin (none before).
(define-read-only (get-factory)
  (get factory (var-get config))
)

(define-read-only (get-creator)
  (get creator (var-get config))
)

(define-read-only (get-creator-id)
  (get creator-id (var-get config))
)

(define-read-only (get-oracle)
  (get oracle (var-get config))
)

(define-read-only (get-base-token)
  (get base-token (var-get config))
)

(define-read-only (get-holder-share-bps)
  (default-to u0 (get holder-share-bps (var-get config)))
)

;; Initial supply plus every scheduled release (u0 before initialize).
(define-read-only (get-max-supply)
  (default-to u0 (get max-supply (var-get config)))
)

;; Supply scheduled for milestone `milestone-index` (u0 when none), released
;; or not.
(define-read-only (get-release-at (milestone-index uint))
  (match (var-get config)
    c (if (< milestone-index (get first-release-index c))
      u0
      (default-to u0
        (element-at? (get release-amounts c)
          (- milestone-index (get first-release-index c))
        ))
    )
    u0
  )
)

(define-read-only (is-released (milestone-index uint))
  (and
    (> (get-release-at milestone-index) u0)
    (match (var-get config)
      c (> (bit-and (var-get released-mask)
        (pow u2 (- milestone-index (get first-release-index c)))
      )
        u0
      )
      false
    )
  )
)

;; Base-token units `account` may claim now.
(define-read-only (get-claimable-revenue (account principal))
  (+ (- (earned-of account) (get-claimed-revenue account))
    (if (is-eq (some account) (get-creator))
      (var-get creator-revenue)
      u0
    ))
)

;; The creator's share credited and not claimed yet.
(define-read-only (get-creator-revenue)
  (var-get creator-revenue)
)

;; Holder revenue `account` claimed so far (the creator's share not included).
(define-read-only (get-claimed-revenue (account principal))
  (default-to u0 (map-get? claimed account))
)

(define-read-only (is-revenue-excluded (account principal))
  (get excluded (account-of account))
)

;; The supply earning revenue: total supply minus excluded balances.
(define-read-only (get-eligible-supply)
  (var-get eligible-supply)
)

;; Magnified accumulator state {per-share, remainder} (tests, indexers).
(define-read-only (get-revenue-state)
  {
    per-share: (var-get per-share),
    remainder: (var-get remainder),
  }
)

;; Premium access: whether `account` holds at least `min-balance` units.
(define-read-only (has-access
    (account principal)
    (min-balance uint)
  )
  (>= (ft-get-balance creator-coin account) min-balance)
)

;; -------------------------------- private --------------------------------

(define-private (account-of (account principal))
  (default-to {
    correction: 0,
    excluded: false,
  }
    (map-get? accounts account)
  )
)

;; Holder revenue `account` has earned since launch, claimed or not.
(define-private (earned-of (account principal))
  (let (
      (acc (account-of account))
      (balance (if (get excluded acc)
        u0
        (ft-get-balance creator-coin account)
      ))
    )
    (/ (to-uint (+ (to-int (* (var-get per-share) balance)) (get correction acc)))
      MAGNITUDE
    )
  )
)

;; Mint `amount` to `recipient` (amount > 0, within the max supply).
(define-private (mint
    (recipient principal)
    (amount uint)
  )
  (begin
    (unwrap-panic (ft-mint? creator-coin amount recipient))
    (move-revenue none (some recipient) amount)
    true
  )
)

;; Move `value` out of `from` and into `to` (none: mint) in the revenue
;; accounting: the balance change moves per-share * value into the
;; corrections, so no eligible account's earnings jump.
(define-private (move-revenue
    (from (optional principal))
    (to (optional principal))
    (value uint)
  )
  (let (
      (magnified (to-int (* (var-get per-share) value)))
      (out (match from
        account (let ((acc (account-of account)))
          (if (get excluded acc)
            u0
            (begin
              (map-set accounts account
                (merge acc { correction: (+ (get correction acc) magnified) })
              )
              value
            )
          )
        )
        u0
      ))
      (in (match to
        account (let ((acc (account-of account)))
          (if (get excluded acc)
            u0
            (begin
              (map-set accounts account
                (merge acc { correction: (- (get correction acc) magnified) })
              )
              value
            )
          )
        )
        u0
      ))
    )
    (var-set eligible-supply (- (+ (var-get eligible-supply) in) out))
    true
  )
)

;; fold step of initialize: the running total, saturated just above
;; MAX-SUPPLY (so an absurd amount cannot overflow the sum).
(define-private (add-capped
    (amount uint)
    (total uint)
  )
  (if (or (> amount MAX-SUPPLY) (> total MAX-SUPPLY))
    (+ MAX-SUPPLY u1)
    (+ total amount)
  )
)

;; This contract's balance of the base token.
(define-private (balance-of (base <base-token-trait>))
  (ok (unwrap! (contract-call? base get-balance current-contract) ERR-TRANSFER-FAILED))
)
