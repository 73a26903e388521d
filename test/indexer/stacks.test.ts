/**
 * The Stacks ingestion path end to end: real simnet runs of escrow.clar, badges.clar and multisig.clar
 * (test/indexer/stacksSimnet.ts)
 * become stacks-node `/new_block` payloads, posted to the Stacks bridge (indexer/stacks/), which
 * Ponder indexes through the bridge's EVM facade into the same tables as the EVM contracts.
 *
 *   npx tsx --test test/indexer/stacks.test.ts
 *
 * Checked: rows equal what the simnet's read-only functions say; re-posting every block changes
 * nothing; a block whose parent is unknown is refused (409) and accepted after its parent; a fork
 * (a second block at a height, then that branch grows longer) ends with the rows of the canonical
 * branch only — the same rows as a bridge that only ever saw that branch; SIGKILL of the bridge
 * and Ponder (on PostgreSQL, resuming from its checkpoint) mid-stream, then a restart, ends with
 * the same rows too.
 * A DAO round (./stacksDao.ts: bootstrap, rewards, delegation, stake, fee splitter, a proposal
 * voted, queued and executed, another cancelled) fills the DAO tables as the simnet's read-only
 * functions say, and the REST API answers for Stacks principals.
 * A DEX round (./stacksDex.ts: a creator crossing the launch milestone, a template copy deployed and
 * launched, the creator's first deposit, buys and sells, a circuit-breaker trip and resume, a
 * revenue deposit and claims, a release, fees collected, liquidity removed, parameters set through
 * the multisig) fills the DEX tables as the simnet's read-only functions say; candles are the OHLC
 * of the swaps' prices and positions the average cost, both by hand; badges claimed, transferred
 * and burnt (SIP-009 asset events) have the owners the simnet says.
 * Ports: bridge 42094, Ponder 42092 (PGlite) and 42093 (PostgreSQL 5548, crash run).
 */
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { Cl, ClarityType, type ClarityValue } from "@stacks/transactions";
import { zeroAddress } from "viem";
import { ponderChainIdOfStacks } from "../../indexer/stacks/chains.ts";
import { startBridge, type Bridge } from "../../indexer/stacks/server.ts";
import { startPostgres } from "../../scripts/dev/postgres.ts";
import { startProcess, stopAll, type Supervised } from "../../scripts/dev/processes.ts";
import { repoRoot } from "../../scripts/dev/stack.ts";
import { assertSameDump, dumpTables, poll, startTestIndexer, waitForBlock, type Dump, type TestIndexer } from "./harness.ts";
import { assertCombinedViews } from "./combinedViews.ts";
import { assertDaoRows, runDaoRound } from "./stacksDao.ts";
import { plainField as field, plainValue } from "../../indexer/src/stacks/plainValue.ts";
import { assertDexRows, runDexRound } from "./stacksDex.ts";
import { SimnetChain, type NewBlockPayload } from "./stacksSimnet.ts";

const CHAIN = "stacks:2147483648";
const BRIDGE_PORT = 42094;
const PONDER_PORTS = [42092, 42093] as const;
const POSTGRES_PORT = 5548;
const DAY = 86_400n;

const post = (url: string, block: NewBlockPayload) =>
  fetch(`${url}/new_block`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(block) });

async function postAll(url: string, blocks: NewBlockPayload[]): Promise<void> {
  for (const b of blocks) {
    const res = await post(url, b);
    assert.equal(res.status, 200, `block ${b.block_height}: ${await res.text()}`);
  }
}

const ESCROW_STATUS = ["none", "created", "funded", "completed", "cancelled", "closed"];
const MILESTONE_STATUS = ["pending", "submitted", "released", "disputed", "refunded", "resolved"];

