/**
 * End to end, in a real browser: the "Stacks creator coins" section of the #/stacks page (the
 * Clarity DEX, clarity/contracts/dex/) on the LocalDemo stack (fixture ./stack.ts, its own ports).
 *
 * Unlike the other Stacks suites, this one gives the page a Stacks API: the local Stacks devnet of
 * `npm start` (scripts/dev/stacksDevnet/: a Clarinet simnet of this repository's contracts behind
 * a Stacks-API-shaped server on 127.0.0.1; seeded here: creator "dave" launched DAVE with
 * liquidity, creator "bob" — the fake wallet's address — past the launch milestone). It answers
 * read-only calls, contract interfaces and the latest block's time, and plays the network for the
 * fake wallet (./wallets.ts): each captured request is signed with the wallet address's devnet key
 * and broadcast to the devnet, which runs it on the simnet, checks its post-conditions against the
 * assets it moved (deny mode) and reports the status the page's polling sees. So every request
 * below is checked twice: exactly (contract, function, Clarity arguments, post-conditions, deny
 * mode), and by the contracts accepting it.
 *
 * Covered: metrics and milestone progress; launch (template deploy, byte for byte, then
 * creator-factory launch); buy exact-in and sell exact-out with quotes from live reserves equal to
 * the pool's own get-amount-out / get-amount-in; add liquidity; deposit and claim revenue; refusals
 * before the wallet (zero amount, min-out not met after another trade moved the price, deadline in
 * the past on the chain's clock); sentences for every DEX error code. No request leaves 127.0.0.1.
 *
 * Run: npx tsx --test --test-reporter=spec test/e2e/dex.stacks.test.ts
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { keccak_256 } from "@noble/hashes/sha3.js";
import { Cl, cvToString, deserializePostConditionWire, wireToPostCondition, type ClarityValue, type PostCondition } from "@stacks/transactions";
import type { Locator, Page } from "playwright-core";
import { repoRoot } from "../../scripts/dev/stack.ts";
import { quietly } from "../../scripts/dev/stacksDevnet/simnetChain.ts";
import { startStacksDevnet, type StacksDevnet, type WalletRequest } from "../../scripts/dev/stacksDevnet/index.ts";
import { explainClarityResult } from "../../web/src/features/escrow/stacks/errors.ts";
import { foreignRequests, startStack, type E2eStack } from "./stack.ts";
import { eventually, openStacksPage, txOutcome } from "./ui.ts";
import { FAKE_STX_ADDRESS, FAKE_TXID, type StacksCall } from "./wallets.ts";

const PORTS = { chain: 8558, indexer: 42091, web: 5181 };
/** The devnet's Stacks API of this suite. */
const API_PORT = 42191;
const ME = FAKE_STX_ADDRESS; // simnet wallet_2
const ONE = 1_000_000n; // one whole coin or dUSD (6 decimals)
const TEMPLATE_SOURCE = readFileSync(join(repoRoot, "clarity/contracts/dex/creator-coin.clar"), "utf8");

let devnet: StacksDevnet;
let simnet: StacksDevnet["chain"]["simnet"];
let s: E2eStack;
let page: Page;
let deployer: string;
let c: { oracle: string; factory: string; pool: string; base: string };
let daveCoin: string;

const creatorId = (handle: string) => keccak_256(new TextEncoder().encode(`worx:creator:${handle}`));
const calls = () => s.wallets.stacksCalls.filter((x) => x.method === "stx_callContract" || x.method === "stx_deployContract");
const args = (x: StacksCall): ClarityValue[] => (x.params!.functionArgs as string[]).map((hex) => Cl.deserialize(hex));
const postConditions = (x: StacksCall): PostCondition[] => ((x.params!.postConditions as string[] | undefined) ?? []).map((hex) => wireToPostCondition(deserializePostConditionWire(hex)));
const ft = (address: string, condition: string, amount: bigint, asset: string) => ({ type: "ft-postcondition", address, condition, amount: amount.toString(), asset });

