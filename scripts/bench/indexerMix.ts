/**
 * The indexer benches' history: the real event mix of every Worx feature, sent as transactions to a
 * fresh local chain (after the LocalDemo deploy) in eleven steps, each step's transactions
 * independent of one another (a step builds on the receipts of the ones before):
 *  - escrow: `jobs` two-milestone jobs from alice (#1) to the freelancers #7..#19 — created,
 *    funded, delivered, settled (approved, ruled on a dispute by the arbiter #5, or claimed after
 *    the review period), rated; work rewards claimed for each (WORX mints);
 *  - badges: the freelancers #7..#14 (all their jobs approved and rated 5) claim Bronze;
 *  - multisig: `operations` Routine operations (setPlatformFee to its current value, distinct
 *    operation nonces) proposed by owner #0, approved by #1, queued by #2 and executed by #3 after
 *    the 24 h delay;
 *  - DAO: the freelancers and alice delegate to themselves, the freelancers stake, alice makes
 *    `proposals` proposals and every delegate votes on each (For / Against / Abstain, some with a
 *    reason); the FeeSplitter collects the escrow's fees and releases the treasury's share;
 *  - DEX: the reporter (#6) reports five creators (#15..#19) every step, each crossing the launch
 *    milestone; each launches a coin, adds liquidity, deposits revenue and removes some liquidity;
 *    the thirteen freelancers buy and sell on those pools.
 * Dense: `perBlock` transactions per block, mined with `evm_mine` (automine off). Sparse: the same
 * transactions `perBlock` at a time with `gap` empty blocks (`hardhat_mine`) before each block.
 * Both end with 40 empty blocks mined one by one (see the end of {@link buildEventMix}).
 * The clock moves with `evm_increaseTime` only: 31 s before every step (the pools' per-trader
 * cooldown), a day and an hour before settling (review period, multisig delay), the voting delay
 * before the votes. Every transaction must succeed (receipts checked).
 *
 * What the indexer must then hold is read back from the chain, not assumed: {@link indexedLogs}
 * fetches every log of the indexed contracts (the config's addresses, the factory's coins and
 * pools, dUSD transfers to the treasury) whose event has a handler in indexer/src.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import {
  decodeEventLog,
  decodeFunctionResult,
  encodeFunctionData,
  erc20Abi,
  parseEventLogs,
  parseUnits,
  stringToHex,
  toEventSelector,
  hashTypedData,
  keccak256,
  zeroHash,
  type Abi,
  type AbiEvent,
  type Address,
  type Hash,
  type Hex,
  type Log,
} from "viem";
import { localAccount } from "../dev/accounts.ts";
import { repoRoot } from "../dev/stack.ts";
import { multisigDomain, OPERATION_TYPES, type MultisigOperation } from "../dev/multisigOps.ts";

const CHAIN = "eip155:31337" as const;
const REVIEW_PERIOD = 3_600;
const DAY = 86_400;
/** Accounts of the mix (the Hardhat node funds #0..#19). */
const OWNER = [0, 1, 2, 3] as const;
const ALICE = 1;
const ARBITER = 5;
const REPORTER = 6;
const FREELANCERS = Array.from({ length: 13 }, (_, i) => 7 + i);
/** Freelancers whose jobs are all approved and rated 5: they claim Bronze (10 jobs, 95%). */
const BADGE_FREELANCERS = FREELANCERS.slice(0, 8);
/** Creators of the DEX (also freelancers and traders). */
const CREATORS = FREELANCERS.slice(8);
const BRONZE = 1;
const BRONZE_MIN_JOBS = 10;
const MAX_UINT = 2n ** 256n - 1n;

/** A receipt as the node's JSON-RPC answers it (only what the mix reads). */
interface RawReceipt {
  status: Hex;
  logs: Log[];
}

export interface MixOptions {
  /** Escrow jobs (at least 130: each badge freelancer needs 10). */
  jobs: number;
  operations: number;
  proposals: number;
  /** Transactions per block. */
  perBlock: number;
  /** Empty blocks mined before each block of transactions (0: dense). */
  gap: number;
}

export interface MixHistory {
  startBlock: number;
  head: number;
  transactions: number;
  /** Blocks holding at least one transaction of the mix. */
  busyBlocks: number;
}

