/**
 * `stx_callContract` requests for the Clarity DAO (clarity/contracts/dao/*.clar; signatures in
 * generated/stacks.ts `clarityContracts`), read-only calls through a Stacks API, and the
 * checkpoint hints the snapshot reads take. Pure: no `import.meta`, so Node tests import it.
 *
 * Every request goes out with `postConditionMode: "deny"`: the transaction may move exactly the
 * assets listed and aborts otherwise (the fee is still paid, nothing else moves).
 *  - delegate, stake, unstake (locks are bookkeeping: tokens never leave the holder), propose,
 *    vote, queue, cancel: no transfer at all (empty list);
 *  - claim-work-reward: mints WORX to the job's parties; a mint moves nothing out of any account,
 *    so no condition is needed and deny mode still refuses anything else;
 *  - execute: the proposal runs as the DAO and may pay from dao-treasury; the user declares those
 *    payments and each becomes "dao-treasury sends exactly N" (summed per asset), so a proposal
 *    that pays anything else, or more, aborts;
 *  - fee-splitter collect: the escrow sends exactly the splitter's fee credit; release: the
 *    splitter sends exactly what it owes the payee.
 */
import type { MethodParams } from "@stacks/connect";
import { Cl, Pc, validateStacksAddress, type ClarityValue, type PostCondition } from "@stacks/transactions";
import { readOnly } from "../../../chains/stacksApi.ts";

export type CallContractParams = MethodParams<"stx_callContract">;
type Principal = `${string}.${string}`;

/** The DAO contracts of one Stacks deployment (full principals) and the wallet's network name. */
export interface StacksDao {
  network: "mainnet" | "testnet" | "devnet";
  escrow: Principal;
  core: Principal;
  token: Principal;
  voting: Principal;
  treasury: Principal;
  splitter: Principal;
  rewards: Principal;
}

/** dao-token's fungible token name (`define-fungible-token worx`), for post-conditions. */
export const WORX_ASSET = "worx";
export const WORX = { symbol: "WORX", decimals: 6 };
export const STX = { symbol: "STX", decimals: 6 };

/** Lock terms of dao-token `stake` (u0 / u1 / u2): days and boost in bps, as in the contract. */
export const STAKE_TERMS = [
  { term: 0, days: 30, boostBps: 10_000 },
  { term: 1, days: 90, boostBps: 15_000 },
  { term: 2, days: 180, boostBps: 20_000 },
] as const;

/** proposal-voting `vote` support codes (OpenZeppelin's GovernorCountingSimple). */
export const SUPPORT = { against: 0, for: 1, abstain: 2 } as const;
export type Support = keyof typeof SUPPORT;

/** Longest description / reason (string-utf8 256, counted in characters). */
export const MAX_TEXT = 256;

function call(d: StacksDao, contract: Principal, functionName: string, functionArgs: ClarityValue[], postConditions: PostCondition[] = []): CallContractParams {
  return { contract, functionName, functionArgs, network: d.network, postConditionMode: "deny", postConditions };
}

function contractCV(principal: string) {
  const [address, name] = principal.split(".");
  return Cl.contractPrincipal(address!, name!);
}

/** An asset a post-condition names: STX, or a SIP-010 contract with its `define-fungible-token` name. */
export type Asset = { kind: "stx" } | { kind: "ft"; token: Principal; assetName: string };

function sends(from: string, amount: bigint, asset: Asset): PostCondition {
  const pc = Pc.principal(from).willSendEq(amount);
  return asset.kind === "stx" ? pc.ustx() : pc.ft(asset.token, asset.assetName);
}

export const delegateCall = (d: StacksDao, delegatee: string) => call(d, d.token, "delegate", [Cl.principal(delegatee)]);

/** Lock `amount` WORX units of your own balance for `term` (0 30 days, 1 90 days, 2 180 days). */
export const stakeCall = (d: StacksDao, amount: bigint, term: number) => call(d, d.token, "stake", [Cl.uint(amount), Cl.uint(term)]);

export const unstakeCall = (d: StacksDao, term: number) => call(d, d.token, "unstake", [Cl.uint(term)]);

export const claimWorkRewardCall = (d: StacksDao, escrowId: bigint) => call(d, d.rewards, "claim-work-reward", [Cl.uint(escrowId)]);

export const proposeCall = (d: StacksDao, proposal: string, description: string, hint: bigint) =>
  call(d, d.voting, "propose", [contractCV(proposal), Cl.stringUtf8(description), Cl.uint(hint)]);

