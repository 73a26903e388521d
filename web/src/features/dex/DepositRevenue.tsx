/**
 * The creator deposits revenue into its coin, in the base token: the holders' share is credited to
 * holders pro rata to their balances now, the rest to the creator's own claimable balance. Approve
 * (exactly the amount, when the allowance is short), then deposit.
 */
import { useId, useState, type FormEvent } from "react";
import { erc20Abi, type Address } from "viem";
import { useConfig, useReadContracts } from "wagmi";
import { TxStatus } from "../../tx/TxStatus.tsx";
import { useEvmTx } from "../../tx/useTx.ts";
import { Field } from "../../ui/Field.tsx";
import { parseAmount } from "../escrow/validation.ts";
import { sendApprove, sendCoin } from "./contracts.ts";
import type { DexEnv } from "./DexShell.tsx";
import { formatToken } from "./format.ts";
import type { TokenFacts } from "./usePool.ts";

export function DepositRevenue({ env, coin, symbol, holderShareBps, base }: { env: DexEnv; coin: Address; symbol: string; holderShareBps: number; base: TokenFacts }) {
  const config = useConfig();
  const id = useId();
  const [amount, setAmount] = useState("");
  const [error, setError] = useState<string>();
  const me = env.me!;
  const b = { chainId: env.chainId as never, address: base.address, abi: erc20Abi } as const;
  const reads = useReadContracts({
    allowFailure: false,
    contracts: [
      { ...b, functionName: "balanceOf", args: [me] },
      { ...b, functionName: "allowance", args: [me, coin] },
    ],
    query: { refetchInterval: 3_000 },
  });
  const fmt = (v: bigint) => formatToken(v, base.decimals, base.symbol);
  const approveTx = useEvmTx(env.chainId, { formatAmount: fmt });
  const depositTx = useEvmTx(env.chainId, { formatAmount: fmt }, () => {
    setAmount("");
    void reads.refetch();
  });
  const parsed = parseAmount(amount, base.decimals, base.symbol);
  const holders = parsed.value !== undefined ? (parsed.value * BigInt(holderShareBps)) / 10_000n : undefined;

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    if (parsed.error !== undefined) return setError(parsed.error);
    const [balance, allowance] = reads.data ?? [0n, 0n];
    if (parsed.value > balance) return setError(`Your balance is ${fmt(balance)}: you can't deposit ${fmt(parsed.value)}.`);
    setError(undefined);
    if (allowance < parsed.value) {
      const ok = await approveTx.run(() => sendApprove(config, env.chainId, me, base.address, coin, parsed.value));
      if (!ok) return;
    }
    await depositTx.run(() => sendCoin(config, env.chainId, me, coin, "depositRevenue", [parsed.value]));
  }

  return (
    <form className="card form" onSubmit={(e) => void onSubmit(e)} noValidate aria-labelledby={`${id}-title`} data-testid="deposit-revenue">
      <h2 id={`${id}-title`}>Share revenue with {symbol} holders</h2>
      <Field id={`${id}-amount`} label={`Revenue (${base.symbol})`} error={error} hint={reads.data ? `Your balance: ${fmt(reads.data[0])}.` : undefined}>
        <input
          id={`${id}-amount`}
          inputMode="decimal"
          autoComplete="off"
          placeholder="1000"
          value={amount}
          onChange={(e) => {
            setAmount(e.target.value);
            setError(undefined);
          }}
        />
      </Field>
      {holders !== undefined && parsed.value !== undefined ? (
        <p className="preview" data-testid="deposit-preview">
          Holders receive {fmt(holders)} ({holderShareBps / 100}%) pro rata to their balances now; {fmt(parsed.value - holders)} is credited to you.
        </p>
      ) : null}
      <button type="submit" disabled={approveTx.busy || depositTx.busy} data-testid="deposit">
        Deposit revenue
      </button>
      <TxStatus state={approveTx.state} label="Approve" testId="deposit-approve" />
      <TxStatus state={depositTx.state} label="Deposit" testId="deposit" />
    </form>
  );
}
