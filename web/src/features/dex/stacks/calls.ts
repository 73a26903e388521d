/**
 * Wallet requests for creator coins and the DEX on Stacks (clarity/contracts/dex/*.clar; API in
 * the contracts' headers): deploy a copy of the coin template, launch it through creator-factory,
 * swap exact-in / exact-out, add liquidity, deposit and claim revenue, release a milestone's
 * supply. Pure: no `import.meta`, so Node tests import it.
 *
 * Every request goes out with `postConditionMode: "deny"` and states exactly what may leave an
 * account (anything else aborts the transaction; only the fee is paid):
 *  - deploy, launch, release: nothing at all (launch and release only mint, to the creator);
 *  - swap exact-in: you send exactly amount-in of the input token; the pool (creator-pool) sends
 *    at least min-out of the other token;
 *  - swap exact-out: you send at most max-in of the input token; the pool sends exactly
 *    amount-out;
 *  - add liquidity: you send exactly the amounts on the first deposit; later, between min and
 *    desired of each token (the pool takes its ratio at execution);
 *  - deposit revenue: you send exactly the amount of the base token;
 *  - claim revenue: the coin contract sends exactly what you may claim (read just before).
 */
import type { MethodParams } from "@stacks/connect";
import { Cl, Pc, type ClarityValue, type PostCondition } from "@stacks/transactions";
import type { Mode, Quote, Side } from "../poolMath.ts";

export type CallContractParams = MethodParams<"stx_callContract">;
export type DeployContractParams = MethodParams<"stx_deployContract">;
export type Principal = `${string}.${string}`;

/** The DEX contracts of one Stacks deployment (full principals) and the wallet's network name. */
export interface StacksDex {
  network: "mainnet" | "testnet" | "devnet";
  oracle: Principal;
  factory: Principal;
  pool: Principal;
  /** This deployment's copy of the coin template (the code hash launch accepts by default). */
  template: Principal;
}

/** A SIP-010 token as post-conditions name it: its contract and `define-fungible-token` name. */
export interface FtAsset {
  token: Principal;
  assetName: string;
}

/** A launched coin and its pool's base token. */
export interface StacksMarket {
  coin: FtAsset;
  base: FtAsset;
}

/** creator-pool / creator-coin bound of a reserve and of the max supply (10^17 units). */
export const MAX_RESERVE = 100_000_000_000_000_000n;
/** Most later-milestone releases a coin schedules (`(list 64 uint)`). */
export const MAX_RELEASES = 64;
/** Longest coin name and symbol (`string-ascii 32`). */
export const MAX_NAME = 32;
/** The Clarity version the factory's code hash was taken with. */
export const CLARITY_VERSION = 4;

