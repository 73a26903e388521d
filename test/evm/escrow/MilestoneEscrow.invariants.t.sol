// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {Test} from "forge-std/Test.sol";
import {Pausable} from "@openzeppelin/contracts/utils/Pausable.sol";
import {MilestoneEscrow} from "../../../contracts/escrow/MilestoneEscrow.sol";
import {IMilestoneEscrow} from "../../../contracts/interfaces/IMilestoneEscrow.sol";
import {DemoStablecoin} from "../../../contracts/test-doubles/DemoStablecoin.sol";

/**
 * @notice Drives {MilestoneEscrow} with random but valid actions by several actors, in an ERC-20 and
 * in the native coin, and keeps an independent model of what the escrow must hold (ghost state).
 * @dev Every action either performs a call the model says must succeed, or asserts the exact revert
 * the model predicts, so the invariant suite runs with `failOnRevert`: an unexpected revert (or a
 * failed assertion here) fails the run.
 */
contract EscrowHandler is Test {
    address internal constant NATIVE = address(0);
    uint256 internal constant MAX_MILESTONES_PER_ESCROW = 4;
    uint256 internal constant MAX_AMOUNT = 1e30;

    MilestoneEscrow public immutable escrow;
    DemoStablecoin public immutable usd;
    address public immutable admin;

    address[] internal _actors;
    address[] internal _feeRecipients;
    address[] internal _accounts; // actors and fee recipients: everyone who can hold a credit
    address[] internal _tokens;

    // ── ghost model, per escrow ──
    uint256[] internal _ids;
    mapping(uint256 id => address) public ghostClient;
    mapping(uint256 id => address) public ghostFreelancer;
    mapping(uint256 id => address) public ghostToken;
    mapping(uint256 id => uint16) public ghostFeeBps;
    mapping(uint256 id => uint256) public ghostCount;
    mapping(uint256 id => uint256) public ghostTotal;
    mapping(uint256 id => uint256) public ghostReleased;
    mapping(uint256 id => uint256) public ghostReleasedCount;
    mapping(uint256 id => IMilestoneEscrow.EscrowStatus) public ghostStatus;
    mapping(uint256 id => mapping(uint256 index => uint256)) public ghostAmount;
    mapping(uint256 id => mapping(uint256 index => IMilestoneEscrow.MilestoneStatus)) public ghostMilestone;

    // ── ghost model, per token ──
    mapping(address token => uint256) public ghostDeposited;
    mapping(address token => uint256) public ghostWithdrawn;
    mapping(address token => uint256) public ghostReleasedSum;
    mapping(address token => uint256) public ghostFeeSum;
    mapping(address token => uint256) public ghostPayoutSum;
    mapping(address token => uint256) public ghostReleaseCount;
    mapping(address token => mapping(address account => uint256)) public ghostCredits;

    uint16 public ghostPlatformFeeBps;
    address public ghostFeeRecipient;
    bool public ghostPaused;

    /// @notice How often each action ran (for debugging a campaign).
    mapping(bytes32 action => uint256) public calls;

    constructor(MilestoneEscrow escrow_, DemoStablecoin usd_, address admin_, address treasury) {
        escrow = escrow_;
        usd = usd_;
        admin = admin_;
        ghostPlatformFeeBps = escrow_.platformFeeBps();
        ghostFeeRecipient = treasury;

        _actors.push(makeAddr("alice"));
        _actors.push(makeAddr("bob"));
        _actors.push(makeAddr("carol"));
        _actors.push(makeAddr("dave"));
        _feeRecipients.push(treasury);
        _feeRecipients.push(makeAddr("operations"));
        _feeRecipients.push(_actors[0]); // a fee recipient that is also a party
        for (uint256 i; i < _actors.length; ++i) {
            _accounts.push(_actors[i]);
        }
        _accounts.push(treasury);
        _accounts.push(_feeRecipients[1]);
        _tokens.push(address(usd_));
        _tokens.push(NATIVE);
    }

    // ───────────────────────────── views for the invariants ─────────────────────────────

    function ids() external view returns (uint256[] memory) {
        return _ids;
    }

    function accounts() external view returns (address[] memory) {
        return _accounts;
    }

    function tokens() external view returns (address[] memory) {
        return _tokens;
    }

    // ───────────────────────────── actions ─────────────────────────────

    function createEscrow(uint256 clientSeed, uint256 freelancerSeed, bool native, uint256 count, uint256 seed)
        external
    {
        address client = _actors[clientSeed % _actors.length];
        address freelancer = _actors[freelancerSeed % _actors.length];
        if (freelancer == client) freelancer = _actors[(freelancerSeed % _actors.length + 1) % _actors.length];
        address token = native ? NATIVE : address(usd);
        count = bound(count, 1, MAX_MILESTONES_PER_ESCROW);
        uint256[] memory amounts = new uint256[](count);
        for (uint256 i; i < count; ++i) {
            amounts[i] = bound(uint256(keccak256(abi.encode(seed, i))), 1, MAX_AMOUNT);
        }

        if (ghostPaused) {
            vm.expectRevert(Pausable.EnforcedPause.selector);
            vm.prank(client);
            escrow.createEscrow(freelancer, token, amounts);
            ++calls["createEscrow (paused)"];
            return;
        }

        vm.prank(client);
        uint256 id = escrow.createEscrow(freelancer, token, amounts);
        assertEq(id, _ids.length + 1, "ids are sequential");
        _ids.push(id);
        ghostClient[id] = client;
        ghostFreelancer[id] = freelancer;
        ghostToken[id] = token;
        ghostFeeBps[id] = ghostPlatformFeeBps;
        ghostCount[id] = count;
        ghostStatus[id] = IMilestoneEscrow.EscrowStatus.Created;
        uint256 total;
        for (uint256 i; i < count; ++i) {
            ghostAmount[id][i] = amounts[i];
            total += amounts[i];
        }
        ghostTotal[id] = total;
        ++calls["createEscrow"];
    }

    function fundEscrow(uint256 idSeed) external {
        (uint256 id, bool found) = _findEscrow(idSeed, IMilestoneEscrow.EscrowStatus.Created);
        if (!found) return;
        address client = ghostClient[id];
        address token = ghostToken[id];
        uint256 total = ghostTotal[id];

        uint256 value;
        if (token == NATIVE) {
            value = total;
            vm.deal(client, client.balance + total);
        } else {
            usd.mint(client, total);
            vm.prank(client);
            usd.approve(address(escrow), total);
        }

        if (ghostPaused) {
            vm.expectRevert(Pausable.EnforcedPause.selector);
            vm.prank(client);
            escrow.fundEscrow{value: value}(id);
            ++calls["fundEscrow (paused)"];
            return;
        }

        vm.prank(client);
        escrow.fundEscrow{value: value}(id);
        ghostStatus[id] = IMilestoneEscrow.EscrowStatus.Funded;
        ghostDeposited[token] += total;
        ++calls["fundEscrow"];
    }

    function submitMilestone(uint256 idSeed, uint256 indexSeed, bytes32 deliverable) external {
        (uint256 id, bool found) = _findEscrow(idSeed, IMilestoneEscrow.EscrowStatus.Funded);
        if (!found) return;
        (uint256 index, bool hasPending) = _findMilestone(id, indexSeed, IMilestoneEscrow.MilestoneStatus.Pending);
        if (!hasPending) return;

        vm.prank(ghostFreelancer[id]);
        escrow.submitMilestone(id, index, deliverable);
        ghostMilestone[id][index] = IMilestoneEscrow.MilestoneStatus.Submitted;
        ++calls["submitMilestone"];
    }

    function approveMilestone(uint256 idSeed, uint256 indexSeed) external {
        (uint256 id, bool found) = _findEscrow(idSeed, IMilestoneEscrow.EscrowStatus.Funded);
        if (!found) return;
        (uint256 index, bool hasSubmitted) =
            _findMilestone(id, indexSeed, IMilestoneEscrow.MilestoneStatus.Submitted);
        if (!hasSubmitted) {
            // Nothing to review yet: have the freelancer deliver one first, so releases are common.
            bool hasPending;
            (index, hasPending) = _findMilestone(id, indexSeed, IMilestoneEscrow.MilestoneStatus.Pending);
            if (!hasPending) return;
            vm.prank(ghostFreelancer[id]);
            escrow.submitMilestone(id, index, bytes32(indexSeed));
            ghostMilestone[id][index] = IMilestoneEscrow.MilestoneStatus.Submitted;
        }

        address token = ghostToken[id];
        uint256 amount = ghostAmount[id][index];
        // Independent model of the fee: the rounded-up share at the fee fixed at creation.
        uint256 fee = (amount * ghostFeeBps[id] + 9_999) / 10_000;
        uint256 payout = amount - fee;

        vm.prank(ghostClient[id]);
        escrow.approveMilestone(id, index);

        ghostMilestone[id][index] = IMilestoneEscrow.MilestoneStatus.Released;
        ghostReleased[id] += amount;
        if (++ghostReleasedCount[id] == ghostCount[id]) ghostStatus[id] = IMilestoneEscrow.EscrowStatus.Completed;
        ghostCredits[token][ghostFreelancer[id]] += payout;
        ghostCredits[token][ghostFeeRecipient] += fee;
        ghostReleasedSum[token] += amount;
        ghostFeeSum[token] += fee;
        ghostPayoutSum[token] += payout;
        ++ghostReleaseCount[token];
        ++calls["approveMilestone"];
    }

    function cancelEscrow(uint256 idSeed, bool byFreelancer) external {
        // Cancel one time in four, so that most escrows live on to be funded and released.
        if (idSeed % 4 != 0) return;
        (uint256 id, bool found) = _findEscrow(idSeed / 4, IMilestoneEscrow.EscrowStatus.Created);
        if (!found) return;

        vm.prank(byFreelancer ? ghostFreelancer[id] : ghostClient[id]);
        escrow.cancelEscrow(id);
        ghostStatus[id] = IMilestoneEscrow.EscrowStatus.Cancelled;
        ++calls["cancelEscrow"];
    }

    function withdraw(uint256 accountSeed, bool native) external {
        address token = native ? NATIVE : address(usd);
        address account = _accounts[accountSeed % _accounts.length];
        // Three times in four, prefer an account that has something to withdraw.
        for (uint256 k; k < _accounts.length && accountSeed % 4 != 0; ++k) {
            address candidate = _accounts[(accountSeed % _accounts.length + k) % _accounts.length];
            if (ghostCredits[token][candidate] != 0) {
                account = candidate;
                break;
            }
        }
        uint256 credit = ghostCredits[token][account];

        if (credit == 0) {
            vm.expectRevert(abi.encodeWithSelector(IMilestoneEscrow.NothingToWithdraw.selector, account, token));
            vm.prank(account);
            escrow.withdraw(token);
            ++calls["withdraw (nothing)"];
            return;
        }

        uint256 before = _balanceOf(token, account);
        vm.prank(account);
        uint256 sent = escrow.withdraw(token);
        assertEq(sent, credit, "withdraw sends the whole credit");
        assertEq(_balanceOf(token, account) - before, credit, "the account receives the whole credit");
        ghostCredits[token][account] = 0;
        ghostWithdrawn[token] += credit;
        ++calls["withdraw"];
    }

    function setPlatformFee(uint256 bps) external {
        uint16 newBps = uint16(bound(bps, 0, escrow.MAX_FEE_BPS()));
        vm.prank(admin);
        escrow.setPlatformFee(newBps);
        ghostPlatformFeeBps = newBps;
        ++calls["setPlatformFee"];
    }

    function setFeeRecipient(uint256 seed) external {
        address recipient = _feeRecipients[seed % _feeRecipients.length];
        vm.prank(admin);
        escrow.setFeeRecipient(recipient);
        ghostFeeRecipient = recipient;
        ++calls["setFeeRecipient"];
    }

    function togglePause(uint256 seed) external {
        // Pause one time in eight and always unpause, so pauses are short but do happen.
        if (!ghostPaused && seed % 8 != 0) return;
        vm.prank(admin);
        if (ghostPaused) escrow.unpause();
        else escrow.pause();
        ghostPaused = !ghostPaused;
        ++calls["togglePause"];
    }

    // ───────────────────────────── internal ─────────────────────────────

    function _balanceOf(address token, address account) internal view returns (uint256) {
        return token == NATIVE ? account.balance : usd.balanceOf(account);
    }

    /// @dev The first escrow in `status`, scanning from a random start.
    function _findEscrow(uint256 seed, IMilestoneEscrow.EscrowStatus status)
        internal
        view
        returns (uint256 id, bool found)
    {
        uint256 n = _ids.length;
        for (uint256 k; k < n; ++k) {
            id = _ids[(seed % n + k) % n];
            if (ghostStatus[id] == status) return (id, true);
        }
    }

    /// @dev The first milestone of `id` in `status`, scanning from a random start.
    function _findMilestone(uint256 id, uint256 seed, IMilestoneEscrow.MilestoneStatus status)
        internal
        view
        returns (uint256 index, bool found)
    {
        uint256 n = ghostCount[id];
        for (uint256 k; k < n; ++k) {
            index = (seed % n + k) % n;
            if (ghostMilestone[id][index] == status) return (index, true);
        }
    }
}

