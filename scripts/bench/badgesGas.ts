/**
 * Gas of the badge operations on Hardhat's in-process EVM, measured from real receipts, beside plain
 * OpenZeppelin ERC-721 doing the token part alone (contracts/test-doubles/PlainERC721.sol), all in
 * one run. Shared by `npm run bench -- badges` and the committed snapshot check
 * (test/evm/badges/gas-snapshot.test.ts).
 *
 * The work history is real: a MilestoneEscrow runs 25 one-milestone jobs for the freelancer, each
 * approved and rated 5, before anything is measured (Bronze needs 10 jobs, Silver 25 and an X
 * verification). Anchors, on a fresh PlainERC721 in the same run:
 *  - a claim beside `_safeMint` to an account holding no token yet (first badge) or one (second);
 *    the difference is what the criteria read (escrow stats, attestation), the badge record and
 *    the holdings word cost;
 *  - a Bronze transfer and a burn beside the same on PlainERC721.
 * The views (`tokenURI`, `feeDiscountBps`) are measured as `eth_estimateGas` of the call (21,000
 * base and calldata included); the escrow's job creation is measured with and without the badges as
 * its fee-discount source (the difference is the discount read at creation).
 *
 * Deterministic by construction: the chain starts at a fixed time, every due date, expiry and nonce
 * is a constant, so calldata (and the attestation signatures) never vary; only timestamps of the
 * same digit count are stored.
 */
import { gasSnapshotOf, type AnchoredGasRow } from "./gasSnapshot.ts";
import { network } from "hardhat";
import { encodeFunctionData, encodePacked, type Hash, type Hex } from "viem";

export type BadgesGasRow = AnchoredGasRow;

export const MINT_NEW_ANCHOR = "OpenZeppelin ERC721._safeMint (to an account holding none)";
export const MINT_SECOND_ANCHOR = "OpenZeppelin ERC721._safeMint (to an account holding one)";
export const TRANSFER_ANCHOR = "OpenZeppelin ERC721.transferFrom (to an account holding none)";
export const BURN_ANCHOR = "OpenZeppelin ERC721 burn (owner)";
export const CREATE_ANCHOR = "createEscrow without a fee-discount source (same job)";

const NATIVE = "0x0000000000000000000000000000000000000000";
const DAY = 24 * 60 * 60;
const T0 = 2_000_000_000; // a fixed "now" (2033)
const DUE = T0 + 100 * DAY;
const EXPIRES = BigInt(T0 + 365 * DAY);
const JOB = 1_000_000n;
const TIER = { Bronze: 1, Silver: 2 } as const;
const KIND = { XVerified: 1, Vetted: 2 } as const;

const ATTESTATION_TYPES = {
  Attestation: [
    { name: "subject", type: "address" },
    { name: "kind", type: "uint8" },
    { name: "expiresAt", type: "uint64" },
    { name: "nonce", type: "uint256" },
  ],
} as const;

