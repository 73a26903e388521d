/**
 * WorxBadges end to end through viem, the way the SPA, the indexer and an NFT explorer see it:
 * deployed by the standalone Badges Ignition module beside an escrow from the Escrow module, with a
 * real work history built through the escrow, attestations signed with viem's `signTypedData` (as an
 * attester's wallet signs them), and every badge's `tokenURI` decoded: base64 -> JSON -> base64 ->
 * SVG, attributes checked.
 */
import assert from "node:assert/strict";
import { before, beforeEach, describe, it } from "node:test";
import { network } from "hardhat";
import { getAddress, keccak256, parseEventLogs, toHex, zeroAddress, type Hex } from "viem";
import BadgesModule from "../../../scripts/deploy/ignition/modules/Badges.ts";
import EscrowModule from "../../../scripts/deploy/ignition/modules/Escrow.ts";
import { revertName } from "../../shared/revertName.ts";

const { viem, ignition, networkHelpers } = await network.create();

const NATIVE = zeroAddress;
const DAY = 24 * 60 * 60;
const JOB = 1_000_000n;
const TIER = { None: 0, Bronze: 1, Silver: 2, Gold: 3, Platinum: 4, Verified: 5 } as const;
const KIND = { XVerified: 1, Vetted: 2 } as const;
const ATTESTER_ROLE = keccak256(toHex("ATTESTER_ROLE"));

/** What an attester signs (IWorxBadges.submitAttestation). */
const ATTESTATION_TYPES = {
  Attestation: [
    { name: "subject", type: "address" },
    { name: "kind", type: "uint8" },
    { name: "expiresAt", type: "uint64" },
    { name: "nonce", type: "uint256" },
  ],
} as const;

interface Attribute {
  trait_type: string;
  display_type?: string;
  value: string | number;
}
interface Metadata {
  name: string;
  description: string;
  image: string;
  attributes: Attribute[];
}

/** Decode a `data:<mime>;base64,` URI, checking its prefix. */
function decodeDataUri(uri: string, mime: string): string {
  const prefix = `data:${mime};base64,`;
  assert.ok(uri.startsWith(prefix), `expected a ${prefix} URI, got ${uri.slice(0, 40)}...`);
  const payload = uri.slice(prefix.length);
  assert.match(payload, /^[A-Za-z0-9+/]+={0,2}$/, "standard base64");
  return Buffer.from(payload, "base64").toString("utf8");
}

/** Every opening tag is closed in order (the SVG has no comments, CDATA or `>` inside attributes). */
function assertBalancedXml(xml: string) {
  const stack: string[] = [];
  for (const [, closing, name, selfClosing] of xml.matchAll(/<(\/?)([a-zA-Z][\w-]*)[^>]*?(\/?)>/g)) {
    if (closing) assert.equal(stack.pop(), name, `</${name}> closes the wrong element`);
    else if (!selfClosing) stack.push(name!);
  }
  assert.deepEqual(stack, [], "unclosed elements");
}

async function deploy() {
  const [admin, treasury, client, bob, carol, attester, mallory] = await viem.getWalletClients();
  const { milestoneEscrow } = await ignition.deploy(EscrowModule, {
    parameters: { Escrow: { admin: admin.account.address, feeRecipient: treasury.account.address, feeBps: 1_000, allowedTokens: [NATIVE] } },
  });
  const { worxBadges } = await ignition.deploy(BadgesModule, {
    parameters: { Badges: { escrow: milestoneEscrow.address, admin: admin.account.address } },
  });
  await worxBadges.write.grantRole([ATTESTER_ROLE, attester.account.address], { account: admin.account });
  return { escrow: milestoneEscrow, badges: worxBadges, admin, treasury, client, bob, carol, attester, mallory };
}

type Fixture = Awaited<ReturnType<typeof deploy>>;

