import { addDays } from "date-fns/addDays";
import { format } from "date-fns/format";
import { parseISO } from "date-fns/parseISO";
import { describe, expect, it } from "vitest";
import { currentDeadline, isOpen } from "../../src/core/action.js";
import { dashboard } from "../../src/core/dashboard.js";
import { deadlineState } from "../../src/core/deadline-state.js";
import { DUE_SOON_DAYS } from "../../src/core/due-soon.js";
import { ALL_BOARDS, boardShown, ofBoards } from "../../src/core/board-scope.js";
import { nestPlans, planActions } from "../../src/core/plan-export.js";
import { planBoard } from "../../src/core/plan-board.js";
import { planCounts } from "../../src/core/plan-counts.js";
import { demoRecords } from "../../src/demo/index.js";
import { COVENTRY_BOARD, LLR_BOARDS } from "../../src/demo/people.js";

const COVENTRY = "coventry-sar-mrs-e-2015";
const LLR = "llr-sab-business-plan-2022-23";

describe("the Plans page's counts for each plan", () => {
  it.each([
    [COVENTRY, "2016-04-20"],
    [LLR, "2022-10-03"],
    [LLR, "2023-06-01"],
  ])("%s as at %s: every action counted once by rating, overdue and due soon as the plan view's badges and filters say", (planId, today) => {
    const r = demoRecords();
    const counts = planCounts(r.actions.filter((a) => a.planId === planId), today);
    const shown = planActions(planBoard({ records: r, conversations: [], planId, today })!);
    expect(counts.actions).toBe(shown.length);
    expect(Object.values(counts.ratings).reduce((a, b) => a + b, 0)).toBe(shown.length);
    for (const rating of ["red", "amber", "green", "complete"] as const) expect(counts.ratings[rating]).toBe(shown.filter((a) => a.rating === rating).length);
    expect(counts.overdue).toBe(shown.filter((a) => a.facts.overdue).length);
    expect(counts.dueSoon).toBe(shown.filter((a) => a.facts.dueSoon).length);
  });

  it("has something to count in the demo: the test above can fail", () => {
    const r = demoRecords();
    const llr = planCounts(r.actions.filter((a) => a.planId === LLR), "2022-10-03");
    expect(llr.overdue + llr.dueSoon).toBeGreaterThan(0);
    expect(planCounts([], "2022-10-03")).toEqual({ actions: 0, ratings: { red: 0, amber: 0, green: 0, complete: 0, unrated: 0 }, overdue: 0, dueSoon: 0 });
  });
});

describe("one board at a time", () => {
  const named = [COVENTRY_BOARD, ...LLR_BOARDS];
  it("shows the board remembered while the plans still name it, else the person's first board, else every board", () => {
    expect(boardShown(LLR_BOARDS[1]!, [COVENTRY_BOARD], named)).toBe(LLR_BOARDS[1]);
    expect(boardShown(ALL_BOARDS, [COVENTRY_BOARD], named)).toBe(ALL_BOARDS);
    expect(boardShown("A board since renamed", [COVENTRY_BOARD], named)).toBe(COVENTRY_BOARD);
    expect(boardShown(null, LLR_BOARDS, named)).toBe(LLR_BOARDS[0]);
    expect(boardShown(null, [], named)).toBe(ALL_BOARDS);
    expect(boardShown(null, [], [COVENTRY_BOARD])).toBe(COVENTRY_BOARD);
  });

  it("offers a board's own leads, people and subgroups only", () => {
    const r = demoRecords();
    const coventry = ofBoards(r.leads, [COVENTRY_BOARD]);
    expect(coventry.length).toBeGreaterThan(0);
    expect(coventry.every((l) => l.id.startsWith("cov-"))).toBe(true);
    expect(ofBoards(r.subgroups, [COVENTRY_BOARD])).toEqual([]);
    expect(ofBoards(r.subgroups, [LLR_BOARDS[0]!]).length).toBe(r.subgroups.length);
    expect(ofBoards(r.people, [LLR_BOARDS[0]!]).map((p) => p.id)).toContain("joni-sherman");
    expect(ofBoards(r.people, [LLR_BOARDS[0]!]).map((p) => p.id)).not.toContain("megan-bowen");
  });
});

describe("one meaning of due soon", () => {
  it("the dashboard, the Plans page and the plan's badges count the same actions overdue and due soon, every day of a year", () => {
    const r = demoRecords();
    const plans = nestPlans(r).filter((p) => p.id === LLR);
    let seen = 0;
    for (let day = parseISO("2022-06-01"); day <= parseISO("2023-06-01"); day = addDays(day, 9)) {
      const today = format(day, "yyyy-MM-dd");
      const counts = planCounts(r.actions.filter((a) => a.planId === LLR), today);
      const d = dashboard(plans, r, [], today);
      expect([d.byLead.reduce((n, l) => n + l.overdue, 0), d.byLead.reduce((n, l) => n + l.dueSoon, 0)], today).toEqual([counts.overdue, counts.dueSoon]);
      seen += counts.dueSoon;
    }
    expect(seen).toBeGreaterThan(0);
  });

  it("looks four weeks ahead: due in 28 days is soon, in 29 days is not", () => {
    const r = demoRecords();
    const action = r.actions.find((a) => a.planId === LLR && isOpen(a) && currentDeadline(a) !== null)!;
    const deadline = currentDeadline(action)!;
    const before = (days: number) => format(addDays(parseISO(deadline), -days), "yyyy-MM-dd");
    expect(DUE_SOON_DAYS).toBe(28);
    expect(deadlineState(action, before(28)).dueSoon).toBe(true);
    expect(deadlineState(action, before(29)).dueSoon).toBe(false);
  });
});
