;; Worx creator coin factory (Stacks, Clarity 4): the twin of
;; contracts/dex/CreatorCoinFactory.sol (interface ICreatorCoinFactory.sol).
;;
;; LAUNCH. Once the metrics oracle reports a creator at the launch milestone,
;; the creator's wallet (the oracle's get-creator, = contract-caller) launches
;; its coin, once per creator id. Clarity contracts cannot deploy contracts,
;; so the creator first deploys its own copy of the coin template
;; (clarity/contracts/dex/creator-coin.clar, byte for byte, any name) and
;; passes it to `launch`, which:
;;   1. checks the copy's Clarity 4 `contract-hash?` against the template
;;      hash (governed `set-coin-code-hash`; by default the hash of this
;;      deployment's own `.creator-coin` copy), BEFORE calling it: only the
;;      audited template ever runs here;
;;   2. initializes it (the copy accepts this once, in a transaction its
;;      deployer signed; the factory becomes its `factory`): name, symbol,
;;      base token, oracle, holder share, supply schedule
;;      (release-amounts[i] at milestone launch-index + 1 + i, the oracle's
;;      launch index at launch time);
;;   3. registers its pool in `.creator-pool` against the base token with the
;;      governed default pool parameters and fee recipient (the multisig
;;      tunes each pool afterwards, creator-pool set-params);
;;   4. excludes `.creator-pool` (which holds every pool's coins) from the
;;      coin's revenue sharing, so liquidity does not dilute holders.
;; A coin copy not launched here is never listed (get-creator-id-of none):
;; pools exist only for launched coins.
;;
;; GOVERNANCE (admin = the multisig after deployment, contract-caller
;; checked; the multisig's `call` operation lands in `execute`): the base
;; token (only before the first launch: every pool and coin shares it), the
;; fee recipient of future pools, the default pool parameters, the template
;; hash, and revenue exclusions of other accounts holding a launched coin.
;; An exclusion needs the coin as a trait, which the multisig's `call`
;; cannot pass: governance RECORDS it (`set-revenue-excluded`), then anyone
;; applies it (`apply-revenue-exclusion` with the coin).
;;
;; PREMIUM ACCESS: `has-premium-access` accepts enough of a launched coin or
;; a held WorxBadges tier at or above a given one. Clarity read-only
;; functions cannot call a contract passed as an argument, so it is a public
;; function that writes nothing (for contracts gating a feature in a
;; transaction); off-chain, read the coin's `has-access` and this contract's
;; `has-badge-access` (read-only).
;;
;; Events (`print`): coin-launched, fee-recipient-updated,
;; default-pool-params-updated, Clarity-only: base-token-updated,
;; coin-code-hash-updated, revenue-exclusion-requested, admin-updated.

(use-trait creator-coin-trait .creator-coin-trait.creator-coin-trait)

;; ------------------------------- constants -------------------------------

(define-constant MAX-TIER u5)
(define-constant DEFAULT-HOLDER-SHARE-BPS u1000)

;; Actions `execute` runs for the multisig.
(define-constant ACTION-SET-FEE-RECIPIENT "set-fee-recipient")
(define-constant ACTION-SET-BASE-TOKEN "set-base-token")
(define-constant ACTION-SET-DEFAULT-POOL-PARAMS "set-default-pool-params")
(define-constant ACTION-SET-COIN-CODE-HASH "set-coin-code-hash")
(define-constant ACTION-SET-REVENUE-EXCLUDED "set-revenue-excluded")
(define-constant ACTION-SET-ADMIN "set-admin")

;; -------------------------------- errors --------------------------------
;; Range u5200-u5299 belongs to this contract: u5200-u5209 callers and
;; governance, u5210-u5229 launch. Errors of the coin (u5100-u5199), the pool
;; registration (u5300-u5399) and the oracle pass through unchanged.

;; An admin function by a contract-caller that is not the admin. Solidity:
;; AccessControlUnauthorizedAccount. Debug: (get-admin); a relaying contract
;; is checked as itself.
(define-constant ERR-NOT-AUTHORIZED (err u5200))
;; execute with a payload that is not one of its actions (Clarity-only).
(define-constant ERR-INVALID-ACTION (err u5201))
;; A fee recipient, base token or admin that is this contract or a principal
;; of another network; a base token that is not a contract. Solidity:
;; ZeroAddress. Debug: ST.. on testnet, SP.. on mainnet.
(define-constant ERR-INVALID-PRINCIPAL (err u5202))
;; set-default-pool-params out of the pool's ranges. Solidity: the pool's
;; InvalidParams. Debug: (contract-call? .creator-pool params-valid p).
(define-constant ERR-INVALID-PARAMS (err u5203))
;; set-base-token after a coin was launched (Clarity-only: the EVM base
;; token is immutable). Debug: (get-coin-count).
(define-constant ERR-BASE-TOKEN-LOCKED (err u5204))
;; apply-revenue-exclusion with no exclusion recorded by governance for this
;; (coin, account) (Clarity-only). Debug: (get-exclusion-request coin
;; account).
(define-constant ERR-NO-EXCLUSION-REQUEST (err u5205))

;; launch by a contract-caller that is not the creator's wallet. Solidity:
;; NotCreator. Debug: the oracle's (get-creator creator-id) (none when never
;; reported); a relaying contract is not the creator.
(define-constant ERR-NOT-CREATOR (err u5210))
;; launch before the creator reached the launch milestone. Solidity:
;; LaunchMilestoneNotReached. Debug: the oracle's
;; (get-launch-milestone-index) and (get-milestones-reached creator-id).
(define-constant ERR-LAUNCH-MILESTONE-NOT-REACHED (err u5211))
;; launch a second time for a creator id. Solidity: AlreadyLaunched. Debug:
;; (get-coin-of creator-id).
(define-constant ERR-ALREADY-LAUNCHED (err u5212))
;; A coin that was not launched here (set-revenue-excluded). Solidity:
;; UnknownCoin. Debug: (get-creator-id-of coin).
(define-constant ERR-UNKNOWN-COIN (err u5213))
;; launch with a contract whose code is not the coin template (Clarity-only:
;; Clarity cannot deploy contracts, so the creator deploys the template).
;; Debug: compare (get-code-hash-of coin) with (get-coin-code-hash): deploy
;; clarity/contracts/dex/creator-coin.clar byte for byte, as Clarity 4.
(define-constant ERR-WRONG-CODE-HASH (err u5214))
;; launch before governance set the base token (Clarity-only). Debug:
;; (get-base-token).
(define-constant ERR-BASE-TOKEN-NOT-SET (err u5215))

;; --------------------------------- state ---------------------------------

(define-data-var admin principal tx-sender)
;; Base token of every pool and of revenue sharing (the stablecoin).
(define-data-var base-token (optional principal) none)
;; Fee recipient given to new pools: the DAO fee splitter.
(define-data-var fee-recipient principal .fee-splitter)
;; The accepted coin code hash; none: this deployment's .creator-coin.
(define-data-var coin-code-hash (optional (buff 32)) none)
;; Pool parameters of every launch (local defaults of the spec).
(define-data-var default-pool-params
  {
    swap-fee-bps: uint,
    protocol-share-bps: uint,
    daily-volume-limit: uint,
    cooldown: uint,
    max-price-move-bps: uint,
    breaker-window: uint,
    cool-off: uint,
    max-price-impact-bps: uint,
  }
  {
    swap-fee-bps: u30,
    protocol-share-bps: u1667,
    daily-volume-limit: u10000000000, ;; 10,000 units of a 6-decimal stablecoin
    cooldown: u30,
    max-price-move-bps: u2500,
    breaker-window: u3600,
    cool-off: u3600,
    max-price-impact-bps: u1000,
  }
)

(define-map coins
  (buff 32) ;; creator id
  principal ;; coin
)
(define-map coin-creator-ids
  principal ;; coin
  (buff 32)
)
(define-map coin-list
  uint
  principal
)
(define-data-var coin-count uint u0)
;; Exclusions governance decided and nobody applied yet.
(define-map exclusion-requests
  {
    coin: principal,
    account: principal,
  }
  bool
)

;; -------------------------------- actions --------------------------------

;; Launch the caller's coin `coin` (its own copy of the template) and its
;; pool. Returns (ok coin). Checks, in the Solidity order: creator, launch
;; milestone, not launched; then base token set, code hash; the coin's own
;; checks (deployer, holder share, supply) pass through.
(define-public (launch
    (coin <creator-coin-trait>)
    (creator-id (buff 32))
    (name (string-ascii 32))
    (symbol (string-ascii 32))
    (initial-supply uint)
    (release-amounts (list 64 uint))
    (holder-share-bps uint)
  )
  (let (
      (caller contract-caller)
      (coin-principal (contract-of coin))
      (launch-index (contract-call? .metrics-oracle get-launch-milestone-index))
    )
    (asserts!
      (is-eq (contract-call? .metrics-oracle get-creator creator-id) (some caller))
      ERR-NOT-CREATOR
    )
    (asserts! (contract-call? .metrics-oracle has-reached-launch creator-id)
      ERR-LAUNCH-MILESTONE-NOT-REACHED
    )
    (asserts! (is-none (map-get? coins creator-id)) ERR-ALREADY-LAUNCHED)
    (let ((base (unwrap! (var-get base-token) ERR-BASE-TOKEN-NOT-SET)))
      (asserts!
        (is-eq (contract-hash? coin-principal) (ok (unwrap! (get-coin-code-hash) ERR-WRONG-CODE-HASH)))
        ERR-WRONG-CODE-HASH
      )
      (let (
          (max-supply (try! (contract-call? coin initialize creator-id caller name symbol base
            .metrics-oracle holder-share-bps initial-supply (+ launch-index u1)
            release-amounts
          )))
          (index (var-get coin-count))
        )
        (try! (contract-call? .creator-pool register-pool coin-principal base caller
          (var-get fee-recipient) (var-get default-pool-params)
        ))
        ;; liquidity must not dilute holders: the pool's coins earn nothing
        (try! (contract-call? coin set-revenue-excluded .creator-pool true))
        (map-set coins creator-id coin-principal)
        (map-set coin-creator-ids coin-principal creator-id)
        (map-set coin-list index coin-principal)
        (var-set coin-count (+ index u1))
        (print {
          topic: "coin-launched",
          creator-id: creator-id,
          creator: caller,
          coin: coin-principal,
          pool: .creator-pool,
          initial-supply: initial-supply,
          max-supply: max-supply,
          holder-share-bps: holder-share-bps,
        })
        (ok coin-principal)
      )
    )
  )
)

;; Apply the exclusion governance recorded for (coin, account). Anyone.
(define-public (apply-revenue-exclusion
    (coin <creator-coin-trait>)
    (account principal)
  )
  (let (
      (key {
        coin: (contract-of coin),
        account: account,
      })
      (excluded (unwrap! (map-get? exclusion-requests key) ERR-NO-EXCLUSION-REQUEST))
    )
    (map-delete exclusion-requests key)
    (contract-call? coin set-revenue-excluded account excluded)
  )
)

;; Premium access: whether `account` holds at least `min-balance` (u0: coin
;; path unused) of `coin` (a coin launched here), or a badge of tier
;; `badge-tier` (u1 Bronze .. u5 Verified; u0: badges not accepted) or
;; higher. Writes nothing (see header). Returns (ok bool).
(define-public (has-premium-access
    (coin <creator-coin-trait>)
    (account principal)
    (min-balance uint)
    (badge-tier uint)
  )
  (ok (or
    (and
      (> min-balance u0)
      (is-some (map-get? coin-creator-ids (contract-of coin)))
      ;; a launched coin runs the template's code (hash checked at launch)
      (>= (unwrap! (contract-call? coin get-balance account) ERR-UNKNOWN-COIN)
        min-balance
      )
    )
    (has-badge-access account badge-tier)
  ))
)

;; --------------------------------- admin ---------------------------------

;; Set the base token (the stablecoin), before the first launch. Admin.
(define-public (set-base-token (token principal))
  (begin
    (try! (check-admin))
    (apply-set-base-token token)
  )
)

;; Set the fee recipient of pools launched from now on. Admin.
(define-public (set-fee-recipient (recipient principal))
  (begin
    (try! (check-admin))
    (apply-set-fee-recipient recipient)
  )
)

;; Set the pool parameters of future launches (validated like the pool's).
;; Admin.
(define-public (set-default-pool-params (new-params {
  swap-fee-bps: uint,
  protocol-share-bps: uint,
  daily-volume-limit: uint,
  cooldown: uint,
  max-price-move-bps: uint,
  breaker-window: uint,
  cool-off: uint,
  max-price-impact-bps: uint,
}))
  (begin
    (try! (check-admin))
    (apply-set-default-pool-params new-params)
  )
)

;; Accept coins whose code hashes to `hash` from now on. Admin.
(define-public (set-coin-code-hash (hash (buff 32)))
  (begin
    (try! (check-admin))
    (apply-set-coin-code-hash hash)
  )
)

;; Record that `account` must be excluded from (true) or included in
;; (false) `coin`'s revenue sharing; anyone then applies it with
;; apply-revenue-exclusion. Admin.
(define-public (set-revenue-excluded
    (coin principal)
    (account principal)
    (excluded bool)
  )
  (begin
    (try! (check-admin))
    (apply-set-revenue-excluded coin account excluded)
  )
)

;; Hand the admin over (to the multisig at deployment). Admin.
(define-public (set-admin (new-admin principal))
  (begin
    (try! (check-admin))
    (apply-set-admin new-admin)
  )
)

;; multisig-action: the multisig's generic `call` operation lands here with
;; contract-caller = the multisig (the admin). `payload` is the consensus
;; serialization of {action: "set-default-pool-params", args: {params}},
;; {action: "set-revenue-excluded", args: {coin, account, excluded}},
;; {action: "set-coin-code-hash", args: {hash: (buff 32)}}, or
;; {action: "set-fee-recipient" | "set-base-token" | "set-admin",
;; args: {value: principal}}. `operation-id` is not used.
(define-public (execute
    (operation-id (buff 32))
    (payload (buff 2048))
  )
  (begin
    (try! (check-admin))
    (match (from-consensus-buff? {
      action: (string-ascii 32),
      args: { params: {
        swap-fee-bps: uint,
        protocol-share-bps: uint,
        daily-volume-limit: uint,
        cooldown: uint,
        max-price-move-bps: uint,
        breaker-window: uint,
        cool-off: uint,
        max-price-impact-bps: uint,
      } },
    }
      payload
    )
      call (begin
        (asserts! (is-eq (get action call) ACTION-SET-DEFAULT-POOL-PARAMS)
          ERR-INVALID-ACTION
        )
        (apply-set-default-pool-params (get params (get args call)))
      )
      (match (from-consensus-buff? {
        action: (string-ascii 32),
        args: {
          coin: principal,
          account: principal,
          excluded: bool,
        },
      }
        payload
      )
        call (let ((args (get args call)))
          (asserts! (is-eq (get action call) ACTION-SET-REVENUE-EXCLUDED)
            ERR-INVALID-ACTION
          )
          (apply-set-revenue-excluded (get coin args) (get account args)
            (get excluded args)
          )
        )
        (match (from-consensus-buff? {
          action: (string-ascii 32),
          args: { hash: (buff 32) },
        }
          payload
        )
          call (begin
            (asserts! (is-eq (get action call) ACTION-SET-COIN-CODE-HASH)
              ERR-INVALID-ACTION
            )
            (apply-set-coin-code-hash (get hash (get args call)))
          )
          (let (
              (call (unwrap!
                (from-consensus-buff? {
                  action: (string-ascii 32),
                  args: { value: principal },
                }
                  payload
                )
                ERR-INVALID-ACTION
              ))
              (action (get action call))
              (value (get value (get args call)))
            )
            (if (is-eq action ACTION-SET-FEE-RECIPIENT)
              (apply-set-fee-recipient value)
              (if (is-eq action ACTION-SET-BASE-TOKEN)
                (apply-set-base-token value)
                (begin
                  (asserts! (is-eq action ACTION-SET-ADMIN) ERR-INVALID-ACTION)
                  (apply-set-admin value)
                )
              )
            )
          )
        )
      )
    )
  )
)

;; --------------------------------- views ---------------------------------

;; Whether `account` holds a WorxBadges badge of tier `badge-tier` (u1..u5)
;; or higher (Verified ranks highest, as on EVM). u0 or above u5: false.
(define-read-only (has-badge-access
    (account principal)
    (badge-tier uint)
  )
  (and
    (> badge-tier u0)
    (<= badge-tier MAX-TIER)
    ;; bit 2^t of the held-tiers bitmap is tier t
    (> (/ (contract-call? .badges get-held-tiers account) (pow u2 badge-tier)) u0)
  )
)

;; The code hash launch accepts: the governed one, or this deployment's
;; .creator-coin's.
(define-read-only (get-coin-code-hash)
  (match (var-get coin-code-hash)
    hash (some hash)
    (match (contract-hash? .creator-coin)
      hash (some hash)
      missing none
    )
  )
)

;; Code hash of any deployed contract (to compare with get-coin-code-hash).
(define-read-only (get-code-hash-of (contract principal))
  (contract-hash? contract)
)

(define-read-only (get-base-token)
  (var-get base-token)
)

(define-read-only (get-fee-recipient)
  (var-get fee-recipient)
)

(define-read-only (get-default-pool-params)
  (var-get default-pool-params)
)

(define-read-only (get-default-holder-share-bps)
  DEFAULT-HOLDER-SHARE-BPS
)

;; The oracle, the pools contract and the badges this factory uses.
(define-read-only (get-contracts)
  {
    oracle: .metrics-oracle,
    pools: .creator-pool,
    badges: .badges,
  }
)

;; A creator's coin (none: not launched).
(define-read-only (get-coin-of (creator-id (buff 32)))
  (map-get? coins creator-id)
)

;; The creator id of a coin launched here (none: not launched here).
(define-read-only (get-creator-id-of (coin principal))
  (map-get? coin-creator-ids coin)
)

(define-read-only (get-coin-count)
  (var-get coin-count)
)

;; The coin launched `index`-th (0-based).
(define-read-only (get-coin-at (index uint))
  (map-get? coin-list index)
)

(define-read-only (get-exclusion-request
    (coin principal)
    (account principal)
  )
  (map-get? exclusion-requests {
    coin: coin,
    account: account,
  })
)

(define-read-only (get-admin)
  (var-get admin)
)

;; -------------------------------- private --------------------------------

(define-private (apply-set-base-token (token principal))
  (let ((previous (var-get base-token)))
    (asserts! (is-eq (var-get coin-count) u0) ERR-BASE-TOKEN-LOCKED)
    (asserts!
      (match (principal-destruct? token)
        parts (is-some (get name parts))
        wrong-network false
      )
      ERR-INVALID-PRINCIPAL
    )
    (var-set base-token (some token))
    (print {
      topic: "base-token-updated",
      previous: previous,
      token: token,
    })
    (ok true)
  )
)

(define-private (apply-set-fee-recipient (recipient principal))
  (let ((previous (var-get fee-recipient)))
    (asserts! (is-valid-principal recipient) ERR-INVALID-PRINCIPAL)
    (var-set fee-recipient recipient)
    (print {
      topic: "fee-recipient-updated",
      previous: previous,
      recipient: recipient,
    })
    (ok true)
  )
)

(define-private (apply-set-default-pool-params (new-params {
  swap-fee-bps: uint,
  protocol-share-bps: uint,
  daily-volume-limit: uint,
  cooldown: uint,
  max-price-move-bps: uint,
  breaker-window: uint,
  cool-off: uint,
  max-price-impact-bps: uint,
}))
  (begin
    (asserts! (contract-call? .creator-pool params-valid new-params)
      ERR-INVALID-PARAMS
    )
    (var-set default-pool-params new-params)
    (print {
      topic: "default-pool-params-updated",
      params: new-params,
    })
    (ok true)
  )
)

(define-private (apply-set-coin-code-hash (hash (buff 32)))
  (let ((previous (get-coin-code-hash)))
    (var-set coin-code-hash (some hash))
    (print {
      topic: "coin-code-hash-updated",
      previous: previous,
      hash: hash,
    })
    (ok true)
  )
)

(define-private (apply-set-revenue-excluded
    (coin principal)
    (account principal)
    (excluded bool)
  )
  (begin
    (asserts! (is-some (map-get? coin-creator-ids coin)) ERR-UNKNOWN-COIN)
    (map-set exclusion-requests {
      coin: coin,
      account: account,
    }
      excluded
    )
    (print {
      topic: "revenue-exclusion-requested",
      coin: coin,
      account: account,
      excluded: excluded,
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
