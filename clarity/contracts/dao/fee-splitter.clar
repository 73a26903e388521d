;; Worx fee splitter (Stacks, Clarity 4): the twin of contracts/dao/FeeSplitter.sol.
;;
;; The escrow's fee recipient. Protocol fees (STX and any SIP-010) are split
;; per token between the DAO treasury (dao-share-bps, seed 70%) and operations
;; (the rest), pull-based and exact to the last unit:
;;   - `collect-stx` / `collect-ft` withdraw the fee credits the escrow holds
;;     for this contract (escrow `withdraw`, called as this contract: the
;;     escrow keys credits on contract-caller), then `distribute`;
;;   - `distribute-stx` / `distribute-ft` (anyone) split the INCOME, i.e. what
;;     this contract holds beyond what it already owes:
;;       income       = balance(token) - total-owed(token)
;;       to-treasury  = floor(income * dao-share-bps / 10000)
;;       to-operations = income - to-treasury
;;     and add them to what it owes the current treasury / operations payees;
;;   - `release-stx` / `release-ft` (anyone) pay a payee everything owed to it.
;;
;; CONSERVATION LAW, per token (STX = none):
;;   balance(token) >= get-total-owed(token), with equality right after a
;;   distribute; every split has to-treasury + to-operations == income; the
;;   sum of releases never exceeds the sum of incomes. STX or tokens sent
;;   straight to this contract (not through the escrow) are income too.
;; Accounting is balance-based: a fee-on-transfer or rebasing token is split
;; on what actually arrived; a token whose balance shrinks by itself below
;; what is owed yields no income until it is back above (payees are paid in
;; release order while it lasts). A token that lies about its balance can
;; only corrupt its own pot: every token's accounting is separate.
;;
;; GOVERNANCE: `set-dao-share` and `set-payees` are DAO-only (dao-core's
;; `is-dao-or-extension`: a proposal running in the DAO's context or an
;; enabled extension calling straight in; a contract relaying a user's call
;; is checked as itself). Changing the payees leaves what is already owed with
;; the previous payees.
;;
;; ASSETS. Payments run inside `as-contract?` with an allowance of exactly the
;; amount paid (`with-stx` / `with-ft token "*" amount`); the escrow
;; withdrawal and every token `get-balance` run inside `as-contract?` with no
;; allowance at all: nothing this contract holds can leave during them, and
;; they never run with the caller as tx-sender (a hostile token passed in
;; cannot spend the caller's assets).
;;
;; Events (`print`, same fields as the Solidity events, token none = STX):
;;   fees-split {token, income, to-treasury, to-operations, dao-share-bps}
;;   fees-released {token, payee, amount}
;;   dao-share-updated {previous-bps, new-bps}
;;   payees-updated {treasury, operations}

(use-trait sip-010-trait .sip-010-trait.sip-010-trait)

;; ------------------------------- constants -------------------------------

(define-constant BPS-DENOMINATOR u10000)

;; -------------------------------- errors --------------------------------
;; Range u4400-u4499 belongs to this contract. Errors of the escrow's
;; `withdraw` (u1000-u1099, e.g. u1024 ERR-NOTHING-TO-WITHDRAW when no fee is
;; credited to this contract) and of a token's `transfer` pass through
;; unchanged.

;; set-dao-share / set-payees by a caller that is neither the DAO (a proposal
;; executed by dao-core) nor an enabled extension. Solidity:
;; AccessControlUnauthorizedAccount. Debug: (contract-call? .dao-core
;; is-extension caller); a relaying contract is checked as itself.
(define-constant ERR-NOT-AUTHORIZED (err u4400))
;; set-dao-share above u10000. Solidity: InvalidShare(bps).
(define-constant ERR-INVALID-SHARE (err u4401))
;; set-payees with this contract itself or a principal of another network
;; (what it is owed could never be paid out). Solidity: ZeroAddress. Debug:
;; ST.. on testnet, SP.. on mainnet; contracts are 'ST...name.
(define-constant ERR-INVALID-PAYEE (err u4402))
;; release-stx / release-ft for a payee owed nothing in that token. Solidity:
;; NothingOwed(token, payee). Debug: (get-owed payee token); run
;; collect / distribute first.
(define-constant ERR-NOTHING-OWED (err u4403))
;; A payment (release) or a balance read failed: the token's `transfer` or
;; `get-balance` returned an error, or stx-transfer? failed. Nothing changes:
;; what is owed is kept. Solidity: NativeTransferFailed / SafeERC20 errors.
;; Debug: call the token directly; the simnet call trace shows the inner error.
(define-constant ERR-TRANSFER-FAILED (err u4404))
;; While paying or withdrawing, an asset beyond the allowance left this
;; contract (a hostile token's `transfer` or `get-balance` tried to move STX
;; or another token), so `as-contract?` reverted it (Clarity-only). Debug: the
;; token contract is malicious or buggy; do not use it.
(define-constant ERR-ASSET-ALLOWANCE-EXCEEDED (err u4405))

;; --------------------------------- state ---------------------------------

(define-constant DEPLOYER tx-sender)

;; Share of every income owed to the treasury, in bps. Seed: 70%.
(define-data-var dao-share-bps uint u7000)
;; The DAO treasury (the dao-treasury extension).
(define-data-var treasury principal .dao-treasury)
;; Operations (seed: the protocol multisig; the DAO changes it with set-payees).
(define-data-var operations principal .multisig)

;; What each payee may pull, per token (none = STX).
(define-map owed
  {
    payee: principal,
    token: (optional principal),
  }
  uint
)
;; Sum of `owed` over every payee, per token.
(define-map total-owed
  (optional principal)
  uint
)

;; -------------------------------- actions --------------------------------

;; Withdraw this contract's STX fee credit from the escrow, then
;; distribute-stx. Anyone. Returns (ok income). Fails with the escrow's
;; u1024 when nothing is credited.
(define-public (collect-stx)
  (begin
    (try! (no-assets-out (as-contract? ()
      (try! (contract-call? .escrow withdraw none))
      true
    )))
    (distribute-stx)
  )
)

;; Withdraw this contract's fee credit in `token` from the escrow, then
;; distribute-ft. Anyone. Returns (ok income).
(define-public (collect-ft (token <sip-010-trait>))
  (begin
    (try! (no-assets-out (as-contract? ()
      (try! (contract-call? .escrow withdraw (some token)))
      true
    )))
    (distribute-ft token)
  )
)

;; Split the STX income (balance beyond what is owed). Anyone. Returns
;; (ok income); u0 and no event when there is none.
(define-public (distribute-stx)
  (ok (split none (stx-get-balance current-contract)))
)

;; Split the income in SIP-010 `token`. Anyone. Returns (ok income).
(define-public (distribute-ft (token <sip-010-trait>))
  (ok (split (some (contract-of token)) (try! (balance-of token))))
)

;; Pay `payee` every micro-STX owed to it. Anyone may trigger it (the money
;; only ever goes to the payee). Returns (ok amount).
(define-public (release-stx (payee principal))
  (let ((amount (take-owed payee none)))
    (asserts! (> amount u0) ERR-NOTHING-OWED)
    (try! (no-assets-out (as-contract? ((with-stx amount))
      (unwrap! (stx-transfer? amount current-contract payee) ERR-TRANSFER-FAILED)
    )))
    (print {
      topic: "fees-released",
      token: none,
      payee: payee,
      amount: amount,
    })
    (ok amount)
  )
)

;; Pay `payee` everything owed to it in SIP-010 `token`. Anyone. Returns
;; (ok amount).
(define-public (release-ft
    (token <sip-010-trait>)
    (payee principal)
  )
  (let (
      (key (some (contract-of token)))
      (amount (take-owed payee key))
    )
    (asserts! (> amount u0) ERR-NOTHING-OWED)
    (try! (no-assets-out (as-contract? ((with-ft (contract-of token) "*" amount))
      (unwrap! (contract-call? token transfer amount current-contract payee none)
        ERR-TRANSFER-FAILED
      )
    )))
    (print {
      topic: "fees-released",
      token: key,
      payee: payee,
      amount: amount,
    })
    (ok amount)
  )
)

;; ------------------------------- governance -------------------------------

;; Set the treasury's share of future incomes (bps, at most u10000). DAO only.
(define-public (set-dao-share (bps uint))
  (let ((previous-bps (var-get dao-share-bps)))
    (try! (is-dao-or-extension))
    (asserts! (<= bps BPS-DENOMINATOR) ERR-INVALID-SHARE)
    (var-set dao-share-bps bps)
    (print {
      topic: "dao-share-updated",
      previous-bps: previous-bps,
      new-bps: bps,
    })
    (ok true)
  )
)

;; Set the payees of future incomes; what is owed stays with the previous
;; payees. DAO only.
(define-public (set-payees
    (new-treasury principal)
    (new-operations principal)
  )
  (begin
    (try! (is-dao-or-extension))
    (asserts! (and (is-valid-payee new-treasury) (is-valid-payee new-operations))
      ERR-INVALID-PAYEE
    )
    (var-set treasury new-treasury)
    (var-set operations new-operations)
    (print {
      topic: "payees-updated",
      treasury: new-treasury,
      operations: new-operations,
    })
    (ok true)
  )
)

;; --------------------------------- views ---------------------------------

(define-read-only (get-treasury)
  (var-get treasury)
)

(define-read-only (get-operations)
  (var-get operations)
)

(define-read-only (get-dao-share-bps)
  (var-get dao-share-bps)
)

;; What `payee` may release in `token` (none = STX).
(define-read-only (get-owed
    (payee principal)
    (token (optional principal))
  )
  (default-to u0
    (map-get? owed {
      payee: payee,
      token: token,
    })
  )
)

;; What this contract owes over all payees in `token` (none = STX).
(define-read-only (get-total-owed (token (optional principal)))
  (default-to u0 (map-get? total-owed token))
)

;; -------------------------------- private --------------------------------

;; Split `balance` of `token` beyond what is owed between the current payees;
;; returns the income (u0: nothing to split, no event).
(define-private (split
    (token (optional principal))
    (balance uint)
  )
  (let (
      (owed-now (get-total-owed token))
      (income (if (> balance owed-now)
        (- balance owed-now)
        u0
      ))
      (share (var-get dao-share-bps))
      ;; floor(income * share / 10000) without the product income * share
      ;; (which could overflow): income = q * 10000 + r
      (to-treasury (+ (* (/ income BPS-DENOMINATOR) share)
        (/ (* (mod income BPS-DENOMINATOR) share) BPS-DENOMINATOR)
      ))
      (to-operations (- income to-treasury))
    )
    (if (is-eq income u0)
      u0
      (begin
        (add-owed (var-get treasury) token to-treasury)
        (add-owed (var-get operations) token to-operations)
        (map-set total-owed token balance)
        (print {
          topic: "fees-split",
          token: token,
          income: income,
          to-treasury: to-treasury,
          to-operations: to-operations,
          dao-share-bps: share,
        })
        income
      )
    )
  )
)

(define-private (add-owed
    (payee principal)
    (token (optional principal))
    (amount uint)
  )
  (let ((key {
      payee: payee,
      token: token,
    }))
    (and
      (> amount u0)
      (map-set owed key (+ amount (default-to u0 (map-get? owed key))))
    )
  )
)

;; Clear what `payee` is owed in `token` (before paying it: checks-effects-
;; interactions) and return it.
(define-private (take-owed
    (payee principal)
    (token (optional principal))
  )
  (let ((amount (get-owed payee token)))
    (and
      (> amount u0)
      (begin
        (map-delete owed {
          payee: payee,
          token: token,
        })
        (map-set total-owed token (- (get-total-owed token) amount))
      )
    )
    amount
  )
)

;; This contract's balance of `token`, read with tx-sender = this contract
;; and no allowance (the token cannot spend the caller's or our assets).
(define-private (balance-of (token <sip-010-trait>))
  (match (as-contract? ()
    (unwrap! (contract-call? token get-balance current-contract) ERR-TRANSFER-FAILED)
  )
    balance (ok balance)
    violated ERR-ASSET-ALLOWANCE-EXCEEDED
  )
)

;; The result of an `as-contract?`: (ok true), or ERR-ASSET-ALLOWANCE-EXCEEDED
;; when its body moved more than the allowances (which reverted the body).
(define-private (no-assets-out (result (response bool uint)))
  (match result
    done (ok true)
    violated ERR-ASSET-ALLOWANCE-EXCEEDED
  )
)

;; A payee must be of this network and not this contract.
(define-private (is-valid-payee (p principal))
  (and (is-standard p) (not (is-eq p current-contract)))
)

;; (ok true) when contract-caller (the proposal being executed, an enabled
;; extension or dao-core) may act as the DAO; dao-core cannot see our
;; contract-caller itself, so we pass it.
(define-private (is-dao-or-extension)
  (ok (asserts! (is-ok (contract-call? .dao-core is-dao-or-extension contract-caller))
    ERR-NOT-AUTHORIZED
  ))
)
