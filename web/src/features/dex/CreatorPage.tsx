/**
 * `#/creator/<caip2>/<handle or creatorId>` (lazy-loaded): a creator's metrics (live from the
 * oracle; their history from the indexer), the milestone progress bar towards the next threshold,
 * and its coin: the launch form for the creator's connected wallet once the launch milestone is
 * reached, then the coin's supply releases (Release buttons once a later milestone is reached) and
 * the creator's revenue deposits.
 */
import type { Hex } from "viem";
import { useReadContracts } from "wagmi";
import { useLocation } from "../../app/routes.ts";
import { dateTime, shortHex } from "../admin/format.ts";
import { creatorCoinAbi, creatorLabel, handleOf, parseCreatorRef, tradeHref } from "./contracts.ts";
import { DepositRevenue } from "./DepositRevenue.tsx";
import { DexShell, Stat, type DexEnv } from "./DexShell.tsx";
import { big, bpsText, COIN_DECIMALS, count, formatToken } from "./format.ts";
import { useCreator } from "./indexer.ts";
import { LaunchForm } from "./LaunchForm.tsx";
import { MilestoneProgress } from "./MilestoneProgress.tsx";
import { Releases } from "./Releases.tsx";
import { useBaseToken } from "./useBaseToken.ts";
import { useCreatorOnChain, useOracleInfo, type CreatorOnChain, type OracleInfo } from "./useOracle.ts";

const ZERO = /^0x0{40}$/;

export default function CreatorPage() {
  const { params } = useLocation();
  const [caip2, ref] = params;
  const creatorId = ref ? parseCreatorRef(ref) : undefined;
  return (
    <DexShell caip2={caip2}>
      {(env) =>
        creatorId ? (
          <Creator key={`${env.caip2}:${creatorId}`} env={env} creatorId={creatorId} />
        ) : (
          <p className="notice" role="alert">
            "{ref ?? ""}" is neither a creator handle nor a creator id.
          </p>
        )
      }
    </DexShell>
  );
}

function Creator({ env, creatorId }: { env: DexEnv; creatorId: Hex }) {
  const onChain = useCreatorOnChain(env.chainId, env.dex, creatorId);
  const { info } = useOracleInfo(env.chainId, env.dex);
  const c = onChain.data;
  const handle = handleOf(creatorId);
  if (onChain.error && !c)
    return (
      <p className="notice" role="alert">
        The oracle can't be read on {env.chainName}: {onChain.error.message.split("\n")[0]}
      </p>
    );
  if (!c || !info) return <p className="muted">Reading the creator from {env.chainName}…</p>;
  const known = !ZERO.test(c.wallet);
  const isCreator = known && !!env.me && env.me.toLowerCase() === c.wallet.toLowerCase();
  const launched = !ZERO.test(c.coin);
  const refresh = () => void onChain.refetch();
  return (
    <div className="stack" data-testid="creator-page" data-launched={launched}>
      <section className="card admin-section" aria-labelledby="creator-title">
        <h2 id="creator-title" data-testid="creator-name">
          {handle ? `@${handle}` : creatorLabel(creatorId)}
        </h2>
        <p className="muted">
          Creator id <code title={creatorId}>{shortHex(creatorId, 10, 6)}</code>
          {known ? (
            <>
              {" "}
              · wallet <code title={c.wallet}>{shortHex(c.wallet)}</code>
              {isCreator ? " (you)" : ""}
            </>
          ) : null}
        </p>
        {!known ? (
          <p className="notice" data-testid="creator-unknown">
            No metrics were reported for this creator on {env.chainName} yet: the platform's reporters post them on-chain.
          </p>
        ) : (
          <>
            <div className="stats">
              <Stat label="Followers" value={count(c.followers)} testId="creator-followers" />
              <Stat label="Plays" value={count(c.plays)} testId="creator-plays" />
              <Stat label="Engagement" value={bpsText(c.engagementBps)} testId="creator-engagement" />
              <Stat label="Observed" value={c.observedAt ? dateTime(c.observedAt) : "—"} testId="creator-observed" />
            </div>
            <MilestoneProgress info={info} reached={c.milestonesReached} followers={c.followers} />
          </>
        )}
      </section>
      {known ? <CoinSection env={env} creatorId={creatorId} creator={c} info={info} isCreator={isCreator} launched={launched} refresh={refresh} /> : null}
      <MetricHistory env={env} creatorId={creatorId} />
    </div>
  );
}

