/**
 * "Stacks multisig": the Clarity multisig (clarity/contracts/multisig.clar) on the #/stacks page
 * (lazy-loaded there): propose each typed action with validated fields and the operation id the
 * contract will derive (computed here, exactly), approve, approve cancelling, queue, execute with
 * the execute* function of the action (transfers with exact deny-mode post-conditions), and the
 * guardian's pause. There is no Stacks indexer yet, so it works from the chain: with a Stacks API
 * configured the operation's state, approvals and eta are read (with a countdown); without one
 * ids and numbers are typed. Contract errors are explained by explainClarityResult.
 */
import { useQuery } from "@tanstack/react-query";
import { useEffect, useId, useMemo, useState, type FormEvent } from "react";
import { stacksApiUrl, type StacksDeployment } from "../../../chains/stacks.ts";
import { TxStatus } from "../../../tx/TxStatus.tsx";
import { Field, TextField } from "../../../ui/Field.tsx";
import { useStacksTx } from "../../escrow/stacks/useStacksTx.ts";
import { formatAmount } from "../../escrow/tokens.ts";
import { parseAmount } from "../../escrow/validation.ts";
import { countdown, dateTime, humanDuration, percentOfBps } from "../format.ts";
import {
  ACTION_KINDS,
  approveCall,
  approveCancelCall,
  checkAssetName,
  checkContract,
  checkFeePercent,
  checkNonce,
  checkOperationId,
  checkPayload,
  checkPrincipal,
  checkRecipient,
  CLASS,
  ESCROW_MAX_FEE_BPS,
  executeCall,
  executorOf,
  guardianPauseCall,
  MAX_DELAY,
  MIN_DELAY,
  operationId,
  planOf,
  planOfView,
  proposeCall,
  queueCall,
  readOperation,
  ROLES,
  type Action,
  type ActionKind,
  type CallContractParams,
  type ExecutePlan,
  type Principal,
  type StacksMultisig,
} from "./calls.ts";
import { stacksMultisigFor } from "./deployment.ts";

interface Props {
  d: StacksDeployment;
  me: string;
}

const STX = { symbol: "STX", decimals: 6 };
const GRACE_PERIOD = 14 * 86_400;

/** What the page remembers of the last operation proposed here, to approve / queue / execute it. */
interface Current {
  id: `0x${string}`;
  kind: ActionKind;
  plan: ExecutePlan;
}

const LABELS: Record<ActionKind, string> = {
  "set-platform-fee": "Set the platform fee",
  "set-fee-recipient": "Set the fee recipient",
  "grant-role": "Grant a role",
  "revoke-role": "Revoke a role",
  "set-fee-discount-source": "Set the fee-discount source",
  "set-token-allowed": "Allow or disallow a token",
  unpause: "Unpause a contract",
  "transfer-stx": "Send STX from the multisig",
  "transfer-ft": "Send a SIP-010 token from the multisig",
  call: "Call an action contract",
  "add-owner": "Add an owner",
  "remove-owner": "Remove an owner",
  "set-threshold": "Set a class threshold",
  "set-delay": "Set a class timelock delay",
  "configure-class": "Classify an action (critical / routine)",
  "set-pausable-target": "Allow the guardian to pause a contract",
  "set-guardian": "Set the guardian",
};

export default function StacksMultisigSection({ d, me }: Props) {
  const m = stacksMultisigFor(d);
  const [current, setCurrent] = useState<Current>();
  if (!m) {
    return (
      <p className="notice" data-testid="stacks-multisig-disabled">
        This build has no Stacks deployment of the multisig on {d.name}.
      </p>
    );
  }
  const api = stacksApiUrl(d.caip2);
  const props = { d, m, me, api, current };
  return (
    <section aria-labelledby="stacks-multisig-title" data-testid="stacks-multisig">
      <h3 id="stacks-multisig-title" className="section-title">
        Stacks multisig
      </h3>
      <p className="muted">
        Multisig <code>{m.multisig}</code> administers the escrow <code>{m.escrow}</code>: owners propose typed operations, approve them up to the class threshold,
        anyone queues and, after the timelock, executes them.{" "}
        {api
          ? "Operation states, approvals and etas are read from the Stacks API."
          : "No Stacks API is configured for this network: operations are named by the id shown when they were proposed, and their state is not shown."}
      </p>
      <div className="grid-2">
        <ProposeForm {...props} onProposed={setCurrent} />
        <OperationForm {...props} />
        <ExecuteForm {...props} />
        <GuardianPauseForm {...props} />
      </div>
    </section>
  );
}

