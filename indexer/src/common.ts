/**
 * Shared by the escrow handlers (escrow.ts, disputes.ts, workHistory.ts, escrowAdmin.ts): row keys,
 * JSON-safe event arguments, and the job timeline (`escrow_event`) every escrow-scoped event feeds.
 */
import { escrowEvent } from "ponder:schema";
import type { EscrowEventKind } from "ponder:schema";
import type { Address, Hex } from "viem";
import { caip2, type AnyContext, type AuditedEvent } from "./audit.ts";

/** EVM addresses lowercase (as the hex columns store them); Stacks principals (c32, not hex) as they are. */
export const lower = (a: string) => (a.startsWith("0x") ? a.toLowerCase() : a) as Hex;

export const escrowKey = (chainId: string, escrowId: bigint) => `${chainId}:${escrowId}`;
export const milestoneKey = (chainId: string, escrowId: bigint, index: bigint | number) => `${chainId}:${escrowId}:${index}`;
export const contractKey = (chainId: string, address: Address) => `${chainId}:${lower(address)}`;
export const freelancerKey = (chainId: string, freelancer: Address) => `${chainId}:${lower(freelancer)}`;
export const earningKey = (chainId: string, freelancer: Address, token: Address) => `${chainId}:${lower(freelancer)}:${lower(token)}`;
/** Rows that are one per log (withdrawals, the audit log, the timeline). */
export const logKey = (chainId: string, event: AuditedEvent) => `${chainId}:${event.transaction.hash}:${event.log.logIndex}`;

const ADDRESS = /^0x[0-9a-fA-F]{40}$/;

/**
 * Event arguments as JSON: bigints as decimal strings, addresses lowercase (as the hex columns
 * store them), structs and arrays kept, recursively.
 */
export function plain(value: unknown): unknown {
  if (typeof value === "bigint") return value.toString();
  if (typeof value === "string" && ADDRESS.test(value)) return value.toLowerCase();
  if (Array.isArray(value)) return value.map(plain);
  if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, plain(v)]));
  return value;
}

export interface TimelineEntry {
  escrowId: bigint;
  /** The milestone it concerns; omitted for escrow-wide events. */
  index?: bigint;
  /** Who acted; defaults to the transaction's sender. */
  actor?: Address;
  /** The money it moved or concerns; omitted when none. */
  amount?: bigint;
}

/**
 * Appends the event to its escrow's timeline. `detail` holds every argument except the escrow id
 * and the milestone index, which have their own columns.
 */
export async function recordTimeline(context: AnyContext, event: AuditedEvent, kind: EscrowEventKind, entry: TimelineEntry): Promise<void> {
  const chainId = caip2(context);
  const { escrowId: _e, index: _i, ...rest } = event.args as Record<string, unknown>;
  await context.db.insert(escrowEvent).values({
    id: logKey(chainId, event),
    chainId,
    escrowId: entry.escrowId,
    kind,
    milestoneIndex: entry.index === undefined ? null : Number(entry.index),
    actor: lower(entry.actor ?? event.transaction.from),
    amount: entry.amount ?? null,
    detail: plain(rest) as Record<string, unknown>,
    blockNumber: event.block.number,
    logIndex: event.log.logIndex,
    timestamp: event.block.timestamp,
    txHash: event.transaction.hash,
  });
}

/** A handler as the Stacks handlers (./stacks/) call it: the event's arguments decoded from a Clarity `print`. */
export type SharedHandler = (input: { event: any; context: any }) => Promise<void>;

/**
 * The EVM handlers by Ponder event name (`MilestoneEscrow:EscrowCreated`). Our Clarity contracts
 * print their Solidity twins' events (same names and fields, kebab-case), so the Stacks handlers
 * (./stacks/) run these same handlers on the decoded prints: one row logic for both chains.
 */
export const sharedHandlers = new Map<string, SharedHandler>();

/** Registers `handler` under `name` in {@link sharedHandlers} and returns it (for `ponder.on`). */
export function shared<F>(name: string, handler: F): F {
  sharedHandlers.set(name, handler as unknown as SharedHandler);
  return handler;
}
