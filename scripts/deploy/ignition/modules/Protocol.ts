import { buildModule } from "@nomicfoundation/hardhat-ignition/modules";
import type { AccountRuntimeValue, ArgumentType, Future, IgnitionModuleBuilder } from "@nomicfoundation/ignition-core";
import { keccak256, toFunctionSelector, toHex, zeroAddress, zeroHash } from "viem";
import { OPERATION_CLASS } from "../../../dev/multisigOps.ts";
import { chains, type ChainInfo } from "../../../registry/chains.ts";
import { buildDao, oneWorxPerUnit } from "./Dao.ts";
import { buildDex } from "./Dex.ts";
import { multisigPolicyArgs } from "./Multisig.ts";

/**
 * The protocol, administered by its multisig: MilestoneEscrow, WorxBadges and WorxMultisig, wired
 * together.
 *
 *  1. MilestoneEscrow is deployed with the deployer as its temporary admin (DEFAULT_ADMIN_ROLE,
 *     FEE_MANAGER_ROLE, PAUSER_ROLE) and its initial token allowlist;
 *  2. the deployer grants ARBITER_ROLE to the initial arbiters, if any (while it still can);
 *  3. WorxBadges is deployed reading the escrow's work history, with the deployer as its temporary
 *     admin; the deployer grants ATTESTER_ROLE to the initial attesters, if any, and makes the
 *     badges the escrow's fee-discount source (FEE_MANAGER_ROLE, before renouncing it);
 *  4. WorxMultisig is deployed configured for it: the escrow's routine functions
 *     ({@link ESCROW_ROUTINE_FUNCTIONS}) are Routine, everything else stays Critical (fee
 *     recipient, fee-discount source, token allowlist, roles, arbiters), and the escrow is
 *     pausable by the guardian;
 *  5. the escrow's DEFAULT_ADMIN_ROLE, FEE_MANAGER_ROLE and PAUSER_ROLE and the badges'
 *     DEFAULT_ADMIN_ROLE are granted to the multisig, then the deployer renounces each of its roles
 *     (each contract's DEFAULT_ADMIN_ROLE last). From then on only the multisig administers the
 *     escrow and the badges (it appoints and removes arbiters and attesters, changes tier configs
 *     and the fee-discount source with Critical operations), and the guardian can only pause the
 *     escrow through {WorxMultisig.guardianPause};
 *  6. the DAO (./Dao.ts) is deployed after all of these: WorxToken, TimelockController (the
 *     treasury), WorxGovernor (guardian: the multisig), FeeSplitter, StakingFeeDiscount and
 *     WorkRewards. Before the escrow's handover above, the deployer makes the FeeSplitter the
 *     escrow's fee recipient and StakingFeeDiscount its fee-discount source (replacing the badges,
 *     whose discount StakingFeeDiscount still honours), and grants FEE_MANAGER_ROLE to the
 *     timelock (the multisig keeps it too);
 *  7. the creator-coin DEX (./Dex.ts) is deployed after the DAO: MetricsOracle (reporter: the
 *     `metricsReporter` parameter; admin: the multisig, the deployer renounces), CreatorPoolDeployer
 *     and CreatorCoinFactory (admin: the multisig; base token: `dexBaseToken`; the FeeSplitter
 *     receives the pools' protocol fees; default pool parameters: `dexPoolParams`).
 *
 * Parameters (per network, in a JSON file passed with `--parameters`, under "Protocol"): the
 * multisig's `owners`, `routineThreshold`, `criticalThreshold`, `routineDelay`, `criticalDelay`,
 * `guardian` (as in ./Multisig.ts, same local defaults), and the escrow's `feeRecipient` (the
 * treasury; locally the deployer), `feeBps` (10%) and `allowedTokens` (token addresses new jobs may
 * use, the native coin as the zero address; default: the native coin only), and the DAO's (see
 * ./Dao.ts; `rewardTokens` / `rewardRates` default to none), and the DEX's (see ./Dex.ts:
 * `metricsReporter` and `dexBaseToken` required, `dexPoolParams`, `oracleMaxAge`). Build a network's parameters from the
 * chain registry with {@link protocolParameters} (native coin + the chain's stablecoins, each
 * rewarded with 1 WORX per unit). The escrow's `feeRecipient` only receives fees until the DAO's
 * FeeSplitter replaces it, a few transactions later in the same deployment. ON A REAL NETWORK, SET THE MULTISIG'S PARAMETERS: the default owners are Hardhat's
 * public test accounts.
 *
 * Arbiters and attesters: Ignition cannot iterate over a parameter's value, and each role grant is
 * its own transaction, so the initial arbiters and attesters are build-time lists:
 * {@link protocolModule} builds a Protocol module that appoints them (the default export appoints
 * none: the multisig appoints them later). LocalDemo (./LocalDemo.ts) builds the same protocol with
 * the local arbiter and attester.
 */

