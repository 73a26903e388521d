import { buildModule } from "@nomicfoundation/hardhat-ignition/modules";
import type { IgnitionModuleBuilder } from "@nomicfoundation/ignition-core";

/**
 * WorxMultisig: the M-of-N owner multisig with a timelock that administers the protocol.
 * Parameters (per network, in a JSON file passed with `--parameters`):
 *  - `owners`: the owner addresses (distinct, at most 20);
 *  - `routineThreshold` / `criticalThreshold`: owners needed per operation class;
 *  - `routineDelay` / `criticalDelay`: timelock per class, in seconds (1 hour .. 30 days);
 *  - `guardian`: may only pause contracts marked pausable (zero address = none);
 *  - `classes`: initial `{target, selector, opClass}` entries (opClass 0 Critical, 1 Routine:
 *    OPERATION_CLASS in scripts/dev/multisigOps.ts);
 *    anything not listed is Critical;
 *  - `pausableTargets`: contracts (already deployed) the guardian may pause.
 * Local defaults: the first five accounts of Hardhat's default mnemonic as owners, 2-of-5 for
 * Routine and 3-of-5 for Critical operations, 24 h / 48 h, account 0 as guardian, no classes and
 * no pausable targets. ON A REAL NETWORK, SET EVERY PARAMETER: the default owners are public keys.
 *
 * This module deploys the multisig alone. The protocol's wiring (the escrow deployed, the multisig
 * configured for it and given the escrow's roles) is the Protocol module (./Protocol.ts).
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

/** One entry of the constructor's initial class configuration (IWorxMultisig.ClassConfig). */
// A type alias, not an interface: Ignition parameters must be index-signature compatible.
export type ClassConfig = {
  target: string;
  selector: string;
  opClass: number;
};

/**
 * The owners, thresholds, delays and guardian as module parameters of `m` (with the local
 * defaults above): the first six constructor arguments of WorxMultisig. Shared with Protocol.ts,
 * whose parameters carry the same names.
 */
export function multisigPolicyArgs(m: IgnitionModuleBuilder) {
  return [
    m.getParameter<string[]>("owners", [...LOCAL_OWNERS]),
    m.getParameter("routineThreshold", 2),
    m.getParameter("criticalThreshold", 3),
    m.getParameter("routineDelay", 24 * 60 * 60),
    m.getParameter("criticalDelay", 48 * 60 * 60),
    m.getParameter("guardian", m.getAccount(0)),
  ] as const;
}

export default buildModule("Multisig", (m) => {
  const classes = m.getParameter<ClassConfig[]>("classes", []);
  const pausableTargets = m.getParameter<string[]>("pausableTargets", []);
  const worxMultisig = m.contract("WorxMultisig", [...multisigPolicyArgs(m), classes, pausableTargets]);
  return { worxMultisig };
});
