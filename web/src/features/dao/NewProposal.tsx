/**
 * `#/dao/new`: the proposal builder. Three kinds of proposal: a treasury transfer (the native coin
 * or an allowlisted token; recipient and amount validated against the treasury's live balance), a
 * parameter change from a menu of governed setters, or an arbitrary call (a target from the
 * registry, a function from its ABI, typed arguments). The preview decodes the call exactly as the
 * proposal page will. Before the wallet is asked, the proposer's votes are checked against the
 * proposal threshold, and a refusal says why in words.
 */
import { useId, useMemo, useState, type FormEvent } from "react";
import { encodeFunctionData, parseEventLogs, parseUnits, type Abi, type Address } from "viem";
import { useConfig } from "wagmi";
import { readContract } from "wagmi/actions";
import { feeSplitterAbi, milestoneEscrowAbi, workRewardsAbi, worxGovernorAbi, worxTokenAbi } from "../../../../generated/abis.ts";
import { deployments } from "../../../../generated/deployments.ts";
import { proposalHref } from "../../app/routes.ts";
import { contractAddress, type WorxContract } from "../../chains/evm.ts";
import { evmCaip2 } from "../../../../scripts/registry/chains.ts";
import { TxStatus } from "../../tx/TxStatus.tsx";
import { useEvmTx } from "../../tx/useTx.ts";
import { useRefreshDao } from "../../indexer/dao.ts";
import { abiOf } from "../admin/decode.ts";
import { humanDuration, shortHex } from "../admin/format.ts";
import { formatAmount } from "../escrow/tokens.ts";
import { formatWorx, sendDao, useGovernorInfo, type GovernorInfo } from "./contracts.ts";
import type { DaoEnv } from "./DaoPage.tsx";
import { describeProposalCall, useTokenBook, type ProposalCall } from "./decode.ts";
import {
  arbitraryCall,
  parseBps,
  parseHours,
  proposalDescription,
  signatureOf,
  treasuryTransfer,
  writableFunctions,
  type Checked,
} from "./proposalBuilder.ts";
import { useTreasuryBalances } from "./treasury.ts";

type Kind = "treasury" | "parameter" | "custom";

/** The governed setters offered in the menu: contract, function, what the value means. */
type SetterId = "daoShare" | "rewardRate" | "clientShare" | "platformFee" | "votingDelay" | "votingPeriod" | "threshold";
const SETTERS: Record<SetterId, { contract: WorxContract; fn: string; label: string; input: string; placeholder: string }> = {
  daoShare: { contract: "FeeSplitter", fn: "setDaoShare", label: "Fee split: DAO treasury share", input: "DAO share of fees (%)", placeholder: "70" },
  rewardRate: { contract: "WorkRewards", fn: "setRewardRate", label: "Work rewards: WORX per token unit", input: "WORX per whole token paid", placeholder: "1" },
  clientShare: { contract: "WorkRewards", fn: "setClientShare", label: "Work rewards: client share", input: "Client share of the freelancer's reward (%)", placeholder: "50" },
  platformFee: { contract: "MilestoneEscrow", fn: "setPlatformFee", label: "Escrow: platform fee", input: "Platform fee (%)", placeholder: "10" },
  votingDelay: { contract: "WorxGovernor", fn: "setVotingDelay", label: "Governor: voting delay", input: "Voting delay (hours)", placeholder: "24" },
  votingPeriod: { contract: "WorxGovernor", fn: "setVotingPeriod", label: "Governor: voting period", input: "Voting period (hours)", placeholder: "120" },
  threshold: { contract: "WorxGovernor", fn: "setProposalThreshold", label: "Governor: proposal threshold", input: "Proposal threshold (WORX)", placeholder: "1000" },
};

