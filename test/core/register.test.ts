import { describe, expect, it } from "vitest";
import type { Action } from "../../src/core/action.js";
import { FindingSchema, type Finding } from "../../src/core/finding.js";
import { impactState, type ImpactReview } from "../../src/core/impact-review.js";
import { RecommendationLinkSchema } from "../../src/core/recommendation-link.js";
import { mayEditRegister, mayRecordImpact } from "../../src/core/register-access.js";
import { boardRegister, findRegisterProblems } from "../../src/core/register.js";
import { repeatFindings } from "../../src/core/repeat-finding.js";
import { daysTaken, missingMetadata, ReviewSchema, type Review } from "../../src/core/review.js";
import type { Roles } from "../../src/core/roles.js";
import { activeThemes, newTheme, seedThemes } from "../../src/core/theme.js";

const COV = "Coventry Safeguarding Adults Board";
const review = (id: string, board: string, concludedOn: string | null, more: Partial<Review> = {}): Review =>
  ReviewSchema.parse({ id, board, kind: "sar", title: id, planId: null, referralSource: null, commissionedOn: null, concludedOn, publishedOn: null, periodReviewed: null, reviewer: null, ...more });
const finding = (id: string, reviewId: string, themeIds: string[]): Finding =>
  FindingSchema.parse({ id, reviewId, number: "1", text: `finding ${id}`, themeIds, internalNote: null, escalation: null });

describe("repeat findings", () => {
  const reviews = [review("mrs-e", COV, "2015-09-17"), review("adult-f", COV, "2017-06-30"), review("other-board", "Another Board", "2014-01-01"), review("undated", COV, null)];
  const findings = [
    finding("e1", "mrs-e", ["info"]),
    finding("f1", "adult-f", ["info", "discharge"]),
    finding("f2", "adult-f", ["discharge"]),
    finding("o1", "other-board", ["discharge"]),
    finding("u1", "undated", ["info"]),
  ];

  it("flags a finding whose theme an earlier review of the same board carried, naming that review", () => {
    expect(repeatFindings(findings, reviews)).toEqual([{ findingId: "f1", earlier: [{ themeId: "info", reviewIds: ["mrs-e"] }] }]);
  });

  it("does not count another board's review, a later review, or a review with no dates", () => {
    const flagged = repeatFindings(findings, reviews).map((r) => r.findingId);
    expect(flagged).not.toContain("f2"); // only another board met "discharge" before
    expect(flagged).not.toContain("e1"); // Adult F came later
    expect(flagged).not.toContain("u1"); // cannot be placed among the others
  });

  it("falls back to the day commissioned when a review has not concluded", () => {
    const open = review("adult-g", COV, null, { commissionedOn: "2019-01-10" });
    expect(repeatFindings([...findings, finding("g1", "adult-g", ["discharge"])], [...reviews, open]).find((r) => r.findingId === "g1")).toEqual({
      findingId: "g1",
      earlier: [{ themeId: "discharge", reviewIds: ["adult-f"] }],
    });
  });
});

describe("a review's metadata", () => {
  it("names what the national analysis found reports leave out, until it is recorded", () => {
    expect(missingMetadata(review("r", COV, null))).toEqual(["referral source", "date commissioned", "date concluded", "period reviewed", "reviewer"]);
    const full = review("r", COV, "2015-09-17", { referralSource: "Hospital trust", commissionedOn: "2014-11-03", periodReviewed: { from: "2013-01-01", to: "2014-06-30" }, reviewer: "Independent author" });
    expect(missingMetadata(full)).toEqual([]);
    expect(daysTaken(full)).toBe(318);
  });

  it("refuses a review concluded before it was commissioned, or a period that ends before it starts", () => {
    const base = { id: "r", board: COV, kind: "audit", title: "Audit", planId: null, referralSource: null, publishedOn: null, reviewer: null };
    expect(ReviewSchema.safeParse({ ...base, commissionedOn: "2016-01-02", concludedOn: "2016-01-01", periodReviewed: null }).success).toBe(false);
    expect(ReviewSchema.safeParse({ ...base, commissionedOn: null, concludedOn: null, periodReviewed: { from: "2016-01-02", to: "2016-01-01" } }).success).toBe(false);
    expect(ReviewSchema.safeParse({ ...base, kind: "inquest", commissionedOn: null, concludedOn: null, periodReviewed: null }).success).toBe(false);
  });

  it("refuses an escalation answer without the day it came", () => {
    const escalation = { level: "regional", body: "West Midlands network", raisedOn: "2017-07-01", question: "Will the region align discharge protocols?", answer: "Yes", answeredOn: null };
    expect(FindingSchema.safeParse({ id: "f", reviewId: "r", number: "1", text: "t", themeIds: [], internalNote: null, escalation }).success).toBe(false);
    expect(FindingSchema.safeParse({ id: "f", reviewId: "r", number: "1", text: "t", themeIds: [], internalNote: null, escalation: { ...escalation, answeredOn: "2017-06-01" } }).success).toBe(false);
    expect(FindingSchema.safeParse({ id: "f", reviewId: "r", number: "1", text: "t", themeIds: [], internalNote: null, escalation: { ...escalation, answeredOn: "2017-09-01" } }).success).toBe(true);
  });
});