describe("WorxBadges (viem, Ignition Badges module)", () => {
  let f: Fixture;
  let publicClient: Awaited<ReturnType<typeof viem.getPublicClient>>;
  let chainId: number;

  before(async () => {
    publicClient = await viem.getPublicClient();
    chainId = await publicClient.getChainId();
  });

  beforeEach(async () => {
    f = await networkHelpers.loadFixture(deploy);
  });

  const now = async () => Number((await publicClient.getBlock()).timestamp);
  const receipt = async (hash: Promise<Hex>) => publicClient.waitForTransactionReceipt({ hash: await hash });

  /** One-milestone native jobs for `worker`, approved and rated `ratings[i]` each. */
  async function completeJobs(worker: Fixture["bob"], ratings: number[]) {
    const { escrow, client } = f;
    const as = { account: client.account };
    for (const rating of ratings) {
      await escrow.write.createEscrow([worker.account.address, NATIVE, [{ amount: JOB, dueDate: (await now()) + 10 * DAY }], 3_600, 3_600], as);
      const id = await escrow.read.escrowCount();
      await escrow.write.fundEscrow([id], { ...as, value: JOB });
      await escrow.write.submitMilestone([id, 0n, `0x${"00".repeat(32)}`], { account: worker.account });
      await escrow.write.approveMilestone([id, 0n], as);
      await escrow.write.rateJob([id, rating], as);
    }
  }

  /** The attester's signed attestation about `subject`, as its wallet signs typed data. */
  async function attest(subject: Hex, kind: number, expiresAt: bigint, nonce: bigint) {
    const domain = { name: "Worx Badges", version: "1", chainId, verifyingContract: f.badges.address } as const;
    const message = { subject, kind, expiresAt, nonce };
    return f.attester.signTypedData({ domain, types: ATTESTATION_TYPES, primaryType: "Attestation", message });
  }

  async function metadataOf(tokenId: bigint): Promise<{ meta: Metadata; svg: string }> {
    const meta = JSON.parse(decodeDataUri(await f.badges.read.tokenURI([tokenId]), "application/json")) as Metadata;
    return { meta, svg: decodeDataUri(meta.image, "image/svg+xml") };
  }

  it("deploys through the Badges module reading the given escrow, with the default tiers", async () => {
    const { badges, escrow, admin } = f;
    assert.equal(getAddress(await badges.read.escrow()), getAddress(escrow.address));
    assert.equal(await badges.read.hasRole([await badges.read.DEFAULT_ADMIN_ROLE(), admin.account.address]), true);
    const [, name, version, domainChainId, verifyingContract] = await badges.read.eip712Domain();
    assert.deepEqual([name, version, Number(domainChainId), getAddress(verifyingContract)], ["Worx Badges", "1", chainId, getAddress(badges.address)]);
    assert.deepEqual(await badges.read.tierConfig([TIER.Silver]), {
      minCompletedJobs: 25,
      minSatisfactionBps: 9_700,
      requiresXVerified: true,
      requiresVetted: false,
      soulbound: true,
      feeDiscountBps: 1_000,
    });
  });

  it("claims Bronze and Silver from a real history and renders both as decodable JSON + SVG", async () => {
    const { badges, admin, bob } = f;
    const freelancer = getAddress(bob.account.address);
    // 11 x 5 + 1 x 4 = 59 over 12 ratings: floor(590_000 / 60) = 9_833 bps, shown as 98.33%.
    await completeJobs(bob, [...Array(11).fill(5), 4]);
    assert.equal(await badges.read.satisfactionBps([freelancer]), 9_833);
    assert.equal(await revertName(badges.write.claim([TIER.Silver], { account: bob.account })), "CriteriaNotMet");

    const bronze = await receipt(badges.write.claim([TIER.Bronze], { account: bob.account }));
    const claimed = parseEventLogs({ abi: badges.abi, logs: bronze.logs, eventName: "BadgeClaimed" });
    assert.deepEqual(claimed[0]?.args, { tokenId: 1n, account: freelancer, tier: TIER.Bronze, completedJobs: 12, satisfactionBps: 9_833 });
    const bronzeAt = Number((await publicClient.getBlock({ blockNumber: bronze.blockNumber })).timestamp);

    // Governance lowers Silver to 12 jobs / 98%; the attester verifies bob's X account.
    await badges.write.setTierConfig(
      [TIER.Silver, { minCompletedJobs: 12, minSatisfactionBps: 9_800, requiresXVerified: true, requiresVetted: false, soulbound: true, feeDiscountBps: 1_000 }],
      { account: admin.account },
    );
    const expiresAt = BigInt((await now()) + 30 * DAY);
    const signature = await attest(freelancer, KIND.XVerified, expiresAt, 1n);
    await badges.write.submitAttestation([freelancer, KIND.XVerified, expiresAt, 1n, signature], { account: bob.account });
    const silver = await receipt(badges.write.claim([TIER.Silver], { account: bob.account }));
    const locked = parseEventLogs({ abi: badges.abi, logs: silver.logs, eventName: "Locked" });
    assert.deepEqual(locked.map((l) => l.args.tokenId), [2n]);
    assert.equal(await badges.read.bestTier([freelancer]), TIER.Silver);
    assert.equal(await badges.read.heldTiers([freelancer]), 0b110);

    const { meta: bronzeMeta, svg: bronzeSvg } = await metadataOf(1n);
    assert.equal(bronzeMeta.name, "Worx Bronze #1");
    assert.match(bronzeMeta.description, /Transferable\.$/);
    assert.deepEqual(bronzeMeta.attributes, [
      { trait_type: "Tier", value: "Bronze" },
      { trait_type: "Completed jobs", display_type: "number", value: 12 },
      { trait_type: "Satisfaction", value: "98.33%" },
      { trait_type: "Claimed at", display_type: "date", value: bronzeAt },
      { trait_type: "Soulbound", value: "No" },
      { trait_type: "Fee discount", value: "0.00%" },
    ]);
    for (const svg of [bronzeSvg, (await metadataOf(2n)).svg]) {
      assert.ok(svg.startsWith("<svg"), "starts with <svg");
      assert.ok(svg.endsWith("</svg>"), "ends with </svg>");
      assert.match(svg, /^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
      assertBalancedXml(svg);
    }
    assert.ok(bronzeSvg.includes(">BRONZE<") && bronzeSvg.includes("#cd7f32") && bronzeSvg.includes("12 jobs / 98.33% satisfied"));

    const { meta: silverMeta, svg: silverSvg } = await metadataOf(2n);
    assert.equal(silverMeta.name, "Worx Silver #2");
    assert.match(silverMeta.description, /Soul-bound: it cannot be transferred\.$/);
    const attributes = Object.fromEntries(silverMeta.attributes.map((a) => [a.trait_type, a.value]));
    assert.deepEqual(
      [attributes.Tier, attributes["Completed jobs"], attributes.Satisfaction, attributes.Soulbound, attributes["Fee discount"]],
      ["Silver", 12, "98.33%", "Yes", "10.00%"],
    );
    assert.ok(silverSvg.includes(">SILVER<") && silverSvg.includes("#c0c0c0") && silverSvg.includes("Soul-bound"));

    // A discount change refreshes every badge's metadata (ERC-4906) and shows in the attribute.
    const updated = await receipt(
      badges.write.setTierConfig(
        [TIER.Silver, { minCompletedJobs: 25, minSatisfactionBps: 9_700, requiresXVerified: true, requiresVetted: false, soulbound: true, feeDiscountBps: 1_250 }],
        { account: admin.account },
      ),
    );
    const batch = parseEventLogs({ abi: badges.abi, logs: updated.logs, eventName: "BatchMetadataUpdate" });
    assert.deepEqual(batch.map((l) => [l.args._fromTokenId, l.args._toTokenId]), [[1n, 2n]]);
    const after = (await metadataOf(2n)).meta.attributes.find((a) => a.trait_type === "Fee discount");
    assert.equal(after?.value, "12.50%");
  });

  it("refuses to move a soul-bound badge but moves Bronze, with the custom errors a wallet decodes", async () => {
    const { badges, carol, mallory } = f;
    await completeJobs(carol, Array(10).fill(5));
    await badges.write.claim([TIER.Bronze], { account: carol.account });
    const expiresAt = BigInt((await now()) + DAY);
    const carolAddress = getAddress(carol.account.address);
    await badges.write.submitAttestation([carolAddress, KIND.XVerified, expiresAt, 7n, await attest(carolAddress, KIND.XVerified, expiresAt, 7n)]);
    await badges.write.submitAttestation([carolAddress, KIND.Vetted, expiresAt, 8n, await attest(carolAddress, KIND.Vetted, expiresAt, 8n)]);
    // Replaying the same signed attestation is refused.
    assert.equal(
      await revertName(badges.write.submitAttestation([carolAddress, KIND.Vetted, expiresAt, 8n, await attest(carolAddress, KIND.Vetted, expiresAt, 8n)])),
      "AttestationAlreadyUsed",
    );
    await badges.write.claim([TIER.Verified], { account: carol.account });
    assert.equal(await badges.read.locked([2n]), true);
    assert.equal(await badges.read.bestTier([carolAddress]), TIER.Verified);

    const mallet = getAddress(mallory.account.address);
    assert.equal(await revertName(badges.write.transferFrom([carolAddress, mallet, 2n], { account: carol.account })), "Soulbound");
    await badges.write.transferFrom([carolAddress, mallet, 1n], { account: carol.account });
    assert.equal(getAddress(await badges.read.ownerOf([1n])), mallet);
    assert.equal(await badges.read.heldTiers([carolAddress]), 1 << TIER.Verified);
    assert.equal(await badges.read.heldTiers([mallet]), 1 << TIER.Bronze);
    assert.equal(await revertName(badges.write.claim([TIER.Bronze], { account: carol.account })), "AlreadyClaimed");
    assert.equal(await revertName(badges.write.burn([2n], { account: mallory.account })), "NotTokenOwner");
    await badges.write.burn([2n], { account: carol.account });
    assert.equal(await badges.read.bestTier([carolAddress]), TIER.None);
  });

  it("answers ERC-165 for ERC-721, its metadata, ERC-5192, ERC-4906 and AccessControl", async () => {
    for (const id of ["0x01ffc9a7", "0x80ac58cd", "0x5b5e139f", "0xb45a3c0e", "0x49064906", "0x7965db0b"] as const) {
      assert.equal(await f.badges.read.supportsInterface([id]), true, id);
    }
    assert.equal(await f.badges.read.supportsInterface(["0xffffffff"]), false);
  });
});
