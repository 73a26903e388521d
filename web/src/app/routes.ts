/**
 * Hash routes: `#/` escrows on EVM chains, `#/stacks` escrows on Stacks, `#/admin` the protocol's
 * admin console (the last two lazy-loaded).
 */
import { useSyncExternalStore } from "react";

export type Route = "escrows" | "stacks" | "admin";

function current(): Route {
  const first = window.location.hash.replace(/^#\/?/, "").split(/[/?]/)[0];
  return first === "stacks" || first === "admin" ? first : "escrows";
}

function subscribe(listener: () => void) {
  window.addEventListener("hashchange", listener);
  return () => window.removeEventListener("hashchange", listener);
}

export function useRoute(): Route {
  return useSyncExternalStore(subscribe, current, () => "escrows");
}

export const hrefOf = (route: Route) => (route === "escrows" ? "#/" : `#/${route}`);
