import type { Express } from "express";
import { z } from "zod";
import { dashboard } from "../core/dashboard.js";
import { NotFoundError, parseInput } from "../core/errors.js";
import { IsoDateSchema } from "../core/iso-date.js";
import { londonDate } from "../core/london.js";
import { nestPlans } from "../core/plan-export.js";
import type { BoardRecords } from "../core/records.js";
import type { AppDeps } from "./app.js";

const DashboardQuerySchema = z.object({ planId: z.string().min(1).max(200).optional(), asOf: IsoDateSchema.optional() }).strict();

/** The dashboard's numbers for one plan, or every plan together, as at a day: for anyone who may read the plans. */
export function mountDashboardApi(app: Express, deps: AppDeps): void {
  app.get("/api/dashboard", async (req, res) => {
    const query = parseInput(DashboardQuerySchema, req.query);
    const r = res.locals.records as BoardRecords;
    const plans = nestPlans(r).filter((p) => !query.planId || p.id === query.planId);
    if (query.planId && plans.length === 0) throw new NotFoundError(`plan "${query.planId}"`);
    res.json(dashboard(plans, r, await deps.store.readLedger(), query.asOf ?? londonDate(deps.now())));
  });
}
