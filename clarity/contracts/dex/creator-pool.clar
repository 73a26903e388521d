;; Worx creator pools (Stacks, Clarity 4): the twin of contracts/dex/CreatorPool.sol
;; (interface ICreatorPool.sol) and contracts/libraries/PoolMath.sol.
;;
;; ONE contract holds every pool: a pool is keyed by its creator coin's
;; principal and trades the coin against the base token (a SIP-010
;; stablecoin). Pools are registered by the creator factory at launch (empty,
;; with the coin's creator). Every action takes the coin and the
;; base token as SIP-010 trait arguments, checked against the pool's.
;;
;; CONSTANT PRODUCT x * y = k, PoolMath's formulas and rounding exactly (fee
;; taken on the input, every rounding favours the pool, so k never decreases):
;;   out = in*(10000-fee)*rOut / (rIn*10000 + in*(10000-fee))          floor
;;   in  = rIn*out*10000 / ((rOut-out)*(10000-fee)) + 1                 floor + 1
;;   impact-bps = ceil(in*(10000-fee)*10000 / (rIn*10000 + in*(10000-fee)))
;;   protocol fee = floor(floor(in*fee/10000) * protocol-share-bps / 10000)
;; The protocol fee leaves the reserves (accrued for the fee recipient,
;; paid by `collect-protocol-fees`); the rest of the fee stays with LPs.
;; uint is 128 bits here (256 on EVM): reserves are bounded by MAX-RESERVE =
;; 10^17 units (10^11 whole tokens at 6 decimals) so every product fits;
;; within that bound results equal the EVM's for the same inputs.
;;
;; LIQUIDITY. LP shares are an internal map per pool (no LP token). The first
;; deposit mints sqrt(coin * base) - MINIMUM-LIQUIDITY and locks
;; MINIMUM-LIQUIDITY (1000) forever (counted in the supply, owned by no one):
;; with reserves kept as internal accounting (donations ignored) this defeats
;; the first-depositor share-inflation attack. Only the coin's creator (as
;; registered by the factory at launch, checked against contract-caller) may
;; make the first deposit (LP supply 0), at any ratio: it sets the opening
;; price, and anyone else seeding an absurd ratio with dust would make the
;; creator's deposit fail its minimums and the impact cap refuse every
;; repairing swap. Later deposits are taken at the pool ratio (V2 router's
;; quote), by anyone. Add/remove stay allowed while halted.
;;
;; PROTECTIONS, per pool, governed by the admin (the multisig); zero
;; disables each (same meaning as on EVM):
;; - daily-volume-limit: per trading address (contract-caller), total swap
;;   volume valued in base token (the base side of each swap) per UTC day
;;   (stacks-block-time / 86400); a swap reaching the limit exactly passes.
;; - cooldown: seconds between two swaps of one address (the next allowed
;;   at exactly last-trade-at + cooldown).
;; - max-price-impact-bps: cap on one trade's impact (formula above).
;; - circuit breaker (max-price-move-bps, breaker-window, cool-off): the first
;;   swap with no window open, or after the window ended, opens a window of
;;   breaker-window seconds with the spot price before it as reference. A swap
;;   whose resulting spot price (base per coin) differs from the reference by
;;   more than max-price-move-bps EXECUTES and TRIPS the breaker: swaps halt
;;   until now + cool-off (`circuit-breaker-tripped`) and the window closes
;;   (the first swap after the halt opens a new one). Every swap while halted
;;   fails with ERR-POOL-HALTED; auto-resume is time passing; the admin may
;;   `resume` early or `halt` (cool-off seconds, forever-until-resume when
;;   cool-off is 0). The move is compared on exact ratios
;;   (|p - ref| * 10000 > bound * ref by cross-multiplication); EVM compares
;;   UQ112x112 prices floored to 2^-112, the same except within that rounding.
;;   The reference is kept as its two reserves {ref-coin, ref-base}.
;; Per-address limits are sybil-prone (one person, many addresses): they slow
;; bots and fat fingers, they are not a hard cap.
;;
;; WHO IS ACTING: the trader / liquidity provider is contract-caller (tokens
;; are pulled from it, and SIP-010 tokens additionally require it to be
;; tx-sender or the calling contract); admin functions check contract-caller
;; against the admin. A token receipt different from the amount pulled
;; (fee-on-transfer) is refused by balance delta. Payments run inside
;; `as-contract?` with an allowance of exactly the amount paid.
;;
;; Events (`print`, Solidity names in kebab-case, with the pool's `coin`):
;; pool-registered (Clarity-only), liquidity-added, liquidity-removed,
;; swapped (+ reserves after), protocol-fees-collected, params-updated,
;; fee-recipient-updated, halted, resumed, breaker-window-opened,
;; circuit-breaker-tripped, admin-updated (Clarity-only).

(use-trait sip-010-trait .sip-010-trait.sip-010-trait)

;; ------------------------------- constants -------------------------------

(define-constant BPS u10000)
;; LP shares locked at the first deposit.
(define-constant MINIMUM-LIQUIDITY u1000)
;; Highest swap fee governance may set (10%).
(define-constant MAX-SWAP-FEE-BPS u1000)
;; Bound of each reserve (and of any single amount in).
(define-constant MAX-RESERVE u100000000000000000)
(define-constant SECONDS-PER-DAY u86400)
(define-constant MAX-UINT16 u65535)
(define-constant MAX-UINT32 u4294967295)
;; type(uint40).max: an admin halt with cool-off 0 lasts until resume.
(define-constant MAX-UINT40 u1099511627775)

;; Actions `execute` runs for the multisig.
(define-constant ACTION-SET-PARAMS "set-params")
(define-constant ACTION-SET-FEE-RECIPIENT "set-fee-recipient")
(define-constant ACTION-HALT "halt")
(define-constant ACTION-RESUME "resume")
(define-constant ACTION-SET-ADMIN "set-admin")

;; -------------------------------- errors --------------------------------
;; Range u5300-u5399 belongs to this contract: u5300-u5309 callers, pools and
;; governance, u5310-u5329 liquidity and swaps, u5330-u5339 protections.
;; A token's own error codes pass through where noted.

;; An admin function (set-params, set-fee-recipient, halt, resume, set-admin,
;; execute) by a contract-caller that is not the admin. Solidity:
;; AccessControlUnauthorizedAccount. Debug: (get-admin); a relaying contract
;; is checked as itself.
(define-constant ERR-NOT-AUTHORIZED (err u5300))
;; register-pool by anyone but the creator factory (Clarity-only: EVM pools
;; are deployed by the factory).
(define-constant ERR-NOT-FACTORY (err u5301))
;; execute with a payload that is not one of its actions (Clarity-only).
;; Debug: serializeCV of {action, args}, see execute.
(define-constant ERR-INVALID-ACTION (err u5302))
;; register-pool for a coin that already has a pool (Clarity-only).
(define-constant ERR-POOL-EXISTS (err u5303))
;; No pool for this coin (Clarity-only: EVM pools are separate contracts).
;; Debug: (get-pool coin); launch the coin through the factory first.
(define-constant ERR-UNKNOWN-POOL (err u5304))
;; Parameters out of range: swap fee above 1000 bps, protocol share or impact
;; cap above 10000 bps, a breaker bound above 65535 bps, cooldown / window /
;; cool-off above 2^32 - 1, or the breaker on with a zero window or cool-off.
;; Solidity: InvalidParams. Debug: (get-params coin) and these limits.
(define-constant ERR-INVALID-PARAMS (err u5305))
;; A fee recipient or admin that is this contract or a principal of another
;; network. Solidity: ZeroAddress.
(define-constant ERR-INVALID-PRINCIPAL (err u5306))
;; register-pool with the coin equal to the base token. Solidity:
;; IdenticalTokens.
(define-constant ERR-IDENTICAL-TOKENS (err u5307))
;; The first deposit of a pool (LP supply 0) by a contract-caller that is not
;; the coin's creator: the first deposit sets the opening price, and only the
;; creator chooses it (else a holder could grief the pool with an absurd
;; ratio). Solidity: FirstDepositNotCreator(caller, creator). Debug:
;; (get-lp-supply coin) is u0 and (get-pool-creator coin) is not the caller;
;; the creator seeds the pool first, at the price they choose; anyone else
;; waits for that deposit, then adds at the pool's ratio.
(define-constant ERR-FIRST-DEPOSIT-NOT-CREATOR (err u5308))

;; The deadline (Unix seconds) passed: stacks-block-time > deadline.
;; Solidity: Expired. Debug: the transaction waited too long; resubmit with
;; a later deadline (seconds, not milliseconds).
(define-constant ERR-EXPIRED (err u5310))
;; An amount (input, output, LP, desired deposit) is zero. Solidity:
;; ZeroAmount.
(define-constant ERR-ZERO-AMOUNT (err u5311))
;; token-in is neither the pool's coin nor its base token, or the base trait
;; passed is not the pool's base token. Solidity: InvalidToken. Debug:
;; (get-pool coin) base.
(define-constant ERR-INVALID-TOKEN (err u5312))
;; The swap would pay less than min-out, or nothing (price moved, e.g. a
;; sandwich). Solidity: InsufficientOutput. Debug: re-quote with
;; (get-amount-out coin token-in amount-in).
(define-constant ERR-INSUFFICIENT-OUTPUT (err u5313))
;; The exact-out swap would cost more than max-in. Solidity: ExcessiveInput.
;; Debug: re-quote with (get-amount-in coin token-in amount-out).
(define-constant ERR-EXCESSIVE-INPUT (err u5314))
;; The pool has no liquidity, an exact-out swap asks for the whole reserve or
;; more, or remove-liquidity on an empty pool. Solidity:
;; InsufficientLiquidity. Debug: (get-reserves coin).
(define-constant ERR-INSUFFICIENT-LIQUIDITY (err u5315))
;; The deposit would mint no LP shares (first deposit: sqrt(coin * base) must
;; exceed 1000). Solidity: InsufficientLiquidityMinted. Debug: deposit more.
(define-constant ERR-INSUFFICIENT-LIQUIDITY-MINTED (err u5316))
;; Burning these shares would pay zero of a token. Solidity:
;; InsufficientLiquidityBurned. Debug: remove more.
(define-constant ERR-INSUFFICIENT-LIQUIDITY-BURNED (err u5317))
;; The coin amount deposited or paid out is below min-coin. Solidity:
;; InsufficientCoinAmount. Debug: the ratio moved; re-quote from get-reserves.
(define-constant ERR-INSUFFICIENT-COIN-AMOUNT (err u5318))
;; The base amount deposited or paid out is below min-base. Solidity:
;; InsufficientBaseAmount. Debug: as above.
(define-constant ERR-INSUFFICIENT-BASE-AMOUNT (err u5319))
;; The pool's balance grew by another amount than pulled (fee-on-transfer or
;; rebasing token). Solidity: TransferAmountMismatch. Debug: such tokens are
;; not supported.
(define-constant ERR-TRANSFER-AMOUNT-MISMATCH (err u5320))
;; A reserve (or one input amount) would exceed MAX-RESERVE (10^17).
;; Solidity: ReserveOverflow (2^112 on EVM). Debug: amounts absurdly large.
(define-constant ERR-RESERVE-OVERFLOW (err u5321))
;; remove-liquidity of more shares than the caller holds. Solidity:
;; ERC20InsufficientBalance (LP token). Debug: (get-lp-balance coin owner).
(define-constant ERR-INSUFFICIENT-LP-BALANCE (err u5322))
;; A token transfer or balance read failed (insufficient balance, token
;; refused, sender not tx-sender). Solidity: SafeERC20 errors. Debug: the
;; simnet call trace shows the token's own error.
(define-constant ERR-TRANSFER-FAILED (err u5323))
;; While paying out, an asset beyond the allowance left this contract
;; (Clarity-only, as-contract?). Debug: a malicious token.
(define-constant ERR-ASSET-ALLOWANCE-EXCEEDED (err u5324))

