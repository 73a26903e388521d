// The Stacks deploy script signs protocol-only deploys (no test doubles), in dependency order,
// as Clarity 4, in post-condition deny mode, with consecutive nonces.
import { describe, expect, it } from "vitest";
import { deserializeTransaction, PayloadType, PostConditionMode, randomPrivateKey } from "@stacks/transactions";
import { buildDeployTransactions } from "../../scripts/deploy/stacks/deploy.ts";

describe("stacks deploy script", () => {
  it("buildDeployTransactions: trait before escrow, Clarity 4, deny mode, consecutive nonces", async () => {
    const txs = await buildDeployTransactions({ network: "testnet", senderKey: randomPrivateKey(), firstNonce: 7n, feePerContract: 1_000n });
    expect(txs.map((t) => t.name)).toEqual(["sip-010-trait", "escrow"]);
    txs.forEach(({ transaction }, i) => {
      const decoded = deserializeTransaction(transaction.serialize());
      expect(decoded.payload.payloadType).toBe(PayloadType.VersionedSmartContract);
      if (decoded.payload.payloadType !== PayloadType.VersionedSmartContract) return;
      expect(decoded.payload.clarityVersion).toBe(4);
      expect(decoded.postConditionMode).toBe(PostConditionMode.Deny);
      expect((decoded.auth.spendingCondition as { nonce: bigint }).nonce).toBe(7n + BigInt(i));
    });
    const escrow = deserializeTransaction(txs[1].transaction.serialize()).payload as { codeBody: { content: string } };
    expect(escrow.codeBody.content).toContain("(define-public (create-escrow");
  });
});
