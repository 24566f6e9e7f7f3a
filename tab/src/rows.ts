import { matchesPlanFilter, type FilterableAction, type PlanFilter } from "../../src/core/plan-filter.js";
import { compareActions, type SortableAction, type SortKey } from "../../src/core/action-sort.js";
import { planActions } from "../../src/core/plan-export.js";
import type { TabAction, TabPlan } from "./types";

/** The plan flattened for a virtual list: headings as the document has them, then actions. */
export type Row =
  | { kind: "section"; key: string; label: string; title: string }
  | { kind: "deliverable"; key: string; label: string; title: string }
  | { kind: "action"; key: string; action: TabAction }
  | { kind: "empty"; key: string };

const filterables = new WeakMap<TabAction, FilterableAction>();
/** What the filter looks at, made once per action as loaded; the search text only when a search asks for it. */
export const filterable = (a: TabAction): FilterableAction => {
  let made = filterables.get(a);
  if (!made) filterables.set(a, (made = filterableOf(a)));
  return made;
};

const filterableOf = (a: TabAction): FilterableAction => ({
  ref: a.ref,
  text: a.text,
  leadAsWritten: a.lead.asWritten,
  rating: a.rating,
  leadId: a.facts.leadId,
  leadPeople: a.facts.leadPeople,
  subgroupIds: a.facts.subgroupIds,
  overdue: a.facts.overdue,
  dueSoon: a.facts.dueSoon,
  stale: a.facts.stale.length > 0,
  unreachable: a.facts.unreachable.length > 0,
  get searchText() {
    return [a.partners, a.expectedOutcome, a.timescale.text, ...a.updates.map((u) => u.text)].filter(Boolean).join("\n");
  },
});

export const allActions = (plan: TabPlan): TabAction[] => planActions(plan);

/** How the grid lays the plan out: grouped as the document (or one list), sorted by a column (or the plan's order). */
export interface GridView {
  grouped: boolean;
  sort: SortKey | null;
  descending: boolean;
}
export const DOCUMENT_VIEW: GridView = { grouped: true, sort: null, descending: false };

const sortable = (a: TabAction): SortableAction => ({ ref: a.ref, text: a.text, lead: a.lead.asWritten, deadline: a.facts.deadline, rating: a.rating, latestAt: a.updates.at(-1)?.at ?? null });

export function planRows(plan: TabPlan, filter: PlanFilter, view: GridView = DOCUMENT_VIEW): { rows: Row[]; shown: number } {
  const rows: Row[] = [];
  let shown = 0;
  const order = view.sort ? compareActions(view.sort, view.descending) : null;
  const keep = (actions: TabAction[]) => {
    const kept = actions.filter((a) => matchesPlanFilter(filterable(a), filter));
    return order ? kept.sort((x, y) => order(sortable(x), sortable(y))) : kept;
  };
  if (!view.grouped) {
    const actions = keep(planActions(plan));
    return { rows: actions.map((a) => ({ kind: "action", key: a.id, action: a })), shown: actions.length };
  }
  for (const s of plan.sections) {
    const direct = keep(s.actions);
    const deliverables = s.deliverables.map((d) => ({ d, actions: keep(d.actions) })).filter((x) => x.actions.length > 0);
    const word = s.kind === "recommendation" ? "Recommendation" : "Priority";
    // A section with no actions at all is shown whatever the filter: a recommendation nobody acts on is a gap.
    if (s.actions.length === 0 && s.deliverables.every((d) => d.actions.length === 0)) {
      rows.push({ kind: "section", key: s.id, label: `${word} ${s.number}`, title: s.title }, { kind: "empty", key: `${s.id}:empty` });
      continue;
    }
    if (direct.length === 0 && deliverables.length === 0) continue;
    rows.push({ kind: "section", key: s.id, label: `${word} ${s.number}`, title: s.title });
    for (const a of direct) rows.push({ kind: "action", key: a.id, action: a });
    for (const { d, actions } of deliverables) {
      rows.push({ kind: "deliverable", key: d.id, label: `Key deliverable ${d.ref}`, title: d.text });
      for (const a of actions) rows.push({ kind: "action", key: a.id, action: a });
    }
    shown += direct.length + deliverables.reduce((n, x) => n + x.actions.length, 0);
  }
  return { rows, shown };
}
