/**
 * The admin operations the console proposes, checked before the wallet is asked: the fee against
 * the contract's hard cap (MAX_FEE_BPS), addresses for shape and checksum. Pure functions, plus the
 * next unused nonce.
 */
import { encodeFunctionData, getAddress, isAddress, keccak256, toHex, type Address } from "viem";
import type { Config } from "wagmi";
import { readContract } from "wagmi/actions";
import { milestoneEscrowAbi, worxMultisigAbi } from "../../../../generated/abis.ts";
import { highestIndexedNonce } from "../../indexer/multisig.ts";
import { percentOfBps } from "./format.ts";
import { operationId, type MultisigInfo, type Operation } from "./multisig.ts";

export type ProposalKind = "fee" | "recipient" | "unpause" | "arbiter" | "token";

export const proposalLabels: Record<ProposalKind, string> = {
  fee: "Set the platform fee",
  recipient: "Set the fee recipient",
  unpause: "Unpause the escrow",
  arbiter: "Appoint an arbiter",
  token: "Allow or disallow a token",
};

/** MilestoneEscrow.ARBITER_ROLE (AccessControl role ids are the keccak-256 of their names). */
const ARBITER_ROLE = keccak256(toHex("ARBITER_ROLE"));

export interface ProposalInput {
  fee: string;
  recipient: string;
  /** The arbiter to appoint, or the token to allow / disallow. */
  account: string;
  allowed: boolean;
}

export type Checked<T> = { value: T; error?: undefined } | { value?: undefined; error: string };

/** A fee typed in percent ("7.5") as basis points, within the contract's cap. */
export function parseFeePercent(text: string, maxBps: number, currentBps?: number): Checked<number> {
  const s = text.trim().replace(/%$/, "").trim();
  if (s === "") return { error: "Enter the new fee in percent, like 7.5." };
  if (!/^(\d+(\.\d*)?|\.\d+)$/.test(s)) return { error: "Enter a number of percent, like 7.5 or 10." };
  const [whole = "", fraction = ""] = s.split(".");
  if (fraction.replace(/0+$/, "").length > 2) return { error: "Fees are in basis points: use at most 2 digits after the point (0.01% steps)." };
  const bps = Number(whole || "0") * 100 + Number(fraction.padEnd(2, "0").slice(0, 2));
  if (bps > maxBps) return { error: `The fee can be at most ${percentOfBps(maxBps)}: that is the contract's hard cap (MAX_FEE_BPS = ${maxBps}).` };
  if (currentBps !== undefined && bps === currentBps) return { error: `The platform fee is already ${percentOfBps(bps)}.` };
  return { value: bps };
}

/** An address typed by a person: shape, checksum (when mixed case), non-zero, and not `current`. */
export function parseAddress(text: string, current?: Address, zeroOk = false): Checked<Address> {
  const s = text.trim();
  if (s === "") return { error: "Enter an address." };
  if (!isAddress(s, { strict: false })) return { error: "This is not an address: expected 0x followed by 40 hexadecimal characters." };
  if (s !== s.toLowerCase() && s.slice(2) !== s.slice(2).toUpperCase() && !isAddress(s, { strict: true }))
    return { error: "The address checksum does not match: check it for typos." };
  const address = getAddress(s);
  if (!zeroOk && /^0x0{40}$/.test(address)) return { error: "The zero address can't receive fees." };
  if (current && address.toLowerCase() === current.toLowerCase()) return { error: "This is already the fee recipient." };
  return { value: address };
}

/** The escrow call of a proposal, or why it can't be proposed now. */
export function buildCall(kind: ProposalKind, input: ProposalInput, info: MultisigInfo): Checked<`0x${string}`> {
  switch (kind) {
    case "fee": {
      const fee = parseFeePercent(input.fee, info.maxFeeBps, info.platformFeeBps);
      return fee.error !== undefined ? fee : { value: encodeFunctionData({ abi: milestoneEscrowAbi, functionName: "setPlatformFee", args: [fee.value] }) };
    }
    case "recipient": {
      const to = parseAddress(input.recipient, info.feeRecipient);
      return to.error !== undefined ? to : { value: encodeFunctionData({ abi: milestoneEscrowAbi, functionName: "setFeeRecipient", args: [to.value] }) };
    }
    case "unpause":
      if (!info.escrowPaused) return { error: "The escrow is not paused: unpausing it would fail when executed." };
      return { value: encodeFunctionData({ abi: milestoneEscrowAbi, functionName: "unpause" }) };
    case "arbiter": {
      const who = parseAddress(input.account);
      if (who.error !== undefined) return who.error === "The zero address can't receive fees." ? { error: "The zero address can't be an arbiter." } : who;
      return { value: encodeFunctionData({ abi: milestoneEscrowAbi, functionName: "grantRole", args: [ARBITER_ROLE, who.value] }) };
    }
    case "token": {
      // The zero address stands for the native coin.
      const token = parseAddress(input.account, undefined, true);
      return token.error !== undefined
        ? token
        : { value: encodeFunctionData({ abi: milestoneEscrowAbi, functionName: "setTokenAllowed", args: [token.value, input.allowed] }) };
    }
  }
}

/**
 * The next unused nonce: one above the highest the indexer has seen for this multisig (a counter
 * kept by the indexer), confirmed unused on chain — the operation's id must be Unknown there, so a
 * lagging indexer never makes two proposals collide.
 */
export async function nextOperation(config: Config, info: MultisigInfo, caip2: string, call: Pick<Operation, "target" | "value" | "data">): Promise<Operation> {
  let nonce: bigint;
  try {
    nonce = (await highestIndexedNonce(caip2, info.multisig)) + 1n;
  } catch {
    nonce = BigInt(Math.floor(Date.now() / 1000)); // indexer unreachable: a timestamp is unused in practice, and checked below
  }
  for (let tries = 0; tries < 32; tries++, nonce++) {
    const op: Operation = { ...call, nonce };
    const state = await readContract(config, {
      chainId: info.chainId as never,
      address: info.multisig,
      abi: worxMultisigAbi,
      functionName: "operationState",
      args: [operationId(info.chainId, info.multisig, op)],
    });
    if (state === 0) return op;
  }
  throw new Error("Could not find an unused nonce: the indexer is far behind the chain. Try again in a moment.");
}
