/**
 * Deploys Worx's Clarity contracts to a public Stacks network without the Clarinet CLI, then
 * configures them:
 * `npx tsx scripts/deploy/stacks/deploy.ts --network testnet|mainnet --parameters FILE [--dry-run]`.
 *
 * 1. Deploys PROTOCOL_CONTRACTS (scripts/codegen/stacks.ts: the escrow, the multisig, the badges
 *    and the DAO) and the traits they use (e.g. fee-discount-trait, read from their `use-trait` /
 *    `impl-trait` / static `contract-call?` references), dependencies first, as Clarity 4.
 * 2. Sends, as the deployer, the multisig's one-time `initialize` (owners, thresholds, delays,
 *    guardian, routine (target, selector) pairs, pausable targets: the EVM WorxMultisig
 *    constructor's parameters), allowlists the chain registry's stablecoins for new jobs
 *    (`set-token-allowed`; STX is allowed at deployment), makes the badges the escrow's
 *    fee-discount source (`set-fee-discount-source`), grants "arbiter" to the configured
 *    arbiters, then hands the escrow's roles to the multisig: `grant-role` of "admin",
 *    "fee-manager" and "pauser" to the multisig, then `revoke-role` of "fee-manager", "pauser" and
 *    "admin" from the deployer (admin last: revoking needs it, as does everything before it).
 *    Then the badges: "attester" to the configured attesters, "admin" to the multisig (which
 *    administers badges through its `call` operation, badges' `execute`), and the deployer's
 *    "admin" revoked.
 *    From then on only the multisig's timelocked operations administer the escrow and the badges.
 *    The DEX (issue 7), last: the metrics reporter (`metricsReporter`) allowed on the oracle, the
 *    factory's base token (`dexBaseToken`, default the first allowlisted stablecoin; none: the
 *    multisig sets it later) and public-network default pool parameters (the local defaults with a
 *    60 s cooldown), then each of metrics-oracle, creator-factory and creator-pool hands its admin
 *    to the multisig (`set-admin`), which administers them through its `call` operation
 *    (`execute`). The fee recipient of new pools is the fee-splitter by construction. The
 *    creator-coin contract deployed here is the template's reference copy: the factory accepts
 *    creators' copies whose `contract-hash?` equals its hash.
 *    The DAO (issue 6), before the escrow's handover (it needs the deployer's "fee-manager"
 *    role): the deployer bootstraps it once with `dao-core.construct(dao-bootstrap)` (enables
 *    the proposal-voting, dao-treasury and work-rewards extensions, sets the voting parameters),
 *    then makes the fee-splitter the escrow's fee recipient (`set-fee-recipient`) and
 *    staking-fee-discount its fee-discount source (replacing the badges, whose discount it
 *    still honours), as the EVM Protocol module does.
 * Every transaction is signed by the deployer with consecutive nonces and post-condition mode
 * deny: none of them moves funds (the DAO's bootstrap mints nothing). The setup calls are sent one by one, each only after the
 * previous transaction succeeded on chain, so a failed `initialize` never hands the roles over.
 *
 * Parameters file (JSON; the names of the EVM Multisig Ignition module's parameters):
 *   {
 *     "owners": ["ST…", …],            1..20 distinct principals of the network
 *     "routineThreshold": 2,            1..owners
 *     "criticalThreshold": 3,           1..owners
 *     "routineDelay": 86400,            seconds, 3600..2592000
 *     "criticalDelay": 172800,          seconds, 3600..2592000
 *     "guardian": "ST…" | null,         may only pause the pausable targets
 *     "routineActions": [{"target": "escrow", "selector": "set-platform-fee"}, …],  optional
 *     "pausableTargets": ["escrow"],    optional
 *     "arbiters": ["ST…", …]            optional: granted the escrow's "arbiter" role
 *     "attesters": ["ST…", …]           optional: granted the badges' "attester" role
 *     "metricsReporter": "ST…" | null,  optional: the metrics oracle's reporter
 *     "dexBaseToken": "ST….token"       optional: the DEX base token (default: first allowlisted stablecoin)
 *   }
 * Targets are a contract name of this deployment ("escrow") or a full contract principal.
 * `routineActions` defaults to the escrow's `set-platform-fee` and `unpause` (every other
 * operation is critical), `pausableTargets` to the escrow.
 *
 * Needs STACKS_DEPLOYER_KEY and the network's API URL env var from the chain registry
 * (STACKS_API_URL_TESTNET / STACKS_API_URL_MAINNET). Writes the address book
 * scripts/deploy/stacks/deployments/<network>.json, which codegen turns into generated/stacks.ts.
 * `--dry-run` signs the whole sequence offline and prints it instead of broadcasting.
 * `--setup-only` skips the deploys (already on chain) and the setup calls the address book records
 * as done, and sends the rest: to finish a run that was interrupted after the deploys.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import {
  broadcastTransaction,
  Cl,
  ClarityVersion,
  type ClarityValue,
  fetchNonce,
  getAddressFromPrivateKey,
  makeContractCall,
  makeContractDeploy,
  type StacksTransactionWire,
  validateStacksAddress,
} from "@stacks/transactions";
import { chainByCaip2, rpcUrl } from "../../registry/chains.ts";
import { PROTOCOL_CONTRACTS } from "../../codegen/stacks.ts";

const root = join(fileURLToPath(import.meta.url), "..", "..", "..", "..");

export const STACKS_NETWORKS = {
  testnet: { caip2: "stacks:2147483648" },
  mainnet: { caip2: "stacks:1" },
} as const;
export type StacksNetworkName = keyof typeof STACKS_NETWORKS;

/** Source of a contract of this project, from the path Clarinet.toml declares. */
function contractSource(manifest: string, name: string): string {
  const section = manifest.split(`[contracts.${name}]`)[1];
  const path = section?.match(/^path\s*=\s*"([^"]+)"/m)?.[1];
  if (!path) throw new Error(`Clarinet.toml has no path for contract ${name}`);
  return readFileSync(join(root, path), "utf8");
}

