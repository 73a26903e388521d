// Simnet tests of the achievement badges (clarity/contracts/badges.clar): deployment defaults,
// claims against a work history built through the REAL escrow (criteria boundaries: 9 vs 10 jobs,
// 9499 vs 9500 bps satisfaction, the missing-criteria mask), soul-bound and transferable badges
// (transfer, held-tier bitmaps, burn), the escrow reading badges as its fee-discount source,
// on-chain metadata (the token URI decodes to JSON, the SVG), administration (tier configs, roles,
// the multisig's `call` operation), contract-caller rules through a relaying contract, every error
// constant, and the cost baselines the bench reads. Attestations have their own file
// (badges.attestations.test.ts).
import { describe, expect, it } from "vitest";
import { Cl, ClarityType, type ClarityValue, cvToValue, serializeCV } from "@stacks/transactions";
import {
  BADGES,
  BADGES_ERR,
  BADGES_PROXY,
  DAY,
  ESCROW,
  Kind,
  Missing,
  PLAIN_NFT,
  TIER_NAMES,
  Tier,
  advanceTo,
  attest,
  badgesCall,
  badgesRo,
  badgesSolidityEvents,
  claimBadge,
  client,
  completeJobs,
  create,
  deployer,
  discountedFee,
  escrowOf,
  eventAt,
  expectBadgesErr,
  expectEventsOf,
  freelancer,
  nextTxTime,
  plain,
  prints,
  ratingsOf,
  repoRoot,
  setSource,
  statsOf,
  stranger,
} from "./helpers";
import fs from "node:fs";
import path from "node:path";

const accounts = simnet.getAccounts();
/** Holds the "attester" role in the tests that need attestations. */
const attester = accounts.get("wallet_4")!;
const other = accounts.get("wallet_5")!;
const MULTISIG = `${deployer}.multisig`;

type TxResult = ReturnType<typeof simnet.callPublicFn>;

const SPEC = badgesSolidityEvents();
const expectBadgeEvents = (r: TxResult, expected: Parameters<typeof expectEventsOf>[3]) => expectEventsOf(r, BADGES, SPEC, expected);

const u = (n: number | bigint) => Cl.uint(n);
const p = (who: string) => Cl.principal(who);
const heldOf = (who: string): bigint => plain(badgesRo("get-held-tiers", [p(who)]));
const bestOf = (who: string): bigint => plain(badgesRo("get-best-tier", [p(who)]));
const missingOf = (who: string, tier: number | bigint): bigint => plain(badgesRo("get-missing-criteria", [p(who), u(tier)]));
const discountOf = (who: string): bigint => plain(badgesRo("get-fee-discount-bps", [p(who)]));
const ownerOf = (id: number | bigint): string | null => plain(badgesRo("get-owner", [u(id)]));
const badgeOf = (id: number | bigint) => plain(badgesRo("get-badge", [u(id)]));
const lastId = (): bigint => plain(badgesRo("get-last-token-id"));
const uriOf = (id: number | bigint): string | null => plain(badgesRo("get-token-uri", [u(id)]));
const svgOf = (id: number | bigint): string | null => plain(badgesRo("get-token-svg", [u(id)]));
const transfer = (by: string, id: number | bigint, to: string, from = by) => badgesCall("transfer", [u(id), p(from), p(to)], by);
const burn = (by: string, id: number | bigint) => badgesCall("burn", [u(id)], by);
const grantBadgesRole = (role: string, who: string, by = deployer) => badgesCall("grant-role", [Cl.stringAscii(role), p(who)], by);
const revokeBadgesRole = (role: string, who: string, by = deployer) => badgesCall("revoke-role", [Cl.stringAscii(role), p(who)], by);
const viaProxy = (fn: string, args: ClarityValue[], sender: string) => simnet.callPublicFn("badges-proxy", fn, args, sender);

interface Config {
  jobs: bigint;
  satisfaction: bigint;
  x: boolean;
  vetted: boolean;
  soulbound: boolean;
  discount: bigint;
}
/** The spec's default tiers. */
const DEFAULTS: Record<string, Config> = {
  [Tier.Bronze.toString()]: { jobs: 10n, satisfaction: 9500n, x: false, vetted: false, soulbound: false, discount: 0n },
  [Tier.Silver.toString()]: { jobs: 25n, satisfaction: 9700n, x: true, vetted: false, soulbound: true, discount: 1000n },
  [Tier.Gold.toString()]: { jobs: 50n, satisfaction: 9800n, x: false, vetted: false, soulbound: true, discount: 2500n },
  [Tier.Platinum.toString()]: { jobs: 100n, satisfaction: 9900n, x: false, vetted: false, soulbound: true, discount: 5000n },
  [Tier.Verified.toString()]: { jobs: 0n, satisfaction: 0n, x: true, vetted: true, soulbound: true, discount: 0n },
};
const configFields = (c: Config) => ({
  "min-completed-jobs": u(c.jobs),
  "min-satisfaction-bps": u(c.satisfaction),
  "requires-x-verified": Cl.bool(c.x),
  "requires-vetted": Cl.bool(c.vetted),
  soulbound: Cl.bool(c.soulbound),
  "fee-discount-bps": u(c.discount),
});
const configCV = (c: Config) => Cl.tuple(configFields(c));
const setTierConfig = (by: string, tier: number | bigint, c: Config) => badgesCall("set-tier-config", [u(tier), configCV(c)], by);
const withConfig = (tier: bigint, change: Partial<Config>) => {
  expect(setTierConfig(deployer, tier, { ...DEFAULTS[tier.toString()], ...change }).result).toBeOk(Cl.bool(true));
};

/** Native SIP-009 events (mint / transfer / burn) of the badge NFT in a result. */
function nftEvents(r: TxResult) {
  return r.events
    .filter((e: any) => ["nft_mint_event", "nft_transfer_event", "nft_burn_event"].includes(e.event))
    .map((e: any) => ({
      event: e.event as string,
      asset: e.data.asset_identifier as string,
      sender: e.data.sender as string | undefined,
      recipient: e.data.recipient as string | undefined,
      value: plain(e.data.raw_value ? Cl.deserialize(e.data.raw_value) : e.data.value),
    }));
}
const ASSET = `${BADGES}::worx-badge`;

/** Claim `tier` for `who` and return the token id (asserts success). */
function claimed(who: string, tier: bigint): bigint {
  const r = claimBadge(who, tier);
  expect(r.result, `claim ${TIER_NAMES[Number(tier)]} by ${who}`).toHaveClarityType(ClarityType.ResponseOk);
  return plain(r.result);
}

/** Let `who` meet Silver: 25 jobs rated 5 and an X verification (Bronze too). */
function silverReady(who = freelancer) {
  completeJobs(who, ratingsOf(25));
  grantBadgesRole("attester", attester);
  expect(attest(attester, who, Kind.XVerified).result).toBeOk(Cl.bool(true));
}

