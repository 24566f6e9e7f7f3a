/**
 * Who may do what, per board. Administrators (ASSURE_ADMINS, `assure admin`) set boards up and
 * may do anything; a board's managers (the managers of its plans) act inside that board only; a
 * subgroup chair edits the actions its subgroup steers; a lead adds progress updates to its own
 * actions; everyone else in the tenant reads. Several boards may share a tenant, so a record
 * several boards share (a lead, a person, a subgroup) is changed only by an administrator or by
 * someone who manages every one of those boards, and a record of no board by an administrator
 * only. One function per rule. Kept free of heavy imports: the tab bundles it.
 */
export interface Roles {
  /** The directory person, or null for someone signed in who is not in it (an administrator, a reader). */
  personId: string | null;
  admin: boolean;
  /** Plans this person manages. */
  managerOf: string[];
  /** Boards this person manages: the boards of the plans they manage. */
  boardsManaged: string[];
  /** Boards this person belongs to (their memberships and the boards they manage; every board, for an administrator): the tab's board switcher. */
  boards: string[];
  /** Subgroups this person chairs. */
  chairOf: string[];
  /** Leads-directory entries this person answers for. */
  leadOf: string[];
}

interface PlanLike {
  id: string;
  managers: readonly string[];
  boards: readonly string[];
}
interface SubgroupLike {
  id: string;
  chair: string | null;
  boards: readonly string[];
}
interface LeadLike {
  id: string;
  asWritten: string;
  members: readonly string[];
  subgroups: readonly string[];
  boards: readonly string[];
}
interface PersonLike {
  id: string;
  boards: readonly string[];
}
interface ActionLike {
  planId: string;
  lead: { asWritten: string };
}
export interface RoleRecords {
  plans: readonly PlanLike[];
  subgroups: readonly SubgroupLike[];
  leads: readonly LeadLike[];
  people?: readonly PersonLike[];
}
/** What the rules about shared records look at: which plans of which boards use what. */
export interface UseRecords {
  plans: readonly PlanLike[];
  leads: readonly LeadLike[];
  actions: readonly ActionLike[];
}

const unique = <T>(items: Iterable<T>): T[] => [...new Set(items)];

export function rolesOf(personId: string | null, records: RoleRecords, admin = false): Roles {
  const has = (ids: readonly string[]) => personId !== null && ids.includes(personId);
  const managed = records.plans.filter((p) => has(p.managers));
  const boardsManaged = unique(managed.flatMap((p) => p.boards));
  const member = records.people?.find((p) => p.id === personId)?.boards ?? [];
  return {
    personId,
    admin,
    managerOf: managed.map((p) => p.id),
    boardsManaged,
    boards: admin ? unique(records.plans.flatMap((p) => p.boards)) : unique([...boardsManaged, ...member]),
    chairOf: records.subgroups.filter((s) => personId !== null && s.chair === personId).map((s) => s.id),
    leadOf: records.leads.filter((l) => has(l.members)).map((l) => l.id),
  };
}

/** A decision with the boards whose managers could do it instead, for a 403 that says who can. */
export type Permission = { ok: true } | { ok: false; askManagersOf: string[] };
const allowed: Permission = { ok: true };

/** The one test behind every rule about boards: an administrator, or a manager of every board named (none named: administrators only). */
function managesEvery(roles: Roles, boards: readonly string[]): Permission {
  if (roles.admin) return allowed;
  const others = boards.filter((b) => !roles.boardsManaged.includes(b));
  return boards.length > 0 && others.length === 0 ? allowed : { ok: false, askManagersOf: unique(others) };
}

/** Plans and their sections and actions: the plan's board managers, or an administrator. */
export const mayManagePlan = (roles: Roles, planId: string): boolean => roles.admin || roles.managerOf.includes(planId);

/** Whether someone manages any board at all: the tab offers New plan, Import and the directory's forms; the server checks each record. */
export const mayManageBoard = (roles: Roles): boolean => roles.admin || roles.boardsManaged.length > 0;

/** Something new for these boards (a plan, a lead, a person, a subgroup): administrators, or managers of every board named. */
export const mayCreateFor = (roles: Roles, boards: readonly string[]): Permission => managesEvery(roles, boards);

/** The boards a person may start a plan (or import one, or add a lead) for: every board for an administrator, else those they manage. What New plan and the import preview offer. */
export const boardsToCreateFor = (roles: Roles): string[] => (roles.admin ? [...roles.boards] : [...roles.boardsManaged]);