/** What the simnet's read-only functions say, in the rows' terms (time-independent fields). */
function simnetState(chain: SimnetChain, escrowIds: number[], freelancers: string[]) {
  const escrows = escrowIds.map((id) => {
    const e = chain.read("escrow", "get-escrow", [Cl.uint(id)]);
    const ms = chain.read("escrow", "get-milestones", [Cl.uint(id)]);
    assert.equal(ms.type, ClarityType.List);
    return {
      id: `${CHAIN}:${id}`,
      client: field(e, "client"),
      freelancer: field(e, "freelancer"),
      token: (field(e, "token") ?? zeroAddress) as unknown,
      status: ESCROW_STATUS[Number(field(e, "status"))],
      total: String(field(e, "total")),
      released: String(field(e, "released")),
      refunded: String(field(e, "refunded")),
      feeBps: Number(field(e, "fee-bps")),
      milestoneCount: Number(field(e, "milestone-count")),
      settledCount: Number(field(e, "settled-count")),
      reviewPeriod: Number(field(e, "review-period")),
      gracePeriod: Number(field(e, "grace-period")),
      reclaimed: field(e, "reclaimed"),
      rated: field(e, "rated"),
      milestones: (ms as { value: ClarityValue[] }).value.map((m) => ({
        amount: String(field(m, "amount")),
        status: MILESTONE_STATUS[Number(field(m, "status"))],
      })),
    };
  });
  const stats = freelancers.map((f) => {
    const s = chain.read("escrow", "get-freelancer-stats", [Cl.principal(f)]);
    const earned = chain.read("escrow", "get-earned", [Cl.principal(f), Cl.none()]);
    const n = (k: string) => Number(field(s, k));
    return {
      freelancer: f,
      completedJobs: n("completed-jobs"),
      milestonesDelivered: n("milestones-delivered"),
      milestonesOnTime: n("milestones-on-time"),
      milestonesReclaimed: n("milestones-reclaimed"),
      ratingCount: n("rating-count"),
      ratingSum: n("rating-sum"),
      disputesOpened: n("disputes-opened"),
      disputesLost: n("disputes-lost"),
      earned: String(earned.type === ClarityType.UInt ? earned.value : 0n),
    };
  });
  return { escrows, stats };
}
type SimnetState = ReturnType<typeof simnetState>;

/** The same view from the indexed rows. */
function indexedState(dump: Dump, expected: SimnetState): SimnetState {
  const rows = (table: string) => dump[table]!.filter((r) => r.chainId === CHAIN);
  const escrows = expected.escrows.map((e) => {
    const r = rows("escrow").find((x) => x.id === e.id);
    assert.ok(r, `no escrow row ${e.id}`);
    const ms = rows("milestone")
      .filter((m) => m.escrowId === r.escrowId)
      .sort((a, b) => Number(a.index) - Number(b.index));
    return {
      id: r.id as string,
      client: r.client,
      freelancer: r.freelancer,
      token: r.token,
      status: r.status as string,
      total: r.total as string,
      released: r.released as string,
      refunded: r.refunded as string,
      feeBps: r.feeBps as number,
      milestoneCount: r.milestoneCount as number,
      settledCount: r.settledCount as number,
      reviewPeriod: r.reviewPeriod as number,
      gracePeriod: r.gracePeriod as number,
      reclaimed: r.reclaimed,
      rated: r.rating !== null,
      milestones: ms.map((m) => ({ amount: m.amount as string, status: m.status as string })),
    };
  });
  const stats = expected.stats.map((s) => {
    const r = rows("freelancer_stats").find((x) => x.freelancer === s.freelancer);
    assert.ok(r, `no freelancer_stats row for ${s.freelancer}`);
    const earned = rows("freelancer_earning").find((x) => x.freelancer === s.freelancer && x.token === zeroAddress);
    return {
      freelancer: s.freelancer,
      completedJobs: r.completedJobs as number,
      milestonesDelivered: r.milestonesDelivered as number,
      milestonesOnTime: r.milestonesOnTime as number,
      milestonesReclaimed: r.milestonesReclaimed as number,
      ratingCount: r.ratingCount as number,
      ratingSum: r.ratingSum as number,
      disputesOpened: r.disputesOpened as number,
      disputesLost: r.disputesLost as number,
      earned: (earned?.earned as string | undefined) ?? "0",
    };
  });
  return { escrows, stats };
}

interface Scenario {
  /** Blocks both branches share, from the anchor (the simnet's deployment tip). */
  prefix: NewBlockPayload[];
  /** Branch A after the prefix: milestone 1 approved, job completed and rated 5, withdrawal. */
  a: NewBlockPayload[];
  /** Branch B after the prefix (longer): milestone 1 disputed and ruled 30 %, rated 2, withdrawal. */
  b: NewBlockPayload[];
  stateA: SimnetState;
  stateB: SimnetState;
  freelancer: string;
  client: string;
  deployer: string;
  attester: string;
  feeRecipient: string;
  /** The first multisig operation's id, as propose returned it. */
  operationId: string;
  /** The badge claimed, as badges.clar's read-only functions say. */
  badge: { tokenId: bigint; locked: boolean };
}

