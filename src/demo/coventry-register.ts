import type { Finding } from "../core/finding.js";
import type { ImpactReview } from "../core/impact-review.js";
import { RecommendationLinkSchema, type RecommendationLink } from "../core/recommendation-link.js";
import type { Register } from "../core/register.js";
import type { Review } from "../core/review.js";
import { seedThemes } from "../core/theme.js";
import { ADULT_K_PLAN_ID } from "./coventry-demo-adult-k.js";
import { COVENTRY_PLAN } from "./coventry-sar-mrs-e.js";
import { LLR_PLAN } from "./llr-business-plan-2022-23.js";

/**
 * DEMO DATA: the findings register for the Coventry board. SCR Mrs E's title, board and plan
 * are transcribed; its findings are not in the transcribed action plan, so they are written
 * here from its recommendations' own words and marked demo, as is the day it stands at (the
 * action plan's date). "Adult K" is wholly invented (coventry-demo-adult-k.ts).
 */
const COV = COVENTRY_PLAN.boards[0]!;
const themes = [...seedThemes(COV), ...LLR_PLAN.boards.flatMap((b) => seedThemes(b))];
const theme = (name: string) => themes.find((t) => t.board === COV && t.name === name)!.id;

const MRS_E = "review-coventry-scr-mrs-e";
const ADULT_K = "review-coventry-demo-adult-k";

const reviews: Review[] = [
  {
    id: MRS_E,
    board: COV,
    kind: "sar",
    title: "SCR Mrs E",
    planId: COVENTRY_PLAN.id,
    // Not in the transcription: left unrecorded, as the national analysis found so many reports do.
    referralSource: null,
    commissionedOn: null,
    concludedOn: "2015-09-17",
    publishedOn: null,
    periodReviewed: null,
    reviewer: null,
    demo: true,
  },
  {
    id: ADULT_K,
    board: COV,
    kind: "sar-rapid-time",
    title: "Demo: Adult K (invented)",
    planId: ADULT_K_PLAN_ID,
    referralSource: "West Midlands Police (demo)",
    commissionedOn: "2017-02-06",
    concludedOn: "2017-06-30",
    publishedOn: "2017-07-14",
    periodReviewed: { from: "2016-04-01", to: "2016-12-31" },
    reviewer: "Demo independent reviewer",
    demo: true,
  },
];

const finding = (id: string, reviewId: string, number: string, text: string, themeNames: string[], more: Partial<Finding> = {}): Finding => ({
  id,
  reviewId,
  number,
  text,
  themeIds: themeNames.map(theme),
  internalNote: null,
  escalation: null,
  ...more,
});

const findings: Finding[] = [
  finding("finding-mrs-e-1", MRS_E, "1", "Demo: agencies did not share all relevant information when Mrs E moved between hospital, home and care.", ["Information sharing", "Hospital discharge"]),
  finding("finding-mrs-e-2", MRS_E, "2", "Demo: staff were not working to national guidance on pain, sepsis and mental capacity.", ["Mental capacity", "Supervision and workforce"]),
  finding("finding-mrs-e-3", MRS_E, "3", "Demo: staff found it hard to engage with a person reluctant to accept help.", ["Making safeguarding personal", "Professional curiosity"]),
  finding("finding-mrs-e-4", MRS_E, "4", "Demo: safeguarding procedures (strategy discussions, police notification, the coroner) were not clear or not followed.", ["Multi-agency working", "Legal literacy"], {
    internalNote: "Demo internal note: police notification to be raised with the regional procedures group. Never published.",
  }),
  finding("finding-adult-k-1", ADULT_K, "1", "Demo: Adult K was discharged from hospital before the community team knew she had stopped eating and drinking.", ["Hospital discharge", "Information sharing"], {
    escalation: {
      level: "regional",
      body: "West Midlands Safeguarding Adults Network (demo)",
      raisedOn: "2017-07-20",
      question: "Will the region agree one hospital discharge information-sharing standard for the acute trusts it shares?",
      answer: "Demo: the network adopted a regional discharge standard in its 2018 procedures update.",
      answeredOn: "2017-11-02",
    },
  }),
  finding("finding-adult-k-2", ADULT_K, "2", "Demo: Adult K's capacity to decide about care at home was assumed, not assessed.", ["Mental capacity"]),
  finding("finding-adult-k-3", ADULT_K, "3", "Demo: her self-neglect was not recognised as a safeguarding concern.", ["Self-neglect"], { internalNote: "Demo internal note: GP practice named in the chronology. Never published." }),
];

const link = (id: string, reviewId: string, findingIds: string[], more: Partial<RecommendationLink> = {}): RecommendationLink =>
  RecommendationLinkSchema.parse({ id, reviewId, findingIds, feedsActionIds: [], intendedImpact: null, measure: null, impactOwner: null, ...more });
const mrsE = (n: string) => `${COVENTRY_PLAN.id}/r${n}`;
const adultK = (n: string) => `${ADULT_K_PLAN_ID}/r${n}`;

const recommendationLinks: RecommendationLink[] = [
  link(mrsE("2"), MRS_E, ["finding-mrs-e-4"]),
  link(mrsE("3"), MRS_E, ["finding-mrs-e-4"]),
  link(mrsE("4"), MRS_E, ["finding-mrs-e-4"]),
  link(mrsE("6"), MRS_E, ["finding-mrs-e-2"], { intendedImpact: "Demo: staff recognise pain, sepsis and mental capacity issues.", measure: "Demo: training compliance figures and a case audit." }),
  link(mrsE("7"), MRS_E, ["finding-mrs-e-3"]),
  link(mrsE("8"), MRS_E, ["finding-mrs-e-1"], { intendedImpact: "Demo: every move between settings carries the person's information with it.", measure: "Demo: the information-sharing audit's findings." }),
  link(mrsE("9"), MRS_E, ["finding-mrs-e-1"]),
  link(adultK("1"), ADULT_K, ["finding-adult-k-1"], {
    intendedImpact: "Demo: no adult with care and support needs leaves hospital before the community team has what it needs.",
    measure: "Demo: share of audited discharges where the community team had the discharge summary on the day (target 95 %).",
    impactOwner: "megan-bowen",
  }),
  link(adultK("2"), ADULT_K, ["finding-adult-k-2"], { intendedImpact: "Demo: capacity assessed and recorded at discharge.", measure: "Demo: case file audit.", impactOwner: "diego-siciliani" }),
  link(adultK("3"), ADULT_K, ["finding-adult-k-3"], { intendedImpact: "Demo: self-neglect referred as a safeguarding concern.", measure: "Demo: self-neglect concerns per quarter.", impactOwner: "lee-gu" }),
];

const impactReviews: ImpactReview[] = [
  {
    id: "impact-adult-k-r1-2018-09-24",
    recommendationId: adultK("1"),
    recordedOn: "2018-09-24",
    outcome: "too-early",
    evidence: "Demo: the protocol has run for nine months; the first re-audit is booked for the spring.",
    recordedBy: { personId: "megan-bowen", name: "Megan Bowen" },
  },
  {
    id: "impact-adult-k-r3-2019-04-01",
    recommendationId: adultK("3"),
    recordedOn: "2019-04-01",
    outcome: "demonstrated",
    evidence: "Demo: self-neglect concerns raised rose from 4 to 19 a quarter after the guidance; audit found them handled under the guidance.",
    recordedBy: { personId: "lee-gu", name: "Lee Gu" },
  },
];

/** The demo register for Coventry, and the seed themes for every demo board. */
export function demoRegister(): Register {
  return structuredClone({ reviews, findings, themes, recommendationLinks, impactReviews });
}
