/**
 * The DEX indexer against a real Hardhat node (LocalDemo with the Dex module) and real `ponder
 * start`s on PGlite and PostgreSQL. The history (./dexScenario.ts) is sent first: creator reports
 * crossing milestones, a launch, liquidity added and removed, buys and sells (exact-in and
 * exact-out) over several minutes and across an hour boundary, a day later a circuit-breaker trip
 * and the multisig's resume, transfers between holders, two revenue deposits with claims between
 * and after a transfer, a milestone release and the protocol's fees collected.
 * The rows must equal what the contracts' own views say (metrics, milestones, totalSupply,
 * eligibleSupply, getReserves, LP totalSupply, params, protocolFeesAccrued, balanceOf,
 * claimedRevenue, creatorRevenue, releaseAt/isReleased), candles must equal OHLC computed here from
 * the swaps priced by the pool's reserves at each swap's block, positions must follow the test's
 * own average-cost arithmetic, and the /dex routes must serve them, with 4xx JSON on bad input.
 * Then, with the indexers running, a second creator launches (factory() discovery in realtime),
 * and two days pass (the 24 h figures follow the chain's indexed time).
 *
 * Run: npx tsx --test --test-reporter=spec test/indexer/dex.test.ts
 * Keep logs and data: WORX_KEEP_TEST_DATA=1 (the path is printed).
 */
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { decodeEventLog, zeroAddress, type Abi, type Address, type Hex } from "viem";
import { COIN, creatorIdOf, DAY, DUSD, sendDexHistory, type DexFacts, type SwapFact } from "./dexScenario.ts";
import {
  advanceTime,
  assertSameDump,
  chainTime,
  CHAIN,
  DATABASE_LABEL as LABEL,
  DualDatabaseStack,
  dumpTables,
  expectJsonError,
  poll,
  waitForBlock,
  type DatabaseKind,
  type Dump,
  type TestChain,
  type TestIndexer,
} from "./harness.ts";
import { lower, sendAndWait } from "./scenarios.ts";

// Ports of this suite (escrow 8546/42070/…/5544, badges 8551/42077/42078/5545, DAO 8553/42084/42085/5546).
const NODE_PORT = 8556;
const INDEXER_PORTS: Record<DatabaseKind, number> = { pglite: 42088, postgres: 42089 };
const POSTGRES_PORT = 5547;

const stack = new DualDatabaseStack({ tmpPrefix: "worx-dex-indexer-test-", nodePort: NODE_PORT, postgresPort: POSTGRES_PORT, indexerPorts: INDEXER_PORTS });
let chain: TestChain;
let facts: DexFacts;
/** The coin launched while the indexers run (then halted by the multisig). */
let carolCoin: Address | undefined;

const indexer = (kind: DatabaseKind): TestIndexer => stack.indexer(kind);
const abiOf = (name: "metricsOracleAbi" | "creatorCoinFactoryAbi" | "creatorCoinAbi" | "creatorPoolAbi") => (chain.abis as unknown as Record<string, Abi>)[name]!;
const read = <T>(address: Address, abi: Abi, functionName: string, args: readonly unknown[] = [], blockNumber?: bigint) =>
  chain.publicClient.readContract({ address, abi, functionName, args, blockNumber }) as Promise<T>;
const coinRead = <T>(functionName: string, args: readonly unknown[] = []) => read<T>(facts.coin, abiOf("creatorCoinAbi"), functionName, args);
const poolRead = <T>(functionName: string, args: readonly unknown[] = []) => read<T>(facts.pool, abiOf("creatorPoolAbi"), functionName, args);

const api = async (ix: TestIndexer, path: string) => {
  const res = await fetch(`${ix.url}${path}`);
  const text = await res.text();
  assert.equal(res.status, 200, `${path}: ${res.status} ${text}`);
  return JSON.parse(text);
};

const s = (v: bigint | number) => String(v);
const logsNamed = (name: string, address?: Address) => facts.logs.filter((l) => l.eventName === name && (!address || l.address === lower(address)));
const byId = (rows: Record<string, unknown>[]) => new Map(rows.map((r) => [r.id as string, r as Record<string, any>]));

/** OHLC of `swaps` per bucket of `seconds`, computed here (prices from the pool's reserves). */
function expectedCandles(swaps: SwapFact[], seconds: bigint) {
  const out = new Map<bigint, { time: string; open: bigint; high: bigint; low: bigint; close: bigint; volumeBase: bigint; volumeCoin: bigint; trades: number }>();
  for (const sw of swaps) {
    const bucket = sw.time - (sw.time % seconds);
    const c = out.get(bucket);
    if (!c) {
      // Opens at the price before the bucket's first swap (the previous close).
      const [high, low] = sw.priceAfter > sw.priceBefore ? [sw.priceAfter, sw.priceBefore] : [sw.priceBefore, sw.priceAfter];
      out.set(bucket, { time: s(bucket), open: sw.priceBefore, high, low, close: sw.priceAfter, volumeBase: sw.amountBase, volumeCoin: sw.amountCoin, trades: 1 });
    } else {
      c.high = sw.priceAfter > c.high ? sw.priceAfter : c.high;
      c.low = sw.priceAfter < c.low ? sw.priceAfter : c.low;
      c.close = sw.priceAfter;
      c.volumeBase += sw.amountBase;
      c.volumeCoin += sw.amountCoin;
      c.trades += 1;
    }
  }
  return [...out.values()].map((c) => ({ ...c, open: s(c.open), high: s(c.high), low: s(c.low), close: s(c.close), volumeBase: s(c.volumeBase), volumeCoin: s(c.volumeCoin) }));
}

/** The 24 h figures of the file comment of indexer/src/api/dex.ts, from the test's own swap list. */
function expected24h(swaps: SwapFact[], now: bigint, price: bigint) {
  const cutoff = now - BigInt(DAY);
  const volume = swaps.filter((x) => x.time > cutoff).reduce((sum, x) => sum + x.amountBase, 0n);
  const before = swaps.filter((x) => x.time <= cutoff).at(-1);
  const reference = before ? before.priceAfter : swaps.find((x) => x.time > cutoff)?.priceBefore;
  return { volume24h: s(volume), change24hBps: reference ? Number(((price - reference) * 10_000n) / reference) : 0 };
}

