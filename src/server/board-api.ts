import { randomUUID } from "node:crypto";
import type express from "express";
import type { Express } from "express";
import { z } from "zod";
import { ActionEditSchema, actingRole, actionEditEvent, applyEvent, type Actor } from "../core/action-edit.js";
import type { Action } from "../core/action.js";
import type { ActionEvent } from "../core/action-event.js";
import { deadlineDecision } from "../core/deadline-request.js";
import { fieldChanges, type Change, type SubjectKind } from "../core/change-log.js";
import { applyLeadEdit, applyPersonEdit, applySubgroupEdit, LeadEditSchema, newLead, NewLeadSchema, newPerson, NewPersonSchema, personFromDirectory, newSubgroup, NewSubgroupSchema, PersonEditSchema, SubgroupEditSchema } from "../core/directory-edit.js";
import { AssureError, InputError, NotFoundError, parseInput } from "../core/errors.js";
import { resolveLead } from "../core/lead.js";
import { londonDate } from "../core/london.js";
import { applyPlanEdit, applySectionEdit, newAction, NewActionSchema, newPlan, NewPlanSchema, newSection, NewSectionSchema, PlanEditSchema, SectionEditSchema } from "../core/plan-edit.js";
import type { BoardRecords } from "../core/records.js";
import { mayEditAction, mayEditLead, mayEditPerson, mayEditSubgroup, mayManageBoard, mayManagePlan, rolesOf, type Permission } from "../core/roles.js";
import type { ChangesAbout, EditableKind } from "../core/store.js";
import { IdSchema, slugOf, textOf } from "../core/ids.js";
import { AuthError, personOf, type Viewer } from "./identity.js";
import { ConflictError } from "../core/errors.js";
import type { AppDeps } from "./app.js";
import { logEvent } from "../log.js";
import { versionOf } from "./version.js";

type CreatableKind = EditableKind | "actions";
type Author = Change["by"];
const DeadlineDecisionSchema = z.object({ approve: z.boolean(), reason: textOf(1000) }).strict();
const PeopleSearchSchema = textOf(100).pipe(z.string().min(2, "type at least two letters of a name or email"));
type Row<K extends CreatableKind> = BoardRecords[K][number];
const KIND: Record<CreatableKind, SubjectKind> = { plans: "plan", sections: "section", deliverables: "deliverable", actions: "action", people: "person", leads: "lead", subgroups: "subgroup" };

/** Lower-case words of a title, for a readable id. */
const slug = (text: string) => slugOf(text, 40) || "new";
const newId = (prefix: string) => `${prefix}${randomUUID().slice(0, 8)}`;

/**
 * Board managers' routes: create and edit plans, sections and actions, the leads directory,
 * its people and the subgroups; and the change log that says who changed what. Every edit
 * names the version it was made against (If-Match); a stale one is refused with the current
 * record, never applied over someone else's change.
 */
