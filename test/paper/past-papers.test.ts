import { afterEach, describe, expect, it, vi } from "vitest";
import { annualReport, parseFinancialYear } from "../../src/core/annual-report.js";
import { dashboard } from "../../src/core/dashboard.js";
import { nestPlans } from "../../src/core/plan-export.js";
import type { BoardRecords } from "../../src/core/records.js";
import { demoRecords } from "../../src/demo/index.js";
import { annualReportDocx } from "../../src/paper/annual-report-docx.js";
import { planPaperFile } from "../../src/paper/render.js";
import { replay, type Op } from "../support/history.js";

/**
 * The issue as a new user found it: a board manager changes Coventry 4.1 from Green to Amber
 * today. The dashboard as at 15 Feb 2016, the board papers and the 2015/16 annual report must
 * not move, byte for byte, whenever they are made.
 */
const COVENTRY = "coventry-sar-mrs-e-2015";
const base = demoRecords();
const at = (ref: string) => base.actions.findIndex((a) => a.id === `${COVENTRY}/${ref}`);
const HISTORY: Op[] = [
  { kind: "update", action: at("2.1"), at: "2016-01-12T10:00:00Z", rating: "amber", complete: false, deadline: "2016-06-30" },
  { kind: "decide", action: at("2.1"), at: "2016-01-20T10:00:00Z", approve: true },
  { kind: "update", action: at("1.1"), at: "2016-02-02T10:00:00Z", rating: null, complete: true, deadline: null },
  { kind: "sign-off", action: at("1.1"), at: "2016-02-10T10:00:00Z", approve: true },
];
const TODAY: Op = { kind: "edit", action: at("4.1"), at: "2026-12-03T10:00:00Z", edit: { rating: "amber", reason: "The procedure is not yet agreed" } };

/** Every paper about a past day, made at the moment `now` (so a paper that stamped its making time would differ). */
async function papers(r: BoardRecords, now: string) {
  vi.useFakeTimers({ toFake: ["Date"], now: new Date(now) });
  const plan = nestPlans(r).find((p) => p.id === COVENTRY)!;
  const file = (format: "docx" | "xlsx" | "csv") => planPaperFile(plan, r, async () => [], { format, asOf: "2016-02-15", since: "2016-01-01" });
  const made = {
    dashboard: Buffer.from(JSON.stringify(dashboard([plan], r, [], "2016-02-15"))),
    csv: Buffer.from((await file("csv")).file),
    xlsx: Buffer.from((await file("xlsx")).file),
    docx: Buffer.from((await file("docx")).file),
    annual: await annualReportDocx(annualReport(nestPlans(r), [], parseFinancialYear("2015/16"))),
  };
  vi.useRealTimers();
  return made;
}

afterEach(() => vi.useRealTimers());

describe("a paper about a past day", () => {
  it("is byte for byte the same after a manager's edit today, made at another moment", async () => {
    const before = await papers(replay(base, HISTORY), "2016-02-16T09:00:00Z");
    const after = await papers(replay(base, [...HISTORY, TODAY]), "2026-12-03T15:30:00Z");
    for (const kind of Object.keys(before) as (keyof typeof before)[]) expect(after[kind].equals(before[kind]), kind).toBe(true);
  });

  it("says what happened up to its day: 2.1's deadline revised from 31 Mar 2016 with who approved it, 1.1 signed off", async () => {
    const r = replay(base, HISTORY);
    const { paper } = await planPaperFile(nestPlans(r).find((p) => p.id === COVENTRY)!, r, async () => [], { format: "csv", asOf: "2016-02-15", since: null });
    const row = (ref: string) => paper.sections.flatMap((s) => s.actions).find((a) => a.ref === ref)!;
    expect(row("2.1")).toMatchObject({ targetDate: "2016-06-30", revised: { by: "Megan Bowen", on: "2016-01-20", approved: true } });
    expect(row("1.1")).toMatchObject({ status: "Signed off", rating: "complete" });
    // A day before the approval, the deadline stood as planned.
    const earlier = await planPaperFile(nestPlans(r).find((p) => p.id === COVENTRY)!, r, async () => [], { format: "csv", asOf: "2016-01-15", since: null });
    expect(earlier.paper.sections.flatMap((s) => s.actions).find((a) => a.ref === "2.1")).toMatchObject({ revised: null });
    expect(String(earlier.file)).not.toContain("approved by");
    expect(String((await planPaperFile(nestPlans(r).find((p) => p.id === COVENTRY)!, r, async () => [], { format: "csv", asOf: "2016-02-15", since: null })).file)).toContain("(approved by Megan Bowen, 20 Jan 2016)");
  });

  it("made today does show today's edit (the comparison above is not vacuous)", async () => {
    const r = replay(base, [...HISTORY, TODAY]);
    const plan = nestPlans(r).find((p) => p.id === COVENTRY)!;
    const now = dashboard([plan], r, [], "2026-12-03").plans[0]!.counts;
    const then = dashboard([plan], r, [], "2016-02-15").plans[0]!.counts;
    expect(now.amber).toBe(then.amber + 1);
  });
});
