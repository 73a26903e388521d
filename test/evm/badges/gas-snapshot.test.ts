/**
 * Gas regression check for the badges: the gas of every badge operation (with its OpenZeppelin
 * ERC-721 anchor where one applies) must equal the committed snapshot
 * test/evm/badges/gas-snapshot.json. After an intended change, rewrite it with
 *   npm run bench -- badges --update-gas-snapshot
 * and commit the diff with the change.
 */
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { badgesSnapshot, measureBadgesGas } from "../../../scripts/bench/badgesGas.ts";

const snapshot: Record<string, number> = JSON.parse(readFileSync(new URL("./gas-snapshot.json", import.meta.url), "utf8"));

describe("badges gas snapshot", () => {
  it("matches test/evm/badges/gas-snapshot.json for every badge operation and anchor", async () => {
    const measured = badgesSnapshot(await measureBadgesGas());
    assert.deepEqual(measured, snapshot, "gas changed: run `npm run bench -- badges --update-gas-snapshot` if intended");
  });
});
