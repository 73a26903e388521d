/**
 * "Stacks DAO": the Clarity DAO's actions on the #/stacks page (lazy-loaded there): delegate,
 * stake / unstake WORX, claim a work reward, propose, vote, queue, execute, cancel, and the fee
 * splitter's collect / release. There is no Stacks indexer yet, so everything works from the
 * chain: read-only calls through the chain's Stacks API when one is configured (checkpoint hints,
 * amounts owed), else the numbers are typed, with how to find them. Every request goes out in
 * post-condition deny mode (./calls.ts); contract errors are explained by explainClarityResult.
 */
import { useId, useState, type FormEvent, type ReactNode } from "react";
import { stacksApiUrl, type StacksDeployment } from "../../../chains/stacks.ts";
import { TxStatus } from "../../../tx/TxStatus.tsx";
import { Field, TextField } from "../../../ui/Field.tsx";
import { useStacksTx } from "../../escrow/stacks/useStacksTx.ts";
import { formatAmount } from "../../escrow/tokens.ts";
import { parseAmount } from "../../escrow/validation.ts";
import {
  cancelCall,
  checkContractPrincipal,
  checkPrincipal,
  checkText,
  checkWhole,
  claimWorkRewardCall,
  collectFeesCall,
  delegateCall,
  executeCall,
  MAX_TEXT,
  proposeCall,
  proposeHint,
  queueCall,
  readOwed,
  readSplitterCredit,
  releaseFeesCall,
  STAKE_TERMS,
  stakeCall,
  STX,
  unstakeCall,
  voteCall,
  voteHint,
  WORX,
  WORX_ASSET,
  type Asset,
  type StacksDao,
  type Support,
  type TreasuryTransfer,
} from "./calls.ts";
import { stacksDaoFor } from "./deployment.ts";

interface Props {
  d: StacksDeployment;
  me: string;
}

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));
const boost = (bps: number) => `${bps / 10_000}×`;

export default function StacksDaoSection({ d, me }: Props) {
  const dao = stacksDaoFor(d);
  if (!dao) {
    return (
      <p className="notice" data-testid="stacks-dao-disabled">
        This build has no Stacks deployment of the DAO on {d.name}.
      </p>
    );
  }
  const api = stacksApiUrl(d.caip2);
  const props = { d, dao, me, api };
  return (
    <section aria-labelledby="stacks-dao-title" data-testid="stacks-dao">
      <h3 id="stacks-dao-title" className="section-title">
        Stacks DAO
      </h3>
      <p className="muted">
        Governance token <code>{dao.token}</code> (WORX, 6 decimals) · voting <code>{dao.voting}</code> · treasury <code>{dao.treasury}</code>.{" "}
        {api
          ? "Checkpoint hints and amounts owed are read from the Stacks API."
          : "No Stacks API is configured for this network: checkpoint hints and amounts owed are typed by hand (each field says how to find them)."}
      </p>
      <h4 className="section-title">Votes, staking and rewards</h4>
      <div className="grid-2">
        <DelegateForm {...props} />
        <StakeForm {...props} />
        <UnstakeForm {...props} />
        <ClaimRewardForm {...props} />
      </div>
      <h4 className="section-title">Proposals</h4>
      <div className="grid-2">
        <ProposeForm {...props} />
        <VoteForm {...props} />
        <ProposalActionForm
          {...props}
          title="Queue a proposal"
          button="Queue"
          testId="stacks-dao-queue"
          hint="Anyone, once the vote is over and the proposal succeeded (quorum reached, more For than Against): it becomes executable after the timelock (in blocks)."
          build={(p) => queueCall(dao, p)}
        />
        <ExecuteForm {...props} />
        <ProposalActionForm
          {...props}
          title="Cancel a proposal"
          button="Cancel proposal"
          danger
          testId="stacks-dao-cancel"
          hint="The guardian or the proposer only, and only while the proposal is pending (before voting opens); after that only the vote decides."
          build={(p) => cancelCall(dao, p)}
        />
      </div>
      <h4 className="section-title">Fee splitter</h4>
      <div className="grid-2">
        <CollectFeesForm {...props} />
        <ReleaseFeesForm {...props} />
      </div>
    </section>
  );
}

