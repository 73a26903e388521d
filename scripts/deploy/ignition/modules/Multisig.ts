import { buildModule } from "@nomicfoundation/hardhat-ignition/modules";

/**
 * WorxMultisig: the M-of-N owner multisig with a timelock that administers the protocol.
 * Parameters (per network, in scripts/deploy/parameters/<network>.json):
 *  - `owners`: the owner addresses (distinct, at most 20);
 *  - `routineThreshold` / `criticalThreshold`: owners needed per operation class;
 *  - `routineDelay` / `criticalDelay`: timelock per class, in seconds (1 hour .. 30 days);
 *  - `guardian`: may only pause contracts the owners mark pausable (zero address = none).
 * Local defaults: the first five accounts of Hardhat's default mnemonic as owners, 2-of-5 for
 * Routine and 3-of-5 for Critical operations, 24 h / 48 h, and account 0 as guardian.
 *
 * Granting the multisig its roles on the protocol's contracts (and marking them pausable) is not
 * done here: the escrow's deployment wiring stays as it is.
 */
// Hardhat's default accounts 0..4 ("test test ... junk"). An Ignition parameter default cannot be
// an array of accounts, so they are spelled out; test/evm/multisig/WorxMultisig.test.ts checks
// they are the local network's accounts.
export const LOCAL_OWNERS = [
  "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266",
  "0x70997970C51812dc3A010C7d01b50e0d17dc79C8",
  "0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC",
  "0x90F79bf6EB2c4f870365E785982E1f101E93b906",
  "0x15d34AAf54267DB7D7c367839AAf71A00a2C6A65",
] as const;

export default buildModule("Multisig", (m) => {
  const owners = m.getParameter<string[]>("owners", [...LOCAL_OWNERS]);
  const routineThreshold = m.getParameter("routineThreshold", 2);
  const criticalThreshold = m.getParameter("criticalThreshold", 3);
  const routineDelay = m.getParameter("routineDelay", 24 * 60 * 60);
  const criticalDelay = m.getParameter("criticalDelay", 48 * 60 * 60);
  const guardian = m.getParameter("guardian", m.getAccount(0));

  const worxMultisig = m.contract("WorxMultisig", [
    owners,
    routineThreshold,
    criticalThreshold,
    routineDelay,
    criticalDelay,
    guardian,
  ]);
  return { worxMultisig };
});
