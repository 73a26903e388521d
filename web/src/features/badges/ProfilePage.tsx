/**
 * `#/profile/<account>[?chain=<caip2>]` (lazy-loaded; default: the connected account): a
 * freelancer's standing on every indexed chain (`GET /profiles/…`, one row per chain, labelled), the
 * badges it holds (pictures rendered from their on-chain SVG) and, per EVM chain, its work history,
 * attestations and one claim row per tier saying which criteria are missing, in words with the
 * numbers. Criteria are read live from the badges contract (`missingCriteria`, `tierConfig`,
 * `hasClaimed`) and the escrow's `freelancerStats`, so what the page offers is what a claim would do
 * now. The chain filter ("All chains", or one) narrows every section.
 *
 * An account is an EVM address (its rows on every EVM chain) or a Stacks principal (its rows on
 * Stacks): the same person's two accounts are two profiles, as nothing on chain links them.
 */
import { useState, type FormEvent } from "react";
import type { Address } from "viem";
import { useConfig, useReadContract, useReadContracts } from "wagmi";
import { milestoneEscrowAbi, worxBadgesAbi } from "../../../../generated/abis.ts";
import { profileHref, useLocation } from "../../app/routes.ts";
import { useChainNow } from "../../chains/clock.ts";
import { badgesAddress, escrowAddress, supportedChains, type SupportedChain } from "../../chains/evm.ts";
import { accountFamily, chainLabel } from "../../chains/labels.ts";
import { useProfileBadges, useProfileStanding, useRefreshBadges, type AttestationRow, type BadgeRow } from "../../indexer/badges.ts";
import { useChainOptions, useIndexedChains } from "../../indexer/chains.ts";
import { ChainSelect } from "../../ui/ChainSelect.tsx";
import { TxStatus } from "../../tx/TxStatus.tsx";
import { useEvmTx } from "../../tx/useTx.ts";
import { dateTime } from "../admin/format.ts";
import { WorkHistory } from "../escrow/WorkHistory.tsx";
import { sameAddress } from "../escrow/rules.ts";
import { shortAddress } from "../escrow/tokens.ts";
import { useEvmSession } from "../wallet/useEvmSession.ts";
import { BadgeCard } from "./BadgeCard.tsx";
import { criteriaText, missingCriteriaWords, perksText, satisfactionBps, tierName, TIERS, tierSlug, type CriteriaFacts, type TierConfig, type TierId } from "./criteria.ts";
import { ChainChip, COLUMNS, StandingColumns } from "./standing.tsx";
import { sendBadges } from "./write.ts";
import { daoAddresses } from "../dao/contracts.ts";
import { WorxProfile } from "../staking/WorxProfile.tsx";

export default function ProfilePage() {
  const { params, query } = useLocation();
  const { address, connected } = useEvmSession();
  const me = connected ? address : undefined;
  const requested = params[0];
  const family = requested === undefined ? "evm" : accountFamily(requested);
  // Per-chain sections for the deployed chains the indexer indexes (all of them if it can't say):
  // a deployment nobody indexes has no rows to show. None until the indexer answered, so that
  // sections never appear and then vanish.
  const indexed = useIndexedChains();
  if (requested !== undefined && !family)
    return (
      <div className="profile stack">
        <ProfileLookup />
        <p className="notice" role="alert">
          "{requested}" is neither an EVM address (0x followed by 40 hexadecimal digits) nor a Stacks principal (SP…/ST…).
        </p>
      </div>
    );
  const account = requested ?? me;
  const filter = query.get("chain") || "all";
  const known = indexed.data ? new Set(indexed.data.items.map((c) => c.chainId)) : undefined;
  const chains = supportedChains.filter(
    (c) => badgesAddress(c.chain.id) && (filter === "all" || filter === c.caip2) && (indexed.isError || known?.has(c.caip2)),
  );
  return (
    <div className="profile stack">
      <ProfileLookup />
      {!account ? (
        <p className="notice" data-testid="profile-connect">
          Connect your wallet to see your work history and claim your badges, or look up a freelancer's address above.
        </p>
      ) : (
        <>
          <h2 className="profile-title" data-testid="profile-title" data-account={family === "evm" ? account.toLowerCase() : account} data-family={family}>
            {sameAddress(account, me) ? "Your profile" : "Profile of"} <code title={account}>{account}</code>
          </h2>
          <p className="hint" data-testid="profile-identity" data-family={family}>
            {family === "stacks"
              ? "A Stacks principal: its rows on Stacks. It is an identity of its own — an EVM address of the same person has a separate profile (Worx does not link accounts)."
              : "An EVM address: its rows on every EVM chain, together. A Stacks principal is a separate identity with its own profile (Worx does not link accounts)."}
          </p>
          <ChainFilter account={account} family={family!} value={filter} />
          <Standing account={account} chainId={filter} />
          <HeldBadges account={account} me={me} chainId={filter} />
          {family === "evm" ? (
            <>
              {chains.length === 0 && filter === "all" && (indexed.data || indexed.isError) ? (
                <p className="notice">No indexed chain with a Worx deployment has the badges contract yet.</p>
              ) : null}
              {chains.map((c) => (
                <ChainProfile key={`${c.caip2}:${account.toLowerCase()}`} chain={c} account={account as Address} me={me} />
              ))}
            </>
          ) : null}
        </>
      )}
    </div>
  );
}

