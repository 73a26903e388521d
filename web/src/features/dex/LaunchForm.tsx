/**
 * The creator's launch form (shown to the creator's wallet once the launch milestone is reached):
 * name, symbol, initial supply, the supply released at each later milestone, and the holders'
 * share of revenue (default 10%). Checked before the wallet (./launchValidation.ts); the factory
 * deploys the coin and its empty pool; the pool's parameters are the factory's governed defaults.
 */
import { useId, useState, type FormEvent } from "react";
import type { Hex } from "viem";
import { useConfig } from "wagmi";
import { TxStatus } from "../../tx/TxStatus.tsx";
import { useEvmTx } from "../../tx/useTx.ts";
import { Field } from "../../ui/Field.tsx";
import { sendFactory } from "./contracts.ts";
import type { DexEnv } from "./DexShell.tsx";
import { COIN_DECIMALS, count, formatUnitsShort } from "./format.ts";
import { DEFAULT_HOLDER_SHARE, validateLaunch, type LaunchErrors } from "./launchValidation.ts";
import type { OracleInfo } from "./useOracle.ts";

export function LaunchForm({ env, creatorId, info, onLaunched }: { env: DexEnv; creatorId: Hex; info: OracleInfo; onLaunched: () => void }) {
  const config = useConfig();
  const id = useId();
  const later = info.thresholds.map((t, i) => ({ index: i, threshold: t })).filter((m) => m.index > info.launchIndex);
  const [name, setName] = useState("");
  const [symbol, setSymbol] = useState("");
  const [initialSupply, setInitialSupply] = useState("");
  const [releases, setReleases] = useState<string[]>(() => later.map(() => ""));
  const [holderShare, setHolderShare] = useState(DEFAULT_HOLDER_SHARE);
  const [errors, setErrors] = useState<LaunchErrors>();
  const tx = useEvmTx(env.chainId, {}, onLaunched);
  const input = { name, symbol, initialSupply, releases, holderShare };
  const checked = validateLaunch(input);
  const edit = (set: (v: string) => void) => (v: string) => {
    set(v);
    setErrors(undefined);
  };

  function onSubmit(e: FormEvent) {
    e.preventDefault();
    if (!env.me) return;
    if (checked.errors) return setErrors(checked.errors);
    setErrors(undefined);
    const a = checked.args;
    void tx.run(() => sendFactory(config, env.chainId, env.me!, env.dex.factory, "launch", [creatorId, a.name, a.symbol, a.initialSupply, a.releaseAmounts, a.holderShareBps]));
  }

  const fieldInput = (fid: string, value: string, set: (v: string) => void, error: string | undefined, placeholder: string, numeric = false) => (
    <input
      id={fid}
      autoComplete="off"
      spellCheck={false}
      inputMode={numeric ? "decimal" : undefined}
      placeholder={placeholder}
      value={value}
      onChange={(e) => edit(set)(e.target.value)}
      aria-invalid={!!error}
      aria-describedby={error ? `${fid}-error` : undefined}
    />
  );

  return (
    <form className="card form" onSubmit={onSubmit} noValidate aria-labelledby={`${id}-title`} data-testid="launch-form">
      <h2 id={`${id}-title`}>Launch your coin</h2>
      <p className="hint">
        You reached the launch milestone. Launching deploys your coin and its pool against the platform's stablecoin; you receive the initial supply and add the
        first liquidity yourself. Supply you schedule for later milestones is minted to you when you reach them; nothing else can ever be minted.
      </p>
      <Field id={`${id}-name`} label="Name" error={errors?.name}>
        {fieldInput(`${id}-name`, name, setName, errors?.name, "Dave Coin")}
      </Field>
      <Field id={`${id}-symbol`} label="Symbol" error={errors?.symbol}>
        {fieldInput(`${id}-symbol`, symbol, setSymbol, errors?.symbol, "DAVE")}
      </Field>
      <Field id={`${id}-initial`} label="Initial supply" error={errors?.initialSupply} hint="Minted to your wallet now.">
        {fieldInput(`${id}-initial`, initialSupply, setInitialSupply, errors?.initialSupply, "1000000", true)}
      </Field>
      {later.length ? (
        <fieldset className="field">
          <legend>Release schedule</legend>
          {later.map((m, i) => {
            const fid = `${id}-release-${m.index}`;
            return (
              <Field key={m.index} id={fid} label={`At ${count(m.threshold)} followers (milestone ${m.index + 1})`} error={errors?.releases[i]}>
                {fieldInput(
                  fid,
                  releases[i] ?? "",
                  (v) => setReleases((r) => r.map((x, j) => (j === i ? v : x))),
                  errors?.releases[i],
                  "0",
                  true,
                )}
              </Field>
            );
          })}
        </fieldset>
      ) : null}
      <Field id={`${id}-share`} label="Holders' share of revenue (%)" error={errors?.holderShare} hint="Part of every revenue deposit credited to coin holders pro rata; the rest is yours.">
        {fieldInput(`${id}-share`, holderShare, setHolderShare, errors?.holderShare, "10", true)}
      </Field>
      {errors?.total ? (
        <p className="field-error" role="alert" data-testid="launch-total-error">
          {errors.total}
        </p>
      ) : null}
      {checked.args ? (
        <p className="preview" data-testid="launch-preview">
          {checked.args.symbol}: {formatUnitsShort(checked.args.initialSupply, COIN_DECIMALS)} now, at most {formatUnitsShort(checked.args.maxSupply, COIN_DECIMALS)} ever;
          holders earn {checked.args.holderShareBps / 100}% of each revenue deposit.
        </p>
      ) : null}
      <button type="submit" disabled={tx.busy || !env.me} data-testid="launch">
        Launch coin
      </button>
      <TxStatus state={tx.state} label="Launch" testId="launch" />
    </form>
  );
}
