/**
 * The admin console (`#/admin`) end to end, in a real browser: the SPA against a Hardhat node with
 * the Protocol deployment (escrow administered by WorxMultisig: owners #0..#4, Routine 2-of-5 /
 * 24 h for fee changes and unpause, guardian #0) and the Ponder indexer, wallets injected per page
 * (./wallets.ts, EIP-712 signatures signed by the node for the page's account).
 *
 * Owner #1 proposes "set platform fee to 7.5%" (bad input refused before the wallet), the queue
 * shows the decoded call; a non-owner's attempt to sign is refused in words and reaches no wallet;
 * owner #2 signs, queues; the test moves the chain 24 h forward; the UI counts down on chain time,
 * shows it executable, executes it, and the new fee shows on the escrow form (chain) and in the
 * metrics (indexer). The guardian pauses the escrow from the console; an unpause operation is
 * proposed, approved on-chain and cancelled by two owners. Metrics and the audit log follow.
 * No request leaves 127.0.0.1.
 *
 * Run: npx tsx --test --test-reporter=spec test/e2e/admin.test.ts   (screenshots: test-results/e2e/admin-*.png)
 */
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { Page } from "playwright-core";
import { createWalletClient, encodeFunctionData, http, parseUnits, type Address, type Hex } from "viem";
import { hardhat } from "viem/chains";
import { localAccount } from "../../scripts/dev/accounts.ts";
import { OPERATION_STATE } from "../../scripts/dev/multisigOps.ts";
import { foreignRequests, startStack, type ChainHandles, type E2eStack } from "./stack.ts";
import { eventually, expectConfirmed, INDEXER_TIMEOUT, txOutcome } from "./ui.ts";

const PORTS = { chain: 8549, indexer: 42073, web: 5175 };
const GUARDIAN = localAccount(0); // owner (first in the list) and guardian
const OWNER_1 = localAccount(1);
const OWNER_2 = localAccount(2);
const OUTSIDER = localAccount(5); // not an owner (the demo's arbiter: an escrow role, not a multisig one)
const CLIENT = localAccount(6);
const FREELANCER = localAccount(7);
const DAY = 24 * 60 * 60;

let s: E2eStack;
let abis: E2eStack["abis"];
let escrowAddress: Address;
let multisig: E2eStack["multisig"];
let publicClient: E2eStack["publicClient"];
const pages: Record<"owner1" | "owner2" | "outsider" | "guardian", Page> = {} as never;
let feeOperationId: Hex;

const shot = (page: Page, name: string) => s.shot(page, name);
const requestsOf = (method: string) => s.wallets.evmRequests.filter((r) => r.method === method).length;
const opCard = (page: Page, id: Hex) => page.getByTestId(`op-${id}`);

async function openConsole(page: Page, account: Address) {
  await s.connect(page, account, "#/admin");
  await page.getByTestId("admin-role").waitFor();
}

async function readEscrow<T>(functionName: "platformFeeBps" | "paused"): Promise<T> {
  return (await publicClient.readContract({ address: escrowAddress, abi: abis.milestoneEscrowAbi, functionName })) as T;
}

