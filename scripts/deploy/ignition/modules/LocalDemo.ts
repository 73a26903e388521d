import { buildModule } from "@nomicfoundation/hardhat-ignition/modules";
import EscrowModule from "./Escrow.ts";

/**
 * Everything a local chain needs for the demo: the protocol plus a mintable stand-in for USDC.
 * Public networks use their real stablecoins from scripts/registry/chains.ts instead.
 */
export default buildModule("LocalDemo", (m) => {
  const { milestoneEscrow } = m.useModule(EscrowModule);
  const demoStablecoin = m.contract("DemoStablecoin", ["Demo USD", "dUSD"]);
  return { milestoneEscrow, demoStablecoin };
});
