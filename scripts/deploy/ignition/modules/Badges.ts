import { buildModule } from "@nomicfoundation/hardhat-ignition/modules";

/**
 * WorxBadges, standalone: the achievement badges reading the work history of an already deployed
 * MilestoneEscrow (a deployment made before the badges existed). New deployments get them from the
 * Protocol module (./Protocol.ts), wired and handed to the multisig. Parameters (per network, in a JSON file passed with `--parameters`, under "Badges"):
 *  - `escrow` (required): the MilestoneEscrow whose `freelancerStats` the tiers' criteria read;
 *  - `admin`: receives DEFAULT_ADMIN_ROLE (sets tier configs, appoints attesters). On a real network
 *    this is the protocol's multisig; locally it defaults to the deployer.
 * No attester is appointed here: the admin grants ATTESTER_ROLE afterwards. Making the badges the
 * escrow's fee-discount source is the escrow admin's `setFeeDiscountSource(badges)` (a Critical
 * multisig operation); this module does not wire it.
 */
export default buildModule("Badges", (m) => {
  const escrow = m.getParameter<string>("escrow");
  const admin = m.getParameter("admin", m.getAccount(0));
  const worxBadges = m.contract("WorxBadges", [escrow, admin]);
  return { worxBadges };
});
