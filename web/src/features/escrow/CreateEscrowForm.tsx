/**
 * New EVM escrow: freelancer, token (from the escrow's allowlist), 1–50 milestones with an amount
 * and a due date each, the client's review period and the grace period before an undelivered
 * milestone can be reclaimed. Everything is checked here before the wallet is asked; the write is
 * simulated first, so a revert is explained without gas spent.
 */
import { useId, useMemo, useState, type FormEvent } from "react";
import { parseEventLogs, type Address } from "viem";
import { useConfig, useReadContract, useReadContracts } from "wagmi";
import { milestoneEscrowAbi } from "../../../../generated/abis.ts";
import { useChainNow } from "../../chains/clock.ts";
import { escrowAddress, tokenOptions, type TokenOption } from "../../chains/evm.ts";
import { useRefreshEscrows } from "../../indexer/escrows.ts";
import { TxStatus } from "../../tx/TxStatus.tsx";
import { useEvmTx } from "../../tx/useTx.ts";
import { useEvmSession } from "../wallet/useEvmSession.ts";
import { percentOfBps } from "../admin/format.ts";
import { formatAmount, useTokenBalance, useTokenInfo } from "./tokens.ts";
import {
  dateInputValue,
  MAX_GRACE_PERIOD,
  MAX_MILESTONES,
  MAX_REVIEW_PERIOD,
  parseDueDate,
  parsePeriod,
  validateEvmFreelancer,
  validateMilestones,
  type MilestoneErrors,
  type PeriodUnit,
} from "./validation.ts";
import { sendEscrow } from "./write.ts";

interface Errors extends MilestoneErrors {
  freelancer?: string;
  token?: string;
  dueDates: (string | undefined)[];
  review?: string;
  grace?: string;
}

const noErrors: Errors = { amounts: [], dueDates: [] };
const DAY = 86_400;

interface Period {
  value: string;
  unit: PeriodUnit;
}

export function CreateEscrowForm() {
  const { address, connected, chain } = useEvmSession();
  if (!chain) return <p className="notice">No EVM chain has a Worx deployment yet.</p>;
  // Keyed by chain: a chain switch starts a fresh form (tokens, balances and the result are per chain).
  return <CreateEscrowFormOn key={chain.caip2} chainId={chain.chain.id} chainName={chain.info.name} address={address} connected={connected} />;
}

