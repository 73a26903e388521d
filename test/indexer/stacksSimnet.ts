/**
 * The simnet chain of the Stacks indexer tests: moved to scripts/dev/stacksDevnet/simnetChain.ts
 * (npm start's local Stacks devnet runs on it too); re-exported here for the tests' imports.
 */
export { SimnetChain, type NewBlockPayload } from "../../scripts/dev/stacksDevnet/simnetChain.ts";
