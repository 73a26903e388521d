/**
 * Deploys the protocol (escrow, badges, the multisig that administers both, the DAO: WORX
 * token, governor, timelock treasury, fee splitter, staking fee discount, work rewards, and the
 * creator-coin DEX: metrics oracle, coin factory, pool deployer) to any EVM chain of the chain
 * registry, in one command:
 *
 *   npx tsx scripts/deploy/evm/deploy.ts --chain base --parameters protocol.base.json [--dry-run] [--verify]
 *
 * The parameters file holds what only the operator can decide (the Protocol Ignition module's
 * parameters, see scripts/deploy/ignition/modules/Protocol.ts):
 *   { "owners": ["0x…", …], "routineThreshold": 2, "criticalThreshold": 3,
 *     "routineDelay": 86400, "criticalDelay": 172800, "guardian": "0x…",
 *     "feeBps": 1000, "metricsReporter": "0x…" }
 * (`guardian` is an account, not the multisig: it may pause through the multisig and cancel a DAO
 * proposal while it is pending, nothing else; the DAO can replace it as its own guardian)
 * and the registry adds the rest (`allowedTokens`: the native coin and the chain's stablecoins;
 * `rewardTokens` / `rewardRates`: the stablecoins at 1 WORX per unit). On a public chain the DAO's
 * governance settings default to {@link DAO_PUBLIC_DEFAULTS} (1 day voting delay, 5 days voting,
 * 1 000 WORX threshold, 4% quorum, 2 days late-quorum extension and timelock); the file may
 * override any of them (`votingDelay`, `votingPeriod`, `proposalThreshold` as "…n" WORX wei,
 * `quorumNumerator`, `voteExtension`, `timelockDelay`, `daoShareBps`, `clientShareBps`, `premint`,
 * `premintHolder`, `discountTiers`, `rewardRates`). The DEX's base token is the chain's first
 * stablecoin (`dexBaseToken` overrides it), its default pool parameters {@link dexPublicPoolParams}
 * (`dexPoolParams` overrides them, `dailyVolumeLimit` as "…n"), its oracle's `metricsReporter` the
 * account posting creator metrics (required). The escrow's fees go to the DAO's FeeSplitter
 * (70% to the timelock treasury, 30% to the multisig); `feeRecipient` is optional and only the
 * escrow's recipient until the splitter replaces it, a few transactions later.
 * On a public chain the command refuses parameters that are missing or that name one of Hardhat's
 * public test accounts (their keys are known to everyone).
 *
 * Every contract is created through CreateX (Ignition's `create2` strategy, the salt of
 * hardhat.config.ts; CreateX is at 0xba5Ed099633D3B313e4D5F7bdc1305d3c28ba5Ed on the public chains):
 * its address depends on the salt, its code and its constructor arguments (the deployer's address
 * among them), not on the deployer's nonce, so the dry run predicts it.
 *
 * `--dry-run` deploys the same module with the same parameters on an in-process simulated chain
 * that has the target chain's id (CreateX sent there first), and prints the resulting addresses, the
 * escrow's configuration (fee-discount source included), the DEX's wiring and the gas used, without
 * any network access. The simulated deployer is DEPLOYER_PRIVATE_KEY when the environment holds
 * it (then the printed addresses are the ones the real deployment gets), else Hardhat's account 0.
 * Without `--dry-run`, the command runs `hardhat ignition deploy --strategy create2` against the
 * chain's RPC (RPC_URL_<id> and DEPLOYER_PRIVATE_KEY, as Hardhat config variables or env vars),
 * writes the parameters it used next to Ignition's address book, and regenerates the typed registry.
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import type { DeploymentParameters } from "@nomicfoundation/ignition-core";
import { getAddress, isAddress, isHex, parseEventLogs, type Address } from "viem";
import { chains, type ChainInfo } from "../../registry/chains.ts";
import { localAccount } from "../../dev/accounts.ts";
import { repoRoot } from "../../dev/stack.ts";
import { CREATEX_ADDRESS, deployCreateX } from "../createx.ts";
import { DAO_PUBLIC_DEFAULTS } from "../ignition/modules/Dao.ts";
import { dexPublicPoolParams } from "../ignition/modules/Dex.ts";
import { protocolParameters } from "../ignition/modules/Protocol.ts";

/** What the operator must set on a public chain: the module's defaults are local test accounts. */
const REQUIRED = ["owners", "routineThreshold", "criticalThreshold", "routineDelay", "criticalDelay", "guardian", "feeBps", "metricsReporter"] as const;

