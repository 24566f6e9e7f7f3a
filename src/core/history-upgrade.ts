import type { Action } from "./action.js";
import { applyStep, baselineOf, stepsOf } from "./action-as-at.js";
import { EventFieldSchema, type ActionEvent, type EventField } from "./action-event.js";
import type { Change } from "./change-log.js";
import type { BoardRecords } from "./records.js";

/** Upgrade events are named for their action and place, so running the upgrade again writes nothing new. */
const upgradeId = (actionId: string, n: number) => `${actionId}/upgrade-${n}`;
export const isUpgradeEvent = (e: ActionEvent) => /\/upgrade-\d+$/.test(e.id);

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * The events a site kept before Assure recorded events needs, so its past reads as it was:
 * each manager's edit the change log dated (who, when; no reason was asked then), each new
 * deadline a lead gave (applied when given, before deadlines needed approval), and, where the
 * stored values still differ from that history, the values as stored, dated just after the
 * last thing known to have happened to the action. Actions that already have events of their
 * own are left alone.
 */
export function upgradeEvents(records: BoardRecords, changes: readonly Change[]): ActionEvent[] {
  return records.actions.flatMap((action) => {
    const own = records.actionEvents.filter((e) => e.actionId === action.id);
    if (own.some((e) => !isUpgradeEvent(e))) return [];
    const updates = records.progressUpdates.filter((u) => u.actionId === action.id);
    return eventsFor(action, updates, changes.filter((c) => c.subject.kind === "action" && c.subject.id === action.id && c.what === "edited"));
  });
}

function eventsFor(action: Action, updates: BoardRecords["progressUpdates"], changes: readonly Change[]): ActionEvent[] {
  const logged = changes.flatMap((c): ActionEvent[] => {
    const fields = c.fields.flatMap((f) => {
      const parsed = EventFieldSchema.safeParse(f);
      return parsed.success && !same(parsed.data.from, parsed.data.to) ? [parsed.data] : [];
    });
    return fields.length ? [{ id: "", actionId: action.id, at: c.at, by: { personId: c.by.personId, name: c.by.name, role: "board manager" }, kind: "upgraded", reason: null, decides: null, fields }] : [];
  });
  const applied = updates.flatMap((u): ActionEvent[] =>
    u.proposedDeadline
      ? [{ id: "", actionId: action.id, at: u.at, by: { personId: null, name: "Assure", role: "Assure" }, kind: "deadline-approved", reason: "applied when the lead gave it, before new deadlines needed a manager's approval", decides: u.id, fields: [{ field: "revisedDeadline", from: null, to: u.proposedDeadline }] }]
      : [],
  );
  const events = [...logged, ...applied].sort((a, b) => Date.parse(a.at) - Date.parse(b.at)).map((e, n) => ({ ...e, id: upgradeId(action.id, n + 1) }));
  // Each deadline's "from" is what stood just before it.
  const steps = stepsOf({ updates, events });
  let state = baselineOf(action, steps);
  for (const step of steps) {
    if (step.event?.kind === "deadline-approved") step.event.fields[0]!.from = state.revisedDeadline;
    state = applyStep(state, step);
  }
  const stored: Record<EventField["field"], unknown> = { rating: action.rating, status: action.status, revisedDeadline: action.revisedDeadline, lead: action.lead, text: action.text, timescale: action.timescale };
  const differ = (Object.keys(stored) as EventField["field"][]).filter((f) => !same(state[f], stored[f]));
  if (differ.length === 0 || steps.length === 0) return events;
  const last = Date.parse(steps.at(-1)!.at);
  const fields = differ.map((field) => EventFieldSchema.parse({ field, from: state[field], to: stored[field] }));
  return [...events, { id: upgradeId(action.id, events.length + 1), actionId: action.id, at: new Date(last + 1).toISOString(), by: { personId: null, name: "Assure", role: "Assure" }, kind: "upgraded", reason: "the values stored when this site was upgraded to keep events", decides: null, fields }];
}
