/**
 * The DAO indexer against a real Hardhat node (LocalDemo: escrow, multisig, badges and the DAO) and
 * real `ponder start`s on PGlite and PostgreSQL. A real history is sent first: finished jobs whose
 * WORX rewards are claimed, delegations (one changed), stakes (one unstaked after its lock), fees
 * collected through the FeeSplitter and released, direct transfers to the treasury, and five
 * proposals: one executed (a treasury grant plus a governed parameter change), one executed on the
 * timelock directly (no ProposalExecuted), one defeated, one canceled by the guardian (account
 * #0, the multisig's guardian too) while pending, one extended by late quorum, one pending.
 * The rows must equal what the contracts' own views say (proposalVotes, state, getVotes, delegates,
 * stakeOf, lockedBalance, owed, balances), and the /dao routes must serve them with the
 * Governor's state derived on the chain's time, with 4xx JSON on bad input.
 *
 * Run: npx tsx --test --test-reporter=spec test/indexer/dao.test.ts
 * Keep logs and data: WORX_KEEP_TEST_DATA=1 (the path is printed).
 */
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { decodeEventLog, encodeFunctionData, keccak256, parseEther, toHex, zeroAddress, zeroHash, type Abi, type Address, type Hash, type Hex } from "viem";
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

// Ports of this suite (escrow: 8546/42070/42074/42075/5544; badges: 8551/42077/42078/5545; e2e: 8547/8549/8550/8552).
const NODE_PORT = 8553;
const INDEXER_PORTS: Record<DatabaseKind, number> = { pglite: 42084, postgres: 42085 };
const POSTGRES_PORT = 5546;

const HOUR = 3_600;
const DAY = 86_400;
const WORX = 10n ** 18n;
const DUSD = 1_000_000n; // 1 dUSD (6 decimals)
/** OpenZeppelin IGovernor.ProposalState, lowercase. */
const STATES = ["pending", "active", "canceled", "defeated", "succeeded", "queued", "expired", "executed"] as const;
const TERMS = ["30d", "90d", "180d"] as const;

interface ProposalFacts {
  id: bigint;
  proposer: Address;
  targets: Address[];
  values: bigint[];
  calldatas: Hex[];
  description: string;
  createdTx: Hash;
}

interface Facts {
  deployer: Address;
  alice: Address;
  bob: Address;
  carol: Address;
  dave: Address;
  multisig: Address;
  dusd: Address;
  token: Address;
  governor: Address;
  timelock: Address;
  splitter: Address;
  rewards: Address;
  discount: Address;
  proposals: Record<"grant" | "share" | "canceled" | "direct" | "late" | "pending", ProposalFacts>;
  tx: Record<string, Hash>;
  blockTime: Map<Hash, bigint>;
  lastBlock: bigint;
}

const stack = new DualDatabaseStack({ tmpPrefix: "worx-dao-indexer-test-", nodePort: NODE_PORT, postgresPort: POSTGRES_PORT, indexerPorts: INDEXER_PORTS });
let chain: TestChain;
let facts: Facts;

const indexer = (kind: DatabaseKind): TestIndexer => stack.indexer(kind);

const abiOf = (name: "worxTokenAbi" | "worxGovernorAbi" | "timelockControllerAbi" | "feeSplitterAbi" | "workRewardsAbi" | "stakingFeeDiscountAbi" | "demoStablecoinAbi" | "milestoneEscrowAbi") =>
  chain.abis[name] as Abi;

const read = <T>(address: Address, abi: Abi, functionName: string, args: readonly unknown[] = []) =>
  chain.publicClient.readContract({ address, abi, functionName, args }) as Promise<T>;

/**
 * The history (sent before the indexers start):
 *  - three finished jobs: alice pays bob 1 000 dUSD, carol pays dave 1 ETH, alice pays carol 200
 *    dUSD; their WORX rewards are claimed (1 WORX per dUSD, 2 000 per ETH; clients get half);
 *  - fees: the FeeSplitter collects both tokens from the escrow and releases the treasury's share
 *    (and operations' dUSD); alice sends 5 dUSD and carol 10 WORX to the treasury directly;
 *  - delegation: bob, alice, carol to themselves; dave to himself, then to carol;
 *  - staking: bob 300 + 100 WORX for 90 days, carol 100 for 180 days, dave 500 for 30 days,
 *    unstaked 31 days later;
 *  - proposals: "grant" (bob: 10 dUSD and 0.01 ETH to dave, and the DAO share to 75%) voted for,
 *    queued and executed; "share" (alice) defeated; "canceled" (bob) canceled by the guardian
 *    (the deployer account) while pending; "direct" (carol) passed, queued with the grant and executed by
 *    alice on the timelock itself (its executeBatch is open to anyone); "late" (carol) reaching
 *    quorum ten minutes before its end, extended; "pending" (bob) created last.
 */
