/**
 * Gas regression check for the DAO: the gas of every DAO operation (with its unmodified
 * OpenZeppelin Governor + ERC20Votes + Timelock anchor, or other anchor, where one applies) must
 * equal the committed snapshot test/evm/dao/gas-snapshot.json. After an intended change, rewrite it with
 *   npm run bench -- dao --update-gas-snapshot
 * and commit the diff with the change.
 */
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { daoSnapshot, measureDaoGas } from "../../../scripts/bench/daoGas.ts";

const snapshot: Record<string, number> = JSON.parse(readFileSync(new URL("./gas-snapshot.json", import.meta.url), "utf8"));

describe("DAO gas snapshot", () => {
  it("matches test/evm/dao/gas-snapshot.json for every DAO operation and anchor", async () => {
    const measured = daoSnapshot(await measureDaoGas());
    assert.deepEqual(measured, snapshot, "gas changed: run `npm run bench -- dao --update-gas-snapshot` if intended");
  });
});