function CreateEscrowFormOn({ chainId, chainName, address, connected }: { chainId: number; chainName: string; address?: Address; connected: boolean }) {
  const config = useConfig();
  const formId = useId();
  const now = useChainNow(chainId);
  const escrow = escrowAddress(chainId);
  const options = useMemo(() => tokenOptions(chainId), [chainId]);
  // The escrow's token allowlist, live: only allowlisted tokens can be chosen.
  const allowlist = useReadContracts({
    allowFailure: true,
    contracts: options.map((o) => ({
      chainId: chainId as never,
      address: escrow,
      abi: milestoneEscrowAbi,
      functionName: "isTokenAllowed" as const,
      args: [o.address] as const,
    })),
    query: { refetchInterval: 15_000 },
  });
  const allowed = (i: number): boolean | undefined => allowlist.data?.[i]?.result as boolean | undefined;
  const [picked, setPicked] = useState<Address>();
  const firstAllowed = options.find((o, i) => !o.native && allowed(i)) ?? options.find((_, i) => allowed(i)) ?? options.find((o) => !o.native) ?? options[0];
  const tokenAddress = picked ?? firstAllowed!.address;
  const tokenAllowed = allowed(options.findIndex((o) => o.address === tokenAddress));
  const [freelancer, setFreelancer] = useState("");
  const [amounts, setAmounts] = useState<string[]>([""]);
  const [dueDates, setDueDates] = useState<string[]>(() => [dateInputValue(now + 14 * DAY)]);
  const [review, setReview] = useState<Period>({ value: "7", unit: "days" });
  const [grace, setGrace] = useState<Period>({ value: "14", unit: "days" });
  const [errors, setErrors] = useState<Errors>(noErrors);
  const [created, setCreated] = useState<bigint | undefined>();
  const token = useTokenInfo(chainId, tokenAddress);
  const balance = useTokenBalance(chainId, tokenAddress, address);
  const refresh = useRefreshEscrows();
  // The fee new escrows get (fixed at creation), live from chain: governance may change it.
  const fee = useReadContract({
    chainId: chainId as never,
    address: escrow,
    abi: milestoneEscrowAbi,
    functionName: "platformFeeBps",
    query: { refetchInterval: 10_000 },
  });
  const format = (v: bigint) => formatAmount(v, token);
  const tx = useEvmTx(chainId, { formatAmount: format }, (receipt) => {
    const [event] = parseEventLogs({ abi: milestoneEscrowAbi, logs: receipt.logs, eventName: "EscrowCreated" });
    setCreated(event?.args.escrowId);
    setFreelancer("");
    setAmounts([""]);
    setDueDates([dateInputValue(now + 14 * DAY)]);
    void refresh();
  });

  const runningTotal = useMemo(() => {
    const r = validateMilestones(amounts, token, undefined, format);
    return r.total;
  }, [amounts, token.decimals, token.symbol]);

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    setCreated(undefined);
    const who = validateEvmFreelancer(freelancer, address);
    const milestones = validateMilestones(amounts, token, balance.value, format);
    const dues = dueDates.map((d) => parseDueDate(d, now));
    const reviewPeriod = parsePeriod(review.value, review.unit, "review");
    const gracePeriod = parsePeriod(grace.value, grace.unit, "grace");
    const next: Errors = {
      ...milestones.errors,
      freelancer: who.error,
      token: tokenAllowed === false ? `${token.symbol} is not on the escrow's token allowlist on ${chainName}: pick another token.` : undefined,
      dueDates: dues.map((d) => d.error),
      review: reviewPeriod.error,
      grace: gracePeriod.error,
    };
    setErrors(next);
    if (who.address === undefined || !milestones.values || next.token || next.dueDates.some(Boolean) || next.review || next.grace) return;
    if (!connected || !address) {
      setErrors({ ...next, total: "Connect your wallet first." });
      return;
    }
    const terms = milestones.values.map((amount, i) => ({ amount, dueDate: Number(dues[i]!.value!) }));
    const hire = who.address;
    await tx.run(() => sendEscrow(config, chainId, address, "createEscrow", [hire, tokenAddress, terms, reviewPeriod.seconds!, gracePeriod.seconds!]));
  }

  const setAmount = (i: number, v: string) => setAmounts((list) => list.map((a, j) => (j === i ? v : a)));
  const setDueDate = (i: number, v: string) => setDueDates((list) => list.map((a, j) => (j === i ? v : a)));
  const addMilestone = () => {
    const last = dueDates[dueDates.length - 1];
    const lastSeconds = last ? parseDueDate(last, 0).value : undefined;
    setAmounts((l) => [...l, ""]);
    setDueDates((l) => [...l, dateInputValue(Math.max(now + 14 * DAY, Number(lastSeconds ?? 0n) + 7 * DAY))]);
  };
  const removeMilestone = (i: number) => {
    setAmounts((l) => l.filter((_, j) => j !== i));
    setDueDates((l) => l.filter((_, j) => j !== i));
  };
  const fieldError = (id: string, message?: string) =>
    message ? (
      <p className="field-error" id={id} data-testid={id}>
        {message}
      </p>
    ) : null;

  return (
    <form className="card form" onSubmit={onSubmit} noValidate aria-labelledby={`${formId}-title`} data-testid="create-escrow-form">
      <h2 id={`${formId}-title`}>New escrow on {chainName}</h2>
      <div className="field">
        <label htmlFor={`${formId}-freelancer`}>Freelancer address</label>
        <input
          id={`${formId}-freelancer`}
          name="freelancer"
          autoComplete="off"
          spellCheck={false}
          placeholder="0x…"
          value={freelancer}
          onChange={(e) => setFreelancer(e.target.value)}
          aria-invalid={!!errors.freelancer}
          aria-describedby={errors.freelancer ? "error-freelancer" : undefined}
        />
        {fieldError("error-freelancer", errors.freelancer)}
      </div>
      <div className="field">
        <label htmlFor={`${formId}-token`}>Token</label>
        <select id={`${formId}-token`} value={tokenAddress} onChange={(e) => setPicked(e.target.value as Address)} aria-invalid={!!errors.token}>
          {options.map((o, i) => (
            <TokenOptionItem key={o.address} chainId={chainId} option={o} allowed={allowed(i)} />
          ))}
        </select>
        {fieldError("error-token", errors.token)}
        {address && balance.value !== undefined && token.ready ? <p className="hint">Your balance: {format(balance.value)}</p> : null}
      </div>
      <fieldset className="milestones">
        <legend>Milestones</legend>
        {amounts.map((amount, i) => (
          <div className="milestone-input" key={i}>
            <div className="row">
              <div className="field grow">
                <label htmlFor={`${formId}-m${i}`}>Milestone {i + 1} amount</label>
                <div className="row">
                  <input
                    id={`${formId}-m${i}`}
                    inputMode="decimal"
                    placeholder="0.00"
                    value={amount}
                    onChange={(e) => setAmount(i, e.target.value)}
                    aria-invalid={!!errors.amounts[i]}
                    aria-describedby={errors.amounts[i] ? `error-amount-${i}` : undefined}
                  />
                  <span className="unit">{token.symbol}</span>
                </div>
              </div>
              <div className="field">
                <label htmlFor={`${formId}-due${i}`}>Milestone {i + 1} due date</label>
                <input
                  id={`${formId}-due${i}`}
                  type="date"
                  value={dueDates[i] ?? ""}
                  min={dateInputValue(now)}
                  onChange={(e) => setDueDate(i, e.target.value)}
                  aria-invalid={!!errors.dueDates[i]}
                  aria-describedby={errors.dueDates[i] ? `error-due-${i}` : undefined}
                />
              </div>
              {amounts.length > 1 ? (
                <button type="button" className="link" aria-label={`Remove milestone ${i + 1}`} onClick={() => removeMilestone(i)}>
                  Remove
                </button>
              ) : null}
            </div>
            {fieldError(`error-amount-${i}`, errors.amounts[i])}
            {fieldError(`error-due-${i}`, errors.dueDates[i])}
          </div>
        ))}
        <button type="button" className="secondary" disabled={amounts.length >= MAX_MILESTONES} onClick={addMilestone}>
          Add milestone
        </button>
        <p className="hint">Due at the end of the chosen day (your time zone). Late deliveries are accepted but count as late in the freelancer's history.</p>
        {fieldError("error-count", errors.count)}
      </fieldset>
      <PeriodField
        id={`${formId}-review`}
        label="Review period"
        period={review}
        onChange={setReview}
        error={errors.review}
        errorId="error-review"
        hint={`How long you have to review each delivery before the freelancer may claim it (1 hour to ${MAX_REVIEW_PERIOD / DAY} days).`}
      />
      <PeriodField
        id={`${formId}-grace`}
        label="Grace period"
        period={grace}
        onChange={setGrace}
        error={errors.grace}
        errorId="error-grace"
        hint={`After a due date, how long the freelancer may still deliver before you can reclaim the milestone (1 hour to ${MAX_GRACE_PERIOD / DAY} days).`}
      />
      <p className="total">
        Total: <strong data-testid="create-total">{runningTotal !== undefined ? format(runningTotal) : "—"}</strong>
      </p>
      {fieldError("error-total", errors.total)}
      {fee.data !== undefined ? (
        <p className="hint" data-testid="create-fee">
          Platform fee: {percentOfBps(fee.data)} of each released milestone, fixed when the escrow is created (less the freelancer's discount, if any).
        </p>
      ) : null}
      <button type="submit" disabled={tx.busy || !token.ready}>
        Create escrow
      </button>
      <TxStatus state={tx.state} label="Create escrow" testId="create" />
      {created !== undefined ? (
        <p className="success" data-testid="created-escrow">
          Escrow #{created.toString()} created. It appears under “My escrows” as soon as the indexer has it.
        </p>
      ) : null}
    </form>
  );
}

