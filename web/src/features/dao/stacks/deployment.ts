/**
 * The DAO contracts of a Stacks deployment, from the generated address book (generated/stacks.ts,
 * scripts/codegen/stacks.ts). Read through `import.meta.glob` like chains/stacks.ts, so a build
 * without that file (or without the DAO in it) just hides the Stacks DAO section.
 */
import type { StacksDeployment } from "../../../chains/stacks.ts";
import type { StacksDao } from "./calls.ts";

interface GeneratedBook {
  contracts?: Record<string, unknown>;
}

const books = import.meta.glob<Record<string, GeneratedBook> | undefined>("../../../../../generated/stacks.ts", {
  eager: true,
  import: "stacksDeployments",
});

const PRINCIPAL = /^S[A-Z0-9]{39,40}\.[a-zA-Z][a-zA-Z0-9-]*$/;

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
  for (const generated of Object.values(books)) {
    const contracts = generated?.[d.caip2]?.contracts;
    if (!contracts) continue;
    const found: Partial<Record<keyof typeof NAMES, `${string}.${string}`>> = {};
    for (const [role, name] of Object.entries(NAMES) as [keyof typeof NAMES, string][]) {
      const principal = contracts[name];
      if (typeof principal !== "string" || !PRINCIPAL.test(principal)) return undefined;
      found[role] = principal as `${string}.${string}`;
    }
    return { network: d.network, escrow: d.escrow, ...(found as Required<typeof found>) };
  }
  return undefined;
}
