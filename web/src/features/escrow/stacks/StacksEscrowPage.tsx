/**
 * Escrows on Stacks through @stacks/connect 8 (lazy-loaded with this page), the same actions as on
 * EVM as far as the Clarity contract goes: create (milestones with due dates, review and grace
 * periods), fund, submit, approve, claim after the review period, reclaim after due date + grace,
 * dispute, the arbiter's ruling, settlement by a signed SIP-018 offer (sign, accept, revoke), rate,
 * cancel, withdraw. There is no Stacks indexer yet, so actions name the escrow and milestone by
 * number. Every request goes out in post-condition deny mode (./calls.ts). Badges (badges.clar) are
 * claimed here too, per tier.
 */
import { connect, disconnect, request } from "@stacks/connect";
import { Cl, validateStacksAddress } from "@stacks/transactions";
import { useQuery } from "@tanstack/react-query";
import { lazy, Suspense, useId, useState, type FormEvent } from "react";
import { hexToBytes } from "viem";
import { stacksApiUrl, stacksChainOfAddress, stacksDeploymentFor, stacksDeployments, type StacksDeployment } from "../../../chains/stacks.ts";
import { TxStatus } from "../../../tx/TxStatus.tsx";
import { Field } from "../../../ui/Field.tsx";
import { setStacksAddress, useStacksAddress } from "../../wallet/stacksSession.ts";
import { dateTime, percentOfBps } from "../../admin/format.ts";
import { parsePercent } from "../money.ts";
import { noteToBytes32 } from "../notes.ts";
import { formatAmount } from "../tokens.ts";
import {
  dateInputValue,
  MAX_MILESTONES,
  parseAmount,
  parseDueDate,
  parsePeriod,
  validateMilestones,
  type MilestoneErrors,
  type PeriodUnit,
} from "../validation.ts";
import {
  approveMilestoneCall,
  cancelEscrowCall,
  claimBadgeCall,
  claimMilestoneCall,
  createEscrowCall,
  fundEscrowCall,
  openDisputeCall,
  rateJobCall,
  readEscrow,
  reclaimMilestoneCall,
  resolveDisputeCall,
  revokeSettlementOffersCall,
  settleMilestoneCall,
  submitMilestoneCall,
  withdrawStxCall,
  type CallContractParams,
} from "./calls.ts";
import { explainStacksError } from "./errors.ts";
import { decodeStacksOffer, encodeStacksOffer, settlementDomainCV, settlementMessageCV } from "./offers.ts";
import { useStacksTx } from "./useStacksTx.ts";

const StacksDaoSection = lazy(() => import("../../dao/stacks/StacksDaoSection.tsx"));
const StacksMultisigSection = lazy(() => import("../../admin/stacks/StacksMultisigSection.tsx"));
const StacksDexSection = lazy(() => import("../../dex/stacks/StacksDexSection.tsx"));

const STX = { symbol: "STX", decimals: 6 };
const fmt = (v: bigint) => formatAmount(v, STX);

