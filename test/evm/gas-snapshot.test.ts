/**
 * Gas regression check: the escrow's gas per operation must equal the committed snapshot
 * (test/evm/gas-snapshot.json). After an intended change, rewrite it with
 * `npm run bench -- --update-gas-snapshot` and commit the diff with the change.
 */
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { measureEscrowGas } from "../../scripts/bench/evmGas.ts";

const snapshot: Record<string, number> = JSON.parse(
  readFileSync(new URL("./gas-snapshot.json", import.meta.url), "utf8"),
);

describe("gas snapshot", () => {
  it("matches test/evm/gas-snapshot.json for every escrow operation", async () => {
    const { rows, anchorGas } = await measureEscrowGas();
    const measured = Object.fromEntries([...rows.map((r) => [r.operation, r.gas]), ["anchor: ERC20.transfer", anchorGas]]);
    assert.deepEqual(measured, snapshot, "gas changed: run `npm run bench -- --update-gas-snapshot` if intended");
  });
});
