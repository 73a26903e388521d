/**
 * Gas regression check for the creator-coin DEX: the gas of every DEX operation (with its Uniswap V2
 * anchor from the npm artifacts, or other anchor, where one applies) must equal the committed
 * snapshot test/evm/dex/gas-snapshot.json. After an intended change, rewrite it with
 *   npm run bench -- dex --update-gas-snapshot
 * and commit the diff with the change.
 */
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { dexSnapshot, measureDexGas } from "../../../scripts/bench/dexGas.ts";

const snapshot: Record<string, number> = JSON.parse(readFileSync(new URL("./gas-snapshot.json", import.meta.url), "utf8"));

describe("DEX gas snapshot", () => {
  it("matches test/evm/dex/gas-snapshot.json for every DEX operation and anchor", async () => {
    const measured = dexSnapshot(await measureDexGas());
    assert.deepEqual(measured, snapshot, "gas changed: run `npm run bench -- dex --update-gas-snapshot` if intended");
  });
});
