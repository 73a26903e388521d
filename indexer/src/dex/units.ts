/**
 * Coin units, free of Ponder imports so the API (src/api) can share them with the handlers.
 */

/** One whole coin of an EVM CreatorCoin (18 decimals). */
export const ONE_COIN = 10n ** 18n;

/** One whole coin on a chain: EVM CreatorCoins have 18 decimals, the Stacks template (creator-coin.clar) 6. */
export const oneCoinOn = (chainId: string): bigint => (chainId.startsWith("stacks:") ? 10n ** 6n : ONE_COIN);
