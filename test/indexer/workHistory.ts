/**
 * The standard history's disputes, settlements, claims, reclaims, ratings and fee discount, as the
 * indexer serves them (GraphQL and REST) on every database: each new table row by row against the
 * chain's logs, and the work-history tables against the contract's own views (`freelancerStats`,
 * `earned`, `isTokenAllowed`, `hasRole`) read from the chain.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { keccak256, parseEther, toHex, zeroAddress, zeroHash, type Abi, type Address, type Hash } from "viem";
import { CHAIN, expectJsonError, gql } from "./harness.ts";
import { DISCOUNT_BPS, lower, MILESTONE_FIELDS, split, tokenOf, type ChainLog, type StandardContext } from "./scenarios.ts";

/** The escrow events of a job's timeline (everything but withdrawals, revocations and administration). */
const TIMELINE = new Set([
  "EscrowCreated",
  "FeeDiscountApplied",
  "EscrowFunded",
  "MilestoneSubmitted",
  "MilestoneReleased",
  "MilestoneRefunded",
  "DisputeOpened",
  "DisputeRuled",
  "MilestoneSettled",
  "EscrowCompleted",
  "EscrowClosed",
  "JobRated",
  "EscrowCancelled",
]);

const STAT_FIELDS = [
  "completedJobs",
  "milestonesDelivered",
  "milestonesOnTime",
  "milestonesReclaimed",
  "ratingCount",
  "ratingSum",
  "disputesOpened",
  "disputesLost",
] as const;

const byId = <T extends { id: string }>(rows: T[]) => [...rows].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
const str = (v: unknown) => (v === null || v === undefined ? null : String(v));

/** JSON as the indexer stores event arguments: bigints as strings, addresses lowercase. */
function plain(value: unknown): unknown {
  if (typeof value === "bigint") return value.toString();
  if (typeof value === "string" && /^0x[0-9a-fA-F]{40}$/.test(value)) return value.toLowerCase();
  if (Array.isArray(value)) return value.map(plain);
  if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, plain(v)]));
  return value;
}

