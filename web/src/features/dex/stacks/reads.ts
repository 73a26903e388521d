/**
 * What the Stacks DEX section reads through a Hiro-compatible Stacks API: a creator's metrics and
 * milestones (metrics-oracle), its coin (creator-factory), the coin's pool (creator-pool), your
 * balances and claimable revenue, and the chain's time (deadlines compare with
 * stacks-block-time). Pure: no `import.meta`, so Node tests import it.
 */
import { Cl, type ClarityValue } from "@stacks/transactions";
import { readOnly } from "../../../chains/stacksApi.ts";
import type { Principal, StacksDex } from "./calls.ts";

/** A read-only result as plain JS: uints as bigints, buffers as hex, ok / some unwrapped, none / err as null. */
export function plain(cv: ClarityValue): unknown {
  switch (cv.type) {
    case "uint":
    case "int":
      return BigInt(cv.value);
    case "true":
      return true;
    case "false":
      return false;
    case "none":
    case "err":
      return null;
    case "some":
    case "ok":
      return plain(cv.value);
    case "tuple":
      return Object.fromEntries(Object.entries(cv.value).map(([k, v]) => [k, plain(v)]));
    case "list":
      return cv.value.map(plain);
    case "buffer":
      return `0x${cv.value}`;
    case "address":
    case "contract":
      return cv.value;
    case "ascii":
    case "utf8":
      return cv.value;
  }
}

const base = (api: string) => api.replace(/\/$/, "");

/** A reader of one Stacks API, with `sender` as the read-only calls' sender. */
export function dexReader(api: string, dex: StacksDex, sender: string) {
  const read = async <T>(contract: string, fn: string, args: ClarityValue[] = []) => plain(await readOnly(api, contract, fn, args, sender)) as T;
  return { read, api, dex, sender };
}
export type DexReader = ReturnType<typeof dexReader>;

/**
 * The chain's time (Unix seconds) — the latest block's, never less than the wall clock (the next
 * block is not earlier than now). Falls back to the wall clock when the API can't tell.
 */
export async function readChainTime(api: string): Promise<bigint> {
  const wall = BigInt(Math.floor(Date.now() / 1000));
  try {
    // Hiro's block list, newest first.
    const res = await fetch(`${base(api)}/extended/v2/blocks?limit=1`);
    const body = (await res.json()) as { results?: { block_time?: number }[] };
    const time = body.results?.[0]?.block_time;
    return res.ok && typeof time === "number" && BigInt(time) > wall ? BigInt(time) : wall;
  } catch {
    return wall;
  }
}

/** The `define-fungible-token` name of a SIP-010 contract, from its interface. */
export async function readAssetName(api: string, token: string): Promise<string> {
  const [address, name] = token.split(".");
  const res = await fetch(`${base(api)}/v2/contracts/interface/${address}/${name}`);
  const body = (await res.json().catch(() => ({}))) as { fungible_tokens?: { name?: string }[] };
  const asset = body.fungible_tokens?.[0]?.name;
  if (!res.ok || !asset) throw new Error(`The Stacks API shows no fungible token in ${token}.`);
  return asset;
}

export interface CreatorState {
  creator: string | null;
  plays: bigint;
  followers: bigint;
  engagementBps: bigint;
  observedAt: bigint;
  milestonesReached: number;
  thresholds: bigint[];
  launchIndex: number;
  coin: Principal | null;
}

export async function readCreator(r: DexReader, creatorId: Uint8Array): Promise<CreatorState> {
  const id = Cl.buffer(creatorId);
  const [metrics, creator, reached, thresholds, launchIndex, coin] = await Promise.all([
    r.read<{ plays: bigint; followers: bigint; "engagement-bps": bigint; "observed-at": bigint }>(r.dex.oracle, "get-metrics", [id]),
    r.read<string | null>(r.dex.oracle, "get-creator", [id]),
    r.read<bigint>(r.dex.oracle, "get-milestones-reached", [id]),
    r.read<bigint[]>(r.dex.oracle, "get-milestone-thresholds"),
    r.read<bigint>(r.dex.oracle, "get-launch-milestone-index"),
    r.read<Principal | null>(r.dex.factory, "get-coin-of", [id]),
  ]);
  return {
    creator,
    plays: metrics.plays,
    followers: metrics.followers,
    engagementBps: metrics["engagement-bps"],
    observedAt: metrics["observed-at"],
    milestonesReached: Number(reached),
    thresholds,
    launchIndex: Number(launchIndex),
    coin,
  };
}

export interface TokenInfo {
  token: Principal;
  assetName: string;
  symbol: string;
  decimals: number;
}

export interface PoolParams {
  swapFeeBps: number;
  protocolShareBps: number;
  dailyVolumeLimit: bigint;
  cooldown: bigint;
  maxPriceImpactBps: number;
}

