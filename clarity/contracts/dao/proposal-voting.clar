;; Worx DAO proposal voting (Stacks, Clarity 4), a dao-core extension.
;; Solidity twin: WorxGovernor (Governor + GovernorSettings +
;; GovernorCountingSimple + GovernorVotes + GovernorVotesQuorumFraction +
;; GovernorTimelockControl + GovernorPreventLateQuorum + guardian cancel).
;;
;; A PROPOSAL is a contract implementing proposal-trait, identified by its
;; principal; it can be proposed once, ever. Governance time is counted in
;; blocks (`stacks-block-height`):
;;
;;   propose at H          start = H + voting-delay, end = start + voting-period
;;   pending               H <= height <= start        (guardian/proposer may cancel)
;;   active                start < height <= end       (vote)
;;   defeated / succeeded  height > end
;;   queued                `queue` after a success: eta = height + timelock-blocks
;;   executed              `execute` at height >= eta, through dao-core
;;
;; State codes are OpenZeppelin's ProposalState: u0 pending, u1 active,
;; u2 canceled, u3 defeated, u4 succeeded, u5 queued, u7 executed (u6 expired
;; never happens: a queued proposal stays executable).
;;
;; THRESHOLD: the proposer's votes at the end of block H - 1 (a complete
;; block) must be at least proposal-threshold.
;;
;; SNAPSHOT: every vote weighs the voter's votes (dao-token, delegated votes)
;; at the end of block `start`. Voting opens only after that block, so its
;; weights are final before anyone can vote: tokens received, borrowed or
;; delegated once the proposal is active weigh nothing for it (flash-loan
;; voting is impossible), and a token moved after the snapshot cannot vote
;; twice. Votes of weight u0 are refused. Snapshot reads take a `hint` (see
;; dao-token): the index of the voter's checkpoint covering the height read.
;;
;; COUNTING (GovernorCountingSimple): support u0 against, u1 for, u2 abstain;
;; one vote per voter and proposal, with a free-text reason (in the event
;; only). QUORUM: for + abstain >= quorum, where quorum = quorum-bps of the
;; total supply when the proposal is created, fixed in the proposal. (The EVM
;; reads the supply at the snapshot; here the supply only grows through
;; mints, and reading it at `start` would need a second hint in `vote`, so
;; the created-at supply is used: it differs only by what is minted during
;; the voting delay.) SUCCESS: quorum reached and for > against (a tie
;; fails).
;;
;; LATE-QUORUM PROTECTION (GovernorPreventLateQuorum): the vote that first
;; reaches the quorum moves `end` to height + vote-extension when that is
;; later, so a last-minute quorum still leaves opponents vote-extension blocks
;; to react (event proposal-extended).
;;
;; TIMELOCK: a succeeded proposal is `queue`d (by anyone) with eta = height +
;; timelock-blocks; `execute` (by anyone) runs it through dao-core at or after
;; eta, once. There is no other way to run it: dao-core `execute` accepts only
;; enabled extensions (this contract) and the proposal being executed.
;;
;; CANCEL: the guardian (a protocol multisig, or none) or the proposer may
;; cancel a proposal while it is pending only; once voting started, only the
;; vote decides.
;;
;; PARAMETERS (voting-delay, voting-period, proposal-threshold, quorum-bps,
;; vote-extension, timelock-blocks) and the guardian are set by the DAO
;; (`set-parameters`, `set-guardian`, from a proposal) and apply to proposals
;; created afterwards (the timelock and the extension: to queues and votes
;; afterwards). The defaults below are the local demo's; the bootstrap
;; proposal sets them at deployment.
;;
;; WHO IS ACTING (proposer, voter, canceller) is contract-caller, as in the
;; other Worx contracts: a contract relaying a user's call acts only as itself.
;;
;; Events are `print`ed tuples whose `topic` is the kebab-case Solidity event:
;; proposal-created {proposal, proposer, vote-start, vote-end, quorum,
;; description}, vote-cast {voter, proposal, support, weight, reason},
;; proposal-extended {proposal, extended-deadline}, proposal-queued
;; {proposal, eta}, proposal-executed {proposal}, proposal-canceled
;; {proposal}, parameters-updated {the six parameters}, guardian-updated
;; {previous, next}.

