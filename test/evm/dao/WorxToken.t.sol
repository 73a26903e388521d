// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {Test, Vm} from "forge-std/Test.sol";
import {IAccessControl} from "@openzeppelin/contracts/access/IAccessControl.sol";
import {IVotes} from "@openzeppelin/contracts/governance/utils/IVotes.sol";
import {IERC20Errors} from "@openzeppelin/contracts/interfaces/draft-IERC6093.sol";
import {IERC165} from "@openzeppelin/contracts/utils/introspection/IERC165.sol";
import {ERC20Votes} from "@openzeppelin/contracts/token/ERC20/extensions/ERC20Votes.sol";
import {Votes} from "@openzeppelin/contracts/governance/utils/Votes.sol";
import {Nonces} from "@openzeppelin/contracts/utils/Nonces.sol";
import {WorxToken} from "../../../contracts/dao/WorxToken.sol";
import {IWorxToken} from "../../../contracts/interfaces/IWorxToken.sol";

/// @notice Unit and fuzz tests of {WorxToken}, named `test_<function>_<condition>` /
/// `testFuzz_<function>_<property>`. Every custom error of {IWorxToken} is triggered, lock ends at
/// their exact boundary, and a flash-loan-style borrow shows tokens received after a snapshot never
/// vote at it.
contract WorxTokenTest is Test {
    uint256 internal constant T0 = 1_700_000_000;
    uint256 internal constant MAX_SUPPLY = type(uint128).max;
    bytes32 internal constant PERMIT_TYPEHASH =
        keccak256("Permit(address owner,address spender,uint256 value,uint256 nonce,uint256 deadline)");
    bytes32 internal constant DELEGATION_TYPEHASH = keccak256("Delegation(address delegatee,uint256 nonce,uint256 expiry)");

    IWorxToken.LockTerm internal constant D30 = IWorxToken.LockTerm.Days30;
    IWorxToken.LockTerm internal constant D90 = IWorxToken.LockTerm.Days90;
    IWorxToken.LockTerm internal constant D180 = IWorxToken.LockTerm.Days180;

    WorxToken internal token;
    address internal admin;
    address internal minter;
    address internal alice;
    uint256 internal aliceKey;
    address internal bob;
    address internal carol;

    function setUp() public {
        vm.warp(T0);
        admin = makeAddr("admin");
        minter = makeAddr("minter");
        (alice, aliceKey) = makeAddrAndKey("alice");
        bob = makeAddr("bob");
        carol = makeAddr("carol");
        token = new WorxToken(admin, address(0), 0);
        bytes32 minterRole = token.MINTER_ROLE();
        vm.prank(admin);
        token.grantRole(minterRole, minter);
    }

    // ───────────────────────────── helpers ─────────────────────────────

    function _mint(address to, uint256 amount) internal {
        vm.prank(minter);
        token.mint(to, amount);
    }

    function _stake(address account, uint256 amount, IWorxToken.LockTerm term) internal {
        vm.prank(account);
        token.stake(amount, term);
    }

    function _insufficient(address account, uint256 requested, uint256 unlocked) internal pure returns (bytes memory) {
        return abi.encodeWithSelector(IWorxToken.InsufficientUnlockedBalance.selector, account, requested, unlocked);
    }

    function _domainSeparator() internal view returns (bytes32) {
        return keccak256(
            abi.encode(
                keccak256("EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)"),
                keccak256("Worx"),
                keccak256("1"),
                block.chainid,
                address(token)
            )
        );
    }

    function _typedDigest(bytes32 structHash) internal view returns (bytes32) {
        return keccak256(abi.encodePacked(hex"1901", _domainSeparator(), structHash));
    }

    // ───────────────────────────── constructor & metadata ─────────────────────────────

    function test_constructor_noPreMintByDefault() public view {
        assertEq(token.totalSupply(), 0);
        assertEq(token.name(), "Worx");
        assertEq(token.symbol(), "WORX");
        assertEq(token.decimals(), 18);
        assertTrue(token.hasRole(token.DEFAULT_ADMIN_ROLE(), admin));
        assertFalse(token.hasRole(token.MINTER_ROLE(), admin));
        assertEq(token.MINTER_ROLE(), keccak256("MINTER_ROLE"));
    }

    function test_constructor_preMintsWhenConfigured() public {
        vm.expectEmit(true, true, false, true);
        emit IERC20Transfer.Transfer(address(0), carol, 5_000e18);
        WorxToken premined = new WorxToken(admin, carol, 5_000e18);
        assertEq(premined.totalSupply(), 5_000e18);
        assertEq(premined.balanceOf(carol), 5_000e18);
    }

    function test_constructor_preMintToZeroHolderReverts() public {
        vm.expectRevert(abi.encodeWithSelector(IERC20Errors.ERC20InvalidReceiver.selector, address(0)));
        new WorxToken(admin, address(0), 1);
    }

    function test_clock_isTheBlockTimestamp() public {
        assertEq(token.clock(), uint48(T0));
        assertEq(token.CLOCK_MODE(), "mode=timestamp");
        vm.warp(T0 + 12_345);
        assertEq(token.clock(), uint48(T0 + 12_345));
    }

    function test_supportsInterface_accessControl() public view {
        assertTrue(token.supportsInterface(type(IAccessControl).interfaceId));
        assertTrue(token.supportsInterface(type(IERC165).interfaceId));
        assertFalse(token.supportsInterface(0xffffffff));
    }

    function test_durationsAndBoosts_matchTheSpec() public view {
        assertEq(token.lockDuration(D30), 30 days);
        assertEq(token.lockDuration(D90), 90 days);
        assertEq(token.lockDuration(D180), 180 days);
        assertEq(token.boostBps(D30), 10_000);
        assertEq(token.boostBps(D90), 15_000);
        assertEq(token.boostBps(D180), 20_000);
    }

    // ───────────────────────────── mint ─────────────────────────────

    function test_mint_byMinter() public {
        _mint(alice, 100e18);
        assertEq(token.balanceOf(alice), 100e18);
        assertEq(token.totalSupply(), 100e18);
    }

    function test_mint_notMinterReverts() public {
        bytes32 minterRole = token.MINTER_ROLE();
        vm.expectRevert(abi.encodeWithSelector(IAccessControl.AccessControlUnauthorizedAccount.selector, admin, minterRole));
        vm.prank(admin);
        token.mint(alice, 1);
    }

    function test_mint_toZeroReverts() public {
        vm.expectRevert(abi.encodeWithSelector(IERC20Errors.ERC20InvalidReceiver.selector, address(0)));
        vm.prank(minter);
        token.mint(address(0), 1);
    }

    function test_mint_aboveTheUint128SupplyCapReverts() public {
        _mint(alice, MAX_SUPPLY);
        vm.expectRevert(abi.encodeWithSelector(ERC20Votes.ERC20ExceededSafeSupply.selector, MAX_SUPPLY + 1, MAX_SUPPLY));
        vm.prank(minter);
        token.mint(bob, 1);
    }

    function test_mint_whileRecipientHasLocksIsNotLimited() public {
        _mint(alice, 10e18);
        _stake(alice, 10e18, D30);
        _mint(alice, 5e18);
        assertEq(token.balanceOf(alice), 15e18);
        assertEq(token.unlockedBalanceOf(alice), 5e18);
    }

    // ───────────────────────────── delegation & votes ─────────────────────────────

    function test_getVotes_zeroUntilDelegated() public {
        _mint(alice, 100e18);
        assertEq(token.getVotes(alice), 0);
        vm.prank(alice);
        token.delegate(alice);
        assertEq(token.getVotes(alice), 100e18);
        assertEq(token.delegates(alice), alice);
    }

    function test_delegate_movesVotesToDelegatee() public {
        _mint(alice, 100e18);
        vm.expectEmit(true, true, true, true);
        emit IVotes.DelegateChanged(alice, address(0), bob);
        vm.expectEmit(true, false, false, true);
        emit IVotes.DelegateVotesChanged(bob, 0, 100e18);
        vm.prank(alice);
        token.delegate(bob);
        assertEq(token.getVotes(bob), 100e18);
        assertEq(token.getVotes(alice), 0);
    }

    function test_delegateBySig_validSignature() public {
        _mint(alice, 100e18);
        uint256 expiry = block.timestamp + 1 hours;
        bytes32 digest = _typedDigest(keccak256(abi.encode(DELEGATION_TYPEHASH, bob, 0, expiry)));
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(aliceKey, digest);
        vm.prank(carol); // anyone may relay it
        token.delegateBySig(bob, 0, expiry, v, r, s);
        assertEq(token.delegates(alice), bob);
        assertEq(token.getVotes(bob), 100e18);
        assertEq(token.nonces(alice), 1);
    }

    function test_delegateBySig_replayReverts() public {
        uint256 expiry = block.timestamp + 1 hours;
        bytes32 digest = _typedDigest(keccak256(abi.encode(DELEGATION_TYPEHASH, bob, 0, expiry)));
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(aliceKey, digest);
        token.delegateBySig(bob, 0, expiry, v, r, s);
        // The signature still recovers to alice, but her nonce moved on to 1.
        vm.expectRevert(abi.encodeWithSelector(Nonces.InvalidAccountNonce.selector, alice, 1));
        token.delegateBySig(bob, 0, expiry, v, r, s);
    }

    function test_delegateBySig_expiredReverts() public {
        uint256 expiry = block.timestamp - 1;
        bytes32 digest = _typedDigest(keccak256(abi.encode(DELEGATION_TYPEHASH, bob, 0, expiry)));
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(aliceKey, digest);
        vm.expectRevert(abi.encodeWithSelector(IVotes.VotesExpiredSignature.selector, expiry));
        token.delegateBySig(bob, 0, expiry, v, r, s);
    }

    function test_permit_sharesTheNonceWithDelegation() public {
        uint256 deadline = block.timestamp + 1 hours;
        bytes32 digest = _typedDigest(keccak256(abi.encode(PERMIT_TYPEHASH, alice, bob, 7e18, 0, deadline)));
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(aliceKey, digest);
        token.permit(alice, bob, 7e18, deadline, v, r, s);
        assertEq(token.allowance(alice, bob), 7e18);
        assertEq(token.nonces(alice), 1);
        assertEq(token.DOMAIN_SEPARATOR(), _domainSeparator());
    }

    function test_getPastVotes_tokensReceivedAfterTheSnapshotDoNotCount() public {
        // A flash-loan-style attack: borrow tokens, delegate, vote at a snapshot already taken.
        _mint(alice, 1_000_000e18); // the "lender"
        vm.prank(bob);
        token.delegate(bob);
        uint256 snapshot = block.timestamp;
        vm.warp(snapshot + 1);
        vm.prank(alice);
        assertTrue(token.transfer(bob, 1_000_000e18));
        assertEq(token.getVotes(bob), 1_000_000e18);
        assertEq(token.getPastVotes(bob, snapshot), 0);
        assertEq(token.getPastTotalSupply(snapshot), 1_000_000e18);
        // Borrowed and returned in one block: nothing remains at that block's timestamp either.
        uint256 loanTime = block.timestamp;
        vm.prank(bob);
        assertTrue(token.transfer(alice, 1_000_000e18));
        vm.warp(loanTime + 1);
        assertEq(token.getPastVotes(bob, loanTime), 0);
    }

    function test_getPastVotes_currentTimestampIsNotYetASnapshot() public {
        _mint(alice, 10e18);
        vm.prank(alice);
        token.delegate(alice);
        uint48 now_ = uint48(block.timestamp);
        vm.expectRevert(abi.encodeWithSelector(Votes.ERC5805FutureLookup.selector, now_, now_));
        token.getPastVotes(alice, now_);
    }

    function test_getPastVotes_stakingDoesNotCheckpoint() public {
        _mint(alice, 100e18);
        vm.prank(alice);
        token.delegate(alice);
        uint32 checkpoints = token.numCheckpoints(alice);
        vm.warp(T0 + 1);
        _stake(alice, 60e18, D180);
        assertEq(token.numCheckpoints(alice), checkpoints);
        assertEq(token.getVotes(alice), 100e18);
        vm.warp(T0 + 2);
        assertEq(token.getPastVotes(alice, T0 + 1), 100e18);
    }

    // ───────────────────────────── stake ─────────────────────────────

    function test_stake_locksOwnBalanceAndKeepsVotes() public {
        _mint(alice, 100e18);
        vm.prank(alice);
        token.delegate(alice);
        uint48 unlockAt = uint48(T0 + 90 days);
        vm.expectEmit(true, true, false, true);
        emit IWorxToken.Staked(alice, D90, 40e18, 40e18, unlockAt);
        _stake(alice, 40e18, D90);
        assertEq(token.balanceOf(alice), 100e18);
        assertEq(token.lockedBalance(alice), 40e18);
        assertEq(token.unlockedBalanceOf(alice), 60e18);
        assertEq(token.getVotes(alice), 100e18);
        IWorxToken.Stake memory position = token.stakeOf(alice, D90);
        assertEq(position.amount, 40e18);
        assertEq(position.unlockAt, unlockAt);
    }

    function test_stake_zeroAmountReverts() public {
        _mint(alice, 1);
        vm.expectRevert(IWorxToken.ZeroAmount.selector);
        _stake(alice, 0, D30);
    }

    function test_stake_moreThanUnlockedReverts() public {
        _mint(alice, 100e18);
        _stake(alice, 70e18, D30);
        vm.expectRevert(_insufficient(alice, 30e18 + 1, 30e18));
        _stake(alice, 30e18 + 1, D90);
    }

    function test_stake_withoutBalanceReverts() public {
        vm.expectRevert(_insufficient(alice, 1, 0));
        _stake(alice, 1, D30);
    }

    function test_stake_addingExtendsTheLockFromNow() public {
        _mint(alice, 100e18);
        _stake(alice, 10e18, D30);
        vm.warp(T0 + 10 days);
        vm.expectEmit(true, true, false, true);
        emit IWorxToken.Staked(alice, D30, 5e18, 15e18, uint48(T0 + 40 days));
        _stake(alice, 5e18, D30);
        IWorxToken.Stake memory position = token.stakeOf(alice, D30);
        assertEq(position.amount, 15e18);
        assertEq(position.unlockAt, T0 + 40 days);
    }

    function test_stake_addingInTheSameBlockKeepsTheUnlockTime() public {
        _mint(alice, 100e18);
        _stake(alice, 10e18, D180);
        _stake(alice, 10e18, D180);
        assertEq(token.stakeOf(alice, D180).unlockAt, T0 + 180 days);
        assertEq(token.stakeOf(alice, D180).amount, 20e18);
    }

    function test_stake_termsAreSeparatePositions() public {
        _mint(alice, 100e18);
        _stake(alice, 10e18, D30);
        _stake(alice, 20e18, D90);
        _stake(alice, 30e18, D180);
        assertEq(token.lockedBalance(alice), 60e18);
        assertEq(token.stakeOf(alice, D30).unlockAt, T0 + 30 days);
        assertEq(token.stakeOf(alice, D90).unlockAt, T0 + 90 days);
        assertEq(token.stakeOf(alice, D180).unlockAt, T0 + 180 days);
    }

    function test_stake_invalidTermReverts() public {
        _mint(alice, 100e18);
        vm.prank(alice);
        // A raw call: the typed one cannot even encode a term outside the enum.
        // solhint-disable-next-line avoid-low-level-calls
        (bool ok,) = address(token).call(abi.encodeWithSignature("stake(uint256,uint8)", 1e18, uint8(3)));
        assertFalse(ok, "the ABI decoder refuses a term past Days180");
        assertEq(token.lockedBalance(alice), 0);
    }

    // ───────────────────────────── unstake ─────────────────────────────

    function test_unstake_atUnlockTimeFreesThePosition() public {
        _mint(alice, 100e18);
        _stake(alice, 40e18, D30);
        vm.warp(T0 + 30 days);
        vm.expectEmit(true, true, false, true);
        emit IWorxToken.Unstaked(alice, D30, 40e18);
        vm.prank(alice);
        uint256 amount = token.unstake(D30);
        assertEq(amount, 40e18);
        assertEq(token.lockedBalance(alice), 0);
        assertEq(token.unlockedBalanceOf(alice), 100e18);
        assertEq(token.stakeOf(alice, D30).amount, 0);
        assertEq(token.stakeOf(alice, D30).unlockAt, 0);
    }

    function test_unstake_oneSecondEarlyReverts() public {
        _mint(alice, 100e18);
        _stake(alice, 40e18, D90);
        vm.warp(T0 + 90 days - 1);
        vm.expectRevert(abi.encodeWithSelector(IWorxToken.StakeLocked.selector, alice, D90, uint48(T0 + 90 days)));
        vm.prank(alice);
        token.unstake(D90);
    }

    function test_unstake_withoutPositionReverts() public {
        vm.expectRevert(abi.encodeWithSelector(IWorxToken.NoStake.selector, alice, D180));
        vm.prank(alice);
        token.unstake(D180);
    }

    function test_unstake_twiceReverts() public {
        _mint(alice, 100e18);
        _stake(alice, 1e18, D30);
        vm.warp(T0 + 30 days);
        vm.prank(alice);
        token.unstake(D30);
        vm.expectRevert(abi.encodeWithSelector(IWorxToken.NoStake.selector, alice, D30));
        vm.prank(alice);
        token.unstake(D30);
    }

    function test_unstake_leavesOtherTermsLocked() public {
        _mint(alice, 100e18);
        _stake(alice, 10e18, D30);
        _stake(alice, 20e18, D90);
        vm.warp(T0 + 30 days);
        vm.prank(alice);
        token.unstake(D30);
        assertEq(token.lockedBalance(alice), 20e18);
        vm.expectRevert(_insufficient(alice, 81e18, 80e18));
        vm.prank(alice);
        token.transfer(bob, 81e18);
    }

    function test_unstake_keepsVotes() public {
        _mint(alice, 100e18);
        vm.prank(alice);
        token.delegate(bob);
        _stake(alice, 100e18, D30);
        vm.warp(T0 + 30 days);
        vm.recordLogs();
        vm.prank(alice);
        token.unstake(D30);
        Vm.Log[] memory logs = vm.getRecordedLogs();
        assertEq(logs.length, 1, "only Unstaked: no DelegateVotesChanged");
        assertEq(token.getVotes(bob), 100e18);
    }

    // ───────────────────────────── transfers of locked tokens ─────────────────────────────

    function test_transfer_ofLockedTokensReverts() public {
        _mint(alice, 100e18);
        _stake(alice, 100e18, D30);
        vm.expectRevert(_insufficient(alice, 1, 0));
        vm.prank(alice);
        token.transfer(bob, 1);
    }

    function test_transfer_ofUnlockedPartSucceeds() public {
        _mint(alice, 100e18);
        _stake(alice, 60e18, D30);
        vm.prank(alice);
        assertTrue(token.transfer(bob, 40e18));
        assertEq(token.balanceOf(alice), 60e18);
        assertEq(token.unlockedBalanceOf(alice), 0);
    }

    function test_transferFrom_ofLockedTokensReverts() public {
        _mint(alice, 100e18);
        _stake(alice, 50e18, D90);
        vm.prank(alice);
        token.approve(bob, type(uint256).max);
        vm.expectRevert(_insufficient(alice, 51e18, 50e18));
        vm.prank(bob);
        token.transferFrom(alice, carol, 51e18);
    }

    function test_transfer_expiredButNotUnstakedStaysLocked() public {
        _mint(alice, 100e18);
        _stake(alice, 100e18, D30);
        vm.warp(T0 + 365 days);
        assertEq(token.stakingPower(alice), 0, "no power once expired");
        vm.expectRevert(_insufficient(alice, 1, 0));
        vm.prank(alice);
        token.transfer(bob, 1);
    }

    function test_transfer_aboveBalanceWithoutLocksKeepsTheERC20Error() public {
        _mint(alice, 1);
        vm.expectRevert(abi.encodeWithSelector(IERC20Errors.ERC20InsufficientBalance.selector, alice, 1, 2));
        vm.prank(alice);
        token.transfer(bob, 2);
    }

    // ───────────────────────────── staking power ─────────────────────────────

    function test_stakingPower_appliesBoostPerTerm() public {
        _mint(alice, 1_000e18);
        _stake(alice, 100e18, D30);
        _stake(alice, 100e18, D90);
        _stake(alice, 100e18, D180);
        assertEq(token.stakingPower(alice), 100e18 + 150e18 + 200e18);
        vm.warp(T0 + 30 days); // the 30-day lock has run out
        assertEq(token.stakingPower(alice), 150e18 + 200e18);
        vm.warp(T0 + 90 days - 1);
        assertEq(token.stakingPower(alice), 150e18 + 200e18);
        vm.warp(T0 + 90 days);
        assertEq(token.stakingPower(alice), 200e18);
        vm.warp(T0 + 180 days);
        assertEq(token.stakingPower(alice), 0);
    }

    function test_stakingPower_zeroWithoutStake() public {
        _mint(alice, 1_000e18);
        assertEq(token.stakingPower(alice), 0);
    }

    // ───────────────────────────── fuzz ─────────────────────────────

    function testFuzz_stake_lockedPlusUnlockedIsBalance(uint256 minted, uint256 amount, uint8 termSeed, uint256 elapsed)
        public
    {
        minted = bound(minted, 1, MAX_SUPPLY);
        amount = bound(amount, 1, minted);
        IWorxToken.LockTerm term = IWorxToken.LockTerm(termSeed % 3);
        elapsed = bound(elapsed, 0, 400 days);
        _mint(alice, minted);
        _stake(alice, amount, term);
        vm.warp(T0 + elapsed);
        assertEq(token.lockedBalance(alice) + token.unlockedBalanceOf(alice), token.balanceOf(alice));
        assertEq(token.lockedBalance(alice), amount);
        uint256 expectedPower = elapsed < token.lockDuration(term) ? amount * token.boostBps(term) / 10_000 : 0;
        assertEq(token.stakingPower(alice), expectedPower);
        // Transferring one more than the unlocked part always fails, the unlocked part always succeeds.
        uint256 unlocked = minted - amount;
        vm.expectRevert(_insufficient(alice, unlocked + 1, unlocked));
        vm.prank(alice);
        token.transfer(bob, unlocked + 1);
        vm.prank(alice);
        assertTrue(token.transfer(bob, unlocked));
    }

    function testFuzz_unstake_onlyFromUnlockAt(uint256 amount, uint8 termSeed, uint256 elapsed) public {
        amount = bound(amount, 1, 1e30);
        IWorxToken.LockTerm term = IWorxToken.LockTerm(termSeed % 3);
        elapsed = bound(elapsed, 0, 400 days);
        _mint(alice, amount);
        _stake(alice, amount, term);
        vm.warp(T0 + elapsed);
        uint48 unlockAt = uint48(T0 + token.lockDuration(term));
        if (elapsed < token.lockDuration(term)) {
            vm.expectRevert(abi.encodeWithSelector(IWorxToken.StakeLocked.selector, alice, term, unlockAt));
            vm.prank(alice);
            token.unstake(term);
        } else {
            vm.prank(alice);
            assertEq(token.unstake(term), amount);
            assertEq(token.lockedBalance(alice), 0);
        }
    }

    function testFuzz_stakingPower_matchesReferenceFormula(uint96[3] memory amounts, uint256[3] memory delays, uint256 probe)
        public
    {
        uint256 expected;
        uint256 total;
        uint256[3] memory unlockAt;
        for (uint256 i; i < 3; ++i) {
            total += amounts[i];
        }
        _mint(alice, total + 1);
        uint256 now_ = T0;
        for (uint256 i; i < 3; ++i) {
            now_ += bound(delays[i], 0, 100 days);
            vm.warp(now_);
            if (amounts[i] == 0) continue;
            IWorxToken.LockTerm term = IWorxToken.LockTerm(i);
            _stake(alice, amounts[i], term);
            unlockAt[i] = now_ + token.lockDuration(term);
        }
        vm.warp(now_ + bound(probe, 0, 200 days));
        for (uint256 i; i < 3; ++i) {
            if (block.timestamp < unlockAt[i]) expected += uint256(amounts[i]) * [10_000, 15_000, 20_000][i] / 10_000;
        }
        assertEq(token.stakingPower(alice), expected);
    }

    function testFuzz_stake_votesUnchanged(uint256 minted, uint256 amount, uint8 termSeed) public {
        minted = bound(minted, 1, MAX_SUPPLY);
        amount = bound(amount, 1, minted);
        _mint(alice, minted);
        vm.prank(alice);
        token.delegate(carol);
        _stake(alice, amount, IWorxToken.LockTerm(termSeed % 3));
        assertEq(token.getVotes(carol), minted);
        assertEq(token.balanceOf(alice), minted);
    }
}

/// @dev The ERC-20 Transfer event, to `emit` it in expectations.
interface IERC20Transfer {
    event Transfer(address indexed from, address indexed to, uint256 value);
}
