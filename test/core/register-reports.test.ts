import { describe, expect, it } from "vitest";
import { publicRecord, withoutNames } from "../../src/core/public-record.js";
import { BoardRecordsSchema } from "../../src/core/records.js";
import { financialYearOf, themesReport } from "../../src/core/themes-report.js";
import { adultKRecords } from "../../src/demo/coventry-demo-adult-k.js";
import { demoRegister } from "../../src/demo/coventry-register.js";
import { demoRecords } from "../../src/demo/index.js";
import { DEMO_LEADS } from "../../src/demo/people.js";
import { ukDay } from "../../src/paper/board-paper-docx.js";
import { publicRecordHtml } from "../../src/paper/public-record-html.js";

const COV = "Coventry Safeguarding Adults Board";
const base = demoRecords();
const k = adultKRecords(DEMO_LEADS);
const records = BoardRecordsSchema.parse({ ...base, plans: [...base.plans, ...k.plans], sections: [...base.sections, ...k.sections], actions: [...base.actions, ...k.actions] });
const register = demoRegister();

describe("themes across reviews", () => {
  const report = themesReport({ register, actions: records.actions, updates: records.progressUpdates, board: COV, asOf: "2026-12-03" });
  const row = (name: string) => report.themes.find((t) => t.theme === name)!;

  it("counts findings per theme by the financial year each review concluded in, with the repeats", () => {
    expect(row("Information sharing")).toMatchObject({ findings: 2, reviews: ["SCR Mrs E", "Demo: Adult K (invented)"], byYear: { "2015/16": 1, "2017/18": 1 }, repeats: 1 });
    expect(row("Mental capacity")).toMatchObject({ findings: 2, repeats: 1 });
    expect(row("Self-neglect")).toMatchObject({ findings: 1, repeats: 0 });
    expect(report.repeats).toEqual([
      { review: "Demo: Adult K (invented)", finding: "1", theme: "Hospital discharge", earlierReviews: ["SCR Mrs E"] },
      { review: "Demo: Adult K (invented)", finding: "1", theme: "Information sharing", earlierReviews: ["SCR Mrs E"] },
      { review: "Demo: Adult K (invented)", finding: "2", theme: "Mental capacity", earlierReviews: ["SCR Mrs E"] },
    ]);
  });

  it("counts open actions by theme, and the days from finding to completion and to impact shown", () => {
    // Mrs E's recommendations 8 and 9 (its information-sharing finding) have one action each, both open.
    expect(row("Information sharing").openActions).toBe(2);
    // Self-neglect: Adult K concluded 30 Jun 2017; its action was signed off 10 Sep 2018; impact demonstrated 1 Apr 2019.
    expect(row("Self-neglect")).toMatchObject({ openActions: 0, medianDaysToComplete: 437, medianDaysToImpact: 640 });
    // As at a day before the impact review, impact had not yet been shown.
    expect(themesReport({ register, actions: records.actions, updates: [], board: COV, asOf: "2019-03-31" }).themes.find((t) => t.theme === "Self-neglect")!.medianDaysToImpact).toBeNull();
  });

  it("lists the whole taxonomy, themes with findings first, and nothing of another board", () => {
    expect(report.themes.slice(0, 2).every((t) => t.findings === 2)).toBe(true);
    expect(report.themes.at(-1)!.findings).toBe(0);
    expect(themesReport({ register, actions: records.actions, updates: [], board: "Leicester Safeguarding Adults Board", asOf: "2026-12-03" }).themes.every((t) => t.findings === 0)).toBe(true);
    expect(financialYearOf("2018-03-31")).toBe("2017/18");
    expect(financialYearOf("2018-04-01")).toBe("2018/19");
  });
});

