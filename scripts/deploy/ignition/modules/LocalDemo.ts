import { buildModule } from "@nomicfoundation/hardhat-ignition/modules";
import { demoRoles } from "../../../dev/accounts.ts";
import { buildProtocol, NATIVE_TOKEN } from "./Protocol.ts";

/**
 * Everything a local chain needs for the demo: a mintable stand-in for USDC (dUSD), then the
 * protocol administered by its multisig (./Protocol.ts: owners accounts 0..4, guardian and fee
 * recipient account 0), with new jobs allowed in the native coin and dUSD, account 5 appointed
 * arbiter and account 6 the badges' attester (WorxBadges, the escrow's fee-discount source).
 * Public networks use their real stablecoins from scripts/registry/chains.ts (see
 * `protocolParameters` in ./Protocol.ts).
 *
 * The protocol is built inline (not as the "Protocol" submodule) because its allowlist needs the
 * dUSD deployed here; its parameters, if any are passed, go under "LocalDemo".
 */
export default buildModule("LocalDemo", (m) => {
  const demoStablecoin = m.contract("DemoStablecoin", ["Demo USD", "dUSD"]);
  const { milestoneEscrow, worxBadges, worxMultisig } = buildProtocol(m, {
    allowedTokens: [NATIVE_TOKEN, demoStablecoin],
    arbiters: [m.getAccount(demoRoles.arbiter)],
    attesters: [m.getAccount(demoRoles.attester)],
  });
  return { milestoneEscrow, worxBadges, worxMultisig, demoStablecoin };
});
