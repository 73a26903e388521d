// creator-coin.clar (the template) and creator-factory.clar: launch checks,
// supply schedule, revenue sharing (property test against an exact model),
// premium access, contract-caller checks.
import { beforeEach, describe, expect, it } from "vitest";
import { Cl, serializeCV } from "@stacks/transactions";
import { completeJobs, prng, ratingsOf } from "./helpers.ts";
import {
  BASE,
  COIN_SOURCE,
  FACTORY,
  NO_PROTECTIONS,
  ONE,
  ORACLE,
  POOLS,
  TEMPLATE,
  addLiquidity,
  alice,
  baseBalance,
  bob,
  carol,
  coinBalance,
  coinTransfer,
  creatorId,
  dave,
  deployCoin,
  deployer,
  dexEvents,
  dexSetup,
  expectDexErr,
  factoryCall,
  paramsCV,
  reporter,
  launchCall,
  launchedCoin,
  mintBase,
  report,
  roValue,
  setParams,
  swapIn,
} from "./dex.helpers.ts";

const coinRo = (coin: string, fn: string, args: any[] = []) => roValue(coin, fn, args);
const deposit = (coin: string, amount: bigint, by: string) => simnet.callPublicFn(coin, "deposit-revenue", [Cl.principal(BASE), Cl.uint(amount)], by);
const claim = (coin: string, by: string) => simnet.callPublicFn(coin, "claim-revenue", [Cl.principal(BASE)], by);
const release = (coin: string, index: number | bigint, by = bob, oracle = ORACLE) => simnet.callPublicFn(coin, "release", [Cl.principal(oracle), Cl.uint(index)], by);
/** Revenue sharing rounds down per holder (at most 1 unit here, see the coin's header). */
const expectAbout = (actual: bigint, exact: bigint) => expect(actual <= exact && actual >= exact - 1n, `${actual} is not ${exact} (-1)`).toBe(true);
const claimable = (coin: string, who: string) => coinRo(coin, "get-claimable-revenue", [Cl.principal(who)]) as bigint;

