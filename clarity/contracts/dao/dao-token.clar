;; Worx governance token (Stacks, Clarity 4). Solidity twin: WorxToken
;; (ERC20Votes + staking locks).
;;
;; SIP-010 "Worx" / "WORX" with 6 DECIMALS (not 18 as on EVM): the Stacks
;; convention (micro-STX, sBTC's 8, USDC's 6) and ample for voting weights;
;; 1 WORX = u1000000. No pre-mine: tokens exist only once `mint`ed by the DAO
;; or an extension (work-rewards rewards completed work).
;;
;; VOTES (OpenZeppelin Votes semantics). Tokens vote only through delegation:
;; an account `delegate`s its whole balance to a delegatee (itself included);
;; until then its tokens count for nobody. Every change of a delegatee's votes
;; and of the total supply is written as a CHECKPOINT {from-height, votes}
;; keyed by `stacks-block-height` (several changes in one block overwrite that
;; block's checkpoint, so a checkpoint holds the value at the END of its
;; block). A snapshot read `get-votes-at account height hint` returns the
;; votes at the end of block `height`, for a past block only (height <
;; stacks-block-height): the block is complete, so nothing done later
;; (receiving, borrowing or delegating tokens) can change it. That makes
;; flash-loan voting impossible: proposal-voting weighs each vote with the
;; voter's votes at the proposal's start height, before voting opens.
;;
;; HINTS. Clarity has no loops over maps, so a snapshot read does not search:
;; the caller passes `hint`, the index of the checkpoint that covers `height`
;; (the last one with from-height <= height), found off-chain by a binary
;; search over get-checkpoint-count / get-checkpoint (or from an indexer). The
;; contract VERIFIES it in O(1): checkpoint[hint].from-height <= height and
;; (hint is the last checkpoint or checkpoint[hint + 1].from-height > height);
;; an account with no checkpoint at or before `height` has u0 votes there,
;; read with hint u0. Anything else is ERR-INVALID-HINT: a wrong hint can never
;; return another block's value. Total-supply snapshots work the same way
;; (get-total-supply-at, get-supply-checkpoint-count, get-supply-checkpoint).
;;
;; STAKING locks part of the holder's OWN balance (tokens never move, so their
;; votes stay): `stake amount term` with term u0 (30 days), u1 (90 days), u2
;; (180 days), one position per (account, term); adding to a position never
;; shortens it (unlock-at = max(current, now + duration)). `unstake term`
;; releases a whole position once stacks-block-time >= unlock-at; there is no
;; early exit. Locked tokens cannot be transferred. Staking power (read by
;; staking-fee-discount) = sum over positions still locked of
;; amount * boost / 10000 (boosts 10000 / 15000 / 20000). Lock times are in
;; seconds (`stacks-block-time`), governance times in blocks.
;;
;; WHO IS ACTING: `delegate`, `stake` and `unstake` act for contract-caller. A
;; SIP-010 `transfer` moves `sender`'s tokens when `sender` signed the
;; transaction (tx-sender) or is the calling contract (contract-caller), the
;; sBTC rule every SIP-010 integration (escrow funding, DEX routers) relies on;
;; wallets protect signers with post-conditions. `mint` is for the DAO or an
;; extension (dao-core is-dao-or-extension on contract-caller).
;;
;; Events are `print`ed tuples whose `topic` is the kebab-case Solidity event:
;; delegate-changed {delegator, from-delegate, to-delegate},
;; delegate-votes-changed {delegate, previous-votes, new-votes},
;; staked {account, term, amount, position-amount, unlock-at},
;; unstaked {account, term, amount}. Mints and transfers are the native
;; SIP-010 ft events (ERC-20 Transfer).

(impl-trait .sip-010-trait.sip-010-trait)

(define-fungible-token worx)

;; ------------------------------- constants -------------------------------

(define-constant TOKEN-NAME "Worx")
(define-constant TOKEN-SYMBOL "WORX")
(define-constant TOKEN-DECIMALS u6)