interface FormProps extends Props {
  m: StacksMultisig;
  api: string | undefined;
  current: Current | undefined;
}

function Check({ label, checked, onChange }: { label: string; checked: boolean; onChange: (v: boolean) => void }) {
  return (
    <label className="checkbox">
      <input type="checkbox" checked={checked} onChange={(e) => onChange(e.target.checked)} /> {label}
    </label>
  );
}

// ------------------------------------------------------------------ propose

type Values = Record<string, string>;
type Errors = Record<string, string | undefined>;

/** The input fields each action takes (besides the nonce). */
const FIELDS: Record<ActionKind, string[]> = {
  "set-platform-fee": ["target", "fee"],
  "set-fee-recipient": ["target", "recipient"],
  "grant-role": ["target", "role", "account"],
  "revoke-role": ["target", "role", "account"],
  "set-fee-discount-source": ["target", "source"],
  "set-token-allowed": ["target", "token", "allowed"],
  unpause: ["target"],
  "transfer-stx": ["recipient", "amount"],
  "transfer-ft": ["token", "assetName", "decimals", "recipient", "amount"],
  call: ["target", "payload"],
  "add-owner": ["owner"],
  "remove-owner": ["owner"],
  "set-threshold": ["opClass", "threshold"],
  "set-delay": ["opClass", "delayHours"],
  "configure-class": ["target", "selector", "opClass"],
  "set-pausable-target": ["target", "pausable"],
  "set-guardian": ["guardian"],
};

