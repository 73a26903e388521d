/**
 * The indexer API's combined views (every chain at once, rows labelled with their chain) checked
 * over HTTP against a running Ponder: GET /chains, GET /leaderboard with `chainId=all` and
 * `group=chain|account`, GET /profiles/all/:address. Used by the Stacks ingestion test (a Stacks
 * principal's rows) and mirrored in the browser by test/e2e/multichain.test.ts (two EVM chains).
 */
import assert from "node:assert/strict";

export interface LeaderboardLine {
  chainId: string;
  chains: string[];
  freelancer: string;
  completedJobs: number;
  bestTier: string | null;
}

interface Page<T> {
  totalCount: number;
  limit: number;
  offset: number;
  items: T[];
}

export async function getJson<T>(url: string, expectedStatus = 200): Promise<T> {
  const res = await fetch(url);
  const body = (await res.json()) as T;
  assert.equal(res.status, expectedStatus, `${url}: ${JSON.stringify(body)}`);
  return body;
}

/**
 * `account` (a Stacks principal or an EVM address as the rows store it) has a leaderboard row on
 * `chain` with `completedJobs`: the per-chain view labels it with `chain`, the chain filter keeps it,
 * another chain's filter drops it, the account's profile over every chain has exactly its rows, and
 * bad input is a 400 with a message.
 */
export async function assertCombinedViews(apiUrl: string, { chain, account, completedJobs, family }: { chain: string; account: string; completedJobs: number; family: "evm" | "stacks" }): Promise<void> {
  const { items: indexed } = await getJson<Page<{ chainId: string; family: string; name: string; latestBlockTime: string | null }>>(`${apiUrl}/chains`);
  const listed = indexed.find((c) => c.chainId === chain);
  assert.ok(listed, `GET /chains lists ${chain}: ${JSON.stringify(indexed)}`);
  assert.equal(listed.family, chain.startsWith("stacks:") ? "stacks" : "evm");
  assert.ok(listed.latestBlockTime !== null, "its latest indexed block time");

  const perChain = await getJson<Page<LeaderboardLine> & { group: string }>(`${apiUrl}/leaderboard?chainId=all&group=chain&limit=1000`);
  assert.equal(perChain.group, "chain");
  assert.ok(perChain.items.every((r) => r.chainId !== "all" && r.chains.length === 1 && r.chains[0] === r.chainId), "every per-chain line is labelled with its own chain");
  const line = perChain.items.find((r) => r.freelancer === account && r.chainId === chain);
  assert.ok(line, `${account} on ${chain} in the all-chains leaderboard`);
  assert.equal(line.completedJobs, completedJobs);

  const filtered = await getJson<Page<LeaderboardLine>>(`${apiUrl}/leaderboard?chainId=${chain}&group=chain&limit=1000`);
  assert.ok(filtered.items.every((r) => r.chainId === chain), "the chain filter keeps that chain's lines only");
  assert.ok(filtered.items.some((r) => r.freelancer === account));
  const elsewhere = chain === "eip155:1" ? "eip155:137" : "eip155:1";
  const none = await getJson<Page<LeaderboardLine>>(`${apiUrl}/leaderboard?chainId=${elsewhere}&group=chain`);
  assert.equal(none.totalCount, 0, `nothing on ${elsewhere}`);

  // Paging as elsewhere: one line per page, the total unchanged.
  const first = await getJson<Page<LeaderboardLine>>(`${apiUrl}/leaderboard?group=chain&limit=1&offset=0`);
  assert.equal(first.items.length, Math.min(1, perChain.totalCount));
  assert.equal(first.totalCount, perChain.totalCount);

  const profile = await getJson<{ chainId: string; family: string; stats: LeaderboardLine; chains: { chainId: string; completedJobs: number }[] }>(`${apiUrl}/profiles/all/${account}`);
  assert.equal(profile.chainId, "all");
  assert.equal(profile.family, family);
  const own = perChain.items.filter((r) => r.freelancer === account);
  assert.deepEqual(profile.chains.map((r) => r.chainId).sort(), own.map((r) => r.chainId).sort(), "the profile has the account's line on every chain it has one");
  assert.equal(profile.stats.completedJobs, own.reduce((sum, r) => sum + r.completedJobs, 0), "and sums them");

  const bad = await getJson<{ error: string }>(`${apiUrl}/leaderboard?group=chains`, 400);
  assert.match(bad.error, /Invalid group "chains"/);
  const badChain = await getJson<{ error: string }>(`${apiUrl}/leaderboard?chainId=stacks`, 400);
  assert.match(badChain.error, /expected a CAIP-2 id/);
}
