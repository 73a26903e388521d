/**
 * The Stacks handlers' entry point: one Ponder source, `ClarityContracts` (ponder.config.ts), whose
 * logs are the bridge's ClarityPrint events (indexer/stacks/abi.ts), dispatched by contract to the
 * component that owns it. Each print becomes an event shaped like an EVM handler's: `log.address`
 * is the contract id (`ADDRESS.name`), `transaction.hash` the txid, `transaction.from` the
 * transaction's sender principal, `block` the Stacks block (number = height, timestamp = its time).
 *
 * Creator coins are the creators' own contracts (copies of the coin template, any contract id): a
 * print of a contract that is none of our deployment's goes to ./dex.ts, which knows the launched
 * ones. The bridge's print of a transaction's contract call (`contract-call`) goes only to the
 * components that read calls (the factory's `launch`).
 */
import { ponder } from "ponder:registry";
import { stacksDeployments } from "../../../generated/stacks.ts";
import { caip2, type AnyContext } from "../audit.ts";
// The EVM handlers must be registered (../common.ts escrowHandlers) before any print runs.
import "../escrow.ts";
import "../disputes.ts";
import "../workHistory.ts";
import "../escrowAdmin.ts";
import "../badges.ts";
import "../multisig.ts";
import "../dao/governor.ts";
import "../dao/token.ts";
import "../dao/treasury.ts";
import "../dao/rewards.ts";
import "../dex/oracle.ts";
import "../dex/factory.ts";
import "../dex/coin.ts";
import "../dex/pool.ts";
import { onBadgesPrint } from "./badges.ts";
import { daoComponents } from "./dao.ts";
import { CONTRACT_CALL_TOPIC, dexCallComponents, dexComponents, onCreatorCoinPrint } from "./dex.ts";
import { onEscrowPrint } from "./escrow.ts";
import { onMultisigPrint } from "./multisig.ts";

export interface StacksPrint {
  /** The print's tuple `topic`. */
  topic: string;
  /** The serialized Clarity value (hex). */
  value: `0x${string}`;
  /** What the shared EVM handlers read of an event (args added by the decoder). */
  event: {
    log: { address: `0x${string}`; logIndex: number };
    block: { number: bigint; timestamp: bigint; hash: `0x${string}` };
    transaction: { hash: `0x${string}`; from: `0x${string}` };
  };
}

/** Contract name (escrow, badges, …) of a contract id of our deployment on the chain, if ours. */
function ourContract(chainId: string, contractId: string): string | undefined {
  const deployment = (stacksDeployments as Record<string, { contracts: Readonly<Record<string, string>> } | undefined>)[chainId];
  if (!deployment) return undefined;
  return Object.entries(deployment.contracts).find(([, id]) => id === contractId)?.[0];
}

const components: Record<string, (context: AnyContext, print: StacksPrint) => Promise<void>> = {
  escrow: onEscrowPrint,
  badges: onBadgesPrint,
  multisig: onMultisigPrint,
  ...daoComponents,
  ...dexComponents,
};

ponder.on("ClarityContracts:ClarityPrint", async ({ event, context }) => {
  const { contract, topic, sender, value } = event.args;
  const name = ourContract(caip2(context), contract);
  const handle = name === undefined ? onCreatorCoinPrint : topic === CONTRACT_CALL_TOPIC ? dexCallComponents[name] : components[name];
  if (!handle) return;
  await handle(context, {
    topic,
    value,
    event: {
      // Principals are not hex: the account columns (ponder.schema.ts `account`) keep them as text.
      log: { address: contract as `0x${string}`, logIndex: event.log.logIndex },
      block: { number: event.block.number, timestamp: event.block.timestamp, hash: event.block.hash },
      transaction: { hash: event.transaction.hash, from: sender as `0x${string}` },
    },
  });
});
