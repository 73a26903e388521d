/**
 * Clarity execution costs of the escrow calls, from the costs report the simnet suite writes
 * (`vitest … -- --costs --coverage` -> costs-reports.json; the SDK records test names only when
 * coverage is on too). Tests named "cost baseline" run one canonical
 * 3-milestone escrow per asset; the first call of each function is reported.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { run } from "../dev/processes.ts";
import { repoRoot } from "../dev/stack.ts";
import type { BenchRow } from "./index.ts";

interface CostEntry {
  test_name: string;
  contract_id: string;
  method: string;
  cost_result: { total: Record<"runtime" | "read_count" | "read_length" | "write_count" | "write_length", number> };
}

const UNITS = ["runtime", "read_count", "write_count", "write_length"] as const;

export async function measureClarityCosts(): Promise<BenchRow[]> {
  const report = join(repoRoot, "costs-reports.json");
  await run(join(repoRoot, "node_modules", ".bin", "vitest"), ["run", "--config", "test/clarity/vitest.config.ts", "--", "--costs", "--coverage"], {
    cwd: repoRoot,
  });
  const entries: CostEntry[] = JSON.parse(readFileSync(report, "utf8"));
  const rows: BenchRow[] = [];
  const seen = new Set<string>();
  for (const e of entries) {
    if (!e.test_name.includes("cost baseline") || !e.contract_id.endsWith(".escrow")) continue;
    const asset = /SIP-010/i.test(e.test_name) ? "SIP-010" : "STX";
    const operation = `${e.method} (${asset})`;
    if (seen.has(operation)) continue; // first call: the same position in the lifecycle as on EVM
    seen.add(operation);
    for (const unit of UNITS) {
      rows.push({ area: "escrow", operation, chain: "stacks (simnet)", unit, worx: e.cost_result.total[unit], anchor: null, anchor_value: null });
    }
  }
  if (rows.length === 0) throw new Error("No 'cost baseline' escrow calls in costs-reports.json");
  return rows;
}
