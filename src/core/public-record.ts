import { currentDeadline, type Action } from "./action.js";
import { IMPACT_OUTCOME_NAMES, impactState, type ImpactState } from "./impact-review.js";
import type { IsoDate } from "./iso-date.js";
import { londonDate } from "./london.js";
import type { BoardRecords } from "./records.js";
import { boardRegister, type Register } from "./register.js";
import { recordsAsAt } from "./records-as-at.js";
import { repeatFindings } from "./repeat-finding.js";
import { daysTaken, missingMetadata, REVIEW_KIND_NAMES } from "./review.js";

/**
 * The public record (SCIE quality markers 14 and 15): each review's findings, the recommendations
 * answering them, their actions' status and commentary, and impact, in plain words, ready for the
 * board's website. Left out: the reviewer, leads and authors, findings' internal notes; and any
 * directory person's name in what people typed is replaced, since commentary is written for
 * colleagues before it is published.
 */
export interface PublicRecord {
  board: string;
  asOf: IsoDate;
  /** Some of it is invented demo data: say so on the page. */
  demo: boolean;
  reviews: PublicReview[];
}

export interface PublicReview {
  kind: string;
  title: string;
  referralSource: string | null;
  commissionedOn: IsoDate | null;
  concludedOn: IsoDate | null;
  publishedOn: IsoDate | null;
  periodReviewed: { from: IsoDate; to: IsoDate } | null;
  daysTaken: number | null;
  /** Facts of the review not recorded, named so their absence is visible (the reviewer is never published, so never listed). */
  notRecorded: string[];
  findings: { number: string; text: string; themes: string[]; repeatOf: string[]; escalation: { to: string; raisedOn: IsoDate; question: string; answer: string | null; answeredOn: IsoDate | null } | null }[];
  recommendations: { number: string; text: string; answers: string[]; intendedImpact: string | null; measure: string | null; actions: { ref: string; text: string; status: string; commentary: string | null }[]; impact: string }[];
}

export const NAME_REMOVED = "[name removed]";

/** `text` with every given name replaced (whole words, any letter case), longest names first. */
export function withoutNames(text: string, names: readonly string[]): string {
  const escaped = [...names].filter((n) => n.trim().length > 1).sort((a, b) => b.length - a.length).map((n) => n.trim().replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));
  return escaped.length === 0 ? text : text.replace(new RegExp(`\\b(?:${escaped.join("|")})\\b`, "gi"), NAME_REMOVED);
}

function statusInWords(action: Action, asOf: IsoDate, uk: (d: IsoDate) => string): string {
  switch (action.status.state) {
    case "open": {
      const deadline = currentDeadline(action);
      return deadline === null ? "In progress" : deadline < asOf ? `In progress, overdue (due ${uk(deadline)})` : `In progress, due by ${uk(deadline)}`;
    }
    case "complete":
      return "Completed";
    case "closed":
      return `Completed and signed off by the board on ${uk(action.status.on)}`;
    case "not-implemented":
      return "Not implemented";
  }
}

function impactInWords(state: ImpactState, uk: (d: IsoDate) => string): string {
  switch (state.state) {
    case "no-actions":
      return "No actions agreed yet.";
    case "actions-open":
      return "Impact will be reviewed once its actions are complete.";
    case "not-implemented":
      return "Not implemented, so there is no impact to review.";
    case "scheduled":
      return `Actions complete; impact review due by ${state.dueOn ? uk(state.dueOn) : "—"}.`;
    case "due":
      return state.dueOn ? `Actions complete; impact review due since ${uk(state.dueOn)}.` : "Actions complete; impact review due.";
    case "recorded":
      return `${IMPACT_OUTCOME_NAMES[state.outcome]} (${uk(state.recordedOn)}).`;
  }
}

export function publicRecord(input: { register: Register; records: BoardRecords; board: string; asOf: IsoDate; ukDay: (d: IsoDate) => string }): PublicRecord {
  const { asOf, ukDay: uk } = input;
  // Actions as they stood at the end of the day (their status, their latest word): a record of a past day never moves.
  const records = recordsAsAt(input.records, asOf);
  const r = boardRegister(input.register, input.board);
  const names = records.people.map((p) => p.displayName);
  const clean = (text: string) => withoutNames(text, names);
  const themeName = new Map(r.themes.map((t) => [t.id, t.name]));
  const repeats = repeatFindings(r.findings, r.reviews);
  const reviewTitle = new Map(r.reviews.map((x) => [x.id, x.title]));
  const numbered = new Intl.Collator("en", { numeric: true }).compare;
  const reviews = [...r.reviews].sort((a, b) => (a.concludedOn ?? a.commissionedOn ?? "9999").localeCompare(b.concludedOn ?? b.commissionedOn ?? "9999"));
  return {
    board: input.board,
    asOf,
    demo: reviews.some((x) => x.demo),
    reviews: reviews.map((review) => {
      const findings = r.findings.filter((f) => f.reviewId === review.id).sort((a, b) => numbered(a.number, b.number));
      const findingNumber = new Map(findings.map((f) => [f.id, f.number]));
      const sections = records.sections.filter((s) => r.recommendationLinks.some((l) => l.id === s.id && l.reviewId === review.id)).sort((a, b) => numbered(a.number, b.number));
      return {
        kind: REVIEW_KIND_NAMES[review.kind],
        title: review.title,
        referralSource: review.referralSource,
        commissionedOn: review.commissionedOn,
        concludedOn: review.concludedOn,
        publishedOn: review.publishedOn,
        periodReviewed: review.periodReviewed,
        daysTaken: daysTaken(review),
        notRecorded: missingMetadata(review).filter((m) => m !== "reviewer"),
        findings: findings.map((f) => ({
          number: f.number,
          text: clean(f.text),
          themes: f.themeIds.map((t) => themeName.get(t) ?? t),
          repeatOf: [...new Set(repeats.find((x) => x.findingId === f.id)?.earlier.flatMap((e) => e.reviewIds.map((id) => reviewTitle.get(id)!)) ?? [])],
          escalation: f.escalation && { to: f.escalation.body, raisedOn: f.escalation.raisedOn, question: clean(f.escalation.question), answer: f.escalation.answer && (f.escalation.answeredOn ?? "") <= asOf ? clean(f.escalation.answer) : null, answeredOn: (f.escalation.answeredOn ?? "9999") <= asOf ? f.escalation.answeredOn : null },
        })),
        recommendations: sections.map((section) => {
          const link = r.recommendationLinks.find((l) => l.id === section.id)!;
          const actions = records.actions.filter((a) => a.sectionId === section.id).sort((a, b) => numbered(a.ref, b.ref));
          const updates = records.progressUpdates.filter((u) => londonDate(new Date(u.at)) <= asOf);
          return {
            number: section.number,
            text: clean(section.title),
            answers: link.findingIds.map((id) => findingNumber.get(id) ?? id),
            intendedImpact: link.intendedImpact && clean(link.intendedImpact),
            measure: link.measure && clean(link.measure),
            actions: actions.map((a) => {
              const latest = updates.filter((u) => u.actionId === a.id).sort((x, y) => Date.parse(x.at) - Date.parse(y.at)).at(-1);
              const reason = a.status.state === "not-implemented" ? a.status.reason : null;
              return { ref: a.ref, text: clean(a.text), status: statusInWords(a, asOf, uk), commentary: reason !== null ? clean(reason) : latest ? clean(latest.text) : null };
            }),
            impact: impactInWords(impactState({ link, actions, updates, reviews: r.impactReviews, today: asOf }), uk),
          };
        }),
      };
    }),
  };
}