// ───────────────────────────── deployment ─────────────────────────────

describe("deployment", () => {
  it("deployment: the spec's default tiers, the deployer is admin, nobody is an attester, no token yet", () => {
    for (const tier of [Tier.Bronze, Tier.Silver, Tier.Gold, Tier.Platinum, Tier.Verified]) {
      expect(badgesRo("get-tier-config", [u(tier)])).toBeSome(configCV(DEFAULTS[tier.toString()]));
    }
    expect(badgesRo("get-tier-config", [u(0)])).toBeNone();
    expect(badgesRo("get-tier-config", [u(6)])).toBeNone();
    expect(badgesRo("has-role", [Cl.stringAscii("admin"), p(deployer)])).toBeBool(true);
    for (const who of [deployer, attester, client, freelancer]) expect(badgesRo("has-role", [Cl.stringAscii("attester"), p(who)])).toBeBool(false);
    expect(badgesRo("get-last-token-id")).toBeOk(u(0));
    expect(badgesRo("get-escrow")).toBePrincipal(ESCROW);
    expect(badgesRo("get-owner", [u(1)])).toBeOk(Cl.none());
    expect(badgesRo("get-token-uri", [u(1)])).toBeOk(Cl.none());
    expect(badgesRo("get-fee-discount-bps", [p(freelancer)])).toBeOk(u(0));
    expect(heldOf(freelancer)).toBe(0n);
    expect(bestOf(freelancer)).toBe(Tier.None);
  });

  it("deployment: the deploy transaction prints tier-config-updated for every tier (the EVM constructor's events)", () => {
    const source = fs.readFileSync(path.join(repoRoot, "clarity/contracts/badges.clar"), "utf8");
    const r = simnet.deployContract("badges-copy", source, { clarityVersion: 4 }, deployer);
    expect(r.result).toBeBool(true);
    expectEventsOf(
      r as TxResult,
      `${deployer}.badges-copy`,
      SPEC,
      [Tier.Bronze, Tier.Silver, Tier.Gold, Tier.Platinum, Tier.Verified].map((tier) => ({
        topic: "tier-config-updated",
        tier: u(tier),
        ...configFields(DEFAULTS[tier.toString()]),
      })),
    );
  });

  it("deployment: every event field matches its Solidity twin (IWorxBadges.sol, ERC-5192, ERC-4906, AccessControl)", () => {
    expect(SPEC["badge-claimed"]).toEqual(["token-id", "account", "tier", "completed-jobs", "satisfaction-bps"]);
    expect(SPEC["attestation-submitted"]).toEqual(["subject", "kind", "attester", "expires-at", "digest"]);
    expect(SPEC["attestation-revoked"]).toEqual(["subject", "kind", "by"]);
    expect(SPEC["tier-config-updated"]).toEqual([
      "tier",
      "min-completed-jobs",
      "min-satisfaction-bps",
      "requires-x-verified",
      "requires-vetted",
      "soulbound",
      "fee-discount-bps",
    ]);
  });
});

// ───────────────────────────── claims ─────────────────────────────