/**
 * The shared prefix of calls: the badges' deployment prints (tier configs), an attester who
 * attests the freelancer (x-verified, vetted), who claims the "verified" badge (tier 5); two jobs,
 * one delivered halfway, one cancelled; then the x-verified attestation revoked.
 */
async function runPrefix(chain: SimnetChain): Promise<{ operationId: string }> {
  const [client, freelancer, attester, arbiter] = [chain.account("wallet_1"), chain.account("wallet_2"), chain.account("wallet_3"), chain.account("wallet_5")];
  await chain.deploymentPrints("badges");
  await chain.call("badges", "grant-role", [Cl.stringAscii("attester"), Cl.principal(attester)], chain.deployer);
  await chain.call("badges", "submit-attestation", chain.attestation(attester, freelancer, 1, 1), freelancer);
  await chain.call("badges", "submit-attestation", chain.attestation(attester, freelancer, 2, 2), freelancer);
  await chain.call("badges", "claim", [Cl.uint(5)], freelancer);
  await chain.call("escrow", "grant-role", [Cl.stringAscii("arbiter"), Cl.principal(arbiter)], chain.deployer);
  const due = chain.simnet.getBlockTime() + 10n * DAY;
  const terms = Cl.list([1_000_000n, 3_000_000n].map((amount) => Cl.tuple({ amount: Cl.uint(amount), "due-date": Cl.uint(due) })));
  await chain.call("escrow", "create-escrow", [Cl.principal(freelancer), Cl.none(), terms, Cl.uint(3n * DAY), Cl.uint(7n * DAY), Cl.none()], client);
  await chain.call("escrow", "fund-escrow", [Cl.uint(1), Cl.none()], client);
  await chain.call("escrow", "submit-milestone", [Cl.uint(1), Cl.uint(0), Cl.buffer(new Uint8Array(32).fill(7))], freelancer);
  await chain.call("escrow", "approve-milestone", [Cl.uint(1), Cl.uint(0)], client);
  await chain.call("escrow", "submit-milestone", [Cl.uint(1), Cl.uint(1), Cl.buffer(new Uint8Array(32).fill(8))], freelancer);
  const single = Cl.list([Cl.tuple({ amount: Cl.uint(500_000n), "due-date": Cl.uint(due) })]);
  await chain.call("escrow", "create-escrow", [Cl.principal(freelancer), Cl.none(), single, Cl.uint(3n * DAY), Cl.uint(7n * DAY), Cl.none()], client);
  await chain.call("escrow", "cancel-escrow", [Cl.uint(2)], client);
  await chain.call("badges", "revoke-attestation", [Cl.principal(freelancer), Cl.uint(1)], attester);
  // The multisig: initialized (owners, thresholds 2/3, delays 1/2 days, guardian, fee changes on
  // the escrow routine, the escrow pausable); a fee change proposed, approved and queued; another
  // proposed and cancelled by two cancel approvals.
  const escrow = `${chain.deployer}.escrow`;
  const owners = ["wallet_1", "wallet_2", "wallet_3", "wallet_4"].map((w) => chain.account(w));
  await chain.call("multisig", "initialize", [
    Cl.list(owners.map((o) => Cl.principal(o))),
    Cl.uint(2),
    Cl.uint(3),
    Cl.uint(DAY),
    Cl.uint(2n * DAY),
    Cl.some(Cl.principal(chain.deployer)),
    Cl.list([Cl.tuple({ target: Cl.principal(escrow), selector: Cl.stringAscii("set-platform-fee") })]),
    Cl.list([Cl.principal(escrow)]),
  ], chain.deployer);
  const op1 = await chain.call("multisig", "propose-set-platform-fee", [Cl.principal(escrow), Cl.uint(500), Cl.uint(1)], owners[0]!);
  await chain.call("multisig", "approve", [op1], owners[1]!);
  await chain.call("multisig", "queue", [op1], owners[2]!);
  const op2 = await chain.call("multisig", "propose-set-platform-fee", [Cl.principal(escrow), Cl.uint(700), Cl.uint(2)], owners[0]!);
  await chain.call("multisig", "approve-cancel", [op2], owners[1]!);
  await chain.call("multisig", "approve-cancel", [op2], owners[2]!);
  assert.equal(op1.type, ClarityType.Buffer);
  return { operationId: `0x${op1.value}` };
}