/** Ignition parameters as JSON holds them: bigints as "…n" strings. */
function jsonBigints(values: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(values).map(([k, v]) => [k, typeof v === "bigint" ? `${v}n` : v]));
}

/** {@link DAO_PUBLIC_DEFAULTS} and the DEX's public pool parameters (daily limit in the base token's decimals). */
function publicDefaults(chain: ChainInfo): Record<string, unknown> {
  const baseDecimals = chain.stablecoins[0]?.decimals ?? 6;
  return { ...jsonBigints(DAO_PUBLIC_DEFAULTS), dexPoolParams: jsonBigints(dexPublicPoolParams(baseDecimals)) };
}

export interface DeployPlan {
  chain: ChainInfo;
  parameters: { Protocol: Record<string, unknown> };
}

/** Hardhat's default-mnemonic accounts 0..19: public knowledge, never an owner of real funds. */
function publicTestAccounts(): Set<string> {
  return new Set(Array.from({ length: 20 }, (_, i) => localAccount(i).address.toLowerCase()));
}

/**
 * The registry chain and the complete Protocol parameters for it, or an error naming what is
 * wrong. Exported for the tests.
 */
export function planDeployment(chainKey: string, overrides: Record<string, unknown>): DeployPlan {
  const evmChains = chains.filter((c) => c.family === "evm");
  const chain = evmChains.find((c) => c.key === chainKey);
  if (!chain) {
    throw new Error(`Unknown EVM chain "${chainKey}". Registry chains: ${evmChains.map((c) => c.key).join(", ")}`);
  }
  if (!chain.local) {
    const missing = REQUIRED.filter((name) => overrides[name] === undefined);
    if (missing.length > 0) {
      throw new Error(`${chain.name}: the parameters file must set ${missing.join(", ")} (the defaults are local test accounts)`);
    }
    const testAccounts = publicTestAccounts();
    // Widened: every public chain of today's registry lists one, a future one may not.
    const stablecoins: ChainInfo["stablecoins"] = chain.stablecoins;
    if (stablecoins.length === 0 && overrides.dexBaseToken === undefined) {
      throw new Error(`${chain.name}: the registry lists no stablecoin; the parameters file must set dexBaseToken`);
    }
    const optional = (["feeRecipient", "premintHolder", "dexBaseToken"] as const).filter((name) => overrides[name] !== undefined).map((name) => overrides[name]);
    const addresses = [...(overrides.owners as unknown[]), overrides.guardian, overrides.metricsReporter, ...optional];
    for (const address of addresses) {
      if (typeof address !== "string" || !isAddress(address)) throw new Error(`${chain.name}: "${String(address)}" is not an address`);
      if (testAccounts.has(address.toLowerCase())) {
        throw new Error(`${chain.name}: ${getAddress(address)} is one of Hardhat's public test accounts; its key is known to everyone`);
      }
    }
  }
  return { chain, parameters: protocolParameters(chain.key, chain.local ? overrides : { ...publicDefaults(chain), ...overrides }) };
}

