// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {Test, Vm} from "forge-std/Test.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {FeeSplitter} from "../../../contracts/dao/FeeSplitter.sol";
import {MilestoneEscrow} from "../../../contracts/escrow/MilestoneEscrow.sol";
import {IFeeSplitter} from "../../../contracts/interfaces/IFeeSplitter.sol";
import {IMilestoneEscrow} from "../../../contracts/interfaces/IMilestoneEscrow.sol";
import {DemoStablecoin} from "../../../contracts/test-doubles/DemoStablecoin.sol";
import {FeeOnTransferToken} from "../../../contracts/test-doubles/FeeOnTransferToken.sol";
import {HookedToken} from "../../../contracts/test-doubles/HookedToken.sol";
import {NoReturnToken} from "../../../contracts/test-doubles/NoReturnToken.sol";
import {ReentrantHookAccount} from "../../../contracts/test-doubles/ReentrantHookAccount.sol";

/**
 * @notice Drives {FeeSplitter} with random incomes (direct transfers, fee-on-transfer transfers,
 * native coin, fees collected from a real {MilestoneEscrow}), splits, releases to current and former
 * payees (one of them an ERC-777 holder that re-enters the splitter on every receipt), share and payee
 * changes, and keeps an independent model of every credit.
 * @dev Each action either makes a call the model says must succeed or asserts the exact revert it
 * predicts (releasing nothing), so the campaign runs with `failOnRevert`.
 */
