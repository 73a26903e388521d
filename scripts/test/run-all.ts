/**
 * `npm test`: every suite of every layer, in dependency order, each counted from its own runner's
 * summary. Runs all suites even after a failure, then prints one plain `N passed, N failed` line
 * (the format CI reads) and exits non-zero when anything failed.
 */
import { spawn } from "node:child_process";
import { join } from "node:path";
import { repoRoot } from "../dev/stack.ts";

interface Suite {
  name: string;
  command: string;
  args: string[];
  /** Counts from the runner's output; undefined = count the suite as one check by exit code. */
  count?: (output: string) => { passed: number; failed: number } | undefined;
  /** A build step, not a check: counted only when it fails. */
  prerequisite?: boolean;
}

const bin = (name: string) => join(repoRoot, "node_modules", ".bin", name);
const last = (output: string, re: RegExp) => {
  const all = [...output.matchAll(re)];
  return all.length ? Number(all[all.length - 1][1]) : undefined;
};

// Hardhat: "  12 passing" / "  1 failing" (mocha-like summary of solidity + nodejs runs).
const hardhatCount = (o: string) => {
  const passed = [...o.matchAll(/^\s*(\d+) passing/gm)].reduce((n, m) => n + Number(m[1]), 0);
  const failed = [...o.matchAll(/^\s*(\d+) failing/gm)].reduce((n, m) => n + Number(m[1]), 0);
  return passed + failed > 0 ? { passed, failed } : undefined;
};
// node:test spec reporter: "ℹ pass 3" / "ℹ fail 0".
const nodeTestCount = (o: string) => {
  const passed = last(o, /^ℹ pass (\d+)/gm);
  const failed = last(o, /^ℹ fail (\d+)/gm);
  return passed === undefined ? undefined : { passed, failed: failed ?? 0 };
};
// vitest: "      Tests  41 passed (41)" or "Tests  2 failed | 39 passed (41)".
const vitestCount = (o: string) => {
  const line = o.split("\n").reverse().find((l) => /^\s*Tests\s+/.test(l.replace(/\x1b\[[0-9;]*m/g, "")));
  if (!line) return undefined;
  const clean = line.replace(/\x1b\[[0-9;]*m/g, "");
  return { passed: Number(clean.match(/(\d+) passed/)?.[1] ?? 0), failed: Number(clean.match(/(\d+) failed/)?.[1] ?? 0) };
};

const suites: Suite[] = [
  { name: "solhint (contracts)", command: bin("solhint"), args: ["--max-warnings", "0", "contracts/**/*.sol"] },
  { name: "solhint (Solidity tests)", command: bin("solhint"), args: ["--max-warnings", "0", "test/evm/**/*.sol"] },
  { name: "compile", command: bin("hardhat"), args: ["build"], prerequisite: true },
  { name: "codegen", command: bin("tsx"), args: ["scripts/codegen/index.ts"], prerequisite: true },
  { name: "EVM tests (Solidity fuzz/invariant + node:test)", command: bin("hardhat"), args: ["test"], count: hardhatCount },
  {
    name: "Clarity tests (simnet, coverage, costs)",
    command: bin("vitest"),
    args: ["run", "--config", "test/clarity/vitest.config.ts", "--", "--coverage", "--costs"],
    count: vitestCount,
  },
  { name: "typecheck (config, scripts, tests)", command: bin("tsc"), args: ["-p", "tsconfig.json"] },
  { name: "indexer typecheck", command: bin("tsc"), args: ["-p", "indexer/tsconfig.json", "--noEmit"] },
  { name: "web typecheck", command: bin("tsc"), args: ["-p", "web/tsconfig.json", "--noEmit"] },
  {
    // One file at a time: each starts its own Hardhat node and Ponder instances (and PostgreSQL).
    name: "indexer tests (real node + real Ponder, PGlite and PostgreSQL)",
    command: bin("tsx"),
    args: ["--test", "--test-reporter=spec", "--test-concurrency=1", "test/indexer/**/*.test.ts"],
    count: nodeTestCount,
  },
  { name: "end-to-end (headless Chromium)", command: bin("tsx"), args: ["--test", "--test-reporter=spec", "--test-concurrency=1", "test/e2e/**/*.test.ts"], count: nodeTestCount },
];

function runSuite(suite: Suite): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(suite.command, suite.args, { cwd: repoRoot, stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, FORCE_COLOR: "0" } });
    let output = "";
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      process.stdout.write(chunk);
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", onData);
    child.on("close", (code) => resolve({ code: code ?? 1, output }));
  });
}

const only = process.argv.slice(2);
let passed = 0;
let failed = 0;
const summary: string[] = [];
for (const suite of suites) {
  if (only.length && !only.some((o) => suite.name.toLowerCase().includes(o.toLowerCase()))) continue;
  console.log(`\n━━━ ${suite.name} ━━━`);
  const started = Date.now();
  const { code, output } = await runSuite(suite);
  const counted = suite.count?.(output);
  let p = counted?.passed ?? (code === 0 && !suite.prerequisite ? 1 : 0);
  let f = counted?.failed ?? (code === 0 ? 0 : 1);
  // A runner that exits non-zero without reporting a failing test still failed (crash, setup error).
  if (code !== 0 && f === 0) f = 1;
  passed += p;
  failed += f;
  summary.push(`${code === 0 && f === 0 ? "ok  " : "FAIL"} ${suite.name}: ${p} passed, ${f} failed (${((Date.now() - started) / 1000).toFixed(1)} s)`);
}
console.log(`\n━━━ summary ━━━\n${summary.join("\n")}\n`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
