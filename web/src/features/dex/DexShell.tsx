/**
 * The frame of every DEX page: resolves the chain (a link names it; otherwise the wallet's chain),
 * the DEX contracts there (generated address book), the connected account, and shows the DEX's
 * own navigation. Pages get a ready {@link DexEnv}.
 */
import { Fragment, type ReactNode } from "react";
import type { Address } from "viem";
import { supportedChainByCaip2, type SupportedChain } from "../../chains/evm.ts";
import { useEvmSession } from "../wallet/useEvmSession.ts";
import { dexAddresses, type DexAddresses } from "./contracts.ts";
import "./dex.css";

export interface DexEnv {
  chainId: number;
  caip2: string;
  chainName: string;
  dex: DexAddresses;
  /** The connected account, when connected. */
  me?: Address;
}

export function DexShell({ caip2, current, children }: { caip2?: string; current?: "creators" | "portfolio"; children: (env: DexEnv) => ReactNode }) {
  const session = useEvmSession();
  const linked = caip2 ? supportedChainByCaip2(caip2) : undefined;
  if (caip2 && !linked)
    return (
      <p className="notice" role="alert" data-testid="dex-unknown-chain">
        "{caip2}" is not a chain with a Worx deployment.
      </p>
    );
  const chain: SupportedChain | undefined = linked ?? session.chain;
  if (!chain) return <p className="notice">No EVM chain has a Worx deployment yet.</p>;
  const dex = dexAddresses(chain.chain.id);
  if (!dex)
    return (
      <p className="notice" data-testid="no-dex">
        {chain.info.name} has no creator-coin DEX in the deployment book (generated/deployments.ts): MetricsOracle and CreatorCoinFactory are not deployed there.
      </p>
    );
  const env: DexEnv = {
    chainId: chain.chain.id,
    caip2: chain.caip2,
    chainName: chain.info.name,
    dex,
    me: session.connected ? session.address : undefined,
  };
  return (
    <div className="dex stack">
      <nav className="chips" aria-label="Creator coins">
        <a className="chip" href="#/creators" aria-current={current === "creators" ? "page" : undefined}>
          Creators
        </a>
        <a className="chip" href="#/portfolio" aria-current={current === "portfolio" ? "page" : undefined}>
          My portfolio
        </a>
      </nav>
      {/* Keyed by chain: a chain switch remounts the page, so no row of the previous chain lingers as placeholder data. */}
      <Fragment key={env.caip2}>{children(env)}</Fragment>
    </div>
  );
}

export function Stat({ label, value, testId, title }: { label: string; value: ReactNode; testId: string; title?: string }) {
  return (
    <div className="stat">
      <span className="stat-label">{label}</span>
      <span className="stat-value" data-testid={testId} title={title}>
        {value}
      </span>
    </div>
  );
}
