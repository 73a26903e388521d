/**
 * The Stacks bridge on its own (indexer/stacks/): the observer endpoint's answers, the block
 * store's rules (idempotent, ordered, forks switch at the common ancestor, durable across a
 * restart) and the EVM facade Ponder reads (blocks, parent links, placeholders below the base,
 * logs with their filters and bloom, decoded back to the printed Clarity value). Payloads here are
 * built by hand to reach the edge cases; test/indexer/stacks.test.ts drives real simnet payloads
 * through Ponder.
 *
 *   npx tsx --test test/indexer/stacksBridge.test.ts
 */
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { Cl, deserializeCV, getAddressFromPrivateKey, makeContractCall, serializeCV, type ClarityValue } from "@stacks/transactions";
import { decodeEventLog, keccak256, toBytes, type Hex } from "viem";
import { clarityPrintAbi, stacksPseudoAddress } from "../../indexer/stacks/abi.ts";
import { ponderChainIdOfStacks } from "../../indexer/stacks/chains.ts";
import { placeholderHash } from "../../indexer/stacks/evm.ts";
import { CONTRACT_CALL_TOPIC, parseNewBlock, PayloadError } from "../../indexer/stacks/payload.ts";
import { startBridge, type Bridge } from "../../indexer/stacks/server.ts";

const PORT = 42094;
const ESCROW = "ST1PQHQKV0RJXZFY1DGX8MNSNYVE3VGZJSRTPGZGM.escrow";
const BADGES = "ST1PQHQKV0RJXZFY1DGX8MNSNYVE3VGZJSRTPGZGM.badges";
const h = (s: string) => `0x${createHash("sha256").update(s).digest("hex")}`;

interface Made {
  index_block_hash: string;
  parent_index_block_hash: string;
  block_hash: string;
  block_height: number;
  block_time: number;
  burn_block_time: number;
  transactions: unknown[];
  events: unknown[];
}

/** A block on `parent` (or a base block) printing `prints` (contract, tuple topic) in one transaction. */
function block(label: string, height: number, parent: Made | string, prints: [string, string][] = []): Made {
  const txid = h(`tx ${label}`);
  return {
    index_block_hash: h(`index ${label}`),
    parent_index_block_hash: typeof parent === "string" ? parent : parent.index_block_hash,
    block_hash: h(`block ${label}`),
    block_height: height,
    block_time: 1_700_000_000 + height * 10,
    burn_block_time: 1_700_000_000,
    transactions: prints.length ? [{ txid, tx_index: 0, status: "success", raw_tx: "0x00" }] : [],
    events: prints.map(([contract, topic], i) => ({
      txid,
      event_index: i,
      committed: true,
      type: "contract_event",
      contract_event: { contract_identifier: contract, topic: "print", raw_value: `0x${serializeCV(Cl.tuple({ topic: Cl.stringAscii(topic), n: Cl.uint(height) }))}` },
    })),
  };
}