export default function StacksEscrowPage() {
  const address = useStacksAddress();
  const [connectError, setConnectError] = useState<string>();
  const deployment = address ? stacksDeploymentFor(address) : undefined;

  async function onConnect() {
    setConnectError(undefined);
    try {
      const result = await connect();
      const stx = result.addresses.find((a) => a.symbol === "STX") ?? result.addresses.find((a) => /^S[PMTN]/.test(a.address));
      if (!stx) throw new Error("The wallet shared no Stacks address.");
      setStacksAddress(stx.address);
    } catch (error) {
      setConnectError(explainStacksError(error));
    }
  }

  return (
    <section className="stacks-page" aria-labelledby="stacks-title">
      <h2 id="stacks-title">Escrows on Stacks</h2>
      {stacksDeployments.length === 0 ? (
        <p className="notice" role="alert" data-testid="stacks-disabled">
          Stacks actions are disabled: this build has no Stacks deployment of the escrow contract.
        </p>
      ) : null}
      <div className="card wallet-card">
        {address ? (
          <p>
            Stacks wallet: <code data-testid="stacks-address">{address}</code>{" "}
            <button
              type="button"
              className="link"
              onClick={() => {
                disconnect();
                setStacksAddress(null);
              }}
            >
              Disconnect
            </button>
          </p>
        ) : (
          <button type="button" onClick={onConnect} disabled={stacksDeployments.length === 0}>
            Connect Stacks wallet
          </button>
        )}
        {connectError ? (
          <p className="field-error" role="alert">
            {connectError}
          </p>
        ) : null}
        {address && !deployment && stacksDeployments.length > 0 ? (
          <p className="notice" role="alert">
            Worx has no escrow deployment on {stacksChainOfAddress(address) === "stacks:1" ? "Stacks mainnet" : "Stacks testnet"}: switch accounts in your
            wallet.
          </p>
        ) : null}
      </div>
      {address && deployment ? (
        <>
          <p className="muted">
            Network: {deployment.name} · contract <code>{deployment.escrow}</code>
          </p>
          <StacksCreateForm d={deployment} me={address} />
          <h3 className="section-title">Client and freelancer</h3>
          <div className="grid-2">
            <StacksFundForm d={deployment} me={address} />
            <StacksSubmitForm d={deployment} />
            <MilestoneActionForm
              d={deployment}
              title="Approve a milestone"
              button="Approve and release"
              testId="stacks-approve"
              build={(id, i) => approveMilestoneCall(deployment, id, i)}
            />
            <MilestoneActionForm
              d={deployment}
              title="Claim a milestone"
              button="Claim milestone"
              testId="stacks-claim"
              hint="Freelancer: once the client's review period after your submission has passed without an approval."
              build={(id, i) => claimMilestoneCall(deployment, id, i)}
            />
            <MilestoneActionForm
              d={deployment}
              title="Reclaim a milestone"
              button="Reclaim milestone"
              testId="stacks-reclaim"
              hint="Client: an undelivered milestone, once its due date plus the grace period has passed."
              build={(id, i) => reclaimMilestoneCall(deployment, id, i)}
            />
            <MilestoneActionForm
              d={deployment}
              title="Dispute a milestone"
              button="Open dispute"
              testId="stacks-dispute"
              note={{ label: "Reason (up to 32 characters as text, longer as a hash)", optional: true }}
              hint="Client or freelancer, on a pending or submitted milestone: it then waits for an arbiter's ruling or a settlement."
              build={(id, i, reason) => openDisputeCall(deployment, id, i, hexToBytes(noteToBytes32(reason)))}
            />
            <StacksRateForm d={deployment} />
            <StacksCancelForm d={deployment} />
            <StacksWithdrawForm d={deployment} me={address} />
          </div>
          <h3 className="section-title">Settlement offers</h3>
          <div className="grid-2">
            <StacksOfferForm d={deployment} me={address} />
            <StacksAcceptOfferForm d={deployment} />
            <StacksRevokeForm d={deployment} />
          </div>
          <h3 className="section-title">Arbiters</h3>
          <div className="grid-2">
            <StacksRuleForm d={deployment} />
          </div>
          {deployment.badges ? (
            <>
              <h3 className="section-title">Badges</h3>
              <div className="grid-2">
                <StacksBadgeClaimForm d={deployment} />
              </div>
            </>
          ) : null}
          <Suspense fallback={<p className="muted">Loading the Stacks DAO…</p>}>
            <StacksDaoSection d={deployment} me={address} />
          </Suspense>
          <Suspense fallback={<p className="muted">Loading the Stacks multisig…</p>}>
            <StacksMultisigSection d={deployment} me={address} />
          </Suspense>
          <Suspense fallback={<p className="muted">Loading Stacks creator coins…</p>}>
            <StacksDexSection d={deployment} me={address} />
          </Suspense>
        </>
      ) : null}
    </section>
  );
}

/** Available STX of an address, when a Stacks API is configured for its chain. */
function useStxBalance(d: StacksDeployment, address: string) {
  const api = stacksApiUrl(d.caip2);
  return useQuery({
    queryKey: ["stacks", "balance", d.caip2, address],
    enabled: !!api,
    queryFn: async () => {
      const res = await fetch(`${api!.replace(/\/$/, "")}/extended/v1/address/${address}/stx`);
      if (!res.ok) throw new Error(`Stacks API answered ${res.status}`);
      const body = (await res.json()) as { balance: string; locked?: string };
      return BigInt(body.balance) - BigInt(body.locked ?? "0");
    },
  });
}

/** A whole-number text field (escrow number, milestone number, days); its form parses it on submit. */
function NumberField({ id, label, error, value, onChange }: { id: string; label: string; error?: string; value: string; onChange: (text: string) => void }) {
  return (
    <Field id={id} label={label} error={error}>
      <input id={id} inputMode="numeric" value={value} onChange={(e) => onChange(e.target.value)} />
    </Field>
  );
}

