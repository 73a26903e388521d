// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";

/**
 * @title FeeOnTransferToken
 * @notice Simulates a fee-on-transfer ("deflationary") token such as PAXG or STA: every transfer
 * between two accounts burns a cut, so the recipient receives less than the amount sent.
 * @dev The cut rounds up so any non-zero fee rate always takes something. Anyone can mint: tests only.
 */
contract FeeOnTransferToken is ERC20 {
    /// @notice The cut taken from every transfer, in basis points.
    uint256 public immutable TRANSFER_FEE_BPS;

    /// @notice Deploy with a transfer fee.
    /// @param transferFeeBps the cut burnt from every transfer, in basis points (at most 10_000).
    constructor(uint256 transferFeeBps) ERC20("Fee-on-transfer USD", "fotUSD") {
        TRANSFER_FEE_BPS = transferFeeBps;
    }

    /// @notice Mint `amount` to `to`. Open to anyone: tests only.
    /// @param to the account credited.
    /// @param amount in the token's smallest unit.
    function mint(address to, uint256 amount) external {
        _mint(to, amount);
    }

    /// @notice The cut a transfer of `amount` loses.
    /// @param amount the amount sent.
    /// @return fee what is burnt; the recipient receives `amount - fee`.
    function feeOf(uint256 amount) public view returns (uint256 fee) {
        fee = (amount * TRANSFER_FEE_BPS + 9_999) / 10_000;
    }

    /// @dev Transfers (not mints or burns) burn `feeOf(value)` from the sender first.
    function _update(address from, address to, uint256 value) internal override {
        if (from != address(0) && to != address(0)) {
            uint256 fee = feeOf(value);
            super._update(from, address(0), fee);
            value -= fee;
        }
        super._update(from, to, value);
    }
}