export interface MarketState {
  coin: TokenInfo & { name: string };
  base: TokenInfo;
  reserves: { coin: bigint; base: bigint };
  params: PoolParams;
  haltedUntil: bigint;
  /** Your trading state in this pool (cooldown, today's volume). */
  protection: { lastTradeAt: bigint; day: bigint; volume: bigint };
  balances: { coin: bigint; base: bigint; lp: bigint };
  claimable: bigint;
  creator: string | null;
  firstReleaseIndex: number;
  releases: { index: number; amount: bigint; released: boolean }[];
}

async function tokenInfo(r: DexReader, token: Principal, assetName?: string): Promise<TokenInfo> {
  const [symbol, decimals, asset] = await Promise.all([
    r.read<string>(token, "get-symbol"),
    r.read<bigint>(token, "get-decimals"),
    assetName ? Promise.resolve(assetName) : readAssetName(r.api, token),
  ]);
  return { token, assetName: asset, symbol, decimals: Number(decimals) };
}

interface PoolRow {
  base: Principal;
  "reserve-coin": bigint;
  "reserve-base": bigint;
  "halted-until": bigint;
}

interface ParamsRow {
  "swap-fee-bps": bigint;
  "protocol-share-bps": bigint;
  "daily-volume-limit": bigint;
  cooldown: bigint;
  "max-price-impact-bps": bigint;
}

interface ConfigRow {
  creator: string;
  "first-release-index": bigint;
  "release-amounts": bigint[];
}

/** Everything the trading, liquidity and revenue forms need about `coin` (asset name from the template). */
export async function readMarket(r: DexReader, coin: Principal, coinAssetName: string, me: string): Promise<MarketState> {
  const who = Cl.principal(me);
  const key = Cl.principal(coin);
  const [pool, params, config, name, protection, lp, claimable, coinBalance] = await Promise.all([
    r.read<PoolRow | null>(r.dex.pool, "get-pool", [key]),
    r.read<ParamsRow | null>(r.dex.pool, "get-params", [key]),
    r.read<ConfigRow | null>(coin, "get-config"),
    r.read<string>(coin, "get-name"),
    r.read<{ "last-trade-at": bigint; day: bigint; volume: bigint }>(r.dex.pool, "get-protection-of", [key, who]),
    r.read<bigint>(r.dex.pool, "get-lp-balance", [key, who]),
    r.read<bigint>(coin, "get-claimable-revenue", [who]),
    r.read<bigint>(coin, "get-balance", [who]),
  ]);
  if (!pool || !params || !config) throw new Error(`${coin} has no pool in creator-pool: it was not launched through the factory.`);
  const firstReleaseIndex = Number(config["first-release-index"]);
  const [coinInfo, baseInfo, baseBalance, released] = await Promise.all([
    tokenInfo(r, coin, coinAssetName),
    tokenInfo(r, pool.base),
    r.read<bigint>(pool.base, "get-balance", [who]),
    Promise.all(config["release-amounts"].map((_, i) => r.read<boolean>(coin, "is-released", [Cl.uint(firstReleaseIndex + i)]))),
  ]);
  return {
    coin: { ...coinInfo, name },
    base: baseInfo,
    reserves: { coin: pool["reserve-coin"], base: pool["reserve-base"] },
    params: {
      swapFeeBps: Number(params["swap-fee-bps"]),
      protocolShareBps: Number(params["protocol-share-bps"]),
      dailyVolumeLimit: params["daily-volume-limit"],
      cooldown: params.cooldown,
      maxPriceImpactBps: Number(params["max-price-impact-bps"]),
    },
    haltedUntil: pool["halted-until"],
    protection: { lastTradeAt: protection["last-trade-at"], day: protection.day, volume: protection.volume },
    balances: { coin: coinBalance, base: baseBalance, lp },
    claimable,
    creator: config.creator,
    firstReleaseIndex,
    releases: config["release-amounts"].map((amount, i) => ({ index: firstReleaseIndex + i, amount, released: released[i]! })),
  };
}

/** The pool's reserves now (re-read just before a swap or a deposit). */
export async function readReserves(r: DexReader, coin: Principal): Promise<{ coin: bigint; base: bigint }> {
  const row = await r.read<{ "reserve-coin": bigint; "reserve-base": bigint } | null>(r.dex.pool, "get-reserves", [Cl.principal(coin)]);
  if (!row) throw new Error(`${coin} has no pool.`);
  return { coin: row["reserve-coin"], base: row["reserve-base"] };
}

/** What `me` may claim of `coin`'s revenue now. */
export const readClaimable = (r: DexReader, coin: Principal, me: string) => r.read<bigint>(coin, "get-claimable-revenue", [Cl.principal(me)]);
