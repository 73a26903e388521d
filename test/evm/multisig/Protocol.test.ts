/**
 * The protocol as deployed locally and on real networks (Ignition Protocol module, through
 * LocalDemo): MilestoneEscrow administered by WorxMultisig. Checks the wiring — classes and
 * pausable target set by the multisig's constructor, every escrow role handed over and the
 * deployer left with none — and that administration then works only through the multisig, driven
 * with the shared helper (scripts/dev/multisigOps.ts) the seed and the e2e tests use.
 */
import assert from "node:assert/strict";
import { before, beforeEach, describe, it } from "node:test";
import { network } from "hardhat";
import {
  BaseError,
  ContractFunctionRevertedError,
  custom,
  encodeFunctionData,
  getAddress,
  parseEventLogs,
  type Address,
  type Hex,
} from "viem";
import { LOCAL_OWNERS } from "../../../scripts/deploy/ignition/modules/Multisig.ts";
import LocalDemoModule from "../../../scripts/deploy/ignition/modules/LocalDemo.ts";
import {
  BADGES_ADMIN_ROLE,
  BADGES_ATTESTER_ROLE,
  ESCROW_ARBITER_ROLE,
  ESCROW_ROLES,
  ESCROW_ROUTINE_FUNCTIONS,
  NATIVE_TOKEN,
  protocolParameters,
} from "../../../scripts/deploy/ignition/modules/Protocol.ts";
import { demoRoles, localAccount } from "../../../scripts/dev/accounts.ts";
import { connectMultisig, OPERATION_CLASS, OPERATION_STATE, type MultisigOperation } from "../../../scripts/dev/multisigOps.ts";
import { revertName } from "../../shared/revertName.ts";

const { viem, ignition, networkHelpers, provider } = await network.create();

const HOUR = 60 * 60;
const [deployer, owner1, owner2, owner3, owner4] = [0, 1, 2, 3, 4].map(localAccount);
const arbiter = localAccount(demoRoles.arbiter);
const attester = localAccount(demoRoles.attester);

async function deployProtocol() {
  const { milestoneEscrow, worxBadges, worxMultisig, demoStablecoin } = await ignition.deploy(LocalDemoModule);
  const ops = connectMultisig({ transport: custom(provider), address: worxMultisig.address, abi: worxMultisig.abi });
  return { escrow: milestoneEscrow, badges: worxBadges, multisig: worxMultisig, token: demoStablecoin, ops };
}

type Fixture = Awaited<ReturnType<typeof deployProtocol>>;

