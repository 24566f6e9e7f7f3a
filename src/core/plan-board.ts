import { isOpen, type Action } from "./action.js";
import { deadlineState } from "./deadline-state.js";
import { leadReach, type Conversation, type Reach } from "./conversation.js";
import { bounceDay, emailUsable } from "./email-bounce.js";
import type { IsoDate } from "./iso-date.js";
import { leadRecipients, leadResolver, resolveLead, type Lead } from "./lead.js";
import { londonDate } from "./london.js";
import type { Plan } from "./plan.js";
import { findStaleRating, type StaleReason } from "./rag.js";
import type { BoardRecords } from "./records.js";
import type { ProgressUpdate } from "./progress-update.js";
import { nestPlans, type ActionView, type DeliverableView, type PlanView, type SectionView } from "./plan-export.js";

/** What the tab shows beside each action: the facts its filters and badges need, worked out once, here. */
export interface ActionFacts {
  deadline: IsoDate | null;
  overdue: boolean;
  dueSoon: boolean;
  stale: StaleReason[];
  /** The directory entry's id, its people's names, and its subgroups; null when the lead is not in the directory. */
  leadId: string | null;
  leadPeople: string[];
  subgroupIds: string[];
  /** People who should hear about this action but whom the bot cannot reach. */
  unreachable: { name: string; reach: Exclude<Reach, "reachable">; reason: string | null }[];
}

/** The day a lead last said anything about an action: its latest update, else when the plan was last updated. */
export function lastHeardOn(plan: Plan, updates: readonly ProgressUpdate[], today: IsoDate): IsoDate {
  // Only the latest instant needs London's calendar (instants may carry any offset, so compare them as times).
  const latest = Math.max(...updates.map((u) => Date.parse(u.at)));
  return updates.length > 0 ? londonDate(new Date(latest)) : (plan.updatedOn ?? plan.period?.from ?? today);
}

export function actionFacts(input: {
  action: Action;
  plan: Plan;
  updates: readonly ProgressUpdate[];
  records: Pick<BoardRecords, "leads" | "people">;
  conversations: readonly Conversation[];
  /** Assure sends email (ASSURE_MAIL_FROM): a lead with an email address is reachable that way. */
  emailEnabled?: boolean;
  today: IsoDate;
  /** The directory's lookup, when many actions are read against it (`leadResolver`). */
  resolve?: (asWritten: string, boards: readonly string[]) => Lead | null;
}): ActionFacts {
  const { action, plan, records, today } = input;
  const { deadline, overdue, dueSoon } = deadlineState(action, today);
  const open = isOpen(action);
  const lead = input.resolve ? input.resolve(action.lead.asWritten, plan.boards) : resolveLead(action.lead.asWritten, records.leads, plan.boards);
  const person = (id: string) => records.people.find((p) => p.id === id);
  const unreachable = (lead && open ? leadRecipients(lead) : []).flatMap((id) => {
    const p = person(id);
    const reach = leadReach(p, input.conversations, input.emailEnabled ?? false);
    const teams = input.conversations.find((c) => c.entraObjectId === p?.entraObjectId)?.reason ?? null;
    // Email that bounced is said beside why Teams cannot reach them.
    const bounced = p?.emailBounce && !emailUsable(p) ? `email to ${p.email} bounced on ${bounceDay(p.emailBounce)}` : null;
    const reason = [teams, bounced].filter(Boolean).join("; ") || null;
    return reach === "reachable" ? [] : [{ name: p?.displayName ?? id, reach, reason }];
  });
  return {
    deadline,
    overdue,
    dueSoon,
    stale: open ? findStaleRating({ rating: action.rating, deadline, lastHeard: lastHeardOn(plan, input.updates, today), today }) : [],
    leadId: lead?.id ?? null,
    leadPeople: (lead?.members ?? []).map((id) => person(id)?.displayName ?? id),
    subgroupIds: lead?.subgroups ?? [],
    unreachable,
  };
}

export type BoardAction = ActionView & { facts: ActionFacts };
export type BoardPlan = Omit<PlanView, "sections"> & {
  sections: (Omit<SectionView, "actions" | "deliverables"> & {
    actions: BoardAction[];
    deliverables: (Omit<DeliverableView, "actions"> & { actions: BoardAction[] })[];
  })[];
};

/** One plan as the tab shows it: nested as the document reads, each action with its facts. */
export function planBoard(input: { records: BoardRecords; conversations: readonly Conversation[]; planId: string; today: IsoDate; emailEnabled?: boolean }): BoardPlan | null {
  const { records, conversations, today } = input;
  const plan = nestPlans({ ...records, plans: records.plans.filter((p) => p.id === input.planId) })[0];
  if (!plan) return null;
  const resolve = leadResolver(records.leads);
  const withFacts = (a: ActionView): BoardAction => ({ ...a, facts: actionFacts({ action: a, plan, updates: a.updates, records, conversations, today, emailEnabled: input.emailEnabled ?? false, resolve }) });
  return {
    ...plan,
    sections: plan.sections.map((s) => ({
      ...s,
      actions: s.actions.map(withFacts),
      deliverables: s.deliverables.map((d) => ({ ...d, actions: d.actions.map(withFacts) })),
    })),
  };
}

