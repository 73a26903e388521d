/**
 * The EVM wallet button (RainbowKit, injected wallets only), the chain switcher of the header and
 * the notice shown when the wallet is on a chain without a Worx deployment.
 */
import { ConnectButton } from "@rainbow-me/rainbowkit";
import { useSwitchChain } from "wagmi";
import { supportedChains } from "../../chains/evm.ts";
import { useEvmSession } from "./useEvmSession.ts";

export function EvmWallet() {
  return (
    <div className="wallet-bar">
      <ChainSwitcher />
      {/* The chain is picked in ChainSwitcher (which also works before connecting): no second chain button. */}
      <ConnectButton label="Connect EVM wallet" accountStatus="address" chainStatus="none" showBalance={false} />
    </div>
  );
}

/**
 * Every deployed chain, the current one selected. Connected, picking one asks the wallet to switch
 * (pages follow once the wallet confirms); disconnected, it only changes what the pages show.
 * Hidden with a single deployed chain.
 */
export function ChainSwitcher() {
  const { chain, connected, wrongNetwork, walletChainId } = useEvmSession();
  const { switchChain, isPending, error, reset } = useSwitchChain();
  if (supportedChains.length < 2 && !wrongNetwork) return null;
  const value = wrongNetwork ? "unsupported" : (chain?.caip2 ?? "");
  return (
    <div className="chain-switcher">
      <label htmlFor="chain-switcher" className="sr-only">
        EVM chain
      </label>
      <select
        id="chain-switcher"
        data-testid="chain-switcher"
        value={value}
        disabled={isPending}
        aria-busy={isPending}
        aria-describedby={error ? "chain-switcher-error" : undefined}
        onChange={(e) => {
          const target = supportedChains.find((c) => c.caip2 === e.target.value);
          if (!target) return;
          reset();
          switchChain({ chainId: target.chain.id as never });
        }}
      >
        {wrongNetwork ? (
          <option value="unsupported" disabled>
            Chain {walletChainId} (no Worx)
          </option>
        ) : null}
        {supportedChains.map((c) => (
          <option key={c.caip2} value={c.caip2}>
            {c.info.name}
          </option>
        ))}
      </select>
      {error ? (
        <p className="field-error" id="chain-switcher-error" role="alert">
          {connected ? "The wallet did not switch" : "Could not switch"}: {error.message.split("\n")[0]}
        </p>
      ) : null}
    </div>
  );
}

/** Shown on every EVM page while the wallet is on a chain without a Worx deployment: one button per deployed chain. */
export function WrongNetworkNotice() {
  const { wrongNetwork, walletChainId } = useEvmSession();
  const { switchChain, isPending } = useSwitchChain();
  if (!wrongNetwork) return null;
  return (
    <p className="notice" role="alert" data-testid="wrong-network">
      Your wallet is on chain {walletChainId}, where Worx is not deployed: these pages show another chain's data and
      your wallet can't act on it. Switch to{" "}
      {supportedChains.map((c, i) => (
        <span key={c.caip2}>
          {i > 0 ? (i === supportedChains.length - 1 ? " or " : ", ") : null}
          <button type="button" className="link" disabled={isPending} data-testid={`switch-to-${c.caip2}`} onClick={() => switchChain({ chainId: c.chain.id as never })}>
            {c.info.name}
          </button>
        </span>
      ))}
      .
    </p>
  );
}
