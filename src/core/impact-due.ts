import type { Action } from "./action.js";
import { impactState } from "./impact-review.js";
import type { IsoDate } from "./iso-date.js";
import type { Plan, Section } from "./plan.js";
import type { ProgressUpdate } from "./progress-update.js";
import { boardRegister, type Register } from "./register.js";

/** An impact review that has fallen due, and who should record it. */
export interface ImpactDue {
  recommendationId: string;
  review: string;
  recommendation: string;
  dueOn: IsoDate | null;
  /** The impact owner, else the managers of the plan the recommendation is in (person ids). */
  remind: string[];
}

/** The board's impact reviews due on `today`, oldest first: what an owner is reminded of. */
export function dueImpactReviews(input: { register: Register; plans: readonly Plan[]; sections: readonly Section[]; actions: readonly Action[]; updates: readonly ProgressUpdate[]; board: string; today: IsoDate }): ImpactDue[] {
  const r = boardRegister(input.register, input.board);
  return r.recommendationLinks
    .flatMap((link) => {
      const state = impactState({ link, actions: input.actions.filter((a) => a.sectionId === link.id), updates: input.updates, reviews: r.impactReviews, today: input.today });
      if (state.state !== "due") return [];
      const section = input.sections.find((s) => s.id === link.id);
      const plan = input.plans.find((p) => p.id === section?.planId);
      return [{ recommendationId: link.id, review: r.reviews.find((x) => x.id === link.reviewId)?.title ?? link.reviewId, recommendation: section?.number ?? link.id, dueOn: state.dueOn, remind: link.impactOwner ? [link.impactOwner] : [...(plan?.managers ?? [])] }];
    })
    .sort((a, b) => (a.dueOn ?? "").localeCompare(b.dueOn ?? ""));
}
