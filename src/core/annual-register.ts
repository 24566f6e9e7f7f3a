import type { FinancialYear } from "./annual-report.js";
import { IMPACT_OUTCOME_NAMES } from "./impact-review.js";
import { impactCounts, type ImpactCounts } from "./impact-reminder.js";
import type { IsoDate } from "./iso-date.js";
import { publicRecord, withoutNames, type PublicReview } from "./public-record.js";
import type { BoardRecords } from "./records.js";
import { boardRegister, type Register } from "./register.js";

/**
 * The annual report's paragraph 4 sections as the findings register gives them (Care Act 2014
 * Sch. 2 para 4(1)(d)–(g)): the findings of each review concluded in the year, what was done about
 * each recommendation of the reviews being implemented, the reasons for not implementing, and
 * where impact stands. In the public record's words (people's names removed, internal notes left
 * out), since the annual report is published too. Everything the board did is read as at the
 * year's end — actions' status and commentary from their history, impact reviews recorded by then —
 * so nothing done later moves a past year's report. What the reviews found (reviews, findings,
 * recommendation links) is the register as it stands: see docs/register.md "A past year's report".
 */
export interface AnnualRegister {
  /** (d) Reviews concluded in the year: their findings, and the recommendations answering them. */
  concluded: PublicReview[];
  /** (e) Reviews concluded before the year (or not yet placed) with recommendations: what was done. */
  implementing: PublicReview[];
  /** (g) Actions decided not to be implemented, with the reason, by review and recommendation. */
  notImplemented: { review: string; recommendation: string; ref: string; action: string; reason: string }[];
  /** Where each recommendation's impact stood at the year's end. */
  impact: ImpactCounts;
  /** Impact reviews recorded during the year. */
  impactRecorded: { review: string; recommendation: string; outcome: string; recordedOn: IsoDate; evidence: string }[];
}

export function annualRegister(input: { register: Register; records: BoardRecords; board: string; year: FinancialYear; ukDay: (d: IsoDate) => string }): AnnualRegister {
  const { year, records } = input;
  const record = publicRecord({ register: input.register, records, board: input.board, asOf: year.to, ukDay: input.ukDay });
  const inYear = (day: IsoDate | null) => day !== null && day >= year.from && day <= year.to;
  const concluded = record.reviews.filter((r) => inYear(r.concludedOn));
  const implementing = record.reviews.filter((r) => !inYear(r.concludedOn) && (r.concludedOn ?? r.commissionedOn ?? "") <= year.to && r.recommendations.length > 0);
  const r = boardRegister(input.register, input.board);
  const names = records.people.map((p) => p.displayName);
  const sectionNumber = (id: string) => records.sections.find((s) => s.id === id)?.number ?? id;
  return {
    concluded,
    implementing,
    notImplemented: record.reviews.flatMap((review) =>
      review.recommendations.flatMap((rec) => rec.actions.filter((a) => a.status === "Not implemented").map((a) => ({ review: review.title, recommendation: rec.number, ref: a.ref, action: a.text, reason: a.commentary ?? "no reason recorded" }))),
    ),
    impact: impactCounts({ register: input.register, records, board: input.board, today: year.to }),
    impactRecorded: r.impactReviews
      .filter((i) => inYear(i.recordedOn))
      .sort((a, b) => a.recordedOn.localeCompare(b.recordedOn))
      .map((i) => {
        const link = r.recommendationLinks.find((l) => l.id === i.recommendationId);
        return { review: r.reviews.find((x) => x.id === link?.reviewId)?.title ?? "", recommendation: sectionNumber(i.recommendationId), outcome: IMPACT_OUTCOME_NAMES[i.outcome], recordedOn: i.recordedOn, evidence: withoutNames(i.evidence, names) };
      }),
  };
}
