// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/**
 * @title NoReturnToken
 * @notice Simulates USDT on Ethereum: `transfer`, `transferFrom` and `approve` return no value
 * (pre-EIP-20-final style), so a caller that decodes a `bool` reverts. Failures revert.
 * @dev Hand-written on purpose (OpenZeppelin's ERC20 returns `bool`). Anyone can mint: tests only.
 */
contract NoReturnToken {
    /// @notice Token name.
    string public name = "Tether-style USD";
    /// @notice Token symbol.
    string public symbol = "nrUSD";
    /// @notice USDT's 6 decimals.
    uint8 public constant decimals = 6; // solhint-disable-line const-name-snakecase
    /// @notice Sum of all balances.
    uint256 public totalSupply;
    /// @notice Balance of each account.
    mapping(address account => uint256) public balanceOf;
    /// @notice What `spender` may still move from `owner`.
    mapping(address owner => mapping(address spender => uint256)) public allowance;

    /// @notice ERC-20 Transfer event.
    /// @param from sender (zero when minting).
    /// @param to recipient.
    /// @param value amount moved.
    event Transfer(address indexed from, address indexed to, uint256 value);

    /// @notice ERC-20 Approval event.
    /// @param owner who approved.
    /// @param spender who may spend.
    /// @param value the new allowance.
    event Approval(address indexed owner, address indexed spender, uint256 value);

    /// @notice The sender's balance is below `needed`.
    error BalanceTooLow(address account, uint256 balance, uint256 needed);

    /// @notice The spender's allowance is below `needed`.
    error AllowanceTooLow(address owner, address spender, uint256 allowance, uint256 needed);

    /// @notice Mint `amount` to `to`. Open to anyone: tests only.
    /// @param to the account credited.
    /// @param amount in the token's smallest unit.
    function mint(address to, uint256 amount) external {
        totalSupply += amount;
        balanceOf[to] += amount;
        emit Transfer(address(0), to, amount);
    }

    /// @notice Move `amount` from the caller to `to`. Returns nothing, like USDT.
    /// @param to the recipient.
    /// @param amount in the token's smallest unit.
    function transfer(address to, uint256 amount) external {
        _move(msg.sender, to, amount);
    }

    /// @notice Move `amount` from `from` to `to` using the caller's allowance. Returns nothing.
    /// @param from the owner of the tokens.
    /// @param to the recipient.
    /// @param amount in the token's smallest unit.
    function transferFrom(address from, address to, uint256 amount) external {
        uint256 allowed = allowance[from][msg.sender];
        if (allowed != type(uint256).max) {
            if (allowed < amount) revert AllowanceTooLow(from, msg.sender, allowed, amount);
            allowance[from][msg.sender] = allowed - amount;
        }
        _move(from, to, amount);
    }

    /// @notice Let `spender` move up to `amount` of the caller's tokens. Returns nothing.
    /// @param spender who may spend.
    /// @param amount the allowance.
    function approve(address spender, uint256 amount) external {
        allowance[msg.sender][spender] = amount;
        emit Approval(msg.sender, spender, amount);
    }

    function _move(address from, address to, uint256 amount) private {
        uint256 balance = balanceOf[from];
        if (balance < amount) revert BalanceTooLow(from, balance, amount);
        balanceOf[from] = balance - amount;
        balanceOf[to] += amount;
        emit Transfer(from, to, amount);
    }
}
