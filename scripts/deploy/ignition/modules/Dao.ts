import type { ArgumentType, CallableContractFuture, ContractFuture, Future, IgnitionModuleBuilder } from "@nomicfoundation/ignition-core";
import { keccak256, toHex, zeroAddress, zeroHash } from "viem";

import { multisigPolicyArgs } from "./Multisig.ts";

/**
 * The Worx DAO (issue 6), deployed by the Protocol module (./Protocol.ts) and LocalDemo after every
 * contract that existed before it, so the escrow's, the multisig's and the badges' addresses stay
 * those of a deployment without the DAO:
 *
 *  1. WorxToken (WORX, ERC20Votes on the timestamp clock, staking locks), the deployer its temporary
 *     admin; no pre-mint unless the `premint` parameter says so;
 *  2. OpenZeppelin's TimelockController (`timelockDelay`, no proposer yet, executor role open to
 *     anyone, the deployer its temporary admin): the DAO's treasury and the owner of every governed
 *     parameter;
 *  3. WorxGovernor on the token and the timelock; the timelock makes it its only proposer and
 *     canceller. Its guardian is the protocol's guardian ACCOUNT, the multisig's `guardian`
 *     parameter (the same parameter sets both; account 0 locally), not the multisig: the guardian
 *     may cancel a proposal only while it is pending, and the multisig acts only after its own
 *     24 h / 48 h timelock, longer than the voting delay, so it could never cancel in time. Like
 *     its pause on the multisig, this power only stops things; the DAO replaces the guardian with
 *     `setGuardian` (a proposal);
 *  4. FeeSplitter (treasury = the timelock, operations = the multisig unless the build says
 *     otherwise, `daoShareBps`), StakingFeeDiscount (staking tiers over the badges' discount) and
 *     WorkRewards (WORX per unit of completed work, `clientShareBps` of it to the client), all
 *     administered by the timelock;
 *  5. the token's MINTER_ROLE goes to WorkRewards and its admin role to the timelock;
 *  6. the escrow (the deployer still holds FEE_MANAGER_ROLE: {@link buildDao} returns these calls so
 *     the Protocol module's handover waits for them) pays its fees to the splitter, asks
 *     StakingFeeDiscount for fee discounts, and grants FEE_MANAGER_ROLE to the timelock (the
 *     multisig keeps it too for now);
 *  7. the deployer renounces its admin roles on the token and, last, on the timelock: from then on
 *     only proposals voted by WORX holders and executed through the timelock change the DAO.
 *
 * Parameters (of the module that builds it: "Protocol" or "LocalDemo"), with the local demo's
 * defaults ({@link DAO_LOCAL_DEFAULTS}; public chains get {@link DAO_PUBLIC_DEFAULTS} from
 * scripts/deploy/evm/deploy.ts): `votingDelay`, `votingPeriod`, `voteExtension`, `timelockDelay`
 * (seconds: the governor counts time in seconds, ERC-6372 timestamp clock), `proposalThreshold`
 * (WORX wei), `quorumNumerator` (percent of the supply at the proposal's snapshot), `daoShareBps`,
 * `clientShareBps`, `premint` (WORX wei, default 0) and `premintHolder` (default: the deployer),
 * `discountTiers` ({@link DiscountTier}[]) and, for the Protocol module, `rewardTokens` /
 * `rewardRates` (WorkRewards' initial rates: WORX wei per token unit, scaled by 1e18). The
 * governor's guardian is the multisig's `guardian` parameter (./Multisig.ts, default account 0).
 */

/** WorxToken's and the DAO contracts' AccessControl ids. */
export const DAO_ROLES = {
  DEFAULT_ADMIN_ROLE: zeroHash,
  MINTER_ROLE: keccak256(toHex("MINTER_ROLE")),
  PROPOSER_ROLE: keccak256(toHex("PROPOSER_ROLE")),
  CANCELLER_ROLE: keccak256(toHex("CANCELLER_ROLE")),
  EXECUTOR_ROLE: keccak256(toHex("EXECUTOR_ROLE")),
} as const;

