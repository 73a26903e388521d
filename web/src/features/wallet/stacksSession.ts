/**
 * The connected Stacks address, kept in localStorage so the page knows it without loading
 * @stacks/connect (which is only imported, lazily, when the user connects or signs).
 */
import { useSyncExternalStore } from "react";

const KEY = "worx:stacks-address";
const listeners = new Set<() => void>();

function read(): string | null {
  try {
    return localStorage.getItem(KEY);
  } catch {
    return null;
  }
}

export function setStacksAddress(address: string | null): void {
  try {
    if (address) localStorage.setItem(KEY, address);
    else localStorage.removeItem(KEY);
  } catch {
    // storage unavailable: the session lasts for this page only
  }
  listeners.forEach((l) => l());
}

function subscribe(listener: () => void) {
  listeners.add(listener);
  const onStorage = (e: StorageEvent) => e.key === KEY && listener();
  window.addEventListener("storage", onStorage);
  return () => {
    listeners.delete(listener);
    window.removeEventListener("storage", onStorage);
  };
}

export function useStacksAddress(): string | null {
  return useSyncExternalStore(subscribe, read, () => null);
}
