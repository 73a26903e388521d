/**
 * `stx_callContract` requests for the Stacks multisig (clarity/contracts/multisig.clar), the
 * operation id it derives, field validation, and its read-only views through a Stacks API. Pure:
 * no `import.meta`, so Node tests import it.
 *
 * An operation is (target, value, data, nonce) as on EVM; `data` is the SIP-005 serialization of
 * {action, args} ({action} alone without args) and the id is
 * sha256(to-consensus-buff? {chain-id, multisig, nonce, target, value, data}) — all known before
 * proposing, so the id is computed here exactly and shown before the wallet opens.
 *
 * Every request goes out with `postConditionMode: "deny"`:
 *  - propose-*, approve, approve-cancel, queue, guardian-pause, execute-admin, execute-unpause,
 *    execute-call and the self-administration `execute`: nothing moves (empty list; the multisig
 *    runs them under `as-contract?` with no allowance at all);
 *  - `execute` of a transfer-stx: "the multisig sends exactly <value> uSTX";
 *  - `execute-transfer-ft`: "the multisig sends exactly <amount> of <token>::<asset name>".
 */
import { Cl, Pc, serializeCVBytes, validateStacksAddress, type ClarityValue, type PostCondition } from "@stacks/transactions";
import type { MethodParams } from "@stacks/connect";
import { hexToBytes, sha256 } from "viem";
import { readOnly } from "../../../chains/stacksApi.ts";

export type CallContractParams = MethodParams<"stx_callContract">;
export type Principal = `${string}.${string}`;

/** The multisig of one Stacks deployment and the contracts it administers. */
export interface StacksMultisig {
  network: "mainnet" | "testnet" | "devnet";
  multisig: Principal;
  escrow: Principal;
}

/** `chain-id` inside Clarity: 1 on mainnet, 0x80000000 on testnet (devnet shares it). */
export const chainIdOf = (network: StacksMultisig["network"]) => (network === "mainnet" ? 1n : 0x8000_0000n);

/** escrow.clar MAX-FEE-BPS: set-platform-fee above it fails with u1004 when executed. */
export const ESCROW_MAX_FEE_BPS = 2_000;
/** multisig.clar MIN-DELAY / MAX-DELAY (seconds) and the class codes. */
export const MIN_DELAY = 3_600;
export const MAX_DELAY = 2_592_000;
export const CLASS = { critical: 0, routine: 1 } as const;
/** Role names grant-role / revoke-role take: escrow.clar ROLE-* and badges.clar's attester. */
export const ROLES = ["admin", "fee-manager", "pauser", "arbiter", "attester"] as const;

/** A typed multisig action, as its propose-* function takes it (without the nonce). */
export type Action =
  | { kind: "set-platform-fee"; target: Principal; bps: number }
  | { kind: "set-fee-recipient"; target: Principal; recipient: string }
  | { kind: "grant-role" | "revoke-role"; target: Principal; role: string; account: string }
  | { kind: "set-fee-discount-source"; target: Principal; source: Principal | null }
  | { kind: "set-token-allowed"; target: Principal; token: Principal | null; allowed: boolean }
  | { kind: "unpause"; target: Principal }
  | { kind: "transfer-stx"; recipient: string; amount: bigint }
  | { kind: "transfer-ft"; token: Principal; assetName: string; recipient: string; amount: bigint }
  | { kind: "call"; target: Principal; payload: Uint8Array }
  | { kind: "add-owner" | "remove-owner"; owner: string }
  | { kind: "set-threshold"; opClass: number; threshold: number }
  | { kind: "set-delay"; opClass: number; delay: number }
  | { kind: "configure-class"; target: Principal; selector: string; opClass: number }
  | { kind: "set-pausable-target"; target: Principal; pausable: boolean }
  | { kind: "set-guardian"; guardian: string | null };

export type ActionKind = Action["kind"];

/** Every action name multisig.clar knows (its ACTION-* constants). */
export const ACTION_KINDS: readonly ActionKind[] = [
  "set-platform-fee",
  "set-fee-recipient",
  "grant-role",
  "revoke-role",
  "set-fee-discount-source",
  "set-token-allowed",
  "unpause",
  "transfer-stx",
  "transfer-ft",
  "call",
  "add-owner",
  "remove-owner",
  "set-threshold",
  "set-delay",
  "configure-class",
  "set-pausable-target",
  "set-guardian",
];