describe("Stacks bridge: observer endpoint, block store, EVM facade", () => {
  let dir: string;
  let bridge: Bridge;
  const chainId = ponderChainIdOfStacks("devnet");
  const post = async (path: string, body: unknown) => {
    // connection: close — the test restarts the bridge on the same port; no stale keep-alive socket.
    const res = await fetch(`${bridge.url}${path}`, { method: "POST", headers: { "content-type": "application/json", connection: "close" }, body: typeof body === "string" ? body : JSON.stringify(body) });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };
  const rpc = async (method: string, ...params: unknown[]) => {
    const { body } = await post("/rpc", { jsonrpc: "2.0", id: 1, method, params });
    if (body.error) throw new Error((body.error as { message: string }).message);
    return body.result as any;
  };
  // base(10) - a(11) - a(12)        then the fork  base - b(11) - b(12) - b(13)
  const base = block("base", 10, h("outside"));
  const a11 = block("a11", 11, base, [[ESCROW, "escrow-created"]]);
  const a12 = block("a12", 12, a11, [[ESCROW, "escrow-funded"], [BADGES, "badge-claimed"]]);
  const b11 = block("b11", 11, base, [[ESCROW, "escrow-cancelled"]]);
  const b12 = block("b12", 12, b11);
  const b13 = block("b13", 13, b12, [[ESCROW, "withdrawn"]]);

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), "worx-stacks-bridge-"));
    bridge = await startBridge({ port: PORT, dbPath: join(dir, "store.sqlite"), chainId, log: () => {} });
  });
  after(async () => {
    await bridge.close();
    rmSync(dir, { recursive: true, force: true });
  });

  test("refuses malformed payloads with 400 and a message, acknowledges the other observer paths", async () => {
    for (const bad of ["{", { ...a11, index_block_hash: "0x12" }, { ...a11, block_height: -1 }, { ...a11, events: "x" }]) {
      const r = await post("/new_block", bad);
      assert.equal(r.status, 400);
      assert.equal(typeof r.body.error, "string");
    }
    for (const path of ["/new_burn_block", "/new_mempool_tx", "/drop_mempool_tx", "/new_microblocks", "/attachments/new"]) {
      assert.equal((await post(path, {})).status, 200, path);
    }
    assert.equal((await post("/nope", {})).status, 404);
    assert.equal(bridge.store.tip(), undefined, "nothing stored");
  });

  test("stores in order only: an unknown parent is 409 until the parent arrives; re-sends are no-ops", async () => {
    assert.deepEqual((await post("/new_block", base)).body.result, "base");
    assert.equal((await post("/new_block", a12)).status, 409);
    assert.equal((await post("/new_block", a11)).body.result, "extended");
    assert.equal((await post("/new_block", a12)).body.result, "extended");
    assert.equal((await post("/new_block", a11)).body.result, "duplicate");
    assert.equal((await post("/new_block", { ...block("bad", 14, a12) })).status, 400, "height must be parent + 1");
    assert.equal(bridge.store.tip()?.indexBlockHash, a12.index_block_hash);
  });

  test("serves blocks chained by parentHash, placeholders below the base, and logs by range and hash", async () => {
    assert.equal(await rpc("eth_chainId"), `0x${chainId.toString(16)}`);
    assert.equal(await rpc("eth_blockNumber"), "0xc");
    const latest = await rpc("eth_getBlockByNumber", "latest", true);
    assert.equal(latest.hash, a12.index_block_hash);
    assert.equal(latest.parentHash, a11.index_block_hash);
    assert.equal(latest.transactions[0].hash, (a12.events[0] as { txid: string }).txid);
    const b10 = await rpc("eth_getBlockByNumber", "0xa", false);
    assert.equal(b10.parentHash, placeholderHash(9), "the base links to the placeholder below it");
    const p9 = await rpc("eth_getBlockByHash", placeholderHash(9), false);
    assert.equal(p9.number, "0x9");
    assert.equal(p9.parentHash, placeholderHash(8));
    assert.equal(await rpc("eth_getBlockByNumber", "0xd", false), null, "nothing above the tip");

    const logs = await rpc("eth_getLogs", { fromBlock: "0x0", toBlock: "latest" });
    assert.equal(logs.length, 3);
    const escrowOnly = await rpc("eth_getLogs", { fromBlock: "0xa", toBlock: "0xc", address: stacksPseudoAddress(ESCROW) });
    assert.deepEqual(escrowOnly.map((l: { blockNumber: string }) => l.blockNumber), ["0xb", "0xc"]);
    const funded = await rpc("eth_getLogs", { blockHash: a12.index_block_hash, topics: [null, keccak256(toBytes("escrow-funded"))] });
    assert.equal(funded.length, 1);
    const decoded = decodeEventLog({ abi: clarityPrintAbi, data: funded[0].data as Hex, topics: funded[0].topics });
    assert.equal(decoded.args.contract, ESCROW);
    assert.equal(decoded.args.topic, "escrow-funded");
    assert.equal(decoded.args.value, (a12.events[0] as { contract_event: { raw_value: string } }).contract_event.raw_value);
    // The bloom holds the addresses and topics of the block's logs, as Ponder checks.
    const bloom = BigInt(latest.logsBloom);
    assert.notEqual(bloom, 0n);
    await assert.rejects(rpc("eth_call", { to: stacksPseudoAddress(ESCROW), data: "0x" }), /no EVM state/);
    await assert.rejects(rpc("eth_sendRawTransaction", "0x00"), /not served/);
    assert.deepEqual(bridge.unsupportedMethods(), ["eth_sendRawTransaction"]);
  });

  test("a fork switches the canonical chain at the common ancestor; orphans stay reachable by hash", async () => {
    const r = await post("/new_block", b11);
    assert.equal(r.body.result, "reorg", "the newest block becomes the tip");
    assert.equal(bridge.store.tip()?.indexBlockHash, b11.index_block_hash);
    assert.equal(await rpc("eth_getBlockByNumber", "0xc", false), null, "a12 is no longer canonical");
    assert.equal((await rpc("eth_getBlockByHash", a12.index_block_hash, false)).hash, a12.index_block_hash);
    await post("/new_block", b12);
    await post("/new_block", b13);
    // A block on the orphaned branch switches back (the node sends what it processed).
    const a13 = block("a13", 13, a12);
    assert.equal((await post("/new_block", a13)).body.result, "reorg");
    assert.equal((await rpc("eth_getBlockByNumber", "0xb", false)).hash, a11.index_block_hash);
    const a14 = block("a14", 14, a13);
    await post("/new_block", a14);
    const b14 = block("b14", 14, b13);
    assert.equal((await post("/new_block", b14)).body.result, "reorg");
    const chain = await Promise.all([11, 12, 13, 14].map(async (n) => (await rpc("eth_getBlockByNumber", `0x${n.toString(16)}`, false)).hash));
    assert.deepEqual(chain, [b11, b12, b13, b14].map((b) => b.index_block_hash));
    const logs = await rpc("eth_getLogs", { fromBlock: "0xa", toBlock: "latest" });
    assert.deepEqual(logs.map((l: { blockHash: string }) => l.blockHash), [b11.index_block_hash, b13.index_block_hash]);
  });

  test("the store survives a restart: same tip, same canonical chain, re-sends still no-ops", async () => {
    const tip = bridge.store.tip();
    await bridge.close();
    bridge = await startBridge({ port: PORT, dbPath: join(dir, "store.sqlite"), chainId, log: () => {} });
    assert.deepEqual(bridge.store.tip(), tip);
    assert.equal((await post("/new_block", b13)).body.result, "duplicate");
    assert.equal((await rpc("eth_getBlockByNumber", "0xb", false)).hash, b11.index_block_hash);
  });
});

