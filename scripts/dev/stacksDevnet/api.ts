/**
 * A Stacks-API-shaped HTTP server over the devnet's simnet (./simnetChain.ts): the subset of the
 * stacks-node RPC (/v2/…) and the Hiro API (/extended/…) that the SPA, @stacks/transactions'
 * fetch helpers and a wallet broadcasting on a custom network use. Every answer allows any origin
 * (the SPA runs on another port).
 *
 *   GET  /v2/info, /extended                     chain tip (network id 2147483648: testnet/devnet)
 *   GET  /v2/accounts/:principal                 balance (hex) and next nonce
 *   GET  /extended/v1/address/:p/stx | balances | nonces
 *   POST /v2/contracts/call-read/:addr/:name/:fn read-only call (Clarity arguments as hex)
 *   GET  /v2/contracts/interface/:addr/:name, /v2/contracts/source/:addr/:name
 *   GET  /extended/v2/blocks[?limit&offset], /extended/v2/blocks/:height
 *   GET  /extended/v1/tx/:txid                   status of a mined transaction
 *   POST /v2/transactions                        broadcast a signed transaction ({"tx": hex} or raw
 *                                                bytes): mined at once in a block of its own;
 *                                                answers its txid, or 400 with the node's rejection
 *   GET  /v2/fees/transfer, POST /v2/fees/transaction  (the simnet charges no fees: minimal figures)
 *
 * Blocks mined on the simnet directly (tests that drive it without this API) are recorded as empty
 * blocks before any answer, so heights and times are the simnet's.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { Cl, cvToString, serializeCV } from "@stacks/transactions";
import { TxRejectedError, type NewBlockPayload, type SimnetChain, type TxRecord } from "./simnetChain.ts";

/** Testnet's (and devnet's) network id, as a node's /v2/info gives it. */
const NETWORK_ID = 2147483648;
/** Bitcoin regtest's magic, /v2/info's parent_network_id on a devnet. */
const PARENT_NETWORK_ID = 3669344250;
const MAX_BODY = 4 * 1024 * 1024;

export interface StacksApiOptions {
  port: number;
  host?: string;
  chain: SimnetChain;
  /** Runs before every request is answered (e.g. a test's wallet requests to execute first). */
  beforeRequest?: () => void | Promise<void>;
}

export interface StacksApi {
  url: string;
  close(): Promise<void>;
}

class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly body: unknown,
  ) {
    super(JSON.stringify(body));
  }
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY) throw new HttpError(413, { error: `body larger than ${MAX_BODY} bytes` });
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

const strip0x = (s: string) => s.replace(/^0x/, "");

/** A block as /extended/v2/blocks lists it. */
function blockJson(b: NewBlockPayload) {
  return {
    canonical: true,
    height: b.block_height,
    hash: b.index_block_hash,
    block_time: b.block_time,
    block_time_iso: new Date(b.block_time * 1000).toISOString(),
    index_block_hash: b.index_block_hash,
    parent_block_hash: b.parent_block_hash,
    parent_index_block_hash: b.parent_index_block_hash,
    burn_block_time: b.burn_block_time,
    burn_block_height: b.burn_block_height,
    tx_count: b.transactions.length,
  };
}

/** A transaction as /extended/v1/tx/:txid gives it. */
function txJson(t: TxRecord) {
  return {
    tx_id: t.txid,
    tx_status: t.status,
    tx_result: { hex: `0x${serializeCV(t.result)}`, repr: cvToString(t.result) },
    tx_type: t.kind,
    nonce: t.nonce,
    fee_rate: "0",
    sender_address: t.sender,
    sponsored: false,
    canonical: true,
    is_unanchored: false,
    block_height: t.blockHeight,
    block_hash: t.blockHash,
    index_block_hash: t.blockHash,
    block_time: t.blockTime,
    burn_block_time: t.blockTime,
    tx_index: 0,
    vm_error: t.vmError ?? t.postConditionViolation ?? null,
    ...(t.kind === "contract_call" ? { contract_call: { contract_id: t.contract, function_name: t.functionName } } : {}),
    ...(t.kind === "smart_contract" ? { smart_contract: { contract_id: t.contract } } : {}),
  };
}

