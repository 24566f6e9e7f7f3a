import type { Express } from "express";
import { z } from "zod";
import { dashboard } from "../core/dashboard.js";
import { NotFoundError, parseInput } from "../core/errors.js";
import { IsoDateSchema } from "../core/iso-date.js";
import { londonDate } from "../core/london.js";
import { nestPlans } from "../core/plan-export.js";
import type { BoardRecords } from "../core/records.js";
import type { AppDeps } from "./app.js";
import { namedAsAt } from "./named-as-at.js";
import { ALL_BOARDS, boardNamed, plansOfBoard } from "../core/board-scope.js";
import { impactCounts } from "../core/impact-reminder.js";

const DashboardQuerySchema = z.object({ planId: z.string().min(1).max(200).optional(), board: z.string().trim().min(1).max(200).optional(), asOf: IsoDateSchema.optional() }).strict();

/** The dashboard's numbers for one plan, one board's plans (?board=, as the plans write it; "all" for every board), or every plan, as at a day: for anyone who may read the plans. */
export function mountDashboardApi(app: Express, deps: AppDeps): void {
  app.get("/api/dashboard", async (req, res) => {
    const query = parseInput(DashboardQuerySchema, req.query);
    const today = londonDate(deps.now());
    const asOf = query.asOf ?? today;
    // A past day reads the names of then: a plan or subgroup renamed since still shows as it was called.
    const r = await namedAsAt(deps, res.locals.records as BoardRecords, asOf);
    const all = nestPlans(r).filter((p) => !query.planId || p.id === query.planId);
    const plans = query.board ? plansOfBoard(all, query.board) : all;
    if (query.planId && plans.length === 0) throw new NotFoundError(`plan "${query.planId}"`);
    // Impact beside completion, for one board's dashboard (the register is per board).
    const board = query.board && query.board.toLowerCase() !== ALL_BOARDS ? boardNamed(all, query.board) : null;
    const register = board && deps.register ? (await deps.register.readRegister()).register : null;
    const impact = board && register && register.reviews.some((x) => x.board === board) ? impactCounts({ register, records: r, board, today: asOf }) : null;
    res.json({ ...dashboard(plans, r, await deps.store.readLedger(), asOf), impact });
  });
}