/** The multisig rows: its configuration as initialized and the two operations' states. */
function assertMultisig(dump: Dump, s: Scenario): void {
  const rows = (table: string) => dump[table]!.filter((r) => r.chainId === CHAIN);
  const multisig = `${s.deployer}.multisig`;
  const escrow = `${s.deployer}.escrow`;
  const config = rows("multisig_config");
  assert.equal(config.length, 1);
  assert.deepEqual(
    [config[0]!.multisig, config[0]!.ownerCount, config[0]!.routineThreshold, config[0]!.criticalThreshold, config[0]!.routineDelay, config[0]!.criticalDelay, config[0]!.guardian],
    [multisig, 4, 2, 3, String(DAY), String(2n * DAY), s.deployer],
  );
  assert.equal(rows("multisig_owner").filter((o) => o.active).length, 4);
  const classes = rows("multisig_class");
  assert.deepEqual(classes.map((c) => [c.target, c.selector, c.opClass]), [[escrow, `0x${Buffer.from("set-platform-fee").toString("hex")}`, "routine"]]);
  assert.deepEqual(rows("multisig_pausable_target").map((t) => [t.target, t.pausable]), [[escrow, true]]);
  const ops = rows("multisig_operation").sort((a, b) => Number(a.nonce) - Number(b.nonce));
  assert.deepEqual(ops.map((o) => [o.target, o.proposer, o.opClass, o.state, o.approvals, o.cancelApprovals]), [
    [escrow, s.client, "routine", "queued", 2, 0],
    [escrow, s.client, "routine", "cancelled", 1, 2],
  ]);
  assert.equal(ops[0]!.operationId, s.operationId, "the operation id the contract returned");
  assert.ok(BigInt(ops[0]!.eta as string) > 0n);
}

async function buildScenario(): Promise<Scenario> {
  const a = await SimnetChain.start();
  const [client, freelancer] = [a.account("wallet_1"), a.account("wallet_2")];
  const { operationId } = await runPrefix(a);
  const prefixLength = a.blocks.length;
  await a.call("escrow", "approve-milestone", [Cl.uint(1), Cl.uint(1)], client);
  await a.call("escrow", "rate-job", [Cl.uint(1), Cl.uint(5)], client);
  await a.call("escrow", "withdraw", [Cl.none()], freelancer);
  const stateA = simnetState(a, [1, 2], [freelancer]);
  const tokenId = a.read("badges", "get-claimed-token", [Cl.principal(freelancer), Cl.uint(5)]);
  assert.equal(tokenId.type, ClarityType.UInt);
  const badge = { tokenId: BigInt(tokenId.value), locked: a.read("badges", "is-locked", [Cl.uint(tokenId.value)]).type === ClarityType.BoolTrue };
  const recipient = a.read("escrow", "get-fee-recipient", []);
  assert.equal(recipient.type, ClarityType.PrincipalStandard);
  const feeRecipient = recipient.value;
  const prefix = a.blocks.slice(0, prefixLength);
  const branchA = a.blocks.slice(prefixLength);

  // Branch B: a fresh session replays the prefix (same state; the simnet's clock moved on, so its
  // own prefix blocks differ in time) and diverges; its blocks are re-parented onto A's prefix.
  const b = await SimnetChain.start();
  await runPrefix(b);
  const arbiter = b.account("wallet_5");
  const fromB = b.blocks.length;
  await b.call("escrow", "open-dispute", [Cl.uint(1), Cl.uint(1), Cl.buffer(new Uint8Array(32).fill(9))], client);
  await b.call("escrow", "resolve-dispute", [Cl.uint(1), Cl.uint(1), Cl.uint(3000)], arbiter);
  await b.call("escrow", "rate-job", [Cl.uint(1), Cl.uint(2)], client);
  await b.call("escrow", "withdraw", [Cl.none()], freelancer);
  b.mineEmpty();
  const stateB = simnetState(b, [1, 2], [freelancer]);
  const branchB = rebase(prefix.at(-1)!, b.blocks.slice(fromB));
  assert.ok(branchB.length > branchA.length, "branch B must outgrow branch A");
  assert.equal(branchA[0]!.block_height, branchB[0]!.block_height, "the branches fork at the same height");
  return { prefix, a: branchA, b: branchB, stateA, stateB, freelancer, client, deployer: a.deployer, attester: a.account("wallet_3"), badge, feeRecipient, operationId };
}

