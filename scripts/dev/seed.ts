/**
 * Demo data for a local chain: several accounts and escrows in every state, sent as real
 * transactions so the indexer and the SPA see exactly what a user would produce, and one
 * multisig operation waiting for approvals (so the admin console shows a queue).
 * Nothing here needs admin powers: those belong to the multisig (Protocol Ignition module).
 * Import it only after a deploy: it reads the generated registry at load time.
 */
import { createPublicClient, createWalletClient, encodeFunctionData, http, parseEther, parseUnits, zeroAddress, type Address, type Hash, type Hex } from "viem";
import { hardhat } from "viem/chains";
import { demoStablecoinAbi, milestoneEscrowAbi, worxMultisigAbi } from "../../generated/abis.ts";
import { evmContract } from "../../generated/deployments.ts";
import { demoRoles, localAccount } from "./accounts.ts";
import { connectMultisig } from "./multisigOps.ts";

export interface SeedSummary {
  escrows: number;
  accounts: Record<keyof typeof demoRoles, Address>;
  /** The multisig operation left pending: a platform fee change to 8%, 1 of 2 approvals. */
  pendingOperation: { id: Hex; description: string };
}

/** Fee the pending demo operation proposes (basis points). */
export const DEMO_PROPOSED_FEE_BPS = 800;

export async function seedDemo(rpcUrl: string): Promise<SeedSummary> {
  const escrow = evmContract("eip155:31337", "MilestoneEscrow");
  const token = evmContract("eip155:31337", "DemoStablecoin");
  const multisig = connectMultisig({ transport: http(rpcUrl), address: evmContract("eip155:31337", "WorxMultisig"), abi: worxMultisigAbi });
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

  // 6. Governance: the deployer (a multisig owner) proposes lowering the fee to 8%. A fee change
  //    is Routine: one more owner's approval queues it, then it waits 24 h.
  const feeChange = {
    target: escrow,
    value: 0n,
    data: encodeFunctionData({ abi: milestoneEscrowAbi, functionName: "setPlatformFee", args: [DEMO_PROPOSED_FEE_BPS] }),
    nonce: 1n,
  };
  await multisig.propose(feeChange, localAccount(demoRoles.deployer));

  return {
    escrows: count,
    accounts,
    pendingOperation: { id: multisig.id(feeChange), description: `set the platform fee to ${DEMO_PROPOSED_FEE_BPS / 100}% (1 of 2 approvals)` },
  };
}
