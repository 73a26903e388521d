/**
 * Histories the indexer tests put on chain, and the assertions on what the indexer must serve for
 * them. Every transaction is real (Hardhat node, unlocked accounts); what the chain did is taken
 * from receipts, never from the indexer.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { and, asc, createClient, eq } from "@ponder/client";
import {
  decodeEventLog,
  encodeFunctionData,
  hashTypedData,
  keccak256,
  parseEther,
  toHex,
  zeroAddress,
  zeroHash,
  type Abi,
  type Address,
  type Hash,
  type Hex,
} from "viem";
import { SETTLEMENT_TYPES } from "../../generated/typedData.ts";
import * as schema from "../../indexer/ponder.schema.ts";
import { localAccount } from "../../scripts/dev/accounts.ts";
import { advanceTime, CHAIN, chainTime, expectJsonError, gql, mineBlocks, poll, type TestChain } from "./harness.ts";

export const lower = (a: string) => a.toLowerCase();
export const ceilFee = (amount: bigint, bps: bigint) => (amount * bps + 9_999n) / 10_000n;
const HOUR = 3_600n;
const DAY = 86_400n;

export interface Call {
  to: Address;
  abi: Abi;
  functionName: string;
  args?: readonly unknown[];
  value?: bigint;
}

/** Sends one transaction from an unlocked (or impersonated) account (automine on) and waits for its receipt. */
export async function sendAndWait(chain: TestChain, from: Address, call: Call) {
  const hash = (await chain.publicClient.request({
    method: "eth_sendTransaction" as never,
    params: [
      {
        from,
        to: call.to,
        data: encodeFunctionData({ abi: call.abi, functionName: call.functionName, args: call.args ?? [] } as never),
        ...(call.value ? { value: toHex(call.value) } : {}),
      },
    ] as never,
  })) as Hash;
  const receipt = await chain.publicClient.waitForTransactionReceipt({ hash, pollingInterval: 50 });
  assert.equal(receipt.status, "success", `${call.functionName} reverted`);
  return { hash, receipt };
}

/** Milestone terms as `createEscrow` takes them. */
export const terms = (...milestones: [amount: bigint, dueDate: bigint][]) => milestones.map(([amount, dueDate]) => ({ amount, dueDate: Number(dueDate) }));

/**
 * A settlement offer signed by `signer` (a local account index) with viem's signTypedData in the
 * escrow's EIP-712 domain (read from the contract, ERC-5267), at the signer's current nonce. The
 * digest is checked against the contract's own `settlementDigest`.
 */
export async function signSettlement(
  chain: TestChain,
  signer: number,
  offer: { escrowId: bigint; index: bigint; freelancerBps: number; deadline: bigint },
): Promise<Hex> {
  const account = localAccount(signer);
  const abi = chain.abis.milestoneEscrowAbi as Abi;
  const read = (functionName: string, args: readonly unknown[] = []) => chain.publicClient.readContract({ address: chain.escrow, abi, functionName, args });
  const nonce = (await read("nonces", [account.address])) as bigint;
  const [, name, version, chainId, verifyingContract] = (await read("eip712Domain")) as [Hex, string, string, bigint, Address];
  const typedData = {
    domain: { name, version, chainId: Number(chainId), verifyingContract },
    types: SETTLEMENT_TYPES,
    primaryType: "Settlement",
    message: { ...offer, nonce },
  } as const;
  const digest = await read("settlementDigest", [offer.escrowId, offer.index, offer.freelancerBps, nonce, offer.deadline]);
  assert.equal(hashTypedData(typedData), digest, "viem's EIP-712 digest is the contract's settlementDigest");
  return account.signTypedData(typedData);
}

/** One escrow log of a history, decoded, with its transaction's sender and block time. */
export interface ChainLog {
  eventName: string;
  args: Record<string, any>;
  tx: Hash;
  from: Address;
  logIndex: number;
  blockNumber: bigint;
  timestamp: bigint;
}

/** Returns (and records into `into`) the escrow's logs of a receipt. */
export async function escrowLogs(chain: TestChain, receipt: { logs: readonly any[]; blockNumber: bigint; from: Address; transactionHash: Hash }, into?: ChainLog[]): Promise<ChainLog[]> {
  const block = await chain.publicClient.getBlock({ blockNumber: receipt.blockNumber });
  const out: ChainLog[] = [];
  for (const log of receipt.logs) {
    if (lower(log.address) !== lower(chain.escrow)) continue;
    const ev = decodeEventLog({ abi: chain.abis.milestoneEscrowAbi, data: log.data, topics: log.topics });
    out.push({
      eventName: ev.eventName,
      args: ev.args as Record<string, any>,
      tx: receipt.transactionHash,
      from: receipt.from,
      logIndex: log.logIndex,
      blockNumber: receipt.blockNumber,
      timestamp: block.timestamp,
    });
  }
  into?.push(...out);
  return out;
}

// ───────────────────────────── the standard history ─────────────────────────────

/** What the chain did in the standard history, from the receipts. */
export interface StandardFacts {
  createTx: Record<string, Hash>;
  fundTx: Record<string, Hash>;
  submittedTx: Record<string, Hash>;
  /** Named transactions: `rate:1`, `dispute:4:0`, `rule:4:0`, `settle:4:1`, `claim:4:2`, `reclaim:5:1`, … */
  tx: Record<string, Hash>;
  /** Due dates of each escrow's milestones, by escrow id. */
  dueDates: Record<string, bigint[]>;
  releases: { escrowId: bigint; index: bigint; amount: bigint; fee: bigint; payout: bigint; tx: Hash }[];
  withdrawals: { account: Address; token: Address; amount: bigint; tx: Hash }[];
  /** Every log of the escrow contract in the history, in chain order. */
  logs: ChainLog[];
  completedTx?: Hash;
  cancelledTx?: Hash;
  blockTimestamps: Map<Hash, bigint>;
  blockNumbers: Map<Hash, bigint>;
  deliverableHash: Hex;
  disputeReason: Hex;
  /** The fee-discount source used for escrow 6 (code set on the node: every freelancer gets 25%). */
  discountSource: Address;
  /** The escrow's administrator (WorxMultisig), impersonated for its Critical settings. */
  multisig: Address;
  /** The escrow's fee recipient since the DAO's deployment: the FeeSplitter. */
  feeSplitter: Address;
  /** The escrow's fee-discount source since the DAO's deployment: StakingFeeDiscount. */
  stakingFeeDiscount: Address;
  /** The scenario's last transaction: once it is served, everything before it is. */
  lastTx: Hash;
}

