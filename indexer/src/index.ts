/**
 * Indexing entry point: each component registers its handlers on import.
 * (Ponder loads every file under src/ except src/api; this index keeps the list explicit.)
 */
import "./escrow.ts";
import "./disputes.ts";
import "./workHistory.ts";
import "./escrowAdmin.ts";
import "./multisig.ts";
import "./badges.ts";
import "./dao/token.ts";
import "./dao/governor.ts";
import "./dao/treasury.ts";
import "./dao/rewards.ts";
import "./dex/oracle.ts";
import "./dex/factory.ts";
import "./dex/coin.ts";
import "./dex/pool.ts";
import "./stacks/print.ts";
