;; Worx milestone escrow (Stacks, Clarity 4).
;;
;; Mirrors contracts/interfaces/IMilestoneEscrow.sol: a client and a freelancer
;; agree an escrow of 1..50 milestones in one asset (STX when `token` is none, or
;; a SIP-010 contract). The client funds the whole escrow, the freelancer submits
;; each milestone, the client approves it and the milestone is released: the
;; platform fee (basis points, fixed at creation) is credited to the fee
;; recipient and the rest to the freelancer. Payouts are pull-based: released
;; amounts accrue as credits that their owners `withdraw`.
;;
;; Conservation law, per token (STX = none):
;;   balance of this contract == locked (funded, unreleased milestone amounts)
;;                             + credited (credits not yet withdrawn)
;; `get-locked-balance` and `get-credited-balance` expose both terms.
;;
;; Events are `print`ed tuples whose `topic` is the kebab-case Solidity event
;; name and whose other fields are the Solidity event's parameters in
;; kebab-case (`escrowId` -> `escrow-id`). Each is printed right after the
;; state change it reports.
;;
;; WHO IS ACTING (client, freelancer, role holder, withdraw beneficiary) is
;; always decided on `contract-caller`, never on `tx-sender` alone:
;;   - a user signing a call straight to this contract has
;;     tx-sender = contract-caller = the user;
;;   - when a user calls some other contract that calls this one, tx-sender is
;;     still the user but contract-caller is that intermediate contract. Keying
;;     on contract-caller means the intermediate contract acts only as ITSELF:
;;     it can never impersonate the user whose tx-sender it inherits (the
;;     approach of the sBTC protocol contracts). A user who calls a malicious
;;     contract cannot have their escrows approved, cancelled, or their credits
;;     withdrawn, nor admin roles exercised, behind their back;
;;   - a contract (multisig, DAO timelock, smart wallet) can still be a client,
;;     freelancer or role holder in its own name: it calls from inside
;;     `as-contract?`, where tx-sender and contract-caller are both itself.
;; Funds pulled by `fund-escrow` come from the client (= contract-caller), and
;; `stx-transfer?` / SIP-010 `transfer` additionally require that sender to be
;; tx-sender, so an intermediate contract that is not itself the client cannot
;; move the user's funds either.
;;
;; Outgoing transfers use Clarity 4 `as-contract?` with an explicit allowance
;; (`with-stx` / `with-ft`) of exactly the amount being paid, so a hostile token
;; contract called during `withdraw` cannot move any other asset out of the
;; escrow.

(use-trait sip-010-trait .sip-010-trait.sip-010-trait)

;; ------------------------------- constants -------------------------------

;; Upper bound of milestones per escrow; enforced by the `(list 50 uint)` type.
(define-constant MAX-MILESTONES u50)
;; Largest uint (2^128 - 1).
(define-constant MAX-UINT u340282366920938463463374607431768211455)
;; Hard cap of the platform fee (20%). No role can lift it.
(define-constant MAX-FEE-BPS u2000)
(define-constant BPS-DENOMINATOR u10000)

;; EscrowStatus (same order as the Solidity enum).
(define-constant ESCROW-NONE u0) ;; never created (get-escrow returns none)
(define-constant ESCROW-CREATED u1) ;; agreed, waiting for the client's funds; cancellable
(define-constant ESCROW-FUNDED u2) ;; funds held; milestones in progress
(define-constant ESCROW-COMPLETED u3) ;; every milestone released
(define-constant ESCROW-CANCELLED u4) ;; cancelled before funding; nothing was held

;; MilestoneStatus (same order as the Solidity enum).
(define-constant MILESTONE-PENDING u0) ;; not yet delivered
(define-constant MILESTONE-SUBMITTED u1) ;; delivered; waiting for the client
(define-constant MILESTONE-RELEASED u2) ;; paid out (fee + payout credited)

;; Roles (Solidity: DEFAULT_ADMIN_ROLE, FEE_MANAGER_ROLE, PAUSER_ROLE).
(define-constant ROLE-ADMIN "admin") ;; grants/revokes roles, unpauses
(define-constant ROLE-FEE-MANAGER "fee-manager") ;; sets platform fee and fee recipient
(define-constant ROLE-PAUSER "pauser") ;; pauses creating and funding escrows