;; Lock terms (Solidity enum LockTerm): u0 Days30, u1 Days90, u2 Days180.
(define-constant TERM-30-DAYS u0)
(define-constant TERM-90-DAYS u1)
(define-constant TERM-180-DAYS u2)
(define-constant TERMS (list TERM-30-DAYS TERM-90-DAYS TERM-180-DAYS))
;; Lock durations in seconds and boosts in bps, indexed by term.
(define-constant LOCK-DURATIONS (list u2592000 u7776000 u15552000))
(define-constant BOOSTS-BPS (list u10000 u15000 u20000))
(define-constant BPS-DENOMINATOR u10000)

;; -------------------------------- errors --------------------------------
;; Range u4100-u4199 belongs to this contract.

;; mint by a caller (contract-caller) that is neither the DAO (the proposal
;; being executed) nor an enabled extension; transfer whose `sender` is
;; neither tx-sender nor contract-caller. Solidity:
;; AccessControlUnauthorizedAccount (mint), ERC20InsufficientAllowance
;; (transfer). Debug: (contract-call? .dao-core is-extension caller).
(define-constant ERR-NOT-AUTHORIZED (err u4100))
;; mint, transfer or stake of u0. Solidity: ZeroAmount (stake).
(define-constant ERR-ZERO-AMOUNT (err u4101))
;; transfer or stake of more than the unlocked balance (balance minus
;; everything staked and not yet unstaked). Solidity:
;; InsufficientUnlockedBalance(account, requested, unlocked) /
;; ERC20InsufficientBalance. Debug: (get-unlocked-balance account);
;; (get-stake account term) shows each position's unlock-at.
(define-constant ERR-INSUFFICIENT-UNLOCKED-BALANCE (err u4102))
;; unstake before the position's unlock-at (no early exit). Solidity:
;; StakeLocked(account, term, unlockAt). Debug: (get-stake account term);
;; unlock-at is in Unix seconds (stacks-block-time).
(define-constant ERR-STAKE-LOCKED (err u4103))
;; unstake of a term without a position. Solidity: NoStake(account, term).
(define-constant ERR-NO-STAKE (err u4104))
;; stake / unstake with a term other than u0 (30 days), u1 (90), u2 (180).
;; Solidity: an out-of-range enum (Panic 0x21).
(define-constant ERR-INVALID-TERM (err u4105))
;; get-votes-at / get-total-supply-at with a hint that is not the index of the
;; checkpoint covering `height` (see the header; Clarity-only). Debug:
;; binary-search get-checkpoint / get-supply-checkpoint for the last
;; from-height <= height; u0 when the first is later (or there is none).
(define-constant ERR-INVALID-HINT (err u4106))
;; get-votes-at / get-total-supply-at for the current block or a later one:
;; its value is not final yet. Solidity: ERC5805FutureLookup(timepoint,
;; clock). Debug: read heights below stacks-block-height.
(define-constant ERR-FUTURE-LOOKUP (err u4107))
;; transfer to the sender itself (Clarity-only: ft-transfer? refuses it).
(define-constant ERR-SELF-TRANSFER (err u4108))

;; --------------------------------- state ---------------------------------

;; Delegatee of each delegating account.
(define-map delegates
  principal
  principal
)

;; Vote checkpoints per delegatee: index -> {from-height, votes}.
(define-map checkpoints
  {
    account: principal,
    index: uint,
  }
  {
    from-height: uint,
    votes: uint,
  }
)
(define-map checkpoint-counts
  principal
  uint
)

;; Total-supply checkpoints: index -> {from-height, supply}.
(define-map supply-checkpoints
  uint
  {
    from-height: uint,
    supply: uint,
  }
)
(define-data-var supply-checkpoint-count uint u0)