(impl-trait .extension-trait.extension-trait)
(use-trait proposal-trait .proposal-trait.proposal-trait)

;; ------------------------------- constants -------------------------------

(define-constant SUPPORT-AGAINST u0)
(define-constant SUPPORT-FOR u1)
(define-constant SUPPORT-ABSTAIN u2)

;; OpenZeppelin ProposalState.
(define-constant STATE-PENDING u0)
(define-constant STATE-ACTIVE u1)
(define-constant STATE-CANCELED u2)
(define-constant STATE-DEFEATED u3)
(define-constant STATE-SUCCEEDED u4)
(define-constant STATE-QUEUED u5)
(define-constant STATE-EXECUTED u7)

(define-constant BPS-DENOMINATOR u10000)

;; -------------------------------- errors --------------------------------
;; Range u4200-u4299 belongs to this contract. `propose` and `vote` also
;; return dao-token's snapshot errors: u4106 ERR-INVALID-HINT (the hint is
;; not the checkpoint covering the height read) and u4107 ERR-FUTURE-LOOKUP.

;; set-parameters / set-guardian by a caller that is not the DAO (the
;; proposal being executed) or an extension; cancel by anyone but the
;; guardian or the proposer. Solidity: GovernorOnlyExecutor /
;; GovernorUnableToCancel. Debug: (get-guardian), (get-proposal proposal).
(define-constant ERR-NOT-AUTHORIZED (err u4200))
;; propose of a proposal contract proposed before (proposals are one-shot).
;; Solidity: GovernorUnexpectedProposalState (proposal already exists).
;; Debug: (get-proposal proposal); deploy a new proposal contract.
(define-constant ERR-PROPOSAL-EXISTS (err u4201))
;; propose with fewer votes at the previous block than proposal-threshold.
;; Solidity: GovernorInsufficientProposerVotes(proposer, votes, threshold).
;; Debug: (get-parameters); votes count only once delegated (delegate to
;; yourself) and from the block after the delegation.
(define-constant ERR-BELOW-THRESHOLD (err u4202))
;; A proposal never proposed here. Solidity: GovernorNonexistentProposal.
(define-constant ERR-UNKNOWN-PROPOSAL (err u4203))
;; vote outside the voting window (pending, or past `end`, or canceled...).
;; Solidity: GovernorUnexpectedProposalState. Debug: (get-proposal-state
;; proposal) must be u1; voting opens the block after vote-start.
(define-constant ERR-NOT-ACTIVE (err u4204))
;; A second vote by the same voter on the same proposal. Solidity:
;; GovernorAlreadyCastVote(voter). Debug: (get-receipt proposal voter).
(define-constant ERR-ALREADY-VOTED (err u4205))
;; support other than u0 against, u1 for, u2 abstain. Solidity:
;; GovernorInvalidVoteType.
(define-constant ERR-INVALID-SUPPORT (err u4206))
;; vote with no votes at the proposal's snapshot (vote-start): tokens
;; received or delegated after it weigh nothing (Clarity-only: the EVM
;; counts a zero-weight vote). Debug: (contract-call? .dao-token get-votes-at
;; voter vote-start hint).
(define-constant ERR-NO-VOTING-POWER (err u4207))
;; queue of a proposal that has not succeeded (still voting, defeated, already
;; queued, canceled). Solidity: GovernorUnexpectedProposalState. Debug:
;; (get-proposal-state proposal) must be u4: quorum reached and for > against.
(define-constant ERR-NOT-SUCCEEDED (err u4208))
;; execute of a proposal that is not queued (never queued, defeated, executed
;; already). Solidity: GovernorUnexpectedProposalState. Debug:
;; (get-proposal-state proposal) must be u5.
(define-constant ERR-NOT-QUEUED (err u4209))
;; execute before eta. Solidity: TimelockUnexpectedOperationState. Debug:
;; (get-proposal proposal) eta, a block height.
(define-constant ERR-TIMELOCK-NOT-EXPIRED (err u4210))
;; cancel once the proposal is no longer pending. Solidity:
;; GuardianCancelNotPending(proposalId, state) / GovernorUnableToCancel.
(define-constant ERR-NOT-PENDING (err u4211))
;; set-parameters with voting-period u0 or quorum-bps above u10000.
;; Solidity: GovernorInvalidVotingPeriod / GovernorInvalidQuorumFraction.
(define-constant ERR-INVALID-PARAMETERS (err u4212))
;; propose of a proposal dao-core already ran (e.g. the bootstrap).
;; Debug: (contract-call? .dao-core executed-at proposal).
(define-constant ERR-ALREADY-EXECUTED (err u4213))

