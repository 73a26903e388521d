/**
 * The badge indexer against a real Hardhat node (LocalDemo: escrow, badges, multisig) and real
 * `ponder start`s on PGlite and PostgreSQL: freelancers earn their work history through real jobs,
 * claim, transfer and burn badges, an attester's signed attestations are submitted and revoked;
 * the `badge`, `attestation`, `badge_tier` and `leaderboard` rows must equal what the chain did
 * (receipts) and what the contracts' own views say, and GET /leaderboard and /profiles must serve
 * them combined, sorted, filtered and paged, with 4xx JSON on bad input.
 *
 * Run: npx tsx --test --test-reporter=spec test/indexer/badges.test.ts
 * Keep logs and data: WORX_KEEP_TEST_DATA=1 (the path is printed).
 */
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { decodeEventLog, hashTypedData, keccak256, parseEther, toHex, zeroAddress, zeroHash, type Abi, type Address, type Hash, type Hex } from "viem";
import { demoRoles, localAccount } from "../../scripts/dev/accounts.ts";
import {
  advanceTime,
  assertSameDump,
  CHAIN,
  chainTime,
  DATABASE_LABEL as LABEL,
  DualDatabaseStack,
  dumpTables,
  expectJsonError,
  gql,
  waitForBlock,
  type DatabaseKind,
  type TestChain,
  type TestIndexer,
} from "./harness.ts";
import { lower, sendAndWait, terms, type Call } from "./scenarios.ts";

// Ports of this suite (escrow suite: 8546/42070/42074/42075/5544; e2e: 8547/8549/8550, 42071/42073/42076; multisig: 8548/42072).
const NODE_PORT = 8551;
const INDEXER_PORTS: Record<DatabaseKind, number> = { pglite: 42077, postgres: 42078 };
const POSTGRES_PORT = 5545;

const DAY = 86_400n;
const JOB_AMOUNT = 10_000_000n; // 10 dUSD
const TIERS = [null, "bronze", "silver", "gold", "platinum", "verified"] as const;
const X_VERIFIED = 1;
const VETTED = 2;

interface Facts {
  alice: Address;
  bob: Address;
  carol: Address;
  dave: Address;
  attester: Address;
  deployer: Address;
  badges: Address;
  multisig: Address;
  /** Badge id → the transaction that claimed it. */
  claimTx: Record<string, Hash>;
  /** Per freelancer: sum of submittedAt - dueDate, submissions, dUSD payouts. */
  delivery: Record<string, { deltaSum: bigint; count: number }>;
  payoutsUsd: Record<string, bigint>;
  tx: Record<string, Hash>;
  blockTime: Map<Hash, bigint>;
  lastBlock: bigint;
}

const stack = new DualDatabaseStack({ tmpPrefix: "worx-badges-indexer-test-", nodePort: NODE_PORT, postgresPort: POSTGRES_PORT, indexerPorts: INDEXER_PORTS });
let chain: TestChain;
let facts: Facts;

const indexer = (kind: DatabaseKind): TestIndexer => stack.indexer(kind);

/** The attester's EIP-712 signature of an attestation, its digest checked against the contract's. */
async function signAttestation(subject: Address, kind: number, expiresAt: bigint, nonce: bigint): Promise<Hex> {
  const abi = chain.abis.worxBadgesAbi as Abi;
  const read = (functionName: string, args: readonly unknown[] = []) => chain.publicClient.readContract({ address: facts.badges, abi, functionName, args });
  const [, name, version, chainId, verifyingContract] = (await read("eip712Domain")) as [Hex, string, string, bigint, Address];
  const typedData = {
    domain: { name, version, chainId: Number(chainId), verifyingContract },
    types: {
      Attestation: [
        { name: "subject", type: "address" },
        { name: "kind", type: "uint8" },
        { name: "expiresAt", type: "uint64" },
        { name: "nonce", type: "uint256" },
      ],
    },
    primaryType: "Attestation",
    message: { subject, kind, expiresAt, nonce },
  } as const;
  assert.equal(hashTypedData(typedData), await read("attestationDigest", [subject, kind, expiresAt, nonce]), "viem's digest is the contract's attestationDigest");
  return localAccount(demoRoles.attester).signTypedData(typedData);
}

