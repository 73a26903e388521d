// Simnet tests of disputes, arbiter rulings and mutual settlements by SIP-018
// signed offers (signed with @stacks/transactions `signStructuredData` from
// the simnet accounts' keys, derived from clarity/settings/Devnet.toml):
// who may dispute and rule, the split math, wrong nonce / expired / revoked /
// wrong signer / wrong domain offers, contract principals (which cannot sign),
// and that a settled milestone never pays again.
import { createHash } from "node:crypto";
import { beforeEach, describe, expect, it } from "vitest";
import { Cl, encodeStructuredDataBytes, signStructuredData } from "@stacks/transactions";
import {
  DAY,
  DEMO_USD,
  ESCROW,
  EscrowStatus,
  GRACE,
  MilestoneStatus,
  PROXY,
  REVIEW,
  advanceTo,
  approve,
  arbiter,
  balanceOf,
  claim,
  client,
  createFunded,
  creditOf,
  deployer,
  dispute,
  domainCV,
  earnedOf,
  escrowOf,
  eventAt,
  expectErr,
  expectEvents,
  expectedSplit,
  freelancer,
  grantRole,
  heldOf,
  inOneBlock,
  milestoneOf,
  milestoneStatus,
  nextTxTime,
  nonceOf,
  offerCV,
  prints,
  privateKeys,
  reclaim,
  release,
  resolve,
  revoke,
  ro,
  setFee,
  settle,
  settleCall,
  signOffer,
  standardSetup,
  statsOf,
  stranger,
  submit,
  withdraw,
} from "./helpers";

beforeEach(() => standardSetup());

const reason = Uint8Array.from({ length: 32 }, (_, i) => 255 - i);
const soon = () => nextTxTime() + DAY;

describe("open-dispute", () => {
  it("open-dispute: the client or the freelancer disputes a pending or submitted milestone; disputes-opened counts both", () => {
    const id = createFunded([10, 20]);
    const byClient = dispute(client, id, 0, reason);
    expect(byClient.result).toBeOk(Cl.bool(true));
    expectEvents(byClient, [
      { topic: "dispute-opened", "escrow-id": Cl.uint(id), index: Cl.uint(0), "opened-by": Cl.principal(client), reason: Cl.buffer(reason) },
    ]);
    submit(freelancer, id, 1);
    const byFreelancer = dispute(freelancer, id, 1);
    expectEvents(byFreelancer, [
      { topic: "dispute-opened", "escrow-id": Cl.uint(id), index: Cl.uint(1), "opened-by": Cl.principal(freelancer), reason: Cl.buffer(new Uint8Array(32)) },
    ]);
    expect(milestoneStatus(id, 0)).toBe(MilestoneStatus.Disputed);
    expect(milestoneStatus(id, 1)).toBe(MilestoneStatus.Disputed);
    expect(statsOf(freelancer)["disputes-opened"]).toBe(2n);
    expect(statsOf(client)["disputes-opened"]).toBe(0n);
  });

  it("open-dispute: stops approval, claim and reclaim", () => {
    const id = createFunded([10, 20]);
    submit(freelancer, id, 0);
    dispute(client, id, 0);
    dispute(client, id, 1);
    advanceTo(milestoneOf(id, 1)!["due-date"] + GRACE); // past the review period too
    expectErr(approve(client, id, 0), "ERR-INVALID-MILESTONE-STATUS");
    expectErr(claim(freelancer, id, 0), "ERR-INVALID-MILESTONE-STATUS");
    expectErr(reclaim(client, id, 1), "ERR-INVALID-MILESTONE-STATUS");
    expectErr(submit(freelancer, id, 1), "ERR-INVALID-MILESTONE-STATUS");
  });

  it("open-dispute: only a party, only on a funded escrow, only a pending or submitted milestone in range, once", () => {
    const id = createFunded([10, 20]);
    expectErr(dispute(stranger, id, 0), "ERR-NOT-ESCROW-PARTY");
    expectErr(dispute(arbiter, id, 0), "ERR-NOT-ESCROW-PARTY");
    expectErr(dispute(client, id, 2), "ERR-MILESTONE-INDEX-OUT-OF-RANGE");
    expectErr(dispute(client, 9, 0), "ERR-ESCROW-NOT-FOUND");
    dispute(client, id, 0);
    expectErr(dispute(freelancer, id, 0), "ERR-INVALID-MILESTONE-STATUS"); // already disputed
    release(id, 1);
    expectErr(dispute(client, id, 1), "ERR-INVALID-MILESTONE-STATUS"); // released
    resolve(arbiter, id, 0, 0);
    expectErr(dispute(client, id, 0), "ERR-INVALID-ESCROW-STATUS"); // completed
  });
});

