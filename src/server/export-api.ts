import type { Express } from "express";
import { z } from "zod";
import { NotFoundError, parseInput } from "../core/errors.js";
import { IsoDateSchema } from "../core/iso-date.js";
import { londonDate } from "../core/london.js";
import { nestPlans } from "../core/plan-export.js";
import type { BoardRecords } from "../core/records.js";
import { PAPER_TYPES, planPaperFile } from "../paper/render.js";
import type { AppDeps } from "./app.js";
import { namedAsAt } from "./named-as-at.js";
import { parseFinancialYear } from "../core/annual-report.js";
import { boardAnnualReport } from "../core/board-annual-report.js";
import { annualReportDocx } from "../paper/annual-report-docx.js";

const ExportQuerySchema = z.object({ format: z.enum(["docx", "xlsx", "csv"]), asOf: IsoDateSchema.optional(), since: IsoDateSchema.optional() });
const AnnualQuerySchema = z.object({ year: z.string().min(1).max(20), board: z.string().trim().min(1, "name the board, as its plans write it, or all").max(200) }).strict();

/** A plan as a Word board paper, a workbook or CSV, as at a day: for anyone who may read the plan. */
export function mountExportApi(app: Express, deps: AppDeps): void {
  app.get("/api/plans/:planId/export", async (req, res) => {
    const query = parseInput(ExportQuerySchema, req.query);
    const records = await namedAsAt(deps, res.locals.records as BoardRecords, query.asOf ?? londonDate(deps.now()));
    const plan = nestPlans(records).find((p) => p.id === req.params.planId);
    if (!plan) throw new NotFoundError(`plan "${req.params.planId}"`);
    const { paper, file } = await planPaperFile(plan, records, () => deps.store.readLedger(), { format: query.format, asOf: query.asOf ?? londonDate(deps.now()), since: query.since ?? null });
    const name = `${plan.id}-as-at-${paper.asOf}.${query.format}`;
    res.setHeader("Content-Type", PAPER_TYPES[query.format]);
    res.setHeader("Content-Disposition", `attachment; filename="${name}"`);
    res.send(file);
  });

  // One board's annual report (Care Act 2014 Sch. 2) as Word: the tab's "Annual report", for the board it shows.
  app.get("/api/reports/annual", async (req, res) => {
    const query = parseInput(AnnualQuerySchema, req.query);
    const year = parseFinancialYear(query.year);
    const changes = await deps.store.readChanges({ all: true });
    // The names of the year's end: a plan or subgroup renamed since reads as it was then.
    const records = await namedAsAt(deps, res.locals.records as BoardRecords, year.to, changes);
    const register = deps.register ? (await deps.register.readRegister()).register : null;
    const report = boardAnnualReport(nestPlans(records), changes, year, query.board, register ? { register, records } : undefined);
    res.setHeader("Content-Type", PAPER_TYPES.docx);
    res.setHeader("Content-Disposition", `attachment; filename="annual-report-${year.label.replace("/", "-")}.docx"`);
    res.send(Buffer.from(await annualReportDocx(report)));
  });
}
