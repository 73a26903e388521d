/**
 * Gas of WorxMultisig moving funds, beside Safe 1.4.1 `execTransaction` moving the same funds with
 * the same owners and threshold, both measured from real receipts on one in-process Hardhat
 * network in the same run. Shared by `npm run bench` and the committed gas snapshot check.
 *
 * For each setup (1-of-1, 2-of-3, 3-of-5) and each transfer (native coin, ERC-20 to an account
 * that never held any), WorxMultisig is measured three ways:
 *  - `execute`: the final call alone (what runs after the timelock);
 *  - `approveWithSignatures + queue + execute`: a relayer submits the M owners' EIP-712 signatures;
 *  - `propose + approve + queue + execute`: every owner approves on-chain instead (M + 2 txs).
 * Safe is deployed from the npm package's own build artifacts (singleton + SafeProxyFactory, used
 * through a proxy as every real Safe is), signed with EIP-712 `SafeTx` signatures sorted by owner,
 * and measured after one warm-up transaction (so its nonce write is the steady-state one).
 * Worx has no proxy and no warm-up to do: each operation's record is a fresh storage slot by design.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { network } from "hardhat";
import { multisigDomain, OPERATION_TYPES } from "../../generated/typedData.ts";
import {
  encodeFunctionData,
  keccak256,
  parseEventLogs,
  toHex,
  zeroAddress,
  type Abi,
  type Address,
  type Hash,
  type Hex,
} from "viem";

export interface MultisigGasRow {
  operation: string;
  gas: number;
  anchor: string;
  anchorGas: number;
}

const require = createRequire(import.meta.url);
interface Artifact {
  abi: Abi;
  bytecode: Hex;
}
const safeArtifact = (path: string): Artifact =>
  JSON.parse(readFileSync(require.resolve(`@safe-global/safe-contracts/build/artifacts/contracts/${path}`), "utf8"));

export const SAFE_VERSION = "Safe 1.4.1";
const SETUPS = [
  { owners: 1, threshold: 1 },
  { owners: 3, threshold: 2 },
  { owners: 5, threshold: 3 },
] as const;
const HOUR = 3_600;

export async function measureMultisigGas(): Promise<MultisigGasRow[]> {
  const { viem, networkHelpers } = await network.create();
  const publicClient = await viem.getPublicClient();
  const wallets = await viem.getWalletClients();
  const relayer = wallets[9];
  const chainId = await publicClient.getChainId();
  const receipt = async (hash: Promise<Hash> | Hash) => publicClient.waitForTransactionReceipt({ hash: await hash });
  const gasOf = async (hash: Promise<Hash> | Hash) => Number((await receipt(hash)).gasUsed);
  // A fresh, never-used recipient per measurement, so both sides pay for creating the balance.
  let fresh = 0;
  const freshAccount = (): Address => keccak256(toHex(`worx-bench-recipient-${fresh++}`)).slice(0, 42) as Address;

  const token = await viem.deployContract("DemoStablecoin", ["Demo USD", "dUSD"]);
  const safeSingleton = safeArtifact("Safe.sol/Safe.json");
  const proxyFactory = safeArtifact("proxies/SafeProxyFactory.sol/SafeProxyFactory.json");
  const deployRaw = async (artifact: Artifact) => {
    const r = await receipt(relayer.deployContract({ abi: artifact.abi, bytecode: artifact.bytecode }));
    return r.contractAddress as Address;
  };
  const singletonAddress = await deployRaw(safeSingleton);
  const factoryAddress = await deployRaw(proxyFactory);

  const KINDS = ["ETH transfer", "ERC-20 transfer"] as const;
  /** The call that moves funds of `kind` to `to`. */
  const transferCall = (kind: (typeof KINDS)[number], to: Address) =>
    kind === "ETH transfer"
      ? { target: to, value: 10n ** 16n, data: "0x" as Hex }
      : {
          target: token.address,
          value: 0n,
          data: encodeFunctionData({ abi: token.abi, functionName: "transfer", args: [to, 1_000_000n] }),
        };

  const rows: MultisigGasRow[] = [];
  for (const { owners: n, threshold: m } of SETUPS) {
    const label = `${m}/${n}`;
    const owners = wallets.slice(0, n);
    const signers = owners.slice(0, m);
    const ownerAddresses = owners.map((w) => w.account.address);
    const sortBySigner = <T extends { signer: Address }>(list: T[]) =>
      list.sort((a, b) => (BigInt(a.signer) < BigInt(b.signer) ? -1 : 1));

    // ── WorxMultisig: transfers are unconfigured, hence Critical, so the Critical threshold is M ──
    const worx = await viem.deployContract("WorxMultisig", [
      ownerAddresses,
      BigInt(Math.min(2, m)),
      BigInt(m),
      BigInt(24 * HOUR),
      BigInt(48 * HOUR),
      zeroAddress,
      [],
      [],
    ]);
    await gasOf(relayer.sendTransaction({ to: worx.address, value: 10n ** 18n }));
    await gasOf(token.write.mint([worx.address, 10n ** 12n]));
    let nonce = 0n;
    const worxDomain = multisigDomain(chainId, worx.address);
    const worxTypes = OPERATION_TYPES;

    // ── Safe 1.4.1: a proxy of the singleton, set up with the same owners and threshold ──
    const setupData = encodeFunctionData({
      abi: safeSingleton.abi,
      functionName: "setup",
      args: [ownerAddresses, BigInt(m), zeroAddress, "0x", zeroAddress, zeroAddress, 0n, zeroAddress],
    });
    const created = await receipt(
      relayer.sendTransaction({
        to: factoryAddress,
        data: encodeFunctionData({
          abi: proxyFactory.abi,
          functionName: "createProxyWithNonce",
          args: [singletonAddress, setupData, BigInt(n)],
        }),
      }),
    );
    const [creation] = parseEventLogs({ abi: proxyFactory.abi, eventName: "ProxyCreation", logs: created.logs }) as unknown as [
      { args: { proxy: Address } },
    ];
    const safe = creation.args.proxy;
    await gasOf(relayer.sendTransaction({ to: safe, value: 10n ** 18n }));
    await gasOf(token.write.mint([safe, 10n ** 12n]));
    let safeNonce = 0n;
    const safeExec = async (to: Address, value: bigint, data: Hex) => {
      const message = {
        to,
        value,
        data,
        operation: 0,
        safeTxGas: 0n,
        baseGas: 0n,
        gasPrice: 0n,
        gasToken: zeroAddress,
        refundReceiver: zeroAddress,
        nonce: safeNonce++,
      };
      const signatures = sortBySigner(
        await Promise.all(
          signers.map(async (w) => ({
            signer: w.account.address,
            signature: await w.signTypedData({
              domain: { chainId, verifyingContract: safe },
              types: {
                SafeTx: [
                  { name: "to", type: "address" },
                  { name: "value", type: "uint256" },
                  { name: "data", type: "bytes" },
                  { name: "operation", type: "uint8" },
                  { name: "safeTxGas", type: "uint256" },
                  { name: "baseGas", type: "uint256" },
                  { name: "gasPrice", type: "uint256" },
                  { name: "gasToken", type: "address" },
                  { name: "refundReceiver", type: "address" },
                  { name: "nonce", type: "uint256" },
                ],
              },
              primaryType: "SafeTx",
              message,
            }),
          })),
        ),
      );
      const packed = `0x${signatures.map((s) => s.signature.slice(2)).join("")}` as Hex;
      return gasOf(
        relayer.sendTransaction({
          to: safe,
          data: encodeFunctionData({
            abi: safeSingleton.abi,
            functionName: "execTransaction",
            args: [to, value, data, 0, 0n, 0n, 0n, zeroAddress, zeroAddress, packed],
          }),
        }),
      );
    };
    await safeExec(freshAccount(), 1n, "0x"); // warm-up: nonce 0 -> 1

    for (const kind of KINDS) {
      const anchor = `${SAFE_VERSION} execTransaction (${label}, ${kind})`;
      const safeCall = transferCall(kind, freshAccount());
      const anchorGas = await safeExec(safeCall.target, safeCall.value, safeCall.data);
      const push = (operation: string, gas: number) =>
        rows.push({ operation: `${operation} (${label}, ${kind})`, gas, anchor, anchorGas });

      // The owners' signatures, relayed in one transaction.
      const op = { ...transferCall(kind, freshAccount()), nonce: nonce++ };
      const sigs = sortBySigner(
        await Promise.all(
          signers.map(async (w) => ({
            signer: w.account.address,
            signature: await w.signTypedData({ domain: worxDomain, types: worxTypes, primaryType: "Operation", message: op }),
          })),
        ),
      );
      const approveGas = await gasOf(worx.write.approveWithSignatures([op, sigs], { account: relayer.account }));
      const queueGas = await gasOf(worx.write.queue([op], { account: relayer.account }));
      await networkHelpers.time.increase(48 * HOUR);
      const executeGas = await gasOf(worx.write.execute([op], { account: relayer.account }));
      push("execute", executeGas);
      push("approveWithSignatures + queue + execute", approveGas + queueGas + executeGas);

      // Every owner approves on-chain instead.
      const onChain = { ...transferCall(kind, freshAccount()), nonce: nonce++ };
      let total = await gasOf(worx.write.propose([onChain], { account: signers[0].account }));
      const id = await worx.read.hashOperation([onChain]);
      for (const w of signers.slice(1)) total += await gasOf(worx.write.approve([id], { account: w.account }));
      total += await gasOf(worx.write.queue([onChain], { account: relayer.account }));
      await networkHelpers.time.increase(48 * HOUR);
      total += await gasOf(worx.write.execute([onChain], { account: relayer.account }));
      push(m === 1 ? "propose + queue + execute" : `propose + ${m - 1}× approve + queue + execute`, total);
    }
  }
  return rows;
}

/** The committed snapshot's shape: every measured operation, then every Safe anchor once. */
export function multisigSnapshot(rows: MultisigGasRow[]): Record<string, number> {
  return Object.fromEntries([
    ...rows.map((r) => [r.operation, r.gas] as const),
    ...rows.map((r) => [`anchor: ${r.anchor}`, r.anchorGas] as const),
  ]);
}
