/**
 * The creator-coin template every creator deploys a copy of: the exact bytes of
 * clarity/contracts/dex/creator-coin.clar, bundled by Vite as a raw string (never a hand copy), so
 * the copy's `contract-hash?` is the one creator-factory `launch` accepts. Its fungible token name
 * is what post-conditions on any launched coin name.
 */
import source from "../../../../../clarity/contracts/dex/creator-coin.clar?raw";
import { fungibleTokenName } from "./calls.ts";

export const COIN_TEMPLATE_SOURCE: string = source;
export const COIN_ASSET_NAME = fungibleTokenName(source);