;; A swap while the pool is halted (circuit breaker tripped or admin halt):
;; stacks-block-time < halted-until. Solidity: PoolHalted(until). Debug:
;; (get-halted-until coin); wait until then or ask the multisig to resume.
(define-constant ERR-POOL-HALTED (err u5330))
;; The trader's volume today (base-token value) plus this swap exceeds the
;; daily limit. Solidity: DailyLimitExceeded(account, used, limit). Debug:
;; (get-protection-of coin account) and (get-params coin); resets at 00:00
;; UTC (stacks-block-time / 86400 changes).
(define-constant ERR-DAILY-LIMIT-EXCEEDED (err u5331))
;; The trader swapped less than cooldown seconds ago. Solidity:
;; CooldownActive(account, readyAt). Debug: ready at (get-protection-of coin
;; account) last-trade-at + cooldown.
(define-constant ERR-COOLDOWN-ACTIVE (err u5332))
;; The trade's price impact exceeds max-price-impact-bps. Solidity:
;; PriceImpactTooHigh. Debug: (get-price-impact-bps coin token-in amount-in);
;; split the trade.
(define-constant ERR-PRICE-IMPACT-TOO-HIGH (err u5333))

;; --------------------------------- state ---------------------------------

(define-data-var admin principal tx-sender)

