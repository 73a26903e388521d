/**
 * `#/staking` (lazy-loaded): my WORX. Balance, votes and delegate (to myself or to an address);
 * staking with a 30/90/180-day lock showing the boost and the fee-discount tier it reaches;
 * positions with their unlock countdown (on chain time) and unstake once unlocked — before that, a
 * press is refused in words (there is no early exit); WORX rewards to claim for my finished jobs
 * (WorkRewards.claimWorkReward) and my badges (claimBadgeReward). Everything a write depends on is
 * read live from chain; the lists of jobs and badges come from the indexer.
 */
import { useId, useState, type FormEvent } from "react";
import { getAddress, isAddress, parseUnits, type Address } from "viem";
import { useConfig, useReadContracts } from "wagmi";
import { workRewardsAbi, worxTokenAbi } from "../../../../generated/abis.ts";
import { escrowHref } from "../../app/routes.ts";
import { useChainNow } from "../../chains/clock.ts";
import { useProfileBadges } from "../../indexer/badges.ts";
import { useMyEscrows } from "../../indexer/escrows.ts";
import { TxStatus } from "../../tx/TxStatus.tsx";
import { useEvmTx } from "../../tx/useTx.ts";
import { countdown, dateTime, percentOfBps, shortHex } from "../admin/format.ts";
import { daoAddresses, formatWorx, sendDao, type DaoAddresses } from "../dao/contracts.ts";
import { useEvmSession } from "../wallet/useEvmSession.ts";
import { boostOf, powerOf, TERMS, tierFor, useWorxAccount, type Position, type TermId, type WorxAccount } from "./worx.ts";

interface Env {
  chainId: number;
  caip2: string;
  chainName: string;
  dao: DaoAddresses;
  me: Address;
  now: number;
  refresh(): void;
}

export default function StakingPage() {
  const { chain, address, connected } = useEvmSession();
  if (!chain) return <p className="notice">No EVM chain has a Worx deployment yet.</p>;
  const dao = daoAddresses(chain.chain.id);
  if (!dao)
    return (
      <p className="notice" data-testid="no-dao">
        {chain.info.name} has no WORX token in the deployment book yet.
      </p>
    );
  if (!connected || !address)
    return (
      <p className="notice" data-testid="staking-connect">
        Connect your wallet to see your WORX, delegate your votes and stake.
      </p>
    );
  return <Staking key={`${chain.caip2}:${address}`} chainId={chain.chain.id} caip2={chain.caip2} chainName={chain.info.name} dao={dao} me={address} />;
}

function Staking({ chainId, caip2, chainName, dao, me }: Omit<Env, "now" | "refresh">) {
  const now = useChainNow(chainId);
  const account = useWorxAccount(chainId, dao, me);
  const env: Env = { chainId, caip2, chainName, dao, me, now, refresh: () => void account.refetch() };
  const a = account.data;
  return (
    <div className="staking stack">
      {account.error && !a ? (
        <p className="notice" role="alert">
          WORX can't be read on {chainName}: {account.error.message.split("\n")[0]}
        </p>
      ) : null}
      {!a ? (
        <p className="muted">Reading your WORX from {chainName}…</p>
      ) : (
        <>
          <section className="card admin-section" aria-labelledby="worx-title" data-testid="worx-summary">
            <h2 id="worx-title">My WORX on {chainName}</h2>
            <div className="stats">
              <Stat label="Balance" value={formatWorx(a.balance)} testId="worx-balance" />
              <Stat label="Votes" value={formatWorx(a.votes)} testId="worx-votes" />
              <Stat label="Staked" value={formatWorx(a.locked)} testId="worx-staked" />
              <Stat label="Staking power" value={formatWorx(a.stakingPower)} testId="worx-power" />
              <Stat label="Fee discount" value={percentOfBps(a.discountBps)} testId="worx-discount" />
            </div>
            <p className="hint">Staked WORX stay in your account and keep their votes; they can't be moved until their lock ends and you unstake them.</p>
          </section>
          <div className="columns">
            <div className="stack">
              <Delegation env={env} account={a} />
              <StakeForm env={env} account={a} />
            </div>
            <div className="stack">
              <Positions env={env} account={a} />
              <Rewards env={env} />
            </div>
          </div>
        </>
      )}
    </div>
  );
}

function Stat({ label, value, testId }: { label: string; value: string; testId: string }) {
  return (
    <div className="stat">
      <span className="stat-label">{label}</span>
      <span className="stat-value" data-testid={testId}>
        {value}
      </span>
    </div>
  );
}

