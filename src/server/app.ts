import express, { type NextFunction, type Request, type Response } from "express";
import { AssureError, NotFoundError } from "../core/errors.js";
import { exportRecords, nestPlans } from "../core/plan-export.js";
import type { BoardRecords } from "../core/records.js";

export interface AppDeps {
  /** Reads the board's records; the store behind it is wired up at start-up. */
  readRecords: () => Promise<BoardRecords>;
  version: string;
}

/** The HTTP surface: health, and the plans as JSON. The bot and tab mount here later. */
export function createApp({ readRecords, version }: AppDeps): express.Express {
  const app = express();
  app.disable("x-powered-by");

  app.get("/health", (_req, res) => {
    res.json({ status: "ok", version });
  });

  app.get("/api/plans", async (_req, res) => {
    const records = await readRecords();
    res.json({
      plans: records.plans.map((p) => ({
        id: p.id,
        title: p.title,
        kind: p.kind,
        boards: p.boards,
        status: p.status,
        actions: records.actions.filter((a) => a.planId === p.id).length,
        href: `/api/plans/${encodeURIComponent(p.id)}`,
      })),
    });
  });

  app.get("/api/plans/:planId", async (req, res) => {
    const plan = nestPlans(await readRecords()).find((p) => p.id === req.params.planId);
    if (!plan) throw new NotFoundError(`plan "${req.params.planId}"`);
    res.json(plan);
  });

  app.get("/api/export", async (_req, res) => {
    res.json(exportRecords(await readRecords()));
  });

  app.use((req, _res, next) => next(new NotFoundError(`${req.method} ${req.path}`)));

  app.use((err: unknown, _req: Request, res: Response, _next: NextFunction) => {
    if (err instanceof AssureError) {
      res.status(err.code === "not-found" ? 404 : 400).json({ error: { code: err.code, message: err.message } });
      return;
    }
    console.error("unexpected error serving a request", err);
    res.status(500).json({ error: { code: "internal", message: "Assure hit an unexpected error; see the server log" } });
  });
  return app;
}
