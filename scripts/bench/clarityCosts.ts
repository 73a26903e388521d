/**
 * Clarity execution costs of the escrow and multisig calls, from the costs report the simnet suite
 * writes (`vitest … -- --costs --coverage` -> costs-reports.json; the SDK records test names only
 * when coverage is on too). Rows come from the tests named "cost baseline" (test/clarity/):
 *  - area "escrow", one row per operation (the first call of each escrow function):
 *    "cost baseline: 3-milestone escrow in STX|SIP-010, …" (create, fund, submit, approve, claim,
 *    dispute, resolve, rate, withdraw per asset) and "cost baseline: settlement, reclaim, cancel and
 *    admin in SIP-010, …" (revoke, settle, reclaim, cancel, the fee-discount source, a creation
 *    reading it). Admin functions (the tests' standard setup: set-token-allowed, grant-role) have
 *    one row each, without an asset. Each sits beside one bare mock-sip010 `transfer` to an account
 *    with no balance yet, measured in the same run (as the EVM rows sit beside an ERC-20 transfer);
 *  - area "escrow", whole lifecycles: "cost baseline: lifecycle 1|5-milestone SIP-010 job, …"
 *    (create + fund + submit/approve per milestone + the freelancer's and the fee recipient's
 *    withdrawals), summed, beside the sum of the three bare transfers any escrow of that job must
 *    make ("cost baseline: bare SIP-010 transfers …": the client's total in, the payout out and the
 *    fee out, each to an account with no balance yet);
 *  - area "multisig": "cost baseline: multisig 2-of-3|3-of-5 fee change|STX transfer, …"
 *    (propose, approve, queue, execute of one operation; the setup's initialize and escrow role
 *    grants are left out).
 *  - area "badges" (badgesRows): "cost baseline: badges …" (test/clarity/badges.test.ts), the first
 *    call of each badges function, in the EVM rows' order and names (scripts/bench/badgesGas.ts):
 *    claim Bronze then Silver (with an X attestation), submit-attestation, revoke-attestation,
 *    transfer of the Bronze, burn of the soul-bound Silver, set-tier-config, and the read-only
 *    get-token-uri, get-token-svg and get-fee-discount-bps, each beside one bare SIP-009 transfer
 *    ("cost baseline: bare SIP-009 transfer", plain-nft, as the EVM rows sit beside a plain ERC-721);
 *    and the escrow's create-escrow reading badges as its fee-discount source beside the same job
 *    created without a source.
 *  - area "dao" (daoRows), the first call of each function in the DAO's cost tests:
 *    "cost baseline: dao governance …" (test/clarity/dao.governance.test.ts): dao-token delegate,
 *    transfer, stake and unstake beside the same test's bare mock-sip010 transfer to an account with
 *    no balance yet; proposal-voting propose, vote (For, which reaches quorum; Against; Abstain),
 *    queue and execute (a parameter-change proposal run by dao-core), without anchor;
 *    "costs: fee-splitter …" (collect-stx, collect-ft, distribute-stx, release-stx, release-ft of the
 *    real escrow's fees), "costs: work-rewards …" (claim-work-reward of an STX job, two mints;
 *    claim-badge-reward) and "costs: staking-fee-discount …" (get-fee-discount-bps of a staker holding
 *    a badge; the escrow's create-escrow reading it, beside the same test's job created without a
 *    source).
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { BenchRow } from "./index.ts";

export interface CostEntry {
  test_name: string;
  contract_id: string;
  method: string;
  args: string[];
  cost_result: { total: Record<Unit, number> };
}

const UNITS = ["runtime", "read_count", "write_count", "write_length"] as const;
type Unit = (typeof UNITS)[number] | "read_length";
const CHAIN = "stacks (simnet)";
/** Escrow functions without an asset (reported once, whatever the test's asset). */
const ADMIN = new Set(["set-token-allowed", "grant-role", "revoke-role", "set-fee-discount-source", "set-platform-fee", "set-fee-recipient", "pause", "unpause"]);
export const TRANSFER_ANCHOR = "mock-sip010 transfer (to an account with no balance)";
export const FLOW_ANCHOR = "mock-sip010: transfer in + 2 transfers out (same flow)";

type Costs = Record<(typeof UNITS)[number], number>;
const costsOf = (e: CostEntry): Costs => Object.fromEntries(UNITS.map((u) => [u, e.cost_result.total[u]])) as Costs;
const sumCosts = (es: CostEntry[]): Costs => Object.fromEntries(UNITS.map((u) => [u, es.reduce((s, e) => s + e.cost_result.total[u], 0)])) as Costs;

