/**
 * CreateX, the CREATE2 factory Ignition's `create2` strategy deploys through
 * (scripts/deploy/ignition: `--strategy create2`, salt in hardhat.config.ts). It lives at the same
 * address on every chain because it is deployed by a presigned, chain-agnostic transaction
 * (pre-EIP-155: no chain id in the signature) from a one-use deployer account. Public chains have
 * it already. Ignition sends that transaction itself only on chain 31337; {@link deployCreateX}
 * sends it on any other simulated or local chain (the second local chain, the deploy dry run).
 */
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import { keccak256 } from "viem";

/** CreateX v0.1.0 (ignition-core's create2 strategy checks the same address and code hash). */
export const CREATEX_ADDRESS = "0xba5Ed099633D3B313e4D5F7bdc1305d3c28ba5Ed";
export const CREATEX_CODE_HASH = "0xbd8a7ea8cfca7b4e5f5041d7d4b17bc317c5ce42cfbc42066a00cf26b43eb53f";
/** Signer of the presigned deployment (its nonce 0 creates CreateX). */
const CREATEX_DEPLOYER = "0xeD456e05CaAb11d66C4c797dD6c1D6f9A7F352b5";
/** What the presigned transaction may spend: 3 000 000 gas at 100 gwei, plus margin (0.4 ETH, as Ignition funds it). */
const CREATEX_DEPLOYER_FUNDS = 400_000_000_000_000_000n;

/** An EIP-1193 style request function: a Hardhat provider's, or JSON-RPC over HTTP. */
export type RpcRequest = (method: string, params: unknown[]) => Promise<unknown>;

/**
 * The presigned transaction, from ignition-core itself (not copied: it is ~12 kB of bytecode). The
 * package exports no such path, so the file is imported by location.
 */
async function presignedTx(): Promise<string> {
  const pkg = createRequire(import.meta.url).resolve("@nomicfoundation/ignition-core/package.json");
  const file = join(dirname(pkg), "dist", "src", "internal", "execution", "strategy", "createx-artifact.js");
  const { presignedTx: tx } = (await import(pathToFileURL(file).href)) as { presignedTx?: string };
  if (typeof tx !== "string" || !tx.startsWith("0x")) throw new Error(`No CreateX presigned transaction in ${file}: ignition-core changed`);
  return tx;
}

/**
 * Deploys CreateX on a development chain (Hardhat node or simulated network: it funds the deployer
 * with `hardhat_setBalance`) unless it is there already; checks the code it finds or creates.
 */
export async function deployCreateX(request: RpcRequest): Promise<void> {
  let code = (await request("eth_getCode", [CREATEX_ADDRESS, "latest"])) as `0x${string}`;
  if (code === "0x") {
    await request("hardhat_setBalance", [CREATEX_DEPLOYER, `0x${CREATEX_DEPLOYER_FUNDS.toString(16)}`]);
    const hash = (await request("eth_sendRawTransaction", [await presignedTx()])) as string;
    for (let attempt = 0; ; attempt++) {
      const receipt = (await request("eth_getTransactionReceipt", [hash])) as { status: string; contractAddress?: string } | null;
      if (receipt) {
        if (receipt.status !== "0x1" || receipt.contractAddress?.toLowerCase() !== CREATEX_ADDRESS.toLowerCase()) {
          throw new Error(`CreateX deployment ${hash} failed (status ${receipt.status}, address ${receipt.contractAddress})`);
        }
        break;
      }
      if (attempt > 100) throw new Error(`CreateX deployment ${hash} was not mined`);
      await new Promise((r) => setTimeout(r, 100));
    }
    code = (await request("eth_getCode", [CREATEX_ADDRESS, "latest"])) as `0x${string}`;
  }
  if (keccak256(code) !== CREATEX_CODE_HASH) throw new Error(`The code at ${CREATEX_ADDRESS} is not CreateX v0.1.0`);
}
