// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IERC5192} from "../badges/IERC5192.sol";
import {IFeeDiscountSource} from "./IFeeDiscountSource.sol";

/**
 * @title IWorxBadges
 * @notice Achievement badges: ERC-721 tokens a freelancer claims once its on-chain work history in
 * the escrow (completed jobs, client satisfaction) and, for some tiers, off-chain facts signed by an
 * attester (X account verified, vetted by the platform) meet the tier's criteria. One badge per
 * account and tier, ever; earlier badges stay when a higher one is claimed (they are records of past
 * achievements), and the holder's best tier is the highest tier it holds.
 *
 * Soul-bound tiers (ERC-5192 `locked`) can never be transferred, only burnt by their holder; they
 * alone earn fee discounts (this contract is the escrow's {IFeeDiscountSource}), so reputation
 * cannot be bought. Transferable tiers (Bronze by default: a "first ten jobs" collectible) confer no
 * discount. Metadata (JSON + SVG) is rendered on-chain: no IPFS, no server.
 *
 * Satisfaction, in basis points: `ratingCount == 0 ? 0 : floor(ratingSum * 10_000 / (5 * ratingCount))`
 * from the escrow's `freelancerStats(account)`.
 *
 * Missing criteria are reported as a bit mask: 1 = completed jobs, 2 = satisfaction, 4 = X
 * verification, 8 = vetting. Attestation kinds: 1 = X account verified, 2 = vetted by the platform.
 *
 * Attestations are EIP-712 typed data in the domain {name: "Worx Badges", version: "1", chainId,
 * verifyingContract: this contract}: `Attestation(address subject,uint8 kind,uint64 expiresAt,uint256 nonce)`,
 * signed by an ATTESTER_ROLE holder (role administered by DEFAULT_ADMIN_ROLE, the protocol's multisig).
 *
 * The Stacks contract `clarity/contracts/badges.clar` mirrors this interface; its `print` events carry
 * the same fields under kebab-case topics (`badge-claimed`, ...).
 */
interface IWorxBadges is IERC5192, IFeeDiscountSource {
    /// @notice Badge tiers, in order. None is never a valid tier.
    enum Tier {
        None,
        Bronze,
        Silver,
        Gold,
        Platinum,
        Verified
    }

    /// @notice What a tier requires and confers (one storage slot).
    struct TierConfig {
        uint32 minCompletedJobs; // escrows that ended Completed, at least
        uint16 minSatisfactionBps; // 0..10_000, at least
        bool requiresXVerified; // an unexpired attestation of kind 1
        bool requiresVetted; // an unexpired attestation of kind 2
        bool soulbound; // badges minted from now on are locked to their holder
        uint16 feeDiscountBps; // discount on the platform fee, in bps of the fee; soul-bound tiers only
    }

    /// @notice One badge as minted (one storage slot). Fixed at claim time.
    struct Badge {
        Tier tier;
        bool soulbound; // locked (ERC-5192): the tier's setting when it was claimed
        uint48 claimedAt; // unix seconds
        uint32 completedJobs; // the claimer's completed jobs when it claimed
        uint16 satisfactionBps; // the claimer's satisfaction when it claimed
    }

    /// @notice An attestation as stored: who signed it and until when it counts.
    struct Attestation {
        address attester; // zero when none (never submitted, or revoked)
        uint64 expiresAt; // unix seconds; counts while expiresAt > now
    }

    // ───────────────────────────── events ─────────────────────────────

    /// @notice An account claimed a badge (besides ERC-721 `Transfer` and, if soul-bound, ERC-5192 `Locked`).
    /// @param tokenId the new badge.
    /// @param account who claimed and holds it.
    /// @param tier its tier.
    /// @param completedJobs the account's completed jobs at claim time.
    /// @param satisfactionBps the account's satisfaction at claim time, in basis points.
    event BadgeClaimed(
        uint256 indexed tokenId, address indexed account, Tier indexed tier, uint32 completedJobs, uint16 satisfactionBps
    );

    /// @notice An attestation was stored for `subject` (replacing any earlier one of the same kind).
    /// @param subject the account it is about.
    /// @param kind 1 = X account verified, 2 = vetted.
    /// @param attester the ATTESTER_ROLE holder that signed it.
    /// @param expiresAt unix seconds from which it no longer counts.
    /// @param digest its EIP-712 digest, now used up.
    event AttestationSubmitted(
        address indexed subject, uint8 indexed kind, address indexed attester, uint64 expiresAt, bytes32 digest
    );

    /// @notice An attester cleared `subject`'s attestation of `kind`. Badges already claimed stay.
    /// @param subject the account it was about.
    /// @param kind 1 = X account verified, 2 = vetted.
    /// @param by the ATTESTER_ROLE holder that revoked it.
    event AttestationRevoked(address indexed subject, uint8 indexed kind, address indexed by);

