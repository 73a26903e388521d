// Simnet tests of the badges' attestations (clarity/contracts/badges.clar): SIP-018 signatures by
// an "attester" over {badges, subject, kind, expires-at, nonce} in the domain {name: "Worx Badges",
// version: "1", chain-id}, signed with `signStructuredData` by the simnet keys (derived from the
// mnemonics in clarity/settings/Devnet.toml). Covers the digest, storage and events, expiry to the
// second (simnet block times step by 10 s, so a boundary is pinned by two calls in one block, one
// on each side), replay (also after revocation), wrong signers (non-attesters, revoked attesters,
// malformed signatures), wrong domains and messages, revocation, and that claimed badges stay.
import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { tx } from "@stacks/clarinet-sdk";
import { Cl, ClarityType, encodeStructuredDataBytes } from "@stacks/transactions";
import {
  BADGES,
  CHAIN_ID,
  DAY,
  DEMO_USD,
  Kind,
  Missing,
  Tier,
  advanceTo,
  attestationCV,
  attest,
  badgesCall,
  badgesDomainCV,
  badgesRo,
  badgesSolidityEvents,
  claimBadge,
  completeJobs,
  deployer,
  expectBadgesErr,
  expectEventsOf,
  freelancer,
  nextTxTime,
  plain,
  prints,
  ratingsOf,
  signAttestation,
  stranger,
  submitAttestationArgs,
  type AttestationTerms,
} from "./helpers";

const accounts = simnet.getAccounts();
const attester = accounts.get("wallet_4")!;
const other = accounts.get("wallet_5")!;
const client = accounts.get("wallet_1")!;

type TxResult = ReturnType<typeof simnet.callPublicFn>;
const SPEC = badgesSolidityEvents();
const expectBadgeEvents = (r: TxResult, expected: Parameters<typeof expectEventsOf>[3]) => expectEventsOf(r, BADGES, SPEC, expected);

const u = (n: number | bigint) => Cl.uint(n);
const p = (who: string) => Cl.principal(who);
const grantAttester = (who = attester) => expect(badgesCall("grant-role", [Cl.stringAscii("attester"), p(who)], deployer).result).toBeOk(Cl.bool(true));
const revokeAttester = (who = attester) => expect(badgesCall("revoke-role", [Cl.stringAscii("attester"), p(who)], deployer).result).toBeOk(Cl.bool(true));
const digestOf = (a: AttestationTerms) => createHash("sha256").update(encodeStructuredDataBytes({ message: attestationCV(a), domain: badgesDomainCV() })).digest();
const terms = (subject: string, kind: bigint, nonce: number, ttl = 30n * DAY): AttestationTerms => ({ subject, kind, nonce, expiresAt: nextTxTime() + ttl });
const submit = (a: AttestationTerms, signature: string, by = a.subject) => badgesCall("submit-attestation", submitAttestationArgs(a, signature), by);
const stored = (subject: string, kind: bigint) => plain(badgesRo("get-attestation", [p(subject), u(kind)]));
const valid = (subject: string, kind: bigint) => plain(badgesRo("has-valid-attestation", [p(subject), u(kind)])) as boolean;
const revoke = (subject: string, kind: bigint | number, by = attester) => badgesCall("revoke-attestation", [p(subject), u(kind)], by);

