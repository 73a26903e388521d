/**
 * The DAO's contracts on a chain (from the generated address book) and its live settings read from
 * chain: the governor's threshold, delay, period, quorum and guardian, the timelock's delay. Writes
 * are simulated first (a call that would revert is explained without asking the wallet).
 */
import { formatUnits, type Abi, type Address, type Hash } from "viem";
import type { Config } from "wagmi";
import { useReadContracts } from "wagmi";
import { simulateContract, writeContract } from "wagmi/actions";
import { timelockControllerAbi, worxGovernorAbi } from "../../../../generated/abis.ts";
import { contractAddress } from "../../chains/evm.ts";

export interface DaoAddresses {
  token: Address;
  governor: Address;
  timelock: Address;
  splitter?: Address;
  rewards?: Address;
  discount?: Address;
}

/** The DAO of `chainId`, when its token, governor and timelock are deployed there. */
export function daoAddresses(chainId: number): DaoAddresses | undefined {
  const token = contractAddress(chainId, "WorxToken");
  const governor = contractAddress(chainId, "WorxGovernor");
  const timelock = contractAddress(chainId, "TimelockController");
  if (!token || !governor || !timelock) return undefined;
  return {
    token,
    governor,
    timelock,
    splitter: contractAddress(chainId, "FeeSplitter"),
    rewards: contractAddress(chainId, "WorkRewards"),
    discount: contractAddress(chainId, "StakingFeeDiscount"),
  };
}

export interface GovernorInfo {
  proposalThreshold: bigint;
  votingDelay: bigint;
  votingPeriod: bigint;
  quorumNumerator: bigint;
  quorumDenominator: bigint;
  voteExtension: bigint;
  guardian: Address;
  timelockDelay: bigint;
}

export function useGovernorInfo(chainId: number, dao: DaoAddresses) {
  const gov = { chainId: chainId as never, address: dao.governor, abi: worxGovernorAbi } as const;
  const result = useReadContracts({
    allowFailure: false,
    contracts: [
      { ...gov, functionName: "proposalThreshold" },
      { ...gov, functionName: "votingDelay" },
      { ...gov, functionName: "votingPeriod" },
      { ...gov, functionName: "quorumNumerator" },
      { ...gov, functionName: "quorumDenominator" },
      { ...gov, functionName: "lateQuorumVoteExtension" },
      { ...gov, functionName: "guardian" },
      { chainId: chainId as never, address: dao.timelock, abi: timelockControllerAbi, functionName: "getMinDelay" },
    ],
    query: { refetchInterval: 15_000 },
  });
  const d = result.data;
  const info: GovernorInfo | undefined = d
    ? {
        proposalThreshold: d[0],
        votingDelay: d[1],
        votingPeriod: d[2],
        quorumNumerator: d[3],
        quorumDenominator: d[4],
        voteExtension: BigInt(d[5]),
        guardian: d[6],
        timelockDelay: d[7],
      }
    : undefined;
  return { info, error: result.error, refetch: result.refetch };
}

/** WORX amounts (18 decimals) for people: "1,250.5 WORX". */
export function formatWorx(value: bigint, digits = 4): string {
  const [whole, fraction = ""] = formatUnits(value, 18).split(".");
  const grouped = whole!.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  const cut = fraction.slice(0, digits).replace(/0+$/, "");
  return `${cut ? `${grouped}.${cut}` : grouped} WORX`;
}

/** One write on a DAO contract, simulated first, then sent from the connected wallet. */
export async function sendDao(
  config: Config,
  chainId: number,
  account: Address,
  address: Address,
  abi: Abi,
  functionName: string,
  args: readonly unknown[],
  value?: bigint,
): Promise<Hash> {
  const { request } = await simulateContract(config, { chainId, account, address, abi, functionName, args, value } as never);
  return writeContract(config, request as never);
}
