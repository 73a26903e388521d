/**
 * End to end, in a real browser: achievement badges (WorxBadges) on the LocalDemo deployment,
 * with the Ponder indexer and the SPA (fixture ./stack.ts, its own ports).
 *
 * Before indexing, bob (#2) completes ten one-milestone jobs for alice, all rated 5 stars, and the
 * attester (#6) verifies his X account (EIP-712 attestation, submitted by bob); dave (#4) completes
 * two jobs for carol rated 4 stars. Bob's profile shows Bronze claimable and, in words with the
 * numbers, what Silver still needs; he claims Bronze in the browser, sees its SVG (read from the
 * contract's tokenURI and decoded in the page, identical to the contract's picture) on his profile
 * and in the gallery, and himself on the leaderboard with the Bronze tier (sorting and filters
 * work). Dave sees "2 of 10 completed jobs" and his satisfaction against the minimum, no enabled
 * claim button, and a forced claim reverts with the same words. On the Stacks page a badge claim
 * goes to the wallet as badges.clar `claim` in post-condition deny mode with no post-condition (a
 * mint moves nothing out of any account). No request leaves 127.0.0.1.
 *
 * Run: npx tsx --test test/e2e/badges.test.ts   (screenshots in test-results/e2e/badges-*.png)
 */
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { Cl } from "@stacks/transactions";
import type { Page } from "playwright-core";
import { createWalletClient, http, type Address } from "viem";
import { hardhat } from "viem/chains";
import { localAccount } from "../../scripts/dev/accounts.ts";
import { missingCriteriaWords, type TierConfig } from "../../web/src/features/badges/criteria.ts";
import { explainClarityResult } from "../../web/src/features/escrow/stacks/errors.ts";
import { explainError } from "../../web/src/tx/errors.ts";
import { foreignRequests, startStack, type E2eStack } from "./stack.ts";
import { eventually, expectConfirmed, INDEXER_TIMEOUT, txOutcome } from "./ui.ts";

const PORTS = { chain: 8550, indexer: 42076, web: 5176 };
const ALICE = 1;
const BOB = 2;
const CAROL = 3;
const DAVE = 4;
const ATTESTER = 6; // holds ATTESTER_ROLE on the local WorxBadges
const bob: Address = localAccount(BOB).address;
const dave: Address = localAccount(DAVE).address;
const DAY = 86_400;
const BRONZE = 1;
const SILVER = 2;

let s: E2eStack;
let badges: Address;
let stacksBadges: string;
let bobPage: Page;
let davePage: Page;

const readBadges = <T,>(functionName: string, args: readonly unknown[] = []) =>
  s.publicClient.readContract({ address: badges, abi: s.abis.worxBadgesAbi, functionName, args } as never) as Promise<T>;

/** The SVG inside a `data:application/json;base64,` token URI, decoded here with Node's Buffer (not the SPA's code). */
function svgOfTokenUri(uri: string): string {
  const prefix = "data:application/json;base64,";
  assert.ok(uri.startsWith(prefix), `tokenURI is a base64 JSON data URI: ${uri.slice(0, 40)}`);
  const json = JSON.parse(Buffer.from(uri.slice(prefix.length), "base64").toString("utf8")) as { image: string };
  const image = "data:image/svg+xml;base64,";
  assert.ok(json.image.startsWith(image));
  return Buffer.from(json.image.slice(image.length), "base64").toString("utf8");
}

