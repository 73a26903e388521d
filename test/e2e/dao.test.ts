/**
 * The DAO end to end, in a real browser: WorxToken, WorxGovernor, TimelockController (the
 * treasury), FeeSplitter and WorkRewards on the LocalDemo deployment (voting delay 1 h, period
 * 1 day, threshold 100 WORX, quorum 4%, timelock 1 h), the Ponder indexer and the SPA (fixture
 * ./stack.ts, its own ports), wallets injected per page (./wallets.ts, transactions signed by the
 * node for the page's account).
 *
 * Before indexing, through viem: bob (#2) completes three 100 dUSD jobs for alice (#1) and dave (#4)
 * one 50 dUSD job for carol (#3); their WORX rewards are claimed (1 WORX per dUSD to the
 * freelancer, half of it to the client: bob 300, alice 150, dave 50, carol 25), bob, alice and dave
 * delegate to themselves; the escrow's fees (10%: 35 dUSD) are collected by the FeeSplitter and 70%
 * (24.5 dUSD) released to the treasury.
 *
 * In the browser: bob proposes "transfer 20 dUSD to carol" (an amount above the treasury's balance
 * is refused next to the field first); the builder previews a parameter change
 * (FeeSplitter.setDaoShare) and an arbitrary call from the registry (WorkRewards.setClientShare)
 * in words and refuses a bad value before the wallet; bob proposes the latter and the guardian
 * (#0, the protocol's guardian account) cancels it in the browser while it is pending; dave (50 WORX of votes, below the 100 WORX threshold) is
 * refused before the wallet with the reason in words; after the voting delay bob and alice vote
 * For, and the guardian's cancel is now refused before the wallet; after the voting period anyone queues it; execute before the timelock's eta is refused with
 * the countdown's date, after it the proposal executes and the treasury page shows 4.5 dUSD (the
 * chain agrees, and carol got 20 dUSD). New fees (a 40 dUSD job: 2.8 dUSD for the treasury) are
 * released from the treasury page, whose balance grows by exactly that. Bob stakes 50 WORX for 90 days, sees the position with its
 * unlock date, and an unstake before unlock is refused with a sentence (the contract's own revert
 * reads the same way); his profile shows his staking power and boost. No request leaves 127.0.0.1.
 *
 * Run: npx tsx --test --test-reporter=spec test/e2e/dao.test.ts   (screenshots: test-results/e2e/dao-*.png)
 */
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { Page } from "playwright-core";
import { createWalletClient, http, keccak256, parseEther, parseUnits, toBytes, type Address, type Hash } from "viem";
import { hardhat } from "viem/chains";
import { localAccount } from "../../scripts/dev/accounts.ts";
import { explainError } from "../../web/src/tx/errors.ts";
import { foreignRequests, startStack, type ChainHandles, type E2eStack } from "./stack.ts";
import { eventually, expectConfirmed, INDEXER_TIMEOUT, txOutcome } from "./ui.ts";

const PORTS = { chain: 8552, indexer: 42083, web: 5177 };
const ALICE = localAccount(1);
const BOB = localAccount(2);
const CAROL = localAccount(3);
const DAVE = localAccount(4);
const GUARDIAN = localAccount(0);
const STATE = { Pending: 0, Active: 1, Canceled: 2 } as const;
const HOUR = 3_600;
const DAY = 86_400;
const dusd = (n: string) => parseUnits(n, 6);
const WORX = (n: string) => parseEther(n);

let s: E2eStack;
let dao: { token: Address; governor: Address; timelock: Address; splitter: Address; rewards: Address };
let bobPage: Page;
let alicePage: Page;
let davePage: Page;
let guardianPage: Page;
let proposalUrl: string;
let guardedHash: string;

const sent = () => s.wallets.evmRequests.filter((r) => r.method === "eth_sendTransaction").length;

async function advance(seconds: number) {
  await s.testClient.increaseTime({ seconds });
  await s.testClient.mine({ blocks: 1 });
}

