/**
 * The EVM JSON-RPC facade over the block store: the subset of methods Ponder 0.16 calls on a chain
 * (chain id, head, blocks by number and hash, logs by range or block hash), answered from the
 * canonical chain (./store.ts) with the mapping of ./evm.ts. Everything else is an error: there is
 * no EVM state behind it (eth_call and friends have nothing to run).
 */
import { hexToNumber, isHex, type Hex } from "viem";
import { evmBlock, logsOf, PLACEHOLDER_PREFIX, placeholderBlock, placeholderHash, type EvmLog } from "./evm.ts";
import type { StacksBlock } from "./payload.ts";
import type { BlockStore } from "./store.ts";

export class RpcError extends Error {
  constructor(
    readonly code: number,
    message: string,
  ) {
    super(message);
  }
}

interface LogFilter {
  fromBlock?: string;
  toBlock?: string;
  blockHash?: string;
  address?: string | string[];
  topics?: (string | string[] | null)[];
}

/**
 * Heights below the store's first block (the base) are served as empty placeholder blocks, chained
 * to each other and to the base (whose presented parentHash is the placeholder below it; its real
 * parent is outside the store anyway). Ponder asks for them: it anchors its sync at
 * `latest - 30` (its finality window for unknown chains), which is below the base for the first
 * 30 blocks. The hash encodes the height (./evm.ts placeholderHash).
 */
const placeholderHeight = (hash: string): number | undefined =>
  hash.toLowerCase().startsWith(PLACEHOLDER_PREFIX) && hash.length === 66 ? Number.parseInt(hash.slice(10), 16) : undefined;

/** How many blocks eth_getLogs may span in one call (Ponder splits ranges on this error). */
export const MAX_LOG_RANGE = 10_000;

export class RpcFacade {
  constructor(
    private readonly store: BlockStore,
    readonly chainId: number,
    private readonly onUnknown: (method: string) => void = () => {},
  ) {}

  private tipOrFail(): StacksBlock {
    const tip = this.store.tip();
    if (!tip) throw new RpcError(-32000, "the Stacks bridge has no block yet: waiting for the node's first /new_block");
    return tip;
  }

  /**
   * A block tag or number as a height. "safe" and "finalized" are the tip: the bridge has no
   * finality of its own (Ponder keeps its own reorg window and does not ask for them).
   */
  private height(tag: unknown): number {
    if (tag === "latest" || tag === "safe" || tag === "finalized" || tag === "pending" || tag === undefined) return this.tipOrFail().height;
    if (tag === "earliest") return this.store.bounds()?.base ?? 0;
    if (typeof tag === "string" && isHex(tag)) return hexToNumber(tag as Hex);
    throw new RpcError(-32602, `invalid block tag ${JSON.stringify(tag)}`);
  }

  /** The block at `height` as the facade presents it: canonical, placeholder below the base, or null. */
  private blockAt(height: number, full: boolean): unknown {
    const bounds = this.store.bounds();
    if (!bounds) return null;
    if (height < bounds.base) {
      const base = this.store.canonicalAt(bounds.base)!;
      return placeholderBlock(height, base.time, this.chainId, full);
    }
    const b = this.store.canonicalAt(height);
    return b ? this.present(b, full, bounds.base) : null;
  }

  private present(b: StacksBlock, full: boolean, base: number): unknown {
    const block = evmBlock(b, this.chainId, full);
    return b.height === base ? { ...block, parentHash: placeholderHash(base - 1) } : block;
  }

  private logs(filter: LogFilter): EvmLog[] {
    let blocks: StacksBlock[];
    if (filter.blockHash) {
      if (placeholderHeight(filter.blockHash) !== undefined) return [];
      const b = this.store.byHash(filter.blockHash);
      if (!b) throw new RpcError(-32000, `unknown block ${filter.blockHash}`);
      blocks = [b];
    } else {
      const from = this.height(filter.fromBlock ?? "latest");
      const to = this.height(filter.toBlock ?? "latest");
      if (to < from) return [];
      if (to - from + 1 > MAX_LOG_RANGE) throw new RpcError(-32005, `query exceeds max block range ${MAX_LOG_RANGE}`);
      blocks = this.store.canonicalRange(from, to);
    }
    const addresses = filter.address === undefined ? undefined : (Array.isArray(filter.address) ? filter.address : [filter.address]).map((a) => a.toLowerCase());
    const topics = filter.topics ?? [];
    return blocks
      .flatMap(logsOf)
      .filter(
        (log) =>
          (!addresses || addresses.includes(log.address.toLowerCase())) &&
          topics.every((want, i) => want === null || want === undefined || (Array.isArray(want) ? want : [want]).some((t) => t.toLowerCase() === log.topics[i]?.toLowerCase())),
      );
  }

  call(method: string, params: unknown[]): unknown {
    switch (method) {
      case "eth_chainId":
        return `0x${this.chainId.toString(16)}`;
      case "net_version":
        return String(this.chainId);
      case "web3_clientVersion":
        return "worx-stacks-bridge";
      case "eth_blockNumber":
        return `0x${this.tipOrFail().height.toString(16)}`;
      case "eth_getBlockByNumber":
        return this.blockAt(this.height(params[0]), params[1] === true);
      case "eth_getBlockByHash": {
        if (typeof params[0] !== "string") throw new RpcError(-32602, "eth_getBlockByHash: expected a block hash");
        const bounds = this.store.bounds();
        const below = placeholderHeight(params[0]);
        if (below !== undefined) return bounds && below < bounds.base ? this.blockAt(below, params[1] === true) : null;
        const b = this.store.byHash(params[0]);
        return b && bounds ? this.present(b, params[1] === true, bounds.base) : null;
      }
      case "eth_getLogs":
        return this.logs((params[0] ?? {}) as LogFilter);
      case "eth_call":
      case "eth_estimateGas":
      case "eth_getCode":
      case "eth_getBalance":
      case "eth_getStorageAt":
        throw new RpcError(-32000, `${method}: the Stacks bridge has no EVM state (read Clarity state through a Stacks API)`);
      default:
        this.onUnknown(method);
        throw new RpcError(-32601, `method ${method} is not served by the Stacks bridge`);
    }
  }
}
