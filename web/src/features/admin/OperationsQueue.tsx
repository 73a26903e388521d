/** The multisig's operations from the indexer, newest first, filterable by state. */
import { useState } from "react";
import { MULTISIG_OP_STATES, useMultisigOperations, type OperationsFilter } from "../../indexer/multisig.ts";
import type { AdminEnv } from "./env.ts";
import { OperationCard } from "./OperationCard.tsx";

const filterLabel: Record<OperationsFilter, string> = { all: "All", pending: "Pending", queued: "Queued", executed: "Executed", cancelled: "Cancelled" };
const PAGE = 20;

export function OperationsQueue({ env }: { env: AdminEnv }) {
  const [filter, setFilter] = useState<OperationsFilter>("all");
  const [limit, setLimit] = useState(PAGE);
  const ops = useMultisigOperations(env.caip2, env.info.multisig, filter, limit);
  const totals = ops.data?.totals;
  const all = totals ? MULTISIG_OP_STATES.reduce((n, s) => n + totals[s], 0) : undefined;

  return (
    <section className="card admin-section" aria-labelledby="ops-title" data-testid="operations">
      <h2 id="ops-title">Operations</h2>
      <div className="chips" role="group" aria-label="Show operations">
        {(["all", ...MULTISIG_OP_STATES] as OperationsFilter[]).map((f) => {
          const count = f === "all" ? all : totals?.[f];
          return (
            <button
              key={f}
              type="button"
              className="chip"
              aria-pressed={filter === f}
              data-testid={`ops-filter-${f}`}
              onClick={() => {
                setFilter(f);
                setLimit(PAGE);
              }}
            >
              {filterLabel[f]}
              {count !== undefined ? <span className="chip-count"> {count}</span> : null}
            </button>
          );
        })}
      </div>
      {ops.isPending ? (
        <p className="muted">Loading operations from the indexer…</p>
      ) : ops.error ? (
        <p className="notice" role="alert" data-testid="ops-error">
          {ops.error.message}
        </p>
      ) : ops.data.operations.length === 0 ? (
        <p className="muted" data-testid="no-operations">
          {filter === "all" ? "No operation has been proposed yet." : `No ${filterLabel[filter].toLowerCase()} operation.`}
        </p>
      ) : (
        <ol className="op-list">
          {ops.data.operations.map((row) => (
            <li key={row.id}>
              <OperationCard row={row} env={env} />
            </li>
          ))}
        </ol>
      )}
      {ops.data?.hasMore ? (
        <button type="button" className="secondary" onClick={() => setLimit((l) => l + PAGE)}>
          Show more
        </button>
      ) : null}
    </section>
  );
}