;; -------------------------------- errors --------------------------------
;; Range u1000-u1099 belongs to this contract:
;;   u1000-u1009 admin / roles / pause, u1010-u1019 escrow lifecycle,
;;   u1020-u1029 moving funds.
;; Codes below u1000 (e.g. u1..u4 from stx-transfer?, or a token's own codes)
;; never come from this contract itself.

;; The caller (contract-caller) lacks the role the function needs: "admin" for
;; grant-role/revoke-role/unpause, "fee-manager" for set-platform-fee/
;; set-fee-recipient, "pauser" for pause. Solidity: AccessControlUnauthorizedAccount.
;; Debug: (has-role role caller). A call routed through another contract is
;; checked against THAT contract, not the signing wallet (see header).
(define-constant ERR-NOT-AUTHORIZED (err u1000))
;; create-escrow / fund-escrow while the contract is paused, or pause when
;; already paused. Solidity: EnforcedPause. Debug: (is-paused); an admin unpauses.
(define-constant ERR-PAUSED (err u1001))
;; unpause while not paused. Solidity: ExpectedPause. Debug: (is-paused).
(define-constant ERR-NOT-PAUSED (err u1002))
;; grant-role / revoke-role with a role name other than "admin",
;; "fee-manager", "pauser" (Clarity-only: Solidity role ids are free-form
;; bytes32). Debug: check spelling; names are lower-case kebab-case.
(define-constant ERR-UNKNOWN-ROLE (err u1003))
;; set-platform-fee above MAX-FEE-BPS (u2000 = 20%). Solidity: FeeAboveCap.
;; Debug: bps are hundredths of a percent (u1000 = 10%).
(define-constant ERR-FEE-ABOVE-CAP (err u1004))
;; set-fee-recipient with this contract itself or a principal of another
;; network (credits to either could never be withdrawn). Solidity:
;; InvalidFeeRecipient (zero address). Debug: ST.. on testnet, SP.. on mainnet.
(define-constant ERR-INVALID-FEE-RECIPIENT (err u1005))

;; No escrow has this id. Solidity: EscrowNotFound. Debug: ids start at u1 and
;; count up to (get-escrow-count); check you query the right network/deployment.
(define-constant ERR-ESCROW-NOT-FOUND (err u1010))
;; The caller is not the party the action belongs to: fund/approve need the
;; client, submit needs the freelancer, cancel needs either. Solidity:
;; NotEscrowParty. Debug: compare contract-caller with (get-escrow id) client /
;; freelancer; a call through an intermediate contract is made by that contract.
(define-constant ERR-NOT-ESCROW-PARTY (err u1011))
;; The escrow is not in the status the action needs (funding twice, submitting
;; or approving before funding or after completion, cancelling after funding).
;; Solidity: InvalidEscrowStatus. Debug: (get-escrow id) status:
;; u1 created, u2 funded, u3 completed, u4 cancelled.
(define-constant ERR-INVALID-ESCROW-STATUS (err u1012))
;; The milestone is not in the status the action needs (submitting twice,
;; approving before the freelancer submitted, releasing twice). Solidity:
;; InvalidMilestoneStatus. Debug: (get-milestone id index) status:
;; u0 pending, u1 submitted, u2 released.
(define-constant ERR-INVALID-MILESTONE-STATUS (err u1013))
;; `index` is not below the escrow's milestone count (indexes start at u0).
;; Solidity: MilestoneIndexOutOfRange. Debug: (get-escrow id) milestone-count.
(define-constant ERR-MILESTONE-INDEX-OUT-OF-RANGE (err u1014))
;; create-escrow with an empty `amounts` list. More than 50 milestones cannot
;; even be sent: the `(list 50 uint)` argument type rejects the transaction.
;; Solidity: InvalidMilestoneCount.
(define-constant ERR-INVALID-MILESTONE-COUNT (err u1015))
;; create-escrow with a zero in `amounts`, or amounts whose sum would not fit
;; in a uint (2^128 - 1; Solidity bounds each amount by 2^128 - 1 instead).
;; Solidity: InvalidMilestoneAmount. Debug: amounts are in the token's smallest
;; unit (micro-STX for STX).
(define-constant ERR-INVALID-MILESTONE-AMOUNT (err u1016))
;; create-escrow whose freelancer is the client itself, this contract, or a
;; principal of another network. Solidity: InvalidFreelancer.
(define-constant ERR-INVALID-FREELANCER (err u1017))
;; create-escrow whose `token` is (some p) with p not a contract principal of
;; this network (Clarity-only: Solidity fails later, when funding). Debug: pass
;; none for STX, or the SIP-010 contract's full id 'ST...name.
(define-constant ERR-INVALID-TOKEN (err u1018))

;; fund-escrow with an asset that is not the escrow's: `ft` must be none for an
;; STX escrow, and (some <trait>) whose contract-of equals the stored token for
;; a SIP-010 escrow. Solidity counterpart: IncorrectNativeAmount (funding with
;; the wrong asset). Debug: (get-escrow id) token.
(define-constant ERR-TOKEN-MISMATCH (err u1020))
;; fund-escrow: the token moved into this contract a different amount than the
;; escrow's total (fee-on-transfer, rebasing or misbehaving token; such tokens
;; are not supported). Solidity: InsufficientTokensReceived. Debug: compare the
;; token's get-balance of this contract before/after its `transfer`.
(define-constant ERR-INSUFFICIENT-TOKENS-RECEIVED (err u1021))
;; A transfer failed: fund-escrow could not move the total from the client
;; (insufficient STX/token balance, or a SIP-010 token refusing `transfer`), or
;; withdraw could not pay out (the token's `transfer` returned an error; nothing
;; changes, the credit is kept). Solidity: NativeTransferFailed / SafeERC20
;; errors. Debug: call the token's transfer / check balances directly; the
;; simnet call trace shows the inner error.
(define-constant ERR-TOKEN-TRANSFER-FAILED (err u1022))
;; withdraw: while paying out, an asset other than the allowed amount of the
;; paid token left this contract (a hostile token's `transfer` tried to move
;; STX or another asset), so `as-contract?` reverted it (Clarity-only). Debug:
;; the token contract is malicious or buggy; do not use it.
(define-constant ERR-ASSET-ALLOWANCE-EXCEEDED (err u1023))
;; withdraw when nothing is credited to the caller in that token. Solidity:
;; NothingToWithdraw. Debug: (get-credit token caller); credits are per token
;; (none = STX), and belong to contract-caller.
(define-constant ERR-NOTHING-TO-WITHDRAW (err u1024))