describe("resolve-dispute", () => {
  it("resolve-dispute: the arbiter rules a split; fee from the freelancer's share, the rest refunded; disputes-lost below 5000", () => {
    const id = createFunded([1_000_000, 7], DEMO_USD);
    dispute(client, id, 0);
    const r = resolve(arbiter, id, 0, 4_999);
    expect(r.result).toBeOk(Cl.bool(true));
    const s = expectedSplit(1_000_000n, 4_999n, 1000n);
    expectEvents(r, [
      {
        topic: "dispute-ruled",
        "escrow-id": Cl.uint(id),
        index: Cl.uint(0),
        arbiter: Cl.principal(arbiter),
        "freelancer-bps": Cl.uint(4_999),
        fee: Cl.uint(s.fee),
        payout: Cl.uint(s.payout),
        refund: Cl.uint(s.refund),
      },
    ]);
    expect(s.fee + s.payout + s.refund).toBe(1_000_000n);
    expect(milestoneStatus(id, 0)).toBe(MilestoneStatus.Resolved);
    expect(creditOf(DEMO_USD, freelancer)).toBe(s.payout);
    expect(creditOf(DEMO_USD, deployer)).toBe(s.fee);
    expect(creditOf(DEMO_USD, client)).toBe(s.refund);
    expect(earnedOf(DEMO_USD, freelancer)).toBe(s.payout);
    expect(escrowOf(id)).toMatchObject({ released: s.gross, refunded: s.refund, "settled-count": 1n });
    expect(statsOf(freelancer)).toMatchObject({ "disputes-opened": 1n, "disputes-lost": 1n });
    // exactly half is not lost; the last settlement completes the job (no reclaim)
    dispute(freelancer, id, 1);
    const half = resolve(arbiter, id, 1, 5_000);
    expect(half.result).toBeOk(Cl.bool(true));
    expect(prints(half)).toHaveLength(2);
    expect(statsOf(freelancer)).toMatchObject({ "disputes-opened": 2n, "disputes-lost": 1n, "completed-jobs": 1n });
    expect(escrowOf(id)!.status).toBe(EscrowStatus.Completed);
  });

  // [amount, freelancer-bps, fee-bps]
  const splits: Array<[bigint, bigint, bigint]> = [
    [1n, 0n, 1000n],
    [1n, 10_000n, 1000n],
    [1n, 9_999n, 1000n],
    [3n, 3_333n, 1000n],
    [10_001n, 5_000n, 1000n],
    [10_001n, 1n, 2000n],
    [999_999n, 7_777n, 1n],
    [2n ** 127n - 1n, 9_999n, 2000n],
    [123_456_789n, 6_543n, 0n],
  ];
  it.each(splits)("resolve-dispute: split of %s at %s bps (fee %s bps): gross rounds down, fee up, fee + payout + refund == amount", (amount, bps, feeBps) => {
    setFee(deployer, feeBps);
    const id = createFunded([amount], DEMO_USD);
    dispute(client, id, 0);
    const s = expectedSplit(amount, bps, feeBps);
    expect(eventAt(resolve(arbiter, id, 0, bps))).toMatchObject({ fee: Cl.uint(s.fee), payout: Cl.uint(s.payout), refund: Cl.uint(s.refund) });
    expect(creditOf(DEMO_USD, freelancer) + creditOf(DEMO_USD, deployer) + creditOf(DEMO_USD, client)).toBe(amount);
  });

  it("resolve-dispute: only an arbiter, never a party of the escrow; checks role, escrow, party, status, index, milestone, split", () => {
    const id = createFunded([100, 200]);
    expectErr(resolve(stranger, id, 0, 0), "ERR-NOT-AUTHORIZED");
    expectErr(resolve(deployer, id, 0, 0), "ERR-NOT-AUTHORIZED"); // the admin is no arbiter
    expectErr(resolve(arbiter, 9, 0, 0), "ERR-ESCROW-NOT-FOUND");
    expectErr(resolve(arbiter, id, 0, 10_001), "ERR-INVALID-MILESTONE-STATUS"); // not disputed (checked before the split)
    expectErr(resolve(arbiter, id, 5, 0), "ERR-MILESTONE-INDEX-OUT-OF-RANGE");
    dispute(client, id, 0);
    expectErr(resolve(arbiter, id, 0, 10_001), "ERR-INVALID-SPLIT");
    // an arbiter that is a party (here the client of a second job) may not rule on it
    grantRole(deployer, "arbiter", client);
    expectErr(resolve(client, id, 0, 0), "ERR-ARBITER-IS-PARTY");
    const own = createFunded([50], null, stranger, arbiter);
    dispute(stranger, own, 0);
    expectErr(resolve(arbiter, own, 0, 10_000), "ERR-ARBITER-IS-PARTY");
    expect(resolve(client, own, 0, 10_000).result).toBeOk(Cl.bool(true)); // another arbiter rules it
    expect(resolve(arbiter, id, 0, 10_000).result).toBeOk(Cl.bool(true));
    expectErr(resolve(arbiter, id, 0, 10_000), "ERR-INVALID-MILESTONE-STATUS"); // final
  });
});

