/**
 * One escrow as the indexer sees it, with the actions the connected account may take. Status and
 * milestones come from the indexer; balances and allowances are read live from chain. Each action
 * keeps its transaction status visible even after the indexer moves the escrow on.
 */
import { useState } from "react";
import { erc20Abi, keccak256, toBytes, zeroHash, type Address, type Hex } from "viem";
import { useConfig, useReadContract } from "wagmi";
import { simulateContract, writeContract } from "wagmi/actions";
import { milestoneEscrowAbi } from "../../../../generated/abis.ts";
import { escrowAddress, supportedChainByCaip2 } from "../../chains/evm.ts";
import { useRefreshEscrows, type EscrowRow, type MilestoneRow } from "../../indexer/escrows.ts";
import { TxStatus } from "../../tx/TxStatus.tsx";
import { useEvmTx } from "../../tx/useTx.ts";
import { formatAmount, shortAddress, useTokenBalance, useTokenInfo, type TokenInfo } from "./tokens.ts";

const statusLabel = { created: "Awaiting funding", funded: "Funded", completed: "Completed", cancelled: "Cancelled" } as const;
const milestoneLabel = { pending: "In progress", submitted: "Submitted for review", released: "Released" } as const;

function milestoneText(escrow: EscrowRow["status"], status: MilestoneRow["status"]): string {
  if (status === "pending" && escrow !== "funded") return escrow === "created" ? "Waiting for funds" : "Not delivered";
  return milestoneLabel[status];
}