/** Which execute* function runs each action (multisig.clar `executor-of`). */
export type Executor = "execute" | "execute-admin" | "execute-unpause" | "execute-transfer-ft" | "execute-call";

export function executorOf(kind: ActionKind): Executor {
  switch (kind) {
    case "set-platform-fee":
    case "set-fee-recipient":
    case "grant-role":
    case "revoke-role":
    case "set-fee-discount-source":
    case "set-token-allowed":
      return "execute-admin";
    case "unpause":
      return "execute-unpause";
    case "transfer-ft":
      return "execute-transfer-ft";
    case "call":
      return "execute-call";
    default:
      return "execute";
  }
}

const optionalPrincipal = (p: string | null) => (p === null ? Cl.none() : Cl.some(Cl.principal(p)));

/** What propose-* gets (arguments without the nonce) and what the contract stores: target, value, args. */
interface Encoded {
  args: ClarityValue[];
  target: string;
  value: bigint;
  /** The `args` field of the data tuple; undefined for {action} alone. */
  dataArgs?: ClarityValue;
}

function encode(m: StacksMultisig, a: Action): Encoded {
  switch (a.kind) {
    case "set-platform-fee":
      return { args: [Cl.principal(a.target), Cl.uint(a.bps)], target: a.target, value: 0n, dataArgs: Cl.uint(a.bps) };
    case "set-fee-recipient":
      return { args: [Cl.principal(a.target), Cl.principal(a.recipient)], target: a.target, value: 0n, dataArgs: Cl.principal(a.recipient) };
    case "grant-role":
    case "revoke-role":
      return {
        args: [Cl.principal(a.target), Cl.stringAscii(a.role), Cl.principal(a.account)],
        target: a.target,
        value: 0n,
        dataArgs: Cl.tuple({ role: Cl.stringAscii(a.role), account: Cl.principal(a.account) }),
      };
    case "set-fee-discount-source":
      return { args: [Cl.principal(a.target), optionalPrincipal(a.source)], target: a.target, value: 0n, dataArgs: optionalPrincipal(a.source) };
    case "set-token-allowed":
      return {
        args: [Cl.principal(a.target), optionalPrincipal(a.token), Cl.bool(a.allowed)],
        target: a.target,
        value: 0n,
        dataArgs: Cl.tuple({ token: optionalPrincipal(a.token), allowed: Cl.bool(a.allowed) }),
      };
    case "unpause":
      return { args: [Cl.principal(a.target)], target: a.target, value: 0n };
    case "transfer-stx":
      return { args: [Cl.principal(a.recipient), Cl.uint(a.amount)], target: a.recipient, value: a.amount };
    case "transfer-ft":
      return {
        args: [Cl.principal(a.token), Cl.principal(a.recipient), Cl.uint(a.amount)],
        target: a.token,
        value: 0n,
        dataArgs: Cl.tuple({ recipient: Cl.principal(a.recipient), amount: Cl.uint(a.amount) }),
      };
    case "call":
      return { args: [Cl.principal(a.target), Cl.buffer(a.payload)], target: a.target, value: 0n, dataArgs: Cl.buffer(a.payload) };
    case "add-owner":
    case "remove-owner":
      return { args: [Cl.principal(a.owner)], target: m.multisig, value: 0n, dataArgs: Cl.principal(a.owner) };
    case "set-threshold":
      return {
        args: [Cl.uint(a.opClass), Cl.uint(a.threshold)],
        target: m.multisig,
        value: 0n,
        dataArgs: Cl.tuple({ "op-class": Cl.uint(a.opClass), threshold: Cl.uint(a.threshold) }),
      };
    case "set-delay":
      return {
        args: [Cl.uint(a.opClass), Cl.uint(a.delay)],
        target: m.multisig,
        value: 0n,
        dataArgs: Cl.tuple({ "op-class": Cl.uint(a.opClass), delay: Cl.uint(a.delay) }),
      };
    case "configure-class":
      return {
        args: [Cl.principal(a.target), Cl.stringAscii(a.selector), Cl.uint(a.opClass)],
        target: m.multisig,
        value: 0n,
        dataArgs: Cl.tuple({ target: Cl.principal(a.target), selector: Cl.stringAscii(a.selector), "op-class": Cl.uint(a.opClass) }),
      };
    case "set-pausable-target":
      return {
        args: [Cl.principal(a.target), Cl.bool(a.pausable)],
        target: m.multisig,
        value: 0n,
        dataArgs: Cl.tuple({ target: Cl.principal(a.target), pausable: Cl.bool(a.pausable) }),
      };
    case "set-guardian":
      return { args: [optionalPrincipal(a.guardian)], target: m.multisig, value: 0n, dataArgs: optionalPrincipal(a.guardian) };
  }
}