/** Escrow functions the multisig runs with the Routine threshold and delay. */
export const ESCROW_ROUTINE_FUNCTIONS = ["setPlatformFee(uint16)", "unpause()"] as const;

/** MilestoneEscrow's administrative roles (OpenZeppelin AccessControl ids), all handed to the multisig. */
export const ESCROW_ROLES = {
  DEFAULT_ADMIN_ROLE: zeroHash,
  FEE_MANAGER_ROLE: keccak256(toHex("FEE_MANAGER_ROLE")),
  PAUSER_ROLE: keccak256(toHex("PAUSER_ROLE")),
} as const;

/** MilestoneEscrow's ARBITER_ROLE: rules disputes; never held by the multisig or the deployer. */
export const ESCROW_ARBITER_ROLE = keccak256(toHex("ARBITER_ROLE"));

/** WorxBadges' ATTESTER_ROLE: signs and revokes attestations; never held by the multisig or the deployer. */
export const BADGES_ATTESTER_ROLE = keccak256(toHex("ATTESTER_ROLE"));

/** WorxBadges' admin role (sets tier configs, appoints attesters), handed to the multisig. */
export const BADGES_ADMIN_ROLE = zeroHash;

/** How the escrow names the native coin in its token allowlist and balances. */
export const NATIVE_TOKEN = zeroAddress;

/** What a Protocol build needs beyond its parameters. */
export interface ProtocolOptions {
  /** The escrow's initial token allowlist: a module parameter, or a list of addresses and futures. */
  allowedTokens: ArgumentType;
  /** Accounts granted ARBITER_ROLE by the deployer before the handover. */
  arbiters: readonly (string | AccountRuntimeValue)[];
  /** Accounts granted the badges' ATTESTER_ROLE by the deployer before the handover. */
  attesters: readonly (string | AccountRuntimeValue)[];
  /** WorkRewards' initial reward tokens and rates (WORX wei per token unit, scaled by 1e18). */
  rewardTokens: ArgumentType;
  rewardRates: ArgumentType;
  /** The DEX pools' base token (the chain's stablecoin). */
  dexBaseToken: ArgumentType;
  /** Default of the `metricsReporter` parameter (none: required). */
  metricsReporter?: AccountRuntimeValue;
}

/**
 * Deploy and wire the protocol in module `m` (see the file comment): the Protocol module and
 * LocalDemo share it. Reads the fee and multisig parameters of `m`.
 */