function Delegation({ env, account }: { env: Env; account: WorxAccount }) {
  const config = useConfig();
  const id = useId();
  const [to, setTo] = useState("");
  const [error, setError] = useState<string>();
  const tx = useEvmTx(env.chainId, {}, env.refresh);
  const none = /^0x0{40}$/.test(account.delegate);
  const self = account.delegate.toLowerCase() === env.me.toLowerCase();
  const delegate = (target: Address) => tx.run(() => sendDao(config, env.chainId, env.me, env.dao.token, worxTokenAbi, "delegate", [target]));
  function onSubmit(e: FormEvent) {
    e.preventDefault();
    const s = to.trim();
    if (!isAddress(s, { strict: false })) return setError("Enter an address: 0x followed by 40 hexadecimal characters.");
    if (/^0x0{40}$/.test(s)) return setError("Delegating to the zero address would drop your votes.");
    setError(undefined);
    void delegate(getAddress(s));
  }
  return (
    <form className="card form" onSubmit={onSubmit} noValidate aria-labelledby={`${id}-title`} data-testid="delegation">
      <h2 id={`${id}-title`}>Delegation</h2>
      <p data-testid="delegate-now">
        {none ? (
          "Your WORX are not delegated: they carry no votes until you delegate them, to yourself or to someone you trust."
        ) : self ? (
          "You vote with your own WORX (delegated to yourself)."
        ) : (
          <>
            Your votes are delegated to <code title={account.delegate}>{shortHex(account.delegate)}</code>.
          </>
        )}
      </p>
      {!self ? (
        <button type="button" disabled={tx.busy} onClick={() => void delegate(env.me)} data-testid="delegate-self">
          Delegate to myself
        </button>
      ) : null}
      <div className="field">
        <label htmlFor={`${id}-to`}>Or delegate to</label>
        <div className="action-row">
          <input id={`${id}-to`} placeholder="0x…" autoComplete="off" spellCheck={false} value={to} onChange={(e) => setTo(e.target.value)} />
          <button type="submit" className="secondary" disabled={tx.busy}>
            Delegate
          </button>
        </div>
      </div>
      {error ? (
        <p className="field-error" role="alert">
          {error}
        </p>
      ) : null}
      <TxStatus state={tx.state} label="Delegate" testId="delegate" />
    </form>
  );
}

function StakeForm({ env, account }: { env: Env; account: WorxAccount }) {
  const config = useConfig();
  const id = useId();
  const [amount, setAmount] = useState("");
  const [term, setTerm] = useState<TermId>(1);
  const [error, setError] = useState<string>();
  const tx = useEvmTx(env.chainId, { formatWorx: (v) => formatWorx(v) }, () => {
    setAmount("");
    env.refresh();
  });
  const parsed = parseWorx(amount);
  const value = parsed.value;
  const position = account.positions[term]!;
  const runningPower = account.stakingPower;
  // The position's lock restarts (never shortens): an expired position regains its power with the new tokens.
  const expired = position.amount > 0n && env.now >= position.unlockAt;
  const after =
    value === undefined
      ? runningPower
      : runningPower + powerOf(position.amount + value, term) - (expired ? 0n : powerOf(position.amount, term));
  const unlockAt = Math.max(position.unlockAt, env.now + TERMS[term].days * 86_400);
  const tierNow = tierFor(account.tiers, account.stakingPower);
  const tierAfter = tierFor(account.tiers, after);
  const next = account.tiers.find((t) => t.minStakingPower > after);

  function onSubmit(e: FormEvent) {
    e.preventDefault();
    if (parsed.error !== undefined) return setError(parsed.error);
    if (parsed.value > account.unlocked)
      return setError(`You can stake at most ${formatWorx(account.unlocked)}: that is your balance not already staked.`);
    setError(undefined);
    void tx.run(() => sendDao(config, env.chainId, env.me, env.dao.token, worxTokenAbi, "stake", [parsed.value, term]));
  }

  return (
    <form className="card form" onSubmit={onSubmit} noValidate aria-labelledby={`${id}-title`} data-testid="stake-form">
      <h2 id={`${id}-title`}>Stake</h2>
      <div className="field">
        <label htmlFor={`${id}-amount`}>Amount</label>
        <div className="row">
          <input
            id={`${id}-amount`}
            inputMode="decimal"
            placeholder="100"
            value={amount}
            onChange={(e) => {
              setAmount(e.target.value);
              setError(undefined);
            }}
          />
          <span className="unit">WORX</span>
        </div>
        <p className="hint">Available: {formatWorx(account.unlocked)}.</p>
      </div>
      <fieldset className="field">
        <legend>Lock</legend>
        <div className="chips" role="radiogroup">
          {TERMS.map((t) => (
            <label key={t.term} className="chip" aria-pressed={term === t.term}>
              <input type="radio" className="sr-only" name={`${id}-term`} checked={term === t.term} onChange={() => setTerm(t.term)} />
              {t.label} · {t.boostBps / 10_000}× boost
            </label>
          ))}
        </div>
      </fieldset>
      <p className="preview" data-testid="stake-preview">
        {value !== undefined ? (
          <>
            Locked until {dateTime(unlockAt)} ({TERMS[term].days} days, no early exit). Staking power {formatWorx(runningPower)} → {formatWorx(after)}
            {tierAfter
              ? `: fee discount ${percentOfBps(tierAfter.discountBps)}${tierNow && tierNow.discountBps === tierAfter.discountBps ? " (unchanged)" : ""}`
              : ": no fee-discount tier yet"}
            {next ? ` · next tier (${percentOfBps(next.discountBps)}) at ${formatWorx(next.minStakingPower)} of staking power` : ""}.
          </>
        ) : (
          <span className="muted">
            Tiers: {account.tiers.map((t) => `${formatWorx(t.minStakingPower, 0)} → ${percentOfBps(t.discountBps)} off the platform fee`).join(" · ") || "none"}.
          </span>
        )}
      </p>
      {error ? (
        <p className="field-error" role="alert" data-testid="stake-error">
          {error}
        </p>
      ) : null}
      <button type="submit" disabled={tx.busy} data-testid="stake">
        Stake
      </button>
      <TxStatus state={tx.state} label="Stake" testId="stake" />
    </form>
  );
}