;; Pool parameters (Solidity struct PoolParams).
(define-map params
  principal ;; coin
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
)

;; Pool state.
(define-map pools
  principal ;; coin
  {
    base: principal,
    fee-recipient: principal,
    reserve-coin: uint,
    reserve-base: uint,
    timestamp: uint, ;; stacks-block-time of the last reserve change
    lp-supply: uint, ;; MINIMUM-LIQUIDITY included
    fees-coin: uint, ;; protocol fees accrued
    fees-base: uint,
    window-start: uint, ;; circuit-breaker window; u0 = none open
    ref-coin: uint, ;; reference price = ref-base / ref-coin
    ref-base: uint,
    halted-until: uint, ;; u0 or past: not halted
  }
)

;; LP shares.
(define-map lp-balances
  {
    coin: principal,
    owner: principal,
  }
  uint
)

;; Each pool's coin creator (the wallet that launched the coin through the
;; factory): the only principal allowed to make the first deposit. Kept out of
;; `pools` so swaps and later deposits do not pay to read it.
(define-map pool-creators
  principal ;; coin
  principal ;; creator
)

;; A trader's protection state per pool.
(define-map traders
  {
    coin: principal,
    account: principal,
  }
  {
    last-trade-at: uint,
    day: uint,
    volume: uint,
  }
)

;; ------------------------------ registration ------------------------------

