/**
 * Deploys Worx's Clarity contracts to a public Stacks network without the Clarinet CLI:
 * `npx tsx scripts/deploy/stacks/deploy.ts --network testnet|mainnet [--dry-run]`.
 * Needs STACKS_DEPLOYER_KEY and the network's API URL env var from the chain registry
 * (STACKS_API_URL_TESTNET / STACKS_API_URL_MAINNET). Writes the address book
 * scripts/deploy/stacks/deployments/<network>.json, which codegen turns into generated/stacks.ts.
 * `--dry-run` signs the transactions offline and prints them instead of broadcasting.
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import {
  broadcastTransaction,
  ClarityVersion,
  fetchNonce,
  getAddressFromPrivateKey,
  makeContractDeploy,
  type StacksTransactionWire,
} from "@stacks/transactions";
import { chainByCaip2, rpcUrl } from "../../registry/chains.ts";
import { PROTOCOL_CONTRACTS } from "../../codegen/stacks.ts";

const root = join(fileURLToPath(import.meta.url), "..", "..", "..", "..");

export const STACKS_NETWORKS = {
  testnet: { caip2: "stacks:2147483648" },
  mainnet: { caip2: "stacks:1" },
} as const;
export type StacksNetworkName = keyof typeof STACKS_NETWORKS;

/** Source of each protocol contract, from the paths Clarinet.toml declares. */
export function protocolSources(): { name: string; codeBody: string }[] {
  const manifest = readFileSync(join(root, "Clarinet.toml"), "utf8");
  return PROTOCOL_CONTRACTS.map((name) => {
    const section = manifest.split(`[contracts.${name}]`)[1];
    const path = section?.match(/^path\s*=\s*"([^"]+)"/m)?.[1];
    if (!path) throw new Error(`Clarinet.toml has no path for contract ${name}`);
    return { name, codeBody: readFileSync(join(root, path), "utf8") };
  });
}

/** Signed deploy transactions in dependency order (the trait before the contracts using it). */
export async function buildDeployTransactions(options: {
  network: StacksNetworkName;
  senderKey: string;
  firstNonce: bigint;
  feePerContract?: bigint;
  apiUrl?: string;
}): Promise<{ name: string; transaction: StacksTransactionWire }[]> {
  const result = [];
  let nonce = options.firstNonce;
  for (const { name, codeBody } of protocolSources()) {
    const transaction = await makeContractDeploy({
      contractName: name,
      codeBody,
      senderKey: options.senderKey,
      network: options.network,
      client: options.apiUrl ? { baseUrl: options.apiUrl } : undefined,
      clarityVersion: ClarityVersion.Clarity4,
      nonce: nonce++,
      fee: options.feePerContract,
      postConditionMode: "deny", // a deploy moves no funds
    });
    result.push({ name, transaction });
  }
  return result;
}

async function main() {
  const args = process.argv.slice(2);
  const network = args[args.indexOf("--network") + 1] as StacksNetworkName;
  if (!(network in STACKS_NETWORKS)) throw new Error("usage: deploy.ts --network testnet|mainnet [--dry-run]");
  const dryRun = args.includes("--dry-run");
  const senderKey = process.env.STACKS_DEPLOYER_KEY;
  if (!senderKey) throw new Error("Set STACKS_DEPLOYER_KEY (hex private key of the deployer)");
  const chain = chainByCaip2(STACKS_NETWORKS[network].caip2);
  const apiUrl = rpcUrl(chain);
  if (!apiUrl && !dryRun) throw new Error(`Set ${chain.rpcEnv} to a Stacks API URL`);
  const deployer = getAddressFromPrivateKey(senderKey, network);

  const firstNonce = dryRun ? 0n : await fetchNonce({ address: deployer, network, client: { baseUrl: apiUrl! } });
  const txs = await buildDeployTransactions({ network, senderKey, firstNonce, feePerContract: dryRun ? 10_000n : undefined, apiUrl });
  const txids: Record<string, string> = {};
  for (const { name, transaction } of txs) {
    if (dryRun) {
      console.log(`${name}: ${transaction.txid()} (${transaction.serialize().length / 2} bytes, not broadcast)`);
      continue;
    }
    const sent = await broadcastTransaction({ transaction, network, client: { baseUrl: apiUrl! } });
    if ("error" in sent) throw new Error(`broadcast of ${name} failed: ${sent.error} ${sent.reason ?? ""}`);
    txids[name] = sent.txid;
    console.log(`${name}: broadcast ${sent.txid}`);
  }
  if (dryRun) return;
  const dir = join(root, "scripts", "deploy", "stacks", "deployments");
  mkdirSync(dir, { recursive: true });
  const book = {
    caip2: chain.caip2,
    network,
    deployer,
    contracts: Object.fromEntries(PROTOCOL_CONTRACTS.map((n) => [n, `${deployer}.${n}`])),
    txids,
  };
  writeFileSync(join(dir, `${network}.json`), JSON.stringify(book, null, 2) + "\n");
  console.log(`address book written: scripts/deploy/stacks/deployments/${network}.json (run npm run build)`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  main().catch((error) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
