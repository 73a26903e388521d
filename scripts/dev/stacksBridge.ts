/**
 * The Stacks bridge locally (indexer/stacks/): the stacks-node event observer endpoint and the EVM
 * JSON-RPC facade Ponder indexes Stacks through.
 *
 *   npx tsx scripts/dev/stacksBridge.ts            # serve; a stacks-node (devnet) posts to it
 *   npx tsx scripts/dev/stacksBridge.ts --demo     # also feed it a demo job run on simnet
 *
 * Environment: WORX_STACKS_BRIDGE_PORT (3700), WORX_STACKS_BRIDGE_DB
 * (indexer/.ponder/stacks-bridge.sqlite), WORX_STACKS_NETWORK (devnet). Then run Ponder with
 * WORX_STACKS_RPC_URL=http://127.0.0.1:3700/rpc (and WORX_STACKS_START_BLOCK = the first block the
 * bridge stored, printed below) to index Stacks rows as `stacks:2147483648`.
 *
 * A stacks-node (e.g. `clarinet devnet`) reaches it with, in its Config.toml:
 *   [[events_observer]]
 *   endpoint = "host.docker.internal:3700"
 *   events_keys = ["*"]
 */
import { join } from "node:path";
import { Cl } from "@stacks/transactions";
import { ponderChainIdOfStacks, type StacksNetwork } from "../../indexer/stacks/chains.ts";
import { startBridge } from "../../indexer/stacks/server.ts";
import { repoRoot } from "./stack.ts";

const network = (process.env.WORX_STACKS_NETWORK ?? "devnet") as StacksNetwork;
const port = Number(process.env.WORX_STACKS_BRIDGE_PORT ?? 3700);
const bridge = await startBridge({
  port,
  dbPath: process.env.WORX_STACKS_BRIDGE_DB ?? join(repoRoot, "indexer", ".ponder", "stacks-bridge.sqlite"),
  chainId: ponderChainIdOfStacks(network),
});
console.log(`[stacks-bridge] ${network} on ${bridge.url} — observer POST /new_block, Ponder RPC ${bridge.url}/rpc`);

if (process.argv.includes("--demo")) {
  // The simnet runner of the indexer tests: real escrow.clar prints as /new_block payloads.
  const { SimnetChain } = await import("../../test/indexer/stacksSimnet.ts");
  const chain = await SimnetChain.start();
  const [client, freelancer] = [chain.account("wallet_1"), chain.account("wallet_2")];
  const due = chain.simnet.getBlockTime() + 864_000n;
  const terms = Cl.list([Cl.tuple({ amount: Cl.uint(1_000_000n), "due-date": Cl.uint(due) })]);
  await chain.call("escrow", "create-escrow", [Cl.principal(freelancer), Cl.none(), terms, Cl.uint(259_200n), Cl.uint(604_800n), Cl.none()], client);
  await chain.call("escrow", "fund-escrow", [Cl.uint(1), Cl.none()], client);
  await chain.call("escrow", "submit-milestone", [Cl.uint(1), Cl.uint(0), Cl.buffer(new Uint8Array(32))], freelancer);
  await chain.call("escrow", "approve-milestone", [Cl.uint(1), Cl.uint(0)], client);
  for (const block of chain.blocks) {
    const res = await fetch(`${bridge.url}/new_block`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(block) });
    if (!res.ok) throw new Error(`block ${block.block_height}: ${res.status} ${await res.text()}`);
  }
  console.log(`[stacks-bridge] demo: ${chain.blocks.length} simnet blocks posted (${chain.blocks[0]!.block_height}..${chain.tipHeight})`);
}
const bounds = bridge.store.bounds();
console.log(`[stacks-bridge] stored blocks ${bounds ? `${bounds.base}..${bounds.tip} (WORX_STACKS_START_BLOCK=${bounds.base})` : "none yet"}`);
for (const signal of ["SIGINT", "SIGTERM"] as const) process.once(signal, () => void bridge.close().then(() => process.exit(0)));
