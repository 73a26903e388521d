/**
 * End to end, in a real browser: the "Stacks DAO" section of the #/stacks page (the Clarity DAO,
 * clarity/contracts/dao/) on the LocalDemo stack (fixture ./stack.ts, its own ports). There is no
 * Stacks API in this stack, so hints and amounts owed are typed, as a user without one would.
 *
 * The injected fake Stacks wallet (./wallets.ts) records each `stx_callContract` request; the test
 * checks the contract, function, Clarity arguments (deserialized), post-condition deny mode and
 * the exact post-conditions of: delegate, stake (with the boost shown), vote with a reason,
 * execute with declared treasury transfers (one condition per asset, amounts summed), and the
 * fee splitter's release. Bad input (a principal of another network, an invalid proposal
 * principal, a missing hint, a too-long reason) is refused with a sentence before the wallet
 * opens. Also: the checkpoint-hint search the page runs when an API is configured, and the
 * sentences for DAO error codes. No request leaves 127.0.0.1.
 *
 * Run: npx tsx --test --test-reporter=spec test/e2e/dao.stacks.test.ts
 */
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { Cl, deserializePostConditionWire, wireToPostCondition, type ClarityValue } from "@stacks/transactions";
import type { Locator, Page } from "playwright-core";
import { findCheckpointHint } from "../../web/src/features/dao/stacks/calls.ts";
import { explainClarityResult } from "../../web/src/features/escrow/stacks/errors.ts";
import { foreignRequests, startStack, type E2eStack } from "./stack.ts";
import { FAKE_STX_ADDRESS, type StacksCall } from "./wallets.ts";
import { openStacksPage, txOutcome } from "./ui.ts";

const PORTS = { chain: 8554, indexer: 42086, web: 5178 };

let s: E2eStack;
let page: Page;
let contracts: Record<string, string>;
let deployer: string;

const calls = () => s.wallets.stacksCalls.filter((c) => c.method === "stx_callContract");
const args = (c: StacksCall): ClarityValue[] => (c.params!.functionArgs as string[]).map((hex) => Cl.deserialize(hex));
const postConditions = (c: StacksCall) => (c.params!.postConditions as string[]).map((hex) => wireToPostCondition(deserializePostConditionWire(hex)));

/** Submits `form` and returns the wallet request it caused (asserting the page reports it sent). */
async function send(form: Locator, button: string, testId: string): Promise<StacksCall> {
  const before = calls().length;
  await form.getByRole("button", { name: button, exact: true }).click();
  const outcome = await txOutcome(form, testId);
  assert.equal(outcome.state, "sent", outcome.text);
  assert.equal(calls().length, before + 1, "exactly one wallet request");
  const call = calls().at(-1)!;
  assert.equal(call.params?.postConditionMode, "deny");
  return call;
}

/** Submits `form` expecting a refusal: the field error `text`, and no wallet request. */
async function refused(form: Locator, button: string, text: RegExp) {
  const before = calls().length;
  await form.getByRole("button", { name: button, exact: true }).click();
  const error = form.locator(".field-error").filter({ hasText: text });
  await error.waitFor();
  assert.equal(calls().length, before, "bad input never reaches the wallet");
}