;; --------------------------------- state ---------------------------------

;; Local demo values (blocks); the bootstrap proposal sets them.
(define-data-var voting-delay uint u10)
(define-data-var voting-period uint u50)
(define-data-var proposal-threshold uint u100000000) ;; 100 WORX (6 decimals)
(define-data-var quorum-bps uint u400) ;; 4% of the supply
(define-data-var vote-extension uint u10)
(define-data-var timelock-blocks uint u20)
(define-data-var guardian (optional principal) none)

(define-map proposals
  principal
  {
    proposer: principal,
    vote-start: uint, ;; snapshot height; voting opens after it
    vote-end: uint, ;; last height votes are accepted (moves on late quorum)
    quorum: uint,
    for-votes: uint,
    against-votes: uint,
    abstain-votes: uint,
    eta: uint, ;; u0 until queued
    executed: bool,
    canceled: bool,
  }
)

(define-map receipts
  {
    proposal: principal,
    voter: principal,
  }
  {
    support: uint,
    weight: uint,
  }
)

;; -------------------------------- actions --------------------------------

;; Propose `proposal` (a proposal-trait contract) with a description; `hint`
;; is the proposer's checkpoint index covering height - 1. Returns (ok
;; vote-start). Emits proposal-created.
(define-public (propose
    (proposal <proposal-trait>)
    (description (string-utf8 256))
    (hint uint)
  )
  (let (
      (id (contract-of proposal))
      (proposer contract-caller)
      (votes (try! (contract-call? .dao-token get-votes-at proposer
        (- stacks-block-height u1) hint
      )))
      (vote-start (+ stacks-block-height (var-get voting-delay)))
      (vote-end (+ vote-start (var-get voting-period)))
      (quorum (/
        (* (unwrap-panic (contract-call? .dao-token get-total-supply))
          (var-get quorum-bps)
        )
        BPS-DENOMINATOR
      ))
    )
    (asserts! (is-none (map-get? proposals id)) ERR-PROPOSAL-EXISTS)
    (asserts! (is-none (contract-call? .dao-core executed-at id))
      ERR-ALREADY-EXECUTED
    )
    (asserts! (>= votes (var-get proposal-threshold)) ERR-BELOW-THRESHOLD)
    (map-set proposals id {
      proposer: proposer,
      vote-start: vote-start,
      vote-end: vote-end,
      quorum: quorum,
      for-votes: u0,
      against-votes: u0,
      abstain-votes: u0,
      eta: u0,
      executed: false,
      canceled: false,
    })
    (print {
      topic: "proposal-created",
      proposal: id,
      proposer: proposer,
      vote-start: vote-start,
      vote-end: vote-end,
      quorum: quorum,
      description: description,
    })
    (ok vote-start)
  )
)