function parseEscrowId(text: string): { value: bigint; error?: undefined } | { error: string; value?: undefined } {
  const s = text.trim();
  if (!/^\d+$/.test(s) || BigInt(s) === 0n) return { error: "Enter the escrow's number (1, 2, …)." };
  return { value: BigInt(s) };
}

function parseMilestoneNumber(text: string): { value: bigint; error?: undefined } | { error: string; value?: undefined } {
  const s = text.trim();
  if (!/^\d+$/.test(s) || Number(s) < 1 || Number(s) > MAX_MILESTONES) return { error: `Enter a milestone number between 1 and ${MAX_MILESTONES}.` };
  return { value: BigInt(Number(s) - 1) };
}

interface Period {
  value: string;
  unit: PeriodUnit;
}

/** The escrow's fee-discount source (create-escrow must pass it), read through the Stacks API when one is configured. */
function useDiscountSource(d: StacksDeployment, me: string) {
  return useQuery({
    queryKey: ["stacks", "discount-source", d.caip2, d.escrow],
    enabled: !!stacksApiUrl(d.caip2),
    queryFn: async () => {
      const v = await readEscrow(d, "get-fee-discount-source", [], me);
      return v && typeof v === "object" && "value" in v ? String((v as { value: unknown }).value) : typeof v === "string" ? v : null;
    },
  });
}

function StacksCreateForm({ d, me }: { d: StacksDeployment; me: string }) {
  const now = Math.floor(Date.now() / 1000);
  const [freelancer, setFreelancer] = useState("");
  const [amounts, setAmounts] = useState<string[]>([""]);
  const [dueDates, setDueDates] = useState<string[]>(() => [dateInputValue(now + 14 * 86_400)]);
  const [review, setReview] = useState<Period>({ value: "7", unit: "days" });
  const [grace, setGrace] = useState<Period>({ value: "14", unit: "days" });
  const [errors, setErrors] = useState<MilestoneErrors & { freelancer?: string; dueDates: (string | undefined)[]; review?: string; grace?: string }>({
    amounts: [],
    dueDates: [],
  });
  const balance = useStxBalance(d, me);
  const source = useDiscountSource(d, me);
  const tx = useStacksTx(d);

  function validateFreelancer(s: string): string | undefined {
    if (s === "") return "Enter the freelancer's Stacks address.";
    if (!validateStacksAddress(s)) return "This is not a Stacks address (it starts with SP or ST).";
    if (stacksChainOfAddress(s) !== d.caip2) return `This address belongs to another Stacks network than ${d.name}.`;
    if (s === me) return "You can't hire yourself: the freelancer must be another account.";
    return undefined;
  }

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    const who = freelancer.trim();
    const freelancerError = validateFreelancer(who);
    const milestones = validateMilestones(amounts, STX, balance.data, fmt);
    // Stacks blocks carry wall-clock time (stacks-block-time): due dates count from now.
    const dues = dueDates.map((v) => parseDueDate(v, Math.floor(Date.now() / 1000)));
    const reviewPeriod = parsePeriod(review.value, review.unit, "review");
    const gracePeriod = parsePeriod(grace.value, grace.unit, "grace");
    setErrors({ ...milestones.errors, freelancer: freelancerError, dueDates: dues.map((x) => x.error), review: reviewPeriod.error, grace: gracePeriod.error });
    if (freelancerError || !milestones.values || dues.some((x) => x.error) || reviewPeriod.error || gracePeriod.error) return;
    const terms = milestones.values.map((amount, i) => ({ amount, dueDate: dues[i]!.value! }));
    await tx.run(createEscrowCall(d, who, terms, reviewPeriod.seconds!, gracePeriod.seconds!, source.data ?? null));
  }

  const addMilestone = () => {
    const last = parseDueDate(dueDates[dueDates.length - 1] ?? "", 0).value;
    setAmounts((l) => [...l, ""]);
    setDueDates((l) => [...l, dateInputValue(Math.max(now + 14 * 86_400, Number(last ?? 0n) + 7 * 86_400))]);
  };

  return (
    <form className="card form" onSubmit={onSubmit} noValidate aria-labelledby="stacks-create-title" data-testid="stacks-create-form">
      <h3 id="stacks-create-title">New STX escrow</h3>
      <Field id="stacks-freelancer" label="Freelancer Stacks address" error={errors.freelancer}>
        <input
          id="stacks-freelancer"
          autoComplete="off"
          spellCheck={false}
          placeholder="ST…"
          value={freelancer}
          onChange={(e) => setFreelancer(e.target.value)}
          aria-invalid={!!errors.freelancer}
          aria-describedby={errors.freelancer ? "stacks-freelancer-error" : undefined}
        />
      </Field>
      <fieldset className="milestones">
        <legend>Milestones (STX)</legend>
        {amounts.map((a, i) => (
          <div className="row milestone-input" key={i}>
            <Field id={`stacks-m${i}`} label={`Milestone ${i + 1} amount`} error={errors.amounts[i]}>
              <div className="row">
                <input
                  id={`stacks-m${i}`}
                  inputMode="decimal"
                  placeholder="0.00"
                  value={a}
                  onChange={(e) => setAmounts((l) => l.map((x, j) => (j === i ? e.target.value : x)))}
                  aria-invalid={!!errors.amounts[i]}
                  aria-describedby={errors.amounts[i] ? `stacks-m${i}-error` : undefined}
                />
                <span className="unit">STX</span>
              </div>
            </Field>
            <Field id={`stacks-due${i}`} label={`Milestone ${i + 1} due date`} error={errors.dueDates[i]}>
              <input
                id={`stacks-due${i}`}
                type="date"
                value={dueDates[i] ?? ""}
                onChange={(e) => setDueDates((l) => l.map((x, j) => (j === i ? e.target.value : x)))}
                aria-invalid={!!errors.dueDates[i]}
              />
            </Field>
            {amounts.length > 1 ? (
              <button
                type="button"
                className="link"
                aria-label={`Remove milestone ${i + 1}`}
                onClick={() => {
                  setAmounts((l) => l.filter((_, j) => j !== i));
                  setDueDates((l) => l.filter((_, j) => j !== i));
                }}
              >
                Remove
              </button>
            ) : null}
          </div>
        ))}
        <button type="button" className="secondary" disabled={amounts.length >= MAX_MILESTONES} onClick={addMilestone}>
          Add milestone
        </button>
        {errors.count ? <p className="field-error">{errors.count}</p> : null}
      </fieldset>
      <div className="grid-2 tight">
        <PeriodInput id="stacks-review" label="Review period" period={review} onChange={setReview} error={errors.review} />
        <PeriodInput id="stacks-grace" label="Grace period" period={grace} onChange={setGrace} error={errors.grace} />
      </div>
      {errors.total ? <p className="field-error">{errors.total}</p> : null}
      {balance.data !== undefined ? <p className="hint">Your available balance: {fmt(balance.data)}</p> : null}
      {source.data ? <p className="hint">Fee discounts are read from {source.data} (passed to the contract with the call).</p> : null}
      <p className="hint">Creating moves no funds: the wallet is told to refuse any transfer (post-condition deny mode).</p>
      <button type="submit" disabled={tx.busy}>
        Create STX escrow
      </button>
      <TxStatus state={tx.state} label="Create escrow on Stacks" testId="stacks-create" />
    </form>
  );
}

