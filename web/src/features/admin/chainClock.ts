/**
 * The chain's clock, ticking every second. Timelocks compare `block.timestamp` with an eta, so
 * countdowns run on chain time, not the browser's: now ≈ the latest block's timestamp plus the
 * time since that block was seen, and never less than the wall clock (an idle chain mines its next
 * block at wall-clock time at the earliest). A local node whose time was moved forward is followed.
 */
import { useEffect, useRef, useState } from "react";
import { useBlock } from "wagmi";

export function useChainNow(chainId: number): number {
  const { data: block } = useBlock({ chainId: chainId as never, watch: true });
  const seen = useRef<{ number: bigint; timestamp: number; at: number }>(undefined);
  if (block && block.number !== null && seen.current?.number !== block.number) {
    seen.current = { number: block.number, timestamp: Number(block.timestamp), at: Date.now() };
  }
  const [tick, setTick] = useState(() => Date.now());
  useEffect(() => {
    const id = setInterval(() => setTick(Date.now()), 1_000);
    return () => clearInterval(id);
  }, []);
  const wall = Math.floor(Math.max(tick, Date.now()) / 1000);
  const s = seen.current;
  return s ? Math.max(wall, Math.floor(s.timestamp + (Date.now() - s.at) / 1000)) : wall;
}
