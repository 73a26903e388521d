/**
 * Settlement offers on Stacks: the signer signs SIP-018 structured data in its wallet — domain
 * {name: "Worx MilestoneEscrow", version: "1", chain-id} and message {escrow (the contract),
 * escrow-id, index, freelancer-bps, nonce, deadline} (clarity/contracts/escrow.clar
 * `get-settlement-hash`) — and shares the offer as text; the other party sends `settle-milestone`
 * with it. Text format, dot-separated: `<escrow>.<index>.<bps>.<nonce>.<deadline>.<signer>.<signature hex>`.
 */
import { Cl, validateStacksAddress, type TupleCV } from "@stacks/transactions";
import { bytesToHex, hexToBytes, isHex } from "viem";
import type { StacksDeployment } from "../../../chains/stacks.ts";

export interface StacksOfferTerms {
  escrowId: bigint;
  index: bigint;
  freelancerBps: number;
  nonce: bigint;
  /** Unix seconds (compared with stacks-block-time). */
  deadline: bigint;
}

export interface StacksOffer extends StacksOfferTerms {
  signer: string;
  /** 65 bytes, recoverable (what `secp256k1-recover?` takes). */
  signature: Uint8Array;
}

/** The SIP-018 domain (`get-settlement-domain`): the chain id is the CAIP-2 reference. */
export function settlementDomainCV(d: StacksDeployment): TupleCV {
  return Cl.tuple({ name: Cl.stringAscii("Worx MilestoneEscrow"), version: Cl.stringAscii("1"), "chain-id": Cl.uint(BigInt(d.caip2.split(":")[1]!)) });
}

export function settlementMessageCV(d: StacksDeployment, t: StacksOfferTerms): TupleCV {
  const [address, name] = d.escrow.split(".");
  return Cl.tuple({
    escrow: Cl.contractPrincipal(address!, name!),
    "escrow-id": Cl.uint(t.escrowId),
    index: Cl.uint(t.index),
    "freelancer-bps": Cl.uint(t.freelancerBps),
    nonce: Cl.uint(t.nonce),
    deadline: Cl.uint(t.deadline),
  });
}

export function encodeStacksOffer(o: StacksOffer): string {
  return [o.escrowId, o.index, o.freelancerBps, o.nonce, o.deadline, o.signer, bytesToHex(o.signature)].join(".");
}

export function decodeStacksOffer(text: string): { offer: StacksOffer; error?: undefined } | { offer?: undefined; error: string } {
  const parts = text.trim().split(".");
  const broken = { error: "This is not a settlement offer: ask the other party to copy the whole offer text again." } as const;
  if (parts.length !== 7) return broken;
  const [escrowId, index, bps, nonce, deadline, signer, signature] = parts as [string, string, string, string, string, string, string];
  if (![escrowId, index, bps, nonce, deadline].every((n) => /^\d{1,39}$/.test(n))) return broken;
  if (!validateStacksAddress(signer) || !isHex(signature) || signature.length !== 132) return broken;
  if (Number(bps) > 10_000) return { error: "This offer gives the freelancer more than 100%: it can't be accepted." };
  return {
    offer: {
      escrowId: BigInt(escrowId),
      index: BigInt(index),
      freelancerBps: Number(bps),
      nonce: BigInt(nonce),
      deadline: BigInt(deadline),
      signer,
      signature: hexToBytes(signature),
    },
  };
}