export const voteCall = (d: StacksDao, proposal: string, support: Support, reason: string, hint: bigint) =>
  call(d, d.voting, "vote", [Cl.principal(proposal), Cl.uint(SUPPORT[support]), Cl.stringUtf8(reason), Cl.uint(hint)]);

export const queueCall = (d: StacksDao, proposal: string) => call(d, d.voting, "queue", [Cl.principal(proposal)]);

export const cancelCall = (d: StacksDao, proposal: string) => call(d, d.voting, "cancel", [Cl.principal(proposal)]);

export interface TreasuryTransfer {
  asset: Asset;
  amount: bigint;
}

const assetKey = (a: Asset) => (a.kind === "stx" ? "stx" : `${a.token}::${a.assetName}`);

/**
 * Execute a queued proposal. `transfers` are the payments the proposal makes from dao-treasury,
 * as the user read them in its source: one "treasury sends exactly" condition per asset (amounts
 * of the same asset summed, since deny mode checks each asset's total leaving a principal).
 */
export function executeCall(d: StacksDao, proposal: string, transfers: readonly TreasuryTransfer[]): CallContractParams {
  const totals = new Map<string, TreasuryTransfer>();
  for (const t of transfers) {
    const key = assetKey(t.asset);
    const seen = totals.get(key);
    totals.set(key, { asset: t.asset, amount: (seen?.amount ?? 0n) + t.amount });
  }
  return call(d, d.voting, "execute", [contractCV(proposal)], [...totals.values()].map((t) => sends(d.treasury, t.amount, t.asset)));
}

/** Fee-splitter collect: the escrow sends the splitter exactly its fee credit `credit`, then it is split. */
export function collectFeesCall(d: StacksDao, asset: Asset, credit: bigint): CallContractParams {
  const pcs = [sends(d.escrow, credit, asset)];
  return asset.kind === "stx" ? call(d, d.splitter, "collect-stx", [], pcs) : call(d, d.splitter, "collect-ft", [contractCV(asset.token)], pcs);
}

/** Fee-splitter release: the splitter sends `payee` exactly what it owes it, `owed`. */
export function releaseFeesCall(d: StacksDao, asset: Asset, payee: string, owed: bigint): CallContractParams {
  const pcs = [sends(d.splitter, owed, asset)];
  return asset.kind === "stx"
    ? call(d, d.splitter, "release-stx", [Cl.principal(payee)], pcs)
    : call(d, d.splitter, "release-ft", [contractCV(asset.token), Cl.principal(payee)], pcs);
}

// ------------------------------------------------------------------ validation

const CONTRACT_NAME = /^[a-zA-Z][a-zA-Z0-9_-]{0,39}$/;

/** Testnet/devnet addresses start ST/SN, mainnet SP/SM. */
const networkOf = (address: string) => (address.startsWith("SP") || address.startsWith("SM") ? "mainnet" : "testnet");
const sameNetwork = (d: StacksDao, address: string) => networkOf(address) === (d.network === "mainnet" ? "mainnet" : "testnet");

/** A contract principal `ADDRESS.name` of the DAO's network, or why not. */
export function checkContractPrincipal(d: StacksDao, text: string, what: string): { value?: Principal; error?: string } {
  const s = text.trim();
  if (s === "") return { error: `Enter the ${what}'s contract principal (ADDRESS.contract-name).` };
  const [address = "", name, ...rest] = s.split(".");
  if (name === undefined || rest.length > 0 || !validateStacksAddress(address) || !CONTRACT_NAME.test(name))
    return { error: `This is not a contract principal: the ${what} is named ADDRESS.contract-name, e.g. ${d.core.split(".")[0]}.my-proposal.` };
  if (!sameNetwork(d, address)) return { error: `This ${what} belongs to another Stacks network.` };
  return { value: s as Principal };
}

/** A standard (ST…/SP…) or contract principal of the DAO's network, or why not. */
export function checkPrincipal(d: StacksDao, text: string, what: string): { value?: string; error?: string } {
  const s = text.trim();
  if (s === "") return { error: `Enter the ${what}'s Stacks address.` };
  if (s.includes(".")) return checkContractPrincipal(d, s, what);
  if (!validateStacksAddress(s)) return { error: `This is not a Stacks address (it starts with ST on testnet, SP on mainnet).` };
  if (!sameNetwork(d, s)) return { error: `This address belongs to another Stacks network.` };
  return { value: s };
}

/** A description or reason within string-utf8 256. */
export function checkText(text: string, what: string, required: boolean): string | undefined {
  const length = [...text].length;
  if (required && text.trim() === "") return `Enter a ${what}.`;
  if (length > MAX_TEXT) return `The ${what} is ${length} characters long: the contract takes at most ${MAX_TEXT}.`;
  return undefined;
}