export function EscrowCard({ row, me }: { row: EscrowRow; me: Address }) {
  const chain = supportedChainByCaip2(row.chainId);
  const token = useTokenInfo(chain?.chain.id ?? 0, chain ? row.token : undefined);
  const isClient = row.client.toLowerCase() === me.toLowerCase();
  const isFreelancer = row.freelancer.toLowerCase() === me.toLowerCase();
  const format = (v: bigint) => formatAmount(v, token);
  const testId = `escrow-${row.chainId}-${row.escrowId}`;

  return (
    <article className="card escrow" data-testid={testId} data-escrow-id={row.escrowId.toString()} aria-labelledby={`${testId}-title`}>
      <header className="escrow-head">
        <h3 id={`${testId}-title`}>
          Escrow #{row.escrowId.toString()} <span className="muted">on {chain?.info.name ?? row.chainId}</span>
        </h3>
        <span className={`badge badge-${row.status}`} data-testid="escrow-status" data-status={row.status}>
          {statusLabel[row.status]}
        </span>
      </header>
      <dl className="facts">
        <dt>You are</dt>
        <dd>{isClient ? "the client" : isFreelancer ? "the freelancer" : "an observer"}</dd>
        <dt>{isClient ? "Freelancer" : "Client"}</dt>
        <dd title={isClient ? row.freelancer : row.client}>
          <code>{shortAddress(isClient ? row.freelancer : row.client)}</code>
        </dd>
        <dt>Total</dt>
        <dd data-testid="escrow-total">{format(row.total)}</dd>
        <dt>Released</dt>
        <dd data-testid="escrow-released">{format(row.released)}</dd>
        <dt>Platform fee</dt>
        <dd>{row.feeBps / 100}%</dd>
      </dl>
      {chain ? (
        <>
          <EscrowActions row={row} chainId={chain.chain.id} me={me} isClient={isClient} isFreelancer={isFreelancer} token={token} />
          <ol className="milestone-list">
            {row.milestones.map((m) => (
              <MilestoneItem key={m.index} row={row} milestone={m} chainId={chain.chain.id} me={me} isClient={isClient} isFreelancer={isFreelancer} token={token} />
            ))}
          </ol>
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
  me: Address;
  isClient: boolean;
  isFreelancer: boolean;
  token: TokenInfo;
}

/** Escrow-level actions: approve the token + fund (client), cancel (either party, before funding). */
function EscrowActions({ row, chainId, me, isClient, isFreelancer, token }: ActionProps) {
  const config = useConfig();
  const refresh = useRefreshEscrows();
  const escrow = escrowAddress(chainId);
  const format = (v: bigint) => formatAmount(v, token);
  const ctx = { formatAmount: format, nativeSymbol: token.native ? token.symbol : undefined };
  const balance = useTokenBalance(chainId, row.token, me);
  const allowance = useReadContract({
    chainId: chainId as never,
    address: row.token,
    abi: erc20Abi,
    functionName: "allowance",
    args: [me, escrow],
    query: { enabled: isClient && row.status === "created" && !token.native },
  });
  const approveTx = useEvmTx(chainId, ctx, () => void allowance.refetch());
  const fundTx = useEvmTx(chainId, ctx, () => {
    void balance.refetch();
    void allowance.refetch();
    void refresh();
  });
  const cancelTx = useEvmTx(chainId, ctx, () => void refresh());

  const canFund = isClient && row.status === "created";
  const canCancel = (isClient || isFreelancer) && row.status === "created";
  const needsApproval = canFund && !token.native && allowance.data !== undefined && allowance.data < row.total;
  const shortBalance = canFund && balance.value !== undefined && balance.value < row.total;
  const [checkError, setCheckError] = useState<string>();

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
    if (shortBalance) return setCheckError(`Your balance (${format(balance.value!)}) is below the total (${format(row.total)}).`);
    setCheckError(undefined);
    return fundTx.run(async () => {
      const { request } = await simulateContract(config, {
        chainId: chainId as never,
        account: me,
        address: escrow,
        abi: milestoneEscrowAbi,
        functionName: "fundEscrow",
        args: [row.escrowId],
        value: token.native ? row.total : undefined,
      });
      return writeContract(config, request);
    });
  };

  const cancel = () =>
    cancelTx.run(async () => {
      const { request } = await simulateContract(config, {
        chainId: chainId as never,
        account: me,
        address: escrow,
        abi: milestoneEscrowAbi,
        functionName: "cancelEscrow",
        args: [row.escrowId],
      });
      return writeContract(config, request);
    });

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
      {checkError && !shortBalance ? <p className="field-error">{checkError}</p> : null}
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

/** A deliverable reference as bytes32: a 0x-hash as is, any other text hashed, empty as zero. */
export function deliverableToBytes32(text: string): Hex {
  const s = text.trim();
  if (s === "") return zeroHash;
  if (/^0x[0-9a-fA-F]{64}$/.test(s)) return s as Hex;
  return keccak256(toBytes(s));
}

function MilestoneItem({ row, milestone, chainId, me, isClient, isFreelancer, token }: ActionProps & { milestone: MilestoneRow }) {
  const config = useConfig();
  const refresh = useRefreshEscrows();
  const [deliverable, setDeliverable] = useState("");
  const format = (v: bigint) => formatAmount(v, token);
  const n = milestone.index + 1;
  const submitTx = useEvmTx(chainId, { formatAmount: format }, () => {
    setDeliverable("");
    void refresh();
  });
  const releaseTx = useEvmTx(chainId, { formatAmount: format }, () => void refresh());
  const funded = row.status === "funded";
  const canSubmit = isFreelancer && funded && milestone.status === "pending";
  const canApprove = isClient && funded && milestone.status === "submitted";
  const index = BigInt(milestone.index);

  const submit = () =>
    submitTx.run(async () => {
      const { request } = await simulateContract(config, {
        chainId: chainId as never,
        account: me,
        address: escrowAddress(chainId),
        abi: milestoneEscrowAbi,
        functionName: "submitMilestone",
        args: [row.escrowId, index, deliverableToBytes32(deliverable)],
      });
      return writeContract(config, request);
    });

  const release = () =>
    releaseTx.run(async () => {
      const { request } = await simulateContract(config, {
        chainId: chainId as never,
        account: me,
        address: escrowAddress(chainId),
        abi: milestoneEscrowAbi,
        functionName: "approveMilestone",
        args: [row.escrowId, index],
      });
      return writeContract(config, request);
    });

  return (
    <li className="milestone" data-testid={`milestone-${milestone.index}`} data-status={milestone.status}>
      <div className="milestone-line">
        <span>Milestone {n}</span>
        <span>{format(milestone.amount)}</span>
        <span className={`badge badge-${milestone.status}`} data-testid="milestone-status">
          {milestoneText(row.status, milestone.status)}
        </span>
      </div>
      {milestone.status === "released" && milestone.payout !== null && milestone.fee !== null ? (
        <p className="hint">
          Paid {format(milestone.payout)} to the freelancer, {format(milestone.fee)} platform fee.
        </p>
      ) : null}
      {canSubmit ? (
        <div className="action-row">
          <label className="sr-only" htmlFor={`${row.id}-d${milestone.index}`}>
            Deliverable for milestone {n} (link or hash, optional)
          </label>
          <input
            id={`${row.id}-d${milestone.index}`}
            placeholder="Link or hash of the deliverable (optional)"
            value={deliverable}
            onChange={(e) => setDeliverable(e.target.value)}
          />
          <button type="button" onClick={submit} disabled={submitTx.busy}>
            Submit milestone {n}
          </button>
        </div>
      ) : null}
      {canApprove ? (
        <div className="action-row">
          <button type="button" onClick={release} disabled={releaseTx.busy}>
            Approve and release milestone {n}
          </button>
        </div>
      ) : null}
      <TxStatus state={submitTx.state} label={`Submit milestone ${n}`} testId={`submit-${milestone.index}`} />
      <TxStatus state={releaseTx.state} label={`Approve milestone ${n}`} testId={`release-${milestone.index}`} />
    </li>
  );
}