function PeriodInput({ id, label, period, onChange, error }: { id: string; label: string; period: Period; onChange: (p: Period) => void; error?: string }) {
  return (
    <Field id={id} label={label} error={error}>
      <div className="row">
        <input id={id} inputMode="numeric" value={period.value} onChange={(e) => onChange({ ...period, value: e.target.value })} aria-invalid={!!error} />
        <select aria-label={`${label} unit`} value={period.unit} onChange={(e) => onChange({ ...period, unit: e.target.value as PeriodUnit })}>
          <option value="hours">hours</option>
          <option value="days">days</option>
        </select>
      </div>
    </Field>
  );
}

function StacksFundForm({ d, me }: { d: StacksDeployment; me: string }) {
  const ids = useId();
  const [escrowId, setEscrowId] = useState("");
  const [total, setTotal] = useState("");
  const [errors, setErrors] = useState<{ id?: string; total?: string }>({});
  const balance = useStxBalance(d, me);
  const tx = useStacksTx(d);
  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    const id = parseEscrowId(escrowId);
    const amount = parseAmount(total, STX.decimals, STX.symbol);
    const next = { id: id.error, total: amount.error };
    if (amount.value !== undefined && balance.data !== undefined && balance.data < amount.value)
      next.total = `Your available balance (${fmt(balance.data)}) is below ${fmt(amount.value)}.`;
    setErrors(next);
    if (next.id || next.total) return;
    await tx.run(fundEscrowCall(d, me, id.value!, amount.value!));
  }
  return (
    <form className="card form" onSubmit={onSubmit} noValidate aria-label="Fund a Stacks escrow">
      <h3>Fund an escrow</h3>
      <NumberField id={`${ids}-id`} label="Escrow number" error={errors.id} value={escrowId} onChange={setEscrowId} />
      <Field
        id={`${ids}-total`}
        label="Escrow total (STX)"
        error={errors.total}
        hint="Your wallet will let exactly this amount leave your account, nothing more."
      >
        <input id={`${ids}-total`} inputMode="decimal" value={total} onChange={(e) => setTotal(e.target.value)} />
      </Field>
      <button type="submit" disabled={tx.busy}>
        Fund STX escrow
      </button>
      <TxStatus state={tx.state} label="Fund on Stacks" testId="stacks-fund" />
    </form>
  );
}

