/**
 * Wallets for the browser tests, injected into every page of a Playwright context:
 *  - `window.ethereum`: an EIP-1193 provider whose requests are answered in Node. Each page signs
 *    as the account the test gives it (`wallet.use(page, address)`); transactions go to the local
 *    Hardhat node, whose accounts are unlocked, so they are really signed and mined. `eth_accounts`
 *    is empty until `eth_requestAccounts` (else wagmi would reconnect on its own mid-test).
 *    `eth_signTypedData_v4` (EIP-712) is signed by the node too, for the page's account only.
 *    Several chains: `addChain(chainId, rpcUrl)`; each page's wallet is on one of them (the
 *    constructor's at first), `wallet_switchEthereumChain` moves it to another known chain (4902 for
 *    an unknown one) and emits `chainChanged`, as a real wallet; `switchChain(page, id)` is the user
 *    switching in the wallet itself. Requests go to the RPC of the page's current chain.
 *  - `window.LeatherProvider`: a Stacks wallet (@stacks/connect 8 finds it by that name) whose
 *    `request()` records each call and answers with a fake address / txid / SIP-018 signature.
 */
import type { BrowserContext, Page } from "playwright-core";

export interface RpcError {
  code: number;
  message: string;
  data?: unknown;
}

export interface StacksCall {
  method: string;
  params: Record<string, unknown> | undefined;
}

interface PageWallet {
  account?: `0x${string}`;
  connected: boolean;
  rejectNext: boolean;
  /** The chain the page's wallet is on (hex, lowercase). */
  chainIdHex: string;
}

/** Events the page's provider emits once a request returns (e.g. `chainChanged` after a switch). */
type ProviderEvent = [event: string, payload: unknown];

const toHex = (chainId: number) => `0x${chainId.toString(16)}`;

export const FAKE_STX_ADDRESS = "ST2CY5V39NHDPWSXMW9QDT3HC3GD6Q6XX4CFRK9AG";
export const FAKE_TXID = "0x" + "ab".repeat(32);
/** What the fake Stacks wallet answers to `stx_signStructuredMessage` (65 bytes, RSV). */
export const FAKE_STX_SIGNATURE = "cd".repeat(64) + "01";

export class TestWallets {
  readonly evmRequests: { method: string; params: unknown }[] = [];
  readonly stacksCalls: StacksCall[] = [];
  private readonly pages = new Map<Page, PageWallet>();
  private readonly chainIdHex: string;
  /** RPC URL per known chain (hex id); the constructor's chain first. */
  private readonly rpcUrls = new Map<string, string>();

  constructor(rpcUrl: string, chainId: number) {
    this.chainIdHex = toHex(chainId);
    this.rpcUrls.set(this.chainIdHex, rpcUrl);
  }

  /** Another chain the wallet knows (switching to it succeeds); requests on it go to `rpcUrl`. */
  addChain(chainId: number, rpcUrl: string): void {
    this.rpcUrls.set(toHex(chainId), rpcUrl);
  }

  /** The chain id the wallet of `page` is on. */
  chainOf(page: Page): number {
    return Number(this.state(page).chainIdHex);
  }

  /**
   * The user switches the wallet of `page` to `chainId` in the wallet itself (not asked by the
   * page): the provider emits `chainChanged`. Any chain id is allowed, known or not, as a wallet
   * may be on a chain the page has no deployment for.
   */
  async switchChain(page: Page, chainId: number): Promise<void> {
    const hex = toHex(chainId);
    this.state(page).chainIdHex = hex;
    await page.evaluate((id) => (window as unknown as { ethereum: { emit(e: string, a: unknown): void } }).ethereum.emit("chainChanged", id), hex);
  }

  /** The EVM account `page` signs with (set before the page connects). */
  use(page: Page, account: `0x${string}`): void {
    this.state(page).account = account;
  }

  /** The wallet of `page` refuses its next signature request, as a user clicking "Reject". */
  rejectNext(page: Page): void {
    this.state(page).rejectNext = true;
  }

  async install(context: BrowserContext): Promise<void> {
    await context.exposeBinding("__worxEvmWallet", async ({ page }, method: string, params: unknown) => {
      try {
        const events: ProviderEvent[] = [];
        return { result: await this.handle(page, method, params, events), events };
      } catch (error) {
        const e = error as RpcError;
        return { error: { code: e.code ?? -32603, message: e.message ?? String(error), data: e.data } };
      }
    });
    await context.exposeBinding("__worxStacksWallet", async (_source, method: string, params: Record<string, unknown> | undefined) => {
      this.stacksCalls.push({ method, params });
      if (method === "getAddresses" || method === "stx_getAddresses") {
        return {
          addresses: [
            { symbol: "BTC", address: "tb1qtestaddressxxxxxxxxxxxxxxxxxxxxxxxxxxx", publicKey: "02".padEnd(66, "1") },
            { symbol: "STX", address: FAKE_STX_ADDRESS, publicKey: "03".padEnd(66, "2") },
          ],
        };
      }
      if (method === "stx_callContract" || method === "stx_deployContract") return { txid: FAKE_TXID };
      if (method === "stx_signStructuredMessage") return { signature: FAKE_STX_SIGNATURE, publicKey: "03".padEnd(66, "2") };
      throw new Error(`unsupported ${method}`);
    });
    // A string, not a function: tsx's name-keeping helpers would not exist inside the page.
    await context.addInitScript({ content: INIT_SCRIPT });
  }

