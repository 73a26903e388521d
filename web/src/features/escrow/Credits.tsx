/** Payouts, refunds and fees wait as credits in the escrow contract until their owner withdraws them. */
import { useMemo, useRef } from "react";
import type { Address } from "viem";
import { useConfig, useReadContracts } from "wagmi";
import { simulateContract, writeContract } from "wagmi/actions";
import { milestoneEscrowAbi } from "../../../../generated/abis.ts";
import { escrowAddress, supportedChains, tokenOptions } from "../../chains/evm.ts";
import { useMyEscrows } from "../../indexer/escrows.ts";
import { TxStatus } from "../../tx/TxStatus.tsx";
import { useEvmTx } from "../../tx/useTx.ts";
import { useEvmSession } from "../wallet/useEvmSession.ts";
import { formatAmount, useTokenInfo } from "./tokens.ts";

export function Credits() {
  const { address, connected, chain } = useEvmSession();
  // Credits are read on every deployed chain; the tokens of this chain's escrows are added to the known ones.
  const { data: escrows } = useMyEscrows(chain?.caip2, connected ? address : undefined);
  const pairs = useMemo(() => {
    const seen = new Set<string>();
    const list: { chainId: number; token: Address }[] = [];
    const add = (chainId: number, token: Address) => {
      const key = `${chainId}:${token.toLowerCase()}`;
      if (!seen.has(key)) seen.add(key), list.push({ chainId, token });
    };
    for (const c of supportedChains) for (const o of tokenOptions(c.chain.id)) add(c.chain.id, o.address);
    for (const e of escrows ?? []) {
      const c = supportedChains.find((s) => s.caip2 === e.chainId);
      if (c) add(c.chain.id, e.token);
    }
    return list;
  }, [escrows]);
  const credits = useReadContracts({
    allowFailure: true,
    contracts: pairs.map((p) => ({
      chainId: p.chainId as never,
      address: escrowAddress(p.chainId),
      abi: milestoneEscrowAbi,
      functionName: "credits" as const,
      args: [p.token, address!] as const,
    })),
    query: { enabled: connected && !!address, refetchInterval: 4_000 },
  });
  // A credit stays listed (at zero) after its withdrawal, so the withdrawal's status stays visible.
  const shown = useRef(new Set<string>());
  if (!connected || !address) return null;
  const rows = pairs
    .map((p, i) => ({ ...p, key: `${p.chainId}:${p.token}`, amount: credits.data?.[i]?.result as bigint | undefined }))
    .filter((r) => {
      if (r.amount !== undefined && r.amount > 0n) shown.current.add(r.key);
      return r.amount !== undefined && shown.current.has(r.key);
    });
  return (
    <section className="credits" aria-labelledby="credits-title" data-testid="credits">
      <h2 id="credits-title">Your credits</h2>
      {rows.length === 0 ? (
        <p className="muted">Nothing to withdraw. Payouts, refunds and fees credited to you show up here.</p>
      ) : (
        <ul className="credit-list">
          {rows.map((r) => (
            <CreditRow key={r.key} chainId={r.chainId} token={r.token} amount={r.amount!} me={address} onDone={() => void credits.refetch()} />
          ))}
        </ul>
      )}
    </section>
  );
}

function CreditRow({ chainId, token, amount, me, onDone }: { chainId: number; token: Address; amount: bigint; me: Address; onDone: () => void }) {
  const config = useConfig();
  const info = useTokenInfo(chainId, token);
  const format = (v: bigint) => formatAmount(v, info);
  const tx = useEvmTx(chainId, { formatAmount: format, nativeSymbol: info.native ? info.symbol : undefined }, onDone);
  return (
    <li className="card credit" data-testid={`credit-${info.symbol}`}>
      <span data-testid="credit-amount">{format(amount)}</span>
      <button
        type="button"
        disabled={tx.busy || amount === 0n}
        onClick={() =>
          tx.run(async () => {
            const { request } = await simulateContract(config, {
              chainId: chainId as never,
              account: me,
              address: escrowAddress(chainId),
              abi: milestoneEscrowAbi,
              functionName: "withdraw",
              args: [token],
            });
            return writeContract(config, request);
          })
        }
      >
        Withdraw {info.symbol}
      </button>
      <TxStatus state={tx.state} label={`Withdraw ${info.symbol}`} testId={`withdraw-${info.symbol}`} />
    </li>
  );
}