/** `blocks` re-chained onto `parent` (new index hashes from the new parent links). */
function rebase(parent: NewBlockPayload, blocks: NewBlockPayload[]): NewBlockPayload[] {
  const out: NewBlockPayload[] = [];
  let prev = parent;
  for (const b of blocks) {
    const index_block_hash = `0x${hash(`${prev.index_block_hash}/${b.index_block_hash}`)}`;
    const next = { ...b, parent_index_block_hash: prev.index_block_hash, parent_block_hash: prev.block_hash, index_block_hash, block_time: Math.max(b.block_time, prev.block_time) };
    out.push(next);
    prev = next;
  }
  return out;
}
const hash = (s: string) => createHash("sha256").update(s).digest("hex");

/** The badge rows against the simnet: the claimed token, tier configs, attestations, roles. */
function assertBadges(dump: Dump, s: Scenario): void {
  const rows = (table: string) => dump[table]!.filter((r) => r.chainId === CHAIN);
  const badges = rows("badge");
  assert.equal(badges.length, 1);
  assert.equal(badges[0]!.owner, s.freelancer);
  assert.equal(badges[0]!.claimedBy, s.freelancer);
  assert.equal(badges[0]!.tier, "verified");
  assert.equal(badges[0]!.tokenId, String(s.badge.tokenId));
  assert.equal(badges[0]!.locked, s.badge.locked);
  assert.deepEqual(rows("badge_tier").map((t) => t.tierId).sort(), [1, 2, 3, 4, 5], "the deployment's tier configs");
  const tier5 = rows("badge_tier").find((t) => t.tierId === 5)!;
  assert.equal(tier5.contract, `${s.deployer}.badges`);
  assert.equal(tier5.soulbound, s.badge.locked);
  const attestations = rows("attestation").sort((a, b) => Number(a.kind) - Number(b.kind));
  assert.deepEqual(attestations.map((a) => [a.subject, a.kindName, a.revoked, a.attester]), [
    [s.freelancer, "x-verified", true, s.attester],
    [s.freelancer, "vetted", false, s.attester],
  ]);
  assert.equal(attestations[0]!.revokedBy, s.attester);
  const roles = rows("admin_action").filter((r) => r.action === "RoleGranted").map((r) => (r.details as Record<string, unknown>).roleName).sort();
  assert.deepEqual(roles, ["ARBITER_ROLE", "ATTESTER_ROLE"]);
  const board = rows("leaderboard").find((r) => r.freelancer === s.freelancer);
  assert.equal(board?.bestTier, "verified");
}

const ponderEnv = (bridgeUrl: string, startBlock: number) => ({
  WORX_INDEX_CHAINS: CHAIN,
  WORX_STACKS_RPC_URL: `${bridgeUrl}/rpc`,
  WORX_STACKS_NETWORK: "devnet",
  WORX_STACKS_START_BLOCK: String(startBlock),
});