export async function measureBadgesGas(): Promise<BadgesGasRow[]> {
  const { viem, networkHelpers } = await network.create();
  const publicClient = await viem.getPublicClient();
  const chainId = await publicClient.getChainId();
  const [admin, treasury, client, freelancer, attester, walletOwner, other, fresh, plainHolder, plainFresh, plainOther] =
    await viem.getWalletClients();
  const gasOf = async (hash: Promise<Hash>) =>
    Number((await publicClient.waitForTransactionReceipt({ hash: await hash })).gasUsed);
  await networkHelpers.time.increaseTo(T0);

  const escrow = await viem.deployContract("MilestoneEscrow", [admin.account.address, treasury.account.address, 1_000, [NATIVE]]);
  const badges = await viem.deployContract("WorxBadges", [escrow.address, admin.account.address]);
  const plain = await viem.deployContract("PlainERC721");
  const wallet = await viem.deployContract("ERC1271Wallet", [walletOwner.account.address]);
  const role = await badges.read.ATTESTER_ROLE();
  await gasOf(badges.write.grantRole([role, attester.account.address], { account: admin.account }));
  await gasOf(badges.write.grantRole([role, wallet.address], { account: admin.account }));

  // The work history: 25 completed jobs rated 5 for `freelancer`, 10 for `other`.
  const asClient = { account: client.account };
  const job = (worker: Hex) =>
    escrow.write.createEscrow([worker, NATIVE, [{ amount: JOB, dueDate: DUE }], 3_600, 3_600], asClient);
  for (const [worker, count] of [[freelancer, 25], [other, 10]] as const) {
    for (let i = 0; i < count; i++) {
      await gasOf(job(worker.account.address));
      const id = await escrow.read.escrowCount();
      await gasOf(escrow.write.fundEscrow([id], { ...asClient, value: JOB }));
      await gasOf(escrow.write.submitMilestone([id, 0n, `0x${"00".repeat(32)}`], { account: worker.account }));
      await gasOf(escrow.write.approveMilestone([id, 0n], asClient));
      await gasOf(escrow.write.rateJob([id, 5], asClient));
    }
  }

  const domain = { name: "Worx Badges", version: "1", chainId, verifyingContract: badges.address } as const;
  const sign = (signer: typeof attester, subject: Hex, kind: number, nonce: bigint) =>
    signer.signTypedData({ domain, types: ATTESTATION_TYPES, primaryType: "Attestation", message: { subject, kind, expiresAt: EXPIRES, nonce } });

  const rows: BadgesGasRow[] = [];
  const record = async (operation: string, hash: Promise<Hash>, anchor: string | null = null, anchorGas: number | null = null) =>
    rows.push({ operation, gas: await gasOf(hash), anchor, anchorGas });

  // Anchors: PlainERC721 used once before (like the badges, whose first claim comes next).
  await gasOf(plain.write.safeMint([plainOther.account.address, 1n]));
  const mintNew = await gasOf(plain.write.safeMint([plainHolder.account.address, 2n]));
  const mintSecond = await gasOf(plain.write.safeMint([plainHolder.account.address, 3n]));
  const transfer = await gasOf(plain.write.transferFrom([plainHolder.account.address, plainFresh.account.address, 2n], { account: plainHolder.account }));
  const burn = await gasOf(plain.write.burn([3n], { account: plainHolder.account }));

  // One claim first, so the token counter is warm as in steady use.
  await gasOf(badges.write.claim([TIER.Bronze], { account: other.account }));
  const subject = freelancer.account.address;
  await record("submitAttestation (EOA attester)", badges.write.submitAttestation([subject, KIND.XVerified, EXPIRES, 1n, await sign(attester, subject, KIND.XVerified, 1n)]));
  const walletSignature = encodePacked(["address", "bytes"], [wallet.address, await sign(walletOwner, subject, KIND.Vetted, 2n)]);
  await record("submitAttestation (ERC-1271 attester)", badges.write.submitAttestation([subject, KIND.Vetted, EXPIRES, 2n, walletSignature]));
  await record("revokeAttestation", badges.write.revokeAttestation([subject, KIND.Vetted], { account: attester.account }));
  await record("claim Bronze (transferable; first badge)", badges.write.claim([TIER.Bronze], { account: freelancer.account }), MINT_NEW_ANCHOR, mintNew);
  await record("claim Silver (soul-bound, X-verified; second badge)", badges.write.claim([TIER.Silver], { account: freelancer.account }), MINT_SECOND_ANCHOR, mintSecond);

  // Views are estimated as a transaction calling them (viem's estimateContractGas only takes writes).
  const estimateCall = async (data: Hex) => Number(await publicClient.estimateGas({ account: other.account, to: badges.address, data }));
  const uriGas = await estimateCall(encodeFunctionData({ abi: badges.abi, functionName: "tokenURI", args: [3n] }));
  rows.push({ operation: "tokenURI (Silver; eth_estimateGas of the call)", gas: uriGas, anchor: null, anchorGas: null });
  const discountGas = await estimateCall(encodeFunctionData({ abi: badges.abi, functionName: "feeDiscountBps", args: [subject] }));
  rows.push({ operation: "feeDiscountBps (Silver holder; eth_estimateGas of the call)", gas: discountGas, anchor: null, anchorGas: null });

  // The escrow reading the badges at job creation: the same job without, then with, the source.
  const withoutSource = await gasOf(job(subject));
  await gasOf(escrow.write.setFeeDiscountSource([badges.address], { account: admin.account }));
  await record("createEscrow for a Silver holder (badges as fee-discount source)", job(subject), CREATE_ANCHOR, withoutSource);

  await record("transferFrom Bronze (to an account holding none)", badges.write.transferFrom([subject, fresh.account.address, 2n], { account: freelancer.account }), TRANSFER_ANCHOR, transfer);
  await record("burn (soul-bound Silver)", badges.write.burn([3n], { account: freelancer.account }), BURN_ANCHOR, burn);
  await record(
    "setTierConfig",
    badges.write.setTierConfig(
      [TIER.Silver, { minCompletedJobs: 25, minSatisfactionBps: 9_700, requiresXVerified: true, requiresVetted: false, soulbound: true, feeDiscountBps: 1_500 }],
      { account: admin.account },
    ),
  );
  return rows;
}

/** The committed snapshot's shape (shared with the other anchored gas benches). */
export const badgesSnapshot = (rows: BadgesGasRow[]): Record<string, number> => gasSnapshotOf(rows);
