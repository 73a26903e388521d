// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {Test} from "forge-std/Test.sol";
import {WorxToken} from "../../../contracts/dao/WorxToken.sol";
import {IWorxToken} from "../../../contracts/interfaces/IWorxToken.sol";

/**
 * @notice Drives {WorxToken} with random mints, transfers, stakes, unstakes, delegations and time
 * warps among a few actors (every token lives with an actor), and records whether a stake or unstake
 * ever changed anyone's votes.
 * @dev Every action either performs a call that must succeed or asserts the exact revert expected
 * (moving locked tokens, unstaking early or twice), so the suite runs with `failOnRevert`.
 */
contract TokenHandler is Test {
    WorxToken public immutable token;
    address public immutable minter;
    address[] internal _actors;
    mapping(bytes32 action => uint256) public calls;
    /// @notice Set when a stake or unstake changed some actor's votes (must never happen).
    bool public votesMovedByStaking;

    constructor(WorxToken token_, address minter_) {
        token = token_;
        minter = minter_;
        for (uint256 i; i < 4; ++i) {
            _actors.push(makeAddr(string.concat("holder", vm.toString(i))));
        }
    }

    function actors() external view returns (address[] memory) {
        return _actors;
    }

    function mint(uint256 actorSeed, uint256 amount) external {
        address to = _actor(actorSeed);
        // Keep far below the 2^128 cap: the cap itself is a unit test.
        amount = _bound(amount, 1, 1e30);
        vm.prank(minter);
        token.mint(to, amount);
        ++calls["mint"];
    }

    function transfer(uint256 fromSeed, uint256 toSeed, uint256 amount) external {
        address from = _actor(fromSeed);
        address to = _actor(toSeed);
        uint256 balance = token.balanceOf(from);
        uint256 unlocked = token.unlockedBalanceOf(from);
        amount = _bound(amount, 0, balance);
        vm.prank(from);
        if (amount > unlocked) {
            vm.expectRevert(
                abi.encodeWithSelector(IWorxToken.InsufficientUnlockedBalance.selector, from, amount, unlocked)
            );
            token.transfer(to, amount);
            ++calls["transfer (locked)"];
        } else {
            assertTrue(token.transfer(to, amount));
            ++calls["transfer"];
        }
    }

    function stake(uint256 actorSeed, uint256 amount, uint8 termSeed) external {
        address account = _actor(actorSeed);
        IWorxToken.LockTerm term = IWorxToken.LockTerm(termSeed % 3);
        uint256 unlocked = token.unlockedBalanceOf(account);
        amount = _bound(amount, 0, unlocked + 1);
        uint256[] memory before = _votes();
        vm.prank(account);
        if (amount == 0) {
            vm.expectRevert(IWorxToken.ZeroAmount.selector);
            token.stake(amount, term);
        } else if (amount > unlocked) {
            vm.expectRevert(
                abi.encodeWithSelector(IWorxToken.InsufficientUnlockedBalance.selector, account, amount, unlocked)
            );
            token.stake(amount, term);
        } else {
            token.stake(amount, term);
            ++calls["stake"];
        }
        _checkVotes(before);
    }

    function unstake(uint256 actorSeed, uint8 termSeed) external {
        address account = _actor(actorSeed);
        IWorxToken.LockTerm term = IWorxToken.LockTerm(termSeed % 3);
        IWorxToken.Stake memory position = token.stakeOf(account, term);
        uint256[] memory before = _votes();
        vm.prank(account);
        if (position.amount == 0) {
            vm.expectRevert(abi.encodeWithSelector(IWorxToken.NoStake.selector, account, term));
            token.unstake(term);
        } else if (block.timestamp < position.unlockAt) {
            vm.expectRevert(abi.encodeWithSelector(IWorxToken.StakeLocked.selector, account, term, position.unlockAt));
            token.unstake(term);
            ++calls["unstake (early)"];
        } else {
            assertEq(token.unstake(term), position.amount);
            ++calls["unstake"];
        }
        _checkVotes(before);
    }

    function delegate(uint256 actorSeed, uint256 delegateeSeed) external {
        address account = _actor(actorSeed);
        // One time in five: back to no delegate.
        address delegatee = delegateeSeed % 5 == 4 ? address(0) : _actor(delegateeSeed);
        vm.prank(account);
        token.delegate(delegatee);
        ++calls["delegate"];
    }

    function warp(uint256 seconds_) external {
        vm.warp(block.timestamp + _bound(seconds_, 1, 60 days));
        ++calls["warp"];
    }

    function _actor(uint256 seed) internal view returns (address) {
        return _actors[seed % _actors.length];
    }

    function _votes() internal view returns (uint256[] memory votes) {
        votes = new uint256[](_actors.length);
        for (uint256 i; i < _actors.length; ++i) {
            votes[i] = token.getVotes(_actors[i]);
        }
    }

    function _checkVotes(uint256[] memory before) internal {
        uint256[] memory afterwards = _votes();
        for (uint256 i; i < before.length; ++i) {
            if (afterwards[i] != before[i]) votesMovedByStaking = true;
        }
    }
}