/** Importing a document: as a new plan, like starting one for its boards; into a plan that exists, only by its managers (or an administrator). */
export const mayImportInto = (roles: Roles, plan: { id: string; isNew: boolean; boards: readonly string[] }): boolean =>
  plan.isNew ? mayCreateFor(roles, plan.boards).ok : mayManagePlan(roles, plan.id);

/** A plan's own fields: its managers; moving it to boards, only a manager of every one of them. */
export function mayEditPlan(roles: Roles, plan: { id: string; boards: readonly string[] }, change: { boards?: readonly string[] } = {}): Permission {
  if (!mayManagePlan(roles, plan.id)) return { ok: false, askManagersOf: [...plan.boards] };
  return change.boards ? managesEvery(roles, change.boards) : allowed;
}

/** The action's own fields (text, lead, timescale, rating, sign-off): its plan's managers and its subgroups' chairs. */
export function mayEditAction(roles: Roles, action: { planId: string; subgroupIds: readonly string[] }): boolean {
  return mayManagePlan(roles, action.planId) || action.subgroupIds.some((s) => roles.chairOf.includes(s));
}

/** Progress updates: the people who answer for the action's lead. */
export const mayUpdateProgress = (roles: Roles, action: { leadId: string | null }): boolean =>
  action.leadId !== null && roles.leadOf.includes(action.leadId);

/**
 * A person or lead put on a record of these boards (a lead's members, a subgroup's chair, a plan's
 * managers, an action's lead): only one of those boards' own. A manager may not reach into another
 * board's directory; an administrator sets up what boards share.
 */
export const mayAttach = (roles: Roles, record: { boards: readonly string[] }, boards: readonly string[]): boolean =>
  roles.admin || record.boards.some((b) => boards.includes(b));

const key = (asWritten: string) => asWritten.toLowerCase().replace(/\s+/g, " ").trim();

/** The plans whose actions name this lead, in one of its boards' plans. */
export function plansUsingLead(lead: { asWritten: string; boards: readonly string[] }, records: Pick<UseRecords, "plans" | "actions">): PlanLike[] {
  const plans = records.plans.filter((p) => p.boards.some((b) => lead.boards.includes(b)));
  const used = new Set(records.actions.filter((a) => key(a.lead.asWritten) === key(lead.asWritten)).map((a) => a.planId));
  return plans.filter((p) => used.has(p.id));
}

/** The plans with an action whose lead belongs to this subgroup. */
export const plansUsingSubgroup = (subgroupId: string, records: UseRecords): PlanLike[] =>
  unique(records.leads.filter((l) => l.subgroups.includes(subgroupId)).flatMap((l) => plansUsingLead(l, records)));

/** The plans a person leads in: those using a lead they answer for. */
export const plansLedBy = (personId: string, records: UseRecords): PlanLike[] =>
  unique(records.leads.filter((l) => l.members.includes(personId)).flatMap((l) => plansUsingLead(l, records)));

const boardsOf = (plans: readonly PlanLike[]) => plans.flatMap((p) => p.boards);

/** A lead: managers of every board it belongs to, whose plans use it, or the edit gives it; administrators. */
export const mayEditLead = (roles: Roles, lead: LeadLike, records: UseRecords, change: { boards?: readonly string[] } = {}): Permission =>
  managesEvery(roles, unique([...lead.boards, ...boardsOf(plansUsingLead(lead, records)), ...(change.boards ?? [])]));

/** A subgroup: managers of every board it serves, whose plans use it, or the edit gives it; administrators. A subgroup no plan uses is no freer than one in use. */
export const mayEditSubgroup = (roles: Roles, subgroup: SubgroupLike, records: UseRecords, change: { boards?: readonly string[] } = {}): Permission =>
  managesEvery(roles, unique([...subgroup.boards, ...boardsOf(plansUsingSubgroup(subgroup.id, records)), ...(change.boards ?? [])]));

/**
 * A person's own details (job title, email, channel, boards): managers of every board they belong
 * to or lead in, and of any board the edit gives them; administrators. Their Entra object id, which
 * says who signs in as them: administrators only, or one manager could become another board's
 * manager by binding their own id to that record.
 */
export function mayEditPerson(roles: Roles, person: PersonLike, change: { entraObjectId?: unknown; boards?: readonly string[] }, records: UseRecords): Permission {
  if (change.entraObjectId !== undefined && !roles.admin) return { ok: false, askManagersOf: [] };
  return managesEvery(roles, unique([...person.boards, ...boardsOf(plansLedBy(person.id, records)), ...(change.boards ?? [])]));
}
