/**
 * `#/dao/proposal/<caip2>/<id>`: one proposal. Its calls decoded in words, the tallies against the
 * quorum, the votes cast (indexer), and the actions the rules allow now, read live from the
 * governor: vote For / Against / Abstain with a reason while it is active, queue it once it
 * succeeded, execute it once the timelock's eta has passed (countdown on chain time), cancel it
 * while pending: its proposer, or the governor's guardian (the protocol's guardian account, who may
 * cancel any proposal but only before voting opens; once voting has opened its button is refused
 * with the reason). A button pressed when the rules say no is refused in words before the wallet.
 */
import { useId, useState } from "react";
import { keccak256, toBytes, type Address, type Hex } from "viem";
import { useConfig, useReadContracts } from "wagmi";
import { worxGovernorAbi } from "../../../../generated/abis.ts";
import { useChainNow } from "../../chains/clock.ts";
import { big, PROPOSAL_STATES, useProposal, useRefreshDao, type ProposalDetail, type ProposalStateName } from "../../indexer/dao.ts";
import { TxStatus } from "../../tx/TxStatus.tsx";
import { useEvmTx, type EvmTx } from "../../tx/useTx.ts";
import { countdown, dateTime, shortHex } from "../admin/format.ts";
import { formatWorx, sendDao, useGovernorInfo } from "./contracts.ts";
import { StateBadge, type DaoEnv } from "./DaoPage.tsx";
import { describeProposalCall, useTokenBook } from "./decode.ts";

const SUPPORT = ["Against", "For", "Abstain"] as const;
const same = (a?: string, b?: string) => !!a && !!b && a.toLowerCase() === b.toLowerCase();

export function ProposalView({ env, proposalId }: { env: DaoEnv; proposalId: string }) {
  const valid = /^\d+$/.test(proposalId);
  if (!valid)
    return (
      <p className="notice" role="alert">
        "{proposalId}" is not a proposal id (a decimal number).
      </p>
    );
  return <Proposal env={env} id={BigInt(proposalId)} />;
}

