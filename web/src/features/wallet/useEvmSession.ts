/**
 * The connected EVM account and the deployed chain the pages show and act on: the wallet's chain
 * when connected (a switch in the wallet switches every page), else the chain picked in the
 * header's switcher (wagmi's own current chain), else the first deployed chain.
 */
import { useAccount, useChainId } from "wagmi";
import { supportedChain, supportedChains, type SupportedChain } from "../../chains/evm.ts";

export interface EvmSession {
  address?: `0x${string}`;
  connected: boolean;
  /** The wallet's chain when it has a Worx deployment, else (disconnected) the picked one, else the first deployed chain. */
  chain?: SupportedChain;
  /** The wallet's chain id as it reports it, deployed or not (undefined when disconnected). */
  walletChainId?: number;
  /** True when the wallet is on a chain without a Worx deployment. */
  wrongNetwork: boolean;
}

export function useEvmSession(): EvmSession {
  const { address, chainId, status } = useAccount();
  // wagmi's current chain: the connection's when connected, the last `switchChain` target otherwise.
  const picked = useChainId();
  const connected = status === "connected";
  const onChain = supportedChain(connected ? chainId : picked);
  return {
    address,
    connected,
    chain: onChain ?? supportedChains[0],
    walletChainId: connected ? chainId : undefined,
    wrongNetwork: connected && !onChain,
  };
}
