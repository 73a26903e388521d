/**
 * The local Hardhat node's standard funded accounts (derived from Hardhat's public test mnemonic),
 * and the roles the demo gives them. Never hold real funds with these keys.
 */
import { mnemonicToAccount } from "viem/accounts";

const HARDHAT_MNEMONIC = "test test test test test test test test test test test junk";

export const localAccount = (index: number) => mnemonicToAccount(HARDHAT_MNEMONIC, { addressIndex: index });

/**
 * Who is who in the demo data. #0 deploys (then hands the escrow to the multisig), receives the
 * platform fees and is the multisig's guardian; #0..#4 are the multisig's owners; #5 rules disputes;
 * #6 signs badge attestations.
 */
export const demoRoles = {
  deployer: 0,
  alice: 1, // client
  bob: 2, // freelancer
  carol: 3, // client and freelancer
  dave: 4, // freelancer
  arbiter: 5, // holds the escrow's ARBITER_ROLE (granted at deployment): party to no demo job, so it may rule any
  attester: 6, // holds WorxBadges' ATTESTER_ROLE (granted at deployment): signs X-verification and vetting attestations
} as const;