export interface DryRunResult {
  chainId: number;
  /** The simulated deployer (a constructor argument of several contracts: part of their addresses). */
  deployer: Address;
  /** The CREATE2 salt every contract was created with (hardhat.config.ts). */
  salt: `0x${string}`;
  /** Every contract CreateX created, in creation order. */
  created: Address[];
  escrow: `0x${string}`;
  badges: `0x${string}`;
  multisig: `0x${string}`;
  transactions: number;
  gas: bigint;
  feeBps: number;
  feeRecipient: string;
  allowedTokens: { token: string; allowed: boolean }[];
  /** The escrow's fee-discount source (the badges, once wired). */
  feeDiscountSource: string;
  /** Whether the multisig alone holds the escrow's and the badges' admin roles (the deployer renounced them). */
  handedOver: boolean;
  /** The DAO's contracts. */
  dao: { token: `0x${string}`; governor: `0x${string}`; timelock: `0x${string}`; feeSplitter: `0x${string}`; stakingFeeDiscount: `0x${string}`; workRewards: `0x${string}` };
  /** Governance settings read back from the governor and the timelock (seconds, WORX wei, percent). */
  governance: { votingDelay: bigint; votingPeriod: bigint; proposalThreshold: bigint; quorumNumerator: bigint; voteExtension: bigint; timelockDelay: bigint };
  /** The protocol's guardian as the multisig (pause) and the governor (cancel while pending) hold it:
   *  both from the `guardian` parameter. */
  guardians: { multisig: `0x${string}`; governor: `0x${string}` };
  /** Whether the DAO is wired: the timelock administers every DAO contract and holds the escrow's
   *  FEE_MANAGER_ROLE, the governor alone proposes, the deployer holds no DAO role. */
  daoHandedOver: boolean;
  /** The DEX's contracts and wiring read back from them. */
  dex: {
    oracle: `0x${string}`;
    factory: `0x${string}`;
    poolDeployer: `0x${string}`;
    /** The oracle's reporter as the parameter named it, and whether it holds REPORTER_ROLE. */
    reporter: string;
    reporterAuthorized: boolean;
    baseToken: `0x${string}`;
    feeRecipient: `0x${string}`;
    /** The factory's default pool parameters. */
    poolParams: { swapFeeBps: number; protocolShareBps: number; dailyVolumeLimit: bigint; cooldown: number; maxPriceMoveBps: number; breakerWindow: number; coolOff: number; maxPriceImpactBps: number };
    maxAge: number;
    milestones: readonly bigint[];
    /** The multisig alone administers the oracle and the factory; the deployer holds no DEX role. */
    handedOver: boolean;
  };
}

/** Parameters as Ignition reads them from the file: "123n" strings become bigints (JSON has none). */
function reviveBigints(value: unknown): unknown {
  if (typeof value === "string" && /^\d+n$/.test(value)) return BigInt(value.slice(0, -1));
  if (Array.isArray(value)) return value.map(reviveBigints);
  if (value !== null && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, reviveBigints(v)]));
  return value;
}

export interface DryRunOptions {
  /** The simulated deployer's key (default: DEPLOYER_PRIVATE_KEY from the environment, else Hardhat's account 0). */
  deployerKey?: `0x${string}`;
}