describe("Stacks bridge payload: SIP-010 asset events as the token's transfer print", () => {
  const TOKEN = "ST1PQHQKV0RJXZFY1DGX8MNSNYVE3VGZJSRTPGZGM.dao-token";
  const [ALICE, BOB] = ["ST1SJ3DTE5DN7X54YDH5D64R3BCB6A2AG2ZQ8YPD5", "ST2CY5V39NHDPWSXMW9QDT3HC3GD6Q6XX4CFRK9AG"];
  const plain = (cv: ClarityValue): unknown =>
    cv.type === "tuple" ? Object.fromEntries(Object.entries(cv.value).map(([k, v]) => [k, plain(v)])) : cv.type === "some" ? plain(cv.value) : cv.type === "none" ? null : cv.type === "uint" ? BigInt(cv.value) : (cv as { value: unknown }).value;
  const ft = (type: string, index: number, data: Record<string, unknown>, txid = h("tx ft"), committed = true) => ({ txid, event_index: index, committed, type, [type]: { asset_identifier: `${TOKEN}::worx`, ...data } });

  test("mint, transfer and burn become {topic: transfer, from, to, value} prints of the token's contract, in event order", () => {
    const b = block("ft", 5, h("outside"), [[ESCROW, "escrow-created"]]);
    b.transactions.push({ txid: h("tx ft"), tx_index: 1, status: "success", raw_tx: "0x00" }, { txid: h("tx failed"), tx_index: 2, status: "abort_by_response", raw_tx: "0x00" });
    b.events.push(
      ft("ft_mint_event", 1, { recipient: BOB, amount: "300000000" }),
      ft("ft_transfer_event", 2, { sender: BOB, recipient: ALICE, amount: 5 }),
      ft("ft_burn_event", 3, { sender: ALICE, amount: "1" }),
      ft("ft_mint_event", 4, { recipient: BOB, amount: "7" }, h("tx ft"), false), // not committed
      ft("ft_mint_event", 0, { recipient: BOB, amount: "9" }, h("tx failed")), // its transaction failed
      { txid: h("tx ft"), event_index: 5, committed: true, type: "stx_transfer_event", stx_transfer_event: { sender: BOB, recipient: ALICE, amount: "1" } },
    );
    const parsed = parseNewBlock(b);
    assert.deepEqual(parsed.events.map((e) => [e.contract, e.eventIndex]), [[ESCROW, 0], [TOKEN, 1], [TOKEN, 2], [TOKEN, 3]]);
    assert.deepEqual(parsed.events.slice(1).map((e) => plain(deserializeCV(e.rawValue.slice(2)))), [
      { topic: "transfer", from: null, to: BOB, value: 300000000n },
      { topic: "transfer", from: BOB, to: ALICE, value: 5n },
      { topic: "transfer", from: ALICE, to: null, value: 1n },
    ]);
  });

  test("a malformed asset event is refused with a message", () => {
    const bad = (data: Record<string, unknown>, message: RegExp) => {
      const b = block("bad ft", 5, h("outside"));
      b.events.push({ txid: h("tx bad"), event_index: 0, committed: true, type: "ft_mint_event", ft_mint_event: data });
      assert.throws(() => parseNewBlock(b), (e: unknown) => e instanceof PayloadError && message.test(e.message));
    };
    bad({ asset_identifier: TOKEN, recipient: BOB, amount: "1" }, /asset_identifier must be ADDRESS.name::token/);
    bad({ asset_identifier: `${TOKEN}::worx`, recipient: "bob", amount: "1" }, /recipient must be a principal/);
    bad({ asset_identifier: `${TOKEN}::worx`, recipient: BOB, amount: "-1" }, /amount must be a decimal amount/);
  });
});

