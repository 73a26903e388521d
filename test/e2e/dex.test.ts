/**
 * Creator coins and the DEX end to end, in a real browser: MetricsOracle, CreatorCoinFactory,
 * the coin and its CreatorPool on the LocalDemo deployment (local default pool parameters: fee
 * 0.3%, daily limit 10,000 dUSD per address, cooldown 30 s, circuit breaker 25% per hour with a
 * 1 h cool-off, price-impact cap 10%), the Ponder indexer and the SPA (fixture ./stack.ts, its own
 * ports), wallets injected per page (./wallets.ts, transactions signed by the node).
 *
 * Before indexing, through viem: dUSD minted to dave (#4, the creator), alice (#1) and bob (#2);
 * the reporter (#6) reports creator "dave" at 600 followers (scripts/dev/reportMetrics.ts).
 *
 * In the browser: dave's creator page shows 60% of the way to the launch milestone and no launch
 * form; the reporter posts 1,200 followers and the page offers dave the launch form, which refuses
 * bad input next to its fields before the wallet; dave launches "Dave Coin" (DAVE) and adds the
 * first liquidity in the UI (500,000 DAVE + 5,000 dUSD). Alice buys for 100 dUSD with the expected
 * output shown (equal to the pool's own getAmountOut) and the chart shows the candle; her next buy is
 * refused before the wallet by the cooldown (its countdown shown); bob moves the price (a script),
 * and alice's quote, kept at 0.1% slippage, is refused before the wallet until she accepts the new
 * one; her buy then changes the chart. A third buy (bob) trips the circuit breaker: alice's page
 * shows the halted banner with the time trading resumes and refuses her buy; the pool's own revert
 * reads the same in words. The multisig lowers the pool's daily limit to 150 dUSD: a 200 dUSD buy is
 * refused before the wallet with what remains today. Dave deposits 1,000 dUSD of revenue in the UI;
 * alice claims hers from the portfolio (cost basis and P/L from the indexer) and her dUSD balance
 * grows by exactly the claimable amount; dave sees his creator share. At 5,200 followers milestone 2
 * is reached and anyone releases its 250,000 DAVE to dave from the creator page. No request leaves
 * 127.0.0.1.
 *
 * Run: npx tsx --test --test-reporter=spec test/e2e/dex.test.ts   (screenshots: test-results/e2e/dex-*.png)
 */
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { Page } from "playwright-core";
import { createWalletClient, encodeFunctionData, http, parseEventLogs, parseUnits, type Address, type Hash } from "viem";
import { hardhat } from "viem/chains";
import { localAccount } from "../../scripts/dev/accounts.ts";
import { creatorIdOf, reportMetrics } from "../../scripts/dev/reportMetrics.ts";
import { formatToken } from "../../web/src/features/dex/format.ts";
import { explainError } from "../../web/src/tx/errors.ts";
import { foreignRequests, startStack, type ChainHandles, type E2eStack } from "./stack.ts";
import { eventually, expectConfirmed, INDEXER_TIMEOUT, txOutcome } from "./ui.ts";

const PORTS = { chain: 8557, indexer: 42090, web: 5180 };
const CHAIN = "eip155:31337";
const ADMIN = localAccount(0);
const ALICE = localAccount(1);
const BOB = localAccount(2);
const DAVE = localAccount(4);
const REPORTER = localAccount(6);
const DAVE_ID = creatorIdOf("dave");
const dusd = (n: string) => parseUnits(n, 6);
const coins = (n: string) => parseUnits(n, 18);

let s: E2eStack;
let oracle: Address;
let factory: Address;
let coin: Address;
let pool: Address;
let davePage: Page;
let alicePage: Page;
/** DAVE alice bought (her three buys) and paid in her exact-out sale. */
let aliceBoughtCoin = 0n;
let alicePaidCoin = 0n;

const sent = () => s.wallets.evmRequests.filter((r) => r.method === "eth_sendTransaction").length;

async function advance(seconds: number) {
  await s.testClient.increaseTime({ seconds });
  await s.testClient.mine({ blocks: 1 });
}

async function read<T>(address: Address, abi: readonly unknown[], functionName: string, args: readonly unknown[] = []): Promise<T> {
  return (await s.publicClient.readContract({ address, abi, functionName, args } as never)) as T;
}

