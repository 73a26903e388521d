/**
 * End to end, in a real browser: one SPA and one Ponder over two local EVM chains (31337 and 31338,
 * the same contracts at the same CREATE2 addresses), with activity that differs per chain.
 *
 * Before indexing, on chain A bob (#2) completes two jobs for alice (#1), rated 5; on chain B carol
 * (#3) completes one job for alice rated 4 and bob one rated 3. Alice connects on chain A and sees
 * A's escrows only; she switches chains with the header's switcher (the wallet is asked with
 * wallet_switchEthereumChain and moves to chain B), and the list shows B's escrows only; she creates
 * an escrow on B in the page (signed and mined on B's node, indexed as eip155:31338). When the
 * wallet itself moves to a chain without Worx, every page says so and offers the deployed chains.
 * The leaderboard's "All chains" lists a line per freelancer and chain, each labelled; the chain
 * filter narrows to one chain; "summed" adds bob's chains up. Bob's profile shows a labelled row
 * per chain and their total, and its chain filter narrows every section. A Stacks principal's
 * profile says it is a separate identity. The REST combined views answer the same (and 400 on bad
 * input). No request leaves 127.0.0.1.
 *
 * Run: npx tsx --test test/e2e/multichain.test.ts   (screenshots in test-results/e2e/multichain-*.png)
 * Ports: chains 8566 / 8567, Ponder 42096, web 5182.
 */
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { Page } from "playwright-core";
import { parseUnits, type Address } from "viem";
import { localAccount } from "../../scripts/dev/accounts.ts";
import { assertCombinedViews, getJson } from "../indexer/combinedViews.ts";
import { foreignRequests, startStack, type E2eStack } from "./stack.ts";
import { eventually, expectConfirmed, INDEXER_TIMEOUT } from "./ui.ts";

const PORTS = { chain: 8566, indexer: 42096, web: 5182 };
const CHAIN_B_PORT = 8567;
const A = "eip155:31337";
const B = "eip155:31338";
const ALICE = 1;
const BOB = 2;
const CAROL = 3;
const alice: Address = localAccount(ALICE).address;
const bob = localAccount(BOB).address.toLowerCase();
const carol = localAccount(CAROL).address.toLowerCase();
const dave: Address = localAccount(4).address;
/** A Stacks principal (the simnet deployer): another identity than any EVM address. */
const PRINCIPAL = "ST1PQHQKV0RJXZFY1DGX8MNSNYVE3VGZJSRTPGZGM";
const DAY = 86_400;

let s: E2eStack;
let page: Page;
/** Escrow ids seeded per chain. */
const seeded: Record<string, bigint[]> = { [A]: [], [B]: [] };

