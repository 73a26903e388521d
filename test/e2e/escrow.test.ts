/**
 * End to end, in a real browser: the SPA against a Hardhat node, the Ignition deployment and the
 * Ponder indexer, with wallets injected into the page (./wallets.ts).
 *
 * EVM: the client connects through RainbowKit, a bad form is refused inline, an escrow of two dUSD
 * milestones is created, a fund attempt while the guardian paused the protocol (through the
 * multisig's guardianPause) is explained in words, the multisig unpauses it (two owners' EIP-712
 * signatures, queue, 24 h timelock, execute), the escrow is approved + funded, the freelancer (second page) rejects once then submits
 * milestone 1, the client approves it, the freelancer withdraws the payout; "My escrows" shows the
 * indexer's rows all along. Stacks: the page connects the injected Leather provider and sends
 * create-escrow and fund-escrow in post-condition deny mode. No request leaves 127.0.0.1.
 *
 * Run: npx tsx --test test/e2e/escrow.test.ts   (screenshots in test-results/e2e/)
 */
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { Cl, cvToValue, deserializePostConditionWire, wireToPostCondition } from "@stacks/transactions";
import { chromium, type BrowserContext, type Locator, type Page } from "playwright-core";
import { createWalletClient, encodeFunctionData, http, parseUnits, publicActions, type Address } from "viem";
import { localAccount } from "../../scripts/dev/accounts.ts";
import { connectMultisig, OPERATION_STATE, type MultisigOps } from "../../scripts/dev/multisigOps.ts";
import { stopAll } from "../../scripts/dev/processes.ts";
import { deployLocal, repoRoot, startHardhatNode, startIndexer, startWeb } from "../../scripts/dev/stack.ts";
import { FAKE_STX_ADDRESS, TestWallets } from "./wallets.ts";
import { eventually, expectConfirmed, INDEXER_TIMEOUT, TX_TIMEOUT, txOutcome } from "./ui.ts";

const CHAIN_PORT = 8547;
const INDEXER_PORT = 42071;
const WEB_PORT = 5174;
const ADMIN: Address = "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266"; // Hardhat #0: deployer, multisig guardian and owner
const CLIENT: Address = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8"; // Hardhat #1
const FREELANCER: Address = "0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC"; // Hardhat #2

const shots = join(repoRoot, "test-results", "e2e");
const logs = join(repoRoot, "test-results", "e2e", "logs");
const tmpDirs: string[] = [];
const tmp = (prefix: string) => {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  tmpDirs.push(dir);
  return dir;
};

// Generated after the deploy (generated/ is rebuilt by deployLocal), so imported then.
let abis: typeof import("../../generated/abis.ts");
let escrowAddress: Address;
let dusdAddress: Address;
let multisig: MultisigOps;
let stacksEscrow: string;

let rpcUrl: string;
let indexerUrl: string;
let webUrl: string;
let context: BrowserContext;
let wallets: TestWallets;
let clientPage: Page;
let freelancerPage: Page;
let admin: ReturnType<typeof adminClient>;
const requested: string[] = [];
const started = Date.now();
const seconds = () => ((Date.now() - started) / 1000).toFixed(1);

function adminClient(url: string) {
  return createWalletClient({ transport: http(url), account: ADMIN, chain: { id: 31337, name: "Local Hardhat", nativeCurrency: { name: "ETH", symbol: "ETH", decimals: 18 }, rpcUrls: { default: { http: [url] } } } }).extend(publicActions);
}

async function shot(page: Page, name: string) {
  await page.screenshot({ path: join(shots, `${name}.png`), fullPage: true });
}

const sentTransactions = () => wallets.evmRequests.filter((r) => r.method === "eth_sendTransaction").length;
const escrowCard = (page: Page, id: number) => page.getByTestId(`escrow-eip155:31337-${id}`);

async function cardStatus(page: Page, id: number, status: string) {
  await escrowCard(page, id).locator(`[data-testid="escrow-status"][data-status="${status}"]`).waitFor({ timeout: INDEXER_TIMEOUT });
}

