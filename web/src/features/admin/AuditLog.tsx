/**
 * The audit log of the protocol's administration (indexer table `admin_action`: the escrow's admin
 * events and every event of the multisig), newest first, a page at a time.
 */
import { useState } from "react";
import type { Address, Hex } from "viem";
import { useAuditLog, type AdminActionRow } from "../../indexer/admin.ts";
import { contractNameAt, decodeCall, describeCall, labelOf, roleName, selectorName } from "./decode.ts";
import { accountLabel, type AdminEnv } from "./env.ts";
import { dateTime, humanDuration, percentOfBps, shortHex } from "./format.ts";
import { classOfIndex } from "./multisig.ts";

const PAGE = 10;

const actionWords: Record<string, string> = {
  // MilestoneEscrow
  PlatformFeeUpdated: "Platform fee changed",
  FeeRecipientUpdated: "Fee recipient changed",
  FeeDiscountSourceUpdated: "Fee discount source changed",
  TokenAllowlistUpdated: "Token allowlist changed",
  Paused: "Paused",
  Unpaused: "Unpaused",
  RoleGranted: "Role granted",
  RoleRevoked: "Role revoked",
  RoleAdminChanged: "Role admin changed",
  // WorxBadges
  TierConfigUpdated: "Badge tier set",
  // WorxMultisig
  OperationProposed: "Operation proposed",
  Approved: "Approved",
  Queued: "Queued",
  Executed: "Executed",
  CancelApproved: "Cancel approved",
  Cancelled: "Cancelled",
  OwnerAdded: "Owner added",
  OwnerRemoved: "Owner removed",
  ThresholdChanged: "Threshold changed",
  DelayChanged: "Timelock changed",
  ClassConfigured: "Class configured",
  PausableTargetConfigured: "Pausable target set",
  GuardianChanged: "Guardian changed",
  GuardianPaused: "Guardian paused",
  Received: "Coin received",
};

const HEX_ADDRESS = /^0x[0-9a-fA-F]{40}$/;

/** A Worx contract by name, an owner or the guardian by role, else the short address. */
const whoOf = (env: AdminEnv, a: unknown) =>
  typeof a !== "string" || !HEX_ADDRESS.test(a)
    ? String(a)
    : /^0x0{40}$/.test(a)
      ? "none"
      : (contractNameAt(env.chainId, a) ?? accountLabel(env.info, a, env.me));

