/**
 * Propose a common admin operation on the escrow. The input is checked here first (fee within the
 * contract's cap, addresses valid, nothing that would fail when executed); the preview shows the
 * call exactly as the queue will decode it, with its class. "Sign and propose" asks the wallet for
 * the operation's EIP-712 signature and submits it (`approveWithSignatures` proposes a new
 * operation with the signer's approval), simulated first so a revert is explained without gas.
 */
import { useId, useMemo, useState, type FormEvent } from "react";
import { parseEventLogs } from "viem";
import { useConfig, useReadContract } from "wagmi";
import { signTypedData, simulateContract, writeContract } from "wagmi/actions";
import { worxMultisigAbi } from "../../../../generated/abis.ts";
import { TxStatus } from "../../tx/TxStatus.tsx";
import { useEvmTx } from "../../tx/useTx.ts";
import { decodeCall, describeCall } from "./decode.ts";
import { notOwnerReason, type AdminEnv } from "./env.ts";
import { humanDuration, percentOfBps, shortHex } from "./format.ts";
import { classOfIndex, multisigDomain, OPERATION_TYPES } from "./multisig.ts";
import { buildCall, nextOperation, proposalLabels, type ProposalKind } from "./proposals.ts";

export function ProposeForm({ env }: { env: AdminEnv }) {
  const config = useConfig();
  const formId = useId();
  const { info, chainId } = env;
  const [kind, setKind] = useState<ProposalKind>("fee");
  const [fee, setFee] = useState("");
  const [recipient, setRecipient] = useState("");
  const [account, setAccount] = useState("");
  const [allowed, setAllowed] = useState(true);
  const [error, setError] = useState<string>();
  const [proposed, setProposed] = useState<string>();
  const tx = useEvmTx(chainId, { nativeSymbol: env.nativeSymbol }, (receipt) => {
    const [event] = parseEventLogs({ abi: worxMultisigAbi, logs: receipt.logs, eventName: "OperationProposed" });
    setProposed(event?.args.operationId);
    setFee("");
    setRecipient("");
    setAccount("");
    env.refresh();
  });

  // The preview follows the input; errors show after a submit attempt, until the input changes.
  const built = useMemo(() => buildCall(kind, { fee, recipient, account, allowed }, info), [kind, fee, recipient, account, allowed, info]);
  const preview = built.value ? decodeCall(chainId, info.escrow, built.value, 0n) : undefined;
  const opClass = useReadContract({
    chainId: chainId as never,
    address: info.multisig,
    abi: worxMultisigAbi,
    functionName: "classOf",
    args: [info.escrow, built.value ?? "0x"],
    query: { enabled: !!built.value },
  });
  const cls = opClass.data === undefined ? undefined : classOfIndex(opClass.data);

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    setProposed(undefined);
    if (built.error) return setError(built.error);
    setError(undefined);
    if (!env.isOwner || !env.me) return tx.refuse(notOwnerReason(env, "propose operations"));
    const account = env.me;
    await tx.run(async () => {
      const op = await nextOperation(config, info, env.caip2, { target: info.escrow, value: 0n, data: built.value! });
      const signature = await signTypedData(config, {
        account,
        domain: multisigDomain(chainId, info.multisig),
        types: OPERATION_TYPES,
        primaryType: "Operation",
        message: op,
      });
      const { request } = await simulateContract(config, {
        chainId: chainId as never,
        account,
        address: info.multisig,
        abi: worxMultisigAbi,
        functionName: "approveWithSignatures",
        args: [op, [{ signer: account, signature }]],
      });
      return writeContract(config, request);
    });
  }

  return (
    <form className="card form" onSubmit={onSubmit} noValidate aria-labelledby={`${formId}-title`} data-testid="propose-form">
      <h2 id={`${formId}-title`}>Propose an operation</h2>
      <div className="field">
        <label htmlFor={`${formId}-kind`}>Operation</label>
        <select
          id={`${formId}-kind`}
          value={kind}
          onChange={(e) => {
            setKind(e.target.value as ProposalKind);
            setError(undefined);
          }}
        >
          {(Object.keys(proposalLabels) as ProposalKind[]).map((k) => (
            <option key={k} value={k}>
              {proposalLabels[k]}
            </option>
          ))}
        </select>
      </div>
      {kind === "fee" ? (
        <div className="field">
          <label htmlFor={`${formId}-fee`}>New platform fee (%)</label>
          <div className="row">
            <input
              id={`${formId}-fee`}
              inputMode="decimal"
              placeholder="7.5"
              value={fee}
              onChange={(e) => {
                setFee(e.target.value);
                setError(undefined);
              }}
              aria-invalid={!!error}
              aria-describedby={`${formId}-fee-hint`}
            />
            <span className="unit">%</span>
          </div>
          <p className="hint" id={`${formId}-fee-hint`}>
            Now {percentOfBps(info.platformFeeBps)}; at most {percentOfBps(info.maxFeeBps)} (the contract's hard cap). Applies to escrows created after it
            executes.
          </p>
        </div>
      ) : kind === "recipient" ? (
        <div className="field">
          <label htmlFor={`${formId}-recipient`}>New fee recipient</label>
          <input
            id={`${formId}-recipient`}
            autoComplete="off"
            spellCheck={false}
            placeholder="0x…"
            value={recipient}
            onChange={(e) => {
              setRecipient(e.target.value);
              setError(undefined);
            }}
            aria-invalid={!!error}
          />
          <p className="hint">
            Now <code title={info.feeRecipient}>{shortHex(info.feeRecipient)}</code>.
          </p>
        </div>
      ) : kind === "arbiter" || kind === "token" ? (
        <div className="field">
          <label htmlFor={`${formId}-account`}>{kind === "arbiter" ? "Arbiter's address" : "Token address (0x000…000 for the native coin)"}</label>
          <input
            id={`${formId}-account`}
            autoComplete="off"
            spellCheck={false}
            placeholder="0x…"
            value={account}
            onChange={(e) => {
              setAccount(e.target.value);
              setError(undefined);
            }}
            aria-invalid={!!error}
          />
          {kind === "token" ? (
            <label className="row">
              <input type="checkbox" checked={allowed} onChange={(e) => setAllowed(e.target.checked)} /> New escrows may be paid in it
            </label>
          ) : (
            <p className="hint">An arbiter rules disputed milestones (any split), never on escrows it is a party of.</p>
          )}
        </div>
      ) : (
        <p className="hint">
          The escrow is {info.escrowPaused ? "paused: unpausing lets new escrows be created and funded again." : "running: there is nothing to unpause."}
        </p>
      )}
      {error ? (
        <p className="field-error" data-testid="propose-error" role="alert">
          {error}
        </p>
      ) : null}
      {preview ? (
        <p className="preview" data-testid="propose-preview">
          <span className="muted">Call:</span> {describeCall(preview)}
          {cls ? (
            <span className="muted">
              {" "}
              · {cls === "routine" ? "Routine" : "Critical"}: {info.thresholds[cls]} of {info.owners.length} owners, then {humanDuration(info.delays[cls])}
            </span>
          ) : null}
        </p>
      ) : null}
      <button type="submit" disabled={tx.busy}>
        Sign and propose
      </button>
      <TxStatus state={tx.state} label="Propose" testId="propose" />
      {proposed ? (
        <p className="success" data-testid="proposed-operation">
          Operation {shortHex(proposed, 10, 6)} proposed with your signature. It appears in the queue as soon as the indexer has it.
        </p>
      ) : null}
    </form>
  );
}
