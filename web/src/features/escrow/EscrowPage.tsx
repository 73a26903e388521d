/**
 * `#/escrow/<caip2>/<id>`: one EVM escrow (lazy-loaded) — its card with every action the connected
 * account may take, the job's timeline (indexer `escrow_event` rows), the freelancer's work history
 * and the settlement-offer controls. Links other parties share open here:
 *  - `?offer=…` a signed settlement offer (./settlement.ts), accepted with `settleMilestone`;
 *  - `?review=<n>` a freelancer's request to review milestone n, approved with `approveMilestone`.
 * Both refuse, in words and before the wallet, anyone who is not the party the action belongs to.
 */
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { recoverTypedDataAddress, type Address } from "viem";
import { useConfig, useReadContract } from "wagmi";
import { verifyTypedData } from "wagmi/actions";
import { milestoneEscrowAbi } from "../../../../generated/abis.ts";
import { useLocation } from "../../app/routes.ts";
import { useChainNow } from "../../chains/clock.ts";
import { escrowAddress, supportedChainByCaip2 } from "../../chains/evm.ts";
import { useEscrow, useRefreshEscrows, type EscrowRow } from "../../indexer/escrows.ts";
import { TxStatus } from "../../tx/TxStatus.tsx";
import { milestoneStatusWords } from "../../tx/errors.ts";
import { useEvmTx } from "../../tx/useTx.ts";
import { useEvmSession } from "../wallet/useEvmSession.ts";
import { countdown, dateTime, percentOfBps } from "../admin/format.ts";
import { EscrowCard } from "./EscrowCard.tsx";
import { NoteText } from "./MilestoneItem.tsx";
import { splitShare } from "./money.ts";
import { bytes32ToNote } from "./notes.ts";
import { ACTIONS, partyOf, partyRefusal, sameAddress } from "./rules.ts";
import { decodeOffer, SETTLEMENT_TYPES, settlementDomain, settlementMessage, type SettlementOffer } from "./settlement.ts";
import { Timeline } from "./Timeline.tsx";
import { formatAmount, useTokenInfo, type TokenInfo } from "./tokens.ts";
import { WorkHistory } from "./WorkHistory.tsx";
import { sendEscrow } from "./write.ts";

const MILESTONE_STATUS_INDEX = { pending: 0, submitted: 1, released: 2, disputed: 3, refunded: 4, resolved: 5 } as const;

export default function EscrowPage() {
  const { params, query } = useLocation();
  const [caip2 = "", idText = ""] = params;
  const chain = supportedChainByCaip2(caip2);
  const escrowId = /^\d{1,30}$/.test(idText) && BigInt(idText) > 0n ? BigInt(idText) : undefined;
  if (!chain) return <p className="notice">This app has no escrow deployment on “{caip2}”.</p>;
  if (escrowId === undefined) return <p className="notice">“{idText}” is not an escrow number.</p>;
  return (
    <EscrowView
      key={`${caip2}:${escrowId}`}
      caip2={caip2}
      chainId={chain.chain.id}
      escrowId={escrowId}
      offerText={query.get("offer")}
      reviewText={query.get("review")}
    />
  );
}