/** The event's arguments in words for the protocol's admin events; any other as key = value. */
function detailsText(row: AdminActionRow, env: AdminEnv): string {
  const d = row.details;
  const who = (a: unknown) => whoOf(env, a);
  const role = (r: unknown) => roleName(String(r) as Hex);
  const op = () => `operation ${shortHex(String(d.operationId), 10, 4)}`;
  const cls = (c: unknown) => (classOfIndex(Number(c)) === "routine" ? "Routine" : "Critical");
  switch (row.action) {
    case "PlatformFeeUpdated":
      return `${percentOfBps(Number(d.previousBps))} → ${percentOfBps(Number(d.newBps))}`;
    case "FeeRecipientUpdated":
      return `${who(d.previousRecipient)} → ${who(d.newRecipient)}`;
    case "FeeDiscountSourceUpdated":
      return `${who(d.previousSource)} → ${who(d.newSource)}`;
    case "TokenAllowlistUpdated":
      return `${/^0x0{40}$/.test(String(d.token)) ? `native ${env.nativeSymbol}` : who(d.token)} ${d.allowed ? "allowed for new escrows" : "no longer allowed for new escrows"}`;
    case "Paused":
    case "Unpaused":
      return d.account ? `by ${who(d.account)}` : "";
    case "RoleGranted":
      return `${role(d.role)} to ${who(d.account)}`;
    case "RoleRevoked":
      return `${role(d.role)} from ${who(d.account)}`;
    case "RoleAdminChanged":
      return `${role(d.role)}: admin ${role(d.previousAdminRole)} → ${role(d.newAdminRole)}`;
    case "TierConfigUpdated": {
      const needs = [`${d.minCompletedJobs} jobs`, `satisfaction ≥ ${percentOfBps(Number(d.minSatisfactionBps))}`];
      if (d.requiresXVerified) needs.push("X verified");
      if (d.requiresVetted) needs.push("vetted");
      const tier = typeof d.tierName === "string" ? d.tierName.charAt(0).toUpperCase() + d.tierName.slice(1) : `Tier ${d.tier}`;
      return `${tier}: ${needs.join(", ")}; ${d.soulbound ? `soul-bound, ${percentOfBps(Number(d.feeDiscountBps))} fee discount` : "transferable"}`;
    }
    case "OperationProposed":
      return `${op()}: ${describeCall(decodeCall(env.chainId, d.target as Address, d.data as Hex, BigInt(String(d.value ?? 0))))} (${cls(d.opClass)})`;
    case "Approved":
    case "CancelApproved":
      return `${op()} by ${who(d.owner)}`;
    case "Queued":
      return `${op()} with ${d.approvals} approvals, executable from ${dateTime(BigInt(String(d.eta)))}`;
    case "Executed":
    case "Cancelled":
      return op();
    case "OwnerAdded":
    case "OwnerRemoved":
      return who(d.owner);
    case "ThresholdChanged":
      return `${cls(d.opClass)}: ${d.previous} → ${d.threshold} owners`;
    case "DelayChanged":
      return `${cls(d.opClass)}: ${humanDuration(Number(d.previous))} → ${humanDuration(Number(d.delay))}`;
    case "ClassConfigured":
      return `${selectorName(env.chainId, d.target as Address, d.selector as Hex)} → ${cls(d.opClass)}`;
    case "PausableTargetConfigured":
      return `${who(d.target)}: ${d.pausable ? "pausable by the guardian" : "not pausable"}`;
    case "GuardianChanged":
      return `${who(d.previous)} → ${who(d.guardian)}`;
    case "GuardianPaused":
      return `${who(d.target)} by ${who(d.guardian)}`;
    default:
      return Object.entries(d)
        .map(([k, v]) => `${k} = ${who(v)}`)
        .join(", ");
  }
}

export function AuditLog({ env }: { env: AdminEnv }) {
  // Cursors of the pages seen so far: [null (newest page), endCursor of page 1, …].
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const after = cursors[cursors.length - 1]!;
  const log = useAuditLog(env.caip2, after, PAGE);
  const page = cursors.length;
  const pages = log.data ? Math.max(1, Math.ceil(log.data.total / PAGE)) : undefined;

  return (
    <section className="card admin-section" aria-labelledby="audit-title" data-testid="audit-log" aria-busy={log.isPlaceholderData}>
      <h2 id="audit-title">Audit log</h2>
      {log.isPending ? (
        <p className="muted">Loading the audit log…</p>
      ) : log.error ? (
        <p className="notice" role="alert">
          {log.error.message}
        </p>
      ) : log.data.rows.length === 0 ? (
        <p className="muted">No administrative action yet.</p>
      ) : (
        <div className="table-wrap">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">Action</th>
                <th scope="col">Contract</th>
                <th scope="col">Details</th>
                <th scope="col">By</th>
                <th scope="col">Transaction</th>
              </tr>
            </thead>
            <tbody>
              {log.data.rows.map((row) => (
                <tr key={row.id} data-testid="audit-row" data-action={row.action}>
                  <td>{dateTime(row.timestamp)}</td>
                  <td>{actionWords[row.action] ?? row.action}</td>
                  <td>{labelOf(env.chainId, row.contract)}</td>
                  <td>{detailsText(row, env)}</td>
                  <td>{whoOf(env, row.actor)}</td>
                  <td>
                    <code title={row.txHash}>{shortHex(row.txHash, 10, 4)}</code>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <div className="pager">
        <button type="button" className="secondary" disabled={page === 1 || log.isPlaceholderData} onClick={() => setCursors((c) => c.slice(0, -1))}>
          Newer
        </button>
        <span className="muted" data-testid="audit-page">
          Page {page}
          {pages ? ` of ${pages}` : ""}
        </span>
        <button
          type="button"
          className="secondary"
          disabled={!log.data?.hasOlder || !log.data.endCursor || log.isPlaceholderData}
          onClick={() => setCursors((c) => [...c, log.data!.endCursor])}
        >
          Older
        </button>
      </div>
    </section>
  );
}
