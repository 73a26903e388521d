/**
 * One escrow as the indexer sees it, with the actions the connected account may take now. Status,
 * milestones and disputes come from the indexer; balances, allowances and the chain's clock are read
 * live. Each action is offered only to its party and only while the contract would accept it
 * (./rules.ts); time-gated ones (claim, reclaim) count down on chain time. Each action keeps its
 * transaction status visible even after the indexer moves the escrow on.
 */
import { useState } from "react";
import { erc20Abi, type Address } from "viem";
import { useConfig, useReadContract } from "wagmi";
import { simulateContract, writeContract } from "wagmi/actions";
import { escrowHref } from "../../app/routes.ts";
import { escrowAddress, supportedChainByCaip2 } from "../../chains/evm.ts";
import { useChainNow } from "../../chains/clock.ts";
import { useRefreshEscrows, type EscrowRow } from "../../indexer/escrows.ts";
import { TxStatus } from "../../tx/TxStatus.tsx";
import { useEvmTx } from "../../tx/useTx.ts";
import { percentOfBps } from "../admin/format.ts";
import { MilestoneItem } from "./MilestoneItem.tsx";
import { ACTIONS, canRate, partyOf, partyRefusal, type Party } from "./rules.ts";
import { formatAmount, shortAddress, useTokenBalance, useTokenInfo, type TokenInfo } from "./tokens.ts";
import { periodText } from "./validation.ts";
import { sendEscrow } from "./write.ts";

const statusLabel = { created: "Awaiting funding", funded: "Funded", completed: "Completed", cancelled: "Cancelled", closed: "Closed" } as const;
const partyWords: Record<Party, string> = { client: "the client", freelancer: "the freelancer", observer: "an observer" };

export function EscrowCard({ row, me, heading = "h3" }: { row: EscrowRow; me: Address | undefined; heading?: "h2" | "h3" }) {
  const chain = supportedChainByCaip2(row.chainId);
  const chainId = chain?.chain.id ?? 0;
  const token = useTokenInfo(chainId, chain ? row.token : undefined);
  const now = useChainNow(chainId);
  const party = partyOf(row, me);
  const format = (v: bigint) => formatAmount(v, token);
  const testId = `escrow-${row.chainId}-${row.escrowId}`;
  const Heading = heading;
  const counterpart = party === "client" ? row.freelancer : row.client;
  // Keeps the rating's transaction status on screen after the indexer shows the job rated.
  const [rating, setRating] = useState(false);

  return (
    <article className="card escrow" data-testid={testId} data-escrow-id={row.escrowId.toString()} data-party={party} aria-labelledby={`${testId}-title`}>
      <header className="escrow-head">
        <Heading id={`${testId}-title`}>
          <a href={escrowHref(row.chainId, row.escrowId)}>Escrow #{row.escrowId.toString()}</a>{" "}
          <span className="muted">on {chain?.info.name ?? row.chainId}</span>
        </Heading>
        <span className={`badge badge-${row.status}`} data-testid="escrow-status" data-status={row.status}>
          {statusLabel[row.status]}
          {row.openDisputes > 0 ? ` · ${row.openDisputes} disputed` : ""}
        </span>
      </header>
      <dl className="facts">
        <dt>You are</dt>
        <dd data-testid="escrow-party">{partyWords[party]}</dd>
        {party === "observer" ? (
          <>
            <dt>Client</dt>
            <dd title={row.client}>
              <code>{shortAddress(row.client)}</code>
            </dd>
            <dt>Freelancer</dt>
            <dd title={row.freelancer}>
              <code>{shortAddress(row.freelancer)}</code>
            </dd>
          </>
        ) : (
          <>
            <dt>{party === "client" ? "Freelancer" : "Client"}</dt>
            <dd title={counterpart}>
              <code>{shortAddress(counterpart)}</code>
            </dd>
          </>
        )}
        <dt>Total</dt>
        <dd data-testid="escrow-total">{format(row.total)}</dd>
        <dt>Released</dt>
        <dd data-testid="escrow-released">{format(row.released)}</dd>
        {row.refunded > 0n ? (
          <>
            <dt>Refunded</dt>
            <dd data-testid="escrow-refunded">{format(row.refunded)}</dd>
          </>
        ) : null}
        <dt>Platform fee</dt>
        <dd data-testid="escrow-fee">
          {percentOfBps(row.feeBps)}
          {row.feeDiscountBps > 0 ? ` (${percentOfBps(row.baseFeeBps)} less the freelancer's ${percentOfBps(row.feeDiscountBps)} discount)` : ""}
        </dd>
        <dt>Review period</dt>
        <dd>{periodText(row.reviewPeriod)} per submission, then the freelancer may claim</dd>
        <dt>Grace period</dt>
        <dd>{periodText(row.gracePeriod)} after a due date, then the client may reclaim an undelivered milestone</dd>
        {row.rating !== null ? (
          <>
            <dt>Rating</dt>
            <dd data-testid="escrow-rating">
              {"★".repeat(row.rating)}
              {"☆".repeat(5 - row.rating)} ({row.rating}/5)
            </dd>
          </>
        ) : null}
      </dl>
      {chain ? (
        <>
          <FundingActions row={row} chainId={chainId} me={me} party={party} token={token} />
          <ol className="milestone-list">
            {row.milestones.map((m) => (
              <MilestoneItem
                key={m.index}
                row={row}
                milestone={m}
                dispute={row.disputes.find((d) => d.index === m.index)}
                chainId={chainId}
                me={me}
                party={party}
                token={token}
                now={now}
              />
            ))}
          </ol>
          {canRate(row, party) || rating ? <RateJob row={row} chainId={chainId} me={me!} onStart={() => setRating(true)} /> : null}
        </>
      ) : (
        <p className="muted">This app has no deployment for {row.chainId}.</p>
      )}
    </article>
  );
}

