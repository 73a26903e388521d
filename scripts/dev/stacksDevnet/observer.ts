/**
 * The devnet's event-observer client: what a stacks-node's event dispatcher does for an
 * `[[events_observer]]`, delivering every block the devnet mines to the bridge's `POST /new_block`,
 * in order, one at a time, retrying until it is accepted (the node never skips a delivery):
 *  - 200: delivered, next block;
 *  - 409 (the bridge lacks the parent: it restarted on a database behind this chain, or joined
 *    late): the bridge's tip (GET /health) says where it is, delivery resumes after that block,
 *    or from the first block when the tip is not one of ours;
 *  - no answer or another status (the bridge is down or restarting): the same block again after a
 *    back-off (250 ms doubling up to 5 s).
 */
import type { NewBlockPayload } from "./simnetChain.ts";

export interface ObserverStats {
  /** Blocks accepted by the bridge (re-deliveries included). */
  delivered: number;
  /** 409 answers (resynchronisations from the bridge's tip). */
  conflicts: number;
  /** Failed attempts (no answer, another status). */
  failures: number;
}

export class ObserverFeed {
  readonly stats: ObserverStats = { delivered: 0, conflicts: 0, failures: 0 };
  /** Index in `blocks()` of the next block to deliver. */
  private next = 0;
  private running?: Promise<void>;
  private closed = false;
  private paused = false;
  private wake?: () => void;
  private waiters: (() => void)[] = [];
  private lastError = "";

  constructor(
    readonly bridgeUrl: string,
    /** The chain's blocks, in order (grows as the devnet mines). */
    private readonly blocks: () => readonly NewBlockPayload[],
    private readonly log: (line: string) => void = () => {},
  ) {}

  /** Starts (or wakes) delivery: call after a block is mined. */
  notify(): void {
    if (this.closed) return;
    this.wake?.();
    this.running ??= this.loop().finally(() => (this.running = undefined));
  }

  /** Stops delivering after the block in flight (a node whose observer is unreachable keeps the rest). */
  pause(): void {
    this.paused = true;
  }

  resume(): void {
    this.paused = false;
    this.notify();
  }

  /** Resolves once every block mined so far is accepted by the bridge. */
  synced(timeoutMs = 60_000): Promise<void> {
    if (this.next >= this.blocks().length) return Promise.resolve();
    this.notify();
    return new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`the bridge ${this.bridgeUrl} did not take block ${this.next}/${this.blocks().length} within ${timeoutMs} ms${this.lastError ? `: ${this.lastError}` : ""}`)), timeoutMs);
      this.waiters.push(() => {
        clearTimeout(timer);
        resolve();
      });
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    this.wake?.();
    await this.running;
  }

  private async loop(): Promise<void> {
    let backoff = 250;
    while (!this.closed && !this.paused && this.next < this.blocks().length) {
      const block = this.blocks()[this.next]!;
      const status = await this.post(block);
      if (status === 200) {
        this.stats.delivered++;
        this.next++;
        backoff = 250;
        if (this.next >= this.blocks().length) for (const w of this.waiters.splice(0)) w();
        continue;
      }
      if (status === 409) {
        this.stats.conflicts++;
        const from = await this.resumeIndex();
        if (from !== undefined && from !== this.next) {
          this.log(`[stacks-devnet] the bridge is at block ${from - 1 >= 0 ? this.blocks()[from - 1]?.block_height : "none"}: delivering from ${this.blocks()[from]?.block_height}`);
          this.next = from;
          continue;
        }
      } else this.stats.failures++;
      // Quiet on the first failures (e.g. a kept-alive connection the bridge closed meanwhile).
      if (backoff === 1_000 || backoff === 5_000) this.log(`[stacks-devnet] block ${block.block_height} not delivered to ${this.bridgeUrl} (${this.lastError}); retrying`);
      await this.sleep(backoff);
      backoff = Math.min(backoff * 2, 5_000);
    }
  }

  /** POST /new_block: the status, or 0 when the bridge did not answer. */
  private async post(block: NewBlockPayload): Promise<number> {
    try {
      const res = await fetch(`${this.bridgeUrl}/new_block`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(block) });
      const text = await res.text();
      if (res.status !== 200) this.lastError = `${res.status} ${text}`;
      return res.status;
    } catch (error) {
      this.lastError = String((error as Error).cause ?? error);
      return 0;
    }
  }

  /** Where to deliver from after a 409: after the bridge's tip when it is one of ours, else from the start. */
  private async resumeIndex(): Promise<number | undefined> {
    try {
      const res = await fetch(`${this.bridgeUrl}/health`);
      const { tip } = (await res.json()) as { tip: { height: number; hash: string } | null };
      if (!tip) return 0;
      const at = this.blocks().findIndex((b) => b.index_block_hash === tip.hash);
      if (at >= 0) return at + 1;
      // The bridge holds another chain (an older devnet run): it will refuse ours until it is
      // started on a fresh database.
      this.lastError = `the bridge's tip ${tip.height} ${tip.hash} is not a block of this devnet (start the bridge on a fresh database)`;
      return 0;
    } catch {
      return undefined;
    }
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, ms);
      this.wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }
}