    /// @notice A tier's criteria or perks changed (also emitted for every tier at deployment).
    /// Soul-binding applies to badges claimed from now on; the fee discount applies at once to every
    /// locked badge of the tier.
    /// @param tier the tier.
    /// @param minCompletedJobs completed jobs required.
    /// @param minSatisfactionBps satisfaction required, in basis points.
    /// @param requiresXVerified whether an X verification attestation is required.
    /// @param requiresVetted whether a vetting attestation is required.
    /// @param soulbound whether badges claimed from now on are locked.
    /// @param feeDiscountBps the discount its locked badges earn, in basis points of the fee.
    event TierConfigUpdated(
        Tier indexed tier,
        uint32 minCompletedJobs,
        uint16 minSatisfactionBps,
        bool requiresXVerified,
        bool requiresVetted,
        bool soulbound,
        uint16 feeDiscountBps
    );

    // ───────────────────────────── errors ─────────────────────────────

    /// @notice `tier` is not a badge tier. Debug: tiers are 1 (Bronze) .. 5 (Verified); 0 (None) is
    /// never valid, and values above 5 are rejected by the ABI decoder (a revert without data).
    error InvalidTier(Tier tier);

    /// @notice The caller does not meet `tier`'s criteria now; `missingMask` has a bit per unmet one:
    /// 1 completed jobs, 2 satisfaction, 4 X verification, 8 vetting. Debug: `missingCriteria(account, tier)`
    /// answers the same before sending; compare the escrow's `freelancerStats(account)` with
    /// `tierConfig(tier)` and check `attestation(account, kind)` has not expired.
    error CriteriaNotMet(Tier tier, uint8 missingMask);

    /// @notice `account` already claimed a badge of `tier`: one per account and tier, ever (even after
    /// burning or, for transferable tiers, giving it away).
    error AlreadyClaimed(address account, Tier tier);

    /// @notice The badge is soul-bound (ERC-5192 `locked`): it can never change hands. Its holder may
    /// still burn it.
    error Soulbound(uint256 tokenId);

    /// @notice The signature is not an ATTESTER_ROLE holder's signature of this attestation. `signer`
    /// is the address it resolves to (zero when none). Debug: sign EIP-712 `Attestation(subject,kind,
    /// expiresAt,nonce)` in the domain "Worx Badges" / "1" with THIS chain id and THIS contract as
    /// verifying contract (`attestationDigest` shows the digest); a contract attester (ERC-1271)
    /// prefixes its 20-byte address to its signature; the signer must hold ATTESTER_ROLE at submission.
    error InvalidAttestationSignature(address signer);

    /// @notice The attestation expired at or before the current block's time. Debug: `expiresAt` is
    /// unix seconds (not milliseconds) and must lie in the future when submitted.
    error AttestationExpired(uint64 expiresAt);

    /// @notice This attestation (its EIP-712 `digest`) was submitted before: each signed attestation
    /// counts once, even after it was revoked. Debug: the attester signs a new one with a fresh nonce.
    error AttestationAlreadyUsed(bytes32 digest);

    /// @notice `kind` is not an attestation kind: 1 = X account verified, 2 = vetted.
    error UnknownAttestationKind(uint8 kind);

    /// @notice Only the holder of badge `tokenId` may burn it; `caller` is not (approved operators
    /// may not either).
    error NotTokenOwner(uint256 tokenId, address caller);

    /// @notice `tier`'s new config is invalid. Debug: `minSatisfactionBps` and `feeDiscountBps` are at
    /// most 10_000, and only a soul-bound tier may carry a fee discount (bought badges must not buy
    /// discounts).
    error InvalidTierConfig(Tier tier);

    /// @notice The escrow whose work history the badges read must be a deployed contract.
    error InvalidEscrow(address escrow);

    /// @notice The admin (DEFAULT_ADMIN_ROLE, the protocol's multisig) must be a non-zero address.
    error InvalidAdmin(address admin);

    // ───────────────────────────── actions ─────────────────────────────

    /// @notice Claim a badge of `tier` for the caller, if the caller meets its criteria now. Mints a new
    /// token to the caller recording the caller's completed jobs and satisfaction at this moment.
    /// @param tier the tier (Bronze .. Verified), not claimed by the caller before.
    /// @return tokenId the new badge (sequential from 1).
    function claim(Tier tier) external returns (uint256 tokenId);

    /// @notice Burn a badge. Only its holder, soul-bound or not. The tier cannot be claimed again by
    /// the account that claimed it.
    /// @param tokenId the badge.
    function burn(uint256 tokenId) external;

