/**
 * Gas of the creator-coin DEX (issue 7) on Hardhat's in-process EVM, measured from real receipts,
 * beside Uniswap V2 deployed in the same run from the npm packages' own build artifacts
 * (@uniswap/v2-core 1.0.1 UniswapV2Factory + UniswapV2Pair, @uniswap/v2-periphery 1.1.0-beta.0
 * UniswapV2Router02 + WETH9). Shared by `npm run bench -- dex` and the committed snapshot check
 * (test/evm/dex/gas-snapshot.test.ts).
 *
 * Every figure is the `gasUsed` of the transaction's receipt: the 21,000 base cost, calldata and
 * execution, after refunds. The V2 pair used without its router takes two transactions (the input
 * `transfer` to the pair, then `pair.swap`): its figure is their sum, so it carries 2 × 21,000.
 *
 * Router02 finds its pairs through UniswapV2Library.pairFor, which hard-codes the pair's init code
 * hash 0x96e8ac42…845f. The run checks that keccak256 of the npm UniswapV2Pair bytecode is that
 * hash, that Router02's bytecode pushes it, and that the pair the factory created sits at the
 * CREATE2 address computed from it (it does, for these package versions); otherwise it throws.
 *
 * Same tokens, same reserves, same trades on both sides: one creator coin launched through our
 * stack (MetricsOracle reports, CreatorCoinFactory.launch deploying the coin and its CreatorPool)
 * and a 6-decimal dUSD (contracts/test-doubles/DemoStablecoin.sol); the V2 pair is created for that
 * very coin and dUSD, and excluded from the coin's revenue like our pool (the factory's admin does
 * it), so a coin transfer costs the same whichever pool sends or receives it. Both pools start with
 * 500 000 DAVE + 5 000 dUSD; the trades are a 100 dUSD buy, a 10 000 DAVE sell and a 10 000 DAVE
 * exact-output buy, each with a 1 % slippage bound quoted from the pool's own view, and every
 * allowance is unlimited (OpenZeppelin and V2 then skip the allowance write).
 * V2 runs with its fee switch off, as deployed (no `feeTo`); our pool accrues its protocol share
 * (1/6 of the 0.30 % fee) on every swap, which is a product feature, not a protection: it is on in
 * both of our configurations.
 *
 * Our pool is measured in two configurations, the admin (the multisig) switching them with
 * `setParams`: protections off (fee only), then all protections on with the local default pool
 * parameters of the deployment (daily volume limit, cooldown, circuit breaker, price-impact cap).
 * "Steady state" = the trader already holds both tokens and has traded before, the pool has
 * swapped both ways, the breaker's window is open; "the trader's first swap" = an account holding
 * only dUSD (its coin balance and, with protections on, its protection slot are created).
 * Buys and sells alternate so the price stays within the breaker's bound, and the trader waits out
 * the cooldown before each of its swaps with protections on. Breaker rows: a buy after the window
 * ended (opens the next window: writes its start and reference price), and, last, the buy whose
 * resulting price moves beyond the bound (executes, halts the pool for coolOff, closes the window).
 * After the revenue deposits, a buy on each side again: from then on every coin transfer to or from
 * a holder also updates the holder's revenue correction (the same coin on both sides).
 * Liquidity: the pool's first deposit (pool or pair deployed, empty), a provider's first position
 * and a steady addition to it, removing half of it; Router02.addLiquidity / removeLiquidity beside.
 * Oracle reports, the launch (beside V2's createPair, which deploys a pair only: our launch also
 * deploys the ERC-20 coin), a supply release, and revenue deposits and claims (beside a dUSD
 * transfer) have no V2 equivalent.
 *
 * Deterministic by construction: the chain starts at a fixed time, every amount, observation time
 * and deadline is a constant or derived from the deterministic state, and timestamps only reach
 * storage and events (whose gas does not depend on the value). The coin's address comes from
 * CREATE2 over its bytecode, whose metadata hash changes with any edit of its sources (comments
 * too): the creator's handle is chosen so that the creator id, the coin's and the pair's addresses
 * have no zero byte (calldata carrying them costs the same whatever that hash) and the coin sorts
 * before dUSD (V2's token order fixed).
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { artifacts, network } from "hardhat";
import { encodeDeployData, encodePacked, getContract, getCreate2Address, isAddressEqual, keccak256, maxUint256, parseEventLogs, toHex, zeroAddress, type Abi, type Address, type Hash, type Hex } from "viem";
import { gasSnapshotOf, type AnchoredGasRow } from "./gasSnapshot.ts";
import { DEX_LOCAL_POOL_PARAMS, DEX_ROLES, ORACLE_MAX_AGE, type PoolParams } from "../deploy/ignition/modules/Dex.ts";

export type DexGasRow = AnchoredGasRow;

const require = createRequire(import.meta.url);
interface Artifact {
  abi: Abi;
  bytecode: Hex;
}
/** A build artifact of the Uniswap npm packages (their bytecode has no 0x prefix). */
const uniswapArtifact = (path: string): Artifact => {
  const json = JSON.parse(readFileSync(require.resolve(path), "utf8")) as { abi: Abi; bytecode: string };
  return { abi: json.abi, bytecode: `0x${json.bytecode.replace(/^0x/, "")}` };
};