export function mountBoardApi(app: Express, deps: AppDeps): void {
  const { store, now } = deps;
  /** Who is writing: a directory person or an administrator (who may be neither in the directory nor a manager). */
  const context = (res: express.Response) => {
    const r = res.locals.records as BoardRecords;
    const viewer = res.locals.viewer as Viewer;
    if (!viewer.admin) personOf(viewer, "change plans or the directory");
    const person = { id: viewer.person?.id ?? null, displayName: viewer.name };
    const author: Author = { personId: person.id, entraObjectId: viewer.entraObjectId, name: viewer.name };
    return { r, person, author, roles: rolesOf(person.id, r, viewer.admin), today: londonDate(now()) };
  };
  /** Refuses with a 403 that says who could do it instead. */
  const permitted = (r: BoardRecords, permission: Permission, who: string, doing: string) => {
    if (permission.ok) return;
    const title = (planId: string) => `"${r.plans.find((p) => p.id === planId)?.title ?? planId}"`;
    const others = permission.askManagersOf.length ? `the board managers of ${permission.askManagersOf.map(title).join(", ")} or an Assure administrator` : "an Assure administrator";
    throw new AuthError(403, `${who} may not ${doing}: ask ${others}`);
  };
  const managing = (res: express.Response, planId: string) => {
    const c = context(res);
    const plan = c.r.plans.find((p) => p.id === planId);
    if (!plan) throw new NotFoundError(`plan "${planId}"`);
    if (!mayManagePlan(c.roles, plan.id)) throw new AuthError(403, `${c.person.displayName} may not change plan "${plan.title}": only its board managers and Assure administrators may`);
    return { ...c, plan };
  };
  const managingBoard = (res: express.Response, doing: string) => {
    const c = context(res);
    if (!mayManageBoard(c.roles)) throw new AuthError(403, `${c.person.displayName} may not ${doing}: only board managers and Assure administrators may`);
    return c;
  };

  /** Logs the change; the record is already saved, so a failure here is reported, never hidden. */
  const log = async (by: Author, what: Change["what"], subject: Change["subject"], planId: string | null, before: object | null, after: object) => {
    const change: Change = { id: newId("change-"), at: now().toISOString(), by, subject, planId, what, fields: fieldChanges(before, after) };
    try {
      await store.recordChange(change);
    } catch (error: unknown) {
      // Ids only, never names or text: the server log is not the place for personal data.
      const entry = { id: change.id, at: change.at, by: { personId: by.personId, entraObjectId: by.entraObjectId }, subject: { kind: subject.kind, id: subject.id }, planId, what, fields: change.fields.map((f) => f.field) };
      logEvent("error", "change-not-logged", { entry, error: error instanceof Error ? error.message : String(error) });
      throw new AssureError("not-logged", `your change to ${subject.label} was saved, but could not be added to the change log; the server's log holds the entry for an administrator to add`, { cause: error });
    }
  };

  const create = async <K extends CreatableKind>(res: express.Response, kind: K, record: Row<K>, by: Author, label: string, planId: string | null) => {
    await store.importRecords({ [kind]: [record] });
    await log(by, "created", { kind: KIND[kind], id: record.id, label }, planId, null, record);
    res.status(201).json({ ...record, version: versionOf(record) });
  };

  /** Applies an edit to the record as stored, if it is still the version the person saw, and logs it. */
  const editRecord = async <T extends { id: string }>(
    req: express.Request,
    res: express.Response,
    about: { kind: SubjectKind; id: string; planId: string | null; label: (record: T) => string; by: Author },
    update: (change: (current: T) => T) => Promise<T>,
    apply: (current: T) => T,
  ) => {
    const expected = ifMatchOf(req);
    let before: T | null = null;
    const updated = await update((current) => {
      if (versionOf(current) !== expected) {
        throw new ConflictError(`${about.label(current)} was changed by someone else since you opened it; your edit was not saved`, { ...current, version: versionOf(current) });
      }
      before = current;
      return apply(current);
    });
    if (before && fieldChanges(before, updated).length > 0) await log(about.by, "edited", { kind: about.kind, id: about.id, label: about.label(updated) }, about.planId, before, updated);
    res.json({ ...updated, version: versionOf(updated) });
  };
  const edit = <K extends EditableKind>(req: express.Request, res: express.Response, kind: K, id: string, by: Author, apply: (current: Row<K>) => Row<K>, label: (r: Row<K>) => string, planId: string | null) =>
    editRecord<Row<K>>(req, res, { kind: KIND[kind], id, planId, label, by }, (change) => store.updateRecord(kind, id, change), apply);

  app.post("/api/plans", async (req, res) => {
    const { r, person, author, today } = managingBoard(res, "create plans");
    const input = parseInput(NewPlanSchema, req.body);
    const plan = newPlan(input, { id: newId(`${slug(input.title)}-`), by: person, today, people: r.people });
    await create(res, "plans", plan, author, `plan "${plan.title}"`, plan.id);
  });

  app.patch("/api/plans/:planId", async (req, res) => {
    const { r, author, plan } = managing(res, req.params.planId);
    const change = parseInput(PlanEditSchema, req.body);
    await edit(req, res, "plans", plan.id, author, (current) => applyPlanEdit(current, change, { people: r.people }), (p) => `plan "${p.title}"`, plan.id);
  });

  app.post("/api/plans/:planId/sections", async (req, res) => {
    const { r, author, plan } = managing(res, req.params.planId);
    const section = newSection(plan, parseInput(NewSectionSchema, req.body), { id: newId(`${plan.id}/s-`), sections: r.sections });
    await create(res, "sections", section, author, `${section.kind} ${section.number}`, plan.id);
  });

  app.patch("/api/sections/:sectionId", async (req, res) => {
    const section = (res.locals.records as BoardRecords).sections.find((s) => s.id === req.params.sectionId);
    if (!section) throw new NotFoundError(`section "${req.params.sectionId}"`);
    const { r, author } = managing(res, section.planId);
    const change = parseInput(SectionEditSchema, req.body);
    await edit(req, res, "sections", section.id, author, (current) => applySectionEdit(current, change, { sections: r.sections }), (s) => `${s.kind} ${s.number}`, section.planId);
  });

  app.post("/api/plans/:planId/actions", async (req, res) => {
    const { r, author, plan } = managing(res, req.params.planId);
    const action = newAction(plan, parseInput(NewActionSchema, req.body), { id: newId(`${plan.id}/a-`), sections: r.sections, actions: r.actions, leads: r.leads });
    await create(res, "actions", action, author, `action ${action.ref}`, plan.id);
  });

  /** The action, and who is acting on it in which role: its plan's managers and its subgroups' chairs may. */
  const actingOn = (res: express.Response, actionId: string, doing: string) => {
    const c = context(res);
    const action = c.r.actions.find((a) => a.id === actionId);
    if (!action) throw new NotFoundError(`action "${actionId}"`);
    const subgroupIds = resolveLead(action.lead.asWritten, c.r.leads)?.subgroups ?? [];
    const on = { planId: action.planId, subgroupIds };
    if (!mayEditAction(c.roles, on)) {
      throw new AuthError(403, `${c.person.displayName} may not ${doing} action ${action.ref}: only the plan's board managers and the chairs of its subgroups may`);
    }
    const by: Actor = { personId: c.person.id, name: c.person.displayName, role: actingRole(c.roles, on) };
    return { ...c, action, by };
  };

  /**
   * Applies an event to the action as stored, if it is still the version the person saw: the
   * event is made from the stored action (its "from" values), so a refusal (stale, no reason,
   * not theirs to decide) writes nothing. Then the event is appended beside the updates and the
   * change log told. The action first: a stale edit must leave no event behind.
   */
  const recordEvent = async (req: express.Request, res: express.Response, actionId: string, author: Author, make: (current: Action) => ActionEvent | null) => {
    const expected = ifMatchOf(req);
    let made: { event: ActionEvent; before: Action } | null = null;
    const updated = await store.updateAction(actionId, (current) => {
      if (versionOf(current) !== expected) {
        throw new ConflictError(`action ${current.ref} was changed by someone else since you opened it; your change was not saved`, { ...current, version: versionOf(current) });
      }
      const event = make(current);
      made = event ? { event, before: current } : null;
      return event ? applyEvent(current, event) : current;
    });
    if (made) {
      const { event, before } = made as { event: ActionEvent; before: Action };
      try {
        await store.appendActionEvents([event]);
      } catch (error: unknown) {
        logEvent("error", "event-not-recorded", { id: event.id, actionId: event.actionId, at: event.at, kind: event.kind, error: error instanceof Error ? error.message : String(error) });
        throw new AssureError("not-logged", `your change to action ${updated.ref} was saved, but could not be added to its history; the server's log holds the entry for an administrator`, { cause: error });
      }
      const tracked = (a: Action) => ({ text: a.text, lead: a.lead, timescale: a.timescale, revisedDeadline: a.revisedDeadline, rating: a.rating, status: a.status });
      await log(author, "edited", { kind: "action", id: updated.id, label: `action ${updated.ref}` }, updated.planId, tracked(before), tracked(updated));
    }
    res.json({ ...updated, version: versionOf(updated), event: made ? (made as { event: ActionEvent }).event : null });
  };

  app.patch("/api/actions/:actionId", async (req, res) => {
    const { r, author, today, action, by } = actingOn(res, req.params.actionId, "edit");
    ifMatchOf(req);
    const change = parseInput(ActionEditSchema, req.body);
    const completion = r.progressUpdates.filter((u) => u.actionId === action.id && u.markedComplete).sort((a, b) => Date.parse(a.at) - Date.parse(b.at)).at(-1);
    await recordEvent(req, res, action.id, author, (current) =>
      actionEditEvent(current, change, { leads: r.leads, by, at: now(), today, id: newId("ev-"), completedBy: completion?.author.personId ?? null }),
    );
  });

  // A lead's request for a new deadline, approved or declined by the plan's managers or the subgroup's chair, with a reason.
  app.post("/api/actions/:actionId/deadline-requests/:requestId", async (req, res) => {
    const { r, author, action, by } = actingOn(res, req.params.actionId, "decide deadline requests for");
    ifMatchOf(req);
    const decision = parseInput(DeadlineDecisionSchema, req.body);
    const history = { updates: r.progressUpdates.filter((u) => u.actionId === action.id), events: r.actionEvents.filter((e) => e.actionId === action.id) };
    await recordEvent(req, res, action.id, author, (current) =>
      deadlineDecision({ action: current, ...history, requestId: req.params.requestId, approve: decision.approve, reason: decision.reason, by, at: now(), id: newId("ev-") }),
    );
  });

  // People are picked from the tenant's directory: the name, and the Entra object id that says
  // who signs in as them, come from Entra ID, never from what was typed.
  app.get("/api/people/search", async (req, res) => {
    managingBoard(res, "search the tenant's directory");
    const q = parseInput(PeopleSearchSchema, req.query.q, "q");
    if (!deps.directory) throw new AssureError("not-configured", "this server has no tenant directory to search");
    const known = new Set((res.locals.records as BoardRecords).people.map((p) => p.entraObjectId.toLowerCase()));
    const users = await deps.directory.search(q);
    res.json({ people: users.map((u) => ({ entraObjectId: u.id, displayName: u.displayName, jobTitle: u.jobTitle ?? null, email: u.mail ?? null, guest: u.userType === "Guest", inAssure: known.has(u.id.toLowerCase()) })) });
  });

  // Withdraw the email reply links for an action (a lead left, an email went astray): the plan's managers.
  app.post("/api/actions/:actionId/reply-links/revoke", async (req, res) => {
    const action = (res.locals.records as BoardRecords).actions.find((a) => a.id === req.params.actionId);
    if (!action) throw new NotFoundError(`action "${req.params.actionId}"`);
    managing(res, action.planId);
    res.json({ revoked: await store.revokeReplyLinks({ actionId: action.id }, now()) });
  });

  app.post("/api/people", async (req, res) => {
    const { r, author } = managingBoard(res, "add people to the directory");
    const input = parseInput(NewPersonSchema, req.body);
    if (!deps.directory) throw new AssureError("not-configured", "this server has no tenant directory to pick people from");
    const user = await deps.directory.user(input.entraObjectId);
    if (!user) throw new InputError("entraObjectId", "nobody in this tenant's directory has that id; pick the person from the directory");
    const added = newPerson(personFromDirectory(user, input), { id: newId(`${slug(user.displayName ?? "person")}-`), people: r.people });
    await create(res, "people", added, author, added.displayName, null);
  });

  app.patch("/api/people/:id", async (req, res) => {
    const { r, author, roles, person } = managingBoard(res, "edit the directory");
    const change = parseInput(PersonEditSchema, req.body);
    const subject = r.people.find((p) => p.id === existing(r.people, req.params.id, "person"))!;
    permitted(r, mayEditPerson(roles, subject, change, r.leads, r.actions), person.displayName, change.entraObjectId !== undefined ? `change who signs in as ${subject.displayName} (their Entra object id)` : `edit ${subject.displayName}'s details`);
    await edit(req, res, "people", subject.id, author, (current) => applyPersonEdit(current, change, { people: r.people }), (p) => p.displayName, null);
  });

  app.post("/api/leads", async (req, res) => {
    const { r, author } = managingBoard(res, "edit the leads directory");
    const lead = newLead(parseInput(NewLeadSchema, req.body), { ...r, id: newId("lead-") });
    await create(res, "leads", lead, author, `lead "${lead.asWritten}"`, null);
  });

  app.patch("/api/leads/:id", async (req, res) => {
    const { r, author, roles, person } = managingBoard(res, "edit the leads directory");
    const change = parseInput(LeadEditSchema, req.body);
    const lead = r.leads.find((l) => l.id === existing(r.leads, req.params.id, "lead"))!;
    permitted(r, mayEditLead(roles, lead, r.actions), person.displayName, `change lead "${lead.asWritten}", which other boards' plans use`);
    await edit(req, res, "leads", lead.id, author, (current) => applyLeadEdit(current, change, r), (l) => `lead "${l.asWritten}"`, null);
  });

  app.post("/api/subgroups", async (req, res) => {
    const { r, author } = managingBoard(res, "edit subgroups");
    const subgroup = newSubgroup(parseInput(NewSubgroupSchema, req.body), { id: newId("subgroup-"), people: r.people, subgroups: r.subgroups });
    await create(res, "subgroups", subgroup, author, subgroup.name, null);
  });

  app.patch("/api/subgroups/:id", async (req, res) => {
    const { r, author, roles, person } = managingBoard(res, "edit subgroups");
    const change = parseInput(SubgroupEditSchema, req.body);
    const id = existing(r.subgroups, req.params.id, "subgroup");
    permitted(r, mayEditSubgroup(roles, id, r.leads, r.actions), person.displayName, "change a subgroup that other boards' plans use");
    await edit(req, res, "subgroups", id, author, (current) => applySubgroupEdit(current, change, { people: r.people, subgroups: r.subgroups }), (g) => g.name, null);
  });

  // The directory with each entry's version, for editing it; everyone in the tenant may read it.
  app.get("/api/directory", (_req, res) => {
    const r = res.locals.records as BoardRecords;
    const versioned = <T extends object>(rows: T[]) => rows.map((row) => ({ ...row, version: versionOf(row) }));
    res.json({ people: versioned(r.people), leads: versioned(r.leads), subgroups: versioned(r.subgroups) });
  });

  // Who changed what, newest first: about a plan (?planId=), one record (?subjectId=) or the directory (?directory).
  app.get("/api/changes", async (req, res) => {
    const { planId, subjectId, directory } = req.query;
    const about: ChangesAbout | null =
      typeof planId === "string" ? { planId: parseInput(IdSchema, planId, "planId") }
      : typeof subjectId === "string" ? { subjectId: parseInput(IdSchema, subjectId, "subjectId") }
      : directory !== undefined ? { directory: true }
      : null;
    if (!about) throw new InputError("planId", "ask for the changes to a plan (?planId=), one record (?subjectId=) or the directory (?directory)");
    res.json({ changes: (await store.readChanges(about)).reverse() });
  });
}

/** The If-Match header: the version the person is editing. */
export function ifMatchOf(req: express.Request): string {
  const ifMatch = req.header("if-match");
  if (!ifMatch) throw new InputError("If-Match", "send the version of the record you are editing, so nobody else's change is overwritten");
  return ifMatch.replace(/^W\//, "").replace(/"/g, "");
}

function existing(rows: readonly { id: string }[], id: string, what: string): string {
  if (!rows.some((r) => r.id === id)) throw new NotFoundError(`${what} "${id}"`);
  return id;
}
