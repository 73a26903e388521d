/**
 * The DAO round of the Stacks ingestion test (stacks.test.ts): a real simnet run of the DAO's
 * Clarity contracts, from the bootstrap to an executed proposal, recorded as `/new_block`
 * payloads, and what the simnet's read-only functions then say, in the DAO tables' terms.
 */
import assert from "node:assert/strict";
import { Cl, ClarityType, type ClarityValue } from "@stacks/transactions";
import { zeroAddress } from "viem";
import { plainField as field, plainValue } from "../../indexer/src/stacks/plainValue.ts";
import type { Dump } from "./harness.ts";
import { SimnetChain, type NewBlockPayload } from "./stacksSimnet.ts";

const STX = 1_000_000n;

/** A proposal contract: pays `recipient` from the treasury and sets the fee splitter's DAO share. */
const proposalSource = (deployer: string, recipient: string, amount: bigint, daoShare: number) => `
(impl-trait '${deployer}.proposal-trait.proposal-trait)
(define-public (execute (sender principal))
  (begin
    (try! (contract-call? '${deployer}.dao-treasury transfer-stx u${amount} '${recipient}))
    (try! (contract-call? '${deployer}.fee-splitter set-dao-share u${daoShare}))
    (try! (contract-call? '${deployer}.work-rewards set-badge-reward u${TIER_VERIFIED} u${VERIFIED_BADGE_REWARD}))
    (ok true)
  )
)
`;

/** badges.clar's "verified" tier (attestations only) and the WORX the executed proposal grants for it. */
const TIER_VERIFIED = 5;
const VERIFIED_BADGE_REWARD = 25n * STX;

export interface DaoRound {
  blocks: NewBlockPayload[];
  deployer: string;
  /** bob (freelancer, proposer), alice (client, delegates to carol), carol (votes against). */
  bob: string;
  alice: string;
  carol: string;
  /** The executed proposal and the one the guardian cancelled. */
  executed: string;
  /** bob's "verified" badge, whose WORX reward alice claimed. */
  badgeId: bigint;
  cancelled: string;
  chain: SimnetChain;
}

/**
 * The round: the DAO bootstrapped (dao-core construct dao-bootstrap), staking-fee-discount's
 * deployment tiers; the escrow's fee recipient set to the fee splitter and a 300 STX job completed,
 * rewarded with WORX (work-rewards); delegations (bob to himself, alice to carol), a stake; the
 * fee splitter's collect and releases (the treasury's share to dao-treasury); a deposit; a
 * proposal voted (bob for, carol against), queued after the vote and executed after the timelock
 * (pays carol 5 STX from the treasury, sets the DAO share to 60 % and a 25 WORX reward for the
 * "verified" badge tier); a second proposal cancelled by the guardian while pending; then bob,
 * attested by carol, claims the "verified" badge and alice claims its WORX reward for him.
 */