function setterCall(chainId: number, id: SetterId, text: string, token: { token: Address; decimals: number; native: boolean } | undefined): Checked<ProposalCall> {
  const setter = SETTERS[id];
  const target = contractAddress(chainId, setter.contract);
  if (!target) return { error: `${setter.contract} is not deployed on this chain.` };
  const call = (abi: Abi, args: unknown[]): Checked<ProposalCall> => ({
    value: { target, value: 0n, data: encodeFunctionData({ abi, functionName: setter.fn, args } as never) },
  });
  switch (id) {
    case "daoShare":
    case "clientShare":
    case "platformFee": {
      const bps = parseBps(text);
      if (bps.error !== undefined) return bps;
      return call(id === "daoShare" ? feeSplitterAbi : id === "clientShare" ? workRewardsAbi : milestoneEscrowAbi, [bps.value]);
    }
    case "rewardRate": {
      if (!token) return { error: "Choose the token whose reward rate changes." };
      const s = text.trim();
      if (!/^(\d+(\.\d*)?|\.\d+)$/.test(s)) return { error: "Enter a number of WORX, like 1 or 0.5 (0 stops the rewards for this token)." };
      // WorkRewards: reward = value (token units) * rate / 1e18, so WORX wei per whole token = rate * 10^decimals / 1e18.
      // The native coin is the zero address there, as in the treasury's token list.
      const rate = (parseUnits(s, 18) * 10n ** 18n) / 10n ** BigInt(token.decimals);
      return call(workRewardsAbi, [token.token, rate]);
    }
    case "votingDelay":
    case "votingPeriod": {
      const seconds = parseHours(text, id === "votingDelay" ? 2n ** 48n - 1n : 2n ** 32n - 1n);
      if (seconds.error !== undefined) return seconds;
      return call(worxGovernorAbi, [Number(seconds.value)]);
    }
    case "threshold": {
      const s = text.trim();
      if (!/^(\d+(\.\d*)?|\.\d+)$/.test(s)) return { error: "Enter a number of WORX, like 1000." };
      return call(worxGovernorAbi, [parseUnits(s, 18)]);
    }
  }
}

