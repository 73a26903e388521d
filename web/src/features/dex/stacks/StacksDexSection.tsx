/**
 * "Stacks creator coins": the Clarity DEX (clarity/contracts/dex/) on the #/stacks page
 * (lazy-loaded there). Pick a creator by handle (creator id = keccak256("worx:creator:" + handle),
 * the oracle's `(buff 32)` key): its metrics and milestone progress, the launch of its coin (the
 * creator deploys the template, then calls creator-factory `launch`), and once launched: swaps
 * with quotes from live reserves, liquidity, revenue deposit and claim, milestone releases.
 * Everything live is read through the chain's Stacks API (./reads.ts); without one, only the
 * launch (which needs no read) is offered. Every request goes out in post-condition deny mode
 * (./calls.ts); contract errors are explained by explainClarityResult.
 */
import { useQuery } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { hexToBytes } from "viem";
import { stacksApiUrl, type StacksDeployment } from "../../../chains/stacks.ts";
import { TextField } from "../../../ui/Field.tsx";
import { creatorIdOf } from "../contracts.ts";
import "../dex.css";
import { checkHandle, type StacksDex } from "./calls.ts";
import { ClaimRevenueForm } from "./ClaimRevenueForm.tsx";
import { CreatorMetrics } from "./CreatorMetrics.tsx";
import { stacksDexFor } from "./deployment.ts";
import { DepositRevenueForm } from "./DepositRevenueForm.tsx";
import { LaunchForm } from "./LaunchForm.tsx";
import { AddLiquidityForm } from "./AddLiquidityForm.tsx";
import { dexReader, readCreator, readMarket, type CreatorState, type DexReader, type MarketState } from "./reads.ts";
import { ReleaseForm } from "./ReleaseForm.tsx";
import { SwapForm } from "./SwapForm.tsx";
import { COIN_ASSET_NAME } from "./template.ts";

interface Props {
  d: StacksDeployment;
  me: string;
}

/** What every form of the section works with. */
export interface DexContext {
  d: StacksDeployment;
  dex: StacksDex;
  me: string;
  handle: string;
  creatorId: Uint8Array;
  /** Absent without a Stacks API. */
  reader?: DexReader;
  creator?: CreatorState;
  market?: MarketState;
  /** Reads everything again (after a transaction, or just before one); resolves to the fresh market. */
  reload: () => Promise<MarketState | undefined>;
}

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

export default function StacksDexSection({ d, me }: Props) {
  const dex = stacksDexFor(d);
  const [typed, setTyped] = useState("");
  const [handle, setHandle] = useState<string>();
  const [handleError, setHandleError] = useState<string>();
  if (!dex) {
    return (
      <p className="notice" data-testid="stacks-dex-disabled">
        This build has no Stacks deployment of creator coins on {d.name}.
      </p>
    );
  }
  const api = stacksApiUrl(d.caip2);
  function onOpen(e: FormEvent) {
    e.preventDefault();
    const h = checkHandle(typed);
    setHandleError(h.error);
    if (h.value) setHandle(h.value);
  }
  return (
    <section aria-labelledby="stacks-dex-title" data-testid="stacks-dex">
      <h3 id="stacks-dex-title" className="section-title">
        Stacks creator coins
      </h3>
      <p className="muted">
        Metrics oracle <code>{dex.oracle}</code> · factory <code>{dex.factory}</code> · pools <code>{dex.pool}</code>.{" "}
        {api
          ? "Metrics, reserves, balances and the chain's time are read from the Stacks API."
          : "No Stacks API is configured for this network: metrics, quotes and balances can't be read, so only launching a coin is offered."}
      </p>
      <form className="card form" onSubmit={onOpen} noValidate aria-label="Open a Stacks creator">
        <TextField
          id="stacks-dex-handle"
          label="Creator handle"
          value={typed}
          onChange={setTyped}
          error={handleError}
          placeholder="dave"
          hint="The creator's id in the oracle is keccak256(“worx:creator:” + handle), handle in lowercase."
        />
        <button type="submit">Open creator</button>
      </form>
      {handle ? <CreatorPanels key={handle} d={d} dex={dex} me={me} handle={handle} api={api} /> : null}
    </section>
  );
}

function CreatorPanels({ d, dex, me, handle, api }: { d: StacksDeployment; dex: StacksDex; me: string; handle: string; api: string | undefined }) {
  const creatorId = hexToBytes(creatorIdOf(handle));
  const reader = api ? dexReader(api, dex, me) : undefined;
  const query = useQuery({
    queryKey: ["stacks-dex", d.caip2, handle, me],
    enabled: !!reader,
    queryFn: async () => {
      const creator = await readCreator(reader!, creatorId);
      const market = creator.coin ? await readMarket(reader!, creator.coin, COIN_ASSET_NAME, me) : undefined;
      return { creator, market };
    },
  });
  const ctx: DexContext = { d, dex, me, handle, creatorId, reader, creator: query.data?.creator, market: query.data?.market, reload: async () => (await query.refetch()).data?.market };
  if (reader && query.isPending) return <p className="muted">Reading {handle} from the Stacks API…</p>;
  if (reader && query.error)
    return (
      <p className="field-error" role="alert">
        Could not read {handle}: {message(query.error)}
      </p>
    );
  return (
    <div data-testid="stacks-dex-creator" data-handle={handle}>
      {ctx.creator ? <CreatorMetrics ctx={ctx} creator={ctx.creator} /> : null}
      {!ctx.creator?.coin ? (
        <div className="grid-2">
          <LaunchForm ctx={ctx} />
        </div>
      ) : ctx.market ? (
        <>
          <h4 className="section-title">
            {ctx.market.coin.name} ({ctx.market.coin.symbol}) · <code>{ctx.creator.coin}</code>
          </h4>
          <div className="grid-2">
            <SwapForm ctx={ctx} market={ctx.market} />
            <AddLiquidityForm ctx={ctx} market={ctx.market} />
            <DepositRevenueForm ctx={ctx} market={ctx.market} />
            <ClaimRevenueForm ctx={ctx} market={ctx.market} />
            <ReleaseForm ctx={ctx} market={ctx.market} />
          </div>
        </>
      ) : null}
    </div>
  );
}
