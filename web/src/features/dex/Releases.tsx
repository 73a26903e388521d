/**
 * A launched coin's supply schedule, read from the coin: what each later milestone releases,
 * whether it is released, and a Release button once the oracle reports the milestone reached
 * (anyone may trigger it; the supply goes to the creator). Refusals are explained before the wallet.
 */
import type { Address } from "viem";
import { useConfig, useReadContracts } from "wagmi";
import { TxStatus } from "../../tx/TxStatus.tsx";
import { useEvmTx } from "../../tx/useTx.ts";
import { creatorCoinAbi, sendCoin } from "./contracts.ts";
import type { DexEnv } from "./DexShell.tsx";
import { COIN_DECIMALS, count, formatToken } from "./format.ts";
import type { OracleInfo } from "./useOracle.ts";

export function Releases({ env, coin, symbol, info, reached, onReleased }: { env: DexEnv; coin: Address; symbol: string; info: OracleInfo; reached: number; onReleased: () => void }) {
  const c = { chainId: env.chainId as never, address: coin, abi: creatorCoinAbi } as const;
  const indices = info.thresholds.map((_, i) => i);
  const reads = useReadContracts({
    allowFailure: false,
    contracts: indices.flatMap((i) => [{ ...c, functionName: "releaseAt", args: [BigInt(i)] } as const, { ...c, functionName: "isReleased", args: [BigInt(i)] } as const]),
    query: { refetchInterval: 3_000 },
  });
  const d = reads.data;
  const rows = d
    ? indices.map((i) => ({ index: i, threshold: info.thresholds[i]!, amount: d[2 * i] as bigint, released: d[2 * i + 1] as boolean })).filter((r) => r.amount > 0n)
    : [];
  const refresh = () => {
    void reads.refetch();
    onReleased();
  };
  return (
    <section className="card admin-section" aria-labelledby="releases-title" data-testid="releases">
      <h2 id="releases-title">Supply releases</h2>
      {!d ? (
        <p className="muted">Reading the schedule from the coin…</p>
      ) : rows.length === 0 ? (
        <p className="muted" data-testid="no-releases">
          This coin schedules no release: its whole supply was minted at launch.
        </p>
      ) : (
        <ul className="release-list">
          {rows.map((r) => (
            <ReleaseRow key={r.index} env={env} coin={coin} symbol={symbol} row={r} reached={r.index < reached} onReleased={refresh} />
          ))}
        </ul>
      )}
    </section>
  );
}

function ReleaseRow(props: {
  env: DexEnv;
  coin: Address;
  symbol: string;
  row: { index: number; threshold: bigint; amount: bigint; released: boolean };
  reached: boolean;
  onReleased: () => void;
}) {
  const { env, row } = props;
  const config = useConfig();
  const tx = useEvmTx(env.chainId, {}, props.onReleased);
  const status = row.released ? "released" : props.reached ? "releasable" : "locked";
  function release() {
    if (!env.me) return tx.refuse("Connect your wallet first.");
    void tx.run(() => sendCoin(config, env.chainId, env.me!, props.coin, "release", [BigInt(row.index)]));
  }
  return (
    <li className="subpanel" data-testid={`release-${row.index}`} data-status={status}>
      <div className="escrow-head">
        <strong>{formatToken(row.amount, COIN_DECIMALS, props.symbol)}</strong>
        <span className="muted">
          at {count(row.threshold)} followers (milestone {row.index + 1})
        </span>
      </div>
      <p className="muted">
        {row.released
          ? "Released to the creator."
          : props.reached
            ? "Milestone reached: anyone may release it now; the coins go to the creator."
            : "Released once the creator reaches this milestone."}
      </p>
      {status === "releasable" ? (
        <button type="button" className="secondary" disabled={tx.busy} onClick={release} data-testid={`release-${row.index}-button`}>
          Release
        </button>
      ) : null}
      <TxStatus state={tx.state} label="Release" testId={`release-${row.index}`} />
    </li>
  );
}
