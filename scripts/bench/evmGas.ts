/**
 * Gas of each escrow operation on Hardhat's in-process EVM, measured from real receipts, and of
 * whole job lifecycles beside the bare ERC-20 transfers the same flow must make, all in one run.
 * Shared by `npm run bench` and the committed gas snapshot check (test/evm/gas-snapshot.test.ts).
 *
 * Anchors, measured in the same run on a fresh OpenZeppelin ERC-20:
 *  - each single operation sits beside one `transfer` to an account with no balance yet (the
 *    cheapest useful thing a token can do, like a first payout);
 *  - each lifecycle (create + fund + submit/approve per milestone + the freelancer's and the
 *    treasury's withdrawals) sits beside the sum of the three transfers any escrow of that job must
 *    make: the client's total in (`transferFrom`, by the holder), the payout out and the fee out
 *    (`transfer`s to accounts with no balance yet), with the holder starting and ending empty as
 *    the escrow does. The difference is what the escrow's bookkeeping costs.
 *
 * Deterministic by construction: the chain is moved to a fixed time first, and every due date,
 * deadline and amount is a constant, so calldata (and the settlement signature) never varies.
 */
import { network } from "hardhat";
import type { Hash } from "viem";
import { SETTLEMENT_TYPES, settlementDomain } from "../../generated/typedData.ts";

export interface GasRow {
  operation: string;
  gas: number;
  anchor: string;
  anchorGas: number;
}

export const ANCHOR_NAME = "OpenZeppelin ERC20.transfer";
export const FLOW_ANCHOR_NAME = "OpenZeppelin ERC20: transferFrom in + 2 transfers out (same flow)";

const NATIVE = "0x0000000000000000000000000000000000000000";
const DAY = 24 * 60 * 60;
const T0 = 2_000_000_000; // a fixed "now" (2033), so every timestamp below is a constant
const DUE = T0 + 100 * DAY; // due date of the single-operation jobs
const LIFECYCLE_DUE = T0 + 400 * DAY; // after every time jump of the single operations
const REVIEW = 3 * DAY;
const GRACE = 7 * DAY;
const FEE_BPS = 1_000;
const USD = 1_000_000n; // dUSD has 6 decimals
const LIFECYCLE_TOTAL = 1_000n * USD;

