/**
 * End to end, in a real browser: the "Stacks multisig" section of the #/stacks page (the Clarity
 * multisig, clarity/contracts/multisig.clar) on the LocalDemo stack (fixture ./stack.ts, its own
 * ports). There is no Stacks API in this stack, so operations are named by the id the page
 * computes when proposing, as a user without one would.
 *
 * The injected fake Stacks wallet (./wallets.ts) records each `stx_callContract` request; the test
 * checks the contract, function, Clarity arguments (deserialized), post-condition deny mode and
 * the exact post-conditions of: propose set-platform-fee (with the operation id shown before the
 * wallet, checked against sha256 of the contract's tuple computed here), approve, queue,
 * execute-admin, propose + execute of a STX transfer and of a SIP-010 transfer ("the multisig
 * sends exactly"), and guardian-pause. Bad input (a fee above the escrow's cap, a missing nonce,
 * a principal of another network, a malformed id, a standard address as pause target) is refused
 * with a sentence before the wallet opens. Also: sentences for multisig error codes. No request
 * leaves 127.0.0.1.
 *
 * Run: npx tsx --test --test-reporter=spec test/e2e/multisig.stacks.test.ts
 */
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { after, before, describe, it } from "node:test";
import { Cl, deserializePostConditionWire, serializeCVBytes, wireToPostCondition, type ClarityValue } from "@stacks/transactions";
import type { Locator, Page } from "playwright-core";
import { explainClarityResult } from "../../web/src/features/escrow/stacks/errors.ts";
import { foreignRequests, startStack, type E2eStack } from "./stack.ts";
import { FAKE_STX_ADDRESS, type StacksCall } from "./wallets.ts";
import { openStacksPage, txOutcome } from "./ui.ts";

const PORTS = { chain: 8555, indexer: 42087, web: 5179 };
/** `chain-id` of testnet and devnet inside Clarity. */
const TESTNET_CHAIN_ID = 0x8000_0000n;

let s: E2eStack;
let page: Page;
let contracts: Record<string, string>;
let deployer: string;

const calls = () => s.wallets.stacksCalls.filter((c) => c.method === "stx_callContract");
const args = (c: StacksCall): ClarityValue[] => (c.params!.functionArgs as string[]).map((hex) => Cl.deserialize(hex));
const postConditions = (c: StacksCall) => (c.params!.postConditions as string[]).map((hex) => wireToPostCondition(deserializePostConditionWire(hex)));
const idBuffer = (id: string) => Cl.buffer(Buffer.from(id.slice(2), "hex"));

/** operation-id = sha256(to-consensus-buff? {chain-id, multisig, nonce, target, value, data}), data = to-consensus-buff? {action, args}. */
function expectedId(nonce: bigint, target: string, value: bigint, action: string, actionArgs?: ClarityValue): string {
  const data = serializeCVBytes(actionArgs === undefined ? Cl.tuple({ action: Cl.stringAscii(action) }) : Cl.tuple({ action: Cl.stringAscii(action), args: actionArgs }));
  const tuple = Cl.tuple({
    "chain-id": Cl.uint(TESTNET_CHAIN_ID),
    multisig: Cl.principal(contracts.multisig!),
    nonce: Cl.uint(nonce),
    target: Cl.principal(target),
    value: Cl.uint(value),
    data: Cl.buffer(data),
  });
  return `0x${createHash("sha256").update(serializeCVBytes(tuple)).digest("hex")}`;
}

/** Submits with `button` and returns the wallet request it caused (asserting the page reports it sent). */
async function send(form: Locator, button: string, testId: string): Promise<StacksCall> {
  const before = calls().length;
  await form.getByRole("button", { name: button, exact: true }).click();
  const outcome = await txOutcome(form, testId);
  assert.equal(outcome.state, "sent", outcome.text);
  assert.equal(calls().length, before + 1, "exactly one wallet request");
  const call = calls().at(-1)!;
  assert.equal(call.params?.postConditionMode, "deny");
  assert.equal(call.params!.contract, contracts.multisig);
  return call;
}

/** Submits expecting a refusal: the field error `text`, and no wallet request. */
async function refused(form: Locator, button: string, text: RegExp) {
  const before = calls().length;
  await form.getByRole("button", { name: button, exact: true }).click();
  await form.locator(".field-error").filter({ hasText: text }).waitFor();
  assert.equal(calls().length, before, "bad input never reaches the wallet");
}

const proposeForm = () => page.getByRole("form", { name: "Propose a Stacks multisig operation" });
const operationForm = () => page.getByRole("form", { name: "Stacks multisig operation", exact: true });
const executeForm = () => page.getByRole("form", { name: "Execute a Stacks multisig operation" });

