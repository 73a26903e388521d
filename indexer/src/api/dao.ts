/**
 * The DAO's REST routes (README "Indexer API" → DAO):
 *  - GET /dao/:chainId/proposals?state=&limit=&offset=: proposals, newest first, each with its
 *    derived `state`; `state` filters on it;
 *  - GET /dao/:chainId/proposals/:proposalId?limit=&offset=: one proposal, its derived state and
 *    quorum, and its votes (paged, in chain order);
 *  - GET /dao/:chainId/treasury?token=&limit=&offset=: the treasury's balance per token as its
 *    indexed flows add up, the flows (newest first, paged) and a daily series per token;
 *  - GET /dao/:chainId/members/:address: a member's WORX balance, votes, delegate, stakes, staking
 *    power and rewards.
 *
 * The state is OpenZeppelin Governor's `state(proposalId)`, derived from the stored status (the
 * proposal's own events), its times and tallies, and the chain's latest block time (read from the
 * chain's RPC, as `clock()` of the timestamp-clock token reads it): executed, canceled and queued as
 * stored; otherwise pending while now <= voteStart, active while now <= voteEnd, then succeeded when
 * for > against and for + abstain >= quorum, else defeated. On Stacks (proposal-voting) governance
 * times are block heights: "now" is then the latest block's height (`clock` in the answers), and
 * a proposal id is the proposal contract's principal.
 */
import { db, publicClients } from "ponder:api";
import schema from "ponder:schema";
import type { ProposalState } from "ponder:schema";
import type { Context, Hono } from "hono";
import { HTTPException } from "hono/http-exception";
import { and, asc, count, desc, eq, or, sql } from "ponder";
import type { Address, PublicClient } from "viem";
import { chainByCaip2 } from "../../../scripts/registry/chains.ts";
import type { ApiLimits } from "./limits.ts";
import { addressParam, badRequest, CAIP2, fail, pageParams, stacksPrincipalError, toJson, UINT } from "./params.ts";

export const PROPOSAL_STATES: readonly ProposalState[] = ["pending", "active", "canceled", "defeated", "succeeded", "queued", "executed"];

/** Boosts of the lock terms (IWorxToken.boostBps), by term name. */
const BOOST_BPS: Record<string, bigint> = { "30d": 10_000n, "90d": 15_000n, "180d": 20_000n };

/** Seconds per day, inlined in the SQL (a bound parameter in both SELECT and GROUP BY would be two parameters to PostgreSQL). */
const DAY = sql.raw("86400");

type ProposalRow = typeof schema.proposal.$inferSelect;

/** Drizzle's SQL fragment type (drizzle-orm itself is Ponder's private dependency). */
type SQL = ReturnType<typeof sql>;

/**
 * The chain's RPC client, latest block time and governance clock (the time on EVM, ERC-6372
 * timestamps; the block height on Stacks, whose proposal-voting counts blocks); 404 when the
 * chain is not indexed here.
 */
async function chainNow(chainId: string): Promise<{ client: PublicClient; now: bigint; clock: bigint }> {
  let key: string;
  try {
    key = chainByCaip2(chainId).key;
  } catch {
    throw new HTTPException(404, { message: `No DAO indexed on ${chainId}: the chain is not in the registry` });
  }
  const client = (publicClients as Record<string, PublicClient | undefined>)[key];
  if (!client) throw new HTTPException(404, { message: `No DAO indexed on ${chainId}: the indexer does not index that chain` });
  try {
    const block = await client.getBlock({ blockTag: "latest" });
    return { client, now: block.timestamp, clock: chainId.startsWith("stacks:") ? block.number : block.timestamp };
  } catch (error) {
    console.error(`[api] ${chainId}: latest block:`, error);
    throw new HTTPException(503, { message: `The ${chainId} RPC did not answer: proposal states need the chain's time, retry later` });
  }
}

function chainIdParam(raw: string): string {
  if (!CAIP2.test(raw)) throw badRequest(`Invalid chain id "${raw}": expected a CAIP-2 id like eip155:31337`);
  return raw;
}