/** Sends a transaction through viem as `account` (outside the browser) and waits for success. */
async function sendAs(chain: ChainHandles, account: typeof BOB, address: Address, abi: readonly unknown[], functionName: string, args: readonly unknown[]) {
  const hash: Hash = await createWalletClient({ chain: hardhat, transport: http(chain.rpcUrl), account }).writeContract({ address, abi, functionName, args } as never);
  const receipt = await chain.publicClient.waitForTransactionReceipt({ hash });
  assert.equal(receipt.status, "success", `${functionName} succeeded`);
  return receipt;
}

/** The reporter (#6) posts dave's followers through the shared helper. */
async function reportDave(chain: ChainHandles, followers: number) {
  return reportMetrics(
    { transport: http(chain.rpcUrl), oracle, abi: chain.abis.metricsOracleAbi, reporter: REPORTER },
    { handle: "dave", creator: DAVE.address, followers, plays: followers * 40, engagementBps: 350 },
  );
}

/** Bob buys `amount` dUSD of DAVE directly on the pool (another trader, outside the browser). */
async function bobBuys(amount: bigint) {
  await sendAs(s, BOB, s.dusdAddress, s.abis.demoStablecoinAbi, "approve", [pool, amount]);
  const now = (await s.publicClient.getBlock()).timestamp;
  return sendAs(s, BOB, pool, s.abis.creatorPoolAbi, "swapExactIn", [s.dusdAddress, amount, 0n, BOB.address, now + 600n]);
}

async function prepare(chain: ChainHandles) {
  const { evmContract } = await import("../../generated/deployments.ts");
  oracle = evmContract(CHAIN, "MetricsOracle");
  factory = evmContract(CHAIN, "CreatorCoinFactory");
  for (const [who, amount] of [
    [DAVE, dusd("20000")],
    [ALICE, dusd("5000")],
    [BOB, dusd("5000")],
  ] as const)
    await sendAs(chain, who, chain.dusdAddress, chain.abis.demoStablecoinAbi, "mint", [who.address, amount]);
  await reportDave(chain, 600);
}

