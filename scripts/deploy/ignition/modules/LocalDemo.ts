import { buildModule } from "@nomicfoundation/hardhat-ignition/modules";
import { demoRoles } from "../../../dev/accounts.ts";
import { buildProtocol, NATIVE_TOKEN } from "./Protocol.ts";

/**
 * Everything a local chain needs for the demo: a mintable stand-in for USDC (dUSD), then the
 * protocol administered by its multisig (./Protocol.ts: owners accounts 0..4, guardian and fee
 * recipient account 0), with new jobs allowed in the native coin and dUSD and account 5 appointed
 * arbiter. Public networks use their real stablecoins from scripts/registry/chains.ts (see
 * `protocolParameters` in ./Protocol.ts).
 *
 * The protocol is built inline (not as the "Protocol" submodule) because its allowlist needs the
 * dUSD deployed here; its parameters, if any are passed, go under "LocalDemo".
 */
export default buildModule("LocalDemo", (m) => {
  const demoStablecoin = m.contract("DemoStablecoin", ["Demo USD", "dUSD"]);
  const { milestoneEscrow, worxMultisig } = buildProtocol(m, {
    allowedTokens: [NATIVE_TOKEN, demoStablecoin],
    arbiters: [m.getAccount(demoRoles.arbiter)],
  });
  return { milestoneEscrow, worxMultisig, demoStablecoin };
});
