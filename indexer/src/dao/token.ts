/**
 * WorxToken: balances (Transfer), delegation (DelegateChanged), votes (DelegateVotesChanged) and
 * staking positions (Staked, Unstaked) into `voting_power`, `delegation` and `stake`, each equal to
 * the token's own views (balanceOf, getVotes, delegates, lockedBalance, stakeOf); WORX sent to the
 * treasury is a treasury inflow; role changes go to the audit log.
 */
import { ponder } from "ponder:registry";
import { delegation, stake, votingPower } from "ponder:schema";
import { zeroAddress, type Address } from "viem";
import { caip2 } from "../audit.ts";
import { lower, shared } from "../common.ts";
import { lockTerm, recordRoleEvent, type DaoContext } from "./common.ts";
import { recordTreasuryInflow } from "./treasury.ts";

type Power = typeof votingPower.$inferSelect;

/** Creates the account's row on its first appearance, then applies `change`. */
export async function updatePower(context: DaoContext, account: Address, at: bigint, change: (row: Power) => Partial<Power>): Promise<void> {
  const chainId = caip2(context);
  const initial: Power = {
    id: `${chainId}:${lower(account)}`,
    chainId,
    account: lower(account),
    votes: 0n,
    balance: 0n,
    delegate: null,
    staked: 0n,
    updatedAt: at,
  };
  await context.db
    .insert(votingPower)
    .values({ ...initial, ...change(initial) })
    .onConflictDoUpdate((row) => ({ ...change(row), updatedAt: at }));
}

ponder.on("WorxToken:Transfer", shared("WorxToken:Transfer", async ({ event, context }) => {
  const { from, to, value } = event.args;
  const at = event.block.timestamp;
  if (from !== zeroAddress) await updatePower(context, from, at, (r) => ({ balance: r.balance - value }));
  if (to !== zeroAddress) await updatePower(context, to, at, (r) => ({ balance: r.balance + value }));
  if (lower(to) === lower(context.contracts.TimelockController.address as Address)) {
    await recordTreasuryInflow(context, event, { token: event.log.address, amount: value, counterparty: from, kind: "transfer" });
  }
}));

ponder.on("WorxToken:DelegateChanged", shared("WorxToken:DelegateChanged", async ({ event, context }) => {
  const chainId = caip2(context);
  const { delegator, fromDelegate, toDelegate } = event.args;
  const row = { delegate: lower(toDelegate), previousDelegate: lower(fromDelegate), updatedAt: event.block.timestamp, txHash: event.transaction.hash };
  await context.db
    .insert(delegation)
    .values({ id: `${chainId}:${lower(delegator)}`, chainId, delegator: lower(delegator), ...row })
    .onConflictDoUpdate(row);
  await updatePower(context, delegator, event.block.timestamp, () => ({ delegate: toDelegate === zeroAddress ? null : lower(toDelegate) }));
}));

ponder.on("WorxToken:DelegateVotesChanged", shared("WorxToken:DelegateVotesChanged", async ({ event, context }) => {
  const { delegate, newVotes } = event.args;
  await updatePower(context, delegate, event.block.timestamp, () => ({ votes: newVotes }));
}));

ponder.on("WorxToken:Staked", shared("WorxToken:Staked", async ({ event, context }) => {
  const chainId = caip2(context);
  const { account, term: termId, amount, positionAmount, unlockAt } = event.args;
  const term = lockTerm(termId);
  const at = event.block.timestamp;
  const row = { amount: positionAmount, unlockAt: BigInt(unlockAt), active: true, stakedAt: at, updatedTx: event.transaction.hash };
  await context.db
    .insert(stake)
    .values({ id: `${chainId}:${lower(account)}:${term}`, chainId, account: lower(account), term, termId, ...row })
    .onConflictDoUpdate(row);
  await updatePower(context, account, at, (r) => ({ staked: r.staked + amount }));
}));

ponder.on("WorxToken:Unstaked", shared("WorxToken:Unstaked", async ({ event, context }) => {
  const chainId = caip2(context);
  const { account, term: termId, amount } = event.args;
  const at = event.block.timestamp;
  // The contract deletes the position: stakeOf reads (0, 0) afterwards.
  await context.db
    .update(stake, { id: `${chainId}:${lower(account)}:${lockTerm(termId)}` })
    .set({ amount: 0n, unlockAt: 0n, active: false, unstakedAt: at, unstakedAmount: amount, updatedTx: event.transaction.hash });
  await updatePower(context, account, at, (r) => ({ staked: r.staked - amount }));
}));

ponder.on("WorxToken:RoleGranted", shared("WorxToken:RoleGranted", async ({ event, context }) => {
  await recordRoleEvent(context, event, "RoleGranted");
}));

ponder.on("WorxToken:RoleRevoked", shared("WorxToken:RoleRevoked", async ({ event, context }) => {
  await recordRoleEvent(context, event, "RoleRevoked");
}));

ponder.on("WorxToken:RoleAdminChanged", shared("WorxToken:RoleAdminChanged", async ({ event, context }) => {
  await recordRoleEvent(context, event, "RoleAdminChanged");
}));