/** Sends the mix; `rpcUrl` is a fresh node with LocalDemo deployed and the registry regenerated. */
export async function buildEventMix(rpcUrl: string, options: MixOptions): Promise<MixHistory> {
  if (options.jobs < BRONZE_MIN_JOBS * FREELANCERS.length) throw new Error(`the mix needs at least ${BRONZE_MIN_JOBS * FREELANCERS.length} jobs (every badge freelancer completes ${BRONZE_MIN_JOBS})`);
  const abis = await import("../../generated/abis.ts");
  const { evmContract } = await import("../../generated/deployments.ts");
  const at = (name: string) => evmContract(CHAIN, name);
  const escrow = at("MilestoneEscrow");
  const dusd = at("DemoStablecoin");
  const multisig = at("WorxMultisig");
  const badges = at("WorxBadges");
  const worx = at("WorxToken");
  const governor = at("WorxGovernor");
  const timelock = at("TimelockController");
  const splitter = at("FeeSplitter");
  const rewards = at("WorkRewards");
  const oracle = at("MetricsOracle");
  const factory = at("CreatorCoinFactory");

  const call = async <T>(method: string, params: unknown[] = []): Promise<T> => {
    const res = await fetch(rpcUrl, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ jsonrpc: "2.0", id: 1, method, params }) });
    const body = (await res.json()) as { result?: T; error?: { message: string } };
    if (body.error) throw new Error(`${method}: ${body.error.message}`);
    return body.result as T;
  };
  const read = async <T>(address: Address, abi: Abi, functionName: string, args: readonly unknown[] = []): Promise<T> => {
    const data = encodeFunctionData({ abi, functionName, args } as never);
    const result = await call<Hex>("eth_call", [{ to: address, data }, "latest"]);
    return decodeFunctionResult({ abi, functionName, data: result } as never) as T;
  };
  const latest = async () => {
    const block = await call<{ number: Hex; timestamp: Hex }>("eth_getBlockByNumber", ["latest", false]);
    return { number: Number(block.number), timestamp: BigInt(block.timestamp) };
  };
  const chainId = Number(await call<Hex>("eth_chainId"));
  const nonces = new Map<number, number>();
  for (const index of [...OWNER, ARBITER, REPORTER, ...FREELANCERS]) {
    nonces.set(index, Number(await call<Hex>("eth_getTransactionCount", [localAccount(index).address, "latest"])));
  }

  interface Write {
    from: number;
    to: Address;
    abi: Abi;
    functionName: string;
    args: readonly unknown[];
    gas?: bigint;
  }
  const w = (from: number, to: Address, abi: Abi, functionName: string, args: readonly unknown[], gas?: bigint): Write => ({ from, to, abi, functionName, args, gas });

  await call("evm_setAutomine", [false]);
  const startBlock = (await latest()).number + 1;
  let transactions = 0;
  let busyBlocks = 0;
  const mine = async () => {
    await call("evm_mine");
    busyBlocks++;
  };
  const pending = async () => (await call<{ transactions: unknown[] }>("eth_getBlockByNumber", ["pending", false])).transactions.length;

  /** Signs and sends `writes` in blocks of `perBlock` (after `gap` empty blocks each); returns the receipts, all successful. */
  const step = async (name: string, writes: Write[]): Promise<RawReceipt[]> => {
    await call("evm_increaseTime", [31]);
    const sent: { hash: Hash; write: Write }[] = [];
    for (let i = 0; i < writes.length; i += options.perBlock) {
      if (options.gap > 0) await call("hardhat_mine", [`0x${options.gap.toString(16)}`]);
      const chunk = writes.slice(i, i + options.perBlock);
      const signed = await Promise.all(
        chunk.map((write) => {
          const nonce = nonces.get(write.from)!;
          nonces.set(write.from, nonce + 1);
          return localAccount(write.from).signTransaction({
            chainId,
            type: "eip1559",
            to: write.to,
            data: encodeFunctionData({ abi: write.abi, functionName: write.functionName, args: write.args } as never),
            nonce,
            gas: write.gas ?? 400_000n,
            // Far above the base fee full blocks push up (from 1 gwei): nothing waits for a cheaper block.
            maxFeePerGas: parseUnits("1000", 9),
            maxPriorityFeePerGas: parseUnits("1", 9),
          });
        }),
      );
      // In nonce order per sender: the node keeps a later nonce queued until the earlier arrives, but sequentially is simplest.
      for (const [k, raw] of signed.entries()) sent.push({ hash: await call<Hash>("eth_sendRawTransaction", [raw]), write: chunk[k]! });
      await mine();
      // A block holds what fits its gas limit; the rest waits for the next one.
      for (let extra = 0; (await pending()) > 0; extra++) {
        if (extra > options.perBlock) throw new Error(`bench mix, step ${name}: transactions stay pending after ${extra} blocks`);
        await mine();
      }
    }
    transactions += sent.length;
    const receipts: RawReceipt[] = [];
    for (let i = 0; i < sent.length; i += 50) {
      receipts.push(
        ...(await Promise.all(
          sent.slice(i, i + 50).map(async ({ hash, write }) => {
            const receipt = await call<RawReceipt | null>("eth_getTransactionReceipt", [hash]);
            if (!receipt || receipt.status !== "0x1") throw new Error(`bench mix, step ${name}: ${write.functionName} from #${write.from} reverted (${hash})`);
            return receipt;
          }),
        )),
      );
    }
    return receipts;
  };

  const address = (index: number) => localAccount(index).address;
  const usd = (n: number) => parseUnits(String(n), 6);
  const { milestoneEscrowAbi: escrowAbi, demoStablecoinAbi: dusdAbi, worxMultisigAbi, worxBadgesAbi, worxTokenAbi, worxGovernorAbi, workRewardsAbi, feeSplitterAbi, metricsOracleAbi, creatorCoinFactoryAbi, creatorCoinAbi, creatorPoolAbi } =
    abis as unknown as Record<string, Abi>;
  const far = async () => (await latest()).timestamp + 30n * BigInt(DAY);

  // ── Escrow terms: job n goes to freelancer n % 13; badge freelancers' jobs are approved and rated 5.
  const jobs = options.jobs;
  const amount = usd(1);
  const freelancerOf = (n: number) => FREELANCERS[n % FREELANCERS.length]!;
  const kind = (n: number) => (BADGE_FREELANCERS.includes(freelancerOf(n)) ? "approved" : (["approved", "disputed", "claimed"] as const)[Math.floor(n / FREELANCERS.length) % 3]!);
  const rating = (n: number) => (kind(n) === "approved" && BADGE_FREELANCERS.includes(freelancerOf(n)) ? 5 : 1 + (n % 5));
  const firstId = (await read<bigint>(escrow, escrowAbi!, "escrowCount")) + 1n;
  const ids = Array.from({ length: jobs }, (_, n) => firstId + BigInt(n));
  const funds = (amount * 2n + 1n) * BigInt(jobs);

  // ── Multisig: Routine setPlatformFee to the current fee, distinct operation nonces.
  const fee = await read<number>(escrow, escrowAbi!, "platformFeeBps");
  const ops: MultisigOperation[] = Array.from({ length: options.operations }, (_, i) => ({
    target: escrow,
    value: 0n,
    data: encodeFunctionData({ abi: escrowAbi!, functionName: "setPlatformFee", args: [fee] }),
    nonce: 1_000_000n + BigInt(i),
  }));
  const opId = (op: MultisigOperation) => hashTypedData({ domain: multisigDomain(chainId, multisig), types: OPERATION_TYPES, primaryType: "Operation", message: op });

  // ── DEX: creators reported every step, 300 more followers each time (launch milestone 1,000).
  const handles = CREATORS.map((_, k) => `bench-creator-${k}`);
  const creatorIds = handles.map((h) => keccak256(stringToHex(`worx:creator:${h}`)));
  let round = 0;
  const reports = async (): Promise<Write[]> => {
    round++;
    const now = (await latest()).timestamp;
    return CREATORS.map((creator, k) =>
      w(REPORTER, oracle, metricsOracleAbi!, "report", [creatorIds[k], address(creator), BigInt(1_000 * round + k), BigInt(300 * round + k), BigInt(300 + round), now, BigInt(round)]),
    );
  };
  const coins: Address[] = [];
  const pools: Address[] = [];
  /** The pool a freelancer trades on: a creator its own, the others spread over the five. */
  const poolOf = (trader: number) => (CREATORS.includes(trader) ? CREATORS.indexOf(trader) : FREELANCERS.indexOf(trader) % CREATORS.length);

  // S1: alice's dUSD, multisig proposals.
  await step("fund", [
    w(ALICE, dusd, dusdAbi!, "mint", [address(ALICE), funds]),
    w(ALICE, dusd, dusdAbi!, "approve", [escrow, funds]),
    ...ops.map((op) => w(0, multisig, worxMultisigAbi!, "propose", [op])),
    ...(await reports()),
  ]);
  // S2: jobs created; operations approved (Routine: 2 of 5).
  const due = (await latest()).timestamp + 30n * BigInt(DAY);
  const milestones = [{ amount, dueDate: due }, { amount: amount + 1n, dueDate: due }];
  await step("create", [
    ...ids.map((_, n) => w(ALICE, escrow, escrowAbi!, "createEscrow", [address(freelancerOf(n)), dusd, milestones, REVIEW_PERIOD, REVIEW_PERIOD])),
    ...ops.map((op) => w(1, multisig, worxMultisigAbi!, "approve", [opId(op)])),
    ...(await reports()),
  ]);
  // S3: funded; operations queued.
  await step("fundEscrow", [
    ...ids.map((id) => w(ALICE, escrow, escrowAbi!, "fundEscrow", [id])),
    ...ops.map((op) => w(2, multisig, worxMultisigAbi!, "queue", [op])),
    ...(await reports()),
  ]);
  // S4: delivered (disputed jobs: milestone 0 delivered, milestone 1 disputed by the client).
  await step("deliver", [
    ...ids.flatMap((id, n) => [
      w(freelancerOf(n), escrow, escrowAbi!, "submitMilestone", [id, 0n, zeroHash]),
      kind(n) === "disputed" ? w(ALICE, escrow, escrowAbi!, "openDispute", [id, 1n, zeroHash]) : w(freelancerOf(n), escrow, escrowAbi!, "submitMilestone", [id, 1n, zeroHash]),
    ]),
    ...(await reports()),
  ]);
  // A day and an hour: review periods over (claims), multisig delays over (executions).
  await call("evm_increaseTime", [DAY + REVIEW_PERIOD + 1]);
  // Mined at once (empty): the reports below observe the new time, not one more than a day old.
  await mine();
  // S5: settled; operations executed.
  await step("settle", [
    ...ids.flatMap((id, n) => [
      w(ALICE, escrow, escrowAbi!, "approveMilestone", [id, 0n]),
      kind(n) === "disputed"
        ? w(ARBITER, escrow, escrowAbi!, "resolveDispute", [id, 1n, (n * 1_237) % 10_001])
        : kind(n) === "claimed"
          ? w(freelancerOf(n), escrow, escrowAbi!, "claimMilestone", [id, 1n])
          : w(ALICE, escrow, escrowAbi!, "approveMilestone", [id, 1n]),
    ]),
    ...ops.map((op) => w(3, multisig, worxMultisigAbi!, "execute", [op])),
    ...(await reports()),
  ]);
  // S6: rated; coins launched (the reports are fresh: just posted).
  const launched = await step("rate+launch", [
    ...ids.map((id, n) => w(ALICE, escrow, escrowAbi!, "rateJob", [id, rating(n)])),
    ...CREATORS.map((creator, k) =>
      w(creator, factory, creatorCoinFactoryAbi!, "launch", [creatorIds[k], `Bench Coin ${k}`, `BENCH${k}`, parseUnits("1000000", 18), [parseUnits("250000", 18), parseUnits("250000", 18)], 1_000], 12_000_000n),
    ),
    ...(await reports()),
  ]);
  for (const creatorId of creatorIds) {
    const event = parseEventLogs({ abi: creatorCoinFactoryAbi!, eventName: "CoinLaunched", logs: launched.flatMap((r) => r.logs) as Log[] }).find(
      (e) => (e.args as { creatorId: Hex }).creatorId === creatorId,
    );
    if (!event) throw new Error(`bench mix: no CoinLaunched for ${creatorId}`);
    const { coin, pool } = event.args as { coin: Address; pool: Address };
    coins.push(coin);
    pools.push(pool);
  }
  // S7: work rewards; creators and traders fund and approve; the FeeSplitter collects the fees.
  await step("rewards+approvals", [
    ...ids.map((id) => w(ARBITER, rewards, workRewardsAbi!, "claimWorkReward", [id])),
    ...CREATORS.flatMap((creator, k) => [
      w(creator, dusd, dusdAbi!, "mint", [address(creator), usd(20_000)]),
      w(creator, dusd, dusdAbi!, "approve", [pools[k], MAX_UINT]),
      w(creator, coins[k]!, creatorCoinAbi!, "approve", [pools[k], MAX_UINT]),
      w(creator, dusd, dusdAbi!, "approve", [coins[k], MAX_UINT]),
    ]),
    ...FREELANCERS.filter((t) => !CREATORS.includes(t)).flatMap((t) => [w(t, dusd, dusdAbi!, "mint", [address(t), usd(1_000)]), w(t, dusd, dusdAbi!, "approve", [pools[poolOf(t)], MAX_UINT])]),
    ...FREELANCERS.filter((t) => !CREATORS.includes(t)).map((t) => w(t, coins[poolOf(t)]!, creatorCoinAbi!, "approve", [pools[poolOf(t)], MAX_UINT])),
    w(0, splitter, feeSplitterAbi!, "collect", [escrow, dusd]),
    ...(await reports()),
  ]);
  // S8: badges claimed; votes delegated; first liquidity; the treasury's share released.
  const deadline = await far();
  await step("badges+delegations+liquidity", [
    ...BADGE_FREELANCERS.map((f) => w(f, badges, worxBadgesAbi!, "claim", [BRONZE])),
    ...[...FREELANCERS, ALICE].map((a) => w(a, worx, worxTokenAbi!, "delegate", [address(a)])),
    ...CREATORS.map((creator, k) => w(creator, pools[k]!, creatorPoolAbi!, "addLiquidity", [parseUnits("100000", 18), usd(10_000), 0n, 0n, address(creator), deadline])),
    w(0, splitter, feeSplitterAbi!, "release", [dusd, timelock]),
    ...(await reports()),
  ]);
  // S9: proposals; stakes; buys; revenue.
  const descriptions = Array.from({ length: options.proposals }, (_, i) => `# Bench proposal ${i}\n\nFeeSplitter.setDaoShare(${7_000 + i}).`);
  const proposalCall = (i: number) => [[splitter], [0n], [encodeFunctionData({ abi: feeSplitterAbi!, functionName: "setDaoShare", args: [7_000 + i] })], descriptions[i]] as const;
  const proposed = await step("proposals+stakes+buys+revenue", [
    ...descriptions.map((_, i) => w(ALICE, governor, worxGovernorAbi!, "propose", proposalCall(i), 1_000_000n)),
    ...FREELANCERS.map((f) => w(f, worx, worxTokenAbi!, "stake", [parseUnits("1", 17), 1])),
    ...FREELANCERS.map((t) => w(t, pools[poolOf(t)]!, creatorPoolAbi!, "swapExactIn", [dusd, usd(20), 0n, address(t), deadline])),
    ...CREATORS.map((creator, k) => w(creator, coins[k]!, creatorCoinAbi!, "depositRevenue", [usd(100)])),
    ...(await reports()),
  ]);
  const proposalIds = parseEventLogs({ abi: worxGovernorAbi!, eventName: "ProposalCreated", logs: proposed.flatMap((r) => r.logs) as Log[] }).map((e) => (e.args as { proposalId: bigint }).proposalId);
  if (proposalIds.length !== options.proposals) throw new Error(`bench mix: ${proposalIds.length} proposals created, expected ${options.proposals}`);
  const votingDelay = await read<bigint>(governor, worxGovernorAbi!, "votingDelay");
  await call("evm_increaseTime", [Number(votingDelay) + 1]);
  // S10: votes; sells of half of what was bought.
  const sells: Write[] = [];
  for (const t of FREELANCERS) {
    // Half of a trader's coins, at most 100 (about what 20 dUSD bought): a creator holds most of its
    // supply, and selling half of it would exceed the pool's price-impact bound.
    const balance = await read<bigint>(coins[poolOf(t)]!, creatorCoinAbi!, "balanceOf", [address(t)]);
    const amount = balance / 2n < parseUnits("100", 18) ? balance / 2n : parseUnits("100", 18);
    if (amount > 0n) sells.push(w(t, pools[poolOf(t)]!, creatorPoolAbi!, "swapExactIn", [coins[poolOf(t)], amount, 0n, address(t), deadline]));
  }
  await step("votes+sells", [
    ...proposalIds.flatMap((id, i) =>
      [...FREELANCERS, ALICE].map((voter, v) =>
        (v + i) % 4 === 0
          ? w(voter, governor, worxGovernorAbi!, "castVoteWithReason", [id, (v + i) % 3, `bench vote ${v}`])
          : w(voter, governor, worxGovernorAbi!, "castVote", [id, (v + i) % 3]),
      ),
    ),
    ...sells,
    ...(await reports()),
  ]);
  // S11: some liquidity removed; buys again.
  const removals: Write[] = [];
  for (const [k, creator] of CREATORS.entries()) {
    const lp = await read<bigint>(pools[k]!, creatorPoolAbi!, "balanceOf", [address(creator)]);
    removals.push(w(creator, pools[k]!, creatorPoolAbi!, "removeLiquidity", [lp / 10n, 0n, 0n, address(creator), deadline]));
  }
  await step("removals+buys", [
    ...removals,
    ...FREELANCERS.map((t) => w(t, pools[poolOf(t)]!, creatorPoolAbi!, "swapExactIn", [dusd, usd(10), 0n, address(t), deadline])),
    ...(await reports()),
  ]);
  // 40 empty blocks last, single-mined, dense history too: Ponder follows the newest 30 blocks (its
  // reorg window on an unknown chain) one by one, so every busy block stays in the backfill being
  // measured; and it stalls on blocks `hardhat_mine` reserved there (it reads those only by range).
  for (let i = 0; i < 40; i++) await call("evm_mine");
  await call("evm_setAutomine", [true]);
  return { startBlock, head: (await latest()).number, transactions, busyBlocks };
}