function parseWorx(text: string): { value: bigint; error?: undefined } | { value?: undefined; error: string } {
  const s = text.trim();
  if (s === "") return { error: "Enter an amount of WORX." };
  if (!/^(\d+(\.\d*)?|\.\d+)$/.test(s)) return { error: "Enter a number of WORX, like 100 or 12.5." };
  if ((s.split(".")[1] ?? "").length > 18) return { error: "WORX has 18 decimals: use at most 18 digits after the point." };
  const value = parseUnits(s, 18);
  if (value === 0n) return { error: "The amount must be more than zero." };
  return { value };
}

function Positions({ env, account }: { env: Env; account: WorxAccount }) {
  const open = account.positions.filter((p) => p.amount > 0n);
  return (
    <section className="card admin-section" aria-labelledby="positions-title" data-testid="positions">
      <h2 id="positions-title">My positions</h2>
      {open.length === 0 ? (
        <p className="muted" data-testid="no-positions">
          No stake yet.
        </p>
      ) : (
        <ul className="plain-list">
          {open.map((p) => (
            <PositionRow key={p.term} env={env} position={p} />
          ))}
        </ul>
      )}
      {boostOf(account, env.now) ? <p className="hint">Average boost of your running locks: {boostOf(account, env.now)}.</p> : null}
    </section>
  );
}

function PositionRow({ env, position }: { env: Env; position: Position }) {
  const config = useConfig();
  const tx = useEvmTx(env.chainId, { formatWorx: (v) => formatWorx(v) }, env.refresh);
  const t = TERMS[position.term];
  const locked = env.now < position.unlockAt;
  function unstake() {
    if (locked)
      return tx.refuse(
        `This ${t.days}-day stake is locked until ${dateTime(position.unlockAt)} (${countdown(position.unlockAt - env.now)} from now, on chain time): there is no early exit. Unstake it from then on.`,
      );
    void tx.run(() => sendDao(config, env.chainId, env.me, env.dao.token, worxTokenAbi, "unstake", [position.term]));
  }
  return (
    <li className="subpanel" data-testid={`position-${t.days}d`} data-locked={locked}>
      <div className="escrow-head">
        <strong data-testid="position-amount">{formatWorx(position.amount)}</strong>
        <span className="muted">
          {t.label} · {t.boostBps / 10_000}× boost
        </span>
      </div>
      <p className="countdown" data-testid="position-unlock">
        {locked
          ? `Locked until ${dateTime(position.unlockAt)} — ${countdown(position.unlockAt - env.now)} left. Staking power ${formatWorx(powerOf(position.amount, position.term))}.`
          : `Unlocked since ${dateTime(position.unlockAt)}: no staking power any more; unstake to move these WORX again.`}
      </p>
      <button type="button" className={locked ? "secondary refused" : "secondary"} onClick={unstake} disabled={tx.busy} data-testid="unstake">
        Unstake
      </button>
      <TxStatus state={tx.state} label="Unstake" testId={`unstake-${t.days}d`} />
    </li>
  );
}