describe("submit-attestation", () => {
  it("get-attestation-digest: the SIP-018 hash of {badges, subject, kind, expires-at, nonce} in {name: \"Worx Badges\", version: \"1\", chain-id}", () => {
    const a: AttestationTerms = { subject: freelancer, kind: Kind.Vetted, expiresAt: 1_900_000_000n, nonce: 42 };
    expect(badgesRo("get-attestation-digest", [p(freelancer), u(Kind.Vetted), u(1_900_000_000n), u(42)])).toBeBuff(digestOf(a));
    expect(badgesRo("get-attestation-domain")).toEqual(badgesDomainCV());
  });

  it("submit-attestation: stores {attester, expires-at}, uses up the digest, prints AttestationSubmitted; anyone may submit", () => {
    grantAttester();
    const a = terms(freelancer, Kind.XVerified, 1);
    expect(valid(freelancer, Kind.XVerified)).toBe(false);
    const r = submit(a, signAttestation(attester, a), stranger); // not the subject: anyone may relay it
    expect(r.result).toBeOk(Cl.bool(true));
    const digest = digestOf(a);
    expectBadgeEvents(r, [
      { topic: "attestation-submitted", subject: p(freelancer), kind: u(Kind.XVerified), attester: p(attester), "expires-at": u(a.expiresAt), digest: Cl.buffer(digest) },
    ]);
    expect(stored(freelancer, Kind.XVerified)).toEqual({ attester, "expires-at": a.expiresAt });
    expect(stored(freelancer, Kind.Vetted)).toBeNull();
    expect(stored(stranger, Kind.XVerified)).toBeNull();
    expect(valid(freelancer, Kind.XVerified)).toBe(true);
    expect(badgesRo("is-attestation-used", [Cl.buffer(digest)])).toBeBool(true);
    expect(badgesRo("is-attestation-used", [Cl.buffer(digestOf({ ...a, nonce: 2 }))])).toBeBool(false);
  });

  it("submit-attestation: a later attestation of the same kind replaces the stored one (also a shorter one), by whichever attester", () => {
    grantAttester();
    grantAttester(other);
    expect(attest(attester, freelancer, Kind.Vetted, { ttl: 90n * DAY }).result).toBeOk(Cl.bool(true));
    const short = nextTxTime() + DAY;
    expect(attest(other, freelancer, Kind.Vetted, { expiresAt: short }).result).toBeOk(Cl.bool(true));
    expect(stored(freelancer, Kind.Vetted)).toEqual({ attester: other, "expires-at": short });
  });

  it("submit-attestation: expires-at must be after the block's time: equal is refused, one second later is accepted (same block)", () => {
    grantAttester();
    const t = nextTxTime() + 100n;
    const at = terms(freelancer, Kind.XVerified, 1);
    at.expiresAt = t;
    const after = { ...at, nonce: 2, expiresAt: t + 1n };
    const before = { ...at, nonce: 3, expiresAt: t - 1n };
    advanceTo(t);
    const [r1, r2, r3] = simnet.mineBlock(
      [before, at, after].map((a) => tx.callPublicFn("badges", "submit-attestation", submitAttestationArgs(a, signAttestation(attester, a)), freelancer)),
    );
    expectBadgesErr(r1, "ERR-ATTESTATION-EXPIRED");
    expectBadgesErr(r2, "ERR-ATTESTATION-EXPIRED");
    expect(r3.result).toBeOk(Cl.bool(true));
    expect(stored(freelancer, Kind.XVerified)).toEqual({ attester, "expires-at": t + 1n });
  });

  it("attestations count while expires-at > now: at the exact second of expiry the claim fails, one second before it passes (same block)", () => {
    grantAttester();
    const t = nextTxTime() + 7n * DAY;
    for (const [who, expiresAt] of [
      [freelancer, t],
      [stranger, t + 1n],
    ] as const) {
      expect(attest(attester, who, Kind.XVerified, { expiresAt }).result).toBeOk(Cl.bool(true));
      expect(attest(attester, who, Kind.Vetted, { expiresAt: t + DAY }).result).toBeOk(Cl.bool(true));
    }
    advanceTo(t);
    const [expired, live] = simnet.mineBlock([
      tx.callPublicFn("badges", "claim", [u(Tier.Verified)], freelancer),
      tx.callPublicFn("badges", "claim", [u(Tier.Verified)], stranger),
    ]);
    expectBadgesErr(expired, "ERR-CRITERIA-NOT-MET");
    expect(live.result).toBeOk(u(1));
    expect(plain(badgesRo("get-missing-criteria", [p(freelancer), u(Tier.Verified)]))).toBe(Missing.XVerification);
    expect(valid(freelancer, Kind.XVerified)).toBe(false);
    expect(stored(freelancer, Kind.XVerified)).toEqual({ attester, "expires-at": t }); // still stored, just no longer counting
    // the badge claimed in time stays after its attestations expire
    advanceTo(t + 2n * DAY);
    expect(valid(stranger, Kind.Vetted)).toBe(false);
    expect(plain(badgesRo("get-owner", [u(1)]))).toBe(stranger);
  });

  it("Verified needs no work history: X verification and vetting alone", () => {
    grantAttester();
    expect(attest(attester, stranger, Kind.XVerified).result).toBeOk(Cl.bool(true));
    expect(attest(attester, stranger, Kind.Vetted).result).toBeOk(Cl.bool(true));
    const r = claimBadge(stranger, Tier.Verified);
    expect(r.result).toBeOk(u(1));
    expectBadgeEvents(r, [
      { topic: "locked", "token-id": u(1) },
      { topic: "badge-claimed", "token-id": u(1), account: p(stranger), tier: u(Tier.Verified), "completed-jobs": u(0), "satisfaction-bps": u(0) },
    ]);
  });
});

