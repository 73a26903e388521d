/**
 * `npm run bench`: cost figures of every layer, printed as one markdown table and, with
 * `-- --out FILE`, written as a JSON array of
 * {area, operation, chain, unit, worx, anchor, anchor_value} (anchor fields null where none).
 * `-- --update-gas-snapshot` also rewrites the committed gas snapshots of the areas it ran:
 * test/evm/gas-snapshot.json (area `evm`), test/evm/multisig/gas-snapshot.json (area
 * `multisig`), test/evm/badges/gas-snapshot.json (area `badges`), test/evm/dao/gas-snapshot.json
 * (area `dao`) and test/evm/dex/gas-snapshot.json (area `dex`), e.g.
 * `npm run bench -- evm multisig --update-gas-snapshot`.
 * Areas: evm, multisig, badges, dao, dex, clarity, indexer (= indexer-backfill, indexer-stacks and
 * latency), web; none given: all.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { escrowSnapshot, measureEscrowGas } from "./evmGas.ts";
import { measureMultisigGas, multisigSnapshot } from "./multisigGas.ts";
import { badgesSnapshot, measureBadgesGas } from "./badgesGas.ts";
import { daoSnapshot, measureDaoGas } from "./daoGas.ts";
import { dexSnapshot, measureDexGas } from "./dexGas.ts";
import { measureClarityCosts } from "./clarityCosts.ts";
import { measureBundle } from "./bundle.ts";
import { measureIndexerThroughput } from "./indexerThroughput.ts";
import { measureIndexerLatency } from "./indexerLatency.ts";
import { measureStacksIngestion } from "./indexerStacks.ts";
import { repoRoot } from "../dev/stack.ts";

export interface BenchRow {
  area: string;
  operation: string;
  chain: string;
  unit: string;
  worx: number;
  anchor: string | null;
  anchor_value: number | null;
}

const args = process.argv.slice(2);
const outIndex = args.indexOf("--out");
const outFile = outIndex >= 0 ? args[outIndex + 1] : undefined;
const only = args.filter((a, i) => !a.startsWith("--") && args[i - 1] !== "--out");
const wanted = (area: string) => only.length === 0 || only.includes(area);

const rows: BenchRow[] = [];

if (wanted("evm")) {
  // Single operations sit beside one ERC-20 transfer; whole lifecycles beside the sum of the
  // transfers the same flow must make (scripts/bench/evmGas.ts).
  const gas = await measureEscrowGas();
  for (const r of gas) {
    rows.push({ area: "escrow", operation: r.operation, chain: "eip155:31337", unit: "gas", worx: r.gas, anchor: r.anchor, anchor_value: r.anchorGas });
  }
  if (args.includes("--update-gas-snapshot")) {
    writeFileSync(join(repoRoot, "test/evm/gas-snapshot.json"), JSON.stringify(escrowSnapshot(gas), null, 2) + "\n");
    console.error("[bench] wrote test/evm/gas-snapshot.json");
  }
}
if (wanted("multisig")) {
  const gas = await measureMultisigGas();
  for (const r of gas) {
    rows.push({ area: "multisig", operation: r.operation, chain: "eip155:31337", unit: "gas", worx: r.gas, anchor: r.anchor, anchor_value: r.anchorGas });
  }
  if (args.includes("--update-gas-snapshot")) {
    writeFileSync(join(repoRoot, "test/evm/multisig/gas-snapshot.json"), JSON.stringify(multisigSnapshot(gas), null, 2) + "\n");
    console.error("[bench] wrote test/evm/multisig/gas-snapshot.json");
  }
}
if (wanted("badges")) {
  // Claims, transfers and burns beside plain OpenZeppelin ERC-721 (scripts/bench/badgesGas.ts).
  const gas = await measureBadgesGas();
  for (const r of gas) {
    rows.push({ area: "badges", operation: r.operation, chain: "eip155:31337", unit: "gas", worx: r.gas, anchor: r.anchor, anchor_value: r.anchorGas });
  }
  if (args.includes("--update-gas-snapshot")) {
    writeFileSync(join(repoRoot, "test/evm/badges/gas-snapshot.json"), JSON.stringify(badgesSnapshot(gas), null, 2) + "\n");
    console.error("[bench] wrote test/evm/badges/gas-snapshot.json");
  }
}
if (wanted("dao")) {
  // Governance beside an unmodified OpenZeppelin Governor + ERC20Votes + Timelock on the same
  // scenario; staking, fees and rewards (scripts/bench/daoGas.ts).
  const gas = await measureDaoGas();
  for (const r of gas) {
    rows.push({ area: "dao", operation: r.operation, chain: "eip155:31337", unit: "gas", worx: r.gas, anchor: r.anchor, anchor_value: r.anchorGas });
  }
  if (args.includes("--update-gas-snapshot")) {
    writeFileSync(join(repoRoot, "test/evm/dao/gas-snapshot.json"), JSON.stringify(daoSnapshot(gas), null, 2) + "\n");
    console.error("[bench] wrote test/evm/dao/gas-snapshot.json");
  }
}
if (wanted("dex")) {
  // Creator-coin pools, oracle, launch and revenue beside Uniswap V2 (v2-core + Router02 from npm)
  // on the same tokens, reserves and trades (scripts/bench/dexGas.ts).
  const gas = await measureDexGas();
  for (const r of gas) {
    rows.push({ area: "dex", operation: r.operation, chain: "eip155:31337", unit: "gas", worx: r.gas, anchor: r.anchor, anchor_value: r.anchorGas });
  }
  if (args.includes("--update-gas-snapshot")) {
    writeFileSync(join(repoRoot, "test/evm/dex/gas-snapshot.json"), JSON.stringify(dexSnapshot(gas), null, 2) + "\n");
    console.error("[bench] wrote test/evm/dex/gas-snapshot.json");
  }
}
if (wanted("clarity")) rows.push(...(await measureClarityCosts()));
// Backfill of the event mix, dense and sparse, PGlite and PostgreSQL (scripts/bench/indexerThroughput.ts);
// Stacks payloads through the bridge (scripts/bench/indexerStacks.ts); freshness and query latency
// (scripts/bench/indexerLatency.ts). `indexer-backfill`, `indexer-stacks` and `latency` run one part.
if (wanted("indexer") || wanted("indexer-backfill")) rows.push(...(await measureIndexerThroughput()));
if (wanted("indexer") || wanted("indexer-stacks")) rows.push(...(await measureStacksIngestion()));
if (wanted("indexer") || wanted("latency")) rows.push(...(await measureIndexerLatency()));
if (wanted("web")) rows.push(...(await measureBundle()));

const fmt = (n: number | null) => (n === null ? "—" : n.toLocaleString("en-US"));
console.log("| area | operation | chain | unit | worx | anchor | anchor value |");
console.log("|---|---|---|---|---:|---|---:|");
for (const r of rows) {
  console.log(`| ${r.area} | ${r.operation} | ${r.chain} | ${r.unit} | ${fmt(r.worx)} | ${r.anchor ?? "—"} | ${fmt(r.anchor_value)} |`);
}
if (outFile) {
  writeFileSync(outFile, JSON.stringify(rows, null, 2) + "\n");
  console.error(`[bench] wrote ${rows.length} rows to ${outFile}`);
}
process.exit(0);
