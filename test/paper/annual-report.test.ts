import { readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { strFromU8, unzipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { annualReport, parseFinancialYear } from "../../src/core/annual-report.js";
import { boardAnnualReport } from "../../src/core/board-annual-report.js";
import { adultKRecords } from "../../src/demo/coventry-demo-adult-k.js";
import { demoRegister } from "../../src/demo/coventry-register.js";
import { DEMO_LEADS } from "../../src/demo/people.js";
import type { Change } from "../../src/core/change-log.js";
import { nestPlans } from "../../src/core/plan-export.js";
import { applyProgressUpdate } from "../../src/core/progress.js";
import type { ProgressUpdate } from "../../src/core/progress-update.js";
import type { BoardRecords } from "../../src/core/records.js";
import { demoRecords } from "../../src/demo/index.js";
import { readDocx } from "../../src/paper/read-docx.js";
import { annualReportDocx } from "../../src/paper/annual-report-docx.js";
import { runCli, tempDataDir } from "../support/cli.js";
import { replay } from "../support/history.js";

const COVENTRY = "coventry-sar-mrs-e-2015";
const completed: ProgressUpdate = { id: "pu-1-1", actionId: `${COVENTRY}/1.1`, author: { personId: "alex-wilber", name: "Alex Wilber" }, at: "2016-01-20T10:00:00Z", text: "SAR toolkit published", evidence: [], rating: "complete", proposedDeadline: null, markedComplete: true, via: "tab" };
const lateUpdate: ProgressUpdate = { ...completed, id: "pu-2-1", actionId: `${COVENTRY}/2.1`, at: "2016-05-02T10:00:00Z", text: "After the year end", rating: "red", markedComplete: false };
const decided: Change = { id: "change-ni", at: "2016-02-01T12:00:00Z", by: { personId: "megan-bowen", entraObjectId: null, name: "Megan Bowen" }, subject: { kind: "action", id: `${COVENTRY}/7.2`, label: "Action 7.2" }, planId: COVENTRY, boards: ["Coventry Safeguarding Adults Board"], what: "edited", fields: [{ field: "status", from: { state: "open" }, to: { state: "not-implemented", reason: "Covered by the regional training offer" } }] };

/** The demo site with a year of history on Mrs E's plan, and a review still in progress. */
function site() {
  const r: BoardRecords = structuredClone(demoRecords());
  r.progressUpdates.push(completed, lateUpdate);
  r.actions = r.actions.map((a) => [completed, lateUpdate].filter((u) => u.actionId === a.id).reduce(applyProgressUpdate, a));
  r.actions.find((a) => a.id === `${COVENTRY}/7.2`)!.status = { state: "not-implemented", reason: "Covered by the regional training offer" };
  r.plans.push({ ...r.plans.find((p) => p.id === COVENTRY)!, id: "sar-adult-f", title: "SAR Adult F action plan", review: "SAR Adult F", issuedOn: null, status: "draft" });
  return nestPlans(r);
}

describe("the annual report (Care Act 2014, Schedule 2, paragraph 4)", () => {
  it("reads financial years as boards write them, and refuses what is not one", () => {
    expect(parseFinancialYear("2015/16")).toEqual({ label: "2015/16", from: "2015-04-01", to: "2016-03-31" });
    expect(parseFinancialYear("2022-2023")).toMatchObject({ from: "2022-04-01", to: "2023-03-31" });
    expect(() => parseFinancialYear("2022/24")).toThrow(/not a financial year: write it as 2022\/23/);
  });

  it("2015/16: Mrs E concluded with its findings as at 31 March, Adult F in progress, 7.2 not implemented with the reason", () => {
    const report = annualReport(site(), [decided], parseFinancialYear("2015/16"));
    expect(report.concluded.map((r) => r.review)).toEqual(["SCR Mrs E"]);
    const mrsE = report.concluded[0]!;
    expect(mrsE.paper.sections).toHaveLength(10);
    expect(mrsE.completedInYear).toEqual(["1.1"]);
    expect(mrsE.progressInYear).toEqual([{ ref: "1.1", on: "2016-01-20", by: "Alex Wilber", text: "SAR toolkit published" }]);
    // As at the year end: the May update (Red) had not happened, so 2.1 is still Green.
    expect(mrsE.paper.sections[1]!.actions[0]!.rating).toBe("green");
    expect(mrsE.paper.counts).toMatchObject({ complete: 1, green: 12, unrated: 1 });
    expect(report.inProgress).toEqual([{ title: "SAR Adult F action plan", review: "SAR Adult F" }]);
    expect(report.notImplemented).toEqual([{ plan: "Serious Adult Review Action plan: SCR Mrs E", ref: "7.2", action: expect.stringContaining("personalisation"), reason: "Covered by the regional training offer", decidedOn: "2016-02-01" }]);
    expect(report.businessPlans).toEqual([]);
  });

  it("2022/23: nothing concluded, Mrs E still being implemented, the LLR business plan's delivery; last year's decision not repeated", () => {
    const report = annualReport(site(), [decided], parseFinancialYear("2022/23"));
    expect(report.concluded).toEqual([]);
    expect(report.implementing.map((r) => r.review)).toEqual(["SCR Mrs E"]);
    expect(report.notImplemented).toEqual([]);
    expect(report.businessPlans.map((p) => p.title)).toEqual(["Leicester, Leicestershire and Rutland Safeguarding Adults Board Business Plan April 2022 to March 2023"]);
    expect(report.businessPlans[0]!.sections.flatMap((s) => s.actions)).toHaveLength(19);
  });

  it("the Word report, read back, says each part in Schedule 2's order with the findings and the reason", async () => {
    const bytes = await annualReportDocx(annualReport(site(), [decided], parseFinancialYear("2015/16")));
    const plain = strFromU8(unzipSync(bytes)["word/document.xml"]!).replace(/<w:p[ >]/g, "\n$&").replace(/<[^>]+>/g, "");
    const order = ["Safeguarding Adults Reviews concluded in the year, and their findings", "Safeguarding Adults Reviews in progress at the end of the year", "What the board did during the year to implement the findings of its reviews", "Findings the board decided not to implement, and why", "Delivery of the business plan"];
    const positions = order.map((h) => plain.indexOf(h));
    expect(positions.every((p) => p >= 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    expect(plain.slice(positions[1]!, positions[2]!)).toContain("SAR Adult F");
    expect(plain.slice(positions[3]!, positions[4]!)).toContain("Covered by the regional training offer (decided 1 Feb 2016)");
    expect(plain.slice(positions[4]!)).toContain("None: no business plan covers this year.");
    const document = readDocx("annual.docx", bytes);
    const findings = document.tables.find((t) => t.rows[0]!.map((c) => c.text).join("|") === "Ref|Action|Lead|Target date|Expected outcome|RAG|Latest update");
    expect(findings?.rows[1]!.map((c) => c.text)).toEqual(expect.arrayContaining(["1.1", "Complete", "20 Jan 2016, Alex Wilber: SAR toolkit published"]));
  });
});

describe("the annual report's paragraph 4, from the findings register (issue 28)", () => {
  const withAdultK = () => {
    const r: BoardRecords = structuredClone(demoRecords());
    const k = adultKRecords(DEMO_LEADS);
    return { ...r, plans: [...r.plans, ...k.plans], sections: [...r.sections, ...k.sections], actions: [...r.actions, ...k.actions] };
  };
  const report = (year: string) => {
    const records = withAdultK();
    return boardAnnualReport(nestPlans(records), [], parseFinancialYear(year), "Coventry Safeguarding Adults Board", { register: demoRegister(), records });
  };

  it("2017/18: Adult K's findings (with their repeats) as the review concluded that year, Mrs E's recommendations as what was done", () => {
    const reg = report("2017/18").register!;
    expect(reg.concluded.map((r) => r.title)).toEqual(["Demo: Adult K (invented)"]);
    expect(reg.concluded[0]!.findings.map((f) => [f.number, f.repeatOf])).toEqual([["1", ["SCR Mrs E"]], ["2", ["SCR Mrs E"]], ["3", []]]);
    expect(reg.implementing.map((r) => r.title)).toEqual(["SCR Mrs E"]);
    // The internal note is never in it; names in typed text are removed.
    expect(JSON.stringify(reg)).not.toContain("internal note");
  });

  it("2018/19: the impact reviews recorded that year, and where impact stood at its end; the Word report says so", async () => {
    const whole = report("2018/19");
    expect(whole.register!.impactRecorded).toEqual([expect.objectContaining({ review: "Demo: Adult K (invented)", recommendation: "1", outcome: "Too early to tell", recordedOn: "2018-09-24" })]);
    // At 31 Mar 2019: recommendation 1's next review fell due on 24 Mar; 3's on 10 Mar (demonstrated only on 1 Apr, the next year).
    expect(whole.register!.impact).toMatchObject({ tooEarly: 0, due: 2, demonstrated: 0 });
    const plain = strFromU8(unzipSync(await annualReportDocx(whole))["word/document.xml"]!).replace(/<w:p[ >]/g, "\n$&").replace(/<[^>]+>/g, "").replace(/&apos;/g, "'");
    const impact = plain.indexOf("Impact of the board's recommendations");
    expect(impact).toBeGreaterThan(plain.indexOf("Findings the board decided not to implement, and why"));
    expect(plain.slice(impact)).toMatch(/Demo: Adult K \(invented\), recommendation 1, 24 Sept? 2018: Too early to tell\./);
    expect(plain).toContain("From the findings register");
    // Another board's report has none of Coventry's register.
    const llr = boardAnnualReport(nestPlans(withAdultK()), [], parseFinancialYear("2018/19"), "Leicester Safeguarding Adults Board", { register: demoRegister(), records: withAdultK() });
    expect(llr.register).toBeNull();
  });
});

describe("a past year's register sections stay as they were (issue 22)", () => {
  const COV = "Coventry Safeguarding Adults Board";
  const year = parseFinancialYear("2015/16");
  const withAdultK = (): BoardRecords => {
    const r: BoardRecords = structuredClone(demoRecords());
    const k = adultKRecords(DEMO_LEADS);
    return { ...r, plans: [...r.plans, ...k.plans], sections: [...r.sections, ...k.sections], actions: [...r.actions, ...k.actions] };
  };
  const registerOf = (records: BoardRecords, register = demoRegister()) => boardAnnualReport(nestPlans(records), [], year, COV, { register, records }).register!;
  const recommendation = (reg: ReturnType<typeof registerOf>, n: string) => reg.concluded[0]!.recommendations.find((r) => r.number === n)!;

  it("an action signed off, or decided not to be implemented, after the year's end reads as it stood at 31 March", () => {
    const base = withAdultK();
    const index = (ref: string) => base.actions.findIndex((a) => a.id === `${COVENTRY}/${ref}`);
    const later = replay(base, [
      { kind: "edit", action: index("8.1"), at: "2016-05-10T10:00:00Z", edit: { status: { state: "closed" }, reason: "Evidence seen at the board" } },
      { kind: "edit", action: index("9.1"), at: "2016-06-01T10:00:00Z", edit: { status: { state: "not-implemented", reason: "Superseded by the regional procedure" }, reason: "Superseded" } },
    ]);
    // The edits took (so this test can fail): today's record says so.
    expect(later.actions.find((a) => a.id === `${COVENTRY}/8.1`)!.status.state).toBe("closed");
    expect(registerOf(later, demoRegister())).toEqual(registerOf(base));
    expect(recommendation(registerOf(later), "8").actions[0]!.status).toMatch(/^In progress/);
    expect(registerOf(later).notImplemented).toEqual([]);
    // The next year's report does see them.
    const next = boardAnnualReport(nestPlans(later), [], parseFinancialYear("2016/17"), COV, { register: demoRegister(), records: later }).register!;
    expect(next.implementing[0]!.recommendations.find((r) => r.number === "8")!.actions[0]!.status).toMatch(/^Completed and signed off by the board on 10 May 2016/);
    expect(next.notImplemented).toEqual([expect.objectContaining({ ref: "9.1", reason: "Superseded by the regional procedure" })]);
  });

  it("an impact review recorded after the year's end is not in that year's report", () => {
    const register = demoRegister();
    register.impactReviews.push({ id: "impact-late", recommendationId: `${COVENTRY}/r8`, recordedOn: "2016-04-01", outcome: "demonstrated", evidence: "Recorded the day after the year's end", recordedBy: { personId: "megan-bowen", name: "Megan Bowen" } });
    expect(registerOf(withAdultK(), register)).toEqual(registerOf(withAdultK()));
  });

  it("a finding or review recorded later, of a review concluded in the year, is in that year's report (docs/register.md)", () => {
    const register = demoRegister();
    const mrsE = register.reviews.find((r) => r.title === "SCR Mrs E")!;
    register.findings.push({ id: "finding-late", reviewId: mrsE.id, number: "5", text: "Demo: a finding typed in after the year's end", themeIds: [], internalNote: null, escalation: null });
    register.reviews.push({ ...mrsE, id: "review-late", title: "Demo: registered in 2017, concluded March 2016", concludedOn: "2016-03-01", planId: null });
    register.reviews.push({ ...mrsE, id: "review-next-year", title: "Demo: concluded April 2016", concludedOn: "2016-04-01", planId: null });
    const reg = registerOf(withAdultK(), register);
    expect(reg.concluded.map((r) => r.title)).toEqual(["SCR Mrs E", "Demo: registered in 2017, concluded March 2016"]);
    expect(reg.concluded[0]!.findings.map((f) => f.number)).toEqual(["1", "2", "3", "4", "5"]);
    expect(JSON.stringify(reg)).not.toContain("concluded April 2016");
  });
});

describe("assure report annual", () => {
  it("writes one board's report for a year, with only that board's plans, and refuses a year that is not one", async () => {
    const dir = tempDataDir();
    const out = join(dir, "annual-2022-23.docx");
    // The finding: the Coventry 2015 SAR sat in LLR's 2022/23 report. Now each board's report is its own.
    const llr = await runCli(["report", "annual", "--year", "2022/23", "--board", "leicester safeguarding  adults board", "--out", out]);
    expect(llr.stderr).toBe("");
    expect(llr.stdout).toContain("annual report 2022/23, Leicester Safeguarding Adults Board: 0 reviews concluded, 0 in progress, 0 being implemented, 0 findings not implemented, 1 business plans");
    const plain = strFromU8(unzipSync(readFileSync(out))["word/document.xml"]!).replace(/<[^>]+>/g, " ");
    expect(plain).not.toContain("Mrs E");
    expect(plain).toContain("Leicester Safeguarding Adults Board");
    expect(plain).not.toContain("Coventry");
    const coventry = await runCli(["report", "annual", "--year", "2022/23", "--board", "Coventry Safeguarding Adults Board", "--out", out]);
    expect(coventry.stdout).toMatch(/Coventry Safeguarding Adults Board: .* [1-9]\d* being implemented, .* 0 business plans/);
    expect(readDocx("a.docx", readFileSync(out)).tables.length).toBeGreaterThan(0);
    const all = await runCli(["report", "annual", "--year", "2022/23", "--board", "all", "--out", out]);
    expect(all.stdout).toMatch(/being implemented, .* 1 business plans/);

    const unknown = await runCli(["report", "annual", "--year", "2022/23", "--board", "LLR", "--out", out]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('no plan belongs to a board called "LLR"; the boards there are: "Coventry Safeguarding Adults Board", "Leicester Safeguarding Adults Board", "Leicestershire & Rutland Safeguarding Adults Board"');
    const unnamed = await runCli(["report", "annual", "--year", "2022/23", "--out", out]);
    expect(unnamed.code).toBe(2);
    expect(unnamed.stderr).toContain('name the board: --board "<board>"');
    const bad = await runCli(["report", "annual", "--year", "2022", "--board", "all", "--out", out]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--year: "2022" is not a financial year');
    expect((await runCli(["report", "yearly"])).stderr).toContain('the one report is "annual"');
    rmSync(dir, { recursive: true, force: true });
  }, 300_000); // seven runs of the CLI on a shared machine
});
