import { buildModule } from "@nomicfoundation/hardhat-ignition/modules";

/**
 * MilestoneEscrow. Parameters (per network, in scripts/deploy/parameters/<network>.json):
 * `admin` (the protocol multisig/timelock), `feeRecipient` (the treasury), `feeBps`.
 * Locally they default to the deployer and 10%.
 */
export default buildModule("Escrow", (m) => {
  const deployer = m.getAccount(0);
  const admin = m.getParameter("admin", deployer);
  const feeRecipient = m.getParameter("feeRecipient", deployer);
  const feeBps = m.getParameter("feeBps", 1_000);

  const milestoneEscrow = m.contract("MilestoneEscrow", [admin, feeRecipient, feeBps]);
  return { milestoneEscrow };
});