export function buildProtocol(m: IgnitionModuleBuilder, options: ProtocolOptions) {
  const { allowedTokens, arbiters, attesters, rewardTokens, rewardRates } = options;
  const deployer = m.getAccount(0);
  const feeRecipient = m.getParameter("feeRecipient", deployer);
  const feeBps = m.getParameter("feeBps", 1_000);

  const milestoneEscrow = m.contract("MilestoneEscrow", [deployer, feeRecipient, feeBps, allowedTokens]);
  const appointed = arbiters.map((arbiter, i) =>
    m.call(milestoneEscrow, "grantRole", [ESCROW_ARBITER_ROLE, arbiter], { id: `GrantArbiter_${i}`, from: deployer }),
  );
  const classes = ESCROW_ROUTINE_FUNCTIONS.map((signature) => ({
    target: milestoneEscrow,
    selector: toFunctionSelector(signature),
    opClass: OPERATION_CLASS.Routine,
  }));
  const worxMultisig = m.contract("WorxMultisig", [...multisigPolicyArgs(m), classes, [milestoneEscrow]]);

  // The badges come after the multisig, so that the escrow's and the multisig's addresses stay
  // those of a deployment without badges (same deployer nonces).
  const worxBadges = m.contract("WorxBadges", [milestoneEscrow, deployer], { after: [worxMultisig] });
  const attestersAppointed = attesters.map((attester, i) =>
    m.call(worxBadges, "grantRole", [BADGES_ATTESTER_ROLE, attester], { id: `GrantAttester_${i}`, from: deployer }),
  );
  const discountSource = m.call(milestoneEscrow, "setFeeDiscountSource", [worxBadges], { id: "SetFeeDiscountSource", from: deployer });
  const dao = buildDao(m, { milestoneEscrow, worxBadges, worxMultisig, rewardTokens, rewardRates });

  // Handover: every grant (the multisig's and the arbiters') lands before the deployer gives up
  // anything (granting needs its admin role), and the deployer's admin role goes last, once it
  // holds nothing else.
  const grants = (["DEFAULT_ADMIN_ROLE", "FEE_MANAGER_ROLE", "PAUSER_ROLE"] as const).map((role) =>
    m.call(milestoneEscrow, "grantRole", [ESCROW_ROLES[role], worxMultisig], {
      id: `GrantMultisig_${role}`,
      from: deployer,
      after: [...appointed, discountSource, ...dao.escrowWired],
    }),
  );
  const renounce = (role: keyof typeof ESCROW_ROLES, after: Future[]) =>
    m.call(milestoneEscrow, "renounceRole", [ESCROW_ROLES[role], deployer], { id: `RenounceDeployer_${role}`, from: deployer, after });
  const renounced = [renounce("FEE_MANAGER_ROLE", grants), renounce("PAUSER_ROLE", grants)];
  renounce("DEFAULT_ADMIN_ROLE", renounced);

  // The badges: the same handover, once the attesters are appointed.
  const badgesGranted = m.call(worxBadges, "grantRole", [BADGES_ADMIN_ROLE, worxMultisig], {
    id: "GrantMultisig_Badges_DEFAULT_ADMIN_ROLE",
    from: deployer,
    after: attestersAppointed,
  });
  m.call(worxBadges, "renounceRole", [BADGES_ADMIN_ROLE, deployer], {
    id: "RenounceDeployer_Badges_DEFAULT_ADMIN_ROLE",
    from: deployer,
    after: [badgesGranted],
  });

  // The DEX last: every older contract keeps its address.
  const dex = buildDex(m, {
    worxMultisig,
    worxBadges,
    feeSplitter: dao.feeSplitter,
    baseToken: options.dexBaseToken,
    after: [dao.workRewards],
    defaultReporter: options.metricsReporter,
  });

  const { escrowWired: _wired, ...daoContracts } = dao;
  return { milestoneEscrow, worxBadges, worxMultisig, ...daoContracts, ...dex };
}

/**
 * A Protocol module (id "Protocol", same parameters as the default export) whose deployer also
 * appoints `arbiters` and `attesters` before the handover. For a network's deployment module:
 * `export default protocolModule({ arbiters: ["0x…"], attesters: ["0x…"] })`.
 */
export function protocolModule({ arbiters, attesters = [] }: Pick<ProtocolOptions, "arbiters"> & Partial<Pick<ProtocolOptions, "attesters">>) {
  return buildModule("Protocol", (m) =>
    buildProtocol(m, {
      allowedTokens: m.getParameter<string[]>("allowedTokens", [NATIVE_TOKEN]),
      arbiters,
      attesters,
      rewardTokens: m.getParameter<string[]>("rewardTokens", []),
      rewardRates: m.getParameter<bigint[]>("rewardRates", []),
      dexBaseToken: m.getParameter<string>("dexBaseToken"),
    }),
  );
}

/**
 * The Protocol module parameters of a registry chain (scripts/registry/chains.ts), to write to the
 * network's `--parameters` file: `allowedTokens` = the native coin plus the chain's stablecoins,
 * `dexBaseToken` = its first stablecoin (the DEX's base token; set it in `overrides` on a chain
 * without one), `rewardTokens` / `rewardRates` = the stablecoins at 1 WORX per unit (the native coin's rate
 * depends on its price: the operator sets it, or the DAO later), with `overrides` (the multisig's
 * owners and guardian, the treasury, the DAO's settings, ...) merged over it. Rates are strings
 * with Ignition's "n" suffix (JSON has no bigint).
 * Only tokens the escrow supports belong there: standard ERC-20s, no fee-on-transfer or rebasing
 * tokens (USDT's missing return value is fine).
 */
export function protocolParameters(chainKey: string, overrides: Record<string, unknown> = {}) {
  const chain: ChainInfo | undefined = chains.find((c) => c.key === chainKey && c.family === "evm");
  if (!chain) throw new Error(`No EVM chain "${chainKey}" in scripts/registry/chains.ts`);
  return {
    Protocol: {
      allowedTokens: [NATIVE_TOKEN, ...chain.stablecoins.map((s) => s.address)],
      rewardTokens: chain.stablecoins.map((s) => s.address),
      rewardRates: chain.stablecoins.map((s) => `${oneWorxPerUnit(s.decimals)}n`),
      ...(chain.stablecoins[0] ? { dexBaseToken: chain.stablecoins[0].address } : {}),
      ...overrides,
    },
  };
}

export default protocolModule({ arbiters: [], attesters: [] });