const deliverableBytes = (text: string): Uint8Array => hexToBytes(noteToBytes32(text));

function StacksSubmitForm({ d }: { d: StacksDeployment }) {
  const ids = useId();
  const [escrowId, setEscrowId] = useState("");
  const [milestone, setMilestone] = useState("1");
  const [deliverable, setDeliverable] = useState("");
  const [errors, setErrors] = useState<{ id?: string; milestone?: string }>({});
  const tx = useStacksTx(d);
  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    const id = parseEscrowId(escrowId);
    const index = parseMilestoneNumber(milestone);
    setErrors({ id: id.error, milestone: index.error });
    if (id.error || index.error) return;
    await tx.run(submitMilestoneCall(d, id.value!, index.value!, deliverableBytes(deliverable)));
  }
  return (
    <form className="card form" onSubmit={onSubmit} noValidate aria-label="Submit a Stacks milestone">
      <h3>Submit a milestone</h3>
      <NumberField id={`${ids}-id`} label="Escrow number" error={errors.id} value={escrowId} onChange={setEscrowId} />
      <NumberField id={`${ids}-m`} label="Milestone number" error={errors.milestone} value={milestone} onChange={setMilestone} />
      <Field id={`${ids}-d`} label="Deliverable (link or hash, optional)">
        <input id={`${ids}-d`} value={deliverable} onChange={(e) => setDeliverable(e.target.value)} />
      </Field>
      <button type="submit" disabled={tx.busy}>
        Submit milestone
      </button>
      <TxStatus state={tx.state} label="Submit on Stacks" testId="stacks-submit" />
    </form>
  );
}

interface MilestoneActionProps {
  d: StacksDeployment;
  title: string;
  button: string;
  testId: string;
  hint?: string;
  /** An extra text field (a dispute's reason). */
  note?: { label: string; optional: boolean };
  build: (escrowId: bigint, index: bigint, note: string) => CallContractParams;
}

/** An action on one milestone, named by escrow and milestone number (no Stacks indexer yet). */
function MilestoneActionForm({ d, title, button, testId, hint, note, build }: MilestoneActionProps) {
  const ids = useId();
  const [escrowId, setEscrowId] = useState("");
  const [milestone, setMilestone] = useState("1");
  const [text, setText] = useState("");
  const [errors, setErrors] = useState<{ id?: string; milestone?: string }>({});
  const tx = useStacksTx(d);
  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    const id = parseEscrowId(escrowId);
    const index = parseMilestoneNumber(milestone);
    setErrors({ id: id.error, milestone: index.error });
    if (id.error || index.error) return;
    await tx.run(build(id.value!, index.value!, text));
  }
  return (
    <form className="card form" onSubmit={onSubmit} noValidate aria-label={title}>
      <h3>{title}</h3>
      <NumberField id={`${ids}-id`} label="Escrow number" error={errors.id} value={escrowId} onChange={setEscrowId} />
      <NumberField id={`${ids}-m`} label="Milestone number" error={errors.milestone} value={milestone} onChange={setMilestone} />
      {note ? (
        <Field id={`${ids}-note`} label={note.label}>
          <input id={`${ids}-note`} value={text} onChange={(e) => setText(e.target.value)} />
        </Field>
      ) : null}
      {hint ? <p className="hint">{hint}</p> : null}
      <button type="submit" disabled={tx.busy}>
        {button}
      </button>
      <TxStatus state={tx.state} label={`${title} on Stacks`} testId={testId} />
    </form>
  );
}

