// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IGovernor} from "@openzeppelin/contracts/governance/IGovernor.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {WorxGovernor} from "../../../contracts/dao/WorxGovernor.sol";
import {WorxToken} from "../../../contracts/dao/WorxToken.sol";
import {IWorxGovernor} from "../../../contracts/interfaces/IWorxGovernor.sol";
import {IWorxToken} from "../../../contracts/interfaces/IWorxToken.sol";
import {WorxGovernorFixture} from "./WorxGovernorFixture.sol";

/// @notice Lends WORX for the length of one call (a flash loan): the borrower must give it back
/// before the call returns.
contract WorxFlashLender {
    IERC20 public immutable token;

    /// @notice The borrower did not give the loan back.
    error FlashLoanNotRepaid(uint256 balance, uint256 expected);

    constructor(IERC20 token_) {
        token = token_;
    }

    /// @notice Lend `amount` to `borrower` for the duration of its `onFlashLoan` callback.
    function flashLoan(WorxFlashVoter borrower, uint256 amount) external {
        uint256 before = token.balanceOf(address(this));
        token.transfer(address(borrower), amount);
        borrower.onFlashLoan(amount);
        uint256 balance = token.balanceOf(address(this));
        if (balance < before) revert FlashLoanNotRepaid(balance, before);
    }
}

/// @notice The attacker: inside one transaction it borrows WORX, self-delegates, votes or proposes,
/// then repays.
contract WorxFlashVoter {
    WorxToken public immutable token;
    WorxGovernor public immutable governor;
    WorxFlashLender public immutable lender;
    uint256 public proposalId;
    uint8 public mode; // 0 vote, 1 propose, 2 only delegate
    address[] internal _targets;
    uint256[] internal _values;
    bytes[] internal _calldatas;

    constructor(WorxToken token_, WorxGovernor governor_, WorxFlashLender lender_) {
        token = token_;
        governor = governor_;
        lender = lender_;
    }

    /// @notice Borrow `amount` and vote FOR `id` with it.
    function attackVote(uint256 id, uint256 amount) external {
        proposalId = id;
        mode = 0;
        lender.flashLoan(this, amount);
    }

    /// @notice Borrow `amount` and try to propose with it.
    function attackPropose(address target, bytes calldata data, uint256 amount) external {
        delete _targets;
        delete _values;
        delete _calldatas;
        _targets.push(target);
        _values.push(0);
        _calldatas.push(data);
        mode = 1;
        lender.flashLoan(this, amount);
    }

    /// @notice Borrow `amount`, self-delegate it and repay (to plant a checkpoint).
    function attackDelegate(uint256 amount) external {
        mode = 2;
        lender.flashLoan(this, amount);
    }

    /// @notice The loan's callback: delegate, act, repay.
    function onFlashLoan(uint256 amount) external {
        token.delegate(address(this));
        if (mode == 0) governor.castVote(proposalId, 1);
        else if (mode == 1) governor.propose(_targets, _values, _calldatas, "# Flash proposal");
        token.transfer(address(lender), amount);
    }
}

