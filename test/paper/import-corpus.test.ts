import { afterAll, describe, expect, it } from "vitest";
import { describeImport } from "../../src/cli/import-summary.js";
import type { ImportChoices, ImportProblem } from "../../src/core/plan-import.js";
import { demoRecords } from "../../src/demo/index.js";
import { previewImport } from "../../src/paper/import-preview.js";
import { readDocument } from "../../src/paper/read-document.js";
import { BOARD, CORPUS, type Layout } from "../support/plan-corpus.js";

/**
 * The corpus of tracker layouts (test/support/plan-corpus.ts) through the same reading and preview
 * the server and `assure import --dry-run` use (readDocument, then previewImport, then the text
 * describeImport prints): every fact is read as written or flagged with a message a person can
 * act on, and each flag is in what the command prints. test/cli/import.test.ts runs the command
 * itself on a handful of them.
 */
const context = { existing: demoRecords(), today: "2026-11-23", now: "2026-11-23T10:00:00Z", managers: ["megan-bowen"], boards: [BOARD] };
const baseChoices: ImportChoices = { planId: null, mappings: {}, leadFixes: {} };
// What a message a person can act on says: what to do, or what was done instead.
const ACTIONABLE = /\b(match|add|choose|give|write|map|fix|delete|split|save|name|left out|left unrated|the words are used|no reminders until|numbered|put under|taken from)\b/;

async function previewOf(layout: Layout, choices: Partial<ImportChoices> = layout.choices ?? {}) {
  const document = await readDocument(layout.name, await layout.build());
  const preview = previewImport(document, { ...baseChoices, ...choices }, context);
  return { ...preview, printed: describeImport(layout.name, preview.read, preview.outcome) };
}

const report: string[] = [];
afterAll(() => console.log(`Facts per layout (read / flagged for a person):\n${report.join("\n")}`));

describe("the corpus of tracker layouts", () => {
  it("has at least 30 layouts, Word, Excel and CSV", () => {
    expect(CORPUS.length).toBeGreaterThanOrEqual(30);
    for (const ext of [".docx", ".xlsx", ".csv", ".tsv"]) expect(CORPUS.some((l) => l.name.endsWith(ext))).toBe(true);
  });

  it.each(CORPUS.map((l) => [l.name, l] as const))("%s: every fact is read or flagged, and the dry run says what to fix", async (_, layout) => {
    const { read, printed } = await previewOf(layout);
    const problems = (field: string, ref: string) => read.problems.filter((p) => p.field === field && p.refs.includes(ref));
    expect(read.actions.map((a) => a.ref)).toEqual(layout.actions.map((f) => f.ref));
    if (layout.title) expect(read.plan.title).toBe(layout.title);
    let facts = 0;
    let flagged = 0;
    for (const expected of layout.actions) {
      const action = read.actions.find((a) => a.ref === expected.ref)!;
      facts += 2; // its ref and text
      expect(action.text).toBe(expected.action);
      expect(action.lead.asWritten).toBe(expected.lead);
      // A lead is resolved in the board's directory, or flagged with what to do.
      if (action.lead.leadId === null) {
        expect(problems("lead", expected.ref), `${expected.ref}'s lead`).not.toEqual([]);
        flagged++;
      } else facts++;
      if (expected.deadline === "?") {
        expect(action.timescale.understood).toBe(false);
        expect(problems("timescale", expected.ref)[0]?.message).toMatch(/not understood \(.+\); no reminders until it is fixed/);
        flagged++;
      } else {
        expect(action.timescale, `${expected.ref}'s timescale ${JSON.stringify(action.timescale.text)}`).toMatchObject({ understood: true, deadlines: expected.deadline === "ongoing" ? [] : [expected.deadline] });
        expect(problems("timescale", expected.ref)).toEqual([]);
        facts++;
      }
      if (expected.rating === "?") {
        expect(action.rating).toBeNull();
        expect(problems("rating", expected.ref)[0]?.message).toMatch(/left unrated/);
        flagged++;
      } else {
        expect(action.rating, `${expected.ref}'s rating`).toBe(expected.rating);
        facts++;
      }
      const updates = read.progressUpdates.filter((u) => u.actionId === action.id).map((u) => u.text);
      expect(updates).toEqual(expected.progress === null ? [] : [expected.progress]);
      if (expected.progress !== null) facts++;
    }
    for (const [field, ref, says] of layout.flags ?? []) {
      expect(read.problems.filter((p) => p.field === field && (ref === null || p.refs.includes(ref))).map((p) => p.message), `${field} ${ref ?? ""}`).toContainEqual(expect.stringMatching(says));
    }
    // Nothing flagged that was read right: rating and timescale problems only where the layout expects them.
    const expectedFlag = (p: ImportProblem) => (layout.flags ?? []).some(([field, ref, says]) => field === p.field && (ref === null || p.refs.includes(ref)) && says.test(p.message));
    const unexpected = read.problems.filter((p) => (p.field === "rating" || p.field === "timescale") && !expectedFlag(p) && !p.refs.some((r) => layout.actions.find((f) => f.ref === r)?.[p.field === "rating" ? "rating" : "deadline"] === "?"));
    expect(unexpected).toEqual([]);
    // Every problem is actionable and printed by the dry run, must-fix ones as MUST FIX.
    for (const p of read.problems) {
      expect(p.message, p.message).toMatch(ACTIONABLE);
      expect(printed).toContain(`${p.severity === "blocking" ? "MUST FIX" : "check"}: ${p.where}`);
      expect(printed).toContain(p.message);
    }
    if (read.problems.length === 0) expect(printed).toContain("nothing to fix");
    // A table that was not read says why.
    for (const t of read.tables.filter((x) => !x.used)) expect(printed).toContain(`skipped, ${t.reason}`);
    report.push(`${layout.name.padEnd(42)} ${String(facts).padStart(3)} read / ${flagged} flagged  (${layout.about})`);
  });

  it("a layout with no header naming an action is refused until the person chooses the header row and maps it, and the dry run shows the rows to choose from", async () => {
    for (const layout of CORPUS.filter((l) => l.refusedWithout)) {
      const { read, printed } = await previewOf(layout, {});
      expect(read.problems.filter((p) => p.severity === "blocking").map((p) => p.message)).toContainEqual(expect.stringMatching(layout.refusedWithout!));
      expect(printed).toMatch(/--header <table>:<row> --map <table>:<column>=action/);
      expect(printed).toMatch(/row 1: “Item” \| “Who” \| “When” \| “RAG”/);
    }
  });
});