function Rewards({ env }: { env: Env }) {
  const escrows = useMyEscrows(env.caip2, env.me);
  const badges = useProfileBadges(env.me);
  const rewards = env.dao.rewards;
  const finished = (escrows.data ?? []).filter((e) => e.chainId === env.caip2 && (e.status === "completed" || e.status === "closed"));
  const held = (badges.data?.badges ?? []).filter((b) => b.chainId === env.caip2);
  const r = { chainId: env.chainId as never, address: rewards ?? "0x0000000000000000000000000000000000000000", abi: workRewardsAbi } as const;
  const reads = useReadContracts({
    allowFailure: true,
    contracts: [
      ...finished.flatMap((e) => [
        { ...r, functionName: "isWorkRewardClaimed", args: [e.escrowId] } as const,
        { ...r, functionName: "previewWorkReward", args: [e.escrowId] } as const,
      ]),
      ...held.flatMap((b) => [
        { ...r, functionName: "isBadgeRewardClaimed", args: [b.tokenId] } as const,
        { ...r, functionName: "badgeReward", args: [b.tierId] } as const,
      ]),
    ],
    query: { enabled: !!rewards && finished.length + held.length > 0, refetchInterval: 5_000 },
  });
  if (!rewards) return null;
  const d = reads.data;
  const jobs = finished
    .map((e, i) => {
      const claimed = d?.[2 * i]?.result as boolean | undefined;
      const preview = d?.[2 * i + 1]?.result as readonly [bigint, bigint] | undefined;
      const mine = preview ? (e.freelancer.toLowerCase() === env.me.toLowerCase() ? preview[0] : preview[1]) : undefined;
      return { e, claimed, mine, total: preview ? preview[0] + preview[1] : undefined };
    })
    .filter((j) => j.claimed === false && (j.total ?? 0n) > 0n);
  const offset = 2 * finished.length;
  const badgeRows = held
    .map((b, i) => ({ b, claimed: d?.[offset + 2 * i]?.result as boolean | undefined, amount: d?.[offset + 2 * i + 1]?.result as bigint | undefined }))
    .filter((x) => x.claimed === false && (x.amount ?? 0n) > 0n);
  const refresh = () => {
    void reads.refetch();
    env.refresh();
  };
  return (
    <section className="card admin-section" aria-labelledby="rewards-title" data-testid="rewards">
      <h2 id="rewards-title">WORX rewards to claim</h2>
      <p className="hint">Every completed job mints WORX to its freelancer and a share to its client; anyone may trigger it, once per job.</p>
      {jobs.length === 0 && badgeRows.length === 0 ? (
        <p className="muted" data-testid="no-rewards">
          Nothing to claim now.
        </p>
      ) : (
        <ul className="plain-list">
          {jobs.map((j) => (
            <RewardRow
              key={j.e.id}
              env={env}
              testId={`reward-escrow-${j.e.escrowId}`}
              label={
                <>
                  <a href={escrowHref(env.caip2, j.e.escrowId)}>Escrow #{j.e.escrowId.toString()}</a>: {j.mine !== undefined ? formatWorx(j.mine) : "…"} for you
                </>
              }
              send={(config) => sendDao(config, env.chainId, env.me, rewards, workRewardsAbi, "claimWorkReward", [j.e.escrowId])}
              onConfirmed={refresh}
            />
          ))}
          {badgeRows.map((x) => (
            <RewardRow
              key={x.b.id}
              env={env}
              testId={`reward-badge-${x.b.tokenId}`}
              label={
                <>
                  Badge #{x.b.tokenId.toString()} ({x.b.tier}): {formatWorx(x.amount ?? 0n)}
                </>
              }
              send={(config) => sendDao(config, env.chainId, env.me, rewards, workRewardsAbi, "claimBadgeReward", [x.b.tokenId])}
              onConfirmed={refresh}
            />
          ))}
        </ul>
      )}
    </section>
  );
}

function RewardRow(props: {
  env: Env;
  testId: string;
  label: React.ReactNode;
  send: (config: ReturnType<typeof useConfig>) => Promise<`0x${string}`>;
  onConfirmed: () => void;
}) {
  const config = useConfig();
  const tx = useEvmTx(props.env.chainId, {}, props.onConfirmed);
  return (
    <li className="action-row" data-testid={props.testId}>
      <span>{props.label}</span>
      <button type="button" className="secondary" disabled={tx.busy} onClick={() => void tx.run(() => props.send(config))}>
        Claim
      </button>
      <TxStatus state={tx.state} label="Claim" testId={props.testId} />
    </li>
  );
}
