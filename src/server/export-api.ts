import type { Express } from "express";
import { z } from "zod";
import { NotFoundError, parseInput } from "../core/errors.js";
import { IsoDateSchema } from "../core/iso-date.js";
import { londonDate } from "../core/london.js";
import { nestPlans } from "../core/plan-export.js";
import type { BoardRecords } from "../core/records.js";
import { PAPER_TYPES, planPaperFile } from "../paper/render.js";
import type { AppDeps } from "./app.js";

const ExportQuerySchema = z.object({ format: z.enum(["docx", "xlsx", "csv"]), asOf: IsoDateSchema.optional(), since: IsoDateSchema.optional() });

/** A plan as a Word board paper, a workbook or CSV, as at a day: for anyone who may read the plan. */
export function mountExportApi(app: Express, deps: AppDeps): void {
  app.get("/api/plans/:planId/export", async (req, res) => {
    const query = parseInput(ExportQuerySchema, req.query);
    const plan = nestPlans(res.locals.records as BoardRecords).find((p) => p.id === req.params.planId);
    if (!plan) throw new NotFoundError(`plan "${req.params.planId}"`);
    const { paper, file } = await planPaperFile(plan, res.locals.records as BoardRecords, () => deps.store.readLedger(), { format: query.format, asOf: query.asOf ?? londonDate(deps.now()), since: query.since ?? null });
    const name = `${plan.id}-as-at-${paper.asOf}.${query.format}`;
    res.setHeader("Content-Type", PAPER_TYPES[query.format]);
    res.setHeader("Content-Disposition", `attachment; filename="${name}"`);
    res.send(file);
  });
}
