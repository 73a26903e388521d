/**
 * Launch a creator coin on Stacks, in two wallet requests: 1) deploy a copy of the coin template
 * under your address (the exact bytes of clarity/contracts/dex/creator-coin.clar, bundled by the
 * build: creator-factory accepts only that code hash); 2) creator-factory `launch` with that copy,
 * the supply schedule and the holders' revenue share. Both move nothing (launch mints the initial
 * supply to you), so both go out in deny mode with no post-condition. Refused before the wallet,
 * when the oracle can be read: a wallet other than the creator's, the launch milestone not
 * reached, a coin already launched.
 */
import { request } from "@stacks/connect";
import { useId, useState, type FormEvent } from "react";
import { TxStatus } from "../../../tx/TxStatus.tsx";
import type { TxState } from "../../../tx/useTx.ts";
import { TextField } from "../../../ui/Field.tsx";
import { explainStacksError } from "../../escrow/stacks/errors.ts";
import { useStacksTx } from "../../escrow/stacks/useStacksTx.ts";
import { parsePercent } from "../../escrow/money.ts";
import { parseAmount } from "../../escrow/validation.ts";
import { count } from "../format.ts";
import { checkAscii, CONTRACT_NAME, deployCoinParams, launchCall, MAX_RELEASES, MAX_RESERVE, type LaunchTerms, type Principal } from "./calls.ts";
import type { DexContext } from "./StacksDexSection.tsx";
import { COIN_TEMPLATE_SOURCE } from "./template.ts";

const COIN = { decimals: 6, symbol: "coins" };

interface Errors {
  name?: string;
  symbol?: string;
  supply?: string;
  releases?: string;
  share?: string;
  contract?: string;
  who?: string;
}

/** The typed terms, or the errors to show. */
function parseTerms(ctx: DexContext, f: { name: string; symbol: string; supply: string; releases: string; share: string; contract: string }) {
  const errors: Errors = { name: checkAscii(f.name, "name"), symbol: checkAscii(f.symbol, "symbol") };
  const supply = parseAmount(f.supply, COIN.decimals, COIN.symbol);
  errors.supply = supply.error;
  const parts = f.releases.trim() === "" ? [] : f.releases.split(",");
  const releases: bigint[] = [];
  for (const [i, part] of parts.entries()) {
    const r = parseAmount(part, COIN.decimals, COIN.symbol);
    if (r.error) {
      errors.releases = `Release ${i + 1}: ${r.error}`;
      break;
    }
    releases.push(r.value!);
  }
  if (!errors.releases && parts.length > MAX_RELEASES) errors.releases = `At most ${MAX_RELEASES} releases.`;
  if (!errors.supply && !errors.releases && (supply.value ?? 0n) + releases.reduce((s, a) => s + a, 0n) > MAX_RESERVE)
    errors.releases = "The initial supply plus every release is above the contract's bound of 100,000,000,000 coins.";
  const share = f.share.trim() === "" ? { error: "Enter the holders' share of revenue in percent (10 by default)." } : parsePercent(f.share);
  errors.share = share.error;
  if (!CONTRACT_NAME.test(f.contract.trim())) errors.contract = "A contract name starts with a letter, then letters, digits, '-' or '_' (at most 40).";
  const c = ctx.creator;
  if (c) {
    if (c.coin) errors.who = `This creator already launched a coin (${c.coin}): one per creator.`;
    else if (c.creator !== ctx.me)
      errors.who = c.creator
        ? `Only the creator's wallet (${c.creator}, bound by the oracle's first report) can launch this coin; you are connected as ${ctx.me}.`
        : "The oracle has no report for this creator yet: nobody can launch its coin.";
    else if (c.milestonesReached <= c.launchIndex)
      errors.who = `The launch milestone (${count(c.thresholds[c.launchIndex] ?? 0n)} followers) is not reached yet: the factory refuses a launch before it.`;
  }
  const ok = Object.values(errors).every((e) => !e);
  const terms: LaunchTerms | undefined = ok
    ? { creatorId: ctx.creatorId, name: f.name, symbol: f.symbol, initialSupply: supply.value!, releases, holderShareBps: share.bps! }
    : undefined;
  return { errors, terms, contract: `${ctx.me}.${f.contract.trim()}` as Principal };
}

