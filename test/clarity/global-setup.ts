// Runs in vitest's main process. After the run it waits for the reports the
// clarinet environment writes (asked for with `-- --coverage --costs`), says
// where they are, and prints the cost of the canonical escrow and multisig
// calls (tests named "cost baseline: 3-milestone escrow …" and "cost baseline:
// multisig …", selected as the bench selects them).
//
// Waiting matters: vitest-environment-clarinet writes both files in the
// worker's environment teardown, which can end after vitest's own global
// teardown starts. Waiting here also means that once the vitest command has
// exited, the reports are complete (a benchmark can read them right away).
import fs from "node:fs";
import type { TestProject } from "vitest/node";

type CostEntry = {
  test_name: string;
  contract_id: string;
  method: string;
  args: string[];
  cost_result: { total: Record<string, number>; limit: Record<string, number>; memory: number };
};
type ClarinetOptions = { coverage: boolean; costs: boolean; coverageFilename: string; costsFilename: string };

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Wait until `file` was written after `since` and `parse` accepts it (throws otherwise). */
async function waitForFile<T>(file: string, since: number, parse: (text: string) => T, timeoutMs = 60_000): Promise<T | null> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      if (fs.statSync(file).mtimeMs >= since) return parse(fs.readFileSync(file, "utf8"));
    } catch {
      // not there yet, or still being written
    }
    await sleep(100);
  }
  return null;
}

export default function setup(project: TestProject) {
  const started = Date.now() - 1000;
  const opts = (project.config.environmentOptions as { clarinet?: ClarinetOptions }).clarinet;
  return async () => {
    if (!opts) return;
    if (opts.coverage) {
      const ok = await waitForFile(opts.coverageFilename, started, (t) => {
        if (!t.trimEnd().endsWith("end_of_record")) throw new Error("partial lcov file");
        return true;
      });
      console.log(ok ? `clarity coverage (lcov): ${opts.coverageFilename}` : `clarity coverage: ${opts.coverageFilename} was not written`);
    }
    if (!opts.costs) return;
    const entries = await waitForFile<CostEntry[]>(opts.costsFilename, started, (t) => JSON.parse(t));
    if (!entries) {
      console.log(`clarity costs report: ${opts.costsFilename} was not written`);
      return;
    }
    console.log(`clarity costs report: ${opts.costsFilename} (${entries.length} calls)`);
    const escrowRows: Record<string, Record<string, number>> = {};
    const multisigRows: Record<string, Record<string, number>> = {};
    const record = (rows: Record<string, Record<string, number>>, key: string, e: CostEntry) => {
      if (rows[key]) return; // first call of each method
      const { runtime, read_count, read_length, write_count, write_length } = e.cost_result.total;
      rows[key] = { runtime, read_count, read_length, write_count, write_length };
    };
    for (const e of entries) {
      const escrow = /cost baseline: 3-milestone escrow in ([^,\s]+)/.exec(e.test_name);
      if (escrow && e.contract_id.endsWith(".escrow")) record(escrowRows, `${e.method} (${escrow[1]})`, e);
      // the bench's selection (scripts/bench/clarityCosts.ts): the setup's initialize is left out
      const multisig = /cost baseline: multisig (\d+-of-\d+ [^,]+)/.exec(e.test_name);
      if (multisig && e.contract_id.endsWith(".multisig") && e.method !== "initialize") {
        record(multisigRows, `${e.method} (${multisig[1]})`, e);
      }
    }
    if (Object.keys(escrowRows).length) {
      console.log("escrow cost baseline (first call of each method, 3-milestone escrow):");
      console.table(escrowRows);
    }
    if (Object.keys(multisigRows).length) {
      console.log("multisig cost baseline (first call of each method: propose, approve, queue, execute of one operation):");
      console.table(multisigRows);
    }
  };
}
