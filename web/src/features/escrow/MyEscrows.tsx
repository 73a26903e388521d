/**
 * “My escrows”: the connected account's escrows (client or freelancer) on the chain the wallet is
 * on, read from the indexer; a chain switch shows the other chain's.
 */
import { useEvmSession } from "../wallet/useEvmSession.ts";
import { useMyEscrows } from "../../indexer/escrows.ts";
import { EscrowCard } from "./EscrowCard.tsx";

export function MyEscrows() {
  const { address, connected, chain } = useEvmSession();
  const { data, error, isPending } = useMyEscrows(chain?.caip2, connected ? address : undefined);
  return (
    <section className="my-escrows" aria-labelledby="my-escrows-title" data-testid="my-escrows" data-chain={chain?.caip2}>
      <h2 id="my-escrows-title">
        My escrows{chain ? <span className="muted chain-label"> on {chain.info.name}</span> : null}
      </h2>
      {!connected ? (
        <p className="muted">Connect your wallet to see the escrows you are part of.</p>
      ) : error ? (
        <p className="notice" role="alert">
          {error.message}
        </p>
      ) : isPending ? (
        <p className="muted">Loading from the indexer…</p>
      ) : data.length === 0 ? (
        <p className="muted" data-testid="no-escrows">
          No escrows on {chain?.info.name ?? "this chain"} yet. Create one, or ask a client to name you as freelancer.
        </p>
      ) : (
        <ul className="escrow-list">
          {data.map((row) => (
            <li key={row.id}>
              <EscrowCard row={row} me={address!} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
