// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";
import {IERC165} from "@openzeppelin/contracts/interfaces/IERC165.sol";
import {IERC4906} from "@openzeppelin/contracts/interfaces/IERC4906.sol";
import {ERC721} from "@openzeppelin/contracts/token/ERC721/ERC721.sol";
import {ECDSA} from "@openzeppelin/contracts/utils/cryptography/ECDSA.sol";
import {EIP712} from "@openzeppelin/contracts/utils/cryptography/EIP712.sol";
import {SignatureChecker} from "@openzeppelin/contracts/utils/cryptography/SignatureChecker.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {IFeeDiscountSource} from "../interfaces/IFeeDiscountSource.sol";
import {IMilestoneEscrow} from "../interfaces/IMilestoneEscrow.sol";
import {IWorxBadges} from "../interfaces/IWorxBadges.sol";
import {BadgeArt} from "../libraries/BadgeArt.sol";
import {IERC5192} from "./IERC5192.sol";

// Attestation expiry and claim times are unix seconds by design; validators' seconds of skew are
// irrelevant against attestations that last days or months.
// solhint-disable not-rely-on-time

/**
 * @title WorxBadges
 * @notice Achievement badges claimed from the escrow's work history and attesters' signed facts:
 * ERC-721 with on-chain metadata, soul-bound tiers (ERC-5192), metadata-update events (ERC-4906),
 * and the escrow's fee-discount source. See {IWorxBadges}.
 * @dev Roles: DEFAULT_ADMIN_ROLE (the protocol's multisig) sets tier configs and appoints
 * attesters; ATTESTER_ROLE signs and revokes attestations.
 *
 * External calls: {claim} and {missingCriteria} read the escrow (fixed at deployment, trusted, a
 * view call), and {submitAttestation} asks a contract attester (an ATTESTER_ROLE holder) through a
 * static ERC-1271 call; neither can change state. Minting uses `_mint` to the caller itself (no
 * receiver hook). The only hook left is OpenZeppelin's `onERC721Received` on `safeTransferFrom` of a
 * transferable badge, called after every state change, so no reentrancy guard is needed.
 *
 * Per-account holdings live in one storage word, so the fee discount the escrow reads at job
 * creation, the best tier and the soul-bound check are O(1):
 *   bits 0..7   tiers ever claimed (bit t for tier t)
 *   bits 8..15  tiers of the soul-bound (locked) badges held now: at most one each, as a locked badge
 *               never moves and each tier is claimed once
 *   bits 16..23 tiers of the badges held now (any)
 *   bits 32t+32 .. 32t+63, t = 1..5: number of badges of tier t held now (transferable badges of
 *               one tier can pile up in one account; 2^32 of them would take 2^32 claimers).
 */
