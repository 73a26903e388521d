import { buildModule } from "@nomicfoundation/hardhat-ignition/modules";
import ProtocolModule from "./Protocol.ts";

/**
 * Everything a local chain needs for the demo: the protocol administered by its multisig
 * (./Protocol.ts: owners accounts 0..4, guardian and fee recipient account 0) plus a mintable
 * stand-in for USDC. Public networks use their real stablecoins from scripts/registry/chains.ts.
 */
export default buildModule("LocalDemo", (m) => {
  const { milestoneEscrow, worxMultisig } = m.useModule(ProtocolModule);
  const demoStablecoin = m.contract("DemoStablecoin", ["Demo USD", "dUSD"]);
  return { milestoneEscrow, worxMultisig, demoStablecoin };
});
