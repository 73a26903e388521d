/**
 * Platform metrics from the indexer: value locked in escrow per token (funded, not yet released),
 * active escrows, volume (totals of every funded escrow) and fees collected per token, the platform
 * fee the indexer last saw, and two small hand-drawn charts over the last 14 days (chain time).
 */
import { useState } from "react";
import type { Address } from "viem";
import { usePlatformMetrics, type TokenMetrics } from "../../indexer/admin.ts";
import { formatAmount, useTokenInfo } from "../escrow/tokens.ts";
import { DailyBars } from "./charts/DailyBars.tsx";
import type { AdminEnv } from "./env.ts";
import { percentOfBps } from "./format.ts";

const DAYS = 14;

export function Metrics({ env }: { env: AdminEnv }) {
  const today = Math.floor(env.now / 86_400);
  const fromDay = today - DAYS + 1;
  const metrics = usePlatformMetrics(env.caip2, fromDay);
  const [chosen, setChosen] = useState<Address>();
  const data = metrics.data;
  const feeTokens = data ? data.tokens.filter((t) => t.fees > 0n || data.feesPerDay[t.token.toLowerCase() as Address]) : [];
  const chartToken = chosen ?? [...feeTokens].sort((a, b) => (b.fees > a.fees ? 1 : -1))[0]?.token ?? data?.tokens[0]?.token;
  const active = (data?.byStatus.funded ?? 0) + (data?.byStatus.created ?? 0);

  return (
    <section className="card admin-section" aria-labelledby="metrics-title" data-testid="metrics">
      <h2 id="metrics-title">Platform metrics</h2>
      {metrics.isPending ? (
        <p className="muted">Loading metrics from the indexer…</p>
      ) : metrics.error ? (
        <p className="notice" role="alert">
          {metrics.error.message}
        </p>
      ) : (
        <>
          <div className="stats">
            <div className="stat">
              <span className="stat-label">Active escrows</span>
              <strong className="stat-value" data-testid="metric-active">
                {active}
              </strong>
              <span className="muted">
                {data!.byStatus.funded ?? 0} funded · {data!.byStatus.created ?? 0} awaiting funds · {data!.byStatus.completed ?? 0} completed{data!.byStatus.closed ? ` · ${data!.byStatus.closed} closed` : ""}
              </span>
            </div>
            <div className="stat">
              <span className="stat-label">Platform fee</span>
              <strong className="stat-value" data-testid="metric-fee">
                {data!.contract?.platformFeeBps != null ? percentOfBps(data!.contract.platformFeeBps) : percentOfBps(env.info.platformFeeBps)}
              </strong>
              <span className="muted">cap {percentOfBps(env.info.maxFeeBps)}</span>
            </div>
          </div>
          {data!.tokens.length === 0 ? (
            <p className="muted">No escrow yet on {env.chainName}.</p>
          ) : (
            <div className="table-wrap">
              <table className="table" data-testid="metrics-tokens">
                <thead>
                  <tr>
                    <th scope="col">Token</th>
                    <th scope="col">Locked in escrow</th>
                    <th scope="col">Volume funded</th>
                    <th scope="col">Fees collected</th>
                    <th scope="col">Escrows</th>
                  </tr>
                </thead>
                <tbody>
                  {data!.tokens.map((t) => (
                    <TokenRow key={t.token} chainId={env.chainId} metrics={t} />
                  ))}
                </tbody>
              </table>
            </div>
          )}
          <div className="charts">
            {chartToken ? (
              <TokenFeesChart
                chainId={env.chainId}
                token={chartToken}
                points={data!.feesPerDay[chartToken.toLowerCase() as Address] ?? []}
                fromDay={fromDay}
                toDay={today}
                tokens={data!.tokens.map((t) => t.token)}
                onToken={setChosen}
              />
            ) : null}
            <DailyBars title="Escrows created per day" points={data!.escrowsPerDay} fromDay={fromDay} toDay={today} format={(v) => v.toString()} testId="chart-escrows" />
          </div>
        </>
      )}
    </section>
  );
}

function TokenRow({ chainId, metrics }: { chainId: number; metrics: TokenMetrics }) {
  const token = useTokenInfo(chainId, metrics.token);
  const f = (v: bigint) => (token.ready ? formatAmount(v, token) : v.toString());
  return (
    <tr data-testid={`metrics-token-${token.ready ? token.symbol : metrics.token}`}>
      <th scope="row">{token.ready ? token.symbol : metrics.token}</th>
      <td data-testid="metric-locked">{f(metrics.locked)}</td>
      <td data-testid="metric-volume">{f(metrics.volume)}</td>
      <td data-testid="metric-fees">{f(metrics.fees)}</td>
      <td>{metrics.escrows}</td>
    </tr>
  );
}

function TokenFeesChart(props: {
  chainId: number;
  token: Address;
  tokens: Address[];
  points: { day: number; value: bigint }[];
  fromDay: number;
  toDay: number;
  onToken(token: Address): void;
}) {
  const info = useTokenInfo(props.chainId, props.token);
  return (
    <div>
      <DailyBars
        title={`Fees per day${info.ready ? ` (${info.symbol})` : ""}`}
        points={props.points}
        fromDay={props.fromDay}
        toDay={props.toDay}
        format={(v) => (info.ready ? formatAmount(v, info) : v.toString())}
        testId="chart-fees"
      />
      {props.tokens.length > 1 ? (
        <label className="hint">
          Token{" "}
          <select value={props.token} onChange={(e) => props.onToken(e.target.value as Address)}>
            {props.tokens.map((t) => (
              <TokenOption key={t} chainId={props.chainId} token={t} />
            ))}
          </select>
        </label>
      ) : null}
    </div>
  );
}

function TokenOption({ chainId, token }: { chainId: number; token: Address }) {
  const info = useTokenInfo(chainId, token);
  return <option value={token}>{info.ready ? info.symbol : token}</option>;
}
