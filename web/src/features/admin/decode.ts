/**
 * What an operation does, in words. The target is looked up by address in the generated address
 * book (generated/deployments.ts), its calldata decoded with that contract's generated ABI
 * (generated/abis.ts), and well-known admin functions get a sentence:
 * "MilestoneEscrow.setPlatformFee(750) — set platform fee to 7.5%".
 * Unknown targets or undecodable data are shown as they are, never guessed.
 */
import { decodeFunctionData, formatEther, keccak256, toFunctionSelector, toHex, zeroHash, type Abi, type AbiFunction, type Address, type Hex } from "viem";
import {
  creatorCoinFactoryAbi,
  demoStablecoinAbi,
  feeSplitterAbi,
  metricsOracleAbi,
  milestoneEscrowAbi,
  stakingFeeDiscountAbi,
  timelockControllerAbi,
  workRewardsAbi,
  worxBadgesAbi,
  worxGovernorAbi,
  worxMultisigAbi,
  worxTokenAbi,
} from "../../../../generated/abis.ts";
import { deployments } from "../../../../generated/deployments.ts";
import { evmCaip2 } from "../../../../scripts/registry/chains.ts";
import type { WorxContract } from "../../chains/evm.ts";
import { classOfIndex } from "./multisig.ts";
import { humanDuration, percentOfBps, shortHex } from "./format.ts";

export interface DecodedCall {
  /** The contract's name in the address book, when the target is a Worx contract. */
  contract?: string;
  /** The function's name, when the data decoded. */
  functionName?: string;
  /** `Contract.fn(args)` or a raw description. */
  call: string;
  /** What it does, in words, when the function is a known admin function. */
  summary?: string;
}

/**
 * The generated ABI of every contract the SPA knows by name (chains/evm.ts `WorxContract`): adding
 * a name there fails the type check until its ABI is listed here. Only these are bundled (a
 * namespace import of generated/abis.ts would ship every ABI in the initial chunk).
 */
const abiByContract: Record<WorxContract, Abi> = {
  MilestoneEscrow: milestoneEscrowAbi,
  WorxMultisig: worxMultisigAbi,
  DemoStablecoin: demoStablecoinAbi,
  WorxBadges: worxBadgesAbi,
  WorxToken: worxTokenAbi,
  WorxGovernor: worxGovernorAbi,
  TimelockController: timelockControllerAbi,
  FeeSplitter: feeSplitterAbi,
  WorkRewards: workRewardsAbi,
  StakingFeeDiscount: stakingFeeDiscountAbi,
  MetricsOracle: metricsOracleAbi,
  CreatorCoinFactory: creatorCoinFactoryAbi,
};

export function abiOf(contract: string): Abi | undefined {
  return (abiByContract as Record<string, Abi | undefined>)[contract];
}

/** The Worx contract deployed at `address` on `chainId`, by the generated address book. */
export function contractNameAt(chainId: number, address: string): string | undefined {
  const book = deployments[evmCaip2(chainId)];
  for (const [name, at] of Object.entries(book?.contracts ?? {})) if (at.toLowerCase() === address.toLowerCase()) return name;
  return undefined;
}

/** A Worx contract's name, or the short address. */
export function labelOf(chainId: number, address: string): string {
  return contractNameAt(chainId, address) ?? shortHex(address);
}

// AccessControl role ids of the administered contracts: keccak256 of their names.
const ROLE_NAMES = ["FEE_MANAGER_ROLE", "PAUSER_ROLE", "ARBITER_ROLE", "ATTESTER_ROLE"];
const TIERS = ["None", "Bronze", "Silver", "Gold", "Platinum", "Verified"];
export function roleName(role: Hex): string {
  if (role === zeroHash) return "DEFAULT_ADMIN_ROLE";
  return ROLE_NAMES.find((n) => keccak256(toHex(n)) === role) ?? shortHex(role, 10, 4);
}

/** "MilestoneEscrow.setPlatformFee" for a (target, selector) pair, as far as the ABIs know it. */
export function selectorName(chainId: number, target: Address, selector: Hex): string {
  const contract = contractNameAt(chainId, target);
  const abi = contract ? abiOf(contract) : undefined;
  const fn = abi?.find((item): item is AbiFunction => item.type === "function" && toFunctionSelector(item) === selector.toLowerCase());
  if (selector === "0x00000000") return `plain transfers to ${labelOf(chainId, target)}`;
  return `${contract ?? shortHex(target)}.${fn ? fn.name : selector}`;
}

function argText(value: unknown): string {
  if (typeof value === "bigint" || typeof value === "number" || typeof value === "boolean") return String(value);
  if (typeof value === "string") return /^0x[0-9a-fA-F]{40}$/.test(value) ? shortHex(value) : value.length > 24 ? shortHex(value, 10, 4) : value;
  if (Array.isArray(value)) return `[${value.map(argText).join(", ")}]`;
  return JSON.stringify(value, (_k, v) => (typeof v === "bigint" ? v.toString() : v));
}