;; Staking positions (Solidity struct Stake).
(define-map stakes
  {
    account: principal,
    term: uint,
  }
  {
    amount: uint,
    unlock-at: uint, ;; Unix seconds
  }
)
;; Sum of an account's positions until unstaked (locked, even once unlockable).
(define-map locked-balances
  principal
  uint
)

;; -------------------------------- SIP-010 --------------------------------

;; Transfer `amount` of `sender`'s UNLOCKED tokens to `recipient`; the votes
;; follow from sender's delegatee to recipient's.
(define-public (transfer
    (amount uint)
    (sender principal)
    (recipient principal)
    (memo (optional (buff 34)))
  )
  (begin
    (asserts! (or (is-eq tx-sender sender) (is-eq contract-caller sender))
      ERR-NOT-AUTHORIZED
    )
    (asserts! (> amount u0) ERR-ZERO-AMOUNT)
    (asserts! (not (is-eq sender recipient)) ERR-SELF-TRANSFER)
    (asserts! (<= amount (get-unlocked-balance sender))
      ERR-INSUFFICIENT-UNLOCKED-BALANCE
    )
    ;; checked above: cannot fail
    (unwrap-panic (ft-transfer? worx amount sender recipient))
    (move-votes (map-get? delegates sender) (map-get? delegates recipient)
      amount
    )
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

(define-read-only (get-name)
  (ok TOKEN-NAME)
)

(define-read-only (get-symbol)
  (ok TOKEN-SYMBOL)
)

(define-read-only (get-decimals)
  (ok TOKEN-DECIMALS)
)

(define-read-only (get-balance (who principal))
  (ok (ft-get-balance worx who))
)

(define-read-only (get-total-supply)
  (ok (ft-get-supply worx))
)

(define-read-only (get-token-uri)
  (ok none)
)

;; --------------------------------- mint ---------------------------------

;; Mint `amount` to `recipient`. DAO or extension only (work-rewards).
(define-public (mint
    (amount uint)
    (recipient principal)
  )
  (begin
    (asserts!
      (is-ok (contract-call? .dao-core is-dao-or-extension contract-caller))
      ERR-NOT-AUTHORIZED
    )
    (asserts! (> amount u0) ERR-ZERO-AMOUNT)
    (try! (ft-mint? worx amount recipient))
    (write-supply-checkpoint (ft-get-supply worx))
    (move-votes none (map-get? delegates recipient) amount)
    (ok true)
  )
)

;; ------------------------------- delegation -------------------------------

;; Delegate the caller's votes (its whole balance, staked tokens included) to
;; `delegatee` (the caller itself to vote in person). Emits delegate-changed,
;; then delegate-votes-changed for each delegatee whose votes moved.
(define-public (delegate (delegatee principal))
  (let (
      (account contract-caller)
      (previous (map-get? delegates account))
    )
    (map-set delegates account delegatee)
    (print {
      topic: "delegate-changed",
      delegator: account,
      from-delegate: previous,
      to-delegate: delegatee,
    })
    (move-votes previous (some delegatee) (ft-get-balance worx account))
    (ok true)
  )
)

(define-read-only (get-delegate (account principal))
  (map-get? delegates account)
)

;; Current votes of `account` (delegated to it, including by itself).
(define-read-only (get-votes (account principal))
  (let ((count (get-checkpoint-count account)))
    (if (is-eq count u0)
      u0
      (get votes (unwrap-panic (get-checkpoint account (- count u1))))
    )
  )
)

;; Votes of `account` at the end of block `height` (< stacks-block-height);
;; `hint` is the index of the checkpoint covering `height` (see the header).
(define-read-only (get-votes-at
    (account principal)
    (height uint)
    (hint uint)
  )
  (begin
    (asserts! (< height stacks-block-height) ERR-FUTURE-LOOKUP)
    (match (get-checkpoint account hint)
      checkpoint (if (<= (get from-height checkpoint) height)
        (match (get-checkpoint account (+ hint u1))
          next (if (> (get from-height next) height)
            (ok (get votes checkpoint))
            ERR-INVALID-HINT
          )
          (ok (get votes checkpoint))
        )
        ;; before the first checkpoint: no votes yet
        (if (is-eq hint u0)
          (ok u0)
          ERR-INVALID-HINT
        )
      )
      ;; no checkpoint at all: hint u0 only
      (if (and (is-eq hint u0) (is-eq (get-checkpoint-count account) u0))
        (ok u0)
        ERR-INVALID-HINT
      )
    )
  )
)

(define-read-only (get-checkpoint-count (account principal))
  (default-to u0 (map-get? checkpoint-counts account))
)

(define-read-only (get-checkpoint
    (account principal)
    (index uint)
  )
  (map-get? checkpoints {
    account: account,
    index: index,
  })
)

;; Total supply at the end of block `height` (< stacks-block-height); `hint`
;; is the index of the supply checkpoint covering `height`.
(define-read-only (get-total-supply-at
    (height uint)
    (hint uint)
  )
  (begin
    (asserts! (< height stacks-block-height) ERR-FUTURE-LOOKUP)
    (match (get-supply-checkpoint hint)
      checkpoint (if (<= (get from-height checkpoint) height)
        (match (get-supply-checkpoint (+ hint u1))
          next (if (> (get from-height next) height)
            (ok (get supply checkpoint))
            ERR-INVALID-HINT
          )
          (ok (get supply checkpoint))
        )
        (if (is-eq hint u0)
          (ok u0)
          ERR-INVALID-HINT
        )
      )
      (if (and (is-eq hint u0) (is-eq (var-get supply-checkpoint-count) u0))
        (ok u0)
        ERR-INVALID-HINT
      )
    )
  )
)

(define-read-only (get-supply-checkpoint-count)
  (var-get supply-checkpoint-count)
)

(define-read-only (get-supply-checkpoint (index uint))
  (map-get? supply-checkpoints index)
)

;; -------------------------------- staking --------------------------------

;; Lock `amount` more of the caller's unlocked balance for `term` (u0 30 days,
;; u1 90 days, u2 180 days). Returns (ok unlock-at). Emits staked.
(define-public (stake
    (amount uint)
    (term uint)
  )
  (let (
      (account contract-caller)
      (duration (unwrap! (element-at? LOCK-DURATIONS term) ERR-INVALID-TERM))
      (key {
        account: account,
        term: term,
      })
      (position (default-to {
        amount: u0,
        unlock-at: u0,
      }
        (map-get? stakes key)
      ))
      (new-amount (+ (get amount position) amount))
      (until (+ stacks-block-time duration))
      ;; adding never shortens a lock
      (unlock-at (if (> (get unlock-at position) until)
        (get unlock-at position)
        until
      ))
    )
    (asserts! (> amount u0) ERR-ZERO-AMOUNT)
    (asserts! (<= amount (get-unlocked-balance account))
      ERR-INSUFFICIENT-UNLOCKED-BALANCE
    )
    (map-set stakes key {
      amount: new-amount,
      unlock-at: unlock-at,
    })
    (map-set locked-balances account (+ (get-locked-balance account) amount))
    (print {
      topic: "staked",
      account: account,
      term: term,
      amount: amount,
      position-amount: new-amount,
      unlock-at: unlock-at,
    })
    (ok unlock-at)
  )
)

;; Release the caller's whole `term` position once unlocked. Returns (ok
;; amount). Emits unstaked.
(define-public (unstake (term uint))
  (let (
      (account contract-caller)
      (key {
        account: account,
        term: term,
      })
    )
    (asserts! (< term (len TERMS)) ERR-INVALID-TERM)
    (let ((position (unwrap! (map-get? stakes key) ERR-NO-STAKE)))
      (asserts! (>= stacks-block-time (get unlock-at position)) ERR-STAKE-LOCKED)
      (map-delete stakes key)
      (map-set locked-balances account
        (- (get-locked-balance account) (get amount position))
      )
      (print {
        topic: "unstaked",
        account: account,
        term: term,
        amount: (get amount position),
      })
      (ok (get amount position))
    )
  )
)