describe("the theme taxonomy", () => {
  it("seeds each board with the national analysis's themes, ids kept apart per board", () => {
    const cov = seedThemes(COV);
    expect(cov.map((t) => t.name)).toEqual(expect.arrayContaining(["Self-neglect", "Mental capacity", "Transitions", "Hospital discharge", "Domestic abuse", "Homelessness", "Substance use", "Information sharing", "Legal literacy"]));
    const other = seedThemes("Another Board");
    expect(new Set([...cov, ...other].map((t) => t.id)).size).toBe(cov.length + other.length);
  });

  it("adds a board's own theme, refusing a name it already has (even retired, or in other letters)", () => {
    const themes = seedThemes(COV).map((t) => (t.name === "Carers" ? { ...t, retired: true } : t));
    expect(newTheme(COV, { name: "Cuckooing", description: null }, themes)).toMatchObject({ name: "Cuckooing", origin: "board", retired: false });
    expect(() => newTheme(COV, { name: "self-NEGLECT", description: null }, themes)).toThrow(/already has the theme "Self-neglect"/);
    expect(() => newTheme(COV, { name: "Carers", description: null }, themes)).toThrow(/retired/);
    expect(newTheme("Another Board", { name: "Self-neglect", description: null }, themes).board).toBe("Another Board");
    expect(activeThemes(themes, COV).map((t) => t.name)).not.toContain("Carers");
  });
});

const action = (id: string, status: Action["status"]): Action =>
  ({ id, planId: "p", sectionId: "p/r1", deliverableId: null, ref: id, text: id, lead: { asWritten: "L", leadId: null }, partners: null, expectedOutcome: null, timescale: { text: "", understood: true, ongoing: false, deadlines: [] }, revisedDeadline: null, rating: null, ratingAsWritten: null, status, latestUpdate: null }) as unknown as Action;
const completeUpdate = (actionId: string, at: string) => ({ id: `pu-${actionId}`, actionId, author: { personId: null, name: "Lead" }, at, text: "done", evidence: [], rating: "complete" as const, proposedDeadline: null, markedComplete: true, via: "tab" as const });
const link = RecommendationLinkSchema.parse({ id: "p/r1", reviewId: "adult-f", findingIds: [], feedsActionIds: [], intendedImpact: "Fewer unsafe discharges", measure: "Discharge audit", impactOwner: "megan-bowen" });
const impact = (recordedOn: string, outcome: ImpactReview["outcome"]): ImpactReview => ({ id: `i-${recordedOn}`, recommendationId: "p/r1", recordedOn, outcome, evidence: "audit", recordedBy: { personId: null, name: "Manager" } });

