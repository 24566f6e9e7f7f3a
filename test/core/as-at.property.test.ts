import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { annualReport, parseFinancialYear } from "../../src/core/annual-report.js";
import { boardPaper } from "../../src/core/board-paper.js";
import { composeBoardDigest } from "../../src/core/board-digest.js";
import { dashboard } from "../../src/core/dashboard.js";
import { composeDigest } from "../../src/core/digest.js";
import { londonDate } from "../../src/core/london.js";
import { nestPlans, planActions } from "../../src/core/plan-export.js";
import { ratingSummary } from "../../src/core/rating-history.js";
import type { BoardRecords } from "../../src/core/records.js";
import { demoRecords } from "../../src/demo/index.js";
import { planCsv } from "../../src/paper/plan-csv.js";
import type { Change } from "../../src/core/change-log.js";
import { namesAsAt } from "../../src/core/names-as-at.js";
import { replay, replayLogged, type Op } from "../support/history.js";
import { boardAnnualReport } from "../../src/core/board-annual-report.js";
import { impactCounts } from "../../src/core/impact-reminder.js";
import type { ImpactReview } from "../../src/core/impact-review.js";
import { publicRecord } from "../../src/core/public-record.js";
import type { Register } from "../../src/core/register.js";
import { BoardRecordsSchema } from "../../src/core/records.js";
import { adultKRecords } from "../../src/demo/coventry-demo-adult-k.js";
import { demoRegister } from "../../src/demo/coventry-register.js";
import { DEMO_LEADS } from "../../src/demo/people.js";
import { ukDay } from "../../src/core/event-words.js";

/**
 * Care Act 2014 Sch. 2 para 4: what Assure said about a day must never change afterwards. Random
 * histories of managers' edits, leads' updates, deadline requests and decisions, and sign-offs,
 * on random days across both demo plans: every view as at a day D is the same whether or not
 * anything happened after D.
 */
const FROM = Date.parse("2015-09-01T00:00:00Z");
const TO = Date.parse("2023-12-31T00:00:00Z");
const instant = fc.integer({ min: 0, max: (TO - FROM) / 60_000 }).map((m) => new Date(FROM + m * 60_000).toISOString());
const day = instant.map((at) => londonDate(new Date(at)));
const action = fc.nat({ max: 200 });
const rating = fc.constantFrom("red", "amber", "green", "complete", null);
const reason = fc.constantFrom("The procedure is not yet agreed", "Agreed at the board", "<b>bold</b> & “quoted”");

const edit = fc.oneof(
  fc.record({ rating, reason }),
  fc.record({ status: fc.constantFrom({ state: "open" as const }, { state: "closed" as const }, { state: "complete" as const }, { state: "not-implemented" as const, reason: "Superseded by the regional procedure" }), reason }),
  fc.record({ revisedDeadline: fc.option(day.map((date) => ({ date, reason: "Trainers start later" })), { nil: null }), reason }),
  fc.record({ text: fc.constantFrom("Agree a chronology template", "Audit strategy discussions") }),
  fc.record({ leadId: fc.constantFrom("cov-sar-coordinator", "cov-qap", "llr-performance-group") }),
  fc.record({ timescale: fc.constantFrom("March 2016", "Jan 2016 onwards", "Q3 2022/23") }),
);
const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant("edit" as const), action, at: instant, edit }),
  fc.record({ kind: fc.constant("update" as const), action, at: instant, rating, complete: fc.boolean(), deadline: fc.option(day, { nil: null }) }),
  fc.record({ kind: fc.constant("decide" as const), action, at: instant, approve: fc.boolean() }),
  fc.record({ kind: fc.constant("sign-off" as const), action, at: instant, approve: fc.boolean() }),
  fc.record({ kind: fc.constant("rename" as const), target: fc.constantFrom("plan" as const, "section" as const, "subgroup" as const, "lead" as const), index: fc.nat({ max: 60 }), at: instant, name: fc.constantFrom("Learning and Development Group", "Quality Group", "Renamed & “quoted”") }),
);

/** An impact review recorded on a random day for one of the register's recommendations (the day it was recorded is the day it is dated). */
const impact = fc.record({ link: fc.nat({ max: 20 }), at: instant, outcome: fc.constantFrom("demonstrated" as const, "partly" as const, "not" as const, "too-early" as const) });
type ImpactOp = { link: number; at: string; outcome: ImpactReview["outcome"]; n: number };
const COVENTRY_BOARD = "Coventry Safeguarding Adults Board";

/** The demo register with these impact reviews recorded. */
function registerWith(impacts: readonly ImpactOp[]): Register {
  const register = demoRegister();
  impacts.forEach(({ n, ...i }) => {
    const link = register.recommendationLinks[i.link % register.recommendationLinks.length]!;
    register.impactReviews.push({ id: `impact-${n}`, recommendationId: link.id, recordedOn: londonDate(new Date(i.at)), outcome: i.outcome, evidence: `Evidence ${n}`, recordedBy: { personId: "megan-bowen", name: "Megan Bowen" } });
  });
  return register;
}

/** The financial year that ended last on or before `d`: its annual report is all history by `d`. */
const yearEndedBy = (d: string) => {
  const y = Number(d.slice(0, 4)) - (d.slice(5) >= "03-31" ? 0 : 1);
  return parseFinancialYear(`${y - 1}/${String(y).slice(2)}`);
};