    /// @notice Store an attester's signed attestation about `subject`. Anyone may submit it (usually
    /// the subject). Replaces any earlier attestation of the same kind for the subject.
    /// @param subject the account the attestation is about.
    /// @param kind 1 = X account verified, 2 = vetted.
    /// @param expiresAt unix seconds from which it no longer counts; must be in the future.
    /// @param nonce any number the attester picked, unique among its attestations of this subject and kind.
    /// @param signature the attester's 65-byte ECDSA signature (r, s, v) of the EIP-712
    /// digest; a contract attester (ERC-1271) passes `abi.encodePacked(attester, walletSignature)`.
    function submitAttestation(
        address subject,
        uint8 kind,
        uint64 expiresAt,
        uint256 nonce,
        bytes calldata signature
    ) external;

    /// @notice Clear `subject`'s attestation of `kind`. Only ATTESTER_ROLE. Badges already claimed
    /// stay; the signed attestation can never be submitted again.
    /// @param subject the account.
    /// @param kind 1 = X account verified, 2 = vetted.
    function revokeAttestation(address subject, uint8 kind) external;

    // ───────────────────────────── admin ─────────────────────────────

    /// @notice Set a tier's criteria and perks. Only DEFAULT_ADMIN_ROLE (the multisig). Emits ERC-4906
    /// `BatchMetadataUpdate(1, lastTokenId)` when badges exist (their fee-discount attribute may change).
    /// @param tier the tier (Bronze .. Verified).
    /// @param config bps fields at most 10_000; a fee discount only on a soul-bound tier.
    function setTierConfig(Tier tier, TierConfig calldata config) external;

    // ───────────────────────────── views ─────────────────────────────

    /// @notice The escrow whose work history the criteria read (fixed at deployment).
    /// @return the escrow.
    function escrow() external view returns (address);

    /// @notice Which of `tier`'s criteria `account` does not meet now (0 = it may claim, unless it
    /// already did).
    /// @param account the account.
    /// @param tier the tier (Bronze .. Verified).
    /// @return mask 1 completed jobs, 2 satisfaction, 4 X verification, 8 vetting.
    function missingCriteria(address account, Tier tier) external view returns (uint8 mask);

    /// @notice `account`'s client satisfaction from the escrow's ratings, in basis points.
    /// @param account the account.
    /// @return bps `floor(ratingSum * 10_000 / (5 * ratingCount))`, 0 without ratings, at most 10_000.
    function satisfactionBps(address account) external view returns (uint16 bps);

    /// @notice The highest tier among the badges `account` holds now (Verified ranks highest).
    /// @param account the account.
    /// @return the tier, or None when it holds no badge.
    function bestTier(address account) external view returns (Tier);

    /// @notice The tiers of the badges `account` holds now, as a bit mask (bit `t` for tier `t`).
    /// @param account the account.
    /// @return the mask.
    function heldTiers(address account) external view returns (uint8);

    /// @notice Whether `account` ever claimed a badge of `tier`.
    /// @param account the account.
    /// @param tier the tier.
    /// @return true when it did (it may no longer hold it).
    function hasClaimed(address account, Tier tier) external view returns (bool);

    /// @notice A tier's current criteria and perks.
    /// @param tier the tier (Bronze .. Verified).
    /// @return the config.
    function tierConfig(Tier tier) external view returns (TierConfig memory);

    /// @notice `subject`'s stored attestation of `kind` (zero when none; it may have expired).
    /// @param subject the account.
    /// @param kind 1 = X account verified, 2 = vetted.
    /// @return the attestation.
    function attestation(address subject, uint8 kind) external view returns (Attestation memory);

    /// @notice Whether `subject` has an unexpired attestation of `kind` now.
    /// @param subject the account.
    /// @param kind 1 = X account verified, 2 = vetted.
    /// @return true while it counts.
    function hasValidAttestation(address subject, uint8 kind) external view returns (bool);

    /// @notice The EIP-712 digest an attester signs.
    /// @param subject the account it is about.
    /// @param kind 1 = X account verified, 2 = vetted.
    /// @param expiresAt unix seconds from which it no longer counts.
    /// @param nonce the attester's unique number.
    /// @return the digest.
    function attestationDigest(address subject, uint8 kind, uint64 expiresAt, uint256 nonce)
        external
        view
        returns (bytes32);

    /// @notice Whether a signed attestation (by its digest) was already submitted.
    /// @param digest the EIP-712 digest.
    /// @return true when used up.
    function isAttestationUsed(bytes32 digest) external view returns (bool);

    /// @notice A badge as minted. Reverts for a token that does not exist (never minted or burnt).
    /// @param tokenId the badge.
    /// @return the badge.
    function badge(uint256 tokenId) external view returns (Badge memory);

    /// @notice The latest token id minted (ids are sequential from 1; burnt ids are never reused).
    /// @return the id, 0 before the first claim.
    function lastTokenId() external view returns (uint256);
}