function EscrowView({
  caip2,
  chainId,
  escrowId,
  offerText,
  reviewText,
}: {
  caip2: string;
  chainId: number;
  escrowId: bigint;
  offerText: string | null;
  reviewText: string | null;
}) {
  const { address, connected } = useEvmSession();
  const me = connected ? address : undefined;
  const { data, error, isPending } = useEscrow(caip2, escrowId);
  const token = useTokenInfo(chainId, data?.escrow.token);
  const now = useChainNow(chainId);

  return (
    <div className="escrow-page">
      <p>
        <a href="#/">← My escrows</a>
      </p>
      {error ? (
        <p className="notice" role="alert">
          {error.message}
        </p>
      ) : isPending ? (
        <p className="muted">Loading escrow #{escrowId.toString()} from the indexer…</p>
      ) : !data ? (
        <p className="notice" data-testid="escrow-missing">
          The indexer has no escrow #{escrowId.toString()} on this chain (yet). If it was just created, this page updates as soon as the indexer has it.
        </p>
      ) : (
        <>
          {offerText ? <OfferPanel row={data.escrow} chainId={chainId} me={me} token={token} now={now} text={offerText} /> : null}
          {reviewText ? <ReviewPanel row={data.escrow} chainId={chainId} me={me} token={token} text={reviewText} /> : null}
          <div className="columns escrow-columns">
            <div className="stack">
              <EscrowCard row={data.escrow} me={me} heading="h2" />
              {partyOf(data.escrow, me) !== "observer" && data.escrow.status === "funded" ? <RevokeOffers chainId={chainId} me={me!} /> : null}
            </div>
            <div className="stack">
              <Timeline row={data.escrow} events={data.events} token={token} me={me} />
              <WorkHistory chainId={chainId} caip2={caip2} freelancer={data.escrow.freelancer} me={me} title="The freelancer's work history" />
            </div>
          </div>
        </>
      )}
    </div>
  );
}

/** A signed settlement offer from a link: checked, previewed, and accepted by the other party. */
function OfferPanel({ row, chainId, me, token, now, text }: { row: EscrowRow; chainId: number; me?: Address; token: TokenInfo; now: number; text: string }) {
  const decoded = decodeOffer(text, row.escrowId);
  if (!decoded.offer)
    return (
      <section className="card notice" data-testid="offer-panel" role="alert">
        {decoded.error}
      </section>
    );
  return <OfferReview row={row} chainId={chainId} me={me} token={token} now={now} offer={decoded.offer} />;
}