/** Some escrow activity for the metrics: one escrow funded with milestone 1 released (10% fee), one awaiting funds. */
async function seedEscrows(chain: ChainHandles) {
  const { abis, escrowAddress, dusdAddress: dusd, publicClient, rpcUrl } = chain;
  const transport = http(rpcUrl);
  const send = async (account: typeof CLIENT, request: Parameters<ReturnType<typeof createWalletClient>["writeContract"]>[0]) => {
    const hash = await createWalletClient({ chain: hardhat, transport, account }).writeContract({ ...request, account, chain: hardhat } as never);
    const receipt = await publicClient.waitForTransactionReceipt({ hash });
    assert.equal(receipt.status, "success");
  };
  const usd = (n: string) => parseUnits(n, 6);
  const now = Number((await publicClient.getBlock()).timestamp);
  await send(CLIENT, { address: dusd, abi: abis.demoStablecoinAbi, functionName: "mint", args: [CLIENT.address, usd("1000")] } as never);
  await send(CLIENT, { address: dusd, abi: abis.demoStablecoinAbi, functionName: "approve", args: [escrowAddress, usd("1000")] } as never);
  const create = (amounts: bigint[]) =>
    send(CLIENT, {
      address: escrowAddress,
      abi: abis.milestoneEscrowAbi,
      functionName: "createEscrow",
      args: [FREELANCER.address, dusd, amounts.map((amount, i) => ({ amount, dueDate: now + (i + 1) * 30 * DAY })), 7 * DAY, 14 * DAY],
    } as never);
  await create([usd("60"), usd("40")]);
  await send(CLIENT, { address: escrowAddress, abi: abis.milestoneEscrowAbi, functionName: "fundEscrow", args: [1n] } as never);
  await send(FREELANCER, {
    address: escrowAddress,
    abi: abis.milestoneEscrowAbi,
    functionName: "submitMilestone",
    args: [1n, 0n, `0x${"00".repeat(32)}`],
  } as never);
  await send(CLIENT, { address: escrowAddress, abi: abis.milestoneEscrowAbi, functionName: "approveMilestone", args: [1n, 0n] } as never);
  await create([usd("25")]);
}

