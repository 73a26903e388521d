/**
 * The DEX's Clarity contracts (clarity/contracts/dex/) -> the DEX tables, through the EVM DEX
 * handlers (../dex/*.ts, registered with shared()): the same rows and keys as on EVM, with the
 * mapping below where the Clarity DEX differs (indexer/stacks/README.md "The DEX" lists it).
 *
 *  - metrics-oracle = MetricsOracle, creator-factory = CreatorCoinFactory: their prints are the
 *    twins' events. `reporter-updated` is the twin's RoleGranted / RoleRevoked of REPORTER_ROLE;
 *    `admin-updated` (the admin handed over, to the multisig at deployment) is an `AdminUpdated`
 *    audit entry. creator-factory prints nothing at deployment: its row starts from its
 *    constants (fee recipient `.fee-splitter`, FACTORY_DEFAULT_POOL_PARAMS).
 *  - ONE creator-pool contract holds every pool, keyed by its coin: a pool's rows (`pool`, `swap`,
 *    `liquidity_event`, `candle`, `breaker_event`, the coin's `pool` column) name it
 *    `<creator-pool id>/<coin id>` ({@link stacksPoolId}), and creator-pool's balance of a coin
 *    (its holder row, its transfers) is that pool's. LP shares are a map, not a token: the LP
 *    supply follows liquidity-added / -removed (plus the MINIMUM-LIQUIDITY locked by the first
 *    deposit). The breaker's reference and prices are printed as reserves; the rows hold the EVM's
 *    UQ112x112 prices computed from them.
 *  - A creator coin is the creator's own copy of the template (any contract id), known from its
 *    `coin-launched` on: its prints and SIP-010 movements (the bridge's `transfer` prints) go to the
 *    CreatorCoin handlers. Its events before `coin-launched` in the launch transaction (the
 *    initial mint to the creator, then creator-pool's revenue exclusion, printed just before
 *    `coin-launched`: the template is fixed, its hash checked by the factory) are replayed from
 *    `coin-launched`. Name, symbol and the release schedule are arguments of the factory's
 *    `launch`, printed by no contract: they come from the bridge's print of that call
 *    (`contract-call`, after the transaction's events). Decimals: 6 (the template's).
 *  - Governed changes name the contract's admin (its callers are checked against it: on Stacks
 *    the admin is the only possible caller), the last `admin-updated` of the contract, else its
 *    deployer; EVM names the multisig when the transaction was sent to it. The pool's registration
 *    prints (fee recipient, parameters) and the coin's launch-time exclusion name the launching
 *    creator (the transaction's sender), as EVM's constructors do.
 *  - Prices follow the EVM formula `reserveBase * 10^18 / reserveCoin`; Stacks coins have 6
 *    decimals (EVM 18), so a Stacks price is base units per 10^12 whole coins.
 */
import { and, desc, eq } from "ponder";
import { adminAction, coin, coinFactory, coinRelease, pool } from "ponder:schema";
import type { PoolParamsJson } from "ponder:schema";
import { ClarityType, deserializeCV } from "@stacks/transactions";
import { keccak256, toHex, zeroAddress, type Abi, type Address } from "viem";
import { creatorCoinAbi, creatorCoinFactoryAbi, creatorPoolAbi, metricsOracleAbi } from "../../../generated/abis.ts";
import { stacksDeployments } from "../../../generated/stacks.ts";
import { CONTRACT_CALL_TOPIC } from "../../stacks/payload.ts";
import { caip2, recordAudit, type AnyContext } from "../audit.ts";
import { sharedHandlers } from "../common.ts";
import { rowKey, type DexContext } from "../dex/common.ts";
import { ensurePool } from "../dex/pool.ts";
import { ClarityDecodeError, decodePrint } from "./clarity.ts";
import { printFields } from "./dao.ts";
import type { StacksPrint } from "./print.ts";

/** The DEX's contracts by their generated/stacks.ts names (creator coins are not among them). */
export const STACKS_DEX_CONTRACTS = ["metrics-oracle", "creator-factory", "creator-pool"] as const;
type DexName = (typeof STACKS_DEX_CONTRACTS)[number];

/** Principals in the account columns (typed as the EVM addresses they stand for). */
type Principal = Address;

/** A Stacks pool's row identity: the pools contract and the coin it is keyed by. */
export const stacksPoolId = (creatorPool: string, coinId: string) => `${creatorPool}/${coinId}` as Principal;