/** The split of IMilestoneEscrow: gross rounds down, the fee (from the gross) rounds up. */
export function split(amount: bigint, freelancerBps: bigint, feeBps: bigint) {
  const gross = (amount * freelancerBps) / 10_000n;
  const fee = ceilFee(gross, feeBps);
  return { fee, payout: gross - fee, refund: amount - gross };
}

/** Runtime code answering any call with the uint16 2500 (a fee-discount source: 25% for everyone). */
const DISCOUNT_SOURCE_CODE = "0x6109c460005260206000f3";
export const DISCOUNT_BPS = 2_500;

/**
 * Six escrows between the standard accounts (#1 alice, #2 bob, #3 carol, #4 dave; #0 deployed, #5
 * the arbiter; fees go to the DAO's FeeSplitter), sent before any indexer starts:
 *  1. ERC-20, alice pays bob: both milestones approved (completed), rated 5;
 *  2. native coin, carol pays alice: funded, milestone 0 submitted, milestone 1 disputed by carol (left open);
 *  3. ERC-20, alice with carol: cancelled by the freelancer before funding;
 *  4. ERC-20, alice pays bob, 3 milestones: 0 submitted, disputed by alice, ruled 40/60 by the
 *     arbiter (bob loses); 1 disputed by bob, settled at 70% on alice's signed offer; 2 submitted
 *     late and claimed after the review period (completed), rated 4;
 *  5. native coin, dave pays bob: 0 settled at 25% on bob's signed offer without a dispute; 1 never
 *     delivered, reclaimed after due date + grace (closed), rated 2;
 *  6. ERC-20, carol with dave, created while a fee-discount source gives 25% off (never funded).
 * Then everyone with credits withdraws; last, #0 makes the FeeSplitter collect its fee credits
 * (FeeSplitter.collect: the escrow's `withdraw` as the splitter, then the 70/30 split).
 */
