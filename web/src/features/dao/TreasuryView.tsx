/**
 * `#/dao/treasury`: the DAO treasury (the TimelockController). Live balances read from chain, the
 * fees the FeeSplitter owes it (anyone may release them), its inflows and outflows (indexer) and a
 * chart of its balance per token over time.
 */
import { useState } from "react";
import { useConfig, useReadContracts } from "wagmi";
import { feeSplitterAbi } from "../../../../generated/abis.ts";
import { proposalHref } from "../../app/routes.ts";
import { useChainNow } from "../../chains/clock.ts";
import { big, useRefreshDao, useTreasuryHistory } from "../../indexer/dao.ts";
import { TxStatus } from "../../tx/TxStatus.tsx";
import { useEvmTx } from "../../tx/useTx.ts";
import { dateTime, shortHex } from "../admin/format.ts";
import { formatAmount } from "../escrow/tokens.ts";
import { BalanceChart } from "./BalanceChart.tsx";
import { sendDao } from "./contracts.ts";
import type { DaoEnv } from "./DaoPage.tsx";
import { useTreasuryBalances, type TreasuryBalance } from "./treasury.ts";

const PAGE = 20;
const KIND_WORDS: Record<string, string> = { "fee-release": "fees released", "proposal-execution": "proposal", transfer: "transfer" };

export function TreasuryView({ env }: { env: DaoEnv }) {
  const { chainId, dao } = env;
  const treasury = useTreasuryBalances(chainId, dao.timelock);
  const [offset, setOffset] = useState(0);
  const history = useTreasuryHistory(env.caip2, PAGE, offset);
  const now = useChainNow(chainId);
  const today = Math.floor(now / 86_400);
  const byToken = new Map(treasury.balances.map((b) => [b.token.toLowerCase(), b]));
  const fmt = (token: string, v: bigint) => {
    const b = byToken.get(token.toLowerCase());
    return b ? formatAmount(v, b) : `${v} (${shortHex(token)})`;
  };
  return (
    <div className="stack">
      <section className="card admin-section" aria-labelledby="treasury-title" data-testid="treasury">
        <h2 id="treasury-title">Treasury on {env.chainName}</h2>
        <p className="hint">
          The DAO's timelock <code title={dao.timelock}>{shortHex(dao.timelock)}</code> holds the treasury: only a passed proposal, after its timelock delay, can move
          it.
        </p>
        <div className="stats">
          {treasury.balances.map((b) => (
            <div className="stat" key={b.token} data-testid={`treasury-balance-${b.symbol}`} data-value={b.balance?.toString()}>
              <span className="stat-label">{b.symbol}</span>
              <span className="stat-value">{b.balance === undefined ? "…" : formatAmount(b.balance, b)}</span>
            </div>
          ))}
        </div>
        {dao.splitter ? <OwedFees env={env} balances={treasury.balances} onReleased={treasury.refetch} /> : null}
      </section>
      <section className="card admin-section" aria-labelledby="treasury-chart-title">
        <h2 id="treasury-chart-title">Balance over time</h2>
        <div className="charts">
          {treasury.balances.map((b) => (
            <BalanceChart
              key={b.token}
              title={b.symbol}
              points={history.data?.series.get(b.token.toLowerCase()) ?? []}
              today={today}
              live={b.balance}
              format={(v) => formatAmount(v, b)}
              testId={`treasury-chart-${b.symbol}`}
            />
          ))}
        </div>
      </section>
      <section className="card admin-section" aria-labelledby="treasury-flows-title" data-testid="treasury-flows">
        <h2 id="treasury-flows-title">Inflows and outflows</h2>
        {history.error ? (
          <p className="notice" role="alert">
            {history.error.message}
          </p>
        ) : !history.data ? (
          <p className="muted">Loading from the indexer…</p>
        ) : history.data.flows.length === 0 ? (
          <p className="muted">No flow yet.</p>
        ) : (
          <>
            <div className="table-wrap">
              <table className="table">
                <thead>
                  <tr>
                    <th>When</th>
                    <th>Amount</th>
                    <th>What</th>
                    <th>Counterparty</th>
                  </tr>
                </thead>
                <tbody>
                  {history.data.flows.map((f) => (
                    <tr key={f.id} data-testid="treasury-flow" data-direction={f.direction}>
                      <td>{dateTime(big(f.at))}</td>
                      <td className={f.direction === "in" ? "success" : "overdue"}>
                        {f.direction === "in" ? "+" : "−"}
                        {fmt(f.token, big(f.amount))}
                      </td>
                      <td>
                        {KIND_WORDS[f.kind] ?? f.kind}
                        {f.proposalId ? (
                          <>
                            {" "}
                            <a href={proposalHref(env.caip2, f.proposalId)}>{shortHex(f.proposalId, 8, 4)}</a>
                          </>
                        ) : null}
                      </td>
                      <td>{f.counterparty ? <code title={f.counterparty}>{shortHex(f.counterparty)}</code> : "—"}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <div className="pager">
              <button type="button" className="secondary" disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - PAGE))}>
                Newer
              </button>
              <span className="muted">
                {offset + 1}–{offset + history.data.flows.length} of {history.data.totalFlows}
              </span>
              <button type="button" className="secondary" disabled={offset + PAGE >= history.data.totalFlows} onClick={() => setOffset(offset + PAGE)}>
                Older
              </button>
            </div>
          </>
        )}
      </section>
    </div>
  );
}

/** Fees the splitter owes the treasury, per token; anyone may release them. */
function OwedFees({ env, balances, onReleased }: { env: DaoEnv; balances: TreasuryBalance[]; onReleased: () => void }) {
  const config = useConfig();
  const refresh = useRefreshDao();
  const splitter = env.dao.splitter!;
  const owed = useReadContracts({
    allowFailure: true,
    contracts: balances.map((b) => ({ chainId: env.chainId as never, address: splitter, abi: feeSplitterAbi, functionName: "owed", args: [env.dao.timelock, b.token] }) as const),
    query: { refetchInterval: 5_000 },
  });
  const tx = useEvmTx(env.chainId, { nativeSymbol: env.nativeSymbol }, () => {
    void owed.refetch();
    onReleased();
    void refresh();
  });
  const rows = balances.map((b, i) => ({ b, amount: (owed.data?.[i]?.result as bigint | undefined) ?? 0n })).filter((r) => r.amount > 0n);
  // Stay mounted while a release is shown, so that its confirmation outlives the owed amount it cleared.
  if (rows.length === 0 && tx.state.status === "idle") return null;
  return (
    <div className="subpanel" data-testid="owed-fees">
      <p>{rows.length > 0 ? "Fees split for the treasury, waiting to be released:" : "No fees are waiting to be released."}</p>
      <ul className="plain-list">
        {rows.map(({ b, amount }) => (
          <li key={b.token} className="action-row" data-testid={`owed-${b.symbol}`} data-value={amount.toString()}>
            {formatAmount(amount, b)}
            <button
              type="button"
              className="secondary"
              disabled={tx.busy}
              onClick={() => {
                if (!env.me) return tx.refuse("Connect your wallet to release fees (anyone may).");
                const me = env.me;
                void tx.run(() => sendDao(config, env.chainId, me, splitter, feeSplitterAbi, "release", [b.token, env.dao.timelock]));
              }}
            >
              Release to the treasury
            </button>
          </li>
        ))}
      </ul>
      <TxStatus state={tx.state} label="Release" testId="release-fees" />
    </div>
  );
}