/** creator-pool's MINIMUM-LIQUIDITY: LP shares locked (counted in the supply) by a pool's first deposit. */
export const MINIMUM_LIQUIDITY = 1000n;
/** The creator coin template's decimals (`get-decimals`). */
export const COIN_DECIMALS = 6;
/** creator-factory's initial `default-pool-params` (its deployment prints none). */
export const FACTORY_DEFAULT_POOL_PARAMS: PoolParamsJson = {
  swapFeeBps: 30,
  protocolShareBps: 1667,
  dailyVolumeLimit: "10000000000",
  cooldown: 30,
  maxPriceMoveBps: 2500,
  breakerWindow: 3600,
  coolOff: 3600,
  maxPriceImpactBps: 1000,
};

const REPORTER_ROLE = keccak256(toHex("REPORTER_ROLE"));
/** A creator coin's prints with a CreatorCoin handler (`transfer`: the bridge's SIP-010 movements). */
const COIN_TOPICS = new Set(["transfer", "supply-released", "revenue-deposited", "revenue-claimed", "revenue-exclusion-updated"]);

function dexIds(context: AnyContext): Record<DexName, string> {
  const contracts = (stacksDeployments as Record<string, { contracts: Readonly<Record<string, string>> } | undefined>)[caip2(context)]?.contracts ?? {};
  return Object.fromEntries(STACKS_DEX_CONTRACTS.map((name) => [name, contracts[name] ?? ""])) as Record<DexName, string>;
}

/** `ADDRESS` of `ADDRESS.name`: the contract's deployer. */
const deployerOf = (contractId: string) => contractId.split(".")[0] as Principal;

/**
 * What the EVM DEX handlers read of their context: the database and chain, the oracle's id (the
 * launch's first release index), the ABIs they pass to reads, `WorxMultisig` as the governed
 * actor (see {@link run}) and a client answering the launch's reads (Stacks has no contract reads).
 */
function dexContext(context: AnyContext, actor: string, client?: DexContext["client"]): DexContext {
  return {
    db: context.db,
    chain: context.chain,
    client: client ?? (undefined as never),
    contracts: {
      WorxMultisig: { address: actor },
      MetricsOracle: { address: dexIds(context)["metrics-oracle"], abi: metricsOracleAbi },
      CreatorCoin: { abi: creatorCoinAbi },
      CreatorPool: { abi: creatorPoolAbi },
    },
  } as unknown as DexContext;
}

interface RunOptions {
  /** The row identity the handler sees as the emitting contract (default: the printing contract). */
  address?: string;
  /** The log index (default: the print's). */
  logIndex?: number;
  /**
   * The governed change's actor. The handlers' governedActor() names `WorxMultisig` when the
   * transaction was sent to it, else the transaction's sender: both are set to this actor.
   */
  actor?: string;
  client?: DexContext["client"];
}

/** Runs the EVM handler `name` (`CreatorPool:Swapped`) on `args`. */
async function run(context: AnyContext, print: StacksPrint, name: string, args: object, o: RunOptions = {}): Promise<void> {
  const handler = sharedHandlers.get(name);
  if (!handler) throw new Error(`no shared EVM handler ${name}: is ../dex/ imported?`);
  const event = {
    ...print.event,
    log: { address: (o.address ?? print.event.log.address) as Principal, logIndex: o.logIndex ?? print.event.log.logIndex },
    transaction: { ...print.event.transaction, to: (o.actor ?? null) as Principal | null },
    name: name.split(":")[1],
    args,
  };
  await handler({ event, context: dexContext(context, o.actor ?? "", o.client) });
}

/** The print decoded as the twin event of `abi` (its fields by name; extra fields ignored). */
function twinArgs(print: StacksPrint, abi: Abi): Record<string, unknown> {
  const decoded = decodePrint(print.value, print.topic, abi);
  if (!decoded) throw new ClarityDecodeError(`${print.topic} print: no twin event`);
  return decoded.args;
}

/**
 * The admin of `contract`: the last `admin-updated` it printed (the AdminUpdated audit entries),
 * else its deployer (the admin at deployment).
 */
async function adminOf(context: AnyContext, contract: string): Promise<Principal> {
  const a = adminAction;
  const [last] = await context.db.sql
    .select({ details: a.details })
    .from(a)
    .where(and(eq(a.chainId, caip2(context)), eq(a.contract, contract as Principal), eq(a.action, "AdminUpdated")))
    .orderBy(desc(a.blockNumber))
    .limit(1);
  return ((last?.details as { admin?: string } | undefined)?.admin ?? deployerOf(contract)) as Principal;
}

