import { buildModule } from "@nomicfoundation/hardhat-ignition/modules";
import { zeroAddress } from "viem";

/**
 * MilestoneEscrow. Parameters (per network, in a JSON file passed with `--parameters`):
 * `admin` (the protocol multisig/timelock), `feeRecipient` (the treasury), `feeBps`,
 * `allowedTokens` (tokens new jobs may use; the native coin is the zero address).
 * Locally they default to the deployer, 10% and the native coin only.
 *
 * The escrow alone, with `admin` holding DEFAULT_ADMIN_ROLE, FEE_MANAGER_ROLE and PAUSER_ROLE from
 * the start and no arbiter (unit tests, or a network whose admin already exists; the admin grants
 * ARBITER_ROLE). The protocol as deployed locally and on real networks is the Protocol module
 * (./Protocol.ts): escrow + multisig, with the roles handed to the multisig.
 */
export default buildModule("Escrow", (m) => {
  const deployer = m.getAccount(0);
  const admin = m.getParameter("admin", deployer);
  const feeRecipient = m.getParameter("feeRecipient", deployer);
  const feeBps = m.getParameter("feeBps", 1_000);
  const allowedTokens = m.getParameter<string[]>("allowedTokens", [zeroAddress]);

  const milestoneEscrow = m.contract("MilestoneEscrow", [admin, feeRecipient, feeBps, allowedTokens]);
  return { milestoneEscrow };
});