describe("creator coins and the DEX in the browser", { timeout: 900_000 }, () => {
  before(async () => {
    s = await startStack({ name: "dex", ports: PORTS, prepare });
    davePage = s.firstPage;
  });

  after(async () => {
    await s?.close();
    if (s) console.log(`[e2e dex] wall time ${s.seconds()} s`);
  });

  it("shows a creator's progress towards the launch milestone, and no launch form before it", async () => {
    await s.connect(davePage, DAVE.address, `#/creator/${CHAIN}/dave`);
    const page = davePage.getByTestId("creator-page");
    await page.waitFor();
    assert.equal(await davePage.getByTestId("creator-name").innerText(), "@dave");
    await eventually(async () => assert.equal(await davePage.getByTestId("creator-followers").innerText(), "600"));
    assert.equal(
      await davePage.getByTestId("milestone-next").innerText(),
      "600 of 1,000 followers (60%) towards milestone 1, the launch milestone: reaching it lets the creator launch a coin.",
    );
    assert.match(await davePage.getByTestId("launch-status").innerText(), /^No coin yet: a coin can be launched at 1,000 followers \(400 to go\)\.$/);
    assert.equal(await davePage.getByTestId("launch-form").count(), 0);
    await s.shot(davePage, "01-creator-below-launch");
  });

  it("lets dave launch his coin once the reporter posts him past the launch milestone, refusing bad input before the wallet", async () => {
    const crossed = await reportDave(s, 1_200);
    const reached = parseEventLogs({ abi: s.abis.metricsOracleAbi, eventName: "MilestoneReached", logs: crossed.receipt.logs });
    assert.deepEqual(
      reached.map((l) => [l.args.index, l.args.threshold]),
      [[0n, 1_000n]],
    );
    const form = davePage.getByTestId("launch-form");
    await form.waitFor();
    assert.equal(await davePage.getByTestId("milestone-progress").getAttribute("data-reached"), "1");
    assert.match(await davePage.getByTestId("milestone-next").innerText(), /^1,200 of 5,000 followers \(24%\) towards milestone 2/);

    const before = sent();
    await form.getByTestId("launch").click();
    await form.getByText("Give the coin a name, like “Dave Coin”.").waitFor();
    await form.getByText("Give the coin a ticker symbol, like DAVE.").waitFor();
    await form.getByText("Enter an amount.").waitFor();
    await form.getByLabel("Name").fill("Dave Coin");
    await form.getByLabel("Symbol").fill("DAVE");
    await form.getByLabel("Initial supply").fill("1000000");
    await form.getByLabel("At 5,000 followers (milestone 2)").fill("250000");
    await form.getByLabel("At 10,000 followers (milestone 3)").fill("250000");
    const share = form.getByLabel("Holders' share of revenue (%)");
    assert.equal(await share.inputValue(), "10", "10% by default");
    await share.fill("150");
    await form.getByTestId("launch").click();
    await form.getByText("The share can't be more than 100%.").waitFor();
    assert.equal(sent(), before, "the wallet was not asked");
    await share.fill("10");
    assert.equal(await form.getByTestId("launch-preview").innerText(), "DAVE: 1,000,000 now, at most 1,500,000 ever; holders earn 10% of each revenue deposit.");
    await s.shot(davePage, "02-launch-form");
    await form.getByTestId("launch").click();
    // Once confirmed the page turns into the coin's: the form (and its status) gives way to the coin summary.
    const summary = davePage.getByTestId("coin-summary");
    await davePage.locator('[data-testid="coin-summary"], [data-testid="tx-launch"][data-state="failed"]').first().waitFor({ timeout: 30_000 });
    assert.equal(await summary.count(), 1, (await form.getByTestId("tx-launch").innerText().catch(() => "")) || "launched");
    coin = await read<Address>(factory, s.abis.creatorCoinFactoryAbi, "coinOf", [DAVE_ID]);
    pool = await read<Address>(factory, s.abis.creatorCoinFactoryAbi, "poolOf", [coin]);
    assert.notEqual(coin, "0x0000000000000000000000000000000000000000");
    assert.equal(await read<bigint>(coin, s.abis.creatorCoinAbi, "balanceOf", [DAVE.address]), coins("1000000"));
    assert.equal(await read<bigint>(coin, s.abis.creatorCoinAbi, "maxSupply"), coins("1500000"));
    assert.equal(await davePage.getByTestId("coin-holder-share").innerText(), "10%");
    assert.equal(await davePage.getByTestId("release-1").getAttribute("data-status"), "locked");
    await s.shot(davePage, "03-launched");
  });

  it("lets dave add the first liquidity in the UI (500,000 DAVE + 5,000 dUSD)", async () => {
    await davePage.getByTestId("trade-link").click();
    const form = davePage.getByTestId("add-liquidity");
    await form.waitFor();
    await form.getByLabel("DAVE to deposit").fill("500000");
    await form.getByLabel("dUSD to deposit").fill("5000");
    assert.equal(await form.getByTestId("liquidity-preview").innerText(), "Starting price: 0.01 dUSD per DAVE.");
    await form.getByTestId("add-liquidity-submit").click();
    await expectConfirmed(form, "add-liquidity");
    const [reserveCoin, reserveBase] = await read<[bigint, bigint, number]>(pool, s.abis.creatorPoolAbi, "getReserves");
    assert.deepEqual([reserveCoin, reserveBase], [coins("500000"), dusd("5000")]);
    await eventually(async () => assert.equal(await davePage.getByTestId("trade-price").innerText(), "0.01 dUSD"));
  });

  it("lets alice buy DAVE for 100 dUSD with the expected output shown, and the chart shows the candle", async () => {
    alicePage = await s.context.newPage();
    await s.connect(alicePage, ALICE.address, `#/trade/${CHAIN}/${coin.toLowerCase()}`);
    const form = alicePage.getByTestId("swap-form");
    await form.waitFor();
    await alicePage.getByTestId("no-candles").waitFor({ timeout: INDEXER_TIMEOUT });
    const premium = alicePage.getByTestId("premium-result");
    await eventually(async () => assert.equal(await premium.getAttribute("data-access"), "false"));

    await form.getByTestId("swap-amount").fill("100");
    const expected = await read<bigint>(pool, s.abis.creatorPoolAbi, "getAmountOut", [s.dusdAddress, dusd("100")]);
    const out = form.getByTestId("quote-out");
    await eventually(async () => assert.equal(await out.getAttribute("data-value"), expected.toString()));
    assert.match(await out.innerText(), /^9,7\d\d\.\d+ DAVE$/);
    assert.equal(await form.getByTestId("quote-limit").getAttribute("data-value"), ((expected * 9_950n) / 10_000n).toString(), "0.5% slippage by default");
    assert.equal(await form.getByTestId("quote-impact").innerText(), "1.96%");
    await s.shot(alicePage, "04-quote");
    const coinBefore = await read<bigint>(coin, s.abis.creatorCoinAbi, "balanceOf", [ALICE.address]);
    await form.getByTestId("swap").click();
    await expectConfirmed(form, "swap-approve");
    await expectConfirmed(form, "swap");
    assert.equal(await read<bigint>(coin, s.abis.creatorCoinAbi, "balanceOf", [ALICE.address]), coinBefore + expected, "alice got exactly the quoted output");
    await eventually(async () => assert.equal(await premium.getAttribute("data-access"), "true"));

    const [reserveCoin, reserveBase] = await read<[bigint, bigint, number]>(pool, s.abis.creatorPoolAbi, "getReserves");
    const chart = alicePage.getByTestId("price-chart");
    await eventually(async () => {
      assert.equal(await chart.getAttribute("data-candles"), "1");
      assert.equal(await chart.getAttribute("data-last-close"), ((reserveBase * 10n ** 18n) / reserveCoin).toString());
    });
    assert.equal(await chart.getAttribute("data-last-trades"), "1");
    await s.shot(alicePage, "05-bought");
  });

  it("refuses alice's next buy before the wallet while her cooldown runs, with the countdown", async () => {
    const form = alicePage.getByTestId("swap-form");
    await form.getByTestId("swap-amount").fill("10");
    await eventually(async () => assert.match(await alicePage.getByTestId("cooldown").innerText(), /^You may trade again in 00:00:[0-3]\d \(/));
    const before = sent();
    await form.getByTestId("swap").click();
    assert.equal((await txOutcome(form, "swap")).state, "failed");
    assert.match(
      await form.getByTestId("tx-swap-reason").innerText(),
      /^This pool allows one trade per address every 30 s and your last trade was at .+: you may trade again in 00:00:[0-3]\d \(from .+, chain time\)\.$/,
    );
    assert.equal(sent(), before, "the wallet was not asked");
    await s.shot(alicePage, "06-cooldown");
  });

  it("keeps alice's quote when bob moves the price: refused before the wallet beyond her 0.1% slippage, then accepted; the chart changes", async () => {
    await advance(31);
    const form = alicePage.getByTestId("swap-form");
    await eventually(async () => assert.match(await alicePage.getByTestId("cooldown").innerText(), /^You may trade now/));
    await form.getByTestId("swap-slippage").fill("0.1");
    await form.getByTestId("swap-amount").fill("50");
    const out = form.getByTestId("quote-out");
    const quoted = await read<bigint>(pool, s.abis.creatorPoolAbi, "getAmountOut", [s.dusdAddress, dusd("50")]);
    await eventually(async () => assert.equal(await out.getAttribute("data-value"), quoted.toString()));
    const chart = alicePage.getByTestId("price-chart");
    const closeBefore = await chart.getAttribute("data-last-close");

    await bobBuys(dusd("200"));
    const before = sent();
    await form.getByTestId("swap").click();
    assert.equal((await txOutcome(form, "swap")).state, "failed");
    const now = await read<bigint>(pool, s.abis.creatorPoolAbi, "getAmountOut", [s.dusdAddress, dusd("50")]);
    assert.ok(now < (quoted * 999n) / 1000n, "bob's buy moved alice's output beyond 0.1%");
    assert.match(
      await form.getByTestId("tx-swap-reason").innerText(),
      /^The price moved since your quote: this trade would now pay [\d,.]+ DAVE, below your minimum of [\d,.]+ DAVE \(0\.1% slippage tolerance\)\. Review the new quote and accept it, or raise the tolerance\.$/,
    );
    assert.equal(sent(), before, "the wallet was not asked");
    assert.equal(await out.getAttribute("data-value"), quoted.toString(), "the quote she accepted is kept");
    await form.getByTestId("quote-moved").waitFor();
    await s.shot(alicePage, "07-price-moved");

    await form.getByTestId("accept-quote").click();
    await eventually(async () => assert.equal(await out.getAttribute("data-value"), now.toString()));
    await form.getByTestId("swap").click();
    await expectConfirmed(form, "swap");
    const [reserveCoin, reserveBase] = await read<[bigint, bigint, number]>(pool, s.abis.creatorPoolAbi, "getReserves");
    const closeNow = ((reserveBase * 10n ** 18n) / reserveCoin).toString();
    assert.notEqual(closeNow, closeBefore);
    await eventually(async () => assert.equal(await chart.getAttribute("data-last-close"), closeNow));
    const trades = Number(await chart.getAttribute("data-last-trades"));
    const candles = Number(await chart.getAttribute("data-candles"));
    assert.ok(candles >= 1 && trades >= 1);
    await s.shot(alicePage, "08-chart-changed");
  });

  it("shows the circuit breaker's halt with its end, refuses a buy before the wallet, and the pool's revert reads the same", async () => {
    await advance(31);
    const receipt = await bobBuys(dusd("300"));
    const [tripped] = parseEventLogs({ abi: s.abis.creatorPoolAbi, eventName: "CircuitBreakerTripped", logs: receipt.logs });
    assert.ok(tripped, "bob's buy moved the price more than 25% within the window: it executed and tripped the breaker");
    const until = Number(await read<number>(pool, s.abis.creatorPoolAbi, "haltedUntil"));
    const banner = alicePage.getByTestId("halted-banner");
    await banner.waitFor();
    assert.equal(await banner.getAttribute("data-until"), String(until));
    assert.match(await banner.innerText(), /^Trading is halted until .+ \(in (00:59:\d\d|01:00:00)\): the price moved beyond the circuit breaker's bound/);

    const form = alicePage.getByTestId("swap-form");
    await form.getByTestId("swap-amount").fill("10");
    const before = sent();
    await form.getByTestId("swap").click();
    assert.equal((await txOutcome(form, "swap")).state, "failed");
    assert.match(await form.getByTestId("tx-swap-reason").innerText(), /^Trading in DAVE is halted until .+ \(in (00:59:\d\d|01:00:00)\): the circuit breaker or the protocol's multisig stopped swaps/);
    assert.equal(sent(), before, "the wallet was not asked");
    await s.shot(alicePage, "09-halted");

    // The pool refuses the same swap on its own; the SPA explains that revert in words.
    const now = (await s.publicClient.getBlock()).timestamp;
    const error = await s.publicClient
      .simulateContract({ account: ALICE.address, address: pool, abi: s.abis.creatorPoolAbi, functionName: "swapExactIn", args: [s.dusdAddress, dusd("10"), 0n, ALICE.address, now + 600n] })
      .then(() => undefined, (e: unknown) => e);
    assert.match(
      explainError(error),
      /^Trading in this pool is halted until .+: the price moved beyond the circuit breaker's bound, or the protocol's multisig halted it\. Swaps resume on their own then; liquidity can still be added or removed\.$/,
    );
  });

  it("refuses a buy above what remains of the daily limit before the wallet, once the multisig lowers it to 150 dUSD", async () => {
    const params = await read<Record<string, number | bigint>>(pool, s.abis.creatorPoolAbi, "params");
    const lowered = { ...params, dailyVolumeLimit: dusd("150") };
    const op = { target: pool, value: 0n, data: encodeFunctionData({ abi: s.abis.creatorPoolAbi, functionName: "setParams", args: [lowered as never] }), nonce: 7_007n };
    // A Critical operation: three owners sign, #0 relays; 48 h of timelock pass (and with them the halt and the UTC day).
    await s.multisig.run(op, [localAccount(1), localAccount(2), localAccount(3)], ADMIN);
    assert.equal((await read<{ dailyVolumeLimit: bigint }>(pool, s.abis.creatorPoolAbi, "params")).dailyVolumeLimit, dusd("150"));

    const form = alicePage.getByTestId("swap-form");
    await alicePage.getByTestId("halted-banner").waitFor({ state: "detached" });
    await eventually(async () => assert.match(await alicePage.getByTestId("daily-remaining").innerText(), /^150 dUSD of 150 dUSD left today/));
    await form.getByTestId("swap-amount").fill("200");
    await form.getByTestId("swap-blocked").waitFor();
    const before = sent();
    await form.getByTestId("swap").click();
    assert.equal((await txOutcome(form, "swap")).state, "failed");
    assert.equal(
      await form.getByTestId("tx-swap-reason").innerText(),
      "This trade is worth 200 dUSD and this pool's daily limit is 150 dUSD per address: you have traded 0 dUSD today, so 150 dUSD remains until 00:00 UTC. Trade less, or wait for the reset.",
    );
    assert.equal(sent(), before, "the wallet was not asked");
    await form.getByTestId("swap-amount").fill("100");
    await form.getByTestId("swap").click();
    await expectConfirmed(form, "swap");
    await eventually(async () => assert.match(await alicePage.getByTestId("daily-remaining").innerText(), /^50 dUSD of 150 dUSD left today/));
    await s.shot(alicePage, "10-daily-limit");
  });

  it("lets alice sell DAVE for exactly 20 dUSD (exact-out) with the input quoted from the live reserves", async () => {
    await advance(31);
    const form = alicePage.getByTestId("swap-form");
    await eventually(async () => assert.match(await alicePage.getByTestId("cooldown").innerText(), /^You may trade now/));
    await form.getByTestId("side-sell").click();
    await form.getByTestId("mode-exactOut").click();
    await form.getByLabel("You receive (dUSD)").fill("20");
    const expected = await read<bigint>(pool, s.abis.creatorPoolAbi, "getAmountIn", [coin, dusd("20")]);
    const quoted = form.getByTestId("quote-in");
    await eventually(async () => assert.equal(await quoted.getAttribute("data-value"), expected.toString()));
    assert.equal(await form.getByTestId("quote-limit").getAttribute("data-value"), ((expected * 10_010n + 9_999n) / 10_000n).toString(), "at most 0.1% more (her tolerance)");
    const [coinBefore, baseBefore] = await Promise.all([
      read<bigint>(coin, s.abis.creatorCoinAbi, "balanceOf", [ALICE.address]),
      read<bigint>(s.dusdAddress, s.abis.demoStablecoinAbi, "balanceOf", [ALICE.address]),
    ]);
    await form.getByTestId("swap").click();
    await expectConfirmed(form, "swap");
    assert.equal(await read<bigint>(s.dusdAddress, s.abis.demoStablecoinAbi, "balanceOf", [ALICE.address]), baseBefore + dusd("20"), "exactly 20 dUSD received");
    assert.equal(await read<bigint>(coin, s.abis.creatorCoinAbi, "balanceOf", [ALICE.address]), coinBefore - expected, "exactly the quoted DAVE paid");
    aliceBoughtCoin = coinBefore;
    alicePaidCoin = expected;
    await eventually(async () => assert.match(await alicePage.getByTestId("daily-remaining").innerText(), /^30 dUSD of 150 dUSD left today/));
    await alicePage.getByTestId("recent-swaps").locator('[data-testid="swap-row"][data-side="sell"]').first().waitFor({ timeout: INDEXER_TIMEOUT });
    await s.shot(alicePage, "10b-sold-exact-out");
  });

  it("lets dave deposit revenue and alice claim her share from the portfolio: her balance grows by exactly that", async () => {
    await davePage.goto(`${s.webUrl}/#/creator/${CHAIN}/dave`);
    const deposit = davePage.getByTestId("deposit-revenue");
    await deposit.waitFor();
    await deposit.getByLabel("Revenue (dUSD)").fill("1000");
    assert.equal(await deposit.getByTestId("deposit-preview").innerText(), "Holders receive 100 dUSD (10%) pro rata to their balances now; 900 dUSD is credited to you.");
    await deposit.getByTestId("deposit").click();
    await expectConfirmed(deposit, "deposit");
    const claimable = await read<bigint>(coin, s.abis.creatorCoinAbi, "claimableRevenue", [ALICE.address]);
    assert.ok(claimable > 0n);

    await alicePage.goto(`${s.webUrl}/#/portfolio`);
    const row = alicePage.getByTestId("holding-DAVE");
    await row.waitFor({ timeout: INDEXER_TIMEOUT });
    await eventually(async () => assert.equal(await row.getByTestId("holding-claimable").getAttribute("data-value"), claimable.toString()));
    // Average cost: 250 dUSD paid for her buys, less the share of it the sale took away.
    const sold = alicePaidCoin;
    const bought = aliceBoughtCoin;
    const expectedCost = dusd("250") - (dusd("250") * sold) / bought;
    const portfolio = async () =>
      ((await (await fetch(`${s.indexerUrl}/dex/${CHAIN}/portfolio/${ALICE.address}`)).json()) as { items: { costBasisBase: string; realizedPnlBase: string }[] }).items[0]!;
    await eventually(async () => {
      const cost = BigInt((await portfolio()).costBasisBase);
      assert.ok(cost >= expectedCost - 1n && cost <= expectedCost + 1n, `cost basis ${cost} ≈ ${expectedCost}`);
      assert.equal(await row.getByTestId("holding-cost").innerText(), formatToken(cost, 6, "dUSD", 2));
    }, INDEXER_TIMEOUT);
    assert.match(await row.getByTestId("holding-value").innerText(), /^[\d,.]+ dUSD$/);
    assert.match(await row.getByTestId("holding-unrealized").innerText(), /^[+−][\d,.]+ dUSD$/);
    assert.match(await row.getByTestId("holding-realized").innerText(), /^[+−][\d,.]+ dUSD$/, "the sale realized a profit or a loss");
    await s.shot(alicePage, "11-portfolio");
    const balance = () => read<bigint>(s.dusdAddress, s.abis.demoStablecoinAbi, "balanceOf", [ALICE.address]);
    const before = await balance();
    await row.getByTestId("claim-revenue").click();
    await expectConfirmed(row, "claim-DAVE");
    assert.equal(await balance(), before + claimable, "the chain: alice received exactly her claimable revenue");
    assert.equal(await read<bigint>(coin, s.abis.creatorCoinAbi, "claimableRevenue", [ALICE.address]), 0n);
    await eventually(async () => assert.equal(await row.getByTestId("holding-claimable").getAttribute("data-value"), "0"));

    await davePage.goto(`${s.webUrl}/#/portfolio`);
    const mine = davePage.getByTestId("holding-DAVE");
    await mine.waitFor({ timeout: INDEXER_TIMEOUT });
    await eventually(async () => assert.equal(await mine.getByTestId("holding-creator-revenue").innerText(), "Includes your creator share: 900 dUSD."));
  });

  it("releases milestone 2's supply to dave from the creator page once the reporter posts 5,200 followers", async () => {
    await reportDave(s, 5_200);
    await davePage.goto(`${s.webUrl}/#/creator/${CHAIN}/dave`);
    const release = davePage.getByTestId("release-1");
    await eventually(async () => assert.equal(await release.getAttribute("data-status"), "releasable"));
    const before = await read<bigint>(coin, s.abis.creatorCoinAbi, "balanceOf", [DAVE.address]);
    await release.getByTestId("release-1-button").click();
    await expectConfirmed(release, "release-1");
    assert.equal(await read<bigint>(coin, s.abis.creatorCoinAbi, "balanceOf", [DAVE.address]), before + coins("250000"));
    await eventually(async () => assert.equal(await release.getAttribute("data-status"), "released"));
    assert.equal(await davePage.getByTestId("release-2").getAttribute("data-status"), "locked");
    await s.shot(davePage, "12-released");
  });

  it("lists dave's coin on the creators page and sent nothing outside 127.0.0.1", async () => {
    await alicePage.goto(`${s.webUrl}/#/creators`);
    const item = alicePage.getByTestId(`creator-${DAVE_ID}`);
    await item.waitFor({ timeout: INDEXER_TIMEOUT });
    await eventually(async () => assert.equal(await item.getAttribute("data-status"), "launched"));
    assert.match(await item.getByTestId("creator-coin-status").innerText(), /^DAVE · [\d.]+ dUSD$/);
    await s.shot(alicePage, "13-creators");
    assert.deepEqual(foreignRequests(s.requested), []);
  });
});
