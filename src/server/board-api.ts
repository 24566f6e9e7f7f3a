import { randomUUID } from "node:crypto";
import type express from "express";
import type { Express } from "express";
import { z } from "zod";
import { ActionEditSchema, actingRole, actionEditEvent, type Actor } from "../core/action-edit.js";
import type { Action } from "../core/action.js";
import type { ActionEvent } from "../core/action-event.js";
import { deadlineDecision } from "../core/deadline-request.js";
import { decisionQueue } from "../core/decision-queue.js";
import { fieldChanges, type Change, type SubjectKind } from "../core/change-log.js";
import { applyLeadEdit, applyPersonEdit, applySubgroupEdit, LeadEditSchema, newLead, NewLeadSchema, newPerson, NewPersonSchema, personFromDirectory, newSubgroup, NewSubgroupSchema, PersonEditSchema, SubgroupEditSchema } from "../core/directory-edit.js";
import { AssureError, InputError, NotFoundError, parseInput } from "../core/errors.js";
import { leadOfAction, sharesBoard, type Lead } from "../core/lead.js";
import { londonDate } from "../core/london.js";
import { applyPlanEdit, applySectionEdit, newAction, NewActionSchema, newPlan, NewPlanSchema, newSection, NewSectionSchema, PlanEditSchema, SectionEditSchema } from "../core/plan-edit.js";
import type { BoardRecords } from "../core/records.js";
import { mayAttach, mayCreateFor, mayEditAction, mayEditLead, mayEditPerson, mayEditPlan, mayEditSubgroup, mayManageBoard, mayManagePlan, rolesOf, type Permission, type Roles } from "../core/roles.js";
import type { ChangesAbout, EditableKind } from "../core/store.js";
import { IdSchema, slugOf, textOf } from "../core/ids.js";
import { AuthError, personOf, type Viewer } from "./identity.js";
import { ConflictError } from "../core/errors.js";
import type { AppDeps } from "./app.js";
import { logEvent } from "../log.js";
import { versionOf } from "../core/version.js";
import { recordActionEvent } from "../store/record-event.js";

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
  const permitted = (permission: Permission, who: string, doing: string) => {
    if (permission.ok) return;
    const others = permission.askManagersOf.length ? `the managers of ${permission.askManagersOf.join(", ")} or an Assure administrator` : "an Assure administrator";
    throw new AuthError(403, `${who} may not ${doing}: ask ${others}`);
  };
  /** People put on a record of these boards (members, chair, managers) must be those boards' own. */
  const attachable = (r: BoardRecords, roles: Roles, who: string, ids: readonly string[], boards: readonly string[]) => {
    for (const id of ids) {
      const person = r.people.find((p) => p.id === id);
      if (person && !mayAttach(roles, person, boards)) throw new AuthError(403, `${who} may not put ${person.displayName} on a record of ${boards.join(", ")}: they are in another board's directory; an Assure administrator can add them to this board`);
    }
  };
  /** The boards a new directory record joins: those named, else those of the manager adding it. */
  const boardsFor = (roles: Roles, named: string[] | undefined): string[] => {
    const boards = named ?? roles.boardsManaged;
    if (boards.length === 0) throw new InputError("boards", "name the board it belongs to");
    return boards;
  };
  /** A plan's leads: only its own boards' directory, so no manager attaches another board's lead. */
  const leadsOf = (r: BoardRecords, plan: { boards: readonly string[] }): Lead[] => r.leads.filter((l) => sharesBoard(l.boards, plan.boards));
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
  const log = async (by: Author, what: Change["what"], subject: Change["subject"], planId: string | null, boards: readonly string[], before: object | null, after: object) => {
    const change: Change = { id: newId("change-"), at: now().toISOString(), by, subject, planId, boards: [...boards], what, fields: fieldChanges(before, after) };
    try {
      await store.recordChange(change);
    } catch (error: unknown) {
      // Ids only, never names or text: the server log is not the place for personal data.
      const entry = { id: change.id, at: change.at, by: { personId: by.personId, entraObjectId: by.entraObjectId }, subject: { kind: subject.kind, id: subject.id }, planId, what, fields: change.fields.map((f) => f.field) };
      logEvent("error", "change-not-logged", { entry, error: error instanceof Error ? error.message : String(error) });
      throw new AssureError("not-logged", `your change to ${subject.label} was saved, but could not be added to the change log; the server's log holds the entry for an administrator to add`, { cause: error });
    }
  };

  const create = async <K extends CreatableKind>(res: express.Response, kind: K, record: Row<K>, by: Author, label: string, planId: string | null, boards: readonly string[]) => {
    await store.importRecords({ [kind]: [record] });
    await log(by, "created", { kind: KIND[kind], id: record.id, label }, planId, boards, null, record);
    res.status(201).json({ ...record, version: versionOf(record) });
  };

  /** Applies an edit to the record as stored, if it is still the version the person saw, and logs it. */
  const editRecord = async <T extends { id: string }>(
    req: express.Request,
    res: express.Response,
    about: { kind: SubjectKind; id: string; planId: string | null; boards: readonly string[]; label: (record: T) => string; by: Author },
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
    if (before && fieldChanges(before, updated).length > 0) await log(about.by, "edited", { kind: about.kind, id: about.id, label: about.label(updated) }, about.planId, (updated as { boards?: string[] }).boards ?? about.boards, before, updated);
    res.json({ ...updated, version: versionOf(updated) });
  };
  const edit = <K extends EditableKind>(req: express.Request, res: express.Response, kind: K, id: string, by: Author, apply: (current: Row<K>) => Row<K>, label: (r: Row<K>) => string, planId: string | null, boards: readonly string[]) =>
    editRecord<Row<K>>(req, res, { kind: KIND[kind], id, planId, boards, label, by }, (change) => store.updateRecord(kind, id, change), apply);

  app.post("/api/plans", async (req, res) => {
    const { r, person, author, roles, today } = managingBoard(res, "create plans");
    const input = parseInput(NewPlanSchema, req.body);
    permitted(mayCreateFor(roles, input.boards), person.displayName, `start a plan for ${input.boards.join(", ")}`);
    attachable(r, roles, person.displayName, input.managers, input.boards);
    const plan = newPlan(input, { id: newId(`${slug(input.title)}-`), by: person, today, people: r.people });
    await create(res, "plans", plan, author, `plan "${plan.title}"`, plan.id, plan.boards);
  });

  app.patch("/api/plans/:planId", async (req, res) => {
    const { r, author, plan, roles, person } = managing(res, req.params.planId);
    const change = parseInput(PlanEditSchema, req.body);
    permitted(mayEditPlan(roles, plan, change), person.displayName, `move plan "${plan.title}" to ${change.boards?.join(", ")}`);
    attachable(r, roles, person.displayName, (change.managers ?? []).filter((m) => !plan.managers.includes(m)), change.boards ?? plan.boards);
    await edit(req, res, "plans", plan.id, author, (current) => applyPlanEdit(current, change, { people: r.people }), (p) => `plan "${p.title}"`, plan.id, change.boards ?? plan.boards);
  });

  app.post("/api/plans/:planId/sections", async (req, res) => {
    const { r, author, plan } = managing(res, req.params.planId);
    const section = newSection(plan, parseInput(NewSectionSchema, req.body), { id: newId(`${plan.id}/s-`), sections: r.sections });
    await create(res, "sections", section, author, `${section.kind} ${section.number}`, plan.id, plan.boards);
  });

  app.patch("/api/sections/:sectionId", async (req, res) => {
    const section = (res.locals.records as BoardRecords).sections.find((s) => s.id === req.params.sectionId);
    if (!section) throw new NotFoundError(`section "${req.params.sectionId}"`);
    const { r, author, plan } = managing(res, section.planId);
    const change = parseInput(SectionEditSchema, req.body);
    await edit(req, res, "sections", section.id, author, (current) => applySectionEdit(current, change, { sections: r.sections }), (s) => `${s.kind} ${s.number}`, section.planId, plan.boards);
  });

  app.post("/api/plans/:planId/actions", async (req, res) => {
    const c = managing(res, req.params.planId);
    const { r, author, plan, person } = c;
    const action = newAction(plan, parseInput(NewActionSchema, req.body), { id: newId(`${plan.id}/a-`), sections: r.sections, actions: r.actions, leads: leadsOf(r, plan) });
    // Its creation is dated, so a paper about an earlier day does not show it (action-as-at.ts).
    const created: ActionEvent = { id: `${action.id}/created`, actionId: action.id, at: now().toISOString(), by: { personId: person.id, name: person.displayName, role: actingRole(c.roles, { planId: plan.id, subgroupIds: [] }) }, kind: "created", reason: null, decides: null, fields: [] };
    await store.importRecords({ actions: [action], actionEvents: [created] });
    await create(res, "actions", action, author, `action ${action.ref}`, plan.id, plan.boards);
  });

  /** The action, and who is acting on it in which role: its plan's managers and its subgroups' chairs may. */
  const actingOn = (res: express.Response, actionId: string, doing: string) => {
    const c = context(res);
    const action = c.r.actions.find((a) => a.id === actionId);
    if (!action) throw new NotFoundError(`action "${actionId}"`);
    const plan = c.r.plans.find((p) => p.id === action.planId)!;
    const subgroupIds = leadOfAction(action, c.r.plans, c.r.leads)?.subgroups ?? [];
    const on = { planId: action.planId, subgroupIds };
    if (!mayEditAction(c.roles, on)) {
      throw new AuthError(403, `${c.person.displayName} may not ${doing} action ${action.ref}: only the plan's board managers and the chairs of its subgroups may`);
    }
    const by: Actor = { personId: c.person.id, name: c.person.displayName, role: actingRole(c.roles, on) };
    return { ...c, action, plan, by };
  };

  /** Applies an event to the action as stored under the version the person saw (record-event.ts), and answers with the action and the event. */
  const recordEvent = async (req: express.Request, res: express.Response, actionId: string, author: Author, make: (current: Action) => ActionEvent | null) => {
    const expected = ifMatchOf(req);
    const boards = (res.locals.records as BoardRecords).plans.find((p) => p.id === (res.locals.records as BoardRecords).actions.find((a) => a.id === actionId)?.planId)?.boards ?? [];
    const { action, event } = await recordActionEvent({ store, actionId, expected, by: author, boards, now: now(), make });
    res.json({ ...action, version: versionOf(action), event });
  };

  app.patch("/api/actions/:actionId", async (req, res) => {
    const { r, author, today, action, plan, by } = actingOn(res, req.params.actionId, "edit");
    ifMatchOf(req);
    const change = parseInput(ActionEditSchema, req.body);
    const completion = r.progressUpdates.filter((u) => u.actionId === action.id && u.markedComplete).sort((a, b) => Date.parse(a.at) - Date.parse(b.at)).at(-1);
    await recordEvent(req, res, action.id, author, (current) =>
      actionEditEvent(current, change, { leads: leadsOf(r, plan), by, at: now(), today, id: newId("ev-"), completedBy: completion?.author.personId ?? null }),
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

  // What waits for this person's decision (deadline requests, completions to sign off), oldest first, each with its action's version.
  app.get("/api/decisions", (_req, res) => {
    const r = res.locals.records as BoardRecords;
    const viewer = res.locals.viewer as Viewer;
    const stored = new Map(r.actions.map((a) => [a.id, a]));
    const queue = decisionQueue(r, rolesOf(viewer.person?.id ?? null, r, viewer.admin));
    res.json({ decisions: queue.map((d) => ({ ...d, version: versionOf(stored.get(d.action.id)!) })) });
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
    const { r, author, roles, person } = managingBoard(res, "add people to the directory");
    const input = parseInput(NewPersonSchema, req.body);
    const boards = boardsFor(roles, input.boards);
    permitted(mayCreateFor(roles, boards), person.displayName, `add people to ${boards.join(", ")}`);
    if (!deps.directory) throw new AssureError("not-configured", "this server has no tenant directory to pick people from");
    const user = await deps.directory.user(input.entraObjectId);
    if (!user) throw new InputError("entraObjectId", "nobody in this tenant's directory has that id; pick the person from the directory");
    const added = newPerson(personFromDirectory(user, { ...input, boards }), { id: newId(`${slug(user.displayName ?? "person")}-`), people: r.people });
    await create(res, "people", added, author, added.displayName, null, added.boards);
  });

  app.patch("/api/people/:id", async (req, res) => {
    const { r, author, roles, person } = managingBoard(res, "edit the directory");
    const change = parseInput(PersonEditSchema, req.body);
    const subject = r.people.find((p) => p.id === existing(r.people, req.params.id, "person"))!;
    permitted(mayEditPerson(roles, subject, change, r), person.displayName, change.entraObjectId !== undefined ? `change who signs in as ${subject.displayName} (their Entra object id)` : `edit ${subject.displayName}'s details`);
    await edit(req, res, "people", subject.id, author, (current) => applyPersonEdit(current, change, { people: r.people }), (p) => p.displayName, null, subject.boards);
  });

  app.post("/api/leads", async (req, res) => {
    const { r, author, roles, person } = managingBoard(res, "edit the leads directory");
    const input = parseInput(NewLeadSchema, req.body);
    const boards = boardsFor(roles, input.boards);
    permitted(mayCreateFor(roles, boards), person.displayName, `add leads to ${boards.join(", ")}`);
    attachable(r, roles, person.displayName, input.members, boards);
    const lead = newLead({ ...input, boards }, { ...r, id: newId("lead-") });
    await create(res, "leads", lead, author, `lead "${lead.asWritten}"`, null, lead.boards);
  });

  app.patch("/api/leads/:id", async (req, res) => {
    const { r, author, roles, person } = managingBoard(res, "edit the leads directory");
    const change = parseInput(LeadEditSchema, req.body);
    const lead = r.leads.find((l) => l.id === existing(r.leads, req.params.id, "lead"))!;
    permitted(mayEditLead(roles, lead, r, change), person.displayName, `change lead "${lead.asWritten}"`);
    attachable(r, roles, person.displayName, (change.members ?? []).filter((m) => !lead.members.includes(m)), change.boards ?? lead.boards);
    await edit(req, res, "leads", lead.id, author, (current) => applyLeadEdit(current, change, r), (l) => `lead "${l.asWritten}"`, null, lead.boards);
  });

  app.post("/api/subgroups", async (req, res) => {
    const { r, author, roles, person } = managingBoard(res, "edit subgroups");
    const input = parseInput(NewSubgroupSchema, req.body);
    permitted(mayCreateFor(roles, input.boards), person.displayName, `add subgroups to ${input.boards.join(", ")}`);
    attachable(r, roles, person.displayName, input.chair ? [input.chair] : [], input.boards);
    const subgroup = newSubgroup(input, { id: newId("subgroup-"), people: r.people, subgroups: r.subgroups });
    await create(res, "subgroups", subgroup, author, subgroup.name, null, subgroup.boards);
  });

  app.patch("/api/subgroups/:id", async (req, res) => {
    const { r, author, roles, person } = managingBoard(res, "edit subgroups");
    const change = parseInput(SubgroupEditSchema, req.body);
    const subgroup = r.subgroups.find((g) => g.id === existing(r.subgroups, req.params.id, "subgroup"))!;
    permitted(mayEditSubgroup(roles, subgroup, r, change), person.displayName, `change subgroup "${subgroup.name}"`);
    attachable(r, roles, person.displayName, change.chair && change.chair !== subgroup.chair ? [change.chair] : [], change.boards ?? subgroup.boards);
    await edit(req, res, "subgroups", subgroup.id, author, (current) => applySubgroupEdit(current, change, { people: r.people, subgroups: r.subgroups }), (g) => g.name, null, subgroup.boards);
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