/** Audit entries of the Clarity-only governance prints, named after the print. */
async function auditPrint(context: AnyContext, print: StacksPrint, action: string, actor: string): Promise<void> {
  await recordAudit(context, { ...print.event, args: printFields(print.value) }, action, actor as Principal);
}

/** admin-updated: an `AdminUpdated` audit entry by the previous admin (the only one allowed to hand over). */
async function onAdminUpdated(context: AnyContext, print: StacksPrint, contract: string): Promise<void> {
  const f = printFields(print.value);
  await recordAudit(context, { ...print.event, log: { ...print.event.log, address: contract as Principal }, args: f }, "AdminUpdated", f.previous as Principal);
}

/** UQ112x112 of `base / coin` (PoolMath.price: the EVM breaker's unit). */
const uq112 = (base: bigint, coinAmount: bigint) => (base << 112n) / coinAmount;

// ───────────────────────────── metrics-oracle ─────────────────────────────

async function onOraclePrint(context: AnyContext, print: StacksPrint): Promise<void> {
  const oracle = print.event.log.address;
  switch (print.topic) {
    case "metrics-reported":
    case "milestone-reached":
      return run(context, print, `MetricsOracle:${print.topic === "metrics-reported" ? "MetricsReported" : "MilestoneReached"}`, twinArgs(print, metricsOracleAbi));
    case "milestone-added":
    case "launch-milestone-index-updated":
    case "max-age-updated": {
      const decoded = decodePrint(print.value, print.topic, metricsOracleAbi)!;
      return run(context, print, `MetricsOracle:${decoded.name}`, decoded.args, { actor: await adminOf(context, oracle) });
    }
    case "reporter-updated": {
      // The EVM twin's REPORTER_ROLE grant or revocation, by the admin.
      const f = printFields(print.value);
      const admin = await adminOf(context, oracle);
      const args = { role: REPORTER_ROLE, account: f.reporter, sender: admin };
      return run(context, print, f.enabled ? "MetricsOracle:RoleGranted" : "MetricsOracle:RoleRevoked", args, { actor: admin });
    }
    case "admin-updated":
      return onAdminUpdated(context, print, oracle);
  }
}

// ───────────────────────────── creator-factory ─────────────────────────────

/** The factory's row as deployed (no-op once it exists): creator-factory's initial data-vars. */
async function ensureFactoryRow(context: AnyContext, print: StacksPrint): Promise<void> {
  const chainId = caip2(context);
  const factory = print.event.log.address;
  await context.db
    .insert(coinFactory)
    .values({
      id: rowKey(chainId, factory),
      chainId,
      address: factory,
      feeRecipient: `${deployerOf(factory)}.fee-splitter` as Principal,
      defaultPoolParams: FACTORY_DEFAULT_POOL_PARAMS,
      coinCount: 0,
      updatedAt: print.event.block.timestamp,
    })
    .onConflictDoNothing();
}

/**
 * coin-launched: the coin's launch-time events replayed (see the header), then the twin's
 * CoinLaunched with `pool` = the coin's pool id and its reads answered: decimals 6, the base token
 * as pool-registered named it; name, symbol and the schedule are filled by the launch call's print.
 */
async function onCoinLaunched(context: AnyContext, print: StacksPrint): Promise<void> {
  const f = printFields(print.value);
  const chainId = caip2(context);
  const coinId = f.coin as Principal;
  const poolId = stacksPoolId(f.pool as string, coinId);
  const creator = f.creator as Principal;
  const initialSupply = f["initial-supply"] as bigint;
  // The template's initialize minted the initial supply to the creator (when any)...
  if (initialSupply > 0n) {
    await run(context, print, "CreatorCoin:Transfer", { from: zeroAddress, to: creator, value: initialSupply }, { address: coinId });
  }
  // ... and the factory then excluded creator-pool, printed right before coin-launched.
  await run(context, print, "CreatorCoin:RevenueExclusionUpdated", { account: poolId, excluded: true }, { address: coinId, logIndex: print.event.log.logIndex - 1 });
  const client = {
    readContract: async ({ functionName }: { functionName: string }) => {
      switch (functionName) {
        case "name":
        case "symbol":
          return "";
        case "decimals":
          return COIN_DECIMALS;
        case "releaseAt":
          return 0n;
        case "baseToken":
          return (await context.db.find(pool, { id: rowKey(chainId, poolId) }))?.baseToken ?? zeroAddress;
        default:
          throw new Error(`the Stacks launch of ${coinId} reads ${functionName}: no such read is answered`);
      }
    },
  } as unknown as DexContext["client"];
  await run(
    context,
    print,
    "CreatorCoinFactory:CoinLaunched",
    { creatorId: f["creator-id"], creator, coin: coinId, pool: poolId, initialSupply, maxSupply: f["max-supply"], holderShareBps: Number(f["holder-share-bps"]) },
    { client },
  );
}