describe("replay", () => {
  it("replay: a signed attestation is accepted once, ever: not again, not after revocation, not after it expired; a new nonce works", () => {
    grantAttester();
    const a = terms(freelancer, Kind.XVerified, 5, DAY);
    const sig = signAttestation(attester, a);
    expect(submit(a, sig).result).toBeOk(Cl.bool(true));
    expectBadgesErr(submit(a, sig), "ERR-ATTESTATION-ALREADY-USED");
    expectBadgesErr(submit(a, sig, stranger), "ERR-ATTESTATION-ALREADY-USED");
    expect(revoke(freelancer, Kind.XVerified).result).toBeOk(Cl.bool(true));
    expectBadgesErr(submit(a, sig), "ERR-ATTESTATION-ALREADY-USED");
    expect(valid(freelancer, Kind.XVerified)).toBe(false);
    const fresh = { ...a, nonce: 6 };
    expect(submit(fresh, signAttestation(attester, fresh)).result).toBeOk(Cl.bool(true));
    expect(valid(freelancer, Kind.XVerified)).toBe(true);
  });

  it("replay: the message names the badges contract and the subject: the same nonce for another subject or kind is another attestation", () => {
    grantAttester();
    const a = terms(freelancer, Kind.XVerified, 9);
    expect(submit(a, signAttestation(attester, a)).result).toBeOk(Cl.bool(true));
    const forOther = { ...a, subject: stranger };
    expect(submit(forOther, signAttestation(attester, forOther)).result).toBeOk(Cl.bool(true));
    const otherKind = { ...a, kind: Kind.Vetted };
    expect(submit(otherKind, signAttestation(attester, otherKind)).result).toBeOk(Cl.bool(true));
  });
});

describe("signatures", () => {
  it("signatures: a non-attester's signature is refused, also one the subject signs itself or the admin signs", () => {
    grantAttester();
    const a = terms(freelancer, Kind.XVerified, 1);
    for (const signer of [freelancer, stranger, deployer]) expectBadgesErr(submit(a, signAttestation(signer, a)), "ERR-INVALID-ATTESTATION-SIGNATURE");
    expect(badgesRo("is-attestation-used", [Cl.buffer(digestOf(a))])).toBeBool(false); // a refused one is not used up
    expect(submit(a, signAttestation(attester, a)).result).toBeOk(Cl.bool(true));
  });

  it("signatures: an attester whose role was revoked no longer signs valid attestations; its stored ones still count until revoked or expired", () => {
    grantAttester();
    expect(attest(attester, freelancer, Kind.Vetted).result).toBeOk(Cl.bool(true));
    const a = terms(freelancer, Kind.XVerified, 11);
    const sig = signAttestation(attester, a);
    revokeAttester();
    expectBadgesErr(submit(a, sig), "ERR-INVALID-ATTESTATION-SIGNATURE");
    expect(valid(freelancer, Kind.Vetted)).toBe(true);
    grantAttester(); // reinstated: the same signature is accepted (it was never used)
    expect(submit(a, sig).result).toBeOk(Cl.bool(true));
  });

  it.each([
    ["another chain id (mainnet, u1)", { domain: badgesDomainCV(1n) }],
    ["another domain name", { domain: badgesDomainCV(CHAIN_ID, "Worx MilestoneEscrow") }],
    ["another domain version", { domain: badgesDomainCV(CHAIN_ID, "Worx Badges", "2") }],
    ["a message naming another badges contract", { badges: DEMO_USD }],
  ])("signatures: an attester's signature in %s is refused", (_label, o) => {
    grantAttester();
    const a = terms(freelancer, Kind.XVerified, 1);
    expectBadgesErr(submit(a, signAttestation(attester, a, o)), "ERR-INVALID-ATTESTATION-SIGNATURE");
    expect(stored(freelancer, Kind.XVerified)).toBeNull();
  });

  it.each([
    ["a longer expiry", (a: AttestationTerms) => ({ ...a, expiresAt: a.expiresAt + 1n })],
    ["another subject", (a: AttestationTerms) => ({ ...a, subject: stranger })],
    ["another kind", (a: AttestationTerms) => ({ ...a, kind: Kind.Vetted })],
    ["another nonce", (a: AttestationTerms) => ({ ...a, nonce: 2 })],
  ])("signatures: a valid signature submitted with %s is refused (it recovers to another key)", (_label, change) => {
    grantAttester();
    const a = terms(freelancer, Kind.XVerified, 1);
    expectBadgesErr(submit(change(a), signAttestation(attester, a)), "ERR-INVALID-ATTESTATION-SIGNATURE");
  });

  it("signatures: malformed signatures (zeros, a bad recovery id, truncated) are refused", () => {
    grantAttester();
    const a = terms(freelancer, Kind.XVerified, 1);
    const good = signAttestation(attester, a);
    expectBadgesErr(submit(a, "00".repeat(65)), "ERR-INVALID-ATTESTATION-SIGNATURE");
    expectBadgesErr(submit(a, good.slice(0, 128) + "07"), "ERR-INVALID-ATTESTATION-SIGNATURE");
    expectBadgesErr(submit(a, good.slice(0, 120)), "ERR-INVALID-ATTESTATION-SIGNATURE");
  });

  it.each([0n, 3n, 255n])("submit-attestation: kind %s is unknown (ERR-UNKNOWN-ATTESTATION-KIND), before anything else", (kind) => {
    grantAttester();
    const a = { ...terms(freelancer, kind, 1), expiresAt: 0n }; // expired too: the kind is checked first
    expectBadgesErr(submit(a, signAttestation(attester, a)), "ERR-UNKNOWN-ATTESTATION-KIND");
  });
});

