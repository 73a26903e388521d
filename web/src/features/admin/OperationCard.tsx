/**
 * One multisig operation as the indexer has it: its decoded call, class, approvals against the
 * threshold and who gave them, its timelock with a live countdown on chain time, and the actions
 * the connected account may take. Owners sign the operation's EIP-712 typed data in their wallet
 * and submit the signature themselves (`approveWithSignatures`), or approve with a plain
 * transaction; anyone may queue an operation that reached its threshold and execute it from its
 * eta until it expires; owners may approve cancelling it until it executes.
 */
import type { Address } from "viem";
import { useConfig } from "wagmi";
import { signTypedData, simulateContract, writeContract } from "wagmi/actions";
import { worxMultisigAbi } from "../../../../generated/abis.ts";
import type { MultisigOperationRow } from "../../indexer/multisig.ts";
import { TxStatus } from "../../tx/TxStatus.tsx";
import { useEvmTx, type EvmTx } from "../../tx/useTx.ts";
import { ApprovalMeter } from "./charts/ApprovalMeter.tsx";
import { decodeCall } from "./decode.ts";
import { accountLabel, notOwnerReason, ROLE_NOTE_ID, type AdminEnv } from "./env.ts";
import { countdown, dateTime, humanDuration, shortHex } from "./format.ts";
import { multisigDomain, OPERATION_TYPES, sameAddress, type Operation } from "./multisig.ts";

export type DisplayState = "pending" | "waiting" | "executable" | "expired" | "executed" | "cancelled";

const stateLabel: Record<DisplayState, string> = {
  pending: "Awaiting approvals",
  waiting: "Queued (timelock)",
  executable: "Executable",
  expired: "Expired",
  executed: "Executed",
  cancelled: "Cancelled",
};

/** Where the operation is now, on chain time: a queued operation is waiting, executable or expired. */
export function displayState(row: MultisigOperationRow, now: number, gracePeriod: number): DisplayState {
  if (row.state !== "queued") return row.state;
  const eta = Number(row.eta ?? 0n);
  if (now < eta) return "waiting";
  return now > eta + gracePeriod ? "expired" : "executable";
}

