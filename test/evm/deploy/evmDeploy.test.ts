/**
 * The one-command EVM deploy (scripts/deploy/evm/deploy.ts): its parameter checks, and its dry run
 * (the real Protocol module, DAO and DEX included, on a simulated chain with the target's chain id).
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { dryRun, planDeployment } from "../../../scripts/deploy/evm/deploy.ts";
import { chains } from "../../../scripts/registry/chains.ts";
import { LOCAL_OWNERS } from "../../../scripts/deploy/ignition/modules/Multisig.ts";
import { DAO_PUBLIC_DEFAULTS } from "../../../scripts/deploy/ignition/modules/Dao.ts";
import { DEX_LOCAL_POOL_PARAMS, ORACLE_MAX_AGE } from "../../../scripts/deploy/ignition/modules/Dex.ts";
import { getAddress, getCreate2Address, keccak256 } from "viem";
import { privateKeyToAddress } from "viem/accounts";
import { CREATE2_SALT } from "../../../hardhat.config.ts";
import { CREATEX_ADDRESS } from "../../../scripts/deploy/createx.ts";
import { localAccount } from "../../../scripts/dev/accounts.ts";

const operator = {
  owners: ["0x1111111111111111111111111111111111111111", "0x2222222222222222222222222222222222222222", "0x3333333333333333333333333333333333333333"],
  routineThreshold: 2,
  criticalThreshold: 3,
  routineDelay: 86_400,
  criticalDelay: 172_800,
  guardian: "0x4444444444444444444444444444444444444444",
  feeRecipient: "0x5555555555555555555555555555555555555555",
  feeBps: 1_000,
  metricsReporter: "0x6666666666666666666666666666666666666666",
};

/** One dry run of the base deployment, shared by the tests that read it (each takes seconds). */
let baseDryRun: ReturnType<typeof dryRun> | undefined;
const dryRunBase = () => (baseDryRun ??= dryRun(planDeployment("base", operator)));