;; Vote on `proposal` with `support` (u0 against, u1 for, u2 abstain) and a
;; reason; `hint` is the voter's checkpoint index covering vote-start.
;; Returns (ok weight). Emits vote-cast, and proposal-extended when this vote
;; first reaches the quorum late.
(define-public (vote
    (proposal principal)
    (support uint)
    (reason (string-utf8 256))
    (hint uint)
  )
  (let (
      (voter contract-caller)
      (p (unwrap! (map-get? proposals proposal) ERR-UNKNOWN-PROPOSAL))
      (key {
        proposal: proposal,
        voter: voter,
      })
    )
    (asserts! (is-eq (state-of p) STATE-ACTIVE) ERR-NOT-ACTIVE)
    (asserts! (<= support SUPPORT-ABSTAIN) ERR-INVALID-SUPPORT)
    (asserts! (is-none (map-get? receipts key)) ERR-ALREADY-VOTED)
    (let (
        (weight (try! (contract-call? .dao-token get-votes-at voter (get vote-start p) hint)))
        (counted (merge p {
          for-votes: (+ (get for-votes p)
            (if (is-eq support SUPPORT-FOR)
              weight
              u0
            )),
          against-votes: (+ (get against-votes p)
            (if (is-eq support SUPPORT-AGAINST)
              weight
              u0
            )),
          abstain-votes: (+ (get abstain-votes p)
            (if (is-eq support SUPPORT-ABSTAIN)
              weight
              u0
            )),
        }))
        (late-end (+ stacks-block-height (var-get vote-extension)))
        ;; tallies only grow: the quorum is first reached by this vote
        ;; exactly when it was short before and is met now
        (extend (and
          (not (quorum-reached p))
          (quorum-reached counted)
          (> late-end (get vote-end p))
        ))
      )
      (asserts! (> weight u0) ERR-NO-VOTING-POWER)
      (map-set receipts key {
        support: support,
        weight: weight,
      })
      (map-set proposals proposal
        (if extend
          (merge counted { vote-end: late-end })
          counted
        ))
      (print {
        topic: "vote-cast",
        voter: voter,
        proposal: proposal,
        support: support,
        weight: weight,
        reason: reason,
      })
      (and
        extend
        (begin
          (print {
            topic: "proposal-extended",
            proposal: proposal,
            extended-deadline: late-end,
          })
          true
        )
      )
      (ok weight)
    )
  )
)

;; Queue a succeeded `proposal`: executable from eta = height +
;; timelock-blocks. Anyone may call. Returns (ok eta). Emits proposal-queued.
(define-public (queue (proposal principal))
  (let (
      (p (unwrap! (map-get? proposals proposal) ERR-UNKNOWN-PROPOSAL))
      (eta (+ stacks-block-height (var-get timelock-blocks)))
    )
    (asserts! (is-eq (state-of p) STATE-SUCCEEDED) ERR-NOT-SUCCEEDED)
    (map-set proposals proposal (merge p { eta: eta }))
    (print {
      topic: "proposal-queued",
      proposal: proposal,
      eta: eta,
    })
    (ok eta)
  )
)

;; Execute a queued `proposal` at or after its eta, through dao-core (which
;; runs it once, as the DAO). Anyone may call; the caller is passed to the
;; proposal as `sender`. Emits proposal-executed.
(define-public (execute (proposal <proposal-trait>))
  (let (
      (id (contract-of proposal))
      (p (unwrap! (map-get? proposals id) ERR-UNKNOWN-PROPOSAL))
    )
    (asserts! (is-eq (state-of p) STATE-QUEUED) ERR-NOT-QUEUED)
    (asserts! (>= stacks-block-height (get eta p)) ERR-TIMELOCK-NOT-EXPIRED)
    (map-set proposals id (merge p { executed: true }))
    (try! (contract-call? .dao-core execute proposal contract-caller))
    (print {
      topic: "proposal-executed",
      proposal: id,
    })
    (ok true)
  )
)

;; Cancel a pending `proposal`: the guardian or the proposer only. Emits
;; proposal-canceled.
(define-public (cancel (proposal principal))
  (let ((p (unwrap! (map-get? proposals proposal) ERR-UNKNOWN-PROPOSAL)))
    (asserts!
      (or
        (is-eq (some contract-caller) (var-get guardian))
        (is-eq contract-caller (get proposer p))
      )
      ERR-NOT-AUTHORIZED
    )
    (asserts! (is-eq (state-of p) STATE-PENDING) ERR-NOT-PENDING)
    (map-set proposals proposal (merge p { canceled: true }))
    (print {
      topic: "proposal-canceled",
      proposal: proposal,
    })
    (ok true)
  )
)