/** The operation's `data`: to-consensus-buff? of {action, args} (or {action}). */
export function operationData(m: StacksMultisig, a: Action): Uint8Array {
  const { dataArgs } = encode(m, a);
  const action = Cl.stringAscii(a.kind);
  return serializeCVBytes(dataArgs === undefined ? Cl.tuple({ action }) : Cl.tuple({ action, args: dataArgs }));
}

/** The id propose-* returns: sha256(to-consensus-buff? {chain-id, multisig, nonce, target, value, data}), as 0x-hex. */
export function operationId(m: StacksMultisig, a: Action, nonce: bigint): `0x${string}` {
  const { target, value } = encode(m, a);
  const tuple = Cl.tuple({
    "chain-id": Cl.uint(chainIdOf(m.network)),
    multisig: Cl.principal(m.multisig),
    nonce: Cl.uint(nonce),
    target: Cl.principal(target),
    value: Cl.uint(value),
    data: Cl.buffer(operationData(m, a)),
  });
  return sha256(serializeCVBytes(tuple));
}

function call(m: StacksMultisig, functionName: string, functionArgs: ClarityValue[], postConditions: PostCondition[] = []): CallContractParams {
  return { contract: m.multisig, functionName, functionArgs, network: m.network, postConditionMode: "deny", postConditions };
}

function contractCV(principal: string) {
  const [address, name] = principal.split(".");
  return Cl.contractPrincipal(address!, name!);
}

const idCV = (id: string) => Cl.buffer(hexToBytes(id as `0x${string}`));

/** propose-<action> with the nonce last. Moves nothing. */
export function proposeCall(m: StacksMultisig, a: Action, nonce: bigint): CallContractParams {
  return call(m, `propose-${a.kind}`, [...encode(m, a).args, Cl.uint(nonce)]);
}

export const approveCall = (m: StacksMultisig, id: string) => call(m, "approve", [idCV(id)]);
export const approveCancelCall = (m: StacksMultisig, id: string) => call(m, "approve-cancel", [idCV(id)]);
export const queueCall = (m: StacksMultisig, id: string) => call(m, "queue", [idCV(id)]);
export const guardianPauseCall = (m: StacksMultisig, target: Principal) => call(m, "guardian-pause", [contractCV(target)]);

/** What executing an operation needs to know about it: its executor's trait argument and what it moves. */
export type ExecutePlan =
  | { executor: "execute"; transferStx?: bigint }
  | { executor: "execute-admin" | "execute-unpause" | "execute-call"; target: Principal }
  | { executor: "execute-transfer-ft"; token: Principal; assetName: string; amount: bigint };

/** The execute plan of an action proposed from this page. */
export function planOf(a: Action): ExecutePlan {
  switch (a.kind) {
    case "transfer-stx":
      return { executor: "execute", transferStx: a.amount };
    case "transfer-ft":
      return { executor: "execute-transfer-ft", token: a.token, assetName: a.assetName, amount: a.amount };
    case "unpause":
      return { executor: "execute-unpause", target: a.target };
    case "call":
      return { executor: "execute-call", target: a.target };
    default: {
      const executor = executorOf(a.kind);
      return executor === "execute-admin" ? { executor, target: (a as { target: Principal }).target } : { executor: "execute" };
    }
  }
}

/** The right execute* call, with exactly what the multisig sends as deny-mode post-conditions. */
export function executeCall(m: StacksMultisig, id: string, plan: ExecutePlan): CallContractParams {
  switch (plan.executor) {
    case "execute":
      return call(m, "execute", [idCV(id)], plan.transferStx === undefined ? [] : [Pc.principal(m.multisig).willSendEq(plan.transferStx).ustx()]);
    case "execute-transfer-ft":
      return call(m, "execute-transfer-ft", [idCV(id), contractCV(plan.token)], [Pc.principal(m.multisig).willSendEq(plan.amount).ft(plan.token, plan.assetName)]);
    default:
      return call(m, plan.executor, [idCV(id), contractCV(plan.target)]);
  }
}

