/**
 * Hash routes: `#/` escrows on EVM chains, `#/escrow/<caip2>/<id>` one EVM escrow (its timeline,
 * settlement offers: `?offer=…`, review requests: `?review=<milestone>`), `#/arbiter` open disputes,
 * `#/stacks` escrows on Stacks, `#/admin` the protocol's admin console, `#/profile/<address>` a
 * freelancer's work history and badges (default: the connected account), `#/badges` every badge,
 * `#/leaderboard` freelancers ranked, `#/dao` the DAO's proposals (`#/dao/proposal/<caip2>/<id>` one
 * proposal, `#/dao/new` the proposal builder, `#/dao/treasury` the treasury), `#/staking` WORX:
 * delegation, staking, rewards; `#/creators` creator coins (`#/creator/<caip2>/<handle or id>` one
 * creator, `#/trade/<caip2>/<coin>` one coin's market), `#/portfolio` my creator coins. Everything but
 * the list is lazy-loaded.
 */
import { useSyncExternalStore } from "react";

export type Route =
  | "escrows"
  | "escrow"
  | "arbiter"
  | "stacks"
  | "admin"
  | "profile"
  | "badges"
  | "leaderboard"
  | "dao"
  | "staking"
  | "creators"
  | "creator"
  | "trade"
  | "portfolio";

export interface Location {
  route: Route;
  /** Path segments after the route name (`["eip155:31337", "7"]` for `#/escrow/eip155:31337/7`). */
  params: string[];
  query: URLSearchParams;
}

const named: readonly Route[] = ["escrow", "arbiter", "stacks", "admin", "profile", "badges", "leaderboard", "dao", "staking", "creators", "creator", "trade", "portfolio"];

function parse(hash: string): Location {
  const body = hash.replace(/^#\/?/, "");
  const [path = "", search = ""] = body.split("?", 2) as [string?, string?];
  const [first = "", ...params] = path.split("/").filter(Boolean).map(decodeURIComponent);
  const route = (named as readonly string[]).includes(first) ? (first as Route) : "escrows";
  return { route, params, query: new URLSearchParams(search) };
}

// useSyncExternalStore compares snapshots by identity: cache the parsed location per hash.
let cachedHash: string | undefined;
let cached: Location = parse("");
function snapshot(): Location {
  const hash = window.location.hash;
  if (hash !== cachedHash) {
    cachedHash = hash;
    cached = parse(hash);
  }
  return cached;
}

function subscribe(listener: () => void) {
  window.addEventListener("hashchange", listener);
  return () => window.removeEventListener("hashchange", listener);
}

export function useLocation(): Location {
  return useSyncExternalStore(subscribe, snapshot, () => cached);
}

export function useRoute(): Route {
  return useLocation().route;
}

export const hrefOf = (route: Route) => (route === "escrows" ? "#/" : `#/${route}`);

/** Link to one EVM escrow's page; `query` adds e.g. `offer` or `review`. */
export function escrowHref(caip2: string, escrowId: bigint | number | string, query?: Record<string, string>): string {
  const search = query ? `?${new URLSearchParams(query).toString()}` : "";
  return `#/escrow/${caip2}/${escrowId}${search}`;
}

/** Link to a freelancer's profile (work history, badges, claims). */
export const profileHref = (address: string) => `#/profile/${address}`;

/** The same link as an absolute URL, to share with the other party. */
export function absoluteHref(hash: string): string {
  const { origin, pathname, search } = window.location;
  return `${origin}${pathname}${search}${hash}`;
}

/** Link to one DAO proposal's page. */
export const proposalHref = (caip2: string, proposalId: bigint | string) => `#/dao/proposal/${caip2}/${proposalId}`;
