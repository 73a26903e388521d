// The Stacks deploy script (scripts/deploy/stacks/deploy.ts), offline (dry run): it signs the
// protocol-only deploys (no test doubles) in dependency order as Clarity 4 (the traits a contract
// uses before it), then the multisig's `initialize`, the token allowlist (the registry's
// stablecoins), the arbiters and the escrow's role handover as contract calls, every transaction
// by the deployer, in post-condition deny mode with no post-conditions (nothing moves funds),
// with consecutive nonces, then the badges' attesters and admin handover. Before the escrow's
// handover the deployer bootstraps the DAO (dao-core construct) and wires it to the escrow (fee
// recipient: the fee-splitter; fee-discount source: staking-fee-discount). The signed calls are then
// replayed in simnet (same sources, deployed by Clarinet) to show they leave the multisig configured
// and holding every escrow role and the badges' admin role, and the DAO constructed and wired.
// Last, the DEX: the metrics reporter, the base token, public default pool parameters and the
// oracle's, factory's and pool contract's admin handed to the multisig.
import { describe, expect, it } from "vitest";
import {
  AddressVersion,
  addressFromVersionHash,
  addressToString,
  type ClarityValue,
  ClarityType,
  Cl,
  deserializeTransaction,
  getAddressFromPrivateKey,
  PayloadType,
  PostConditionMode,
  randomPrivateKey,
} from "@stacks/transactions";
import {
  buildDeploymentTransactions,
  type MultisigParameters,
  protocolSources,
  registryTokens,
  resolveParameters,
} from "../../scripts/deploy/stacks/deploy.ts";

const accounts = simnet.getAccounts();
const OWNERS = [1, 2, 3, 4, 5].map((i) => accounts.get(`wallet_${i}`)!);
const DAY = 86_400;

/** A parameters file as an operator writes it (DESIGN seeds: 3 / 2 of 5, 48 h / 24 h). */
const PARAMETERS: MultisigParameters = {
  owners: OWNERS,
  routineThreshold: 2,
  criticalThreshold: 3,
  routineDelay: DAY,
  criticalDelay: 2 * DAY,
  guardian: OWNERS[0],
  arbiters: [OWNERS[3], OWNERS[4]],
  attesters: [OWNERS[2]],
  metricsReporter: OWNERS[2], // the attester's wallet reports metrics too, as in the EVM local demo
};
/** A SIP-010 contract of the deployment standing in for a registry stablecoin (the registry
 * lists none for Stacks yet); rebased onto the simnet deployer, where mock-sip010 exists. */
const tokenOf = (deployer: string) => `${deployer}.mock-sip010`;

const EXPECTED_DEPLOYS = [
  "sip-010-trait",
  "fee-discount-trait",
  "escrow",
  "multisig-traits",
  "multisig",
  "sip-009-trait",
  "badges",
  "proposal-trait",
  "extension-trait",
  "dao-core",
  "dao-token",
  "dao-treasury",
  "fee-splitter",
  "work-rewards",
  "staking-fee-discount",
  "proposal-voting",
  "dao-bootstrap",
  "creator-coin-trait",
  "metrics-oracle",
  "creator-coin",
  "creator-pool",
  "creator-factory",
];
/** The DEX's setup calls, last: reporter, base token (when one is known), public default pool
 * parameters, then each admin handed to the multisig. */
