// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";

/**
 * @title DemoStablecoin
 * @notice A freely mintable 6-decimal ERC-20 standing in for USDC on local chains and in tests.
 * @dev Never deploy to a public network: anyone can mint.
 */
contract DemoStablecoin is ERC20 {
    constructor(string memory name_, string memory symbol_) ERC20(name_, symbol_) {}

    /// @notice USDC's 6 decimals.
    /// @return 6.
    function decimals() public pure override returns (uint8) {
        return 6;
    }

    /// @notice Mint `amount` to `to`. Open to anyone: demo and test use only.
    /// @param to the account credited.
    /// @param amount in the token's smallest unit.
    function mint(address to, uint256 amount) external {
        _mint(to, amount);
    }
}
