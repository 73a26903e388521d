import { buildModule } from "@nomicfoundation/hardhat-ignition/modules";

/**
 * MilestoneEscrow. Parameters (per network, in a JSON file passed with `--parameters`):
 * `admin` (the protocol multisig/timelock), `feeRecipient` (the treasury), `feeBps`.
 * Locally they default to the deployer and 10%.
 *
 * The escrow alone, with `admin` holding all three roles from the start (unit tests, or a network
 * whose admin already exists). The protocol as deployed locally and on real networks is the
 * Protocol module (./Protocol.ts): escrow + multisig, with the roles handed to the multisig.
 */
export default buildModule("Escrow", (m) => {
  const deployer = m.getAccount(0);
  const admin = m.getParameter("admin", deployer);
  const feeRecipient = m.getParameter("feeRecipient", deployer);
  const feeBps = m.getParameter("feeBps", 1_000);

  const milestoneEscrow = m.contract("MilestoneEscrow", [admin, feeRecipient, feeBps]);
  return { milestoneEscrow };
});
