/**
 * End to end, in a real browser: the SPA against a Hardhat node, the LocalDemo deployment and the
 * Ponder indexer, with wallets injected into the page (./wallets.ts, fixture ./stack.ts).
 *
 * EVM: the client connects through RainbowKit, a bad form is refused inline, an escrow of two dUSD
 * milestones with due dates is created, a fund attempt while the guardian paused the protocol is
 * explained in words, the multisig unpauses it (two owners' EIP-712 signatures, 24 h timelock),
 * the escrow is approved + funded, the freelancer rejects once then submits milestone 1, an
 * outsider opening the freelancer's review link is refused before the wallet (and the contract's
 * revert, forced, reads the same), the client approves, the freelancer withdraws. Then the
 * freelancer disputes milestone 2, a non-arbiter is refused, the arbiter (account #5) rules 60/40
 * on `#/arbiter`, and both parties' credits show the exact fee math; the client rates the job. A
 * second escrow (1 h review period) is claimed by the freelancer once the node's clock passed the
 * review period, and its last milestone is settled on the client's signed offer (EIP-712 link)
 * accepted by the freelancer. Stacks: the page connects the injected Leather provider and sends
 * create-escrow (due dates, periods), fund-escrow, open-dispute and settle-milestone (on an offer
 * signed as SIP-018 structured data) in post-condition deny mode. No request leaves 127.0.0.1.
 *
 * Run: npx tsx --test test/e2e/escrow.test.ts   (screenshots in test-results/e2e/)
 */
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { Cl, cvToValue, deserializePostConditionWire, wireToPostCondition, type TupleCV } from "@stacks/transactions";
import type { Page } from "playwright-core";
import { createWalletClient, encodeFunctionData, hexToBytes, http, parseUnits, stringToHex, type Address } from "viem";
import { hardhat } from "viem/chains";
import { localAccount } from "../../scripts/dev/accounts.ts";
import { OPERATION_STATE } from "../../scripts/dev/multisigOps.ts";
import { ACTIONS } from "../../web/src/features/escrow/actions.ts";
import { explainError } from "../../web/src/tx/errors.ts";
import { foreignRequests, startStack, type E2eStack } from "./stack.ts";
import { FAKE_STX_ADDRESS, FAKE_STX_SIGNATURE } from "./wallets.ts";
import { eventually, expectConfirmed, INDEXER_TIMEOUT, txOutcome } from "./ui.ts";

const PORTS = { chain: 8547, indexer: 42071, web: 5174 };
const ADMIN = localAccount(0); // deployer, multisig guardian and owner
const CLIENT: Address = localAccount(1).address;
const FREELANCER: Address = localAccount(2).address;
const OUTSIDER = localAccount(4); // party to nothing here
const ARBITER: Address = localAccount(5).address; // holds ARBITER_ROLE on the local deployment
const HOUR = 3_600;

let s: E2eStack;
let stacksEscrow: string;
let clientPage: Page;
let freelancerPage: Page;
let outsiderPage: Page;
let arbiterPage: Page;

const usd = (n: string) => parseUnits(n, 6);
/** IMilestoneEscrow's split, computed here independently of the SPA: fee rounds up, the freelancer's share down. */
function split(amount: bigint, freelancerBps: bigint, feeBps: bigint) {
  const gross = (amount * freelancerBps) / 10_000n;
  const fee = (gross * feeBps + 9_999n) / 10_000n;
  return { fee, payout: gross - fee, refund: amount - gross };
}
/** "27.27 dUSD" for 27_270_000 units. */
const dusd = (units: bigint) => {
  const whole = units / 1_000_000n;
  const fraction = (units % 1_000_000n).toString().padStart(6, "0").replace(/0+$/, "");
  return `${whole.toLocaleString("en-US")}${fraction ? `.${fraction}` : ""} dUSD`;
};

