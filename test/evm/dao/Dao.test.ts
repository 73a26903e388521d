/**
 * A whole governance round on the DAO as the Ignition LocalDemo module deploys it (./Dao.ts via
 * Protocol.ts): real jobs through the escrow earn WORX (WorkRewards) and fees (FeeSplitter → the
 * timelock treasury); the holders delegate, one proposes a treasury spend, both vote, the clock
 * moves past the voting period and the timelock's delay, the proposal is queued and executed, and
 * the treasury pays out. No contract is called with special powers: every step is what a user (or
 * anyone, for the permissionless ones) would send.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { network } from "hardhat";
import { encodeFunctionData, getAddress, keccak256, parseEther, parseEventLogs, parseUnits, toHex, zeroAddress, type Address, type Hex } from "viem";
import LocalDemoModule from "../../../scripts/deploy/ignition/modules/LocalDemo.ts";
import { DAO_LOCAL_DEFAULTS, LOCAL_REWARD_RATES } from "../../../scripts/deploy/ignition/modules/Dao.ts";
import { demoRoles, localAccount } from "../../../scripts/dev/accounts.ts";
import { revertName } from "../../shared/revertName.ts";

const { viem, ignition, networkHelpers } = await network.create();

/** OpenZeppelin's IGovernor.ProposalState. */
const STATE = { Pending: 0, Active: 1, Canceled: 2, Defeated: 3, Succeeded: 4, Queued: 5, Expired: 6, Executed: 7 } as const;
/** GovernorCountingSimple's support values. */
const VOTE = { Against: 0, For: 1, Abstain: 2 } as const;

const DAY = 86_400;
const [alice, bob, carol] = [demoRoles.alice, demoRoles.bob, demoRoles.carol].map((i) => localAccount(i).address);
const usd = (n: number) => parseUnits(String(n), 6);

async function deploy() {
  return ignition.deploy(LocalDemoModule);
}