export async function startStacksApi(o: StacksApiOptions): Promise<StacksApi> {
  const { chain } = o;
  const simnet = chain.simnet;

  const stx = (principal: string) => {
    const balance = chain.stxBalance(principal).toString();
    return { balance, locked: "0", total_sent: "0", total_received: "0", total_fees_sent: "0", total_miner_rewards_received: "0", lock_tx_id: "", lock_height: 0, burnchain_lock_height: 0, burnchain_unlock_height: 0 };
  };
  const fungibleTokens = (principal: string) => {
    const out: Record<string, { balance: string; total_sent: string; total_received: string }> = {};
    for (const [asset, balances] of simnet.getAssetsMap()) {
      const balance = balances.get(principal);
      // Asset keys: "STX", or ".contract.token" for the deployer's contracts, else "ADDR.contract.token".
      if (asset === "STX" || balance === undefined) continue;
      const full = asset.startsWith(".") ? `${chain.deployer}${asset}` : asset;
      const at = full.lastIndexOf(".");
      out[`${full.slice(0, at)}::${full.slice(at + 1)}`] = { balance: balance.toString(), total_sent: "0", total_received: "0" };
    }
    return out;
  };
  const tip = () => chain.blocks.at(-1)!;

  const routes: { method: string; path: RegExp; answer: (m: RegExpExecArray, req: IncomingMessage, url: URL) => Promise<unknown> | unknown }[] = [
    {
      method: "GET",
      path: /^\/v2\/info$/,
      answer: () => ({
        peer_version: 0,
        server_version: "worx-devnet (Clarinet SDK simnet)",
        network_id: NETWORK_ID,
        parent_network_id: PARENT_NETWORK_ID,
        burn_block_height: simnet.burnBlockHeight,
        stacks_tip_height: tip().block_height,
        stacks_tip: strip0x(tip().block_hash),
        index_block_hash: tip().index_block_hash,
        tenure_height: simnet.burnBlockHeight,
      }),
    },
    {
      method: "GET",
      path: /^\/extended\/?$/,
      answer: () => ({ server_version: "worx-devnet", status: "ready", chain_tip: { block_height: tip().block_height, block_hash: tip().block_hash, index_block_hash: tip().index_block_hash, burn_block_height: tip().burn_block_height } }),
    },
    {
      method: "GET",
      path: /^\/v2\/accounts\/([^/]+)$/,
      answer: (m) => ({
        balance: `0x${chain.stxBalance(m[1]!).toString(16).padStart(32, "0")}`,
        locked: `0x${"0".repeat(32)}`,
        unlock_height: 0,
        nonce: chain.nonce(m[1]!),
        balance_proof: "",
        nonce_proof: "",
      }),
    },
    { method: "GET", path: /^\/extended\/v1\/address\/([^/]+)\/stx$/, answer: (m) => stx(m[1]!) },
    { method: "GET", path: /^\/extended\/v1\/address\/([^/]+)\/balances$/, answer: (m) => ({ stx: stx(m[1]!), fungible_tokens: fungibleTokens(m[1]!), non_fungible_tokens: {} }) },
    {
      method: "GET",
      path: /^\/extended\/v1\/address\/([^/]+)\/nonces$/,
      answer: (m) => {
        const next = chain.nonce(m[1]!);
        return { last_mempool_tx_nonce: null, last_executed_tx_nonce: next > 0 ? next - 1 : null, possible_next_nonce: next, detected_missing_nonces: [], detected_mempool_nonces: [] };
      },
    },
    {
      method: "POST",
      path: /^\/v2\/contracts\/call-read\/([^/]+)\/([^/]+)\/([^/]+)$/,
      answer: async (m, req) => {
        const { sender, arguments: args } = JSON.parse((await readBody(req)).toString("utf8")) as { sender: string; arguments: string[] };
        try {
          const result = simnet.callReadOnlyFn(`${m[1]}.${m[2]}`, m[3]!, (args ?? []).map((hex) => Cl.deserialize(hex)), sender || chain.deployer).result;
          return { okay: true, result: `0x${serializeCV(result)}` };
        } catch (error) {
          return { okay: false, cause: String(error) };
        }
      },
    },
    {
      method: "GET",
      path: /^\/v2\/contracts\/interface\/([^/]+)\/([^/]+)$/,
      answer: (m) => simnet.getContractsInterfaces().get(`${m[1]}.${m[2]}`) ?? Promise.reject(new HttpError(404, { error: `no contract ${m[1]}.${m[2]}` })),
    },
    {
      method: "GET",
      path: /^\/v2\/contracts\/source\/([^/]+)\/([^/]+)$/,
      answer: (m) => {
        const source = simnet.getContractSource(`${m[1]}.${m[2]}`);
        if (source === undefined) throw new HttpError(404, { error: `no contract ${m[1]}.${m[2]}` });
        return { source, publish_height: 0, proof: "" };
      },
    },
    {
      method: "GET",
      path: /^\/extended\/v2\/blocks$/,
      answer: (_m, _req, url) => {
        const limit = Math.min(Math.max(Number(url.searchParams.get("limit") ?? 20) || 20, 1), 30);
        const offset = Math.max(Number(url.searchParams.get("offset") ?? 0) || 0, 0);
        const newestFirst = chain.blocks.slice().reverse();
        return { limit, offset, total: newestFirst.length, results: newestFirst.slice(offset, offset + limit).map(blockJson) };
      },
    },
    {
      method: "GET",
      path: /^\/extended\/v2\/blocks\/([^/]+)$/,
      answer: (m) => {
        const key = m[1]!.toLowerCase();
        const b = chain.blocks.find((x) => String(x.block_height) === key || x.index_block_hash === key || x.index_block_hash === `0x${key}`);
        if (!b) throw new HttpError(404, { error: `no block ${m[1]}` });
        return blockJson(b);
      },
    },
    {
      method: "GET",
      path: /^\/extended\/v1\/tx\/(?:0x)?([0-9a-fA-F]{64})$/,
      answer: (m) => {
        const t = chain.txs.get(`0x${m[1]!.toLowerCase()}`);
        if (!t) throw new HttpError(404, { error: `could not find transaction by ID 0x${m[1]}` });
        return txJson(t);
      },
    },
    {
      method: "POST",
      path: /^\/v2\/transactions$/,
      answer: async (_m, req) => {
        const body = await readBody(req);
        // @stacks/transactions 7 posts {"tx": hex}; older clients and wallets the raw bytes.
        const raw = (req.headers["content-type"] ?? "").includes("json") ? (JSON.parse(body.toString("utf8")) as { tx: string }).tx : new Uint8Array(body);
        try {
          return strip0x(chain.broadcast(raw).txid);
        } catch (error) {
          if (!(error instanceof TxRejectedError)) throw error;
          throw new HttpError(400, { error: "transaction rejected", reason: error.reason, reason_data: { message: error.message, ...error.reasonData } });
        }
      },
    },
    { method: "GET", path: /^\/v2\/fees\/transfer$/, answer: () => 1 },
    {
      method: "POST",
      path: /^\/v2\/fees\/transaction$/,
      answer: async (_m, req) => {
        await readBody(req);
        const cost = { read_count: 0, read_length: 0, runtime: 0, write_count: 0, write_length: 0 };
        return { estimated_cost: cost, estimated_cost_scalar: 1, cost_scalar_change_by_byte: 0, estimations: [180, 180, 180].map((fee) => ({ fee_rate: 1, fee })) };
      },
    },
    { method: "GET", path: /^\/extended\/v1\/tx\/mempool$/, answer: () => ({ limit: 20, offset: 0, total: 0, results: [] }) },
  ];

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const send = (status: number, json: unknown) => {
      res.writeHead(status, { "content-type": "application/json", "access-control-allow-origin": "*", "access-control-allow-headers": "*", "access-control-allow-methods": "GET, POST, OPTIONS" });
      res.end(JSON.stringify(json));
    };
    if (req.method === "OPTIONS") return send(204, {});
    await o.beforeRequest?.();
    chain.catchUp();
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    for (const route of routes) {
      const m = route.method === req.method ? route.path.exec(url.pathname) : null;
      if (!m) continue;
      try {
        return send(200, await route.answer(m, req, url));
      } catch (error) {
        if (error instanceof HttpError) return send(error.status, error.body);
        if (error instanceof SyntaxError) return send(400, { error: `bad JSON: ${error.message}` });
        throw error;
      }
    }
    return send(404, { error: `not served by the devnet: ${req.method} ${url.pathname}` });
  };

  const server: Server = createServer((req, res) => {
    handle(req, res).catch((error) => {
      if (!res.headersSent) res.writeHead(500, { "content-type": "application/json", "access-control-allow-origin": "*" });
      res.end(JSON.stringify({ error: String((error as Error).stack ?? error) }));
    });
  });
  const host = o.host ?? "127.0.0.1";
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(o.port, host, () => resolve());
  });
  let closing: Promise<void> | undefined;
  return {
    url: `http://${host}:${o.port}`,
    close: () =>
      (closing ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      })),
  };
}
