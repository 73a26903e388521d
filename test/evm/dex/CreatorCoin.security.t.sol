// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {Test} from "forge-std/Test.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {CreatorCoin} from "../../../contracts/dex/CreatorCoin.sol";
import {ICreatorCoin} from "../../../contracts/interfaces/ICreatorCoin.sol";
import {DemoStablecoin} from "../../../contracts/test-doubles/DemoStablecoin.sol";
import {HookedToken, ITokenHooks} from "../../../contracts/test-doubles/HookedToken.sol";

/// @notice A holder whose ERC-777 `tokensReceived` hook, run while its revenue is paid, either
/// re-enters `claimRevenue` or hands its coins to an accomplice (to have them claim again).
contract HookedHolder is ITokenHooks {
    CreatorCoin internal immutable _coin;
    address internal immutable _accomplice;
    bool internal immutable _reenter;

    constructor(CreatorCoin coin_, address accomplice_, bool reenter_) {
        (_coin, _accomplice, _reenter) = (coin_, accomplice_, reenter_);
    }

    /// @notice Opt in to the base token's hooks and claim.
    /// @param hooked the base token.
    /// @return amount paid.
    function claim(HookedToken hooked) external returns (uint256 amount) {
        hooked.registerHooks(true);
        amount = _coin.claimRevenue();
    }

    /// @notice The accomplice refused the coins.
    error TransferFailed();

    /// @notice Sends seen (the hook itself does nothing else).
    uint256 public sent;

    /// @inheritdoc ITokenHooks
    function tokensToSend(address, address, address, uint256) external override {
        ++sent;
    }

    /// @inheritdoc ITokenHooks
    function tokensReceived(address, address, address, uint256) external override {
        if (_reenter) {
            _coin.claimRevenue();
        } else {
            if (!_coin.transfer(_accomplice, _coin.balanceOf(address(this)))) revert TransferFailed();
        }
    }
}

