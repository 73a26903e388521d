/**
 * Demo data for a local chain: several accounts and escrows in every state, sent as real
 * transactions so the indexer and the SPA see exactly what a user would produce — a completed and
 * rated job, a job in review, an open dispute waiting for the arbiter (account #5), a milestone
 * settled on a signed offer, a milestone reclaimed after its due date and grace period (the clock
 * is moved forward once, with `evm_increaseTime` and a single `evm_mine`), an unfunded and a
 * cancelled escrow —, a work history for the badges (bob, #2, completes ten jobs all rated 5 stars:
 * Bronze is claimable; dave, #4, completes three rated 4 stars: on the leaderboard, short of
 * Bronze) and one multisig operation waiting for approvals (so the admin console shows a queue) —,
 * then the DAO's first days ({@link seedDao}): work rewards claimed, votes delegated, WORX staked,
 * fees split into the treasury, one proposal executed and one open for votes, then the creator-coin
 * DEX ({@link seedDex}, ./seedDex.ts): dave's metrics and coin, its pool with liquidity, two buys, a
 * revenue deposit, and carol short of the launch milestone. Nothing here needs
 * admin powers: those belong to the multisig and the DAO's timelock (Protocol Ignition module).
 * Import it only after a deploy: it reads the generated registry at load time.
 */
import {
  encodeFunctionData,
  formatUnits,
  keccak256,
  parseEther,
  parseEventLogs,
  parseUnits,
  stringToHex,
  zeroAddress,
  type Address,
  type Hex,
} from "viem";
import {
  demoStablecoinAbi,
  feeSplitterAbi,
  milestoneEscrowAbi,
  timelockControllerAbi,
  workRewardsAbi,
  worxGovernorAbi,
  worxMultisigAbi,
  worxTokenAbi,
} from "../../generated/abis.ts";
import { evmContract } from "../../generated/deployments.ts";
import { demoRoles, localAccount } from "./accounts.ts";
import { localClients } from "./localClients.ts";
import { connectMultisig } from "./multisigOps.ts";
import { seedDex, type DexSeedSummary } from "./seedDex.ts";

export interface SeedSummary {
  escrows: number;
  /** One line per demo escrow: its id and what state it shows. */
  states: string[];
  accounts: Record<keyof typeof demoRoles, Address>;
  /** The multisig operation left pending: a platform fee change to 8%, 1 of 2 approvals. */
  pendingOperation: { id: Hex; description: string };
  /** The DAO's demo state (see {@link seedDao}). */
  dao: DaoSeedSummary;
  /** The DEX's demo state (see {@link seedDex}). */
  dex: DexSeedSummary;
}

export interface DaoSeedSummary {
  /** Escrows whose work reward was claimed (bob's jobs for alice). */
  rewardedEscrows: bigint[];
  /** WORX (wei) bob locked for 90 days. */
  bobStaked: bigint;
  /** dUSD (6 decimals) the treasury holds once its share of the fees is released and the grant paid. */
  treasuryDusd: bigint;
  /** The executed treasury grant and the proposal open for votes (id as OpenZeppelin's Governor hashes it). */
  executedProposal: { id: bigint; description: string };
  activeProposal: { id: bigint; description: string };
  /** One line per fact, for `npm start`'s summary. */
  lines: string[];
}

/** dUSD the executed demo proposal grants carol from the treasury. */
export const DEMO_GRANT_DUSD = 100;
/** WORX bob stakes for 90 days: 750 WORX of staking power, below the first fee-discount tier
 * (1 000), so the demo's and the tests' fees for bob stay the plain 10%. */
export const DEMO_BOB_STAKE_WORX = 500;
/** The DAO share the open demo proposal asks for (basis points). */
export const DEMO_PROPOSED_DAO_SHARE_BPS = 7_500;

/** Fee the pending demo operation proposes (basis points). */
export const DEMO_PROPOSED_FEE_BPS = 800;