/** A unix time as a date input's value, in this machine's time zone (the browser's too). */
const dateInput = (seconds: number) => {
  const d = new Date(seconds * 1000);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}`;
};

/** The escrow cards listed under "My escrows", as `<caip2>-<id>`. */
async function listedEscrows(p: Page): Promise<string[]> {
  const ids = await p.getByTestId("my-escrows").locator('article[data-testid^="escrow-"]').evaluateAll((cards) => cards.map((c) => c.getAttribute("data-testid")!.slice("escrow-".length)));
  return ids.sort();
}
const cardsOf = (chain: string) => seeded[chain]!.map((id) => `${chain}-${id}`).sort();

/** The leaderboard's rows as `<freelancer>@<chain>: <jobs>`, in table order (most jobs first, then by address, then chain). */
async function leaderRows(p: Page): Promise<string[]> {
  return p
    .getByTestId("leaderboard-table")
    .locator("tbody tr")
    .evaluateAll((trs) =>
      trs.map((tr) => `${tr.getAttribute("data-testid")!.slice("leader-".length)}@${tr.getAttribute("data-chain")}: ${tr.querySelector('[data-testid="leader-completedJobs"]')!.textContent}`),
    );
}

describe("two EVM chains in one SPA and one indexer", { timeout: 480_000 }, () => {
  before(async () => {
    s = await startStack({
      name: "multichain",
      ports: PORTS,
      prepare: async ({ rpcUrl }) => {
        // Loaded after the deploys: it reads the addresses codegen has just written.
        const { seedCompletedJobs } = await import("../../scripts/dev/seed.ts");
        seeded[A] = await seedCompletedJobs(rpcUrl, { client: ALICE, freelancer: BOB, count: 2, rating: 5 });
      },
      secondChain: {
        port: CHAIN_B_PORT,
        prepare: async ({ rpcUrl, chainId, dusdAddress, abis }) => {
          const { seedCompletedJobs } = await import("../../scripts/dev/seed.ts");
          const { localClients } = await import("../../scripts/dev/localClients.ts");
          seeded[B] = [
            ...(await seedCompletedJobs(rpcUrl, { client: ALICE, freelancer: CAROL, count: 1, rating: 4, chainId })),
            ...(await seedCompletedJobs(rpcUrl, { client: ALICE, freelancer: BOB, count: 1, rating: 3, chainId })),
          ];
          // dUSD for the escrow alice creates on this chain in the page.
          await localClients(rpcUrl, chainId).send(ALICE, dusdAddress, abis.demoStablecoinAbi, "mint", [alice, parseUnits("100", 6)]);
        },
      },
    });
    assert.ok(s.second, "the fixture started the second chain");
    assert.equal(s.second.escrowAddress, s.escrowAddress, "the same escrow address on both chains (CREATE2)");
    // The test wallet knows both nodes: a switch moves the page's wallet (and its transactions) to B's.
    s.wallets.addChain(s.second.chainId, s.second.rpcUrl);
    page = s.firstPage;
  });

  after(async () => {
    await s?.close();
    if (s) console.log(`[e2e multichain] wall time ${s.seconds()} s`);
  });

  it("lists the escrows of the chain the wallet is on (chain A)", async () => {
    await s.connect(page, alice);
    assert.equal(s.wallets.chainOf(page), 31337);
    await page.locator(`[data-testid="my-escrows"][data-chain="${A}"]`).waitFor();
    await eventually(async () => assert.deepEqual(await listedEscrows(page), cardsOf(A)));
    assert.equal(await page.getByTestId("chain-switcher").inputValue(), A);
    await s.shot(page, "01-chain-a");
  });

  it("switches chains in the page: the wallet is asked, and the list shows chain B's rows only", async () => {
    const before = s.wallets.evmRequests.length;
    await page.getByTestId("chain-switcher").selectOption(B);
    await eventually(async () => assert.equal(s.wallets.chainOf(page), 31338));
    const switches = s.wallets.evmRequests.slice(before).filter((r) => r.method === "wallet_switchEthereumChain");
    assert.deepEqual(switches.map((r) => r.params), [[{ chainId: "0x7a6a" }]]);
    await page.locator(`[data-testid="my-escrows"][data-chain="${B}"]`).waitFor();
    await eventually(async () => assert.deepEqual(await listedEscrows(page), cardsOf(B)), INDEXER_TIMEOUT);
    assert.match(await page.getByTestId("create-escrow-form").locator("h2").innerText(), /on Local Hardhat B$/);
    assert.equal(await page.getByTestId("chain-switcher").inputValue(), B);
    await s.shot(page, "02-chain-b");
  });

  it("creates an escrow on chain B: signed on B's node, indexed as B's", async () => {
    const second = s.second!;
    const countOf = async (c: typeof second | E2eStack) =>
      (await c.publicClient.readContract({ address: c.escrowAddress, abi: c.abis.milestoneEscrowAbi, functionName: "escrowCount" } as never)) as bigint;
    const [aBefore, bBefore] = [await countOf(s), await countOf(second)];
    const form = page.getByTestId("create-escrow-form");
    await form.getByLabel("Freelancer address").fill(dave);
    await form.getByLabel("Milestone 1 amount").fill("10");
    await form.getByLabel("Milestone 1 due date").fill(dateInput(Number((await second.publicClient.getBlock()).timestamp) + 14 * DAY));
    await form.getByRole("button", { name: "Create escrow" }).click();
    await expectConfirmed(form, "create");
    assert.equal(await countOf(second), bBefore + 1n, "mined on chain B");
    assert.equal(await countOf(s), aBefore, "nothing on chain A");
    const created = bBefore + 1n; // ids count from 1
    assert.match(await form.getByTestId("created-escrow").innerText(), new RegExp(`Escrow #${created} created`));
    seeded[B]!.push(created);
    await eventually(async () => assert.deepEqual(await listedEscrows(page), cardsOf(B)), INDEXER_TIMEOUT);
    const { data } = await fetch(`${s.indexerUrl}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ query: `{ escrow(id: "${B}:${created}") { chainId client freelancer total } }` }),
    }).then((r) => r.json() as Promise<{ data: { escrow: Record<string, string> | null } }>);
    assert.deepEqual(data.escrow, { chainId: B, client: alice.toLowerCase(), freelancer: dave.toLowerCase(), total: "10000000" });
  });

  it("says so when the wallet moves to a chain without Worx, and switches back from the notice", async () => {
    await s.wallets.switchChain(page, 1337); // the user picks another network in the wallet itself
    const notice = page.getByTestId("wrong-network");
    await notice.waitFor();
    assert.match(await notice.innerText(), /Your wallet is on chain 1337, where Worx is not deployed/);
    assert.equal(await page.getByTestId("chain-switcher").inputValue(), "unsupported");
    await s.shot(page, "03-wrong-network");
    await notice.getByTestId(`switch-to-${A}`).click();
    await notice.waitFor({ state: "detached" });
    assert.equal(s.wallets.chainOf(page), 31337);
    await page.locator(`[data-testid="my-escrows"][data-chain="${A}"]`).waitFor();
    await eventually(async () => assert.deepEqual(await listedEscrows(page), cardsOf(A)));
  });

  it("leaderboard: all chains' lines labelled with their chain; the filter narrows; summed adds chains up", async () => {
    await page.goto(`${s.webUrl}/#/leaderboard`);
    const table = page.getByTestId("leaderboard-table");
    await eventually(async () => {
      const rows = await leaderRows(page);
      assert.deepEqual(rows.filter((r) => r.startsWith(bob) || r.startsWith(carol)), [`${bob}@${A}: 2`, `${bob}@${B}: 1`, `${carol}@${B}: 1`], rows.join("; "));
    });
    const chip = (who: string, chain: string) => table.locator(`tr[data-testid="leader-${who}"][data-chain="${chain}"] [data-testid="leader-chain"]`);
    assert.equal(await chip(bob, A).innerText(), "Local Hardhat");
    assert.equal(await chip(bob, B).innerText(), "Local Hardhat B");
    assert.equal(await chip(carol, B).innerText(), "Local Hardhat B");
    await s.shot(page, "04-leaderboard-all");

    await page.getByTestId("lb-chain").selectOption(B);
    await eventually(async () => {
      const rows = await leaderRows(page);
      assert.ok(rows.every((r) => r.includes(`@${B}:`)), rows.join("; "));
      assert.deepEqual(rows.filter((r) => r.startsWith(bob) || r.startsWith(carol)), [`${bob}@${B}: 1`, `${carol}@${B}: 1`], "ties by address (bob's 0x3c44… first)");
    });
    await page.getByTestId("lb-chain").selectOption(A);
    await eventually(async () => {
      const rows = await leaderRows(page);
      assert.ok(rows.every((r) => r.includes(`@${A}:`)), rows.join("; "));
      assert.ok(rows.includes(`${bob}@${A}: 2`) && !rows.some((r) => r.startsWith(carol)), rows.join("; "));
    });

    await page.getByTestId("lb-chain").selectOption("summed");
    await eventually(async () => assert.ok((await leaderRows(page)).includes(`${bob}@all: 3`)));
    assert.deepEqual(await table.locator(`tr[data-testid="leader-${bob}"] .chain-chip`).allInnerTexts(), ["Local Hardhat", "Local Hardhat B"]);
    await s.shot(page, "05-leaderboard-summed");
  });

  it("profile: a labelled row per chain and their total; the chain filter narrows every section", async () => {
    await page.goto(`${s.webUrl}/#/profile/${bob}`);
    const standing = page.getByTestId("standing-table");
    const jobs = (row: string) => standing.locator(`[data-testid="${row}"] [data-testid="standing-completedJobs"]`).innerText();
    await eventually(async () => {
      assert.equal(await jobs(`standing-${A}`), "2");
      assert.equal(await jobs(`standing-${B}`), "1");
      assert.equal(await jobs("standing-total"), "3");
    });
    assert.equal(await standing.locator(`[data-testid="standing-${B}"] .chain-chip`).innerText(), "Local Hardhat B");
    assert.equal(await page.getByTestId("profile-identity").getAttribute("data-family"), "evm");
    await page.getByTestId(`profile-${A}`).waitFor();
    await page.getByTestId(`profile-${B}`).waitFor();
    await s.shot(page, "06-profile-all");

    await page.getByTestId("profile-chain").selectOption(B);
    assert.equal(new URL(page.url()).hash, `#/profile/${bob}?chain=${B}`);
    await eventually(async () => assert.equal(await standing.locator("tbody tr").count(), 1));
    assert.equal(await jobs(`standing-${B}`), "1");
    assert.equal(await standing.locator('[data-testid="standing-total"]').count(), 0);
    assert.equal(await page.getByTestId(`profile-${A}`).count(), 0, "chain A's work history and claims are filtered out");
    await page.getByTestId(`profile-${B}`).waitFor();
    await s.shot(page, "07-profile-chain-b");
  });

  it("a Stacks principal's profile is its own identity", async () => {
    await page.goto(`${s.webUrl}/#/profile/${PRINCIPAL}`);
    const identity = page.getByTestId("profile-identity");
    await identity.waitFor();
    assert.equal(await identity.getAttribute("data-family"), "stacks");
    assert.match(await identity.innerText(), /separate profile/);
    await page.getByTestId("standing-empty").waitFor();
    assert.equal(await page.locator('[data-testid^="profile-eip155:"]').count(), 0, "no EVM sections for a principal");
  });

  it("the REST combined views answer the same, and 400 on bad input", async () => {
    await assertCombinedViews(s.indexerUrl, { chain: B, account: bob, completedJobs: 1, family: "evm" });
    await assertCombinedViews(s.indexerUrl, { chain: A, account: bob, completedJobs: 2, family: "evm" });
    const chains = await getJson<{ items: { chainId: string; name: string }[] }>(`${s.indexerUrl}/chains`);
    assert.deepEqual(chains.items.map((c) => [c.chainId, c.name]), [[A, "Local Hardhat"], [B, "Local Hardhat B"]]);
    const principal = await getJson<{ family: string; chains: unknown[] }>(`${s.indexerUrl}/profiles/all/${PRINCIPAL}`);
    assert.deepEqual([principal.family, principal.chains], ["stacks", []]);
    assert.match((await getJson<{ error: string }>(`${s.indexerUrl}/profiles/all/${PRINCIPAL.toLowerCase()}`, 400)).error, /expected an EVM address .* or a Stacks principal/);
    assert.ok(s.requested.some((u) => u.startsWith(`${s.indexerUrl}/leaderboard?`) && u.includes("group=chain")), "the SPA read the per-chain leaderboard");
  });

  it("contacts nothing but 127.0.0.1", () => {
    assert.deepEqual(foreignRequests(s.requested), []);
  });
});
