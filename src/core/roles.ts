/**
 * Who may do what, per board. Administrators (ASSURE_ADMINS, `assure admin`) set a board up;
 * board managers edit everything in their own plans; a subgroup chair edits the actions its
 * subgroup steers; a lead adds progress updates to its own actions; everyone else in the tenant
 * reads. Several boards may share a tenant, so a rule about a shared record (a lead, a person,
 * a subgroup) asks about every plan that uses it. Kept free of heavy imports: the tab bundles it.
 */
export interface Roles {
  /** The directory person, or null for someone signed in who is not in it (an administrator, a reader). */
  personId: string | null;
  admin: boolean;
  /** Plans this person manages. */
  managerOf: string[];
  /** Subgroups this person chairs. */
  chairOf: string[];
  /** Leads-directory entries this person answers for. */
  leadOf: string[];
}

interface PlanLike {
  id: string;
  managers: readonly string[];
}
interface SubgroupLike {
  id: string;
  chair: string | null;
}
interface LeadLike {
  id: string;
  asWritten: string;
  members: readonly string[];
  subgroups: readonly string[];
}
interface ActionLike {
  planId: string;
  lead: { asWritten: string };
}
export interface RoleRecords {
  plans: readonly PlanLike[];
  subgroups: readonly SubgroupLike[];
  leads: readonly LeadLike[];
}

export function rolesOf(personId: string | null, records: RoleRecords, admin = false): Roles {
  const has = (ids: readonly string[]) => personId !== null && ids.includes(personId);
  return {
    personId,
    admin,
    managerOf: records.plans.filter((p) => has(p.managers)).map((p) => p.id),
    chairOf: records.subgroups.filter((s) => personId !== null && s.chair === personId).map((s) => s.id),
    leadOf: records.leads.filter((l) => has(l.members)).map((l) => l.id),
  };
}

/** Plans and their sections and actions: the plan's board managers, or an administrator. */
export const mayManagePlan = (roles: Roles, planId: string): boolean => roles.admin || roles.managerOf.includes(planId);

/** New plans, leads, subgroups and people picked from the tenant's directory: administrators and anyone who manages a plan. */
export const mayManageBoard = (roles: Roles): boolean => roles.admin || roles.managerOf.length > 0;

/** Importing a document: as a new plan, like starting one; into a plan that exists, only by its managers (or an administrator). */
export const mayImportInto = (roles: Roles, plan: { id: string; isNew: boolean }): boolean => (plan.isNew ? mayManageBoard(roles) : mayManagePlan(roles, plan.id));

/** The action's own fields (text, lead, timescale, rating, sign-off): its plan's managers and its subgroups' chairs. */
export function mayEditAction(roles: Roles, action: { planId: string; subgroupIds: readonly string[] }): boolean {
  return mayManagePlan(roles, action.planId) || action.subgroupIds.some((s) => roles.chairOf.includes(s));
}

/** Progress updates: the people who answer for the action's lead. */
export const mayUpdateProgress = (roles: Roles, action: { leadId: string | null }): boolean =>
  action.leadId !== null && roles.leadOf.includes(action.leadId);

const key = (asWritten: string) => asWritten.toLowerCase().replace(/\s+/g, " ").trim();

/** The plans whose actions name this lead. */
export function plansUsingLead(lead: { asWritten: string }, actions: readonly ActionLike[]): string[] {
  return [...new Set(actions.filter((a) => key(a.lead.asWritten) === key(lead.asWritten)).map((a) => a.planId))];
}

/** The plans with an action whose lead belongs to this subgroup. */
export function plansUsingSubgroup(subgroupId: string, leads: readonly LeadLike[], actions: readonly ActionLike[]): string[] {
  return [...new Set(leads.filter((l) => l.subgroups.includes(subgroupId)).flatMap((l) => plansUsingLead(l, actions)))];
}

/** The plans a person leads in: those using a lead they answer for. */
export function plansLedBy(personId: string, leads: readonly LeadLike[], actions: readonly ActionLike[]): string[] {
  return [...new Set(leads.filter((l) => l.members.includes(personId)).flatMap((l) => plansUsingLead(l, actions)))];
}

/** A decision with the plans whose managers could do it instead, for a 403 that says who can. */
export type Permission = { ok: true } | { ok: false; askManagersOf: string[] };
const allowed: Permission = { ok: true };

/** Managers of some plans may act only if they manage every one of them; an administrator always may. */
function managesAll(roles: Roles, planIds: readonly string[]): Permission {
  if (roles.admin) return allowed;
  if (roles.managerOf.length === 0) return { ok: false, askManagersOf: [...planIds] };
  const others = planIds.filter((p) => !roles.managerOf.includes(p));
  return others.length === 0 ? allowed : { ok: false, askManagersOf: others };
}

/** A lead: only if every plan that uses it is the manager's (a lead nobody uses yet: any manager). */
export const mayEditLead = (roles: Roles, lead: LeadLike, actions: readonly ActionLike[]): Permission =>
  mayManageBoard(roles) ? managesAll(roles, plansUsingLead(lead, actions)) : { ok: false, askManagersOf: [] };

/** A subgroup: administrators, or managers of every plan that uses it. */
export const mayEditSubgroup = (roles: Roles, subgroupId: string, leads: readonly LeadLike[], actions: readonly ActionLike[]): Permission =>
  mayManageBoard(roles) ? managesAll(roles, plansUsingSubgroup(subgroupId, leads, actions)) : { ok: false, askManagersOf: [] };

/**
 * A person's own details (job title, email): administrators, and managers of a plan the person
 * leads in. Their Entra object id, which says who signs in as them: administrators only, or one
 * manager could become another board's manager by binding their own id to that record.
 */
export function mayEditPerson(roles: Roles, person: { id: string }, change: { entraObjectId?: unknown }, leads: readonly LeadLike[], actions: readonly ActionLike[]): Permission {
  if (roles.admin) return allowed;
  if (change.entraObjectId !== undefined) return { ok: false, askManagersOf: [] };
  const led = plansLedBy(person.id, leads, actions);
  return led.some((p) => roles.managerOf.includes(p)) ? allowed : { ok: false, askManagersOf: led };
}
