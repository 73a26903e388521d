// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {Test, Vm} from "forge-std/Test.sol";
import {IAccessControl} from "@openzeppelin/contracts/access/IAccessControl.sol";
import {IERC165} from "@openzeppelin/contracts/interfaces/IERC165.sol";
import {IERC4906} from "@openzeppelin/contracts/interfaces/IERC4906.sol";
import {IERC721} from "@openzeppelin/contracts/interfaces/IERC721.sol";
import {IERC721Metadata} from "@openzeppelin/contracts/interfaces/IERC721Metadata.sol";
import {IERC721Errors} from "@openzeppelin/contracts/interfaces/draft-IERC6093.sol";
import {Base64} from "@openzeppelin/contracts/utils/Base64.sol";
import {IERC5192} from "../../../contracts/badges/IERC5192.sol";
import {WorxBadges} from "../../../contracts/badges/WorxBadges.sol";
import {MilestoneEscrow} from "../../../contracts/escrow/MilestoneEscrow.sol";
import {IFeeDiscountSource} from "../../../contracts/interfaces/IFeeDiscountSource.sol";
import {IMilestoneEscrow} from "../../../contracts/interfaces/IMilestoneEscrow.sol";
import {IWorxBadges} from "../../../contracts/interfaces/IWorxBadges.sol";
import {ERC1271Wallet} from "../../../contracts/test-doubles/ERC1271Wallet.sol";
import {FreelancerStatsMock} from "../../../contracts/test-doubles/FreelancerStatsMock.sol";

