import { rmSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { importChanges } from "../../src/core/import-changes.js";
import { readPlanImport } from "../../src/core/plan-import.js";
import { textTable } from "../../src/core/source-table.js";
import type { PlanStore } from "../../src/core/store.js";
import { demoRecords } from "../../src/demo/index.js";
import { importRefusals, storeImport } from "../../src/store/import-writer.js";
import { emulatorFixture, type EmulatorFixture } from "../support/emulator.js";

/** Storing an import over the real graph-client and the emulator: all of it or nothing, and a failure part-way finished by a retry. */
describe("storing an import", () => {
  let env: EmulatorFixture;
  beforeAll(async () => {
    env = await emulatorFixture();
    const demo = demoRecords();
    await env.store.importRecords({ people: demo.people, leads: demo.leads, subgroups: demo.subgroups });
  }, 60_000);
  afterAll(async () => {
    await env?.close();
    if (env) rmSync(env.dataDir, { recursive: true, force: true });
  });

  const by = { personId: "megan-bowen", entraObjectId: null, name: "Megan Bowen" };
  const plan = (rows: string[][]) => ({ name: "plan.csv", tables: [textTable("plan.csv", [["Business Plan 2024/25"], ["Ref", "Action", "Lead", "Timescale"], ...rows])] });
  const prepare = async (store: PlanStore, rows: string[][], planId: string) => {
    const { records } = await store.readRecords();
    const read = readPlanImport(plan(rows), { planId, mappings: {}, leadFixes: {} }, { existing: records, today: "2026-11-23", now: "2026-11-23T10:00:00Z", managers: ["megan-bowen"], boards: ["Test Board"] });
    return { read, outcome: importChanges(read, records) };
  };

  it("a failure part-way (the plan and its section written, the actions not) is finished by importing again: every record once, each change logged once", async () => {
    const rows = [["1.1", "Audit the pathway", "SAB Manager", "Mar 2025"], ["1.2", "Train staff", "SAB Manager", "Jun 2025"]];
    let fail = true;
    // The network fails after the parents are written: the store sees only part of the import.
    const flaky: PlanStore = Object.assign(Object.create(env.store) as PlanStore, {
      importRecords: async (records: Parameters<PlanStore["importRecords"]>[0]) => {
        if (!fail) return env.store.importRecords(records);
        fail = false;
        await env.store.importRecords({ plans: records.plans, sections: records.sections });
        throw new Error("socket hang up");
      },
    });
    const first = await prepare(flaky, rows, "retry-plan");
    await expect(storeImport(flaky, first.read, first.outcome, by, new Date("2026-11-23T10:00:00Z"))).rejects.toThrow("socket hang up");
    expect((await env.store.readRecords()).records.actions.filter((a) => a.planId === "retry-plan")).toEqual([]);

    const again = await prepare(env.store, rows, "retry-plan");
    await storeImport(env.store, again.read, again.outcome, by, new Date("2026-11-23T10:05:00Z"));
    const { records } = await env.store.readRecords();
    expect(records.actions.filter((a) => a.planId === "retry-plan").map((a) => a.ref).sort()).toEqual(["1.1", "1.2"]);
    const log = await env.store.readChanges({ planId: "retry-plan" });
    expect(log.map((c) => `${c.subject.kind} ${c.subject.id} ${c.what}`).sort()).toEqual([
      "action retry-plan/1.1 created",
      "action retry-plan/1.2 created",
      "plan retry-plan created",
      "section retry-plan/r1 created",
    ].sort());

    // Importing the same document a third time changes and logs nothing more.
    const third = await prepare(env.store, rows, "retry-plan");
    expect(third.outcome.changes).toEqual([]);
    await storeImport(env.store, third.read, third.outcome, by, new Date("2026-11-23T10:10:00Z"));
    expect(await env.store.readChanges({ planId: "retry-plan" })).toHaveLength(4);
  }, 60_000);

  it("what the store would refuse is found before anything is written, and the writer writes nothing", async () => {
    const { read, outcome } = await prepare(env.store, [["1.1", "x".repeat(70_000), "SAB Manager", "Mar 2025"], ["1.2", "Short", "SAB Manager", "Mar 2025"]], "refused-plan");
    expect(importRefusals(read, outcome)).toEqual([expect.objectContaining({ severity: "blocking", where: "Action 1.1", message: expect.stringMatching(/at most 63,999 characters; got 70,000/) })]);
    await expect(storeImport(env.store, read, outcome, by, new Date())).rejects.toThrow(/nothing was stored: Action 1.1/);
    const { records } = await env.store.readRecords();
    expect(records.plans.map((p) => p.id)).not.toContain("refused-plan");
    expect(await env.store.readChanges({ planId: "refused-plan" })).toEqual([]);
  }, 60_000);
});
