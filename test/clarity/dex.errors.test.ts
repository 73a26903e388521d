// Every error constant of the DEX contracts has a scenario in the dex tests
// (an `expectDexErr(…, "<contract>", "ERR-…")` call), except the defensive ones
// listed below, which no reachable path triggers.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { repoRoot } from "./helpers.ts";
import { COIN_ERR, FACTORY_ERR, ORACLE_ERR, POOL_ERR } from "./dex.helpers.ts";

/** Defensive constants: `as-contract?` allowance violations (the base token is the governed
 * stablecoin, checked by principal; a token moving other assets during a payment is reverted),
 * and a second registration of a pool (a coin initializes once, so the factory registers once). */
const UNREACHABLE: Record<string, string[]> = {
  coin: ["ERR-ASSET-ALLOWANCE-EXCEEDED"],
  pool: ["ERR-ASSET-ALLOWANCE-EXCEEDED", "ERR-POOL-EXISTS"],
  oracle: [],
  factory: [],
};

describe("dex error constants", () => {
  it("each has a test scenario, and codes are unique within their contract's range", () => {
    const tests = fs
      .readdirSync(path.join(repoRoot, "test/clarity"))
      .filter((f) => f.startsWith("dex.") && f.endsWith(".test.ts"))
      .map((f) => fs.readFileSync(path.join(repoRoot, "test/clarity", f), "utf8"))
      .join("\n");
    const ranges: Record<string, [Record<string, bigint>, bigint]> = { oracle: [ORACLE_ERR, 5000n], coin: [COIN_ERR, 5100n], factory: [FACTORY_ERR, 5200n], pool: [POOL_ERR, 5300n] };
    for (const [contract, [errors, from]] of Object.entries(ranges)) {
      const codes = Object.values(errors);
      expect(new Set(codes).size, `${contract}: duplicate codes`).toBe(codes.length);
      for (const [name, code] of Object.entries(errors)) {
        expect(code >= from && code < from + 100n, `${contract} ${name} u${code} out of range`).toBe(true);
        if (UNREACHABLE[contract].includes(name)) continue;
        expect(new RegExp(`"${contract}",\\s*"${name}"`).test(tests), `${contract} ${name} has no scenario`).toBe(true);
      }
    }
  });
});