export async function sendStandardHistory(chain: TestChain): Promise<StandardFacts> {
  const [deployer, alice, bob, carol, dave, arbiter] = chain.accounts as [Address, Address, Address, Address, Address, Address];
  const escrow = { to: chain.escrow, abi: chain.abis.milestoneEscrowAbi as Abi };
  const token = { to: chain.token, abi: chain.abis.demoStablecoinAbi as Abi };
  const { evmContract } = await import("../../generated/deployments.ts");
  const facts: StandardFacts = {
    createTx: {},
    fundTx: {},
    submittedTx: {},
    tx: {},
    dueDates: {},
    releases: [],
    withdrawals: [],
    logs: [],
    blockTimestamps: new Map(),
    blockNumbers: new Map(),
    deliverableHash: keccak256(toHex("worx: milestone 0 deliverable")),
    disputeReason: keccak256(toHex("worx: the delivery does not match the brief")),
    discountSource: "0x00000000000000000000000000000000d15c0047",
    multisig: evmContract(CHAIN, "WorxMultisig"),
    feeSplitter: evmContract(CHAIN, "FeeSplitter"),
    stakingFeeDiscount: evmContract(CHAIN, "StakingFeeDiscount"),
    lastTx: zeroHash,
  };
  const send = async (from: Address, call: Call): Promise<Hash> => {
    const { hash, receipt } = await sendAndWait(chain, from, call);
    facts.blockNumbers.set(hash, receipt.blockNumber);
    for (const log of await escrowLogs(chain, receipt, facts.logs)) {
      facts.blockTimestamps.set(hash, log.timestamp);
      if (log.eventName === "MilestoneReleased") facts.releases.push({ ...(log.args as any), tx: hash });
      if (log.eventName === "Withdrawn") facts.withdrawals.push({ ...(log.args as any), tx: hash });
    }
    if (!facts.blockTimestamps.has(hash)) facts.blockTimestamps.set(hash, (await chain.publicClient.getBlock({ blockNumber: receipt.blockNumber })).timestamp);
    facts.lastTx = hash;
    return hash;
  };
  /** A Critical setting of the escrow, sent from its administrator (the multisig, impersonated on the node). */
  const asMultisig = async (call: Call): Promise<Hash> => {
    const request = (method: string, params: unknown[]) => chain.testClient.request({ method, params } as never);
    await request("hardhat_impersonateAccount", [facts.multisig]);
    await request("hardhat_setBalance", [facts.multisig, toHex(parseEther("1"))]);
    try {
      return await send(facts.multisig, call);
    } finally {
      await request("hardhat_stopImpersonatingAccount", [facts.multisig]);
    }
  };
  const t0 = await chainTime(chain);

  // Escrow 1: ERC-20, alice pays bob, both milestones released.
  await send(alice, { ...token, functionName: "mint", args: [alice, 10_000_000_000n] });
  await send(alice, { ...token, functionName: "approve", args: [chain.escrow, 10_000_000_000n] });
  facts.dueDates["1"] = [t0 + 30n * DAY, t0 + 30n * DAY];
  facts.createTx["1"] = await send(alice, {
    ...escrow,
    functionName: "createEscrow",
    args: [bob, chain.token, terms([100_000_000n, facts.dueDates["1"][0]!], [250_000_005n, facts.dueDates["1"][1]!]), 3 * 86_400, 7 * 86_400],
  });
  facts.fundTx["1"] = await send(alice, { ...escrow, functionName: "fundEscrow", args: [1n] });
  facts.submittedTx["1:0"] = await send(bob, { ...escrow, functionName: "submitMilestone", args: [1n, 0n, facts.deliverableHash] });
  facts.tx["approve:1:0"] = await send(alice, { ...escrow, functionName: "approveMilestone", args: [1n, 0n] });
  facts.submittedTx["1:1"] = await send(bob, { ...escrow, functionName: "submitMilestone", args: [1n, 1n, zeroHash] });
  facts.completedTx = await send(alice, { ...escrow, functionName: "approveMilestone", args: [1n, 1n] });

  // Escrow 2: native coin, carol pays alice, left funded with milestone 0 submitted.
  facts.dueDates["2"] = [t0 + 30n * DAY, t0 + 60n * DAY];
  facts.createTx["2"] = await send(carol, {
    ...escrow,
    functionName: "createEscrow",
    args: [alice, zeroAddress, terms([parseEther("1"), facts.dueDates["2"][0]!], [parseEther("2.5"), facts.dueDates["2"][1]!]), 86_400, 86_400],
  });
  facts.fundTx["2"] = await send(carol, { ...escrow, functionName: "fundEscrow", args: [2n], value: parseEther("3.5") });
  facts.submittedTx["2:0"] = await send(alice, { ...escrow, functionName: "submitMilestone", args: [2n, 0n, zeroHash] });

  // Escrow 3: ERC-20, alice with carol, cancelled by the freelancer before funding.
  facts.dueDates["3"] = [t0 + 30n * DAY];
  facts.createTx["3"] = await send(alice, { ...escrow, functionName: "createEscrow", args: [carol, chain.token, terms([5_000_000n, facts.dueDates["3"][0]!]), 3_600, 3_600] });
  facts.cancelledTx = await send(carol, { ...escrow, functionName: "cancelEscrow", args: [3n] });

  // Escrow 4: ERC-20, alice pays bob, three milestones (the last one due in 2 hours).
  facts.dueDates["4"] = [t0 + 30n * DAY, t0 + 30n * DAY, t0 + 2n * HOUR];
  facts.createTx["4"] = await send(alice, {
    ...escrow,
    functionName: "createEscrow",
    args: [bob, chain.token, terms([100_000_000n, facts.dueDates["4"][0]!], [200_000_000n, facts.dueDates["4"][1]!], [300_000_001n, facts.dueDates["4"][2]!]), 3_600, 3_600],
  });
  facts.fundTx["4"] = await send(alice, { ...escrow, functionName: "fundEscrow", args: [4n] });
  // Escrow 5: native coin, dave pays bob; milestone 1 due in 2 hours.
  facts.dueDates["5"] = [t0 + 30n * DAY, t0 + 2n * HOUR];
  facts.createTx["5"] = await send(dave, {
    ...escrow,
    functionName: "createEscrow",
    args: [bob, zeroAddress, terms([parseEther("1"), facts.dueDates["5"][0]!], [parseEther("2"), facts.dueDates["5"][1]!]), 7_200, 3_600],
  });
  facts.fundTx["5"] = await send(dave, { ...escrow, functionName: "fundEscrow", args: [5n], value: parseEther("3") });

  // 4/0: delivered, disputed by the client, ruled 40% to the freelancer by the arbiter.
  facts.submittedTx["4:0"] = await send(bob, { ...escrow, functionName: "submitMilestone", args: [4n, 0n, zeroHash] });
  facts.tx["dispute:4:0"] = await send(alice, { ...escrow, functionName: "openDispute", args: [4n, 0n, facts.disputeReason] });
  facts.tx["rule:4:0"] = await send(arbiter, { ...escrow, functionName: "resolveDispute", args: [4n, 0n, 4_000] });
  // 4/1: disputed by the freelancer before delivery; settled at 70% on the client's signed offer.
  facts.tx["dispute:4:1"] = await send(bob, { ...escrow, functionName: "openDispute", args: [4n, 1n, zeroHash] });
  const deadline = (await chainTime(chain)) + DAY;
  const aliceOffer = await signSettlement(chain, 1, { escrowId: 4n, index: 1n, freelancerBps: 7_000, deadline });
  facts.tx["settle:4:1"] = await send(bob, { ...escrow, functionName: "settleMilestone", args: [4n, 1n, 7_000, deadline, aliceOffer] });
  // 5/0: settled at 25% without a dispute, on the freelancer's signed offer.
  const bobOffer = await signSettlement(chain, 2, { escrowId: 5n, index: 0n, freelancerBps: 2_500, deadline });
  facts.tx["settle:5:0"] = await send(dave, { ...escrow, functionName: "settleMilestone", args: [5n, 0n, 2_500, deadline, bobOffer] });
  // 2/1: disputed by the client, left open.
  facts.tx["dispute:2:1"] = await send(carol, { ...escrow, functionName: "openDispute", args: [2n, 1n, facts.disputeReason] });
  facts.tx["rate:1"] = await send(alice, { ...escrow, functionName: "rateJob", args: [1n, 5] });

  // Escrow 6: created while a fee-discount source gives every freelancer 25% off the fee.
  await chain.testClient.request({ method: "hardhat_setCode", params: [facts.discountSource, DISCOUNT_SOURCE_CODE] } as never);
  facts.tx["discount:on"] = await asMultisig({ ...escrow, functionName: "setFeeDiscountSource", args: [facts.discountSource] });
  facts.dueDates["6"] = [t0 + 30n * DAY];
  facts.createTx["6"] = await send(carol, { ...escrow, functionName: "createEscrow", args: [dave, chain.token, terms([42_000_000n, facts.dueDates["6"][0]!]), 3_600, 3_600] });
  facts.tx["discount:off"] = await asMultisig({ ...escrow, functionName: "setFeeDiscountSource", args: [zeroAddress] });

  // Three hours later: 4/2 is delivered late; 5/1 (due + grace passed, never delivered) is reclaimed.
  await advanceTime(chain, 3 * 3_600);
  facts.submittedTx["4:2"] = await send(bob, { ...escrow, functionName: "submitMilestone", args: [4n, 2n, facts.deliverableHash] });
  facts.tx["reclaim:5:1"] = await send(dave, { ...escrow, functionName: "reclaimMilestone", args: [5n, 1n] });
  // The client never answers: after the review period the freelancer claims 4/2.
  await advanceTime(chain, 3_601);
  facts.tx["claim:4:2"] = await send(bob, { ...escrow, functionName: "claimMilestone", args: [4n, 2n] });
  facts.tx["rate:4"] = await send(alice, { ...escrow, functionName: "rateJob", args: [4n, 4] });
  facts.tx["rate:5"] = await send(dave, { ...escrow, functionName: "rateJob", args: [5n, 2] });

  // Withdrawals: freelancer and clients in both currencies, then the fee recipient (last
  // transactions): the FeeSplitter pulls its credits when anyone (#0 here) calls `collect`.
  for (const [account, tokens] of [
    [bob, [chain.token, zeroAddress]],
    [alice, [chain.token]],
    [dave, [zeroAddress]],
  ] as const) {
    for (const t of tokens) facts.tx[`withdraw:${lower(account)}:${lower(t)}`] = await send(account, { ...escrow, functionName: "withdraw", args: [t] });
  }
  const splitter = { to: facts.feeSplitter, abi: chain.abis.feeSplitterAbi as Abi };
  for (const t of [zeroAddress, chain.token]) {
    facts.tx[`withdraw:${lower(facts.feeSplitter)}:${lower(t)}`] = await send(deployer, { ...splitter, functionName: "collect", args: [chain.escrow, t] });
  }
  return facts;
}

