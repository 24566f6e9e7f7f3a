import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { BoardRecords } from "../../src/core/records.js";
import { demoRecords } from "../../src/demo/index.js";
import { runCli, tempDataDir } from "../support/cli.js";
import { BOARD, CORPUS } from "../support/plan-corpus.js";
import { coventryXlsx } from "../support/plan-documents.js";

const COVENTRY = "coventry-sar-mrs-e-2015";
type Exported = { plans: { id: string; title: string; sections: { number: string; actions: { ref: string; timescale: { text: string }; rating: string | null }[] }[] }[]; changes: { subject: { id: string }; by: { name: string } }[] };

/** `assure import` against the local store (the embedded Graph emulator over HTTP), as a board manager runs it. */
describe("assure import <file>", () => {
  const write = async (name: string, bytes: Uint8Array | string) => {
    const file = join(tempDataDir(), name);
    writeFileSync(file, bytes);
    return file;
  };

  it("--dry-run --format json shows the plan exactly as export shows it once stored; storing twice changes nothing", async () => {
    const env = { ASSURE_DATA_DIR: tempDataDir() };
    const file = await write("Mrs E copy.xlsx", await coventryXlsx(demoRecords()));
    const dry = await runCli(["import", file, "--board", "Coventry Safeguarding Adults Board", "--plan", "coventry-copy", "--dry-run", "--format", "json"], env);
    expect(dry.stderr).toBe("");
    const preview = JSON.parse(dry.stdout) as { stored: boolean; plans: Exported["plans"]; changes: unknown[] };
    expect(preview.stored).toBe(false);
    expect(preview.plans[0]!.sections.flatMap((s) => s.actions)).toHaveLength(14);
    const before = JSON.parse((await runCli(["export", "--format", "json"], env)).stdout) as Exported;
    expect(before.plans.map((p) => p.id)).not.toContain("coventry-copy");

    const stored = await runCli(["import", file, "--board", "Coventry Safeguarding Adults Board", "--plan", "coventry-copy"], env);
    expect(stored.code).toBe(0);
    expect(stored.stdout).toContain("new plan");
    expect(stored.stdout).toContain("14 actions");
    expect(stored.stdout).toContain("Stored.");
    const after = JSON.parse((await runCli(["export", "--format", "json"], env)).stdout) as Exported;
    expect(after.plans.find((p) => p.id === "coventry-copy")).toEqual(preview.plans[0]);
    expect(after.changes.filter((c) => c.subject.id.startsWith("coventry-copy")).every((c) => c.by.name === "assure import (command line)")).toBe(true);

    const again = await runCli(["import", file, "--board", "Coventry Safeguarding Adults Board", "--plan", "coventry-copy"], env);
    expect(again.stdout).toContain("changes: 0 new, 0 changed, 24 unchanged");
    expect(JSON.parse((await runCli(["export", "--format", "json"], env)).stdout).plans).toEqual(after.plans);
  }, 90_000);

  it("an edited copy of the demo plan updates it in place by ref: only the changed action changes", async () => {
    const env = { ASSURE_DATA_DIR: tempDataDir() };
    const edited: BoardRecords = structuredClone(demoRecords());
    const a = edited.actions.find((x) => x.id === `${COVENTRY}/6.3`)!;
    a.ratingAsWritten = "Red";
    a.timescale = { ...a.timescale, text: "31/03/2017" };
    const file = await write("mrs-e-oct-2016.xlsx", await coventryXlsx(edited));
    const r = await runCli(["import", file, "--plan", COVENTRY], env);
    expect(r.stderr).toBe("");
    expect(r.stdout).toContain("changes: 0 new, 1 changed, 23 unchanged");
    expect(r.stdout).toContain("Action 6.3: timescale, rating, ratingAsWritten");
    const plan = (JSON.parse((await runCli(["export", "--format", "json"], env)).stdout) as Exported).plans.find((p) => p.id === COVENTRY)!;
    const actions = plan.sections.flatMap((s) => s.actions);
    expect(actions).toHaveLength(14);
    expect(actions.find((x) => x.ref === "6.3")).toMatchObject({ rating: "red", timescale: { text: "31/03/2017" } });
  }, 60_000);

  it("a blocking problem stores nothing and says what to fix; a lead matched with --lead is stored resolved", async () => {
    const env = { ASSURE_DATA_DIR: tempDataDir() };
    const file = await write("plan.tsv", "Ref\tRecommendation\tAction\tLead\tTimescale\n1.1\t1. Learn\tWrite it\tSAR Co-ordinator\tMar 2027\n1.2\t\tShare it\t\tApr 2027\n");
    const refused = await runCli(["import", file, "--board", "Coventry Safeguarding Adults Board", "--plan", "tsv-plan"], env);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain("nothing was stored");
    expect(refused.stderr).toContain("MUST FIX: plan.tsv, row 3 (1.2): no lead is given");
    expect(refused.stderr).toMatch(/lead "SAR Co-ordinator" is not in Coventry Safeguarding Adults Board's leads directory.*closest: SAR Coordinator = cov-sar-coordinator/);
    expect((JSON.parse((await runCli(["export", "--format", "json"], env)).stdout) as Exported).plans.map((p) => p.id)).not.toContain("tsv-plan");

    const fixed = await runCli(["import", file, "--board", "Coventry Safeguarding Adults Board", "--plan", "tsv-plan", "--lead", "SAR Co-ordinator=cov-sar-coordinator", "--lead", "=cov-sar-coordinator"], env);
    expect(fixed.stderr).toBe("");
    const plan = (JSON.parse((await runCli(["export", "--format", "json"], env)).stdout) as { plans: { id: string; status: string; sections: { actions: { lead: unknown }[] }[] }[] }).plans.find((p) => p.id === "tsv-plan")!;
    expect(plan.status).toBe("draft");
    expect(plan.sections[0]!.actions.map((x) => x.lead)).toEqual([{ asWritten: "SAR Coordinator", leadId: "cov-sar-coordinator" }, { asWritten: "SAR Coordinator", leadId: "cov-sar-coordinator" }]);
  }, 60_000);

  it("--dry-run on layouts from the corpus prints each table's columns and what a person needs to fix (the rest of the corpus: test/paper/import-corpus.test.ts)", async () => {
    const env = { ASSURE_DATA_DIR: tempDataDir() };
    const says: Record<string, RegExp[]> = {
      "problems-to-fix.csv": [/MUST FIX: problems-to-fix\.csv, row 3 \(1\.2\): no lead is given: choose one/, /MUST FIX: problems-to-fix\.csv, row 4 \(1\.2\): ref 1\.2 is used twice/, /check: .*\(1\.1\): timescale "TBC" is not understood \(the timescale is still to be confirmed\); no reminders until it is fixed/, /check: .*\(1\.1\): "Maybe" is not a RAG rating.*left unrated/, /lead "Designated Nurse \(ICB\)" is not in Coventry Safeguarding Adults Board's leads directory.*no entry is close; the board.s leads are on the tab.s Leads page; match with --lead "Designated Nurse \(ICB\)=<lead id>"/],
      "no-action-header.xlsx": [/table 0 \(sheet “Plan”\): skipped, no header row naming an action column/, /row 1: “Item” \| “Who” \| “When” \| “RAG”/, /MUST FIX: .*no plan table found.*--header <table>:<row> --map <table>:<column>=action/],
      "rag-by-fill-only.xlsx": [/table 0 \(sheet “Tracker 2026-27”\): columns 0 “Ref” → Ref; 1 “Action” → Action; .*4 “BRAG” → RAG rating/, /check: .*\(1\.5\): the rating cell's colour #d9d9d9 is not a RAG colour; left unrated/],
      "sar-plan-vmerge.docx": [/→ new plan "Mr B SAR action plan 2026\/27"/, /3 actions/],
      "quarter-words.docx": [/check: .*\(1\.5\): timescale "Before the summer" is not understood/],
    };
    for (const [name, expected] of Object.entries(says)) {
      const layout = CORPUS.find((l) => l.name === name)!;
      const r = await runCli(["import", await write(name, await layout.build()), "--board", BOARD, "--dry-run"], env);
      expect(r.stderr, name).toBe("");
      expect(r.code, name).toBe(0);
      for (const line of expected) expect(r.stdout, name).toMatch(line);
      expect(r.stdout).toContain("Dry run: nothing was stored.");
    }
    // With the header row chosen and the columns mapped, the same file is read.
    const chosen = await runCli(["import", await write("no-action-header.xlsx", await CORPUS.find((l) => l.name === "no-action-header.xlsx")!.build()), "--board", BOARD, "--dry-run", "--header", "0:1", "--map", "0:0=action", "--map", "0:1=lead", "--map", "0:2=timescale", "--map", "0:3=rating"], env);
    expect(chosen.stdout).toMatch(/1 actions/);
    expect(chosen.stdout).not.toContain("MUST FIX");
  }, 180_000);

  it.each([
    [["import"], "give the plan document to read"],
    [["import", "/nonexistent/plan.xlsx"], "cannot read /nonexistent/plan.xlsx"],
    [["import", "x.csv", "--map", "zero=lead"], "--map: write it as <table>:<column>=<field>"],
    [["import", "x.csv", "--format", "yaml"], 'unknown format "yaml"'],
  ])("%j is refused, naming what was wrong", async (args, says) => {
    const r = await runCli(args);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(says);
  });
});
