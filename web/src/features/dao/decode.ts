/**
 * A proposal's calls in words. Every call is decoded with the generated ABI of its target when the
 * target is a Worx contract (admin/decode.ts), ERC-20 transfers out of the treasury read
 * "transfer 250 dUSD to 0x…", plain coin sends "send 1.5 ETH to 0x…", and the governed setters get a
 * sentence: "FeeSplitter.setDaoShare(6000) — send 60% of fees to the DAO treasury, 40% to operations".
 */
import { decodeFunctionData, erc20Abi, formatEther, type Address, type Hex } from "viem";
import { useReadContracts } from "wagmi";
import { abiOf, decodeCall, labelOf } from "../admin/decode.ts";
import { humanDuration, percentOfBps, shortHex } from "../admin/format.ts";
import { formatAmount } from "../escrow/tokens.ts";
import { formatWorx } from "./contracts.ts";

export interface TokenFacts {
  symbol: string;
  decimals: number;
}
/** Known tokens by lowercase address ("0x000…000" is the native coin). */
export type TokenBook = ReadonlyMap<string, TokenFacts>;

export interface ProposalCall {
  target: Address;
  value: bigint;
  data: Hex;
}

const isZero = (a: string) => /^0x0{40}$/i.test(a);

function amountOf(book: TokenBook, token: string, amount: bigint): string {
  const facts = book.get(token.toLowerCase());
  return facts ? formatAmount(amount, facts) : `${amount} units of ${shortHex(token)}`;
}

/** One call of a proposal, in words (`call` and, when known, `summary`). */
export function describeProposalCall(chainId: number, call: ProposalCall, book: TokenBook, nativeSymbol: string): { call: string; summary?: string } {
  const { target, value, data } = call;
  const coins = value > 0n ? `${formatEther(value)} ${nativeSymbol}` : "";
  if (data.length <= 2) return { call: `send ${coins || `0 ${nativeSymbol}`} to ${labelOf(chainId, target)}`, summary: `treasury transfer of ${coins} to ${target}` };
  // ERC-20 transfer from the treasury, whatever the token's contract.
  try {
    const decoded = decodeFunctionData({ abi: erc20Abi, data });
    if (decoded.functionName === "transfer") {
      const [to, amount] = decoded.args as [Address, bigint];
      return { call: `transfer ${amountOf(book, target, amount)} to ${shortHex(to)}`, summary: `treasury transfer to ${to}` };
    }
  } catch {
    // not an ERC-20 call
  }
  const decoded = decodeCall(chainId, target, data, value);
  const args = decoded.functionName ? (decodeFunctionData({ abi: abiFor(decoded), data }).args ?? []) : [];
  const summary = daoSummary(decoded.functionName, args as readonly unknown[], book, chainId) ?? decoded.summary;
  return { call: decoded.call, summary };
}

// decodeCall already decoded it; decode again with the same ABI for the raw arguments.
function abiFor(d: { contract?: string }) {
  return abiOf(d.contract ?? "") ?? erc20Abi;
}

/** Sentences for the DAO's governed setters (the multisig's ones are in admin/decode.ts). */
function daoSummary(fn: string | undefined, args: readonly unknown[], book: TokenBook, chainId: number): string | undefined {
  const a = (i: number) => args[i] as never;
  switch (fn) {
    case "setDaoShare":
      return `send ${percentOfBps(a(0))} of fees to the DAO treasury, ${percentOfBps(10_000 - Number(a(0)))} to operations`;
    case "setPayees":
      return `fees go to treasury ${labelOf(chainId, a(0))} and operations ${labelOf(chainId, a(1))}`;
    case "setRewardRate": {
      const token = a(0) as string;
      const facts = isZero(token) ? { decimals: 18, symbol: "native coin" } : book.get(token.toLowerCase());
      if (!facts) return `set the WORX reward rate of ${labelOf(chainId, token)} to ${a(1)}`;
      const perUnit = ((a(1) as bigint) * 10n ** BigInt(facts.decimals)) / 10n ** 18n;
      return `reward ${formatWorx(perUnit)} per ${facts.symbol} of completed work`;
    }
    case "setClientShare":
      return `clients earn ${percentOfBps(a(0))} of the freelancer's WORX reward`;
    case "setBadgeReward":
      return `reward ${formatWorx(a(1))} per badge of tier ${a(0)}`;
    case "setVotingDelay":
      return `voting starts ${humanDuration(Number(a(0)))} after a proposal`;
    case "setVotingPeriod":
      return `votes last ${humanDuration(Number(a(0)))}`;
    case "setProposalThreshold":
      return `proposing needs ${formatWorx(a(0))} of votes`;
    case "updateQuorumNumerator":
      return `quorum becomes ${a(0)}% of the supply`;
    case "setLateQuorumVoteExtension":
      return `a vote reaching quorum late lasts at least ${humanDuration(Number(a(0)))} more`;
    case "updateDelay":
      return `the timelock delay becomes ${humanDuration(Number(a(0)))}`;
    default:
      return undefined;
  }
}

/** Symbol and decimals of the ERC-20 tokens in `addresses` (native coin from the registry). */
export function useTokenBook(chainId: number, addresses: readonly Address[], nativeSymbol: string): TokenBook {
  const erc20s = [...new Set(addresses.map((a) => a.toLowerCase()))].filter((a) => !isZero(a)) as Address[];
  const { data } = useReadContracts({
    allowFailure: true,
    contracts: erc20s.flatMap((address) => [
      { chainId: chainId as never, address, abi: erc20Abi, functionName: "symbol" } as const,
      { chainId: chainId as never, address, abi: erc20Abi, functionName: "decimals" } as const,
    ]),
    query: { enabled: erc20s.length > 0, staleTime: Infinity },
  });
  const book = new Map<string, TokenFacts>([["0x0000000000000000000000000000000000000000", { symbol: nativeSymbol, decimals: 18 }]]);
  erc20s.forEach((address, i) => {
    const symbol = data?.[2 * i]?.result;
    const decimals = data?.[2 * i + 1]?.result;
    if (typeof symbol === "string" && typeof decimals === "number") book.set(address, { symbol, decimals });
  });
  return book;
}
