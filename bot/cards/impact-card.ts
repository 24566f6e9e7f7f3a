import { IMPACT_OUTCOME_NAMES, ImpactOutcomeSchema } from "../../src/core/impact-review.js";
import type { ImpactReminder } from "../../src/core/impact-reminder.js";
import type { Plan, Section } from "../../src/core/plan.js";
import type { RecommendationLink } from "../../src/core/recommendation-link.js";
import { ukDay } from "../../src/core/event-words.js";
import { card, execute, facts, heading, openUrl, text, type CardElement } from "./card-json.js";
import { escapeCardText } from "./escape.js";
import { renderPendingCard, type PendingState } from "./pending-card.js";

export const IMPACT_VERB = "recordImpact";

/**
 * The impact review an owner is reminded of: what the recommendation meant to change and how that
 * was to be measured, and the form to say whether it made a difference, with the evidence.
 */
export function renderImpactCard(input: { reminder: ImpactReminder; link: RecommendationLink | null; plan: Plan | null; section: Section | null; submissionId: string; tabUrl: string | null; problem?: string }): CardElement {
  const { reminder, link } = input;
  const title = input.section ? `Recommendation ${input.section.number}: ${input.section.title}` : `Recommendation ${reminder.recommendation}`;
  return card(
    [
      heading(`Impact review due: ${escapeCardText(reminder.review, 200)}`),
      ...(input.problem ? [text(`Not recorded: ${escapeCardText(input.problem, 500)}`, { color: "Attention", weight: "Bolder" })] : []),
      text(escapeCardText(title, 600)),
      facts([
        ["Plan", escapeCardText(input.plan?.title ?? "not found", 300)],
        ["Due", reminder.dueOn ? ukDay(reminder.dueOn) : "now (no completion day was recorded)"],
        ["Intended impact", escapeCardText(link?.intendedImpact ?? "not recorded", 1000)],
        ["Measure", escapeCardText(link?.measure ?? "not recorded", 1000)],
      ]),
      text("Its actions are complete. Did the change make a difference? Say so with the evidence; \"too early to tell\" sets the next review.", { isSubtle: true }),
      ...impactInputs({}),
    ],
    [
      execute(RECORD_IMPACT, IMPACT_VERB, { recommendationId: reminder.recommendationId, submissionId: input.submissionId }, { style: "positive" }),
      ...(input.tabUrl ? [openUrl("Open the plan in Assure", input.tabUrl)] : []),
    ],
  );
}

const RECORD_IMPACT = "Record impact review";

/** The impact review's inputs, holding what was typed when there is some. */
function impactInputs(typed: { outcome?: string; evidence?: string }): CardElement[] {
  const outcome = ImpactOutcomeSchema.safeParse(typed.outcome);
  return [
    {
      type: "Input.ChoiceSet",
      id: "outcome",
      label: "Impact",
      style: "expanded",
      isRequired: true,
      errorMessage: "Choose how far the change made a difference.",
      choices: ImpactOutcomeSchema.options.map((o) => ({ title: IMPACT_OUTCOME_NAMES[o], value: o })),
      ...(outcome.success ? { value: outcome.data } : {}),
    },
    {
      type: "Input.Text",
      id: "evidence",
      label: "Evidence",
      isMultiline: true,
      isRequired: true,
      maxLength: 4000,
      errorMessage: "Say what shows it (an audit, figures, feedback).",
      ...(typed.evidence ? { value: typed.evidence.slice(0, 4000) } : {}),
    },
  ];
}

/** An impact review's answer while it is being recorded, or once it finally was not, drawn from what the card sent. */
export function renderImpactPendingCard(data: { recommendationId: string; submissionId: string; outcome?: string; evidence?: string }, state: PendingState): CardElement {
  const outcome = ImpactOutcomeSchema.safeParse(data.outcome);
  return renderPendingCard({
    state,
    what: "your impact review",
    button: RECORD_IMPACT,
    sent: [
      ["Impact", outcome.success ? IMPACT_OUTCOME_NAMES[outcome.data] : ""],
      ["Evidence", data.evidence ?? ""],
    ],
    inputs: impactInputs(data),
    actions: [execute(RECORD_IMPACT, IMPACT_VERB, { recommendationId: data.recommendationId, submissionId: data.submissionId }, { style: "positive" })],
  });
}