export function registerWorkHistoryTests(ctx: () => StandardContext): void {
  /** Reads a view of the escrow from the chain (the indexer's reference). */
  const read = <T>(functionName: string, args: readonly unknown[] = []) => {
    const { chain } = ctx();
    return chain.publicClient.readContract({ address: chain.escrow, abi: chain.abis.milestoneEscrowAbi as Abi, functionName, args }) as Promise<T>;
  };
  const logsNamed = (name: string) => ctx().facts.logs.filter((l) => l.eventName === name);
  const ts = (tx: Hash | undefined) => String(ctx().facts.blockTimestamps.get(tx!));

  test("disputes: one row per disputed milestone (ruled, settled, open), as the chain emitted them", async () => {
    const { url, chain, facts } = ctx();
    const [, alice, bob, carol, , arbiter] = chain.accounts as Address[];
    const d = await gql(url, `{ disputes(orderBy: "id", limit: 100) { totalCount items {
      id chainId escrowId index client freelancer token amount openedBy reason openedAt openedTx status arbiter freelancerBps fee payout refund resolvedAt resolvedTx
    } } }`);
    const ruled = split(100_000_000n, 4_000n, chain.feeBps);
    const settled = split(200_000_000n, 7_000n, chain.feeBps);
    const [ruledLog] = logsNamed("DisputeRuled");
    assert.deepEqual([ruledLog!.args.fee, ruledLog!.args.payout, ruledLog!.args.refund], [ruled.fee, ruled.payout, ruled.refund], "the chain's split");
    assert.deepEqual(ruled, { fee: 4_000_000n, payout: 36_000_000n, refund: 60_000_000n });
    const base = (escrowId: number, index: number) => ({ id: `${CHAIN}:${escrowId}:${index}`, chainId: CHAIN, escrowId: String(escrowId), index });
    assert.deepEqual(d.disputes.items, [
      {
        ...base(2, 1),
        client: lower(carol!),
        freelancer: lower(alice!),
        token: zeroAddress,
        amount: String(parseEther("2.5")),
        openedBy: lower(carol!),
        reason: facts.disputeReason,
        openedAt: ts(facts.tx["dispute:2:1"]),
        openedTx: facts.tx["dispute:2:1"],
        status: "open",
        arbiter: null,
        freelancerBps: null,
        fee: null,
        payout: null,
        refund: null,
        resolvedAt: null,
        resolvedTx: null,
      },
      {
        ...base(4, 0),
        client: lower(alice!),
        freelancer: lower(bob!),
        token: lower(chain.token),
        amount: "100000000",
        openedBy: lower(alice!),
        reason: facts.disputeReason,
        openedAt: ts(facts.tx["dispute:4:0"]),
        openedTx: facts.tx["dispute:4:0"],
        status: "ruled",
        arbiter: lower(arbiter!),
        freelancerBps: 4_000,
        fee: String(ruled.fee),
        payout: String(ruled.payout),
        refund: String(ruled.refund),
        resolvedAt: ts(facts.tx["rule:4:0"]),
        resolvedTx: facts.tx["rule:4:0"],
      },
      {
        ...base(4, 1),
        client: lower(alice!),
        freelancer: lower(bob!),
        token: lower(chain.token),
        amount: "200000000",
        openedBy: lower(bob!),
        reason: zeroHash,
        openedAt: ts(facts.tx["dispute:4:1"]),
        openedTx: facts.tx["dispute:4:1"],
        status: "settled",
        arbiter: null,
        freelancerBps: 7_000,
        fee: String(settled.fee),
        payout: String(settled.payout),
        refund: String(settled.refund),
        resolvedAt: ts(facts.tx["settle:4:1"]),
        resolvedTx: facts.tx["settle:4:1"],
      },
    ]);
    // Every DisputeOpened on chain has its row; the undisputed settlement (5/0) has none.
    assert.deepEqual(
      logsNamed("DisputeOpened").map((l) => `${CHAIN}:${l.args.escrowId}:${l.args.index}`).sort(),
      d.disputes.items.map((r: any) => r.id),
    );
    // A dispute's relation to its escrow (the arbiter's view needs the job's fee).
    const rel = await gql(url, `{ disputes(where: { status: "open" }) { items { id escrow { id feeBps status openDisputes } } } }`);
    assert.deepEqual(rel.disputes.items, [{ id: `${CHAIN}:2:1`, escrow: { id: `${CHAIN}:2`, feeBps: 1000, status: "funded", openDisputes: 1 } }]);
  });

  test("milestones and escrows after rulings, settlements, claims and reclaims: fee + payout + refund == amount", async () => {
    const { url, chain, facts } = ctx();
    const d = await gql(url, `{
      e4: escrow(id: "${CHAIN}:4") { status settledCount openDisputes reclaimed rating released refunded completedTx closedTx milestones(orderBy: "index") { items { ${MILESTONE_FIELDS} } } }
      e5: escrow(id: "${CHAIN}:5") { status settledCount openDisputes reclaimed rating released refunded completedTx closedAt closedTx milestones(orderBy: "index") { items { ${MILESTONE_FIELDS} } } }
      e6: escrow(id: "${CHAIN}:6") { status feeBps baseFeeBps feeDiscountBps }
    }`);
    const pick = (m: any) => [m.index, m.status, m.settledBy, m.claimed, m.onTime, m.fee, m.payout, m.refund, m.settledTx];
    const r = split(100_000_000n, 4_000n, chain.feeBps);
    const s = split(200_000_000n, 7_000n, chain.feeBps);
    const [claim] = logsNamed("MilestoneReleased").filter((l) => l.args.claimed);
    assert.equal(claim!.args.fee, 30_000_001n, "the claim's fee rounds up");
    assert.deepEqual(d.e4.milestones.items.map(pick), [
      [0, "resolved", "ruling", false, true, str(r.fee), str(r.payout), str(r.refund), facts.tx["rule:4:0"]],
      [1, "resolved", "settlement", false, null, str(s.fee), str(s.payout), str(s.refund), facts.tx["settle:4:1"]],
      [2, "released", "claim", true, false, "30000001", "270000000", "0", facts.tx["claim:4:2"]],
    ]);
    assert.equal(d.e4.milestones.items[2].submittedTx, facts.submittedTx["4:2"]);
    assert.equal(d.e4.milestones.items[2].deliverable, facts.deliverableHash);
    assert.deepEqual(
      [d.e4.status, d.e4.settledCount, d.e4.openDisputes, d.e4.reclaimed, d.e4.rating, d.e4.completedTx, d.e4.closedTx],
      ["completed", 3, 0, false, 4, facts.tx["claim:4:2"], null],
    );
    const s25 = split(parseEther("1"), 2_500n, chain.feeBps);
    assert.deepEqual(d.e5.milestones.items.map(pick), [
      [0, "resolved", "settlement", false, null, str(s25.fee), str(s25.payout), str(s25.refund), facts.tx["settle:5:0"]],
      [1, "refunded", "reclaim", false, null, "0", "0", String(parseEther("2")), facts.tx["reclaim:5:1"]],
    ]);
    assert.deepEqual(
      [d.e5.status, d.e5.settledCount, d.e5.openDisputes, d.e5.reclaimed, d.e5.rating, d.e5.completedTx, d.e5.closedTx, d.e5.closedAt],
      ["closed", 2, 0, true, 2, null, facts.tx["reclaim:5:1"], ts(facts.tx["reclaim:5:1"])],
    );
    for (const e of [d.e4, d.e5]) {
      for (const m of e.milestones.items) assert.equal(BigInt(m.fee) + BigInt(m.payout) + BigInt(m.refund), BigInt(m.amount), `${m.id}: fee + payout + refund == amount`);
      assert.equal(BigInt(e.released) + BigInt(e.refunded), e.milestones.items.reduce((t: bigint, m: any) => t + BigInt(m.amount), 0n));
    }
    // Escrow 6: the discount source's 25% off the base fee, rounded up: ceil(1000 * 7500 / 10000).
    assert.deepEqual(d.e6, { status: "created", feeBps: 750, baseFeeBps: 1000, feeDiscountBps: DISCOUNT_BPS });
    const [applied] = logsNamed("FeeDiscountApplied");
    assert.deepEqual([applied!.args.escrowId, applied!.args.baseFeeBps, applied!.args.discountBps], [6n, 1000, DISCOUNT_BPS]);
    // The indexer's escrow rows agree with the contract's getEscrow.
    for (const id of [1n, 2n, 3n, 4n, 5n, 6n]) {
      const onChain = await read<any>("getEscrow", [id]);
      const row = (await gql(url, `{ escrow(id: "${CHAIN}:${id}") { feeBps settledCount reclaimed released refunded total milestoneCount reviewPeriod gracePeriod } }`)).escrow;
      assert.deepEqual(row, {
        feeBps: onChain.feeBps,
        settledCount: onChain.settledCount,
        reclaimed: onChain.reclaimed,
        released: String(onChain.released),
        refunded: String(onChain.refunded),
        total: String(onChain.total),
        milestoneCount: onChain.milestoneCount,
        reviewPeriod: onChain.reviewPeriod,
        gracePeriod: onChain.gracePeriod,
      }, `escrow ${id} vs getEscrow`);
    }
  });

  test("claims, reclaims and ratings have their rows", async () => {
    const { url, chain, facts } = ctx();
    const [, alice, bob, , dave] = chain.accounts as Address[];
    const d = await gql(url, `{
      milestoneClaims { items { id chainId escrowId index freelancer token amount fee payout claimedAt txHash } }
      milestoneRefunds { items { id chainId escrowId index client token amount refundedAt txHash } }
      jobRatings(orderBy: "ratedAt") { items { id chainId escrowId freelancer client rating ratedAt txHash } }
    }`);
    assert.deepEqual(d.milestoneClaims.items, [
      {
        id: `${CHAIN}:4:2`,
        chainId: CHAIN,
        escrowId: "4",
        index: 2,
        freelancer: lower(bob!),
        token: lower(chain.token),
        amount: "300000001",
        fee: "30000001",
        payout: "270000000",
        claimedAt: ts(facts.tx["claim:4:2"]),
        txHash: facts.tx["claim:4:2"],
      },
    ]);
    assert.deepEqual(d.milestoneRefunds.items, [
      {
        id: `${CHAIN}:5:1`,
        chainId: CHAIN,
        escrowId: "5",
        index: 1,
        client: lower(dave!),
        token: zeroAddress,
        amount: String(parseEther("2")),
        refundedAt: ts(facts.tx["reclaim:5:1"]),
        txHash: facts.tx["reclaim:5:1"],
      },
    ]);
    const rating = (escrowId: number, client: Address, value: number) => ({
      id: `${CHAIN}:${escrowId}`,
      chainId: CHAIN,
      escrowId: String(escrowId),
      freelancer: lower(bob!),
      client: lower(client),
      rating: value,
      ratedAt: ts(facts.tx[`rate:${escrowId}`]),
      txHash: facts.tx[`rate:${escrowId}`],
    });
    assert.deepEqual(d.jobRatings.items, [rating(1, alice!, 5), rating(4, alice!, 4), rating(5, dave!, 2)]);
    assert.deepEqual(
      logsNamed("JobRated").map((l) => [l.args.escrowId, l.args.rating]),
      [[1n, 5], [4n, 4], [5n, 2]],
    );
  });

  test("freelancer_stats and freelancer_earning equal freelancerStats() and earned() read from the chain", async () => {
    const { url, chain, facts } = ctx();
    const [, alice, bob] = chain.accounts as Address[];
    const d = await gql(url, `{
      freelancerStatss(orderBy: "id", limit: 100) { items { id chainId freelancer completedJobs closedJobs ${STAT_FIELDS.join(" ")} updatedAt } }
      freelancerEarnings(orderBy: "id", limit: 100) { items { id chainId freelancer token earned updatedAt } }
    }`);
    const created = logsNamed("EscrowCreated");
    const freelancers = [...new Set(created.map((l) => lower(l.args.freelancer)))].sort();
    assert.deepEqual(d.freelancerStatss.items.map((r: any) => r.freelancer), freelancers, "one row per freelancer of any job");
    for (const row of d.freelancerStatss.items) {
      const onChain = await read<Record<string, number>>("freelancerStats", [row.freelancer]);
      assert.deepEqual(
        Object.fromEntries(STAT_FIELDS.map((k) => [k, row[k]])),
        Object.fromEntries(STAT_FIELDS.map((k) => [k, onChain[k]])),
        `${row.freelancer}: indexed stats vs freelancerStats()`,
      );
      const ids = new Set(created.filter((l) => lower(l.args.freelancer) === row.freelancer).map((l) => l.args.escrowId));
      assert.equal(row.closedJobs, logsNamed("EscrowClosed").filter((l) => ids.has(l.args.escrowId)).length, `${row.freelancer}: closedJobs`);
      assert.equal(row.id, `${CHAIN}:${row.freelancer}`);
    }
    // The scenario exercised every counter: bob's history, spelled out.
    const bobRow = d.freelancerStatss.items.find((r: any) => r.freelancer === lower(bob!));
    assert.deepEqual(Object.fromEntries(["completedJobs", "closedJobs", ...STAT_FIELDS.slice(1)].map((k) => [k, bobRow[k]])), {
      completedJobs: 2,
      closedJobs: 1,
      milestonesDelivered: 4,
      milestonesOnTime: 3,
      milestonesReclaimed: 1,
      ratingCount: 3,
      ratingSum: 11,
      disputesOpened: 2,
      disputesLost: 1,
    });
    assert.equal(bobRow.updatedAt, ts(facts.tx["rate:5"]));

    // Earnings: every (freelancer, token) of the history, against the chain's earned(); a row
    // exactly where something was earned.
    const tokens = [lower(chain.token), zeroAddress];
    const expected = [];
    for (const f of freelancers) {
      for (const t of tokens) {
        const earned = await read<bigint>("earned", [f, t]);
        if (earned > 0n) expected.push({ id: `${CHAIN}:${f}:${t}`, chainId: CHAIN, freelancer: f, token: t, earned: String(earned) });
      }
    }
    assert.deepEqual(d.freelancerEarnings.items.map(({ updatedAt: _u, ...r }: any) => r), byId(expected));
    assert.deepEqual(
      d.freelancerEarnings.items.filter((r: any) => r.freelancer === lower(bob!)).map((r: any) => [r.token, r.earned]).sort(),
      [
        [zeroAddress, String(split(parseEther("1"), 2_500n, chain.feeBps).payout)],
        [lower(chain.token), String(90_000_000n + 225_000_004n + 36_000_000n + 126_000_000n + 270_000_000n)],
      ].sort(),
    );
    assert.ok(d.freelancerEarnings.items.some((r: any) => r.freelancer === lower(alice!)) === false, "alice's job paid nothing yet");
  });

  test("escrow_event: the timeline holds every escrow-scoped event of the chain, in order, with its arguments", async () => {
    const { url, facts } = ctx();
    const d = await gql(url, `{ escrowEvents(orderBy: "id", limit: 1000) { totalCount items {
      id chainId escrowId kind milestoneIndex actor amount detail blockNumber logIndex timestamp txHash
    } } }`);
    const escrows = new Map(logsNamed("EscrowCreated").map((l) => [l.args.escrowId as bigint, l.args]));
    const amountOf = (l: ChainLog): bigint | null => {
      switch (l.eventName) {
        case "EscrowCreated":
          return l.args.total;
        case "EscrowFunded":
        case "MilestoneReleased":
        case "MilestoneRefunded":
          return l.args.amount;
        case "DisputeRuled":
        case "MilestoneSettled":
          return l.args.fee + l.args.payout + l.args.refund;
        case "DisputeOpened":
          return escrows.get(l.args.escrowId)!.milestones[Number(l.args.index)].amount;
        default:
          return null;
      }
    };
    const actorOf = (l: ChainLog): string => {
      const e = escrows.get(l.args.escrowId)!;
      const a = l.args;
      const who: Record<string, string | undefined> = {
        EscrowCreated: a.client,
        EscrowFunded: a.client,
        MilestoneSubmitted: e.freelancer,
        MilestoneReleased: a.claimed ? a.freelancer : e.client,
        MilestoneRefunded: a.client,
        DisputeOpened: a.openedBy,
        DisputeRuled: a.arbiter,
        JobRated: e.client,
        EscrowCancelled: a.by,
      };
      return lower(who[l.eventName] ?? l.from);
    };
    const expected = facts.logs
      .filter((l) => TIMELINE.has(l.eventName))
      .map((l) => {
        const { escrowId: _e, index: _i, ...rest } = l.args;
        return {
          id: `${CHAIN}:${l.tx}:${l.logIndex}`,
          chainId: CHAIN,
          escrowId: String(l.args.escrowId),
          kind: l.eventName,
          milestoneIndex: l.args.index === undefined ? null : Number(l.args.index),
          actor: actorOf(l),
          amount: str(amountOf(l)),
          detail: plain(rest),
          blockNumber: String(l.blockNumber),
          logIndex: l.logIndex,
          timestamp: String(l.timestamp),
          txHash: l.tx,
        };
      });
    assert.equal(d.escrowEvents.totalCount, expected.length);
    assert.deepEqual(byId(d.escrowEvents.items), byId(expected));
    // Every kind of the timeline occurred in the history.
    assert.deepEqual([...new Set(expected.map((e) => e.kind))].sort(), [...TIMELINE].sort());
    // Escrow 4's job story, in chain order, through the relation the SPA reads.
    const e4 = await gql(url, `{ escrow(id: "${CHAIN}:4") { events(orderBy: "blockNumber", limit: 100) { items { kind milestoneIndex blockNumber logIndex } } } }`);
    const story = e4.escrow.events.items
      .sort((a: any, b: any) => Number(BigInt(a.blockNumber) - BigInt(b.blockNumber)) || a.logIndex - b.logIndex)
      .map((e: any) => (e.milestoneIndex === null ? e.kind : `${e.kind}#${e.milestoneIndex}`));
    assert.deepEqual(story, [
      "EscrowCreated",
      "EscrowFunded",
      "MilestoneSubmitted#0",
      "DisputeOpened#0",
      "DisputeRuled#0",
      "DisputeOpened#1",
      "MilestoneSettled#1",
      "MilestoneSubmitted#2",
      "MilestoneReleased#2",
      "EscrowCompleted",
      "JobRated",
    ]);
  });

  test("administration: arbiter appointments, token allowlist and fee-discount source in the audit log", async () => {
    const { url, chain, facts } = ctx();
    const [deployer, , , , , arbiter] = chain.accounts as Address[];
    const d = await gql(url, `{
      adminActions(orderBy: "id", limit: 1000) { items { contract action actor details txHash } }
      allowedTokens(orderBy: "id") { items { id chainId contract token allowed } }
    }`);
    const escrowRows = d.adminActions.items.filter((a: any) => a.contract === lower(chain.escrow));
    const ARBITER_ROLE = keccak256(toHex("ARBITER_ROLE"));
    const grants = escrowRows.filter((a: any) => a.action === "RoleGranted" && a.details.roleName === "ARBITER_ROLE");
    assert.deepEqual(
      grants.map((a: any) => [a.actor, a.details.role, lower(a.details.account)]),
      [[lower(deployer!), ARBITER_ROLE, lower(arbiter!)]],
      "LocalDemo: the deployer appoints account #5 before the handover",
    );
    assert.equal(await read<boolean>("hasRole", [ARBITER_ROLE, arbiter]), true);
    // Every role event names its role.
    for (const a of escrowRows.filter((a: any) => a.action.startsWith("Role"))) assert.notEqual(a.details.roleName, "unknown", JSON.stringify(a));
    // The allowlist: the native coin and dUSD, as the contract reports them.
    assert.deepEqual(
      d.allowedTokens.items,
      [zeroAddress, lower(chain.token)].sort().map((t) => ({ id: `${CHAIN}:${lower(chain.escrow)}:${t}`, chainId: CHAIN, contract: lower(chain.escrow), token: t, allowed: true })),
    );
    for (const t of [zeroAddress, chain.token]) assert.equal(await read<boolean>("isTokenAllowed", [t]), true);
    assert.equal(escrowRows.filter((a: any) => a.action === "TokenAllowlistUpdated").length, 2);
    // The deployment makes WorxBadges the discount source, then the DAO's StakingFeeDiscount (which
    // reads the badges itself), both by the deployer before the handover; the history then
    // switches a stand-in source on and off through the administrator.
    const { evmContract } = await import("../../generated/deployments.ts");
    const badges = lower(evmContract(CHAIN, "WorxBadges"));
    const staking = lower(facts.stakingFeeDiscount);
    const sources = escrowRows.filter((a: any) => a.action === "FeeDiscountSourceUpdated");
    // (Rows come ordered by id, i.e. by transaction hash: compared as sets.)
    assert.deepEqual(
      sources.map((a: any) => [a.actor, lower(a.details.previousSource), lower(a.details.newSource)]).sort(),
      [
        [lower(deployer!), zeroAddress, badges],
        [lower(deployer!), badges, staking],
        [lower(facts.multisig), staking, lower(facts.discountSource)],
        [lower(facts.multisig), lower(facts.discountSource), zeroAddress],
      ].sort(),
    );
    // The DAO's wiring in the audit log: fees to the FeeSplitter, FEE_MANAGER_ROLE for the timelock.
    const recipients = escrowRows.filter((a: any) => a.action === "FeeRecipientUpdated");
    assert.deepEqual(
      recipients.map((a: any) => [a.actor, lower(a.details.newRecipient)]).sort(),
      [
        [lower(deployer!), lower(deployer!)],
        [lower(deployer!), lower(facts.feeSplitter)],
      ].sort(),
      "the constructor's recipient (#0), then the DAO's FeeSplitter",
    );
    const timelock = lower(evmContract(CHAIN, "TimelockController"));
    const feeManagers = escrowRows.filter((a: any) => a.action === "RoleGranted" && a.details.roleName === "FEE_MANAGER_ROLE").map((a: any) => lower(a.details.account));
    assert.ok(feeManagers.includes(timelock), `the timelock was granted FEE_MANAGER_ROLE: ${JSON.stringify(feeManagers)}`);
    assert.equal(await read<boolean>("hasRole", [keccak256(toHex("FEE_MANAGER_ROLE")), timelock]), true);
    const byMultisig = sources.filter((a: any) => a.actor === lower(facts.multisig));
    assert.deepEqual(byMultisig.map((a: any) => a.txHash).sort(), [facts.tx["discount:on"], facts.tx["discount:off"]].sort());
  });

  test("REST: an escrow with its disputes and timeline, the disputes queue, a freelancer's history", async () => {
    const { url, chain } = ctx();
    const [, alice, bob, carol] = chain.accounts as Address[];
    const get = async (path: string) => {
      const res = await fetch(`${url}${path}`);
      assert.equal(res.status, 200, `${path}: ${res.status}`);
      return (await res.json()) as any;
    };

    const e4 = await get(`/escrows/${CHAIN}/4`);
    assert.deepEqual(e4.disputes.map((x: any) => [x.index, x.status, x.freelancerBps]), [[0, "ruled", 4000], [1, "settled", 7000]]);
    assert.equal(e4.timeline.length, 11);
    assert.deepEqual(e4.timeline.map((e: any) => e.kind).slice(-3), ["MilestoneReleased", "EscrowCompleted", "JobRated"]);
    const gqlEvents = await gql(url, `{ escrowEvents(where: { escrowId: "4" }, limit: 100) { items { id } } }`);
    assert.deepEqual(e4.timeline.map((e: any) => e.id).sort(), gqlEvents.escrowEvents.items.map((e: any) => e.id).sort());

    // The disputes queue: oldest first, filtered, paged.
    const all = await get(`/disputes?chainId=${CHAIN}`);
    assert.equal(all.totalCount, 3);
    assert.deepEqual(all.items.map((x: any) => x.id), [`${CHAIN}:4:0`, `${CHAIN}:4:1`, `${CHAIN}:2:1`]);
    assert.deepEqual((await get(`/disputes?status=open`)).items.map((x: any) => [x.id, x.status]), [[`${CHAIN}:2:1`, "open"]]);
    assert.equal((await get(`/disputes?status=ruled&chainId=${CHAIN}`)).items[0].arbiter, lower(chain.accounts[5]!));
    const page = await get(`/disputes?limit=1&offset=1`);
    assert.deepEqual([page.totalCount, page.limit, page.offset, page.items.map((x: any) => x.id)], [3, 1, 1, [`${CHAIN}:4:1`]]);
    assert.deepEqual((await get(`/disputes?party=${carol}`)).items.map((x: any) => x.id), [`${CHAIN}:2:1`]);
    assert.equal((await get(`/disputes?chainId=eip155:1`)).totalCount, 0);
    await expectJsonError(await fetch(`${url}/disputes?status=lost`), 400, /Invalid status "lost": expected one of open, ruled, settled/);
    await expectJsonError(await fetch(`${url}/disputes?chainId=mainnet`), 400, /Invalid chain id "mainnet"/);
    await expectJsonError(await fetch(`${url}/disputes?limit=1001`), 400, /Invalid limit 1001: at most 1000/);
    await expectJsonError(await fetch(`${url}/disputes?limit=0`), 400, /Invalid limit 0/);
    await expectJsonError(await fetch(`${url}/disputes?limit=ten`), 400, /Invalid limit "ten"/);
    await expectJsonError(await fetch(`${url}/disputes?offset=10001`), 400, /Invalid offset 10001: at most 10000/);
    await expectJsonError(await fetch(`${url}/disputes?party=0x1234`), 400, /Invalid party "0x1234"/);

    // A freelancer's history: the indexed stats (checked against the chain above), earnings, ratings.
    const bobOnChain = await read<Record<string, number>>("freelancerStats", [bob]);
    const history = await get(`/freelancers/${CHAIN}/${bob}`);
    assert.equal(history.freelancer, lower(bob!));
    assert.equal(history.chainId, CHAIN);
    for (const k of STAT_FIELDS) assert.equal(history.stats[k], bobOnChain[k], `stats.${k}`);
    assert.equal(history.stats.closedJobs, 1);
    assert.equal(history.stats.satisfactionBps, Math.floor((11 * 10_000) / (5 * 3)));
    assert.deepEqual(history.earnings.map((e: any) => [e.chainId, e.token]), [[CHAIN, zeroAddress], [CHAIN, lower(chain.token)]].sort((a, b) => (a[1]! < b[1]! ? -1 : 1)));
    for (const e of history.earnings) assert.equal(BigInt(e.earned), await read<bigint>("earned", [bob, e.token]));
    assert.deepEqual([history.ratings.totalCount, history.ratings.items.map((r: any) => [r.escrowId, r.rating])], [3, [["5", 2], ["4", 4], ["1", 5]]]);
    assert.deepEqual((await get(`/freelancers/${CHAIN}/${bob}?limit=1&offset=2`)).ratings.items.map((r: any) => r.escrowId), ["1"]);
    // "all" sums over chains (one chain here: the same numbers); the address may be checksummed or not.
    const everywhere = await get(`/freelancers/all/${lower(bob!)}`);
    assert.deepEqual({ ...everywhere.stats }, { ...history.stats });
    assert.equal(everywhere.chainId, "all");
    // An account that never worked has all-zero stats, as on chain.
    const nobody = await get(`/freelancers/${CHAIN}/${alice!.replace(/.$/, (c) => (c === "0" ? "1" : "0"))}`);
    assert.equal(nobody.stats.completedJobs, 0);
    assert.equal(nobody.stats.satisfactionBps, null);
    assert.deepEqual([nobody.earnings, nobody.ratings.items], [[], []]);
    await expectJsonError(await fetch(`${url}/freelancers/${CHAIN}/bob`), 400, /Invalid address "bob"/);
    await expectJsonError(await fetch(`${url}/freelancers/solana/${bob}`), 400, /Invalid chain id "solana".*"all"/);
    await expectJsonError(await fetch(`${url}/freelancers/${CHAIN}/${bob}?offset=-1`), 400, /Invalid offset "-1"/);
  });
}
