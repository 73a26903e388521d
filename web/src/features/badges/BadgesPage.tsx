/**
 * `#/badges` (lazy-loaded): every badge held now on the chain the wallet is on (or the one picked
 * in the header), newest first, a page at a time (the indexer's cursor paging), each drawn from
 * its on-chain SVG. A chain switch starts again from the first page of the other chain.
 */
import { useState } from "react";
import type { SupportedChain } from "../../chains/evm.ts";
import { useBadgeGallery } from "../../indexer/badges.ts";
import { useEvmSession } from "../wallet/useEvmSession.ts";
import { BadgeCard } from "./BadgeCard.tsx";

const PAGE = 12;

export default function BadgesPage() {
  const { chain } = useEvmSession();
  if (!chain) return <p className="notice">No EVM chain has a Worx deployment yet.</p>;
  return <Gallery key={chain.caip2} chain={chain} />;
}

function Gallery({ chain }: { chain: SupportedChain }) {
  // Cursors of the pages before the current one (null: the first page).
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const after = cursors[cursors.length - 1] ?? null;
  const { data, error, isPending, isPlaceholderData } = useBadgeGallery(chain.caip2, after, PAGE);
  const page = cursors.length;
  const pages = data ? Math.max(1, Math.ceil(data.total / PAGE)) : undefined;
  return (
    <section className="admin-section" aria-labelledby="gallery-title" data-testid="badge-gallery" data-chain={chain.caip2}>
      <h2 id="gallery-title">Badges on {chain.info.name}</h2>
      <p className="hint">Every badge held today on {chain.info.name}, newest first (switch chains in the header for another chain's). Their pictures and facts are rendered by the badges contract itself.</p>
      {error ? (
        <p className="notice" role="alert">
          {error.message}
        </p>
      ) : isPending ? (
        <p className="muted">Loading from the indexer…</p>
      ) : data.total === 0 ? (
        <p className="muted" data-testid="gallery-empty">
          No badge has been claimed on {chain.info.name} yet.
        </p>
      ) : (
        <>
          <div className="badge-grid" aria-busy={isPlaceholderData}>
            {data.items.map((b) => (
              <BadgeCard key={b.id} badge={b} showOwner />
            ))}
          </div>
          <nav className="pager" aria-label="Badge pages">
            <button type="button" className="secondary" disabled={page === 1} onClick={() => setCursors((c) => c.slice(0, -1))}>
              Newer
            </button>
            <span className="muted" data-testid="gallery-page">
              Page {page} of {pages} · {data.total} badge{data.total === 1 ? "" : "s"}
            </span>
            <button
              type="button"
              className="secondary"
              disabled={!data.hasNext || !data.endCursor || isPlaceholderData}
              onClick={() => setCursors((c) => [...c, data.endCursor])}
            >
              Older
            </button>
          </nav>
        </>
      )}
    </section>
  );
}