const dexSteps = (base: string | null) => [
  `metrics-oracle.set-reporter ${OWNERS[2]}`,
  ...(base ? [`creator-factory.set-base-token ${base}`] : []),
  "creator-factory.set-default-pool-params",
  "metrics-oracle.set-admin multisig",
  "creator-factory.set-admin multisig",
  "creator-pool.set-admin multisig",
];
const expectedSteps = (deployer: string) => [
  ...EXPECTED_DEPLOYS,
  "multisig.initialize",
  `escrow.set-token-allowed ${tokenOf(deployer)}`,
  "escrow.set-fee-discount-source badges",
  `escrow.grant-role arbiter ${OWNERS[3]}`,
  `escrow.grant-role arbiter ${OWNERS[4]}`,
  "dao-core.construct dao-bootstrap",
  "escrow.set-fee-recipient fee-splitter",
  "escrow.set-fee-discount-source staking-fee-discount",
  "escrow.grant-role admin",
  "escrow.grant-role fee-manager",
  "escrow.grant-role pauser",
  "escrow.revoke-role fee-manager",
  "escrow.revoke-role pauser",
  "escrow.revoke-role admin",
  `badges.grant-role attester ${OWNERS[2]}`,
  "badges.grant-role admin",
  "badges.revoke-role admin",
  ...dexSteps(tokenOf(deployer)),
];

/** Replace the principals of `from` (and its contracts) with those of `to`, throughout a value. */
function rebase(cv: ClarityValue, from: string, to: string): ClarityValue {
  const v = cv as any;
  switch (cv.type) {
    case ClarityType.PrincipalStandard:
      return v.value === from ? Cl.standardPrincipal(to) : cv;
    case ClarityType.PrincipalContract: {
      const [address, name] = (v.value as string).split(".");
      return address === from ? Cl.contractPrincipal(to, name) : cv;
    }
    case ClarityType.OptionalSome:
      return Cl.some(rebase(v.value, from, to));
    case ClarityType.List:
      return Cl.list(v.value.map((x: ClarityValue) => rebase(x, from, to)));
    case ClarityType.Tuple:
      return Cl.tuple(Object.fromEntries(Object.entries(v.value).map(([k, x]) => [k, rebase(x as ClarityValue, from, to)])));
    default:
      return cv;
  }
}

async function signedSequence(firstNonce = 7n) {
  const senderKey = randomPrivateKey();
  const deployer = getAddressFromPrivateKey(senderKey, "testnet");
  const parameters = resolveParameters(PARAMETERS, "testnet", deployer);
  const steps = await buildDeploymentTransactions({
    network: "testnet",
    senderKey,
    firstNonce,
    fee: 1_000n,
    parameters,
    allowedTokens: [tokenOf(deployer)],
  });
  return { deployer, steps, decoded: steps.map((s) => deserializeTransaction(s.transaction.serialize())) };
}

