/**
 * `#/dao` (lazy-loaded): the Worx DAO. Sub-pages: the proposal list (state badges, filter by state,
 * paging), `#/dao/proposal/<caip2>/<id>` one proposal, `#/dao/new` the proposal builder,
 * `#/dao/treasury` the treasury. Lists and history come from the indexer; what a write depends on is
 * read live from chain.
 */
import { useState } from "react";
import type { Address } from "viem";
import { proposalHref, useLocation } from "../../app/routes.ts";
import { supportedChainByCaip2, type SupportedChain } from "../../chains/evm.ts";
import { big, FILTER_STATES, useProposals, type ProposalRow, type ProposalStateName } from "../../indexer/dao.ts";
import { dateTime, shortHex } from "../admin/format.ts";
import { useEvmSession } from "../wallet/useEvmSession.ts";
import { daoAddresses, formatWorx, type DaoAddresses } from "./contracts.ts";
import { NewProposal } from "./NewProposal.tsx";
import { ProposalView } from "./ProposalView.tsx";
import { TreasuryView } from "./TreasuryView.tsx";

export interface DaoEnv {
  chainId: number;
  caip2: string;
  chainName: string;
  nativeSymbol: string;
  dao: DaoAddresses;
  me?: Address;
}

export const STATE_LABELS: Record<ProposalStateName, string> = {
  pending: "Pending",
  active: "Active",
  canceled: "Canceled",
  defeated: "Defeated",
  succeeded: "Succeeded",
  queued: "Queued",
  expired: "Expired",
  executed: "Executed",
};

export function StateBadge({ state }: { state: ProposalStateName }) {
  return (
    <span className={`badge badge-dao-${state}`} data-testid="proposal-state" data-state={state}>
      {STATE_LABELS[state]}
    </span>
  );
}

export default function DaoPage() {
  const { params } = useLocation();
  const session = useEvmSession();
  const sub = params[0];
  // A proposal link names its chain; everything else follows the wallet's chain.
  const linked = sub === "proposal" && params[1] ? supportedChainByCaip2(params[1]) : undefined;
  if (sub === "proposal" && params[1] && !linked)
    return (
      <p className="notice" role="alert">
        "{params[1]}" is not a chain with a Worx deployment.
      </p>
    );
  const chain: SupportedChain | undefined = linked ?? session.chain;
  if (!chain) return <p className="notice">No EVM chain has a Worx deployment yet.</p>;
  const dao = daoAddresses(chain.chain.id);
  if (!dao)
    return (
      <p className="notice" data-testid="no-dao">
        {chain.info.name} has no DAO in the deployment book (generated/deployments.ts): WorxToken, WorxGovernor and TimelockController are not deployed there.
      </p>
    );
  const env: DaoEnv = {
    chainId: chain.chain.id,
    caip2: chain.caip2,
    chainName: chain.info.name,
    nativeSymbol: chain.info.nativeSymbol,
    dao,
    me: session.connected ? session.address : undefined,
  };
  return (
    <div className="dao stack">
      <nav className="chips" aria-label="DAO">
        {(
          [
            ["#/dao", "Proposals", sub === undefined || sub === "proposal"],
            ["#/dao/new", "New proposal", sub === "new"],
            ["#/dao/treasury", "Treasury", sub === "treasury"],
            ["#/staking", "Staking & delegation", false],
          ] as const
        ).map(([href, label, current]) => (
          <a key={href} className="chip" href={href} aria-current={current ? "page" : undefined}>
            {label}
          </a>
        ))}
      </nav>
      {/* Keyed by chain: a chain switch remounts the view, so no row of the previous chain lingers as placeholder data. */}
      {sub === "proposal" && params[2] ? (
        <ProposalView key={`${env.caip2}:${params[2]}`} env={env} proposalId={params[2]} />
      ) : sub === "new" ? (
        <NewProposal key={env.caip2} env={env} />
      ) : sub === "treasury" ? (
        <TreasuryView key={env.caip2} env={env} />
      ) : (
        <ProposalList key={env.caip2} env={env} />
      )}
    </div>
  );
}

const PAGE = 10;

function ProposalList({ env }: { env: DaoEnv }) {
  const [filter, setFilter] = useState<ProposalStateName | "all">("all");
  const [offset, setOffset] = useState(0);
  const { data, error, isPending } = useProposals(env.caip2, filter, PAGE, offset);
  const choose = (f: ProposalStateName | "all") => {
    setFilter(f);
    setOffset(0);
  };
  return (
    <section className="card admin-section" aria-labelledby="proposals-title" data-testid="proposal-list">
      <h2 id="proposals-title">Proposals on {env.chainName}</h2>
      <div className="chips" role="group" aria-label="Filter by state">
        {(["all", ...FILTER_STATES] as const).map((s) => (
          <button key={s} type="button" className="chip" aria-pressed={filter === s} onClick={() => choose(s)} data-testid={`filter-${s}`}>
            {s === "all" ? "All" : STATE_LABELS[s]}
          </button>
        ))}
      </div>
      {error ? (
        <p className="notice" role="alert">
          {error.message}
        </p>
      ) : isPending ? (
        <p className="muted">Loading from the indexer…</p>
      ) : data.items.length === 0 ? (
        <p className="muted" data-testid="no-proposals">
          {filter === "all" ? "No proposal yet." : `No ${STATE_LABELS[filter].toLowerCase()} proposal.`} <a href="#/dao/new">Write one</a>.
        </p>
      ) : (
        <>
          <ul className="op-list">
            {data.items.map((p) => (
              <ProposalItem key={p.id} row={p} caip2={env.caip2} />
            ))}
          </ul>
          <div className="pager">
            <button type="button" className="secondary" disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - PAGE))}>
              Newer
            </button>
            <span className="muted" data-testid="proposal-range">
              {offset + 1}–{offset + data.items.length} of {data.totalCount}
            </span>
            <button type="button" className="secondary" disabled={offset + PAGE >= data.totalCount} onClick={() => setOffset(offset + PAGE)}>
              Older
            </button>
          </div>
        </>
      )}
    </section>
  );
}

function ProposalItem({ row, caip2 }: { row: ProposalRow; caip2: string }) {
  return (
    <li className="card op" data-testid={`proposal-${row.proposalId}`} data-state={row.state}>
      <div className="escrow-head">
        <h3 className="op-title">
          <a href={proposalHref(caip2, row.proposalId)}>{row.title || `Proposal ${shortHex(row.proposalId, 8, 4)}`}</a>
        </h3>
        <StateBadge state={row.state} />
      </div>
      <p className="muted">
        by <code title={row.proposer}>{shortHex(row.proposer)}</code> on {dateTime(big(row.createdAt))} · For {formatWorx(big(row.forVotes), 2)} · Against{" "}
        {formatWorx(big(row.againstVotes), 2)} · Abstain {formatWorx(big(row.abstainVotes), 2)} · {row.voterCount} voter{row.voterCount === 1 ? "" : "s"}
      </p>
    </li>
  );
}
