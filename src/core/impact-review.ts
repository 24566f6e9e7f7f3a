import { addMonths, format, parseISO } from "date-fns";
import { z } from "zod";
import type { Action } from "./action.js";
import { IdSchema, textOf } from "./ids.js";
import { IsoDateSchema, type IsoDate } from "./iso-date.js";
import { londonDate } from "./london.js";
import type { ProgressUpdate } from "./progress-update.js";
import type { RecommendationLink } from "./recommendation-link.js";

export const ImpactOutcomeSchema = z.enum(["demonstrated", "partly", "not", "too-early"]);
export type ImpactOutcome = z.infer<typeof ImpactOutcomeSchema>;

export const IMPACT_OUTCOME_NAMES: Record<ImpactOutcome, string> = {
  demonstrated: "Impact demonstrated",
  partly: "Impact partly demonstrated",
  not: "Impact not demonstrated",
  "too-early": "Too early to tell",
};

/** Whether a recommendation's change made a difference, as its owner judged it on a day, with the evidence. */
export const ImpactReviewSchema = z.object({
  id: IdSchema,
  /** The recommendation (its RecommendationLink id). */
  recommendationId: IdSchema,
  recordedOn: IsoDateSchema,
  outcome: ImpactOutcomeSchema,
  evidence: textOf(4000),
  recordedBy: z.object({ personId: IdSchema.nullable(), name: textOf(200) }),
});
export type ImpactReview = z.infer<typeof ImpactReviewSchema>;

export type ImpactState =
  /** The recommendation has no actions yet: nothing to review. */
  | { state: "no-actions" }
  /** Some actions are still open. */
  | { state: "actions-open"; open: number }
  /** Every action was decided not to be implemented: there is no change to review. */
  | { state: "not-implemented" }
  /** Actions complete; the review falls due on `dueOn` (null: no completion day recorded, so due now). */
  | { state: "scheduled" | "due"; dueOn: IsoDate | null; completedOn: IsoDate | null }
  | { state: "recorded"; outcome: Exclude<ImpactOutcome, "too-early">; recordedOn: IsoDate };

const plusMonths = (day: IsoDate, months: number): IsoDate => format(addMonths(parseISO(day), months), "yyyy-MM-dd");

/** The day an action stopped being open: its sign-off, else its last "complete" update; null if unrecorded. */
export function completedOn(action: Action, updates: readonly ProgressUpdate[]): IsoDate | null {
  if (action.status.state === "closed") return action.status.on;
  const marked = updates.filter((u) => u.actionId === action.id && u.markedComplete).map((u) => Date.parse(u.at));
  return marked.length > 0 ? londonDate(new Date(Math.max(...marked))) : null;
}

/** Whether an impact review may be recorded in this state: once every action is done with and some were carried out (any time after, not only when due: an owner may report early). */
export const impactRecordable = (state: ImpactState): boolean => state.state === "scheduled" || state.state === "due" || state.state === "recorded";

/**
 * Where a recommendation's impact review stands on `today`. Due `impactReviewAfterMonths`
 * after its last action completed; "too early to tell" sets the next one as long again after
 * it was recorded; any other outcome settles it (the latest review counts).
 */
export function impactState(input: {
  link: RecommendationLink;
  /** The recommendation's actions. */
  actions: readonly Action[];
  updates: readonly ProgressUpdate[];
  reviews: readonly ImpactReview[];
  today: IsoDate;
}): ImpactState {
  const { link, actions, today } = input;
  if (actions.length === 0) return { state: "no-actions" };
  const open = actions.filter((a) => a.status.state === "open").length;
  if (open > 0) return { state: "actions-open", open };
  const done = actions.filter((a) => a.status.state !== "not-implemented");
  if (done.length === 0) return { state: "not-implemented" };
  const latest = input.reviews
    .filter((r) => r.recommendationId === link.id && r.recordedOn <= today)
    .sort((a, b) => a.recordedOn.localeCompare(b.recordedOn) || a.id.localeCompare(b.id))
    .at(-1);
  if (latest && latest.outcome !== "too-early") return { state: "recorded", outcome: latest.outcome, recordedOn: latest.recordedOn };
  const days = done.map((a) => completedOn(a, input.updates)).filter((d): d is IsoDate => d !== null).sort();
  const completed = days.at(-1) ?? null;
  const from = latest ? latest.recordedOn : completed;
  const dueOn = from === null ? null : plusMonths(from, link.impactReviewAfterMonths);
  return { state: dueOn === null || dueOn <= today ? "due" : "scheduled", dueOn, completedOn: completed };
}
