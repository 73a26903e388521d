import type { AccountRuntimeValue, ArgumentType, ContractFuture, Future, IgnitionModuleBuilder } from "@nomicfoundation/ignition-core";
import { keccak256, toHex, zeroHash } from "viem";

/**
 * The creator-coin DEX (issue 7), deployed by the Protocol module (./Protocol.ts) and LocalDemo
 * after the DAO (./Dao.ts), the protocol's last contracts until then, so that every older address
 * stays that of a deployment without the DEX:
 *
 *  1. MetricsOracle, the deployer its temporary admin, `oracleMaxAge` seconds (default one day) the
 *     oldest observation accepted; its follower milestones are the contract's defaults
 *     (1k, 5k, 10k, 20k, 50k, 100k; launch milestone index 0), which the multisig may extend with
 *     `addMilestones` or re-point with `setLaunchMilestoneIndex`;
 *  2. the deployer grants REPORTER_ROLE to the `metricsReporter` parameter (locally account 6, the
 *     badges' attester), then DEFAULT_ADMIN_ROLE to the multisig, then renounces its own admin role;
 *  3. CreatorPoolDeployer (holds the pool's creation code: coin and pool together exceed EIP-170);
 *  4. CreatorCoinFactory administered by the multisig from the start (no deployer role at all):
 *     the oracle, the base token (the chain's stablecoin: dUSD locally), WorxBadges for premium
 *     access, the DAO's FeeSplitter as every pool's protocol-fee recipient, the pool deployer and
 *     the default pool parameters `dexPoolParams` ({@link DEX_LOCAL_POOL_PARAMS} unless given;
 *     public chains get {@link dexPublicPoolParams} from scripts/deploy/evm/deploy.ts). Each pool a
 *     launch creates is administered by the same multisig.
 *
 * Coins (CreatorCoin) and pools (CreatorPool) have no fixed address: the factory creates them at
 * launch (event CoinLaunched); the generated registry carries their ABIs only.
 */

/** MetricsOracle's AccessControl ids. */
export const DEX_ROLES = {
  DEFAULT_ADMIN_ROLE: zeroHash,
  REPORTER_ROLE: keccak256(toHex("REPORTER_ROLE")),
} as const;

/** ICreatorPool.PoolParams as an Ignition parameter (a type alias: parameters must be index-signature compatible). */
export type PoolParams = {
  swapFeeBps: number;
  protocolShareBps: number;
  dailyVolumeLimit: bigint;
  cooldown: number;
  maxPriceMoveBps: number;
  breakerWindow: number;
  coolOff: number;
  maxPriceImpactBps: number;
};

const HOUR = 3_600;

/** Oldest observation the oracle accepts, seconds before the block (spec: one day). */
export const ORACLE_MAX_AGE = 24 * HOUR;

/**
 * Default pool parameters on a local chain (spec): 0.30% fee, 1/6 of it to the FeeSplitter,
 * 10 000 dUSD per address per UTC day, 30 s between an address's trades, the breaker at 25% within
 * an hour halting for an hour, at most 10% price impact per trade.
 */
export const DEX_LOCAL_POOL_PARAMS: PoolParams = {
  swapFeeBps: 30,
  protocolShareBps: 1_667,
  dailyVolumeLimit: 10_000n * 10n ** 6n,
  cooldown: 30,
  maxPriceMoveBps: 2_500,
  breakerWindow: HOUR,
  coolOff: HOUR,
  maxPriceImpactBps: 1_000,
};

/** Public-chain defaults: the local ones with a 60 s cooldown and the daily limit in the base token's decimals. */
export function dexPublicPoolParams(baseDecimals: number): PoolParams {
  return { ...DEX_LOCAL_POOL_PARAMS, cooldown: 60, dailyVolumeLimit: 10_000n * 10n ** BigInt(baseDecimals) };
}

/** What the DEX build needs from the protocol built before it. */
export interface DexOptions {
  worxMultisig: ContractFuture<string>;
  worxBadges: ContractFuture<string>;
  feeSplitter: ContractFuture<string>;
  /** The pools' base token: a contract future (dUSD locally) or the `dexBaseToken` parameter. */
  baseToken: ArgumentType;
  /** The DAO's last contract: the DEX is deployed after it. */
  after: Future[];
  /** Default for the `metricsReporter` parameter (none: the parameter is required). */
  defaultReporter?: AccountRuntimeValue;
}

/** Deploys and wires the DEX in module `m` (see the file comment). */
export function buildDex(m: IgnitionModuleBuilder, options: DexOptions) {
  const { worxMultisig, worxBadges, feeSplitter, baseToken } = options;
  const deployer = m.getAccount(0);
  const reporter =
    options.defaultReporter === undefined ? m.getParameter<string>("metricsReporter") : m.getParameter("metricsReporter", options.defaultReporter);

  const metricsOracle = m.contract("MetricsOracle", [deployer, m.getParameter("oracleMaxAge", ORACLE_MAX_AGE)], { after: options.after });
  const reporterGranted = m.call(metricsOracle, "grantRole", [DEX_ROLES.REPORTER_ROLE, reporter], { id: "Oracle_GrantReporter_REPORTER_ROLE", from: deployer });
  const adminGranted = m.call(metricsOracle, "grantRole", [DEX_ROLES.DEFAULT_ADMIN_ROLE, worxMultisig], {
    id: "Oracle_GrantMultisig_DEFAULT_ADMIN_ROLE",
    from: deployer,
    after: [reporterGranted],
  });
  m.call(metricsOracle, "renounceRole", [DEX_ROLES.DEFAULT_ADMIN_ROLE, deployer], {
    id: "Oracle_RenounceDeployer_DEFAULT_ADMIN_ROLE",
    from: deployer,
    after: [adminGranted],
  });

  const creatorPoolDeployer = m.contract("CreatorPoolDeployer", [], { after: [metricsOracle] });
  const creatorCoinFactory = m.contract(
    "CreatorCoinFactory",
    [
      worxMultisig,
      metricsOracle,
      baseToken,
      worxBadges,
      feeSplitter,
      creatorPoolDeployer,
      m.getParameter<PoolParams>("dexPoolParams", DEX_LOCAL_POOL_PARAMS),
    ],
    { after: [creatorPoolDeployer] },
  );
  return { metricsOracle, creatorPoolDeployer, creatorCoinFactory };
}
