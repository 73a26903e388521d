// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {Test} from "forge-std/Test.sol";
import {IFeeDiscountSource} from "../../../contracts/interfaces/IFeeDiscountSource.sol";
import {FeeDiscountRead} from "../../../contracts/libraries/FeeDiscountRead.sol";

/// @notice A fee-discount source answering exactly the raw bytes it is told to, followed by any
/// number of junk bytes (or reverting with them, or burning all its gas), and only to the exact call
/// `feeDiscountBps(expectedFreelancer)`: other calldata reverts or hits no function, so a correct
/// answer also proves the read's selector and encoding. The junk is generated, not stored, so even a long answer fits
/// the read's gas budget.
contract ScriptedDiscountSource is IFeeDiscountSource {
    /// @notice How the source answers.
    enum Mode {
        Answers, // returns `head` then `junkBytes` 0xff bytes as raw return data
        Reverts, // reverts with the same bytes as revert data
        BurnsGas // loops until it runs out of gas
    }

    /// @notice The current behaviour.
    Mode public mode;
    /// @notice The start of the raw return (or revert) data.
    bytes public head;
    /// @notice How many 0xff bytes follow `head`.
    uint256 public junkBytes;
    /// @notice The only freelancer the source answers about.
    address public expectedFreelancer;

    /// @notice The calldata was not `feeDiscountBps(expectedFreelancer)`.
    error UnexpectedCall(bytes input);

    /// @notice Script the next answers.
    /// @param newMode how to answer.
    /// @param newHead the start of the raw return or revert data.
    /// @param newJunkBytes how many 0xff bytes follow it.
    /// @param freelancer the freelancer the read must ask about.
    function script(Mode newMode, bytes calldata newHead, uint256 newJunkBytes, address freelancer) external {
        mode = newMode;
        head = newHead;
        junkBytes = newJunkBytes;
        expectedFreelancer = freelancer;
    }

    /// @dev Answers the scripted bytes, unencoded (hence the assembly `return`).
    /// @inheritdoc IFeeDiscountSource
    function feeDiscountBps(address freelancer) external view returns (uint16) {
        if (freelancer != expectedFreelancer || msg.data.length != 36) revert UnexpectedCall(msg.data);
        Mode current = mode;
        bytes memory junk = new bytes(junkBytes);
        // Raw return and revert data, junk filling and an endless loop are only practical in assembly.
        // solhint-disable-next-line no-inline-assembly
        assembly ("memory-safe") {
            if eq(current, 2) { for {} 1 {} { pop(gas()) } }
            // Whole words: new bytes() rounded the allocation up, the last store stays inside it.
            for { let i := 0 } lt(i, mload(junk)) { i := add(i, 0x20) } {
                mstore(add(add(junk, 0x20), i), not(0))
            }
        }
        bytes memory data = bytes.concat(head, junk);
        // solhint-disable-next-line no-inline-assembly
        assembly ("memory-safe") {
            if eq(current, 1) { revert(add(data, 0x20), mload(data)) }
            return(add(data, 0x20), mload(data))
        }
    }
}