describe("creator factory: launch", () => {
  beforeEach(() => dexSetup());

  it("launches a creator's own template copy: initialized, minted, pool registered and excluded", () => {
    expect(report("dave", dave, 1_200n, 1n).result).toBeOk(Cl.uint(1n));
    const coin = deployCoin(dave);
    const r = launchCall(coin, "dave");
    expect(r.result).toBeOk(Cl.principal(coin));
    expect(dexEvents(r, FACTORY)).toEqual([
      {
        topic: "coin-launched",
        "creator-id": expect.anything(),
        creator: dave,
        coin,
        pool: POOLS,
        "initial-supply": 1_000_000n * ONE,
        "max-supply": 1_500_000n * ONE,
        "holder-share-bps": 1000n,
      },
    ]);
    expect(dexEvents(r, coin)).toEqual([{ topic: "revenue-exclusion-updated", account: POOLS, excluded: true }]);
    expect(coinBalance(coin, dave)).toBe(1_000_000n * ONE);
    expect(coinRo(coin, "get-name")).toBe("Dave Coin");
    expect(coinRo(coin, "get-symbol")).toBe("DAVE");
    expect(coinRo(coin, "get-decimals")).toBe(6n);
    expect(coinRo(coin, "get-config")).toMatchObject({ factory: FACTORY, creator: dave, oracle: ORACLE, "base-token": BASE, "first-release-index": 1n, "max-supply": 1_500_000n * ONE });
    expect(coinRo(coin, "is-revenue-excluded", [Cl.principal(POOLS)])).toBe(true);
    expect(coinRo(coin, "get-eligible-supply")).toBe(1_000_000n * ONE);
    expect(roValue("creator-factory", "get-coin-of", [Cl.buffer(creatorId("dave"))])).toBe(coin);
    expect(roValue("creator-factory", "get-coin-count")).toBe(1n);
    expect(roValue("creator-factory", "get-coin-at", [Cl.uint(0)])).toBe(coin);
    expect(roValue("creator-pool", "get-params", [Cl.principal(coin)])).toEqual({
      "swap-fee-bps": 30n,
      "protocol-share-bps": 1667n,
      "daily-volume-limit": 10_000n * ONE,
      cooldown: 30n,
      "max-price-move-bps": 2500n,
      "breaker-window": 3600n,
      "cool-off": 3600n,
      "max-price-impact-bps": 1000n,
    });
    expect(roValue("creator-pool", "get-pool", [Cl.principal(coin)])).toMatchObject({ base: BASE, "fee-recipient": `${deployer}.fee-splitter`, "reserve-coin": 0n });
    // the launching wallet is the pool's creator: the only one allowed to make its first deposit
    expect(roValue("creator-pool", "get-pool-creator", [Cl.principal(coin)])).toBe(dave);
  });

  it("refuses a caller that is not the creator (also the creator's call relayed by a contract)", () => {
    expect(report("dave", dave, 1_200n, 1n).result).toBeOk(Cl.uint(1n));
    const coin = deployCoin(dave);
    expectDexErr(launchCall(coin, "dave", { by: alice }), "factory", "ERR-NOT-CREATOR");
    expectDexErr(launchCall(coin, "nobody", { by: dave }), "factory", "ERR-NOT-CREATOR");
    expectDexErr(simnet.callPublicFn("dex-proxy", "factory-launch", [Cl.principal(coin), Cl.buffer(creatorId("dave"))], dave), "factory", "ERR-NOT-CREATOR");
  });

  it("refuses a launch before the launch milestone, and at it after a governed change", () => {
    expect(report("dave", dave, 999n, 1n).result).toBeOk(Cl.uint(0n));
    const coin = deployCoin(dave);
    expectDexErr(launchCall(coin, "dave"), "factory", "ERR-LAUNCH-MILESTONE-NOT-REACHED");
    expect(simnet.callPublicFn("metrics-oracle", "set-launch-milestone-index", [Cl.uint(1)], deployer).result).toBeOk(Cl.bool(true));
    expect(report("dave", dave, 1_000n, 2n).result).toBeOk(Cl.uint(1n));
    expectDexErr(launchCall(coin, "dave"), "factory", "ERR-LAUNCH-MILESTONE-NOT-REACHED");
    expect(report("dave", dave, 5_000n, 3n).result).toBeOk(Cl.uint(2n));
    expect(launchCall(coin, "dave").result).toBeOk(Cl.principal(coin));
    // releases start after the launch milestone of launch time
    expect(coinRo(coin, "get-config")).toMatchObject({ "first-release-index": 2n });
  });

  it("refuses a second launch for the same creator id", () => {
    const coin = launchedCoin();
    const again = deployCoin(dave);
    expectDexErr(launchCall(again, "dave"), "factory", "ERR-ALREADY-LAUNCHED");
    expectDexErr(launchCall(coin, "dave"), "factory", "ERR-ALREADY-LAUNCHED");
  });

  it("refuses a contract whose code is not the template (wrong code hash), and follows a governed hash", () => {
    expect(report("dave", dave, 1_200n, 1n).result).toBeOk(Cl.uint(1n));
    const forged = deployCoin(dave, COIN_SOURCE.replace("(define-constant BPS-DENOMINATOR u10000)", "(define-constant BPS-DENOMINATOR u1)"));
    expectDexErr(launchCall(forged, "dave"), "factory", "ERR-WRONG-CODE-HASH");
    const commented = deployCoin(dave, COIN_SOURCE + "\n;; one more comment\n");
    expectDexErr(launchCall(commented, "dave"), "factory", "ERR-WRONG-CODE-HASH");
    // the default is this deployment's own template copy; a copy by another deployer hashes the same
    const copy = deployCoin(dave);
    expect(roValue("creator-factory", "get-code-hash-of", [Cl.principal(copy)])).toEqual(roValue("creator-factory", "get-coin-code-hash"));
    expect(roValue("creator-factory", "get-code-hash-of", [Cl.principal(TEMPLATE)])).toEqual(roValue("creator-factory", "get-coin-code-hash"));
    // governance moves to another template: the old one is refused
    const newHash = roValue("creator-factory", "get-code-hash-of", [Cl.principal(commented)]) as string;
    expectDexErr(factoryCall("set-coin-code-hash", [Cl.bufferFromHex(newHash)], alice), "factory", "ERR-NOT-AUTHORIZED");
    expect(factoryCall("set-coin-code-hash", [Cl.bufferFromHex(newHash)], deployer).result).toBeOk(Cl.bool(true));
    expectDexErr(launchCall(copy, "dave"), "factory", "ERR-WRONG-CODE-HASH");
    expect(launchCall(commented, "dave").result).toBeOk(Cl.principal(commented));
  });

  it("refuses a copy deployed by someone else, or initialized outside the factory", () => {
    expect(report("alice", alice, 1_200n, 1n).result).toBeOk(Cl.uint(1n));
    const davesCopy = deployCoin(dave);
    expectDexErr(launchCall(davesCopy, "alice", { by: alice }), "coin", "ERR-NOT-DEPLOYER");
    // alice initializes her own copy directly: it can never be listed
    const own = deployCoin(alice);
    const direct = simnet.callPublicFn(
      own,
      "initialize",
      [Cl.buffer(creatorId("alice")), Cl.principal(alice), Cl.stringAscii("A"), Cl.stringAscii("A"), Cl.principal(BASE), Cl.principal(ORACLE), Cl.uint(1000), Cl.uint(ONE), Cl.uint(1), Cl.list([])],
      alice,
    );
    expect(direct.result).toBeOk(Cl.uint(ONE));
    expectDexErr(launchCall(own, "alice", { by: alice }), "coin", "ERR-ALREADY-INITIALIZED");
    expect(roValue("creator-factory", "get-creator-id-of", [Cl.principal(own)])).toBeNull();
    // and the factory's exclusions do not reach it (its factory is alice)
    expectDexErr(simnet.callPublicFn(own, "set-revenue-excluded", [Cl.principal(bob), Cl.bool(true)], bob), "coin", "ERR-NOT-FACTORY");
  });

  it("refuses launching before governance set the base token, a holder share above 100% and a supply above the bound", () => {
    expect(report("dave", dave, 1_200n, 1n).result).toBeOk(Cl.uint(1n));
    const coin = deployCoin(dave);
    expectDexErr(launchCall(coin, "dave", { holderShareBps: 10_001n }), "coin", "ERR-INVALID-HOLDER-SHARE");
    expectDexErr(launchCall(coin, "dave", { initialSupply: 10n ** 17n, releases: [1n] }), "coin", "ERR-SUPPLY-TOO-LARGE");
    expectDexErr(launchCall(coin, "dave", { initialSupply: 1n, releases: [2n ** 127n, 2n ** 127n] }), "coin", "ERR-SUPPLY-TOO-LARGE");
    expect(launchCall(coin, "dave", { initialSupply: 10n ** 17n - 1n, releases: [1n] }).result).toBeOk(Cl.principal(coin));
    // the base token is locked after the first launch
    expectDexErr(factoryCall("set-base-token", [Cl.principal(`${deployer}.hostile-sip010`)], deployer), "factory", "ERR-BASE-TOKEN-LOCKED");
  });

  it("governs the defaults (validated like the pool's), the fee recipient, and refuses relayed admin calls", () => {
    const bad = { ...NO_PROTECTIONS, maxPriceMoveBps: 100n, breakerWindow: 60n, coolOff: 0n };
    expectDexErr(factoryCall("set-default-pool-params", [paramsCV(bad)], deployer), "factory", "ERR-INVALID-PARAMS");
    expectDexErr(factoryCall("set-default-pool-params", [paramsCV({ ...NO_PROTECTIONS, swapFeeBps: 1001n })], deployer), "factory", "ERR-INVALID-PARAMS");
    const r = factoryCall("set-default-pool-params", [paramsCV(NO_PROTECTIONS)], deployer);
    expect(r.result).toBeOk(Cl.bool(true));
    expect(dexEvents(r, FACTORY)[0].topic).toBe("default-pool-params-updated");
    expectDexErr(factoryCall("set-fee-recipient", [Cl.principal(FACTORY)], deployer), "factory", "ERR-INVALID-PRINCIPAL");
    expect(factoryCall("set-fee-recipient", [Cl.principal(carol)], deployer).result).toBeOk(Cl.bool(true));
    expectDexErr(simnet.callPublicFn("dex-proxy", "factory-set-fee-recipient", [Cl.principal(alice)], deployer), "factory", "ERR-NOT-AUTHORIZED");
    const coin = launchedCoin();
    expect(roValue("creator-pool", "get-params", [Cl.principal(coin)])).toMatchObject({ cooldown: 0n, "daily-volume-limit": 0n });
    expect(roValue("creator-pool", "get-pool", [Cl.principal(coin)])).toMatchObject({ "fee-recipient": carol });
    // execute payloads (the multisig's call)
    const payload = (v: any) => Cl.buffer(Buffer.from(serializeCV(v), "hex"));
    const op = Cl.buffer(new Uint8Array(32));
    expect(factoryCall("execute", [op, payload(Cl.tuple({ action: Cl.stringAscii("set-fee-recipient"), args: Cl.tuple({ value: Cl.principal(bob) }) }))], deployer).result).toBeOk(Cl.bool(true));
    expect(roValue("creator-factory", "get-fee-recipient")).toBe(bob);
    expect(factoryCall("execute", [op, payload(Cl.tuple({ action: Cl.stringAscii("set-default-pool-params"), args: Cl.tuple({ params: paramsCV({ ...NO_PROTECTIONS, cooldown: 60n }) }) }))], deployer).result).toBeOk(Cl.bool(true));
    expect(roValue("creator-factory", "get-default-pool-params")).toMatchObject({ cooldown: 60n });
    expectDexErr(factoryCall("execute", [op, payload(Cl.tuple({ action: Cl.stringAscii("set-base-token"), args: Cl.tuple({ value: Cl.principal(BASE) }) }))], deployer), "factory", "ERR-BASE-TOKEN-LOCKED");
    expectDexErr(factoryCall("execute", [op, payload(Cl.tuple({ action: Cl.stringAscii("launch"), args: Cl.tuple({ value: Cl.principal(BASE) }) }))], deployer), "factory", "ERR-INVALID-ACTION");
  });
});