describe("admin console in the browser", { timeout: 300_000 }, () => {
  before(async () => {
    s = await startStack({
      name: "admin",
      ports: PORTS,
      prepare: async (chain) => {
        await seedEscrows(chain);
        assert.equal(
          await chain.publicClient.readContract({ address: chain.escrowAddress, abi: chain.abis.milestoneEscrowAbi, functionName: "platformFeeBps" }),
          1_000,
          "the deployment starts at 10%",
        );
      },
    });
    ({ abis, escrowAddress, multisig, publicClient } = s);
    pages.owner1 = s.firstPage;
  });

  after(async () => {
    await s?.close();
    if (s) console.log(`[e2e admin] wall time ${s.seconds()} s`);
  });

  it("shows an owner the multisig's policy and the propose form", async () => {
    const page = pages.owner1;
    await openConsole(page, OWNER_1.address);
    assert.equal(await page.getByTestId("admin-role").getAttribute("data-role"), "owner");
    assert.match(await page.getByTestId("admin-role").innerText(), /You are owner 2 of 5/);
    assert.match(await page.getByTestId("multisig-owners").innerText(), /owner 2 · 0x7099…79C8 \(you\)/);
    await page.getByTestId("no-operations").waitFor({ timeout: INDEXER_TIMEOUT });
    await shot(page, "01-owner-console");
  });

  it("refuses a bad fee next to the field and asks the wallet nothing", async () => {
    const form = pages.owner1.getByTestId("propose-form");
    const before = s.wallets.evmRequests.length;
    await form.getByLabel("New platform fee (%)").fill("25");
    await form.getByRole("button", { name: "Sign and propose" }).click();
    assert.match(await form.getByTestId("propose-error").innerText(), /at most 20%: that is the contract's hard cap \(MAX_FEE_BPS = 2000\)/);
    await form.getByLabel("New platform fee (%)").fill("7.555");
    await form.getByRole("button", { name: "Sign and propose" }).click();
    assert.match(await form.getByTestId("propose-error").innerText(), /at most 2 digits after the point/);
    await form.getByLabel("New platform fee (%)").fill("10");
    await form.getByRole("button", { name: "Sign and propose" }).click();
    assert.match(await form.getByTestId("propose-error").innerText(), /already 10%/);
    const asked = s.wallets.evmRequests.slice(before).map((r) => r.method);
    assert.ok(!asked.includes("eth_signTypedData_v4") && !asked.includes("eth_sendTransaction"), `the wallet was asked: ${asked}`);
  });

  it("lets owner #1 propose 'set platform fee to 7.5%' by signing it (EIP-712)", async () => {
    const page = pages.owner1;
    const form = page.getByTestId("propose-form");
    await form.getByLabel("New platform fee (%)").fill("7.5");
    await eventually(async () =>
      assert.equal(
        await form.getByTestId("propose-preview").innerText(),
        "Call: MilestoneEscrow.setPlatformFee(750) — set platform fee to 7.5% · Routine: 2 of 5 owners, then 24 h",
      ),
    );
    const signatures = requestsOf("eth_signTypedData_v4");
    await form.getByRole("button", { name: "Sign and propose" }).click();
    await expectConfirmed(form, "propose");
    assert.equal(requestsOf("eth_signTypedData_v4"), signatures + 1, "the owner signed the operation's typed data in the wallet");

    // The id the page announced is the one the chain knows, pending with owner #1's approval.
    const [log] = await publicClient.getContractEvents({ address: multisig.address, abi: abis.worxMultisigAbi, eventName: "OperationProposed", fromBlock: 0n });
    assert.ok(log, "OperationProposed was emitted");
    feeOperationId = log.args.operationId!;
    assert.equal(log.args.proposer, OWNER_1.address);
    assert.equal(
      await publicClient.readContract({ address: multisig.address, abi: abis.worxMultisigAbi, functionName: "operationState", args: [feeOperationId] }),
      OPERATION_STATE.Pending,
    );
    assert.equal(
      await publicClient.readContract({ address: multisig.address, abi: abis.worxMultisigAbi, functionName: "approvalCount", args: [feeOperationId] }),
      1n,
    );
    assert.match(await form.getByTestId("proposed-operation").innerText(), new RegExp(`Operation ${feeOperationId.slice(0, 10)}`));

    const card = opCard(page, feeOperationId);
    await card.waitFor({ timeout: INDEXER_TIMEOUT });
    assert.equal(await card.getByTestId("op-call").innerText(), "MilestoneEscrow.setPlatformFee(750)");
    assert.match(await card.getByTestId("op-summary").innerText(), /— set platform fee to 7\.5%/);
    assert.equal(await card.getByTestId("op-state").innerText(), "Awaiting approvals");
    assert.match(await card.getByTestId("op-class").innerText(), /^Routine: 2 of 5 owners, 24 h timelock/);
    assert.match(await card.getByTestId("op-approvals").innerText(), /^1\/2$/);
    assert.match(await card.innerText(), /owner 2 · 0x7099…79C8 \(you\)/);
    assert.ok(await card.getByRole("button", { name: "Queue" }).isDisabled(), "1 of 2 approvals: not queueable yet");
    await shot(page, "02-proposed");
  });

  it("refuses a non-owner's signature in words, before the wallet", async () => {
    const page = (pages.outsider = await s.context.newPage());
    await openConsole(page, OUTSIDER.address);
    const role = page.getByTestId("admin-role");
    assert.equal(await role.getAttribute("data-role"), "read-only");
    assert.match(await role.innerText(), /Read-only: your account 0x9965507D1a55bcC2695C58ba16FB37d819B0A4dc is not one of the multisig's 5 owners/);
    assert.equal(await page.getByTestId("propose-form").count(), 0, "no propose form for a non-owner");
    const card = opCard(page, feeOperationId);
    await card.waitFor({ timeout: INDEXER_TIMEOUT });
    const signatures = requestsOf("eth_signTypedData_v4");
    const transactions = requestsOf("eth_sendTransaction");
    await card.getByRole("button", { name: "Sign approval" }).click();
    const refused = await txOutcome(card, "sign");
    assert.equal(refused.state, "failed");
    assert.match(
      refused.text,
      /Only the multisig's owners can sign operations: your account 0x9965507D1a55bcC2695C58ba16FB37d819B0A4dc is not one of its 5 owners/,
    );
    assert.equal(requestsOf("eth_signTypedData_v4"), signatures, "no signature was asked of the non-owner's wallet");
    assert.equal(requestsOf("eth_sendTransaction"), transactions);
    assert.equal(await page.getByRole("button", { name: "Pause escrow" }).count(), 0, "only the guardian sees the pause button");
    await shot(page, "03-non-owner-refused");
  });

  it("lets owner #2 sign, then queue it behind the 24 h timelock", async () => {
    const page = (pages.owner2 = await s.context.newPage());
    await openConsole(page, OWNER_2.address);
    const card = opCard(page, feeOperationId);
    await card.waitFor({ timeout: INDEXER_TIMEOUT });
    await card.getByRole("button", { name: "Sign approval" }).click();
    await expectConfirmed(card, "sign");
    await eventually(async () => assert.equal(await card.getByTestId("op-approvals").innerText(), "2/2"));
    // The count and the list of approvers are separate indexer rows: they may show up a poll apart.
    await eventually(async () => assert.match(await card.innerText(), /owner 2 · 0x7099…79C8, owner 3 · 0x3C44…93BC \(you\)/));
    assert.equal(
      await publicClient.readContract({ address: multisig.address, abi: abis.worxMultisigAbi, functionName: "approvalCount", args: [feeOperationId] }),
      2n,
    );

    await card.getByRole("button", { name: "Queue" }).click();
    await expectConfirmed(card, "queue");
    await eventually(async () => assert.equal(await card.getByTestId("op-state").innerText(), "Queued (timelock)"));
    assert.equal(
      await publicClient.readContract({ address: multisig.address, abi: abis.worxMultisigAbi, functionName: "operationState", args: [feeOperationId] }),
      OPERATION_STATE.Queued,
    );
    const countdown = await card.getByTestId("op-countdown").innerText();
    assert.match(countdown, /^in (1 d 00:00:00|23:[0-5]\d:[0-5]\d)$/, countdown);
    assert.ok(await card.getByRole("button", { name: "Execute" }).isDisabled(), "not executable during the timelock");
    // The button is disabled during the timelock; the contract refuses an early execution anyway.
    const feeOp = {
      target: escrowAddress,
      value: 0n,
      data: encodeFunctionData({ abi: abis.milestoneEscrowAbi, functionName: "setPlatformFee", args: [750] }),
      nonce: 0n,
    };
    assert.equal(multisig.id(feeOp), feeOperationId, "the first proposal used nonce 0");
    await assert.rejects(multisig.execute(feeOp, OWNER_2), /TimelockNotElapsed/);
    await shot(page, "04-queued");
  });

  it("counts down on chain time: after 24 h on the node it is executable and executes", async () => {
    const page = pages.owner2;
    const card = opCard(page, feeOperationId);
    await multisig.timeTravel(DAY); // evm_increaseTime + evm_mine
    await eventually(async () => assert.equal(await card.getByTestId("op-state").innerText(), "Executable"), 15_000);
    assert.equal(await card.getByTestId("op-countdown").innerText(), "executable now");
    assert.match(await card.getByTestId("op-eta").innerText(), /expires .* \(in (13 d 23 h|14 d)\)/);
    await shot(page, "05-executable");
    await card.getByRole("button", { name: "Execute" }).click();
    await expectConfirmed(card, "execute");
    assert.equal(await readEscrow<number>("platformFeeBps"), 750);
    await eventually(async () => assert.equal(await card.getByTestId("op-state").innerText(), "Executed"));
    assert.equal(
      await publicClient.readContract({ address: multisig.address, abi: abis.worxMultisigAbi, functionName: "operationState", args: [feeOperationId] }),
      OPERATION_STATE.Executed,
    );
    await shot(page, "06-executed");
  });

  it("shows the new 7.5% fee on the escrow form (chain) and in the metrics (indexer)", async () => {
    const page = pages.owner1;
    await page.bringToFront();
    await eventually(async () => assert.equal(await page.getByTestId("metric-fee").innerText(), "7.5%"));
    assert.match(await page.getByTestId("propose-form").innerText(), /Now 7\.5%/);
    await page.getByRole("link", { name: "Escrows" }).click();
    await eventually(async () => assert.match(await page.getByTestId("create-fee").innerText(), /Platform fee: 7\.5% of each released milestone/));
    await shot(page, "07-new-fee-on-escrow-form");
    await page.getByRole("link", { name: "Admin" }).click();
    await page.getByTestId("admin-role").waitFor();
  });

  it("lets the guardian pause the escrow from the console", async () => {
    const page = (pages.guardian = await s.context.newPage());
    await openConsole(page, GUARDIAN.address);
    assert.match(await page.getByTestId("admin-role").innerText(), /You are owner 1 of 5 and the guardian/);
    const panel = page.getByTestId("guardian-panel");
    assert.equal(await panel.getByTestId("escrow-paused").getAttribute("data-paused"), "false");
    assert.equal(await pages.owner2.getByRole("button", { name: "Pause escrow" }).count(), 0, "owners who are not the guardian have no pause button");
    await panel.getByRole("button", { name: "Pause escrow" }).click();
    await expectConfirmed(panel, "guardian-pause");
    assert.equal(await readEscrow<boolean>("paused"), true);
    await eventually(async () => assert.equal(await panel.getByTestId("escrow-paused").getAttribute("data-paused"), "true"));
    assert.equal(await panel.getByRole("button", { name: "Pause escrow" }).count(), 0, "nothing more to pause");
    assert.match(await panel.innerText(), /propose “Unpause the escrow”/);
    await shot(page, "08-guardian-paused");
  });

  it("proposes an unpause, approves it on-chain, and two owners cancel it", async () => {
    const form = pages.owner1.getByTestId("propose-form");
    await pages.owner1.bringToFront();
    await form.getByLabel("Operation").selectOption({ label: "Unpause the escrow" });
    await eventually(async () =>
      assert.match(
        await form.getByTestId("propose-preview").innerText(),
        /MilestoneEscrow\.unpause\(\) — unpause the escrow .* Routine: 2 of 5 owners, then 24 h/,
      ),
    );
    await form.getByRole("button", { name: "Sign and propose" }).click();
    await expectConfirmed(form, "propose");
    const proposed = await publicClient.getContractEvents({
      address: multisig.address,
      abi: abis.worxMultisigAbi,
      eventName: "OperationProposed",
      fromBlock: 0n,
    });
    assert.equal(proposed.length, 2);
    const unpauseId = proposed[1]!.args.operationId!;
    assert.equal(proposed[1]!.args.nonce, 1n, "the next unused nonce");

    const owner2Card = opCard(pages.owner2, unpauseId);
    await pages.owner2.bringToFront();
    await owner2Card.waitFor({ timeout: INDEXER_TIMEOUT });
    await owner2Card.getByRole("button", { name: "Approve on-chain" }).click();
    await expectConfirmed(owner2Card, "approve");
    await eventually(async () => assert.equal(await owner2Card.getByTestId("op-approvals").innerText(), "2/2"));

    await owner2Card.getByRole("button", { name: "Cancel operation" }).click();
    await expectConfirmed(owner2Card, "cancel");
    await eventually(async () => assert.match(await owner2Card.getByTestId("op-cancel-approvals").innerText(), /^1\/2/));
    const owner1Card = opCard(pages.owner1, unpauseId);
    await pages.owner1.bringToFront();
    await owner1Card.getByRole("button", { name: "Cancel operation" }).click();
    await expectConfirmed(owner1Card, "cancel");
    await eventually(async () => assert.equal(await owner1Card.getByTestId("op-state").innerText(), "Cancelled"));
    assert.equal(
      await publicClient.readContract({ address: multisig.address, abi: abis.worxMultisigAbi, functionName: "operationState", args: [unpauseId] }),
      OPERATION_STATE.Cancelled,
    );
    assert.equal(await readEscrow<boolean>("paused"), true, "a cancelled unpause never runs");

    await pages.owner1.getByTestId("ops-filter-executed").click();
    await eventually(async () => assert.equal(await pages.owner1.getByTestId("operations").locator("article.op").count(), 1));
    assert.equal(await pages.owner1.getByTestId("ops-filter-cancelled").innerText(), "Cancelled 1");
    await pages.owner1.getByTestId("ops-filter-all").click();
    await shot(pages.owner1, "09-cancelled");
  });

  it("shows platform metrics and charts from the indexer", async () => {
    const page = pages.owner1;
    const metrics = page.getByTestId("metrics");
    const dusd = metrics.getByTestId("metrics-token-dUSD");
    await dusd.waitFor({ timeout: INDEXER_TIMEOUT });
    assert.equal(await dusd.getByTestId("metric-locked").innerText(), "40 dUSD");
    assert.equal(await dusd.getByTestId("metric-volume").innerText(), "100 dUSD");
    assert.equal(await dusd.getByTestId("metric-fees").innerText(), "6 dUSD");
    assert.equal(await metrics.getByTestId("metric-active").innerText(), "2");
    const feeBars = metrics.getByTestId("chart-fees").locator('rect[data-value]:not([data-value="0"])');
    assert.equal(await feeBars.count(), 1, "one day with fees");
    assert.equal(await feeBars.getAttribute("data-value"), "6000000");
    const escrowBars = metrics.getByTestId("chart-escrows").locator("rect[data-value]");
    assert.equal(await escrowBars.count(), 14, "one bar per day over 14 days");
    const created = await escrowBars.evaluateAll((rects) => rects.reduce((n, r) => n + Number(r.getAttribute("data-value")), 0));
    assert.equal(created, 2);
    await metrics.scrollIntoViewIfNeeded();
    await shot(page, "10-metrics");
  });

  it("lists every administrative action in the audit log, newest first, a page at a time", async () => {
    const page = pages.owner1;
    const log = page.getByTestId("audit-log");
    const rows = log.getByTestId("audit-row");
    const settled = () => page.locator('[data-testid="audit-log"][aria-busy="false"]').waitFor();
    // Newest first: the last transaction was owner #1's cancel approval, which cancelled the operation.
    await eventually(async () => assert.match((await rows.first().getAttribute("data-action")) ?? "", /^(Cancelled|CancelApproved)$/));
    assert.equal(await rows.count(), 10, "a page holds 10 rows");
    const firstPage = (await log.innerText()).replace(/\s+/g, " ");
    const all: string[] = [];
    for (let page = 2; page < 20; page++) {
      const older = log.getByRole("button", { name: "Older" });
      if (await older.isDisabled()) break;
      await older.click();
      await settled();
      assert.match(await log.getByTestId("audit-page").innerText(), new RegExp(`^Page ${page} of \\d+$`));
      all.push(...(await rows.evaluateAll((els) => els.map((e) => (e as HTMLElement).innerText.replace(/\s+/g, " ")))));
    }
    assert.ok(all.length > 10, "the log spans several pages");
    const joined = [firstPage, ...all].join("\n");
    assert.match(joined, /Platform fee changed MilestoneEscrow 10% → 7\.5%/);
    assert.match(joined, /Paused MilestoneEscrow/);
    // The badges' tiers, set by their constructor at deployment.
    assert.match(joined, /Badge tier set WorxBadges Silver: 25 jobs, satisfaction ≥ 97%, X verified; soul-bound, 10% fee discount/);
    await log.getByRole("button", { name: "Newer" }).click();
    await shot(page, "11-audit-log");
  });

  it("sent no request to any host but 127.0.0.1", () => {
    assert.deepEqual(foreignRequests(s.requested), []);
    assert.ok(
      s.requested.some((u) => u.startsWith(`${s.indexerUrl}/graphql`)),
      "the SPA read the indexer's GraphQL",
    );
    assert.ok(
      s.requested.some((u) => u.startsWith(`${s.indexerUrl}/sql/db`)),
      "the SPA read the indexer's SQL aggregates",
    );
  });
});