interface FormProps extends Props {
  dao: StacksDao;
  api: string | undefined;
}

/** Where errors of a read made before the wallet opens (hints, amounts owed) are shown. */
function ReadError({ error }: { error?: string }) {
  return error ? (
    <p className="field-error" role="alert">
      {error}
    </p>
  ) : null;
}

function DelegateForm({ d, dao, me }: FormProps) {
  const ids = useId();
  const [delegatee, setDelegatee] = useState(me);
  const [error, setError] = useState<string>();
  const tx = useStacksTx(d);
  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    const who = checkPrincipal(dao, delegatee, "delegatee");
    setError(who.error);
    if (!who.value) return;
    await tx.run(delegateCall(dao, who.value));
  }
  return (
    <form className="card form" onSubmit={onSubmit} noValidate aria-label="Delegate Stacks votes">
      <h3>Delegate your votes</h3>
      <TextField id={`${ids}-to`} label="Delegatee" error={error} value={delegatee} onChange={setDelegatee} placeholder="ST…" />
      <p className="hint">
        WORX votes only once delegated — to yourself (your own address, the default) or to someone who votes for you. Your whole balance, staked tokens included,
        counts from the block after this one. Nothing moves.
      </p>
      <button type="submit" disabled={tx.busy}>
        Delegate
      </button>
      <TxStatus state={tx.state} label="Delegate on Stacks" testId="stacks-dao-delegate" />
    </form>
  );
}

function TermSelect({ id, value, onChange }: { id: string; value: number; onChange: (term: number) => void }) {
  return (
    <Field id={id} label="Lock term">
      <select id={id} value={value} onChange={(e) => onChange(Number(e.target.value))}>
        {STAKE_TERMS.map((t) => (
          <option key={t.term} value={t.term}>
            {t.days} days — boost {boost(t.boostBps)}
          </option>
        ))}
      </select>
    </Field>
  );
}

function StakeForm({ d, dao }: FormProps) {
  const ids = useId();
  const [amount, setAmount] = useState("");
  const [term, setTerm] = useState(0);
  const [error, setError] = useState<string>();
  const tx = useStacksTx(d);
  const chosen = STAKE_TERMS[term]!;
  const parsed = amount.trim() ? parseAmount(amount, WORX.decimals, WORX.symbol) : undefined;
  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    const value = parseAmount(amount, WORX.decimals, WORX.symbol);
    setError(value.error);
    if (value.value === undefined) return;
    await tx.run(stakeCall(dao, value.value, term));
  }
  return (
    <form className="card form" onSubmit={onSubmit} noValidate aria-label="Stake WORX on Stacks">
      <h3>Stake WORX</h3>
      <TextField id={`${ids}-a`} label="Amount (WORX)" error={error} value={amount} onChange={setAmount} placeholder="0.00" />
      <TermSelect id={`${ids}-t`} value={term} onChange={setTerm} />
      <p className="hint" data-testid="stacks-dao-stake-boost">
        Boost {boost(chosen.boostBps)}
        {parsed?.value !== undefined ? `: staking power ${formatAmount((parsed.value * BigInt(chosen.boostBps)) / 10_000n, WORX)}` : ""}, locked until{" "}
        {new Date(Date.now() + chosen.days * 86_400_000).toLocaleDateString()} (about {chosen.days} days of block time).
      </p>
      <p className="hint">
        Staking power gives a fee discount (staking-fee-discount tiers). The tokens stay in your account and keep voting, but can't be transferred or unstaked before
        the unlock time — there is no early exit. Adding to a position never shortens its lock. Nothing moves (deny mode, no post-condition).
      </p>
      <button type="submit" disabled={tx.busy}>
        Stake
      </button>
      <TxStatus state={tx.state} label="Stake on Stacks" testId="stacks-dao-stake" />
    </form>
  );
}