/** Simulates the deployment on an in-process chain with the target's chain id. */
export async function dryRun({ chain, parameters }: DeployPlan, options: DryRunOptions = {}): Promise<DryRunResult> {
  const { default: hre, network } = await import("hardhat");
  const { default: ProtocolModule, ESCROW_ROLES, BADGES_ADMIN_ROLE } = await import("../ignition/modules/Protocol.ts");
  const { DAO_ROLES } = await import("../ignition/modules/Dao.ts");
  const { DEX_ROLES } = await import("../ignition/modules/Dex.ts");
  const salt = hre.config.ignition.strategyConfig?.create2?.salt;
  if (!salt || !isHex(salt)) throw new Error("hardhat.config.ts sets no ignition.strategyConfig.create2.salt");
  const deployerKey = options.deployerKey ?? (process.env.DEPLOYER_PRIVATE_KEY as `0x${string}` | undefined);
  if (deployerKey !== undefined && !/^0x[0-9a-fA-F]{64}$/.test(deployerKey)) throw new Error("DEPLOYER_PRIVATE_KEY is not a 32-byte hex key");
  const accounts = deployerKey ? { accounts: [{ privateKey: deployerKey, balance: 10n ** 24n }] } : {};
  const { viem, ignition, provider } = await network.create({ network: "hardhat", override: { chainId: chain.chainId, ...accounts } });
  const publicClient = await viem.getPublicClient();
  const [deployer] = await viem.getWalletClients();
  // Public chains have CreateX; Ignition deploys it by itself only on chain 31337.
  await deployCreateX((method, params) => provider.request({ method, params }));
  const factoryBlock = await publicClient.getBlockNumber();
  const deployed = await ignition.deploy(ProtocolModule, {
    parameters: reviveBigints(parameters) as DeploymentParameters,
    strategy: "create2",
    displayUi: false,
  });
  const { milestoneEscrow, worxBadges, worxMultisig, worxToken, worxGovernor, timelockController, feeSplitter, stakingFeeDiscount, workRewards } = deployed;
  const { metricsOracle, creatorCoinFactory, creatorPoolDeployer } = deployed;

  // Automine: one block per transaction, after CreateX's.
  const head = await publicClient.getBlockNumber();
  const transactions = Number(head - factoryBlock);
  let gas = 0n;
  for (let n = factoryBlock + 1n; n <= head; n++) gas += (await publicClient.getBlock({ blockNumber: n })).gasUsed;
  const creations = await publicClient.getLogs({ address: CREATEX_ADDRESS, fromBlock: factoryBlock + 1n, toBlock: head });
  const created = parseEventLogs({ abi: CONTRACT_CREATION, logs: creations }).map((l) => l.args.newContract);
  let handedOver = true;
  for (const role of Object.values(ESCROW_ROLES)) {
    handedOver &&= await milestoneEscrow.read.hasRole([role, worxMultisig.address]);
    handedOver &&= !(await milestoneEscrow.read.hasRole([role, deployer!.account.address]));
  }
  handedOver &&= await worxBadges.read.hasRole([BADGES_ADMIN_ROLE, worxMultisig.address]);
  handedOver &&= !(await worxBadges.read.hasRole([BADGES_ADMIN_ROLE, deployer!.account.address]));
  const me = deployer!.account.address;
  const timelock = timelockController.address;
  const { DEFAULT_ADMIN_ROLE, MINTER_ROLE, PROPOSER_ROLE, CANCELLER_ROLE, EXECUTOR_ROLE } = DAO_ROLES;
  const daoChecks = [
    timelockController.read.hasRole([PROPOSER_ROLE, worxGovernor.address]),
    timelockController.read.hasRole([CANCELLER_ROLE, worxGovernor.address]),
    timelockController.read.hasRole([EXECUTOR_ROLE, "0x0000000000000000000000000000000000000000"]),
    timelockController.read.hasRole([DEFAULT_ADMIN_ROLE, timelock]),
    worxToken.read.hasRole([DEFAULT_ADMIN_ROLE, timelock]),
    worxToken.read.hasRole([MINTER_ROLE, workRewards.address]),
    feeSplitter.read.hasRole([DEFAULT_ADMIN_ROLE, timelock]),
    stakingFeeDiscount.read.hasRole([DEFAULT_ADMIN_ROLE, timelock]),
    workRewards.read.hasRole([DEFAULT_ADMIN_ROLE, timelock]),
    milestoneEscrow.read.hasRole([ESCROW_ROLES.FEE_MANAGER_ROLE, timelock]),
    ...[PROPOSER_ROLE, CANCELLER_ROLE, DEFAULT_ADMIN_ROLE].map(async (role) => !(await timelockController.read.hasRole([role, me]))),
    ...[DEFAULT_ADMIN_ROLE, MINTER_ROLE].map(async (role) => !(await worxToken.read.hasRole([role, me]))),
    ...[feeSplitter, stakingFeeDiscount, workRewards].map(async (c) => !(await c.read.hasRole([DEFAULT_ADMIN_ROLE, me]))),
  ];
  const daoHandedOver = (await Promise.all(daoChecks)).every(Boolean);
  const reporter = String(parameters.Protocol.metricsReporter ?? "");
  const dexChecks = [
    metricsOracle.read.hasRole([DEX_ROLES.DEFAULT_ADMIN_ROLE, worxMultisig.address]),
    creatorCoinFactory.read.hasRole([DEX_ROLES.DEFAULT_ADMIN_ROLE, worxMultisig.address]),
    ...[DEX_ROLES.DEFAULT_ADMIN_ROLE, DEX_ROLES.REPORTER_ROLE].map(async (role) => !(await metricsOracle.read.hasRole([role, me]))),
    (async () => !(await creatorCoinFactory.read.hasRole([DEX_ROLES.DEFAULT_ADMIN_ROLE, me])))(),
  ];
  const dexHandedOver = (await Promise.all(dexChecks)).every(Boolean);
  const allowedTokens = [];
  for (const token of parameters.Protocol.allowedTokens as `0x${string}`[]) {
    allowedTokens.push({ token, allowed: await milestoneEscrow.read.isTokenAllowed([token]) });
  }
  return {
    chainId: await publicClient.getChainId(),
    deployer: getAddress(me),
    salt,
    created,
    escrow: milestoneEscrow.address,
    badges: worxBadges.address,
    multisig: worxMultisig.address,
    transactions,
    gas,
    feeBps: await milestoneEscrow.read.platformFeeBps(),
    feeRecipient: await milestoneEscrow.read.feeRecipient(),
    allowedTokens,
    feeDiscountSource: await milestoneEscrow.read.feeDiscountSource(),
    handedOver,
    dao: {
      token: worxToken.address,
      governor: worxGovernor.address,
      timelock,
      feeSplitter: feeSplitter.address,
      stakingFeeDiscount: stakingFeeDiscount.address,
      workRewards: workRewards.address,
    },
    governance: {
      votingDelay: await worxGovernor.read.votingDelay(),
      votingPeriod: await worxGovernor.read.votingPeriod(),
      proposalThreshold: await worxGovernor.read.proposalThreshold(),
      quorumNumerator: await worxGovernor.read.quorumNumerator(),
      voteExtension: BigInt(await worxGovernor.read.lateQuorumVoteExtension()),
      timelockDelay: await timelockController.read.getMinDelay(),
    },
    guardians: { multisig: await worxMultisig.read.guardian(), governor: await worxGovernor.read.guardian() },
    daoHandedOver,
    dex: {
      oracle: metricsOracle.address,
      factory: creatorCoinFactory.address,
      poolDeployer: creatorPoolDeployer.address,
      reporter,
      reporterAuthorized: isAddress(reporter) && (await metricsOracle.read.hasRole([DEX_ROLES.REPORTER_ROLE, reporter as `0x${string}`])),
      baseToken: await creatorCoinFactory.read.baseToken(),
      feeRecipient: await creatorCoinFactory.read.feeRecipient(),
      poolParams: await creatorCoinFactory.read.defaultPoolParams(),
      maxAge: await metricsOracle.read.maxAge(),
      milestones: await metricsOracle.read.milestoneThresholds(),
      handedOver: dexHandedOver && (await creatorCoinFactory.read.poolDeployer()).toLowerCase() === creatorPoolDeployer.address.toLowerCase(),
    },
  };
}

