/**
 * The DEX's contracts on a chain: the metrics oracle and the coin factory from the generated
 * address book; coins and pools have no fixed address (the factory deploys them), their ABIs come
 * from the generated registry too. Creator ids follow the convention of every layer:
 * `keccak256(utf8("worx:creator:" + handle))`, handle lowercase. Every write is simulated first
 * (a call that would revert is explained without asking the wallet), then sent.
 */
import { erc20Abi, keccak256, toBytes, type Address, type ContractFunctionArgs, type ContractFunctionName, type Hash, type Hex } from "viem";
import type { Config } from "wagmi";
import { simulateContract, writeContract } from "wagmi/actions";
import { creatorCoinAbi, creatorCoinFactoryAbi, creatorPoolAbi, metricsOracleAbi } from "../../../../generated/abis.ts";
import { contractAddress } from "../../chains/evm.ts";

export interface DexAddresses {
  oracle: Address;
  factory: Address;
}

/** The DEX of `chainId`, when its oracle and factory are deployed there. */
export function dexAddresses(chainId: number): DexAddresses | undefined {
  const oracle = contractAddress(chainId, "MetricsOracle");
  const factory = contractAddress(chainId, "CreatorCoinFactory");
  return oracle && factory ? { oracle, factory } : undefined;
}

/** A creator's id in the oracle, from its handle ("dave"): keccak256("worx:creator:dave"). */
export const creatorIdOf = (handle: string): Hex => keccak256(toBytes(`worx:creator:${handle.trim().toLowerCase()}`));

const HANDLES_KEY = "worx.dex.handles";
/** Handles of the local demo (scripts/dev/seed.ts) and the e2e suite. */
const DEMO_HANDLES = ["dave", "carol", "alice", "bob", "erin", "frank"];

function storedHandles(): string[] {
  try {
    const raw = globalThis.localStorage?.getItem(HANDLES_KEY);
    const parsed: unknown = raw ? JSON.parse(raw) : [];
    return Array.isArray(parsed) ? parsed.filter((h): h is string => typeof h === "string") : [];
  } catch {
    return [];
  }
}

/** Remembers a handle this browser looked up, so its creator id shows as the handle afterwards. */
export function rememberHandle(handle: string): void {
  const h = handle.trim().toLowerCase();
  if (!h) return;
  const known = storedHandles();
  if (known.includes(h)) return;
  try {
    globalThis.localStorage?.setItem(HANDLES_KEY, JSON.stringify([...known, h].slice(-200)));
  } catch {
    // private mode: the id is shown instead
  }
}

/** The handle of a creator id when this browser knows it (demo handles, handles looked up here); the oracle stores only the id. */
export function handleOf(creatorId: string): string | undefined {
  const id = creatorId.toLowerCase();
  return [...DEMO_HANDLES, ...storedHandles()].find((h) => creatorIdOf(h) === id);
}

/** "@dave", or the id shortened when the handle is unknown. */
export function creatorLabel(creatorId: string): string {
  const handle = handleOf(creatorId);
  return handle ? `@${handle}` : `${creatorId.slice(0, 10)}…${creatorId.slice(-4)}`;
}

/** A creator id from a route segment: a 32-byte hex id, or a handle ("dave"). */
export function parseCreatorRef(ref: string): Hex | undefined {
  if (/^0x[0-9a-fA-F]{64}$/.test(ref)) return ref.toLowerCase() as Hex;
  if (/^[a-z0-9][a-z0-9_.-]{0,63}$/i.test(ref)) {
    rememberHandle(ref);
    return creatorIdOf(ref);
  }
  return undefined;
}

export const creatorHref = (caip2: string, creatorId: string) => `#/creator/${caip2}/${handleOf(creatorId) ?? creatorId}`;
export const tradeHref = (caip2: string, coin: string) => `#/trade/${caip2}/${coin.toLowerCase()}`;

type Nonpayable<A extends readonly unknown[]> = ContractFunctionName<A, "nonpayable" | "payable">;

/** One typed write on a DEX contract (`abi` one of the generated ones), simulated, then sent from the wallet. */
async function send<const A extends readonly unknown[], F extends Nonpayable<A>>(
  config: Config,
  chainId: number,
  account: Address,
  address: Address,
  abi: A,
  functionName: F,
  args: ContractFunctionArgs<A, "nonpayable" | "payable", F>,
): Promise<Hash> {
  const { request } = await simulateContract(config, { chainId, account, address, abi, functionName, args } as never);
  return writeContract(config, request as never);
}

type Args<A extends readonly unknown[], F extends Nonpayable<A>> = ContractFunctionArgs<A, "nonpayable" | "payable", F>;

export const sendFactory = <F extends Nonpayable<typeof creatorCoinFactoryAbi>>(
  config: Config,
  chainId: number,
  account: Address,
  factory: Address,
  functionName: F,
  args: Args<typeof creatorCoinFactoryAbi, F>,
) => send(config, chainId, account, factory, creatorCoinFactoryAbi, functionName, args);

export const sendCoin = <F extends Nonpayable<typeof creatorCoinAbi>>(
  config: Config,
  chainId: number,
  account: Address,
  coin: Address,
  functionName: F,
  args: Args<typeof creatorCoinAbi, F>,
) => send(config, chainId, account, coin, creatorCoinAbi, functionName, args);

export const sendPool = <F extends Nonpayable<typeof creatorPoolAbi>>(
  config: Config,
  chainId: number,
  account: Address,
  pool: Address,
  functionName: F,
  args: Args<typeof creatorPoolAbi, F>,
) => send(config, chainId, account, pool, creatorPoolAbi, functionName, args);

/** ERC-20 approval of `spender` (a pool, or a coin for revenue deposits) for exactly `amount`. */
export const sendApprove = (config: Config, chainId: number, account: Address, token: Address, spender: Address, amount: bigint) =>
  send(config, chainId, account, token, erc20Abi, "approve", [spender, amount]);

export { creatorCoinAbi, creatorCoinFactoryAbi, creatorPoolAbi, metricsOracleAbi };