// ------------------------------------------------------------------ validation

type Checked<T> = { value?: T; error?: string };

const CONTRACT_NAME = /^[a-zA-Z][a-zA-Z0-9_-]{0,39}$/;
const networkOf = (address: string) => (address.startsWith("SP") || address.startsWith("SM") ? "mainnet" : "testnet");
const sameNetwork = (m: StacksMultisig, address: string) => networkOf(address) === (m.network === "mainnet" ? "mainnet" : "testnet");

/** A contract principal `ADDRESS.name` of the multisig's network, other than the multisig (u2020). */
export function checkContract(m: StacksMultisig, text: string, what: string): Checked<Principal> {
  const s = text.trim();
  if (s === "") return { error: `Enter the ${what}'s contract principal (ADDRESS.contract-name).` };
  const [address = "", name, ...rest] = s.split(".");
  if (name === undefined || rest.length > 0 || !validateStacksAddress(address) || !CONTRACT_NAME.test(name))
    return { error: `This is not a contract principal: the ${what} is named ADDRESS.contract-name, e.g. ${m.escrow}.` };
  if (!sameNetwork(m, address)) return { error: `This ${what} belongs to another Stacks network.` };
  if (s === m.multisig) return { error: `The ${what} can't be the multisig itself.` };
  return { value: s as Principal };
}

/** A standard (ST…/SP…) or contract principal of the multisig's network. */
export function checkPrincipal(m: StacksMultisig, text: string, what: string): Checked<string> {
  const s = text.trim();
  if (s === "") return { error: `Enter the ${what}'s Stacks address.` };
  if (s.includes(".")) return checkContract(m, s, what);
  if (!validateStacksAddress(s)) return { error: "This is not a Stacks address (it starts with ST on testnet, SP on mainnet)." };
  if (!sameNetwork(m, s)) return { error: "This address belongs to another Stacks network." };
  return { value: s };
}

/** A transfer recipient: a standard address of this network (multisig.clar check-transfer, u2021). */
export function checkRecipient(m: StacksMultisig, text: string): Checked<string> {
  if (text.trim().includes(".")) return { error: "Transfers go to a standard address (ST… / SP…), not to a contract." };
  return checkPrincipal(m, text, "recipient");
}

/** A nonce: any uint that makes the operation id new. */
export function checkNonce(text: string): Checked<bigint> {
  const s = text.trim();
  if (s === "") return { error: "Enter a nonce: any whole number not used before for the same action (e.g. a counter)." };
  if (!/^\d+$/.test(s)) return { error: "The nonce is a whole number (0, 1, 2, …)." };
  const v = BigInt(s);
  if (v >= 2n ** 128n) return { error: "The nonce must fit in a Clarity uint (below 2^128)." };
  return { value: v };
}

/** A platform fee in percent, at most 2 decimals (basis points), within the escrow's cap. */
export function checkFeePercent(text: string, capBps = ESCROW_MAX_FEE_BPS): Checked<number> {
  const s = text.trim().replace(/%$/, "").trim();
  if (s === "") return { error: `Enter the fee in percent, from 0 to ${capBps / 100}.` };
  if (!/^(\d+(\.\d*)?|\.\d+)$/.test(s)) return { error: "Enter a percentage, like 2.5." };
  const [whole = "", fraction = ""] = s.split(".");
  if (fraction.length > 2) return { error: "Use at most 2 digits after the point (the fee is in basis points, 0.01%)." };
  const bps = Number(whole || "0") * 100 + Number(fraction.padEnd(2, "0"));
  if (bps > capBps) return { error: `The escrow caps the platform fee at ${capBps / 100}%: a higher fee would fail when executed.` };
  return { value: bps };
}

/** A 32-byte operation id as 0x-hex. */
export function checkOperationId(text: string): Checked<`0x${string}`> {
  const s = text.trim().toLowerCase();
  if (s === "") return { error: "Enter the operation id (the 32-byte hex id shown when it was proposed)." };
  const hex = s.startsWith("0x") ? s : `0x${s}`;
  if (!/^0x[0-9a-f]{64}$/.test(hex)) return { error: "An operation id is 32 bytes: 64 hex digits (0x…)." };
  return { value: hex as `0x${string}` };
}

