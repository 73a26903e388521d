/**
 * Gas of each escrow operation on Hardhat's in-process EVM, measured from real receipts, beside the
 * OpenZeppelin ERC-20 `transfer` measured in the same run (the anchor: the cheapest useful thing a
 * token can do). Shared by `npm run bench` and the committed gas snapshot check.
 */
import { network } from "hardhat";
import type { Hash } from "viem";

export interface GasRow {
  operation: string;
  gas: number;
}

export const ANCHOR_NAME = "OpenZeppelin ERC20.transfer";

export async function measureEscrowGas(): Promise<{ rows: GasRow[]; anchorGas: number }> {
  const { viem } = await network.create();
  const publicClient = await viem.getPublicClient();
  const [admin, client, freelancer, other] = await viem.getWalletClients();
  const gasOf = async (hash: Promise<Hash>) =>
    Number((await publicClient.waitForTransactionReceipt({ hash: await hash })).gasUsed);

  const token = await viem.deployContract("DemoStablecoin", ["Demo USD", "dUSD"]);
  const escrow = await viem.deployContract("MilestoneEscrow", [admin.account.address, admin.account.address, 1_000]);
  const asClient = { account: client.account };
  const asFreelancer = { account: freelancer.account };

  await gasOf(token.write.mint([client.account.address, 10n ** 12n]));
  await gasOf(token.write.approve([escrow.address, 2n ** 255n], asClient));
  // Anchor: a transfer to an account with no balance yet, like a first payout.
  const anchorGas = await gasOf(token.write.transfer([other.account.address, 1_000_000n], asClient));

  const amounts = [100_000_000n, 200_000_000n, 300_000_000n];
  const rows: GasRow[] = [];
  const record = async (operation: string, hash: Promise<Hash>) => rows.push({ operation, gas: await gasOf(hash) });

  await record("createEscrow (ERC-20, 3 milestones)", escrow.write.createEscrow([freelancer.account.address, token.address, amounts], asClient));
  await record("fundEscrow (ERC-20)", escrow.write.fundEscrow([1n], asClient));
  await record("submitMilestone", escrow.write.submitMilestone([1n, 0n, `0x${"ab".repeat(32)}`], asFreelancer));
  await record("approveMilestone (release)", escrow.write.approveMilestone([1n, 0n], asClient));
  await gasOf(escrow.write.submitMilestone([1n, 1n, `0x${"00".repeat(32)}`], asFreelancer));
  await gasOf(escrow.write.approveMilestone([1n, 1n], asClient));
  await gasOf(escrow.write.submitMilestone([1n, 2n, `0x${"00".repeat(32)}`], asFreelancer));
  await record("approveMilestone (last, completes)", escrow.write.approveMilestone([1n, 2n], asClient));
  await record("withdraw (ERC-20)", escrow.write.withdraw([token.address], asFreelancer));

  const native = "0x0000000000000000000000000000000000000000";
  await record("createEscrow (native, 1 milestone)", escrow.write.createEscrow([freelancer.account.address, native, [10n ** 18n]], asClient));
  await record("fundEscrow (native)", escrow.write.fundEscrow([2n], { ...asClient, value: 10n ** 18n }));
  await record("cancelEscrow", (async () => {
    await gasOf(escrow.write.createEscrow([freelancer.account.address, token.address, [1n]], asClient));
    return escrow.write.cancelEscrow([3n], asClient);
  })());
  return { rows, anchorGas };
}
