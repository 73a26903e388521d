/**
 * WorxMultisig end to end through viem, the way owners' wallets and the SPA use it: deployed by the
 * Multisig Ignition module, owners sign EIP-712 typed data with `signTypedData` from real wallet
 * clients, anyone relays the signatures, queues, waits out the timelock and executes. The
 * multisig then administers the protocol: it changes MilestoneEscrow's platform fee and pauses it.
 */
import assert from "node:assert/strict";
import { before, beforeEach, describe, it } from "node:test";
import { network } from "hardhat";
import {
  BaseError,
  ContractFunctionRevertedError,
  encodeFunctionData,
  getAddress,
  hashTypedData,
  keccak256,
  parseEventLogs,
  toHex,
  type Address,
  type Hex,
} from "viem";
import MultisigModule, { LOCAL_OWNERS } from "../../../scripts/deploy/ignition/modules/Multisig.ts";
import { revertName } from "../../shared/revertName.ts";
import { OPERATION_TYPES } from "../../../generated/typedData.ts";

// `network.connect()` is deprecated in Hardhat 3.18: `create()` opens a fresh in-process chain.
const { viem, ignition, networkHelpers } = await network.create();

const ROUTINE = 1; // OperationClass: Critical = 0 (the default), Routine = 1
const CRITICAL = 0;
const STATE = { Unknown: 0, Pending: 1, Queued: 2, Executed: 3, Cancelled: 4, Expired: 5 } as const;
const HOUR = 60 * 60;

interface Operation {
  target: Address;
  value: bigint;
  data: Hex;
  nonce: bigint;
}

async function deploy() {
  const wallets = await viem.getWalletClients();
  const [deployer, , , , , treasury, stranger] = wallets;
  const { worxMultisig } = await ignition.deploy(MultisigModule);
  const escrow = await viem.deployContract("MilestoneEscrow", [deployer.account.address, treasury.account.address, 1_000, []]);
  // The protocol hands its fee and pause powers to the multisig.
  await escrow.write.grantRole([await escrow.read.FEE_MANAGER_ROLE(), worxMultisig.address]);
  await escrow.write.grantRole([await escrow.read.PAUSER_ROLE(), worxMultisig.address]);
  await escrow.write.grantRole([await escrow.read.DEFAULT_ADMIN_ROLE(), worxMultisig.address]);
  return { multisig: worxMultisig, escrow, owners: wallets.slice(0, 5), stranger };
}

type Fixture = Awaited<ReturnType<typeof deploy>>;
type Wallet = Fixture["owners"][number];

