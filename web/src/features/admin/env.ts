/** What every part of the admin console knows: the chain, the multisig's live settings, who is connected, the chain's clock. */
import { getAddress, type Address } from "viem";
import { shortHex } from "./format.ts";
import { sameAddress, type MultisigInfo } from "./multisig.ts";

export interface AdminEnv {
  chainId: number;
  /** CAIP-2 id, as the indexer names chains. */
  caip2: string;
  chainName: string;
  nativeSymbol: string;
  info: MultisigInfo;
  me?: Address;
  connected: boolean;
  isOwner: boolean;
  isGuardian: boolean;
  /** The chain's current time, in seconds (./chainClock.ts). */
  now: number;
  /** Re-read chain settings and indexer rows (after a confirmed write). */
  refresh(): void;
}

/** Id of the notice saying what the connected account may do (owner-only buttons point to it). */
export const ROLE_NOTE_ID = "admin-role-note";

/** "owner 2 · 0x7099…79C8", "guardian · 0xf39F…2266", or the short address. */
export function accountLabel(info: MultisigInfo, address: string, me?: string): string {
  const index = info.owners.findIndex((o) => sameAddress(o, address));
  const role = index >= 0 ? `owner ${index + 1}` : sameAddress(info.guardian, address) ? "guardian" : undefined;
  const you = sameAddress(address, me) ? " (you)" : "";
  return `${role ? `${role} · ` : ""}${shortHex(getAddress(address))}${you}`;
}

/** Why an account that is not an owner can't propose, sign, approve or cancel. */
export function notOwnerReason(env: Pick<AdminEnv, "info" | "me" | "connected">, action: string): string {
  if (!env.connected || !env.me) return `Connect an owner's wallet to ${action}.`;
  return `Only the multisig's owners can ${action}: your account ${env.me} is not one of its ${env.info.owners.length} owners, so its signature would not count.`;
}