function UnstakeForm({ d, dao }: FormProps) {
  const ids = useId();
  const [term, setTerm] = useState(0);
  const tx = useStacksTx(d);
  return (
    <form
      className="card form"
      onSubmit={(e) => {
        e.preventDefault();
        void tx.run(unstakeCall(dao, term));
      }}
      noValidate
      aria-label="Unstake WORX on Stacks"
    >
      <h3>Unstake WORX</h3>
      <TermSelect id={`${ids}-t`} value={term} onChange={setTerm} />
      <p className="hint">Releases your whole position for that term, once its unlock time has passed. Nothing moves: the tokens were never sent anywhere.</p>
      <button type="submit" disabled={tx.busy}>
        Unstake
      </button>
      <TxStatus state={tx.state} label="Unstake on Stacks" testId="stacks-dao-unstake" />
    </form>
  );
}

function ClaimRewardForm({ d, dao }: FormProps) {
  const ids = useId();
  const [escrowId, setEscrowId] = useState("");
  const [error, setError] = useState<string>();
  const tx = useStacksTx(d);
  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    const id = checkWhole(escrowId, "the escrow's number");
    const err = id.error ?? (id.value === 0n ? "Escrow numbers start at 1." : undefined);
    setError(err);
    if (err) return;
    await tx.run(claimWorkRewardCall(dao, id.value!));
  }
  return (
    <form className="card form" onSubmit={onSubmit} noValidate aria-label="Claim a Stacks work reward">
      <h3>Claim a work reward</h3>
      <TextField id={`${ids}-id`} label="Escrow number" error={error} value={escrowId} onChange={setEscrowId} numeric />
      <p className="hint">
        Anyone, once per escrow, when it is completed or closed: WORX is minted to its freelancer (by the value released and the DAO's rate) and to its client (a
        share of that). A mint moves nothing out of any account, so the call carries no post-condition.
      </p>
      <button type="submit" disabled={tx.busy}>
        Claim reward
      </button>
      <TxStatus state={tx.state} label="Claim a work reward on Stacks" testId="stacks-dao-claim-reward" />
    </form>
  );
}

/** A hint field: optional when the API can compute it, required (with how to find it) otherwise. */
function HintField({ id, api, value, onChange, error, how }: { id: string; api: boolean; value: string; onChange: (v: string) => void; error?: string; how: ReactNode }) {
  return (
    <TextField
      id={id}
      label={api ? "Checkpoint hint (blank: computed from the chain)" : "Checkpoint hint"}
      error={error}
      value={value}
      onChange={onChange}
      numeric
      hint={how}
    />
  );
}

function ProposeForm({ d, dao, me, api }: FormProps) {
  const ids = useId();
  const [proposal, setProposal] = useState("");
  const [description, setDescription] = useState("");
  const [hint, setHint] = useState("");
  const [errors, setErrors] = useState<{ proposal?: string; description?: string; hint?: string; read?: string }>({});
  const tx = useStacksTx(d);
  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    const p = checkContractPrincipal(dao, proposal, "proposal");
    const typed = hint.trim() === "" && api ? undefined : checkWhole(hint, "the checkpoint hint");
    const next = { proposal: p.error, description: checkText(description, "description", true), hint: typed?.error };
    setErrors(next);
    if (next.proposal || next.description || next.hint) return;
    let value = typed?.value;
    if (value === undefined) {
      try {
        value = await proposeHint(api!, dao, me);
      } catch (error) {
        return setErrors({ read: `Could not compute the hint: ${message(error)} Type it instead.` });
      }
    }
    await tx.run(proposeCall(dao, p.value!, description, value));
  }
  return (
    <form className="card form" onSubmit={onSubmit} noValidate aria-label="Propose on Stacks">
      <h3>Propose</h3>
      <TextField
        id={`${ids}-p`}
        label="Proposal contract"
        error={errors.proposal}
        value={proposal}
        onChange={setProposal}
        placeholder={`${dao.core.split(".")[0]}.my-proposal`}
        hint="A deployed contract implementing proposal-trait (execute (sender)); it runs once, as the DAO, if the vote passes. Each contract can be proposed once."
      />
      <Field id={`${ids}-desc`} label="Description" error={errors.description} hint={`What it does and why; up to ${MAX_TEXT} characters.`}>
        <textarea id={`${ids}-desc`} rows={3} value={description} onChange={(e) => setDescription(e.target.value)} aria-invalid={!!errors.description} />
      </Field>
      <HintField
        id={`${ids}-h`}
        api={!!api}
        value={hint}
        onChange={setHint}
        error={errors.hint}
        how={
          <>
            The contract checks your votes at the previous block without searching: the hint is the index of your vote checkpoint covering it — your latest
            one, <code>(get-checkpoint-count you)</code> − 1 on dao-token (0 if you have none). Delegate first: you need the proposal threshold in votes.
          </>
        }
      />
      <ReadError error={errors.read} />
      <button type="submit" disabled={tx.busy}>
        Propose
      </button>
      <TxStatus state={tx.state} label="Propose on Stacks" testId="stacks-dao-propose" />
    </form>
  );
}