async function read<T>(address: Address, abi: readonly unknown[], functionName: string, args: readonly unknown[] = []): Promise<T> {
  return (await s.publicClient.readContract({ address, abi, functionName, args } as never)) as T;
}

/** Rewards, delegations and a funded treasury, all before the indexer starts. */
async function prepare(chain: ChainHandles) {
  const { evmContract } = await import("../../generated/deployments.ts");
  const { seedCompletedJobs } = await import("../../scripts/dev/seed.ts");
  const at = (name: string) => evmContract("eip155:31337", name);
  dao = { token: at("WorxToken"), governor: at("WorxGovernor"), timelock: at("TimelockController"), splitter: at("FeeSplitter"), rewards: at("WorkRewards") };
  const { abis, publicClient, rpcUrl } = chain;
  const transport = http(rpcUrl);
  const send = async (account: typeof BOB, address: Address, abi: readonly unknown[], functionName: string, args: readonly unknown[]) => {
    const hash: Hash = await createWalletClient({ chain: hardhat, transport, account }).writeContract({ address, abi, functionName, args } as never);
    assert.equal((await publicClient.waitForTransactionReceipt({ hash })).status, "success", `${functionName} succeeded`);
  };
  const bobJobs = await seedCompletedJobs(rpcUrl, { client: 1, freelancer: 2, count: 3, rating: 5 });
  const daveJobs = await seedCompletedJobs(rpcUrl, { client: 3, freelancer: 4, count: 1, rating: 4, amount: 50 });
  for (const id of [...bobJobs, ...daveJobs]) await send(BOB, dao.rewards, abis.workRewardsAbi, "claimWorkReward", [id]);
  for (const who of [BOB, ALICE, DAVE]) await send(who, dao.token, abis.worxTokenAbi, "delegate", [who.address]);
  // The escrow credited its fees to the splitter: collect them, split 70/30, release the DAO's share.
  await send(CAROL, dao.splitter, abis.feeSplitterAbi, "collect", [chain.escrowAddress, chain.dusdAddress]);
  await send(CAROL, dao.splitter, abis.feeSplitterAbi, "release", [chain.dusdAddress, dao.timelock]);
  const balance = (who: Address) => publicClient.readContract({ address: dao.token, abi: abis.worxTokenAbi, functionName: "balanceOf", args: [who] });
  assert.equal(await balance(BOB.address), WORX("300"));
  assert.equal(await balance(ALICE.address), WORX("150"));
  assert.equal(await balance(DAVE.address), WORX("50"));
  assert.equal(await publicClient.readContract({ address: chain.dusdAddress, abi: abis.demoStablecoinAbi, functionName: "balanceOf", args: [dao.timelock] }), dusd("24.5"));
}