async function milestoneStatus(page: Page, id: number, index: number, status: string) {
  await escrowCard(page, id).locator(`[data-testid="milestone-${index}"][data-status="${status}"]`).waitFor({ timeout: INDEXER_TIMEOUT });
}

async function connectEvm(page: Page, account: Address) {
  wallets.use(page, account);
  await page.goto(webUrl);
  await page.getByTestId("rk-connect-button").click();
  await page.locator('[data-testid^="rk-wallet-option-"]').first().click();
  await page.getByTestId("rk-account-button").waitFor({ timeout: 15_000 });
}

async function indexedEscrow(id: number) {
  const res = await fetch(`${indexerUrl}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({
      query: `{ escrow(id: "eip155:31337:${id}") { client freelancer token total status amounts milestones { items { index status fee payout } } } }`,
    }),
  });
  const body = (await res.json()) as { data: { escrow: null | Record<string, any> } };
  return body.data.escrow;
}

describe("milestone escrow in the browser", { timeout: 300_000 }, () => {
  before(async () => {
    mkdirSync(shots, { recursive: true });
    rmSync(logs, { recursive: true, force: true });
    const chain = await startHardhatNode(CHAIN_PORT, join(logs, "chain.log"));
    rpcUrl = chain.rpcUrl;
    await deployLocal(rpcUrl);
    abis = await import("../../generated/abis.ts");
    const { evmContract } = await import("../../generated/deployments.ts");
    escrowAddress = evmContract("eip155:31337", "MilestoneEscrow");
    dusdAddress = evmContract("eip155:31337", "DemoStablecoin");
    multisig = connectMultisig({ transport: http(rpcUrl), address: evmContract("eip155:31337", "WorxMultisig"), abi: abis.worxMultisigAbi });
    const { stacksDeployments } = (await import("../../generated/stacks.ts")) as { stacksDeployments: Record<string, { contracts: Record<string, string> }> };
    stacksEscrow = stacksDeployments["stacks:2147483648"]!.contracts.escrow!;

    admin = adminClient(rpcUrl);
    const mint = await admin.writeContract({ address: dusdAddress, abi: abis.demoStablecoinAbi, functionName: "mint", args: [CLIENT, parseUnits("1000", 6)] });
    await admin.waitForTransactionReceipt({ hash: mint });

    console.log(`[e2e] chain + deploy in ${seconds()} s`);

    // The SPA only needs the indexer's URL, and the browser neither: start all three at once.
    const [indexer, web, browser] = await Promise.allSettled([
      startIndexer({ rpcUrl, port: INDEXER_PORT, pgliteDir: tmp("worx-e2e-pglite-"), logFile: join(logs, "indexer.log") }),
      startWeb({ port: WEB_PORT, indexerUrl: `http://127.0.0.1:${INDEXER_PORT}`, rpcUrl, logFile: join(logs, "web.log") }),
      chromium.launchPersistentContext(tmp("worx-e2e-chromium-"), {
        executablePath: "/usr/bin/chromium",
        headless: true,
        viewport: { width: 1280, height: 900 },
        args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
      }),
    ]);
    if (browser.status === "fulfilled") context = browser.value; // closed in after() even if the rest failed
    for (const r of [indexer, web, browser]) if (r.status === "rejected") throw r.reason;
    indexerUrl = (indexer as PromiseFulfilledResult<{ url: string }>).value.url;
    webUrl = (web as PromiseFulfilledResult<{ url: string }>).value.url;
    context.setDefaultTimeout(20_000);
    context.on("request", (r) => requested.push(r.url()));
    wallets = new TestWallets(rpcUrl, 31337);
    await wallets.install(context);
    clientPage = context.pages()[0] ?? (await context.newPage());
    console.log(`[e2e] stack ready in ${seconds()} s`);
  });

  after(async () => {
    await context?.close().catch(() => {});
    await stopAll();
    for (const dir of tmpDirs) rmSync(dir, { recursive: true, force: true });
    console.log(`[e2e] wall time ${seconds()} s`);
  });

  it("connects the client's wallet through RainbowKit", async () => {
    await connectEvm(clientPage, CLIENT);
    await clientPage.getByTestId("no-escrows").waitFor({ timeout: INDEXER_TIMEOUT });
    await shot(clientPage, "01-client-connected");
  });

  it("explains bad input next to the fields and asks the wallet nothing", async () => {
    const before = wallets.evmRequests.length;
    const form = clientPage.getByTestId("create-escrow-form");
    await form.getByLabel("Freelancer address").fill(CLIENT.toLowerCase());
    await form.getByLabel("Milestone 1 amount").fill("0");
    await form.getByRole("button", { name: "Create escrow" }).click();
    assert.match(await form.getByTestId("error-freelancer").innerText(), /can't hire yourself/);
    assert.match(await form.getByTestId("error-amount-0").innerText(), /more than zero/);
    await form.getByLabel("Milestone 1 amount").fill("1.1234567");
    await form.getByRole("button", { name: "Create escrow" }).click();
    assert.match(await form.getByTestId("error-amount-0").innerText(), /at most 6 digits/);
    await form.getByLabel("Milestone 1 amount").fill("5000");
    await form.getByLabel("Freelancer address").fill(FREELANCER);
    await form.getByRole("button", { name: "Create escrow" }).click();
    assert.match(await form.getByTestId("error-total").innerText(), /balance \(1,000 dUSD\) does not cover the total \(5,000 dUSD\)/);
    await shot(clientPage, "02-bad-input");
    const walletCalls = wallets.evmRequests.slice(before).map((r) => r.method);
    assert.ok(!walletCalls.includes("eth_sendTransaction"), `no transaction may be sent, got ${walletCalls}`);
    assert.equal(await form.getByTestId("tx-create").count(), 0);
  });

  it("creates an escrow of two dUSD milestones for the freelancer", async () => {
    const form = clientPage.getByTestId("create-escrow-form");
    await form.getByLabel("Freelancer address").fill(FREELANCER);
    assert.equal(await form.getByLabel("Token").locator("option:checked").innerText(), "dUSD");
    await form.getByLabel("Milestone 1 amount").fill("100");
    await form.getByRole("button", { name: "Add milestone" }).click();
    await form.getByLabel("Milestone 2 amount").fill("50.5");
    assert.equal(await form.getByTestId("create-total").innerText(), "150.5 dUSD");
    await form.getByRole("button", { name: "Create escrow" }).click();
    await expectConfirmed(form, "create");
    assert.match(await form.getByTestId("created-escrow").innerText(), /Escrow #1 created/);
  });

  it("lists the new escrow under My escrows, as the indexer has it", async () => {
    await cardStatus(clientPage, 1, "created");
    const card = escrowCard(clientPage, 1);
    assert.equal(await card.getByTestId("escrow-total").innerText(), "150.5 dUSD");
    assert.equal(await card.getByTestId("escrow-released").innerText(), "0 dUSD");
    assert.equal(await card.getByTestId("milestone-0").getAttribute("data-status"), "pending");
    const row = await indexedEscrow(1);
    assert.ok(row, "the indexer has escrow 1");
    assert.equal(row.client, CLIENT.toLowerCase());
    assert.equal(row.freelancer, FREELANCER.toLowerCase());
    assert.equal(row.token, dusdAddress.toLowerCase());
    assert.equal(row.total, "150500000");
    assert.deepEqual(row.amounts, ["100000000", "50500000"]);
    assert.equal(row.status, "created");
    await shot(clientPage, "03-created");
  });

  it("explains a revert in words: funding while the guardian has paused the protocol", async () => {
    const card = escrowCard(clientPage, 1);
    await card.getByRole("button", { name: "Approve 150.5 dUSD" }).click();
    await expectConfirmed(card, "approve-token");

    // The escrow's pauser is the multisig: its guardian (#0) pauses at once, nobody else can.
    await multisig.guardianPause(escrowAddress, localAccount(0));
    assert.equal(await admin.readContract({ address: escrowAddress, abi: abis.milestoneEscrowAbi, functionName: "paused" }), true);
    const sent = sentTransactions();
    await card.getByRole("button", { name: "Fund escrow" }).click();
    const outcome = await txOutcome(card, "fund");
    assert.equal(outcome.state, "failed");
    assert.match(outcome.text, /paused by its guardian: new escrows can't be created or funded right now/);
    assert.equal(sentTransactions(), sent, "the doomed call was caught by the simulation, before the wallet");
    await shot(clientPage, "04-fund-reverted-paused");

    // Unpausing is a Routine multisig operation: two owners sign it, #0 relays and queues it,
    // the 24 h timelock passes (evm_increaseTime + a mined block), then it executes.
    const unpause = { target: escrowAddress, value: 0n, data: encodeFunctionData({ abi: abis.milestoneEscrowAbi, functionName: "unpause" }), nonce: 1n };
    await multisig.run(unpause, [localAccount(1), localAccount(2)], localAccount(0));
    assert.equal(await multisig.state(unpause), OPERATION_STATE.Executed);
    assert.equal(await admin.readContract({ address: escrowAddress, abi: abis.milestoneEscrowAbi, functionName: "paused" }), false);
  });

  it("funds the escrow once the protocol is unpaused", async () => {
    const card = escrowCard(clientPage, 1);
    await card.getByRole("button", { name: "Fund escrow" }).click();
    await expectConfirmed(card, "fund");
    await cardStatus(clientPage, 1, "funded");
    const balance = await admin.readContract({ address: dusdAddress, abi: abis.demoStablecoinAbi, functionName: "balanceOf", args: [escrowAddress] });
    assert.equal(balance, 150_500_000n);
    await shot(clientPage, "05-funded");
  });

  it("lets the freelancer submit milestone 1 (after rejecting once in the wallet)", async () => {
    freelancerPage = await context.newPage();
    await connectEvm(freelancerPage, FREELANCER);
    await cardStatus(freelancerPage, 1, "funded");
    const card = escrowCard(freelancerPage, 1);
    const milestone = card.getByTestId("milestone-0");

    wallets.rejectNext(freelancerPage);
    await milestone.getByRole("button", { name: "Submit milestone 1" }).click();
    const rejected = await txOutcome(milestone, "submit-0");
    assert.equal(rejected.state, "failed");
    assert.match(rejected.text, /You rejected the request in your wallet/);

    await milestone.getByLabel("Deliverable for milestone 1 (link or hash, optional)").fill("https://example.org/design-v1.pdf");
    await milestone.getByRole("button", { name: "Submit milestone 1" }).click();
    await expectConfirmed(milestone, "submit-0");
    await milestoneStatus(freelancerPage, 1, 0, "submitted");
    assert.equal(await card.getByTestId("milestone-1").getAttribute("data-status"), "pending");
    await shot(freelancerPage, "06-freelancer-submitted");
  });

  it("lets the client approve and release milestone 1", async () => {
    await clientPage.bringToFront();
    await milestoneStatus(clientPage, 1, 0, "submitted");
    const milestone = escrowCard(clientPage, 1).getByTestId("milestone-0");
    await milestone.getByRole("button", { name: "Approve and release milestone 1" }).click();
    await expectConfirmed(milestone, "release-0");
    await milestoneStatus(clientPage, 1, 0, "released");
    const card = escrowCard(clientPage, 1);
    assert.equal(await card.getByTestId("escrow-released").innerText(), "100 dUSD");
    assert.equal(await card.getByTestId("escrow-status").getAttribute("data-status"), "funded");
    assert.match(await milestone.innerText(), /Paid 90 dUSD to the freelancer, 10 dUSD platform fee/);
    const row = await indexedEscrow(1);
    assert.equal(row?.status, "funded");
    assert.deepEqual(
      row?.milestones.items.map((m: { status: string; fee: string | null; payout: string | null }) => [m.status, m.fee, m.payout]),
      [
        ["released", "10000000", "90000000"],
        ["pending", null, null],
      ],
    );
    await shot(clientPage, "07-client-approved");
  });

  it("lets the freelancer withdraw the payout", async () => {
    await freelancerPage.bringToFront();
    const credit = freelancerPage.getByTestId("credit-dUSD");
    await credit.waitFor({ timeout: INDEXER_TIMEOUT });
    assert.match(await credit.innerText(), /90 dUSD/);
    await credit.getByRole("button", { name: "Withdraw dUSD" }).click();
    await expectConfirmed(credit, "withdraw-dUSD");
    const balance = await admin.readContract({ address: dusdAddress, abi: abis.demoStablecoinAbi, functionName: "balanceOf", args: [FREELANCER] });
    assert.equal(balance, 90_000_000n);
    await shot(freelancerPage, "08-freelancer-withdrew");
  });

  it("creates and funds a Stacks escrow in post-condition deny mode", async () => {
    await clientPage.bringToFront();
    await clientPage.getByRole("link", { name: "Stacks" }).click();
    await clientPage.getByRole("button", { name: "Connect Stacks wallet" }).click();
    // @stacks/connect's wallet picker lists the injected Leather provider as installed.
    await clientPage.getByRole("button", { name: "Connect", exact: true }).click();
    assert.equal(await clientPage.getByTestId("stacks-address").innerText(), FAKE_STX_ADDRESS);

    const form = clientPage.getByTestId("stacks-create-form");
    const calls = () => wallets.stacksCalls.filter((c) => c.method === "stx_callContract");
    await form.getByLabel("Freelancer Stacks address").fill(FAKE_STX_ADDRESS);
    await form.getByLabel("Milestone 1 amount").fill("10");
    await form.getByRole("button", { name: "Create STX escrow" }).click();
    assert.match(await form.getByTestId("stacks-freelancer-error").innerText(), /can't hire yourself/);
    assert.equal(calls().length, 0, "bad input never reaches the wallet");

    const freelancer = stacksEscrow.split(".")[0]!;
    await form.getByLabel("Freelancer Stacks address").fill(freelancer);
    await form.getByRole("button", { name: "Add milestone" }).click();
    await form.getByLabel("Milestone 2 amount").fill("2.5");
    await form.getByRole("button", { name: "Create STX escrow" }).click();
    const created = await txOutcome(form, "stacks-create");
    assert.equal(created.state, "sent", created.text);

    const [create] = calls();
    assert.ok(create?.params);
    assert.equal(create.params.contract, stacksEscrow);
    assert.equal(create.params.functionName, "create-escrow");
    assert.equal(create.params.postConditionMode, "deny");
    assert.deepEqual(create.params.postConditions, []);
    const args = (create.params.functionArgs as string[]).map((hex) => Cl.deserialize(hex));
    assert.deepEqual(args, [Cl.principal(freelancer), Cl.none(), Cl.list([Cl.uint(10_000_000n), Cl.uint(2_500_000n)])]);

    const fund = clientPage.getByRole("form", { name: "Fund a Stacks escrow" });
    await fund.getByLabel("Escrow number").fill("1");
    await fund.getByLabel("Escrow total (STX)").fill("12.5");
    await fund.getByRole("button", { name: "Fund STX escrow" }).click();
    assert.equal((await txOutcome(fund, "stacks-fund")).state, "sent");
    const funding = calls()[1];
    assert.ok(funding?.params);
    assert.equal(funding.params.functionName, "fund-escrow");
    assert.equal(funding.params.postConditionMode, "deny");
    assert.deepEqual(
      (funding.params.functionArgs as string[]).map((hex) => cvToValue(Cl.deserialize(hex))),
      [1n, null],
    );
    const conditions = (funding.params.postConditions as string[]).map((hex) => wireToPostCondition(deserializePostConditionWire(hex)));
    assert.deepEqual(conditions, [{ type: "stx-postcondition", address: FAKE_STX_ADDRESS, condition: "eq", amount: "12500000" }]);
    await shot(clientPage, "09-stacks");
  });

  it("sent no request to any host but 127.0.0.1", () => {
    const foreign = requested.filter((url) => {
      const { protocol, hostname } = new URL(url);
      if (protocol === "data:" || protocol === "blob:" || protocol === "about:") return false;
      return hostname !== "127.0.0.1" && hostname !== "localhost";
    });
    assert.deepEqual(foreign, []);
    assert.ok(requested.some((u) => u.startsWith(`${indexerUrl}/graphql`)), "the SPA read the indexer");
  });
});