describe("claim: criteria from the escrow's work history", () => {
  it("claim: Bronze needs 10 completed jobs: with 9 it fails (mask u1), the 10th job makes it claimable", () => {
    completeJobs(freelancer, ratingsOf(9));
    expect(missingOf(freelancer, Tier.Bronze)).toBe(Missing.CompletedJobs);
    expectBadgesErr(claimBadge(freelancer, Tier.Bronze), "ERR-CRITERIA-NOT-MET");
    completeJobs(freelancer, ratingsOf(1));
    expect(statsOf(freelancer)["completed-jobs"]).toBe(10n);
    expect(missingOf(freelancer, Tier.Bronze)).toBe(0n);
    const at = nextTxTime();
    const r = claimBadge(freelancer, Tier.Bronze);
    expect(r.result).toBeOk(u(1));
    // ERC-721 Transfer (mint) is the native nft event; Bronze is not locked: no `locked`
    expect(nftEvents(r)).toEqual([{ event: "nft_mint_event", asset: ASSET, sender: undefined, recipient: freelancer, value: 1n }]);
    expectBadgeEvents(r, [
      { topic: "badge-claimed", "token-id": u(1), account: p(freelancer), tier: u(Tier.Bronze), "completed-jobs": u(10), "satisfaction-bps": u(10_000) },
    ]);
    expect(badgeOf(1)).toEqual({ tier: Tier.Bronze, "claimed-at": at, "completed-jobs": 10n, "satisfaction-bps": 10_000n, soulbound: false });
    expect(ownerOf(1)).toBe(freelancer);
    expect(lastId()).toBe(1n);
    expect(badgesRo("is-locked", [u(1)])).toBeOk(Cl.bool(false));
    expect(badgesRo("has-claimed", [p(freelancer), u(Tier.Bronze)])).toBeBool(true);
    expect(badgesRo("get-claimed-token", [p(freelancer), u(Tier.Bronze)])).toBeSome(u(1));
  });


  it("claim: satisfaction 9499 bps fails Bronze (2389 stars over 503 ratings, floored), one more 5-star job makes exactly 9500 and passes", () => {
    // floor(2389 * 10000 / (5 * 503)) = 9499 (the smallest history that floors to 9499);
    // (2389 + 5) / (503 + 1) = 4.75 stars exactly = 9500
    completeJobs(freelancer, [...ratingsOf(377, 5), ...ratingsOf(126, 4)]);
    expect(statsOf(freelancer)).toMatchObject({ "completed-jobs": 503n, "rating-count": 503n, "rating-sum": 2389n });
    expect(badgesRo("get-satisfaction-bps", [p(freelancer)])).toBeUint(9499);
    expect(missingOf(freelancer, Tier.Bronze)).toBe(Missing.Satisfaction);
    expectBadgesErr(claimBadge(freelancer, Tier.Bronze), "ERR-CRITERIA-NOT-MET");
    completeJobs(freelancer, [5]);
    expect(badgesRo("get-satisfaction-bps", [p(freelancer)])).toBeUint(9500);
    expect(missingOf(freelancer, Tier.Bronze)).toBe(0n);
    expect(claimBadge(freelancer, Tier.Bronze).result).toBeOk(u(1));
    expect(badgeOf(1)).toMatchObject({ "completed-jobs": 504n, "satisfaction-bps": 9500n });
  });

  it("claim: unrated jobs count as jobs but not in satisfaction: 5,5,5,4 over 10 jobs is exactly 9500 and passes; no rating at all is 0", () => {
    completeJobs(freelancer, [5, 5, 5, 4, null, null, null, null, null, null]);
    expect(badgesRo("get-satisfaction-bps", [p(freelancer)])).toBeUint(9500);
    expect(claimBadge(freelancer, Tier.Bronze).result).toBeOk(u(1));
    completeJobs(stranger, ratingsOf(10, null));
    expect(badgesRo("get-satisfaction-bps", [p(stranger)])).toBeUint(0);
    expect(missingOf(stranger, Tier.Bronze)).toBe(Missing.Satisfaction);
  });

  it("claim: satisfaction is floored, never rounded up: 5,5,4 stars is 9333.33 -> 9333 (a minimum of 9334 fails, 9333 passes)", () => {
    completeJobs(freelancer, [5, 5, 4, ...ratingsOf(7, null)]);
    expect(badgesRo("get-satisfaction-bps", [p(freelancer)])).toBeUint(9333);
    withConfig(Tier.Bronze, { satisfaction: 9334n });
    expect(missingOf(freelancer, Tier.Bronze)).toBe(Missing.Satisfaction);
    expectBadgesErr(claimBadge(freelancer, Tier.Bronze), "ERR-CRITERIA-NOT-MET");
    withConfig(Tier.Bronze, { satisfaction: 9333n });
    expect(claimBadge(freelancer, Tier.Bronze).result).toBeOk(u(1));
  });

  it("get-missing-criteria: one bit per unmet criterion (u1 jobs, u2 satisfaction, u4 X, u8 vetting); it tracks the history and attestations", () => {
    expect(missingOf(freelancer, Tier.Bronze)).toBe(Missing.CompletedJobs | Missing.Satisfaction);
    expect(missingOf(freelancer, Tier.Silver)).toBe(Missing.CompletedJobs | Missing.Satisfaction | Missing.XVerification);
    expect(missingOf(freelancer, Tier.Platinum)).toBe(Missing.CompletedJobs | Missing.Satisfaction);
    expect(missingOf(freelancer, Tier.Verified)).toBe(Missing.XVerification | Missing.Vetting);
    completeJobs(freelancer, ratingsOf(25));
    expect(missingOf(freelancer, Tier.Bronze)).toBe(0n);
    expect(missingOf(freelancer, Tier.Silver)).toBe(Missing.XVerification);
    expect(missingOf(freelancer, Tier.Gold)).toBe(Missing.CompletedJobs);
    grantBadgesRole("attester", attester);
    expect(attest(attester, freelancer, Kind.Vetted).result).toBeOk(Cl.bool(true));
    expect(missingOf(freelancer, Tier.Verified)).toBe(Missing.XVerification);
    expect(missingOf(freelancer, Tier.Silver)).toBe(Missing.XVerification); // vetting is not X verification
    expect(attest(attester, freelancer, Kind.XVerified).result).toBeOk(Cl.bool(true));
    expect(missingOf(freelancer, Tier.Silver)).toBe(0n);
    expect(missingOf(freelancer, Tier.Verified)).toBe(0n);
    // five 1-star jobs: 130 stars over 30 ratings = 8666 bps
    completeJobs(freelancer, ratingsOf(5, 1));
    expect(missingOf(freelancer, Tier.Silver)).toBe(Missing.Satisfaction);
    expectBadgesErr(claimBadge(freelancer, Tier.Silver), "ERR-CRITERIA-NOT-MET");
    expect(missingOf(freelancer, Tier.Verified)).toBe(0n); // Verified asks for no history
    expect(claimBadge(freelancer, Tier.Verified).result).toBeOk(u(1));
  });

  it("claim: each account claims a tier once, also after burning it or giving it away; other accounts still can", () => {
    completeJobs(freelancer, ratingsOf(10));
    completeJobs(stranger, ratingsOf(10));
    expect(claimBadge(freelancer, Tier.Bronze).result).toBeOk(u(1));
    expectBadgesErr(claimBadge(freelancer, Tier.Bronze), "ERR-ALREADY-CLAIMED");
    expect(transfer(freelancer, 1, other).result).toBeOk(Cl.bool(true));
    expectBadgesErr(claimBadge(freelancer, Tier.Bronze), "ERR-ALREADY-CLAIMED");
    expect(claimBadge(stranger, Tier.Bronze).result).toBeOk(u(2));
    expect(burn(stranger, 2).result).toBeOk(Cl.bool(true));
    expectBadgesErr(claimBadge(stranger, Tier.Bronze), "ERR-ALREADY-CLAIMED");
    // holding a Bronze someone else claimed is not having claimed one
    expect(badgesRo("has-claimed", [p(other), u(Tier.Bronze)])).toBeBool(false);
    expect(badgesRo("get-claimed-token", [p(stranger), u(Tier.Bronze)])).toBeSome(u(2));
  });

  it("claim: a higher tier keeps the earlier badges; the best tier is the highest held (Verified ranks highest); held-tiers bitmap", () => {
    silverReady();
    const bronze = claimed(freelancer, Tier.Bronze);
    expect(bestOf(freelancer)).toBe(Tier.Bronze);
    const at = nextTxTime();
    const r = claimBadge(freelancer, Tier.Silver);
    expect(r.result).toBeOk(u(2));
    expectBadgeEvents(r, [
      { topic: "locked", "token-id": u(2) },
      { topic: "badge-claimed", "token-id": u(2), account: p(freelancer), tier: u(Tier.Silver), "completed-jobs": u(25), "satisfaction-bps": u(10_000) },
    ]);
    expect(badgeOf(2)).toEqual({ tier: Tier.Silver, "claimed-at": at, "completed-jobs": 25n, "satisfaction-bps": 10_000n, soulbound: true });
    expect(ownerOf(bronze)).toBe(freelancer);
    expect(heldOf(freelancer)).toBe(2n | 4n);
    expect(bestOf(freelancer)).toBe(Tier.Silver);
    expect(attest(attester, freelancer, Kind.Vetted).result).toBeOk(Cl.bool(true));
    expect(claimed(freelancer, Tier.Verified)).toBe(3n);
    expect(heldOf(freelancer)).toBe(2n | 4n | 32n);
    expect(bestOf(freelancer)).toBe(Tier.Verified);
    expect(badgesRo("is-locked", [u(3)])).toBeOk(Cl.bool(true));
  });

  it.each([0n, 6n, 255n])("claim: %s is not a tier (ERR-INVALID-TIER, also from get-missing-criteria)", (tier) => {
    expectBadgesErr(claimBadge(freelancer, tier), "ERR-INVALID-TIER");
    expect(badgesRo("get-missing-criteria", [p(freelancer), u(tier)])).toBeErr(u(BADGES_ERR["ERR-INVALID-TIER"]));
  });
});

// ───────────────────────── soul-bound, transfers, burns ─────────────────────────