describe("Stacks multisig in the browser", { timeout: 300_000 }, () => {
  let feeId: string;

  before(async () => {
    s = await startStack({
      name: "multisig-stacks",
      ports: PORTS,
      prepare: async () => {
        const { stacksDeployments } = (await import("../../generated/stacks.ts")) as {
          stacksDeployments: Record<string, { deployer: string; contracts: Record<string, string> }>;
        };
        const book = stacksDeployments["stacks:2147483648"]!;
        contracts = book.contracts;
        deployer = book.deployer;
        for (const name of ["multisig", "escrow"]) assert.ok(contracts[name], `${name} is in the address book`);
      },
    });
    page = s.firstPage;
    await openStacksPage(page, s.webUrl, "stacks-multisig");
  });

  after(async () => {
    await s?.close();
    if (s) console.log(`[e2e multisig-stacks] wall time ${s.seconds()} s`);
  });

  it("proposes a platform fee with the operation id shown first; refuses a fee above the escrow's cap and a missing nonce", async () => {
    const form = proposeForm();
    assert.equal(await form.getByLabel("Action", { exact: true }).inputValue(), "set-platform-fee");
    assert.equal(await form.getByLabel("Target contract").inputValue(), contracts.escrow, "the escrow by default");
    await form.getByLabel("Platform fee (%)").fill("20.5");
    await form.getByLabel("Nonce").fill("7");
    await refused(form, "Propose", /caps the platform fee at 20%/);
    await form.getByLabel("Platform fee (%)").fill("2.5");
    await form.getByLabel("Nonce").fill("");
    await refused(form, "Propose", /Enter a nonce/);
    await form.getByLabel("Nonce").fill("7");
    feeId = expectedId(7n, contracts.escrow!, 0n, "set-platform-fee", Cl.uint(250));
    assert.equal(await form.getByTestId("stacks-multisig-op-id").innerText(), feeId, "the id the contract derives, before the wallet opens");
    const call = await send(form, "Propose", "stacks-multisig-propose");
    assert.equal(call.params!.functionName, "propose-set-platform-fee");
    assert.deepEqual(args(call), [Cl.principal(contracts.escrow!), Cl.uint(250), Cl.uint(7)]);
    assert.deepEqual(postConditions(call), []);
  });

  it("approves and queues the proposed operation by its id; refuses a malformed id", async () => {
    const form = operationForm();
    assert.equal(await form.getByLabel("Operation id").inputValue(), feeId, "the operation just proposed");
    await form.getByLabel("Operation id").fill("0x1234");
    await refused(form, "Approve", /64 hex digits/);
    await form.getByLabel("Operation id").fill(feeId);
    const approve = await send(form, "Approve", "stacks-multisig-approve");
    assert.equal(approve.params!.functionName, "approve");
    assert.deepEqual(args(approve), [idBuffer(feeId)]);
    assert.deepEqual(postConditions(approve), []);
    const queue = await send(form, "Queue", "stacks-multisig-queue");
    assert.equal(queue.params!.functionName, "queue");
    assert.deepEqual(args(queue), [idBuffer(feeId)]);
    assert.deepEqual(postConditions(queue), []);
  });

  it("executes the fee change with execute-admin on the escrow, moving nothing", async () => {
    const form = executeForm();
    assert.equal(await form.getByLabel("Operation id").inputValue(), feeId);
    assert.equal(await form.getByLabel("Operation kind").inputValue(), "admin");
    assert.equal(await form.getByLabel("Target contract").inputValue(), contracts.escrow);
    const call = await send(form, "Execute", "stacks-multisig-execute");
    assert.equal(call.params!.functionName, "execute-admin");
    assert.deepEqual(args(call), [idBuffer(feeId), Cl.principal(contracts.escrow!)]);
    assert.deepEqual(postConditions(call), []);
  });

  it("proposes and executes a STX transfer: the multisig sends exactly the amount; refuses a recipient of another network", async () => {
    const form = proposeForm();
    await form.getByLabel("Action", { exact: true }).selectOption("transfer-stx");
    await form.getByLabel("Recipient").fill("SP2J6ZY48GV1EZ5V2V5RB9MP66SW86PYKKNRV9EJ7");
    await form.getByLabel("Amount (STX)").fill("1.5");
    await form.getByLabel("Nonce").fill("8");
    await refused(form, "Propose", /another Stacks network/);
    await form.getByLabel("Recipient").fill(FAKE_STX_ADDRESS);
    const id = expectedId(8n, FAKE_STX_ADDRESS, 1_500_000n, "transfer-stx");
    assert.equal(await form.getByTestId("stacks-multisig-op-id").innerText(), id);
    const propose = await send(form, "Propose", "stacks-multisig-propose");
    assert.equal(propose.params!.functionName, "propose-transfer-stx");
    assert.deepEqual(args(propose), [Cl.principal(FAKE_STX_ADDRESS), Cl.uint(1_500_000n), Cl.uint(8)]);
    assert.deepEqual(postConditions(propose), []);

    const exec = executeForm();
    assert.equal(await exec.getByLabel("Operation kind").inputValue(), "transfer-stx");
    assert.equal(await exec.getByLabel("Amount (STX)").inputValue(), "1.5");
    assert.match(await exec.getByTestId("stacks-multisig-execute-why").innerText(), /sends exactly this amount/);
    const call = await send(exec, "Execute", "stacks-multisig-execute");
    assert.equal(call.params!.functionName, "execute");
    assert.deepEqual(args(call), [idBuffer(id)]);
    assert.deepEqual(postConditions(call), [{ type: "stx-postcondition", address: contracts.multisig, condition: "eq", amount: "1500000" }]);
  });

  it("executes a SIP-010 transfer with execute-transfer-ft: the multisig sends exactly that token amount", async () => {
    const token = `${deployer}.dao-token`;
    const form = proposeForm();
    await form.getByLabel("Action", { exact: true }).selectOption("transfer-ft");
    await form.getByLabel("Token contract").fill(token);
    await form.getByLabel("Token asset name").fill("worx");
    await form.getByLabel("Recipient").fill(FAKE_STX_ADDRESS);
    await form.getByLabel("Amount (tokens)").fill("10.25");
    await form.getByLabel("Nonce").fill("9");
    const id = expectedId(9n, token, 0n, "transfer-ft", Cl.tuple({ recipient: Cl.principal(FAKE_STX_ADDRESS), amount: Cl.uint(10_250_000n) }));
    const propose = await send(form, "Propose", "stacks-multisig-propose");
    assert.equal(propose.params!.functionName, "propose-transfer-ft");
    assert.deepEqual(args(propose), [Cl.principal(token), Cl.principal(FAKE_STX_ADDRESS), Cl.uint(10_250_000n), Cl.uint(9)]);
    assert.equal(await form.getByTestId("stacks-multisig-op-id").innerText(), id);

    const call = await send(executeForm(), "Execute", "stacks-multisig-execute");
    assert.equal(call.params!.functionName, "execute-transfer-ft");
    assert.deepEqual(args(call), [idBuffer(id), Cl.principal(token)]);
    assert.deepEqual(postConditions(call), [
      { type: "ft-postcondition", address: contracts.multisig, condition: "eq", amount: "10250000", asset: `${token}::worx` },
    ]);
  });

  it("lets the guardian pause the escrow at once; refuses a standard address as the target", async () => {
    const form = page.getByRole("form", { name: "Guardian pause on Stacks" });
    assert.equal(await form.getByLabel("Contract to pause").inputValue(), contracts.escrow);
    await form.getByLabel("Contract to pause").fill(FAKE_STX_ADDRESS);
    await refused(form, "Pause", /not a contract principal/);
    await form.getByLabel("Contract to pause").fill(contracts.escrow!);
    const call = await send(form, "Pause", "stacks-multisig-pause");
    assert.equal(call.params!.functionName, "guardian-pause");
    assert.deepEqual(args(call), [Cl.principal(contracts.escrow!)]);
    assert.deepEqual(postConditions(call), []);
    await s.shot(page, "01-stacks-multisig");
  });

  it("explains multisig error codes in words", () => {
    assert.match(explainClarityResult("(err u2000)"), /Only an owner of the multisig/);
    assert.match(explainClarityResult("(err u2031)"), /Not enough approvals/);
    assert.match(explainClarityResult("(err u2036)"), /timelock has not elapsed/);
    assert.match(explainClarityResult("(err u2038)"), /choose another nonce/);
    assert.match(explainClarityResult("(err u2042)"), /holds less STX/);
    for (const code of [2001, 2002, 2003, 2004, 2010, 2011, 2012, 2013, 2014, 2015, 2016, 2017, 2018, 2019, 2020, 2021, 2022, 2030, 2032, 2033, 2034, 2035, 2037, 2040, 2041, 2043])
      assert.doesNotMatch(explainClarityResult(`(err u${code})`), /rejected the call/, `u${code} has a sentence`);
  });

  it("never contacts a host other than 127.0.0.1", () => {
    assert.deepEqual(foreignRequests(s.requested), []);
  });
});