// ------------------------------------------------------------------ the devnet's simnet

function ok(r: { result: ClarityValue }, what: string) {
  assert.equal(r.result.type, "ok", `${what}: ${cvToString(r.result)}`);
  return r.result;
}
const pub = (contract: string, fn: string, a: ClarityValue[], sender: string) => ok(quietly(() => simnet.callPublicFn(contract, fn, a, sender)), `${contract} ${fn}`);
const ro = (contract: string, fn: string, a: ClarityValue[] = []) => simnet.callReadOnlyFn(contract, fn, a, deployer).result;
const roUint = (contract: string, fn: string, a: ClarityValue[] = []) => {
  let v = ro(contract, fn, a);
  while (v.type === "ok" || v.type === "some") v = v.value;
  assert.equal(v.type, "uint", `${fn}: ${cvToString(v)}`);
  return BigInt(v.value);
};
const reserves = (coin: string) => {
  const v = ro(c.pool, "get-reserves", [Cl.principal(coin)]);
  assert.equal(v.type, "some");
  const t = (v as { value: { value: Record<string, { value: bigint }> } }).value.value;
  return { coin: BigInt(t["reserve-coin"]!.value), base: BigInt(t["reserve-base"]!.value) };
};

let executed = 0;
let executing = Promise.resolve();

/**
 * Broadcasts the wallet's requests not run yet, in order, as the wallet's address (signed with its
 * devnet key); runs before the devnet answers any request, so the page's polling sees them mined.
 */
function executePending(): Promise<void> {
  // A request the devnet refused fails the answer it was run for (500), not the ones after it.
  executing = executing.catch(() => undefined).then(async () => {
    const all = calls();
    while (executed < all.length) {
      const x = all[executed++]!;
      const r = await devnet.chain.submit(ME, { method: x.method, params: x.params } as WalletRequest);
      // The fake wallet answers every request with FAKE_TXID: that is the id the page polls.
      devnet.chain.txs.set(FAKE_TXID, r);
      if (r.postConditionViolation) console.log(`[e2e dex-stacks] post-condition violation: ${r.postConditionViolation}`);
    }
  });
  return executing;
}

/** The seeded market: dave (wallet_4) launched DAVE with liquidity; bob (the wallet) may launch. */
function seed() {
  const accounts = simnet.getAccounts();
  const dave = accounts.get("wallet_4")!;
  const reporter = accounts.get("wallet_5")!;
  deployer = simnet.deployer;
  c = { oracle: `${deployer}.metrics-oracle`, factory: `${deployer}.creator-factory`, pool: `${deployer}.creator-pool`, base: `${deployer}.mock-sip010` };
  if (!simnet.callReadOnlyFn(c.oracle, "is-reporter", [Cl.principal(reporter)], deployer).result.type.startsWith("true"))
    pub(c.oracle, "set-reporter", [Cl.principal(reporter), Cl.bool(true)], deployer);
  if (ro(c.factory, "get-base-token").type === "none") pub(c.factory, "set-base-token", [Cl.principal(c.base)], deployer);
  const report = (handle: string, creator: string, followers: bigint, nonce: bigint) =>
    pub(
      c.oracle,
      "report",
      [Cl.buffer(creatorId(handle)), Cl.principal(creator), Cl.uint(4_200n), Cl.uint(followers), Cl.uint(350n), Cl.uint(simnet.getBlockTime()), Cl.uint(nonce)],
      reporter,
    );
  report("dave", dave, 1_200n, 1n);
  assert.equal(simnet.deployContract("dave-coin", TEMPLATE_SOURCE, { clarityVersion: 4 }, dave).result.type, "true");
  daveCoin = `${dave}.dave-coin`;
  pub(
    c.factory,
    "launch",
    [
      Cl.contractPrincipal(dave, "dave-coin"),
      Cl.buffer(creatorId("dave")),
      Cl.stringAscii("Dave Coin"),
      Cl.stringAscii("DAVE"),
      Cl.uint(1_000_000n * ONE),
      Cl.list([Cl.uint(250_000n * ONE), Cl.uint(250_000n * ONE)]),
      Cl.uint(1_000n),
    ],
    dave,
  );
  for (const [who, amount] of [
    [dave, 10_000n],
    [ME, 1_000n],
    [accounts.get("wallet_1")!, 2_000n],
  ] as const)
    pub(c.base, "mint", [Cl.uint(amount * ONE), Cl.principal(who)], deployer);
  pub(
    c.pool,
    "add-liquidity",
    [Cl.principal(daveCoin), Cl.principal(c.base), Cl.uint(500_000n * ONE), Cl.uint(5_000n * ONE), Cl.uint(0), Cl.uint(0), Cl.principal(dave), Cl.uint(simnet.getBlockTime() + 600n)],
    dave,
  );
  report("dave", dave, 5_600n, 2n); // milestone 1 reached: its release is due
  report("bob", ME, 1_200n, 1n);
  report("carol", accounts.get("wallet_3")!, 1_500n, 1n);
}

