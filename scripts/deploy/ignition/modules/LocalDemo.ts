import { buildModule } from "@nomicfoundation/hardhat-ignition/modules";
import { demoRoles } from "../../../dev/accounts.ts";
import { LOCAL_REWARD_RATES } from "./Dao.ts";
import { buildProtocol, NATIVE_TOKEN } from "./Protocol.ts";

/**
 * Everything a local chain needs for the demo: a mintable stand-in for USDC (dUSD), then the
 * protocol administered by its multisig (./Protocol.ts: owners accounts 0..4, guardian and fee
 * recipient account 0), with new jobs allowed in the native coin and dUSD, account 5 appointed
 * arbiter and account 6 the badges' attester, and the DAO (./Dao.ts) with the local governance
 * settings (1 h voting delay, 1 day voting period, 100 WORX proposal threshold, 1 h timelock),
 * rewarding completed work with {@link LOCAL_REWARD_RATES} (1 WORX per dUSD, 2 000 WORX per ETH),
 * then the creator-coin DEX (./Dex.ts) on dUSD, account 6 its metrics reporter, the local default
 * pool parameters.
 * Public networks use their real stablecoins from scripts/registry/chains.ts (see
 * `protocolParameters` in ./Protocol.ts).
 *
 * The protocol is built inline (not as the "Protocol" submodule) because its allowlist needs the
 * dUSD deployed here; its parameters, if any are passed, go under "LocalDemo".
 */
export default buildModule("LocalDemo", (m) => {
  const demoStablecoin = m.contract("DemoStablecoin", ["Demo USD", "dUSD"]);
  const protocol = buildProtocol(m, {
    allowedTokens: [NATIVE_TOKEN, demoStablecoin],
    arbiters: [m.getAccount(demoRoles.arbiter)],
    attesters: [m.getAccount(demoRoles.attester)],
    rewardTokens: [NATIVE_TOKEN, demoStablecoin],
    rewardRates: [LOCAL_REWARD_RATES.native, LOCAL_REWARD_RATES.dUSD],
    dexBaseToken: demoStablecoin,
    metricsReporter: m.getAccount(demoRoles.attester),
  });
  return { ...protocol, demoStablecoin };
});