const HOUR = 3_600;
const DAY = 86_400;

/** Completed jobs the Bronze badge requires on the local deployment (WorxBadges' default tiers). */
export const BRONZE_MIN_JOBS = 10;

export interface CompletedJobs {
  /** Demo account indexes (scripts/dev/accounts.ts). */
  client: number;
  freelancer: number;
  count: number;
  /** Stars the client gives each job, 1..5. */
  rating: number;
  /** dUSD per job (one milestone). Default 100. */
  amount?: number;
  /** The local chain (31337 by default; 31338 for the second local chain). */
  chainId?: number;
}

/**
 * `count` one-milestone dUSD jobs from `client` to `freelancer`, each created, funded, delivered on
 * time, approved and rated: a work history for the badges and the leaderboard. Mints and approves
 * the client's dUSD itself. Returns the escrow ids.
 */
export async function seedCompletedJobs(rpcUrl: string, jobs: CompletedJobs): Promise<bigint[]> {
  const chainId = jobs.chainId ?? 31337;
  const escrow = evmContract(`eip155:${chainId}`, "MilestoneEscrow");
  const token = evmContract(`eip155:${chainId}`, "DemoStablecoin");
  const { publicClient, wallet, mined } = localClients(rpcUrl, chainId);
  const client = wallet(jobs.client);
  const freelancer = wallet(jobs.freelancer);
  const amount = parseUnits(String(jobs.amount ?? 100), 6);
  await mined(client.writeContract({ address: token, abi: demoStablecoinAbi, functionName: "mint", args: [client.account.address, amount * BigInt(jobs.count)] }));
  await mined(client.writeContract({ address: token, abi: demoStablecoinAbi, functionName: "approve", args: [escrow, 2n ** 255n] }));
  const ids: bigint[] = [];
  for (let i = 0; i < jobs.count; i++) {
    const now = Number((await publicClient.getBlock()).timestamp);
    const created = await mined(
      client.writeContract({
        address: escrow, abi: milestoneEscrowAbi, functionName: "createEscrow",
        args: [freelancer.account.address, token, [{ amount, dueDate: now + 7 * DAY }], 3 * DAY, 7 * DAY],
      }),
    );
    const id = parseEventLogs({ abi: milestoneEscrowAbi, eventName: "EscrowCreated", logs: created.logs })[0]!.args.escrowId;
    await mined(client.writeContract({ address: escrow, abi: milestoneEscrowAbi, functionName: "fundEscrow", args: [id] }));
    await mined(freelancer.writeContract({ address: escrow, abi: milestoneEscrowAbi, functionName: "submitMilestone", args: [id, 0n, `0x${id.toString(16).padStart(64, "0")}`] }));
    await mined(client.writeContract({ address: escrow, abi: milestoneEscrowAbi, functionName: "approveMilestone", args: [id, 0n] }));
    await mined(client.writeContract({ address: escrow, abi: milestoneEscrowAbi, functionName: "rateJob", args: [id, jobs.rating] }));
    ids.push(id);
  }
  return ids;
}