/** Parses the typed fields of `kind` into an Action, or the sentence for each bad field. */
function parseAction(m: StacksMultisig, kind: ActionKind, v: Values): { action?: Action; errors: Errors } {
  const errors: Errors = {};
  const take = <T,>(key: string, r: { value?: T; error?: string }): T | undefined => {
    if (r.error) errors[key] = r.error;
    return r.value;
  };
  const optionalContract = (key: string, what: string): Principal | null | undefined => (v[key]?.trim() ? take(key, checkContract(m, v[key]!, what)) : null);
  const whole = (key: string, what: string, min: number, max: number): number | undefined => {
    const s = (v[key] ?? "").trim();
    if (!/^\d+$/.test(s) || Number(s) < min || Number(s) > max) {
      errors[key] = `Enter ${what} as a whole number from ${min} to ${max}.`;
      return undefined;
    }
    return Number(s);
  };
  const target = FIELDS[kind].includes("target") ? take("target", checkContract(m, v.target ?? "", "target")) : undefined;
  const opClass = Number(v.opClass ?? CLASS.critical);
  let action: Action | undefined;
  switch (kind) {
    case "set-platform-fee": {
      const bps = take("fee", checkFeePercent(v.fee ?? ""));
      if (target && bps !== undefined) action = { kind, target, bps };
      break;
    }
    case "set-fee-recipient": {
      const recipient = take("recipient", checkPrincipal(m, v.recipient ?? "", "fee recipient"));
      if (target && recipient) action = { kind, target, recipient };
      break;
    }
    case "grant-role":
    case "revoke-role": {
      const role = (v.role ?? "").trim();
      if (!/^[a-z-]{1,16}$/.test(role)) errors.role = "Choose a role.";
      const account = take("account", checkPrincipal(m, v.account ?? "", "account"));
      if (target && account && !errors.role) action = { kind, target, role, account };
      break;
    }
    case "set-fee-discount-source": {
      const source = optionalContract("source", "fee-discount source");
      if (target && source !== undefined) action = { kind, target, source };
      break;
    }
    case "set-token-allowed": {
      const token = optionalContract("token", "token");
      if (target && token !== undefined) action = { kind, target, token, allowed: v.allowed === "true" };
      break;
    }
    case "unpause":
      if (target) action = { kind, target };
      break;
    case "transfer-stx": {
      const recipient = take("recipient", checkRecipient(m, v.recipient ?? ""));
      const amount = take("amount", parseAmount(v.amount ?? "", STX.decimals, STX.symbol));
      if (recipient && amount !== undefined) action = { kind, recipient, amount };
      break;
    }
    case "transfer-ft": {
      const token = take("token", checkContract(m, v.token ?? "", "token"));
      const assetName = take("assetName", checkAssetName(v.assetName ?? ""));
      const decimals = whole("decimals", "the token's decimals", 0, 18);
      const recipient = take("recipient", checkRecipient(m, v.recipient ?? ""));
      const amount = decimals === undefined ? undefined : take("amount", parseAmount(v.amount ?? "", decimals, "This token"));
      if (token && assetName && recipient && amount !== undefined) action = { kind, token, assetName, recipient, amount };
      break;
    }
    case "call": {
      const payload = take("payload", checkPayload(v.payload ?? ""));
      if (target && payload) action = { kind, target, payload };
      break;
    }
    case "add-owner":
    case "remove-owner": {
      const owner = take("owner", checkPrincipal(m, v.owner ?? "", "owner"));
      if (owner) action = { kind, owner };
      break;
    }
    case "set-threshold": {
      const threshold = whole("threshold", "the threshold", 1, 20);
      if (threshold !== undefined) action = { kind, opClass, threshold };
      break;
    }
    case "set-delay": {
      const hours = (v.delayHours ?? "").trim();
      const seconds = /^\d+(\.\d+)?$/.test(hours) ? Math.round(Number(hours) * 3600) : NaN;
      if (!(seconds >= MIN_DELAY && seconds <= MAX_DELAY)) errors.delayHours = `Enter the delay in hours, from ${MIN_DELAY / 3600} to ${MAX_DELAY / 3600} (30 days).`;
      else action = { kind, opClass, delay: seconds };
      break;
    }
    case "configure-class": {
      const selector = v.selector ?? "";
      if (!CONFIGURABLE.includes(selector as ActionKind)) errors.selector = "Choose an action whose class can be configured.";
      if (target && !errors.selector) action = { kind, target, selector, opClass };
      break;
    }
    case "set-pausable-target":
      if (target) action = { kind, target, pausable: v.pausable === "true" };
      break;
    case "set-guardian": {
      const s = (v.guardian ?? "").trim();
      const guardian = s ? take("guardian", checkPrincipal(m, s, "guardian")) : null;
      if (guardian !== undefined) action = { kind, guardian };
      break;
    }
  }
  return { action, errors };
}

/** Actions whose class can be configured (multisig.clar is-configurable). */
const CONFIGURABLE: readonly ActionKind[] = [
  "set-platform-fee",
  "set-fee-recipient",
  "grant-role",
  "revoke-role",
  "set-fee-discount-source",
  "set-token-allowed",
  "unpause",
  "transfer-stx",
  "transfer-ft",
  "call",
];

