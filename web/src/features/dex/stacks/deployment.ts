/**
 * The DEX contracts of a Stacks deployment, from the generated address book (generated/stacks.ts,
 * scripts/codegen/stacks.ts). Read through chains/stacks.ts (`import.meta.glob`), so a build
 * without that file (or without the DEX in it) just hides the Stacks creator-coin section.
 */
import { generatedStacksContract, type StacksDeployment } from "../../../chains/stacks.ts";
import type { StacksDex } from "./calls.ts";

/** Clarinet contract names of the DEX, by role. */
const NAMES = {
  oracle: "metrics-oracle",
  factory: "creator-factory",
  pool: "creator-pool",
  template: "creator-coin",
} as const;

export function stacksDexFor(d: StacksDeployment): StacksDex | undefined {
  const found: Partial<Record<keyof typeof NAMES, `${string}.${string}`>> = {};
  for (const [role, name] of Object.entries(NAMES) as [keyof typeof NAMES, string][]) {
    const principal = generatedStacksContract(d.caip2, name);
    if (!principal) return undefined;
    found[role] = principal;
  }
  return { network: d.network, ...(found as Required<typeof found>) };
}
