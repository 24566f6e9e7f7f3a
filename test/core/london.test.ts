import fc from "fast-check";
import { TZDate } from "@date-fns/tz";
import { format } from "date-fns";
import { describe, expect, it } from "vitest";
import { londonDate, londonDayOf, londonTime } from "../../src/core/london.js";

describe("londonDate", () => {
  it.each([
    ["2022-06-30T23:30:00Z", "2022-07-01"], // BST: half past midnight in London
    ["2022-12-31T23:30:00Z", "2022-12-31"], // GMT: still New Year's Eve
    ["2022-03-27T00:30:00Z", "2022-03-27"], // the night the clocks go forward
    ["2022-10-30T23:59:59+01:00", "2022-10-30"], // an instant written with an offset
  ])("%s is %s in London", (instant, day) => {
    expect(londonDate(new Date(instant))).toBe(day);
  });
  // londonDate remembers each UTC hour's London day (the day changes only on a UTC hour): any
  // instant, asked in any order and again, is the day date-fns works out in Europe/London.
  it("is London's calendar day for any instant, asked in any order and again", () => {
    const instant = fc.date({ min: new Date("2015-01-01T00:00:00Z"), max: new Date("2035-12-31T23:59:59Z"), noInvalidDate: true });
    fc.assert(
      fc.property(fc.array(instant, { minLength: 1, maxLength: 40 }), (instants) => {
        for (const t of [...instants, ...instants.reverse()]) expect(londonDate(t)).toBe(format(new TZDate(t, "Europe/London"), "yyyy-MM-dd"));
      }),
      { numRuns: 300 },
    );
  });
});

describe("londonTime", () => {
  it.each([
    ["2026-12-03T09:12:00Z", "09:12, 3 Dec 2026"], // GMT: London is UTC
    ["2026-06-30T23:30:00Z", "00:30, 1 Jul 2026"], // BST: the next day in London
    ["2026-09-01T00:05:00+01:00", "00:05, 1 Sep 2026"],
  ])("%s reads %s", (instant, shown) => {
    expect(londonTime(instant)).toBe(shown);
    expect(londonTime(new Date(instant))).toBe(shown);
  });
  it("is the day londonDayOf gives", () => {
    expect(londonDayOf("2026-06-30T23:30:00Z")).toBe("2026-07-01");
  });
});