export async function runDaoRound(): Promise<DaoRound> {
  const chain = await SimnetChain.start();
  const deployer = chain.deployer;
  const [alice, bob, carol] = [chain.account("wallet_1"), chain.account("wallet_2"), chain.account("wallet_3")];
  const id = (name: string) => `${deployer}.${name}`;
  await chain.call("dao-core", "construct", [Cl.principal(id("dao-bootstrap"))], deployer);
  await chain.deploymentPrints("staking-fee-discount");
  await chain.call("escrow", "set-fee-recipient", [Cl.principal(id("fee-splitter"))], deployer);
  const due = chain.simnet.getBlockTime() + 10n * 86_400n;
  const terms = Cl.list([Cl.tuple({ amount: Cl.uint(300n * STX), "due-date": Cl.uint(due) })]);
  await chain.call("escrow", "create-escrow", [Cl.principal(bob), Cl.none(), terms, Cl.uint(3n * 86_400n), Cl.uint(7n * 86_400n), Cl.none()], alice);
  await chain.call("escrow", "fund-escrow", [Cl.uint(1), Cl.none()], alice);
  await chain.call("escrow", "submit-milestone", [Cl.uint(1), Cl.uint(0), Cl.buffer(new Uint8Array(32).fill(1))], bob);
  await chain.call("escrow", "approve-milestone", [Cl.uint(1), Cl.uint(0)], alice);
  await chain.call("work-rewards", "claim-work-reward", [Cl.uint(1)], carol);
  await chain.call("dao-token", "delegate", [Cl.principal(bob)], bob);
  await chain.call("dao-token", "delegate", [Cl.principal(carol)], alice);
  await chain.call("dao-token", "transfer", [Cl.uint(10n * STX), Cl.principal(alice), Cl.principal(carol), Cl.none()], alice);
  await chain.call("dao-token", "stake", [Cl.uint(100n * STX), Cl.uint(0)], bob);
  await chain.call("fee-splitter", "collect-stx", [], carol);
  await chain.call("fee-splitter", "release-stx", [Cl.principal(id("dao-treasury"))], carol);
  await chain.call("fee-splitter", "release-stx", [Cl.principal(id("multisig"))], carol);
  await chain.call("dao-treasury", "deposit-stx", [Cl.uint(2n * STX)], alice);
  const executed = chain.deploy("pay-carol", proposalSource(deployer, carol, 5n * STX, 6000));
  const cancelled = chain.deploy("pay-alice", proposalSource(deployer, alice, 1n * STX, 5000));
  chain.mineEmpty(); // the delegations are in complete blocks before the proposal
  await chain.call("proposal-voting", "propose", [Cl.principal(executed), Cl.stringUtf8("# Pay carol\nFive STX for the audit; the DAO share to 60 %."), Cl.uint(0)], bob);
  await chain.call("proposal-voting", "propose", [Cl.principal(cancelled), Cl.stringUtf8("# Pay alice"), Cl.uint(0)], bob);
  await chain.call("proposal-voting", "cancel", [Cl.principal(cancelled)], deployer);
  const start = Number(field(chain.read("proposal-voting", "get-proposal", [Cl.principal(executed)]), "vote-start"));
  while (chain.simnet.blockHeight <= start) chain.mineEmpty();
  // The hint: the voter's checkpoint covering vote-start, its last one (no vote moved since).
  const hint = (voter: string) => Cl.uint(Number(plainValue(chain.read("dao-token", "get-checkpoint-count", [Cl.principal(voter)]))) - 1);
  await chain.call("proposal-voting", "vote", [Cl.principal(executed), Cl.uint(1), Cl.stringUtf8("ship it"), hint(bob)], bob);
  await chain.call("proposal-voting", "vote", [Cl.principal(executed), Cl.uint(0), Cl.stringUtf8("too much"), hint(carol)], carol);
  const end = Number(field(chain.read("proposal-voting", "get-proposal", [Cl.principal(executed)]), "vote-end"));
  while (chain.simnet.blockHeight <= end) chain.mineEmpty();
  await chain.call("proposal-voting", "queue", [Cl.principal(executed)], alice);
  const eta = Number(field(chain.read("proposal-voting", "get-proposal", [Cl.principal(executed)]), "eta"));
  while (chain.simnet.blockHeight + 1 < eta) chain.mineEmpty();
  await chain.call("proposal-voting", "execute", [Cl.principal(executed)], carol);
  // A badge reward: carol attests bob (x-verified, vetted), bob claims "verified", alice has its
  // WORX minted to him.
  await chain.deploymentPrints("badges");
  await chain.call("badges", "grant-role", [Cl.stringAscii("attester"), Cl.principal(carol)], deployer);
  await chain.call("badges", "submit-attestation", chain.attestation(carol, bob, 1, 1), bob);
  await chain.call("badges", "submit-attestation", chain.attestation(carol, bob, 2, 2), bob);
  const badgeId = await chain.call("badges", "claim", [Cl.uint(TIER_VERIFIED)], bob);
  await chain.call("work-rewards", "claim-badge-reward", [badgeId], alice);
  return { blocks: chain.blocks, deployer, bob, alice, carol, executed, cancelled, chain, badgeId: plainValue(badgeId) as bigint };
}

const CHAIN = "stacks:2147483648";
const SUPPORT = ["against", "for", "abstain"];

