/**
 * Stacks blocks as EVM JSON-RPC objects (what eth_getBlockByNumber / eth_getLogs return): number =
 * Stacks height, hash = index_block_hash, parentHash = parent_index_block_hash, timestamp = the
 * block's time; one synthetic transaction per Stacks transaction that printed (hash = txid) and
 * one `ClarityPrint` log (./abi.ts) per print event, in block order.
 */
import { ClarityType, deserializeCV } from "@stacks/transactions";
import { bytesToHex, encodeAbiParameters, encodeEventTopics, keccak256, numberToHex, toBytes, zeroAddress, zeroHash, type Hex } from "viem";
import { clarityPrintAbi, stacksPseudoAddress } from "./abi.ts";
import type { PrintEvent, StacksBlock } from "./payload.ts";

/** The 2048-bit logs bloom of the block's logs (addresses and topics), as an EVM node computes it. */
function logsBloom(logs: EvmLog[]): Hex {
  const bloom = new Uint8Array(256);
  for (const item of logs.flatMap((l) => [l.address, ...l.topics])) {
    const h = keccak256(item, "bytes");
    for (let i = 0; i < 6; i += 2) {
      const bit = ((h[i]! << 8) | h[i + 1]!) & 2047;
      bloom[255 - (bit >> 3)]! |= 1 << (bit & 7);
    }
  }
  return bytesToHex(bloom);
}
const hex = (n: number) => numberToHex(n);

/** The `topic` string of a printed tuple, or "" when the value is not a tuple with one. */
export function printTopic(rawValue: Hex): string {
  try {
    const cv = deserializeCV(rawValue.slice(2));
    if (cv.type !== ClarityType.Tuple) return "";
    const t = cv.value.topic;
    return t && (t.type === ClarityType.StringASCII || t.type === ClarityType.StringUTF8) ? t.value : "";
  } catch {
    return "";
  }
}

/** A principal's stand-in as an EVM `from`: the first 20 bytes of keccak256(principal). */
const senderAddress = (sender: string) => (sender ? stacksPseudoAddress(sender) : zeroAddress);

interface EvmTx {
  txid: Hex;
  index: number;
  from: Hex;
  to: Hex;
}

/** One synthetic transaction per Stacks transaction that printed, in block order. */
function transactionsOf(block: StacksBlock): Map<Hex, EvmTx> {
  const txs = new Map<Hex, EvmTx>();
  for (const e of block.events) {
    if (!txs.has(e.txid)) txs.set(e.txid, { txid: e.txid, index: txs.size, from: senderAddress(e.sender), to: stacksPseudoAddress(e.contract) });
  }
  return txs;
}

export interface EvmLog {
  address: Hex;
  topics: Hex[];
  data: Hex;
  blockNumber: Hex;
  blockHash: Hex;
  transactionHash: Hex;
  transactionIndex: Hex;
  logIndex: Hex;
  removed: false;
}

export function logsOf(block: StacksBlock): EvmLog[] {
  const txs = transactionsOf(block);
  return block.events.map((e: PrintEvent, i) => {
    const topic = printTopic(e.rawValue);
    return {
      address: stacksPseudoAddress(e.contract),
      topics: encodeEventTopics({ abi: clarityPrintAbi, eventName: "ClarityPrint", args: { topicHash: topic ? keccak256(toBytes(topic)) : zeroHash } }) as Hex[],
      data: encodeAbiParameters(
        [{ type: "string" }, { type: "string" }, { type: "string" }, { type: "bytes" }],
        [e.contract, topic, e.sender, e.rawValue],
      ),
      blockNumber: hex(block.height),
      blockHash: block.indexBlockHash,
      transactionHash: e.txid,
      transactionIndex: hex(txs.get(e.txid)!.index),
      logIndex: hex(i),
      removed: false,
    };
  });
}

export function evmBlock(block: StacksBlock, chainId: number, fullTransactions: boolean) {
  const txs = [...transactionsOf(block).values()];
  return {
    number: hex(block.height),
    hash: block.indexBlockHash,
    parentHash: block.parentIndexBlockHash,
    timestamp: hex(block.time),
    nonce: "0x0000000000000000",
    sha3Uncles: zeroHash,
    logsBloom: logsBloom(logsOf(block)),
    transactionsRoot: zeroHash,
    stateRoot: zeroHash,
    receiptsRoot: zeroHash,
    miner: zeroAddress,
    difficulty: "0x0",
    totalDifficulty: "0x0",
    extraData: block.blockHash, // the Stacks block hash (not the index hash), for reference
    size: "0x0",
    gasLimit: "0x0",
    gasUsed: "0x0",
    baseFeePerGas: "0x0",
    mixHash: zeroHash,
    uncles: [],
    transactions: fullTransactions
      ? txs.map((t) => ({
          hash: t.txid,
          blockHash: block.indexBlockHash,
          blockNumber: hex(block.height),
          transactionIndex: hex(t.index),
          from: t.from,
          to: t.to,
          input: "0x",
          value: "0x0",
          nonce: "0x0",
          gas: "0x0",
          gasPrice: "0x0",
          type: "0x0",
          chainId: hex(chainId),
          v: "0x0",
          r: "0x0",
          s: "0x0",
        }))
      : txs.map((t) => t.txid),
  };
}

/** Placeholder block hashes: 0x5354706c ("STpl") then the height, so the height reads back from the hash. */
export const PLACEHOLDER_PREFIX = "0x5354706c";
export const placeholderHash = (height: number): Hex => `${PLACEHOLDER_PREFIX}${height.toString(16).padStart(56, "0")}` as Hex;

/** An empty block standing for a height below the store's base (./rpc.ts). */
export function placeholderBlock(height: number, time: number, chainId: number, fullTransactions: boolean) {
  const parent = height === 0 ? zeroHash : placeholderHash(height - 1);
  return evmBlock({ indexBlockHash: placeholderHash(height), parentIndexBlockHash: parent, blockHash: zeroHash, height, time, events: [] }, chainId, fullTransactions);
}
