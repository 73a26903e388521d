/**
 * One milestone of an escrow card: its status and money in words, and the actions its party may
 * take now — the freelancer submits, claims after the review period, asks the client for a review;
 * the client approves or reclaims after due date + grace; either disputes or offers a settlement.
 */
import { useState } from "react";
import type { Address } from "viem";
import { useConfig } from "wagmi";
import { absoluteHref, escrowHref } from "../../app/routes.ts";
import type { DisputeRow, EscrowRow, MilestoneRow } from "../../indexer/escrows.ts";
import { useRefreshEscrows } from "../../indexer/escrows.ts";
import { TxStatus } from "../../tx/TxStatus.tsx";
import { useEvmTx } from "../../tx/useTx.ts";
import { countdown, dateTime, percentOfBps, shortHex } from "../admin/format.ts";
import { bytes32ToNote, noteToBytes32, type Note } from "./notes.ts";
import { OfferForm } from "./OfferForm.tsx";
import { ACTIONS, milestoneOptions, partyRefusal, sameAddress, type Gate, type Party } from "./rules.ts";
import { formatAmount, shortAddress, type TokenInfo } from "./tokens.ts";
import { sendEscrow } from "./write.ts";

const milestoneLabel = {
  pending: "In progress",
  submitted: "Submitted for review",
  released: "Released",
  disputed: "Disputed",
  refunded: "Reclaimed by the client",
  resolved: "Resolved",
} as const;

function milestoneText(row: EscrowRow, m: MilestoneRow): string {
  if (m.status === "pending" && row.status !== "funded") return row.status === "created" ? "Waiting for funds" : "Not delivered";
  if (m.status === "released" && m.claimed) return "Claimed";
  if (m.status === "resolved") return m.settledBy === "ruling" ? "Ruled" : "Settled";
  return milestoneLabel[m.status];
}

export function NoteText({ note, testId }: { note: Note | null; testId?: string }) {
  if (!note) return <span className="muted">none given</span>;
  return note.text !== undefined ? (
    <span className="note" data-testid={testId}>
      “{note.text}”
    </span>
  ) : (
    <code title={`${note.hash} (a hash: the text itself was shared off-chain)`} data-testid={testId}>
      {shortHex(note.hash, 10, 6)}
    </code>
  );
}

export interface MilestoneProps {
  row: EscrowRow;
  milestone: MilestoneRow;
  dispute?: DisputeRow;
  chainId: number;
  me: Address | undefined;
  party: Party;
  token: TokenInfo;
  /** Chain time, in seconds. */
  now: number;
}

