/**
 * Ponder configuration, derived — never hand-written per chain:
 *  - chains: every EVM chain of the registry (scripts/registry/chains.ts) that has a deployment in
 *    generated/deployments.ts and an RPC URL (its env var, or the local default), all in this one
 *    Ponder (npm start and the multichain tests: both local chains, 31337 and 31338, whose
 *    contracts share their CREATE2 addresses); every row names its chain (CAIP-2 `chainId`, ids
 *    prefixed with it), so one table holds them all. Ponder's default `multichain` ordering: each
 *    chain is indexed at its own pace; a reorg on one chain reverts only the rows written after its
 *    fork point and runs again the other chains' events among them (test/indexer/multichain.test.ts);
 *  - contracts: the generated ABIs with each chain's address and start block: MilestoneEscrow and
 *    the WorxMultisig that administers it (both deployed by the Protocol Ignition module), and
 *    WorxBadges on every chain where it is deployed (the Protocol module deploys it too; a chain
 *    deployed before the badges existed simply has no badge rows); the DAO (WorxToken,
 *    WorxGovernor, TimelockController, FeeSplitter, WorkRewards, StakingFeeDiscount) likewise, on
 *    every chain where WorxGovernor is deployed; and `TreasuryToken`: ERC-20 `Transfer`s to the
 *    DAO's treasury (the timelock) of the chain's known tokens (DemoStablecoin, the registry's
 *    stablecoins), filtered by recipient so that no other transfer is fetched;
 *  - the DEX, on every chain where CreatorCoinFactory is deployed (the Dex module deploys it with
 *    the MetricsOracle): the oracle and the factory at their addresses, and every CreatorCoin and
 *    CreatorPool the factory launched, found with Ponder's factory() on its CoinLaunched event
 *    (the `coin` and `pool` arguments). A coin's and a pool's constructor events are in the launch's
 *    block, before CoinLaunched: Ponder matches child logs by block, so they are indexed too;
 *  - database: PostgreSQL when DATABASE_URL is set, else embedded PGlite at WORX_PGLITE_DIR
 *    (default indexer/.ponder/pglite);
 *  - Stacks: the chain `stacks-<network>` when WORX_STACKS_RPC_URL names a Stacks bridge (indexer/stacks/,
 *    whose EVM facade serves the Stacks blocks and `print` events as logs): one contract
 *    `ClarityContracts` (the synthetic ClarityPrint event, indexer/stacks/abi.ts) with no address
 *    filter (creator coins are the creators' own contracts, unknown in advance; src/stacks/print.ts
 *    keeps our deployment's contracts of generated/stacks.ts and the launched coins), from WORX_STACKS_START_BLOCK
 *    (default 0; the bridge's first block when it joined a running chain). Its Ponder chain id is
 *    the reserved `0x5354_0000_0000 + Stacks chain id` (indexer/stacks/chains.ts), so rows say
 *    `stacks:<n>`;
 *  - WORX_INDEX_CHAINS (comma-separated CAIP-2 ids, default all) restricts the indexed chains.
 *
 * Finality: Ponder 0.16 has no per-chain setting (it derives a reorg window from the chain id;
 * 30 blocks for unknown chains such as 31337), so the registry's `confirmations` are not applied
 * here. Rows of unfinalized blocks are written anyway and rolled back on a reorg.
 */
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { createConfig, factory } from "ponder";
import { erc20Abi, getAbiItem } from "viem";
import {
  creatorCoinAbi,
  creatorCoinFactoryAbi,
  creatorPoolAbi,
  feeSplitterAbi,
  metricsOracleAbi,
  milestoneEscrowAbi,
  stakingFeeDiscountAbi,
  timelockControllerAbi,
  workRewardsAbi,
  worxBadgesAbi,
  worxGovernorAbi,
  worxMultisigAbi,
  worxTokenAbi,
} from "../generated/abis.ts";
import { deployments } from "../generated/deployments.ts";
import { stacksDeployments } from "../generated/stacks.ts";
import { chainByCaip2, rpcUrl } from "../scripts/registry/chains.ts";
import { clarityPrintAbi } from "./stacks/abi.ts";
import { ponderChainIdOfStacks, stacksCaip2, type StacksNetwork } from "./stacks/chains.ts";

const indexerDir = dirname(fileURLToPath(import.meta.url));
const LOCAL_RPC_ALIASES = 5;

interface IndexedChain {
  key: string;
  chainId: number;
  rpc: string;
  local: boolean;
  escrow: `0x${string}`;
  multisig: `0x${string}`;
  badges?: `0x${string}`;
  dao?: DaoAddresses;
  dex?: DexAddresses;
  startBlock: number;
}

