/**
 * How Stacks `print` events look to Ponder through the bridge's facade (./rpc.ts): each is a log of
 * a synthetic event emitted by a deterministic pseudo-address per Clarity contract.
 *
 *   event ClarityPrint(bytes32 indexed topicHash, string contract, string topic, string sender, bytes value)
 *
 *  - topicHash: keccak256 of the tuple's `topic` (our contracts print `{ topic: "...", ... }`),
 *    so a Ponder filter can select topics; the zero hash when the value has no string `topic`;
 *  - contract: the fully qualified contract id (`ADDRESS.name`);
 *  - topic: the tuple's `topic` ("" when none);
 *  - sender: the transaction's origin principal ("" when the node did not send the raw transaction);
 *  - value: the Clarity value printed, serialized (consensus bytes, as the node's `raw_value`).
 */
import { keccak256, toBytes, type Address } from "viem";

export const clarityPrintAbi = [
  {
    type: "event",
    name: "ClarityPrint",
    inputs: [
      { name: "topicHash", type: "bytes32", indexed: true },
      { name: "contract", type: "string", indexed: false },
      { name: "topic", type: "string", indexed: false },
      { name: "sender", type: "string", indexed: false },
      { name: "value", type: "bytes", indexed: false },
    ],
  },
] as const;

/** The pseudo-address standing for a Clarity contract: the first 20 bytes of keccak256(contract id). */
export const stacksPseudoAddress = (contractId: string): Address => keccak256(toBytes(contractId)).slice(0, 42) as Address;