export function checkWhole(text: string, what: string): { value?: bigint; error?: string } {
  const s = text.trim();
  if (!/^\d+$/.test(s)) return { error: `Enter ${what} as a whole number (0, 1, 2, …).` };
  return { value: BigInt(s) };
}

// ------------------------------------------------------------------ reads

/** `cv` without its ok / some wrapper(s); undefined for none (or an err). */
function unwrap(cv: ClarityValue): ClarityValue | undefined {
  if (cv.type === "ok" || cv.type === "some") return unwrap(cv.value);
  if (cv.type === "none" || cv.type === "err") return undefined;
  return cv;
}

/** A uint result (bare, or inside ok / some), as a bigint; undefined for none. */
export function uintOf(cv: ClarityValue): bigint | undefined {
  const v = unwrap(cv);
  return v?.type === "uint" ? BigInt(v.value) : undefined;
}

/** Field `key` of a tuple result (bare, or inside ok / some); undefined for none. */
export function fieldOf(cv: ClarityValue, key: string): ClarityValue | undefined {
  const v = unwrap(cv);
  return v?.type === "tuple" ? v.value[key] : undefined;
}

/**
 * The index of the checkpoint covering `height` (the last one with from-height <= height), as
 * dao-token's `get-votes-at` verifies it: u0 when there is none or the first one is later.
 * `fromHeight(i)` reads checkpoint i's from-height; a binary search takes log2(count) reads.
 */
export async function findCheckpointHint(count: bigint, height: bigint, fromHeight: (index: bigint) => Promise<bigint>): Promise<bigint> {
  if (count === 0n) return 0n;
  let lo = 0n;
  let hi = count - 1n;
  if ((await fromHeight(lo)) > height) return 0n;
  while (lo < hi) {
    const mid = (lo + hi + 1n) / 2n;
    if ((await fromHeight(mid)) <= height) lo = mid;
    else hi = mid - 1n;
  }
  return lo;
}

/** A reader of `account`'s vote checkpoints on dao-token through `api`. */
export function checkpointReader(api: string, d: StacksDao, account: string) {
  return {
    count: async () => uintOf(await readOnly(api, d.token, "get-checkpoint-count", [Cl.principal(account)], account)) ?? 0n,
    fromHeight: async (index: bigint) => {
      const field = fieldOf(await readOnly(api, d.token, "get-checkpoint", [Cl.principal(account), Cl.uint(index)], account), "from-height");
      const height = field ? uintOf(field) : undefined;
      if (height === undefined) throw new Error(`Checkpoint ${index} of ${account} is missing.`);
      return height;
    },
  };
}

/**
 * The hint `propose` needs: the checkpoint covering the block before the one that will include
 * the transaction. That block is at least the current tip and every checkpoint is at or below the
 * tip, so it is the latest checkpoint (u0 with none) — unless your votes change again before the
 * proposal is mined (then the contract answers u4106 and you retry).
 */
export async function proposeHint(api: string, d: StacksDao, account: string): Promise<bigint> {
  const count = await checkpointReader(api, d, account).count();
  return count === 0n ? 0n : count - 1n;
}

/** The hint `vote` needs: the voter's checkpoint covering the proposal's vote-start (its snapshot). */
export async function voteHint(api: string, d: StacksDao, account: string, proposal: string): Promise<bigint> {
  const start = fieldOf(await readOnly(api, d.voting, "get-proposal", [Cl.principal(proposal)], account), "vote-start");
  if (!start) throw new Error("This proposal was never proposed here (proposal-voting has no such proposal).");
  const reader = checkpointReader(api, d, account);
  return findCheckpointHint(await reader.count(), uintOf(start)!, reader.fromHeight);
}

/** The splitter's fee credit in the escrow for `asset` (what `collect` withdraws). */
export async function readSplitterCredit(api: string, d: StacksDao, asset: Asset, sender: string): Promise<bigint> {
  const token = asset.kind === "stx" ? Cl.none() : Cl.some(Cl.principal(asset.token));
  return uintOf(await readOnly(api, d.escrow, "get-credit", [token, Cl.principal(d.splitter)], sender)) ?? 0n;
}

/** What the splitter owes `payee` in `asset` (what `release` pays). */
export async function readOwed(api: string, d: StacksDao, asset: Asset, payee: string, sender: string): Promise<bigint> {
  const token = asset.kind === "stx" ? Cl.none() : Cl.some(Cl.principal(asset.token));
  return uintOf(await readOnly(api, d.splitter, "get-owed", [Cl.principal(payee), token], sender)) ?? 0n;
}
