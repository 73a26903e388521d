/**
 * multisig.clar's prints -> the multisig tables, through the WorxMultisig handlers (../multisig.ts):
 * operations, approvals, queueing, execution and cancellation; owners, thresholds, delays, the
 * guardian, operation classes and pausable targets (printed by `initialize`, as the Solidity
 * constructor emits them). Differences the rows show: `data` is the Clarity action buffer
 * (`{action, args}` serialized), not EVM calldata; a class's `selector` is the hex of the Clarity
 * action name's ASCII (e.g. `set-platform-fee`), not a 4-byte selector.
 */
import { worxMultisigAbi } from "../../../generated/abis.ts";
import type { AnyContext } from "../audit.ts";
import { runTwinHandler } from "./clarity.ts";
import type { StacksPrint } from "./print.ts";

export async function onMultisigPrint(context: AnyContext, print: StacksPrint): Promise<void> {
  await runTwinHandler(context, print, "WorxMultisig", worxMultisigAbi);
}
