/** Shows where one write is: waiting for the wallet, pending, confirmed, or failed and why. */
import type { TxState } from "./useTx.ts";

const short = (hash: string) => (hash.length > 14 ? `${hash.slice(0, 10)}…${hash.slice(-4)}` : hash);

export function TxStatus({ state, label, testId }: { state: TxState; label: string; testId: string }) {
  if (state.status === "idle") return null;
  return (
    <div className={`tx tx-${state.status}`} role="status" aria-live="polite" data-testid={`tx-${testId}`} data-state={state.status}>
      <span className="tx-label">{label}:</span>{" "}
      {state.status === "wallet" && <span>waiting for your wallet…</span>}
      {state.status === "pending" && (
        <span>
          pending <code title={state.hash}>{short(state.hash)}</code>
        </span>
      )}
      {state.status === "confirmed" && (
        <span>
          confirmed <code title={state.hash}>{short(state.hash)}</code>
          {state.detail ? ` in ${state.detail}` : null}
        </span>
      )}
      {state.status === "sent" && (
        <span>
          sent to the network <code title={state.hash}>{short(state.hash)}</code>
          {state.link ? (
            <>
              {" "}
              — <a href={state.link} target="_blank" rel="noreferrer">follow it on the explorer</a>
            </>
          ) : null}
        </span>
      )}
      {state.status === "failed" && (
        <span>
          failed — <span data-testid={`tx-${testId}-reason`}>{state.reason}</span>
        </span>
      )}
    </div>
  );
}
