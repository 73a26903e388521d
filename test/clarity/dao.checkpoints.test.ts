// Seeded model-based test of dao-token's vote and supply checkpoints: random mints, transfers,
// (re-)delegations and stakes, one or several per block, against a plain TypeScript model. After
// every block: sum of current votes == sum of balances of delegating accounts, locked <= balance.
// At the end: get-votes-at / get-total-supply-at with the client's hint equal the model at EVERY
// past height for every account, and a neighbouring hint is refused. FUZZ_SEEDS=a,b,c overrides
// the seeds.
import { describe, expect, it } from "vitest";
import { Cl, ClarityType, type ClarityValue } from "@stacks/transactions";
import { plain } from "./helpers";

const accounts = simnet.getAccounts();
const deployer = accounts.get("deployer")!;
const PEOPLE = [1, 2, 3, 4, 5].map((i) => accounts.get(`wallet_${i}`)!);
const u = (n: number | bigint) => Cl.uint(n);
const p = (s: string) => Cl.principal(s);

/** mulberry32: a small deterministic PRNG. */
function prng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ro = (fn: string, args: ClarityValue[]) => simnet.callReadOnlyFn("dao-token", fn, args, deployer).result;

function checkpoints(read: (i: number) => ClarityValue): Array<Record<string, bigint>> {
  const out = [];
  for (let i = 0; ; i++) {
    const v = read(i);
    if (plain(v) === null) return out;
    out.push(plain(v));
  }
}
/** The hint a client computes: the last checkpoint with from-height <= height, else u0. */
const hintFor = (cps: Array<Record<string, bigint>>, h: bigint) => {
  let i = -1;
  for (let k = 0; k < cps.length; k++) if (cps[k]["from-height"] <= h) i = k;
  return BigInt(Math.max(i, 0));
};

const SEEDS = (process.env.FUZZ_SEEDS ?? "11,22,33").split(",").map(Number);

describe("dao-token checkpoints against a model", () => {
  for (const seed of SEEDS) {
    it(`seed ${seed}: 120 random blocks of mints, transfers, delegations and stakes`, () => {
      const rnd = prng(seed);
      const pick = <T>(xs: T[]) => xs[Math.floor(rnd() * xs.length)];
      expect(simnet.callPublicFn("dao-core", "construct", [p(`${deployer}.proposal-test-bootstrap`)], deployer).result).toBeOk(Cl.bool(true));

      const balance = new Map<string, bigint>(PEOPLE.map((a) => [a, 0n]));
      const locked = new Map<string, bigint>(PEOPLE.map((a) => [a, 0n]));
      const delegateOf = new Map<string, string>();
      let supply = 0n;
      const votesNow = () => {
        const v = new Map<string, bigint>(PEOPLE.map((a) => [a, 0n]));
        for (const [a, d] of delegateOf) v.set(d, v.get(d)! + balance.get(a)!);
        return v;
      };
      /** Model state at the end of each block, by height. */
      const history = new Map<bigint, { votes: Map<string, bigint>; supply: bigint }>();
      const first = BigInt(simnet.stacksBlockHeight);
      history.set(first, { votes: votesNow(), supply });

      for (let step = 0; step < 120; step++) {
        const txs: any[] = [];
        const apply: Array<() => void> = [];
        const n = 1 + Math.floor(rnd() * 3); // one to three transactions in this block
        for (let k = 0; k < n; k++) {
          const who = pick(PEOPLE);
          const r = rnd();
          if (r < 0.3) {
            const amount = BigInt(1 + Math.floor(rnd() * 1000));
            txs.push({ callPublicFn: { contract: "dao-test-minter", method: "mint", args: [u(amount), p(who)], sender: who } });
            apply.push(() => {
              balance.set(who, balance.get(who)! + amount);
              supply += amount;
            });
          } else if (r < 0.6) {
            const to = pick(PEOPLE.filter((a) => a !== who));
            const free = balance.get(who)! - locked.get(who)!;
            if (free === 0n) continue;
            const amount = 1n + BigInt(Math.floor(rnd() * Number(free)));
            txs.push({ callPublicFn: { contract: "dao-token", method: "transfer", args: [u(amount), p(who), p(to), Cl.none()], sender: who } });
            apply.push(() => {
              balance.set(who, balance.get(who)! - amount);
              balance.set(to, balance.get(to)! + amount);
            });
          } else if (r < 0.85) {
            const to = pick(PEOPLE);
            txs.push({ callPublicFn: { contract: "dao-token", method: "delegate", args: [p(to)], sender: who } });
            apply.push(() => delegateOf.set(who, to));
          } else {
            const free = balance.get(who)! - locked.get(who)!;
            if (free === 0n) continue;
            const amount = 1n + BigInt(Math.floor(rnd() * Number(free)));
            txs.push({ callPublicFn: { contract: "dao-token", method: "stake", args: [u(amount), u(Math.floor(rnd() * 3))], sender: who } });
            apply.push(() => locked.set(who, locked.get(who)! + amount));
          }
          // the model applies the block's transactions in order, as the chain does
          apply.at(-1)!();
        }
        if (txs.length === 0) continue;
        const results = simnet.mineBlock(txs);
        for (const r of results) expect(r.result, JSON.stringify(r.result)).toHaveClarityType(ClarityType.ResponseOk);
        const h = BigInt(simnet.stacksBlockHeight);
        history.set(h, { votes: votesNow(), supply });
        if (rnd() < 0.3) simnet.mineEmptyBlocks(1 + Math.floor(rnd() * 3));

        // invariants after every block
        const current = PEOPLE.map((a) => plain(ro("get-votes", [p(a)])) as bigint);
        const delegated = [...delegateOf.keys()].reduce((s, a) => s + balance.get(a)!, 0n);
        expect(current.reduce((s, v) => s + v, 0n), "sum of votes == balances of delegating accounts").toBe(delegated);
        for (const a of PEOPLE) {
          expect(plain(ro("get-balance", [p(a)]))).toBe(balance.get(a));
          expect(plain(ro("get-locked-balance", [p(a)])) as bigint).toBeLessThanOrEqual(balance.get(a)!);
          expect(plain(ro("get-votes", [p(a)]))).toBe(votesNow().get(a));
        }
      }

      // every past height, every account: the snapshot read with the client's hint == the model
      const tip = BigInt(simnet.stacksBlockHeight);
      let state = history.get(first)!;
      const supplyCps = checkpoints((i) => ro("get-supply-checkpoint", [u(i)]));
      const cps = new Map(PEOPLE.map((a) => [a, checkpoints((i) => ro("get-checkpoint", [p(a), u(i)]))]));
      for (let h = first; h < tip; h++) {
        state = history.get(h) ?? state;
        expect(ro("get-total-supply-at", [u(h), u(hintFor(supplyCps, h))]), `supply at ${h}`).toBeOk(u(state.supply));
        for (const a of PEOPLE) {
          const hint = hintFor(cps.get(a)!, h);
          expect(ro("get-votes-at", [p(a), u(h), u(hint)]), `votes of ${a} at ${h}`).toBeOk(u(state.votes.get(a)!));
          // a neighbouring hint is never accepted as another block's value
          for (const wrong of [hint + 1n, hint > 0n ? hint - 1n : hint + 2n]) {
            expect(ro("get-votes-at", [p(a), u(h), u(wrong)])).toBeErr(u(4106));
          }
        }
      }
    });
  }
});
