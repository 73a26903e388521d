/**
 * The WORX part of a profile: balance, staking power, boost of the running locks and the fee
 * discount it earns, read live from chain (./worx.ts). Shown on chains where the DAO is deployed.
 */
import type { Address } from "viem";
import { useChainNow } from "../../chains/clock.ts";
import { percentOfBps } from "../admin/format.ts";
import { formatWorx, type DaoAddresses } from "../dao/contracts.ts";
import { boostOf, useWorxAccount } from "./worx.ts";

export function WorxProfile({ chainId, chainName, dao, account }: { chainId: number; chainName: string; dao: DaoAddresses; account: Address }) {
  const { data } = useWorxAccount(chainId, dao, account);
  const now = useChainNow(chainId);
  return (
    <section className="card admin-section" aria-label={`WORX on ${chainName}`} data-testid="profile-worx">
      <h2>WORX on {chainName}</h2>
      {!data ? (
        <p className="muted">Reading from chain…</p>
      ) : (
        <div className="stats">
          <div className="stat">
            <span className="stat-label">Balance</span>
            <span className="stat-value" data-testid="profile-worx-balance">
              {formatWorx(data.balance)}
            </span>
          </div>
          <div className="stat">
            <span className="stat-label">Staking power</span>
            <span className="stat-value" data-testid="profile-worx-power">
              {formatWorx(data.stakingPower)}
            </span>
          </div>
          <div className="stat">
            <span className="stat-label">Boost</span>
            <span className="stat-value" data-testid="profile-worx-boost">
              {boostOf(data, now) ?? "—"}
            </span>
          </div>
          <div className="stat">
            <span className="stat-label">Fee discount from staking</span>
            <span className="stat-value">{percentOfBps(data.discountBps)}</span>
          </div>
        </div>
      )}
    </section>
  );
}
