// Runs in vitest's main process. After the run it waits for the reports the
// clarinet environment writes (asked for with `-- --coverage --costs`), says
// where they are, and prints the runtime cost of the canonical escrow and
// multisig calls (tests named "cost baseline: …"), selected and anchored by
// the bench's own code (scripts/bench/clarityCosts.ts).
//
// Waiting matters: vitest-environment-clarinet writes both files in the
// worker's environment teardown, which can end after vitest's own global
// teardown starts. Waiting here also means that once the vitest command has
// exited, the reports are complete (a benchmark can read them right away).
import fs from "node:fs";
import type { TestProject } from "vitest/node";
import { clarityRows, type CostEntry } from "../../scripts/bench/clarityCosts.ts";
import type { BenchRow } from "../../scripts/bench/index.ts";

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
    // The bench's own selection and anchors (scripts/bench/clarityCosts.ts), runtime only.
    let rows: BenchRow[];
    try {
      rows = clarityRows(entries);
    } catch (error) {
      console.log(`no cost summary (${(error as Error).message}); run the whole suite for it`);
      return;
    }
    for (const area of ["escrow", "multisig", "badges", "dao", "dex"]) {
      const table = Object.fromEntries(
        rows
          .filter((r) => r.area === area && r.unit === "runtime")
          .map((r) => [r.operation, r.anchor_value === null ? { runtime: r.worx } : { runtime: r.worx, anchor: r.anchor_value, ratio: +(r.worx / r.anchor_value).toFixed(2) }]),
      );
      console.log(`${area} cost baseline (runtime; anchors: ${area === "escrow" ? "one bare mock-sip010 transfer, or the flow's 3 transfers for lifecycles" : area === "dao" || area === "dex" ? "one bare mock-sip010 transfer where shown" : "none"}):`);
      console.table(table);
    }
  };
}
