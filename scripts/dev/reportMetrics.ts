/**
 * Posting creator metrics to the MetricsOracle as its reporter (REPORTER_ROLE: account 6 locally),
 * for the demo seed, tests and the SPA's end-to-end tests. Like ./multisigOps.ts it takes the ABI
 * as an argument and imports the generated registry for types only, so it loads before a deploy.
 *
 * Creator ids follow the convention of every layer: keccak256(utf8("worx:creator:" + handle)),
 * the handle lowercase (e.g. "dave").
 */
import { createPublicClient, createWalletClient, keccak256, stringToHex, type Account, type Address, type Hash, type Hex, type Transport } from "viem";
import { hardhat } from "viem/chains";
import type { metricsOracleAbi } from "../../generated/abis.ts";

/** The creator id of `handle` (lowercased): keccak256(utf8("worx:creator:" + handle)). */
export function creatorIdOf(handle: string): Hex {
  return keccak256(stringToHex(`worx:creator:${handle.toLowerCase()}`));
}

export interface MetricsReport {
  /** The creator's handle (its id is {@link creatorIdOf}) or its id. */
  handle?: string;
  creatorId?: Hex;
  /** The creator's wallet (fixed at its first report). */
  creator: Address;
  followers: bigint | number;
  plays?: bigint | number;
  engagementBps?: bigint | number;
  /** Unix seconds of the observation; default: the latest block's timestamp, or one second after the
   * creator's last observation when that is the latest block's (the next block is at least one
   * second later, so back-to-back reports work). */
  observedAt?: bigint;
  /** Default: the creator's last nonce + 1, read on chain. */
  nonce?: bigint;
}

export interface ReportMetricsOptions {
  transport: Transport;
  oracle: Address;
  abi: typeof metricsOracleAbi;
  /** An account holding REPORTER_ROLE. */
  reporter: Account;
  chain?: typeof hardhat;
}

/**
 * Post one report and wait for it; throws when it reverts (e.g. an `observedAt` given explicitly
 * that is not after the last one, or older than the oracle's maxAge). Returns the transaction, the
 * creator id, the nonce and observedAt used.
 */
export async function reportMetrics(options: ReportMetricsOptions, report: MetricsReport) {
  const { transport, oracle, abi, reporter, chain = hardhat } = options;
  const publicClient = createPublicClient({ chain, transport });
  const wallet = createWalletClient({ chain, transport, account: reporter });
  const creatorId = report.creatorId ?? (report.handle !== undefined ? creatorIdOf(report.handle) : undefined);
  if (!creatorId) throw new Error("reportMetrics: give a handle or a creatorId");
  const nonce = report.nonce ?? (await publicClient.readContract({ address: oracle, abi, functionName: "lastNonce", args: [creatorId] })) + 1n;
  let observedAt = report.observedAt;
  if (observedAt === undefined) {
    const latest = (await publicClient.getBlock()).timestamp;
    const last = (await publicClient.readContract({ address: oracle, abi, functionName: "metrics", args: [creatorId] })).observedAt;
    observedAt = latest > last ? latest : last + 1n;
  }
  const hash: Hash = await wallet.writeContract({
    address: oracle,
    abi,
    functionName: "report",
    args: [creatorId, report.creator, BigInt(report.plays ?? 0), BigInt(report.followers), BigInt(report.engagementBps ?? 0), observedAt, nonce],
  });
  const receipt = await publicClient.waitForTransactionReceipt({ hash });
  if (receipt.status !== "success") throw new Error(`metrics report ${hash} reverted`);
  return { hash, receipt, creatorId, nonce, observedAt };
}