contract WorxTokenInvariantTest is Test {
    WorxToken internal token;
    TokenHandler internal handler;

    function setUp() public {
        vm.warp(1_700_000_000);
        address admin = makeAddr("admin");
        address minter = makeAddr("minter");
        token = new WorxToken(admin, address(0), 0);
        bytes32 minterRole = token.MINTER_ROLE();
        vm.prank(admin);
        token.grantRole(minterRole, minter);
        handler = new TokenHandler(token, minter);

        bytes4[] memory selectors = new bytes4[](6);
        selectors[0] = TokenHandler.mint.selector;
        selectors[1] = TokenHandler.transfer.selector;
        selectors[2] = TokenHandler.stake.selector;
        selectors[3] = TokenHandler.unstake.selector;
        selectors[4] = TokenHandler.delegate.selector;
        selectors[5] = TokenHandler.warp.selector;
        targetSelector(FuzzSelector({addr: address(handler), selectors: selectors}));
        targetContract(address(handler));
    }

    /**
     * @notice Every token is held by an actor: the supply is the sum of their balances.
     * hardhat-config: invariant.runs = 48
     * hardhat-config: invariant.depth = 80
     * hardhat-config: invariant.failOnRevert = true
     */
    function invariant_totalSupplyIsSumOfBalances() public view {
        address[] memory actors = handler.actors();
        uint256 sum;
        for (uint256 i; i < actors.length; ++i) {
            sum += token.balanceOf(actors[i]);
        }
        assertEq(token.totalSupply(), sum, "total supply");
    }

    /**
     * @notice Locks never exceed the balance, and the locked sum is the sum of the positions.
     * hardhat-config: invariant.runs = 48
     * hardhat-config: invariant.depth = 80
     * hardhat-config: invariant.failOnRevert = true
     */
    function invariant_lockedWithinBalance() public view {
        address[] memory actors = handler.actors();
        for (uint256 i; i < actors.length; ++i) {
            uint256 positions;
            for (uint256 t; t < 3; ++t) {
                positions += token.stakeOf(actors[i], IWorxToken.LockTerm(t)).amount;
            }
            assertEq(token.lockedBalance(actors[i]), positions, "locked sum");
            assertLe(token.lockedBalance(actors[i]), token.balanceOf(actors[i]), "locked <= balance");
            assertEq(
                token.lockedBalance(actors[i]) + token.unlockedBalanceOf(actors[i]),
                token.balanceOf(actors[i]),
                "locked + unlocked"
            );
        }
    }

    /**
     * @notice Each actor's votes are the balances of the accounts delegating to it, and the votes
     * of all actors sum to the balances of every delegating account.
     * hardhat-config: invariant.runs = 48
     * hardhat-config: invariant.depth = 80
     * hardhat-config: invariant.failOnRevert = true
     */
    function invariant_votesAreDelegatorsBalances() public view {
        address[] memory actors = handler.actors();
        uint256 votesSum;
        uint256 delegatedSum;
        for (uint256 i; i < actors.length; ++i) {
            uint256 expected;
            for (uint256 j; j < actors.length; ++j) {
                if (token.delegates(actors[j]) == actors[i]) expected += token.balanceOf(actors[j]);
            }
            assertEq(token.getVotes(actors[i]), expected, "votes");
            votesSum += token.getVotes(actors[i]);
            if (token.delegates(actors[i]) != address(0)) delegatedSum += token.balanceOf(actors[i]);
        }
        assertEq(votesSum, delegatedSum, "sum of votes");
    }

    /**
     * @notice Stake and unstake never moved a vote; the handler reached every action.
     * hardhat-config: invariant.runs = 48
     * hardhat-config: invariant.depth = 80
     * hardhat-config: invariant.failOnRevert = true
     */
    function invariant_stakingNeverMovesVotes() public view {
        assertFalse(handler.votesMovedByStaking(), "votes moved by stake/unstake");
    }

    /// @notice A long fixed walk reaches every branch of the handler, then checks every invariant.
    function test_handler_reachesEveryAction() public {
        for (uint256 i; i < 400; ++i) {
            uint256 seed = uint256(keccak256(abi.encode(i)));
            uint256 action = seed % 6;
            if (action == 0) handler.mint(seed >> 8, seed >> 16);
            else if (action == 1) handler.transfer(seed >> 8, seed >> 16, seed >> 24);
            else if (action == 2) handler.stake(seed >> 8, seed >> 16, uint8(seed >> 32));
            else if (action == 3) handler.unstake(seed >> 8, uint8(seed >> 32));
            else if (action == 4) handler.delegate(seed >> 8, seed >> 16);
            else handler.warp(seed >> 8);
        }
        string[7] memory reached =
            ["mint", "transfer", "transfer (locked)", "stake", "unstake", "unstake (early)", "delegate"];
        for (uint256 k; k < reached.length; ++k) {
            assertGt(handler.calls(bytes32(bytes(reached[k]))), 0, reached[k]);
        }
        invariant_totalSupplyIsSumOfBalances();
        invariant_lockedWithinBalance();
        invariant_votesAreDelegatorsBalances();
        invariant_stakingNeverMovesVotes();
    }
}
