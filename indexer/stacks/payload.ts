/**
 * The stacks-node event-observer `/new_block` payload (the fields we use; the node sends more),
 * checked and reduced to what the bridge stores: the block's identity and parent, its height and
 * time, and the `print` events of successful transactions with the sender of each transaction.
 * SIP-010 token movements (`ft_mint_event`, `ft_transfer_event`, `ft_burn_event`) are kept too, as
 * a print of the token's contract `{ topic: "transfer", from, to, value }` (from `none` for a mint,
 * to `none` for a burn): the ERC-20 Transfer of the EVM twin, which a SIP-010 token cannot print
 * itself (the node reports its movements as asset events).
 *
 * Shape: stacks-blockchain-api src/event-stream/core-node-message.ts (CoreNodeBlockMessage) and
 * the node's docs/event-dispatcher.md. Nakamoto blocks carry `block_time` (the Stacks block's own
 * timestamp, what Clarity's `stacks-block-time` returns); older blocks only `burn_block_time`.
 */
import {
  Cl,
  addressFromVersionHash,
  addressHashModeToVersion,
  addressToString,
  deserializeTransaction,
  serializeCV,
} from "@stacks/transactions";

/** TransactionVersion.Mainnet of @stacks/network (the first byte of a mainnet transaction). */
const MAINNET_TX_VERSION = 0x00;

const HASH32 = /^0x[0-9a-f]{64}$/;
const HEX = /^0x(?:[0-9a-f]{2})*$/;

export interface PrintEvent {
  txid: `0x${string}`;
  /** Position of the transaction in the block. */
  txIndex: number;
  /** The node's event index (order within the block). */
  eventIndex: number;
  /** Fully qualified contract id `ADDRESS.name`. */
  contract: string;
  /** The transaction's sender (origin) principal; "" when its raw bytes were not sent. */
  sender: string;
  /** Hex of the serialized Clarity value printed. */
  rawValue: `0x${string}`;
}

export interface StacksBlock {
  indexBlockHash: `0x${string}`;
  parentIndexBlockHash: `0x${string}`;
  blockHash: `0x${string}`;
  height: number;
  /** Unix seconds: `block_time` when present, else `burn_block_time`. */
  time: number;
  /** `print` events of committed transactions, in block order (transaction, then event index). */
  events: PrintEvent[];
}

export class PayloadError extends Error {}

const hash32 = (v: unknown, name: string): `0x${string}` => {
  const s = typeof v === "string" ? v.toLowerCase() : "";
  const h = s.startsWith("0x") ? s : `0x${s}`;
  if (!HASH32.test(h)) throw new PayloadError(`${name} must be a 32-byte hex string, got ${JSON.stringify(v)}`);
  return h as `0x${string}`;
};

const uint = (v: unknown, name: string): number => {
  if (typeof v !== "number" || !Number.isSafeInteger(v) || v < 0) throw new PayloadError(`${name} must be a non-negative integer, got ${JSON.stringify(v)}`);
  return v;
};

/** The origin (sender) principal of a serialized transaction, or "" when it cannot be decoded. */
export function txSender(rawTx: string): string {
  try {
    const tx = deserializeTransaction(rawTx.replace(/^0x/, ""));
    const condition = tx.auth.spendingCondition;
    const network = tx.transactionVersion === MAINNET_TX_VERSION ? "mainnet" : "testnet";
    return addressToString(addressFromVersionHash(addressHashModeToVersion(condition.hashMode, network), condition.signer));
  } catch {
    return "";
  }
}

const PRINCIPAL = /^S[0-9A-Z]{27,40}(\.[a-zA-Z][a-zA-Z0-9-]{0,127})?$/;
const ASSET = /^(S[0-9A-Z]{27,40}\.[a-zA-Z][a-zA-Z0-9-]{0,127})::[a-zA-Z][a-zA-Z0-9-]{0,127}$/;

/** The SIP-010 asset events, with which side is the token's `none` (mint: no sender, burn: no recipient). */
const FT_EVENTS: Record<string, "mint" | "transfer" | "burn"> = { ft_mint_event: "mint", ft_transfer_event: "transfer", ft_burn_event: "burn" };