async function sendHistory(): Promise<Facts> {
  const [deployer, alice, bob, carol, dave] = chain.accounts as [Address, Address, Address, Address, Address];
  const { evmContract } = await import("../../generated/deployments.ts");
  const f: Facts = {
    deployer,
    alice,
    bob,
    carol,
    dave,
    multisig: evmContract(CHAIN, "WorxMultisig"),
    dusd: chain.token,
    token: evmContract(CHAIN, "WorxToken"),
    governor: evmContract(CHAIN, "WorxGovernor"),
    timelock: evmContract(CHAIN, "TimelockController"),
    splitter: evmContract(CHAIN, "FeeSplitter"),
    rewards: evmContract(CHAIN, "WorkRewards"),
    discount: evmContract(CHAIN, "StakingFeeDiscount"),
    proposals: {} as Facts["proposals"],
    tx: {},
    blockTime: new Map(),
    lastBlock: 0n,
  };
  facts = f;
  const escrow = { to: chain.escrow, abi: abiOf("milestoneEscrowAbi") };
  const dusd = { to: f.dusd, abi: abiOf("demoStablecoinAbi") };
  const worx = { to: f.token, abi: abiOf("worxTokenAbi") };
  const governor = { to: f.governor, abi: abiOf("worxGovernorAbi") };
  const splitter = { to: f.splitter, abi: abiOf("feeSplitterAbi") };
  const rewards = { to: f.rewards, abi: abiOf("workRewardsAbi") };
  const send = async (from: Address, call: Call, name?: string) => {
    const { hash, receipt } = await sendAndWait(chain, from, call);
    f.blockTime.set(hash, (await chain.publicClient.getBlock({ blockNumber: receipt.blockNumber })).timestamp);
    f.lastBlock = receipt.blockNumber;
    if (name) f.tx[name] = hash;
    return { hash, receipt };
  };

  // Three finished jobs.
  let escrowId = 0n;
  const job = async (client: Address, freelancer: Address, token: Address, amount: bigint) => {
    const due = (await chainTime(chain)) + 30n * BigInt(DAY);
    await send(client, { ...escrow, functionName: "createEscrow", args: [freelancer, token, terms([amount, due]), HOUR, HOUR] });
    escrowId += 1n;
    await send(client, { ...escrow, functionName: "fundEscrow", args: [escrowId], ...(token === zeroAddress ? { value: amount } : {}) });
    await send(freelancer, { ...escrow, functionName: "submitMilestone", args: [escrowId, 0n, zeroHash] });
    await send(client, { ...escrow, functionName: "approveMilestone", args: [escrowId, 0n] });
    return escrowId;
  };
  await send(alice, { ...dusd, functionName: "mint", args: [alice, 10_000n * DUSD] });
  await send(alice, { ...dusd, functionName: "approve", args: [chain.escrow, 10_000n * DUSD] });
  await job(alice, bob, f.dusd, 1_000n * DUSD);
  await job(carol, dave, zeroAddress, parseEther("1"));
  await job(alice, carol, f.dusd, 200n * DUSD);
  await send(bob, { ...rewards, functionName: "claimWorkReward", args: [1n] }, "reward:1");
  await send(deployer, { ...rewards, functionName: "claimWorkReward", args: [2n] }, "reward:2");
  await send(carol, { ...rewards, functionName: "claimWorkReward", args: [3n] }, "reward:3");

  // Fees through the splitter; direct transfers to the treasury.
  await send(deployer, { ...splitter, functionName: "collect", args: [chain.escrow, f.dusd] }, "collect:dusd");
  await send(deployer, { ...splitter, functionName: "collect", args: [chain.escrow, zeroAddress] }, "collect:native");
  await send(bob, { ...splitter, functionName: "release", args: [f.dusd, f.timelock] }, "release:dusd");
  await send(bob, { ...splitter, functionName: "release", args: [zeroAddress, f.timelock] }, "release:native");
  await send(dave, { ...splitter, functionName: "release", args: [f.dusd, f.multisig] }, "release:ops");
  await send(alice, { ...dusd, functionName: "transfer", args: [f.timelock, 5n * DUSD] }, "gift:dusd");
  await send(carol, { ...worx, functionName: "transfer", args: [f.timelock, 10n * WORX] }, "gift:worx");

  // Delegation.
  for (const who of [bob, alice, carol, dave]) await send(who, { ...worx, functionName: "delegate", args: [who] });
  await send(dave, { ...worx, functionName: "delegate", args: [carol] }, "redelegate");

  // Staking.
  await send(bob, { ...worx, functionName: "stake", args: [300n * WORX, 1] });
  await send(dave, { ...worx, functionName: "stake", args: [500n * WORX, 0] });
  await send(carol, { ...worx, functionName: "stake", args: [100n * WORX, 2] });
  await send(bob, { ...worx, functionName: "stake", args: [100n * WORX, 1] }, "stake:bob:2");
  await advanceTime(chain, 31 * DAY);
  await send(dave, { ...worx, functionName: "unstake", args: [0] }, "unstake:dave");

  // Proposals.
  const propose = async (key: keyof Facts["proposals"], proposer: Address, calls: { target: Address; value?: bigint; data: Hex }[], description: string) => {
    const targets = calls.map((c) => c.target);
    const values = calls.map((c) => c.value ?? 0n);
    const calldatas = calls.map((c) => c.data);
    const { hash, receipt } = await send(proposer, { ...governor, functionName: "propose", args: [targets, values, calldatas, description] });
    const log = receipt.logs.find((l) => lower(l.address) === lower(f.governor))!;
    const ev = decodeEventLog({ abi: governor.abi, data: log.data, topics: log.topics as [Hex, ...Hex[]] });
    assert.equal(ev.eventName, "ProposalCreated");
    const id = (ev.args as unknown as { proposalId: bigint }).proposalId;
    f.proposals[key] = { id, proposer, targets, values, calldatas, description, createdTx: hash };
    return f.proposals[key];
  };
  const opArgs = (p: ProposalFacts) => [p.targets, p.values, p.calldatas, keccak256(toHex(p.description))];
  const encode = (abi: Abi, functionName: string, args: unknown[]) => encodeFunctionData({ abi, functionName, args } as never);

  await advanceTime(chain, 1); // delegated votes count from the next second on
  const grant = await propose(
    "grant",
    bob,
    [
      { target: f.dusd, data: encode(dusd.abi, "transfer", [dave, 10n * DUSD]) },
      { target: dave, value: parseEther("0.01"), data: "0x" },
      { target: f.splitter, data: encode(splitter.abi, "setDaoShare", [7_500]) },
    ],
    "# Grant 10 dUSD and 0.01 ETH to dave\n\nFor the indexer test; also raises the DAO share to 75%.",
  );
  const share = await propose("share", alice, [{ target: f.splitter, data: encode(splitter.abi, "setDaoShare", [6_000]) }], "Lower the DAO share to 60%");
  const canceled = await propose("canceled", bob, [{ target: f.rewards, data: encode(rewards.abi, "setClientShare", [4_000]) }], "# Trim client rewards\nto 40%");
  await send(deployer, { ...governor, functionName: "cancel", args: opArgs(canceled) }, "guardianCancel");
  const direct = await propose("direct", carol, [{ target: f.rewards, data: encode(rewards.abi, "setClientShare", [5_000]) }], "# Keep the client share at 50%");

  await advanceTime(chain, HOUR + 1);
  await send(bob, { ...governor, functionName: "castVoteWithReason", args: [grant.id, 1, "ship it"] }, "vote:grant:bob");
  await send(carol, { ...governor, functionName: "castVoteWithReasonAndParams", args: [grant.id, 1, "yes, with params", "0x1234"] }, "vote:grant:carol");
  await send(alice, { ...governor, functionName: "castVote", args: [grant.id, 0] }, "vote:grant:alice");
  await send(alice, { ...governor, functionName: "castVoteWithReason", args: [share.id, 1, "cheaper operations"] });
  await send(carol, { ...governor, functionName: "castVoteWithReason", args: [share.id, 0, "too low"] });
  await send(bob, { ...governor, functionName: "castVote", args: [share.id, 2] });
  await send(bob, { ...governor, functionName: "castVote", args: [direct.id, 1] });
  await send(carol, { ...governor, functionName: "castVote", args: [direct.id, 1] });

  await advanceTime(chain, DAY + 1);
  await send(dave, { ...governor, functionName: "queue", args: opArgs(grant) }, "queue:grant");
  await send(dave, { ...governor, functionName: "queue", args: opArgs(direct) }, "queue:direct");
  await advanceTime(chain, HOUR + 1);
  await send(dave, { ...governor, functionName: "execute", args: opArgs(grant) }, "execute:grant");
  // GovernorTimelockControl's salt: bytes20(governor) ^ keccak256(description).
  const salt = toHex((BigInt(f.governor) << 96n) ^ BigInt(keccak256(toHex(direct.description))), { size: 32 });
  const timelock = { to: f.timelock, abi: abiOf("timelockControllerAbi") };
  await send(alice, { ...timelock, functionName: "executeBatch", args: [direct.targets, direct.values, direct.calldatas, zeroHash, salt] }, "execute:direct");

  const late = await propose("late", carol, [{ target: f.rewards, data: encode(rewards.abi, "setRewardRate", [f.dusd, 2n * 10n ** 30n]) }], "# Double the dUSD reward rate");
  const lateEnd = await read<bigint>(f.governor, governor.abi, "proposalDeadline", [late.id]);
  await advanceTime(chain, Number(lateEnd - (await chainTime(chain))) - 600);
  await send(bob, { ...governor, functionName: "castVote", args: [late.id, 1] }, "vote:late:bob");
  await propose("pending", bob, [{ target: f.splitter, data: encode(splitter.abi, "setPayees", [f.timelock, f.multisig]) }], "# Keep the payees");
  return f;
}

