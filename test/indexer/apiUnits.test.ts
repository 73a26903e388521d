/**
 * The API's guards on their own, without a chain or Ponder: the token bucket (with a fake clock),
 * client keys, the GraphQL page-size lexer, the limits' environment parsing, the account
 * parameter (EVM addresses and Stacks principals), the leaderboard's `group` and the indexed
 * chains' labels (GET /chains).
 *
 * Run: npx tsx --test test/indexer/apiUnits.test.ts
 */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { Hono } from "hono";
import { HTTPException } from "hono/http-exception";
import { indexedChain } from "../../indexer/src/api/chains.ts";
import { accountFamily, addressParam, leaderboardGroupParam, stacksPrincipalError } from "../../indexer/src/api/params.ts";
import { checkPagination, lex } from "../../indexer/src/api/graphqlGuard.ts";
import { readLimits } from "../../indexer/src/api/limits.ts";
import { clientKey, rateLimit } from "../../indexer/src/api/rateLimit.ts";

describe("API guards (unit)", () => {
  test("token bucket: burst, refill, Retry-After, one bucket per client", async () => {
    let now = 1_000_000;
    const app = new Hono();
    app.use("*", rateLimit({ ratePerSecond: 2, burst: 3, trustProxy: false, now: () => now }));
    app.get("/", (c) => c.text("ok"));
    const from = (address: string) => app.request("/", {}, { incoming: { socket: { remoteAddress: address } } });

    for (let i = 0; i < 3; i++) assert.equal((await from("203.0.113.7")).status, 200);
    const limited = await from("203.0.113.7");
    assert.equal(limited.status, 429);
    assert.equal(limited.headers.get("retry-after"), "1");
    assert.match(((await limited.json()) as { error: string }).error, /at most 2 per second \(bursts of 3\)/);
    assert.equal((await from("203.0.113.8")).status, 200, "another client has its own bucket");
    assert.equal((await from("::ffff:203.0.113.7")).status, 429, "IPv4-mapped IPv6 is the same client");
    now += 500; // one token back
    const again = await from("203.0.113.7");
    assert.equal(again.status, 200);
    assert.equal(again.headers.get("ratelimit-remaining"), "0");
    assert.equal((await from("203.0.113.7")).status, 429);
    now += 60_000; // idle buckets are swept; a full bucket again
    for (let i = 0; i < 3; i++) assert.equal((await from("203.0.113.7")).status, 200);
  });

  test("IPv6 clients share a bucket per /64; X-Forwarded-For only when trusted", async () => {
    assert.equal(clientKey("2001:db8:1:2:aaaa::1"), "2001:db8:1:2::/64");
    assert.equal(clientKey("2001:0db8:0001:0002:ffff:ffff:ffff:ffff"), "2001:db8:1:2::/64");
    assert.equal(clientKey("::1"), "0:0:0:0::/64");
    assert.equal(clientKey("::ffff:127.0.0.1"), "127.0.0.1");
    assert.equal(clientKey("fe80::1%eth0"), "fe80:0:0:0::/64");

    const app = new Hono();
    app.use("*", rateLimit({ ratePerSecond: 1, burst: 1, trustProxy: true, now: () => 0 }));
    app.get("/", (c) => c.text("ok"));
    const via = (forwarded: string) =>
      app.request("/", { headers: { "x-forwarded-for": forwarded } }, { incoming: { socket: { remoteAddress: "10.0.0.1" } } });
    assert.equal((await via("198.51.100.1, 192.0.2.1")).status, 200);
    assert.equal((await via("198.51.100.99, 192.0.2.1")).status, 429, "the proxy's hop (last), not the client's claim (first)");
    assert.equal((await via("192.0.2.2")).status, 200);
  });

  test("GraphQL page caps: literals, variables, defaults; strings, comments and aliases are not arguments", () => {
    const caps = { maxLimit: 1000, maxOffset: 10_000 };
    assert.equal(checkPagination("{ escrows(limit: 1000, offset: 10000) { items { id } } }", {}, caps), undefined);
    assert.match(checkPagination("{ escrows(limit: 1001) { items { id } } }", {}, caps)!, /Invalid limit 1001/);
    assert.match(checkPagination("{ a { items { b(offset: 10001) { items { id } } } } }", {}, caps)!, /Invalid offset 10001/);
    assert.match(checkPagination("query($n: Int!) { escrows(limit: $n) { items { id } } }", { n: 5000 }, caps)!, /\$n = 5000/);
    assert.equal(checkPagination("query($n: Int!) { escrows(limit: $n) { items { id } } }", { n: 50 }, caps), undefined);
    assert.match(checkPagination("query($n: Int = 2000) { escrows(limit: $n) { items { id } } }", {}, caps)!, /\$n = 2000/);
    assert.equal(checkPagination("query($n: Int = 2000) { escrows(limit: $n) { items { id } } }", { n: 10 }, caps), undefined);
    assert.match(checkPagination("{ escrows(limit: -5) { items { id } } }", {}, caps)!, /must not be negative/);
    assert.equal(checkPagination('{ escrows(where: { status: "limit: 5000" }) { items { id } } } # limit: 5000', {}, caps), undefined);
    assert.equal(checkPagination('{ escrows(where: { status: """limit: 5000 \\""" limit: 9""" }) { items { id } } }', {}, caps), undefined);
    assert.equal(checkPagination("{ limit: escrows { items { id } } }", {}, caps), undefined, "an alias named limit");
    assert.equal(lex('{ a(b: "unterminated) }'), undefined, "not GraphQL: left to the server");
  });

  test("limits from the environment: defaults, overrides, refusals", () => {
    const defaults = readLimits({});
    assert.deepEqual(
      [defaults.ratePerSecond, defaults.burst, defaults.maxLimit, defaults.maxOffset, defaults.maxDepth, defaults.maxAliases, defaults.maxTokens, defaults.maxBodyBytes, defaults.maxSqlLength, defaults.trustProxy],
      [60, 120, 1000, 10_000, 10, 20, 1000, 65_536, 5000, false],
    );
    const set = readLimits({ WORX_API_RATE_LIMIT: "0", WORX_API_MAX_LIMIT: "100", WORX_API_TRUST_PROXY: "1" });
    assert.deepEqual([set.ratePerSecond, set.maxLimit, set.trustProxy], [0, 100, true]);
    assert.throws(() => readLimits({ WORX_API_MAX_LIMIT: "5000" }), /WORX_API_MAX_LIMIT="5000": expected an integer from 1 to 1000/);
    assert.throws(() => readLimits({ WORX_API_RATE_LIMIT: "fast" }), /WORX_API_RATE_LIMIT/);
  });

  test("account parameter: EVM addresses lowercased, Stacks principals (standard and contract) checked and kept", () => {
    const evm = "0xAbCdEf0123456789aBcDeF0123456789AbCdEf01";
    assert.equal(addressParam(evm, "address"), evm.toLowerCase());
    // The simnet deployer (testnet single-sig), a mainnet single-sig and multi-sig, a testnet multi-sig.
    const deployer = "ST1PQHQKV0RJXZFY1DGX8MNSNYVE3VGZJSRTPGZGM";
    for (const ok of [deployer, "SP2JA9954MJJA9954MJJA9954MJJA9954MJKV1MND", "SM3ZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZWA6WT2F", "SN000000000000000000003YDHWKJ", `${deployer}.escrow`, `${deployer}.dao-token`, `${deployer}.A_b-9`, `${deployer}.${"x".repeat(40)}`]) {
      assert.equal(stacksPrincipalError(ok), undefined, ok);
      assert.equal(addressParam(ok, "address"), ok, "kept as printed (c32 is uppercase)");
    }
    const refused = (value: string, message: RegExp) => {
      assert.throws(
        () => addressParam(value, "party"),
        (e: unknown) => e instanceof HTTPException && e.status === 400 && message.test(e.message) && e.message.startsWith(`Invalid party "${value}"`),
        value,
      );
    };
    refused("0x1234", /expected a 0x-prefixed 20-byte hex address \(or a Stacks principal\)/);
    refused(`0x${"g".repeat(40)}`, /0x-prefixed 20-byte hex/);
    refused("ST1PQHQKV0RJXZFY1DGX8MNSNYVE3VGZJSRTPGZGN", /c32 checksum does not match/); // last character changed
    refused("ST1PQHQKV0RJXZFY1DGX8MNSNYVE3VGZJSRTPGZGm", /not a Stacks address/); // lowercase is not how principals print
    refused("SX1PQHQKV0RJXZFY1DGX8MNSNYVE3VGZJSRTPGZGM", /not a Stacks address/); // no such version
    refused("ST1PQHQKV0RJXZFY1DGX8MNSNYVE3VGZJSRTPGZGO", /not a Stacks address/); // O is not c32
    refused(`${deployer}.`, /not a contract name/);
    refused(`${deployer}.9lives`, /not a contract name/);
    refused(`${deployer}.a.b`, /not a contract name/);
    refused(`${deployer}.${"x".repeat(41)}`, /not a contract name/);
    refused("alice.btc", /expected an EVM address \(0x and 40 hex digits\) or a Stacks principal/);
    refused("", /expected an EVM address/);
  });

  test("leaderboard group: account by default, chain on request, anything else a 400 saying both", () => {
    assert.equal(leaderboardGroupParam(undefined), "account");
    assert.equal(leaderboardGroupParam(""), "account");
    assert.equal(leaderboardGroupParam("account"), "account");
    assert.equal(leaderboardGroupParam("chain"), "chain");
    for (const bad of ["chains", "CHAIN", "all", "account,chain"]) {
      assert.throws(
        () => leaderboardGroupParam(bad),
        (e: unknown) => e instanceof HTTPException && e.status === 400 && e.message.startsWith(`Invalid group "${bad}"`) && /account .* or chain/.test(e.message),
        bad,
      );
    }
  });

  test("accounts: an EVM address and a Stacks principal are different identities", () => {
    assert.equal(accountFamily(addressParam("0xAbCdEf0123456789aBcDeF0123456789AbCdEf01", "address")), "evm");
    assert.equal(accountFamily(addressParam("ST1PQHQKV0RJXZFY1DGX8MNSNYVE3VGZJSRTPGZGM", "address")), "stacks");
    assert.equal(accountFamily(addressParam("ST1PQHQKV0RJXZFY1DGX8MNSNYVE3VGZJSRTPGZGM.escrow", "address")), "stacks");
  });

  test("indexed chains: Ponder chain ids back to CAIP-2 ids and registry names, block time from the checkpoint", () => {
    // A checkpoint: 10 digits of block time, then chain id, block number, tx and event indexes (75 digits in all).
    const checkpoint = (time: number) => `${String(time).padStart(10, "0")}${"0".repeat(65)}`;
    assert.deepEqual(indexedChain(31337, checkpoint(1_700_000_000)), { chainId: "eip155:31337", family: "evm", name: "Local Hardhat", latestBlockTime: "1700000000" });
    assert.deepEqual(indexedChain(0x5354_0000_0000 + 0x8000_0000, checkpoint(1_700_000_123)), {
      chainId: "stacks:2147483648",
      family: "stacks",
      name: "Stacks Testnet",
      latestBlockTime: "1700000123",
    });
    assert.equal(indexedChain(0x5354_0000_0001, checkpoint(5)).chainId, "stacks:1");
    assert.deepEqual(indexedChain(999_999, null), { chainId: "eip155:999999", family: "evm", name: "eip155:999999", latestBlockTime: null }, "unknown to the registry: named by its id");
    assert.equal(indexedChain(31337, checkpoint(0)).latestBlockTime, null, "nothing indexed yet");
  });
});
