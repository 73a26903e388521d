/**
 * `#/arbiter` (lazy-loaded): the open disputes of the connected chain, from the indexer, oldest
 * first, each with its amount, parties and reason, and a ruling form — the freelancer's share in
 * percent, previewed with the contract's own math (fee, payout, refund) — for accounts holding
 * ARBITER_ROLE on the escrow contract. Everyone else sees the queue and, on trying to rule, why
 * they can't: refused in words before the wallet is asked.
 */
import { useState, type FormEvent } from "react";
import type { Address } from "viem";
import { useConfig, useReadContract } from "wagmi";
import { milestoneEscrowAbi } from "../../../../generated/abis.ts";
import { escrowHref } from "../../app/routes.ts";
import { escrowAddress } from "../../chains/evm.ts";
import { useDisputes, useRefreshEscrows, type DisputeWithTerms } from "../../indexer/escrows.ts";
import { TxStatus } from "../../tx/TxStatus.tsx";
import { useEvmTx } from "../../tx/useTx.ts";
import { dateTime, percentOfBps } from "../admin/format.ts";
import { NoteText } from "../escrow/MilestoneItem.tsx";
import { parsePercent, splitShare } from "../escrow/money.ts";
import { bytes32ToNote } from "../escrow/notes.ts";
import { sameAddress } from "../escrow/rules.ts";
import { formatAmount, shortAddress, useTokenInfo } from "../escrow/tokens.ts";
import { sendEscrow } from "../escrow/write.ts";
import { useEvmSession } from "../wallet/useEvmSession.ts";

const ROLE_NOTE_ID = "arbiter-role-note";

export default function ArbiterPage() {
  const { chain } = useEvmSession();
  if (!chain) return <p className="notice">No EVM chain has a Worx deployment yet.</p>;
  return <ArbiterQueue key={chain.chain.id} chainId={chain.chain.id} caip2={chain.caip2} chainName={chain.info.name} />;
}

interface ArbiterEnv {
  chainId: number;
  me?: Address;
  isArbiter: boolean;
  /** Still reading the role from chain. */
  checking: boolean;
}

