/**
 * The row and snapshot shape shared by the gas benches whose rows may lack an anchor (DAO, badges,
 * DEX: scripts/bench/daoGas.ts, badgesGas.ts, dexGas.ts).
 */

/** One measured operation: its gas, and an anchor measured in the same run where one applies. */
export interface AnchoredGasRow {
  operation: string;
  gas: number;
  anchor: string | null;
  anchorGas: number | null;
}

/** The committed snapshot's shape: every row's gas, then each anchor's gas (`anchor: <name>`). */
export function gasSnapshotOf(rows: AnchoredGasRow[]): Record<string, number> {
  const snapshot: Record<string, number> = Object.fromEntries(rows.map((r) => [r.operation, r.gas]));
  for (const r of rows) {
    if (r.anchor === null || r.anchorGas === null) continue;
    const key = `anchor: ${r.anchor}`;
    // One anchor name, one figure: a name reused with another value would hide a measurement.
    if (key in snapshot && snapshot[key] !== r.anchorGas) throw new Error(`anchor "${r.anchor}" measured twice with different gas`);
    snapshot[key] = r.anchorGas;
  }
  return snapshot;
}