/** A SIP-010 token's `define-fungible-token` name, needed for its post-condition. */
export function checkAssetName(text: string): Checked<string> {
  const s = text.trim();
  if (!CONTRACT_NAME.test(s)) return { error: "Enter the token's asset name (its define-fungible-token name, e.g. worx)." };
  return { value: s };
}

/** An action-contract payload: 0x-hex, at most 2048 bytes. */
export function checkPayload(text: string): Checked<Uint8Array> {
  const s = text.trim().toLowerCase();
  const hex = s.startsWith("0x") ? s : `0x${s}`;
  if (!/^0x([0-9a-f]{2})*$/.test(hex)) return { error: "The payload is hex bytes (0x…, an even number of digits)." };
  const bytes = hexToBytes(hex as `0x${string}`);
  if (bytes.length > 2048) return { error: `The payload is ${bytes.length} bytes: the multisig takes at most 2048.` };
  return { value: bytes };
}

// ------------------------------------------------------------------ reads

export const STATE_NAMES = ["unknown", "pending", "queued", "executed", "cancelled", "expired"] as const;

/** An operation as get-operation / get-operation-state / has-approved report it. */
export interface OperationView {
  state: (typeof STATE_NAMES)[number];
  action: string;
  target: string;
  value: bigint;
  nonce: bigint;
  proposer: string;
  opClass: number;
  eta: bigint;
  approvals: number;
  cancelApprovals: number;
  threshold: number;
  approvedByMe: boolean;
  /** The decoded {action, args} data, for the execute plan. */
  args?: ClarityValue;
}

function field(t: ClarityValue, key: string): ClarityValue {
  if (t.type !== "tuple" || !(key in t.value)) throw new Error(`The multisig answered without ${key}.`);
  return t.value[key]!;
}
const uint = (v: ClarityValue) => (v.type === "uint" ? BigInt(v.value) : 0n);
const text = (v: ClarityValue) => (v.type === "ascii" || v.type === "address" || v.type === "contract" ? String(v.value) : "");

/** Reads operation `id`; undefined when the multisig has no such operation. */
export async function readOperation(api: string, m: StacksMultisig, id: string, me: string): Promise<OperationView | undefined> {
  const opt = await readOnly(api, m.multisig, "get-operation", [idCV(id)], me);
  if (opt.type !== "some") return undefined;
  const op = opt.value;
  const [state, approved] = await Promise.all([
    readOnly(api, m.multisig, "get-operation-state", [idCV(id)], me),
    readOnly(api, m.multisig, "has-approved", [idCV(id), Cl.principal(me)], me),
  ]);
  const data = field(op, "data");
  let args: ClarityValue | undefined;
  if (data.type === "buffer") {
    const decoded = Cl.deserialize(data.value);
    if (decoded.type === "tuple") args = decoded.value.args;
  }
  return {
    state: STATE_NAMES[Number(uint(state))] ?? "unknown",
    action: text(field(op, "action")),
    target: text(field(op, "target")),
    value: uint(field(op, "value")),
    nonce: uint(field(op, "nonce")),
    proposer: text(field(op, "proposer")),
    opClass: Number(uint(field(op, "op-class"))),
    eta: uint(field(op, "eta")),
    approvals: Number(uint(field(op, "approvals"))),
    cancelApprovals: Number(uint(field(op, "cancel-approvals"))),
    threshold: Number(uint(field(op, "threshold"))),
    approvedByMe: approved.type === "true",
    args,
  };
}

/**
 * The execute plan of an operation read from the chain. transfer-ft needs the token's asset name,
 * which the multisig does not store: the caller passes the one typed (or read elsewhere).
 */
export function planOfView(op: OperationView, assetName: string): ExecutePlan | undefined {
  const kind = op.action as ActionKind;
  switch (kind) {
    case "transfer-stx":
      return { executor: "execute", transferStx: op.value };
    case "transfer-ft": {
      const amount = op.args?.type === "tuple" ? uint(op.args.value.amount!) : 0n;
      return { executor: "execute-transfer-ft", token: op.target as Principal, assetName, amount };
    }
    default: {
      const executor = executorOf(kind);
      if (!ACTION_KINDS.includes(kind)) return undefined;
      if (executor === "execute") return { executor };
      if (executor === "execute-transfer-ft") return undefined; // handled above
      return { executor, target: op.target as Principal };
    }
  }
}