/** The pair init code hash UniswapV2Library.pairFor hard-codes in Router02. */
export const V2_PAIR_INIT_CODE_HASH: Hex = "0x96e8ac4277198ff8b6f785478aa9a39f403cb768dd02cbee326c3e7da348845f";

const DAY = 24 * 60 * 60;
const T0 = 2_000_000_000; // a fixed "now" (2033)
const DEADLINE = BigInt(T0 + 365 * DAY);
const COIN = 10n ** 18n;
const USD = 1_000_000n; // dUSD has 6 decimals
const INITIAL_SUPPLY = 2_000_000n * COIN;
const RELEASES = [250_000n * COIN, 250_000n * COIN];
const HOLDER_SHARE_BPS = 1_000;
const COIN_NAME = "Dave Coin";
const COIN_SYMBOL = "DAVE";
const POOL_COIN = 500_000n * COIN;
const POOL_BASE = 5_000n * USD;
const BUY = 100n * USD;
const SELL = 10_000n * COIN;
const EXACT_OUT = 10_000n * COIN;
const ADD_COIN = 10_000n * COIN;
const ADD_BASE = 100n * USD;
const REVENUE = 1_000n * USD;

/** The deployment's local default pool parameters: every protection on. */
const PROTECTIONS_ON: PoolParams = DEX_LOCAL_POOL_PARAMS;
/** The same fee and protocol share, every protection off. */
const PROTECTIONS_OFF: PoolParams = {
  ...PROTECTIONS_ON,
  dailyVolumeLimit: 0n,
  cooldown: 0,
  maxPriceMoveBps: 0,
  breakerWindow: 0,
  coolOff: 0,
  maxPriceImpactBps: 0,
};

export const V2 = "Uniswap V2";
const ROUTER = `${V2} Router02`;
const PAIR_DIRECT = `${V2} pair without router: transfer + pair.swap, 2 txs`;

/** V2's quotes (UniswapV2Library.getAmountOut / getAmountIn, 0.30 % fee). */
const v2AmountOut = (amountIn: bigint, reserveIn: bigint, reserveOut: bigint) =>
  (amountIn * 997n * reserveOut) / (reserveIn * 1_000n + amountIn * 997n);
const v2AmountIn = (amountOut: bigint, reserveIn: bigint, reserveOut: bigint) =>
  (reserveIn * amountOut * 1_000n) / ((reserveOut - amountOut) * 997n) + 1n;
/** Where V2's factory creates (and Router02 looks for) the pair of two tokens. */
const v2PairAddress = (factory: Address, tokenA: Address, tokenB: Address) => {
  const [token0, token1] = BigInt(tokenA) < BigInt(tokenB) ? [tokenA, tokenB] : [tokenB, tokenA];
  return getCreate2Address({ from: factory, salt: keccak256(encodePacked(["address", "address"], [token0, token1])), bytecodeHash: V2_PAIR_INIT_CODE_HASH });
};
/** Whether `hex` has no zero byte (calldata: 4 gas per zero byte, 16 per other byte). */
const noZeroByte = (hex: Hex) => !/^(?:..)*00/.test(hex.slice(2));
/** A 1 % slippage bound around a quote. */
const minus1pct = (x: bigint) => (x * 99n) / 100n;
const plus1pct = (x: bigint) => (x * 101n) / 100n;