contract FeeSplitterHandler is Test {
    using SafeERC20 for IERC20;

    address internal constant NATIVE = address(0);
    uint256 internal constant MAX_INCOME = 1e30;

    FeeSplitter public immutable splitter;
    MilestoneEscrow public immutable escrow;
    DemoStablecoin public immutable usd;
    FeeOnTransferToken public immutable fot;
    NoReturnToken public immutable nr;
    HookedToken public immutable hooked;
    ReentrantHookAccount public immutable hooky;
    address public immutable admin;

    address[] internal _tokens;
    address[] internal _payeePool;

    mapping(address token => uint256) public ghostIncome; // sum of FeesSplit.income
    mapping(address token => uint256) public ghostReleased; // sum of FeesReleased.amount
    mapping(address token => uint256) public ghostArrived; // what reached the splitter's balance
    mapping(address payee => mapping(address token => uint256)) public ghostOwed;
    uint16 public ghostShare;
    address public ghostTreasury;
    address public ghostOperations;

    /// @notice How often each action ran (for debugging a campaign).
    mapping(bytes32 action => uint256) public calls;

    constructor(FeeSplitter splitter_, MilestoneEscrow escrow_, DemoStablecoin usd_, address admin_) {
        splitter = splitter_;
        escrow = escrow_;
        usd = usd_;
        admin = admin_;
        fot = new FeeOnTransferToken(250);
        nr = new NoReturnToken();
        hooked = new HookedToken();
        hooky = new ReentrantHookAccount();
        hooky.execute(address(hooked), abi.encodeCall(HookedToken.registerHooks, (true)));
        _tokens = [address(usd_), NATIVE, address(fot), address(nr), address(hooked)];
        ghostTreasury = splitter_.treasury();
        ghostOperations = splitter_.operations();
        ghostShare = splitter_.daoShareBps();
        _payeePool = [ghostTreasury, ghostOperations, address(hooky), makeAddr("payeeA"), makeAddr("payeeB")];
    }

    function tokens() external view returns (address[] memory) {
        return _tokens;
    }

    function payees() external view returns (address[] memory) {
        return _payeePool;
    }

    function balanceOf(address token) public view returns (uint256) {
        return token == NATIVE ? address(splitter).balance : IERC20(token).balanceOf(address(splitter));
    }

    // ───────────────────────────── actions ─────────────────────────────

    /// @notice Income arrives without a split (a transfer, a fee-on-transfer transfer, native coin).
    function income(uint256 tokenSeed, uint256 amount) external {
        address token = _tokens[tokenSeed % _tokens.length];
        amount = _bound(amount, 1, MAX_INCOME);
        uint256 before = balanceOf(token);
        if (token == NATIVE) {
            vm.deal(address(this), amount);
            (bool ok,) = payable(address(splitter)).call{value: amount}("");
            assertTrue(ok);
        } else if (token == address(fot)) {
            fot.mint(address(this), amount);
            IERC20(address(fot)).safeTransfer(address(splitter), amount); // the token burns its cut
        } else if (token == address(nr)) {
            nr.mint(address(splitter), amount);
        } else {
            DemoStablecoin(token).mint(address(splitter), amount); // same mint(address,uint256) on HookedToken
        }
        ghostArrived[token] += balanceOf(token) - before;
        ++calls["income"];
    }

    /// @notice A job completes in the escrow (10% fee credited to the splitter), then someone collects.
    function collect(uint256 tokenSeed, uint256 amount) external {
        address token = tokenSeed % 2 == 0 ? address(usd) : NATIVE;
        amount = _bound(amount, 1, type(uint128).max);
        address client = makeAddr("client");
        address freelancer = makeAddr("freelancer");
        IMilestoneEscrow.MilestoneTerms[] memory terms = new IMilestoneEscrow.MilestoneTerms[](1);
        terms[0] = IMilestoneEscrow.MilestoneTerms({amount: amount, dueDate: uint48(block.timestamp + 10 days)});
        vm.prank(client);
        uint256 id = escrow.createEscrow(freelancer, token, terms, 3 days, 7 days);
        if (token == NATIVE) {
            vm.deal(client, amount);
            vm.prank(client);
            escrow.fundEscrow{value: amount}(id);
        } else {
            usd.mint(client, amount);
            vm.prank(client);
            usd.approve(address(escrow), amount);
            vm.prank(client);
            escrow.fundEscrow(id);
        }
        vm.prank(freelancer);
        escrow.submitMilestone(id, 0, bytes32(0));
        vm.prank(client);
        escrow.approveMilestone(id, 0);

        uint256 fee = escrow.credits(token, address(splitter));
        uint256 pending = balanceOf(token) - splitter.totalOwed(token);
        vm.recordLogs();
        uint256 split = splitter.collect(address(escrow), token);
        assertEq(split, fee + pending, "collect splits the fee and any unsplit income");
        ghostArrived[token] += fee;
        _checkSplit(token, split);
        ++calls["collect"];
    }

    function distribute(uint256 tokenSeed) external {
        address token = _tokens[tokenSeed % _tokens.length];
        uint256 expected = balanceOf(token) - splitter.totalOwed(token);
        vm.recordLogs();
        uint256 split = splitter.distribute(token);
        assertEq(split, expected, "income == balance - totalOwed");
        _checkSplit(token, split);
        ++calls["distribute"];
    }

    /// @notice Anyone releases a payee's credit; the ERC-777 payee tries to re-enter on receipt.
    function release(uint256 tokenSeed, uint256 payeeSeed, uint256 reentrySeed) external {
        address token = _tokens[tokenSeed % _tokens.length];
        address payee = _payeePool[payeeSeed % _payeePool.length];
        uint256 credit = ghostOwed[payee][token];
        if (credit == 0) {
            vm.expectRevert(abi.encodeWithSelector(IFeeSplitter.NothingOwed.selector, token, payee));
            splitter.release(token, payee);
            ++calls["release (nothing owed)"];
            return;
        }
        if (payee == address(hooky) && token == NATIVE) {
            // The ERC-777 holder has no receive(): the release reverts and its credit stays.
            vm.expectRevert(abi.encodeWithSelector(IFeeSplitter.NativeTransferFailed.selector, payee, credit));
            splitter.release(token, payee);
            ++calls["release (native refused)"];
            return;
        }
        if (payee == address(hooky) && token == address(hooked)) {
            bytes memory reentry = reentrySeed % 3 == 0
                ? abi.encodeCall(IFeeSplitter.release, (token, payee))
                : reentrySeed % 3 == 1
                    ? abi.encodeCall(IFeeSplitter.distribute, (token))
                    : abi.encodeCall(IFeeSplitter.collect, (address(escrow), address(usd)));
            hooky.arm(address(splitter), reentry, false);
        }
        uint256 before = balanceOf(token);
        uint256 attempts = hooky.reentryAttempts();
        assertEq(splitter.release(token, payee), credit, "releases the whole credit");
        assertEq(before - balanceOf(token), credit, "the splitter sends exactly the credit");
        if (hooky.reentryAttempts() > attempts) {
            assertFalse(hooky.lastReentrySucceeded(), "re-entry refused");
            ++calls["re-entry refused"];
        }
        ghostOwed[payee][token] = 0;
        ghostReleased[token] += credit;
        ++calls["release"];
    }

    function setDaoShare(uint256 bps) external {
        bps = _bound(bps, 0, 10_000);
        vm.prank(admin);
        splitter.setDaoShare(uint16(bps));
        ghostShare = uint16(bps);
        ++calls["setDaoShare"];
    }

    function setPayees(uint256 treasurySeed, uint256 operationsSeed) external {
        address t = _payeePool[treasurySeed % _payeePool.length];
        address o = _payeePool[operationsSeed % _payeePool.length];
        vm.prank(admin);
        splitter.setPayees(t, o);
        ghostTreasury = t;
        ghostOperations = o;
        ++calls["setPayees"];
    }

    /// @dev Checks the split's event against the model and credits the model's payees.
    function _checkSplit(address token, uint256 split) internal {
        Vm.Log[] memory logs = vm.getRecordedLogs();
        uint256 found;
        for (uint256 i; i < logs.length; ++i) {
            if (logs[i].emitter != address(splitter) || logs[i].topics[0] != IFeeSplitter.FeesSplit.selector) continue;
            ++found;
            (uint256 logged, uint256 toTreasury, uint256 toOperations, uint16 share) =
                abi.decode(logs[i].data, (uint256, uint256, uint256, uint16));
            assertEq(logged, split, "event income");
            assertEq(toTreasury + toOperations, split, "toTreasury + toOperations == income");
            assertEq(share, ghostShare, "share");
            assertEq(toTreasury, split * share / 10_000, "treasury share rounds down");
            ghostOwed[ghostTreasury][token] += toTreasury;
            ghostOwed[ghostOperations][token] += toOperations;
        }
        assertEq(found, split == 0 ? 0 : 1, "one event per non-zero split");
        ghostIncome[token] += split;
        assertEq(balanceOf(token), splitter.totalOwed(token), "balance == totalOwed right after a split");
    }
}

