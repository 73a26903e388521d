/**
 * "Offer a settlement": a party proposes a split of one milestone by signing it (EIP-712, in its
 * wallet; no transaction, no gas) and sends the resulting link to the other party, who accepts it
 * by sending `settleMilestone` (./OfferPanel.tsx). The preview uses the contract's own math.
 */
import { useState, type FormEvent } from "react";
import type { Address } from "viem";
import { useConfig } from "wagmi";
import { readContract, signTypedData } from "wagmi/actions";
import { milestoneEscrowAbi } from "../../../../generated/abis.ts";
import { absoluteHref, escrowHref } from "../../app/routes.ts";
import { escrowAddress } from "../../chains/evm.ts";
import type { EscrowRow, MilestoneRow } from "../../indexer/escrows.ts";
import { explainError } from "../../tx/errors.ts";
import { dateTime } from "../admin/format.ts";
import { parsePercent, splitShare } from "./money.ts";
import { partyRefusal, type Party } from "./rules.ts";
import { encodeOffer, SETTLEMENT_TYPES, settlementDomain, settlementMessage } from "./settlement.ts";
import { formatAmount, type TokenInfo } from "./tokens.ts";

const MAX_VALID_DAYS = 90;

export interface OfferFormProps {
  row: EscrowRow;
  milestone: MilestoneRow;
  chainId: number;
  me: Address;
  party: Party;
  token: TokenInfo;
  now: number;
}

export function OfferForm({ row, milestone: m, chainId, me, party, token, now }: OfferFormProps) {
  const config = useConfig();
  const [share, setShare] = useState("");
  const [days, setDays] = useState("7");
  const [errors, setErrors] = useState<{ share?: string; days?: string; sign?: string }>({});
  const [link, setLink] = useState<string>();
  const [signing, setSigning] = useState(false);
  const format = (v: bigint) => formatAmount(v, token);
  const n = m.index + 1;
  const other = party === "client" ? "freelancer" : "client";
  const parsed = parsePercent(share);
  const preview = parsed.bps !== undefined ? splitShare(m.amount, parsed.bps, row.feeBps) : undefined;

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    setLink(undefined);
    const refused = partyRefusal("offer", row, me);
    const validity = /^\d+$/.test(days.trim()) && Number(days) >= 1 && Number(days) <= MAX_VALID_DAYS ? Number(days) : undefined;
    const next = { share: parsed.error, days: validity === undefined ? `Enter a whole number of days from 1 to ${MAX_VALID_DAYS}.` : undefined, sign: refused };
    setErrors(next);
    if (next.share || next.days || refused) return;
    setSigning(true);
    try {
      const nonce = await readContract(config, {
        chainId: chainId as never,
        address: escrowAddress(chainId),
        abi: milestoneEscrowAbi,
        functionName: "nonces",
        args: [me],
      });
      const offer = { escrowId: row.escrowId, index: m.index, freelancerBps: parsed.bps!, nonce, deadline: BigInt(now + validity! * 86_400) };
      const signature = await signTypedData(config, {
        account: me,
        domain: settlementDomain(chainId, escrowAddress(chainId)),
        types: SETTLEMENT_TYPES,
        primaryType: "Settlement",
        message: settlementMessage(offer),
      });
      setLink(absoluteHref(escrowHref(row.chainId, row.escrowId, { offer: encodeOffer({ ...offer, signer: me, signature }) })));
    } catch (error) {
      setErrors({ sign: explainError(error) });
    } finally {
      setSigning(false);
    }
  }

  return (
    <form className="subpanel form" onSubmit={onSubmit} noValidate aria-label={`Settlement offer for milestone ${n}`} data-testid={`offer-form-${m.index}`}>
      <div className="field">
        <label htmlFor={`${row.id}-share${m.index}`}>Freelancer's share of milestone {n} (%)</label>
        <input
          id={`${row.id}-share${m.index}`}
          inputMode="decimal"
          placeholder="e.g. 50"
          value={share}
          onChange={(e) => setShare(e.target.value)}
          aria-invalid={!!errors.share}
        />
        {errors.share ? <p className="field-error">{errors.share}</p> : null}
      </div>
      <div className="field">
        <label htmlFor={`${row.id}-days${m.index}`}>Offer valid for (days)</label>
        <input id={`${row.id}-days${m.index}`} inputMode="numeric" value={days} onChange={(e) => setDays(e.target.value)} aria-invalid={!!errors.days} />
        {errors.days ? <p className="field-error">{errors.days}</p> : null}
      </div>
      {preview ? (
        <p className="hint" data-testid="offer-preview">
          Of {format(m.amount)}: {format(preview.payout)} to the freelancer, {format(preview.fee)} platform fee, {format(preview.refund)} back to the client.
        </p>
      ) : null}
      <p className="hint">
        You sign the offer in your wallet (no transaction, no gas). It is settled when the {other} accepts it with the link, before {validDeadline(days, now)}.
        Revoking your offers on the escrow's page voids it.
      </p>
      <button type="submit" disabled={signing}>
        Sign offer
      </button>
      {errors.sign ? (
        <p className="field-error" role="alert" data-testid="offer-error">
          {errors.sign}
        </p>
      ) : null}
      {link ? (
        <div className="field">
          <label htmlFor={`${row.id}-link${m.index}`}>Signed. Send this link to the {other}:</label>
          <input id={`${row.id}-link${m.index}`} readOnly value={link} data-testid="offer-link" onFocus={(e) => e.currentTarget.select()} />
        </div>
      ) : null}
    </form>
  );
}

function validDeadline(days: string, now: number): string {
  const d = Number(days);
  return Number.isInteger(d) && d >= 1 && d <= MAX_VALID_DAYS ? dateTime(now + d * 86_400) : "its deadline";
}