/** Waits until the indexer at `url` serves `tx` as a withdrawal (events are indexed in order). */
export async function waitForWithdrawal(url: string, tx: Hash, timeoutMs = 60_000): Promise<void> {
  await poll(
    `withdrawal ${tx} at ${url}`,
    async () => {
      const d = await gql<{ withdrawals: { items: unknown[] } }>(url, `query($tx: String!) { withdrawals(where: { txHash: $tx }) { items { txHash } } }`, { tx });
      return d.withdrawals.items.length === 1 ? true : undefined;
    },
    timeoutMs,
  );
}

const ESCROW_FIELDS = `
  id chainId escrowId contract client freelancer token amounts dueDates total released refunded feeBps baseFeeBps feeDiscountBps
  reviewPeriod gracePeriod status milestoneCount settledCount openDisputes reclaimed rating createdAt createdBlock createdTx
  fundedAt fundedTx completedAt completedTx closedAt closedTx cancelledAt cancelledTx cancelledBy ratedAt updatedAt`;
export const MILESTONE_FIELDS = `id chainId escrowId index amount dueDate status deliverable onTime claimed fee payout refund submittedAt submittedTx settledAt settledTx settledBy`;

/** The SPA's dashboard query: a party's escrows, newest first, with milestones in order. */
export const ESCROWS_BY_PARTY = /* GraphQL */ `
  query EscrowsByParty($where: escrowFilter) {
    escrows(where: $where, orderBy: "createdAt", orderDirection: "desc", limit: 50) {
      totalCount
      items {
        ${ESCROW_FIELDS}
        milestones(orderBy: "index", orderDirection: "asc") { items { ${MILESTONE_FIELDS} } }
      }
    }
  }
`;

export interface StandardContext {
  url: string;
  chain: TestChain;
  facts: StandardFacts;
}

/** Escrow id → token, from the history's EscrowCreated logs. */
export const tokenOf = (facts: StandardFacts) =>
  new Map(facts.logs.filter((l) => l.eventName === "EscrowCreated").map((l) => [l.args.escrowId as bigint, lower(l.args.token)]));

/**
 * Registers, in the current `describe`, the tests every database must pass on the standard
 * history: GraphQL (lists, filters, relations, single rows), SQL over HTTP, REST, error shape.
 */