describe("impact review", () => {
  const done = [action("a1", { state: "closed", by: "Board", on: "2018-01-31" }), action("a2", { state: "complete" })];
  const updates = [completeUpdate("a2", "2018-03-15T10:00:00Z")];

  it("is not due while any of the recommendation's actions is open", () => {
    expect(impactState({ link, actions: [...done, action("a3", { state: "open" })], updates, reviews: [], today: "2019-01-01" })).toEqual({ state: "actions-open", open: 1 });
  });

  it("falls due six months after the last action completed, by default", () => {
    expect(impactState({ link, actions: done, updates, reviews: [], today: "2018-09-14" })).toEqual({ state: "scheduled", dueOn: "2018-09-15", completedOn: "2018-03-15" });
    expect(impactState({ link, actions: done, updates, reviews: [], today: "2018-09-15" })).toMatchObject({ state: "due", dueOn: "2018-09-15" });
    expect(impactState({ link: { ...link, impactReviewAfterMonths: 12 }, actions: done, updates, reviews: [], today: "2018-09-15" })).toMatchObject({ state: "scheduled", dueOn: "2019-03-15" });
  });

  it("after 'too early to tell', falls due again as long after; any other outcome settles it", () => {
    expect(impactState({ link, actions: done, updates, reviews: [impact("2018-09-20", "too-early")], today: "2019-01-01" })).toMatchObject({ state: "scheduled", dueOn: "2019-03-20" });
    expect(impactState({ link, actions: done, updates, reviews: [impact("2018-09-20", "too-early"), impact("2019-03-25", "partly")], today: "2019-04-01" })).toEqual({ state: "recorded", outcome: "partly", recordedOn: "2019-03-25" });
    // As at a day before the outcome was recorded, it was still due.
    expect(impactState({ link, actions: done, updates, reviews: [impact("2019-03-25", "demonstrated")], today: "2019-03-01" })).toMatchObject({ state: "due" });
  });

  it("has nothing to review when every action was not implemented, and is due now when no completion day was recorded", () => {
    expect(impactState({ link, actions: [action("a1", { state: "not-implemented", reason: "superseded by national guidance" })], updates: [], reviews: [], today: "2019-01-01" })).toEqual({ state: "not-implemented" });
    expect(impactState({ link, actions: [action("a2", { state: "complete" })], updates: [], reviews: [], today: "2019-01-01" })).toEqual({ state: "due", dueOn: null, completedOn: null });
  });
});

describe("the register's links and who may edit it", () => {
  it("names findings of another review, themes of another board and recommendations that are no section", () => {
    const register = {
      reviews: [review("mrs-e", COV, "2015-09-17"), review("x", "Another Board", "2016-01-01")],
      themes: [...seedThemes(COV), ...seedThemes("Another Board")],
      findings: [finding("e1", "mrs-e", [seedThemes("Another Board")[0]!.id]), finding("x1", "x", [])],
      recommendationLinks: [{ ...link, id: "p/r1", reviewId: "mrs-e", findingIds: ["x1"] }, { ...link, id: "nowhere", reviewId: "mrs-e" }],
      impactReviews: [{ ...impact("2019-01-01", "not"), recommendationId: "gone" }],
    };
    expect(findRegisterProblems(register, new Set(["p/r1"]))).toEqual([
      `finding e1 carries theme "${seedThemes("Another Board")[0]!.id}" of another board (Another Board)`,
      'recommendation p/r1 answers finding "x1", which is not a finding of its review',
      "recommendation nowhere is not a section of any plan",
      'impact review i-2019-01-01 is about recommendation "gone", which is not in the register',
    ]);
    expect(boardRegister(register, "Another Board")).toMatchObject({ reviews: [{ id: "x" }], findings: [{ id: "x1" }], recommendationLinks: [], impactReviews: [] });
  });

  it("lets a board's managers and administrators edit its register, and the impact owner record impact; not another board's manager", () => {
    const plans = [{ id: "cov-plan", boards: [COV] }, { id: "llr-plan", boards: ["LLR SAB"] }];
    const roles = (r: Partial<Roles>): Roles => ({ personId: null, admin: false, managerOf: [], chairOf: [], leadOf: [], ...r });
    expect(mayEditRegister(roles({ managerOf: ["cov-plan"] }), COV, plans)).toBe(true);
    expect(mayEditRegister(roles({ managerOf: ["llr-plan"] }), COV, plans)).toBe(false);
    expect(mayEditRegister(roles({ admin: true }), COV, plans)).toBe(true);
    expect(mayRecordImpact(roles({ personId: "megan-bowen" }), COV, plans, link)).toBe(true);
    expect(mayRecordImpact(roles({ personId: "someone-else" }), COV, plans, link)).toBe(false);
  });
});