/** Table of the indexer that gets one row per log of these events (the GraphQL list field counts them). */
export const ROW_PER_EVENT: Record<string, { graphql: string; events: string[] }> = {
  escrow_event: {
    graphql: "escrowEvents",
    events: [
      "MilestoneEscrow:DisputeOpened", "MilestoneEscrow:DisputeRuled", "MilestoneEscrow:EscrowCancelled", "MilestoneEscrow:EscrowClosed",
      "MilestoneEscrow:EscrowCompleted", "MilestoneEscrow:EscrowCreated", "MilestoneEscrow:EscrowFunded", "MilestoneEscrow:FeeDiscountApplied",
      "MilestoneEscrow:JobRated", "MilestoneEscrow:MilestoneRefunded", "MilestoneEscrow:MilestoneReleased", "MilestoneEscrow:MilestoneSettled",
      "MilestoneEscrow:MilestoneSubmitted",
    ],
  },
  badge: { graphql: "badges", events: ["WorxBadges:BadgeClaimed"] },
  multisig_operation: { graphql: "multisigOperations", events: ["WorxMultisig:OperationProposed"] },
  work_reward: { graphql: "workRewards", events: ["WorkRewards:WorkRewarded"] },
  proposal: { graphql: "proposals", events: ["WorxGovernor:ProposalCreated"] },
  vote: { graphql: "votes", events: ["WorxGovernor:VoteCast", "WorxGovernor:VoteCastWithParams"] },
  creator_metric: { graphql: "creatorMetrics", events: ["MetricsOracle:MetricsReported"] },
  swap: { graphql: "swaps", events: ["CreatorPool:Swapped"] },
  liquidity_event: { graphql: "liquidityEvents", events: ["CreatorPool:LiquidityAdded", "CreatorPool:LiquidityRemoved"] },
  revenue_deposit: { graphql: "revenueDeposits", events: ["CreatorCoin:RevenueDeposited"] },
};