function Proposal({ env, id }: { env: DaoEnv; id: bigint }) {
  const config = useConfig();
  const { chainId, dao, me } = env;
  const now = useChainNow(chainId);
  const indexed = useProposal(env.caip2, id.toString());
  const governor = useGovernorInfo(chainId, dao);
  const refreshIndexer = useRefreshDao();
  const gov = { chainId: chainId as never, address: dao.governor, abi: worxGovernorAbi } as const;
  const live = useReadContracts({
    allowFailure: true,
    contracts: [
      { ...gov, functionName: "state", args: [id] },
      { ...gov, functionName: "proposalVotes", args: [id] },
      { ...gov, functionName: "proposalSnapshot", args: [id] },
      { ...gov, functionName: "proposalDeadline", args: [id] },
      { ...gov, functionName: "proposalEta", args: [id] },
      { ...gov, functionName: "proposalProposer", args: [id] },
      { ...gov, functionName: "hasVoted", args: [id, me ?? "0x0000000000000000000000000000000000000000"] },
      { ...gov, functionName: "clock" },
    ],
    query: { refetchInterval: 2_000 },
  });
  const d = live.data;
  const stateIndex = d?.[0]?.result as number | undefined;
  const snapshot = d?.[2]?.result as bigint | undefined;
  const clock = d?.[7]?.result as number | undefined;
  // quorum() and getVotes() only answer for past timepoints: read them once the snapshot is past.
  const past = snapshot !== undefined && clock !== undefined && snapshot < BigInt(clock);
  const atSnapshot = useReadContracts({
    allowFailure: true,
    contracts: [
      { ...gov, functionName: "quorum", args: [snapshot ?? 0n] },
      { ...gov, functionName: "getVotes", args: [me ?? "0x0000000000000000000000000000000000000000", snapshot ?? 0n] },
    ],
    query: { enabled: past, refetchInterval: 10_000 },
  });
  const refresh = () => {
    void live.refetch();
    void atSnapshot.refetch();
    void refreshIndexer();
  };
  const ctx = { formatWorx: (v: bigint) => formatWorx(v), treasury: dao.timelock, nativeSymbol: env.nativeSymbol };
  const voteTx = useEvmTx(chainId, ctx, refresh);
  const queueTx = useEvmTx(chainId, ctx, refresh);
  const executeTx = useEvmTx(chainId, ctx, refresh);
  const cancelTx = useEvmTx(chainId, ctx, refresh);
  const guardianTx = useEvmTx(chainId, ctx, refresh);

  const row = indexed.data ?? undefined;
  const calls = row ? row.targets.map((target, i) => ({ target, value: big(row.values[i]), data: (row.calldatas[i] ?? "0x") as Hex })) : [];
  const book = useTokenBook(
    chainId,
    calls.map((c) => c.target),
    env.nativeSymbol,
  );

  if (d && d[0]?.status === "failure" && !row)
    return (
      <p className="notice" role="alert" data-testid="proposal-missing">
        The governor on {env.chainName} has no proposal {shortHex(id.toString(), 10, 6)}.
      </p>
    );

  const state: ProposalStateName | undefined = stateIndex === undefined ? row?.state : PROPOSAL_STATES[stateIndex];
  const votes = d?.[1]?.result as readonly [bigint, bigint, bigint] | undefined;
  const against = votes?.[0] ?? big(row?.againstVotes);
  const forVotes = votes?.[1] ?? big(row?.forVotes);
  const abstain = votes?.[2] ?? big(row?.abstainVotes);
  const deadline = Number((d?.[3]?.result as bigint | undefined) ?? big(row?.voteEnd));
  const start = Number(snapshot ?? big(row?.voteStart));
  const eta = Number((d?.[4]?.result as bigint | undefined) ?? big(row?.eta));
  const proposer = (d?.[5]?.result as Address | undefined) ?? row?.proposer;
  const hasVoted = (d?.[6]?.result as boolean | undefined) ?? false;
  const quorum = atSnapshot.data?.[0]?.result as bigint | undefined;
  const myWeight = atSnapshot.data?.[1]?.result as bigint | undefined;
  const guardian = governor.info?.guardian;
  const hasGuardian = !!guardian && !/^0x0{40}$/.test(guardian);
  const iAmGuardian = hasGuardian && same(me, guardian);
  const iAmProposer = same(me, proposer);
  const descriptionHash = row ? keccak256(toBytes(row.description)) : undefined;
  const args = row ? ([row.targets, calls.map((c) => c.value), calls.map((c) => c.data), descriptionHash!] as const) : undefined;

  /** Sends `functionName` with the proposal's calls, or refuses in words. */
  const withCalls = (tx: EvmTx, functionName: "queue" | "execute" | "cancel") => {
    if (!me) return tx.refuse("Connect your wallet first.");
    if (!args) return tx.refuse("The proposal's calls are not indexed yet: wait for the indexer, then try again.");
    return void tx.run(() => sendDao(config, chainId, me, dao.governor, worxGovernorAbi, functionName, args));
  };

  function queue() {
    if (state !== "succeeded")
      return queueTx.refuse(`Only a proposal that succeeded can be queued; this one is ${state ?? "still loading"}${state === "active" ? `: voting closes ${dateTime(deadline)}` : ""}.`);
    withCalls(queueTx, "queue");
  }
  function execute() {
    if (state !== "queued") return executeTx.refuse(`Only a queued proposal can be executed; this one is ${state ?? "still loading"}.`);
    if (now < eta) return executeTx.refuse(`The timelock holds this proposal until ${dateTime(eta)} (in ${countdown(eta - now)} on chain time): execute it then.`);
    withCalls(executeTx, "execute");
  }
  function cancel() {
    if (state !== "pending") return cancelTx.refuse(`A proposal can only be canceled while pending, before voting opens; this one is ${state ?? "still loading"}.`);
    if (!iAmProposer)
      return cancelTx.refuse(
        `Only the proposer (${shortHex(proposer ?? "")})${hasGuardian ? ` or the guardian (${shortHex(guardian!)})` : ""} can cancel it, and only while it is pending.`,
      );
    withCalls(cancelTx, "cancel");
  }
  /** The guardian's cancel: the same governor call, allowed to the guardian for any proposal, but only while pending. */
  function guardianCancel() {
    if (!iAmGuardian) return guardianTx.refuse(`Only the guardian (${shortHex(guardian ?? "")}) can cancel as the guardian.`);
    if (state !== "pending")
      return guardianTx.refuse(
        state === "active"
          ? `Voting opened ${dateTime(start)}: the guardian may cancel a proposal only while it is pending, before voting starts, so only the voters decide this one now.`
          : `The guardian may cancel a proposal only while it is pending, before voting starts; this one is ${state ?? "still loading"}.`,
      );
    withCalls(guardianTx, "cancel");
  }
  // The guardian sees its button until the proposal is settled, so that a late press is explained.
  const guardianButton = iAmGuardian && !iAmProposer && (state === "pending" || state === "active" || state === "succeeded" || state === "queued");

  return (
    <article className="card op" data-testid="proposal-page" data-state={state} aria-labelledby="proposal-title">
      <header className="escrow-head">
        <h2 id="proposal-title" className="op-title" data-testid="proposal-title">
          {row?.title || `Proposal ${shortHex(id.toString(), 10, 6)}`}
        </h2>
        {state ? <StateBadge state={state} /> : null}
      </header>
      <p className="muted">
        Proposal <code title={id.toString()}>{shortHex(id.toString(), 10, 6)}</code>
        {proposer ? (
          <>
            {" "}
            by <code title={proposer}>{shortHex(proposer)}</code>
            {same(proposer, me) ? " (you)" : ""}
          </>
        ) : null}
        {row ? ` on ${dateTime(big(row.createdAt))}` : ""}
        {row?.extended ? " · voting extended by the late-quorum rule" : ""}
      </p>
      <Timing state={state} now={now} start={start} deadline={deadline} eta={eta} />
      <section aria-label="Calls">
        <h3>What it does</h3>
        {!row ? (
          <p className="muted" data-testid="calls-waiting">
            {indexed.error ? indexed.error.message : "Waiting for the indexer to have this proposal's calls…"}
          </p>
        ) : (
          <ol className="plain-list" data-testid="proposal-calls">
            {calls.map((c, i) => {
              const words = describeProposalCall(chainId, c, book, env.nativeSymbol);
              return (
                <li key={i} data-testid={`call-${i}`}>
                  <span data-testid="call-text">{words.call}</span>
                  {words.summary ? <span className="muted"> — {words.summary}</span> : null}
                </li>
              );
            })}
          </ol>
        )}
        {row?.description ? (
          <details className="raw">
            <summary>Description</summary>
            <pre className="wrap">{row.description}</pre>
          </details>
        ) : null}
      </section>
      <Tallies forVotes={forVotes} against={against} abstain={abstain} quorum={quorum} quorumNumerator={governor.info?.quorumNumerator} />
      {state === "active" ? (
        <VoteForm tx={voteTx} env={env} id={id} hasVoted={hasVoted} weight={myWeight} snapshot={start} deadline={deadline} />
      ) : (
        <TxStatus state={voteTx.state} label="Vote" testId="vote" />
      )}
      <div className="action-row">
        {state === "succeeded" || state === "queued" ? (
          <>
            <button type="button" onClick={queue} disabled={queueTx.busy || state !== "succeeded"} data-testid="queue">
              Queue
            </button>
            <button type="button" onClick={execute} disabled={executeTx.busy || state !== "queued"} className={state === "queued" && now < eta ? "refused" : undefined} data-testid="execute">
              Execute
            </button>
          </>
        ) : null}
        {state === "pending" && !guardianButton ? (
          <button type="button" className="secondary danger" onClick={cancel} disabled={cancelTx.busy} data-testid="cancel">
            Cancel proposal
          </button>
        ) : null}
        {guardianButton ? (
          <button
            type="button"
            className={`secondary danger${state === "pending" ? "" : " refused"}`}
            onClick={guardianCancel}
            disabled={guardianTx.busy}
            aria-describedby={`guardian-cancel-${id}`}
            data-testid="guardian-cancel"
          >
            Cancel (guardian)
          </button>
        ) : null}
      </div>
      {guardianButton ? (
        <p className="hint" id={`guardian-cancel-${id}`} data-testid="guardian-cancel-hint">
          You are the DAO's guardian: you may cancel any proposal while it is pending, before voting opens{state === "pending" ? ` (${dateTime(start)})` : ""}, to stop a malicious or mistaken one. After
          that only the vote decides. Canceling is final; the proposer may propose again.
        </p>
      ) : null}
      <TxStatus state={queueTx.state} label="Queue" testId="queue" />
      <TxStatus state={executeTx.state} label="Execute" testId="execute" />
      <TxStatus state={cancelTx.state} label="Cancel" testId="cancel" />
      <TxStatus state={guardianTx.state} label="Guardian cancel" testId="guardian-cancel" />
      {hasGuardian && !iAmGuardian ? (
        <p className="hint">
          Guardian: <code title={guardian}>{shortHex(guardian!)}</code> (the protocol's guardian account) may cancel a proposal while it is pending, before voting opens.
        </p>
      ) : null}
      <Votes row={row} />
    </article>
  );
}

function Timing({ state, now, start, deadline, eta }: { state?: ProposalStateName; now: number; start: number; deadline: number; eta: number }) {
  let text: string | undefined;
  if (state === "pending") text = `Voting opens ${dateTime(start)} (in ${countdown(start - now)}).`;
  else if (state === "active") text = `Voting closes ${dateTime(deadline)} (in ${countdown(deadline - now)}).`;
  else if (state === "succeeded") text = "Passed: anyone may queue it in the timelock now.";
  else if (state === "queued")
    text = now < eta ? `In the timelock until ${dateTime(eta)}: executable in ${countdown(eta - now)}.` : `The timelock delay is over (since ${dateTime(eta)}): anyone may execute it now.`;
  else if (state === "defeated") text = `Voting closed ${dateTime(deadline)} without a majority For and the quorum.`;
  if (!text) return null;
  return (
    <p className="countdown" data-testid="proposal-timing">
      {text}
    </p>
  );
}

function Tallies(props: { forVotes: bigint; against: bigint; abstain: bigint; quorum?: bigint; quorumNumerator?: bigint }) {
  const { forVotes, against, abstain, quorum } = props;
  const counted = forVotes + abstain;
  const reached = quorum !== undefined && counted >= quorum;
  const total = forVotes + against + abstain;
  const share = (v: bigint) => (total === 0n ? 0 : Number((v * 1000n) / total) / 10);
  const progress = quorum === undefined || quorum === 0n ? (quorum === 0n ? 100 : 0) : Math.min(100, Number((counted * 1000n) / quorum) / 10);
  return (
    <section aria-label="Votes" data-testid="tallies">
      <h3>Votes</h3>
      <dl className="facts">
        <dt>For</dt>
        <dd data-testid="tally-for">
          {formatWorx(forVotes)} ({share(forVotes)}%)
        </dd>
        <dt>Against</dt>
        <dd data-testid="tally-against">
          {formatWorx(against)} ({share(against)}%)
        </dd>
        <dt>Abstain</dt>
        <dd data-testid="tally-abstain">
          {formatWorx(abstain)} ({share(abstain)}%)
        </dd>
        <dt>Quorum</dt>
        <dd data-testid="quorum" data-reached={reached}>
          {quorum === undefined
            ? `${props.quorumNumerator ?? "…"}% of the supply at the snapshot (known once voting opens)`
            : `${formatWorx(counted)} of ${formatWorx(quorum)} (For + Abstain) ${reached ? "— reached" : ""}`}
        </dd>
      </dl>
      <svg className="quorum-bar" viewBox="0 0 200 8" width="200" height="8" role="img" aria-label={`Quorum progress: ${progress}%`}>
        <rect x="0" y="0" width="200" height="8" rx="4" className="quorum-track" />
        <rect x="0" y="0" width={2 * progress} height="8" rx="4" className={reached ? "quorum-done" : "quorum-on"} />
      </svg>
    </section>
  );
}

function VoteForm(props: { tx: EvmTx; env: DaoEnv; id: bigint; hasVoted: boolean; weight?: bigint; snapshot: number; deadline: number }) {
  const { tx, env, id, hasVoted, weight, snapshot } = props;
  const config = useConfig();
  const formId = useId();
  const [support, setSupport] = useState<number>(1);
  const [reason, setReason] = useState("");
  function vote() {
    if (!env.me) return tx.refuse("Connect your wallet to vote.");
    if (hasVoted) return tx.refuse("You have already voted on this proposal: a vote can't be changed.");
    if (weight === 0n)
      return tx.refuse(
        `You had no votes when voting opened (${dateTime(snapshot)}): only WORX delegated before the snapshot count, so that votes can't be bought or borrowed for one proposal.`,
      );
    const me = env.me;
    return void tx.run(() =>
      reason.trim()
        ? sendDao(config, env.chainId, me, env.dao.governor, worxGovernorAbi, "castVoteWithReason", [id, support, reason.trim()])
        : sendDao(config, env.chainId, me, env.dao.governor, worxGovernorAbi, "castVote", [id, support]),
    );
  }
  return (
    <section className="subpanel" aria-labelledby={`${formId}-title`} data-testid="vote-form">
      <h3 id={`${formId}-title`}>Your vote</h3>
      <p className="hint">
        {hasVoted
          ? "You have voted on this proposal."
          : weight !== undefined
            ? `Your weight: ${formatWorx(weight)} (your votes at the snapshot, ${dateTime(snapshot)}).`
            : "Your weight is your delegated votes at the snapshot."}
      </p>
      <div className="chips" role="radiogroup" aria-label="Support">
        {[1, 0, 2].map((s) => (
          <label key={s} className="chip" aria-pressed={support === s}>
            <input type="radio" name={`${formId}-support`} value={s} checked={support === s} onChange={() => setSupport(s)} className="sr-only" />
            {SUPPORT[s]}
          </label>
        ))}
      </div>
      <div className="field">
        <label htmlFor={`${formId}-reason`}>Reason (optional, public)</label>
        <input id={`${formId}-reason`} value={reason} onChange={(e) => setReason(e.target.value)} maxLength={500} />
      </div>
      <button type="button" onClick={vote} disabled={tx.busy} data-testid="cast-vote">
        Vote {SUPPORT[support]}
      </button>
      <TxStatus state={tx.state} label="Vote" testId="vote" />
    </section>
  );
}

function Votes({ row }: { row?: ProposalDetail }) {
  const votes = row?.votes ?? [];
  if (!row) return null;
  return (
    <section aria-label="Voters" data-testid="votes">
      <h3>Voters ({votes.length})</h3>
      {votes.length === 0 ? (
        <p className="muted">No vote yet.</p>
      ) : (
        <ul className="plain-list">
          {votes.map((v) => (
            <li key={v.voter} data-testid={`vote-${v.voter.toLowerCase()}`}>
              <code title={v.voter}>{shortHex(v.voter)}</code> voted <strong>{SUPPORT[v.support] ?? v.support}</strong> with {formatWorx(big(v.weight))}
              {v.reason ? <span className="muted"> — “{v.reason}”</span> : null}
              <span className="muted"> · {dateTime(big(v.castAt))}</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