describe("soul-bound badges, transfers and burns", () => {
  it("transfer: a soul-bound badge never moves, not even by its holder (ERR-SOULBOUND), even after its tier turns transferable", () => {
    silverReady();
    const silver = claimed(freelancer, Tier.Silver);
    expect(badgesRo("is-locked", [u(silver)])).toBeOk(Cl.bool(true));
    expectBadgesErr(transfer(freelancer, silver, stranger), "ERR-SOULBOUND");
    expect(ownerOf(silver)).toBe(freelancer);
    expect(heldOf(freelancer)).toBe(4n);
    expect(discountOf(freelancer)).toBe(1000n);
    // the lock is fixed at mint
    withConfig(Tier.Silver, { soulbound: false, discount: 0n });
    expectBadgesErr(transfer(freelancer, silver, stranger), "ERR-SOULBOUND");
    expect(badgesRo("is-locked", [u(silver)])).toBeOk(Cl.bool(true));
  });

  it("transfer: a Bronze badge moves with its held-tier bit; the SIP-009 owner follows; the recipient may pass it on", () => {
    completeJobs(freelancer, ratingsOf(10));
    const id = claimed(freelancer, Tier.Bronze);
    const r = transfer(freelancer, id, stranger);
    expect(r.result).toBeOk(Cl.bool(true));
    expect(nftEvents(r)).toEqual([{ event: "nft_transfer_event", asset: ASSET, sender: freelancer, recipient: stranger, value: id }]);
    expect(prints(r, BADGES)).toEqual([]); // ERC-721 Transfer is the native nft event
    expect(ownerOf(id)).toBe(stranger);
    expect([heldOf(freelancer), heldOf(stranger)]).toEqual([0n, 2n]);
    expect([bestOf(freelancer), bestOf(stranger)]).toEqual([Tier.None, Tier.Bronze]);
    expect(discountOf(stranger)).toBe(0n);
    expect(transfer(stranger, id, other).result).toBeOk(Cl.bool(true));
    expect([heldOf(stranger), heldOf(other)]).toEqual([0n, 2n]);
    expect(badgeOf(id)).toMatchObject({ tier: Tier.Bronze, "completed-jobs": 10n }); // the record travels unchanged
  });

  it("transfer: an account holding two Bronze badges keeps its bit until the last one leaves", () => {
    completeJobs(freelancer, ratingsOf(10));
    completeJobs(stranger, ratingsOf(10));
    const own = claimed(stranger, Tier.Bronze);
    const gift = claimed(freelancer, Tier.Bronze);
    expect(transfer(freelancer, gift, stranger).result).toBeOk(Cl.bool(true));
    expect(heldOf(stranger)).toBe(2n);
    expect(transfer(stranger, own, other).result).toBeOk(Cl.bool(true));
    expect(heldOf(stranger)).toBe(2n);
    expect(transfer(stranger, gift, other).result).toBeOk(Cl.bool(true));
    expect([heldOf(stranger), heldOf(other)]).toEqual([0n, 2n]);
    expect(burn(other, own).result).toBeOk(Cl.bool(true));
    expect(heldOf(other)).toBe(2n);
    expect(burn(other, gift).result).toBeOk(Cl.bool(true));
    expect(heldOf(other)).toBe(0n);
  });

  it("transfer: checks in the EVM order: token exists, the sender is the caller and the owner, not soul-bound, not to itself", () => {
    silverReady();
    const bronze = claimed(freelancer, Tier.Bronze);
    const silver = claimed(freelancer, Tier.Silver);
    expectBadgesErr(transfer(freelancer, 99, stranger), "ERR-TOKEN-NOT-FOUND");
    expectBadgesErr(transfer(stranger, bronze, stranger, freelancer), "ERR-NOT-TOKEN-OWNER"); // sender is not the caller
    expectBadgesErr(transfer(stranger, bronze, other), "ERR-NOT-TOKEN-OWNER"); // the caller is not the owner
    expectBadgesErr(transfer(stranger, silver, other, freelancer), "ERR-NOT-TOKEN-OWNER"); // authorisation first
    expectBadgesErr(transfer(freelancer, silver, other), "ERR-SOULBOUND");
    expectBadgesErr(transfer(freelancer, bronze, freelancer), "ERR-INVALID-RECIPIENT");
    expect([ownerOf(bronze), ownerOf(silver)]).toEqual([freelancer, freelancer]);
  });

  it("burn: the holder burns its own soul-bound badge: owner, record, URI gone; bit and discount cleared; ids never reused; not claimable again", () => {
    silverReady();
    claimed(freelancer, Tier.Bronze);
    const silver = claimed(freelancer, Tier.Silver);
    expect(discountOf(freelancer)).toBe(1000n);
    const r = burn(freelancer, silver);
    expect(r.result).toBeOk(Cl.bool(true));
    expect(nftEvents(r)).toEqual([{ event: "nft_burn_event", asset: ASSET, sender: freelancer, recipient: undefined, value: silver }]);
    expect(ownerOf(silver)).toBeNull();
    expect(badgeOf(silver)).toBeNull();
    expect(uriOf(silver)).toBeNull();
    expect(svgOf(silver)).toBeNull();
    expect(badgesRo("is-locked", [u(silver)])).toBeErr(u(BADGES_ERR["ERR-TOKEN-NOT-FOUND"]));
    expect(heldOf(freelancer)).toBe(2n);
    expect(bestOf(freelancer)).toBe(Tier.Bronze);
    expect(discountOf(freelancer)).toBe(0n);
    expect(lastId()).toBe(2n);
    expectBadgesErr(claimBadge(freelancer, Tier.Silver), "ERR-ALREADY-CLAIMED");
    expectBadgesErr(burn(freelancer, silver), "ERR-TOKEN-NOT-FOUND");
  });

  it("burn: only the current holder: not the claimer that gave it away, not a stranger", () => {
    completeJobs(freelancer, ratingsOf(10));
    const id = claimed(freelancer, Tier.Bronze);
    expect(transfer(freelancer, id, stranger).result).toBeOk(Cl.bool(true));
    expectBadgesErr(burn(freelancer, id), "ERR-NOT-TOKEN-OWNER");
    expectBadgesErr(burn(other, id), "ERR-NOT-TOKEN-OWNER");
    expectBadgesErr(burn(stranger, 42), "ERR-TOKEN-NOT-FOUND");
    expect(burn(stranger, id).result).toBeOk(Cl.bool(true));
    expect(heldOf(stranger)).toBe(0n);
  });
});

// ───────────────────────────── fee discounts ─────────────────────────────

