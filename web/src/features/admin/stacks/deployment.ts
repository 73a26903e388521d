/**
 * The multisig of a Stacks deployment, from the generated address book (generated/stacks.ts,
 * scripts/codegen/stacks.ts). Read through `import.meta.glob` like chains/stacks.ts, so a build
 * without that file (or without the multisig in it) just hides the Stacks multisig section.
 */
import type { StacksDeployment } from "../../../chains/stacks.ts";
import type { Principal, StacksMultisig } from "./calls.ts";

interface GeneratedBook {
  contracts?: Record<string, unknown>;
}

const books = import.meta.glob<Record<string, GeneratedBook> | undefined>("../../../../../generated/stacks.ts", {
  eager: true,
  import: "stacksDeployments",
});

const PRINCIPAL = /^S[A-Z0-9]{39,40}\.[a-zA-Z][a-zA-Z0-9-]*$/;

export function stacksMultisigFor(d: StacksDeployment): StacksMultisig | undefined {
  for (const generated of Object.values(books)) {
    const multisig = generated?.[d.caip2]?.contracts?.multisig;
    if (typeof multisig === "string" && PRINCIPAL.test(multisig)) return { network: d.network, multisig: multisig as Principal, escrow: d.escrow };
  }
  return undefined;
}
