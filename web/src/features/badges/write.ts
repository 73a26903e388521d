/**
 * One WorxBadges write, typed against the generated ABI: simulated first (a claim that would revert
 * is explained without asking the wallet), then sent from the connected wallet.
 */
import type { Address, ContractFunctionArgs, ContractFunctionName, Hash } from "viem";
import type { Config } from "wagmi";
import { simulateContract, writeContract } from "wagmi/actions";
import { worxBadgesAbi } from "../../../../generated/abis.ts";
import { badgesAddress } from "../../chains/evm.ts";

type Abi = typeof worxBadgesAbi;
export type BadgesWrite = ContractFunctionName<Abi, "nonpayable">;

export async function sendBadges<F extends BadgesWrite>(
  config: Config,
  chainId: number,
  account: Address,
  functionName: F,
  args: ContractFunctionArgs<Abi, "nonpayable", F>,
): Promise<Hash> {
  const address = badgesAddress(chainId);
  if (!address) throw new Error("This chain has no badges contract.");
  const { request } = await simulateContract(config, { chainId, account, address, abi: worxBadgesAbi, functionName, args } as never);
  return writeContract(config, request as never);
}