describe("fee discounts (fee-discount-trait)", () => {
  it("get-fee-discount-bps: the largest discount among the soul-bound tiers held (Silver 10%, Gold 25% -> 25%); Bronze earns none", () => {
    completeJobs(freelancer, ratingsOf(50));
    grantBadgesRole("attester", attester);
    expect(attest(attester, freelancer, Kind.XVerified).result).toBeOk(Cl.bool(true));
    claimed(freelancer, Tier.Bronze);
    expect(discountOf(freelancer)).toBe(0n);
    claimed(freelancer, Tier.Silver);
    expect(discountOf(freelancer)).toBe(1000n);
    const gold = claimed(freelancer, Tier.Gold);
    expect(discountOf(freelancer)).toBe(2500n);
    expect(burn(freelancer, gold).result).toBeOk(Cl.bool(true));
    expect(discountOf(freelancer)).toBe(1000n);
  });

  it("get-fee-discount-bps: follows the tier's current configuration at once; the change prints an ERC-4906 batch update", () => {
    silverReady();
    claimed(freelancer, Tier.Bronze);
    claimed(freelancer, Tier.Silver);
    const cfg = { ...DEFAULTS[Tier.Silver.toString()], discount: 4000n };
    const r = setTierConfig(deployer, Tier.Silver, cfg);
    expect(r.result).toBeOk(Cl.bool(true));
    expectBadgeEvents(r, [
      { topic: "tier-config-updated", tier: u(Tier.Silver), ...configFields(cfg) },
      { topic: "batch-metadata-update", "from-token-id": u(1), "to-token-id": u(2) },
    ]);
    expect(discountOf(freelancer)).toBe(4000n);
  });

  it("get-fee-discount-bps: a badge minted transferable never earns a discount, even once its tier turns soul-bound with one", () => {
    completeJobs(freelancer, ratingsOf(10));
    const bought = claimed(freelancer, Tier.Bronze);
    expect(transfer(freelancer, bought, stranger).result).toBeOk(Cl.bool(true));
    withConfig(Tier.Bronze, { soulbound: true, discount: 3000n });
    expect(discountOf(stranger)).toBe(0n);
    expect(discountOf(freelancer)).toBe(0n);
    // a Bronze claimed from now on is locked and earns it
    completeJobs(other, ratingsOf(10));
    const locked = claimed(other, Tier.Bronze);
    expect(badgesRo("is-locked", [u(locked)])).toBeOk(Cl.bool(true));
    expect(discountOf(other)).toBe(3000n);
  });

  it("escrow: with badges as its fee-discount source, a Silver holder's new job carries the discounted fee; others pay the full fee", () => {
    silverReady();
    const silver = claimed(freelancer, Tier.Silver);
    completeJobs(stranger, ratingsOf(10));
    claimed(stranger, Tier.Bronze);
    expect(setSource(deployer, BADGES).result).toBeOk(Cl.bool(true));
    const r = create(client, freelancer, null, [1_000_000]);
    expect(r.result).toHaveClarityType(ClarityType.ResponseOk);
    const id: bigint = plain(r.result);
    expect(escrowOf(id)!["fee-bps"]).toBe(discountedFee(1000n, 1000n));
    expect(escrowOf(id)!["fee-bps"]).toBe(900n);
    expect(eventAt(r, 1)).toEqual({
      topic: Cl.stringAscii("fee-discount-applied"),
      "escrow-id": u(id),
      freelancer: p(freelancer),
      "base-fee-bps": u(1000),
      "discount-bps": u(1000),
    });
    const bronzeOnly = create(client, stranger, null, [1_000_000]);
    const other_id: bigint = plain(bronzeOnly.result);
    expect(escrowOf(other_id)!["fee-bps"]).toBe(1000n);
    expect(prints(bronzeOnly)).toHaveLength(1); // no fee-discount-applied
    // the job keeps its fee whatever happens to the badge later
    expect(burn(freelancer, silver).result).toBeOk(Cl.bool(true));
    expect(escrowOf(id)!["fee-bps"]).toBe(900n);
    expect(escrowOf(plain(create(client, freelancer, null, [1_000_000]).result))!["fee-bps"]).toBe(1000n);
  });
});

// ───────────────────────────── metadata ─────────────────────────────

const jsonOf = (uri: string) => JSON.parse(decodeURIComponent(uri.slice(uri.indexOf(",") + 1)));

describe("metadata", () => {
  it("get-token-uri: a data: URI of SIP-016 JSON that fetch() and decodeURIComponent both read, within SIP-009's 256 characters", async () => {
    silverReady();
    claimed(freelancer, Tier.Bronze);
    claimed(freelancer, Tier.Silver);
    const uri = uriOf(2)!;
    expect(uri.startsWith("data:application/json,{")).toBe(true);
    const claimedAt = Number(badgeOf(2)["claimed-at"]);
    const expected = {
      sip: 16,
      name: "Worx Silver #2",
      properties: { tier: "Silver", completed_jobs: 25, satisfaction: "100.00%", claimed_at: claimedAt, soulbound: true, fee_discount: "10.00%" },
    };
    expect(jsonOf(uri)).toEqual(expected);
    expect(await (await fetch(uri)).json()).toEqual(expected);
    expect(jsonOf(uriOf(1)!)).toEqual({
      sip: 16,
      name: "Worx Bronze #1",
      properties: { tier: "Bronze", completed_jobs: 25, satisfaction: "100.00%", claimed_at: Number(badgeOf(1)["claimed-at"]), soulbound: false, fee_discount: "0.00%" },
    });
    // the longest realistic URI still fits: 12-digit id and job count, 11-digit time, the longest
    // tier name (twice), "100.00" twice and "false"
    const fixed = uri.length - (2 * "Silver".length + "2".length + "25".length + String(claimedAt).length + "100.00".length + "10.00".length);
    expect(fixed + 2 * "Platinum".length + 12 + 12 + 11 + 6 + 6 + 1).toBeLessThanOrEqual(256);
    expect(uriOf(3)).toBeNull();
  });

  it.each([
    [1005n, "10.05%"],
    [5n, "0.05%"],
    [10_000n, "100.00%"],
    [0n, "0.00%"],
  ])("get-token-uri: percentages keep two decimals (fee discount %s bps -> %s)", (bps, shown) => {
    silverReady();
    claimed(freelancer, Tier.Silver);
    withConfig(Tier.Silver, { discount: bps });
    expect(jsonOf(uriOf(1)!).properties.fee_discount).toBe(shown);
  });

  it("get-token-svg: the EVM BadgeArt picture (tier colour and label, token id, stats at claim, lock)", () => {
    completeJobs(freelancer, [5, 5, 5, 4, ...ratingsOf(6, null)]);
    claimed(freelancer, Tier.Bronze);
    silverReady(stranger);
    claimed(stranger, Tier.Silver);
    const svg = (colour: string, label: string, id: number, jobs: number, satisfaction: string, lock: string) =>
      "<svg xmlns='http://www.w3.org/2000/svg' width='400' height='400' viewBox='0 0 400 400'>" +
      "<rect width='400' height='400' rx='32' fill='#111827'/>" +
      `<circle cx='200' cy='150' r='96' fill='${colour}' stroke='#ffffff' stroke-opacity='0.35' stroke-width='8'/>` +
      "<g font-family='Helvetica,Arial,sans-serif' text-anchor='middle'>" +
      `<text x='200' y='161' font-size='30' font-weight='700' fill='#111827'>${label}</text>` +
      `<text x='200' y='288' font-size='24' fill='#f9fafb'>Worx badge #${id}</text>` +
      `<text x='200' y='324' font-size='18' fill='#d1d5db'>${jobs} jobs / ${satisfaction} satisfied</text>` +
      `<text x='200' y='356' font-size='15' fill='#9ca3af'>${lock}</text></g></svg>`;
    expect(svgOf(1)).toBe(svg("#cd7f32", "BRONZE", 1, 10, "95.00%", "Transferable"));
    expect(svgOf(2)).toBe(svg("#c0c0c0", "SILVER", 2, 25, "100.00%", "Soul-bound"));
    expect(svgOf(3)).toBeNull();
  });
});