/// @notice Unit and fuzz tests of {WorxBadges}, named `test_<function>_<condition>` /
/// `testFuzz_<function>_<property>`. Work history is built through the REAL {MilestoneEscrow}
/// (one-milestone jobs: create, fund, submit, approve, rate); only the fuzz tests read a stats
/// mock, to reach histories of thousands of jobs. Every custom error of {IWorxBadges} is triggered.
contract WorxBadgesTest is Test {
    address internal constant NATIVE = address(0);
    uint16 internal constant FEE_BPS = 1_000; // 10%, the seed fee
    uint32 internal constant REVIEW = 3 days;
    uint32 internal constant GRACE = 7 days;
    uint256 internal constant T0 = 1_700_000_000;
    uint256 internal constant JOB_AMOUNT = 1_000_000;
    uint8 internal constant X_VERIFIED = 1;
    uint8 internal constant VETTED = 2;
    uint64 internal constant FAR = uint64(T0 + 365 days);
    bytes32 internal constant ATTESTATION_TYPEHASH =
        keccak256("Attestation(address subject,uint8 kind,uint64 expiresAt,uint256 nonce)");
    uint256 internal constant SECP256K1_N = 0xFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141;

    IWorxBadges.Tier internal constant NONE = IWorxBadges.Tier.None;
    IWorxBadges.Tier internal constant BRONZE = IWorxBadges.Tier.Bronze;
    IWorxBadges.Tier internal constant SILVER = IWorxBadges.Tier.Silver;
    IWorxBadges.Tier internal constant GOLD = IWorxBadges.Tier.Gold;
    IWorxBadges.Tier internal constant PLATINUM = IWorxBadges.Tier.Platinum;
    IWorxBadges.Tier internal constant VERIFIED = IWorxBadges.Tier.Verified;

    MilestoneEscrow internal escrow;
    WorxBadges internal badges;

    address internal admin;
    address internal treasury;
    address internal client;
    address internal alice;
    address internal bob;
    address internal stranger;
    uint256 internal strangerKey;
    address internal attester;
    uint256 internal attesterKey;
    uint256 internal nextNonce;

    function setUp() public {
        vm.warp(T0);
        admin = makeAddr("admin");
        treasury = makeAddr("treasury");
        client = makeAddr("client");
        alice = makeAddr("alice");
        bob = makeAddr("bob");
        (stranger, strangerKey) = makeAddrAndKey("stranger");
        (attester, attesterKey) = makeAddrAndKey("attester");
        address[] memory tokens = new address[](1);
        tokens[0] = NATIVE;
        escrow = new MilestoneEscrow(admin, treasury, FEE_BPS, tokens);
        badges = new WorxBadges(address(escrow), admin);
        bytes32 attesterRole = badges.ATTESTER_ROLE();
        vm.prank(admin);
        badges.grantRole(attesterRole, attester);
    }

    // ───────────────────────────── helpers ─────────────────────────────

    /// @dev `count` one-milestone jobs for `worker`, each approved by the client (so Completed) and
    /// rated `rating` (0: left unrated).
    function _completeJobs(address worker, uint256 count, uint8 rating) internal {
        IMilestoneEscrow.MilestoneTerms[] memory terms = new IMilestoneEscrow.MilestoneTerms[](1);
        terms[0] = IMilestoneEscrow.MilestoneTerms({amount: JOB_AMOUNT, dueDate: uint48(block.timestamp + 10 days)});
        vm.deal(client, client.balance + JOB_AMOUNT * count);
        for (uint256 i; i < count; ++i) {
            vm.startPrank(client);
            uint256 id = escrow.createEscrow(worker, NATIVE, terms, REVIEW, GRACE);
            escrow.fundEscrow{value: JOB_AMOUNT}(id);
            vm.stopPrank();
            vm.prank(worker);
            escrow.submitMilestone(id, 0, bytes32(0));
            vm.startPrank(client);
            escrow.approveMilestone(id, 0);
            if (rating != 0) escrow.rateJob(id, rating);
            vm.stopPrank();
        }
    }

    function _sign(uint256 key, bytes32 digest) internal pure returns (bytes memory) {
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(key, digest);
        return abi.encodePacked(r, s, v);
    }

    /// @dev The EIP-712 digest computed independently of the contract, for any chain and contract.
    function _digestFor(uint256 chainId, address verifyingContract, address subject, uint8 kind, uint64 expiresAt, uint256 nonce)
        internal
        pure
        returns (bytes32)
    {
        bytes32 domain = keccak256(
            abi.encode(
                keccak256("EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)"),
                keccak256("Worx Badges"),
                keccak256("1"),
                chainId,
                verifyingContract
            )
        );
        bytes32 structHash = keccak256(abi.encode(ATTESTATION_TYPEHASH, subject, kind, expiresAt, nonce));
        return keccak256(abi.encodePacked(hex"1901", domain, structHash));
    }

    function _attestationSig(uint256 key, address subject, uint8 kind, uint64 expiresAt, uint256 nonce)
        internal
        view
        returns (bytes memory)
    {
        return _sign(key, badges.attestationDigest(subject, kind, expiresAt, nonce));
    }

    /// @dev The attester's attestation about `subject`, submitted by the subject; returns its digest.
    function _attest(address subject, uint8 kind, uint64 expiresAt) internal returns (bytes32 digest) {
        uint256 nonce = ++nextNonce;
        digest = badges.attestationDigest(subject, kind, expiresAt, nonce);
        bytes memory signature = _sign(attesterKey, digest);
        vm.prank(subject);
        badges.submitAttestation(subject, kind, expiresAt, nonce, signature);
    }

    function _claim(address who, IWorxBadges.Tier tier) internal returns (uint256 tokenId) {
        vm.prank(who);
        tokenId = badges.claim(tier);
    }

    /// @dev Bronze (10 jobs at 100%) for `who`; returns its token.
    function _bronze(address who) internal returns (uint256) {
        _completeJobs(who, 10, 5);
        return _claim(who, BRONZE);
    }

    /// @dev Bronze then Silver (25 jobs at 100%, X-verified) for `who`; returns the Silver token.
    function _silver(address who) internal returns (uint256) {
        _completeJobs(who, 25, 5);
        _attest(who, X_VERIFIED, FAR);
        _claim(who, BRONZE);
        return _claim(who, SILVER);
    }

    function _criteriaErr(IWorxBadges.Tier tier, uint8 mask) internal pure returns (bytes memory) {
        return abi.encodeWithSelector(IWorxBadges.CriteriaNotMet.selector, tier, mask);
    }

    function _badSigErr(address signer) internal pure returns (bytes memory) {
        return abi.encodeWithSelector(IWorxBadges.InvalidAttestationSignature.selector, signer);
    }

    function _config(uint32 jobs, uint16 satisfaction, bool x, bool vetted, bool soulbound, uint16 discount)
        internal
        pure
        returns (IWorxBadges.TierConfig memory)
    {
        return IWorxBadges.TierConfig(jobs, satisfaction, x, vetted, soulbound, discount);
    }

    function _countLogs(Vm.Log[] memory logs, bytes32 topic) internal view returns (uint256 n) {
        for (uint256 i; i < logs.length; ++i) {
            if (logs[i].emitter == address(badges) && logs[i].topics[0] == topic) ++n;
        }
    }

    function _startsWith(bytes memory data, bytes memory prefix) internal pure returns (bool) {
        if (data.length < prefix.length) return false;
        for (uint256 i; i < prefix.length; ++i) {
            if (data[i] != prefix[i]) return false;
        }
        return true;
    }

    function _tail(bytes memory data, uint256 from) internal pure returns (bytes memory out) {
        out = new bytes(data.length - from);
        for (uint256 i; i < out.length; ++i) {
            out[i] = data[from + i];
        }
    }

    // ───────────────────────────── constructor ─────────────────────────────

    function test_constructor_setsTheDefaultTiers() public view {
        _assertConfig(badges.tierConfig(BRONZE), _config(10, 9_500, false, false, false, 0));
        _assertConfig(badges.tierConfig(SILVER), _config(25, 9_700, true, false, true, 1_000));
        _assertConfig(badges.tierConfig(GOLD), _config(50, 9_800, false, false, true, 2_500));
        _assertConfig(badges.tierConfig(PLATINUM), _config(100, 9_900, false, false, true, 5_000));
        _assertConfig(badges.tierConfig(VERIFIED), _config(0, 0, true, true, true, 0));
        assertEq(badges.escrow(), address(escrow));
        assertEq(badges.name(), "Worx Badges");
        assertEq(badges.symbol(), "WORXB");
        assertEq(badges.lastTokenId(), 0);
    }

    function test_constructor_emitsEveryTierConfig() public {
        vm.expectEmit();
        emit IWorxBadges.TierConfigUpdated(BRONZE, 10, 9_500, false, false, false, 0);
        vm.expectEmit();
        emit IWorxBadges.TierConfigUpdated(SILVER, 25, 9_700, true, false, true, 1_000);
        vm.expectEmit();
        emit IWorxBadges.TierConfigUpdated(GOLD, 50, 9_800, false, false, true, 2_500);
        vm.expectEmit();
        emit IWorxBadges.TierConfigUpdated(PLATINUM, 100, 9_900, false, false, true, 5_000);
        vm.expectEmit();
        emit IWorxBadges.TierConfigUpdated(VERIFIED, 0, 0, true, true, true, 0);
        new WorxBadges(address(escrow), admin);
    }

    function test_constructor_grantsOnlyTheAdminRole() public view {
        assertTrue(badges.hasRole(badges.DEFAULT_ADMIN_ROLE(), admin));
        assertFalse(badges.hasRole(badges.ATTESTER_ROLE(), admin));
        assertFalse(badges.hasRole(badges.DEFAULT_ADMIN_ROLE(), address(this)));
        assertEq(badges.getRoleAdmin(badges.ATTESTER_ROLE()), badges.DEFAULT_ADMIN_ROLE());
    }

    function test_constructor_revertsWhenTheEscrowHasNoCode() public {
        vm.expectRevert(abi.encodeWithSelector(IWorxBadges.InvalidEscrow.selector, stranger));
        new WorxBadges(stranger, admin);
    }

    function test_constructor_revertsForAZeroAdmin() public {
        vm.expectRevert(abi.encodeWithSelector(IWorxBadges.InvalidAdmin.selector, address(0)));
        new WorxBadges(address(escrow), address(0));
    }

    function _assertConfig(IWorxBadges.TierConfig memory got, IWorxBadges.TierConfig memory want) internal pure {
        assertEq(got.minCompletedJobs, want.minCompletedJobs, "minCompletedJobs");
        assertEq(got.minSatisfactionBps, want.minSatisfactionBps, "minSatisfactionBps");
        assertEq(got.requiresXVerified, want.requiresXVerified, "requiresXVerified");
        assertEq(got.requiresVetted, want.requiresVetted, "requiresVetted");
        assertEq(got.soulbound, want.soulbound, "soulbound");
        assertEq(got.feeDiscountBps, want.feeDiscountBps, "feeDiscountBps");
    }

    // ───────────────────────────── claim: criteria ─────────────────────────────

    function test_claim_bronzeWithExactlyTenJobs() public {
        _completeJobs(alice, 10, 5);
        assertEq(badges.missingCriteria(alice, BRONZE), 0);

        vm.expectEmit();
        emit IERC721.Transfer(address(0), alice, 1);
        vm.expectEmit();
        emit IWorxBadges.BadgeClaimed(1, alice, BRONZE, 10, 10_000);
        vm.recordLogs();
        uint256 id = _claim(alice, BRONZE);

        assertEq(id, 1);
        assertEq(badges.ownerOf(1), alice);
        assertEq(badges.lastTokenId(), 1);
        IWorxBadges.Badge memory b = badges.badge(1);
        assertEq(uint8(b.tier), uint8(BRONZE));
        assertFalse(b.soulbound);
        assertEq(b.claimedAt, T0);
        assertEq(b.completedJobs, 10);
        assertEq(b.satisfactionBps, 10_000);
        assertFalse(badges.locked(1));
        assertTrue(badges.hasClaimed(alice, BRONZE));
        // A transferable tier is never locked: no ERC-5192 Locked event.
        assertEq(_countLogs(vm.getRecordedLogs(), IERC5192.Locked.selector), 0);
    }

    function test_claim_revertsWithNineJobs() public {
        _completeJobs(alice, 9, 5);
        assertEq(badges.missingCriteria(alice, BRONZE), 1);
        vm.prank(alice);
        vm.expectRevert(_criteriaErr(BRONZE, 1));
        badges.claim(BRONZE);
    }

    function test_claim_bronzeAtExactly9500Bps() public {
        // 15 x 5 + 5 x 4 = 95 over 20 ratings: 95 * 10_000 / 100 = 9_500 exactly.
        _completeJobs(alice, 15, 5);
        _completeJobs(alice, 5, 4);
        assertEq(badges.satisfactionBps(alice), 9_500);
        uint256 id = _claim(alice, BRONZE);
        assertEq(badges.badge(id).satisfactionBps, 9_500);
        assertEq(badges.badge(id).completedJobs, 20);
    }

    function test_claim_revertsAt9499BpsAndPassesOnceItReaches9500() public {
        // 377 x 5 + 126 x 4 = 2_389 over 503 ratings: floor(23_890_000 / 2_515) = 9_499, the closest a
        // history can get to 95% from below (it takes at least 503 ratings to land on 9_499).
        _completeJobs(alice, 377, 5);
        _completeJobs(alice, 126, 4);
        assertEq(badges.satisfactionBps(alice), 9_499);
        assertEq(badges.missingCriteria(alice, BRONZE), 2);
        vm.prank(alice);
        vm.expectRevert(_criteriaErr(BRONZE, 2));
        badges.claim(BRONZE);

        // One more five-star job: 2_394 / 504 ratings = exactly 9_500.
        _completeJobs(alice, 1, 5);
        assertEq(badges.satisfactionBps(alice), 9_500);
        uint256 id = _claim(alice, BRONZE);
        assertEq(badges.badge(id).satisfactionBps, 9_500);
        assertEq(badges.badge(id).completedJobs, 504);
    }

    function test_claim_revertsWithoutRatings() public {
        _completeJobs(alice, 10, 0);
        assertEq(badges.satisfactionBps(alice), 0);
        vm.prank(alice);
        vm.expectRevert(_criteriaErr(BRONZE, 2));
        badges.claim(BRONZE);
    }

    function test_claim_reportsEveryMissingCriterion() public {
        assertEq(badges.missingCriteria(alice, BRONZE), 1 | 2);
        assertEq(badges.missingCriteria(alice, SILVER), 1 | 2 | 4);
        assertEq(badges.missingCriteria(alice, VERIFIED), 4 | 8);
        vm.startPrank(alice);
        vm.expectRevert(_criteriaErr(SILVER, 7));
        badges.claim(SILVER);
        vm.expectRevert(_criteriaErr(VERIFIED, 12));
        badges.claim(VERIFIED);
        vm.stopPrank();
    }

    function test_claim_silverNeedsTheXAttestation() public {
        _completeJobs(alice, 25, 5);
        assertEq(badges.missingCriteria(alice, SILVER), 4);
        vm.prank(alice);
        vm.expectRevert(_criteriaErr(SILVER, 4));
        badges.claim(SILVER);
        // A vetting attestation is not an X verification.
        _attest(alice, VETTED, FAR);
        assertEq(badges.missingCriteria(alice, SILVER), 4);
        _attest(alice, X_VERIFIED, FAR);
        assertEq(badges.missingCriteria(alice, SILVER), 0);
    }

    function test_claim_silverIsSoulboundAndEmitsLocked() public {
        _completeJobs(alice, 25, 5);
        _attest(alice, X_VERIFIED, FAR);
        vm.expectEmit();
        emit IERC721.Transfer(address(0), alice, 1);
        vm.expectEmit();
        emit IERC5192.Locked(1);
        vm.expectEmit();
        emit IWorxBadges.BadgeClaimed(1, alice, SILVER, 25, 10_000);
        uint256 id = _claim(alice, SILVER);
        assertTrue(badges.locked(id));
        assertTrue(badges.badge(id).soulbound);
    }

    function test_claim_verifiedNeedsOnlyBothAttestations() public {
        _attest(alice, X_VERIFIED, FAR);
        assertEq(badges.missingCriteria(alice, VERIFIED), 8);
        _attest(alice, VETTED, FAR);
        uint256 id = _claim(alice, VERIFIED);
        IWorxBadges.Badge memory b = badges.badge(id);
        assertEq(b.completedJobs, 0);
        assertEq(b.satisfactionBps, 0);
        assertTrue(badges.locked(id));
        assertEq(uint8(badges.bestTier(alice)), uint8(VERIFIED));
    }

    function test_claim_countsAnAttestationOnlyBeforeItExpires() public {
        uint64 expiresAt = uint64(block.timestamp + 1 days);
        _attest(alice, X_VERIFIED, expiresAt);
        _attest(alice, VETTED, FAR);
        vm.warp(expiresAt - 1);
        assertTrue(badges.hasValidAttestation(alice, X_VERIFIED));
        assertEq(badges.missingCriteria(alice, VERIFIED), 0);
        vm.warp(expiresAt);
        assertFalse(badges.hasValidAttestation(alice, X_VERIFIED));
        assertEq(badges.missingCriteria(alice, VERIFIED), 4);
        vm.prank(alice);
        vm.expectRevert(_criteriaErr(VERIFIED, 4));
        badges.claim(VERIFIED);
    }

    function test_claim_revertsAfterTheAttestationWasRevoked() public {
        _attest(alice, X_VERIFIED, FAR);
        _attest(alice, VETTED, FAR);
        vm.prank(attester);
        badges.revokeAttestation(alice, VETTED);
        vm.prank(alice);
        vm.expectRevert(_criteriaErr(VERIFIED, 8));
        badges.claim(VERIFIED);
    }

    function test_claim_keepsEarlierBadgesWhenUpgrading() public {
        uint256 silverId = _silver(alice);
        assertEq(silverId, 2);
        assertEq(badges.balanceOf(alice), 2);
        assertEq(badges.ownerOf(1), alice);
        assertEq(badges.heldTiers(alice), (1 << 1) | (1 << 2));
        assertEq(uint8(badges.bestTier(alice)), uint8(SILVER));
        // Gold's criteria are not met, and Silver's badge is not one.
        assertEq(badges.missingCriteria(alice, GOLD), 1);
    }

    function test_claim_revertsWhenAlreadyClaimed() public {
        _bronze(alice);
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(IWorxBadges.AlreadyClaimed.selector, alice, BRONZE));
        badges.claim(BRONZE);
    }

    function test_claim_revertsAgainAfterGivingTheBadgeAway() public {
        uint256 id = _bronze(alice);
        vm.prank(alice);
        badges.transferFrom(alice, bob, id);
        assertTrue(badges.hasClaimed(alice, BRONZE));
        assertFalse(badges.hasClaimed(bob, BRONZE));
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(IWorxBadges.AlreadyClaimed.selector, alice, BRONZE));
        badges.claim(BRONZE);
    }

    function test_claim_revertsForTierNone() public {
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(IWorxBadges.InvalidTier.selector, NONE));
        badges.claim(NONE);
    }

    function test_claim_rejectsATierAboveVerifiedAtDecoding() public {
        vm.prank(alice);
        // A raw call: a typed call could not even encode the out-of-range enum.
        // solhint-disable-next-line avoid-low-level-calls
        (bool ok, bytes memory data) = address(badges).call(abi.encodeWithSelector(WorxBadges.claim.selector, uint256(6)));
        assertFalse(ok);
        assertEq(data.length, 0);
    }

    function test_claim_recordsTheStatsAtClaimTime() public {
        // 12 x 5 + 1 x 4 = 64 over 13 ratings: floor(640_000 / 65) = 9_846.
        _completeJobs(alice, 12, 5);
        _completeJobs(alice, 1, 4);
        uint256 id = _claim(alice, BRONZE);
        _completeJobs(alice, 2, 1);
        assertEq(badges.badge(id).completedJobs, 13);
        assertEq(badges.badge(id).satisfactionBps, 9_846);
        // Now 66 over 15 ratings: floor(660_000 / 75) = 8_800; the badge keeps what it recorded.
        assertEq(badges.satisfactionBps(alice), 8_800);
    }

    // ───────────────────────────── attestations ─────────────────────────────

    function test_submitAttestation_storesItAndEmits() public {
        uint64 expiresAt = uint64(block.timestamp + 30 days);
        bytes32 digest = badges.attestationDigest(alice, X_VERIFIED, expiresAt, 7);
        assertEq(digest, _digestFor(block.chainid, address(badges), alice, X_VERIFIED, expiresAt, 7));
        bytes memory signature = _sign(attesterKey, digest);

        vm.expectEmit();
        emit IWorxBadges.AttestationSubmitted(alice, X_VERIFIED, attester, expiresAt, digest);
        // Anyone may relay it.
        vm.prank(stranger);
        badges.submitAttestation(alice, X_VERIFIED, expiresAt, 7, signature);

        IWorxBadges.Attestation memory a = badges.attestation(alice, X_VERIFIED);
        assertEq(a.attester, attester);
        assertEq(a.expiresAt, expiresAt);
        assertTrue(badges.isAttestationUsed(digest));
        assertTrue(badges.hasValidAttestation(alice, X_VERIFIED));
        assertFalse(badges.hasValidAttestation(alice, VETTED));
    }

    function test_submitAttestation_revertsExactlyAtExpiresAt() public {
        uint64 expiresAt = uint64(block.timestamp);
        bytes memory signature = _attestationSig(attesterKey, alice, X_VERIFIED, expiresAt, 1);
        vm.expectRevert(abi.encodeWithSelector(IWorxBadges.AttestationExpired.selector, expiresAt));
        badges.submitAttestation(alice, X_VERIFIED, expiresAt, 1, signature);

        // One second later than now is still in the future.
        signature = _attestationSig(attesterKey, alice, X_VERIFIED, expiresAt + 1, 1);
        badges.submitAttestation(alice, X_VERIFIED, expiresAt + 1, 1, signature);
        assertTrue(badges.hasValidAttestation(alice, X_VERIFIED));
    }

    function test_submitAttestation_revertsWhenReplayed() public {
        bytes memory signature = _attestationSig(attesterKey, alice, X_VERIFIED, FAR, 1);
        badges.submitAttestation(alice, X_VERIFIED, FAR, 1, signature);
        bytes32 digest = badges.attestationDigest(alice, X_VERIFIED, FAR, 1);
        vm.expectRevert(abi.encodeWithSelector(IWorxBadges.AttestationAlreadyUsed.selector, digest));
        badges.submitAttestation(alice, X_VERIFIED, FAR, 1, signature);
    }

    function test_submitAttestation_revertsWhenReplayedAfterRevocation() public {
        bytes memory signature = _attestationSig(attesterKey, alice, X_VERIFIED, FAR, 1);
        badges.submitAttestation(alice, X_VERIFIED, FAR, 1, signature);
        vm.prank(attester);
        badges.revokeAttestation(alice, X_VERIFIED);
        assertFalse(badges.hasValidAttestation(alice, X_VERIFIED));

        bytes32 digest = badges.attestationDigest(alice, X_VERIFIED, FAR, 1);
        vm.expectRevert(abi.encodeWithSelector(IWorxBadges.AttestationAlreadyUsed.selector, digest));
        badges.submitAttestation(alice, X_VERIFIED, FAR, 1, signature);
        // A fresh nonce is a new attestation.
        badges.submitAttestation(alice, X_VERIFIED, FAR, 2, _attestationSig(attesterKey, alice, X_VERIFIED, FAR, 2));
        assertTrue(badges.hasValidAttestation(alice, X_VERIFIED));
    }

    function test_submitAttestation_revertsForAnotherChainsSignature() public {
        bytes32 foreign = _digestFor(1, address(badges), alice, X_VERIFIED, FAR, 1);
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(attesterKey, foreign);
        // What the contract recovers from it over this chain's digest: some unrelated account.
        address recovered = ecrecover(badges.attestationDigest(alice, X_VERIFIED, FAR, 1), v, r, s);
        assertTrue(recovered != attester);
        vm.expectRevert(_badSigErr(recovered));
        badges.submitAttestation(alice, X_VERIFIED, FAR, 1, abi.encodePacked(r, s, v));
    }

    function test_submitAttestation_revertsAfterTheChainIdChanged() public {
        bytes memory signature = _attestationSig(attesterKey, alice, X_VERIFIED, FAR, 1);
        vm.chainId(block.chainid + 1);
        _assertBadSignature(abi.encodeCall(WorxBadges.submitAttestation, (alice, X_VERIFIED, FAR, 1, signature)));
    }

    function test_submitAttestation_revertsForAnotherContractsSignature() public {
        WorxBadges other = new WorxBadges(address(escrow), admin);
        bytes32 foreign = other.attestationDigest(alice, X_VERIFIED, FAR, 1);
        assertEq(foreign, _digestFor(block.chainid, address(other), alice, X_VERIFIED, FAR, 1));
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(attesterKey, foreign);
        address recovered = ecrecover(badges.attestationDigest(alice, X_VERIFIED, FAR, 1), v, r, s);
        vm.expectRevert(_badSigErr(recovered));
        badges.submitAttestation(alice, X_VERIFIED, FAR, 1, abi.encodePacked(r, s, v));
    }

    function test_submitAttestation_revertsForASignerWithoutTheRole() public {
        bytes memory signature = _attestationSig(strangerKey, alice, X_VERIFIED, FAR, 1);
        vm.expectRevert(_badSigErr(stranger));
        badges.submitAttestation(alice, X_VERIFIED, FAR, 1, signature);
    }

    function test_submitAttestation_revertsAfterTheAttesterLostTheRole() public {
        bytes memory signature = _attestationSig(attesterKey, alice, X_VERIFIED, FAR, 1);
        bytes32 attesterRole = badges.ATTESTER_ROLE();
        vm.prank(admin);
        badges.revokeRole(attesterRole, attester);
        vm.expectRevert(_badSigErr(attester));
        badges.submitAttestation(alice, X_VERIFIED, FAR, 1, signature);
    }

    function test_submitAttestation_revertsWhenAFieldWasChanged() public {
        bytes memory signature = _attestationSig(attesterKey, alice, X_VERIFIED, FAR, 1);
        _assertBadSignature(abi.encodeCall(WorxBadges.submitAttestation, (alice, X_VERIFIED, FAR + 1, 1, signature)));
        _assertBadSignature(abi.encodeCall(WorxBadges.submitAttestation, (bob, X_VERIFIED, FAR, 1, signature)));
        _assertBadSignature(abi.encodeCall(WorxBadges.submitAttestation, (alice, VETTED, FAR, 1, signature)));
        _assertBadSignature(abi.encodeCall(WorxBadges.submitAttestation, (alice, X_VERIFIED, FAR, 2, signature)));
        assertFalse(badges.hasValidAttestation(alice, X_VERIFIED));
    }

    /// @dev The call reverts with InvalidAttestationSignature (whatever unrelated signer it recovers).
    function _assertBadSignature(bytes memory callData) internal {
        // A raw call, to read the selector whatever the (unpredictable) recovered signer is.
        // solhint-disable-next-line avoid-low-level-calls
        (bool ok, bytes memory data) = address(badges).call(callData);
        assertFalse(ok);
        assertEq(bytes4(data), IWorxBadges.InvalidAttestationSignature.selector);
    }

    function test_submitAttestation_revertsForAnUnknownKind() public {
        bytes memory signature = _attestationSig(attesterKey, alice, 3, FAR, 1);
        vm.expectRevert(abi.encodeWithSelector(IWorxBadges.UnknownAttestationKind.selector, 3));
        badges.submitAttestation(alice, 3, FAR, 1, signature);
        signature = _attestationSig(attesterKey, alice, 0, FAR, 1);
        vm.expectRevert(abi.encodeWithSelector(IWorxBadges.UnknownAttestationKind.selector, 0));
        badges.submitAttestation(alice, 0, FAR, 1, signature);
    }

    function test_submitAttestation_rejectsAHighSSignature() public {
        bytes32 digest = badges.attestationDigest(alice, X_VERIFIED, FAR, 1);
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(attesterKey, digest);
        // The same point with s' = n - s and the other parity recovers the same key, but is not canonical.
        bytes32 highS = bytes32(SECP256K1_N - uint256(s));
        uint8 flipped = v == 27 ? 28 : 27;
        // Not recovered as ECDSA; then read as "address ++ wallet signature", naming r's first 20 bytes.
        vm.expectRevert(_badSigErr(address(bytes20(r))));
        badges.submitAttestation(alice, X_VERIFIED, FAR, 1, abi.encodePacked(r, highS, flipped));
    }

    function test_submitAttestation_rejectsATooShortSignature() public {
        vm.expectRevert(_badSigErr(address(0)));
        badges.submitAttestation(alice, X_VERIFIED, FAR, 1, hex"0102030405060708090a");
    }

    function test_submitAttestation_acceptsAnERC1271Attester() public {
        (address owner, uint256 ownerKey) = makeAddrAndKey("wallet owner");
        ERC1271Wallet wallet = new ERC1271Wallet(owner);
        bytes32 attesterRole = badges.ATTESTER_ROLE();
        vm.prank(admin);
        badges.grantRole(attesterRole, address(wallet));

        bytes32 digest = badges.attestationDigest(alice, VETTED, FAR, 1);
        bytes memory signature = abi.encodePacked(address(wallet), _sign(ownerKey, digest));
        vm.expectEmit();
        emit IWorxBadges.AttestationSubmitted(alice, VETTED, address(wallet), FAR, digest);
        badges.submitAttestation(alice, VETTED, FAR, 1, signature);
        assertEq(badges.attestation(alice, VETTED).attester, address(wallet));
    }

    function test_submitAttestation_revertsWhenTheWalletRejects() public {
        (address owner, uint256 ownerKey) = makeAddrAndKey("wallet owner");
        ERC1271Wallet wallet = new ERC1271Wallet(owner);
        bytes32 attesterRole = badges.ATTESTER_ROLE();
        vm.prank(admin);
        badges.grantRole(attesterRole, address(wallet));
        wallet.setRejectAll(true);

        bytes memory signature =
            abi.encodePacked(address(wallet), _sign(ownerKey, badges.attestationDigest(alice, VETTED, FAR, 1)));
        vm.expectRevert(_badSigErr(address(wallet)));
        badges.submitAttestation(alice, VETTED, FAR, 1, signature);
    }

    function test_submitAttestation_revertsForAWalletWithoutTheRole() public {
        (address owner, uint256 ownerKey) = makeAddrAndKey("wallet owner");
        ERC1271Wallet wallet = new ERC1271Wallet(owner);
        bytes memory signature =
            abi.encodePacked(address(wallet), _sign(ownerKey, badges.attestationDigest(alice, VETTED, FAR, 1)));
        vm.expectRevert(_badSigErr(address(wallet)));
        badges.submitAttestation(alice, VETTED, FAR, 1, signature);
    }

    function test_submitAttestation_acceptsAnEOAAttesterNamingItself() public {
        bytes memory signature = abi.encodePacked(attester, _attestationSig(attesterKey, alice, VETTED, FAR, 1));
        badges.submitAttestation(alice, VETTED, FAR, 1, signature);
        assertEq(badges.attestation(alice, VETTED).attester, attester);
    }

    function test_submitAttestation_replacesAnEarlierAttestation() public {
        _attest(alice, X_VERIFIED, FAR);
        uint64 sooner = uint64(block.timestamp + 1 days);
        _attest(alice, X_VERIFIED, sooner);
        assertEq(badges.attestation(alice, X_VERIFIED).expiresAt, sooner);
    }

    function test_revokeAttestation_clearsItAndEmits() public {
        _attest(alice, X_VERIFIED, FAR);
        vm.expectEmit();
        emit IWorxBadges.AttestationRevoked(alice, X_VERIFIED, attester);
        vm.prank(attester);
        badges.revokeAttestation(alice, X_VERIFIED);
        IWorxBadges.Attestation memory a = badges.attestation(alice, X_VERIFIED);
        assertEq(a.attester, address(0));
        assertEq(a.expiresAt, 0);
    }

    function test_revokeAttestation_keepsBadgesAlreadyClaimed() public {
        uint256 id = _silver(alice);
        vm.prank(attester);
        badges.revokeAttestation(alice, X_VERIFIED);
        assertEq(badges.ownerOf(id), alice);
        assertEq(badges.feeDiscountBps(alice), 1_000);
    }

    function test_revokeAttestation_revertsWithoutTheRole() public {
        _attest(alice, X_VERIFIED, FAR);
        bytes32 attesterRole = badges.ATTESTER_ROLE();
        // Not even the admin: it appoints attesters but does not attest.
        vm.prank(admin);
        vm.expectRevert(abi.encodeWithSelector(IAccessControl.AccessControlUnauthorizedAccount.selector, admin, attesterRole));
        badges.revokeAttestation(alice, X_VERIFIED);
    }

    function test_revokeAttestation_revertsForAnUnknownKind() public {
        vm.prank(attester);
        vm.expectRevert(abi.encodeWithSelector(IWorxBadges.UnknownAttestationKind.selector, 9));
        badges.revokeAttestation(alice, 9);
    }

    function test_attestation_revertsForAnUnknownKind() public {
        vm.expectRevert(abi.encodeWithSelector(IWorxBadges.UnknownAttestationKind.selector, 0));
        badges.attestation(alice, 0);
        vm.expectRevert(abi.encodeWithSelector(IWorxBadges.UnknownAttestationKind.selector, 3));
        badges.hasValidAttestation(alice, 3);
    }

    // ───────────────────────────── soul-bound, transfers ─────────────────────────────

    function test_transferFrom_revertsForASoulboundBadge() public {
        uint256 id = _silver(alice);
        assertTrue(badges.locked(id));
        bytes memory err = abi.encodeWithSelector(IWorxBadges.Soulbound.selector, id);

        vm.startPrank(alice);
        vm.expectRevert(err);
        badges.transferFrom(alice, bob, id);
        vm.expectRevert(err);
        badges.safeTransferFrom(alice, bob, id);
        vm.expectRevert(err);
        badges.safeTransferFrom(alice, bob, id, "");
        // Approving is allowed but useless.
        badges.approve(bob, id);
        badges.setApprovalForAll(bob, true);
        vm.stopPrank();
        vm.prank(bob);
        vm.expectRevert(err);
        badges.transferFrom(alice, bob, id);

        assertEq(badges.ownerOf(id), alice);
        assertEq(badges.feeDiscountBps(alice), 1_000);
        assertEq(badges.feeDiscountBps(bob), 0);
    }

    function test_transferFrom_movesABronzeBadgeWithItsHoldings() public {
        uint256 id = _bronze(alice);
        assertEq(badges.heldTiers(alice), 1 << 1);

        vm.prank(alice);
        badges.safeTransferFrom(alice, bob, id);

        assertEq(badges.ownerOf(id), bob);
        assertEq(badges.heldTiers(alice), 0);
        assertEq(uint8(badges.bestTier(alice)), uint8(NONE));
        assertEq(badges.heldTiers(bob), 1 << 1);
        assertEq(uint8(badges.bestTier(bob)), uint8(BRONZE));
        // Bronze confers no discount, on either side.
        assertEq(badges.feeDiscountBps(alice), 0);
        assertEq(badges.feeDiscountBps(bob), 0);
        // The badge records its claimer's stats, not the new holder's.
        assertEq(badges.badge(id).completedJobs, 10);
    }

    function test_transferFrom_keepsTheTierHeldWhileAnotherBadgeOfItRemains() public {
        uint256 fromAlice = _bronze(alice);
        uint256 own = _bronze(bob);
        vm.prank(alice);
        badges.transferFrom(alice, bob, fromAlice);
        assertEq(badges.balanceOf(bob), 2);

        // Bob gives one of his two Bronze badges away: he still holds the tier.
        vm.prank(bob);
        badges.transferFrom(bob, stranger, own);
        assertEq(badges.heldTiers(bob), 1 << 1);
        assertEq(badges.heldTiers(stranger), 1 << 1);
        vm.prank(bob);
        badges.transferFrom(bob, stranger, fromAlice);
        assertEq(badges.heldTiers(bob), 0);
        assertEq(badges.balanceOf(stranger), 2);
    }

    function test_transferFrom_bronzeLeavesTheSoulboundDiscount() public {
        _silver(alice);
        vm.prank(alice);
        badges.transferFrom(alice, bob, 1);
        assertEq(badges.feeDiscountBps(alice), 1_000);
        assertEq(badges.heldTiers(alice), 1 << 2);
        assertEq(uint8(badges.bestTier(alice)), uint8(SILVER));
        assertEq(badges.feeDiscountBps(bob), 0);
    }

    function test_transferFrom_badgesClaimedWhileTransferableNeverEarnADiscount() public {
        uint256 id = _bronze(alice);
        // Governance makes Bronze soul-bound with a discount: the badge claimed before stays transferable.
        vm.prank(admin);
        badges.setTierConfig(BRONZE, _config(10, 9_500, false, false, true, 500));
        assertFalse(badges.locked(id));
        assertEq(badges.feeDiscountBps(alice), 0);
        vm.prank(alice);
        badges.transferFrom(alice, bob, id);
        assertEq(badges.feeDiscountBps(bob), 0);

        // A Bronze claimed now is locked and earns it.
        uint256 locked = _bronze(stranger);
        assertTrue(badges.locked(locked));
        assertEq(badges.feeDiscountBps(stranger), 500);
    }

    function test_transferFrom_locksStayWhenTheTierBecomesTransferable() public {
        uint256 id = _silver(alice);
        vm.prank(admin);
        badges.setTierConfig(SILVER, _config(25, 9_700, true, false, false, 0));
        assertTrue(badges.locked(id));
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(IWorxBadges.Soulbound.selector, id));
        badges.transferFrom(alice, bob, id);
        // The discount follows the tier's current config.
        assertEq(badges.feeDiscountBps(alice), 0);
    }

    function test_locked_revertsForAMissingToken() public {
        vm.expectRevert(abi.encodeWithSelector(IERC721Errors.ERC721NonexistentToken.selector, 1));
        badges.locked(1);
    }

    // ───────────────────────────── burn ─────────────────────────────

    function test_burn_byTheHolderEvenWhenSoulbound() public {
        uint256 id = _silver(alice);
        vm.expectEmit();
        emit IERC721.Transfer(alice, address(0), id);
        vm.prank(alice);
        badges.burn(id);

        assertEq(badges.balanceOf(alice), 1);
        assertEq(badges.heldTiers(alice), 1 << 1);
        assertEq(uint8(badges.bestTier(alice)), uint8(BRONZE));
        assertEq(badges.feeDiscountBps(alice), 0);
        assertTrue(badges.hasClaimed(alice, SILVER));
        bytes memory missing = abi.encodeWithSelector(IERC721Errors.ERC721NonexistentToken.selector, id);
        vm.expectRevert(missing);
        badges.ownerOf(id);
        vm.expectRevert(missing);
        badges.badge(id);
        vm.expectRevert(missing);
        badges.locked(id);
        vm.expectRevert(missing);
        badges.tokenURI(id);
        // Burnt is burnt: the tier cannot be claimed again.
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(IWorxBadges.AlreadyClaimed.selector, alice, SILVER));
        badges.claim(SILVER);
    }

    function test_burn_revertsForAnyoneButTheHolder() public {
        uint256 id = _bronze(alice);
        vm.prank(alice);
        badges.setApprovalForAll(bob, true);
        vm.prank(bob);
        vm.expectRevert(abi.encodeWithSelector(IWorxBadges.NotTokenOwner.selector, id, bob));
        badges.burn(id);
        vm.prank(stranger);
        vm.expectRevert(abi.encodeWithSelector(IWorxBadges.NotTokenOwner.selector, id, stranger));
        badges.burn(id);
    }

    function test_burn_revertsForAMissingToken() public {
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(IERC721Errors.ERC721NonexistentToken.selector, 42));
        badges.burn(42);
    }

    // ───────────────────────────── best tier, fee discount, escrow ─────────────────────────────

    function test_bestTier_isNoneWithoutBadges() public view {
        assertEq(uint8(badges.bestTier(alice)), uint8(NONE));
        assertEq(badges.heldTiers(alice), 0);
        assertEq(badges.feeDiscountBps(alice), 0);
    }

    function test_feeDiscountBps_isTheHighestAmongLockedTiers() public {
        // Gold and Platinum need 50 and 100 jobs: a stats mock stands in for the escrow here.
        FreelancerStatsMock stats = new FreelancerStatsMock();
        WorxBadges mocked = new WorxBadges(address(stats), admin);
        stats.setStats(alice, 100, 100, 500);
        vm.startPrank(alice);
        mocked.claim(GOLD);
        assertEq(mocked.feeDiscountBps(alice), 2_500);
        mocked.claim(PLATINUM);
        assertEq(mocked.feeDiscountBps(alice), 5_000);
        mocked.claim(BRONZE);
        assertEq(mocked.feeDiscountBps(alice), 5_000);
        assertEq(uint8(mocked.bestTier(alice)), uint8(PLATINUM));
        mocked.burn(2);
        assertEq(mocked.feeDiscountBps(alice), 2_500);
        assertEq(uint8(mocked.bestTier(alice)), uint8(GOLD));
        vm.stopPrank();
        // The discount is the tier's current one, and not necessarily the best tier's.
        vm.prank(admin);
        mocked.setTierConfig(GOLD, _config(50, 9_800, false, false, true, 7_000));
        assertEq(mocked.feeDiscountBps(alice), 7_000);
    }

    function test_escrow_aSilverHoldersNewJobGetsTheDiscountedFee() public {
        _silver(alice);
        vm.prank(admin);
        escrow.setFeeDiscountSource(address(badges));

        IMilestoneEscrow.MilestoneTerms[] memory terms = new IMilestoneEscrow.MilestoneTerms[](1);
        terms[0] = IMilestoneEscrow.MilestoneTerms({amount: JOB_AMOUNT, dueDate: uint48(block.timestamp + 10 days)});
        uint256 nextId = escrow.escrowCount() + 1;
        vm.expectEmit(address(escrow));
        emit IMilestoneEscrow.FeeDiscountApplied(nextId, alice, FEE_BPS, 1_000);
        vm.prank(client);
        uint256 id = escrow.createEscrow(alice, NATIVE, terms, REVIEW, GRACE);
        // ceil(1_000 * (10_000 - 1_000) / 10_000) = 900 bps.
        assertEq(escrow.getEscrow(id).feeBps, 900);

        vm.deal(client, JOB_AMOUNT);
        vm.prank(client);
        escrow.fundEscrow{value: JOB_AMOUNT}(id);
        vm.prank(alice);
        escrow.submitMilestone(id, 0, bytes32(0));
        uint256 feesBefore = escrow.credits(NATIVE, treasury);
        vm.prank(client);
        escrow.approveMilestone(id, 0);
        assertEq(escrow.credits(NATIVE, treasury) - feesBefore, JOB_AMOUNT * 900 / 10_000);

        // Bob holds only a transferable Bronze: the full fee.
        _bronze(bob);
        vm.prank(client);
        uint256 bobsJob = escrow.createEscrow(bob, NATIVE, terms, REVIEW, GRACE);
        assertEq(escrow.getEscrow(bobsJob).feeBps, FEE_BPS);
    }

    // ───────────────────────────── metadata ─────────────────────────────

    function test_tokenURI_isABase64JsonDataURI() public {
        uint256 id = _bronze(alice);
        bytes memory uri = bytes(badges.tokenURI(id));
        bytes memory prefix = "data:application/json;base64,";
        assertTrue(_startsWith(uri, prefix));
        bytes memory json = Base64.decode(string(_tail(uri, prefix.length)));
        assertTrue(_startsWith(json, "{\"name\":\"Worx Bronze #1\",\"description\":\""));
        assertEq(uint8(json[json.length - 1]), uint8(bytes1("}")));
    }

    function test_tokenURI_revertsForAMissingToken() public {
        vm.expectRevert(abi.encodeWithSelector(IERC721Errors.ERC721NonexistentToken.selector, 1));
        badges.tokenURI(1);
    }

    function test_supportsInterface_reportsTheStandards() public view {
        assertTrue(badges.supportsInterface(0x01ffc9a7)); // ERC-165
        assertTrue(badges.supportsInterface(0x80ac58cd)); // ERC-721
        assertTrue(badges.supportsInterface(0x5b5e139f)); // ERC-721 Metadata
        assertTrue(badges.supportsInterface(0xb45a3c0e)); // ERC-5192
        assertTrue(badges.supportsInterface(0x49064906)); // ERC-4906
        assertTrue(badges.supportsInterface(0x7965db0b)); // AccessControl
        assertEq(type(IERC721).interfaceId, bytes4(0x80ac58cd));
        assertEq(type(IERC721Metadata).interfaceId, bytes4(0x5b5e139f));
        assertEq(type(IERC5192).interfaceId, bytes4(0xb45a3c0e));
        assertEq(type(IAccessControl).interfaceId, bytes4(0x7965db0b));
        assertEq(type(IERC165).interfaceId, bytes4(0x01ffc9a7));
        assertTrue(badges.supportsInterface(type(IWorxBadges).interfaceId));
        assertTrue(badges.supportsInterface(type(IFeeDiscountSource).interfaceId));
        assertFalse(badges.supportsInterface(0x780e9d63)); // ERC-721 Enumerable: not implemented
        assertFalse(badges.supportsInterface(0xffffffff)); // never, by ERC-165
    }

    // ───────────────────────────── admin ─────────────────────────────

    function test_setTierConfig_updatesAndEmits() public {
        vm.expectEmit();
        emit IWorxBadges.TierConfigUpdated(GOLD, 40, 9_000, true, true, true, 3_000);
        vm.recordLogs();
        vm.prank(admin);
        badges.setTierConfig(GOLD, _config(40, 9_000, true, true, true, 3_000));
        _assertConfig(badges.tierConfig(GOLD), _config(40, 9_000, true, true, true, 3_000));
        // No badge yet: no metadata to refresh.
        assertEq(_countLogs(vm.getRecordedLogs(), IERC4906.BatchMetadataUpdate.selector), 0);
    }

    function test_setTierConfig_refreshesEveryBadgesMetadata() public {
        _silver(alice);
        vm.expectEmit(address(badges));
        emit IERC4906.BatchMetadataUpdate(1, 2);
        vm.prank(admin);
        badges.setTierConfig(SILVER, _config(25, 9_700, true, false, true, 1_500));
        assertEq(badges.feeDiscountBps(alice), 1_500);
    }

    function test_setTierConfig_loweredCriteriaLetAClaimThrough() public {
        _completeJobs(alice, 3, 4);
        vm.prank(alice);
        vm.expectRevert(_criteriaErr(BRONZE, 3));
        badges.claim(BRONZE);
        vm.prank(admin);
        badges.setTierConfig(BRONZE, _config(3, 8_000, false, false, false, 0));
        _claim(alice, BRONZE);
    }

    function test_setTierConfig_acceptsTheBounds() public {
        vm.prank(admin);
        badges.setTierConfig(PLATINUM, _config(type(uint32).max, 10_000, false, false, true, 10_000));
        _assertConfig(badges.tierConfig(PLATINUM), _config(type(uint32).max, 10_000, false, false, true, 10_000));
    }

    function test_setTierConfig_revertsForTierNone() public {
        vm.prank(admin);
        vm.expectRevert(abi.encodeWithSelector(IWorxBadges.InvalidTier.selector, NONE));
        badges.setTierConfig(NONE, _config(1, 1, false, false, false, 0));
        vm.expectRevert(abi.encodeWithSelector(IWorxBadges.InvalidTier.selector, NONE));
        badges.tierConfig(NONE);
        vm.expectRevert(abi.encodeWithSelector(IWorxBadges.InvalidTier.selector, NONE));
        badges.missingCriteria(alice, NONE);
    }

    function test_setTierConfig_revertsForInvalidValues() public {
        bytes memory err = abi.encodeWithSelector(IWorxBadges.InvalidTierConfig.selector, GOLD);
        vm.startPrank(admin);
        vm.expectRevert(err);
        badges.setTierConfig(GOLD, _config(50, 10_001, false, false, true, 0));
        vm.expectRevert(err);
        badges.setTierConfig(GOLD, _config(50, 9_800, false, false, true, 10_001));
        // A transferable tier may not carry a discount: it could be bought.
        vm.expectRevert(err);
        badges.setTierConfig(GOLD, _config(50, 9_800, false, false, false, 1));
        vm.stopPrank();
    }

    function test_setTierConfig_revertsWithoutTheAdminRole() public {
        bytes32 adminRole = badges.DEFAULT_ADMIN_ROLE();
        vm.prank(attester);
        vm.expectRevert(abi.encodeWithSelector(IAccessControl.AccessControlUnauthorizedAccount.selector, attester, adminRole));
        badges.setTierConfig(BRONZE, _config(1, 0, false, false, false, 0));
    }

    function test_grantRole_onlyTheAdminAppointsAttesters() public {
        bytes32 adminRole = badges.DEFAULT_ADMIN_ROLE();
        bytes32 attesterRole = badges.ATTESTER_ROLE();
        vm.prank(attester);
        vm.expectRevert(abi.encodeWithSelector(IAccessControl.AccessControlUnauthorizedAccount.selector, attester, adminRole));
        badges.grantRole(attesterRole, stranger);
        vm.prank(admin);
        badges.grantRole(attesterRole, stranger);
        assertTrue(badges.hasRole(attesterRole, stranger));
    }

    // ───────────────────────────── fuzz (stats mock) ─────────────────────────────

    function testFuzz_satisfactionBps_isTheFlooredRatioCappedAtFull(uint32 count, uint32 sum) public {
        FreelancerStatsMock stats = new FreelancerStatsMock();
        WorxBadges mocked = new WorxBadges(address(stats), admin);
        stats.setStats(alice, 0, count, sum);
        uint256 expected = count == 0 ? 0 : uint256(sum) * 10_000 / (5 * uint256(count));
        if (expected > 10_000) expected = 10_000;
        assertEq(mocked.satisfactionBps(alice), expected);
    }

    function testFuzz_satisfactionBps_staysInRangeForRealHistories(uint32 count, uint256 seed) public {
        count = uint32(bound(count, 1, type(uint32).max / 5));
        // Every rating is 1..5: the sum lies in [count, 5 * count].
        uint32 sum = uint32(bound(seed, count, uint256(count) * 5));
        FreelancerStatsMock stats = new FreelancerStatsMock();
        WorxBadges mocked = new WorxBadges(address(stats), admin);
        stats.setStats(alice, 0, count, sum);
        uint16 bps = mocked.satisfactionBps(alice);
        assertGe(bps, 2_000);
        assertLe(bps, 10_000);
        // Floor: the next basis point would need a higher sum.
        assertLe(uint256(bps) * 5 * count, uint256(sum) * 10_000);
        assertGt((uint256(bps) + 1) * 5 * count, uint256(sum) * 10_000);
    }

    function testFuzz_claim_bronzeExactlyWhenTheCriteriaHold(uint32 jobs, uint32 count, uint256 seed) public {
        jobs = uint32(bound(jobs, 0, 40));
        count = uint32(bound(count, 0, 5_000));
        uint32 sum = count == 0 ? 0 : uint32(bound(seed, count, uint256(count) * 5));
        FreelancerStatsMock stats = new FreelancerStatsMock();
        WorxBadges mocked = new WorxBadges(address(stats), admin);
        stats.setStats(alice, jobs, count, sum);

        uint256 bps = count == 0 ? 0 : uint256(sum) * 10_000 / (uint256(count) * 5);
        uint8 mask = (jobs < 10 ? 1 : 0) | (bps < 9_500 ? 2 : 0);
        assertEq(mocked.missingCriteria(alice, BRONZE), mask);
        vm.prank(alice);
        if (mask != 0) vm.expectRevert(_criteriaErr(BRONZE, mask));
        mocked.claim(BRONZE);
        assertEq(mocked.balanceOf(alice), mask == 0 ? 1 : 0);
    }

    function testFuzz_feeDiscountBps_isTheMaxOverTheLockedTiersHeld(uint16[3] memory discounts, uint8 subset) public {
        FreelancerStatsMock stats = new FreelancerStatsMock();
        WorxBadges mocked = new WorxBadges(address(stats), admin);
        stats.setStats(alice, 100, 100, 500);
        vm.prank(alice);
        mocked.claim(BRONZE); // transferable: never counts
        uint16 expected;
        for (uint256 i; i < 3; ++i) {
            IWorxBadges.Tier tier = IWorxBadges.Tier(uint8(SILVER) + i); // Silver, Gold, Platinum
            IWorxBadges.TierConfig memory config = mocked.tierConfig(tier);
            config.requiresXVerified = false;
            config.feeDiscountBps = uint16(bound(discounts[i], 0, 10_000));
            vm.prank(admin);
            mocked.setTierConfig(tier, config);
            if (subset & (1 << i) != 0) {
                vm.prank(alice);
                mocked.claim(tier);
                if (config.feeDiscountBps > expected) expected = config.feeDiscountBps;
            }
        }
        assertEq(mocked.feeDiscountBps(alice), expected);
    }
}
