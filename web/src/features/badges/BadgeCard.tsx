/**
 * One badge: its picture as the contract renders it (tokenURI read from the chain, the data: URI
 * decoded in the page, ./tokenUri.ts) and its claim-time facts from the indexer.
 */
import { useMemo } from "react";
import { useReadContract } from "wagmi";
import { worxBadgesAbi } from "../../../../generated/abis.ts";
import { profileHref } from "../../app/routes.ts";
import { badgesAddress, supportedChainByCaip2 } from "../../chains/evm.ts";
import type { BadgeRow } from "../../indexer/badges.ts";
import { dateTime, percentOfBps } from "../admin/format.ts";
import { shortAddress } from "../escrow/tokens.ts";
import { tierName } from "./criteria.ts";
import { decodeTokenUri } from "./tokenUri.ts";

export function BadgeImage({ chainId, tokenId, tier }: { chainId: number | undefined; tokenId: bigint; tier: number }) {
  const address = chainId === undefined ? undefined : badgesAddress(chainId);
  const uri = useReadContract({
    chainId: chainId as never,
    address,
    abi: worxBadgesAbi,
    functionName: "tokenURI",
    args: [tokenId],
    // The picture of a minted badge never changes (only its fee-discount attribute may).
    query: { enabled: !!address, staleTime: Infinity, gcTime: 10 * 60_000, retry: 1 },
  });
  const decoded = useMemo(() => {
    if (!uri.data) return undefined;
    try {
      return { metadata: decodeTokenUri(uri.data) };
    } catch (error) {
      return { error: (error as Error).message };
    }
  }, [uri.data]);
  const label = `${tierName(tier)} badge #${tokenId}`;
  if (decoded?.metadata)
    return <img className="badge-art" src={decoded.metadata.image} alt={decoded.metadata.name || label} width={160} height={160} data-testid="badge-image" />;
  return (
    <div className={`badge-art badge-art-${tier}`} role="img" aria-label={label} data-testid="badge-image-missing">
      <span>{!address ? "No RPC for this chain" : uri.isError ? "Picture unavailable" : decoded?.error ?? "Loading…"}</span>
    </div>
  );
}

export function BadgeCard({ badge, showOwner }: { badge: BadgeRow; showOwner?: boolean }) {
  const chain = supportedChainByCaip2(badge.chainId);
  return (
    <figure className="card badge-card" data-testid={`badge-${badge.chainId}-${badge.tokenId}`} data-tier={badge.tier}>
      <BadgeImage chainId={chain?.chain.id} tokenId={badge.tokenId} tier={badge.tierId} />
      <figcaption>
        <strong>
          {tierName(badge.tierId)} #{badge.tokenId.toString()}
        </strong>{" "}
        <span className="muted">on {chain?.info.name ?? badge.chainId}</span>
        <span className="hint">
          {badge.completedJobs} jobs, {percentOfBps(badge.satisfactionBps)} satisfaction at claim · {dateTime(badge.claimedAt)} ·{" "}
          {badge.locked ? "soul-bound" : "transferable"}
        </span>
        {showOwner ? (
          <span className="hint">
            Held by <a href={profileHref(badge.owner)}>{shortAddress(badge.owner)}</a>
          </span>
        ) : null}
      </figcaption>
    </figure>
  );
}