// ───────────────────────────── administration ─────────────────────────────

describe("administration", () => {
  it("set-tier-config: only the admin; the config is replaced; TierConfigUpdated fields; a batch update once badges exist", () => {
    expectBadgesErr(setTierConfig(stranger, Tier.Bronze, DEFAULTS["1"]), "ERR-NOT-AUTHORIZED");
    const cfg: Config = { jobs: 3n, satisfaction: 0n, x: false, vetted: true, soulbound: true, discount: 700n };
    const r = setTierConfig(deployer, Tier.Bronze, cfg);
    expect(r.result).toBeOk(Cl.bool(true));
    expectBadgeEvents(r, [{ topic: "tier-config-updated", tier: u(Tier.Bronze), ...configFields(cfg) }]); // no badge yet
    expect(badgesRo("get-tier-config", [u(Tier.Bronze)])).toBeSome(configCV(cfg));
    // the new criteria apply to claims at once
    completeJobs(freelancer, ratingsOf(3, null));
    expect(missingOf(freelancer, Tier.Bronze)).toBe(Missing.Vetting);
    grantBadgesRole("attester", attester);
    expect(attest(attester, freelancer, Kind.Vetted).result).toBeOk(Cl.bool(true));
    const r2 = claimBadge(freelancer, Tier.Bronze);
    expectBadgeEvents(r2, [
      { topic: "locked", "token-id": u(1) },
      { topic: "badge-claimed", "token-id": u(1), account: p(freelancer), tier: u(Tier.Bronze), "completed-jobs": u(3), "satisfaction-bps": u(0) },
    ]);
    expect(discountOf(freelancer)).toBe(700n);
    const r3 = setTierConfig(deployer, Tier.Gold, DEFAULTS["3"]);
    expectBadgeEvents(r3, [
      { topic: "tier-config-updated", tier: u(Tier.Gold), ...configFields(DEFAULTS["3"]) },
      { topic: "batch-metadata-update", "from-token-id": u(1), "to-token-id": u(1) },
    ]);
  });

  it.each([
    ["satisfaction above 10000 bps", Tier.Bronze, { satisfaction: 10_001n }, "ERR-INVALID-TIER-CONFIG"],
    ["a discount above 10000 bps", Tier.Silver, { discount: 10_001n }, "ERR-INVALID-TIER-CONFIG"],
    ["more than 2^32 - 1 jobs (uint32 on EVM)", Tier.Gold, { jobs: 2n ** 32n }, "ERR-INVALID-TIER-CONFIG"],
    ["a discount on a transferable tier", Tier.Bronze, { discount: 1n }, "ERR-INVALID-TIER-CONFIG"],
    ["tier 0 (None)", 0n, {}, "ERR-INVALID-TIER"],
    ["tier 6", 6n, {}, "ERR-INVALID-TIER"],
  ] as const)("set-tier-config: refuses %s", (_label, tier, change, err) => {
    expectBadgesErr(setTierConfig(deployer, tier, { ...DEFAULTS["1"], ...change }), err);
  });

  it("set-tier-config: the bounds themselves are accepted (10000 bps, 10000 bps discount on a soul-bound tier, 2^32 - 1 jobs)", () => {
    const cfg: Config = { jobs: 2n ** 32n - 1n, satisfaction: 10_000n, x: true, vetted: true, soulbound: true, discount: 10_000n };
    expect(setTierConfig(deployer, Tier.Platinum, cfg).result).toBeOk(Cl.bool(true));
    expect(badgesRo("get-tier-config", [u(Tier.Platinum)])).toBeSome(configCV(cfg));
  });

  it("roles: the admin grants and revokes admin and attester (events, idempotent); unknown roles are refused; a renounced admin freezes config", () => {
    const g = grantBadgesRole("attester", attester);
    expect(g.result).toBeOk(Cl.bool(true));
    expectBadgeEvents(g, [{ topic: "role-granted", role: Cl.stringAscii("attester"), account: p(attester), sender: p(deployer) }]);
    expect(grantBadgesRole("attester", attester).result).toBeOk(Cl.bool(false));
    expectBadgesErr(grantBadgesRole("owner", attester), "ERR-UNKNOWN-ROLE");
    expectBadgesErr(revokeBadgesRole("arbiter", attester), "ERR-UNKNOWN-ROLE");
    expectBadgesErr(grantBadgesRole("admin", stranger, stranger), "ERR-NOT-AUTHORIZED");
    expectBadgesErr(grantBadgesRole("admin", stranger, attester), "ERR-NOT-AUTHORIZED"); // attesters administer nothing
    expect(grantBadgesRole("admin", client).result).toBeOk(Cl.bool(true));
    const v = revokeBadgesRole("attester", attester, client);
    expect(v.result).toBeOk(Cl.bool(true));
    expectBadgeEvents(v, [{ topic: "role-revoked", role: Cl.stringAscii("attester"), account: p(attester), sender: p(client) }]);
    expect(revokeBadgesRole("attester", attester, client).result).toBeOk(Cl.bool(false));
    expect(revokeBadgesRole("admin", deployer, client).result).toBeOk(Cl.bool(true));
    expect(revokeBadgesRole("admin", client, client).result).toBeOk(Cl.bool(true));
    expectBadgesErr(setTierConfig(client, Tier.Bronze, DEFAULTS["1"]), "ERR-NOT-AUTHORIZED");
    expectBadgesErr(grantBadgesRole("admin", client, client), "ERR-NOT-AUTHORIZED");
  });

  it("the multisig administers badges through its `call` operation once the deployer handed it the admin role", () => {
    const init = simnet.callPublicFn(
      "multisig",
      "initialize",
      [Cl.list([deployer, client, stranger].map(p)), u(2), u(2), u(3600), u(3600), Cl.none(), Cl.list([]), Cl.list([])],
      deployer,
    );
    expect(init.result).toBeOk(Cl.bool(true));
    expect(grantBadgesRole("admin", MULTISIG).result).toBeOk(Cl.bool(true));
    expect(revokeBadgesRole("admin", deployer).result).toBeOk(Cl.bool(true));
    const cfg: Config = { ...DEFAULTS["1"], jobs: 12n };
    const run = (payload: ClarityValue, nonce: number) => {
      const proposed = simnet.callPublicFn("multisig", "propose-call", [p(BADGES), Cl.bufferFromHex(serializeCV(payload)), u(nonce)], deployer);
      expect(proposed.result).toHaveClarityType(ClarityType.ResponseOk);
      const id = (proposed.result as any).value as ClarityValue;
      expect(simnet.callPublicFn("multisig", "approve", [id], client).result).toBeOk(Cl.bool(true));
      const queued = simnet.callPublicFn("multisig", "queue", [id], stranger);
      advanceTo(plain(queued.result));
      return simnet.callPublicFn("multisig", "execute-call", [id, p(BADGES)], stranger);
    };
    const r = run(Cl.tuple({ action: Cl.stringAscii("set-tier-config"), args: Cl.tuple({ tier: u(Tier.Bronze), config: configCV(cfg) }) }), 1);
    expect(r.result).toBeOk(Cl.bool(true));
    expectBadgeEvents(r, [{ topic: "tier-config-updated", tier: u(Tier.Bronze), ...configFields(cfg) }]);
    expect(badgesRo("get-tier-config", [u(Tier.Bronze)])).toBeSome(configCV(cfg));
    const g = run(Cl.tuple({ action: Cl.stringAscii("grant-role"), args: Cl.tuple({ role: Cl.stringAscii("attester"), account: p(attester) }) }), 2);
    expect(g.result).toBeOk(Cl.bool(true));
    expectBadgeEvents(g, [{ topic: "role-granted", role: Cl.stringAscii("attester"), account: p(attester), sender: p(MULTISIG) }]);
    const v = run(Cl.tuple({ action: Cl.stringAscii("revoke-role"), args: Cl.tuple({ role: Cl.stringAscii("attester"), account: p(attester) }) }), 3);
    expect(v.result).toBeOk(Cl.bool(true));
    expect(badgesRo("has-role", [Cl.stringAscii("attester"), p(attester)])).toBeBool(false);
    // the deployer no longer administers anything
    expectBadgesErr(setTierConfig(deployer, Tier.Bronze, DEFAULTS["1"]), "ERR-NOT-AUTHORIZED");
    // a failing action reverts the execution (the operation stays queued)
    const bad = run(Cl.tuple({ action: Cl.stringAscii("set-tier-config"), args: Cl.tuple({ tier: u(0), config: configCV(cfg) }) }), 4);
    expectBadgesErr(bad, "ERR-INVALID-TIER");
  });

  it("execute: only an admin; payloads other than the three actions are refused (ERR-INVALID-ACTION)", () => {
    const exec = (payload: ClarityValue | Uint8Array, by = deployer) =>
      badgesCall("execute", [Cl.buffer(new Uint8Array(32)), payload instanceof Uint8Array ? Cl.buffer(payload) : Cl.bufferFromHex(serializeCV(payload))], by);
    const role = Cl.tuple({ role: Cl.stringAscii("attester"), account: p(attester) });
    expectBadgesErr(exec(Cl.tuple({ action: Cl.stringAscii("grant-role"), args: role }), stranger), "ERR-NOT-AUTHORIZED");
    expectBadgesErr(exec(new Uint8Array([0])), "ERR-INVALID-ACTION");
    expectBadgesErr(exec(Cl.uint(1)), "ERR-INVALID-ACTION");
    expectBadgesErr(exec(Cl.tuple({ action: Cl.stringAscii("pause"), args: role })), "ERR-INVALID-ACTION");
    expectBadgesErr(exec(Cl.tuple({ action: Cl.stringAscii("grant-role"), args: Cl.tuple({ tier: u(1), config: configCV(DEFAULTS["1"]) }) })), "ERR-INVALID-ACTION");
    expectBadgesErr(exec(Cl.tuple({ action: Cl.stringAscii("set-tier-config"), args: role })), "ERR-INVALID-ACTION");
    expect(exec(Cl.tuple({ action: Cl.stringAscii("grant-role"), args: role })).result).toBeOk(Cl.bool(true));
    expect(badgesRo("has-role", [Cl.stringAscii("attester"), p(attester)])).toBeBool(true);
  });
});

