/**
 * The audit log (`admin_action`): one row per privileged event of any protocol contract, written
 * by each component's handlers (escrow.ts, multisig.ts) through {@link recordAudit}.
 */
import type { Context } from "ponder:registry";
import { adminAction } from "ponder:schema";
import type { Address, Hex } from "viem";
import { CREATEX_ADDRESS } from "../../scripts/deploy/createx.ts";
import { caip2OfPonderChain } from "../stacks/chains.ts";

/** Any handler's context: the database and the chain are all the audit log needs. */
export type AnyContext = Pick<Context<"MilestoneEscrow:EscrowCreated">, "db" | "chain">;

/**
 * The chain's CAIP-2 id, `eip155:<id>` (or `stacks:<n>` for the Stacks bridge's reserved Ponder
 * chain ids, ../stacks/chains.ts): every row and every row id names its chain with it.
 */
export const caip2 = (context: { chain: { id: number } }) => caip2OfPonderChain(context.chain.id);

/** What the audit log needs of an event, whatever its contract. */
export interface AuditedEvent {
  args: object;
  log: { address: Address; logIndex: number };
  block: { number: bigint; timestamp: bigint };
  transaction: { hash: Hex; from: Address };
}

/** Bigints as decimal strings, at any depth (structs and arrays such as the DAO's discount tiers kept). */
function jsonSafe(value: unknown): unknown {
  if (typeof value === "bigint") return value.toString();
  if (Array.isArray(value)) return value.map(jsonSafe);
  if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, jsonSafe(v)]));
  return value;
}

const lowerEq = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

/**
 * Appends the event to the audit log: its name, who acted, its arguments (bigints as strings),
 * plus `extra` details derived from them (e.g. a role's name).
 */
export async function recordAudit(
  context: AnyContext,
  event: AuditedEvent,
  action: string,
  actor: Address,
  extra: Record<string, string | number | boolean> = {},
): Promise<void> {
  const chainId = caip2(context);
  await context.db.insert(adminAction).values({
    id: `${chainId}:${event.transaction.hash}:${event.log.logIndex}`,
    chainId,
    contract: event.log.address,
    action,
    // A contract deployed through CreateX (Ignition's create2 strategy) sees the factory as the
    // msg.sender of its constructor: the account that acted is the one that sent the deployment.
    actor: lowerEq(actor, CREATEX_ADDRESS) ? event.transaction.from : actor,
    details: {
      ...(Object.fromEntries(Object.entries(event.args).map(([k, v]) => [k, jsonSafe(v)])) as Record<string, string | number | boolean>),
      ...extra,
    },
    timestamp: event.block.timestamp,
    blockNumber: event.block.number,
    txHash: event.transaction.hash,
  });
}
