/**
 * Add liquidity to a coin's pool (the creator's first deposit sets the price, and only the creator
 * may make it; later deposits follow the pool's ratio, which the form fills in from the live reserves). The pool takes what matches
 * its ratio, as CreatorPool.addLiquidity computes it; the minimums sent allow the deposit's ratio to
 * drift 0.5% before it is refused. Approve each token when its allowance is short, then add.
 */
import { useQueryClient } from "@tanstack/react-query";
import { useId, useState, type FormEvent } from "react";
import { useConfig, useReadContract } from "wagmi";
import { TxStatus } from "../../tx/TxStatus.tsx";
import { useEvmTx } from "../../tx/useTx.ts";
import { Field } from "../../ui/Field.tsx";
import { parseAmount } from "../escrow/validation.ts";
import { shortHex } from "../admin/format.ts";
import { creatorCoinAbi, sendApprove, sendPool } from "./contracts.ts";
import type { DexEnv } from "./DexShell.tsx";
import { formatPrice, formatToken, formatUnitsShort, priceFromReserves } from "./format.ts";
import { minOutFor } from "./poolMath.ts";
import type { PoolState } from "./usePool.ts";

/** The pool's `quote`: `amountA·reserveB / reserveA`, rounded down. */
const quote = (amountA: bigint, reserveA: bigint, reserveB: bigint) => (amountA * reserveB) / reserveA;
/** Minimum liquidity locked at the first deposit (CreatorPool.MINIMUM_LIQUIDITY): sqrt(coin·base) must exceed it. */
const MINIMUM_LIQUIDITY = 1_000n;
const SLIPPAGE_BPS = 50;

function sqrt(n: bigint): bigint {
  if (n < 2n) return n;
  let x = n;
  let y = (x + 1n) / 2n;
  while (y < x) {
    x = y;
    y = (x + n / x) / 2n;
  }
  return x;
}

