/**
 * `#/portfolio` (lazy-loaded): the connected account's creator coins — balance, value at the pool's
 * price, cost basis (average cost), realized and unrealized P/L from the indexer — and the revenue
 * it may claim from each coin, read live from the coin (`claimableRevenue`), with a Claim button.
 * A creator also sees its own share of its coin's revenue (`creatorRevenue`, part of what it claims).
 */
import { useQueryClient } from "@tanstack/react-query";
import type { Address } from "viem";
import { useConfig, useReadContracts } from "wagmi";
import { TxStatus } from "../../tx/TxStatus.tsx";
import { useEvmTx } from "../../tx/useTx.ts";
import { shortHex } from "../admin/format.ts";
import { creatorCoinAbi, sendCoin, tradeHref } from "./contracts.ts";
import { DexShell, Stat, type DexEnv } from "./DexShell.tsx";
import { big, COIN_DECIMALS, formatSigned, formatToken } from "./format.ts";
import { useCoins, usePortfolio, type HoldingRow } from "./indexer.ts";
import { useBaseToken, type BaseToken } from "./useBaseToken.ts";

export default function PortfolioPage() {
  return (
    <DexShell current="portfolio">
      {(env) =>
        env.me ? (
          <Portfolio key={`${env.caip2}:${env.me}`} env={env} me={env.me} />
        ) : (
          <p className="notice" data-testid="portfolio-connect">
            Connect your wallet to see your creator coins and the revenue you can claim.
          </p>
        )
      }
    </DexShell>
  );
}

interface Line {
  coin: Address;
  symbol: string;
  holding?: HoldingRow;
  /** True when the connected account is the coin's creator. */
  mine: boolean;
}