/**
 * The history (sent before the indexers start):
 *  - bob (#2) completes 10 one-milestone dUSD jobs for alice, all rated 5, and claims Bronze (#1);
 *  - carol (#3) completes 10 for alice, rated 5 ×9 and 4 (98%), claims Bronze (#2) and gives it to
 *    dave, who burns it;
 *  - dave (#4) takes a two-milestone native-coin job from carol: milestone 0 delivered an hour
 *    late and approved, milestone 1 never delivered and reclaimed (Closed);
 *  - the attester (#6) signs X verification and vetting for dave, dave submits both and claims
 *    Verified (#3, soul-bound); the attester then revokes dave's X verification (the badge stays).
 */
async function sendHistory(): Promise<Facts> {
  const [deployer, alice, bob, carol, dave] = chain.accounts as [Address, Address, Address, Address, Address];
  const { evmContract } = await import("../../generated/deployments.ts");
  const f: Facts = {
    alice,
    bob,
    carol,
    dave,
    deployer,
    attester: chain.accounts[demoRoles.attester]!,
    badges: evmContract(CHAIN, "WorxBadges"),
    multisig: evmContract(CHAIN, "WorxMultisig"),
    claimTx: {},
    delivery: {},
    payoutsUsd: {},
    tx: {},
    blockTime: new Map(),
    lastBlock: 0n,
  };
  facts = f;
  const escrow = { to: chain.escrow, abi: chain.abis.milestoneEscrowAbi as Abi };
  const badges = { to: f.badges, abi: chain.abis.worxBadgesAbi as Abi };
  const token = { to: chain.token, abi: chain.abis.demoStablecoinAbi as Abi };
  let escrowId = 0n;
  const send = async (from: Address, call: Call) => {
    const { hash, receipt } = await sendAndWait(chain, from, call);
    f.blockTime.set(hash, (await chain.publicClient.getBlock({ blockNumber: receipt.blockNumber })).timestamp);
    f.lastBlock = receipt.blockNumber;
    return { hash, receipt };
  };
  const escrowEvents = (receipt: { logs: readonly { address: string; data: Hex; topics: readonly Hex[] }[] }) =>
    receipt.logs
      .filter((l) => lower(l.address) === lower(chain.escrow))
      .map((l) => decodeEventLog({ abi: chain.abis.milestoneEscrowAbi, data: l.data, topics: l.topics as [Hex, ...Hex[]] }));

  /** One job of `milestones`; returns its id and due dates. */
  const create = async (client: Address, freelancer: Address, tokenAddress: Address, amounts: bigint[], dueIn: bigint[]) => {
    const now = await chainTime(chain);
    const dues = dueIn.map((d) => now + d);
    await send(client, {
      ...escrow,
      functionName: "createEscrow",
      args: [freelancer, tokenAddress, terms(...amounts.map((a, i) => [a, dues[i]!] as [bigint, bigint])), 3_600, 3_600],
    });
    escrowId += 1n;
    const total = amounts.reduce((a, b) => a + b, 0n);
    await send(client, { ...escrow, functionName: "fundEscrow", args: [escrowId], ...(tokenAddress === zeroAddress ? { value: total } : {}) });
    return { id: escrowId, dues };
  };
  const submit = async (freelancer: Address, id: bigint, index: bigint, due: bigint) => {
    const { hash } = await send(freelancer, { ...escrow, functionName: "submitMilestone", args: [id, index, zeroHash] });
    const d = (f.delivery[lower(freelancer)] ??= { deltaSum: 0n, count: 0 });
    d.deltaSum += f.blockTime.get(hash)! - due;
    d.count += 1;
  };
  const approve = async (client: Address, freelancer: Address, id: bigint, index: bigint, priced: boolean) => {
    const { receipt } = await send(client, { ...escrow, functionName: "approveMilestone", args: [id, index] });
    for (const ev of escrowEvents(receipt)) {
      if (ev.eventName === "MilestoneReleased" && priced) {
        f.payoutsUsd[lower(freelancer)] = (f.payoutsUsd[lower(freelancer)] ?? 0n) + (ev.args as { payout: bigint }).payout;
      }
    }
  };

  await send(alice, { ...token, functionName: "mint", args: [alice, 1_000n * JOB_AMOUNT] });
  await send(alice, { ...token, functionName: "approve", args: [chain.escrow, 1_000n * JOB_AMOUNT] });
  for (const [freelancer, ratings] of [
    [bob, [5, 5, 5, 5, 5, 5, 5, 5, 5, 5]],
    [carol, [5, 5, 5, 5, 5, 5, 5, 5, 5, 4]],
  ] as const) {
    for (const rating of ratings) {
      const job = await create(alice, freelancer, chain.token, [JOB_AMOUNT], [30n * DAY]);
      await submit(freelancer, job.id, 0n, job.dues[0]!);
      await approve(alice, freelancer, job.id, 0n, true);
      await send(alice, { ...escrow, functionName: "rateJob", args: [job.id, rating] });
    }
  }
  f.claimTx["1"] = (await send(bob, { ...badges, functionName: "claim", args: [1] })).hash;
  f.claimTx["2"] = (await send(carol, { ...badges, functionName: "claim", args: [1] })).hash;
  f.tx["transfer:2"] = (await send(carol, { ...badges, functionName: "transferFrom", args: [carol, dave, 2n] })).hash;
  f.tx["burn:2"] = (await send(dave, { ...badges, functionName: "burn", args: [2n] })).hash;

  // dave: one milestone delivered an hour late, one reclaimed.
  const job = await create(carol, dave, zeroAddress, [parseEther("1"), parseEther("2")], [2n * 3_600n, 2n * 3_600n]);
  await advanceTime(chain, 3 * 3_600);
  await submit(dave, job.id, 0n, job.dues[0]!);
  await approve(carol, dave, job.id, 0n, false);
  f.tx["reclaim"] = (await send(carol, { ...escrow, functionName: "reclaimMilestone", args: [job.id, 1n] })).hash;

  // Attestations for dave, then Verified.
  const expiresAt = (await chainTime(chain)) + 365n * DAY;
  for (const [kind, nonce] of [
    [X_VERIFIED, 1n],
    [VETTED, 2n],
  ] as const) {
    const signature = await signAttestation(dave, kind, expiresAt, nonce);
    f.tx[`attest:${kind}`] = (await send(dave, { ...badges, functionName: "submitAttestation", args: [dave, kind, expiresAt, nonce, signature] })).hash;
  }
  f.claimTx["3"] = (await send(dave, { ...badges, functionName: "claim", args: [5] })).hash;
  f.tx["revoke:1"] = (await send(f.attester, { ...badges, functionName: "revokeAttestation", args: [dave, X_VERIFIED] })).hash;
  return f;
}