/// @notice Tests of {FeeDiscountRead}: any answer, failure or misbehaviour of a source maps to the
/// documented discount, the read never reverts, and it never spends more than its gas budget.
contract FeeDiscountReadTest is Test {
    uint256 internal constant BUDGET = 50_000;
    uint16 internal constant MAX_BPS = 10_000;

    ScriptedDiscountSource internal source;
    address internal freelancer;

    function setUp() public {
        source = new ScriptedDiscountSource();
        freelancer = makeAddr("freelancer");
    }

    /// @dev The documented mapping of a well-formed answer's first word.
    function _expected(uint256 word) internal pure returns (uint16) {
        if (word > type(uint16).max) return 0;
        return word > MAX_BPS ? MAX_BPS : uint16(word);
    }

    function _answer(bytes memory data) internal {
        source.script(ScriptedDiscountSource.Mode.Answers, data, 0, freelancer);
    }

    function _read() internal view returns (uint16) {
        return FeeDiscountRead.readBps(address(source), freelancer, BUDGET);
    }

    // ───────────────────────────── well-formed answers ─────────────────────────────

    function test_readBps_matchesWorkedExamples() public {
        uint256[8] memory words = [uint256(0), 1, 2_500, 10_000, 10_001, 65_535, 65_536, type(uint256).max];
        uint16[8] memory bps = [uint16(0), 1, 2_500, 10_000, 10_000, 10_000, 0, 0];
        for (uint256 i; i < words.length; ++i) {
            _answer(abi.encode(words[i]));
            assertEq(_read(), bps[i]);
        }
    }

    function test_readBps_asksAboutThisFreelancerOnly() public {
        source.script(ScriptedDiscountSource.Mode.Answers, abi.encode(uint256(700)), 0, makeAddr("someone else"));
        assertEq(_read(), 0, "the source refuses calldata about another freelancer");
        _answer(abi.encode(uint256(700)));
        assertEq(_read(), 700);
    }

    /// @dev Any 32-byte answer: 0..10_000 as is, up to uint16 max capped at 100%, above it zero.
    /// hardhat-config: fuzz.runs = 5000
    function testFuzz_readBps_anyWordMapsAsDocumented(uint256 word) public {
        _answer(abi.encode(word));
        uint16 bps = _read();
        assertEq(bps, _expected(word));
        assertLe(bps, MAX_BPS);
    }

    /// @dev Only the first word counts, however much follows it (no return bomb).
    /// hardhat-config: fuzz.runs = 1000
    function testFuzz_readBps_readsOnlyTheFirstWord(uint256 word, uint256 junkBytes) public {
        junkBytes = bound(junkBytes, 1, 8_192);
        source.script(ScriptedDiscountSource.Mode.Answers, abi.encode(word), junkBytes, freelancer);
        assertEq(_read(), _expected(word));
    }

    // ───────────────────────────── failures ─────────────────────────────

    function test_readBps_shortAnswerReadsZero() public {
        // 31 bytes that, completed with a zero byte into a word, would read as 0x1000 (4_096 bps).
        bytes memory data = new bytes(31);
        data[30] = 0x10;
        _answer(data);
        assertEq(_read(), 0);
    }

    /// @dev Fewer than 32 bytes is no answer: any prefix of any word, small words included (their
    /// 31-byte prefix, shifted into a whole word, would otherwise pass as a valid discount).
    /// hardhat-config: fuzz.runs = 2000
    function testFuzz_readBps_shortAnswerReadsZero(uint256 word, uint8 length, bool small) public {
        if (small) word = bound(word, 0, type(uint24).max);
        length = uint8(bound(length, 0, 31));
        bytes memory data = abi.encode(word);
        // Truncate in place: the prefix is what the source answers.
        // solhint-disable-next-line no-inline-assembly
        assembly ("memory-safe") {
            mstore(data, length)
        }
        _answer(data);
        assertEq(_read(), 0);
    }

    /// @dev A revert is no answer, even one carrying a valid-looking word and a long payload.
    /// hardhat-config: fuzz.runs = 1000
    function testFuzz_readBps_revertReadsZero(uint256 word, uint256 junkBytes) public {
        junkBytes = bound(junkBytes, 0, 8_192);
        source.script(ScriptedDiscountSource.Mode.Reverts, abi.encode(word), junkBytes, freelancer);
        assertEq(_read(), 0);
    }

    /// @dev An account without code "succeeds" with no data: no answer, and no revert (which a
    /// high-level call or `try`/`catch` would give).
    /// hardhat-config: fuzz.runs = 1000
    function testFuzz_readBps_accountWithoutCodeReadsZero(address account, uint256 gasBudget) public {
        assumeUnusedAddress(account);
        assumeNotForgeAddress(account);
        gasBudget = bound(gasBudget, 0, 1_000_000);
        assertEq(FeeDiscountRead.readBps(account, freelancer, gasBudget), 0);
    }

    /// @dev A source that burns everything reads zero and costs its budget plus a small fixed
    /// overhead (a cold account access, the calldata), never more.
    function testFuzz_readBps_gasBurnerSpendsAtMostItsBudget(uint256 gasBudget) public {
        gasBudget = bound(gasBudget, 0, 1_000_000);
        source.script(ScriptedDiscountSource.Mode.BurnsGas, "", 0, freelancer);
        uint256 before = gasleft();
        uint16 bps = FeeDiscountRead.readBps(address(source), freelancer, gasBudget);
        uint256 used = before - gasleft();
        assertEq(bps, 0);
        assertGe(used, gasBudget, "the budget is forwarded in full");
        assertLe(used, gasBudget + 5_000, "and nothing more");
    }

    function test_readBps_honestSourceOutOfBudgetReadsZero() public {
        _answer(abi.encode(uint256(1_500)));
        // Checking the calldata and reading its scripted answer takes the source more than 500 gas.
        assertEq(FeeDiscountRead.readBps(address(source), freelancer, 500), 0);
        assertEq(FeeDiscountRead.readBps(address(source), freelancer, BUDGET), 1_500);
    }

    /// @dev The read writes only the scratch word and its own calldata: memory the caller allocated
    /// before, and the free-memory pointer's discipline, survive even a long answer.
    function test_readBps_leavesTheCallersMemoryIntact() public {
        source.script(ScriptedDiscountSource.Mode.Answers, abi.encode(uint256(123)), 4_096, freelancer);
        bytes memory mine = abi.encodePacked(keccak256("mine"), keccak256("also mine"));
        bytes32 hashBefore = keccak256(mine);
        uint16 bps = _read();
        bytes memory next = new bytes(32);
        assertEq(bps, 123);
        assertEq(keccak256(mine), hashBefore, "earlier allocation untouched");
        uint256 mineEnd;
        uint256 nextStart;
        // Compare raw addresses: the next allocation must start at or after the earlier one's end.
        // solhint-disable-next-line no-inline-assembly
        assembly ("memory-safe") {
            mineEnd := add(add(mine, 0x20), mload(mine))
            nextStart := next
        }
        assertGe(nextStart, mineEnd);
    }
}