export async function measureEscrowGas(): Promise<GasRow[]> {
  const { viem, networkHelpers } = await network.create();
  const publicClient = await viem.getPublicClient();
  const wallets = await viem.getWalletClients();
  const [admin, client, freelancer, other, arbiter, treasury] = wallets;
  // Fresh accounts for the lifecycles and their anchors: first payouts, like the anchor's.
  const [f1, t1, f5, t5, holder, af1, at1, af5, at5] = wallets.slice(6);
  const gasOf = async (hash: Promise<Hash>) =>
    Number((await publicClient.waitForTransactionReceipt({ hash: await hash })).gasUsed);
  await networkHelpers.time.increaseTo(T0);

  const token = await viem.deployContract("DemoStablecoin", ["Demo USD", "dUSD"]);
  const escrow = await viem.deployContract("MilestoneEscrow", [admin.account.address, treasury.account.address, FEE_BPS, [NATIVE, token.address]]);
  const asAdmin = { account: admin.account };
  const asClient = { account: client.account };
  const asFreelancer = { account: freelancer.account };
  await gasOf(escrow.write.grantRole([await escrow.read.ARBITER_ROLE(), arbiter.account.address], asAdmin));
  await gasOf(token.write.mint([client.account.address, 10n ** 15n]));
  await gasOf(token.write.approve([escrow.address, 2n ** 255n], asClient));

  // The single-operation anchor, on its own fresh token: a transfer to an account with no balance yet.
  const anchorToken = await viem.deployContract("DemoStablecoin", ["Anchor USD", "aUSD"]);
  await gasOf(anchorToken.write.mint([client.account.address, 10n ** 15n]));
  const anchorGas = await gasOf(anchorToken.write.transfer([other.account.address, USD], asClient));

  const rows: GasRow[] = [];
  const record = async (operation: string, hash: Promise<Hash>) =>
    rows.push({ operation, gas: await gasOf(hash), anchor: ANCHOR_NAME, anchorGas });
  const terms = (amounts: bigint[], dueDate: number) => amounts.map((amount) => ({ amount, dueDate }));
  const create = (tokenAddress: string, amounts: bigint[]) =>
    escrow.write.createEscrow([freelancer.account.address, tokenAddress as `0x${string}`, terms(amounts, DUE), REVIEW, GRACE], asClient);
  const ref = `0x${"ab".repeat(32)}` as const;

  // Job 1: ERC-20, three milestones (approve, claim after the review period, approve the last).
  await record("createEscrow (ERC-20, 3 milestones)", create(token.address, [100n * USD, 200n * USD, 300n * USD]));
  await record("fundEscrow (ERC-20)", escrow.write.fundEscrow([1n], asClient));
  await record("submitMilestone", escrow.write.submitMilestone([1n, 0n, ref], asFreelancer));
  await record("approveMilestone (release)", escrow.write.approveMilestone([1n, 0n], asClient));
  // Job 2: native coin, one milestone, disputed and ruled.
  await record("createEscrow (native, 1 milestone)", create(NATIVE, [10n ** 18n]));
  await record("fundEscrow (native)", escrow.write.fundEscrow([2n], { ...asClient, value: 10n ** 18n }));
  await record("openDispute", escrow.write.openDispute([2n, 0n, ref], asClient));
  await record("resolveDispute (split, last: completes)", escrow.write.resolveDispute([2n, 0n, 5_000], { account: arbiter.account }));
  // Job 3: ERC-20, two milestones: one settled on a signed offer, one reclaimed.
  await gasOf(create(token.address, [100n * USD, 100n * USD]));
  await gasOf(escrow.write.fundEscrow([3n], asClient));
  const deadline = BigInt(T0 + 200 * DAY);
  const chainId = await publicClient.getChainId();
  const offer = await freelancer.signTypedData({
    domain: settlementDomain(chainId, escrow.address),
    types: SETTLEMENT_TYPES,
    primaryType: "Settlement",
    message: { escrowId: 3n, index: 0n, freelancerBps: 6_000, nonce: 0n, deadline },
  });
  await record("settleMilestone (EIP-712 offer)", escrow.write.settleMilestone([3n, 0n, 6_000, deadline, offer], asClient));

  await gasOf(escrow.write.submitMilestone([1n, 1n, ref], asFreelancer));
  await networkHelpers.time.increaseTo(T0 + 10 * DAY);
  await record("claimMilestone (after the review period)", escrow.write.claimMilestone([1n, 1n], asFreelancer));
  await gasOf(escrow.write.submitMilestone([1n, 2n, ref], asFreelancer));
  await record("approveMilestone (last, completes)", escrow.write.approveMilestone([1n, 2n], asClient));
  await record("rateJob", escrow.write.rateJob([1n, 5], asClient));
  await record("withdraw (ERC-20)", escrow.write.withdraw([token.address], asFreelancer));
  await record("withdraw (native)", escrow.write.withdraw([NATIVE], asFreelancer));
  await networkHelpers.time.increaseTo(DUE + GRACE);
  await record("reclaimMilestone (last, closes)", escrow.write.reclaimMilestone([3n, 1n], asClient));
  await record("revokeSettlementOffers", escrow.write.revokeSettlementOffers(asClient));
  await gasOf(escrow.write.createEscrow([freelancer.account.address, token.address, terms([1n], LIFECYCLE_DUE), REVIEW, GRACE], asClient));
  await record("cancelEscrow", escrow.write.cancelEscrow([4n], asClient));

  // Lifecycles, each with a fresh freelancer and a fresh treasury, on an escrow already in use
  // (one job created before) that holds no dUSD at the start, like the anchor's holder.
  const flowAnchor = async (freelancerTo: string, treasuryTo: string, fee: bigint) =>
    (await gasOf(anchorToken.write.transferFrom([client.account.address, holder.account.address, LIFECYCLE_TOTAL], { account: holder.account }))) +
    (await gasOf(anchorToken.write.transfer([freelancerTo as `0x${string}`, LIFECYCLE_TOTAL - fee], { account: holder.account }))) +
    (await gasOf(anchorToken.write.transfer([treasuryTo as `0x${string}`, fee], { account: holder.account })));
  await gasOf(anchorToken.write.approve([holder.account.address, 2n ** 255n], asClient));
  const jobs = await viem.deployContract("MilestoneEscrow", [admin.account.address, treasury.account.address, FEE_BPS, [token.address]]);
  await gasOf(token.write.approve([jobs.address, 2n ** 255n], asClient));
  await gasOf(jobs.write.createEscrow([f1.account.address, token.address, terms([1n], LIFECYCLE_DUE), REVIEW, GRACE], asClient));
  for (const [count, payee, feeTo, anchorPayee, anchorFeeTo] of [
    [1, f1, t1, af1, at1],
    [5, f5, t5, af5, at5],
  ] as const) {
    await gasOf(jobs.write.setFeeRecipient([feeTo.account.address], asAdmin));
    const id = (await jobs.read.escrowCount()) + 1n;
    const amounts = Array.from({ length: count }, () => LIFECYCLE_TOTAL / BigInt(count));
    let gas = await gasOf(jobs.write.createEscrow([payee.account.address, token.address, terms(amounts, LIFECYCLE_DUE), REVIEW, GRACE], asClient));
    gas += await gasOf(jobs.write.fundEscrow([id], asClient));
    for (let i = 0n; i < BigInt(count); i++) {
      gas += await gasOf(jobs.write.submitMilestone([id, i, ref], { account: payee.account }));
      gas += await gasOf(jobs.write.approveMilestone([id, i], asClient));
    }
    const fee = await jobs.read.credits([token.address, feeTo.account.address]);
    gas += await gasOf(jobs.write.withdraw([token.address], { account: payee.account }));
    gas += await gasOf(jobs.write.withdraw([token.address], { account: feeTo.account }));
    const flow = await flowAnchor(anchorPayee.account.address, anchorFeeTo.account.address, fee);
    const operation = `lifecycle ERC-20, ${count} milestone${count > 1 ? "s" : ""} (create+fund+${count > 1 ? `${count}x(submit+approve)` : "submit+approve"}+withdraw x2)`;
    rows.push({ operation, gas, anchor: FLOW_ANCHOR_NAME, anchorGas: flow });
  }
  return rows;
}

/** The committed snapshot's shape: every row's gas, then each distinct anchor's gas. */
export function escrowSnapshot(rows: GasRow[]): Record<string, number> {
  const snapshot: Record<string, number> = Object.fromEntries(rows.map((r) => [r.operation, r.gas]));
  for (const r of rows) {
    const key = r.anchor === ANCHOR_NAME ? `anchor: ${ANCHOR_NAME}` : `anchor of ${r.operation}`;
    snapshot[key] = r.anchorGas;
  }
  return snapshot;
}
