/**
 * Post-conditions as a Stacks node applies them to a transaction's asset movements (SIP-005):
 * every STX / fungible / non-fungible post-condition must hold for the totals the transaction
 * moved, and in deny mode every asset a principal sends must be named by a post-condition for that
 * principal and asset (in originator mode, only what the transaction's origin sends). The events
 * are the simnet's (`stx_transfer_event`, `ft_transfer_event`, `nft_transfer_event`, the `_burn`
 * variants), whose shapes are a node's.
 */
import { PostConditionMode, serializeCV, type ClarityValue, type PostCondition } from "@stacks/transactions";

export interface AssetEvent {
  event: string;
  data: Record<string, unknown>;
}

/** The movements an event makes: the sending principal, the asset (stx, ADDR.contract::name) and the amount or token. */
function movement(e: AssetEvent): { sender: string; asset: string; amount?: bigint; token?: string } | undefined {
  const d = e.data;
  switch (e.event) {
    case "stx_transfer_event":
    case "stx_burn_event":
      return { sender: String(d.sender), asset: "stx", amount: BigInt(String(d.amount)) };
    case "ft_transfer_event":
    case "ft_burn_event":
      return { sender: String(d.sender), asset: String(d.asset_identifier), amount: BigInt(String(d.amount)) };
    case "nft_transfer_event":
    case "nft_burn_event":
      return { sender: String(d.sender), asset: String(d.asset_identifier), token: nftId(d) };
    default:
      return undefined;
  }
}

/** The token id of an nft event as hex of its Clarity value (the node gives raw_value; the simnet value too). */
function nftId(d: Record<string, unknown>): string {
  if (typeof d.raw_value === "string") return d.raw_value.replace(/^0x/, "").toLowerCase();
  return serializeCV(d.value as ClarityValue).toLowerCase();
}

const pcAsset = (pc: PostCondition) => (pc.type === "stx-postcondition" ? "stx" : pc.asset);

/**
 * Why `events` violate `pcs` under `mode`, or undefined when they don't. `origin` is the
 * transaction's sender (the originator mode's principal).
 */
export function violatesPostConditions(events: AssetEvent[], pcs: PostCondition[], mode: PostConditionMode, origin: string): string | undefined {
  const sent = new Map<string, bigint>(); // `${principal}|${asset}` → total (fungible)
  const tokens = new Set<string>(); // `${principal}|${asset}|${token}` (non-fungible)
  const senders = new Set<string>(); // `${principal}|${asset}` of every movement
  for (const e of events) {
    const m = movement(e);
    if (!m) continue;
    const key = `${m.sender}|${m.asset}`;
    senders.add(key);
    if (m.amount !== undefined) sent.set(key, (sent.get(key) ?? 0n) + m.amount);
    else tokens.add(`${key}|${m.token}`);
  }
  if (mode !== PostConditionMode.Allow) {
    for (const key of senders) {
      if (mode === PostConditionMode.Originator && !key.startsWith(`${origin}|`)) continue;
      if (!pcs.some((pc) => `${pc.address}|${pcAsset(pc)}` === key)) return `unlisted transfer ${key}`;
    }
  }
  for (const pc of pcs) {
    const key = `${pc.address}|${pcAsset(pc)}`;
    if (pc.type === "nft-postcondition") {
      const moved = tokens.has(`${key}|${serializeCV(pc.assetId).toLowerCase()}`);
      if (pc.condition === "sent" && !moved) return `${key} token not sent`;
      if (pc.condition === "not-sent" && moved) return `${key} token sent`;
      continue;
    }
    const total = sent.get(key) ?? 0n;
    const amount = BigInt(pc.amount);
    const holds = { eq: total === amount, gt: total > amount, gte: total >= amount, lt: total < amount, lte: total <= amount }[pc.condition];
    if (!holds) return `${key} sent ${total}, condition ${pc.condition} ${amount}`;
  }
  return undefined;
}