const SUPPORTS: { value: Support; label: string }[] = [
  { value: "for", label: "For" },
  { value: "against", label: "Against" },
  { value: "abstain", label: "Abstain" },
];

function VoteForm({ d, dao, me, api }: FormProps) {
  const ids = useId();
  const [proposal, setProposal] = useState("");
  const [support, setSupport] = useState<Support>("for");
  const [reason, setReason] = useState("");
  const [hint, setHint] = useState("");
  const [errors, setErrors] = useState<{ proposal?: string; reason?: string; hint?: string; read?: string }>({});
  const tx = useStacksTx(d);
  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    const p = checkContractPrincipal(dao, proposal, "proposal");
    const typed = hint.trim() === "" && api ? undefined : checkWhole(hint, "the checkpoint hint");
    const next = { proposal: p.error, reason: checkText(reason, "reason", false), hint: typed?.error };
    setErrors(next);
    if (next.proposal || next.reason || next.hint) return;
    let value = typed?.value;
    if (value === undefined) {
      try {
        value = await voteHint(api!, dao, me, p.value!);
      } catch (error) {
        return setErrors({ read: `Could not compute the hint: ${message(error)} Type it instead.` });
      }
    }
    await tx.run(voteCall(dao, p.value!, support, reason, value));
  }
  return (
    <form className="card form" onSubmit={onSubmit} noValidate aria-label="Vote on Stacks">
      <h3>Vote</h3>
      <TextField id={`${ids}-p`} label="Proposal contract" error={errors.proposal} value={proposal} onChange={setProposal} placeholder="ST….proposal-name" />
      <fieldset className="field">
        <legend>Your vote</legend>
        <div className="row">
          {SUPPORTS.map((s) => (
            <label key={s.value}>
              <input type="radio" name={`${ids}-support`} value={s.value} checked={support === s.value} onChange={() => setSupport(s.value)} /> {s.label}
            </label>
          ))}
        </div>
      </fieldset>
      <Field id={`${ids}-r`} label="Reason (optional)" error={errors.reason} hint={`Recorded with your vote (in its event); up to ${MAX_TEXT} characters.`}>
        <textarea id={`${ids}-r`} rows={2} value={reason} onChange={(e) => setReason(e.target.value)} aria-invalid={!!errors.reason} />
      </Field>
      <HintField
        id={`${ids}-h`}
        api={!!api}
        value={hint}
        onChange={setHint}
        error={errors.hint}
        how={
          <>
            Your vote weighs your votes at the proposal's snapshot (its vote-start block, from <code>(get-proposal p)</code> on proposal-voting). The hint is the
            index of your last dao-token checkpoint with from-height ≤ vote-start (<code>get-checkpoint you i</code>), 0 if the first is later. A wrong hint is refused
            (u4106), never miscounted.
          </>
        }
      />
      <ReadError error={errors.read} />
      <p className="hint">Voting is open from the block after vote-start until vote-end; one vote per account. Nothing moves.</p>
      <button type="submit" disabled={tx.busy}>
        Vote {SUPPORTS.find((s) => s.value === support)!.label}
      </button>
      <TxStatus state={tx.state} label="Vote on Stacks" testId="stacks-dao-vote" />
    </form>
  );
}