export async function seedDemo(rpcUrl: string): Promise<SeedSummary> {
  const escrow = evmContract("eip155:31337", "MilestoneEscrow");
  const token = evmContract("eip155:31337", "DemoStablecoin");
  const { transport, publicClient, wallet, mined, advance } = localClients(rpcUrl);
  const multisig = connectMultisig({ transport, address: evmContract("eip155:31337", "WorxMultisig"), abi: worxMultisigAbi });
  const accounts = Object.fromEntries(
    Object.entries(demoRoles).map(([name, index]) => [name, localAccount(index).address]),
  ) as SeedSummary["accounts"];
  const usd = (n: number) => parseUnits(String(n), 6);
  const states: string[] = [];
  // Due dates count from the chain's clock, which the reclaim below moves ahead of the wall clock.
  const start = Number((await publicClient.getBlock()).timestamp);

  // Every demo client gets dUSD and approves the escrow once.
  for (const index of [demoRoles.alice, demoRoles.carol]) {
    const w = wallet(index);
    await mined(w.writeContract({ address: token, abi: demoStablecoinAbi, functionName: "mint", args: [w.account.address, usd(100_000)] }));
    await mined(w.writeContract({ address: token, abi: demoStablecoinAbi, functionName: "approve", args: [escrow, 2n ** 255n] }));
  }

  let count = 0;
  interface Terms {
    amounts: bigint[];
    /** Due dates, in seconds after `start`. */
    due: number[];
    review?: number;
    grace?: number;
  }
  const create = async (client: number, freelancer: number, asset: Address, t: Terms) => {
    const milestones = t.amounts.map((amount, i) => ({ amount, dueDate: start + t.due[i]! }));
    await mined(wallet(client).writeContract({
      address: escrow, abi: milestoneEscrowAbi, functionName: "createEscrow",
      args: [localAccount(freelancer).address, asset, milestones, t.review ?? 3 * DAY, t.grace ?? 7 * DAY],
    }));
    return BigInt(++count);
  };
  const call = (from: number, functionName: string, args: readonly unknown[], value?: bigint) =>
    mined(wallet(from).writeContract({ address: escrow, abi: milestoneEscrowAbi, functionName, args, value } as never));
  const fund = (client: number, id: bigint, value = 0n) => call(client, "fundEscrow", [id], value);
  const submit = (freelancer: number, id: bigint, index: bigint) =>
    call(freelancer, "submitMilestone", [id, index, `0x${(Number(id) * 1000 + Number(index)).toString(16).padStart(64, "0")}`]);
  const approve = (client: number, id: bigint, index: bigint) => call(client, "approveMilestone", [id, index]);
  const note = (text: string) => stringToHex(text, { size: 32 });

  const { alice, bob, carol, dave } = demoRoles;

  // 1. Completed logo design: both milestones approved, paid out, withdrawn, rated 5 stars.
  const logo = await create(alice, bob, token, { amounts: [usd(500), usd(750)], due: [10 * DAY, 20 * DAY] });
  await fund(alice, logo);
  for (const i of [0n, 1n]) {
    await submit(bob, logo, i);
    await approve(alice, logo, i);
  }
  await call(bob, "withdraw", [token]);
  await call(alice, "rateJob", [logo, 5]);
  states.push(`#${logo} completed and rated 5/5 (alice → bob, dUSD)`);

  // 2. Website build: first milestone released, second in the client's review, third pending.
  const site = await create(carol, dave, token, { amounts: [usd(1_000), usd(2_000), usd(1_500)], due: [15 * DAY, 30 * DAY, 45 * DAY], review: 5 * DAY });
  await fund(carol, site);
  await submit(dave, site, 0n);
  await approve(carol, site, 0n);
  await submit(dave, site, 1n);
  states.push(`#${site} funded, milestone 2 in review (carol → dave, dUSD)`);

  // 3. Native-coin audit: milestone 1 delivered, disputed by the client, waiting for the arbiter.
  const audit = await create(alice, carol, zeroAddress, { amounts: [parseEther("2"), parseEther("3")], due: [12 * DAY, 40 * DAY] });
  await fund(alice, audit, parseEther("5"));
  await submit(carol, audit, 0n);
  await call(alice, "openDispute", [audit, 0n, note("Report misses the token module")]);
  states.push(`#${audit} milestone 1 disputed by the client, waiting for the arbiter (alice → carol, ETH)`);

  // 4. Translation: milestone 1 settled on the freelancer's signed offer (70%), milestone 2 in progress.
  const translation = await create(carol, bob, token, { amounts: [usd(800), usd(400)], due: [9 * DAY, 25 * DAY] });
  await fund(carol, translation);
  await submit(bob, translation, 0n);
  const deadline = BigInt(start + 30 * DAY);
  const nonce = await publicClient.readContract({ address: escrow, abi: milestoneEscrowAbi, functionName: "nonces", args: [accounts.bob] });
  // The freelancer signs the EIP-712 digest of the offer (as a wallet would); the client accepts it.
  const digest = await publicClient.readContract({ address: escrow, abi: milestoneEscrowAbi, functionName: "settlementDigest", args: [translation, 0n, 7_000, nonce, deadline] });
  const signature = await localAccount(bob).sign({ hash: digest });
  await call(carol, "settleMilestone", [translation, 0n, 7_000, deadline, signature]);
  states.push(`#${translation} milestone 1 settled by agreement at 70% (carol → bob, dUSD)`);

  // 5. Copywriting: milestone 1 never delivered; after its due date and the 1 h grace period the
  //    client reclaims it, milestone 2 is approved, and the job ends Closed (rated 2 stars).
  const copy = await create(alice, dave, token, { amounts: [usd(300), usd(200)], due: [2 * HOUR, 20 * DAY], review: 2 * DAY, grace: HOUR });
  await fund(alice, copy);
  await submit(dave, copy, 1n);
  await approve(alice, copy, 1n);
  await advance(3 * HOUR + 60);
  await call(alice, "reclaimMilestone", [copy, 0n]);
  await call(alice, "rateJob", [copy, 2]);
  states.push(`#${copy} milestone 1 reclaimed as undelivered, job closed and rated 2/5 (alice → dave, dUSD)`);

  // 6. Agreed but not yet funded.
  const pending = await create(alice, dave, token, { amounts: [usd(300)], due: [21 * DAY] });
  states.push(`#${pending} awaiting funding (alice → dave, dUSD)`);

  // 7. Cancelled before funding.
  const cancelled = await create(carol, bob, token, { amounts: [usd(250), usd(250)], due: [14 * DAY, 28 * DAY] });
  await call(bob, "cancelEscrow", [cancelled]);
  states.push(`#${cancelled} cancelled by the freelancer (carol → bob, dUSD)`);

  // Work histories for the badges: bob already completed the logo job (#1, 5 stars); nine more
  // make the ten Bronze requires, all rated 5 stars (100% satisfaction). Dave completes three jobs
  // rated 4 stars: listed on the leaderboard, seven jobs short of Bronze.
  const bobJobs = await seedCompletedJobs(rpcUrl, { client: alice, freelancer: bob, count: BRONZE_MIN_JOBS - 1, rating: 5 });
  const daveJobs = await seedCompletedJobs(rpcUrl, { client: carol, freelancer: dave, count: 3, rating: 4, amount: 150 });
  count += bobJobs.length + daveJobs.length;
  states.push(`#${bobJobs[0]}–#${bobJobs.at(-1)} completed and rated 5/5 (alice → bob, dUSD): bob can claim the Bronze badge`);
  states.push(`#${daveJobs[0]}–#${daveJobs.at(-1)} completed and rated 4/5 (carol → dave, dUSD)`);

  // 8. Governance: the deployer (a multisig owner) proposes lowering the fee to 8%. A fee change
  //    is Routine: one more owner's approval queues it, then it waits 24 h.
  const feeChange = {
    target: escrow,
    value: 0n,
    data: encodeFunctionData({ abi: milestoneEscrowAbi, functionName: "setPlatformFee", args: [DEMO_PROPOSED_FEE_BPS] }),
    nonce: 1n,
  };
  await multisig.propose(feeChange, localAccount(demoRoles.deployer));

  // 9. The DAO: rewards for bob's jobs for alice (the logo and the nine Bronze jobs); dave's and
  //    carol's stay claimable in the SPA.
  const dao = await seedDao(rpcUrl, [logo, ...bobJobs]);

  // 10. The creator-coin DEX, after the DAO's clock moves (its reports are fresh: observed now).
  const dex = await seedDex(rpcUrl);

  return {
    escrows: count,
    states,
    accounts,
    pendingOperation: { id: multisig.id(feeChange), description: `set the platform fee to ${DEMO_PROPOSED_FEE_BPS / 100}% (1 of 2 approvals)` },
    dao,
    dex,
  };
}

