/**
 * Settlement offers: one party signs, in its wallet, the EIP-712 typed data
 * `Settlement(uint256 escrowId,uint256 index,uint16 freelancerBps,uint256 nonce,uint256 deadline)`
 * in the escrow contract's domain with its current `nonces(signer)`; the link it shares carries the
 * offer; the other party opens it and accepts by sending `settleMilestone`. Nothing is stored
 * off-chain: the link is the offer.
 *
 * Link format (the `offer` query of `#/escrow/<caip2>/<id>`), dot-separated and URL-safe:
 * `<milestone index>.<freelancerBps>.<nonce>.<deadline>.<signer>.<signature>`.
 */
import { getAddress, isAddress, isHex, type Address, type Hex } from "viem";

// The typed data itself is generated from MilestoneEscrow's source (scripts/codegen).
export { SETTLEMENT_TYPES, settlementDomain } from "../../../../generated/typedData.ts";

export interface SettlementOffer {
  escrowId: bigint;
  index: number;
  freelancerBps: number;
  nonce: bigint;
  deadline: bigint;
  signer: Address;
  signature: Hex;
}

/** The typed-data message of an offer. */
export function settlementMessage(o: Pick<SettlementOffer, "escrowId" | "index" | "freelancerBps" | "nonce" | "deadline">) {
  return { escrowId: o.escrowId, index: BigInt(o.index), freelancerBps: o.freelancerBps, nonce: o.nonce, deadline: o.deadline };
}

export function encodeOffer(o: SettlementOffer): string {
  return [o.index, o.freelancerBps, o.nonce, o.deadline, o.signer, o.signature].join(".");
}

export type DecodedOffer = { offer: SettlementOffer; error?: undefined } | { offer?: undefined; error: string };

/** Parses the `offer` query of an escrow link; `escrowId` comes from the link's path. */
export function decodeOffer(text: string, escrowId: bigint): DecodedOffer {
  const parts = text.trim().split(".");
  const broken = { error: "This settlement link is damaged or incomplete: ask the other party to copy it again." } as const;
  if (parts.length !== 6) return broken;
  const [index, bps, nonce, deadline, signer, signature] = parts as [string, string, string, string, string, string];
  if (![index, bps, nonce, deadline].every((n) => /^\d{1,78}$/.test(n))) return broken;
  if (!isAddress(signer, { strict: false }) || !isHex(signature) || signature.length < 132) return broken;
  const freelancerBps = Number(bps);
  if (freelancerBps > 10_000) return { error: `This offer gives the freelancer ${freelancerBps / 100}%, more than the whole milestone: it can't be accepted.` };
  return {
    offer: {
      escrowId,
      index: Number(index),
      freelancerBps,
      nonce: BigInt(nonce),
      deadline: BigInt(deadline),
      signer: getAddress(signer),
      signature,
    },
  };
}
