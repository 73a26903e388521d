/**
 * The wagmi config: only the registry chains with a Worx deployment, one injected-wallet connector
 * through RainbowKit (no WalletConnect/Reown: nothing leaves the page until the user connects),
 * no EIP-6963 multi-provider discovery.
 */
import { connectorsForWallets } from "@rainbow-me/rainbowkit";
import { injectedWallet } from "@rainbow-me/rainbowkit/wallets";
import type { Chain } from "viem";
import { createClient, http } from "viem";
import { createConfig } from "wagmi";
import { chains as registry } from "../../../scripts/registry/chains.ts";
import { rpcUrlOf, supportedChains, toViemChain } from "./evm.ts";

const connectors = connectorsForWallets([{ groupName: "Installed", wallets: [injectedWallet] }], {
  appName: "Worx",
  // Required by the type; only WalletConnect-based wallets use it, and none is listed.
  projectId: "worx-no-walletconnect",
});

const deployed = supportedChains.map((c) => c.chain);
// Without any deployment the app still renders (with notices) on the local chain of the registry.
const local = registry.find((c) => c.local)!;
const chains = deployed.length > 0 ? deployed : [toViemChain(local, rpcUrlOf(local)!)];
const localIds = new Set(supportedChains.filter((c) => c.info.local).map((c) => c.chain.id));

export const wagmiConfig = createConfig({
  chains: chains as [Chain, ...Chain[]],
  connectors,
  multiInjectedProviderDiscovery: false,
  ssr: false,
  client({ chain }) {
    // Local chains mine instantly: poll receipts fast so confirmations show at once.
    return createClient({ chain, transport: http(), pollingInterval: localIds.has(chain.id) ? 250 : 4_000 });
  },
});


declare module "wagmi" {
  interface Register {
    config: typeof wagmiConfig;
  }
}
