/**
 * Driving a WorxMultisig from scripts and tests the way owners do it: each owner signs the
 * operation's EIP-712 typed data in its own wallet (`signTypedData`), anyone relays the
 * signatures, queues, waits out the timelock (on a local chain: `evm_increaseTime` + a mined
 * block) and executes. Used by the seed, the indexer tests and the e2e tests (escrow, admin
 * console); nothing here holds a key beyond the accounts passed in.
 *
 * Takes the multisig's ABI from the caller (the generated registry, or a Hardhat contract
 * instance), so it can be imported before a deploy has generated anything.
 */
import {
  createPublicClient,
  createTestClient,
  createWalletClient,
  hashTypedData,
  type Account,
  type Address,
  type Chain,
  type Hash,
  type Hex,
  type TransactionReceipt,
  type Transport,
} from "viem";
import { hardhat } from "viem/chains";
import { advanceClock } from "./localClients.ts";
import type { worxMultisigAbi } from "../../generated/abis.ts";

/** IWorxMultisig.Operation: one call the multisig makes. */
export interface MultisigOperation {
  target: Address;
  value: bigint;
  data: Hex;
  nonce: bigint;
}

/** IWorxMultisig.SignedApproval. */
export interface SignedApproval {
  signer: Address;
  signature: Hex;
}

/** IWorxMultisig.OperationClass and OperationState by their Solidity values (Critical = 0 is what
 * anything unconfigured reads as). */
export const OPERATION_CLASS = { Critical: 0, Routine: 1 } as const;
export const OPERATION_STATE = { Unknown: 0, Pending: 1, Queued: 2, Executed: 3, Cancelled: 4, Expired: 5 } as const;

/** What owners sign to approve an operation (contracts/libraries/MultisigTypedData.sol). */
export const OPERATION_TYPES = {
  Operation: [
    { name: "target", type: "address" },
    { name: "value", type: "uint256" },
    { name: "data", type: "bytes" },
    { name: "nonce", type: "uint256" },
  ],
} as const;

/** What owners sign to cancel an operation. */
export const CANCEL_TYPES = { Cancel: [{ name: "operationId", type: "bytes32" }] } as const;

/** The EIP-712 domain of the multisig at `verifyingContract` on `chainId`. */
export const multisigDomain = (chainId: number, verifyingContract: Address) =>
  ({ name: "WorxMultisig", version: "1", chainId, verifyingContract }) as const;

/** Signature lists must be sorted by signer address, strictly ascending. */
export const sortBySigner = <T extends { signer: Address }>(list: T[]): T[] =>
  list.sort((a, b) => (BigInt(a.signer) < BigInt(b.signer) ? -1 : BigInt(a.signer) > BigInt(b.signer) ? 1 : 0));

export type WorxMultisigAbi = typeof worxMultisigAbi;

export interface MultisigConnection {
  /** The RPC transport (e.g. `http(rpcUrl)`, or `custom(provider)` in-process). */
  transport: Transport;
  /** The multisig's address. */
  address: Address;
  abi: WorxMultisigAbi;
  /** Default: Hardhat's local chain (31337). */
  chain?: Chain;
}