describe("creator coin: supply schedule", () => {
  beforeEach(() => dexSetup());

  it("releases each later milestone's supply once, to the creator, triggered by anyone", () => {
    const coin = launchedCoin({ releases: [250_000n * ONE, 0n, 100n * ONE] });
    expectDexErr(release(coin, 0), "coin", "ERR-NOTHING-TO-RELEASE"); // the launch milestone
    expectDexErr(release(coin, 2), "coin", "ERR-NOTHING-TO-RELEASE"); // a zero entry
    expectDexErr(release(coin, 4), "coin", "ERR-NOTHING-TO-RELEASE"); // past the schedule
    expectDexErr(release(coin, 1), "coin", "ERR-MILESTONE-NOT-REACHED");
    expect(report("dave", dave, 5_000n, 2n).result).toBeOk(Cl.uint(2n));
    // an oracle other than the launch's is refused
    simnet.deployContract("fake-oracle", "(define-read-only (is-milestone-reached (id (buff 32)) (i uint)) (ok true))", { clarityVersion: 4 }, bob);
    expectDexErr(release(coin, 3, bob, `${bob}.fake-oracle`), "coin", "ERR-WRONG-ORACLE");
    const r = release(coin, 1, bob);
    expect(r.result).toBeOk(Cl.uint(250_000n * ONE));
    expect(dexEvents(r, coin)).toEqual([{ topic: "supply-released", "milestone-index": 1n, amount: 250_000n * ONE }]);
    expect(coinBalance(coin, dave)).toBe(1_250_000n * ONE);
    expect(coinRo(coin, "is-released", [Cl.uint(1)])).toBe(true);
    expectDexErr(release(coin, 1, alice), "coin", "ERR-ALREADY-RELEASED");
    expectDexErr(release(coin, 3), "coin", "ERR-MILESTONE-NOT-REACHED");
    expect(report("dave", dave, 20_000n, 3n).result).toBeOk(Cl.uint(4n));
    expect(release(coin, 3, carol).result).toBeOk(Cl.uint(100n * ONE));
    expect(coinRo(coin, "get-total-supply")).toBe(coinRo(coin, "get-max-supply") as bigint);
  });
});