export function LaunchForm({ ctx }: { ctx: DexContext }) {
  const ids = useId();
  const [name, setName] = useState("");
  const [symbol, setSymbol] = useState("");
  const [supply, setSupply] = useState("");
  const [releases, setReleases] = useState("");
  const [share, setShare] = useState("10");
  const [contract, setContract] = useState("");
  const [errors, setErrors] = useState<Errors>({});
  const [deploy, setDeploy] = useState<TxState>({ status: "idle" });
  const tx = useStacksTx(ctx.d);
  const contractName = contract || (symbol.trim() ? `${symbol.trim().toLowerCase().replace(/[^a-z0-9-]/g, "-")}-coin` : "");
  const fields = { name, symbol, supply, releases, share, contract: contractName };
  const c = ctx.creator;
  const later = c ? c.thresholds.slice(c.launchIndex + 1) : [];

  async function onDeploy() {
    const parsed = parseTerms(ctx, fields);
    setErrors(parsed.errors);
    if (!parsed.terms) return;
    setDeploy({ status: "wallet" });
    try {
      const result = await request("stx_deployContract", deployCoinParams(ctx.dex, contractName, COIN_TEMPLATE_SOURCE));
      if (!result.txid) throw new Error("The wallet did not return a transaction id.");
      setDeploy({ status: "sent", hash: result.txid });
    } catch (error) {
      setDeploy({ status: "failed", reason: explainStacksError(error) });
    }
  }

  async function onLaunch(e: FormEvent) {
    e.preventDefault();
    const parsed = parseTerms(ctx, fields);
    setErrors(parsed.errors);
    if (!parsed.terms) return;
    await tx.run(launchCall(ctx.dex, parsed.contract, parsed.terms));
  }

  return (
    <form className="card form" onSubmit={onLaunch} noValidate aria-label="Launch a Stacks creator coin">
      <h3>Launch {ctx.handle}'s coin</h3>
      <TextField id={`${ids}-n`} label="Coin name" error={errors.name} value={name} onChange={setName} placeholder="Dave Coin" />
      <TextField id={`${ids}-s`} label="Symbol" error={errors.symbol} value={symbol} onChange={setSymbol} placeholder="DAVE" />
      <TextField id={`${ids}-i`} label="Initial supply (coins)" error={errors.supply} value={supply} onChange={setSupply} hint="Minted to you at launch; 6 decimals." />
      <TextField
        id={`${ids}-r`}
        label="Releases at later milestones (coins, comma-separated)"
        error={errors.releases}
        value={releases}
        onChange={setReleases}
        placeholder="250000, 250000"
        hint={
          later.length
            ? `Release 1 at ${count(later[0]!)} followers${later[1] !== undefined ? `, release 2 at ${count(later[1])}` : ""}, and so on: minted to you when the oracle reports each milestone (anyone may trigger it).`
            : "Release i is minted to you when the oracle reports milestone launch + i (anyone may trigger it)."
        }
      />
      <TextField id={`${ids}-h`} label="Holders' share of revenue (%)" error={errors.share} value={share} onChange={setShare} hint="Of every revenue deposit, paid to holders pro rata; the rest is yours." />
      <TextField
        id={`${ids}-c`}
        label="Contract name"
        error={errors.contract}
        value={contractName}
        onChange={setContract}
        hint={
          <>
            Your copy of the coin template is deployed as <code>{`${ctx.me}.${contractName || "…"}`}</code>: the exact source of creator-coin.clar (Clarity 4), the
            only code the factory accepts.
          </>
        }
      />
      {errors.who ? (
        <p className="field-error" role="alert">
          {errors.who}
        </p>
      ) : null}
      <div className="row">
        <button type="button" className="secondary" onClick={() => void onDeploy()} disabled={deploy.status === "wallet"}>
          1. Deploy coin contract
        </button>
        <button type="submit" disabled={tx.busy}>
          2. Launch coin
        </button>
      </div>
      <p className="hint">Launch once the deployment is in a block (the wallet sends both in order). Neither moves any asset: deny mode, no post-condition.</p>
      <TxStatus state={deploy} label="Deploy the coin contract" testId="stacks-dex-deploy" />
      <TxStatus state={tx.state} label="Launch on Stacks" testId="stacks-dex-launch" />
      {tx.state.status === "confirmed" && ctx.reader ? (
        <button type="button" onClick={() => void ctx.reload()}>
          Open the coin's market
        </button>
      ) : null}
    </form>
  );
}