// ------------------------------------------------------------------ page helpers

/** Submits with `button` and returns the wallet request it caused; the simnet must confirm it. */
async function send(form: Locator, button: string, testId: string): Promise<StacksCall> {
  const before = calls().length;
  await form.getByRole("button", { name: button, exact: true }).click();
  // The form re-reads the chain before asking the wallet, while the last trade's outcome is still
  // shown: wait for this request first, so the outcome read below is this one's.
  await eventually(async () => assert.ok(calls().length > before, "no wallet request yet"));
  const outcome = await txOutcome(form, testId);
  assert.equal(outcome.state, "confirmed", outcome.text);
  assert.equal(calls().length, before + 1, "exactly one wallet request");
  const x = calls().at(-1)!;
  assert.equal(x.params?.postConditionMode, "deny");
  return x;
}

/** Clicks `button` expecting the refusal `text` in `form`, and no wallet request. */
async function refused(form: Locator, button: string, text: RegExp) {
  const before = calls().length;
  await form.getByRole("button", { name: button, exact: true }).click();
  await form.locator(".field-error").filter({ hasText: text }).waitFor();
  assert.equal(calls().length, before, "refused before the wallet");
}

async function openCreator(handle: string) {
  const open = page.getByRole("form", { name: "Open a Stacks creator" });
  await open.getByLabel("Creator handle").fill(handle);
  await open.getByRole("button", { name: "Open creator" }).click();
  await page.locator(`[data-testid="stacks-dex-creator"][data-handle="${handle}"]`).waitFor();
}

const swapForm = () => page.getByRole("form", { name: "Swap on Stacks" });

async function quote(o: { side: "Buy" | "Sell"; mode: "Pay exactly" | "Receive exactly"; amount: string; deadline?: string }) {
  const form = swapForm();
  await form.getByLabel(`${o.side} DAVE`).check();
  await form.getByLabel(o.mode).check();
  await form.getByLabel(/^Amount/).fill(o.amount);
  await form.getByLabel("Deadline (minutes)").fill(o.deadline ?? "30");
  await form.getByRole("button", { name: "Quote" }).click();
  await form.getByTestId("stacks-dex-quote").waitFor();
  return BigInt((await form.getByTestId("stacks-dex-quote-deadline").getAttribute("data-deadline"))!);
}

/** "1,234.5678 DAVE" → units (6 decimals). */
const units = (text: string) => {
  const [whole, fraction = ""] = text.trim().split(" ")[0]!.replace(/,/g, "").split(".");
  return BigInt(whole! + fraction.padEnd(6, "0"));
};

/** Mines blocks until the next swap of the wallet is past the pool's 30 s cooldown. */
const passCooldown = () => simnet.mineEmptyBlocks(4);

