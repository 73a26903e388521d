// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";

/**
 * @title ITokenHooks
 * @notice The ERC-777 `tokensToSend` / `tokensReceived` hooks, as {HookedToken} calls them.
 */
interface ITokenHooks {
    /// @notice Called on the sender before its balance moves.
    /// @param operator who triggered the move (`msg.sender` of the token call).
    /// @param from the sender.
    /// @param to the recipient.
    /// @param amount what moves.
    function tokensToSend(address operator, address from, address to, uint256 amount) external;

    /// @notice Called on the recipient after its balance moved.
    /// @param operator who triggered the move (`msg.sender` of the token call).
    /// @param from the sender.
    /// @param to the recipient.
    /// @param amount what moved.
    function tokensReceived(address operator, address from, address to, uint256 amount) external;
}

/**
 * @title HookedToken
 * @notice Simulates an ERC-777 token (imBTC, the Uniswap V1 / Lendf.Me re-entrancy incidents): an
 * ERC-20 that calls `tokensToSend` on the sender before a transfer and `tokensReceived` on the
 * recipient after it, giving both a chance to re-enter the calling contract mid-operation.
 * @dev Accounts opt in with {registerHooks}, as ERC-777 accounts do through the ERC-1820 registry.
 * Anyone can mint: tests only.
 */
contract HookedToken is ERC20 {
    /// @notice Accounts whose hooks the token calls.
    mapping(address account => bool) public hooksRegistered;

    constructor() ERC20("Hooked USD", "hkUSD") {}

    /// @notice Mint `amount` to `to`. Open to anyone: tests only.
    /// @param to the account credited.
    /// @param amount in the token's smallest unit.
    function mint(address to, uint256 amount) external {
        _mint(to, amount);
    }

    /// @notice Have the token call (or stop calling) the caller's {ITokenHooks}.
    /// @param enabled whether the hooks are called.
    function registerHooks(bool enabled) external {
        hooksRegistered[msg.sender] = enabled;
    }

    /// @dev ERC-777 order: sender hook, balance change, recipient hook.
    function _update(address from, address to, uint256 value) internal override {
        if (from != address(0) && hooksRegistered[from]) {
            ITokenHooks(from).tokensToSend(msg.sender, from, to, value);
        }
        super._update(from, to, value);
        if (to != address(0) && hooksRegistered[to]) {
            ITokenHooks(to).tokensReceived(msg.sender, from, to, value);
        }
    }
}