function StacksRateForm({ d }: { d: StacksDeployment }) {
  const ids = useId();
  const [escrowId, setEscrowId] = useState("");
  const [rating, setRating] = useState("5");
  const [errors, setErrors] = useState<{ id?: string; rating?: string }>({});
  const tx = useStacksTx(d);
  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    const id = parseEscrowId(escrowId);
    const stars = /^[1-5]$/.test(rating.trim()) ? Number(rating) : undefined;
    setErrors({ id: id.error, rating: stars === undefined ? "A rating is 1 to 5 stars." : undefined });
    if (id.error || stars === undefined) return;
    await tx.run(rateJobCall(d, id.value!, stars));
  }
  return (
    <form className="card form" onSubmit={onSubmit} noValidate aria-label="Rate a Stacks job">
      <h3>Rate a finished job</h3>
      <NumberField id={`${ids}-id`} label="Escrow number" error={errors.id} value={escrowId} onChange={setEscrowId} />
      <Field id={`${ids}-r`} label="Rating (1 to 5 stars)" error={errors.rating}>
        <select id={`${ids}-r`} value={rating} onChange={(e) => setRating(e.target.value)}>
          {[5, 4, 3, 2, 1].map((n) => (
            <option key={n} value={n}>
              {"★".repeat(n)} ({n})
            </option>
          ))}
        </select>
      </Field>
      <p className="hint">Client only, once, after every milestone is settled.</p>
      <button type="submit" disabled={tx.busy}>
        Rate job
      </button>
      <TxStatus state={tx.state} label="Rate on Stacks" testId="stacks-rate" />
    </form>
  );
}

function StacksCancelForm({ d }: { d: StacksDeployment }) {
  const ids = useId();
  const [escrowId, setEscrowId] = useState("");
  const [error, setError] = useState<string>();
  const tx = useStacksTx(d);
  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    const id = parseEscrowId(escrowId);
    setError(id.error);
    if (id.error) return;
    await tx.run(cancelEscrowCall(d, id.value!));
  }
  return (
    <form className="card form" onSubmit={onSubmit} noValidate aria-label="Cancel a Stacks escrow">
      <h3>Cancel an unfunded escrow</h3>
      <NumberField id={`${ids}-id`} label="Escrow number" error={error} value={escrowId} onChange={setEscrowId} />
      <button type="submit" className="secondary" disabled={tx.busy}>
        Cancel escrow
      </button>
      <TxStatus state={tx.state} label="Cancel on Stacks" testId="stacks-cancel" />
    </form>
  );
}

/** The arbiter rules a disputed milestone: the freelancer's share in percent (the contract checks the role). */
function StacksRuleForm({ d }: { d: StacksDeployment }) {
  const ids = useId();
  const [escrowId, setEscrowId] = useState("");
  const [milestone, setMilestone] = useState("1");
  const [share, setShare] = useState("");
  const [errors, setErrors] = useState<{ id?: string; milestone?: string; share?: string }>({});
  const tx = useStacksTx(d);
  const parsed = parsePercent(share);
  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    const id = parseEscrowId(escrowId);
    const index = parseMilestoneNumber(milestone);
    setErrors({ id: id.error, milestone: index.error, share: parsed.error });
    if (id.error || index.error || parsed.bps === undefined) return;
    await tx.run(resolveDisputeCall(d, id.value!, index.value!, parsed.bps));
  }
  return (
    <form className="card form" onSubmit={onSubmit} noValidate aria-label="Rule a Stacks dispute">
      <h3>Rule a dispute</h3>
      <NumberField id={`${ids}-id`} label="Escrow number" error={errors.id} value={escrowId} onChange={setEscrowId} />
      <NumberField id={`${ids}-m`} label="Milestone number" error={errors.milestone} value={milestone} onChange={setMilestone} />
      <Field id={`${ids}-s`} label="Freelancer's share (%)" error={errors.share}>
        <input id={`${ids}-s`} inputMode="decimal" value={share} onChange={(e) => setShare(e.target.value)} />
      </Field>
      <p className="hint">
        Only accounts holding the escrow's “arbiter” role, never on their own escrows. The platform fee comes out of the freelancer's share; the rest goes back
        to the client. Final.
      </p>
      <button type="submit" disabled={tx.busy}>
        Rule {parsed.bps !== undefined ? `${percentOfBps(parsed.bps)} to the freelancer` : "split"}
      </button>
      <TxStatus state={tx.state} label="Rule on Stacks" testId="stacks-rule" />
    </form>
  );
}