/// @notice Adversarial review of {CreatorCoin}'s revenue accounting: exclusion toggles with a
/// balance are exact, and a hooked base token cannot re-enter a claim or move earnings.
contract CreatorCoinSecurityTest is Test {
    bytes32 internal constant ID = keccak256("creator:alice");
    uint256 internal constant INITIAL = 1_000_000e18;

    address internal alice = makeAddr("alice"); // the creator
    address internal bob = makeAddr("bob");
    address internal carol = makeAddr("carol");
    address internal payer = makeAddr("payer");

    function _deploy(address base) internal returns (CreatorCoin) {
        return new CreatorCoin(
            "Alice Coin",
            "ALICE",
            ICreatorCoin.CoinConfig({
                creatorId: ID,
                creator: alice,
                oracle: makeAddr("oracle"),
                baseToken: base,
                holderShareBps: 1_000,
                initialSupply: INITIAL,
                firstReleaseIndex: 1,
                releaseAmounts: new uint256[](0)
            })
        );
    }

    function _deposit(CreatorCoin coin, DemoStablecoin usd, uint256 amount) internal {
        usd.mint(payer, amount);
        vm.startPrank(payer);
        usd.approve(address(coin), amount);
        coin.depositRevenue(amount);
        vm.stopPrank();
    }

    function _claimableSum(CreatorCoin coin, address[3] memory accounts) internal view returns (uint256 sum) {
        for (uint256 i; i < 3; ++i) {
            sum += coin.claimableRevenue(accounts[i]) + coin.claimedRevenue(accounts[i]);
        }
        sum -= coin.creatorRevenue(); // alice's claimable includes the creator's share
    }

    /// @notice Excluding or including an account that holds coins neither creates nor destroys a
    /// single unit of anyone's claim (exact, not within rounding), between and around deposits, and
    /// what the holders can claim in total never exceeds the holders' share deposited.
    function testFuzz_setRevenueExcluded_toggleWithBalanceIsExact(
        uint256 toBob,
        uint256 toCarol,
        uint64 d1,
        uint64 d2,
        uint64 d3
    ) public {
        DemoStablecoin usd = new DemoStablecoin("Demo USD", "dUSD");
        CreatorCoin coin = _deploy(address(usd));
        toBob = bound(toBob, 1, INITIAL / 2);
        toCarol = bound(toCarol, 1, INITIAL / 2);
        vm.startPrank(alice);
        assertTrue(coin.transfer(bob, toBob));
        assertTrue(coin.transfer(carol, toCarol));
        vm.stopPrank();
        address[3] memory accounts = [alice, bob, carol];
        uint256 holderDeposits;

        _deposit(coin, usd, uint256(d1) + 1);
        holderDeposits += (uint256(d1) + 1) / 10;
        uint256[3] memory before = [
            coin.claimableRevenue(alice), coin.claimableRevenue(bob), coin.claimableRevenue(carol)
        ];
        coin.setRevenueExcluded(bob, true); // this test plays the factory
        for (uint256 i; i < 3; ++i) {
            assertEq(coin.claimableRevenue(accounts[i]), before[i], "exclusion is exact");
        }
        assertEq(coin.eligibleSupply(), INITIAL - toBob);

        _deposit(coin, usd, uint256(d2) + 1);
        holderDeposits += (uint256(d2) + 1) / 10;
        assertEq(coin.claimableRevenue(bob), before[1], "excluded: earns nothing more");
        // An excluded account's transfers do not move its frozen claim.
        vm.prank(bob);
        assertTrue(coin.transfer(carol, toBob / 2));
        assertEq(coin.claimableRevenue(bob), before[1]);

        before = [coin.claimableRevenue(alice), coin.claimableRevenue(bob), coin.claimableRevenue(carol)];
        coin.setRevenueExcluded(bob, false);
        for (uint256 i; i < 3; ++i) {
            assertEq(coin.claimableRevenue(accounts[i]), before[i], "inclusion is exact");
        }
        assertEq(coin.eligibleSupply(), INITIAL);

        _deposit(coin, usd, uint256(d3) + 1);
        holderDeposits += (uint256(d3) + 1) / 10;
        assertLe(_claimableSum(coin, accounts), holderDeposits, "claims never exceed deposits");
        assertGe(_claimableSum(coin, accounts) + 3, holderDeposits, "at most one unit lost per account");
        // Everyone claims; the coin stays solvent.
        for (uint256 i; i < 3; ++i) {
            if (coin.claimableRevenue(accounts[i]) == 0) continue;
            vm.prank(accounts[i]);
            coin.claimRevenue();
        }
        assertLe(usd.balanceOf(alice) + usd.balanceOf(bob) + usd.balanceOf(carol), uint256(d1) + d2 + d3 + 3);
    }

    /// @notice An ERC-777-style base token calling the claimer back cannot re-enter `claimRevenue`:
    /// the whole claim reverts and nothing is paid twice.
    function test_claimRevenue_hookedBaseTokenReentryRefused() public {
        HookedToken hooked = new HookedToken();
        CreatorCoin coin = _deploy(address(hooked));
        HookedHolder holder = new HookedHolder(coin, carol, true);
        vm.prank(alice);
        assertTrue(coin.transfer(address(holder), INITIAL / 2));
        hooked.mint(payer, 1_000e6);
        vm.startPrank(payer);
        hooked.approve(address(coin), 1_000e6);
        coin.depositRevenue(1_000e6);
        vm.stopPrank();
        uint256 owed = coin.claimableRevenue(address(holder));
        assertApproxEqAbs(owed, 50e6, 1, "half of the holders' 100");
        vm.expectRevert(ReentrancyGuardTransient.ReentrancyGuardReentrantCall.selector);
        holder.claim(hooked);
        assertEq(coin.claimableRevenue(address(holder)), owed, "still owed, once");
        assertEq(hooked.balanceOf(address(holder)), 0);
    }

    /// @notice Handing the coins to an accomplice from inside the payment callback moves no
    /// earnings: the claim is settled before the transfer, and coins received after a deposit earn
    /// nothing from it.
    function test_claimRevenue_coinsMovedDuringPaymentCarryNoEarnings() public {
        HookedToken hooked = new HookedToken();
        CreatorCoin coin = _deploy(address(hooked));
        HookedHolder holder = new HookedHolder(coin, carol, false);
        vm.prank(alice);
        assertTrue(coin.transfer(address(holder), INITIAL / 2));
        hooked.mint(payer, 1_000e6);
        vm.startPrank(payer);
        hooked.approve(address(coin), 1_000e6);
        coin.depositRevenue(1_000e6);
        vm.stopPrank();
        uint256 owed = coin.claimableRevenue(address(holder));
        uint256 aliceOwed = coin.claimableRevenue(alice);
        assertEq(holder.claim(hooked), owed);
        assertEq(coin.balanceOf(carol), INITIAL / 2, "coins moved mid-claim");
        assertEq(coin.claimableRevenue(carol), 0, "they carry no earnings");
        assertEq(coin.claimableRevenue(address(holder)), 0);
        assertEq(coin.claimableRevenue(alice), aliceOwed, "alice's claim untouched");
        assertGe(hooked.balanceOf(address(coin)), aliceOwed, "the coin still covers alice");
    }
}