/** A unix time as a date input's value, in this machine's time zone (the browser's too). */
const dateInput = (seconds: number) => {
  const d = new Date(seconds * 1000);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}`;
};

/** A date input's value as the SPA reads it: the end of that day (23:59:59) in the local time zone, in seconds. */
const endOfDay = (value: string) => {
  const [y, m, d] = value.split("-").map(Number) as [number, number, number];
  return BigInt(Math.floor(new Date(y, m - 1, d, 23, 59, 59).getTime() / 1000));
};
const stacksCalls = () => s.wallets.stacksCalls.filter((c) => c.method === "stx_callContract");

const sentTransactions = () => s.wallets.evmRequests.filter((r) => r.method === "eth_sendTransaction").length;
const requestsOf = (method: string) => s.wallets.evmRequests.filter((r) => r.method === method).length;
const escrowCard = (page: Page, id: number) => page.getByTestId(`escrow-eip155:31337-${id}`);
const credit = (account: Address) =>
  s.publicClient.readContract({ address: s.escrowAddress, abi: s.abis.milestoneEscrowAbi, functionName: "credits", args: [s.dusdAddress, account] });

async function cardStatus(page: Page, id: number, status: string) {
  await escrowCard(page, id).locator(`[data-testid="escrow-status"][data-status="${status}"]`).waitFor({ timeout: INDEXER_TIMEOUT });
}

async function milestoneStatus(page: Page, id: number, index: number, status: string) {
  await escrowCard(page, id).locator(`[data-testid="milestone-${index}"][data-status="${status}"]`).waitFor({ timeout: INDEXER_TIMEOUT });
}

/** The dUSD credit the page's "Your credits" shows, once it equals `expected`. */
async function shownCredit(page: Page, expected: string) {
  await eventually(async () => assert.equal(await page.getByTestId("credit-dUSD").getByTestId("credit-amount").innerText(), expected));
}

async function indexedEscrow(id: number) {
  const res = await fetch(`${s.indexerUrl}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({
      query: `{ escrow(id: "eip155:31337:${id}") { client freelancer token total status amounts dueDates reviewPeriod gracePeriod rating milestones { items { index status fee payout refund settledBy } } } }`,
    }),
  });
  const body = (await res.json()) as { data: { escrow: null | Record<string, any> } };
  return body.data.escrow;
}

/** Moves the node's clock forward and mines one block at the new time (the indexer sees it). */
async function timeTravel(seconds: number) {
  await s.testClient.increaseTime({ seconds });
  await s.testClient.request({ method: "evm_mine" } as never);
}