/** CreateX's event for every contract it creates (the address it prints, and the one Ignition records). */
const CONTRACT_CREATION = [
  {
    type: "event",
    name: "ContractCreation",
    inputs: [{ name: "newContract", type: "address", indexed: true }, { name: "salt", type: "bytes32", indexed: true }],
  },
] as const;

function printDryRun(plan: DeployPlan, r: DryRunResult): void {
  console.log(`Dry run on a simulated ${plan.chain.name} (chain id ${r.chainId}): nothing was sent.`);
  console.log(`Predicted addresses (CREATE2 through CreateX ${CREATEX_ADDRESS}, salt ${r.salt}) for deployer ${r.deployer}${process.env.DEPLOYER_PRIVATE_KEY ? " (DEPLOYER_PRIVATE_KEY)" : ": Hardhat's account 0; set DEPLOYER_PRIVATE_KEY to predict your deployer's (it is a constructor argument)"}:`);
  console.log(`  MilestoneEscrow  ${r.escrow}`);
  console.log(`  WorxBadges       ${r.badges}`);
  console.log(`  WorxMultisig     ${r.multisig}`);
  const same = (a: string, b: string) => (a.toLowerCase() === b.toLowerCase() ? "yes" : "NO");
  console.log(`  WorxToken        ${r.dao.token}`);
  console.log(`  WorxGovernor     ${r.dao.governor}`);
  console.log(`  Timelock         ${r.dao.timelock}  (the DAO treasury)`);
  console.log(`  FeeSplitter      ${r.dao.feeSplitter}  (the escrow's fee recipient: ${same(r.feeRecipient, r.dao.feeSplitter)})`);
  console.log(`  StakingFeeDisc.  ${r.dao.stakingFeeDiscount}  (the escrow's fee-discount source: ${same(r.feeDiscountSource, r.dao.stakingFeeDiscount)})`);
  console.log(`  WorkRewards      ${r.dao.workRewards}`);
  const g = r.governance;
  console.log(`  guardian         ${r.guardians.governor} (cancels pending proposals; pauses through the multisig: ${r.guardians.multisig})`);
  console.log(`  governance       delay ${g.votingDelay} s, period ${g.votingPeriod} s, threshold ${g.proposalThreshold} wei, quorum ${g.quorumNumerator}%, extension ${g.voteExtension} s, timelock ${g.timelockDelay} s`);
  console.log(`  transactions     ${r.transactions}, gas ${r.gas.toLocaleString("en-US")}`);
  console.log(`  platform fee     ${r.feeBps} bps, fee recipient ${r.feeRecipient}`);
  for (const { token, allowed } of r.allowedTokens) console.log(`  allowed token    ${token}  ${allowed ? "yes" : "NO"}`);
  console.log(`  owners           ${(plan.parameters.Protocol.owners as string[] | undefined)?.join(", ") ?? "(local defaults)"}`);
  console.log(`  roles            ${r.handedOver ? "held by the multisig alone" : "NOT handed over: check the module"}`);
  console.log(`  DAO roles        ${r.daoHandedOver ? "held by the timelock; the governor proposes; the deployer holds none" : "NOT handed over: check the module"}`);
  const x = r.dex;
  const p = x.poolParams;
  console.log(`  MetricsOracle    ${x.oracle}  (reporter ${x.reporter}: ${x.reporterAuthorized ? "authorized" : "NOT authorized"}; max age ${x.maxAge} s; milestones ${x.milestones.join(", ")})`);
  console.log(`  CreatorPoolDepl. ${x.poolDeployer}`);
  console.log(`  CreatorCoinFact. ${x.factory}  (base token ${x.baseToken}; pools' fee recipient is the FeeSplitter: ${same(x.feeRecipient, r.dao.feeSplitter)})`);
  console.log(`  pool defaults    fee ${p.swapFeeBps} bps (protocol ${p.protocolShareBps} bps of it), daily limit ${p.dailyVolumeLimit}, cooldown ${p.cooldown} s, breaker ${p.maxPriceMoveBps} bps / ${p.breakerWindow} s, cool-off ${p.coolOff} s, impact cap ${p.maxPriceImpactBps} bps`);
  console.log(`  DEX roles        ${x.handedOver ? "oracle and factory administered by the multisig; the deployer holds none" : "NOT handed over: check the module"}`);
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      chain: { type: "string" },
      parameters: { type: "string" },
      "dry-run": { type: "boolean", default: false },
      verify: { type: "boolean", default: false },
    },
  });
  if (!values.chain) throw new Error("Usage: deploy.ts --chain <registry key> --parameters FILE [--dry-run] [--verify]");
  const overrides = values.parameters ? (JSON.parse(readFileSync(values.parameters, "utf8")) as Record<string, unknown>) : {};
  const plan = planDeployment(values.chain, overrides);
  // Inherited stdio: Ignition asks the operator to confirm a deployment to a live network.
  const step = (bin: string, stepArgs: string[]) => {
    const result = spawnSync(join(repoRoot, "node_modules", ".bin", bin), stepArgs, { cwd: repoRoot, stdio: "inherit" });
    if (result.status !== 0) throw new Error(`${bin} ${stepArgs.join(" ")} failed (exit ${result.status})`);
  };
  if (values["dry-run"]) {
    // The simulation deploys the compiled artifacts: the production profile's, as `ignition deploy`
    // builds them (the creation code is part of every CREATE2 address).
    step("hardhat", ["--build-profile", "production", "build", "--no-tests", "--quiet"]);
    return printDryRun(plan, await dryRun(plan));
  }

  const dir = join(repoRoot, "scripts", "deploy", "ignition", "deployments", `chain-${plan.chain.chainId}`);
  mkdirSync(dir, { recursive: true });
  const parametersFile = join(dir, "parameters.json");
  writeFileSync(parametersFile, JSON.stringify(plan.parameters, null, 2) + "\n");
  const args = ["ignition", "deploy", "scripts/deploy/ignition/modules/Protocol.ts", "--network", plan.chain.key, "--parameters", parametersFile, "--strategy", "create2"];
  if (values.verify) args.push("--verify");
  step("hardhat", args);
  step("tsx", ["scripts/codegen/index.ts"]);
  console.log(`Deployed to ${plan.chain.name}; parameters kept in ${parametersFile}. Commit ${dir}.`);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main().then(
    () => process.exit(0),
    (error: Error) => {
      console.error(error.message);
      process.exit(1);
    },
  );
}
