/**
 * escrow.clar's prints -> the escrow tables, through the MilestoneEscrow handlers themselves
 * (../common.ts `escrowHandlers`): the same rows, keys and semantics as on EVM, with chainId
 * `stacks:<n>`, principals for addresses and txids for transaction hashes.
 *
 * The one thing EVM has that Stacks does not: the Solidity constructor emits FeeRecipientUpdated
 * (and the roles' events), escrow.clar starts from constants without printing. The contract's
 * settings row is therefore created from those constants on its first event (fee recipient =
 * the deployer, 1000 bps, no discount source, not paused: escrow.clar `fee-recipient`,
 * `platform-fee-bps`, `fee-discount-source`, `paused`), and its own prints update it from there.
 */
import { escrowContract } from "ponder:schema";
import { milestoneEscrowAbi } from "../../../generated/abis.ts";
import { caip2, type AnyContext } from "../audit.ts";
import { contractKey } from "../common.ts";
import { runTwinHandler } from "./clarity.ts";
import type { StacksPrint } from "./print.ts";

/** escrow.clar's initial `platform-fee-bps`. */
export const ESCROW_INITIAL_FEE_BPS = 1000;

/** The escrow contract's settings row as deployed (no-op once it exists). */
async function ensureContractRow(context: AnyContext, print: StacksPrint): Promise<void> {
  const chainId = caip2(context);
  const contract = print.event.log.address;
  await context.db
    .insert(escrowContract)
    .values({
      id: contractKey(chainId, contract),
      chainId,
      address: contract,
      feeRecipient: contract.split(".")[0] as `0x${string}`,
      platformFeeBps: ESCROW_INITIAL_FEE_BPS,
      feeDiscountSource: null,
      paused: false,
      updatedBlock: print.event.block.number,
    })
    .onConflictDoNothing();
}

/** Runs the MilestoneEscrow handler of the print's event; prints without an EVM handler are skipped. */
export async function onEscrowPrint(context: AnyContext, print: StacksPrint): Promise<void> {
  await runTwinHandler(context, print, "MilestoneEscrow", milestoneEscrowAbi, () => ensureContractRow(context, print));
}
