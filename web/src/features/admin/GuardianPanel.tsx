/**
 * The emergency stop: the escrow's paused state, and for the guardian a "Pause escrow" button
 * (`guardianPause(escrow)` on the multisig: it can only stop new escrows and funding, never move
 * funds). Unpausing is a normal, timelocked operation.
 */
import { useConfig } from "wagmi";
import { simulateContract, writeContract } from "wagmi/actions";
import { worxMultisigAbi } from "../../../../generated/abis.ts";
import { TxStatus } from "../../tx/TxStatus.tsx";
import { useEvmTx } from "../../tx/useTx.ts";
import { accountLabel, type AdminEnv } from "./env.ts";

export function GuardianPanel({ env }: { env: AdminEnv }) {
  const config = useConfig();
  const { info, chainId, me } = env;
  const tx = useEvmTx(chainId, { nativeSymbol: env.nativeSymbol }, env.refresh);
  const noGuardian = /^0x0{40}$/.test(info.guardian);

  const pause = () =>
    tx.run(async () => {
      const { request } = await simulateContract(config, {
        chainId: chainId as never,
        account: me,
        address: info.multisig,
        abi: worxMultisigAbi,
        functionName: "guardianPause",
        args: [info.escrow],
      });
      return writeContract(config, request);
    });

  return (
    <section className="card admin-section" aria-labelledby="guardian-title" data-testid="guardian-panel">
      <h2 id="guardian-title">Emergency pause</h2>
      <p>
        Escrow:{" "}
        <span className={`badge ${info.escrowPaused ? "badge-cancelled" : "badge-completed"}`} data-testid="escrow-paused" data-paused={String(info.escrowPaused)}>
          {info.escrowPaused ? "Paused" : "Running"}
        </span>
      </p>
      <p className="hint">
        {noGuardian ? "The multisig has no guardian." : <>Guardian: {accountLabel(info, info.guardian, me)}.</>} A pause stops new escrows and funding; submitting,
        approving, cancelling and withdrawing keep working. Unpausing is a Routine operation of the owners.
      </p>
      {env.isGuardian ? (
        info.escrowPaused ? (
          <p className="muted">The escrow is paused. To resume, propose “Unpause the escrow”.</p>
        ) : !info.escrowPausable ? (
          <p className="notice">The owners have not marked the escrow pausable: the guardian can't pause it.</p>
        ) : (
          <button type="button" className="danger" disabled={tx.busy} onClick={() => void pause()}>
            Pause escrow
          </button>
        )
      ) : null}
      <TxStatus state={tx.state} label="Pause escrow" testId="guardian-pause" />
    </section>
  );
}