  private state(page: Page): PageWallet {
    let s = this.pages.get(page);
    if (!s) this.pages.set(page, (s = { connected: false, rejectNext: false, chainIdHex: this.chainIdHex }));
    return s;
  }

  private async handle(page: Page, method: string, params: unknown, events: ProviderEvent[]): Promise<unknown> {
    this.evmRequests.push({ method, params });
    const s = this.state(page);
    switch (method) {
      case "eth_requestAccounts":
        if (!s.account) throw { code: 4100, message: "No account for this page" } satisfies RpcError;
        s.connected = true;
        return [s.account];
      case "eth_accounts":
        return s.connected && s.account ? [s.account] : [];
      case "eth_chainId":
        return s.chainIdHex;
      case "net_version":
        return String(Number(s.chainIdHex));
      case "wallet_switchEthereumChain": {
        const [{ chainId }] = params as [{ chainId: string }];
        const hex = toHex(Number(chainId));
        if (!this.rpcUrls.has(hex)) throw { code: 4902, message: `Unknown chain ${chainId}` } satisfies RpcError;
        if (hex !== s.chainIdHex) {
          s.chainIdHex = hex;
          events.push(["chainChanged", hex]);
        }
        return null;
      }
      case "wallet_addEthereumChain": {
        // Only chains the test registered (addChain) can be added: their RPC is known here.
        const [{ chainId }] = params as [{ chainId: string }];
        if (!this.rpcUrls.has(toHex(Number(chainId)))) throw { code: 4200, message: `Cannot add chain ${chainId} in the test wallet` } satisfies RpcError;
        return null;
      }
      case "wallet_requestPermissions":
      case "wallet_getPermissions":
        return [{ parentCapability: "eth_accounts" }];
      case "wallet_revokePermissions":
        s.connected = false;
        return null;
      case "eth_sendTransaction": {
        if (s.rejectNext) {
          s.rejectNext = false;
          throw { code: 4001, message: "User rejected the request." } satisfies RpcError;
        }
        const [tx] = params as [Record<string, unknown>];
        if (!s.connected || String(tx.from).toLowerCase() !== s.account?.toLowerCase())
          throw { code: 4100, message: "The requested account has not been authorized" } satisfies RpcError;
        return this.forward(s, method, params);
      }
      case "eth_signTypedData_v4": {
        // EIP-712 signatures (e.g. multisig approvals): the node signs with the page's unlocked account.
        if (s.rejectNext) {
          s.rejectNext = false;
          throw { code: 4001, message: "User rejected the request." } satisfies RpcError;
        }
        const [address] = params as [string, string];
        if (!s.connected || address.toLowerCase() !== s.account?.toLowerCase())
          throw { code: 4100, message: "The requested account has not been authorized" } satisfies RpcError;
        return this.forward(s, method, params);
      }
      default:
        if (method.startsWith("wallet_") || method.startsWith("eth_sign") || method === "personal_sign")
          throw { code: 4200, message: `Unsupported method ${method}` } satisfies RpcError;
        return this.forward(s, method, params);
    }
  }

  /** Sends the request to the node of the page's current chain. */
  private async forward(s: PageWallet, method: string, params: unknown): Promise<unknown> {
    const rpcUrl = this.rpcUrls.get(s.chainIdHex);
    if (!rpcUrl) throw { code: 4901, message: `The wallet is on chain ${Number(s.chainIdHex)}, which has no node in this test` } satisfies RpcError;
    const res = await fetch(rpcUrl, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ jsonrpc: "2.0", id: 1, method, params }),
    });
    const body = (await res.json()) as { result?: unknown; error?: RpcError };
    if (body.error) throw body.error;
    return body.result;
  }
}

const INIT_SCRIPT = `(() => {
  const listeners = new Map();
  const ethereum = {
    isWorxTestWallet: true,
    async request({ method, params }) {
      const answer = await window.__worxEvmWallet(method, params ?? []);
      if (answer.error) {
        const error = new Error(answer.error.message);
        error.code = answer.error.code;
        error.data = answer.error.data;
        throw error;
      }
      if (method === "eth_requestAccounts") setTimeout(() => ethereum.emit("accountsChanged", answer.result), 0);
      for (const [event, payload] of answer.events ?? []) setTimeout(() => ethereum.emit(event, payload), 0);
      return answer.result;
    },
    on(event, listener) {
      if (!listeners.has(event)) listeners.set(event, new Set());
      listeners.get(event).add(listener);
      return ethereum;
    },
    removeListener(event, listener) {
      listeners.get(event)?.delete(listener);
      return ethereum;
    },
    emit(event, ...args) {
      listeners.get(event)?.forEach((l) => l(...args));
    },
  };
  window.ethereum = ethereum;
  // A Leather-like Stacks provider answering JSON-RPC 2.0 envelopes, as @stacks/connect expects.
  window.LeatherProvider = {
    isLeather: true,
    async request(method, params) {
      try {
        const result = await window.__worxStacksWallet(method, params);
        return { jsonrpc: "2.0", id: String(Math.random()), result };
      } catch (error) {
        return { jsonrpc: "2.0", id: String(Math.random()), error: { code: -32601, message: String(error) } };
      }
    },
  };
})();`;