/** The escrow's FEE_MANAGER_ROLE, which the timelock receives. */
const FEE_MANAGER_ROLE = keccak256(toHex("FEE_MANAGER_ROLE"));

const WORX = 10n ** 18n;
const HOUR = 3_600;
const DAY = 24 * HOUR;

/** One fee-discount tier of StakingFeeDiscount (IStakingFeeDiscount.DiscountTier). */
// A type alias, not an interface: Ignition parameters must be index-signature compatible.
export type DiscountTier = { minStakingPower: bigint; discountBps: number };

/** Default tiers (spec): 1 000 WORX of staking power -> 10%, 10 000 -> 25%, 50 000 -> 50%. */
export const DEFAULT_DISCOUNT_TIERS: DiscountTier[] = [
  { minStakingPower: 1_000n * WORX, discountBps: 1_000 },
  { minStakingPower: 10_000n * WORX, discountBps: 2_500 },
  { minStakingPower: 50_000n * WORX, discountBps: 5_000 },
];

/** Governance settings on a local chain: short enough to run a whole proposal in a demo. */
export const DAO_LOCAL_DEFAULTS = {
  votingDelay: HOUR,
  votingPeriod: DAY,
  proposalThreshold: 100n * WORX,
  quorumNumerator: 4,
  voteExtension: HOUR,
  timelockDelay: HOUR,
  daoShareBps: 7_000,
  clientShareBps: 5_000,
} as const;

/** Governance settings for public chains (spec): a day to prepare, five to vote, two in the timelock. */
export const DAO_PUBLIC_DEFAULTS = {
  votingDelay: DAY,
  votingPeriod: 5 * DAY,
  proposalThreshold: 1_000n * WORX,
  quorumNumerator: 4,
  voteExtension: 2 * DAY,
  timelockDelay: 2 * DAY,
  daoShareBps: 7_000,
  clientShareBps: 5_000,
} as const;

/** WorkRewards rate giving 1 WORX per whole token unit of a token with `decimals` decimals. */
export const oneWorxPerUnit = (decimals: number) => WORX * 10n ** BigInt(18 - decimals);

/** LocalDemo's WorkRewards rates: 1 WORX per dUSD (6 decimals) paid, 2 000 WORX per ETH. */
export const LOCAL_REWARD_RATES = { dUSD: oneWorxPerUnit(6), native: 2_000n * WORX } as const;

/** What the DAO build needs from the protocol built before it. */
export interface DaoOptions {
  milestoneEscrow: CallableContractFuture<string>;
  worxBadges: ContractFuture<string>;
  worxMultisig: ContractFuture<string>;
  /** WorkRewards' initial reward tokens (the native coin as the zero address) and their rates. */
  rewardTokens: ArgumentType;
  rewardRates: ArgumentType;
  /** The FeeSplitter's operations payee. Default: the multisig. */
  operations?: string | ContractFuture<string>;
}

/**
 * Deploys and wires the DAO in module `m` (see the file comment). Returns the contracts and
 * `escrowWired`: the escrow calls the Protocol module's handover must wait for (they need the
 * deployer's FEE_MANAGER_ROLE and DEFAULT_ADMIN_ROLE on the escrow).
 */