describe("Stacks ingestion: simnet payloads -> bridge -> Ponder -> the escrow, badge and multisig tables", () => {
  let workDir: string;
  let s: Scenario;
  let bridge: Bridge;
  let ponder: TestIndexer;
  let forkDump: Dump;

  before(async () => {
    workDir = mkdtempSync(join(tmpdir(), "worx-stacks-"));
    console.log(`# logs and data: ${workDir}`);
    s = await buildScenario();
    bridge = await startBridge({ port: BRIDGE_PORT, dbPath: join(workDir, "bridge-1.sqlite"), chainId: ponderChainIdOfStacks("devnet"), log: () => {} });
  });

  after(async () => {
    await stopAll();
    await bridge?.close();
    if (process.env.WORX_KEEP_TEST_DATA !== "1") rmSync(workDir, { recursive: true, force: true });
  });

  test("an out-of-order block is refused (409) and accepted after its parent", async () => {
    const [anchor, first, second] = s.prefix as [NewBlockPayload, NewBlockPayload, NewBlockPayload];
    assert.equal((await post(bridge.url, anchor)).status, 200);
    const early = await post(bridge.url, second);
    assert.equal(early.status, 409, await early.text());
    assert.equal(bridge.store.tip()?.height, anchor.block_height);
    await postAll(bridge.url, [first, second]);
    assert.equal(bridge.store.tip()?.indexBlockHash, second.index_block_hash);
  });

  test("rows equal the simnet's read-only state after branch A", async () => {
    await postAll(bridge.url, [...s.prefix.slice(3), ...s.a]);
    ponder = await startTestIndexer({
      name: "Ponder (Stacks)",
      kind: "pglite",
      port: PONDER_PORTS[0],
      rpcUrl: "http://127.0.0.1:1", // no EVM chain is indexed (WORX_INDEX_CHAINS)
      workDir,
      env: ponderEnv(bridge.url, s.prefix[0]!.block_height),
    });
    await waitForBlock(ponder, s.a.at(-1)!.block_height, 120_000);
    const dump = await dumpTables(ponder.url);
    assert.deepEqual(indexedState(dump, s.stateA), s.stateA);
    // The job's timeline, in order, as the EVM escrow would have it.
    const kinds = dump.escrow_event!.filter((e) => e.chainId === CHAIN && e.escrowId === "1").sort((x, y) => Number(x.blockNumber) - Number(y.blockNumber) || Number(x.logIndex) - Number(y.logIndex)).map((e) => e.kind);
    assert.deepEqual(kinds, ["EscrowCreated", "EscrowFunded", "MilestoneSubmitted", "MilestoneReleased", "MilestoneSubmitted", "MilestoneReleased", "EscrowCompleted", "JobRated"]);
    // Actors are principals (the transaction's sender where the event names none).
    const admin = dump.admin_action!.find((r) => r.chainId === CHAIN && r.action === "RoleGranted");
    assert.equal(admin?.actor, s.deployer);
    assert.equal((admin?.details as Record<string, unknown>).roleName, "ARBITER_ROLE");
    assertBadges(dump, s);
    assertMultisig(dump, s);
    // Fees: credited to the contract's fee recipient (escrow.clar's initial settings row), and
    // fees + payouts = what was released to the freelancer's side.
    const flows = dump.fee_flow!.filter((r) => r.chainId === CHAIN);
    assert.ok(flows.length > 0);
    for (const f of flows) assert.equal(f.recipient, s.feeRecipient);
    const fees = flows.reduce((sum, f) => sum + BigInt(f.amount as string), 0n);
    assert.equal(fees + BigInt(s.stateA.stats[0]!.earned), BigInt(s.stateA.escrows[0]!.released));
  });

  test("the combined views (GET /chains, /leaderboard over every chain, /profiles/all) label the Stacks rows with their chain", async () => {
    await assertCombinedViews(ponder.url, { chain: CHAIN, account: s.freelancer, completedJobs: s.stateA.stats[0]!.completedJobs, family: "stacks" });
  });

  test("re-posting every block changes nothing (idempotent)", async () => {
    const before = await dumpTables(ponder.url);
    const tip = bridge.store.tip();
    for (const b of [...s.prefix, ...s.a]) {
      const res = await post(bridge.url, b);
      assert.equal(res.status, 200);
      assert.equal(((await res.json()) as { result: string }).result, "duplicate");
    }
    assert.deepEqual(bridge.store.tip(), tip);
    await new Promise((r) => setTimeout(r, 1_500)); // several polling intervals
    assertSameDump(await dumpTables(ponder.url), before, "after re-posting");
  });

  test("a fork that outgrows the tip ends with the rows of the new canonical branch only", async () => {
    const first = await post(bridge.url, s.b[0]!);
    assert.equal(first.status, 200);
    assert.equal(((await first.json()) as { result: string }).result, "reorg");
    await postAll(bridge.url, s.b.slice(1));
    assert.equal(bridge.store.tip()?.indexBlockHash, s.b.at(-1)!.index_block_hash);
    await waitForBlock(ponder, s.b.at(-1)!.block_height, 120_000);
    await poll("the fork's rows", async () => {
      const d = await dumpTables(ponder.url);
      return d.dispute!.some((r) => r.chainId === CHAIN) ? d : undefined;
    }, 30_000);
    forkDump = await dumpTables(ponder.url);
    const view = indexedState(forkDump, s.stateB);
    // Due dates and times come from the shared prefix (branch A's session): compare the rest.
    assert.deepEqual(view, s.stateB);
    const dispute = forkDump.dispute!.filter((r) => r.chainId === CHAIN);
    assert.equal(dispute.length, 1);
    assert.equal(dispute[0]!.status, "ruled");
    const rating = forkDump.job_rating!.find((r) => r.chainId === CHAIN);
    assert.equal(rating?.rating, 2, "branch A's rating (5) was rolled back");
    assert.deepEqual(bridge.unsupportedMethods(), [], "Ponder called only methods the facade serves");
  });

  test("SIGKILL of the bridge and Ponder mid-stream, then a restart, ends with the same rows", async () => {
    await ponder.indexer.process.stop();
    const dbPath = join(workDir, "bridge-2.sqlite");
    const port = BRIDGE_PORT;
    await bridge.close(); // frees the port for the bridge process
    const url = `http://127.0.0.1:${port}`;
    const startBridgeProcess = async (): Promise<Supervised> => {
      const p = startProcess("stacks-bridge", join(repoRoot, "node_modules", ".bin", "tsx"), ["indexer/stacks/main.ts"], {
        cwd: repoRoot,
        env: { WORX_STACKS_BRIDGE_PORT: String(port), WORX_STACKS_BRIDGE_DB: dbPath, WORX_STACKS_NETWORK: "devnet" },
        logFile: join(workDir, "bridge-2.log"),
      });
      await poll("the bridge process", async () => ((await fetch(`${url}/health`).catch(() => undefined))?.ok ? true : undefined), 30_000);
      return p;
    };
    const canonical = [...s.prefix, ...s.b];
    const kill = (p: Supervised) => {
      process.kill(-p.child.pid!, "SIGKILL");
      return p.exited;
    };
    // The node's side: it sends blocks in order and re-sends from where it was after any failure.
    // Ponder runs on PostgreSQL here: Ponder 0.16 resumes from its checkpoint there (on PGlite it
    // writes without transactions and must start over after a crash: test/indexer/crash.ts).
    const pg = await startPostgres({ port: POSTGRES_PORT, ephemeral: true, logFile: join(workDir, "postgres.log") });
    const crashRun = (resume: boolean) =>
      startTestIndexer({
        name: resume ? "Ponder (Stacks, resumed)" : "Ponder (Stacks, crash run)",
        kind: "postgres",
        databaseUrl: pg.url,
        schema: "worx_stacks_crash",
        resume,
        port: PONDER_PORTS[1],
        rpcUrl: "http://127.0.0.1:1",
        workDir,
        env: ponderEnv(url, s.prefix[0]!.block_height),
      });
    try {
      let proc = await startBridgeProcess();
      const half = Math.floor(canonical.length / 2);
      await postAll(url, canonical.slice(0, half));
      const second = await crashRun(false);
      await waitForBlock(second, canonical[half - 1]!.block_height, 120_000);
      // Kill both mid-stream: a post in flight, Ponder indexing what arrives.
      const inFlight = post(url, canonical[half]!).catch(() => undefined);
      await Promise.all([kill(proc), kill(second.indexer.process)]);
      await inFlight;
      proc = await startBridgeProcess();
      // Resumed stream: the node re-sends from the last block it does not know was stored.
      await postAll(url, canonical.slice(half - 1));
      const resumed = await crashRun(true);
      await waitForBlock(resumed, canonical.at(-1)!.block_height, 120_000);
      await poll("the resumed run's rows", async () => ((await dumpTables(resumed.url)).dispute!.length ? true : undefined), 30_000);
      assert.match(readFileSync(resumed.logFile, "utf8"), /crash recovery/i, "Ponder resumed from its checkpoint (not from scratch)");
      assertSameDump(await dumpTables(resumed.url), forkDump, "a bridge that only saw branch B, after SIGKILLs, vs the forked run");
      await kill(proc);
    } finally {
      await stopAll();
      await pg.stop();
    }
  });
});