function ArbiterQueue({ chainId, caip2, chainName }: { chainId: number; caip2: string; chainName: string }) {
  const { address, connected } = useEvmSession();
  const me = connected ? address : undefined;
  const escrow = escrowAddress(chainId);
  const role = useReadContract({
    chainId: chainId as never,
    address: escrow,
    abi: milestoneEscrowAbi,
    functionName: "ARBITER_ROLE",
    query: { staleTime: Infinity },
  });
  const holds = useReadContract({
    chainId: chainId as never,
    address: escrow,
    abi: milestoneEscrowAbi,
    functionName: "hasRole",
    args: role.data && me ? [role.data, me] : undefined,
    query: { enabled: !!role.data && !!me, refetchInterval: 10_000 },
  });
  const open = useDisputes(caip2, "open");
  const ruled = useDisputes(caip2, "ruled");
  // Disputes ruled from this page stay listed (marked resolved) so their transaction status stays visible.
  const [kept, setKept] = useState<DisputeWithTerms[]>([]);
  const openIds = new Set(open.data?.map((d) => d.id));
  const listed = [...(open.data ?? []), ...kept.filter((d) => !openIds.has(d.id))];
  const env: ArbiterEnv = { chainId, me, isArbiter: holds.data === true, checking: !!me && holds.data === undefined };

  return (
    <div className="arbiter">
      {!me ? (
        <p className="notice" id={ROLE_NOTE_ID} data-testid="arbiter-role" data-role="visitor">
          Read-only: connect an arbiter's wallet to rule disputes.
        </p>
      ) : env.checking ? (
        <p className="muted" id={ROLE_NOTE_ID} data-testid="arbiter-role" data-role="checking">
          Checking your account's role on {chainName}…
        </p>
      ) : env.isArbiter ? (
        <p className="info" id={ROLE_NOTE_ID} data-testid="arbiter-role" data-role="arbiter">
          You hold ARBITER_ROLE on {chainName}'s escrow contract: you can rule any dispute below, except on escrows you are a party of. A ruling is final.
        </p>
      ) : (
        <p className="notice" id={ROLE_NOTE_ID} data-testid="arbiter-role" data-role="not-arbiter">
          Read-only: your account {me} does not hold ARBITER_ROLE on {chainName}'s escrow contract, so it can't rule disputes. Arbiters are appointed by the
          protocol's multisig. The parties of a disputed milestone can still settle it themselves with a signed offer.
        </p>
      )}
      <section className="admin-section" aria-labelledby="disputes-title">
        <h2 id="disputes-title">Open disputes on {chainName}</h2>
        {open.error ? (
          <p className="notice" role="alert">
            {open.error.message}
          </p>
        ) : open.isPending ? (
          <p className="muted">Loading disputes from the indexer…</p>
        ) : (
          <>
            {open.data.length === 0 ? (
              <p className="muted" data-testid="no-disputes">
                No open dispute.
              </p>
            ) : null}
            {listed.length > 0 ? (
              <ul className="op-list" data-testid="open-disputes">
                {listed.map((d) => (
                  <li key={d.id}>
                    <DisputeCard
                      dispute={d}
                      env={env}
                      resolved={!openIds.has(d.id)}
                      onStart={() => setKept((k) => (k.some((x) => x.id === d.id) ? k : [...k, d]))}
                    />
                  </li>
                ))}
              </ul>
            ) : null}
          </>
        )}
      </section>
      {ruled.data && ruled.data.length > 0 ? (
        <section className="card admin-section" aria-labelledby="ruled-title">
          <h2 id="ruled-title">Ruled</h2>
          <div className="table-wrap">
            <table className="table" data-testid="ruled-disputes">
              <thead>
                <tr>
                  <th scope="col">Milestone</th>
                  <th scope="col">Ruled</th>
                  <th scope="col">Freelancer share</th>
                  <th scope="col">By</th>
                </tr>
              </thead>
              <tbody>
                {ruled.data.map((d) => (
                  <tr key={d.id}>
                    <td>
                      <a href={escrowHref(d.chainId, d.escrowId)}>
                        #{d.escrowId.toString()} · {d.index + 1}
                      </a>
                    </td>
                    <td>{d.resolvedAt !== null ? dateTime(d.resolvedAt) : "—"}</td>
                    <td>{d.freelancerBps !== null ? percentOfBps(d.freelancerBps) : "—"}</td>
                    <td>{d.arbiter ? <code>{shortAddress(d.arbiter)}</code> : "—"}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      ) : null}
    </div>
  );
}

function DisputeCard({ dispute: d, env, resolved, onStart }: { dispute: DisputeWithTerms; env: ArbiterEnv; resolved: boolean; onStart: () => void }) {
  const config = useConfig();
  const refresh = useRefreshEscrows();
  const token = useTokenInfo(env.chainId, d.token);
  const format = (v: bigint) => formatAmount(v, token);
  const [share, setShare] = useState("");
  const [error, setError] = useState<string>();
  const tx = useEvmTx(env.chainId, { formatAmount: format, nativeSymbol: token.native ? token.symbol : undefined }, () => void refresh());
  const parsed = parsePercent(share);
  const preview = parsed.bps !== undefined ? splitShare(d.amount, parsed.bps, d.feeBps) : undefined;
  const n = d.index + 1;
  const testId = `dispute-${d.chainId}-${d.escrowId}-${d.index}`;
  const opener = sameAddress(d.openedBy, d.client) ? "the client" : "the freelancer";
  const party = sameAddress(env.me, d.client) ? "client" : sameAddress(env.me, d.freelancer) ? "freelancer" : undefined;

  function rule(e: FormEvent) {
    e.preventDefault();
    if (!env.me) return tx.refuse("Connect an arbiter's wallet to rule.");
    if (!env.isArbiter)
      return tx.refuse(
        env.checking
          ? "Your role is still being read from the chain: try again in a moment."
          : `Only accounts holding ARBITER_ROLE can rule disputes: your account ${env.me} does not hold it.`,
      );
    if (party) return tx.refuse(`You are the ${party} of escrow #${d.escrowId}, so you may not rule on it: another arbiter must.`);
    setError(parsed.error);
    if (parsed.bps === undefined) return;
    const bps = parsed.bps;
    onStart();
    return void tx.run(() => sendEscrow(config, env.chainId, env.me!, "resolveDispute", [d.escrowId, BigInt(d.index), bps]));
  }

  return (
    <article className="card op" data-testid={testId} aria-labelledby={`${testId}-title`}>
      <header className="escrow-head">
        <h3 id={`${testId}-title`}>
          <a href={escrowHref(d.chainId, d.escrowId)}>Escrow #{d.escrowId.toString()}</a>, milestone {n}
        </h3>
        {resolved ? (
          <span className="badge badge-resolved" data-testid="dispute-resolved">
            Resolved
          </span>
        ) : (
          <span className="badge badge-disputed">Open since {dateTime(d.openedAt)}</span>
        )}
      </header>
      <dl className="facts">
        <dt>Amount</dt>
        <dd data-testid="dispute-amount">{format(d.amount)}</dd>
        <dt>Client</dt>
        <dd>
          <code title={d.client}>{shortAddress(d.client)}</code>
        </dd>
        <dt>Freelancer</dt>
        <dd>
          <code title={d.freelancer}>{shortAddress(d.freelancer)}</code>
        </dd>
        <dt>Opened by</dt>
        <dd data-testid="dispute-opened-by">{opener}</dd>
        <dt>Reason</dt>
        <dd data-testid="dispute-reason">
          <NoteText note={bytes32ToNote(d.reason)} />
        </dd>
        <dt>Platform fee</dt>
        <dd>{percentOfBps(d.feeBps)} of the freelancer's share</dd>
      </dl>
      {resolved ? null : (
        <form className="form" onSubmit={rule} noValidate aria-label={`Rule on milestone ${n} of escrow #${d.escrowId}`}>
          <div className="field">
            <label htmlFor={`${testId}-share`}>Freelancer's share (%)</label>
            <input
              id={`${testId}-share`}
              inputMode="decimal"
              placeholder="0 to 100"
              value={share}
              onChange={(e) => setShare(e.target.value)}
              aria-invalid={!!error}
              aria-describedby={error ? `${testId}-error` : undefined}
            />
            {error ? (
              <p className="field-error" id={`${testId}-error`}>
                {error}
              </p>
            ) : null}
          </div>
          {preview ? (
            <dl className="facts" data-testid="ruling-preview">
              <dt>To the freelancer</dt>
              <dd data-testid="preview-payout">{format(preview.payout)}</dd>
              <dt>Platform fee</dt>
              <dd data-testid="preview-fee">{format(preview.fee)}</dd>
              <dt>Back to the client</dt>
              <dd data-testid="preview-refund">{format(preview.refund)}</dd>
            </dl>
          ) : null}
          <div className="action-row">
            <button
              type="submit"
              className={env.isArbiter && !party ? undefined : "refused"}
              aria-describedby={env.isArbiter ? undefined : ROLE_NOTE_ID}
              disabled={tx.busy}
            >
              Rule {parsed.bps !== undefined ? `${percentOfBps(parsed.bps)} to the freelancer` : "split"}
            </button>
          </div>
        </form>
      )}
      <TxStatus state={tx.state} label={`Rule on milestone ${n}`} testId="rule" />
    </article>
  );
}
