/**
 * The escrow's party actions and who may take each (IMilestoneEscrow), worded for sentences like
 * "Only the client of escrow #N can approve its milestones". Kept free of React and the indexer so
 * the end-to-end tests can check the SPA's wording against real reverts.
 */
import type { PartyAction } from "../../tx/errors.ts";

/** Every party action, as the contract restricts it; `what` ends "Only the client of escrow #N can …". */
export const ACTIONS = {
  fund: { role: "client", what: "fund it" },
  cancel: { role: "client or freelancer", what: "cancel it" },
  submit: { role: "freelancer", what: "submit its milestones" },
  approve: { role: "client", what: "approve its milestones" },
  claim: { role: "freelancer", what: "claim its milestones" },
  reclaim: { role: "client", what: "reclaim its undelivered milestones" },
  dispute: { role: "client or freelancer", what: "dispute its milestones" },
  offer: { role: "client or freelancer", what: "offer a settlement of its milestones" },
  settle: { role: "client or freelancer", what: "accept a settlement of its milestones" },
  rate: { role: "client", what: "rate it" },
} as const satisfies Record<string, PartyAction>;

export type ActionName = keyof typeof ACTIONS;