/// @notice Flash-loan voting is impossible: votes are read at the proposal's snapshot (the vote's
/// start), so tokens minted, transferred, borrowed or delegated afterwards weigh nothing, and a
/// proposer's votes are read one second in the past.
contract WorxGovernorFlashLoanTest is WorxGovernorFixture {
    // ───────────────────────────── flash loans and the snapshot ─────────────────────────────

    function _lender(uint256 amount) internal returns (WorxFlashLender lender, WorxFlashVoter attacker) {
        lender = new WorxFlashLender(token);
        vm.prank(whale);
        token.transfer(address(lender), amount);
        attacker = new WorxFlashVoter(token, governor, lender);
    }

    function test_castVote_flashLoanGivesZeroWeight() public {
        (, WorxFlashVoter attacker) = _lender(500_000e18);
        uint256 id = _propose(_sample("flash"));
        _toActive(id);
        vm.expectEmit(address(governor));
        emit IGovernor.VoteCast(address(attacker), id, FOR, 0, "");
        attacker.attackVote(id, 500_000e18);
        assertTrue(governor.hasVoted(id, address(attacker)));
        (uint256 against, uint256 forVotes, uint256 abstain) = governor.proposalVotes(id);
        assertEq(against + forVotes + abstain, 0, "borrowed tokens weigh nothing");
        assertEq(token.balanceOf(address(attacker)), 0, "repaid");
    }

    function test_castVote_flashLoanAtSnapshotSecondGivesZeroWeight() public {
        (, WorxFlashVoter attacker) = _lender(500_000e18);
        uint256 id = _propose(_sample("flash at snapshot"));
        uint256 snapshot = governor.proposalSnapshot(id);
        vm.warp(snapshot); // the last second whose checkpoints count
        attacker.attackDelegate(500_000e18); // borrow, delegate, repay: the checkpoint ends at zero
        vm.warp(snapshot + 1);
        assertEq(token.getPastVotes(address(attacker), snapshot), 0);
        vm.prank(address(attacker));
        uint256 weight = governor.castVote(id, FOR);
        assertEq(weight, 0);
    }

    function test_propose_flashLoanCannotReachThreshold() public {
        (, WorxFlashVoter attacker) = _lender(500_000e18);
        bytes memory data = abi.encodeCall(IWorxGovernor.setGuardian, (address(0)));
        // Governor reads the proposer's votes at clock() - 1, before the loan existed.
        vm.expectRevert(
            abi.encodeWithSelector(IGovernor.GovernorInsufficientProposerVotes.selector, address(attacker), 0, THRESHOLD)
        );
        attacker.attackPropose(address(governor), data, 500_000e18);
    }

    function test_castVote_tokensMintedAfterSnapshotGiveNoVotes() public {
        uint256 id = _propose(_sample("mint"));
        _toActive(id);
        token.mint(stranger, 100_000e18);
        vm.prank(stranger);
        token.delegate(stranger);
        assertEq(token.getVotes(stranger), 100_000e18, "live votes");
        _vote(stranger, id, FOR);
        (, uint256 forVotes,) = governor.proposalVotes(id);
        assertEq(forVotes, 0);
        assertEq(governor.quorum(governor.proposalSnapshot(id)), QUORUM, "quorum fixed at the snapshot");
    }

    function test_castVote_tokensTransferredAfterSnapshotGiveNoVotes() public {
        uint256 id = _propose(_sample("transfer"));
        _toActive(id);
        // dave moves everything to a fresh account after the snapshot: his weight stays, theirs is 0.
        vm.prank(dave);
        token.transfer(stranger, 20_000e18);
        vm.prank(stranger);
        token.delegate(stranger);
        _vote(stranger, id, FOR);
        _vote(dave, id, AGAINST);
        (uint256 against, uint256 forVotes,) = governor.proposalVotes(id);
        assertEq(forVotes, 0);
        assertEq(against, 20_000e18);
    }

    function test_castVote_delegationAfterSnapshotGivesNoVotes() public {
        uint256 id = _propose(_sample("delegate"));
        _toActive(id);
        vm.prank(whale);
        token.delegate(whale);
        _vote(whale, id, FOR);
        (, uint256 forVotes,) = governor.proposalVotes(id);
        assertEq(forVotes, 0);
    }

    function test_castVote_stakedTokensKeepVotes() public {
        vm.prank(dave);
        token.stake(20_000e18, IWorxToken.LockTerm.Days180);
        uint256 id = _propose(_sample("staked"));
        _toActive(id);
        _vote(dave, id, FOR);
        (, uint256 forVotes,) = governor.proposalVotes(id);
        assertEq(forVotes, 20_000e18);
    }

    function testFuzz_castVote_weightIsSnapshotVotes(uint256 extra, uint256 wait) public {
        extra = bound(extra, 1, 1_000_000e18);
        wait = bound(wait, 1, VOTING_PERIOD - 1);
        uint256 id = _propose(_sample("fuzz"));
        vm.warp(governor.proposalSnapshot(id) + wait);
        token.mint(dave, extra);
        _vote(dave, id, FOR);
        (, uint256 forVotes,) = governor.proposalVotes(id);
        assertEq(forVotes, 20_000e18);
    }

}