/** `Contract:Event` names that have a `ponder.on` handler in indexer/src (what Ponder fetches and runs). */
export function handledEvents(): Set<string> {
  const names = new Set<string>();
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith(".ts")) for (const m of readFileSync(path, "utf8").matchAll(/ponder\.on\(\s*"([A-Za-z]+:[A-Za-z]+)"/g)) names.add(m[1]!);
    }
  };
  walk(join(repoRoot, "indexer", "src"));
  return names;
}

export interface IndexedLogs {
  /** Every handled log from the deployment's start block to `head`. */
  total: number;
  /** By `Contract:Event`. */
  byEvent: Record<string, number>;
}

/**
 * The logs the indexer indexes on the local chain, up to `head`: those of the contracts
 * indexer/ponder.config.ts watches (the factory's coins and pools from its CoinLaunched logs,
 * TreasuryToken = dUSD transfers to the timelock) whose event has a handler.
 */
export async function indexedLogs(rpcUrl: string, head: number): Promise<IndexedLogs> {
  const abis = (await import("../../generated/abis.ts")) as unknown as Record<string, Abi>;
  const { evmContract, deployments } = await import("../../generated/deployments.ts");
  const fromBlock = `0x${deployments[CHAIN]!.startBlock.toString(16)}`;
  const toBlock = `0x${head.toString(16)}`;
  const getLogs = async (filter: Record<string, unknown>) => {
    const res = await fetch(rpcUrl, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "eth_getLogs", params: [{ fromBlock, toBlock, ...filter }] }),
    });
    const body = (await res.json()) as { result?: Log[]; error?: { message: string } };
    if (body.error) throw new Error(`eth_getLogs: ${body.error.message}`);
    return body.result!;
  };
  const abiOf = (contract: string) => abis[`${contract[0]!.toLowerCase()}${contract.slice(1)}Abi`]!;
  const fixed: Record<string, string> = {
    MilestoneEscrow: "MilestoneEscrow", WorxMultisig: "WorxMultisig", WorxBadges: "WorxBadges", WorxToken: "WorxToken",
    WorxGovernor: "WorxGovernor", TimelockController: "TimelockController", FeeSplitter: "FeeSplitter", WorkRewards: "WorkRewards",
    StakingFeeDiscount: "StakingFeeDiscount", MetricsOracle: "MetricsOracle", CreatorCoinFactory: "CreatorCoinFactory",
  };
  const contractAt = new Map<string, string>(Object.keys(fixed).map((name) => [evmContract(CHAIN, name).toLowerCase(), name]));
  const factoryLogs = await getLogs({ address: evmContract(CHAIN, "CreatorCoinFactory") });
  for (const e of parseEventLogs({ abi: abiOf("CreatorCoinFactory"), eventName: "CoinLaunched", logs: factoryLogs })) {
    const { coin, pool } = e.args as { coin: Address; pool: Address };
    contractAt.set(coin.toLowerCase(), "CreatorCoin");
    contractAt.set(pool.toLowerCase(), "CreatorPool");
  }
  const handled = handledEvents();
  const byEvent: Record<string, number> = {};
  let total = 0;
  const count = (name: string) => {
    byEvent[name] = (byEvent[name] ?? 0) + 1;
    total++;
  };
  const logs = await getLogs({ address: [...contractAt.keys()] });
  for (const log of logs) {
    const contract = contractAt.get(log.address.toLowerCase())!;
    let eventName: string;
    try {
      eventName = String(decodeEventLog({ abi: abiOf(contract), data: log.data, topics: log.topics as [Hex, ...Hex[]] }).eventName);
    } catch {
      continue; // an event outside the ABI Ponder was given: never delivered to a handler
    }
    if (handled.has(`${contract}:${eventName}`)) count(`${contract}:${eventName}`);
  }
  // TreasuryToken: ERC-20 Transfer of dUSD to the timelock (the config's log filter on `to`).
  if (handled.has("TreasuryToken:Transfer")) {
    const transfer = erc20Abi.find((e) => e.type === "event" && e.name === "Transfer") as AbiEvent;
    const timelockTopic = `0x${evmContract(CHAIN, "TimelockController").slice(2).toLowerCase().padStart(64, "0")}`;
    const treasury = await getLogs({ address: evmContract(CHAIN, "DemoStablecoin"), topics: [toEventSelector(transfer), null, timelockTopic] });
    for (const _ of treasury) count("TreasuryToken:Transfer");
  }
  return { total, byEvent };
}

/** Rows each {@link ROW_PER_EVENT} table must hold once `logs` are indexed. */
export function expectedRows(logs: IndexedLogs): Record<string, number> {
  return Object.fromEntries(Object.entries(ROW_PER_EVENT).map(([table, { events }]) => [table, events.reduce((n, e) => n + (logs.byEvent[e] ?? 0), 0)]));
}