;; Set the governance parameters. DAO or extension only. Emits
;; parameters-updated.
(define-public (set-parameters
    (new-voting-delay uint)
    (new-voting-period uint)
    (new-proposal-threshold uint)
    (new-quorum-bps uint)
    (new-vote-extension uint)
    (new-timelock-blocks uint)
  )
  (begin
    (asserts!
      (is-ok (contract-call? .dao-core is-dao-or-extension contract-caller))
      ERR-NOT-AUTHORIZED
    )
    (asserts!
      (and (> new-voting-period u0) (<= new-quorum-bps BPS-DENOMINATOR))
      ERR-INVALID-PARAMETERS
    )
    (var-set voting-delay new-voting-delay)
    (var-set voting-period new-voting-period)
    (var-set proposal-threshold new-proposal-threshold)
    (var-set quorum-bps new-quorum-bps)
    (var-set vote-extension new-vote-extension)
    (var-set timelock-blocks new-timelock-blocks)
    (print (merge { topic: "parameters-updated" } (get-parameters)))
    (ok true)
  )
)

;; Set (or remove, with none) the guardian. DAO or extension only. Emits
;; guardian-updated.
(define-public (set-guardian (next (optional principal)))
  (begin
    (asserts!
      (is-ok (contract-call? .dao-core is-dao-or-extension contract-caller))
      ERR-NOT-AUTHORIZED
    )
    (print {
      topic: "guardian-updated",
      previous: (var-get guardian),
      next: next,
    })
    (var-set guardian next)
    (ok true)
  )
)

;; extension-trait: this extension requests no callbacks.
(define-public (callback
    (sender principal)
    (memo (buff 34))
  )
  (ok true)
)

;; --------------------------------- views ---------------------------------

(define-read-only (get-proposal (proposal principal))
  (map-get? proposals proposal)
)

;; OpenZeppelin ProposalState code of `proposal` (see the header).
(define-read-only (get-proposal-state (proposal principal))
  (ok (state-of (unwrap! (map-get? proposals proposal) ERR-UNKNOWN-PROPOSAL)))
)

(define-read-only (get-receipt
    (proposal principal)
    (voter principal)
  )
  (map-get? receipts {
    proposal: proposal,
    voter: voter,
  })
)

(define-read-only (has-voted
    (proposal principal)
    (voter principal)
  )
  (is-some (get-receipt proposal voter))
)

(define-read-only (get-parameters)
  {
    voting-delay: (var-get voting-delay),
    voting-period: (var-get voting-period),
    proposal-threshold: (var-get proposal-threshold),
    quorum-bps: (var-get quorum-bps),
    vote-extension: (var-get vote-extension),
    timelock-blocks: (var-get timelock-blocks),
  }
)

(define-read-only (get-guardian)
  (var-get guardian)
)

;; -------------------------------- private --------------------------------

(define-private (quorum-reached (p {
  proposer: principal,
  vote-start: uint,
  vote-end: uint,
  quorum: uint,
  for-votes: uint,
  against-votes: uint,
  abstain-votes: uint,
  eta: uint,
  executed: bool,
  canceled: bool,
}))
  (>= (+ (get for-votes p) (get abstain-votes p)) (get quorum p))
)

(define-private (state-of (p {
  proposer: principal,
  vote-start: uint,
  vote-end: uint,
  quorum: uint,
  for-votes: uint,
  against-votes: uint,
  abstain-votes: uint,
  eta: uint,
  executed: bool,
  canceled: bool,
}))
  (if (get executed p)
    STATE-EXECUTED
    (if (get canceled p)
      STATE-CANCELED
      (if (<= stacks-block-height (get vote-start p))
        STATE-PENDING
        (if (<= stacks-block-height (get vote-end p))
          STATE-ACTIVE
          (if (not (and (quorum-reached p) (> (get for-votes p) (get against-votes p))))
            STATE-DEFEATED
            (if (is-eq (get eta p) u0)
              STATE-SUCCEEDED
              STATE-QUEUED
            )
          )
        )
      )
    )
  )
)