/** The first `(define-fungible-token NAME)` of a Clarity source (the asset post-conditions name). */
export function fungibleTokenName(source: string): string {
  const name = /\(define-fungible-token\s+([a-zA-Z][a-zA-Z0-9_!?+<>=/*-]*)/.exec(source)?.[1];
  if (!name) throw new Error("The coin template defines no fungible token.");
  return name;
}

function call(dex: StacksDex, contract: Principal, functionName: string, functionArgs: ClarityValue[], postConditions: PostCondition[] = []): CallContractParams {
  return { contract, functionName, functionArgs, network: dex.network, postConditionMode: "deny", postConditions };
}

function contractCV(principal: string) {
  const [address, name] = principal.split(".");
  return Cl.contractPrincipal(address!, name!);
}

const sends = (from: string) => Pc.principal(from);
const ft = (a: FtAsset) => [a.token, a.assetName] as const;

/** Deploy `clarityCode` (the coin template, byte for byte) as `name` under your address. Nothing moves. */
export function deployCoinParams(dex: StacksDex, name: string, clarityCode: string): DeployContractParams {
  return { name, clarityCode, clarityVersion: CLARITY_VERSION, network: dex.network, postConditionMode: "deny", postConditions: [] };
}

export interface LaunchTerms {
  creatorId: Uint8Array;
  name: string;
  symbol: string;
  /** Coin units (6 decimals) minted to the creator at launch. */
  initialSupply: bigint;
  /** Units released at milestones launch-index + 1, + 2, … */
  releases: readonly bigint[];
  holderShareBps: number;
}

/** creator-factory `launch` with your deployed copy `coin`. Mints only: no post-condition. */
export function launchCall(dex: StacksDex, coin: Principal, t: LaunchTerms): CallContractParams {
  return call(dex, dex.factory, "launch", [
    contractCV(coin),
    Cl.buffer(t.creatorId),
    Cl.stringAscii(t.name),
    Cl.stringAscii(t.symbol),
    Cl.uint(t.initialSupply),
    Cl.list(t.releases.map((a) => Cl.uint(a))),
    Cl.uint(t.holderShareBps),
  ]);
}

/** The input and output tokens of a swap: buy = base in, coin out; sell = coin in, base out. */
export const swapTokens = (m: StacksMarket, side: Side) => (side === "buy" ? { tokenIn: m.base, tokenOut: m.coin } : { tokenIn: m.coin, tokenOut: m.base });

/** The pool function a swap mode calls. */
export const swapFunction = (mode: Mode) => (mode === "exactIn" ? "swap-exact-in" : "swap-exact-out");

/**
 * A swap at the accepted `quote` (its limit is min-out for exact-in, max-in for exact-out), paid
 * to `me`, valid until `deadline` (Unix seconds, compared with stacks-block-time).
 */
export function swapCall(dex: StacksDex, m: StacksMarket, me: string, quote: Quote, deadline: bigint): CallContractParams {
  const { tokenIn, tokenOut } = swapTokens(m, quote.side);
  const exactIn = quote.mode === "exactIn";
  const postConditions = exactIn
    ? [sends(me).willSendEq(quote.amountIn).ft(...ft(tokenIn)), sends(dex.pool).willSendGte(quote.limit).ft(...ft(tokenOut))]
    : [sends(me).willSendLte(quote.limit).ft(...ft(tokenIn)), sends(dex.pool).willSendEq(quote.amountOut).ft(...ft(tokenOut))];
  return call(
    dex,
    dex.pool,
    swapFunction(quote.mode),
    [
      contractCV(m.coin.token),
      contractCV(m.base.token),
      Cl.principal(tokenIn.token),
      Cl.uint(exactIn ? quote.amountIn : quote.amountOut),
      Cl.uint(quote.limit),
      Cl.principal(me),
      Cl.uint(deadline),
    ],
    postConditions,
  );
}

export interface Deposit {
  coinDesired: bigint;
  baseDesired: bigint;
  minCoin: bigint;
  minBase: bigint;
}

/** What you send of one token: exactly `desired` when min = desired, else between min and desired. */
function sendsBetween(me: string, a: FtAsset, min: bigint, desired: bigint): PostCondition[] {
  if (min === desired) return [sends(me).willSendEq(desired).ft(...ft(a))];
  return [sends(me).willSendGte(min).ft(...ft(a)), sends(me).willSendLte(desired).ft(...ft(a))];
}

/** creator-pool `add-liquidity`; LP shares to `me`. */
export function addLiquidityCall(dex: StacksDex, m: StacksMarket, me: string, d: Deposit, deadline: bigint): CallContractParams {
  return call(
    dex,
    dex.pool,
    "add-liquidity",
    [contractCV(m.coin.token), contractCV(m.base.token), Cl.uint(d.coinDesired), Cl.uint(d.baseDesired), Cl.uint(d.minCoin), Cl.uint(d.minBase), Cl.principal(me), Cl.uint(deadline)],
    [...sendsBetween(me, m.coin, d.minCoin, d.coinDesired), ...sendsBetween(me, m.base, d.minBase, d.baseDesired)],
  );
}

/**
 * The amounts the pool will take for a deposit of up to `coinDesired` / `baseDesired` at reserves
 * (`quote` of the V2 router, as creator-pool computes it): any ratio on the first deposit (the creator's alone).
 */
export function depositAmounts(reserves: { coin: bigint; base: bigint }, coinDesired: bigint, baseDesired: bigint): { coin: bigint; base: bigint } {
  if (reserves.coin === 0n || reserves.base === 0n) return { coin: coinDesired, base: baseDesired };
  const baseOptimal = (coinDesired * reserves.base) / reserves.coin;
  if (baseOptimal <= baseDesired) return { coin: coinDesired, base: baseOptimal };
  return { coin: (baseDesired * reserves.coin) / reserves.base, base: baseDesired };
}

/** creator-coin `deposit-revenue`: you send exactly `amount` of the base token. */
export function depositRevenueCall(dex: StacksDex, m: StacksMarket, me: string, amount: bigint): CallContractParams {
  return call(dex, m.coin.token, "deposit-revenue", [contractCV(m.base.token), Cl.uint(amount)], [sends(me).willSendEq(amount).ft(...ft(m.base))]);
}

/** creator-coin `claim-revenue`: the coin contract sends exactly `claimable` of the base token. */
export function claimRevenueCall(dex: StacksDex, m: StacksMarket, claimable: bigint): CallContractParams {
  return call(dex, m.coin.token, "claim-revenue", [contractCV(m.base.token)], [sends(m.coin.token).willSendEq(claimable).ft(...ft(m.base))]);
}

/** creator-coin `release` of milestone `index` (the oracle fixed at launch passed). A mint: no post-condition. */
export function releaseCall(dex: StacksDex, coin: Principal, index: number): CallContractParams {
  return call(dex, coin, "release", [contractCV(dex.oracle), Cl.uint(index)]);
}

// ------------------------------------------------------------------ validation

/** A Clarity contract name (the name part of a principal). */
export const CONTRACT_NAME = /^[a-zA-Z][a-zA-Z0-9_-]{0,39}$/;

/** A creator handle: what creator ids are made of ("worx:creator:" + handle, lowercase). */
export function checkHandle(text: string): { value?: string; error?: string } {
  const s = text.trim().toLowerCase();
  if (s === "") return { error: "Enter the creator's handle, e.g. dave." };
  if (!/^[a-z0-9_.-]{1,64}$/.test(s)) return { error: "A handle is 1 to 64 letters, digits, '.', '_' or '-'." };
  return { value: s };
}

/** A coin name or symbol: printable ASCII (string-ascii 32), not blank. */
export function checkAscii(text: string, what: string): string | undefined {
  if (text.trim() === "") return `Enter the coin's ${what}.`;
  if (!/^[\x20-\x7e]*$/.test(text)) return `The ${what} must be plain ASCII (letters, digits, punctuation): the contract stores string-ascii.`;
  if (text.length > MAX_NAME) return `The ${what} is ${text.length} characters long: the contract takes at most ${MAX_NAME}.`;
  return undefined;
}