export function OperationCard({ row, env }: { row: MultisigOperationRow; env: AdminEnv }) {
  const config = useConfig();
  const { info, chainId, me, now, isOwner } = env;
  const op: Operation = { target: row.target, value: row.value, data: row.data, nonce: row.nonce };
  const decoded = decodeCall(chainId, row.target, row.data, row.value);
  const state = displayState(row, now, info.gracePeriod);
  const threshold = info.thresholds[row.opClass];
  const approvers = row.approvalsList.filter((a) => a.kind === "approve" && !a.voided);
  const cancellers = row.approvalsList.filter((a) => a.kind === "cancel" && !a.voided);
  const approvedByMe = approvers.some((a) => sameAddress(a.owner, me));
  const cancelledByMe = cancellers.some((a) => sameAddress(a.owner, me));
  const open = row.state === "pending" || row.state === "queued";
  const eta = row.eta === null ? undefined : Number(row.eta);
  const testId = `op-${row.operationId}`;

  const ctx = { nativeSymbol: env.nativeSymbol };
  const signTx = useEvmTx(chainId, ctx, env.refresh);
  const approveTx = useEvmTx(chainId, ctx, env.refresh);
  const queueTx = useEvmTx(chainId, ctx, env.refresh);
  const executeTx = useEvmTx(chainId, ctx, env.refresh);
  const cancelTx = useEvmTx(chainId, ctx, env.refresh);
  const ms = { chainId: chainId as never, address: info.multisig, abi: worxMultisigAbi } as const;

  /** Owner-only actions are offered to everyone connected, and refused in words before the wallet for non-owners. */
  const asOwner = (tx: EvmTx, action: string, send: (account: Address) => Promise<`0x${string}`>) => () => {
    if (!isOwner || !me) return tx.refuse(notOwnerReason(env, action));
    return void tx.run(() => send(me));
  };

  const sign = asOwner(signTx, "sign operations", async (account) => {
    const signature = await signTypedData(config, {
      account,
      domain: multisigDomain(chainId, info.multisig),
      types: OPERATION_TYPES,
      primaryType: "Operation",
      message: op,
    });
    const { request } = await simulateContract(config, { ...ms, account, functionName: "approveWithSignatures", args: [op, [{ signer: account, signature }]] });
    return writeContract(config, request);
  });

  const approve = asOwner(approveTx, "approve operations", async (account) => {
    const { request } = await simulateContract(config, { ...ms, account, functionName: "approve", args: [row.operationId] });
    return writeContract(config, request);
  });

  const cancel = asOwner(cancelTx, "cancel operations", async (account) => {
    const { request } = await simulateContract(config, { ...ms, account, functionName: "approveCancel", args: [row.operationId] });
    return writeContract(config, request);
  });

  const queue = () =>
    queueTx.run(async () => {
      const { request } = await simulateContract(config, { ...ms, account: me, functionName: "queue", args: [op] });
      return writeContract(config, request);
    });

  const execute = () =>
    executeTx.run(async () => {
      const { request } = await simulateContract(config, { ...ms, account: me, functionName: "execute", args: [op] });
      return writeContract(config, request);
    });

  // Non-owners can press owner-only buttons (styled as unavailable, described by the read-only
  // notice, not disabled) to learn why they can't act.
  const refused = isOwner ? "" : " refused";
  const ownerOnly = { "aria-describedby": isOwner ? undefined : ROLE_NOTE_ID } as const;

  return (
    <article className="card op" data-testid={testId} data-state={row.state} data-display-state={state} aria-labelledby={`${testId}-title`}>
      <header className="escrow-head">
        <h3 id={`${testId}-title`} className="op-title">
          <span data-testid="op-call">{decoded.call}</span>
          {decoded.summary ? (
            <span className="op-summary" data-testid="op-summary">
              {" "}
              — {decoded.summary}
            </span>
          ) : null}
        </h3>
        <span className={`badge badge-op-${state}`} data-testid="op-state">
          {stateLabel[state]}
        </span>
      </header>
      <dl className="facts">
        <dt>Class</dt>
        <dd data-testid="op-class">
          {row.opClass === "routine" ? "Routine" : "Critical"}: {threshold} of {info.owners.length} owners, {humanDuration(info.delays[row.opClass])} timelock
        </dd>
        <dt>Approvals</dt>
        <dd>
          <ApprovalMeter count={row.approvals} threshold={threshold} owners={info.owners.length} label="Approvals" />{" "}
          <strong data-testid="op-approvals">
            {row.approvals}/{threshold}
          </strong>
          {approvers.length ? <span className="muted"> · {approvers.map((a) => accountLabel(info, a.owner, me)).join(", ")}</span> : null}
        </dd>
        {row.cancelApprovals > 0 || cancellers.length ? (
          <>
            <dt>Cancel votes</dt>
            <dd data-testid="op-cancel-approvals">
              {row.cancelApprovals}/{threshold} · {cancellers.map((a) => accountLabel(info, a.owner, me)).join(", ")}
            </dd>
          </>
        ) : null}
        <dt>Timelock</dt>
        <dd data-testid="op-eta">
          <Timelock row={row} state={state} eta={eta} now={now} env={env} />
        </dd>
        <dt>Proposed</dt>
        <dd>
          {dateTime(row.proposedAt)} by {accountLabel(info, row.proposer, me)}
        </dd>
      </dl>
      <details className="raw">
        <summary>Raw operation</summary>
        <dl className="facts">
          <dt>Id</dt>
          <dd>
            <code>{row.operationId}</code>
          </dd>
          <dt>Target</dt>
          <dd>
            <code>{row.target}</code>
          </dd>
          <dt>Value</dt>
          <dd>{row.value.toString()} wei</dd>
          <dt>Data</dt>
          <dd>
            <code className="wrap">{row.data}</code>
          </dd>
          <dt>Nonce</dt>
          <dd>{row.nonce.toString()}</dd>
        </dl>
      </details>
      {open && env.connected ? (
        <div className="actions">
          <div className="action-row">
            {row.state === "pending" && !approvedByMe ? (
              <>
                <button type="button" {...ownerOnly} className={refused.trim() || undefined} disabled={signTx.busy} onClick={sign}>
                  Sign approval
                </button>
                <button type="button" {...ownerOnly} className={`secondary${refused}`} disabled={approveTx.busy} onClick={approve}>
                  Approve on-chain
                </button>
              </>
            ) : null}
            {row.state === "pending" ? (
              <button type="button" disabled={queueTx.busy || row.approvals < threshold} onClick={() => void queue()}>
                Queue
              </button>
            ) : null}
            {row.state === "queued" ? (
              <button type="button" disabled={executeTx.busy || state !== "executable"} onClick={() => void execute()}>
                Execute
              </button>
            ) : null}
            {!cancelledByMe ? (
              <button type="button" {...ownerOnly} className={`secondary danger${refused}`} disabled={cancelTx.busy} onClick={cancel}>
                Cancel operation
              </button>
            ) : null}
          </div>
          {row.state === "pending" && row.approvals < threshold ? (
            <p className="hint">
              Needs {threshold - row.approvals} more owner approval{threshold - row.approvals === 1 ? "" : "s"} before it can be queued.
              {approvedByMe ? " You approved it." : ""}
            </p>
          ) : null}
          <TxStatus state={signTx.state} label="Sign approval" testId="sign" />
          <TxStatus state={approveTx.state} label="Approve" testId="approve" />
          <TxStatus state={queueTx.state} label="Queue" testId="queue" />
          <TxStatus state={executeTx.state} label="Execute" testId="execute" />
          <TxStatus state={cancelTx.state} label="Cancel" testId="cancel" />
        </div>
      ) : (
        <>
          <TxStatus state={executeTx.state} label="Execute" testId="execute" />
          <TxStatus state={cancelTx.state} label="Cancel" testId="cancel" />
        </>
      )}
    </article>
  );
}

function Timelock({ row, state, eta, now, env }: { row: MultisigOperationRow; state: DisplayState; eta?: number; now: number; env: AdminEnv }) {
  const expiry = eta === undefined ? undefined : eta + env.info.gracePeriod;
  switch (state) {
    case "pending":
      return <>starts when queued: {humanDuration(env.info.delays[row.opClass])}</>;
    case "waiting":
      return (
        <>
          executable from {dateTime(eta!)} —{" "}
          <strong className="countdown" data-testid="op-countdown">
            in {countdown(eta! - now)}
          </strong>
        </>
      );
    case "executable":
      return (
        <>
          <strong data-testid="op-countdown">executable now</strong> · expires {dateTime(expiry!)} (in {humanDuration(expiry! - now)})
        </>
      );
    case "expired":
      return <>expired {dateTime(expiry!)}: it can never run. Propose it again to retry.</>;
    case "executed":
      return (
        <>
          executed {row.executedAt !== null ? dateTime(row.executedAt) : ""}
          {row.executedTx ? (
            <>
              {" "}
              in <code title={row.executedTx}>{shortHex(row.executedTx, 10, 4)}</code>
            </>
          ) : null}
        </>
      );
    case "cancelled":
      return <>cancelled {row.cancelledAt !== null ? dateTime(row.cancelledAt) : ""}</>;
  }
}