contract WorxBadges is IWorxBadges, IERC4906, ERC721, AccessControl, EIP712 {
    /// @notice May sign and revoke attestations.
    bytes32 public constant ATTESTER_ROLE = keccak256("ATTESTER_ROLE");
    // The type string must be spelled out exactly; it is hashed at compile time, never stored.
    // solhint-disable gas-small-strings
    /// @notice EIP-712 type hash of an attestation.
    bytes32 public constant ATTESTATION_TYPEHASH =
        keccak256("Attestation(address subject,uint8 kind,uint64 expiresAt,uint256 nonce)");
    // solhint-enable gas-small-strings
    /// @notice Attestation kind: the subject's X account is verified.
    uint8 public constant ATTESTATION_X_VERIFIED = 1;
    /// @notice Attestation kind: the subject was vetted by the platform.
    uint8 public constant ATTESTATION_VETTED = 2;
    /// @notice Missing-criteria bit: too few completed jobs.
    uint8 public constant MISSING_COMPLETED_JOBS = 1;
    /// @notice Missing-criteria bit: satisfaction too low.
    uint8 public constant MISSING_SATISFACTION = 2;
    /// @notice Missing-criteria bit: no unexpired X verification attestation.
    uint8 public constant MISSING_X_VERIFICATION = 4;
    /// @notice Missing-criteria bit: no unexpired vetting attestation.
    uint8 public constant MISSING_VETTING = 8;

    /// @dev 100% in basis points.
    uint16 private constant BPS = 10_000;
    /// @dev Highest rating a client can give.
    uint256 private constant MAX_RATING = 5;
    /// @dev ERC-4906 interface id, fixed by the standard (not derived from selectors).
    bytes4 private constant ERC4906_INTERFACE_ID = 0x49064906;
    /// @dev Holdings word layout (see the contract's notes).
    uint256 private constant LOCKED_SHIFT = 8;
    uint256 private constant HELD_SHIFT = 16;
    uint256 private constant COUNT_BITS = 32;
    uint256 private constant COUNT_MASK = type(uint32).max;

    IMilestoneEscrow private immutable ESCROW;

    uint256 private _lastTokenId;
    mapping(Tier tier => TierConfig) private _configs;
    mapping(uint256 tokenId => Badge) private _badges;
    mapping(address account => uint256) private _holdings;
    mapping(address subject => mapping(uint8 kind => Attestation)) private _attestations;
    mapping(bytes32 digest => bool) private _usedDigests;

    /// @notice Deploy for `escrow_`'s work history, administered by `admin`, with the default tiers:
    /// Bronze 10 jobs / 95% / transferable; Silver 25 / 97% / X-verified / soul-bound / 10% off the fee;
    /// Gold 50 / 98% / soul-bound / 25% off; Platinum 100 / 99% / soul-bound / 50% off; Verified
    /// X-verified and vetted / soul-bound / no discount.
    /// @param escrow_ the MilestoneEscrow whose `freelancerStats` the criteria read.
    /// @param admin receives DEFAULT_ADMIN_ROLE (the protocol's multisig); it appoints attesters.
    constructor(address escrow_, address admin) ERC721("Worx Badges", "WORXB") EIP712("Worx Badges", "1") {
        if (escrow_.code.length == 0) revert InvalidEscrow(escrow_);
        if (admin == address(0)) revert InvalidAdmin(admin);
        ESCROW = IMilestoneEscrow(escrow_);
        _grantRole(DEFAULT_ADMIN_ROLE, admin);
        _setTierConfig(Tier.Bronze, TierConfig(10, 9_500, false, false, false, 0));
        _setTierConfig(Tier.Silver, TierConfig(25, 9_700, true, false, true, 1_000));
        _setTierConfig(Tier.Gold, TierConfig(50, 9_800, false, false, true, 2_500));
        _setTierConfig(Tier.Platinum, TierConfig(100, 9_900, false, false, true, 5_000));
        _setTierConfig(Tier.Verified, TierConfig(0, 0, true, true, true, 0));
    }

    // ───────────────────────────── actions ─────────────────────────────

    /// @inheritdoc IWorxBadges
    function claim(Tier tier) external returns (uint256 tokenId) {
        TierConfig memory config = _configOf(tier);
        if (_holdings[msg.sender] & _bit(tier) != 0) revert AlreadyClaimed(msg.sender, tier);
        IMilestoneEscrow.FreelancerStats memory stats = ESCROW.freelancerStats(msg.sender);
        uint16 satisfaction = _satisfaction(stats);
        uint8 missing = _missing(msg.sender, config, stats.completedJobs, satisfaction);
        if (missing != 0) revert CriteriaNotMet(tier, missing);

        tokenId = ++_lastTokenId;
        // Stored before minting: {_update} reads the tier and the lock from it.
        _badges[tokenId] = Badge({
            tier: tier,
            soulbound: config.soulbound,
            // Fits: uint48 seconds last until the year 8 million.
            claimedAt: uint48(block.timestamp),
            completedJobs: stats.completedJobs,
            satisfactionBps: satisfaction
        });
        // Not `_safeMint`: the recipient is the caller itself, which asked for the badge; skipping the
        // receiver hook leaves no external call to a stranger's code.
        _mint(msg.sender, tokenId);
        if (config.soulbound) emit Locked(tokenId);
        emit BadgeClaimed(tokenId, msg.sender, tier, stats.completedJobs, satisfaction);
    }

    /// @inheritdoc IWorxBadges
    function burn(uint256 tokenId) external {
        address holder = ownerOf(tokenId);
        if (msg.sender != holder) revert NotTokenOwner(tokenId, msg.sender);
        _burn(tokenId);
        delete _badges[tokenId];
    }

    /// @inheritdoc IWorxBadges
    function submitAttestation(
        address subject,
        uint8 kind,
        uint64 expiresAt,
        uint256 nonce,
        bytes calldata signature
    ) external {
        _checkKind(kind);
        if (expiresAt <= block.timestamp) revert AttestationExpired(expiresAt);
        bytes32 digest = _attestationDigest(subject, kind, expiresAt, nonce);
        if (_usedDigests[digest]) revert AttestationAlreadyUsed(digest);
        address attester = _attester(digest, signature);

        _usedDigests[digest] = true;
        _attestations[subject][kind] = Attestation({attester: attester, expiresAt: expiresAt});
        emit AttestationSubmitted(subject, kind, attester, expiresAt, digest);
    }

    /// @inheritdoc IWorxBadges
    function revokeAttestation(address subject, uint8 kind) external onlyRole(ATTESTER_ROLE) {
        _checkKind(kind);
        delete _attestations[subject][kind];
        emit AttestationRevoked(subject, kind, msg.sender);
    }

    // ───────────────────────────── admin ─────────────────────────────

    /// @inheritdoc IWorxBadges
    function setTierConfig(Tier tier, TierConfig calldata config) external onlyRole(DEFAULT_ADMIN_ROLE) {
        _setTierConfig(tier, config);
        // Every badge's "Fee discount" attribute reads its tier's current config.
        uint256 last = _lastTokenId;
        if (last != 0) emit BatchMetadataUpdate(1, last);
    }

    // ───────────────────────────── views ─────────────────────────────

    /// @inheritdoc IWorxBadges
    function escrow() external view returns (address) {
        return address(ESCROW);
    }

    /// @inheritdoc IWorxBadges
    function missingCriteria(address account, Tier tier) external view returns (uint8) {
        TierConfig memory config = _configOf(tier);
        IMilestoneEscrow.FreelancerStats memory stats = ESCROW.freelancerStats(account);
        return _missing(account, config, stats.completedJobs, _satisfaction(stats));
    }

    /// @inheritdoc IWorxBadges
    function satisfactionBps(address account) external view returns (uint16) {
        return _satisfaction(ESCROW.freelancerStats(account));
    }

    /// @inheritdoc IWorxBadges
    function bestTier(address account) external view returns (Tier) {
        uint256 held = _heldMask(_holdings[account]);
        // The highest set bit is the highest tier held.
        return held == 0 ? Tier.None : Tier(Math.log2(held));
    }

    /// @inheritdoc IWorxBadges
    function heldTiers(address account) external view returns (uint8) {
        return uint8(_heldMask(_holdings[account]));
    }

    /// @inheritdoc IWorxBadges
    function hasClaimed(address account, Tier tier) external view returns (bool) {
        return _holdings[account] & _bit(tier) != 0;
    }

    /// @inheritdoc IWorxBadges
    function tierConfig(Tier tier) external view returns (TierConfig memory) {
        return _configOf(tier);
    }

    /// @inheritdoc IWorxBadges
    function attestation(address subject, uint8 kind) external view returns (Attestation memory) {
        _checkKind(kind);
        return _attestations[subject][kind];
    }

    /// @inheritdoc IWorxBadges
    function hasValidAttestation(address subject, uint8 kind) external view returns (bool) {
        _checkKind(kind);
        return _isValid(subject, kind);
    }

    /// @inheritdoc IWorxBadges
    function attestationDigest(address subject, uint8 kind, uint64 expiresAt, uint256 nonce)
        external
        view
        returns (bytes32)
    {
        return _attestationDigest(subject, kind, expiresAt, nonce);
    }

    /// @inheritdoc IWorxBadges
    function isAttestationUsed(bytes32 digest) external view returns (bool) {
        return _usedDigests[digest];
    }

    /// @inheritdoc IWorxBadges
    function badge(uint256 tokenId) external view returns (Badge memory) {
        _requireOwned(tokenId);
        return _badges[tokenId];
    }

    /// @inheritdoc IWorxBadges
    function lastTokenId() external view returns (uint256) {
        return _lastTokenId;
    }

    /// @inheritdoc IERC5192
    function locked(uint256 tokenId) external view returns (bool) {
        _requireOwned(tokenId);
        return _badges[tokenId].soulbound;
    }

    /// @inheritdoc IFeeDiscountSource
    /// @dev The highest discount among the tiers of the soul-bound badges `freelancer` holds, at their
    /// tiers' current configs: one read of the holdings word plus one per locked tier held (at most
    /// five), well within the escrow's read budget.
    function feeDiscountBps(address freelancer) external view returns (uint16 bps) {
        uint256 lockedMask = (_holdings[freelancer] >> LOCKED_SHIFT) & 0xff;
        for (uint256 t = uint256(Tier.Bronze); lockedMask >> t != 0; ++t) {
            if (lockedMask & (1 << t) == 0) continue;
            uint16 discount = _configs[Tier(t)].feeDiscountBps;
            if (discount > bps) bps = discount;
        }
    }

    /// @notice ERC-721 metadata, rendered on-chain: `data:application/json;base64,` + JSON whose
    /// `image` is a base64 SVG. Reverts for a token that does not exist.
    /// @param tokenId the badge.
    /// @return the metadata URI.
    function tokenURI(uint256 tokenId) public view override returns (string memory) {
        _requireOwned(tokenId);
        Badge memory minted = _badges[tokenId];
        uint16 discount = minted.soulbound ? _configs[minted.tier].feeDiscountBps : 0;
        return BadgeArt.tokenURI(tokenId, minted, discount);
    }

    /// @notice ERC-165: ERC-721, ERC-721 Metadata, ERC-5192, ERC-4906, AccessControl,
    /// {IWorxBadges} and {IFeeDiscountSource}.
    /// @param interfaceId the ERC-165 interface id.
    /// @return whether this contract implements it.
    function supportsInterface(bytes4 interfaceId)
        public
        view
        override(ERC721, AccessControl, IERC165)
        returns (bool)
    {
        return interfaceId == type(IERC5192).interfaceId || interfaceId == ERC4906_INTERFACE_ID
            || interfaceId == type(IWorxBadges).interfaceId || interfaceId == type(IFeeDiscountSource).interfaceId
            || super.supportsInterface(interfaceId);
    }

    // ───────────────────────────── internal ─────────────────────────────

    /// @dev Every mint, transfer and burn passes here: refuse moving a locked badge, and keep both
    /// parties' holdings word in step (mints only come from {claim}, so a mint marks the tier claimed).
    function _update(address to, uint256 tokenId, address auth) internal override returns (address from) {
        // The base checks the caller's authorisation and that the token exists (for a transfer).
        from = super._update(to, tokenId, auth);
        Badge storage minted = _badges[tokenId];
        Tier tier = minted.tier;
        bool isLocked = minted.soulbound;
        if (isLocked && from != address(0) && to != address(0)) revert Soulbound(tokenId);

        uint256 countShift = _countShift(tier);
        uint256 bit = _bit(tier);
        if (from != address(0)) {
            uint256 holdings = _holdings[from];
            uint256 count = ((holdings >> countShift) & COUNT_MASK) - 1;
            holdings = (holdings & ~(COUNT_MASK << countShift)) | (count << countShift);
            if (count == 0) holdings &= ~(bit << HELD_SHIFT);
            // Only a burn moves a locked badge away.
            if (isLocked) holdings &= ~(bit << LOCKED_SHIFT);
            _holdings[from] = holdings;
        }
        if (to != address(0)) {
            uint256 holdings = _holdings[to];
            // A count of 2^32 - 1 badges of one tier would need as many claimers: it cannot overflow.
            holdings += 1 << countShift;
            holdings |= bit << HELD_SHIFT;
            if (from == address(0)) {
                holdings |= bit;
                if (isLocked) holdings |= bit << LOCKED_SHIFT;
            }
            _holdings[to] = holdings;
        }
    }

    /// @dev Which criteria of `config` `account` misses, given its completed jobs and satisfaction.
    function _missing(address account, TierConfig memory config, uint32 completedJobs, uint16 satisfaction)
        private
        view
        returns (uint8 mask)
    {
        if (completedJobs < config.minCompletedJobs) mask |= MISSING_COMPLETED_JOBS;
        if (satisfaction < config.minSatisfactionBps) mask |= MISSING_SATISFACTION;
        if (config.requiresXVerified && !_isValid(account, ATTESTATION_X_VERIFIED)) mask |= MISSING_X_VERIFICATION;
        if (config.requiresVetted && !_isValid(account, ATTESTATION_VETTED)) mask |= MISSING_VETTING;
    }

    /// @dev Satisfaction in basis points, rounded down. Capped at 100%: only stats no escrow can
    /// produce (a sum above five per rating) could exceed it.
    function _satisfaction(IMilestoneEscrow.FreelancerStats memory stats) private pure returns (uint16) {
        uint256 count = stats.ratingCount;
        if (count == 0) return 0;
        uint256 bps = uint256(stats.ratingSum) * BPS / (MAX_RATING * count);
        return bps > BPS ? BPS : uint16(bps);
    }

    /// @dev The signer of `digest` if it holds ATTESTER_ROLE; reverts otherwise. A 65-byte
    /// signature is first read as an ECDSA signature; failing that, the first 20 bytes name the
    /// attester and the rest is checked against it (ECDSA for an account without code, ERC-1271
    /// for a contract wallet). The wallet is only called once it is known to hold the role.
    function _attester(bytes32 digest, bytes calldata signature) private view returns (address) {
        address signer;
        uint256 length = signature.length;
        if (length == 65) {
            (address recovered, ECDSA.RecoverError err,) = ECDSA.tryRecoverCalldata(digest, signature);
            if (err == ECDSA.RecoverError.NoError && hasRole(ATTESTER_ROLE, recovered)) return recovered;
            signer = recovered;
        }
        if (length > 20) {
            address named = address(bytes20(signature[:20]));
            if (
                hasRole(ATTESTER_ROLE, named)
                    && SignatureChecker.isValidSignatureNowCalldata(named, digest, signature[20:])
            ) return named;
            if (signer == address(0)) signer = named;
        }
        revert InvalidAttestationSignature(signer);
    }

    function _attestationDigest(address subject, uint8 kind, uint64 expiresAt, uint256 nonce)
        private
        view
        returns (bytes32)
    {
        return _hashTypedDataV4(keccak256(abi.encode(ATTESTATION_TYPEHASH, subject, kind, expiresAt, nonce)));
    }

    function _isValid(address subject, uint8 kind) private view returns (bool) {
        return _attestations[subject][kind].expiresAt > block.timestamp;
    }

    function _configOf(Tier tier) private view returns (TierConfig memory) {
        if (tier == Tier.None) revert InvalidTier(tier);
        return _configs[tier];
    }

    function _setTierConfig(Tier tier, TierConfig memory config) private {
        if (tier == Tier.None) revert InvalidTier(tier);
        if (
            config.minSatisfactionBps > BPS || config.feeDiscountBps > BPS
                || (config.feeDiscountBps != 0 && !config.soulbound)
        ) revert InvalidTierConfig(tier);
        _configs[tier] = config;
        emit TierConfigUpdated(
            tier,
            config.minCompletedJobs,
            config.minSatisfactionBps,
            config.requiresXVerified,
            config.requiresVetted,
            config.soulbound,
            config.feeDiscountBps
        );
    }

    function _checkKind(uint8 kind) private pure {
        if (kind != ATTESTATION_X_VERIFIED && kind != ATTESTATION_VETTED) revert UnknownAttestationKind(kind);
    }

    function _heldMask(uint256 holdings) private pure returns (uint256) {
        return (holdings >> HELD_SHIFT) & 0xff;
    }

    function _bit(Tier tier) private pure returns (uint256) {
        return 1 << uint256(tier);
    }

    function _countShift(Tier tier) private pure returns (uint256) {
        return COUNT_BITS * (uint256(tier) + 1);
    }
}