describe("badges in the browser", { timeout: 420_000 }, () => {
  before(async () => {
    s = await startStack({
      name: "badges",
      ports: PORTS,
      prepare: async ({ rpcUrl, publicClient, abis }) => {
        // Loaded after the deploy: both read the addresses codegen has just written.
        const { evmContract } = await import("../../generated/deployments.ts");
        const { seedCompletedJobs } = await import("../../scripts/dev/seed.ts");
        badges = evmContract("eip155:31337", "WorxBadges");
        const { stacksDeployments } = (await import("../../generated/stacks.ts")) as {
          stacksDeployments: Record<string, { contracts: Record<string, string> }>;
        };
        stacksBadges = stacksDeployments["stacks:2147483648"]!.contracts.badges!;
        await seedCompletedJobs(rpcUrl, { client: ALICE, freelancer: BOB, count: 10, rating: 5 });
        await seedCompletedJobs(rpcUrl, { client: CAROL, freelancer: DAVE, count: 2, rating: 4 });
        // The attester signs "bob's X account is verified" for 30 days; bob submits it.
        const expiresAt = BigInt(Number((await publicClient.getBlock()).timestamp) + 30 * DAY);
        const digest = (await publicClient.readContract({
          address: badges,
          abi: abis.worxBadgesAbi,
          functionName: "attestationDigest",
          args: [bob, 1, expiresAt, 1n],
        })) as `0x${string}`;
        const signature = await localAccount(ATTESTER).sign({ hash: digest });
        const wallet = createWalletClient({ chain: hardhat, transport: http(rpcUrl), account: localAccount(BOB) });
        const hash = await wallet.writeContract({ address: badges, abi: abis.worxBadgesAbi, functionName: "submitAttestation", args: [bob, 1, expiresAt, 1n, signature] });
        assert.equal((await publicClient.waitForTransactionReceipt({ hash })).status, "success");
      },
    });
    bobPage = s.firstPage;
  });

  after(async () => {
    await s?.close();
    if (s) console.log(`[e2e badges] wall time ${s.seconds()} s`);
  });

  it("shows the seeded freelancer Bronze claimable and, in words, what Silver still needs", async () => {
    await s.connect(bobPage, bob, "#/profile");
    const bronze = bobPage.getByTestId("tier-bronze");
    await bronze.and(bobPage.locator('[data-state="claimable"]')).waitFor({ timeout: INDEXER_TIMEOUT });
    assert.equal(await bronze.getByTestId("claim-bronze").isEnabled(), true);
    // Silver needs 25 jobs, 97% and a verified X account: bob has 10 jobs, 100% and the attestation.
    const silverConfig = await readBadges<TierConfig>("tierConfig", [SILVER]);
    const silverMask = await readBadges<number>("missingCriteria", [bob, SILVER]);
    assert.equal(silverMask, 1, "only completed jobs are missing for Silver");
    const expected = missingCriteriaWords(silverMask, silverConfig, { completedJobs: 10, satisfactionBps: 10_000, ratingCount: 10 });
    assert.deepEqual(expected, ["10 of 25 completed jobs"]);
    assert.equal(await bobPage.getByTestId("missing-silver").innerText(), "Missing: 10 of 25 completed jobs.");
    assert.equal(await bobPage.getByTestId("claim-silver").isDisabled(), true);
    // Verified needs X verification (bob has it) and vetting (he doesn't).
    assert.match(await bobPage.getByTestId("missing-verified").innerText(), /^Missing: not vetted by the platform/);
    await bobPage.getByTestId("attestation-x-verified").waitFor({ timeout: INDEXER_TIMEOUT });
    assert.match(await bobPage.getByTestId("attestation-x-verified").innerText(), /X account verified valid until .* signed by 0x976e…0aa9/i);
    // The work history is the indexer's count: it may still be catching up with the seeded jobs.
    await eventually(async () => assert.equal(await bobPage.getByTestId("history-completed").innerText(), "10"));
    await s.shot(bobPage, "01-bronze-claimable");
  });

  it("claims the Bronze badge in the browser", async () => {
    await bobPage.getByTestId("claim-bronze").click();
    await expectConfirmed(bobPage, "claim-bronze");
    assert.equal(await readBadges<bigint>("lastTokenId"), 1n);
    assert.equal((await readBadges<Address>("ownerOf", [1n])).toLowerCase(), bob.toLowerCase());
    assert.equal(await readBadges<number>("bestTier", [bob]), BRONZE);
    await bobPage.getByTestId("tier-bronze").and(bobPage.locator('[data-state="claimed"]')).waitFor();
    assert.equal(await bobPage.getByTestId("claim-bronze").count(), 0, "a claimed tier offers no claim");
  });

  it("shows the badge on the profile, drawn from the contract's own SVG", async () => {
    const card = bobPage.getByTestId("held-badges").getByTestId("badge-eip155:31337-1");
    await card.waitFor({ timeout: INDEXER_TIMEOUT });
    assert.equal(await card.getAttribute("data-tier"), "bronze");
    const img = card.getByTestId("badge-image");
    await img.waitFor();
    const src = (await img.getAttribute("src"))!;
    assert.ok(src.startsWith("data:image/svg+xml;base64,"), `an on-chain SVG data URI, got ${src.slice(0, 40)}`);
    const shown = Buffer.from(src.slice("data:image/svg+xml;base64,".length), "base64").toString("utf8");
    assert.equal(shown, svgOfTokenUri(await readBadges<string>("tokenURI", [1n])), "the page shows exactly the contract's picture");
    assert.match(shown, /BRONZE/);
    await eventually(async () => assert.ok((await img.evaluate((el) => (el as HTMLImageElement).naturalWidth)) > 0, "the SVG renders"));
    assert.match(await card.innerText(), /Bronze #1[\s\S]*10 jobs, 100% satisfaction at claim[\s\S]*transferable/);
    await s.shot(bobPage, "02-bronze-claimed");
  });

  it("lists him on the leaderboard with the Bronze tier; sorting and filters follow the indexer", async () => {
    await bobPage.goto(`${s.webUrl}/#/leaderboard`);
    const bobRow = bobPage.getByTestId(`leader-${bob.toLowerCase()}`);
    const daveRow = bobPage.getByTestId(`leader-${dave.toLowerCase()}`);
    await bobRow.and(bobPage.locator('[data-tier="bronze"]')).waitFor({ timeout: INDEXER_TIMEOUT });
    assert.equal(await bobRow.getByTestId("leader-tier").innerText(), "Bronze");
    assert.equal(await bobRow.getByTestId("leader-completedJobs").innerText(), "10");
    assert.equal(await bobRow.getByTestId("leader-satisfactionBps").innerText(), "100% (10)");
    assert.equal(await bobRow.getByTestId("leader-earnedUsd").innerText(), "$900.00", "10 × 100 dUSD less the 10% fee");
    assert.equal(await daveRow.getByTestId("leader-tier").innerText(), "—");
    const rows = bobPage.getByTestId("leaderboard-table").locator("tbody tr");
    const order = async () => (await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute("data-testid"))));
    assert.deepEqual(await order(), [`leader-${bob.toLowerCase()}`, `leader-${dave.toLowerCase()}`], "most completed jobs first");
    await bobPage.getByTestId("sort-completedJobs").click();
    await eventually(async () => assert.deepEqual(await order(), [`leader-${dave.toLowerCase()}`, `leader-${bob.toLowerCase()}`]));
    assert.equal(await bobPage.locator('th[aria-sort="ascending"]').innerText(), "Jobs completed ▲");
    await bobPage.getByLabel("Best badge").selectOption("bronze");
    await eventually(async () => assert.deepEqual(await order(), [`leader-${bob.toLowerCase()}`]));
    await bobPage.getByLabel("Best badge").selectOption("");
    await bobPage.getByLabel("Min. completed jobs").fill("3");
    await eventually(async () => assert.deepEqual(await order(), [`leader-${bob.toLowerCase()}`]));
    assert.equal(await bobPage.getByTestId("leaderboard-range").innerText(), "1–1 of 1");
    await s.shot(bobPage, "03-leaderboard");
  });

  it("shows every badge in the gallery with its holder", async () => {
    await bobPage.goto(`${s.webUrl}/#/badges`);
    const card = bobPage.getByTestId("badge-gallery").getByTestId("badge-eip155:31337-1");
    await card.waitFor({ timeout: INDEXER_TIMEOUT });
    assert.match(await card.innerText(), /Held by 0x3c44…93bc/i);
    assert.equal(await bobPage.getByTestId("gallery-page").innerText(), "Page 1 of 1 · 1 badge");
  });

  it("tells a freelancer with too few jobs what is missing, in words, with no enabled claim", async () => {
    davePage = await s.context.newPage();
    // From the escrows home: his work history links to his profile.
    await s.connect(davePage, dave);
    await davePage.getByTestId("history-profile-link").click();
    assert.equal(new URL(davePage.url()).hash, `#/profile/${dave}`);
    const bronze = davePage.getByTestId("tier-bronze");
    await bronze.and(davePage.locator('[data-state="missing"]')).waitFor({ timeout: INDEXER_TIMEOUT });
    // Two jobs rated 4 stars: 80% satisfaction, below Bronze's 95%.
    assert.equal(await davePage.getByTestId("missing-bronze").innerText(), "Missing: 2 of 10 completed jobs; satisfaction 80% of 95%.");
    const button = davePage.getByTestId("claim-bronze");
    assert.equal(await button.isDisabled(), true);
    assert.equal(await button.getAttribute("aria-describedby"), await davePage.getByTestId("missing-bronze").getAttribute("id"));
    await s.shot(davePage, "04-missing-criteria");

    // A claim forced past the page reverts with CriteriaNotMet; the SPA's sentence names the same facts.
    const bronzeConfig = await readBadges<TierConfig>("tierConfig", [BRONZE]);
    const error = await s.publicClient
      .simulateContract({ account: dave, address: badges, abi: s.abis.worxBadgesAbi, functionName: "claim", args: [BRONZE] })
      .then(() => undefined, (e: unknown) => e);
    assert.ok(error, "the contract refuses dave's claim");
    const sentence = explainError(error, {
      missingCriteria: (_tier, mask) => missingCriteriaWords(mask, bronzeConfig, { completedJobs: 2, satisfactionBps: 8_000, ratingCount: 2 }),
    });
    assert.equal(sentence, "You don't meet the Bronze badge's criteria yet: 2 of 10 completed jobs; satisfaction 80% of 95%.");
  });

  it("claims a badge on Stacks in post-condition deny mode, moving nothing", async () => {
    await bobPage.goto(`${s.webUrl}/#/stacks`);
    await bobPage.getByRole("button", { name: "Connect Stacks wallet" }).click();
    await bobPage.getByRole("button", { name: "Connect", exact: true }).click();
    const form = bobPage.getByRole("form", { name: "Claim a Stacks badge" });
    await form.getByLabel("Tier").selectOption("Silver");
    await form.getByRole("button", { name: "Claim badge" }).click();
    assert.equal((await txOutcome(form, "stacks-claim-badge")).state, "sent");
    const call = s.wallets.stacksCalls.filter((c) => c.method === "stx_callContract").at(-1);
    assert.ok(call?.params, "the wallet was asked to call the contract");
    assert.equal(call.params.contract, stacksBadges);
    assert.equal(call.params.functionName, "claim");
    assert.deepEqual((call.params.functionArgs as string[]).map((hex) => Cl.deserialize(hex)), [Cl.uint(SILVER)]);
    assert.equal(call.params.postConditionMode, "deny");
    assert.deepEqual(call.params.postConditions, []);
    // What the page says when the transaction is aborted by the contract (no Stacks API here to poll).
    assert.match(explainClarityResult("(err u3011)"), /don't meet this tier's criteria yet/);
    assert.match(explainClarityResult("(err u3012)"), /already claimed a badge of this tier/);
  });

  it("never contacts a host other than 127.0.0.1", () => {
    assert.deepEqual(foreignRequests(s.requested), []);
    assert.ok(s.requested.some((u) => u.startsWith(`${s.indexerUrl}/leaderboard`)), "the SPA read the leaderboard from the indexer");
  });
});
