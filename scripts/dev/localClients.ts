/**
 * The viem clients the local seed scripts share: reads, Hardhat's test actions, a wallet per demo
 * account (Hardhat's mnemonic, ./accounts.ts), sends that wait for the receipt and refuse a
 * reverted transaction, and a clock move.
 */
import { createPublicClient, createTestClient, createWalletClient, defineChain, http, type Address, type Hash } from "viem";
import { hardhat } from "viem/chains";
import { localAccount } from "./accounts.ts";

/** Clients of the local node at `rpcUrl`, whose chain id is `chainId` (31337, or 31338 for the second local chain). */
export function localClients(rpcUrl: string, chainId = 31337) {
  const transport = http(rpcUrl);
  // viem refuses to send on a node whose chain id differs from the client's chain.
  const chain = chainId === hardhat.id ? hardhat : defineChain({ ...hardhat, id: chainId });
  const publicClient = createPublicClient({ chain, transport });
  const testClient = createTestClient({ chain, mode: "hardhat", transport });
  const wallet = (index: number) => createWalletClient({ chain, transport, account: localAccount(index) });
  const mined = async (hash: Promise<Hash>) => {
    const receipt = await publicClient.waitForTransactionReceipt({ hash: await hash });
    if (receipt.status !== "success") throw new Error(`seed transaction ${receipt.transactionHash} reverted`);
    return receipt;
  };
  /** `functionName(args)` on `address` from demo account `from`, mined. */
  const send = (from: number, address: Address, abi: readonly unknown[], functionName: string, args: readonly unknown[]) =>
    mined(wallet(from).writeContract({ address, abi, functionName, args } as never));
  /** Moves the clock `seconds` forward and mines one block ({@link advanceClock}). */
  const advance = (seconds: number | bigint) => advanceClock(testClient, seconds);
  return { transport, chain, publicClient, testClient, wallet, mined, send, advance };
}

/** What {@link advanceClock} needs of a viem test client. */
interface ClockClient {
  increaseTime(args: { seconds: number }): Promise<unknown>;
  request(args: never): Promise<unknown>;
}

/**
 * Moves a local node's clock `seconds` forward with one `evm_increaseTime` and a single
 * `evm_mine`: a live indexer follows single blocks (Ponder 0.16 stalls on blocks `hardhat_mine`
 * reserved inside its newest 30).
 */
export async function advanceClock(testClient: ClockClient, seconds: number | bigint): Promise<void> {
  await testClient.increaseTime({ seconds: Number(seconds) });
  await testClient.request({ method: "evm_mine" } as never);
}