describe("stacks deploy script", () => {
  it("dry run: deploys in dependency order, then initialize, allowlist, discount source, arbiters, the DAO's bootstrap and wiring, and the role handover; Clarity 4, deny mode, one signer, consecutive nonces", async () => {
    const { deployer, steps, decoded } = await signedSequence();
    expect(steps.map((s) => s.name)).toEqual(expectedSteps(deployer));
    const sources = protocolSources();
    decoded.forEach((tx, i) => {
      const what = steps[i].name;
      expect(tx.postConditionMode, `${what}: deny mode`).toBe(PostConditionMode.Deny);
      expect(tx.postConditions.values, `${what}: no post-conditions (nothing may move)`).toHaveLength(0);
      const auth = tx.auth.spendingCondition as { nonce: bigint; fee: bigint; signer: string };
      expect(auth.nonce, `${what}: nonce`).toBe(7n + BigInt(i));
      expect(auth.fee).toBe(1_000n);
      expect(addressToString(addressFromVersionHash(AddressVersion.TestnetSingleSig, auth.signer)), `${what}: signed by the deployer`).toBe(
        deployer,
      );
      expect(() => tx.verifyOrigin(), `${what}: signature`).not.toThrow();
      if (i < sources.length) {
        expect(tx.payload.payloadType).toBe(PayloadType.VersionedSmartContract);
        if (tx.payload.payloadType !== PayloadType.VersionedSmartContract) return;
        expect(tx.payload.clarityVersion).toBe(4);
        expect(tx.payload.contractName.content).toBe(sources[i].name);
        expect(tx.payload.codeBody.content).toBe(sources[i].codeBody);
      } else {
        expect(tx.payload.payloadType).toBe(PayloadType.ContractCall);
        if (tx.payload.payloadType !== PayloadType.ContractCall) return;
        expect(addressToString(tx.payload.contractAddress), `${what}: calls the contracts just deployed`).toBe(deployer);
        expect(`${tx.payload.contractName.content}.${tx.payload.functionName.content}`).toBe(what.split(" ")[0]);
      }
    });
    expect(sources.map((s) => s.name)).toEqual(EXPECTED_DEPLOYS);
    // each contract after the traits it uses
    expect(sources[1].codeBody).toContain("(define-trait fee-discount-trait");
    expect(sources[2].codeBody).toContain("(use-trait fee-discount-trait .fee-discount-trait.fee-discount-trait)");
    expect(sources[4].codeBody).toContain("(define-public (initialize");
    expect(sources[5].codeBody).toContain("(define-trait nft-trait");
    expect(sources[6].codeBody).toContain("(impl-trait .sip-009-trait.nft-trait)");
    expect(sources[6].codeBody).toContain("(contract-call? .escrow get-freelancer-stats");
    // the DAO: its traits first, dao-core before the contracts asking it "is this the DAO?", the
    // bootstrap proposal last (it calls dao-core and proposal-voting)
    const at = (name: string) => sources.findIndex((c) => c.name === name);
    expect(sources[at("proposal-trait")].codeBody).toContain("(define-trait proposal-trait");
    expect(sources[at("dao-core")].codeBody).toContain("(use-trait proposal-trait .proposal-trait.proposal-trait)");
    for (const name of ["dao-token", "dao-treasury", "fee-splitter", "work-rewards", "staking-fee-discount", "proposal-voting"]) {
      expect(sources[at(name)].codeBody, name).toContain("(contract-call? .dao-core is-dao-or-extension");
      expect(at(name), name).toBeGreaterThan(at("dao-core"));
    }
    expect(at("work-rewards")).toBeGreaterThan(at("dao-token"));
    expect(sources[at("dao-bootstrap")].codeBody).toContain("(impl-trait .proposal-trait.proposal-trait)");
    expect(at("dao-bootstrap")).toBe(EXPECTED_DEPLOYS.indexOf("dao-bootstrap"));
    // the DEX: the coin trait before the factory using it, the pool before the factory calling it
    expect(at("creator-factory")).toBeGreaterThan(at("creator-pool"));
    expect(at("creator-factory")).toBeGreaterThan(at("creator-coin-trait"));
    expect(sources[at("creator-factory")].codeBody).toContain("(use-trait creator-coin-trait .creator-coin-trait.creator-coin-trait)");
    // the calls' arguments
    const args = (i: number) => (decoded[i].payload as any).functionArgs as ClarityValue[];
    const escrow = `${deployer}.escrow`;
    const multisig = `${deployer}.multisig`;
    const first = EXPECTED_DEPLOYS.length;
    expect(args(first)).toEqual([
      Cl.list(OWNERS.map((o) => Cl.principal(o))),
      Cl.uint(2),
      Cl.uint(3),
      Cl.uint(DAY),
      Cl.uint(2 * DAY),
      Cl.some(Cl.principal(OWNERS[0])),
      Cl.list(
        ["set-platform-fee", "unpause"].map((a) => Cl.tuple({ target: Cl.principal(escrow), selector: Cl.stringAscii(a) })),
      ),
      Cl.list([Cl.principal(escrow)]),
    ]);
    expect(args(first + 1)).toEqual([Cl.some(Cl.principal(tokenOf(deployer))), Cl.bool(true)]);
    expect(args(first + 2)).toEqual([Cl.some(Cl.principal(`${deployer}.badges`))]);
    expect(args(first + 3)).toEqual([Cl.stringAscii("arbiter"), Cl.principal(OWNERS[3])]);
    expect(args(first + 4)).toEqual([Cl.stringAscii("arbiter"), Cl.principal(OWNERS[4])]);
    expect(args(first + 5)).toEqual([Cl.principal(`${deployer}.dao-bootstrap`)]);
    expect(args(first + 6)).toEqual([Cl.principal(`${deployer}.fee-splitter`)]);
    expect(args(first + 7)).toEqual([Cl.some(Cl.principal(`${deployer}.staking-fee-discount`))]);
    ["admin", "fee-manager", "pauser"].forEach((role, k) =>
      expect(args(first + 8 + k)).toEqual([Cl.stringAscii(role), Cl.principal(multisig)]),
    );
    ["fee-manager", "pauser", "admin"].forEach((role, k) =>
      expect(args(first + 11 + k)).toEqual([Cl.stringAscii(role), Cl.principal(deployer)]),
    );
    expect(args(first + 14)).toEqual([Cl.stringAscii("attester"), Cl.principal(OWNERS[2])]);
    expect(args(first + 15)).toEqual([Cl.stringAscii("admin"), Cl.principal(multisig)]);
    expect(args(first + 16)).toEqual([Cl.stringAscii("admin"), Cl.principal(deployer)]);
  });

  it("dry run: the signed calls, replayed in simnet, configure the multisig and hand it every escrow role", async () => {
    const { deployer, steps, decoded } = await signedSequence(0n);
    const here = simnet.deployer;
    const ro = (contract: string, fn: string, args: ClarityValue[] = []) => simnet.callReadOnlyFn(contract, fn, args, here).result;
    const first = EXPECTED_DEPLOYS.length;
    decoded.slice(first).forEach((tx, i) => {
      const p = tx.payload as any;
      const r = simnet.callPublicFn(
        p.contractName.content,
        p.functionName.content,
        p.functionArgs.map((a: ClarityValue) => rebase(a, deployer, here)),
        here,
      );
      expect(r.result, steps[first + i].name).toBeOk(Cl.bool(true));
    });
    expect(ro("multisig", "get-owners")).toEqual(Cl.list(OWNERS.map((o) => Cl.principal(o))));
    expect(ro("multisig", "get-config")).toEqual(
      Cl.tuple({
        "owner-count": Cl.uint(5),
        "routine-threshold": Cl.uint(2),
        "critical-threshold": Cl.uint(3),
        "routine-delay": Cl.uint(DAY),
        "critical-delay": Cl.uint(2 * DAY),
        "grace-period": Cl.uint(14 * DAY),
        "min-delay": Cl.uint(3600),
        "max-delay": Cl.uint(30 * DAY),
        guardian: Cl.some(Cl.principal(OWNERS[0])),
        "owners-epoch": Cl.uint(0),
      }),
    );
    for (const action of ["set-platform-fee", "unpause"])
      expect(ro("multisig", "get-class", [Cl.principal(`${here}.escrow`), Cl.stringAscii(action)])).toBeUint(1);
    expect(ro("multisig", "get-class", [Cl.principal(`${here}.escrow`), Cl.stringAscii("set-fee-recipient")])).toBeUint(0);
    expect(ro("multisig", "is-pausable-target", [Cl.principal(`${here}.escrow`)])).toBeBool(true);
    for (const role of ["admin", "fee-manager", "pauser"]) {
      expect(ro("escrow", "has-role", [Cl.stringAscii(role), Cl.principal(`${here}.multisig`)])).toBeBool(true);
      expect(ro("escrow", "has-role", [Cl.stringAscii(role), Cl.principal(here)])).toBeBool(false);
    }
    // the registry's stablecoins (here the stand-in) and STX are allowed; the arbiters can rule
    expect(ro("escrow", "is-token-allowed", [Cl.some(Cl.principal(tokenOf(here)))])).toBeBool(true);
    expect(ro("escrow", "is-token-allowed", [Cl.none()])).toBeBool(true);
    // the DAO's staking-fee-discount (which honours the badges' discount) feeds the escrow's fee
    // discount and the fee-splitter receives its fees, as the EVM Protocol module wires them
    expect(ro("escrow", "get-fee-discount-source")).toBeSome(Cl.principal(`${here}.staking-fee-discount`));
    expect(ro("escrow", "get-fee-recipient")).toEqual(Cl.principal(`${here}.fee-splitter`));
    // the DAO: constructed once with its bootstrap (extensions enabled, the bootstrap recorded as
    // executed), the splitter paying its treasury share to dao-treasury and the rest to the multisig
    expect(ro("dao-core", "is-constructed")).toBeBool(true);
    for (const extension of ["proposal-voting", "dao-treasury", "work-rewards"])
      expect(ro("dao-core", "is-extension", [Cl.principal(`${here}.${extension}`)]), extension).toBeBool(true);
    expect(ro("dao-core", "executed-at", [Cl.principal(`${here}.dao-bootstrap`)])).toBeSome(expect.anything());
    expect(ro("fee-splitter", "get-treasury")).toEqual(Cl.principal(`${here}.dao-treasury`));
    expect(ro("fee-splitter", "get-operations")).toEqual(Cl.principal(`${here}.multisig`));
    expect(ro("fee-splitter", "get-dao-share-bps")).toBeUint(7000);
    // the DAO is bootstrapped once: a second construct is refused (ERR-NOT-CONSTRUCTOR)
    expect(simnet.callPublicFn("dao-core", "construct", [Cl.principal(`${here}.dao-bootstrap`)], here).result).toBeErr(Cl.uint(4002));
    for (const a of [OWNERS[3], OWNERS[4]]) expect(ro("escrow", "has-role", [Cl.stringAscii("arbiter"), Cl.principal(a)])).toBeBool(true);
    expect(ro("escrow", "has-role", [Cl.stringAscii("arbiter"), Cl.principal(`${here}.multisig`)])).toBeBool(false);
    // the badges: administered by the multisig only; the configured attesters attest
    expect(ro("badges", "has-role", [Cl.stringAscii("admin"), Cl.principal(`${here}.multisig`)])).toBeBool(true);
    expect(ro("badges", "has-role", [Cl.stringAscii("admin"), Cl.principal(here)])).toBeBool(false);
    expect(ro("badges", "has-role", [Cl.stringAscii("attester"), Cl.principal(OWNERS[2])])).toBeBool(true);
    // the DEX: administered by the multisig only; the reporter reports; the base token and the
    // public default pool parameters (60 s cooldown) set; new pools pay the fee-splitter
    for (const contract of ["metrics-oracle", "creator-factory", "creator-pool"]) expect(ro(contract, "get-admin"), contract).toEqual(Cl.principal(`${here}.multisig`));
    expect(ro("metrics-oracle", "is-reporter", [Cl.principal(OWNERS[2])])).toBeBool(true);
    expect(ro("creator-factory", "get-base-token")).toBeSome(Cl.principal(tokenOf(here)));
    expect((ro("creator-factory", "get-default-pool-params") as any).value.cooldown).toEqual(Cl.uint(60));
    expect(ro("creator-factory", "get-fee-recipient")).toEqual(Cl.principal(`${here}.fee-splitter`));
  });

  it("registry: the allowlisted tokens default to the chain registry's stablecoins (none listed for Stacks yet)", async () => {
    expect(registryTokens("testnet")).toEqual([]);
    expect(registryTokens("mainnet")).toEqual([]);
    const senderKey = randomPrivateKey();
    const deployer = getAddressFromPrivateKey(senderKey, "testnet");
    const steps = await buildDeploymentTransactions({
      network: "testnet",
      senderKey,
      firstNonce: 0n,
      fee: 1_000n,
      parameters: resolveParameters({ ...PARAMETERS, arbiters: undefined, attesters: undefined }, "testnet", deployer),
    });
    expect(steps.filter((s) => s.name.startsWith("escrow.set-token-allowed") || s.name.includes("arbiter") || s.name.includes("attester"))).toEqual([]);
    // the badges' admin handover happens with or without attesters; the DEX's setup comes last,
    // its base token left to the multisig when no stablecoin is known
    expect(steps.filter((s) => s.name.startsWith("badges.")).map((s) => s.name)).toEqual(["badges.grant-role admin", "badges.revoke-role admin"]);
    expect(steps.slice(-5).map((s) => s.name)).toEqual(dexSteps(null));
  });

  it("parameters: defaults, contract names resolved, every problem reported before anything is signed", () => {
    const deployer = OWNERS[4];
    const resolved = resolveParameters(
      { ...PARAMETERS, guardian: null, routineActions: [{ target: `${OWNERS[3]}.other`, selector: "call" }], pausableTargets: ["escrow", "multisig-target"] },
      "testnet",
      deployer,
    );
    expect(resolved.guardian).toBeNull();
    expect(resolved.routineActions).toEqual([{ target: `${OWNERS[3]}.other`, selector: "call" }]);
    expect(resolved.pausableTargets).toEqual([`${deployer}.escrow`, `${deployer}.multisig-target`]);
    expect(() =>
      resolveParameters(
        {
          owners: [OWNERS[0], OWNERS[0], "SP2J6ZY48GV1EZ5V2V5RB9MP66SW86PYKKNRV9EJ7", `${deployer}.multisig`],
          routineThreshold: 0,
          criticalThreshold: 5,
          routineDelay: 3599,
          criticalDelay: 30 * DAY + 1,
          routineActions: [
            { target: "escrow", selector: "add-owner" },
            { target: OWNERS[1], selector: "unpause" },
          ],
          pausableTargets: ["multisig"],
          arbiters: [OWNERS[1], "SP2J6ZY48GV1EZ5V2V5RB9MP66SW86PYKKNRV9EJ7", OWNERS[1]],
          attesters: ["SP2J6ZY48GV1EZ5V2V5RB9MP66SW86PYKKNRV9EJ7", OWNERS[2], OWNERS[2]],
          metricsReporter: "SP2J6ZY48GV1EZ5V2V5RB9MP66SW86PYKKNRV9EJ7",
          dexBaseToken: OWNERS[1],
        },
        "testnet",
        deployer,
      ),
    ).toThrowError(
      new RegExp(
        [
          "owners\\[1\\]: .* listed twice",
          "owners\\[2\\]: .* not a principal of testnet",
          "owners\\[3\\]: the multisig cannot own itself",
          "routineThreshold: an integer in 1\\.\\.4",
          "criticalThreshold: an integer in 1\\.\\.4",
          "routineDelay: seconds in 3600\\.\\.2592000",
          "criticalDelay: seconds in",
          "guardian: a principal, or null for none, needed",
          "routineActions\\[0\\]\\.selector: one of",
          "routineActions\\[1\\]\\.target: .* not a contract name or contract principal",
          "pausableTargets\\[0\\]: the multisig itself cannot be one",
          "arbiters\\[1\\]: .* not a principal of testnet",
          "arbiters\\[2\\]: .* listed twice",
          "attesters\\[0\\]: .* not a principal of testnet",
          "attesters\\[2\\]: .* listed twice",
          "metricsReporter: .* not a principal of testnet",
          "dexBaseToken: .* not a contract principal of testnet",
        ].join("[\\s\\S]*"),
      ),
    );
    // mainnet wants SP/SM principals
    expect(() => resolveParameters(PARAMETERS, "mainnet", "SP2J6ZY48GV1EZ5V2V5RB9MP66SW86PYKKNRV9EJ7")).toThrowError(
      /owners\[0\]: .* not a principal of mainnet/,
    );
  });
});
