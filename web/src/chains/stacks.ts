/**
 * Stacks deployments, from the generated registry (generated/stacks.ts, written by
 * scripts/codegen/stacks.ts). Read through `import.meta.glob` so the SPA still builds and runs
 * when that file has not been generated yet: Stacks actions are then disabled with a message.
 */
import { chains, type ChainInfo, type StacksChainId } from "../../../scripts/registry/chains.ts";

export type { StacksChainId };
export type StacksNetworkName = "mainnet" | "testnet" | "devnet";

export interface StacksDeployment {
  readonly caip2: StacksChainId;
  readonly name: string;
  /** The network name wallets take (`devnet` shares testnet's chain id and address version). */
  readonly network: StacksNetworkName;
  /** Full principal of the escrow contract, `ADDRESS.escrow`. */
  readonly escrow: `${string}.${string}`;
  /** Full principal of the badges contract (`ADDRESS.badges`), when deployed there. */
  readonly badges?: `${string}.${string}`;
  readonly explorer?: string;
}

interface GeneratedBook {
  network?: string;
  contracts?: Record<string, unknown>;
}

// Only the named export is imported, so `clarityContracts` (also in that file) stays out of the bundle.
const books = import.meta.glob<Record<string, GeneratedBook> | undefined>("../../../generated/stacks.ts", {
  eager: true,
  import: "stacksDeployments",
});

const PRINCIPAL = /^S[A-Z0-9]{39,40}\.[a-zA-Z][a-zA-Z0-9-]*$/;

function collect(): StacksDeployment[] {
  const found: StacksDeployment[] = [];
  for (const generated of Object.values(books)) {
    for (const [caip2, book] of Object.entries(generated ?? {})) {
      const info: ChainInfo | undefined = chains.find((c) => c.caip2 === caip2 && c.family === "stacks");
      const escrow = book?.contracts?.escrow;
      if (!info || typeof escrow !== "string" || !PRINCIPAL.test(escrow)) continue;
      if (found.some((d) => d.caip2 === caip2)) continue;
      const network: StacksNetworkName =
        book.network === "mainnet" || book.network === "testnet" || book.network === "devnet"
          ? book.network
          : caip2 === "stacks:1"
            ? "mainnet"
            : "testnet";
      const badges = book.contracts?.badges;
      found.push({
        caip2: caip2 as StacksChainId,
        name: network === "devnet" ? "Stacks Devnet" : info.name,
        network,
        escrow: escrow as `${string}.${string}`,
        badges: typeof badges === "string" && PRINCIPAL.test(badges) ? (badges as `${string}.${string}`) : undefined,
        explorer: info.explorer,
      });
    }
  }
  return found;
}

export const stacksDeployments: readonly StacksDeployment[] = collect();

/**
 * The full principal the generated book gives contract `name` (its Clarinet name) on `caip2`;
 * undefined when the book, the chain or that contract is missing or malformed.
 */
export function generatedStacksContract(caip2: StacksChainId, name: string): `${string}.${string}` | undefined {
  for (const generated of Object.values(books)) {
    const principal = generated?.[caip2]?.contracts?.[name];
    if (typeof principal === "string" && PRINCIPAL.test(principal)) return principal as `${string}.${string}`;
  }
  return undefined;
}

/** The Stacks chain an address belongs to: SP/SM mainnet, ST/SN testnet (and devnet). */
export function stacksChainOfAddress(address: string): StacksChainId {
  return address.startsWith("SP") || address.startsWith("SM") ? "stacks:1" : "stacks:2147483648";
}

export function stacksDeploymentFor(address: string): StacksDeployment | undefined {
  return stacksDeployments.find((d) => d.caip2 === stacksChainOfAddress(address));
}

const env = import.meta.env as unknown as Record<string, string | undefined>;

/** Stacks API base URL (Hiro-compatible) for a chain, from `VITE_<rpcEnv>`; undefined when unset. */
export function stacksApiUrl(caip2: StacksChainId): string | undefined {
  const info = chains.find((c) => c.caip2 === caip2);
  return info ? env[`VITE_${info.rpcEnv}`] || undefined : undefined;
}

/** Explorer page of a transaction, when the registry knows the chain's explorer. */
export function stacksTxLink(d: StacksDeployment, txid: string): string | undefined {
  if (!d.explorer || d.network === "devnet") return undefined;
  const url = new URL(d.explorer);
  url.pathname = `/txid/${txid.startsWith("0x") ? txid : `0x${txid}`}`;
  return url.toString();
}
