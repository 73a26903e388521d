;; Worx DAO treasury (Stacks, Clarity 4): a dao-core extension.
;;
;; Holds the DAO's STX and SIP-010 tokens (the Stacks twin of the EVM
;; TimelockController's balances): the 70% DAO share of the protocol fees
;; arrives here from the fee-splitter (`release-stx` / `release-ft` with this
;; contract as the treasury payee), anyone may `deposit-stx`, and any SIP-010
;; can simply be transferred to this contract. Only the DAO spends: a passed
;; proposal executed by dao-core (or an enabled extension) calls
;; `transfer-stx` / `transfer-ft`.
;;
;; WHO IS ACTING is decided by dao-core's `is-dao-or-extension`: the DAO
;; itself (a proposal running in dao-core's context) or an enabled extension
;; calling straight in (contract-caller). A contract a user calls acts only as
;; itself, so it can never spend in the DAO's name.
;;
;; Every payment runs inside `as-contract?` with an allowance of exactly the
;; amount paid (`with-stx amount` / `with-ft token "*" amount`): a hostile
;; token's `transfer` cannot move any other asset out of the treasury.
;;
;; Events (`print`, topic = kebab-case EVM-style name):
;;   treasury-deposit  {token, sender, amount}               (token none = STX)
;;   treasury-transfer {token, recipient, amount, sender}    (sender = the caller
;;                     that authorised it: dao-core or an extension)

(impl-trait .extension-trait.extension-trait)
(use-trait sip-010-trait .sip-010-trait.sip-010-trait)

;; -------------------------------- errors --------------------------------
;; Range u4300-u4399 belongs to this contract. Codes below u1000 come from
;; stx-transfer? (u1 not enough STX, u2 sender = recipient, u3 zero amount)
;; or a token's own `transfer`, passed through unchanged.

;; transfer-stx / transfer-ft by a caller that is neither the DAO (a proposal
;; executed by dao-core) nor an enabled extension. Debug: (contract-call?
;; .dao-core is-dao-or-extension caller); a contract relaying a user's call is
;; checked as ITSELF, never as the user.
(define-constant ERR-NOT-AUTHORIZED (err u4300))
;; A zero amount (deposit or transfer). Debug: amounts are in the asset's
;; smallest unit (micro-STX for STX).
(define-constant ERR-ZERO-AMOUNT (err u4301))
;; transfer-ft: while paying, the token tried to move an asset beyond the
;; allowance (exactly `amount` of that token), so `as-contract?` reverted it.
;; Debug: the token contract is malicious or buggy; do not use it.
(define-constant ERR-ASSET-ALLOWANCE-EXCEEDED (err u4302))

;; -------------------------------- actions --------------------------------

;; Deposit `amount` micro-STX from the caller (tx-sender, who signs the STX
;; transfer) into the treasury. Anyone. Returns (ok true).
(define-public (deposit-stx (amount uint))
  (begin
    (asserts! (> amount u0) ERR-ZERO-AMOUNT)
    (try! (stx-transfer? amount tx-sender current-contract))
    (print {
      topic: "treasury-deposit",
      token: none,
      sender: tx-sender,
      amount: amount,
    })
    (ok true)
  )
)

;; Pay `amount` micro-STX to `recipient`. DAO or extension only.
(define-public (transfer-stx
    (amount uint)
    (recipient principal)
  )
  (begin
    (try! (is-dao-or-extension))
    (asserts! (> amount u0) ERR-ZERO-AMOUNT)
    (match (as-contract? ((with-stx amount))
      (try! (stx-transfer? amount current-contract recipient))
    )
      sent true
      ;; the body moves exactly `amount`: unreachable, kept defensive
      violated (asserts! false ERR-ASSET-ALLOWANCE-EXCEEDED)
    )
    (print {
      topic: "treasury-transfer",
      token: none,
      recipient: recipient,
      amount: amount,
      sender: contract-caller,
    })
    (ok true)
  )
)

;; Pay `amount` of SIP-010 `token` to `recipient`. DAO or extension only.
(define-public (transfer-ft
    (token <sip-010-trait>)
    (amount uint)
    (recipient principal)
  )
  (begin
    (try! (is-dao-or-extension))
    (asserts! (> amount u0) ERR-ZERO-AMOUNT)
    (match (as-contract? ((with-ft (contract-of token) "*" amount))
      (try! (contract-call? token transfer amount current-contract recipient none))
    )
      sent true
      violated (asserts! false ERR-ASSET-ALLOWANCE-EXCEEDED)
    )
    (print {
      topic: "treasury-transfer",
      token: (some (contract-of token)),
      recipient: recipient,
      amount: amount,
      sender: contract-caller,
    })
    (ok true)
  )
)

;; extension-trait: dao-core calls it when a proposal asks it to; nothing to do.
(define-public (callback
    (sender principal)
    (memo (buff 34))
  )
  (ok true)
)

;; --------------------------------- views ---------------------------------

;; The treasury's STX balance (micro-STX).
(define-read-only (get-stx-balance)
  (stx-get-balance current-contract)
)

;; -------------------------------- private --------------------------------

;; (ok true) when contract-caller (the proposal being executed, an enabled
;; extension or dao-core) may act as the DAO; dao-core cannot see our
;; contract-caller itself, so we pass it.
(define-private (is-dao-or-extension)
  (ok (asserts! (is-ok (contract-call? .dao-core is-dao-or-extension contract-caller))
    ERR-NOT-AUTHORIZED
  ))
)