function ProposalActionForm(
  props: FormProps & { title: string; button: string; testId: string; hint: string; danger?: boolean; build: (proposal: string) => Parameters<ReturnType<typeof useStacksTx>["run"]>[0] },
) {
  const ids = useId();
  const [proposal, setProposal] = useState("");
  const [error, setError] = useState<string>();
  const tx = useStacksTx(props.d);
  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    const p = checkContractPrincipal(props.dao, proposal, "proposal");
    setError(p.error);
    if (!p.value) return;
    await tx.run(props.build(p.value));
  }
  return (
    <form className="card form" onSubmit={onSubmit} noValidate aria-label={`${props.title} on Stacks`}>
      <h3>{props.title}</h3>
      <TextField id={`${ids}-p`} label="Proposal contract" error={error} value={proposal} onChange={setProposal} placeholder="ST….proposal-name" />
      <p className="hint">{props.hint} Nothing moves.</p>
      <button type="submit" className={props.danger ? "secondary danger" : undefined} disabled={tx.busy}>
        {props.button}
      </button>
      <TxStatus state={tx.state} label={`${props.title} on Stacks`} testId={props.testId} />
    </form>
  );
}

type AssetKind = "stx" | "worx" | "ft";

interface AssetInput {
  kind: AssetKind;
  token: string;
  assetName: string;
}

const emptyAsset = (): AssetInput => ({ kind: "stx", token: "", assetName: "" });

/** The asset fields' meaning: STX / WORX amounts are decimal (6 places), other tokens' in base units. */
function parseAsset(dao: StacksDao, input: AssetInput): { asset?: Asset; decimals: number; symbol: string; error?: string } {
  if (input.kind === "stx") return { asset: { kind: "stx" }, ...STX };
  if (input.kind === "worx") return { asset: { kind: "ft", token: dao.token, assetName: WORX_ASSET }, ...WORX };
  const token = checkContractPrincipal(dao, input.token, "token");
  if (!token.value) return { decimals: 0, symbol: "units", error: token.error };
  if (!/^[a-zA-Z][a-zA-Z0-9_-]*$/.test(input.assetName.trim()))
    return { decimals: 0, symbol: "units", error: "Enter the token's asset name: its (define-fungible-token NAME) in the token's source." };
  return { asset: { kind: "ft", token: token.value, assetName: input.assetName.trim() }, decimals: 0, symbol: "units" };
}

function AssetFields({ id, label, value, onChange, error }: { id: string; label: string; value: AssetInput; onChange: (v: AssetInput) => void; error?: string }) {
  return (
    <>
      <Field id={id} label={label}>
        <select id={id} value={value.kind} onChange={(e) => onChange({ ...value, kind: e.target.value as AssetKind })}>
          <option value="stx">STX</option>
          <option value="worx">WORX (dao-token)</option>
          <option value="ft">Another SIP-010 token</option>
        </select>
      </Field>
      {value.kind === "ft" ? (
        <>
          <TextField id={`${id}-token`} label={`${label}: token contract`} value={value.token} onChange={(token) => onChange({ ...value, token })} placeholder="ST….token" />
          <TextField
            id={`${id}-name`}
            label={`${label}: asset name`}
            value={value.assetName}
            onChange={(assetName) => onChange({ ...value, assetName })}
            hint="Its (define-fungible-token NAME); amounts of such tokens are in base units."
            error={error}
          />
        </>
      ) : null}
    </>
  );
}

interface TransferRow {
  asset: AssetInput;
  amount: string;
}