export function MilestoneItem({ row, milestone: m, dispute, chainId, me, party, token, now }: MilestoneProps) {
  const config = useConfig();
  const refresh = useRefreshEscrows();
  const [deliverable, setDeliverable] = useState("");
  const [reason, setReason] = useState("");
  const [panel, setPanel] = useState<"dispute" | "offer" | "review">();
  const format = (v: bigint) => formatAmount(v, token);
  const n = m.index + 1;
  const index = BigInt(m.index);
  const ctx = (action: (typeof ACTIONS)[keyof typeof ACTIONS]) => ({ formatAmount: format, nativeSymbol: token.native ? token.symbol : undefined, action });
  const done = () => void refresh();
  const submitTx = useEvmTx(chainId, ctx(ACTIONS.submit), () => {
    setDeliverable("");
    done();
  });
  const releaseTx = useEvmTx(chainId, ctx(ACTIONS.approve), done);
  const claimTx = useEvmTx(chainId, ctx(ACTIONS.claim), done);
  const reclaimTx = useEvmTx(chainId, ctx(ACTIONS.reclaim), done);
  const disputeTx = useEvmTx(chainId, ctx(ACTIONS.dispute), () => {
    setReason("");
    setPanel(undefined);
    done();
  });
  const can = milestoneOptions(row, m, party, now);

  /** Runs a party action: refused in words before the wallet when `me` is not its party. */
  const act = (tx: ReturnType<typeof useEvmTx>, action: keyof typeof ACTIONS, send: (account: Address) => Promise<`0x${string}`>) => () => {
    const refused = partyRefusal(action, row, me);
    if (refused) return tx.refuse(refused);
    return void tx.run(() => send(me!));
  };

  const submit = act(submitTx, "submit", (a) => sendEscrow(config, chainId, a, "submitMilestone", [row.escrowId, index, noteToBytes32(deliverable)]));
  const release = act(releaseTx, "approve", (a) => sendEscrow(config, chainId, a, "approveMilestone", [row.escrowId, index]));
  const claim = act(claimTx, "claim", (a) => sendEscrow(config, chainId, a, "claimMilestone", [row.escrowId, index]));
  const reclaim = act(reclaimTx, "reclaim", (a) => sendEscrow(config, chainId, a, "reclaimMilestone", [row.escrowId, index]));
  const openDispute = act(disputeTx, "dispute", (a) => sendEscrow(config, chainId, a, "openDispute", [row.escrowId, index, noteToBytes32(reason)]));

  const overdue = m.status === "pending" && row.status === "funded" && can.late;
  const toggle = (p: typeof panel) => setPanel((current) => (current === p ? undefined : p));
  const reviewLink = absoluteHref(escrowHref(row.chainId, row.escrowId, { review: String(n) }));

  return (
    <li className="milestone" data-testid={`milestone-${m.index}`} data-status={m.status}>
      <div className="milestone-line">
        <span>Milestone {n}</span>
        <span data-testid="milestone-amount">{format(m.amount)}</span>
        <span className={overdue ? "overdue" : "muted"} data-testid="milestone-due">
          due {dateTime(m.dueDate)}
          {overdue ? " · overdue" : ""}
        </span>
        <span className={`badge badge-${m.status}`} data-testid="milestone-status">
          {milestoneText(row, m)}
        </span>
      </div>
      <MilestoneFacts row={row} m={m} dispute={dispute} me={me} format={format} />

      {can.submit ? (
        <div className="action-row">
          <label className="sr-only" htmlFor={`${row.id}-d${m.index}`}>
            Deliverable for milestone {n} (link or hash, optional)
          </label>
          <input
            id={`${row.id}-d${m.index}`}
            placeholder="Link or hash of the deliverable (optional)"
            value={deliverable}
            onChange={(e) => setDeliverable(e.target.value)}
          />
          <button type="button" onClick={submit} disabled={submitTx.busy}>
            Submit milestone {n}
          </button>
          {can.late ? <p className="hint">The due date has passed: this delivery will count as late in your history.</p> : null}
        </div>
      ) : null}
      {can.approve ? (
        <div className="action-row">
          <button type="button" onClick={release} disabled={releaseTx.busy}>
            Approve and release milestone {n}
          </button>
        </div>
      ) : null}
      {can.claim ? (
        <GatedAction gate={can.claim} now={now} label={`Claim milestone ${n}`} busy={claimTx.busy} onClick={claim} testId={`claim-gate-${m.index}`}>
          The client's review period ends {dateTime(can.claim.at)}; if the client has not approved it by then, you can claim it.
        </GatedAction>
      ) : null}
      {can.reclaim ? (
        <GatedAction
          gate={can.reclaim}
          now={now}
          label={`Reclaim milestone ${n}`}
          busy={reclaimTx.busy}
          onClick={reclaim}
          secondary
          testId={`reclaim-gate-${m.index}`}
        >
          If it is still undelivered at {dateTime(can.reclaim.at)} (due date plus the grace period), you can take its {format(m.amount)} back.
        </GatedAction>
      ) : null}
      {can.dispute || can.offer || (party === "freelancer" && m.status === "submitted" && row.status === "funded") ? (
        <div className="action-row">
          {can.dispute ? (
            <button type="button" className="secondary" aria-expanded={panel === "dispute"} onClick={() => toggle("dispute")}>
              Dispute milestone {n}…
            </button>
          ) : null}
          {can.offer ? (
            <button type="button" className="secondary" aria-expanded={panel === "offer"} onClick={() => toggle("offer")}>
              Offer a settlement…
            </button>
          ) : null}
          {party === "freelancer" && m.status === "submitted" ? (
            <button type="button" className="link" aria-expanded={panel === "review"} onClick={() => toggle("review")}>
              Ask the client to review
            </button>
          ) : null}
        </div>
      ) : null}
      {panel === "dispute" && can.dispute ? (
        <div className="subpanel" data-testid={`dispute-form-${m.index}`}>
          <label htmlFor={`${row.id}-r${m.index}`}>Reason (up to 32 characters are stored as text; a longer statement as its hash)</label>
          <div className="action-row">
            <input id={`${row.id}-r${m.index}`} value={reason} onChange={(e) => setReason(e.target.value)} placeholder="e.g. Delivered, client is silent" />
            <button type="button" className="danger" onClick={openDispute} disabled={disputeTx.busy}>
              Open dispute on milestone {n}
            </button>
          </div>
          <p className="hint">Approvals, claims and reclaims of this milestone stop until an arbiter rules a split or you both agree on a settlement.</p>
        </div>
      ) : null}
      {panel === "offer" && can.offer ? <OfferForm row={row} milestone={m} chainId={chainId} me={me!} party={party} token={token} now={now} /> : null}
      {panel === "review" ? (
        <div className="subpanel">
          <label htmlFor={`${row.id}-review${m.index}`}>Send this link to the client: it opens milestone {n} ready to approve.</label>
          <input
            id={`${row.id}-review${m.index}`}
            readOnly
            value={reviewLink}
            data-testid={`review-link-${m.index}`}
            onFocus={(e) => e.currentTarget.select()}
          />
        </div>
      ) : null}
      <TxStatus state={submitTx.state} label={`Submit milestone ${n}`} testId={`submit-${m.index}`} />
      <TxStatus state={releaseTx.state} label={`Approve milestone ${n}`} testId={`release-${m.index}`} />
      <TxStatus state={claimTx.state} label={`Claim milestone ${n}`} testId={`claim-${m.index}`} />
      <TxStatus state={reclaimTx.state} label={`Reclaim milestone ${n}`} testId={`reclaim-${m.index}`} />
      <TxStatus state={disputeTx.state} label={`Dispute milestone ${n}`} testId={`dispute-${m.index}`} />
    </li>
  );
}

