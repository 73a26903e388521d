/**
 * MilestoneEscrow end to end through viem, the way the SPA and the indexer see it: deployed by the
 * standalone Escrow Ignition module (with a plain account as admin, so admin calls are direct;
 * the multisig-administered wiring is tested in test/evm/multisig/Protocol.test.ts), driven by
 * several wallets, checked by the events it emits and by the custom error names its reverts
 * decode to.
 */
import assert from "node:assert/strict";
import { before, beforeEach, describe, it } from "node:test";
import { network } from "hardhat";
import {
  BaseError,
  ContractFunctionRevertedError,
  getAddress,
  parseEventLogs,
  zeroAddress,
  type Address,
} from "viem";
import EscrowModule from "../../../scripts/deploy/ignition/modules/Escrow.ts";
import { revertName } from "../../shared/revertName.ts";

// `network.connect()` is deprecated in Hardhat 3.18: `create()` opens a fresh in-process chain.
const { viem, ignition, networkHelpers } = await network.create();

const FEE_BPS = 1_000; // 10%, the seed fee
const NATIVE = zeroAddress;
const ESCROW_STATUS = { None: 0, Created: 1, Funded: 2, Completed: 3, Cancelled: 4 } as const;
const MILESTONE_STATUS = { Pending: 0, Submitted: 1, Released: 2 } as const;
const usd = (whole: bigint) => whole * 10n ** 6n; // dUSD has 6 decimals
const deliverable = (n: number) => `0x${n.toString(16).padStart(64, "0")}` as const;
const ceilFee = (amount: bigint, bps: number) => (amount * BigInt(bps) + 9_999n) / 10_000n;

async function deployEscrow() {
  const [admin, treasury, alice, bob, carol, dave, mallory] = await viem.getWalletClients();
  const { milestoneEscrow } = await ignition.deploy(EscrowModule, {
    parameters: {
      Escrow: { admin: admin.account.address, feeRecipient: treasury.account.address, feeBps: FEE_BPS },
    },
  });
  const demoStablecoin = await viem.deployContract("DemoStablecoin", ["Demo USD", "dUSD"]);
  return { escrow: milestoneEscrow, token: demoStablecoin, admin, treasury, alice, bob, carol, dave, mallory };
}

type Fixture = Awaited<ReturnType<typeof deployEscrow>>;