/** The Governor's state of a proposal row at chain time `now` (see the file comment). */
export function deriveState(p: Pick<ProposalRow, "status" | "voteStart" | "voteEnd" | "forVotes" | "againstVotes" | "abstainVotes" | "quorum">, now: bigint): ProposalState {
  if (p.status !== "created") return p.status;
  if (now <= p.voteStart) return "pending";
  if (now <= p.voteEnd) return "active";
  // Any vote set the quorum; without votes `for > against` already fails.
  const quorumReached = p.quorum !== null && p.forVotes + p.abstainVotes >= p.quorum;
  return quorumReached && p.forVotes > p.againstVotes ? "succeeded" : "defeated";
}

/** The SQL condition selecting the proposals in `state` at chain time `now` (as {@link deriveState}). */
function stateCondition(state: ProposalState, now: bigint): SQL {
  const p = schema.proposal;
  const created = sql`${p.status} = 'created'`;
  const closed = sql`${created} and ${p.voteEnd} < ${now}`;
  const passed = sql`${p.quorum} is not null and ${p.forVotes} + ${p.abstainVotes} >= ${p.quorum} and ${p.forVotes} > ${p.againstVotes}`;
  switch (state) {
    case "executed":
    case "canceled":
    case "queued":
      return sql`${p.status} = ${state}`;
    case "pending":
      return sql`${created} and ${p.voteStart} >= ${now}`;
    case "active":
      return sql`${created} and ${p.voteStart} < ${now} and ${p.voteEnd} >= ${now}`;
    case "succeeded":
      return sql`${closed} and ${passed}`;
    case "defeated":
      return sql`${closed} and not (${passed})`;
  }
}

/** `quorum(voteStart)` of proposals nobody voted on yet, read once the snapshot is past (final from then on). */
const quorumCache = new Map<string, bigint>();

async function quorumOf(row: ProposalRow, client: PublicClient, now: bigint): Promise<bigint | null> {
  if (row.quorum !== null) return row.quorum;
  if (now <= row.voteStart) return null; // the snapshot is in the future: the supply is unknown yet
  const cached = quorumCache.get(row.id);
  if (cached !== undefined) return cached;
  try {
    const value = await client.readContract({
      address: row.governor as Address,
      abi: [{ type: "function", name: "quorum", stateMutability: "view", inputs: [{ name: "timepoint", type: "uint256" }], outputs: [{ name: "", type: "uint256" }] }] as const,
      functionName: "quorum",
      args: [row.voteStart],
    });
    quorumCache.set(row.id, value);
    return value;
  } catch (error) {
    console.error(`[api] quorum of ${row.id}:`, error);
    return null;
  }
}

const proposalItem = (row: ProposalRow, now: bigint) => ({ ...row, state: deriveState(row, now) });

