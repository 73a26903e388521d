/**
 * Add liquidity to a Stacks creator coin's pool (creator-pool `add-liquidity`). The pool takes its
 * current ratio (on the first deposit, which only the coin's creator may make, any ratio; it locks 1,000 LP units forever): the amounts
 * it will take are computed from the reserves read just before the wallet, and the minimums are
 * those less the slippage tolerance. Deny mode: you send exactly the amounts on the first deposit,
 * else between the minimum and the desired amount of each token.
 */
import { useId, useState, type FormEvent } from "react";
import { TxStatus } from "../../../tx/TxStatus.tsx";
import { TextField } from "../../../ui/Field.tsx";
import { useStacksTx } from "../../escrow/stacks/useStacksTx.ts";
import { parseAmount } from "../../escrow/validation.ts";
import { formatExact } from "../format.ts";
import { minOutFor } from "../poolMath.ts";
import { DEFAULT_SLIPPAGE, parseDeadline, parseSlippage } from "../SwapForm.tsx";
import { addLiquidityCall, depositAmounts, MAX_RESERVE } from "./calls.ts";
import { readChainTime, readReserves, type MarketState } from "./reads.ts";
import type { DexContext } from "./StacksDexSection.tsx";

/** creator-pool MINIMUM-LIQUIDITY: the first deposit must mint more than this. */
const MINIMUM_LIQUIDITY = 1_000n;

const sqrt = (n: bigint) => {
  if (n < 2n) return n;
  let x = n;
  let y = (x + 1n) / 2n;
  while (y < x) [x, y] = [y, (y + n / y) / 2n];
  return x;
};

export function AddLiquidityForm({ ctx, market }: { ctx: DexContext; market: MarketState }) {
  const ids = useId();
  const [coin, setCoin] = useState("");
  const [base, setBase] = useState("");
  const [slippage, setSlippage] = useState(DEFAULT_SLIPPAGE);
  const [deadline, setDeadline] = useState("30");
  const [errors, setErrors] = useState<{ coin?: string; base?: string; slippage?: string; deadline?: string; refusal?: string }>({});
  const tx = useStacksTx(ctx.d);
  const { coin: c, base: b } = market;

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    const ca = parseAmount(coin, c.decimals, c.symbol);
    const ba = parseAmount(base, b.decimals, b.symbol);
    const slip = parseSlippage(slippage);
    const dl = parseDeadline(deadline);
    setErrors({ coin: ca.error, base: ba.error, slippage: slip.error, deadline: dl.error });
    if (ca.error || ba.error || slip.error || dl.error) return;
    if (ca.value! > MAX_RESERVE || ba.value! > MAX_RESERVE) return setErrors({ refusal: "An amount is above the pool's bound of 10^17 units." });
    let reserves: { coin: bigint; base: bigint };
    let now: bigint;
    try {
      [reserves, now] = await Promise.all([readReserves(ctx.reader!, c.token), readChainTime(ctx.reader!.api)]);
    } catch (error) {
      return setErrors({ refusal: `Could not read the pool: ${error instanceof Error ? error.message : String(error)}` });
    }
    const first = reserves.coin === 0n || reserves.base === 0n;
    if (first && ctx.me !== market.creator)
      return setErrors({ refusal: "Only the coin's creator can make the pool's first deposit, at the price they choose (u5308): wait until the pool has liquidity." });
    const take = depositAmounts(reserves, ca.value!, ba.value!);
    if (take.coin === 0n || take.base === 0n) return setErrors({ refusal: "At the pool's ratio this deposit is zero of one token: deposit more." });
    if (first && sqrt(take.coin * take.base) <= MINIMUM_LIQUIDITY)
      return setErrors({ refusal: "The first deposit must mint more than 1,000 LP units (√(coin × base) > 1,000 in units): deposit more (u5316)." });
    if (market.balances.coin < take.coin) return setErrors({ refusal: `You hold ${formatExact(market.balances.coin, c.decimals, c.symbol)}: not enough for this deposit.` });
    if (market.balances.base < take.base) return setErrors({ refusal: `You hold ${formatExact(market.balances.base, b.decimals, b.symbol)}: not enough for this deposit.` });
    const d = first
      ? { coinDesired: take.coin, baseDesired: take.base, minCoin: take.coin, minBase: take.base }
      : { coinDesired: ca.value!, baseDesired: ba.value!, minCoin: minOutFor(take.coin, slip.bps!), minBase: minOutFor(take.base, slip.bps!) };
    await tx.run(addLiquidityCall(ctx.dex, { coin: c, base: b }, ctx.me, d, now + BigInt(dl.minutes! * 60)));
    await ctx.reload();
  }

  const empty = market.reserves.coin === 0n;
  return (
    <form className="card form" onSubmit={onSubmit} noValidate aria-label="Add Stacks liquidity">
      <h3>Add liquidity</h3>
      <TextField id={`${ids}-c`} label={`${c.symbol} amount`} error={errors.coin} value={coin} onChange={setCoin} />
      <TextField id={`${ids}-b`} label={`${b.symbol} amount`} error={errors.base} value={base} onChange={setBase} />
      <TextField id={`${ids}-s`} label="Slippage tolerance (%)" error={errors.slippage} value={slippage} onChange={setSlippage} />
      <TextField id={`${ids}-d`} label="Deadline (minutes)" error={errors.deadline} value={deadline} onChange={setDeadline} numeric />
      <p className="hint">
        {empty
          ? "First deposit: you set the price (base per coin) with the ratio of your amounts; 1,000 LP units are locked forever."
          : "The pool takes its current ratio: the larger side is cut to match, and each side may shrink by the slippage tolerance if the price moves."}{" "}
        You hold {formatExact(market.balances.lp, 0, "LP units")} of this pool.
      </p>
      {errors.refusal ? (
        <p className="field-error" role="alert">
          {errors.refusal}
        </p>
      ) : null}
      <button type="submit" disabled={tx.busy}>
        Add liquidity
      </button>
      <TxStatus state={tx.state} label="Add liquidity on Stacks" testId="stacks-dex-add-liquidity" />
    </form>
  );
}
