import { currentDeadline, type Action } from "./action.js";
import type { FindingEscalation } from "./finding.js";
import { impactRecordable, impactState, type ImpactReview, type ImpactState } from "./impact-review.js";
import type { IsoDate } from "./iso-date.js";
import type { Rating } from "./rag.js";
import type { BoardRecords } from "./records.js";
import { boardRegister, type Register } from "./register.js";
import { mayEditRegister, mayRecordImpact } from "./register-access.js";
import { repeatFindings } from "./repeat-finding.js";
import { daysTaken, missingMetadata, REVIEW_KIND_NAMES, reviewDay, type Review } from "./review.js";
import type { Roles } from "./roles.js";

/** An action as the register lists it beside a recommendation: enough to say where it stands and open it. */
export interface RegisterAction {
  id: string;
  planId: string;
  planTitle: string;
  ref: string;
  text: string;
  state: Action["status"]["state"];
  rating: Rating | null;
  deadline: IsoDate | null;
}

export interface RegisterRecommendation {
  id: string;
  number: string;
  text: string;
  planId: string | null;
  /** The numbers of the findings it answers. */
  answers: string[];
  intendedImpact: string | null;
  measure: string | null;
  impactOwner: { id: string; name: string } | null;
  impactReviewAfterMonths: number;
  actions: RegisterAction[];
  /** The business-plan actions it feeds. */
  feeds: RegisterAction[];
  impact: ImpactState;
  /** Impact reviews recorded so far, newest first. */
  impactReviews: ImpactReview[];
  /** The viewer may record an impact review now (the same rule the card's recording uses). */
  mayRecord: boolean;
}

export interface RegisterFinding {
  id: string;
  number: string;
  text: string;
  themes: { id: string; name: string }[];
  /** Per theme it repeats, the earlier reviews of the board that carried it. */
  repeatOf: { theme: string; reviews: string[] }[];
  /** Only for those who may edit the register; null otherwise. */
  internalNote: string | null;
  escalation: FindingEscalation | null;
}

export interface RegisterReview extends Omit<Review, "board"> {
  kindName: string;
  planTitle: string | null;
  daysTaken: number | null;
  /** The facts still to record, in people's words. */
  missing: string[];
  findings: RegisterFinding[];
  recommendations: RegisterRecommendation[];
}

export interface RegisterView {
  board: string;
  today: IsoDate;
  /** The viewer may edit the register (and so sees internal notes). */
  mayEdit: boolean;
  /** Some of it is invented demo data. */
  demo: boolean;
  reviews: RegisterReview[];
}

type Records = Pick<BoardRecords, "plans" | "sections" | "actions" | "progressUpdates" | "people">;

const numbered = new Intl.Collator("en", { numeric: true }).compare;

/**
 * One board's register as the tab shows it to this viewer on `today`: its reviews oldest first,
 * each with its findings (themes, repeat flags, escalations) and the recommendations answering
 * them, their actions and where their impact stands. Internal notes only for those who edit it.
 */
export function registerView(input: { register: Register; records: Records; roles: Roles; board: string; today: IsoDate }): RegisterView {
  const { records, roles, board, today } = input;
  const r = boardRegister(input.register, board);
  const mayEdit = mayEditRegister(roles, board, records.plans);
  const themeName = new Map(r.themes.map((t) => [t.id, t.name]));
  const reviewTitle = new Map(r.reviews.map((x) => [x.id, x.title]));
  const repeats = new Map(repeatFindings(r.findings, r.reviews).map((x) => [x.findingId, x.earlier]));
  const planTitle = (id: string | null) => records.plans.find((p) => p.id === id)?.title ?? null;
  const actionRow = (a: Action): RegisterAction => ({ id: a.id, planId: a.planId, planTitle: planTitle(a.planId) ?? a.planId, ref: a.ref, text: a.text, state: a.status.state, rating: a.rating, deadline: currentDeadline(a) });
  const reviews = [...r.reviews].sort((a, b) => (reviewDay(a) ?? "9999").localeCompare(reviewDay(b) ?? "9999") || a.title.localeCompare(b.title));
  return {
    board,
    today,
    mayEdit,
    demo: reviews.some((x) => x.demo),
    reviews: reviews.map((stored) => {
      const { board: _board, ...review } = stored;
      const findings = r.findings.filter((f) => f.reviewId === review.id).sort((a, b) => numbered(a.number, b.number));
      const findingNumber = new Map(findings.map((f) => [f.id, f.number]));
      const links = r.recommendationLinks.filter((l) => l.reviewId === review.id);
      const recommendations = links
        .map((link): RegisterRecommendation => {
          const section = records.sections.find((s) => s.id === link.id);
          const actions = records.actions.filter((a) => a.sectionId === link.id).sort((a, b) => numbered(a.ref, b.ref));
          const impact = impactState({ link, actions, updates: records.progressUpdates, reviews: r.impactReviews, today });
          const owner = link.impactOwner === null ? null : { id: link.impactOwner, name: records.people.find((p) => p.id === link.impactOwner)?.displayName ?? link.impactOwner };
          return {
            id: link.id,
            number: section?.number ?? link.id,
            text: section?.title ?? "",
            planId: section?.planId ?? null,
            answers: link.findingIds.map((id) => findingNumber.get(id) ?? id),
            intendedImpact: link.intendedImpact,
            measure: link.measure,
            impactOwner: owner,
            impactReviewAfterMonths: link.impactReviewAfterMonths,
            actions: actions.map(actionRow),
            feeds: records.actions.filter((a) => link.feedsActionIds.includes(a.id)).map(actionRow),
            impact,
            impactReviews: r.impactReviews.filter((i) => i.recommendationId === link.id && i.recordedOn <= today).sort((a, b) => b.recordedOn.localeCompare(a.recordedOn) || b.id.localeCompare(a.id)),
            mayRecord: impactRecordable(impact) && mayRecordImpact(roles, board, records.plans, link),
          };
        })
        .sort((a, b) => numbered(a.number, b.number));
      return {
        ...review,
        kindName: REVIEW_KIND_NAMES[review.kind],
        planTitle: planTitle(review.planId),
        daysTaken: daysTaken(review),
        missing: missingMetadata(stored),
        findings: findings.map((f) => ({
          id: f.id,
          number: f.number,
          text: f.text,
          themes: f.themeIds.map((id) => ({ id, name: themeName.get(id) ?? id })),
          repeatOf: (repeats.get(f.id) ?? []).map((e) => ({ theme: themeName.get(e.themeId) ?? e.themeId, reviews: e.reviewIds.map((id) => reviewTitle.get(id) ?? id) })),
          internalNote: mayEdit ? f.internalNote : null,
          escalation: f.escalation,
        })),
        recommendations,
      };
    }),
  };
}
