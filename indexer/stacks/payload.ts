/**
 * The stacks-node event-observer `/new_block` payload (the fields we use; the node sends more),
 * checked and reduced to what the bridge stores: the block's identity and parent, its height and
 * time, and the `print` events of successful transactions with the sender of each transaction.
 * SIP-010 token movements (`ft_mint_event`, `ft_transfer_event`, `ft_burn_event`) are kept too, as
 * a print of the token's contract `{ topic: "transfer", from, to, value }` (from `none` for a mint,
 * to `none` for a burn): the ERC-20 Transfer of the EVM twin, which a SIP-010 token cannot print
 * itself (the node reports its movements as asset events). SIP-009 movements (`nft_mint_event`,
 * `nft_transfer_event`, `nft_burn_event`) likewise become `{ topic: "transfer", from, to, token-id }`
 * (the ERC-721 Transfer; `token-id` is the NFT's Clarity value).
 * Each successful contract-call transaction also gets a print of the called contract after its
 * events, `{ topic: "contract-call", function, args }` (`args`: a list of the arguments, each
 * serialized): what the transaction asked for, which some rows need and no print carries (the
 * creator factory's `launch`: the coin's name, symbol and release schedule).
 *
 * Shape: stacks-blockchain-api src/event-stream/core-node-message.ts (CoreNodeBlockMessage) and
 * the node's docs/event-dispatcher.md. Nakamoto blocks carry `block_time` (the Stacks block's own
 * timestamp, what Clarity's `stacks-block-time` returns); older blocks only `burn_block_time`.
 */
import {
  Cl,
  PayloadType,
  addressFromVersionHash,
  addressHashModeToVersion,
  addressToString,
  deserializeTransaction,
  deserializeCV,
  serializeCV,
  type ClarityValue,
} from "@stacks/transactions";

/** The topic of the bridge's print of a transaction's contract call (see the header). */
export const CONTRACT_CALL_TOPIC = "contract-call";
/** Its event index: after every event of the transaction (the node's indices are small integers). */
const AFTER_EVENTS = Number.MAX_SAFE_INTEGER;

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
  return decodeTx(rawTx).sender;
}

/**
 * A serialized transaction's sender ("" when it cannot be decoded) and, for a contract call, the
 * call as the print of the called contract (see the header).
 */
function decodeTx(rawTx: string): { sender: string; call?: { contract: string; rawValue: `0x${string}` } } {
  let tx: ReturnType<typeof deserializeTransaction>;
  try {
    tx = deserializeTransaction(rawTx.replace(/^0x/, ""));
  } catch {
    return { sender: "" };
  }
  const condition = tx.auth.spendingCondition;
  const network = tx.transactionVersion === MAINNET_TX_VERSION ? "mainnet" : "testnet";
  const sender = addressToString(addressFromVersionHash(addressHashModeToVersion(condition.hashMode, network), condition.signer));
  const p = tx.payload;
  if (p.payloadType !== PayloadType.ContractCall) return { sender };
  const value = Cl.tuple({
    topic: Cl.stringAscii(CONTRACT_CALL_TOPIC),
    function: Cl.stringAscii(p.functionName.content),
    args: Cl.list(p.functionArgs.map((a) => Cl.bufferFromHex(serializeCV(a)))),
  });
  return { sender, call: { contract: `${addressToString(p.contractAddress)}.${p.contractName.content}`, rawValue: `0x${serializeCV(value)}` } };
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

/** The SIP-009 asset events, likewise. */
const NFT_EVENTS: Record<string, "mint" | "transfer" | "burn"> = { nft_mint_event: "mint", nft_transfer_event: "transfer", nft_burn_event: "burn" };

/** An nft_*_event as the NFT contract's `transfer` print `{ topic, from, to, token-id }` (see the header). */
function nftTransfer(data: unknown, kind: "mint" | "transfer" | "burn"): { contract: string; rawValue: `0x${string}` } {
  const d = (data ?? {}) as Record<string, unknown>;
  const asset = typeof d.asset_identifier === "string" ? ASSET.exec(d.asset_identifier) : null;
  if (!asset) throw new PayloadError(`events[].nft_*_event.asset_identifier must be ADDRESS.name::token, got ${JSON.stringify(d.asset_identifier)}`);
  const side = (name: "sender" | "recipient", absent: boolean) => {
    if (absent) return Cl.none();
    const v = d[name];
    if (typeof v !== "string" || !PRINCIPAL.test(v)) throw new PayloadError(`events[].nft_*_event.${name} must be a principal, got ${JSON.stringify(v)}`);
    return Cl.some(Cl.principal(v));
  };
  const raw = typeof d.raw_value === "string" ? d.raw_value.toLowerCase().replace(/^0x/, "") : "";
  let tokenId: ClarityValue;
  try {
    tokenId = deserializeCV(raw);
  } catch {
    throw new PayloadError(`events[].nft_*_event.raw_value must be a serialized Clarity value, got ${JSON.stringify(d.raw_value)}`);
  }
  const value = Cl.tuple({ topic: Cl.stringAscii("transfer"), from: side("sender", kind === "mint"), to: side("recipient", kind === "burn"), "token-id": tokenId });
  return { contract: asset[1]!, rawValue: `0x${serializeCV(value)}` };
}

/** Checks a `/new_block` body and keeps what the bridge stores. Throws PayloadError when malformed. */
export function parseNewBlock(body: unknown): StacksBlock {
  if (!body || typeof body !== "object") throw new PayloadError("the body must be a JSON object");
  const b = body as Record<string, unknown>;
  const txs = Array.isArray(b.transactions) ? (b.transactions as Record<string, unknown>[]) : [];
  const txById = new Map<string, { index: number; sender: string; ok: boolean }>();
  const events: PrintEvent[] = [];
  for (const tx of txs) {
    const txid = hash32(tx.txid, "transactions[].txid");
    const decoded = typeof tx.raw_tx === "string" ? decodeTx(tx.raw_tx) : { sender: "" };
    const entry = { index: uint(tx.tx_index, "transactions[].tx_index"), sender: decoded.sender, ok: tx.status === undefined || tx.status === "success" };
    txById.set(txid, entry);
    if (entry.ok && decoded.call) events.push({ txid, txIndex: entry.index, eventIndex: AFTER_EVENTS, sender: entry.sender, ...decoded.call });
  }
  if (!Array.isArray(b.events)) throw new PayloadError("events must be an array");
  for (const e of b.events as Record<string, unknown>[]) {
    // Events of aborted transactions come with committed: false; only committed ones happened.
    if (e.committed === false) continue;
    const ft = FT_EVENTS[e.type as string];
    const nft = NFT_EVENTS[e.type as string];
    if (ft || nft) {
      const txid = hash32(e.txid, "events[].txid");
      const tx = txById.get(txid);
      if (tx && !tx.ok) continue;
      const data = e[e.type as string];
      events.push({ txid, txIndex: tx?.index ?? 0, eventIndex: uint(e.event_index, "events[].event_index"), sender: tx?.sender ?? "", ...(ft ? ftTransfer(data, ft) : nftTransfer(data, nft!)) });
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