describe("Stacks bridge payload: SIP-009 asset events as the NFT's transfer print", () => {
  const BADGES_ID = "ST1PQHQKV0RJXZFY1DGX8MNSNYVE3VGZJSRTPGZGM.badges";
  const [ALICE, BOB] = ["ST1SJ3DTE5DN7X54YDH5D64R3BCB6A2AG2ZQ8YPD5", "ST2CY5V39NHDPWSXMW9QDT3HC3GD6Q6XX4CFRK9AG"];
  const nft = (type: string, index: number, data: Record<string, unknown>, txid = h("tx nft"), committed = true) => ({
    txid,
    event_index: index,
    committed,
    type,
    [type]: { asset_identifier: `${BADGES_ID}::worx-badge`, ...data },
  });
  const id = (n: number) => `0x${serializeCV(Cl.uint(n))}`;
  const plain = (cv: ClarityValue): unknown =>
    cv.type === "tuple" ? Object.fromEntries(Object.entries(cv.value).map(([k, v]) => [k, plain(v)])) : cv.type === "some" ? plain(cv.value) : cv.type === "none" ? null : cv.type === "uint" ? BigInt(cv.value) : (cv as { value: unknown }).value;

  test("mint, transfer and burn become {topic: transfer, from, to, token-id} prints of the NFT's contract; uncommitted and failed ones are dropped", () => {
    const b = block("nft", 5, h("outside"));
    b.transactions.push({ txid: h("tx nft"), tx_index: 0, status: "success", raw_tx: "0x00" }, { txid: h("tx nft failed"), tx_index: 1, status: "abort_by_post_condition", raw_tx: "0x00" });
    b.events.push(
      nft("nft_mint_event", 0, { recipient: ALICE, raw_value: id(7) }),
      nft("nft_transfer_event", 1, { sender: ALICE, recipient: BOB, raw_value: id(7), value: { type: "uint", value: "7" } }),
      nft("nft_burn_event", 2, { sender: BOB, raw_value: id(7).slice(2) }), // without 0x, as some nodes send it
      nft("nft_mint_event", 3, { recipient: BOB, raw_value: id(8) }, h("tx nft"), false),
      nft("nft_mint_event", 0, { recipient: BOB, raw_value: id(9) }, h("tx nft failed")),
    );
    const parsed = parseNewBlock(b);
    assert.deepEqual(parsed.events.map((e) => [e.contract, e.eventIndex]), [[BADGES_ID, 0], [BADGES_ID, 1], [BADGES_ID, 2]]);
    assert.deepEqual(parsed.events.map((e) => plain(deserializeCV(e.rawValue.slice(2)))), [
      { topic: "transfer", from: null, to: ALICE, "token-id": 7n },
      { topic: "transfer", from: ALICE, to: BOB, "token-id": 7n },
      { topic: "transfer", from: BOB, to: null, "token-id": 7n },
    ]);
  });

  test("a malformed NFT event is refused with a message", () => {
    const bad = (data: Record<string, unknown>, message: RegExp) => {
      const b = block("bad nft", 5, h("outside"));
      b.events.push({ txid: h("tx bad"), event_index: 0, committed: true, type: "nft_transfer_event", nft_transfer_event: data });
      assert.throws(() => parseNewBlock(b), (e: unknown) => e instanceof PayloadError && message.test(e.message));
    };
    bad({ asset_identifier: BADGES_ID, sender: ALICE, recipient: BOB, raw_value: id(1) }, /asset_identifier must be ADDRESS.name::token/);
    bad({ asset_identifier: `${BADGES_ID}::worx-badge`, sender: "alice", recipient: BOB, raw_value: id(1) }, /sender must be a principal/);
    bad({ asset_identifier: `${BADGES_ID}::worx-badge`, sender: ALICE, recipient: BOB, raw_value: "0xzz" }, /raw_value must be a serialized Clarity value/);
  });
});

