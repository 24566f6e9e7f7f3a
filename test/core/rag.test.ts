import { describe, expect, it } from "vitest";
import { findStaleRating, RagKeySchema, ratingWithKey, ratingWord, readRating, DEFAULT_RAG_KEY } from "../../src/core/rag.js";

describe("readRating", () => {
  it.each([
    ["Green on track", "green"],
    ["AMBER", "amber"],
    ["Red – seriously behind", "red"],
    ["Blue", "complete"],
    ["Complete", "complete"],
    ["", null],
  ])("reads %j as %j", (cell, rating) => {
    expect(readRating(cell)).toEqual(rating);
  });

  it("reports a cell that is not a rating instead of guessing", () => {
    // Status words ("On track") are ratings now (issue 24); words that are none of them are still reported.
    expect(readRating("Pending review")).toEqual({ problem: expect.stringContaining("\"Pending review\" is not a RAG rating") });
  });
});

describe("ratingWord", () => {
  it("names every rating in words, so colour is never the only signal", () => {
    expect([ratingWord("red"), ratingWord("amber"), ratingWord("green"), ratingWord("complete"), ratingWord(null)]).toEqual([
      "Red",
      "Amber",
      "Green",
      "Complete (Blue)",
      "Not rated",
    ]);
  });
});

describe("the default RAG key", () => {
  it("is the Coventry plan's key, with Complete", () => {
    expect(RagKeySchema.parse(DEFAULT_RAG_KEY)).toMatchObject({
      red: "Not achieved and seriously behind schedule",
      amber: "Not achieved and slightly behind target",
      green: "On track to be achieved within timescale",
    });
  });
});

describe("findStaleRating", () => {
  const base = { deadline: "2016-01-31", lastHeard: "2016-01-10", today: "2016-02-01" } as const;

  it("flags Green and Amber once the deadline has passed", () => {
    expect(findStaleRating({ ...base, rating: "green" })).toEqual([
      { kind: "past-deadline", rating: "green", deadline: "2016-01-31" },
    ]);
    expect(findStaleRating({ ...base, rating: "amber" })).toHaveLength(1);
  });

  it("does not flag Green on the deadline day itself", () => {
    expect(findStaleRating({ ...base, rating: "green", today: "2016-01-31" })).toEqual([]);
  });

  it("does not call Red stale for being late: Red already says so", () => {
    expect(findStaleRating({ ...base, rating: "red" })).toEqual([]);
  });

  it("flags any open rating after 90 days without an update", () => {
    expect(findStaleRating({ rating: "red", deadline: null, lastHeard: "2015-10-30", today: "2016-01-28" })).toEqual([
      { kind: "no-update", since: "2015-10-30", days: 90 },
    ]);
    expect(findStaleRating({ rating: "red", deadline: null, lastHeard: "2015-10-30", today: "2016-01-27" })).toEqual([]);
  });

  it("counts the 90 days in calendar days across the clocks changing", () => {
    // 90 days from 1 Jan is 1 April, past the last Sunday of March when BST starts.
    expect(findStaleRating({ rating: "amber", deadline: null, lastHeard: "2026-01-01", today: "2026-04-01" })).toEqual([{ kind: "no-update", since: "2026-01-01", days: 90 }]);
    expect(findStaleRating({ rating: "amber", deadline: null, lastHeard: "2026-01-01", today: "2026-03-31" })).toEqual([]);
  });

  it("never calls Complete stale", () => {
    expect(findStaleRating({ rating: "complete", deadline: "2016-01-31", lastHeard: "2015-01-01", today: "2017-01-01" })).toEqual([]);
  });
});

describe("ratingWithKey", () => {
  it("words a rating with the plan's key, as the card, the reply page and the tab show it", () => {
    expect(ratingWithKey(DEFAULT_RAG_KEY, "amber")).toBe("Amber: Not achieved and slightly behind target");
    expect(ratingWithKey({ ...DEFAULT_RAG_KEY, red: "Off track" }, "red")).toBe("Red: Off track");
    expect(ratingWithKey(DEFAULT_RAG_KEY, null)).toBe("Not rated");
  });
});
