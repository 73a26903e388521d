/** The connected EVM account and the deployed chain its actions target. */
import { useAccount } from "wagmi";
import { supportedChain, supportedChains, type SupportedChain } from "../../chains/evm.ts";

export interface EvmSession {
  address?: `0x${string}`;
  connected: boolean;
  /** The wallet's chain when it has a Worx deployment, else the first deployed chain. */
  chain?: SupportedChain;
  /** True when the wallet is on a chain without a Worx deployment. */
  wrongNetwork: boolean;
}

export function useEvmSession(): EvmSession {
  const { address, chainId, status } = useAccount();
  const connected = status === "connected";
  const onChain = supportedChain(chainId);
  return { address, connected, chain: onChain ?? supportedChains[0], wrongNetwork: connected && !onChain };
}
