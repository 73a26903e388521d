import assert from "node:assert/strict";
import { BaseError, ContractFunctionRevertedError } from "viem";

/** The custom error name a rejected write decodes to, as a wallet UI would show it. */
export async function revertName(promise: Promise<unknown>): Promise<string | undefined> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof BaseError) {
      const reverted = error.walk((e) => e instanceof ContractFunctionRevertedError);
      if (reverted instanceof ContractFunctionRevertedError) return reverted.data?.errorName;
    }
    throw error;
  }
  assert.fail("expected a revert");
}
