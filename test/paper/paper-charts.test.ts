import { readFileSync } from "node:fs";
import { join } from "node:path";
import { strFromU8, unzipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { boardPaper } from "../../src/core/board-paper.js";
import { dashboard, type Dashboard } from "../../src/core/dashboard.js";
import { nestPlans } from "../../src/core/plan-export.js";
import { demoRecords } from "../../src/demo/index.js";
import { boardPaperDocx } from "../../src/paper/board-paper-docx.js";
import { runCli, tempDataDir } from "../support/cli.js";

const LLR = "llr-sab-business-plan-2022-23";

/** Each chart in a Word file: its title and every bar's numbers, read from the SVG; and whether each has its PNG. */
function chartsIn(docx: Uint8Array) {
  const files = unzipSync(docx);
  const svgs = Object.keys(files).filter((f) => f.startsWith("word/media/") && f.endsWith(".svg")).map((f) => strFromU8(files[f]!));
  const pngs = Object.keys(files).filter((f) => f.startsWith("word/media/") && f.endsWith(".png"));
  const charts = svgs.map((svg) => ({
    title: /<title>([^<]*)<\/title>/.exec(svg)![1]!,
    bars: [...svg.matchAll(/data-category="([^"]*)" data-series="([^"]*)" data-value="(\d+)"/g)].map((m) => ({ category: m[1]!.replace(/&amp;/g, "&"), series: m[2]!, value: Number(m[3]) })),
  }));
  return { charts, pngs: pngs.length };
}
const value = (chart: ReturnType<typeof chartsIn>["charts"][number], category: string, series: string) => chart.bars.find((b) => b.category === category && b.series === series)?.value;

describe("the board paper's charts", () => {
  it("are the dashboard's, number for number, as SVG with a PNG for older Word", async () => {
    const records = demoRecords();
    const plan = nestPlans(records).find((p) => p.id === LLR)!;
    const d: Dashboard = dashboard([plan], records, [], "2022-10-03");
    const { charts, pngs } = chartsIn(await boardPaperDocx(boardPaper(plan, { asOf: "2022-10-03", since: null }), d));
    expect(charts.map((c) => c.title)).toEqual(["RAG ratings month by month", "Overdue and due soon by subgroup", "Overdue and due soon by lead", "Leads' answers to reminders"]);
    expect(pngs).toBeGreaterThanOrEqual(4);
    const [ratings, bySubgroup, byLead] = charts as [typeof charts[number], typeof charts[number], typeof charts[number]];
    for (const m of d.ratingsByMonth) expect(value(ratings, m.month, "Not rated")).toBe(m.counts.unrated);
    for (const g of d.bySubgroup) expect([value(bySubgroup, g.name, "Overdue"), value(bySubgroup, g.name, "Due in 28 days")]).toEqual([g.overdue, g.dueSoon]);
    for (const l of d.byLead) expect([value(byLead, l.name, "Overdue"), value(byLead, l.name, "Due in 28 days")]).toEqual([l.overdue, l.dueSoon]);
    expect(d.bySubgroup.length).toBeGreaterThan(2);
  });

  it("come with the Word paper from assure export", async () => {
    const out = join(tempDataDir(), "paper.docx");
    const r = await runCli(["export", "--plan", LLR, "--format", "docx", "--out", out, "--as-of", "2022-10-03"]);
    expect(r.stderr).toBe("");
    const { charts } = chartsIn(readFileSync(out));
    expect(charts).toHaveLength(4);
    expect(value(charts[1]!, "Training Group", "Overdue")).toBe(4);
  }, 30_000);
});
