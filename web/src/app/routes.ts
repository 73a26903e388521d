/** Hash routes: `#/` escrows on EVM chains, `#/stacks` escrows on Stacks (lazy-loaded). */
import { useSyncExternalStore } from "react";

export type Route = "escrows" | "stacks";

function current(): Route {
  return window.location.hash.replace(/^#\/?/, "").split(/[/?]/)[0] === "stacks" ? "stacks" : "escrows";
}

function subscribe(listener: () => void) {
  window.addEventListener("hashchange", listener);
  return () => window.removeEventListener("hashchange", listener);
}

export function useRoute(): Route {
  return useSyncExternalStore(subscribe, current, () => "escrows");
}

export const hrefOf = (route: Route) => (route === "stacks" ? "#/stacks" : "#/");