function ProposeForm({ d, m, onProposed }: FormProps & { onProposed: (c: Current) => void }) {
  const ids = useId();
  const [kind, setKind] = useState<ActionKind>("set-platform-fee");
  const [values, setValues] = useState<Values>({ target: m.escrow, decimals: "6", role: "arbiter", opClass: String(CLASS.critical), selector: "set-platform-fee", allowed: "true", pausable: "true" });
  const [errors, setErrors] = useState<Errors>({});
  const [nonce, setNonce] = useState("");
  const [nonceError, setNonceError] = useState<string>();
  const [sentId, setSentId] = useState<string>();
  const tx = useStacksTx(d);
  const set = (key: string) => (value: string) => setValues((v) => ({ ...v, [key]: value }));

  // The id the contract will derive, once every field checks out (shown before the wallet opens).
  const preview = useMemo(() => {
    const { action } = parseAction(m, kind, values);
    const n = checkNonce(nonce).value;
    return action && n !== undefined ? operationId(m, action, n) : undefined;
  }, [m, kind, values, nonce]);

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    const { action, errors } = parseAction(m, kind, values);
    const n = checkNonce(nonce);
    setErrors(errors);
    setNonceError(n.error);
    if (!action || n.value === undefined) return;
    const id = operationId(m, action, n.value);
    setSentId(id);
    onProposed({ id, kind, plan: planOf(action) });
    await tx.run(proposeCall(m, action, n.value));
  }

  const fields = FIELDS[kind];
  const f = (key: string) => ({ id: `${ids}-${key}`, value: values[key] ?? "", onChange: set(key), error: errors[key] });
  const assetHint = kind === "transfer-ft" ? `in whole tokens (${values.decimals || "?"} decimals)` : "STX";
  return (
    <form className="card form" onSubmit={onSubmit} noValidate aria-label="Propose a Stacks multisig operation">
      <h3>Propose an operation</h3>
      <Field id={`${ids}-kind`} label="Action">
        <select
          id={`${ids}-kind`}
          value={kind}
          onChange={(e) => {
            setKind(e.target.value as ActionKind);
            setErrors({});
          }}
        >
          {ACTION_KINDS.map((k) => (
            <option key={k} value={k}>
              {LABELS[k]} ({k})
            </option>
          ))}
        </select>
      </Field>
      {fields.includes("target") ? (
        <TextField
          {...f("target")}
          label={kind === "call" ? "Action contract" : kind === "configure-class" || kind === "set-pausable-target" ? "Contract" : "Target contract"}
          placeholder="ST….escrow"
          hint={kind === "call" ? "A multisig-action contract: its execute gets the operation id and the payload." : undefined}
        />
      ) : null}
      {fields.includes("fee") ? (
        <TextField {...f("fee")} label="Platform fee (%)" placeholder="2.5" hint={`In percent, 0.01% steps; the escrow caps it at ${percentOfBps(ESCROW_MAX_FEE_BPS)}.`} />
      ) : null}
      {fields.includes("role") ? (
        <Field id={`${ids}-role`} label="Role" error={errors.role}>
          <select id={`${ids}-role`} value={values.role} onChange={(e) => set("role")(e.target.value)}>
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {r}
              </option>
            ))}
          </select>
        </Field>
      ) : null}
      {fields.includes("account") ? <TextField {...f("account")} label="Account" placeholder="ST…" /> : null}
      {fields.includes("source") ? <TextField {...f("source")} label="Fee-discount source (empty: none)" placeholder="ST….staking-fee-discount" /> : null}
      {fields.includes("token") ? (
        <TextField {...f("token")} label={kind === "transfer-ft" ? "Token contract" : "Token (empty: STX)"} placeholder="ST….token" />
      ) : null}
      {fields.includes("assetName") ? <TextField {...f("assetName")} label="Token asset name" placeholder="worx" hint="Its define-fungible-token name, for the post-condition." /> : null}
      {fields.includes("decimals") ? <TextField {...f("decimals")} label="Token decimals" numeric /> : null}
      {fields.includes("allowed") ? <Check label="New escrows may be paid in it" checked={values.allowed === "true"} onChange={(b) => set("allowed")(String(b))} /> : null}
      {fields.includes("recipient") ? (
        <TextField {...f("recipient")} label={kind === "set-fee-recipient" ? "Fee recipient" : "Recipient"} placeholder="ST…" />
      ) : null}
      {fields.includes("amount") ? <TextField {...f("amount")} label={`Amount (${kind === "transfer-ft" ? "tokens" : "STX"})`} placeholder="0.00" hint={`Paid from the multisig's balance, ${assetHint}.`} /> : null}
      {fields.includes("payload") ? <TextField {...f("payload")} label="Payload (hex)" placeholder="0x…" hint="Up to 2048 bytes, passed to the action contract." /> : null}
      {fields.includes("owner") ? <TextField {...f("owner")} label="Owner" placeholder="ST…" /> : null}
      {fields.includes("guardian") ? <TextField {...f("guardian")} label="Guardian (empty: none)" placeholder="ST…" /> : null}
      {fields.includes("selector") ? (
        <Field id={`${ids}-selector`} label="Action to classify" error={errors.selector}>
          <select id={`${ids}-selector`} value={values.selector} onChange={(e) => set("selector")(e.target.value)}>
            {CONFIGURABLE.map((k) => (
              <option key={k} value={k}>
                {k}
              </option>
            ))}
          </select>
        </Field>
      ) : null}
      {fields.includes("opClass") ? (
        <Field id={`${ids}-class`} label="Class">
          <select id={`${ids}-class`} value={values.opClass} onChange={(e) => set("opClass")(e.target.value)}>
            <option value={CLASS.critical}>critical (0)</option>
            <option value={CLASS.routine}>routine (1)</option>
          </select>
        </Field>
      ) : null}
      {fields.includes("threshold") ? <TextField {...f("threshold")} label="Threshold (approvals)" numeric /> : null}
      {fields.includes("delayHours") ? <TextField {...f("delayHours")} label="Delay (hours)" numeric hint="From 1 hour to 30 days; applies to operations queued afterwards." /> : null}
      {fields.includes("pausable") ? <Check label="The guardian may pause it" checked={values.pausable === "true"} onChange={(b) => set("pausable")(String(b))} /> : null}
      <TextField
        id={`${ids}-nonce`}
        label="Nonce"
        numeric
        error={nonceError}
        value={nonce}
        onChange={setNonce}
        placeholder="1"
        hint="Any whole number that makes the operation new: the same action can run again under another nonce."
      />
      <p className="hint">
        Executed with <code>{executorOf(kind)}</code>. Operation id:{" "}
        <code data-testid="stacks-multisig-op-id">{preview ?? sentId ?? "— (fill in every field)"}</code>
      </p>
      <p className="hint">Owners only; your approval is recorded with the proposal. Nothing moves.</p>
      <button type="submit" disabled={tx.busy}>
        Propose
      </button>
      <TxStatus state={tx.state} label="Propose on Stacks" testId="stacks-multisig-propose" />
    </form>
  );
}

