import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { connectGraph } from "../../src/store/graph-connection.js";
import { GraphStore } from "../../src/store/graph-store.js";
import { asBackground, RuBudget } from "../../src/store/ru-budget.js";
import { SiteLists } from "../../src/store/site-lists.js";
import { emulatorFixture, FAST_RETRY, SITE, type EmulatorFixture } from "../support/emulator.js";

/** A budget on a clock the test moves: waiting moves the clock to the next minute. */
function budgetOf(perMinute: number) {
  let now = 60_000 * 1000 + 5_000;
  const waits: number[] = [];
  const budget = new RuBudget(perMinute, () => now, async (ms) => {
    waits.push(ms);
    now += ms;
  });
  return { budget, waits, now: () => now };
}

describe("Assure's own resource-unit budget", () => {
  it("lets background work spend 80 % of a minute, then makes it wait for the next; people's requests never wait", async () => {
    const { budget, waits } = budgetOf(100);
    for (let i = 0; i < 40; i++) await asBackground(() => budget.admit(2));
    expect(budget.spent).toBe(80);
    await budget.admit(2); // a person's request: over the background share, still at once
    expect(waits).toEqual([]);
    await asBackground(() => budget.admit(2));
    expect(waits).toEqual([55_000]); // the rest of the minute
    expect(budget.spent).toBe(2);
  });

  describe("as graph-client middleware, against the emulator", () => {
    let fx: EmulatorFixture;
    beforeEach(async () => {
      fx = await emulatorFixture();
    });
    afterEach(async () => fx.close());

    it("counts each request as SharePoint does, and holds a background sweep's reads once the share is spent", async () => {
      const { budget, waits } = budgetOf(60);
      const store = new GraphStore(new SiteLists(connectGraph({ mode: "emulator", graphUrl: fx.graphUrl, site: SITE }, undefined, { budget }), SITE, { retry: FAST_RETRY }));
      await store.readRecords(); // site look-up, list look-ups, nine list reads
      const first = budget.spent;
      await fx.resetStats();
      await store.readRecords();
      // Nine multi-item reads, 2 each: one per record list (the action events list came with schema 7), nothing else.
      expect(budget.spent - first).toBe(18);
      expect((await fx.stats()).requests).toBe(9);
      expect((await fx.stats()).resourceUnits).toBe(18); // as the emulator (SharePoint's table) counts them
      await asBackground(() => store.readRecords());
      expect(waits.length).toBeGreaterThan(0);
    });
  });
});