function ExecuteForm({ d, dao }: FormProps) {
  const ids = useId();
  const [proposal, setProposal] = useState("");
  const [rows, setRows] = useState<TransferRow[]>([]);
  const [errors, setErrors] = useState<{ proposal?: string; rows: { asset?: string; amount?: string }[] }>({ rows: [] });
  const tx = useStacksTx(d);
  const update = (i: number, row: Partial<TransferRow>) => setRows((l) => l.map((r, j) => (j === i ? { ...r, ...row } : r)));
  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    const p = checkContractPrincipal(dao, proposal, "proposal");
    const transfers: (TreasuryTransfer | undefined)[] = [];
    const rowErrors = rows.map((row) => {
      const a = parseAsset(dao, row.asset);
      const amount = a.asset ? parseAmount(row.amount, a.decimals, a.symbol) : undefined;
      transfers.push(a.asset && amount?.value !== undefined ? { asset: a.asset, amount: amount.value } : undefined);
      return { asset: a.error, amount: amount?.error };
    });
    setErrors({ proposal: p.error, rows: rowErrors });
    if (p.error || rowErrors.some((r) => r.asset || r.amount)) return;
    await tx.run(executeCall(dao, p.value!, transfers as TreasuryTransfer[]));
  }
  return (
    <form className="card form" onSubmit={onSubmit} noValidate aria-label="Execute a proposal on Stacks">
      <h3>Execute a proposal</h3>
      <TextField id={`${ids}-p`} label="Proposal contract" error={errors.proposal} value={proposal} onChange={setProposal} placeholder="ST….proposal-name" />
      <fieldset className="milestones">
        <legend>Treasury transfers the proposal makes</legend>
        {rows.length === 0 ? <p className="hint">None declared: the proposal must not pay anything out of the treasury.</p> : null}
        {rows.map((row, i) => (
          <div className="transfer-row" key={i} aria-label={`Treasury transfer ${i + 1}`} role="group">
            <AssetFields id={`${ids}-t${i}`} label={`Transfer ${i + 1} asset`} value={row.asset} onChange={(asset) => update(i, { asset })} error={errors.rows[i]?.asset} />
            <TextField
              id={`${ids}-t${i}-amount`}
              label={`Transfer ${i + 1} amount`}
              value={row.amount}
              onChange={(amount) => update(i, { amount })}
              error={errors.rows[i]?.amount}
            />
            <button type="button" className="link" onClick={() => setRows((l) => l.filter((_, j) => j !== i))}>
              Remove transfer {i + 1}
            </button>
          </div>
        ))}
        <button type="button" className="secondary" onClick={() => setRows((l) => [...l, { asset: emptyAsset(), amount: "" }])}>
          Add a treasury transfer
        </button>
      </fieldset>
      <p className="hint" data-testid="stacks-dao-execute-why">
        Why list them: your wallet sends this call in post-condition deny mode, where any asset leaving an account without a matching post-condition aborts the
        transaction. The proposal runs as the DAO and pays from <code>{dao.treasury}</code>, so each payment it makes (read them in its source) becomes “the treasury
        sends exactly this amount”. With a missing or wrong entry the transaction aborts — you lose only the fee and the proposal stays queued, ready to execute with
        the right list. Mints (e.g. WORX) need no entry.
      </p>
      <p className="hint">Anyone, once the proposal is queued and its timelock (eta block) has passed; it runs once.</p>
      <button type="submit" disabled={tx.busy}>
        Execute
      </button>
      <TxStatus state={tx.state} label="Execute on Stacks" testId="stacks-dao-execute" />
    </form>
  );
}