describe("Protocol (LocalDemo → Protocol module: MilestoneEscrow administered by WorxMultisig)", () => {
  let f: Fixture;
  let publicClient: Awaited<ReturnType<typeof viem.getPublicClient>>;
  let nonce = 0n;

  before(async () => {
    publicClient = await viem.getPublicClient();
  });

  beforeEach(async () => {
    f = await networkHelpers.loadFixture(deployProtocol);
  });

  const escrowOp = (data: Hex): MultisigOperation => ({ target: f.escrow.address, value: 0n, data, nonce: ++nonce });
  const feeOp = (bps: number) => escrowOp(encodeFunctionData({ abi: f.escrow.abi, functionName: "setPlatformFee", args: [bps] }));

  it("deploys the multisig with the local owners, policies and guardian, configured for the escrow", async () => {
    const { multisig, escrow, token } = f;
    assert.deepEqual((await multisig.read.getOwners()).map((a) => getAddress(a)), LOCAL_OWNERS.map((a) => getAddress(a)));
    assert.equal(await multisig.read.threshold([OPERATION_CLASS.Routine]), 2n);
    assert.equal(await multisig.read.threshold([OPERATION_CLASS.Critical]), 3n);
    assert.equal(await multisig.read.delay([OPERATION_CLASS.Routine]), BigInt(24 * HOUR));
    assert.equal(await multisig.read.delay([OPERATION_CLASS.Critical]), BigInt(48 * HOUR));
    assert.equal(getAddress(await multisig.read.guardian()), getAddress(deployer.address));
    assert.equal(await multisig.read.isPausableTarget([escrow.address]), true);

    const classOf = (data: Hex) => multisig.read.classOf([escrow.address, data]);
    const call = (functionName: string, args: unknown[] = []) => encodeFunctionData({ abi: escrow.abi, functionName, args } as never);
    assert.equal(await classOf(call("setPlatformFee", [500])), OPERATION_CLASS.Routine);
    assert.equal(await classOf(call("unpause")), OPERATION_CLASS.Routine);
    for (const critical of [
      call("setFeeRecipient", [owner1.address]),
      call("pause"),
      call("grantRole", [ESCROW_ROLES.PAUSER_ROLE, owner1.address]),
      call("revokeRole", [ESCROW_ROLES.PAUSER_ROLE, multisig.address]),
    ]) {
      assert.equal(await classOf(critical), OPERATION_CLASS.Critical, critical.slice(0, 10));
    }
    assert.equal(ESCROW_ROUTINE_FUNCTIONS.length, 2, "only the fee and unpause are Routine");

    // The escrow keeps the local fee and fee recipient; new jobs may use the native coin and dUSD.
    assert.equal(await escrow.read.platformFeeBps(), 1_000);
    assert.equal(getAddress(await escrow.read.feeRecipient()), getAddress(deployer.address));
    assert.equal(await token.read.symbol(), "dUSD");
    assert.equal(await escrow.read.isTokenAllowed([NATIVE_TOKEN]), true);
    assert.equal(await escrow.read.isTokenAllowed([token.address]), true);
    assert.equal(await escrow.read.isTokenAllowed([owner1.address]), false);
    for (const call of [
      encodeFunctionData({ abi: escrow.abi, functionName: "setTokenAllowed", args: [token.address, false] }),
      encodeFunctionData({ abi: escrow.abi, functionName: "setFeeDiscountSource", args: [owner1.address] }),
      encodeFunctionData({ abi: escrow.abi, functionName: "grantRole", args: [ESCROW_ARBITER_ROLE, owner1.address] }),
    ]) {
      assert.equal(await classOf(call), OPERATION_CLASS.Critical, call.slice(0, 10));
    }
  });

  it("appoints the local arbiter, hands every admin role to the multisig, then leaves the deployer none, in that order", async () => {
    const { escrow, multisig } = f;
    assert.deepEqual(ESCROW_ROLES, {
      DEFAULT_ADMIN_ROLE: await escrow.read.DEFAULT_ADMIN_ROLE(),
      FEE_MANAGER_ROLE: await escrow.read.FEE_MANAGER_ROLE(),
      PAUSER_ROLE: await escrow.read.PAUSER_ROLE(),
    });
    assert.equal(ESCROW_ARBITER_ROLE, await escrow.read.ARBITER_ROLE());
    assert.equal(await escrow.read.hasRole([ESCROW_ARBITER_ROLE, arbiter.address]), true);
    for (const account of [deployer.address, multisig.address]) {
      assert.equal(await escrow.read.hasRole([ESCROW_ARBITER_ROLE, account]), false, `${account} is no arbiter`);
    }
    for (const role of Object.values(ESCROW_ROLES)) {
      assert.equal(await escrow.read.hasRole([role, multisig.address]), true, `multisig holds ${role}`);
      for (const account of [deployer, owner1, owner2, owner3, owner4]) {
        assert.equal(await escrow.read.hasRole([role, account.address]), false, `${account.address} holds ${role}`);
      }
    }

    const roleEvents = await publicClient.getContractEvents({ address: escrow.address, abi: escrow.abi, fromBlock: 0n });
    const name = Object.fromEntries([...Object.entries(ESCROW_ROLES), ["ARBITER_ROLE", ESCROW_ARBITER_ROLE]].map(([k, v]) => [v, k]));
    assert.deepEqual(
      roleEvents
        .filter((e) => e.eventName === "RoleGranted" || e.eventName === "RoleRevoked")
        .map((e) => {
          const args = e.args as { role: Hex; account: Address };
          return [e.eventName, name[args.role], getAddress(args.account)];
        }),
      [
        ["RoleGranted", "DEFAULT_ADMIN_ROLE", getAddress(deployer.address)],
        ["RoleGranted", "FEE_MANAGER_ROLE", getAddress(deployer.address)],
        ["RoleGranted", "PAUSER_ROLE", getAddress(deployer.address)],
        ["RoleGranted", "ARBITER_ROLE", getAddress(arbiter.address)],
        ["RoleGranted", "DEFAULT_ADMIN_ROLE", getAddress(multisig.address)],
        ["RoleGranted", "FEE_MANAGER_ROLE", getAddress(multisig.address)],
        ["RoleGranted", "PAUSER_ROLE", getAddress(multisig.address)],
        ["RoleRevoked", "FEE_MANAGER_ROLE", getAddress(deployer.address)],
        ["RoleRevoked", "PAUSER_ROLE", getAddress(deployer.address)],
        ["RoleRevoked", "DEFAULT_ADMIN_ROLE", getAddress(deployer.address)],
      ],
    );

    // The multisig's constructor reports its configuration with the setters' events.
    const config = (await publicClient.getContractEvents({ address: multisig.address, abi: multisig.abi, fromBlock: 0n })).filter(
      (e) => e.eventName === "ClassConfigured" || e.eventName === "PausableTargetConfigured",
    );
    assert.deepEqual(
      config.map((e) => [e.eventName, e.args]),
      [
        ["ClassConfigured", { target: getAddress(escrow.address), selector: encodeFunctionData({ abi: escrow.abi, functionName: "setPlatformFee", args: [0] }).slice(0, 10), opClass: OPERATION_CLASS.Routine }],
        ["ClassConfigured", { target: getAddress(escrow.address), selector: encodeFunctionData({ abi: escrow.abi, functionName: "unpause" }), opClass: OPERATION_CLASS.Routine }],
        ["PausableTargetConfigured", { target: getAddress(escrow.address), pausable: true }],
      ],
    );
  });

  it("deploys WorxBadges on the escrow as its fee-discount source, appoints the local attester, then hands the badges to the multisig", async () => {
    const { escrow, badges, multisig } = f;
    assert.equal(BADGES_ATTESTER_ROLE, await badges.read.ATTESTER_ROLE());
    assert.equal(BADGES_ADMIN_ROLE, await badges.read.DEFAULT_ADMIN_ROLE());
    assert.equal(getAddress(await badges.read.escrow()), getAddress(escrow.address));
    assert.equal(getAddress(await escrow.read.feeDiscountSource()), getAddress(badges.address));
    assert.equal(await badges.read.hasRole([BADGES_ATTESTER_ROLE, attester.address]), true);
    assert.equal(await badges.read.hasRole([BADGES_ADMIN_ROLE, multisig.address]), true);
    for (const account of [deployer, owner1, owner2, owner3, owner4, arbiter, attester]) {
      assert.equal(await badges.read.hasRole([BADGES_ADMIN_ROLE, account.address]), false, `${account.address} holds the badges' admin role`);
    }
    for (const account of [deployer.address, multisig.address, arbiter.address]) {
      assert.equal(await badges.read.hasRole([BADGES_ATTESTER_ROLE, account]), false, `${account} is no attester`);
    }

    const name = { [BADGES_ADMIN_ROLE]: "DEFAULT_ADMIN_ROLE", [BADGES_ATTESTER_ROLE]: "ATTESTER_ROLE" };
    const roleEvents = await publicClient.getContractEvents({ address: badges.address, abi: badges.abi, fromBlock: 0n });
    assert.deepEqual(
      roleEvents
        .filter((e) => e.eventName === "RoleGranted" || e.eventName === "RoleRevoked")
        .map((e) => {
          const args = e.args as { role: Hex; account: Address };
          return [e.eventName, name[args.role], getAddress(args.account)];
        }),
      [
        ["RoleGranted", "DEFAULT_ADMIN_ROLE", getAddress(deployer.address)],
        ["RoleGranted", "ATTESTER_ROLE", getAddress(attester.address)],
        ["RoleGranted", "DEFAULT_ADMIN_ROLE", getAddress(multisig.address)],
        ["RoleRevoked", "DEFAULT_ADMIN_ROLE", getAddress(deployer.address)],
      ],
    );

    // The deployer can no longer administer the badges; a tier change or a new attester is a
    // Critical multisig operation.
    const as = { account: deployer.address };
    const bronze = await badges.read.tierConfig([1]);
    assert.equal(await revertName(badges.write.setTierConfig([1, bronze], as)), "AccessControlUnauthorizedAccount");
    assert.equal(await revertName(badges.write.grantRole([BADGES_ATTESTER_ROLE, owner1.address], as)), "AccessControlUnauthorizedAccount");
    for (const call of [
      encodeFunctionData({ abi: badges.abi, functionName: "setTierConfig", args: [1, bronze] }),
      encodeFunctionData({ abi: badges.abi, functionName: "grantRole", args: [BADGES_ATTESTER_ROLE, owner1.address] }),
    ]) {
      assert.equal(await multisig.read.classOf([badges.address, call]), OPERATION_CLASS.Critical, call.slice(0, 10));
    }
  });

  it("the multisig appoints a new attester with a Critical operation (3 owners, 48 h)", async () => {
    const { badges, ops } = f;
    const grant: MultisigOperation = {
      target: badges.address,
      value: 0n,
      data: encodeFunctionData({ abi: badges.abi, functionName: "grantRole", args: [BADGES_ATTESTER_ROLE, owner4.address] }),
      nonce: ++nonce,
    };
    await ops.run(grant, [owner1, owner2, owner3], deployer);
    assert.equal(await badges.read.hasRole([BADGES_ATTESTER_ROLE, owner4.address]), true);
  });

  it("builds a real network's allowlist from the chain registry: the native coin and the chain's stablecoins", () => {
    assert.deepEqual(protocolParameters("base", { feeBps: 500 }), {
      Protocol: { allowedTokens: [NATIVE_TOKEN, "0x833589fCD6eDb6E08f4c7C32D4f71b54bdA02913"], feeBps: 500 },
    });
    assert.equal(protocolParameters("mainnet").Protocol.allowedTokens.length, 3);
    assert.throws(() => protocolParameters("stacks-mainnet"), /No EVM chain/);
  });

  it("the deployer can no longer administer the escrow directly", async () => {
    const { escrow } = f;
    const as = { account: deployer.address };
    assert.equal(await revertName(escrow.write.setPlatformFee([500], as)), "AccessControlUnauthorizedAccount");
    assert.equal(await revertName(escrow.write.setFeeRecipient([owner1.address], as)), "AccessControlUnauthorizedAccount");
    assert.equal(await revertName(escrow.write.pause(as)), "AccessControlUnauthorizedAccount");
    assert.equal(await revertName(escrow.write.unpause(as)), "AccessControlUnauthorizedAccount");
    assert.equal(await revertName(escrow.write.setTokenAllowed([owner1.address, true], as)), "AccessControlUnauthorizedAccount");
    assert.equal(await revertName(escrow.write.grantRole([ESCROW_ARBITER_ROLE, owner1.address], as)), "AccessControlUnauthorizedAccount");
    assert.equal(
      await revertName(escrow.write.grantRole([ESCROW_ROLES.PAUSER_ROLE, deployer.address], as)),
      "AccessControlUnauthorizedAccount",
    );
    assert.equal(await revertName(escrow.write.setFeeDiscountSource([owner1.address], as)), "AccessControlUnauthorizedAccount");
  });

  it("the guardian pauses the escrow at once; two owners' signatures unpause it after 24 h", async () => {
    const { escrow, ops } = f;
    const paused = await ops.guardianPause(escrow.address, deployer);
    assert.deepEqual(parseEventLogs({ abi: escrow.abi, eventName: "Paused", logs: paused.logs })[0]?.args, { account: getAddress(f.multisig.address) });
    assert.equal(await escrow.read.paused(), true);

    const unpause = escrowOp(encodeFunctionData({ abi: escrow.abi, functionName: "unpause" }));
    await ops.approveWithSignatures(unpause, [owner3, owner1], owner4);
    const queued = await ops.queue(unpause, owner4);
    const [event] = parseEventLogs({ abi: ops.abi, eventName: "Queued", logs: queued.logs });
    const queuedAt = (await publicClient.getBlock({ blockNumber: queued.blockNumber })).timestamp;
    assert.equal(event?.args.opClass, OPERATION_CLASS.Routine);
    assert.equal(event?.args.eta, queuedAt + BigInt(24 * HOUR));
    assert.equal(await revertName(f.multisig.write.execute([unpause])), "TimelockNotElapsed");

    await ops.waitOutTimelock(unpause);
    await ops.execute(unpause, owner4);
    assert.equal(await escrow.read.paused(), false);
    assert.equal(await ops.state(unpause), OPERATION_STATE.Executed);
  });

  it("a fee change is Routine (2 owners, 24 h); a fee-recipient change stays Critical (3 owners, 48 h)", async () => {
    const { escrow, multisig, ops } = f;
    await ops.run(feeOp(800), [owner1, owner2], deployer);
    assert.equal(await escrow.read.platformFeeBps(), 800);

    const recipient = escrowOp(encodeFunctionData({ abi: escrow.abi, functionName: "setFeeRecipient", args: [owner4.address] }));
    await ops.approveWithSignatures(recipient, [owner1, owner2], deployer);
    assert.equal(await revertName(multisig.write.queue([recipient])), "InsufficientApprovals");
    await ops.approve(ops.id(recipient), owner3);
    const queued = await ops.queue(recipient, deployer);
    const [event] = parseEventLogs({ abi: ops.abi, eventName: "Queued", logs: queued.logs });
    assert.equal(event?.args.opClass, OPERATION_CLASS.Critical);
    await ops.timeTravel(24 * HOUR);
    assert.equal(await revertName(multisig.write.execute([recipient])), "TimelockNotElapsed");
    await ops.waitOutTimelock(recipient);
    await ops.execute(recipient, deployer);
    assert.equal(getAddress(await escrow.read.feeRecipient()), getAddress(owner4.address));
  });
});