describe("creator coin: revenue sharing", () => {
  beforeEach(() => dexSetup());

  it("credits holders pro rata at deposit time, the rest to the creator; transfers keep what was earned", () => {
    const coin = launchedCoin();
    expect(coinTransfer(coin, 100_000n * ONE, dave, alice).result).toBeOk(Cl.bool(true));
    mintBase(carol, 10_000n * ONE);
    const r = deposit(coin, 1_000n * ONE, carol);
    expect(r.result).toBeOk(Cl.uint(100n * ONE));
    expect(dexEvents(r, coin)).toEqual([{ topic: "revenue-deposited", from: carol, amount: 1_000n * ONE, "holder-amount": 100n * ONE, "creator-amount": 900n * ONE }]);
    expectAbout(claimable(coin, alice), 10n * ONE);
    expectAbout(claimable(coin, dave), 990n * ONE);
    // alice sends everything to bob: bob earns nothing from the past deposit
    expect(coinTransfer(coin, 100_000n * ONE, alice, bob).result).toBeOk(Cl.bool(true));
    expectAbout(claimable(coin, alice), 10n * ONE);
    expect(claimable(coin, bob)).toBe(0n);
    expect(deposit(coin, 1_000n * ONE, carol).result).toBeOk(Cl.uint(100n * ONE));
    expectAbout(claimable(coin, alice), 10n * ONE);
    expectAbout(claimable(coin, bob), 10n * ONE);
    const owed = claimable(coin, alice);
    const c = claim(coin, alice);
    expect(c.result).toBeOk(Cl.uint(owed));
    expect(dexEvents(c, coin)).toEqual([{ topic: "revenue-claimed", account: alice, amount: owed }]);
    expect(baseBalance(alice)).toBe(owed);
    expectDexErr(claim(coin, alice), "coin", "ERR-NOTHING-TO-CLAIM");
    const daves = claimable(coin, dave);
    expectAbout(daves, 1_980n * ONE);
    expect(claim(coin, dave).result).toBeOk(Cl.uint(daves));
    expect(coinRo(coin, "get-creator-revenue")).toBe(0n);
    expect(coinRo(coin, "get-claimed-revenue", [Cl.principal(alice)])).toBe(owed);
  });

  it("keeps liquidity in the pool out of revenue, refuses wrong tokens and empty deposits, gives the holders' share to the creator with no eligible supply", () => {
    const coin = launchedCoin({ initialSupply: 1_000n * ONE, releases: [] });
    mintBase(dave, 100_000n * ONE);
    expect(addLiquidity(coin, 500n * ONE, 5_000n * ONE, dave).result).toBeOk(expect.anything());
    expect(coinRo(coin, "get-eligible-supply")).toBe(500n * ONE);
    expect(deposit(coin, 100n * ONE, dave).result).toBeOk(Cl.uint(10n * ONE));
    expect(claimable(coin, POOLS)).toBe(0n);
    expectAbout(claimable(coin, dave), 100n * ONE); // 90 creator + all 10 (dave holds every eligible coin)
    expectDexErr(deposit(coin, 0n, dave), "coin", "ERR-INVALID-DEPOSIT");
    expectDexErr(simnet.callPublicFn(coin, "deposit-revenue", [Cl.principal(`${deployer}.hostile-sip010`), Cl.uint(1)], dave), "coin", "ERR-WRONG-BASE-TOKEN");
    expectDexErr(simnet.callPublicFn(coin, "claim-revenue", [Cl.principal(`${deployer}.hostile-sip010`)], dave), "coin", "ERR-WRONG-BASE-TOKEN");
    // everything in the pool: no eligible supply, the creator gets it all
    expect(addLiquidity(coin, 500n * ONE, 5_000n * ONE, dave).result).toBeOk(expect.anything());
    expect(coinRo(coin, "get-eligible-supply")).toBe(0n);
    expect(deposit(coin, 100n * ONE, dave).result).toBeOk(Cl.uint(0n));
    expectAbout(claimable(coin, dave), 200n * ONE);
  });

  it("excludes another account only through governance + anyone applying it, keeping what it earned", () => {
    const coin = launchedCoin();
    expect(coinTransfer(coin, 500_000n * ONE, dave, carol).result).toBeOk(Cl.bool(true));
    mintBase(dave, 10_000n * ONE);
    expect(deposit(coin, 1_000n * ONE, dave).result).toBeOk(Cl.uint(100n * ONE));
    expectDexErr(factoryCall("set-revenue-excluded", [Cl.principal(coin), Cl.principal(carol), Cl.bool(true)], alice), "factory", "ERR-NOT-AUTHORIZED");
    expectDexErr(factoryCall("set-revenue-excluded", [Cl.principal(TEMPLATE), Cl.principal(carol), Cl.bool(true)], deployer), "factory", "ERR-UNKNOWN-COIN");
    expectDexErr(factoryCall("apply-revenue-exclusion", [Cl.principal(coin), Cl.principal(carol)], alice), "factory", "ERR-NO-EXCLUSION-REQUEST");
    expect(factoryCall("set-revenue-excluded", [Cl.principal(coin), Cl.principal(carol), Cl.bool(true)], deployer).result).toBeOk(Cl.bool(true));
    expect(factoryCall("apply-revenue-exclusion", [Cl.principal(coin), Cl.principal(carol)], alice).result).toBeOk(Cl.bool(true));
    expect(coinRo(coin, "is-revenue-excluded", [Cl.principal(carol)])).toBe(true);
    expectAbout(claimable(coin, carol), 50n * ONE);
    expect(deposit(coin, 1_000n * ONE, dave).result).toBeOk(Cl.uint(100n * ONE));
    expectAbout(claimable(coin, carol), 50n * ONE); // earns nothing while excluded
    expect(factoryCall("set-revenue-excluded", [Cl.principal(coin), Cl.principal(carol), Cl.bool(true)], deployer).result).toBeOk(Cl.bool(true));
    expectDexErr(factoryCall("apply-revenue-exclusion", [Cl.principal(coin), Cl.principal(carol)], alice), "coin", "ERR-EXCLUSION-UNCHANGED");
    // direct calls by anyone but the factory are refused
    expectDexErr(simnet.callPublicFn(coin, "set-revenue-excluded", [Cl.principal(carol), Cl.bool(false)], deployer), "coin", "ERR-NOT-FACTORY");
  });

  it("refuses revenue calls on a copy never launched, and deposits the payer cannot pay", () => {
    const copy = deployCoin(dave);
    expectDexErr(deposit(copy, ONE, dave), "coin", "ERR-NOT-INITIALIZED");
    expectDexErr(claim(copy, dave), "coin", "ERR-NOT-INITIALIZED");
    expectDexErr(release(copy, 1), "coin", "ERR-NOT-INITIALIZED");
    expectDexErr(simnet.callPublicFn(copy, "set-revenue-excluded", [Cl.principal(bob), Cl.bool(true)], dave), "coin", "ERR-NOT-INITIALIZED");
    expect(coinRo(copy, "get-max-supply")).toBe(0n);
    const coin = launchedCoin();
    expectDexErr(deposit(coin, ONE, bob), "coin", "ERR-TRANSFER-FAILED"); // bob holds no dUSD
  });

  it("refuses a transfer signed by anyone but the owner", () => {
    const coin = launchedCoin();
    expectDexErr(simnet.callPublicFn(coin, "transfer", [Cl.uint(1), Cl.principal(dave), Cl.principal(alice), Cl.none()], alice), "coin", "ERR-NOT-TOKEN-OWNER");
  });

  // Property: random transfers, deposits, claims and pool trades; every
  // account's earned revenue stays within 3 units of an exact (rational)
  // pro-rata model, holders never earn more than their shares in total, and
  // the coin's base balance always covers what is claimable.
  for (const seed of [1, 2, 3, 4]) {
    it(`matches the exact pro-rata model across transfers and trades (seed ${seed})`, () => {
      const rand = prng(seed);
      const holderShare = BigInt(rand.pick([1000, 2500, 10_000, 333]));
      const coin = launchedCoin({ initialSupply: 1_000_000n * ONE, releases: [], holderShareBps: holderShare });
      expect(setParams(coin, NO_PROTECTIONS).result).toBeOk(Cl.bool(true));
      const people = [dave, alice, bob, carol];
      for (const p of people) mintBase(p, 1_000_000n * ONE);
      expect(addLiquidity(coin, 200_000n * ONE, 20_000n * ONE, dave).result).toBeOk(expect.anything());
      // exact model: earned[account] as a fraction num/den
      type Frac = { n: bigint; d: bigint };
      const gcd = (a: bigint, b: bigint): bigint => (b === 0n ? (a < 0n ? -a : a) : gcd(b, a % b));
      const add = (x: Frac, y: Frac): Frac => {
        const n = x.n * y.d + y.n * x.d;
        const d = x.d * y.d;
        const g = gcd(n, d) || 1n;
        return { n: n / g, d: d / g };
      };
      const earned = new Map<string, Frac>(people.map((p) => [p, { n: 0n, d: 1n }]));
      const claimed = new Map<string, bigint>(people.map((p) => [p, 0n]));
      let creatorRevenue = 0n;
      let deposited = 0n;
      let paid = 0n;
      for (let step = 0; step < 30; step++) {
        const op = rand.int(0, 5);
        const who = rand.pick(people);
        if (op <= 1) {
          const to = rand.pick(people.filter((p) => p !== who));
          const balance = coinBalance(coin, who);
          if (balance === 0n) continue;
          const amount = rand.bigint(1n, balance);
          expect(coinTransfer(coin, amount, who, to).result).toBeOk(Cl.bool(true));
        } else if (op === 2) {
          const amount = rand.bigint(1n, 5_000n * ONE);
          const holderAmount = (amount * holderShare) / 10_000n;
          const eligible = people.reduce((s, p) => s + coinBalance(coin, p), 0n);
          expect(deposit(coin, amount, who).result).toBeOk(Cl.uint(eligible === 0n ? 0n : holderAmount));
          deposited += amount;
          if (eligible === 0n) creatorRevenue += amount;
          else {
            creatorRevenue += amount - holderAmount;
            for (const p of people) earned.set(p, add(earned.get(p)!, { n: holderAmount * coinBalance(coin, p), d: eligible }));
          }
        } else if (op === 3) {
          const expected = claimable(coin, who);
          const r = claim(coin, who);
          if (expected === 0n) expectDexErr(r, "coin", "ERR-NOTHING-TO-CLAIM");
          else {
            expect(r.result).toBeOk(Cl.uint(expected));
            paid += expected;
            claimed.set(who, claimed.get(who)! + expected - (who === dave ? creatorRevenue : 0n));
            if (who === dave) creatorRevenue = 0n;
          }
        } else {
          // a pool trade moves coins between a holder and the (excluded) pool
          const buy = op === 4;
          const amount = buy ? rand.bigint(1n * ONE, 500n * ONE) : rand.bigint(1n, coinBalance(coin, who) / 10n + 1n);
          if (!buy && coinBalance(coin, who) < amount) continue;
          expect(swapIn(coin, buy, amount, who).result).toBeOk(expect.anything());
        }
        // checks after every step
        let totalClaimable = 0n;
        for (const p of people) {
          const model = earned.get(p)!;
          const exact = model.n / model.d; // floor
          const contractEarned = claimable(coin, p) - (p === dave ? creatorRevenue : 0n) + claimed.get(p)!;
          expect(contractEarned - exact <= 3n && exact - contractEarned <= 3n, `seed ${seed} step ${step}: ${p} earned ${contractEarned}, model ${exact}`).toBe(true);
          totalClaimable += claimable(coin, p);
        }
        expect(claimable(coin, POOLS)).toBe(0n);
        expect(coinRo(coin, "get-eligible-supply")).toBe(people.reduce((s, p) => s + coinBalance(coin, p), 0n));
        // claims never exceed deposits; the balance covers every claim
        expect(baseBalance(coin)).toBe(deposited - paid);
        expect(totalClaimable <= baseBalance(coin)).toBe(true);
      }
    });
  }
});

