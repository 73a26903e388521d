// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {ERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/ERC20Permit.sol";
import {ERC20Votes} from "@openzeppelin/contracts/token/ERC20/extensions/ERC20Votes.sol";
import {Nonces} from "@openzeppelin/contracts/utils/Nonces.sol";

/**
 * @title OZVotesTokenAnchor
 * @notice BENCH ONLY, never deployed by the protocol: an unmodified OpenZeppelin ERC20 + ERC20Permit +
 * ERC20Votes token, as the OpenZeppelin Wizard writes it with the timestamp clock (the clock
 * {WorxToken} uses), so the bench compares `delegate` and the governor's vote reads like for like.
 * @dev `mint` is open to anyone so the bench can fund voters: never use this token for value.
 */
contract OZVotesTokenAnchor is ERC20, ERC20Permit, ERC20Votes {
    constructor() ERC20("OZ Votes Anchor", "OZVA") ERC20Permit("OZ Votes Anchor") {}

    /// @notice Mint `amount` to `to`. Open to anyone: bench only.
    /// @param to the account credited.
    /// @param amount in wei-like units (18 decimals).
    function mint(address to, uint256 amount) external {
        _mint(to, amount);
    }

    /// @notice ERC-6372 clock: the block timestamp (Wizard "timestamp" clock mode).
    /// @return the current timestamp as uint48.
    function clock() public view override returns (uint48) {
        return uint48(block.timestamp);
    }

    // The name is fixed by ERC-6372.
    // solhint-disable func-name-mixedcase
    /// @notice ERC-6372 clock description.
    /// @return "mode=timestamp".
    function CLOCK_MODE() public pure override returns (string memory) {
        return "mode=timestamp";
    }
    // solhint-enable func-name-mixedcase

    /// @inheritdoc ERC20Permit
    function nonces(address owner) public view override(ERC20Permit, Nonces) returns (uint256) {
        return super.nonces(owner);
    }

    function _update(address from, address to, uint256 value) internal override(ERC20, ERC20Votes) {
        super._update(from, to, value);
    }
}
