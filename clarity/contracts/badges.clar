;; Worx achievement badges (Stacks, Clarity 4).
;;
;; A SIP-009 NFT whose tokens are earned, not bought: a freelancer `claim`s a
;; tier once its work history in the escrow (.escrow get-freelancer-stats, on
;; this chain) and, for some tiers, attestations of off-chain facts meet the
;; tier's criteria. Each (account, tier) can be claimed once; the token keeps
;; the stats it was claimed with. Tiers (same values as the Solidity enum):
;; u1 Bronze, u2 Silver, u3 Gold, u4 Platinum, u5 Verified (u0 None is never
;; valid). Their criteria are governed by the "admin" role (the multisig):
;;
;;   tier      jobs  satisfaction  X verified  vetted  soul-bound  fee discount
;;   Bronze     10      95.00%         -          -        no          0
;;   Silver     25      97.00%         yes        -        yes      10.00% of the fee
;;   Gold       50      98.00%         -          -        yes      25.00%
;;   Platinum  100      99.00%         -          -        yes      50.00%
;;   Verified    0       0             yes        yes      yes         0
;;
;; SATISFACTION (bps) = floor(rating-sum * 10000 / (5 * rating-count)), u0
;; with no rating. A criterion with a minimum passes at the minimum exactly.
;; MISSING CRITERIA are reported as a bitmask (get-missing-criteria; same bits
;; as Solidity): u1 completed jobs, u2 satisfaction, u4 X verification,
;; u8 vetting.
;;
;; ATTESTATIONS. Off-chain facts (kind u1: the subject's X account is
;; verified; kind u2: the subject was vetted by the platform) arrive as SIP-018
;; structured-data signatures by a holder of the "attester" role over
;; {badges: this contract, subject, kind, expires-at, nonce} in the domain
;; {name: "Worx Badges", version: "1", chain-id}. Anyone may submit one (the
;; subject usually does). Each signed message is usable once, ever (its hash
;; is marked used, also after revocation). A criterion needing an attestation
;; passes while the stored one is unexpired (expires-at > stacks-block-time).
;; An attester may revoke a stored attestation. Claimed badges stay: they
;; record achievements, so losing an attestation later takes nothing back.
;;
;; SOUL-BOUND tiers are locked to their claimer: `transfer` of such a token
;; fails with ERR-SOULBOUND (whether a token is locked is fixed at mint, from
;; the tier's configuration then). Bronze is transferable: a collectible that
;; confers no discount. Any holder may `burn` its own badge, locked or not;
;; a burned (account, tier) cannot be claimed again.
;;
;; FEE DISCOUNT. This contract is a fee-discount source for the escrow
;; (fee-discount-trait, `set-fee-discount-source` on the escrow):
;; get-fee-discount-bps = the largest fee-discount-bps (current configuration)
;; among the tiers the account holds as SOUL-BOUND tokens, so a reputation
;; discount can never be bought. Held tiers are bitmaps (bit 2^tier), updated
;; on mint, burn and transfer, so the read costs the same for everyone.
;;
;; METADATA is rendered on-chain (no https, no IPFS). get-token-uri returns
;; a SIP-016 JSON document as a `data:application/json,` URI (the EVM
;; tokenURI's attributes: tier, completed jobs and satisfaction at claim,
;; claim time, lock, current fee discount), percent-encoding only `%`, `#`
;; and spaces. SIP-009 bounds the URI to 256 characters, too short for an
;; image: get-token-svg returns the same picture as the EVM BadgeArt SVG.
;;
;; WHO IS ACTING (claimer, token owner, role holder) is always decided on
;; `contract-caller`, as in the escrow: a contract a user calls acts only as
;; itself and can never claim, transfer, burn or administer in that user's
;; name. A contract may hold badges and roles in its own name (it calls from
;; inside `as-contract?`). Marketplaces therefore list a Bronze by holding it.
;;
;; ADMINISTRATION. Roles "admin" (tier configuration, roles) and "attester"
;; (signs and revokes attestations). The deployer holds "admin" at deployment
;; and hands it to the multisig, which administers this contract through its
;; generic `call` operation: `execute` (multisig-action trait) decodes
;; {action, args} payloads. Nobody is an attester at deployment.
;;
;; Events are `print`ed tuples whose `topic` is the kebab-case Solidity event
;; and whose other fields are its parameters in kebab-case: badge-claimed,
;; attestation-submitted, attestation-revoked, tier-config-updated (also for
;; every tier at deployment, like the EVM constructor), locked (ERC-5192),
;; batch-metadata-update (ERC-4906), role-granted / role-revoked. Mints,
;; transfers and burns are the native SIP-009 nft events (ERC-721 Transfer).

(impl-trait .sip-009-trait.nft-trait)
(impl-trait .fee-discount-trait.fee-discount-trait)
(impl-trait .multisig-traits.multisig-action)

(define-non-fungible-token worx-badge uint)

;; ------------------------------- constants -------------------------------

;; Tiers (Solidity enum Tier, same order).
(define-constant TIER-BRONZE u1)
(define-constant TIER-SILVER u2)
(define-constant TIER-GOLD u3)
(define-constant TIER-PLATINUM u4)
(define-constant TIER-VERIFIED u5)
(define-constant TIERS (list TIER-BRONZE TIER-SILVER TIER-GOLD TIER-PLATINUM TIER-VERIFIED))
(define-constant TIER-NAMES (list "None" "Bronze" "Silver" "Gold" "Platinum" "Verified"))
;; Drawn on the badge (same picture and colours as the EVM BadgeArt).
(define-constant TIER-LABELS (list "NONE" "BRONZE" "SILVER" "GOLD" "PLATINUM" "VERIFIED"))
(define-constant TIER-COLOURS (list "#6b7280" "#cd7f32" "#c0c0c0" "#ffd700" "#e5e4e2" "#1d9bf0"))

;; Attestation kinds.
(define-constant KIND-X-VERIFIED u1)
(define-constant KIND-VETTED u2)

;; Missing-criteria bits.
(define-constant MISSING-COMPLETED-JOBS u1)
(define-constant MISSING-SATISFACTION u2)
(define-constant MISSING-X-VERIFICATION u4)
(define-constant MISSING-VETTING u8)

(define-constant BPS-DENOMINATOR u10000)
;; min-completed-jobs is a uint32 on EVM.
(define-constant MAX-UINT32 u4294967295)

;; SIP-018: attestations are signed over
;; sha256(SIP018-PREFIX ++ sha256(domain) ++ sha256(message)).
(define-constant SIP018-PREFIX 0x534950303138) ;; "SIP018"
(define-constant ATTESTATION-DOMAIN {
  name: "Worx Badges",
  version: "1",
  chain-id: chain-id,
})
(define-constant ATTESTATION-DOMAIN-HASH (sha256 (unwrap-panic (to-consensus-buff? ATTESTATION-DOMAIN))))

;; Roles (Solidity: DEFAULT_ADMIN_ROLE, ATTESTER_ROLE).
(define-constant ROLE-ADMIN "admin") ;; tier configuration, grants/revokes roles
(define-constant ROLE-ATTESTER "attester") ;; signs and revokes attestations

;; Actions `execute` runs for the multisig.
(define-constant ACTION-SET-TIER-CONFIG "set-tier-config")
(define-constant ACTION-GRANT-ROLE "grant-role")
(define-constant ACTION-REVOKE-ROLE "revoke-role")

;; -------------------------------- errors --------------------------------
;; Range u3000-u3099 belongs to this contract: u3000-u3009 roles and
;; administration, u3010-u3019 tiers and claims, u3020-u3029 tokens,
;; u3030-u3039 attestations. Errors carry no parameters: the Solidity error's
;; parameters are the call's arguments or readable with the read-only
;; functions named in each "Debug" note.

;; The caller (contract-caller) lacks the role: "admin" for set-tier-config,
;; grant-role, revoke-role and execute; "attester" for revoke-attestation.
;; Solidity: AccessControlUnauthorizedAccount. Debug: (has-role role caller);
;; a call through another contract is checked against THAT contract.
(define-constant ERR-NOT-AUTHORIZED (err u3000))
;; grant-role / revoke-role with a role other than "admin" or "attester"
;; (Clarity-only: Solidity role ids are free-form bytes32). Debug: lower case.
(define-constant ERR-UNKNOWN-ROLE (err u3001))
;; set-tier-config with min-satisfaction-bps or fee-discount-bps above u10000,
;; min-completed-jobs above 2^32 - 1 (a uint32 on EVM), or a fee discount on a
;; tier that is not soul-bound (a bought badge must not buy a discount).
;; Solidity: InvalidTierConfig. Debug: bps are hundredths of a percent
;; (u9500 = 95%).
(define-constant ERR-INVALID-TIER-CONFIG (err u3002))
;; execute with a payload that is not {action: "set-tier-config", args: {tier,
;; config}} or {action: "grant-role" | "revoke-role", args: {role, account}}
;; in consensus serialization (Clarity-only: the multisig's generic call).
;; Debug: build the payload with @stacks/transactions serializeCV of the tuple.
(define-constant ERR-INVALID-ACTION (err u3003))

;; A tier outside u1..u5 (claim, get-missing-criteria, set-tier-config).
;; Solidity: InvalidTier. Debug: u1 Bronze .. u5 Verified; u0 is None.
(define-constant ERR-INVALID-TIER (err u3010))
;; claim while the caller does not meet the tier's criteria. Solidity:
;; CriteriaNotMet(tier, missingMask). Debug: (get-missing-criteria caller
;; tier): u1 completed jobs, u2 satisfaction, u4 X verification, u8 vetting;
;; stats come from (.escrow get-freelancer-stats caller), attestations from
;; (get-attestation caller kind) and must be unexpired at the claim's block.
(define-constant ERR-CRITERIA-NOT-MET (err u3011))
;; claim of a tier the caller claimed before (even if that badge was burned
;; or transferred). Solidity: AlreadyClaimed(account, tier). Debug:
;; (get-claimed-token caller tier).
(define-constant ERR-ALREADY-CLAIMED (err u3012))

;; No token has this id (never minted, or burned): transfer, burn, is-locked.
;; Solidity: ERC721NonexistentToken. Debug: ids run from u1 to
;; (get-last-token-id); (get-owner id) is none once burned.
(define-constant ERR-TOKEN-NOT-FOUND (err u3020))
;; transfer whose `sender` is not contract-caller or does not own the token;
;; burn by anyone but the owner. Solidity: NotTokenOwner (burn),
;; ERC721IncorrectOwner / ERC721InsufficientApproval (transfer; there are no
;; approvals on Stacks). Debug: (get-owner id); a relaying contract is not
;; the user who signed.
(define-constant ERR-NOT-TOKEN-OWNER (err u3021))
;; transfer of a soul-bound token: it stays with its claimer (it may only be
;; burned). Solidity: Soulbound(tokenId). Debug: (is-locked id).
(define-constant ERR-SOULBOUND (err u3022))
;; transfer to the sender itself (Clarity-only: nft-transfer? refuses it;
;; ERC-721 treats it as a no-op).
(define-constant ERR-INVALID-RECIPIENT (err u3023))

;; submit-attestation whose signature does not recover to a current holder of
;; the "attester" role over this message. Solidity:
;; InvalidAttestationSignature. Debug: compare (get-attestation-digest subject
;; kind expires-at nonce) with what was signed (domain:
;; (get-attestation-domain), message names this contract as `badges`);
;; (has-role "attester" signer); a revoked attester's signatures no longer
;; count.
(define-constant ERR-INVALID-ATTESTATION-SIGNATURE (err u3030))
;; submit-attestation with expires-at <= the block's stacks-block-time.
;; Solidity: AttestationExpired(expiresAt). Debug: Unix seconds; ask the
;; attester for a fresh one.
(define-constant ERR-ATTESTATION-EXPIRED (err u3031))
;; submit-attestation of a signed message already submitted once (also after
;; it was revoked). Solidity: AttestationAlreadyUsed(digest). Debug:
;; (is-attestation-used hash); the attester signs again with a new nonce.
(define-constant ERR-ATTESTATION-ALREADY-USED (err u3032))
;; submit-attestation / revoke-attestation of a kind other than u1 (X
;; verified) or u2 (vetted). Solidity: UnknownAttestationKind(kind).
(define-constant ERR-UNKNOWN-ATTESTATION-KIND (err u3033))

;; --------------------------------- state ---------------------------------

(define-constant DEPLOYER tx-sender)

;; Id of the last token minted; ids are sequential from u1.
(define-data-var last-token-id uint u0)

;; A tier's criteria and properties (Solidity struct TierConfig).
(define-map tier-configs
  uint
  {
    min-completed-jobs: uint,
    min-satisfaction-bps: uint,
    requires-x-verified: bool,
    requires-vetted: bool,
    soulbound: bool,
    fee-discount-bps: uint, ;; of the platform fee; counts only for soul-bound badges
  }
)

;; A badge as claimed (Solidity struct Badge); deleted when burned.
(define-map tokens
  uint
  {
    tier: uint,
    claimed-at: uint, ;; Unix seconds
    completed-jobs: uint, ;; at claim
    satisfaction-bps: uint, ;; at claim
    soulbound: bool, ;; fixed at mint
  }
)

;; The token each account claimed per tier (kept after a burn or transfer:
;; each (account, tier) is claimed at most once).
(define-map claims
  {
    account: principal,
    tier: uint,
  }
  uint
)

;; How many tokens of a tier an account holds (more than one only for a
;; transferable tier, received from others).
(define-map held-counts
  {
    account: principal,
    tier: uint,
  }
  uint
)
;; Bitmap (bit 2^tier) of the tiers an account holds.
(define-map held-tiers
  principal
  uint
)
;; Bitmap (bit 2^tier) of the tiers an account holds as soul-bound tokens
;; (these never move, so only mint and burn change it).
(define-map locked-tiers
  principal
  uint
)

;; Stored attestations: the last one submitted per (subject, kind).
(define-map attestations
  {
    subject: principal,
    kind: uint,
  }
  {
    attester: principal,
    expires-at: uint, ;; Unix seconds
  }
)
;; SIP-018 hashes of every attestation ever submitted (no replay).
(define-map used-attestations
  (buff 32)
  bool
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

;; -------------------------------- actions --------------------------------

;; Claim badge `tier` for the caller, which must meet the tier's criteria now
;; and never have claimed it. Mints the next token id to the caller with its
;; stats at claim. Returns (ok token-id). Checks: tier, not yet claimed,
;; criteria.
(define-public (claim (tier uint))
  (let (
      (account contract-caller)
      (config (unwrap! (map-get? tier-configs tier) ERR-INVALID-TIER))
      (key {
        account: account,
        tier: tier,
      })
    )
    (asserts! (is-none (map-get? claims key)) ERR-ALREADY-CLAIMED)
    (let (
        (stats (contract-call? .escrow get-freelancer-stats account))
        (completed-jobs (get completed-jobs stats))
        (satisfaction-bps (satisfaction (get rating-count stats) (get rating-sum stats)))
        (token-id (+ (var-get last-token-id) u1))
        (soulbound (get soulbound config))
      )
      (asserts!
        (is-eq (missing config completed-jobs satisfaction-bps account) u0)
        ERR-CRITERIA-NOT-MET
      )
      ;; a fresh id: cannot exist yet
      (unwrap-panic (nft-mint? worx-badge token-id account))
      (var-set last-token-id token-id)
      (map-set tokens token-id {
        tier: tier,
        claimed-at: stacks-block-time,
        completed-jobs: completed-jobs,
        satisfaction-bps: satisfaction-bps,
        soulbound: soulbound,
      })
      (map-set claims key token-id)
      (add-held account tier soulbound)
      (and
        soulbound
        (begin
          (print {
            topic: "locked",
            token-id: token-id,
          })
          true
        )
      )
      (print {
        topic: "badge-claimed",
        token-id: token-id,
        account: account,
        tier: tier,
        completed-jobs: completed-jobs,
        satisfaction-bps: satisfaction-bps,
      })
      (ok token-id)
    )
  )
)

;; SIP-009 transfer of token `token-id` from `sender` (must be contract-caller
;; and the owner) to `recipient`. Soul-bound tokens never move. Checks, in the
;; EVM order: token, sender, soul-bound, recipient.
(define-public (transfer
    (token-id uint)
    (sender principal)
    (recipient principal)
  )
  (let ((token (unwrap! (map-get? tokens token-id) ERR-TOKEN-NOT-FOUND)))
    (asserts!
      (and
        (is-eq contract-caller sender)
        (is-eq (nft-get-owner? worx-badge token-id) (some sender))
      )
      ERR-NOT-TOKEN-OWNER
    )
    (asserts! (not (get soulbound token)) ERR-SOULBOUND)
    (asserts! (not (is-eq sender recipient)) ERR-INVALID-RECIPIENT)
    ;; owner checked above: cannot fail
    (unwrap-panic (nft-transfer? worx-badge token-id sender recipient))
    (remove-held sender (get tier token) false)
    (add-held recipient (get tier token) false)
    (ok true)
  )
)

;; Burn the caller's own badge `token-id` (also a soul-bound one). The
;; (account, tier) it was claimed for stays claimed.
(define-public (burn (token-id uint))
  (let (
      (token (unwrap! (map-get? tokens token-id) ERR-TOKEN-NOT-FOUND))
      (owner contract-caller)
    )
    (asserts! (is-eq (nft-get-owner? worx-badge token-id) (some owner))
      ERR-NOT-TOKEN-OWNER
    )
    (unwrap-panic (nft-burn? worx-badge token-id owner))
    (map-delete tokens token-id)
    (remove-held owner (get tier token) (get soulbound token))
    (ok true)
  )
)

;; Store an attestation signed by an "attester": `signature` (65 bytes, RSV)
;; of the SIP-018 message {badges, subject, kind, expires-at, nonce} in the
;; domain (get-attestation-domain), `nonce` any number the attester never
;; used for the same fact. Anyone may submit it. It replaces the subject's
;; stored attestation of that kind. Checks: kind, expiry, replay, signer.
(define-public (submit-attestation
    (subject principal)
    (kind uint)
    (expires-at uint)
    (nonce uint)
    (signature (buff 65))
  )
  (let ((digest (get-attestation-digest subject kind expires-at nonce)))
    (asserts! (is-known-kind kind) ERR-UNKNOWN-ATTESTATION-KIND)
    (asserts! (> expires-at stacks-block-time) ERR-ATTESTATION-EXPIRED)
    (asserts! (is-none (map-get? used-attestations digest))
      ERR-ATTESTATION-ALREADY-USED
    )
    (let ((attester (unwrap! (recover-signer digest signature)
        ERR-INVALID-ATTESTATION-SIGNATURE
      )))
      (asserts! (has-role ROLE-ATTESTER attester)
        ERR-INVALID-ATTESTATION-SIGNATURE
      )
      (map-set used-attestations digest true)
      (map-set attestations {
        subject: subject,
        kind: kind,
      } {
        attester: attester,
        expires-at: expires-at,
      })
      (print {
        topic: "attestation-submitted",
        subject: subject,
        kind: kind,
        attester: attester,
        expires-at: expires-at,
        digest: digest,
      })
      (ok true)
    )
  )
)

;; Clear the subject's stored attestation of `kind` (whether or not one is
;; stored, as on EVM). Only an "attester". Badges already claimed stay.
(define-public (revoke-attestation
    (subject principal)
    (kind uint)
  )
  (let ((by contract-caller))
    (asserts! (has-role ROLE-ATTESTER by) ERR-NOT-AUTHORIZED)
    (asserts! (is-known-kind kind) ERR-UNKNOWN-ATTESTATION-KIND)
    (map-delete attestations {
      subject: subject,
      kind: kind,
    })
    (print {
      topic: "attestation-revoked",
      subject: subject,
      kind: kind,
      by: by,
    })
    (ok true)
  )
)

;; --------------------------------- admin ---------------------------------

;; Replace the criteria and properties of `tier`. Only "admin". Minted tokens
;; keep their lock; the fee discount of held soul-bound tiers follows the new
;; configuration at once.
(define-public (set-tier-config
    (tier uint)
    (config {
      min-completed-jobs: uint,
      min-satisfaction-bps: uint,
      requires-x-verified: bool,
      requires-vetted: bool,
      soulbound: bool,
      fee-discount-bps: uint,
    })
  )
  (begin
    (asserts! (has-role ROLE-ADMIN contract-caller) ERR-NOT-AUTHORIZED)
    (apply-tier-config tier config)
  )
)

;; Grant `role` ("admin" or "attester") to `account`. Only "admin". Returns
;; (ok true) when newly granted, (ok false) when already held (no event then).
(define-public (grant-role
    (role (string-ascii 16))
    (account principal)
  )
  (begin
    (asserts! (has-role ROLE-ADMIN contract-caller) ERR-NOT-AUTHORIZED)
    (apply-grant role account)
  )
)

;; Revoke `role` from `account`. Only "admin" (also its own admin role: with
;; no admin left, configuration and roles are frozen). Returns (ok true) when
;; it was held, (ok false) otherwise (no event then).
(define-public (revoke-role
    (role (string-ascii 16))
    (account principal)
  )
  (begin
    (asserts! (has-role ROLE-ADMIN contract-caller) ERR-NOT-AUTHORIZED)
    (apply-revoke role account)
  )
)

;; multisig-action: the multisig's generic `call` operation lands here, with
;; contract-caller = the multisig (which holds "admin"). `payload` is the
;; consensus serialization of {action: "set-tier-config", args: {tier,
;; config}} or {action: "grant-role" | "revoke-role", args: {role, account}}.
;; `operation-id` (the multisig's) is not used.
(define-public (execute
    (operation-id (buff 32))
    (payload (buff 2048))
  )
  (begin
    (asserts! (has-role ROLE-ADMIN contract-caller) ERR-NOT-AUTHORIZED)
    (match (from-consensus-buff? {
      action: (string-ascii 32),
      args: {
        tier: uint,
        config: {
          min-completed-jobs: uint,
          min-satisfaction-bps: uint,
          requires-x-verified: bool,
          requires-vetted: bool,
          soulbound: bool,
          fee-discount-bps: uint,
        },
      },
    }
      payload
    )
      call (begin
        (asserts! (is-eq (get action call) ACTION-SET-TIER-CONFIG)
          ERR-INVALID-ACTION
        )
        (apply-tier-config (get tier (get args call)) (get config (get args call)))
      )
      (let (
          (call (unwrap!
            (from-consensus-buff? {
              action: (string-ascii 32),
              args: {
                role: (string-ascii 16),
                account: principal,
              },
            }
              payload
            )
            ERR-INVALID-ACTION
          ))
          (action (get action call))
          (args (get args call))
        )
        (if (is-eq action ACTION-GRANT-ROLE)
          (apply-grant (get role args) (get account args))
          (begin
            (asserts! (is-eq action ACTION-REVOKE-ROLE) ERR-INVALID-ACTION)
            (apply-revoke (get role args) (get account args))
          )
        )
      )
    )
  )
)

;; --------------------------------- views ---------------------------------

;; SIP-009: the id of the last token minted (u0 before the first).
(define-read-only (get-last-token-id)
  (ok (var-get last-token-id))
)

;; SIP-009: the owner of `token-id`; none when it does not exist (or was burned).
(define-read-only (get-owner (token-id uint))
  (ok (nft-get-owner? worx-badge token-id))
)

;; SIP-009 / SIP-016: the token's metadata as a data URI, none for an unknown
;; token: data:application/json,{"sip":16,"name":"Worx <Tier> #<id>",
;; "properties":{"tier","completed_jobs","satisfaction" ("97.50%"),
;; "claimed_at" (Unix seconds),"soulbound","fee_discount" ("10.00%", what the
;; badge earns now: its tier's current discount if soul-bound)}} with `%`, `#`
;; and spaces percent-encoded (decode with decodeURIComponent, or fetch() it).
;; The EVM tokenURI's attributes, without description and image: SIP-009
;; bounds the URI to 256 characters (ids and job counts up to 12 digits fit;
;; a longer URI would be none). The image is (get-token-svg token-id).
(define-read-only (get-token-uri (token-id uint))
  (ok (match (map-get? tokens token-id)
    token (let (
        (tier (get tier token))
        (name (tier-name tier))
        (a (concat "data:application/json,{\"sip\":16,\"name\":\"Worx%20" name))
        (b (concat (concat a "%20%23") (int-to-ascii token-id)))
        (c (concat (concat b "\",\"properties\":{\"tier\":\"") name))
        (d (concat (concat c "\",\"completed_jobs\":")
          (int-to-ascii (get completed-jobs token))
        ))
        (e (concat (concat d ",\"satisfaction\":\"")
          (percent (get satisfaction-bps token))
        ))
        (f (concat (concat e "%25\",\"claimed_at\":") (int-to-ascii (get claimed-at token))))
        (g (concat f
          (if (get soulbound token)
            ",\"soulbound\":true,\"fee_discount\":\""
            ",\"soulbound\":false,\"fee_discount\":\""
          )))
      )
      (as-max-len?
        (concat (concat g (percent (current-discount tier (get soulbound token))))
          "%25\"}}"
        )
        u256
      )
    )
    none
  ))
)

;; The badge's picture, the same as the EVM BadgeArt.svg: a disc in the tier's
;; colour with its name, over the token id and the stats at claim; none for an
;; unknown token. Apps render it as data:image/svg+xml,<encodeURIComponent(svg)>.
(define-read-only (get-token-svg (token-id uint))
  (match (map-get? tokens token-id)
    token (let (
        (tier (get tier token))
        (a (concat
          "<svg xmlns='http://www.w3.org/2000/svg' width='400' height='400' viewBox='0 0 400 400'><rect width='400' height='400' rx='32' fill='#111827'/><circle cx='200' cy='150' r='96' fill='"
          (unwrap-panic (element-at? TIER-COLOURS tier))
        ))
        (b (concat
          (concat a
            "' stroke='#ffffff' stroke-opacity='0.35' stroke-width='8'/><g font-family='Helvetica,Arial,sans-serif' text-anchor='middle'><text x='200' y='161' font-size='30' font-weight='700' fill='#111827'>"
          )
          (unwrap-panic (element-at? TIER-LABELS tier))
        ))
        (c (concat
          (concat b "</text><text x='200' y='288' font-size='24' fill='#f9fafb'>Worx badge #")
          (int-to-ascii token-id)
        ))
        (d (concat
          (concat c "</text><text x='200' y='324' font-size='18' fill='#d1d5db'>")
          (int-to-ascii (get completed-jobs token))
        ))
        (e (concat (concat d " jobs / ") (percent (get satisfaction-bps token))))
      )
      (some (concat
        (concat e "% satisfied</text><text x='200' y='356' font-size='15' fill='#9ca3af'>")
        (if (get soulbound token)
          "Soul-bound</text></g></svg>"
          "Transferable</text></g></svg>"
        )))
    )
    none
  )
)

;; A badge as claimed (Solidity `badge`): {tier, claimed-at, completed-jobs,
;; satisfaction-bps, soulbound}; none when it does not exist (or was burned).
(define-read-only (get-badge (token-id uint))
  (map-get? tokens token-id)
)

;; ERC-5192 locked: whether `token-id` is soul-bound.
(define-read-only (is-locked (token-id uint))
  (match (map-get? tokens token-id)
    token (ok (get soulbound token))
    ERR-TOKEN-NOT-FOUND
  )
)

;; The criteria and properties of `tier` (none outside u1..u5).
(define-read-only (get-tier-config (tier uint))
  (map-get? tier-configs tier)
)

;; The criteria `account` misses for `tier` now, as a bitmask (u0 = it may
;; claim, unless it already did): u1 completed jobs, u2 satisfaction, u4 X
;; verification, u8 vetting.
(define-read-only (get-missing-criteria
    (account principal)
    (tier uint)
  )
  (let (
      (config (unwrap! (map-get? tier-configs tier) ERR-INVALID-TIER))
      (stats (contract-call? .escrow get-freelancer-stats account))
    )
    (ok (missing config (get completed-jobs stats)
      (satisfaction (get rating-count stats) (get rating-sum stats)) account
    ))
  )
)

;; The account's satisfaction in bps from its escrow ratings (u0 without any).
(define-read-only (get-satisfaction-bps (account principal))
  (let ((stats (contract-call? .escrow get-freelancer-stats account)))
    (satisfaction (get rating-count stats) (get rating-sum stats))
  )
)

;; The token `account` claimed for `tier`, if it ever did.
(define-read-only (get-claimed-token
    (account principal)
    (tier uint)
  )
  (map-get? claims {
    account: account,
    tier: tier,
  })
)

;; Bitmap (bit 2^tier: u2 Bronze, u4 Silver, u8 Gold, u16 Platinum,
;; u32 Verified) of the tiers `account` holds.
(define-read-only (get-held-tiers (account principal))
  (default-to u0 (map-get? held-tiers account))
)

;; The highest tier `account` holds now (Verified ranks highest), u0 (None)
;; when it holds no badge.
(define-read-only (get-best-tier (account principal))
  (let ((held (get-held-tiers account)))
    (if (>= held u32)
      TIER-VERIFIED
      (if (>= held u16)
        TIER-PLATINUM
        (if (>= held u8)
          TIER-GOLD
          (if (>= held u4)
            TIER-SILVER
            (if (>= held u2)
              TIER-BRONZE
              u0
            )
          )
        )
      )
    )
  )
)

;; Whether `account` ever claimed `tier` (it may no longer hold it).
(define-read-only (has-claimed
    (account principal)
    (tier uint)
  )
  (is-some (get-claimed-token account tier))
)

;; The escrow whose work history the criteria read (fixed at deployment).
(define-read-only (get-escrow)
  .escrow
)

;; fee-discount-trait: the discount on the platform fee (bps of the fee) the
;; escrow gives `account`: the largest fee-discount-bps among the tiers it
;; holds as soul-bound badges (u0 with none).
(define-read-only (get-fee-discount-bps (account principal))
  (let ((locked (default-to u0 (map-get? locked-tiers account))))
    ;; most freelancers hold no soul-bound badge: skip the tier reads
    (ok (if (is-eq locked u0)
      u0
      (get best
        (fold best-discount TIERS {
          locked: locked,
          best: u0,
        })
      )
    ))
  )
)

;; The stored attestation of `kind` for `subject` ({attester, expires-at}),
;; expired or not; none when none (or revoked).
(define-read-only (get-attestation
    (subject principal)
    (kind uint)
  )
  (map-get? attestations {
    subject: subject,
    kind: kind,
  })
)

;; Whether `subject` has an unexpired attestation of `kind` now.
(define-read-only (has-valid-attestation
    (subject principal)
    (kind uint)
  )
  (match (map-get? attestations {
    subject: subject,
    kind: kind,
  })
    a (> (get expires-at a) stacks-block-time)
    false
  )
)

;; Whether the attestation with SIP-018 hash `digest` was ever submitted.
(define-read-only (is-attestation-used (digest (buff 32)))
  (is-some (map-get? used-attestations digest))
)

;; The SIP-018 domain attestations are signed in.
(define-read-only (get-attestation-domain)
  ATTESTATION-DOMAIN
)

;; The SIP-018 hash an attester signs:
;; sha256("SIP018" ++ sha256(domain) ++ sha256(message)) with message
;; {badges (this contract), subject, kind, expires-at, nonce}, each hashed as
;; its consensus serialization (@stacks/transactions signStructuredData).
(define-read-only (get-attestation-digest
    (subject principal)
    (kind uint)
    (expires-at uint)
    (nonce uint)
  )
  (sha256 (concat SIP018-PREFIX
    (concat ATTESTATION-DOMAIN-HASH
      (sha256 (unwrap-panic (to-consensus-buff? {
        ;; the domain has no contract: naming this one keeps an attestation
        ;; from being replayed on another deployment
        badges: current-contract,
        subject: subject,
        kind: kind,
        expires-at: expires-at,
        nonce: nonce,
      })))
    )))
)

;; Whether `account` holds `role` ("admin", "attester").
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

;; floor(rating-sum * 10000 / (5 * rating-count)); u0 without ratings.
(define-private (satisfaction
    (rating-count uint)
    (rating-sum uint)
  )
  (if (is-eq rating-count u0)
    u0
    (/ (* rating-sum BPS-DENOMINATOR) (* u5 rating-count))
  )
)

;; The missing-criteria bitmask of `account` for a tier's `config`.
(define-private (missing
    (config {
      min-completed-jobs: uint,
      min-satisfaction-bps: uint,
      requires-x-verified: bool,
      requires-vetted: bool,
      soulbound: bool,
      fee-discount-bps: uint,
    })
    (completed-jobs uint)
    (satisfaction-bps uint)
    (account principal)
  )
  (+
    (if (< completed-jobs (get min-completed-jobs config))
      MISSING-COMPLETED-JOBS
      u0
    )
    (if (< satisfaction-bps (get min-satisfaction-bps config))
      MISSING-SATISFACTION
      u0
    )
    (if (and
        (get requires-x-verified config)
        (not (has-valid-attestation account KIND-X-VERIFIED))
      )
      MISSING-X-VERIFICATION
      u0
    )
    (if (and
        (get requires-vetted config)
        (not (has-valid-attestation account KIND-VETTED))
      )
      MISSING-VETTING
      u0
    )
  )
)

;; The discount a badge of `tier` earns now: its tier's current
;; fee-discount-bps if the badge is soul-bound, u0 otherwise.
(define-private (current-discount
    (tier uint)
    (soulbound bool)
  )
  (if soulbound
    (default-to u0 (get fee-discount-bps (map-get? tier-configs tier)))
    u0
  )
)

;; fold step of get-fee-discount-bps.
(define-private (best-discount
    (tier uint)
    (acc {
      locked: uint,
      best: uint,
    })
  )
  (if (is-eq (bit-and (get locked acc) (bit-shift-left u1 tier)) u0)
    acc
    (let ((bps (current-discount tier true)))
      (if (> bps (get best acc))
        (merge acc { best: bps })
        acc
      )
    )
  )
)

;; One more token of `tier` held by `account` (`locked`: a soul-bound one).
(define-private (add-held
    (account principal)
    (tier uint)
    (locked bool)
  )
  (let (
      (key {
        account: account,
        tier: tier,
      })
      (bit (bit-shift-left u1 tier))
    )
    (map-set held-counts key (+ (default-to u0 (map-get? held-counts key)) u1))
    (map-set held-tiers account (bit-or (get-held-tiers account) bit))
    (and
      locked
      (map-set locked-tiers account
        (bit-or (default-to u0 (map-get? locked-tiers account)) bit)
      )
    )
  )
)

;; One token of `tier` less held by `account`; its bits clear with the last one.
(define-private (remove-held
    (account principal)
    (tier uint)
    (locked bool)
  )
  (let (
      (key {
        account: account,
        tier: tier,
      })
      (count (- (default-to u0 (map-get? held-counts key)) u1))
      (keep (bit-not (bit-shift-left u1 tier)))
    )
    (if (is-eq count u0)
      (begin
        (map-delete held-counts key)
        (map-set held-tiers account (bit-and (get-held-tiers account) keep))
      )
      (map-set held-counts key count)
    )
    (and
      locked
      (map-set locked-tiers account
        (bit-and (default-to u0 (map-get? locked-tiers account)) keep)
      )
    )
  )
)

(define-private (apply-tier-config
    (tier uint)
    (config {
      min-completed-jobs: uint,
      min-satisfaction-bps: uint,
      requires-x-verified: bool,
      requires-vetted: bool,
      soulbound: bool,
      fee-discount-bps: uint,
    })
  )
  (let ((last-id (var-get last-token-id)))
    (asserts! (and (>= tier TIER-BRONZE) (<= tier TIER-VERIFIED)) ERR-INVALID-TIER)
    (asserts!
      (and
        (<= (get min-completed-jobs config) MAX-UINT32)
        (<= (get min-satisfaction-bps config) BPS-DENOMINATOR)
        (<= (get fee-discount-bps config) BPS-DENOMINATOR)
        (or (get soulbound config) (is-eq (get fee-discount-bps config) u0))
      )
      ERR-INVALID-TIER-CONFIG
    )
    (map-set tier-configs tier config)
    (print (merge {
      topic: "tier-config-updated",
      tier: tier,
    }
      config
    ))
    ;; ERC-4906: metadata readers refresh every token (none before the first)
    (and
      (> last-id u0)
      (begin
        (print {
          topic: "batch-metadata-update",
          from-token-id: u1,
          to-token-id: last-id,
        })
        true
      )
    )
    (ok true)
  )
)

(define-private (apply-grant
    (role (string-ascii 16))
    (account principal)
  )
  (begin
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

(define-private (apply-revoke
    (role (string-ascii 16))
    (account principal)
  )
  (begin
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

(define-private (is-known-role (role (string-ascii 16)))
  (or (is-eq role ROLE-ADMIN) (is-eq role ROLE-ATTESTER))
)

(define-private (is-known-kind (kind uint))
  (or (is-eq kind KIND-X-VERIFIED) (is-eq kind KIND-VETTED))
)

(define-private (tier-name (tier uint))
  (default-to "None" (element-at? TIER-NAMES tier))
)

;; bps as a percentage with two decimals: u9750 -> "97.50".
(define-private (percent (bps uint))
  (let ((cents (mod bps u100)))
    (concat
      (concat (int-to-ascii (/ bps u100))
        (if (< cents u10)
          ".0"
          "."
        ))
      (int-to-ascii cents)
    )
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

;; ------------------------------ deployment ------------------------------

;; The default tiers (see the header), each printed as tier-config-updated
;; like the EVM constructor's events. Runs after the definitions above.
(unwrap-panic (apply-tier-config TIER-BRONZE {
  min-completed-jobs: u10,
  min-satisfaction-bps: u9500,
  requires-x-verified: false,
  requires-vetted: false,
  soulbound: false,
  fee-discount-bps: u0,
}))
(unwrap-panic (apply-tier-config TIER-SILVER {
  min-completed-jobs: u25,
  min-satisfaction-bps: u9700,
  requires-x-verified: true,
  requires-vetted: false,
  soulbound: true,
  fee-discount-bps: u1000,
}))
(unwrap-panic (apply-tier-config TIER-GOLD {
  min-completed-jobs: u50,
  min-satisfaction-bps: u9800,
  requires-x-verified: false,
  requires-vetted: false,
  soulbound: true,
  fee-discount-bps: u2500,
}))
(unwrap-panic (apply-tier-config TIER-PLATINUM {
  min-completed-jobs: u100,
  min-satisfaction-bps: u9900,
  requires-x-verified: false,
  requires-vetted: false,
  soulbound: true,
  fee-discount-bps: u5000,
}))
(unwrap-panic (apply-tier-config TIER-VERIFIED {
  min-completed-jobs: u0,
  min-satisfaction-bps: u0,
  requires-x-verified: true,
  requires-vetted: true,
  soulbound: true,
  fee-discount-bps: u0,
}))
