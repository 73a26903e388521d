/**
 * The DAO contracts of a Stacks deployment, from the generated address book (generated/stacks.ts,
 * scripts/codegen/stacks.ts). Read through chains/stacks.ts (`import.meta.glob`), so a build
 * without that file (or without the DAO in it) just hides the Stacks DAO section.
 */
import { generatedStacksContract, type StacksDeployment } from "../../../chains/stacks.ts";
import type { StacksDao } from "./calls.ts";

/** Clarinet contract names of the DAO, by role. */
const NAMES = {
  core: "dao-core",
  token: "dao-token",
  voting: "proposal-voting",
  treasury: "dao-treasury",
  splitter: "fee-splitter",
  rewards: "work-rewards",
} as const;

export function stacksDaoFor(d: StacksDeployment): StacksDao | undefined {
  const found: Partial<Record<keyof typeof NAMES, `${string}.${string}`>> = {};
  for (const [role, name] of Object.entries(NAMES) as [keyof typeof NAMES, string][]) {
    const principal = generatedStacksContract(d.caip2, name);
    if (!principal) return undefined;
    found[role] = principal;
  }
  return { network: d.network, escrow: d.escrow, ...(found as Required<typeof found>) };
}
