/**
 * The one-command EVM deploy (scripts/deploy/evm/deploy.ts): its parameter checks, and its dry run
 * (the real Protocol module, DAO included, on a simulated chain with the target's chain id).
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { dryRun, planDeployment } from "../../../scripts/deploy/evm/deploy.ts";
import { chains } from "../../../scripts/registry/chains.ts";
import { LOCAL_OWNERS } from "../../../scripts/deploy/ignition/modules/Multisig.ts";
import { DAO_PUBLIC_DEFAULTS } from "../../../scripts/deploy/ignition/modules/Dao.ts";
import { getAddress } from "viem";

const operator = {
  owners: ["0x1111111111111111111111111111111111111111", "0x2222222222222222222222222222222222222222", "0x3333333333333333333333333333333333333333"],
  routineThreshold: 2,
  criticalThreshold: 3,
  routineDelay: 86_400,
  criticalDelay: 172_800,
  guardian: "0x4444444444444444444444444444444444444444",
  feeRecipient: "0x5555555555555555555555555555555555555555",
  feeBps: 1_000,
};

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

  it("refuses a public test account as the pre-mint holder on a public chain", () => {
    assert.throws(() => planDeployment("base", { ...operator, premint: "1n", premintHolder: LOCAL_OWNERS[1] }), /public test accounts/);
  });

  it("dry run: deploys the protocol and the DAO on a simulated chain with the target's id, roles handed to the multisig and the timelock", async () => {
    const plan = planDeployment("base", operator);
    const result = await dryRun(plan);
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
});
