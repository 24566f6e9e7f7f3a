import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compareActions, SORT_KEYS, type SortableAction } from "../../src/core/action-sort.js";

const a = (ref: string, over: Partial<SortableAction> = {}): SortableAction => ({ ref, text: `Action ${ref}`, lead: "Lead", deadline: null, rating: null, latestAt: null, ...over });
const refs = (list: SortableAction[]) => list.map((x) => x.ref);

describe("compareActions", () => {
  it("orders refs as numbers (1.10 after 1.9)", () => {
    expect(refs([a("1.10"), a("1.9"), a("2.1"), a("1.1")].sort(compareActions("ref")))).toEqual(["1.1", "1.9", "1.10", "2.1"]);
  });
  it("puts worst ratings first, not rated last", () => {
    const list = [a("1", { rating: "green" }), a("2", { rating: null }), a("3", { rating: "red" }), a("4", { rating: "complete" }), a("5", { rating: "amber" })];
    expect(refs(list.sort(compareActions("rating")))).toEqual(["3", "5", "1", "4", "2"]);
  });
  it("keeps actions with no deadline or no update last, whichever way", () => {
    const list = [a("1", { deadline: "2023-03-31" }), a("2"), a("3", { deadline: "2022-09-30" })];
    expect(refs([...list].sort(compareActions("deadline")))).toEqual(["3", "1", "2"]);
    expect(refs([...list].sort(compareActions("deadline", true)))).toEqual(["1", "3", "2"]);
    expect(refs([a("1"), a("2", { latestAt: "2026-01-01T09:00:00Z" })].sort(compareActions("latest", true)))).toEqual(["2", "1"]);
  });
  it("is a total order for every column, and descending reverses every dated pair", () => {
    const action = fc.record({
      ref: fc.stringMatching(/^\d{1,2}(\.\d{1,2})?$/),
      text: fc.string(),
      lead: fc.string(),
      deadline: fc.option(fc.constantFrom("2022-01-01", "2022-06-30", "2023-03-31")),
      rating: fc.constantFrom("red", "amber", "green", "complete", null),
      latestAt: fc.option(fc.constantFrom("2026-01-01T09:00:00Z", "2026-02-01T09:00:00Z")),
    }) as fc.Arbitrary<SortableAction>;
    fc.assert(
      fc.property(fc.constantFrom(...SORT_KEYS), action, action, (key, x, y) => {
        const up = compareActions(key)(x, y);
        expect(Math.sign(up) + Math.sign(compareActions(key)(y, x))).toBe(0);
        expect(compareActions(key)(x, x)).toBe(0);
      }),
    );
  });
});