// ------------------------------------------------------------------ operation: status, approve, cancel, queue

/** The id field's value, reset to the last proposed operation when there is a new one. */
function useIdField(current: Current | undefined) {
  const [id, setId] = useState(current?.id ?? "");
  useEffect(() => {
    if (current) setId(current.id);
  }, [current]);
  return [id, setId] as const;
}

/** Seconds since the epoch, ticking every second (for countdowns). */
function useNow() {
  const [now, setNow] = useState(() => Math.floor(Date.now() / 1000));
  useEffect(() => {
    const t = setInterval(() => setNow(Math.floor(Date.now() / 1000)), 1000);
    return () => clearInterval(t);
  }, []);
  return now;
}

function useOperation(api: string | undefined, m: StacksMultisig, idText: string, me: string) {
  const id = checkOperationId(idText).value;
  return useQuery({
    queryKey: ["stacks", "multisig", m.multisig, id, me],
    enabled: !!api && !!id,
    refetchInterval: 10_000,
    queryFn: () => readOperation(api!, m, id!, me),
  });
}

function OperationStatus({ api, m, id, me }: { api: string | undefined; m: StacksMultisig; id: string; me: string }) {
  const op = useOperation(api, m, id, me);
  const now = useNow();
  if (!api || !checkOperationId(id).value) return null;
  if (op.isPending) return <p className="muted">Reading the operation…</p>;
  if (op.error) return <p className="field-error">{op.error.message}</p>;
  const o = op.data;
  if (!o) return <p className="muted" data-testid="stacks-multisig-status">The multisig has no operation with this id (not proposed yet, or another network).</p>;
  const eta = Number(o.eta);
  return (
    <div className="hint" data-testid="stacks-multisig-status">
      <p>
        <strong>{o.state}</strong> · {o.action} on <code>{o.target}</code>
        {o.value > 0n ? ` · ${formatAmount(o.value, STX)}` : ""} · {o.opClass === CLASS.routine ? "routine" : "critical"} · nonce {o.nonce.toString()}
      </p>
      <p>
        Approvals {o.approvals} of {o.threshold}
        {o.approvedByMe ? " (yours included)" : ""} · cancel approvals {o.cancelApprovals}
      </p>
      {o.state === "queued" ? (
        <p data-testid="stacks-multisig-eta">
          {eta > now
            ? `Executable from ${dateTime(eta)}, in ${countdown(eta - now)}`
            : `Executable now, until ${dateTime(eta + GRACE_PERIOD)} (${humanDuration(eta + GRACE_PERIOD - now)} left)`}
        </p>
      ) : null}
    </div>
  );
}

