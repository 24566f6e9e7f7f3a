/**
 * Who may do what in a plan. Board managers edit everything in their plans; a subgroup chair
 * edits the actions its subgroup steers; a lead adds progress updates to its own actions;
 * everyone else in the tenant reads. Kept free of heavy imports: the tab bundles it.
 */
export interface Roles {
  personId: string;
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
  members: readonly string[];
}

export function rolesOf(personId: string, records: { plans: readonly PlanLike[]; subgroups: readonly SubgroupLike[]; leads: readonly LeadLike[] }): Roles {
  return {
    personId,
    managerOf: records.plans.filter((p) => p.managers.includes(personId)).map((p) => p.id),
    chairOf: records.subgroups.filter((s) => s.chair === personId).map((s) => s.id),
    leadOf: records.leads.filter((l) => l.members.includes(personId)).map((l) => l.id),
  };
}

/** Plans, sections, the leads directory and subgroups: board managers only. */
export const mayManagePlan = (roles: Roles, planId: string): boolean => roles.managerOf.includes(planId);

/** New plans, the leads directory, its people and the subgroups: anyone who manages one of the board's plans. */
export const mayManageBoard = (roles: Roles): boolean => roles.managerOf.length > 0;

/** The action's own fields (text, lead, timescale, rating, sign-off): its plan's managers and its subgroups' chairs. */
export function mayEditAction(roles: Roles, action: { planId: string; subgroupIds: readonly string[] }): boolean {
  return mayManagePlan(roles, action.planId) || action.subgroupIds.some((s) => roles.chairOf.includes(s));
}

/** Progress updates: the people who answer for the action's lead. */
export const mayUpdateProgress = (roles: Roles, action: { leadId: string | null }): boolean =>
  action.leadId !== null && roles.leadOf.includes(action.leadId);
