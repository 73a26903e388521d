/**
 * badges.clar's prints -> the badge tables, through the WorxBadges handlers (../badges.ts): badges
 * claimed, attestations submitted and revoked, tier configs (printed by the deployment, as the
 * Solidity constructor emits them), role changes in the audit log; transfers and burns: badges.clar
 * moves tokens with SIP-009 `nft-transfer?` / `nft-burn?`, which the node reports as asset events
 * (nft_*_event), passed by the bridge as the contract's `transfer` print `{ from, to, token-id }` =
 * the ERC-721 Transfer (the badge's `owner`, `burned`; soul-bound tiers never move).
 */
import { worxBadgesAbi } from "../../../generated/abis.ts";
import type { AnyContext } from "../audit.ts";
import { runTwinHandler } from "./clarity.ts";
import type { StacksPrint } from "./print.ts";

export async function onBadgesPrint(context: AnyContext, print: StacksPrint): Promise<void> {
  await runTwinHandler(context, print, "WorxBadges", worxBadgesAbi);
}