/** A button that opens at `gate.at` (chain time), with a countdown until then. */
function GatedAction(props: {
  gate: Gate;
  now: number;
  label: string;
  busy: boolean;
  onClick: () => void;
  secondary?: boolean;
  testId: string;
  children: React.ReactNode;
}) {
  const { gate, now } = props;
  return (
    <div className="action-row">
      <button type="button" className={props.secondary ? "secondary" : undefined} onClick={props.onClick} disabled={props.busy || !gate.open}>
        {props.label}
      </button>
      <span className="hint countdown" data-testid={props.testId} data-open={String(gate.open)}>
        {gate.open ? "available now" : `available in ${countdown(gate.at - now)}`}
      </span>
      {!gate.open ? <p className="hint">{props.children}</p> : null}
    </div>
  );
}

/** What happened to the milestone, in words. */
function MilestoneFacts({
  row,
  m,
  dispute,
  me,
  format,
}: {
  row: EscrowRow;
  m: MilestoneRow;
  dispute?: DisputeRow;
  me?: Address;
  format: (v: bigint) => string;
}) {
  const who = (a: string) =>
    (sameAddress(a, row.client) ? "the client" : sameAddress(a, row.freelancer) ? "the freelancer" : shortAddress(a)) + (sameAddress(a, me) ? " (you)" : "");
  const lines: React.ReactNode[] = [];
  if (m.submittedAt !== null)
    lines.push(
      <>
        Delivered {dateTime(m.submittedAt)} {m.onTime === false ? <strong>late</strong> : "on time"} · deliverable:{" "}
        <NoteText note={bytes32ToNote(m.deliverable)} />
        {m.status === "submitted" ? <> · the client reviews until {dateTime(Number(m.submittedAt) + row.reviewPeriod)}</> : null}
      </>,
    );
  if (dispute)
    lines.push(
      <span data-testid="milestone-dispute">
        Disputed by {who(dispute.openedBy)} {dateTime(dispute.openedAt)} · reason: <NoteText note={bytes32ToNote(dispute.reason)} />
        {dispute.status === "open" ? " · waiting for an arbiter's ruling or a settlement" : null}
      </span>,
    );
  if (m.status === "released" && m.payout !== null && m.fee !== null)
    lines.push(
      <span data-testid="milestone-paid">
        Paid {format(m.payout)} to the freelancer, {format(m.fee)} platform fee{m.claimed ? " (claimed after the review period)" : ""}.
      </span>,
    );
  if (m.status === "refunded") lines.push(<span data-testid="milestone-paid">Reclaimed as undelivered: {format(m.amount)} back to the client, no fee.</span>);
  if (m.status === "resolved" && m.payout !== null && m.fee !== null && m.refund !== null) {
    const bps = dispute?.freelancerBps;
    lines.push(
      <span data-testid="milestone-paid">
        {m.settledBy === "ruling" ? `Ruled by ${dispute?.arbiter ? shortAddress(dispute.arbiter) : "the arbiter"}` : "Settled by agreement"}:{" "}
        {bps !== null && bps !== undefined ? `${percentOfBps(bps)} to the freelancer — ` : ""}
        {format(m.payout)} paid to the freelancer, {format(m.fee)} platform fee, {format(m.refund)} back to the client.
      </span>,
    );
  }
  if (lines.length === 0) return null;
  return (
    <div className="milestone-facts">
      {lines.map((l, i) => (
        <p key={i} className="hint">
          {l}
        </p>
      ))}
    </div>
  );
}
