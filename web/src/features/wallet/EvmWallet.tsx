/** The EVM wallet button (RainbowKit, injected wallets only) and a wrong-network notice. */
import { ConnectButton } from "@rainbow-me/rainbowkit";
import { useSwitchChain } from "wagmi";
import { useEvmSession } from "./useEvmSession.ts";

export function EvmWallet() {
  return <ConnectButton label="Connect EVM wallet" accountStatus="address" chainStatus="icon" showBalance={false} />;
}

export function WrongNetworkNotice() {
  const { wrongNetwork, chain } = useEvmSession();
  const { switchChain, isPending } = useSwitchChain();
  if (!wrongNetwork || !chain) return null;
  return (
    <p className="notice" role="alert">
      Your wallet is on a network without Worx.{" "}
      <button type="button" className="link" disabled={isPending} onClick={() => switchChain({ chainId: chain.chain.id as never })}>
        Switch to {chain.info.name}
      </button>
    </p>
  );
}
