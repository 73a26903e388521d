// metrics-oracle.clar: reporters, report ordering and staleness, milestones,
// governance, contract-caller checks.
import { beforeEach, describe, expect, it } from "vitest";
import { Cl, serializeCV } from "@stacks/transactions";
import { advanceTo } from "./helpers.ts";
import {
  DAY,
  DEX_PROXY,
  ORACLE,
  alice,
  creatorId,
  dave,
  deployer,
  dexEvents,
  dexSetup,
  expectDexErr,
  now,
  oracleCall,
  report,
  reporter,
  roValue,
} from "./dex.helpers.ts";

const id = (h = "dave") => Cl.buffer(creatorId(h));

describe("metrics oracle", () => {
  beforeEach(() => dexSetup());

  it("deploys the default milestones, launch index 0 and max age one day", () => {
    expect(roValue("metrics-oracle", "get-milestone-thresholds")).toEqual([1000n, 5000n, 10000n, 20000n, 50000n, 100000n]);
    expect(roValue("metrics-oracle", "get-launch-milestone-index")).toBe(0n);
    expect(roValue("metrics-oracle", "get-max-age")).toBe(DAY);
    expect(roValue("metrics-oracle", "get-admin")).toBe(deployer);
  });

  it("accepts a report, binds the creator and prints metrics-reported", () => {
    const at = now() - 5n;
    const r = report("dave", dave, 600n, 1n, { observedAt: at, plays: 42n, engagement: 350n });
    expect(r.result).toBeOk(Cl.uint(0n));
    expect(dexEvents(r, ORACLE)).toEqual([
      { topic: "metrics-reported", "creator-id": expect.anything(), creator: dave, reporter, plays: 42n, followers: 600n, "engagement-bps": 350n, "observed-at": at, nonce: 1n },
    ]);
    expect(roValue("metrics-oracle", "get-metrics", [id()])).toEqual({ plays: 42n, followers: 600n, "engagement-bps": 350n, "observed-at": at });
    expect(roValue("metrics-oracle", "get-creator", [id()])).toBe(dave);
    expect(roValue("metrics-oracle", "get-last-nonce", [id()])).toBe(1n);
  });

  it("reaches milestones once each, several in one report, and keeps them when followers fall", () => {
    let r = report("dave", dave, 999n, 1n);
    expect(r.result).toBeOk(Cl.uint(0n));
    r = report("dave", dave, 1000n, 2n); // exactly the threshold
    expect(r.result).toBeOk(Cl.uint(1n));
    expect(dexEvents(r, ORACLE).filter((e) => e.topic === "milestone-reached")).toEqual([
      { topic: "milestone-reached", "creator-id": expect.anything(), index: 0n, threshold: 1000n },
    ]);
    r = report("dave", dave, 25_000n, 3n);
    expect(r.result).toBeOk(Cl.uint(4n));
    expect(dexEvents(r, ORACLE).filter((e) => e.topic === "milestone-reached").map((e) => e.index)).toEqual([1n, 2n, 3n]);
    r = report("dave", dave, 10n, 4n); // followers fall
    expect(r.result).toBeOk(Cl.uint(4n));
    expect(dexEvents(r, ORACLE).filter((e) => e.topic === "milestone-reached")).toEqual([]);
    r = report("dave", dave, 25_000n, 5n); // back up: nothing new
    expect(dexEvents(r, ORACLE).filter((e) => e.topic === "milestone-reached")).toEqual([]);
    expect(roValue("metrics-oracle", "is-milestone-reached", [id(), Cl.uint(3)])).toBe(true);
    expect(roValue("metrics-oracle", "is-milestone-reached", [id(), Cl.uint(4)])).toBe(false);
    expect(roValue("metrics-oracle", "has-reached-launch", [id()])).toBe(true);
  });

  it("refuses replayed, reordered, future and stale reports at the exact boundaries", () => {
    const first = now() - 100n;
    expect(report("dave", dave, 10n, 5n, { observedAt: first }).result).toBeOk(Cl.uint(0n));
    expectDexErr(report("dave", dave, 10n, 5n), "oracle", "ERR-NONCE-NOT-INCREASING");
    expectDexErr(report("dave", dave, 10n, 4n), "oracle", "ERR-NONCE-NOT-INCREASING");
    expectDexErr(report("dave", dave, 10n, 6n, { observedAt: first }), "oracle", "ERR-OBSERVATION-NOT-INCREASING");
    expectDexErr(report("dave", dave, 10n, 6n, { observedAt: now() + 1n }), "oracle", "ERR-OBSERVATION-IN-FUTURE");
    expect(report("dave", dave, 10n, 6n, { observedAt: now() }).result).toBeOk(Cl.uint(0n)); // now exactly
    // stale: observed-at must be >= now - max-age
    advanceTo(now() + 2n * DAY);
    expectDexErr(report("dave", dave, 10n, 7n, { observedAt: now() - DAY - 1n }), "oracle", "ERR-STALE-OBSERVATION");
    expect(report("dave", dave, 10n, 7n, { observedAt: now() - DAY }).result).toBeOk(Cl.uint(0n));
  });

  it("refuses another wallet for a bound creator id, and non-reporters", () => {
    expect(report("dave", dave, 10n, 1n).result).toBeOk(Cl.uint(0n));
    expectDexErr(report("dave", alice, 10n, 2n), "oracle", "ERR-CREATOR-MISMATCH");
    expectDexErr(report("dave", dave, 10n, 2n, { by: alice }), "oracle", "ERR-NOT-REPORTER");
    expectDexErr(report("dave", ORACLE, 10n, 2n), "oracle", "ERR-ZERO-CREATOR");
    expectDexErr(oracleCall("set-reporter", [Cl.principal(ORACLE), Cl.bool(true)], deployer), "oracle", "ERR-INVALID-PRINCIPAL");
    expectDexErr(oracleCall("set-admin", [Cl.principal(ORACLE)], deployer), "oracle", "ERR-INVALID-PRINCIPAL");
    // a disabled reporter is refused
    expect(oracleCall("set-reporter", [Cl.principal(reporter), Cl.bool(false)], deployer).result).toBeOk(Cl.bool(true));
    expectDexErr(report("dave", dave, 10n, 2n), "oracle", "ERR-NOT-REPORTER");
  });

  it("governs milestones (append-only, ascending), the launch index and the max age", () => {
    expectDexErr(oracleCall("add-milestones", [Cl.list([Cl.uint(200_000)])], alice), "oracle", "ERR-NOT-AUTHORIZED");
    expectDexErr(oracleCall("add-milestones", [Cl.list([])], deployer), "oracle", "ERR-INVALID-THRESHOLD");
    expectDexErr(oracleCall("add-milestones", [Cl.list([Cl.uint(100_000)])], deployer), "oracle", "ERR-INVALID-THRESHOLD");
    expectDexErr(oracleCall("add-milestones", [Cl.list([Cl.uint(300_000), Cl.uint(200_000)])], deployer), "oracle", "ERR-INVALID-THRESHOLD");
    const r = oracleCall("add-milestones", [Cl.list([Cl.uint(200_000), Cl.uint(500_000)])], deployer);
    expect(r.result).toBeOk(Cl.bool(true));
    expect(dexEvents(r, ORACLE)).toEqual([
      { topic: "milestone-added", index: 6n, threshold: 200_000n },
      { topic: "milestone-added", index: 7n, threshold: 500_000n },
    ]);
    // at most 64 thresholds
    const many = Array.from({ length: 57 }, (_, i) => Cl.uint(1_000_000 + i));
    expectDexErr(oracleCall("add-milestones", [Cl.list(many)], deployer), "oracle", "ERR-INVALID-THRESHOLD");
    expect(oracleCall("add-milestones", [Cl.list(many.slice(0, 56))], deployer).result).toBeOk(Cl.bool(true));
    expect(roValue("metrics-oracle", "get-milestone-count")).toBe(64n);
    // launch index
    expectDexErr(oracleCall("set-launch-milestone-index", [Cl.uint(64)], deployer), "oracle", "ERR-INVALID-LAUNCH-MILESTONE");
    expect(oracleCall("set-launch-milestone-index", [Cl.uint(1)], deployer).result).toBeOk(Cl.bool(true));
    expect(report("dave", dave, 1_000n, 1n).result).toBeOk(Cl.uint(1n));
    expect(roValue("metrics-oracle", "has-reached-launch", [id()])).toBe(false);
    // max age
    expectDexErr(oracleCall("set-max-age", [Cl.uint(0)], deployer), "oracle", "ERR-INVALID-MAX-AGE");
    expect(oracleCall("set-max-age", [Cl.uint(60)], deployer).result).toBeOk(Cl.bool(true));
    advanceTo(now() + 600n);
    expectDexErr(report("dave", dave, 1_000n, 2n, { observedAt: now() - 61n }), "oracle", "ERR-STALE-OBSERVATION");
    expect(report("dave", dave, 1_000n, 2n, { observedAt: now() - 60n }).result).toBeOk(Cl.uint(1n));
  });

  it("administers through execute (the multisig's call payloads) and hands the admin over", () => {
    const payload = (v: any) => Cl.buffer(Buffer.from(serializeCV(v), "hex"));
    const setReporter = payload(Cl.tuple({ action: Cl.stringAscii("set-reporter"), args: Cl.tuple({ reporter: Cl.principal(alice), enabled: Cl.bool(true) }) }));
    expectDexErr(oracleCall("execute", [Cl.buffer(new Uint8Array(32)), setReporter], alice), "oracle", "ERR-NOT-AUTHORIZED");
    expect(oracleCall("execute", [Cl.buffer(new Uint8Array(32)), setReporter], deployer).result).toBeOk(Cl.bool(true));
    expect(roValue("metrics-oracle", "is-reporter", [Cl.principal(alice)])).toBe(true);
    const maxAge = payload(Cl.tuple({ action: Cl.stringAscii("set-max-age"), args: Cl.tuple({ value: Cl.uint(120) }) }));
    expect(oracleCall("execute", [Cl.buffer(new Uint8Array(32)), maxAge], deployer).result).toBeOk(Cl.bool(true));
    expect(roValue("metrics-oracle", "get-max-age")).toBe(120n);
    const add = payload(Cl.tuple({ action: Cl.stringAscii("add-milestones"), args: Cl.tuple({ thresholds: Cl.list([Cl.uint(150_000)]) }) }));
    expect(oracleCall("execute", [Cl.buffer(new Uint8Array(32)), add], deployer).result).toBeOk(Cl.bool(true));
    const bad = payload(Cl.tuple({ action: Cl.stringAscii("set-max-age"), args: Cl.tuple({ admin: Cl.principal(alice) }) }));
    expectDexErr(oracleCall("execute", [Cl.buffer(new Uint8Array(32)), bad], deployer), "oracle", "ERR-INVALID-ACTION");
    const handover = payload(Cl.tuple({ action: Cl.stringAscii("set-admin"), args: Cl.tuple({ admin: Cl.principal(`${deployer}.multisig`) }) }));
    expect(oracleCall("execute", [Cl.buffer(new Uint8Array(32)), handover], deployer).result).toBeOk(Cl.bool(true));
    expectDexErr(oracleCall("set-max-age", [Cl.uint(60)], deployer), "oracle", "ERR-NOT-AUTHORIZED");
  });

  it("refuses a relaying contract: the proxy is checked as itself, not as the signing admin or reporter", () => {
    expectDexErr(simnet.callPublicFn("dex-proxy", "oracle-set-reporter", [Cl.principal(alice), Cl.bool(true)], deployer), "oracle", "ERR-NOT-AUTHORIZED");
    expectDexErr(
      simnet.callPublicFn("dex-proxy", "oracle-report", [id(), Cl.principal(dave), Cl.uint(5000), Cl.uint(now() - 1n), Cl.uint(1)], reporter),
      "oracle",
      "ERR-NOT-REPORTER",
    );
    // the proxy as a reporter in its own name works
    expect(oracleCall("set-reporter", [Cl.principal(DEX_PROXY), Cl.bool(true)], deployer).result).toBeOk(Cl.bool(true));
    expect(simnet.callPublicFn("dex-proxy", "oracle-report", [id(), Cl.principal(dave), Cl.uint(5000), Cl.uint(now() - 1n), Cl.uint(1)], alice).result).toBeOk(Cl.uint(2n));
  });
});
