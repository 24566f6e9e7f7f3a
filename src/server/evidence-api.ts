import { randomUUID } from "node:crypto";
import type { Express } from "express";
import { z } from "zod";
import { AssureError, ConflictError, NotFoundError, parseInput } from "../core/errors.js";
import { leadOfAction } from "../core/lead.js";
import type { BoardRecords } from "../core/records.js";
import type { AppDeps } from "./app.js";
import { attachEvidence, evidenceBody } from "./evidence-upload.js";
import { AuthError, personOf, type Viewer } from "./identity.js";

const EvidenceQuerySchema = z.object({ name: z.string().min(1).max(400), note: z.string().max(2000).optional() }).strict();

/**
 * `POST /api/actions/{id}/evidence-files?name=…&note=…` with the file's bytes as the body: the
 * tab's upload. Who is asking is known (or refused) before the body is read; only the people who
 * answer for the action's lead may attach, as only they may report progress on it.
 */
export function mountEvidenceApi(app: Express, deps: AppDeps): void {
  app.post("/api/actions/:actionId/evidence-files", evidenceBody(() => true), async (req, res) => {
    const r = res.locals.records as BoardRecords;
    const person = personOf(res.locals.viewer as Viewer, "attach evidence files");
    const action = r.actions.find((a) => a.id === req.params.actionId);
    if (!action) throw new NotFoundError(`action "${req.params.actionId}"`);
    const plan = r.plans.find((p) => p.id === action.planId);
    if (!plan) throw new NotFoundError(`plan "${action.planId}"`);
    const query = parseInput(EvidenceQuerySchema, req.query, "query");
    if (!deps.evidence) throw new AssureError("not-configured", "this server has no evidence library (run assure provision to create Assure Evidence)");
    const bytes = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    const outcome = await attachEvidence(
      { store: deps.store, library: deps.evidence },
      { action, plan, lead: leadOfAction(action, r.plans, r.leads), person, name: query.name, note: query.note, bytes, via: "tab", now: deps.now(), updateId: `pu-${randomUUID()}` },
    );
    if (outcome.kind === "not-lead") throw new AuthError(403, `${person.displayName} does not lead action ${action.ref} ("${action.lead.asWritten}"), so may not attach evidence to it`);
    if (outcome.kind === "not-open") throw new ConflictError(`action ${action.ref} is ${outcome.state}; it takes no more evidence`);
    res.status(201).json({ update: outcome.update, action: outcome.action, file: outcome.file });
  });
}