export function AddLiquidity({ env, state, now, reload }: { env: DexEnv; state: PoolState; now: number; reload: () => Promise<PoolState | undefined> }) {
  const config = useConfig();
  const queryClient = useQueryClient();
  const id = useId();
  const [coinText, setCoinText] = useState("");
  const [baseText, setBaseText] = useState("");
  const [error, setError] = useState<string>();
  const { coin, base, reserves } = state;
  const empty = reserves.coin === 0n || reserves.base === 0n;
  const { data: creator } = useReadContract({ chainId: env.chainId as never, address: coin.address, abi: creatorCoinAbi, functionName: "creator", query: { staleTime: Infinity } });
  const notCreator = empty && !!creator && !!env.me && creator.toLowerCase() !== env.me.toLowerCase();
  const approveCoin = useEvmTx(env.chainId);
  const approveBase = useEvmTx(env.chainId);
  const addTx = useEvmTx(env.chainId, {}, () => {
    setCoinText("");
    setBaseText("");
    void reload();
    void queryClient.invalidateQueries({ queryKey: ["indexer", "dex"] });
  });

  function onCoin(text: string) {
    setCoinText(text);
    setError(undefined);
    const c = parseAmount(text, coin.decimals, coin.symbol);
    // Follow the pool's ratio, rounded up so the pool takes every coin entered.
    if (!empty && c.value !== undefined) {
      const b = (c.value * reserves.base + reserves.coin - 1n) / reserves.coin;
      setBaseText(formatUnitsShort(b, base.decimals, base.decimals).replace(/,/g, ""));
    }
  }

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    if (!env.me) return addTx.refuse("Connect your wallet first.");
    const c = parseAmount(coinText, coin.decimals, coin.symbol);
    const b = parseAmount(baseText, base.decimals, base.symbol);
    if (c.error !== undefined) return setError(`${coin.symbol}: ${c.error}`);
    if (b.error !== undefined) return setError(`${base.symbol}: ${b.error}`);
    if (notCreator)
      return setError(`Only the coin's creator (${shortHex(creator!)}) can make the pool's first deposit: it sets the opening price. Add liquidity at the pool's ratio once it is seeded.`);
    const latest = (await reload()) ?? state;
    const r = latest.reserves;
    let amountCoin = c.value;
    let amountBase = b.value;
    if (r.coin !== 0n && r.base !== 0n) {
      const baseOptimal = quote(c.value, r.coin, r.base);
      if (baseOptimal <= b.value) amountBase = baseOptimal;
      else amountCoin = quote(b.value, r.base, r.coin);
    } else if (sqrt(c.value * b.value) <= MINIMUM_LIQUIDITY) {
      return setError("The first deposit is too small: the pool locks 1,000 units of liquidity forever, and this deposit would not mint more than that.");
    }
    const me = latest.me!;
    if (amountCoin > me.coin) return setError(`Your balance is ${formatToken(me.coin, coin.decimals, coin.symbol)}: you can't deposit ${formatToken(amountCoin, coin.decimals, coin.symbol)}.`);
    if (amountBase > me.base) return setError(`Your balance is ${formatToken(me.base, base.decimals, base.symbol)}: you can't deposit ${formatToken(amountBase, base.decimals, base.symbol)}.`);
    setError(undefined);
    const account = env.me;
    if (me.coinAllowance < c.value && !(await approveCoin.run(() => sendApprove(config, env.chainId, account, coin.address, state.pool, c.value)))) return;
    if (me.baseAllowance < b.value && !(await approveBase.run(() => sendApprove(config, env.chainId, account, base.address, state.pool, b.value)))) return;
    const deadline = BigInt(Math.max(now, Math.floor(Date.now() / 1000)) + 20 * 60);
    await addTx.run(() =>
      sendPool(config, env.chainId, account, state.pool, "addLiquidity", [c.value, b.value, minOutFor(amountCoin, SLIPPAGE_BPS), minOutFor(amountBase, SLIPPAGE_BPS), account, deadline]),
    );
  }

  const c = parseAmount(coinText, coin.decimals, coin.symbol);
  const b = parseAmount(baseText, base.decimals, base.symbol);
  return (
    <form className="card form" onSubmit={(e) => void onSubmit(e)} noValidate aria-labelledby={`${id}-title`} data-testid="add-liquidity">
      <h2 id={`${id}-title`}>Add liquidity</h2>
      <p className="hint" data-testid="liquidity-hint">
        {notCreator
          ? `The pool is empty: its creator ${shortHex(creator!)} makes the first deposit, which sets the opening price; you can add liquidity at the pool's ratio afterwards.`
          : empty
          ? `The pool is empty: your first deposit sets the starting price (${base.symbol} per ${coin.symbol}); only you, the creator, can make it.`
          : `Deposits follow the pool's ratio: ${formatPrice(priceFromReserves(reserves.coin, reserves.base), base.decimals, base.symbol)} per ${coin.symbol}. Liquidity providers earn the swap fee.`}
      </p>
      <Field id={`${id}-coin`} label={`${coin.symbol} to deposit`}>
        <input id={`${id}-coin`} inputMode="decimal" autoComplete="off" value={coinText} onChange={(e) => onCoin(e.target.value)} />
      </Field>
      <Field id={`${id}-base`} label={`${base.symbol} to deposit`}>
        <input
          id={`${id}-base`}
          inputMode="decimal"
          autoComplete="off"
          value={baseText}
          onChange={(e) => {
            setBaseText(e.target.value);
            setError(undefined);
          }}
        />
      </Field>
      {empty && c.value !== undefined && b.value !== undefined ? (
        <p className="preview" data-testid="liquidity-preview">
          Starting price: {formatPrice(priceFromReserves(c.value, b.value), base.decimals, base.symbol)} per {coin.symbol}.
        </p>
      ) : null}
      {error ? (
        <p className="field-error" role="alert" data-testid="liquidity-error">
          {error}
        </p>
      ) : null}
      <button type="submit" disabled={approveCoin.busy || approveBase.busy || addTx.busy} data-testid="add-liquidity-submit">
        Add liquidity
      </button>
      <TxStatus state={approveCoin.state} label={`Approve ${coin.symbol}`} testId="liquidity-approve-coin" />
      <TxStatus state={approveBase.state} label={`Approve ${base.symbol}`} testId="liquidity-approve-base" />
      <TxStatus state={addTx.state} label="Add liquidity" testId="add-liquidity" />
    </form>
  );
}
