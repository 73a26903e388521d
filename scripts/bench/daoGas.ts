/**
 * Gas of the DAO (issue 6) on Hardhat's in-process EVM, measured from real receipts, beside an
 * unmodified OpenZeppelin Governor + ERC20Votes + TimelockController deployed in the same run
 * (contracts/anchors/OZGovernorAnchor.sol, OZVotesTokenAnchor.sol and the same TimelockController
 * artifact the DAO uses). Shared by `npm run bench -- dao` and the committed snapshot check
 * (test/evm/dao/gas-snapshot.test.ts).
 *
 * Governance, one scenario played twice, once per side, with the public-chain settings
 * (DAO_PUBLIC_DEFAULTS: delay 1 day, period 5 days, threshold 1 000, quorum 4 %, timelock 2 days;
 * Worx adds a 2-day late-quorum extension and a guardian):
 *  - the same five holders get the same balances of each token (A 50 000, B 20 000, C 25 000,
 *    D 3 000, E 2 000 of a 100 000 supply), A delegates to itself (the token's first delegation),
 *    B, C, D too, then E delegates to A (a delegatee that already has votes);
 *  - A proposes one treasury spend through the timelock: `dUSD.transfer(grantee, 500 dUSD)` from
 *    the side's timelock, each holding 10 000 dUSD; the vote opens after the delay;
 *  - four votes, each named by what it writes: D For (the proposal's first vote, below the 4 000
 *    quorum), A For (reaches quorum: Worx records the late-quorum deadline here), B Against (the
 *    first Against) and C Against (steady state: every tally slot already written);
 *  - after the period, queue (schedules the timelock operation), after the timelock's delay,
 *    execute (the timelock pays the grantee, an account that never held dUSD).
 *  The two proposals differ only by their grantee (each side pays its own fresh account, so both
 *  payments create a balance); both grantees and both proposal ids are chosen without zero bytes
 *  so that their calldata costs the same. Each step runs on the Worx side, then on the anchor's.
 *  What the rows show: GovernorPreventLateQuorum (Worx only) reads the quorum on every vote until it
 *  is reached and then stores the late-quorum deadline once; every state check reads that deadline.
 * Token rows: WORX `transfer` beside the anchor token's (both ERC20Votes with delegating holders,
 * or to a fresh account), then WORX-only `stake` / `unstake` (no OpenZeppelin equivalent).
 * Fees and rewards (Worx only, the escrow's fee recipient being the FeeSplitter): `collect` beside
 * an EOA fee recipient's own `withdraw` from a second escrow with the same jobs (what the splitter
 * adds: the split bookkeeping), `distribute` of a direct transfer in, `release` beside a dUSD
 * transfer to an account in the same state, `claimWorkReward` of a finished dUSD job.
 * "first" means the call writes storage from zero (new balance, position, tally); "steady state"
 * means the same call once those slots are non-zero.
 *
 * Deterministic by construction: the chain starts at a fixed time, amounts and addresses are
 * constants, and no calldata carries a timestamp (only storage and events do, whose gas does not
 * depend on the value).
 */
import { gasSnapshotOf, type AnchoredGasRow } from "./gasSnapshot.ts";
import { network } from "hardhat";
import { encodeAbiParameters, encodeFunctionData, keccak256, toHex, zeroAddress, type Address, type Hash, type Hex } from "viem";
import { DAO_PUBLIC_DEFAULTS, DAO_ROLES, oneWorxPerUnit } from "../deploy/ignition/modules/Dao.ts";

export type DaoGasRow = AnchoredGasRow;

const NATIVE = zeroAddress;
const DAY = 24 * 60 * 60;
const T0 = 2_000_000_000; // a fixed "now" (2033)
const DUE = T0 + 100 * DAY; // after every time jump below
const WORX = 10n ** 18n;
const USD = 1_000_000n; // dUSD has 6 decimals
const TREASURY_FUNDS = 10_000n * USD;
const GRANT = 500n * USD;
const JOB = 1_000n * USD;
const ETH_JOB = 10n ** 18n;
const FEE_BPS = 1_000;
const VOTE = { Against: 0, For: 1 } as const;
const LOCK = { Days30: 0, Days90: 1, Days180: 2 } as const;
const DESCRIPTION = "# Grant\nPays 500 dUSD from the treasury.";
const DESCRIPTION_HASH = keccak256(toHex(DESCRIPTION));
/** The holders' balances (same on both tokens): A proposes; D alone is below the 4 % quorum. */
const HOLDINGS = { A: 50_000n, B: 20_000n, C: 25_000n, D: 3_000n, E: 2_000n } as const;

