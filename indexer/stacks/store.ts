/**
 * The bridge's durable block store: every Stacks block received, keyed by index_block_hash, and
 * the canonical chain (height -> block) built from parent links.
 *
 * Storage: node:sqlite (built into Node 22, no native addon to install) in WAL mode with
 * `synchronous = FULL`: each accepted block is one transaction whose commit is fsync'ed before the
 * HTTP answer, so a block the node saw acknowledged survives a SIGKILL or a power cut, and a block
 * half-written when the process died is rolled back (the node then sends it again).
 *
 * Rules (`accept`):
 *  - a block already stored is a no-op (the node re-sends after a timeout or a restart): idempotent;
 *  - the first block of an empty store is the base of our view (the node sends from its own
 *    start; a bridge started on an existing chain starts there);
 *  - a block whose parent is unknown is refused (UnknownParentError): the node retries it, and
 *    the parent arrives first on a resumed stream, so blocks are always stored in order;
 *  - a block whose parent is the tip extends the canonical chain;
 *  - a block whose parent is known but not the tip is a fork: it becomes the tip, and the canonical
 *    chain switches to its branch at the common ancestor (blocks above it are orphaned, kept for
 *    lookups by hash, which is how Ponder walks back a reorg).
 */
import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { DatabaseSync } from "node:sqlite";
import type { PrintEvent, StacksBlock } from "./payload.ts";

export class UnknownParentError extends Error {}
export class InvalidBlockError extends Error {}

export type AcceptResult =
  | { kind: "duplicate"; block: StacksBlock }
  | { kind: "extended"; block: StacksBlock }
  | { kind: "base"; block: StacksBlock }
  | { kind: "reorg"; block: StacksBlock; ancestor: number; orphaned: string[] };

interface BlockRow {
  hash: string;
  parent: string;
  block_hash: string;
  height: number;
  time: number;
  events: string;
}

const toBlock = (r: BlockRow): StacksBlock => ({
  indexBlockHash: r.hash as `0x${string}`,
  parentIndexBlockHash: r.parent as `0x${string}`,
  blockHash: r.block_hash as `0x${string}`,
  height: r.height,
  time: r.time,
  events: JSON.parse(r.events) as PrintEvent[],
});

export class BlockStore {
  private readonly db: DatabaseSync;

  /** `path`: the SQLite file (its folder is created), or ":memory:". */
  constructor(path: string) {
    if (path !== ":memory:") mkdirSync(dirname(path), { recursive: true });
    this.db = new DatabaseSync(path);
    this.db.exec(`
      PRAGMA journal_mode = WAL;
      PRAGMA synchronous = FULL;
      CREATE TABLE IF NOT EXISTS block (
        hash TEXT PRIMARY KEY,
        parent TEXT NOT NULL,
        block_hash TEXT NOT NULL,
        height INTEGER NOT NULL,
        time INTEGER NOT NULL,
        events TEXT NOT NULL
      ) STRICT;
      CREATE INDEX IF NOT EXISTS block_height ON block (height);
      CREATE TABLE IF NOT EXISTS canonical (
        height INTEGER PRIMARY KEY,
        hash TEXT NOT NULL REFERENCES block (hash)
      ) STRICT;
    `);
  }

  close(): void {
    this.db.close();
  }

  byHash(hash: string): StacksBlock | undefined {
    const r = this.db.prepare("SELECT * FROM block WHERE hash = ?").get(hash.toLowerCase()) as BlockRow | undefined;
    return r && toBlock(r);
  }

  /** The canonical block at `height`, if any. */
  canonicalAt(height: number): StacksBlock | undefined {
    const r = this.db.prepare("SELECT b.* FROM canonical c JOIN block b ON b.hash = c.hash WHERE c.height = ?").get(height) as BlockRow | undefined;
    return r && toBlock(r);
  }