export function registerStandardRowTests(ctx: () => StandardContext): void {
  test("escrows by client and by freelancer, with nested milestones, match the chain exactly", async () => {
    const { url, chain, facts } = ctx();
    const [, alice, bob, carol] = chain.accounts as [Address, Address, Address, Address];
    const ts = (h: Hash | undefined) => String(facts.blockTimestamps.get(h!));

    const byClient = await gql(url, ESCROWS_BY_PARTY, { where: { client: alice, chainId: CHAIN } });
    assert.equal(byClient.escrows.totalCount, 3);
    // Newest first.
    assert.deepEqual(byClient.escrows.items.map((e: any) => e.escrowId), ["4", "3", "1"]);

    const [, e3, e1] = byClient.escrows.items;
    const releases = facts.releases.filter((r) => r.escrowId === 1n).sort((a, b) => Number(a.index - b.index));
    assert.equal(releases.length, 2);
    const fees = [100_000_000n, 250_000_005n].map((a) => ceilFee(a, chain.feeBps));
    assert.deepEqual(fees, [10_000_000n, 25_000_001n], "the local deployment charges 10% (rounded up)");
    assert.deepEqual(
      releases.map((r) => [r.fee, r.payout]),
      fees.map((f, i) => [f, [100_000_000n, 250_000_005n][i]! - f]),
      "the chain's own split",
    );

    assert.deepEqual(
      { ...e1, milestones: undefined },
      {
        id: `${CHAIN}:1`,
        chainId: CHAIN,
        escrowId: "1",
        contract: lower(chain.escrow),
        client: lower(alice),
        freelancer: lower(bob),
        token: lower(chain.token),
        amounts: ["100000000", "250000005"],
        dueDates: facts.dueDates["1"]!.map(String),
        total: "350000005",
        released: "350000005",
        refunded: "0",
        feeBps: Number(chain.feeBps),
        baseFeeBps: Number(chain.feeBps),
        feeDiscountBps: 0,
        reviewPeriod: 3 * 86_400,
        gracePeriod: 7 * 86_400,
        status: "completed",
        milestoneCount: 2,
        settledCount: 2,
        openDisputes: 0,
        reclaimed: false,
        rating: 5,
        createdAt: ts(facts.createTx["1"]),
        createdBlock: String(facts.blockNumbers.get(facts.createTx["1"]!)),
        createdTx: facts.createTx["1"],
        fundedAt: ts(facts.fundTx["1"]),
        fundedTx: facts.fundTx["1"],
        completedAt: ts(facts.completedTx),
        completedTx: facts.completedTx,
        closedAt: null,
        closedTx: null,
        cancelledAt: null,
        cancelledTx: null,
        cancelledBy: null,
        ratedAt: ts(facts.tx["rate:1"]),
        updatedAt: ts(facts.tx["rate:1"]),
        milestones: undefined,
      },
    );
    assert.deepEqual(
      e1.milestones.items,
      releases.map((r, i) => ({
        id: `${CHAIN}:1:${i}`,
        chainId: CHAIN,
        escrowId: "1",
        index: i,
        amount: String(r.amount),
        dueDate: String(facts.dueDates["1"]![i]),
        status: "released",
        deliverable: i === 0 ? facts.deliverableHash : null,
        onTime: true,
        claimed: false,
        fee: String(r.fee),
        payout: String(r.payout),
        refund: "0",
        submittedAt: ts(facts.submittedTx[`1:${i}`]),
        submittedTx: facts.submittedTx[`1:${i}`],
        settledAt: ts(r.tx),
        settledTx: r.tx,
        settledBy: "approval",
      })),
    );
    for (const m of e1.milestones.items) assert.equal(BigInt(m.fee) + BigInt(m.payout), BigInt(m.amount), "fee + payout == amount");
    assert.equal(e1.milestones.items.reduce((s: bigint, m: any) => s + BigInt(m.amount), 0n), BigInt(e1.released));

    assert.equal(e3.status, "cancelled");
    assert.equal(e3.cancelledBy, lower(carol));
    assert.equal(e3.cancelledTx, facts.cancelledTx);
    assert.equal(e3.cancelledAt, ts(facts.cancelledTx));
    assert.equal(e3.fundedTx, null);
    assert.equal(e3.released, "0");
    assert.deepEqual(e3.milestones.items.map((m: any) => [m.index, m.amount, m.status, m.fee, m.settledBy]), [[0, "5000000", "pending", null, null]]);

    const byFreelancer = await gql(url, ESCROWS_BY_PARTY, { where: { freelancer: alice } });
    assert.equal(byFreelancer.escrows.totalCount, 1);
    const [e2] = byFreelancer.escrows.items;
    assert.equal(e2.id, `${CHAIN}:2`);
    assert.equal(e2.client, lower(carol));
    assert.equal(e2.token, zeroAddress);
    assert.equal(e2.status, "funded");
    assert.equal(e2.total, String(parseEther("3.5")));
    assert.equal(e2.released, "0");
    assert.equal(e2.settledCount, 0);
    assert.equal(e2.openDisputes, 1);
    assert.equal(e2.fundedTx, facts.fundTx["2"]);
    assert.equal(e2.updatedAt, ts(facts.tx["dispute:2:1"]));
    assert.deepEqual(
      e2.milestones.items.map((m: any) => [m.index, m.amount, m.status, m.deliverable, m.submittedTx, m.onTime, m.fee, m.payout]),
      [
        [0, String(parseEther("1")), "submitted", null, facts.submittedTx["2:0"], true, null, null],
        [1, String(parseEther("2.5")), "disputed", null, null, null, null, null],
      ],
    );

    // "My escrows": either side of the deal, one query.
    const mine = await gql(url, ESCROWS_BY_PARTY, { where: { OR: [{ client: alice }, { freelancer: alice }] } });
    assert.deepEqual(
      mine.escrows.items.map((e: any) => [e.id, e.status, e.milestones.items.length]),
      [
        [`${CHAIN}:4`, "completed", 3],
        [`${CHAIN}:3`, "cancelled", 1],
        [`${CHAIN}:2`, "funded", 2],
        [`${CHAIN}:1`, "completed", 2],
      ],
    );

    // A milestone points back at its escrow; the single-row query works by primary key.
    const one = await gql(url, `query($id: String!) { milestone(id: $id) { status escrow { id status } } escrow(id: "${CHAIN}:99") { id } }`, {
      id: `${CHAIN}:1:1`,
    });
    assert.deepEqual(one, { milestone: { status: "released", escrow: { id: `${CHAIN}:1`, status: "completed" } }, escrow: null });
  });

  test("fee flows, withdrawals and contract settings over GraphQL", async () => {
    const { url, chain, facts } = ctx();
    const feeRecipient = facts.feeSplitter;
    const data = await gql(url, `{
      feeFlows(orderBy: "id", limit: 100) { totalCount items { id chainId escrowId milestoneIndex token amount recipient txHash } }
      withdrawals(orderBy: "id", limit: 100) { items { id chainId account token amount txHash } }
      escrowContracts { items { id chainId address feeRecipient platformFeeBps feeDiscountSource paused } }
      adminActions(orderBy: "id", limit: 1000) { items { contract action actor txHash } }
    }`);
    // Every payout with a fee (release, claim, ruling, settlement) credited the fee recipient once.
    const tokens = tokenOf(facts);
    const paid = facts.logs.filter((l) => ["MilestoneReleased", "DisputeRuled", "MilestoneSettled"].includes(l.eventName) && l.args.fee > 0n);
    assert.equal(paid.length, 6, "2 approvals, a ruling, 2 settlements and a claim, all with fees");
    const byId = (rows: { id: string }[]) => [...rows].sort((a, b) => (a.id < b.id ? -1 : 1));
    assert.deepEqual(
      data.feeFlows.items,
      byId(
        paid.map((l) => ({
          id: `${CHAIN}:${l.args.escrowId}:${l.args.index}`,
          chainId: CHAIN,
          escrowId: String(l.args.escrowId),
          milestoneIndex: Number(l.args.index),
          token: tokens.get(l.args.escrowId),
          amount: String(l.args.fee),
          recipient: lower(feeRecipient),
          txHash: l.tx,
        })),
      ),
    );
    assert.equal(data.feeFlows.totalCount, 6);

    // Every credit was withdrawn: per token, withdrawals add up to what the settled milestones paid out.
    assert.equal(facts.withdrawals.length, 6);
    assert.deepEqual(
      data.withdrawals.items,
      byId(
        facts.logs
          .filter((l) => l.eventName === "Withdrawn")
          .map((l) => ({ id: `${CHAIN}:${l.tx}:${l.logIndex}`, chainId: CHAIN, account: lower(l.args.account), token: lower(l.args.token), amount: String(l.args.amount), txHash: l.tx })),
      ),
    );
    for (const t of [lower(chain.token), zeroAddress]) {
      const settled = facts.logs
        .filter((l) => tokens.get(l.args.escrowId) === t)
        .reduce((s, l) => {
          if (l.eventName === "MilestoneReleased") return s + l.args.amount;
          if (l.eventName === "MilestoneRefunded") return s + l.args.amount;
          if (l.eventName === "DisputeRuled" || l.eventName === "MilestoneSettled") return s + l.args.fee + l.args.payout + l.args.refund;
          return s;
        }, 0n);
      const withdrawn = facts.withdrawals.filter((w) => lower(w.token) === t).reduce((s, w) => s + w.amount, 0n);
      assert.equal(withdrawn, settled, `${t}: withdrawn == settled`);
    }

    // The escrow's settings row and audit log agree with the chain: current settings read from
    // the contract, and one audit entry per administrative event it ever emitted.
    const read = (functionName: string) => chain.publicClient.readContract({ address: chain.escrow, abi: chain.abis.milestoneEscrowAbi as Abi, functionName });
    const [chainRecipient, chainFeeBps, chainPaused, chainSource] = await Promise.all([read("feeRecipient"), read("platformFeeBps"), read("paused"), read("feeDiscountSource")]);
    assert.equal(lower(chainRecipient as string), lower(feeRecipient), "the local deployment credits fees to the DAO's FeeSplitter");
    assert.equal(chainSource, zeroAddress, "the history switched the discount source off again");
    assert.deepEqual(
      data.escrowContracts.items.filter((c: any) => c.address === lower(chain.escrow)),
      [
        {
          id: `${CHAIN}:${lower(chain.escrow)}`,
          chainId: CHAIN,
          address: lower(chain.escrow),
          feeRecipient: lower(chainRecipient as string),
          platformFeeBps: Number(chainFeeBps),
          feeDiscountSource: null,
          paused: chainPaused,
        },
      ],
    );
    const ADMIN_EVENTS = new Set([
      "PlatformFeeUpdated",
      "FeeRecipientUpdated",
      "FeeDiscountSourceUpdated",
      "TokenAllowlistUpdated",
      "Paused",
      "Unpaused",
      "RoleGranted",
      "RoleRevoked",
      "RoleAdminChanged",
    ]);
    const logs = await chain.publicClient.getLogs({ address: chain.escrow, fromBlock: 0n, toBlock: "latest" });
    const adminLogs = logs
      .map((log) => ({ log, ev: decodeEventLog({ abi: chain.abis.milestoneEscrowAbi, data: log.data, topics: log.topics }) }))
      .filter(({ ev }) => ADMIN_EVENTS.has(ev.eventName));
    assert.ok(adminLogs.some(({ ev }) => ev.eventName === "FeeRecipientUpdated"), "the constructor sets the fee recipient");
    assert.deepEqual(
      data.adminActions.items
        .filter((a: any) => a.contract === lower(chain.escrow))
        .map((a: any) => [a.txHash, a.action])
        .sort(),
      adminLogs.map(({ log, ev }) => [log.transactionHash, ev.eventName]).sort(),
    );
  });

  test("SQL over HTTP (@ponder/client) serves the same rows", async () => {
    const { url, chain, facts } = ctx();
    const client = createClient(`${url}/sql`, { schema });
    const rows = await client.db
      .select({
        id: schema.escrow.id,
        status: schema.escrow.status,
        released: schema.escrow.released,
        refunded: schema.escrow.refunded,
        total: schema.escrow.total,
        feeBps: schema.escrow.feeBps,
      })
      .from(schema.escrow)
      .where(eq(schema.escrow.chainId, CHAIN))
      .orderBy(asc(schema.escrow.escrowId));
    const r40 = split(100_000_000n, 4_000n, chain.feeBps);
    const s70 = split(200_000_000n, 7_000n, chain.feeBps);
    const s25 = split(parseEther("1"), 2_500n, chain.feeBps);
    assert.deepEqual(rows, [
      { id: `${CHAIN}:1`, status: "completed", released: 350_000_005n, refunded: 0n, total: 350_000_005n, feeBps: 1000 },
      { id: `${CHAIN}:2`, status: "funded", released: 0n, refunded: 0n, total: parseEther("3.5"), feeBps: 1000 },
      { id: `${CHAIN}:3`, status: "cancelled", released: 0n, refunded: 0n, total: 5_000_000n, feeBps: 1000 },
      {
        id: `${CHAIN}:4`,
        status: "completed",
        released: 600_000_001n - r40.refund - s70.refund,
        refunded: r40.refund + s70.refund,
        total: 600_000_001n,
        feeBps: 1000,
      },
      { id: `${CHAIN}:5`, status: "closed", released: parseEther("1") - s25.refund, refunded: s25.refund + parseEther("2"), total: parseEther("3"), feeBps: 1000 },
      // ceil(1000 * (10000 - 2500) / 10000)
      { id: `${CHAIN}:6`, status: "created", released: 0n, refunded: 0n, total: 42_000_000n, feeBps: 750 },
    ]);

    const milestones = await client.db
      .select()
      .from(schema.milestone)
      .where(and(eq(schema.milestone.chainId, CHAIN), eq(schema.milestone.escrowId, 1n)))
      .orderBy(asc(schema.milestone.index));
    assert.deepEqual(
      milestones.map((m) => [m.index, m.status, m.amount, m.fee, m.payout, m.fee! + m.payout!]),
      [
        [0, "released", 100_000_000n, 10_000_000n, 90_000_000n, 100_000_000n],
        [1, "released", 250_000_005n, 25_000_001n, 225_000_004n, 250_000_005n],
      ],
    );

    const fees = await client.db.select().from(schema.feeFlow).where(eq(schema.feeFlow.escrowId, 1n)).orderBy(asc(schema.feeFlow.milestoneIndex));
    // Credited to the escrow's fee recipient: the DAO's FeeSplitter.
    assert.deepEqual(fees.map((f) => [f.chainId, f.escrowId, f.milestoneIndex, f.amount, f.recipient]), [
      [CHAIN, 1n, 0, 10_000_000n, lower(facts.feeSplitter)],
      [CHAIN, 1n, 1, 25_000_001n, lower(facts.feeSplitter)],
    ]);

    // Relational query (what a client gets from `db.query`): escrow → milestones, disputes.
    const nested = await client.db.query.escrow.findFirst({
      where: (e, { eq }) => eq(e.id, `${CHAIN}:2`),
      with: { milestones: { orderBy: (m, { asc }) => [asc(m.index)] }, disputes: true },
    });
    assert.deepEqual(nested?.milestones.map((m) => m.status), ["submitted", "disputed"]);
    assert.deepEqual(nested?.disputes.map((d) => [d.index, d.status]), [[1, "open"]]);
  });

  test("REST: GET /escrows/:chainId/:escrowId", async () => {
    const { url } = ctx();
    const res = await fetch(`${url}/escrows/${CHAIN}/1`);
    assert.equal(res.status, 200);
    const body = (await res.json()) as any;
    assert.equal(body.id, `${CHAIN}:1`);
    assert.equal(body.status, "completed");
    assert.equal(body.released, "350000005");
    assert.deepEqual(body.milestones.map((m: any) => [m.index, m.fee, m.payout, m.settledBy]), [
      [0, "10000000", "90000000", "approval"],
      [1, "25000001", "225000004", "approval"],
    ]);
    assert.deepEqual(body.disputes, []);
    assert.deepEqual(
      body.timeline.map((e: any) => [e.kind, e.milestoneIndex]),
      [
        ["EscrowCreated", null],
        ["EscrowFunded", null],
        ["MilestoneSubmitted", 0],
        ["MilestoneReleased", 0],
        ["MilestoneSubmitted", 1],
        ["MilestoneReleased", 1],
        ["EscrowCompleted", null],
        ["JobRated", null],
      ],
    );
    await expectJsonError(await fetch(`${url}/escrows/${CHAIN}/999`), 404, /No escrow 999/);
    await expectJsonError(await fetch(`${url}/escrows/${CHAIN}/one`), 400, /Invalid escrow id/);
    await expectJsonError(await fetch(`${url}/escrows/ethereum/1`), 400, /Invalid chain id/);
  });
}

