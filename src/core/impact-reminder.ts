import { z } from "zod";
import type { Action } from "./action.js";
import type { ActionEvent } from "./action-event.js";
import { IdSchema, textOf } from "./ids.js";
import { dueImpactReviews } from "./impact-due.js";
import { impactRecordable, impactState, ImpactOutcomeSchema, type ImpactOutcome, type ImpactReview } from "./impact-review.js";
import type { IsoDate } from "./iso-date.js";
import { claimedKeys, type LedgerEntry } from "./ledger.js";
import type { Plan, Section } from "./plan.js";
import type { ProgressUpdate } from "./progress-update.js";
import { boardRegister, type Register } from "./register.js";
import { recordsAsAt } from "./records-as-at.js";
import { mayRecordImpact } from "./register-access.js";
import type { Roles } from "./roles.js";

/**
 * Impact reminders: when a recommendation's impact review falls due, its owner (else its plan's
 * managers) is reminded once, through the reminder ledger like every other reminder: claimed under
 * a unique key before it is sent, confirmed after. The key names the day it fell due, so a "too
 * early to tell" that sets the next review makes a new reminder, and nothing else ever does.
 */

/** The ledger stage impact reminders are claimed under (kind "reminder", no action). */
export const IMPACT_STAGE = "impact";

export interface ImpactReminder {
  key: string;
  recommendationId: string;
  personId: string;
  planId: string | null;
  review: string;
  recommendation: string;
  dueOn: IsoDate | null;
}

export const impactReminderKey = (recommendationId: string, dueOn: IsoDate | null, personId: string): string => `impact|${recommendationId}|${dueOn ?? "undated"}|${personId}`;

/** The parts of a key, for rebuilding a reminder whose claim timed out; null for any other key. */
export function parseImpactKey(key: string): { recommendationId: string; dueOn: IsoDate | null; personId: string } | null {
  const parts = key.replace(/\|email$/, "").split("|");
  if (parts.length !== 4 || parts[0] !== "impact") return null;
  return { recommendationId: parts[1]!, dueOn: parts[2] === "undated" ? null : parts[2]!, personId: parts[3]! };
}

interface Records {
  plans: readonly Plan[];
  sections: readonly Section[];
  actions: readonly Action[];
  progressUpdates: readonly ProgressUpdate[];
}

/** Every board's impact reviews due `today`, one reminder per person to remind, not yet claimed. */
export function dueImpactReminders(input: { register: Register; records: Records; ledger: readonly LedgerEntry[]; today: IsoDate }): ImpactReminder[] {
  const claimed = claimedKeys(input.ledger);
  const boards = [...new Set(input.register.reviews.map((r) => r.board))];
  const { plans, sections, actions, progressUpdates } = input.records;
  return boards.flatMap((board) =>
    dueImpactReviews({ register: input.register, plans, sections, actions, updates: progressUpdates, board, today: input.today }).flatMap((due) => {
      const planId = sections.find((s) => s.id === due.recommendationId)?.planId ?? null;
      return due.remind.map((personId) => ({ key: impactReminderKey(due.recommendationId, due.dueOn, personId), recommendationId: due.recommendationId, personId, planId, review: due.review, recommendation: due.recommendation, dueOn: due.dueOn }));
    }),
  ).filter((r) => !claimed.has(r.key));
}

/** What an owner records: whether the change made a difference, and the evidence for saying so. */
export const ImpactReviewInputSchema = z.object({
  recommendationId: IdSchema,
  outcome: ImpactOutcomeSchema,
  evidence: textOf(4000),
}).strict();
export type ImpactReviewInput = z.infer<typeof ImpactReviewInputSchema>;

export type ImpactDecision = { kind: "record"; review: ImpactReview } | { kind: "not-found" } | { kind: "forbidden"; board: string } | { kind: "not-due"; state: string };

/**
 * Whether this person's impact review is recorded: the recommendation must be in the register,
 * they must be its impact owner or manage a plan of its board, and its actions must be complete
 * (an impact review of work still open, or never done, says nothing). The same rule for the card
 * and the API.
 */
export function decideImpactReview(input: { register: Register; records: Records; roles: Roles; person: { id: string | null; name: string }; submitted: ImpactReviewInput; today: IsoDate; id: string }): ImpactDecision {
  const { register, records, submitted } = input;
  const link = register.recommendationLinks.find((l) => l.id === submitted.recommendationId);
  const review = link && register.reviews.find((r) => r.id === link.reviewId);
  if (!link || !review) return { kind: "not-found" };
  if (!mayRecordImpact(input.roles, review.board, records.plans, link)) return { kind: "forbidden", board: review.board };
  const state = impactState({ link, actions: records.actions.filter((a) => a.sectionId === link.id), updates: records.progressUpdates, reviews: register.impactReviews, today: input.today });
  if (!impactRecordable(state)) return { kind: "not-due", state: state.state };
  return { kind: "record", review: { id: input.id, recommendationId: link.id, recordedOn: input.today, outcome: submitted.outcome, evidence: submitted.evidence, recordedBy: { personId: input.person.id, name: input.person.name } } };
}

/** A board's recommendations by where their impact stands: what the dashboard and the annual report show beside completion. */
export interface ImpactCounts {
  demonstrated: number;
  partly: number;
  not: number;
  tooEarly: number;
  /** Due and not yet recorded (too early ones whose next review has come included). */
  due: number;
  /** Actions complete; the review not yet due. */
  scheduled: number;
  /** Actions still open. */
  inProgress: number;
}

export function impactCounts(input: { register: Register; records: Records & { actionEvents: readonly ActionEvent[] }; board: string; today: IsoDate }): ImpactCounts {
  const r = boardRegister(input.register, input.board);
  // The actions as they stood on the day: a past day's counts never move with a later completion.
  const records = recordsAsAt(input.records, input.today);
  const counts: ImpactCounts = { demonstrated: 0, partly: 0, not: 0, tooEarly: 0, due: 0, scheduled: 0, inProgress: 0 };
  for (const link of r.recommendationLinks) {
    const state = impactState({ link, actions: records.actions.filter((a) => a.sectionId === link.id), updates: records.progressUpdates, reviews: r.impactReviews, today: input.today });
    if (state.state === "recorded") counts[OUTCOME_COUNT[state.outcome]]++;
    else if (state.state === "actions-open") counts.inProgress++;
    else if (state.state === "due" || state.state === "scheduled") {
      const latest = r.impactReviews.filter((i) => i.recommendationId === link.id && i.recordedOn <= input.today).sort((a, b) => a.recordedOn.localeCompare(b.recordedOn)).at(-1);
      // "Too early" stands until its next review comes due; then it is due again.
      if (state.state === "scheduled" && latest?.outcome === "too-early") counts.tooEarly++;
      else counts[state.state]++;
    }
  }
  return counts;
}

const OUTCOME_COUNT: Record<Exclude<ImpactOutcome, "too-early">, "demonstrated" | "partly" | "not"> = { demonstrated: "demonstrated", partly: "partly", not: "not" };