;; --------------------------------- state ---------------------------------

(define-constant DEPLOYER tx-sender)

;; Platform fee (bps) fixed into escrows created from now on. Seed: 10%.
(define-data-var platform-fee-bps uint u1000)
;; Account credited with platform fees (the treasury). Seed: the deployer.
(define-data-var fee-recipient principal DEPLOYER)
;; When true, create-escrow and fund-escrow fail; nothing else is blocked.
(define-data-var paused bool false)
;; Number of escrows ever created; the latest id.
(define-data-var escrow-count uint u0)

;; One escrow. `amounts` and `milestone-statuses` hold the milestones (index i
;; in both lists), so every action reads and writes a single map entry.
(define-map escrows
  uint
  {
    client: principal,
    freelancer: principal,
    token: (optional principal),
    fee-bps: uint,
    status: uint,
    milestone-count: uint,
    released-count: uint,
    total: uint,
    released: uint,
    amounts: (list 50 uint),
    milestone-statuses: (list 50 uint),
  }
)

;; Pull-based credits: what `account` may withdraw in `token` (none = STX).
(define-map credits
  {
    token: (optional principal),
    account: principal,
  }
  uint
)

;; The two terms of the conservation law, per token (none = STX).
(define-map token-balances
  (optional principal)
  {
    locked: uint,
    credited: uint,
  }
)

(define-map roles
  {
    role: (string-ascii 16),
    account: principal,
  }
  bool
)