function OperationForm({ d, m, me, api, current }: FormProps) {
  const ids = useId();
  const [id, setId] = useIdField(current);
  const [error, setError] = useState<string>();
  const approve = useStacksTx(d);
  const cancel = useStacksTx(d);
  const queue = useStacksTx(d);
  function run(tx: ReturnType<typeof useStacksTx>, build: (m: StacksMultisig, id: string) => CallContractParams) {
    const checked = checkOperationId(id);
    setError(checked.error);
    if (checked.value) void tx.run(build(m, checked.value));
  }
  const busy = approve.busy || cancel.busy || queue.busy;
  return (
    <form className="card form" onSubmit={(e) => e.preventDefault()} noValidate aria-label="Stacks multisig operation">
      <h3>Approve, cancel or queue</h3>
      <TextField id={`${ids}-id`} label="Operation id" error={error} value={id} onChange={setId} placeholder="0x…" />
      <OperationStatus api={api} m={m} id={id} me={me} />
      <p className="hint">
        Owners approve while it is pending; once the approvals reach the class threshold anyone queues it and the timelock starts. Owners may approve cancelling it
        until it executes: at the threshold it is cancelled for good. Nothing moves.
      </p>
      <div className="row">
        <button type="button" disabled={busy} onClick={() => run(approve, approveCall)}>
          Approve
        </button>
        <button type="button" disabled={busy} onClick={() => run(queue, queueCall)}>
          Queue
        </button>
        <button type="button" className="secondary danger" disabled={busy} onClick={() => run(cancel, approveCancelCall)}>
          Approve cancelling
        </button>
      </div>
      <TxStatus state={approve.state} label="Approve on Stacks" testId="stacks-multisig-approve" />
      <TxStatus state={queue.state} label="Queue on Stacks" testId="stacks-multisig-queue" />
      <TxStatus state={cancel.state} label="Approve cancelling on Stacks" testId="stacks-multisig-cancel" />
    </form>
  );
}

// ------------------------------------------------------------------ execute

type ExecKind = "admin" | "unpause" | "call" | "self" | "transfer-stx" | "transfer-ft";

const EXEC_LABELS: Record<ExecKind, string> = {
  admin: "Protocol setting or role (execute-admin)",
  unpause: "Unpause (execute-unpause)",
  call: "Action contract call (execute-call)",
  self: "Multisig administration (execute)",
  "transfer-stx": "STX transfer (execute)",
  "transfer-ft": "Token transfer (execute-transfer-ft)",
};

function execKindOf(plan: ExecutePlan): ExecKind {
  switch (plan.executor) {
    case "execute":
      return plan.transferStx === undefined ? "self" : "transfer-stx";
    case "execute-admin":
      return "admin";
    case "execute-unpause":
      return "unpause";
    case "execute-call":
      return "call";
    case "execute-transfer-ft":
      return "transfer-ft";
  }
}

