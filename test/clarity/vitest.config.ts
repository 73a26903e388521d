/// <reference types="@stacks/clarinet-sdk/vitest" />
// Simnet tests for the Clarity contracts (clarity/contracts, manifest ./Clarinet.toml).
//
//   npx vitest run --config test/clarity/vitest.config.ts                       # tests only
//   npx vitest run --config test/clarity/vitest.config.ts -- --coverage --costs # + reports
//
// Flags after `--` are not vitest's: getClarinetVitestsArgv() (clarinet-sdk)
// parses them from process.argv and vitest-environment-clarinet acts on them:
//   --coverage            write an lcov report   (default file lcov.info)
//   --costs               write a costs report   (default file costs-reports.json)
//   --coverage-filename F / --costs-filename F   other file names
//   --manifest-path P     another Clarinet.toml  (default ./Clarinet.toml)
// Relative paths are resolved against the repository root (not the cwd), so the
// reports always land at <repo>/lcov.info and <repo>/costs-reports.json (both
// gitignored) wherever the command is run from.
import path from "node:path";
import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";
import { getClarinetVitestsArgv, vitestSetupFilePath } from "@stacks/clarinet-sdk/vitest";
import { ensureClarinetSettings } from "../../scripts/codegen/clarinetSettings.ts";

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
ensureClarinetSettings(repoRoot); // the SDK reads settings/Devnet.toml from a fixed path
const fromRoot = (p: string) => path.resolve(repoRoot, p);
// typed "maybe a Promise" by yargs, but synchronous (no async commands are defined)
const argv = getClarinetVitestsArgv() as Awaited<ReturnType<typeof getClarinetVitestsArgv>>;
const clarinetOptions = {
  ...argv,
  manifestPath: fromRoot(argv.manifestPath),
  coverageFilename: fromRoot(argv.coverageFilename), // default <repo>/lcov.info
  costsFilename: fromRoot(argv.costsFilename), // default <repo>/costs-reports.json
};

export default defineConfig({
  root: repoRoot,
  test: {
    include: ["test/clarity/**/*.test.ts"],
    environment: "clarinet", // vitest-environment-clarinet: one simnet per worker
    pool: "forks",
    maxWorkers: 1,
    isolate: false,
    setupFiles: [vitestSetupFilePath], // clarinet-sdk matchers + per-test simnet session
    globalSetup: [path.join(repoRoot, "test/clarity/global-setup.ts")],
    environmentOptions: { clarinet: clarinetOptions },
    // simnet echoes every Clarity `print` to console.log: keep that (and the
    // contract call trace) only for failing tests.
    silent: "passed-only",
    testTimeout: 60_000,
  },
});