/**
 * Checks the DAO tables of `dump` against the simnet's read-only functions at the end of the round:
 * proposals (tallies, heights, quorum, eta, status), votes (receipts), voting power (balance,
 * votes, delegate, locked), delegations, the stake, the governor's parameters and guardian, the
 * treasury's flows (adding up to its STX balance), the fee splitter's split and releases (nothing
 * left owed), the work and badge rewards (together the whole supply) and the governed changes'
 * actor (dao-core).
 */
export function assertDaoRows(dump: Dump, r: DaoRound): void {
  const rows = (table: string) => dump[table]!.filter((x) => x.chainId === CHAIN);
  const read = (contract: string, fn: string, args: ClarityValue[]) => plainValue(r.chain.read(contract, fn, args));
  const id = (name: string) => `${r.deployer}.${name}`;

  // Proposals and votes.
  const onchain = read("proposal-voting", "get-proposal", [Cl.principal(r.executed)]) as Record<string, bigint>;
  assert.equal(read("proposal-voting", "get-proposal-state", [Cl.principal(r.executed)]), 7n, "executed (OpenZeppelin ProposalState 7)");
  const p = rows("proposal").find((x) => x.proposalId === r.executed);
  assert.ok(p, "the executed proposal's row");
  assert.deepEqual(
    [p.governor, p.proposer, p.title, p.status, p.forVotes, p.againstVotes, p.abstainVotes, p.voterCount, p.voteStart, p.voteEnd, p.quorum, p.eta, p.targets],
    [id("proposal-voting"), r.bob, "Pay carol", "executed", String(onchain["for-votes"]), String(onchain["against-votes"]), String(onchain["abstain-votes"]), 2, String(onchain["vote-start"]), String(onchain["vote-end"]), String(onchain.quorum), String(onchain.eta), [r.executed]],
  );
  const c = rows("proposal").find((x) => x.proposalId === r.cancelled);
  assert.equal(read("proposal-voting", "get-proposal-state", [Cl.principal(r.cancelled)]), 2n);
  assert.deepEqual([c?.status, c?.canceledBy], ["canceled", r.deployer], "cancelled by the guardian (the deployer, set by the bootstrap)");
  const votes = rows("vote").sort((a, b) => String(a.voter).localeCompare(String(b.voter)));
  const receipts = [r.bob, r.carol].sort().map((voter) => {
    const receipt = read("proposal-voting", "get-receipt", [Cl.principal(r.executed), Cl.principal(voter)]) as Record<string, bigint>;
    return [voter, r.executed, SUPPORT[Number(receipt.support)], String(receipt.weight)];
  });
  assert.deepEqual(votes.map((v) => [v.voter, v.proposalId, v.supportName, v.weight]), receipts);

  // Voting power, delegations, the stake.
  for (const account of [r.alice, r.bob, r.carol]) {
    const power = rows("voting_power").find((x) => x.account === account);
    assert.ok(power, `voting_power of ${account}`);
    assert.deepEqual(
      [power.balance, power.votes, power.delegate, power.staked],
      [
        String(read("dao-token", "get-balance", [Cl.principal(account)])),
        String(read("dao-token", "get-votes", [Cl.principal(account)])),
        read("dao-token", "get-delegate", [Cl.principal(account)]),
        String(read("dao-token", "get-locked-balance", [Cl.principal(account)])),
      ],
      `voting_power of ${account}`,
    );
  }
  assert.deepEqual(rows("delegation").map((d) => [d.delegator, d.delegate, d.previousDelegate]).sort(), [
    [r.alice, r.carol, zeroAddress],
    [r.bob, r.bob, zeroAddress],
  ].sort());
  const position = read("dao-token", "get-stake", [Cl.principal(r.bob), Cl.uint(0)]) as Record<string, bigint>;
  assert.deepEqual(rows("stake").map((s) => [s.account, s.term, s.amount, s.unlockAt, s.active]), [[r.bob, "30d", String(position.amount), String(position["unlock-at"]), true]]);

  // The governor's settings (the bootstrap's) and guardian.
  const params = read("proposal-voting", "get-parameters", []) as Record<string, bigint>;
  const governor = rows("dao_governor");
  assert.equal(governor.length, 1);
  assert.deepEqual(
    [governor[0]!.governor, governor[0]!.timelock, governor[0]!.guardian, governor[0]!.votingDelay, governor[0]!.votingPeriod, governor[0]!.proposalThreshold, governor[0]!.quorumNumerator, governor[0]!.voteExtension],
    [id("proposal-voting"), id("dao-treasury"), read("proposal-voting", "get-guardian", []), ...["voting-delay", "voting-period", "proposal-threshold", "quorum-bps", "vote-extension"].map((k) => String(params[k]))],
  );

  // Money: the split, the releases, the treasury's flows.
  const splits = rows("fee_split");
  assert.deepEqual(splits.map((s) => [s.splitter, s.token, s.income, s.toTreasury, s.toOperations, s.daoShareBps]), [[id("fee-splitter"), zeroAddress, String(30n * STX), String(21n * STX), String(9n * STX), 7000]]);
  assert.equal(read("fee-splitter", "get-total-owed", [Cl.none()]), 0n, "everything owed was released");
  assert.deepEqual(rows("fee_release").map((x) => [x.payee, x.amount]).sort(), [[id("dao-treasury"), String(21n * STX)], [id("multisig"), String(9n * STX)]].sort());
  const flows = rows("treasury_flow");
  for (const f of flows) assert.equal(f.treasury, id("dao-treasury"));
  const balance = flows.reduce((sum, f) => sum + (f.direction === "in" ? 1n : -1n) * BigInt(f.amount as string), 0n);
  assert.equal(balance, read("dao-treasury", "get-stx-balance", []), "the flows add up to the treasury's STX balance");
  assert.deepEqual(flows.map((f) => [f.direction, f.kind, f.counterparty, f.amount, f.proposalId]).sort(), [
    ["in", "fee-release", id("fee-splitter"), String(21n * STX), null],
    ["in", "transfer", r.alice, String(2n * STX), null],
    ["out", "proposal-execution", r.carol, String(5n * STX), r.executed],
  ].sort());

  // Rewards: the job's WORX and the badge's are the whole supply (mints only).
  const rewards = rows("work_reward");
  assert.equal(rewards.length, 1);
  assert.deepEqual([rewards[0]!.freelancer, rewards[0]!.client, rewards[0]!.token, rewards[0]!.value, rewards[0]!.claimedBy], [r.bob, r.alice, zeroAddress, String(300n * STX), r.carol]);
  const badgeRewards = rows("badge_reward");
  assert.deepEqual(
    badgeRewards.map((b) => [b.id, b.badgeId, b.account, b.tierId, b.amount]),
    [[`${CHAIN}:${r.badgeId}`, String(r.badgeId), r.bob, TIER_VERIFIED, String(read("work-rewards", "get-badge-reward", [Cl.uint(TIER_VERIFIED)]))]],
  );
  assert.equal(read("work-rewards", "is-badge-reward-claimed", [Cl.uint(r.badgeId)]), true);
  assert.equal(
    BigInt(rewards[0]!.freelancerReward as string) + BigInt(rewards[0]!.clientReward as string) + BigInt(badgeRewards[0]!.amount as string),
    read("dao-token", "get-total-supply", []),
  );

  // Governed changes: by the DAO (dao-core) when a proposal made them.
  const audit = rows("admin_action");
  const share = audit.find((a) => a.action === "DaoShareUpdated");
  assert.deepEqual([share?.contract, share?.actor, (share?.details as Record<string, unknown>)?.newBps], [id("fee-splitter"), id("dao-core"), Number(read("fee-splitter", "get-dao-share-bps", []))]);
  for (const action of ["ParametersUpdated", "GuardianUpdated", "RewardRateUpdated", "ExtensionUpdated", "BadgeRewardUpdated"]) {
    const entries = audit.filter((a) => a.action === action);
    assert.ok(entries.length > 0, `${action} in the audit log`);
    for (const e of entries) assert.equal(e.actor, id("dao-core"), `${action}: the bootstrap proposal ran as the DAO`);
  }
  assert.equal(audit.filter((a) => a.action === "ExtensionUpdated").length, 3, "the bootstrap enabled three extensions");
  assert.ok(audit.some((a) => a.action === "DiscountTiersUpdated" && a.contract === id("staking-fee-discount")), "the deployment's tiers");
}
