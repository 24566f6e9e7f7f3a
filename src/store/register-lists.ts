import type { ColumnDefinition, ListDefinition } from "./list-schema.js";

/**
 * The findings register's lists (docs/register.md), kept apart from the plan lists so the
 * register can grow without touching them. Same conventions: a unique AssureId, dates as
 * "YYYY-MM-DD" text, choices in the words people use, ids of other records in JSON notes.
 * Only types come from list-schema.ts: it imports this file, so values must not flow back.
 */
export type RegisterListKey = "reviews" | "findings" | "themes" | "recommendationLinks" | "impactReviews";

const id = (): ColumnDefinition => ({ name: "AssureId", text: {}, indexed: true, enforceUniqueValues: true, required: true });
const line = (name: string, indexed = false): ColumnDefinition => ({ name, text: {}, indexed });
const note = (name: string): ColumnDefinition => ({ name, text: { allowMultipleLines: true } });
const flag = (name: string): ColumnDefinition => ({ name, boolean: {} });
const choice = (name: string, choices: string[]): ColumnDefinition => ({ name, choice: { choices } });

export const REGISTER_LISTS: (ListDefinition & { key: RegisterListKey })[] = [
  {
    key: "reviews",
    displayName: "Assure Reviews",
    description: "The findings register's reviews: SARs, SARs in Rapid Time, audits and peer challenges, with who referred them, when, and the period they looked at.",
    columns: [
      id(),
      line("Board", true),
      choice("ReviewKind", ["sar", "sar-rapid-time", "audit", "peer-challenge"]),
      line("ReviewTitle"),
      line("PlanId"),
      line("ReferralSource"),
      line("CommissionedOn"),
      line("ConcludedOn"),
      line("PublishedOn"),
      line("PeriodFrom"),
      line("PeriodTo"),
      line("Reviewer"),
      flag("Demo"),
    ],
  },
  {
    key: "findings",
    displayName: "Assure Findings",
    description: "Each review's findings, their themes, and any escalation to a regional or national body with its answer.",
    columns: [
      id(),
      line("ReviewId", true),
      line("Number"),
      note("FindingText"),
      note("ThemeIds"),
      note("InternalNote"),
      choice("EscalationLevel", ["regional", "national"]),
      line("EscalatedTo"),
      line("EscalatedOn"),
      note("EscalationQuestion"),
      note("EscalationAnswer"),
      line("AnsweredOn"),
    ],
  },
  {
    key: "themes",
    displayName: "Assure Themes",
    description: "Each board's theme taxonomy, seeded from the second national analysis of SARs; retired themes are kept.",
    columns: [id(), line("Board", true), line("ThemeName"), note("Description"), choice("Origin", ["national-analysis-2024", "board"]), flag("Retired")],
  },
  {
    key: "recommendationLinks",
    displayName: "Assure Recommendation Links",
    description: "Per recommendation: the findings it answers, the business-plan actions it feeds, its intended impact and measure.",
    columns: [
      id(),
      line("ReviewId", true),
      note("FindingIds"),
      note("FeedsActionIds"),
      note("IntendedImpact"),
      note("Measure"),
      { name: "ImpactReviewAfterMonths", number: {} },
      line("ImpactOwner"),
    ],
  },
  {
    key: "impactReviews",
    displayName: "Assure Impact Reviews",
    description: "Whether a recommendation's change made a difference, with the evidence: appended, never edited.",
    columns: [
      id(),
      line("RecommendationId", true),
      line("RecordedOn"),
      choice("Outcome", ["demonstrated", "partly", "not", "too-early"]),
      note("Evidence"),
      line("RecordedByPersonId"),
      line("RecordedByName"),
    ],
  },
];