interface ActionProps {
  row: EscrowRow;
  chainId: number;
  me: Address | undefined;
  party: Party;
  token: TokenInfo;
}

function FundingActions({ row, chainId, me, party, token }: ActionProps) {
  const config = useConfig();
  const refresh = useRefreshEscrows();
  const escrow = escrowAddress(chainId);
  const format = (v: bigint) => formatAmount(v, token);
  const ctx = { formatAmount: format, nativeSymbol: token.native ? token.symbol : undefined };
  const canFund = party === "client" && row.status === "created";
  const canCancel = party !== "observer" && row.status === "created";
  const balance = useTokenBalance(chainId, row.token, canFund ? me : undefined);
  const allowance = useReadContract({
    chainId: chainId as never,
    address: row.token,
    abi: erc20Abi,
    functionName: "allowance",
    args: me ? [me, escrow] : undefined,
    query: { enabled: canFund && !token.native && !!me },
  });
  const approveTx = useEvmTx(chainId, ctx, () => void allowance.refetch());
  const fundTx = useEvmTx(chainId, { ...ctx, action: ACTIONS.fund }, () => {
    void balance.refetch();
    void allowance.refetch();
    void refresh();
  });
  const cancelTx = useEvmTx(chainId, { ...ctx, action: ACTIONS.cancel }, () => void refresh());

  const needsApproval = canFund && !token.native && allowance.data !== undefined && allowance.data < row.total;
  const shortBalance = canFund && balance.value !== undefined && balance.value < row.total;

  // Once funded or cancelled there is nothing left to do here, but a status just shown stays.
  const shown = [approveTx, fundTx, cancelTx].some((t) => t.state.status !== "idle");
  if (!canFund && !canCancel && !shown) return null;

  const approve = () =>
    approveTx.run(async () => {
      const { request } = await simulateContract(config, {
        chainId: chainId as never,
        account: me,
        address: row.token,
        abi: erc20Abi,
        functionName: "approve",
        args: [escrow, row.total],
      });
      return writeContract(config, request);
    });

  const fund = () => {
    const refused = partyRefusal("fund", row, me);
    if (refused) return fundTx.refuse(refused);
    if (shortBalance) return fundTx.refuse(`Your balance (${format(balance.value!)}) is below the total (${format(row.total)}).`);
    return void fundTx.run(() => sendEscrow(config, chainId, me!, "fundEscrow", [row.escrowId], token.native ? row.total : undefined));
  };

  const cancel = () => {
    const refused = partyRefusal("cancel", row, me);
    if (refused) return cancelTx.refuse(refused);
    return void cancelTx.run(() => sendEscrow(config, chainId, me!, "cancelEscrow", [row.escrowId]));
  };

  return (
    <div className="actions">
      {canFund ? (
        <div className="action-row">
          {needsApproval ? (
            <button type="button" onClick={approve} disabled={approveTx.busy || shortBalance}>
              Approve {format(row.total)}
            </button>
          ) : null}
          <button type="button" onClick={fund} disabled={fundTx.busy || needsApproval || (!token.native && allowance.data === undefined)}>
            Fund escrow
          </button>
          {needsApproval ? <span className="hint">Step 1: let the escrow contract take {format(row.total)}. Step 2: fund.</span> : null}
        </div>
      ) : null}
      {shortBalance ? (
        <p className="field-error" data-testid="fund-balance-error">
          Your balance ({format(balance.value!)}) is below the total ({format(row.total)}).
        </p>
      ) : null}
      {canCancel ? (
        <div className="action-row">
          <button type="button" className="secondary" onClick={cancel} disabled={cancelTx.busy}>
            Cancel escrow
          </button>
        </div>
      ) : null}
      <TxStatus state={approveTx.state} label={`Approve ${token.symbol}`} testId="approve-token" />
      <TxStatus state={fundTx.state} label="Fund" testId="fund" />
      <TxStatus state={cancelTx.state} label="Cancel" testId="cancel" />
    </div>
  );
}

/** The client rates a finished job once, 1 to 5 stars: it counts in the freelancer's history. */
function RateJob({ row, chainId, me, onStart }: { row: EscrowRow; chainId: number; me: Address; onStart: () => void }) {
  const config = useConfig();
  const refresh = useRefreshEscrows();
  const [rating, setRating] = useState<number>();
  const [error, setError] = useState<string>();
  const tx = useEvmTx(chainId, { action: ACTIONS.rate }, () => void refresh());
  const name = `rating-${row.id}`;

  const rate = () => {
    const refused = partyRefusal("rate", row, me);
    if (refused) return tx.refuse(refused);
    if (rating === undefined) return setError("Choose 1 to 5 stars first.");
    setError(undefined);
    onStart();
    return void tx.run(() => sendEscrow(config, chainId, me, "rateJob", [row.escrowId, rating]));
  };

  return (
    <div className="actions rate">
      {row.rating === null ? (
        <fieldset className="stars" data-testid="rate-job">
          <legend>Rate the freelancer's work on this job (once)</legend>
          <div className="action-row">
            {[1, 2, 3, 4, 5].map((n) => (
              <label key={n} className="star">
                <input type="radio" name={name} value={n} checked={rating === n} onChange={() => setRating(n)} aria-label={`${n} star${n > 1 ? "s" : ""}`} />
                {"★".repeat(n)}
              </label>
            ))}
            <button type="button" onClick={rate} disabled={tx.busy}>
              Rate job
            </button>
          </div>
        </fieldset>
      ) : null}
      {error ? <p className="field-error">{error}</p> : null}
      <TxStatus state={tx.state} label="Rate job" testId="rate" />
    </div>
  );
}
