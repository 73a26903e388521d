/**
 * Stacks demo data for `npm start` (and `scripts/dev/stacksBridge.ts --demo`), sent through the
 * devnet as signed transactions of the simnet accounts (clarity/settings/Devnet.toml), so the
 * bridge, the indexer and the SPA see what a user's wallet would produce:
 *  - the DAO bootstrapped (dao-core construct dao-bootstrap: extensions, voting parameters, the
 *    work-reward rate);
 *  - escrow: a two-milestone job alice → bob completed, rated 5 stars, bob's earnings withdrawn and
 *    its WORX work reward claimed; a second job funded with its first milestone in review;
 *  - badges: carol granted the attester role attests bob (x-verified, vetted) with SIP-018
 *    signatures; bob claims the Verified badge (tier 5: those two attestations, no job count);
 *  - DAO: bob delegates his votes to himself, alice hers to carol;
 *  - creator coins: dave's metrics reported (wallet_5 is the oracle's reporter), the coin template
 *    deployed by dave byte for byte and launched through creator-factory, its pool seeded with
 *    liquidity against the demo dollar (mock-sip010), and a buy by alice.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { keccak_256 } from "@noble/hashes/sha3.js";
import { Cl, ClarityType, cvToString, type ClarityValue } from "@stacks/transactions";
import { repoRoot } from "../stack.ts";
import type { SimnetChain } from "./simnetChain.ts";

const DAY = 86_400n;
const STX = 1_000_000n; // µSTX; also one whole demo dollar or creator coin (6 decimals)

export interface StacksSeedSummary {
  /** The demo accounts' principals. */
  accounts: Record<"deployer" | "alice" | "bob" | "carol" | "dave" | "reporter", string>;
  /** One line per fact, for `npm start`'s banner. */
  lines: string[];
}

/** The badge attestation kinds of badges.clar. */
const KIND_X_VERIFIED = 1;
const KIND_VETTED = 2;
const TIER_VERIFIED = 5;

const creatorId = (handle: string) => keccak_256(new TextEncoder().encode(`worx:creator:${handle}`));

/** A uint field of a Clarity tuple. */
const field = (tuple: ClarityValue, name: string): bigint => uintOf((tuple as { value: Record<string, ClarityValue> }).value[name]!);

const uintOf = (v: ClarityValue): bigint => {
  let x = v;
  while (x.type === ClarityType.ResponseOk || x.type === ClarityType.OptionalSome) x = x.value;
  if (x.type !== ClarityType.UInt) throw new Error(`expected a uint, got ${cvToString(x)}`);
  return BigInt(x.value);
};

