/**
 * The Stacks bridge's HTTP server, one port for both sides:
 *  - the stacks-node event observer (`[[events_observer]] endpoint = "host:port"`,
 *    `events_keys = ["*"]`): POST /new_block is stored (./store.ts); the node's other deliveries
 *    (/new_burn_block, /new_mempool_tx, /drop_mempool_tx, /new_microblocks, /attachments/new, …)
 *    are acknowledged and dropped: rows come from anchored blocks only, so unconfirmed microblock
 *    transactions are never indexed until a block confirms them (a microblock fork costs nothing);
 *  - the EVM JSON-RPC facade for Ponder (./rpc.ts): POST / or /rpc, single or batch requests;
 *  - GET /health: the canonical tip.
 * Answers to /new_block: 200 when stored or already known; 409 when the parent is unknown (the
 * node keeps retrying, so a block is only ever stored after its parent); 400 when malformed.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { PayloadError, parseNewBlock } from "./payload.ts";
import { RpcError, RpcFacade } from "./rpc.ts";
import { BlockStore, InvalidBlockError, UnknownParentError } from "./store.ts";

/** Observer deliveries acknowledged without being stored. */
export const IGNORED_OBSERVER_PATHS = new Set([
  "/new_burn_block",
  "/new_mempool_tx",
  "/drop_mempool_tx",
  "/new_microblocks",
  "/attachments/new",
  "/mined_block",
  "/mined_microblock",
  "/mined_nakamoto_block",
  "/stackerdb_chunks",
  "/proposal_response",
]);

/** The largest body accepted (a full Stacks block with its events stays well below). */
const MAX_BODY = 64 * 1024 * 1024;

export interface BridgeOptions {
  port: number;
  host?: string;
  /** SQLite file of the block store. */
  dbPath: string;
  /** The id eth_chainId answers (./chains.ts). */
  chainId: number;
  log?: (line: string) => void;
}

export interface Bridge {
  url: string;
  store: BlockStore;
  /** RPC methods asked for that the facade does not serve (logged once each). */
  unsupportedMethods(): string[];
  close(): Promise<void>;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) {
        reject(new PayloadError(`body larger than ${MAX_BODY} bytes`));
        req.destroy();
      } else chunks.push(c);
    });
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

const send = (res: ServerResponse, status: number, body: unknown) => {
  res.writeHead(status, { "content-type": "application/json" });
  res.end(JSON.stringify(body));
};

export async function startBridge(o: BridgeOptions): Promise<Bridge> {
  const log = o.log ?? ((line: string) => console.log(line));
  const store = new BlockStore(o.dbPath);
  const unknownMethods = new Set<string>();
  const rpc = new RpcFacade(store, o.chainId, (m) => {
    if (!unknownMethods.has(m)) log(`rpc: unsupported method ${m}`);
    unknownMethods.add(m);
  });

  const handleRpc = (request: { id?: unknown; method?: unknown; params?: unknown }) => {
    const id = request.id ?? null;
    try {
      if (typeof request.method !== "string") throw new RpcError(-32600, "invalid request: no method");
      return { jsonrpc: "2.0", id, result: rpc.call(request.method, Array.isArray(request.params) ? request.params : []) };
    } catch (error) {
      const e = error instanceof RpcError ? error : new RpcError(-32603, String((error as Error).message ?? error));
      return { jsonrpc: "2.0", id, error: { code: e.code, message: e.message } };
    }
  };

  const server: Server = createServer(async (req, res) => {
    const path = (req.url ?? "/").split("?")[0]!;
    try {
      if (req.method === "GET" && path === "/health") {
        const tip = store.tip();
        return send(res, 200, { tip: tip ? { height: tip.height, hash: tip.indexBlockHash } : null });
      }
      if (req.method !== "POST") return send(res, 405, { error: `${req.method} ${path}: only POST (and GET /health)` });
      const text = await readBody(req);
      if (path === "/new_block") {
        const block = parseNewBlock(JSON.parse(text));
        const result = store.accept(block);
        if (result.kind === "reorg") log(`fork: block ${block.height} ${block.indexBlockHash} replaced ${result.orphaned.length} block(s) above ${result.ancestor}`);
        return send(res, 200, { result: result.kind, height: block.height });
      }
      if (IGNORED_OBSERVER_PATHS.has(path)) return send(res, 200, { result: "ignored" });
      if (path === "/" || path === "/rpc") {
        const body = JSON.parse(text) as unknown;
        return send(res, 200, Array.isArray(body) ? body.map(handleRpc) : handleRpc(body as never));
      }
      return send(res, 404, { error: `unknown path ${path}` });
    } catch (error) {
      if (error instanceof UnknownParentError) return send(res, 409, { error: error.message });
      if (error instanceof PayloadError || error instanceof InvalidBlockError || error instanceof SyntaxError) return send(res, 400, { error: (error as Error).message });
      log(`error on ${path}: ${(error as Error).stack ?? error}`);
      return send(res, 500, { error: "internal error" });
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(o.port, o.host ?? "127.0.0.1", () => resolve());
  });
  let closing: Promise<void> | undefined;
  return {
    url: `http://${o.host ?? "127.0.0.1"}:${o.port}`,
    store,
    unsupportedMethods: () => [...unknownMethods],
    close: () =>
      (closing ??= new Promise<void>((resolve) => {
        server.close(() => {
          store.close();
          resolve();
        });
        server.closeAllConnections();
      })),
  };
}
