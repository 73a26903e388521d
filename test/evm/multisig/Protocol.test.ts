/**
 * The protocol as deployed locally and on real networks (Ignition Protocol module, through
 * LocalDemo): MilestoneEscrow administered by WorxMultisig, and the DAO (./Dao.ts) wired to it.
 * Checks the wiring — classes and pausable target set by the multisig's constructor, every escrow
 * role handed over, every DAO role where dao-spec.md puts it, and the deployer left with none —
 * and that administration then works only through the multisig, driven with the shared helper
 * (scripts/dev/multisigOps.ts) the seed and the e2e tests use.
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
  zeroAddress,
} from "viem";
import { DAO_LOCAL_DEFAULTS, DAO_ROLES, DEFAULT_DISCOUNT_TIERS, LOCAL_REWARD_RATES } from "../../../scripts/deploy/ignition/modules/Dao.ts";
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
  const deployed = await ignition.deploy(LocalDemoModule);
  const { milestoneEscrow, worxBadges, worxMultisig, demoStablecoin } = deployed;
  const ops = connectMultisig({ transport: custom(provider), address: worxMultisig.address, abi: worxMultisig.abi });
  const dao = {
    token: deployed.worxToken,
    timelock: deployed.timelockController,
    governor: deployed.worxGovernor,
    splitter: deployed.feeSplitter,
    discount: deployed.stakingFeeDiscount,
    rewards: deployed.workRewards,
  };
  return { escrow: milestoneEscrow, badges: worxBadges, multisig: worxMultisig, token: demoStablecoin, ops, dao };
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

    // The escrow keeps the local fee and pays it to the DAO's FeeSplitter; new jobs may use the
    // native coin and dUSD.
    assert.equal(await escrow.read.platformFeeBps(), 1_000);
    assert.equal(getAddress(await escrow.read.feeRecipient()), getAddress(f.dao.splitter.address));
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

  it("appoints the local arbiter, grants the DAO's timelock the fee manager role, hands every admin role to the multisig, then leaves the deployer none, in that order", async () => {
    const { escrow, multisig } = f;
    const timelock = f.dao.timelock.address;
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
      assert.equal(await escrow.read.hasRole([role, timelock]), role === ESCROW_ROLES.FEE_MANAGER_ROLE, `timelock and ${role}`);
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
        ["RoleGranted", "FEE_MANAGER_ROLE", getAddress(timelock)],
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

  it("deploys WorxBadges on the escrow (the discount StakingFeeDiscount honours), appoints the local attester, then hands the badges to the multisig", async () => {
    const { escrow, badges, multisig } = f;
    assert.equal(BADGES_ATTESTER_ROLE, await badges.read.ATTESTER_ROLE());
    assert.equal(BADGES_ADMIN_ROLE, await badges.read.DEFAULT_ADMIN_ROLE());
    assert.equal(getAddress(await badges.read.escrow()), getAddress(escrow.address));
    // The badges were the escrow's fee-discount source until the DAO's StakingFeeDiscount, which
    // takes the better of the staking tier and the badges' discount, replaced them.
    const sources = (await publicClient.getContractEvents({ address: escrow.address, abi: escrow.abi, eventName: "FeeDiscountSourceUpdated", fromBlock: 0n }))
      .map((e) => getAddress((e.args as { newSource: Address }).newSource));
    assert.deepEqual(sources, [getAddress(badges.address), getAddress(f.dao.discount.address)]);
    assert.equal(getAddress(await escrow.read.feeDiscountSource()), getAddress(f.dao.discount.address));
    assert.equal(getAddress(await f.dao.discount.read.badgeSource()), getAddress(badges.address));
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

  it("wires the DAO: every role where dao-spec.md puts it, the timelock owns the DAO, the deployer holds nothing", async () => {
    const { escrow, badges, multisig, token: dusd } = f;
    const { token, timelock, governor, splitter, discount, rewards } = f.dao;
    const { DEFAULT_ADMIN_ROLE, MINTER_ROLE, PROPOSER_ROLE, CANCELLER_ROLE, EXECUTOR_ROLE } = DAO_ROLES;
    assert.deepEqual(
      { MINTER_ROLE: await token.read.MINTER_ROLE(), PROPOSER_ROLE: await timelock.read.PROPOSER_ROLE(), CANCELLER_ROLE: await timelock.read.CANCELLER_ROLE(), EXECUTOR_ROLE: await timelock.read.EXECUTOR_ROLE() },
      { MINTER_ROLE, PROPOSER_ROLE, CANCELLER_ROLE, EXECUTOR_ROLE },
    );
    const T = getAddress(timelock.address);

    // The escrow pays its fees to the splitter, asks StakingFeeDiscount for discounts, and the
    // timelock may change its fees (beside the multisig).
    assert.equal(getAddress(await escrow.read.feeRecipient()), getAddress(splitter.address));
    assert.equal(getAddress(await escrow.read.feeDiscountSource()), getAddress(discount.address));
    assert.equal(await escrow.read.hasRole([ESCROW_ROLES.FEE_MANAGER_ROLE, T]), true);

    // Token: WORX, no pre-mint, WorkRewards the only minter, the timelock its admin.
    assert.deepEqual([await token.read.name(), await token.read.symbol(), await token.read.decimals(), await token.read.totalSupply()], ["Worx", "WORX", 18, 0n]);
    assert.equal(await token.read.CLOCK_MODE(), "mode=timestamp");
    assert.equal(await token.read.hasRole([MINTER_ROLE, rewards.address]), true);
    assert.equal(await token.read.hasRole([DEFAULT_ADMIN_ROLE, T]), true);

    // Timelock: the local delay; the governor alone proposes and cancels; anyone executes; its
    // only admin is itself (the deployer renounced).
    assert.equal(await timelock.read.getMinDelay(), BigInt(DAO_LOCAL_DEFAULTS.timelockDelay));
    assert.equal(await timelock.read.hasRole([PROPOSER_ROLE, governor.address]), true);
    assert.equal(await timelock.read.hasRole([CANCELLER_ROLE, governor.address]), true);
    assert.equal(await timelock.read.hasRole([EXECUTOR_ROLE, zeroAddress]), true);
    assert.equal(await timelock.read.hasRole([DEFAULT_ADMIN_ROLE, T]), true);

    // Governor: on the token and the timelock, local settings, the protocol's guardian account
    // (the multisig's guardian, #0: the multisig itself could never cancel within the voting delay).
    assert.equal(await governor.read.name(), "Worx DAO");
    assert.equal(getAddress(await governor.read.token()), getAddress(token.address));
    assert.equal(getAddress(await governor.read.timelock()), T);
    assert.equal(getAddress(await governor.read.guardian()), getAddress(await multisig.read.guardian()));
    assert.equal(getAddress(await governor.read.guardian()), getAddress(deployer.address));
    assert.equal(await governor.read.votingDelay(), BigInt(DAO_LOCAL_DEFAULTS.votingDelay));
    assert.equal(await governor.read.votingPeriod(), BigInt(DAO_LOCAL_DEFAULTS.votingPeriod));
    assert.equal(await governor.read.proposalThreshold(), DAO_LOCAL_DEFAULTS.proposalThreshold);
    assert.equal(await governor.read.quorumNumerator(), BigInt(DAO_LOCAL_DEFAULTS.quorumNumerator));
    assert.equal(BigInt(await governor.read.lateQuorumVoteExtension()), BigInt(DAO_LOCAL_DEFAULTS.voteExtension));

    // FeeSplitter: 70% to the timelock (the treasury), 30% to the multisig (operations).
    assert.equal(getAddress(await splitter.read.treasury()), T);
    assert.equal(getAddress(await splitter.read.operations()), getAddress(multisig.address));
    assert.equal(await splitter.read.daoShareBps(), DAO_LOCAL_DEFAULTS.daoShareBps);

    // StakingFeeDiscount: staking tiers over the badges' discount.
    assert.equal(getAddress(await discount.read.token()), getAddress(token.address));
    assert.equal(getAddress(await discount.read.badgeSource()), getAddress(badges.address));
    assert.deepEqual(await discount.read.discountTiers(), DEFAULT_DISCOUNT_TIERS);

    // WorkRewards: on the escrow, the badges and the token; 50% client share; the local rates.
    assert.equal(getAddress(await rewards.read.escrow()), getAddress(escrow.address));
    assert.equal(getAddress(await rewards.read.badges()), getAddress(badges.address));
    assert.equal(getAddress(await rewards.read.token()), getAddress(token.address));
    assert.equal(await rewards.read.clientShareBps(), DAO_LOCAL_DEFAULTS.clientShareBps);
    assert.equal(await rewards.read.rewardRate([NATIVE_TOKEN]), LOCAL_REWARD_RATES.native);
    assert.equal(await rewards.read.rewardRate([dusd.address]), LOCAL_REWARD_RATES.dUSD);

    // Every DAO contract's admin is the timelock, and nobody else holds a DAO role: not the
    // deployer, not the multisig or its owners.
    for (const c of [token, timelock, splitter, discount, rewards]) {
      assert.equal(await c.read.hasRole([DEFAULT_ADMIN_ROLE, T]), true, `${c.address}: timelock is admin`);
      for (const account of [deployer.address, owner1.address, owner2.address, owner3.address, owner4.address, multisig.address, governor.address]) {
        for (const role of Object.values(DAO_ROLES)) {
          const expected = c === timelock && account === governor.address && (role === PROPOSER_ROLE || role === CANCELLER_ROLE);
          assert.equal(await c.read.hasRole([role, account]), expected, `${c.address}: ${account} and role ${role}`);
        }
      }
    }

    // The history of the DAO's roles: granted to the deployer at construction, handed over, renounced last.
    const roleName = Object.fromEntries(Object.entries(DAO_ROLES).map(([k, v]) => [v, k]));
    const who = (a: Address) => ({ [getAddress(deployer.address)]: "deployer", [T]: "timelock", [getAddress(governor.address)]: "governor", [getAddress(rewards.address)]: "rewards", [zeroAddress]: "anyone" })[getAddress(a)] ?? a;
    const history = async (c: typeof token | typeof timelock) =>
      (await publicClient.getContractEvents({ address: c.address, abi: c.abi, fromBlock: 0n }))
        .filter((e) => e.eventName === "RoleGranted" || e.eventName === "RoleRevoked")
        .map((e) => {
          const args = e.args as { role: Hex; account: Address };
          return `${e.eventName} ${roleName[args.role]} ${who(args.account)}`;
        });
    assert.deepEqual(await history(token), [
      "RoleGranted DEFAULT_ADMIN_ROLE deployer",
      "RoleGranted MINTER_ROLE rewards",
      "RoleGranted DEFAULT_ADMIN_ROLE timelock",
      "RoleRevoked DEFAULT_ADMIN_ROLE deployer",
    ]);
    const timelockHistory = await history(timelock);
    assert.deepEqual(timelockHistory.slice(0, 3), ["RoleGranted DEFAULT_ADMIN_ROLE timelock", "RoleGranted DEFAULT_ADMIN_ROLE deployer", "RoleGranted EXECUTOR_ROLE anyone"]);
    assert.deepEqual(timelockHistory.slice(3, 5).sort(), ["RoleGranted CANCELLER_ROLE governor", "RoleGranted PROPOSER_ROLE governor"]);
    assert.deepEqual(timelockHistory.slice(5), ["RoleRevoked DEFAULT_ADMIN_ROLE deployer"], "the deployer's timelock admin role goes last");

    // The deployer can change nothing in the DAO.
    const as = { account: deployer.address };
    assert.equal(await revertName(splitter.write.setDaoShare([5_000], as)), "AccessControlUnauthorizedAccount");
    assert.equal(await revertName(rewards.write.setRewardRate([NATIVE_TOKEN, 1n], as)), "AccessControlUnauthorizedAccount");
    assert.equal(await revertName(token.write.mint([deployer.address, 1n], as)), "AccessControlUnauthorizedAccount");
    assert.equal(await revertName(timelock.write.grantRole([PROPOSER_ROLE, deployer.address], as)), "AccessControlUnauthorizedAccount");
    assert.equal(await revertName(governor.write.setGuardian([deployer.address], as)), "GovernorOnlyExecutor");
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
      Protocol: {
        allowedTokens: [NATIVE_TOKEN, "0x833589fCD6eDb6E08f4c7C32D4f71b54bdA02913"],
        // WorkRewards: 1 WORX (1e18 wei) per USDC (6 decimals) paid: 1e30, as an Ignition bigint string.
        rewardTokens: ["0x833589fCD6eDb6E08f4c7C32D4f71b54bdA02913"],
        rewardRates: [`${10n ** 30n}n`],
        // The DEX trades creator coins against the chain's first registry stablecoin.
        dexBaseToken: "0x833589fCD6eDb6E08f4c7C32D4f71b54bdA02913",
        feeBps: 500,
      },
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