;; `account`'s position for `term`, none without one.
(define-read-only (get-stake
    (account principal)
    (term uint)
  )
  (map-get? stakes {
    account: account,
    term: term,
  })
)

;; Sum of `account`'s positions until unstaked.
(define-read-only (get-locked-balance (account principal))
  (default-to u0 (map-get? locked-balances account))
)

;; Balance `account` may transfer or stake.
(define-read-only (get-unlocked-balance (account principal))
  (- (ft-get-balance worx account) (get-locked-balance account))
)

;; Sum over `account`'s positions still locked (stacks-block-time <
;; unlock-at) of amount * boost / 10000.
(define-read-only (get-staking-power (account principal))
  (get power
    (fold add-staking-power TERMS {
      account: account,
      power: u0,
    })
  )
)

;; Boost of a term in bps (u10000 = 1x).
(define-read-only (get-boost-bps (term uint))
  (element-at? BOOSTS-BPS term)
)

;; Lock duration of a term in seconds.
(define-read-only (get-lock-duration (term uint))
  (element-at? LOCK-DURATIONS term)
)

;; -------------------------------- private --------------------------------

(define-private (add-staking-power
    (term uint)
    (acc {
      account: principal,
      power: uint,
    })
  )
  (match (map-get? stakes {
    account: (get account acc),
    term: term,
  })
    position (if (< stacks-block-time (get unlock-at position))
      (merge acc { power: (+ (get power acc)
        (/ (* (get amount position) (unwrap-panic (element-at? BOOSTS-BPS term)))
          BPS-DENOMINATOR
        ))
      })
      acc
    )
    acc
  )
)

