/**
 * Demo data for a local chain: several accounts and escrows in every state, sent as real
 * transactions so the indexer and the SPA see exactly what a user would produce.
 * Import it only after a deploy: it reads the generated registry at load time.
 */
import { createPublicClient, createWalletClient, http, parseEther, parseUnits, zeroAddress, type Address, type Hash } from "viem";
import { hardhat } from "viem/chains";
import { demoStablecoinAbi, milestoneEscrowAbi } from "../../generated/abis.ts";
import { evmContract } from "../../generated/deployments.ts";
import { demoRoles, localAccount } from "./accounts.ts";

export interface SeedSummary {
  escrows: number;
  accounts: Record<keyof typeof demoRoles, Address>;
}

export async function seedDemo(rpcUrl: string): Promise<SeedSummary> {
  const escrow = evmContract("eip155:31337", "MilestoneEscrow");
  const token = evmContract("eip155:31337", "DemoStablecoin");
  const transport = http(rpcUrl);
  const publicClient = createPublicClient({ chain: hardhat, transport });
  const wallet = (index: number) => createWalletClient({ chain: hardhat, transport, account: localAccount(index) });
  const mined = async (hash: Promise<Hash>) => {
    const receipt = await publicClient.waitForTransactionReceipt({ hash: await hash });
    if (receipt.status !== "success") throw new Error(`seed transaction ${receipt.transactionHash} reverted`);
    return receipt;
  };
  const accounts = Object.fromEntries(
    Object.entries(demoRoles).map(([name, index]) => [name, localAccount(index).address]),
  ) as SeedSummary["accounts"];
  const usd = (n: number) => parseUnits(String(n), 6);

  // Every demo client gets dUSD and approves the escrow once.
  for (const index of [demoRoles.alice, demoRoles.carol]) {
    const w = wallet(index);
    await mined(w.writeContract({ address: token, abi: demoStablecoinAbi, functionName: "mint", args: [w.account.address, usd(100_000)] }));
    await mined(w.writeContract({ address: token, abi: demoStablecoinAbi, functionName: "approve", args: [escrow, 2n ** 255n] }));
  }

  let count = 0;
  const create = async (client: number, freelancer: number, asset: Address, amounts: bigint[]) => {
    await mined(wallet(client).writeContract({
      address: escrow, abi: milestoneEscrowAbi, functionName: "createEscrow",
      args: [localAccount(freelancer).address, asset, amounts],
    }));
    return BigInt(++count);
  };
  const fund = (client: number, id: bigint, value = 0n) =>
    mined(wallet(client).writeContract({ address: escrow, abi: milestoneEscrowAbi, functionName: "fundEscrow", args: [id], value }));
  const submit = (freelancer: number, id: bigint, index: bigint) =>
    mined(wallet(freelancer).writeContract({
      address: escrow, abi: milestoneEscrowAbi, functionName: "submitMilestone",
      args: [id, index, `0x${(Number(id) * 1000 + Number(index)).toString(16).padStart(64, "0")}`],
    }));
  const approve = (client: number, id: bigint, index: bigint) =>
    mined(wallet(client).writeContract({ address: escrow, abi: milestoneEscrowAbi, functionName: "approveMilestone", args: [id, index] }));

  const { alice, bob, carol, dave } = demoRoles;

  // 1. Completed logo design, paid out and withdrawn by the freelancer.
  const logo = await create(alice, bob, token, [usd(500), usd(750)]);
  await fund(alice, logo);
  for (const i of [0n, 1n]) {
    await submit(bob, logo, i);
    await approve(alice, logo, i);
  }
  await mined(wallet(bob).writeContract({ address: escrow, abi: milestoneEscrowAbi, functionName: "withdraw", args: [token] }));

  // 2. Website build in progress: first milestone released, second submitted, third pending.
  const site = await create(carol, dave, token, [usd(1_000), usd(2_000), usd(1_500)]);
  await fund(carol, site);
  await submit(dave, site, 0n);
  await approve(carol, site, 0n);
  await submit(dave, site, 1n);

  // 3. Native-coin audit, funded, nothing delivered yet.
  const audit = await create(alice, carol, zeroAddress, [parseEther("2"), parseEther("3")]);
  await fund(alice, audit, parseEther("5"));

  // 4. Agreed but not yet funded.
  await create(alice, dave, token, [usd(300)]);

  // 5. Cancelled before funding.
  const cancelled = await create(carol, bob, token, [usd(250), usd(250)]);
  await mined(wallet(bob).writeContract({ address: escrow, abi: milestoneEscrowAbi, functionName: "cancelEscrow", args: [cancelled] }));

  return { escrows: count, accounts };
}
