// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {Test} from "forge-std/Test.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {Pausable} from "@openzeppelin/contracts/utils/Pausable.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {MilestoneEscrow} from "../../../contracts/escrow/MilestoneEscrow.sol";
import {IMilestoneEscrow} from "../../../contracts/interfaces/IMilestoneEscrow.sol";
import {DemoStablecoin} from "../../../contracts/test-doubles/DemoStablecoin.sol";
import {FeeDiscountSourceMock} from "../../../contracts/test-doubles/FeeDiscountSourceMock.sol";
import {HookedToken} from "../../../contracts/test-doubles/HookedToken.sol";
import {ReentrantHookAccount} from "../../../contracts/test-doubles/ReentrantHookAccount.sol";

/**
 * @notice Drives {MilestoneEscrow} with random actions by several actors, in an ERC-20, the native
 * coin and an ERC-777-style hooked token whose holder (a contract party) tries to re-enter the
 * escrow on every transfer, and keeps an independent model of what the escrow must hold and pay.
 * @dev Every action either performs a call the model says must succeed, or asserts the exact revert
 * the model predicts (early claims and reclaims, strangers, replays of settled milestones), so the
 * invariant suite runs with `failOnRevert`: an unexpected revert fails the run.
 */
contract EscrowHandler is Test {
    address internal constant NATIVE = address(0);
    uint256 internal constant MAX_MILESTONES = 4;
    uint256 internal constant MAX_AMOUNT = 1e30;

    /// @dev The model of one escrow.
    struct Job {
        address client;
        address freelancer;
        address token;
        uint16 feeBps;
        IMilestoneEscrow.EscrowStatus status;
        uint32 count;
        uint32 settled;
        uint32 review;
        uint32 grace;
        bool reclaimed;
        bool rated;
        uint256 total;
        uint256 released;
        uint256 refunded;
    }

    /// @dev The model of one milestone; `pays` counts settlements (must never exceed one).
    struct Step {
        uint256 amount;
        uint256 due;
        uint256 submittedAt;
        IMilestoneEscrow.MilestoneStatus status;
        uint256 pays;
    }

    MilestoneEscrow public immutable escrow;
    DemoStablecoin public immutable usd;
    HookedToken public immutable hooked;
    FeeDiscountSourceMock public immutable source;
    ReentrantHookAccount public immutable hooky;
    address public immutable admin;
    address public immutable arbiter;

    address[] internal _actors; // parties: three keyed EOAs and the hooked contract
    address[] internal _accounts; // everyone who can hold a credit
    address[] internal _feeRecipients;
    address[] internal _tokens;
    mapping(address account => uint256) internal _keyOf;

    uint256[] internal _ids;
    mapping(uint256 id => Job) internal _jobs;
    mapping(uint256 id => mapping(uint256 index => Step)) internal _steps;

    mapping(address token => mapping(address account => uint256)) public ghostCredits;
    mapping(address token => uint256) public ghostHeld;
    mapping(address token => uint256) public ghostDeposited;
    mapping(address token => uint256) public ghostWithdrawn;
    mapping(address token => mapping(address account => uint256)) public ghostWithdrawnBy;
    mapping(address token => mapping(address account => uint256)) public ghostCreditedTo;
    mapping(address freelancer => mapping(address token => uint256)) public ghostEarned;
    mapping(address freelancer => IMilestoneEscrow.FreelancerStats) internal _stats;
    mapping(address freelancer => uint16) internal _discount;
    mapping(address account => uint256) public ghostNonce;

    uint16 public ghostPlatformFeeBps;
    address public ghostFeeRecipient;
    bool public ghostPaused;

    /// @notice How often each action ran (for debugging a campaign).
    mapping(bytes32 action => uint256) public calls;

    constructor(
        MilestoneEscrow escrow_,
        DemoStablecoin usd_,
        HookedToken hooked_,
        FeeDiscountSourceMock source_,
        address admin_,
        address arbiter_,
        address treasury
    ) {
        escrow = escrow_;
        usd = usd_;
        hooked = hooked_;
        source = source_;
        admin = admin_;
        arbiter = arbiter_;
        ghostPlatformFeeBps = escrow_.platformFeeBps();
        ghostFeeRecipient = treasury;

        string[3] memory names = ["alice", "bob", "carol"];
        for (uint256 i; i < names.length; ++i) {
            (address actor, uint256 key) = makeAddrAndKey(names[i]);
            _actors.push(actor);
            _keyOf[actor] = key;
        }
        hooky = new ReentrantHookAccount();
        vm.prank(address(hooky));
        hooked_.registerHooks(true);
        _actors.push(address(hooky));

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
        _tokens.push(address(hooked_));
    }

    // ───────────────────────────── views for the invariants ─────────────────────────────

    function ids() external view returns (uint256[] memory) {
        return _ids;
    }

    function accounts() external view returns (address[] memory) {
        return _accounts;
    }

    function actors() external view returns (address[] memory) {
        return _actors;
    }

    function tokens() external view returns (address[] memory) {
        return _tokens;
    }

    function job(uint256 id) external view returns (Job memory) {
        return _jobs[id];
    }

    function step(uint256 id, uint256 index) external view returns (Step memory) {
        return _steps[id][index];
    }

    function stats(address freelancer) external view returns (IMilestoneEscrow.FreelancerStats memory) {
        return _stats[freelancer];
    }

    // ───────────────────────────── actions ─────────────────────────────

    function createEscrow(uint256 clientSeed, uint256 freelancerSeed, uint256 tokenSeed, uint256 count, uint256 seed)
        external
    {
        address client = _actors[clientSeed % _actors.length];
        address freelancer = _actors[freelancerSeed % _actors.length];
        if (freelancer == client) freelancer = _actors[(freelancerSeed % _actors.length + 1) % _actors.length];
        address token = _tokens[tokenSeed % _tokens.length];
        count = _bound(count, 1, MAX_MILESTONES);
        IMilestoneEscrow.MilestoneTerms[] memory terms = new IMilestoneEscrow.MilestoneTerms[](count);
        for (uint256 i; i < count; ++i) {
            uint256 r = uint256(keccak256(abi.encode(seed, i)));
            terms[i].amount = _bound(r, 1, MAX_AMOUNT);
            terms[i].dueDate = uint48(block.timestamp + _bound(r >> 128, 1, 60 days));
        }
        uint32 review = uint32(_bound(seed >> 8, 1 hours, 30 days));
        uint32 grace = uint32(_bound(seed >> 40, 1 hours, 90 days));

        if (ghostPaused) {
            vm.expectRevert(Pausable.EnforcedPause.selector);
            vm.prank(client);
            escrow.createEscrow(freelancer, token, terms, review, grace);
            ++calls["createEscrow (paused)"];
            return;
        }
        vm.prank(client);
        uint256 id = escrow.createEscrow(freelancer, token, terms, review, grace);
        assertEq(id, _ids.length + 1, "ids are sequential");
        _ids.push(id);
        _record(id, client, freelancer, token, terms, review, grace);
        ++calls["createEscrow"];
    }

    function fundEscrow(uint256 idSeed) external {
        (uint256 id, bool found) = _findEscrow(idSeed, IMilestoneEscrow.EscrowStatus.Created);
        if (!found) return;
        Job storage j = _jobs[id];
        uint256 value;
        if (j.token == NATIVE) {
            value = j.total;
            vm.deal(j.client, j.client.balance + value);
        } else {
            DemoStablecoin(j.token).mint(j.client, j.total); // HookedToken has the same mint
            vm.prank(j.client);
            IERC20(j.token).approve(address(escrow), j.total);
        }
        if (ghostPaused) {
            vm.expectRevert(Pausable.EnforcedPause.selector);
            vm.prank(j.client);
            escrow.fundEscrow{value: value}(id);
            ++calls["fundEscrow (paused)"];
            return;
        }
        _arm();
        vm.prank(j.client);
        escrow.fundEscrow{value: value}(id);
        _checkReentryRefused();
        j.status = IMilestoneEscrow.EscrowStatus.Funded;
        ghostHeld[j.token] += j.total;
        ghostDeposited[j.token] += j.total;
        ++calls["fundEscrow"];
    }

    function submitMilestone(uint256 idSeed, uint256 indexSeed, bytes32 deliverable) external {
        (uint256 id, uint256 index, bool found) = _find(idSeed, indexSeed, IMilestoneEscrow.MilestoneStatus.Pending);
        if (!found) return;
        _submit(id, index, deliverable);
        ++calls["submitMilestone"];
    }

    function approveMilestone(uint256 idSeed, uint256 indexSeed) external {
        (uint256 id, uint256 index, bool found) = _find(idSeed, indexSeed, IMilestoneEscrow.MilestoneStatus.Submitted);
        if (!found) {
            // Nothing to review yet: have the freelancer deliver one first, so releases are common.
            (id, index, found) = _find(idSeed, indexSeed, IMilestoneEscrow.MilestoneStatus.Pending);
            if (!found) return;
            _submit(id, index, bytes32(indexSeed));
        }
        vm.prank(_jobs[id].client);
        escrow.approveMilestone(id, index);
        _settle(id, index, 10_000, IMilestoneEscrow.MilestoneStatus.Released);
        ++calls["approveMilestone"];
    }

    function claimMilestone(uint256 idSeed, uint256 indexSeed, bool early) external {
        (uint256 id, uint256 index, bool found) = _find(idSeed, indexSeed, IMilestoneEscrow.MilestoneStatus.Submitted);
        if (!found) return;
        uint256 claimableAt = _steps[id][index].submittedAt + _jobs[id].review;
        if (block.timestamp < claimableAt && early) {
            vm.expectRevert(
                abi.encodeWithSelector(IMilestoneEscrow.ReviewPeriodNotOver.selector, id, index, claimableAt)
            );
            vm.prank(_jobs[id].freelancer);
            escrow.claimMilestone(id, index);
            ++calls["claimMilestone (early)"];
            return;
        }
        if (block.timestamp < claimableAt) vm.warp(claimableAt); // exactly at the boundary
        vm.prank(_jobs[id].freelancer);
        escrow.claimMilestone(id, index);
        _settle(id, index, 10_000, IMilestoneEscrow.MilestoneStatus.Released);
        ++calls["claimMilestone"];
    }

    function reclaimMilestone(uint256 idSeed, uint256 indexSeed, bool early) external {
        (uint256 id, uint256 index, bool found) = _find(idSeed, indexSeed, IMilestoneEscrow.MilestoneStatus.Pending);
        if (!found) return;
        uint256 reclaimableAt = _steps[id][index].due + _jobs[id].grace;
        if (block.timestamp < reclaimableAt && early) {
            vm.expectRevert(
                abi.encodeWithSelector(IMilestoneEscrow.GracePeriodNotOver.selector, id, index, reclaimableAt)
            );
            vm.prank(_jobs[id].client);
            escrow.reclaimMilestone(id, index);
            ++calls["reclaimMilestone (early)"];
            return;
        }
        if (block.timestamp < reclaimableAt) vm.warp(reclaimableAt); // exactly at the boundary
        vm.prank(_jobs[id].client);
        escrow.reclaimMilestone(id, index);
        _jobs[id].reclaimed = true;
        ++_stats[_jobs[id].freelancer].milestonesReclaimed;
        _settle(id, index, 0, IMilestoneEscrow.MilestoneStatus.Refunded);
        ++calls["reclaimMilestone"];
    }

    function openDispute(uint256 idSeed, uint256 indexSeed, bool byFreelancer) external {
        (uint256 id, uint256 index, bool found) = _find(idSeed, indexSeed, IMilestoneEscrow.MilestoneStatus.Pending);
        if (!found || byFreelancer) {
            (id, index, found) = _find(idSeed, indexSeed, IMilestoneEscrow.MilestoneStatus.Submitted);
            if (!found) return;
        }
        Job storage j = _jobs[id];
        vm.prank(byFreelancer ? j.freelancer : j.client);
        escrow.openDispute(id, index, bytes32(idSeed));
        _steps[id][index].status = IMilestoneEscrow.MilestoneStatus.Disputed;
        ++_stats[j.freelancer].disputesOpened;
        ++calls["openDispute"];
    }

    function resolveDispute(uint256 idSeed, uint256 indexSeed, uint16 bps) external {
        (uint256 id, uint256 index, bool found) = _find(idSeed, indexSeed, IMilestoneEscrow.MilestoneStatus.Disputed);
        if (!found) return;
        bps = uint16(_bound(bps, 0, 10_000));
        vm.prank(arbiter);
        escrow.resolveDispute(id, index, bps);
        if (bps < 5_000) ++_stats[_jobs[id].freelancer].disputesLost;
        _settle(id, index, bps, IMilestoneEscrow.MilestoneStatus.Resolved);
        ++calls["resolveDispute"];
    }

    function settleMilestone(uint256 idSeed, uint256 indexSeed, uint16 bps, uint8 statusSeed, bool byFreelancer)
        external
    {
        // Pending, Submitted or Disputed: every status a settlement accepts.
        IMilestoneEscrow.MilestoneStatus[3] memory settleable = [
            IMilestoneEscrow.MilestoneStatus.Pending,
            IMilestoneEscrow.MilestoneStatus.Submitted,
            IMilestoneEscrow.MilestoneStatus.Disputed
        ];
        (uint256 id, uint256 index, bool found) = _find(idSeed, indexSeed, settleable[statusSeed % 3]);
        if (!found) return;
        Job storage j = _jobs[id];
        (address caller, address signer) = byFreelancer ? (j.freelancer, j.client) : (j.client, j.freelancer);
        if (_keyOf[signer] == 0) return; // the hooked contract party cannot sign
        bps = uint16(_bound(bps, 0, 10_000));
        uint256 deadline = block.timestamp + (idSeed % 2) * 1 days; // sometimes exactly now
        bytes memory signature = _signOffer(signer, id, index, bps, deadline);
        vm.prank(caller);
        escrow.settleMilestone(id, index, bps, deadline, signature);
        ++ghostNonce[signer];
        _settle(id, index, bps, IMilestoneEscrow.MilestoneStatus.Resolved);
        ++calls["settleMilestone"];
    }

    function revokeSettlementOffers(uint256 actorSeed) external {
        address actor = _actors[actorSeed % _actors.length];
        vm.prank(actor);
        escrow.revokeSettlementOffers();
        ++ghostNonce[actor];
        ++calls["revokeSettlementOffers"];
    }

    function rateJob(uint256 idSeed, uint8 rating) external {
        (uint256 id, bool found) = _findEscrow(idSeed, IMilestoneEscrow.EscrowStatus.Completed);
        if (!found) (id, found) = _findEscrow(idSeed, IMilestoneEscrow.EscrowStatus.Closed);
        if (!found) return;
        Job storage j = _jobs[id];
        rating = uint8(_bound(rating, 1, 5));
        vm.prank(j.client);
        if (j.rated) {
            vm.expectRevert(abi.encodeWithSelector(IMilestoneEscrow.AlreadyRated.selector, id));
            escrow.rateJob(id, rating);
            ++calls["rateJob (again)"];
            return;
        }
        escrow.rateJob(id, rating);
        j.rated = true;
        ++_stats[j.freelancer].ratingCount;
        _stats[j.freelancer].ratingSum += rating;
        ++calls["rateJob"];
    }

    function cancelEscrow(uint256 idSeed, bool byFreelancer) external {
        // Cancel one time in four, so that most escrows live on to be funded and settled.
        if (idSeed % 4 != 0) return;
        (uint256 id, bool found) = _findEscrow(idSeed / 4, IMilestoneEscrow.EscrowStatus.Created);
        if (!found) return;
        vm.prank(byFreelancer ? _jobs[id].freelancer : _jobs[id].client);
        escrow.cancelEscrow(id);
        _jobs[id].status = IMilestoneEscrow.EscrowStatus.Cancelled;
        ++calls["cancelEscrow"];
    }

    function withdraw(uint256 accountSeed, uint256 tokenSeed) external {
        address token = _tokens[tokenSeed % _tokens.length];
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
        if (account == address(hooky) && token == NATIVE) {
            // The hooked contract cannot take native coin: its credit must survive the failure.
            vm.expectRevert(abi.encodeWithSelector(IMilestoneEscrow.NativeTransferFailed.selector, account, credit));
            vm.prank(account);
            escrow.withdraw(token);
            ++calls["withdraw (rejected)"];
            return;
        }
        uint256 before = _balanceOf(token, account);
        _arm();
        vm.prank(account);
        uint256 sent = escrow.withdraw(token);
        _checkReentryRefused();
        assertEq(sent, credit, "withdraw sends the whole credit");
        assertEq(_balanceOf(token, account) - before, credit, "the account receives the whole credit");
        ghostCredits[token][account] = 0;
        ghostHeld[token] -= credit;
        ghostWithdrawn[token] += credit;
        ghostWithdrawnBy[token][account] += credit;
        ++calls["withdraw"];
    }

    /// @notice Someone who is not the right party tries to move a funded escrow's money, or the
    /// rightful party tries to settle an already settled milestone again: both must be refused.
    function intrude(uint256 idSeed, uint256 indexSeed, uint256 actionSeed, uint256 strangerSeed) external {
        (uint256 id, bool found) = _findEscrow(idSeed, IMilestoneEscrow.EscrowStatus.Funded);
        if (!found) return;
        Job storage j = _jobs[id];
        uint256 index = indexSeed % j.count;
        address stranger = _actors[strangerSeed % _actors.length];
        if (stranger == j.client || stranger == j.freelancer) stranger = makeAddr("mallory");
        uint256 action = actionSeed % 6;
        IMilestoneEscrow.MilestoneStatus status = _steps[id][index].status;
        bool isFinal = status == IMilestoneEscrow.MilestoneStatus.Released
            || status == IMilestoneEscrow.MilestoneStatus.Refunded || status == IMilestoneEscrow.MilestoneStatus.Resolved;

        if (isFinal && action < 3) {
            // Replay by the rightful party: a settled milestone never pays again.
            vm.expectRevert(abi.encodeWithSelector(IMilestoneEscrow.InvalidMilestoneStatus.selector, id, index, status));
            if (action == 0) {
                vm.prank(j.client);
                escrow.approveMilestone(id, index);
            } else if (action == 1) {
                vm.prank(j.freelancer);
                escrow.claimMilestone(id, index);
            } else {
                vm.prank(j.client);
                escrow.reclaimMilestone(id, index);
            }
            ++calls["intrude (replay)"];
            return;
        }
        vm.expectRevert(abi.encodeWithSelector(IMilestoneEscrow.NotEscrowParty.selector, id, stranger));
        vm.prank(stranger);
        if (action == 0) escrow.approveMilestone(id, index);
        else if (action == 1) escrow.claimMilestone(id, index);
        else if (action == 2) escrow.reclaimMilestone(id, index);
        else if (action == 3) escrow.submitMilestone(id, index, bytes32(0));
        else if (action == 4) escrow.openDispute(id, index, bytes32(0));
        else escrow.settleMilestone(id, index, 10_000, block.timestamp, new bytes(65));
        ++calls["intrude (stranger)"];
    }

    function setPlatformFee(uint256 bps) external {
        uint16 newBps = uint16(_bound(bps, 0, escrow.MAX_FEE_BPS()));
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

    function setDiscount(uint256 actorSeed, uint16 bps) external {
        address actor = _actors[actorSeed % _actors.length];
        source.setDiscount(actor, bps);
        _discount[actor] = bps;
        ++calls["setDiscount"];
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

    function warp(uint256 seconds_) external {
        skip(_bound(seconds_, 0, 20 days));
        ++calls["warp"];
    }

    // ───────────────────────────── model ─────────────────────────────

    function _record(
        uint256 id,
        address client,
        address freelancer,
        address token,
        IMilestoneEscrow.MilestoneTerms[] memory terms,
        uint32 review,
        uint32 grace
    ) internal {
        Job storage j = _jobs[id];
        j.client = client;
        j.freelancer = freelancer;
        j.token = token;
        uint256 discount = _discount[freelancer] > 10_000 ? 10_000 : _discount[freelancer];
        // Independent model of the discounted fee: rounded up.
        j.feeBps = uint16((uint256(ghostPlatformFeeBps) * (10_000 - discount) + 9_999) / 10_000);
        j.status = IMilestoneEscrow.EscrowStatus.Created;
        j.count = uint32(terms.length);
        j.review = review;
        j.grace = grace;
        for (uint256 i; i < terms.length; ++i) {
            _steps[id][i].amount = terms[i].amount;
            _steps[id][i].due = terms[i].dueDate;
            j.total += terms[i].amount;
        }
    }

    function _submit(uint256 id, uint256 index, bytes32 deliverable) internal {
        vm.prank(_jobs[id].freelancer);
        escrow.submitMilestone(id, index, deliverable);
        Step storage s = _steps[id][index];
        s.status = IMilestoneEscrow.MilestoneStatus.Submitted;
        s.submittedAt = block.timestamp;
        IMilestoneEscrow.FreelancerStats storage st = _stats[_jobs[id].freelancer];
        ++st.milestonesDelivered;
        if (block.timestamp <= s.due) ++st.milestonesOnTime;
    }

    /// @dev Model of a settlement: `bps` of the amount to the freelancer side (fee rounded up),
    /// the rest to the client; the escrow ends when its last milestone settles.
    function _settle(uint256 id, uint256 index, uint256 bps, IMilestoneEscrow.MilestoneStatus final_) internal {
        Job storage j = _jobs[id];
        Step storage s = _steps[id][index];
        uint256 gross = s.amount * bps / 10_000;
        uint256 fee = (gross * j.feeBps + 9_999) / 10_000;
        uint256 payout = gross - fee;
        s.status = final_;
        ++s.pays;
        j.released += gross;
        j.refunded += s.amount - gross;
        _credit(j.token, j.freelancer, payout);
        _credit(j.token, ghostFeeRecipient, fee);
        _credit(j.token, j.client, s.amount - gross);
        ghostEarned[j.freelancer][j.token] += payout;
        if (++j.settled == j.count) {
            j.status = j.reclaimed ? IMilestoneEscrow.EscrowStatus.Closed : IMilestoneEscrow.EscrowStatus.Completed;
            if (!j.reclaimed) ++_stats[j.freelancer].completedJobs;
        }
    }

    function _signOffer(address signer, uint256 id, uint256 index, uint16 bps, uint256 deadline)
        internal
        view
        returns (bytes memory)
    {
        bytes32 digest = escrow.settlementDigest(id, index, bps, ghostNonce[signer], deadline);
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(_keyOf[signer], digest);
        return abi.encodePacked(r, s, v);
    }

    function _credit(address token, address account, uint256 amount) internal {
        ghostCredits[token][account] += amount;
        ghostCreditedTo[token][account] += amount;
    }

    // ───────────────────────────── re-entry ─────────────────────────────

    /// @dev Arm the hooked party to re-enter the escrow (withdraw its hooked credit) on its next
    /// token hook; every guarded entry point must refuse.
    function _arm() internal {
        hooky.arm(address(escrow), abi.encodeCall(escrow.withdraw, (address(hooked))), false);
    }

    /// @dev If a hook fired, its re-entry was refused by the guard; then disarm.
    function _checkReentryRefused() internal {
        if (hooky.reentryCalldata().length == 0 && hooky.reentryAttempts() != 0) {
            assertFalse(hooky.lastReentrySucceeded(), "re-entry refused");
            assertEq(
                hooky.lastReentryReturnData(),
                abi.encodeWithSelector(ReentrancyGuardTransient.ReentrancyGuardReentrantCall.selector),
                "by the guard"
            );
            ++calls["re-entry refused"];
        }
        hooky.arm(address(0), "", false);
    }

    // ───────────────────────────── internal ─────────────────────────────

    function _balanceOf(address token, address account) internal view returns (uint256) {
        return token == NATIVE ? account.balance : IERC20(token).balanceOf(account);
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
            if (_jobs[id].status == status) return (id, true);
        }
    }

    /// @dev The first milestone in `status` of a funded escrow, scanning from random starts.
    function _find(uint256 idSeed, uint256 indexSeed, IMilestoneEscrow.MilestoneStatus status)
        internal
        view
        returns (uint256 id, uint256 index, bool found)
    {
        uint256 n = _ids.length;
        for (uint256 k; k < n; ++k) {
            id = _ids[(idSeed % n + k) % n];
            if (_jobs[id].status != IMilestoneEscrow.EscrowStatus.Funded) continue;
            uint256 count = _jobs[id].count;
            for (uint256 m; m < count; ++m) {
                index = (indexSeed % count + m) % count;
                if (_steps[id][index].status == status) return (id, index, true);
            }
        }
    }
}

/**
 * @notice Invariants of {MilestoneEscrow} under random action sequences by several actors, checked
 * for the ERC-20, the native coin and the hooked token after every call.
 */
contract MilestoneEscrowInvariantTest is Test {
    address internal constant NATIVE = address(0);

    MilestoneEscrow internal escrow;
    EscrowHandler internal handler;

    function setUp() public {
        address admin = makeAddr("admin");
        address treasury = makeAddr("treasury");
        address arbiter = makeAddr("arbiter");
        DemoStablecoin usd = new DemoStablecoin("Demo USD", "dUSD");
        HookedToken hooked = new HookedToken();
        FeeDiscountSourceMock source = new FeeDiscountSourceMock();
        address[] memory allowed = new address[](3);
        allowed[0] = address(usd);
        allowed[1] = NATIVE;
        allowed[2] = address(hooked);
        escrow = new MilestoneEscrow(admin, treasury, 1_000, allowed);
        vm.startPrank(admin);
        escrow.grantRole(escrow.ARBITER_ROLE(), arbiter);
        escrow.setFeeDiscountSource(address(source));
        vm.stopPrank();
        handler = new EscrowHandler(escrow, usd, hooked, source, admin, arbiter, treasury);

        bytes4[] memory selectors = new bytes4[](19);
        selectors[0] = EscrowHandler.createEscrow.selector;
        selectors[1] = EscrowHandler.fundEscrow.selector;
        selectors[2] = EscrowHandler.submitMilestone.selector;
        selectors[3] = EscrowHandler.approveMilestone.selector;
        selectors[4] = EscrowHandler.claimMilestone.selector;
        selectors[5] = EscrowHandler.reclaimMilestone.selector;
        selectors[6] = EscrowHandler.openDispute.selector;
        selectors[7] = EscrowHandler.resolveDispute.selector;
        selectors[8] = EscrowHandler.settleMilestone.selector;
        selectors[9] = EscrowHandler.revokeSettlementOffers.selector;
        selectors[10] = EscrowHandler.rateJob.selector;
        selectors[11] = EscrowHandler.cancelEscrow.selector;
        selectors[12] = EscrowHandler.withdraw.selector;
        selectors[13] = EscrowHandler.intrude.selector;
        selectors[14] = EscrowHandler.setPlatformFee.selector;
        selectors[15] = EscrowHandler.setFeeRecipient.selector;
        selectors[16] = EscrowHandler.setDiscount.selector;
        selectors[17] = EscrowHandler.togglePause.selector;
        selectors[18] = EscrowHandler.warp.selector;
        targetSelector(FuzzSelector({addr: address(handler), selectors: selectors}));
        targetContract(address(handler));
    }

    function _balance(address token) internal view returns (uint256) {
        return token == NATIVE ? address(escrow).balance : IERC20(token).balanceOf(address(escrow));
    }

    /**
     * @notice Conservation law, per token: the escrow's balance is exactly what it owes — the
     * funded, unsettled milestone amounts plus the credits not yet withdrawn — which is also what
     * came in minus what went out.
     * hardhat-config: invariant.runs = 48
     * hardhat-config: invariant.depth = 80
     * hardhat-config: invariant.failOnRevert = true
     */
    function invariant_balanceEqualsHeldBalance() public view {
        address[] memory tokens = handler.tokens();
        address[] memory accounts = handler.accounts();
        uint256[] memory ids = handler.ids();
        for (uint256 t; t < tokens.length; ++t) {
            address token = tokens[t];
            uint256 held = escrow.heldBalance(token);
            assertEq(_balance(token), held, "balance == heldBalance");
            assertEq(held, handler.ghostHeld(token), "heldBalance matches the model");
            assertEq(handler.ghostDeposited(token) - handler.ghostWithdrawn(token), held, "in - out == held");

            uint256 expected;
            for (uint256 i; i < ids.length; ++i) {
                EscrowHandler.Job memory j = handler.job(ids[i]);
                if (j.token != token || j.status != IMilestoneEscrow.EscrowStatus.Funded) continue;
                expected += j.total - j.released - j.refunded; // unsettled
            }
            for (uint256 a; a < accounts.length; ++a) {
                uint256 credit = escrow.credits(token, accounts[a]);
                assertEq(credit, handler.ghostCredits(token, accounts[a]), "credit matches the model");
                // Nobody takes out more than was credited to it.
                assertEq(
                    handler.ghostWithdrawnBy(token, accounts[a]) + credit,
                    handler.ghostCreditedTo(token, accounts[a]),
                    "withdrawn + credit == credited"
                );
                expected += credit;
            }
            assertEq(held, expected, "held == unsettled + credits");
        }
    }

    /**
     * @notice Every escrow and milestone matches the model: status, settled count, amounts split
     * exactly (released + refunded + unsettled == total), each milestone paid at most once; and
     * every freelancer's stats and earnings match.
     * hardhat-config: invariant.runs = 48
     * hardhat-config: invariant.depth = 80
     * hardhat-config: invariant.failOnRevert = true
     */
    function invariant_escrowsMatchTheModel() public view {
        uint256[] memory ids = handler.ids();
        assertEq(escrow.escrowCount(), ids.length, "count");
        for (uint256 i; i < ids.length; ++i) {
            uint256 id = ids[i];
            EscrowHandler.Job memory j = handler.job(id);
            IMilestoneEscrow.Escrow memory e = escrow.getEscrow(id);
            assertEq(uint8(e.status), uint8(j.status), "status");
            assertEq(e.feeBps, j.feeBps, "fee fixed at creation");
            assertEq(e.settledCount, j.settled, "settledCount");
            assertEq(e.released, j.released, "released");
            assertEq(e.refunded, j.refunded, "refunded");
            assertEq(e.reclaimed, j.reclaimed, "reclaimed");
            assertEq(e.rated, j.rated, "rated");
            assertLe(e.released + e.refunded, e.total, "never more than the total");
            uint256 unsettled;
            for (uint256 m; m < j.count; ++m) {
                EscrowHandler.Step memory s = handler.step(id, m);
                IMilestoneEscrow.Milestone memory onChain = escrow.getMilestone(id, m);
                assertEq(uint8(onChain.status), uint8(s.status), "milestone status");
                assertEq(onChain.submittedAt, s.submittedAt, "submittedAt");
                assertLe(s.pays, 1, "a milestone pays at most once");
                if (s.pays == 0) unsettled += s.amount;
            }
            assertEq(e.released + e.refunded + unsettled, e.total, "released + refunded + unsettled == total");
            bool ended = e.status == IMilestoneEscrow.EscrowStatus.Completed || e.status == IMilestoneEscrow.EscrowStatus.Closed;
            assertEq(ended, e.settledCount == e.milestoneCount, "ended exactly when all settled");
        }

        address[] memory actors = handler.actors();
        address[] memory tokens = handler.tokens();
        for (uint256 a; a < actors.length; ++a) {
            IMilestoneEscrow.FreelancerStats memory s = escrow.freelancerStats(actors[a]);
            assertEq(keccak256(abi.encode(s)), keccak256(abi.encode(handler.stats(actors[a]))), "stats");
            assertEq(escrow.nonces(actors[a]), handler.ghostNonce(actors[a]), "nonce");
            for (uint256 t; t < tokens.length; ++t) {
                assertEq(escrow.earned(actors[a], tokens[t]), handler.ghostEarned(actors[a], tokens[t]), "earned");
            }
        }
    }

    /// @dev Guards the campaign against a vacuous handler: a few hundred pseudo-random actions
    /// reach every kind of action, including the refused ones and the refused re-entries.
    function test_handler_reachesEveryAction() public {
        for (uint256 i; i < 600; ++i) {
            uint256 r = uint256(keccak256(abi.encode(i)));
            uint256 pick = r % 16;
            if (pick == 0 || pick == 1) handler.createEscrow(r >> 8, r >> 16, r >> 24, r >> 32, r >> 40);
            else if (pick == 2 || pick == 3) handler.fundEscrow(r >> 8);
            else if (pick == 4) handler.submitMilestone(r >> 8, r >> 16, bytes32(r));
            else if (pick == 5) handler.approveMilestone(r >> 8, r >> 16);
            else if (pick == 6) handler.claimMilestone(r >> 8, r >> 16, (r >> 24) % 2 == 0);
            else if (pick == 7) handler.reclaimMilestone(r >> 8, r >> 16, (r >> 24) % 2 == 0);
            else if (pick == 8) handler.openDispute(r >> 8, r >> 16, (r >> 24) % 2 == 0);
            else if (pick == 9) handler.resolveDispute(r >> 8, r >> 16, uint16(r >> 24));
            else if (pick == 10) handler.settleMilestone(r >> 8, r >> 16, uint16(r >> 24), uint8(r >> 40), (r >> 48) % 2 == 0);
            else if (pick == 11) handler.rateJob(r >> 8, uint8(r >> 16));
            else if (pick == 12) handler.withdraw(r >> 8, r >> 16);
            else if (pick == 13) handler.intrude(r >> 8, r >> 16, r >> 24, r >> 32);
            else if (pick == 14) handler.setDiscount(r >> 8, uint16(r >> 16));
            else handler.warp(r >> 8);
        }
        string[14] memory reached = [
            "createEscrow", "fundEscrow", "submitMilestone", "approveMilestone", "claimMilestone",
            "claimMilestone (early)", "reclaimMilestone", "reclaimMilestone (early)", "openDispute",
            "resolveDispute", "settleMilestone", "withdraw", "intrude (replay)", "intrude (stranger)"
        ];
        for (uint256 k; k < reached.length; ++k) {
            assertGt(handler.calls(bytes32(bytes(reached[k]))), 0, reached[k]);
        }
        assertGt(handler.calls("rateJob"), 0, "rateJob");
        assertGt(handler.calls("re-entry refused"), 0, "re-entry refused");
        invariant_balanceEqualsHeldBalance();
        invariant_escrowsMatchTheModel();
    }
}