/**
 * The DAO and DEX describes' shared setup: `run`'s simnet round behind a fresh bridge (before),
 * then `index()` posts its blocks and indexes them with a fresh Ponder on PGlite, returning the
 * dump of every table. `state` holds the round and the indexer for the describe's tests.
 */
function indexedRound<R extends { blocks: NewBlockPayload[] }>(label: string, run: () => Promise<R>) {
  const state = {} as { workDir: string; round: R; bridge: Bridge; ponder: TestIndexer };
  before(async () => {
    state.workDir = mkdtempSync(join(tmpdir(), `worx-stacks-${label.toLowerCase()}-`));
    console.log(`# logs and data: ${state.workDir}`);
    state.round = await run();
    state.bridge = await startBridge({ port: BRIDGE_PORT, dbPath: join(state.workDir, "bridge.sqlite"), chainId: ponderChainIdOfStacks("devnet"), log: () => {} });
  });
  after(async () => {
    await stopAll();
    await state.bridge?.close();
    if (process.env.WORX_KEEP_TEST_DATA !== "1") rmSync(state.workDir, { recursive: true, force: true });
  });
  const index = async (): Promise<Dump> => {
    const { bridge, round, workDir } = state;
    await postAll(bridge.url, round.blocks);
    state.ponder = await startTestIndexer({
      name: `Ponder (Stacks ${label})`,
      kind: "pglite",
      port: PONDER_PORTS[0],
      rpcUrl: "http://127.0.0.1:1",
      workDir,
      env: ponderEnv(bridge.url, round.blocks[0]!.block_height),
    });
    await waitForBlock(state.ponder, round.blocks.at(-1)!.block_height, 120_000);
    return dumpTables(state.ponder.url);
  };
  return { state, index };
}