;; Register an empty pool for `coin` against `base`; `creator` (the launching
;; wallet, the factory's contract-caller) alone may make its first deposit.
;; Only the creator factory (at launch).
(define-public (register-pool
    (coin principal)
    (base principal)
    (creator principal)
    (fee-recipient principal)
    (new-params {
      swap-fee-bps: uint,
      protocol-share-bps: uint,
      daily-volume-limit: uint,
      cooldown: uint,
      max-price-move-bps: uint,
      breaker-window: uint,
      cool-off: uint,
      max-price-impact-bps: uint,
    })
  )
  (begin
    (asserts! (is-eq contract-caller .creator-factory) ERR-NOT-FACTORY)
    (asserts! (not (is-eq coin base)) ERR-IDENTICAL-TOKENS)
    (asserts! (is-none (map-get? pools coin)) ERR-POOL-EXISTS)
    (asserts! (is-valid-principal fee-recipient) ERR-INVALID-PRINCIPAL)
    (asserts! (params-valid new-params) ERR-INVALID-PARAMS)
    (map-set pools coin {
      base: base,
      fee-recipient: fee-recipient,
      reserve-coin: u0,
      reserve-base: u0,
      timestamp: stacks-block-time,
      lp-supply: u0,
      fees-coin: u0,
      fees-base: u0,
      window-start: u0,
      ref-coin: u0,
      ref-base: u0,
      halted-until: u0,
    })
    (map-set params coin new-params)
    (map-set pool-creators coin creator)
    (print {
      topic: "pool-registered",
      coin: coin,
      base: base,
      creator: creator,
    })
    (print {
      topic: "fee-recipient-updated",
      coin: coin,
      previous-recipient: none,
      new-recipient: fee-recipient,
    })
    (print {
      topic: "params-updated",
      coin: coin,
      params: new-params,
    })
    (ok true)
  )
)

;; -------------------------------- liquidity --------------------------------

;; Add liquidity to `coin`'s pool at its ratio, pulling the tokens from
;; contract-caller; LP shares go to `recipient`. The first deposit (LP supply
;; 0) only by the coin's creator, at any ratio (it sets the opening price).
;; Returns (ok {amount-coin, amount-base, liquidity}).
(define-public (add-liquidity
    (coin <sip-010-trait>)
    (base <sip-010-trait>)
    (amount-coin-desired uint)
    (amount-base-desired uint)
    (min-coin uint)
    (min-base uint)
    (recipient principal)
    (deadline uint)
  )
  (let (
      (key (contract-of coin))
      (pool (try! (pool-of key base)))
      (provider contract-caller)
      (r-coin (get reserve-coin pool))
      (r-base (get reserve-base pool))
      (supply (get lp-supply pool))
    )
    (asserts! (<= stacks-block-time deadline) ERR-EXPIRED)
    (asserts! (and (> amount-coin-desired u0) (> amount-base-desired u0))
      ERR-ZERO-AMOUNT
    )
    ;; the first deposit sets the price: the creator's alone (read only here)
    (asserts!
      (or
        (> supply u0)
        (is-eq (map-get? pool-creators key) (some provider))
      )
      ERR-FIRST-DEPOSIT-NOT-CREATOR
    )
    ;; keeps the products below in range (EVM: ReserveOverflow below)
    (asserts!
      (and (<= amount-coin-desired MAX-RESERVE) (<= amount-base-desired MAX-RESERVE))
      ERR-RESERVE-OVERFLOW
    )
    (let (
        (amounts (if (is-eq supply u0)
          {
            coin: amount-coin-desired,
            base: amount-base-desired,
          }
          (let ((base-optimal (/ (* amount-coin-desired r-base) r-coin)))
            (if (<= base-optimal amount-base-desired)
              {
                coin: amount-coin-desired,
                base: base-optimal,
              }
              {
                coin: (/ (* amount-base-desired r-coin) r-base),
                base: amount-base-desired,
              }
            )
          )
        ))
        (amount-coin (get coin amounts))
        (amount-base (get base amounts))
        (new-coin (+ r-coin amount-coin))
        (new-base (+ r-base amount-base))
      )
      (asserts! (>= amount-coin min-coin) ERR-INSUFFICIENT-COIN-AMOUNT)
      (asserts! (>= amount-base min-base) ERR-INSUFFICIENT-BASE-AMOUNT)
      (asserts! (and (<= new-coin MAX-RESERVE) (<= new-base MAX-RESERVE))
        ERR-RESERVE-OVERFLOW
      )
      (let (
          (root (sqrti (* amount-coin amount-base)))
          (liquidity (if (is-eq supply u0)
            (if (> root MINIMUM-LIQUIDITY)
              (- root MINIMUM-LIQUIDITY)
              u0
            )
            (min-of (/ (* amount-coin supply) r-coin)
              (/ (* amount-base supply) r-base)
            )
          ))
          (lp-key {
            coin: key,
            owner: recipient,
          })
        )
        (asserts! (> liquidity u0) ERR-INSUFFICIENT-LIQUIDITY-MINTED)
        (map-set pools key
          (merge pool {
            reserve-coin: new-coin,
            reserve-base: new-base,
            timestamp: stacks-block-time,
            lp-supply: (+ supply liquidity
              (if (is-eq supply u0)
                MINIMUM-LIQUIDITY
                u0
              )),
          })
        )
        (map-set lp-balances lp-key (+ (get-lp-balance key recipient) liquidity))
        (try! (pull coin amount-coin provider))
        (try! (pull base amount-base provider))
        (print {
          topic: "liquidity-added",
          coin: key,
          provider: provider,
          to: recipient,
          amount-coin: amount-coin,
          amount-base: amount-base,
          liquidity: liquidity,
        })
        (ok {
          amount-coin: amount-coin,
          amount-base: amount-base,
          liquidity: liquidity,
        })
      )
    )
  )
)

;; Burn `liquidity` of contract-caller's shares of `coin`'s pool for its
;; share of both reserves (rounded down), paid to `recipient`. Returns
;; (ok {amount-coin, amount-base}).
(define-public (remove-liquidity
    (coin <sip-010-trait>)
    (base <sip-010-trait>)
    (liquidity uint)
    (min-coin uint)
    (min-base uint)
    (recipient principal)
    (deadline uint)
  )
  (let (
      (key (contract-of coin))
      (pool (try! (pool-of key base)))
      (provider contract-caller)
      (supply (get lp-supply pool))
      (held (get-lp-balance key provider))
    )
    (asserts! (<= stacks-block-time deadline) ERR-EXPIRED)
    (asserts! (> liquidity u0) ERR-ZERO-AMOUNT)
    (asserts! (> supply u0) ERR-INSUFFICIENT-LIQUIDITY)
    ;; before the products (EVM burns after the checks below)
    (asserts! (<= liquidity held) ERR-INSUFFICIENT-LP-BALANCE)
    (let (
        (amount-coin (/ (* liquidity (get reserve-coin pool)) supply))
        (amount-base (/ (* liquidity (get reserve-base pool)) supply))
      )
      (asserts! (and (> amount-coin u0) (> amount-base u0))
        ERR-INSUFFICIENT-LIQUIDITY-BURNED
      )
      (asserts! (>= amount-coin min-coin) ERR-INSUFFICIENT-COIN-AMOUNT)
      (asserts! (>= amount-base min-base) ERR-INSUFFICIENT-BASE-AMOUNT)
      (map-set lp-balances {
        coin: key,
        owner: provider,
      }
        (- held liquidity)
      )
      ;; the locked MINIMUM-LIQUIDITY is never burnt: both reserves stay > 0
      (map-set pools key
        (merge pool {
          reserve-coin: (- (get reserve-coin pool) amount-coin),
          reserve-base: (- (get reserve-base pool) amount-base),
          timestamp: stacks-block-time,
          lp-supply: (- supply liquidity),
        })
      )
      (try! (send coin amount-coin recipient))
      (try! (send base amount-base recipient))
      (print {
        topic: "liquidity-removed",
        coin: key,
        provider: provider,
        to: recipient,
        amount-coin: amount-coin,
        amount-base: amount-base,
        liquidity: liquidity,
      })
      (ok {
        amount-coin: amount-coin,
        amount-base: amount-base,
      })
    )
  )
)

;; ---------------------------------- swaps ----------------------------------

;; Swap exactly `amount-in` of `token-in` (the pool's coin or base token,
;; pulled from contract-caller) for at least `min-out` of the other token,
;; paid to `recipient`. Returns (ok amount-out).
(define-public (swap-exact-in
    (coin <sip-010-trait>)
    (base <sip-010-trait>)
    (token-in principal)
    (amount-in uint)
    (min-out uint)
    (recipient principal)
    (deadline uint)
  )
  (let (
      (key (contract-of coin))
      (pool (try! (pool-of key base)))
      (p (unwrap-panic (map-get? params key)))
    )
    (asserts! (<= stacks-block-time deadline) ERR-EXPIRED)
    (let (
        (coin-in (try! (is-coin-in key pool token-in)))
        (amount-out (try! (amount-out-for amount-in
          (if coin-in
            (get reserve-coin pool)
            (get reserve-base pool)
          )
          (if coin-in
            (get reserve-base pool)
            (get reserve-coin pool)
          )
          (get swap-fee-bps p)
        )))
      )
      (asserts! (and (> amount-out u0) (>= amount-out min-out))
        ERR-INSUFFICIENT-OUTPUT
      )
      (try! (swap coin base key pool p coin-in amount-in amount-out recipient))
      (ok amount-out)
    )
  )
)

;; Swap at most `max-in` of `token-in` (pulled from contract-caller) for
;; exactly `amount-out` of the other token, paid to `recipient`. Returns
;; (ok amount-in).
(define-public (swap-exact-out
    (coin <sip-010-trait>)
    (base <sip-010-trait>)
    (token-in principal)
    (amount-out uint)
    (max-in uint)
    (recipient principal)
    (deadline uint)
  )
  (let (
      (key (contract-of coin))
      (pool (try! (pool-of key base)))
      (p (unwrap-panic (map-get? params key)))
    )
    (asserts! (<= stacks-block-time deadline) ERR-EXPIRED)
    (let (
        (coin-in (try! (is-coin-in key pool token-in)))
        (amount-in (try! (amount-in-for amount-out
          (if coin-in
            (get reserve-coin pool)
            (get reserve-base pool)
          )
          (if coin-in
            (get reserve-base pool)
            (get reserve-coin pool)
          )
          (get swap-fee-bps p)
        )))
      )
      (asserts! (<= amount-in max-in) ERR-EXCESSIVE-INPUT)
      (try! (swap coin base key pool p coin-in amount-in amount-out recipient))
      (ok amount-in)
    )
  )
)

;; Pay `coin`'s pool's accrued protocol fees to its fee recipient (the DAO
;; fee splitter, for which they are income to split). Anyone. Returns
;; (ok {amount-coin, amount-base}).
(define-public (collect-protocol-fees
    (coin <sip-010-trait>)
    (base <sip-010-trait>)
  )
  (let (
      (key (contract-of coin))
      (pool (try! (pool-of key base)))
      (amount-coin (get fees-coin pool))
      (amount-base (get fees-base pool))
      (recipient (get fee-recipient pool))
    )
    (map-set pools key
      (merge pool {
        fees-coin: u0,
        fees-base: u0,
      })
    )
    (and (> amount-coin u0) (try! (send coin amount-coin recipient)))
    (and (> amount-base u0) (try! (send base amount-base recipient)))
    (print {
      topic: "protocol-fees-collected",
      coin: key,
      recipient: recipient,
      amount-coin: amount-coin,
      amount-base: amount-base,
    })
    (ok {
      amount-coin: amount-coin,
      amount-base: amount-base,
    })
  )
)

;; ------------------------------- governance -------------------------------

;; Replace `coin`'s pool parameters. Admin.
(define-public (set-params
    (coin principal)
    (new-params {
      swap-fee-bps: uint,
      protocol-share-bps: uint,
      daily-volume-limit: uint,
      cooldown: uint,
      max-price-move-bps: uint,
      breaker-window: uint,
      cool-off: uint,
      max-price-impact-bps: uint,
    })
  )
  (begin
    (try! (check-admin))
    (apply-set-params coin new-params)
  )
)

;; Change `coin`'s pool's fee recipient. Admin.
(define-public (set-fee-recipient
    (coin principal)
    (recipient principal)
  )
  (begin
    (try! (check-admin))
    (apply-set-fee-recipient coin recipient)
  )
)

;; Halt swaps of `coin`'s pool for cool-off seconds (until resume when
;; cool-off is 0). Admin. Returns (ok until).
(define-public (halt (coin principal))
  (begin
    (try! (check-admin))
    (apply-halt coin)
  )
)

