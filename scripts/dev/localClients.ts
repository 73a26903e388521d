/**
 * The viem clients the local seed scripts share: reads, Hardhat's test actions, a wallet per demo
 * account (Hardhat's mnemonic, ./accounts.ts), sends that wait for the receipt and refuse a
 * reverted transaction, and a clock move.
 */
import { createPublicClient, createTestClient, createWalletClient, http, type Address, type Hash } from "viem";
import { hardhat } from "viem/chains";
import { localAccount } from "./accounts.ts";

export function localClients(rpcUrl: string) {
  const transport = http(rpcUrl);
  const publicClient = createPublicClient({ chain: hardhat, transport });
  const testClient = createTestClient({ chain: hardhat, mode: "hardhat", transport });
  const wallet = (index: number) => createWalletClient({ chain: hardhat, transport, account: localAccount(index) });
  const mined = async (hash: Promise<Hash>) => {
    const receipt = await publicClient.waitForTransactionReceipt({ hash: await hash });
    if (receipt.status !== "success") throw new Error(`seed transaction ${receipt.transactionHash} reverted`);
    return receipt;
  };
  /** `functionName(args)` on `address` from demo account `from`, mined. */
  const send = (from: number, address: Address, abi: readonly unknown[], functionName: string, args: readonly unknown[]) =>
    mined(wallet(from).writeContract({ address, abi, functionName, args } as never));
  /** Moves the clock `seconds` forward with one `evm_increaseTime` and a single `evm_mine` (a live indexer follows single blocks). */
  const advance = async (seconds: number | bigint) => {
    await testClient.increaseTime({ seconds: Number(seconds) });
    await testClient.request({ method: "evm_mine" } as never);
  };
  return { transport, publicClient, testClient, wallet, mined, send, advance };
}