/**
 * The DAO's demo history, on top of finished escrows (`rewardedEscrows`, alice's jobs for bob):
 *  1. anyone claims their work rewards (bob: 1 WORX per dUSD paid; alice, the client: half of it);
 *  2. bob and alice delegate their votes to themselves; bob stakes {@link DEMO_BOB_STAKE_WORX} WORX
 *     for 90 days (his votes stay);
 *  3. the FeeSplitter collects the escrow's dUSD fees, splits them 70/30, and releases the
 *     treasury's share to the timelock (the operations share stays owed to the multisig);
 *  4. bob proposes a {@link DEMO_GRANT_DUSD} dUSD grant to carol; bob and alice vote for it; it is
 *     queued and executed after the timelock's delay;
 *  5. alice proposes raising the DAO's share of fees to 75%: voting is open, nobody has voted yet.
 * The clock moves forward four times (voting delay, voting period, timelock delay, voting delay:
 * about 27 h locally), each with `evm_increaseTime` and a single `evm_mine` (a live indexer follows
 * single blocks; `hardhat_mine` with a count confuses it).
 */
export async function seedDao(rpcUrl: string, rewardedEscrows: bigint[]): Promise<DaoSeedSummary> {
  const chain = "eip155:31337" as const;
  const escrow = evmContract(chain, "MilestoneEscrow");
  const dusd = evmContract(chain, "DemoStablecoin");
  const worx = evmContract(chain, "WorxToken");
  const governor = evmContract(chain, "WorxGovernor");
  const timelock = evmContract(chain, "TimelockController");
  const splitter = evmContract(chain, "FeeSplitter");
  const rewards = evmContract(chain, "WorkRewards");
  const { publicClient, send, advance } = localClients(rpcUrl);
  const read = <T>(address: Address, abi: readonly unknown[], functionName: string, args: readonly unknown[] = []) =>
    publicClient.readContract({ address, abi, functionName, args } as never) as Promise<T>;
  const { deployer, alice, bob, carol } = demoRoles;
  const lines: string[] = [];
  const WORX = 10n ** 18n;
  const worxText = (wei: bigint) => `${(wei / WORX).toLocaleString("en-US")} WORX`;

  // 1. Work rewards (anyone may claim; each party claims here for the demo's realism).
  for (const id of rewardedEscrows) await send(bob, rewards, workRewardsAbi, "claimWorkReward", [id]);
  const balance = (account: number) => read<bigint>(worx, worxTokenAbi, "balanceOf", [localAccount(account).address]);
  lines.push(`work rewards claimed for escrows #${rewardedEscrows.join(", #")}: bob ${worxText(await balance(bob))}, alice ${worxText(await balance(alice))}`);

  // 2. Delegation and staking.
  for (const account of [bob, alice]) await send(account, worx, worxTokenAbi, "delegate", [localAccount(account).address]);
  const bobStaked = BigInt(DEMO_BOB_STAKE_WORX) * WORX;
  await send(bob, worx, worxTokenAbi, "stake", [bobStaked, 1 /* LockTerm.Days90 */]);
  lines.push(`bob and alice delegated to themselves; bob staked ${worxText(bobStaked)} for 90 days`);

  // 3. Fees: collected and split by the FeeSplitter, the treasury's share released to the timelock.
  await send(deployer, splitter, feeSplitterAbi, "collect", [escrow, dusd]);
  await send(deployer, splitter, feeSplitterAbi, "release", [dusd, timelock]);

  // 4. A treasury grant, from proposal to execution.
  const grant = parseUnits(String(DEMO_GRANT_DUSD), 6);
  const grantCall = {
    targets: [dusd],
    values: [0n],
    calldatas: [encodeFunctionData({ abi: demoStablecoinAbi, functionName: "transfer", args: [localAccount(carol).address, grant] })],
    description: `# Documentation grant for carol\n\nPays carol ${DEMO_GRANT_DUSD} dUSD from the treasury for writing the user guide.`,
  };
  const proposalId = async (call: typeof grantCall, proposer: number) => {
    const receipt = await send(proposer, governor, worxGovernorAbi, "propose", [call.targets, call.values, call.calldatas, call.description]);
    return parseEventLogs({ abi: worxGovernorAbi, eventName: "ProposalCreated", logs: receipt.logs })[0]!.args.proposalId;
  };
  const descriptionHash = (call: typeof grantCall) => keccak256(stringToHex(call.description));
  const votingDelay = await read<bigint>(governor, worxGovernorAbi, "votingDelay");
  const grantId = await proposalId(grantCall, bob);
  await advance(votingDelay + 1n);
  await send(bob, governor, worxGovernorAbi, "castVote", [grantId, 1 /* For */]);
  await send(alice, governor, worxGovernorAbi, "castVoteWithReason", [grantId, 1, "Good docs bring clients."]);
  const deadline = await read<bigint>(governor, worxGovernorAbi, "proposalDeadline", [grantId]);
  await advance(deadline - BigInt((await publicClient.getBlock()).timestamp) + 1n);
  const queued = await send(carol, governor, worxGovernorAbi, "queue", [grantCall.targets, grantCall.values, grantCall.calldatas, descriptionHash(grantCall)]);
  const eta = parseEventLogs({ abi: worxGovernorAbi, eventName: "ProposalQueued", logs: queued.logs })[0]!.args.etaSeconds;
  await advance(eta - BigInt((await publicClient.getBlock()).timestamp) + 1n);
  await send(carol, governor, worxGovernorAbi, "execute", [grantCall.targets, grantCall.values, grantCall.calldatas, descriptionHash(grantCall)]);
  const treasuryDusd = await read<bigint>(dusd, demoStablecoinAbi, "balanceOf", [timelock]);
  lines.push(`proposal "Documentation grant for carol" executed: the treasury (timelock ${timelock}) paid carol ${DEMO_GRANT_DUSD} dUSD and holds ${formatUnits(treasuryDusd, 6)} dUSD`);

  // 5. A parameter change open for votes.
  const shareCall = {
    targets: [splitter],
    values: [0n],
    calldatas: [encodeFunctionData({ abi: feeSplitterAbi, functionName: "setDaoShare", args: [DEMO_PROPOSED_DAO_SHARE_BPS] })],
    description: `# Raise the treasury's share of fees to ${DEMO_PROPOSED_DAO_SHARE_BPS / 100}%\n\nFeeSplitter.setDaoShare(${DEMO_PROPOSED_DAO_SHARE_BPS}): operations keep ${100 - DEMO_PROPOSED_DAO_SHARE_BPS / 100}%.`,
  };
  const shareId = await proposalId(shareCall, alice);
  await advance(votingDelay + 1n);
  lines.push(`proposal "Raise the treasury's share of fees to ${DEMO_PROPOSED_DAO_SHARE_BPS / 100}%" open for votes (no vote yet)`);
  // The settings, read back so the summary never drifts from the deployment.
  const votingPeriod = await read<bigint>(governor, worxGovernorAbi, "votingPeriod");
  const threshold = await read<bigint>(governor, worxGovernorAbi, "proposalThreshold");
  const minDelay = await read<bigint>(timelock, timelockControllerAbi, "getMinDelay");
  lines.push(`governance: ${votingDelay / 3_600n} h voting delay, ${votingPeriod / 3_600n} h voting, ${minDelay / 3_600n} h timelock; proposing takes ${worxText(threshold)} of votes`);

  return {
    rewardedEscrows,
    bobStaked,
    treasuryDusd,
    executedProposal: { id: grantId, description: grantCall.description },
    activeProposal: { id: shareId, description: shareCall.description },
    lines,
  };
}