describe("MilestoneEscrow (viem, Ignition Escrow module)", () => {
  let f: Fixture;
  let publicClient: Awaited<ReturnType<typeof viem.getPublicClient>>;

  before(async () => {
    publicClient = await viem.getPublicClient();
  });

  beforeEach(async () => {
    f = await networkHelpers.loadFixture(deployEscrow);
  });

  it("deploys through the Escrow module with the given admin, fee and fee recipient", async () => {
    const { escrow, token, admin, treasury } = f;
    assert.equal(await escrow.read.platformFeeBps(), FEE_BPS);
    assert.equal(getAddress(await escrow.read.feeRecipient()), getAddress(treasury.account.address));
    assert.equal(await escrow.read.hasRole([await escrow.read.DEFAULT_ADMIN_ROLE(), admin.account.address]), true);
    assert.equal(await escrow.read.escrowCount(), 0n);
    assert.equal(await token.read.decimals(), 6);
  });

  it("runs a full ERC-20 lifecycle with several accounts and emits every event", async () => {
    const { escrow, token, treasury, alice, bob } = f;
    const client = alice.account.address;
    const freelancer = bob.account.address;
    const amounts = [usd(100n), usd(250n), 1n];
    const total = amounts.reduce((a, b) => a + b, 0n);

    await token.write.mint([client, total]);
    await token.write.approve([escrow.address, total], { account: alice.account });

    await viem.assertions.emitWithArgs(
      escrow.write.createEscrow([freelancer, token.address, amounts], { account: alice.account }),
      escrow,
      "EscrowCreated",
      [1n, getAddress(client), getAddress(freelancer), getAddress(token.address), amounts, total, FEE_BPS],
    );
    await viem.assertions.emitWithArgs(
      escrow.write.fundEscrow([1n], { account: alice.account }),
      escrow,
      "EscrowFunded",
      [1n, getAddress(client), total],
    );
    assert.equal(await token.read.balanceOf([escrow.address]), total);
    assert.equal(await escrow.read.lockedBalance([token.address]), total);

    let feeSum = 0n;
    for (const [index, amount] of amounts.entries()) {
      const i = BigInt(index);
      await viem.assertions.emitWithArgs(
        escrow.write.submitMilestone([1n, i, deliverable(index + 1)], { account: bob.account }),
        escrow,
        "MilestoneSubmitted",
        [1n, i, deliverable(index + 1)],
      );
      const fee = ceilFee(amount, FEE_BPS);
      feeSum += fee;
      const approval = escrow.write.approveMilestone([1n, i], { account: alice.account });
      await viem.assertions.emitWithArgs(approval, escrow, "MilestoneReleased", [
        1n,
        i,
        getAddress(freelancer),
        amount,
        fee,
        amount - fee,
      ]);
    }
    // The 1-unit milestone pays a whole unit of fee: rounding never favours the payee.
    assert.equal(feeSum, usd(10n) + usd(25n) + 1n);

    const escrowState = await escrow.read.getEscrow([1n]);
    assert.equal(escrowState.status, ESCROW_STATUS.Completed);
    assert.equal(escrowState.released, total);
    assert.equal(escrowState.releasedCount, 3);
    const milestones = await escrow.read.getMilestones([1n]);
    assert.deepEqual(
      milestones.map((m) => m.status),
      [MILESTONE_STATUS.Released, MILESTONE_STATUS.Released, MILESTONE_STATUS.Released],
    );

    await viem.assertions.emitWithArgs(
      escrow.write.withdraw([token.address], { account: bob.account }),
      escrow,
      "Withdrawn",
      [getAddress(freelancer), getAddress(token.address), total - feeSum],
    );
    await viem.assertions.emitWithArgs(
      escrow.write.withdraw([token.address], { account: treasury.account }),
      escrow,
      "Withdrawn",
      [getAddress(treasury.account.address), getAddress(token.address), feeSum],
    );
    assert.equal(await token.read.balanceOf([freelancer]), total - feeSum);
    assert.equal(await token.read.balanceOf([treasury.account.address]), feeSum);
    assert.equal(await token.read.balanceOf([escrow.address]), 0n);
    assert.equal(await escrow.read.creditedBalance([token.address]), 0n);
  });

  it("emits EscrowCompleted only with the last release", async () => {
    const { escrow, alice, bob } = f;
    await escrow.write.createEscrow([bob.account.address, NATIVE, [1n, 2n]], { account: alice.account });
    await escrow.write.fundEscrow([1n], { account: alice.account, value: 3n });
    await escrow.write.submitMilestone([1n, 0n, deliverable(0)], { account: bob.account });
    await escrow.write.submitMilestone([1n, 1n, deliverable(0)], { account: bob.account });

    const first = await escrow.write.approveMilestone([1n, 1n], { account: alice.account });
    const firstReceipt = await publicClient.waitForTransactionReceipt({ hash: first });
    const firstEvents = parseEventLogs({ abi: escrow.abi, logs: firstReceipt.logs });
    assert.deepEqual(
      firstEvents.map((e) => e.eventName),
      ["MilestoneReleased"],
    );

    await viem.assertions.emitWithArgs(
      escrow.write.approveMilestone([1n, 0n], { account: alice.account }),
      escrow,
      "EscrowCompleted",
      [1n],
    );
  });

  it("keeps two native-coin escrows of different pairs apart and conserves the coin", async () => {
    const { escrow, treasury, alice, bob, carol, dave } = f;
    const one = 10n ** 18n;

    await escrow.write.createEscrow([bob.account.address, NATIVE, [one, 2n * one]], { account: alice.account });
    await escrow.write.createEscrow([dave.account.address, NATIVE, [5n * one]], { account: carol.account });

    await viem.assertions.balancesHaveChanged(
      escrow.write.fundEscrow([1n], { account: alice.account, value: 3n * one }),
      [
        { address: alice.account.address, amount: -3n * one },
        { address: escrow.address, amount: 3n * one },
      ],
    );
    await escrow.write.fundEscrow([2n], { account: carol.account, value: 5n * one });
    assert.equal(await publicClient.getBalance({ address: escrow.address }), 8n * one);

    await escrow.write.submitMilestone([2n, 0n, deliverable(7)], { account: dave.account });
    await escrow.write.approveMilestone([2n, 0n], { account: carol.account });
    await escrow.write.submitMilestone([1n, 1n, deliverable(8)], { account: bob.account });
    await escrow.write.approveMilestone([1n, 1n], { account: alice.account });

    const locked = await escrow.read.lockedBalance([NATIVE]);
    const credited = await escrow.read.creditedBalance([NATIVE]);
    assert.equal(locked, one); // escrow 1, milestone 0
    assert.equal(credited, 7n * one);
    assert.equal(await publicClient.getBalance({ address: escrow.address }), locked + credited);

    assert.equal(await escrow.read.credits([NATIVE, dave.account.address]), 4_500_000_000_000_000_000n);
    assert.equal(await escrow.read.credits([NATIVE, bob.account.address]), 1_800_000_000_000_000_000n);
    assert.equal(await escrow.read.credits([NATIVE, treasury.account.address]), 700_000_000_000_000_000n);

    await viem.assertions.balancesHaveChanged(escrow.write.withdraw([NATIVE], { account: dave.account }), [
      { address: dave.account.address, amount: 4_500_000_000_000_000_000n },
      { address: escrow.address, amount: -4_500_000_000_000_000_000n },
    ]);
    assert.equal(await escrow.read.credits([NATIVE, dave.account.address]), 0n);
    assert.equal(await escrow.read.credits([NATIVE, bob.account.address]), 1_800_000_000_000_000_000n);
  });

  it("reverts with custom errors that decode by name and arguments", async () => {
    const { escrow, token, admin, alice, bob, mallory } = f;
    await escrow.write.createEscrow([bob.account.address, NATIVE, [100n]], { account: alice.account });

    await viem.assertions.revertWithCustomErrorWithArgs(
      escrow.write.fundEscrow([1n], { account: mallory.account, value: 100n }),
      escrow,
      "NotEscrowParty",
      [1n, getAddress(mallory.account.address)],
    );
    await viem.assertions.revertWithCustomErrorWithArgs(
      escrow.write.fundEscrow([1n], { account: alice.account, value: 99n }),
      escrow,
      "IncorrectNativeAmount",
      [100n, 99n],
    );
    await viem.assertions.revertWithCustomErrorWithArgs(
      escrow.write.submitMilestone([1n, 0n, deliverable(1)], { account: bob.account }),
      escrow,
      "InvalidEscrowStatus",
      [1n, ESCROW_STATUS.Created],
    );
    await escrow.write.fundEscrow([1n], { account: alice.account, value: 100n });
    await viem.assertions.revertWithCustomErrorWithArgs(
      escrow.write.approveMilestone([1n, 0n], { account: alice.account }),
      escrow,
      "InvalidMilestoneStatus",
      [1n, 0n, MILESTONE_STATUS.Pending],
    );
    await viem.assertions.revertWithCustomErrorWithArgs(
      escrow.write.submitMilestone([1n, 1n, deliverable(1)], { account: bob.account }),
      escrow,
      "MilestoneIndexOutOfRange",
      [1n, 1n],
    );
    await viem.assertions.revertWithCustomErrorWithArgs(
      escrow.write.cancelEscrow([1n], { account: alice.account }),
      escrow,
      "InvalidEscrowStatus",
      [1n, ESCROW_STATUS.Funded],
    );
    await viem.assertions.revertWithCustomErrorWithArgs(
      escrow.write.withdraw([token.address], { account: bob.account }),
      escrow,
      "NothingToWithdraw",
      [getAddress(bob.account.address), getAddress(token.address)],
    );
    await viem.assertions.revertWithCustomErrorWithArgs(
      escrow.write.createEscrow([alice.account.address, token.address, [1n]], { account: alice.account }),
      escrow,
      "InvalidFreelancer",
      [getAddress(alice.account.address)],
    );
    await viem.assertions.revertWithCustomErrorWithArgs(
      escrow.write.createEscrow([bob.account.address, token.address, []], { account: alice.account }),
      escrow,
      "InvalidMilestoneCount",
      [0n, 50n],
    );
    await viem.assertions.revertWithCustomErrorWithArgs(
      escrow.write.setPlatformFee([2_001], { account: admin.account }),
      escrow,
      "FeeAboveCap",
      [2_001, 2_000],
    );
    await viem.assertions.revertWithCustomErrorWithArgs(
      escrow.write.setPlatformFee([1], { account: mallory.account }),
      escrow,
      "AccessControlUnauthorizedAccount",
      [getAddress(mallory.account.address), await escrow.read.FEE_MANAGER_ROLE()],
    );
    await viem.assertions.revertWithCustomError(escrow.read.getMilestones([9n]), escrow, "EscrowNotFound");

    // What a wallet UI gets from a failed simulation: the error's name from the escrow's ABI.
    assert.equal(
      await revertName(escrow.simulate.fundEscrow([1n], { account: alice.account.address, value: 100n })),
      "InvalidEscrowStatus",
    );
  });

  it("rejects a token that takes a fee on transfer, by error name", async () => {
    const { escrow, alice, bob } = f;
    const fot = await viem.deployContract("FeeOnTransferToken", [100n]);
    await fot.write.mint([alice.account.address, 1_000n]);
    await fot.write.approve([escrow.address, 1_000n], { account: alice.account });
    await escrow.write.createEscrow([bob.account.address, fot.address, [1_000n]], { account: alice.account });
    await viem.assertions.revertWithCustomErrorWithArgs(
      escrow.write.fundEscrow([1n], { account: alice.account }),
      escrow,
      "InsufficientTokensReceived",
      [1_000n, 990n],
    );
  });

  it("pause blocks only creating and funding; submit, approve, cancel and withdraw go on", async () => {
    const { escrow, token, admin, alice, bob } = f;
    await token.write.mint([alice.account.address, 300n]);
    await token.write.approve([escrow.address, 300n], { account: alice.account });
    await escrow.write.createEscrow([bob.account.address, token.address, [100n]], { account: alice.account });
    await escrow.write.createEscrow([bob.account.address, token.address, [200n]], { account: alice.account });
    await escrow.write.createEscrow([bob.account.address, token.address, [300n]], { account: alice.account });
    await escrow.write.fundEscrow([1n], { account: alice.account });

    await viem.assertions.emitWithArgs(escrow.write.pause({ account: admin.account }), escrow, "Paused", [
      getAddress(admin.account.address),
    ]);
    await viem.assertions.revertWithCustomError(
      escrow.write.createEscrow([bob.account.address, token.address, [1n]], { account: alice.account }),
      escrow,
      "EnforcedPause",
    );
    await viem.assertions.revertWithCustomError(
      escrow.write.fundEscrow([2n], { account: alice.account }),
      escrow,
      "EnforcedPause",
    );

    await escrow.write.submitMilestone([1n, 0n, deliverable(1)], { account: bob.account });
    await escrow.write.approveMilestone([1n, 0n], { account: alice.account });
    await escrow.write.cancelEscrow([3n], { account: bob.account });
    await viem.assertions.emitWithArgs(
      escrow.write.withdraw([token.address], { account: bob.account }),
      escrow,
      "Withdrawn",
      [getAddress(bob.account.address), getAddress(token.address), 90n],
    );

    await escrow.write.unpause({ account: admin.account });
    await escrow.write.fundEscrow([2n], { account: alice.account });
    assert.equal((await escrow.read.getEscrow([2n])).status, ESCROW_STATUS.Funded);
    assert.equal((await escrow.read.getEscrow([3n])).status, ESCROW_STATUS.Cancelled);
  });

  it("fixes the fee at creation and pays fees to whoever is the recipient at release", async () => {
    const { escrow, admin, treasury, alice, bob, carol } = f;
    await escrow.write.createEscrow([bob.account.address, NATIVE, [1_000n, 1_000n]], { account: alice.account });
    await viem.assertions.emitWithArgs(
      escrow.write.setPlatformFee([2_000], { account: admin.account }),
      escrow,
      "PlatformFeeUpdated",
      [FEE_BPS, 2_000],
    );
    await escrow.write.fundEscrow([1n], { account: alice.account, value: 2_000n });
    await escrow.write.submitMilestone([1n, 0n, deliverable(1)], { account: bob.account });
    await escrow.write.approveMilestone([1n, 0n], { account: alice.account });

    const operations: Address = carol.account.address;
    await viem.assertions.emitWithArgs(
      escrow.write.setFeeRecipient([operations], { account: admin.account }),
      escrow,
      "FeeRecipientUpdated",
      [getAddress(treasury.account.address), getAddress(operations)],
    );
    await escrow.write.submitMilestone([1n, 1n, deliverable(2)], { account: bob.account });
    await escrow.write.approveMilestone([1n, 1n], { account: alice.account });

    assert.equal(await escrow.read.credits([NATIVE, treasury.account.address]), 100n); // 10%, not 20%
    assert.equal(await escrow.read.credits([NATIVE, operations]), 100n);
    assert.equal(await escrow.read.credits([NATIVE, bob.account.address]), 1_800n);
  });
});
