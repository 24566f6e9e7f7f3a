import type { Express } from "express";
import { z } from "zod";
import { plansOfBoard } from "../core/board-scope.js";
import { parseInput } from "../core/errors.js";
import { IsoDateSchema } from "../core/iso-date.js";
import { londonDate } from "../core/london.js";
import { nestPlans } from "../core/plan-export.js";
import type { BoardRecords } from "../core/records.js";
import { whoIsLate } from "../core/who-is-late.js";
import type { AppDeps } from "./app.js";
import { namedAsAt } from "./named-as-at.js";

const WhoIsLateQuerySchema = z.object({ board: z.string().trim().min(1).max(200).optional(), asOf: IsoDateSchema.optional() }).strict();

/** Who is late, by lead, for one board's plans (?board=, as the plans write it; "all" for every board) or every plan, as at a day: for anyone who may read the plans. */
export function mountWhoIsLateApi(app: Express, deps: AppDeps): void {
  app.get("/api/who-is-late", async (req, res) => {
    const query = parseInput(WhoIsLateQuerySchema, req.query);
    const today = londonDate(deps.now());
    const asOf = query.asOf ?? today;
    // A past day reads the names of then: a plan or subgroup renamed since still shows as it was called.
    const r = await namedAsAt(deps, res.locals.records as BoardRecords, asOf);
    const all = nestPlans(r);
    const plans = query.board ? plansOfBoard(all, query.board) : all;
    res.json({ asOf, leads: whoIsLate(plans, r, await deps.store.readLedger(), asOf) });
  });
}