describe("the public record", () => {
  const record = publicRecord({ register, records, board: COV, asOf: "2026-12-03", ukDay });
  const html = publicRecordHtml(record);

  it("leaves out internal notes, the reviewer and people's names, and says it holds demo data", () => {
    expect(record.demo).toBe(true);
    expect(html).toContain("Demo data.");
    expect(html).not.toMatch(/internal note/i);
    expect(html).not.toContain("Demo independent reviewer");
    for (const person of records.people) expect(html).not.toContain(person.displayName);
    expect(withoutNames("Megan Bowen told megan bowen's team; Megan alone stays", ["Megan Bowen"])).toBe("[name removed] told [name removed]'s team; Megan alone stays");
  });

  it("shows each review's facts, or that they were not recorded, its findings with themes and repeats, and the escalation's answer", () => {
    const [mrsE, adultK] = record.reviews;
    expect(mrsE).toMatchObject({ title: "SCR Mrs E", notRecorded: ["referral source", "date commissioned", "period reviewed"] });
    expect(adultK).toMatchObject({ kind: "SAR in Rapid Time", referralSource: "West Midlands Police (demo)", daysTaken: 144, notRecorded: [] });
    expect(adultK!.findings[0]).toMatchObject({ themes: ["Hospital discharge", "Information sharing"], repeatOf: ["SCR Mrs E"], escalation: { to: "West Midlands Safeguarding Adults Network (demo)", answeredOn: "2017-11-02" } });
    expect(html).toContain("<strong>Repeat finding</strong>: also found in SCR Mrs E");
  });

  it("gives each recommendation's actions with their status in words, and its impact", () => {
    const recs = record.reviews[1]!.recommendations;
    expect(recs.map((r) => [r.number, r.answers, r.impact])).toEqual([
      ["1", ["1"], "Actions complete; impact review due since 24 Mar 2019."],
      ["2", ["2"], "Impact will be reviewed once its actions are complete."],
      ["3", ["3"], "Impact demonstrated (1 Apr 2019)."],
    ]);
    expect(recs[0]!.actions.map((a) => a.status)).toEqual(["Completed and signed off by the board on 14 Dec 2017", "Completed and signed off by the board on 20 Mar 2018"]);
    expect(recs[1]!.actions[0]!.status).toBe("In progress, overdue (due 30 Jun 2018)");
  });

  it("escapes what people typed, so a finding cannot inject markup into the board's website", () => {
    const hostile = structuredClone(register);
    hostile.findings[0]!.text = '<script>alert("x")</script> & <img src=x onerror=alert(1)>';
    const page = publicRecordHtml(publicRecord({ register: hostile, records, board: COV, asOf: "2026-12-03", ukDay }));
    expect(page).not.toContain("<script>alert");
    expect(page).not.toContain("<img");
    expect(page).toContain("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &lt;img");
  });
});

describe("impact reviews due", () => {
  it("lists the recommendations whose impact review has fallen due, with whom to remind: the owner, else the plan's managers", async () => {
    const { dueImpactReviews } = await import("../../src/core/impact-due.js");
    const due = (today: string, reg = register) => dueImpactReviews({ register: reg, plans: records.plans, sections: records.sections, actions: records.actions, updates: records.progressUpdates, board: COV, today });
    expect(due("2026-12-03")).toEqual([{ recommendationId: "coventry-demo-sar-adult-k-2017/r1", review: "Demo: Adult K (invented)", recommendation: "1", dueOn: "2019-03-24", remind: ["megan-bowen"] }]);
    // As at 23 March 2019: recommendation 3's review was due (its impact was recorded on 1 April), 1's not yet (24 March).
    expect(due("2019-03-23").map((d) => [d.recommendation, d.dueOn, d.remind])).toEqual([["3", "2019-03-10", ["lee-gu"]]]);
    const ownerless = structuredClone(register);
    ownerless.recommendationLinks.find((l) => l.id.endsWith("adult-k-2017/r1"))!.impactOwner = null;
    expect(due("2026-12-03", ownerless)[0]!.remind).toEqual(["megan-bowen"]); // Adult K's plan is managed by Megan Bowen
  });
});