describe("premium access", () => {
  beforeEach(() => dexSetup());

  it("accepts enough of a launched coin, or a held badge tier at or above the one asked", () => {
    const coin = launchedCoin();
    expect(coinTransfer(coin, 50n * ONE, dave, alice).result).toBeOk(Cl.bool(true));
    const access = (who: string, min: bigint, tier: number, c = coin) =>
      factoryCall("has-premium-access", [Cl.principal(c), Cl.principal(who), Cl.uint(min), Cl.uint(tier)], bob).result;
    expect(access(alice, 50n * ONE, 0)).toBeOk(Cl.bool(true));
    expect(access(alice, 50n * ONE + 1n, 0)).toBeOk(Cl.bool(false));
    expect(access(alice, 0n, 0)).toBeOk(Cl.bool(false));
    expect(roValue(coin, "has-access", [Cl.principal(alice), Cl.uint(50n * ONE)])).toBe(true);
    // a coin not launched here does not count
    const stray = deployCoin(alice);
    expect(access(alice, 1n, 0, stray)).toBeOk(Cl.bool(false));
    // badges: bob holds none
    expect(access(bob, 0n, 1)).toBeOk(Cl.bool(false));
    expect(roValue("creator-factory", "has-badge-access", [Cl.principal(bob), Cl.uint(1)])).toBe(false);
    expect(roValue("creator-factory", "has-badge-access", [Cl.principal(bob), Cl.uint(0)])).toBe(false);
    expect(roValue("creator-factory", "has-badge-access", [Cl.principal(bob), Cl.uint(6)])).toBe(false);
  });

  it("accepts a held badge (the real badges contract): Bronze for tier 1, not for tier 2", () => {
    const coin = launchedCoin();
    completeJobs(carol, ratingsOf(10)); // Bronze: 10 jobs, 95% satisfaction
    expect(simnet.callPublicFn("badges", "claim", [Cl.uint(1)], carol).result).toBeOk(expect.anything());
    const access = (tier: number) => factoryCall("has-premium-access", [Cl.principal(coin), Cl.principal(carol), Cl.uint(0), Cl.uint(tier)], bob).result;
    expect(access(1)).toBeOk(Cl.bool(true));
    expect(access(2)).toBeOk(Cl.bool(false));
    expect(roValue("creator-factory", "has-badge-access", [Cl.principal(carol), Cl.uint(1)])).toBe(true);
    expect(roValue("creator-factory", "has-badge-access", [Cl.principal(carol), Cl.uint(2)])).toBe(false);
  });
});

describe("creator factory: before the deploy's setup", () => {
  it("refuses a launch until governance set the base token, and a base token that is the coin itself", () => {
    expect(simnet.callPublicFn("metrics-oracle", "set-reporter", [Cl.principal(reporter), Cl.bool(true)], deployer).result).toBeOk(Cl.bool(true));
    expect(report("dave", dave, 1_200n, 1n).result).toBeOk(Cl.uint(1n));
    const coin = deployCoin(dave);
    expectDexErr(launchCall(coin, "dave"), "factory", "ERR-BASE-TOKEN-NOT-SET");
    expectDexErr(factoryCall("set-base-token", [Cl.principal(alice)], deployer), "factory", "ERR-INVALID-PRINCIPAL");
    expectDexErr(factoryCall("set-base-token", [Cl.principal(BASE)], alice), "factory", "ERR-NOT-AUTHORIZED");
    // a base token equal to the coin launched: the pool refuses identical tokens
    expect(factoryCall("set-base-token", [Cl.principal(coin)], deployer).result).toBeOk(Cl.bool(true));
    expectDexErr(launchCall(coin, "dave"), "pool", "ERR-IDENTICAL-TOKENS");
  });
});