// ───────────────────────────── a dense history ─────────────────────────────

export interface DenseHistory {
  escrows: number;
  /** Events of the escrow contract, from the receipts. */
  events: number;
  /** Events by name, from the receipts. */
  eventCounts: Record<string, number>;
  transactions: number;
  firstBlock: bigint;
  lastBlock: bigint;
  /** The last transaction (a withdrawal): once it is served, the whole history is. */
  lastTx: Hash;
}

/** Seconds between two blocks of the dense history: one review period, so a claim may follow a submission. */
const DENSE_BLOCK_TIME = 3_601;

/**
 * Many escrows through their whole lifecycle, packed into blocks with automine off, one hour apart:
 * each escrow is created in one block, funded in the next, delivered in the third, settled in the
 * fourth and rated in the fifth (pipelined, so every block mixes all steps across escrows). Every
 * 4th escrow is in the native coin; every 9th is cancelled instead of funded; every 5th has its
 * second milestone disputed by the client instead of delivered, then ruled by the arbiter (#5) at
 * a split that varies from escrow to escrow; every 7th stops after its first delivery; of the
 * others, every 3rd has its second milestone claimed by the freelancer after the review period
 * rather than approved. Every other completed escrow is rated. At the end everyone with credits
 * (freelancers, clients refunded by rulings) withdraws, and #0 makes the fee recipient (the DAO's
 * FeeSplitter) collect its credits. Every fee row depends on contract state a handler reads back
 * (the fee recipient, written at deployment). Clients and
 * freelancers are accounts #6–#15, never the standard history's nor the arbiter.
 */