/** The bench rows of a costs report (see the header). Throws when a baseline is missing. */
export function clarityRows(entries: CostEntry[]): BenchRow[] {
  const baseline = entries.filter((e) => e.test_name.includes("cost baseline"));
  const inTest = (re: RegExp) => baseline.filter((e) => re.test(e.test_name));
  const escrowCalls = (re: RegExp) => inTest(re).filter((e) => e.contract_id.endsWith(".escrow"));

  const transfers = inTest(/cost baseline: bare SIP-010 transfers/).filter((e) => e.contract_id.endsWith(".mock-sip010") && e.method === "transfer");
  if (transfers.length !== 3) throw new Error(`expected 3 bare SIP-010 transfers in costs-reports.json, found ${transfers.length}`);
  const single = costsOf(transfers[0]);
  const flow = sumCosts(transfers);

  const rows: BenchRow[] = [];
  const seen = new Set<string>();
  const add = (area: string, operation: string, worx: Costs, anchor: string | null, anchorCosts: Costs | null) => {
    if (seen.has(`${area}|${operation}`)) return; // first call: the same position in the flow as on EVM
    seen.add(`${area}|${operation}`);
    for (const unit of UNITS) {
      rows.push({ area, operation, chain: CHAIN, unit, worx: worx[unit], anchor, anchor_value: anchorCosts ? anchorCosts[unit] : null });
    }
  };

  // single operations
  for (const [re, asset] of [
    [/cost baseline: 3-milestone escrow in STX/, "STX"],
    [/cost baseline: 3-milestone escrow in SIP-010/, "SIP-010"],
    [/cost baseline: settlement, reclaim, cancel and admin in SIP-010/, "SIP-010"],
  ] as const) {
    for (const e of escrowCalls(re)) {
      let operation = ADMIN.has(e.method) ? e.method : `${e.method} (${asset})`;
      if (e.method === "create-escrow") {
        const count = (e.args[2]?.match(/\(tuple /g) ?? []).length; // the milestone terms
        const source = e.args.at(-1) !== "none" ? ", with a fee-discount source" : "";
        operation = `create-escrow (${asset}, ${count} milestone${count === 1 ? "" : "s"}${source})`;
      }
      add("escrow", operation, costsOf(e), TRANSFER_ANCHOR, single);
    }
  }

  // lifecycles (the standard setup's admin calls are not part of a job)
  for (const n of [1, 5]) {
    const calls = escrowCalls(new RegExp(`cost baseline: lifecycle ${n}-milestone SIP-010 job`)).filter((e) => !ADMIN.has(e.method));
    const expected = 2 + 2 * n + 2;
    if (calls.length !== expected) throw new Error(`lifecycle of ${n} milestone(s): expected ${expected} escrow calls, found ${calls.length}`);
    const steps = n > 1 ? `${n}x(submit+approve)` : "submit+approve";
    add("escrow", `lifecycle SIP-010, ${n} milestone${n > 1 ? "s" : ""} (create+fund+${steps}+withdraw x2)`, sumCosts(calls), FLOW_ANCHOR, flow);
  }

  for (const e of baseline) {
    const multisig = /cost baseline: multisig (\d+-of-\d+ [^,]+)/.exec(e.test_name);
    if (multisig && e.contract_id.endsWith(".multisig") && e.method !== "initialize") add("multisig", `${e.method} (${multisig[1]})`, costsOf(e), null, null);
  }
  rows.push(...badgesRows(baseline));
  rows.push(...daoRows(entries));
  rows.push(...dexRows(entries));
  for (const area of ["escrow", "multisig", "badges", "dao", "dex"]) {
    if (!rows.some((r) => r.area === area)) throw new Error(`No 'cost baseline' ${area} calls in costs-reports.json`);
  }
  return rows;
}

export async function measureClarityCosts(): Promise<BenchRow[]> {
  // Imported here so that clarityRows stays importable alone (the simnet suite's global setup prints it).
  const { run } = await import("../dev/processes.ts");
  const { repoRoot } = await import("../dev/stack.ts");
  const report = join(repoRoot, "costs-reports.json");
  await run(join(repoRoot, "node_modules", ".bin", "vitest"), ["run", "--config", "test/clarity/vitest.config.ts", "--", "--costs", "--coverage"], {
    cwd: repoRoot,
  });
  return clarityRows(JSON.parse(readFileSync(report, "utf8")));
}

export const NFT_TRANSFER_ANCHOR = "plain-nft transfer (SIP-009, to an account that holds none)";

/** Area "badges" of the "cost baseline" entries (see the header); [] without the badges baselines. */
export function badgesRows(baseline: CostEntry[]): BenchRow[] {
  const calls = baseline.filter((e) => e.test_name.includes("cost baseline: badges"));
  const transfer = baseline.find(
    (e) => e.test_name.includes("cost baseline: bare SIP-009 transfer") && e.contract_id.endsWith(".plain-nft") && e.method === "transfer",
  );
  if (calls.length === 0) return [];
  if (!transfer) throw new Error("no bare SIP-009 transfer (plain-nft) in costs-reports.json");
  // the baseline's own job (1 STX milestone of 1_000_000), not the history's jobs of 1_000
  const jobs = calls.filter((e) => e.contract_id.endsWith(".escrow") && e.method === "create-escrow" && e.args[2]?.includes("u1000000"));
  const withoutSource = jobs.find((e) => e.args.at(-1) === "none");
  const withSource = jobs.find((e) => e.args.at(-1) !== "none");
  if (!withoutSource || !withSource) throw new Error("cost baseline: badges: the job without and with the badges source is missing");
  const rows: BenchRow[] = [];
  const seen = new Set<string>();
  const add = (operation: string, e: CostEntry, anchor = NFT_TRANSFER_ANCHOR, anchorEntry = transfer) => {
    if (seen.has(operation)) return; // first call of each
    seen.add(operation);
    const worx = costsOf(e);
    const anchorCosts = costsOf(anchorEntry);
    for (const unit of UNITS) rows.push({ area: "badges", operation, chain: CHAIN, unit, worx: worx[unit], anchor, anchor_value: anchorCosts[unit] });
  };
  const names: Record<string, string> = {
    "claim u1": "claim Bronze (transferable; first badge)",
    "claim u2": "claim Silver (soul-bound, X-verified; second badge)",
    "submit-attestation": "submit-attestation",
    "revoke-attestation": "revoke-attestation",
    transfer: "transfer Bronze (to an account holding none)",
    burn: "burn (soul-bound Silver)",
    "set-tier-config": "set-tier-config",
    "get-token-uri": "get-token-uri (Silver; read-only)",
    "get-token-svg": "get-token-svg (Silver; read-only)",
    "get-fee-discount-bps": "get-fee-discount-bps (Silver holder; read-only)",
  };
  for (const e of calls.filter((c) => c.contract_id.endsWith(".badges"))) {
    const name = names[e.method === "claim" ? `claim ${e.args[0]}` : e.method];
    if (name) add(name, e);
  }
  add("create-escrow for a Silver holder (badges as fee-discount source)", withSource, "create-escrow, the same job without a fee-discount source", withoutSource);
  return rows;
}

export const DAO_TRANSFER_ANCHOR = "mock-sip010 transfer (to an account with no balance; same test)";
export const DAO_SOURCE_ANCHOR = "create-escrow, the same job without a fee-discount source";

/** Area "dao" of the DAO's cost tests (see the header); [] when none of them ran. */
export function daoRows(entries: CostEntry[]): BenchRow[] {
  const inTest = (name: string) => entries.filter((e) => e.test_name.includes(name));
  const governance = inTest("cost baseline: dao governance");
  const splitter = inTest("costs: fee-splitter");
  const rewards = inTest("costs: work-rewards");
  const discount = inTest("costs: staking-fee-discount");
  if (governance.length + splitter.length + rewards.length + discount.length === 0) return [];

  const rows: BenchRow[] = [];
  const add = (operation: string, e: CostEntry | undefined, anchor: string | null = null, anchorEntry: CostEntry | null = null) => {
    if (!e) throw new Error(`dao cost row "${operation}": its call is missing from costs-reports.json`);
    const worx = costsOf(e);
    const anchorCosts = anchorEntry ? costsOf(anchorEntry) : null;
    for (const unit of UNITS) rows.push({ area: "dao", operation, chain: CHAIN, unit, worx: worx[unit], anchor, anchor_value: anchorCosts ? anchorCosts[unit] : null });
  };
  /** The first call of `method` on `contract` in `calls` (optionally with its first argument `arg0`). */
  const first = (calls: CostEntry[], contract: string, method: string, arg?: [number, string]) =>
    calls.find((e) => e.contract_id.endsWith(`.${contract}`) && e.method === method && (!arg || e.args[arg[0]] === arg[1]));

  const transfer = first(governance, "mock-sip010", "transfer");
  if (!transfer) throw new Error("cost baseline: dao governance: the bare mock-sip010 transfer is missing");
  add("delegate (to self; first delegation)", first(governance, "dao-token", "delegate"), DAO_TRANSFER_ANCHOR, transfer);
  add("propose (a parameter change)", first(governance, "proposal-voting", "propose"));
  add("vote (For; the proposal's first vote, reaches quorum)", first(governance, "proposal-voting", "vote", [1, "u1"]));
  add("vote (Against; quorum already reached)", first(governance, "proposal-voting", "vote", [1, "u0"]));
  add("vote (Abstain; quorum already reached)", first(governance, "proposal-voting", "vote", [1, "u2"]));
  add("queue (eta = height + timelock blocks)", first(governance, "proposal-voting", "queue"));
  add("execute (the parameter change, run by dao-core)", first(governance, "proposal-voting", "execute"));
  add("transfer WORX (from a delegating holder to an account with no balance)", first(governance, "dao-token", "transfer"), DAO_TRANSFER_ANCHOR, transfer);
  add("stake (first position, 30 days)", first(governance, "dao-token", "stake"), DAO_TRANSFER_ANCHOR, transfer);
  add("unstake (the 30-day position, unlocked)", first(governance, "dao-token", "unstake"), DAO_TRANSFER_ANCHOR, transfer);

  add("fee-splitter collect-stx (the escrow's STX fees; first income)", first(splitter, "fee-splitter", "collect-stx"));
  add("fee-splitter collect-ft (the escrow's SIP-010 fees; first income)", first(splitter, "fee-splitter", "collect-ft"));
  add("fee-splitter distribute-stx (STX sent in directly)", first(splitter, "fee-splitter", "distribute-stx"));
  add("fee-splitter release-stx (to the dao-treasury)", first(splitter, "fee-splitter", "release-stx"));
  add("fee-splitter release-ft (to the dao-treasury)", first(splitter, "fee-splitter", "release-ft"));

  add("claim-work-reward (STX job; freelancer and client hold no WORX)", first(rewards, "work-rewards", "claim-work-reward"));
  add("claim-badge-reward (Bronze)", first(rewards, "work-rewards", "claim-badge-reward"));

  add("staking-fee-discount get-fee-discount-bps (staker holding a badge; read-only)", first(discount, "staking-fee-discount", "get-fee-discount-bps"));
  const jobs = discount.filter((e) => e.contract_id.endsWith(".escrow") && e.method === "create-escrow");
  const withoutSource = jobs.find((e) => e.args.at(-1) === "none");
  const withSource = jobs.find((e) => e.args.at(-1) !== "none");
  if (!withoutSource) throw new Error("costs: staking-fee-discount: the job created without a fee-discount source is missing");
  add("create-escrow reading staking-fee-discount as fee-discount source", withSource, DAO_SOURCE_ANCHOR, withoutSource);
  return rows;
}

/**
 * Area "dex": the first call of each of the DEX's main functions in test "cost baseline: dex …"
 * (test/clarity/dex.pool.test.ts, the default protections on), beside that test suite's bare
 * mock-sip010 transfer to an account with no balance yet where a token moves. [] without the test.
 */
export const DEX_TRANSFER_ANCHOR = "mock-sip010 transfer (to an account with no balance; the escrow baseline, same run)";

export function dexRows(entries: CostEntry[]): BenchRow[] {
  const calls = entries.filter((e) => e.test_name.includes("cost baseline: dex"));
  if (calls.length === 0) return [];
  const transfer = entries.find((e) => e.test_name.includes("cost baseline: bare SIP-010 transfers") && e.contract_id.endsWith(".mock-sip010") && e.method === "transfer");
  const rows: BenchRow[] = [];
  const add = (operation: string, method: string, anchored: boolean) => {
    const e = calls.find((c) => c.method === method);
    if (!e) throw new Error(`dex cost row "${operation}": its call is missing from costs-reports.json`);
    const worx = costsOf(e);
    const anchor = anchored && transfer ? costsOf(transfer) : null;
    for (const unit of UNITS) rows.push({ area: "dex", operation, chain: CHAIN, unit, worx: worx[unit], anchor: anchor ? DEX_TRANSFER_ANCHOR : null, anchor_value: anchor ? anchor[unit] : null });
  };
  add("metrics-oracle report (crossing the launch milestone)", "report", false);
  add("creator-factory launch (code-hash check, initialize, pool registration)", "launch", false);
  add("creator-pool add-liquidity (the creator's first deposit)", "add-liquidity", true);
  add("creator-pool swap-exact-in (every protection on)", "swap-exact-in", true);
  add("creator coin deposit-revenue", "deposit-revenue", true);
  add("creator coin claim-revenue", "claim-revenue", true);
  return rows;
}