describe("the DAO in the browser", { timeout: 600_000 }, () => {
  before(async () => {
    s = await startStack({ name: "dao", ports: PORTS, prepare });
    bobPage = s.firstPage;
  });

  after(async () => {
    await s?.close();
    if (s) console.log(`[e2e dao] wall time ${s.seconds()} s`);
  });

  it("shows the treasury's live balance and its fee inflow", async () => {
    await s.connect(bobPage, BOB.address, "#/dao/treasury");
    const stat = bobPage.getByTestId("treasury-balance-dUSD");
    await eventually(async () => assert.equal(await stat.getAttribute("data-value"), dusd("24.5").toString()));
    assert.match(await stat.innerText(), /24\.5 dUSD/);
    const inflow = bobPage.getByTestId("treasury-flow").filter({ hasText: "fees released" }).first();
    await inflow.waitFor({ timeout: INDEXER_TIMEOUT });
    assert.equal(await inflow.getAttribute("data-direction"), "in");
    assert.match(await inflow.innerText(), /\+24\.5 dUSD\s+fees released/);
    await s.shot(bobPage, "01-treasury");
  });

  /** Sends a transaction through viem as `account` (outside the browser) and waits for success. */
  async function sendAs(account: typeof BOB, address: Address, abi: readonly unknown[], functionName: string, args: readonly unknown[]) {
    const hash: Hash = await createWalletClient({ chain: hardhat, transport: http(s.rpcUrl), account }).writeContract({ address, abi, functionName, args } as never);
    assert.equal((await s.publicClient.waitForTransactionReceipt({ hash })).status, "success", `${functionName} succeeded`);
  }

  async function fillTransfer(page: Page, amount: string, title: string) {
    const form = page.getByTestId("new-proposal");
    await form.getByLabel("Kind").selectOption("treasury");
    const option = await form.getByLabel("Send").locator("option", { hasText: "dUSD" }).getAttribute("value");
    await form.getByLabel("Send").selectOption(option!);
    await form.getByLabel("Recipient").fill(CAROL.address);
    await form.getByLabel("Amount").fill(amount);
    await form.getByLabel("Title").fill(title);
    await form.getByLabel("Description").fill("Pays carol for the DAO documentation.");
    return form;
  }

  it("refuses a transfer above the treasury's balance next to the field, asking the wallet nothing", async () => {
    await bobPage.goto(`${s.webUrl}/#/dao/new`);
    const form = await fillTransfer(bobPage, "30", "Too much");
    await eventually(async () => assert.match(await form.getByLabel("Send").innerText(), /treasury holds 24\.5 dUSD/));
    const before = sent();
    await form.getByTestId("submit-proposal").click();
    assert.equal(
      await form.getByTestId("proposal-error").innerText(),
      "The treasury holds 24.5 dUSD: it can't send 30 dUSD. The proposal would fail when executed.",
    );
    assert.equal(sent(), before);
  });

  it("lets bob propose a 20 dUSD grant to carol, decoded in words", async () => {
    const form = await fillTransfer(bobPage, "20", "Grant 20 dUSD to carol");
    assert.equal(await form.getByTestId("proposal-preview").innerText(), "Call: transfer 20 dUSD to 0x90F7…b906 — treasury transfer to 0x90F79bf6EB2c4f870365E785982E1f101E93b906");
    await form.getByTestId("submit-proposal").click();
    await expectConfirmed(form, "propose");
    const link = form.getByTestId("proposal-created-link");
    await link.click();
    proposalUrl = bobPage.url();
    assert.match(new URL(proposalUrl).hash, /^#\/dao\/proposal\/eip155:31337\/\d+$/);
    const page = bobPage.getByTestId("proposal-page");
    await page.and(bobPage.locator('[data-state="pending"]')).waitFor();
    await eventually(async () => assert.equal(await page.getByTestId("proposal-title").innerText(), "Grant 20 dUSD to carol"));
    assert.equal(await page.getByTestId("call-0").getByTestId("call-text").innerText(), "transfer 20 dUSD to 0x90F7…b906");
    assert.match(await page.getByTestId("proposal-timing").innerText(), /^Voting opens .* \(in (00:59:\d\d|01:00:0\d)\)\.$/);
    await s.shot(bobPage, "02-proposal-pending");
  });

  it("previews a parameter change and an arbitrary call from the registry in words, and refuses a bad value before the wallet", async () => {
    await bobPage.goto(`${s.webUrl}/#/dao/new`);
    const form = bobPage.getByTestId("new-proposal");
    const preview = form.getByTestId("proposal-preview");
    const error = form.getByTestId("proposal-error");
    const before = sent();

    await form.getByLabel("Kind").selectOption("parameter");
    await form.getByLabel("Parameter").selectOption("daoShare");
    const share = form.getByLabel("DAO share of fees (%)");
    await share.fill("65");
    assert.equal(await preview.innerText(), "Call: FeeSplitter.setDaoShare(6500) — send 65% of fees to the DAO treasury, 35% to operations");
    await share.fill("150");
    assert.equal(await preview.count(), 0, "no call to preview");
    await form.getByTestId("submit-proposal").click();
    assert.equal(await error.innerText(), "A share can't be more than 100%.");

    await form.getByLabel("Kind").selectOption("custom");
    await form.getByLabel("Contract").selectOption("WorkRewards");
    await form.getByLabel("Function").selectOption("setClientShare(uint16)");
    const bps = form.getByLabel("bps (uint16)");
    await bps.fill("70000");
    await form.getByTestId("submit-proposal").click();
    assert.equal(await error.innerText(), "bps (uint16): out of range for uint16");
    assert.equal(sent(), before, "the wallet was not asked");
    await bps.fill("4000");
    assert.equal(await error.count(), 0, "editing clears the refusal");
    assert.equal(await preview.innerText(), "Call: WorkRewards.setClientShare(4000) — clients earn 40% of the freelancer's WORX reward");
    await s.shot(bobPage, "02b-arbitrary-call");

    // Proposed, for the guardian to cancel next.
    await form.getByLabel("Title").fill("Trim client rewards to 40%");
    await form.getByLabel("Description").fill("Fewer WORX for clients.");
    await form.getByTestId("submit-proposal").click();
    await expectConfirmed(form, "propose");
    guardedHash = (await form.getByTestId("proposal-created-link").getAttribute("href"))!;
    assert.match(guardedHash, /^#\/dao\/proposal\/eip155:31337\/\d+$/);
    await bobPage.goto(proposalUrl); // back to the grant, where bob votes next
  });

  it("lets the guardian (#0) cancel a pending proposal in the browser; the list shows it canceled", async () => {
    assert.equal(await read<Address>(dao.governor, s.abis.worxGovernorAbi, "guardian"), GUARDIAN.address, "the governor's guardian is the protocol's guardian account");
    const id = BigInt(guardedHash.split("/").pop()!);
    guardianPage = await s.context.newPage();
    await s.connect(guardianPage, GUARDIAN.address, guardedHash);
    const page = guardianPage.getByTestId("proposal-page");
    await page.and(guardianPage.locator('[data-state="pending"]')).waitFor();
    const button = guardianPage.getByTestId("guardian-cancel");
    await button.waitFor();
    assert.equal(await button.innerText(), "Cancel (guardian)");
    assert.match(
      await guardianPage.getByTestId("guardian-cancel-hint").innerText(),
      /^You are the DAO's guardian: you may cancel any proposal while it is pending, before voting opens \(.+\), to stop a malicious or mistaken one\. After that only the vote decides\./,
    );
    await button.click();
    await expectConfirmed(guardianPage, "guardian-cancel");
    await page.and(guardianPage.locator('[data-state="canceled"]')).waitFor();
    assert.equal(await read<number>(dao.governor, s.abis.worxGovernorAbi, "state", [id]), STATE.Canceled);
    await s.shot(guardianPage, "02c-guardian-canceled");

    await guardianPage.goto(`${s.webUrl}/#/dao`);
    await guardianPage.getByTestId("filter-canceled").click();
    const item = guardianPage.getByTestId(`proposal-${id}`);
    await item.waitFor({ timeout: INDEXER_TIMEOUT });
    assert.equal(await item.getAttribute("data-state"), "canceled");
    assert.match(await item.innerText(), /Trim client rewards to 40%[\s\S]*Canceled/);
  });

  it("refuses dave's proposal before the wallet: his votes are below the threshold", async () => {
    davePage = await s.context.newPage();
    await s.connect(davePage, DAVE.address, "#/dao/new");
    const form = await fillTransfer(davePage, "1", "Dave's grant");
    const before = sent();
    await form.getByTestId("submit-proposal").click();
    const outcome = await txOutcome(form, "propose");
    assert.equal(outcome.state, "failed");
    assert.equal(
      await form.getByTestId("tx-propose-reason").innerText(),
      "Proposing needs at least 100 WORX of votes (the DAO's proposal threshold), and your account has 50 WORX. Earn WORX by completing jobs (work rewards) or ask a member with enough votes to propose it.",
    );
    assert.equal(sent(), before, "the wallet was not asked");
    // The governor would refuse it the same way.
    const error = await s.publicClient
      .simulateContract({
        account: DAVE.address,
        address: dao.governor,
        abi: s.abis.worxGovernorAbi,
        functionName: "propose",
        args: [[dao.timelock], [0n], ["0x"], "# Dave's grant"],
      })
      .then(() => undefined, (e: unknown) => e);
    assert.match(explainError(error), /^Proposing needs at least 100 WORX of votes \(the proposal threshold\); 0x15d3.* has 50 WORX\./i);
    await s.shot(davePage, "03-below-threshold");
  });

  it("counts bob's and alice's For votes once voting opens", async () => {
    await advance(HOUR + 1);
    const page = bobPage.getByTestId("proposal-page");
    await page.and(bobPage.locator('[data-state="active"]')).waitFor();
    await bobPage.getByLabel("Reason (optional, public)").fill("Docs matter");
    await bobPage.getByTestId("cast-vote").click();
    await expectConfirmed(bobPage, "vote");

    alicePage = await s.context.newPage();
    await s.connect(alicePage, ALICE.address, new URL(proposalUrl).hash);
    await alicePage.getByTestId("cast-vote").waitFor();
    await eventually(async () => assert.match(await alicePage.getByTestId("vote-form").innerText(), /Your weight: 150 WORX/));
    await alicePage.getByTestId("cast-vote").click();
    await expectConfirmed(alicePage, "vote");

    const id = BigInt(new URL(proposalUrl).hash.split("/").pop()!);
    const [against, forVotes, abstain] = await read<[bigint, bigint, bigint]>(dao.governor, s.abis.worxGovernorAbi, "proposalVotes", [id]);
    assert.deepEqual([against, forVotes, abstain], [0n, WORX("450"), 0n]);
    await eventually(async () => assert.equal(await alicePage.getByTestId("tally-for").innerText(), "450 WORX (100%)"));
    await eventually(async () => assert.equal(await alicePage.getByTestId("quorum").getAttribute("data-reached"), "true"));
    await alicePage.getByTestId(`vote-${BOB.address.toLowerCase()}`).waitFor({ timeout: INDEXER_TIMEOUT });
    assert.match(await alicePage.getByTestId(`vote-${BOB.address.toLowerCase()}`).innerText(), /voted For with 300 WORX — “Docs matter”/);
    await s.shot(alicePage, "04-voted");
  });

  it("refuses the guardian's cancel before the wallet once voting has opened", async () => {
    const hash = new URL(proposalUrl).hash;
    const id = BigInt(hash.split("/").pop()!);
    assert.equal(await read<number>(dao.governor, s.abis.worxGovernorAbi, "state", [id]), STATE.Active);
    await guardianPage.goto(`${s.webUrl}/${hash}`);
    await guardianPage.getByTestId("proposal-page").and(guardianPage.locator('[data-state="active"]')).waitFor();
    const before = sent();
    await guardianPage.getByTestId("guardian-cancel").click();
    assert.equal((await txOutcome(guardianPage, "guardian-cancel")).state, "failed");
    assert.match(
      await guardianPage.getByTestId("tx-guardian-cancel-reason").innerText(),
      /^Voting opened .+: the guardian may cancel a proposal only while it is pending, before voting starts, so only the voters decide this one now\.$/,
    );
    assert.equal(sent(), before, "the wallet was not asked");
    // The governor refuses it the same way.
    const row = (await (await fetch(`${s.indexerUrl}/dao/eip155:31337/proposals/${id}`)).json()) as { targets: Address[]; values: string[]; calldatas: `0x${string}`[]; description: string };
    const error = await s.publicClient
      .simulateContract({
        account: GUARDIAN.address,
        address: dao.governor,
        abi: s.abis.worxGovernorAbi,
        functionName: "cancel",
        args: [row.targets, row.values.map(BigInt), row.calldatas, keccak256(toBytes(row.description))],
      })
      .then(() => undefined, (e: unknown) => e);
    assert.equal(explainError(error), "The guardian may cancel a proposal only while it is pending, before voting starts; this one is active (being voted on), so only the voters decide now.");
  });

  it("queues it after the vote, refuses execution before the timelock's eta, executes it after", async () => {
    await advance(DAY + 1);
    const page = alicePage.getByTestId("proposal-page");
    await page.and(alicePage.locator('[data-state="succeeded"]')).waitFor();
    await alicePage.getByTestId("queue").click();
    await expectConfirmed(alicePage, "queue");
    await page.and(alicePage.locator('[data-state="queued"]')).waitFor();
    assert.match(await alicePage.getByTestId("proposal-timing").innerText(), /^In the timelock until .*: executable in (00:59:\d\d|01:00:0\d)\.$/);

    const before = sent();
    await alicePage.getByTestId("execute").click();
    const early = await txOutcome(alicePage, "execute");
    assert.equal(early.state, "failed");
    assert.match(await alicePage.getByTestId("tx-execute-reason").innerText(), /^The timelock holds this proposal until .* \(in (00:59:\d\d|01:00:0\d) on chain time\): execute it then\.$/);
    assert.equal(sent(), before, "the wallet was not asked");

    const carolBefore = await read<bigint>(s.dusdAddress, s.abis.demoStablecoinAbi, "balanceOf", [CAROL.address]);
    await advance(HOUR + 1);
    await eventually(async () => assert.match(await alicePage.getByTestId("proposal-timing").innerText(), /anyone may execute it now/));
    await alicePage.getByTestId("execute").click();
    await expectConfirmed(alicePage, "execute");
    await page.and(alicePage.locator('[data-state="executed"]')).waitFor();
    assert.equal(await read<bigint>(s.dusdAddress, s.abis.demoStablecoinAbi, "balanceOf", [dao.timelock]), dusd("4.5"));
    assert.equal(await read<bigint>(s.dusdAddress, s.abis.demoStablecoinAbi, "balanceOf", [CAROL.address]), carolBefore + dusd("20"));
    await s.shot(alicePage, "05-executed");
  });

  it("shows the spent treasury and the proposal as executed in the list", async () => {
    await alicePage.goto(`${s.webUrl}/#/dao/treasury`);
    const stat = alicePage.getByTestId("treasury-balance-dUSD");
    await eventually(async () => assert.equal(await stat.getAttribute("data-value"), dusd("4.5").toString()));
    assert.match(await stat.innerText(), /4\.5 dUSD/);
    const outflow = alicePage.locator('[data-testid="treasury-flow"][data-direction="out"]');
    await outflow.first().waitFor({ timeout: INDEXER_TIMEOUT });
    assert.match(await outflow.first().innerText(), /−20 dUSD\s+proposal/);
    await s.shot(alicePage, "06-treasury-after");

    await alicePage.goto(`${s.webUrl}/#/dao`);
    await alicePage.getByTestId("filter-executed").click();
    const item = alicePage.getByTestId("proposal-list").locator('li[data-state="executed"]');
    await item.first().waitFor({ timeout: INDEXER_TIMEOUT });
    assert.match(await item.first().innerText(), /Grant 20 dUSD to carol[\s\S]*Executed[\s\S]*For 450 WORX/);
    await alicePage.getByTestId("filter-active").click();
    await alicePage.getByTestId("no-proposals").waitFor();
  });

  it("releases the fees owed to the treasury from the treasury page: the balance grows by exactly that amount", async () => {
    // A 40 dUSD job pays a 4 dUSD fee; the splitter collects it and owes the treasury 70%.
    const { seedCompletedJobs } = await import("../../scripts/dev/seed.ts");
    await seedCompletedJobs(s.rpcUrl, { client: 1, freelancer: 4, count: 1, rating: 5, amount: 40 });
    await sendAs(CAROL, dao.splitter, s.abis.feeSplitterAbi, "collect", [s.escrowAddress, s.dusdAddress]);
    const owed = await read<bigint>(dao.splitter, s.abis.feeSplitterAbi, "owed", [dao.timelock, s.dusdAddress]);
    assert.equal(owed, dusd("2.8"));
    const balance = () => read<bigint>(s.dusdAddress, s.abis.demoStablecoinAbi, "balanceOf", [dao.timelock]);
    const before = await balance();

    await alicePage.goto(`${s.webUrl}/#/dao/treasury`);
    const stat = alicePage.getByTestId("treasury-balance-dUSD");
    await eventually(async () => assert.equal(await stat.getAttribute("data-value"), before.toString()));
    const row = alicePage.getByTestId("owed-dUSD");
    await eventually(async () => assert.equal(await row.getAttribute("data-value"), owed.toString()), 15_000);
    assert.match(await row.innerText(), /^2\.8 dUSD/);
    await row.getByRole("button", { name: "Release to the treasury" }).click();
    await expectConfirmed(alicePage, "release-fees");
    assert.equal(await balance(), before + owed, "the chain: the treasury got exactly what it was owed");
    assert.equal(await read<bigint>(dao.splitter, s.abis.feeSplitterAbi, "owed", [dao.timelock, s.dusdAddress]), 0n);
    await eventually(async () => assert.equal(await stat.getAttribute("data-value"), (before + owed).toString()));
    assert.match(await stat.innerText(), /7\.3 dUSD/);
    await row.waitFor({ state: "detached" });
    await s.shot(alicePage, "06b-fees-released");
  });

  it("lets bob stake for 90 days, shows the position, and refuses an early unstake in words", async () => {
    await bobPage.goto(`${s.webUrl}/#/staking`);
    const form = bobPage.getByTestId("stake-form");
    await bobPage.getByTestId("worx-balance").waitFor();
    assert.equal(await bobPage.getByTestId("worx-votes").innerText(), "300 WORX");
    await form.getByLabel("Amount").fill("50");
    await form.getByText("90 days · 1.5× boost").click();
    assert.match(await form.getByTestId("stake-preview").innerText(), /Locked until .* \(90 days, no early exit\)\. Staking power 0 WORX → 75 WORX: no fee-discount tier yet · next tier \(10%\) at 1,000 WORX/);
    await form.getByTestId("stake").click();
    await expectConfirmed(form, "stake");
    const position = bobPage.getByTestId("position-90d");
    await position.waitFor();
    assert.equal(await position.getByTestId("position-amount").innerText(), "50 WORX");
    assert.equal(await position.getAttribute("data-locked"), "true");
    assert.match(await position.getByTestId("position-unlock").innerText(), /^Locked until .* — (89 d 23:5\d:\d\d|90 d 00:00:0\d) left\. Staking power 75 WORX\.$/);
    await eventually(async () => assert.equal(await bobPage.getByTestId("worx-votes").innerText(), "300 WORX"), 5_000);
    assert.equal(await bobPage.getByTestId("worx-power").innerText(), "75 WORX");

    const before = sent();
    await position.getByTestId("unstake").click();
    assert.equal((await txOutcome(position, "unstake-90d")).state, "failed");
    assert.match(
      await position.getByTestId("tx-unstake-90d-reason").innerText(),
      /^This 90-day stake is locked until .* \((89 d 23:5\d:\d\d|90 d 00:00:0\d) from now, on chain time\): there is no early exit\. Unstake it from then on\.$/,
    );
    assert.equal(sent(), before, "the wallet was not asked");
    const error = await s.publicClient
      .simulateContract({ account: BOB.address, address: dao.token, abi: s.abis.worxTokenAbi, functionName: "unstake", args: [1] })
      .then(() => undefined, (e: unknown) => e);
    assert.match(explainError(error), /^Your 90-day stake is locked until .*: there is no early exit, unstake it from then on\.$/);
    await s.shot(bobPage, "07-staked");

    await bobPage.goto(`${s.webUrl}/#/profile`);
    const worx = bobPage.getByTestId("profile-worx");
    await worx.getByTestId("profile-worx-power").waitFor();
    await eventually(async () => assert.equal(await worx.getByTestId("profile-worx-power").innerText(), "75 WORX"));
    assert.equal(await worx.getByTestId("profile-worx-boost").innerText(), "1.5×");
    assert.equal(await worx.getByTestId("profile-worx-balance").innerText(), "300 WORX");
  });

  it("never contacts a host other than 127.0.0.1", () => {
    assert.deepEqual(foreignRequests(s.requested), []);
    assert.ok(s.requested.some((u) => u.startsWith(`${s.indexerUrl}/dao/`)), "the SPA read the DAO from the indexer");
  });
});