export async function sendDenseHistory(chain: TestChain, options: { escrows: number; perBlock: number }): Promise<DenseHistory> {
  const { publicClient, testClient } = chain;
  const abi = chain.abis.milestoneEscrowAbi as Abi;
  const tokenAbi = chain.abis.demoStablecoinAbi as Abi;
  // #0 sends the FeeSplitter's `collect` calls (anyone may).
  const collector = chain.accounts[0]!;
  const feeRecipient = (await publicClient.readContract({ address: chain.escrow, abi, functionName: "feeRecipient" })) as Address;
  const splitterAbi = chain.abis.feeSplitterAbi as Abi;
  const arbiter = chain.accounts[5]!;
  const clients = chain.accounts.slice(6, 11);
  const freelancers = chain.accounts.slice(11, 16);
  const nonces = new Map<Address, number>();
  for (const a of [collector, arbiter, ...clients, ...freelancers]) nonces.set(a, await publicClient.getTransactionCount({ address: a, blockTag: "pending" }));

  let transactions = 0;
  let events = 0;
  const eventCounts: Record<string, number> = {};
  let firstBlock: bigint | undefined;
  let lastBlock = 0n;
  let lastTx: Hash = zeroHash;

  /** Sends `calls` into the pending block, mines it an hour after the last, checks every receipt; returns the logs. */
  const mineBlock = async (calls: (Call & { from: Address })[]) => {
    const hashes: Hash[] = [];
    for (const call of calls) {
      const nonce = nonces.get(call.from)!;
      nonces.set(call.from, nonce + 1);
      hashes.push(
        (await publicClient.request({
          method: "eth_sendTransaction" as never,
          params: [
            {
              from: call.from,
              to: call.to,
              data: encodeFunctionData({ abi: call.abi, functionName: call.functionName, args: call.args ?? [] } as never),
              gas: toHex(600_000),
              nonce: toHex(nonce),
              ...(call.value ? { value: toHex(call.value) } : {}),
            },
          ] as never,
        })) as Hash,
      );
    }
    await testClient.request({ method: "evm_increaseTime", params: [DENSE_BLOCK_TIME] } as never);
    await mineBlocks(chain, 1);
    const receipts = await Promise.all(hashes.map((hash) => publicClient.getTransactionReceipt({ hash })));
    const decoded = [];
    for (const [i, receipt] of receipts.entries()) {
      assert.equal(receipt.status, "success", `dense history: ${calls[i]!.functionName} reverted in block ${receipt.blockNumber}`);
      firstBlock ??= receipt.blockNumber;
      lastBlock = receipt.blockNumber;
      lastTx = receipt.transactionHash;
      for (const log of receipt.logs) {
        if (lower(log.address) !== lower(chain.escrow)) continue;
        events++;
        const ev = decodeEventLog({ abi: chain.abis.milestoneEscrowAbi, data: log.data, topics: log.topics });
        eventCounts[ev.eventName] = (eventCounts[ev.eventName] ?? 0) + 1;
        decoded.push(ev);
      }
    }
    transactions += calls.length;
    return decoded;
  };

  await testClient.setAutomine(false);
  try {
    // Every client holds tokens and allows the escrow to pull them.
    await mineBlock(
      clients.flatMap((c) => [
        { from: c, to: chain.token, abi: tokenAbi, functionName: "mint", args: [c, 10n ** 15n] },
        { from: c, to: chain.token, abi: tokenAbi, functionName: "approve", args: [chain.escrow, 10n ** 15n] },
      ]),
    );

    interface Planned {
      n: number;
      client: Address;
      freelancer: Address;
      native: boolean;
      amounts: [bigint, bigint];
      /** What happens to milestone 1. */
      path: "cancelled" | "disputed" | "stalled" | "claimed" | "approved";
      id?: bigint;
    }
    const planned: Planned[] = Array.from({ length: options.escrows }, (_, n) => {
      const native = n % 4 === 3;
      const unit = native ? 10n ** 12n : 1n;
      const path = n % 9 === 8 ? "cancelled" : n % 5 === 1 ? "disputed" : n % 7 === 6 ? "stalled" : n % 3 === 2 ? "claimed" : "approved";
      return {
        n,
        client: clients[n % clients.length]!,
        freelancer: freelancers[(n * 3 + 1) % freelancers.length]!,
        native,
        amounts: [(1_000_000n + BigInt(n) * 7n) * unit, (2_500_003n + BigInt(n) * 11n) * unit],
        path,
      };
    });
    const batches: Planned[][] = [];
    for (let i = 0; i < planned.length; i += options.perBlock) batches.push(planned.slice(i, i + options.perBlock));
    // Due far beyond the history's end (one hour per block).
    const due = Number((await chainTime(chain)) + BigInt((batches.length + 10) * DENSE_BLOCK_TIME) + 30n * DAY);

    const escrowCall = (from: Address, functionName: string, args: readonly unknown[], value?: bigint) => ({ from, to: chain.escrow, abi, functionName, args, value });
    for (let step = 0; step < batches.length + 4; step++) {
      const calls: (Call & { from: Address })[] = [];
      // Step k: create batch k, fund batch k-1, deliver batch k-2, settle batch k-3, rate batch k-4.
      for (const e of batches[step] ?? []) {
        const milestones = e.amounts.map((amount) => ({ amount, dueDate: due }));
        calls.push(escrowCall(e.client, "createEscrow", [e.freelancer, e.native ? zeroAddress : chain.token, milestones, 3_600, 3_600]));
      }
      for (const e of batches[step - 1] ?? []) {
        if (e.path === "cancelled") calls.push(escrowCall(e.client, "cancelEscrow", [e.id!]));
        else calls.push(escrowCall(e.client, "fundEscrow", [e.id!], e.native ? e.amounts[0] + e.amounts[1] : undefined));
      }
      for (const e of batches[step - 2] ?? []) {
        if (e.path === "cancelled") continue;
        calls.push(escrowCall(e.freelancer, "submitMilestone", [e.id!, 0n, keccak256(toHex(`dense ${e.n}`))]));
        if (e.path === "disputed") calls.push(escrowCall(e.client, "openDispute", [e.id!, 1n, keccak256(toHex(`dispute ${e.n}`))]));
        else if (e.path !== "stalled") calls.push(escrowCall(e.freelancer, "submitMilestone", [e.id!, 1n, zeroHash]));
      }
      for (const e of batches[step - 3] ?? []) {
        if (e.path === "cancelled" || e.path === "stalled") continue;
        calls.push(escrowCall(e.client, "approveMilestone", [e.id!, 0n]));
        if (e.path === "disputed") calls.push(escrowCall(arbiter, "resolveDispute", [e.id!, 1n, (e.n * 1_237) % 10_001]));
        else if (e.path === "claimed") calls.push(escrowCall(e.freelancer, "claimMilestone", [e.id!, 1n]));
        else calls.push(escrowCall(e.client, "approveMilestone", [e.id!, 1n]));
      }
      for (const e of batches[step - 4] ?? []) {
        if (e.path === "cancelled" || e.path === "stalled" || e.n % 2 === 1) continue;
        calls.push(escrowCall(e.client, "rateJob", [e.id!, 1 + (e.n % 5)]));
      }
      const logs = await mineBlock(calls);
      for (const ev of logs) {
        if (ev.eventName !== "EscrowCreated") continue;
        const args = ev.args as { escrowId: bigint; client: Address; milestones: readonly { amount: bigint }[] };
        const e = (batches[step] ?? []).find((p) => lower(p.client) === lower(args.client) && p.amounts[0] === args.milestones[0]!.amount);
        assert.ok(e, `unplanned escrow ${args.escrowId}`);
        e.id = args.escrowId;
      }
    }
    // Everyone with credits pulls them: freelancers and clients in both currencies, the fee
    // recipient (the FeeSplitter, through its `collect`).
    const withdrawals: (Call & { from: Address })[] = [];
    for (const account of [...freelancers, ...clients, feeRecipient]) {
      for (const token of [chain.token, zeroAddress]) {
        const credit = (await publicClient.readContract({ address: chain.escrow, abi, functionName: "credits", args: [token, account] })) as bigint;
        if (credit === 0n) continue;
        withdrawals.push(
          account === feeRecipient
            ? { from: collector, to: feeRecipient, abi: splitterAbi, functionName: "collect", args: [chain.escrow, token] }
            : escrowCall(account, "withdraw", [token]),
        );
      }
    }
    assert.ok(withdrawals.length >= freelancers.length, "every freelancer earned something");
    await mineBlock(withdrawals);
  } finally {
    await testClient.setAutomine(true);
  }
  return { escrows: options.escrows, events, eventCounts, transactions, firstBlock: firstBlock!, lastBlock, lastTx };
}