/**
 * The factory's `launch` call (the bridge's print after the launch's events): the coin's name and
 * symbol, and its schedule (`release-amounts[i]` at milestone first-release-index + i, entries of
 * zero release nothing and get no row, as on EVM).
 */
async function onLaunchCall(context: AnyContext, print: StacksPrint): Promise<void> {
  const call = deserializeCV(print.value.slice(2));
  if (call.type !== ClarityType.Tuple) return;
  const fn = call.value.function;
  const args = call.value.args;
  if (fn?.type !== ClarityType.StringASCII || fn.value !== "launch" || args?.type !== ClarityType.List) return;
  const arg = (i: number) => {
    const a = args.value[i];
    if (a?.type !== ClarityType.Buffer) throw new ClarityDecodeError(`launch call: no argument ${i}`);
    return deserializeCV(a.value);
  };
  const [coinArg, nameArg, symbolArg, releasesArg] = [arg(0), arg(2), arg(3), arg(5)];
  if (coinArg.type !== ClarityType.PrincipalContract || nameArg.type !== ClarityType.StringASCII || symbolArg.type !== ClarityType.StringASCII || releasesArg.type !== ClarityType.List) {
    throw new ClarityDecodeError("launch call: unexpected argument types");
  }
  const chainId = caip2(context);
  const coinId = coinArg.value as Principal;
  const row = await context.db.find(coin, { id: rowKey(chainId, coinId) });
  if (!row) return; // (a successful launch printed coin-launched first)
  await context.db.update(coin, { id: row.id }).set({ name: nameArg.value, symbol: symbolArg.value });
  const amounts = releasesArg.value.map((v) => (v.type === ClarityType.UInt ? BigInt(v.value) : 0n));
  for (const [i, amount] of amounts.entries()) {
    if (amount === 0n) continue;
    const milestoneIndex = row.firstReleaseIndex + i;
    await context.db
      .insert(coinRelease)
      .values({ id: `${row.id}:${milestoneIndex}`, chainId, coin: coinId, milestoneIndex, amount, released: false, releasedAt: null, releasedTx: null })
      .onConflictDoNothing();
  }
}

async function onFactoryPrint(context: AnyContext, print: StacksPrint): Promise<void> {
  const factory = print.event.log.address;
  await ensureFactoryRow(context, print);
  switch (print.topic) {
    case "coin-launched":
      return onCoinLaunched(context, print);
    case "fee-recipient-updated":
    case "default-pool-params-updated": {
      const decoded = decodePrint(print.value, print.topic, creatorCoinFactoryAbi)!;
      return run(context, print, `CreatorCoinFactory:${decoded.name}`, decoded.args, { actor: await adminOf(context, factory) });
    }
    case "base-token-updated":
      return auditPrint(context, print, "BaseTokenUpdated", await adminOf(context, factory));
    case "coin-code-hash-updated":
      return auditPrint(context, print, "CoinCodeHashUpdated", await adminOf(context, factory));
    case "revenue-exclusion-requested":
      return auditPrint(context, print, "RevenueExclusionRequested", await adminOf(context, factory));
    case "admin-updated":
      return onAdminUpdated(context, print, factory);
  }
}

// ───────────────────────────── creator-pool ─────────────────────────────

