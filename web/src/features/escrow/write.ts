/**
 * One escrow write, typed against the generated ABI: simulated first (a call that would revert is
 * explained without asking the wallet or spending gas), then sent from the connected wallet.
 */
import type { Address, ContractFunctionArgs, ContractFunctionName, Hash } from "viem";
import type { Config } from "wagmi";
import { simulateContract, writeContract } from "wagmi/actions";
import { milestoneEscrowAbi } from "../../../../generated/abis.ts";
import { escrowAddress } from "../../chains/evm.ts";

type Abi = typeof milestoneEscrowAbi;
export type EscrowWrite = ContractFunctionName<Abi, "nonpayable" | "payable">;

export async function sendEscrow<F extends EscrowWrite>(
  config: Config,
  chainId: number,
  account: Address,
  functionName: F,
  args: ContractFunctionArgs<Abi, "nonpayable" | "payable", F>,
  value?: bigint,
): Promise<Hash> {
  const { request } = await simulateContract(config, {
    chainId,
    account,
    address: escrowAddress(chainId),
    abi: milestoneEscrowAbi,
    functionName,
    args,
    value,
  } as never);
  return writeContract(config, request as never);
}