describe("milestone escrow in the browser", { timeout: 480_000 }, () => {
  before(async () => {
    s = await startStack({
      name: "escrow",
      ports: PORTS,
      prepare: async ({ abis, dusdAddress, publicClient, rpcUrl }) => {
        const admin = createWalletClient({ chain: hardhat, transport: http(rpcUrl), account: ADMIN });
        const mint = await admin.writeContract({ address: dusdAddress, abi: abis.demoStablecoinAbi, functionName: "mint", args: [CLIENT, usd("1000")] });
        await publicClient.waitForTransactionReceipt({ hash: mint });
        const { stacksDeployments } = (await import("../../generated/stacks.ts")) as {
          stacksDeployments: Record<string, { contracts: Record<string, string> }>;
        };
        stacksEscrow = stacksDeployments["stacks:2147483648"]!.contracts.escrow!;
      },
    });
    clientPage = s.firstPage;
  });

  after(async () => {
    await s?.close();
    if (s) console.log(`[e2e escrow] wall time ${s.seconds()} s`);
  });

  it("connects the client's wallet through RainbowKit", async () => {
    await s.connect(clientPage, CLIENT);
    await clientPage.getByTestId("no-escrows").waitFor({ timeout: INDEXER_TIMEOUT });
    await s.shot(clientPage, "01-client-connected");
  });

  it("explains bad input next to the fields and asks the wallet nothing", async () => {
    const before = s.wallets.evmRequests.length;
    const form = clientPage.getByTestId("create-escrow-form");
    const create = () => form.getByRole("button", { name: "Create escrow" }).click();
    await form.getByLabel("Freelancer address").fill(CLIENT.toLowerCase());
    await form.getByLabel("Milestone 1 amount").fill("0");
    await form.getByLabel("Milestone 1 due date").fill("2020-01-31");
    await form.getByLabel("Review period", { exact: true }).fill("31");
    await form.getByLabel("Grace period", { exact: true }).fill("30");
    await form.getByLabel("Grace period unit").selectOption("hours");
    await create();
    assert.match(await form.getByTestId("error-freelancer").innerText(), /can't hire yourself/);
    assert.match(await form.getByTestId("error-amount-0").innerText(), /more than zero/);
    assert.match(await form.getByTestId("error-due-0").innerText(), /must be in the future/);
    assert.match(await form.getByTestId("error-review").innerText(), /between 1 hour and 30 days \(31 days is too long\)/);
    assert.equal(await form.getByTestId("error-grace").count(), 0, "30 hours is a valid grace period");
    await form.getByLabel("Grace period", { exact: true }).fill("0");
    await form.getByLabel("Milestone 1 amount").fill("1.1234567");
    await create();
    assert.match(await form.getByTestId("error-amount-0").innerText(), /at most 6 digits/);
    assert.match(await form.getByTestId("error-grace").innerText(), /between 1 hour and 90 days \(0 hours is too short\)/);
    await form.getByLabel("Milestone 1 amount").fill("5000");
    await form.getByLabel("Freelancer address").fill(FREELANCER);
    await create();
    assert.match(await form.getByTestId("error-total").innerText(), /balance \(1,000 dUSD\) does not cover the total \(5,000 dUSD\)/);
    await s.shot(clientPage, "02-bad-input");
    const walletCalls = s.wallets.evmRequests.slice(before).map((r) => r.method);
    assert.ok(!walletCalls.includes("eth_sendTransaction"), `no transaction may be sent, got ${walletCalls}`);
    assert.equal(await form.getByTestId("tx-create").count(), 0);
    // Back to valid values for the next test: due in two weeks, 7 days of review, 14 days of grace.
    await form.getByLabel("Milestone 1 due date").fill(dateInput(Number((await s.publicClient.getBlock()).timestamp) + 14 * 24 * HOUR));
    await form.getByLabel("Review period", { exact: true }).fill("7");
    await form.getByLabel("Grace period", { exact: true }).fill("14");
    await form.getByLabel("Grace period unit").selectOption("days");
  });

  it("creates an escrow of two dUSD milestones with due dates for the freelancer", async () => {
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
    await eventually(async () => assert.equal(await card.getByTestId("escrow-total").innerText(), "150.5 dUSD"));
    assert.equal(await card.getByTestId("escrow-released").innerText(), "0 dUSD");
    assert.equal(await card.getByTestId("milestone-0").getAttribute("data-status"), "pending");
    const row = await indexedEscrow(1);
    assert.ok(row, "the indexer has escrow 1");
    assert.equal(row.client, CLIENT.toLowerCase());
    assert.equal(row.freelancer, FREELANCER.toLowerCase());
    assert.equal(row.token, s.dusdAddress.toLowerCase());
    assert.equal(row.total, "150500000");
    assert.deepEqual(row.amounts, ["100000000", "50500000"]);
    assert.equal(row.reviewPeriod, 7 * 24 * HOUR);
    assert.equal(row.gracePeriod, 14 * 24 * HOUR);
    const [due1, due2] = (row.dueDates as string[]).map(Number);
    const now = Number((await s.publicClient.getBlock()).timestamp);
    assert.ok(due1! > now + 13 * 24 * HOUR && due1! <= now + 15 * 24 * HOUR, `milestone 1 due about two weeks out (${due1} vs ${now})`);
    assert.ok(due2! - due1! >= 6 * 24 * HOUR && due2! - due1! <= 8 * 24 * HOUR, "milestone 2 due a week later");
    assert.equal(row.status, "created");
    await s.shot(clientPage, "03-created");
  });

  it("explains a revert in words: funding while the guardian has paused the protocol", async () => {
    const card = escrowCard(clientPage, 1);
    await card.getByRole("button", { name: "Approve 150.5 dUSD" }).click();
    await expectConfirmed(card, "approve-token");

    // The escrow's pauser is the multisig: its guardian (#0) pauses at once, nobody else can.
    await s.multisig.guardianPause(s.escrowAddress, ADMIN);
    assert.equal(await s.publicClient.readContract({ address: s.escrowAddress, abi: s.abis.milestoneEscrowAbi, functionName: "paused" }), true);
    const sent = sentTransactions();
    await card.getByRole("button", { name: "Fund escrow" }).click();
    const outcome = await txOutcome(card, "fund");
    assert.equal(outcome.state, "failed");
    assert.match(outcome.text, /paused by its guardian: new escrows can't be created or funded right now/);
    assert.equal(sentTransactions(), sent, "the doomed call was caught by the simulation, before the wallet");
    await s.shot(clientPage, "04-fund-reverted-paused");

    // Unpausing is a Routine multisig operation: two owners sign it, #0 relays and queues it,
    // the 24 h timelock passes (evm_increaseTime + a mined block), then it executes.
    const unpause = { target: s.escrowAddress, value: 0n, data: encodeFunctionData({ abi: s.abis.milestoneEscrowAbi, functionName: "unpause" }), nonce: 1n };
    await s.multisig.run(unpause, [localAccount(1), localAccount(2)], ADMIN);
    assert.equal(await s.multisig.state(unpause), OPERATION_STATE.Executed);
    assert.equal(await s.publicClient.readContract({ address: s.escrowAddress, abi: s.abis.milestoneEscrowAbi, functionName: "paused" }), false);
  });

  it("funds the escrow once the protocol is unpaused", async () => {
    const card = escrowCard(clientPage, 1);
    await card.getByRole("button", { name: "Fund escrow" }).click();
    await expectConfirmed(card, "fund");
    await cardStatus(clientPage, 1, "funded");
    const balance = await s.publicClient.readContract({
      address: s.dusdAddress,
      abi: s.abis.demoStablecoinAbi,
      functionName: "balanceOf",
      args: [s.escrowAddress],
    });
    assert.equal(balance, 150_500_000n);
    await s.shot(clientPage, "05-funded");
  });

  it("lets the freelancer submit milestone 1 (after rejecting once in the wallet)", async () => {
    freelancerPage = await s.context.newPage();
    await s.connect(freelancerPage, FREELANCER);
    await cardStatus(freelancerPage, 1, "funded");
    const card = escrowCard(freelancerPage, 1);
    const milestone = card.getByTestId("milestone-0");
    assert.equal(await card.getByRole("button", { name: /^Approve and release/ }).count(), 0, "the freelancer is offered no approval");

    s.wallets.rejectNext(freelancerPage);
    await milestone.getByRole("button", { name: "Submit milestone 1" }).click();
    const rejected = await txOutcome(milestone, "submit-0");
    assert.equal(rejected.state, "failed");
    assert.match(rejected.text, /You rejected the request in your wallet/);

    await milestone.getByLabel("Deliverable for milestone 1 (link or hash, optional)").fill("https://example.org/design-v1.pdf");
    await milestone.getByRole("button", { name: "Submit milestone 1" }).click();
    await expectConfirmed(milestone, "submit-0");
    await milestoneStatus(freelancerPage, 1, 0, "submitted");
    assert.equal(await card.getByTestId("milestone-1").getAttribute("data-status"), "pending");
    // The freelancer may claim only after the client's 7-day review period.
    assert.equal(await milestone.getByRole("button", { name: "Claim milestone 1" }).isDisabled(), true);
    assert.match(await milestone.getByTestId("claim-gate-0").innerText(), /^available in (7 d 00:00:00|6 d 23:5\d:\d\d)$/);
    await s.shot(freelancerPage, "06-freelancer-submitted");
  });

  it("refuses an outsider's approval of the milestone in words, before the wallet; the forced revert reads the same", async () => {
    const milestone = escrowCard(freelancerPage, 1).getByTestId("milestone-0");
    await milestone.getByRole("button", { name: "Ask the client to review" }).click();
    const link = await milestone.getByTestId("review-link-0").inputValue();
    assert.equal(link, `${s.webUrl}/#/escrow/eip155:31337/1?review=1`);

    outsiderPage = await s.context.newPage();
    await s.connect(outsiderPage, OUTSIDER.address, link.slice(link.indexOf("#")));
    const panel = outsiderPage.getByTestId("review-panel");
    await panel.getByRole("button", { name: "Approve and release milestone 1" }).waitFor({ timeout: INDEXER_TIMEOUT });
    assert.equal(await outsiderPage.getByTestId("escrow-party").innerText(), "an observer");
    const before = s.wallets.evmRequests.length;
    await panel.getByRole("button", { name: "Approve and release milestone 1" }).click();
    const refused = await txOutcome(panel, "review-approve");
    assert.equal(refused.state, "failed");
    const sentence = `Only the client of escrow #1 can approve its milestones; you are signed in as ${OUTSIDER.address}.`;
    assert.equal(refused.text, `Approve milestone 1: failed — ${sentence}`);
    assert.deepEqual(
      s.wallets.evmRequests.slice(before).map((r) => r.method),
      [],
      "the wallet was asked nothing",
    );
    await s.shot(outsiderPage, "07-outsider-refused");

    // Forced past the page, the contract refuses it too, and the SPA's explanation of that revert is the same sentence.
    const outsider = createWalletClient({ chain: hardhat, transport: http(s.rpcUrl), account: OUTSIDER });
    const forced = await outsider
      .writeContract({ address: s.escrowAddress, abi: s.abis.milestoneEscrowAbi, functionName: "approveMilestone", args: [1n, 0n] })
      .then(
        () => assert.fail("the contract accepted an outsider's approval"),
        (error: unknown) => error,
      );
    assert.equal(explainError(forced, { action: ACTIONS.approve }), sentence);
    await outsiderPage.close();
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
    await s.shot(clientPage, "08-client-approved");
  });

  it("lets the freelancer withdraw the payout", async () => {
    await freelancerPage.bringToFront();
    await shownCredit(freelancerPage, "90 dUSD");
    const row = freelancerPage.getByTestId("credit-dUSD");
    await row.getByRole("button", { name: "Withdraw dUSD" }).click();
    await expectConfirmed(row, "withdraw-dUSD");
    const balance = await s.publicClient.readContract({ address: s.dusdAddress, abi: s.abis.demoStablecoinAbi, functionName: "balanceOf", args: [FREELANCER] });
    assert.equal(balance, 90_000_000n);
    await s.shot(freelancerPage, "09-freelancer-withdrew");
  });

  it("lets the freelancer dispute milestone 2 with a reason", async () => {
    const milestone = escrowCard(freelancerPage, 1).getByTestId("milestone-1");
    await milestone.getByRole("button", { name: "Dispute milestone 2…" }).click();
    await milestone.getByLabel(/^Reason/).fill("Client ignores my messages");
    await milestone.getByRole("button", { name: "Open dispute on milestone 2" }).click();
    await expectConfirmed(milestone, "dispute-1");
    await milestoneStatus(freelancerPage, 1, 1, "disputed");
    await eventually(async () =>
      assert.match(await milestone.getByTestId("milestone-dispute").innerText(), /Disputed by the freelancer \(you\) .* reason: “Client ignores my messages”/),
    );
    assert.match(await escrowCard(freelancerPage, 1).getByTestId("escrow-status").innerText(), /Funded · 1 disputed/);
    await s.shot(freelancerPage, "10-freelancer-disputed");
  });

  it("refuses a ruling by an account without ARBITER_ROLE, in words, before the wallet", async () => {
    await clientPage.bringToFront();
    await clientPage.getByRole("link", { name: "Disputes" }).click();
    const role = clientPage.getByTestId("arbiter-role");
    await clientPage.locator('[data-testid="arbiter-role"][data-role="not-arbiter"]').waitFor();
    assert.match(await role.innerText(), new RegExp(`your account ${CLIENT} does not hold ARBITER_ROLE`));
    const card = clientPage.getByTestId("dispute-eip155:31337-1-1");
    await card.waitFor({ timeout: INDEXER_TIMEOUT });
    await card.getByLabel("Freelancer's share (%)").fill("100");
    const sent = sentTransactions();
    await card.getByRole("button", { name: /^Rule/ }).click();
    const refused = await txOutcome(card, "rule");
    assert.equal(refused.state, "failed");
    assert.match(refused.text, new RegExp(`Only accounts holding ARBITER_ROLE can rule disputes: your account ${CLIENT} does not hold it\\.`));
    assert.equal(sentTransactions(), sent);
    await clientPage.getByRole("link", { name: "Escrows", exact: true }).click();
  });

  it("lets the arbiter (#5) rule 60% to the freelancer, with the fee math previewed", async () => {
    arbiterPage = await s.context.newPage();
    await s.connect(arbiterPage, ARBITER, "#/arbiter");
    await arbiterPage.locator('[data-testid="arbiter-role"][data-role="arbiter"]').waitFor();
    const card = arbiterPage.getByTestId("dispute-eip155:31337-1-1");
    await card.waitFor({ timeout: INDEXER_TIMEOUT });
    assert.equal(await card.getByTestId("dispute-amount").innerText(), "50.5 dUSD");
    assert.equal(await card.getByTestId("dispute-opened-by").innerText(), "the freelancer");
    assert.equal(await card.getByTestId("dispute-reason").innerText(), "“Client ignores my messages”");
    assert.match(await card.innerText(), /0x7099…79c8/i);
    assert.match(await card.innerText(), /0x3c44…93bc/i);

    const expected = split(50_500_000n, 6_000n, 1_000n);
    await card.getByLabel("Freelancer's share (%)").fill("60");
    assert.equal(await card.getByTestId("preview-payout").innerText(), dusd(expected.payout));
    assert.equal(await card.getByTestId("preview-fee").innerText(), dusd(expected.fee));
    assert.equal(await card.getByTestId("preview-refund").innerText(), dusd(expected.refund));
    await s.shot(arbiterPage, "11-arbiter-preview");
    await card.getByRole("button", { name: "Rule 60% to the freelancer" }).click();
    await expectConfirmed(card, "rule");
    await arbiterPage.getByTestId("no-disputes").waitFor({ timeout: INDEXER_TIMEOUT });
    assert.match(await arbiterPage.getByTestId("ruled-disputes").innerText(), /#1 · 2\s+.*60%/);
    await s.shot(arbiterPage, "12-arbiter-ruled");
  });

  it("shows both parties the exact credits of the ruling; the escrow is completed and the client rates it", async () => {
    const expected = split(50_500_000n, 6_000n, 1_000n); // fee 3.03, payout 27.27, refund 20.2
    assert.deepEqual(expected, { fee: 3_030_000n, payout: 27_270_000n, refund: 20_200_000n });
    assert.equal(await credit(FREELANCER), expected.payout);
    assert.equal(await credit(CLIENT), expected.refund);
    const { evmContract } = await import("../../generated/deployments.ts");
    const feeSplitter = evmContract("eip155:31337", "FeeSplitter"); // the escrow's fee recipient: it splits fees 70/30
    assert.equal(await credit(feeSplitter), 10_000_000n + expected.fee, "the fee recipient (the FeeSplitter) got both fees");

    await freelancerPage.bringToFront();
    await shownCredit(freelancerPage, "27.27 dUSD");
    await milestoneStatus(freelancerPage, 1, 1, "resolved");
    assert.match(
      await escrowCard(freelancerPage, 1).getByTestId("milestone-1").getByTestId("milestone-paid").innerText(),
      /^Ruled by 0x9965…a4dc: 60% to the freelancer — 27\.27 dUSD paid to the freelancer, 3\.03 dUSD platform fee, 20\.2 dUSD back to the client\.$/i,
    );
    const history = freelancerPage.getByTestId("work-history");
    await eventually(async () => assert.equal(await history.getByTestId("history-disputes").innerText(), "1 opened, 0 lost (ruled below half)"));
    assert.equal(await history.getByTestId("history-completed").innerText(), "1");
    assert.equal(await history.getByTestId("history-earned").innerText(), "Earned (net of fees): 117.27 dUSD");

    await clientPage.bringToFront();
    await cardStatus(clientPage, 1, "completed");
    await shownCredit(clientPage, "20.2 dUSD");
    const card = escrowCard(clientPage, 1);
    await card.getByTestId("rate-job").getByLabel("4 stars").check();
    await card.getByRole("button", { name: "Rate job" }).click();
    await expectConfirmed(card, "rate");
    await eventually(async () => assert.equal(await card.getByTestId("escrow-rating").innerText(), "★★★★☆ (4/5)"));
    assert.equal(await card.getByTestId("rate-job").count(), 0, "a job is rated once");
    assert.equal((await indexedEscrow(1))?.rating, 4);
    await s.shot(clientPage, "13-completed-rated");
  });

  it("lets the freelancer claim a milestone once the node's clock passed the 1 h review period", async () => {
    const form = clientPage.getByTestId("create-escrow-form");
    await form.getByLabel("Freelancer address").fill(FREELANCER);
    await form.getByLabel("Milestone 1 amount").fill("40");
    await form.getByRole("button", { name: "Add milestone" }).click();
    await form.getByLabel("Milestone 2 amount").fill("60");
    await form.getByLabel("Review period", { exact: true }).fill("1");
    await form.getByLabel("Review period unit").selectOption("hours");
    await form.getByRole("button", { name: "Create escrow" }).click();
    await expectConfirmed(form, "create");
    await cardStatus(clientPage, 2, "created");
    const card = escrowCard(clientPage, 2);
    await card.getByRole("button", { name: "Approve 100 dUSD" }).click();
    await expectConfirmed(card, "approve-token");
    await card.getByRole("button", { name: "Fund escrow" }).click();
    await expectConfirmed(card, "fund");

    await freelancerPage.bringToFront();
    await cardStatus(freelancerPage, 2, "funded");
    const milestone = escrowCard(freelancerPage, 2).getByTestId("milestone-0");
    await milestone.getByRole("button", { name: "Submit milestone 1" }).click();
    await expectConfirmed(milestone, "submit-0");
    await milestoneStatus(freelancerPage, 2, 0, "submitted");
    const claim = milestone.getByRole("button", { name: "Claim milestone 1" });
    assert.equal(await claim.isDisabled(), true, "not during the client's review period");
    assert.match(await milestone.getByTestId("claim-gate-0").innerText(), /^available in 00:(59|60):\d\d|01:00:00$/);

    await timeTravel(HOUR);
    await milestone.locator('[data-testid="claim-gate-0"][data-open="true"]').waitFor();
    await claim.click();
    await expectConfirmed(milestone, "claim-0");
    await milestoneStatus(freelancerPage, 2, 0, "released");
    assert.match(
      await milestone.getByTestId("milestone-paid").innerText(),
      /^Paid 36 dUSD to the freelancer, 4 dUSD platform fee \(claimed after the review period\)\.$/,
    );
    assert.equal(await milestone.getByTestId("milestone-status").innerText(), "Claimed");
    await shownCredit(freelancerPage, "63.27 dUSD");
    await s.shot(freelancerPage, "14-claimed");
  });

  it("settles the last milestone on the client's signed offer, accepted by the freelancer from the link", async () => {
    await clientPage.bringToFront();
    const milestone = escrowCard(clientPage, 2).getByTestId("milestone-1");
    await milestone.getByRole("button", { name: "Offer a settlement…" }).click();
    const offer = milestone.getByTestId("offer-form-1");
    await offer.getByLabel("Freelancer's share of milestone 2 (%)").fill("25");
    const expected = split(60_000_000n, 2_500n, 1_000n); // payout 13.5, fee 1.5, refund 45
    assert.equal(
      await offer.getByTestId("offer-preview").innerText(),
      `Of 60 dUSD: ${dusd(expected.payout)} to the freelancer, ${dusd(expected.fee)} platform fee, ${dusd(expected.refund)} back to the client.`,
    );
    const signatures = requestsOf("eth_signTypedData_v4");
    const transactions = sentTransactions();
    await offer.getByRole("button", { name: "Sign offer" }).click();
    const link = await offer.getByTestId("offer-link").inputValue();
    assert.equal(requestsOf("eth_signTypedData_v4"), signatures + 1, "the client signed the offer's typed data");
    assert.equal(sentTransactions(), transactions, "signing an offer sends no transaction");
    assert.match(link, new RegExp(`^${s.webUrl}/#/escrow/eip155:31337/2\\?offer=1\\.2500\\.0\\.\\d+\\.0x[0-9a-fA-F]{40}\\.0x[0-9a-f]{130}$`));
    await s.shot(clientPage, "15-offer-signed");

    await freelancerPage.bringToFront();
    await freelancerPage.goto(link);
    const panel = freelancerPage.getByTestId("offer-panel");
    await panel.getByRole("button", { name: "Accept and settle milestone 2" }).waitFor({ timeout: INDEXER_TIMEOUT });
    assert.equal(await panel.getByTestId("offer-share").innerText(), "25%");
    assert.equal(await panel.getByTestId("offer-payout").innerText(), dusd(expected.payout));
    assert.equal(await panel.getByTestId("offer-fee").innerText(), dusd(expected.fee));
    assert.equal(await panel.getByTestId("offer-refund").innerText(), dusd(expected.refund));
    await s.shot(freelancerPage, "16-offer-received");
    await panel.getByRole("button", { name: "Accept and settle milestone 2" }).click();
    await expectConfirmed(panel, "settle");
    await milestoneStatus(freelancerPage, 2, 1, "resolved");
    await cardStatus(freelancerPage, 2, "completed");
    await eventually(async () =>
      assert.equal(await panel.getByTestId("offer-problem").innerText(), "Escrow #2 is completed: there is nothing left to settle."),
    );
    await eventually(async () =>
      assert.equal(
        await freelancerPage.locator('[data-testid="timeline-event"][data-kind="MilestoneSettled"]').getByTestId("timeline-text").innerText(),
        `Milestone 2 settled by agreement (accepted by the freelancer (you)): 25% to the freelancer — ${dusd(expected.payout)} paid, ${dusd(expected.fee)} fee, ${dusd(expected.refund)} back to the client.`,
      ),
    );
    assert.equal(
      await s.publicClient.readContract({ address: s.escrowAddress, abi: s.abis.milestoneEscrowAbi, functionName: "nonces", args: [CLIENT] }),
      1n,
      "the client's offer nonce is used up",
    );
    assert.equal(await credit(FREELANCER), 27_270_000n + 36_000_000n + expected.payout);
    assert.equal(await credit(CLIENT), 20_200_000n + expected.refund);
    await freelancerPage.getByRole("link", { name: "Escrows", exact: true }).click();
    await shownCredit(freelancerPage, "76.77 dUSD");
    await clientPage.bringToFront();
    await shownCredit(clientPage, "65.2 dUSD");
    await s.shot(freelancerPage, "17-settled");
  });

  it("creates and funds a Stacks escrow in post-condition deny mode", async () => {
    await clientPage.bringToFront();
    await clientPage.getByRole("link", { name: "Stacks" }).click();
    await clientPage.getByRole("button", { name: "Connect Stacks wallet" }).click();
    // @stacks/connect's wallet picker lists the injected Leather provider as installed.
    await clientPage.getByRole("button", { name: "Connect", exact: true }).click();
    assert.equal(await clientPage.getByTestId("stacks-address").innerText(), FAKE_STX_ADDRESS);

    const form = clientPage.getByTestId("stacks-create-form");
    await form.getByLabel("Freelancer Stacks address").fill(FAKE_STX_ADDRESS);
    await form.getByLabel("Milestone 1 amount").fill("10");
    await form.getByRole("button", { name: "Create STX escrow" }).click();
    assert.match(await form.getByTestId("stacks-freelancer-error").innerText(), /can't hire yourself/);
    assert.equal(stacksCalls().length, 0, "bad input never reaches the wallet");

    const freelancer = stacksEscrow.split(".")[0]!;
    await form.getByLabel("Freelancer Stacks address").fill(freelancer);
    await form.getByRole("button", { name: "Add milestone" }).click();
    await form.getByLabel("Milestone 2 amount").fill("2.5");
    await form.getByLabel("Review period", { exact: true }).fill("36");
    await form.getByLabel("Review period unit").selectOption("hours");
    await form.getByRole("button", { name: "Create STX escrow" }).click();
    const created = await txOutcome(form, "stacks-create");
    assert.equal(created.state, "sent", created.text);

    const [create] = stacksCalls();
    assert.ok(create?.params);
    assert.equal(create.params.contract, stacksEscrow);
    assert.equal(create.params.functionName, "create-escrow");
    assert.equal(create.params.postConditionMode, "deny");
    assert.deepEqual(create.params.postConditions, []);
    const due = async (n: number) => endOfDay(await form.getByLabel(`Milestone ${n} due date`).inputValue());
    const args = (create.params.functionArgs as string[]).map((hex) => Cl.deserialize(hex));
    assert.deepEqual(args, [
      Cl.principal(freelancer),
      Cl.none(),
      Cl.list([
        Cl.tuple({ amount: Cl.uint(10_000_000n), "due-date": Cl.uint(await due(1)) }),
        Cl.tuple({ amount: Cl.uint(2_500_000n), "due-date": Cl.uint(await due(2)) }),
      ]),
      Cl.uint(36 * HOUR),
      Cl.uint(14 * 24 * HOUR),
      Cl.none(),
    ]);

    const fund = clientPage.getByRole("form", { name: "Fund a Stacks escrow" });
    await fund.getByLabel("Escrow number").fill("1");
    await fund.getByLabel("Escrow total (STX)").fill("12.5");
    await fund.getByRole("button", { name: "Fund STX escrow" }).click();
    assert.equal((await txOutcome(fund, "stacks-fund")).state, "sent");
    const funding = stacksCalls()[1];
    assert.ok(funding?.params);
    assert.equal(funding.params.functionName, "fund-escrow");
    assert.equal(funding.params.postConditionMode, "deny");
    assert.deepEqual(
      (funding.params.functionArgs as string[]).map((hex) => cvToValue(Cl.deserialize(hex))),
      [1n, null],
    );
    const conditions = (funding.params.postConditions as string[]).map((hex) => wireToPostCondition(deserializePostConditionWire(hex)));
    assert.deepEqual(conditions, [{ type: "stx-postcondition", address: FAKE_STX_ADDRESS, condition: "eq", amount: "12500000" }]);
    await s.shot(clientPage, "18-stacks");
  });

  it("disputes a Stacks milestone and settles another on a signed SIP-018 offer, moving nothing (deny mode)", async () => {
    const dispute = clientPage.getByRole("form", { name: "Dispute a milestone" });
    await dispute.getByLabel("Escrow number").fill("1");
    await dispute.getByLabel("Milestone number").fill("1");
    await dispute.getByLabel(/^Reason/).fill("Scope changed");
    await dispute.getByRole("button", { name: "Open dispute" }).click();
    assert.equal((await txOutcome(dispute, "stacks-dispute")).state, "sent");
    const opened = stacksCalls().at(-1)!;
    assert.equal(opened.params?.functionName, "open-dispute");
    assert.equal(opened.params?.postConditionMode, "deny");
    assert.deepEqual(opened.params?.postConditions, []);
    assert.deepEqual(
      (opened.params?.functionArgs as string[]).map((hex) => Cl.deserialize(hex)),
      [Cl.uint(1n), Cl.uint(0n), Cl.buffer(hexToBytes(stringToHex("Scope changed", { size: 32 })))],
    );

    const offer = clientPage.getByTestId("stacks-offer-form");
    await offer.getByLabel("Escrow number").fill("1");
    await offer.getByLabel("Milestone number").fill("2");
    await offer.getByLabel("Freelancer's share (%)").fill("40");
    await offer.getByLabel(/^Your offer number/).fill("0");
    await offer.getByRole("button", { name: "Sign offer" }).click();
    const text = await offer.getByTestId("stacks-offer").inputValue();
    const signing = s.wallets.stacksCalls.filter((c) => c.method === "stx_signStructuredMessage");
    assert.equal(signing.length, 1);
    const domain = Cl.deserialize(signing[0]!.params!.domain as string);
    const message = Cl.deserialize(signing[0]!.params!.message as string) as TupleCV;
    assert.deepEqual(domain, Cl.tuple({ name: Cl.stringAscii("Worx MilestoneEscrow"), version: Cl.stringAscii("1"), "chain-id": Cl.uint(2_147_483_648n) }));
    const deadline = BigInt(cvToValue(message.value.deadline!) as bigint);
    const [address, name] = stacksEscrow.split(".");
    assert.deepEqual(
      message,
      Cl.tuple({
        escrow: Cl.contractPrincipal(address!, name!),
        "escrow-id": Cl.uint(1n),
        index: Cl.uint(1n),
        "freelancer-bps": Cl.uint(4_000n),
        nonce: Cl.uint(0n),
        deadline: Cl.uint(deadline),
      }),
    );
    assert.ok(Math.abs(Number(deadline) - (Date.now() / 1000 + 7 * 24 * HOUR)) < 120, "valid for 7 days");
    assert.equal(text, `1.1.4000.0.${deadline}.${FAKE_STX_ADDRESS}.0x${FAKE_STX_SIGNATURE}`);

    const accept = clientPage.getByRole("form", { name: "Accept a Stacks settlement offer" });
    await accept.getByLabel("Offer text").fill(text);
    assert.match(await accept.getByTestId("stacks-offer-summary").innerText(), /Escrow #1, milestone 2: 40% to the freelancer/);
    await accept.getByRole("button", { name: "Accept and settle" }).click();
    assert.equal((await txOutcome(accept, "stacks-settle")).state, "sent");
    const settle = stacksCalls().at(-1)!;
    assert.equal(settle.params?.functionName, "settle-milestone");
    assert.equal(settle.params?.postConditionMode, "deny");
    assert.deepEqual(settle.params?.postConditions, []);
    assert.deepEqual(
      (settle.params?.functionArgs as string[]).map((hex) => Cl.deserialize(hex)),
      [Cl.uint(1n), Cl.uint(1n), Cl.uint(4_000n), Cl.uint(deadline), Cl.buffer(hexToBytes(`0x${FAKE_STX_SIGNATURE}`))],
    );
    await s.shot(clientPage, "19-stacks-dispute-offer");
  });

  it("sent no request to any host but 127.0.0.1", () => {
    assert.deepEqual(foreignRequests(s.requested), []);
    assert.ok(
      s.requested.some((u) => u.startsWith(`${s.indexerUrl}/graphql`)),
      "the SPA read the indexer",
    );
  });
});