/** An ft_*_event as the token contract's `transfer` print (see the header). */
function ftTransfer(data: unknown, kind: "mint" | "transfer" | "burn"): { contract: string; rawValue: `0x${string}` } {
  const d = (data ?? {}) as Record<string, unknown>;
  const asset = typeof d.asset_identifier === "string" ? ASSET.exec(d.asset_identifier) : null;
  if (!asset) throw new PayloadError(`events[].ft_*_event.asset_identifier must be ADDRESS.name::token, got ${JSON.stringify(d.asset_identifier)}`);
  const side = (name: "sender" | "recipient", absent: boolean) => {
    if (absent) return Cl.none();
    const v = d[name];
    if (typeof v !== "string" || !PRINCIPAL.test(v)) throw new PayloadError(`events[].ft_*_event.${name} must be a principal, got ${JSON.stringify(v)}`);
    return Cl.some(Cl.principal(v));
  };
  const amount = typeof d.amount === "string" || typeof d.amount === "number" ? String(d.amount) : "";
  if (!/^\d{1,39}$/.test(amount)) throw new PayloadError(`events[].ft_*_event.amount must be a decimal amount, got ${JSON.stringify(d.amount)}`);
  const value = Cl.tuple({ topic: Cl.stringAscii("transfer"), from: side("sender", kind === "mint"), to: side("recipient", kind === "burn"), value: Cl.uint(BigInt(amount)) });
  return { contract: asset[1]!, rawValue: `0x${serializeCV(value)}` };
}

/** Checks a `/new_block` body and keeps what the bridge stores. Throws PayloadError when malformed. */
export function parseNewBlock(body: unknown): StacksBlock {
  if (!body || typeof body !== "object") throw new PayloadError("the body must be a JSON object");
  const b = body as Record<string, unknown>;
  const txs = Array.isArray(b.transactions) ? (b.transactions as Record<string, unknown>[]) : [];
  const txById = new Map<string, { index: number; sender: string; ok: boolean }>();
  for (const tx of txs) {
    const txid = hash32(tx.txid, "transactions[].txid");
    txById.set(txid, {
      index: uint(tx.tx_index, "transactions[].tx_index"),
      sender: typeof tx.raw_tx === "string" ? txSender(tx.raw_tx) : "",
      ok: tx.status === undefined || tx.status === "success",
    });
  }
  if (!Array.isArray(b.events)) throw new PayloadError("events must be an array");
  const events: PrintEvent[] = [];
  for (const e of b.events as Record<string, unknown>[]) {
    // Events of aborted transactions come with committed: false; only committed ones happened.
    if (e.committed === false) continue;
    const ft = FT_EVENTS[e.type as string];
    if (ft) {
      const txid = hash32(e.txid, "events[].txid");
      const tx = txById.get(txid);
      if (tx && !tx.ok) continue;
      events.push({ txid, txIndex: tx?.index ?? 0, eventIndex: uint(e.event_index, "events[].event_index"), sender: tx?.sender ?? "", ...ftTransfer(e[e.type as string], ft) });
      continue;
    }
    if (e.type !== "contract_event") continue;
    const ce = e.contract_event as Record<string, unknown> | undefined;
    if (!ce || ce.topic !== "print") continue;
    const txid = hash32(e.txid, "events[].txid");
    const tx = txById.get(txid);
    if (tx && !tx.ok) continue;
    const raw = typeof ce.raw_value === "string" ? ce.raw_value.toLowerCase() : "";
    const rawValue = (raw.startsWith("0x") ? raw : `0x${raw}`) as `0x${string}`;
    if (!HEX.test(rawValue) || rawValue.length < 4) throw new PayloadError(`events[].contract_event.raw_value must be hex, got ${JSON.stringify(ce.raw_value)}`);
    if (typeof ce.contract_identifier !== "string" || !/^S[0-9A-Z]{27,40}\.[a-zA-Z][a-zA-Z0-9-]{0,127}$/.test(ce.contract_identifier)) {
      throw new PayloadError(`events[].contract_event.contract_identifier must be ADDRESS.name, got ${JSON.stringify(ce.contract_identifier)}`);
    }
    events.push({
      txid,
      txIndex: tx?.index ?? 0,
      eventIndex: uint(e.event_index, "events[].event_index"),
      contract: ce.contract_identifier,
      sender: tx?.sender ?? "",
      rawValue,
    });
  }
  events.sort((x, y) => x.txIndex - y.txIndex || x.eventIndex - y.eventIndex);
  const time = typeof b.block_time === "number" ? b.block_time : b.burn_block_time;
  return {
    indexBlockHash: hash32(b.index_block_hash, "index_block_hash"),
    parentIndexBlockHash: hash32(b.parent_index_block_hash, "parent_index_block_hash"),
    blockHash: hash32(b.block_hash, "block_hash"),
    height: uint(b.block_height, "block_height"),
    time: uint(time, "block_time / burn_block_time"),
    events,
  };
}