/** Every as-at view Assure gives of day `d` (and since `since`), as plain data; with the names of then, as the server reads them for a past day. */
function views(logged: { records: BoardRecords; changes: Change[] }, d: string, since: string, register: Register = demoRegister()) {
  const r = namesAsAt(logged.records, logged.changes, d);
  const plans = nestPlans(r);
  const year = yearEndedBy(d);
  const papers = plans.map((p) => boardPaper(p, { asOf: d, since: since < d ? since : null }));
  const now = new Date(`${d}T22:30:00Z`); // late on day d in London, summer or winter
  return {
    dashboard: dashboard(plans, r, [], d),
    papers,
    csv: papers.map(planCsv),
    annual: annualReport(plans, [], year),
    // The register's paragraph 4 sections of the last year ended by d (with the names of d, as the server reads them for a year's end).
    annualRegister: boardAnnualReport(nestPlans(namesAsAt(logged.records, logged.changes, year.to)), logged.changes, year, COVENTRY_BOARD, { register, records: namesAsAt(logged.records, logged.changes, year.to) }).register,
    impact: impactCounts({ register, records: r, board: COVENTRY_BOARD, today: d }),
    publicRecord: publicRecord({ register, records: r, board: COVENTRY_BOARD, asOf: d, ukDay }),
    digests: r.subgroups.map((subgroup) => composeDigest({ subgroup, records: r, ledger: [], now })),
    boardDigests: r.plans.map((plan) => composeBoardDigest({ plan, meeting: d, records: r, conversations: [], now })),
    summary: plans.map((p) => ratingSummary(planActions(p), d).then),
  };
}

/** Both demo plans and the invented Adult K, whose recommendations the demo register links and whose impact is reviewed. */
function withAdultK(): BoardRecords {
  const r = demoRecords();
  const k = adultKRecords(DEMO_LEADS);
  return BoardRecordsSchema.parse({ ...r, plans: [...r.plans, ...k.plans], sections: [...r.sections, ...k.sections], actions: [...r.actions, ...k.actions] });
}

describe("every view as at a day", () => {
  const base = withAdultK();
  it("is the same whatever happens after that day (the register's impact, public record and annual report sections too)", () => {
    fc.assert(
      fc.property(fc.array(op, { minLength: 1, maxLength: 40 }), fc.array(impact, { maxLength: 6 }), day, day, (ops, recorded, d, since) => {
        const impacts = recorded.map((i, n) => ({ ...i, n }));
        const sorted = [...ops].sort((a, b) => a.at.localeCompare(b.at));
        const upTo = sorted.filter((o) => londonDate(new Date(o.at)) <= d);
        const before = views(replayLogged(base, upTo), d, since, registerWith(impacts.filter((i) => londonDate(new Date(i.at)) <= d)));
        const after = views(replayLogged(base, sorted), d, since, registerWith(impacts));
        // Compared as text (quick); on a difference, compared again to show it.
        if (JSON.stringify(after) !== JSON.stringify(before)) expect(after).toEqual(before);
      }),
      { numRuns: 40 },
    );
  });

  it("moves with what happened on or before the day (the property is not vacuous)", () => {
    const ops: Op[] = [{ kind: "edit", action: 0, at: "2016-02-10T10:00:00Z", edit: { rating: "amber", reason: "The procedure is not yet agreed" } }];
    const edited = replay(base, ops);
    const paper = (r: BoardRecords, asOf: string) => boardPaper(nestPlans(r).find((p) => p.id === edited.actions[0]!.planId)!, { asOf, since: null });
    expect(paper(edited, "2016-02-15").counts).not.toEqual(paper(base, "2016-02-15").counts);
    expect(paper(edited, "2016-02-09").counts).toEqual(paper(base, "2016-02-09").counts);
  });

  it("names a subgroup, a plan and a lead's subgroup as they were on the day, after renames later (and as renamed after them)", () => {
    const at = "2022-11-10T10:00:00Z";
    const ops: Op[] = [
      { kind: "rename", target: "subgroup", index: 0, at, name: "Learning and Development Group" },
      { kind: "rename", target: "plan", index: 1, at, name: "Renamed plan" },
    ];
    const logged = replayLogged(base, ops);
    const llr = base.plans[1]!.id;
    const bySubgroup = (d: string) => dashboard(nestPlans(namesAsAt(logged.records, logged.changes, d)).filter((p) => p.id === llr), namesAsAt(logged.records, logged.changes, d), [], d).bySubgroup.map((g) => g.name);
    const titles = (d: string) => nestPlans(namesAsAt(logged.records, logged.changes, d)).map((p) => p.title);
    expect(bySubgroup("2022-10-03")).toEqual(dashboard(nestPlans(base).filter((p) => p.id === llr), base, [], "2022-10-03").bySubgroup.map((g) => g.name));
    expect(titles("2022-10-03")).toEqual(base.plans.map((p) => p.title));
    // Without the names of then, the past would move: so the property above is not vacuous for renames.
    expect(nestPlans(logged.records).map((p) => p.title)).not.toEqual(titles("2022-10-03"));
    expect(titles("2022-11-10")).toContain("Renamed plan");
  });
});