  /** Canonical blocks with `from <= height <= to`, in height order. */
  canonicalRange(from: number, to: number): StacksBlock[] {
    const rows = this.db.prepare("SELECT b.* FROM canonical c JOIN block b ON b.hash = c.hash WHERE c.height BETWEEN ? AND ? ORDER BY c.height").all(from, to) as unknown as BlockRow[];
    return rows.map(toBlock);
  }

  isCanonical(block: StacksBlock): boolean {
    return this.canonicalAt(block.height)?.indexBlockHash === block.indexBlockHash;
  }

  /** Lowest and highest canonical heights; undefined while the store is empty. */
  bounds(): { base: number; tip: number } | undefined {
    const r = this.db.prepare("SELECT MIN(height) AS base, MAX(height) AS tip FROM canonical").get() as { base: number | null; tip: number | null };
    return r.base === null || r.tip === null ? undefined : { base: r.base, tip: r.tip };
  }

  tip(): StacksBlock | undefined {
    const b = this.bounds();
    return b && this.canonicalAt(b.tip);
  }

  /** Stores a block by the rules above, in one durable transaction. */
  accept(block: StacksBlock): AcceptResult {
    this.db.exec("BEGIN IMMEDIATE");
    try {
      const result = this.acceptInTransaction(block);
      this.db.exec("COMMIT");
      return result;
    } catch (error) {
      this.db.exec("ROLLBACK");
      throw error;
    }
  }

  private insert(block: StacksBlock): void {
    this.db
      .prepare("INSERT INTO block (hash, parent, block_hash, height, time, events) VALUES (?, ?, ?, ?, ?, ?)")
      .run(block.indexBlockHash, block.parentIndexBlockHash, block.blockHash, block.height, block.time, JSON.stringify(block.events));
  }

  private setCanonical(height: number, hash: string): void {
    this.db.prepare("INSERT INTO canonical (height, hash) VALUES (?, ?) ON CONFLICT (height) DO UPDATE SET hash = excluded.hash").run(height, hash);
  }

  private acceptInTransaction(block: StacksBlock): AcceptResult {
    const known = this.byHash(block.indexBlockHash);
    if (known) return { kind: "duplicate", block: known };
    const bounds = this.bounds();
    if (!bounds) {
      this.insert(block);
      this.setCanonical(block.height, block.indexBlockHash);
      return { kind: "base", block };
    }
    const parent = this.byHash(block.parentIndexBlockHash);
    if (!parent) {
      throw new UnknownParentError(
        `unknown parent ${block.parentIndexBlockHash} of block ${block.indexBlockHash} at height ${block.height} (tip is at ${bounds.tip}): send the parent first`,
      );
    }
    if (block.height !== parent.height + 1) {
      throw new InvalidBlockError(`block ${block.indexBlockHash} has height ${block.height} but its parent is at ${parent.height}`);
    }
    this.insert(block);
    if (parent.height === bounds.tip && this.isCanonical(parent)) {
      this.setCanonical(block.height, block.indexBlockHash);
      return { kind: "extended", block };
    }
    // Fork: walk the new branch down to the canonical chain.
    const branch: StacksBlock[] = [block];
    let cursor = parent;
    while (!this.isCanonical(cursor)) {
      branch.push(cursor);
      const next = this.byHash(cursor.parentIndexBlockHash);
      if (!next) throw new InvalidBlockError(`block ${block.indexBlockHash} forks below the store's base (${bounds.base})`);
      cursor = next;
    }
    const ancestor = cursor.height;
    const orphaned = (this.db.prepare("SELECT hash FROM canonical WHERE height > ? ORDER BY height").all(ancestor) as { hash: string }[]).map((r) => r.hash);
    this.db.prepare("DELETE FROM canonical WHERE height > ?").run(ancestor);
    for (const b of branch.reverse()) this.setCanonical(b.height, b.indexBlockHash);
    return { kind: "reorg", block, ancestor, orphaned };
  }
}