/** Sign a settlement offer (SIP-018 structured data) in the wallet: no transaction; share the offer text. */
function StacksOfferForm({ d, me }: { d: StacksDeployment; me: string }) {
  const ids = useId();
  const [escrowId, setEscrowId] = useState("");
  const [milestone, setMilestone] = useState("1");
  const [share, setShare] = useState("");
  const [nonce, setNonce] = useState("");
  const [days, setDays] = useState("7");
  const [errors, setErrors] = useState<{ id?: string; milestone?: string; share?: string; nonce?: string; days?: string; sign?: string }>({});
  const [offer, setOffer] = useState<string>();
  const [signing, setSigning] = useState(false);
  const api = !!stacksApiUrl(d.caip2);
  const parsed = parsePercent(share);

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    setOffer(undefined);
    const id = parseEscrowId(escrowId);
    const index = parseMilestoneNumber(milestone);
    const validity = /^\d+$/.test(days.trim()) && Number(days) >= 1 && Number(days) <= 90 ? Number(days) : undefined;
    const typedNonce = nonce.trim() === "" ? undefined : /^\d+$/.test(nonce.trim()) ? BigInt(nonce.trim()) : null;
    const next = {
      id: id.error,
      milestone: index.error,
      share: parsed.error,
      days: validity === undefined ? "Enter a whole number of days from 1 to 90." : undefined,
      nonce:
        typedNonce === null || (typedNonce === undefined && !api)
          ? "Enter your offer number: (get-nonce you), 0 unless you revoked offers or one was used."
          : undefined,
    };
    setErrors(next);
    if (next.id || next.milestone || next.share || next.days || next.nonce) return;
    setSigning(true);
    try {
      const current = typedNonce ?? BigInt(String(await readEscrow(d, "get-nonce", [Cl.principal(me)], me)));
      const terms = {
        escrowId: id.value!,
        index: index.value!,
        freelancerBps: parsed.bps!,
        nonce: current,
        deadline: BigInt(Math.floor(Date.now() / 1000) + validity! * 86_400),
      };
      const signed = await request("stx_signStructuredMessage", { domain: settlementDomainCV(d), message: settlementMessageCV(d, terms) });
      setOffer(encodeStacksOffer({ ...terms, signer: me, signature: hexToBytes(`0x${signed.signature.replace(/^0x/, "")}`) }));
    } catch (error) {
      setErrors({ sign: explainStacksError(error) });
    } finally {
      setSigning(false);
    }
  }

  return (
    <form className="card form" onSubmit={onSubmit} noValidate aria-label="Offer a Stacks settlement" data-testid="stacks-offer-form">
      <h3>Offer a settlement</h3>
      <NumberField id={`${ids}-id`} label="Escrow number" error={errors.id} value={escrowId} onChange={setEscrowId} />
      <NumberField id={`${ids}-m`} label="Milestone number" error={errors.milestone} value={milestone} onChange={setMilestone} />
      <Field id={`${ids}-s`} label="Freelancer's share (%)" error={errors.share}>
        <input id={`${ids}-s`} inputMode="decimal" value={share} onChange={(e) => setShare(e.target.value)} />
      </Field>
      <NumberField id={`${ids}-d`} label="Offer valid for (days)" error={errors.days} value={days} onChange={setDays} />
      <Field
        id={`${ids}-n`}
        label={api ? "Your offer number (blank: read from the chain)" : "Your offer number"}
        error={errors.nonce}
        hint="The contract's (get-nonce you): 0 unless you revoked your offers or one of them was used."
      >
        <input id={`${ids}-n`} inputMode="numeric" value={nonce} onChange={(e) => setNonce(e.target.value)} />
      </Field>
      <p className="hint">
        You sign the offer in your wallet (SIP-018, no transaction). The other party accepts it by pasting the offer text into “Accept an offer”.
      </p>
      <button type="submit" disabled={signing}>
        Sign offer
      </button>
      {errors.sign ? (
        <p className="field-error" role="alert">
          {errors.sign}
        </p>
      ) : null}
      {offer ? (
        <Field id={`${ids}-o`} label="Signed. Send this offer text to the other party:">
          <input id={`${ids}-o`} readOnly value={offer} data-testid="stacks-offer" onFocus={(e) => e.currentTarget.select()} />
        </Field>
      ) : null}
    </form>
  );
}