// ───────────────────── contract-caller through a relaying contract ─────────────────────

describe("contract-caller checks through a relaying contract", () => {
  it("contract-caller: a contract relaying a qualified user's claim claims for itself (and fails), never for the user", () => {
    completeJobs(freelancer, ratingsOf(10));
    expectBadgesErr(viaProxy("claim", [u(Tier.Bronze)], freelancer), "ERR-CRITERIA-NOT-MET");
    expect(lastId()).toBe(0n);
    expect(badgesRo("has-claimed", [p(freelancer), u(Tier.Bronze)])).toBeBool(false);
    expect(claimBadge(freelancer, Tier.Bronze).result).toBeOk(u(1));
  });

  it("contract-caller: a relaying contract cannot transfer or burn the signer's badges", () => {
    completeJobs(freelancer, ratingsOf(10));
    const id = claimed(freelancer, Tier.Bronze);
    expectBadgesErr(viaProxy("transfer", [u(id), p(freelancer), p(BADGES_PROXY)], freelancer), "ERR-NOT-TOKEN-OWNER");
    expectBadgesErr(viaProxy("transfer", [u(id), p(freelancer), p(stranger)], freelancer), "ERR-NOT-TOKEN-OWNER");
    expectBadgesErr(viaProxy("burn", [u(id)], freelancer), "ERR-NOT-TOKEN-OWNER");
    expect(ownerOf(id)).toBe(freelancer);
    expect(heldOf(freelancer)).toBe(2n);
  });

  it("contract-caller: a relaying contract is not the admin or the attester whose call it relays", () => {
    grantBadgesRole("attester", attester);
    expectBadgesErr(viaProxy("set-tier-config", [u(Tier.Bronze), configCV(DEFAULTS["1"])], deployer), "ERR-NOT-AUTHORIZED");
    expectBadgesErr(viaProxy("grant-role", [Cl.stringAscii("admin"), p(stranger)], deployer), "ERR-NOT-AUTHORIZED");
    expectBadgesErr(viaProxy("revoke-role", [Cl.stringAscii("admin"), p(deployer)], deployer), "ERR-NOT-AUTHORIZED");
    const payload = Cl.tuple({ action: Cl.stringAscii("grant-role"), args: Cl.tuple({ role: Cl.stringAscii("admin"), account: p(stranger) }) });
    expectBadgesErr(viaProxy("execute", [Cl.buffer(new Uint8Array(32)), Cl.bufferFromHex(serializeCV(payload))], deployer), "ERR-NOT-AUTHORIZED");
    expectBadgesErr(viaProxy("revoke-attestation", [p(freelancer), u(Kind.XVerified)], attester), "ERR-NOT-AUTHORIZED");
    expect(badgesRo("has-role", [Cl.stringAscii("admin"), p(stranger)])).toBeBool(false);
    expect(badgesRo("has-role", [Cl.stringAscii("admin"), p(deployer)])).toBeBool(true);
  });

  it("contract-caller: a contract holds and moves a badge in its own name (a marketplace custodying a Bronze)", () => {
    completeJobs(freelancer, ratingsOf(10));
    const id = claimed(freelancer, Tier.Bronze);
    expect(transfer(freelancer, id, BADGES_PROXY).result).toBeOk(Cl.bool(true));
    expect(heldOf(BADGES_PROXY)).toBe(2n);
    expect(viaProxy("transfer", [u(id), p(BADGES_PROXY), p(stranger)], other).result).toBeOk(Cl.bool(true));
    expect(ownerOf(id)).toBe(stranger);
  });

  it("contract-caller: a contract granted admin administers in its own name (multisig/DAO pattern)", () => {
    expect(grantBadgesRole("admin", BADGES_PROXY).result).toBeOk(Cl.bool(true));
    const r = viaProxy("grant-role", [Cl.stringAscii("attester"), p(attester)], stranger);
    expect(r.result).toBeOk(Cl.bool(true));
    expectBadgeEvents(r, [{ topic: "role-granted", role: Cl.stringAscii("attester"), account: p(attester), sender: p(BADGES_PROXY) }]);
    expectBadgesErr(grantBadgesRole("attester", other, stranger), "ERR-NOT-AUTHORIZED"); // the signer itself holds nothing
  });
});

