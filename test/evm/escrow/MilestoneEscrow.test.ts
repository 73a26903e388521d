/**
 * MilestoneEscrow end to end through viem, the way the SPA and the indexer see it: deployed by the
 * standalone Escrow Ignition module (with a plain account as admin, so admin calls are direct;
 * the multisig-administered wiring is tested in test/evm/multisig/Protocol.test.ts), driven by
 * several wallets, checked by the events it emits and by the custom error names its reverts
 * decode to. Settlement offers are signed with viem's `signTypedData`, as a browser wallet signs them.
 */
import assert from "node:assert/strict";
import { before, beforeEach, describe, it } from "node:test";
import { network } from "hardhat";
import { getAddress, hashTypedData, keccak256, parseEventLogs, toHex, zeroAddress, type Address, type Hex } from "viem";
import { SETTLEMENT_TYPES, settlementDomain } from "../../../generated/typedData.ts";
import EscrowModule from "../../../scripts/deploy/ignition/modules/Escrow.ts";
import { revertName } from "../../shared/revertName.ts";

// `network.connect()` is deprecated in Hardhat 3.18: `create()` opens a fresh in-process chain.
const { viem, ignition, networkHelpers } = await network.create();

const FEE_BPS = 1_000; // 10%, the seed fee
const NATIVE = zeroAddress;
const DAY = 24 * 60 * 60;
const REVIEW = 3 * DAY;
const GRACE = 7 * DAY;
const ESCROW_STATUS = { None: 0, Created: 1, Funded: 2, Completed: 3, Cancelled: 4, Closed: 5 } as const;
const MILESTONE_STATUS = { Pending: 0, Submitted: 1, Released: 2, Disputed: 3, Refunded: 4, Resolved: 5 } as const;
const ARBITER_ROLE = keccak256(toHex("ARBITER_ROLE"));
const usd = (whole: bigint) => whole * 10n ** 6n; // dUSD has 6 decimals
const ref = (n: number) => `0x${n.toString(16).padStart(64, "0")}` as const;
const ceilFee = (amount: bigint, bps: number) => (amount * BigInt(bps) + 9_999n) / 10_000n;

async function deployEscrow() {
  const [admin, treasury, alice, bob, carol, dave, mallory, arbiter] = await viem.getWalletClients();
  const demoStablecoin = await viem.deployContract("DemoStablecoin", ["Demo USD", "dUSD"]);
  const { milestoneEscrow } = await ignition.deploy(EscrowModule, {
    parameters: {
      Escrow: {
        admin: admin.account.address,
        feeRecipient: treasury.account.address,
        feeBps: FEE_BPS,
        allowedTokens: [NATIVE, demoStablecoin.address],
      },
    },
  });
  await milestoneEscrow.write.grantRole([ARBITER_ROLE, arbiter.account.address], { account: admin.account });
  return { escrow: milestoneEscrow, token: demoStablecoin, admin, treasury, alice, bob, carol, dave, mallory, arbiter };
}

type Fixture = Awaited<ReturnType<typeof deployEscrow>>;

