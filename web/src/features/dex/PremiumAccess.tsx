/**
 * Premium access on the coin page: does an account hold enough of this coin, or a WorxBadges badge
 * of a given tier or higher? Answered by the factory's `hasPremiumAccess` view (what a creator's
 * gated content would call), for the connected account or any address.
 */
import { useId, useState } from "react";
import { getAddress, isAddress, type Address } from "viem";
import { useReadContract } from "wagmi";
import { TIER_NAMES } from "../../tx/errors.ts";
import { Field } from "../../ui/Field.tsx";
import { parseAmount } from "../escrow/validation.ts";
import { creatorCoinFactoryAbi } from "./contracts.ts";
import type { DexEnv } from "./DexShell.tsx";
import { COIN_DECIMALS, formatToken } from "./format.ts";

export function PremiumAccess({ env, coin, symbol }: { env: DexEnv; coin: Address; symbol: string }) {
  const id = useId();
  const [minText, setMinText] = useState("100");
  const [tier, setTier] = useState(0);
  const [who, setWho] = useState("");
  const account: Address | undefined = who.trim() === "" ? env.me : isAddress(who.trim(), { strict: false }) ? getAddress(who.trim()) : undefined;
  const min = parseAmount(minText, COIN_DECIMALS, symbol);
  const ready = !!account && min.value !== undefined;
  const { data, error } = useReadContract({
    chainId: env.chainId as never,
    address: env.dex.factory,
    abi: creatorCoinFactoryAbi,
    functionName: "hasPremiumAccess",
    args: ready ? [coin, account, min.value!, tier] : undefined,
    query: { enabled: ready, refetchInterval: 3_000 },
  });
  return (
    <section className="card form" aria-labelledby={`${id}-title`} data-testid="premium-access">
      <h2 id={`${id}-title`}>Premium access</h2>
      <p className="hint">Creators can gate content to holders: at least a number of {symbol}, or a Worx badge of a tier or higher.</p>
      <div className="settings">
        <Field id={`${id}-min`} label={`Holding at least (${symbol})`} error={min.error}>
          <input id={`${id}-min`} inputMode="decimal" autoComplete="off" value={minText} onChange={(e) => setMinText(e.target.value)} />
        </Field>
        <Field id={`${id}-tier`} label="Or a badge of">
          <select id={`${id}-tier`} value={tier} onChange={(e) => setTier(Number(e.target.value))}>
            <option value={0}>No badge accepted</option>
            {TIER_NAMES.slice(1).map((name, i) => (
              <option key={name} value={i + 1}>
                {name} or higher
              </option>
            ))}
          </select>
        </Field>
      </div>
      <Field id={`${id}-who`} label="Account" error={who.trim() !== "" && !account ? "Enter an address: 0x followed by 40 hexadecimal characters." : undefined}>
        <input id={`${id}-who`} placeholder={env.me ?? "0x…"} autoComplete="off" spellCheck={false} value={who} onChange={(e) => setWho(e.target.value)} />
      </Field>
      {!account ? (
        <p className="muted">Connect your wallet or enter an address.</p>
      ) : error ? (
        <p className="notice">{error.message.split("\n")[0]}</p>
      ) : data === undefined || min.value === undefined ? null : (
        <p className={data ? "success" : "muted"} data-testid="premium-result" data-access={data}>
          {data
            ? `${account === env.me ? "You have premium access: you hold" : "This account has premium access: it holds"} at least ${formatToken(min.value, COIN_DECIMALS, symbol)}${tier ? ` or a ${TIER_NAMES[tier]} badge or higher` : ""}.`
            : `No premium access: ${account === env.me ? "you hold" : "it holds"} less than ${formatToken(min.value, COIN_DECIMALS, symbol)}${tier ? ` and no ${TIER_NAMES[tier]} badge or higher` : ""}.`}
        </p>
      )}
    </section>
  );
}