/// @notice Invariants of {FeeSplitter}: per token, the balance covers every credit (equal right after
/// a split), credits match the model, and what was released never exceeds what was split.
contract FeeSplitterInvariants is Test {
    address internal constant NATIVE = address(0);

    FeeSplitter internal splitter;
    FeeSplitterHandler internal handler;

    function setUp() public {
        address admin = makeAddr("admin");
        DemoStablecoin usd = new DemoStablecoin("Demo USD", "dUSD");
        splitter = new FeeSplitter(makeAddr("treasury"), makeAddr("operations"), 7_000, admin);
        address[] memory allowed = new address[](2);
        allowed[0] = address(usd);
        allowed[1] = NATIVE;
        MilestoneEscrow escrow = new MilestoneEscrow(admin, address(splitter), 1_000, allowed);
        handler = new FeeSplitterHandler(splitter, escrow, usd, admin);

        bytes4[] memory selectors = new bytes4[](6);
        selectors[0] = FeeSplitterHandler.income.selector;
        selectors[1] = FeeSplitterHandler.collect.selector;
        selectors[2] = FeeSplitterHandler.distribute.selector;
        selectors[3] = FeeSplitterHandler.release.selector;
        selectors[4] = FeeSplitterHandler.setDaoShare.selector;
        selectors[5] = FeeSplitterHandler.setPayees.selector;
        targetSelector(FuzzSelector({addr: address(handler), selectors: selectors}));
        targetContract(address(handler));
    }

    /**
     * @notice Conservation law, per token: balance >= totalOwed == sum of the model's credits ==
     * incomes - releases; released <= incomes; balance == arrived - released.
     * hardhat-config: invariant.runs = 48
     * hardhat-config: invariant.depth = 60
     * hardhat-config: invariant.failOnRevert = true
     */
    function invariant_balanceCoversCredits() public view {
        address[] memory tokens = handler.tokens();
        address[] memory payees = handler.payees();
        for (uint256 t; t < tokens.length; ++t) {
            address token = tokens[t];
            uint256 total = splitter.totalOwed(token);
            assertGe(handler.balanceOf(token), total, "balance >= totalOwed");
            uint256 sum;
            for (uint256 p; p < payees.length; ++p) {
                uint256 credit = splitter.owed(payees[p], token);
                assertEq(credit, handler.ghostOwed(payees[p], token), "credit matches the model");
                sum += credit;
            }
            assertEq(sum, total, "totalOwed == sum of credits");
            assertLe(handler.ghostReleased(token), handler.ghostIncome(token), "released <= incomes");
            assertEq(handler.ghostIncome(token) - handler.ghostReleased(token), total, "incomes - releases == owed");
            assertEq(
                handler.ghostArrived(token) - handler.ghostReleased(token), handler.balanceOf(token), "in - out == balance"
            );
        }
    }

    /// @dev Guards the campaign against a vacuous handler: pseudo-random actions reach every kind.
    function test_handler_reachesEveryAction() public {
        for (uint256 i; i < 400; ++i) {
            uint256 r = uint256(keccak256(abi.encode(i)));
            uint256 pick = r % 10;
            if (pick < 2) handler.income(r >> 8, r >> 16);
            else if (pick == 2) handler.collect(r >> 8, r >> 16);
            else if (pick < 5) handler.distribute(r >> 8);
            else if (pick < 8) handler.release(r >> 8, r >> 16, r >> 24);
            else if (pick == 8) handler.setDaoShare(r >> 8);
            else handler.setPayees(r >> 8, r >> 16);
        }
        string[8] memory reached = [
            "income", "collect", "distribute", "release", "release (nothing owed)", "release (native refused)",
            "setDaoShare", "setPayees"
        ];
        for (uint256 k; k < reached.length; ++k) {
            assertGt(handler.calls(bytes32(bytes(reached[k]))), 0, reached[k]);
        }
        assertGt(handler.calls("re-entry refused"), 0, "re-entry refused");
        invariant_balanceCoversCredits();
    }
}
