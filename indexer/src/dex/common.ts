/**
 * Shared by the DEX handlers (oracle.ts, factory.ts, coin.ts, pool.ts, candles.ts): row keys, the
 * price convention, pool parameters as JSON, who made a governed change, and role names.
 */
import type { Context } from "ponder:registry";
import type { PoolParamsJson } from "ponder:schema";
import { keccak256, toHex, zeroHash, type Address, type Hex } from "viem";
import { recordAudit, type AuditedEvent } from "../audit.ts";
import { lower } from "../common.ts";
import { ONE_COIN } from "./units.ts";

export { ONE_COIN, oneCoinOn } from "./units.ts";

/** A DEX handler's context: the database, the chain, the chain's contract addresses and its RPC client. */
export type DexContext = Pick<Context<"CreatorPool:Swapped">, "db" | "chain" | "contracts" | "client">;

/** A DEX event: what the audit log needs, plus the transaction's recipient. */
export type DexEvent = AuditedEvent & { transaction: { to: Address | null } };

/**
 * The spot price, base-token smallest units per whole coin (`reserveBase * oneCoin / reserveCoin`,
 * rounded down); null without liquidity.
 */
export const priceOf = (reserveCoin: bigint, reserveBase: bigint, oneCoin = ONE_COIN): bigint | null =>
  reserveCoin === 0n ? null : (reserveBase * oneCoin) / reserveCoin;

export const rowKey = (chainId: string, address: Address) => `${chainId}:${lower(address)}`;
export const holderKey = (chainId: string, coin: Address, account: Address) => `${chainId}:${lower(coin)}:${lower(account)}`;

/** ICreatorPool.PoolParams as the tables store it (the uint128 limit as a decimal string). */
export function paramsJson(p: {
  swapFeeBps: number;
  protocolShareBps: number;
  dailyVolumeLimit: bigint;
  cooldown: number;
  maxPriceMoveBps: number;
  breakerWindow: number;
  coolOff: number;
  maxPriceImpactBps: number;
}): PoolParamsJson {
  return {
    swapFeeBps: p.swapFeeBps,
    protocolShareBps: p.protocolShareBps,
    dailyVolumeLimit: p.dailyVolumeLimit.toString(),
    cooldown: p.cooldown,
    maxPriceMoveBps: p.maxPriceMoveBps,
    breakerWindow: p.breakerWindow,
    coolOff: p.coolOff,
    maxPriceImpactBps: p.maxPriceImpactBps,
  };
}

/**
 * Who made a governed change. The DEX contracts' admin is the protocol's multisig: a change it
 * executed arrives in a transaction sent to the multisig, which is then the actor (the setter's
 * `msg.sender`). Otherwise (the deployment's constructors, a launch, a node impersonating the
 * multisig) the transaction's sender.
 */
export function governedActor(event: DexEvent, context: DexContext): Address {
  const multisig = lower(context.contracts.WorxMultisig.address as Address);
  if (event.transaction.to && lower(event.transaction.to) === multisig) return multisig;
  return lower(event.transaction.from);
}

/** Every role of the DEX's AccessControl contracts (MetricsOracle, CreatorCoinFactory, CreatorPool). */
const ROLE_NAMES = new Map<string, string>([
  [zeroHash, "DEFAULT_ADMIN_ROLE"],
  [keccak256(toHex("REPORTER_ROLE")), "REPORTER_ROLE"],
]);

/** Role events of a DEX contract, in the audit log with the role's name. */
export async function recordDexRoleEvent(
  context: DexContext,
  event: DexEvent & { args: { role: Hex; sender?: Address } },
  action: "RoleGranted" | "RoleRevoked" | "RoleAdminChanged",
): Promise<void> {
  await recordAudit(context, event, action, lower(event.args.sender ?? event.transaction.from), {
    roleName: ROLE_NAMES.get(lower(event.args.role)) ?? "unknown",
  });
}
