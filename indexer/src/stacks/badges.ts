/**
 * badges.clar's prints -> the badge tables, through the WorxBadges handlers (../badges.ts): badges
 * claimed, attestations submitted and revoked, tier configs (printed by the deployment, as the
 * Solidity constructor emits them), role changes in the audit log.
 *
 * Not covered: badge transfers and burns. badges.clar moves tokens with SIP-009 `nft-transfer?` /
 * `nft-burn?`, which the node reports as nft_transfer_event / nft_burn_event, not as prints; the
 * bridge keeps prints only. (Soul-bound tiers never move; transferable ones would keep their
 * claimer as `owner` here.)
 */
import { worxBadgesAbi } from "../../../generated/abis.ts";
import type { AnyContext } from "../audit.ts";
import { runTwinHandler } from "./clarity.ts";
import type { StacksPrint } from "./print.ts";

export async function onBadgesPrint(context: AnyContext, print: StacksPrint): Promise<void> {
  await runTwinHandler(context, print, "WorxBadges", worxBadgesAbi);
}