function OfferReview({
  row,
  chainId,
  me,
  token,
  now,
  offer,
}: {
  row: EscrowRow;
  chainId: number;
  me?: Address;
  token: TokenInfo;
  now: number;
  offer: SettlementOffer;
}) {
  const config = useConfig();
  const refresh = useRefreshEscrows();
  const format = (v: bigint) => formatAmount(v, token);
  const escrow = escrowAddress(chainId);
  const m = row.milestones[offer.index];
  const signerParty = partyOf(row, offer.signer);
  const viewer = partyOf(row, me);
  const n = offer.index + 1;
  const tx = useEvmTx(chainId, { formatAmount: format, action: ACTIONS.settle }, () => void refresh());
  const nonce = useReadContract({
    chainId: chainId as never,
    address: escrow,
    abi: milestoneEscrowAbi,
    functionName: "nonces",
    args: [offer.signer],
    query: { refetchInterval: 4_000 },
  });
  // Checked here so a forged or mistyped link is explained before any wallet is asked; contract
  // wallets (ERC-1271) are verified by a call, as the contract itself will.
  const signature = useQuery({
    queryKey: [
      "offer-signature",
      chainId,
      escrow,
      offer.signer,
      offer.signature,
      offer.index,
      offer.freelancerBps,
      offer.nonce.toString(),
      offer.deadline.toString(),
    ],
    staleTime: Infinity,
    queryFn: async () => {
      const typed = {
        domain: settlementDomain(chainId, escrow),
        types: SETTLEMENT_TYPES,
        primaryType: "Settlement",
        message: settlementMessage(offer),
      } as const;
      const recovered = await recoverTypedDataAddress({ ...typed, signature: offer.signature }).catch(() => undefined);
      if (sameAddress(recovered, offer.signer)) return true;
      return verifyTypedData(config, { ...typed, chainId: chainId as never, address: offer.signer, signature: offer.signature }).catch(() => false);
    },
  });

  const split = m ? splitShare(m.amount, offer.freelancerBps, row.feeBps) : undefined;
  const other = signerParty === "client" ? "freelancer" : "client";
  const problem = (() => {
    if (!m) return `Escrow #${row.escrowId} has no milestone ${n}: this offer can't apply to it.`;
    if (signerParty === "observer")
      return `This offer is signed by ${offer.signer}, who is neither the client nor the freelancer of escrow #${row.escrowId}: it can't be accepted.`;
    if (signature.data === false)
      return `The signature does not match this offer: the link was altered, or it was signed for another escrow, chain or split. Ask the ${signerParty} for a new link.`;
    if (row.status !== "funded") return `Escrow #${row.escrowId} is ${row.status}: there is nothing left to settle.`;
    if (!(m.status === "pending" || m.status === "submitted" || m.status === "disputed"))
      return `Milestone ${n} is ${milestoneStatusWords[MILESTONE_STATUS_INDEX[m.status]]}: this offer can't apply any more.`;
    if (Number(offer.deadline) < now) return `This offer expired at ${dateTime(offer.deadline)}: ask the ${signerParty} for a new one.`;
    if (nonce.data !== undefined && nonce.data !== offer.nonce)
      return nonce.data > offer.nonce
        ? `The ${signerParty} has revoked this offer, or used another of their offers since: it can't be accepted any more. Ask for a new one.`
        : `This offer was signed with a nonce the ${signerParty}'s account has not reached: it can't be accepted.`;
    return undefined;
  })();

  const accept = () => {
    if (problem) return tx.refuse(problem);
    const refused = partyRefusal("settle", row, me);
    if (refused) return tx.refuse(refused);
    if (sameAddress(me, offer.signer)) return tx.refuse(`This is your own offer: only the ${other} can accept it. Send them the link.`);
    return void tx.run(() =>
      sendEscrow(config, chainId, me!, "settleMilestone", [row.escrowId, BigInt(offer.index), offer.freelancerBps, offer.deadline, offer.signature]),
    );
  };

  const mine = sameAddress(me, offer.signer);
  return (
    <section className="card offer" aria-labelledby="offer-title" data-testid="offer-panel" data-valid={String(!problem)}>
      <h2 id="offer-title">
        Settlement offer for milestone {n} of escrow #{row.escrowId.toString()}
      </h2>
      <p>
        The {signerParty === "observer" ? "signer" : signerParty} (<code>{offer.signer}</code>) offers the freelancer{" "}
        <strong data-testid="offer-share">{percentOfBps(offer.freelancerBps)}</strong>
        {m ? ` of ${format(m.amount)}` : ""}, valid until {dateTime(offer.deadline)}
        {Number(offer.deadline) >= now ? ` (in ${countdown(Number(offer.deadline) - now)})` : ""}.
      </p>
      {split ? (
        <dl className="facts" data-testid="offer-split">
          <dt>To the freelancer</dt>
          <dd data-testid="offer-payout">{format(split.payout)}</dd>
          <dt>Platform fee ({percentOfBps(row.feeBps)} of their share)</dt>
          <dd data-testid="offer-fee">{format(split.fee)}</dd>
          <dt>Back to the client</dt>
          <dd data-testid="offer-refund">{format(split.refund)}</dd>
        </dl>
      ) : null}
      {problem ? (
        <p className="notice" role="alert" data-testid="offer-problem">
          {problem}
        </p>
      ) : mine ? (
        <p className="info" data-testid="offer-own">
          This is your own offer. Send this page's link to the {other}: accepting it settles milestone {n} at once. To withdraw it, revoke your offers below.
        </p>
      ) : (
        <>
          <p className="hint">Accepting sends one transaction: the milestone is settled on this split, final, and the amounts are credited to both of you.</p>
          {viewer === "observer" ? <p className="hint">Only the {other} of this escrow can accept it.</p> : null}
          <button type="button" onClick={accept} disabled={tx.busy || signature.isPending}>
            Accept and settle milestone {n}
          </button>
        </>
      )}
      <TxStatus state={tx.state} label={`Settle milestone ${n}`} testId="settle" />
    </section>
  );
}

