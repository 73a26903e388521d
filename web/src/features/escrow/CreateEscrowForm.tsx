/**
 * New EVM escrow: freelancer, token, 1–50 milestone amounts. Everything is checked here before
 * the wallet is asked; the write is simulated first, so a revert is explained without gas spent.
 */
import { useId, useMemo, useState, type FormEvent } from "react";
import { parseEventLogs, type Address } from "viem";
import { useConfig, useReadContract } from "wagmi";
import { simulateContract, writeContract } from "wagmi/actions";
import { milestoneEscrowAbi } from "../../../../generated/abis.ts";
import { escrowAddress, tokenOptions, type TokenOption } from "../../chains/evm.ts";
import { useRefreshEscrows } from "../../indexer/escrows.ts";
import { TxStatus } from "../../tx/TxStatus.tsx";
import { useEvmTx } from "../../tx/useTx.ts";
import { useEvmSession } from "../wallet/useEvmSession.ts";
import { formatAmount, useTokenBalance, useTokenInfo } from "./tokens.ts";
import { MAX_MILESTONES, validateEvmFreelancer, validateMilestones, type MilestoneErrors } from "./validation.ts";

interface Errors extends MilestoneErrors {
  freelancer?: string;
}

export function CreateEscrowForm() {
  const { address, connected, chain } = useEvmSession();
  if (!chain) return <p className="notice">No EVM chain has a Worx deployment yet.</p>;
  return <CreateEscrowFormOn chainId={chain.chain.id} chainName={chain.info.name} address={address} connected={connected} />;
}

function CreateEscrowFormOn({ chainId, chainName, address, connected }: { chainId: number; chainName: string; address?: Address; connected: boolean }) {
  const config = useConfig();
  const formId = useId();
  const options = useMemo(() => tokenOptions(chainId), [chainId]);
  const [freelancer, setFreelancer] = useState("");
  const [tokenAddress, setTokenAddress] = useState<Address>(() => (options.find((o) => !o.native) ?? options[0])!.address);
  const [amounts, setAmounts] = useState<string[]>([""]);
  const [errors, setErrors] = useState<Errors>({ amounts: [] });
  const [created, setCreated] = useState<bigint | undefined>();
  const token = useTokenInfo(chainId, tokenAddress);
  const balance = useTokenBalance(chainId, tokenAddress, address);
  const refresh = useRefreshEscrows();
  // The fee new escrows get (fixed at creation), live from chain: governance may change it.
  const fee = useReadContract({ chainId: chainId as never, address: escrowAddress(chainId), abi: milestoneEscrowAbi, functionName: "platformFeeBps", query: { refetchInterval: 10_000 } });
  const format = (v: bigint) => formatAmount(v, token);
  const tx = useEvmTx(chainId, { formatAmount: format }, (receipt) => {
    const [event] = parseEventLogs({ abi: milestoneEscrowAbi, logs: receipt.logs, eventName: "EscrowCreated" });
    setCreated(event?.args.escrowId);
    setFreelancer("");
    setAmounts([""]);
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
    const next: Errors = { ...milestones.errors, freelancer: who.error };
    setErrors(next);
    if (who.address === undefined || !milestones.values) return;
    const hire = who.address;
    const values = milestones.values;
    if (!connected || !address) {
      setErrors({ ...next, total: "Connect your wallet first." });
      return;
    }
    await tx.run(async () => {
      const { request } = await simulateContract(config, {
        chainId: chainId as never,
        account: address,
        address: escrowAddress(chainId),
        abi: milestoneEscrowAbi,
        functionName: "createEscrow",
        args: [hire, tokenAddress, values],
      });
      return writeContract(config, request);
    });
  }

  const setAmount = (i: number, v: string) => setAmounts((list) => list.map((a, j) => (j === i ? v : a)));
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
        <select id={`${formId}-token`} value={tokenAddress} onChange={(e) => setTokenAddress(e.target.value as Address)}>
          {options.map((o) => (
            <TokenOptionItem key={o.address} chainId={chainId} option={o} />
          ))}
        </select>
        {address && balance.value !== undefined && token.ready ? <p className="hint">Your balance: {format(balance.value)}</p> : null}
      </div>
      <fieldset className="milestones">
        <legend>Milestones</legend>
        {amounts.map((amount, i) => (
          <div className="milestone-input" key={i}>
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
              {amounts.length > 1 ? (
                <button type="button" className="link" aria-label={`Remove milestone ${i + 1}`} onClick={() => setAmounts((l) => l.filter((_, j) => j !== i))}>
                  Remove
                </button>
              ) : null}
            </div>
            {fieldError(`error-amount-${i}`, errors.amounts[i])}
          </div>
        ))}
        <button type="button" className="secondary" disabled={amounts.length >= MAX_MILESTONES} onClick={() => setAmounts((l) => [...l, ""])}>
          Add milestone
        </button>
        {fieldError("error-count", errors.count)}
      </fieldset>
      <p className="total">
        Total: <strong data-testid="create-total">{runningTotal !== undefined ? format(runningTotal) : "—"}</strong>
      </p>
      {fieldError("error-total", errors.total)}
      {fee.data !== undefined ? (
        <p className="hint" data-testid="create-fee">
          Platform fee: {fee.data / 100}% of each released milestone, fixed when the escrow is created.
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

function TokenOptionItem({ chainId, option }: { chainId: number; option: TokenOption }) {
  const info = useTokenInfo(chainId, option.symbol ? undefined : option.address);
  const label = option.symbol ?? (info.ready ? info.symbol : option.address);
  return <option value={option.address}>{option.native ? `${label} (native coin)` : label}</option>;
}
