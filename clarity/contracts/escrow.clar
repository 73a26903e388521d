;; Worx milestone escrow (Stacks, Clarity 4).
;;
;; Mirrors contracts/interfaces/IMilestoneEscrow.sol. A client and a freelancer
;; agree a job of 1..50 milestones in one asset (STX when `token` is none, or
;; an allowlisted SIP-010 contract), each with a due date. The client funds the
;; whole job; the freelancer submits each milestone; the client approves it,
;; or stays silent past the job's review period and the freelancer claims it;
;; a milestone never delivered can be reclaimed by the client once its due
;; date plus the job's grace period has passed. Either party may dispute a
;; milestone: an "arbiter" (role granted by the protocol's multisig) rules any
;; split in basis points, or the parties settle on a split themselves (one
;; signs a SIP-018 structured-data offer, the other submits it).
;;
;; MONEY. On every payout to the freelancer the platform fee (basis points,
;; fixed into the job at creation, discounted by the freelancer's tier from
;; the fee-discount source) is credited to the fee recipient and the rest to
;; the freelancer; fee + payout + refund == amount exactly for every settled
;; milestone. Rounding never favours the party being paid: the fee rounds up,
;; and in a split the freelancer's gross share rounds down. Payouts are
;; pull-based: settled amounts accrue as credits that their owners `withdraw`.
;;
;; CONSERVATION LAW, per token (STX = none):
;;   balance of this contract == get-held-balance
;;     == funded, unsettled milestone amounts + credits not yet withdrawn.
;; Only fund-escrow (+ total) and withdraw (- amount) change it; settling a
;; milestone moves value from "unsettled" to "credited" inside the counter. A
;; settled milestone (released, refunded or resolved) can never pay again.
;;
;; TIME is Clarity 4 `stacks-block-time` (Unix seconds of the block the
;; transaction is in), as on EVM: due dates, review and grace periods and
;; settlement deadlines are seconds and do not depend on the block rate.
;;
;; WORK HISTORY. Every job records per-freelancer stats on-chain (completed
;; jobs, deliveries on time, ratings 1-5 given once per job by the client,
;; disputes opened and lost, reclaimed milestones) and earnings per token.
;;
;; Events are `print`ed tuples whose `topic` is the kebab-case Solidity event
;; name and whose other fields are the Solidity event's parameters in
;; kebab-case (`escrowId` -> `escrow-id`). Each is printed right after the
;; state change it reports.
;;
;; WHO IS ACTING (client, freelancer, role holder, withdraw beneficiary,
;; settlement submitter) is always decided on `contract-caller`, never on
;; `tx-sender` alone:
;;   - a user signing a call straight to this contract has
;;     tx-sender = contract-caller = the user;
;;   - when a user calls some other contract that calls this one, tx-sender is
;;     still the user but contract-caller is that intermediate contract. Keying
;;     on contract-caller means the intermediate contract acts only as ITSELF:
;;     it can never impersonate the user whose tx-sender it inherits (the
;;     approach of the sBTC protocol contracts). A user who calls a malicious
;;     contract cannot have their escrows approved, disputed, settled,
;;     reclaimed or cancelled, nor their credits withdrawn, nor admin or
;;     arbiter roles exercised, behind their back;
;;   - a contract (multisig, DAO timelock, smart wallet) can still be a client,
;;     freelancer or role holder in its own name: it calls from inside
;;     `as-contract?`, where tx-sender and contract-caller are both itself. It
;;     cannot SIGN a settlement offer though (only keys sign): a settlement
;;     with a contract party works only when the contract is the submitter.
;; Funds pulled by `fund-escrow` come from the client (= contract-caller), and
;; `stx-transfer?` / SIP-010 `transfer` additionally require that sender to be
;; tx-sender, so an intermediate contract that is not itself the client cannot
;; move the user's funds either.
;;
;; Outgoing transfers use Clarity 4 `as-contract?` with an explicit allowance
;; (`with-stx` / `with-ft`) of exactly the amount being paid, so a hostile token
;; contract called during `withdraw` cannot move any other asset out of the
;; escrow. The fee-discount source is read from inside `as-contract?` with no
;; allowance at all: it runs with tx-sender = this contract (not the client,
;; whose assets it therefore cannot touch) and can move nothing of ours.

(use-trait sip-010-trait .sip-010-trait.sip-010-trait)
(use-trait fee-discount-trait .fee-discount-trait.fee-discount-trait)

;; ------------------------------- constants -------------------------------

;; Upper bound of milestones per escrow; enforced by the `(list 50 ...)` type.
(define-constant MAX-MILESTONES u50)
;; Largest uint (2^128 - 1).
(define-constant MAX-UINT u340282366920938463463374607431768211455)
;; Hard cap of the platform fee (20%). No role can lift it.
(define-constant MAX-FEE-BPS u2000)
(define-constant BPS-DENOMINATOR u10000)
;; A ruling giving the freelancer less than this is a lost dispute (stats).
(define-constant HALF-BPS u5000)
;; Review and grace periods, in seconds (Solidity MIN_PERIOD,
;; MAX_REVIEW_PERIOD, MAX_GRACE_PERIOD).
(define-constant MIN-PERIOD u3600) ;; 1 hour
(define-constant MAX-REVIEW-PERIOD u2592000) ;; 30 days
(define-constant MAX-GRACE-PERIOD u7776000) ;; 90 days
;; Job ratings.
(define-constant MIN-RATING u1)
(define-constant MAX-RATING u5)

;; SIP-018 structured data: a settlement offer is signed over
;; sha256(SIP018-PREFIX ++ sha256(domain) ++ sha256(message)), both hashed as
;; their consensus serialization (to-consensus-buff?).
(define-constant SIP018-PREFIX 0x534950303138) ;; "SIP018"
(define-constant SETTLEMENT-DOMAIN {
  name: "Worx MilestoneEscrow",
  version: "1",
  chain-id: chain-id,
})
(define-constant SETTLEMENT-DOMAIN-HASH (sha256 (unwrap-panic (to-consensus-buff? SETTLEMENT-DOMAIN))))

;; EscrowStatus (same order as the Solidity enum).
(define-constant ESCROW-NONE u0) ;; never created (get-escrow returns none)
(define-constant ESCROW-CREATED u1) ;; agreed, waiting for the client's funds; cancellable
(define-constant ESCROW-FUNDED u2) ;; funds held; milestones in progress
(define-constant ESCROW-COMPLETED u3) ;; every milestone settled, none reclaimed
(define-constant ESCROW-CANCELLED u4) ;; cancelled before funding; nothing was held
(define-constant ESCROW-CLOSED u5) ;; every milestone settled, some reclaimed

;; MilestoneStatus (same order as the Solidity enum). Released, Refunded and
;; Resolved are final.
(define-constant MILESTONE-PENDING u0) ;; not yet delivered
(define-constant MILESTONE-SUBMITTED u1) ;; delivered; waiting for the client (or the review period)
(define-constant MILESTONE-RELEASED u2) ;; paid in full to the freelancer side
(define-constant MILESTONE-DISPUTED u3) ;; waiting for a ruling or a settlement
(define-constant MILESTONE-REFUNDED u4) ;; never delivered; reclaimed by the client
(define-constant MILESTONE-RESOLVED u5) ;; split by a ruling or a settlement

;; Roles (Solidity: DEFAULT_ADMIN_ROLE, FEE_MANAGER_ROLE, PAUSER_ROLE, ARBITER_ROLE).
(define-constant ROLE-ADMIN "admin") ;; grants/revokes roles, token allowlist, unpauses
(define-constant ROLE-FEE-MANAGER "fee-manager") ;; platform fee, fee recipient, fee-discount source
(define-constant ROLE-PAUSER "pauser") ;; pauses creating and funding escrows
(define-constant ROLE-ARBITER "arbiter") ;; rules disputed milestones (never on its own escrows)

;; Milestone indexes u0..u49, sliced to read all milestones of an escrow.
(define-constant INDEXES (list
  u0 u1 u2 u3 u4 u5 u6 u7 u8 u9 u10 u11 u12 u13 u14 u15 u16 u17 u18 u19 u20 u21 u22 u23
  u24 u25 u26 u27 u28 u29 u30 u31 u32 u33 u34 u35 u36 u37 u38 u39 u40 u41 u42 u43 u44
  u45 u46 u47 u48 u49
))

;; -------------------------------- errors --------------------------------
;; Range u1000-u1099 belongs to this contract:
;;   u1000-u1009 admin / roles / pause, u1010-u1019 escrow lifecycle and
;;   creation arguments, u1020-u1029 moving funds, u1030-u1039 time (due
;;   dates, review and grace periods), u1040-u1049 disputes, settlements and
;;   ratings.
;; Codes below u1000 (e.g. u1..u4 from stx-transfer?, or a token's own codes)
;; never come from this contract itself. Errors carry no parameters: the
;; Solidity error's parameters are the call's arguments or readable with the
;; read-only functions named in each "Debug" note.

;; The caller (contract-caller) lacks the role the function needs: "admin" for
;; grant-role/revoke-role/set-token-allowed/unpause, "fee-manager" for
;; set-platform-fee/set-fee-recipient/set-fee-discount-source, "pauser" for
;; pause, "arbiter" for resolve-dispute. Solidity:
;; AccessControlUnauthorizedAccount. Debug: (has-role role caller). A call
;; routed through another contract is checked against THAT contract, not the
;; signing wallet (see header).
(define-constant ERR-NOT-AUTHORIZED (err u1000))
;; create-escrow / fund-escrow while the contract is paused, or pause when
;; already paused. Solidity: EnforcedPause. Debug: (is-paused); an admin unpauses.
(define-constant ERR-PAUSED (err u1001))
;; unpause while not paused. Solidity: ExpectedPause. Debug: (is-paused).
(define-constant ERR-NOT-PAUSED (err u1002))
;; grant-role / revoke-role with a role name other than "admin",
;; "fee-manager", "pauser", "arbiter" (Clarity-only: Solidity role ids are
;; free-form bytes32). Debug: check spelling; names are lower-case kebab-case.
(define-constant ERR-UNKNOWN-ROLE (err u1003))
;; set-platform-fee above MAX-FEE-BPS (u2000 = 20%). Solidity: FeeAboveCap.
;; Debug: bps are hundredths of a percent (u1000 = 10%).
(define-constant ERR-FEE-ABOVE-CAP (err u1004))
;; set-fee-recipient with this contract itself or a principal of another
;; network (credits to either could never be withdrawn). Solidity:
;; InvalidFeeRecipient (zero address). Debug: ST.. on testnet, SP.. on mainnet.
(define-constant ERR-INVALID-FEE-RECIPIENT (err u1005))
;; set-fee-discount-source with (some p) where p is not a contract principal
;; of this network, or is this contract (Clarity-only: no trait could ever be
;; passed for it, so every create-escrow would fail). Debug: pass none to
;; switch discounts off, or the source contract's full id 'ST...name.
(define-constant ERR-INVALID-FEE-DISCOUNT-SOURCE (err u1006))
;; create-escrow whose `discount-source` argument is not the stored source:
;; it must be none when no source is set and (some <trait>) whose contract-of
;; is the stored source otherwise (Clarity-only: Clarity calls a contract only
;; through a trait passed in, so the client passes the source the escrow
;; reads). Debug: (get-fee-discount-source); it may have just been changed by
;; the multisig.
(define-constant ERR-FEE-DISCOUNT-SOURCE-MISMATCH (err u1007))

;; No escrow has this id. Solidity: EscrowNotFound. Debug: ids start at u1 and
;; count up to (get-escrow-count); check you query the right network/deployment.
(define-constant ERR-ESCROW-NOT-FOUND (err u1010))
;; The caller is not the party the action belongs to: fund, approve, reclaim
;; and rate need the client; submit and claim need the freelancer; dispute,
;; settle and cancel need either. Solidity: NotEscrowParty. Debug: compare
;; contract-caller with (get-escrow id) client / freelancer; a call through an
;; intermediate contract is made by that contract.
(define-constant ERR-NOT-ESCROW-PARTY (err u1011))
;; The escrow is not in the status the action needs (funding twice,
;; submitting, approving, disputing or settling before funding or after the
;; job ended, cancelling after funding, rating before the job ended).
;; Solidity: InvalidEscrowStatus. Debug: (get-escrow id) status: u1 created,
;; u2 funded, u3 completed, u4 cancelled, u5 closed.
(define-constant ERR-INVALID-ESCROW-STATUS (err u1012))
;; The milestone is not in the status the action needs (submitting twice,
;; approving or claiming before the freelancer submitted, reclaiming a
;; delivered milestone, disputing twice, ruling an undisputed milestone,
;; settling a settled one). Solidity: InvalidMilestoneStatus. Debug:
;; (get-milestone id index) status: u0 pending, u1 submitted, u2 released,
;; u3 disputed, u4 refunded, u5 resolved.
(define-constant ERR-INVALID-MILESTONE-STATUS (err u1013))
;; `index` is not below the escrow's milestone count (indexes start at u0).
;; Solidity: MilestoneIndexOutOfRange. Debug: (get-escrow id) milestone-count.
(define-constant ERR-MILESTONE-INDEX-OUT-OF-RANGE (err u1014))
;; create-escrow with an empty milestone list. More than 50 milestones cannot
;; even be sent: the `(list 50 ...)` argument type rejects the transaction.
;; Solidity: InvalidMilestoneCount.
(define-constant ERR-INVALID-MILESTONE-COUNT (err u1015))
;; create-escrow with a zero milestone amount, or amounts whose sum would not
;; fit in a uint (2^128 - 1; Solidity bounds each amount by 2^128 - 1
;; instead). Solidity: InvalidMilestoneAmount. Debug: amounts are in the
;; token's smallest unit (micro-STX for STX).
(define-constant ERR-INVALID-MILESTONE-AMOUNT (err u1016))
;; create-escrow whose freelancer is the client itself, this contract, or a
;; principal of another network. Solidity: InvalidFreelancer.
(define-constant ERR-INVALID-FREELANCER (err u1017))
;; set-token-allowed with (some p) where p is not a contract principal of
;; this network (Clarity-only: such a token could never be passed as a
;; SIP-010 trait). Debug: pass none for STX, or the SIP-010 contract's full id
;; 'ST...name.
(define-constant ERR-INVALID-TOKEN (err u1018))
;; create-escrow in a token that is not allowlisted for new jobs (STX is none,
;; allowlisted at deployment). Solidity: TokenNotAllowed. Debug:
;; (is-token-allowed token); the allowlist comes from the chain registry's
;; stablecoins and is changed by the multisig (set-token-allowed).
(define-constant ERR-TOKEN-NOT-ALLOWED (err u1019))

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

;; create-escrow with a milestone due at or before the creation block's time.
;; Solidity: InvalidDueDate. Debug: due dates are Unix SECONDS (not
;; milliseconds, not block heights) and must lie after stacks-block-time of
;; the block the transaction lands in (allow for the time it waits).
(define-constant ERR-INVALID-DUE-DATE (err u1030))
;; create-escrow with a review period outside [MIN-PERIOD, MAX-REVIEW-PERIOD]
;; = [u3600, u2592000] seconds. Solidity: InvalidReviewPeriod. Debug:
;; (get-limits); periods are seconds.
(define-constant ERR-INVALID-REVIEW-PERIOD (err u1031))
;; create-escrow with a grace period outside [MIN-PERIOD, MAX-GRACE-PERIOD]
;; = [u3600, u7776000] seconds. Solidity: InvalidGracePeriod. Debug:
;; (get-limits); periods are seconds.
(define-constant ERR-INVALID-GRACE-PERIOD (err u1032))
;; claim-milestone before submitted-at + review-period. Solidity:
;; ReviewPeriodNotOver (claimableAt). Debug: claimable from
;; (get-milestone id index) submitted-at + (get-escrow id) review-period,
;; compared with stacks-block-time of the transaction's block.
(define-constant ERR-REVIEW-PERIOD-NOT-OVER (err u1033))
;; reclaim-milestone before due-date + grace-period. Solidity:
;; GracePeriodNotOver (reclaimableAt). Debug: reclaimable from
;; (get-milestone id index) due-date + (get-escrow id) grace-period, if the
;; milestone is still pending then.
(define-constant ERR-GRACE-PERIOD-NOT-OVER (err u1034))

;; resolve-dispute / settle-milestone giving the freelancer more than u10000
;; basis points (100%). Solidity: InvalidSplit.
(define-constant ERR-INVALID-SPLIT (err u1040))
;; resolve-dispute by an arbiter that is the client or the freelancer of the
;; escrow. Solidity: ArbiterIsParty. Debug: another "arbiter" must rule.
(define-constant ERR-ARBITER-IS-PARTY (err u1041))
;; settle-milestone after the offer's deadline (stacks-block-time > deadline).
;; Solidity: SettlementExpired. Debug: deadlines are Unix seconds; ask the
;; counterparty for a new offer.
(define-constant ERR-SETTLEMENT-EXPIRED (err u1042))
;; settle-milestone whose signature does not recover to the OTHER party of
;; the escrow over this offer and that party's current nonce. Solidity:
;; InvalidSettlementSignature. Debug: the counterparty signs the SIP-018
;; message {escrow, escrow-id, index, freelancer-bps, nonce: (get-nonce signer),
;; deadline} in the domain (get-settlement-domain); compare with
;; (get-settlement-hash ...). An offer is void once the signer revoked its
;; offers or another of its offers was used (the nonce moved on). A contract
;; principal cannot sign: with a contract party, the contract must submit.
(define-constant ERR-INVALID-SETTLEMENT-SIGNATURE (err u1043))
;; rate-job with a rating outside u1..u5. Solidity: InvalidRating.
(define-constant ERR-INVALID-RATING (err u1044))
;; rate-job a second time. Solidity: AlreadyRated. Debug: (get-escrow id) rated.
(define-constant ERR-ALREADY-RATED (err u1045))

;; --------------------------------- state ---------------------------------

(define-constant DEPLOYER tx-sender)

;; Platform fee (bps) fixed into escrows created from now on, before any
;; discount. Seed: 10%.
(define-data-var platform-fee-bps uint u1000)
;; Account credited with platform fees (the treasury). Seed: the deployer.
(define-data-var fee-recipient principal DEPLOYER)
;; Contract read for freelancers' fee discounts at creation; none = no discounts.
(define-data-var fee-discount-source (optional principal) none)
;; When true, create-escrow and fund-escrow fail; nothing else is blocked.
(define-data-var paused bool false)
;; Number of escrows ever created; the latest id.
(define-data-var escrow-count uint u0)

;; One escrow: the Solidity struct Escrow.
(define-map escrows
  uint
  {
    client: principal,
    freelancer: principal,
    token: (optional principal),
    fee-bps: uint, ;; after the freelancer's discount
    status: uint,
    milestone-count: uint,
    settled-count: uint, ;; milestones in a final status
    review-period: uint, ;; seconds
    grace-period: uint, ;; seconds
    reclaimed: bool, ;; some milestone was reclaimed by the client
    rated: bool, ;; the client rated the job
    total: uint,
    released: uint, ;; gross amounts settled to the freelancer side (payouts + fees)
    refunded: uint, ;; amounts settled back to the client
  }
)

;; One milestone (Solidity struct Milestone), one entry each so that an action
;; reads and writes only the milestone it touches, whatever the job's size.
(define-map milestones
  {
    escrow-id: uint,
    index: uint,
  }
  {
    amount: uint,
    due-date: uint, ;; Unix seconds
    submitted-at: uint, ;; Unix seconds; u0 until submitted
    status: uint,
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

;; What the escrow owes in `token`: funded, unsettled milestone amounts plus
;; credits not yet withdrawn. Its balance of the token always equals this.
(define-map held-balances
  (optional principal)
  uint
)

;; A freelancer's work history (Solidity struct FreelancerStats).
(define-map freelancer-stats
  principal
  {
    completed-jobs: uint,
    milestones-delivered: uint,
    milestones-on-time: uint,
    milestones-reclaimed: uint,
    rating-count: uint,
    rating-sum: uint,
    disputes-opened: uint,
    disputes-lost: uint,
  }
)

;; What a freelancer has been paid in a token over all jobs (net of fees).
(define-map earnings
  {
    freelancer: principal,
    token: (optional principal),
  }
  uint
)

;; Settlement-offer nonce of each signer: only offers signed with the current
;; one are valid; it moves on when an offer is used or the signer revokes.
(define-map nonces
  principal
  uint
)

;; Tokens new jobs may be paid in (none = STX).
(define-map allowed-tokens
  (optional principal)
  bool
)
(map-set allowed-tokens none true)

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

;; Agree a job with `freelancer`, paid in `token` (none = STX, (some
;; 'ST...contract) = an allowlisted SIP-010), one {amount, due-date} per
;; milestone (due dates in Unix seconds, after this block's time), with a
;; review period and a grace period in seconds. The caller is the client.
;; `discount-source` must be the stored fee-discount source (none when none is
;; set): the current platform fee, minus the freelancer's discount read from
;; it (an err response means no discount), is fixed into the job. Fails while
;; paused. Checks run in the Solidity order: paused, count, freelancer, token,
;; review period, grace period, amounts, due dates (Solidity checks amount and
;; due date milestone by milestone; the codes carry no index), then the
;; Clarity-only discount-source check.
;; Returns (ok escrow-id), ids sequential from u1.
(define-public (create-escrow
    (freelancer principal)
    (token (optional principal))
    (milestone-terms (list 50 {
      amount: uint,
      due-date: uint,
    }))
    (review-period uint)
    (grace-period uint)
    (discount-source (optional <fee-discount-trait>))
  )
  (let (
      (client contract-caller)
      (escrow-id (+ (var-get escrow-count) u1))
      (milestone-count (len milestone-terms))
      ;; total, or none when an amount is zero or the sum would overflow
      (total (fold add-milestone-amount milestone-terms (some u0)))
    )
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
    (asserts! (is-token-allowed token) ERR-TOKEN-NOT-ALLOWED)
    (asserts!
      (and (>= review-period MIN-PERIOD) (<= review-period MAX-REVIEW-PERIOD))
      ERR-INVALID-REVIEW-PERIOD
    )
    (asserts!
      (and (>= grace-period MIN-PERIOD) (<= grace-period MAX-GRACE-PERIOD))
      ERR-INVALID-GRACE-PERIOD
    )
    (asserts! (is-some total) ERR-INVALID-MILESTONE-AMOUNT)
    (asserts! (> (fold earliest-due-date milestone-terms MAX-UINT) stacks-block-time)
      ERR-INVALID-DUE-DATE
    )
    (asserts!
      (is-eq
        (match discount-source
          s (some (contract-of s))
          none
        )
        (var-get fee-discount-source)
      )
      ERR-FEE-DISCOUNT-SOURCE-MISMATCH
    )
    (let (
        (base-fee-bps (var-get platform-fee-bps))
        (discount-bps (match discount-source
          s (read-discount s freelancer)
          u0
        ))
        ;; ceil(base * (10000 - discount) / 10000); base <= 2000: no overflow
        (fee-bps (/
          (+ (* base-fee-bps (- BPS-DENOMINATOR discount-bps))
            (- BPS-DENOMINATOR u1)
          )
          BPS-DENOMINATOR
        ))
      )
      (map-set escrows escrow-id {
        client: client,
        freelancer: freelancer,
        token: token,
        fee-bps: fee-bps,
        status: ESCROW-CREATED,
        milestone-count: milestone-count,
        settled-count: u0,
        review-period: review-period,
        grace-period: grace-period,
        reclaimed: false,
        rated: false,
        total: (unwrap-panic total),
        released: u0,
        refunded: u0,
      })
      (fold store-milestone milestone-terms {
        escrow-id: escrow-id,
        index: u0,
      })
      (var-set escrow-count escrow-id)
      (print {
        topic: "escrow-created",
        escrow-id: escrow-id,
        client: client,
        freelancer: freelancer,
        token: token,
        milestones: milestone-terms,
        total: (unwrap-panic total),
        fee-bps: fee-bps,
        review-period: review-period,
        grace-period: grace-period,
      })
      (and
        (> discount-bps u0)
        (begin
          (print {
            topic: "fee-discount-applied",
            escrow-id: escrow-id,
            freelancer: freelancer,
            base-fee-bps: base-fee-bps,
            discount-bps: discount-bps,
          })
          true
        )
      )
      (ok escrow-id)
    )
  )
)

;; Deposit the escrow's total. Only the client, only while created, fails while
;; paused. `ft` must be none for an STX escrow, or the escrow's SIP-010 token
;; (even if it was removed from the allowlist since the job was agreed).
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
      )
      (asserts! (is-eq contract-caller client) ERR-NOT-ESCROW-PARTY)
      (asserts! (is-eq (get status escrow) ESCROW-CREATED)
        ERR-INVALID-ESCROW-STATUS
      )
      (asserts! (is-eq (token-of ft) token) ERR-TOKEN-MISMATCH)
      ;; Effects before the transfer: the token contract (chosen by the client)
      ;; runs during it. If the transfer fails, the whole call reverts.
      (map-set escrows escrow-id (merge escrow { status: ESCROW-FUNDED }))
      (map-set held-balances token (+ (get-held-balance token) total))
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
;; only a pending milestone. Late submissions are accepted (and recorded as not
;; on time) until the client reclaims the milestone.
(define-public (submit-milestone
    (escrow-id uint)
    (index uint)
    (deliverable (buff 32))
  )
  (let (
      (escrow (unwrap! (map-get? escrows escrow-id) ERR-ESCROW-NOT-FOUND))
      (freelancer (get freelancer escrow))
      (key {
        escrow-id: escrow-id,
        index: index,
      })
    )
    (asserts! (is-eq contract-caller freelancer) ERR-NOT-ESCROW-PARTY)
    (asserts! (is-eq (get status escrow) ESCROW-FUNDED)
      ERR-INVALID-ESCROW-STATUS
    )
    (let (
        (milestone (unwrap! (map-get? milestones key) ERR-MILESTONE-INDEX-OUT-OF-RANGE))
        (on-time (<= stacks-block-time (get due-date milestone)))
        (stats (get-freelancer-stats freelancer))
      )
      (asserts! (is-eq (get status milestone) MILESTONE-PENDING)
        ERR-INVALID-MILESTONE-STATUS
      )
      (map-set milestones key
        (merge milestone {
          submitted-at: stacks-block-time,
          status: MILESTONE-SUBMITTED,
        })
      )
      (map-set freelancer-stats freelancer
        (merge stats {
          milestones-delivered: (+ (get milestones-delivered stats) u1),
          milestones-on-time: (+ (get milestones-on-time stats)
            (if on-time
              u1
              u0
            )),
        })
      )
      (print {
        topic: "milestone-submitted",
        escrow-id: escrow-id,
        index: index,
        deliverable: deliverable,
        on-time: on-time,
      })
      (ok true)
    )
  )
)

;; Approve a submitted milestone and release it to the freelancer. Only the
;; client. fee = ceil(amount * fee-bps / 10000) is credited to the fee
;; recipient and payout = amount - fee to the freelancer.
(define-public (approve-milestone
    (escrow-id uint)
    (index uint)
  )
  (release escrow-id index false)
)

;; Release a submitted milestone the client left unanswered for the whole
;; review period. Only the freelancer, from submitted-at + review-period on.
(define-public (claim-milestone
    (escrow-id uint)
    (index uint)
  )
  (release escrow-id index true)
)

;; Take back an undelivered milestone. Only the client, only a pending
;; milestone, from due-date + grace-period on; the whole amount is credited
;; to the client, no fee.
(define-public (reclaim-milestone
    (escrow-id uint)
    (index uint)
  )
  (let (
      (escrow (unwrap! (map-get? escrows escrow-id) ERR-ESCROW-NOT-FOUND))
      (client (get client escrow))
      (freelancer (get freelancer escrow))
    )
    (asserts! (is-eq contract-caller client) ERR-NOT-ESCROW-PARTY)
    (asserts! (is-eq (get status escrow) ESCROW-FUNDED)
      ERR-INVALID-ESCROW-STATUS
    )
    (let (
        (milestone (unwrap! (map-get? milestones {
          escrow-id: escrow-id,
          index: index,
        })
          ERR-MILESTONE-INDEX-OUT-OF-RANGE
        ))
        (stats (get-freelancer-stats freelancer))
      )
      (asserts! (is-eq (get status milestone) MILESTONE-PENDING)
        ERR-INVALID-MILESTONE-STATUS
      )
      (asserts!
        (>= stacks-block-time
          (+ (get due-date milestone) (get grace-period escrow))
        )
        ERR-GRACE-PERIOD-NOT-OVER
      )
      (map-set freelancer-stats freelancer
        (merge stats { milestones-reclaimed: (+ (get milestones-reclaimed stats) u1) })
      )
      (let ((settled (settle escrow-id escrow index milestone u0 MILESTONE-REFUNDED)))
        (print {
          topic: "milestone-refunded",
          escrow-id: escrow-id,
          index: index,
          client: client,
          amount: (get amount milestone),
        })
        (ok (print-end escrow-id (get status settled)))
      )
    )
  )
)

;; Dispute a milestone; `reason` is an opaque reference to the party's
;; statement (zeros when none). Client or freelancer, only while funded, only
;; a pending or submitted milestone. Stops approval, claim and reclaim until
;; the arbiter rules or the parties settle. Counts in the freelancer's
;; disputes-opened, whoever opens it.
(define-public (open-dispute
    (escrow-id uint)
    (index uint)
    (reason (buff 32))
  )
  (let (
      (escrow (unwrap! (map-get? escrows escrow-id) ERR-ESCROW-NOT-FOUND))
      (caller contract-caller)
      (freelancer (get freelancer escrow))
      (key {
        escrow-id: escrow-id,
        index: index,
      })
    )
    (asserts! (or (is-eq caller (get client escrow)) (is-eq caller freelancer))
      ERR-NOT-ESCROW-PARTY
    )
    (asserts! (is-eq (get status escrow) ESCROW-FUNDED)
      ERR-INVALID-ESCROW-STATUS
    )
    (let (
        (milestone (unwrap! (map-get? milestones key) ERR-MILESTONE-INDEX-OUT-OF-RANGE))
        (status (get status milestone))
        (stats (get-freelancer-stats freelancer))
      )
      (asserts!
        (or (is-eq status MILESTONE-PENDING) (is-eq status MILESTONE-SUBMITTED))
        ERR-INVALID-MILESTONE-STATUS
      )
      (map-set milestones key (merge milestone { status: MILESTONE-DISPUTED }))
      (map-set freelancer-stats freelancer
        (merge stats { disputes-opened: (+ (get disputes-opened stats) u1) })
      )
      (print {
        topic: "dispute-opened",
        escrow-id: escrow-id,
        index: index,
        opened-by: caller,
        reason: reason,
      })
      (ok true)
    )
  )
)

;; Rule a disputed milestone: `freelancer-bps` of the amount to the freelancer
;; (minus the fee), the rest back to the client. Only an "arbiter" that is not
;; a party of the escrow. Final. A ruling below u5000 counts as a lost dispute
;; in the freelancer's stats. Checks: role, escrow, not a party, escrow
;; status, index, milestone status, split.
(define-public (resolve-dispute
    (escrow-id uint)
    (index uint)
    (freelancer-bps uint)
  )
  (let ((arbiter contract-caller))
    (asserts! (has-role ROLE-ARBITER arbiter) ERR-NOT-AUTHORIZED)
    (let (
        (escrow (unwrap! (map-get? escrows escrow-id) ERR-ESCROW-NOT-FOUND))
        (freelancer (get freelancer escrow))
      )
      (asserts!
        (not (or (is-eq arbiter (get client escrow)) (is-eq arbiter freelancer)))
        ERR-ARBITER-IS-PARTY
      )
      (asserts! (is-eq (get status escrow) ESCROW-FUNDED)
        ERR-INVALID-ESCROW-STATUS
      )
      (let ((milestone (unwrap! (map-get? milestones {
          escrow-id: escrow-id,
          index: index,
        })
          ERR-MILESTONE-INDEX-OUT-OF-RANGE
        )))
        (asserts! (is-eq (get status milestone) MILESTONE-DISPUTED)
          ERR-INVALID-MILESTONE-STATUS
        )
        (asserts! (<= freelancer-bps BPS-DENOMINATOR) ERR-INVALID-SPLIT)
        (and
          (< freelancer-bps HALF-BPS)
          (let ((stats (get-freelancer-stats freelancer)))
            (map-set freelancer-stats freelancer
              (merge stats { disputes-lost: (+ (get disputes-lost stats) u1) })
            )
          )
        )
        (let ((settled (settle escrow-id escrow index milestone freelancer-bps
            MILESTONE-RESOLVED
          )))
          (print {
            topic: "dispute-ruled",
            escrow-id: escrow-id,
            index: index,
            arbiter: arbiter,
            freelancer-bps: freelancer-bps,
            fee: (get fee settled),
            payout: (get payout settled),
            refund: (get refund settled),
          })
          (ok (print-end escrow-id (get status settled)))
        )
      )
    )
  )
)

;; Settle a milestone on a split both parties agreed: the caller (client or
;; freelancer) submits the OTHER party's SIP-018 signature (65 bytes, RSV) of
;; the message {escrow, escrow-id, index, freelancer-bps, nonce, deadline} in the
;; domain (get-settlement-domain), where nonce is the signer's current
;; (get-nonce signer); by calling, the caller agrees to it. The signer's
;; nonce is used up. Allowed on pending, submitted or disputed milestones,
;; while stacks-block-time <= deadline. Final; never counts as a lost dispute.
;; Checks: party, escrow status, index, milestone status, split, deadline,
;; signature.
(define-public (settle-milestone
    (escrow-id uint)
    (index uint)
    (freelancer-bps uint)
    (deadline uint)
    (signature (buff 65))
  )
  (let (
      (escrow (unwrap! (map-get? escrows escrow-id) ERR-ESCROW-NOT-FOUND))
      (caller contract-caller)
      (client (get client escrow))
      (freelancer (get freelancer escrow))
      (signer (if (is-eq caller client)
        freelancer
        client
      ))
    )
    (asserts! (or (is-eq caller client) (is-eq caller freelancer))
      ERR-NOT-ESCROW-PARTY
    )
    (asserts! (is-eq (get status escrow) ESCROW-FUNDED)
      ERR-INVALID-ESCROW-STATUS
    )
    (let (
        (milestone (unwrap! (map-get? milestones {
          escrow-id: escrow-id,
          index: index,
        })
          ERR-MILESTONE-INDEX-OUT-OF-RANGE
        ))
        (status (get status milestone))
        (nonce (get-nonce signer))
      )
      (asserts!
        (or
          (is-eq status MILESTONE-PENDING)
          (is-eq status MILESTONE-SUBMITTED)
          (is-eq status MILESTONE-DISPUTED)
        )
        ERR-INVALID-MILESTONE-STATUS
      )
      (asserts! (<= freelancer-bps BPS-DENOMINATOR) ERR-INVALID-SPLIT)
      (asserts! (<= stacks-block-time deadline) ERR-SETTLEMENT-EXPIRED)
      (asserts!
        (is-eq
          (recover-signer
            (get-settlement-hash escrow-id index freelancer-bps nonce deadline)
            signature
          )
          (some signer)
        )
        ERR-INVALID-SETTLEMENT-SIGNATURE
      )
      (map-set nonces signer (+ nonce u1))
      (let ((settled (settle escrow-id escrow index milestone freelancer-bps
          MILESTONE-RESOLVED
        )))
        (print {
          topic: "milestone-settled",
          escrow-id: escrow-id,
          index: index,
          freelancer-bps: freelancer-bps,
          fee: (get fee settled),
          payout: (get payout settled),
          refund: (get refund settled),
        })
        (ok (print-end escrow-id (get status settled)))
      )
    )
  )
)

;; Void every settlement offer the caller has signed and not yet seen used:
;; its nonce moves on. Returns (ok new-nonce).
(define-public (revoke-settlement-offers)
  (let (
      (account contract-caller)
      (nonce (+ (get-nonce account) u1))
    )
    (map-set nonces account nonce)
    (print {
      topic: "settlement-offers-revoked",
      account: account,
      nonce: nonce,
    })
    (ok nonce)
  )
)

;; Rate a finished job, u1 (worst) to u5 (best). Only the client, once, once
;; the escrow is completed or closed. Checks: escrow, client, status, not yet
;; rated, rating.
(define-public (rate-job
    (escrow-id uint)
    (rating uint)
  )
  (let (
      (escrow (unwrap! (map-get? escrows escrow-id) ERR-ESCROW-NOT-FOUND))
      (freelancer (get freelancer escrow))
      (status (get status escrow))
      (stats (get-freelancer-stats freelancer))
    )
    (asserts! (is-eq contract-caller (get client escrow)) ERR-NOT-ESCROW-PARTY)
    (asserts! (or (is-eq status ESCROW-COMPLETED) (is-eq status ESCROW-CLOSED))
      ERR-INVALID-ESCROW-STATUS
    )
    (asserts! (not (get rated escrow)) ERR-ALREADY-RATED)
    (asserts! (and (>= rating MIN-RATING) (<= rating MAX-RATING))
      ERR-INVALID-RATING
    )
    (map-set escrows escrow-id (merge escrow { rated: true }))
    (map-set freelancer-stats freelancer
      (merge stats {
        rating-count: (+ (get rating-count stats) u1),
        rating-sum: (+ (get rating-sum stats) rating),
      })
    )
    (print {
      topic: "job-rated",
      escrow-id: escrow-id,
      freelancer: freelancer,
      rating: rating,
    })
    (ok true)
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
    )
    (asserts! (> amount u0) ERR-NOTHING-TO-WITHDRAW)
    (map-delete credits key)
    (map-set held-balances token (- (get-held-balance token) amount))
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

;; Set the account credited with platform fees on every later payout
;; (including payouts of existing escrows; credits already made stay with the
;; previous recipient). Only "fee-manager".
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

;; Set the contract read for freelancers' fee discounts at job creation (a
;; fee-discount-trait contract of this network), or none for no discounts.
;; Only "fee-manager". Existing jobs keep their fee.
(define-public (set-fee-discount-source (source (optional principal)))
  (let ((previous-source (var-get fee-discount-source)))
    (asserts! (has-role ROLE-FEE-MANAGER contract-caller) ERR-NOT-AUTHORIZED)
    (asserts!
      (match source
        p (and (is-contract-principal p) (not (is-eq p current-contract)))
        true
      )
      ERR-INVALID-FEE-DISCOUNT-SOURCE
    )
    (var-set fee-discount-source source)
    (print {
      topic: "fee-discount-source-updated",
      previous-source: previous-source,
      new-source: source,
    })
    (ok true)
  )
)

;; Allow or disallow a token for new jobs (none = STX). Only "admin". Existing
;; jobs in the token are never affected (funding, payouts, withdrawals).
(define-public (set-token-allowed
    (token (optional principal))
    (allowed bool)
  )
  (begin
    (asserts! (has-role ROLE-ADMIN contract-caller) ERR-NOT-AUTHORIZED)
    (asserts!
      (match token
        p (is-contract-principal p)
        true
      )
      ERR-INVALID-TOKEN
    )
    (map-set allowed-tokens token allowed)
    (print {
      topic: "token-allowlist-updated",
      token: token,
      allowed: allowed,
    })
    (ok true)
  )
)

;; Stop new escrows from being created or funded. Only "pauser" (the
;; guardian). Never blocks anything else: pausing cannot freeze funds.
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
  (map-get? escrows escrow-id)
)

;; Milestone `index` of escrow `escrow-id`: {amount, due-date, submitted-at,
;; status}; none when either does not exist.
(define-read-only (get-milestone
    (escrow-id uint)
    (index uint)
  )
  (map-get? milestones {
    escrow-id: escrow-id,
    index: index,
  })
)

;; All milestones of escrow `escrow-id`, in order; none when it does not exist.
(define-read-only (get-milestones (escrow-id uint))
  (match (map-get? escrows escrow-id)
    e (some (get out
      (fold collect-milestone
        (unwrap-panic (slice? INDEXES u0 (get milestone-count e)))
        {
          escrow-id: escrow-id,
          out: (list),
        })
    ))
    none
  )
)

;; A freelancer's work history (all zero for an account that never worked).
;; Satisfaction = rating-sum / (5 * rating-count).
(define-read-only (get-freelancer-stats (freelancer principal))
  (default-to {
    completed-jobs: u0,
    milestones-delivered: u0,
    milestones-on-time: u0,
    milestones-reclaimed: u0,
    rating-count: u0,
    rating-sum: u0,
    disputes-opened: u0,
    disputes-lost: u0,
  }
    (map-get? freelancer-stats freelancer)
  )
)

;; What `freelancer` has been paid in `token` (none = STX) over all jobs, net
;; of fees.
(define-read-only (get-earned
    (freelancer principal)
    (token (optional principal))
  )
  (default-to u0
    (map-get? earnings {
      freelancer: freelancer,
      token: token,
    })
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

;; What the escrow owes in `token` (none = STX): funded, unsettled milestone
;; amounts plus credits not yet withdrawn. Its balance of the token always
;; equals this.
(define-read-only (get-held-balance (token (optional principal)))
  (default-to u0 (map-get? held-balances token))
)

;; The settlement-offer nonce `account` must sign with now.
(define-read-only (get-nonce (account principal))
  (default-to u0 (map-get? nonces account))
)

;; The SIP-018 domain settlement offers are signed in.
(define-read-only (get-settlement-domain)
  SETTLEMENT-DOMAIN
)

;; The SIP-018 hash a party signs to offer a settlement:
;; sha256("SIP018" ++ sha256(domain) ++ sha256(message)) with message
;; {escrow (this contract), escrow-id, index, freelancer-bps, nonce, deadline},
;; each hashed as its
;; consensus serialization (what @stacks/transactions signStructuredData and
;; wallets' structured-message signing compute).
(define-read-only (get-settlement-hash
    (escrow-id uint)
    (index uint)
    (freelancer-bps uint)
    (nonce uint)
    (deadline uint)
  )
  (sha256 (concat SIP018-PREFIX
    (concat SETTLEMENT-DOMAIN-HASH
      (sha256 (unwrap-panic (to-consensus-buff? {
        ;; SIP-018's domain has no contract: naming this escrow in the message
        ;; keeps an offer from being replayed on another escrow deployment.
        escrow: current-contract,
        escrow-id: escrow-id,
        index: index,
        freelancer-bps: freelancer-bps,
        nonce: nonce,
        deadline: deadline,
      })))
    )))
)

;; Whether new jobs may be paid in `token` (none = STX).
(define-read-only (is-token-allowed (token (optional principal)))
  (default-to false (map-get? allowed-tokens token))
)

;; The contract read for fee discounts at job creation (none: no discounts).
(define-read-only (get-fee-discount-source)
  (var-get fee-discount-source)
)

;; Platform fee for new escrows, in basis points (before any discount).
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

;; The bounds create-escrow and set-platform-fee enforce (periods in seconds).
(define-read-only (get-limits)
  {
    max-milestones: MAX-MILESTONES,
    min-period: MIN-PERIOD,
    max-review-period: MAX-REVIEW-PERIOD,
    max-grace-period: MAX-GRACE-PERIOD,
    max-fee-bps: MAX-FEE-BPS,
  }
)

;; Whether `account` holds `role` ("admin", "fee-manager", "pauser", "arbiter").
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

;; approve-milestone (claimed = false: the client) and claim-milestone
;; (claimed = true: the freelancer, after the review period): the whole
;; amount to the freelancer side.
(define-private (release
    (escrow-id uint)
    (index uint)
    (claimed bool)
  )
  (let (
      (escrow (unwrap! (map-get? escrows escrow-id) ERR-ESCROW-NOT-FOUND))
      (freelancer (get freelancer escrow))
    )
    (asserts!
      (is-eq contract-caller
        (if claimed
          freelancer
          (get client escrow)
        ))
      ERR-NOT-ESCROW-PARTY
    )
    (asserts! (is-eq (get status escrow) ESCROW-FUNDED)
      ERR-INVALID-ESCROW-STATUS
    )
    (let ((milestone (unwrap! (map-get? milestones {
        escrow-id: escrow-id,
        index: index,
      })
        ERR-MILESTONE-INDEX-OUT-OF-RANGE
      )))
      (asserts! (is-eq (get status milestone) MILESTONE-SUBMITTED)
        ERR-INVALID-MILESTONE-STATUS
      )
      (asserts!
        (or
          (not claimed)
          (>= stacks-block-time
            (+ (get submitted-at milestone) (get review-period escrow))
          )
        )
        ERR-REVIEW-PERIOD-NOT-OVER
      )
      (let ((settled (settle escrow-id escrow index milestone BPS-DENOMINATOR
          MILESTONE-RELEASED
        )))
        (print {
          topic: "milestone-released",
          escrow-id: escrow-id,
          index: index,
          freelancer: freelancer,
          amount: (get amount milestone),
          fee: (get fee settled),
          payout: (get payout settled),
          claimed: claimed,
        })
        (ok (print-end escrow-id (get status settled)))
      )
    )
  )
)

;; Settle milestone `index` into `final-status` (released, refunded or
;; resolved), `freelancer-bps` of its amount to the freelancer side: credits
;; the fee recipient, the freelancer and the client (see `split`), adds the
;; payout to the freelancer's earnings, and ends the escrow when this was its
;; last unsettled milestone (completed, or closed when one was reclaimed; a
;; completed job counts in the freelancer's completed-jobs). The held balance
;; does not change: the amount moves from unsettled to credited. Returns
;; {fee, payout, refund, status} (status: the escrow's new status); the caller
;; prints its own event, then `print-end`.
(define-private (settle
    (escrow-id uint)
    (escrow {
      client: principal,
      freelancer: principal,
      token: (optional principal),
      fee-bps: uint,
      status: uint,
      milestone-count: uint,
      settled-count: uint,
      review-period: uint,
      grace-period: uint,
      reclaimed: bool,
      rated: bool,
      total: uint,
      released: uint,
      refunded: uint,
    })
    (index uint)
    (milestone {
      amount: uint,
      due-date: uint,
      submitted-at: uint,
      status: uint,
    })
    (freelancer-bps uint)
    (final-status uint)
  )
  (let (
      (token (get token escrow))
      (freelancer (get freelancer escrow))
      (amount (get amount milestone))
      (amounts (split amount freelancer-bps (get fee-bps escrow)))
      (payout (get payout amounts))
      (refund (get refund amounts))
      (settled-count (+ (get settled-count escrow) u1))
      (reclaimed (or (get reclaimed escrow) (is-eq final-status MILESTONE-REFUNDED)))
      (new-status (if (is-eq settled-count (get milestone-count escrow))
        (if reclaimed
          ESCROW-CLOSED
          ESCROW-COMPLETED
        )
        ESCROW-FUNDED
      ))
    )
    (map-set escrows escrow-id
      (merge escrow {
        status: new-status,
        settled-count: settled-count,
        reclaimed: reclaimed,
        released: (+ (get released escrow) (- amount refund)),
        refunded: (+ (get refunded escrow) refund),
      })
    )
    (map-set milestones {
      escrow-id: escrow-id,
      index: index,
    }
      (merge milestone { status: final-status })
    )
    (credit token (var-get fee-recipient) (get fee amounts))
    (credit token freelancer payout)
    (credit token (get client escrow) refund)
    (and
      (> payout u0)
      (let ((key {
          freelancer: freelancer,
          token: token,
        }))
        (map-set earnings key
          (+ payout (default-to u0 (map-get? earnings key)))
        )
      )
    )
    (and
      (is-eq new-status ESCROW-COMPLETED)
      (let ((stats (get-freelancer-stats freelancer)))
        (map-set freelancer-stats freelancer
          (merge stats { completed-jobs: (+ (get completed-jobs stats) u1) })
        )
      )
    )
    (merge amounts { status: new-status })
  )
)

;; Print escrow-completed / escrow-closed when the escrow just ended; returns
;; true (the public functions' ok value).
(define-private (print-end
    (escrow-id uint)
    (new-status uint)
  )
  (begin
    (and
      (is-eq new-status ESCROW-COMPLETED)
      (begin
        (print {
          topic: "escrow-completed",
          escrow-id: escrow-id,
        })
        true
      )
    )
    (and
      (is-eq new-status ESCROW-CLOSED)
      (begin
        (print {
          topic: "escrow-closed",
          escrow-id: escrow-id,
        })
        true
      )
    )
    true
  )
)

;; The split of `amount` at `freelancer-bps` with the job's `fee-bps`:
;;   gross  = floor(amount * freelancer-bps / 10000)  (the freelancer side)
;;   fee    = ceil(gross * fee-bps / 10000)
;;   payout = gross - fee,  refund = amount - gross
;; so fee + payout + refund == amount, and rounding never favours the party
;; paid. gross is computed without the product amount * bps (which could
;; overflow u128): amount = q * 10000 + r => gross = q * bps + floor(r * bps / 10000).
(define-private (split
    (amount uint)
    (freelancer-bps uint)
    (fee-bps uint)
  )
  (let (
      (gross (+ (* (/ amount BPS-DENOMINATOR) freelancer-bps)
        (/ (* (mod amount BPS-DENOMINATOR) freelancer-bps) BPS-DENOMINATOR)
      ))
      (fee (fee-for gross fee-bps))
    )
    {
      fee: fee,
      payout: (- gross fee),
      refund: (- amount gross),
    }
  )
)

;; ceil(amount * bps / 10000), computed without the intermediate product
;; amount * bps: amount = q * 10000 + r  =>  fee = q * bps + ceil(r * bps / 10000).
;; With bps <= 10000, fee <= amount, so amount - fee never underflows.
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

;; The discount `freelancer` earns from `source`, capped at u10000. Read from
;; inside as-contract? with no allowance: the source runs with tx-sender =
;; this contract (so it cannot spend the client's assets) and any asset it
;; tried to move out of this contract reverts its call. An err response, or
;; such an attempt, means no discount. (A source that aborts the transaction
;; with a runtime error blocks creation until the multisig replaces it.)
(define-private (read-discount
    (source <fee-discount-trait>)
    (freelancer principal)
  )
  (match (as-contract? ()
    (match (contract-call? source get-fee-discount-bps freelancer)
      bps (if (> bps BPS-DENOMINATOR)
        BPS-DENOMINATOR
        bps
      )
      source-error u0
    ))
    bps bps
    violated-allowance u0
  )
)

;; The principal whose key made `signature` over `hash`, if any.
(define-private (recover-signer
    (hash (buff 32))
    (signature (buff 65))
  )
  (match (secp256k1-recover? hash signature)
    public-key (match (principal-of? public-key)
      signer (some signer)
      bad-key none
    )
    bad-signature none
  )
)

;; fold step of create-escrow: (some running-total), or none once an amount
;; is zero or the sum would exceed MAX-UINT.
(define-private (add-milestone-amount
    (terms {
      amount: uint,
      due-date: uint,
    })
    (total (optional uint))
  )
  (match total
    sum (let ((amount (get amount terms)))
      (if (and (> amount u0) (<= amount (- MAX-UINT sum)))
        (some (+ sum amount))
        none
      )
    )
    none
  )
)

;; fold step of create-escrow: the earliest due date.
(define-private (earliest-due-date
    (terms {
      amount: uint,
      due-date: uint,
    })
    (earliest uint)
  )
  (if (< (get due-date terms) earliest)
    (get due-date terms)
    earliest
  )
)

;; fold step of create-escrow: store milestone `at` (escrow-id, index) and
;; move to the next index.
(define-private (store-milestone
    (terms {
      amount: uint,
      due-date: uint,
    })
    (at {
      escrow-id: uint,
      index: uint,
    })
  )
  (begin
    (map-set milestones at {
      amount: (get amount terms),
      due-date: (get due-date terms),
      submitted-at: u0,
      status: MILESTONE-PENDING,
    })
    (merge at { index: (+ (get index at) u1) })
  )
)

;; fold step of get-milestones.
(define-private (collect-milestone
    (index uint)
    (acc {
      escrow-id: uint,
      out: (list 50 {
        amount: uint,
        due-date: uint,
        submitted-at: uint,
        status: uint,
      }),
    })
  )
  (merge acc { out: (unwrap-panic (as-max-len?
    (append (get out acc)
      (unwrap-panic (map-get? milestones {
        escrow-id: (get escrow-id acc),
        index: index,
      }))
    )
    u50
  )) })
)

(define-private (is-known-role (role (string-ascii 16)))
  (or
    (is-eq role ROLE-ADMIN)
    (is-eq role ROLE-FEE-MANAGER)
    (is-eq role ROLE-PAUSER)
    (is-eq role ROLE-ARBITER)
  )
)

;; A contract principal of this network (principal-destruct? returns err for
;; another network's principal).
(define-private (is-contract-principal (p principal))
  (match (principal-destruct? p)
    parts (is-some (get name parts))
    wrong-network false
  )
)

(define-private (token-of (ft (optional <sip-010-trait>)))
  (match ft
    t (some (contract-of t))
    none
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
