/**
 * The one-command EVM deploy (scripts/deploy/evm/deploy.ts): its parameter checks, and its dry run
 * (the real Protocol module on a simulated chain with the target's chain id).
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { dryRun, planDeployment } from "../../../scripts/deploy/evm/deploy.ts";
import { chains } from "../../../scripts/registry/chains.ts";
import { LOCAL_OWNERS } from "../../../scripts/deploy/ignition/modules/Multisig.ts";

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

  it("adds the registry's stablecoins and the native coin to the allowlist", () => {
    const base = chains.find((c) => c.key === "base")!;
    const { parameters } = planDeployment("base", operator);
    assert.deepEqual(parameters.Protocol.allowedTokens, ["0x0000000000000000000000000000000000000000", ...base.stablecoins.map((s) => s.address)]);
    assert.equal(parameters.Protocol.feeRecipient, operator.feeRecipient);
  });

  it("dry run: deploys the protocol on a simulated chain with the target's id, roles handed to the multisig", async () => {
    const plan = planDeployment("base", operator);
    const result = await dryRun(plan);
    assert.equal(result.chainId, 8453);
    assert.equal(result.feeBps, 1_000);
    assert.equal(result.feeRecipient.toLowerCase(), operator.feeRecipient);
    assert.ok(result.allowedTokens.length >= 2 && result.allowedTokens.every((t) => t.allowed));
    assert.equal(result.handedOver, true);
    assert.equal(result.feeDiscountSource.toLowerCase(), result.badges.toLowerCase(), "the badges are the escrow's fee-discount source");
    assert.ok(result.transactions >= 9);
  });
});
