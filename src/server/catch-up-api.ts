import type { Express } from "express";
import { awaitingCatchUp, confirmationsOf } from "../core/catch-up.js";
import { NotFoundError } from "../core/errors.js";
import type { BoardRecords } from "../core/records.js";
import { mayManagePlan, rolesOf } from "../core/roles.js";
import { logEvent } from "../log.js";
import type { AppDeps } from "./app.js";
import { AuthError, personOf, type Viewer } from "./identity.js";

/**
 * A plan's catch-up (docs/reminders.md, "A first run"): what Assure holds back for its managers
 * to see, and their confirmation that it may go. Only the plan's managers and administrators.
 */
export function mountCatchUpApi(app: Express, deps: AppDeps): void {
  const managing = (res: import("express").Response, planId: string) => {
    const r = res.locals.records as BoardRecords;
    const viewer = res.locals.viewer as Viewer;
    const person = personOf(viewer, "see or confirm a catch-up");
    const plan = r.plans.find((p) => p.id === planId);
    if (!plan) throw new NotFoundError(`plan "${planId}"`);
    if (!mayManagePlan(rolesOf(person.id, r, viewer.admin), plan.id)) throw new AuthError(403, `${person.displayName} may not confirm a catch-up for "${plan.title}": only its board managers and Assure administrators may`);
    return { r, plan, person };
  };
  const waitingIn = async (r: BoardRecords, planId: string) => awaitingCatchUp({ ...r, ledger: await deps.store.readLedger(), now: deps.now(), planId });
  const describe = (r: BoardRecords, waiting: Awaited<ReturnType<typeof waitingIn>>) =>
    waiting.map((w) => ({ ...w, recipients: w.recipients.map((id) => ({ personId: id, displayName: r.people.find((p) => p.id === id)?.displayName ?? id })) }));

  app.get("/api/plans/:planId/catch-up", async (req, res) => {
    const { r, plan } = managing(res, req.params.planId);
    res.json({ planId: plan.id, actions: describe(r, await waitingIn(r, plan.id)) });
  });

  // Confirms what is waiting now (and only that): reminders for these actions go from the next sweep.
  app.post("/api/plans/:planId/catch-up", async (req, res) => {
    const { r, plan, person } = managing(res, req.params.planId);
    const waiting = await waitingIn(r, plan.id);
    for (const entry of confirmationsOf(waiting, { personId: person.id }, deps.now())) await deps.store.claim(entry);
    logEvent("info", "catch-up-confirmed", { planId: plan.id, actions: waiting.length });
    res.json({ planId: plan.id, confirmed: describe(r, waiting) });
  });
}