function CoinSection(props: { env: DexEnv; creatorId: Hex; creator: CreatorOnChain; info: OracleInfo; isCreator: boolean; launched: boolean; refresh: () => void }) {
  const { env, creator: c, info } = props;
  const reachedLaunch = c.milestonesReached > info.launchIndex;
  if (!props.launched) {
    if (props.isCreator && reachedLaunch) return <LaunchForm env={env} creatorId={props.creatorId} info={info} onLaunched={props.refresh} />;
    const threshold = info.thresholds[info.launchIndex];
    return (
      <p className="notice" data-testid="launch-status">
        {reachedLaunch
          ? `This creator reached the launch milestone and may launch a coin; only its wallet ${shortHex(c.wallet)} can.`
          : `No coin yet: a coin can be launched at ${threshold !== undefined ? count(threshold) : "the launch milestone's"} followers (${threshold !== undefined && threshold > c.followers ? `${count(threshold - c.followers)} to go` : "reached at the next report"}).`}
      </p>
    );
  }
  return <LaunchedCoin {...props} />;
}

function LaunchedCoin({ env, creator: c, info, isCreator, refresh }: { env: DexEnv; creator: CreatorOnChain; info: OracleInfo; isCreator: boolean; refresh: () => void }) {
  const coin = { chainId: env.chainId as never, address: c.coin, abi: creatorCoinAbi } as const;
  const base = useBaseToken(env.chainId, env.dex);
  const reads = useReadContracts({
    allowFailure: false,
    contracts: [
      { ...coin, functionName: "name" },
      { ...coin, functionName: "symbol" },
      { ...coin, functionName: "totalSupply" },
      { ...coin, functionName: "maxSupply" },
      { ...coin, functionName: "holderShareBps" },
      { ...coin, functionName: "creatorRevenue" },
    ],
    query: { refetchInterval: 3_000 },
  });
  const d = reads.data;
  if (!d) return <p className="muted">Reading the coin…</p>;
  const [name, symbol, totalSupply, maxSupply, holderShareBps, creatorRevenue] = d;
  return (
    <>
      <section className="card admin-section" aria-labelledby="coin-title" data-testid="coin-summary">
        <h2 id="coin-title">
          {name} ({symbol})
        </h2>
        <div className="stats">
          <Stat label="Supply" value={formatToken(totalSupply, COIN_DECIMALS, symbol, 2)} testId="coin-supply" />
          <Stat label="Max supply" value={formatToken(maxSupply, COIN_DECIMALS, symbol, 2)} testId="coin-max-supply" />
          <Stat label="Holders' revenue share" value={bpsText(holderShareBps)} testId="coin-holder-share" />
          {base.ready ? <Stat label="Creator revenue unclaimed" value={formatToken(creatorRevenue, base.decimals, base.symbol)} testId="coin-creator-revenue" /> : null}
        </div>
        <p>
          <a href={tradeHref(env.caip2, c.coin)} data-testid="trade-link">
            Trade {symbol}
          </a>{" "}
          · <code title={c.coin}>{shortHex(c.coin)}</code>
        </p>
      </section>
      <Releases env={env} coin={c.coin} symbol={symbol} info={info} reached={c.milestonesReached} onReleased={refresh} />
      {isCreator && base.ready && base.address ? (
        <DepositRevenue env={env} coin={c.coin} symbol={symbol} holderShareBps={holderShareBps} base={{ address: base.address, symbol: base.symbol, decimals: base.decimals }} />
      ) : null}
    </>
  );
}

function MetricHistory({ env, creatorId }: { env: DexEnv; creatorId: Hex }) {
  const { data, error } = useCreator(env.caip2, creatorId);
  if (error) return <p className="muted">History unavailable: {error.message}</p>;
  if (!data || data.metrics.length === 0) return null;
  return (
    <section className="card admin-section" aria-labelledby="history-title" data-testid="metric-history">
      <h2 id="history-title">Reports</h2>
      <div className="table-wrap">
        <table className="table">
          <thead>
            <tr>
              <th>Observed</th>
              <th className="num">Followers</th>
              <th className="num">Plays</th>
              <th className="num">Engagement</th>
            </tr>
          </thead>
          <tbody>
            {[...data.metrics]
              .sort((a, b) => Number(big(b.observedAt) - big(a.observedAt)))
              .slice(0, 20)
              .map((m) => (
                <tr key={String(m.nonce)}>
                  <td>{dateTime(big(m.observedAt))}</td>
                  <td className="num">{count(big(m.followers))}</td>
                  <td className="num">{count(big(m.plays))}</td>
                  <td className="num">{bpsText(big(m.engagementBps))}</td>
                </tr>
              ))}
          </tbody>
        </table>
      </div>
      {data.milestones.length ? (
        <p className="muted" data-testid="milestone-history">
          {data.milestones
            .map((m) => `${count(big(m.threshold))} followers reached ${dateTime(big(m.reachedAt))}`)
            .join(" · ")}
        </p>
      ) : null}
    </section>
  );
}