function PeriodField(props: { id: string; label: string; period: Period; onChange: (p: Period) => void; error?: string; errorId: string; hint: string }) {
  const { id, label, period, onChange, error, errorId } = props;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <div className="row">
        <input
          id={id}
          inputMode="numeric"
          value={period.value}
          onChange={(e) => onChange({ ...period, value: e.target.value })}
          aria-invalid={!!error}
          aria-describedby={error ? errorId : undefined}
        />
        <select aria-label={`${label} unit`} value={period.unit} onChange={(e) => onChange({ ...period, unit: e.target.value as PeriodUnit })}>
          <option value="hours">hours</option>
          <option value="days">days</option>
        </select>
      </div>
      <p className="hint">{props.hint}</p>
      {error ? (
        <p className="field-error" id={errorId} data-testid={errorId}>
          {error}
        </p>
      ) : null}
    </div>
  );
}

function TokenOptionItem({ chainId, option, allowed }: { chainId: number; option: TokenOption; allowed: boolean | undefined }) {
  const info = useTokenInfo(chainId, option.symbol ? undefined : option.address);
  const label = option.symbol ?? (info.ready ? info.symbol : option.address);
  const text = option.native ? `${label} (native coin)` : label;
  return (
    <option value={option.address} disabled={allowed === false}>
      {allowed === false ? `${text} — not on the allowlist` : text}
    </option>
  );
}