function Portfolio({ env, me }: { env: DexEnv; me: Address }) {
  const portfolio = usePortfolio(env.caip2, me);
  const coins = useCoins(env.caip2);
  const base = useBaseToken(env.chainId, env.dex);
  const lines = new Map<string, Line>();
  for (const h of portfolio.data?.items ?? []) lines.set(h.coin.toLowerCase(), { coin: h.coin, symbol: h.symbol, holding: h, mine: false });
  for (const c of coins.data?.items ?? [])
    if (c.creator.toLowerCase() === me.toLowerCase()) {
      const line = lines.get(c.address.toLowerCase());
      lines.set(c.address.toLowerCase(), { coin: c.address, symbol: c.symbol, holding: line?.holding, mine: true });
    }
  const all = [...lines.values()];
  const sum = (f: (h: HoldingRow) => string | number) => all.reduce((s, l) => s + (l.holding ? big(f(l.holding)) : 0n), 0n);
  const money = (v: bigint) => formatToken(v, base.decimals, base.symbol, 2);
  return (
    <div className="stack" data-testid="portfolio">
      <section className="card admin-section" aria-labelledby="portfolio-title">
        <h2 id="portfolio-title">My creator coins on {env.chainName}</h2>
        {base.ready && all.length ? (
          <div className="stats">
            <Stat label="Value" value={money(sum((h) => h.valueBase))} testId="portfolio-value" />
            <Stat label="Cost basis" value={money(sum((h) => h.costBasisBase))} testId="portfolio-cost" />
            <Stat label="Unrealized P/L" value={formatSigned(sum((h) => h.unrealizedPnlBase), base.decimals, base.symbol, 2)} testId="portfolio-unrealized" />
            <Stat label="Realized P/L" value={formatSigned(sum((h) => h.realizedPnlBase), base.decimals, base.symbol, 2)} testId="portfolio-realized" />
          </div>
        ) : null}
        {portfolio.error ? (
          <p className="notice" role="alert">
            {portfolio.error.message}
          </p>
        ) : portfolio.isPending ? (
          <p className="muted">Loading from the indexer…</p>
        ) : all.length === 0 ? (
          <p className="muted" data-testid="no-holdings">
            You hold no creator coin yet. <a href="#/creators">Browse creators</a>.
          </p>
        ) : null}
      </section>
      {all.length && base.ready ? (
        <div className="table-wrap card">
          <table className="table" data-testid="holdings">
            <thead>
              <tr>
                <th>Coin</th>
                <th className="num">Balance</th>
                <th className="num">Value</th>
                <th className="num">Cost basis</th>
                <th className="num">Unrealized P/L</th>
                <th className="num">Realized P/L</th>
                <th className="num">Revenue claimed</th>
                <th>Revenue to claim</th>
              </tr>
            </thead>
            <tbody>
              {all.map((l) => (
                <HoldingLine key={l.coin} env={env} me={me} line={l} base={base} />
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </div>
  );
}

function HoldingLine({ env, me, line, base }: { env: DexEnv; me: Address; line: Line; base: BaseToken }) {
  const config = useConfig();
  const queryClient = useQueryClient();
  const c = { chainId: env.chainId as never, address: line.coin, abi: creatorCoinAbi } as const;
  const reads = useReadContracts({
    allowFailure: false,
    contracts: [
      { ...c, functionName: "claimableRevenue", args: [me] },
      { ...c, functionName: "creatorRevenue" },
      { ...c, functionName: "balanceOf", args: [me] },
    ],
    query: { refetchInterval: 3_000 },
  });
  const money = (v: bigint) => formatToken(v, base.decimals, base.symbol, 6);
  const tx = useEvmTx(env.chainId, { formatAmount: money }, () => {
    void reads.refetch();
    void queryClient.invalidateQueries({ queryKey: ["indexer", "dex"] });
  });
  const [claimable, creatorRevenue, balance] = reads.data ?? [];
  const h = line.holding;
  const pnl = (v: bigint) => (
    <span className={v > 0n ? "pnl-up" : v < 0n ? "pnl-down" : undefined}>{formatSigned(v, base.decimals, base.symbol, 2)}</span>
  );
  function claim() {
    if (claimable === 0n) return tx.refuse(`There is no ${base.symbol} to claim from ${line.symbol} yet: holders earn revenue when the creator deposits it, pro rata to their balances at that moment.`);
    void tx.run(() => sendCoin(config, env.chainId, me, line.coin, "claimRevenue", []));
  }
  return (
    <tr data-testid={`holding-${line.symbol}`} data-coin={line.coin.toLowerCase()}>
      <td>
        <a href={tradeHref(env.caip2, line.coin)}>{line.symbol}</a>
        {line.mine ? <span className="muted"> · your coin</span> : null}
        <br />
        <code className="muted" title={line.coin}>
          {shortHex(line.coin)}
        </code>
      </td>
      <td className="num" data-testid="holding-balance" data-value={balance?.toString() ?? ""}>
        {balance !== undefined ? formatToken(balance, COIN_DECIMALS, line.symbol, 2) : h ? formatToken(big(h.balance), COIN_DECIMALS, line.symbol, 2) : "…"}
      </td>
      <td className="num" data-testid="holding-value">
        {h ? formatToken(big(h.valueBase), base.decimals, base.symbol, 2) : "—"}
      </td>
      <td className="num" data-testid="holding-cost">
        {h ? formatToken(big(h.costBasisBase), base.decimals, base.symbol, 2) : "—"}
      </td>
      <td className="num" data-testid="holding-unrealized">
        {h ? pnl(big(h.unrealizedPnlBase)) : "—"}
      </td>
      <td className="num" data-testid="holding-realized">
        {h ? pnl(big(h.realizedPnlBase)) : "—"}
      </td>
      <td className="num">{h ? formatToken(big(h.revenueClaimed), base.decimals, base.symbol, 2) : "—"}</td>
      <td>
        <div className="action-row">
          <span data-testid="holding-claimable" data-value={claimable?.toString() ?? ""}>
            {claimable !== undefined ? money(claimable) : "…"}
          </span>
          <button type="button" className="secondary" disabled={tx.busy || claimable === undefined} onClick={claim} data-testid="claim-revenue">
            Claim
          </button>
        </div>
        {line.mine && creatorRevenue !== undefined && creatorRevenue > 0n ? (
          <p className="hint" data-testid="holding-creator-revenue">
            Includes your creator share: {money(creatorRevenue)}.
          </p>
        ) : null}
        <TxStatus state={tx.state} label="Claim" testId={`claim-${line.symbol}`} />
      </td>
    </tr>
  );
}
