/**
 * Clarity execution costs of the escrow and multisig calls, from the costs report the simnet suite
 * writes (`vitest … -- --costs --coverage` -> costs-reports.json; the SDK records test names only
 * when coverage is on too). The first call of each function in the tests named "cost baseline" is
 * reported:
 *  - area "escrow": "cost baseline: 3-milestone escrow in STX|SIP-010, …" (one canonical escrow
 *    per asset: create, fund, submit, approve, withdraw);
 *  - area "multisig": "cost baseline: multisig 2-of-3|3-of-5 fee change|STX transfer, …"
 *    (propose, approve, queue, execute of one operation; the setup's initialize and escrow role
 *    grants are left out).
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
  const add = (area: string, operation: string, e: CostEntry) => {
    if (seen.has(`${area}|${operation}`)) return; // first call: the same position in the lifecycle as on EVM
    seen.add(`${area}|${operation}`);
    for (const unit of UNITS) {
      rows.push({ area, operation, chain: "stacks (simnet)", unit, worx: e.cost_result.total[unit], anchor: null, anchor_value: null });
    }
  };
  for (const e of entries) {
    if (!e.test_name.includes("cost baseline")) continue;
    const escrow = /cost baseline: 3-milestone escrow in ([^,\s]+)/.exec(e.test_name);
    if (escrow && e.contract_id.endsWith(".escrow")) {
      add("escrow", `${e.method} (${/SIP-010/i.test(escrow[1]) ? "SIP-010" : "STX"})`, e);
      continue;
    }
    const multisig = /cost baseline: multisig (\d+-of-\d+ [^,]+)/.exec(e.test_name);
    if (multisig && e.contract_id.endsWith(".multisig") && e.method !== "initialize") add("multisig", `${e.method} (${multisig[1]})`, e);
  }
  for (const area of ["escrow", "multisig"]) {
    if (!rows.some((r) => r.area === area)) throw new Error(`No 'cost baseline' ${area} calls in costs-reports.json`);
  }
  return rows;
}