export function registerDaoRoutes(app: Hono, limits: ApiLimits): void {
  app.get("/dao/:chainId/proposals", async (c: Context) => {
    const chainId = chainIdParam(c.req.param("chainId")!);
    const stateRaw = c.req.query("state");
    let state: ProposalState | undefined;
    if (stateRaw !== undefined && stateRaw !== "") {
      if (!(PROPOSAL_STATES as readonly string[]).includes(stateRaw)) {
        return fail(c, 400, `Invalid state "${stateRaw}": expected one of ${PROPOSAL_STATES.join(", ")}`);
      }
      state = stateRaw as ProposalState;
    }
    const { limit, offset } = pageParams(c, limits);
    const { now, clock } = await chainNow(chainId);
    const p = schema.proposal;
    const where = state ? and(eq(p.chainId, chainId), stateCondition(state, clock)) : eq(p.chainId, chainId);
    const [total] = await db.select({ n: count() }).from(p).where(where);
    const rows = await db.select().from(p).where(where).orderBy(desc(p.createdAt), desc(p.createdBlock), asc(p.id)).limit(limit).offset(offset);
    return c.json(toJson({ chainId, chainTime: now, clock, totalCount: Number(total?.n ?? 0), limit, offset, items: rows.map((r) => proposalItem(r, clock)) }));
  });

  app.get("/dao/:chainId/proposals/:proposalId", async (c: Context) => {
    const chainId = chainIdParam(c.req.param("chainId")!);
    const proposalId = c.req.param("proposalId")!;
    let id: string;
    if (chainId.startsWith("stacks:")) {
      const why = proposalId.includes(".") ? stacksPrincipalError(proposalId) : "not a contract principal";
      if (why) return fail(c, 400, `Invalid proposal id "${proposalId}": ${why}; expected the proposal contract's principal (ADDRESS.name) on ${chainId}`);
      id = proposalId;
    } else {
      if (!UINT.test(proposalId)) return fail(c, 400, `Invalid proposal id "${proposalId}": expected a non-negative integer (decimal)`);
      // Normalised (no leading zeros), as stored.
      id = BigInt(proposalId).toString();
    }
    const { limit, offset } = pageParams(c, limits);
    const p = schema.proposal;
    const [row] = await db.select().from(p).where(and(eq(p.chainId, chainId), eq(p.proposalId, id)));
    if (!row) return fail(c, 404, `No proposal ${proposalId} on ${chainId}`);
    const { client, now, clock } = await chainNow(chainId);
    const v = schema.vote;
    const votesWhere = and(eq(v.chainId, chainId), eq(v.proposalId, id));
    const [total] = await db.select({ n: count() }).from(v).where(votesWhere);
    const votes = await db.select().from(v).where(votesWhere).orderBy(asc(v.blockNumber), asc(v.id)).limit(limit).offset(offset);
    const quorum = await quorumOf(row, client, clock);
    return c.json(
      toJson({
        ...proposalItem(row, clock),
        quorum,
        chainTime: now,
        clock,
        votes: { totalCount: Number(total?.n ?? 0), limit, offset, items: votes },
      }),
    );
  });

  app.get("/dao/:chainId/treasury", async (c: Context) => {
    const chainId = chainIdParam(c.req.param("chainId")!);
    const tokenRaw = c.req.query("token");
    const token = tokenRaw ? addressParam(tokenRaw, "token") : undefined;
    const { limit, offset } = pageParams(c, limits);
    const f = schema.treasuryFlow;
    const g = schema.daoGovernor;
    const [governor] = await db.select({ timelock: g.timelock }).from(g).where(eq(g.chainId, chainId)).limit(1);
    const where = token ? and(eq(f.chainId, chainId), eq(f.token, token)) : eq(f.chainId, chainId);
    const inflow = sql<string>`coalesce(sum(case when ${f.direction} = 'in' then ${f.amount} else 0 end), 0)::text`;
    const outflow = sql<string>`coalesce(sum(case when ${f.direction} = 'out' then ${f.amount} else 0 end), 0)::text`;
    const balances = await db.select({ token: f.token, inflow, outflow, flows: count() }).from(f).where(where).groupBy(f.token).orderBy(asc(f.token));
    // Ponder's bigint columns are numeric(78): div() for an integer division.
    const dayStart = sql`(div(${f.at}, ${DAY}) * ${DAY})`;
    const day = sql<string>`${dayStart}::text`;
    const days = await db
      .select({ token: f.token, day, inflow, outflow })
      .from(f)
      .where(where)
      .groupBy(f.token, dayStart)
      .orderBy(asc(f.token), dayStart);
    const [total] = await db.select({ n: count() }).from(f).where(where);
    const flows = await db.select().from(f).where(where).orderBy(desc(f.blockNumber), desc(f.logIndex), desc(f.id)).limit(limit).offset(offset);
    // The balance at the end of each day with a flow, per token.
    const daily = balances.map((b) => {
      let balance = 0n;
      return {
        token: b.token,
        series: days
          .filter((d) => d.token === b.token)
          .map((d) => {
            balance += BigInt(d.inflow) - BigInt(d.outflow);
            return { day: d.day, inflow: d.inflow, outflow: d.outflow, balance: balance.toString() };
          }),
      };
    });
    return c.json(
      toJson({
        chainId,
        treasury: governor?.timelock ?? null,
        balances: balances.map((b) => ({ token: b.token, inflow: b.inflow, outflow: b.outflow, balance: (BigInt(b.inflow) - BigInt(b.outflow)).toString(), flowCount: Number(b.flows) })),
        flows: { totalCount: Number(total?.n ?? 0), limit, offset, items: flows },
        daily,
      }),
    );
  });

  app.get("/dao/:chainId/members/:address", async (c: Context) => {
    const chainId = chainIdParam(c.req.param("chainId")!);
    const account = addressParam(c.req.param("address")!, "address");
    const { limit, offset } = pageParams(c, limits);
    const { now } = await chainNow(chainId);
    const [power] = await db.select().from(schema.votingPower).where(eq(schema.votingPower.id, `${chainId}:${account}`));
    const d = schema.delegation;
    const [delegators] = await db.select({ n: count() }).from(d).where(and(eq(d.chainId, chainId), eq(d.delegate, account)));
    const s = schema.stake;
    const stakes = await db.select().from(s).where(and(eq(s.chainId, chainId), eq(s.account, account))).orderBy(asc(s.termId));
    // IWorxToken.stakingPower: positions still locked, each amount * boost / 10_000 (floored per position).
    let stakingPower = 0n;
    for (const st of stakes) if (st.active && now < st.unlockAt) stakingPower += (st.amount * BOOST_BPS[st.term]!) / 10_000n;
    const w = schema.workReward;
    const workWhere = and(eq(w.chainId, chainId), or(eq(w.freelancer, account), eq(w.client, account)));
    const [workTotal] = await db.select({ n: count() }).from(w).where(workWhere);
    const work = await db.select().from(w).where(workWhere).orderBy(desc(w.at), asc(w.id)).limit(limit).offset(offset);
    const earned = await db
      .select({
        asFreelancer: sql<string>`coalesce(sum(case when ${w.freelancer} = ${account} then ${w.freelancerReward} else 0 end), 0)::text`,
        asClient: sql<string>`coalesce(sum(case when ${w.client} = ${account} then ${w.clientReward} else 0 end), 0)::text`,
      })
      .from(w)
      .where(workWhere);
    const b = schema.badgeReward;
    const badgeRewards = await db.select().from(b).where(and(eq(b.chainId, chainId), eq(b.account, account))).orderBy(asc(b.badgeId)).limit(limits.maxLimit);
    const v = schema.vote;
    const [votesCast] = await db.select({ n: count() }).from(v).where(and(eq(v.chainId, chainId), eq(v.voter, account)));
    const fromWork = BigInt(earned[0]?.asFreelancer ?? "0") + BigInt(earned[0]?.asClient ?? "0");
    const fromBadges = badgeRewards.reduce((sum, r) => sum + r.amount, 0n);
    return c.json(
      toJson({
        chainId,
        address: account,
        chainTime: now,
        // An account that never held WORX has zeros, as on chain.
        balance: power?.balance ?? 0n,
        votes: power?.votes ?? 0n,
        delegate: power?.delegate ?? null,
        delegators: Number(delegators?.n ?? 0),
        staked: power?.staked ?? 0n,
        stakingPower,
        stakes: stakes.map((st) => ({ ...st, boostBps: Number(BOOST_BPS[st.term]), unlocked: now >= st.unlockAt })),
        votesCast: Number(votesCast?.n ?? 0),
        rewards: {
          total: fromWork + fromBadges,
          work: { totalCount: Number(workTotal?.n ?? 0), limit, offset, earnedAsFreelancer: earned[0]?.asFreelancer ?? "0", earnedAsClient: earned[0]?.asClient ?? "0", items: work },
          badges: badgeRewards,
        },
      }),
    );
  });
}