describe("Stacks DAO in the browser", { timeout: 300_000 }, () => {
  before(async () => {
    s = await startStack({
      name: "dao-stacks",
      ports: PORTS,
      prepare: async () => {
        const { stacksDeployments } = (await import("../../generated/stacks.ts")) as {
          stacksDeployments: Record<string, { deployer: string; contracts: Record<string, string> }>;
        };
        const book = stacksDeployments["stacks:2147483648"]!;
        contracts = book.contracts;
        deployer = book.deployer;
        for (const name of ["dao-token", "proposal-voting", "dao-treasury", "fee-splitter"]) assert.ok(contracts[name], `${name} is in the address book`);
      },
    });
    page = s.firstPage;
    await openStacksPage(page, s.webUrl, "stacks-dao");
  });

  after(async () => {
    await s?.close();
    if (s) console.log(`[e2e dao-stacks] wall time ${s.seconds()} s`);
  });

  it("delegates votes (to yourself by default), refusing an address of another network first", async () => {
    const form = page.getByRole("form", { name: "Delegate Stacks votes" });
    assert.equal(await form.getByLabel("Delegatee").inputValue(), FAKE_STX_ADDRESS, "yourself by default");
    await form.getByLabel("Delegatee").fill("SP2J6ZY48GV1EZ5V2V5RB9MP66SW86PYKKNRV9EJ7");
    await refused(form, "Delegate", /another Stacks network/);
    await form.getByLabel("Delegatee").fill(FAKE_STX_ADDRESS);
    const call = await send(form, "Delegate", "stacks-dao-delegate");
    assert.equal(call.params!.contract, contracts["dao-token"]);
    assert.equal(call.params!.functionName, "delegate");
    assert.deepEqual(args(call), [Cl.principal(FAKE_STX_ADDRESS)]);
    assert.deepEqual(postConditions(call), []);
  });

  it("stakes for 90 days with the 1.5× boost shown, moving nothing", async () => {
    const form = page.getByRole("form", { name: "Stake WORX on Stacks", exact: true });
    await form.getByLabel("Amount (WORX)").fill("12.5");
    await form.getByLabel("Lock term").selectOption({ label: "90 days — boost 1.5×" });
    assert.match(await form.getByTestId("stacks-dao-stake-boost").innerText(), /^Boost 1\.5×: staking power 18\.75 WORX, locked until /);
    const call = await send(form, "Stake", "stacks-dao-stake");
    assert.equal(call.params!.contract, contracts["dao-token"]);
    assert.equal(call.params!.functionName, "stake");
    assert.deepEqual(args(call), [Cl.uint(12_500_000n), Cl.uint(1)]);
    assert.deepEqual(postConditions(call), []);
  });

  it("votes Against with a reason and a typed hint; refuses an invalid principal, a missing hint and a too-long reason first", async () => {
    const form = page.getByRole("form", { name: "Vote on Stacks" });
    const proposal = `${deployer}.proposal-raise-fee`;
    await form.getByLabel("Proposal contract").fill("raise-fee");
    await refused(form, "Vote For", /not a contract principal/);
    await form.getByLabel("Proposal contract").fill(proposal);
    // No Stacks API here: the hint is asked for, with how to find it.
    assert.match(await form.innerText(), /index of your last dao-token checkpoint with from-height ≤ vote-start/);
    await refused(form, "Vote For", /checkpoint hint as a whole number/);
    await form.getByLabel("Checkpoint hint").fill("2");
    await form.getByLabel("Against").check();
    await form.getByLabel("Reason (optional)").fill("é".repeat(257));
    await refused(form, "Vote Against", /257 characters long: the contract takes at most 256/);
    const reason = "Too expensive for the treasury — wait for Q3";
    await form.getByLabel("Reason (optional)").fill(reason);
    const call = await send(form, "Vote Against", "stacks-dao-vote");
    assert.equal(call.params!.contract, contracts["proposal-voting"]);
    assert.equal(call.params!.functionName, "vote");
    assert.deepEqual(args(call), [Cl.principal(proposal), Cl.uint(0), Cl.stringUtf8(reason), Cl.uint(2)]);
    assert.deepEqual(postConditions(call), []);
  });

  it("executes a proposal with its declared treasury transfers as exact deny-mode post-conditions", async () => {
    const form = page.getByRole("form", { name: "Execute a proposal on Stacks" });
    assert.match(await form.getByTestId("stacks-dao-execute-why").innerText(), /deny mode.*aborts the transaction/s);
    await form.getByLabel("Proposal contract").fill(`${deployer}.proposal-treasury-spend`);
    await form.getByRole("button", { name: "Add a treasury transfer" }).click();
    await form.getByLabel("Transfer 1 amount").fill("250");
    await form.getByRole("button", { name: "Add a treasury transfer" }).click();
    await form.getByLabel("Transfer 2 asset", { exact: true }).selectOption("worx");
    await form.getByLabel("Transfer 2 amount").fill("10");
    await form.getByRole("button", { name: "Add a treasury transfer" }).click();
    await form.getByLabel("Transfer 3 amount").fill("0.5");
    const call = await send(form, "Execute", "stacks-dao-execute");
    assert.equal(call.params!.contract, contracts["proposal-voting"]);
    assert.equal(call.params!.functionName, "execute");
    assert.deepEqual(args(call), [Cl.contractPrincipal(deployer, "proposal-treasury-spend")]);
    // The two STX payments sum into one condition: deny mode checks each asset's total per sender.
    assert.deepEqual(postConditions(call), [
      { type: "stx-postcondition", address: contracts["dao-treasury"], condition: "eq", amount: "250500000" },
      { type: "ft-postcondition", address: contracts["dao-treasury"], condition: "eq", amount: "10000000", asset: `${contracts["dao-token"]}::worx` },
    ]);
  });

  it("releases the treasury's STX fees: the splitter sends exactly the typed amount owed", async () => {
    const form = page.getByRole("form", { name: "Release Stacks fees" });
    assert.equal(await form.getByLabel("Payee").inputValue(), contracts["dao-treasury"], "the treasury by default");
    await refused(form, "Release", /Enter an amount/);
    await form.getByLabel("Amount owed").fill("7.5");
    const call = await send(form, "Release", "stacks-dao-release");
    assert.equal(call.params!.contract, contracts["fee-splitter"]);
    assert.equal(call.params!.functionName, "release-stx");
    assert.deepEqual(args(call), [Cl.principal(contracts["dao-treasury"]!)]);
    assert.deepEqual(postConditions(call), [{ type: "stx-postcondition", address: contracts["fee-splitter"], condition: "eq", amount: "7500000" }]);
    await s.shot(page, "01-stacks-dao");
  });

  it("finds the checkpoint hint get-votes-at verifies (last from-height <= height) by binary search", async () => {
    const heights = [5n, 9n, 20n, 21n, 40n];
    const reads: bigint[] = [];
    const fromHeight = async (i: bigint) => (reads.push(i), heights[Number(i)]!);
    const expected = (h: bigint) => BigInt(Math.max(0, heights.filter((x) => x <= h).length - 1));
    for (const h of [0n, 4n, 5n, 8n, 9n, 19n, 20n, 21n, 39n, 40n, 1000n]) {
      assert.equal(await findCheckpointHint(BigInt(heights.length), h, fromHeight), expected(h), `height ${h}`);
    }
    assert.equal(await findCheckpointHint(0n, 10n, fromHeight), 0n, "no checkpoint: hint u0");
    reads.length = 0;
    await findCheckpointHint(BigInt(heights.length), 25n, fromHeight);
    assert.ok(reads.length <= 1 + Math.ceil(Math.log2(heights.length)), `logarithmic reads, got ${reads.length}`);
  });

  it("explains DAO error codes in words", () => {
    assert.match(explainClarityResult("(err u4106)"), /checkpoint hint does not match/);
    assert.match(explainClarityResult("(err u4202)"), /enough votes to propose/);
    assert.match(explainClarityResult("(err u4210)"), /timelock has not expired/);
    assert.match(explainClarityResult("(err u4403)"), /owes this payee nothing/);
    assert.match(explainClarityResult("(err u4103)"), /still locked/);
    for (const code of [4000, 4004, 4100, 4108, 4200, 4213, 4300, 4302, 4400, 4405, 4500, 4506, 4600, 4601])
      assert.doesNotMatch(explainClarityResult(`(err u${code})`), /rejected the call/, `u${code} has a sentence`);
  });

  it("never contacts a host other than 127.0.0.1", () => {
    assert.deepEqual(foreignRequests(s.requested), []);
  });
});
