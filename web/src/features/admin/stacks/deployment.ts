/**
 * The multisig of a Stacks deployment, from the generated address book (generated/stacks.ts,
 * scripts/codegen/stacks.ts). Read through chains/stacks.ts (`import.meta.glob`), so a build
 * without that file (or without the multisig in it) just hides the Stacks multisig section.
 */
import { generatedStacksContract, type StacksDeployment } from "../../../chains/stacks.ts";
import type { Principal, StacksMultisig } from "./calls.ts";

export function stacksMultisigFor(d: StacksDeployment): StacksMultisig | undefined {
  const multisig = generatedStacksContract(d.caip2, "multisig");
  return multisig ? { network: d.network, multisig: multisig as Principal, escrow: d.escrow } : undefined;
}
