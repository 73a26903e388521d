/**
 * Ponder's checkpoint table (`_ponder_checkpoint` in this process's schema): one row per indexed
 * chain, by Ponder chain id, with the checkpoint of the last block indexed (its first 10 digits are
 * that block's time). Read by GET /chains, the DEX routes' chain time and the SQL cache's epoch.
 */
import { db } from "ponder:api";
import { sql } from "ponder";
import { ponderSchema } from "./pgliteSql.ts";

export interface ChainCheckpoint {
  /** Ponder's chain id (a reserved id for Stacks: indexer/stacks/chains.ts). */
  chainId: number;
  latestCheckpoint: string;
}

/** Every indexed chain's latest checkpoint, by chain id. */
export async function latestCheckpoints(): Promise<ChainCheckpoint[]> {
  const result = (await db.execute(
    sql`select chain_id, latest_checkpoint from ${sql.identifier(ponderSchema())}."_ponder_checkpoint" order by chain_id`,
  )) as unknown as { rows: { chain_id: string | number; latest_checkpoint: string }[] };
  return result.rows.map((row) => ({ chainId: Number(row.chain_id), latestCheckpoint: row.latest_checkpoint }));
}
