import { buildModule } from "@nomicfoundation/hardhat-ignition/modules";
import type { Future } from "@nomicfoundation/ignition-core";
import { keccak256, toFunctionSelector, toHex, zeroHash } from "viem";
import { OPERATION_CLASS } from "../../../dev/multisigOps.ts";
import { multisigPolicyArgs } from "./Multisig.ts";

/**
 * The protocol, administered by its multisig: MilestoneEscrow and WorxMultisig, wired together.
 *
 *  1. MilestoneEscrow is deployed with the deployer as its temporary admin (all three roles);
 *  2. WorxMultisig is deployed configured for it: the escrow's routine functions
 *     ({@link ESCROW_ROUTINE_FUNCTIONS}) are Routine, everything else stays Critical, and the escrow
 *     is pausable by the guardian;
 *  3. the escrow's DEFAULT_ADMIN_ROLE, FEE_MANAGER_ROLE and PAUSER_ROLE are granted to the
 *     multisig, then the deployer renounces each of its roles (DEFAULT_ADMIN_ROLE last). From then
 *     on only the multisig administers the escrow: fee changes and unpausing through Routine
 *     operations, everything else (fee recipient, roles) through Critical ones, and the guardian
 *     can only pause it through {WorxMultisig.guardianPause}.
 *
 * Parameters (per network, in a JSON file passed with `--parameters`, under "Protocol"): the
 * multisig's `owners`, `routineThreshold`, `criticalThreshold`, `routineDelay`, `criticalDelay`,
 * `guardian` (as in ./Multisig.ts, same local defaults), and the escrow's `feeRecipient` (the
 * treasury; locally the deployer) and `feeBps` (10%). ON A REAL NETWORK, SET THE MULTISIG'S
 * PARAMETERS: the default owners are Hardhat's public test accounts.
 */

/** Escrow functions the multisig runs with the Routine threshold and delay. */
export const ESCROW_ROUTINE_FUNCTIONS = ["setPlatformFee(uint16)", "unpause()"] as const;

/** MilestoneEscrow's roles (OpenZeppelin AccessControl ids), all handed to the multisig. */
export const ESCROW_ROLES = {
  DEFAULT_ADMIN_ROLE: zeroHash,
  FEE_MANAGER_ROLE: keccak256(toHex("FEE_MANAGER_ROLE")),
  PAUSER_ROLE: keccak256(toHex("PAUSER_ROLE")),
} as const;

export default buildModule("Protocol", (m) => {
  const deployer = m.getAccount(0);
  const feeRecipient = m.getParameter("feeRecipient", deployer);
  const feeBps = m.getParameter("feeBps", 1_000);

  const milestoneEscrow = m.contract("MilestoneEscrow", [deployer, feeRecipient, feeBps]);
  const classes = ESCROW_ROUTINE_FUNCTIONS.map((signature) => ({
    target: milestoneEscrow,
    selector: toFunctionSelector(signature),
    opClass: OPERATION_CLASS.Routine,
  }));
  const worxMultisig = m.contract("WorxMultisig", [...multisigPolicyArgs(m), classes, [milestoneEscrow]]);

  // Handover: every grant lands before the deployer gives up anything (granting needs its admin
  // role), and the deployer's admin role goes last, once it holds nothing else.
  const grants = (["DEFAULT_ADMIN_ROLE", "FEE_MANAGER_ROLE", "PAUSER_ROLE"] as const).map((role) =>
    m.call(milestoneEscrow, "grantRole", [ESCROW_ROLES[role], worxMultisig], { id: `GrantMultisig_${role}`, from: deployer }),
  );
  const renounce = (role: keyof typeof ESCROW_ROLES, after: Future[]) =>
    m.call(milestoneEscrow, "renounceRole", [ESCROW_ROLES[role], deployer], { id: `RenounceDeployer_${role}`, from: deployer, after });
  const renounced = [renounce("FEE_MANAGER_ROLE", grants), renounce("PAUSER_ROLE", grants)];
  renounce("DEFAULT_ADMIN_ROLE", renounced);

  return { milestoneEscrow, worxMultisig };
});
