// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {Test} from "forge-std/Test.sol";
import {IGovernor} from "@openzeppelin/contracts/governance/IGovernor.sol";
import {TimelockController} from "@openzeppelin/contracts/governance/TimelockController.sol";
import {FeeSplitter} from "../../../contracts/dao/FeeSplitter.sol";
import {WorxGovernor} from "../../../contracts/dao/WorxGovernor.sol";
import {WorxToken} from "../../../contracts/dao/WorxToken.sol";
import {DemoStablecoin} from "../../../contracts/test-doubles/DemoStablecoin.sol";

/**
 * @notice The DAO as the deployment wires it, with the public-chain defaults of the spec: WorxToken,
 * an unmodified TimelockController (proposer + canceller = governor, executor = anyone, admin
 * renounced), WorxGovernor (delay 1 day, period 5 days, threshold 1_000 WORX, quorum 4%, late-quorum
 * extension 2 days, guardian = the multisig), and a FeeSplitter administered by the timelock.
 * @dev Supply: exactly 1_000_000 WORX, so the quorum is exactly 40_000 WORX. Voters self-delegate;
 * the whale never delegates (its tokens count in the supply, never in the votes).
 */
abstract contract WorxGovernorFixture is Test {
    uint48 internal constant VOTING_DELAY = 1 days;
    uint32 internal constant VOTING_PERIOD = 5 days;
    uint256 internal constant THRESHOLD = 1_000e18;
    uint256 internal constant QUORUM_PERCENT = 4;
    uint48 internal constant VOTE_EXTENSION = 2 days;
    uint256 internal constant MIN_DELAY = 2 days;
    uint256 internal constant SUPPLY = 1_000_000e18;
    uint256 internal constant QUORUM = 40_000e18;
    uint256 internal constant T0 = 1_700_000_000;

    uint8 internal constant AGAINST = 0;
    uint8 internal constant FOR = 1;
    uint8 internal constant ABSTAIN = 2;

    WorxToken internal token;
    TimelockController internal timelock;
    WorxGovernor internal governor;
    FeeSplitter internal splitter;
    DemoStablecoin internal usd;

    address internal guardian; // the protocol multisig
    address internal operations;
    address internal proposer; // exactly the threshold
    address internal alice; // quorum - 1 wei
    address internal bob; // 1 wei
    address internal dave; // 20_000 WORX
    address internal whale; // the rest, never delegated
    address internal stranger;

    function setUp() public virtual {
        vm.warp(T0);
        guardian = makeAddr("guardian");
        operations = makeAddr("operations");
        proposer = makeAddr("proposer");
        alice = makeAddr("alice");
        bob = makeAddr("bob");
        dave = makeAddr("dave");
        whale = makeAddr("whale");
        stranger = makeAddr("stranger");

        token = new WorxToken(address(this), address(0), 0);
        address[] memory none = new address[](0);
        address[] memory anyone = new address[](1); // executor = address(0): anyone may execute
        timelock = new TimelockController(MIN_DELAY, none, anyone, address(this));
        governor = new WorxGovernor(
            token, timelock, VOTING_DELAY, VOTING_PERIOD, THRESHOLD, QUORUM_PERCENT, VOTE_EXTENSION, guardian
        );
        timelock.grantRole(timelock.PROPOSER_ROLE(), address(governor));
        timelock.grantRole(timelock.CANCELLER_ROLE(), address(governor));
        timelock.renounceRole(timelock.DEFAULT_ADMIN_ROLE(), address(this));

        splitter = new FeeSplitter(address(timelock), operations, 7_000, address(timelock));
        usd = new DemoStablecoin("Demo USD", "dUSD");

        // This test plays WorkRewards (the minter); the DAO administers the token.
        token.grantRole(token.MINTER_ROLE(), address(this));
        token.grantRole(token.DEFAULT_ADMIN_ROLE(), address(timelock));
        token.renounceRole(token.DEFAULT_ADMIN_ROLE(), address(this));

        _mintDelegated(proposer, THRESHOLD);
        _mintDelegated(alice, QUORUM - 1);
        _mintDelegated(bob, 1);
        _mintDelegated(dave, 20_000e18);
        token.mint(whale, SUPPLY - token.totalSupply());
        vm.warp(block.timestamp + 1); // checkpoints are read at clock() - 1 by propose
    }

    // ───────────────────────────── helpers ─────────────────────────────

    function _mintDelegated(address account, uint256 amount) internal {
        token.mint(account, amount);
        vm.prank(account);
        token.delegate(account);
    }

    struct Proposal {
        address[] targets;
        uint256[] values;
        bytes[] calldatas;
        string description;
    }

    function _single(address target, uint256 value, bytes memory data, string memory description)
        internal
        pure
        returns (Proposal memory p)
    {
        p.targets = new address[](1);
        p.targets[0] = target;
        p.values = new uint256[](1);
        p.values[0] = value;
        p.calldatas = new bytes[](1);
        p.calldatas[0] = data;
        p.description = description;
    }

    /// @dev A harmless proposal (sets the DAO share to 60%); `tag` makes its id unique.
    function _sample(string memory tag) internal view returns (Proposal memory) {
        return _single(
            address(splitter), 0, abi.encodeCall(FeeSplitter.setDaoShare, (6_000)), string.concat("# Sample ", tag)
        );
    }

    function _propose(Proposal memory p) internal returns (uint256 id) {
        vm.prank(proposer);
        id = governor.propose(p.targets, p.values, p.calldatas, p.description);
    }

    function _hash(Proposal memory p) internal pure returns (bytes32) {
        return keccak256(bytes(p.description));
    }

    function _id(Proposal memory p) internal view returns (uint256) {
        return governor.getProposalId(p.targets, p.values, p.calldatas, _hash(p));
    }

    /// @dev The timelock operation id the governor uses for `p`.
    function _operationId(Proposal memory p) internal view returns (bytes32) {
        bytes32 salt = bytes20(address(governor)) ^ _hash(p);
        return timelock.hashOperationBatch(p.targets, p.values, p.calldatas, 0, salt);
    }

    function _toActive(uint256 id) internal {
        vm.warp(governor.proposalSnapshot(id) + 1);
    }

    function _toEnd(uint256 id) internal {
        vm.warp(governor.proposalDeadline(id) + 1);
    }

    function _vote(address voter, uint256 id, uint8 support) internal {
        vm.prank(voter);
        governor.castVote(id, support);
    }

    function _queue(Proposal memory p) internal {
        governor.queue(p.targets, p.values, p.calldatas, _hash(p));
    }

    function _execute(Proposal memory p) internal {
        governor.execute(p.targets, p.values, p.calldatas, _hash(p));
    }

    /// @dev Propose, pass with alice + bob (exactly the quorum), queue, wait the delay.
    function _passAndQueue(Proposal memory p) internal returns (uint256 id) {
        id = _propose(p);
        _toActive(id);
        _vote(alice, id, FOR);
        _vote(bob, id, FOR);
        _toEnd(id);
        assertEq(uint8(governor.state(id)), uint8(IGovernor.ProposalState.Succeeded));
        _queue(p);
        vm.warp(block.timestamp + MIN_DELAY);
    }

    function _stateBitmap(IGovernor.ProposalState s) internal pure returns (bytes32) {
        return bytes32(1 << uint8(s));
    }

    function _unexpectedState(uint256 id, IGovernor.ProposalState current, bytes32 expected)
        internal
        pure
        returns (bytes memory)
    {
        return abi.encodeWithSelector(IGovernor.GovernorUnexpectedProposalState.selector, id, current, expected);
    }
}