/** Contracts of this deployment a source refers to: `(use-trait x .name.trait)`,
 * `(impl-trait .name.trait)`, `(contract-call? .name fn ...)` (comments ignored). */
function dependenciesOf(codeBody: string): string[] {
  const code = codeBody.replace(/;;.*$/gm, "");
  const names = [...code.matchAll(/\((?:use-trait\s+[\w-]+|impl-trait|contract-call\?)\s+\.([a-zA-Z][\w-]*)/g)].map((m) => m[1]);
  return [...new Set(names)];
}

/** The contracts to deploy and their sources, dependencies first: PROTOCOL_CONTRACTS in their
 * order, each preceded by the contracts it refers to that are not deployed yet. */
export function protocolSources(): { name: string; codeBody: string }[] {
  const manifest = readFileSync(join(root, "Clarinet.toml"), "utf8");
  const ordered: { name: string; codeBody: string }[] = [];
  const visit = (name: string, path: string[]) => {
    if (ordered.some((c) => c.name === name)) return;
    if (path.includes(name)) throw new Error(`circular contract references: ${[...path, name].join(" -> ")}`);
    const codeBody = contractSource(manifest, name);
    for (const dependency of dependenciesOf(codeBody)) visit(dependency, [...path, name]);
    ordered.push({ name, codeBody });
  };
  for (const name of PROTOCOL_CONTRACTS) visit(name, []);
  return ordered;
}

// ───────────────────────────── multisig parameters ─────────────────────────────

/** The parameters file, as written. */
export interface MultisigParameters {
  owners: string[];
  routineThreshold: number;
  criticalThreshold: number;
  routineDelay: number;
  criticalDelay: number;
  guardian: string | null;
  routineActions?: { target: string; selector: string }[];
  pausableTargets?: string[];
  /** Principals granted the escrow's "arbiter" role (they rule disputes; never on their own escrows). */
  arbiters?: string[];
  /** Principals granted the badges' "attester" role (they sign X-verification and vetting attestations). */
  attesters?: string[];
  /** The metrics oracle's reporter (posts creator metrics); null or absent: none yet. */
  metricsReporter?: string | null;
  /** The DEX base token (a SIP-010 stablecoin contract); absent: the first allowlisted stablecoin. */
  dexBaseToken?: string | null;
}

/** Bounds multisig.clar enforces (MAX-OWNERS, MIN-DELAY, MAX-DELAY). */
const MAX_OWNERS = 20;
const MIN_DELAY = 3600;
const MAX_DELAY = 30 * 24 * 3600;
/** Actions whose class multisig.clar lets be configured (is-configurable). */
const CONFIGURABLE_ACTIONS = [
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
];
export const DEFAULT_ROUTINE_ACTIONS = [
  { target: "escrow", selector: "set-platform-fee" },
  { target: "escrow", selector: "unpause" },
];
export const DEFAULT_PAUSABLE_TARGETS = ["escrow"];
/** The escrow roles the multisig takes over, in grant order; the deployer's are revoked in
 * REVOKE_ORDER, admin last (revoking needs it). */
export const ESCROW_ROLES = ["admin", "fee-manager", "pauser"] as const;
const REVOKE_ORDER = ["fee-manager", "pauser", "admin"] as const;
/** The badges roles the multisig takes over (then revoked from the deployer). */
export const BADGES_ROLES = ["admin"] as const;
/** The DEX contracts whose admin the deployer hands to the multisig (`set-admin`), in order. */
export const DEX_ADMINISTERED = ["metrics-oracle", "creator-factory", "creator-pool"] as const;
/** Default pool parameters of public networks (creator-factory's, i.e. the spec's local ones, with a 60 s cooldown). */
export const PUBLIC_POOL_PARAMS = {
  "swap-fee-bps": 30,
  "protocol-share-bps": 1667,
  "daily-volume-limit": 10_000_000_000, // 10,000 units of a 6-decimal stablecoin
  cooldown: 60,
  "max-price-move-bps": 2500,
  "breaker-window": 3600,
  "cool-off": 3600,
  "max-price-impact-bps": 1000,
} as const;

const CONTRACT_NAME = /^[a-zA-Z]([a-zA-Z0-9]|[-_]){0,39}$/;

/** Whether `principal` is a standard (`ADDR`) or contract (`ADDR.name`) principal of `network`. */
function isPrincipalOf(principal: unknown, network: StacksNetworkName): principal is string {
  if (typeof principal !== "string") return false;
  const [address, name, ...rest] = principal.split(".");
  if (rest.length || !validateStacksAddress(address)) return false;
  const prefixes = network === "mainnet" ? ["SP", "SM"] : ["ST", "SN"];
  if (!prefixes.some((p) => address.startsWith(p))) return false;
  return name === undefined || CONTRACT_NAME.test(name);
}

/**
 * Check the parameters file against the rules `initialize` enforces, before anything is signed,
 * and resolve contract names of this deployment to full principals. Throws one message listing
 * every problem.
 */
export function resolveParameters(
  raw: unknown,
  network: StacksNetworkName,
  deployer: string,
): Required<MultisigParameters> {
  const p = (raw ?? {}) as Partial<MultisigParameters>;
  const problems: string[] = [];
  const multisig = `${deployer}.multisig`;
  const contract = (target: unknown, what: string): string => {
    const full = typeof target === "string" && CONTRACT_NAME.test(target) ? `${deployer}.${target}` : target;
    if (!isPrincipalOf(full, network) || !full.includes(".")) problems.push(`${what}: ${JSON.stringify(target)} is not a contract name or contract principal of ${network}`);
    else if (full === multisig) problems.push(`${what}: the multisig itself cannot be one`);
    return String(full);
  };
  const owners = Array.isArray(p.owners) ? p.owners : [];
  if (owners.length < 1 || owners.length > MAX_OWNERS) problems.push(`owners: 1..${MAX_OWNERS} principals needed, got ${owners.length}`);
  owners.forEach((o, i) => {
    if (!isPrincipalOf(o, network)) problems.push(`owners[${i}]: ${JSON.stringify(o)} is not a principal of ${network}`);
    else if (o === multisig) problems.push(`owners[${i}]: the multisig cannot own itself`);
    if (owners.indexOf(o) !== i) problems.push(`owners[${i}]: ${o} is listed twice`);
  });
  for (const key of ["routineThreshold", "criticalThreshold"] as const) {
    const t = p[key];
    if (!Number.isInteger(t) || t! < 1 || t! > owners.length) problems.push(`${key}: an integer in 1..${owners.length} (the owner count) needed, got ${JSON.stringify(t)}`);
  }
  for (const key of ["routineDelay", "criticalDelay"] as const) {
    const d = p[key];
    if (!Number.isInteger(d) || d! < MIN_DELAY || d! > MAX_DELAY) problems.push(`${key}: seconds in ${MIN_DELAY}..${MAX_DELAY} needed, got ${JSON.stringify(d)}`);
  }
  if (!("guardian" in p)) problems.push(`guardian: a principal, or null for none, needed`);
  else if (p.guardian !== null && !isPrincipalOf(p.guardian, network)) problems.push(`guardian: ${JSON.stringify(p.guardian)} is not a principal of ${network}`);
  const routineActions = (p.routineActions ?? DEFAULT_ROUTINE_ACTIONS).map((a, i) => {
    if (!CONFIGURABLE_ACTIONS.includes(a?.selector)) problems.push(`routineActions[${i}].selector: one of ${CONFIGURABLE_ACTIONS.join(", ")} needed, got ${JSON.stringify(a?.selector)}`);
    return { target: contract(a?.target, `routineActions[${i}].target`), selector: a?.selector };
  });
  const pausableTargets = (p.pausableTargets ?? DEFAULT_PAUSABLE_TARGETS).map((t, i) => contract(t, `pausableTargets[${i}]`));
  const principalList = (key: "arbiters" | "attesters"): string[] => {
    const list: string[] = Array.isArray(p[key]) ? p[key] : [];
    if (p[key] !== undefined && !Array.isArray(p[key])) problems.push(`${key}: a list of principals needed`);
    list.forEach((a, i) => {
      if (!isPrincipalOf(a, network)) problems.push(`${key}[${i}]: ${JSON.stringify(a)} is not a principal of ${network}`);
      if (list.indexOf(a) !== i) problems.push(`${key}[${i}]: ${a} is listed twice`);
    });
    return list;
  };
  const arbiters = principalList("arbiters");
  const attesters = principalList("attesters");
  const metricsReporter = p.metricsReporter ?? null;
  if (metricsReporter !== null && !isPrincipalOf(metricsReporter, network)) problems.push(`metricsReporter: ${JSON.stringify(metricsReporter)} is not a principal of ${network}`);
  const dexBaseToken = p.dexBaseToken ?? null;
  if (dexBaseToken !== null && (!isPrincipalOf(dexBaseToken, network) || !dexBaseToken.includes("."))) problems.push(`dexBaseToken: ${JSON.stringify(dexBaseToken)} is not a contract principal of ${network}`);
  if (routineActions.length > MAX_OWNERS) problems.push(`routineActions: at most 20 entries`);
  if (pausableTargets.length > MAX_OWNERS) problems.push(`pausableTargets: at most 20 entries`);
  if (problems.length) throw new Error(`invalid multisig parameters:\n  ${problems.join("\n  ")}`);
  return {
    owners,
    routineThreshold: p.routineThreshold!,
    criticalThreshold: p.criticalThreshold!,
    routineDelay: p.routineDelay!,
    criticalDelay: p.criticalDelay!,
    guardian: p.guardian ?? null,
    routineActions,
    pausableTargets,
    arbiters,
    attesters,
    metricsReporter,
    dexBaseToken,
  };
}

/** The chain registry's stablecoins for `network` (scripts/registry/chains.ts): SIP-010 contract
 * principals the deploy allowlists for new jobs. Throws on an entry that is not one. */
export function registryTokens(network: StacksNetworkName): string[] {
  return chainByCaip2(STACKS_NETWORKS[network].caip2).stablecoins.map((coin) => {
    if (!isPrincipalOf(coin.address, network) || !coin.address.includes(".")) {
      throw new Error(`chain registry: stablecoin ${coin.symbol} (${coin.address}) is not a contract principal of ${network}`);
    }
    return coin.address;
  });
}

// ───────────────────────────── transactions ─────────────────────────────

/** One contract call of the post-deploy setup, as the deployer. */
export interface SetupCall {
  /** e.g. "multisig.initialize", "escrow.grant-role admin" */
  name: string;
  contractName: string;
  functionName: string;
  functionArgs: ClarityValue[];
}

/** The post-deploy calls, in the order they must run: initialize, token allowlist, the badges as
 * the escrow's fee-discount source, arbiters, the DAO's bootstrap and its escrow wiring (fee
 * recipient, fee-discount source), role grants to the multisig, revokes (all but initialize and
 * construct need the deployer's escrow roles), then the badges' attesters and admin handover
 * (they need the deployer's badges admin role), then the DEX's reporter, base token, default pool
 * parameters and admin handovers (they need the deployer's DEX admin). */
export function setupCalls(deployer: string, params: Required<MultisigParameters>, allowedTokens: string[] = []): SetupCall[] {
  const multisig = `${deployer}.multisig`;
  const initialize: SetupCall = {
    name: "multisig.initialize",
    contractName: "multisig",
    functionName: "initialize",
    functionArgs: [
      Cl.list(params.owners.map((o) => Cl.principal(o))),
      Cl.uint(params.routineThreshold),
      Cl.uint(params.criticalThreshold),
      Cl.uint(params.routineDelay),
      Cl.uint(params.criticalDelay),
      params.guardian ? Cl.some(Cl.principal(params.guardian)) : Cl.none(),
      Cl.list(params.routineActions.map((a) => Cl.tuple({ target: Cl.principal(a.target), selector: Cl.stringAscii(a.selector) }))),
      Cl.list(params.pausableTargets.map((t) => Cl.principal(t))),
    ],
  };
  const role = (fn: "grant-role" | "revoke-role", r: string, account: string, contractName = "escrow"): SetupCall => ({
    name: `${contractName}.${fn} ${r}`,
    contractName,
    functionName: fn,
    functionArgs: [Cl.stringAscii(r), Cl.principal(account)],
  });
  const allowToken = (token: string): SetupCall => ({
    name: `escrow.set-token-allowed ${token}`,
    contractName: "escrow",
    functionName: "set-token-allowed",
    functionArgs: [Cl.some(Cl.principal(token)), Cl.bool(true)],
  });
  // The badges feed the escrow's fee discount, as on EVM (the Protocol module does the same).
  const discountSource: SetupCall = {
    name: "escrow.set-fee-discount-source badges",
    contractName: "escrow",
    functionName: "set-fee-discount-source",
    functionArgs: [Cl.some(Cl.principal(`${deployer}.badges`))],
  };
  // The DAO: bootstrapped once by the deployer (dao-core accepts `construct` from it only), then
  // fed the escrow's fees and asked for its fee discounts, as on EVM (the Dao Ignition module).
  const daoCalls: SetupCall[] = [
    {
      name: "dao-core.construct dao-bootstrap",
      contractName: "dao-core",
      functionName: "construct",
      functionArgs: [Cl.principal(`${deployer}.dao-bootstrap`)],
    },
    {
      name: "escrow.set-fee-recipient fee-splitter",
      contractName: "escrow",
      functionName: "set-fee-recipient",
      functionArgs: [Cl.principal(`${deployer}.fee-splitter`)],
    },
    {
      name: "escrow.set-fee-discount-source staking-fee-discount",
      contractName: "escrow",
      functionName: "set-fee-discount-source",
      functionArgs: [Cl.some(Cl.principal(`${deployer}.staking-fee-discount`))],
    },
  ];
  // The DEX: reporter, base token, public default pool parameters, then the admin handover.
  const dexBase = params.dexBaseToken ?? allowedTokens[0] ?? null;
  const dexCalls: SetupCall[] = [
    ...(params.metricsReporter
      ? [{ name: `metrics-oracle.set-reporter ${params.metricsReporter}`, contractName: "metrics-oracle", functionName: "set-reporter", functionArgs: [Cl.principal(params.metricsReporter), Cl.bool(true)] }]
      : []),
    ...(dexBase ? [{ name: `creator-factory.set-base-token ${dexBase}`, contractName: "creator-factory", functionName: "set-base-token", functionArgs: [Cl.principal(dexBase)] }] : []),
    {
      name: "creator-factory.set-default-pool-params",
      contractName: "creator-factory",
      functionName: "set-default-pool-params",
      functionArgs: [Cl.tuple(Object.fromEntries(Object.entries(PUBLIC_POOL_PARAMS).map(([k, v]) => [k, Cl.uint(v)])))],
    },
    ...DEX_ADMINISTERED.map((contractName) => ({ name: `${contractName}.set-admin multisig`, contractName, functionName: "set-admin", functionArgs: [Cl.principal(multisig)] })),
  ];
  return [
    initialize,
    ...allowedTokens.map(allowToken),
    discountSource,
    ...params.arbiters.map((a) => ({ ...role("grant-role", "arbiter", a), name: `escrow.grant-role arbiter ${a}` })),
    ...daoCalls,
    ...ESCROW_ROLES.map((r) => role("grant-role", r, multisig)),
    ...REVOKE_ORDER.map((r) => role("revoke-role", r, deployer)),
    ...params.attesters.map((a) => ({ ...role("grant-role", "attester", a, "badges"), name: `badges.grant-role attester ${a}` })),
    ...BADGES_ROLES.map((r) => role("grant-role", r, multisig, "badges")),
    ...BADGES_ROLES.map((r) => role("revoke-role", r, deployer, "badges")),
    ...dexCalls,
  ];
}

interface SigningOptions {
  network: StacksNetworkName;
  senderKey: string;
  firstNonce: bigint;
  /** Fee per transaction in micro-STX; estimated by the API when unset. */
  fee?: bigint;
  apiUrl?: string;
}

export interface SignedStep {
  name: string;
  kind: "deploy" | "call";
  transaction: StacksTransactionWire;
}

/** Signed deploy transactions in dependency order (traits before the contracts using them). */
export async function buildDeployTransactions(options: SigningOptions): Promise<SignedStep[]> {
  const result: SignedStep[] = [];
  let nonce = options.firstNonce;
  for (const { name, codeBody } of protocolSources()) {
    const transaction = await makeContractDeploy({
      contractName: name,
      codeBody,
      senderKey: options.senderKey,
      network: options.network,
      client: options.apiUrl ? { baseUrl: options.apiUrl } : undefined,
      clarityVersion: ClarityVersion.Clarity4,
      nonce: nonce++,
      fee: options.fee,
      postConditionMode: "deny", // a deploy moves no funds
    });
    result.push({ name, kind: "deploy", transaction });
  }
  return result;
}

/** Signed setup calls (see setupCalls) but those named in `skip`, with consecutive nonces from
 * `firstNonce`. `allowedTokens` defaults to the chain registry's stablecoins. */
export async function buildSetupTransactions(
  options: SigningOptions & { parameters: Required<MultisigParameters>; skip?: string[]; allowedTokens?: string[] },
): Promise<SignedStep[]> {
  const deployer = getAddressFromPrivateKey(options.senderKey, options.network);
  const tokens = options.allowedTokens ?? registryTokens(options.network);
  const result: SignedStep[] = [];
  let nonce = options.firstNonce;
  for (const call of setupCalls(deployer, options.parameters, tokens).filter((c) => !options.skip?.includes(c.name))) {
    const transaction = await makeContractCall({
      contractAddress: deployer,
      contractName: call.contractName,
      functionName: call.functionName,
      functionArgs: call.functionArgs,
      senderKey: options.senderKey,
      network: options.network,
      client: options.apiUrl ? { baseUrl: options.apiUrl } : undefined,
      nonce: nonce++,
      fee: options.fee,
      postConditionMode: "deny", // configuration and roles only: no funds move
      postConditions: [],
    });
    result.push({ name: call.name, kind: "call", transaction });
  }
  return result;
}

/** The whole signed sequence: the deploys, then the setup calls, with consecutive nonces. */
export async function buildDeploymentTransactions(
  options: SigningOptions & { parameters: Required<MultisigParameters>; allowedTokens?: string[] },
): Promise<SignedStep[]> {
  const deploys = await buildDeployTransactions(options);
  const setup = await buildSetupTransactions({ ...options, firstNonce: options.firstNonce + BigInt(deploys.length) });
  return [...deploys, ...setup];
}

// ───────────────────────────── broadcasting ─────────────────────────────

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Wait until `txid` is in a block; throws unless it succeeded. */
async function waitForSuccess(apiUrl: string, name: string, txid: string, timeoutMs = 60 * 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  const id = txid.startsWith("0x") ? txid : `0x${txid}`;
  while (Date.now() < deadline) {
    const response = await fetch(`${apiUrl}/extended/v1/tx/${id}`).catch(() => null);
    if (response?.ok) {
      const tx = (await response.json()) as { tx_status: string; tx_result?: { repr?: string } };
      if (tx.tx_status === "success") return;
      if (tx.tx_status !== "pending") throw new Error(`${name} (${id}) failed: ${tx.tx_status} ${tx.tx_result?.repr ?? ""}`);
    }
    await sleep(10_000);
  }
  throw new Error(`${name} (${id}) not confirmed after ${timeoutMs / 60_000} min; re-check it before continuing`);
}

async function broadcast(step: SignedStep, network: StacksNetworkName, apiUrl: string): Promise<string> {
  const sent = await broadcastTransaction({ transaction: step.transaction, network, client: { baseUrl: apiUrl } });
  if ("error" in sent) throw new Error(`broadcast of ${step.name} failed: ${sent.error} ${sent.reason ?? ""}`);
  console.log(`${step.name}: broadcast ${sent.txid}`);
  return sent.txid;
}

function usage(): never {
  throw new Error("usage: deploy.ts --network testnet|mainnet --parameters FILE [--dry-run | --setup-only]");
}

async function main() {
  const args = process.argv.slice(2);
  const flag = (name: string) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
  const network = flag("--network") as StacksNetworkName;
  if (!(network in STACKS_NETWORKS)) usage();
  const parametersFile = flag("--parameters");
  if (!parametersFile) usage();
  const dryRun = args.includes("--dry-run");
  const setupOnly = args.includes("--setup-only");
  const senderKey = process.env.STACKS_DEPLOYER_KEY;
  if (!senderKey) throw new Error("Set STACKS_DEPLOYER_KEY (hex private key of the deployer)");
  const chain = chainByCaip2(STACKS_NETWORKS[network].caip2);
  const apiUrl = rpcUrl(chain);
  if (!apiUrl && !dryRun) throw new Error(`Set ${chain.rpcEnv} to a Stacks API URL`);
  const deployer = getAddressFromPrivateKey(senderKey, network);
  const parameters = resolveParameters(JSON.parse(readFileSync(parametersFile, "utf8")), network, deployer);

  if (dryRun) {
    const steps = await buildDeploymentTransactions({ network, senderKey, firstNonce: 0n, fee: 10_000n, parameters });
    for (const { name, transaction } of steps) {
      console.log(`${name}: ${transaction.txid()} (${transaction.serialize().length / 2} bytes, not broadcast)`);
    }
    return;
  }

  const dir = join(root, "scripts", "deploy", "stacks", "deployments");
  const bookFile = join(dir, `${network}.json`);
  // --setup-only keeps the deploys' txids of the interrupted run
  const txids: Record<string, string> = setupOnly && existsSync(bookFile) ? JSON.parse(readFileSync(bookFile, "utf8")).txids ?? {} : {};
  // Written after the deploys and after each setup call, so an interrupted run leaves a record.
  const writeBook = () => {
    mkdirSync(dir, { recursive: true });
    const book = {
      caip2: chain.caip2,
      network,
      deployer,
      contracts: Object.fromEntries(protocolSources().map(({ name }) => [name, `${deployer}.${name}`])),
      txids,
    };
    writeFileSync(bookFile, JSON.stringify(book, null, 2) + "\n");
  };

  let nonce = await fetchNonce({ address: deployer, network, client: { baseUrl: apiUrl! } });
  if (!setupOnly) {
    const deploys = await buildDeployTransactions({ network, senderKey, firstNonce: nonce, apiUrl });
    for (const step of deploys) txids[step.name] = await broadcast(step, network, apiUrl!);
    for (const step of deploys) await waitForSuccess(apiUrl!, step.name, txids[step.name]);
    nonce += BigInt(deploys.length);
    writeBook();
  }
  // Built only now: fee estimation needs the contracts on chain. Each call waits for the one
  // before, so the roles are handed over only to an initialized multisig.
  // (--setup-only: the calls the address book records as done are not sent again)
  const setup = await buildSetupTransactions({ network, senderKey, firstNonce: nonce, apiUrl, parameters, skip: Object.keys(txids) });
  for (const step of setup) {
    txids[step.name] = await broadcast(step, network, apiUrl!);
    await waitForSuccess(apiUrl!, step.name, txids[step.name]);
    writeBook();
  }
  console.log(`address book written: scripts/deploy/stacks/deployments/${network}.json (run npm run build)`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  main().catch((error) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
