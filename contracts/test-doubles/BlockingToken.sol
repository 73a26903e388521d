// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";

/**
 * @title BlockingToken
 * @notice Simulates a token whose transfers revert: USDC/USDT blocklisting an account, or a paused
 * token. Any transfer from or to a blocked account reverts with {AccountBlocked}.
 * @dev Anyone can mint and block: tests only.
 */
contract BlockingToken is ERC20 {
    /// @notice Accounts that can neither send nor receive.
    mapping(address account => bool) public blocked;

    /// @notice `account` is blocked, so the transfer reverts.
    error AccountBlocked(address account);

    constructor() ERC20("Blocklisting USD", "blkUSD") {}

    /// @notice Mint `amount` to `to`. Open to anyone: tests only.
    /// @param to the account credited.
    /// @param amount in the token's smallest unit.
    function mint(address to, uint256 amount) external {
        _mint(to, amount);
    }

    /// @notice Block or unblock `account`. Open to anyone: tests only.
    /// @param account the account.
    /// @param isBlocked whether its transfers revert.
    function setBlocked(address account, bool isBlocked) external {
        blocked[account] = isBlocked;
    }

    /// @dev Every balance change checks both ends against the blocklist first.
    function _update(address from, address to, uint256 value) internal override {
        if (blocked[from]) revert AccountBlocked(from);
        if (blocked[to]) revert AccountBlocked(to);
        super._update(from, to, value);
    }
}