;; Move `amount` votes from delegatee `from` to delegatee `to` (none: nobody).
(define-private (move-votes
    (from (optional principal))
    (to (optional principal))
    (amount uint)
  )
  (if (or (is-eq from to) (is-eq amount u0))
    true
    (begin
      (match from
        delegatee (let ((previous (get-votes delegatee)))
          (write-checkpoint delegatee previous (- previous amount))
        )
        true
      )
      (match to
        delegatee (let ((previous (get-votes delegatee)))
          (write-checkpoint delegatee previous (+ previous amount))
        )
        true
      )
    )
  )
)

;; Record `votes` for `account` at this block (overwriting this block's
;; checkpoint if there is one). Emits delegate-votes-changed.
(define-private (write-checkpoint
    (account principal)
    (previous uint)
    (votes uint)
  )
  (let ((count (get-checkpoint-count account)))
    (if (and
        (> count u0)
        (is-eq
          (get from-height (unwrap-panic (get-checkpoint account (- count u1))))
          stacks-block-height
        )
      )
      (map-set checkpoints {
        account: account,
        index: (- count u1),
      } {
        from-height: stacks-block-height,
        votes: votes,
      })
      (begin
        (map-set checkpoints {
          account: account,
          index: count,
        } {
          from-height: stacks-block-height,
          votes: votes,
        })
        (map-set checkpoint-counts account (+ count u1))
      )
    )
    (print {
      topic: "delegate-votes-changed",
      delegate: account,
      previous-votes: previous,
      new-votes: votes,
    })
    true
  )
)

(define-private (write-supply-checkpoint (supply uint))
  (let ((count (var-get supply-checkpoint-count)))
    (if (and
        (> count u0)
        (is-eq
          (get from-height (unwrap-panic (get-supply-checkpoint (- count u1))))
          stacks-block-height
        )
      )
      (map-set supply-checkpoints (- count u1) {
        from-height: stacks-block-height,
        supply: supply,
      })
      (begin
        (map-set supply-checkpoints count {
          from-height: stacks-block-height,
          supply: supply,
        })
        (var-set supply-checkpoint-count (+ count u1))
      )
    )
    true
  )
)
