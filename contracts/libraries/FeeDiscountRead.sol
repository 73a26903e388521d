// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IFeeDiscountSource} from "../interfaces/IFeeDiscountSource.sol";
import {FeeMath} from "./FeeMath.sol";

/**
 * @title FeeDiscountRead
 * @notice A fail-safe read of {IFeeDiscountSource-feeDiscountBps}: a broken or hostile source yields
 * "no discount", never a revert, never more gas than its budget.
 * @dev Shared by the escrow (reading its fee-discount source) and StakingFeeDiscount (reading its
 * badge source), so the one piece of security-critical assembly lives in one place.
 */
library FeeDiscountRead {
    /// @notice `freelancer`'s discount from `source`, capped at 100%; zero when the source fails in
    /// any way: it reverts, runs out of `gasBudget`, has no code, returns fewer than 32 bytes or a
    /// word that is not a uint16.
    /// @dev A `try`/`catch` would not do: a call to an address without code and undecodable return
    /// data both revert in the caller, outside the `catch`, so a broken source could block its
    /// callers. The staticcall forwards exactly `gasBudget` (less if less is left: the 63/64 rule)
    /// and copies at most one word back, so the source cannot grief the caller with a return bomb.
    /// @param source the {IFeeDiscountSource}; callers handle the zero address themselves.
    /// @param freelancer the account asked about.
    /// @param gasBudget the most gas the source may use.
    /// @return the discount in basis points of the fee, 0..10_000.
    function readBps(address source, address freelancer, uint256 gasBudget) internal view returns (uint16) {
        bytes memory data = abi.encodeCall(IFeeDiscountSource.feeDiscountBps, (freelancer));
        bool ok;
        uint256 size;
        uint256 word;
        // Bounded staticcall into scratch space, copying only the first return word (see above);
        // the scratch word is zeroed first so a short answer cannot leave stale bytes behind.
        // solhint-disable-next-line no-inline-assembly
        assembly ("memory-safe") {
            mstore(0x00, 0)
            ok := staticcall(gasBudget, source, add(data, 0x20), mload(data), 0x00, 0x20)
            size := returndatasize()
            word := mload(0x00)
        }
        if (!ok || size < 32 || word > type(uint16).max) return 0;
        return word > FeeMath.BPS_DENOMINATOR ? FeeMath.BPS_DENOMINATOR : uint16(word);
    }
}
