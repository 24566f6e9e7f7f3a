import { dayOf, existedOn, trackedAsAt } from "./action-as-at.js";
import type { ActionEvent } from "./action-event.js";
import type { Action } from "./action.js";
import type { IsoDate } from "./iso-date.js";
import type { ProgressUpdate } from "./progress-update.js";

/** What recordsAsAt reads and gives back: the actions with their history (the rest is passed through). */
interface WithHistory {
  actions: readonly Action[];
  progressUpdates: readonly ProgressUpdate[];
  actionEvents: readonly ActionEvent[];
}

/** Every record as it stood at the end of `day`: for views over the flat records (digests, the register's reports), as planAsAt is for nested plans. */
export function recordsAsAt<R extends WithHistory>(r: R, day: IsoDate): R {
  const updates = r.progressUpdates.filter((u) => dayOf(u.at) <= day);
  const events = r.actionEvents.filter((e) => dayOf(e.at) <= day);
  const group = <T extends { actionId: string }>(rows: readonly T[]) => {
    const by = new Map<string, T[]>();
    for (const row of rows) by.set(row.actionId, [...(by.get(row.actionId) ?? []), row]);
    return by;
  };
  const allUpdates = group<ProgressUpdate>(r.progressUpdates);
  const allEvents = group<ActionEvent>(r.actionEvents);
  const actions = r.actions
    .map((a) => ({ a, history: { updates: allUpdates.get(a.id) ?? [], events: allEvents.get(a.id) ?? [] } }))
    .filter(({ history }) => existedOn(history, day))
    .map(({ a, history }) => ({ ...a, ...trackedAsAt(a, history, day) }));
  return { ...r, actions, progressUpdates: updates, actionEvents: events } as R;
}