/** A WorxMultisig to drive: every write waits for its receipt and throws when it reverted. */
export function connectMultisig({ transport, address, abi, chain = hardhat }: MultisigConnection) {
  const publicClient = createPublicClient({ chain, transport });
  const testClient = createTestClient({ chain, mode: "hardhat", transport });
  const wallet = (account: Account) => createWalletClient({ chain, transport, account });
  const domain = multisigDomain(chain.id, address);

  const read = <T>(functionName: string, args: readonly unknown[] = []) =>
    publicClient.readContract({ address, abi, functionName, args } as never) as Promise<T>;

  async function send(from: Account, functionName: string, args: readonly unknown[]): Promise<TransactionReceipt> {
    const hash: Hash = await wallet(from).writeContract({ address, abi, functionName, args } as never);
    const receipt = await publicClient.waitForTransactionReceipt({ hash, pollingInterval: 50 });
    if (receipt.status !== "success") throw new Error(`WorxMultisig.${functionName} reverted in ${hash}`);
    return receipt;
  }

  const ops = {
    address,
    abi,
    publicClient,
    domain,

    /** The operation's id: the EIP-712 digest owners sign (what `hashOperation` returns). */
    id: (op: MultisigOperation): Hex => hashTypedData({ domain, types: OPERATION_TYPES, primaryType: "Operation", message: op }),

    /** Each owner signs `op` in its own wallet; sorted by signer as the contract wants. */
    sign: async (op: MultisigOperation, owners: Account[]): Promise<SignedApproval[]> =>
      sortBySigner(
        await Promise.all(
          owners.map(async (owner) => ({
            signer: owner.address,
            signature: await wallet(owner).signTypedData({ account: owner, domain, types: OPERATION_TYPES, primaryType: "Operation", message: op }),
          })),
        ),
      ),

    /** Each owner signs `Cancel(operationId)`; sorted by signer. */
    signCancel: async (operationId: Hex, owners: Account[]): Promise<SignedApproval[]> =>
      sortBySigner(
        await Promise.all(
          owners.map(async (owner) => ({
            signer: owner.address,
            signature: await wallet(owner).signTypedData({ account: owner, domain, types: CANCEL_TYPES, primaryType: "Cancel", message: { operationId } }),
          })),
        ),
      ),

    /** An owner proposes `op` on-chain (and approves it). */
    propose: (op: MultisigOperation, owner: Account) => send(owner, "propose", [op]),
    /** An owner approves a pending operation on-chain. */
    approve: (operationId: Hex, owner: Account) => send(owner, "approve", [operationId]),
    /** An owner approves cancelling an operation on-chain. */
    approveCancel: (operationId: Hex, owner: Account) => send(owner, "approveCancel", [operationId]),
    /** `relayer` submits the owners' signed approvals of `op` (proposing it when new). */
    approveWithSignatures: async (op: MultisigOperation, owners: Account[], relayer: Account) =>
      send(relayer, "approveWithSignatures", [op, await ops.sign(op, owners)]),
    /** `relayer` submits the owners' signed cancel approvals. */
    approveCancelWithSignatures: async (operationId: Hex, owners: Account[], relayer: Account) =>
      send(relayer, "approveCancelWithSignatures", [operationId, await ops.signCancel(operationId, owners)]),
    /** Anyone queues an operation whose approvals reach its class threshold. */
    queue: (op: MultisigOperation, from: Account) => send(from, "queue", [op]),
    /** Anyone executes a queued operation once its eta has come. */
    execute: (op: MultisigOperation, from: Account) => send(from, "execute", [op]),
    /** The guardian pauses a pausable target at once. */
    guardianPause: (target: Address, guardian: Account) => send(guardian, "guardianPause", [target]),

    /** The operation's stored state (IWorxMultisig.OperationState; Expired is derived on chain). */
    state: (op: MultisigOperation) => read<number>("operationState", [ops.id(op)]),
    /** Its eta (0 until queued). */
    eta: async (op: MultisigOperation) => (await read<{ eta: bigint }>("getOperation", [ops.id(op)])).eta,

    /** Local chains only: moves the clock `seconds` forward and mines a block there. */
    timeTravel: (seconds: bigint | number) => advanceClock(testClient, seconds),

    /** Local chains only: moves the clock to the queued operation's eta (if not there yet). */
    waitOutTimelock: async (op: MultisigOperation) => {
      const eta = await ops.eta(op);
      if (eta === 0n) throw new Error(`operation ${ops.id(op)} is not queued`);
      const now = (await publicClient.getBlock()).timestamp;
      if (now < eta) await ops.timeTravel(eta - now);
    },

    /**
     * The whole path on a local chain: `owners` sign, `relayer` relays and queues, the clock moves
     * past the timelock, `relayer` executes. Returns every receipt.
     */
    run: async (op: MultisigOperation, owners: Account[], relayer: Account) => {
      const approved = await ops.approveWithSignatures(op, owners, relayer);
      const queued = await ops.queue(op, relayer);
      await ops.waitOutTimelock(op);
      const executed = await ops.execute(op, relayer);
      return { approved, queued, executed };
    },
  };
  return ops;
}

export type MultisigOps = ReturnType<typeof connectMultisig>;