describe("DAO: a governance round on the LocalDemo deployment", () => {
  it("work rewards claimed, delegate, propose a treasury spend, vote, wait, queue, execute: the treasury pays", async () => {
    const f = await networkHelpers.loadFixture(deploy);
    const { milestoneEscrow: escrow, demoStablecoin: dusd, worxToken: worx, worxGovernor: governor, timelockController: timelock, feeSplitter: splitter, workRewards: rewards } = f;
    const publicClient = await viem.getPublicClient();
    const as = (account: Address) => ({ account });
    const now = async () => Number((await publicClient.getBlock()).timestamp);

    // 1. Work: alice pays bob 1 000 dUSD and 1 ETH through the escrow (10% platform fee).
    await dusd.write.mint([alice, usd(1_000)], as(alice));
    await dusd.write.approve([escrow.address, usd(1_000)], as(alice));
    const job = async (token: Address, amount: bigint) => {
      const hash = await escrow.write.createEscrow([bob, token, [{ amount, dueDate: (await now()) + 7 * DAY }], 3 * DAY, 7 * DAY], as(alice));
      const receipt = await publicClient.waitForTransactionReceipt({ hash });
      const id = parseEventLogs({ abi: escrow.abi, eventName: "EscrowCreated", logs: receipt.logs })[0]!.args.escrowId;
      await escrow.write.fundEscrow([id], { account: alice, value: token === zeroAddress ? amount : 0n });
      await escrow.write.submitMilestone([id, 0n, keccak256(toHex(`deliverable ${id}`))], as(bob));
      await escrow.write.approveMilestone([id, 0n], as(alice));
      return id;
    };
    const dusdJob = await job(dusd.address, usd(1_000));
    const ethJob = await job(zeroAddress, parseEther("1"));

    // 2. Anyone claims the rewards: 1 WORX per dUSD and 2 000 WORX per ETH to bob, half of it to alice.
    const WORX = 10n ** 18n;
    const expectedBob = (usd(1_000) * LOCAL_REWARD_RATES.dUSD + parseEther("1") * LOCAL_REWARD_RATES.native) / WORX;
    assert.equal(expectedBob, 3_000n * WORX);
    assert.deepEqual(await rewards.read.previewWorkReward([dusdJob]), [1_000n * WORX, 500n * WORX]);
    await rewards.write.claimWorkReward([dusdJob], as(carol));
    await rewards.write.claimWorkReward([ethJob], as(carol));
    assert.equal(await worx.read.balanceOf([bob]), expectedBob);
    assert.equal(await worx.read.balanceOf([alice]), expectedBob / 2n);
    assert.equal(await revertName(rewards.write.claimWorkReward([dusdJob], as(carol))), "WorkRewardAlreadyClaimed");

    // 3. Fees: the splitter collects the escrow's fees and splits them 70/30; the treasury's share
    //    is released to the timelock.
    const dusdFee = usd(100);
    const ethFee = parseEther("0.1");
    await splitter.write.collect([escrow.address, dusd.address], as(carol));
    await splitter.write.collect([escrow.address, zeroAddress], as(carol));
    assert.equal(await splitter.read.owed([timelock.address, dusd.address]), (dusdFee * 7n) / 10n);
    assert.equal(await splitter.read.owed([f.worxMultisig.address, dusd.address]), dusdFee - (dusdFee * 7n) / 10n);
    await splitter.write.release([dusd.address, timelock.address], as(carol));
    await splitter.write.release([zeroAddress, timelock.address], as(carol));
    assert.equal(await dusd.read.balanceOf([timelock.address]), usd(70));
    assert.equal(await publicClient.getBalance({ address: timelock.address }), (ethFee * 7n) / 10n);

    // 4. Votes count only once delegated: bob and alice delegate to themselves.
    assert.equal(await worx.read.getVotes([bob]), 0n);
    await worx.write.delegate([bob], as(bob));
    await worx.write.delegate([alice], as(alice));
    assert.equal(await worx.read.getVotes([bob]), expectedBob);
    await networkHelpers.time.increase(1); // proposals read the votes at clock() - 1

    // 5. Bob (3 000 WORX, threshold 100) proposes a grant to carol: 50 dUSD and 0.05 ETH.
    //    Carol holds no WORX: below the threshold, her proposal is refused.
    const grant = { dusd: usd(50), eth: parseEther("0.05") };
    const targets: Address[] = [dusd.address, carol];
    const values = [0n, grant.eth];
    const calldatas: Hex[] = [encodeFunctionData({ abi: dusd.abi, functionName: "transfer", args: [carol, grant.dusd] }), "0x"];
    const description = "# Grant to carol\nPays carol 50 dUSD and 0.05 ETH from the treasury for the docs.";
    const descriptionHash = keccak256(toHex(description));
    assert.equal(await revertName(governor.write.propose([targets, values, calldatas, description], as(carol))), "GovernorInsufficientProposerVotes");
    const proposed = await publicClient.waitForTransactionReceipt({ hash: await governor.write.propose([targets, values, calldatas, description], as(bob)) });
    const created = parseEventLogs({ abi: governor.abi, eventName: "ProposalCreated", logs: proposed.logs })[0]!.args;
    const id = created.proposalId;
    assert.equal(id, await governor.read.hashProposal([targets, values, calldatas, descriptionHash]));
    assert.equal(getAddress(created.proposer), getAddress(bob));
    const proposedAt = BigInt((await publicClient.getBlock({ blockNumber: proposed.blockNumber })).timestamp);
    assert.equal(created.voteStart, proposedAt + BigInt(DAO_LOCAL_DEFAULTS.votingDelay));
    assert.equal(created.voteEnd, created.voteStart + BigInt(DAO_LOCAL_DEFAULTS.votingPeriod));
    assert.equal(await governor.read.state([id]), STATE.Pending);
    assert.equal(await revertName(governor.write.castVote([id, VOTE.For], as(bob))), "GovernorUnexpectedProposalState");

    // 6. Voting opens after the delay; bob votes for, alice against (half bob's weight).
    await networkHelpers.time.increaseTo(created.voteStart + 1n);
    assert.equal(await governor.read.state([id]), STATE.Active);
    await governor.write.castVote([id, VOTE.For], as(bob));
    await governor.write.castVoteWithReason([id, VOTE.Against, "Docs are not finished"], as(alice));
    assert.equal(await revertName(governor.write.castVote([id, VOTE.For], as(bob))), "GovernorAlreadyCastVote");
    assert.deepEqual(await governor.read.proposalVotes([id]), [expectedBob / 2n, expectedBob, 0n]);
    const supply = await worx.read.totalSupply();
    assert.equal(await governor.read.quorum([created.voteStart]), (supply * BigInt(DAO_LOCAL_DEFAULTS.quorumNumerator)) / 100n);

    // 7. The vote ends: succeeded. Nothing runs before the timelock: execute refuses an unqueued
    //    proposal, the timelock refuses anyone but the governor as proposer.
    await networkHelpers.time.increaseTo((await governor.read.proposalDeadline([id])) + 1n);
    assert.equal(await governor.read.state([id]), STATE.Succeeded);
    assert.equal(await revertName(governor.write.execute([targets, values, calldatas, descriptionHash], as(bob))), "GovernorUnexpectedProposalState");
    assert.equal(
      await revertName(timelock.write.scheduleBatch([targets, values, calldatas, "0x" + "00".repeat(32) as Hex, descriptionHash, BigInt(DAO_LOCAL_DEFAULTS.timelockDelay)], as(bob))),
      "AccessControlUnauthorizedAccount",
    );

    // 8. Queue (anyone), wait out the timelock's delay, execute (anyone: the executor role is open).
    const queued = await publicClient.waitForTransactionReceipt({ hash: await governor.write.queue([targets, values, calldatas, descriptionHash], as(carol)) });
    const eta = parseEventLogs({ abi: governor.abi, eventName: "ProposalQueued", logs: queued.logs })[0]!.args.etaSeconds;
    const queuedAt = BigInt((await publicClient.getBlock({ blockNumber: queued.blockNumber })).timestamp);
    assert.equal(eta, queuedAt + BigInt(DAO_LOCAL_DEFAULTS.timelockDelay));
    assert.equal(await governor.read.state([id]), STATE.Queued);
    // The timelock's error bubbles up through the governor: decode it with the timelock's errors.
    const governorAndTimelockErrors = [...governor.abi, ...timelock.abi.filter((item) => item.type === "error")];
    const early = publicClient.simulateContract({
      address: governor.address, abi: governorAndTimelockErrors, functionName: "execute", args: [targets, values, calldatas, descriptionHash], account: carol,
    });
    assert.equal(await revertName(early), "TimelockUnexpectedOperationState");

    await networkHelpers.time.increaseTo(eta);
    const treasuryBefore = { dusd: await dusd.read.balanceOf([timelock.address]), eth: await publicClient.getBalance({ address: timelock.address }) };
    const carolBefore = { dusd: await dusd.read.balanceOf([carol]), eth: await publicClient.getBalance({ address: carol }) };
    await governor.write.execute([targets, values, calldatas, descriptionHash], as(alice));
    assert.equal(await governor.read.state([id]), STATE.Executed);

    // 9. The treasury paid carol exactly the grant.
    assert.equal(await dusd.read.balanceOf([timelock.address]), treasuryBefore.dusd - grant.dusd);
    assert.equal(await publicClient.getBalance({ address: timelock.address }), treasuryBefore.eth - grant.eth);
    assert.equal(await dusd.read.balanceOf([carol]), carolBefore.dusd + grant.dusd);
    assert.equal(await publicClient.getBalance({ address: carol }), carolBefore.eth + grant.eth);
  });

  it("the guardian account (the multisig's guardian, #0) may cancel a proposal only while it is pending", async () => {
    const f = await networkHelpers.loadFixture(deploy);
    const { worxToken: worx, worxGovernor: governor, worxMultisig: multisig } = f;
    // One parameter names the protocol's guardian: the multisig's (pause) and the governor's (cancel).
    const guardian = localAccount(demoRoles.deployer).address;
    assert.equal(getAddress(await governor.read.guardian()), getAddress(guardian));
    assert.equal(getAddress(await multisig.read.guardian()), getAddress(guardian));
    assert.equal(await worx.read.totalSupply(), 0n, "no pre-mint on the local demo");
    const [target, value, data] = [[governor.address], [0n], [encodeFunctionData({ abi: governor.abi, functionName: "setGuardian", args: [zeroAddress] })]];
    // No one holds WORX yet: bob earns the proposal threshold with a 200 dUSD job first.
    const publicClient = await viem.getPublicClient();
    const { milestoneEscrow: escrow, demoStablecoin: dusd, workRewards: rewards } = f;
    await dusd.write.mint([alice, usd(200)], { account: alice });
    await dusd.write.approve([escrow.address, usd(200)], { account: alice });
    const t = Number((await publicClient.getBlock()).timestamp);
    const receipt = await publicClient.waitForTransactionReceipt({
      hash: await escrow.write.createEscrow([bob, dusd.address, [{ amount: usd(200), dueDate: t + DAY }], 3 * DAY, 7 * DAY], { account: alice }),
    });
    const jobId = parseEventLogs({ abi: escrow.abi, eventName: "EscrowCreated", logs: receipt.logs })[0]!.args.escrowId;
    await escrow.write.fundEscrow([jobId], { account: alice });
    await escrow.write.submitMilestone([jobId, 0n, keccak256(toHex("x"))], { account: bob });
    await escrow.write.approveMilestone([jobId, 0n], { account: alice });
    await rewards.write.claimWorkReward([jobId], { account: bob });
    await worx.write.delegate([bob], { account: bob });
    await networkHelpers.time.increase(1);

    const description = "Remove the guardian";
    const hash = keccak256(toHex(description));
    await governor.write.propose([target, value, data, description], { account: bob });
    const id = await governor.read.hashProposal([target, value, data, hash]);
    // Neither another account nor the multisig contract may cancel someone else's proposal.
    assert.equal(await revertName(governor.write.cancel([target, value, data, hash], { account: carol })), "GovernorUnableToCancel");
    await networkHelpers.impersonateAccount(multisig.address);
    await networkHelpers.setBalance(multisig.address, parseEther("1"));
    assert.equal(await revertName(governor.write.cancel([target, value, data, hash], { account: multisig.address })), "GovernorUnableToCancel");
    await networkHelpers.stopImpersonatingAccount(multisig.address);
    assert.equal(await governor.read.state([id]), STATE.Pending);
    await governor.write.cancel([target, value, data, hash], { account: guardian });
    assert.equal(await governor.read.state([id]), STATE.Canceled);

    const again = "Remove the guardian, again";
    const againHash = keccak256(toHex(again));
    await governor.write.propose([target, value, data, again], { account: bob });
    const againId = await governor.read.hashProposal([target, value, data, againHash]);
    await networkHelpers.time.increase(DAO_LOCAL_DEFAULTS.votingDelay + 1);
    assert.equal(await governor.read.state([againId]), STATE.Active);
    assert.equal(await revertName(governor.write.cancel([target, value, data, againHash], { account: guardian })), "GuardianCancelNotPending");
  });
});