/** The DEX's fixed contracts on a chain (coins and pools are the factory's children). */
interface DexAddresses {
  oracle: `0x${string}`;
  factory: `0x${string}`;
}

/** The chain's DEX, or undefined when CreatorCoinFactory is not deployed there; a factory without its oracle is an error. */
function dexOf(caip2: string, contracts: Readonly<Record<string, `0x${string}`>>): DexAddresses | undefined {
  if (!contracts.CreatorCoinFactory) return undefined;
  if (!contracts.MetricsOracle) {
    throw new Error(`${caip2}: CreatorCoinFactory is deployed without MetricsOracle in generated/deployments.ts. Deploy the Dex module, which deploys both.`);
  }
  return { oracle: contracts.MetricsOracle, factory: contracts.CreatorCoinFactory };
}

/** The DAO's contracts on a chain (all deployed together by the Protocol module). */
interface DaoAddresses {
  token: `0x${string}`;
  governor: `0x${string}`;
  timelock: `0x${string}`;
  feeSplitter: `0x${string}`;
  workRewards: `0x${string}`;
  stakingFeeDiscount: `0x${string}`;
  /** ERC-20s whose transfers to the treasury are indexed. */
  treasuryTokens: `0x${string}`[];
}

const DAO_CONTRACTS = ["WorxToken", "WorxGovernor", "TimelockController", "FeeSplitter", "WorkRewards", "StakingFeeDiscount"] as const;

/** The chain's DAO, or undefined when WorxGovernor is not deployed there; a partial DAO is an error. */
function daoOf(caip2: string, contracts: Readonly<Record<string, `0x${string}`>>, stablecoins: readonly { address: string }[]): DaoAddresses | undefined {
  if (!contracts.WorxGovernor) return undefined;
  const missing = DAO_CONTRACTS.filter((name) => !contracts[name]);
  if (missing.length) {
    throw new Error(`${caip2}: WorxGovernor is deployed without ${missing.join(", ")} in generated/deployments.ts. Deploy the Protocol module, which deploys the whole DAO.`);
  }
  const tokens = [contracts.DemoStablecoin, ...stablecoins.map((s) => s.address as `0x${string}`)].filter((a): a is `0x${string}` => !!a);
  return {
    token: contracts.WorxToken!,
    governor: contracts.WorxGovernor,
    timelock: contracts.TimelockController!,
    feeSplitter: contracts.FeeSplitter!,
    workRewards: contracts.WorkRewards!,
    stakingFeeDiscount: contracts.StakingFeeDiscount!,
    treasuryTokens: [...new Set(tokens.map((t) => t.toLowerCase() as `0x${string}`))],
  };
}

/** WORX_INDEX_CHAINS: the only CAIP-2 ids to index (e.g. a Stacks-only test); unset = every chain. */
const only = process.env.WORX_INDEX_CHAINS ? new Set(process.env.WORX_INDEX_CHAINS.split(",").map((s) => s.trim())) : undefined;
const wanted = (caip2: string) => !only || only.has(caip2);

const indexed: IndexedChain[] = [];
for (const [caip2, deployment] of Object.entries(deployments)) {
  if (!deployment || !wanted(caip2)) continue;
  const chain = chainByCaip2(caip2);
  if (chain.family !== "evm") continue;
  const rpc = rpcUrl(chain);
  const { MilestoneEscrow: escrow, WorxMultisig: multisig, WorxBadges: badges } = deployment.contracts;
  if (!rpc || !escrow) continue;
  if (!multisig) {
    throw new Error(
      `${caip2}: MilestoneEscrow is deployed without its WorxMultisig in generated/deployments.ts. ` +
        "Deploy the Protocol module (or LocalDemo locally), which deploys both.",
    );
  }
  const dao = daoOf(caip2, deployment.contracts, chain.stablecoins);
  const dex = dexOf(caip2, deployment.contracts);
  indexed.push({ key: chain.key, chainId: deployment.chainId, rpc, local: chain.local, escrow, multisig, badges, dao, dex, startBlock: deployment.startBlock });
}

interface IndexedStacks {
  key: string;
  chainId: number;
  rpc: string;
  startBlock: number;
}

function stacksChain(): IndexedStacks | undefined {
  const rpc = process.env.WORX_STACKS_RPC_URL;
  if (!rpc) return undefined;
  const network = (process.env.WORX_STACKS_NETWORK ?? "devnet") as StacksNetwork;
  const caip2 = stacksCaip2(network);
  if (!wanted(caip2)) return undefined;
  const deployment = (stacksDeployments as Record<string, { contracts: Readonly<Record<string, string>> } | undefined>)[caip2];
  if (!deployment) throw new Error(`WORX_STACKS_RPC_URL is set but generated/stacks.ts has no deployment on ${caip2}: deploy the Clarity contracts first.`);
  return { key: chainByCaip2(caip2).key, chainId: ponderChainIdOfStacks(network), rpc, startBlock: Number(process.env.WORX_STACKS_START_BLOCK ?? 0) };
}
const stacks = stacksChain();