describe("settle-milestone (SIP-018 offers)", () => {
  it("get-settlement-hash: the SIP-018 hash of the offer in the domain {name: \"Worx MilestoneEscrow\", version: \"1\", chain-id}", () => {
    const o = { id: 3, index: 2, bps: 6_500, nonce: 4, deadline: 1_900_000_000n };
    const expected = createHash("sha256").update(encodeStructuredDataBytes({ message: offerCV(o), domain: domainCV() })).digest();
    expect(ro("get-settlement-hash", [Cl.uint(3), Cl.uint(2), Cl.uint(6_500), Cl.uint(4), Cl.uint(1_900_000_000n)])).toBeBuff(expected);
    expect(ro("get-settlement-domain")).toEqual(domainCV());
  });

  it.each([
    ["the client submits the freelancer's offer", client, freelancer],
    ["the freelancer submits the client's offer", freelancer, client],
  ])("settle-milestone: %s; the signer's nonce is used up; the split is credited", (_label, by, signer) => {
    const id = createFunded([1_000_000], DEMO_USD);
    const deadline = soon();
    const r = settle(by, signer, { id, index: 0, bps: 6_000, deadline });
    expect(r.result).toBeOk(Cl.bool(true));
    const s = expectedSplit(1_000_000n, 6_000n, 1000n);
    expectEvents(r, [
      {
        topic: "milestone-settled",
        "escrow-id": Cl.uint(id),
        index: Cl.uint(0),
        "freelancer-bps": Cl.uint(6_000),
        fee: Cl.uint(s.fee),
        payout: Cl.uint(s.payout),
        refund: Cl.uint(s.refund),
      },
      { topic: "escrow-completed", "escrow-id": Cl.uint(id) },
    ]);
    expect(nonceOf(signer)).toBe(1n);
    expect(nonceOf(by)).toBe(0n);
    expect(ro("get-nonce", [Cl.principal(signer)])).toBeUint(1);
    expect(milestoneStatus(id, 0)).toBe(MilestoneStatus.Resolved);
    expect([creditOf(DEMO_USD, freelancer), creditOf(DEMO_USD, deployer), creditOf(DEMO_USD, client)]).toEqual([s.payout, s.fee, s.refund]);
    expect(statsOf(freelancer)).toMatchObject({ "disputes-lost": 0n, "completed-jobs": 1n }); // settlements never count as lost
  });

  it("settle-milestone: allowed on pending, submitted and disputed milestones; not on settled ones", () => {
    const id = createFunded([100, 200, 300, 400]);
    submit(freelancer, id, 1);
    dispute(client, id, 2);
    expect(settle(client, freelancer, { id, index: 0, bps: 0, deadline: soon() }).result).toBeOk(Cl.bool(true));
    expect(settle(freelancer, client, { id, index: 1, bps: 10_000, deadline: soon() }).result).toBeOk(Cl.bool(true));
    expect(settle(client, freelancer, { id, index: 2, bps: 2_500, deadline: soon() }).result).toBeOk(Cl.bool(true));
    release(id, 3);
    expect(escrowOf(id)!.status).toBe(EscrowStatus.Completed);
    expect(nonceOf(freelancer)).toBe(2n);
    expect(nonceOf(client)).toBe(1n);
  });

  it("settle-milestone: the deadline is inclusive (now == deadline settles, one second later is expired)", () => {
    const id = createFunded([100, 100]);
    const deadline = nextTxTime() + DAY;
    const offer = (index: number, d: bigint) => {
      const sig = signOffer(freelancer, { id, index, bps: 5_000, deadline: d });
      return ["settle-milestone", [Cl.uint(id), Cl.uint(index), Cl.uint(5_000), Cl.uint(d), Cl.bufferFromHex(sig)], client] as const;
    };
    const expired = offer(1, deadline - 1n);
    const onTime = offer(0, deadline);
    advanceTo(deadline);
    const [late, r] = inOneBlock([[...expired], [...onTime]]);
    expectErr(late, "ERR-SETTLEMENT-EXPIRED");
    expect(r.result).toBeOk(Cl.bool(true));
    expect(nonceOf(freelancer)).toBe(1n);
  });

  it("settle-milestone: an offer signed with a stale or future nonce is refused; the nonce moves on only on success", () => {
    const id = createFunded([100, 100]);
    const deadline = soon();
    expectErr(settle(client, freelancer, { id, index: 0, bps: 5_000, deadline, nonce: 1 }), "ERR-INVALID-SETTLEMENT-SIGNATURE");
    expect(nonceOf(freelancer)).toBe(0n);
    const sig0 = signOffer(freelancer, { id, index: 0, bps: 5_000, deadline });
    const sig0other = signOffer(freelancer, { id, index: 1, bps: 5_000, deadline }); // same nonce, other milestone
    expect(settleCall(client, id, 0, 5_000, deadline, sig0).result).toBeOk(Cl.bool(true));
    // the used nonce voids every other offer signed with it
    expectErr(settleCall(client, id, 1, 5_000, deadline, sig0other), "ERR-INVALID-SETTLEMENT-SIGNATURE");
    expect(settle(client, freelancer, { id, index: 1, bps: 5_000, deadline }).result).toBeOk(Cl.bool(true)); // nonce 1
  });

  it("settle-milestone: a replayed offer cannot settle again (the milestone is final and the nonce is used)", () => {
    const id = createFunded([100, 100]);
    const deadline = soon();
    const sig = signOffer(freelancer, { id, index: 0, bps: 8_000, deadline });
    expect(settleCall(client, id, 0, 8_000, deadline, sig).result).toBeOk(Cl.bool(true));
    expectErr(settleCall(client, id, 0, 8_000, deadline, sig), "ERR-INVALID-MILESTONE-STATUS");
    dispute(client, id, 1);
    expectErr(settleCall(client, id, 1, 8_000, deadline, signOffer(freelancer, { id, index: 1, bps: 8_000, deadline, nonce: 0 })), "ERR-INVALID-SETTLEMENT-SIGNATURE");
  });

  it("revoke-settlement-offers: bumps the caller's nonce (event with the new nonce) and voids its outstanding offers", () => {
    const id = createFunded([100]);
    const deadline = soon();
    const sig = signOffer(freelancer, { id, index: 0, bps: 9_000, deadline });
    const r = revoke(freelancer);
    expect(r.result).toBeOk(Cl.uint(1));
    expectEvents(r, [{ topic: "settlement-offers-revoked", account: Cl.principal(freelancer), nonce: Cl.uint(1) }]);
    expectErr(settleCall(client, id, 0, 9_000, deadline, sig), "ERR-INVALID-SETTLEMENT-SIGNATURE");
    expect(revoke(freelancer).result).toBeOk(Cl.uint(2));
    expect(revoke(stranger).result).toBeOk(Cl.uint(1)); // anyone may revoke their own offers
    expect(settle(client, freelancer, { id, index: 0, bps: 9_000, deadline }).result).toBeOk(Cl.bool(true)); // signed with nonce 2
    expect(nonceOf(freelancer)).toBe(3n);
  });

  it("settle-milestone: the signature must be the counterparty's, over exactly this offer and domain", () => {
    const id = createFunded([100, 100]);
    const deadline = soon();
    const o = { id, index: 0, bps: 5_000, deadline };
    const sig = signOffer(freelancer, o);
    // the caller's own signature, a stranger's, the arbiter's
    for (const signer of [client, stranger, arbiter]) expectErr(settle(client, signer, o), "ERR-INVALID-SETTLEMENT-SIGNATURE");
    // the freelancer's signature over another split, milestone, escrow or deadline
    expectErr(settleCall(client, id, 0, 5_001, deadline, sig), "ERR-INVALID-SETTLEMENT-SIGNATURE");
    expectErr(settleCall(client, id, 1, 5_000, deadline, sig), "ERR-INVALID-SETTLEMENT-SIGNATURE");
    expectErr(settleCall(client, id, 0, 5_000, deadline + 1n, sig), "ERR-INVALID-SETTLEMENT-SIGNATURE");
    // signed in another domain: another chain id (mainnet), name or version
    for (const domain of [domainCV(1n), domainCV(undefined, "Worx"), domainCV(undefined, undefined, "2")])
      expectErr(settleCall(client, id, 0, 5_000, deadline, signOffer(freelancer, o, domain)), "ERR-INVALID-SETTLEMENT-SIGNATURE");
    // malformed signatures: zeros, a flipped byte, a bad recovery id
    expectErr(settleCall(client, id, 0, 5_000, deadline, "00".repeat(65)), "ERR-INVALID-SETTLEMENT-SIGNATURE");
    const flipped = sig.slice(0, 10) + (sig[10] === "0" ? "1" : "0") + sig.slice(11);
    expectErr(settleCall(client, id, 0, 5_000, deadline, flipped), "ERR-INVALID-SETTLEMENT-SIGNATURE");
    expectErr(settleCall(client, id, 0, 5_000, deadline, sig.slice(0, 128) + "07"), "ERR-INVALID-SETTLEMENT-SIGNATURE");
    expect(nonceOf(freelancer)).toBe(0n);
    expect(settleCall(client, id, 0, 5_000, deadline, sig).result).toBeOk(Cl.bool(true));
  });

  it("settle-milestone: checks party, escrow status, index, milestone status, split, deadline, then the signature", () => {
    const id = createFunded([100]);
    const expired = nextTxTime() - 1n;
    expectErr(settle(stranger, freelancer, { id, index: 0, bps: 5_000, deadline: soon() }), "ERR-NOT-ESCROW-PARTY");
    expectErr(settle(client, freelancer, { id: 9, index: 0, bps: 5_000, deadline: soon() }), "ERR-ESCROW-NOT-FOUND");
    expectErr(settle(client, freelancer, { id, index: 1, bps: 10_001, deadline: expired }), "ERR-MILESTONE-INDEX-OUT-OF-RANGE");
    expectErr(settle(client, client, { id, index: 0, bps: 10_001, deadline: expired }), "ERR-INVALID-SPLIT");
    expectErr(settle(client, client, { id, index: 0, bps: 10_000, deadline: expired }), "ERR-SETTLEMENT-EXPIRED");
    expectErr(settle(client, client, { id, index: 0, bps: 10_000, deadline: soon() }), "ERR-INVALID-SETTLEMENT-SIGNATURE");
    release(id, 0);
    expectErr(settle(client, freelancer, { id, index: 0, bps: 5_000, deadline: soon() }), "ERR-INVALID-ESCROW-STATUS");
  });

  it("settle-milestone: a contract party cannot sign offers, but settles by submitting the other party's offer", () => {
    // the freelancer is a contract (the proxy): the client cannot get a signature from it
    const id = createFunded([100, 100], null, client, PROXY);
    const deadline = soon();
    for (const signer of [freelancer, deployer]) expectErr(settle(client, signer, { id, index: 0, bps: 5_000, deadline }), "ERR-INVALID-SETTLEMENT-SIGNATURE");
    // the contract submits the client's offer in its own name
    const sig = signOffer(client, { id, index: 0, bps: 5_000, deadline });
    const r = simnet.callPublicFn("escrow-proxy", "settle-milestone", [Cl.uint(id), Cl.uint(0), Cl.uint(5_000), Cl.uint(deadline), Cl.bufferFromHex(sig)], stranger);
    expect(r.result).toBeOk(Cl.bool(true));
    expect(creditOf(null, PROXY)).toBe(45n);
    expect(nonceOf(client)).toBe(1n);
  });

  it("signatures: the simnet keys from Devnet.toml sign what the contract recovers (RSV, compressed key)", () => {
    const o = { id: 1, index: 0, bps: 1, deadline: 2n, nonce: 0 };
    const sig = signStructuredData({ message: offerCV(o), domain: domainCV(), privateKey: privateKeys[freelancer] });
    expect(sig).toHaveLength(130);
    expect(signOffer(freelancer, o)).toBe(sig);
  });
});

