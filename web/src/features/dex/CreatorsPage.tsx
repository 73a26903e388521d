/**
 * `#/creators` (lazy-loaded): every creator the oracle has metrics for, with its launch status —
 * launched (its coin, price and a link to trade it), ready to launch (launch milestone reached), or
 * how many followers it still needs — and a lookup by handle.
 */
import { useId, useState, type FormEvent } from "react";
import { dateTime } from "../admin/format.ts";
import { creatorHref, creatorLabel, parseCreatorRef, tradeHref } from "./contracts.ts";
import { DexShell, type DexEnv } from "./DexShell.tsx";
import { big, count, formatPrice } from "./format.ts";
import { useCoins, useCreators, type CoinRow, type CreatorRow } from "./indexer.ts";
import { useBaseToken, type BaseToken } from "./useBaseToken.ts";
import { useOracleInfo, type OracleInfo } from "./useOracle.ts";

export default function CreatorsPage() {
  return <DexShell current="creators">{(env) => <Creators env={env} />}</DexShell>;
}

function Creators({ env }: { env: DexEnv }) {
  const creators = useCreators(env.caip2);
  const coins = useCoins(env.caip2);
  const { info } = useOracleInfo(env.chainId, env.dex);
  const baseToken = useBaseToken(env.chainId, env.dex);
  const coinByAddress = new Map((coins.data?.items ?? []).map((c) => [c.address.toLowerCase(), c]));
  return (
    <>
      <Lookup env={env} />
      <section className="card admin-section" aria-labelledby="creators-title" data-testid="creator-list">
        <h2 id="creators-title">Creators on {env.chainName}</h2>
        <p className="hint">
          Creators reach follower milestones reported on-chain by the platform's reporters
          {info ? ` (${info.thresholds.map((t) => count(t)).join(", ")} followers)` : ""}. Reaching the launch milestone lets the creator launch a coin; later
          milestones release more of its supply.
        </p>
        {creators.error ? (
          <p className="notice" role="alert">
            {creators.error.message}
          </p>
        ) : creators.isPending ? (
          <p className="muted">Loading from the indexer…</p>
        ) : creators.data.items.length === 0 ? (
          <p className="muted" data-testid="no-creators">
            No creator has metrics on {env.chainName} yet.
          </p>
        ) : (
          <div className="table-wrap">
            <table className="table">
              <thead>
                <tr>
                  <th>Creator</th>
                  <th className="num">Followers</th>
                  <th className="num">Plays</th>
                  <th>Milestones</th>
                  <th>Coin</th>
                </tr>
              </thead>
              <tbody>
                {creators.data.items.map((c) => (
                  <CreatorItem key={c.creatorId} env={env} row={c} info={info} baseToken={baseToken} coin={c.coin ? coinByAddress.get(c.coin.toLowerCase()) : undefined} />
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </>
  );
}

function CreatorItem({ env, row, info, coin, baseToken }: { env: DexEnv; row: CreatorRow; info?: OracleInfo; coin?: CoinRow; baseToken: BaseToken }) {
  const followers = big(row.followers);
  const launchThreshold = info?.thresholds[info.launchIndex];
  const launched = !!row.coin && !/^0x0{40}$/.test(row.coin);
  const canLaunch = !launched && info !== undefined && row.milestonesReached > info.launchIndex;
  return (
    <tr data-testid={`creator-${row.creatorId}`} data-status={launched ? "launched" : canLaunch ? "ready" : "growing"}>
      <td>
        <a href={creatorHref(env.caip2, row.creatorId)}>{creatorLabel(row.creatorId)}</a>
      </td>
      <td className="num">{count(followers)}</td>
      <td className="num">{count(big(row.plays))}</td>
      <td>
        {row.milestonesReached}
        {info ? ` of ${info.thresholds.length}` : ""}
        <span className="muted"> · {dateTime(big(row.observedAt))}</span>
      </td>
      <td data-testid="creator-coin-status">
        {launched ? (
          <>
            <a href={tradeHref(env.caip2, row.coin!)}>{row.symbol ?? coin?.symbol ?? "Trade"}</a>
            {coin?.price != null && baseToken.ready ? <span className="muted"> · {formatPrice(big(coin.price), baseToken.decimals, baseToken.symbol)}</span> : null}
          </>
        ) : canLaunch ? (
          "Ready to launch"
        ) : launchThreshold !== undefined ? (
          `${count(launchThreshold > followers ? launchThreshold - followers : 0n)} followers to launch`
        ) : (
          "—"
        )}
      </td>
    </tr>
  );
}

function Lookup({ env }: { env: DexEnv }) {
  const id = useId();
  const [ref, setRef] = useState("");
  const [error, setError] = useState<string>();
  function onSubmit(e: FormEvent) {
    e.preventDefault();
    const creatorId = parseCreatorRef(ref.trim().replace(/^@/, ""));
    if (!creatorId) return setError("Enter a creator's handle (letters, digits, _ . -) or its 32-byte id (0x + 64 hex characters).");
    setError(undefined);
    window.location.hash = creatorHref(env.caip2, creatorId);
  }
  return (
    <form className="card form" onSubmit={onSubmit} noValidate aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Find a creator</h2>
      <div className="action-row">
        <label htmlFor={`${id}-ref`} className="sr-only">
          Handle or creator id
        </label>
        <input id={`${id}-ref`} placeholder="@dave" autoComplete="off" spellCheck={false} value={ref} onChange={(e) => setRef(e.target.value)} />
        <button type="submit" className="secondary">
          Open
        </button>
      </div>
      {error ? (
        <p className="field-error" role="alert">
          {error}
        </p>
      ) : null}
    </form>
  );
}