/**
 * @notice Invariants of {MilestoneEscrow} under random action sequences by several actors, checked
 * for the ERC-20 and for the native coin after every call.
 */
contract MilestoneEscrowInvariantTest is Test {
    address internal constant NATIVE = address(0);

    MilestoneEscrow internal escrow;
    DemoStablecoin internal usd;
    EscrowHandler internal handler;

    function setUp() public {
        address admin = makeAddr("admin");
        address treasury = makeAddr("treasury");
        escrow = new MilestoneEscrow(admin, treasury, 1_000);
        usd = new DemoStablecoin("Demo USD", "dUSD");
        handler = new EscrowHandler(escrow, usd, admin, treasury);

        bytes4[] memory selectors = new bytes4[](9);
        selectors[0] = EscrowHandler.createEscrow.selector;
        selectors[1] = EscrowHandler.fundEscrow.selector;
        selectors[2] = EscrowHandler.submitMilestone.selector;
        selectors[3] = EscrowHandler.approveMilestone.selector;
        selectors[4] = EscrowHandler.cancelEscrow.selector;
        selectors[5] = EscrowHandler.withdraw.selector;
        selectors[6] = EscrowHandler.setPlatformFee.selector;
        selectors[7] = EscrowHandler.setFeeRecipient.selector;
        selectors[8] = EscrowHandler.togglePause.selector;
        targetSelector(FuzzSelector({addr: address(handler), selectors: selectors}));
        targetContract(address(handler));
    }

    function _held(address token) internal view returns (uint256) {
        return token == NATIVE ? address(escrow).balance : usd.balanceOf(address(escrow));
    }

    /**
     * @notice Conservation law: the escrow holds exactly what it has locked plus what it owes.
     * hardhat-config: invariant.runs = 64
     * hardhat-config: invariant.depth = 100
     * hardhat-config: invariant.failOnRevert = true
     */
    function invariant_balanceEqualsLockedPlusCredited() public view {
        address[] memory tokens = handler.tokens();
        for (uint256 t; t < tokens.length; ++t) {
            address token = tokens[t];
            assertEq(_held(token), escrow.lockedBalance(token) + escrow.creditedBalance(token), "held");
        }
    }

    /**
     * @notice Locked funds are exactly the unreleased remainder of the funded escrows.
     * hardhat-config: invariant.runs = 64
     * hardhat-config: invariant.depth = 100
     * hardhat-config: invariant.failOnRevert = true
     */
    function invariant_lockedEqualsUnreleasedFundedEscrows() public view {
        address[] memory tokens = handler.tokens();
        uint256[] memory ids = handler.ids();
        for (uint256 t; t < tokens.length; ++t) {
            uint256 expected;
            for (uint256 i; i < ids.length; ++i) {
                uint256 id = ids[i];
                if (handler.ghostToken(id) != tokens[t]) continue;
                if (handler.ghostStatus(id) == IMilestoneEscrow.EscrowStatus.Funded) {
                    expected += handler.ghostTotal(id) - handler.ghostReleased(id);
                }
            }
            assertEq(escrow.lockedBalance(tokens[t]), expected, "locked");
        }
    }

    /**
     * @notice Credited funds are exactly the sum of every account's credit, and each credit
     * matches the model.
     * hardhat-config: invariant.runs = 64
     * hardhat-config: invariant.depth = 100
     * hardhat-config: invariant.failOnRevert = true
     */
    function invariant_creditedEqualsSumOfCredits() public view {
        address[] memory tokens = handler.tokens();
        address[] memory accounts = handler.accounts();
        for (uint256 t; t < tokens.length; ++t) {
            uint256 sum;
            for (uint256 a; a < accounts.length; ++a) {
                uint256 credit = escrow.credits(tokens[t], accounts[a]);
                assertEq(credit, handler.ghostCredits(tokens[t], accounts[a]), "credit");
                sum += credit;
            }
            assertEq(escrow.creditedBalance(tokens[t]), sum, "credited");
        }
    }

    /**
     * @notice Every released unit went either to a fee or to a payout, the fees never exceed the
     * cap (plus at most one unit of rounding per release), and on-chain released sums agree.
     * hardhat-config: invariant.runs = 64
     * hardhat-config: invariant.depth = 100
     * hardhat-config: invariant.failOnRevert = true
     */
    function invariant_feePlusPayoutEqualsReleased() public view {
        address[] memory tokens = handler.tokens();
        uint256[] memory ids = handler.ids();
        uint256 cap = escrow.MAX_FEE_BPS();
        for (uint256 t; t < tokens.length; ++t) {
            address token = tokens[t];
            uint256 released = handler.ghostReleasedSum(token);
            uint256 fees = handler.ghostFeeSum(token);
            assertEq(fees + handler.ghostPayoutSum(token), released, "fee + payout == released");
            assertLe(fees * 10_000, released * cap + handler.ghostReleaseCount(token) * 9_999, "fee cap");

            uint256 onChainReleased;
            for (uint256 i; i < ids.length; ++i) {
                if (handler.ghostToken(ids[i]) == token) onChainReleased += escrow.getEscrow(ids[i]).released;
            }
            assertEq(onChainReleased, released, "released");
        }
    }

    /**
     * @notice What came in minus what went out is what the escrow holds.
     * hardhat-config: invariant.runs = 64
     * hardhat-config: invariant.depth = 100
     * hardhat-config: invariant.failOnRevert = true
     */
    function invariant_depositsMinusWithdrawalsEqualHeld() public view {
        address[] memory tokens = handler.tokens();
        for (uint256 t; t < tokens.length; ++t) {
            address token = tokens[t];
            assertEq(handler.ghostDeposited(token) - handler.ghostWithdrawn(token), _held(token), "flows");
        }
    }

    /**
     * @notice Each escrow's stored state matches the model: status, released amount and count, and
     * Completed exactly when every milestone is released.
     * hardhat-config: invariant.runs = 64
     * hardhat-config: invariant.depth = 100
     * hardhat-config: invariant.failOnRevert = true
     */
    function invariant_escrowStateMatchesModel() public view {
        uint256[] memory ids = handler.ids();
        assertEq(escrow.escrowCount(), ids.length, "count");
        for (uint256 i; i < ids.length; ++i) {
            uint256 id = ids[i];
            IMilestoneEscrow.Escrow memory e = escrow.getEscrow(id);
            assertEq(uint8(e.status), uint8(handler.ghostStatus(id)), "status");
            assertEq(e.released, handler.ghostReleased(id), "released");
            assertEq(e.releasedCount, handler.ghostReleasedCount(id), "releasedCount");
            assertLe(e.released, e.total, "released <= total");
            assertEq(
                e.status == IMilestoneEscrow.EscrowStatus.Completed, e.releasedCount == e.milestoneCount, "completed"
            );
        }
    }
}