describe("a settled milestone never pays again", () => {
  it.each([
    ["released (approved)", "approve"],
    ["released (claimed)", "claim"],
    ["refunded (reclaimed)", "reclaim"],
    ["resolved (ruling)", "resolve"],
    ["resolved (settlement)", "settle"],
  ])("final: a milestone %s refuses approve, claim, reclaim, dispute, ruling and settlement; credits do not move", (_label, how) => {
    const id = createFunded([1_000, 5_000], DEMO_USD);
    if (how === "approve") release(id, 0);
    if (how === "claim") {
      const at = nextTxTime();
      submit(freelancer, id, 0);
      advanceTo(at + REVIEW);
      expect(claim(freelancer, id, 0).result).toBeOk(Cl.bool(true));
    }
    if (how === "reclaim") {
      advanceTo(milestoneOf(id, 0)!["due-date"] + GRACE);
      expect(reclaim(client, id, 0).result).toBeOk(Cl.bool(true));
    }
    if (how === "resolve") {
      dispute(client, id, 0);
      expect(resolve(arbiter, id, 0, 3_000).result).toBeOk(Cl.bool(true));
    }
    if (how === "settle") expect(settle(client, freelancer, { id, index: 0, bps: 3_000, deadline: soon() }).result).toBeOk(Cl.bool(true));

    const credits = () => [freelancer, deployer, client].map((w) => creditOf(DEMO_USD, w));
    const before = credits();
    const held = heldOf(DEMO_USD);
    advanceTo(nextTxTime() + 30n * DAY); // every time window is open
    expectErr(submit(freelancer, id, 0), "ERR-INVALID-MILESTONE-STATUS");
    expectErr(approve(client, id, 0), "ERR-INVALID-MILESTONE-STATUS");
    expectErr(claim(freelancer, id, 0), "ERR-INVALID-MILESTONE-STATUS");
    expectErr(reclaim(client, id, 0), "ERR-INVALID-MILESTONE-STATUS");
    expectErr(dispute(client, id, 0), "ERR-INVALID-MILESTONE-STATUS");
    expectErr(resolve(arbiter, id, 0, 10_000), "ERR-INVALID-MILESTONE-STATUS");
    expectErr(settle(client, freelancer, { id, index: 0, bps: 10_000, deadline: soon() }), "ERR-INVALID-MILESTONE-STATUS");
    expectErr(settle(freelancer, client, { id, index: 0, bps: 0, deadline: soon() }), "ERR-INVALID-MILESTONE-STATUS");
    expect(credits()).toEqual(before);
    expect(heldOf(DEMO_USD)).toBe(held);
    // everyone withdraws exactly what was credited; the escrow keeps the unsettled milestone only
    for (const who of [freelancer, deployer, client]) {
      const owed = creditOf(DEMO_USD, who);
      if (owed > 0n) expect(withdraw(who, DEMO_USD).result).toBeOk(Cl.uint(owed));
    }
    expect(balanceOf(DEMO_USD, ESCROW)).toBe(5_000n);
    expect(milestoneOf(id, 1)!.status).toBe(MilestoneStatus.Pending);
  });
});