async function onPoolPrint(context: AnyContext, print: StacksPrint): Promise<void> {
  const creatorPool = print.event.log.address;
  if (print.topic === "admin-updated") return onAdminUpdated(context, print, creatorPool);
  const f = printFields(print.value);
  const coinId = f.coin as Principal | undefined;
  if (!coinId) return;
  const chainId = caip2(context);
  const poolId = stacksPoolId(creatorPool, coinId);
  const at = { address: poolId };
  /** A governed change: by the launching creator while the coin is launched (its row not there yet), else by the admin. */
  const governed = async (): Promise<RunOptions> => {
    const launched = await context.db.find(coin, { id: rowKey(chainId, coinId) });
    return { ...at, actor: launched ? await adminOf(context, creatorPool) : print.event.transaction.from };
  };
  switch (print.topic) {
    case "pool-registered": {
      // The EVM pool is deployed with its coin and base token; CoinLaunched confirms them.
      await ensurePool(dexContext(context, ""), poolId, print.event.block.timestamp);
      await context.db.update(pool, { id: rowKey(chainId, poolId) }).set({ coin: coinId, baseToken: f.base as Principal });
      return;
    }
    case "fee-recipient-updated":
    case "params-updated": {
      const decoded = decodePrint(print.value, print.topic, creatorPoolAbi)!;
      return run(context, print, `CreatorPool:${decoded.name}`, decoded.args, await governed());
    }
    case "liquidity-added":
    case "liquidity-removed": {
      const add = print.topic === "liquidity-added";
      await run(context, print, add ? "CreatorPool:LiquidityAdded" : "CreatorPool:LiquidityRemoved", twinArgs(print, creatorPoolAbi), at);
      // No LP token (EVM: its mints and burns move the supply): the shares are creator-pool's map.
      const row = (await context.db.find(pool, { id: rowKey(chainId, poolId) }))!;
      const liquidity = f.liquidity as bigint;
      const change = add ? liquidity + (row.lpSupply === 0n ? MINIMUM_LIQUIDITY : 0n) : -liquidity;
      await context.db.update(pool, { id: row.id }).set({ lpSupply: row.lpSupply + change });
      return;
    }
    case "swapped":
    case "protocol-fees-collected":
    case "halted":
    case "resumed": {
      const decoded = decodePrint(print.value, print.topic, creatorPoolAbi)!;
      return run(context, print, `CreatorPool:${decoded.name}`, decoded.args, at);
    }
    case "breaker-window-opened":
      return run(context, print, "CreatorPool:BreakerWindowOpened", { windowStart: Number(f["window-start"]), referencePrice: uq112(f["ref-base"] as bigint, f["ref-coin"] as bigint) }, at);
    case "circuit-breaker-tripped":
      return run(
        context,
        print,
        "CreatorPool:CircuitBreakerTripped",
        {
          referencePrice: uq112(f["ref-base"] as bigint, f["ref-coin"] as bigint),
          price: uq112(f["reserve-base"] as bigint, f["reserve-coin"] as bigint),
          moveBps: f["move-bps"],
          haltedUntil: Number(f["halted-until"]),
        },
        at,
      );
  }
}

// ───────────────────────────── creator coins ─────────────────────────────

/**
 * A print of a contract that is none of our deployment's: a launched creator coin's (its row
 * exists), else nothing of ours. creator-pool's balance is its pool's (see the header).
 */
export async function onCreatorCoinPrint(context: AnyContext, print: StacksPrint): Promise<void> {
  if (!COIN_TOPICS.has(print.topic)) return;
  const coinId = print.event.log.address;
  const row = await context.db.find(coin, { id: rowKey(caip2(context), coinId) });
  if (!row) return;
  const creatorPool = dexIds(context)["creator-pool"];
  const asPool = (account: unknown) => (account === creatorPool ? stacksPoolId(creatorPool, coinId) : account);
  const decoded = decodePrint(print.value, print.topic, creatorCoinAbi);
  if (!decoded) return;
  const args = decoded.args;
  switch (decoded.name) {
    case "Transfer":
      return run(context, print, "CreatorCoin:Transfer", { ...args, from: asPool(args.from), to: asPool(args.to) });
    case "RevenueExclusionUpdated":
      // Decided by the factory's admin (creator-factory set-revenue-excluded), applied by anyone.
      return run(context, print, "CreatorCoin:RevenueExclusionUpdated", { ...args, account: asPool(args.account) }, { actor: await adminOf(context, dexIds(context)["creator-factory"]) });
    default:
      return run(context, print, `CreatorCoin:${decoded.name}`, args);
  }
}

/** The DEX's prints, by contract name. */
export const dexComponents: Record<string, (context: AnyContext, print: StacksPrint) => Promise<void>> = {
  "metrics-oracle": onOraclePrint,
  "creator-factory": onFactoryPrint,
  "creator-pool": onPoolPrint,
};

/** The bridge's contract-call prints some rows need, by contract name. */
export const dexCallComponents: Record<string, (context: AnyContext, print: StacksPrint) => Promise<void>> = {
  "creator-factory": onLaunchCall,
};

export { CONTRACT_CALL_TOPIC };
