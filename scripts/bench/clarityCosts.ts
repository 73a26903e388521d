import type { BenchRow } from "./index.ts";
// Filled in once the Clarity suite's costs report format is settled.
export async function measureClarityCosts(): Promise<BenchRow[]> {
  return [];
}
