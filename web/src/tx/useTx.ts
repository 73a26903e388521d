/**
 * The lifecycle of one write, shared by every action: waiting for the wallet → pending (hash known)
 * → confirmed / failed, the failure reason in words (./errors.ts). EVM writes are simulated before
 * the wallet is asked, so a call that would revert is explained without costing gas.
 */
import { useCallback, useRef, useState } from "react";
import type { Hash, TransactionReceipt } from "viem";
import { useConfig } from "wagmi";
import { getAccount, getPublicClient, switchChain, waitForTransactionReceipt } from "wagmi/actions";
import { explainError, type ExplainContext } from "./errors.ts";

export type TxState =
  | { status: "idle" }
  | { status: "wallet" }
  | { status: "pending"; hash: string }
  | { status: "confirmed"; hash: string; detail?: string }
  | { status: "failed"; reason: string; hash?: string }
  /** Broadcast by the wallet; this app can't follow its confirmation (no API configured). */
  | { status: "sent"; hash: string; link?: string };

export interface TxController {
  state: TxState;
  busy: boolean;
  reset(): void;
  /** Shows `reason` as a failure without asking the wallet (a check done before the write). */
  refuse(reason: string): void;
}

export interface EvmTx extends TxController {
  /** Runs `send` (simulate + write, returning the hash) on `chainId`; resolves to the receipt when confirmed. */
  run(send: () => Promise<Hash>): Promise<TransactionReceipt | undefined>;
}

export function useEvmTx(chainId: number, ctx: ExplainContext = {}, onConfirmed?: (receipt: TransactionReceipt) => void): EvmTx {
  const config = useConfig();
  const [state, setState] = useState<TxState>({ status: "idle" });
  const inFlight = useRef(false);
  const ctxRef = useRef(ctx);
  ctxRef.current = ctx;
  const onConfirmedRef = useRef(onConfirmed);
  onConfirmedRef.current = onConfirmed;

  const run = useCallback(
    async (send: () => Promise<Hash>) => {
      if (inFlight.current) return undefined;
      inFlight.current = true;
      let hash: Hash | undefined;
      try {
        setState({ status: "wallet" });
        const account = getAccount(config);
        if (account.status !== "connected") throw new Error("Connect your wallet first.");
        if (account.chainId !== chainId) await switchChain(config, { chainId: chainId as never });
        hash = await send();
        setState({ status: "pending", hash });
        const receipt = await waitForTransactionReceipt(config, { hash, chainId: chainId as never });
        if (receipt.status !== "success") {
          setState({ status: "failed", hash, reason: await revertReason(receipt) });
          return undefined;
        }
        setState({ status: "confirmed", hash, detail: `block ${receipt.blockNumber}` });
        onConfirmedRef.current?.(receipt);
        return receipt;
      } catch (error) {
        console.warn("[tx] failed", error);
        setState({ status: "failed", hash, reason: explainError(error, ctxRef.current) });
        return undefined;
      } finally {
        inFlight.current = false;
      }
    },
    [config, chainId],
  );

  /** A mined revert: replay the call on the parent block to recover the revert data. */
  async function revertReason(receipt: TransactionReceipt): Promise<string> {
    const client = getPublicClient(config, { chainId: chainId as never });
    try {
      const tx = await client!.getTransaction({ hash: receipt.transactionHash });
      await client!.call({ account: tx.from, to: tx.to, data: tx.input, value: tx.value, blockNumber: receipt.blockNumber - 1n });
      return "The transaction was reverted on-chain.";
    } catch (error) {
      return explainError(error, ctxRef.current);
    }
  }

  const reset = useCallback(() => setState({ status: "idle" }), []);
  const refuse = useCallback((reason: string) => setState({ status: "failed", reason }), []);
  return { state, run, reset, refuse, busy: state.status === "wallet" || state.status === "pending" };
}
