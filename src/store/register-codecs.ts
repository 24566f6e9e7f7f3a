import { FindingSchema, type Finding } from "../core/finding.js";
import { ImpactReviewSchema, type ImpactReview } from "../core/impact-review.js";
import { RecommendationLinkSchema, type RecommendationLink } from "../core/recommendation-link.js";
import type { Register, RegisterKind } from "../core/register.js";
import { ReviewSchema, type Review } from "../core/review.js";
import { ThemeSchema, type Theme } from "../core/theme.js";
import { fromJson, json, orNull, title } from "./field-values.js";
import type { Codec, Fields } from "./record-codecs.js";

/** How each register record becomes a row and back; reading back goes through its zod schema. */

const reviews: Codec<Review> = {
  list: "reviews",
  schema: ReviewSchema,
  toFields: (r) => ({
    AssureId: r.id,
    Title: title(r.title),
    Board: r.board,
    ReviewKind: r.kind,
    ReviewTitle: r.title,
    PlanId: r.planId,
    ReferralSource: r.referralSource,
    CommissionedOn: r.commissionedOn,
    ConcludedOn: r.concludedOn,
    PublishedOn: r.publishedOn,
    PeriodFrom: r.periodReviewed?.from ?? null,
    PeriodTo: r.periodReviewed?.to ?? null,
    Reviewer: r.reviewer,
    Demo: r.demo,
  }),
  fromFields: (f: Fields) => ({
    id: f.AssureId,
    board: f.Board,
    kind: f.ReviewKind,
    title: f.ReviewTitle,
    planId: orNull(f.PlanId),
    referralSource: orNull(f.ReferralSource),
    commissionedOn: orNull(f.CommissionedOn),
    concludedOn: orNull(f.ConcludedOn),
    publishedOn: orNull(f.PublishedOn),
    periodReviewed: orNull(f.PeriodFrom) === null && orNull(f.PeriodTo) === null ? null : { from: f.PeriodFrom, to: f.PeriodTo },
    reviewer: orNull(f.Reviewer),
    demo: f.Demo === true,
  }),
};

const findings: Codec<Finding> = {
  list: "findings",
  schema: FindingSchema,
  toFields: (x) => ({
    AssureId: x.id,
    Title: title(`${x.number}. ${x.text}`),
    ReviewId: x.reviewId,
    Number: x.number,
    FindingText: x.text,
    ThemeIds: json(x.themeIds),
    InternalNote: x.internalNote,
    EscalationLevel: x.escalation?.level ?? null,
    EscalatedTo: x.escalation?.body ?? null,
    EscalatedOn: x.escalation?.raisedOn ?? null,
    EscalationQuestion: x.escalation?.question ?? null,
    EscalationAnswer: x.escalation?.answer ?? null,
    AnsweredOn: x.escalation?.answeredOn ?? null,
  }),
  fromFields: (f) => ({
    id: f.AssureId,
    reviewId: f.ReviewId,
    number: f.Number,
    text: f.FindingText,
    themeIds: fromJson(f.ThemeIds ?? "[]"),
    internalNote: orNull(f.InternalNote),
    escalation:
      orNull(f.EscalationLevel) === null
        ? null
        : { level: f.EscalationLevel, body: f.EscalatedTo, raisedOn: f.EscalatedOn, question: f.EscalationQuestion, answer: orNull(f.EscalationAnswer), answeredOn: orNull(f.AnsweredOn) },
  }),
};

const themes: Codec<Theme> = {
  list: "themes",
  schema: ThemeSchema,
  toFields: (t) => ({ AssureId: t.id, Title: title(t.name), Board: t.board, ThemeName: t.name, Description: t.description, Origin: t.origin, Retired: t.retired }),
  fromFields: (f) => ({ id: f.AssureId, board: f.Board, name: f.ThemeName, description: orNull(f.Description), origin: f.Origin, retired: f.Retired === true }),
};

const recommendationLinks: Codec<RecommendationLink> = {
  list: "recommendationLinks",
  schema: RecommendationLinkSchema,
  toFields: (l) => ({
    AssureId: l.id,
    Title: title(`Recommendation ${l.id}`),
    ReviewId: l.reviewId,
    FindingIds: json(l.findingIds),
    FeedsActionIds: json(l.feedsActionIds),
    IntendedImpact: l.intendedImpact,
    Measure: l.measure,
    ImpactReviewAfterMonths: l.impactReviewAfterMonths,
    ImpactOwner: l.impactOwner,
  }),
  fromFields: (f) => ({
    id: f.AssureId,
    reviewId: f.ReviewId,
    findingIds: fromJson(f.FindingIds ?? "[]"),
    feedsActionIds: fromJson(f.FeedsActionIds ?? "[]"),
    intendedImpact: orNull(f.IntendedImpact),
    measure: orNull(f.Measure),
    impactReviewAfterMonths: f.ImpactReviewAfterMonths ?? undefined,
    impactOwner: orNull(f.ImpactOwner),
  }),
};

const impactReviews: Codec<ImpactReview> = {
  list: "impactReviews",
  schema: ImpactReviewSchema,
  toFields: (i) => ({
    AssureId: i.id,
    Title: title(`${i.recommendationId}: ${i.outcome} (${i.recordedOn})`),
    RecommendationId: i.recommendationId,
    RecordedOn: i.recordedOn,
    Outcome: i.outcome,
    Evidence: i.evidence,
    RecordedByPersonId: i.recordedBy.personId,
    RecordedByName: i.recordedBy.name,
  }),
  fromFields: (f) => ({
    id: f.AssureId,
    recommendationId: f.RecommendationId,
    recordedOn: f.RecordedOn,
    outcome: f.Outcome,
    evidence: f.Evidence,
    recordedBy: { personId: orNull(f.RecordedByPersonId), name: f.RecordedByName },
  }),
};

export const REGISTER_CODECS: { [K in RegisterKind]: Codec<Register[K][number]> } = { reviews, findings, themes, recommendationLinks, impactReviews };
