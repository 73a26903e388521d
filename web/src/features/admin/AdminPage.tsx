/**
 * `#/admin`: the console of the multisig that administers the protocol (lazy-loaded). Everyone
 * sees the operations queue, the pause state, platform metrics and the audit log; owners propose,
 * sign and cancel operations; anyone may queue and execute them when the rules allow; the guardian
 * may pause the escrow. Settings are read live from chain, lists and history from the indexer.
 */
import { useCallback } from "react";
import { contractAddress } from "../../chains/evm.ts";
import { useRefreshMultisig } from "../../indexer/multisig.ts";
import { useEvmSession } from "../wallet/useEvmSession.ts";
import { AuditLog } from "./AuditLog.tsx";
import { useChainNow } from "../../chains/clock.ts";
import { accountLabel, ROLE_NOTE_ID, type AdminEnv } from "./env.ts";
import { humanDuration } from "./format.ts";
import { GuardianPanel } from "./GuardianPanel.tsx";
import { Metrics } from "./Metrics.tsx";
import { isOwnerOf, sameAddress, useMultisigInfo } from "./multisig.ts";
import { OperationsQueue } from "./OperationsQueue.tsx";
import { ProposeForm } from "./ProposeForm.tsx";

export default function AdminPage() {
  const { chain } = useEvmSession();
  if (!chain) return <p className="notice">No EVM chain has a Worx deployment yet.</p>;
  if (!contractAddress(chain.chain.id, "WorxMultisig"))
    return (
      <p className="notice" data-testid="no-multisig">
        {chain.info.name} has no WorxMultisig in the deployment book (generated/deployments.ts): there is nothing to administer here yet.
      </p>
    );
  return <AdminConsole key={chain.chain.id} chainId={chain.chain.id} caip2={chain.caip2} chainName={chain.info.name} nativeSymbol={chain.info.nativeSymbol} />;
}

function AdminConsole({ chainId, caip2, chainName, nativeSymbol }: { chainId: number; caip2: string; chainName: string; nativeSymbol: string }) {
  const { address, connected } = useEvmSession();
  const multisig = useMultisigInfo(chainId);
  const now = useChainNow(chainId);
  const refreshIndexer = useRefreshMultisig();
  const { refetch } = multisig;
  const refresh = useCallback(() => {
    refetch();
    void refreshIndexer();
  }, [refetch, refreshIndexer]);

  if (!multisig.info)
    return multisig.error ? (
      <p className="notice" role="alert">
        {multisig.error}
      </p>
    ) : (
      <p className="muted">Reading the multisig's settings from {chainName}…</p>
    );

  const info = multisig.info;
  const me = connected ? address : undefined;
  const env: AdminEnv = {
    chainId,
    caip2,
    chainName,
    nativeSymbol,
    info,
    me,
    connected,
    isOwner: isOwnerOf(info, me),
    isGuardian: sameAddress(info.guardian, me),
    now,
    refresh,
  };

  return (
    <div className="admin">
      <RoleBanner env={env} />
      <section className="card admin-section" aria-labelledby="multisig-title">
        <h2 id="multisig-title">Protocol multisig on {chainName}</h2>
        <dl className="facts">
          <dt>Multisig</dt>
          <dd>
            <code>{info.multisig}</code>
          </dd>
          <dt>Owners</dt>
          <dd data-testid="multisig-owners">{info.owners.map((o) => accountLabel(info, o, me)).join(", ")}</dd>
          <dt>Routine</dt>
          <dd>
            {info.thresholds.routine} of {info.owners.length} owners, {humanDuration(info.delays.routine)} timelock (fee changes, unpause)
          </dd>
          <dt>Critical</dt>
          <dd>
            {info.thresholds.critical} of {info.owners.length} owners, {humanDuration(info.delays.critical)} timelock (everything else)
          </dd>
          <dt>Expiry</dt>
          <dd>a queued operation can execute for {humanDuration(info.gracePeriod)} after its timelock</dd>
        </dl>
      </section>
      <div className="columns admin-columns">
        <div className="stack">
          {env.isOwner ? (
            <ProposeForm env={env} />
          ) : (
            <section className="card admin-section">
              <h2>Propose an operation</h2>
              <p className="muted">Only the multisig's owners can propose operations.</p>
            </section>
          )}
          <GuardianPanel env={env} />
        </div>
        <OperationsQueue env={env} />
      </div>
      <Metrics env={env} />
      <AuditLog env={env} />
    </div>
  );
}

function RoleBanner({ env }: { env: AdminEnv }) {
  const { info, me } = env;
  if (!env.connected || !me)
    return (
      <p className="notice" id={ROLE_NOTE_ID} data-testid="admin-role" data-role="visitor">
        Read-only: connect an owner's wallet to propose, sign or cancel operations.
      </p>
    );
  if (!env.isOwner)
    return (
      <p className="notice" role="note" id={ROLE_NOTE_ID} data-testid="admin-role" data-role={env.isGuardian ? "guardian" : "read-only"}>
        Read-only: your account {me} is not one of the multisig's {info.owners.length} owners. You can follow every operation, and anyone may queue or
        execute one once the rules allow, but only owners can propose, sign or cancel.{env.isGuardian ? " As the guardian you can pause the escrow." : ""}
      </p>
    );
  const index = info.owners.findIndex((o) => sameAddress(o, me));
  return (
    <p className="info" id={ROLE_NOTE_ID} data-testid="admin-role" data-role="owner">
      You are owner {index + 1} of {info.owners.length}
      {env.isGuardian ? " and the guardian" : ""}: you can propose, sign and cancel operations.
    </p>
  );
}