/** Sentences for the admin functions of the contracts the multisig administers (and itself). */
function summarize(chainId: number, contract: string, fn: string, args: readonly unknown[]): string | undefined {
  const a = (i: number) => args[i] as never;
  const who = (address: string) => labelOf(chainId, address);
  const cls = (i: number) => (classOfIndex(Number(a(i))) === "routine" ? "Routine" : "Critical");
  switch (fn) {
    case "setPlatformFee":
      return `set platform fee to ${percentOfBps(a(0))}`;
    case "setFeeRecipient":
      return `send platform fees to ${who(a(0))}`;
    case "pause":
      return contract === "MilestoneEscrow" ? "pause the escrow (no new escrows or funding)" : `pause ${contract}`;
    case "unpause":
      return contract === "MilestoneEscrow" ? "unpause the escrow (new escrows and funding resume)" : `unpause ${contract}`;
    case "grantRole":
      return roleName(a(0)) === "ARBITER_ROLE"
        ? `appoint ${who(a(1))} arbiter (may rule disputes)`
        : roleName(a(0)) === "ATTESTER_ROLE"
          ? `appoint ${who(a(1))} attester (may sign badge attestations)`
          : `grant ${roleName(a(0))} to ${who(a(1))}`;
    case "setTierConfig": {
      const c = a(1) as { minCompletedJobs: number; minSatisfactionBps: number; requiresXVerified: boolean; requiresVetted: boolean; soulbound: boolean; feeDiscountBps: number };
      const needs = [`${c.minCompletedJobs} completed jobs`, `satisfaction ≥ ${percentOfBps(c.minSatisfactionBps)}`];
      if (c.requiresXVerified) needs.push("a verified X account");
      if (c.requiresVetted) needs.push("vetting");
      return `${TIERS[Number(a(0))] ?? `tier ${a(0)}`} badges need ${needs.join(", ")}; ${c.soulbound ? `soul-bound, ${percentOfBps(c.feeDiscountBps)} fee discount` : "transferable, no fee discount"}`;
    }
    case "setTokenAllowed":
      return `${a(1) ? "allow" : "disallow"} ${/^0x0{40}$/.test(a(0)) ? "the native coin" : who(a(0))} for new escrows`;
    case "setFeeDiscountSource":
      return /^0x0{40}$/.test(a(0)) ? "switch fee discounts off" : `read fee discounts from ${who(a(0))}`;
    case "revokeRole":
      return `revoke ${roleName(a(0))} from ${who(a(1))}`;
    case "addOwner":
      return `add ${who(a(0))} as an owner`;
    case "removeOwner":
      return `remove owner ${who(a(0))}`;
    case "setThreshold":
      return `require ${a(1)} owner approvals for ${cls(0)} operations`;
    case "setDelay":
      return `set the ${cls(0)} timelock to ${humanDuration(Number(a(1)))}`;
    case "configureClass":
      return `make ${selectorName(chainId, a(0), a(1))} calls ${cls(2)}`;
    case "setPausableTarget":
      return a(1) ? `let the guardian pause ${who(a(0))}` : `stop the guardian from pausing ${who(a(0))}`;
    case "setGuardian":
      return /^0x0{40}$/.test(a(0)) ? "remove the guardian" : `make ${who(a(0))} the guardian`;
    default:
      return undefined;
  }
}

/** Decodes one operation's call. */
export function decodeCall(chainId: number, target: Address, data: Hex, value: bigint): DecodedCall {
  const contract = contractNameAt(chainId, target);
  const sends = value > 0n ? ` and send ${formatEther(value)} native coin` : "";
  if (data.length < 10) {
    return { contract, call: `transfer to ${contract ?? shortHex(target)}`, summary: value > 0n ? `send ${formatEther(value)} native coin to ${contract ?? target}` : "an empty call" };
  }
  const abi = contract ? abiOf(contract) : undefined;
  if (!contract || !abi) return { contract, call: `call ${contract ?? shortHex(target)} with ${data.slice(0, 10)}… (${(data.length - 2) / 2} bytes)${sends}` };
  try {
    const decoded = decodeFunctionData({ abi, data });
    const args = (decoded.args ?? []) as readonly unknown[];
    const summary = summarize(chainId, contract, decoded.functionName, args);
    return {
      contract,
      functionName: decoded.functionName,
      call: `${contract}.${decoded.functionName}(${args.map(argText).join(", ")})`,
      summary: summary ? summary + sends : sends ? sends.slice(5) : undefined,
    };
  } catch {
    return { contract, call: `call ${contract} with unknown function ${data.slice(0, 10)}${sends}` };
  }
}

/** "MilestoneEscrow.setPlatformFee(750) — set platform fee to 7.5%". */
export const describeCall = (d: DecodedCall) => (d.summary ? `${d.call} — ${d.summary}` : d.call);
