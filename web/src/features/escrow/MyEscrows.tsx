/** “My escrows”: every escrow of the connected account (client or freelancer), read from the indexer. */
import { useEvmSession } from "../wallet/useEvmSession.ts";
import { useMyEscrows } from "../../indexer/escrows.ts";
import { EscrowCard } from "./EscrowCard.tsx";

export function MyEscrows() {
  const { address, connected } = useEvmSession();
  const { data, error, isPending } = useMyEscrows(connected ? address : undefined);
  return (
    <section className="my-escrows" aria-labelledby="my-escrows-title" data-testid="my-escrows">
      <h2 id="my-escrows-title">My escrows</h2>
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
          No escrows yet. Create one, or ask a client to name you as freelancer.
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