describe("WorxMultisig (viem, EIP-712 signatures, Ignition Multisig module)", () => {
  let f: Fixture;
  let publicClient: Awaited<ReturnType<typeof viem.getPublicClient>>;
  let chainId: number;

  before(async () => {
    publicClient = await viem.getPublicClient();
    chainId = await publicClient.getChainId();
  });

  beforeEach(async () => {
    f = await networkHelpers.loadFixture(deploy);
  });

  const domain = (overrides: { chainId?: number; verifyingContract?: Address } = {}) => ({
    name: "WorxMultisig",
    version: "1",
    chainId: overrides.chainId ?? chainId,
    verifyingContract: overrides.verifyingContract ?? f.multisig.address,
  });

  /** Each owner signs `op` in its own wallet; the list is sorted by signer, as the contract wants. */
  async function sign(op: Operation, signers: Wallet[], overrides?: Parameters<typeof domain>[0]) {
    const signatures = await Promise.all(
      signers.map(async (w) => ({
        signer: w.account.address,
        signature: await w.signTypedData({ domain: domain(overrides), types: OPERATION_TYPES, primaryType: "Operation", message: op }),
      })),
    );
    return signatures.sort((a, b) => (BigInt(a.signer) < BigInt(b.signer) ? -1 : 1));
  }

  /** Relay signatures (by a non-owner), queue and wait out the delay. */
  async function approveAndQueue(op: Operation, signers: Wallet[]) {
    await f.multisig.write.approveWithSignatures([op, await sign(op, signers)], { account: f.stranger.account });
    await f.multisig.write.queue([op], { account: f.stranger.account });
  }

  const feeOp = (bps: number, nonce: bigint): Operation => ({
    target: f.escrow.address,
    value: 0n,
    data: encodeFunctionData({ abi: f.escrow.abi, functionName: "setPlatformFee", args: [bps] }),
    nonce,
  });

  /** Make setPlatformFee a Routine call: a Critical operation on the multisig itself (3 owners, 48 h). */
  async function makeFeeChangesRoutine() {
    const selector = feeOp(0, 0n).data.slice(0, 10) as Hex;
    const op: Operation = {
      target: f.multisig.address,
      value: 0n,
      data: encodeFunctionData({ abi: f.multisig.abi, functionName: "configureClass", args: [f.escrow.address, selector, ROUTINE] }),
      nonce: 1000n,
    };
    await approveAndQueue(op, f.owners.slice(0, 3));
    await networkHelpers.time.increase(48 * HOUR);
    await f.multisig.write.execute([op]);
    assert.equal(await f.multisig.read.classOf([f.escrow.address, feeOp(0, 0n).data]), ROUTINE);
  }

  it("deploys through the Multisig module with accounts 0..4, 2/3 thresholds, 24 h/48 h and guardian 0", async () => {
    const { multisig, owners } = f;
    const onChain = (await multisig.read.getOwners()).map((a) => getAddress(a));
    assert.deepEqual(onChain, owners.map((w) => getAddress(w.account.address)));
    assert.deepEqual(onChain, LOCAL_OWNERS.map((a) => getAddress(a)), "module defaults are the local accounts");
    assert.equal(await multisig.read.threshold([ROUTINE]), 2n);
    assert.equal(await multisig.read.threshold([CRITICAL]), 3n);
    assert.equal(await multisig.read.delay([ROUTINE]), BigInt(24 * HOUR));
    assert.equal(await multisig.read.delay([CRITICAL]), BigInt(48 * HOUR));
    assert.equal(getAddress(await multisig.read.guardian()), getAddress(owners[0].account.address));
  });

  it("computes the same operation id as viem's hashTypedData (EIP-712 with chain id and address)", async () => {
    const op = feeOp(500, 1n);
    const expected = hashTypedData({ domain: domain(), types: OPERATION_TYPES, primaryType: "Operation", message: op });
    assert.equal(await f.multisig.read.hashOperation([op]), expected);
  });

  it("two owners' signed typed data change MilestoneEscrow's platform fee after the 24 h timelock", async () => {
    const { multisig, escrow, owners, stranger } = f;
    await makeFeeChangesRoutine();
    const op = feeOp(750, 1n);
    const id = await multisig.read.hashOperation([op]);

    // Two owners sign in their own wallets; a stranger relays the signatures and queues.
    const signatures = await sign(op, [owners[3], owners[1]]);
    const approveHash = await multisig.write.approveWithSignatures([op, signatures], { account: stranger.account });
    const approveLogs = parseEventLogs({
      abi: multisig.abi,
      logs: (await publicClient.waitForTransactionReceipt({ hash: approveHash })).logs,
    });
    assert.deepEqual(
      approveLogs.map((l) => l.eventName),
      ["OperationProposed", "Approved", "Approved"],
    );
    assert.equal(await multisig.read.approvalCount([id]), 2n);

    const queueHash = await multisig.write.queue([op], { account: stranger.account });
    const [queued] = parseEventLogs({
      abi: multisig.abi,
      eventName: "Queued",
      logs: (await publicClient.waitForTransactionReceipt({ hash: queueHash })).logs,
    });
    const now = BigInt(await networkHelpers.time.latest());
    assert.equal(queued.args.eta, now + BigInt(24 * HOUR));
    assert.equal(queued.args.opClass, ROUTINE);

    // The timelock holds until the eta...
    assert.equal(await revertName(multisig.write.execute([op])), "TimelockNotElapsed");
    assert.equal(await escrow.read.platformFeeBps(), 1_000);

    // ...then anyone executes, once.
    await networkHelpers.time.increaseTo(queued.args.eta);
    const executeHash = await multisig.write.execute([op], { account: stranger.account });
    const logs = (await publicClient.waitForTransactionReceipt({ hash: executeHash })).logs;
    const [feeUpdated] = parseEventLogs({ abi: escrow.abi, eventName: "PlatformFeeUpdated", logs });
    assert.deepEqual(feeUpdated.args, { previousBps: 1_000, newBps: 750 });
    assert.equal((parseEventLogs({ abi: multisig.abi, eventName: "Executed", logs })[0]).args.operationId, id);
    assert.equal(await escrow.read.platformFeeBps(), 750);
    assert.equal(await multisig.read.operationState([id]), STATE.Executed);
    assert.equal(await revertName(multisig.write.execute([op])), "InvalidOperationState");
  });

  it("an unconfigured fee change is Critical: two signatures cannot queue it", async () => {
    const op = feeOp(300, 2n);
    await f.multisig.write.approveWithSignatures([op, await sign(op, f.owners.slice(0, 2))]);
    assert.equal(await revertName(f.multisig.write.queue([op])), "InsufficientApprovals");
  });

  it("rejects signatures made for another chain id or another multisig", async () => {
    const op = feeOp(300, 3n);
    const otherChain = await sign(op, f.owners.slice(0, 2), { chainId: chainId + 1 });
    assert.equal(await revertName(f.multisig.write.approveWithSignatures([op, otherChain])), "InvalidSignature");
    const otherContract = await sign(op, f.owners.slice(0, 2), { verifyingContract: f.escrow.address });
    assert.equal(await revertName(f.multisig.write.approveWithSignatures([op, otherContract])), "InvalidSignature");
  });

  it("rejects unsorted or repeated signers and non-owner signatures by name", async () => {
    const op = feeOp(300, 4n);
    const sorted = await sign(op, f.owners.slice(0, 2));
    assert.equal(
      await revertName(f.multisig.write.approveWithSignatures([op, [sorted[1], sorted[0]]])),
      "SignersNotAscending",
    );
    assert.equal(
      await revertName(f.multisig.write.approveWithSignatures([op, [sorted[0], sorted[0]]])),
      "SignersNotAscending",
    );
    assert.equal(await revertName(f.multisig.write.approveWithSignatures([op, await sign(op, [f.stranger])])), "NotOwner");
  });

  it("owners cancel a queued fee change during the timelock with signed Cancel typed data", async () => {
    await makeFeeChangesRoutine();
    const op = feeOp(1_500, 5n);
    await approveAndQueue(op, f.owners.slice(0, 2));
    const id = await f.multisig.read.hashOperation([op]);
    const cancelSignatures = (
      await Promise.all(
        [f.owners[2], f.owners[4]].map(async (w) => ({
          signer: w.account.address,
          signature: await w.signTypedData({
            domain: domain(),
            types: { Cancel: [{ name: "operationId", type: "bytes32" }] },
            primaryType: "Cancel",
            message: { operationId: id },
          }),
        })),
      )
    ).sort((a, b) => (BigInt(a.signer) < BigInt(b.signer) ? -1 : 1));
    await f.multisig.write.approveCancelWithSignatures([id, cancelSignatures], { account: f.stranger.account });
    assert.equal(await f.multisig.read.operationState([id]), STATE.Cancelled);
    await networkHelpers.time.increase(24 * HOUR);
    assert.equal(await revertName(f.multisig.write.execute([op])), "InvalidOperationState");
    assert.equal(await f.escrow.read.platformFeeBps(), 1_000);
  });

  it("the guardian pauses the escrow at once but cannot unpause it; unpausing is a timelocked operation", async () => {
    const { multisig, escrow, owners } = f;
    const markPausable: Operation = {
      target: multisig.address,
      value: 0n,
      data: encodeFunctionData({ abi: multisig.abi, functionName: "setPausableTarget", args: [escrow.address, true] }),
      nonce: 6n,
    };
    await approveAndQueue(markPausable, owners.slice(2, 5));
    await networkHelpers.time.increase(48 * HOUR);
    await multisig.write.execute([markPausable]);

    assert.equal(await revertName(multisig.write.guardianPause([escrow.address], { account: owners[1].account })), "NotGuardian");
    await multisig.write.guardianPause([escrow.address], { account: owners[0].account });
    assert.equal(await escrow.read.paused(), true);

    const unpause: Operation = {
      target: escrow.address,
      value: 0n,
      data: encodeFunctionData({ abi: escrow.abi, functionName: "unpause" }),
      nonce: 7n,
    };
    await approveAndQueue(unpause, owners.slice(0, 3));
    assert.equal(await revertName(multisig.write.execute([unpause])), "TimelockNotElapsed");
    await networkHelpers.time.increase(48 * HOUR);
    await multisig.write.execute([unpause]);
    assert.equal(await escrow.read.paused(), false);
  });

  it("holds and sends native coin through a Critical operation", async () => {
    const { multisig, owners, stranger } = f;
    await owners[0].sendTransaction({ to: multisig.address, value: 10n ** 18n });
    const payee = getAddress(keccak256(toHex("payee")).slice(0, 42));
    const op: Operation = { target: payee, value: 4n * 10n ** 17n, data: "0x", nonce: 8n };
    await approveAndQueue(op, owners.slice(1, 4));
    await networkHelpers.time.increase(48 * HOUR);
    await multisig.write.execute([op], { account: stranger.account });
    assert.equal(await publicClient.getBalance({ address: payee }), 4n * 10n ** 17n);
    assert.equal(await publicClient.getBalance({ address: multisig.address }), 6n * 10n ** 17n);
  });
});