function CollectFeesForm({ d, dao, me, api }: FormProps) {
  const ids = useId();
  const [asset, setAsset] = useState<AssetInput>(emptyAsset);
  const [owed, setOwed] = useState("");
  const [errors, setErrors] = useState<{ asset?: string; amount?: string; read?: string }>({});
  const tx = useStacksTx(d);
  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    const a = parseAsset(dao, asset);
    const typed = owed.trim() === "" && api ? undefined : a.asset ? parseAmount(owed, a.decimals, a.symbol) : undefined;
    setErrors({ asset: a.error, amount: typed?.error });
    if (!a.asset || typed?.error) return;
    let amount = typed?.value;
    if (amount === undefined) {
      try {
        amount = await readSplitterCredit(api!, dao, a.asset, me);
      } catch (error) {
        return setErrors({ read: `Could not read the splitter's credit: ${message(error)} Type it instead.` });
      }
      if (amount === 0n) return setErrors({ read: "The escrow credits no fee to the splitter in this asset: there is nothing to collect." });
    }
    await tx.run(collectFeesCall(dao, a.asset, amount));
  }
  return (
    <form className="card form" onSubmit={onSubmit} noValidate aria-label="Collect Stacks fees">
      <h3>Collect fees</h3>
      <AssetFields id={`${ids}-a`} label="Asset" value={asset} onChange={setAsset} error={errors.asset} />
      <TextField
        id={`${ids}-o`}
        label={api ? "Fee credit (blank: read from the chain)" : "Fee credit"}
        error={errors.amount}
        value={owed}
        onChange={setOwed}
        hint={
          <>
            The escrow's credit for the splitter, <code>(get-credit token {dao.splitter.split(".")[1]})</code> on the escrow (token none for STX). The escrow may send
            exactly this to the splitter, which then splits it (treasury / operations).
          </>
        }
      />
      <ReadError error={errors.read} />
      <button type="submit" disabled={tx.busy}>
        Collect and split
      </button>
      <TxStatus state={tx.state} label="Collect fees on Stacks" testId="stacks-dao-collect" />
    </form>
  );
}

function ReleaseFeesForm({ d, dao, me, api }: FormProps) {
  const ids = useId();
  const [asset, setAsset] = useState<AssetInput>(emptyAsset);
  const [payee, setPayee] = useState<string>(dao.treasury);
  const [owed, setOwed] = useState("");
  const [errors, setErrors] = useState<{ asset?: string; payee?: string; amount?: string; read?: string }>({});
  const tx = useStacksTx(d);
  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    const a = parseAsset(dao, asset);
    const who = checkPrincipal(dao, payee, "payee");
    const typed = owed.trim() === "" && api ? undefined : a.asset ? parseAmount(owed, a.decimals, a.symbol) : undefined;
    setErrors({ asset: a.error, payee: who.error, amount: typed?.error });
    if (!a.asset || !who.value || typed?.error) return;
    let amount = typed?.value;
    if (amount === undefined) {
      try {
        amount = await readOwed(api!, dao, a.asset, who.value, me);
      } catch (error) {
        return setErrors({ read: `Could not read what is owed: ${message(error)} Type it instead.` });
      }
      if (amount === 0n) return setErrors({ read: "The splitter owes this payee nothing in this asset: collect (or distribute) first." });
    }
    await tx.run(releaseFeesCall(dao, a.asset, who.value, amount));
  }
  return (
    <form className="card form" onSubmit={onSubmit} noValidate aria-label="Release Stacks fees">
      <h3>Release fees</h3>
      <AssetFields id={`${ids}-a`} label="Asset" value={asset} onChange={setAsset} error={errors.asset} />
      <TextField
        id={`${ids}-p`}
        label="Payee"
        error={errors.payee}
        value={payee}
        onChange={setPayee}
        hint="The DAO treasury (the default) or the operations payee, (get-operations) on the splitter. Anyone may release: the money only goes to the payee."
      />
      <TextField
        id={`${ids}-o`}
        label={api ? "Amount owed (blank: read from the chain)" : "Amount owed"}
        error={errors.amount}
        value={owed}
        onChange={setOwed}
        hint={
          <>
            <code>(get-owed payee token)</code> on the splitter (token none for STX). It pays everything owed, so the splitter may send exactly this amount; any other
            amount aborts the transaction.
          </>
        }
      />
      <ReadError error={errors.read} />
      <button type="submit" disabled={tx.busy}>
        Release
      </button>
      <TxStatus state={tx.state} label="Release fees on Stacks" testId="stacks-dao-release" />
    </form>
  );
}

