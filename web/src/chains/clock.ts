/**
 * The chain's clock, ticking every second. Timelocks, review and grace periods compare
 * `block.timestamp` with a deadline, so countdowns run on chain time, not the browser's: now ≈ the
 * latest block's timestamp plus the time since that block was seen, and never less than the wall
 * clock (an idle chain mines its next block at wall-clock time at the earliest). A local node whose
 * time was moved forward is followed.
 *
 * One block watcher and one ticker per chain, shared by every component that reads the clock (a
 * list of escrow cards would otherwise poll the node once per card).
 */
import { useCallback, useSyncExternalStore } from "react";
import { useConfig, type Config } from "wagmi";
import { watchBlocks } from "wagmi/actions";

interface Clock {
  seen?: { number: bigint; timestamp: number; at: number };
  now: number;
  listeners: Set<() => void>;
  stop?: () => void;
}

const clocks = new Map<number, Clock>();
const wallNow = () => Math.floor(Date.now() / 1000);

function compute(c: Clock): number {
  const wall = wallNow();
  return c.seen ? Math.max(wall, Math.floor(c.seen.timestamp + (Date.now() - c.seen.at) / 1000)) : wall;
}

function clockOf(chainId: number): Clock {
  let c = clocks.get(chainId);
  if (!c) clocks.set(chainId, (c = { now: wallNow(), listeners: new Set() }));
  return c;
}

function update(c: Clock) {
  const now = compute(c);
  if (now === c.now) return;
  c.now = now;
  c.listeners.forEach((l) => l());
}

function subscribe(config: Config, chainId: number, listener: () => void): () => void {
  const c = clockOf(chainId);
  c.listeners.add(listener);
  if (!c.stop) {
    let unwatch = () => {};
    try {
      unwatch = watchBlocks(config, {
        chainId: chainId as never,
        emitOnBegin: true,
        onBlock(block) {
          if (block.number === null || c.seen?.number === block.number) return;
          c.seen = { number: block.number, timestamp: Number(block.timestamp), at: Date.now() };
          update(c);
        },
      });
    } catch {
      // a chain this app has no RPC for: the wall clock it is
    }
    const ticker = setInterval(() => update(c), 1_000);
    c.stop = () => {
      unwatch();
      clearInterval(ticker);
    };
  }
  return () => {
    c.listeners.delete(listener);
    if (c.listeners.size === 0) {
      c.stop?.();
      c.stop = undefined;
    }
  };
}

/** The chain's current time, in seconds, re-rendering every second. */
export function useChainNow(chainId: number): number {
  const config = useConfig();
  const sub = useCallback((listener: () => void) => subscribe(config, chainId, listener), [config, chainId]);
  const snapshot = useCallback(() => clockOf(chainId).now, [chainId]);
  return useSyncExternalStore(sub, snapshot, snapshot);
}