interface ExecValues {
  kind: ExecKind;
  target: string;
  amount: string;
  token: string;
  assetName: string;
  decimals: string;
}

function valuesOf(plan: ExecutePlan, decimals = "6"): Partial<ExecValues> {
  switch (plan.executor) {
    case "execute":
      return { kind: execKindOf(plan), amount: plan.transferStx === undefined ? "" : formatUnits(plan.transferStx, 6) };
    case "execute-transfer-ft":
      return { kind: "transfer-ft", token: plan.token, assetName: plan.assetName, amount: formatUnits(plan.amount, Number(decimals)), decimals };
    default:
      return { kind: execKindOf(plan), target: plan.target };
  }
}

/** Units to a plain decimal string ("1.5"), as parseAmount reads it back. */
function formatUnits(v: bigint, decimals: number): string {
  if (decimals === 0) return v.toString();
  const s = v.toString().padStart(decimals + 1, "0");
  const fraction = s.slice(-decimals).replace(/0+$/, "");
  return fraction ? `${s.slice(0, -decimals)}.${fraction}` : s.slice(0, -decimals);
}

function ExecuteForm({ d, m, me, api, current }: FormProps) {
  const ids = useId();
  const [id, setId] = useIdField(current);
  const [v, setV] = useState<ExecValues>({ kind: "admin", target: m.escrow, amount: "", token: "", assetName: "", decimals: "6" });
  const [errors, setErrors] = useState<Errors>({});
  const tx = useStacksTx(d);
  const op = useOperation(api, m, id, me);
  const set = (key: keyof ExecValues) => (value: string) => setV((x) => ({ ...x, [key]: value }));

  // Fill in from the operation proposed here, or from the chain when the API can read it.
  useEffect(() => {
    if (current) setV((x) => ({ ...x, ...valuesOf(current.plan, x.decimals) }));
  }, [current]);
  useEffect(() => {
    const plan = op.data ? planOfView(op.data, "") : undefined;
    if (plan) setV((x) => ({ ...x, ...valuesOf(plan, x.decimals), ...(plan.executor === "execute-transfer-ft" ? { assetName: x.assetName } : {}) }));
  }, [op.data]);

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    const errs: Errors = {};
    const take = <T,>(key: string, r: { value?: T; error?: string }): T | undefined => {
      if (r.error) errs[key] = r.error;
      return r.value;
    };
    const opId = take("id", checkOperationId(id));
    let plan: ExecutePlan | undefined;
    switch (v.kind) {
      case "admin":
      case "unpause":
      case "call": {
        const target = take("target", checkContract(m, v.target, "target"));
        const executor = v.kind === "admin" ? "execute-admin" : v.kind === "unpause" ? "execute-unpause" : "execute-call";
        if (target) plan = { executor, target };
        break;
      }
      case "self":
        plan = { executor: "execute" };
        break;
      case "transfer-stx": {
        const amount = take("amount", parseAmount(v.amount, STX.decimals, STX.symbol));
        if (amount !== undefined) plan = { executor: "execute", transferStx: amount };
        break;
      }
      case "transfer-ft": {
        const token = take("token", checkContract(m, v.token, "token"));
        const assetName = take("assetName", checkAssetName(v.assetName));
        const decimals = /^\d+$/.test(v.decimals.trim()) && Number(v.decimals) <= 18 ? Number(v.decimals) : undefined;
        if (decimals === undefined) errs.decimals = "Enter the token's decimals as a whole number from 0 to 18.";
        const amount = decimals === undefined ? undefined : take("amount", parseAmount(v.amount, decimals, "This token"));
        if (token && assetName && amount !== undefined) plan = { executor: "execute-transfer-ft", token, assetName, amount };
        break;
      }
    }
    setErrors(errs);
    if (!opId || !plan) return;
    await tx.run(executeCall(m, opId, plan));
  }

  return (
    <form className="card form" onSubmit={onSubmit} noValidate aria-label="Execute a Stacks multisig operation">
      <h3>Execute an operation</h3>
      <TextField id={`${ids}-id`} label="Operation id" error={errors.id} value={id} onChange={setId} placeholder="0x…" />
      {op.data ? (
        <p className="hint">
          On chain: {op.data.action}, {op.data.state}.
        </p>
      ) : null}
      <Field id={`${ids}-kind`} label="Operation kind">
        <select id={`${ids}-kind`} value={v.kind} onChange={(e) => set("kind")(e.target.value)}>
          {(Object.keys(EXEC_LABELS) as ExecKind[]).map((k) => (
            <option key={k} value={k}>
              {EXEC_LABELS[k]}
            </option>
          ))}
        </select>
      </Field>
      {v.kind === "admin" || v.kind === "unpause" || v.kind === "call" ? (
        <TextField id={`${ids}-target`} label="Target contract" error={errors.target} value={v.target} onChange={set("target")} placeholder="ST….escrow" hint="The operation's target: the contract it acts on." />
      ) : null}
      {v.kind === "transfer-ft" ? (
        <>
          <TextField id={`${ids}-token`} label="Token contract" error={errors.token} value={v.token} onChange={set("token")} placeholder="ST….token" />
          <TextField id={`${ids}-asset`} label="Token asset name" error={errors.assetName} value={v.assetName} onChange={set("assetName")} placeholder="worx" />
          <TextField id={`${ids}-decimals`} label="Token decimals" error={errors.decimals} value={v.decimals} onChange={set("decimals")} numeric />
        </>
      ) : null}
      {v.kind === "transfer-stx" || v.kind === "transfer-ft" ? (
        <TextField
          id={`${ids}-amount`}
          label={v.kind === "transfer-stx" ? "Amount (STX)" : "Amount (tokens)"}
          error={errors.amount}
          value={v.amount}
          onChange={set("amount")}
          placeholder="0.00"
          hint="Exactly the proposed amount: it becomes the post-condition."
        />
      ) : null}
      <p className="hint" data-testid="stacks-multisig-execute-why">
        {v.kind === "transfer-stx" || v.kind === "transfer-ft"
          ? "Your wallet gets a deny-mode post-condition: the multisig sends exactly this amount, nothing else moves, or the transaction aborts."
          : "Deny mode with no post-condition: nothing may move, or the transaction aborts."}{" "}
        Anyone can execute a queued operation once its eta has passed, within 14 days; it runs once.
      </p>
      <button type="submit" disabled={tx.busy}>
        Execute
      </button>
      <TxStatus state={tx.state} label="Execute on Stacks" testId="stacks-multisig-execute" />
    </form>
  );
}

// ------------------------------------------------------------------ guardian

function GuardianPauseForm({ d, m }: FormProps) {
  const ids = useId();
  const [target, setTarget] = useState<string>(m.escrow);
  const [error, setError] = useState<string>();
  const tx = useStacksTx(d);
  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    const checked = checkContract(m, target, "contract to pause");
    setError(checked.error);
    if (checked.value) await tx.run(guardianPauseCall(m, checked.value));
  }
  return (
    <form className="card form" onSubmit={onSubmit} noValidate aria-label="Guardian pause on Stacks">
      <h3>Guardian: pause now</h3>
      <TextField id={`${ids}-t`} label="Contract to pause" error={error} value={target} onChange={setTarget} placeholder="ST….escrow" />
      <p className="hint">
        The guardian only, on a contract the owners marked pausable: it stops new escrows at once, without a vote. Unpausing is a timelocked operation. Nothing
        moves.
      </p>
      <button type="submit" className="secondary danger" disabled={tx.busy}>
        Pause
      </button>
      <TxStatus state={tx.state} label="Guardian pause on Stacks" testId="stacks-multisig-pause" />
    </form>
  );
}
