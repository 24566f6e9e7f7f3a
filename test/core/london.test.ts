import { describe, expect, it } from "vitest";
import { londonDate } from "../../src/core/london.js";

describe("londonDate", () => {
  it.each([
    ["2022-06-30T23:30:00Z", "2022-07-01"], // BST: half past midnight in London
    ["2022-12-31T23:30:00Z", "2022-12-31"], // GMT: still New Year's Eve
    ["2022-03-27T00:30:00Z", "2022-03-27"], // the night the clocks go forward
    ["2022-10-30T23:59:59+01:00", "2022-10-30"], // an instant written with an offset
  ])("%s is %s in London", (instant, day) => {
    expect(londonDate(new Date(instant))).toBe(day);
  });
});
