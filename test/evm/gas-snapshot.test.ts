/**
 * Gas regression check: the gas of every escrow operation and job lifecycle (with their ERC-20
 * anchors) must equal the committed snapshot test/evm/gas-snapshot.json, and the gas of every multisig operation (with its Safe 1.4.1 anchor)
 * must equal test/evm/multisig/gas-snapshot.json. After an intended change, rewrite both with
 *   npm run bench -- evm multisig --update-gas-snapshot
 * (or one of them: `npm run bench -- evm --update-gas-snapshot`, `... multisig ...`) and commit the
 * diff with the change.
 */
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { escrowSnapshot, measureEscrowGas } from "../../scripts/bench/evmGas.ts";
import { measureMultisigGas, multisigSnapshot } from "../../scripts/bench/multisigGas.ts";

const readSnapshot = (path: string): Record<string, number> =>
  JSON.parse(readFileSync(new URL(path, import.meta.url), "utf8"));
const snapshot = readSnapshot("./gas-snapshot.json");
const multisig = readSnapshot("./multisig/gas-snapshot.json");

describe("gas snapshot", () => {
  it("matches test/evm/gas-snapshot.json for every escrow operation, lifecycle and anchor", async () => {
    const measured = escrowSnapshot(await measureEscrowGas());
    assert.deepEqual(measured, snapshot, "gas changed: run `npm run bench -- evm --update-gas-snapshot` if intended");
  });

  it("matches test/evm/multisig/gas-snapshot.json for every multisig operation and its Safe anchor", async () => {
    const measured = multisigSnapshot(await measureMultisigGas());
    assert.deepEqual(measured, multisig, "gas changed: run `npm run bench -- multisig --update-gas-snapshot` if intended");
  });
});