if (indexed.length === 0 && !stacks) {
  throw new Error(
    "No chain to index: generated/deployments.ts has no MilestoneEscrow on a chain with an RPC URL. " +
      "Deploy first (npm start does it locally) and set the chain's RPC_URL_<id>.",
  );
}

/** The contract's address and start block on every indexed chain where `address` names one. */
const onEveryChain = (address: (c: IndexedChain) => `0x${string}` | undefined) =>
  Object.fromEntries(
    indexed.flatMap((c) => {
      const at = address(c);
      return at ? [[c.key, { address: at, startBlock: c.startBlock }]] : [];
    }),
  );

const coinLaunched = getAbiItem({ abi: creatorCoinFactoryAbi, name: "CoinLaunched" });

/** The factory's children named by CoinLaunched's `parameter`, on every chain with a DEX. */
const launchedBy = (parameter: "coin" | "pool") =>
  Object.fromEntries(
    indexed.flatMap((c) =>
      c.dex ? [[c.key, { address: factory({ address: c.dex.factory, event: coinLaunched, parameter }), startBlock: c.startBlock }]] : [],
    ),
  );

export default createConfig({
  database: process.env.DATABASE_URL
    ? { kind: "postgres", connectionString: process.env.DATABASE_URL }
    : { kind: "pglite", directory: process.env.WORX_PGLITE_DIR ?? join(indexerDir, ".ponder", "pglite") },
  chains: Object.fromEntries([
    // The bridge is local and answers from its own store: poll often, never cache.
    ...(stacks ? [[stacks.key, { id: stacks.chainId, rpc: stacks.rpc, disableCache: true, pollingInterval: 200 }]] : []),
    ...indexed.map((c) => [
      c.key,
      c.local
        ? // A local node restarts from block 0 with the same addresses: never trust an RPC cache.
          // The same URL several times: Ponder rate-limits each RPC URL adaptively from 20 req/s,
          // which caps a local node at ~8 blocks/s; a local node takes far more.
          { id: c.chainId, rpc: Array(LOCAL_RPC_ALIASES).fill(c.rpc), disableCache: true, pollingInterval: 200 }
        : { id: c.chainId, rpc: c.rpc },
    ]),
  ]),
  contracts: {
    ClarityContracts: {
      abi: clarityPrintAbi,
      // Every print the bridge serves (no address filter): see the header.
      chain: stacks ? { [stacks.key]: { startBlock: stacks.startBlock } } : {},
    },
    MilestoneEscrow: { abi: milestoneEscrowAbi, chain: onEveryChain((c) => c.escrow) },
    WorxMultisig: { abi: worxMultisigAbi, chain: onEveryChain((c) => c.multisig) },
    // An empty chain map (no chain has badges) registers no source: the handlers simply never run.
    WorxBadges: { abi: worxBadgesAbi, chain: onEveryChain((c) => c.badges) },
    WorxToken: { abi: worxTokenAbi, chain: onEveryChain((c) => c.dao?.token) },
    WorxGovernor: { abi: worxGovernorAbi, chain: onEveryChain((c) => c.dao?.governor) },
    TimelockController: { abi: timelockControllerAbi, chain: onEveryChain((c) => c.dao?.timelock) },
    FeeSplitter: { abi: feeSplitterAbi, chain: onEveryChain((c) => c.dao?.feeSplitter) },
    WorkRewards: { abi: workRewardsAbi, chain: onEveryChain((c) => c.dao?.workRewards) },
    StakingFeeDiscount: { abi: stakingFeeDiscountAbi, chain: onEveryChain((c) => c.dao?.stakingFeeDiscount) },
    MetricsOracle: { abi: metricsOracleAbi, chain: onEveryChain((c) => c.dex?.oracle) },
    CreatorCoinFactory: { abi: creatorCoinFactoryAbi, chain: onEveryChain((c) => c.dex?.factory) },
    CreatorCoin: { abi: creatorCoinAbi, chain: launchedBy("coin") },
    CreatorPool: { abi: creatorPoolAbi, chain: launchedBy("pool") },
    // Only transfers whose recipient is the chain's treasury (a log filter on the indexed `to`).
    TreasuryToken: {
      abi: erc20Abi,
      chain: Object.fromEntries(
        indexed.flatMap((c) =>
          c.dao && c.dao.treasuryTokens.length
            ? [[c.key, { address: c.dao.treasuryTokens, startBlock: c.startBlock, filter: { event: "Transfer" as const, args: { to: c.dao.timelock } } }]]
            : [],
        ),
      ),
    },
  },
});
