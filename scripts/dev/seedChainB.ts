/**
 * Demo data for the second local chain (31338, `npm start`'s :8544): a smaller history than chain A's
 * (./seed.ts) with other figures, so that every view shows which chain a row comes from — carol's
 * one completed job (alice → carol, 250 dUSD, rated 4/5: carol on the cross-chain leaderboard from
 * this chain only), a native-coin job of dave's for bob with its first milestone in review, and an
 * unfunded dUSD escrow. The contracts are at the same addresses as on chain A (CREATE2).
 * Import it only after the deploys: it reads the generated registry at load time.
 */
import { parseEther, parseUnits } from "viem";
import { milestoneEscrowAbi } from "../../generated/abis.ts";
import { evmContract } from "../../generated/deployments.ts";
import { demoRoles, localAccount } from "./accounts.ts";
import { localClients } from "./localClients.ts";
import { seedCompletedJobs } from "./seed.ts";

const DAY = 86_400;

export interface ChainBSeedSummary {
  chainId: number;
  escrows: number;
  /** One line per escrow: its id and what state it shows. */
  states: string[];
}

/** Carol's completed job on chain B: dUSD paid, stars given. */
export const CHAIN_B_CAROL_JOB = { amount: 250, rating: 4 } as const;

export async function seedChainB(rpcUrl: string, chainId = 31338): Promise<ChainBSeedSummary> {
  const caip2 = `eip155:${chainId}` as const;
  const escrow = evmContract(caip2, "MilestoneEscrow");
  const token = evmContract(caip2, "DemoStablecoin");
  const { publicClient, wallet, mined } = localClients(rpcUrl, chainId);
  const { alice, bob, carol, dave } = demoRoles;
  const states: string[] = [];

  // 1. Carol's one completed job on this chain.
  const [carolJob] = await seedCompletedJobs(rpcUrl, { client: alice, freelancer: carol, count: 1, ...CHAIN_B_CAROL_JOB, chainId });
  states.push(`#${carolJob} completed and rated ${CHAIN_B_CAROL_JOB.rating}/5 (alice → carol, ${CHAIN_B_CAROL_JOB.amount} dUSD)`);

  const now = Number((await publicClient.getBlock()).timestamp);
  const call = (from: number, functionName: string, args: readonly unknown[], value?: bigint) =>
    mined(wallet(from).writeContract({ address: escrow, abi: milestoneEscrowAbi, functionName, args, value } as never));
  const create = async (client: number, freelancer: number, asset: `0x${string}`, amounts: bigint[]) => {
    const milestones = amounts.map((amount, i) => ({ amount, dueDate: now + (i + 1) * 14 * DAY }));
    await call(client, "createEscrow", [localAccount(freelancer).address, asset, milestones, 3 * DAY, 7 * DAY]);
    return (await publicClient.readContract({ address: escrow, abi: milestoneEscrowAbi, functionName: "escrowCount" })) as bigint;
  };

  // 2. Dave hires bob in the native coin: funded, milestone 1 delivered and in review.
  const review = await create(dave, bob, "0x0000000000000000000000000000000000000000", [parseEther("1"), parseEther("1.5")]);
  await call(dave, "fundEscrow", [review], parseEther("2.5"));
  await call(bob, "submitMilestone", [review, 0n, `0x${"b2".repeat(32)}`]);
  states.push(`#${review} funded, milestone 1 in review (dave → bob, ETH)`);

  // 3. Agreed, not yet funded.
  const unfunded = await create(alice, carol, token, [parseUnits("600", 6)]);
  states.push(`#${unfunded} created, not funded yet (alice → carol, dUSD)`);

  const count = (await publicClient.readContract({ address: escrow, abi: milestoneEscrowAbi, functionName: "escrowCount" })) as bigint;
  return { chainId, escrows: Number(count), states };
}