(map-set roles {
  role: ROLE-ADMIN,
  account: DEPLOYER,
}
  true
)
(map-set roles {
  role: ROLE-FEE-MANAGER,
  account: DEPLOYER,
}
  true
)
(map-set roles {
  role: ROLE-PAUSER,
  account: DEPLOYER,
}
  true
)

;; -------------------------------- actions --------------------------------

;; Agree an escrow with `freelancer` paying `amounts` (one per milestone) in
;; `token` (none = STX, (some 'ST...contract) = SIP-010). The caller is the
;; client. The current platform fee is fixed into the escrow. Fails while paused.
;; Returns (ok escrow-id), ids sequential from u1.
(define-public (create-escrow
    (freelancer principal)
    (token (optional principal))
    (amounts (list 50 uint))
  )
  (let (
      (client contract-caller)
      (escrow-id (+ (var-get escrow-count) u1))
      (milestone-count (len amounts))
      ;; total, or none when an amount is zero or the sum would overflow
      (total (fold add-milestone-amount amounts (some u0)))
      (fee-bps (var-get platform-fee-bps))
    )
    ;; same order of checks as the Solidity contract
    (asserts! (not (var-get paused)) ERR-PAUSED)
    (asserts! (> milestone-count u0) ERR-INVALID-MILESTONE-COUNT)
    (asserts!
      (and
        (is-standard freelancer)
        (not (is-eq freelancer client))
        (not (is-eq freelancer current-contract))
      )
      ERR-INVALID-FREELANCER
    )
    (asserts! (is-some total) ERR-INVALID-MILESTONE-AMOUNT)
    (asserts! (is-valid-token token) ERR-INVALID-TOKEN)
    (map-set escrows escrow-id {
      client: client,
      freelancer: freelancer,
      token: token,
      fee-bps: fee-bps,
      status: ESCROW-CREATED,
      milestone-count: milestone-count,
      released-count: u0,
      total: (unwrap-panic total),
      released: u0,
      amounts: amounts,
      milestone-statuses: (map pending-status amounts),
    })
    (var-set escrow-count escrow-id)
    (print {
      topic: "escrow-created",
      escrow-id: escrow-id,
      client: client,
      freelancer: freelancer,
      token: token,
      amounts: amounts,
      total: (unwrap-panic total),
      fee-bps: fee-bps,
    })
    (ok escrow-id)
  )
)

;; Deposit the escrow's total. Only the client, only while created, fails while
;; paused. `ft` must be none for an STX escrow, or the escrow's SIP-010 token.
(define-public (fund-escrow
    (escrow-id uint)
    (ft (optional <sip-010-trait>))
  )
  (begin
    (asserts! (not (var-get paused)) ERR-PAUSED)
    (let (
        (escrow (unwrap! (map-get? escrows escrow-id) ERR-ESCROW-NOT-FOUND))
        (client (get client escrow))
        (token (get token escrow))
        (total (get total escrow))
        (balances (get-token-balances token))
      )
      (asserts! (is-eq contract-caller client) ERR-NOT-ESCROW-PARTY)
      (asserts! (is-eq (get status escrow) ESCROW-CREATED)
        ERR-INVALID-ESCROW-STATUS
      )
      (asserts! (is-eq (token-of ft) token) ERR-TOKEN-MISMATCH)
      ;; Effects before the transfer: the token contract (chosen by the client)
      ;; runs during it, and Clarity only forbids re-entering the same function.
      ;; If the transfer fails, the whole call reverts.
      (map-set escrows escrow-id (merge escrow { status: ESCROW-FUNDED }))
      (map-set token-balances token
        (merge balances { locked: (+ (get locked balances) total) })
      )
      (try! (match ft
        t (pull-ft t total client)
        (pull-stx total client)
      ))
      (print {
        topic: "escrow-funded",
        escrow-id: escrow-id,
        client: client,
        amount: total,
      })
      (ok true)
    )
  )
)

;; Mark milestone `index` delivered; `deliverable` is an opaque reference (e.g.
;; a content hash; zeros when none). Only the freelancer, only while funded,
;; only a pending milestone.
(define-public (submit-milestone
    (escrow-id uint)
    (index uint)
    (deliverable (buff 32))
  )
  (let (
      (escrow (unwrap! (map-get? escrows escrow-id) ERR-ESCROW-NOT-FOUND))
      (statuses (get milestone-statuses escrow))
    )
    (asserts! (is-eq contract-caller (get freelancer escrow))
      ERR-NOT-ESCROW-PARTY
    )
    (asserts! (is-eq (get status escrow) ESCROW-FUNDED)
      ERR-INVALID-ESCROW-STATUS
    )
    (asserts!
      (is-eq
        (unwrap! (element-at? statuses index) ERR-MILESTONE-INDEX-OUT-OF-RANGE)
        MILESTONE-PENDING
      )
      ERR-INVALID-MILESTONE-STATUS
    )
    (map-set escrows escrow-id
      (merge escrow { milestone-statuses: (unwrap-panic (replace-at? statuses index MILESTONE-SUBMITTED)) })
    )
    (print {
      topic: "milestone-submitted",
      escrow-id: escrow-id,
      index: index,
      deliverable: deliverable,
    })
    (ok true)
  )
)

;; Approve a submitted milestone and release it. Only the client.
;; fee = ceil(amount * fee-bps / 10000) is credited to the fee recipient and
;; payout = amount - fee to the freelancer (fee + payout == amount exactly;
;; the fee rounds up, so rounding never favours the caller). When the last
;; milestone is released the escrow is completed.
(define-public (approve-milestone
    (escrow-id uint)
    (index uint)
  )
  (let (
      (escrow (unwrap! (map-get? escrows escrow-id) ERR-ESCROW-NOT-FOUND))
      (statuses (get milestone-statuses escrow))
    )
    (asserts! (is-eq contract-caller (get client escrow)) ERR-NOT-ESCROW-PARTY)
    (asserts! (is-eq (get status escrow) ESCROW-FUNDED)
      ERR-INVALID-ESCROW-STATUS
    )
    (asserts!
      (is-eq
        (unwrap! (element-at? statuses index) ERR-MILESTONE-INDEX-OUT-OF-RANGE)
        MILESTONE-SUBMITTED
      )
      ERR-INVALID-MILESTONE-STATUS
    )
    (let (
        (amount (unwrap-panic (element-at? (get amounts escrow) index)))
        (fee (fee-for amount (get fee-bps escrow)))
        (payout (- amount fee))
        (token (get token escrow))
        (freelancer (get freelancer escrow))
        (released-count (+ (get released-count escrow) u1))
        (completed (is-eq released-count (get milestone-count escrow)))
        (balances (get-token-balances token))
      )
      ;; One write for the milestone, the counters and (on the last release)
      ;; the completed status; the two events follow in state-change order.
      (map-set escrows escrow-id
        (merge escrow {
          status: (if completed
            ESCROW-COMPLETED
            ESCROW-FUNDED
          ),
          released-count: released-count,
          released: (+ (get released escrow) amount),
          milestone-statuses: (unwrap-panic (replace-at? statuses index MILESTONE-RELEASED)),
        })
      )
      (map-set token-balances token {
        locked: (- (get locked balances) amount),
        credited: (+ (get credited balances) amount),
      })
      (credit token (var-get fee-recipient) fee)
      (credit token freelancer payout)
      (print {
        topic: "milestone-released",
        escrow-id: escrow-id,
        index: index,
        freelancer: freelancer,
        amount: amount,
        fee: fee,
        payout: payout,
      })
      (if completed
        (begin
          (print {
            topic: "escrow-completed",
            escrow-id: escrow-id,
          })
          true
        )
        false
      )
      (ok true)
    )
  )
)

;; Cancel an escrow that was never funded. Client or freelancer. Nothing is
;; held, so nothing moves. Not blocked by pause.
(define-public (cancel-escrow (escrow-id uint))
  (let (
      (escrow (unwrap! (map-get? escrows escrow-id) ERR-ESCROW-NOT-FOUND))
      (caller contract-caller)
    )
    (asserts!
      (or (is-eq caller (get client escrow)) (is-eq caller (get freelancer escrow)))
      ERR-NOT-ESCROW-PARTY
    )
    (asserts! (is-eq (get status escrow) ESCROW-CREATED)
      ERR-INVALID-ESCROW-STATUS
    )
    (map-set escrows escrow-id (merge escrow { status: ESCROW-CANCELLED }))
    (print {
      topic: "escrow-cancelled",
      escrow-id: escrow-id,
      by: caller,
    })
    (ok true)
  )
)

;; Withdraw everything credited to the caller in one token: none = STX, or the
;; SIP-010 token's trait. Returns (ok amount). Not blocked by pause. The credit
;; is cleared before paying; if the payment fails the whole call reverts and
;; the credit is kept.
(define-public (withdraw (ft (optional <sip-010-trait>)))
  (let (
      (account contract-caller)
      (token (token-of ft))
      (key {
        token: token,
        account: account,
      })
      (amount (default-to u0 (map-get? credits key)))
      (balances (get-token-balances token))
    )
    (asserts! (> amount u0) ERR-NOTHING-TO-WITHDRAW)
    (map-delete credits key)
    (map-set token-balances token
      (merge balances { credited: (- (get credited balances) amount) })
    )
    (try! (match ft
      t (send-ft t amount account)
      (send-stx amount account)
    ))
    (print {
      topic: "withdrawn",
      account: account,
      token: token,
      amount: amount,
    })
    (ok amount)
  )
)

;; --------------------------------- admin ---------------------------------

;; Set the platform fee for escrows created from now on (existing escrows keep
;; theirs). Only "fee-manager". At most MAX-FEE-BPS.
(define-public (set-platform-fee (bps uint))
  (let ((previous-bps (var-get platform-fee-bps)))
    (asserts! (has-role ROLE-FEE-MANAGER contract-caller) ERR-NOT-AUTHORIZED)
    (asserts! (<= bps MAX-FEE-BPS) ERR-FEE-ABOVE-CAP)
    (var-set platform-fee-bps bps)
    (print {
      topic: "platform-fee-updated",
      previous-bps: previous-bps,
      new-bps: bps,
    })
    (ok true)
  )
)

;; Set the account credited with platform fees from now on (credits already
;; made stay with the previous recipient). Only "fee-manager".
(define-public (set-fee-recipient (recipient principal))
  (let ((previous-recipient (var-get fee-recipient)))
    (asserts! (has-role ROLE-FEE-MANAGER contract-caller) ERR-NOT-AUTHORIZED)
    (asserts!
      (and (is-standard recipient) (not (is-eq recipient current-contract)))
      ERR-INVALID-FEE-RECIPIENT
    )
    (var-set fee-recipient recipient)
    (print {
      topic: "fee-recipient-updated",
      previous-recipient: previous-recipient,
      new-recipient: recipient,
    })
    (ok true)
  )
)

;; Stop new escrows from being created or funded. Only "pauser" (the
;; guardian). Never blocks submit, approve, cancel or withdraw: pausing cannot
;; freeze funds.
(define-public (pause)
  (begin
    (asserts! (has-role ROLE-PAUSER contract-caller) ERR-NOT-AUTHORIZED)
    (asserts! (not (var-get paused)) ERR-PAUSED)
    (var-set paused true)
    (print {
      topic: "paused",
      account: contract-caller,
    })
    (ok true)
  )
)

;; Resume creating and funding escrows. Only "admin".
(define-public (unpause)
  (begin
    (asserts! (has-role ROLE-ADMIN contract-caller) ERR-NOT-AUTHORIZED)
    (asserts! (var-get paused) ERR-NOT-PAUSED)
    (var-set paused false)
    (print {
      topic: "unpaused",
      account: contract-caller,
    })
    (ok true)
  )
)

;; Grant `role` to `account`. Only "admin". Returns (ok true) when the role was
;; newly granted, (ok false) when `account` already had it (no event then).
(define-public (grant-role
    (role (string-ascii 16))
    (account principal)
  )
  (begin
    (asserts! (has-role ROLE-ADMIN contract-caller) ERR-NOT-AUTHORIZED)
    (asserts! (is-known-role role) ERR-UNKNOWN-ROLE)
    (if (has-role role account)
      (ok false)
      (begin
        (map-set roles {
          role: role,
          account: account,
        }
          true
        )
        (print {
          topic: "role-granted",
          role: role,
          account: account,
          sender: contract-caller,
        })
        (ok true)
      )
    )
  )
)

;; Revoke `role` from `account`. Only "admin". An admin may revoke its own
;; admin role (as OpenZeppelin's AccessControl allows); with no admin left,
;; roles are frozen. Returns (ok true) when the role was held, (ok false)
;; otherwise (no event then).
(define-public (revoke-role
    (role (string-ascii 16))
    (account principal)
  )
  (begin
    (asserts! (has-role ROLE-ADMIN contract-caller) ERR-NOT-AUTHORIZED)
    (asserts! (is-known-role role) ERR-UNKNOWN-ROLE)
    (if (has-role role account)
      (begin
        (map-delete roles {
          role: role,
          account: account,
        })
        (print {
          topic: "role-revoked",
          role: role,
          account: account,
          sender: contract-caller,
        })
        (ok true)
      )
      (ok false)
    )
  )
)

;; --------------------------------- views ---------------------------------

;; The escrow `escrow-id`, with the Solidity struct's fields; none when it does
;; not exist (status None).
(define-read-only (get-escrow (escrow-id uint))
  (match (map-get? escrows escrow-id)
    e (some {
      client: (get client e),
      freelancer: (get freelancer e),
      token: (get token e),
      fee-bps: (get fee-bps e),
      status: (get status e),
      milestone-count: (get milestone-count e),
      released-count: (get released-count e),
      total: (get total e),
      released: (get released e),
    })
    none
  )
)

;; Milestone `index` of escrow `escrow-id`: {amount, status}; none when either
;; does not exist.
(define-read-only (get-milestone
    (escrow-id uint)
    (index uint)
  )
  (match (map-get? escrows escrow-id)
    e (match (element-at? (get amounts e) index)
      amount (some {
        amount: amount,
        status: (unwrap-panic (element-at? (get milestone-statuses e) index)),
      })
      none
    )
    none
  )
)

;; All milestones of escrow `escrow-id`, in order; none when it does not exist.
(define-read-only (get-milestones (escrow-id uint))
  (match (map-get? escrows escrow-id)
    e (some (map milestone-view (get amounts e) (get milestone-statuses e)))
    none
  )
)

;; What `account` may withdraw in `token` (none = STX).
(define-read-only (get-credit
    (token (optional principal))
    (account principal)
  )
  (default-to u0
    (map-get? credits {
      token: token,
      account: account,
    })
  )
)

;; Sum of funded, unreleased milestone amounts held in `token` (none = STX).
(define-read-only (get-locked-balance (token (optional principal)))
  (get locked (get-token-balances token))
)

;; Sum of credits not yet withdrawn in `token` (none = STX).
(define-read-only (get-credited-balance (token (optional principal)))
  (get credited (get-token-balances token))
)

;; Platform fee for new escrows, in basis points.
(define-read-only (get-platform-fee)
  (var-get platform-fee-bps)
)

;; Account credited with platform fees.
(define-read-only (get-fee-recipient)
  (var-get fee-recipient)
)

;; Number of escrows ever created; the latest id.
(define-read-only (get-escrow-count)
  (var-get escrow-count)
)

;; Whether creating and funding escrows is paused.
(define-read-only (is-paused)
  (var-get paused)
)

;; Whether `account` holds `role` ("admin", "fee-manager", "pauser").
(define-read-only (has-role
    (role (string-ascii 16))
    (account principal)
  )
  (default-to false
    (map-get? roles {
      role: role,
      account: account,
    })
  )
)

;; -------------------------------- private --------------------------------

;; ceil(amount * bps / 10000), computed without the intermediate product
;; amount * bps (which could overflow u128 for huge amounts):
;; amount = q * 10000 + r  =>  fee = q * bps + ceil(r * bps / 10000).
;; With bps <= 10000, fee <= amount, so payout = amount - fee never underflows.
(define-private (fee-for
    (amount uint)
    (bps uint)
  )
  (+
    (* (/ amount BPS-DENOMINATOR) bps)
    (/ (+ (* (mod amount BPS-DENOMINATOR) bps) (- BPS-DENOMINATOR u1))
      BPS-DENOMINATOR
    ))
)

;; fold step of create-escrow: (some running-total), or none once an amount
;; is zero or the sum would exceed MAX-UINT.
(define-private (add-milestone-amount
    (amount uint)
    (total (optional uint))
  )
  (match total
    sum (if (and (> amount u0) (<= amount (- MAX-UINT sum)))
      (some (+ sum amount))
      none
    )
    none
  )
)

(define-private (pending-status (amount uint))
  MILESTONE-PENDING
)

(define-private (milestone-view
    (amount uint)
    (status uint)
  )
  {
    amount: amount,
    status: status,
  }
)

(define-private (is-known-role (role (string-ascii 16)))
  (or (is-eq role ROLE-ADMIN) (is-eq role ROLE-FEE-MANAGER) (is-eq role ROLE-PAUSER))
)

;; none (STX) or a contract principal of this network (principal-destruct?
;; returns err for another network's principal).
(define-private (is-valid-token (token (optional principal)))
  (match token
    p (match (principal-destruct? p)
      parts (is-some (get name parts))
      wrong-network false
    )
    true
  )
)

(define-private (token-of (ft (optional <sip-010-trait>)))
  (match ft
    t (some (contract-of t))
    none
  )
)

(define-private (get-token-balances (token (optional principal)))
  (default-to {
    locked: u0,
    credited: u0,
  }
    (map-get? token-balances token)
  )
)

;; Add `amount` to the credit of `account` in `token` (no write when zero).
(define-private (credit
    (token (optional principal))
    (account principal)
    (amount uint)
  )
  (let ((key {
      token: token,
      account: account,
    }))
    (and
      (> amount u0)
      (map-set credits key (+ amount (default-to u0 (map-get? credits key))))
    )
  )
)

;; Move `amount` micro-STX from `from` (must be tx-sender) into this contract.
(define-private (pull-stx
    (amount uint)
    (from principal)
  )
  (begin
    (unwrap! (stx-transfer? amount from current-contract)
      ERR-TOKEN-TRANSFER-FAILED
    )
    (ok true)
  )
)

;; Move `amount` of SIP-010 `t` from `from` into this contract and check that
;; exactly `amount` arrived.
(define-private (pull-ft
    (t <sip-010-trait>)
    (amount uint)
    (from principal)
  )
  (let ((before (unwrap! (contract-call? t get-balance current-contract)
      ERR-TOKEN-TRANSFER-FAILED
    )))
    (unwrap! (contract-call? t transfer amount from current-contract none)
      ERR-TOKEN-TRANSFER-FAILED
    )
    (asserts!
      (is-eq
        (unwrap! (contract-call? t get-balance current-contract)
          ERR-TOKEN-TRANSFER-FAILED
        )
        (+ before amount)
      )
      ERR-INSUFFICIENT-TOKENS-RECEIVED
    )
    (ok true)
  )
)

;; Pay `amount` micro-STX from this contract to `recipient`. The allowance
;; lets exactly `amount` STX leave; anything more reverts the body (defensive:
;; the body moves exactly `amount`, so the error branch cannot be reached).
(define-private (send-stx
    (amount uint)
    (recipient principal)
  )
  (match (as-contract? ((with-stx amount))
    (unwrap! (stx-transfer? amount current-contract recipient)
      ERR-TOKEN-TRANSFER-FAILED
    ))
    sent (ok true)
    violated-allowance ERR-ASSET-ALLOWANCE-EXCEEDED
  )
)

;; Pay `amount` of SIP-010 `t` from this contract to `recipient`. The
;; allowance lets exactly `amount` of `t`'s tokens ("*" = any token defined by
;; that contract) leave and nothing else: a hostile `transfer` that also tries
;; to move STX or another token out of this contract is reverted.
(define-private (send-ft
    (t <sip-010-trait>)
    (amount uint)
    (recipient principal)
  )
  (match (as-contract? ((with-ft (contract-of t) "*" amount))
    (unwrap! (contract-call? t transfer amount current-contract recipient none)
      ERR-TOKEN-TRANSFER-FAILED
    ))
    sent (ok true)
    violated-allowance ERR-ASSET-ALLOWANCE-EXCEEDED
  )
)