const currentPrice = async () => {
  const [reserveCoin, reserveBase] = await poolRead<[bigint, bigint, number]>("getReserves");
  return (reserveBase * COIN) / reserveCoin;
};

describe("DEX indexer on PGlite and PostgreSQL (Hardhat node + ponder start)", { timeout: 1_200_000 }, () => {
  const started = Date.now();
  const dumps: Partial<Record<DatabaseKind, Dump>> = {};
  const dumpOf = async (kind: DatabaseKind) => (dumps[kind] ??= await dumpTables(indexer(kind).url));

  before(async () => {
    chain = await stack.startChain();
    facts = await sendDexHistory(chain);
    console.log(`# history sent in ${Date.now() - started} ms (${facts.swaps.length} swaps, last block ${facts.lastBlock})`);
    await stack.startIndexers((ix) => waitForBlock(ix, facts.lastBlock, 240_000));
    console.log(`# stack up and history indexed in ${Date.now() - started} ms`);
  });

  after(async () => {
    await stack.stop();
  });

  test("the history did what it says on chain", async () => {
    const oracleAbi = abiOf("metricsOracleAbi");
    assert.equal(await read<bigint>(facts.oracle, oracleAbi, "milestonesReached", [facts.daveId]), 2n);
    assert.equal(await read<bigint>(facts.oracle, oracleAbi, "milestonesReached", [facts.carolId]), 0n);
    assert.equal(await poolRead<number>("haltedUntil"), 0, "resumed by the multisig");
    assert.equal(logsNamed("CircuitBreakerTripped").length, 1);
    assert.equal(logsNamed("Resumed")[0]!.args.by.toLowerCase(), lower(facts.multisig));
    assert.deepEqual(facts.swaps.map((x) => x.side), ["buy", "buy", "buy", "sell", "sell", "buy", "buy", "sell", "sell"]);
    assert.equal(await coinRead<boolean>("isReleased", [1n]), true);
    assert.deepEqual(await poolRead<[bigint, bigint]>("protocolFeesAccrued"), [0n, 0n]);
  });

  for (const kind of ["pglite", "postgres"] as const) {
    describe(`on ${LABEL[kind]}`, () => {
      test("creator, creator_metric, creator_milestone, milestone_threshold, metrics_oracle rows equal the oracle's views", async () => {
        const d = await dumpOf(kind);
        const oracleAbi = abiOf("metricsOracleAbi");
        const creators = byId(d.creator!);
        assert.equal(creators.size, 2);
        for (const [handle, wallet] of [["dave", facts.dave], ["carol", facts.carol]] as const) {
          const id = creatorIdOf(handle);
          const m = await read<{ plays: bigint; followers: bigint; engagementBps: bigint; observedAt: bigint }>(facts.oracle, oracleAbi, "metrics", [id]);
          const launched = handle === "dave";
          assert.deepEqual(
            { ...creators.get(`${CHAIN}:${id}`), firstReportedAt: undefined, updatedAt: undefined, launchedAt: undefined },
            {
              id: `${CHAIN}:${id}`,
              chainId: CHAIN,
              creatorId: id,
              creator: lower(await read<Address>(facts.oracle, oracleAbi, "creatorOf", [id])),
              plays: s(m.plays),
              followers: s(m.followers),
              engagementBps: s(m.engagementBps),
              observedAt: s(m.observedAt),
              nonce: s(await read<bigint>(facts.oracle, oracleAbi, "lastNonce", [id])),
              milestonesReached: Number(await read<bigint>(facts.oracle, oracleAbi, "milestonesReached", [id])),
              reports: logsNamed("MetricsReported").filter((l) => l.args.creatorId === id).length,
              coin: launched ? lower(facts.coin) : null,
              pool: launched ? lower(facts.pool) : null,
              firstReportedAt: undefined,
              updatedAt: undefined,
              launchedAt: undefined,
            },
            handle,
          );
          assert.equal(lower(wallet), creators.get(`${CHAIN}:${id}`)!.creator);
        }
        assert.equal(creators.get(`${CHAIN}:${facts.daveId}`)!.launchedAt, s(logsNamed("CoinLaunched")[0]!.time));

        const reported = logsNamed("MetricsReported");
        assert.deepEqual(
          d.creator_metric!.map((r) => [r.creatorId, r.creator, r.reporter, r.plays, r.followers, r.engagementBps, r.observedAt, r.nonce, r.txHash]).sort(),
          reported.map((l) => [l.args.creatorId, lower(l.args.creator), lower(l.args.reporter), s(l.args.plays), s(l.args.followers), s(l.args.engagementBps), s(l.args.observedAt), s(l.args.nonce), l.tx]).sort(),
        );
        assert.deepEqual(
          d.creator_milestone!.map((r) => [r.creatorId, r.index, r.threshold, r.tx]).sort(),
          [
            [facts.daveId, 0, "1000", facts.tx["report:dave:2"]],
            [facts.daveId, 1, "5000", facts.tx["report:dave:3"]],
          ],
        );
        const thresholds = await read<bigint[]>(facts.oracle, oracleAbi, "milestoneThresholds");
        assert.deepEqual(
          d.milestone_threshold!.map((r) => [r.index, r.threshold]).sort((a, b) => (a[0] as number) - (b[0] as number)),
          thresholds.map((t, i) => [i, s(t)]),
        );
        assert.deepEqual(
          d.metrics_oracle!.map((r) => [r.address, r.launchMilestoneIndex, r.maxAge, r.milestoneCount]),
          [[lower(facts.oracle), Number(await read<bigint>(facts.oracle, oracleAbi, "launchMilestoneIndex")), s(await read<number>(facts.oracle, oracleAbi, "maxAge")), thresholds.length]],
        );
      });

      test("coin, coin_release and coin_factory rows equal the coin's and factory's views", async () => {
        const d = await dumpOf(kind);
        assert.equal(d.coin!.length, 1);
        const row = d.coin![0]!;
        // Every account that ever received DAVE (the FeeSplitter got the protocol's coin fees), the pool aside.
        const receivers = [...new Set(logsNamed("Transfer", facts.coin).map((l) => lower(l.args.to)))].filter((a) => a !== zeroAddress && a !== lower(facts.pool));
        const balances = await Promise.all(receivers.map((a) => coinRead<bigint>("balanceOf", [a])));
        const deposits = logsNamed("RevenueDeposited");
        const sum = (key: string, list = deposits) => s(list.reduce((acc, l) => acc + (l.args[key] as bigint), 0n));
        assert.deepEqual(
          { ...row, launchedAt: undefined },
          {
            id: `${CHAIN}:${lower(facts.coin)}`,
            chainId: CHAIN,
            address: lower(facts.coin),
            creatorId: facts.daveId,
            creator: lower(facts.dave),
            pool: lower(facts.pool),
            baseToken: lower(facts.dusd),
            name: await coinRead<string>("name"),
            symbol: await coinRead<string>("symbol"),
            decimals: await coinRead<number>("decimals"),
            initialSupply: s(1_000_000n * COIN),
            maxSupply: s(await coinRead<bigint>("maxSupply")),
            totalSupply: s(await coinRead<bigint>("totalSupply")),
            eligibleSupply: s(await coinRead<bigint>("eligibleSupply")),
            holderShareBps: await coinRead<number>("holderShareBps"),
            firstReleaseIndex: 1,
            holders: balances.filter((b) => b > 0n).length,
            revenueDeposited: sum("amount"),
            revenueHolderShare: sum("holderAmount"),
            revenueCreatorShare: sum("creatorAmount"),
            revenueClaimed: sum("amount", logsNamed("RevenueClaimed")),
            creatorRevenuePending: s(await coinRead<bigint>("creatorRevenue")),
            revenueDeposits: 2,
            launchedAt: undefined,
            launchBlock: s(logsNamed("CoinLaunched")[0]!.blockNumber),
            launchTx: facts.tx.launch,
          },
        );
        assert.equal(row.totalSupply, s(1_250_000n * COIN), "initial supply plus the first release");
        assert.equal(row.holders, 5, "alice, bob, carol, dave and the FeeSplitter");
        assert.equal(row.creatorRevenuePending, s(450n * DUSD), "90 % of the second deposit, unclaimed");
        assert.deepEqual(
          d.coin_release!.map((r) => [r.milestoneIndex, r.amount, r.released, r.releasedTx]).sort(),
          await Promise.all(
            [1n, 2n].map(async (i) => [Number(i), s(await coinRead<bigint>("releaseAt", [i])), await coinRead<boolean>("isReleased", [i]), i === 1n ? facts.tx["release:1"] : null]),
          ),
        );
        const factoryAbi = abiOf("creatorCoinFactoryAbi");
        const defaults = await read<Record<string, number | bigint>>(facts.factory, factoryAbi, "defaultPoolParams");
        assert.deepEqual(d.coin_factory!.map((r) => [r.address, r.feeRecipient, r.coinCount, r.defaultPoolParams]), [
          [
            lower(facts.factory),
            lower(await read<Address>(facts.factory, factoryAbi, "feeRecipient")),
            1,
            Object.fromEntries(Object.entries(defaults).map(([k, v]) => [k, typeof v === "bigint" ? s(v) : v])),
          ],
        ]);
      });

      test("pool row equals getReserves, LP totalSupply, params, haltedUntil, breakerState, protocolFeesAccrued; swaps and liquidity events equal the logs", async () => {
        const d = await dumpOf(kind);
        assert.equal(d.pool!.length, 1);
        const p = d.pool![0]!;
        const [reserveCoin, reserveBase] = await poolRead<[bigint, bigint, number]>("getReserves");
        const [windowStart, referencePrice] = await poolRead<[number, bigint]>("breakerState");
        const [feesCoin, feesBase] = await poolRead<[bigint, bigint]>("protocolFeesAccrued");
        const params = await poolRead<Record<string, number | bigint>>("params");
        const fees = (side: "buy" | "sell") => s(facts.swaps.filter((x) => x.side === side).reduce((a, x) => a + x.protocolFee, 0n));
        assert.deepEqual(
          { ...p, createdAt: undefined, updatedAt: undefined },
          {
            id: `${CHAIN}:${lower(facts.pool)}`,
            chainId: CHAIN,
            address: lower(facts.pool),
            coin: lower(facts.coin),
            baseToken: lower(facts.dusd),
            creatorId: facts.daveId,
            reserveCoin: s(reserveCoin),
            reserveBase: s(reserveBase),
            lpSupply: s(await poolRead<bigint>("totalSupply")),
            price: s((reserveBase * COIN) / reserveCoin),
            swapFeeBps: Number(params.swapFeeBps),
            protocolShareBps: Number(params.protocolShareBps),
            params: Object.fromEntries(Object.entries(params).map(([k, v]) => [k, typeof v === "bigint" ? s(v) : v])),
            feeRecipient: lower(await poolRead<Address>("feeRecipient")),
            haltedUntil: s(await poolRead<number>("haltedUntil")),
            breakerWindowStart: s(windowStart),
            breakerReferencePrice: s(referencePrice),
            breakerTrips: 1,
            swaps: facts.swaps.length,
            volumeBaseTotal: s(facts.swaps.reduce((a, x) => a + x.amountBase, 0n)),
            volumeCoinTotal: s(facts.swaps.reduce((a, x) => a + x.amountCoin, 0n)),
            protocolFeesBase: fees("buy"),
            protocolFeesCoin: fees("sell"),
            protocolFeesPendingBase: s(feesBase),
            protocolFeesPendingCoin: s(feesCoin),
            lastSwapAt: s(facts.swaps.at(-1)!.time),
            createdAt: undefined,
            updatedAt: undefined,
          },
        );
        assert.equal(p.feeRecipient, lower(facts.feeSplitter));
        assert.equal((p.params as { cooldown: number }).cooldown, 30, "the local default pool parameters");

        // Every swap, with the reserves and price the pool itself reported at its block.
        const rows = [...d.swap!].sort((a: any, b: any) => Number(BigInt(a.block) - BigInt(b.block)));
        assert.deepEqual(
          rows.map((r: any) => ({ sender: r.sender, to: r.to, side: r.side, amountIn: r.amountIn, amountOut: r.amountOut, protocolFee: r.protocolFee, amountBase: r.amountBase, amountCoin: r.amountCoin, priceBefore: r.priceBefore, priceAfter: r.priceAfter, reserveCoinAfter: r.reserveCoinAfter, reserveBaseAfter: r.reserveBaseAfter, time: r.time, tx: r.tx })),
          facts.swaps.map((x) => ({
            sender: x.trader,
            to: x.to,
            side: x.side,
            amountIn: s(x.amountIn),
            amountOut: s(x.amountOut),
            protocolFee: s(x.protocolFee),
            amountBase: s(x.amountBase),
            amountCoin: s(x.amountCoin),
            priceBefore: s(x.priceBefore),
            priceAfter: s(x.priceAfter),
            reserveCoinAfter: s(x.reserveCoinAfter),
            reserveBaseAfter: s(x.reserveBaseAfter),
            time: s(x.time),
            tx: x.tx,
          })),
        );
        const liquidity = facts.logs.filter((l) => l.eventName === "LiquidityAdded" || l.eventName === "LiquidityRemoved");
        assert.deepEqual(
          d.liquidity_event!.map((r: any) => [r.kind, r.provider, r.to, r.amountCoin, r.amountBase, r.liquidity, r.tx]).sort(),
          liquidity.map((l) => [l.eventName === "LiquidityAdded" ? "add" : "remove", lower(l.args.provider), lower(l.args.to), s(l.args.amountCoin), s(l.args.amountBase), s(l.args.liquidity), l.tx]).sort(),
        );
        for (const r of d.liquidity_event!) {
          const block = BigInt(r.block as string);
          const [c, b] = await read<[bigint, bigint, number]>(facts.pool, abiOf("creatorPoolAbi"), "getReserves", [], block);
          assert.deepEqual([r.reserveCoinAfter, r.reserveBaseAfter, r.priceAfter], [s(c), s(b), s((b * COIN) / c)], `reserves after liquidity ${r.kind}`);
        }
      });

      test("holder rows: balanceOf, claimedRevenue, exclusions, and average-cost positions as the test's ledger", async () => {
        const d = await dumpOf(kind);
        const rows = byId(d.holder!);
        const accounts = [facts.alice, facts.bob, facts.carol, facts.dave, facts.feeSplitter, facts.pool];
        for (const account of accounts) {
          const row = rows.get(`${CHAIN}:${lower(facts.coin)}:${lower(account)}`);
          assert.ok(row, `a holder row for ${account}`);
          assert.equal(row.balance, s(await coinRead<bigint>("balanceOf", [account])), `balance of ${account}`);
          assert.equal(row.revenueClaimed, s(await coinRead<bigint>("claimedRevenue", [account])), `claimed revenue of ${account}`);
          assert.equal(row.excluded, await coinRead<boolean>("isRevenueExcluded", [account]), `exclusion of ${account}`);
        }
        assert.equal(rows.get(`${CHAIN}:${lower(facts.coin)}:${lower(facts.pool)}`)!.excluded, true, "the pool earns no revenue");
        for (const account of [facts.alice, facts.bob, facts.carol, facts.dave]) {
          const row = rows.get(`${CHAIN}:${lower(facts.coin)}:${lower(account)}`)!;
          const model = facts.ledger.get(account);
          assert.deepEqual([row.balance, row.costBasisBase, row.realizedPnlBase], [s(model.balance), s(model.cost), s(model.realized)], `position of ${account}`);
        }
        // Every holder row: balances add up to the supply.
        const total = d.holder!.reduce((a, r) => a + BigInt(r.balance as string), 0n);
        assert.equal(total, await coinRead<bigint>("totalSupply"));
        // bob bought twice and sold once; dave never bought: his coins cost nothing and his realized P/L is 0.
        const dave = rows.get(`${CHAIN}:${lower(facts.coin)}:${lower(facts.dave)}`)!;
        assert.deepEqual([dave.costBasisBase, dave.realizedPnlBase, dave.boughtCoin], ["0", "0", "0"]);
      });

      test("candles: OHLC, volumes and trade counts equal those computed from the swaps at the pool's reserves", async () => {
        const d = await dumpOf(kind);
        for (const [interval, seconds] of [["1m", 60n], ["1h", 3_600n], ["1d", 86_400n]] as const) {
          const rows = d.candle!
            .filter((r) => r.interval === interval)
            .sort((a: any, b: any) => Number(BigInt(a.bucket) - BigInt(b.bucket)))
            .map((r: any) => ({ time: r.bucket, open: r.open, high: r.high, low: r.low, close: r.close, volumeBase: r.volumeBase, volumeCoin: r.volumeCoin, trades: r.trades }));
          assert.deepEqual(rows, expectedCandles(facts.swaps, seconds), `${interval} candles`);
        }
        // Day 1's five swaps span two hours and at least four minutes.
        const hours = expectedCandles(facts.swaps.slice(0, 5), 3_600n);
        assert.deepEqual(hours.map((h) => h.trades), [3, 2]);
        assert.ok(expectedCandles(facts.swaps.slice(0, 5), 60n).length >= 4);
      });

      test("revenue_deposit, revenue_claim, breaker_event and admin_action rows", async () => {
        const d = await dumpOf(kind);
        const deposits = logsNamed("RevenueDeposited");
        const expectedDeposits = await Promise.all(
          deposits.map(async (l) => [lower(l.args.from), s(l.args.amount), s(l.args.holderAmount), s(l.args.creatorAmount), s(await read<bigint>(facts.coin, abiOf("creatorCoinAbi"), "eligibleSupply", [], l.blockNumber)), l.tx]),
        );
        assert.deepEqual(d.revenue_deposit!.map((r) => [r.from, r.amount, r.holderAmount, r.creatorAmount, r.eligibleSupply, r.tx]).sort(), expectedDeposits.sort());
        assert.deepEqual(deposits.map((l) => l.args.holderAmount), [100n * DUSD, 50n * DUSD], "10 % to holders");

        const claims = logsNamed("RevenueClaimed");
        assert.deepEqual(d.revenue_claim!.map((r) => [r.account, r.amount, r.tx]).sort(), claims.map((l) => [lower(l.args.account), s(l.args.amount), l.tx]).sort());
        for (const r of d.revenue_claim!) assert.equal(BigInt(r.holderAmount as string) + BigInt(r.creatorAmount as string), BigInt(r.amount as string));
        const daveClaim = d.revenue_claim!.find((r) => r.account === lower(facts.dave))!;
        assert.equal(daveClaim.creatorAmount, s(900n * DUSD), "the creator's 90 % of the first deposit");

        const trip = logsNamed("CircuitBreakerTripped")[0]!;
        const breaker = [...d.breaker_event!].sort((a: any, b: any) => Number(BigInt(a.block) - BigInt(b.block)));
        assert.deepEqual(
          breaker.map((r: any) => [r.kind, r.actor, r.referencePriceX112, r.priceX112, r.moveBps, r.haltedUntil, r.tx]),
          [
            ["params", lower(facts.dave), null, null, null, null, facts.tx.launch],
            ["tripped", lower(facts.bob), s(trip.args.referencePrice), s(trip.args.price), s(trip.args.moveBps), s(trip.args.haltedUntil), facts.tripTx],
            ["resumed", lower(facts.multisig), null, null, null, "0", facts.tx.resume],
          ],
        );
        assert.ok(trip.args.moveBps > 2_500n, "beyond the 25 % bound");

        // The audit log: every governed event of the DEX contracts since block 0, role names known.
        const contracts = [facts.oracle, facts.factory, facts.coin, facts.pool];
        const abis: Record<string, Abi> = {
          [lower(facts.oracle)]: abiOf("metricsOracleAbi"),
          [lower(facts.factory)]: abiOf("creatorCoinFactoryAbi"),
          [lower(facts.coin)]: abiOf("creatorCoinAbi"),
          [lower(facts.pool)]: abiOf("creatorPoolAbi"),
        };
        const ADMIN = new Set(["MilestoneAdded", "LaunchMilestoneIndexUpdated", "MaxAgeUpdated", "RoleGranted", "RoleRevoked", "RoleAdminChanged", "FeeRecipientUpdated", "DefaultPoolParamsUpdated", "RevenueExclusionUpdated", "ParamsUpdated", "Halted", "Resumed"]);
        const logs = await chain.publicClient.getLogs({ address: contracts, fromBlock: 0n, toBlock: facts.lastBlock });
        const expected = logs
          .map((log) => ({ log, ev: decodeEventLog({ abi: abis[lower(log.address)]!, data: log.data, topics: log.topics as [Hex, ...Hex[]] }) }))
          .filter(({ ev }) => ADMIN.has(ev.eventName!))
          .map(({ log, ev }) => [lower(log.address), ev.eventName, log.transactionHash]);
        const mine = d.admin_action!.filter((a) => contracts.map(lower).includes(a.contract as string));
        assert.deepEqual(mine.map((a) => [a.contract, a.action, a.txHash]).sort(), expected.sort());
        for (const a of mine.filter((x) => (x.action as string).startsWith("Role"))) assert.notEqual((a.details as any).roleName, "unknown", JSON.stringify(a));
        assert.ok(mine.some((a) => (a.details as any).roleName === "REPORTER_ROLE" && lower((a.details as any).account ?? "") === lower(facts.reporter)), "the reporter's role");
        const resumed = mine.find((a) => a.action === "Resumed")!;
        assert.equal(resumed.actor, lower(facts.multisig));
      });

      test("GET /dex/:chain/creators and /creators/:creatorId", async () => {
        const ix = indexer(kind);
        const all = await api(ix, `/dex/${CHAIN}/creators`);
        assert.equal(all.total, 2);
        assert.deepEqual(all.items.map((i: any) => [i.creatorId, i.followers, i.symbol, i.coin]), [
          [facts.daveId, "6000", "DAVE", lower(facts.coin)],
          [facts.carolId, "800", null, null],
        ]);
        assert.deepEqual((await api(ix, `/dex/${CHAIN}/creators?launched=false`)).items.map((i: any) => i.creatorId), [facts.carolId]);
        assert.deepEqual((await api(ix, `/dex/${CHAIN}/creators?launched=true&limit=1`)).items.map((i: any) => i.creatorId), [facts.daveId]);
        const paged = await api(ix, `/dex/${CHAIN}/creators?limit=1&offset=1`);
        assert.deepEqual([paged.total, paged.limit, paged.offset, paged.items.length], [2, 1, 1, 1]);

        const dave = await api(ix, `/dex/${CHAIN}/creators/${facts.daveId}`);
        assert.equal(dave.creator.creator, lower(facts.dave));
        assert.equal(dave.creator.milestonesReached, 2);
        assert.equal(dave.coin.symbol, "DAVE");
        assert.deepEqual(dave.metrics.map((m: any) => m.followers), ["600", "1200", "6000"], "oldest first");
        assert.equal(dave.metricsTotal, 3);
        assert.deepEqual(dave.milestones.map((m: any) => [m.index, m.threshold]), [[0, "1000"], [1, "5000"]]);
        assert.deepEqual(dave.thresholds.map((t: any) => [t.index, t.threshold, t.reached]), [
          [0, "1000", true],
          [1, "5000", true],
          [2, "10000", false],
          [3, "20000", false],
          [4, "50000", false],
          [5, "100000", false],
        ]);
        assert.equal(dave.launchMilestoneIndex, 0);
        const latest = await api(ix, `/dex/${CHAIN}/creators/${facts.daveId.toUpperCase().replace("0X", "0x")}?limit=1`);
        assert.deepEqual(latest.metrics.map((m: any) => m.followers), ["6000"], "the latest report");
        const carol = await api(ix, `/dex/${CHAIN}/creators/${facts.carolId}`);
        assert.deepEqual([carol.coin, carol.creator.launchedAt, carol.thresholds[0].reached], [null, null, false]);
      });

      test("GET /dex/:chain/coins and /coins/:coin: pool summary, 24 h volume and change at the chain's indexed time", async () => {
        const ix = indexer(kind);
        const list = await api(ix, `/dex/${CHAIN}/coins`);
        const lastTime = (await chain.publicClient.getBlock({ blockNumber: facts.lastBlock })).timestamp;
        assert.equal(list.chainTime, s(lastTime), "the latest indexed block's time");
        assert.equal(list.total, 1);
        const item = list.items[0];
        const price = await currentPrice();
        const [reserveCoin, reserveBase] = await poolRead<[bigint, bigint, number]>("getReserves");
        const expected = expected24h(facts.swaps, lastTime, price);
        assert.deepEqual(
          [item.address, item.symbol, item.price, item.reserveCoin, item.reserveBase, item.holders, item.halted, item.volume24h, item.change24hBps],
          [lower(facts.coin), "DAVE", s(price), s(reserveCoin), s(reserveBase), 5, false, expected.volume24h, expected.change24hBps],
        );
        // Day 1's swaps are more than a day old: only day 2's count, against the price after day 1's last swap.
        assert.equal(item.volume24h, s(facts.swaps.slice(5).reduce((a, x) => a + x.amountBase, 0n)));
        assert.equal(item.change24hBps, Number(((price - facts.swaps[4]!.priceAfter) * 10_000n) / facts.swaps[4]!.priceAfter));
        assert.ok(item.change24hBps > 2_000, `the two large buys moved the price up: ${item.change24hBps}`);

        const one = await api(ix, `/dex/${CHAIN}/coins/${facts.coin}`);
        assert.equal(one.coin.symbol, "DAVE");
        assert.deepEqual([one.pool.reserveCoin, one.pool.reserveBase, one.pool.volume24h, one.pool.change24hBps, one.pool.halted], [s(reserveCoin), s(reserveBase), expected.volume24h, expected.change24hBps, false]);
        assert.equal(one.creator.creatorId, facts.daveId);
        assert.deepEqual(one.releases.map((r: any) => [r.milestoneIndex, r.amount, r.released]), [
          [1, s(250_000n * COIN), true],
          [2, s(250_000n * COIN), false],
        ]);
        assert.deepEqual(one.revenue, {
          deposited: s(1_500n * DUSD),
          holderShare: s(150n * DUSD),
          creatorShare: s(1_350n * DUSD),
          claimed: s(logsNamed("RevenueClaimed").reduce((a, l) => a + (l.args.amount as bigint), 0n)),
          creatorPending: s(450n * DUSD),
          deposits: 2,
        });
        assert.deepEqual(one.breakerEvents.map((e: any) => e.kind), ["resumed", "tripped", "params"], "newest first");
      });

      test("GET candles, swaps and holders: filtered, ordered and paged", async () => {
        const ix = indexer(kind);
        const minutes = await api(ix, `/dex/${CHAIN}/coins/${facts.coin}/candles?interval=1m`);
        assert.deepEqual(minutes.items, expectedCandles(facts.swaps, 60n));
        assert.equal(minutes.interval, "1m");
        const hours = await api(ix, `/dex/${CHAIN}/coins/${facts.coin}/candles?interval=1h`);
        assert.deepEqual(hours.items, expectedCandles(facts.swaps, 3_600n));
        const day1 = facts.swaps.slice(0, 5);
        // A range: day 1 only (from inside its first minute, to its last swap).
        const ranged = await api(ix, `/dex/${CHAIN}/coins/${facts.coin}/candles?interval=1m&from=${day1[0]!.time + 1n}&to=${day1[4]!.time}`);
        assert.deepEqual(ranged.items, expectedCandles(day1, 60n));
        const last2 = await api(ix, `/dex/${CHAIN}/coins/${facts.coin}/candles?interval=1m&limit=2`);
        assert.deepEqual(last2.items, expectedCandles(facts.swaps, 60n).slice(-2), "the latest candles, oldest first");
        const days = await api(ix, `/dex/${CHAIN}/coins/${facts.coin}/candles?interval=1d`);
        assert.equal(days.items.reduce((a: number, c: any) => a + c.trades, 0), facts.swaps.length);

        const swaps = await api(ix, `/dex/${CHAIN}/coins/${facts.coin}/swaps`);
        assert.equal(swaps.total, facts.swaps.length);
        assert.deepEqual(swaps.items.map((x: any) => x.tx), facts.swaps.map((x) => x.tx).reverse(), "newest first");
        const sells = await api(ix, `/dex/${CHAIN}/coins/${facts.coin}/swaps?side=sell`);
        assert.deepEqual([sells.total, sells.items.every((x: any) => x.side === "sell")], [facts.swaps.filter((x) => x.side === "sell").length, true]);
        const alice = await api(ix, `/dex/${CHAIN}/coins/${facts.coin}/swaps?account=${facts.alice}&limit=2&offset=1`);
        const aliceSwaps = facts.swaps.filter((x) => x.trader === lower(facts.alice)).reverse();
        assert.deepEqual([alice.total, alice.items.map((x: any) => x.tx)], [aliceSwaps.length, aliceSwaps.slice(1, 3).map((x) => x.tx)]);

        const holders = await api(ix, `/dex/${CHAIN}/coins/${facts.coin}/holders`);
        const expectedHolders = (
          await Promise.all([facts.alice, facts.bob, facts.carol, facts.dave, facts.feeSplitter, facts.pool].map(async (a) => ({ account: lower(a), balance: await coinRead<bigint>("balanceOf", [a]) })))
        )
          .filter((h) => h.balance > 0n)
          .sort((a, b) => (a.balance === b.balance ? (a.account < b.account ? -1 : 1) : a.balance > b.balance ? -1 : 1));
        assert.deepEqual(holders.items.map((h: any) => [h.account, h.balance, h.isPool]), expectedHolders.map((h) => [h.account, s(h.balance), h.account === lower(facts.pool)]));
        assert.equal(holders.total, expectedHolders.length);
        assert.equal(holders.totalSupply, s(1_250_000n * COIN));
      });

      test("GET /dex/:chain/portfolio/:address: value, cost basis and P/L by hand", async () => {
        const ix = indexer(kind);
        const price = await currentPrice();
        // alice, step by step by the average-cost method (amounts from the swaps' logs).
        const [buy1, , buy2, sell1, , , , sell2] = facts.swaps;
        let balance = buy1!.amountOut + buy2!.amountOut;
        let cost = buy1!.amountIn + buy2!.amountIn;
        let realized = 0n;
        const out = (amount: bigint) => {
          const removed = (cost * amount) / balance;
          cost -= removed;
          balance -= amount;
          return removed;
        };
        realized += sell1!.amountOut - out(5_000n * COIN);
        realized += sell2!.amountOut - out(8_000n * COIN);
        out(4_000n * COIN); // to carol
        out(2_000n * COIN); // to bob
        assert.equal(sell2!.trader, lower(facts.alice));
        assert.equal(balance, await coinRead<bigint>("balanceOf", [facts.alice]));
        const value = (balance * price) / COIN;
        const p = await api(ix, `/dex/${CHAIN}/portfolio/${facts.alice}`);
        assert.equal(p.items.length, 1);
        const item = p.items[0];
        assert.deepEqual(
          [item.coin, item.symbol, item.pool, item.balance, item.costBasisBase, item.realizedPnlBase, item.price, item.valueBase, item.unrealizedPnlBase, item.revenueClaimed],
          [lower(facts.coin), "DAVE", lower(facts.pool), s(balance), s(cost), s(realized), s(price), s(value), s(value - cost), s(await coinRead<bigint>("claimedRevenue", [facts.alice]))],
        );
        assert.deepEqual(p.totals, { valueBase: s(value), costBasisBase: s(cost), realizedPnlBase: s(realized), unrealizedPnlBase: s(value - cost), revenueClaimed: item.revenueClaimed });
        // carol: a buy, 4 000 received for free, then a sale of 6 000 (the free coins lower her average cost).
        const carolBuy = facts.swaps[5]!;
        const carolSell = facts.swaps[8]!;
        const carolBalance = carolBuy.amountOut + 4_000n * COIN;
        const carolRemoved = (carolBuy.amountIn * 6_000n * COIN) / carolBalance;
        const c = (await api(ix, `/dex/${CHAIN}/portfolio/${facts.carol}`)).items[0];
        assert.deepEqual(
          [c.costBasisBase, c.realizedPnlBase, c.balance],
          [s(carolBuy.amountIn - carolRemoved), s(carolSell.amountOut - carolRemoved), s(carolBalance - 6_000n * COIN)],
        );
        const nobody = await api(ix, `/dex/${CHAIN}/portfolio/0x000000000000000000000000000000000000dEaD`);
        assert.deepEqual([nobody.items, nobody.totals.valueBase], [[], "0"]);
      });

      test("4xx: bad chain, unknown chain, bad address, bad interval, bad ids, unknown coin or creator", async () => {
        const ix = indexer(kind);
        const get = (path: string) => fetch(`${ix.url}${path}`);
        await expectJsonError(await get(`/dex/mainnet/coins`), 400, /Invalid chain "mainnet"/);
        await expectJsonError(await get(`/dex/eip155:999999/coins`), 404, /No DEX indexed on eip155:999999/);
        await expectJsonError(await get(`/dex/eip155:999999/creators`), 404, /No DEX indexed/);
        await expectJsonError(await get(`/dex/${CHAIN}/coins/0x1234`), 400, /Invalid coin "0x1234"/);
        await expectJsonError(await get(`/dex/${CHAIN}/coins/0x00000000000000000000000000000000000c0113`), 404, /No coin 0x00000000000000000000000000000000000c0113/);
        await expectJsonError(await get(`/dex/${CHAIN}/coins/0x00000000000000000000000000000000000c0113/candles`), 404, /No coin/);
        await expectJsonError(await get(`/dex/${CHAIN}/coins/${facts.coin}/candles?interval=5m`), 400, /Invalid interval "5m": expected one of 1m, 1h, 1d/);
        await expectJsonError(await get(`/dex/${CHAIN}/coins/${facts.coin}/candles?from=yesterday`), 400, /Invalid from "yesterday"/);
        await expectJsonError(await get(`/dex/${CHAIN}/coins/${facts.coin}/candles?from=200&to=100`), 400, /from 200 is after to 100/);
        await expectJsonError(await get(`/dex/${CHAIN}/coins/${facts.coin}/swaps?side=hold`), 400, /Invalid side "hold"/);
        await expectJsonError(await get(`/dex/${CHAIN}/coins/${facts.coin}/swaps?account=alice`), 400, /Invalid account "alice"/);
        await expectJsonError(await get(`/dex/${CHAIN}/coins/${facts.coin}/holders?limit=0`), 400, /Invalid limit 0/);
        await expectJsonError(await get(`/dex/${CHAIN}/coins?offset=-1`), 400, /Invalid offset/);
        await expectJsonError(await get(`/dex/${CHAIN}/portfolio/bob`), 400, /Invalid address "bob"/);
        await expectJsonError(await get(`/dex/${CHAIN}/creators/dave`), 400, /Invalid creator id "dave"/);
        await expectJsonError(await get(`/dex/${CHAIN}/creators/${creatorIdOf("nobody")}`), 404, /No creator 0x/);
        await expectJsonError(await get(`/dex/${CHAIN}/creators?launched=maybe`), 400, /Invalid launched "maybe"/);
        await expectJsonError(await get(`/dex/${CHAIN}/nothing`), 404, /No route GET/);
      });
    });
  }

  test("realtime: a second creator launches while the indexers run; factory() finds the new coin and pool; the multisig halts it", async () => {
    const { carol, alice, reporter } = facts;
    const oracle = { to: facts.oracle, abi: abiOf("metricsOracleAbi") };
    const factory = { to: facts.factory, abi: abiOf("creatorCoinFactoryAbi") };
    const dusd = { to: facts.dusd, abi: (chain.abis as unknown as Record<string, Abi>).demoStablecoinAbi! };
    await advanceTime(chain, 30);
    await sendAndWait(chain, reporter, { ...oracle, functionName: "report", args: [facts.carolId, carol, 9_000n, 1_500n, 380n, await chainTime(chain), 2n] });
    const { receipt } = await sendAndWait(chain, carol, { ...factory, functionName: "launch", args: [facts.carolId, "Carol Coin", "CAROL", 100_000n * COIN, [], 500] });
    const launched = receipt.logs
      .filter((l) => lower(l.address) === lower(facts.factory))
      .map((l) => decodeEventLog({ abi: factory.abi, data: l.data, topics: l.topics as [Hex, ...Hex[]] }))
      .find((e) => e.eventName === "CoinLaunched")!.args as unknown as { coin: Address; pool: Address };
    const pool = { to: launched.pool, abi: abiOf("creatorPoolAbi") };
    carolCoin = launched.coin;
    await sendAndWait(chain, carol, { to: launched.coin, abi: abiOf("creatorCoinAbi"), functionName: "approve", args: [launched.pool, 2n ** 256n - 1n] });
    await sendAndWait(chain, carol, { ...dusd, functionName: "approve", args: [launched.pool, 2n ** 256n - 1n] });
    await sendAndWait(chain, carol, { ...pool, functionName: "addLiquidity", args: [50_000n * COIN, 1_000n * DUSD, 0n, 0n, carol, 2n ** 40n] });
    await sendAndWait(chain, alice, { ...dusd, functionName: "approve", args: [launched.pool, 2n ** 256n - 1n] });
    await sendAndWait(chain, alice, { ...pool, functionName: "swapExactIn", args: [facts.dusd, 10n * DUSD, 0n, alice, 2n ** 40n] });
    // The multisig (impersonated) halts the new pool for its cool-off.
    const request = (method: string, params: unknown[]) => chain.testClient.request({ method, params } as never);
    await request("hardhat_impersonateAccount", [facts.multisig]);
    const { receipt: last } = await sendAndWait(chain, facts.multisig, { ...pool, functionName: "halt" }).finally(() => request("hardhat_stopImpersonatingAccount", [facts.multisig]));
    const haltedUntil = await read<number>(launched.pool, pool.abi, "haltedUntil");
    assert.ok(BigInt(haltedUntil) > (await chainTime(chain)));
    const [reserveCoin, reserveBase] = await read<[bigint, bigint, number]>(launched.pool, pool.abi, "getReserves");
    const seeded = (1_000n * DUSD * COIN) / (50_000n * COIN); // carol's first deposit's price, before alice's buy
    for (const ix of stack.running()) {
      await waitForBlock(ix, last.blockNumber);
      const list = await api(ix, `/dex/${CHAIN}/coins`);
      assert.equal(list.total, 2, ix.name);
      const item = list.items[0];
      assert.deepEqual(
        [item.symbol, item.address, item.pool, item.reserveCoin, item.reserveBase, item.price, item.holders, item.swaps],
        ["CAROL", lower(launched.coin), lower(launched.pool), s(reserveCoin), s(reserveBase), s((reserveBase * COIN) / reserveCoin), 2, 1],
        `${ix.name}: newest launch first`,
      );
      const creators = await api(ix, `/dex/${CHAIN}/creators?launched=true`);
      assert.deepEqual(creators.items.map((i: any) => i.symbol), ["DAVE", "CAROL"]);
      const detail = await api(ix, `/dex/${CHAIN}/coins/${launched.coin}`);
      assert.deepEqual([detail.pool.halted, detail.pool.haltedUntil, detail.breakerEvents[0].kind, detail.breakerEvents[0].actor], [true, s(haltedUntil), "halted", lower(facts.multisig)]);
      const candles = await api(ix, `/dex/${CHAIN}/coins/${launched.coin}/candles?interval=1d`);
      assert.deepEqual(candles.items.map((c: any) => [c.open, c.close, c.trades]), [[s(seeded), s((reserveBase * COIN) / reserveCoin), 1]]);
    }
  });

  test("the 24 h figures and halts follow the chain's indexed time: two days on, no volume, change against the last swap, the halt over", async () => {
    await advanceTime(chain, 2 * DAY);
    const head = await chain.publicClient.getBlock({ blockTag: "latest" });
    const price = await currentPrice();
    for (const ix of stack.running()) {
      await waitForBlock(ix, head.number);
      const one = await api(ix, `/dex/${CHAIN}/coins/${facts.coin}`);
      assert.equal(one.chainTime, s(head.timestamp), ix.name);
      assert.deepEqual([one.pool.volume24h, one.pool.change24hBps], [expected24h(facts.swaps, head.timestamp, price).volume24h, expected24h(facts.swaps, head.timestamp, price).change24hBps]);
      assert.equal(one.pool.volume24h, "0");
      // The halt's cool-off (one hour) is over: trading again, by the chain's time alone.
      assert.ok(carolCoin, "the realtime launch ran");
      const carol = await api(ix, `/dex/${CHAIN}/coins/${carolCoin}`);
      assert.deepEqual([carol.pool.halted, BigInt(carol.pool.haltedUntil) > 0n], [false, true]);
    }
  });

  test("PGlite and PostgreSQL hold identical tables (full dumps, every table)", async () => {
    await poll("both indexers at the same block", async () => {
      const head = await chain.publicClient.getBlockNumber();
      for (const ix of stack.running()) await waitForBlock(ix, head);
      return true;
    });
    const [a, b] = await Promise.all([dumpTables(indexer("pglite").url), dumpTables(indexer("postgres").url)]);
    for (const table of ["creator", "creator_metric", "creator_milestone", "coin", "coin_release", "pool", "swap", "liquidity_event", "candle", "holder", "revenue_deposit", "revenue_claim", "breaker_event", "metrics_oracle", "milestone_threshold", "coin_factory"]) {
      assert.ok(a[table]!.length > 0, `the history fills ${table}`);
    }
    assertSameDump(a, b, "PGlite vs PostgreSQL");
  });
});