describe("MilestoneEscrow (viem, Ignition Escrow module)", () => {
  let f: Fixture;
  let publicClient: Awaited<ReturnType<typeof viem.getPublicClient>>;
  let chainId: number;

  before(async () => {
    publicClient = await viem.getPublicClient();
    chainId = await publicClient.getChainId();
  });

  beforeEach(async () => {
    f = await networkHelpers.loadFixture(deployEscrow);
  });

  const now = async () => Number((await publicClient.getBlock()).timestamp);
  /** Milestone terms due 10, 20, ... days from the latest block. */
  const terms = async (amounts: bigint[]) => {
    const t = await now();
    return amounts.map((amount, i) => ({ amount, dueDate: t + (i + 1) * 10 * DAY }));
  };
  const eventsOf = async (hash: Promise<Hex>) =>
    parseEventLogs({ abi: f.escrow.abi, logs: (await publicClient.waitForTransactionReceipt({ hash: await hash })).logs });

  /** alice hires bob for `amounts` of native coin, funded. */
  async function nativeJob(amounts: bigint[]) {
    const { escrow, alice, bob } = f;
    await escrow.write.createEscrow([bob.account.address, NATIVE, await terms(amounts), REVIEW, GRACE], { account: alice.account });
    const id = await escrow.read.escrowCount();
    await escrow.write.fundEscrow([id], { account: alice.account, value: amounts.reduce((a, b) => a + b, 0n) });
    return id;
  }

  /** `signer`'s settlement offer, signed as a wallet signs typed data, with its current nonce. */
  async function offer(signer: Fixture["alice"], escrowId: bigint, index: bigint, freelancerBps: number, deadline: bigint) {
    const nonce = await f.escrow.read.nonces([signer.account.address]);
    const message = { escrowId, index, freelancerBps, nonce, deadline };
    const domain = settlementDomain(chainId, f.escrow.address);
    const signature = await signer.signTypedData({ domain, types: SETTLEMENT_TYPES, primaryType: "Settlement", message });
    return { signature, digest: hashTypedData({ domain, types: SETTLEMENT_TYPES, primaryType: "Settlement", message }), nonce };
  }

  it("deploys through the Escrow module with the given admin, fee, fee recipient and allowlist", async () => {
    const { escrow, token, admin, treasury, arbiter } = f;
    assert.equal(await escrow.read.platformFeeBps(), FEE_BPS);
    assert.equal(getAddress(await escrow.read.feeRecipient()), getAddress(treasury.account.address));
    assert.equal(await escrow.read.hasRole([await escrow.read.DEFAULT_ADMIN_ROLE(), admin.account.address]), true);
    assert.equal(await escrow.read.hasRole([ARBITER_ROLE, admin.account.address]), false, "the admin is no arbiter");
    assert.equal(await escrow.read.hasRole([ARBITER_ROLE, arbiter.account.address]), true);
    assert.equal(await escrow.read.isTokenAllowed([NATIVE]), true);
    assert.equal(await escrow.read.isTokenAllowed([token.address]), true);
    assert.equal(await escrow.read.escrowCount(), 0n);
    const [, name, version, domainChainId, verifyingContract] = await escrow.read.eip712Domain();
    assert.deepEqual([name, version, Number(domainChainId), getAddress(verifyingContract)], ["Worx MilestoneEscrow", "1", chainId, getAddress(escrow.address)]);
    assert.equal(await escrow.read.MIN_PERIOD(), 3_600);
  });

  it("runs a full ERC-20 lifecycle with several accounts, emits every event and records the work history", async () => {
    const { escrow, token, treasury, alice, bob } = f;
    const client = getAddress(alice.account.address);
    const freelancer = getAddress(bob.account.address);
    const amounts = [usd(100n), usd(250n), 1n];
    const total = amounts.reduce((a, b) => a + b, 0n);
    const milestones = await terms(amounts);

    await token.write.mint([client, total]);
    await token.write.approve([escrow.address, total], { account: alice.account });
    await viem.assertions.emitWithArgs(
      escrow.write.createEscrow([freelancer, token.address, milestones, REVIEW, GRACE], { account: alice.account }),
      escrow,
      "EscrowCreated",
      [1n, client, freelancer, getAddress(token.address), milestones, total, FEE_BPS, REVIEW, GRACE],
    );
    await viem.assertions.emitWithArgs(escrow.write.fundEscrow([1n], { account: alice.account }), escrow, "EscrowFunded", [1n, client, total]);
    assert.equal(await token.read.balanceOf([escrow.address]), total);
    assert.equal(await escrow.read.heldBalance([token.address]), total);

    let feeSum = 0n;
    for (const [index, amount] of amounts.entries()) {
      const i = BigInt(index);
      await viem.assertions.emitWithArgs(
        escrow.write.submitMilestone([1n, i, ref(index + 1)], { account: bob.account }),
        escrow,
        "MilestoneSubmitted",
        [1n, i, ref(index + 1), true],
      );
      const fee = ceilFee(amount, FEE_BPS);
      feeSum += fee;
      await viem.assertions.emitWithArgs(escrow.write.approveMilestone([1n, i], { account: alice.account }), escrow, "MilestoneReleased", [
        1n,
        i,
        freelancer,
        amount,
        fee,
        amount - fee,
        false,
      ]);
    }
    // The 1-unit milestone pays a whole unit of fee: rounding never favours the payee.
    assert.equal(feeSum, usd(10n) + usd(25n) + 1n);

    const state = await escrow.read.getEscrow([1n]);
    assert.equal(state.status, ESCROW_STATUS.Completed);
    assert.equal(state.released, total);
    assert.equal(state.settledCount, 3);
    assert.deepEqual((await escrow.read.getMilestones([1n])).map((m) => m.status), Array(3).fill(MILESTONE_STATUS.Released));

    await viem.assertions.emitWithArgs(escrow.write.rateJob([1n, 5], { account: alice.account }), escrow, "JobRated", [1n, freelancer, 5]);
    const stats = await escrow.read.freelancerStats([freelancer]);
    assert.deepEqual(
      [stats.completedJobs, stats.milestonesDelivered, stats.milestonesOnTime, stats.ratingCount, stats.ratingSum],
      [1, 3, 3, 1, 5],
    );
    assert.equal(await escrow.read.earned([freelancer, token.address]), total - feeSum);

    await viem.assertions.emitWithArgs(escrow.write.withdraw([token.address], { account: bob.account }), escrow, "Withdrawn", [
      freelancer,
      getAddress(token.address),
      total - feeSum,
    ]);
    await escrow.write.withdraw([token.address], { account: treasury.account });
    assert.equal(await token.read.balanceOf([freelancer]), total - feeSum);
    assert.equal(await token.read.balanceOf([treasury.account.address]), feeSum);
    assert.equal(await token.read.balanceOf([escrow.address]), 0n);
    assert.equal(await escrow.read.heldBalance([token.address]), 0n);
  });

  it("lets the freelancer claim exactly when the review period ends, not a second before", async () => {
    const { escrow, alice, bob } = f;
    const id = await nativeJob([1_000n]);
    const submitted = await eventsOf(escrow.write.submitMilestone([id, 0n, ref(1)], { account: bob.account }));
    assert.equal(submitted[0]?.eventName, "MilestoneSubmitted");
    const claimableAt = (await escrow.read.getMilestone([id, 0n])).submittedAt + REVIEW;

    await networkHelpers.time.setNextBlockTimestamp(claimableAt - 1);
    await viem.assertions.revertWithCustomErrorWithArgs(
      escrow.write.claimMilestone([id, 0n], { account: bob.account }),
      escrow,
      "ReviewPeriodNotOver",
      [id, 0n, BigInt(claimableAt)],
    );
    await networkHelpers.time.setNextBlockTimestamp(claimableAt);
    const events = await eventsOf(escrow.write.claimMilestone([id, 0n], { account: bob.account }));
    assert.deepEqual(events.map((e) => e.eventName), ["MilestoneReleased", "EscrowCompleted"]);
    assert.equal((events[0]?.args as { claimed: boolean }).claimed, true);
    assert.equal(await revertName(escrow.write.approveMilestone([id, 0n], { account: alice.account })), "InvalidEscrowStatus");
  });

  it("lets the client reclaim an undelivered milestone after due date + grace, closing the job", async () => {
    const { escrow, alice, bob } = f;
    const id = await nativeJob([1_000n, 2_000n]);
    await escrow.write.submitMilestone([id, 0n, ref(1)], { account: bob.account });
    await escrow.write.approveMilestone([id, 0n], { account: alice.account });
    const reclaimableAt = (await escrow.read.getMilestone([id, 1n])).dueDate + GRACE;

    await networkHelpers.time.setNextBlockTimestamp(reclaimableAt - 1);
    assert.equal(await revertName(escrow.write.reclaimMilestone([id, 1n], { account: alice.account })), "GracePeriodNotOver");
    await networkHelpers.time.setNextBlockTimestamp(reclaimableAt);
    const events = await eventsOf(escrow.write.reclaimMilestone([id, 1n], { account: alice.account }));
    assert.deepEqual(events.map((e) => e.eventName), ["MilestoneRefunded", "EscrowClosed"]);
    assert.equal((await escrow.read.getEscrow([id])).status, ESCROW_STATUS.Closed);
    assert.equal(await escrow.read.credits([NATIVE, alice.account.address]), 2_000n);
    const stats = await escrow.read.freelancerStats([bob.account.address]);
    assert.deepEqual([stats.completedJobs, stats.milestonesReclaimed], [0, 1]);
  });

  it("has the arbiter rule a dispute as a split, never a party and never without the role", async () => {
    const { escrow, admin, treasury, alice, bob, arbiter } = f;
    const id = await nativeJob([1_001n]);
    await viem.assertions.emitWithArgs(
      escrow.write.openDispute([id, 0n, ref(9)], { account: bob.account }),
      escrow,
      "DisputeOpened",
      [id, 0n, getAddress(bob.account.address), ref(9)],
    );
    assert.equal((await escrow.read.getMilestone([id, 0n])).status, MILESTONE_STATUS.Disputed);

    await viem.assertions.revertWithCustomErrorWithArgs(
      escrow.write.resolveDispute([id, 0n, 5_000], { account: admin.account }),
      escrow,
      "AccessControlUnauthorizedAccount",
      [getAddress(admin.account.address), ARBITER_ROLE],
    );
    await escrow.write.grantRole([ARBITER_ROLE, alice.account.address], { account: admin.account });
    assert.equal(await revertName(escrow.write.resolveDispute([id, 0n, 5_000], { account: alice.account })), "ArbiterIsParty");
    assert.equal(await revertName(escrow.write.resolveDispute([id, 0n, 10_001], { account: arbiter.account })), "InvalidSplit");

    // gross = floor(1001 * 33.33%) = 333; fee = ceil(33.3) = 34; payout 299; refund 668.
    await viem.assertions.emitWithArgs(escrow.write.resolveDispute([id, 0n, 3_333], { account: arbiter.account }), escrow, "DisputeRuled", [
      id,
      0n,
      getAddress(arbiter.account.address),
      3_333,
      34n,
      299n,
      668n,
    ]);
    assert.equal(await escrow.read.credits([NATIVE, bob.account.address]), 299n);
    assert.equal(await escrow.read.credits([NATIVE, treasury.account.address]), 34n);
    assert.equal(await escrow.read.credits([NATIVE, alice.account.address]), 668n);
    const stats = await escrow.read.freelancerStats([bob.account.address]);
    assert.deepEqual([stats.disputesOpened, stats.disputesLost], [1, 1]);
  });

  it("settles a milestone on an offer signed with signTypedData; the signer's other offers die with it", async () => {
    const { escrow, alice, bob } = f;
    const id = await nativeJob([1_000n, 1_000n]);
    const deadline = BigInt((await now()) + DAY);
    const { signature, digest } = await offer(bob, id, 0n, 6_000, deadline);
    const other = await offer(bob, id, 1n, 6_000, deadline); // same nonce, the other milestone
    assert.equal(await escrow.read.settlementDigest([id, 0n, 6_000, 0n, deadline]), digest, "the SPA's digest is the contract's");

    await viem.assertions.emitWithArgs(
      escrow.write.settleMilestone([id, 0n, 6_000, deadline, signature], { account: alice.account }),
      escrow,
      "MilestoneSettled",
      [id, 0n, 6_000, 60n, 540n, 400n],
    );
    assert.equal(await escrow.read.nonces([bob.account.address]), 1n);
    assert.equal((await escrow.read.getMilestone([id, 0n])).status, MILESTONE_STATUS.Resolved);
    assert.equal(
      await revertName(escrow.write.settleMilestone([id, 1n, 6_000, deadline, other.signature], { account: alice.account })),
      "InvalidSettlementSignature",
    );
  });

  it("voids offers on revocation and after their deadline", async () => {
    const { escrow, alice, bob } = f;
    const id = await nativeJob([1_000n]);
    const deadline = BigInt((await now()) + DAY);
    const revoked = await offer(alice, id, 0n, 2_000, deadline);
    await viem.assertions.emitWithArgs(escrow.write.revokeSettlementOffers({ account: alice.account }), escrow, "SettlementOffersRevoked", [
      getAddress(alice.account.address),
      1n,
    ]);
    assert.equal(
      await revertName(escrow.write.settleMilestone([id, 0n, 2_000, deadline, revoked.signature], { account: bob.account })),
      "InvalidSettlementSignature",
    );

    const fresh = await offer(alice, id, 0n, 2_000, deadline);
    await networkHelpers.time.setNextBlockTimestamp(deadline + 1n);
    await viem.assertions.revertWithCustomErrorWithArgs(
      escrow.write.settleMilestone([id, 0n, 2_000, deadline, fresh.signature], { account: bob.account }),
      escrow,
      "SettlementExpired",
      [deadline],
    );
    assert.equal(await revertName(escrow.write.settleMilestone([id, 0n, 2_000, deadline, fresh.signature], { account: f.mallory.account })), "NotEscrowParty");
  });

  it("applies the fee-discount source at creation and fixes the discounted fee into the job", async () => {
    const { escrow, admin, alice, bob } = f;
    const source = await viem.deployContract("FeeDiscountSourceMock");
    await source.write.setDiscount([bob.account.address, 2_500]);
    await viem.assertions.emitWithArgs(escrow.write.setFeeDiscountSource([source.address], { account: admin.account }), escrow, "FeeDiscountSourceUpdated", [
      zeroAddress,
      getAddress(source.address),
    ]);
    const milestones = await terms([1_000n]);
    const events = await eventsOf(escrow.write.createEscrow([bob.account.address, NATIVE, milestones, REVIEW, GRACE], { account: alice.account }));
    assert.deepEqual(events.map((e) => e.eventName), ["EscrowCreated", "FeeDiscountApplied"]);
    assert.deepEqual(events[1]?.args, { escrowId: 1n, freelancer: getAddress(bob.account.address), baseFeeBps: FEE_BPS, discountBps: 2_500 });
    assert.equal((await escrow.read.getEscrow([1n])).feeBps, 750);

    // A broken source means no discount, never a blocked job.
    await source.write.setMode([1]);
    await escrow.write.createEscrow([bob.account.address, NATIVE, milestones, REVIEW, GRACE], { account: alice.account });
    assert.equal((await escrow.read.getEscrow([2n])).feeBps, FEE_BPS);
  });

  it("reverts with custom errors that decode by name and arguments", async () => {
    const { escrow, token, admin, alice, bob, mallory } = f;
    const milestones = await terms([100n]);
    await escrow.write.createEscrow([bob.account.address, NATIVE, milestones, REVIEW, GRACE], { account: alice.account });

    await viem.assertions.revertWithCustomErrorWithArgs(escrow.write.fundEscrow([1n], { account: mallory.account, value: 100n }), escrow, "NotEscrowParty", [
      1n,
      getAddress(mallory.account.address),
    ]);
    await viem.assertions.revertWithCustomErrorWithArgs(escrow.write.fundEscrow([1n], { account: alice.account, value: 99n }), escrow, "IncorrectNativeAmount", [
      100n,
      99n,
    ]);
    await viem.assertions.revertWithCustomErrorWithArgs(
      escrow.write.submitMilestone([1n, 0n, ref(1)], { account: bob.account }),
      escrow,
      "InvalidEscrowStatus",
      [1n, ESCROW_STATUS.Created],
    );
    await escrow.write.fundEscrow([1n], { account: alice.account, value: 100n });
    await viem.assertions.revertWithCustomErrorWithArgs(escrow.write.approveMilestone([1n, 0n], { account: alice.account }), escrow, "InvalidMilestoneStatus", [
      1n,
      0n,
      MILESTONE_STATUS.Pending,
    ]);
    await viem.assertions.revertWithCustomErrorWithArgs(escrow.write.submitMilestone([1n, 1n, ref(1)], { account: bob.account }), escrow, "MilestoneIndexOutOfRange", [
      1n,
      1n,
    ]);
    await viem.assertions.revertWithCustomErrorWithArgs(escrow.write.withdraw([token.address], { account: bob.account }), escrow, "NothingToWithdraw", [
      getAddress(bob.account.address),
      getAddress(token.address),
    ]);
    const t = await now();
    const cases: [Promise<unknown>, string][] = [
      [escrow.write.createEscrow([alice.account.address, NATIVE, milestones, REVIEW, GRACE], { account: alice.account }), "InvalidFreelancer"],
      [escrow.write.createEscrow([bob.account.address, NATIVE, [], REVIEW, GRACE], { account: alice.account }), "InvalidMilestoneCount"],
      [escrow.write.createEscrow([bob.account.address, mallory.account.address, milestones, REVIEW, GRACE], { account: alice.account }), "TokenNotAllowed"],
      [escrow.write.createEscrow([bob.account.address, NATIVE, milestones, 60, GRACE], { account: alice.account }), "InvalidReviewPeriod"],
      [escrow.write.createEscrow([bob.account.address, NATIVE, milestones, REVIEW, 91 * DAY], { account: alice.account }), "InvalidGracePeriod"],
      [escrow.write.createEscrow([bob.account.address, NATIVE, [{ amount: 0n, dueDate: t + DAY }], REVIEW, GRACE], { account: alice.account }), "InvalidMilestoneAmount"],
      [escrow.write.createEscrow([bob.account.address, NATIVE, [{ amount: 1n, dueDate: t }], REVIEW, GRACE], { account: alice.account }), "InvalidDueDate"],
      [escrow.write.openDispute([1n, 0n, ref(0)], { account: mallory.account }), "NotEscrowParty"],
      [escrow.write.rateJob([1n, 5], { account: alice.account }), "InvalidEscrowStatus"],
      [escrow.write.setPlatformFee([2_001], { account: admin.account }), "FeeAboveCap"],
      [escrow.write.setFeeRecipient([zeroAddress], { account: admin.account }), "InvalidFeeRecipient"],
      [escrow.write.setPlatformFee([1], { account: mallory.account }), "AccessControlUnauthorizedAccount"],
      [escrow.write.setTokenAllowed([mallory.account.address, true], { account: mallory.account }), "AccessControlUnauthorizedAccount"],
    ];
    for (const [call, name] of cases) assert.equal(await revertName(call), name);
    await viem.assertions.revertWithCustomError(escrow.read.getMilestones([9n]), escrow, "EscrowNotFound");

    // What a wallet UI gets from a failed simulation: the error's name from the escrow's ABI.
    assert.equal(await revertName(escrow.simulate.fundEscrow([1n], { account: alice.account.address, value: 100n })), "InvalidEscrowStatus");
  });

  it("rejects a token that takes a fee on transfer, by error name", async () => {
    const { escrow, admin, alice, bob } = f;
    const fot = await viem.deployContract("FeeOnTransferToken", [100n]);
    await escrow.write.setTokenAllowed([fot.address, true], { account: admin.account });
    await fot.write.mint([alice.account.address, 1_000n]);
    await fot.write.approve([escrow.address, 1_000n], { account: alice.account });
    await escrow.write.createEscrow([bob.account.address, fot.address, await terms([1_000n]), REVIEW, GRACE], { account: alice.account });
    await viem.assertions.revertWithCustomErrorWithArgs(escrow.write.fundEscrow([1n], { account: alice.account }), escrow, "InsufficientTokensReceived", [
      1_000n,
      990n,
    ]);
  });

  it("pause blocks only creating and funding; every action on held money goes on", async () => {
    const { escrow, admin, alice, bob, arbiter } = f;
    const id = await nativeJob([100n, 100n, 100n]);
    const milestones = await terms([1n]);
    await escrow.write.createEscrow([bob.account.address, NATIVE, milestones, REVIEW, GRACE], { account: alice.account });
    await viem.assertions.emitWithArgs(escrow.write.pause({ account: admin.account }), escrow, "Paused", [getAddress(admin.account.address)]);

    assert.equal(await revertName(escrow.write.createEscrow([bob.account.address, NATIVE, milestones, REVIEW, GRACE], { account: alice.account })), "EnforcedPause");
    assert.equal(await revertName(escrow.write.fundEscrow([id + 1n], { account: alice.account, value: 1n })), "EnforcedPause");

    await escrow.write.submitMilestone([id, 0n, ref(1)], { account: bob.account });
    await escrow.write.approveMilestone([id, 0n], { account: alice.account });
    await escrow.write.openDispute([id, 1n, ref(2)], { account: alice.account });
    await escrow.write.resolveDispute([id, 1n, 5_000], { account: arbiter.account });
    const deadline = BigInt((await now()) + DAY);
    const { signature } = await offer(bob, id, 2n, 10_000, deadline);
    await escrow.write.settleMilestone([id, 2n, 10_000, deadline, signature], { account: alice.account });
    await escrow.write.rateJob([id, 4], { account: alice.account });
    await escrow.write.cancelEscrow([id + 1n], { account: bob.account });
    await viem.assertions.balancesHaveChanged(escrow.write.withdraw([NATIVE], { account: bob.account }), [
      { address: bob.account.address, amount: 90n + 45n + 90n },
    ]);
    assert.equal((await escrow.read.getEscrow([id])).status, ESCROW_STATUS.Completed);

    await escrow.write.unpause({ account: admin.account });
    await escrow.write.createEscrow([bob.account.address, NATIVE, milestones, REVIEW, GRACE], { account: alice.account });
  });

  it("fixes the fee at creation and pays fees to whoever is the recipient at payout", async () => {
    const { escrow, admin, treasury, alice, bob, carol } = f;
    await escrow.write.createEscrow([bob.account.address, NATIVE, await terms([1_000n, 1_000n]), REVIEW, GRACE], { account: alice.account });
    await viem.assertions.emitWithArgs(escrow.write.setPlatformFee([2_000], { account: admin.account }), escrow, "PlatformFeeUpdated", [FEE_BPS, 2_000]);
    await escrow.write.fundEscrow([1n], { account: alice.account, value: 2_000n });
    await escrow.write.submitMilestone([1n, 0n, ref(1)], { account: bob.account });
    await escrow.write.approveMilestone([1n, 0n], { account: alice.account });

    const operations: Address = carol.account.address;
    await viem.assertions.emitWithArgs(escrow.write.setFeeRecipient([operations], { account: admin.account }), escrow, "FeeRecipientUpdated", [
      getAddress(treasury.account.address),
      getAddress(operations),
    ]);
    await escrow.write.submitMilestone([1n, 1n, ref(2)], { account: bob.account });
    await escrow.write.approveMilestone([1n, 1n], { account: alice.account });

    assert.equal(await escrow.read.credits([NATIVE, treasury.account.address]), 100n); // 10%, not 20%
    assert.equal(await escrow.read.credits([NATIVE, operations]), 100n);
    assert.equal(await escrow.read.credits([NATIVE, bob.account.address]), 1_800n);
  });
});