describe("scripts/deploy/evm/deploy.ts", () => {
  it("refuses a chain the registry does not know, naming the known ones", () => {
    assert.throws(() => planDeployment("nochain", operator), /Unknown EVM chain "nochain".*base/);
  });

  it("refuses a public chain whose parameters leave a local default in place", () => {
    const { guardian: _guardian, ...withoutGuardian } = operator;
    assert.throws(() => planDeployment("base", withoutGuardian), /must set guardian/);
  });

  it("refuses Hardhat's public test accounts as owners on a public chain", () => {
    assert.throws(() => planDeployment("base", { ...operator, owners: [...LOCAL_OWNERS] }), /public test accounts/);
  });

  it("adds the registry's stablecoins and the native coin to the allowlist, and the stablecoins to the work rewards", () => {
    const base = chains.find((c) => c.key === "base")!;
    const { parameters } = planDeployment("base", operator);
    assert.deepEqual(parameters.Protocol.allowedTokens, ["0x0000000000000000000000000000000000000000", ...base.stablecoins.map((s) => s.address)]);
    assert.deepEqual(parameters.Protocol.rewardTokens, base.stablecoins.map((s) => s.address));
    assert.deepEqual(parameters.Protocol.rewardRates, [`${10n ** 30n}n`], "1 WORX per USDC");
    assert.equal(parameters.Protocol.feeRecipient, operator.feeRecipient);
  });

  it("gives a public chain the public governance defaults unless the file overrides them; a local chain keeps the module's", () => {
    const { parameters } = planDeployment("base", { ...operator, votingPeriod: 7 * 86_400 });
    assert.equal(parameters.Protocol.votingDelay, DAO_PUBLIC_DEFAULTS.votingDelay);
    assert.equal(parameters.Protocol.votingPeriod, 7 * 86_400);
    assert.equal(parameters.Protocol.proposalThreshold, `${DAO_PUBLIC_DEFAULTS.proposalThreshold}n`);
    assert.equal(parameters.Protocol.timelockDelay, 2 * 86_400);
    assert.equal(planDeployment("localhost", {}).parameters.Protocol.votingDelay, undefined);
  });

  it("requires the metrics reporter on a public chain and refuses a public test account as reporter", () => {
    const { metricsReporter: _reporter, ...withoutReporter } = operator;
    assert.throws(() => planDeployment("base", withoutReporter), /must set metricsReporter/);
    assert.throws(() => planDeployment("base", { ...operator, metricsReporter: LOCAL_OWNERS[0] }), /public test accounts/);
  });

  it("gives the DEX the chain's first stablecoin as base token and the public pool defaults (60 s cooldown, daily limit in the token's decimals)", () => {
    const base = chains.find((c) => c.key === "base")!;
    const { parameters } = planDeployment("base", operator);
    assert.equal(parameters.Protocol.dexBaseToken, base.stablecoins[0]!.address);
    assert.deepEqual(parameters.Protocol.dexPoolParams, { ...DEX_LOCAL_POOL_PARAMS, cooldown: 60, dailyVolumeLimit: `${10_000n * 10n ** 6n}n` });
    const bsc = chains.find((c) => c.key === "bsc")!;
    assert.equal(bsc.stablecoins[0]!.decimals, 18);
    const bscParams = planDeployment("bsc", operator).parameters.Protocol.dexPoolParams as { dailyVolumeLimit: string };
    assert.equal(bscParams.dailyVolumeLimit, `${10_000n * 10n ** 18n}n`);
    const custom = { ...DEX_LOCAL_POOL_PARAMS, dailyVolumeLimit: "1n" };
    assert.deepEqual(planDeployment("base", { ...operator, dexPoolParams: custom }).parameters.Protocol.dexPoolParams, custom, "the file overrides");
  });

  it("refuses a public test account as the pre-mint holder on a public chain", () => {
    assert.throws(() => planDeployment("base", { ...operator, premint: "1n", premintHolder: LOCAL_OWNERS[1] }), /public test accounts/);
  });

  it("dry run: deploys the protocol and the DAO on a simulated chain with the target's id, roles handed to the multisig and the timelock", async () => {
    const result = await dryRunBase();
    assert.equal(result.chainId, 8453);
    assert.equal(result.feeBps, 1_000);
    assert.equal(result.feeRecipient.toLowerCase(), result.dao.feeSplitter.toLowerCase(), "the escrow pays its fees to the DAO's splitter");
    assert.ok(result.allowedTokens.length >= 2 && result.allowedTokens.every((t) => t.allowed));
    assert.equal(result.handedOver, true);
    assert.equal(result.daoHandedOver, true);
    assert.equal(result.feeDiscountSource.toLowerCase(), result.dao.stakingFeeDiscount.toLowerCase(), "StakingFeeDiscount is the escrow's fee-discount source");
    assert.deepEqual(result.governance, {
      votingDelay: BigInt(DAO_PUBLIC_DEFAULTS.votingDelay),
      votingPeriod: BigInt(DAO_PUBLIC_DEFAULTS.votingPeriod),
      proposalThreshold: DAO_PUBLIC_DEFAULTS.proposalThreshold,
      quorumNumerator: BigInt(DAO_PUBLIC_DEFAULTS.quorumNumerator),
      voteExtension: BigInt(DAO_PUBLIC_DEFAULTS.voteExtension),
      timelockDelay: BigInt(DAO_PUBLIC_DEFAULTS.timelockDelay),
    });
    assert.deepEqual(result.guardians, { multisig: getAddress(operator.guardian), governor: getAddress(operator.guardian) }, "one `guardian` parameter: the multisig's and the DAO's");
    assert.ok(result.transactions >= 25);
  });

  it("dry run: deploys the DEX after the DAO, the multisig its admin, the reporter authorized, the FeeSplitter the pools' fee recipient, the deployer holding nothing", async () => {
    const base = chains.find((c) => c.key === "base")!;
    const result = await dryRunBase();
    const dex = result.dex;
    assert.equal(dex.handedOver, true, "oracle and factory admin = multisig; the deployer holds no DEX role");
    assert.equal(dex.reporterAuthorized, true);
    assert.equal(dex.reporter, operator.metricsReporter);
    assert.equal(dex.feeRecipient.toLowerCase(), result.dao.feeSplitter.toLowerCase());
    assert.equal(dex.baseToken, getAddress(base.stablecoins[0]!.address));
    assert.deepEqual(dex.poolParams, { ...DEX_LOCAL_POOL_PARAMS, cooldown: 60 });
    assert.equal(dex.maxAge, ORACLE_MAX_AGE);
    assert.deepEqual(dex.milestones, [1_000n, 5_000n, 10_000n, 20_000n, 50_000n, 100_000n]);
    // Created last (CreateX's creation order); CREATE2 addresses do not depend on the order anyway.
    const order = (address: string) => {
      const at = result.created.findIndex((c) => c.toLowerCase() === address.toLowerCase());
      assert.ok(at >= 0, `${address} was not created through CreateX`);
      return at;
    };
    const older = [result.escrow, result.badges, result.multisig, ...Object.values(result.dao)].map(order);
    const dexOrder = [dex.oracle, dex.poolDeployer, dex.factory].map(order);
    assert.ok(Math.min(...dexOrder) > Math.max(...older), `DEX created at ${dexOrder}, after the older contracts (${older})`);
  });

  it("dry run: every contract is created through CreateX with the config's salt, at the address CREATE2 predicts", async () => {
    const hre = (await import("hardhat")).default;
    const result = await dryRunBase();
    assert.equal(result.deployer, localAccount(0).address, "without DEPLOYER_PRIVATE_KEY the simulated deployer is account 0");
    assert.equal(result.salt, CREATE2_SALT);
    assert.equal(result.created.length, 12, "escrow, multisig, badges, six DAO contracts, oracle, pool deployer, factory");
    // CreatorPoolDeployer has no constructor argument: its address is the salt's and its code's alone.
    const { bytecode } = await hre.artifacts.readArtifact("CreatorPoolDeployer");
    const expected = getCreate2Address({ from: CREATEX_ADDRESS, salt: keccak256(CREATE2_SALT), bytecode: bytecode as `0x${string}` });
    assert.equal(result.dex.poolDeployer, expected);
  });

  it("dry run with the deployer's key: its address, on another chain; contracts without deployer-specific arguments keep theirs", async () => {
    const key = `0x${"11".repeat(32)}` as const; // any key but a Hardhat test account's
    const other = await dryRun(planDeployment("arbitrum", operator), { deployerKey: key });
    const base = await dryRunBase();
    assert.equal(other.chainId, 42161);
    assert.equal(other.deployer, privateKeyToAddress(key));
    assert.equal(other.dex.poolDeployer, base.dex.poolDeployer, "same code, same salt: same address on every chain");
    assert.notEqual(other.escrow, base.escrow, "the escrow's constructor names the deployer (and the chain's stablecoins)");
  });

  it("LocalDemo: the DEX on dUSD, account 6 the reporter, the local pool defaults, the multisig its admin, the deployer holding nothing", async () => {
    const { network } = await import("hardhat");
    const { default: LocalDemo } = await import("../../../scripts/deploy/ignition/modules/LocalDemo.ts");
    const { DEX_ROLES } = await import("../../../scripts/deploy/ignition/modules/Dex.ts");
    const { viem, ignition } = await network.create({ network: "hardhat" });
    const [deployer] = await viem.getWalletClients();
    const d = await ignition.deploy(LocalDemo, { displayUi: false });
    const me = deployer!.account.address;
    const reporter = localAccount(6).address;
    assert.equal(await d.metricsOracle.read.hasRole([DEX_ROLES.REPORTER_ROLE, reporter]), true);
    assert.equal(await d.metricsOracle.read.hasRole([DEX_ROLES.DEFAULT_ADMIN_ROLE, d.worxMultisig.address]), true);
    assert.equal(await d.creatorCoinFactory.read.hasRole([DEX_ROLES.DEFAULT_ADMIN_ROLE, d.worxMultisig.address]), true);
    for (const role of Object.values(DEX_ROLES)) assert.equal(await d.metricsOracle.read.hasRole([role, me]), false);
    assert.equal(await d.creatorCoinFactory.read.hasRole([DEX_ROLES.DEFAULT_ADMIN_ROLE, me]), false);
    assert.equal(await d.creatorCoinFactory.read.baseToken(), d.demoStablecoin.address);
    assert.equal(await d.creatorCoinFactory.read.feeRecipient(), d.feeSplitter.address);
    assert.equal(await d.creatorCoinFactory.read.badges(), d.worxBadges.address);
    assert.equal(await d.creatorCoinFactory.read.oracle(), d.metricsOracle.address);
    assert.equal(await d.creatorCoinFactory.read.poolDeployer(), d.creatorPoolDeployer.address);
    assert.deepEqual(await d.creatorCoinFactory.read.defaultPoolParams(), DEX_LOCAL_POOL_PARAMS);
    assert.equal(await d.metricsOracle.read.maxAge(), ORACLE_MAX_AGE);
  });
});