export function buildDao(m: IgnitionModuleBuilder, options: DaoOptions) {
  const { milestoneEscrow, worxBadges, worxMultisig, rewardTokens, rewardRates } = options;
  const deployer = m.getAccount(0);
  const d = DAO_LOCAL_DEFAULTS;

  // After the badges, the protocol's last contract: nothing of the DAO is sent before them, so the
  // older contracts keep their deployer nonces and addresses.
  const worxToken = m.contract(
    "WorxToken",
    [deployer, m.getParameter("premintHolder", deployer), m.getParameter("premint", 0n)],
    { after: [worxBadges] },
  );
  const timelockController = m.contract(
    "TimelockController",
    [m.getParameter("timelockDelay", d.timelockDelay), [], [zeroAddress], deployer],
    { after: [worxToken] },
  );
  const worxGovernor = m.contract("WorxGovernor", [
    worxToken,
    timelockController,
    m.getParameter("votingDelay", d.votingDelay),
    m.getParameter("votingPeriod", d.votingPeriod),
    m.getParameter("proposalThreshold", d.proposalThreshold),
    m.getParameter("quorumNumerator", d.quorumNumerator),
    m.getParameter("voteExtension", d.voteExtension),
    // The multisig's own guardian parameter (its sixth constructor argument): one parameter for both.
    multisigPolicyArgs(m)[5],
  ]);
  const proposer = m.call(timelockController, "grantRole", [DAO_ROLES.PROPOSER_ROLE, worxGovernor], { id: "Timelock_GrantGovernor_PROPOSER_ROLE", from: deployer });
  const canceller = m.call(timelockController, "grantRole", [DAO_ROLES.CANCELLER_ROLE, worxGovernor], { id: "Timelock_GrantGovernor_CANCELLER_ROLE", from: deployer });

  const feeSplitter = m.contract(
    "FeeSplitter",
    [timelockController, options.operations ?? worxMultisig, m.getParameter("daoShareBps", d.daoShareBps), timelockController],
    { after: [worxGovernor] },
  );
  const stakingFeeDiscount = m.contract(
    "StakingFeeDiscount",
    [worxToken, worxBadges, m.getParameter<DiscountTier[]>("discountTiers", DEFAULT_DISCOUNT_TIERS), timelockController],
    { after: [feeSplitter] },
  );
  const workRewards = m.contract(
    "WorkRewards",
    [milestoneEscrow, worxBadges, worxToken, timelockController, m.getParameter("clientShareBps", d.clientShareBps), rewardTokens, rewardRates],
    { after: [stakingFeeDiscount] },
  );

  // The token: WorkRewards mints, the timelock administers; then the deployer leaves.
  const minter = m.call(worxToken, "grantRole", [DAO_ROLES.MINTER_ROLE, workRewards], { id: "Token_GrantWorkRewards_MINTER_ROLE", from: deployer });
  const tokenAdmin = m.call(worxToken, "grantRole", [DAO_ROLES.DEFAULT_ADMIN_ROLE, timelockController], {
    id: "Token_GrantTimelock_DEFAULT_ADMIN_ROLE",
    from: deployer,
    after: [minter],
  });

  // The escrow, while the deployer still holds its fee-manager and admin roles.
  const feeRecipient = m.call(milestoneEscrow, "setFeeRecipient", [feeSplitter], { id: "Escrow_SetFeeRecipient_FeeSplitter", from: deployer, after: [workRewards] });
  const discountSource = m.call(milestoneEscrow, "setFeeDiscountSource", [stakingFeeDiscount], {
    id: "Escrow_SetFeeDiscountSource_StakingFeeDiscount",
    from: deployer,
    after: [feeRecipient],
  });
  const feeManager = m.call(milestoneEscrow, "grantRole", [FEE_MANAGER_ROLE, timelockController], {
    id: "Escrow_GrantTimelock_FEE_MANAGER_ROLE",
    from: deployer,
    after: [discountSource],
  });

  // The deployer renounces: the token's admin role, then (last of all) the timelock's.
  const tokenRenounced = m.call(worxToken, "renounceRole", [DAO_ROLES.DEFAULT_ADMIN_ROLE, deployer], {
    id: "Token_RenounceDeployer_DEFAULT_ADMIN_ROLE",
    from: deployer,
    after: [tokenAdmin, feeManager],
  });
  m.call(timelockController, "renounceRole", [DAO_ROLES.DEFAULT_ADMIN_ROLE, deployer], {
    id: "Timelock_RenounceDeployer_DEFAULT_ADMIN_ROLE",
    from: deployer,
    after: [proposer, canceller, tokenRenounced],
  });

  const escrowWired: Future[] = [feeRecipient, discountSource, feeManager];
  return { worxToken, timelockController, worxGovernor, feeSplitter, stakingFeeDiscount, workRewards, escrowWired };
}
