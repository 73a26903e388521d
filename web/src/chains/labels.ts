/**
 * Names of chains as the pages label rows: the SPA's EVM chains (registry names), the Stacks
 * deployments (a devnet says so), any other registry chain, else the CAIP-2 id itself.
 */
import { chains } from "../../../scripts/registry/chains.ts";
import { supportedChainByCaip2 } from "./evm.ts";
import { stacksDeployments } from "./stacks.ts";

export function chainLabel(caip2: string): string {
  return (
    supportedChainByCaip2(caip2)?.info.name ??
    stacksDeployments.find((d) => d.caip2 === caip2)?.name ??
    chains.find((c) => c.caip2 === caip2)?.name ??
    caip2
  );
}

export const chainFamily = (caip2: string): "evm" | "stacks" => (caip2.startsWith("stacks:") ? "stacks" : "evm");

/** The family of an account: EVM addresses are 0x…, Stacks principals S…; undefined for neither. */
export function accountFamily(account: string): "evm" | "stacks" | undefined {
  if (/^0x[0-9a-fA-F]{40}$/.test(account)) return "evm";
  // Standard (SP…/ST…/SM…/SN… in c32) or contract principal (`address.name`); the indexer checks the checksum.
  if (/^S[PMTN][0-9A-HJKMNP-TV-Z]{20,41}(\.[a-zA-Z][a-zA-Z0-9_-]{0,39})?$/.test(account)) return "stacks";
  return undefined;
}
