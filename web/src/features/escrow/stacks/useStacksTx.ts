/**
 * One Stacks write: the wallet signs and broadcasts (`stx_callContract`), then — when a Stacks API
 * is configured for the chain — its status is polled until it is confirmed or aborted.
 */
import { request } from "@stacks/connect";
import { useCallback, useEffect, useRef, useState } from "react";
import { stacksApiUrl, stacksTxLink, type StacksDeployment } from "../../../chains/stacks.ts";
import type { TxState } from "../../../tx/useTx.ts";
import type { CallContractParams } from "./calls.ts";
import { explainClarityResult, explainStacksError } from "./errors.ts";

export function useStacksTx(d: StacksDeployment) {
  const [state, setState] = useState<TxState>({ status: "idle" });
  const alive = useRef(true);
  useEffect(() => {
    alive.current = true;
    return () => {
      alive.current = false;
    };
  }, []);

  const run = useCallback(
    async (params: CallContractParams) => {
      setState({ status: "wallet" });
      let txid: string | undefined;
      try {
        const result = await request("stx_callContract", params);
        txid = result.txid;
        if (!txid) throw new Error("The wallet did not return a transaction id.");
      } catch (error) {
        console.warn("[stacks tx] failed", error);
        setState({ status: "failed", reason: explainStacksError(error) });
        return;
      }
      const api = stacksApiUrl(d.caip2);
      if (!api) {
        setState({ status: "sent", hash: txid, link: stacksTxLink(d, txid) });
        return;
      }
      setState({ status: "pending", hash: txid });
      const id = txid.startsWith("0x") ? txid : `0x${txid}`;
      for (let attempt = 0; attempt < 600 && alive.current; attempt++) {
        await new Promise((r) => setTimeout(r, 3_000));
        try {
          const res = await fetch(`${api.replace(/\/$/, "")}/extended/v1/tx/${id}`);
          if (!res.ok) continue;
          const tx = (await res.json()) as { tx_status?: string; tx_result?: { repr?: string }; block_height?: number };
          if (tx.tx_status === "success") return setState({ status: "confirmed", hash: id, detail: tx.block_height ? `block ${tx.block_height}` : undefined });
          if (tx.tx_status === "abort_by_post_condition")
            return setState({ status: "failed", hash: id, reason: "Your wallet's post-conditions stopped the transaction: it would have moved other amounts than agreed. Nothing was transferred." });
          if (tx.tx_status === "abort_by_response") return setState({ status: "failed", hash: id, reason: explainClarityResult(tx.tx_result?.repr ?? "") });
          if (tx.tx_status?.startsWith("dropped")) return setState({ status: "failed", hash: id, reason: "The network dropped the transaction; nothing happened. Try again." });
        } catch {
          // API briefly unreachable: keep polling
        }
      }
    },
    [d],
  );
  return { state, run, busy: state.status === "wallet" || state.status === "pending" };
}