/** Accept the other party's offer: `settle-milestone` with its signature. */
function StacksAcceptOfferForm({ d }: { d: StacksDeployment }) {
  const ids = useId();
  const [text, setText] = useState("");
  const [error, setError] = useState<string>();
  const tx = useStacksTx(d);
  const decoded = text.trim() ? decodeStacksOffer(text) : undefined;
  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    if (!decoded?.offer) return setError(decoded?.error ?? "Paste the offer text the other party sent you.");
    if (Number(decoded.offer.deadline) < Date.now() / 1000) return setError(`This offer expired at ${dateTime(decoded.offer.deadline)}: ask for a new one.`);
    setError(undefined);
    await tx.run(settleMilestoneCall(d, decoded.offer));
  }
  return (
    <form className="card form" onSubmit={onSubmit} noValidate aria-label="Accept a Stacks settlement offer">
      <h3>Accept an offer</h3>
      <Field id={`${ids}-o`} label="Offer text" error={error}>
        <input id={`${ids}-o`} value={text} onChange={(e) => setText(e.target.value)} spellCheck={false} />
      </Field>
      {decoded?.offer ? (
        <p className="hint" data-testid="stacks-offer-summary">
          Escrow #{decoded.offer.escrowId.toString()}, milestone {Number(decoded.offer.index) + 1}: {percentOfBps(decoded.offer.freelancerBps)} to the
          freelancer, offered by <code>{decoded.offer.signer}</code>, valid until {dateTime(decoded.offer.deadline)}.
        </p>
      ) : null}
      <p className="hint">The platform fee comes out of the freelancer's share; the rest of the milestone goes back to the client. Final.</p>
      <button type="submit" disabled={tx.busy}>
        Accept and settle
      </button>
      <TxStatus state={tx.state} label="Settle on Stacks" testId="stacks-settle" />
    </form>
  );
}

function StacksRevokeForm({ d }: { d: StacksDeployment }) {
  const tx = useStacksTx(d);
  return (
    <form
      className="card form"
      onSubmit={(e) => {
        e.preventDefault();
        void tx.run(revokeSettlementOffersCall(d));
      }}
      aria-label="Revoke Stacks settlement offers"
    >
      <h3>Revoke your offers</h3>
      <p className="hint">Voids every settlement offer you signed and that was not used yet, in every escrow: your offer number moves on.</p>
      <button type="submit" className="secondary danger" disabled={tx.busy}>
        Revoke all my offers
      </button>
      <TxStatus state={tx.state} label="Revoke offers on Stacks" testId="stacks-revoke" />
    </form>
  );
}

function StacksWithdrawForm({ d, me }: { d: StacksDeployment; me: string }) {
  const ids = useId();
  const [amount, setAmount] = useState("");
  const [error, setError] = useState<string>();
  const tx = useStacksTx(d);
  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    const parsed = parseAmount(amount, STX.decimals, STX.symbol);
    setError(parsed.error);
    if (parsed.value === undefined) return;
    await tx.run(withdrawStxCall(d, parsed.value));
  }
  return (
    <form className="card form" onSubmit={onSubmit} noValidate aria-label="Withdraw STX credits">
      <h3>Withdraw STX credits</h3>
      <Field
        id={`${ids}-a`}
        label="Your credit (STX)"
        error={error}
        hint={`The escrow may send exactly this amount to ${me.slice(0, 6)}…; a different credit aborts the transaction and moves nothing.`}
      >
        <input id={`${ids}-a`} inputMode="decimal" value={amount} onChange={(e) => setAmount(e.target.value)} />
      </Field>
      <button type="submit" disabled={tx.busy}>
        Withdraw STX
      </button>
      <TxStatus state={tx.state} label="Withdraw on Stacks" testId="stacks-withdraw" />
    </form>
  );
}

const BADGE_TIERS = ["Bronze", "Silver", "Gold", "Platinum", "Verified"] as const;

/** Claim a badge tier on Stacks: the contract checks the caller's work history on this network. */
function StacksBadgeClaimForm({ d }: { d: StacksDeployment }) {
  const ids = useId();
  const [tier, setTier] = useState("1");
  const tx = useStacksTx(d);
  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    await tx.run(claimBadgeCall(d, Number(tier)));
  }
  return (
    <form className="card form" onSubmit={onSubmit} noValidate aria-label="Claim a Stacks badge">
      <h3>Claim a badge</h3>
      <Field id={`${ids}-tier`} label="Tier">
        <select id={`${ids}-tier`} value={tier} onChange={(e) => setTier(e.target.value)}>
          {BADGE_TIERS.map((name, i) => (
            <option key={name} value={i + 1}>
              {name}
            </option>
          ))}
        </select>
      </Field>
      <p className="hint">
        Freelancer: once your completed jobs and client satisfaction on this network meet the tier's criteria (by default Bronze needs 10 jobs and 95%), plus an attester's X
        verification or vetting for some tiers. Each tier once per account; the badge is minted to you and nothing else moves. Contract{" "}
        <code>{d.badges}</code>.
      </p>
      <button type="submit" disabled={tx.busy}>
        Claim badge
      </button>
      <TxStatus state={tx.state} label="Claim a badge on Stacks" testId="stacks-claim-badge" />
    </form>
  );
}