describe("Stacks creator coins in the browser", { timeout: 300_000 }, () => {
  before(async () => {
    devnet = await startStacksDevnet({ apiPort: API_PORT, beforeRequest: executePending });
    simnet = devnet.chain.simnet;
    quietly(seed);
    // The SPA dev server inherits it (startProcess passes process.env): chains/stacks.ts stacksApiUrl.
    process.env.VITE_STACKS_API_URL_TESTNET = devnet.url;
    s = await startStack({
      name: "dex-stacks",
      ports: PORTS,
      prepare: async () => {
        const { stacksDeployments } = (await import("../../generated/stacks.ts")) as {
          stacksDeployments: Record<string, { deployer: string; contracts: Record<string, string> }>;
        };
        const book = stacksDeployments["stacks:2147483648"]!;
        assert.equal(book.deployer, simnet.deployer, "the registry's devnet deployer is the simnet's");
        for (const name of ["metrics-oracle", "creator-factory", "creator-pool", "creator-coin"]) assert.equal(book.contracts[name], `${deployer}.${name}`, `${name} in the address book`);
      },
    });
    page = s.firstPage;
    await openStacksPage(page, s.webUrl, "stacks-dex");
  });

  after(async () => {
    await s?.close();
    await devnet?.close();
    if (s) console.log(`[e2e dex-stacks] wall time ${s.seconds()} s`);
  });

  it("shows a creator's metrics and milestone progress from the oracle", async () => {
    await openCreator("dave");
    const metrics = page.getByTestId("stacks-dex-metrics");
    assert.match(await metrics.getByTestId("stacks-dex-metrics-values").innerText(), /^5,600 followers · 4,200 plays · engagement 3\.5%/);
    const progress = metrics.getByTestId("milestone-progress");
    assert.equal(await progress.getAttribute("data-reached"), "2", "1,000 and 5,000 reached");
    assert.match(await progress.getByTestId("milestone-next").innerText(), /5,600 of 10,000 followers \(56%\) towards milestone 3/);
    assert.match(await metrics.getByTestId("stacks-dex-launch-status").innerText(), new RegExp(`Coin launched: ${daveCoin}`));
  });

  it("refuses to launch another creator's coin before the wallet", async () => {
    await openCreator("carol");
    const form = page.getByRole("form", { name: "Launch a Stacks creator coin" });
    await form.getByLabel("Coin name").fill("Carol Coin");
    await form.getByLabel("Symbol").fill("CAROL");
    await form.getByLabel("Initial supply (coins)").fill("1000");
    await refused(form, "2. Launch coin", new RegExp(`Only the creator's wallet \\(${simnet.getAccounts().get("wallet_3")}`));
    await refused(form, "1. Deploy coin contract", /Only the creator's wallet/);
  });

  it("launches bob's coin: deploys the template byte for byte, then creator-factory launch, moving nothing", async () => {
    await openCreator("bob");
    const form = page.getByRole("form", { name: "Launch a Stacks creator coin" });
    await form.getByLabel("Coin name").fill("Bob Coin");
    await form.getByLabel("Symbol").fill("BOB");
    await form.getByLabel("Initial supply (coins)").fill("1000000");
    await form.getByLabel(/^Releases at later milestones/).fill("250000, 125000.5");
    await form.getByLabel("Holders' share of revenue (%)").fill("101");
    await refused(form, "2. Launch coin", /can't be more than 100%/);
    await form.getByLabel("Holders' share of revenue (%)").fill("12.5");
    assert.equal(await form.getByLabel("Contract name").inputValue(), "bob-coin");

    const before = calls().length;
    await form.getByRole("button", { name: "1. Deploy coin contract" }).click();
    assert.equal((await txOutcome(form, "stacks-dex-deploy")).state, "sent");
    assert.equal(calls().length, before + 1);
    const deploy = calls().at(-1)!;
    assert.equal(deploy.method, "stx_deployContract");
    assert.equal(deploy.params!.name, "bob-coin");
    assert.equal(deploy.params!.clarityCode, TEMPLATE_SOURCE, "the template's exact bytes");
    assert.equal(Number(deploy.params!.clarityVersion), 4);
    assert.equal(deploy.params!.postConditionMode, "deny");
    assert.deepEqual(postConditions(deploy), []);

    const launch = await send(form, "2. Launch coin", "stacks-dex-launch");
    assert.equal(launch.params!.contract, c.factory);
    assert.equal(launch.params!.functionName, "launch");
    assert.deepEqual(args(launch), [
      Cl.contractPrincipal(ME, "bob-coin"),
      Cl.buffer(creatorId("bob")),
      Cl.stringAscii("Bob Coin"),
      Cl.stringAscii("BOB"),
      Cl.uint(1_000_000n * ONE),
      Cl.list([Cl.uint(250_000n * ONE), Cl.uint(125_000_500_000n)]),
      Cl.uint(1_250),
    ]);
    assert.deepEqual(postConditions(launch), []);
    // The simnet ran both: the factory accepted the copy's code hash and listed it.
    assert.equal(cvToString(ro(c.factory, "get-coin-of", [Cl.buffer(creatorId("bob"))])), `(some ${ME}.bob-coin)`);
    assert.equal(roUint(`${ME}.bob-coin`, "get-balance", [Cl.principal(ME)]), 1_000_000n * ONE);
    await form.getByRole("button", { name: "Open the coin's market" }).click();
    await page.getByRole("heading", { name: `Bob Coin (BOB) · ${ME}.bob-coin` }).waitFor();
    assert.match(await page.getByTestId("stacks-dex-launch-status").innerText(), /Coin launched/);
  });

  it("buys DAVE exact-in: quote from live reserves, the wallet sends exactly amount-in, the pool at least min-out", async () => {
    await openCreator("dave");
    const deadline = await quote({ side: "Buy", mode: "Pay exactly", amount: "100" });
    const form = swapForm();
    const expected = roUint(c.pool, "get-amount-out", [Cl.principal(daveCoin), Cl.principal(c.base), Cl.uint(100n * ONE)]);
    assert.equal(units(await form.getByTestId("stacks-dex-quote-out").innerText()), expected, "the pool's own get-amount-out");
    const minOut = (expected * 9_950n) / 10_000n; // 0.5% slippage
    assert.equal(units(await form.getByTestId("stacks-dex-quote-limit").innerText()), minOut);
    const impact = roUint(c.pool, "get-price-impact-bps", [Cl.principal(daveCoin), Cl.principal(c.base), Cl.uint(100n * ONE)]);
    assert.equal(await form.getByTestId("stacks-dex-quote-impact").innerText(), `${Number(impact) / 100}%`);
    const now = simnet.getBlockTime();
    assert.ok(deadline >= now + 1_800n && deadline <= now + 1_810n, `deadline ${deadline} = chain time ${now} + 30 min`);

    const x = await send(form, "Swap", "stacks-dex-swap");
    assert.equal(x.params!.contract, c.pool);
    assert.equal(x.params!.functionName, "swap-exact-in");
    assert.deepEqual(args(x), [Cl.principal(daveCoin), Cl.principal(c.base), Cl.principal(c.base), Cl.uint(100n * ONE), Cl.uint(minOut), Cl.principal(ME), Cl.uint(deadline)]);
    assert.deepEqual(postConditions(x), [ft(ME, "eq", 100n * ONE, `${c.base}::demo-usd`), ft(c.pool, "gte", minOut, `${daveCoin}::creator-coin`)]);
    assert.equal(roUint(daveCoin, "get-balance", [Cl.principal(ME)]), expected, "the simnet paid the quoted output");
  });

  it("sells DAVE exact-out: the wallet sends at most max-in, the pool exactly amount-out (after refusing a trade within the cooldown)", async () => {
    await quote({ side: "Sell", mode: "Receive exactly", amount: "10" });
    await refused(swapForm(), "Swap", /Your last trade on this pool was less than 30 s ago/);
    passCooldown();
    const deadline = await quote({ side: "Sell", mode: "Receive exactly", amount: "10" });
    const form = swapForm();
    const amountIn = roUint(c.pool, "get-amount-in", [Cl.principal(daveCoin), Cl.principal(daveCoin), Cl.uint(10n * ONE)]);
    assert.equal(units(await form.getByTestId("stacks-dex-quote-in").innerText()), amountIn, "the pool's own get-amount-in");
    const maxIn = (amountIn * 10_050n + 9_999n) / 10_000n;
    assert.equal(units(await form.getByTestId("stacks-dex-quote-limit").innerText()), maxIn);
    const x = await send(form, "Swap", "stacks-dex-swap");
    assert.equal(x.params!.functionName, "swap-exact-out");
    assert.deepEqual(args(x), [Cl.principal(daveCoin), Cl.principal(c.base), Cl.principal(daveCoin), Cl.uint(10n * ONE), Cl.uint(maxIn), Cl.principal(ME), Cl.uint(deadline)]);
    assert.deepEqual(postConditions(x), [ft(ME, "lte", maxIn, `${daveCoin}::creator-coin`), ft(c.pool, "eq", 10n * ONE, `${c.base}::demo-usd`)]);
  });

  it("refuses before the wallet: a zero amount, min-out not met after the price moved, a deadline in the past", async () => {
    passCooldown();
    const form = swapForm();
    await form.getByLabel("Buy DAVE").check();
    await form.getByLabel("Pay exactly").check();
    await form.getByLabel(/^Amount/).fill("0");
    await refused(form, "Quote", /more than zero/);

    await quote({ side: "Buy", mode: "Pay exactly", amount: "50" });
    // Another trader buys first: the price rises beyond the 0.5% tolerance (a sandwich's front-run).
    pub(c.pool, "swap-exact-in", [Cl.principal(daveCoin), Cl.principal(c.base), Cl.principal(c.base), Cl.uint(300n * ONE), Cl.uint(1), Cl.principal(simnet.getAccounts().get("wallet_1")!), Cl.uint(simnet.getBlockTime() + 600n)], simnet.getAccounts().get("wallet_1")!);
    await refused(form, "Swap", /min-out not met/);

    await quote({ side: "Buy", mode: "Pay exactly", amount: "50", deadline: "1" });
    simnet.mineEmptyBurnBlock(); // ten minutes pass on the chain
    await refused(form, "Swap", /deadline of this quote .* is in the past on the chain's clock/);
  });

  it("adds liquidity at the pool's ratio: between min and desired of each token leaves the wallet", async () => {
    const form = page.getByRole("form", { name: "Add Stacks liquidity" });
    await form.getByLabel("DAVE amount").fill("1000");
    await form.getByLabel("DUSD amount").fill("50");
    await form.getByLabel("Deadline (minutes)").fill("30");
    const r = reserves(daveCoin);
    const baseOptimal = (1_000n * ONE * r.base) / r.coin;
    assert.ok(baseOptimal <= 50n * ONE, "the coin side is taken whole");
    const x = await send(form, "Add liquidity", "stacks-dex-add-liquidity");
    assert.equal(x.params!.contract, c.pool);
    assert.equal(x.params!.functionName, "add-liquidity");
    const a = args(x);
    const minCoin = (1_000n * ONE * 9_950n) / 10_000n;
    const minBase = (baseOptimal * 9_950n) / 10_000n;
    assert.deepEqual(a.slice(0, 7), [Cl.principal(daveCoin), Cl.principal(c.base), Cl.uint(1_000n * ONE), Cl.uint(50n * ONE), Cl.uint(minCoin), Cl.uint(minBase), Cl.principal(ME)]);
    assert.deepEqual(postConditions(x), [
      ft(ME, "gte", minCoin, `${daveCoin}::creator-coin`),
      ft(ME, "lte", 1_000n * ONE, `${daveCoin}::creator-coin`),
      ft(ME, "gte", minBase, `${c.base}::demo-usd`),
      ft(ME, "lte", 50n * ONE, `${c.base}::demo-usd`),
    ]);
    assert.ok(roUint(c.pool, "get-lp-balance", [Cl.principal(daveCoin), Cl.principal(ME)]) > 0n, "LP shares minted on the simnet");
  });

  it("deposits revenue (exactly the amount leaves the wallet), then claims the holder share (exactly the claimable leaves the coin)", async () => {
    const deposit = page.getByRole("form", { name: "Deposit Stacks revenue" });
    await deposit.getByLabel("Amount (DUSD)").fill("0");
    await refused(deposit, "Deposit", /more than zero/);
    await deposit.getByLabel("Amount (DUSD)").fill("20");
    const d = await send(deposit, "Deposit", "stacks-dex-deposit");
    assert.equal(d.params!.contract, daveCoin);
    assert.equal(d.params!.functionName, "deposit-revenue");
    assert.deepEqual(args(d), [Cl.principal(c.base), Cl.uint(20n * ONE)]);
    assert.deepEqual(postConditions(d), [ft(ME, "eq", 20n * ONE, `${c.base}::demo-usd`)]);

    const claimable = roUint(daveCoin, "get-claimable-revenue", [Cl.principal(ME)]);
    assert.ok(claimable > 0n, "the wallet held DAVE at the deposit");
    const claim = page.getByRole("form", { name: "Claim Stacks revenue" });
    const x = await send(claim, "Claim", "stacks-dex-claim");
    assert.equal(x.params!.contract, daveCoin);
    assert.equal(x.params!.functionName, "claim-revenue");
    assert.deepEqual(args(x), [Cl.principal(c.base)]);
    assert.deepEqual(postConditions(x), [ft(daveCoin, "eq", claimable, `${c.base}::demo-usd`)]);
    assert.equal(roUint(daveCoin, "get-claimable-revenue", [Cl.principal(ME)]), 0n);
    await s.shot(page, "01-stacks-dex");
  });

  it("releases milestone 2's supply once reached, moving nothing", async () => {
    const releases = page.getByRole("group", { name: "Stacks supply releases" });
    const x = await send(releases, "Release milestone 2", "stacks-dex-release");
    assert.equal(x.params!.contract, daveCoin);
    assert.equal(x.params!.functionName, "release");
    assert.deepEqual(args(x), [Cl.principal(c.oracle), Cl.uint(1)]);
    assert.deepEqual(postConditions(x), []);
    await releases.locator('li[data-index="1"][data-released="true"]').waitFor();
  });

  it("explains every DEX error code in words", () => {
    assert.match(explainClarityResult("(err u5313)"), /less than your minimum/);
    assert.match(explainClarityResult("(err u5310)"), /deadline passed/);
    assert.match(explainClarityResult("(err u5214)"), /exact copy of the coin template/);
    assert.match(explainClarityResult("(err u5210)"), /Only the creator's wallet/);
    const codes = [...readFileSync(join(repoRoot, "clarity/contracts/dex/metrics-oracle.clar"), "utf8").matchAll(/define-constant ERR-[A-Z-]+ \(err u(\d+)\)/g)].map((m) => m[1]);
    for (const file of ["creator-coin", "creator-factory", "creator-pool"])
      codes.push(...[...readFileSync(join(repoRoot, `clarity/contracts/dex/${file}.clar`), "utf8").matchAll(/define-constant ERR-[A-Z-]+ \(err u(\d+)\)/g)].map((m) => m[1]));
    assert.ok(codes.length >= 60);
    for (const code of codes) assert.doesNotMatch(explainClarityResult(`(err u${code})`), /rejected the call/, `u${code} has a sentence`);
  });

  it("never contacts a host other than 127.0.0.1", () => {
    assert.deepEqual(foreignRequests(s.requested), []);
  });
});