/** A freelancer's "please review milestone n" link: the client approves from here. */
function ReviewPanel({ row, chainId, me, token, text }: { row: EscrowRow; chainId: number; me?: Address; token: TokenInfo; text: string }) {
  const config = useConfig();
  const refresh = useRefreshEscrows();
  const format = (v: bigint) => formatAmount(v, token);
  const number = /^\d{1,3}$/.test(text) ? Number(text) : 0;
  const m = row.milestones[number - 1];
  const tx = useEvmTx(chainId, { formatAmount: format, action: ACTIONS.approve }, () => void refresh());
  if (!m)
    return (
      <section className="card notice" data-testid="review-panel" role="alert">
        This review link names milestone “{text}”, which escrow #{row.escrowId.toString()} does not have.
      </section>
    );
  const n = m.index + 1;
  const waiting = row.status === "funded" && m.status === "submitted";
  const approve = () => {
    const refused = partyRefusal("approve", row, me);
    if (refused) return tx.refuse(refused);
    if (!waiting) return tx.refuse(`Milestone ${n} is ${milestoneStatusWords[MILESTONE_STATUS_INDEX[m.status]]}: there is nothing to approve.`);
    return void tx.run(() => sendEscrow(config, chainId, me!, "approveMilestone", [row.escrowId, BigInt(m.index)]));
  };
  return (
    <section className="card offer" aria-labelledby="review-title" data-testid="review-panel">
      <h2 id="review-title">
        Review request: milestone {n} of escrow #{row.escrowId.toString()}
      </h2>
      {waiting ? (
        <>
          <p>
            The freelancer delivered milestone {n} ({format(m.amount)}) {m.submittedAt !== null ? dateTime(m.submittedAt) : ""}. Deliverable:{" "}
            <NoteText note={bytes32ToNote(m.deliverable)} />.
          </p>
          <p className="hint">
            Approving releases it: {format(splitShare(m.amount, 10_000, row.feeBps).payout)} to the freelancer,{" "}
            {format(splitShare(m.amount, 10_000, row.feeBps).fee)} platform fee.
          </p>
          <button type="button" onClick={approve} disabled={tx.busy}>
            Approve and release milestone {n}
          </button>
        </>
      ) : (
        <p className="muted" data-testid="review-done">
          Milestone {n} is {milestoneStatusWords[MILESTONE_STATUS_INDEX[m.status]]}: nothing to review here any more.
        </p>
      )}
      <TxStatus state={tx.state} label={`Approve milestone ${n}`} testId="review-approve" />
    </section>
  );
}

/** Void every settlement offer the connected account has signed and not yet seen used. */
function RevokeOffers({ chainId, me }: { chainId: number; me: Address }) {
  const config = useConfig();
  const [open, setOpen] = useState(false);
  const nonce = useReadContract({
    chainId: chainId as never,
    address: escrowAddress(chainId),
    abi: milestoneEscrowAbi,
    functionName: "nonces",
    args: [me],
    query: { refetchInterval: 4_000 },
  });
  const tx = useEvmTx(chainId, {}, () => void nonce.refetch());
  const revoke = () => tx.run(() => sendEscrow(config, chainId, me, "revokeSettlementOffers", []));
  return (
    <section className="card" aria-labelledby="revoke-title" data-testid="revoke-offers">
      <h2 id="revoke-title">Your settlement offers</h2>
      <p className="hint">
        Every offer you sign carries your current offer number (
        {nonce.data !== undefined ? <span data-testid="offer-nonce">{nonce.data.toString()}</span> : "…"}). When one of them is accepted, or when you revoke,
        the number moves on and every other unused offer you signed, in any escrow, becomes void.
      </p>
      {open ? (
        <div className="action-row">
          <button type="button" className="danger" onClick={() => void revoke()} disabled={tx.busy}>
            Revoke all my offers
          </button>
          <button type="button" className="link" onClick={() => setOpen(false)}>
            Keep them
          </button>
        </div>
      ) : (
        <button type="button" className="secondary" onClick={() => setOpen(true)}>
          Revoke my offers…
        </button>
      )}
      <TxStatus state={tx.state} label="Revoke offers" testId="revoke" />
    </section>
  );
}