export async function seedStacksDemo(chain: SimnetChain): Promise<StacksSeedSummary> {
  const deployer = chain.deployer;
  const [alice, bob, carol, dave, reporter] = ["wallet_1", "wallet_2", "wallet_3", "wallet_4", "wallet_5"].map((w) => chain.account(w)) as [string, string, string, string, string];
  const id = (name: string) => `${deployer}.${name}`;

  // The DAO's bootstrap proposal: extensions on, voting parameters, the work-reward rate.
  await chain.call("dao-core", "construct", [Cl.principal(id("dao-bootstrap"))], deployer);

  // A completed, rated job and one in review.
  const due = chain.simnet.getBlockTime() + 14n * DAY;
  const terms = (amounts: bigint[]) => Cl.list(amounts.map((amount) => Cl.tuple({ amount: Cl.uint(amount), "due-date": Cl.uint(due) })));
  await chain.call("escrow", "create-escrow", [Cl.principal(bob), Cl.none(), terms([40n * STX, 60n * STX]), Cl.uint(3n * DAY), Cl.uint(7n * DAY), Cl.none()], alice);
  await chain.call("escrow", "fund-escrow", [Cl.uint(1), Cl.none()], alice);
  for (const milestone of [0, 1]) {
    await chain.call("escrow", "submit-milestone", [Cl.uint(1), Cl.uint(milestone), Cl.buffer(new Uint8Array(32).fill(milestone + 1))], bob);
    await chain.call("escrow", "approve-milestone", [Cl.uint(1), Cl.uint(milestone)], alice);
  }
  await chain.call("escrow", "rate-job", [Cl.uint(1), Cl.uint(5)], alice);
  await chain.call("escrow", "withdraw", [Cl.none()], bob);
  const reward = await chain.call("work-rewards", "claim-work-reward", [Cl.uint(1)], carol);
  await chain.call("escrow", "create-escrow", [Cl.principal(bob), Cl.none(), terms([25n * STX]), Cl.uint(3n * DAY), Cl.uint(7n * DAY), Cl.none()], alice);
  await chain.call("escrow", "fund-escrow", [Cl.uint(2), Cl.none()], alice);
  await chain.call("escrow", "submit-milestone", [Cl.uint(2), Cl.uint(0), Cl.buffer(new Uint8Array(32).fill(9))], bob);

  // The Verified badge: two attestations by carol (attester), then bob's claim.
  await chain.call("badges", "grant-role", [Cl.stringAscii("attester"), Cl.principal(carol)], deployer);
  await chain.call("badges", "submit-attestation", chain.attestation(carol, bob, KIND_X_VERIFIED, 1), bob);
  await chain.call("badges", "submit-attestation", chain.attestation(carol, bob, KIND_VETTED, 2), bob);
  const badge = await chain.call("badges", "claim", [Cl.uint(TIER_VERIFIED)], bob);

  // Votes: bob delegates to himself, alice to carol.
  await chain.call("dao-token", "delegate", [Cl.principal(bob)], bob);
  await chain.call("dao-token", "delegate", [Cl.principal(carol)], alice);
  const votes = (who: string) => uintOf(chain.read("dao-token", "get-votes", [Cl.principal(who)]));

  // A creator coin: dave's metrics, his copy of the template, the launch, liquidity and a buy.
  const [oracle, factory, pool, base] = ["metrics-oracle", "creator-factory", "creator-pool", "mock-sip010"].map(id) as [string, string, string, string];
  await chain.call(oracle, "set-reporter", [Cl.principal(reporter), Cl.bool(true)], deployer);
  await chain.call(factory, "set-base-token", [Cl.principal(base)], deployer);
  let reportNonce = 0n;
  const report = (followers: bigint) =>
    chain.call(oracle, "report", [Cl.buffer(creatorId("dave")), Cl.principal(dave), Cl.uint(4_200n), Cl.uint(followers), Cl.uint(350n), Cl.uint(chain.simnet.getBlockTime()), Cl.uint(++reportNonce)], reporter);
  await report(1_200n);
  const template = readFileSync(join(repoRoot, "clarity/contracts/dex/creator-coin.clar"), "utf8");
  const deployed = await chain.submit(dave, { method: "stx_deployContract", params: { name: "dave-coin", clarityCode: template, clarityVersion: 4, postConditionMode: "deny" } });
  if (deployed.status !== "success") throw new Error(`dave-coin deploy: ${deployed.status} ${deployed.vmError ?? cvToString(deployed.result)}`);
  const coin = `${dave}.dave-coin`;
  await chain.call(
    factory,
    "launch",
    [Cl.contractPrincipal(dave, "dave-coin"), Cl.buffer(creatorId("dave")), Cl.stringAscii("Dave Coin"), Cl.stringAscii("DAVE"), Cl.uint(1_000_000n * STX), Cl.list([Cl.uint(250_000n * STX), Cl.uint(250_000n * STX)]), Cl.uint(1_000n)],
    dave,
  );
  for (const [who, amount] of [[dave, 10_000n], [alice, 2_000n], [bob, 1_000n]] as const) await chain.call(base, "mint", [Cl.uint(amount * STX), Cl.principal(who)], deployer);
  const deadline = () => Cl.uint(chain.simnet.getBlockTime() + 600n);
  await chain.call(pool, "add-liquidity", [Cl.principal(coin), Cl.principal(base), Cl.uint(500_000n * STX), Cl.uint(5_000n * STX), Cl.uint(0), Cl.uint(0), Cl.principal(dave), deadline()], dave);
  await chain.call(pool, "swap-exact-in", [Cl.principal(coin), Cl.principal(base), Cl.principal(base), Cl.uint(100n * STX), Cl.uint(1), Cl.principal(alice), deadline()], alice);

  const worx = (v: bigint) => `${Number(v) / 1e6} WORX`;
  return {
    accounts: { deployer, alice, bob, carol, dave, reporter },
    lines: [
      `escrow 1: alice → bob, 100 STX in 2 milestones, completed and rated 5/5; bob withdrew, and the job's work reward minted ${worx(field(reward, "freelancer-reward"))} to bob, ${worx(field(reward, "client-reward"))} to alice`,
      `escrow 2: alice → bob, 25 STX, milestone 1 submitted, in review`,
      `badges: carol attests bob (x-verified, vetted); bob claimed the Verified badge (token ${uintOf(badge)})`,
      `DAO: bootstrapped; bob delegates to himself (${worx(votes(bob))} of votes), alice to carol (${worx(votes(carol))})`,
      `creator coins: dave launched DAVE (${coin}) with a 500,000 DAVE / 5,000 dUSD pool; alice bought for 100 dUSD`,
    ],
  };
}