describe("Stacks ingestion: a DAO round (dao-core, dao-token, proposal-voting, dao-treasury, fee-splitter, work-rewards) -> the DAO tables", () => {
  const dao = indexedRound("DAO", runDaoRound);

  test("rows equal the simnet's read-only state: proposals, votes, voting power, stakes, treasury, fees, rewards", async () => {
    assertDaoRows(await dao.index(), dao.state.round);
  });

  test("the REST API answers for Stacks principals: a member, the proposals, the treasury", async () => {
    const { ponder, round } = dao.state;
    const res = await fetch(`${ponder.url}/dao/${CHAIN}/members/${round.bob}`);
    assert.equal(res.status, 200, await res.clone().text());
    const member = (await res.json()) as Record<string, unknown>;
    assert.equal(member.balance, String(plainValue(round.chain.read("dao-token", "get-balance", [Cl.principal(round.bob)]))));
    assert.equal(member.delegate, round.bob);
    const bad = await fetch(`${ponder.url}/dao/${CHAIN}/members/${round.bob.slice(0, -1)}X`);
    assert.equal(bad.status, 400);
    assert.match(((await bad.json()) as { error: string }).error, /checksum/);
    // Proposals: ids are the proposal contracts' principals; states on the block-height clock.
    const list = (await (await fetch(`${ponder.url}/dao/${CHAIN}/proposals`)).json()) as { clock: string; items: { proposalId: string; state: string }[] };
    assert.equal(list.clock, String(round.blocks.at(-1)!.block_height));
    assert.deepEqual(list.items.map((p) => [p.proposalId, p.state]).sort(), [[round.cancelled, "canceled"], [round.executed, "executed"]].sort());
    const one = await fetch(`${ponder.url}/dao/${CHAIN}/proposals/${round.executed}`);
    assert.equal(one.status, 200, await one.clone().text());
    const detail = (await one.json()) as { state: string; votes: { totalCount: number } };
    assert.deepEqual([detail.state, detail.votes.totalCount], ["executed", 2]);
    const numeric = await fetch(`${ponder.url}/dao/${CHAIN}/proposals/1`);
    assert.equal(numeric.status, 400);
    assert.match(((await numeric.json()) as { error: string }).error, /proposal contract's principal/);
    const treasury = (await (await fetch(`${ponder.url}/dao/${CHAIN}/treasury`)).json()) as { treasury: string; balances: { token: string; balance: string }[] };
    assert.equal(treasury.treasury, `${round.deployer}.dao-treasury`);
    assert.deepEqual(treasury.balances.map((b) => [b.token, b.balance]), [[zeroAddress, String(plainValue(round.chain.read("dao-treasury", "get-stx-balance", [])))]]);
  });
});

describe("Stacks ingestion: a DEX round (metrics-oracle, creator-factory, a creator coin, creator-pool) -> the DEX tables", () => {
  const dex = indexedRound("DEX", runDexRound);

  test("rows equal the simnet's read-only state: creator, coin, balances, pool, swaps, candles, positions, revenue, protections, badge owners", async () => {
    assertDexRows(await dex.index(), dex.state.round);
  });

  test("the REST API answers for a Stacks coin: its pool and holders (creator-pool's balance as the pool's)", async () => {
    const { ponder, round } = dex.state;
    const res = await fetch(`${ponder.url}/dex/${CHAIN}/coins/${round.coin}`);
    assert.equal(res.status, 200, await res.clone().text());
    const detail = (await res.json()) as { coin: { symbol: string; pool: string }; pool: { address: string; reserveCoin: string } };
    assert.deepEqual([detail.coin.symbol, detail.coin.pool, detail.pool.address], ["DAVE", round.poolId, round.poolId]);
    const reserves = plainValue(round.chain.read("creator-pool", "get-reserves", [Cl.principal(round.coin)])) as Record<string, bigint>;
    assert.equal(detail.pool.reserveCoin, String(reserves["reserve-coin"]));
    const holders = (await (await fetch(`${ponder.url}/dex/${CHAIN}/coins/${round.coin}/holders`)).json()) as { items: { account: string; isPool: boolean }[] };
    assert.deepEqual(holders.items.filter((h) => h.isPool).map((h) => h.account), [round.poolId]);
  });
});