/** "All chains" or one chain of the account's family; kept in the URL (`?chain=`), so a filtered profile can be shared. */
function ChainFilter({ account, family, value }: { account: string; family: "evm" | "stacks"; value: string }) {
  const options = useChainOptions().filter((o) => o.family === family);
  return (
    <form className="filters" onSubmit={(e) => e.preventDefault()} aria-label="Profile filters">
      <ChainSelect
        id="profile-chain"
        value={value}
        options={options}
        leading={[["all", "All chains"]]}
        onChange={(v) => {
          window.location.hash = `${profileHref(account)}${v === "all" ? "" : `?chain=${v}`}`;
        }}
      />
    </form>
  );
}

/** The account's leaderboard standing, one row per chain (labelled), with the total over them when there are several. */
function Standing({ account, chainId }: { account: string; chainId: string }) {
  const { data, error, isPending } = useProfileStanding(chainId, account);
  return (
    <section className="card admin-section" aria-labelledby="standing-title" data-testid="standing">
      <h2 id="standing-title">Standing {chainId === "all" ? "on every chain" : `on ${chainLabel(chainId)}`}</h2>
      {error ? (
        <p className="notice" role="alert">
          {error.message}
        </p>
      ) : isPending ? (
        <p className="muted">Loading from the indexer…</p>
      ) : data.chains.length === 0 ? (
        <p className="muted" data-testid="standing-empty">
          No work nor badge on record {chainId === "all" ? "on any chain" : `on ${chainLabel(chainId)}`} yet.
        </p>
      ) : (
        <div className="table-wrap">
          <table className="table" data-testid="standing-table">
            <thead>
              <tr>
                <th scope="col">Chain</th>
                <th scope="col">Best badge</th>
                {COLUMNS.map((c) => (
                  <th key={c.sort} scope="col">
                    {c.label}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {data.chains.map((row) => (
                <tr key={row.chainId} data-testid={`standing-${row.chainId}`} data-chain={row.chainId}>
                  <td>
                    <ChainChip caip2={row.chainId} />
                  </td>
                  <StandingColumns row={row} testIdPrefix="standing" />
                </tr>
              ))}
            </tbody>
            {data.chains.length > 1 ? (
              <tfoot>
                <tr data-testid="standing-total">
                  <th scope="row">All {data.chains.length} chains</th>
                  <StandingColumns row={data.stats} testIdPrefix="standing" />
                </tr>
              </tfoot>
            ) : null}
          </table>
        </div>
      )}
    </section>
  );
}

function ProfileLookup() {
  const [value, setValue] = useState("");
  const [error, setError] = useState<string>();
  function go(e: FormEvent) {
    e.preventDefault();
    const v = value.trim();
    if (!accountFamily(v)) return setError("Enter an EVM address (0x followed by 40 hexadecimal digits) or a Stacks principal (SP…/ST…).");
    setError(undefined);
    window.location.hash = profileHref(v);
  }
  return (
    <form className="row lookup" onSubmit={go} noValidate aria-label="Look up a freelancer">
      <label htmlFor="profile-lookup" className="sr-only">
        Freelancer address
      </label>
      <input
        id="profile-lookup"
        placeholder="0x… address or ST… principal"
        value={value}
        onChange={(e) => setValue(e.target.value)}
        aria-invalid={!!error}
        aria-describedby={error ? "profile-lookup-error" : undefined}
      />
      <button type="submit" className="secondary">
        View profile
      </button>
      {error ? (
        <p className="field-error" id="profile-lookup-error">
          {error}
        </p>
      ) : null}
    </form>
  );
}

function HeldBadges({ account, me, chainId }: { account: string; me: Address | undefined; chainId: string }) {
  const { data, error, isPending } = useProfileBadges(account);
  const you = sameAddress(account, me);
  const badges = (data?.badges ?? []).filter((b) => chainId === "all" || b.chainId === chainId);
  return (
    <section className="card admin-section" aria-labelledby="held-badges-title" data-testid="held-badges">
      <h2 id="held-badges-title">Badges</h2>
      {error ? (
        <p className="notice" role="alert">
          {error.message}
        </p>
      ) : isPending ? (
        <p className="muted">Loading from the indexer…</p>
      ) : badges.length === 0 ? (
        <p className="muted" data-testid="no-badges">
          {you ? "You hold" : `${shortAddress(account)} holds`} no badge {chainId === "all" ? "" : `on ${chainLabel(chainId)} `}yet.
        </p>
      ) : (
        <div className="badge-grid">
          {badges.map((b: BadgeRow) => (
            <BadgeCard key={b.id} badge={b} />
          ))}
        </div>
      )}
    </section>
  );
}

function ChainProfile({ chain, account, me }: { chain: SupportedChain; account: Address; me: Address | undefined }) {
  const chainId = chain.chain.id;
  const dao = daoAddresses(chainId);
  return (
    <section className="stack" aria-labelledby={`on-${chain.caip2}`} data-testid={`profile-${chain.caip2}`}>
      <h2 className="chain-section-title" id={`on-${chain.caip2}`}>
        On <ChainChip caip2={chain.caip2} />
      </h2>
      {dao ? <WorxProfile chainId={chainId} chainName={chain.info.name} dao={dao} account={account} /> : null}
      <div className="columns">
        <div className="stack">
          <WorkHistory chainId={chainId} caip2={chain.caip2} freelancer={account} me={me} profileLink={false} />
          <Attestations chainId={chainId} caip2={chain.caip2} account={account} />
        </div>
        <ClaimPanel chainId={chainId} chainName={chain.info.name} account={account} me={me} />
      </div>
    </section>
  );
}

const KIND_WORDS: Record<number, string> = { 1: "X account verified", 2: "Vetted by the platform" };

function Attestations({ chainId, caip2, account }: { chainId: number; caip2: string; account: Address }) {
  const { data } = useProfileBadges(account);
  const now = useChainNow(chainId);
  const rows = (data?.attestations ?? []).filter((a: AttestationRow) => a.chainId === caip2);
  return (
    <section className="card" aria-labelledby={`attestations-${caip2}`} data-testid="attestations">
      <h2 id={`attestations-${caip2}`}>Attestations</h2>
      {rows.length === 0 ? (
        <p className="muted">None: an attester of the platform signs them (X account verification, vetting); they count until they expire.</p>
      ) : (
        <ul className="plain-list">
          {rows.map((a) => (
            <li key={a.id} data-testid={`attestation-${a.kindName}`}>
              <strong>{KIND_WORDS[a.kind] ?? `Kind ${a.kind}`}</strong>{" "}
              <span className="muted">
                {a.revoked
                  ? `revoked${a.revokedAt !== null ? ` on ${dateTime(a.revokedAt)}` : ""}`
                  : Number(a.expiresAt) <= now
                    ? `expired on ${dateTime(a.expiresAt)}`
                    : `valid until ${dateTime(a.expiresAt)}`}{" "}
                · signed by <code title={a.attester}>{shortAddress(a.attester)}</code>
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

interface Eligibility {
  config?: TierConfig;
  mask?: number;
  claimed?: boolean;
}

function ClaimPanel({ chainId, chainName, account, me }: { chainId: number; chainName: string; account: Address; me: Address | undefined }) {
  const badges = badgesAddress(chainId)!;
  const base = { chainId: chainId as never, address: badges, abi: worxBadgesAbi } as const;
  const query = { refetchInterval: 15_000 } as const;
  const configs = useReadContracts({ allowFailure: false, contracts: TIERS.map((t) => ({ ...base, functionName: "tierConfig", args: [t] }) as const), query });
  const masks = useReadContracts({ allowFailure: false, contracts: TIERS.map((t) => ({ ...base, functionName: "missingCriteria", args: [account, t] }) as const), query });
  const claimed = useReadContracts({ allowFailure: false, contracts: TIERS.map((t) => ({ ...base, functionName: "hasClaimed", args: [account, t] }) as const), query });
  const stats = useReadContract({ chainId: chainId as never, address: escrowAddress(chainId), abi: milestoneEscrowAbi, functionName: "freelancerStats", args: [account], query });
  const refreshIndexer = useRefreshBadges();
  const refetch = () => {
    void configs.refetch();
    void masks.refetch();
    void claimed.refetch();
    void stats.refetch();
    void refreshIndexer();
  };
  const facts: CriteriaFacts | undefined = stats.data
    ? { completedJobs: stats.data.completedJobs, ratingCount: stats.data.ratingCount, satisfactionBps: satisfactionBps(stats.data.ratingSum, stats.data.ratingCount) }
    : undefined;
  const eligibility = (i: number): Eligibility => ({
    config: configs.data?.[i] as TierConfig | undefined,
    mask: masks.data?.[i] as number | undefined,
    claimed: claimed.data?.[i] as boolean | undefined,
  });
  const you = sameAddress(account, me);
  const error = configs.error ?? masks.error ?? claimed.error ?? stats.error;
  return (
    <section className="card admin-section" aria-labelledby={`claims-${chainId}`} data-testid="badge-claims">
      <h2 id={`claims-${chainId}`}>Badge tiers on {chainName}</h2>
      <p className="hint">
        {you
          ? "Claim a badge once your work history meets its tier's criteria. Each tier can be claimed once; soul-bound badges never leave your account."
          : `Only ${shortAddress(account)} can claim its badges; this is what it meets now.`}
      </p>
      {error ? (
        <p className="notice" role="alert">
          The badges contract can't be read: {error.message.split("\n")[0]}
        </p>
      ) : null}
      <ul className="tier-list">
        {TIERS.map((tier, i) => (
          <TierRow
            key={tier}
            tier={tier}
            chainId={chainId}
            eligibility={eligibility(i)}
            facts={facts}
            you={you}
            me={me}
            onConfirmed={refetch}
            explainMissing={(t, mask) => missingCriteriaWords(mask, eligibility(TIERS.indexOf(t as TierId)).config, facts)}
          />
        ))}
      </ul>
    </section>
  );
}

function TierRow(props: {
  tier: TierId;
  chainId: number;
  eligibility: Eligibility;
  facts: CriteriaFacts | undefined;
  you: boolean;
  me: Address | undefined;
  onConfirmed: () => void;
  explainMissing: (tier: number, mask: number) => string[];
}) {
  const { tier, chainId, eligibility: e, facts, you, me } = props;
  const config = useConfig();
  const tx = useEvmTx(chainId, { missingCriteria: props.explainMissing }, props.onConfirmed);
  const name = tierName(tier);
  const slug = tierSlug(tier);
  const loading = e.mask === undefined || e.claimed === undefined;
  const state = loading ? "loading" : e.claimed ? "claimed" : e.mask === 0 ? "claimable" : "missing";
  const missing = e.mask ? missingCriteriaWords(e.mask, e.config, facts) : [];
  const missingId = `missing-${chainId}-${slug}`;

  function claim() {
    if (!me) return tx.refuse("Connect your wallet first.");
    return void tx.run(() => sendBadges(config, chainId, me, "claim", [tier]));
  }

  return (
    <li className={`tier tier-${slug}`} data-testid={`tier-${slug}`} data-state={state}>
      <div className="tier-head">
        <span className={`tier-dot tier-dot-${slug}`} aria-hidden="true" />
        <strong>{name}</strong>
        {state === "claimed" ? <span className="badge badge-completed">Claimed</span> : state === "claimable" ? <span className="badge badge-funded">Claimable</span> : null}
      </div>
      {e.config ? (
        <p className="hint">
          Needs {criteriaText(e.config)}; {perksText(e.config)}.
        </p>
      ) : null}
      {state === "missing" ? (
        <p className="missing" id={missingId} data-testid={`missing-${slug}`}>
          Missing: {missing.join("; ")}.
        </p>
      ) : state === "claimable" && you ? (
        <p className="success">You meet every criterion.</p>
      ) : state === "claimable" ? (
        <p className="success">Meets every criterion.</p>
      ) : null}
      {you && state !== "claimed" ? (
        <div className="action-row">
          <button
            type="button"
            data-testid={`claim-${slug}`}
            disabled={state !== "claimable" || tx.busy}
            aria-describedby={state === "missing" ? missingId : undefined}
            onClick={claim}
          >
            Claim {name} badge
          </button>
        </div>
      ) : null}
      <TxStatus state={tx.state} label={`Claim ${name}`} testId={`claim-${slug}`} />
    </li>
  );
}
