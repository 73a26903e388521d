/**
 * Escrows on Stacks through @stacks/connect 8 (lazy-loaded with this page). STX escrows: create,
 * fund, submit, approve, withdraw. Every request goes out in post-condition deny mode (./calls.ts).
 */
import { connect, disconnect } from "@stacks/connect";
import { validateStacksAddress } from "@stacks/transactions";
import { useQuery } from "@tanstack/react-query";
import { useId, useState, type FormEvent, type ReactNode } from "react";
import { keccak256, toBytes, hexToBytes } from "viem";
import { stacksApiUrl, stacksChainOfAddress, stacksDeploymentFor, stacksDeployments, type StacksDeployment } from "../../../chains/stacks.ts";
import { TxStatus } from "../../../tx/TxStatus.tsx";
import { setStacksAddress, useStacksAddress } from "../../wallet/stacksSession.ts";
import { formatAmount } from "../tokens.ts";
import { MAX_MILESTONES, parseAmount, validateMilestones, type MilestoneErrors } from "../validation.ts";
import { approveMilestoneCall, createEscrowCall, fundEscrowCall, submitMilestoneCall, withdrawStxCall } from "./calls.ts";
import { explainStacksError } from "./errors.ts";
import { useStacksTx } from "./useStacksTx.ts";

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
            Worx has no escrow deployment on {stacksChainOfAddress(address) === "stacks:1" ? "Stacks mainnet" : "Stacks testnet"}: switch accounts in your wallet.
          </p>
        ) : null}
      </div>
      {address && deployment ? (
        <>
          <p className="muted">
            Network: {deployment.name} · contract <code>{deployment.escrow}</code>
          </p>
          <StacksCreateForm d={deployment} me={address} />
          <div className="grid-2">
            <StacksFundForm d={deployment} me={address} />
            <StacksSubmitForm d={deployment} />
            <StacksApproveForm d={deployment} />
            <StacksWithdrawForm d={deployment} me={address} />
          </div>
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

function Field({ id, label, error, children, hint }: { id: string; label: string; error?: string; hint?: string; children: ReactNode }) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {children}
      {hint ? <p className="hint">{hint}</p> : null}
      {error ? (
        <p className="field-error" id={`${id}-error`} data-testid={`${id}-error`}>
          {error}
        </p>
      ) : null}
    </div>
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

function StacksCreateForm({ d, me }: { d: StacksDeployment; me: string }) {
  const [freelancer, setFreelancer] = useState("");
  const [amounts, setAmounts] = useState<string[]>([""]);
  const [errors, setErrors] = useState<MilestoneErrors & { freelancer?: string }>({ amounts: [] });
  const balance = useStxBalance(d, me);
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
    setErrors({ ...milestones.errors, freelancer: freelancerError });
    if (freelancerError || !milestones.values) return;
    await tx.run(createEscrowCall(d, who, milestones.values));
  }

  return (
    <form className="card form" onSubmit={onSubmit} noValidate aria-labelledby="stacks-create-title" data-testid="stacks-create-form">
      <h3 id="stacks-create-title">New STX escrow</h3>
      <Field id="stacks-freelancer" label="Freelancer Stacks address" error={errors.freelancer}>
        <input id="stacks-freelancer" autoComplete="off" spellCheck={false} placeholder="ST…" value={freelancer} onChange={(e) => setFreelancer(e.target.value)} aria-invalid={!!errors.freelancer} aria-describedby={errors.freelancer ? "stacks-freelancer-error" : undefined} />
      </Field>
      <fieldset className="milestones">
        <legend>Milestones (STX)</legend>
        {amounts.map((a, i) => (
          <Field key={i} id={`stacks-m${i}`} label={`Milestone ${i + 1} amount`} error={errors.amounts[i]}>
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
              {amounts.length > 1 ? (
                <button type="button" className="link" aria-label={`Remove milestone ${i + 1}`} onClick={() => setAmounts((l) => l.filter((_, j) => j !== i))}>
                  Remove
                </button>
              ) : null}
            </div>
          </Field>
        ))}
        <button type="button" className="secondary" disabled={amounts.length >= MAX_MILESTONES} onClick={() => setAmounts((l) => [...l, ""])}>
          Add milestone
        </button>
        {errors.count ? <p className="field-error">{errors.count}</p> : null}
      </fieldset>
      {errors.total ? <p className="field-error">{errors.total}</p> : null}
      {balance.data !== undefined ? <p className="hint">Your available balance: {fmt(balance.data)}</p> : null}
      <p className="hint">Creating moves no funds: the wallet is told to refuse any transfer (post-condition deny mode).</p>
      <button type="submit" disabled={tx.busy}>
        Create STX escrow
      </button>
      <TxStatus state={tx.state} label="Create escrow on Stacks" testId="stacks-create" />
    </form>
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
      <Field id={`${ids}-id`} label="Escrow number" error={errors.id}>
        <input id={`${ids}-id`} inputMode="numeric" value={escrowId} onChange={(e) => setEscrowId(e.target.value)} />
      </Field>
      <Field id={`${ids}-total`} label="Escrow total (STX)" error={errors.total} hint="Your wallet will let exactly this amount leave your account, nothing more.">
        <input id={`${ids}-total`} inputMode="decimal" value={total} onChange={(e) => setTotal(e.target.value)} />
      </Field>
      <button type="submit" disabled={tx.busy}>
        Fund STX escrow
      </button>
      <TxStatus state={tx.state} label="Fund on Stacks" testId="stacks-fund" />
    </form>
  );
}

function deliverableBytes(text: string): Uint8Array {
  const s = text.trim();
  if (/^0x[0-9a-fA-F]{64}$/.test(s)) return hexToBytes(s as `0x${string}`);
  return s === "" ? new Uint8Array(32) : hexToBytes(keccak256(toBytes(s)));
}

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
      <Field id={`${ids}-id`} label="Escrow number" error={errors.id}>
        <input id={`${ids}-id`} inputMode="numeric" value={escrowId} onChange={(e) => setEscrowId(e.target.value)} />
      </Field>
      <Field id={`${ids}-m`} label="Milestone number" error={errors.milestone}>
        <input id={`${ids}-m`} inputMode="numeric" value={milestone} onChange={(e) => setMilestone(e.target.value)} />
      </Field>
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

function StacksApproveForm({ d }: { d: StacksDeployment }) {
  const ids = useId();
  const [escrowId, setEscrowId] = useState("");
  const [milestone, setMilestone] = useState("1");
  const [errors, setErrors] = useState<{ id?: string; milestone?: string }>({});
  const tx = useStacksTx(d);
  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    const id = parseEscrowId(escrowId);
    const index = parseMilestoneNumber(milestone);
    setErrors({ id: id.error, milestone: index.error });
    if (id.error || index.error) return;
    await tx.run(approveMilestoneCall(d, id.value!, index.value!));
  }
  return (
    <form className="card form" onSubmit={onSubmit} noValidate aria-label="Approve a Stacks milestone">
      <h3>Approve a milestone</h3>
      <Field id={`${ids}-id`} label="Escrow number" error={errors.id}>
        <input id={`${ids}-id`} inputMode="numeric" value={escrowId} onChange={(e) => setEscrowId(e.target.value)} />
      </Field>
      <Field id={`${ids}-m`} label="Milestone number" error={errors.milestone}>
        <input id={`${ids}-m`} inputMode="numeric" value={milestone} onChange={(e) => setMilestone(e.target.value)} />
      </Field>
      <button type="submit" disabled={tx.busy}>
        Approve and release
      </button>
      <TxStatus state={tx.state} label="Approve on Stacks" testId="stacks-approve" />
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
      <Field id={`${ids}-a`} label="Your credit (STX)" error={error} hint={`The escrow may send exactly this amount to ${me.slice(0, 6)}…; a different credit aborts the transaction and moves nothing.`}>
        <input id={`${ids}-a`} inputMode="decimal" value={amount} onChange={(e) => setAmount(e.target.value)} />
      </Field>
      <button type="submit" disabled={tx.busy}>
        Withdraw STX
      </button>
      <TxStatus state={tx.state} label="Withdraw on Stacks" testId="stacks-withdraw" />
    </form>
  );
}
