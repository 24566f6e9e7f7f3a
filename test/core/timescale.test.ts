import { describe, expect, it } from "vitest";
import { parseTimescale } from "../../src/core/timescale.js";

const understood = (deadlines: string[], extra: { ongoing?: boolean; recurrence?: string | null } = {}) => ({
  deadlines,
  ongoing: extra.ongoing ?? false,
  recurrence: extra.recurrence ?? null,
  understood: true,
});

describe("parseTimescale: the examples boards write", () => {
  it.each([
    ["Jan 2016 onwards", understood(["2016-01-31"], { ongoing: true })],
    ["January 2016 On going", understood(["2016-01-31"], { ongoing: true })],
    ["December 2015 On going", understood(["2015-12-31"], { ongoing: true })],
    ["April 2016", understood(["2016-04-30"])],
    ["Sep 2022", understood(["2022-09-30"])],
    ["Aug 2022 Mar 2023", understood(["2022-08-31", "2023-03-31"])],
    ["Q3 2022/23", understood(["2022-12-31"])],
    ["2022/23", understood(["2023-03-31"])],
    ["End of March 2023", understood(["2023-03-31"])],
    ["31/03/2023", understood(["2023-03-31"])],
    ["By September 2017", understood(["2017-09-30"])],
    ["Ongoing", understood([], { ongoing: true })],
    ["Quarterly", understood([], { ongoing: true, recurrence: "quarterly" })],
  ])("%s", (text, expected) => {
    expect(parseTimescale(text)).toEqual({ text, ...expected });
  });

  it("flags Tbc as not understood, with no deadline", () => {
    const t = parseTimescale("Tbc");
    expect(t).toMatchObject({ text: "Tbc", deadlines: [], ongoing: false, recurrence: null, understood: false });
    expect(t.problem).toMatch(/to be confirmed/);
  });
});

describe("parseTimescale: every timescale in the two plans", () => {
  it.each([
    ["January 2016 onwards", ["2016-01-31"], true],
    ["January 2016", ["2016-01-31"], false],
    ["April 2016 On going", ["2016-04-30"], true],
    ["March 2016", ["2016-03-31"], false],
    ["Oct 2022", ["2022-10-31"], false],
    ["Jan 2023", ["2023-01-31"], false],
    ["Jul 2022", ["2022-07-31"], false],
    ["Dec 2022", ["2022-12-31"], false],
    ["Nov 2022 Mar 2023", ["2022-11-30", "2023-03-31"], false],
    ["Sep 2022 Sep 2022 Mar 2023", ["2022-09-30", "2023-03-31"], false],
    ["Jun 2022 Jun 2022", ["2022-06-30"], false],
  ])("%s", (text, deadlines, ongoing) => {
    expect(parseTimescale(text)).toEqual({ text, deadlines, ongoing, recurrence: null, understood: true });
  });
});

describe("parseTimescale: financial years run April to March", () => {
  it.each([
    ["Q1 2022/23", "2022-06-30"],
    ["Q2 2022/23", "2022-09-30"],
    ["Q4 2022/23", "2023-03-31"],
    ["Q4 2023-2024", "2024-03-31"],
    ["2023-24", "2024-03-31"],
  ])("%s ends on %s", (text, deadline) => {
    expect(parseTimescale(text).deadlines).toEqual([deadline]);
  });

  it("knows February in a leap year", () => {
    expect(parseTimescale("Feb 2024").deadlines).toEqual(["2024-02-29"]);
    expect(parseTimescale("Feb 2023").deadlines).toEqual(["2023-02-28"]);
  });

  it("reads day-first dates written out", () => {
    expect(parseTimescale("31st March 2023").deadlines).toEqual(["2023-03-31"]);
    expect(parseTimescale("1/4/2023").deadlines).toEqual(["2023-04-01"]);
  });
});

describe("parseTimescale: never guesses", () => {
  it.each([
    ["", /no timescale/],
    ["Spring", /cannot read "Spring"/], // a season with its year is read (issue 24: "Autumn 2024"); without one it is not
    ["31/02/2023", /not a real date/],
    ["12/31/2023", /not a real date/],
    ["2022/24", /not a financial year/],
    ["Q3 2022", /calendar or a financial quarter/],
    ["March 2023 Tbc", /to be confirmed/],
    ["Monthly and quarterly", /more than one recurrence/],
    ["By", /names no date/],
    ["Sep 2022 or later", /cannot read "or later"/],
  ])("%j is kept verbatim and flagged", (text, problem) => {
    const t = parseTimescale(text);
    expect(t.text).toBe(text);
    expect(t.understood).toBe(false);
    expect(t.deadlines).toEqual([]);
    expect(t.problem).toMatch(problem);
  });
});

describe("parseTimescale: the forms real trackers use", () => {
  it.each([
    ["Sept-23", ["2023-09-30"], false, null],
    ["Jun '24", ["2024-06-30"], false, null],
    ["Mar-2024", ["2024-03-31"], false, null],
    ["31.03.23", ["2023-03-31"], false, null],
    ["31-03-2023", ["2023-03-31"], false, null],
    ["1/4/23", ["2023-04-01"], false, null],
    ["2023-03-31", ["2023-03-31"], false, null],
    ["March 2023 ongoing", ["2023-03-31"], true, null],
    ["30/06/2023 and then quarterly", ["2023-06-30"], false, "quarterly"],
    ["Jun 2023 / Sep 2023", ["2023-06-30", "2023-09-30"], false, null],
    ["Jun 2023 and Sep 2023", ["2023-06-30", "2023-09-30"], false, null],
    ["Jun 2023 then Dec 2023", ["2023-06-30", "2023-12-31"], false, null],
  ] as const)("reads %j", (text, deadlines, ongoing, recurrence) => {
    expect(parseTimescale(text)).toMatchObject({ text, deadlines, ongoing, recurrence, understood: true });
  });

  it("reads a quarter without a year from the plan's financial year, and flags it without one", () => {
    const plan = { periodFrom: "2022-04-01" };
    expect(parseTimescale("end of Q2", plan).deadlines).toEqual(["2022-09-30"]);
    expect(parseTimescale("Q4", plan).deadlines).toEqual(["2023-03-31"]);
    expect(parseTimescale("end of Q2")).toMatchObject({ understood: false, problem: expect.stringContaining("of which year") });
  });

  it("reads 'by the March board' from the plan's board meetings, and flags it when the plan has none or several", () => {
    expect(parseTimescale("by the March board", { boardMeetings: ["2023-01-17", "2023-03-21"] }).deadlines).toEqual(["2023-03-21"]);
    expect(parseTimescale("by the March board", { boardMeetings: ["2023-01-17"] })).toMatchObject({ understood: false, problem: expect.stringContaining("no board meeting in mar") });
    expect(parseTimescale("by the March board", { boardMeetings: ["2023-03-01", "2023-03-29"] })).toMatchObject({ understood: false, problem: expect.stringContaining("more than one") });
  });

  it.each([["June 24"], ["Sept 23"], ["Q2"], ["by the board"]])("still flags %j rather than guess", (text) => {
    expect(parseTimescale(text).understood).toBe(false);
  });
});