// ───────────────────────────── every error constant ─────────────────────────────

describe("error constants", () => {
  const bronze = () => (completeJobs(freelancer, ratingsOf(10)), claimed(freelancer, Tier.Bronze));
  const withAttester = () => grantBadgesRole("attester", attester);
  const scenarios: Record<string, () => TxResult> = {
    "ERR-NOT-AUTHORIZED": () => setTierConfig(stranger, Tier.Bronze, DEFAULTS["1"]),
    "ERR-UNKNOWN-ROLE": () => grantBadgesRole("owner", stranger),
    "ERR-INVALID-TIER-CONFIG": () => setTierConfig(deployer, Tier.Bronze, { ...DEFAULTS["1"], satisfaction: 10_001n }),
    "ERR-INVALID-ACTION": () => badgesCall("execute", [Cl.buffer(new Uint8Array(32)), Cl.buffer(new Uint8Array([0]))], deployer),
    "ERR-INVALID-TIER": () => claimBadge(freelancer, 0),
    "ERR-CRITERIA-NOT-MET": () => claimBadge(freelancer, Tier.Bronze),
    "ERR-ALREADY-CLAIMED": () => (bronze(), claimBadge(freelancer, Tier.Bronze)),
    "ERR-TOKEN-NOT-FOUND": () => burn(freelancer, 1),
    "ERR-NOT-TOKEN-OWNER": () => burn(stranger, bronze()),
    "ERR-SOULBOUND": () => {
      withAttester();
      attest(attester, freelancer, Kind.XVerified);
      attest(attester, freelancer, Kind.Vetted);
      return transfer(freelancer, claimed(freelancer, Tier.Verified), stranger);
    },
    "ERR-INVALID-RECIPIENT": () => transfer(freelancer, bronze(), freelancer),
    "ERR-INVALID-ATTESTATION-SIGNATURE": () => (withAttester(), attest(stranger, freelancer, Kind.XVerified)),
    "ERR-ATTESTATION-EXPIRED": () => (withAttester(), attest(attester, freelancer, Kind.XVerified, { expiresAt: nextTxTime() })),
    "ERR-ATTESTATION-ALREADY-USED": () => {
      withAttester();
      const expiresAt = nextTxTime() + DAY;
      attest(attester, freelancer, Kind.XVerified, { nonce: 7, expiresAt });
      return attest(attester, freelancer, Kind.XVerified, { nonce: 7, expiresAt });
    },
    "ERR-UNKNOWN-ATTESTATION-KIND": () => (withAttester(), attest(attester, freelancer, 3)),
  };

  it("error constants: every ERR-* declared in badges.clar has a scenario, codes are unique and in u3000-u3099", () => {
    expect(Object.keys(scenarios).sort()).toEqual(Object.keys(BADGES_ERR).sort());
    const codes = Object.values(BADGES_ERR);
    expect(new Set(codes).size).toBe(codes.length);
    for (const c of codes) expect(c >= 3000n && c <= 3099n).toBe(true);
  });

  it.each(Object.keys(scenarios))("error constants: %s fires", (name) => {
    expectBadgesErr(scenarios[name](), name);
  });
});

// ───────────────────────────── cost baseline ─────────────────────────────
// Canonical calls for the benchmark (scripts/bench/clarityCosts.ts, area "badges"): the first call
// of each badges function in "cost baseline: badges …", beside one bare SIP-009 transfer.

describe("cost baseline", () => {
  it("cost baseline: badges claim Bronze + Silver, submit/revoke-attestation, transfer, burn, get-token-uri/svg, get-fee-discount-bps, set-tier-config, a job reading badges", () => {
    completeJobs(freelancer, ratingsOf(25));
    expect(grantBadgesRole("attester", attester).result).toBeOk(Cl.bool(true));
    expect(claimBadge(freelancer, Tier.Bronze).result).toBeOk(u(1));
    expect(attest(attester, freelancer, Kind.XVerified).result).toBeOk(Cl.bool(true));
    expect(claimBadge(freelancer, Tier.Silver).result).toBeOk(u(2));
    expect(attest(attester, freelancer, Kind.Vetted).result).toBeOk(Cl.bool(true));
    expect(badgesCall("revoke-attestation", [p(freelancer), u(Kind.Vetted)], attester).result).toBeOk(Cl.bool(true));
    expect(transfer(freelancer, 1, stranger).result).toBeOk(Cl.bool(true));
    expect(badgesRo("get-token-uri", [u(2)])).toHaveClarityType(ClarityType.ResponseOk);
    expect(badgesRo("get-token-svg", [u(2)])).toHaveClarityType(ClarityType.OptionalSome);
    expect(badgesRo("get-fee-discount-bps", [p(freelancer)])).toBeOk(u(1000));
    // the same job without, then with, badges as the escrow's fee-discount source
    expect(create(client, freelancer, null, [1_000_000]).result).toBeOk(u(26));
    expect(setSource(deployer, BADGES).result).toBeOk(Cl.bool(true));
    expect(create(client, freelancer, null, [1_000_000]).result).toBeOk(u(27));
    expect(setTierConfig(deployer, Tier.Silver, { ...DEFAULTS[Tier.Silver.toString()], discount: 1500n }).result).toBeOk(Cl.bool(true));
    expect(burn(freelancer, 2).result).toBeOk(Cl.bool(true));
  });

  it("cost baseline: bare SIP-009 transfer (plain-nft) to an account that holds none", () => {
    expect(simnet.callPublicFn("plain-nft", "mint", [p(freelancer)], freelancer).result).toBeOk(u(1));
    expect(simnet.callPublicFn("plain-nft", "transfer", [u(1), p(freelancer), p(stranger)], freelancer).result).toBeOk(Cl.bool(true));
    expect(plain(simnet.callReadOnlyFn("plain-nft", "get-owner", [u(1)], stranger).result)).toBe(stranger);
    expect(PLAIN_NFT.endsWith(".plain-nft")).toBe(true);
  });
});
