import { currentDeadline, type Action } from "./action.js";
import { actionAsAt, existedOn } from "./action-as-at.js";
import type { ActionEvent } from "./action-event.js";
import type { IsoDate } from "./iso-date.js";
import type { Deliverable, Plan, Section } from "./plan.js";
import type { ProgressUpdate } from "./progress-update.js";
import type { BoardRecords } from "./records.js";

export type ActionView = Action & { deadline: IsoDate | null; updates: ProgressUpdate[]; events: ActionEvent[] };
export type DeliverableView = Deliverable & { actions: ActionView[] };
export type SectionView = Section & { actions: ActionView[]; deliverables: DeliverableView[] };
export type PlanView = Plan & { sections: SectionView[] };

// One collator for every comparison: "1.10" after "1.9". (localeCompare with options builds one per call.)
const numbered = new Intl.Collator("en", { numeric: true }).compare;
const byRef = (a: { ref: string }, b: { ref: string }) => numbered(a.ref, b.ref);

/** Plans as the documents read: section → deliverable → action → updates, in plan order. */
export function nestPlans(r: BoardRecords): PlanView[] {
  // Grouped once: a plan of thousands of actions must not scan every update for each action.
  const updatesByAction = groupBy(r.progressUpdates, (u) => u.actionId);
  const updatesOf = (actionId: string) => [...(updatesByAction.get(actionId) ?? [])].sort((a, b) => a.at.localeCompare(b.at));
  const eventsByAction = groupBy(r.actionEvents, (e) => e.actionId);
  const eventsOf = (actionId: string) => [...(eventsByAction.get(actionId) ?? [])].sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
  const view = (a: Action): ActionView => ({ ...a, deadline: currentDeadline(a), updates: updatesOf(a.id), events: eventsOf(a.id) });
  // Actions and deliverables by section, once: not every action scanned for each of a plan's sections.
  const actionsBySection = groupBy(r.actions, (a) => a.sectionId);
  const deliverablesBySection = groupBy(r.deliverables, (d) => d.sectionId);

  return r.plans.map((plan) => ({
    ...plan,
    sections: r.sections
      .filter((s) => s.planId === plan.id)
      .sort((a, b) => numbered(a.number, b.number))
      .map((section) => {
        const actions = [...(actionsBySection.get(section.id) ?? [])].sort(byRef);
        return {
          ...section,
          actions: actions.filter((a) => a.deliverableId === null).map(view),
          deliverables: [...(deliverablesBySection.get(section.id) ?? [])]
            .sort(byRef)
            .map((d) => ({ ...d, actions: actions.filter((a) => a.deliverableId === d.id).map(view) })),
        };
      }),
  }));
}

/**
 * The plan as it stood at the end of `day`: every action's fields from its history up to then,
 * with only that history, and without actions created in Assure after it. Every "as at" view
 * (dashboard, board paper, annual report) reads plans through this.
 */
export function planAsAt(plan: PlanView, day: IsoDate): PlanView {
  const asAt = (actions: ActionView[]) => actions.filter((a) => existedOn(a, day)).map((a) => actionAsAt(a, day));
  return {
    ...plan,
    sections: plan.sections.map((s) => ({ ...s, actions: asAt(s.actions), deliverables: s.deliverables.map((d) => ({ ...d, actions: asAt(d.actions) })) })),
  };
}

/** Every action of a nested plan (board, view or tab plan), in plan order: each section's own, then its deliverables'. */
export const planActions = <A>(plan: { sections: readonly { actions: readonly A[]; deliverables: readonly { actions: readonly A[] }[] }[] }): A[] =>
  plan.sections.flatMap((s) => [...s.actions, ...s.deliverables.flatMap((d) => d.actions)]);

/** What `assure export` prints: every plan nested, with the directory it refers to. */
export function exportRecords(r: BoardRecords) {
  return { plans: nestPlans(r), leads: r.leads, people: r.people, subgroups: r.subgroups };
}

function groupBy<T>(rows: readonly T[], key: (row: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const row of rows) {
    const k = key(row);
    const group = groups.get(k);
    if (group) group.push(row);
    else groups.set(k, [row]);
  }
  return groups;
}