const api = async (ix: TestIndexer, path: string) => {
  const res = await fetch(`${ix.url}${path}`);
  const text = await res.text();
  assert.equal(res.status, 200, `${path}: ${res.status} ${text}`);
  return JSON.parse(text);
};

/** The governor's own state of a proposal, by name. */
const chainState = async (id: bigint) => STATES[await read<number>(facts.governor, abiOf("worxGovernorAbi"), "state", [id])];

describe("DAO indexer on PGlite and PostgreSQL (Hardhat node + ponder start)", { timeout: 900_000 }, () => {
  const started = Date.now();

  before(async () => {
    chain = await stack.startChain();
    await sendHistory();
    await stack.startIndexers((ix) => waitForBlock(ix, facts.lastBlock, 180_000));
    console.log(`# stack up and history indexed in ${Date.now() - started} ms`);
  });

  after(async () => {
    await stack.stop();
  });

  test("the history did what it says on chain (states, extension, execution)", async () => {
    const { proposals: p } = facts;
    assert.deepEqual(
      await Promise.all([p.grant, p.share, p.canceled, p.direct, p.late, p.pending].map((x) => chainState(x.id))),
      ["executed", "defeated", "canceled", "executed", "active", "pending"],
    );
    const receipt = await chain.publicClient.getTransactionReceipt({ hash: facts.tx["execute:direct"]! });
    assert.ok(!receipt.logs.some((l) => lower(l.address) === lower(facts.governor)), "executed on the timelock: the governor emitted nothing");
    const gov = abiOf("worxGovernorAbi");
    const lateStart = await read<bigint>(facts.governor, gov, "proposalSnapshot", [p.late.id]);
    const lateEnd = await read<bigint>(facts.governor, gov, "proposalDeadline", [p.late.id]);
    assert.ok(lateEnd > lateStart + BigInt(DAY), "late quorum moved the deadline past the voting period");
    assert.equal(lower(await read<Address>(facts.governor, gov, "guardian")), lower(facts.deployer), "the protocol's guardian account");
    assert.equal(await read<number>(facts.splitter, abiOf("feeSplitterAbi"), "daoShareBps"), 7_500, "the grant raised the DAO share");
  });

  for (const kind of ["pglite", "postgres"] as const) {
    describe(`on ${LABEL[kind]}`, () => {
      test("proposal rows equal the governor's views: tallies, times, eta, status, quorum", async () => {
        const ix = indexer(kind);
        const d = await gql(ix.url, `{ proposals(orderBy: "createdAt", limit: 100) { items { id chainId governor proposalId proposer title description targets values calldatas signatures voteStart voteEnd quorum forVotes againstVotes abstainVotes voterCount status eta timelockId extended createdAt createdTx queuedTx executedTx canceledTx canceledBy } } }`);
        const rows = new Map<string, any>(d.proposals.items.map((r: any) => [r.proposalId, r]));
        assert.equal(rows.size, 6);
        const gov = abiOf("worxGovernorAbi");
        const expected = { grant: "executed", share: "created", canceled: "canceled", direct: "executed", late: "created", pending: "created" } as const;
        const queued = (key: string) => key === "grant" || key === "direct";
        for (const [key, p] of Object.entries(facts.proposals) as [keyof typeof expected, ProposalFacts][]) {
          const r = rows.get(String(p.id));
          assert.ok(r, `a row for ${key}`);
          const [against, forVotes, abstain] = await read<[bigint, bigint, bigint]>(facts.governor, gov, "proposalVotes", [p.id]);
          const voteStart = await read<bigint>(facts.governor, gov, "proposalSnapshot", [p.id]);
          const voteEnd = await read<bigint>(facts.governor, gov, "proposalDeadline", [p.id]);
          const eta = await read<bigint>(facts.governor, gov, "proposalEta", [p.id]);
          const voted = r.voterCount > 0;
          assert.deepEqual(
            { ...r, description: undefined, createdAt: undefined },
            {
              id: `${CHAIN}:${p.id}`,
              chainId: CHAIN,
              governor: lower(facts.governor),
              proposalId: String(p.id),
              proposer: lower(await read<Address>(facts.governor, gov, "proposalProposer", [p.id])),
              title: r.title, // checked below
              description: undefined,
              targets: p.targets.map(lower),
              values: p.values.map(String),
              calldatas: p.calldatas,
              signatures: p.targets.map(() => ""),
              voteStart: String(voteStart),
              voteEnd: String(voteEnd),
              quorum: voted ? String(await read<bigint>(facts.governor, gov, "quorum", [voteStart])) : null,
              forVotes: String(forVotes),
              againstVotes: String(against),
              abstainVotes: String(abstain),
              voterCount: r.voterCount,
              status: expected[key],
              eta: queued(key) ? String(eta) : null,
              timelockId: r.timelockId,
              extended: key === "late",
              createdAt: undefined,
              createdTx: p.createdTx,
              queuedTx: queued(key) ? facts.tx[`queue:${key}`] : null,
              executedTx: queued(key) ? facts.tx[`execute:${key}`] : null,
              canceledTx: key === "canceled" ? facts.tx.guardianCancel : null,
              canceledBy: key === "canceled" ? lower(facts.deployer) : null,
            },
            key,
          );
          assert.equal(r.description, p.description);
          assert.equal(BigInt(r.createdAt), facts.blockTime.get(p.createdTx));
          if (!queued(key)) assert.equal(eta, 0n);
        }
        assert.deepEqual(
          [...rows.values()].map((r) => r.title),
          ["Grant 10 dUSD and 0.01 ETH to dave", "Lower the DAO share to 60%", "Trim client rewards", "Keep the client share at 50%", "Double the dUSD reward rate", "Keep the payees"],
        );
        assert.deepEqual([...rows.values()].map((r) => r.voterCount), [3, 3, 0, 2, 1, 0]);
        // The queued grant's eta and timelock operation: what the timelock scheduled, and now done.
        const grant = rows.get(String(facts.proposals.grant.id));
        const receipt = await chain.publicClient.getTransactionReceipt({ hash: facts.tx["queue:grant"]! });
        const queuedEvent = receipt.logs
          .filter((l) => lower(l.address) === lower(facts.governor))
          .map((l) => decodeEventLog({ abi: gov, data: l.data, topics: l.topics as [Hex, ...Hex[]] }))
          .find((e) => e.eventName === "ProposalQueued")!;
        assert.equal(grant.eta, String((queuedEvent.args as unknown as { etaSeconds: bigint }).etaSeconds));
        const scheduled = receipt.logs.find((l) => lower(l.address) === lower(facts.timelock))!;
        assert.equal(grant.timelockId, scheduled.topics[1], "the CallScheduled operation id");
        assert.equal(await read<boolean>(facts.timelock, abiOf("timelockControllerAbi"), "isOperationDone", [grant.timelockId]), true);
      });

      test("vote rows: one per voter with the snapshot weight, support and reason", async () => {
        const ix = indexer(kind);
        const d = await gql(ix.url, `{ votes(orderBy: "blockNumber", limit: 100) { items { id chainId proposalId voter support supportName weight reason params txHash castAt } } }`);
        const gov = abiOf("worxGovernorAbi");
        const { grant, share, direct, late } = facts.proposals;
        const { alice, bob, carol } = facts;
        const expected: [ProposalFacts, Address, number, string, string, Hex | null][] = [
          [grant, bob, 1, "for", "ship it", null],
          [grant, carol, 1, "for", "yes, with params", "0x1234"],
          [grant, alice, 0, "against", "", null],
          [share, alice, 1, "for", "cheaper operations", null],
          [share, carol, 0, "against", "too low", null],
          [share, bob, 2, "abstain", "", null],
          [direct, bob, 1, "for", "", null],
          [direct, carol, 1, "for", "", null],
          [late, bob, 1, "for", "", null],
        ];
        assert.equal(d.votes.items.length, expected.length);
        for (const [i, [p, voter, support, supportName, reason, params]] of expected.entries()) {
          const row = d.votes.items[i];
          const snapshot = await read<bigint>(facts.governor, gov, "proposalSnapshot", [p.id]);
          assert.equal(await read<boolean>(facts.governor, gov, "hasVoted", [p.id, voter]), true);
          assert.deepEqual(
            { ...row, txHash: undefined, castAt: undefined },
            {
              id: `${CHAIN}:${p.id}:${lower(voter)}`,
              chainId: CHAIN,
              proposalId: String(p.id),
              voter: lower(voter),
              support,
              supportName,
              weight: String(await read<bigint>(facts.token, abiOf("worxTokenAbi"), "getPastVotes", [voter, snapshot])),
              reason,
              params,
              txHash: undefined,
              castAt: undefined,
            },
          );
        }
        // dave delegated to carol before the snapshot: carol votes with both balances.
        assert.equal(d.votes.items[1].weight, String(3_190n * WORX));
      });

      test("voting_power, delegation and stake rows equal the token's views", async () => {
        const ix = indexer(kind);
        const d = await gql(ix.url, `{
          votingPowers(orderBy: "id", limit: 100) { items { id chainId account votes balance delegate staked } }
          delegations(orderBy: "id", limit: 100) { items { id delegator delegate previousDelegate txHash } }
          stakes(orderBy: "id", limit: 100) { items { id chainId account term termId amount unlockAt active stakedAt unstakedAt unstakedAmount } }
        }`);
        const tokenAbi = abiOf("worxTokenAbi");
        const { alice, bob, carol, dave, timelock } = facts;
        const powers = new Map<string, any>(d.votingPowers.items.map((r: any) => [r.account, r]));
        assert.deepEqual([...powers.keys()].sort(), [alice, bob, carol, dave, timelock].map(lower).sort(), "every WORX holder or delegate");
        for (const who of [alice, bob, carol, dave, timelock]) {
          const delegate = await read<Address>(facts.token, tokenAbi, "delegates", [who]);
          assert.deepEqual(powers.get(lower(who)), {
            id: `${CHAIN}:${lower(who)}`,
            chainId: CHAIN,
            account: lower(who),
            votes: String(await read<bigint>(facts.token, tokenAbi, "getVotes", [who])),
            balance: String(await read<bigint>(facts.token, tokenAbi, "balanceOf", [who])),
            delegate: delegate === zeroAddress ? null : lower(delegate),
            staked: String(await read<bigint>(facts.token, tokenAbi, "lockedBalance", [who])),
          });
        }
        assert.equal(powers.get(lower(carol)).votes, String(3_190n * WORX), "carol's own 1 190 WORX and dave's 2 000");
        assert.equal(powers.get(lower(dave)).votes, "0");
        // The sum of votes is the sum of the delegating holders' balances (the timelock never delegated).
        const votes = [...powers.values()].reduce((s, r) => s + BigInt(r.votes), 0n);
        assert.equal(votes, await read<bigint>(facts.token, tokenAbi, "totalSupply") - 10n * WORX);

        assert.deepEqual(
          d.delegations.items.map((r: any) => [r.delegator, r.delegate, r.previousDelegate]),
          [alice, bob, carol, dave]
            .map((w) => lower(w))
            .sort()
            .map((w) => [w, w === lower(dave) ? lower(carol) : w, w === lower(dave) ? lower(dave) : zeroAddress]),
        );
        assert.equal(d.delegations.items.find((r: any) => r.delegator === lower(dave)).txHash, facts.tx.redelegate);

        const stakes = new Map<string, any>(d.stakes.items.map((r: any) => [r.id, r]));
        assert.equal(stakes.size, 3);
        for (const [who, termId] of [
          [bob, 1],
          [carol, 2],
          [dave, 0],
        ] as const) {
          const onChain = await read<{ amount: bigint; unlockAt: number }>(facts.token, tokenAbi, "stakeOf", [who, termId]);
          const row = stakes.get(`${CHAIN}:${lower(who)}:${TERMS[termId]}`);
          assert.ok(row, `${who} ${TERMS[termId]}`);
          assert.deepEqual([row.amount, row.unlockAt, row.term, row.termId], [String(onChain.amount), String(onChain.unlockAt), TERMS[termId], termId]);
        }
        const daveStake = stakes.get(`${CHAIN}:${lower(dave)}:30d`);
        assert.deepEqual([daveStake.active, daveStake.unstakedAmount, daveStake.unstakedAt], [false, String(500n * WORX), String(facts.blockTime.get(facts.tx["unstake:dave"]!))]);
        const bobStake = stakes.get(`${CHAIN}:${lower(bob)}:90d`);
        assert.deepEqual([bobStake.active, bobStake.amount, bobStake.stakedAt], [true, String(400n * WORX), String(facts.blockTime.get(facts.tx["stake:bob:2"]!))]);
      });

      test("work rewards, fee splits and releases: as the events and the splitter's books say", async () => {
        const ix = indexer(kind);
        const d = await gql(ix.url, `{
          workRewards(orderBy: "escrowId") { items { id escrowId freelancer client token value freelancerReward clientReward claimedBy txHash } }
          feeSplits(orderBy: "blockNumber") { items { splitter token income toTreasury toOperations daoShareBps txHash } }
          feeReleases(orderBy: "blockNumber") { items { splitter token payee amount txHash } }
          badgeRewards { totalCount }
        }`);
        const { alice, bob, carol, dave, deployer, dusd, splitter, timelock, multisig } = facts;
        assert.deepEqual(d.workRewards.items, [
          [1n, bob, alice, dusd, 1_000n * DUSD, 1_000n * WORX, 500n * WORX, bob, "reward:1"],
          [2n, dave, carol, zeroAddress, parseEther("1"), 2_000n * WORX, 1_000n * WORX, deployer, "reward:2"],
          [3n, carol, alice, dusd, 200n * DUSD, 200n * WORX, 100n * WORX, carol, "reward:3"],
        ].map(([id, freelancer, client, token, value, fr, cr, by, tx]) => ({
          id: `${CHAIN}:${id}`,
          escrowId: String(id),
          freelancer: lower(freelancer as string),
          client: lower(client as string),
          token: lower(token as string),
          value: String(value),
          freelancerReward: String(fr),
          clientReward: String(cr),
          claimedBy: lower(by as string),
          txHash: facts.tx[tx as string],
        })));
        for (const id of [1n, 2n, 3n]) assert.equal(await read<boolean>(facts.rewards, abiOf("workRewardsAbi"), "isWorkRewardClaimed", [id]), true);
        assert.equal(d.badgeRewards.totalCount, 0, "no badge reward was claimed");

        assert.deepEqual(d.feeSplits.items, [
          { splitter: lower(splitter), token: lower(dusd), income: String(120n * DUSD), toTreasury: String(84n * DUSD), toOperations: String(36n * DUSD), daoShareBps: 7_000, txHash: facts.tx["collect:dusd"] },
          {
            splitter: lower(splitter),
            token: zeroAddress,
            income: String(parseEther("0.1")),
            toTreasury: String(parseEther("0.07")),
            toOperations: String(parseEther("0.03")),
            daoShareBps: 7_000,
            txHash: facts.tx["collect:native"],
          },
        ]);
        assert.deepEqual(d.feeReleases.items, [
          { splitter: lower(splitter), token: lower(dusd), payee: lower(timelock), amount: String(84n * DUSD), txHash: facts.tx["release:dusd"] },
          { splitter: lower(splitter), token: zeroAddress, payee: lower(timelock), amount: String(parseEther("0.07")), txHash: facts.tx["release:native"] },
          { splitter: lower(splitter), token: lower(dusd), payee: lower(multisig), amount: String(36n * DUSD), txHash: facts.tx["release:ops"] },
        ]);
        // The splitter's books: what was split and not yet released is still owed, per payee and token.
        const owed = (payee: Address, token: Address) => read<bigint>(splitter, abiOf("feeSplitterAbi"), "owed", [payee, token]);
        for (const token of [dusd, zeroAddress]) {
          for (const [payee, column] of [
            [timelock, "toTreasury"],
            [multisig, "toOperations"],
          ] as const) {
            const split = d.feeSplits.items.filter((s: any) => s.token === lower(token)).reduce((sum: bigint, s: any) => sum + BigInt(s[column]), 0n);
            const released = d.feeReleases.items.filter((r: any) => r.token === lower(token) && r.payee === lower(payee)).reduce((sum: bigint, r: any) => sum + BigInt(r.amount), 0n);
            assert.equal(split - released, await owed(payee, token), `${token} owed to ${payee}`);
          }
        }
      });

      test("treasury_flow rows: fee releases and transfers in, the executed grant out", async () => {
        const ix = indexer(kind);
        const d = await gql(ix.url, `{ treasuryFlows(orderBy: "blockNumber", limit: 100) { items { treasury token direction amount counterparty kind proposalId txHash blockNumber logIndex } } }`);
        // Chain order (two flows share the execution's block).
        const flows = [...d.treasuryFlows.items]
          .sort((a: any, b: any) => Number(BigInt(a.blockNumber) - BigInt(b.blockNumber)) || a.logIndex - b.logIndex)
          .map(({ blockNumber: _b, logIndex: _l, ...flow }: any) => flow);
        const { dusd, dave, alice, carol, splitter, timelock, token } = facts;
        const grant = String(facts.proposals.grant.id);
        const row = (tokenAddress: Address, direction: string, amount: bigint, counterparty: Address, kind: string, tx: string, proposalId: string | null = null) => ({
          treasury: lower(timelock),
          token: lower(tokenAddress),
          direction,
          amount: String(amount),
          counterparty: lower(counterparty),
          kind,
          proposalId,
          txHash: facts.tx[tx],
        });
        assert.deepEqual(flows, [
          row(dusd, "in", 84n * DUSD, splitter, "fee-release", "release:dusd"),
          row(zeroAddress, "in", parseEther("0.07"), splitter, "fee-release", "release:native"),
          row(dusd, "in", 5n * DUSD, alice, "transfer", "gift:dusd"),
          row(token, "in", 10n * WORX, carol, "transfer", "gift:worx"),
          row(dusd, "out", 10n * DUSD, dave, "proposal-execution", "execute:grant", grant),
          row(zeroAddress, "out", parseEther("0.01"), dave, "proposal-execution", "execute:grant", grant),
        ]);
      });

      test("admin_action: the DAO's deployment wiring and governed changes, every event of the chain, actors named", async () => {
        const ix = indexer(kind);
        const d = await gql(ix.url, `{ adminActions(orderBy: "id", limit: 1000) { items { contract action actor details txHash } } }`);
        const { token, timelock, governor, splitter, rewards, discount, deployer } = facts;
        const daoContracts = [token, timelock, governor, splitter, rewards, discount].map(lower);
        const mine = d.adminActions.items.filter((a: any) => daoContracts.includes(a.contract));
        // Every administrative event the DAO contracts emitted, and nothing else.
        const ADMIN_EVENTS = new Set([
          "RoleGranted",
          "RoleRevoked",
          "RoleAdminChanged",
          "DaoShareUpdated",
          "PayeesUpdated",
          "RewardRateUpdated",
          "ClientShareUpdated",
          "BadgeRewardUpdated",
          "DiscountTiersUpdated",
          "BadgeSourceUpdated",
          "VotingDelaySet",
          "VotingPeriodSet",
          "ProposalThresholdSet",
          "QuorumNumeratorUpdated",
          "LateQuorumVoteExtensionSet",
          "GuardianUpdated",
          "TimelockChange",
          "MinDelayChange",
          "Cancelled",
        ]);
        const abis: Record<string, Abi> = {
          [lower(token)]: abiOf("worxTokenAbi"),
          [lower(timelock)]: abiOf("timelockControllerAbi"),
          [lower(governor)]: abiOf("worxGovernorAbi"),
          [lower(splitter)]: abiOf("feeSplitterAbi"),
          [lower(rewards)]: abiOf("workRewardsAbi"),
          [lower(discount)]: abiOf("stakingFeeDiscountAbi"),
        };
        const logs = await chain.publicClient.getLogs({ address: [token, timelock, governor, splitter, rewards, discount], fromBlock: 0n, toBlock: "latest" });
        const expected = logs
          .map((log) => ({ log, ev: decodeEventLog({ abi: abis[lower(log.address)]!, data: log.data, topics: log.topics }) }))
          .filter(({ ev }) => ADMIN_EVENTS.has(ev.eventName!))
          .map(({ log, ev }) => [lower(log.address), ev.eventName, log.transactionHash]);
        assert.deepEqual(mine.map((a: any) => [a.contract, a.action, a.txHash]).sort(), expected.sort());
        for (const a of mine.filter((a: any) => a.action.startsWith("Role"))) assert.notEqual(a.details.roleName, "unknown", JSON.stringify(a));

        const summary = (contract: Address, action: string) =>
          mine
            .filter((a: any) => a.contract === lower(contract) && a.action === action)
            .map((a: any) => [a.details.roleName, lower(a.details.account), a.actor])
            .sort();
        // The deployment's handover: WorkRewards mints, the governor proposes and cancels, the timelock administers, the deployer leaves.
        assert.deepEqual(summary(token, "RoleGranted"), [
          ["DEFAULT_ADMIN_ROLE", lower(deployer), lower(deployer)],
          ["DEFAULT_ADMIN_ROLE", lower(timelock), lower(deployer)],
          ["MINTER_ROLE", lower(rewards), lower(deployer)],
        ].sort());
        assert.deepEqual(summary(token, "RoleRevoked"), [["DEFAULT_ADMIN_ROLE", lower(deployer), lower(deployer)]]);
        const timelockGrants = summary(timelock, "RoleGranted");
        for (const grant of [
          ["PROPOSER_ROLE", lower(governor), lower(deployer)],
          ["CANCELLER_ROLE", lower(governor), lower(deployer)],
          ["EXECUTOR_ROLE", zeroAddress, lower(deployer)],
        ]) {
          assert.ok(timelockGrants.some((g: string[]) => JSON.stringify(g) === JSON.stringify(grant)), `timelock grant ${grant.join(" ")} in ${JSON.stringify(timelockGrants)}`);
        }
        assert.deepEqual(summary(timelock, "RoleRevoked"), [["DEFAULT_ADMIN_ROLE", lower(deployer), lower(deployer)]]);
        const tokenRoles = abiOf("worxTokenAbi");
        assert.equal(await read<boolean>(token, tokenRoles, "hasRole", [zeroHash, deployer]), false);
        assert.equal(await read<boolean>(timelock, abiOf("timelockControllerAbi"), "hasRole", [zeroHash, deployer]), false);

        // The executed proposal's parameter change names the timelock; the constructor's settings the deployer.
        const share = mine.filter((a: any) => a.action === "DaoShareUpdated");
        assert.deepEqual(
          share.map((a: any) => [a.details.previousBps, a.details.newBps, a.actor, a.txHash]).filter((s: any) => s[3] === facts.tx["execute:grant"]),
          [[7_000, 7_500, lower(timelock), facts.tx["execute:grant"]]],
        );
        const guardian = mine.filter((a: any) => a.action === "GuardianUpdated");
        assert.deepEqual(guardian.map((a: any) => [lower(a.details.next), a.actor]), [[lower(deployer), lower(deployer)]]);
        // The tiers' structs are stored with their amounts as decimal strings.
        const tiers = mine.find((a: any) => a.action === "DiscountTiersUpdated");
        assert.deepEqual(tiers.details.tiers[0], { minStakingPower: String(1_000n * WORX), discountBps: 1_000 });
      });

      test("dao_governor: the governor's settings as its constructor set them", async () => {
        const ix = indexer(kind);
        const d = await gql(ix.url, `{ daoGovernors { items { id governor timelock guardian votingDelay votingPeriod proposalThreshold quorumNumerator voteExtension } } }`);
        const gov = abiOf("worxGovernorAbi");
        const g = facts.governor;
        assert.deepEqual(d.daoGovernors.items, [
          {
            id: `${CHAIN}:${lower(g)}`,
            governor: lower(g),
            timelock: lower(await read<Address>(g, gov, "timelock")),
            guardian: lower(facts.deployer),
            votingDelay: String(await read<bigint>(g, gov, "votingDelay")),
            votingPeriod: String(await read<bigint>(g, gov, "votingPeriod")),
            proposalThreshold: String(await read<bigint>(g, gov, "proposalThreshold")),
            quorumNumerator: String(await read<bigint>(g, gov, "quorumNumerator")),
            voteExtension: String(await read<bigint>(g, gov, "lateQuorumVoteExtension")),
          },
        ]);
        assert.equal(d.daoGovernors.items[0].timelock, lower(facts.timelock));
      });

      test("GET /dao/:chainId/proposals: derived states equal the governor's, filtered and paged", async () => {
        const ix = indexer(kind);
        const all = await api(ix, `/dao/${CHAIN}/proposals`);
        assert.equal(all.totalCount, 6);
        assert.equal(all.chainTime, String(await chainTime(chain)));
        const { grant, share, canceled, direct, late, pending } = facts.proposals;
        assert.deepEqual(
          all.items.map((i: any) => i.proposalId),
          [pending, late, direct, canceled, share, grant].map((p) => String(p.id)),
          "newest first",
        );
        for (const item of all.items) assert.equal(item.state, await chainState(BigInt(item.proposalId)), `state of ${item.title}`);
        for (const [state, expected] of [
          ["executed", [direct, grant]],
          ["defeated", [share]],
          ["canceled", [canceled]],
          ["active", [late]],
          ["pending", [pending]],
          ["succeeded", []],
          ["queued", []],
        ] as const) {
          const page = await api(ix, `/dao/${CHAIN}/proposals?state=${state}`);
          assert.deepEqual(page.items.map((i: any) => i.proposalId), expected.map((p) => String(p.id)), state);
          assert.equal(page.totalCount, expected.length);
        }
        const paged = await api(ix, `/dao/${CHAIN}/proposals?limit=2&offset=1`);
        assert.deepEqual([paged.totalCount, paged.limit, paged.offset, paged.items.map((i: any) => i.proposalId)], [6, 2, 1, [String(late.id), String(direct.id)]]);

        for (const [query, message] of [
          ["state=expired", /Invalid state "expired": expected one of pending, active/],
          ["state=PASSED", /Invalid state/],
          ["limit=0", /Invalid limit 0/],
          ["offset=-1", /Invalid offset/],
        ] as const) {
          await expectJsonError(await fetch(`${ix.url}/dao/${CHAIN}/proposals?${query}`), 400, message);
        }
        await expectJsonError(await fetch(`${ix.url}/dao/mainnet/proposals`), 400, /Invalid chain id "mainnet"/);
        await expectJsonError(await fetch(`${ix.url}/dao/eip155:999999/proposals`), 404, /No DAO indexed on eip155:999999/);
      });

      test("GET /dao/:chainId/proposals/:proposalId: the proposal, its quorum and votes", async () => {
        const ix = indexer(kind);
        const { grant, pending, canceled } = facts.proposals;
        const gov = abiOf("worxGovernorAbi");
        const g = await api(ix, `/dao/${CHAIN}/proposals/${grant.id}`);
        assert.equal(g.state, "executed");
        assert.equal(g.title, "Grant 10 dUSD and 0.01 ETH to dave");
        const snapshot = await read<bigint>(facts.governor, gov, "proposalSnapshot", [grant.id]);
        assert.equal(g.quorum, String(await read<bigint>(facts.governor, gov, "quorum", [snapshot])));
        assert.deepEqual(g.votes.items.map((v: any) => [v.voter, v.supportName]), [
          [lower(facts.bob), "for"],
          [lower(facts.carol), "for"],
          [lower(facts.alice), "against"],
        ]);
        assert.equal(g.votes.totalCount, 3);
        const page = await api(ix, `/dao/${CHAIN}/proposals/${grant.id}?limit=1&offset=2`);
        assert.deepEqual(page.votes.items.map((v: any) => v.voter), [lower(facts.alice)]);
        // Nobody voted on the canceled one: its quorum is read from the chain once the snapshot passed.
        const c = await api(ix, `/dao/${CHAIN}/proposals/${canceled.id}`);
        assert.equal(c.state, "canceled");
        assert.equal(c.quorum, String(await read<bigint>(facts.governor, gov, "quorum", [BigInt(c.voteStart)])));
        // Its snapshot is still ahead: no quorum yet.
        const p = await api(ix, `/dao/${CHAIN}/proposals/${pending.id}`);
        assert.deepEqual([p.state, p.quorum, p.votes.items], ["pending", null, []]);

        await expectJsonError(await fetch(`${ix.url}/dao/${CHAIN}/proposals/12345`), 404, /No proposal 12345 on eip155:31337/);
        await expectJsonError(await fetch(`${ix.url}/dao/${CHAIN}/proposals/0xabc`), 400, /Invalid proposal id "0xabc"/);
      });

      test("GET /dao/:chainId/treasury: balances equal the timelock's, flows paged, a daily series", async () => {
        const ix = indexer(kind);
        const t = await api(ix, `/dao/${CHAIN}/treasury`);
        const { dusd, timelock, token } = facts;
        assert.equal(t.treasury, lower(timelock));
        const balanceOf = (a: Address) => read<bigint>(a, abiOf("demoStablecoinAbi"), "balanceOf", [timelock]);
        assert.deepEqual(
          t.balances.map((b: any) => [b.token, b.balance]).sort((a: string[], b: string[]) => (a[0]! < b[0]! ? -1 : 1)),
          [
            [zeroAddress, String(await chain.publicClient.getBalance({ address: timelock }))],
            [lower(dusd), String(await balanceOf(dusd))],
            [lower(token), String(await balanceOf(token))],
          ].sort((a, b) => (a[0]! < b[0]! ? -1 : 1)),
        );
        assert.equal(t.balances.find((b: any) => b.token === lower(dusd)).balance, String(79n * DUSD));
        assert.equal(t.flows.totalCount, 6);
        assert.equal(t.flows.items[0].kind, "proposal-execution", "newest first");
        // The last point of each token's series is its balance.
        for (const b of t.balances) {
          const series = t.daily.find((s: any) => s.token === b.token).series;
          assert.equal(series.at(-1).balance, b.balance);
          for (const point of series) assert.equal(BigInt(point.day) % 86_400n, 0n);
        }
        const only = await api(ix, `/dao/${CHAIN}/treasury?token=${dusd}&limit=1`);
        assert.deepEqual([only.balances.length, only.flows.totalCount, only.flows.items.length], [1, 3, 1]);
        await expectJsonError(await fetch(`${ix.url}/dao/${CHAIN}/treasury?token=dUSD`), 400, /Invalid token "dUSD"/);
      });

      test("GET /dao/:chainId/members/:address: balance, votes, delegate, stakes, staking power, rewards", async () => {
        const ix = indexer(kind);
        const tokenAbi = abiOf("worxTokenAbi");
        const { bob, carol, dave, alice } = facts;
        const m = await api(ix, `/dao/${CHAIN}/members/${bob}`);
        assert.deepEqual(
          [m.balance, m.votes, m.delegate, m.staked, m.stakingPower],
          [
            String(await read<bigint>(facts.token, tokenAbi, "balanceOf", [bob])),
            String(await read<bigint>(facts.token, tokenAbi, "getVotes", [bob])),
            lower(bob),
            String(await read<bigint>(facts.token, tokenAbi, "lockedBalance", [bob])),
            String(await read<bigint>(facts.token, tokenAbi, "stakingPower", [bob])),
          ],
        );
        assert.equal(m.stakingPower, String(600n * WORX), "400 WORX for 90 days, boosted 1.5x");
        assert.deepEqual(m.stakes.map((s: any) => [s.term, s.amount, s.boostBps, s.unlocked]), [["90d", String(400n * WORX), 15_000, false]]);
        assert.equal(m.votesCast, 4);
        assert.deepEqual([m.rewards.total, m.rewards.work.earnedAsFreelancer, m.rewards.work.earnedAsClient], [String(1_000n * WORX), String(1_000n * WORX), "0"]);
        const c = await api(ix, `/dao/${CHAIN}/members/${carol}`);
        assert.equal(c.delegators, 2, "carol and dave delegate to carol");
        assert.equal(c.stakingPower, String(await read<bigint>(facts.token, tokenAbi, "stakingPower", [carol])));
        assert.deepEqual([c.rewards.work.totalCount, c.rewards.total], [2, String(200n * WORX + 1_000n * WORX)]);
        const d = await api(ix, `/dao/${CHAIN}/members/${dave}`);
        assert.deepEqual([d.delegate, d.votes, d.stakingPower, d.stakes[0].active, d.stakes[0].unlocked], [lower(carol), "0", "0", false, true]);
        const a = await api(ix, `/dao/${CHAIN}/members/${alice.toUpperCase().replace("0X", "0x")}`);
        assert.equal(a.rewards.work.earnedAsClient, String(600n * WORX));
        const stranger = await api(ix, `/dao/${CHAIN}/members/0x000000000000000000000000000000000000dead`);
        assert.deepEqual([stranger.balance, stranger.votes, stranger.delegate, stranger.stakes, stranger.rewards.total], ["0", "0", null, [], "0"]);
        await expectJsonError(await fetch(`${ix.url}/dao/${CHAIN}/members/bob`), 400, /Invalid address "bob"/);
      });
    });
  }

  test("PGlite and PostgreSQL hold identical tables (full dumps, every table)", async () => {
    const [a, b] = await Promise.all([dumpTables(indexer("pglite").url), dumpTables(indexer("postgres").url)]);
    for (const table of ["proposal", "vote", "delegation", "voting_power", "stake", "treasury_flow", "fee_split", "fee_release", "work_reward", "dao_governor"]) {
      assert.ok(a[table]!.length > 0, `the history fills ${table}`);
    }
    assertSameDump(a, b, "PGlite vs PostgreSQL");
  });

  test("states follow the chain's clock: two hours on, the extended vote succeeded and the pending one is active", async () => {
    await advanceTime(chain, 2 * HOUR);
    const { late, pending } = facts.proposals;
    assert.deepEqual([await chainState(late.id), await chainState(pending.id)], ["succeeded", "active"]);
    for (const ix of stack.running()) {
      const all = await api(ix, `/dao/${CHAIN}/proposals`);
      for (const item of all.items) assert.equal(item.state, await chainState(BigInt(item.proposalId)), `${ix.name}: ${item.title}`);
      assert.deepEqual((await api(ix, `/dao/${CHAIN}/proposals?state=succeeded`)).items.map((i: any) => i.proposalId), [String(late.id)]);
      assert.deepEqual((await api(ix, `/dao/${CHAIN}/proposals?state=active`)).items.map((i: any) => i.proposalId), [String(pending.id)]);
    }
  });

  test("the deployment wires the DAO: fees to the splitter, discounts from staking, the timelock a fee manager", async () => {
    const escrowAbi = abiOf("milestoneEscrowAbi");
    assert.equal(lower(await read<Address>(chain.escrow, escrowAbi, "feeRecipient")), lower(facts.splitter));
    assert.equal(lower(await read<Address>(chain.escrow, escrowAbi, "feeDiscountSource")), lower(facts.discount));
    assert.equal(await read<boolean>(chain.escrow, escrowAbi, "hasRole", [keccak256(toHex("FEE_MANAGER_ROLE")), facts.timelock]), true);
    assert.equal(lower(await read<Address>(facts.splitter, abiOf("feeSplitterAbi"), "treasury")), lower(facts.timelock));
  });
});
