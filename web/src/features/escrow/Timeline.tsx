/**
 * A job's timeline: every escrow event the indexer recorded (table `escrow_event`), oldest first,
 * each in one sentence with its time and transaction.
 */
import type { Address } from "viem";
import type { EscrowEventRow, EscrowRow } from "../../indexer/escrows.ts";
import { dateTime, percentOfBps, shortHex } from "../admin/format.ts";
import { NoteText } from "./MilestoneItem.tsx";
import { bytes32ToNote } from "./notes.ts";
import { sameAddress } from "./rules.ts";
import { formatAmount, shortAddress, type TokenInfo } from "./tokens.ts";

const big = (v: unknown): bigint | undefined => (typeof v === "string" || typeof v === "number" || typeof v === "bigint" ? BigInt(v) : undefined);

function sentence(e: EscrowEventRow, row: EscrowRow, format: (v: bigint) => string, me?: Address): React.ReactNode {
  const d = e.detail;
  const who = (a: unknown) => {
    const s = typeof a === "string" ? a : "";
    const name = sameAddress(s, row.client) ? "the client" : sameAddress(s, row.freelancer) ? "the freelancer" : s ? shortAddress(s) : "someone";
    return sameAddress(s, me) ? `${name} (you)` : name;
  };
  const n = e.milestoneIndex !== null ? e.milestoneIndex + 1 : undefined;
  const money = (v: unknown) => {
    const b = big(v);
    return b === undefined ? "?" : format(b);
  };
  switch (e.kind) {
    case "EscrowCreated":
      return `Job agreed by ${who(e.actor ?? row.client)}: ${row.milestoneCount} milestone${row.milestoneCount === 1 ? "" : "s"}, ${money(e.amount ?? row.total)} in total, ${percentOfBps(Number(d.feeBps ?? row.feeBps))} platform fee.`;
    case "FeeDiscountApplied":
      return `The freelancer's discount of ${percentOfBps(Number(d.discountBps ?? 0))} of the fee applied (base fee ${percentOfBps(Number(d.baseFeeBps ?? row.baseFeeBps))}).`;
    case "EscrowFunded":
      return `Funded by ${who(e.actor ?? row.client)}: ${money(e.amount ?? d.amount)} deposited.`;
    case "MilestoneSubmitted":
      return (
        <>
          Milestone {n} delivered by the freelancer{d.onTime === false ? ", late" : ", on time"}. Deliverable:{" "}
          <NoteText note={bytes32ToNote(d.deliverable as `0x${string}`)} />.
        </>
      );
    case "MilestoneReleased":
      return `Milestone ${n} ${d.claimed === true ? "claimed by the freelancer after the review period" : "approved by the client"}: ${money(d.payout)} to the freelancer, ${money(d.fee)} platform fee.`;
    case "MilestoneRefunded":
      return `Milestone ${n} reclaimed by the client as undelivered: ${money(e.amount ?? d.amount)} back to the client.`;
    case "DisputeOpened":
      return (
        <>
          Milestone {n} disputed by {who(e.actor ?? d.openedBy)}. Reason: <NoteText note={bytes32ToNote(d.reason as `0x${string}`)} />.
        </>
      );
    case "DisputeRuled":
      return `Milestone ${n} ruled by arbiter ${who(e.actor ?? d.arbiter)}: ${percentOfBps(Number(d.freelancerBps))} to the freelancer — ${money(d.payout)} paid, ${money(d.fee)} fee, ${money(d.refund)} back to the client.`;
    case "MilestoneSettled":
      return `Milestone ${n} settled by agreement${e.actor ? ` (accepted by ${who(e.actor)})` : ""}: ${percentOfBps(Number(d.freelancerBps))} to the freelancer — ${money(d.payout)} paid, ${money(d.fee)} fee, ${money(d.refund)} back to the client.`;
    case "EscrowCompleted":
      return "Every milestone settled: the job is completed.";
    case "EscrowClosed":
      return "Every milestone settled, at least one reclaimed by the client: the job is closed.";
    case "JobRated":
      return `Rated ${"★".repeat(Number(d.rating ?? 0))} (${d.rating}/5) by the client.`;
    case "EscrowCancelled":
      return `Cancelled before funding by ${who(e.actor ?? d.by)}.`;
    default:
      return String(e.kind);
  }
}

export function Timeline({ row, events, token, me }: { row: EscrowRow; events: EscrowEventRow[]; token: TokenInfo; me?: Address }) {
  const format = (v: bigint) => formatAmount(v, token);
  return (
    <section className="card" aria-labelledby="timeline-title" data-testid="timeline">
      <h2 id="timeline-title">Timeline</h2>
      {events.length === 0 ? (
        <p className="muted">No event indexed yet.</p>
      ) : (
        <ol className="timeline">
          {events.map((e) => (
            <li key={e.id} data-testid="timeline-event" data-kind={e.kind}>
              <time className="muted" dateTime={new Date(Number(e.timestamp) * 1000).toISOString()}>
                {dateTime(e.timestamp)}
              </time>
              <span data-testid="timeline-text">{sentence(e, row, format, me)}</span>
              <code className="muted" title={e.txHash}>
                {shortHex(e.txHash, 10, 4)}
              </code>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