export function NewProposal({ env }: { env: DaoEnv }) {
  const config = useConfig();
  const id = useId();
  const { chainId, dao, me } = env;
  const governor = useGovernorInfo(chainId, dao);
  const treasury = useTreasuryBalances(chainId, dao.timelock);
  const refresh = useRefreshDao();
  const [kind, setKind] = useState<Kind>("treasury");
  const [title, setTitle] = useState("");
  const [body, setBody] = useState("");
  // treasury transfer
  const [tokenIndex, setTokenIndex] = useState(0);
  const [recipient, setRecipient] = useState("");
  const [amount, setAmount] = useState("");
  // parameter change
  const [setter, setSetter] = useState<SetterId>("daoShare");
  const [setterValue, setSetterValue] = useState("");
  // arbitrary call
  const targets = Object.entries(deployments[evmCaip2(chainId)]?.contracts ?? {}).filter(([name]) => abiOf(name));
  const [targetName, setTargetName] = useState(targets[0]?.[0] ?? "");
  const abi = abiOf(targetName);
  const functions = useMemo(() => (abi ? writableFunctions(abi) : []), [abi]);
  const [fnSig, setFnSig] = useState("");
  const fn = functions.find((f) => signatureOf(f) === fnSig) ?? functions[0];
  const [argTexts, setArgTexts] = useState<string[]>([]);

  const [error, setError] = useState<string>();
  const [created, setCreated] = useState<bigint>();
  const tx = useEvmTx(chainId, { formatWorx: (v) => formatWorx(v), treasury: dao.timelock }, (receipt) => {
    const [event] = parseEventLogs({ abi: worxGovernorAbi, logs: receipt.logs, eventName: "ProposalCreated" });
    if (event) setCreated(event.args.proposalId);
    void refresh();
  });

  const token = treasury.balances[tokenIndex];
  const built: Checked<ProposalCall> =
    kind === "treasury"
      ? treasuryTransfer(token, recipient, amount)
      : kind === "parameter"
        ? setterCall(chainId, setter, setterValue, token)
        : arbitraryCall(targets.find(([name]) => name === targetName)?.[1], abi, fn, argTexts);
  const book = useTokenBook(chainId, treasury.balances.map((b) => b.token), env.nativeSymbol);
  const preview = built.value ? describeProposalCall(chainId, built.value, book, env.nativeSymbol) : undefined;
  const edited = () => {
    setError(undefined);
    setCreated(undefined);
    tx.reset();
  };

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    setCreated(undefined);
    const description = proposalDescription(title, body);
    const problem = built.error ?? description.error;
    if (problem !== undefined) return setError(problem);
    setError(undefined);
    if (!me) return tx.refuse("Connect your wallet to propose.");
    const info = governor.info;
    if (!info) return tx.refuse("The governor's settings are still being read from chain: try again in a moment.");
    // The governor counts the proposer's votes one second before the proposal (clock() - 1).
    const refusal = await thresholdRefusal(me, info);
    if (refusal) return tx.refuse(refusal);
    const call = built.value!;
    await tx.run(() => sendDao(config, chainId, me, dao.governor, worxGovernorAbi, "propose", [[call.target], [call.value], [call.data], description.value!]));
  }

  async function thresholdRefusal(account: Address, info: GovernorInfo): Promise<string | undefined> {
    const read = <T,>(address: Address, abi: Abi, functionName: string, args: readonly unknown[] = []) =>
      readContract(config, { chainId: chainId as never, address, abi, functionName, args } as never) as Promise<T>;
    const clock = await read<number>(dao.governor, worxGovernorAbi, "clock");
    const votes = await read<bigint>(dao.governor, worxGovernorAbi, "getVotes", [account, BigInt(clock - 1)]);
    if (votes >= info.proposalThreshold) return undefined;
    const [balance, delegate] = await Promise.all([
      read<bigint>(dao.token, worxTokenAbi, "balanceOf", [account]),
      read<Address>(dao.token, worxTokenAbi, "delegates", [account]),
    ]);
    const base = `Proposing needs at least ${formatWorx(info.proposalThreshold)} of votes (the DAO's proposal threshold), and your account has ${formatWorx(votes)}.`;
    if (/^0x0{40}$/.test(delegate) && balance > 0n)
      return `${base} You hold ${formatWorx(balance)} but have not delegated them: votes count only once delegated. Delegate to yourself on the Staking page, then propose.`;
    if (!/^0x0{40}$/.test(delegate) && delegate.toLowerCase() !== account.toLowerCase())
      return `${base} Your ${formatWorx(balance)} are delegated to ${shortHex(delegate)}: delegate them to yourself to propose, or ask a delegate with enough votes to propose it.`;
    return `${base} Earn WORX by completing jobs (work rewards) or ask a member with enough votes to propose it.`;
  }

  return (
    <form className="card form" onSubmit={onSubmit} noValidate aria-labelledby={`${id}-title`} data-testid="new-proposal">
      <h2 id={`${id}-title`}>New proposal</h2>
      {governor.info ? (
        <p className="hint" data-testid="governor-rules">
          Proposing needs {formatWorx(governor.info.proposalThreshold)} of votes. Voting opens {humanDuration(Number(governor.info.votingDelay))} after the proposal and
          lasts {humanDuration(Number(governor.info.votingPeriod))}; it passes with more For than Against and a quorum of {governor.info.quorumNumerator.toString()}% of
          the supply (For + Abstain), then waits {humanDuration(Number(governor.info.timelockDelay))} in the timelock before anyone may execute it.
        </p>
      ) : null}
      <div className="field">
        <label htmlFor={`${id}-kind`}>Kind</label>
        <select
          id={`${id}-kind`}
          value={kind}
          onChange={(e) => {
            setKind(e.target.value as Kind);
            edited();
          }}
        >
          <option value="treasury">Treasury transfer</option>
          <option value="parameter">Parameter change</option>
          <option value="custom">Arbitrary call</option>
        </select>
      </div>
      {kind === "treasury" || (kind === "parameter" && setter === "rewardRate") ? (
        <div className="field">
          <label htmlFor={`${id}-token`}>{kind === "treasury" ? "Send" : "Token"}</label>
          <select
            id={`${id}-token`}
            value={tokenIndex}
            onChange={(e) => {
              setTokenIndex(Number(e.target.value));
              edited();
            }}
          >
            {treasury.balances.map((b, i) => (
              <option key={b.token} value={i}>
                {b.symbol}
                {kind === "treasury" ? ` — treasury holds ${b.balance === undefined ? "…" : formatAmount(b.balance, b)}` : ""}
              </option>
            ))}
          </select>
        </div>
      ) : null}
      {kind === "treasury" ? (
        <>
          <div className="field">
            <label htmlFor={`${id}-recipient`}>Recipient</label>
            <input
              id={`${id}-recipient`}
              autoComplete="off"
              spellCheck={false}
              placeholder="0x…"
              value={recipient}
              onChange={(e) => {
                setRecipient(e.target.value);
                edited();
              }}
            />
          </div>
          <div className="field">
            <label htmlFor={`${id}-amount`}>Amount</label>
            <div className="row">
              <input
                id={`${id}-amount`}
                inputMode="decimal"
                placeholder="250"
                value={amount}
                onChange={(e) => {
                  setAmount(e.target.value);
                  edited();
                }}
              />
              <span className="unit">{token?.symbol}</span>
            </div>
          </div>
        </>
      ) : kind === "parameter" ? (
        <>
          <div className="field">
            <label htmlFor={`${id}-setter`}>Parameter</label>
            <select
              id={`${id}-setter`}
              value={setter}
              onChange={(e) => {
                setSetter(e.target.value as SetterId);
                setSetterValue("");
                edited();
              }}
            >
              {(Object.keys(SETTERS) as SetterId[]).map((s) => (
                <option key={s} value={s} disabled={!contractAddress(chainId, SETTERS[s].contract)}>
                  {SETTERS[s].label} ({SETTERS[s].contract}.{SETTERS[s].fn})
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor={`${id}-value`}>{SETTERS[setter].input}</label>
            <input
              id={`${id}-value`}
              inputMode="decimal"
              placeholder={SETTERS[setter].placeholder}
              value={setterValue}
              onChange={(e) => {
                setSetterValue(e.target.value);
                edited();
              }}
            />
          </div>
        </>
      ) : (
        <>
          <div className="field">
            <label htmlFor={`${id}-target`}>Contract</label>
            <select
              id={`${id}-target`}
              value={targetName}
              onChange={(e) => {
                setTargetName(e.target.value);
                setFnSig("");
                setArgTexts([]);
                edited();
              }}
            >
              {targets.map(([name, address]) => (
                <option key={name} value={name}>
                  {name} · {shortHex(address)}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor={`${id}-fn`}>Function</label>
            <select
              id={`${id}-fn`}
              value={fn ? signatureOf(fn) : ""}
              onChange={(e) => {
                setFnSig(e.target.value);
                setArgTexts([]);
                edited();
              }}
            >
              {functions.map((f) => (
                <option key={signatureOf(f)} value={signatureOf(f)}>
                  {signatureOf(f)}
                </option>
              ))}
            </select>
          </div>
          {fn?.inputs.map((param, i) => (
            <div className="field" key={`${signatureOf(fn)}-${i}`}>
              <label htmlFor={`${id}-arg-${i}`}>
                {param.name || `argument ${i + 1}`} <span className="muted">({param.type})</span>
              </label>
              <input
                id={`${id}-arg-${i}`}
                autoComplete="off"
                spellCheck={false}
                placeholder={param.type.endsWith("]") || param.type === "tuple" ? "JSON, e.g. [1, 2]" : param.type}
                value={argTexts[i] ?? ""}
                onChange={(e) => {
                  const next = [...argTexts];
                  next[i] = e.target.value;
                  setArgTexts(next);
                  edited();
                }}
              />
            </div>
          ))}
        </>
      )}
      <div className="field">
        <label htmlFor={`${id}-ptitle`}>Title</label>
        <input
          id={`${id}-ptitle`}
          placeholder="Grant 250 dUSD to the docs team"
          value={title}
          onChange={(e) => {
            setTitle(e.target.value);
            edited();
          }}
        />
      </div>
      <div className="field">
        <label htmlFor={`${id}-body`}>Description</label>
        <textarea
          id={`${id}-body`}
          rows={4}
          placeholder="Why, and what it changes."
          value={body}
          onChange={(e) => {
            setBody(e.target.value);
            edited();
          }}
        />
      </div>
      {error ? (
        <p className="field-error" role="alert" data-testid="proposal-error">
          {error}
        </p>
      ) : null}
      {preview ? (
        <p className="preview" data-testid="proposal-preview">
          <span className="muted">Call:</span> {preview.call}
          {preview.summary ? <span className="muted"> — {preview.summary}</span> : null}
        </p>
      ) : null}
      <button type="submit" disabled={tx.busy} data-testid="submit-proposal">
        Propose
      </button>
      <TxStatus state={tx.state} label="Propose" testId="propose" />
      {created !== undefined ? (
        <p className="success" data-testid="proposal-created">
          Proposal created. <a href={proposalHref(env.caip2, created)} data-testid="proposal-created-link">Open it</a> to follow the vote.
        </p>
      ) : null}
    </form>
  );
}