const api = async (ix: TestIndexer, path: string) => {
  const res = await fetch(`${ix.url}${path}`);
  const text = await res.text();
  assert.equal(res.status, 200, `${path}: ${res.status} ${text}`);
  return JSON.parse(text);
};

describe("badge indexer on PGlite and PostgreSQL (Hardhat node + ponder start)", { timeout: 600_000 }, () => {
  const started = Date.now();

  before(async () => {
    chain = await stack.startChain();
    await sendHistory();
    await stack.startIndexers((ix) => waitForBlock(ix, facts.lastBlock));
    console.log(`# stack up and history indexed in ${Date.now() - started} ms`);
  });

  after(async () => {
    await stack.stop();
  });

  const read = <T>(functionName: string, args: readonly unknown[] = [], address?: Address, abi?: Abi) =>
    chain.publicClient.readContract({ address: address ?? facts.badges, abi: abi ?? (chain.abis.worxBadgesAbi as Abi), functionName, args }) as Promise<T>;

  for (const kind of ["pglite", "postgres"] as const) {
    describe(`on ${LABEL[kind]}`, () => {
      test("badge rows: claims, a transfer and a burn, as the receipts and the contract say", async () => {
        const ix = indexer(kind);
        const d = await gql(ix.url, `{ badges(orderBy: "tokenId") { items { id chainId tokenId owner claimedBy tier tierId locked completedJobs satisfactionBps claimedAt claimTx burned transferredAt } } }`);
        const { bob, carol, dave } = facts;
        const row = (tokenId: number, owner: Address, claimedBy: Address, tierId: number, locked: boolean, completedJobs: number, satisfactionBps: number, burned: boolean, transferredAt: bigint | null) => ({
          id: `${CHAIN}:${tokenId}`,
          chainId: CHAIN,
          tokenId: String(tokenId),
          owner: lower(owner),
          claimedBy: lower(claimedBy),
          tier: TIERS[tierId],
          tierId,
          locked,
          completedJobs,
          satisfactionBps,
          claimedAt: String(facts.blockTime.get(facts.claimTx[tokenId]!)),
          claimTx: facts.claimTx[tokenId],
          burned,
          transferredAt: transferredAt === null ? null : String(transferredAt),
        });
        assert.deepEqual(d.badges.items, [
          row(1, bob, bob, 1, false, 10, 10_000, false, null),
          row(2, dave, carol, 1, false, 10, 9_800, true, facts.blockTime.get(facts.tx["burn:2"]!)!),
          row(3, dave, dave, 5, true, 0, 0, false, null),
        ]);
        // The contract agrees on what stands.
        assert.equal(lower(await read<Address>("ownerOf", [1n])), lower(bob));
        assert.equal(await read<boolean>("locked", [3n]), true);
        assert.equal(await read<boolean>("locked", [1n]), false);
        for (const [who, tier] of [
          [bob, 1],
          [carol, 0],
          [dave, 5],
        ] as const) {
          assert.equal(await read<number>("bestTier", [who]), tier);
        }
      });

      test("attestation rows: submitted, then one revoked; badge_tier rows: the deployment's tiers", async () => {
        const ix = indexer(kind);
        const d = await gql(ix.url, `{
          attestations(orderBy: "kind") { items { id chainId subject kind kindName attester expiresAt digest submittedAt revoked revokedBy revokedAt } }
          badgeTiers(orderBy: "tierId") { items { tier tierId minCompletedJobs minSatisfactionBps requiresXVerified requiresVetted soulbound feeDiscountBps contract } }
        }`);
        const { dave, attester } = facts;
        const stored = await Promise.all([X_VERIFIED, VETTED].map((k) => read<{ attester: Address; expiresAt: bigint }>("attestation", [dave, k])));
        assert.equal(stored[0]!.attester, zeroAddress, "revoked on chain");
        const expiresAt = stored[1]!.expiresAt;
        const receipts = await Promise.all([X_VERIFIED, VETTED].map((k) => chain.publicClient.getTransactionReceipt({ hash: facts.tx[`attest:${k}`]! })));
        const digests = receipts.map((r) => {
          const log = r.logs.find((l) => lower(l.address) === lower(facts.badges))!;
          const ev = decodeEventLog({ abi: chain.abis.worxBadgesAbi, data: log.data, topics: log.topics });
          return (ev.args as { digest: Hex }).digest;
        });
        for (const digest of digests) assert.equal(await read<boolean>("isAttestationUsed", [digest]), true);
        assert.deepEqual(d.attestations.items, [
          {
            id: `${CHAIN}:${lower(dave)}:1`,
            chainId: CHAIN,
            subject: lower(dave),
            kind: 1,
            kindName: "x-verified",
            attester: lower(attester),
            expiresAt: String(expiresAt),
            digest: digests[0],
            submittedAt: String(facts.blockTime.get(facts.tx["attest:1"]!)),
            revoked: true,
            revokedBy: lower(attester),
            revokedAt: String(facts.blockTime.get(facts.tx["revoke:1"]!)),
          },
          {
            id: `${CHAIN}:${lower(dave)}:2`,
            chainId: CHAIN,
            subject: lower(dave),
            kind: 2,
            kindName: "vetted",
            attester: lower(attester),
            expiresAt: String(expiresAt),
            digest: digests[1],
            submittedAt: String(facts.blockTime.get(facts.tx["attest:2"]!)),
            revoked: false,
            revokedBy: null,
            revokedAt: null,
          },
        ]);
        const configs = [];
        for (let t = 1; t <= 5; t++) configs.push({ tier: TIERS[t], tierId: t, contract: lower(facts.badges), ...(await read<Record<string, unknown>>("tierConfig", [t])) });
        assert.deepEqual(d.badgeTiers.items, configs);
      });

      test("leaderboard rows equal the contracts' work history and badges, with delivery times and USD earnings", async () => {
        const ix = indexer(kind);
        const d = await gql(ix.url, `{ leaderboards(orderBy: "id") { items { id chainId freelancer completedJobs closedJobs milestonesDelivered milestonesOnTime onTimeRateBps avgDeliveryDelta deliveryDeltaSum satisfactionBps ratingCount ratingSum disputesOpened disputesLost disputeRateBps completionRateBps bestTier bestTierId badgeCount tierCounts earnedUsd } } }`);
        const rows = new Map<string, any>(d.leaderboards.items.map((r: any) => [r.freelancer, r]));
        const { bob, carol, dave } = facts;
        for (const who of [bob, carol, dave]) {
          const r = rows.get(lower(who));
          assert.ok(r, `a leaderboard row for ${who}`);
          const s = await read<Record<string, number>>("freelancerStats", [who], chain.escrow, chain.abis.milestoneEscrowAbi as Abi);
          const delivery = facts.delivery[lower(who)]!;
          const rate = (a: number, b: number) => (b === 0 ? 0 : Math.floor((a * 10_000) / b));
          const held = await read<number>("heldTiers", [who]);
          const best = await read<number>("bestTier", [who]);
          assert.deepEqual(r, {
            id: `${CHAIN}:${lower(who)}`,
            chainId: CHAIN,
            freelancer: lower(who),
            completedJobs: Number(s.completedJobs),
            closedJobs: r.closedJobs, // the indexer's addition, checked below
            milestonesDelivered: Number(s.milestonesDelivered),
            milestonesOnTime: Number(s.milestonesOnTime),
            onTimeRateBps: rate(Number(s.milestonesOnTime), Number(s.milestonesDelivered)),
            avgDeliveryDelta: Number(delivery.deltaSum / BigInt(delivery.count)),
            deliveryDeltaSum: String(delivery.deltaSum),
            satisfactionBps: await read<number>("satisfactionBps", [who]),
            ratingCount: Number(s.ratingCount),
            ratingSum: Number(s.ratingSum),
            disputesOpened: Number(s.disputesOpened),
            disputesLost: Number(s.disputesLost),
            disputeRateBps: rate(Number(s.disputesOpened), Number(s.milestonesDelivered)),
            completionRateBps: r.completionRateBps,
            bestTier: TIERS[best],
            bestTierId: best,
            badgeCount: Number(await read<bigint>("balanceOf", [who])),
            tierCounts: [0, 1, 2, 3, 4, 5].map((t) => (held & (1 << t) ? 1 : 0)),
            earnedUsd: String(facts.payoutsUsd[lower(who)] ?? 0n),
          });
        }
        assert.deepEqual([bob, carol, dave].map((w) => [rows.get(lower(w)).closedJobs, rows.get(lower(w)).completionRateBps]), [
          [0, 10_000],
          [0, 10_000],
          [1, 0],
        ]);
        assert.ok(rows.get(lower(bob)).avgDeliveryDelta < 0, "bob delivered early");
        assert.ok(rows.get(lower(dave)).avgDeliveryDelta >= 3_600, "dave delivered an hour late");
        assert.equal(rows.get(lower(bob)).earnedUsd, String(10n * (JOB_AMOUNT - JOB_AMOUNT / 10n)), "10 jobs of 10 dUSD less the 10% fee");
        assert.equal(rows.get(lower(dave)).earnedUsd, "0", "native-coin earnings have no USD price");
      });

      test("GET /leaderboard: combined, sorted, filtered and paged", async () => {
        const ix = indexer(kind);
        const { bob, carol, dave } = facts;
        const all = await api(ix, "/leaderboard");
        assert.equal(all.totalCount, 3);
        assert.deepEqual(
          all.items.map((i: any) => [i.freelancer, i.completedJobs, i.bestTier]),
          [
            ...[bob, carol].map((w) => lower(w)).sort().map((w) => [w, 10, w === lower(bob) ? "bronze" : null]),
            [lower(dave), 0, "verified"],
          ],
          "most completed jobs first, ties by address",
        );
        const bobItem = all.items.find((i: any) => i.freelancer === lower(bob));
        assert.deepEqual(
          { ...bobItem, updatedAt: undefined },
          {
            chainId: "all",
            freelancer: lower(bob),
            chains: [CHAIN],
            completedJobs: 10,
            closedJobs: 0,
            milestonesDelivered: 10,
            milestonesOnTime: 10,
            onTimeRateBps: 10_000,
            avgDeliveryDelta: Number(facts.delivery[lower(bob)]!.deltaSum / 10n),
            satisfactionBps: 10_000,
            ratingCount: 10,
            disputesOpened: 0,
            disputesLost: 0,
            disputeRateBps: 0,
            completionRateBps: 10_000,
            bestTierId: 1,
            bestTier: "bronze",
            badgeCount: 1,
            earnedUsd: String(facts.payoutsUsd[lower(bob)]),
            updatedAt: undefined,
          },
        );
        assert.match(bobItem.updatedAt, /^\d+$/);

        const one = await api(ix, `/leaderboard?chainId=${CHAIN}&sort=satisfactionBps&order=asc`);
        assert.deepEqual(one.items.map((i: any) => [i.freelancer, i.satisfactionBps, i.chainId]), [
          [lower(dave), 0, CHAIN],
          [lower(carol), 9_800, CHAIN],
          [lower(bob), 10_000, CHAIN],
        ]);
        assert.deepEqual((await api(ix, "/leaderboard?sort=bestTier")).items.map((i: any) => i.bestTier), ["verified", "bronze", null]);
        assert.deepEqual((await api(ix, "/leaderboard?sort=avgDeliveryDelta&order=desc")).items[0].freelancer, lower(dave));
        assert.deepEqual((await api(ix, "/leaderboard?sort=earnedUsd&order=asc")).items[0].freelancer, lower(dave));
        assert.deepEqual((await api(ix, "/leaderboard?tier=verified")).items.map((i: any) => i.freelancer), [lower(dave)]);
        assert.deepEqual((await api(ix, "/leaderboard?tier=none")).items.map((i: any) => i.freelancer), [lower(carol)]);
        const min = await api(ix, "/leaderboard?minJobs=10&limit=1&offset=1");
        assert.deepEqual([min.totalCount, min.limit, min.offset, min.items.length], [2, 1, 1, 1]);
        assert.equal((await api(ix, "/leaderboard?chainId=eip155:1")).totalCount, 0);

        for (const [query, message] of [
          ["sort=password", /Invalid sort "password": expected one of completedJobs/],
          ["order=sideways", /Invalid order/],
          ["tier=diamond", /Invalid tier "diamond"/],
          ["minJobs=-1", /Invalid minJobs/],
          ["limit=0", /Invalid limit 0/],
          ["limit=1000000", /Invalid limit/],
          ["offset=99999999", /Invalid offset/],
          ["chainId=ethereum", /Invalid chainId "ethereum"/],
        ] as const) {
          await expectJsonError(await fetch(`${ix.url}/leaderboard?${query}`), 400, message);
        }
      });

      test("GET /profiles: stats, badges held, attestations and tiers; zero stats for a stranger; 400 on bad input", async () => {
        const ix = indexer(kind);
        const { dave, bob } = facts;
        const p = await api(ix, `/profiles/all/${dave}`);
        assert.equal(p.address, lower(dave));
        assert.equal(p.stats.bestTier, "verified");
        assert.equal(p.stats.closedJobs, 1);
        assert.deepEqual(p.badges.map((b: any) => [b.tokenId, b.tier, b.locked]), [["3", "verified", true]], "the burnt Bronze is not held");
        assert.deepEqual(p.attestations.map((a: any) => [a.kindName, a.revoked]), [["x-verified", true], ["vetted", false]]);
        assert.deepEqual(p.tiers.map((t: any) => t.tier), ["bronze", "silver", "gold", "platinum", "verified"]);
        assert.equal(p.chains.length, 1);

        const b = await api(ix, `/profiles/${CHAIN}/${bob.toUpperCase().replace("0X", "0x")}`);
        assert.equal(b.chainId, CHAIN);
        assert.deepEqual(b.badges.map((x: any) => x.tokenId), ["1"]);
        assert.equal(b.stats.completedJobs, 10);

        const stranger = "0x000000000000000000000000000000000000dead";
        const s = await api(ix, `/profiles/all/${stranger}`);
        assert.deepEqual([s.stats.completedJobs, s.stats.bestTier, s.stats.earnedUsd, s.badges, s.attestations], [0, null, "0", [], []]);

        await expectJsonError(await fetch(`${ix.url}/profiles/all/0x1234`), 400, /Invalid address "0x1234"/);
        await expectJsonError(await fetch(`${ix.url}/profiles/mainnet/${bob}`), 400, /Invalid chain id "mainnet"/);
      });

      test("admin_action: the badges' tier configs and role changes", async () => {
        const ix = indexer(kind);
        const d = await gql(ix.url, `{ adminActions(orderBy: "id", limit: 1000) { items { contract action actor details } } }`);
        const mine = d.adminActions.items.filter((a: any) => a.contract === lower(facts.badges));
        const summary = mine.map((a: any) => [a.action, a.details.roleName ?? a.details.tierName, a.details.account ? lower(a.details.account) : null, a.actor]).sort();
        const expected = [
          ...["bronze", "silver", "gold", "platinum", "verified"].map((t) => ["TierConfigUpdated", t, null, lower(facts.deployer)]),
          ["RoleGranted", "DEFAULT_ADMIN_ROLE", lower(facts.deployer), lower(facts.deployer)],
          ["RoleGranted", "ATTESTER_ROLE", lower(facts.attester), lower(facts.deployer)],
          ["RoleGranted", "DEFAULT_ADMIN_ROLE", lower(facts.multisig), lower(facts.deployer)],
          ["RoleRevoked", "DEFAULT_ADMIN_ROLE", lower(facts.deployer), lower(facts.deployer)],
        ].sort();
        assert.deepEqual(summary, expected);
      });
    });
  }

  test("PGlite and PostgreSQL hold identical tables (full dumps, every table)", async () => {
    const [a, b] = await Promise.all([dumpTables(indexer("pglite").url), dumpTables(indexer("postgres").url)]);
    for (const table of ["badge", "attestation", "badge_tier", "leaderboard"]) assert.ok(a[table]!.length > 0, `the history fills ${table}`);
    assertSameDump(a, b, "PGlite vs PostgreSQL");
  });

  test("the deployment wires the badges: the fee-discount source reads them, the attester appointed, the multisig admin", async () => {
    const escrowAbi = chain.abis.milestoneEscrowAbi as Abi;
    // The escrow asks the DAO's StakingFeeDiscount, which takes the better of staking and the badges.
    const { evmContract } = await import("../../generated/deployments.ts");
    const stakingFeeDiscount = evmContract(CHAIN, "StakingFeeDiscount");
    assert.equal(lower(await read<Address>("feeDiscountSource", [], chain.escrow, escrowAbi)), lower(stakingFeeDiscount));
    assert.equal(lower(await read<Address>("badgeSource", [], stakingFeeDiscount, chain.abis.stakingFeeDiscountAbi as Abi)), lower(facts.badges));
    assert.equal(lower(await read<Address>("escrow")), lower(chain.escrow));
    assert.equal(await read<boolean>("hasRole", [keccak256(toHex("ATTESTER_ROLE")), facts.attester]), true);
    assert.equal(await read<boolean>("hasRole", [zeroHash, facts.multisig]), true);
    assert.equal(await read<boolean>("hasRole", [zeroHash, facts.deployer]), false);
  });
});