export const OZ = "OpenZeppelin Governor+ERC20Votes+Timelock (Wizard)";

/** Whether `hex` has no zero byte (calldata: 4 gas per zero byte, 16 per other byte). */
const noZeroByte = (hex: Hex) => !/^(?:..)*00/.test(hex.slice(2));
/** A deterministic address that never held anything. */
const freshAddress = (label: string): Address => keccak256(toHex(`worx-dao-bench-${label}`)).slice(0, 42) as Address;

export async function measureDaoGas(): Promise<DaoGasRow[]> {
  const { viem, networkHelpers } = await network.create();
  const publicClient = await viem.getPublicClient();
  const wallets = await viem.getWalletClients();
  const [admin, client, freelancer, a, b, c, d, e, operations, eoaFeeRecipient, keeper, dusdHolder, dusdSome] = wallets;
  type Wallet = (typeof wallets)[number];
  const as = (w: Wallet) => ({ account: w.account });
  const gasOf = async (hash: Promise<Hash>) => Number((await publicClient.waitForTransactionReceipt({ hash: await hash })).gasUsed);
  const set = DAO_PUBLIC_DEFAULTS;
  await networkHelpers.time.increaseTo(T0);

  // ── deployments: the Worx DAO wired as Ignition does it, the OpenZeppelin anchors beside it ──
  const dusd = await viem.deployContract("DemoStablecoin", ["Demo USD", "dUSD"]);
  /** A timelock with `governor` as its only proposer and canceller, anyone as executor, holding the treasury. */
  const timelockFor = async (deployGovernor: (timelock: Address) => Promise<Address>) => {
    const timelock = await viem.deployContract("TimelockController", [BigInt(set.timelockDelay), [], [NATIVE], admin.account.address]);
    const governor = await deployGovernor(timelock.address);
    await gasOf(timelock.write.grantRole([DAO_ROLES.PROPOSER_ROLE, governor], as(admin)));
    await gasOf(timelock.write.grantRole([DAO_ROLES.CANCELLER_ROLE, governor], as(admin)));
    await gasOf(timelock.write.renounceRole([DAO_ROLES.DEFAULT_ADMIN_ROLE, admin.account.address], as(admin)));
    await gasOf(dusd.write.mint([timelock.address, TREASURY_FUNDS]));
    return timelock;
  };

  const worx = await viem.deployContract("WorxToken", [admin.account.address, zeroAddress, 0n]);
  const worxGovernor = { address: zeroAddress as Address };
  const worxTimelock = await timelockFor(async (timelock) => {
    const governor = await viem.deployContract("WorxGovernor", [
      worx.address,
      timelock,
      set.votingDelay,
      set.votingPeriod,
      set.proposalThreshold,
      BigInt(set.quorumNumerator),
      set.voteExtension,
      admin.account.address, // the guardian (the protocol's guardian account in production): never acts here
    ]);
    worxGovernor.address = governor.address;
    return governor.address;
  });
  const worxGov = await viem.getContractAt("WorxGovernor", worxGovernor.address);

  const ozToken = await viem.deployContract("OZVotesTokenAnchor");
  const ozGovernor = { address: zeroAddress as Address };
  const ozTimelock = await timelockFor(async (timelock) => {
    const governor = await viem.deployContract("OZGovernorAnchor", [
      ozToken.address,
      timelock,
      set.votingDelay,
      set.votingPeriod,
      set.proposalThreshold,
      BigInt(set.quorumNumerator),
    ]);
    ozGovernor.address = governor.address;
    return governor.address;
  });
  const ozGov = await viem.getContractAt("OZGovernorAnchor", ozGovernor.address);

  // Fees and rewards: the escrow pays its fees to the splitter; a second escrow, to an EOA (the anchor).
  const splitter = await viem.deployContract("FeeSplitter", [worxTimelock.address, operations.account.address, set.daoShareBps, admin.account.address]);
  const escrow = await viem.deployContract("MilestoneEscrow", [admin.account.address, splitter.address, FEE_BPS, [NATIVE, dusd.address]]);
  const eoaEscrow = await viem.deployContract("MilestoneEscrow", [admin.account.address, eoaFeeRecipient.account.address, FEE_BPS, [NATIVE, dusd.address]]);
  const rewards = await viem.deployContract("WorkRewards", [
    escrow.address,
    zeroAddress, // no badges: badge rewards are not measured
    worx.address,
    admin.account.address,
    set.clientShareBps,
    [dusd.address, NATIVE],
    [oneWorxPerUnit(6), 2_000n * WORX],
  ]);
  await gasOf(worx.write.grantRole([DAO_ROLES.MINTER_ROLE, rewards.address], as(admin)));
  // The bench's own supply: the admin mints the holders' balances (no pre-mine in production).
  await gasOf(worx.write.grantRole([DAO_ROLES.MINTER_ROLE, admin.account.address], as(admin)));

  const rows: DaoGasRow[] = [];
  /** Measure the same step on both sides, Worx first. */
  const pair = async (operation: string, worxTx: () => Promise<Hash>, ozTx: () => Promise<Hash>) => {
    const gas = await gasOf(worxTx());
    const anchorGas = await gasOf(ozTx());
    rows.push({ operation, gas, anchor: `${OZ}: ${operation}`, anchorGas });
    return { gas, anchorGas };
  };
  const record = async (operation: string, tx: Promise<Hash>, anchor: string | null = null, anchorGas: number | null = null) => {
    const gas = await gasOf(tx);
    rows.push({ operation, gas, anchor, anchorGas });
    return gas;
  };

  // ── governance: the same holders, the same proposal, on each side ──
  const holders: [Wallet, bigint][] = [[a, HOLDINGS.A], [b, HOLDINGS.B], [c, HOLDINGS.C], [d, HOLDINGS.D], [e, HOLDINGS.E]];
  for (const [w, amount] of holders) {
    await gasOf(worx.write.mint([w.account.address, amount * WORX], as(admin)));
    await gasOf(ozToken.write.mint([w.account.address, amount * WORX]));
  }
  const self = (w: Wallet) => [w.account.address] as const;
  await pair("delegate (to self; the token's first delegation)", () => worx.write.delegate(self(a), as(a)), () => ozToken.write.delegate(self(a), as(a)));
  for (const w of [b, c, d]) {
    await gasOf(worx.write.delegate(self(w), as(w)));
    await gasOf(ozToken.write.delegate(self(w), as(w)));
  }
  await pair("delegate (to a delegatee that already has votes)", () => worx.write.delegate(self(a), as(e)), () => ozToken.write.delegate(self(a), as(e)));
  await networkHelpers.time.increase(1); // proposals read the proposer's votes at clock() - 1

  // The two proposals, differing only by their grantee: both grantees and ids free of zero bytes.
  const proposalFor = (grantee: Address) => {
    const calldatas = [encodeFunctionData({ abi: dusd.abi, functionName: "transfer", args: [grantee, GRANT] })];
    const targets = [dusd.address];
    const values = [0n];
    const id = BigInt(keccak256(encodeAbiParameters([{ type: "address[]" }, { type: "uint256[]" }, { type: "bytes[]" }, { type: "bytes32" }], [targets, values, calldatas, DESCRIPTION_HASH])));
    return { grantee, targets, values, calldatas, id };
  };
  const grantees: ReturnType<typeof proposalFor>[] = [];
  for (let i = 0; grantees.length < 2; i++) {
    const p = proposalFor(freshAddress(`grantee-${i}`));
    if (noZeroByte(p.grantee) && noZeroByte(toHex(p.id, { size: 32 }))) grantees.push(p);
  }
  const [wp, op] = grantees as [ReturnType<typeof proposalFor>, ReturnType<typeof proposalFor>];
  const governance = { worx: 0, oz: 0 };
  const step = async (operation: string, worxTx: () => Promise<Hash>, ozTx: () => Promise<Hash>) => {
    const { gas, anchorGas } = await pair(operation, worxTx, ozTx);
    governance.worx += gas;
    governance.oz += anchorGas;
  };
  await step(
    "propose (a 500 dUSD treasury transfer through the timelock)",
    () => worxGov.write.propose([wp.targets, wp.values, wp.calldatas, DESCRIPTION], as(a)),
    () => ozGov.write.propose([op.targets, op.values, op.calldatas, DESCRIPTION], as(a)),
  );
  // Votes open together: after the later of the two snapshots (the anchor's, proposed a block later).
  const snapshots = [await worxGov.read.proposalSnapshot([wp.id]), await ozGov.read.proposalSnapshot([op.id])];
  await networkHelpers.time.increaseTo((snapshots[0]! > snapshots[1]! ? snapshots[0]! : snapshots[1]!) + 1n);
  const votes: [string, Wallet, number][] = [
    ["castVote (the proposal's first vote: For, below quorum)", d, VOTE.For],
    ["castVote (For, reaches quorum; Worx records the late-quorum deadline)", a, VOTE.For],
    ["castVote (the first Against)", b, VOTE.Against],
    ["castVote (Against; steady state)", c, VOTE.Against],
  ];
  for (const [operation, voter, support] of votes) {
    await step(operation, () => worxGov.write.castVote([wp.id, support], as(voter)), () => ozGov.write.castVote([op.id, support], as(voter)));
  }
  const deadline = [await worxGov.read.proposalDeadline([wp.id]), await ozGov.read.proposalDeadline([op.id])];
  await networkHelpers.time.increaseTo((deadline[0]! > deadline[1]! ? deadline[0]! : deadline[1]!) + 1n);
  await step(
    "queue (schedules the timelock operation)",
    () => worxGov.write.queue([wp.targets, wp.values, wp.calldatas, DESCRIPTION_HASH], as(keeper)),
    () => ozGov.write.queue([op.targets, op.values, op.calldatas, DESCRIPTION_HASH], as(keeper)),
  );
  await networkHelpers.time.increase(set.timelockDelay + 1);
  await step(
    "execute (the timelock pays 500 dUSD to an account holding none)",
    () => worxGov.write.execute([wp.targets, wp.values, wp.calldatas, DESCRIPTION_HASH], as(keeper)),
    () => ozGov.write.execute([op.targets, op.values, op.calldatas, DESCRIPTION_HASH], as(keeper)),
  );
  for (const [p, t] of [[wp, worxTimelock], [op, ozTimelock]] as const) {
    if ((await dusd.read.balanceOf([p.grantee])) !== GRANT || (await dusd.read.balanceOf([t.address])) !== TREASURY_FUNDS - GRANT) {
      throw new Error("a proposal did not pay its grant: the scenario is broken");
    }
  }
  rows.push({
    operation: "governance round (propose + 4 votes + queue + execute)",
    gas: governance.worx,
    anchor: `${OZ}: the same round`,
    anchorGas: governance.oz,
  });

  // ── the token: transfers beside the anchor token's, then staking (Worx only) ──
  const TRANSFER = 1_000n * WORX;
  await pair("transfer (between two delegating holders)", () => worx.write.transfer([c.account.address, TRANSFER], as(b)), () => ozToken.write.transfer([c.account.address, TRANSFER], as(b)));
  const fresh = freshAddress("token-recipient");
  await pair("transfer (to an account holding none, without delegate)", () => worx.write.transfer([fresh, TRANSFER], as(b)), () => ozToken.write.transfer([fresh, TRANSFER], as(b)));
  await record("stake (first position: 1 000 WORX for 30 days)", worx.write.stake([1_000n * WORX, LOCK.Days30], as(a)));
  await record("stake (adding 500 WORX to the 30-day position)", worx.write.stake([500n * WORX, LOCK.Days30], as(a)));
  await record("stake (a second position: 2 000 WORX for 180 days)", worx.write.stake([2_000n * WORX, LOCK.Days180], as(a)));
  await networkHelpers.time.increase(30 * DAY);
  await record("unstake (the 30-day position, unlocked)", worx.write.unstake([LOCK.Days30], as(a)));

  // ── fees: the same jobs through both escrows; the splitter collects, an EOA withdraws ──
  await gasOf(dusd.write.mint([client.account.address, 10n * JOB]));
  for (const es of [escrow, eoaEscrow]) await gasOf(dusd.write.approve([es.address, 10n * JOB], as(client)));
  const job = async (es: typeof escrow, token: Address, amount: bigint) => {
    await gasOf(es.write.createEscrow([freelancer.account.address, token, [{ amount, dueDate: DUE }], 3 * DAY, 7 * DAY], as(client)));
    const id = await es.read.escrowCount();
    await gasOf(es.write.fundEscrow([id], { account: client.account, value: token === NATIVE ? amount : 0n }));
    await gasOf(es.write.submitMilestone([id, 0n, keccak256(toHex(`deliverable ${id}`))], as(freelancer)));
    await gasOf(es.write.approveMilestone([id, 0n], as(client)));
    return id;
  };
  const jobs = { dusd1: 0n, dusd2: 0n };
  const fees = async (label: string, token: Address, amount: bigint, key?: keyof typeof jobs) => {
    const id = await job(escrow, token, amount);
    if (key) jobs[key] = id;
    await job(eoaEscrow, token, amount);
    const anchor = `MilestoneEscrow.withdraw by an EOA fee recipient (${label})`;
    const anchorGas = await gasOf(eoaEscrow.write.withdraw([token], as(eoaFeeRecipient)));
    await record(`collect (${label})`, splitter.write.collect([escrow.address, token], as(keeper)), anchor, anchorGas);
  };
  await fees("dUSD, first income", dusd.address, JOB, "dusd1");
  await fees("dUSD, steady state", dusd.address, JOB, "dusd2");
  await fees("ETH, first income", NATIVE, ETH_JOB);
  await gasOf(dusd.write.mint([splitter.address, 100n * USD])); // income from another source (e.g. a DEX)
  await record("distribute (dUSD transferred in directly; steady state)", splitter.write.distribute([dusd.address], as(keeper)));

  // Releases beside a dUSD transfer to an account in the same state (holding some / none).
  await gasOf(dusd.write.mint([dusdHolder.account.address, 10n * JOB]));
  await gasOf(dusd.write.mint([dusdSome.account.address, 1n]));
  const toSome = await gasOf(dusd.write.transfer([dusdSome.account.address, USD], as(dusdHolder)));
  const toNone = await gasOf(dusd.write.transfer([freshAddress("dusd-recipient"), USD], as(dusdHolder)));
  await record("release (dUSD to the treasury, which holds some)", splitter.write.release([dusd.address, worxTimelock.address], as(keeper)), "OpenZeppelin ERC20.transfer (dUSD, to an account holding some)", toSome);
  await record("release (dUSD to operations, its first payout)", splitter.write.release([dusd.address, operations.account.address], as(keeper)), "OpenZeppelin ERC20.transfer (dUSD, to an account holding none)", toNone);
  await record("release (ETH to the treasury timelock)", splitter.write.release([NATIVE, worxTimelock.address], as(keeper)));

  // ── work rewards: anyone claims for a finished job (1 WORX per dUSD, half as much to the client) ──
  await record("claimWorkReward (dUSD job; freelancer and client hold no WORX)", rewards.write.claimWorkReward([jobs.dusd1], as(keeper)));
  await record("claimWorkReward (dUSD job; steady state, both hold WORX)", rewards.write.claimWorkReward([jobs.dusd2], as(keeper)));
  return rows;
}

/** The committed snapshot's shape (shared with the other anchored gas benches). */
export const daoSnapshot = (rows: DaoGasRow[]): Record<string, number> => gasSnapshotOf(rows);