;; End a halt (admin or circuit breaker) now. Admin.
(define-public (resume (coin principal))
  (begin
    (try! (check-admin))
    (apply-resume coin)
  )
)

;; Hand the admin over (to the multisig at deployment). Admin.
(define-public (set-admin (new-admin principal))
  (begin
    (try! (check-admin))
    (asserts! (is-valid-principal new-admin) ERR-INVALID-PRINCIPAL)
    (print {
      topic: "admin-updated",
      previous: (var-get admin),
      admin: new-admin,
    })
    (ok (var-set admin new-admin))
  )
)

;; multisig-action: the multisig's generic `call` operation lands here with
;; contract-caller = the multisig (the admin). `payload` is the consensus
;; serialization of {action: "set-params", args: {coin, params}},
;; {action: "set-fee-recipient", args: {coin, recipient}},
;; {action: "halt" | "resume", args: {coin}} or
;; {action: "set-admin", args: {admin}}. `operation-id` is not used.
(define-public (execute
    (operation-id (buff 32))
    (payload (buff 2048))
  )
  (begin
    (try! (check-admin))
    (match (from-consensus-buff? {
      action: (string-ascii 32),
      args: {
        coin: principal,
        params: {
          swap-fee-bps: uint,
          protocol-share-bps: uint,
          daily-volume-limit: uint,
          cooldown: uint,
          max-price-move-bps: uint,
          breaker-window: uint,
          cool-off: uint,
          max-price-impact-bps: uint,
        },
      },
    }
      payload
    )
      call (begin
        (asserts! (is-eq (get action call) ACTION-SET-PARAMS) ERR-INVALID-ACTION)
        (apply-set-params (get coin (get args call)) (get params (get args call)))
      )
      (match (from-consensus-buff? {
        action: (string-ascii 32),
        args: {
          coin: principal,
          recipient: principal,
        },
      }
        payload
      )
        call (begin
          (asserts! (is-eq (get action call) ACTION-SET-FEE-RECIPIENT)
            ERR-INVALID-ACTION
          )
          (apply-set-fee-recipient (get coin (get args call))
            (get recipient (get args call))
          )
        )
        (match (from-consensus-buff? {
          action: (string-ascii 32),
          args: { coin: principal },
        }
          payload
        )
          call (let ((action (get action call)))
            (if (is-eq action ACTION-HALT)
              (begin
                (try! (apply-halt (get coin (get args call))))
                (ok true)
              )
              (begin
                (asserts! (is-eq action ACTION-RESUME) ERR-INVALID-ACTION)
                (apply-resume (get coin (get args call)))
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
            (asserts! (is-valid-principal (get admin (get args call)))
              ERR-INVALID-PRINCIPAL
            )
            (print {
              topic: "admin-updated",
              previous: (var-get admin),
              admin: (get admin (get args call)),
            })
            (ok (var-set admin (get admin (get args call))))
          )
        )
      )
    )
  )
)

;; ---------------------------------- views ----------------------------------

;; `coin`'s pool state (none: no pool).
(define-read-only (get-pool (coin principal))
  (map-get? pools coin)
)

;; `coin`'s creator, the only principal allowed to make the pool's first
;; deposit (none: no pool).
(define-read-only (get-pool-creator (coin principal))
  (map-get? pool-creators coin)
)

(define-read-only (get-params (coin principal))
  (map-get? params coin)
)

;; Reserves and the time of their last change.
(define-read-only (get-reserves (coin principal))
  (match (map-get? pools coin)
    pool (some {
      reserve-coin: (get reserve-coin pool),
      reserve-base: (get reserve-base pool),
      timestamp: (get timestamp pool),
    })
    none
  )
)

;; Protocol fees accrued and not collected.
(define-read-only (get-protocol-fees-accrued (coin principal))
  (match (map-get? pools coin)
    pool (some {
      amount-coin: (get fees-coin pool),
      amount-base: (get fees-base pool),
    })
    none
  )
)

;; A trader's protection state (zeros: never traded).
(define-read-only (get-protection-of
    (coin principal)
    (account principal)
  )
  (default-to {
    last-trade-at: u0,
    day: u0,
    volume: u0,
  }
    (map-get? traders {
      coin: coin,
      account: account,
    })
  )
)

;; The circuit breaker's window (window-start u0: none open) and reference.
(define-read-only (get-breaker-state (coin principal))
  (match (map-get? pools coin)
    pool (some {
      window-start: (get window-start pool),
      ref-coin: (get ref-coin pool),
      ref-base: (get ref-base pool),
    })
    none
  )
)

;; Unix seconds until which swaps are halted (u0 or past: not halted).
(define-read-only (get-halted-until (coin principal))
  (default-to u0 (get halted-until (map-get? pools coin)))
)

(define-read-only (get-lp-balance
    (coin principal)
    (owner principal)
  )
  (default-to u0
    (map-get? lp-balances {
      coin: coin,
      owner: owner,
    })
  )
)

(define-read-only (get-lp-supply (coin principal))
  (default-to u0 (get lp-supply (map-get? pools coin)))
)

;; Output of an exact-in swap at the current reserves and fee (protections
;; not checked).
(define-read-only (get-amount-out
    (coin principal)
    (token-in principal)
    (amount-in uint)
  )
  (let (
      (pool (unwrap! (map-get? pools coin) ERR-UNKNOWN-POOL))
      (coin-in (try! (is-coin-in coin pool token-in)))
    )
    (amount-out-for amount-in
      (if coin-in
        (get reserve-coin pool)
        (get reserve-base pool)
      )
      (if coin-in
        (get reserve-base pool)
        (get reserve-coin pool)
      )
      (get swap-fee-bps (unwrap-panic (map-get? params coin)))
    )
  )
)

;; Input (fee included) of an exact-out swap at the current reserves and fee
;; (protections not checked).
(define-read-only (get-amount-in
    (coin principal)
    (token-in principal)
    (amount-out uint)
  )
  (let (
      (pool (unwrap! (map-get? pools coin) ERR-UNKNOWN-POOL))
      (coin-in (try! (is-coin-in coin pool token-in)))
    )
    (amount-in-for amount-out
      (if coin-in
        (get reserve-coin pool)
        (get reserve-base pool)
      )
      (if coin-in
        (get reserve-base pool)
        (get reserve-coin pool)
      )
      (get swap-fee-bps (unwrap-panic (map-get? params coin)))
    )
  )
)

;; Price impact (bps, rounded up) of an exact-in swap now.
(define-read-only (get-price-impact-bps
    (coin principal)
    (token-in principal)
    (amount-in uint)
  )
  (let (
      (pool (unwrap! (map-get? pools coin) ERR-UNKNOWN-POOL))
      (coin-in (try! (is-coin-in coin pool token-in)))
    )
    (asserts! (<= amount-in MAX-RESERVE) ERR-RESERVE-OVERFLOW)
    (ok (impact-bps amount-in
      (if coin-in
        (get reserve-coin pool)
        (get reserve-base pool)
      )
      (get swap-fee-bps (unwrap-panic (map-get? params coin)))
    ))
  )
)

;; Whether pool parameters are in range (shared with the factory's defaults).
(define-read-only (params-valid (p {
  swap-fee-bps: uint,
  protocol-share-bps: uint,
  daily-volume-limit: uint,
  cooldown: uint,
  max-price-move-bps: uint,
  breaker-window: uint,
  cool-off: uint,
  max-price-impact-bps: uint,
}))
  (and
    (<= (get swap-fee-bps p) MAX-SWAP-FEE-BPS)
    (<= (get protocol-share-bps p) BPS)
    (<= (get max-price-impact-bps p) BPS)
    (<= (get max-price-move-bps p) MAX-UINT16)
    (<= (get cooldown p) MAX-UINT32)
    (<= (get breaker-window p) MAX-UINT32)
    (<= (get cool-off p) MAX-UINT32)
    (or
      (is-eq (get max-price-move-bps p) u0)
      (and (> (get breaker-window p) u0) (> (get cool-off p) u0))
    )
  )
)

(define-read-only (get-admin)
  (var-get admin)
)

;; --------------------------------- private ---------------------------------

;; PoolMath.getAmountOut (plus the MAX-RESERVE bound on the input).
(define-private (amount-out-for
    (amount-in uint)
    (reserve-in uint)
    (reserve-out uint)
    (fee-bps uint)
  )
  (let ((with-fee (* (if (<= amount-in MAX-RESERVE) amount-in u0) (- BPS fee-bps))))
    (asserts! (> amount-in u0) ERR-ZERO-AMOUNT)
    (asserts! (and (> reserve-in u0) (> reserve-out u0))
      ERR-INSUFFICIENT-LIQUIDITY
    )
    (asserts! (<= amount-in MAX-RESERVE) ERR-RESERVE-OVERFLOW)
    (ok (/ (* with-fee reserve-out) (+ (* reserve-in BPS) with-fee)))
  )
)

;; PoolMath.getAmountIn.
(define-private (amount-in-for
    (amount-out uint)
    (reserve-in uint)
    (reserve-out uint)
    (fee-bps uint)
  )
  (begin
    (asserts! (> amount-out u0) ERR-ZERO-AMOUNT)
    (asserts! (and (> reserve-in u0) (< amount-out reserve-out))
      ERR-INSUFFICIENT-LIQUIDITY
    )
    (ok (+
      (/ (* reserve-in amount-out BPS) (* (- reserve-out amount-out) (- BPS fee-bps)))
      u1
    ))
  )
)

;; PoolMath.priceImpactBps (amount-in <= MAX-RESERVE).
(define-private (impact-bps
    (amount-in uint)
    (reserve-in uint)
    (fee-bps uint)
  )
  (let (
      (with-fee (* amount-in (- BPS fee-bps)))
      (denominator (+ (* reserve-in BPS) with-fee))
    )
    (/ (- (+ (* with-fee BPS) denominator) u1) denominator)
  )
)

;; Shared tail of both swaps: protections and state, then the transfers
;; (input pulled first).
(define-private (swap
    (coin <sip-010-trait>)
    (base <sip-010-trait>)
    (key principal)
    (pool {
      base: principal,
      fee-recipient: principal,
      reserve-coin: uint,
      reserve-base: uint,
      timestamp: uint,
      lp-supply: uint,
      fees-coin: uint,
      fees-base: uint,
      window-start: uint,
      ref-coin: uint,
      ref-base: uint,
      halted-until: uint,
    })
    (p {
      swap-fee-bps: uint,
      protocol-share-bps: uint,
      daily-volume-limit: uint,
      cooldown: uint,
      max-price-move-bps: uint,
      breaker-window: uint,
      cool-off: uint,
      max-price-impact-bps: uint,
    })
    (coin-in bool)
    (amount-in uint)
    (amount-out uint)
    (recipient principal)
  )
  (let (
      (trader contract-caller)
      (now stacks-block-time)
      (fee-bps (get swap-fee-bps p))
      (reserve-in (if coin-in
        (get reserve-coin pool)
        (get reserve-base pool)
      ))
      (reserve-out (if coin-in
        (get reserve-base pool)
        (get reserve-coin pool)
      ))
      (max-impact (get max-price-impact-bps p))
    )
    (asserts! (<= (get halted-until pool) now) ERR-POOL-HALTED)
    ;; an exact-out input may exceed the bound (keeps the products in range)
    (asserts! (<= amount-in MAX-RESERVE) ERR-RESERVE-OVERFLOW)
    (asserts!
      (or (is-eq max-impact u0) (<= (impact-bps amount-in reserve-in fee-bps) max-impact))
      ERR-PRICE-IMPACT-TOO-HIGH
    )
    (let (
        ;; the protocol's cut leaves the reserves; the LPs' part stays
        (protocol-fee (/ (* (/ (* amount-in fee-bps) BPS) (get protocol-share-bps p)) BPS))
        (new-in (- (+ reserve-in amount-in) protocol-fee))
        (new-out (- reserve-out amount-out))
        (new-coin (if coin-in
          new-in
          new-out
        ))
        (new-base (if coin-in
          new-out
          new-in
        ))
      )
      (asserts! (<= new-in MAX-RESERVE) ERR-RESERVE-OVERFLOW)
      (let ((breaker (check-breaker key pool p new-coin new-base now)))
        (try! (check-trader key trader
          (if coin-in
            amount-out
            amount-in
          )
          p now
        ))
        (map-set pools key
          (merge pool {
            reserve-coin: new-coin,
            reserve-base: new-base,
            timestamp: now,
            fees-coin: (+ (get fees-coin pool)
              (if coin-in
                protocol-fee
                u0
              )),
            fees-base: (+ (get fees-base pool)
              (if coin-in
                u0
                protocol-fee
              )),
            window-start: (get window-start breaker),
            ref-coin: (get ref-coin breaker),
            ref-base: (get ref-base breaker),
            halted-until: (get halted-until breaker),
          })
        )
        (if coin-in
          (begin
            (try! (pull coin amount-in trader))
            (try! (send base amount-out recipient))
          )
          (begin
            (try! (pull base amount-in trader))
            (try! (send coin amount-out recipient))
          )
        )
        (print {
          topic: "swapped",
          coin: key,
          trader: trader,
          to: recipient,
          token-in: (if coin-in
            key
            (get base pool)
          ),
          amount-in: amount-in,
          amount-out: amount-out,
          protocol-fee: protocol-fee,
          reserve-coin: new-coin,
          reserve-base: new-base,
        })
        (ok true)
      )
    )
  )
)

;; Circuit breaker: open a window when none is open or the last one ended
;; (reference = reserves before this swap), then trip when the new price
;; moved beyond the bound. Returns the breaker fields to store.
(define-private (check-breaker
    (key principal)
    (pool {
      base: principal,
      fee-recipient: principal,
      reserve-coin: uint,
      reserve-base: uint,
      timestamp: uint,
      lp-supply: uint,
      fees-coin: uint,
      fees-base: uint,
      window-start: uint,
      ref-coin: uint,
      ref-base: uint,
      halted-until: uint,
    })
    (p {
      swap-fee-bps: uint,
      protocol-share-bps: uint,
      daily-volume-limit: uint,
      cooldown: uint,
      max-price-move-bps: uint,
      breaker-window: uint,
      cool-off: uint,
      max-price-impact-bps: uint,
    })
    (new-coin uint)
    (new-base uint)
    (now uint)
  )
  (let ((bound (get max-price-move-bps p)))
    (if (is-eq bound u0)
      {
        window-start: (get window-start pool),
        ref-coin: (get ref-coin pool),
        ref-base: (get ref-base pool),
        halted-until: (get halted-until pool),
      }
      (let (
          (opens (or
            (is-eq (get window-start pool) u0)
            (>= now (+ (get window-start pool) (get breaker-window p)))
          ))
          (ref-coin (if opens
            (get reserve-coin pool)
            (get ref-coin pool)
          ))
          (ref-base (if opens
            (get reserve-base pool)
            (get ref-base pool)
          ))
          (window-start (if opens
            now
            (get window-start pool)
          ))
          ;; |new-base/new-coin - ref-base/ref-coin| / (ref-base/ref-coin)
          ;; = |new-base*ref-coin - ref-base*new-coin| / (ref-base*new-coin)
          (cross-new (* new-base ref-coin))
          (cross-ref (* ref-base new-coin))
          (delta (if (> cross-new cross-ref)
            (- cross-new cross-ref)
            (- cross-ref cross-new)
          ))
          (denominator (* ref-base new-coin))
          (scaled (* delta BPS))
          (quotient (/ scaled denominator))
          (rounds-up (> (mod scaled denominator) u0))
          (exceeded (or (> quotient bound) (and (is-eq quotient bound) rounds-up)))
        )
        (and
          opens
          (begin
            (print {
              topic: "breaker-window-opened",
              coin: key,
              window-start: now,
              ref-coin: ref-coin,
              ref-base: ref-base,
            })
            true
          )
        )
        (if exceeded
          (let ((until (+ now (get cool-off p))))
            (print {
              topic: "circuit-breaker-tripped",
              coin: key,
              ref-coin: ref-coin,
              ref-base: ref-base,
              reserve-coin: new-coin,
              reserve-base: new-base,
              move-bps: (+ quotient
                (if rounds-up
                  u1
                  u0
                )),
              halted-until: until,
            })
            {
              window-start: u0,
              ref-coin: ref-coin,
              ref-base: ref-base,
              halted-until: until,
            }
          )
          {
            window-start: window-start,
            ref-coin: ref-coin,
            ref-base: ref-base,
            halted-until: (get halted-until pool),
          }
        )
      )
    )
  )
)

;; Per-address cooldown and daily volume; no state when both are off.
(define-private (check-trader
    (key principal)
    (trader principal)
    (base-volume uint)
    (p {
      swap-fee-bps: uint,
      protocol-share-bps: uint,
      daily-volume-limit: uint,
      cooldown: uint,
      max-price-move-bps: uint,
      breaker-window: uint,
      cool-off: uint,
      max-price-impact-bps: uint,
    })
    (now uint)
  )
  (let (
      (cooldown (get cooldown p))
      (limit (get daily-volume-limit p))
    )
    (if (and (is-eq cooldown u0) (is-eq limit u0))
      (ok true)
      (let (
          (t (get-protection-of key trader))
          (today (/ now SECONDS-PER-DAY))
          (used (if (is-eq (get day t) today)
            (get volume t)
            u0
          ))
          (total (+ used base-volume))
        )
        (asserts!
          (or
            (is-eq cooldown u0)
            (is-eq (get last-trade-at t) u0)
            (>= now (+ (get last-trade-at t) cooldown))
          )
          ERR-COOLDOWN-ACTIVE
        )
        (asserts! (or (is-eq limit u0) (<= total limit)) ERR-DAILY-LIMIT-EXCEEDED)
        (map-set traders {
          coin: key,
          account: trader,
        } {
          last-trade-at: now,
          day: today,
          volume: total,
        })
        (ok true)
      )
    )
  )
)

;; The pool of `key` whose base token is `base`.
(define-private (pool-of
    (key principal)
    (base <sip-010-trait>)
  )
  (let ((pool (unwrap! (map-get? pools key) ERR-UNKNOWN-POOL)))
    (asserts! (is-eq (contract-of base) (get base pool)) ERR-INVALID-TOKEN)
    (ok pool)
  )
)

;; true when token-in is the coin, false when the base token.
(define-private (is-coin-in
    (key principal)
    (pool {
      base: principal,
      fee-recipient: principal,
      reserve-coin: uint,
      reserve-base: uint,
      timestamp: uint,
      lp-supply: uint,
      fees-coin: uint,
      fees-base: uint,
      window-start: uint,
      ref-coin: uint,
      ref-base: uint,
      halted-until: uint,
    })
    (token-in principal)
  )
  (if (is-eq token-in key)
    (ok true)
    (if (is-eq token-in (get base pool))
      (ok false)
      ERR-INVALID-TOKEN
    )
  )
)

;; Pull `amount` of `t` from `from` into this contract; exactly `amount`
;; must arrive (this contract holds many pools' tokens: checked by delta).
(define-private (pull
    (t <sip-010-trait>)
    (amount uint)
    (from principal)
  )
  (let ((before (unwrap! (contract-call? t get-balance current-contract) ERR-TRANSFER-FAILED)))
    (unwrap! (contract-call? t transfer amount from current-contract none)
      ERR-TRANSFER-FAILED
    )
    (asserts!
      (is-eq
        (unwrap! (contract-call? t get-balance current-contract)
          ERR-TRANSFER-FAILED
        )
        (+ before amount)
      )
      ERR-TRANSFER-AMOUNT-MISMATCH
    )
    (ok true)
  )
)

;; Pay `amount` of `t` to `recipient`; exactly that may leave.
(define-private (send
    (t <sip-010-trait>)
    (amount uint)
    (recipient principal)
  )
  (match (as-contract? ((with-ft (contract-of t) "*" amount))
    (unwrap! (contract-call? t transfer amount current-contract recipient none)
      ERR-TRANSFER-FAILED
    ))
    sent (ok true)
    violated ERR-ASSET-ALLOWANCE-EXCEEDED
  )
)

(define-private (apply-set-params
    (coin principal)
    (new-params {
      swap-fee-bps: uint,
      protocol-share-bps: uint,
      daily-volume-limit: uint,
      cooldown: uint,
      max-price-move-bps: uint,
      breaker-window: uint,
      cool-off: uint,
      max-price-impact-bps: uint,
    })
  )
  (begin
    (asserts! (is-some (map-get? pools coin)) ERR-UNKNOWN-POOL)
    (asserts! (params-valid new-params) ERR-INVALID-PARAMS)
    (map-set params coin new-params)
    (print {
      topic: "params-updated",
      coin: coin,
      params: new-params,
    })
    (ok true)
  )
)

(define-private (apply-set-fee-recipient
    (coin principal)
    (recipient principal)
  )
  (let ((pool (unwrap! (map-get? pools coin) ERR-UNKNOWN-POOL)))
    (asserts! (is-valid-principal recipient) ERR-INVALID-PRINCIPAL)
    (map-set pools coin (merge pool { fee-recipient: recipient }))
    (print {
      topic: "fee-recipient-updated",
      coin: coin,
      previous-recipient: (some (get fee-recipient pool)),
      new-recipient: recipient,
    })
    (ok true)
  )
)

(define-private (apply-halt (coin principal))
  (let (
      (pool (unwrap! (map-get? pools coin) ERR-UNKNOWN-POOL))
      (cool-off (get cool-off (unwrap-panic (map-get? params coin))))
      (until (if (is-eq cool-off u0)
        MAX-UINT40
        (+ stacks-block-time cool-off)
      ))
    )
    (map-set pools coin (merge pool { halted-until: until }))
    (print {
      topic: "halted",
      coin: coin,
      by: contract-caller,
      until: until,
    })
    (ok until)
  )
)

(define-private (apply-resume (coin principal))
  (let ((pool (unwrap! (map-get? pools coin) ERR-UNKNOWN-POOL)))
    (map-set pools coin (merge pool { halted-until: u0 }))
    (print {
      topic: "resumed",
      coin: coin,
      by: contract-caller,
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

(define-private (min-of
    (a uint)
    (b uint)
  )
  (if (< a b)
    a
    b
  )
)