export async function measureDexGas(): Promise<DexGasRow[]> {
  const { viem, networkHelpers } = await network.create();
  const publicClient = await viem.getPublicClient();
  const wallets = await viem.getWalletClients();
  const [admin, reporter, dave, alice, carol, feeRecipient, freshOff, freshRouter, freshDirect, freshOn, dusdHolder, dusdSome] = wallets;
  type Wallet = (typeof wallets)[number];
  const as = (w: Wallet) => ({ account: w.account });
  const receipt = async (hash: Promise<Hash> | Hash) => {
    const r = await publicClient.waitForTransactionReceipt({ hash: await hash });
    if (r.status !== "success") throw new Error(`transaction ${r.transactionHash} reverted`);
    return r;
  };
  const gasOf = async (hash: Promise<Hash> | Hash) => Number((await receipt(hash)).gasUsed);
  await networkHelpers.time.increaseTo(T0);

  // ── Uniswap V2 from the npm artifacts; the pair's init code hash checked against Router02 ──
  const pairArtifact = uniswapArtifact("@uniswap/v2-core/build/UniswapV2Pair.json");
  const factoryArtifact = uniswapArtifact("@uniswap/v2-core/build/UniswapV2Factory.json");
  const routerArtifact = uniswapArtifact("@uniswap/v2-periphery/build/UniswapV2Router02.json");
  const wethArtifact = uniswapArtifact("@uniswap/v2-periphery/build/WETH9.json");
  const initCodeHash = keccak256(pairArtifact.bytecode);
  if (initCodeHash !== V2_PAIR_INIT_CODE_HASH) throw new Error(`npm UniswapV2Pair init code hash ${initCodeHash} is not Router02's ${V2_PAIR_INIT_CODE_HASH}`);
  // PUSH32 <hash> in Router02's code: UniswapV2Library.pairFor's constant.
  if (!routerArtifact.bytecode.includes(`7f${V2_PAIR_INIT_CODE_HASH.slice(2)}`)) throw new Error("Router02's bytecode does not push the expected pair init code hash");
  const deployRaw = async (artifact: Artifact, args: readonly unknown[]) =>
    (await receipt(admin.deployContract({ abi: artifact.abi, bytecode: artifact.bytecode, args }))).contractAddress as Address;
  const v2 = (address: Address, abi: Abi) => getContract({ address, abi, client: { public: publicClient, wallet: admin } });
  const weth = await deployRaw(wethArtifact, []);
  const v2Factory = v2(await deployRaw(factoryArtifact, [admin.account.address]), factoryArtifact.abi);
  const router = v2(await deployRaw(routerArtifact, [v2Factory.address, weth]), routerArtifact.abi);

  // ── our stack, wired as the deployment does (the admin account stands in for the multisig) ──
  const dusd = await viem.deployContract("DemoStablecoin", ["Demo USD", "dUSD"]);
  const oracle = await viem.deployContract("MetricsOracle", [admin.account.address, ORACLE_MAX_AGE]);
  await gasOf(oracle.write.grantRole([DEX_ROLES.REPORTER_ROLE, reporter.account.address], as(admin)));
  const poolDeployer = await viem.deployContract("CreatorPoolDeployer");
  const factory = await viem.deployContract("CreatorCoinFactory", [
    admin.account.address,
    oracle.address,
    dusd.address,
    zeroAddress, // no badges: premium access is not measured
    feeRecipient.account.address,
    poolDeployer.address,
    PROTECTIONS_ON,
  ]);

  // The creator: the first handle (dave, dave1, dave2, ...) whose creator id, coin address (CREATE2,
  // salt = the id, so it moves with the coin's bytecode and its metadata hash) and V2 pair address
  // have no zero byte, the coin sorting before dUSD: every calldata carrying them then costs the same
  // whatever the sources' comments, and V2's token order is fixed.
  const coinArtifact = await artifacts.readArtifact("CreatorCoin");
  const coinAt = (creatorId: Hex) => {
    const config = {
      creatorId,
      creator: dave.account.address,
      oracle: oracle.address,
      baseToken: dusd.address,
      holderShareBps: HOLDER_SHARE_BPS,
      initialSupply: INITIAL_SUPPLY,
      firstReleaseIndex: 1n, // the launch milestone (index 0) + 1
      releaseAmounts: RELEASES,
    };
    const initCode = encodeDeployData({ abi: coinArtifact.abi, bytecode: coinArtifact.bytecode as Hex, args: [COIN_NAME, COIN_SYMBOL, config] });
    return getCreate2Address({ from: factory.address, salt: creatorId, bytecode: initCode });
  };
  let creatorId: Hex | undefined;
  for (let i = 0; creatorId === undefined; i++) {
    const id = keccak256(toHex(`worx:creator:dave${i === 0 ? "" : i}`));
    const coinAddress = coinAt(id);
    const fits = noZeroByte(id) && noZeroByte(coinAddress) && noZeroByte(v2PairAddress(v2Factory.address, coinAddress, dusd.address));
    if (fits && BigInt(coinAddress) < BigInt(dusd.address)) creatorId = id;
  }
  const CREATOR_ID = creatorId;

  const rows: DexGasRow[] = [];
  const record = async (operation: string, tx: Promise<Hash>, anchor: string | null = null, anchorGas: number | null = null) => {
    const gas = await gasOf(tx);
    rows.push({ operation, gas, anchor, anchorGas });
    return gas;
  };

  // ── oracle reports: dave's first, a steady one, then the one crossing the launch milestone ──
  const report = (followers: bigint, observedAt: number, nonce: bigint) =>
    oracle.write.report([CREATOR_ID, dave.account.address, followers * 20n, followers, 450n, BigInt(observedAt), nonce], as(reporter));
  await record("report (a creator's first report)", report(600n, T0 - 3_000, 1n));
  await record("report (steady state: no milestone crossed)", report(800n, T0 - 2_000, 2n));
  await record("report (crosses the launch milestone)", report(1_200n, T0 - 1_000, 3n));

  // ── launch beside V2's createPair for the same tokens ──
  const launchTx = factory.write.launch([CREATOR_ID, COIN_NAME, COIN_SYMBOL, INITIAL_SUPPLY, RELEASES, HOLDER_SHARE_BPS], as(dave));
  const launchGas = await gasOf(launchTx);
  const coin = await viem.getContractAt("CreatorCoin", await factory.read.coinOf([CREATOR_ID]));
  if (!isAddressEqual(coin.address, coinAt(CREATOR_ID))) throw new Error("the coin is not at its predicted CREATE2 address");
  const pool = await viem.getContractAt("CreatorPool", await factory.read.poolOf([coin.address]));
  const createPairGas = await gasOf(v2Factory.write.createPair([coin.address, dusd.address], as(carol)));
  rows.push({ operation: "launch (deploys the coin and its pool)", gas: launchGas, anchor: `${V2} UniswapV2Factory.createPair (deploys a pair only)`, anchorGas: createPairGas });
  const pairAddress = (await v2Factory.read.getPair([coin.address, dusd.address])) as Address;
  const token0 = coin.address; // sorts before dUSD (chosen so above)
  const expectedPair = v2PairAddress(v2Factory.address, coin.address, dusd.address);
  if (!isAddressEqual(expectedPair, pairAddress)) throw new Error(`pair at ${pairAddress}, Router02 would look for it at ${expectedPair}`);
  const pair = v2(pairAddress, pairArtifact.abi);
  await gasOf(factory.write.setRevenueExcluded([coin.address, pairAddress, true], as(admin)));

  await gasOf(oracle.write.report([CREATOR_ID, dave.account.address, 100_000n, 5_000n, 450n, BigInt(T0), 4n], as(reporter)));
  await record("release (milestone 1's supply to the creator)", coin.write.release([1n], as(dave)));

  // ── funds and unlimited allowances (pool and router) ──
  const approveAll = async (w: Wallet, spenders: Address[]) => {
    for (const s of spenders) {
      await gasOf(coin.write.approve([s, maxUint256], as(w)));
      await gasOf(dusd.write.approve([s, maxUint256], as(w)));
    }
  };
  await gasOf(dusd.write.mint([dave.account.address, 100_000n * USD]));
  await approveAll(dave, [pool.address, router.address]);
  await gasOf(dusd.write.approve([coin.address, maxUint256], as(dave))); // revenue deposits
  for (const w of [alice, carol]) {
    await gasOf(dusd.write.mint([w.account.address, 10_000n * USD]));
    await gasOf(coin.write.transfer([w.account.address, 300_000n * COIN], as(dave)));
    await approveAll(w, [pool.address, router.address]);
  }
  for (const w of [freshOff, freshRouter, freshDirect, freshOn]) await gasOf(dusd.write.mint([w.account.address, 2n * BUY]));
  await gasOf(dusd.write.approve([pool.address, maxUint256], as(freshOff)));
  await gasOf(dusd.write.approve([router.address, maxUint256], as(freshRouter)));
  await gasOf(dusd.write.approve([pool.address, maxUint256], as(freshOn)));

  // ── liquidity: the first deposit, a provider's first position, adding to it, removing half ──
  const addOurs = (w: Wallet, amountCoin: bigint, amountBase: bigint) => pool.write.addLiquidity([amountCoin, amountBase, 0n, 0n, w.account.address, DEADLINE], as(w));
  const addRouter = (w: Wallet, amountCoin: bigint, amountBase: bigint) =>
    router.write.addLiquidity([coin.address, dusd.address, amountCoin, amountBase, 0n, 0n, w.account.address, DEADLINE], as(w));
  const addRow = async (operation: string, anchor: string, w: Wallet, amountCoin: bigint, amountBase: bigint) =>
    record(operation, addOurs(w, amountCoin, amountBase), `${ROUTER}.addLiquidity (${anchor})`, await gasOf(addRouter(w, amountCoin, amountBase)));
  await addRow("addLiquidity (the pool's first deposit: 500 000 DAVE + 5 000 dUSD)", "the pair's first deposit, pair created", dave, POOL_COIN, POOL_BASE);

  // ── swaps ──
  type Side = "buy" | "sell";
  /** Our pool's swap on `side`, bounded 1 % around the pool's own quote. */
  const ourSwap = async (w: Wallet, side: Side, exactOut: boolean) => {
    const tokenIn = side === "buy" ? dusd.address : coin.address;
    if (exactOut) {
      const amountIn = await pool.read.getAmountIn([tokenIn, EXACT_OUT]);
      return pool.write.swapExactOut([tokenIn, EXACT_OUT, plus1pct(amountIn), w.account.address, DEADLINE], as(w));
    }
    const amountIn = side === "buy" ? BUY : SELL;
    const out = await pool.read.getAmountOut([tokenIn, amountIn]);
    return pool.write.swapExactIn([tokenIn, amountIn, minus1pct(out), w.account.address, DEADLINE], as(w));
  };
  /** Router02's swap on `side`, bounded 1 % around the router's own quote. */
  const routerSwap = async (w: Wallet, side: Side, exactOut: boolean) => {
    const path = side === "buy" ? [dusd.address, coin.address] : [coin.address, dusd.address];
    if (exactOut) {
      const [amountIn] = (await router.read.getAmountsIn([EXACT_OUT, path])) as bigint[];
      return router.write.swapTokensForExactTokens([EXACT_OUT, plus1pct(amountIn!), path, w.account.address, DEADLINE], as(w));
    }
    const amountIn = side === "buy" ? BUY : SELL;
    const amounts = (await router.read.getAmountsOut([amountIn, path])) as bigint[];
    return router.write.swapExactTokensForTokens([amountIn, minus1pct(amounts[1]!), path, w.account.address, DEADLINE], as(w));
  };
  /** V2 without its router: the trader transfers the input to the pair, then calls pair.swap. */
  const directSwapGas = async (w: Wallet, side: Side, exactOut: boolean) => {
    const [reserve0, reserve1] = (await pair.read.getReserves()) as [bigint, bigint, number];
    const tokenIn = side === "buy" ? dusd.address : coin.address;
    const inIs0 = tokenIn === token0;
    const [reserveIn, reserveOut] = inIs0 ? [reserve0, reserve1] : [reserve1, reserve0];
    const amountIn = exactOut ? v2AmountIn(EXACT_OUT, reserveIn, reserveOut) : side === "buy" ? BUY : SELL;
    const amountOut = exactOut ? EXACT_OUT : v2AmountOut(amountIn, reserveIn, reserveOut);
    const transfer = await gasOf((side === "buy" ? dusd.write.transfer : coin.write.transfer)([pairAddress, amountIn], as(w)));
    const swap = await gasOf(pair.write.swap([inIs0 ? 0n : amountOut, inIs0 ? amountOut : 0n, w.account.address, "0x"], as(w)));
    return transfer + swap;
  };

  await gasOf(pool.write.setParams([PROTECTIONS_OFF], as(admin)));
  // Warm-up: each pool swaps both ways once (fee slots, V2's price accumulators written from zero).
  for (const side of ["buy", "sell"] as const) {
    await gasOf(ourSwap(alice, side, false));
    await gasOf(routerSwap(alice, side, false));
  }

  interface SwapKind {
    name: string;
    fn: "swapExactIn" | "swapExactOut";
    routerFn: string;
    what: string;
    state: string;
    side: Side;
    exactOut: boolean;
    trader: { ours: Wallet; router: Wallet; direct: Wallet; oursOn: Wallet };
  }
  const steady = { ours: alice, router: alice, direct: alice, oursOn: alice };
  const kinds: SwapKind[] = [
    { name: "buy", fn: "swapExactIn", routerFn: "swapExactTokensForTokens", what: "buy with 100 dUSD", state: "steady state", side: "buy", exactOut: false, trader: steady },
    { name: "sell", fn: "swapExactIn", routerFn: "swapExactTokensForTokens", what: "sell 10 000 DAVE", state: "steady state", side: "sell", exactOut: false, trader: steady },
    { name: "exactOut", fn: "swapExactOut", routerFn: "swapTokensForExactTokens", what: "buy 10 000 DAVE", state: "steady state", side: "buy", exactOut: true, trader: steady },
    {
      name: "first",
      fn: "swapExactIn",
      routerFn: "swapExactTokensForTokens",
      what: "buy with 100 dUSD",
      state: "the trader's first swap",
      side: "buy",
      exactOut: false,
      trader: { ours: freshOff, router: freshRouter, direct: freshDirect, oursOn: freshOn },
    },
  ];
  const routerAnchor = new Map<string, [string, number]>();
  /** Bring both pools back towards the starting price after a buy (not measured). */
  const sellBack = async (wait: boolean) => {
    if (wait) await networkHelpers.time.increase(PROTECTIONS_ON.cooldown + 1);
    await gasOf(ourSwap(alice, "sell", false));
    await gasOf(routerSwap(alice, "sell", false));
  };

  // Protections off: ours, Router02, the pair without router, one trade kind at a time.
  for (const k of kinds) {
    const label = `${k.fn} (${k.what}; ${k.state}`;
    const ours = await gasOf(ourSwap(k.trader.ours, k.side, k.exactOut));
    const viaRouter = await gasOf(routerSwap(k.trader.router, k.side, k.exactOut));
    const direct = await directSwapGas(k.trader.direct, k.side, k.exactOut);
    const anchor = `${ROUTER}.${k.routerFn} (${k.what}; ${k.state})`;
    routerAnchor.set(k.name, [anchor, viaRouter]);
    rows.push({ operation: `${label}; protections off)`, gas: ours, anchor, anchorGas: viaRouter });
    rows.push({ operation: `${label}; protections off) beside V2 without router`, gas: ours, anchor: `${PAIR_DIRECT} (${k.what}; ${k.state})`, anchorGas: direct });
    if (k.side === "buy") await sellBack(false);
  }

  // All protections on (the deployment's local defaults); the trader waits out the cooldown.
  await gasOf(pool.write.setParams([PROTECTIONS_ON], as(admin)));
  await gasOf(ourSwap(alice, "buy", false)); // opens the breaker's first window, creates alice's protection slot
  await sellBack(true);
  const onRow = async (k: SwapKind, state = k.state, anchorName = k.name) => {
    const [anchor, anchorGas] = routerAnchor.get(anchorName)!;
    if (k.trader.oursOn === alice) await networkHelpers.time.increase(PROTECTIONS_ON.cooldown + 1);
    await record(`${k.fn} (${k.what}; ${state}; all protections on)`, ourSwap(k.trader.oursOn, k.side, k.exactOut), anchor, anchorGas);
    if (k.side === "buy") await sellBack(true);
  };
  for (const k of kinds) await onRow(k);
  // A buy after the breaker's window has ended: it opens the next window at the current price.
  await networkHelpers.time.increase(PROTECTIONS_ON.breakerWindow + 1);
  await onRow(kinds[0]!, "opens a new breaker window", "buy");

  // ── liquidity, continued: carol's first position, then adding to it, then removing half ──
  await addRow("addLiquidity (a provider's first position: 10 000 DAVE + 100 dUSD)", "a provider's first position", carol, ADD_COIN, ADD_BASE);
  await addRow("addLiquidity (steady state: adding to a position)", "adding to a position", carol, ADD_COIN, ADD_BASE);
  await gasOf(pair.write.approve([router.address, maxUint256], as(carol)));
  const pairLp = ((await pair.read.balanceOf([carol.account.address])) as bigint) / 2n;
  const routerRemove = await gasOf(router.write.removeLiquidity([coin.address, dusd.address, pairLp, 0n, 0n, carol.account.address, DEADLINE], as(carol)));
  const lp = (await pool.read.balanceOf([carol.account.address])) / 2n;
  await record("removeLiquidity (half of a position)", pool.write.removeLiquidity([lp, 0n, 0n, carol.account.address, DEADLINE], as(carol)), `${ROUTER}.removeLiquidity (half of a position, LP approved)`, routerRemove);

  // ── revenue: dave deposits, a holder and the creator claim; claims beside a dUSD transfer ──
  await gasOf(dusd.write.mint([dusdHolder.account.address, 10_000n * USD]));
  await gasOf(dusd.write.mint([dusdSome.account.address, 1n]));
  const transferAnchor = "OpenZeppelin ERC20.transfer (dUSD, to an account holding some)";
  const transferGas = await gasOf(dusd.write.transfer([dusdSome.account.address, USD], as(dusdHolder)));
  await record("depositRevenue (1 000 dUSD; the coin's first deposit)", coin.write.depositRevenue([REVENUE], as(dave)));
  await record("claimRevenue (a holder's first claim)", coin.write.claimRevenue(as(alice)), transferAnchor, transferGas);
  await record("depositRevenue (1 000 dUSD; steady state)", coin.write.depositRevenue([REVENUE], as(dave)));
  await record("claimRevenue (a holder; steady state)", coin.write.claimRevenue(as(alice)), transferAnchor, transferGas);
  await record("claimRevenue (the creator: its holder share and the creator share)", coin.write.claimRevenue(as(dave)), transferAnchor, transferGas);

  // Swaps once revenue was deposited: every coin transfer to or from a holder also updates its
  // revenue correction. Warm-up first: the trader's first correction write is from zero.
  const afterRevenue = "steady state after revenue deposits";
  await gasOf(routerSwap(alice, "buy", false));
  await gasOf(routerSwap(alice, "sell", false));
  routerAnchor.set("afterRevenue", [`${ROUTER}.swapExactTokensForTokens (buy with 100 dUSD; ${afterRevenue})`, await gasOf(routerSwap(alice, "buy", false))]);
  await gasOf(routerSwap(alice, "sell", false));
  await onRow(kinds[0]!, afterRevenue, "afterRevenue");

  // Last (the pool stays halted): in a new window, buys until one moves the price beyond the
  // breaker's bound; that buy executes and trips the breaker (halt for coolOff, window closed).
  await networkHelpers.time.increase(PROTECTIONS_ON.breakerWindow + 1);
  const [buyAnchor, buyAnchorGas] = routerAnchor.get("buy")!;
  for (let i = 0; ; i++) {
    if (i === 20) throw new Error("20 buys did not trip the circuit breaker: the scenario is broken");
    await networkHelpers.time.increase(PROTECTIONS_ON.cooldown + 1);
    const r = await receipt(ourSwap(alice, "buy", false));
    if (parseEventLogs({ abi: pool.abi, eventName: "CircuitBreakerTripped", logs: r.logs }).length === 0) continue;
    rows.push({ operation: "swapExactIn (buy with 100 dUSD; trips the circuit breaker; all protections on)", gas: Number(r.gasUsed), anchor: buyAnchor, anchorGas: buyAnchorGas });
    break;
  }
  return rows;
}

/** The committed snapshot's shape: every row's gas, then each anchor's gas. */
export function dexSnapshot(rows: DexGasRow[]): Record<string, number> {
  return gasSnapshotOf(rows);
}