describe("revoke-attestation", () => {
  it("revoke-attestation: an attester clears it (AttestationRevoked), the tier's claim then fails; badges claimed before stay", () => {
    completeJobs(freelancer, ratingsOf(25));
    grantAttester();
    grantAttester(other);
    expect(attest(attester, freelancer, Kind.XVerified).result).toBeOk(Cl.bool(true));
    expect(attest(attester, stranger, Kind.XVerified).result).toBeOk(Cl.bool(true));
    expect(claimBadge(freelancer, Tier.Silver).result).toBeOk(u(1));
    const r = revoke(freelancer, Kind.XVerified, other); // any attester, not only the signer
    expect(r.result).toBeOk(Cl.bool(true));
    expectBadgeEvents(r, [{ topic: "attestation-revoked", subject: p(freelancer), kind: u(Kind.XVerified), by: p(other) }]);
    expect(stored(freelancer, Kind.XVerified)).toBeNull();
    expect(valid(stranger, Kind.XVerified)).toBe(true);
    expect(plain(badgesRo("get-owner", [u(1)]))).toBe(freelancer); // the badge stays
    expect(plain(badgesRo("get-fee-discount-bps", [p(freelancer)]))).toBe(1000n);
    expect(plain(badgesRo("get-missing-criteria", [p(freelancer), u(Tier.Silver)]))).toBe(Missing.XVerification);
    // as on EVM: revoking when nothing is stored still clears and reports
    const again = revoke(freelancer, Kind.XVerified);
    expect(again.result).toBeOk(Cl.bool(true));
    expect(prints(again, BADGES)).toHaveLength(1);
  });

  it("revoke-attestation: only an attester (checked before the kind); a relaying contract is not the attester", () => {
    grantAttester();
    expect(attest(attester, freelancer, Kind.Vetted).result).toBeOk(Cl.bool(true));
    expectBadgesErr(revoke(freelancer, Kind.Vetted, deployer), "ERR-NOT-AUTHORIZED"); // the admin is not an attester
    expectBadgesErr(revoke(freelancer, Kind.Vetted, freelancer), "ERR-NOT-AUTHORIZED");
    expectBadgesErr(revoke(freelancer, 9, stranger), "ERR-NOT-AUTHORIZED");
    expectBadgesErr(revoke(freelancer, 9), "ERR-UNKNOWN-ATTESTATION-KIND");
    expectBadgesErr(simnet.callPublicFn("badges-proxy", "revoke-attestation", [p(freelancer), u(Kind.Vetted)], attester), "ERR-NOT-AUTHORIZED");
    expect(valid(freelancer, Kind.Vetted)).toBe(true);
  });

  it("contract-caller: a relaying contract may submit an attestation (anyone may); the signer decides, not the caller", () => {
    grantAttester();
    const a = terms(freelancer, Kind.Vetted, 3);
    const r = simnet.callPublicFn("badges-proxy", "submit-attestation", submitAttestationArgs(a, signAttestation(attester, a)), client);
    expect(r.result).toBeOk(Cl.bool(true));
    expect(stored(freelancer, Kind.Vetted)).toEqual({ attester, "expires-at": a.expiresAt });
    const forged = terms(freelancer, Kind.XVerified, 4);
    const viaProxy = simnet.callPublicFn("badges-proxy", "submit-attestation", submitAttestationArgs(forged, signAttestation(client, forged)), attester);
    expect(viaProxy.result).toHaveClarityType(ClarityType.ResponseErr); // the attester relaying does not make the client's key an attester's
    expectBadgesErr(viaProxy, "ERR-INVALID-ATTESTATION-SIGNATURE");
  });
});