describe("Stacks bridge payload: a transaction's contract call as a print of the called contract", () => {
  const KEY = "753b7cc01a1a2e86221266a154af739463fce51219d97e4f856cd7200c3bd2a601";
  const FACTORY = "ST1PQHQKV0RJXZFY1DGX8MNSNYVE3VGZJSRTPGZGM.creator-factory";

  test("a successful contract call gets {topic: contract-call, function, args} after its events; failed calls and other transactions none", async () => {
    const args = [Cl.principal(`${FACTORY.split(".")[0]}.dave-coin`), Cl.stringAscii("Dave Coin"), Cl.list([Cl.uint(1), Cl.uint(2)])];
    const call = await makeContractCall({ contractAddress: FACTORY.split(".")[0]!, contractName: "creator-factory", functionName: "launch", functionArgs: args, senderKey: KEY, network: "testnet", fee: 0, nonce: 0 });
    const failed = await makeContractCall({ contractAddress: FACTORY.split(".")[0]!, contractName: "creator-factory", functionName: "launch", functionArgs: args, senderKey: KEY, network: "testnet", fee: 0, nonce: 1 });
    const b = block("call", 5, h("outside"), [[FACTORY, "coin-launched"]]);
    const txid = (b.events[0] as { txid: string }).txid;
    b.transactions = [
      { txid, tx_index: 0, status: "success", raw_tx: `0x${call.serialize()}` },
      { txid: h("tx failed call"), tx_index: 1, status: "abort_by_response", raw_tx: `0x${failed.serialize()}` },
      { txid: h("tx deploy"), tx_index: 2, status: "success", raw_tx: "0x00" },
    ];
    const parsed = parseNewBlock(b);
    assert.deepEqual(parsed.events.map((e) => [e.contract, e.txid]), [[FACTORY, txid], [FACTORY, txid]], "the call after the transaction's print");
    const printed = deserializeCV(parsed.events[1]!.rawValue.slice(2));
    assert.equal(printed.type, "tuple");
    const fields = (printed as { value: Record<string, ClarityValue> }).value;
    assert.deepEqual([fields.topic, fields.function], [Cl.stringAscii(CONTRACT_CALL_TOPIC), Cl.stringAscii("launch")]);
    assert.equal(fields.args!.type, "list");
    assert.deepEqual((fields.args as { value: { value: string }[] }).value.map((a) => deserializeCV(a.value)), args, "each argument, serialized");
    assert.equal(parsed.events[1]!.sender, getAddressFromPrivateKey(KEY, "testnet"));
  });
});
